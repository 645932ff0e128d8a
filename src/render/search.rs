//! Full-text search: the search page of each language (`search/`), a form
//! that the theme's script runs against the Pagefind index of the page's
//! language, with links to the other languages' search pages, offered when a
//! query finds nothing; and [`index`], which builds that index (the
//! `pagefind` crate, in process) from the rendered pages' `data-pagefind-body`
//! (briefings, pages and glossary entries; 404, listings and site chrome are
//! left out), one index per `<html lang>`.

use super::context::SiteContext;
use super::OutputFile;
use crate::diagnostics::{Diagnostic, Failure};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use serde::Serialize;
use std::path::Path;

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

/// The folder of the output that holds the search index.
pub const INDEX_DIR: &str = "pagefind";

/// Files Pagefind writes that the theme does not use: its ready-made search
/// interfaces (the theme has its own) and its result highlighter.
const UNUSED: [&str; 7] = [
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// What the index leaves out of the marked content besides
/// `data-pagefind-ignore`: the endnotes' back links (↩) and the note
/// reference numbers, which the notes renderer writes (reader F5: excerpts
/// read "…empire。 ↩︎. Asel…" and "…少數民族， 2中國…").
const NOT_INDEXED: [&str; 2] = ["a.backlink", "sup.noteref"];

/// Builds the search index of the HTML pages written under `dir` (a build's
/// staging folder, or `serve`'s output): the files of `pagefind/`, with
/// paths relative to `dir`, for the caller to write there.
pub fn index(dir: &Path) -> Result<Vec<OutputFile>, Diagnostic> {
    let failed = |e: &dyn std::fmt::Display| {
        Diagnostic::error(dir, 0, 0, format!("cannot build the search index: {e}"))
            .with_hint("this is a bug in briefing or Pagefind: please report it with the site")
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| failed(&e))?;
    let files = runtime
        .block_on(async {
            let config = PagefindServiceConfig::builder()
                .exclude_selectors(NOT_INDEXED.map(String::from).to_vec())
                .build();
            let mut index = PagefindIndex::new(Some(config))?;
            index
                .add_directory(dir.to_string_lossy().into_owned(), None)
                .await?;
            index.get_files().await
        })
        .map_err(|e| failed(&e))?;
    Ok(files
        .into_iter()
        .filter(|f| !UNUSED.iter().any(|u| f.filename == Path::new(u)))
        .map(|f| OutputFile {
            path: format!("{INDEX_DIR}/{}", f.filename.to_string_lossy()),
            bytes: f.contents,
        })
        .collect())
}
