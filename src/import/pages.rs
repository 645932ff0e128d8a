//! Page furniture. Page numbers and running headers are dropped; where they
//! stood is kept as a page break, because a paragraph may continue across it.

use super::headings;
use super::lines::Line;
use super::notes::note_start;
use std::collections::{HashMap, HashSet};

/// What the text after the front matter is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item<'a> {
    /// Consecutive non-blank lines.
    Block(Vec<Line<'a>>),
    /// Page furniture stood here.
    Break,
}

/// Groups `lines` into blocks, turning page furniture into page breaks.
/// A running header is a line that stands alone and recurs (digits aside),
/// or repeats the paper's `title`. A page number stands apart from text:
/// next to blank lines, headers or page numbers only (a number among text
/// lines is a table's cell).
pub fn paginate<'a>(lines: &[Line<'a>], title: &str) -> Vec<Item<'a>> {
    let headers = running_headers(lines, title);
    let header = |l: &Line| headers.contains(&shape(l.text));
    let apart = |l: Option<&Line>| {
        l.is_none_or(|l| l.text.is_empty() || is_page_number(l.text) || header(l))
    };
    let mut items = Vec::new();
    let mut block = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let page_number = is_page_number(line.text)
            && apart(i.checked_sub(1).and_then(|p| lines.get(p)))
            && apart(lines.get(i + 1));
        let furniture = page_number || header(line);
        if line.text.is_empty() || furniture {
            if !block.is_empty() {
                items.push(Item::Block(std::mem::take(&mut block)));
            }
            if furniture {
                items.push(Item::Break);
            }
        } else {
            block.push(*line);
        }
    }
    if !block.is_empty() {
        items.push(Item::Block(block));
    }
    items
}

/// The shapes of lines that are running headers.
fn running_headers(lines: &[Line], title: &str) -> HashSet<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if stands_alone(lines, i) && may_be_header(line.text) {
            *counts.entry(shape(line.text)).or_default() += 1;
        }
    }
    let mut headers: HashSet<String> = counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(s, _)| s)
        .collect();
    headers.insert(shape(title));
    headers
}

/// True when the line has no text neighbour other than page numbers.
fn stands_alone(lines: &[Line], i: usize) -> bool {
    let quiet = |l: Option<&Line>| l.is_none_or(|l| l.text.is_empty() || is_page_number(l.text));
    quiet(i.checked_sub(1).and_then(|p| lines.get(p))) && quiet(lines.get(i + 1))
}

/// Notes (`同上註。` recurs) and headings (`一、背景` recurs) are never furniture.
fn may_be_header(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 80
        && note_start(text).is_none()
        && headings::readings(text).is_empty()
}

/// A line with its digits blanked, so `第 3 頁` and `第 4 頁` look alike.
pub fn shape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// `12`, `- 12 -`, `— 12 —`, `第 12 頁`, `Page 12`, `page 12 of 30`, `12 / 30`.
pub fn is_page_number(text: &str) -> bool {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_matches(['-', '–', '—', '|', '·', '•'])
        .to_lowercase();
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    let of = |s: &str, sep: &str| {
        s.split_once(sep)
            .is_some_and(|(a, b)| digits(a) && digits(b))
    };
    let page = compact
        .strip_prefix("page")
        .or_else(|| compact.strip_prefix("p."))
        .or_else(|| {
            compact
                .strip_prefix('第')
                .and_then(|s| s.strip_suffix('頁'))
        });
    digits(&compact) || of(&compact, "/") || page.is_some_and(|p| digits(p) || of(p, "of"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::split;

    #[test]
    fn recognises_page_numbers() {
        for t in [
            "12",
            "- 12 -",
            "— 3 —",
            "第 12 頁",
            "Page 4",
            "page 4 of 30",
            "12 / 30",
            "p. 7",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["12. Note", "2022 年", "一、二", "12345", "Pages"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn drops_furniture_and_marks_breaks() {
        let text = "正文一\n\n國防安全簡報\n\n3\n\n正文二\n\n1. 同上註。\n\n國防安全簡報\n4\n\n2. 同上註。\n\n標題\n\n一、背景\n\n一、背景";
        let items = paginate(&split(text), "標題");
        let texts: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Block(lines) => lines.iter().map(|l| l.text).collect::<Vec<_>>().join("|"),
                Item::Break => "BREAK".into(),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "正文一",
                "BREAK",
                "BREAK",
                "正文二",
                "1. 同上註。",
                "BREAK",
                "BREAK",
                "2. 同上註。",
                "BREAK",
                "一、背景",
                "一、背景"
            ]
        );
    }
}
