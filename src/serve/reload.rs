//! Live reload: the server-sent events that tell open pages to reload or to
//! show a build error, and the small script that listens for them. The
//! script is added to HTML as it is served; it is never written into the
//! output directory, so `serve` output equals `build` output.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Mutex, PoisonError};

/// The path of the event stream.
pub const EVENTS_PATH: &str = "/__briefing/events";

/// What open pages are told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A build succeeded: reload the page.
    Reload,
    /// A build failed: show this text (the diagnostics) over the page.
    Error(String),
}

impl Event {
    /// The event in the `text/event-stream` wire format.
    pub fn to_sse(&self) -> String {
        match self {
            Event::Reload => "event: reload\ndata: {}\n\n".to_string(),
            Event::Error(message) => format!(
                "event: build-error\ndata: {}\n\n",
                serde_json::json!({ "message": message })
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

/// Reloads the page on `reload`; shows the message of `build-error` in an
/// overlay (as text, never as HTML) until the next successful build reloads.
const SCRIPT: &str = r#"<script>(function(){var o,s=new EventSource("/__briefing/events");s.addEventListener("reload",function(){location.reload()});s.addEventListener("build-error",function(e){if(!o){o=document.createElement("pre");o.id="briefing-error-overlay";o.setAttribute("role","alert");o.style.cssText="position:fixed;inset:1rem;z-index:2147483647;margin:0;padding:1.25rem;overflow:auto;background:#2a0f0f;color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;border:3px solid #e5484d;border-radius:8px";document.body.appendChild(o)}o.textContent="briefing: the last edit has errors; this page shows the last good build.\n\n"+JSON.parse(e.data).message})})();</script>"#;

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
        let sse = Event::Error("a.md:1:2: error: \"x\"\n  hint: y".into()).to_sse();
        assert_eq!(
            sse,
            "event: build-error\ndata: {\"message\":\"a.md:1:2: error: \\\"x\\\"\\n  hint: y\"}\n\n"
        );
        let hub = Hub::default();
        let early = hub.subscribe();
        hub.publish(Event::Error("broken".into()));
        let late = hub.subscribe();
        assert_eq!(late.try_recv(), Ok(Event::Error("broken".into())));
        hub.publish(Event::Reload);
        assert_eq!(early.try_recv(), Ok(Event::Error("broken".into())));
        assert_eq!(early.try_recv(), Ok(Event::Reload));
        assert!(hub.subscribe().try_recv().is_err(), "the error is cleared");
    }
}
