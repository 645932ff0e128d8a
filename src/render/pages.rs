//! The site's stand-alone pages (content/pages/): one per language at
//! `<lang prefix><slug>/`, in the page's own text where it has one, else
//! the default language's (or any) with a notice, like an untranslated
//! briefing section. Their Markdown is a section's: glossary terms, notes
//! with back links, links to the site's pages ([`super::prose`]).

use super::briefing::Text;
use super::context::SiteContext;
use super::OutputFile;
use crate::content::pages::{Page, PageFile};
use crate::diagnostics::{Diagnostic, Failure, LineIndex};
use crate::markdown::{self, Spanned};
use crate::notes::{NoteSource, NoteTable, RenderedNote, RenderedSource};
use serde::Serialize;

/// What page.html gets as `content`.
#[derive(Serialize)]
struct PageView {
    title: Text,
    /// The page's Markdown as HTML.
    html: String,
    /// True when the text is not in the page's language.
    untranslated: bool,
    /// The language of the text shown.
    text_lang: String,
    /// Its endnotes.
    notes: Vec<RenderedNote>,
    /// The sources its notes cite.
    references: Vec<RenderedSource>,
    /// True when it has note references or glossary terms, whose cards the
    /// popover script shows.
    popovers: bool,
}

/// A page's files parsed, the default language's first, and their notes.
struct Parsed<'p> {
    sources: Vec<NoteSource<'p>>,
    table: NoteTable<'p>,
    /// What parsing found: errors stop the render.
    diagnostics: Vec<Diagnostic>,
}

/// Every page in every language.
pub fn render(ctx: &SiteContext) -> Result<Vec<OutputFile>, Failure> {
    let pages = &ctx.site.pages;
    let parsed: Vec<Parsed> = pages.iter().map(|p| parse(ctx, p)).collect();
    let found = parsed.iter().flat_map(|p| p.diagnostics.iter());
    if found.clone().any(Diagnostic::is_error) {
        return Err(Failure(found.cloned().collect()));
    }
    let mut files = Vec::new();
    for (page, parsed) in pages.iter().zip(&parsed) {
        for lang in &ctx.site.config.languages {
            files.push(render_one(ctx, page, parsed, lang)?);
        }
    }
    Ok(files)
}

/// What the pages' Markdown gives reason to report: errors, and what does
/// not stop the build (script links shown as text, a link to a path
/// outside the site).
pub fn diagnostics(ctx: &SiteContext) -> Vec<Diagnostic> {
    let pages = ctx.site.pages.iter();
    pages.flat_map(|p| parse(ctx, p).diagnostics).collect()
}

/// Parses every file of `page` as a section is parsed, and resolves its notes.
fn parse<'p>(ctx: &SiteContext, page: &'p Page) -> Parsed<'p> {
    let default = &ctx.site.config.default_language;
    let mut files: Vec<(&String, &PageFile)> = page.files.iter().collect();
    files.sort_by_key(|(lang, _)| *lang != default);
    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    for (lang, file) in files {
        let href = ctx.href(lang, &format!("{}/", page.slug));
        let at = super::prose::Source {
            path: &file.path,
            body: &file.body,
            body_line: file.body_line,
            lang,
            page: &href,
            draft: false,
        };
        let (source, found) =
            super::prose::parse(ctx, &at, |events| unpublished_files(file, events));
        diagnostics.extend(found);
        sources.push(source);
    }
    let (table, found) = NoteTable::resolve(&sources);
    diagnostics.extend(found);
    diagnostics.extend(ctx.glossary.check_references(&sources));
    Parsed {
        sources,
        table,
        diagnostics,
    }
}

/// An error for each link or image in a page to a file by relative path:
/// a page has no folder of files published beside it (review R33).
fn unpublished_files(file: &PageFile, events: &[Spanned]) -> Vec<Diagnostic> {
    let lines = LineIndex::new(&file.body);
    events
        .iter()
        .filter_map(|(event, range)| {
            let url = super::bundle::destination(event)?;
            if !super::bundle::is_relative(url) {
                return None;
            }
            let (line, column) = lines.line_col(range.start);
            let message = format!("`{url}` is a relative path, and a page has no files published beside it");
            Some(Diagnostic::error(&file.path, line + file.body_line - 1, column, message)
                .with_hint("put the file in the site's static/ folder and link it from the site root (`/logo.png`), or link a page with @/…"))
        })
        .collect()
}

fn render_one(
    ctx: &SiteContext,
    page: &Page,
    parsed: &Parsed,
    lang: &str,
) -> Result<OutputFile, Failure> {
    let (used, _) = file_for(ctx, page, lang);
    let source = parsed
        .sources
        .iter()
        .find(|s| s.lang == used)
        .expect("every file of a page is parsed");
    let original = parsed.sources[0].lang.as_str();
    let mut notes = super::prose::notes(ctx, &parsed.table, (lang, original));
    let prose = super::prose::render(ctx, source, (&page.name, used, lang), &mut notes);
    let notes_view = notes.endnotes();
    let view = PageView {
        popovers: !notes_view.is_empty() || !prose.terms.is_empty(),
        html: markdown::to_html(prose.events.into_iter()),
        untranslated: used != lang,
        text_lang: used.to_string(),
        title: title(ctx, page, lang),
        notes: notes_view,
        references: notes.references(),
    };
    let meta = ctx.meta(lang, &format!("{}/", page.slug), Some(&view.title.text));
    ctx.page("page.html", &meta, |c| c.insert("content", &view))
}

/// The file to show in `lang`: its own, else the default language's, else any.
fn file_for<'p>(ctx: &SiteContext, page: &'p Page, lang: &str) -> (&'p str, &'p PageFile) {
    let (file, used) = ctx
        .pick(&page.files, lang)
        .expect("a page has at least one file");
    (used, file)
}

/// The page's title in `lang`, with the language it is in when another.
pub fn title(ctx: &SiteContext, page: &Page, lang: &str) -> Text {
    let (used, file) = file_for(ctx, page, lang);
    Text {
        text: file.front.title.clone(),
        lang: (used != lang).then(|| used.to_string()),
    }
}
