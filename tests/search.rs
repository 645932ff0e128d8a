//! Full-text search in Chromium over the shipped site indexed by the real
//! Pagefind CLI (npm `pagefind`, pinned in package-lock.json): Chinese and
//! English queries find the briefing with the match highlighted, a query
//! with no match says so in the page's language and offers the other
//! language's pages, the search works by keyboard alone and passes axe, and
//! only briefings and glossary entries are indexed (not 404 or listings).

mod common;

use common::browser::{self, serve, Server, Tab};
use common::{repo, TempSite};
use std::path::PathBuf;
use std::process::Command;

struct Indexed {
    _site: TempSite,
    server: Server,
    public: PathBuf,
}

/// The shipped site, built, indexed with `pagefind --site` and served; None
/// (skipped, or failing under BRIEFING_REQUIRE_BROWSER) without npm's pagefind.
fn indexed() -> Option<Indexed> {
    let pagefind = repo().join("node_modules/.bin/pagefind");
    if !pagefind.is_file() {
        return browser::skip("node_modules/.bin/pagefind is missing (run `npm ci`)");
    }
    let site = TempSite::shipped();
    let public = site.build();
    let out = Command::new(pagefind)
        .arg("--site")
        .arg(&public)
        .output()
        .expect("run pagefind");
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "pagefind failed: {log}");
    let server = serve(&public, &site.base_path());
    Some(Indexed {
        _site: site,
        server,
        public,
    })
}

/// Opens the search page of `prefix` with `query` and waits for its answer.
fn search(tab: &Tab, site: &Indexed, prefix: &str, query: &str) {
    let q: String = query
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    tab.goto(&site.server.url(&format!("{prefix}search/?q={q}")));
    tab.wait_for("document.getElementById('search-status').textContent !== ''");
}

/// (result URL, excerpt's marked text) of every result shown.
fn results(tab: &Tab) -> Vec<(String, Vec<String>)> {
    let found = tab.eval(
        "[...document.querySelectorAll('#search-results li')].map(li => \
         [li.querySelector('a').getAttribute('href'), \
          [...li.querySelectorAll('.excerpt mark')].map(m => m.textContent)])",
    );
    serde_json::from_value(found).expect("results")
}

#[test]
fn queries_find_the_briefing_with_the_match_highlighted() {
    let Some(tab) = browser::tab() else { return };
    let Some(site) = indexed() else { return };
    let briefing = "briefings/china-central-asia-influence/";
    for (prefix, query) in [
        ("", "數位"),
        ("", "威權"),
        ("", "中亞"),
        ("", "魯班工坊"),
        ("en/", "surveillance"),
        ("en/", "Luban Workshop"),
    ] {
        search(&tab, &site, prefix, query);
        let found = results(&tab);
        let hit = found
            .iter()
            .find(|(url, _)| url.ends_with(&format!("/{prefix}{briefing}")))
            .unwrap_or_else(|| panic!("{prefix}search {query}: {found:?}"));
        let marked = hit.1.join("");
        let first_word = query.split(' ').next().unwrap();
        assert!(
            marked.to_lowercase().contains(&first_word.to_lowercase()) || query.contains(&marked),
            "{prefix}search {query}: marked {:?}",
            hit.1
        );
        assert!(!hit.1.is_empty(), "{query}: nothing highlighted");
    }
}

#[test]
fn a_query_without_results_says_so_and_offers_the_other_language() {
    let Some(tab) = browser::tab() else { return };
    let Some(site) = indexed() else { return };
    for (prefix, none, other) in [
        ("", "中文頁面中找不到符合的結果。", "/en/search/?q=qzxv"),
        (
            "en/",
            "Nothing on the English pages matches this search.",
            "/search/?q=qzxv",
        ),
    ] {
        search(&tab, &site, prefix, "qzxv");
        assert!(results(&tab).is_empty());
        assert_eq!(
            tab.eval("document.getElementById('search-status').textContent"),
            none
        );
        assert_eq!(
            tab.eval("document.getElementById('search-other').hidden"),
            false
        );
        let href = tab.eval("document.querySelector('#search-other a').getAttribute('href')");
        assert!(href.as_str().unwrap().ends_with(other), "{href}");
    }
    search(&tab, &site, "en/", "威權");
    assert!(
        results(&tab).is_empty(),
        "the English index has no Chinese text"
    );
    tab.eval("document.querySelector('#search-other a').click()");
    tab.wait_for("document.documentElement.lang === 'zh-Hant' && document.querySelectorAll('#search-results li').length > 0");
}

#[test]
fn search_works_by_keyboard_and_passes_axe() {
    let Some(tab) = browser::tab() else { return };
    let Some(site) = indexed() else { return };
    let Ok(axe) = std::fs::read_to_string(repo().join("node_modules/axe-core/axe.min.js")) else {
        let _: Option<()> = browser::skip("axe-core is missing (run `npm ci`)");
        return;
    };
    tab.goto(&site.server.url("en/"));
    for _ in 0..40 {
        tab.press_key("Tab");
        if tab.eval("document.activeElement.id === 'search-box-q'") == true {
            break;
        }
    }
    assert_eq!(tab.eval("document.activeElement.id"), "search-box-q");
    tab.call(
        "Input.insertText",
        serde_json::json!({"text": "surveillance"}),
    );
    tab.press_key("Enter");
    tab.wait_for("location.pathname.endsWith('/en/search/') && document.querySelectorAll('#search-results li').length > 0");
    tab.eval(&axe);
    let violations = tab.eval(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => v.id))",
    );
    assert_eq!(
        violations,
        serde_json::json!([]),
        "axe on the search results"
    );
}

#[test]
fn only_briefings_and_glossary_entries_are_indexed_without_chrome() {
    let Some(tab) = browser::tab() else { return };
    let Some(site) = indexed() else { return };
    // The skip link, the footer and the 404 page's text are not content.
    for (prefix, query) in [
        ("", "訂閱"),
        ("", "靜態網站產生器"),
        ("en/", "Skip"),
        ("en/", "Subscribe"),
    ] {
        search(&tab, &site, prefix, query);
        assert!(results(&tab).is_empty(), "{query}: {:?}", results(&tab));
    }
    // Excerpts begin with the content, not the header run together.
    search(&tab, &site, "", "中亞");
    let first = tab.eval("document.querySelector('#search-results .excerpt').textContent");
    assert!(!first.as_str().unwrap().contains("國防安全簡報"), "{first}");
    // Pagefind indexed exactly the pages that mark their content: briefings
    // and glossary entries, not 404.html, listings or the search pages.
    let entry = std::fs::read_to_string(site.public.join("pagefind/pagefind-entry.json")).unwrap();
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    let indexed: u64 = entry["languages"]
        .as_object()
        .unwrap()
        .values()
        .map(|l| l["page_count"].as_u64().unwrap())
        .sum();
    let marked: Vec<PathBuf> = common::html_pages(&site.public)
        .into_iter()
        .filter(|p| {
            let html = std::fs::read_to_string(site.public.join(p)).unwrap();
            html.contains("data-pagefind-body")
        })
        .collect();
    assert_eq!(indexed as usize, marked.len());
    assert!(marked.iter().all(|p| {
        let rel = p.to_string_lossy();
        rel.contains("briefings/") || rel.contains("glossary/")
    }));
    let glossaries = marked
        .iter()
        .filter(|p| p.ends_with("glossary/index.html"))
        .count();
    assert_eq!(glossaries, 0, "the glossary index is a listing");
}
