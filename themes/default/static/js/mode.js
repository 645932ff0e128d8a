// The reading-mode toggle of a briefing page: the page's own language, the
// other language, or both side by side (對照), switched instantly without a
// reload. The other language's text comes from an inert <template> in the
// page, so search engines see one language per URL. The choice persists.
"use strict";
(function () {
  const KEY = "briefing-mode";
  const toggle = document.querySelector(".mode-toggle");
  const article = document.querySelector("article.briefing");
  if (!toggle || !article) return;
  const pageLang = toggle.dataset.pageLang;
  const own = partsOf(article);
  const translations = new Map(); // lang -> { box, parts }
  let undo = []; // node moves made by the side-by-side view, to reverse
  let mode = pageLang;

  // The body, endnotes and references directly inside `root`.
  function partsOf(root) {
    return Array.from(root.children).filter(function (el) {
      return el.matches(".body, section.endnotes, section.references");
    });
  }

  // The other language's text, taken out of its template on first use.
  function translation(lang) {
    if (!translations.has(lang)) {
      const template = document.getElementById("translation-" + lang);
      if (!template) return null;
      const box = template.content.firstElementChild.cloneNode(true);
      box.classList.add("translation");
      box.hidden = true;
      (own[own.length - 1] || article.lastElementChild).after(box);
      translations.set(lang, { box: box, parts: partsOf(box) });
    }
    return translations.get(lang);
  }

  function apply(next) {
    const other = Array.from(toggle.querySelectorAll("button[data-mode]")).map(function (b) { return b.dataset.mode; })
      .find(function (m) { return m !== pageLang && m !== "parallel"; });
    if (next !== "parallel" && next !== pageLang && !translation(next)) next = pageLang;
    if (next === "parallel" && !translation(other)) next = pageLang;
    leaveParallel();
    own.forEach(function (el) { el.hidden = next !== pageLang && next !== "parallel"; });
    translations.forEach(function (t, lang) { t.box.hidden = !(next === lang || (next === "parallel" && lang === other)); });
    if (next === "parallel") enterParallel(translation(other));
    document.body.classList.toggle("mode-parallel", next === "parallel");
    toggle.querySelectorAll("button[data-mode]").forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.mode === next)); });
    mode = next;
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
      const left = Array.from(section.children);
      const right = theirs[i] ? Array.from(theirs[i].children) : [];
      pairs(left, right).forEach(function (pair) {
        const line = document.createElement("div");
        line.className = "parallel-pair";
        row.append(line);
        [[pair[0], section.lang || pageLang], [pair[1], theirs[i] ? theirs[i].lang || other.box.lang : other.box.lang]].forEach(function (cell) {
          const box = document.createElement("div");
          box.className = cell[1].indexOf("zh") === 0 ? "parallel-zh" : "parallel-en";
          box.lang = cell[1];
          cell[0].forEach(function (node) { move(node, box); });
          line.append(box);
        });
      });
    });
    own.slice(1).concat(other.parts.slice(1)).forEach(function (el) { el.hidden = false; });
    own[0].hidden = true;
    other.parts[0].hidden = true;
    other.box.hidden = false;
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
    apply(button.dataset.mode);
    try { localStorage.setItem(KEY, mode); } catch (e) { /* storage disabled */ }
  });
  let saved = null;
  try { saved = localStorage.getItem(KEY); } catch (e) { /* storage disabled */ }
  if (saved && saved !== pageLang) apply(saved);
})();
