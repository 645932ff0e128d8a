//! Watching the site for edits with the notify crate: site.yaml (through
//! the root folder, so a save-by-rename is seen), content/ and themes/. Events
//! are debounced: a batch ends once the tree has been quiet for a moment, so
//! an editor's burst of writes and renames becomes one rebuild.

use crate::diagnostics::Diagnostic;
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the tree must be quiet before a batch ends.
const QUIET: Duration = Duration::from_millis(120);
/// The longest a batch waits for quiet, so constant writes still rebuild.
const MAX_WAIT: Duration = Duration::from_secs(2);

/// A running watcher over one site root.
pub struct Watcher {
    root: PathBuf,
    events: Receiver<notify::Result<notify::Event>>,
    _watcher: RecommendedWatcher,
}

impl Watcher {
    /// Starts watching `root` (its site.yaml, content/ and themes/).
    pub fn start(root: &Path) -> Result<Watcher, Diagnostic> {
        let root = root.canonicalize().map_err(|e| watch_error(root, &e))?;
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).map_err(|e| watch_error(&root, &e))?;
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(&root, &e))?;
        for dir in ["content", "themes"].map(|d| root.join(d)) {
            if dir.is_dir() {
                watcher
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(&dir, &e))?;
            }
        }
        Ok(Watcher {
            root,
            events,
            _watcher: watcher,
        })
    }

    /// Blocks until an input of the site changes and the changes settle;
    /// `None` once the watcher has stopped.
    pub fn next_batch(&self) -> Option<()> {
        while !self.is_relevant(self.events.recv().ok()?) {}
        let started = Instant::now();
        while started.elapsed() < MAX_WAIT {
            match self.events.recv_timeout(QUIET) {
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        Some(())
    }

    /// True for changes (not mere reads) to site.yaml, content/ or themes/.
    fn is_relevant(&self, event: notify::Result<notify::Event>) -> bool {
        let Ok(event) = event else {
            return true; // e.g. the kernel's queue overflowed: rescan to be safe
        };
        !matches!(event.kind, EventKind::Access(_))
            && event.paths.iter().any(|p| {
                let rel = p.strip_prefix(&self.root).unwrap_or(p);
                rel == Path::new("site.yaml")
                    || rel.starts_with("content")
                    || rel.starts_with("themes")
            })
    }
}

fn watch_error(path: &Path, e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(path, 0, 0, format!("cannot watch this folder for changes: {e}"))
        .with_hint("check that the folder exists and is readable; on Linux, raise fs.inotify.max_user_watches if it is exhausted")
}
