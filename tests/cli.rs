//! `briefing new` and `briefing check`: scaffolding that loads as written,
//! refusals that leave the tree untouched, and diagnostics for editors'
//! tooling as JSON Lines.

mod common;

use common::{snapshot, TempSite};
use serde_json::Value;

#[test]
fn new_scaffolds_a_draft_that_check_and_build_accept() {
    let site = TempSite::fixture("basic");
    let out = site.run(&["new", "gamma-2024"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let dir = site.root().join("content/briefings/gamma-2024");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "01-introduction.en.md",
            "01-introduction.zh-Hant.md",
            "briefing.yaml"
        ]
    );
    let yaml = std::fs::read_to_string(dir.join("briefing.yaml")).unwrap();
    assert!(
        yaml.contains("# authors:") && yaml.contains("draft: true"),
        "{yaml}"
    );

    let check = site.run(&["check"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(check.stderr.contains("0 error(s)"), "{}", check.stderr);
    let about_it: Vec<&str> = check
        .stderr
        .lines()
        .filter(|l| l.starts_with("content/briefings/gamma-2024"))
        .collect();
    assert_eq!(
        about_it,
        Vec::<&str>::new(),
        "check passes a new draft without a warning"
    );

    site.build();
    assert!(
        !site.public().join("briefings/gamma-2024").exists(),
        "drafts stay unpublished"
    );
    assert_eq!(site.run(&["build", "--drafts"]).code, Some(0));
    let en = site.page("en/briefings/gamma-2024/index.html");
    let notes = common::attrs(&en, "a[href='#fn-1']", "href");
    assert!(
        !notes.is_empty(),
        "the translation references the original's note"
    );
}

#[test]
fn new_refuses_existing_briefings_and_unsafe_slugs() {
    let site = TempSite::fixture("basic");
    let before = snapshot(site.root());
    let out = site.run(&["new", "alpha"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("already exists"), "{}", out.stderr);
    for slug in [
        "../evil", "Bad", "a/b", "a_b", "中文", "-x", "x-", "a\\b", "",
    ] {
        let out = site.run(&["new", "--", slug]);
        assert_ne!(out.code, Some(0), "{slug:?} was accepted");
        assert!(
            out.stderr.contains("cannot be used"),
            "{slug:?}: {}",
            out.stderr
        );
    }
    assert_eq!(snapshot(site.root()), before, "nothing may be written");
    assert!(!site.root().join("evil").exists());
}

/// Parses stdout as JSON Lines, failing on anything else.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
        .collect()
}

#[test]
fn check_json_prints_one_object_per_diagnostic() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/beta/01-only.zh-Hant.md",
        "---\ntitle: 唯一\n---\n\n只有中文。[^9]\n\n[^8]: 沒有引用。\n",
    );
    let out = site.run(&["check", "--format", "json"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let lines = json_lines(&out.stdout);
    let beta: Vec<&Value> = lines
        .iter()
        .filter(|d| d["file"] == "content/briefings/beta/01-only.zh-Hant.md")
        .collect();
    assert_eq!(beta.len(), 2, "{}", out.stdout);
    let error = beta.iter().find(|d| d["severity"] == "error").unwrap();
    assert_eq!(error["file"], "content/briefings/beta/01-only.zh-Hant.md");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(5), Some(6))
    );
    assert_eq!(
        (error["end_line"].as_u64(), error["end_column"].as_u64()),
        (Some(5), Some(10)),
        "the span covers the whole `[^9]`"
    );
    assert_eq!(error["source"], "只有中文。[^9]");
    assert!(error["message"].as_str().unwrap().contains("[^9]"));
    assert!(error["hint"].is_string());
    let warning = beta.iter().find(|d| d["severity"] == "warning").unwrap();
    assert_eq!(warning["line"].as_u64(), Some(7));
    assert_eq!(warning["source"], "[^8]: 沒有引用。");
    let warnings = lines.iter().filter(|d| d["severity"] == "warning").count();
    let summary = format!("1 error(s), {warnings} warning(s)");
    assert!(out.stderr.contains(&summary), "{summary}: {}", out.stderr);
    assert!(!site.public().exists(), "check writes nothing");

    site.write(
        "content/briefings/beta/01-only.zh-Hant.md",
        "---\ntitle: 唯一\n---\n\n只有中文。\n\n[^8]: 沒有引用。\n",
    );
    let out = site.run(&["check", "--format", "json"]);
    assert_eq!(out.code, Some(0), "warnings alone pass: {}", out.stderr);
    let lines = json_lines(&out.stdout);
    assert!(
        lines.iter().all(|d| d["severity"] == "warning"),
        "{}",
        out.stdout
    );
    assert!(lines
        .iter()
        .any(|d| d["message"] == "note [^8] is never referenced"));
}

#[test]
fn check_human_prints_positions_and_hints() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/alpha/02-trade.en.md",
        "---\ntitle: Trade\ntitel: x\n---\n\nText.\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr
            .contains("content/briefings/alpha/02-trade.en.md:3:1: error: unknown field \"titel\"")
            && out.stderr.contains("hint: did you mean \"title\"?")
            && out.stderr.contains("1 error(s), 0 warning(s)"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_human_shows_code_frames_with_wide_characters_aligned() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/beta/01-only.zh-Hant.md",
        "---\ntitle: 唯一\n---\n\n只有中文[^9]。\r\n\n[^8]: 沒有\u{1b}[2J引用。\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let beta: String = out
        .stderr
        .split_inclusive('\n')
        .skip_while(|l| !l.starts_with("content/briefings/beta/"))
        .take_while(|l| {
            l.starts_with("content/briefings/beta/")
                || l.starts_with(' ')
                || l.starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    assert_eq!(
        beta,
        "\
content/briefings/beta/01-only.zh-Hant.md:5:5: error: note [^9] is referenced but never defined
  |
5 | 只有中文[^9]。
  |         ^^^^
  |
  = hint: add a line `[^9]: …` to a section of this briefing, or correct the label
content/briefings/beta/01-only.zh-Hant.md:7:1: warning: note [^8] is never referenced
  |
7 | [^8]: 沒有\u{241b}[2J引用。
  | ^^^^
  |
  = hint: reference it with [^8] in the text, or delete it
",
        "the escape character is shown, not sent to the terminal"
    );
}

/// `briefing check` on a terminal (util-linux `script` gives it one), with
/// `NO_COLOR` set to `no_color` or removed; what the terminal received.
fn check_on_a_terminal(site: &TempSite, no_color: Option<&str>) -> String {
    let command = format!(
        "{} --root {} check",
        env!("CARGO_BIN_EXE_briefing"),
        site.root().display()
    );
    let mut script = std::process::Command::new("script");
    script.args(["-qec", &command, "/dev/null"]);
    match no_color {
        Some(value) => script.env("NO_COLOR", value),
        None => script.env_remove("NO_COLOR"),
    };
    let out = script.output().expect("run script(1)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn frames_are_coloured_only_on_a_terminal_without_no_color() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/beta/01-only.zh-Hant.md",
        "---\ntitle: 唯一\n---\n\n只有中文[^9]。\n",
    );
    let coloured = check_on_a_terminal(&site, None);
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    assert!(coloured.contains("[^9]"), "{coloured}");
    let empty_is_unset = check_on_a_terminal(&site, Some(""));
    assert!(empty_is_unset.contains("\u{1b}["), "{empty_is_unset}");
    let plain = check_on_a_terminal(&site, Some("1"));
    assert!(
        plain.contains("5 | 只有中文[^9]") && !plain.contains('\u{1b}'),
        "{plain}"
    );
    let piped = site.run(&["check"]).stderr;
    assert!(
        piped.contains("5 | 只有中文[^9]") && !piped.contains('\u{1b}'),
        "{piped}"
    );
}

#[test]
fn check_prints_the_translation_status_table() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/alpha/02-trade.en.md",
        "---\ntitle: Trade\n---\n\nTrade grew.[^3]\n\n[^3]: An English text for note 3.\n",
    );
    site.write(
        "content/briefings/beta/briefing.yaml",
        "title: { zh-Hant: 乙簡報 }\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let table: Vec<Vec<&str>> = out
        .stderr
        .lines()
        .skip_while(|l| !l.starts_with("translation status"))
        .skip(2)
        .take_while(|l| !l.is_empty() && !l.contains("error(s)"))
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(
        table,
        [
            vec![
                "alpha",
                "zh-Hant",
                "2/2",
                "—",
                "—",
                "—",
                "—",
                "0",
                "keywords, abstract"
            ],
            vec![
                "alpha",
                "en",
                "2/2",
                "—",
                "introduction, trade",
                "—",
                "—",
                "1",
                "bio"
            ],
            vec!["beta", "zh-Hant", "1/1", "—", "—", "—", "—", "0", "—"],
            vec!["beta", "en", "0/1", "—", "—", "only", "—", "0", "title"],
        ],
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "content/briefings/beta/briefing.yaml:1:1: warning: this briefing has no date"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn check_verbose_lists_short_form_citations() {
    let site = TempSite::shipped();
    let out = site.run(&["check", "--verbose"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let pairs: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("in short form"))
        .map(str::trim)
        .collect();
    assert_eq!(pairs.len(), 13, "{}", out.stderr);
    assert_eq!(
        pairs[0],
        "content/briefings/china-central-asia-influence/02-section-2.zh-Hant.md:23:1: \
         note [^7] (7) repeats note [^5] (5) in short form"
    );
    assert!(
        site.run(&["check"])
            .stderr
            .lines()
            .all(|l| !l.contains("in short form")),
        "only with --verbose"
    );
}

/// Each diagnostic of `check --format json` as "file:line:col: severity: message".
fn json_positions(site: &TempSite) -> Vec<String> {
    let out = site.run(&["check", "--format", "json"]);
    json_lines(&out.stdout)
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}: {}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn check_reports_every_unknown_field_of_a_file_in_one_run() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/beta/briefing.yaml",
        "titel: { zh-Hant: 乙簡報 }\nauthors:\n  - nmae: { en: A }\ndate: 2024-03-05\nkeywrods: { en: [x] }\n",
    );
    site.write(
        "content/briefings/alpha/02-trade.zh-Hant.md",
        "---\ntitle: 貿易\ndraf: true\n---\n\n正文。\n",
    );
    assert_eq!(
        json_positions(&site),
        [
            "content/briefings/alpha/02-trade.zh-Hant.md:3:1: error: unknown field \"draf\" in front matter",
            "content/briefings/beta/briefing.yaml:1:1: error: unknown field \"titel\" in briefing.yaml",
            "content/briefings/beta/briefing.yaml:3:5: error: unknown field \"nmae\" in briefing.yaml",
            "content/briefings/beta/briefing.yaml:5:1: error: unknown field \"keywrods\" in briefing.yaml",
        ]
    );
}

#[test]
fn check_reports_a_bad_date_at_the_date() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/beta/briefing.yaml",
        "title: { zh-Hant: 乙簡報 }\ndate: 2024-02-30\n",
    );
    assert_eq!(
        json_positions(&site),
        ["content/briefings/beta/briefing.yaml:2:7: error: \"2024-02-30\" is not a valid date; write it as YYYY-MM-DD, e.g. 2023-12-01 in briefing.yaml"]
    );
}

#[test]
fn new_dates_the_briefing_today_or_as_given() {
    let site = TempSite::fixture("basic");
    assert_eq!(
        site.run(&["new", "dated", "--date", "2024-02-29"]).code,
        Some(0)
    );
    let yaml = std::fs::read_to_string(site.root().join("content/briefings/dated/briefing.yaml"));
    assert!(yaml.unwrap().contains("\ndate: 2024-02-29 "));

    assert_eq!(site.run(&["new", "today"]).code, Some(0));
    let yaml = std::fs::read_to_string(site.root().join("content/briefings/today/briefing.yaml"));
    let today = briefing::content::model::Date::today().to_string();
    assert!(yaml.unwrap().contains(&format!("\ndate: {today} ")));

    let bad = site.run(&["new", "bad", "--date", "2023-02-29"]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
    assert!(!site.root().join("content/briefings/bad").exists());
}

#[test]
fn import_proposes_the_slug_from_the_english_title() {
    let site = TempSite::fixture("basic");
    let paper = site.root().join("paper-2023.txt");
    std::fs::copy(
        common::repo().join("tests/fixtures/papers/english.txt"),
        &paper,
    )
    .unwrap();
    let paper = paper.to_str().unwrap();
    let out = site.run(&["import", paper, "--date", "2023-05-01"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let dir = site
        .root()
        .join("content/briefings/digital-silk-road-in-central-asia");
    assert!(dir.join("briefing.yaml").is_file(), "{}", out.stderr);
    assert!(!site.root().join("content/briefings/paper-2023").exists());
}

#[test]
fn check_prints_warnings_and_the_status_table_together_with_errors() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/alpha/02-trade.zh-Hant.md",
        "---\ntitle: 貿易\ndraf: true\n---\n\n正文。\n",
    );
    site.write(
        "content/briefings/beta/01-only.zh-Hant.md",
        "---\ntitle: 唯一\n---\n\n只有中文。\n\n[^8]: 沒有引用。\n",
    );
    assert_eq!(
        json_positions(&site),
        [
            "content/briefings/alpha/02-trade.zh-Hant.md:3:1: error: unknown field \"draf\" in front matter",
            "content/briefings/beta/01-only.zh-Hant.md:7:1: warning: note [^8] is never referenced",
        ]
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let table = "\ntranslation status:\n\
                 briefing  language  sections  outdated  not tracked  missing  notes missing  notes overridden  metadata missing\n\
                 beta      zh-Hant   1/1       —         —            —        —              0                 —\n\
                 beta      en        0/1       —         —            only     —              0                 title\n\
                 1 error(s), 1 warning(s)\n";
    assert!(out.stderr.ends_with(table), "{}", out.stderr);

    let build = site.run(&["build"]);
    assert_eq!(build.code, Some(1), "{}", build.stderr);
    for place in [
        "content/briefings/alpha/02-trade.zh-Hant.md:3:1",
        "content/briefings/beta/01-only.zh-Hant.md:7:1",
    ] {
        assert!(build.stderr.contains(place), "{place}: {}", build.stderr);
    }
    assert!(
        !site.public().exists(),
        "a build with errors writes nothing"
    );
}

#[test]
fn check_reports_an_unknown_see_also_id_at_the_id() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/glossary.yaml",
        "- id: silk-road\n  en: { term: Silk Road, definition: A road. }\n  see_also:\n    - silk-road\n    - belt-road\n- id: belt-and-road-initiative\n  en: { term: BRI, definition: An initiative. }\n  see_also: [silk-road, silk-roads]\n",
    );
    let found = json_positions(&site);
    let see_also: Vec<&String> = found.iter().filter(|d| d.contains("see_also")).collect();
    assert_eq!(
        see_also,
        [
            "content/glossary.yaml:5:7: error: glossary entry \"silk-road\" has see_also \"belt-road\", which is no entry",
            "content/glossary.yaml:8:25: error: glossary entry \"belt-and-road-initiative\" has see_also \"silk-roads\", which is no entry",
        ]
    );
}

#[test]
fn check_reports_every_unknown_field_of_the_glossary_in_one_run() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/glossary.yaml",
        "- id: belt-and-road-initiative\n  zh-Hant: { term: 帶路倡議, alias: [一帶一路], definition: 倡議。 }\n  en: { term: BRI, defintion: An initiative. }\n  se_also: []\n",
    );
    assert_eq!(
        json_positions(&site),
        [
            "content/glossary.yaml:2:26: error: unknown field \"alias\" in the glossary",
            "content/glossary.yaml:3:20: error: unknown field \"defintion\" in the glossary",
            "content/glossary.yaml:4:3: error: unknown field \"se_also\" in the glossary",
        ]
    );
}

#[test]
fn check_reports_languages_of_briefing_yaml_at_their_keys() {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/beta/briefing.yaml",
        "title: { zh-Hant: 乙簡報, zh-Hans: 乙简报 }\ndate: 2024-03-05\nabstract:\n  zh-Hant: 摘要。\n  eng: Abstract.\n",
    );
    assert_eq!(
        json_positions(&site),
        [
            "content/briefings/beta/briefing.yaml:1:24: error: \"zh-Hans\" is not one of the site's languages",
            "content/briefings/beta/briefing.yaml:5:3: error: \"eng\" is not one of the site's languages",
        ]
    );
}

#[test]
fn check_reports_site_yaml_values_at_the_value() {
    let site = TempSite::fixture("basic");
    let text = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let base_url = text.lines().find(|l| l.starts_with("base_url:")).unwrap();
    site.write(
        "site.yaml",
        &text.replace(base_url, "base_url:   example.org/portal/"),
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("base_url:"))
        .unwrap()
        + 1;
    assert_eq!(
        json_positions(&site),
        [format!(
            "site.yaml:{line}:13: error: `base_url` \"example.org/portal/\" is not an absolute http(s) URL"
        )]
    );
}

/// An author entry left `draft: true` (as `import` proposes it) that a
/// published briefing names is a warning at the id, like a draft glossary
/// entry: its byline is not linked and it has no page (review editor F1:
/// `check` said nothing). A draft briefing may name it.
#[test]
fn check_warns_of_a_draft_author_a_published_briefing_names() {
    let site = TempSite::shipped();
    let authors = std::fs::read_to_string(site.root().join("content/authors.yaml")).unwrap();
    site.write(
        "content/authors.yaml",
        &authors.replace("- id: tzeng-yisuo\n", "- id: tzeng-yisuo\n  draft: true\n"),
    );
    let meta = "content/briefings/china-central-asia-influence/briefing.yaml";
    assert_eq!(
        json_positions(&site),
        [format!("{meta}:4:11: warning: the author \"tzeng-yisuo\" is a draft in content/authors.yaml: not published, so the byline does not link to an author page")]
    );
    let yaml = std::fs::read_to_string(site.root().join(meta)).unwrap();
    site.write(meta, &format!("{yaml}draft: true\n"));
    assert_eq!(json_positions(&site), Vec::<String>::new());
}

const SHIPPED: &str = "content/briefings/china-central-asia-influence";

/// Adds `paragraph` at the start of the body of the Markdown file `rel`;
/// returns the file's text as it was.
fn prepend(site: &TempSite, rel: &str, paragraph: &str) -> String {
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    site.write(
        rel,
        &text.replacen("\n---\n", &format!("\n---\n\n{paragraph}\n"), 1),
    );
    text
}

/// An error in a briefing's section does not hide the pages' errors, nor
/// an error in a page the glossary's warnings: one run reports every
/// problem (review editor F4: each was shown only once the other was fixed).
#[test]
fn check_reports_sections_pages_and_glossary_together() {
    let site = TempSite::shipped();
    let section = format!("{SHIPPED}/02-section-2.zh-Hant.md");
    let before = prepend(&site, &section, "見[^99]。");
    prepend(
        &site,
        "content/pages/about.en.md",
        "See [x](@/pages/nonexistent).",
    );
    let glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap();
    let draft = "- id: zz-draft\n  draft: true\n  en: { term: Zeta Draft, definition: '' }\n";
    site.write("content/glossary.yaml", &format!("{glossary}\n{draft}"));
    let page_error =
        "content/pages/about.en.md:6:5: error: `@/pages/nonexistent` names no page of the site";
    let warning = "warning: glossary entry \"zz-draft\" is a draft";
    let found = json_positions(&site);
    let expected = [
        format!("{section}:5:2: error: note [^99] is referenced but never defined"),
        page_error.to_string(),
        warning.to_string(),
    ];
    for e in &expected {
        assert!(
            found.iter().any(|f| f.contains(e.as_str())),
            "{e} in {found:#?}"
        );
    }
    assert_eq!(found.len(), 3, "{found:#?}");

    site.write(&section, &before);
    let found = json_positions(&site);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains(page_error) && found[1].contains(warning),
        "{found:#?}"
    );
}

/// One load error does not hide the rest (review editor F7: eight mistakes
/// took four rounds): a briefing whose briefing.yaml has an error still has
/// its sections checked, its ids are checked against the file of
/// topics.yaml and authors.yaml that loads, and a link to it is no error
/// (it exists); a YAML error on the last line is shown on that line (F8).
#[test]
fn check_reports_every_load_error_and_what_they_used_to_hide() {
    let site = TempSite::shipped();
    let topics = std::fs::read_to_string(site.root().join("content/topics.yaml")).unwrap();
    let last = topics.lines().count();
    site.write(
        "content/topics.yaml",
        &format!(
            "{topics}- id: infrastructure\n  name: {{ zh-Hant: 基礎設施, en: Infrastructure \n"
        ),
    );
    let meta = format!("{SHIPPED}/briefing.yaml");
    let yaml = std::fs::read_to_string(site.root().join(&meta)).unwrap();
    let yaml = yaml.replace("authors: [tzeng-yisuo]", "authors: [tzeng-yisou]");
    site.write(&meta, &format!("{yaml}pdf: paper-v2.pdf\n"));
    let pdf_line = yaml.lines().count() + 1;
    let section = format!("{SHIPPED}/03-section-3.zh-Hant.md");
    prepend(
        &site,
        &section,
        "見[^61]與[前文](@/briefings/china-central-asia-influenc#section-2)。",
    );
    prepend(
        &site,
        "content/pages/about.en.md",
        &format!(
            "See [it](@/briefings/{}).",
            SHIPPED.rsplit('/').next().unwrap()
        ),
    );
    assert_eq!(
        site.run(&["new", "second", "--date", "2025-02-28"]).code,
        Some(0)
    );
    let second = "content/briefings/second";
    let yaml =
        std::fs::read_to_string(site.root().join(format!("{second}/briefing.yaml"))).unwrap();
    site.write(
        &format!("{second}/briefing.yaml"),
        &yaml.replace("2025-02-28", "2025-02-30"),
    );
    let intro = prepend(
        &site,
        &format!("{second}/01-introduction.zh-Hant.md"),
        "見[^7]。",
    );
    let note_line = intro.lines().skip(1).position(|l| l == "---").unwrap() + 4;
    let date_line = yaml.lines().position(|l| l.starts_with("date:")).unwrap() + 1;

    let found = json_positions(&site);
    let expected = [
        format!("{second}/01-introduction.zh-Hant.md:{note_line}:2: error: note [^7] is referenced but never defined"),
        format!("{second}/briefing.yaml:{date_line}:7: error: \"2025-02-30\" is not a valid date"),
        format!("{SHIPPED}/03-section-3.zh-Hant.md:5:2: error: note [^61] is referenced but never defined"),
        format!("{SHIPPED}/03-section-3.zh-Hant.md:5:8: error: `@/briefings/china-central-asia-influenc#section-2` names no page of the site"),
        format!("{meta}:4:11: error: there is no author \"tzeng-yisou\" in content/authors.yaml"),
        format!("{meta}:{pdf_line}:1: error: `pdf: paper-v2.pdf` names no file of this briefing's folder"),
        format!("content/topics.yaml:{}:44: error: this is not valid YAML", last + 2),
    ];
    let mut found_sorted = found.clone();
    found_sorted.sort();
    assert_eq!(found.len(), expected.len(), "{found_sorted:#?}");
    for e in &expected {
        assert!(
            found.iter().any(|f| f.starts_with(e.as_str())),
            "{e} in {found_sorted:#?}"
        );
    }
}

/// A misspelt `theme:` is an error at its value with a "did you mean"
/// (review editor F18: no line, no column, no suggestion).
#[test]
fn check_reports_a_misspelt_theme_at_the_value() {
    let site = TempSite::fixture("basic");
    let text = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{text}theme: defualt\n"));
    let line = text.lines().count() + 1;
    assert_eq!(
        json_positions(&site),
        [format!(
            "site.yaml:{line}:8: error: the theme \"defualt\" does not exist"
        )]
    );
    let out = site.run(&["check"]);
    assert!(
        out.stderr.contains("did you mean `default`?"),
        "{}",
        out.stderr
    );
}
