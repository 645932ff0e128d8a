//! The Markdown fields of YAML files (abstracts and bios in briefing.yaml,
//! glossary definitions) screened like section files: what
//! [`crate::markdown::parse_field`] finds in a value becomes a diagnostic
//! at the place in the YAML text that holds it.

use super::model::{AuthorRef, BriefingMeta, GlossaryEntry};
use super::Located;
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::markdown;
use std::path::Path;

/// The diagnostics of the abstracts and bios of `meta`, read from `text`.
pub fn briefing(meta: &BriefingMeta, text: &str, file: &Path) -> Vec<Diagnostic> {
    let lines = LineIndex::new(text);
    let bios = meta
        .authors
        .iter()
        .filter_map(AuthorRef::inline)
        .flat_map(|a| a.bio.values());
    meta.abstract_
        .values()
        .chain(bios)
        .flat_map(|value| field(value, &lines, 0, file))
        .collect()
}

/// The diagnostics of the definitions of `entries`, read from `text`; each
/// is looked for from its entry's line on.
pub fn glossary(entries: &[Located<GlossaryEntry>], text: &str, file: &Path) -> Vec<Diagnostic> {
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    for entry in entries {
        let from = lines.line_start(entry.line);
        for (_, term) in &entry.value.terms {
            out.extend(field(&term.definition, &lines, from, file));
        }
    }
    out
}

/// The findings in `value` as diagnostics, each at the first place at or
/// after byte `from` of the YAML text that holds the text it is about (YAML
/// may quote or fold a value, so the value itself is not looked for).
fn field(value: &str, lines: &LineIndex, from: usize, file: &Path) -> Vec<Diagnostic> {
    markdown::parse_field(value)
        .findings
        .iter()
        .map(|f| {
            let snippet = value[f.range.clone()].lines().next().unwrap_or_default();
            let at = lines.text()[from..]
                .find(snippet)
                .map_or(from, |i| from + i);
            f.diagnostic(file, lines.line_col(at))
        })
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
