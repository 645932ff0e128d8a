//! Bad input never panics and always gets a clear diagnostic: property tests
//! over the Markdown/notes pipeline and the YAML model, plus the hostile
//! files an editor's disk may hold.

mod common;

use briefing::content::model::{BriefingMeta, GlossaryEntry, SectionFront, SiteConfig};
use briefing::markdown;
use briefing::notes::{NoteLabels, NoteRenderer, NoteSource, NoteTable};
use common::TempSite;
use proptest::prelude::*;
use std::path::Path;

fn labels() -> NoteLabels {
    NoteLabels {
        reference: "Note {n}".into(),
        backlink: "Back {n}".into(),
        see_note: "(see {n})".into(),
        see_notes: "(see {n})".into(),
        separator: ", ".into(),
    }
}

/// Markdown-ish text: CJK, notes syntax, brackets, quotes and line breaks.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "中文",
        "，",
        "。",
        "〈",
        "〉",
        "《",
        "》",
        "“",
        "”",
        "\"",
        "[^",
        "]",
        "]:",
        "[^1]",
        "[^1]: ",
        "[^a]",
        "\n",
        "\n\n",
        " ",
        "*",
        "_",
        "`",
        "<",
        ">",
        "https://x.example/",
        "#",
        "### ",
        "{#",
        "}",
        "|",
        "---",
        "- ",
        "1. ",
        "\\",
        "&",
        "Ibid.",
        "同上註",
        "2023",
        ":",
        "\t",
        "\u{feff}",
        "\r\n",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_string), "[a-zA-Z0-9 ]{0,8}"],
        0..60,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn markdown_and_notes_never_panic(zh in markdownish(), en in markdownish()) {
        let zh_events = markdown::parse(&zh);
        let en_events = markdown::parse(&en);
        let sources = [
            NoteSource::new(Path::new("a.zh-Hant.md"), "zh-Hant", &zh, 4, zh_events),
            NoteSource::new(Path::new("a.en.md"), "en", &en, 4, en_events),
        ];
        let (table, diagnostics) = NoteTable::resolve(&sources);
        for d in &diagnostics {
            prop_assert!(d.line >= 4 && d.column >= 1, "{d}");
        }
        let languages = ["zh-Hant".to_string(), "en".to_string()];
        for (source, lang) in sources.iter().zip(["zh-Hant", "en"]) {
            let mut renderer = NoteRenderer::new(&table, (lang, "zh-Hant"), &languages, labels());
            let events = renderer.rewrite(source.body.iter().map(|(e, _)| e.clone()));
            let _ = markdown::to_html(events.into_iter());
            let _ = renderer.endnotes();
            let _ = renderer.references();
        }
    }

    #[test]
    fn yaml_models_never_panic(text in "[a-z:\\-\\[\\]{}, \n\"'#0-9中]{0,120}") {
        let file = Path::new("x.yaml");
        let _ = briefing::yaml::parse::<SiteConfig>(&text, file, 1, "site.yaml");
        let _ = briefing::yaml::parse::<BriefingMeta>(&text, file, 1, "briefing.yaml");
        let _ = briefing::yaml::parse::<Vec<GlossaryEntry>>(&text, file, 1, "the glossary");
        if let Err(d) = briefing::yaml::parse::<SectionFront>(&text, file, 2, "front matter") {
            prop_assert!(d.line >= 2, "{d}");
        }
    }

    #[test]
    fn short_form_and_source_detection_never_panic(texts in prop::collection::vec(markdownish(), 0..8)) {
        let citations = briefing::notes::NoteCitations::new(&texts);
        let links = citations.short_forms();
        for sources in citations.sources(&links) {
            prop_assert!(sources.notes.windows(2).all(|w| w[0] < w[1]), "notes ascend");
        }
        for (note, targets) in links {
            prop_assert!(targets.iter().all(|t| *t < note), "a short form points back");
        }
    }
}

fn expect_error(site: &TempSite, expected: &str) {
    expect_error_from(site, "build", expected);
}

/// Runs `command` and expects it to fail with `expected` among its diagnostics.
fn expect_error_from(site: &TempSite, command: &str, expected: &str) {
    let out = site.run(&[command]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains(expected),
        "expected {expected:?} in:\n{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn empty_files_get_diagnostics() {
    let site = TempSite::fixture("basic");
    site.write("content/briefings/beta/01-only.zh-Hant.md", "");
    expect_error(&site, "content/briefings/beta/01-only.zh-Hant.md:1:1: error: this section file has no front matter");
    let site = TempSite::fixture("basic");
    site.write("content/briefings/beta/briefing.yaml", "");
    expect_error(&site, "content/briefings/beta/briefing.yaml");
}

#[test]
fn file_and_folder_names_with_spaces_or_cjk_get_diagnostics() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/beta/02 my notes.en.md",
        "---\ntitle: x\n---\n",
    );
    expect_error(&site, "\"02 my notes.en.md\" is not a section file name");
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/beta/02-貿易.zh-Hant.md",
        "---\ntitle: x\n---\n",
    );
    expect_error(&site, "\"02-貿易.zh-Hant.md\" is not a section file name");
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/中文 簡報/briefing.yaml",
        "title: { zh-Hant: x }\n",
    );
    expect_error(
        &site,
        "the folder name \"中文 簡報\" cannot be used in a URL",
    );
}

#[test]
fn a_symlink_out_of_content_is_refused() {
    let site = TempSite::fixture("basic");
    let outside = site.root().join("secret.md");
    std::fs::write(&outside, "---\ntitle: secret\n---\n\nsecret\n").unwrap();
    std::os::unix::fs::symlink(
        &outside,
        site.root()
            .join("content/briefings/beta/02-secret.zh-Hant.md"),
    )
    .unwrap();
    expect_error(&site, "content/briefings/beta/02-secret.zh-Hant.md: error: this symbolic link points outside content/");
}

#[test]
fn a_ten_megabyte_section_builds() {
    let site = TempSite::fixture("basic");
    let paragraph = "中國在中亞的影響力逐漸擴大，這是一段很長的測試文字。".repeat(40);
    let body: String = std::iter::repeat_n(
        format!("{paragraph}\n\n"),
        10 * 1024 * 1024 / (paragraph.len() + 2) + 1,
    )
    .collect();
    site.write(
        "content/briefings/beta/02-long.zh-Hant.md",
        &format!("---\ntitle: 長\n---\n\n{body}"),
    );
    // Without the search index: Pagefind over 10 MB in a debug build takes
    // minutes (tests/search.rs covers the index); the pages are the point.
    let out = site.run(&["build", "--no-search"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let public = site.public();
    let size = std::fs::metadata(public.join("briefings/beta/index.html"))
        .unwrap()
        .len();
    assert!(
        size > 10_000_000,
        "the page holds the whole section ({size} bytes)"
    );
}

/// The names in `dir`, to see that a failed build leaves nothing behind.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn deep_nesting_is_a_diagnostic_not_a_crash() {
    let deep = ">".repeat(3000);
    let cases = [
        (
            "content/briefings/beta/02-deep.zh-Hant.md",
            format!("---\ntitle: 深\n---\n\n引言。\n\n{deep} 深\n"),
            "content/briefings/beta/02-deep.zh-Hant.md:7:101: error: this text is nested more than 100 levels deep",
        ),
        (
            "content/briefings/beta/02-deep.zh-Hant.md",
            format!("---\ntitle: 深\n---\n\n{}深\n", "<div>".repeat(3000)),
            "content/briefings/beta/02-deep.zh-Hant.md:5:501: error: this text is nested more than 100 levels deep",
        ),
        (
            "content/briefings/beta/briefing.yaml",
            format!("title: {{ zh-Hant: 乙 }}\ndate: 2023-11-01\nabstract:\n  zh-Hant: \"{deep} 深\"\n"),
            "content/briefings/beta/briefing.yaml:4:13: error: this text is nested more than 100 levels deep",
        ),
    ];
    for (file, text, expected) in cases {
        let site = TempSite::fixture("basic");
        let before = names(site.root());
        site.write(file, &text);
        expect_error_from(&site, "check", expected);
        expect_error(&site, expected);
        let mut after = names(site.root());
        // The build's lock file is in the cache folder, ignored by git.
        after.retain(|name| name != ".briefing-cache");
        assert_eq!(after, before, "no output, no staging folder");
    }
}

#[test]
fn deeply_nested_yaml_is_a_diagnostic() {
    let deep = format!("{}x{}", "[".repeat(3_000), "]".repeat(3_000));
    for (file, text) in [
        ("site.yaml", format!("title: {deep}\n")),
        ("content/glossary.yaml", format!("- id: a\n  en: {deep}\n")),
        (
            "content/briefings/beta/briefing.yaml",
            format!("title: {{ zh-Hant: 乙 }}\nkeywords: {{ zh-Hant: {deep} }}\n"),
        ),
        (
            "content/briefings/beta/01-only.zh-Hant.md",
            format!("---\ntitle: {deep}\n---\n\n文。\n"),
        ),
    ] {
        let site = TempSite::fixture("basic");
        site.write(file, &text);
        expect_error_from(&site, "check", &format!("{file}:"));
    }
}

/// A byte-order mark at the start of a YAML or Markdown file (Windows
/// Notepad's "UTF-8 with BOM") is dropped by every reader alike: the site
/// checks clean and builds the same pages, and a diagnostic in such a file
/// is at the place it has without the mark (review attacker F2: a BOM on
/// briefing.yaml was "more than one document").
#[test]
fn a_byte_order_mark_is_ignored_in_every_yaml_and_markdown_file() {
    let site = TempSite::shipped();
    let plain = common::snapshot(&site.build());
    let inputs: Vec<_> = walkdir::WalkDir::new(site.root())
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| !p.starts_with(site.public()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "md"))
        .collect();
    assert!(inputs.len() > 15, "{inputs:?}");
    for path in &inputs {
        let text = std::fs::read(path).unwrap();
        std::fs::write(path, [b"\xef\xbb\xbf".as_slice(), &text].concat()).unwrap();
    }
    let check = site.run(&["check"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(
        check.stderr.contains("0 error(s), 0 warning(s)"),
        "{}",
        check.stderr
    );
    assert_eq!(common::snapshot(&site.build()), plain, "the same pages");

    let meta = site
        .root()
        .join("content/briefings/china-central-asia-influence/briefing.yaml");
    let yaml = std::fs::read_to_string(&meta).unwrap();
    let date = yaml.lines().position(|l| l.starts_with("date:")).unwrap();
    let mut lines: Vec<&str> = yaml.lines().collect();
    lines[date] = "date: 2024-02-30";
    std::fs::write(&meta, lines.join("\n")).unwrap();
    let expected = format!(
        "briefing.yaml:{}:7: error: \"2024-02-30\" is not a valid date",
        date + 1
    );
    expect_error_from(&site, "check", &expected);
}
