//! Watching the site for edits with the notify crate: site.yaml (through
//! the root folder, so a save-by-rename is seen), content/ and themes/. Events
//! are batched: a batch ends once the tree has been quiet for a few
//! milliseconds, so an editor's burst of writes and renames becomes one
//! rebuild, and says which input areas (a briefing folder, the theme …) to
//! rescan. Events that arrive during a rebuild start the next batch.

use super::inputs::{self, Area};
use crate::diagnostics::Diagnostic;
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the tree must be quiet before a batch ends: long enough for
/// the events of one save (a write, or a rename and a write, come within a
/// few milliseconds), short enough not to be felt. A save that straddles two
/// batches costs a second rebuild; the first may briefly publish the state
/// in between (a section missing while its file is renamed away), and the
/// second, which rescans the same area, puts it right.
const QUIET: Duration = Duration::from_millis(20);
/// The longest a batch waits for quiet, so constant writes still rebuild.
const MAX_WAIT: Duration = Duration::from_secs(2);

/// A running watcher over one site root.
pub struct Watcher {
    root: PathBuf,
    events: Receiver<notify::Result<notify::Event>>,
    _watcher: RecommendedWatcher,
}

impl Watcher {
    /// Starts watching `root` (its site.yaml, content/, themes/, and the
    /// site's templates/ and static/).
    pub fn start(root: &Path) -> Result<Watcher, Diagnostic> {
        let root = root.canonicalize().map_err(|e| watch_error(root, &e))?;
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).map_err(|e| watch_error(&root, &e))?;
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(&root, &e))?;
        let dirs = std::iter::once("content").chain(super::inputs::THEME_DIRS);
        for dir in dirs.map(|d| root.join(d)) {
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

    /// Blocks until an input of the site changes and the changes settle,
    /// then returns the areas to rescan; `None` once the watcher has stopped.
    pub fn next_batch(&self) -> Option<BTreeSet<Area>> {
        let mut areas = BTreeSet::new();
        while areas.is_empty() {
            self.add(&mut areas, self.events.recv().ok()?);
        }
        let started = Instant::now();
        while started.elapsed() < MAX_WAIT {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.add(&mut areas, event),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        Some(areas)
    }

    /// Adds the areas an event touched: none for mere reads, everything when
    /// the event is an error or asks for a rescan (the kernel's queue overflowed).
    fn add(&self, areas: &mut BTreeSet<Area>, event: notify::Result<notify::Event>) {
        let Ok(event) = event
            .map_err(drop)
            .and_then(|e| (!e.need_rescan()).then_some(e).ok_or(()))
        else {
            areas.insert(Area::Everything);
            return;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        let relative = event
            .paths
            .iter()
            .map(|p| p.strip_prefix(&self.root).unwrap_or(p));
        areas.extend(inputs::areas(relative));
    }
}

fn watch_error(path: &Path, e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(path, 0, 0, format!("cannot watch this folder for changes: {e}"))
        .with_hint("check that the folder exists and is readable; on Linux, raise fs.inotify.max_user_watches if it is exhausted")
}
