//! Glossary candidates: a Chinese term followed by its English name in
//! parentheses, 「集體安全條約組織」（Collective Security Treaty Organization, CSTO),
//! proposed as draft entries and appended to content/glossary.yaml.

use super::model::{plain_text, Language, Paper};
use super::slug::slugify;
use super::yaml_list;
use crate::cjk::is_ideograph;
use crate::content::model::{GlossaryEntry, Term};
use crate::diagnostics::Diagnostic;
use std::collections::HashSet;
use std::path::Path;

/// Brackets that may enclose the Chinese term, closing → opening.
const BRACKETS: [(char, char); 6] = [
    ('」', '「'),
    ('』', '『'),
    ('》', '《'),
    ('〉', '〈'),
    ('”', '“'),
    ('】', '【'),
];
/// The longest Chinese term proposed, in characters.
const MAX_TERM: usize = 20;
/// Without brackets, a term stops at these (once it has two characters).
const PARTICLES: &str = "的之與及和在於對由被把將從向是為即";

/// Draft entries for every "term（English, ABBR）" in the paper's body, in
/// order of first appearance, each once.
pub fn candidates(paper: &Paper) -> Vec<GlossaryEntry> {
    let mut seen = Known::default();
    let mut found = Vec::new();
    for section in &paper.sections {
        for block in &section.blocks {
            for entry in scan(&plain_text(block.inlines())) {
                if seen.admit(&entry) {
                    found.push(entry);
                }
            }
        }
    }
    found
}

/// Every candidate in one piece of text. Each closing parenthesis is paired
/// with the nearest opening one before it (a term's English name holds no
/// parenthesis), so the text is read once.
fn scan(text: &str) -> Vec<GlossaryEntry> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut open = None;
    for (at, c) in chars.iter().enumerate() {
        match c {
            '（' | '(' => open = Some(at),
            '）' | ')' => {
                let Some(open) = open.take() else { continue };
                let inner: String = chars[open + 1..at].iter().collect();
                if let (Some(zh), Some((en, abbr))) = (term_before(&chars[..open]), english(&inner))
                {
                    found.push(draft(zh, en, abbr));
                } else if let (Some(en), Some(zh)) =
                    (english_before(&chars[..open]), chinese(&inner))
                {
                    found.push(draft(zh, en, None));
                }
            }
            _ => {}
        }
    }
    found
}

fn draft(zh: String, en: String, abbr: Option<String>) -> GlossaryEntry {
    GlossaryEntry {
        id: slugify(&en),
        terms: vec![
            (
                Language::ZhHant.code().to_string(),
                Term {
                    term: zh,
                    ..Term::default()
                },
            ),
            (
                Language::En.code().to_string(),
                Term {
                    term: en,
                    aliases: abbr.into_iter().collect(),
                    ..Term::default()
                },
            ),
        ],
        see_also: Vec::new(),
        draft: true,
    }
}

/// The Chinese term just before a parenthesis: the text inside 「」《》…, or
/// else the run of ideographs back to punctuation or a particle (的, 與…).
fn term_before(before: &[char]) -> Option<String> {
    let last = *before.last()?;
    // A term has at most MAX_TERM characters: looking further back is never needed.
    let near = &before[before.len().saturating_sub(MAX_TERM + 2)..];
    let term: String = if let Some((_, opening)) = BRACKETS.iter().find(|(c, _)| *c == last) {
        let inner = &near[..near.len() - 1];
        let start = inner.iter().rposition(|c| c == opening)?;
        inner[start + 1..].iter().collect()
    } else {
        let mut run: Vec<char> = Vec::new();
        for c in near.iter().rev().take_while(|c| is_ideograph(**c)) {
            if run.len() >= 2 && PARTICLES.contains(*c) {
                break;
            }
            run.push(*c);
        }
        run.iter().rev().collect()
    };
    let fits = |c: char| is_ideograph(c) || c.is_ascii_alphanumeric() || "·・".contains(c);
    let length = term.chars().count();
    ((2..=MAX_TERM).contains(&length) && term.chars().all(fits) && term.chars().any(is_ideograph))
        .then_some(term)
}

/// `Collective Security Treaty Organization, CSTO` → the English term and its abbreviation.
fn english(inner: &str) -> Option<(String, Option<String>)> {
    let inner = inner.trim();
    let latin = |c: char| c.is_ascii_alphanumeric() || " -'’&.,".contains(c);
    if !inner.starts_with(|c: char| c.is_ascii_alphabetic()) || !inner.chars().all(latin) {
        return None;
    }
    let (term, abbr) = match inner.rsplit_once(',') {
        Some((term, abbr)) if is_abbreviation(abbr.trim()) => {
            (term.trim(), Some(abbr.trim().to_string()))
        }
        Some(_) => return None,
        None => (inner, None),
    };
    let words = term.split_whitespace().count();
    let proper = term.chars().any(|c| c.is_ascii_lowercase())
        && (1..=12).contains(&words)
        && !term.contains(',');
    proper.then(|| (term.to_string(), abbr))
}

/// Lowercase words that may stand inside an English name (`Treaty of
/// Friendship`, `Bank for Reconstruction and Development`).
const CONNECTORS: [&str; 6] = ["of", "and", "for", "on", "the", "in"];

/// The English name just before a parenthesis (`… the Collective Security
/// Treaty Organization (`): the capitalised words back to the first other
/// word, connectors inside the name kept, at its edges dropped.
fn english_before(before: &[char]) -> Option<String> {
    let near: String = before[before.len().saturating_sub(120)..].iter().collect();
    let near = near.strip_suffix(' ')?;
    let mut words: Vec<&str> = Vec::new();
    for word in near.rsplit(' ') {
        let capital = word.starts_with(|c: char| c.is_ascii_uppercase())
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-'’&.".contains(c));
        if !capital && !CONNECTORS.contains(&word) {
            break;
        }
        words.push(word);
    }
    let connector = |w: &&str| CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(w));
    while words.last().is_some_and(connector) {
        words.pop();
    }
    while words.first().is_some_and(connector) {
        words.remove(0);
    }
    words.reverse();
    ((1..=12).contains(&words.len())).then(|| words.join(" "))
}

/// `集體安全條約組織`: a Chinese term alone inside a parenthesis.
fn chinese(inner: &str) -> Option<String> {
    let inner = inner.trim();
    let length = inner.chars().count();
    ((2..=MAX_TERM).contains(&length) && inner.chars().all(is_ideograph)).then(|| inner.to_string())
}

/// `CSTO`, `SCO`, `G20`, `AT&T`: two to twelve characters, mostly capitals.
fn is_abbreviation(s: &str) -> bool {
    (2..=12).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "&-.".contains(c))
        && s.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// Ids and terms already taken, so no candidate duplicates an entry.
#[derive(Default)]
struct Known {
    ids: HashSet<String>,
    terms: HashSet<String>,
}

impl Known {
    fn of(entries: &[GlossaryEntry]) -> Known {
        let mut known = Known::default();
        for entry in entries {
            known.add(entry);
        }
        known
    }

    fn names(entry: &GlossaryEntry) -> Vec<String> {
        entry
            .terms
            .iter()
            .map(|(_, t)| t)
            .flat_map(|t| std::iter::once(&t.term).chain(&t.aliases))
            .map(|t| t.to_lowercase())
            .collect()
    }

    fn add(&mut self, entry: &GlossaryEntry) {
        self.ids.insert(entry.id.clone());
        self.terms.extend(Known::names(entry));
    }

    /// True (and remembered) when `entry` has a new id and only new terms.
    fn admit(&mut self, entry: &GlossaryEntry) -> bool {
        let fresh = !entry.id.is_empty()
            && !self.ids.contains(&entry.id)
            && Known::names(entry).iter().all(|n| !self.terms.contains(n));
        if fresh {
            self.add(entry);
        }
        fresh
    }
}

/// content/glossary.yaml with the candidates it does not have yet appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The new file text: the old text byte for byte, then the new entries.
    pub text: String,
    /// Ids of the entries added.
    pub added: Vec<String>,
}

/// Appends the `candidates` that are new to the glossary `existing` (the
/// text of `file`, if it exists). `None` when there is nothing to add.
pub fn merge(
    existing: Option<&str>,
    file: &Path,
    candidates: Vec<GlossaryEntry>,
) -> Result<Option<Merged>, Diagnostic> {
    let old: Vec<GlossaryEntry> = yaml_list::entries(existing, file, "the glossary")?;
    let mut known = Known::of(&old);
    let new: Vec<GlossaryEntry> = candidates.into_iter().filter(|c| known.admit(c)).collect();
    if new.is_empty() {
        return Ok(None);
    }
    let text = yaml_list::append(existing, file, old.len(), &new, "the glossary")?;
    let added = new.into_iter().map(|e| e.id).collect();
    Ok(Some(Merged { text, added }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String, Vec<String>)> {
        scan(text)
            .into_iter()
            .map(|e| {
                let term = |lang: &str| e.term(lang).cloned().unwrap_or_default();
                let (zh, en) = (term("zh-Hant"), term("en"));
                (zh.term, en.term, en.aliases)
            })
            .collect()
    }

    #[test]
    fn nested_parentheses_pair_each_closing_one_with_the_nearest_opening() {
        let nested = format!("{}{}", "（".repeat(500), "）".repeat(500));
        let text = format!("{nested}「集體安全條約組織」（（Collective Security Treaty Organization, CSTO）與「上海合作組織」（Shanghai Cooperation Organization）");
        let terms: Vec<String> = found(&text).into_iter().map(|(zh, _, _)| zh).collect();
        assert_eq!(
            terms,
            ["上海合作組織"],
            "a term directly before its parenthesis only"
        );
    }

    #[test]
    fn finds_bracketed_terms() {
        assert_eq!(
            found("俄羅斯領導的「集體安全條約組織」（Collective Security Treaty Organization, CSTO）仍最具影響力"),
            [("集體安全條約組織".into(), "Collective Security Treaty Organization".into(), vec!["CSTO".into()])]
        );
        assert_eq!(
            found("根據兩年一次的《中亞晴雨表》（Central Asia Barometer Survey），儘管"),
            [(
                "中亞晴雨表".into(),
                "Central Asia Barometer Survey".into(),
                vec![]
            )]
        );
    }

    #[test]
    fn finds_bare_terms_with_ascii_parentheses() {
        assert_eq!(
            found("成員國與上海合作組織(Shanghai Cooperation Organization, SCO)，與吉爾吉斯共和國（Kyrgyz Republic）"),
            [
                ("上海合作組織".into(), "Shanghai Cooperation Organization".into(), vec!["SCO".into()]),
                ("吉爾吉斯共和國".into(), "Kyrgyz Republic".into(), vec![]),
            ]
        );
    }

    #[test]
    fn finds_english_first_terms() {
        assert_eq!(
            found("Russia leads the Collective Security Treaty Organization (集體安全條約組織) and the Bank for Reconstruction and Development (復興開發銀行), while Kazakhstan (哈薩克) hedges."),
            [
                ("集體安全條約組織".into(), "Collective Security Treaty Organization".into(), vec![]),
                ("復興開發銀行".into(), "Bank for Reconstruction and Development".into(), vec![]),
                ("哈薩克".into(), "Kazakhstan".into(), vec![]),
            ]
        );
        for text in [
            "in 2020 (見上)",
            "the states (中亞五國的國家們在此)",
            "The (中亞)",
            "said (中)",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn ignores_other_parentheses() {
        for text in [
            "3,500 億元人民幣（478 億美元）",
            "《新聞戰線》（2017年第2期）",
            "組織（CSTO）",
            "（Smith, 2020）",
            "a (b c)",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn merging_keeps_the_old_text_and_skips_known_terms() {
        let old = "# editors' comment\n- id: x\n  zh-Hant:\n    term: 中亞晴雨表\n";
        let candidates = scan("《中亞晴雨表》（Central Asia Barometer Survey）與「集體安全條約組織」（Collective Security Treaty Organization, CSTO）");
        let merged = merge(Some(old), Path::new("g.yaml"), candidates)
            .unwrap()
            .unwrap();
        assert!(merged.text.starts_with(old));
        assert_eq!(merged.added, ["collective-security-treaty-organization"]);
        assert!(merged.text.contains("  draft: true"), "{}", merged.text);
        assert_eq!(
            merge(
                Some(&merged.text),
                Path::new("g.yaml"),
                scan("「集體安全條約組織」（Collective Security Treaty Organization, CSTO）")
            )
            .unwrap(),
            None
        );
    }

    #[test]
    fn merging_into_a_flow_list_fails_cleanly() {
        let e = merge(
            Some("[]\n"),
            Path::new("g.yaml"),
            scan("「集體安全條約組織」（Collective Security Treaty Organization）"),
        )
        .unwrap_err();
        assert!(e.hint.unwrap_or_default().contains("block list"));
    }
}
