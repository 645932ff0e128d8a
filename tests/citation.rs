//! "Cite this briefing" on the shipped briefing: the citations in APA 7,
//! Chicago author-date and GB/T 7714-2015 in both languages against strings
//! written by hand from each style guide; the BibTeX, RIS and CSL-JSON
//! downloads read by the `biblatex` crate and by bibtexparser, rispy and
//! jsonschema (PyPI); the page's metadata read back by extruct and an lxml
//! reader of `citation_*` tags; the copy button in Chromium.

mod common;

use common::browser::{self, serve};
use common::{attrs, report, sel, text, TempSite};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const SLUG: &str = "china-central-asia-influence";
const BASE: &str = "https://briefings.example.org/";
const ZH_PAGE: &str = "briefings/china-central-asia-influence/";
const EN_PAGE: &str = "en/briefings/china-central-asia-influence/";
const EN_TITLE: &str =
    "How China Exercises Influence over Central Asian Political Economy and Society";
const EN_INSTITUTE: &str = "Institute for National Defense and Security Research";

/// The cite section's citations of the page in `dir`, as (style id, text).
fn citations(site: &TempSite, dir: &str) -> Vec<(String, String)> {
    let doc = site.page(&format!("{dir}index.html"));
    doc.select(&sel("section#cite p.citation"))
        .map(|p| {
            let id = p.value().attr("id").unwrap_or_default();
            (
                id.trim_start_matches("cite-").to_string(),
                p.text().collect(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, String)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(id, s)| (id.to_string(), s.clone()))
        .collect()
}

/// Appends `yaml` to the shipped briefing's briefing.yaml.
fn add_to_briefing(site: &TempSite, yaml: &str) {
    let path = site
        .root()
        .join(format!("content/briefings/{SLUG}/briefing.yaml"));
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}{yaml}")).unwrap();
}

// The expected strings below were written from the style guides, not taken
// from the program:
// - APA 7 (Publication Manual §10.4, reports by a group publisher): Author,
//   initials. (Year). *Title* (Series No. 12). Publisher. URL, or
//   https://doi.org/… instead of the URL; without a number, the kind of
//   report as a description in square brackets after the title (§9.21:
//   [Defense Security Brief]). No full stop after a URL or DOI. One deviation: APA writes titles in sentence case;
//   a program cannot tell "Central Asian" (proper) from "Political Economy",
//   so the title stays as its editors capitalised it.
//   The Chinese edition follows APA's Chinese form as taught in Taiwan:
//   作者（年）。*題名*［叢書］。出版者。URL — full-width brackets and 。.
// - Chicago author-date, 18th ed. (§15.1 and reports §14.116): Family,
//   Given. Year. *Title*. Series. Publisher. URL (or DOI as a URL),
//   ending in a full stop; the 18th edition drops the place. Deviation,
//   with a report number: CMOS writes the series' number "no. 12" (or
//   bare, "Policy Brief 12"); the bundled CSL style writes "No. 12".
// - GB/T 7714-2015 (§4.1, §8.8.2 and 8.8.4): 主要責任者. 題名[R/OL]. 出版地:
//   出版者, 出版年. 獲取和訪問路徑. DOI:…; Western names surname in capitals
//   and initials without full stops (TZENG Y); half-width punctuation.
//   The bundled style gives a report number as other title information
//   (題名: 12[R/OL]), which the standard's §8.1.2 allows for a title's
//   additional information; we did not find a report-number example in it.

#[test]
fn citations_follow_each_style_guide_in_both_languages() {
    let site = TempSite::shipped();
    site.build();
    let zh_url = format!("{BASE}{ZH_PAGE}");
    assert_eq!(
        citations(&site, ZH_PAGE),
        pairs(&[
            ("apa", format!("曾怡碩（2023）。中國對中亞政經社會影響力［國防安全簡報］。財團法人國防安全研究院。{zh_url}")),
            ("chicago", format!("曾怡碩。2023。中國對中亞政經社會影響力。國防安全簡報。財團法人國防安全研究院。{zh_url}.")),
            ("gbt7714", format!("曾怡碩. 中國對中亞政經社會影響力[R/OL]. 臺北: 財團法人國防安全研究院, 2023. {zh_url}.")),
        ])
    );
    let en_url = format!("{BASE}{EN_PAGE}");
    assert_eq!(
        citations(&site, EN_PAGE),
        pairs(&[
            ("apa", format!("Tzeng, Y. (2023). {EN_TITLE} [Defense Security Brief]. {EN_INSTITUTE}. {en_url}")),
            ("chicago", format!("Tzeng, Yisuo. 2023. {EN_TITLE}. Defense Security Brief. {EN_INSTITUTE}. {en_url}.")),
            ("gbt7714", format!("TZENG Y. {EN_TITLE}[R/OL]. Taipei: {EN_INSTITUTE}, 2023. {en_url}.")),
        ])
    );
    // The title is italic on the page; the English page says it is a translation.
    let doc = site.page(&format!("{EN_PAGE}index.html"));
    assert_eq!(text(&doc, "#cite-apa i"), EN_TITLE);
    let edition = text(&doc, "#cite .cite-edition");
    assert!(edition.contains("中國對中亞政經社會影響力"), "{edition}");
    let zh = site.page(&format!("{ZH_PAGE}index.html"));
    assert!(zh.select(&sel("#cite .cite-edition")).next().is_none());
}

#[test]
fn a_doi_and_a_report_number_are_cited_as_each_style_asks() {
    let site = TempSite::shipped();
    add_to_briefing(&site, "doi: 10.5555/indsr.2023.12\nreport_number: \"12\"\n");
    site.build();
    let doi = "10.5555/indsr.2023.12";
    let en_url = format!("{BASE}{EN_PAGE}");
    assert_eq!(
        citations(&site, EN_PAGE),
        pairs(&[
            ("apa", format!("Tzeng, Y. (2023). {EN_TITLE} (Defense Security Brief No. 12). {EN_INSTITUTE}. https://doi.org/{doi}")),
            ("chicago", format!("Tzeng, Yisuo. 2023. {EN_TITLE}. Defense Security Brief No. 12. {EN_INSTITUTE}. https://doi.org/{doi}.")),
            ("gbt7714", format!("TZENG Y. {EN_TITLE}: 12[R/OL]. Taipei: {EN_INSTITUTE}, 2023. {en_url}. DOI:{doi}.")),
        ])
    );
    let doc = site.page(&format!("{EN_PAGE}index.html"));
    let meta = |name: &str| attrs(&doc, &format!("meta[name={name}]"), "content");
    assert_eq!(meta("citation_doi"), [doi]);
    assert_eq!(meta("citation_technical_report_number"), ["12"]);
}

/// Review s10 F11: a hyphenated given name, the usual romanisation of
/// Taiwanese names, is initialised part by part as APA 7 §9.8 asks and as
/// citeproc-js (Zotero) does from the same CSL-JSON, and kept whole where
/// the style writes given names in full.
#[test]
fn a_hyphenated_given_name_is_initialised_part_by_part() {
    let site = TempSite::shipped();
    let authors = site.root().join("content/authors.yaml");
    let yaml = fs::read_to_string(&authors).unwrap();
    fs::write(
        &authors,
        yaml.replace("en: Yisuo Tzeng", "en: Yi-suo Tzeng"),
    )
    .unwrap();
    let public = site.build();
    let en_url = format!("{BASE}{EN_PAGE}");
    assert_eq!(
        citations(&site, EN_PAGE),
        pairs(&[
            ("apa", format!("Tzeng, Y.-S. (2023). {EN_TITLE} [Defense Security Brief]. {EN_INSTITUTE}. {en_url}")),
            ("chicago", format!("Tzeng, Yi-suo. 2023. {EN_TITLE}. Defense Security Brief. {EN_INSTITUTE}. {en_url}.")),
            ("gbt7714", format!("TZENG Y S. {EN_TITLE}[R/OL]. Taipei: {EN_INSTITUTE}, 2023. {en_url}.")),
        ])
    );
    let bib = fs::read_to_string(public.join(format!("{EN_PAGE}{SLUG}.bib"))).unwrap();
    assert!(bib.contains("Tzeng, Yi-suo"), "{bib}");
}

#[test]
fn downloads_are_read_by_the_biblatex_crate() {
    let site = TempSite::shipped();
    let public = site.build();
    for (dir, langid, title, author) in [
        (
            ZH_PAGE,
            "chinese",
            "中國對中亞政經社會影響力",
            ("曾怡碩", ""),
        ),
        (EN_PAGE, "english", EN_TITLE, ("Tzeng", "Yisuo")),
    ] {
        let text = fs::read_to_string(public.join(format!("{dir}{SLUG}.bib"))).unwrap();
        let bib = biblatex::Bibliography::parse(&text).unwrap_or_else(|e| panic!("{dir}: {e}"));
        assert_eq!(bib.len(), 1, "{text}");
        let entry = bib.iter().next().unwrap();
        assert_eq!(entry.entry_type, biblatex::EntryType::TechReport);
        let field = |name: &str| {
            use biblatex::ChunksExt;
            entry.get(name).map(|c| c.format_verbatim())
        };
        assert_eq!(field("langid").as_deref(), Some(langid));
        assert_eq!(field("title").as_deref(), Some(title));
        let authors = entry.author().unwrap();
        assert_eq!(
            (authors[0].name.as_str(), authors[0].given_name.as_str()),
            author
        );
        let date = entry.date().unwrap();
        assert!(format!("{date:?}").contains("2023"), "{date:?}");
        let all = fs::read_to_string(
            public.join(dir.replace(&format!("briefings/{SLUG}/"), "briefings.bib")),
        )
        .unwrap();
        let all = biblatex::Bibliography::parse(&all).unwrap();
        assert!(
            all.get(&entry.key).is_some(),
            "briefings.bib lacks {}",
            entry.key
        );
    }
}

/// True when python3 has the readers `.ci/run` installs; in CI
/// (BRIEFING_REQUIRE_BROWSER=1) their absence fails the test.
fn python_readers() -> bool {
    let found = Command::new("python3")
        .args([
            "-c",
            "import bibtexparser, rispy, jsonschema, extruct, lxml",
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            !browser::required(),
            "bibtexparser, rispy, jsonschema and extruct are required (see .ci/run's pip line)"
        );
        report("\n!!!!! SKIPPED: bibtexparser, rispy, jsonschema or extruct is not installed (see .ci/run) !!!!!\n");
    }
    found
}

/// What tests/fixtures/citation/read.py read of the edition in `dir`.
fn read(public: &Path, dir: &str) -> Value {
    let script = common::repo().join("tests/fixtures/citation/read.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(public)
        .arg(dir.trim_end_matches('/'))
        .arg(SLUG)
        .arg(BASE)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "read.py failed on {dir}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("read.py prints JSON")
}

#[test]
fn downloads_are_read_by_bibtexparser_rispy_and_the_csl_json_schema() {
    if !python_readers() {
        return;
    }
    let site = TempSite::shipped();
    let public = site.build();
    for (dir, title, bib_author, ris_author, lang, langid) in [
        (
            ZH_PAGE,
            "中國對中亞政經社會影響力",
            "{曾怡碩}",
            "曾怡碩",
            "zh-Hant",
            "chinese",
        ),
        (
            EN_PAGE,
            EN_TITLE,
            "Tzeng, Yisuo",
            "Tzeng, Yisuo",
            "en",
            "english",
        ),
    ] {
        let got = read(&public, dir);
        let bib = &got["bibtex"][0];
        assert_eq!(bib["ENTRYTYPE"], "techreport", "{dir}");
        assert_eq!(bib["title"], title);
        assert_eq!(bib["author"], bib_author);
        assert_eq!(bib["langid"], langid);
        assert_eq!(bib["year"], "2023");
        assert!(got["collection"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["ID"] == bib["ID"]));
        let ris = &got["ris"][0];
        assert_eq!(ris["type_of_reference"], "RPRT");
        assert_eq!(ris["title"], title);
        assert_eq!(ris["authors"][0], ris_author);
        assert_eq!(ris["year"], "2023");
        assert_eq!(ris["language"], lang);
        assert_eq!(ris["urls"][0], format!("{BASE}{dir}"));
        // read.py validated it against the schema; the values are the edition's.
        let csl = &got["csl"][0];
        assert_eq!(csl["type"], "report");
        assert_eq!(csl["title"], title);
        assert_eq!(csl["language"], lang);
        assert_eq!(csl["issued"]["date-parts"][0][0], 2023);
    }
    // The Chinese edition's files do not carry the English abstract or keywords.
    let zh = read(&public, ZH_PAGE);
    assert!(zh["bibtex"][0].get("abstract").is_none());
    assert!(zh["ris"][0].get("abstract").is_none());
    assert!(zh["csl"][0].get("keyword").is_none());
}

/// The metadata of each edition as extruct (JSON-LD, OpenGraph) and an
/// lxml reader of the Highwire tags see it: title, authors, date, language,
/// publisher, abstract and keywords in the edition's own language.
#[test]
fn metadata_is_read_back_in_each_editions_language() {
    if !python_readers() {
        return;
    }
    let site = TempSite::shipped();
    add_to_briefing(&site, "doi: 10.5555/indsr.2023.12\n".to_string().as_str());
    let path = site
        .root()
        .join(format!("content/briefings/{SLUG}/briefing.yaml"));
    let yaml = fs::read_to_string(&path)
        .unwrap()
        .replace(
            "abstract:\n",
            "abstract:\n  zh-Hant: 中國在中亞的經貿活動常成為菁英貪腐的溫床。\n",
        )
        .replace(
            "keywords:\n",
            "keywords:\n  zh-Hant: [中國影響力, 文化外交]\n",
        );
    fs::write(&path, yaml).unwrap();
    let public = site.build();
    let editions = [
        (
            ZH_PAGE,
            "zh-Hant",
            "zh_TW",
            "en_US",
            "中國對中亞政經社會影響力",
            "曾怡碩",
            "財團法人國防安全研究院",
            "中國在中亞的經貿活動常成為菁英貪腐的溫床。",
            "中國影響力; 文化外交",
        ),
        (
            EN_PAGE,
            "en",
            "en_US",
            "zh_TW",
            EN_TITLE,
            "Yisuo Tzeng",
            EN_INSTITUTE,
            "China's economic and trade activities",
            "Chinese Influence; China in Central Asia; Cultural Diplomacy",
        ),
    ];
    for (dir, lang, locale, alternate, title, author, publisher, abstract_, keywords) in editions {
        let got = read(&public, dir);
        let ld = &got["jsonld"][0];
        assert_eq!(ld["@type"], "Report", "{dir}");
        assert_eq!(ld["name"], title);
        assert_eq!(ld["author"][0]["name"], author);
        assert_eq!(ld["author"][0]["affiliation"]["name"], publisher);
        assert_eq!(ld["datePublished"], "2023-12-01");
        assert_eq!(ld["inLanguage"], lang);
        assert_eq!(ld["publisher"]["name"], publisher);
        assert!(ld["abstract"].as_str().unwrap().starts_with(abstract_));
        assert_eq!(ld["keywords"], keywords);
        assert_eq!(ld["identifier"]["value"], "10.5555/indsr.2023.12");
        let og = &got["extruct_opengraph"][0];
        assert_eq!(og["og:title"], title);
        assert_eq!(og["og:locale"], locale);
        assert_eq!(og["og:locale:alternate"], alternate);
        assert!(og["og:description"]
            .as_str()
            .unwrap()
            .starts_with(abstract_));
        let tag = |name: &str| got["citation"][name].clone();
        assert_eq!(tag("citation_title"), serde_json::json!([title]));
        assert_eq!(tag("citation_author"), serde_json::json!([author]));
        assert_eq!(
            tag("citation_author_institution"),
            serde_json::json!([publisher])
        );
        assert_eq!(
            tag("citation_publication_date"),
            serde_json::json!(["2023/12/01"])
        );
        assert_eq!(tag("citation_language"), serde_json::json!([lang]));
        assert_eq!(tag("citation_publisher"), serde_json::json!([publisher]));
        assert_eq!(
            tag("citation_technical_report_institution"),
            serde_json::json!([publisher])
        );
        assert!(tag("citation_abstract")[0]
            .as_str()
            .unwrap()
            .starts_with(abstract_));
        assert_eq!(tag("citation_keywords"), serde_json::json!([keywords]));
        assert_eq!(
            tag("citation_doi"),
            serde_json::json!(["10.5555/indsr.2023.12"])
        );
    }
    // The editions name each other: the original its translations, the
    // translation its original.
    let zh = read(&public, ZH_PAGE);
    let en = read(&public, EN_PAGE);
    assert_eq!(
        zh["jsonld"][0]["workTranslation"][0]["@id"],
        format!("{BASE}{EN_PAGE}")
    );
    assert_eq!(
        en["jsonld"][0]["translationOfWork"]["@id"],
        format!("{BASE}{ZH_PAGE}")
    );
    assert!(en["jsonld"][0].get("workTranslation").is_none());
}

/// The shipped briefing has its abstract and keywords in English only: the
/// Chinese edition's metadata leaves them out (the page's description is the
/// site's), and the Chinese feed marks the English summary as English.
#[test]
fn the_chinese_edition_does_not_pass_english_text_off_as_chinese() {
    let site = TempSite::shipped();
    let public = site.build();
    let doc = site.page(&format!("{ZH_PAGE}index.html"));
    for name in ["citation_abstract", "citation_keywords"] {
        assert!(
            attrs(&doc, &format!("meta[name={name}]"), "content").is_empty(),
            "{name}"
        );
    }
    assert!(attrs(&doc, "meta[property='og:description']", "content").is_empty());
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        ["國防安全研究之簡報，以繁體中文與英文發布。"]
    );
    let jsonld: Value =
        serde_json::from_str(&text(&doc, "script[type='application/ld+json']")).unwrap();
    assert!(jsonld.get("abstract").is_none() && jsonld.get("keywords").is_none());
    let feed = fs::read_to_string(public.join("atom.xml")).unwrap();
    let feed = roxmltree::Document::parse(&feed).unwrap();
    let summary = feed
        .descendants()
        .find(|n| n.has_tag_name("summary"))
        .expect("the entry has a summary");
    assert_eq!(
        summary.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("en")
    );
    let sitemap = fs::read_to_string(public.join("sitemap.xml")).unwrap();
    let sitemap = roxmltree::Document::parse(&sitemap).unwrap();
    let url = sitemap
        .descendants()
        .find(|n| {
            n.has_tag_name("url")
                && n.children()
                    .any(|c| c.text() == Some(&format!("{BASE}{ZH_PAGE}")))
        })
        .expect("the briefing is in the sitemap");
    let lastmod = url.children().find(|c| c.has_tag_name("lastmod"));
    assert_eq!(lastmod.and_then(|l| l.text()), Some("2023-12-01"));
}

fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("screenshots")
}

#[test]
fn the_copy_button_works_by_keyboard_and_announces_the_copy() {
    let Some(tab) = browser::tab() else { return };
    let site = TempSite::shipped();
    let server = serve(&site.build(), &site.base_path());
    for (dir, copied) in [
        (EN_PAGE, "Citation copied to the clipboard."),
        (ZH_PAGE, "已將引用格式複製到剪貼簿。"),
    ] {
        tab.goto(&server.url(dir));
        let status = ".cite-status[role=status][aria-live=polite]";
        assert_eq!(
            tab.eval(&format!("document.querySelector('{status}').textContent")),
            ""
        );
        // Record what the page hands the Clipboard API.
        tab.eval("navigator.clipboard.writeText = (t) => { window.__copied = t; return Promise.resolve(); }");
        // From the citation's link, Tab reaches its copy button; Enter presses it.
        tab.eval("document.querySelector('#cite-apa a').focus()");
        tab.press_key("Tab");
        assert_eq!(
            tab.eval("document.activeElement.dataset.copy"),
            "cite-apa",
            "{dir}: {}",
            tab.eval("document.activeElement.outerHTML")
        );
        tab.press_key("Enter");
        tab.wait_for(&format!(
            "document.querySelector('{status}').textContent !== ''"
        ));
        assert_eq!(
            tab.eval(&format!("document.querySelector('{status}').textContent")),
            copied
        );
        assert_eq!(
            tab.eval("window.__copied"),
            tab.eval("document.getElementById('cite-apa').textContent.trim()"),
            "{dir}"
        );
        // Where the Clipboard API refuses, the text is selected and copied.
        tab.eval("navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); \
                  document.addEventListener('copy', () => { window.__selected = String(getSelection()); })");
        tab.eval("document.querySelector('#cite-gbt7714 a').focus()");
        tab.press_key("Tab");
        tab.press_key("Space");
        tab.wait_for("window.__selected !== undefined");
        assert_eq!(
            tab.eval("window.__selected.trim()"),
            tab.eval("document.getElementById('cite-gbt7714').textContent.trim()")
        );
    }
}

/// On paper the cite section is short: the first style alone, without the
/// copy buttons or the download links.
#[test]
fn the_printed_page_keeps_one_citation() {
    let Some(tab) = browser::tab() else { return };
    let site = TempSite::shipped();
    let server = serve(&site.build(), &site.base_path());
    tab.goto(&server.url(EN_PAGE));
    tab.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": "print"}),
    );
    let shown = |selector: &str| {
        tab.eval(&format!(
            "[...document.querySelectorAll('{selector}')].map(e => getComputedStyle(e).display !== 'none')"
        ))
    };
    assert_eq!(
        shown("#cite .cite-style"),
        serde_json::json!([true, false, false])
    );
    assert_eq!(
        shown("#cite .cite-copy"),
        serde_json::json!([false, false, false])
    );
    assert_eq!(shown("#cite .cite-downloads"), serde_json::json!([false]));
    tab.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": ""}),
    );
    assert_eq!(
        shown("#cite .cite-style"),
        serde_json::json!([true, true, true])
    );
}

#[test]
fn screenshots_of_the_cite_section_for_reviewers() {
    let Some(tab) = browser::tab() else { return };
    let site = TempSite::shipped();
    let server = serve(&site.build(), &site.base_path());
    for (name, dir) in [("zh-Hant", ZH_PAGE), ("en", EN_PAGE)] {
        for width in [1280, 390] {
            tab.set_viewport(width, 800);
            tab.goto(&server.url(dir));
            let path = screenshot_dir().join(format!("cite-{name}-{width}.png"));
            tab.screenshot_of("section#cite", &path);
            let png = fs::read(&path).unwrap();
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{}", path.display());
            let png_width = u32::from_be_bytes(png[16..20].try_into().unwrap());
            assert!(png_width <= width, "{}: {png_width}px wide", path.display());
            assert_eq!(
                tab.eval("document.documentElement.scrollWidth <= innerWidth"),
                true,
                "{name} {width}: the page scrolls sideways"
            );
            report(&format!("screenshot: {}", path.display()));
        }
    }
}

#[test]
fn a_doi_written_as_a_url_is_an_error_at_its_line_with_the_bare_doi_as_hint() {
    let site = TempSite::shipped();
    add_to_briefing(&site, "doi: https://doi.org/10.5555/x.12\n");
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let yaml = fs::read_to_string(
        site.root()
            .join(format!("content/briefings/{SLUG}/briefing.yaml")),
    )
    .unwrap();
    let line = yaml.lines().position(|l| l.starts_with("doi:")).unwrap() + 1;
    let at = format!("content/briefings/{SLUG}/briefing.yaml:{line}:1: error: `doi: https://doi.org/10.5555/x.12` is not a DOI");
    assert!(out.stderr.contains(&at), "{}", out.stderr);
    assert!(out.stderr.contains("`doi: 10.5555/x.12`"), "{}", out.stderr);
}
