//! Character classes the importer reasons with besides CJK text
//! (`crate::cjk`): superscript digits (note markers) and sentence ends
//! (where a page break also ends a paragraph).

/// The value of a superscript digit (`¹` → 1), as PDF extraction writes note markers.
pub fn superscript_digit(c: char) -> Option<u8> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => u8::try_from(c as u32 - 0x2070).ok(),
        _ => None,
    }
}

/// Punctuation that ends a sentence: full stops, question and exclamation
/// marks, and the closing quotes and brackets a sentence may end with
/// (`」`, `）`, `"`, `”`, `)`).
const SENTENCE_ENDS: &[char] = &[
    '。', '！', '？', '」', '』', '）', '.', '?', '!', '"', '”', ')',
];

/// Single closing quotes, which end a sentence only after one of the above
/// (`.’`): alone they are apostrophes (`the states’`).
const SINGLE_QUOTES: &[char] = &['’', '\''];

/// True when `text` (white space at its end ignored) ends a sentence, so
/// what follows a break after it (a page break or a blank line) starts a new
/// paragraph.
pub fn ends_sentence(text: &str) -> bool {
    let mut rev = text.trim_end().chars().rev();
    match rev.next() {
        Some(c) if SINGLE_QUOTES.contains(&c) => {
            rev.next().is_some_and(|p| SENTENCE_ENDS.contains(&p))
        }
        Some(c) => SENTENCE_ENDS.contains(&c),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_superscripts() {
        let digits: Vec<_> = "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().filter_map(superscript_digit).collect();
        assert_eq!(digits, (0..10).collect::<Vec<u8>>());
        assert_eq!(superscript_digit('1'), None);
    }

    #[test]
    fn finds_sentence_ends() {
        for t in [
            "完了。",
            "對嗎？",
            "「帶路」",
            "done.",
            "he said.”",
            "（見上。）",
            "(see above)",
            "他說「好」",
            "he said.’",
        ] {
            assert!(ends_sentence(t), "{t}");
        }
        for t in [
            "更重要的是結",
            "民族，",
            "secu-",
            "word,",
            "如下：",
            "the states’",
            "",
        ] {
            assert!(!ends_sentence(t), "{t}");
        }
    }
}
