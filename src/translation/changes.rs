//! What changed in an original section since its translation was marked:
//! its snapshot and its text now compared paragraph by paragraph (diffy's
//! line diff over one line per paragraph), and the notes it references now
//! that it did not then.

use std::collections::BTreeSet;
use std::fmt;

/// Paragraphs added, removed and changed, and notes newly referenced.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Changes {
    /// Paragraphs (and headings) only in the text now.
    pub added: usize,
    /// Paragraphs only in the snapshot.
    pub removed: usize,
    /// Paragraphs edited in place.
    pub changed: usize,
    /// Labels of notes the text references now and did not then.
    pub notes_added: Vec<String>,
}

impl Changes {
    /// Compares the snapshot `before` with the text `after`.
    pub fn between(before: &str, after: &str) -> Changes {
        let (old, new) = (paragraph_lines(before), paragraph_lines(after));
        let patch = diffy::create_patch(&old, &new);
        let mut changes = Changes::default();
        for hunk in patch.hunks() {
            let (mut deleted, mut inserted) = (0, 0);
            for line in hunk.lines() {
                match line {
                    diffy::Line::Delete(_) => deleted += 1,
                    diffy::Line::Insert(_) => inserted += 1,
                    diffy::Line::Context(_) => changes.count_run(&mut deleted, &mut inserted),
                }
            }
            changes.count_run(&mut deleted, &mut inserted);
        }
        let then = note_labels(before);
        changes.notes_added = note_labels(after).difference(&then).cloned().collect();
        changes
    }

    /// A run of deleted then inserted paragraphs: pairs are edits, the rest
    /// additions or removals.
    fn count_run(&mut self, deleted: &mut usize, inserted: &mut usize) {
        let paired = (*deleted).min(*inserted);
        self.changed += paired;
        self.removed += *deleted - paired;
        self.added += *inserted - paired;
        (*deleted, *inserted) = (0, 0);
    }
}

impl fmt::Display for Changes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = |n: usize, what: &str| match n {
            1 => format!("1 paragraph {what}"),
            n => format!("{n} paragraphs {what}"),
        };
        let mut parts: Vec<String> = [
            (self.added, "added"),
            (self.removed, "removed"),
            (self.changed, "changed"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| count(*n, what))
        .collect();
        if !self.notes_added.is_empty() {
            let labels: Vec<String> = self.notes_added.iter().map(|l| format!("[^{l}]")).collect();
            let noun = if labels.len() == 1 { "note" } else { "notes" };
            parts.push(format!("{noun} added: {}", labels.join(", ")));
        }
        if parts.is_empty() {
            parts.push("only spacing or the title changed".into());
        }
        f.write_str(&parts.join(", "))
    }
}

/// The text's paragraphs (blocks between blank lines), note definitions
/// left out, each on one line.
fn paragraph_lines(text: &str) -> String {
    let mut out = String::new();
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        if block.starts_with("[^") && block.split_once("]:").is_some() {
            continue;
        }
        out.push_str(&block.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push('\n');
    }
    out
}

/// The labels of every `[^label]` reference in `text` (not definitions).
fn note_labels(text: &str) -> BTreeSet<String> {
    let mut labels = BTreeSet::new();
    for (at, _) in text.match_indices("[^") {
        let rest = &text[at + 2..];
        let Some(end) = rest.find(']') else { continue };
        let escaped = text[..at].ends_with('\\');
        if !escaped && end > 0 && !rest[end + 1..].starts_with(':') {
            labels.insert(rest[..end].to_string());
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_paragraphs_and_notes() {
        let before = "T\n\nOne.[^1]\n\nTwo.\n\nThree.\n\n[^1]: A note.\n";
        let after = "T\n\nOne.[^1]\n\nTwo, edited.[^2]\n\nThree.\n\nFour.\n\n[^1]: A note.\n";
        let changes = Changes::between(before, after);
        assert_eq!((changes.added, changes.removed, changes.changed), (1, 0, 1));
        assert_eq!(changes.notes_added, ["2"]);
        assert_eq!(
            changes.to_string(),
            "1 paragraph added, 1 paragraph changed, note added: [^2]"
        );
        let back = Changes::between(after, before);
        assert_eq!((back.added, back.removed, back.changed), (0, 1, 1));
    }

    #[test]
    fn rewrapping_is_no_change() {
        let changes = Changes::between("T\n\nA b\nc.\n", "T\n\nA b c.\n");
        assert_eq!(changes, Changes::default());
    }
}
