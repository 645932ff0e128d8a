// Language switch: keep the reader's place (the current section anchor) and
// the query string (a search page's ?q=) when switching, and remember an
// explicit choice. Without JavaScript the switch is
// a plain link to the other language's page.
"use strict";
(function () {
  const KEY = window.briefing.languageKey;
  const MODE_KEY = window.briefing.modeKey; // the reading mode's (mode.js)
  document.querySelectorAll("a[data-switch-lang]").forEach(function (link) {
    link.addEventListener("click", function () {
      try {
        localStorage.setItem(KEY, link.dataset.switchLang);
        if (localStorage.getItem(MODE_KEY) !== "parallel") localStorage.setItem(MODE_KEY, link.dataset.switchLang);
      } catch { /* storage disabled */ }
      link.search = location.search;
      const anchor = currentAnchor();
      if (anchor) link.hash = anchor;
    });
  });
  // The current page's own language, while the reading mode shows the other
  // one, is chosen by switching the reading mode back, at the same place.
  document.querySelectorAll(".lang-switch a[aria-current]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      const mode = document.body.dataset.mode;
      const button = document.querySelector('.mode-toggle button[data-mode="' + link.lang + '"]');
      if (!button || !mode || mode === link.lang || mode === "parallel") return;
      event.preventDefault();
      const anchor = currentAnchor();
      document.addEventListener("briefing:layout", function () {
        const target = anchor && document.getElementById(anchor);
        if (target) target.scrollIntoView();
      }, { once: true });
      button.click();
    });
  });

  // A reader who chose a language and arrives from elsewhere gets that language.
  let chosen = null;
  try { chosen = localStorage.getItem(KEY); } catch { /* storage disabled */ }
  const arrivedFromOutside = !document.referrer || new URL(document.referrer).origin !== location.origin;
  if (chosen && chosen !== document.documentElement.lang && arrivedFromOutside) {
    const alternate = document.querySelector('link[rel="alternate"][hreflang="' + chosen + '"]');
    if (alternate) location.replace(new URL(alternate.href).pathname + location.search + location.hash);
  }

  // The id, on the other page, of the last section or heading scrolled past
  // (of the text shown: the reading mode may hide the page's own), or the
  // URL's hash.
  function currentAnchor() {
    const marks = document.querySelectorAll("main :is(section, .parallel-section, h3, h4)[id]");
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    let found = target ? originalId(target) : location.hash.slice(1);
    for (const el of marks) {
      if (el.getClientRects().length === 0) continue;
      if (el.getBoundingClientRect().top <= 80) found = originalId(el); else break;
    }
    return found;
  }

  // The reading mode prefixes the ids of the other language's text with its
  // language (`en-`, briefing.js's idPrefix); on that language's own page
  // they have no prefix.
  function originalId(el) {
    const box = el.closest(".translation[lang], .parallel-pair > [lang]");
    if (!box || box.lang === document.documentElement.lang) return el.id;
    const prefix = window.briefing.idPrefix(box.lang);
    return el.id.startsWith(prefix) ? el.id.slice(prefix.length) : el.id;
  }
})();
