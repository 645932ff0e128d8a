//! The paper as numbered, trimmed lines, and blank-line separated blocks of them.

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// One line of the paper without surrounding white space, with where it stands in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// 1-based column (in characters) of the line's first non-blank character.
    pub column: usize,
    /// The line's text, trimmed.
    pub text: &'a str,
}

impl Line<'_> {
    /// The 1-based column of byte offset `at` of `text`.
    pub fn column_at(&self, at: usize) -> usize {
        self.column + self.text[..at].chars().count()
    }

    /// An error at byte offset `at` of this line.
    pub fn error(&self, file: &Path, at: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(file, self.number, self.column_at(at), message)
    }
}

/// Splits `text` into lines, accepting `\n` and `\r\n` and dropping a byte-order mark.
pub fn split(text: &str) -> Vec<Line<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .enumerate()
        .map(|(i, raw)| {
            let rest = raw.trim_start();
            Line {
                number: i + 1,
                column: raw[..raw.len() - rest.len()].chars().count() + 1,
                text: rest.trim_end(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_trims_lines() {
        let lines = split("\u{feff}a\r\n\n  中文 x \n");
        assert_eq!(lines.len(), 3);
        assert_eq!(
            (lines[2].number, lines[2].column, lines[2].text),
            (3, 3, "中文 x")
        );
        assert_eq!(lines[2].column_at(3), 4);
        assert_eq!(lines[1].text, "");
    }
}
