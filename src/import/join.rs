//! How two pieces of text meet where the extraction broke them (a wrapped
//! line, a page break): no space between CJK characters, one space between
//! Latin words, and a hyphen at the break either kept or dropped.

use crate::cjk::is_cjk;

/// What to do with a hyphen at the end of the left piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hyphens {
    /// Body text: `secu-` + `rity` is one word, `security` (the hyphen goes
    /// when a lowercase letter follows; before anything else it stays).
    Join,
    /// Notes: the hyphen stays and nothing is inserted (URLs wrap at hyphens).
    Keep,
}

/// How two pieces meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seam {
    /// Written together.
    Direct,
    /// One space between them.
    Space,
    /// The left piece's final hyphen removed, then written together.
    DropHyphen,
}

/// Decides how `left` and `right` (each trimmed) meet.
pub fn seam(left: &str, right: &str, hyphens: Hyphens) -> Seam {
    let mut rev = left.chars().rev();
    let (Some(last), Some(first)) = (rev.next(), right.chars().next()) else {
        return Seam::Direct;
    };
    if last == '-' && rev.next().is_some_and(char::is_alphabetic) {
        return if hyphens == Hyphens::Join && first.is_lowercase() {
            Seam::DropHyphen
        } else {
            Seam::Direct
        };
    }
    let dash = |c: char| matches!(c, '—' | '–' | '-' | '/');
    if is_cjk(last) || is_cjk(first) || dash(last) || dash(first) {
        Seam::Direct
    } else {
        Seam::Space
    }
}

/// Appends `right` to `left` following [`seam`].
pub fn append(left: &mut String, right: &str, hyphens: Hyphens) {
    match seam(left, right, hyphens) {
        Seam::Direct => {}
        Seam::Space => left.push(' '),
        Seam::DropHyphen => {
            left.pop();
        }
    }
    left.push_str(right);
}

/// The lines of one block written as one piece of text.
pub fn lines<'a>(lines: impl IntoIterator<Item = &'a str>, hyphens: Hyphens) -> String {
    let mut text = String::new();
    for line in lines {
        append(&mut text, line, hyphens);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(a: &str, b: &str, h: Hyphens) -> String {
        let mut s = a.to_string();
        append(&mut s, b, h);
        s
    }

    #[test]
    fn cjk_meets_without_space() {
        assert_eq!(
            joined("更重要的是結", "合這些", Hyphens::Join),
            "更重要的是結合這些"
        );
        assert_eq!(joined("中國在", "2023 年", Hyphens::Join), "中國在2023 年");
        assert_eq!(joined("in", "中亞", Hyphens::Join), "in中亞");
    }

    #[test]
    fn latin_words_get_one_space() {
        assert_eq!(
            joined("the security", "of", Hyphens::Join),
            "the security of"
        );
        assert_eq!(joined("Asia,", "2023", Hyphens::Keep), "Asia, 2023");
    }

    #[test]
    fn hyphens_at_the_break() {
        assert_eq!(joined("secu-", "rity", Hyphens::Join), "security");
        assert_eq!(joined("China-", "Central", Hyphens::Join), "China-Central");
        assert_eq!(joined("secu-", "rity", Hyphens::Keep), "secu-rity");
        assert_eq!(
            joined("https://a.org/central-", "asia", Hyphens::Keep),
            "https://a.org/central-asia"
        );
        assert_eq!(joined("pp. 1-", "13", Hyphens::Join), "pp. 1-13");
    }

    #[test]
    fn joins_block_lines() {
        assert_eq!(lines(["a b", "c", "中", "文"], Hyphens::Join), "a b c中文");
    }
}
