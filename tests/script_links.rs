//! Markdown links and images go only to http(s), mailto, relative and
//! #fragment URLs: a `javascript:`, `vbscript:` or `data:` link in an
//! abstract, a bio, a glossary definition, a note or a section is shown as
//! its text and reported by `check`; raw HTML in sections is kept, but
//! `check` warns about its script URLs and event handlers.

mod common;

use common::browser::{self, serve};
use common::{html_pages, sel, TempSite};

/// The basic fixture with a script link in every kind of content Markdown.
fn site_with_script_links() -> TempSite {
    let site = TempSite::fixture("basic");
    site.write(
        "content/briefings/alpha/briefing.yaml",
        "title: { zh-Hant: 甲簡報, en: Alpha Briefing }\nauthors:\n  - name: { en: Hsiao-ming Wang }\n    bio: { en: \"Bio [b](vbscript:msgbox(1))\" }\ndate: 2023-12-01\nabstract: { en: \"Abstract [x](javascript:alert(1)) <javascript:alert(2)>\" }\n",
    );
    site.write(
        "content/briefings/alpha/01-introduction.en.md",
        "---\ntitle: Introduction\n---\n\nText [s](javascript:alert(3)) and ![i](JavaScript:alert(4)).[^1]\n\n[^1]: Note [n](data:text/html,x).\n\n<a href=\"javascript:alert(5)\">raw</a> <span onmouseover=\"x()\">h</span> [ok](https://example.org/)\n",
    );
    site.write(
        "content/glossary.yaml",
        "- id: js-entry\n  en:\n    term: Payload\n    definition: \"Def [run](javascript:document.title='pwned')\"\n  zh-Hant: { term: 酬載, definition: 定義 }\n",
    );
    site
}

/// The URL schemes a content link may have.
fn allowed(url: &str) -> bool {
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let scheme_end = url.find([':', '/', '?', '#']);
    scheme_end.is_none_or(|i| !url[i..].starts_with(':'))
        || matches!(scheme.as_deref(), Some("http" | "https" | "mailto"))
}

#[test]
fn script_links_in_content_are_text_and_reported() {
    let site = site_with_script_links();
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(0), "warnings only:\n{}", out.stderr);
    let intro = "content/briefings/alpha/01-introduction.en.md";
    let meta = "content/briefings/alpha/briefing.yaml";
    for (at, url) in [
        (format!("{meta}:4:21"), "vbscript:msgbox(1)"),
        (format!("{meta}:6:27"), "javascript:alert(1)"),
        (format!("{meta}:6:52"), "javascript:alert(2)"),
        (format!("{intro}:5:6"), "javascript:alert(3)"),
        (format!("{intro}:5:35"), "JavaScript:alert(4)"),
        (format!("{intro}:7:12"), "data:text/html,x"),
        (
            "content/glossary.yaml:4:22".into(),
            "javascript:document.title='pwned'",
        ),
    ] {
        let expected = format!("{at}: warning: the link to \"{url}\" is shown as plain text");
        assert!(out.stderr.contains(&expected), "{expected}\n{}", out.stderr);
    }
    for expected in [
        format!("{intro}:9:1: warning: raw HTML here has a script URL in `href`"),
        format!("{intro}:9:39: warning: raw HTML here has the event handler `onmouseover`"),
    ] {
        assert!(out.stderr.contains(&expected), "{expected}\n{}", out.stderr);
    }

    let public = site.build();
    for page in html_pages(&public) {
        let text = std::fs::read_to_string(public.join(&page)).unwrap();
        let doc = scraper::Html::parse_document(&text);
        let links = sel("a[href], img[src]");
        let bad: Vec<String> = doc
            .select(&links)
            .filter_map(|e| e.attr("href").or(e.attr("src")))
            .filter(|u| !allowed(u))
            .map(str::to_string)
            .collect();
        let raw_html_kept = page.ends_with("en/briefings/alpha/index.html");
        let expected: &[&str] = if raw_html_kept {
            &["javascript:alert(5)"]
        } else {
            &[]
        };
        assert_eq!(bad, expected, "{}", page.display());
    }
    let feed = std::fs::read_to_string(public.join("en/atom.xml")).unwrap();
    let feed = roxmltree::Document::parse(&feed).expect("the feed is XML");
    let summary = feed
        .descendants()
        .find(|n| n.has_tag_name("summary"))
        .and_then(|n| n.text())
        .expect("the feed has the abstract");
    assert_eq!(
        summary, "<p>Abstract x javascript:alert(2)</p>\n",
        "the abstract has no link"
    );
}

#[test]
fn glossary_payload_is_no_link_in_chromium() {
    let Some(tab) = browser::tab() else { return };
    let site = site_with_script_links();
    let public = site.build();
    let server = serve(&public, &site.base_path());
    tab.goto(&server.url("en/glossary/"));
    let definition = tab.eval("document.querySelector('#js-entry .definition').textContent.trim()");
    assert_eq!(definition, "Def run");
    let links = tab.eval(
        "[...document.querySelectorAll('a')].filter(a => a.protocol !== 'http:' && a.protocol !== 'https:' && a.protocol !== 'mailto:').length",
    );
    assert_eq!(links, 0, "no link on the glossary page runs script");
    let title = tab.eval("document.title");
    tab.click("#js-entry .definition");
    assert_eq!(tab.eval("document.title"), title, "clicking ran nothing");
}
