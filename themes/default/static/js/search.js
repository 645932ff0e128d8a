// Full-text search on the search page (search/): runs the query in ?q= (or
// typed into its form) against the Pagefind index of the page's language,
// lists each result's title and excerpt (the match in <mark>) a page of
// PAGE_SIZE at a time (the "more results" button loads the next page), and
// when nothing matches offers the same query on the other languages' search
// pages.
"use strict";

(() => {
  const form = document.querySelector("form.search-page");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const other = document.getElementById("search-other");
  const more = document.getElementById("search-more");
  const PAGE_SIZE = 20;
  let pagefind = null;
  // The results of the query shown, and how many of them are listed.
  let current = { results: [], shown: 0 };

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

  // Lists the next page of `found`'s results; returns their items.
  const showMore = async (found) => {
    const page = found.results.slice(found.shown, found.shown + PAGE_SIZE);
    found.shown += page.length;
    const items = (await Promise.all(page.map((r) => r.data()))).map(item);
    if (found !== current) return [];
    list.append(...items);
    more.hidden = found.shown >= found.results.length;
    return items;
  };

  const run = async (query) => {
    const found = { results: [], shown: 0 };
    current = found;
    list.replaceChildren();
    more.hidden = true;
    other.hidden = true;
    if (!query.trim()) {
      status.textContent = "";
      return;
    }
    try {
      found.results = (await (await load()).search(query)).results;
    } catch {
      // No index (yet): `serve` is still building it, or it was not uploaded.
      status.textContent = form.dataset.unavailable;
      return;
    }
    if (found !== current) return;
    await showMore(found);
    if (found.results.length) {
      const n = found.results.length;
      // The string for one result, else for any other number (the
      // templates' plural() rule).
      const text = n === 1 ? form.dataset.foundOne : form.dataset.found;
      status.textContent = text.replace("{n}", String(n));
    } else {
      status.textContent = form.dataset.none;
      offerOthers(query);
    }
  };

  // The next page of results; focus goes to its first result, where the
  // keyboard reader continues (the button goes away after the last page).
  // One page at a time, so pages are listed in order.
  let loading = false;
  more.addEventListener("click", async () => {
    if (loading) return;
    loading = true;
    const [first] = await showMore(current).finally(() => (loading = false));
    if (first) first.querySelector("a").focus();
  });

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
