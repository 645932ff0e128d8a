//! What changed in an original section since its translation was marked:
//! its snapshot and its text now compared part by part: the title, the
//! paragraphs (diffy's line diff over one line per paragraph), and the notes
//! (references added, definitions edited). Spacing, line wrapping and
//! heading ids (`{#id}`, which `rename-sections` rewrites in every
//! language) are not changes a translator has to follow.

use super::body::Body;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// What changed: the title, paragraphs added, removed and changed, notes
/// newly referenced and notes whose text changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Changes {
    /// True when the section's title changed.
    pub title_changed: bool,
    /// Paragraphs (and headings) only in the text now.
    pub added: usize,
    /// Paragraphs only in the snapshot.
    pub removed: usize,
    /// Paragraphs edited in place.
    pub changed: usize,
    /// Labels of notes the text references now and did not then.
    pub notes_added: Vec<String>,
    /// Labels of notes defined then and now, with different text.
    pub notes_changed: Vec<String>,
}

impl Changes {
    /// Compares the snapshot `before` with the text `after` (each a title,
    /// a blank line and the body, as `translation::source_text` writes).
    pub fn between(before: &str, after: &str) -> Changes {
        let ((title_then, then), (title_now, now)) = (split_title(before), split_title(after));
        let mut changes = Changes {
            title_changed: normalised(title_then) != normalised(title_now),
            ..Changes::default()
        };
        let (body_then, body_now) = (Body::of(then), Body::of(now));
        changes.count_paragraphs(&paragraph_lines(&body_then), &paragraph_lines(&body_now));
        changes.notes_added = note_labels(now)
            .difference(&note_labels(then))
            .cloned()
            .collect();
        let (defs_then, defs_now) = (note_definitions(&body_then), note_definitions(&body_now));
        changes.notes_changed = defs_now
            .iter()
            .filter(|(label, text)| defs_then.get(*label).is_some_and(|t| t != *text))
            .map(|(label, _)| label.clone())
            .collect();
        changes
    }

    /// True when nothing a translator has to follow changed.
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    /// Counts the paragraphs added, removed and changed from `old` to `new`.
    fn count_paragraphs(&mut self, old: &str, new: &str) {
        for hunk in diffy::create_patch(old, new).hunks() {
            let (mut deleted, mut inserted) = (0, 0);
            for line in hunk.lines() {
                match line {
                    diffy::Line::Delete(_) => deleted += 1,
                    diffy::Line::Insert(_) => inserted += 1,
                    diffy::Line::Context(_) => self.count_run(&mut deleted, &mut inserted),
                }
            }
            self.count_run(&mut deleted, &mut inserted);
        }
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
        let mut parts: Vec<String> = Vec::new();
        if self.title_changed {
            parts.push("title changed".into());
        }
        parts.extend(
            [
                (self.added, "added"),
                (self.removed, "removed"),
                (self.changed, "changed"),
            ]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| count(*n, what)),
        );
        for (labels, what) in [
            (&self.notes_added, "added"),
            (&self.notes_changed, "changed"),
        ] {
            if !labels.is_empty() {
                let names: Vec<String> = labels.iter().map(|l| format!("[^{l}]")).collect();
                let noun = if names.len() == 1 { "note" } else { "notes" };
                parts.push(format!("{noun} {what}: {}", names.join(", ")));
            }
        }
        if parts.is_empty() {
            parts.push("only spacing changed".into());
        }
        f.write_str(&parts.join(", "))
    }
}

/// The title and the body of a section's source text.
fn split_title(text: &str) -> (&str, &str) {
    text.split_once("\n\n").unwrap_or((text, ""))
}

/// `text` with its whitespace runs made single spaces and a heading's
/// trailing `{#id}` left out: what a translator has to follow of a block.
pub(crate) fn normalised(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match (words.starts_with('#'), words.rfind(" {#")) {
        (true, Some(at)) if words.ends_with('}') => words[..at].to_string(),
        _ => words,
    }
}

/// The body's paragraphs, note definitions left out, each normalised on
/// one line.
fn paragraph_lines(body: &Body) -> String {
    body.blocks.iter().map(|b| normalised(b) + "\n").collect()
}

/// The body's note definitions: label → normalised text.
fn note_definitions(body: &Body) -> BTreeMap<String, String> {
    let notes = body.notes.iter();
    notes
        .map(|(label, text)| (label.clone(), normalised(text)))
        .collect()
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
        let after =
            "T\n\nOne.[^1]\n\nTwo, edited.[^2]\n\nThree.\n\nFour.\n\n[^1]: A note.\n\n[^2]: B.\n";
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
    fn rewrapping_blank_lines_and_heading_ids_are_no_change() {
        let before = "T\n\n### Head {#section-4-1}\n\nA b\nc.\n";
        let after = "T\n\n\n### Head {#recent-changes-1}\n\n\n\nA b c.\n\n\n";
        assert!(Changes::between(before, after).is_empty());
    }

    #[test]
    fn a_title_and_a_note_definition_are_named_not_counted_as_paragraphs() {
        let before = "前言\n\nOne.[^1]\n\n[^1]: Bernardo, 2020.\n";
        let title = Changes::between(before, &before.replace("前言", "緒論"));
        assert_eq!(title.to_string(), "title changed");
        let note = Changes::between(before, &before.replace("Bernardo", "BERNARDO"));
        assert_eq!(note.to_string(), "note changed: [^1]");
    }
}
