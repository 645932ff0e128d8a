//! The build pipeline end to end on fixture sites: pages, links, languages,
//! feeds, base_url subpaths, determinism, and failure modes that must leave
//! public/ untouched.

mod common;

use common::{attrs, check_links, html_pages, sel, snapshot, text, texts, TempSite};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The file with which earlier versions marked their output.
const LEGACY_MARKER: &str = ".briefing-output";

const EXPECTED_PAGES: [&str; 13] = [
    "404.html",
    "index.html",
    "glossary/index.html",
    "glossary/belt-and-road-initiative/index.html",
    "briefings/alpha/index.html",
    "briefings/beta/index.html",
    "en/index.html",
    "en/glossary/index.html",
    "en/glossary/belt-and-road-initiative/index.html",
    "en/briefings/alpha/index.html",
    "en/briefings/beta/index.html",
    "search/index.html",
    "en/search/index.html",
];

#[test]
fn every_page_exists_and_every_internal_link_resolves() {
    let site = TempSite::fixture("basic");
    let public = site.build();
    let pages: BTreeSet<PathBuf> = html_pages(&public).into_iter().collect();
    let expected: BTreeSet<PathBuf> = EXPECTED_PAGES.iter().map(PathBuf::from).collect();
    assert_eq!(pages, expected);
    let (checked, broken) = check_links(&public, "/portal/");
    assert!(checked > 100, "only {checked} links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn pages_declare_their_language_and_mark_other_language_text() {
    let site = TempSite::fixture("basic");
    site.build();
    for page in EXPECTED_PAGES.iter().filter(|p| **p != "404.html") {
        let doc = site.page(page);
        let lang = attrs(&doc, "html", "lang").pop().unwrap();
        assert_eq!(
            lang,
            if page.starts_with("en/") {
                "en"
            } else {
                "zh-Hant"
            },
            "{page}"
        );
    }
    let en = site.page("en/briefings/alpha/index.html");
    assert_eq!(attrs(&en, ".title-block .other-title", "lang"), ["zh-Hant"]);
    // 02-trade has no English file: the original is shown, marked, with a notice in English.
    let trade = en
        .select(&sel("section#trade"))
        .next()
        .expect("section#trade");
    assert_eq!(trade.value().attr("lang"), Some("zh-Hant"));
    let notice = trade
        .select(&sel(".notice"))
        .next()
        .expect("fallback notice");
    assert_eq!(notice.value().attr("lang"), Some("en"));
    assert!(notice
        .text()
        .collect::<String>()
        .contains("not been translated"));
    // The English-only abstract on the Chinese page is marked lang="en" with a notice.
    let zh = site.page("briefings/alpha/index.html");
    assert_eq!(attrs(&zh, ".abstract div", "lang"), ["en"]);
    assert!(zh.select(&sel(".abstract .notice")).next().is_some());
    // The Chinese-only biography on the English page: marked, with a notice.
    assert_eq!(attrs(&en, ".bio div", "lang"), ["zh-Hant"]);
    let bio_notice: String = en
        .select(&sel(".bio .notice"))
        .flat_map(|n| n.text())
        .collect();
    assert!(bio_notice.contains("not been translated"), "{bio_notice:?}");
    assert!(zh.select(&sel(".bio .notice")).next().is_none());
    // An English note on the Chinese page, a Chinese note on the English page.
    assert_eq!(attrs(&zh, "#fn-2", "lang"), ["en"]);
    assert_eq!(attrs(&en, "#fn-1", "lang"), ["zh-Hant"]);
}

#[test]
fn contents_entries_of_an_untranslated_section_are_marked_as_its_language() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/alpha/02-trade.zh-Hant.md",
        "---\ntitle: 經貿\n---\n\n貿易額成長。\n\n### 能源合作\n\n天然氣管線。\n",
    );
    site.build();
    let en = site.page("en/briefings/alpha/index.html");
    let entries = |selector: &str| -> Vec<(String, Option<String>)> {
        en.select(&sel(selector))
            .map(|a| {
                let lang = a.value().attr("lang").map(str::to_string);
                (a.text().collect(), lang)
            })
            .collect()
    };
    let trade = "nav.toc a[href='#trade'] + ol a";
    assert_eq!(
        entries(trade),
        [("A. 能源合作".to_string(), Some("zh-Hant".to_string()))]
    );
    assert_eq!(
        entries("nav.toc a[href='#trade']"),
        [("II. 經貿".to_string(), Some("zh-Hant".to_string()))]
    );
    assert_eq!(
        attrs(&en, "nav.toc a[href='#trade'] .heading-number", "lang"),
        ["en"],
        "the English page's outline number inside the Chinese entry"
    );
    let zh = site.page("briefings/alpha/index.html");
    assert_eq!(attrs(&zh, "nav.toc a[lang]", "lang"), Vec::<String>::new());
}

#[test]
fn headings_carry_the_outline_numbers_of_the_page_language_unless_switched_off() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/alpha/02-trade.zh-Hant.md",
        "---\ntitle: 經貿\n---\n\n### 能源\n\n#### 管線\n\n#### 電網\n\n### 金融\n\n文字。\n",
    );
    site.build();
    let numbers = |page: &str| texts(&site.page(page), "main .body .heading-number");
    assert_eq!(
        numbers("briefings/alpha/index.html"),
        ["壹、", "一、", "貳、", "一、", "（一）", "（二）", "二、"]
    );
    assert_eq!(
        numbers("en/briefings/alpha/index.html"),
        ["I. ", "A. ", "II. ", "A. ", "1. ", "2. ", "B. "]
    );
    let yaml = site.root().join("content/briefings/alpha/briefing.yaml");
    let meta = std::fs::read_to_string(&yaml).unwrap();
    site.write(
        "content/briefings/alpha/briefing.yaml",
        &format!("{meta}numbering: false\n"),
    );
    site.build();
    let zh = site.page("briefings/alpha/index.html");
    assert!(texts(&zh, ".heading-number").is_empty());
    assert_eq!(text(&zh, "#trade-title"), "經貿");
}

#[test]
fn a_missing_ui_string_fails_the_build_naming_the_key_language_and_file() {
    let site = TempSite::fixture("basic");
    let file = "themes/default/strings/en.yaml";
    let strings = std::fs::read_to_string(site.root().join(file)).unwrap();
    let without = |text: &str, key: &str| {
        text.lines()
            .filter(|line| !line.starts_with(&format!("{key}:")))
            .map(|line| format!("{line}\n"))
            .collect::<String>()
    };
    // One the renderer uses (it shipped as aria-label="note_label"), one a template uses.
    site.write(
        file,
        &without(&without(&strings, "note_label"), "toc_title"),
    );
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    for key in ["note_label", "toc_title"] {
        let line = out
            .stderr
            .lines()
            .find(|l| l.contains(&format!("`{key}`")))
            .unwrap_or_else(|| panic!("no error names {key}:\n{}", out.stderr));
        assert!(line.starts_with(file), "{line}");
        assert!(line.contains("\"en\""), "{line}");
    }
    assert!(!site.public().exists(), "nothing is published");
}

#[test]
fn feeds_sitemap_and_robots_are_theme_templates() {
    let site = TempSite::fixture("basic");
    let edit = |file: &str, from: &str, to: &str| {
        let path = format!("themes/default/templates/{file}");
        let text = std::fs::read_to_string(site.root().join(&path)).unwrap();
        assert!(text.contains(from), "{path}");
        site.write(&path, &text.replacen(from, to, 1));
    };
    edit(
        "atom.xml",
        "<title>{{ feed.title }}</title>",
        "<title>{{ feed.title }}</title>\n<subtitle>{{ t.home_intro }} {{ \"& <more>\" }}</subtitle>",
    );
    edit("robots.txt", "Allow: /", "Disallow: /drafts/");
    edit("sitemap.xml", "<loc>", "<!-- page -->\n<loc>");
    let public = site.build();
    let feed = std::fs::read_to_string(public.join("en/atom.xml")).unwrap();
    let feed = roxmltree::Document::parse(&feed).expect("the feed stays XML: autoescaped");
    let subtitle = feed
        .descendants()
        .find(|n| n.has_tag_name("subtitle"))
        .unwrap();
    assert!(
        subtitle.text().unwrap().ends_with(" & <more>"),
        "{:?}",
        subtitle.text()
    );
    let robots = std::fs::read_to_string(public.join("robots.txt")).unwrap();
    assert!(
        robots.contains("Disallow: /drafts/") && robots.contains("Sitemap: https://"),
        "{robots}"
    );
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<!-- page -->"));
    roxmltree::Document::parse(&sitemap).expect("the sitemap stays XML");
}

#[test]
fn the_404_page_speaks_every_language_and_leads_to_each_home() {
    let site = TempSite::fixture("basic");
    site.build();
    let doc = site.page("404.html");
    assert_eq!(attrs(&doc, "main .not-found", "lang"), ["zh-Hant", "en"]);
    assert_eq!(text(&doc, "main h1"), "找不到此頁面");
    assert!(text(&doc, "title").starts_with("找不到此頁面 / Page not found"));
    assert_eq!(texts(&doc, "main [lang=en] h2"), ["Page not found"]);
    let base = site.base_path();
    assert_eq!(
        attrs(&doc, "main .not-found a", "href"),
        [base.clone(), format!("{base}en/")]
    );
    assert!(
        attrs(&doc, ".lang-switch a", "aria-current").is_empty(),
        "no language is the current page of a missing page"
    );
}

#[test]
fn hreflang_alternates_exist_and_link_back() {
    let site = TempSite::fixture("basic");
    site.build();
    for page in EXPECTED_PAGES.iter().filter(|p| **p != "404.html") {
        let doc = site.page(page);
        let canonical = attrs(&doc, "link[rel=canonical]", "href").pop().unwrap();
        let alternates: Vec<(String, String)> = doc
            .select(&sel("link[rel=alternate][hreflang]"))
            .map(|e| {
                (
                    e.value().attr("hreflang").unwrap().to_string(),
                    e.value().attr("href").unwrap().to_string(),
                )
            })
            .collect();
        let langs: Vec<&str> = alternates.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["zh-Hant", "en", "x-default"], "{page}");
        assert!(
            alternates.iter().any(|(_, h)| *h == canonical),
            "{page} lists itself"
        );
        for (_, href) in &alternates {
            let rel = href
                .strip_prefix("https://example.org/portal/")
                .unwrap_or_else(|| panic!("{href} is not a full URL"));
            let target = site.page(&format!("{rel}index.html"));
            let back = attrs(&target, "link[rel=alternate][hreflang]", "href");
            assert!(
                back.contains(&canonical),
                "{href} does not link back to {canonical}"
            );
        }
    }
}

#[test]
fn sitemap_and_feeds_are_xml_listing_every_page() {
    let site = TempSite::fixture("basic");
    let public = site.build();
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap is XML");
    let locs: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    // The 404 page and the search pages (a query form) are not in the sitemap.
    for page in EXPECTED_PAGES
        .iter()
        .filter(|p| **p != "404.html" && !p.ends_with("search/index.html"))
    {
        let url = format!(
            "https://example.org/portal/{}",
            page.trim_end_matches("index.html")
        );
        assert!(locs.contains(&url), "sitemap lacks {url}");
    }
    let alternates = doc
        .descendants()
        .filter(|n| n.has_tag_name("link") && n.attribute("hreflang").is_some())
        .count();
    assert_eq!(
        alternates,
        locs.len() * 3,
        "every URL lists zh-Hant, en and x-default"
    );
    for (feed, lang) in [("atom.xml", "zh-Hant"), ("en/atom.xml", "en")] {
        let text = std::fs::read_to_string(public.join(feed)).unwrap();
        let doc = roxmltree::Document::parse(&text).expect("feed is XML");
        let entries: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        assert_eq!(entries.len(), 2, "{feed}");
        let first_title = entries[0]
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .unwrap()
            .text()
            .unwrap();
        assert_eq!(
            first_title, "乙簡報",
            "newest first; beta has only a Chinese title, shown in both feeds"
        );
        assert_eq!(
            doc.root_element()
                .attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
    }
    let robots = std::fs::read_to_string(public.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.org/portal/sitemap.xml"));
}

#[test]
fn home_lists_briefings_newest_first_per_language() {
    let site = TempSite::fixture("basic");
    site.build();
    let en = site.page("en/index.html");
    assert_eq!(
        attrs(&en, ".briefing-list h2 a", "href"),
        ["/portal/en/briefings/beta/", "/portal/en/briefings/alpha/"]
    );
    assert_eq!(
        text(&en, ".briefing-list li:nth-child(2) time"),
        "1 December 2023"
    );
    let zh = site.page("index.html");
    assert_eq!(
        text(&zh, ".briefing-list li:nth-child(2) time"),
        "2023年12月1日"
    );
}

#[test]
fn base_url_subpath_and_override_are_honoured() {
    let site = TempSite::fixture("basic");
    let out = site.run(&["build", "--base-url", "https://mirror.example.net/a/b"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let (checked, broken) = check_links(&site.public(), "/a/b/");
    assert!(checked > 100 && broken.is_empty(), "{broken:?}");
    let doc = site.page("en/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://mirror.example.net/a/b/en/"]
    );
}

#[test]
fn briefing_page_has_scholarly_metadata() {
    let site = TempSite::fixture("basic");
    site.build();
    let doc = site.page("briefings/alpha/index.html");
    let meta = |name: &str| attrs(&doc, &format!("meta[name={name}]"), "content");
    assert_eq!(meta("citation_title"), ["甲簡報"]);
    assert_eq!(meta("citation_author"), ["王小明"]);
    assert_eq!(meta("citation_publication_date"), ["2023/12/01"]);
    assert_eq!(
        meta("citation_technical_report_institution"),
        ["測試研究所"]
    );
    assert_eq!(meta("citation_language"), ["zh-Hant"]);
    // The keywords are written in English only: not the Chinese edition's.
    assert_eq!(meta("citation_keywords"), Vec::<String>::new());
    let jsonld = text(&doc, "script[type='application/ld+json']");
    let value: serde_json::Value = serde_json::from_str(&jsonld).expect("JSON-LD parses");
    assert_eq!(value["@type"], "Report");
    assert_eq!(value["inLanguage"], "zh-Hant");
    assert_eq!(value["workTranslation"][0]["inLanguage"], "en");
    assert_eq!(
        attrs(&doc, "meta[property='og:title']", "content"),
        ["甲簡報"]
    );
}

#[test]
fn assets_are_fingerprinted_and_css_is_minified() {
    let site = TempSite::fixture("basic");
    let public = site.build();
    let doc = site.page("index.html");
    let css = attrs(&doc, "link[rel=stylesheet]", "href").pop().unwrap();
    let name = css.rsplit('/').next().unwrap();
    let parts: Vec<&str> = name.split('.').collect();
    assert_eq!(parts.len(), 3, "{name}");
    assert!(
        parts[1].len() == 10 && parts[1].chars().all(|c| c.is_ascii_hexdigit()),
        "{name}"
    );
    let body = std::fs::read_to_string(public.join(css.trim_start_matches("/portal/"))).unwrap();
    assert!(!body.contains("\n  "), "CSS is minified");
}

#[test]
fn two_builds_are_byte_identical() {
    let a = TempSite::fixture("basic");
    let b = TempSite::fixture("basic");
    assert_eq!(snapshot(&a.build()), snapshot(&b.build()));
}

#[test]
fn a_rebuild_publishes_what_a_fresh_build_does() {
    let site = TempSite::fixture("basic");
    site.build();
    let alpha = "en/briefings/alpha/index.html";
    let intro = "content/briefings/alpha/01-introduction.en.md";
    let text = std::fs::read_to_string(site.root().join(intro)).unwrap();
    site.write(intro, &text.replace("Introduction", "Opening remarks"));
    // A published page edited by hand is replaced by the rebuild.
    let beta = "en/briefings/beta/index.html";
    let mut page = std::fs::OpenOptions::new()
        .append(true)
        .open(site.public().join(beta))
        .unwrap();
    std::io::Write::write_all(&mut page, b"<!-- edited -->").unwrap();
    drop(page);
    site.build();
    assert!(text_of(&site, alpha).contains("Opening remarks"));
    assert!(!text_of(&site, beta).contains("edited"));
    let fresh = TempSite::fixture("basic");
    fresh.write(intro, &text.replace("Introduction", "Opening remarks"));
    assert_eq!(snapshot(&site.public()), snapshot(&fresh.build()));
}

fn text_of(site: &TempSite, rel: &str) -> String {
    std::fs::read_to_string(site.public().join(rel)).unwrap()
}

#[test]
fn cjk_soft_breaks_vanish_in_output() {
    let site = TempSite::fixture("basic");
    site.build();
    let doc = site.page("briefings/alpha/index.html");
    assert!(text(&doc, "section#introduction p").starts_with("中國在中亞的影響力逐漸擴大。"));
}

/// Builds once, then breaks the site with `edit` and checks the diagnostic
/// and that public/ is byte-for-byte unchanged.
fn assert_failure_keeps_public(edit: impl FnOnce(&TempSite), expected: &str) {
    let site = TempSite::fixture("basic");
    let before = snapshot(&site.build());
    edit(&site);
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "expected failure, got:\n{}", out.stderr);
    assert!(
        out.stderr.contains(expected),
        "expected {expected:?} in:\n{}",
        out.stderr
    );
    assert_eq!(snapshot(&site.public()), before, "public/ changed");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "staging dirs left behind");
}

#[test]
fn unknown_front_matter_field_is_reported_with_a_suggestion() {
    assert_failure_keeps_public(
        |s| s.write("content/briefings/alpha/02-trade.en.md", "---\ntitle: Trade\ntitel: x\n---\n\nText.\n"),
        "content/briefings/alpha/02-trade.en.md:3:1: error: unknown field \"titel\" in front matter\n  |\n3 | titel: x\n  | ^^^^^\n  |\n  = hint: did you mean \"title\"?",
    );
}

#[test]
fn bad_yaml_is_reported_with_its_line() {
    assert_failure_keeps_public(
        |s| {
            s.write(
                "content/briefings/alpha/briefing.yaml",
                "title: { zh-Hant: 甲\nauthors: [\n",
            )
        },
        "content/briefings/alpha/briefing.yaml:",
    );
}

#[test]
fn missing_title_is_reported() {
    assert_failure_keeps_public(
        |s| s.write("content/briefings/beta/briefing.yaml", "date: 2024-03-05\n"),
        "content/briefings/beta/briefing.yaml:1:1: error: the required field \"title\" is missing in briefing.yaml",
    );
}

#[test]
fn unreadable_file_is_reported() {
    // A directory where a section file should be cannot be read, even by root.
    assert_failure_keeps_public(
        |s| {
            std::fs::create_dir(s.root().join("content/briefings/beta/02-notes.zh-Hant.md"))
                .unwrap()
        },
        "content/briefings/beta/02-notes.zh-Hant.md: error: cannot read this file",
    );
}

#[test]
fn invalid_utf8_and_bad_dates_are_reported() {
    assert_failure_keeps_public(
        |s| {
            std::fs::write(
                s.root().join("content/briefings/beta/01-only.zh-Hant.md"),
                b"---\ntitle: x\n---\n\n\xff\xfe\n",
            )
            .unwrap()
        },
        "content/briefings/beta/01-only.zh-Hant.md:5:1: error: this file is not valid UTF-8 text",
    );
    assert_failure_keeps_public(
        |s| {
            s.write(
                "content/briefings/beta/briefing.yaml",
                "title: { zh-Hant: 乙 }\ndate: 2024-02-30\n",
            )
        },
        "is not a valid date; write it as YYYY-MM-DD",
    );
}

#[test]
fn undefined_note_is_an_error_with_its_position() {
    assert_failure_keeps_public(
        |s| s.write("content/briefings/beta/01-only.zh-Hant.md", "---\ntitle: 唯一\n---\n\n只有中文。[^9]\n"),
        "content/briefings/beta/01-only.zh-Hant.md:5:6: error: note [^9] is referenced but never defined",
    );
}

#[test]
fn note_positions_count_entities_as_written() {
    assert_failure_keeps_public(
        |s| {
            s.write(
                "content/briefings/beta/01-only.zh-Hant.md",
                "---\ntitle: 唯一\n---\n\nAT&amp;T &amp; co &amp; x [^zz]\n",
            )
        },
        "content/briefings/beta/01-only.zh-Hant.md:5:27: error: note [^zz] is referenced but never defined",
    );
}

#[test]
fn hidden_files_in_a_theme_are_not_read() {
    let site = TempSite::fixture("basic");
    let theme = site.root().join("themes/default");
    std::fs::write(theme.join("templates/.base.html.swp"), b"\xff\xfe{% x").unwrap();
    std::fs::write(theme.join("static/.DS_Store"), b"\0\0").unwrap();
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let published: Vec<String> = walkdir::WalkDir::new(site.public())
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("DS_Store") || name.contains(".swp"))
        .collect();
    assert!(published.is_empty(), "{published:?}");
}

#[test]
fn output_dir_safety() {
    let site = TempSite::fixture("basic");
    site.write("public/keep.txt", "precious");
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr
            .contains("not empty and was not created by briefing"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.public().join("keep.txt")).unwrap(),
        "precious"
    );

    let out = site.run(&["build", "--output", "."]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.contains("contains the site itself"),
        "{}",
        out.stderr
    );

    let out = site.run(&["build", "--output", "content"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);

    let out = site.run(&["build", "--force"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(!site.public().join("keep.txt").exists());
    // Once briefing has made it, the folder is rebuilt without --force.
    assert_eq!(site.run(&["build"]).code, Some(0));
}

#[test]
fn the_output_holds_no_bookkeeping_and_the_record_is_kept_outside() {
    let site = TempSite::fixture("basic");
    let public = site.build();
    let hidden: Vec<String> = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
    let cache = site.root().join(".briefing-cache");
    assert_eq!(
        std::fs::read_to_string(cache.join(".gitignore")).unwrap(),
        "*\n"
    );
    // Without the record, the folder is someone else's.
    std::fs::remove_dir_all(&cache).unwrap();
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("was not created by briefing"));
}

/// A deploy checkout in the output (`public/.git`, GitHub Pages' gh-pages
/// branch) survives every build; nothing else the build did not write does.
#[test]
fn a_git_checkout_in_the_output_survives_a_build() {
    let site = TempSite::fixture("basic");
    let public = site.build();
    site.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    site.write("public/stale.html", "old");
    site.build();
    assert_eq!(
        std::fs::read_to_string(public.join(".git/HEAD")).unwrap(),
        "ref: refs/heads/gh-pages\n"
    );
    assert!(!public.join("stale.html").exists());
}

#[test]
fn an_output_marked_by_an_earlier_version_is_accepted_once() {
    let site = TempSite::fixture("basic");
    site.write("public/old.html", "old");
    site.write(&format!("public/{LEGACY_MARKER}"), "marker");
    assert_eq!(site.run(&["build"]).code, Some(0));
    assert!(!site.public().join(LEGACY_MARKER).exists());
    assert!(!site.public().join("old.html").exists());
    assert_eq!(site.run(&["build"]).code, Some(0), "recorded now");
}

#[test]
fn drafts_are_built_only_on_request() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/beta/briefing.yaml",
        "title: { zh-Hant: 乙簡報 }\ndate: 2024-03-05\ndraft: true\n",
    );
    site.build();
    assert!(!site.public().join("briefings/beta/index.html").exists());
    assert_eq!(site.run(&["build", "--drafts"]).code, Some(0));
    assert!(site.public().join("briefings/beta/index.html").exists());
}

#[test]
fn usage_errors_exit_2() {
    let site = TempSite::fixture("basic");
    let cases: [&[&str]; 4] = [
        &["import"],
        &["new"],
        &["check", "--format", "xml"],
        &["serve", "--port", "http"],
    ];
    for args in cases {
        let out = site.run(args);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn our_words_inside_a_foreign_note_carry_the_page_language() {
    let site = TempSite::fixture("basic");
    site.build();
    let en = site.page("en/briefings/alpha/index.html");
    assert_eq!(attrs(&en, "#fn-3", "lang"), ["zh-Hant"]);
    assert_eq!(attrs(&en, "#fn-3 .see-note", "lang"), ["en"]);
    assert_eq!(text(&en, "#fn-3 .see-note"), " (see note 1)");
    assert_eq!(attrs(&en, "#fn-3 a.backlink", "lang"), ["en"]);
    let zh = site.page("briefings/alpha/index.html");
    assert_eq!(text(&zh, "#fn-3 .see-note"), "（見註 1）");
    assert!(attrs(&zh, "#fn-3 .see-note", "lang").is_empty());
}

/// A mistake in a template that many pages use is one error, reported once
/// (review editor F19: once per page, "4 error(s)"), and a syntax error in
/// each of two templates is reported in one run (F20: only the first).
#[test]
fn template_errors_are_each_reported_once_and_all_in_one_run() {
    let site = TempSite::fixture("basic");
    let theme = |name: &str| {
        std::fs::read_to_string(site.root().join("themes/default/templates").join(name)).unwrap()
    };
    let menu = theme("partials/menu.html");
    site.write(
        "templates/partials/menu.html",
        &format!("{{{{ page.nonexistent }}}}{menu}"),
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{}", out.stderr);
    assert!(
        errors[0].starts_with("templates/partials/menu.html:1:"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("1 error(s)"), "{}", out.stderr);

    site.write(
        "templates/partials/menu.html",
        &format!("{menu}{{% endfor %}}\n"),
    );
    site.write(
        "templates/page.html",
        &format!("{}{{% if %}}\n", theme("page.html")),
    );
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    for file in ["templates/page.html:", "templates/partials/menu.html:"] {
        assert!(
            out.stderr
                .lines()
                .any(|l| l.starts_with(file) && l.contains(": error: ")),
            "{file}\n{}",
            out.stderr
        );
    }
}
