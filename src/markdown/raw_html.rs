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

/// Elements whose content a browser reads as text up to their end tag,
/// quotes and all (with scripting on, as in a reader's browser): a tag
/// inside is not one, and a `"</textarea>"` in an attribute ends the element.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// The tags of `html` in order, read as a browser reads them; comments,
/// doctypes and text are skipped.
pub fn tags(html: &str) -> Vec<RawTag> {
    tags_after(html, &mut None)
}

/// [`tags`] of one piece of a longer HTML text: `raw_text` names the
/// raw-text element (see [`RAW_TEXT`]) the piece starts inside, if any,
/// and on return the one it ends inside.
pub fn tags_after(html: &str, raw_text: &mut Option<String>) -> Vec<RawTag> {
    let mut found = Vec::new();
    let mut rest = match raw_text.take() {
        Some(name) => match raw_text_end(html, &name) {
            Some(end) => end,
            None => {
                *raw_text = Some(name);
                return found;
            }
        },
        None => 0,
    };
    while let Some(i) = html[rest..].find('<').map(|i| rest + i) {
        let after = &html[i + 1..];
        rest = if let Some(comment) = after.strip_prefix("!--") {
            i + 4 + comment_len(comment)
        } else if after.starts_with(['!', '?']) {
            after.find('>').map_or(html.len(), |e| i + 1 + e + 1)
        } else {
            match tag(html, i) {
                Some((t, end)) => {
                    let end = match t.name.as_str() {
                        _ if t.closing || t.empty => end,
                        "plaintext" => html.len(),
                        name if RAW_TEXT.contains(&name) => {
                            match raw_text_end(&html[end..], name) {
                                Some(len) => end + len,
                                None => {
                                    *raw_text = Some(name.to_string());
                                    html.len()
                                }
                            }
                        }
                        _ => end,
                    };
                    found.push(t);
                    end
                }
                None => i + 1,
            }
        };
    }
    found
}

/// The length of a comment's text after `<!--`, its end included: `-->`,
/// or `--!>`, or at once `>` or `->` (an abruptly closed comment).
fn comment_len(text: &str) -> usize {
    if text.starts_with('>') {
        return 1;
    }
    if text.starts_with("->") {
        return 2;
    }
    let ends = [("-->", 3), ("--!>", 4)];
    ends.iter()
        .filter_map(|(end, len)| text.find(end).map(|at| at + len))
        .min()
        .unwrap_or(text.len())
}

/// The length of the raw text of element `name` at the start of `text`,
/// up to its end tag `</name` (any case), which is read next; None when
/// `text` ends first.
fn raw_text_end(text: &str, name: &str) -> Option<usize> {
    let end = format!("</{name}");
    text.as_bytes()
        .windows(end.len())
        .position(|w| w.eq_ignore_ascii_case(end.as_bytes()))
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
            // Markup's own, for a document in `srcdoc`.
            "lt" => '<' as u32,
            "gt" => '>' as u32,
            "quot" => '"' as u32,
            "apos" => '\'' as u32,
            "amp" => '&' as u32,
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
            "java\tscript:x() & &"
        );
    }

    #[test]
    fn unfinished_tags_are_not_tags() {
        assert!(tags("a < b and <p").is_empty());
        assert!(tags("<1>").is_empty());
    }
}
