//! The Markdown of briefing sections and of content/pages/ made page
//! events the one way: heading ids, glossary terms linked, note references
//! numbered with their back links (review R33: pages had a dialect of
//! their own, with `[[term]]` left as text and bare footnotes).

use super::context::SiteContext;
pub use super::links::Source;
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, assign_heading_ids, Heading, Spanned};
use crate::notes::{NoteLabels, NoteRenderer, NoteSource, NoteTable};
use pulldown_cmark::Event;

/// A text's events ready for the page, with its headings and the ids of the
/// glossary entries it links.
pub struct Prose<'a> {
    /// The events, notes and terms rewritten.
    pub events: Vec<Event<'a>>,
    /// Its headings below the section's, with their ids.
    pub headings: Vec<Heading>,
    /// The glossary entries it links.
    pub terms: Vec<String>,
}

/// The note renderer of a page in `lang` whose notes are `table`, written
/// in `original` first.
pub fn notes<'t, 'a>(
    ctx: &SiteContext,
    table: &'t NoteTable<'a>,
    (lang, original): (&str, &str),
) -> NoteRenderer<'t, 'a> {
    let labels = NoteLabels {
        reference: ctx.t(lang, "note_label"),
        backlink: ctx.t(lang, "backlink_label"),
        see_note: ctx.t(lang, "see_note"),
        see_notes: ctx.t(lang, "see_notes"),
        separator: ctx.t(lang, "list_separator"),
    };
    NoteRenderer::new(table, (lang, original), &ctx.site.config.languages, labels)
}

/// `source` (written in `used`) on a page in `lang`: its headings given ids
/// below `id`, glossary terms linked, notes referenced through `notes`.
pub fn render<'a>(
    ctx: &SiteContext,
    source: &NoteSource<'a>,
    (id, used, lang): (&str, &str, &str),
    notes: &mut NoteRenderer,
) -> Prose<'a> {
    let mut events = source.body.clone();
    let headings = assign_heading_ids(&mut events, id);
    let glossary_href = ctx.href(lang, "glossary/");
    let linked = ctx
        .glossary
        .link(events, source.position.1, used, &glossary_href);
    Prose {
        events: notes.rewrite(linked.events.into_iter().map(|(e, _)| e)),
        headings,
        terms: linked.terms,
    }
}

/// Parses the Markdown of `source` (published on the page at `source.page`):
/// screened, links to the site's pages resolved ([`super::links`]), the
/// note definitions taken out; with what these found and what `check`
/// finds in the events.
pub fn parse<'a>(
    ctx: &SiteContext,
    source: &Source<'_, 'a>,
    check: impl FnOnce(&[Spanned<'a>]) -> Vec<Diagnostic>,
) -> (NoteSource<'a>, Vec<Diagnostic>) {
    let (path, body, body_line) = (source.path, source.body, source.body_line);
    let screened = markdown::parse_screened(body);
    let mut findings = screened.diagnostics(path, body, body_line);
    let (events, links) = super::links::resolve(ctx, source, screened.events);
    findings.extend(links);
    findings.extend(check(&events));
    let source = NoteSource::new(path, source.lang, body, body_line, events);
    (source, findings)
}
