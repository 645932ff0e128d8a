//! The glossary page of one language.

use super::context::SiteContext;
use super::OutputFile;
use crate::diagnostics::Failure;
use crate::markdown::inline_to_html;
use serde::Serialize;

#[derive(Serialize)]
struct EntryView {
    id: String,
    term: String,
    term_lang: Option<String>,
    other_terms: Vec<(String, String)>,
    aliases: Vec<String>,
    definition: String,
    definition_lang: Option<String>,
    see_also: Vec<(String, String)>,
}

/// Renders the glossary page in `lang`.
pub fn render(ctx: &SiteContext, lang: &str) -> Result<OutputFile, Failure> {
    let entries = &ctx.site.glossary.entries;
    let term_of = |id: &str| {
        entries
            .iter()
            .find(|e| e.value.id == id)
            .and_then(|e| {
                e.value
                    .term(lang)
                    .or(e.value.zh_hant.as_ref())
                    .or(e.value.en.as_ref())
            })
            .map(|t| t.term.clone())
    };
    let mut views: Vec<EntryView> = entries
        .iter()
        .filter(|e| !e.value.draft)
        .filter_map(|e| {
            let entry = &e.value;
            let (term, used) = match entry.term(lang) {
                Some(t) => (t, lang),
                None => (
                    entry.zh_hant.as_ref().or(entry.en.as_ref())?,
                    if entry.zh_hant.is_some() {
                        "zh-Hant"
                    } else {
                        "en"
                    },
                ),
            };
            let other_terms = ctx
                .site
                .config
                .languages
                .iter()
                .filter(|l| *l != used)
                .filter_map(|l| entry.term(l).map(|t| (l.clone(), t.term.clone())))
                .collect();
            Some(EntryView {
                id: entry.id.clone(),
                term: term.term.clone(),
                term_lang: (used != lang).then(|| used.to_string()),
                other_terms,
                aliases: term.aliases.clone(),
                definition: inline_to_html(&term.definition),
                definition_lang: (used != lang).then(|| used.to_string()),
                see_also: entry
                    .see_also
                    .iter()
                    .filter_map(|id| Some((id.clone(), term_of(id)?)))
                    .collect(),
            })
        })
        .collect();
    views.sort_by(|a, b| {
        sort_key(&a.term)
            .cmp(&sort_key(&b.term))
            .then_with(|| a.id.cmp(&b.id))
    });
    let title = ctx.t(lang, "glossary_title");
    ctx.page(
        "glossary.html",
        &ctx.meta(lang, "glossary/", Some(&title)),
        |c| c.insert("entries", &views),
    )
}

fn sort_key(term: &str) -> String {
    term.to_lowercase()
}
