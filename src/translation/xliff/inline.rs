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

/// Splits a block of Markdown into text and protected code. A link's or
/// image's title (`![Map](map.png "Figure 1: …")`, the figure's caption) is
/// text between the codes `](map.png "` and `")`.
pub fn split(block: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = block;
    let mut line_start = true;
    let mut title = None; // the closing delimiter of the title being read
    while !rest.is_empty() {
        let code = match title {
            Some(close) => title_end(rest, close).or_else(|| escape_at(rest)),
            None if line_start => line_marker(rest).or_else(|| code_at(rest)),
            None => code_at(rest),
        };
        match code {
            Some(len) => {
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                let code = &rest[..len];
                title = match title {
                    Some(close) if title_end(rest, close) != Some(len) => Some(close),
                    Some(_) => None,
                    None => title_close(code),
                };
                pieces.push(Piece::Code(code.to_string()));
                line_start = code.ends_with('\n');
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

/// True for a code that gives a block its structure (a heading, quote or
/// list marker, a heading's `{#id}`): a translation must keep it, so the
/// export marks its placeholder `canDelete="no"` and the import checks it
/// (review R26: a dropped `### ` made a heading a paragraph).
pub fn is_structural(code: &str) -> bool {
    code.starts_with("{#") || (line_marker(code) == Some(code.len()) && !code.is_empty())
}

/// The closing delimiter of the title that `code` opens: `"` for a link
/// destination code `](url "`, `'` for `](url '`, `)` for `](url (`.
pub fn title_close(code: &str) -> Option<char> {
    let opener = code.strip_prefix("](")?.chars().last()?;
    match opener {
        '"' | '\'' => Some(opener),
        '(' => Some(')'),
        _ => None,
    }
}

/// The length of the end of a link title, its delimiter `close` and the
/// destination's `)`, at `s`.
fn title_end(s: &str, close: char) -> Option<usize> {
    let after = s.strip_prefix(close)?;
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    after[spaces..]
        .starts_with(')')
        .then_some(close.len_utf8() + spaces + 1)
}

/// The length of a backslash escape at `s`.
fn escape_at(s: &str) -> Option<usize> {
    let c = s.strip_prefix('\\')?.chars().next()?;
    Some(1 + c.len_utf8())
}

/// The length of a link destination at `s` (`](`): up to its `)`, or up to
/// and with the delimiter that opens its title.
fn destination_len(s: &str) -> Option<usize> {
    let inner = &s[2..];
    let url_end = match inner.strip_prefix('<') {
        Some(bracketed) => 1 + bracketed.find('>')? + 1,
        None => inner.find([' ', '\t', '\n', ')']).unwrap_or(inner.len()),
    };
    let after = &inner[url_end..];
    let gap = after.len() - after.trim_start_matches([' ', '\t', '\n']).len();
    match after[gap..].chars().next() {
        Some(c @ ('"' | '\'' | '(')) if gap > 0 => Some(2 + url_end + gap + c.len_utf8()),
        _ => s.find(')').map(|i| i + 1),
    }
}

/// The length of protected Markdown starting at `s`, if any.
fn code_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    match b[0] {
        b'\\' => escape_at(s),
        b'[' if s.starts_with("[^") || s.starts_with("[[") => {
            let close = if s.starts_with("[[") { "]]" } else { "]" };
            s.find(close).map(|i| i + close.len())
        }
        b'[' => link_text_end(s).map(|_| 1),
        b'!' if s.starts_with("![") => link_text_end(&s[1..]).map(|_| 2),
        b']' if s.starts_with("](") => destination_len(s),
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

    /// Review s10 F9: a figure's caption (the image's title) was inside the
    /// destination's code, so a translator could not translate it, and the
    /// image's `!` was text a translator could drop.
    #[test]
    fn a_link_or_image_title_is_text_between_codes() {
        let block =
            r#"![地圖](map.png "圖1：\"海纜\"分布") and [r](<a b.pdf> 'T') [x](https://x.org/a)"#;
        let pieces = split(block);
        assert_eq!(join(&pieces), block);
        let text = |t: &str| Piece::Text(t.into());
        let code = |c: &str| Piece::Code(c.into());
        assert_eq!(
            pieces,
            [
                code("!["),
                text("地圖"),
                code("](map.png \""),
                text("圖1："),
                code("\\\""),
                text("海纜"),
                code("\\\""),
                text("分布"),
                code("\")"),
                text(" and "),
                code("["),
                text("r"),
                code("](<a b.pdf> '"),
                text("T"),
                code("')"),
                text(" "),
                code("["),
                text("x"),
                code("](https://x.org/a)"),
            ]
        );
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
