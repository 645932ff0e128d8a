// What the theme's scripts agree on, in one place: the keys they keep in
// localStorage and the prefix that the reading mode (mode.js) gives the ids
// of the other language's text, which the language switch (language.js)
// takes off again. Scripts run in name order, so this one runs first.
"use strict";
window.briefing = Object.freeze({
  languageKey: "briefing-language", // the language the reader chose last
  modeKey: "briefing-mode", // the reading mode: a language or "parallel"
  // The prefix of the ids of `lang`'s text on another language's page
  // ("en-", "zh-hant-").
  idPrefix: function (lang) { return lang.toLowerCase() + "-"; },
});
