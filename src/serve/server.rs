//! The dev server's HTTP side: a small blocking HTTP/1.1 server on the
//! standard library, one thread per connection, GET and HEAD only. Pages come
//! from the output directory (see [`files`](super::files)) with the reload
//! script added; `/__briefing/events` streams reload and error events.

use super::files::{self, Target};
use super::reload::{self, Hub};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::Duration;

/// How long a client may take to send its request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How often an idle event stream is pinged, to notice closed pages.
const PING_EVERY: Duration = Duration::from_secs(15);
/// The largest request head accepted.
const MAX_HEAD: u64 = 16 * 1024;

/// Shown when a page is missing and the site has no 404.html yet (the first
/// build failed): the reload script then shows the errors over it.
const NO_BUILD_YET: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>briefing serve</title></head><body><p>Nothing here yet: the site has not built successfully.</p></body></html>";

/// Serves `dir` (canonical) on `listener` in a background thread, forever.
pub fn spawn(listener: TcpListener, dir: PathBuf, hub: Arc<Hub>) {
    std::thread::spawn(move || {
        for stream in listener.incoming().filter_map(Result::ok) {
            let (dir, hub) = (dir.clone(), Arc::clone(&hub));
            std::thread::spawn(move || handle(stream, &dir, &hub));
        }
    });
}

/// One request: read it, answer it, close the connection.
fn handle(mut stream: TcpStream, dir: &Path, hub: &Hub) {
    let _ = stream.set_read_timeout(Some(REQUEST_TIMEOUT));
    let Some((method, target)) = read_request(&stream) else {
        return;
    };
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let head_only = method == "HEAD";
    // An error here means the client went away; there is no one to tell.
    let _ = match method.as_str() {
        "GET" if path == reload::EVENTS_PATH => stream_events(&mut stream, hub),
        "GET" | "HEAD" => serve_path(&mut stream, dir, path, head_only),
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

/// Reads the request line and skips the headers; `None` for malformed requests.
fn read_request(stream: &TcpStream) -> Option<(String, String)> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut words = line.split_whitespace();
    let (method, target) = (words.next()?.to_string(), words.next()?.to_string());
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) => return None,
            Ok(_) if header.trim().is_empty() => return Some((method, target)),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
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
