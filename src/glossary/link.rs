//! The adapter that links glossary terms in one section's events: the first
//! occurrence of each entry (its term or any alias) in the section becomes
//! `<a class="term" href="…glossary/#id" data-popover="gl-id">`; editors'
//! `[[id]]`, `[[id|text]]` always link and `[[!text]]` never does.

use super::runs::{linkable_runs, marks, Mark, Marked};
use super::Glossary;
use crate::markdown::{escape_text, Spanned, TextRun};
use pulldown_cmark::{CowStr, Event};
use std::ops::Range;

/// A section's events with its glossary terms linked.
#[derive(Debug, Clone)]
pub struct Linked<'a> {
    /// The rewritten events (source ranges kept as closely as possible).
    pub events: Vec<Spanned<'a>>,
    /// Ids of the entries linked, in order of their first link.
    pub terms: Vec<String>,
}

impl Glossary<'_> {
    /// Links the terms of `lang` in a section's `events` (from
    /// `markdown::parse`, after heading ids are assigned). `source` is the
    /// section's Markdown, to tell `\[[` from `[[`; `href` is the glossary
    /// page the links point to, e.g. "/en/glossary/".
    pub fn link<'a>(
        &self,
        events: Vec<Spanned<'a>>,
        source: &str,
        lang: &str,
        href: &str,
    ) -> Linked<'a> {
        let runs = linkable_runs(&events);
        let mut section = Section {
            glossary: self,
            lang,
            href,
            terms: Vec::new(),
        };
        let mut out = Vec::with_capacity(events.len() + 6 * runs.len());
        let mut rest = events.into_iter();
        let mut at = 0;
        for run in &runs {
            out.extend(rest.by_ref().take(run.events.start - at));
            let original: Vec<Spanned<'a>> = rest.by_ref().take(run.events.len()).collect();
            at = run.events.end;
            match section.rewrite(run, source) {
                Some(linked) => out.extend(linked),
                None => out.extend(original),
            }
        }
        out.extend(rest);
        Linked {
            events: out,
            terms: section
                .terms
                .iter()
                .map(|&i| self.entries()[i].value.id.clone())
                .collect(),
        }
    }
}

/// The linking state of one section.
struct Section<'g, 's> {
    glossary: &'g Glossary<'s>,
    lang: &'g str,
    href: &'g str,
    /// Entries linked so far, in order.
    terms: Vec<usize>,
}

/// Events being built for one run, with whether anything was linked.
struct Pieces<'r> {
    run: &'r TextRun,
    events: Vec<Spanned<'static>>,
    changed: bool,
}

impl Pieces<'_> {
    fn text(&mut self, range: Range<usize>) {
        self.events.extend(self.run.text_events(range));
    }

    fn plain(&mut self, text: String, range: Range<usize>) {
        let source = self.run.source_range(&range);
        self.events.push((Event::Text(CowStr::from(text)), source));
    }

    fn link(&mut self, id: &str, href: &str, shown: String, range: Range<usize>) {
        let source = self.run.source_range(&range);
        let open = format!(
            "<a class=\"term\" href=\"{}#{}\" data-popover=\"gl-{}\">",
            escape_text(href),
            escape_text(id),
            escape_text(id)
        );
        self.events
            .push((Event::InlineHtml(open.into()), source.clone()));
        self.events
            .push((Event::Text(shown.into()), source.clone()));
        self.events.push((Event::InlineHtml("</a>".into()), source));
        self.changed = true;
    }
}

impl Section<'_, '_> {
    /// The run's events with terms linked, or `None` if nothing changed.
    fn rewrite(&mut self, run: &TextRun, source: &str) -> Option<Vec<Spanned<'static>>> {
        let marks = marks(run, source);
        let mut pieces = Pieces {
            run,
            events: Vec::new(),
            changed: !marks.is_empty(),
        };
        let mut cursor = 0;
        for mark in &marks {
            self.auto(&mut pieces, cursor..mark.range.start);
            self.mark(&mut pieces, mark);
            cursor = mark.range.end;
        }
        self.auto(&mut pieces, cursor..run.text.len());
        pieces.changed.then_some(pieces.events)
    }

    /// Links the first occurrence of each entry not yet linked in `span`.
    fn auto(&mut self, pieces: &mut Pieces, span: Range<usize>) {
        let Some(matcher) = self.glossary.matcher(self.lang) else {
            return pieces.text(span);
        };
        let mut plain = span.start;
        let mut from = span.start;
        while let Some(found) = matcher.find(&pieces.run.text, from..span.end) {
            from = found.range.end;
            if self.terms.contains(&found.entry) {
                continue;
            }
            self.terms.push(found.entry);
            pieces.text(plain..found.range.start);
            let id = &self.glossary.entries()[found.entry].value.id;
            let shown = pieces.run.text[found.range.clone()].to_string();
            pieces.link(id, self.href, shown, found.range);
            plain = from;
        }
        pieces.text(plain..span.end);
    }

    /// Renders one `[[…]]`: a link to a published entry, else plain text.
    fn mark(&mut self, pieces: &mut Pieces, mark: &Mark) {
        let range = mark.range.clone();
        let (id, shown) = match &mark.marked {
            Marked::Unlinked(text) => return pieces.plain(text.to_string(), range),
            Marked::Link { id, shown } => (*id, *shown),
        };
        let entry = self.glossary.get(id);
        let term = entry.and_then(|e| e.term_or_any(self.lang));
        let shown = shown
            .or(term.map(|t| t.term.as_str()))
            .unwrap_or(id)
            .to_string();
        match self.glossary.published(id) {
            Some((i, _)) => {
                if !self.terms.contains(&i) {
                    self.terms.push(i);
                }
                pieces.link(id, self.href, shown, range);
            }
            None => pieces.plain(shown, range),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{glossary, languages};
    use super::*;
    use crate::markdown::{assign_heading_ids, parse, to_html};

    const HREF: &str = "/en/glossary/";

    fn entries() -> crate::content::Glossary {
        glossary(&[
            (
                "bri",
                &["帶路倡議", "一帶一路", "帶路"],
                &["Belt and Road Initiative", "BRI"],
                false,
            ),
            ("c5", &["中亞五國"], &["five Central Asian states"], false),
            ("asia", &["中亞"], &["Central Asia"], false),
            ("draft", &["維穩"], &["stability maintenance"], true),
        ])
    }

    /// The HTML of `source` in `lang` with terms linked, and the ids linked.
    fn linked(source: &str, lang: &str) -> (String, Vec<String>) {
        let content = entries();
        let (g, _) = Glossary::new(&content, &languages());
        let mut events = parse(source);
        assign_heading_ids(&mut events, "s");
        let linked = g.link(events, source, lang, HREF);
        (
            to_html(linked.events.into_iter().map(|(e, _)| e)),
            linked.terms,
        )
    }

    fn link(id: &str, text: &str) -> String {
        format!("<a class=\"term\" href=\"{HREF}#{id}\" data-popover=\"gl-{id}\">{text}</a>")
    }

    #[test]
    fn cjk_longest_first_once_per_entry() {
        let (html, terms) = linked("中亞五國與中亞支持一帶一路；帶路倡議與中亞。", "zh-Hant");
        assert_eq!(
            html,
            format!(
                "<p>{}與{}支持{}；帶路倡議與中亞。</p>\n",
                link("c5", "中亞五國"),
                link("asia", "中亞"),
                link("bri", "一帶一路")
            )
        );
        assert_eq!(terms, ["c5", "asia", "bri"]);
    }

    #[test]
    fn latin_aliases_on_word_boundaries() {
        let (html, _) = linked("The BRIDGE and the BRI's Belt and Road Initiative.", "en");
        assert_eq!(
            html,
            format!(
                "<p>The BRIDGE and the {}'s Belt and Road Initiative.</p>\n",
                link("bri", "BRI")
            )
        );
    }

    #[test]
    fn terms_split_by_a_cjk_line_break_are_found() {
        let (html, _) = linked("推動帶路\n倡議。", "zh-Hant");
        assert_eq!(html, format!("<p>推動{}。</p>\n", link("bri", "帶路倡議")));
    }

    #[test]
    fn headings_links_and_code_are_left_alone() {
        let source = "### 帶路倡議\n\n[帶路倡議](/x) `帶路倡議` <a href=\"/y\">帶路倡議</a>\n\n```\n帶路倡議\n```\n\n後來的帶路倡議。\n";
        let (html, terms) = linked(source, "zh-Hant");
        assert_eq!(html.matches("class=\"term\"").count(), 1, "{html}");
        assert!(
            html.contains(&format!("<p>後來的{}。</p>", link("bri", "帶路倡議"))),
            "{html}"
        );
        assert_eq!(terms, ["bri"]);
    }

    #[test]
    fn forced_links_show_the_term_or_the_given_text() {
        let (html, terms) = linked("[[c5]]、[[bri|那個倡議]]，又見帶路倡議。", "zh-Hant");
        assert_eq!(
            html,
            format!(
                "<p>{}、{}，又見帶路倡議。</p>\n",
                link("c5", "中亞五國"),
                link("bri", "那個倡議")
            )
        );
        assert_eq!(terms, ["c5", "bri"]);
    }

    #[test]
    fn unlinked_marks_stop_a_link_and_leave_the_next_one() {
        let (html, _) = linked("[[!帶路倡議]]之後，帶路倡議。", "zh-Hant");
        assert_eq!(
            html,
            format!("<p>帶路倡議之後，{}。</p>\n", link("bri", "帶路倡議"))
        );
    }

    #[test]
    fn escaped_marks_and_drafts_stay_text() {
        let (html, terms) = linked(r"\[[bri]] 維穩 [[draft]]", "zh-Hant");
        assert_eq!(html, "<p>[[bri]] 維穩 維穩</p>\n");
        assert!(terms.is_empty());
    }

    #[test]
    fn untouched_runs_keep_their_events() {
        let source = "沒有名詞。\n\n### 標題\n";
        let content = entries();
        let (g, _) = Glossary::new(&content, &languages());
        let events = parse(source);
        assert_eq!(
            g.link(events.clone(), source, "zh-Hant", HREF).events,
            events
        );
    }

    #[test]
    fn attributes_are_escaped() {
        assert_eq!(escape_text("/a\"b&c/"), "/a&quot;b&amp;c/");
    }
}
