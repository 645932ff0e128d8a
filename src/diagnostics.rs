//! One diagnostic type for every stage: where (file:line:column), how bad,
//! what is wrong in a plain sentence, and a hint on how to fix it; `frame`
//! prints one with its source line(s) as a code frame.

mod frame;

pub use frame::{color_wanted, Frames};

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something the editor should look at; the build still succeeds.
    Warning,
    /// The input cannot be used; nothing is written.
    Error,
}

/// A message about one place in one input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, in characters; 0 when unknown.
    pub column: usize,
    /// 1-based line where the span ends (the same as `line` unless the
    /// producer marked a longer span with [`Diagnostic::with_end`]).
    pub end_line: usize,
    /// 1-based column just past the span's last character (exclusive), in
    /// characters; by default `column + 1`, a one-character span (0 when
    /// `column` is 0).
    pub end_column: usize,
    /// What is wrong, in a plain sentence.
    pub message: String,
    /// How to fix it, if there is something useful to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `file:line:column`.
    pub fn error(
        file: impl AsRef<Path>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, file, line, column, message)
    }

    /// A warning at `file:line:column`.
    pub fn warning(
        file: impl AsRef<Path>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, file, line, column, message)
    }

    fn new(
        severity: Severity,
        file: impl AsRef<Path>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            file: file.as_ref().to_path_buf(),
            line,
            column,
            end_line: line,
            end_column: if column > 0 { column + 1 } else { 0 },
            message: message.into(),
            hint: None,
        }
    }

    /// Marks the span as ending just before `end_line:end_column` (exclusive),
    /// e.g. to underline a whole value rather than its first character.
    pub fn with_end(mut self, end_line: usize, end_column: usize) -> Self {
        self.end_line = end_line;
        self.end_column = end_column;
        self
    }

    /// Adds a hint telling the editor how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Severity {
    /// The word printed for it: `error` or `warning`.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl Diagnostic {
    /// `file:line:column` (as much of it as is known), control characters escaped.
    pub fn location(&self) -> String {
        let mut at = escape_controls(&self.file.display().to_string()).into_owned();
        if self.line > 0 {
            at.push_str(&format!(":{}", self.line));
            if self.column > 0 {
                at.push_str(&format!(":{}", self.column));
            }
        }
        at
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.location(),
            self.severity.word(),
            escape_controls(&self.message)
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", escape_controls(hint))?;
        }
        Ok(())
    }
}

/// The error type of every fallible stage: one or more diagnostics, at least one an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(pub Vec<Diagnostic>);

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure(vec![d])
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

/// `diagnostics` with repeats left out, in the order first met: one
/// mistake that several pages meet (a template's, say) is one thing to fix
/// (review editor F19: it was reported and counted once per page).
pub fn distinct(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        if !seen.contains(&d) {
            seen.push(d);
        }
    }
    seen
}

/// `text` with its control characters other than newline and tab written as
/// `\u{1b}`, so text from content (file names, quoted input) cannot drive the
/// terminal it is printed on (ESC sequences, BEL, carriage returns).
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

/// Converts a byte offset in `text` into a 1-based (line, column), counting columns in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Where the lines of a text start, to turn many byte offsets into
/// (line, column) without counting from the start of the text for each.
pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of each line's first character.
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// How many lines the text has (a final line break starts an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The text indexed.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The byte offset at which the 1-based `line` starts (the end of the
    /// text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        let i = line.saturating_sub(1);
        self.starts.get(i).copied().unwrap_or(self.text.len())
    }

    /// The same as [`line_col`]`(text, offset)`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_line_col() {
        let text = "ab\n中文x\n\nlast";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(index.line_col(offset), line_col(text, offset), "{offset}");
        }
        assert_eq!(index.line_start(2), 3);
        assert_eq!(index.line_start(9), text.len());
    }

    #[test]
    fn formats_file_line_column_and_hint() {
        let d = Diagnostic::error("content/x.md", 3, 1, "unknown field \"titel\"")
            .with_hint("did you mean \"title\"?");
        assert_eq!(
            d.to_string(),
            "content/x.md:3:1: error: unknown field \"titel\"\n  hint: did you mean \"title\"?"
        );
    }

    #[test]
    fn control_characters_from_content_are_escaped() {
        let d = Diagnostic::error("content/\u{7}x.md", 2, 1, "unknown field \"\u{1b}[2J\r\"")
            .with_hint("did you mean \"\u{9b}31m\"?\n\tor nothing");
        assert_eq!(
            d.to_string(),
            "content/\\u{7}x.md:2:1: error: unknown field \"\\u{1b}[2J\\u{d}\"\n  hint: did you mean \"\\u{9b}31m\"?\n\tor nothing"
        );
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n中文x", 9), (2, 3));
        assert_eq!(line_col("", 0), (1, 1));
    }
}
