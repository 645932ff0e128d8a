//! The glossary page of each language (entries in that language's collation,
//! with backlinks to every section that links them) and the popover
//! templates a briefing page carries for the terms it links.

use super::briefing::Text;
use super::context::SiteContext;
use super::OutputFile;
use crate::content::model::{GlossaryEntry, Term};
use crate::diagnostics::Failure;
use crate::glossary::Collation;
use crate::markdown::inline_to_html;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// A section of a briefing page that links a glossary entry. A site has
/// many (about 140 per briefing), so what they share is shared, not copied.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    /// The entry's id.
    pub id: String,
    /// Where on which page: shared by every term the section links.
    pub place: Arc<Place>,
}

/// A section on a briefing page, as glossary backlinks name it.
#[derive(Debug, PartialEq)]
pub struct Place {
    /// The language of the page.
    pub lang: String,
    /// The briefing's folder name.
    pub slug: String,
    /// The briefing's title on that page.
    pub briefing: Text,
    /// The section's id, its anchor on the page.
    pub section_id: String,
    /// The section's title on that page.
    pub section: Text,
}

/// An entry as a popover and the glossary page show it, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    id: String,
    /// The term in the page's language, or another if it has none.
    term: Text,
    /// (language, term) in the other languages.
    other_terms: Vec<(String, String)>,
    aliases: Vec<String>,
    /// The definition as HTML.
    definition: Text,
    /// The entry on the glossary page of the page's language.
    href: String,
}

#[derive(Serialize)]
struct EntryView {
    #[serde(flatten)]
    entry: TermView,
    /// (href, term) of related entries.
    see_also: Vec<(String, Text)>,
    used_in: Vec<Backlink>,
}

/// "briefing › section", linking the section.
#[derive(Serialize)]
struct Backlink {
    href: String,
    briefing: Text,
    section: Text,
}

/// Renders the glossary page in `lang`; `occurrences` are those of every
/// briefing page, of any language.
pub fn render(
    ctx: &SiteContext,
    lang: &str,
    occurrences: &[Occurrence],
) -> Result<OutputFile, Failure> {
    let mut used_in: HashMap<&str, Vec<Backlink>> = HashMap::new();
    for o in occurrences.iter().filter(|o| o.place.lang == lang) {
        used_in.entry(&o.id).or_default().push(backlink(ctx, o));
    }
    let mut views: Vec<EntryView> = ctx
        .glossary
        .entries()
        .iter()
        .filter(|e| !e.value.draft)
        .filter_map(|e| {
            Some(EntryView {
                entry: term_view(ctx, &e.value, lang)?,
                see_also: see_also(ctx, &e.value, lang),
                used_in: used_in.remove(e.value.id.as_str()).unwrap_or_default(),
            })
        })
        .collect();
    let collation = Collation::for_language(lang);
    views.sort_by(|a, b| {
        collation
            .compare(&a.entry.term.text, &b.entry.term.text)
            .then_with(|| a.entry.id.cmp(&b.entry.id))
    });
    let title = ctx.t(lang, "glossary_title");
    ctx.page(
        "glossary.html",
        &ctx.meta(lang, "glossary/", Some(&title)),
        |c| c.insert("entries", &views),
    )
}

/// The popovers of a page in `lang` for the entries `ids` (repeats ignored).
pub fn popovers<'i>(
    ctx: &SiteContext,
    ids: impl Iterator<Item = &'i str>,
    lang: &str,
) -> Vec<TermView> {
    let mut seen = std::collections::HashSet::new();
    ids.filter(|id| seen.insert(*id))
        .filter_map(|id| term_view(ctx, ctx.glossary.published(id)?.1, lang))
        .collect()
}

fn term_view(ctx: &SiteContext, entry: &GlossaryEntry, lang: &str) -> Option<TermView> {
    let (term, used) = localized(ctx, entry, lang)?;
    let marked = |text: String| Text {
        text,
        lang: (used != lang).then(|| used.clone()),
    };
    Some(TermView {
        id: entry.id.clone(),
        term: marked(term.term.clone()),
        other_terms: ctx
            .site
            .config
            .languages
            .iter()
            .filter(|l| **l != used)
            .filter_map(|l| Some((l.clone(), entry.term(l)?.term.clone())))
            .collect(),
        aliases: term.aliases.clone(),
        definition: marked(inline_to_html(&term.definition)),
        href: format!("{}#{}", ctx.href(lang, "glossary/"), entry.id),
    })
}

/// The entry's term in `lang`, else in the first site language that has one.
fn localized<'e>(
    ctx: &SiteContext,
    entry: &'e GlossaryEntry,
    lang: &str,
) -> Option<(&'e Term, String)> {
    std::iter::once(lang)
        .chain(ctx.site.config.languages.iter().map(String::as_str))
        .find_map(|l| Some((entry.term(l)?, l.to_string())))
}

/// (fragment, term) of the published entries `entry` refers to.
fn see_also(ctx: &SiteContext, entry: &GlossaryEntry, lang: &str) -> Vec<(String, Text)> {
    entry
        .see_also
        .iter()
        .filter_map(|id| {
            let (_, target) = ctx.glossary.published(id)?;
            let (term, used) = localized(ctx, target, lang)?;
            let text = Text {
                text: term.term.clone(),
                lang: (used != lang).then_some(used),
            };
            Some((format!("#{id}"), text))
        })
        .collect()
}

fn backlink(ctx: &SiteContext, o: &Occurrence) -> Backlink {
    let place = &o.place;
    Backlink {
        href: format!(
            "{}#{}",
            ctx.href(&place.lang, &format!("briefings/{}/", place.slug)),
            place.section_id
        ),
        briefing: place.briefing.clone(),
        section: place.section.clone(),
    }
}
