//! Keeping editions in step (issue 19), each scenario on a copy of the
//! shipped briefing: outdated translations in `check`, its JSON, `status`,
//! `build` and on the page; marking; note references missing from a
//! translation; orphan translations; the XLIFF round trip; re-imports that
//! keep editors' work.

mod common;

use common::{sel, TempSite};
use std::fs;

const SLUG: &str = "china-central-asia-influence";

fn dir() -> String {
    format!("content/briefings/{SLUG}")
}

fn read(site: &TempSite, rel: &str) -> String {
    fs::read_to_string(site.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The shipped site with every English section marked as translated from
/// the Chinese as it is.
fn marked_site() -> TempSite {
    let site = TempSite::shipped();
    let out = site.run(&["translate", "mark", SLUG, "--lang", "en"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    site
}

/// Edits the first paragraph of the Chinese introduction.
fn change_chinese_paragraph(site: &TempSite) {
    let rel = format!("{}/01-introduction.zh-Hant.md", dir());
    let text = read(site, &rel).replacen("過去論點認為", "過去論點曾認為", 1);
    site.write(&rel, &text);
}

/// The JSON objects `status --format json` prints, one per briefing and language.
fn status_rows(site: &TempSite) -> Vec<serde_json::Value> {
    let out = site.run(&["status", "--format", "json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    out.stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn section_state(rows: &[serde_json::Value], lang: &str, section: &str) -> String {
    let row = rows.iter().find(|r| r["lang"] == lang).expect("a row");
    let sections = row["sections"].as_array().expect("sections");
    let s = sections
        .iter()
        .find(|s| s["section"] == section)
        .expect("section");
    s["state"].as_str().unwrap().to_string()
}

fn outdated_notices(site: &TempSite, page: &str) -> Vec<(String, String)> {
    let doc = site.page(page);
    doc.select(&sel("section.section"))
        .filter_map(|s| {
            let notice = s.select(&sel("p.notice.outdated")).next()?;
            Some((
                s.value().attr("id").unwrap_or_default().to_string(),
                notice.text().collect(),
            ))
        })
        .collect()
}

#[test]
fn untracked_translations_are_reported_as_not_tracked_not_outdated() {
    let site = TempSite::shipped();
    let rows = status_rows(&site);
    assert_eq!(section_state(&rows, "en", "introduction"), "not_tracked");
    assert_eq!(section_state(&rows, "zh-Hant", "introduction"), "original");
    let check = site.run(&["check"]);
    assert!(
        !check.stderr.contains("may be outdated"),
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("not tracked"), "{}", check.stderr);
}

#[test]
fn a_changed_original_makes_its_translation_outdated_until_marked() {
    let site = marked_site();
    let en = format!("{}/01-introduction.en.md", dir());
    assert!(read(&site, &en).contains("\ntranslated_from: "));
    assert_eq!(
        section_state(&status_rows(&site), "en", "introduction"),
        "translated"
    );
    change_chinese_paragraph(&site);

    // check: a warning naming both files and what changed.
    let check = site.run(&["check"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    let zh = format!("{}/01-introduction.zh-Hant.md", dir());
    let warning = check
        .stderr
        .lines()
        .find(|l| l.starts_with(&format!("{en}:3:1: warning:")))
        .unwrap_or_else(|| panic!("no warning at {en}:3:\n{}", check.stderr));
    assert!(
        warning.contains(&zh) && warning.contains("1 paragraph changed"),
        "{warning}"
    );
    assert!(check
        .stderr
        .contains(&format!("translate mark {SLUG} --lang en introduction")));

    // JSON diagnostics and the status report.
    let json = site.run(&["check", "--format", "json"]);
    let diagnostics: Vec<serde_json::Value> = json
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        diagnostics.iter().any(|d| d["file"] == en.as_str()
            && d["severity"] == "warning"
            && d["message"].as_str().unwrap().contains("outdated")),
        "{}",
        json.stdout
    );
    let rows = status_rows(&site);
    assert_eq!(section_state(&rows, "en", "introduction"), "outdated");
    assert_eq!(section_state(&rows, "en", "section-2"), "translated");

    // build warns too, and the English page says so in English, only there.
    let build = site.run(&["build"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    assert!(build.stderr.contains(&format!(
        "{en}:3:1: warning: this translation may be outdated"
    )));
    let notices = outdated_notices(&site, &format!("en/briefings/{SLUG}/index.html"));
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].0, "introduction");
    assert!(
        notices[0]
            .1
            .starts_with("This translation may not reflect changes made to the original on "),
        "{}",
        notices[0].1
    );
    assert!(outdated_notices(&site, &format!("briefings/{SLUG}/index.html")).is_empty());

    // Marked again: clean everywhere.
    let out = site.run(&["translate", "mark", SLUG, "--lang", "en", "introduction"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let check = site.run(&["check"]);
    assert!(
        check.stderr.contains("0 error(s), 0 warning(s)"),
        "{}",
        check.stderr
    );
    assert_eq!(
        section_state(&status_rows(&site), "en", "introduction"),
        "translated"
    );
    site.build();
    assert!(outdated_notices(&site, &format!("en/briefings/{SLUG}/index.html")).is_empty());
}

#[test]
fn what_changed_counts_added_paragraphs_and_notes() {
    let site = marked_site();
    let zh = format!("{}/01-introduction.zh-Hant.md", dir());
    let text = read(&site, &zh) + "\n新增一段。[^new]\n\n[^new]: 新註。\n";
    site.write(&zh, &text);
    let check = site.run(&["check"]);
    assert!(
        check
            .stderr
            .contains("(1 paragraph added, note added: [^new])"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_note_dropped_from_a_translation_is_named_with_its_file() {
    let site = TempSite::shipped();
    let en = format!("{}/02-section-2.en.md", dir());
    let text = read(&site, &en);
    assert!(text.contains("[^7]"));
    site.write(&en, &text.replace("[^7]", ""));
    let check = site.run(&["check"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    let zh = format!("{}/02-section-2.zh-Hant.md", dir());
    assert!(
        check
            .stderr
            .lines()
            .any(|l| l.starts_with(&format!("{en}:"))
                && l.contains("warning: note [^7] is referenced in the original")
                && l.contains(&zh)),
        "{}",
        check.stderr
    );
    let rows = status_rows(&site);
    let en_row = rows.iter().find(|r| r["lang"] == "en").unwrap();
    assert_eq!(en_row["notes_missing"], serde_json::json!(["7"]));
}

#[test]
fn a_translation_with_no_original_is_reported_and_not_published() {
    let site = TempSite::shipped();
    let orphan = format!("{}/06-epilogue.en.md", dir());
    site.write(
        &orphan,
        "---\ntitle: Epilogue\n---\n\nA section the original does not have.\n",
    );
    let check = site.run(&["check"]);
    assert!(
        check.stderr.lines().any(|l| l.starts_with(&format!(
            "{orphan}:1:1: warning: this translation has no original"
        ))),
        "{}",
        check.stderr
    );
    site.build();
    for page in [
        format!("en/briefings/{SLUG}/index.html"),
        format!("briefings/{SLUG}/index.html"),
    ] {
        let doc = site.page(&page);
        let ids: Vec<&str> = doc
            .select(&sel("section.section"))
            .filter_map(|s| s.value().attr("id"))
            .collect();
        assert_eq!(ids.len(), 5, "{page}: {ids:?}");
        assert!(!ids.contains(&"epilogue"), "{page}");
    }
    let rows = status_rows(&site);
    let en_row = rows.iter().find(|r| r["lang"] == "en").unwrap();
    assert_eq!(en_row["orphans"], serde_json::json!([orphan]));
}

#[test]
fn marking_an_unknown_section_is_an_error_that_writes_nothing() {
    let site = TempSite::shipped();
    let before = common::snapshot(site.root());
    let out = site.run(&["translate", "mark", SLUG, "intro"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.contains("the briefing has no section \"intro\""),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nothing was written"));
    assert_eq!(common::snapshot(site.root()), before);
}

#[test]
fn an_incomplete_edition_is_held_back_when_site_yaml_says_so() {
    let site = TempSite::shipped();
    let en = format!("{}/05-conclusion.en.md", dir());
    fs::remove_file(site.root().join(&en)).unwrap();
    // Default: published, the missing section shown in the original.
    site.build();
    let page = format!("en/briefings/{SLUG}/index.html");
    let doc = site.page(&page);
    assert_eq!(doc.select(&sel("section#conclusion p.notice")).count(), 1);

    let yaml = read(&site, "site.yaml") + "incomplete_editions: {en: hold}\n";
    site.write("site.yaml", &yaml);
    site.build();
    assert!(
        !site.public().join(&page).exists(),
        "the held edition was published"
    );
    let zh = site.page(&format!("briefings/{SLUG}/index.html"));
    let hreflangs = common::attrs(&zh, "link[rel=alternate][hreflang]", "hreflang");
    assert!(!hreflangs.contains(&"en".to_string()), "{hreflangs:?}");
    let en_home = site.page("en/index.html");
    let links = common::attrs(&en_home, "main a", "href");
    assert!(links.iter().all(|h| !h.contains(SLUG)), "{links:?}");
    let sitemap = fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    assert!(
        !sitemap.contains(&format!("/en/briefings/{SLUG}/")),
        "{sitemap}"
    );
    let (_, broken) = common::check_links(&site.public(), &site.base_path());
    assert!(broken.is_empty(), "{broken:?}");
    let rows = status_rows(&site);
    let en_row = rows.iter().find(|r| r["lang"] == "en").unwrap();
    assert_eq!(en_row["published"], false);
    assert_eq!(section_state(&rows, "en", "conclusion"), "missing");
}
