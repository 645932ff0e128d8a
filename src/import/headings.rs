//! Heading lines: Chinese numbering (壹、 / 一、 / （一）) and English
//! numbering (I. / A.), and the ASCII names section files and heading ids get.

use super::slug::slugify;

/// The three heading levels the importer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// A top-level section (壹、 / I.): one file.
    Section,
    /// A sub-section (一、 / A.): `###`.
    Sub,
    /// A sub-sub-section (（一）): `####`.
    SubSub,
}

/// How a heading is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// 壹、貳、參…
    Formal,
    /// 一、二、三…
    Plain,
    /// （一）（二）…
    Paren,
    /// I. II. III.…
    Roman,
    /// A. B. C.…
    Letter,
}

impl Style {
    /// The level this numbering marks.
    pub fn level(self) -> Level {
        match self {
            Style::Formal | Style::Roman => Level::Section,
            Style::Plain | Style::Letter => Level::Sub,
            Style::Paren => Level::SubSub,
        }
    }

    /// How number `n` is written in this style, for messages (`參、`, `III.`).
    pub fn label(self, n: u32) -> String {
        match self {
            Style::Formal => format!("{}、", chinese(n, &FORMAL)),
            Style::Plain => format!("{}、", chinese(n, &PLAIN)),
            Style::Paren => format!("（{}）", chinese(n, &PLAIN)),
            Style::Roman => format!("{}.", roman(n)),
            Style::Letter => format!("{}.", letter(n)),
        }
    }
}

/// One reading of a heading-shaped line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heading<'a> {
    /// Its numbering style.
    pub style: Style,
    /// Its number (壹 → 1).
    pub number: u32,
    /// The heading text without its numbering.
    pub text: &'a str,
    /// Byte offset of `text` in the line.
    pub offset: usize,
}

const FORMAL: [char; 11] = [
    '〇', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖', '拾',
];
const PLAIN: [char; 11] = [
    '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
];

/// The readings of `line` as a heading: none for body text, two for a line
/// like `I. …` (section I or sub-section I), which the caller resolves by
/// the number it expects next.
pub fn readings(line: &str) -> Vec<Heading<'_>> {
    let found = [
        chinese_heading(line),
        paren_heading(line),
        roman_heading(line),
        letter_heading(line),
    ];
    found
        .into_iter()
        .flatten()
        .filter(|h| heading_shaped(h.text))
        .collect()
}

/// A heading is short and does not end like a sentence or a clause.
fn heading_shaped(text: &str) -> bool {
    let last = text.chars().last();
    !text.is_empty()
        && text.chars().count() <= 60
        && !last.is_some_and(|c| "。；，、：！.;,:".contains(c))
}

fn chinese_heading(line: &str) -> Option<Heading<'_>> {
    let (numeral, text) = line.split_once('、')?;
    let (style, number) = if let Some(n) = parse_chinese(numeral, &FORMAL) {
        (Style::Formal, n)
    } else {
        (Style::Plain, parse_chinese(numeral, &PLAIN)?)
    };
    Some(heading(line, style, number, text))
}

fn paren_heading(line: &str) -> Option<Heading<'_>> {
    let rest = line.strip_prefix('（').or_else(|| line.strip_prefix('('))?;
    let close = rest.find(['）', ')'])?;
    let number = parse_chinese(&rest[..close], &PLAIN)?;
    let after = &rest[close..];
    let after = &after[after.chars().next().map_or(0, char::len_utf8)..];
    let text = after.trim_start_matches([' ', '、', '\u{3000}']);
    Some(heading(line, Style::Paren, number, text))
}

fn roman_heading(line: &str) -> Option<Heading<'_>> {
    let (numeral, text) = line.split_once(". ")?;
    let number = (1..=60).find(|&n| roman(n) == numeral)?;
    Some(heading(line, Style::Roman, number, text))
}

fn letter_heading(line: &str) -> Option<Heading<'_>> {
    let (numeral, text) = line.split_once(". ")?;
    let number = (1..=26).find(|&n| letter(n) == numeral)?;
    Some(heading(line, Style::Letter, number, text))
}

fn heading<'a>(line: &'a str, style: Style, number: u32, text: &'a str) -> Heading<'a> {
    let text = text.trim();
    let offset = text.as_ptr() as usize - line.as_ptr() as usize;
    Heading {
        style,
        number,
        text,
        offset,
    }
}

/// Parses a Chinese numeral from 1 to 99 written with `digits` (and 拾/十),
/// accepting only the usual spelling (十一, not 一十一). 叁 counts as 參.
fn parse_chinese(s: &str, digits: &[char; 11]) -> Option<u32> {
    let normal: String = s
        .chars()
        .map(|c| if c == '叁' { '參' } else { c })
        .collect();
    (1..100).find(|&n| chinese(n, digits) == normal)
}

/// Writes `n` (1–99) as a Chinese numeral.
fn chinese(n: u32, digits: &[char; 11]) -> String {
    let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
    let mut s = String::new();
    if tens > 1 {
        s.push(digits[tens]);
    }
    if tens > 0 {
        s.push(digits[10]);
    }
    if ones > 0 {
        s.push(digits[ones]);
    }
    s
}

/// Writes `n` as an upper-case Roman numeral.
fn roman(mut n: u32) -> String {
    const PARTS: [(u32, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (value, part) in PARTS {
        while n >= value {
            s.push_str(part);
            n -= value;
        }
    }
    s
}

/// Writes `n` (1–26) as a capital letter.
fn letter(n: u32) -> String {
    char::from_u32('A' as u32 + n - 1).map_or_else(String::new, String::from)
}

/// Common structural headings and the file names editors expect for them.
const NAMES: &[(&str, &str)] = &[
    ("前言", "introduction"),
    ("緒論", "introduction"),
    ("引言", "introduction"),
    ("導論", "introduction"),
    ("結語", "conclusion"),
    ("結論", "conclusion"),
    ("總結", "conclusion"),
    ("結論與建議", "conclusion"),
    ("研究方法", "methodology"),
    ("文獻回顧", "literature-review"),
    ("參考文獻", "references"),
    ("附錄", "appendix"),
    ("背景", "background"),
    ("政策建議", "recommendations"),
];

/// The ASCII name of section `number` titled `title`: a known Chinese
/// heading's name, the first five words of an English heading, else `section-N`.
pub fn section_name(title: &str, number: u32) -> String {
    if let Some((_, name)) = NAMES.iter().find(|(zh, _)| *zh == title) {
        return (*name).to_string();
    }
    let english = title.chars().all(|c| c.is_ascii() || "’‘“”–—".contains(c));
    let words: Vec<&str> = title.split_whitespace().take(5).collect();
    let slug = slugify(&words.join(" ").replace(['\'', '’'], ""));
    if english && !slug.is_empty() {
        slug
    } else {
        format!("section-{number}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> (Style, u32, &str) {
        let r = readings(line);
        assert_eq!(r.len(), 1, "{line}: {r:?}");
        (r[0].style, r[0].number, r[0].text)
    }

    #[test]
    fn reads_chinese_numbering() {
        assert_eq!(one("壹、前言"), (Style::Formal, 1, "前言"));
        assert_eq!(one("拾壹、結論"), (Style::Formal, 11, "結論"));
        assert_eq!(one("叁、三"), (Style::Formal, 3, "三"));
        assert_eq!(one("十二、小節"), (Style::Plain, 12, "小節"));
        assert_eq!(one("（三）細節"), (Style::Paren, 3, "細節"));
        assert_eq!(one("(二) 細節"), (Style::Paren, 2, "細節"));
    }

    #[test]
    fn reads_english_numbering() {
        assert_eq!(one("IV. Findings"), (Style::Roman, 4, "Findings"));
        assert_eq!(one("B. Method"), (Style::Letter, 2, "Method"));
        let both = readings("I. Introduction");
        assert_eq!(both.len(), 2);
        assert_eq!(readings("I. M. Pei designed it.").len(), 0);
    }

    #[test]
    fn body_text_is_not_a_heading() {
        for line in [
            "一、二者皆是，然後。",
            "中國、俄羅斯",
            "一十一、x",
            "壹、",
            "2022 年，雙方",
        ] {
            assert!(readings(line).is_empty(), "{line}");
        }
    }

    #[test]
    fn labels_numbers() {
        assert_eq!(Style::Formal.label(21), "貳拾壹、");
        assert_eq!(Style::Paren.label(10), "（十）");
        assert_eq!(Style::Roman.label(14), "XIV.");
        assert_eq!(Style::Letter.label(3), "C.");
    }

    #[test]
    fn names_sections() {
        assert_eq!(section_name("前言", 1), "introduction");
        assert_eq!(section_name("結論與建議", 9), "conclusion");
        assert_eq!(
            section_name("互取所需：中國在中亞的經貿投資", 3),
            "section-3"
        );
        assert_eq!(
            section_name("China’s Role in Central Asia Since 1991", 2),
            "chinas-role-in-central-asia"
        );
    }
}
