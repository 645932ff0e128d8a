//! The glossary pages of each language: the glossary (entries in that
//! language's collation, each with the newest briefings that link it) and a
//! page per entry with backlinks to every section that links it; and the
//! popover cards of every entry, in one JSON file per language.

use super::briefing::Text;
use super::context::SiteContext;
use super::{render_each, OutputFile, Sink};
use crate::content::model::{GlossaryEntry, Term};
use crate::diagnostics::Failure;
use crate::digest::digest_hex;
use crate::glossary::Collation;
use crate::markdown::inline_to_html;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
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
    /// The briefing's ISO date, if set.
    pub date: Option<String>,
}

/// An entry as a popover and the glossary page show it, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    id: String,
    /// The term in the page's language, or another if it has none.
    term: Text,
    /// The term in the other languages.
    other_terms: Vec<OtherTerm>,
    aliases: Vec<String>,
    /// The definition as HTML.
    definition: Text,
    /// The entry on the glossary page of the page's language.
    href: String,
}

/// An entry's term in another language.
#[derive(Debug, Clone, Serialize)]
struct OtherTerm {
    lang: String,
    term: String,
}

/// A link and its text, e.g. a related entry or a section that uses one.
#[derive(Debug, Clone, Serialize)]
struct Link {
    href: String,
    text: Text,
}

#[derive(Serialize)]
struct EntryView {
    #[serde(flatten)]
    entry: TermView,
    /// Related entries.
    see_also: Vec<Link>,
    /// The briefings whose pages link the entry: all of them on the entry's
    /// own page, the newest [`LISTED_ON_INDEX`] on the glossary page.
    used_in: Vec<UsedIn>,
    /// How many briefings link the entry in all.
    used_in_count: usize,
    /// The entry's own page.
    page_href: String,
}

/// A briefing that links an entry, and the sections that do:
/// "briefing › section, section".
#[derive(Clone, Serialize)]
struct UsedIn {
    href: String,
    /// The briefing's folder name, to group its sections.
    #[serde(skip)]
    slug: String,
    briefing: Text,
    /// ISO date, for ordering newest first.
    #[serde(skip)]
    date: Option<String>,
    sections: Vec<Link>,
}

/// Briefings listed per entry on the glossary page; the entry's own page
/// lists every one, so the glossary page stays readable (and cheap to
/// build) however many briefings a site has.
const LISTED_ON_INDEX: usize = 5;

/// Renders the glossary pages in `lang` into `sink`: the glossary itself and
/// one page per entry; returns their paths. `occurrences` are those of every
/// briefing page, of any language.
pub fn render(
    ctx: &SiteContext,
    lang: &str,
    occurrences: &[Occurrence],
    sink: Sink,
) -> Result<Vec<String>, Failure> {
    let mut used_in = used_in(ctx, lang, occurrences);
    let mut views: Vec<EntryView> = ctx
        .glossary
        .entries()
        .iter()
        .filter(|e| !e.value.draft)
        .filter_map(|e| {
            let used_in = used_in.remove(e.value.id.as_str()).unwrap_or_default();
            Some(EntryView {
                entry: term_view(ctx, &e.value, lang)?,
                see_also: see_also(ctx, &e.value, lang),
                used_in_count: used_in.len(),
                used_in,
                page_href: ctx.href(lang, &entry_path(&e.value.id)),
            })
        })
        .collect();
    let collation = Collation::for_language(lang);
    views.sort_by(|a, b| {
        collation
            .compare(&a.entry.term.text, &b.entry.term.text)
            .then_with(|| a.entry.id.cmp(&b.entry.id))
    });
    let mut written = render_each(&views, sink, |view| entry_page(ctx, lang, view))?;
    for view in &mut views {
        view.used_in.truncate(LISTED_ON_INDEX);
    }
    let title = ctx.t(lang, "glossary_title");
    let index = ctx.page(
        "glossary.html",
        &ctx.meta(lang, "glossary/", Some(&title)),
        |c| c.insert("entries", &views),
    )?;
    written.push(index.path.clone());
    sink(index)?;
    let popovers = ctx.popovers[lang].clone();
    written.push(popovers.path.clone());
    sink(popovers)?;
    Ok(written)
}

/// The page path of the entry `id`, below the language prefix.
pub fn entry_path(id: &str) -> String {
    format!("glossary/{id}/")
}

/// The page of one entry, with every briefing that links it.
fn entry_page(ctx: &SiteContext, lang: &str, view: &EntryView) -> Result<OutputFile, Failure> {
    let meta = ctx.meta(
        lang,
        &entry_path(&view.entry.id),
        Some(&view.entry.term.text),
    );
    ctx.page("glossary_entry.html", &meta, |c| c.insert("e", view))
}

/// Per entry id, the briefings whose pages in `lang` link it, newest first,
/// each with its sections that do (in page order).
fn used_in<'o>(
    ctx: &SiteContext,
    lang: &str,
    occurrences: &'o [Occurrence],
) -> HashMap<&'o str, Vec<UsedIn>> {
    let mut used_in: HashMap<&str, Vec<UsedIn>> = HashMap::new();
    for o in occurrences.iter().filter(|o| o.place.lang == lang) {
        let place = &o.place;
        let briefings = used_in.entry(&o.id).or_default();
        if briefings.last().is_none_or(|b| b.slug != place.slug) {
            briefings.push(UsedIn {
                href: ctx.href(lang, &format!("briefings/{}/", place.slug)),
                slug: place.slug.clone(),
                briefing: place.briefing.clone(),
                date: place.date.clone(),
                sections: Vec::new(),
            });
        }
        if let Some(b) = briefings.last_mut() {
            b.sections.push(Link {
                href: format!("{}#{}", b.href, place.section_id),
                text: place.section.clone(),
            });
        }
    }
    for briefings in used_in.values_mut() {
        // Stable: briefings of the same date keep their (folder name) order.
        briefings.sort_by(|a, b| b.date.cmp(&a.date));
    }
    used_in
}

/// The popover cards of every published entry in `lang` as one JSON file,
/// `{"gl-<id>": "<card HTML>"}`, each card rendered by the theme's
/// `partials/glossary_popover.html`. Its name under assets/ carries a
/// digest of its content, so the popover script fetches it once for every
/// page of the language and the browser may cache it for good.
pub fn popover_file(ctx: &SiteContext, lang: &str) -> Result<OutputFile, Failure> {
    let mut cards = BTreeMap::new();
    for entry in ctx.glossary.entries().iter().filter(|e| !e.value.draft) {
        let Some(view) = term_view(ctx, &entry.value, lang) else {
            continue;
        };
        let card = ctx.fragment("partials/glossary_popover.html", lang, |c| {
            c.insert("g", &view)
        })?;
        cards.insert(format!("gl-{}", view.id), card);
    }
    let bytes = serde_json::to_vec(&cards).expect("a map of strings serialises");
    let path = format!(
        "assets/glossary/{}.{}.json",
        lang.to_lowercase(),
        digest_hex(&bytes, 5)
    );
    Ok(OutputFile { path, bytes })
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
            .filter_map(|l| {
                Some(OtherTerm {
                    lang: l.clone(),
                    term: entry.term(l)?.term.clone(),
                })
            })
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

/// Links to the published entries `entry` refers to.
fn see_also(ctx: &SiteContext, entry: &GlossaryEntry, lang: &str) -> Vec<Link> {
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
            Some(Link {
                href: format!("{}#{id}", ctx.href(lang, "glossary/")),
                text,
            })
        })
        .collect()
}
