// The reading-mode toggle of a briefing page: the page's own language, the
// other language, or both side by side (對照), switched without a reload.
// The other language's text and table of contents are fetched on first use
// from its own page (the hreflang alternate), so each URL carries one
// language and pages stay half the size. Its ids are prefixed to stay
// unique. The choice persists.
"use strict";
(function () {
  const KEY = window.briefing.modeKey;
  const toggle = document.querySelector(".mode-toggle");
  const article = document.querySelector("article.briefing");
  if (!toggle || !article) return;
  const pageLang = toggle.dataset.pageLang;
  const own = partsOf(article);
  const ownToc = document.querySelector("nav.toc > ol");
  // The contents' heading and disclosure label, which follow the contents shown.
  const tocLabels = Array.from(document.querySelectorAll("#toc-title, details.toc-details > summary"));
  const ownLabel = tocLabels.length ? tocLabels[0].textContent : "";
  const translations = new Map(); // lang -> { box, parts, toc }
  const undo = []; // node moves made by the side-by-side view, to reverse
  let mode = pageLang;

  // The body, endnotes and references directly inside `root`.
  function partsOf(root) {
    return Array.from(root.children).filter(function (el) {
      return el.matches(".body, section.endnotes, section.references");
    });
  }

  const loads = new Map(); // lang -> Promise of { box, parts } or null
  let ticket = 0;

  // The other language's text, fetched once; a failed fetch is tried again
  // on the next choice.
  function translation(lang) {
    if (!loads.has(lang)) {
      loads.set(lang, load(lang).then(function (loaded) {
        if (!loaded) loads.delete(lang);
        return loaded;
      }));
    }
    return loads.get(lang);
  }

  async function load(lang) {
    const link = document.querySelector('link[rel="alternate"][hreflang="' + lang + '"]');
    if (!link) return null;
    try {
      const response = await fetch(new URL(link.href).pathname);
      if (!response.ok) return null;
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      const source = doc.querySelector("article.briefing");
      if (!source) return null;
      const box = document.createElement("div");
      box.className = "translation";
      box.lang = lang;
      box.hidden = true;
      partsOf(source).forEach(function (el) { box.append(document.importNode(el, true)); });
      prefixIds(box, prefixOf(lang));
      (own[own.length - 1] || article.lastElementChild).after(box);
      const loaded = { box: box, parts: partsOf(box), toc: contentsOf(doc, lang) };
      translations.set(lang, loaded);
      return loaded;
    } catch {
      return null; // offline or opened from disk: the page's own language stays
    }
  }

  // The other page's table of contents, leading to the prefixed ids, placed
  // hidden after ours.
  function contentsOf(doc, lang) {
    const source = doc.querySelector("nav.toc > ol");
    if (!source || !ownToc) return null;
    const list = document.importNode(source, true);
    list.lang = lang;
    list.hidden = true;
    prefixIds(list, prefixOf(lang));
    ownToc.after(list);
    const title = doc.getElementById("toc-title");
    return { list: list, label: title ? title.textContent : ownLabel };
  }

  // Shows the contents of the language `lang` (the page's own when no translation's).
  function showContents(lang) {
    const shown = translations.get(lang);
    if (ownToc) ownToc.hidden = !!(shown && shown.toc);
    translations.forEach(function (t) { if (t.toc) t.toc.list.hidden = t !== shown; });
    const label = shown && shown.toc ? shown.toc.label : ownLabel;
    tocLabels.forEach(function (el) {
      el.textContent = label;
      if (shown && shown.toc) el.lang = lang; else el.removeAttribute("lang");
    });
  }

  const prefixOf = window.briefing.idPrefix; // language.js strips the same prefix

  // Prefixes every id in `root` and every in-page reference to one.
  function prefixIds(root, prefix) {
    const list = function (value) { return value.split(" ").filter(Boolean).map(function (id) { return prefix + id; }).join(" "); };
    root.querySelectorAll("[id]").forEach(function (el) { el.id = prefix + el.id; });
    root.querySelectorAll('a[href^="#"]').forEach(function (a) { a.setAttribute("href", "#" + prefix + a.getAttribute("href").slice(1)); });
    root.querySelectorAll("[aria-labelledby]").forEach(function (el) { el.setAttribute("aria-labelledby", list(el.getAttribute("aria-labelledby"))); });
    root.querySelectorAll("[data-see]").forEach(function (el) { el.dataset.see = list(el.dataset.see); });
  }

  async function apply(next) {
    const mine = ++ticket;
    const other = Array.from(toggle.querySelectorAll("button[data-mode]")).map(function (b) { return b.dataset.mode; })
      .find(function (m) { return m !== pageLang && m !== "parallel"; });
    const wanted = next === "parallel" ? other : next;
    let shown = null;
    if (wanted !== pageLang) {
      toggle.setAttribute("aria-busy", "true");
      shown = await translation(wanted);
      toggle.removeAttribute("aria-busy");
      if (mine !== ticket) return; // a later choice won
      if (!shown) next = pageLang;
    }
    leaveParallel();
    const ownShown = next === pageLang || next === "parallel";
    own.forEach(function (el) { el.hidden = !ownShown; });
    translations.forEach(function (t, lang) {
      t.box.hidden = !(next === lang || (next === "parallel" && lang === other));
    });
    showContents(next);
    if (next === "parallel") enterParallel(shown);
    document.body.classList.toggle("mode-parallel", next === "parallel");
    toggle.querySelectorAll("button[data-mode]").forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.mode === next)); });
    mode = next;
    document.body.dataset.mode = next;
    document.dispatchEvent(new Event("briefing:layout"));
  }

  // Pairs each section with its translation, and paragraph with paragraph
  // when both have the same number of blocks.
  function enterParallel(other) {
    const mine = own[0] ? own[0].querySelectorAll(":scope > section.section") : [];
    const theirs = other.parts[0] ? other.parts[0].querySelectorAll(":scope > section.section") : [];
    const grid = document.createElement("div");
    grid.className = "parallel";
    own[0].before(grid);
    undo.push(function () { grid.remove(); });
    mine.forEach(function (section, i) {
      const row = document.createElement("div");
      row.className = "parallel-section";
      grid.append(row);
      // The row takes over the section's id, so the table of contents still leads to it.
      const id = section.id;
      section.removeAttribute("id");
      row.id = id;
      undo.push(function () { row.removeAttribute("id"); section.id = id; });
      const left = Array.from(section.children);
      const right = theirs[i] ? Array.from(theirs[i].children) : [];
      pairs(left, right).forEach(function (pair) {
        const line = document.createElement("div");
        line.className = "parallel-pair";
        row.append(line);
        [
          [pair[0], section.lang || pageLang, own[0]],
          [pair[1], theirs[i] ? theirs[i].lang || other.box.lang : other.box.lang, other.parts[0]]
        ].forEach(function (cell) {
          const box = document.createElement("div");
          box.className = cell[1].indexOf("zh") === 0 ? "parallel-zh" : "parallel-en";
          box.lang = cell[1];
          // Its terms' cards: the glossary file its body named.
          if (cell[2] && cell[2].dataset.glossary) box.dataset.glossary = cell[2].dataset.glossary;
          cell[0].forEach(function (node) { move(node, box); });
          line.append(box);
        });
      });
    });
    own.slice(1).concat(other.parts.slice(1)).forEach(function (el) { setHidden(el, false); });
    setHidden(own[0], true);
    setHidden(other.parts[0], true);
    setHidden(other.box, false);
  }

  // Shows or hides `el` until the side-by-side view is left.
  function setHidden(el, hidden) {
    const was = el.hidden;
    el.hidden = hidden;
    undo.push(function () { el.hidden = was; });
  }

  // [[left blocks], [right blocks]] rows: heading with heading, then block by
  // block when the counts match, else the rest of each side in one row.
  function pairs(left, right) {
    const rows = [[left.slice(0, 1), right.slice(0, 1)]];
    const a = left.slice(1).filter(function (el) { return !el.matches(".notice"); });
    const b = right.slice(1).filter(function (el) { return !el.matches(".notice"); });
    const notices = [left.slice(1).filter(isNotice), right.slice(1).filter(isNotice)];
    if (notices[0].length || notices[1].length) rows.push(notices);
    if (a.length === b.length) a.forEach(function (el, i) { rows.push([[el], [b[i]]]); });
    else rows.push([a, b]);
    return rows;
  }

  function isNotice(el) { return el.matches(".notice"); }

  function move(node, into) {
    const parent = node.parentNode;
    const next = node.nextSibling;
    into.append(node);
    undo.push(function () { parent.insertBefore(node, next); });
  }

  function leaveParallel() {
    while (undo.length) undo.pop()();
  }

  toggle.hidden = false;
  toggle.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-mode]");
    if (!button) return;
    apply(button.dataset.mode).then(function () {
      if (mode !== button.dataset.mode) return; // not loaded: nothing to remember
      try { localStorage.setItem(KEY, mode); } catch { /* storage disabled */ }
      revealHash(false);
    });
  });
  let saved = null;
  try { saved = localStorage.getItem(KEY); } catch { /* storage disabled */ }
  if (saved && saved !== pageLang) {
    apply(saved).then(function () { revealHash(true); });
  } else {
    document.body.dataset.mode = pageLang;
    revealHash(true);
  }

  // The URL's #id names a place in the text shown: after a mode change it
  // may be hidden, or name the other language's text (`#en-…`, from a link
  // made in another mode). Points the URL at that place in the text now
  // shown and, when `scroll`, scrolls to it.
  function revealHash(scroll) {
    const id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    const current = document.getElementById(id);
    if (current && current.getClientRects().length > 0 && !scroll) return;
    const ids = [id];
    toggle.querySelectorAll("button[data-mode]").forEach(function (b) {
      if (b.dataset.mode === "parallel") return;
      const prefix = prefixOf(b.dataset.mode);
      ids.push(id.startsWith(prefix) ? id.slice(prefix.length) : prefix + id);
    });
    const shown = ids.map(function (i) { return document.getElementById(i); })
      .find(function (el) { return el && el.getClientRects().length > 0; });
    if (!shown) return;
    if (shown.id !== id) history.replaceState(null, "", "#" + encodeURIComponent(shown.id));
    if (scroll) shown.scrollIntoView();
  }
})();
