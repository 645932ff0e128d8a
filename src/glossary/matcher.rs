//! Finding glossary terms in running text: one Aho–Corasick automaton per
//! language over every term and alias, searched leftmost-longest. Chinese has
//! no spaces between words, so a CJK term matches anywhere; a match whose edge
//! is a Latin letter or digit must sit on a word boundary, so "BRI" is found in
//! "the BRI's loans" and "BRI-funded" but not in "BRIDGE".

use crate::cjk::is_cjk;
use aho_corasick::{AhoCorasick, Anchored, BuildError, Input, MatchKind, StartKind};
use std::ops::Range;

/// The compiled terms and aliases of one language.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// Pattern index → the index of the entry it names.
    targets: Vec<usize>,
}

/// One match: which entry, and where in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index of the entry whose term or alias matched.
    pub entry: usize,
    /// Byte range of the match in the searched text.
    pub range: Range<usize>,
}

impl Matcher {
    /// Compiles `(pattern, entry index)` pairs. Empty patterns are ignored
    /// (they would match everywhere); of identical patterns the first wins.
    pub fn new<'p>(
        patterns: impl IntoIterator<Item = (&'p str, usize)>,
    ) -> Result<Self, BuildError> {
        let mut seen = std::collections::HashSet::new();
        let (strings, targets): (Vec<&str>, Vec<usize>) = patterns
            .into_iter()
            .filter(|(p, _)| !p.is_empty() && seen.insert(*p))
            .unzip();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .build(strings)?;
        Ok(Matcher { automaton, targets })
    }

    /// The leftmost match within `span` of `text` that sits on word
    /// boundaries, the longest of those starting there. Boundaries are judged
    /// against the whole of `text`, so a span may be a window into a sentence.
    pub fn find(&self, text: &str, span: Range<usize>) -> Option<Found> {
        let mut from = span.start;
        while from < span.end {
            let input = Input::new(text).span(from..span.end);
            let m = self.automaton.try_find(input).ok().flatten()?;
            if let Some(found) = self.longest_on_boundaries(text, m.start(), m.end()) {
                return Some(found);
            }
            from = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// The longest match starting at `start`, ending at or before `end`, whose
    /// edges are word boundaries: "Belt and Road" in "Belt and Road Initiatives".
    fn longest_on_boundaries(&self, text: &str, start: usize, mut end: usize) -> Option<Found> {
        loop {
            let input = Input::new(text).span(start..end).anchored(Anchored::Yes);
            let m = self.automaton.try_find(input).ok().flatten()?;
            if on_boundaries(text, m.range()) {
                return Some(Found {
                    entry: self.targets[m.pattern().as_usize()],
                    range: m.range(),
                });
            }
            end = m.end() - 1;
        }
    }
}

/// True unless a Latin letter or digit of the match touches another outside it.
fn on_boundaries(text: &str, range: Range<usize>) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| (c.is_alphanumeric() || c == '_') && !is_cjk(c));
    let inside = &text[range.clone()];
    let open = !(word(inside.chars().next()) && word(text[..range.start].chars().next_back()));
    let close = !(word(inside.chars().next_back()) && word(text[range.end..].chars().next()));
    open && close
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(patterns: &[(&str, usize)]) -> Matcher {
        Matcher::new(patterns.iter().copied()).expect("small automaton")
    }

    /// Every match in `text`, as (entry, matched text).
    fn all(m: &Matcher, text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(f) = m.find(text, from..text.len()) {
            out.push((f.entry, text[f.range.clone()].to_string()));
            from = f.range.end;
        }
        out
    }

    #[test]
    fn chinese_overlapping_terms_longest_wins() {
        let m = matcher(&[
            ("帶路", 0),
            ("帶路倡議", 0),
            ("一帶一路", 0),
            ("中亞", 1),
            ("中亞五國", 2),
        ]);
        assert_eq!(
            all(&m, "中亞五國支持帶路倡議，但中亞民眾冷淡；一帶一路。"),
            [
                (2, "中亞五國".to_string()),
                (0, "帶路倡議".to_string()),
                (1, "中亞".to_string()),
                (0, "一帶一路".to_string()),
            ]
        );
    }

    #[test]
    fn latin_terms_need_word_boundaries() {
        let m = matcher(&[("BRI", 0), ("soft power", 1)]);
        assert_eq!(
            all(
                &m,
                "BRIDGE, the BRI's loans, BRI-funded, soft powers, (soft power)."
            ),
            [
                (0, "BRI".into()),
                (0, "BRI".into()),
                (1, "soft power".into())
            ]
        );
    }

    #[test]
    fn a_shorter_term_is_tried_when_the_longest_breaks_a_word() {
        let m = matcher(&[("Belt and Road", 0), ("Belt and Road Initiative", 1)]);
        assert_eq!(
            all(&m, "Belt and Road Initiatives"),
            [(0, "Belt and Road".into())]
        );
        assert_eq!(
            all(&m, "Belt and Road Initiative."),
            [(1, "Belt and Road Initiative".into())]
        );
    }

    #[test]
    fn latin_terms_in_chinese_text_are_bounded_by_han() {
        let m = matcher(&[("BRI", 0)]);
        assert_eq!(all(&m, "中國的BRI計畫"), [(0, "BRI".into())]);
    }

    #[test]
    fn boundaries_are_judged_outside_the_span() {
        let m = matcher(&[("BRI", 0)]);
        assert_eq!(m.find("xBRI", 1..4), None);
        assert_eq!(m.find("中BRI", 3..6).map(|f| f.range), Some(3..6));
    }

    #[test]
    fn empty_and_repeated_patterns_are_ignored() {
        let m = matcher(&[("", 0), ("維穩", 1), ("維穩", 2)]);
        assert_eq!(all(&m, "維穩"), [(1, "維穩".into())]);
    }
}
