//! Notes on the shipped paper: 45 notes numbered as in the PDF, each linked
//! both ways, short forms linked to their full citation, shared between the
//! Chinese and English pages, and a references list.

mod common;

use common::{attrs, sel, text, texts, TempSite};
use scraper::Html;
use std::collections::BTreeSet;

const PAGES: [&str; 2] = [
    "briefings/china-central-asia-influence/index.html",
    "en/briefings/china-central-asia-influence/index.html",
];

/// The short-form pairs (note → the note with its full citation), found by
/// reading the paper's notes: each later note repeats an earlier citation's
/// author and title without date or URL (33 and 44 repeat two works; 40 and
/// 44 add a new full citation after the short one, which stays unlinked).
const SHORT_FORMS: [(u32, u32); 13] = [
    (7, 5),
    (8, 3),
    (23, 15),
    (24, 14),
    (28, 25),
    (29, 27),
    (33, 31),
    (33, 25),
    (34, 32),
    (38, 32),
    (40, 37),
    (41, 37),
    (44, 30),
];

fn built() -> (TempSite, Vec<Html>) {
    let site = TempSite::shipped();
    site.build();
    let pages = PAGES.iter().map(|p| site.page(p)).collect();
    (site, pages)
}

#[test]
fn forty_five_notes_linked_both_ways_on_both_pages() {
    let (_site, pages) = built();
    for (page, doc) in PAGES.iter().zip(&pages) {
        let notes = attrs(doc, "article > section[role=doc-endnotes] > ol > li", "id");
        let expected: Vec<String> = (1..=45).map(|n| format!("fn-{n}")).collect();
        assert_eq!(notes, expected, "{page}: notes 1..45 in order");
        let ids: BTreeSet<String> = attrs(doc, "[id]", "id").into_iter().collect();
        let refs = attrs(doc, "a[role=doc-noteref]", "href");
        let first_refs: Vec<String> = attrs(doc, "a[role=doc-noteref]", "id")
            .into_iter()
            .filter(|id| id.matches('-').count() == 1)
            .collect();
        assert_eq!(
            first_refs,
            (1..=45).map(|n| format!("fnref-{n}")).collect::<Vec<_>>(),
            "{page}: markers in order 1..45"
        );
        for href in refs
            .iter()
            .chain(attrs(doc, "a[role=doc-backlink]", "href").iter())
        {
            assert!(
                ids.contains(href.trim_start_matches('#')),
                "{page}: {href} has no target"
            );
        }
        for n in 1..=45 {
            let backlinks = doc
                .select(&sel(&format!("#fn-{n} a[role=doc-backlink]")))
                .count();
            assert!(backlinks >= 1, "{page}: note {n} has no backlink");
        }
        assert_eq!(
            attrs(doc, "article > section[role=doc-endnotes] h2", "id").len(),
            1
        );
    }
}

#[test]
fn notes_are_shared_between_the_languages() {
    let (_site, pages) = built();
    let note = |doc: &Html, n: u32| text(doc, &format!("#fn-{n} > p"));
    for n in [1, 5, 21, 45] {
        let zh = note(&pages[0], n);
        let en = note(&pages[1], n);
        let citation = |s: &str| {
            s.split(['↩', '（', '('])
                .next()
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        assert_eq!(
            citation(&zh),
            citation(&en),
            "note {n} has the same citation on both pages"
        );
    }
    // Chinese citations on the English page and English ones on the Chinese page are marked.
    assert_eq!(attrs(&pages[1], "#fn-5", "lang"), ["zh-Hant"]);
    assert_eq!(attrs(&pages[0], "#fn-1", "lang"), ["en"]);
    assert!(attrs(&pages[0], "#fn-5", "lang").is_empty());
}

#[test]
fn short_forms_link_to_their_full_citation() {
    let (_site, pages) = built();
    for doc in &pages {
        let mut found = Vec::new();
        for li in doc.select(&sel("article > section[role=doc-endnotes] > ol > li")) {
            let n: u32 = li
                .value()
                .attr("id")
                .unwrap()
                .trim_start_matches("fn-")
                .parse()
                .unwrap();
            for a in li.select(&sel(".see-note a")) {
                found.push((
                    n,
                    a.value()
                        .attr("href")
                        .unwrap()
                        .trim_start_matches("#fn-")
                        .parse::<u32>()
                        .unwrap(),
                ));
            }
        }
        assert_eq!(found, SHORT_FORMS);
    }
    let see = text(&pages[0], "#fn-7 .see-note");
    assert_eq!(see, "（見註 5）");
    let see = text(&pages[1], "#fn-33 .see-note");
    assert_eq!(see, " (see notes 31, 25)");
    assert_eq!(attrs(&pages[0], "#fn-7", "data-see"), ["fn-5"]);
}

#[test]
fn urls_in_notes_are_links_showing_the_full_url() {
    let (_site, pages) = built();
    let links: Vec<(String, String)> = pages[0]
        .select(&sel("article > section[role=doc-endnotes] a[href^=http]"))
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_string(),
                a.text().collect::<String>(),
            )
        })
        .collect();
    let source = std::fs::read_to_string(
        common::repo().join("content/briefings/china-central-asia-influence/source.txt"),
    )
    .unwrap();
    let urls_in_notes: usize = source
        .lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        })
        .map(|l| l.matches("://").count())
        .sum();
    assert_eq!(
        links.len(),
        urls_in_notes,
        "every URL of the paper's notes is a link"
    );
    for (href, text) in &links {
        let decoded = common::percent_decode(href);
        assert_eq!(&decoded, text, "the link text is the full URL");
    }
    assert!(links
        .iter()
        .any(|(_, t)| t == "https://vigormedia.tw/中俄正在爭奪中亞/"));
}

#[test]
fn the_references_list_merges_short_forms() {
    let (_site, pages) = built();
    let doc = &pages[0];
    let items: Vec<(String, Vec<String>)> = doc
        .select(&sel("article > section.references li"))
        .map(|li| {
            (
                li.select(&sel(".citation"))
                    .next()
                    .unwrap()
                    .text()
                    .collect(),
                li.select(&sel(".cited-in a"))
                    .map(|a| a.text().collect())
                    .collect(),
            )
        })
        .collect();
    let cited = |needle: &str| {
        items
            .iter()
            .find(|(t, _)| t.contains(needle))
            .map(|(_, n)| n.join(","))
            .unwrap_or_else(|| panic!("no source {needle}"))
    };
    assert_eq!(cited("中俄正在爭奪中亞"), "5,7");
    let labels = texts(&pages[1], "section.references .cited-in");
    assert!(labels.iter().any(|l| l.starts_with("Cited in note 1")));
    assert!(labels.iter().any(|l| l.starts_with("Cited in notes 5, 7")));
    assert!(
        !labels
            .iter()
            .any(|l| l.starts_with("Cited in notes") && !l.contains(',')),
        "one note is a note, not notes: {labels:?}"
    );
    let italic = texts(doc, "section.references .citation em");
    assert!(
        italic.iter().any(|t| t == "The Diplomat"),
        "titles set in italics in the notes stay so in the references: {italic:?}"
    );
    assert_eq!(cited("Dangerous Liaisons"), "25,28,33");
    assert_eq!(cited("Perception of China in Central Asia"), "32,34,38");
    assert_eq!(cited("Warm Politics, Cold Public"), "31,33");
    let all: BTreeSet<u32> = items
        .iter()
        .flat_map(|(_, n)| n.iter().map(|s| s.parse::<u32>().unwrap()))
        .collect();
    assert_eq!(
        all,
        (1..=45).collect::<BTreeSet<u32>>(),
        "every note cites a listed source"
    );
    let distinct: BTreeSet<&String> = items.iter().map(|(t, _)| t).collect();
    assert_eq!(distinct.len(), items.len(), "each source once");
}

// ---- the escape: `\[^x]` is the literal text `[^x]` ----

#[test]
fn an_escaped_note_reference_is_shown_as_written() {
    let site = TempSite::fixture("basic");
    let file = "content/briefings/alpha/01-introduction.zh-Hant.md";
    let text = std::fs::read_to_string(site.root().join(file)).unwrap();
    site.write(
        file,
        &text.replace("這是第二句。[^2]", "這是第二句。[^2] 原文寫作 \\[^99]。"),
    );
    site.build();
    let zh = site.page("briefings/alpha/index.html");
    assert!(
        text_of(&zh, "main").contains("原文寫作 [^99]。"),
        "the literal text is shown"
    );
    assert!(attrs(&zh, "a[href='#fn-99']", "href").is_empty());
}

fn text_of(doc: &Html, selector: &str) -> String {
    doc.select(&sel(selector)).flat_map(|e| e.text()).collect()
}

#[path = "common/escape.rs"]
mod escape;

mod escapes {
    use super::escape::escape_references;
    use briefing::markdown;
    use briefing::notes::NoteSource;
    use proptest::prelude::*;
    use pulldown_cmark::Event;
    use std::path::Path;

    proptest! {
        /// Any text with its `[^` escaped holds no note reference.
        #[test]
        fn escaped_references_are_never_notes(
            text in proptest::collection::vec(proptest::sample::select(vec![
                "[^", "[^1]", "1]", "]", "[", "^", "\\", "\\\\", "中文", "x", " ", "\n", "\n\n",
                "`", "*", "_", "# ", "> ", "- ", "| a |", "\n|---|\n", ": ", "<b>", "[l](u)", "{#i}",
            ]), 0..24).prop_map(|v| v.concat())
        ) {
            let escaped = escape_references(&text);
            let source = NoteSource::new(Path::new("f.md"), "en", &escaped, 1, markdown::parse(&escaped));
            let reference = source.body.iter().find(|(e, _)| matches!(e, Event::FootnoteReference(_)));
            prop_assert!(reference.is_none(), "{escaped:?}: {reference:?}");
        }
    }
}
