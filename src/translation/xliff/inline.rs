//! A block of Markdown as a translator sees it: text, with the Markdown
//! syntax a CAT tool must not touch (note references, link targets, inline
//! code, emphasis markers, raw HTML, heading markers and attributes,
//! `[[glossary]]` links, backslash escapes) taken out as placeholders
//! (XLIFF `<ph>`), and back.

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
        _ => None,
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
    fn cjk_text_stays_text() {
        assert_eq!(split("中亞國家。"), [Piece::Text("中亞國家。".into())]);
    }
}
