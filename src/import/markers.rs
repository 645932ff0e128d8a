//! Note markers in body text: superscript digits (`¹`, `⁴⁴⁴⁵` for 44 and 45),
//! bracketed ASCII markers (`[12]`) and markers that lost their superscript
//! after punctuation (`。12 `). Markers number 1, 2, 3… in reading order, and
//! the number expected next decides how a run of digits splits.

use super::chars::superscript_digit;
use super::lines::Line;
use super::model::Inline;
use crate::cjk::is_cjk;
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// The markers seen so far, in order.
#[derive(Debug, Default)]
pub struct Markers {
    /// (line, column) of marker `i + 1`.
    places: Vec<(usize, usize)>,
}

/// After these, bare ASCII digits may be a marker that lost its superscript.
const CJK_PUNCTUATION: &str = "。，、；：！？」』）》〉";
/// The same for English text, when a letter or closing quote precedes them.
const ASCII_PUNCTUATION: &str = ".,;:!?)\"”’";
/// Digits followed by these are a quantity, not a marker (`，3 個`).
const UNITS: &str = "年月日時點分秒個位名人次國家項條種倍億萬千百元歲週周天%％";

impl Markers {
    /// How many markers were seen; the next one must be `count() + 1`.
    pub fn count(&self) -> u32 {
        self.places.len() as u32
    }

    /// Where marker `number` stands, as (line, column).
    pub fn place(&self, number: u32) -> Option<(usize, usize)> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        self.places.get(index).copied()
    }

    /// Splits `line.text[from..]` into text and note references.
    ///
    /// A space the extraction left between a marker and following CJK text
    /// (`。¹ 北京`) is dropped when CJK text also precedes the marker; any
    /// other space (`check.¹ The`) is kept.
    pub fn scan(
        &mut self,
        line: &Line,
        from: usize,
        file: &Path,
    ) -> Result<Vec<Inline>, Diagnostic> {
        let mut scan = Scan {
            markers: self,
            line,
            file,
            pos: from,
            out: Vec::new(),
            text: String::new(),
        };
        scan.run()?;
        scan.flush();
        Ok(scan.out)
    }
}

struct Scan<'m, 'l> {
    markers: &'m mut Markers,
    line: &'l Line<'l>,
    file: &'l Path,
    pos: usize,
    out: Vec<Inline>,
    text: String,
}

impl Scan<'_, '_> {
    fn run(&mut self) -> Result<(), Diagnostic> {
        while let Some(c) = self.rest().chars().next() {
            let found = if superscript_digit(c).is_some() {
                self.superscript()?
            } else if c == '[' {
                self.bracketed()?
            } else if c.is_ascii_digit() {
                self.lost()
            } else {
                false
            };
            if !found {
                self.text.push(c);
                self.pos += c.len_utf8();
            }
        }
        Ok(())
    }

    fn rest(&self) -> &str {
        &self.line.text[self.pos..]
    }

    fn next(&self) -> u32 {
        self.markers.count() + 1
    }

    /// A run of superscript digits: one or more consecutive markers.
    fn superscript(&mut self) -> Result<bool, Diagnostic> {
        let run: String = self
            .rest()
            .chars()
            .take_while(|c| superscript_digit(*c).is_some())
            .collect();
        let digits: String = run
            .chars()
            .filter_map(superscript_digit)
            .map(|d| char::from(b'0' + d))
            .collect();
        let numbers = split_run(&digits, self.next()).ok_or_else(|| self.out_of_sequence(&run))?;
        self.take(&numbers, run.len());
        Ok(true)
    }

    /// `[12]` or `[12, 13]`.
    fn bracketed(&mut self) -> Result<bool, Diagnostic> {
        let Some((numbers, len)) = bracket(self.rest()) else {
            return Ok(false);
        };
        if numbers.iter().zip(self.next()..).any(|(n, e)| *n != e) {
            return Err(self.out_of_sequence(&self.rest()[..len]));
        }
        self.take(&numbers, len);
        Ok(true)
    }

    /// Bare digits right after punctuation that are exactly the expected number.
    fn lost(&mut self) -> bool {
        let len = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        let value: Option<u32> = self.rest()[..len].parse().ok();
        let is_marker = len <= 3
            && value == Some(self.next())
            && after_punctuation(&self.text)
            && !is_quantity(&self.rest()[len..]);
        if is_marker {
            self.take(&[self.next()], len);
        }
        is_marker
    }

    /// Records markers `numbers` spanning `len` bytes, then drops an artefact space.
    fn take(&mut self, numbers: &[u32], len: usize) {
        let before = self.last_text_char();
        for _ in numbers {
            let place = (self.line.number, self.line.column_at(self.pos));
            self.markers.places.push(place);
        }
        self.flush();
        self.out.extend(numbers.iter().map(|n| Inline::Note(*n)));
        self.pos += len;
        let mut after = self.rest().chars();
        let artefact = after.next() == Some(' ') && after.next().is_some_and(is_cjk);
        if artefact && before.is_some_and(is_cjk) {
            self.pos += 1;
        }
    }

    fn last_text_char(&self) -> Option<char> {
        self.text.chars().last().or_else(|| {
            self.out.iter().rev().find_map(|i| match i {
                Inline::Text(t) => t.chars().last(),
                Inline::Note(_) => None,
            })
        })
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.out.push(Inline::Text(std::mem::take(&mut self.text)));
        }
    }

    fn out_of_sequence(&self, marker: &str) -> Diagnostic {
        let next = self.next();
        self.line
            .error(
                self.file,
                self.pos,
                format!("the note marker {marker} is out of sequence: expected note {next} here"),
            )
            .with_hint(format!(
                "markers must number 1, 2, 3… in reading order; check for a missing or mistyped marker before note {next}"
            ))
    }
}

/// Splits a run of digits into consecutive numbers starting at `next`:
/// `4445` from 44 is 44, 45; `123` from 1 is 1, 2, 3; from 12 it does not split.
pub fn split_run(digits: &str, mut next: u32) -> Option<Vec<u32>> {
    let mut rest = digits;
    let mut numbers = Vec::new();
    while !rest.is_empty() {
        rest = rest.strip_prefix(next.to_string().as_str())?;
        numbers.push(next);
        next += 1;
    }
    Some(numbers)
}

/// `[12]`, `[12, 13]`, `[12,13]`: the numbers and the length in bytes. Only
/// digits, commas and spaces are looked at, so scanning every `[` of a line
/// takes linear time.
fn bracket(text: &str) -> Option<(Vec<u32>, usize)> {
    let list = |c: char| c.is_ascii_digit() || c == ',' || c == '，' || c.is_whitespace();
    let len = text[1..].find(|c| !list(c))?;
    let inner = &text[1..1 + len];
    if !text[1 + len..].starts_with(']') {
        return None;
    }
    let numbers: Option<Vec<u32>> = inner
        .split([',', '，'])
        .map(|n| {
            let n = n.trim();
            (!n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
                .then(|| n.parse().ok())
                .flatten()
        })
        .collect();
    Some((numbers?, inner.len() + 2))
}

/// True when `text` ends with punctuation after which a marker may have lost its superscript.
fn after_punctuation(text: &str) -> bool {
    let mut rev = text.chars().rev();
    match (rev.next(), rev.next()) {
        (Some(p), _) if CJK_PUNCTUATION.contains(p) => true,
        (Some(p), Some(b)) if ASCII_PUNCTUATION.contains(p) => {
            b.is_alphabetic() || "\"”’)".contains(b)
        }
        _ => false,
    }
}

/// True when what follows the digits makes them a quantity: a unit, a
/// letter, or more digits after `.`/`,`/`:`/`/`.
fn is_quantity(after: &str) -> bool {
    let mut chars = after.chars();
    let first = chars.next();
    let second = chars.next();
    let unit = after.strip_prefix(' ').unwrap_or(after).chars().next();
    first.is_some_and(|c| c.is_ascii_alphanumeric())
        || (first.is_some_and(|c| ".,:/".contains(c)) && second.is_some_and(|c| c.is_ascii_digit()))
        || unit.is_some_and(|c| UNITS.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::split;

    fn scan_all(texts: &[&str]) -> Result<Vec<Vec<Inline>>, Diagnostic> {
        let joined = texts.join("\n");
        let lines = split(&joined);
        let mut markers = Markers::default();
        lines
            .iter()
            .map(|l| markers.scan(l, 0, Path::new("p.txt")))
            .collect()
    }

    fn show(inlines: &[Inline]) -> String {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Text(t) => t.clone(),
                Inline::Note(n) => format!("[^{n}]"),
            })
            .collect()
    }

    fn render(texts: &[&str]) -> Vec<String> {
        scan_all(texts).unwrap().iter().map(|i| show(i)).collect()
    }

    #[test]
    fn superscripts_and_artefact_spaces() {
        assert_eq!(
            render(&["帝國」。¹ 北京，² 中國", "in check.³ The end,⁴ 2022 年"]),
            [
                "帝國」。[^1]北京，[^2]中國",
                "in check.[^3] The end,[^4] 2022 年"
            ]
        );
    }

    #[test]
    fn stacked_markers_split_by_expected_number() {
        assert_eq!(split_run("4445", 44), Some(vec![44, 45]));
        assert_eq!(split_run("123", 1), Some(vec![1, 2, 3]));
        assert_eq!(split_run("1213", 12), Some(vec![12, 13]));
        assert_eq!(split_run("123", 123), Some(vec![123]));
        assert_eq!(split_run("123", 12), None);
        assert_eq!(split_run("910", 9), Some(vec![9, 10]));
    }

    #[test]
    fn bracketed_and_lost_markers() {
        assert_eq!(
            render(&[
                "甲。[1] 乙，2 丙[3][4, 5]",
                "丁。6 戊，7 個，2023 年",
                "end.7 Next"
            ]),
            [
                "甲。[^1]乙，[^2]丙[^3][^4][^5]",
                "丁。[^6]戊，7 個，2023 年",
                "end.[^7] Next"
            ]
        );
    }

    #[test]
    fn brackets_that_hold_no_marker_are_text() {
        let nested = format!("{}{}", "[".repeat(500), "]".repeat(500));
        let line = format!("甲{nested}[x] [1 2] [12a]乙。[1]");
        assert_eq!(
            render(&[&line]),
            [format!("甲{nested}[x] [1 2] [12a]乙。[^1]")]
        );
    }

    #[test]
    fn quantities_are_not_markers() {
        assert_eq!(
            render(&["甲，1 名乙、1G 與 1.5 倍"]),
            ["甲，1 名乙、1G 與 1.5 倍"]
        );
    }

    #[test]
    fn out_of_sequence_markers_fail_at_their_column() {
        let e = scan_all(&["甲。¹ 乙。³"]).unwrap_err();
        assert_eq!((e.line, e.column), (1, 7));
        assert!(
            e.message.contains("³ is out of sequence: expected note 2"),
            "{e}"
        );
        let e = scan_all(&["x", "a [4]"]).unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
    }
}
