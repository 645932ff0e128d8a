//! HTML minification with minify-html, in one of two places. By default the
//! theme's templates are minified once, when the theme loads, with Tera's
//! `{{ }}`, `{% %}` and `{# #}` passed through untouched; pages are then
//! rendered already compact and are not minified again (Markdown's HTML is
//! compact as pulldown-cmark writes it). A site that sets `minify: pages`
//! gets the templates as written and every page minified whole instead,
//! which saves a few more percent of bytes at many times the CPU.
//!
//! minify-html passes template syntax through in text, but inside a start
//! tag it reads `{% if x %} lang="…"{% endif %}` as attribute names and
//! reorders them, and it may drop the quotes of `href="{{ url }}"`. So the
//! attributes of a start tag that holds any template syntax are set aside
//! as written, under one placeholder attribute, and put back afterwards.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Where minify-html runs: site.yaml's `minify:`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Minify {
    /// Each template once, when the theme loads (the default).
    #[default]
    Templates,
    /// Every page whole, after rendering; templates as written.
    Pages,
}

/// The settings shared by both: closing tags, `<html>`/`<head>` and the
/// doctype kept as written; inline CSS minified; scripts left as written.
fn settings() -> minify_html::Cfg {
    minify_html::Cfg {
        minify_css: true,
        minify_js: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_doctype: false,
        ..minify_html::Cfg::default()
    }
}

/// Minifies a rendered page (or fragment of one) whole.
pub fn page(html: &str) -> String {
    String::from_utf8_lossy(&minify_html::minify(html.as_bytes(), &settings())).into_owned()
}

/// Minifies a Tera HTML template, leaving its tags, expressions and the
/// attributes of start tags that use them as written. Should a placeholder
/// not survive, the template is returned as written: never a broken one.
pub fn template(source: &str) -> String {
    let (masked, set_aside) = mask(source);
    let cfg = minify_html::Cfg {
        preserve_brace_template_syntax: true,
        ..settings()
    };
    let minified =
        String::from_utf8_lossy(&minify_html::minify(masked.as_bytes(), &cfg)).into_owned();
    unmask(&minified, &set_aside).unwrap_or_else(|| source.to_string())
}

/// A part of a template set aside from minify-html: its placeholder and text.
type SetAside<'t> = (String, &'t str);

/// Replaces what minify-html would misread with placeholders: the
/// attribute list of a start tag that holds template syntax (by an
/// attribute), and a tag whose name is an expression, `<{{ tag }} …>` or
/// `</{{ tag }}>` (by a Tera comment, which minify-html passes through).
fn mask(source: &str) -> (String, Vec<SetAside<'_>>) {
    let bytes = source.as_bytes();
    let mut masked = String::with_capacity(source.len());
    let mut set_aside = Vec::new();
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        let Some((range, is_tag)) = maskable(bytes, i) else {
            i = skip(bytes, i);
            continue;
        };
        let text = &source[range.clone()];
        let n = set_aside.len();
        let mark = match is_tag {
            true => format!("{{#briefing-template-{n}#}}"),
            false => format!(" data-briefing-template-{n}"),
        };
        masked.push_str(&source[copied..range.start]);
        if is_tag || has_template_syntax(text) {
            masked.push_str(&mark);
            set_aside.push((mark, text));
        } else {
            masked.push_str(text);
        }
        (copied, i) = (range.end, range.end.max(i + 1));
    }
    masked.push_str(&source[copied..]);
    (masked, set_aside)
}

/// Puts the set-aside parts back; `None` if a placeholder went missing.
fn unmask(minified: &str, set_aside: &[SetAside]) -> Option<String> {
    let mut text = minified.to_string();
    for (mark, original) in set_aside.iter().rev() {
        let at = text.find(mark.as_str())?;
        text.replace_range(at..at + mark.len(), original);
    }
    Some(text)
}

fn has_template_syntax(text: &str) -> bool {
    ["{{", "{%", "{#"].iter().any(|open| text.contains(open))
}

/// At a tag whose name is an expression: the whole tag and `true`; at
/// another start tag: its attribute list and `false`. Every delimiter is
/// ASCII, so byte positions are character boundaries.
fn maskable(bytes: &[u8], at: usize) -> Option<(Range<usize>, bool)> {
    let rest = &bytes[at..];
    if rest.starts_with(b"<{{") || rest.starts_with(b"</{{") {
        let end = tag_end(bytes, at + 1)?;
        return Some((at..end + 1, true));
    }
    if rest.first() != Some(&b'<') || !rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_end = (at + 1..bytes.len())
        .find(|&j| !(bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-'))
        .unwrap_or(bytes.len());
    let end = tag_end(bytes, name_end)?;
    let end = if bytes[end - 1] == b'/' { end - 1 } else { end };
    Some((name_end..end, false))
}

/// Where scanning goes on after `at`: past a template construct or a
/// comment that starts there, else to the next byte.
fn skip(bytes: &[u8], at: usize) -> usize {
    if let Some(end) = construct_end(bytes, at) {
        end
    } else if bytes[at..].starts_with(b"<!--") {
        find(bytes, at, b"-->").map_or(bytes.len(), |e| e + 3)
    } else {
        at + 1
    }
}

/// The position of `needle` in `bytes` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// The end of the template construct (`{{ }}`, `{% %}`, `{# #}`) that
/// starts at `at`, if one does.
fn construct_end(bytes: &[u8], at: usize) -> Option<usize> {
    let close: &[u8] = match bytes.get(at..at + 2)? {
        b"{{" => b"}}",
        b"{%" => b"%}",
        b"{#" => b"#}",
        _ => return None,
    };
    Some(find(bytes, at + 2, close).map_or(bytes.len(), |e| e + 2))
}

/// The position of the `>` that ends a tag whose attributes begin at
/// `from`, outside quotes and template constructs.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    let mut i = from;
    while i < bytes.len() {
        if let Some(end) = construct_end(bytes, i) {
            i = end;
            continue;
        }
        match (quote, bytes[i]) {
            (None, b'"' | b'\'') => quote = Some(bytes[i]),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditional_attributes_keep_their_order_and_quotes() {
        let source = "<p  class=\"a\" >x</p>\n<h1{% if t.lang %} lang=\"{{ t.lang }}\"{% endif %} class=\"b\">\n  {{ t.text }}\n</h1>\n<a href=\"{{ u }}\">y</a>";
        assert_eq!(
            template(source),
            "<p class=a>x</p><h1{% if t.lang %} lang=\"{{ t.lang }}\"{% endif %} class=\"b\">{{ t.text }}</h1><a href=\"{{ u }}\">y</a>"
        );
    }

    #[test]
    fn tags_named_by_an_expression_are_kept_whole() {
        let source = "<{{ item }} class=\"a\">\n  x\n</{{ item }}>\n<p>y</p>";
        assert_eq!(
            template(source),
            "<{{ item }} class=\"a\"> x </{{ item }}> <p>y</p>"
        );
    }

    #[test]
    fn text_around_tags_may_be_any_script() {
        let source = "<p>中文 {{ x }}</p>\n<p title=\"{{ y }}\">註</p>";
        assert_eq!(
            template(source),
            "<p>中文 {{ x }}</p><p title=\"{{ y }}\">註</p>"
        );
    }

    #[test]
    fn template_syntax_in_text_and_attribute_values_is_skipped_over() {
        let source = "{% if a > b %}<b title=\"1 > 0\">{{ x }}</b>{% endif %}<!-- <i {{ y }}> -->";
        assert_eq!(
            template(source),
            "{% if a > b %}<b title=\"1 > 0\">{{ x }}</b>{% endif %}"
        );
    }
}
