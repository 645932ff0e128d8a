// The copy buttons of the "Cite this briefing" section: each copies its
// citation's text and announces the copy in the section's live region, so
// screen readers hear it. Without JavaScript the buttons stay hidden and the
// citations are plain, selectable text.
"use strict";
(function () {
  const styles = document.querySelector(".cite-styles");
  if (!styles) return;
  const status = document.querySelector(".cite-status");

  function announce(message) {
    // Emptied first, so that copying the same citation twice is announced twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  // Copies with the Clipboard API, else by selecting the text and the
  // older copy command (pages served over plain HTTP lack the API).
  function copy(el) {
    const text = el.textContent.trim();
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return selectAndCopy(el); });
    }
    return selectAndCopy(el);
  }

  function selectAndCopy(el) {
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    const ok = document.execCommand("copy");
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  styles.querySelectorAll("button.cite-copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      const citation = document.getElementById(button.dataset.copy);
      copy(citation).then(
        function () { announce(styles.dataset.copied); },
        function () { announce(styles.dataset.copyFailed); }
      );
    });
  });
})();
