//! Code frames: a diagnostic printed as its `file:line:column: severity:
//! message` line, then the source line(s) with the span underlined and the
//! hint beneath, in rustc's style (rendered by annotate-snippets, which
//! counts wide characters such as CJK as two columns).

use super::{escape_controls, Diagnostic, LineIndex, Severity};
use annotate_snippets::renderer::{
    DEFAULT_EMPHASIS_STYLE, DEFAULT_ERROR_STYLE, DEFAULT_WARNING_STYLE,
};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// True when stderr is a terminal and `NO_COLOR` is unset or empty
/// (<https://no-color.org>): frames printed there may be coloured.
pub fn color_wanted() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Renders diagnostics as code frames, reading each file they name (relative
/// to the site root) once, when the first frame in it is rendered.
pub struct Frames {
    root: PathBuf,
    colour: bool,
    sources: HashMap<PathBuf, Option<String>>,
}

impl Frames {
    /// Frames for the site at `root`, with ANSI colours when `colour`.
    pub fn new(root: &Path, colour: bool) -> Self {
        Frames {
            root: root.to_path_buf(),
            colour,
            sources: HashMap::new(),
        }
    }

    /// `d` as a code frame; as [`Diagnostic`]'s `Display` (no frame) when it
    /// names no line or its file cannot be read.
    pub fn render(&mut self, d: &Diagnostic) -> String {
        let Some(excerpt) = self.source(d).and_then(|source| Excerpt::of(source, d)) else {
            return d.to_string();
        };
        let mut group = Group::with_level(level(d.severity)).element(
            Snippet::source(&excerpt.text)
                .line_start(excerpt.first_line)
                .annotation(AnnotationKind::Primary.span(excerpt.span.clone())),
        );
        if let Some(hint) = &d.hint {
            group = group.element(Level::HELP.with_name("hint").message(escape_controls(hint)));
        }
        let renderer = if self.colour {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        format!("{}\n{}", self.header(d), renderer.render(&[group]))
    }

    /// The text of the line `d` points at (without its line break), for
    /// tooling; `None` when it names no line or its file cannot be read.
    pub fn source_line(&mut self, d: &Diagnostic) -> Option<String> {
        let source = self.source(d)?;
        let index = LineIndex::new(source);
        (d.line <= index.line_count()).then(|| line_text(source, &index, d.line).to_string())
    }

    /// The text of `d`'s file, when `d` names a line in it and it can be read.
    fn source(&mut self, d: &Diagnostic) -> Option<&str> {
        if d.line == 0 {
            return None;
        }
        let root = &self.root;
        self.sources
            .entry(d.file.clone())
            .or_insert_with(|| crate::content::read_named_text(root, &d.file).ok())
            .as_deref()
    }

    /// `file:line:column: severity: message`, the severity (and, in colour,
    /// the message) styled as rustc does.
    fn header(&self, d: &Diagnostic) -> String {
        let message = escape_controls(&d.message);
        if !self.colour {
            return format!("{}: {}: {message}", d.location(), d.severity.word());
        }
        let style = match d.severity {
            Severity::Error => DEFAULT_ERROR_STYLE,
            Severity::Warning => DEFAULT_WARNING_STYLE,
        };
        let bold = DEFAULT_EMPHASIS_STYLE;
        format!(
            "{}: {style}{}{style:#}: {bold}{message}{bold:#}",
            d.location(),
            d.severity.word()
        )
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    }
}

/// The lines a diagnostic spans, made safe for a terminal, and the span as
/// a byte range in them.
struct Excerpt {
    first_line: usize,
    text: String,
    span: Range<usize>,
}

impl Excerpt {
    /// The lines `d.line..=d.end_line` of `source`; `None` when `d.line` is
    /// past its end. Column 0 marks the whole line(s).
    fn of(source: &str, d: &Diagnostic) -> Option<Excerpt> {
        let index = LineIndex::new(source);
        if d.line > index.line_count() {
            return None;
        }
        let last = d.end_line.clamp(d.line, index.line_count());
        let lines = &source[index.line_start(d.line)..line_end(source, &index, last)];
        let text = terminal_safe(lines);
        let local = LineIndex::new(&text);
        let last = last - d.line + 1;
        let span = if d.column == 0 {
            0..text.len()
        } else {
            let start = offset(&text, &local, 1, d.column);
            let end = match d.end_column {
                0 => line_end(&text, &local, last),
                column => offset(&text, &local, last, column),
            };
            start..end.max(start)
        };
        Some(Excerpt {
            first_line: d.line,
            text,
            span,
        })
    }
}

/// `text` with CRLF line breaks made LF and the control characters that
/// annotate-snippets does not make visible (C1, e.g. `\u{9b}`, a CSI in some
/// terminals) replaced by U+FFFD, one character for one so columns still fit.
fn terminal_safe(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| {
            if c.is_control() && u32::from(c) >= 0x80 {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// The byte offset of 1-based `column` (in characters) on `line`, at most its end.
fn offset(text: &str, index: &LineIndex<'_>, line: usize, column: usize) -> usize {
    let start = index.line_start(line);
    let content = line_text(text, index, line);
    start
        + content
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(content.len(), |(i, _)| i)
}

/// The byte offset where `line`'s content ends (before its line break).
fn line_end(text: &str, index: &LineIndex<'_>, line: usize) -> usize {
    index.line_start(line) + line_text(text, index, line).len()
}

/// The text of `line` without its line break (LF or CRLF).
fn line_text<'t>(text: &'t str, index: &LineIndex<'_>, line: usize) -> &'t str {
    let rest = &text[index.line_start(line)..];
    let line = rest.split('\n').next().unwrap_or_default();
    line.strip_suffix('\r').unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(source: &str, d: &Diagnostic) -> String {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.md"), source).unwrap();
        Frames::new(dir.path(), false).render(d)
    }

    /// A code frame re-reads its file as every text input is read: a huge
    /// file gets no frame rather than being read whole (review s10 F4).
    #[test]
    fn a_file_too_large_to_be_text_gets_no_frame() {
        let dir = tempfile::tempdir().unwrap();
        let huge = std::fs::File::create(dir.path().join("x.md")).unwrap();
        huge.set_len(crate::content::MAX_TEXT_BYTES + 1).unwrap();
        let d = Diagnostic::error("x.md", 1, 1, "odd");
        assert_eq!(Frames::new(dir.path(), false).render(&d), d.to_string());
    }

    #[test]
    fn underlines_the_span_and_puts_the_hint_beneath() {
        let d = Diagnostic::error("x.md", 2, 8, "the title is too short")
            .with_end(2, 10)
            .with_hint("write the whole title");
        assert_eq!(
            frame("---\ntitle: 中文\n---\n", &d),
            "x.md:2:8: error: the title is too short\n  |\n2 | title: 中文\n  |        ^^^^\n  |\n  = hint: write the whole title"
        );
    }

    #[test]
    fn column_zero_marks_the_line_and_ends_can_span_lines() {
        let whole = Diagnostic::warning("x.md", 1, 0, "odd line");
        assert_eq!(
            frame("ab\ncd\n", &whole),
            "x.md:1: warning: odd line\n  |\n1 | ab\n  | ^^"
        );
        let two = Diagnostic::error("x.md", 1, 2, "odd lines").with_end(2, 2);
        assert_eq!(
            frame("ab\r\ncd\n", &two),
            "x.md:1:2: error: odd lines\n  |\n1 |   ab\n  |  __^\n2 | | cd\n  | |_^"
        );
    }

    #[test]
    fn without_a_line_or_a_readable_file_it_prints_as_display() {
        let dir = tempfile::tempdir().unwrap();
        let mut frames = Frames::new(dir.path(), false);
        for d in [
            Diagnostic::error("x.md", 0, 0, "whole file"),
            Diagnostic::error("missing.md", 3, 1, "gone").with_hint("h"),
        ] {
            assert_eq!(frames.render(&d), d.to_string());
            assert_eq!(frames.source_line(&d), None);
        }
        std::fs::write(dir.path().join("x.md"), "only\n").unwrap();
        let past_end = Diagnostic::error("x.md", 9, 1, "past the end");
        assert_eq!(frames.render(&past_end), past_end.to_string());
    }

    #[test]
    fn colour_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.md"), "ab\n").unwrap();
        let d = Diagnostic::error("x.md", 1, 1, "m");
        assert!(Frames::new(dir.path(), true).render(&d).contains("\u{1b}["));
        assert!(!Frames::new(dir.path(), false).render(&d).contains('\u{1b}'));
    }
}
