//! `briefing serve`: build the site into a private output directory, serve it
//! over HTTP, watch the inputs, rebuild incrementally on change and tell open
//! pages to reload (or to show the errors of a broken edit).
//!
//! | module | owns |
//! |---|---|
//! | `inputs` | scanning input files; what changed between two scans |
//! | `incremental` | cached inputs and outputs; rebuilding only what changed |
//! | `publish` | writing only changed files into the served directory |
//! | `watch` | notify watcher with debouncing |
//! | `server` | the HTTP server and event stream |
//! | `files` | safe request-path resolution and content types |
//! | `guard` | rebuilds on a large stack, with panics turned into errors |
//! | `search` | rebuilding the search index in the background after each good rebuild |
//! | `reload` | reload/error events (code frames for the overlay) and the injected script |
//! | `editor` | `--editor`: opening a site file from the overlay, safely |
//! | `workdir` | the private working folder the site is served from |

mod editor;
mod files;
mod guard;
mod incremental;
mod inputs;
mod publish;
mod reload;
mod search;
mod server;
mod watch;
mod workdir;

use incremental::{Engine, EngineOptions, Rebuild};
use inputs::Area;

use crate::diagnostics::{color_wanted, Diagnostic, Failure, Frames};
use editor::Editor;
use reload::{Event, Hub, Problems};
use std::collections::BTreeSet;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What `briefing serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// Address to listen on (loopback by default).
    pub bind: String,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Include draft briefings.
    pub drafts: bool,
    /// The command that opens a file in the editor (`{file}`, `{line}` and
    /// `{col}` replaced), run when a link in the error overlay is clicked.
    pub editor: Option<String>,
}

/// Builds, serves and rebuilds the site until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<(), Failure> {
    guard::configure_workers();
    let editor = options
        .editor
        .as_deref()
        .map(|command| Editor::new(command, &options.root))
        .transpose()?;
    let (listener, address) = listen(options)?;
    let (workdir, warning) = workdir::prepare(&options.root)?;
    if let Some(warning) = warning {
        eprintln!("{warning}");
    }
    let output = workdir.join("site");
    let watcher = watch::Watcher::start(&options.root)?;
    let reporter = Reporter {
        hub: Arc::new(Hub::default()),
        root: options.root.clone(),
        editor: editor.is_some(),
    };
    let mut engine = Engine::new(
        EngineOptions {
            root: options.root.clone(),
            base_url: format!("http://{address}/"),
            drafts: options.drafts,
        },
        &output,
    );
    let indexer = search::Indexer::start(output.clone());
    rebuild(
        &mut engine,
        &reporter,
        &indexer,
        &BTreeSet::from([Area::Everything]),
    );
    server::Server::new(
        served_dir(&output)?,
        Arc::clone(&reporter.hub),
        &options.bind,
    )
    .with_editor(editor)
    .spawn(listener);
    eprintln!(
        "serving http://{address}/ from {} (watching site.yaml, content/ and themes/; Ctrl-C stops)",
        output.display()
    );
    while let Some(areas) = watcher.next_batch() {
        rebuild(&mut engine, &reporter, &indexer, &areas);
    }
    Ok(())
}

/// Rebuilds `areas`, reports the outcome and, when it succeeded, has the
/// search index rebuilt. A panic in the rebuild is reported like a build
/// error: the last good build stays served, and the engine starts afresh,
/// so the next edit rebuilds the whole site.
fn rebuild(
    engine: &mut Engine,
    reporter: &Reporter,
    indexer: &search::Indexer,
    areas: &BTreeSet<Area>,
) {
    match guard::run(|| engine.rebuild_areas(areas)) {
        Ok(Some(rebuild)) => {
            reporter.report(&rebuild);
            if rebuild.succeeded() {
                indexer.request();
            }
        }
        Ok(None) => {}
        Err(panic) => {
            engine.restart();
            reporter.report_crash(areas, &panic);
        }
    }
}

fn listen(options: &ServeOptions) -> Result<(TcpListener, SocketAddr), Diagnostic> {
    let wanted = format!("{}:{}", options.bind, options.port);
    let failed = |e: std::io::Error| {
        Diagnostic::error(&wanted, 0, 0, format!("cannot listen on this address: {e}"))
            .with_hint("choose another port with --port (0 picks a free one)")
    };
    let listener = TcpListener::bind((options.bind.as_str(), options.port)).map_err(failed)?;
    let address = listener.local_addr().map_err(failed)?;
    Ok((listener, address))
}

/// The canonical output directory (created if the first build failed).
fn served_dir(output: &Path) -> Result<PathBuf, Diagnostic> {
    std::fs::create_dir_all(output)
        .and_then(|()| output.canonicalize())
        .map_err(|e| {
            Diagnostic::error(
                output,
                0,
                0,
                format!("cannot use the output directory: {e}"),
            )
            .with_hint("check that the system's temp folder is writable")
        })
}

/// Tells the terminal and open pages how each rebuild went.
struct Reporter {
    hub: Arc<Hub>,
    /// The site root, where the code frames' source lines are read.
    root: PathBuf,
    /// Whether `--editor` was given (the overlay then links each file).
    editor: bool,
}

impl Reporter {
    /// Logs a rebuild in one line (then its diagnostics as code frames) and tells open pages.
    fn report(&self, rebuild: &Rebuild) {
        eprintln!("{rebuild}");
        let mut frames = Frames::new(&self.root, color_wanted());
        for d in rebuild.warnings.iter().chain(&rebuild.errors) {
            eprintln!("{}", frames.render(d));
        }
        if rebuild.succeeded() {
            self.hub.publish(Event::Reload);
        } else {
            self.publish_errors(&rebuild.errors);
        }
    }

    /// Logs a rebuild that panicked and shows it on open pages as an error.
    fn report_crash(&self, areas: &BTreeSet<Area>, panic: &str) {
        let place = areas.first().map_or_else(|| PathBuf::from("."), Area::path);
        let error = Diagnostic::error(place, 0, 0, format!("briefing crashed while rebuilding after this edit: {panic}"))
            .with_hint("this is a bug in briefing: please report it with the file you saved. The last good build is still served; the next edit rebuilds everything");
        eprintln!("rebuild failed, still serving the last good build");
        eprintln!("{error}");
        self.publish_errors(&[error]);
    }

    /// Shows `errors` as plain code frames in the overlay of open pages.
    fn publish_errors(&self, errors: &[Diagnostic]) {
        let mut frames = Frames::new(&self.root, false);
        let problems = Problems::new(errors, &mut frames, self.editor);
        self.hub.publish(Event::Error(problems));
    }
}
