//! The order of a glossary page, as its readers expect: the Unicode Collation
//! Algorithm with CLDR's tailoring for the page's language, from ICU4X.
//!
//! For `zh-Hant` CLDR's default is *stroke* order: by the total stroke count
//! of each character, then by radical, which is how Taiwanese indexes, name
//! lists (依筆畫排序) and the operating systems sort Traditional Chinese; a
//! reader can find a term by counting strokes without knowing its reading.
//! For English it is the root order: case and accents only break ties.

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::Locale;
use std::cmp::Ordering;

/// Compares strings in the order readers of one language expect.
pub struct Collation {
    /// `None` only if ICU4X has no data even for the root order.
    collator: Option<CollatorBorrowed<'static>>,
}

impl Collation {
    /// The collation of `lang` (a BCP 47 tag); the root order for a
    /// language CLDR does not tailor.
    pub fn for_language(lang: &str) -> Collation {
        let root = CollatorPreferences::default();
        let preferences = Locale::try_from_str(lang).map_or(root, |l| (&l).into());
        let collator = Collator::try_new(preferences, CollatorOptions::default())
            .or_else(|_| Collator::try_new(root, CollatorOptions::default()))
            .ok();
        Collation { collator }
    }

    /// The order of `a` and `b`.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        match &self.collator {
            Some(collator) => collator.compare(a, b),
            None => a.cmp(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lang: &str, words: &[&str]) -> Vec<String> {
        let collation = Collation::for_language(lang);
        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        words.sort_by(|a, b| collation.compare(a, b));
        words
    }

    #[test]
    fn traditional_chinese_sorts_by_stroke_count() {
        // 一 1, 二 2, 大 3, 中 4, 西 6, 國 11, 維 14, 邊 19, 觀 25 strokes.
        assert_eq!(
            sorted(
                "zh-Hant",
                &[
                    "觀察家",
                    "邊緣",
                    "維穩",
                    "國家",
                    "西安",
                    "中亞",
                    "大外宣",
                    "二",
                    "一帶一路"
                ]
            ),
            [
                "一帶一路",
                "二",
                "大外宣",
                "中亞",
                "西安",
                "國家",
                "維穩",
                "邊緣",
                "觀察家"
            ]
        );
    }

    #[test]
    fn a_shorter_term_sorts_before_its_extensions() {
        assert_eq!(
            sorted("zh-Hant", &["中亞五國", "中亞"]),
            ["中亞", "中亞五國"]
        );
    }

    #[test]
    fn english_ignores_case_and_accents_first() {
        assert_eq!(
            sorted(
                "en",
                &[
                    "Uyghurs",
                    "edge computing",
                    "Éclair",
                    "de-Russification",
                    "Belt"
                ]
            ),
            [
                "Belt",
                "de-Russification",
                "Éclair",
                "edge computing",
                "Uyghurs"
            ]
        );
    }

    #[test]
    fn unknown_languages_use_the_root_order() {
        assert_eq!(sorted("not a tag!", &["b", "A"]), ["A", "b"]);
    }
}
