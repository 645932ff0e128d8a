//! `briefing serve` end to end: the binary on a free port, real HTTP over
//! loopback, a real file watcher. Waits are bounded polls with generous
//! timeouts; nothing asserts how fast anything is.

mod common;

use common::{browser, TempSite};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// How long any one wait may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `briefing serve`, stopped (and its output dir removed) on drop.
struct Server {
    child: Child,
    addr: SocketAddr,
    output: PathBuf,
    log: Receiver<String>,
}

impl Server {
    fn start(site: &TempSite) -> Server {
        Server::start_with(site, &[])
    }

    /// Starts `serve` with `args` after `--port 0`.
    fn start_with(site: &TempSite, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .arg("--root")
            .arg(site.root())
            .args(["serve", "--port", "0"])
            .args(args)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start briefing serve");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            output: PathBuf::new(),
            log,
        };
        let line = server.wait_for_log("serving http://");
        let rest = line.trim_start_matches("serving http://");
        let (addr, rest) = rest.split_once('/').expect("address");
        server.addr = addr.parse().expect("socket address");
        let dir = rest.trim_start_matches(" from ");
        server.output = PathBuf::from(&dir[..dir.find(" (watching").expect("output dir")]);
        server
    }

    /// Waits for a log line containing `needle`; returns it.
    fn wait_for_log(&self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.log.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(e) => panic!("no log line with {needle:?}: {e}"),
            }
        }
    }

    /// Sends a raw request line for `target` and returns (status, headers, body).
    fn get(&self, target: &str) -> Response {
        self.request(&format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        ))
    }

    /// Sends `head` as it is and returns the response.
    fn request(&self, head: &str) -> Response {
        let mut stream = TcpStream::connect(self.addr).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read response");
        Response::parse(&raw)
    }

    /// Opens the event stream and returns its events as (name, data).
    fn events(&self) -> Receiver<(String, String)> {
        let mut stream = TcpStream::connect(self.addr).expect("connect");
        write!(
            stream,
            "GET /__briefing/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.addr
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        let (opened, open) = mpsc::channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if line.starts_with("retry:") {
                    let _ = opened.send(());
                } else if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    if tx.send((name.clone(), data.to_string())).is_err() {
                        break;
                    }
                }
            }
        });
        // The server subscribes before it answers: from here on no event is missed.
        open.recv_timeout(PATIENCE).expect("the event stream opens");
        rx
    }

    /// Polls `target` until its body contains `needle`.
    fn wait_for_page(&self, target: &str, needle: &str) -> Response {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let response = self.get(target);
            if response.body.contains(needle) {
                return response;
            }
            assert!(
                Instant::now() < deadline,
                "{target} never showed {needle:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(parent) = self.output.parent() {
            let _ = std::fs::remove_dir_all(parent);
        }
    }
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text.split_once("\r\n\r\n").expect("response head");
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("status");
        Response {
            status,
            headers: head.to_ascii_lowercase(),
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ")))
    }
}

/// Waits for an event named `name` whose data contains `needle`, skipping
/// others (an editor's save may be seen half-written first).
fn next_event(events: &Receiver<(String, String)>, name: &str, needle: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok((n, data)) if n == name && data.contains(needle) => return data,
            Ok(_) => {}
            Err(e) => panic!("no {name} event with {needle:?}: {e}"),
        }
    }
}

const INTRO_EN: &str = "content/briefings/alpha/01-introduction.en.md";

#[test]
fn an_edit_is_rebuilt_served_and_announced() {
    let site = TempSite::fixture("basic");
    let server = Server::start(&site);
    let page = server.get("/en/briefings/alpha/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("growing."), "{}", page.body);
    assert!(
        page.body.contains("/__briefing/events"),
        "the reload script is served"
    );

    let events = server.events();
    site.write(
        INTRO_EN,
        "---\ntitle: Introduction\n---\n\nEdited while serving.[^1] Second.[^2]\n",
    );
    next_event(&events, "reload", "");
    let page = server.get("/en/briefings/alpha/");
    assert!(page.body.contains("Edited while serving."), "{}", page.body);
    let line = server.wait_for_log("01-introduction.en.md changed: rendered 2 page(s)");
    assert!(line.contains(" ms"), "{line}");

    let on_disk =
        std::fs::read_to_string(server.output.join("en/briefings/alpha/index.html")).unwrap();
    assert!(on_disk.contains("Edited while serving."));
    assert!(
        !on_disk.contains("__briefing"),
        "the script is never written to disk"
    );
}

#[test]
fn a_broken_edit_keeps_the_last_good_build_until_fixed() {
    let site = TempSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    site.write(
        INTRO_EN,
        "---\ntitle: Introduction\n---\n\nBroken edit.[^99]\n",
    );
    let error = next_event(&events, "build-error", "[^99]");
    assert!(
        error.contains(
            "01-introduction.en.md:5:13: error: note [^99] is referenced but never defined"
        ),
        "{error}"
    );
    server.wait_for_log("1 error(s), still serving the last good build");
    server.wait_for_log("01-introduction.en.md:5:13: error");
    let page = server.get("/en/briefings/alpha/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("growing.") && !page.body.contains("Broken edit."));

    // A page opened while the site is broken is told at once.
    let late = server.events();
    next_event(&late, "build-error", "[^99]");

    site.write(
        INTRO_EN,
        "---\ntitle: Introduction\n---\n\nFixed edit.[^1]\n",
    );
    next_event(&events, "reload", "");
    server.wait_for_page("/en/briefings/alpha/", "Fixed edit.");
}

#[test]
fn only_files_inside_the_output_are_served() {
    let site = TempSite::fixture("basic");
    site.write("secret.txt", "top secret");
    let server = Server::start(&site);
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        site.root().join("secret.txt"),
        server.output.join("leak.txt"),
    )
    .unwrap();
    for attack in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/en/..%2f..%2f..%2fetc%2fpasswd",
        "/..%5c..%5csecret.txt",
        "/en/..\\..\\secret.txt",
        "/index.html%00.txt",
        "/leak.txt",
        "/.briefing-output",
    ] {
        let response = server.get(attack);
        assert_eq!(response.status, 404, "{attack}");
        assert!(!response.body.contains("top secret") && !response.body.contains("root:"));
        assert_eq!(
            response.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{attack}"
        );
        assert!(
            response.body.contains("<html"),
            "the site's 404 page is served"
        );
    }
    let not_found = std::fs::read_to_string(server.output.join("404.html")).unwrap();
    let title = not_found
        .split("<title>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert!(server.get("/nope/").body.contains(title));
}

#[test]
fn folders_redirect_and_types_declare_utf8() {
    let site = TempSite::fixture("basic");
    let server = Server::start(&site);
    let en = server.get("/en/");
    assert_eq!(en.status, 200);
    assert_eq!(en.header("content-type"), Some("text/html; charset=utf-8"));
    let html = scraper::Html::parse_document(&en.body);
    assert_eq!(html.root_element().attr("lang"), Some("en"), "{}", en.body);
    let redirect = server.get("/en");
    assert_eq!(
        (redirect.status, redirect.header("location")),
        (301, Some("/en/"))
    );
    let feed = server.get("/en/atom.xml?x=1");
    assert_eq!(feed.status, 200);
    assert_eq!(
        feed.header("content-type"),
        Some("application/atom+xml; charset=utf-8")
    );
    assert!(
        !feed.body.contains("__briefing"),
        "only HTML gets the script"
    );
    let css = server.get("/en/");
    let page = scraper::Html::parse_document(&css.body);
    let selector = scraper::Selector::parse("link[rel=stylesheet]").unwrap();
    let href = page
        .select(&selector)
        .find_map(|l| l.attr("href"))
        .expect("stylesheet link")
        .to_string();
    let css = server.get(&href);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
}

#[test]
fn a_save_by_rename_is_seen_and_hidden_files_are_ignored() {
    let site = TempSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    // Emacs marks a file being edited with a dangling `.#name` symlink.
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        "editor@host.1234:1700000000",
        site.root()
            .join("content/briefings/alpha/.#01-introduction.en.md"),
    )
    .unwrap();
    // Vim and many editors write a hidden temporary file and rename it over.
    let temp = "content/briefings/alpha/.01-introduction.en.md.swp";
    site.write(
        temp,
        "---\ntitle: Introduction\n---\n\nSaved by rename.[^1]\n",
    );
    std::fs::rename(site.root().join(temp), site.root().join(INTRO_EN)).unwrap();
    next_event(&events, "reload", "");
    server.wait_for_page("/en/briefings/alpha/", "Saved by rename.");
}

const OVERLAY: &str = "document.getElementById('briefing-error-overlay')";

#[test]
fn open_pages_show_errors_in_an_overlay_and_reload_when_fixed() {
    let Some(tab) = browser::tab() else { return };
    let site = TempSite::fixture("basic");
    let server = Server::start(&site);
    tab.goto(&format!("http://{}/en/briefings/alpha/", server.addr));
    site.write(
        INTRO_EN,
        "---\ntitle: Introduction\n---\n\n<b>Not</b> shown.[^98]\n",
    );
    let trade = "content/briefings/alpha/02-trade.zh-Hant.md";
    let trade_before = std::fs::read_to_string(site.root().join(trade)).unwrap();
    site.write(trade, "---\ntitle: 貿易\n---\n\n中亞貿易[^77]。\n");
    // The error sticks, so the overlay appears however late the page connected.
    tab.wait_for(&format!(
        "{OVERLAY} !== null && {OVERLAY}.querySelectorAll('li > pre').length === 2"
    ));
    let frames = tab.eval(&format!(
        "[...{OVERLAY}.querySelectorAll('li > pre')].map(p => p.textContent).sort()"
    ));
    assert_eq!(
        frames,
        serde_json::json!([
            "content/briefings/alpha/01-introduction.en.md:5:18: error: note [^98] is referenced but never defined\n  |\n5 | <b>Not</b> shown.[^98]\n  |                  ^^^^^\n  |\n  = hint: add a line `[^98]: …` to a section of this briefing, or correct the label",
            "content/briefings/alpha/02-trade.zh-Hant.md:5:5: error: note [^77] is referenced but never defined\n  |\n5 | 中亞貿易[^77]。\n  |         ^^^^^\n  |\n  = hint: add a line `[^77]: …` to a section of this briefing, or correct the label",
        ]),
        "code frames, as text"
    );
    assert_eq!(
        tab.eval(&format!("{OVERLAY}.querySelector('b, a')")),
        serde_json::Value::Null,
        "no HTML from content, no editor link without --editor"
    );
    let link = "a[href='#fn-1']";
    let covered = format!(
        "(() => {{ const r = document.querySelector(\"{link}\").getBoundingClientRect(); \
         return {OVERLAY}.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)); }})()"
    );
    assert_eq!(tab.eval(&covered), true);

    tab.press_key("Escape");
    tab.wait_for(&format!("{OVERLAY} === null"));
    assert_eq!(
        tab.eval("document.body.textContent.includes('growing.')"),
        true,
        "the last good build is underneath"
    );
    tab.click(link);
    tab.wait_for("location.hash === '#fn-1'");

    // The next broken edit shows the overlay again; its button closes it.
    site.write(trade, "---\ntitle: 貿易\n---\n\n中亞貿易[^76]。\n");
    tab.wait_for(&format!(
        "{OVERLAY} !== null && {OVERLAY}.textContent.includes('[^76]')"
    ));
    tab.click("#briefing-error-overlay button");
    tab.wait_for(&format!("{OVERLAY} === null"));

    site.write(trade, &trade_before);
    site.write(
        INTRO_EN,
        "---\ntitle: Introduction\n---\n\nFixed in the browser.\n",
    );
    tab.wait_for(&format!(
        "{OVERLAY} === null && document.body.textContent.includes('Fixed in the browser.')"
    ));
}

/// A GET of `/__briefing/open` with `headers` (each ending in CRLF).
fn open_request(server: &Server, query: &str, headers: &str) -> u16 {
    server
        .request(&format!(
            "GET /__briefing/open?{query} HTTP/1.1\r\nHost: {}\r\n{headers}Connection: close\r\n\r\n",
            server.addr
        ))
        .status
}

#[test]
fn the_editor_opens_only_site_files_and_only_for_this_servers_pages() {
    let site = TempSite::fixture("basic");
    let record = tempfile::tempdir().unwrap();
    let opened = record.path().join("opened");
    let editor = format!(
        "sh -c 'printf %s:%s:%s \"$0\" \"$1\" \"$2\" > {}' {{file}} {{line}} {{col}}",
        opened.display()
    );
    let server = Server::start_with(&site, &["--editor", &editor]);
    let ours = "Sec-Fetch-Site: same-origin\r\nX-Briefing-Open: 1\r\n";
    let intro = format!("file={}&line=5&col=2", INTRO_EN.replace('/', "%2F"));
    assert_eq!(open_request(&server, &intro, ""), 403, "no browser headers");
    assert_eq!(
        open_request(
            &server,
            &intro,
            "Sec-Fetch-Site: cross-site\r\nX-Briefing-Open: 1\r\n"
        ),
        403,
        "another site's page"
    );
    std::fs::write(record.path().join("secret.md"), "x").unwrap();
    let outside = format!("file={}/secret.md&line=1", record.path().display());
    for query in [
        "file=content/../../etc/passwd&line=1",
        "file=/etc/passwd&line=1",
        outside.as_str(),
        "file=public/index.html&line=1",
    ] {
        assert_eq!(open_request(&server, query, ours), 404, "{query}");
    }
    assert!(!opened.exists(), "no command ran");

    assert_eq!(open_request(&server, &intro, ours), 204);
    let real = site.root().canonicalize().unwrap().join(INTRO_EN);
    let expected = format!("{}:5:2", real.display());
    wait_for_file(&opened, &expected);

    let Some(tab) = browser::tab() else { return };
    std::fs::remove_file(&opened).unwrap();
    tab.goto(&format!("http://{}/en/briefings/alpha/", server.addr));
    site.write(INTRO_EN, "---\ntitle: Introduction\n---\n\nBroken.[^99]\n");
    tab.wait_for(&format!(
        "{OVERLAY} !== null && {OVERLAY}.querySelector('li a') !== null"
    ));
    let from = tab.eval("location.href");
    tab.click("#briefing-error-overlay li a");
    wait_for_file(&opened, &format!("{}:5:8", real.display()));
    assert_eq!(tab.eval("location.href"), from, "the page stays");
}

/// Waits until `file` holds `expected`.
fn wait_for_file(file: &std::path::Path, expected: &str) {
    let deadline = Instant::now() + PATIENCE;
    while std::fs::read_to_string(file).ok().as_deref() != Some(expected) {
        assert!(
            Instant::now() < deadline,
            "{} never held {expected:?}: {:?}",
            file.display(),
            std::fs::read_to_string(file)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_deeply_nested_section_never_stops_the_server() {
    let site = TempSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    // 20,000 nested block quotes: the Markdown and HTML stages recurse once
    // per level, which overflowed the main thread's stack and aborted `serve`.
    let deep = format!(
        "---\ntitle: Introduction\n---\n\n{} deep\n",
        ">".repeat(20_000)
    );
    site.write(INTRO_EN, &deep);
    server.wait_for_log("01-introduction.en.md changed");
    assert_eq!(server.get("/en/briefings/alpha/").status, 200);

    site.write(
        INTRO_EN,
        "---\ntitle: Introduction\n---\n\nShallow again.[^1][^2]\n",
    );
    next_event(&events, "reload", "");
    server.wait_for_page("/en/briefings/alpha/", "Shallow again.");
}

/// A folder removed with everything in it when dropped.
#[cfg(unix)]
struct RemovedOnDrop(PathBuf);

#[cfg(unix)]
impl Drop for RemovedOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Another local user can create serve's folder (its name follows from the
/// root) before `serve` does, open to everyone, and later swap the output
/// for a symlink to somewhere else; `serve` must then not write there.
#[cfg(unix)]
#[test]
fn a_working_folder_others_can_write_to_is_not_used() {
    use std::os::unix::fs::PermissionsExt;
    let site = TempSite::fixture("basic");
    let usual = {
        let server = Server::start(&site);
        server.output.parent().unwrap().to_path_buf()
    };
    std::fs::create_dir(&usual).unwrap();
    let _remove = RemovedOnDrop(usual.clone());
    std::fs::set_permissions(&usual, std::fs::Permissions::from_mode(0o777)).unwrap();
    let victim = tempfile::tempdir().unwrap();
    let page = victim.path().join("en/briefings/alpha/index.html");
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    std::fs::write(&page, "the victim's file").unwrap();

    let server = Server::start(&site);
    let takeover = server.output.starts_with(&usual);
    if takeover {
        // What the other user does once the first build is there.
        std::fs::rename(&server.output, usual.join("moved")).unwrap();
        std::os::unix::fs::symlink(victim.path(), &server.output).unwrap();
    }
    site.write(
        INTRO_EN,
        "---\ntitle: Introduction\n---\n\nWritten where?[^1][^2]\n",
    );
    server.wait_for_log("01-introduction.en.md changed");
    assert_eq!(std::fs::read_to_string(&page).unwrap(), "the victim's file");
    assert!(!takeover, "serve worked in {}", server.output.display());
}

#[test]
fn only_requests_for_this_server_are_answered() {
    let site = TempSite::fixture("basic");
    let server = Server::start(&site);
    let port = server.addr.port();
    let asked = |host: &str| {
        let head = format!("GET /en/ HTTP/1.1\r\n{host}Connection: close\r\n\r\n");
        server.request(&head).status
    };
    // A page of another site whose name now resolves to 127.0.0.1 (DNS rebinding).
    assert_eq!(asked(&format!("Host: evil.example:{port}\r\n")), 403);
    assert_eq!(asked(""), 403, "no Host at all");
    assert_eq!(asked(&format!("Host: localhost:{port}\r\n")), 200);
    assert_eq!(asked(&format!("host: 127.0.0.1:{port}\r\n")), 200);
}

/// Clients that send a request head a line at a time hold a bounded number
/// of the server's threads, each for a bounded time, and the server answers
/// again once they are gone.
#[cfg(target_os = "linux")]
#[test]
fn slow_clients_hold_few_threads_for_a_short_time() {
    let site = TempSite::fixture("basic");
    let server = Server::start(&site);
    let threads = || {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("Threads:")).unwrap();
        line[8..].trim().parse::<usize>().unwrap()
    };
    let before = threads();
    let mut clients: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut client = TcpStream::connect(server.addr).expect("connect");
            client.write_all(b"GET / HTTP/1.1\r\n").unwrap();
            client.set_nonblocking(true).unwrap();
            client
        })
        .collect();
    let deadline = Instant::now() + PATIENCE;
    let mut most = 0;
    while !clients.is_empty() {
        assert!(
            Instant::now() < deadline,
            "{} slow clients still connected",
            clients.len()
        );
        most = most.max(threads());
        // A header line every 200 ms: never idle for long, never done.
        clients.retain_mut(|client| {
            let mut byte = [0u8];
            let closed = matches!(client.read(&mut byte), Ok(0))
                || client.write_all(b"X-Slow: 1\r\n").is_err();
            !closed
        });
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(most <= before + 32 + 2, "{before} threads became {most}");
    assert_eq!(server.get("/en/").status, 200);
}

#[test]
fn control_characters_from_content_reach_neither_terminal_nor_overlay() {
    let site = TempSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    // A link that would retitle the terminal window and ring its bell.
    site.write(
        INTRO_EN,
        "---\ntitle: Introduction\n---\n\nText [[pwned\u{1b}]0;x\u{7}]].\n",
    );
    let line = server.wait_for_log("01-introduction.en.md:5:6: error");
    assert!(line.contains("[[pwned\\u{1b}]0;x\\u{7}]]"), "{line:?}");
    assert!(!line.contains(['\u{1b}', '\u{7}']), "{line:?}");
    let overlay = next_event(&events, "build-error", "pwned");
    // JSON doubles the backslash; a raw ESC would be sent as \u001b.
    assert!(overlay.contains("pwned\\\\u{1b}]0;x"), "{overlay}");
    assert!(!overlay.contains("\\u001b"), "{overlay}");
}

#[test]
fn search_finds_an_edit_once_the_index_is_rebuilt() {
    let Some(tab) = browser::tab() else { return };
    let site = TempSite::fixture("basic");
    let server = Server::start(&site);
    server.wait_for_log("search index updated: ");
    let search = |query: &str| -> Vec<String> {
        tab.goto(&format!("http://{}/en/search/?q={query}", server.addr));
        tab.wait_for("document.getElementById('search-status').textContent !== ''");
        let hrefs = tab.eval(
            "[...document.querySelectorAll('#search-results li a')].map(a => a.getAttribute('href'))",
        );
        serde_json::from_value(hrefs).expect("result links")
    };
    assert_eq!(search("growing"), ["/en/briefings/alpha/"]);
    assert!(search("quokka").is_empty());
    site.write(
        INTRO_EN,
        "---\ntitle: Introduction\n---\n\nA quokka while serving.[^1] Second.[^2]\n",
    );
    server.wait_for_log("01-introduction.en.md changed");
    server.wait_for_log("search index updated: ");
    assert_eq!(search("quokka"), ["/en/briefings/alpha/"]);
}
