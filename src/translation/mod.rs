//! Keeping translations in step with their original: which sections of a
//! briefing a language has, which were translated from the original's text
//! as it is now (`translated_from:` in their front matter, the digest of
//! that text), which are outdated and what changed since, and translation
//! files that have no original. `mark` records a translation as current.

mod body;
mod changes;
pub mod mark;
pub mod xliff;

pub use changes::Changes;

use crate::content::{Section, SectionFile};
use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// Where snapshots of originals as translated are kept, under the site
/// root: `<digest>.md` each, so `check` can say what changed since.
pub const ORIGINALS_DIR: &str = ".briefing/originals";

/// The text a translation is made from: the section's title and body.
pub fn source_text(file: &SectionFile) -> String {
    let body = body::unix_lines(&file.body);
    format!("{}\n\n{}\n", file.front.title.trim(), body.trim())
}

/// The digest of an original section's text, as `translated_from:` holds it.
pub fn digest(file: &SectionFile) -> String {
    crate::digest::digest_hex(source_text(file).as_bytes(), 8)
}

/// The snapshot file of the original text with `digest`, under `root`.
pub fn snapshot_path(root: &Path, digest: &str) -> PathBuf {
    root.join(snapshot_file(digest))
}

/// The snapshot file of the original text with `digest`, relative to the root.
fn snapshot_file(digest: &str) -> PathBuf {
    Path::new(ORIGINALS_DIR).join(format!("{digest}.md"))
}

/// The text of the snapshot with `digest` under `root`, if it is kept,
/// read as every text input of the site is (`content::read_text`).
pub(crate) fn snapshot_text(root: &Path, digest: &str) -> Option<String> {
    crate::content::read_text(root, &snapshot_file(digest)).ok()
}

/// The title and body of the snapshot of the original text with `digest`
/// under `root`, if it is kept.
pub fn snapshot(root: &Path, digest: &str) -> Option<(String, String)> {
    let text = snapshot_text(root, digest)?;
    let (title, body) = text.split_once("\n\n")?;
    Some((title.to_string(), body.to_string()))
}

/// How a section's file in one language stands against the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tracking {
    /// Translated before tracking existed: no `translated_from:`.
    Untracked,
    /// Translated from the original's text as it is now.
    Current,
    /// The original changed after it was translated.
    Outdated(Outdated),
}

/// An outdated translation: what changed, when the snapshot is there. (No
/// date: the only one at hand is the file's modification time, which a
/// checkout resets; review R1.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outdated {
    /// None when the snapshot of the text it was translated from is missing.
    pub changes: Option<Changes>,
}

/// The tracking of `translation` against `original`, reading the snapshot
/// under `root` when the two differ.
pub fn track(root: &Path, original: &SectionFile, translation: &SectionFile) -> Tracking {
    let Some(from) = &translation.front.translated_from else {
        return Tracking::Untracked;
    };
    if *from == digest(original) {
        return Tracking::Current;
    }
    let changes =
        snapshot_text(root, from).map(|before| Changes::between(&before, &source_text(original)));
    match changes {
        // Only spacing or heading ids changed: nothing to translate.
        Some(changes) if changes.is_empty() => Tracking::Current,
        changes => Tracking::Outdated(Outdated { changes }),
    }
}

/// Sections of a briefing split into those with a file in `original` and
/// orphans (translations of nothing), with a warning for each orphan file.
pub fn split_orphans(
    sections: Vec<Section>,
    original: &str,
) -> (Vec<Section>, Vec<Section>, Vec<Diagnostic>) {
    let (kept, orphans): (Vec<_>, Vec<_>) = sections
        .into_iter()
        .partition(|s| s.files.contains_key(original));
    let warnings = orphans
        .iter()
        .flat_map(|s| s.files.values())
        .map(|file| {
            Diagnostic::warning(
                &file.path,
                1,
                1,
                format!("this translation has no original: the briefing has no {original} file for this section, so it is not published"),
            )
            .with_hint(format!(
                "add the original as NN-name.{original}.md, or rename this file after the original section it translates"
            ))
        })
        .collect();
    (kept, orphans, warnings)
}

/// A warning for every outdated translation among `sections` of the
/// briefing `slug`, at its `translated_from:` line.
pub fn outdated_warnings(sections: &[Section], original: &str, slug: &str) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for section in sections {
        let Some(source) = section.files.get(original) else {
            continue;
        };
        for (lang, file) in &section.files {
            let Some(Tracking::Outdated(outdated)) = section.tracking.get(lang) else {
                continue;
            };
            let what = match &outdated.changes {
                Some(changes) => changes.to_string(),
                None => "what changed is unknown: the snapshot of the text it was translated from is missing".into(),
            };
            warnings.push(
                Diagnostic::warning(
                    &file.path,
                    file.origin_line.max(1),
                    1,
                    format!(
                        "this translation may be outdated: its original {} changed since it was translated ({what})",
                        source.path.display()
                    ),
                )
                .with_hint(format!(
                    "update the translation, then run `briefing translate mark {slug} --lang {lang} {}`",
                    section.id
                )),
            );
        }
    }
    warnings
}

/// A note referenced in one of a section's original and translation only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteGap {
    /// The note's label.
    pub label: String,
    /// The translation's language.
    pub lang: String,
    /// The translation's file and the line its body starts on.
    pub translation: (PathBuf, usize),
    /// The original's file.
    pub original: PathBuf,
    /// True when only the original references the note.
    pub in_original: bool,
}

impl NoteGap {
    /// The warning about the gap, in the translation's file.
    pub fn diagnostic(&self) -> Diagnostic {
        let (file, line) = &self.translation;
        let (label, lang, original) = (&self.label, &self.lang, self.original.display());
        let (message, hint) = if self.in_original {
            (
                format!("note [^{label}] is referenced in the original ({original}) but not in this {lang} translation"),
                format!("add [^{label}] where the translation says what the note is about"),
            )
        } else {
            (
                format!("note [^{label}] is referenced in this {lang} translation but not in the original ({original})"),
                "remove the reference, or add it to the original too".to_string(),
            )
        };
        Diagnostic::warning(file, (*line).max(1), 1, message).with_hint(hint)
    }
}
