//! Character classes of Chinese, Japanese and Korean text, shared by the
//! importer (joining lines), Markdown (soft breaks), notes (their language)
//! and the glossary matcher (word boundaries).

/// True for Han characters, kana, bopomofo, Hangul, and CJK/full-width
/// punctuation: text in which no space separates words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x312F    // bopomofo
        | 0x3190..=0x31FF
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xAC00..=0xD7AF    // Hangul
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF) // supplementary ideographs
}

/// True for CJK ideographs proper (not punctuation, kana or Hangul): the
/// letters of Chinese text.
pub fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_are_cjk_but_not_every_cjk_character_is_an_ideograph() {
        for c in ['中', '亞', '㐀', '豈', '𠀀'] {
            assert!(is_ideograph(c) && is_cjk(c), "{c}");
        }
        for c in ['，', '。', '「', 'の', 'ㄅ', '한'] {
            assert!(is_cjk(c) && !is_ideograph(c), "{c}");
        }
        for c in ['a', 'é', '1', ' ', '—', '“', '·'] {
            assert!(!is_cjk(c) && !is_ideograph(c), "{c}");
        }
    }
}
