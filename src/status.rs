//! What `briefing check` reports beyond diagnostics: how far each briefing is
//! translated, and (with --verbose) the short-form citations it linked.

use crate::content::model::{Author, Localized};
use crate::content::{Briefing, Site};
use crate::render::NotesReport;
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
    /// Notes whose text this language overrides.
    pub notes_overridden: usize,
    /// Metadata fields given in another language but not in this one.
    pub missing: Vec<&'static str>,
}

/// The status of every briefing in every site language.
pub fn translation_status(site: &Site, notes: &[NotesReport]) -> Vec<TranslationRow> {
    let mut rows = Vec::new();
    for briefing in &site.briefings {
        let report = notes.iter().find(|r| r.slug == briefing.slug);
        for lang in &site.config.languages {
            let overridden = report
                .and_then(|r| r.overridden.iter().find(|(l, _)| l == lang))
                .map_or(0, |(_, n)| *n);
            rows.push(TranslationRow {
                briefing: briefing.slug.clone(),
                lang: lang.clone(),
                translated: briefing
                    .sections
                    .iter()
                    .filter(|s| s.files.contains_key(lang))
                    .count(),
                total: briefing.sections.len(),
                notes_overridden: overridden,
                missing: missing_fields(briefing, lang),
            });
        }
    }
    rows
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

/// The rows as an aligned text table.
pub fn format_table(rows: &[TranslationRow]) -> String {
    let header = [
        "briefing",
        "language",
        "sections",
        "notes overridden",
        "metadata missing",
    ];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            let missing = if r.missing.is_empty() {
                "—".to_string()
            } else {
                r.missing.join(", ")
            };
            [
                r.briefing.clone(),
                r.lang.clone(),
                format!("{}/{}", r.translated, r.total),
                r.notes_overridden.to_string(),
                missing,
            ]
        })
        .collect();
    let width = |i: usize| {
        cells
            .iter()
            .map(|c| c[i].chars().count())
            .chain([header[i].len()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..5).map(width).collect();
    let mut out = String::new();
    let mut line = |row: [&str; 5]| {
        let padded: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        let _ = writeln!(out, "{}", padded.join("  ").trim_end());
    };
    line(header);
    for c in &cells {
        line([&c[0], &c[1], &c[2], &c[3], &c[4]]);
    }
    out
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

    #[test]
    fn table_is_aligned() {
        let rows = [
            TranslationRow {
                briefing: "a".into(),
                lang: "zh-Hant".into(),
                translated: 5,
                total: 5,
                notes_overridden: 0,
                missing: vec!["abstract"],
            },
            TranslationRow {
                briefing: "a".into(),
                lang: "en".into(),
                translated: 4,
                total: 5,
                notes_overridden: 2,
                missing: vec![],
            },
        ];
        let table = format_table(&rows);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[0],
            "briefing  language  sections  notes overridden  metadata missing"
        );
        assert_eq!(
            lines[1],
            "a         zh-Hant   5/5       0                 abstract"
        );
        assert_eq!(
            lines[2],
            "a         en        4/5       2                 —"
        );
    }
}
