//! The search page of each language (`search/`): a form that the theme's
//! script runs against the Pagefind index that `pagefind --site <output>`
//! builds from the pages' `data-pagefind-body` (briefings and glossary
//! entries; 404, listings and site chrome are left out), and links to the
//! other languages' search pages, offered when a query finds nothing.

use super::context::SiteContext;
use super::OutputFile;
use crate::diagnostics::Failure;
use serde::Serialize;

/// The path of the search page below the language prefix.
pub const SEARCH_PATH: &str = "search/";

/// The search page in another language (`other[]` in search.html).
#[derive(Serialize)]
struct OtherSearch {
    lang: String,
    /// Its site-relative URL (the script appends `?q=`).
    href: String,
    /// "Search the English pages instead", in the page's language.
    label: String,
}

/// The search page of every language.
pub fn pages(ctx: &SiteContext) -> Result<Vec<OutputFile>, Failure> {
    let languages = &ctx.site.config.languages;
    languages
        .iter()
        .map(|lang| {
            let other: Vec<OtherSearch> = languages
                .iter()
                .filter(|l| *l != lang)
                .map(|l| OtherSearch {
                    lang: lang.clone(),
                    href: ctx.href(l, SEARCH_PATH),
                    label: ctx
                        .t(lang, "search_in_other")
                        .replace("{language}", &ctx.t(l, "language_name")),
                })
                .collect();
            let title = ctx.t(lang, "search_title");
            let meta = ctx.meta(lang, SEARCH_PATH, Some(&title));
            ctx.page("search.html", &meta, |c| c.insert("other", &other))
        })
        .collect()
}
