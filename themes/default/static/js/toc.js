// Marks the table of contents entry of the section or sub-section being
// read with aria-current="true" (styled by the theme), and keeps the
// contents open beside the column on wide screens. Without JavaScript the
// TOC is a plain list of links.
"use strict";
(function () {
  const toc = document.querySelector("nav.toc");
  if (!toc) return;
  const details = toc.closest("details");
  if (details && window.matchMedia("(min-width: 68.75em)").matches) details.open = true;
  const links = new Map(); // id -> link of the contents being shown
  let targets = []; // the elements those links lead to, in document order
  let queued = false;

  // The current section is the last target whose top has passed 40% of the
  // window: a sub-heading once its sub-section is being read, its section's
  // heading before and after it.
  function mark() {
    queued = false;
    const line = window.innerHeight * 0.4;
    let current = targets[0];
    for (const el of targets) {
      if (el.getBoundingClientRect().top <= line) current = el; else break;
    }
    toc.querySelectorAll("[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
    if (current) links.get(current.id).setAttribute("aria-current", "true");
  }

  // Finds the targets of the contents now shown (the reading mode may swap
  // in the other language's contents and move the text around).
  function track() {
    links.clear();
    toc.querySelectorAll('a[href^="#"]').forEach(function (a) {
      if (!a.closest("[hidden]")) links.set(decodeURIComponent(a.hash.slice(1)), a);
    });
    targets = Array.from(document.querySelectorAll("article [id]")).filter(function (el) {
      return links.has(el.id) && el.getClientRects().length > 0;
    });
    mark();
  }
  track();
  document.addEventListener("briefing:layout", track);
  window.addEventListener("scroll", function () {
    if (!queued) { queued = true; window.requestAnimationFrame(mark); }
  }, { passive: true });
  window.addEventListener("resize", mark);
})();
