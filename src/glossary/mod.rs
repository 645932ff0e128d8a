//! The bilingual glossary at build time: one [`Matcher`] per language built
//! once per site, the adapter that links terms in a section's events
//! ([`Glossary::link`]), the `[[…]]` syntax editors use to force or stop a
//! link, the checks `briefing check` reports, and the collation the glossary
//! pages are sorted by.

mod check;
mod collate;
mod link;
mod matcher;
mod runs;

pub use collate::Collation;
pub use link::Linked;
pub use matcher::{Found, Matcher};

use crate::content::model::GlossaryEntry;
use crate::content::{self, Located};
use crate::diagnostics::Diagnostic;
use crate::notes::NoteSource;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The glossary of one site, compiled for linking.
#[derive(Debug, Clone)]
pub struct Glossary<'s> {
    source: &'s content::Glossary,
    /// id → index of its first entry.
    by_id: HashMap<&'s str, usize>,
    /// Language → the matcher over its published terms and aliases.
    matchers: BTreeMap<String, Matcher>,
}

impl<'s> Glossary<'s> {
    /// Compiles `glossary` for `languages`, with every problem of its entries
    /// (errors: bad or duplicate ids, duplicate terms, unknown see-also ids;
    /// warnings: drafts).
    pub fn new(glossary: &'s content::Glossary, languages: &[String]) -> (Self, Vec<Diagnostic>) {
        let mut diagnostics = check::entries(glossary, languages);
        let mut by_id = HashMap::new();
        for (i, entry) in glossary.entries.iter().enumerate() {
            by_id.entry(entry.value.id.as_str()).or_insert(i);
        }
        let mut matchers = BTreeMap::new();
        for lang in languages {
            let patterns = patterns(&glossary.entries, lang);
            match Matcher::new(patterns.iter().map(|(p, i)| (p.as_str(), *i))) {
                Ok(matcher) => {
                    matchers.insert(lang.clone(), matcher);
                }
                Err(e) => diagnostics.push(check::too_many_terms(&glossary.file, lang, &e)),
            }
        }
        let compiled = Glossary {
            source: glossary,
            by_id,
            matchers,
        };
        (compiled, diagnostics)
    }

    /// content/glossary.yaml, for diagnostics.
    pub fn file(&self) -> &'s Path {
        &self.source.file
    }

    /// Every entry in file order, drafts included.
    pub fn entries(&self) -> &'s [Located<GlossaryEntry>] {
        &self.source.entries
    }

    /// True when glossary.yaml did not load: ids are not checked against it.
    pub fn failed(&self) -> bool {
        self.source.failed
    }

    /// The entry with `id`, draft or not.
    pub fn get(&self, id: &str) -> Option<&'s GlossaryEntry> {
        self.by_id.get(id).map(|&i| &self.source.entries[i].value)
    }

    /// The entry with `id` if it is published (not a draft), with its index.
    pub fn published(&self, id: &str) -> Option<(usize, &'s GlossaryEntry)> {
        let &i = self.by_id.get(id)?;
        let entry = &self.source.entries[i].value;
        (!entry.draft).then_some((i, entry))
    }

    /// The matcher for text in `lang`, if the glossary has terms in it.
    pub fn matcher(&self, lang: &str) -> Option<&Matcher> {
        self.matchers.get(lang)
    }

    /// Errors for every `[[id]]` in `sources` that names no entry, and
    /// warnings for those that name a draft.
    pub fn check_references<'a>(
        &self,
        sources: impl IntoIterator<Item = &'a NoteSource<'a>>,
    ) -> Vec<Diagnostic> {
        sources
            .into_iter()
            .flat_map(|source| check::references(self, source))
            .collect()
    }

    /// Warnings for published entries whose id is not in `used`.
    pub fn check_unused(&self, used: &HashSet<&str>) -> Vec<Diagnostic> {
        check::unused(self, used)
    }
}

/// Every spelling of every published term and alias in `lang`, with the
/// index of its entry.
fn patterns(entries: &[Located<GlossaryEntry>], lang: &str) -> Vec<(String, usize)> {
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.value.draft)
        .filter_map(|(i, e)| Some((i, e.value.term(lang)?)))
        .flat_map(|(i, term)| names(term).flat_map(spellings).map(move |name| (name, i)))
        .collect()
}

/// A term and its aliases, trimmed.
fn names(term: &content::model::Term) -> impl Iterator<Item = &str> {
    std::iter::once(&term.term)
        .chain(&term.aliases)
        .map(|s| s.trim())
}

/// `name` as written and with its apostrophes typeset the other way
/// (' ↔ ’): text pasted from a PDF or word processor has curly ones.
fn spellings(name: &str) -> impl Iterator<Item = String> {
    let other = if name.contains('\'') {
        Some(name.replace('\'', "\u{2019}"))
    } else if name.contains('\u{2019}') {
        Some(name.replace('\u{2019}', "'"))
    } else {
        None
    };
    std::iter::once(name.to_string()).chain(other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Term;

    /// A glossary from `(id, zh-Hant names, en names, draft)`; the first name is the term.
    pub(super) fn glossary(entries: &[(&str, &[&str], &[&str], bool)]) -> content::Glossary {
        let term = |names: &[&str]| {
            names.split_first().map(|(t, aliases)| Term {
                term: t.to_string(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                definition: format!("{t} is defined here."),
            })
        };
        content::Glossary {
            file: "content/glossary.yaml".into(),
            entries: entries
                .iter()
                .enumerate()
                .map(|(i, (id, zh, en, draft))| Located {
                    value: GlossaryEntry {
                        id: id.to_string(),
                        terms: [("zh-Hant", term(zh)), ("en", term(en))]
                            .into_iter()
                            .filter_map(|(l, t)| Some((l.to_string(), t?)))
                            .collect(),
                        see_also: Vec::new(),
                        draft: *draft,
                    },
                    line: 1 + 4 * i,
                })
                .collect(),
            warnings: Vec::new(),
            text: String::new(),
            failed: false,
        }
    }

    pub(super) fn languages() -> Vec<String> {
        vec!["zh-Hant".into(), "en".into()]
    }

    #[test]
    fn drafts_are_not_matched_but_can_be_looked_up() {
        let source = glossary(&[("a", &["甲乙"], &[], false), ("b", &["丙丁"], &[], true)]);
        let (g, _) = Glossary::new(&source, &languages());
        let m = g.matcher("zh-Hant").expect("zh matcher");
        assert_eq!(m.find("甲乙丙丁", 0..12).map(|f| f.entry), Some(0));
        assert_eq!(m.find("丙丁", 0..6), None);
        assert!(g.get("b").is_some() && g.published("b").is_none());
    }

    #[test]
    fn apostrophes_match_either_way() {
        let source = glossary(&[("x", &[], &["Xi'an Declaration"], false)]);
        let (g, _) = Glossary::new(&source, &languages());
        let m = g.matcher("en").expect("en matcher");
        let text = "the Xi’an Declaration";
        assert_eq!(m.find(text, 0..text.len()).map(|f| f.range.start), Some(4));
    }
}
