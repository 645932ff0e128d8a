//! Reading the tags of raw HTML in section files, enough to tell how deep
//! they nest and which attributes they set; the HTML itself is passed on
//! unchanged.

use std::ops::Range;

/// One start or end tag of raw HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTag {
    /// Byte offset of the `<` in the HTML text.
    pub offset: usize,
    /// Lowercase element name.
    pub name: String,
    /// True for `</name>`.
    pub closing: bool,
    /// True for an element that has no end tag (`<br>`, `<img …/>`).
    pub empty: bool,
    /// Lowercase attribute names with their values, character references decoded.
    pub attributes: Vec<(String, String)>,
    /// The byte range of each attribute's value in the HTML text as written,
    /// in the order of `attributes` (empty for an attribute without one).
    pub values: Vec<Range<usize>>,
}

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The tags of `html` in order; comments, doctypes and text are skipped.
pub fn tags(html: &str) -> Vec<RawTag> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(i) = html[rest..].find('<').map(|i| rest + i) {
        let after = &html[i + 1..];
        rest = if after.starts_with("!--") {
            after.find("-->").map_or(html.len(), |e| i + 1 + e + 3)
        } else if after.starts_with(['!', '?']) {
            after.find('>').map_or(html.len(), |e| i + 1 + e + 1)
        } else {
            match tag(html, i) {
                Some((t, end)) => {
                    found.push(t);
                    end
                }
                None => i + 1,
            }
        };
    }
    found
}

/// The tag whose `<` is at `start`, and the offset after its `>`.
fn tag(html: &str, start: usize) -> Option<(RawTag, usize)> {
    let mut s = Scanner {
        text: html,
        at: start + 1,
    };
    let closing = s.eat('/');
    let name = s.take_while(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':');
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut t = RawTag {
        offset: start,
        name: name.to_ascii_lowercase(),
        closing,
        empty: VOID.contains(&name.to_ascii_lowercase().as_str()),
        attributes: Vec::new(),
        values: Vec::new(),
    };
    loop {
        s.take_while(|c| c.is_whitespace());
        if s.eat('>') {
            return Some((t, s.at));
        }
        if s.eat('/') {
            t.empty |= s.peek() == Some('>');
            continue;
        }
        let name = s.take_while(|c| !c.is_whitespace() && !matches!(c, '=' | '>' | '/'));
        if name.is_empty() {
            return None; // the end of the text inside a tag
        }
        s.take_while(|c| c.is_whitespace());
        let value = if s.eat('=') {
            s.take_while(|c| c.is_whitespace());
            s.value()
        } else {
            &html[s.at..s.at]
        };
        t.values.push(s.span(value));
        t.attributes
            .push((name.to_ascii_lowercase(), decode_references(value)));
    }
}

/// A cursor over the text of a tag.
struct Scanner<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Scanner<'t> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.at += c.len_utf8();
        }
        found
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'t str {
        let rest = &self.text[self.at..];
        let len = rest.find(|c| !keep(c)).unwrap_or(rest.len());
        self.at += len;
        &rest[..len]
    }

    /// The byte range of `part`, a slice of the text.
    fn span(&self, part: &str) -> Range<usize> {
        let start = part.as_ptr() as usize - self.text.as_ptr() as usize;
        start..start + part.len()
    }

    /// An attribute value: quoted, or up to white space or `>`.
    fn value(&mut self) -> &'t str {
        match self.peek() {
            Some(q @ ('"' | '\'')) => {
                self.at += 1;
                let value = self.take_while(|c| c != q);
                self.eat(q);
                value
            }
            _ => self.take_while(|c| !c.is_whitespace() && c != '>'),
        }
    }
}

/// `value` with numeric character references and the named ones that can
/// hide a URL's scheme (`&colon;`, `&Tab;`, `&NewLine;`) decoded, as a
/// browser reads an attribute.
fn decode_references(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| reference(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference (between `&` and `;`) stands for.
fn reference(name: &str) -> Option<char> {
    let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    let code = match name.strip_prefix('#') {
        Some(n) if n.starts_with(['x', 'X']) => number(&n[1..], 16)?,
        Some(n) => number(n, 10)?,
        None => match name.to_ascii_lowercase().as_str() {
            "colon" => ':' as u32,
            "tab" => '\t' as u32,
            "newline" => '\n' as u32,
            _ => return None,
        },
    };
    char::from_u32(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_attributes() {
        let t = tags("<p>a <A HREF='x y' onclick=go()>b</a><br/><!-- <i> --><img src=&#106;s></p>");
        let names: Vec<(&str, bool, bool)> = t
            .iter()
            .map(|t| (t.name.as_str(), t.closing, t.empty))
            .collect();
        assert_eq!(
            names,
            [
                ("p", false, false),
                ("a", false, false),
                ("a", true, false),
                ("br", false, true),
                ("img", false, true),
                ("p", true, false)
            ]
        );
        assert_eq!(
            t[1].attributes,
            [
                ("href".to_string(), "x y".to_string()),
                ("onclick".to_string(), "go()".to_string())
            ]
        );
        assert_eq!(t[4].attributes, [("src".to_string(), "js".to_string())]);
        assert_eq!(t[1].offset, 5);
    }

    #[test]
    fn references_that_hide_a_scheme_are_decoded() {
        assert_eq!(
            decode_references("java&Tab;script&colon;x&#40;&#x29; &amp; &"),
            "java\tscript:x() &amp; &"
        );
    }

    #[test]
    fn unfinished_tags_are_not_tags() {
        assert!(tags("a < b and <p").is_empty());
        assert!(tags("<1>").is_empty());
    }
}
