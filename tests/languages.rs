//! Languages are data: the `trilingual` fixture adds Japanese, a language
//! briefing names nowhere in its code, beside zh-Hant and English. Every
//! page exists in the three languages, pairs with the others by hreflang,
//! links the glossary terms of its own language and resolves every link.

mod common;

use common::{attrs, check_links, html_pages, sel, text, texts, TempSite};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The trilingual fixture with Japanese UI strings: the default theme's
/// English ones with the keys a reader would notice translated, so that the
/// test keeps passing when the theme gains a key.
fn trilingual() -> TempSite {
    let site = TempSite::fixture("trilingual");
    let strings = site.root().join("themes/default/strings");
    let en = std::fs::read_to_string(strings.join("en.yaml")).unwrap();
    let mut ja: serde_yaml::Mapping = serde_yaml::from_str(&en).unwrap();
    for (key, value) in [
        ("language_name", "日本語"),
        ("language_short_name", "日本語"),
        ("date_format", "{year}年{month}月{day}日"),
        ("list_separator", "、"),
        ("toc_title", "目次"),
        ("notes_title", "注"),
    ] {
        ja.insert(key.into(), value.into());
    }
    site.write(
        "themes/default/strings/ja.yaml",
        &serde_yaml::to_string(&ja).unwrap(),
    );
    site
}

const PREFIXES: [&str; 3] = ["", "en/", "ja/"];

#[test]
fn three_languages_give_every_page_in_each_and_every_link_resolves() {
    let site = trilingual();
    let public = site.build();
    let pages: BTreeSet<PathBuf> = html_pages(&public).into_iter().collect();
    let mut expected: BTreeSet<PathBuf> = BTreeSet::from(["404.html".into()]);
    for prefix in PREFIXES {
        for page in [
            "index.html",
            "briefings/silk/index.html",
            "glossary/index.html",
            "glossary/central-asia/index.html",
            "glossary/belt-and-road-initiative/index.html",
            "search/index.html",
        ] {
            expected.insert(format!("{prefix}{page}").into());
        }
    }
    assert_eq!(pages, expected);
    let (checked, broken) = check_links(&public, "/tri/");
    assert!(checked > 100, "only {checked} links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_page_pairs_with_its_two_translations_both_ways() {
    let site = trilingual();
    site.build();
    for page in [
        "index.html",
        "briefings/silk/index.html",
        "glossary/index.html",
    ] {
        for prefix in PREFIXES {
            let doc = site.page(&format!("{prefix}{page}"));
            let canonical = attrs(&doc, "link[rel=canonical]", "href").pop().unwrap();
            let langs = attrs(&doc, "link[rel=alternate][hreflang]", "hreflang");
            assert_eq!(
                langs,
                ["zh-Hant", "en", "ja", "x-default"],
                "{prefix}{page}"
            );
            for href in attrs(&doc, "link[rel=alternate][hreflang]", "href") {
                let rel = href.strip_prefix("https://example.org/tri/").unwrap();
                let other = site.page(&format!("{rel}index.html"));
                let back = attrs(&other, "link[rel=alternate][hreflang]", "href");
                assert!(back.contains(&canonical), "{href} does not link back");
            }
        }
    }
}

#[test]
fn each_edition_links_the_glossary_terms_of_its_own_language() {
    let site = trilingual();
    site.build();
    for (prefix, lang, terms) in [
        ("", "zh-Hant", ["中亞", "帶路倡議"]),
        ("en/", "en", ["Belt and Road Initiative", "Central Asia"]),
        ("ja/", "ja", ["中央アジア", "一帯一路"]),
    ] {
        let doc = site.page(&format!("{prefix}briefings/silk/index.html"));
        assert_eq!(attrs(&doc, "html", "lang"), [lang]);
        let first_section = doc
            .select(&sel("main section p"))
            .next()
            .expect("a paragraph");
        let linked: Vec<String> = first_section
            .select(&sel("a.term"))
            .map(|a| a.text().collect())
            .collect();
        assert_eq!(linked, terms, "{lang}");
        let glossary = site.page(&format!("{prefix}glossary/index.html"));
        let names = texts(&glossary, "main dt");
        for term in terms {
            assert!(
                names.iter().any(|n| n.contains(term)),
                "{lang} glossary lacks {term}: {names:?}"
            );
        }
    }
}

#[test]
fn the_japanese_edition_has_its_own_date_and_notes() {
    let site = trilingual();
    site.build();
    let ja = site.page("ja/briefings/silk/index.html");
    assert!(text(&ja, "main").contains("2024年3月9日"));
    let note = text(&ja, ".endnotes li");
    assert!(note.contains("中央アジアのインフラ"), "{note}");
    let untranslated = site.page("ja/briefings/silk/index.html");
    let sections = attrs(&untranslated, "main section[lang]", "lang");
    assert!(
        sections.contains(&"zh-Hant".to_string()),
        "the section without a Japanese text falls back to the original, marked zh-Hant: {sections:?}"
    );
}

#[test]
fn a_glossary_term_in_a_language_the_site_lacks_is_an_error_at_its_key() {
    let site = trilingual();
    let glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap();
    site.write(
        "content/glossary.yaml",
        &glossary.replacen("  ja:\n", "  jp:\n", 1),
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("content/glossary.yaml:8:3"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("ja"), "did-you-mean: {}", out.stderr);
}
