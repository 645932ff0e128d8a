//! Headless Chromium for the browser tests, driven over the Chrome DevTools
//! Protocol on a pipe (`--remote-debugging-pipe`): no driver, no WebSocket,
//! no extra crates. One browser per test binary, a new tab per test, and a
//! static file server for the built site:
//!
//! ```ignore
//! let Some(tab) = browser::tab() else { return }; // skips loudly without Chromium
//! let server = browser::serve(&site.build(), &site.base_path());
//! tab.goto(&server.url("en/"));
//! assert_eq!(tab.eval("document.documentElement.lang"), "en");
//! tab.press_key("Tab");
//! ```

use super::percent_decode;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use std::{env, fs, thread};

/// How long one protocol command may take.
const REPLY_TIMEOUT: Duration = Duration::from_secs(20);
/// How long `Tab::wait_for` waits for its condition.
const WAIT_TIMEOUT: Duration = Duration::from_secs(10);

/// Flags for a quiet, offline, headless Chromium running as root.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
];

/// Runs Chromium ("$@") with a fresh profile, reading commands on fd 3 (our
/// stdin) and writing replies on fd 4 (our stdout); removes the profile when
/// Chromium exits, which it does when the test binary exits and the pipe closes.
const LAUNCHER: &str = r#"profile=$(mktemp -d) || exit 1
"$@" --user-data-dir="$profile" 3<&0 4>&1 </dev/null >/dev/null
rm -rf "$profile""#;

/// True when BRIEFING_REQUIRE_BROWSER is set (as `.ci/run` does): then a
/// missing browser or validator fails the test instead of skipping it.
pub fn required() -> bool {
    env::var_os("BRIEFING_REQUIRE_BROWSER").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Reports that the current test cannot run because `why`: panics under
/// BRIEFING_REQUIRE_BROWSER, otherwise prints a loud SKIPPED line. Returns
/// None so callers can `let Some(x) = … else { return }`.
pub fn skip<T>(why: &str) -> Option<T> {
    let test = thread::current().name().unwrap_or("test").to_string();
    assert!(
        !required(),
        "{test}: BRIEFING_REQUIRE_BROWSER is set, but {why}"
    );
    super::report(&format!(
        "\n!!!!! SKIPPED {test}: {why}. `bash .ci/run` installs everything. !!!!!\n"
    ));
    None
}

/// A new tab in this test binary's browser, or None (after a loud SKIPPED)
/// when Chromium is not installed.
pub fn tab() -> Option<Tab> {
    Browser::launch().map(Browser::new_tab)
}

/// The headless Chromium shared by the tests of one test binary.
pub struct Browser {
    conn: Arc<Connection>,
}

impl Browser {
    /// The shared browser, launched on first use. None (after a loud
    /// SKIPPED) when Chromium is missing; panics if it is there but fails.
    pub fn launch() -> Option<&'static Browser> {
        static BROWSER: OnceLock<Option<Browser>> = OnceLock::new();
        let browser = BROWSER.get_or_init(|| find_chromium().map(Browser::start));
        match browser {
            Some(browser) => Some(browser),
            None => skip("Chromium is not installed (no chromium on PATH)"),
        }
    }

    fn start(chromium: PathBuf) -> Browser {
        let child = Command::new("sh")
            .args(["-c", LAUNCHER, "sh"])
            .arg(&chromium)
            .args(FLAGS)
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
        let conn = Connection::new(child);
        let browser = Browser { conn };
        browser.call("Browser.getVersion", json!({}));
        browser
    }

    /// Opens a new tab (1280×800) with its own protocol session.
    pub fn new_tab(&self) -> Tab {
        let target = self.call("Target.createTarget", json!({"url": "about:blank"}))["targetId"]
            .as_str()
            .expect("targetId")
            .to_string();
        let attach = json!({"targetId": target, "flatten": true});
        let session = self.call("Target.attachToTarget", attach)["sessionId"]
            .as_str()
            .expect("sessionId")
            .to_string();
        let tab = Tab {
            conn: Arc::clone(&self.conn),
            target,
            session,
        };
        tab.call(
            "Emulation.setFocusEmulationEnabled",
            json!({"enabled": true}),
        );
        tab.set_viewport(1280, 800);
        tab
    }

    fn call(&self, method: &str, params: Value) -> Value {
        self.conn
            .call(None, method, params)
            .unwrap_or_else(|e| self.conn.fail(&e))
    }
}

/// The first Chromium on PATH.
fn find_chromium() -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The protocol pipe: commands go out NUL-terminated; a reader thread hands
/// each reply to the caller waiting for its id (events are ignored).
struct Connection {
    input: Mutex<ChildStdin>,
    /// Callers waiting for a reply; None once Chromium has exited.
    pending: Mutex<Option<HashMap<u64, Sender<Value>>>>,
    next_id: AtomicU64,
    /// The end of Chromium's stderr, shown when something goes wrong.
    log: Mutex<Vec<String>>,
}

impl Connection {
    /// Talks to `chromium` over its stdin and stdout; keeps the end of its
    /// stderr and reaps it when it exits.
    fn new(mut chromium: Child) -> Arc<Connection> {
        let conn = Arc::new(Connection {
            input: Mutex::new(chromium.stdin.take().unwrap()),
            pending: Mutex::new(Some(HashMap::new())),
            next_id: AtomicU64::new(1),
            log: Mutex::new(Vec::new()),
        });
        let (output, stderr) = (
            chromium.stdout.take().unwrap(),
            chromium.stderr.take().unwrap(),
        );
        let reader = Arc::clone(&conn);
        thread::spawn(move || reader.read_replies(output));
        let logger = Arc::clone(&conn);
        thread::spawn(move || {
            logger.keep_log(stderr);
            let _ = chromium.wait();
        });
        conn
    }

    fn read_replies(&self, output: ChildStdout) {
        let mut output = BufReader::new(output);
        let mut message = Vec::new();
        while output.read_until(0, &mut message).is_ok_and(|n| n > 0) {
            message.pop();
            let reply: Value = serde_json::from_slice(&message).unwrap_or_default();
            if let Some(id) = reply["id"].as_u64() {
                let waiting = self.pending.lock().unwrap().as_mut().unwrap().remove(&id);
                if let Some(sender) = waiting {
                    let _ = sender.send(reply);
                }
            }
            message.clear();
        }
        // Chromium exited: dropping the senders wakes every waiting caller.
        *self.pending.lock().unwrap() = None;
    }

    fn keep_log(&self, stderr: ChildStderr) {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let mut log = self.log.lock().unwrap();
            if log.len() == 40 {
                log.remove(0);
            }
            log.push(line);
        }
    }

    /// Sends a command (to a tab's session, or to the browser) and waits for its result.
    fn call(&self, session: Option<&str>, method: &str, params: Value) -> Result<Value, String> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (sender, receiver) = channel();
        self.pending
            .lock()
            .unwrap()
            .as_mut()
            .ok_or("Chromium has exited")?
            .insert(id, sender);
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = session.into();
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.input
            .lock()
            .unwrap()
            .write_all(&bytes)
            .map_err(|e| format!("{method}: cannot write to Chromium: {e}"))?;
        let reply = receiver.recv_timeout(REPLY_TIMEOUT).map_err(|_| {
            if let Some(pending) = self.pending.lock().unwrap().as_mut() {
                pending.remove(&id);
            }
            format!("{method}: no reply from Chromium within {REPLY_TIMEOUT:?}")
        })?;
        match reply.get("error") {
            Some(error) => Err(format!("{method}: {error}")),
            None => Ok(reply["result"].clone()),
        }
    }

    /// Panics with `error` and the end of Chromium's stderr.
    fn fail(&self, error: &str) -> ! {
        let log = self.log.lock().unwrap().join("\n");
        panic!("{error}\n--- end of Chromium's stderr ---\n{log}");
    }
}

/// One browser tab; closed when dropped.
pub struct Tab {
    conn: Arc<Connection>,
    target: String,
    session: String,
}

impl Drop for Tab {
    fn drop(&mut self) {
        let _ = self
            .conn
            .call(None, "Target.closeTarget", json!({"targetId": self.target}));
    }
}

impl Tab {
    /// Sends the DevTools Protocol command `method` to this tab.
    pub fn call(&self, method: &str, params: Value) -> Value {
        self.conn
            .call(Some(&self.session), method, params)
            .unwrap_or_else(|e| self.conn.fail(&e))
    }

    /// Loads `url` and waits until the new document has loaded (subresources
    /// included); a change of #fragment only keeps the document.
    pub fn goto(&self, url: &str) {
        self.eval("window.__briefingLeaving = true");
        let navigation = self.call("Page.navigate", json!({"url": url}));
        if let Some(error) = navigation["errorText"].as_str() {
            panic!("cannot load {url}: {error}");
        }
        if navigation["loaderId"].is_null() {
            return; // only the #fragment changed: the document stays
        }
        self.wait_for("!window.__briefingLeaving && document.readyState === 'complete'");
    }

    /// Evaluates `js` in the page (awaiting a returned promise) and returns
    /// its value as JSON (null for undefined); panics if it throws.
    pub fn eval(&self, js: &str) -> Value {
        self.try_eval(js).unwrap_or_else(|e| panic!("{e}"))
    }

    fn try_eval(&self, js: &str) -> Result<Value, String> {
        let params = json!({"expression": js, "returnByValue": true, "awaitPromise": true});
        let reply = self
            .conn
            .call(Some(&self.session), "Runtime.evaluate", params)?;
        match reply.get("exceptionDetails") {
            Some(details) => {
                let what = details["exception"]["description"]
                    .as_str()
                    .or(details["text"].as_str())
                    .unwrap_or("an exception");
                let js: String = js.chars().take(200).collect();
                Err(format!("`{js}` threw {what}"))
            }
            None => Ok(reply["result"]["value"].clone()),
        }
    }

    /// Polls the JavaScript `condition` until it evaluates to true; panics
    /// after a bounded timeout. Errors while a new page loads count as false.
    pub fn wait_for(&self, condition: &str) {
        let start = Instant::now();
        loop {
            let last = self.try_eval(condition);
            if last == Ok(Value::Bool(true)) {
                return;
            }
            assert!(
                start.elapsed() < WAIT_TIMEOUT,
                "waited {WAIT_TIMEOUT:?} for `{condition}`; last result: {last:?}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Presses and releases a key as real keyboard input: "Tab", "Enter",
    /// "Escape", "Space", "ArrowUp/Down/Left/Right", "Home", "End", each
    /// optionally prefixed with "Shift+".
    pub fn press_key(&self, key: &str) {
        let (modifiers, name) = key.strip_prefix("Shift+").map_or((0, key), |k| (8, k));
        let (key_value, code, key_code, text) = key_definition(name);
        let down = if text.is_empty() {
            "rawKeyDown"
        } else {
            "keyDown"
        };
        for (kind, text) in [(down, text), ("keyUp", "")] {
            let event = json!({
                "type": kind, "modifiers": modifiers, "key": key_value, "code": code,
                "windowsVirtualKeyCode": key_code, "text": text, "unmodifiedText": text,
            });
            self.call("Input.dispatchKeyEvent", event);
        }
    }

    /// Clicks the middle of the first element matching the CSS `selector`
    /// with real mouse events, scrolling it into view only if needed.
    pub fn click(&self, selector: &str) {
        let at = self.middle_of(selector);
        for kind in ["mousePressed", "mouseReleased"] {
            let event =
                json!({"type": kind, "x": at[0], "y": at[1], "button": "left", "clickCount": 1});
            self.call("Input.dispatchMouseEvent", event);
        }
    }

    /// Moves the mouse onto the middle of the first element matching `selector`.
    pub fn hover(&self, selector: &str) {
        let at = self.middle_of(selector);
        let event = json!({"type": "mouseMoved", "x": at[0], "y": at[1]});
        self.call("Input.dispatchMouseEvent", event);
    }

    /// Taps the middle of the first element matching the CSS `selector` with
    /// a finger, as a phone's touch screen does (pointer events of type
    /// "touch", then the click the tap makes).
    pub fn tap(&self, selector: &str) {
        let at = self.middle_of(selector);
        let touch = json!({"enabled": true, "maxTouchPoints": 1});
        self.call("Emulation.setTouchEmulationEnabled", touch);
        let points = json!([{"x": at[0], "y": at[1]}]);
        for (kind, points) in [("touchStart", points), ("touchEnd", json!([]))] {
            let event = json!({"type": kind, "touchPoints": points});
            self.call("Input.dispatchTouchEvent", event);
        }
    }

    /// The viewport coordinates of the middle of the first element matching
    /// `selector` (of its first line box, for a link that wraps), scrolled
    /// into view only if needed; panics if none does.
    fn middle_of(&self, selector: &str) -> Value {
        let js = format!(
            "(() => {{ const el = document.querySelector({}); if (!el) return null; \
             el.scrollIntoView({{block: 'nearest'}}); const r = el.getClientRects()[0] || el.getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2]; }})()",
            json!(selector)
        );
        let at = self.eval(&js);
        assert!(!at.is_null(), "no element matches {selector}");
        at
    }

    /// Sets the window to `width`×`height` CSS pixels at device scale 1.
    pub fn set_viewport(&self, width: u32, height: u32) {
        let metrics =
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false});
        self.call("Emulation.setDeviceMetricsOverride", metrics);
    }

    /// Writes a PNG of the whole page (not just the window) to `path`, once
    /// its web fonts have loaded. A page wider than the window comes out wider.
    pub fn screenshot(&self, path: &Path) {
        self.eval("document.fonts.ready.then(() => true)");
        let size = &self.call("Page.getLayoutMetrics", json!({}))["cssContentSize"];
        let clip =
            json!({"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1});
        self.capture(clip, path);
    }

    /// Writes a PNG of the first element matching `selector` to `path`,
    /// once its web fonts have loaded.
    pub fn screenshot_of(&self, selector: &str, path: &Path) {
        self.eval("document.fonts.ready.then(() => true)");
        let rect = self.eval(&format!(
            "(() => {{ const r = document.querySelector({selector:?}).getBoundingClientRect(); \
             return {{x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}}; }})()"
        ));
        let clip = json!({"x": rect["x"], "y": rect["y"], "width": rect["width"],
                          "height": rect["height"], "scale": 1});
        self.capture(clip, path);
    }

    fn capture(&self, clip: Value, path: &Path) {
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true, "clip": clip}),
        );
        let png = base64_decode(shot["data"].as_str().expect("screenshot data"));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// (key, code, Windows key code, text) of a named key, as a US keyboard sends it.
fn key_definition(name: &str) -> (&str, &str, u32, &str) {
    match name {
        "Tab" => ("Tab", "Tab", 9, ""),
        "Enter" => ("Enter", "Enter", 13, "\r"),
        "Escape" => ("Escape", "Escape", 27, ""),
        "Space" => (" ", "Space", 32, " "),
        "End" => ("End", "End", 35, ""),
        "Home" => ("Home", "Home", 36, ""),
        "ArrowLeft" => ("ArrowLeft", "ArrowLeft", 37, ""),
        "ArrowUp" => ("ArrowUp", "ArrowUp", 38, ""),
        "ArrowRight" => ("ArrowRight", "ArrowRight", 39, ""),
        "ArrowDown" => ("ArrowDown", "ArrowDown", 40, ""),
        other => panic!("press_key: unknown key {other:?}"),
    }
}

/// Decodes standard base64 (as CDP sends binary data).
fn base64_decode(text: &str) -> Vec<u8> {
    let digit = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {:?}", c as char),
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(digit).collect();
    digits
        .chunks(4)
        .flat_map(|chunk| {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &d)| n | u32::from(d) << (18 - 6 * i));
            n.to_be_bytes()[1..chunk.len()].to_vec()
        })
        .collect()
}

/// A static file server for a built site on 127.0.0.1, serving it under its
/// base path the way a static host does: a folder serves its index.html, a
/// folder without its trailing slash redirects, a miss serves 404.html with
/// status 404. Serves until the test binary exits.
pub struct Server {
    origin: String,
    base_path: String,
}

/// Serves `dir` at http://127.0.0.1:<free port><base_path> (base_path like "/portal/").
pub fn serve(dir: &Path, base_path: &str) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let (root, base) = (dir.to_path_buf(), base_path.to_string());
    thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let (root, base) = (root.clone(), base.clone());
            thread::spawn(move || answer(stream, &root, &base));
        }
    });
    Server {
        origin,
        base_path: base_path.to_string(),
    }
}

impl Server {
    /// The URL of `rel` (e.g. "en/briefings/x/") under the site's base path.
    pub fn url(&self, rel: &str) -> String {
        format!("{}{}{rel}", self.origin, self.base_path)
    }
}

/// A response: status line, extra header lines, body.
struct Reply {
    status: &'static str,
    headers: String,
    body: Vec<u8>,
}

/// Reads one request from `stream` and answers it (HTTP/1.1, Connection: close).
fn answer(mut stream: TcpStream, root: &Path, base: &str) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut header = String::from("-");
    while !header.trim().is_empty() {
        header.clear();
        if reader.read_line(&mut header).is_err() {
            return;
        }
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let reply = respond(root, base, target);
    let head = format!(
        "HTTP/1.1 {}\r\n{}Content-Length: {}\r\nConnection: close\r\n\r\n",
        reply.status,
        reply.headers,
        reply.body.len()
    );
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(&reply.body));
}

fn respond(root: &Path, base: &str, target: &str) -> Reply {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(rel) = path.strip_prefix(base).map(percent_decode) else {
        return not_found(root);
    };
    if rel.split('/').any(|segment| segment == "..") {
        return not_found(root);
    }
    let mut file = root.join(&rel);
    if file.is_dir() {
        if !rel.is_empty() && !rel.ends_with('/') {
            return Reply {
                status: "301 Moved Permanently",
                headers: format!("Location: {path}/\r\n"),
                body: Vec::new(),
            };
        }
        file.push("index.html");
    }
    // Fingerprinted assets may be cached for good, as a static host is told to.
    let caching = match rel.starts_with("assets/") {
        true => "Cache-Control: public, max-age=31536000, immutable\r\n",
        false => "",
    };
    let extra = site_headers(
        root,
        path.strip_prefix(base.trim_end_matches('/'))
            .unwrap_or(path),
    );
    match fs::read(&file) {
        Ok(body) => Reply {
            status: "200 OK",
            headers: format!("{}{caching}{extra}", content_type(&file)),
            body,
        },
        Err(_) => not_found(root),
    }
}

/// The header lines the site's `_headers` file (Netlify's and Cloudflare
/// Pages' format: a path pattern, then indented `Name: value` lines) gives
/// the request path `path` (below the base path), as a static host would.
/// Patterns are exact paths or end in `*`.
fn site_headers(root: &Path, path: &str) -> String {
    let Ok(rules) = fs::read_to_string(root.join("_headers")) else {
        return String::new();
    };
    let mut lines = String::new();
    let mut applies = false;
    for line in rules
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    {
        if !line.starts_with([' ', '\t']) {
            let pattern = line.trim();
            applies = match pattern.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => path == pattern,
            };
        } else if applies {
            lines.push_str(line.trim());
            lines.push_str("\r\n");
        }
    }
    lines
}

fn not_found(root: &Path) -> Reply {
    let page = root.join("404.html");
    Reply {
        status: "404 Not Found",
        headers: content_type(&page),
        body: fs::read(&page).unwrap_or_default(),
    }
}

/// The Content-Type header line for a file, by extension; text in UTF-8.
fn content_type(file: &Path) -> String {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let kind = match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    };
    format!("Content-Type: {kind}\r\n")
}
