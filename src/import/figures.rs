//! Figures and tables: a caption line (`圖1：…`, `圖 1 …`, `表2 …`,
//! `Figure 3. …`, `Table 1: …`), the lines the extraction flattened out of
//! the figure or table (its cells), and its source line (`資料來源：…`,
//! `Source: …`). They become one figure block, never paragraphs.

use super::headings;
use super::lines::Line;
use super::notes::{is_endnotes_heading, note_start};

/// What a caption labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 圖, Figure, Fig.
    Figure,
    /// 表, Table.
    Table,
}

impl Kind {
    /// The image file's stem for number `n`: `figure-1`, `table-2`.
    pub fn file_stem(self, n: u32) -> String {
        match self {
            Kind::Figure => format!("figure-{n}"),
            Kind::Table => format!("table-{n}"),
        }
    }
}

/// A caption line read: its kind, number and the text after the label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caption<'a> {
    /// Figure or table.
    pub kind: Kind,
    /// The number the paper gives it.
    pub number: u32,
    /// The caption without its label (`圖1：`), possibly empty.
    pub text: &'a str,
}

/// Reads `line` as a caption: a label, a number, then `：`, `:`, `.`, `、`,
/// a space (any: `表 1\u{2003}…`) or nothing before the caption's text (`圖1：中亞`, `Figure 3. Trade`).
pub fn caption(line: &str) -> Option<Caption<'_>> {
    const LABELS: [(&str, Kind); 6] = [
        ("圖", Kind::Figure),
        ("表", Kind::Table),
        ("Figure", Kind::Figure),
        ("Fig.", Kind::Figure),
        ("Table", Kind::Table),
        ("TABLE", Kind::Table),
    ];
    let (rest, kind) = LABELS
        .iter()
        .find_map(|(label, kind)| Some((line.strip_prefix(label)?, *kind)))?;
    let latin = !rest.starts_with(|c: char| c.is_ascii_digit() || c.is_whitespace());
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if latin || digits == 0 || digits > 3 {
        return None;
    }
    let number = rest[..digits].parse().ok()?;
    let after = &rest[digits..];
    // Any space separates: Typst sets an em space after a Chinese caption's number.
    let text = ["：", ":", ".", "、"]
        .iter()
        .find_map(|sep| after.strip_prefix(sep))
        .or_else(|| after.strip_prefix(char::is_whitespace))
        .map(str::trim_start);
    match text {
        Some(text) => Some(Caption { kind, number, text }),
        None if after.is_empty() => Some(Caption {
            kind,
            number,
            text: "",
        }),
        None => None, // 表示, 圖書, Table12x: a word, not a label
    }
}

/// True for a figure's or table's source line (`資料來源：…`, `Source: …`).
pub fn is_source(line: &str) -> bool {
    ["資料來源", "來源", "Source", "Sources"]
        .iter()
        .any(|label| {
            line.strip_prefix(label)
                .is_some_and(|rest| rest.starts_with(['：', ':']))
        })
}

/// Where the figure whose caption is `blocks[start]` ends: the index of its
/// source line, when one follows before anything that ends a figure (a
/// heading, another caption, the endnotes heading); else `start` (a caption
/// alone, whatever follows is body text). Note blocks inside do not end it.
pub fn extent(blocks: &[&[Line]], start: usize) -> Option<usize> {
    let is_line = |b: &[Line], test: &dyn Fn(&str) -> bool| b.len() == 1 && test(b[0].text);
    if !is_line(blocks[start], &|t| caption(t).is_some()) {
        return None;
    }
    for (i, block) in blocks.iter().enumerate().skip(start + 1) {
        if is_line(block, &is_source) {
            return Some(i);
        }
        let ends = is_line(block, &|t| {
            caption(t).is_some() || is_endnotes_heading(t) || !headings::readings(t).is_empty()
        });
        if ends {
            break;
        }
        if note_start(block[0].text).is_some() {
            continue;
        }
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::split;

    #[test]
    fn reads_captions_in_both_languages() {
        let read = |l| caption(l).map(|c| (c.kind, c.number, c.text));
        assert_eq!(read("圖1：中亞五國"), Some((Kind::Figure, 1, "中亞五國")));
        assert_eq!(read("圖 2 貿易額"), Some((Kind::Figure, 2, "貿易額")));
        assert_eq!(read("表3、投資"), Some((Kind::Table, 3, "投資")));
        assert_eq!(
            read("Figure 3. Trade volume"),
            Some((Kind::Figure, 3, "Trade volume"))
        );
        assert_eq!(
            read("Table 1: Projects"),
            Some((Kind::Table, 1, "Projects"))
        );
        assert_eq!(read("表4"), Some((Kind::Table, 4, "")));
        // Typst's numbered caption: an em space after the number.
        assert_eq!(
            read("表 1\u{2003}電纜計畫"),
            Some((Kind::Table, 1, "電纜計畫"))
        );
        for not in [
            "表示中國",
            "圖書館",
            "Tables 1 and 2",
            "Figurehead",
            "表 2023年",
            "Table 12x",
        ] {
            assert_eq!(read(not), None, "{not}");
        }
    }

    #[test]
    fn reads_source_lines() {
        assert!(is_source("資料來源：海關統計"));
        assert!(is_source("Source: IMF"));
        assert!(!is_source("來源國"));
        assert!(!is_source("Sources of power"));
    }

    #[test]
    fn a_figure_runs_to_its_source_line_across_note_blocks() {
        let text = "表1：投資\n\n年份\n金額\n\n1. 註。\n\n2020\n12\n\n資料來源：海關\n\n正文。";
        let lines = split(text);
        let blocks: Vec<&[Line]> = lines
            .split(|l| l.text.is_empty())
            .filter(|b| !b.is_empty())
            .collect();
        assert_eq!(extent(&blocks, 0), Some(4));
        assert_eq!(extent(&blocks, 1), None);
        let alone = split("圖1：地圖\n\n一、標題\n\n資料來源：某處");
        let blocks: Vec<&[Line]> = alone.split(|l| l.text.is_empty()).collect();
        assert_eq!(extent(&blocks, 0), Some(0), "a heading ends the search");
    }
}
