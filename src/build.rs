//! The `build` and `check` commands as library functions: load, render, and
//! (for build) write. This is the one place the stages are put together.

use crate::content::{self, Site};
use crate::diagnostics::{distinct, Diagnostic, Failure};
use crate::output;
use crate::render::{self, Drafts, OutputFile, RenderOptions, Rendered, Sink, Theme};
use crate::status::{self, TranslationRow};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What `briefing build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (holds site.yaml).
    pub root: PathBuf,
    /// Output directory; relative paths are taken from the root. Default: public.
    pub output: Option<PathBuf>,
    /// Overrides site.yaml's base_url (e.g. for a staging host).
    pub base_url: Option<String>,
    /// Include draft briefings.
    pub drafts: bool,
    /// Replace a non-empty output directory that briefing did not create.
    pub force: bool,
    /// Leave out the search index (`pagefind/`).
    pub no_search: bool,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// The output directory.
    pub output: PathBuf,
    /// HTML pages published.
    pub pages: usize,
    /// All files published.
    pub files: usize,
    /// Bytes published.
    pub bytes: u64,
    /// Warnings that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Loads the content and theme of `root` and renders the site into `sink`.
pub fn render_all(
    root: &Path,
    base_url: Option<&str>,
    drafts: Drafts,
    sink: Sink,
) -> Result<(Site, Rendered), Failure> {
    let (site, rendered, mut errors) = render_loaded(root, base_url, drafts, sink)?;
    if errors.is_empty() {
        return Ok((site, rendered));
    }
    errors.extend(rendered.warnings);
    Err(Failure(distinct(errors)))
}

/// Loads what of `root` loads and renders it: the site, what rendered, and
/// the errors of loading and rendering, so that one run reports every
/// problem. With errors nothing goes to `sink`, and what rendered holds
/// the warnings of the briefings that rendered.
fn render_loaded(
    root: &Path,
    base_url: Option<&str>,
    drafts: Drafts,
    sink: Sink,
) -> Result<(Site, Rendered, Vec<Diagnostic>), Failure> {
    let (mut site, mut errors) = content::load_partial(root)?;
    if let Some(url) = base_url {
        site.config.set_base_url(url);
    }
    // A theme that does not load is reported beside the content's errors.
    let theme = Theme::load(root, &site.config).map_err(|Failure(found)| {
        errors.extend(found);
        Failure(std::mem::take(&mut errors))
    })?;
    let discard = |_| Ok(());
    let sink: Sink = if errors.is_empty() { sink } else { &discard };
    let options = RenderOptions {
        drafts,
        partial: !errors.is_empty(),
    };
    let rendered = match render::render_site(&site, &theme, &options, sink) {
        Ok(rendered) => rendered,
        Err(Failure(found)) => {
            errors.extend(found);
            Rendered::default()
        }
    };
    Ok((site, rendered, errors))
}

/// Builds the site: on any error the output directory is left untouched.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Failure> {
    let output = options.root.join(
        options
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from("public")),
    );
    output::check_output_dir(&options.root, &output, options.force)?;
    // Pages go to the staging directory as they are rendered; on any error
    // the staging directory is dropped and the output stays as it was.
    let staging = output::Staging::create(&options.root, &output)?;
    let bytes = AtomicU64::new(0);
    let write = |file: OutputFile| {
        bytes.fetch_add(staging.write(&file)?, Ordering::Relaxed);
        Ok(())
    };
    let (_, rendered) = render_all(
        &options.root,
        options.base_url.as_deref(),
        Drafts::from_flag(options.drafts),
        &write,
    )?;
    // The search index, from the pages as written, goes in before the swap.
    let index = match options.no_search {
        false => render::search_index(staging.dir())?,
        true => Vec::new(),
    };
    let indexed = index.len();
    for file in index {
        write(file)?;
    }
    let mut warnings = rendered.warnings;
    warnings.extend(staging.commit()?);
    warnings.extend(output::record::remember(&options.root, &output));
    Ok(BuildReport {
        pages: rendered.pages,
        files: rendered.files + indexed,
        output,
        bytes: bytes.into_inner(),
        warnings,
    })
}

/// What `briefing check` found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Every error and warning.
    pub diagnostics: Vec<Diagnostic>,
    /// How far each briefing that loaded is translated.
    pub translations: Vec<TranslationRow>,
    /// `file:line:col: note [^7] (7) repeats note [^5] (5) in short form` lines.
    pub short_forms: Vec<String>,
}

/// Loads and renders everything (drafts included, links to them judged
/// as a build without `--drafts` does) without writing; with errors, the
/// status of the briefings that loaded is still reported.
pub fn check(root: &Path) -> CheckReport {
    match render_loaded(root, None, Drafts::Checked, &|_| Ok(())) {
        Ok((site, rendered, mut diagnostics)) => {
            diagnostics.extend(rendered.warnings);
            CheckReport {
                translations: status::translation_status(&site, &rendered.notes),
                short_forms: status::short_form_lines(&rendered.notes),
                diagnostics: distinct(diagnostics),
            }
        }
        Err(Failure(diagnostics)) => CheckReport {
            diagnostics: distinct(diagnostics),
            ..CheckReport::default()
        },
    }
}
