//! Reading a briefing in a real browser: note popovers (keyboard, Esc, the
//! full citation of a short form, ↩︎ returning focus) and the reading-mode
//! toggle 中文 | English | 對照 (visibility, side by side, persistence,
//! keyboard only).

mod common;

use common::browser::{self, serve, Server, Tab};
use common::TempSite;

struct Page {
    _site: TempSite,
    server: Server,
}

/// The fixture site "basic" served under its base path.
fn served() -> Page {
    serve_site(TempSite::fixture("basic"))
}

/// `site`, built and served under its base path.
fn serve_site(site: TempSite) -> Page {
    let public = site.build();
    Page {
        server: serve(&public, &site.base_path()),
        _site: site,
    }
}

/// Opens briefing alpha at 1280×900 with no reading mode remembered.
fn open_without_a_saved_mode(tab: &Tab, page: &Page) {
    tab.set_viewport(1280, 900);
    tab.goto(&page.server.url("briefings/alpha/"));
    tab.eval("localStorage.clear()");
    tab.goto(&page.server.url("briefings/alpha/"));
}

/// Presses Tab until `selector` matches the focused element (at most 80 times).
fn tab_to(tab: &Tab, selector: &str) {
    for _ in 0..80 {
        tab.press_key("Tab");
        if tab.eval(&format!("document.activeElement.matches({selector:?})")) == true {
            return;
        }
    }
    panic!("Tab never reached {selector}");
}

/// True when the first element matching `selector` is rendered and visible.
fn visible(tab: &Tab, selector: &str) -> bool {
    let js = format!(
        "(() => {{ const el = document.querySelector({selector:?}); \
         return !!el && el.checkVisibility({{visibilityProperty: true}}) && el.getBoundingClientRect().height > 0; }})()"
    );
    tab.eval(&js) == true
}

/// The visible element whose text contains `needle`, as "tag.class", or null.
fn visible_text(tab: &Tab, needle: &str) -> bool {
    let js = format!(
        "Array.from(document.querySelectorAll('main p')).some(p => p.textContent.includes({needle:?}) \
         && p.checkVisibility({{visibilityProperty: true}}) && p.getBoundingClientRect().height > 0)"
    );
    tab.eval(&js) == true
}

#[test]
fn note_popover_opens_on_keyboard_focus_and_closes_with_escape() {
    let Some(tab) = browser::tab() else { return };
    let page = served();
    tab.goto(&page.server.url("en/briefings/alpha/"));
    tab_to(&tab, "a[role=doc-noteref]");
    assert_eq!(tab.eval("document.activeElement.id"), "fnref-1");
    assert!(
        visible(&tab, ".popover"),
        "focusing the reference shows the popover"
    );
    let card = tab.eval("document.querySelector('.popover').textContent");
    assert!(
        card.as_str().unwrap().contains("中俄正在爭奪中亞"),
        "the popover holds the note: {card}"
    );
    let covers = "(() => { const a = document.activeElement.getBoundingClientRect(), p = document.querySelector('.popover').getBoundingClientRect(); \
                  return !(p.bottom <= a.top || p.top >= a.bottom || p.right <= a.left || p.left >= a.right); })()";
    assert_eq!(
        tab.eval(covers),
        false,
        "the popover must not cover its reference"
    );
    assert_eq!(tab.eval("document.activeElement.getAttribute('aria-describedby') === document.querySelector('.popover').id"), true);
    tab.press_key("Escape");
    assert!(!visible(&tab, ".popover"), "Esc hides the popover");
    assert_eq!(
        tab.eval("document.activeElement.id"),
        "fnref-1",
        "Esc keeps focus on the reference"
    );
}

#[test]
fn popover_stays_while_its_links_are_focused() {
    let Some(tab) = browser::tab() else { return };
    let page = served();
    tab.goto(&page.server.url("briefings/alpha/"));
    tab_to(&tab, "a[role=doc-noteref]");
    tab.press_key("Tab");
    assert_eq!(
        tab.eval("!!document.activeElement.closest('.popover')"),
        true,
        "Tab moves into the popover's link"
    );
    assert!(
        visible(&tab, ".popover"),
        "the popover stays while focus is inside it"
    );
    tab.press_key("Escape");
    assert!(
        !visible(&tab, ".popover"),
        "Esc inside the popover hides it"
    );
    assert_eq!(
        tab.eval("document.activeElement.id"),
        "fnref-1",
        "and returns focus to the reference, not to the page"
    );
}

#[test]
fn a_short_form_popover_shows_the_full_citation() {
    let Some(tab) = browser::tab() else { return };
    let page = served();
    tab.goto(&page.server.url("briefings/alpha/"));
    tab.eval("document.getElementById('fnref-3').focus()");
    let card = tab.eval("document.querySelector('.popover').textContent");
    let card = card.as_str().unwrap();
    assert!(card.contains("（見註 1）"), "{card}");
    assert!(
        card.contains("銳報導"),
        "the full citation of note 1 is in the popover: {card}"
    );
}

#[test]
fn the_backlink_returns_focus_to_the_reference() {
    let Some(tab) = browser::tab() else { return };
    let page = served();
    tab.goto(&page.server.url("briefings/alpha/"));
    tab.eval("document.querySelector('#fn-1 a.backlink[href=\"#fnref-1-2\"]').focus()");
    tab.press_key("Enter");
    tab.wait_for("document.activeElement.id === 'fnref-1-2'");
    tab.press_key("Escape");
    tab.eval("document.getElementById('fnref-1').focus()");
    tab.press_key("Enter");
    tab.wait_for("location.hash === '#fn-1'");
    // Following a reference moves focus to its note once the navigation has happened.
    tab.wait_for("document.activeElement.id === 'fn-1'");
}

#[test]
fn on_a_touch_screen_the_first_tap_shows_the_card_and_the_second_follows_the_link() {
    let Some(tab) = browser::tab() else { return };
    let shipped = serve_site(TempSite::shipped());
    let server = &shipped.server;
    let page = server.url("briefings/china-central-asia-influence/");
    tab.set_viewport(390, 800);
    for trigger in ["a[role=doc-noteref]", "a.term"] {
        tab.goto(&page);
        let link = tab.eval(&format!("document.querySelector({trigger:?}).href"));
        tab.tap(trigger);
        tab.wait_for("!!document.querySelector('.popover')");
        assert!(
            visible(&tab, ".popover"),
            "a first tap on {trigger} shows its card"
        );
        assert_eq!(
            tab.eval("location.href"),
            page,
            "and stays where the reader is"
        );
        tab.tap(trigger);
        tab.wait_for(&format!("location.href === {link}"));
        assert!(
            !visible(&tab, ".popover"),
            "following the link closes the card"
        );
    }
}

/// Side by side, each language's terms show their own language's cards
/// (review s10 reader F8: the cells were outside the element naming the
/// glossary file, so no term had a card); and a tap on a term whose card
/// cannot come follows the link instead of doing nothing.
#[test]
fn side_by_side_terms_show_their_cards_and_a_tap_without_a_card_follows_the_link() {
    let Some(tab) = browser::tab() else { return };
    let shipped = serve_site(TempSite::shipped());
    let page = shipped
        .server
        .url("briefings/china-central-asia-influence/");
    tab.set_viewport(1280, 900);
    tab.goto(&page);
    tab.eval("localStorage.clear()");
    tab.click(".mode-toggle button[data-mode=parallel]");
    tab.wait_for("document.body.dataset.mode === 'parallel'");
    for (cell, lang) in [(".parallel-zh", "zh-Hant"), (".parallel-en", "en")] {
        tab.press_key("Escape");
        tab.hover(&format!("{cell} a.term"));
        tab.wait_for("!!document.querySelector('.popover dfn')");
        let card_lang = tab.eval(&format!(
            "document.querySelector('.popover').closest('{cell}') ? document.querySelector('.popover').closest('[lang]').lang : 'elsewhere'"
        ));
        assert_eq!(card_lang, lang, "the card of a term in {cell}");
    }

    tab.set_viewport(390, 800);
    tab.eval("localStorage.clear()");
    tab.goto(&page);
    tab.eval("document.querySelector('.body').removeAttribute('data-glossary')");
    let link = tab.eval("document.querySelector('.body a.term').href");
    tab.tap(".body a.term");
    tab.wait_for(&format!("location.href === {link}"));
}

#[test]
fn reading_modes_switch_by_keyboard_and_persist() {
    let Some(tab) = browser::tab() else { return };
    let page = served();
    open_without_a_saved_mode(&tab, &page);
    assert!(visible_text(&tab, "中國在中亞的影響力逐漸擴大"));
    assert!(
        !visible_text(&tab, "China's influence"),
        "the English text is not visible at first"
    );

    tab_to(&tab, ".mode-toggle button[data-mode=en]");
    tab.press_key("Enter");
    tab.wait_for("document.body.dataset.mode === 'en'");
    assert!(
        visible_text(&tab, "China's influence"),
        "English mode shows the English text"
    );
    assert!(
        !visible_text(&tab, "中國在中亞的影響力逐漸擴大"),
        "and hides the Chinese"
    );
    assert_eq!(
        tab.eval(
            "document.querySelector('.mode-toggle [data-mode=en]').getAttribute('aria-pressed')"
        ),
        "true"
    );
    assert!(
        visible_text(&tab, "貿易額成長"),
        "an untranslated section shows the original"
    );

    tab.press_key("Tab");
    assert_eq!(tab.eval("document.activeElement.dataset.mode"), "parallel");
    tab.press_key("Space");
    tab.wait_for("document.body.dataset.mode === 'parallel'");
    let duplicates =
        "(() => { const ids = Array.from(document.querySelectorAll('[id]'), e => e.id); \
        return ids.filter((id, i) => ids.indexOf(id) !== i); })()";
    assert_eq!(
        tab.eval(duplicates),
        serde_json::json!([]),
        "ids stay unique with both languages on the page"
    );
    assert!(
        visible(&tab, "#en-fn-1"),
        "the English text's notes are there, prefixed"
    );
    assert!(
        visible_text(&tab, "China's influence") && visible_text(&tab, "中國在中亞的影響力逐漸擴大"),
        "對照 shows both"
    );
    let side_by_side = "(() => { const ps = Array.from(document.querySelectorAll('main p')); \
        const zh = ps.find(p => p.textContent.includes('中國在中亞的影響力逐漸擴大')).getBoundingClientRect(); \
        const en = ps.find(p => p.textContent.includes(\"China's influence\")).getBoundingClientRect(); \
        return [zh.right <= en.left + 1, Math.abs(zh.top - en.top) < 4]; })()";
    assert_eq!(
        tab.eval(side_by_side),
        serde_json::json!([true, true]),
        "paragraphs are paired side by side on a wide screen"
    );
    assert!(
        visible(&tab, "#introduction"),
        "in 對照 the table of contents still leads to a visible section"
    );

    tab.goto(&page.server.url("briefings/alpha/"));
    tab.wait_for("document.body.dataset.mode === 'parallel'");
    assert!(
        visible_text(&tab, "China's influence") && visible_text(&tab, "中國在中亞的影響力逐漸擴大"),
        "the choice survives a reload"
    );

    tab.set_viewport(390, 800);
    let stacked = "(() => { const ps = Array.from(document.querySelectorAll('main p')); \
        const zh = ps.find(p => p.textContent.includes('中國在中亞的影響力逐漸擴大')).getBoundingClientRect(); \
        const en = ps.find(p => p.textContent.includes(\"China's influence\")).getBoundingClientRect(); \
        return en.top >= zh.bottom - 1; })()";
    assert_eq!(tab.eval(stacked), true, "stacked on a narrow screen");

    tab.eval("document.querySelector('.mode-toggle [data-mode=zh-Hant]').focus()");
    tab.press_key("Enter");
    tab.wait_for("document.body.dataset.mode === 'zh-Hant'");
    assert!(
        !visible_text(&tab, "China's influence"),
        "back to Chinese only"
    );
    tab.eval("localStorage.clear()");
}

#[test]
fn the_contents_follow_the_language_being_read() {
    let Some(tab) = browser::tab() else { return };
    let page = served();
    open_without_a_saved_mode(&tab, &page);
    // The hrefs of the contents a reader can see that lead nowhere visible.
    let dead_links = "Array.from(document.querySelectorAll('nav.toc a[href^=\"#\"]')) \
        .filter(a => !a.closest('[hidden]')) \
        .filter(a => { const t = document.getElementById(decodeURIComponent(a.hash.slice(1))); \
            return !t || !t.checkVisibility({visibilityProperty: true}); }) \
        .map(a => a.getAttribute('href'))";
    let first_entry = "Array.from(document.querySelectorAll('nav.toc > ol')) \
        .find(ol => !ol.hidden).querySelector('a').textContent";
    let body_size = "getComputedStyle(Array.from(document.querySelectorAll('.body p')) \
        .find(p => p.checkVisibility())).fontSize";
    assert_eq!(tab.eval(dead_links), serde_json::json!([]));
    assert_eq!(tab.eval(first_entry), "壹、前言");
    assert_eq!(tab.eval(body_size), "18px");

    tab.click(".mode-toggle button[data-mode=en]");
    tab.wait_for("document.body.dataset.mode === 'en'");
    assert_eq!(
        tab.eval(dead_links),
        serde_json::json!([]),
        "reading the English text, every entry of the contents leads to it"
    );
    assert_eq!(
        tab.eval(first_entry),
        "I. Introduction",
        "and the contents are the English ones"
    );
    assert_eq!(
        tab.eval("document.getElementById('toc-title').textContent"),
        "Contents",
        "under an English heading"
    );
    assert_eq!(
        tab.eval(body_size),
        "17px",
        "English reads at the English size, not the Chinese page's"
    );
    tab.click("nav.toc > ol:not([hidden]) > li:nth-child(2) > a");
    tab.wait_for("location.hash !== ''");
    let target = "(() => { const t = document.getElementById(location.hash.slice(1)); \
        return !!t && t.checkVisibility() && Math.abs(t.getBoundingClientRect().top) < 100; })()";
    assert_eq!(
        tab.eval(target),
        true,
        "a contents link scrolls to its English section"
    );

    tab.click(".mode-toggle button[data-mode=parallel]");
    tab.wait_for("document.body.dataset.mode === 'parallel'");
    assert_eq!(tab.eval(dead_links), serde_json::json!([]));
    tab.click(".mode-toggle button[data-mode=en]");
    tab.wait_for("document.body.dataset.mode === 'en'");
    assert!(
        visible_text(&tab, "China's influence"),
        "English after 對照 shows the English text"
    );
    assert_eq!(
        tab.eval(dead_links),
        serde_json::json!([]),
        "after 對照 too"
    );

    tab.click(".mode-toggle button[data-mode=zh-Hant]");
    tab.wait_for("document.body.dataset.mode === 'zh-Hant'");
    assert_eq!(tab.eval(dead_links), serde_json::json!([]));
    assert_eq!(
        tab.eval(first_entry),
        "壹、前言",
        "back to the Chinese contents"
    );
    assert_eq!(
        tab.eval("document.getElementById('toc-title').textContent"),
        "目錄"
    );
    tab.eval("localStorage.clear()");
}

#[test]
fn the_contents_mark_the_section_or_sub_section_being_read() {
    let Some(tab) = browser::tab() else { return };
    let shipped = serve_site(TempSite::shipped());
    let server = &shipped.server;
    tab.set_viewport(1280, 900);
    tab.goto(&server.url("briefings/china-central-asia-influence/"));
    let current = "((document.querySelector('nav.toc [aria-current]') || {}).hash || null)";
    let sub = tab.eval("document.querySelector('nav.toc ol ol a').hash");
    let sub = sub.as_str().expect("the contents list a sub-heading");
    tab.eval(&format!(
        "document.getElementById({:?}).scrollIntoView()",
        &sub[1..]
    ));
    tab.wait_for(&format!("{current} === {sub:?}"));
    tab.eval("window.scrollBy(0, 40)"); // the sub-heading has left the window
    tab.eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
    assert_eq!(
        tab.eval(current),
        sub,
        "reading on in the sub-section keeps it marked"
    );
    tab.eval("window.scrollTo(0, 0)");
    let first = tab.eval("document.querySelector('nav.toc a').hash");
    tab.wait_for(&format!("{current} === {first}"));
}

#[test]
fn the_place_is_kept_across_reading_modes_and_languages() {
    let Some(tab) = browser::tab() else { return };
    let shipped = serve_site(TempSite::shipped());
    let server = &shipped.server;
    let zh = server.url("briefings/china-central-asia-influence/");
    tab.set_viewport(1280, 900);
    tab.goto(&zh);
    tab.eval("localStorage.clear()");
    let id = tab.eval("document.querySelectorAll('nav.toc > ol > li > a')[2].hash.slice(1)");
    let id = id.as_str().expect("a third section").to_string();
    let at_top = |id: &str| {
        format!(
            "(() => {{ const el = document.getElementById({id:?}); \
             return !!el && el.checkVisibility() && Math.abs(el.getBoundingClientRect().top) < 100; }})()"
        )
    };

    // Reading the English text on the Chinese page, going to a section from
    // the contents, then up to the header to switch language.
    tab.click(".mode-toggle button[data-mode=en]");
    tab.wait_for("document.body.dataset.mode === 'en'");
    tab.click(&format!("nav.toc a[href='#en-{id}']"));
    // The section takes focus just after the jump (which scrolls to it again).
    tab.wait_for(&format!("document.activeElement.id === 'en-{id}'"));
    tab.click(".lang-switch a[data-switch-lang=en]");
    tab.wait_for("document.documentElement.lang === 'en' && document.readyState === 'complete'");
    assert_eq!(
        tab.eval("location.hash"),
        format!("#{id}"),
        "the English page opens at the section being read"
    );
    tab.eval("localStorage.clear()");

    // A shared link to a section, opened with a reading mode saved.
    let home = server.url("");
    tab.goto(&home);
    tab.eval("localStorage.setItem('briefing-mode', 'en')");
    tab.goto(&format!("{zh}#{id}"));
    tab.wait_for("document.body.dataset.mode === 'en'");
    tab.wait_for(&format!("location.hash === '#en-{id}'"));
    assert_eq!(
        tab.eval(&at_top(&format!("en-{id}"))),
        true,
        "the link shows its section in the text shown"
    );
    tab.eval("localStorage.setItem('briefing-mode', 'parallel')");
    tab.goto(&home);
    tab.goto(&format!("{zh}#{id}"));
    tab.wait_for("document.body.dataset.mode === 'parallel'");
    tab.wait_for(&at_top(&id));

    // 對照: a sub-heading from the contents, then the switch (which keeps 對照).
    let sub = tab.eval("document.querySelector('nav.toc ol ol a').hash.slice(1)");
    let sub = sub.as_str().expect("a sub-heading").to_string();
    tab.click(&format!("nav.toc a[href='#{sub}']"));
    tab.wait_for(&format!("document.activeElement.id === '{sub}'"));
    tab.click(".lang-switch a[data-switch-lang=en]");
    tab.wait_for("document.documentElement.lang === 'en' && document.readyState === 'complete'");
    assert_eq!(tab.eval("location.hash"), format!("#{sub}"));
    tab.wait_for("document.body.dataset.mode === 'parallel'");
    tab.eval("localStorage.clear()");

    // A link made in the English reading mode, opened without it.
    tab.goto(&home);
    tab.goto(&format!("{zh}#en-{id}"));
    tab.wait_for(&format!("location.hash === '#{id}'"));
    tab.wait_for(&at_top(&id));

    // The page's own language in the switch, while reading the other one,
    // switches the reading mode back, at the same place.
    tab.click(".mode-toggle button[data-mode=en]");
    tab.wait_for("document.body.dataset.mode === 'en'");
    tab.click(&format!("nav.toc a[href='#en-{id}']"));
    tab.wait_for(&format!("document.activeElement.id === 'en-{id}'"));
    tab.click(".lang-switch a[aria-current]");
    tab.wait_for("document.body.dataset.mode === 'zh-Hant'");
    tab.wait_for(&at_top(&id));
    tab.eval("localStorage.clear()");
}

#[test]
fn a_failed_fetch_of_the_other_language_is_tried_again() {
    let Some(tab) = browser::tab() else { return };
    let page = served();
    open_without_a_saved_mode(&tab, &page);
    tab.eval("window.realFetch = window.fetch; window.fetch = () => Promise.reject(new Error('offline'))");
    tab.click(".mode-toggle button[data-mode=en]");
    tab.wait_for("!document.querySelector('.mode-toggle').hasAttribute('aria-busy')");
    assert_eq!(
        tab.eval("document.body.dataset.mode"),
        "zh-Hant",
        "offline: the text stays"
    );
    assert_eq!(
        tab.eval("localStorage.getItem('briefing-mode')"),
        serde_json::Value::Null,
        "and the mode that could not be shown is not remembered"
    );
    tab.eval("window.fetch = window.realFetch");
    tab.click(".mode-toggle button[data-mode=en]");
    tab.wait_for("document.body.dataset.mode === 'en'");
    assert!(
        visible_text(&tab, "China's influence"),
        "back online it loads"
    );
    tab.eval("localStorage.clear()");
}

#[test]
fn see_note_references_stay_on_one_line() {
    let Some(tab) = browser::tab() else { return };
    let shipped = serve_site(TempSite::shipped());
    let server = &shipped.server;
    // An inline element has a box per text run; on two lines, the last one
    // starts below the first.
    let split = "Array.from(document.querySelectorAll('.see-note')).filter(el => { \
        const rs = el.getClientRects(); return rs[rs.length - 1].top >= rs[0].bottom - 2; }) \
        .map(el => el.textContent)";
    for width in [390, 1280] {
        tab.set_viewport(width, 900);
        for page in [
            "briefings/china-central-asia-influence/",
            "en/briefings/china-central-asia-influence/",
        ] {
            tab.goto(&server.url(page));
            assert!(
                tab.eval("document.querySelectorAll('.see-note').length")
                    .as_u64()
                    > Some(0)
            );
            assert_eq!(
                tab.eval(split),
                serde_json::json!([]),
                "{page} at {width} px"
            );
        }
    }
}

#[test]
fn glossary_popover_opens_by_keyboard_and_closes_with_escape() {
    let Some(tab) = browser::tab() else { return };
    let shipped = serve_site(TempSite::shipped());
    let server = &shipped.server;
    tab.goto(&server.url("briefings/china-central-asia-influence/"));
    tab_to(&tab, "a.term");
    let id = tab.eval("document.activeElement.dataset.popover");
    let id = id.as_str().expect("a term names its popover card");
    // The card comes from the glossary file, which may still be on its way.
    tab.wait_for("!!document.querySelector('.popover')");
    assert!(
        visible(&tab, ".popover"),
        "focusing a term shows its definition"
    );
    let card = tab.eval("document.querySelector('.popover').textContent");
    assert_eq!(
        card,
        card_text(&tab, id),
        "the popover shows the term's card from the glossary file"
    );
    tab.press_key("Escape");
    assert!(!visible(&tab, ".popover"), "Esc hides the definition");
    assert_eq!(
        tab.eval("document.activeElement.matches('a.term')"),
        true,
        "focus stays on the term"
    );
}

/// The text of the card `id` in the glossary file the page names.
fn card_text(tab: &Tab, id: &str) -> serde_json::Value {
    tab.eval(&format!(
        "fetch(document.querySelector('[data-glossary]').dataset.glossary).then(r => r.json()) \
         .then(cards => {{ const t = document.createElement('template'); t.innerHTML = cards[{id:?}]; return t.content.textContent; }})"
    ))
}

/// Hovers the first glossary term of the page and returns the card's text.
fn hover_first_term(tab: &Tab) -> serde_json::Value {
    tab.eval("document.querySelector('a.term').scrollIntoView({block: 'center'})");
    tab.hover("a.term");
    tab.wait_for("!!document.querySelector('.popover')");
    tab.eval("document.querySelector('.popover').textContent")
}

#[test]
fn the_glossary_file_is_fetched_once_and_serves_popovers_offline() {
    let Some(tab) = browser::tab() else { return };
    let page = serve_site(TempSite::fixture("glossary"));
    let file = |tab: &Tab| {
        tab.eval("new URL(document.querySelector('[data-glossary]').dataset.glossary, location.href).href")
    };
    let transfer = |tab: &Tab, url: &serde_json::Value| {
        tab.wait_for(&format!("performance.getEntriesByName({url}).length > 0"));
        tab.eval(&format!(
            "performance.getEntriesByName({url})[0].transferSize"
        ))
    };
    tab.call("Network.enable", serde_json::json!({}));
    tab.call("Network.clearBrowserCache", serde_json::json!({}));
    tab.set_viewport(1280, 900);
    tab.goto(&page.server.url("briefings/gamma/"));
    let url = file(&tab);
    assert!(
        transfer(&tab, &url).as_u64() > Some(0),
        "the first page fetches the file"
    );
    tab.goto(&page.server.url("briefings/delta/"));
    assert_eq!(file(&tab), url, "both pages name one file");
    assert_eq!(
        transfer(&tab, &url),
        0,
        "the second page takes it from the cache"
    );
    let offline = serde_json::json!({"offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1});
    tab.call("Network.emulateNetworkConditions", offline);
    let id = tab.eval("document.querySelector('a.term').dataset.popover");
    let card = hover_first_term(&tab);
    let online = serde_json::json!({"offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1});
    tab.call("Network.emulateNetworkConditions", online);
    assert_eq!(
        card,
        card_text(&tab, id.as_str().unwrap()),
        "offline, the card shows"
    );
    assert!(card.as_str().unwrap().contains("查看名詞解釋"), "{card}");
}

#[test]
fn without_javascript_a_term_links_to_its_glossary_entry() {
    let Some(tab) = browser::tab() else { return };
    let page = serve_site(TempSite::fixture("glossary"));
    tab.call(
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({"value": true}),
    );
    tab.goto(&page.server.url("briefings/gamma/"));
    let id = tab.eval("document.querySelector('a.term').dataset.popover");
    let href = tab.eval("document.querySelector('a.term').href");
    tab.click("a.term");
    // The URL changes when the new page commits, before it has loaded.
    tab.wait_for(&format!(
        "location.href === {href} && document.readyState === 'complete'"
    ));
    let entry = id.as_str().unwrap().trim_start_matches("gl-").to_string();
    assert!(
        href.as_str()
            .unwrap()
            .ends_with(&format!("/glossary/#{entry}")),
        "{href}"
    );
    assert_eq!(
        tab.eval(&format!("!!document.getElementById({entry:?})")),
        true,
        "the glossary has the entry"
    );
    assert_eq!(tab.eval("document.querySelectorAll('.popover').length"), 0);
    tab.call(
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({"value": false}),
    );
}

#[test]
fn in_the_other_reading_language_terms_show_that_language_s_cards() {
    let Some(tab) = browser::tab() else { return };
    let page = serve_site(TempSite::fixture("glossary"));
    tab.set_viewport(1280, 900);
    tab.goto(&page.server.url("briefings/gamma/"));
    tab.eval("localStorage.clear()");
    tab.goto(&page.server.url("briefings/gamma/"));
    tab.click("button[data-mode=en]");
    tab.wait_for("!!document.querySelector('.translation a.term') && !document.querySelector('.translation').hidden");
    tab.eval("document.querySelector('.translation a.term').scrollIntoView({block: 'center'})");
    tab.hover(".translation a.term");
    tab.wait_for("!!document.querySelector('.popover')");
    let card = tab.eval("document.querySelector('.popover').textContent");
    assert!(
        card.as_str().unwrap().contains("Open in glossary"),
        "{card}"
    );
    tab.eval("localStorage.clear()");
}

#[test]
fn a_chinese_note_in_a_popover_on_the_english_page_is_not_justified() {
    let Some(tab) = browser::tab() else { return };
    let page = served();
    tab.set_viewport(1280, 900); // wide enough for justified Chinese paragraphs
    tab.goto(&page.server.url("en/briefings/alpha/"));
    tab_to(&tab, "a[role=doc-noteref]");
    tab.wait_for("!!document.querySelector('.popover p')");
    let card = "document.querySelector('.popover p')";
    assert_eq!(
        tab.eval(&format!("{card}.closest('[lang]').lang")),
        "zh-Hant"
    );
    assert_eq!(
        tab.eval(&format!("getComputedStyle({card}).textAlign")),
        "start"
    );
    tab.goto(&page.server.url("briefings/alpha/"));
    assert_eq!(
        tab.eval("getComputedStyle(document.querySelector('.body p')).textAlign"),
        "justify",
        "Chinese body text stays justified"
    );
}

#[test]
fn every_accent_follows_the_one_brand_colour_in_both_schemes() {
    let Some(tab) = browser::tab() else { return };
    let page = served();
    tab.set_viewport(1280, 900);
    tab.goto(&page.server.url("en/briefings/alpha/"));
    // No colour transitions: a colour is read right after it is changed.
    tab.eval("document.head.insertAdjacentHTML('beforeend', '<style>* { transition: none !important }</style>')");
    // A link's colour, and each accent variable as a probe element resolves it.
    let accents = "(() => { const probe = document.createElement('span'); document.body.append(probe); \
         const values = ['--accent', '--accent-strong', '--accent-line', '--current-bg'].map(v => { \
           probe.style.color = `var(${v})`; return getComputedStyle(probe).color; }); \
         probe.remove(); \
         return [getComputedStyle(document.querySelector('a[role=doc-noteref]')).color, ...values]; })()";
    for scheme in ["light", "dark"] {
        let media =
            serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]});
        tab.call("Emulation.setEmulatedMedia", media);
        tab.eval("document.documentElement.style.removeProperty('--brand')");
        let before = tab.eval(accents);
        tab.eval("document.documentElement.style.setProperty('--brand', 'rgb(160, 20, 20)')");
        let after = tab.eval(accents);
        let (before, after) = (before.as_array().unwrap(), after.as_array().unwrap());
        for (i, (b, a)) in before.iter().zip(after).enumerate() {
            assert_ne!(b, a, "{scheme}: accent {i} ignores --brand");
        }
    }
    tab.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"features": []}),
    );
}

/// The accessible name Chromium computes for the first element matching `selector`.
fn accessible_name(tab: &Tab, selector: &str) -> String {
    tab.call("Accessibility.enable", serde_json::json!({}));
    let root = tab.call("DOM.getDocument", serde_json::json!({}));
    let node = tab.call(
        "DOM.querySelector",
        serde_json::json!({"nodeId": root["root"]["nodeId"], "selector": selector}),
    );
    let tree = tab.call(
        "Accessibility.getPartialAXTree",
        serde_json::json!({"nodeId": node["nodeId"], "fetchRelatives": false}),
    );
    tree["nodes"][0]["name"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn outline_numbers_are_seen_read_and_copied_in_each_language() {
    let Some(tab) = browser::tab() else { return };
    let shipped = serve_site(TempSite::shipped());
    let briefing = common::first_briefing(&shipped._site.public());
    for (prefix, section, sub) in [("", "壹、", "一、"), ("en/", "I. ", "A. ")] {
        tab.goto(&shipped.server.url(&format!("{prefix}{briefing}")));
        let heading = ".body section:first-of-type h2";
        let seen = tab.eval(&format!("document.querySelector({heading:?}).innerText"));
        let seen = seen.as_str().unwrap().to_string();
        assert!(seen.starts_with(section), "{prefix}: seen {seen:?}");
        let name = accessible_name(&tab, heading);
        assert!(
            name.starts_with(section.trim_end()),
            "{prefix}: read {name:?}"
        );
        let copied = tab.eval(&format!(
            "(() => {{ const r = document.createRange(); r.selectNodeContents(document.querySelector({heading:?})); \
             getSelection().removeAllRanges(); getSelection().addRange(r); return getSelection().toString(); }})()"
        ));
        assert!(
            copied.as_str().unwrap().starts_with(section),
            "{prefix}: copied {copied}"
        );
        let toc = tab.eval("document.querySelector('nav.toc li a').textContent");
        assert!(
            toc.as_str().unwrap().starts_with(section),
            "{prefix}: contents {toc}"
        );
        let h3 = tab.eval("(document.querySelector('.body h3') || {}).innerText || ''");
        let h3 = h3.as_str().unwrap();
        assert!(
            h3.is_empty() || h3.starts_with(sub),
            "{prefix}: sub-heading {h3:?}"
        );
    }
}
