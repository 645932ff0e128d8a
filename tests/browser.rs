//! The built site in headless Chromium: pages declare their language, the
//! language switch keeps the reader's place, the skip link works from the
//! keyboard, and screenshots of a briefing for reviewers (target/screenshots/).

mod common;

use common::browser::{self, serve, Server, Tab};
use common::{first_briefing, report, shipped_site, TempSite};
use std::path::PathBuf;

/// The shipped site, built and served like a static host.
struct Served {
    _site: TempSite,
    server: Server,
    /// The briefing page, e.g. "briefings/<slug>/".
    briefing: String,
}

fn served() -> Served {
    let site = shipped_site();
    let public = site.build();
    Served {
        server: serve(&public, &site.base_path()),
        briefing: first_briefing(&public),
        _site: site,
    }
}

#[test]
fn pages_declare_their_language() {
    let Some(tab) = browser::tab() else { return };
    let site = served();
    for (page, lang) in [
        (String::new(), "zh-Hant"),
        ("en/".into(), "en"),
        (site.briefing.clone(), "zh-Hant"),
        (format!("en/{}", site.briefing), "en"),
    ] {
        tab.goto(&site.server.url(&page));
        assert_eq!(tab.eval("document.documentElement.lang"), lang, "{page}");
    }
}

#[test]
fn language_switch_leads_to_the_same_section_in_the_other_language() {
    let Some(tab) = browser::tab() else { return };
    let site = served();
    for (from, to, lang) in [("", "en/", "en"), ("en/", "", "zh-Hant")] {
        tab.goto(&site.server.url(&format!("{from}{}", site.briefing)));
        let anchor = tab.eval("document.querySelectorAll('main section.section[id]')[1].id");
        let anchor = anchor.as_str().expect("the briefing has a second section");
        tab.eval(&format!("location.hash = '#{anchor}'"));
        tab.click("a[data-switch-lang]");
        let target = site.server.url(&format!("{to}{}", site.briefing));
        tab.wait_for(&format!(
            "location.href.split('#')[0] === '{target}' && document.readyState === 'complete'"
        ));
        assert_eq!(tab.eval("document.documentElement.lang"), lang);
        assert_eq!(
            tab.eval("location.hash"),
            format!("#{anchor}"),
            "{from} → {to}"
        );
        let visible = format!(
            "(() => {{ const r = document.getElementById('{anchor}').getBoundingClientRect(); \
             return r.top < innerHeight && r.bottom > 0; }})()"
        );
        assert_eq!(
            tab.eval(&visible),
            true,
            "#{anchor} is not in view after the switch"
        );
    }
}

#[test]
fn keyboard_reaches_the_skip_link_first_and_it_moves_focus_to_main() {
    let Some(tab) = browser::tab() else { return };
    let site = served();
    tab.goto(&site.server.url(&site.briefing));
    tab.press_key("Tab");
    assert_eq!(
        tab.eval("document.activeElement.matches('a.skip-link[href=\"#main\"]')"),
        true,
        "the first Tab focused {}",
        tab.eval("document.activeElement.outerHTML")
    );
    let on_screen = "(() => { const r = document.activeElement.getBoundingClientRect(); \
                     return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 \
                     && r.bottom <= innerHeight && r.right <= innerWidth; })()";
    assert_eq!(
        tab.eval(on_screen),
        true,
        "the focused skip link is not visible"
    );
    tab.press_key("Enter");
    tab.wait_for("location.hash === '#main'");
    assert_eq!(
        tab.eval("document.activeElement.id"),
        "main",
        "Enter on the skip link must move focus to <main>"
    );
    tab.press_key("Tab");
    assert_eq!(tab.eval("!!document.activeElement.closest('main')"), true);
}

/// One way of reading a briefing page; `prepare` sets it up after loading
/// (the 對照 side-by-side mode clicks its control).
struct View {
    name: &'static str,
    prefix: &'static str,
    prepare: fn(&Tab),
}

const VIEWS: [View; 3] = [
    View {
        name: "zh-Hant",
        prefix: "",
        prepare: |_| {},
    },
    View {
        name: "en",
        prefix: "en/",
        prepare: |_| {},
    },
    View {
        name: "parallel",
        prefix: "",
        prepare: |tab| {
            tab.click(".mode-toggle button[data-mode=parallel]");
            tab.wait_for("document.body.dataset.mode === 'parallel'");
            tab.eval("localStorage.clear()");
        },
    },
];

/// Desktop and phone widths.
const WIDTHS: [u32; 2] = [1280, 390];

#[test]
fn screenshots_of_a_briefing_for_reviewers() {
    let Some(tab) = browser::tab() else { return };
    let site = served();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("screenshots");
    for view in &VIEWS {
        for width in WIDTHS {
            tab.set_viewport(width, 800);
            tab.goto(
                &site
                    .server
                    .url(&format!("{}{}", view.prefix, site.briefing)),
            );
            (view.prepare)(&tab);
            let path = dir.join(format!("{}-{width}.png", view.name));
            tab.screenshot(&path);
            let png = std::fs::read(&path).unwrap();
            assert!(
                png.len() > 20_000,
                "{}: only {} bytes",
                path.display(),
                png.len()
            );
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{}", path.display());
            let png_width = u32::from_be_bytes(png[16..20].try_into().unwrap());
            assert_eq!(
                png_width, width,
                "{}: the page is wider than the {width}px window (it scrolls sideways)",
                view.name
            );
            report(&format!("screenshot: {}", path.display()));
        }
    }
}
