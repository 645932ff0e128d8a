// Popovers for note references and glossary terms, as progressive
// enhancement: without JavaScript the links simply jump to the note or the
// glossary. A note's card is copied from the endnote on the page; a term's
// card comes from its language's glossary file (named by the nearest
// data-glossary: one JSON file per language, fetched once, kept by the
// browser's cache across pages since its name changes with its content). Follows WCAG 1.4.13 (content on hover or focus): Esc dismisses,
// the pointer can move onto the card, it stays while hovered or focused,
// it never covers its reference, and links inside it work.
"use strict";
(function () {
  const TRIGGERS = 'a[role="doc-noteref"], a[data-popover]';
  const HIDE_DELAY = 300;
  let current = null; // { trigger, card }
  let hideTimer = 0;
  let lastPointer = "mouse";
  let quietFocus = false;
  let counter = 0;
  let wanted = null; // the trigger whose card is on its way
  const glossaries = new Map(); // file URL -> Promise of { "gl-<id>": <template> }

  // The glossary cards of the language of `trigger`'s text; a failed fetch
  // is tried again on the next term.
  function glossaryOf(trigger) {
    const holder = trigger.closest("[data-glossary]");
    const url = holder ? holder.dataset.glossary : "";
    if (!url) return Promise.resolve({});
    if (!glossaries.has(url)) {
      glossaries.set(url, fetch(url)
        .then(function (response) { return response.ok ? response.json() : Promise.reject(); })
        .then(function (cards) {
          const parsed = {};
          Object.keys(cards).forEach(function (id) {
            parsed[id] = document.createElement("template");
            parsed[id].innerHTML = cards[id];
          });
          return parsed;
        })
        .catch(function () { glossaries.delete(url); return {}; }));
    }
    return glossaries.get(url);
  }

  // What the popover shows (a <template> or a note <li>), or null.
  function sourceOf(trigger) {
    if (trigger.dataset.popover) {
      return glossaryOf(trigger).then(function (cards) { return cards[trigger.dataset.popover] || null; });
    }
    return Promise.resolve(document.getElementById(decodeURIComponent(trigger.hash.slice(1))));
  }

  // A copy of a note or template's content, without ids or backlinks.
  function contentOf(source) {
    const box = document.createElement("div");
    if (source.tagName === "TEMPLATE") {
      box.append(source.content.cloneNode(true));
    } else {
      box.append(...Array.from(source.cloneNode(true).childNodes));
      if (source.lang) box.lang = source.lang;
    }
    box.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    box.querySelectorAll("a.backlink").forEach(function (el) { el.remove(); });
    return box;
  }

  // The card for a trigger; a short-form note also shows the full citation.
  function buildCard(trigger, source) {
    const card = document.createElement("span");
    card.className = "popover";
    card.id = "popover-" + (++counter);
    card.setAttribute("role", "note");
    card.append(contentOf(source));
    (source.dataset.see || "").split(" ").filter(Boolean).forEach(function (id) {
      const full = document.getElementById(id);
      if (full) {
        const extra = contentOf(full);
        extra.className = "popover-full";
        card.append(extra);
      }
    });
    card.addEventListener("mouseenter", cancelHide);
    card.addEventListener("mouseleave", scheduleHide);
    card.addEventListener("focusout", function (event) {
      if (!card.contains(event.relatedTarget) && event.relatedTarget !== trigger) scheduleHide();
    });
    return card;
  }

  // Shows the card of `trigger`; with `orFollow` (a tap, whose click was
  // held back for the card), follows the link when there is no card.
  function show(trigger, orFollow) {
    cancelHide();
    if (current && current.trigger === trigger) return;
    hide();
    wanted = trigger;
    sourceOf(trigger).then(function (source) {
      if (wanted !== trigger) return;
      if (source) open(trigger, source);
      else if (orFollow) location.assign(trigger.href);
    });
  }

  function open(trigger, source) {
    hide();
    const card = buildCard(trigger, source);
    const anchor = trigger.closest("sup") || trigger;
    anchor.after(card);
    place(card, trigger);
    trigger.setAttribute("aria-describedby", card.id);
    current = { trigger: trigger, card: card };
  }

  // Below the reference, or above it when there is no room; never over it.
  function place(card, trigger) {
    card.style.position = "absolute";
    card.style.left = "0px";
    card.style.top = "0px";
    const origin = card.getBoundingClientRect();
    const ref = trigger.getBoundingClientRect();
    const width = card.offsetWidth;
    const height = card.offsetHeight;
    const margin = 8;
    const left = Math.max(margin, Math.min(ref.left - 16, window.innerWidth - width - margin));
    const below = ref.bottom + 6;
    const fitsBelow = below + height <= window.innerHeight - margin;
    const top = fitsBelow || ref.top - height - 6 < margin ? below : ref.top - height - 6;
    card.style.left = (left - origin.left) + "px";
    card.style.top = (top - origin.top) + "px";
  }

  function hide() {
    cancelHide();
    wanted = null;
    if (!current) return;
    current.trigger.removeAttribute("aria-describedby");
    current.card.remove();
    current = null;
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = window.setTimeout(function () {
      if (!current) { wanted = null; return; }
      const active = document.activeElement;
      const hovered = current.card.matches(":hover") || current.trigger.matches(":hover");
      const focused = active === current.trigger || current.card.contains(active);
      if (!hovered && !focused) hide();
    }, HIDE_DELAY);
  }

  function cancelHide() {
    window.clearTimeout(hideTimer);
  }

  // Moves focus to an in-page link's target, so ↩︎ returns focus to the reference.
  function focusTarget(link) {
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
    quietFocus = true;
    target.focus();
    quietFocus = false;
  }

  // Terms show their card at once: the page's glossary is fetched when idle.
  const firstTerm = document.querySelector("a[data-popover]");
  if (firstTerm) (window.requestIdleCallback || window.setTimeout)(function () { glossaryOf(firstTerm); });

  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);
  document.addEventListener("keydown", function () { lastPointer = "keyboard"; }, true);
  document.addEventListener("mouseover", function (event) {
    const trigger = event.target.closest && event.target.closest(TRIGGERS);
    if (trigger && lastPointer !== "touch") show(trigger);
  });
  document.addEventListener("mouseout", function (event) {
    const trigger = event.target.closest && event.target.closest(TRIGGERS);
    if (trigger && current && current.trigger === trigger) scheduleHide();
  });
  // A tap focuses its link before it clicks: the click decides what a tap
  // does, so the first tap shows the card instead of following the link.
  document.addEventListener("focusin", function (event) {
    const trigger = event.target.closest && event.target.closest(TRIGGERS);
    if (trigger && !quietFocus && lastPointer !== "touch") show(trigger);
  });
  // A page restored by Back shows no card left open when it was left.
  window.addEventListener("pageshow", function (event) { if (event.persisted) hide(); });
  document.addEventListener("focusout", function (event) {
    if (current && event.target === current.trigger && !current.card.contains(event.relatedTarget)) scheduleHide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      if (current.card.contains(document.activeElement)) {
        quietFocus = true; // back to the reference, not lost with the card
        current.trigger.focus();
        quietFocus = false;
      }
      hide();
    }
  });
  document.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest("a[href]");
    const trigger = link && link.matches(TRIGGERS) ? link : null;
    if (trigger && lastPointer === "touch") {
      if (!(current && current.trigger === trigger)) {
        event.preventDefault(); // first tap shows the note; a second tap follows the link
        show(trigger, true);
        return;
      }
      hide();
    }
    if (current && !current.card.contains(event.target) && event.target !== current.trigger) hide();
    if (link && link.hash && link.pathname === location.pathname && link.closest("article")) {
      window.setTimeout(function () { focusTarget(link); }, 0);
    }
    lastPointer = "mouse";
  });
})();
