//! The Markdown fields of YAML files (abstracts and bios in briefing.yaml,
//! glossary definitions) screened like section files: what
//! [`crate::markdown::parse_field`] finds in a value becomes a diagnostic
//! at the place in the YAML text that holds it.

use super::model::{BriefingMeta, GlossaryEntry};
use super::Located;
use crate::diagnostics::{line_col, Diagnostic};
use crate::markdown;
use std::path::Path;

/// The diagnostics of the abstracts and bios of `meta`, read from `text`.
pub fn briefing(meta: &BriefingMeta, text: &str, file: &Path) -> Vec<Diagnostic> {
    let bios = meta.authors.iter().flat_map(|a| a.bio.values());
    meta.abstract_
        .values()
        .chain(bios)
        .flat_map(|value| field(value, text, 0, file))
        .collect()
}

/// The diagnostics of the definitions of `entries`, read from `text`; each
/// is looked for from its entry's line on.
pub fn glossary(entries: &[Located<GlossaryEntry>], text: &str, file: &Path) -> Vec<Diagnostic> {
    let mut line_starts = None;
    let mut out = Vec::new();
    for entry in entries {
        let terms = entry.value.zh_hant.iter().chain(entry.value.en.iter());
        for term in terms {
            if markdown::parse_field(&term.definition).findings.is_empty() {
                continue;
            }
            let starts = line_starts.get_or_insert_with(|| line_offsets(text));
            let from = starts
                .get(entry.line.saturating_sub(1))
                .copied()
                .unwrap_or(0);
            out.extend(field(&term.definition, text, from, file));
        }
    }
    out
}

/// The findings in `value` as diagnostics, each at the first place at or
/// after byte `from` of `text` that holds the text it is about (YAML may
/// quote or fold a value, so the value itself is not looked for).
fn field(value: &str, text: &str, from: usize, file: &Path) -> Vec<Diagnostic> {
    markdown::parse_field(value)
        .findings
        .iter()
        .map(|f| {
            let snippet = value[f.range.clone()].lines().next().unwrap_or_default();
            let at = text[from..].find(snippet).map_or(from, |i| from + i);
            f.diagnostic(file, line_col(text, at))
        })
        .collect()
}

/// The byte offset at which each line of `text` starts.
fn line_offsets(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_point_into_the_yaml() {
        let text = "- id: a\n  en: {term: A, definition: fine}\n- id: b\n  en:\n    term: B\n    definition: \"[x](javascript:go)\"\n";
        let entries: Vec<GlossaryEntry> = serde_yaml::from_str(text).unwrap();
        let located: Vec<_> = entries
            .into_iter()
            .zip([1, 3])
            .map(|(value, line)| Located { value, line })
            .collect();
        let ds = glossary(&located, text, Path::new("g.yaml"));
        assert_eq!(ds.len(), 1);
        assert_eq!((ds[0].line, ds[0].column), (6, 18));
        assert!(!ds[0].is_error());
    }
}
