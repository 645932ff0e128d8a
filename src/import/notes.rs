//! Note blocks: the page-bottom notes the extraction dropped into the body,
//! or the notes collected at the end under a heading (`註釋`, `Notes`):
//! `N. text`, a wrapped note continuing on unnumbered lines.

use super::join::{self, Hyphens};
use super::lines::Line;
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// One note of the paper, its text verbatim (wrapped lines re-joined).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The paper's own number, used as the Markdown label.
    pub number: u32,
    /// The note's text as printed.
    pub text: String,
    /// Where the note starts in the paper.
    pub line: usize,
}

/// True for a line that heads the notes collected at the end of a paper
/// (`註釋`, `附註`, `Notes`, `Endnotes`), spaces and case aside.
pub fn is_endnotes_heading(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    ["註釋", "附註", "注釋", "notes", "endnotes"]
        .iter()
        .any(|h| compact.eq_ignore_ascii_case(h))
}

/// `N. text` with N of one to three digits: the number and the text.
/// (Four digits read as a year on a wrapped line, not a note.)
pub fn note_start(line: &str) -> Option<(u32, &str)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = line[digits..].strip_prefix('.')?;
    let text = rest.trim_start();
    if text.len() == rest.len() || text.is_empty() {
        return None;
    }
    Some((line[..digits].parse().ok()?, text))
}

/// Reads a note block whose first note must be `next`, and whose every note
/// must already have its marker (`markers` is the number of markers seen).
pub fn parse_block(
    lines: &[Line],
    next: u32,
    markers: u32,
    file: &Path,
) -> Result<Vec<Note>, Diagnostic> {
    let mut notes: Vec<Note> = Vec::new();
    for line in lines {
        let expected = next + notes.len() as u32;
        match (note_start(line.text), notes.last_mut()) {
            (None, Some(note)) => join::append(&mut note.text, line.text, Hyphens::Keep),
            (None, None) => return Err(line.error(file, 0, "expected a note (\"N. …\") here")),
            (Some((number, text)), _) => {
                check_number(line, number, expected, markers, file)?;
                notes.push(Note {
                    number,
                    text: text.to_string(),
                    line: line.number,
                });
            }
        }
    }
    Ok(notes)
}

fn check_number(
    line: &Line,
    number: u32,
    expected: u32,
    markers: u32,
    file: &Path,
) -> Result<(), Diagnostic> {
    if number != expected {
        return Err(line
            .error(
                file,
                0,
                format!("this note block does not continue the numbering: expected note {expected}, found note {number}"),
            )
            .with_hint("check the paper for a missing, repeated or mistyped note number"));
    }
    if number > markers {
        return Err(line
            .error(file, 0, format!("note {number} comes before its marker: the text above has only {markers} note markers"))
            .with_hint(format!("mark the place of note {number} in the text with ⁽superscript⁾ digits or [{number}]")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::split;

    #[test]
    fn recognises_note_starts() {
        assert_eq!(note_start("1. Bernardo"), Some((1, "Bernardo")));
        assert_eq!(note_start("45.  同上註。"), Some((45, "同上註。")));
        for t in ["2017. pp. 1", "1.5 億", "12.", "x. y", "12 text"] {
            assert_eq!(note_start(t), None, "{t}");
        }
    }

    #[test]
    fn recognises_endnotes_headings() {
        for t in ["註釋", "附 註", "Notes", "ENDNOTES"] {
            assert!(is_endnotes_heading(t), "{t}");
        }
        for t in ["註釋如下", "Notes on method", "1. Notes"] {
            assert!(!is_endnotes_heading(t), "{t}");
        }
    }

    #[test]
    fn joins_wrapped_notes() {
        let lines = split("3. A long\nnote, https://a.org/x-\ny 中文\n繼續\n4. 同上註。");
        let notes = parse_block(&lines, 3, 4, Path::new("p.txt")).unwrap();
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].text, "A long note, https://a.org/x-y 中文繼續");
        assert_eq!((notes[1].number, notes[1].line), (4, 5));
    }

    #[test]
    fn numbering_must_continue() {
        let f = Path::new("p.txt");
        let e = parse_block(&split("3. a\n5. b"), 3, 9, f).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("expected note 4, found note 5"), "{e}");
        let e = parse_block(&split("3. a"), 3, 2, f).unwrap_err();
        assert!(e.message.contains("before its marker"), "{e}");
    }
}
