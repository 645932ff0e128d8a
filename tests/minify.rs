//! Minifying the templates once gives the same pages as minifying every
//! page whole (the `minify: pages` option, which was the only way before):
//! for every page of the shipped site and of a generated corpus, the parsed
//! DOMs are equal, white space that does not render aside.

mod common;

use common::{dom, html_pages, TempSite};
use std::fs;
use std::path::Path;
use std::process::Command;

/// Builds `site` twice, with templates minified (the default) and with
/// every page minified whole, and compares every page's DOM.
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
    for page in &list {
        let read = |dir: &Path| fs::read_to_string(dir.join(page)).unwrap();
        let (a, b) = (read(&templates), read(&pages));
        let (a_dom, b_dom) = (dom::canonical(&a), dom::canonical(&b));
        if let Some((x, y)) = a_dom.lines().zip(b_dom.lines()).find(|(x, y)| x != y) {
            panic!(
                "{}: the DOMs differ first at\n  {x}\nagainst\n  {y}",
                page.display()
            );
        }
        assert_eq!(a_dom, b_dom, "{}", page.display());
        assert!(
            a.len() <= b.len() * 21 / 20,
            "{}: {} bytes against {}",
            page.display(),
            a.len(),
            b.len()
        );
    }
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
