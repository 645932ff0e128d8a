//! Live reload: the server-sent events that tell open pages to reload or to
//! show a build error, and the small script that listens for them. The
//! script is added to HTML as it is served; it is never written into the
//! output directory, so `serve` output equals `build` output.

use crate::diagnostics::{Diagnostic, Frames};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Mutex, PoisonError};

/// The path of the event stream.
pub const EVENTS_PATH: &str = "/__briefing/events";

/// What open pages are told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A build succeeded: reload the page.
    Reload,
    /// A build failed: show these problems over the page.
    Error(Problems),
}

/// What the overlay shows after a failed build.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problems {
    /// The errors, in order.
    pub problems: Vec<Problem>,
    /// Whether `serve --editor` was given, so the overlay links each file.
    pub editor: bool,
}

/// One error as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The diagnostic as a plain-text code frame.
    pub frame: String,
    /// The file, as the diagnostic names it (relative to the site root).
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
}

impl Problems {
    /// The overlay's view of `errors`, framed with the sources `frames` reads.
    pub fn new(errors: &[Diagnostic], frames: &mut Frames, editor: bool) -> Problems {
        let problems = errors
            .iter()
            .map(|d| Problem {
                frame: frames.render(d),
                file: d.file.to_string_lossy().into_owned(),
                line: d.line,
                column: d.column,
            })
            .collect();
        Problems { problems, editor }
    }
}

impl Event {
    /// The event in the `text/event-stream` wire format.
    pub fn to_sse(&self) -> String {
        match self {
            Event::Reload => "event: reload\ndata: {}\n\n".to_string(),
            Event::Error(problems) => format!(
                "event: build-error\ndata: {}\n\n",
                serde_json::json!(problems)
            ),
        }
    }
}

/// Everyone listening for events, and the current error, if the last build failed.
#[derive(Default)]
pub struct Hub {
    state: Mutex<HubState>,
}

#[derive(Default)]
struct HubState {
    clients: Vec<Sender<Event>>,
    error: Option<Event>,
}

impl Hub {
    /// Starts listening; a page that connects while the site has an error is told at once.
    pub fn subscribe(&self) -> Receiver<Event> {
        let (tx, rx) = mpsc::channel();
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(error) = &state.error {
            let _ = tx.send(error.clone());
        }
        state.clients.push(tx);
        rx
    }

    /// Sends `event` to every listener, forgetting those that have gone.
    pub fn publish(&self, event: Event) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.error = matches!(event, Event::Error(_)).then(|| event.clone());
        state.clients.retain(|c| c.send(event.clone()).is_ok());
    }
}

/// Reloads the page on `reload`; on `build-error` shows the problems in an
/// overlay: one code frame per error (as text, never as HTML), a link that
/// asks the server to open the file in the editor (with `--editor`), and a
/// close button (Esc closes too) that leaves the last good build usable.
/// The next error shows it again; the next successful build reloads.
const SCRIPT: &str = r#"<script>(function(){
var box,events=new EventSource("/__briefing/events");
events.addEventListener("reload",function(){location.reload()});
events.addEventListener("build-error",function(e){show(JSON.parse(e.data))});
document.addEventListener("keydown",function(e){if(e.key==="Escape"&&box)close()});
function close(){box.remove();box=null}
function el(tag,css,text){var n=document.createElement(tag);n.style.cssText=css;if(text)n.textContent=text;return n}
function item(d,editor){
var li=el("li","margin:0 0 1.25rem");
li.append(el("pre","margin:0;white-space:pre;overflow-x:auto;font:inherit",d.frame));
if(editor&&d.line>0){
var a=el("a","color:#9cd0ff","Open "+d.file+":"+d.line+" in the editor");
a.href="/__briefing/open?file="+encodeURIComponent(d.file)+"&line="+d.line+"&col="+Math.max(d.column,1);
a.addEventListener("click",function(e){e.preventDefault();fetch(a.href,{headers:{"X-Briefing-Open":"1"}})});
li.append(a)}
return li}
function show(p){
if(box)box.remove();
box=el("section","position:fixed;inset:1rem;z-index:2147483647;margin:0;padding:1.25rem;overflow:auto;background:#2a0f0f;color:#fff;font:14px/1.5 ui-monospace,monospace;border:3px solid #e5484d;border-radius:8px");
box.id="briefing-error-overlay";box.setAttribute("role","alertdialog");box.setAttribute("aria-label","briefing: build errors");
var x=el("button","position:absolute;top:.5rem;right:.5rem;font:inherit;color:inherit;background:none;border:1px solid;border-radius:4px;cursor:pointer","Close");
x.type="button";x.title="Close (Esc)";x.addEventListener("click",close);
var n=p.problems.length;
box.append(x,el("p","margin:0 2rem 1rem 0;font-weight:bold","briefing: the last edit has "+(n===1?"an error":n+" errors")+"; this page shows the last good build."));
var list=el("ol","margin:0;padding:0;list-style:none");
p.problems.forEach(function(d){list.append(item(d,p.editor))});
box.append(list);document.body.appendChild(box);x.focus()}
})();</script>"#;

/// `html` with the reload script added before its last `</body>` (or at the end).
pub fn inject(html: &[u8]) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    [&html[..at], SCRIPT.as_bytes(), &html[at..]].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_closing_body_tag() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert!(out.starts_with("<html><body><p>x</p><script>"));
        assert!(out.ends_with("</script></body></html>"));
        assert!(out.contains(EVENTS_PATH));
        let bare = String::from_utf8(inject(b"<p>x</p>")).unwrap();
        assert!(bare.starts_with("<p>x</p><script>"));
    }

    #[test]
    fn errors_are_one_json_line_and_late_listeners_get_the_current_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut frames = Frames::new(dir.path(), false);
        let error = Diagnostic::error("a.md", 1, 2, "\"x\"").with_hint("y");
        let broken = Event::Error(Problems::new(&[error], &mut frames, true));
        assert_eq!(
            broken.to_sse(),
            "event: build-error\ndata: {\"editor\":true,\"problems\":[{\"column\":2,\"file\":\"a.md\",\"frame\":\"a.md:1:2: error: \\\"x\\\"\\n  hint: y\",\"line\":1}]}\n\n"
        );
        let hub = Hub::default();
        let early = hub.subscribe();
        hub.publish(broken.clone());
        let late = hub.subscribe();
        assert_eq!(late.try_recv(), Ok(broken.clone()));
        hub.publish(Event::Reload);
        assert_eq!(early.try_recv(), Ok(broken));
        assert_eq!(early.try_recv(), Ok(Event::Reload));
        assert!(hub.subscribe().try_recv().is_err(), "the error is cleared");
    }
}
