//! A block of Markdown as a translator sees it: text, with the Markdown
//! syntax a CAT tool must not touch (note references, link targets, inline
//! code, emphasis markers, raw HTML, heading markers and attributes,
//! `[[glossary]]` links, backslash escapes, entity references) taken out as
//! placeholders (XLIFF `<ph>`), and back: what the translator typed between
//! them is text, escaped so that it stays text.

/// One piece of a block: text to translate or protected Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text the translator translates.
    Text(String),
    /// Markdown kept as written.
    Code(String),
}

/// Splits a block of Markdown into text and protected code.
pub fn split(block: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = block;
    let mut line_start = true;
    while !rest.is_empty() {
        let code = if line_start { line_marker(rest) } else { None }.or_else(|| code_at(rest));
        match code {
            Some(len) => {
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Code(rest[..len].to_string()));
                line_start = rest[..len].ends_with('\n');
                rest = &rest[len..];
            }
            None => {
                let c = rest.chars().next().unwrap_or_default();
                text.push(c);
                line_start = c == '\n';
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    pieces
}

/// The length of a block marker at the start of a line: `### `, `> `,
/// `- `, `* `, `1. `.
fn line_marker(s: &str) -> Option<usize> {
    let hashes = s.bytes().take_while(|b| *b == b'#').count();
    if (1..=6).contains(&hashes) && s[hashes..].starts_with(' ') {
        return Some(hashes + 1);
    }
    for marker in ["> ", "- ", "* ", "+ "] {
        if s.starts_with(marker) {
            return Some(marker.len());
        }
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && (s[digits..].starts_with(". ") || s[digits..].starts_with(") ")))
        .then_some(digits + 2)
}

/// The length of protected Markdown starting at `s`, if any.
fn code_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    match b[0] {
        b'\\' => s[1..].chars().next().map(|c| 1 + c.len_utf8()),
        b'[' if s.starts_with("[^") || s.starts_with("[[") => {
            let close = if s.starts_with("[[") { "]]" } else { "]" };
            s.find(close).map(|i| i + close.len())
        }
        b'[' => link_text_end(s).map(|_| 1),
        b']' if s.starts_with("](") => s.find(')').map(|i| i + 1),
        b'`' => {
            let ticks = b.iter().take_while(|c| **c == b'`').count();
            s[ticks..].find(&s[..ticks]).map(|i| 2 * ticks + i)
        }
        b'*' | b'_' | b'~' => Some(b.iter().take_while(|c| **c == b[0]).count()),
        b'<' => s
            .find('>')
            .filter(|i| !s[1..*i].contains(['\n', '<']))
            .map(|i| i + 1),
        b'{' if s.starts_with("{#") => s.find('}').map(|i| i + 1),
        b'&' => entity_len(s),
        _ => None,
    }
}

/// The length of an entity reference at `s` (`&amp;`, `&#27;`, `&#x1B;`).
fn entity_len(s: &str) -> Option<usize> {
    let end = s.find(';')?;
    let name = &s[1..end];
    let named = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric());
    let numeric = name.strip_prefix('#').is_some_and(|n| {
        let hex = n.strip_prefix(['x', 'X']);
        match hex {
            Some(h) => !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()),
            None => !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
        }
    });
    (named || numeric).then_some(end + 1)
}

/// Text a translator typed, as Markdown that shows it as typed: characters
/// that would start markup (emphasis, links, raw HTML, entities, code,
/// tables) are backslash-escaped everywhere, and block markers (`#`, `>`,
/// `-`, `+`, `=`, `1991.`) where a line starts; `line_start` says whether
/// `text` begins a line.
pub fn escape_text(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches(' ');
        out.push_str(&line[..line.len() - body.len()]);
        let marker = if line_start || i > 0 {
            block_marker(body)
        } else {
            0
        };
        for (j, c) in body.char_indices() {
            let special = "\\`*_[]<&~|{".contains(c) || (j < marker && !c.is_ascii_digit());
            if special {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The length of what would make `line` a heading, quote, list item or
/// setext underline (to be escaped), 0 for none.
fn block_marker(line: &str) -> usize {
    if line.starts_with(['#', '>', '-', '+', '=']) {
        return 1;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    match line.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => digits + 1,
        _ => 0,
    }
}

/// Where the text of a link that starts at `s` (`[`) ends: its `](`.
fn link_text_end(s: &str) -> Option<usize> {
    let end = s.find("](")?;
    (!s[1..end].contains('[')).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) | Piece::Code(t) => t.as_str(),
            })
            .collect()
    }

    #[test]
    fn markup_is_protected_and_round_trips() {
        let block = "### Trade {#trade}\n\nSee **the [report](https://x.org/a)**[^7] and `code` \\[^8] <br>.";
        let pieces = split(block);
        assert_eq!(join(&pieces), block);
        let codes: Vec<&str> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Code(c) => Some(c.as_str()),
                Piece::Text(_) => None,
            })
            .collect();
        assert_eq!(
            codes,
            [
                "### ",
                "{#trade}",
                "**",
                "[",
                "](https://x.org/a)",
                "**",
                "[^7]",
                "`code`",
                "\\[",
                "<br>"
            ]
        );
    }

    #[test]
    fn entity_references_are_protected() {
        let codes: Vec<Piece> = split("AT&amp;T &#x1B; & co;")
            .into_iter()
            .filter(|p| matches!(p, Piece::Code(_)))
            .collect();
        assert_eq!(
            codes,
            [Piece::Code("&amp;".into()), Piece::Code("&#x1B;".into())]
        );
    }

    #[test]
    fn typed_text_is_escaped_where_it_would_be_markup() {
        assert_eq!(
            escape_text("1991. Independence", true),
            "1991\\. Independence"
        );
        assert_eq!(escape_text("in 1991. Then", false), "in 1991. Then");
        assert_eq!(
            escape_text("a <b>bold</b> & *x*\n- item", false),
            "a \\<b>bold\\</b> \\& \\*x\\*\n\\- item"
        );
        assert_eq!(escape_text("中亞國家。", true), "中亞國家。");
    }

    #[test]
    fn cjk_text_stays_text() {
        assert_eq!(split("中亞國家。"), [Piece::Text("中亞國家。".into())]);
    }
}
