// Marks the table of contents entry of the section being read with
// aria-current="true" (styled by the theme). Without JavaScript the TOC is a
// plain list of links.
"use strict";
(function () {
  const toc = document.querySelector("nav.toc");
  if (!toc || !("IntersectionObserver" in window)) return;
  const links = new Map();
  toc.querySelectorAll('a[href^="#"]').forEach(function (a) { links.set(decodeURIComponent(a.hash.slice(1)), a); });
  const sections = Array.from(document.querySelectorAll("article section[id]")).filter(function (s) { return links.has(s.id); });
  const visible = new Set();
  const observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { if (e.isIntersecting) visible.add(e.target); else visible.delete(e.target); });
    const first = sections.find(function (s) { return visible.has(s); });
    if (!first) return;
    links.forEach(function (a) { a.removeAttribute("aria-current"); });
    links.get(first.id).setAttribute("aria-current", "true");
  }, { rootMargin: "0px 0px -60% 0px" });
  sections.forEach(function (s) { observer.observe(s); });
})();
