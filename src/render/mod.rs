//! Rendering: from the loaded [`Site`] to the list of files to publish. Every
//! page is a Tera template filled from a serialisable context; nothing here
//! touches the disk.

mod briefing;
mod context;
mod feeds;
mod glossary;
mod metadata;
mod theme;

pub use context::PageMeta;
pub use theme::{template_error, Assets, Strings, Theme};

use crate::content::{Briefing, Site};
use crate::diagnostics::{Diagnostic, Failure};
use crate::glossary::Glossary;
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
    /// Every file of the site.
    pub files: Vec<OutputFile>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Options that change what is rendered.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Include briefings marked `draft: true`.
    pub drafts: bool,
}

/// Renders every page, feed and asset of the site.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Rendered, Failure> {
    let briefings: Vec<&Briefing> = site
        .briefings
        .iter()
        .filter(|b| options.drafts || !b.meta.draft)
        .collect();
    let (glossary, mut glossary_problems) = Glossary::new(&site.glossary, &site.config.languages);
    let ctx = context::SiteContext::new(site, theme, glossary);
    let per_briefing: Vec<Result<briefing::Output, Failure>> = briefings
        .par_iter()
        .map(|b| briefing::render(&ctx, b))
        .collect();

    let mut rendered = Rendered::default();
    let mut errors = Vec::new();
    let mut summaries = Vec::new();
    let mut occurrences = Vec::new();
    for result in per_briefing {
        match result {
            Ok(out) => {
                rendered.files.extend(out.files);
                rendered.warnings.extend(out.warnings);
                summaries.push(out.summary);
                occurrences.extend(out.occurrences);
            }
            Err(Failure(ds)) => errors.extend(ds),
        }
    }
    glossary_problems.extend(
        ctx.glossary
            .check_unused(&occurrences.iter().map(|o| o.id.as_str()).collect()),
    );
    let (glossary_errors, glossary_warnings): (Vec<_>, Vec<_>) = glossary_problems
        .into_iter()
        .partition(Diagnostic::is_error);
    errors.extend(glossary_errors);
    rendered.warnings.extend(glossary_warnings);
    if errors.iter().any(Diagnostic::is_error) {
        return Err(Failure(errors));
    }
    summaries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    for lang in &site.config.languages {
        rendered
            .files
            .push(ctx.page("home.html", &ctx.meta(lang, "", None), |c| {
                c.insert("briefings", &briefing::listing(&summaries, lang))
            })?);
        rendered
            .files
            .push(glossary::render(&ctx, lang, &occurrences)?);
    }
    rendered.files.push(ctx.not_found()?);
    rendered.files.extend(feeds::render(&ctx, &summaries));
    rendered
        .files
        .extend(theme.assets.files.iter().map(|(path, bytes)| OutputFile {
            path: path.clone(),
            bytes: bytes.clone(),
        }));
    rendered.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(rendered)
}

/// The output path of a page: `<lang prefix><path>index.html`.
fn page_path(lang: &str, default_language: &str, path: &str) -> String {
    format!("{}{path}index.html", url_prefix(lang, default_language))
}

/// The theme's templates directory, for template diagnostics.
fn templates_dir(site: &Site) -> std::path::PathBuf {
    Path::new("themes")
        .join(&site.config.theme)
        .join("templates")
}
