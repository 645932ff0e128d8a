// Marks the table of contents entry of the section being read with
// aria-current="true" (styled by the theme), and keeps the contents open
// beside the column on wide screens. Without JavaScript the TOC is a plain
// list of links.
"use strict";
(function () {
  const toc = document.querySelector("nav.toc");
  if (!toc) return;
  const details = toc.closest("details");
  if (details && window.matchMedia("(min-width: 68.75em)").matches) details.open = true;
  if (!("IntersectionObserver" in window)) return;
  const links = new Map(); // id -> link of the contents being shown
  const visible = new Set();
  let sections = [];
  const observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { if (e.isIntersecting) visible.add(e.target); else visible.delete(e.target); });
    const first = sections.find(function (s) { return visible.has(s); });
    if (!first) return;
    toc.querySelectorAll("[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
    links.get(first.id).setAttribute("aria-current", "true");
  }, { rootMargin: "0px 0px -60% 0px" });

  // (Re)observes the elements that now carry the ids the shown contents
  // (the reading mode may swap in the other language's) lead to.
  function observeSections() {
    observer.disconnect();
    visible.clear();
    links.clear();
    toc.querySelectorAll('a[href^="#"]').forEach(function (a) {
      if (!a.closest("[hidden]")) links.set(decodeURIComponent(a.hash.slice(1)), a);
    });
    sections = Array.from(document.querySelectorAll("article [id]")).filter(function (el) {
      return links.has(el.id) && el.getClientRects().length > 0;
    });
    sections.forEach(function (s) { observer.observe(s); });
  }
  observeSections();
  // The reading-mode toggle moves the text around.
  document.addEventListener("briefing:layout", observeSections);
})();
