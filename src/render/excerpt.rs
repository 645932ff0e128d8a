//! A briefing's summary for listings, as plain text: the first sentences of
//! an abstract, or the first paragraph of a section.

use crate::markdown::{self, push_plain, Spanned};
use pulldown_cmark::{Event, Tag, TagEnd};

/// A summary stops after the sentence that makes it this many characters long.
const SUMMARY_CHARS: usize = 120;

/// The plain text of the first paragraph of `events`, if it has one.
pub fn first_paragraph(events: &[Spanned]) -> Option<String> {
    let start = events
        .iter()
        .position(|(e, _)| matches!(e, Event::Start(Tag::Paragraph)))?;
    let mut text = String::new();
    for (event, _) in &events[start + 1..] {
        match event {
            Event::End(TagEnd::Paragraph) => break,
            Event::FootnoteReference(_) => {}
            other => push_plain(&mut text, other),
        }
    }
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// The first sentences of the first paragraph of `markdown` (inline Markdown,
/// such as an abstract), as plain text: whole sentences until the summary
/// has [`SUMMARY_CHARS`] characters.
pub fn first_sentences(markdown: &str) -> Option<String> {
    let paragraph = first_paragraph(&markdown::parse_field(markdown).events)?;
    let mut out = String::new();
    let mut chars = 0;
    let mut rest = paragraph.as_str();
    while let Some(end) = sentence_end(rest) {
        let (sentence, after) = rest.split_at(end);
        out.push_str(sentence);
        chars += sentence.chars().count();
        rest = after;
        if chars >= SUMMARY_CHARS {
            return Some(out.trim().to_string());
        }
    }
    out.push_str(rest);
    Some(out.trim().to_string())
}

/// The byte just past the first sentence of `text` (its closing punctuation
/// and, after Latin punctuation, the space), if it has an end before its last
/// character.
fn sentence_end(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        match c {
            '。' | '！' | '？' if end < text.len() => return Some(end),
            '.' | '!' | '?' if chars.peek().is_some_and(|(_, n)| *n == ' ') => {
                return Some(end + 1)
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abstracts_give_whole_sentences() {
        let first = format!("{}.", "a".repeat(SUMMARY_CHARS - 20));
        let long = format!("{first} A second one, which passes the limit. A third one.");
        assert_eq!(
            first_sentences(&long),
            Some(format!("{first} A second one, which passes the limit."))
        );
        assert_eq!(
            first_sentences("Short. Text.").as_deref(),
            Some("Short. Text.")
        );
        let zh = format!("{}。第二句。", "中".repeat(130));
        assert_eq!(
            first_sentences(&zh),
            Some(format!("{}。", "中".repeat(130)))
        );
        assert_eq!(
            first_sentences("*One* para.\n\nTwo.").as_deref(),
            Some("One para.")
        );
    }

    #[test]
    fn first_paragraph_skips_headings_and_note_references() {
        let events = markdown::parse("### Head\n\nText[^1] here.\n\nMore.\n\n[^1]: n\n");
        assert_eq!(first_paragraph(&events).as_deref(), Some("Text here."));
        assert_eq!(first_paragraph(&markdown::parse("# Only\n")), None);
    }
}
