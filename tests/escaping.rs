//! Text from YAML and from note definitions renders as text, never as markup:
//! titles, names, keywords, abstracts, glossary definitions and note texts
//! containing <script>, quotes or ampersands.

mod common;

use common::{attrs, sel, text, TempSite};

const EVIL: &str = "<script>alert(\"x\")</script> & 'q'";

#[test]
fn hostile_strings_render_as_text() {
    let site = TempSite::fixture("basic");
    let yaml_evil = EVIL.replace('"', "\\\"");
    site.write(
        "content/briefings/alpha/briefing.yaml",
        &format!(
            "title: {{ zh-Hant: \"甲 {yaml_evil}\", en: \"Alpha {yaml_evil}\" }}\nauthors:\n  - name: {{ en: \"{yaml_evil}\" }}\ndate: 2023-12-01\nkeywords: {{ en: [\"{yaml_evil}\"] }}\nabstract: {{ en: \"Abstract {yaml_evil}\" }}\n"
        ),
    );
    site.write(
        "content/briefings/alpha/02-trade.en.md",
        &format!(
            "---\ntitle: \"Trade {yaml_evil}\"\n---\n\nText.[^evil]\n\n[^evil]: Note {EVIL}\n"
        ),
    );
    site.write(
        "content/glossary.yaml",
        &format!("- id: bri\n  en: {{ term: BRI, definition: \"Def {yaml_evil}\" }}\n  zh-Hant: {{ term: 帶路倡議, definition: \"定義 {yaml_evil}\" }}\n"),
    );
    site.build();
    for page in [
        "en/briefings/alpha/index.html",
        "briefings/alpha/index.html",
        "en/glossary/index.html",
        "en/index.html",
    ] {
        let doc = site.page(page);
        let scripts: Vec<String> = doc.select(&sel("script")).map(|s| s.html()).collect();
        assert!(
            scripts
                .iter()
                .all(|s| s.contains(" src=") || s.contains("application/ld+json")),
            "{page}: injected script: {scripts:?}"
        );
        let body = text(&doc, "body");
        assert!(
            body.contains("<script>alert(\"x\")</script> & 'q'"),
            "{page}: the text is shown literally"
        );
    }
    let doc = site.page("en/briefings/alpha/index.html");
    assert_eq!(text(&doc, "h1"), format!("Alpha {EVIL}"));
    assert_eq!(text(&doc, "#fn-4"), format!("Note {EVIL}\u{a0}↩\u{fe0e}"));
    assert_eq!(
        attrs(&doc, "meta[name=citation_title]", "content"),
        [format!("Alpha {EVIL}")]
    );
    let jsonld = text(&doc, "script[type='application/ld+json']");
    assert!(
        !jsonld.contains('<'),
        "nothing in JSON-LD can close its script element"
    );
    let value: serde_json::Value = serde_json::from_str(&jsonld).unwrap();
    assert_eq!(value["name"], format!("Alpha {EVIL}"));
}

#[test]
fn language_codes_must_be_language_tags() {
    let site = TempSite::fixture("basic");
    site.write(
        "site.yaml",
        "title: { zh-Hant: 測試簡報, en: Test Briefings }\nbase_url: https://example.org/portal/\ndefault_language: zh-Hant\nlanguages: [zh-Hant, en, 'fr\"<x>']\n",
    );
    // With UI strings for the code, nothing else stops it reaching the output.
    let strings = std::fs::read_to_string(site.root().join("themes/default/strings/en.yaml"));
    site.write("themes/default/strings/fr\"<x>.yaml", &strings.unwrap());
    for command in ["check", "build"] {
        let out = site.run(&[command]);
        assert_eq!(out.code, Some(1), "{command}: {}", out.stderr);
        assert!(
            out.stderr.contains(
                "site.yaml:4:27: error: the language code \"fr\"<x>\" in `languages` is not a BCP 47 language tag"
            ),
            "{command}: {}",
            out.stderr
        );
    }
    assert!(!site.public().exists(), "nothing is written");
}
