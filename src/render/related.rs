//! Related briefings: for each briefing, the [`RELATED`] others that share
//! the most topics and glossary terms with it (one point for each), the
//! newer first among equals, then by slug, so the choice is deterministic.
//! A briefing's terms are the published glossary entries whose term or
//! alias its section text (in any language) contains, found with the
//! glossary's own matchers before any page is rendered.

use crate::content::Briefing;
use crate::glossary::Glossary;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// How many related briefings a page shows at most.
pub const RELATED: usize = 3;

/// What relates a briefing to others.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Folder name.
    pub slug: String,
    /// ISO date, if set (newer first among equals).
    pub date: Option<String>,
    /// Topic ids.
    pub topics: BTreeSet<String>,
    /// Indexes of the glossary entries its text contains.
    pub terms: BTreeSet<usize>,
}

/// The profile of every briefing, in the order given.
pub fn profiles(briefings: &[&Briefing], glossary: &Glossary) -> Vec<Profile> {
    briefings
        .par_iter()
        .map(|b| Profile {
            slug: b.slug.clone(),
            date: b.meta.date.map(|d| d.to_string()),
            topics: b.meta.topics.iter().cloned().collect(),
            terms: terms(b, glossary),
        })
        .collect()
}

fn terms(briefing: &Briefing, glossary: &Glossary) -> BTreeSet<usize> {
    let mut found = BTreeSet::new();
    for section in &briefing.sections {
        for (lang, file) in &section.files {
            let Some(matcher) = glossary.matcher(lang) else {
                continue;
            };
            let text = &file.body;
            let mut from = 0;
            while let Some(m) = matcher.find(text, from..text.len()) {
                found.insert(m.entry);
                from = m.range.end;
            }
        }
    }
    found
}

/// Slug → the slugs of its related briefings, best first.
pub fn related(profiles: &[Profile]) -> BTreeMap<String, Vec<String>> {
    profiles
        .par_iter()
        .map(|p| {
            let mut scored: Vec<(usize, &Profile)> = profiles
                .iter()
                .filter(|q| q.slug != p.slug)
                .map(|q| (score(p, q), q))
                .filter(|(s, _)| *s > 0)
                .collect();
            scored.sort_by(|(sa, a), (sb, b)| {
                sb.cmp(sa)
                    .then_with(|| b.date.cmp(&a.date))
                    .then_with(|| a.slug.cmp(&b.slug))
            });
            let best = scored.iter().take(RELATED).map(|(_, q)| q.slug.clone());
            (p.slug.clone(), best.collect())
        })
        .collect()
}

/// Shared topics plus shared glossary terms.
fn score(a: &Profile, b: &Profile) -> usize {
    a.topics.intersection(&b.topics).count() + a.terms.intersection(&b.terms).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(slug: &str, date: &str, topics: &[&str], terms: &[usize]) -> Profile {
        Profile {
            slug: slug.into(),
            date: Some(date.into()),
            topics: topics.iter().map(|t| t.to_string()).collect(),
            terms: terms.iter().copied().collect(),
        }
    }

    #[test]
    fn most_shared_first_then_newest_then_slug() {
        let all = [
            profile("a", "2024-01-01", &["x", "y"], &[1, 2]),
            profile("b", "2024-01-02", &["x"], &[1]),
            profile("c", "2024-01-03", &["x"], &[9]),
            profile("d", "2024-01-03", &["y"], &[7]),
            profile("e", "2024-01-01", &["x", "y"], &[1, 2, 3]),
            profile("f", "2024-01-05", &["z"], &[]),
        ];
        let related = related(&all);
        assert_eq!(related["a"], ["e", "b", "c"]);
        assert_eq!(related["f"], Vec::<String>::new());
        assert_eq!(related["c"], ["b", "a", "e"]);
        let mut reversed = all.to_vec();
        reversed.reverse();
        assert_eq!(
            super::related(&reversed),
            related,
            "order of input is irrelevant"
        );
    }
}
