//! Rendering: from the loaded [`Site`] to the list of files to publish. Every
//! page is a Tera template filled from a serialisable context; nothing here
//! touches the disk.

mod anchors;
mod assets;
mod briefing;
pub(crate) mod bundle;
mod context;
mod excerpt;
mod feeds;
mod glossary;
mod links;
mod listing;
mod menu;
mod metadata;
mod pages;
mod pipeline;
mod prose;
mod related;
mod search;
mod taxonomies;
mod theme;

pub use assets::Assets;
pub use briefing::{NotesReport, Output as BriefingOutput, Summary};
pub use context::{PageMeta, SiteContext};
pub use glossary::Occurrence;
pub use pipeline::Pipeline;
pub use search::{index as search_index, INDEX_DIR as SEARCH_INDEX_DIR};
pub use theme::{Strings, Theme};

use crate::content::Site;
use crate::diagnostics::{Diagnostic, Failure};
use crate::i18n::url_prefix;
use rayon::prelude::*;
use std::path::Path;

/// One file of the output: its path relative to the output dir and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with forward slashes, e.g. "en/briefings/x/index.html".
    pub path: String,
    /// The bytes to write (HTML is minified later, by `output`).
    pub bytes: Vec<u8>,
}

/// What a render produced: the files and the warnings met on the way.
#[derive(Debug, Default)]
pub struct Rendered {
    /// How many files were handed to the sink.
    pub files: usize,
    /// How many of them are HTML pages.
    pub pages: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Per briefing, what `check` reports about its notes.
    pub notes: Vec<NotesReport>,
}

impl Rendered {
    fn count(&mut self, paths: &[String]) {
        self.files += paths.len();
        self.pages += paths.iter().filter(|p| p.ends_with(".html")).count();
    }
}

/// What a render does with the briefings marked `draft: true`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Drafts {
    /// Leaves them out, as `build` publishes the site.
    #[default]
    Left,
    /// Publishes them (`build --drafts`, `serve --drafts`).
    Published,
    /// Renders them for their diagnostics only (`check`): a link to one
    /// from a text a build without `--drafts` publishes is an error there,
    /// as it is in that build (review editor F6: `check` passed it).
    Checked,
}

impl Drafts {
    /// Published with the `--drafts` flag, else left out.
    pub fn from_flag(drafts: bool) -> Drafts {
        match drafts {
            true => Drafts::Published,
            false => Drafts::Left,
        }
    }
}

/// Options that change what is rendered.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// What to do with briefings marked `draft: true`.
    pub drafts: Drafts,
    /// Some briefings did not load: a glossary entry none of the others uses
    /// is not reported as unused.
    pub partial: bool,
}

/// Where rendered files go as soon as they are made: written to a staging
/// directory by `build` (so a site's pages are never all held in memory at
/// once), dropped by `check`, kept by `serve` for its next rebuild.
pub type Sink<'a> = &'a (dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync);

/// Renders every page, feed and asset of the site into `sink`: the
/// [`Pipeline`]'s stages run once over everything. The site's own static
/// files go last and replace generated files of their paths.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    sink: Sink,
) -> Result<Rendered, Failure> {
    let replaced = std::sync::Mutex::new(Vec::new());
    let generated = |file: OutputFile| match theme.assets.is_root_file(&file.path) {
        true => {
            let mut replaced = replaced.lock().unwrap_or_else(|e| e.into_inner());
            replaced.push(file.path);
            Ok(())
        }
        false => sink(file),
    };
    let mut rendered = render_generated(site, theme, options, &generated)?;
    let replaced = replaced.into_inner().unwrap_or_else(|e| e.into_inner());
    let shadowing = shadowing_errors(replaced.iter().map(String::as_str), &theme.assets);
    if !shadowing.is_empty() {
        return Err(Failure(shadowing));
    }
    rendered.files -= replaced.len();
    rendered.pages -= replaced.iter().filter(|p| p.ends_with(".html")).count();
    rendered.count(&emit(sink, theme.assets.root.clone())?);
    Ok(rendered)
}

/// The generated files a file of the site's `static/` may replace.
const REPLACEABLE: [&str; 1] = ["robots.txt"];

/// An error for each generated file of `replaced` (paths a file of the
/// site's `static/` also has) that is not one static/ may replace, and for
/// each file of static/ in the search index's folder, which the build
/// writes after the pages (review s10 attacker F17: it was overwritten
/// without a word).
pub fn shadowing_errors<'a>(
    replaced: impl IntoIterator<Item = &'a str>,
    assets: &'a Assets,
) -> Vec<Diagnostic> {
    let index = format!("{}/", search::INDEX_DIR);
    let in_index = assets.root.iter().map(|f| f.path.as_str());
    replaced
        .into_iter()
        .filter(|path| !REPLACEABLE.contains(path))
        .chain(in_index.filter(|p| p.starts_with(&index)))
        .map(shadowing)
        .collect()
}

/// The error for a file of the site's `static/` at the path of a generated
/// page or feed (review R17: a `static/index.html` carried over from
/// another generator silently replaced the front page).
fn shadowing(path: &str) -> Diagnostic {
    Diagnostic::error(
        Path::new(assets::SITE_STATIC).join(path),
        0,
        0,
        format!("this file would replace the site's generated /{path}"),
    )
    .with_hint(format!(
        "remove or rename it; of the generated files only {} may be replaced from static/",
        REPLACEABLE.join(", ")
    ))
}

/// Renders every generated page, feed and asset of the site into `sink`.
fn render_generated(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    sink: Sink,
) -> Result<Rendered, Failure> {
    let pipeline = Pipeline::new(site, theme, options)?;
    let reading = |file: OutputFile| {
        pipeline.ctx.anchors.read(&file);
        sink(file)
    };
    let sink: Sink = &reading;
    let per_briefing: Vec<Result<BriefingOutput, Failure>> = pipeline
        .included()
        .par_iter()
        .map(|b| {
            let mut out = pipeline.briefing(b)?;
            out.written = emit(sink, std::mem::take(&mut out.files))?;
            Ok(out)
        })
        .collect();

    let mut rendered = Rendered::default();
    let mut errors = Vec::new();
    let mut summaries = Vec::new();
    let mut occurrences = Vec::new();
    for result in per_briefing {
        match result {
            Ok(out) => {
                rendered.count(&out.written);
                rendered.warnings.extend(out.warnings);
                summaries.push(out.summary);
                occurrences.extend(out.occurrences);
                rendered.notes.push(out.report);
            }
            Err(Failure(ds)) => errors.extend(ds),
        }
    }
    let (glossary_errors, glossary_warnings) =
        pipeline.check_glossary(&occurrences, errors.is_empty());
    errors.extend(glossary_errors);
    rendered.warnings.extend(glossary_warnings);
    // The pages and what loaded of the briefings that did not are checked
    // whatever else failed: one run reports every problem (review editor
    // F4, F7: a section's error hid the pages', a bad `date:` the sections').
    let checked = [pipeline.page_diagnostics(), pipeline.unloaded_diagnostics()];
    let (more_errors, warnings): (Vec<_>, Vec<_>) =
        checked.concat().into_iter().partition(Diagnostic::is_error);
    errors.extend(more_errors);
    rendered.warnings.extend(warnings);
    if errors.iter().any(Diagnostic::is_error) {
        return Err(Failure([errors, rendered.warnings].concat()));
    }
    let emitted = |files: Result<Vec<OutputFile>, Failure>| emit(sink, files?);
    let (listings, (glossary, fixed)) = rayon::join(
        || emitted(pipeline.listings(&summaries)),
        || {
            rayon::join(
                || pipeline.glossary_pages(&occurrences, sink),
                || emitted(pipeline.fixed()),
            )
        },
    );
    for result in [listings, glossary, fixed] {
        match result {
            Ok(written) => rendered.count(&written),
            Err(Failure(found)) => errors.extend(found),
        }
    }
    let (anchor_errors, warnings) = pipeline.check_anchors();
    errors.extend(anchor_errors);
    rendered.warnings.extend(warnings);
    match errors.is_empty() {
        true => Ok(rendered),
        false => Err(Failure([errors, rendered.warnings].concat())),
    }
}

/// Renders a page per item in parallel and hands each to the sink as soon
/// as it is made, so they are never all held at once; returns their paths.
/// On failure, the first error in `items` order is returned, so diagnostics
/// do not depend on scheduling.
pub(crate) fn render_each<T: Sync>(
    items: &[T],
    sink: Sink,
    page: impl Fn(&T) -> Result<OutputFile, Failure> + Sync,
) -> Result<Vec<String>, Failure> {
    let results: Vec<Result<String, Failure>> = items
        .par_iter()
        .map(|item| {
            let file = page(item)?;
            let path = file.path.clone();
            sink(file)?;
            Ok(path)
        })
        .collect();
    results.into_iter().collect()
}

/// Hands `files` to the sink, in order; returns their paths.
fn emit(sink: Sink, files: Vec<OutputFile>) -> Result<Vec<String>, Failure> {
    let mut written = Vec::with_capacity(files.len());
    for file in files {
        written.push(file.path.clone());
        sink(file)?;
    }
    Ok(written)
}

/// The output path of a page: `<lang prefix><path>index.html`.
fn page_path(lang: &str, default_language: &str, path: &str) -> String {
    format!("{}{path}index.html", url_prefix(lang, default_language))
}
