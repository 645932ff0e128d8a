//! Where glossary terms may be linked, and the editors' `[[…]]` syntax.
//!
//! pulldown-cmark splits running text into several `Text` events (at `[`,
//! entities, removed CJK line breaks), so terms and `[[…]]` are looked for in
//! a *run*: consecutive text events joined. Runs inside headings, links,
//! images, code blocks and raw `<a>`/`<code>`/`<pre>` HTML are never touched;
//! inline code and note references are separate events and so never part of a
//! run, and note texts are not in a section's body at all.

use crate::markdown::{Spanned, TextRun};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// Raw HTML elements whose content is never linked.
const RAW_EXCLUDED: [&str; 5] = ["a", "code", "pre", "kbd", "samp"];

/// The runs of `events` in which terms may be linked, in order.
pub fn linkable_runs(events: &[Spanned<'_>]) -> Vec<TextRun> {
    let mut runs = Vec::new();
    let mut excluded = 0usize;
    let mut i = 0;
    while i < events.len() {
        let len = events[i..]
            .iter()
            .take_while(|(e, _)| matches!(e, Event::Text(_)))
            .count();
        if len == 0 {
            excluded = update_exclusion(excluded, &events[i].0);
            i += 1;
            continue;
        }
        if excluded == 0 {
            runs.push(TextRun::new(events, i..i + len));
        }
        i += len;
    }
    runs
}

/// The exclusion depth after `event`: entering a heading, link, image, code
/// block or excluded raw HTML element raises it; leaving one lowers it.
fn update_exclusion(depth: usize, event: &Event<'_>) -> usize {
    match event {
        Event::Start(
            Tag::Heading { .. } | Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_),
        ) => depth + 1,
        Event::End(TagEnd::Heading(_) | TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
            depth.saturating_sub(1)
        }
        Event::InlineHtml(html) => match raw_tag(html) {
            Some((name, false)) if RAW_EXCLUDED.contains(&name.as_str()) => depth + 1,
            Some((name, true)) if RAW_EXCLUDED.contains(&name.as_str()) => depth.saturating_sub(1),
            _ => depth,
        },
        _ => depth,
    }
}

/// The lowercase name of a raw HTML tag and whether it is a closing tag.
fn raw_tag(html: &str) -> Option<(String, bool)> {
    let inner = html.trim().strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    (!name.is_empty() && !inner.trim_end().ends_with("/>"))
        .then(|| (name.to_ascii_lowercase(), closing))
}

/// What an editor wrote between `[[` and `]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marked<'t> {
    /// `[[id]]` or `[[id|shown text]]`: link this entry here.
    Link {
        /// The entry's id.
        id: &'t str,
        /// The text to show, if given.
        shown: Option<&'t str>,
    },
    /// `[[!text]]`: show `text` and never link it.
    Unlinked(&'t str),
}

/// One `[[…]]` in a run: where (bytes of the joined text) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark<'t> {
    /// Byte range of the whole `[[…]]`.
    pub range: Range<usize>,
    /// What it asks for.
    pub marked: Marked<'t>,
}

/// Every `[[…]]` of `run` in order. A `[[` written as `\[[` (an odd number
/// of backslashes before it in `source`) is literal text, as in CommonMark.
pub fn marks<'t>(run: &'t TextRun, source: &str) -> Vec<Mark<'t>> {
    let text = run.text.as_str();
    let mut marks = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("[[") {
        let start = from + found;
        from = start + 1;
        if run.is_escaped(source, start) {
            continue;
        }
        let Some(len) = text[start + 2..].find("]]") else {
            break;
        };
        let end = start + 2 + len + 2;
        if let Some(marked) = parse_mark(&text[start + 2..end - 2]) {
            marks.push(Mark {
                range: start..end,
                marked,
            });
            from = end;
        }
    }
    marks
}

fn parse_mark(inner: &str) -> Option<Marked<'_>> {
    if let Some(text) = inner.strip_prefix('!') {
        return (!text.trim().is_empty()).then_some(Marked::Unlinked(text));
    }
    let (id, shown) = match inner.split_once('|') {
        Some((id, shown)) => (id, Some(shown.trim()).filter(|s| !s.is_empty())),
        None => (inner, None),
    };
    let id = id.trim();
    (!id.is_empty()).then_some(Marked::Link { id, shown })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn texts(source: &str) -> Vec<String> {
        linkable_runs(&parse(source))
            .into_iter()
            .map(|r| r.text)
            .collect()
    }

    #[test]
    fn runs_skip_headings_links_images_code_and_raw_anchors() {
        let source = "### 帶路倡議\n\n甲[帶路](/x)乙 ![帶路](i.png) `帶路` <a href=\"/y\">帶路</a> <code>帶路</code>丙\n\n```\n帶路\n```\n";
        assert_eq!(texts(source), ["甲", "乙 ", " ", " ", " ", "丙"]);
    }

    #[test]
    fn runs_join_text_split_by_the_parser() {
        let source = "中國的帶路\n倡議與 a&amp;b [[x]]";
        assert_eq!(texts(source), ["中國的帶路倡議與 a&b [[x]]"]);
    }

    #[test]
    fn source_offsets_follow_entities_and_dropped_breaks() {
        let source = "帶路\n倡議 a&amp;b x";
        let run = &linkable_runs(&parse(source))[0];
        let x = run.text.find('x').expect("x");
        assert_eq!(&source[run.source_offset(x)..], "x");
        let b = run.text.find('b').expect("b");
        assert_eq!(&source[run.source_offset(b)..], "b x");
        assert_eq!(&source[run.source_range(&(0..12))], "帶路\n倡議");
    }

    fn marked(source: &str) -> Vec<String> {
        let run = linkable_runs(&parse(source)).remove(0);
        marks(&run, source)
            .into_iter()
            .map(|m| format!("{:?}", m.marked))
            .collect()
    }

    #[test]
    fn marks_link_show_and_unlink() {
        assert_eq!(
            marked("[[soft-power]] [[ uyghurs | 維族 ]] [[!帶路]] [[]] [[!]] [[x|]]"),
            [
                r#"Link { id: "soft-power", shown: None }"#,
                r#"Link { id: "uyghurs", shown: Some("維族") }"#,
                r#"Unlinked("帶路")"#,
                r#"Link { id: "x", shown: None }"#,
            ]
        );
    }

    #[test]
    fn backslash_escapes_a_mark() {
        assert_eq!(
            marked(r"\[[soft-power]] \\[[uyghurs]]"),
            [r#"Link { id: "uyghurs", shown: None }"#]
        );
    }

    #[test]
    fn raw_tags() {
        assert_eq!(raw_tag("<A href=x>"), Some(("a".into(), false)));
        assert_eq!(raw_tag("</code>"), Some(("code".into(), true)));
        assert_eq!(raw_tag("<br/>"), None);
        assert_eq!(raw_tag("<!-- c -->"), None);
    }
}
