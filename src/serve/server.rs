//! The dev server's HTTP side: a small blocking HTTP/1.1 server on the
//! standard library, one thread per connection, GET and HEAD only. Pages come
//! from the output directory (see [`files`](super::files)) with the reload
//! script added; `/__briefing/events` streams reload and error events;
//! `/__briefing/open` runs `--editor` (see [`editor`](super::editor)).
//!
//! It keeps serving whatever clients do: at most [`MAX_REQUESTS`] requests
//! and [`MAX_STREAMS`] event streams at once, a whole request head within
//! [`HEAD_DEADLINE`], a failed accept or thread start costs one connection,
//! and only requests whose Host names this server are answered (DNS
//! rebinding: a page of another site must not read this one).

use super::editor::{self, Editor};
use super::files::{self, Target};
use super::reload::{self, Hub};
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// How long a client may take to send its whole request head, however
/// slowly the bytes trickle in.
const HEAD_DEADLINE: Duration = Duration::from_secs(5);
/// How long one write to a client may block (a client that stops reading).
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// The most requests handled at once (a page loads with about six); further
/// connections wait to be accepted until one is done.
const MAX_REQUESTS: usize = 32;
/// The most open event streams (one per open page); they live as long as
/// the page, so they have their own limit, and more are answered 503.
const MAX_STREAMS: usize = 64;
/// The pause after a failed accept or thread start (out of file descriptors
/// or threads), so the loop neither spins nor stops.
const BACKOFF: Duration = Duration::from_millis(100);
/// How often an idle event stream is pinged, to notice closed pages.
const PING_EVERY: Duration = Duration::from_secs(15);
/// The largest request head accepted.
const MAX_HEAD: u64 = 16 * 1024;

/// Shown when a page is missing and the site has no 404.html yet (the first
/// build failed): the reload script then shows the errors over it.
const NO_BUILD_YET: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>briefing serve</title></head><body><p>Nothing here yet: the site has not built successfully.</p></body></html>";

/// What the server serves, and its limits.
pub struct Server {
    /// The canonical output directory.
    dir: PathBuf,
    hub: Arc<Hub>,
    /// The `--bind` address, also accepted as a Host name.
    bind: String,
    requests: Arc<Limit>,
    streams: Arc<Limit>,
    /// What opens files from the overlay's links, with `--editor`.
    editor: Option<Editor>,
}

/// Something to run on a thread of its own.
type Job = Box<dyn FnOnce() + Send>;

impl Server {
    /// A server for the canonical output directory `dir`, bound to `bind`.
    pub fn new(dir: PathBuf, hub: Arc<Hub>, bind: &str) -> Server {
        Server {
            dir,
            hub,
            bind: bind.to_ascii_lowercase(),
            requests: Limit::new(MAX_REQUESTS),
            streams: Limit::new(MAX_STREAMS),
            editor: None,
        }
    }

    /// The server, opening files from the overlay's links with `editor`.
    pub fn with_editor(mut self, editor: Option<Editor>) -> Server {
        self.editor = editor;
        self
    }

    /// Serves `listener` in a background thread, forever.
    pub fn spawn(self, listener: TcpListener) {
        let server = Arc::new(self);
        thread::spawn(move || server.accept_forever(&listener, &spawn_thread));
    }

    /// Accepts connections, each handled by a job `spawn` starts, at most
    /// [`MAX_REQUESTS`] at once. A failed accept or spawn drops that one
    /// connection; the loop goes on.
    fn accept_forever(
        self: &Arc<Self>,
        listener: &TcpListener,
        spawn: &dyn Fn(Job) -> std::io::Result<()>,
    ) {
        loop {
            let slot = self.requests.wait();
            let Ok((stream, _)) = listener.accept() else {
                thread::sleep(BACKOFF);
                continue;
            };
            let server = Arc::clone(self);
            if spawn(Box::new(move || server.handle(stream, slot))).is_err() {
                thread::sleep(BACKOFF);
            }
        }
    }

    /// One request: read it, answer it, close the connection.
    fn handle(&self, mut stream: TcpStream, slot: Slot) {
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let Some(request) = read_request(&stream) else {
            return;
        };
        let target = request.target.split('#').next().unwrap_or_default();
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let head_only = request.method == "HEAD";
        // An error here means the client went away; there is no one to tell.
        let _ = match request.method.as_str() {
            _ if !self.host_allowed(request.host.as_deref()) => refuse_host(&mut stream),
            "GET" if path == reload::EVENTS_PATH => match self.streams.try_take() {
                Some(stream_slot) => {
                    drop(slot);
                    let result = stream_events(&mut stream, &self.hub);
                    drop(stream_slot);
                    result
                }
                None => plain(
                    &mut stream,
                    "503 Service Unavailable",
                    "too many open pages\n",
                ),
            },
            "GET" if path == editor::OPEN_PATH => self.open_in_editor(&mut stream, &request, query),
            "GET" | "HEAD" => serve_path(&mut stream, &self.dir, path, head_only),
            _ => respond(
                &mut stream,
                "405 Method Not Allowed",
                &[
                    ("Allow", "GET, HEAD"),
                    ("Content-Type", "text/plain; charset=utf-8"),
                ],
                b"only GET and HEAD are supported\n",
                false,
            ),
        };
    }

    /// Runs `--editor` on the file `query` names (204), or says why not.
    fn open_in_editor(
        &self,
        stream: &mut TcpStream,
        request: &Request,
        query: &str,
    ) -> std::io::Result<()> {
        let Some(editor) = &self.editor else {
            return plain(
                stream,
                "404 Not Found",
                "serve was started without --editor\n",
            );
        };
        match editor.open(query, request.fetch_site.as_deref(), request.marked) {
            Ok(()) => respond(stream, "204 No Content", &[], b"", false),
            Err(refusal) => {
                let (status, text) = refusal.answer();
                plain(stream, status, &format!("{text}\n"))
            }
        }
    }

    /// True when the request's Host names this server: `localhost`, an IP
    /// address or the `--bind` name. A web page of another site that
    /// resolves its own name to this machine (DNS rebinding) is refused.
    fn host_allowed(&self, host: Option<&str>) -> bool {
        let Some(host) = host else {
            return false;
        };
        let name = match host.strip_prefix('[') {
            Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
            None => host.rsplit_once(':').map_or(host, |(name, _)| name),
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        name == "localhost" || name == self.bind || name.parse::<IpAddr>().is_ok()
    }
}

/// Starts `job` on a thread of its own.
fn spawn_thread(job: Job) -> std::io::Result<()> {
    thread::Builder::new()
        .name("serve-request".into())
        .spawn(job)
        .map(drop)
}

/// A number of slots shared by threads; a [`Slot`] is given back when dropped.
struct Limit {
    taken: Mutex<usize>,
    freed: Condvar,
    max: usize,
}

/// One taken slot of a [`Limit`].
struct Slot(Arc<Limit>);

impl Limit {
    fn new(max: usize) -> Arc<Limit> {
        Arc::new(Limit {
            taken: Mutex::new(0),
            freed: Condvar::new(),
            max,
        })
    }

    /// Takes a slot, waiting until one is free.
    fn wait(self: &Arc<Self>) -> Slot {
        let mut taken = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        while *taken >= self.max {
            taken = self
                .freed
                .wait(taken)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *taken += 1;
        Slot(Arc::clone(self))
    }

    /// Takes a slot if one is free.
    fn try_take(self: &Arc<Self>) -> Option<Slot> {
        let mut taken = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        (*taken < self.max).then(|| {
            *taken += 1;
            Slot(Arc::clone(self))
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut taken = self.0.taken.lock().unwrap_or_else(PoisonError::into_inner);
        *taken -= 1;
        self.0.freed.notify_one();
    }
}

/// The parts of a request head the server looks at.
struct Request {
    method: String,
    target: String,
    host: Option<String>,
    /// The `Sec-Fetch-Site` header: where the browser says the request comes from.
    fetch_site: Option<String>,
    /// Whether the request carries [`editor::MARKER_HEADER`].
    marked: bool,
}

/// Reads the request line and the headers (keeping Host) within
/// [`HEAD_DEADLINE`]; `None` for malformed, oversized or too slow requests.
fn read_request(stream: &TcpStream) -> Option<Request> {
    let deadline = Deadline {
        stream,
        end: Instant::now() + HEAD_DEADLINE,
    };
    let mut reader = BufReader::new(deadline.take(MAX_HEAD));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut words = line.split_whitespace();
    let mut request = Request {
        method: words.next()?.to_string(),
        target: words.next()?.to_string(),
        host: None,
        fetch_site: None,
        marked: false,
    };
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        if header.trim().is_empty() {
            return Some(request);
        }
        if let Some((name, value)) = header.split_once(':') {
            let value = Some(value.trim().to_string());
            match name.trim().to_ascii_lowercase().as_str() {
                "host" => request.host = value,
                "sec-fetch-site" => request.fetch_site = value,
                editor::MARKER_HEADER => request.marked = true,
                _ => {}
            }
        }
    }
}

/// Reads from a stream until a fixed time, however slowly the bytes come.
struct Deadline<'a> {
    stream: &'a TcpStream,
    end: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

/// Answers 403 to a request for another host name.
fn refuse_host(stream: &mut TcpStream) -> std::io::Result<()> {
    plain(
        stream,
        "403 Forbidden",
        "this server answers only requests for localhost, an IP address or the --bind name\n",
    )
}

fn plain(stream: &mut TcpStream, status: &str, text: &str) -> std::io::Result<()> {
    respond(
        stream,
        status,
        &[("Content-Type", "text/plain; charset=utf-8")],
        text.as_bytes(),
        false,
    )
}

fn serve_path(
    stream: &mut TcpStream,
    dir: &Path,
    path: &str,
    head_only: bool,
) -> std::io::Result<()> {
    match files::resolve(dir, path) {
        Target::File(file) => match std::fs::read(&file) {
            Ok(bytes) => send_file(stream, "200 OK", &file, &bytes, head_only),
            Err(_) => not_found(stream, dir, head_only),
        },
        Target::Redirect(location) => respond(
            stream,
            "301 Moved Permanently",
            &[("Location", &location)],
            b"",
            head_only,
        ),
        Target::NotFound => not_found(stream, dir, head_only),
    }
}

/// Answers 404 with the site's 404 page (or a placeholder before the first good build).
fn not_found(stream: &mut TcpStream, dir: &Path, head_only: bool) -> std::io::Result<()> {
    let page = match files::resolve(dir, "/404.html") {
        Target::File(file) => std::fs::read(file).ok(),
        _ => None,
    };
    let bytes = page.unwrap_or_else(|| NO_BUILD_YET.as_bytes().to_vec());
    send_file(
        stream,
        "404 Not Found",
        Path::new("404.html"),
        &bytes,
        head_only,
    )
}

fn send_file(
    stream: &mut TcpStream,
    status: &str,
    file: &Path,
    bytes: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let content_type = files::content_type(file);
    let body = if content_type.starts_with("text/html") {
        reload::inject(bytes)
    } else {
        bytes.to_vec()
    };
    respond(
        stream,
        status,
        &[("Content-Type", content_type)],
        &body,
        head_only,
    )
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Streams events to one page until it goes away. It subscribes before
/// answering, so a client that has read the answer's head gets every later event.
fn stream_events(stream: &mut TcpStream, hub: &Hub) -> std::io::Result<()> {
    let events = hub.subscribe();
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n",
    )?;
    stream.flush()?;
    loop {
        let text = match events.recv_timeout(PING_EVERY) {
            Ok(event) => event.to_sse(),
            Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        stream.write_all(text.as_bytes())?;
        stream.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Sends a GET and returns the status line, or "" if the connection was closed unanswered.
    fn get(addr: std::net::SocketAddr) -> String {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let _ = write!(stream, "GET / HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer.lines().next().unwrap_or_default().to_string()
    }

    #[test]
    fn connections_are_accepted_again_after_a_thread_cannot_be_started() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "home").unwrap();
        let dir = dir.path().canonicalize().unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = Arc::new(Server::new(dir, Arc::default(), "127.0.0.1"));
        let failures = Arc::new(AtomicUsize::new(3));
        let left = Arc::clone(&failures);
        thread::spawn(move || {
            // The first three thread starts fail, as at the process's thread limit.
            let spawn =
                |job: Job| match left
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                {
                    Ok(_) => Err(ErrorKind::WouldBlock.into()),
                    Err(_) => spawn_thread(job),
                };
            server.accept_forever(&listener, &spawn);
        });
        for _ in 0..3 {
            assert_eq!(get(addr), "", "dropped unanswered");
        }
        assert_eq!(get(addr), "HTTP/1.1 200 OK");
        assert_eq!(failures.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn hosts_other_than_this_server_are_refused() {
        let server = Server::new(PathBuf::new(), Arc::default(), "Devbox.local");
        for host in [
            "localhost:1111",
            "LOCALHOST.",
            "127.0.0.1:1111",
            "[::1]:1111",
            "192.168.1.5",
            "devbox.local:80",
        ] {
            assert!(server.host_allowed(Some(host)), "{host}");
        }
        for host in [
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "",
        ] {
            assert!(!server.host_allowed(Some(host)), "{host}");
        }
        assert!(!server.host_allowed(None));
    }
}
