//! What Markdown may not put on a page: links and images to anything but
//! http(s), mailto, relative and `#fragment` URLs (a `javascript:` link runs
//! script when clicked), and nesting so deep that the HTML minifier or a
//! browser runs out of stack. [`screen`] turns such links into their text
//! and lists what it found, with raw HTML's script URLs and event handlers
//! (kept, as documented, but reported).

use super::raw_html::{self, RawTag};
use super::Spanned;
use crate::diagnostics::{Diagnostic, LineIndex};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;

/// How many elements (Markdown containers and raw HTML) may nest. Real
/// text needs a dozen; the minifier overflows its stack at about 1,500.
pub const MAX_NESTING: usize = 100;

/// Something [`screen`] found, at a byte range of the Markdown text.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Where in the text.
    pub range: Range<usize>,
    /// What.
    pub problem: Problem,
}

/// The kinds of [`Finding`].
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A link or image to this URL, shown as its text instead.
    UnsafeUrl(String),
    /// Raw HTML that runs script (described: "the `onclick` attribute").
    ScriptInHtml(String),
    /// A heading's `{key=value}` attributes (named), dropped: they could
    /// carry script (`{onmouseover=…}`).
    HeadingAttributes(String),
    /// Nesting deeper than [`MAX_NESTING`]: an error.
    TooDeep,
}

impl Finding {
    /// The finding as a diagnostic at `line`:`column` of `file`.
    pub fn diagnostic(&self, file: &Path, (line, column): (usize, usize)) -> Diagnostic {
        match &self.problem {
            Problem::UnsafeUrl(url) => Diagnostic::warning(
                file,
                line,
                column,
                format!("the link to \"{url}\" is shown as plain text: only http(s), mailto, relative and #fragment links are allowed"),
            )
            .with_hint("link to a web page (https://…), an e-mail address (mailto:…) or a page of this site"),
            Problem::ScriptInHtml(what) => Diagnostic::warning(
                file,
                line,
                column,
                format!("raw HTML here has {what}, which runs script in the reader's browser"),
            )
            .with_hint("remove it; a Markdown link [text](https://…) is safe"),
            Problem::HeadingAttributes(names) => Diagnostic::warning(
                file,
                line,
                column,
                format!("this heading's attributes {names} are left out: a heading takes only {{#id}} and {{.class}}"),
            )
            .with_hint("remove them from the {…} after the heading"),
            Problem::TooDeep => Diagnostic::error(
                file,
                line,
                column,
                format!("this text is nested more than {MAX_NESTING} levels deep (block quotes, lists, emphasis or HTML elements)"),
            )
            .with_hint("flatten the nesting: no page can be built from it"),
        }
    }
}

/// Events made safe, with what was found in them.
pub struct Screened<'a> {
    /// The events, unsafe links and images replaced by their text.
    pub events: Vec<Spanned<'a>>,
    /// Every finding, in text order except that raw HTML is reported at the
    /// end of its block.
    pub findings: Vec<Finding>,
}

impl Screened<'_> {
    /// The findings as diagnostics in `file`, whose Markdown `text` starts
    /// on its 1-based line `first_line` (after front matter).
    pub fn diagnostics(&self, file: &Path, text: &str, first_line: usize) -> Vec<Diagnostic> {
        let lines = LineIndex::new(text);
        self.findings
            .iter()
            .map(|f| {
                let (line, column) = lines.line_col(f.range.start);
                f.diagnostic(file, (line + first_line - 1, column))
            })
            .collect()
    }
}

/// Replaces links and images whose URL is not [`is_safe_url`] by their
/// text and reports them, checks the nesting depth and reads raw HTML
/// (outside note definitions, where it is shown as text) for script.
pub fn screen(events: Vec<Spanned<'_>>) -> Screened<'_> {
    let mut s = Screen::default();
    let mut out = Vec::with_capacity(events.len());
    for (mut event, range) in events {
        if let Some(names) = strip_heading_attributes(&mut event) {
            s.find(&range, Problem::HeadingAttributes(names));
        }
        if !matches!(event, Event::Html(_)) {
            s.end_html_block();
        }
        if s.keep(&event, &range) {
            out.push((event, range));
        }
    }
    s.end_html_block();
    Screened {
        events: out,
        findings: s.findings,
    }
}

/// Drops a heading's `{key=value}` attributes, which Markdown would put on
/// the element as written (`{onmouseover=alert(1)}` runs script): headings
/// take `{#id}` and `{.class}` only, as in Zola. Returns the names dropped.
fn strip_heading_attributes(event: &mut Event) -> Option<String> {
    let Event::Start(Tag::Heading { attrs, .. }) = event else {
        return None;
    };
    if attrs.is_empty() {
        return None;
    }
    let names: Vec<String> = attrs.drain(..).map(|(key, _)| format!("`{key}`")).collect();
    Some(names.join(", "))
}

/// The state of [`screen`] between events.
#[derive(Default)]
struct Screen {
    findings: Vec<Finding>,
    /// Per open link or image: true when it is shown as text.
    dropped: Vec<bool>,
    /// Open Markdown elements.
    depth: usize,
    /// Open raw HTML elements.
    html_depth: usize,
    /// Open note definitions.
    in_note: usize,
    /// The raw HTML block being read.
    html_block: HtmlBlock,
    /// The raw-text element (`<textarea>`, `<noscript>`…) the raw HTML read
    /// so far ends inside: the browser reads on to its end tag, across
    /// inline tags and blocks.
    raw_text: Option<String>,
    reported_depth: bool,
}

/// A block of raw HTML, whose lines come as separate events, read as one
/// text so that a tag may span lines.
#[derive(Default)]
struct HtmlBlock {
    text: String,
    /// (offset in `text`, offset in the source) of each line.
    lines: Vec<(usize, usize)>,
}

impl HtmlBlock {
    /// The offset in the source of `offset` in the block's text.
    fn source(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|&(at, _)| at <= offset);
        self.lines
            .get(i.wrapping_sub(1))
            .map_or(offset, |&(at, source)| source + offset - at)
    }
}

impl Screen {
    /// Records `event`; false when it is to be left out.
    fn keep(&mut self, event: &Event, range: &Range<usize>) -> bool {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let unsafe_url = !is_safe_url(dest_url);
                if unsafe_url {
                    self.find(range, Problem::UnsafeUrl(dest_url.to_string()));
                }
                self.dropped.push(unsafe_url);
                !unsafe_url && self.open(range)
            }
            Event::End(TagEnd::Link | TagEnd::Image) if self.dropped.pop() == Some(true) => false,
            // A block of raw HTML makes no element of its own.
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => true,
            Event::Start(tag) => {
                self.in_note += usize::from(matches!(tag, Tag::FootnoteDefinition(_)));
                self.open(range)
            }
            Event::End(tag) => {
                self.in_note -= usize::from(*tag == TagEnd::FootnoteDefinition);
                self.depth = self.depth.saturating_sub(1);
                true
            }
            Event::Html(html) if self.in_note == 0 => {
                let block = &mut self.html_block;
                block.lines.push((block.text.len(), range.start));
                block.text.push_str(html);
                true
            }
            Event::InlineHtml(html) if self.in_note == 0 => {
                self.read_html(html, |offset| range.start + offset);
                true
            }
            _ => true,
        }
    }

    fn open(&mut self, range: &Range<usize>) -> bool {
        self.depth += 1;
        self.check_depth(range.start);
        true
    }

    fn end_html_block(&mut self) {
        let block = std::mem::take(&mut self.html_block);
        self.read_html(&block.text, |offset| block.source(offset));
    }

    /// Follows the nesting of raw HTML and reports its script; `source`
    /// gives the source offset of an offset in `html`.
    fn read_html(&mut self, html: &str, source: impl Fn(usize) -> usize) {
        for tag in raw_html::tags_after(html, &mut self.raw_text) {
            let at = source(tag.offset);
            if tag.closing {
                self.html_depth = self.html_depth.saturating_sub(usize::from(!tag.empty));
                continue;
            }
            if let Some(what) = script_in(&tag) {
                self.find(&(at..at + 1), Problem::ScriptInHtml(what));
            }
            if !tag.empty {
                self.html_depth += 1;
                self.check_depth(at);
            }
        }
    }

    fn check_depth(&mut self, at: usize) {
        if self.depth + self.html_depth > MAX_NESTING && !self.reported_depth {
            self.reported_depth = true;
            self.find(&(at..at + 1), Problem::TooDeep);
        }
    }

    fn find(&mut self, range: &Range<usize>, problem: Problem) {
        self.findings.push(Finding {
            range: range.clone(),
            problem,
        });
    }
}

/// Attributes whose value is a URL that a browser loads or follows.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "cite",
    "background",
];

/// What in `tag` runs script, described for a diagnostic.
fn script_in(tag: &RawTag) -> Option<String> {
    if tag.name == "script" {
        return Some("a <script> element".into());
    }
    tag.attributes.iter().find_map(|(name, value)| {
        if name.len() > 2 && name.starts_with("on") {
            Some(format!("the event handler `{name}`"))
        } else if URL_ATTRIBUTES.contains(&name.as_str()) && is_script_url(value) {
            Some(format!("a script URL in `{name}`"))
        } else if name == "srcdoc" && raw_html::tags(value).iter().any(|t| script_in(t).is_some()) {
            Some("script in the document of `srcdoc`".into())
        } else {
            None
        }
    })
}

/// True for URLs a content link may point to: http(s), mailto, and URLs
/// without a scheme (relative paths, `//host/…`, `?query`, `#fragment`).
fn is_safe_url(url: &str) -> bool {
    scheme(url).is_none_or(|s| {
        ["http", "https", "mailto"]
            .iter()
            .any(|a| s.eq_ignore_ascii_case(a))
    })
}

/// True for URLs that run script when followed or loaded.
fn is_script_url(url: &str) -> bool {
    scheme(url).is_some_and(|s| {
        ["javascript", "vbscript", "data"]
            .iter()
            .any(|a| s.eq_ignore_ascii_case(a))
    })
}

/// The scheme of `url` as a browser reads it: leading spaces and control
/// characters are ignored and tabs and line breaks removed anywhere; any
/// text before a `:` that comes before the first `/`, `?` or `#` counts.
fn scheme(url: &str) -> Option<String> {
    let url = url.trim_start_matches(|c: char| c <= ' ');
    let cleaned: String = url
        .chars()
        .take_while(|c| !matches!(c, '/' | '?' | '#'))
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    cleaned.split_once(':').map(|(s, _)| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{parse_screened, to_html};

    fn html(text: &str) -> (String, Vec<Problem>) {
        let s = parse_screened(text);
        let problems = s.findings.into_iter().map(|f| f.problem).collect();
        (to_html(s.events.into_iter().map(|(e, _)| e)), problems)
    }

    /// Review (session 10) F1: `{onmouseover=…}` after a heading put the
    /// handler on the `<h3>`, without a word from `check`.
    #[test]
    fn a_headings_key_value_attributes_are_dropped_and_reported() {
        let (out, problems) =
            html("### Title {#t .wide onmouseover=alert(1) style=position:fixed}\n");
        assert_eq!(out.trim(), "<h3 id=\"t\" class=\"wide\">Title</h3>");
        assert_eq!(
            problems,
            [Problem::HeadingAttributes("`onmouseover`, `style`".into())]
        );
        let (out, problems) = html("## Plain {#p}\n");
        assert_eq!((out.trim(), problems), ("<h2 id=\"p\">Plain</h2>", vec![]));
    }

    #[test]
    fn safe_urls() {
        for url in [
            "https://x.org/",
            "HTTP://x.org",
            "mailto:a@b.org",
            "#fn-1",
            "../a/b.html",
            "/glossary/",
            "//x.org/a",
            "?q=a:b",
            "a/b:c",
            "a@b.org",
        ] {
            assert!(is_safe_url(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "\u{1}javascript:x",
            "vbscript:x",
            "data:text/html,x",
            "file:///etc/passwd",
            ":x",
        ] {
            assert!(!is_safe_url(url), "{url:?}");
        }
    }

    #[test]
    fn unsafe_links_and_images_become_text() {
        let (out, problems) = html(
            "[x](javascript:alert(1)) <javascript:alert(2)> ![alt](data:image/png,x) [ok](https://a.org)",
        );
        assert_eq!(
            out,
            "<p>x javascript:alert(2) alt <a href=\"https://a.org\">ok</a></p>\n"
        );
        assert_eq!(
            problems,
            [
                Problem::UnsafeUrl("javascript:alert(1)".into()),
                Problem::UnsafeUrl("javascript:alert(2)".into()),
                Problem::UnsafeUrl("data:image/png,x".into()),
            ]
        );
    }

    /// Review s10 attacker F7: script the browser runs hid from the check
    /// in an iframe's `srcdoc`, behind a raw-text element's end tag inside
    /// a quoted attribute, and after a comment closed with `--!>`.
    #[test]
    fn script_is_found_where_the_browser_finds_it() {
        for text in [
            "<iframe srcdoc=\"&lt;script&gt;parent.alert(1)&lt;/script&gt;\"></iframe>\n",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(2)>\"></noscript>\n",
            "<textarea><b title=\"</TEXTAREA><img src=x onerror=alert(3)>\"></textarea>\n",
            "<xmp><i title=\"</xmp><img src=x onerror=alert(4)>\"></xmp>\n",
            "<!-- a --!><img src=x onerror=alert(5)>-->\n",
        ] {
            let (_, problems) = html(text);
            assert!(
                matches!(problems.as_slice(), [Problem::ScriptInHtml(_)]),
                "{text}: {problems:?}"
            );
        }
        let (_, problems) =
            html("<textarea><img onerror=x></textarea> <iframe srcdoc=\"<p>hi</p>\"></iframe>\n");
        assert_eq!(
            problems,
            [],
            "a tag inside raw text is text; a harmless srcdoc"
        );
    }

    #[test]
    fn raw_html_script_is_reported_and_kept() {
        let text = "<div\nonclick=\"x()\">a</div>\n\nb <a href=\"&#106;avascript:x\">c</a> <img src=\"/a.png\">\n";
        let s = parse_screened(text);
        let found: Vec<(usize, Problem)> = s
            .findings
            .into_iter()
            .map(|f| (f.range.start, f.problem))
            .collect();
        assert_eq!(
            found,
            [
                (
                    0,
                    Problem::ScriptInHtml("the event handler `onclick`".into())
                ),
                (30, Problem::ScriptInHtml("a script URL in `href`".into())),
            ]
        );
        let out = to_html(s.events.into_iter().map(|(e, _)| e));
        assert!(out.contains("onclick"), "raw HTML is kept: {out}");
    }

    #[test]
    fn raw_html_in_a_quote_is_reported_where_it_is() {
        let text = "> <div>\n> <p onclick=\"x()\">a</p>\n> </div>\n";
        let s = parse_screened(text);
        let starts: Vec<usize> = s.findings.iter().map(|f| f.range.start).collect();
        assert_eq!(starts, [text.find("<p").unwrap()]);
    }

    #[test]
    fn nesting_is_limited() {
        for deep in [
            ">".repeat(MAX_NESTING + 1) + " x",
            "- ".repeat(MAX_NESTING / 2 + 1) + "x",
            "<div>".repeat(MAX_NESTING + 1),
            "> ".repeat(MAX_NESTING / 2) + &"<i>".repeat(MAX_NESTING / 2 + 1),
        ] {
            let (_, problems) = html(&deep);
            assert_eq!(problems, [Problem::TooDeep], "{deep}");
        }
        let (_, problems) = html(&(">".repeat(MAX_NESTING - 1) + " x"));
        assert_eq!(
            problems,
            [],
            "a paragraph inside {} quotes",
            MAX_NESTING - 1
        );
        let (_, problems) = html(&"<br><p>a</p>".repeat(MAX_NESTING + 1));
        assert_eq!(problems, [], "void and closed elements do not nest");
    }
}
