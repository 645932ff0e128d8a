//! What `briefing check` says about the glossary: errors for ids that cannot
//! be used in a URL, duplicate ids, a term or alias claimed twice, a term in
//! a language the site lacks, a published term without definition, see-also
//! and `[[id]]` references to no entry; warnings for drafts and for entries
//! no briefing uses. Entries are located by their `id:` line.

use super::runs::{linkable_runs, marks, Marked};
use super::Glossary;
use crate::content::model::GlossaryEntry;
use crate::content::{self, Located};
use crate::diagnostics::{line_col, Diagnostic};
use crate::notes::NoteSource;
use crate::yaml;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Every problem of the entries themselves.
pub fn entries(glossary: &content::Glossary, languages: &[String]) -> Vec<Diagnostic> {
    let file = &glossary.file;
    let entries = &glossary.entries;
    let mut out = glossary.warnings.clone();
    out.extend(ids(file, entries));
    for lang in languages {
        out.extend(names(file, entries, lang));
    }
    out.extend(term_languages(glossary, languages));
    out.extend(undefined(glossary));
    out.extend(see_also(glossary));
    out.extend(entries.iter().filter(|e| e.value.draft).map(|e| {
        Diagnostic::warning(
            file,
            e.line,
            1,
            format!(
                "glossary entry \"{}\" is a draft: it is not published and no text links to it",
                e.value.id
            ),
        )
        .with_hint("review its terms and definitions, then delete `draft: true`")
    }));
    out
}

fn ids(file: &Path, entries: &[Located<GlossaryEntry>]) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for e in entries {
        let id = e.value.id.as_str();
        if !crate::content::is_slug(id) {
            out.push(
                Diagnostic::error(file, e.line, 1, format!("the glossary id \"{id}\" cannot be used in a URL"))
                    .with_hint("use lowercase ASCII letters, digits and '-' only, e.g. `belt-and-road-initiative`"),
            );
        }
        if let Some(first) = seen.insert(id, e.line) {
            out.push(
                Diagnostic::error(file, e.line, 1, format!("the glossary id \"{id}\" is used twice"))
                    .with_hint(format!("it is already the id of the entry on line {first}; give this entry another id or merge the two")),
            );
        }
    }
    out
}

/// Empty names, and names two entries (or one entry twice) claim in `lang`.
fn names(file: &Path, entries: &[Located<GlossaryEntry>], lang: &str) -> Vec<Diagnostic> {
    let mut owner: HashMap<&str, &str> = HashMap::new();
    let mut out = Vec::new();
    for e in entries {
        let Some(term) = e.value.term(lang) else {
            continue;
        };
        for name in super::names(term) {
            if name.is_empty() {
                out.push(
                    Diagnostic::error(
                        file,
                        e.line,
                        1,
                        format!(
                            "glossary entry \"{}\" has an empty {lang} term or alias",
                            e.value.id
                        ),
                    )
                    .with_hint("write the term, or delete the empty alias"),
                );
            } else if let Some(first) = owner.insert(name, &e.value.id) {
                let whose = if first == e.value.id {
                    format!("twice in glossary entry \"{first}\"")
                } else {
                    format!("in glossary entries \"{first}\" and \"{}\"", e.value.id)
                };
                out.push(
                    Diagnostic::error(
                        file,
                        e.line,
                        1,
                        format!("the {lang} term or alias \"{name}\" appears {whose}"),
                    )
                    .with_hint("a term or alias can name only one entry; delete one of them"),
                );
            }
        }
    }
    out
}

/// An error for each `see_also` id that names no entry, and a warning for
/// each a published entry gives to a draft, which its page leaves out
/// (review editor F21).
fn see_also(glossary: &content::Glossary) -> Vec<Diagnostic> {
    let (file, entries) = (&glossary.file, &glossary.entries);
    let ids: Vec<&str> = entries.iter().map(|e| e.value.id.as_str()).collect();
    let draft = |id: &str| entries.iter().any(|e| e.value.id == id && e.value.draft);
    let mut out = Vec::new();
    for e in entries {
        for target in &e.value.see_also {
            let (line, column) = glossary.see_also_place(e.line, target);
            let id = &e.value.id;
            if !ids.contains(&target.as_str()) {
                out.push(
                    Diagnostic::error(
                        file,
                        line,
                        column,
                        format!(
                            "glossary entry \"{id}\" has see_also \"{target}\", which is no entry"
                        ),
                    )
                    .with_hint(unknown_hint(target, &ids)),
                );
            } else if draft(target) && !e.value.draft {
                out.push(
                    Diagnostic::warning(
                        file,
                        line,
                        column,
                        format!("glossary entry \"{id}\" has see_also \"{target}\", a draft: its page leaves the link out"),
                    )
                    .with_hint("review the draft, then delete its `draft: true`"),
                );
            }
        }
    }
    out
}

/// Terms in a language the site does not have, each at its key.
fn term_languages(glossary: &content::Glossary, languages: &[String]) -> Vec<Diagnostic> {
    let known: Vec<&str> = languages.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    for e in &glossary.entries {
        for (lang, _) in e
            .value
            .terms
            .iter()
            .filter(|(l, _)| !known.contains(&l.as_str()))
        {
            let (line, column) = glossary.key_place(e.line, lang);
            let hint = match yaml::closest(lang, &known) {
                Some(best) => format!("did you mean \"{best}\"?"),
                None => format!("site.yaml lists: {}", known.join(", ")),
            };
            out.push(
                Diagnostic::error(&glossary.file, line, column, format!("glossary entry \"{}\" has a term in \"{lang}\", which is not one of the site's languages", e.value.id))
                    .with_end(line, column + lang.chars().count())
                    .with_hint(hint),
            );
        }
    }
    out
}

/// A published entry (no `draft: true`) must define each of its terms: an
/// import's draft has empty definitions, and deleting `draft: true` before
/// writing them would publish empty pop-ups.
fn undefined(glossary: &content::Glossary) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for e in glossary.entries.iter().filter(|e| !e.value.draft) {
        for (lang, _) in e
            .value
            .terms
            .iter()
            .filter(|(_, t)| t.definition.trim().is_empty())
        {
            let (line, column) = glossary.key_place(e.line, lang);
            out.push(
                Diagnostic::error(
                    &glossary.file,
                    line,
                    column,
                    format!("glossary entry \"{}\" has no {lang} definition", e.value.id),
                )
                .with_end(line, column + lang.chars().count())
                .with_hint("write its `definition`, or put `draft: true` back until it is written"),
            );
        }
    }
    out
}

/// "did you mean …", or how to add the entry.
fn unknown_hint(id: &str, ids: &[&str]) -> String {
    match yaml::closest(id, ids) {
        Some(best) => format!("did you mean \"{best}\"?"),
        None => format!("add an entry with `id: {id}` to content/glossary.yaml"),
    }
}

/// An automaton that could not be built (far beyond any real glossary).
pub fn too_many_terms(file: &Path, lang: &str, e: &aho_corasick::BuildError) -> Diagnostic {
    Diagnostic::error(
        file,
        0,
        0,
        format!("the {lang} terms of the glossary cannot be searched: {e}"),
    )
    .with_hint("split the glossary's longest terms or remove unused aliases")
}

/// Errors for the `[[id]]`s of one section file that name no entry (none
/// when glossary.yaml did not load: its own errors are reported), and
/// warnings for those that name a draft, shown as plain text (review
/// editor F21, F7: both were wrong without a word).
pub fn references(glossary: &Glossary, source: &NoteSource) -> Vec<Diagnostic> {
    let (body_line, text) = source.position;
    let ids: Vec<&str> = glossary
        .entries()
        .iter()
        .map(|e| e.value.id.as_str())
        .collect();
    let mut out = Vec::new();
    for run in linkable_runs(&source.body) {
        for mark in marks(&run, text) {
            let Marked::Link { id, .. } = mark.marked else {
                continue;
            };
            let (line, column) = line_col(text, run.source_offset(mark.range.start));
            let at = (&*source.file, line + body_line - 1, column);
            out.extend(match glossary.get(id) {
                Some(entry) if entry.draft => Some(draft_reference(at, id, glossary.file())),
                None if !glossary.failed() => Some(unknown_reference(at, id, &ids)),
                _ => None,
            });
        }
    }
    out
}

fn unknown_reference(
    (file, line, column): (&Path, usize, usize),
    id: &str,
    ids: &[&str],
) -> Diagnostic {
    Diagnostic::error(
        file,
        line,
        column,
        format!("[[{id}]] names no glossary entry"),
    )
    .with_hint(format!(
        "{}; to write double brackets literally, type \\[[",
        unknown_hint(id, ids)
    ))
}

fn draft_reference(
    (file, line, column): (&Path, usize, usize),
    id: &str,
    glossary: &Path,
) -> Diagnostic {
    Diagnostic::warning(
        file,
        line,
        column,
        format!("[[{id}]] names a draft glossary entry: it is shown as plain text until the entry is published"),
    )
    .with_hint(format!(
        "review the entry in {}, then delete its `draft: true`",
        glossary.display()
    ))
}

/// Warnings for published entries no briefing links.
pub fn unused(glossary: &Glossary, used: &HashSet<&str>) -> Vec<Diagnostic> {
    glossary
        .entries()
        .iter()
        .filter(|e| !e.value.draft && !used.contains(e.value.id.as_str()))
        .map(|e| {
            Diagnostic::warning(glossary.file(), e.line, 1, format!("glossary entry \"{}\" is used in no briefing", e.value.id))
                .with_hint(format!("check its term and aliases against the text (English is matched case-sensitively), link it with [[{}]], or delete it", e.value.id))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{glossary, languages};
    use super::*;
    use crate::markdown::parse;

    fn messages(ds: &[Diagnostic]) -> Vec<String> {
        ds.iter()
            .map(|d| d.to_string().lines().next().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn bad_and_duplicate_ids_duplicate_names_and_drafts() {
        let mut content = glossary(&[
            ("bri", &["帶路倡議", "帶路"], &["BRI"], false),
            ("bri", &["一帶一路", "一帶一路"], &[], false),
            ("Road", &["帶路"], &["BRI", ""], true),
        ]);
        content.entries[0].value.see_also = vec!["bri".into(), "roads".into()];
        let (_, ds) = Glossary::new(&content, &languages());
        assert_eq!(
            messages(&ds),
            [
                "content/glossary.yaml:5:1: error: the glossary id \"bri\" is used twice",
                "content/glossary.yaml:9:1: error: the glossary id \"Road\" cannot be used in a URL",
                "content/glossary.yaml:5:1: error: the zh-Hant term or alias \"一帶一路\" appears twice in glossary entry \"bri\"",
                "content/glossary.yaml:9:1: error: the zh-Hant term or alias \"帶路\" appears in glossary entries \"bri\" and \"Road\"",
                "content/glossary.yaml:9:1: error: the en term or alias \"BRI\" appears in glossary entries \"bri\" and \"Road\"",
                "content/glossary.yaml:9:1: error: glossary entry \"Road\" has an empty en term or alias",
                "content/glossary.yaml:1:1: error: glossary entry \"bri\" has see_also \"roads\", which is no entry",
                "content/glossary.yaml:9:1: warning: glossary entry \"Road\" is a draft: it is not published and no text links to it",
            ]
        );
        assert_eq!(ds[6].hint.as_deref(), Some("did you mean \"Road\"?"));
    }

    #[test]
    fn references_to_no_entry_or_a_draft_point_at_their_brackets() {
        let content = glossary(&[
            ("soft-power", &["軟實力"], &[], false),
            ("d", &["維穩"], &[], true),
        ]);
        let (g, _) = Glossary::new(&content, &languages());
        let body = "第一行\n\n### [[heading]]\n\n說 [[soft-power]]、[[d]] 與 [[sof-power|軟]]。\n`[[code]]` \\[[escaped]]\n";
        let source = NoteSource::new(Path::new("x.md"), "zh-Hant", body, 4, parse(body));
        let ds = g.check_references([&source]);
        assert_eq!(
            messages(&ds),
            [
                "x.md:8:18: warning: [[d]] names a draft glossary entry: it is shown as plain text until the entry is published",
                "x.md:8:26: error: [[sof-power]] names no glossary entry",
            ]
        );
        assert!(ds[1]
            .hint
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean \"soft-power\"?")));
    }

    #[test]
    fn unused_published_entries_warn() {
        let content = glossary(&[
            ("a", &["甲"], &[], false),
            ("b", &["乙"], &[], false),
            ("c", &["丙"], &[], true),
        ]);
        let (g, _) = Glossary::new(&content, &languages());
        let used = HashSet::from(["a"]);
        assert_eq!(
            messages(&g.check_unused(&used)),
            ["content/glossary.yaml:5:1: warning: glossary entry \"b\" is used in no briefing"]
        );
    }
}
