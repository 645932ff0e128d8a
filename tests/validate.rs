//! The shipped site against outside validators: every page passes the Nu
//! Html Checker (vnu-jar, run with Java) with zero errors and axe-core
//! (injected into Chromium) with zero violations, and every internal link
//! resolves. The validators come from node_modules (`npm ci`).

mod common;

use common::browser::{self, serve, skip};
use common::{check_links, first_briefing, html_pages, repo, report, shipped_site};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A file from node_modules, or None (after a loud SKIPPED) when `npm ci` has not run.
fn node_module(rel: &str) -> Option<PathBuf> {
    let path = repo().join("node_modules").join(rel);
    if path.is_file() {
        return Some(path);
    }
    skip(&format!("{} is missing (run `npm ci`)", path.display()))
}

#[test]
fn every_internal_link_of_the_shipped_site_resolves() {
    let site = shipped_site();
    let public = site.build();
    let (checked, broken) = check_links(&public, &site.base_path());
    report(&format!(
        "links: {checked} internal links checked, {} broken",
        broken.len()
    ));
    assert!(checked > 50, "only {checked} links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let Some(jar) = node_module("vnu-jar/build/dist/vnu.jar") else {
        return;
    };
    let site = shipped_site();
    let public = site.build();
    let Some(errors) = run_vnu(&jar, &public) else {
        return;
    };
    let pages = html_pages(&public).len();
    report(&format!(
        "vnu: {pages} pages validated, {} errors",
        errors.len()
    ));
    assert!(pages > 0);
    assert!(errors.is_empty(), "vnu errors:\n{}", errors.join("\n"));
}

/// Runs vnu over every HTML file under `public`; its errors as
/// "file:line:column: error: message" and the extract (pages are minified: line 1).
/// None (after a loud SKIPPED) when Java is not installed.
fn run_vnu(jar: &Path, public: &Path) -> Option<Vec<String>> {
    let run = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--format", "json", "--errors-only", "--skip-non-html"])
        .arg(public)
        .output();
    let Ok(out) = run else {
        return skip("java is not installed (apt-get install default-jre-headless)");
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    let report: Value = serde_json::from_str(&stderr)
        .unwrap_or_else(|e| panic!("vnu did not report JSON ({e}):\n{stderr}"));
    let messages = report["messages"].as_array().expect("vnu messages");
    Some(messages.iter().map(|m| vnu_error(m, public)).collect())
}

fn vnu_error(message: &Value, public: &Path) -> String {
    let url = message["url"].as_str().unwrap_or("?");
    let file = url.strip_prefix("file:").unwrap_or(url);
    let file = Path::new(file)
        .strip_prefix(public)
        .unwrap_or(Path::new(file));
    format!(
        "{}:{}:{}: {}: {}\n    {}",
        file.display(),
        message["lastLine"],
        message["lastColumn"],
        message["type"].as_str().unwrap_or("?"),
        message["message"].as_str().unwrap_or("?"),
        message["extract"].as_str().unwrap_or("").replace('\n', " ")
    )
}

/// False for a glossary entry page (`[lang/]glossary/<id>/index.html`) when
/// one of the same language was already seen: they share one template, and
/// axe's time per page adds up (the vnu test checks every one).
fn first_of_its_template(page: &Path, entry_pages_seen: &mut BTreeSet<PathBuf>) -> bool {
    let parts: Vec<_> = page.iter().collect();
    match parts.iter().rposition(|p| *p == "glossary") {
        Some(i) if parts.len() == i + 3 => entry_pages_seen.insert(parts[..i].iter().collect()),
        _ => true,
    }
}

/// Runs axe-core on the loaded page; its violations as
/// "page: id (impact) help — N nodes, first: target".
const AXE_RUN: &str = "axe.run(document, {resultTypes: ['violations']}).then(r => \
    r.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} nodes, \
    first: ${JSON.stringify(v.nodes[0].target)}`))";

#[test]
fn every_page_passes_axe_core() {
    let Some(axe_path) = node_module("axe-core/axe.min.js") else {
        return;
    };
    let Some(tab) = browser::tab() else { return };
    let axe = std::fs::read_to_string(axe_path).unwrap();
    let site = shipped_site();
    let public = site.build();
    let server = serve(&public, &site.base_path());
    let briefing = first_briefing(&public);
    let mut entry_pages = BTreeSet::new();
    let mut runs: Vec<(String, u32, &str)> = html_pages(&public)
        .iter()
        .filter(|page| first_of_its_template(page, &mut entry_pages))
        .map(|page| (page_url(page), 1280, ""))
        .collect();
    runs.extend([
        (briefing.clone(), 390, ""),
        (format!("en/{briefing}"), 390, ""),
    ]);
    // Every reading mode of the toggle, on both languages' briefing pages.
    for page in [briefing.clone(), format!("en/{briefing}")] {
        for mode in ["zh-Hant", "en", "parallel"] {
            runs.extend([(page.clone(), 1280, mode), (page.clone(), 390, mode)]);
        }
    }
    let mut violations = Vec::new();
    for (page, width, mode) in &runs {
        tab.set_viewport(*width, 800);
        tab.goto(&server.url(page));
        if !mode.is_empty() {
            tab.eval(&format!(
                "document.querySelector('.mode-toggle [data-mode=\"{mode}\"]').click()"
            ));
            tab.wait_for(&format!("document.body.dataset.mode === '{mode}'"));
        }
        tab.eval(&axe);
        for violation in tab.eval(AXE_RUN).as_array().expect("axe results") {
            violations.push(format!(
                "/{page} at {width}px {mode}: {}",
                violation.as_str().unwrap()
            ));
        }
    }
    tab.eval("localStorage.clear()");
    report(&format!(
        "axe: {} page views checked, {} violations",
        runs.len(),
        violations.len()
    ));
    assert!(
        violations.is_empty(),
        "axe violations:\n{}",
        violations.join("\n")
    );
}

/// The URL path of an output file relative to the base path: "en/index.html" → "en/".
fn page_url(file: &Path) -> String {
    let file = file.to_str().unwrap();
    file.strip_suffix("index.html").unwrap_or(file).to_string()
}

/// Runs ESLint (eslint.config.js) from the repository root with `args` and
/// `stdin`; its exit status and output. None (after a loud SKIPPED) when
/// node or ESLint is missing.
fn eslint(args: &[&str], stdin: &str) -> Option<(bool, String)> {
    use std::io::Write;
    let cli = node_module("eslint/bin/eslint.js")?;
    let child = Command::new("node")
        .arg(cli)
        .args(args)
        .current_dir(repo())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        return skip("node is not installed");
    };
    child.stdin.take()?.write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    Some((out.status.success(), text))
}

#[test]
fn the_theme_scripts_pass_eslint() {
    let Some((clean, output)) = eslint(&["themes"], "") else {
        return;
    };
    assert!(clean, "ESLint:\n{output}");
    // The configuration is in force for theme scripts: `var` and sloppy
    // mode are refused.
    let Some((clean, output)) = eslint(
        &[
            "--stdin",
            "--stdin-filename",
            "themes/default/static/js/x.js",
        ],
        "var x = 1;\n",
    ) else {
        return;
    };
    assert!(
        !clean && output.contains("no-var") && output.contains("strict"),
        "{output}"
    );
}
