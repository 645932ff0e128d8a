//! What `briefing check` reports beyond diagnostics: how far each briefing is
//! translated, and (with --verbose) the short-form citations it linked.

use crate::content::model::{Author, Localized};
use crate::content::{Briefing, Section, Site};
use crate::render::NotesReport;
use crate::translation::Tracking;
use std::fmt::Write;

/// One line of the translation status table: a briefing in one language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TranslationRow {
    /// Folder name.
    pub briefing: String,
    /// Language code.
    pub lang: String,
    /// Sections with a file in this language.
    pub translated: usize,
    /// Sections of the briefing.
    pub total: usize,
    /// False when site.yaml holds this incomplete edition back.
    pub published: bool,
    /// Each section and how it stands in this language.
    pub sections: Vec<SectionStatus>,
    /// Files in this language with no original (not published).
    pub orphans: Vec<String>,
    /// Notes the original references and this language's sections do not.
    pub notes_missing: Vec<String>,
    /// Notes this language's sections reference and the original does not.
    pub notes_extra: Vec<String>,
    /// Notes whose text this language overrides.
    pub notes_overridden: usize,
    /// Metadata fields given in another language but not in this one.
    pub missing: Vec<&'static str>,
}

/// A section of a briefing in one language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SectionStatus {
    /// The section's name.
    pub section: String,
    /// How it stands.
    pub state: SectionState,
    /// For an outdated translation: what changed in the original, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<String>,
}

/// How a section stands in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionState {
    /// This is the language it was written in.
    Original,
    /// Translated from the original as it is now.
    Translated,
    /// The original changed since it was translated.
    Outdated,
    /// Translated before tracking: nobody marked what it was made from.
    NotTracked,
    /// No file in this language.
    Missing,
}

/// The status of every briefing in every site language.
pub fn translation_status(site: &Site, notes: &[NotesReport]) -> Vec<TranslationRow> {
    let mut rows = Vec::new();
    for briefing in &site.briefings {
        let report = notes.iter().find(|r| r.slug == briefing.slug);
        let editions = briefing.editions(&site.config);
        for lang in &site.config.languages {
            let overridden = report
                .and_then(|r| r.overridden.iter().find(|(l, _)| l == lang))
                .map_or(0, |(_, n)| *n);
            let gaps = |in_original: bool| -> Vec<String> {
                report.map_or_else(Vec::new, |r| {
                    r.gaps
                        .iter()
                        .filter(|g| g.lang == *lang && g.in_original == in_original)
                        .map(|g| g.label.clone())
                        .collect()
                })
            };
            rows.push(TranslationRow {
                briefing: briefing.slug.clone(),
                lang: lang.clone(),
                translated: briefing
                    .sections
                    .iter()
                    .filter(|s| s.files.contains_key(lang))
                    .count(),
                total: briefing.sections.len(),
                published: editions.contains(lang),
                sections: briefing
                    .sections
                    .iter()
                    .map(|s| section_status(briefing, s, lang))
                    .collect(),
                orphans: briefing
                    .orphans
                    .iter()
                    .filter_map(|s| Some(s.files.get(lang)?.path.display().to_string()))
                    .collect(),
                notes_missing: gaps(true),
                notes_extra: gaps(false),
                notes_overridden: overridden,
                missing: missing_fields(briefing, lang),
            });
        }
    }
    rows
}

fn section_status(briefing: &Briefing, section: &Section, lang: &str) -> SectionStatus {
    let (state, changes) = if lang == briefing.original {
        (SectionState::Original, None)
    } else {
        match section.tracking.get(lang) {
            None => (SectionState::Missing, None),
            Some(Tracking::Untracked) => (SectionState::NotTracked, None),
            Some(Tracking::Current) => (SectionState::Translated, None),
            Some(Tracking::Outdated(o)) => (
                SectionState::Outdated,
                Some(
                    o.changes
                        .as_ref()
                        .map_or("unknown".into(), ToString::to_string),
                ),
            ),
        }
    };
    SectionStatus {
        section: section.id.clone(),
        state,
        changes,
    }
}

impl TranslationRow {
    /// The names of the sections in `state`.
    fn sections_in(&self, state: SectionState) -> Vec<&str> {
        self.sections
            .iter()
            .filter(|s| s.state == state)
            .map(|s| s.section.as_str())
            .collect()
    }
}

/// One per-language field of an author.
type AuthorField = fn(&Author) -> &Localized<String>;

/// Metadata fields present in some language of `briefing` but not in `lang`.
fn missing_fields(briefing: &Briefing, lang: &str) -> Vec<&'static str> {
    let m = &briefing.meta;
    let lacks = |keys: Vec<&String>| !keys.is_empty() && !keys.iter().any(|k| *k == lang);
    let mut missing = Vec::new();
    let fields: [(&'static str, Vec<&String>); 3] = [
        ("title", m.title.keys().collect()),
        ("keywords", m.keywords.keys().collect()),
        ("abstract", m.abstract_.keys().collect()),
    ];
    for (name, keys) in fields {
        if lacks(keys) {
            missing.push(name);
        }
    }
    let author_fields: [(&'static str, AuthorField); 3] = [
        ("author name", |a| &a.name),
        ("affiliation", |a| &a.affiliation),
        ("bio", |a| &a.bio),
    ];
    for (name, field) in author_fields {
        if briefing
            .bylines
            .iter()
            .any(|b| lacks(field(&b.author).keys().collect()))
        {
            missing.push(name);
        }
    }
    missing
}

/// The columns of the status table: heading, cell.
type Column = (&'static str, fn(&TranslationRow) -> String);

/// The rows as an aligned text table.
pub fn format_table(rows: &[TranslationRow]) -> String {
    let columns: [Column; 9] = [
        ("briefing", |r| r.briefing.clone()),
        ("language", |r| r.lang.clone()),
        ("sections", |r| {
            let held = if r.published { "" } else { " (held)" };
            format!("{}/{}{held}", r.translated, r.total)
        }),
        ("outdated", |r| join(r.sections_in(SectionState::Outdated))),
        ("not tracked", |r| {
            join(r.sections_in(SectionState::NotTracked))
        }),
        ("missing", |r| join(r.sections_in(SectionState::Missing))),
        ("notes missing", |r| {
            join(r.notes_missing.iter().map(String::as_str).collect())
        }),
        ("notes overridden", |r| r.notes_overridden.to_string()),
        ("metadata missing", |r| join(r.missing.clone())),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| columns.iter().map(|(_, cell)| cell(r)).collect())
        .collect();
    let widths: Vec<usize> = (0..columns.len())
        .map(|i| {
            cells
                .iter()
                .map(|c| c[i].chars().count())
                .chain([columns[i].0.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let mut line = |row: Vec<&str>| {
        let padded: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        let _ = writeln!(out, "{}", padded.join("  ").trim_end());
    };
    line(columns.iter().map(|(h, _)| *h).collect());
    for c in &cells {
        line(c.iter().map(String::as_str).collect());
    }
    out
}

/// Items separated by commas, or a dash for none.
fn join(items: Vec<&str>) -> String {
    if items.is_empty() {
        "—".to_string()
    } else {
        items.join(", ")
    }
}

/// `file:line:col: note [^7] (7) repeats note [^5] (5) in short form` lines
/// for `check --verbose`.
pub fn short_form_lines(notes: &[NotesReport]) -> Vec<String> {
    notes
        .iter()
        .flat_map(|r| r.short_forms.iter().map(ToString::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(lang: &str, states: &[SectionState], missing: Vec<&'static str>) -> TranslationRow {
        TranslationRow {
            briefing: "a".into(),
            lang: lang.into(),
            translated: states
                .iter()
                .filter(|s| **s != SectionState::Missing)
                .count(),
            total: states.len(),
            published: true,
            sections: states
                .iter()
                .enumerate()
                .map(|(i, state)| SectionStatus {
                    section: format!("s{i}"),
                    state: *state,
                    changes: None,
                })
                .collect(),
            orphans: vec![],
            notes_missing: vec![],
            notes_extra: vec![],
            notes_overridden: 0,
            missing,
        }
    }

    #[test]
    fn table_is_aligned_and_names_sections() {
        use SectionState::*;
        let rows = [
            row("zh-Hant", &[Original, Original, Original], vec!["abstract"]),
            row("en", &[Outdated, NotTracked, Missing], vec![]),
        ];
        let table = format_table(&rows);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[0],
            "briefing  language  sections  outdated  not tracked  missing  notes missing  notes overridden  metadata missing"
        );
        assert_eq!(
            lines[1],
            "a         zh-Hant   3/3       —         —            —        —              0                 abstract"
        );
        assert_eq!(
            lines[2],
            "a         en        2/3       s0        s1           s2       —              0                 —"
        );
    }
}
