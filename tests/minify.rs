//! Minifying the templates once gives the same pages as minifying every
//! page whole (the `minify: pages` option, which was the only way before):
//! for every page of the shipped site and of a generated corpus, and every
//! glossary popover card, the parsed DOMs are equal, white space that does
//! not render aside. (The cards' file names differ, being digests of bytes.)

mod common;

use common::{dom, html_pages, TempSite};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

/// Builds `site` twice, with templates minified (the default) and with
/// every page minified whole, and compares every page's and card's DOM.
fn assert_same_pages(site: &TempSite) {
    let templates = site.root().join("templates-minified");
    let pages = site.root().join("pages-minified");
    build_into(site, &templates);
    let yaml = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}\nminify: pages\n"));
    build_into(site, &pages);
    let list = html_pages(&pages);
    assert_eq!(list, html_pages(&templates), "the same pages");
    assert!(list.len() > 10, "{} pages", list.len());
    let (ours, theirs) = (popover_cards(&templates), popover_cards(&pages));
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>()
    );
    for ((lang, (_, a)), (_, b)) in ours.iter().zip(theirs.values()) {
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            b.keys().collect::<Vec<_>>(),
            "{lang}"
        );
        for ((id, x), y) in a.iter().zip(b.values()) {
            assert_same_dom(&format!("{lang} card {id}"), x, y);
        }
    }
    for page in &list {
        let read = |dir: &Path, cards: &Cards| {
            let mut html = fs::read_to_string(dir.join(page)).unwrap();
            for (lang, (name, _)) in cards {
                html = html.replace(name.as_str(), &format!("{lang}.json"));
            }
            html
        };
        let (a, b) = (read(&templates, &ours), read(&pages, &theirs));
        assert_same_dom(&page.display().to_string(), &a, &b);
        // Within 5%, or 160 bytes on a small page: attributes that hold
        // template syntax keep their quotes, a fixed cost per page.
        assert!(
            a.len() <= (b.len() * 21 / 20).max(b.len() + 160),
            "{}: {} bytes against {}",
            page.display(),
            a.len(),
            b.len()
        );
    }
}

/// Per language, the name of its glossary popover file and its cards by id.
type Cards = BTreeMap<String, (String, BTreeMap<String, String>)>;

fn popover_cards(public: &Path) -> Cards {
    let dir = public.join("assets/glossary");
    fs::read_dir(&dir)
        .unwrap()
        .map(|entry| {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let json = fs::read_to_string(dir.join(&name)).unwrap();
            let lang = name.split('.').next().unwrap().to_string();
            (lang, (name, serde_json::from_str(&json).unwrap()))
        })
        .collect()
}

/// Panics at the first line where the canonical DOMs of `a` and `b` differ.
fn assert_same_dom(what: &str, a: &str, b: &str) {
    let (a, b) = (dom::canonical(a), dom::canonical(b));
    if let Some((x, y)) = a.lines().zip(b.lines()).find(|(x, y)| x != y) {
        panic!("{what}: the DOMs differ first at\n  {x}\nagainst\n  {y}");
    }
    assert_eq!(a, b, "{what}");
}

fn build_into(site: &TempSite, output: &Path) {
    let out = site.run(&["build", "--output", output.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "build failed:\n{}", out.stderr);
}

#[test]
fn shipped_site_pages_equal_whole_page_minification() {
    assert_same_pages(&common::shipped_site());
}

#[test]
fn generated_corpus_pages_equal_whole_page_minification() {
    // `cargo test` builds the examples beside the test binaries' folder.
    let exe = std::env::current_exe().unwrap();
    let generator = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples/gen_corpus");
    let site = TempSite {
        dir: tempfile::tempdir().unwrap(),
    };
    let status = Command::new(&generator)
        .args(["--briefings", "12", "--out"])
        .arg(site.root())
        .status()
        .unwrap_or_else(|e| panic!("{}: {e}", generator.display()));
    assert!(status.success());
    assert_same_pages(&site);
}

#[test]
fn a_template_error_points_into_the_template_as_written() {
    let site = TempSite::fixture("basic");
    let file = "themes/default/templates/home.html";
    let text = fs::read_to_string(site.root().join(file)).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let at = lines.len() - 1;
    lines.insert(at, "  <p>{{ page.no_such_field }}</p>");
    site.write(file, &lines.join("\n"));
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let expected = format!("{file}:{}:", at + 1);
    assert!(
        out.stderr
            .lines()
            .any(|l| l.starts_with(&expected) && l.contains("no_such_field")),
        "expected an error at {expected}:\n{}",
        out.stderr
    );
}
