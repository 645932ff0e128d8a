//! Full-text search over the shipped site indexed by `briefing build`
//! itself (the `pagefind` crate, no npm tool): one index per language of
//! exactly the pages that mark their content (briefings, pages, glossary
//! entries; not 404 or listings), and in Chromium: Chinese and English
//! queries find the briefing with the match highlighted, a query with no
//! match says so in the page's language and offers the other language's
//! pages, the search works by keyboard alone and passes axe, and site chrome
//! is not indexed.

mod common;

use common::browser::{self, serve, Server, Tab};
use common::{repo, TempSite};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

struct Indexed {
    _site: TempSite,
    server: Server,
}

/// The shipped site, built (index included) and served.
fn indexed() -> Indexed {
    let site = TempSite::shipped();
    let public = site.build();
    let server = serve(&public, &site.base_path());
    Indexed {
        _site: site,
        server,
    }
}

/// Pagefind's language of each page that marks its content
/// (`data-pagefind-body`), by the page's `<html lang>`, lowercased as
/// Pagefind names its indexes.
fn marked_pages(public: &Path) -> BTreeMap<PathBuf, String> {
    common::html_pages(public)
        .into_iter()
        .filter_map(|p| {
            let doc =
                scraper::Html::parse_document(&std::fs::read_to_string(public.join(&p)).ok()?);
            doc.select(&common::sel("[data-pagefind-body]")).next()?;
            let html = doc.select(&common::sel("html")).next()?;
            Some((p, html.value().attr("lang")?.to_lowercase()))
        })
        .collect()
}

#[test]
fn build_writes_one_index_per_language_of_the_pages_that_mark_their_content() {
    let site = TempSite::shipped();
    let public = site.build();
    let entry = std::fs::read_to_string(public.join("pagefind/pagefind-entry.json"))
        .expect("build wrote the search index");
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    let marked = marked_pages(&public);
    let mut per_language: BTreeMap<String, u64> = BTreeMap::new();
    for lang in marked.values() {
        *per_language.entry(lang.clone()).or_default() += 1;
    }
    let indexed: BTreeMap<String, u64> = entry["languages"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(lang, l)| (lang.clone(), l["page_count"].as_u64().unwrap()))
        .collect();
    assert_eq!(indexed, per_language);
    assert_eq!(
        indexed.keys().collect::<Vec<_>>(),
        ["en", "zh-hant"],
        "one index per <html lang>"
    );
    // Briefings, pages and glossary entries, nothing else.
    let kinds = |rel: &str| {
        ["briefings/", "about/", "glossary/"]
            .iter()
            .any(|k| rel.contains(k))
    };
    assert!(
        marked.keys().all(|p| kinds(&p.to_string_lossy())),
        "{marked:?}"
    );
    for page in [
        "about/index.html",
        "en/about/index.html",
        "briefings/china-central-asia-influence/index.html",
        "en/glossary/belt-and-road-initiative/index.html",
    ] {
        assert!(
            marked.contains_key(Path::new(page)),
            "{page} is not indexed"
        );
    }
    for page in [
        "404.html",
        "index.html",
        "glossary/index.html",
        "en/search/index.html",
    ] {
        assert!(!marked.contains_key(Path::new(page)), "{page} is indexed");
    }
    // The script the theme loads is there; Pagefind's own interfaces are not.
    assert!(public.join("pagefind/pagefind.js").is_file());
    assert!(!public.join("pagefind/pagefind-ui.js").exists());
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
    let site = indexed();
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
    let site = indexed();
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
    let site = indexed();
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

/// (URL, indexed text) of every page `query` finds in the index of the
/// search page open in `tab`, from Pagefind's own API.
fn indexed_texts(tab: &Tab, query: &str) -> Vec<(String, String)> {
    let found = tab.eval(&format!(
        "(async () => {{ \
           const form = document.querySelector('form.search-page'); \
           const pagefind = await import(form.dataset.pagefind); \
           await pagefind.options({{ baseUrl: form.dataset.base }}); \
           const found = await pagefind.search({query:?}); \
           return Promise.all(found.results.map(r => r.data().then(d => [d.url, d.content]))); \
         }})()"
    ));
    serde_json::from_value(found).expect("indexed texts")
}

#[test]
fn site_chrome_and_the_404_page_are_not_indexed() {
    let Some(tab) = browser::tab() else { return };
    let site = indexed();
    // The words of the skip link, header, footer and 404 page find nothing.
    for (prefix, query) in [("", "訂閱"), ("en/", "Skip"), ("en/", "Subscribe")] {
        search(&tab, &site, prefix, query);
        assert!(results(&tab).is_empty(), "{query}: {:?}", results(&tab));
    }
    // No indexed text holds the chrome (Chinese is segmented, so its
    // phrases are looked for in the indexed text itself).
    for (prefix, query, chrome) in [
        ("", "中亞", ["跳至主要內容", "國防安全簡報", "找不到此頁面"]),
        (
            "en/",
            "China",
            [
                "Skip to main content",
                "Defense Security Briefings",
                "Page not found",
            ],
        ),
    ] {
        search(&tab, &site, prefix, query);
        let texts = indexed_texts(&tab, query);
        assert!(texts.len() > 1, "{query}: {texts:?}");
        for (url, text) in &texts {
            for phrase in chrome {
                assert!(!text.contains(phrase), "{url} indexes {phrase:?}: {text}");
            }
        }
    }
    // Excerpts begin with the content, not the header run together.
    search(&tab, &site, "", "中亞");
    let first = tab.eval("document.querySelector('#search-results .excerpt').textContent");
    assert!(!first.as_str().unwrap().contains("國防安全簡報"), "{first}");
    // A page of content/pages is found, in its own language.
    search(&tab, &site, "", "裝置");
    let found = results(&tab);
    assert!(
        found
            .iter()
            .any(|(url, _)| url.ends_with("/about/") && !url.contains("/en/")),
        "{found:?}"
    );
}

#[test]
fn without_an_index_the_search_page_says_so_in_its_language() {
    let Some(tab) = browser::tab() else { return };
    let site = TempSite::shipped();
    let out = site.run(&["build", "--no-search"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let public = site.public();
    assert!(public.join("index.html").is_file());
    assert!(
        !public.join("pagefind").exists(),
        "--no-search wrote an index"
    );
    let server = serve(&public, &site.base_path());
    for (prefix, unavailable) in [
        ("", "搜尋索引尚未就緒，請稍後再試。"),
        (
            "en/",
            "The search index is not available yet; try again in a moment.",
        ),
    ] {
        tab.goto(&server.url(&format!("{prefix}search/?q=China")));
        tab.wait_for("document.getElementById('search-status').textContent !== ''");
        assert_eq!(
            tab.eval("document.getElementById('search-status').textContent"),
            unavailable
        );
    }
}

/// Reader F4: a query matching more pages than one page of results lists
/// the rest on demand, by keyboard: Tab from the last result reaches the
/// "more results" button, Enter lists the next page and moves focus to its
/// first result, and after the last page every page Pagefind found is
/// listed once, in Pagefind's order, and the button is gone.
#[test]
fn more_results_are_listed_on_demand_by_keyboard() {
    let Some(tab) = browser::tab() else { return };
    let site = indexed();
    search(&tab, &site, "", "中亞");
    let all: Vec<String> = indexed_texts(&tab, "中亞")
        .into_iter()
        .map(|(url, _)| url)
        .collect();
    assert!(
        all.len() > 20,
        "中亞 should match more than a page: {all:?}"
    );
    let listed = |tab: &Tab| -> Vec<String> { results(tab).into_iter().map(|(u, _)| u).collect() };
    assert_eq!(
        listed(&tab),
        all[..20],
        "the first page, in Pagefind's order"
    );
    assert_eq!(
        tab.eval("document.getElementById('search-status').textContent"),
        format!("共 {} 筆結果", all.len())
    );
    while listed(&tab).len() < all.len() {
        let shown = listed(&tab).len();
        tab.eval("document.querySelector('#search-results li:last-child a').focus()");
        tab.press_key("Tab");
        assert_eq!(tab.eval("document.activeElement.id"), "search-more");
        tab.press_key("Enter");
        tab.wait_for(&format!(
            "document.querySelectorAll('#search-results li').length > {shown}"
        ));
        assert_eq!(
            tab.eval(&format!(
                "document.activeElement === document.querySelectorAll('#search-results li a')[{shown}]"
            )),
            true,
            "focus on the first new result"
        );
    }
    assert_eq!(listed(&tab), all);
    assert_eq!(
        tab.eval("getComputedStyle(document.getElementById('search-more')).display"),
        "none",
        "no button once everything is listed"
    );
}

/// Reader F5: the endnotes' back links (↩) and the note reference numbers
/// are not indexed, so no excerpt shows them: no indexed text holds ↩, and
/// no note reference's word joiner (U+2060, written before each reference)
/// is followed by a note's number (it was: "…少數民族，⁠ 2 中國…").
#[test]
fn note_references_and_back_links_are_not_indexed() {
    let Some(tab) = browser::tab() else { return };
    let site = indexed();
    for (prefix, query) in [("", "維吾爾"), ("en/", "Russia"), ("en/", "BRI")] {
        tab.goto(
            &site
                .server
                .url(&format!("{prefix}briefings/china-central-asia-influence/")),
        );
        let notes = tab
            .eval("Math.max(...[...document.querySelectorAll('sup.noteref')].map(s => +s.textContent))")
            .as_u64()
            .unwrap();
        assert!(notes > 10, "{prefix}: the briefing has notes");
        search(&tab, &site, prefix, query);
        let texts = indexed_texts(&tab, query);
        let briefing = texts
            .iter()
            .find(|(url, _)| url.contains("/briefings/"))
            .unwrap_or_else(|| panic!("{query}: {texts:?}"));
        assert!(
            briefing.1.contains('\u{2060}'),
            "{query}: the briefing's text has note references"
        );
        for (url, text) in &texts {
            assert!(!text.contains('↩'), "{url} indexes a back link: {text}");
            for (at, _) in text.match_indices('\u{2060}') {
                let after = text[at + '\u{2060}'.len_utf8()..].trim_start();
                let number: String = after.chars().take_while(char::is_ascii_digit).collect();
                assert!(
                    !number
                        .parse::<u64>()
                        .is_ok_and(|n| (1..=notes).contains(&n)),
                    "{url} indexes note number {number}: …{}…",
                    after.chars().take(20).collect::<String>()
                );
            }
        }
        let excerpts = tab.eval(
            "[...document.querySelectorAll('#search-results .excerpt')].map(p => p.textContent).join('\\n')",
        );
        assert!(!excerpts.as_str().unwrap().contains('↩'), "{excerpts}");
    }
}

/// Reader F6: a search page keeps its query across languages: the language
/// switch takes ?q= to the other language's search page, and the
/// remembered-language redirect of a search link opened from outside keeps
/// it too; both pages run it.
#[test]
fn the_query_follows_the_reader_to_the_other_language() {
    let Some(tab) = browser::tab() else { return };
    let site = indexed();
    search(&tab, &site, "en/", "Luban");
    tab.click(".lang-switch a[data-switch-lang='zh-Hant']");
    tab.wait_for("document.documentElement.lang === 'zh-Hant' && document.getElementById('search-status').textContent !== ''");
    assert_eq!(tab.eval("location.search"), "?q=Luban");
    assert_eq!(
        tab.eval("document.getElementById('search-q').value"),
        "Luban"
    );
    assert!(!results(&tab).is_empty(), "Luban on the Chinese pages");
    // The switch remembered English… now chosen: Chinese. Choose English
    // again, then open a Chinese search link as from another site.
    tab.eval("localStorage.setItem(window.briefing.languageKey, 'en')");
    tab.goto(&site.server.url("search/?q=%E4%B8%AD%E4%BA%9E"));
    tab.wait_for("document.documentElement.lang === 'en' && document.getElementById('search-status').textContent !== ''");
    assert_eq!(
        tab.eval("decodeURIComponent(location.href)"),
        site.server.url("en/search/?q=中亞")
    );
    assert_eq!(
        tab.eval("document.getElementById('search-q').value"),
        "中亞"
    );
}

/// Reader F3: no search control prints: on a briefing (the header's search
/// box) and on a search page showing results (its form and the "more
/// results" button), no input or button is rendered under print media.
#[test]
fn search_controls_do_not_print() {
    let Some(tab) = browser::tab() else { return };
    let site = indexed();
    let printed_controls = |tab: &Tab| {
        tab.call(
            "Emulation.setEmulatedMedia",
            serde_json::json!({"media": "print"}),
        );
        let shown = tab.eval(
            "[...document.querySelectorAll('input, button')] \
             .filter(el => el.getClientRects().length > 0).map(el => el.outerHTML)",
        );
        tab.call(
            "Emulation.setEmulatedMedia",
            serde_json::json!({"media": ""}),
        );
        shown
    };
    tab.goto(&site.server.url("briefings/china-central-asia-influence/"));
    assert_eq!(
        tab.eval("getComputedStyle(document.querySelector('form.search-box')).display"),
        "flex",
        "on screen, the search box shows"
    );
    assert_eq!(printed_controls(&tab), serde_json::json!([]));
    search(&tab, &site, "", "中亞");
    assert_eq!(
        tab.eval("document.getElementById('search-more').hidden"),
        false
    );
    assert_eq!(printed_controls(&tab), serde_json::json!([]));
}
