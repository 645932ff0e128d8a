//! Writing body text as Markdown: escaping only what Markdown would read as
//! markup, so the text round-trips, and note references as `[^N]`.

use super::model::Inline;

/// Escapes `text` so Markdown shows it literally. `line_start` says whether
/// it begins a line, where `#`, `>`, `-`, `+`, `:` (a definition list) and
/// `1.` would start a block.
pub fn escape(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (i, &c) in chars.iter().enumerate() {
        let at_start = line_start && i == 0 && "#>-+=:".contains(c);
        let list = line_start && digits > 0 && i == digits && (c == '.' || c == ')');
        let entity = c == '&' && entity_follows(&chars[i + 1..]);
        if "\\`*_[<~".contains(c) || at_start || list || entity {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// True when `after` (what follows a `&`) reads as an entity: `amp;`, `#38;`.
fn entity_follows(after: &[char]) -> bool {
    let name = after
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && after.get(name) == Some(&';')
}

/// Text and note references as one line of Markdown.
pub fn inlines(inlines: &[Inline], line_start: bool) -> String {
    let mut out = String::new();
    for (i, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Text(t) => out.push_str(&escape(t, line_start && i == 0)),
            Inline::Note(n) => out.push_str(&format!("[^{n}]")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_only_markup() {
        assert_eq!(
            escape("中國「帶路倡議」，5G、64.6%", true),
            "中國「帶路倡議」，5G、64.6%"
        );
        assert_eq!(
            escape("a*b_c [d] <e> `f` ~g~ \\", false),
            "a\\*b\\_c \\[d] \\<e> \\`f\\` \\~g\\~ \\\\"
        );
        assert_eq!(escape("AT&T &amp; & x", false), "AT&T \\&amp; & x");
    }

    #[test]
    fn escapes_block_starts_only_at_line_start() {
        assert_eq!(escape("# x", true), "\\# x");
        assert_eq!(escape("# x", false), "# x");
        assert_eq!(escape("- x", true), "\\- x");
        assert_eq!(escape("2022. x", true), "2022\\. x");
        assert_eq!(escape("2022 年", true), "2022 年");
    }

    #[test]
    fn escaped_text_round_trips_through_markdown() {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let options = Options::ENABLE_FOOTNOTES
            | Options::ENABLE_TABLES
            | Options::ENABLE_HEADING_ATTRIBUTES
            | Options::ENABLE_DEFINITION_LIST
            | Options::ENABLE_STRIKETHROUGH;
        for text in [
            "a*b*c [x](y) <z> _u_ `c` ~~s~~ \\ AT&T &amp; [^1]",
            "# not a heading",
            "1. not a list",
            "2022) neither",
            "- not a list",
            "> not a quote",
            ": not a definition",
            "中文*強調*與<https://a.org>",
        ] {
            let md = format!("term\n\n{}", escape(text, true));
            let mut back = String::new();
            for event in Parser::new_ext(&md, options) {
                match event {
                    Event::Text(t) => back.push_str(&t),
                    Event::Start(Tag::Paragraph) | Event::End(_) => {}
                    other => panic!("{text}: {other:?}"),
                }
            }
            assert_eq!(back, format!("term{text}"));
        }
    }

    #[test]
    fn writes_note_references() {
        let text = [
            Inline::Text("a".into()),
            Inline::Note(1),
            Inline::Note(2),
            Inline::Text("*b".into()),
        ];
        assert_eq!(inlines(&text, true), "a[^1][^2]\\*b");
    }
}
