//! Draft author entries for content/authors.yaml, proposed from the paper's
//! byline and bio as glossary entries are from its text: one per author
//! with an English name (the id is made from it, never by romanising
//! Chinese) whose name the file does not have yet, marked `draft: true`
//! until an editor reviews it.

use super::model::Paper;
use super::slug::slugify;
use super::yaml_list;
use crate::content::model::AuthorEntry;
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// A draft entry per author of `paper` that has an English name.
pub fn candidates(paper: &Paper) -> Vec<AuthorEntry> {
    paper
        .meta
        .authors
        .iter()
        .filter_map(|a| {
            let a = a.inline()?;
            let id = slugify(a.name.get("en")?);
            (!id.is_empty()).then(|| AuthorEntry {
                id,
                name: a.name.clone(),
                affiliation: a.affiliation.clone(),
                bio: a.bio.clone(),
                draft: true,
                ..AuthorEntry::default()
            })
        })
        .collect()
}

/// content/authors.yaml (`existing`, the text of `file` if it exists) with
/// the `candidates` whose id and names are new appended; with the ids
/// added. `None` when there is nothing to add.
pub fn merge(
    existing: Option<&str>,
    file: &Path,
    candidates: Vec<AuthorEntry>,
) -> Result<Option<(String, Vec<String>)>, Diagnostic> {
    let old: Vec<AuthorEntry> = yaml_list::entries(existing, file, "authors.yaml")?;
    let known = |c: &AuthorEntry| {
        old.iter()
            .any(|o| o.id == c.id || o.name.iter().any(|(l, n)| c.name.get(l) == Some(n)))
    };
    let new: Vec<AuthorEntry> = candidates.into_iter().filter(|c| !known(c)).collect();
    if new.is_empty() {
        return Ok(None);
    }
    let text = yaml_list::append(existing, file, old.len(), &new, "authors.yaml")?;
    Ok(Some((text, new.into_iter().map(|a| a.id).collect())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::parse;

    const PAPER: &str = "標題\n\n王小明、曾怡碩\n\n國防研究所\n\n網路研究所\n\n壹、前言\n\n段落。\n\n本文作者王小明為研究員。\n\nTitle\n\nHsiao-ming Wang and Yisuo Tzeng\n\nInstitute of Defense\n\nInstitute of Cyber\n";

    #[test]
    fn authors_with_english_names_are_proposed_once() {
        let paper = parse(PAPER, Path::new("p.txt")).unwrap();
        let found = candidates(&paper);
        let ids: Vec<&str> = found.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["hsiao-ming-wang", "yisuo-tzeng"]);
        assert!(found.iter().all(|a| a.draft));
        assert_eq!(found[0].affiliation["zh-Hant"], "國防研究所");
        assert_eq!(found[0].bio["zh-Hant"], "本文作者王小明為研究員。");
        let old = "# reviewed\n- id: tzeng-yisuo\n  name: { zh-Hant: 曾怡碩, en: Yisuo Tzeng }\n";
        let (text, added) = merge(Some(old), Path::new("authors.yaml"), found)
            .unwrap()
            .unwrap();
        assert!(text.starts_with(old), "{text}");
        assert_eq!(
            added,
            ["hsiao-ming-wang"],
            "曾怡碩 is known under another id"
        );
        assert_eq!(
            merge(Some(&text), Path::new("a.yaml"), candidates(&paper)).unwrap(),
            None
        );
    }
}
