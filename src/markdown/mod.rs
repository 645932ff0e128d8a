//! Markdown as a stream of pulldown-cmark events, and the adapters that make
//! it ours: CJK-aware soft breaks, stable heading ids, and the screen that
//! keeps script links and runaway nesting off the page. Notes are rewritten
//! by [`crate::notes`]; every adapter works on a handful of events and is
//! tested on its own.

mod cjk;
mod headings;
mod raw_html;
mod runs;
mod screen;

pub use cjk::drop_cjk_soft_breaks;
pub use headings::{assign_heading_ids, number_headings, Heading};
pub use raw_html::{tags, RawTag};
pub use runs::{is_escaped, TextRun};
pub use screen::{Finding, Problem, Screened, MAX_NESTING};

use pulldown_cmark::{html, Event, LinkType, Options, Parser, Tag};
use std::ops::Range;

/// An event with the byte range of the source text it came from.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// The Markdown dialect of section files: GFM footnotes, tables, heading
/// attributes, definition lists and strikethrough; no smart punctuation.
pub fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_STRIKETHROUGH
}

/// Parses `text` into events with their source ranges, soft breaks between
/// CJK characters already removed and unsafe links shown as text.
pub fn parse(text: &str) -> Vec<Spanned<'_>> {
    parse_screened(text).events
}

/// [`parse`], with what the screen found (for diagnostics).
pub fn parse_screened(text: &str) -> Screened<'_> {
    screen::screen(parse_unscreened(text))
}

/// Parses Markdown from a YAML value (an abstract, a bio, a definition):
/// its raw HTML becomes text (only section files may carry raw HTML), then
/// it is screened like a section.
pub fn parse_field(text: &str) -> Screened<'_> {
    let events = parse_unscreened(text)
        .into_iter()
        .map(|(e, r)| (escape_raw_html(e), r))
        .collect();
    screen::screen(events)
}

fn parse_unscreened(text: &str) -> Vec<Spanned<'_>> {
    let events = Parser::new_ext(text, options())
        .into_offset_iter()
        .map(|(e, r)| (email_as_mailto(e), r))
        .collect();
    drop_cjk_soft_breaks(events)
}

/// An e-mail autolink (`<editor@example.org>`) as the `mailto:` link it
/// is, so that no later stage takes its bare address for a file name.
fn email_as_mailto(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Link {
            link_type: LinkType::Email,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: format!("mailto:{dest_url}").into(),
            title,
            id,
        }),
        other => other,
    }
}

/// Renders events to an HTML string.
pub fn to_html<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut out = String::new();
    html::push_html(&mut out, events);
    align_by_class(out)
}

/// A table column's alignment as a class (`align-center`) instead of the
/// `style` attribute pulldown-cmark writes, which a Content-Security-Policy
/// without 'unsafe-inline' styles blocks (review R30).
fn align_by_class(mut html: String) -> String {
    for cell in ["th", "td"] {
        for side in ["left", "center", "right"] {
            let style = format!("<{cell} style=\"text-align: {side}\">");
            if html.contains(&style) {
                html = html.replace(&style, &format!("<{cell} class=\"align-{side}\">"));
            }
        }
    }
    html
}

/// Renders Markdown from a YAML value (an abstract, a definition) to HTML,
/// as [`parse_field`] reads it.
pub fn inline_to_html(text: &str) -> String {
    to_html(parse_field(text).events.into_iter().map(|(e, _)| e))
}

/// Escapes text for HTML (and XML) content and double-quoted attribute
/// values (`&`, `<`, `>`, `"`): the one escaper of the code, pulldown-cmark's.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// Turns a raw HTML event into text, so it is escaped on output.
pub fn escape_raw_html(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        other => other,
    }
}

/// The plain text of events (for headings and titles in the table of contents).
pub fn plain_text<'a, 'b>(events: impl Iterator<Item = &'b Event<'a>>) -> String
where
    'a: 'b,
{
    let mut s = String::new();
    for e in events {
        push_plain(&mut s, e);
    }
    s
}

/// Appends what `event` contributes to plain text: its text, or a space
/// for a line break; nothing for markup.
pub fn push_plain(text: &mut String, event: &Event) {
    match event {
        Event::Text(t) | Event::Code(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak => text.push(' '),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review s10 F5: an e-mail autolink was taken for a file name (an
    /// error on a page and in a section).
    #[test]
    fn an_email_autolink_is_a_mailto_link() {
        let events = parse("Write to <editor@example.org>.\n");
        let dest = events.iter().find_map(|(e, _)| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        });
        assert_eq!(dest.as_deref(), Some("mailto:editor@example.org"));
        let html = to_html(events.into_iter().map(|(e, _)| e));
        assert!(
            html.contains("<a href=\"mailto:editor@example.org\">editor@example.org</a>"),
            "{html}"
        );
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let html = inline_to_html("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n");
        assert!(!html.contains("style="), "{html}");
        for side in ["left", "center", "right"] {
            assert_eq!(
                html.matches(&format!("class=\"align-{side}\"")).count(),
                2,
                "{html}"
            );
        }
    }

    #[test]
    fn yaml_markdown_escapes_raw_html() {
        assert_eq!(
            inline_to_html("a <script>alert(1)</script> & b"),
            "<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b</p>\n"
        );
    }

    #[test]
    fn dialect_has_tables_footnotes_and_no_smart_quotes() {
        let html = inline_to_html("a \"b\"[^1]\n\n| x |\n|---|\n| y |\n\n[^1]: n\n");
        assert!(html.contains("a \"b\""), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }
}
