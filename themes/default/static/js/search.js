// Full-text search on the search page (search/): runs the query in ?q= (or
// typed into its form) against the Pagefind index of the page's language,
// lists each result's title and excerpt (the match in <mark>), and when
// nothing matches offers the same query on the other languages' search pages.
"use strict";

(() => {
  const form = document.querySelector("form.search-page");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const other = document.getElementById("search-other");
  let pagefind = null;

  const load = async () => {
    if (!pagefind) {
      pagefind = await import(form.dataset.pagefind);
      await pagefind.options({ baseUrl: form.dataset.base });
    }
    return pagefind;
  };

  const item = (data) => {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    const excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    // Pagefind escapes the page's text and adds only <mark> around matches.
    excerpt.innerHTML = data.excerpt;
    li.append(link, excerpt);
    return li;
  };

  const offerOthers = (query) => {
    for (const a of other.querySelectorAll("a")) {
      a.href = `${a.dataset.href}?q=${encodeURIComponent(query)}`;
    }
    other.hidden = false;
  };

  const run = async (query) => {
    list.replaceChildren();
    other.hidden = true;
    if (!query.trim()) {
      status.textContent = "";
      return;
    }
    let found;
    try {
      found = await (await load()).search(query);
    } catch {
      // No index (yet): `serve` is still building it, or it was not uploaded.
      status.textContent = form.dataset.unavailable;
      return;
    }
    const results = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
    list.append(...results.map(item));
    if (results.length) {
      status.textContent = form.dataset.found.replace("{n}", String(found.results.length));
    } else {
      status.textContent = form.dataset.none;
      offerOthers(query);
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value);
  });
  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    run(query);
  }
})();
