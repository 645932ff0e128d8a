//! The default theme under the Content-Security-Policy that the shipped
//! `static/_headers` sets (docs/DEPLOY.md): every kind of page, served with
//! that header as Netlify or Cloudflare Pages would, loads in headless
//! Chromium without a console error, an uncaught exception, a CSP violation
//! or a failed request, also while the reader uses the scripts (note
//! popover, side-by-side reading).

mod common;

use common::browser::{self, serve, Tab};
use common::{first_briefing, TempSite};
use serde_json::json;

/// Installed before any script of each document: records CSP violations,
/// console errors and uncaught exceptions in `window.__problems`.
const RECORDER: &str = r#"
window.__problems = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__problems.push('CSP ' + e.violatedDirective + ' ' + e.blockedURI));
window.addEventListener('error', e =>
  window.__problems.push('error ' + (e.message || (e.target && (e.target.src || e.target.href)))), true);
window.addEventListener('unhandledrejection', e => window.__problems.push('rejection ' + e.reason));
const consoleError = console.error;
console.error = (...args) => { window.__problems.push('console ' + args.join(' ')); consoleError(...args); };
"#;

/// What went wrong on the page so far: recorded problems and every
/// resource (script, stylesheet, JSON, image) that did not load with 2xx.
fn problems(tab: &Tab) -> Vec<String> {
    let found = tab.eval(
        "window.__problems.concat(performance.getEntriesByType('resource')\
           .filter(r => r.responseStatus && (r.responseStatus < 200 || r.responseStatus >= 300))\
           .map(r => 'HTTP ' + r.responseStatus + ' ' + r.name))",
    );
    serde_json::from_value(found).unwrap()
}

#[test]
fn the_default_theme_loads_under_the_shipped_csp_without_errors() {
    let Some(tab) = browser::tab() else { return };
    let site = TempSite::shipped();
    let public = site.build();
    let headers = std::fs::read_to_string(public.join("_headers")).expect("_headers is published");
    assert!(headers.contains("Content-Security-Policy: default-src 'self'; script-src 'self'"));
    let server = serve(&public, "/");
    tab.call("Page.enable", json!({}));
    tab.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": RECORDER }),
    );
    let briefing = first_briefing(&public);
    let pages = [
        String::new(),
        "en/".into(),
        briefing.clone(),
        format!("en/{briefing}"),
        "glossary/".into(),
        "en/glossary/".into(),
        "about/".into(),
        "en/about/".into(),
        "404.html".into(),
    ];
    for page in &pages {
        tab.goto(&server.url(page));
        // The policy really is in force on the page.
        let blocked = tab.eval(
            "new Promise(done => { const s = document.createElement('script'); \
             s.textContent = 'window.__inline = 1'; \
             document.addEventListener('securitypolicyviolation', () => done(!window.__inline), {once: true}); \
             document.head.append(s); })",
        );
        assert_eq!(
            blocked, true,
            "{page}: the CSP does not block inline script"
        );
        tab.eval(
            "window.__problems = window.__problems.filter(p => !p.includes('script-src-elem'))",
        );
        assert_eq!(problems(&tab), Vec::<String>::new(), "{page}");
    }
    // The scripts at work: a note's popover and the side-by-side mode
    // (which fetches the other language's page).
    tab.goto(&server.url(&briefing));
    tab.hover("a[role=doc-noteref]");
    tab.wait_for("document.querySelector('.popover') !== null");
    tab.click(".mode-toggle button[data-mode=parallel]");
    tab.wait_for("document.querySelector('[data-mode=parallel][aria-pressed=true]') !== null");
    tab.wait_for(
        "performance.getEntriesByType('resource').some(r => r.name.includes('/en/briefings/'))",
    );
    assert_eq!(problems(&tab), Vec::<String>::new(), "reading {briefing}");
}
