//! The glossary end to end on the `glossary` fixture: terms linked in
//! Chinese and English text, the places they never are, the popover
//! templates, the glossary pages with backlinks that resolve, their order,
//! and the diagnostics of `check` and `build`.

mod common;

use common::{attrs, check_links, sel, snapshot, text, texts, TempSite};
use scraper::{ElementRef, Html};
use std::collections::{BTreeMap, BTreeSet};

const BRI: &str = "gl-belt-and-road-initiative";
const ASIA: &str = "gl-central-asia";
const FIVE: &str = "gl-central-asian-five";
const SOFT: &str = "gl-soft-power";
const GRAND: &str = "gl-grand-external-propaganda";

fn built() -> TempSite {
    let site = TempSite::fixture("glossary");
    site.build();
    site
}

/// (text, data-popover) of every linked term inside the first match of `scope`.
fn terms(doc: &Html, scope: &str) -> Vec<(String, String)> {
    let scope = doc
        .select(&sel(scope))
        .next()
        .unwrap_or_else(|| panic!("no {scope}"));
    scope
        .select(&sel("a.term"))
        .map(|a| {
            let popover = a.value().attr("data-popover").unwrap_or_default();
            (a.text().collect(), popover.to_string())
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(t, p)| (t.to_string(), p.to_string()))
        .collect()
}

fn glossary_text(site: &TempSite) -> String {
    std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap()
}

/// Adds `entry` (YAML) at the end of the site's glossary.
fn append_to_glossary(site: &TempSite, entry: &str) {
    let text = glossary_text(site);
    site.write("content/glossary.yaml", &format!("{text}\n{entry}\n"));
}

/// The 1-based line of `content/glossary.yaml` that is `needle`, the last if several.
fn glossary_line(site: &TempSite, needle: &str) -> usize {
    let text = glossary_text(site);
    let lines: Vec<&str> = text.lines().collect();
    lines.iter().rposition(|l| *l == needle).expect(needle) + 1
}

#[test]
fn chinese_terms_link_longest_first_once_per_section_with_aliases() {
    let site = built();
    let doc = site.page("briefings/gamma/index.html");
    // 中亞五國 wins over 中亞 inside it; 一帶一路 is an alias, so the later
    // 帶路倡議 (same entry) is not linked again in this section.
    assert_eq!(
        terms(&doc, "section#intro"),
        pairs(&[
            ("中亞五國", FIVE),
            ("中亞", ASIA),
            ("一帶一路", BRI),
            ("軟實力外交", SOFT)
        ])
    );
    // A new section links each entry again.
    assert_eq!(
        terms(&doc, "section#trade"),
        pairs(&[
            ("帶路倡議", BRI),
            ("中亞五國", FIVE),
            ("中亞", ASIA),
            ("大外宣", GRAND)
        ])
    );
    // Each page links its own language's glossary (the other language's text
    // is fetched by mode.js from its own page, with its own links).
    for (page, glossary) in [
        ("briefings/gamma/index.html", "/portal/glossary/"),
        ("en/briefings/gamma/index.html", "/portal/en/glossary/"),
    ] {
        let doc = site.page(page);
        let links: Vec<_> = doc.select(&sel("article > .body a.term")).collect();
        assert!(!links.is_empty(), "{page}");
        for a in links {
            let id = a
                .value()
                .attr("data-popover")
                .unwrap()
                .trim_start_matches("gl-");
            assert_eq!(
                a.value().attr("href"),
                Some(format!("{glossary}#{id}").as_str())
            );
        }
    }
}

#[test]
fn english_terms_link_on_word_boundaries_and_fallback_sections_link_to_the_page_language() {
    let site = built();
    let doc = site.page("en/briefings/gamma/index.html");
    // BRIDGE is not BRI; "Soft power" differs in case; [[!soft power]] stays plain.
    assert_eq!(
        terms(&doc, "section#intro"),
        pairs(&[
            ("five Central Asian states", FIVE),
            ("Central Asia", ASIA),
            ("BRI", BRI),
            ("soft power", SOFT)
        ])
    );
    let last = doc.select(&sel("section#intro p")).next_back().unwrap();
    assert!(
        last.inner_html()
            .starts_with("Here soft power stays plain, Soft power"),
        "{}",
        last.inner_html()
    );
    // The untranslated Chinese section is linked with Chinese terms, to the English glossary.
    assert_eq!(
        terms(&doc, "section#trade")[0],
        ("帶路倡議".into(), BRI.into())
    );
    let hrefs = attrs(&doc, "section#trade a.term", "href");
    assert!(
        hrefs.iter().all(|h| h.starts_with("/portal/en/glossary/#")),
        "{hrefs:?}"
    );
}

#[test]
fn terms_are_never_linked_in_headings_links_code_notes_bios_or_the_glossary_page() {
    let site = built();
    for page in [
        "briefings/gamma/index.html",
        "en/briefings/gamma/index.html",
    ] {
        let doc = site.page(page);
        for excluded in [
            "h1",
            "h2",
            "h3",
            "code",
            "pre",
            "#notes",
            ".bio",
            "a:not(.term)",
        ] {
            let inside = format!("{excluded} a.term");
            assert_eq!(doc.select(&sel(&inside)).count(), 0, "{page}: {inside}");
        }
    }
    let zh = site.page("briefings/gamma/index.html");
    // The texts that were excluded are really there, unlinked.
    assert_eq!(text(&zh, "section#intro h3"), "一、軟實力的起源");
    assert_eq!(text(&zh, "a[href=\"https://example.org/bri\"]"), "帶路倡議");
    assert_eq!(text(&zh, "section#intro code"), "中亞五國");
    assert_eq!(text(&zh, "a[href=\"https://example.org/\"]"), "中亞五國");
    assert!(text(&zh, "#notes li").contains("帶路倡議與中亞五國"));
    assert_eq!(text(&zh, "section#trade pre"), "大外宣 (a code block)\n");
    for page in ["glossary/index.html", "en/glossary/index.html"] {
        assert_eq!(site.page(page).select(&sel("a.term")).count(), 0, "{page}");
    }
}

#[test]
fn marks_force_stop_or_escape_a_link_and_drafts_are_never_linked() {
    let site = built();
    let doc = site.page("briefings/gamma/index.html");
    let paragraph = doc
        .select(&sel("section#intro p"))
        .find(|p| p.text().any(|t| t.contains("並行")))
        .expect("the paragraph with the marks");
    let text: String = paragraph.text().collect();
    assert_eq!(text, "維穩與軟實力外交並行；[[soft-power]] 保持原樣。");
    let trade = doc
        .select(&sel("section#trade p"))
        .next()
        .unwrap()
        .inner_html();
    assert!(trade.contains("中亞五國一詞也不連結，之後的<a "), "{trade}");
    assert!(
        !doc.html().contains("stability-maintenance"),
        "a draft is linked or has a popover"
    );
    assert!(
        !site.page("glossary/index.html").html().contains("維穩"),
        "a draft is published"
    );
}

/// The popover cards of the glossary file that `page` names, by popover id.
fn popover_cards(site: &TempSite, page: &str) -> BTreeMap<String, Html> {
    let doc = site.page(page);
    let url = attrs(&doc, "article > .body[data-glossary]", "data-glossary");
    assert_eq!(url.len(), 1, "{page} names one glossary file");
    let file = url[0]
        .strip_prefix("/portal/")
        .expect("under the base path");
    assert!(
        file.starts_with("assets/glossary/") && file.ends_with(".json"),
        "{file}"
    );
    let json = std::fs::read_to_string(site.public().join(file)).unwrap();
    let cards: BTreeMap<String, String> = serde_json::from_str(&json).unwrap();
    cards
        .into_iter()
        .map(|(id, html)| (id, Html::parse_fragment(&html)))
        .collect()
}

#[test]
fn every_linked_term_has_a_card_in_the_glossary_file_of_its_language() {
    let site = built();
    let page = "briefings/gamma/index.html";
    let linked: BTreeSet<String> = attrs(&site.page(page), "a.term", "data-popover")
        .into_iter()
        .collect();
    let cards = popover_cards(&site, page);
    assert!(linked.iter().all(|id| cards.contains_key(id)), "{linked:?}");
    assert!(
        !cards.keys().any(|id| id.contains("stability")),
        "a draft entry has no card: {:?}",
        cards.keys()
    );
    let content = &cards[FIVE];
    assert_eq!(text(content, ".popover-title dfn"), "中亞五國");
    assert_eq!(attrs(content, ".popover-title span", "lang"), ["en"]);
    assert_eq!(
        text(content, ".popover-title span"),
        "five Central Asian states"
    );
    assert!(text(content, "p:nth-of-type(2)").starts_with("哈薩克"));
    assert_eq!(
        attrs(content, "a", "href"),
        ["/portal/glossary/#central-asian-five"]
    );
    assert_eq!(text(content, "a"), "查看名詞解釋");
    let en = popover_cards(&site, "en/briefings/gamma/index.html");
    assert_eq!(text(&en[BRI], "em"), "trade", "the definition is Markdown");
    assert_eq!(text(&en[BRI], "a"), "Open in glossary");
    let name = |page: &str| attrs(&site.page(page), ".body[data-glossary]", "data-glossary");
    assert_eq!(
        name("briefings/gamma/index.html"),
        name("briefings/delta/index.html"),
        "one file for every page of a language"
    );
    assert_ne!(
        name("briefings/gamma/index.html"),
        name("en/briefings/gamma/index.html")
    );
}

/// (section URL, entry id) of every term linked on the briefing pages under `prefix`.
fn linked_sections(site: &TempSite, prefix: &str) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for slug in ["gamma", "delta"] {
        let doc = site.page(&format!("{prefix}briefings/{slug}/index.html"));
        for section in doc.select(&sel("article > .body > section.section")) {
            let url = format!(
                "/portal/{prefix}briefings/{slug}/#{}",
                section.value().id().unwrap()
            );
            for id in section
                .select(&sel("a.term"))
                .filter_map(|a| a.value().attr("data-popover"))
            {
                found.insert((url.clone(), id.trim_start_matches("gl-").to_string()));
            }
        }
    }
    found
}

/// (section URL, entry id) of every section backlink on a glossary page.
fn backlinks(doc: &Html) -> BTreeSet<(String, String)> {
    doc.select(&sel(".entry"))
        .flat_map(|entry: ElementRef| {
            let id = entry.value().id().unwrap_or_default().to_string();
            entry
                .select(&sel(".used-in li a[href*='#']"))
                .filter_map(|a| a.value().attr("href"))
                .map(move |href| (href.to_string(), id.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The text of each "briefing › section, section" line of the entry `id`.
fn used_in_lines(doc: &Html, id: &str) -> Vec<String> {
    texts(doc, &format!("#{id} .used-in li"))
}

#[test]
fn glossary_pages_backlink_every_section_that_uses_a_term_and_the_links_resolve() {
    let site = built();
    for prefix in ["", "en/"] {
        let glossary = site.page(&format!("{prefix}glossary/index.html"));
        let linked = linked_sections(&site, prefix);
        assert_eq!(backlinks(&glossary), linked, "{prefix}glossary/");
        // Each entry's own page backlinks the same sections.
        let ids: BTreeSet<&String> = linked.iter().map(|(_, id)| id).collect();
        for id in ids {
            let page = site.page(&format!("{prefix}glossary/{id}/index.html"));
            let on_page: BTreeSet<String> = page
                .select(&sel(".used-in li a[href*='#']"))
                .filter_map(|a| a.value().attr("href").map(str::to_string))
                .collect();
            let expected: BTreeSet<String> = linked
                .iter()
                .filter(|(_, i)| i == id)
                .map(|(url, _)| url.clone())
                .collect();
            assert_eq!(on_page, expected, "{prefix}glossary/{id}/");
        }
        // Grouped by briefing, newest first (delta is dated after gamma).
        let expected = if prefix.is_empty() {
            ["丁簡報 › Only section", "丙簡報 › 前言、經貿"]
        } else {
            [
                "Delta Briefing › Only section",
                "Gamma Briefing › Introduction, 經貿",
            ]
        };
        assert_eq!(used_in_lines(&glossary, "central-asian-five"), expected);
    }
    let en = site.page("en/glossary/index.html");
    assert_eq!(
        attrs(&en, "#central-asian-five .used-in a[lang]", "lang"),
        ["zh-Hant"]
    );
    let (checked, broken) = check_links(&site.public(), "/portal/");
    assert!(checked > 100, "only {checked} links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_glossary_lists_the_newest_five_briefings_per_term_and_its_own_page_all() {
    let site = TempSite::fixture("glossary");
    for day in 1..=6 {
        let dir = format!("content/briefings/extra-{day}");
        site.write(
            &format!("{dir}/briefing.yaml"),
            &format!("title: {{ zh-Hant: 附錄{day}, en: Extra {day} }}\ndate: 2024-03-0{day}\n"),
        );
        site.write(
            &format!("{dir}/01-only.en.md"),
            "---\ntitle: Only section\n---\n\nAgain, soft power.\n",
        );
    }
    site.build();
    let linked = linked_sections(&site, "en/");
    let users = 6 + linked.iter().filter(|(_, id)| id == "soft-power").count();
    let glossary = site.page("en/glossary/index.html");
    assert_eq!(
        used_in_lines(&glossary, "soft-power"),
        (2..=6)
            .rev()
            .map(|d| format!("Extra {d} › Only section"))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        attrs(&glossary, "#soft-power .used-in a.all-uses", "href"),
        ["/portal/en/glossary/soft-power/"]
    );
    assert_eq!(
        text(&glossary, "#soft-power .used-in a.all-uses"),
        format!("All {users} briefings that use this term")
    );
    // Entries used by few briefings list them all, without that link; every
    // entry's term links its own page.
    assert!(attrs(&glossary, "#central-asian-five a.all-uses", "href").is_empty());
    assert_eq!(
        attrs(&glossary, "#central-asian-five dt a", "href"),
        ["/portal/en/glossary/central-asian-five/"]
    );
    let page = site.page("en/glossary/soft-power/index.html");
    let lines = texts(&page, ".used-in li");
    assert_eq!(lines.len(), users);
    assert_eq!(lines[0], "Extra 6 › Only section");
    assert_eq!(text(&page, "h1 dfn"), "soft power");
    // The details are plain blocks under the heading, not a one-item list.
    assert!(page
        .select(&sel("main dl, main dt, main dd"))
        .next()
        .is_none());
    assert!(page.select(&sel(".entry > .definition")).next().is_some());
    assert_eq!(
        attrs(&page, ".up a", "href"),
        ["/portal/en/glossary/#soft-power"]
    );
    let (_, broken) = check_links(&site.public(), "/portal/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn glossary_pages_show_both_languages_aliases_and_see_also_in_reader_order() {
    let site = built();
    let zh = site.page("glossary/index.html");
    // Stroke order: 大 3, 中 4, 帶 11 (巾), 軟 11 (車); not code point or Bopomofo order.
    let dfns = texts(&zh, ".entry dfn");
    assert_eq!(dfns, ["大外宣", "中亞", "中亞五國", "帶路倡議", "軟實力"]);
    assert_eq!(
        text(&zh, "#belt-and-road-initiative .other-term"),
        "Belt and Road Initiative"
    );
    assert_eq!(
        attrs(&zh, "#belt-and-road-initiative .other-term", "lang"),
        ["en"]
    );
    assert_eq!(
        text(&zh, "#belt-and-road-initiative .aliases"),
        "又稱：一帶一路、帶路"
    );
    // The draft stability-maintenance is left out of see-also.
    assert_eq!(
        attrs(&zh, "#grand-external-propaganda .see-also a", "href"),
        ["/portal/glossary/#soft-power"]
    );
    let en = site.page("en/glossary/index.html");
    let dfns = texts(&en, ".entry dfn");
    assert_eq!(
        dfns,
        [
            "Belt and Road Initiative",
            "Central Asia",
            "five Central Asian states",
            "grand external propaganda",
            "soft power"
        ]
    );
    assert_eq!(
        text(&en, "#belt-and-road-initiative .aliases"),
        "Also known as: BRI"
    );
}

#[test]
fn check_reports_glossary_errors_with_file_line_column_and_hint() {
    let site = TempSite::fixture("glossary");
    site.write(
        "content/briefings/gamma/02-trade.zh-Hant.md",
        "---\ntitle: 經貿\n---\n\n帶路倡議。\n\n見 [[sof-power]] 與 `[[not-checked]]`。\n",
    );
    append_to_glossary(
        &site,
        "- id: central-asia\n  zh-Hant: { term: 中亞地區, aliases: [帶路], definition: 重複。 }",
    );
    let line = glossary_line(&site, "- id: central-asia");
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let reference = "content/briefings/gamma/02-trade.zh-Hant.md:7:3: error: [[sof-power]] names no glossary entry\n  |\n7 | 見 [[sof-power]] 與 `[[not-checked]]`。\n  |    ^\n  |\n  = hint: did you mean \"soft-power\"?";
    assert_eq!(
        out.stderr.matches(reference).count(),
        1,
        "reported once, not per page:\n{}",
        out.stderr
    );
    for expected in [
        format!("content/glossary.yaml:{line}:1: error: the glossary id \"central-asia\" is used twice"),
        format!("content/glossary.yaml:{line}:1: error: the zh-Hant term or alias \"帶路\" appears in glossary entries \"belt-and-road-initiative\" and \"central-asia\""),
    ] {
        assert!(out.stderr.contains(&expected), "missing {expected}:\n{}", out.stderr);
    }
    assert!(
        !out.stderr.contains("[[not-checked]] names"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_warns_about_drafts_and_unused_entries() {
    let site = TempSite::fixture("glossary");
    append_to_glossary(
        &site,
        "- id: vaccine-diplomacy\n  en: { term: vaccine diplomacy, definition: Vaccines as diplomacy. }",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let draft = glossary_line(&site, "- id: stability-maintenance");
    let unused = glossary_line(&site, "- id: vaccine-diplomacy");
    let see_also = glossary_line(&site, "  see_also: [soft-power, stability-maintenance]");
    for expected in [
        format!("content/glossary.yaml:{draft}:1: warning: glossary entry \"stability-maintenance\" is a draft"),
        format!("content/glossary.yaml:{unused}:1: warning: glossary entry \"vaccine-diplomacy\" is used in no briefing\n"),
        format!("content/glossary.yaml:{see_also}:26: warning: glossary entry \"grand-external-propaganda\" has see_also \"stability-maintenance\", a draft: its page leaves the link out"),
    ] {
        assert!(out.stderr.contains(&expected), "missing {expected}:\n{}", out.stderr);
    }
    assert!(
        out.stderr.contains("0 error(s), 3 warning(s)"),
        "{}",
        out.stderr
    );
}

/// An `[[id]]` naming a draft entry is shown as plain text: a warning at
/// its place says so (review editor F21: it was silent, and the draft's own
/// warning said no text links to it).
#[test]
fn a_link_to_a_draft_entry_is_a_warning_at_its_place() {
    let site = TempSite::fixture("glossary");
    site.write(
        "content/briefings/delta/01-only.en.md",
        "---\ntitle: Only section\n---\n\nSee [[stability-maintenance]] and [[central-asian-five]].\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let expected = "content/briefings/delta/01-only.en.md:5:5: warning: [[stability-maintenance]] names a draft glossary entry: it is shown as plain text until the entry is published";
    assert!(out.stderr.contains(expected), "{}", out.stderr);
}

/// A glossary.yaml that does not load is reported once, at its error: the
/// `[[id]]`s and `@/glossary/<id>` links of the site are not errors too
/// (review editor F7: every one of them was "names no glossary entry"),
/// and the other errors of the site are still reported.
#[test]
fn a_glossary_that_does_not_load_adds_no_errors_at_the_links_to_it() {
    let site = TempSite::fixture("glossary");
    let text = glossary_text(&site);
    let broken = text.replace(
        "definition: China's large-scale external-propaganda effort.",
        "definition: China's effort. Note: large-scale.",
    );
    site.write("content/glossary.yaml", &broken);
    site.write(
        "content/briefings/delta/01-only.en.md",
        "---\ntitle: Only section\n---\n\n[[central-asian-five]], [the entry](@/glossary/soft-power) and a note.[^nowhere]\n",
    );
    let out = site.run(&["check", "--format", "json"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let found: Vec<(String, String)> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, "content/glossary.yaml", "{found:#?}");
    assert!(found[1].1.contains("[^nowhere]"), "{found:#?}");
}

#[test]
fn an_imported_draft_published_before_its_definitions_are_written_is_an_error() {
    let site = TempSite::fixture("glossary");
    append_to_glossary(
        &site,
        "- id: vaccine-diplomacy\n  zh-Hant:\n    term: 疫苗外交\n  en:\n    term: vaccine diplomacy\n    definition: Vaccines as diplomacy.",
    );
    let entry = glossary_line(&site, "- id: vaccine-diplomacy");
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let expected = format!(
        "content/glossary.yaml:{}:3: error: glossary entry \"vaccine-diplomacy\" has no zh-Hant definition",
        entry + 1
    );
    assert!(
        out.stderr.contains(&expected),
        "missing {expected}:\n{}",
        out.stderr
    );
    assert!(!out.stderr.contains("no en definition"), "{}", out.stderr);
    assert!(!site.public().exists(), "nothing is published");
}

#[test]
fn build_fails_on_an_unknown_reference_and_leaves_public_untouched() {
    let site = built();
    let before = snapshot(&site.public());
    site.write(
        "content/briefings/delta/01-only.en.md",
        "---\ntitle: Only section\n---\n\nSee [[no-such-term]].\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("content/briefings/delta/01-only.en.md:5:5: error: [[no-such-term]] names no glossary entry"),
        "{}",
        out.stderr
    );
    assert_eq!(snapshot(&site.public()), before);
}

#[test]
fn a_briefing_that_fails_to_render_leaves_no_unused_term_noise() {
    let site = TempSite::fixture("glossary");
    site.write(
        "content/briefings/delta/01-only.en.md",
        "---\ntitle: Only section\n---\n\nA note that is never defined.[^nowhere]\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("[^nowhere]"), "{}", out.stderr);
    assert!(
        !out.stderr.contains("is used in no briefing"),
        "{}",
        out.stderr
    );
}
