//! A page's glyphs as printed lines: glyphs that share a baseline, with the
//! smaller glyphs raised above it (note markers) attached to the line they
//! sit on, read left to right into text and markers.

use super::glyphs::Glyph;
use crate::cjk::is_cjk;

/// One printed line.
#[derive(Debug, Clone)]
pub struct PrintedLine {
    /// 1-based page number.
    pub page: usize,
    /// Its glyphs in the content stream's order, each with whether it is raised above the baseline.
    pub glyphs: Vec<(Glyph, bool)>,
    /// The baseline's height.
    pub y: f64,
    /// The size of its (not raised) glyphs.
    pub size: f64,
    /// Where its first and last visible glyphs start and end.
    pub x0: f64,
    /// See `x0`.
    pub x1: f64,
    /// Whether every visible glyph is bold.
    pub bold: bool,
    /// Whether the PDF prints spaces as glyphs: then only those are spaces,
    /// else a wide gap between glyphs is one too.
    pub spaces_printed: bool,
}

/// A line read left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text on the baseline (or raised text that is not a number).
    Text(String),
    /// A note marker: raised digits set as one piece.
    Marker(u32),
}

/// Glyphs within this fraction of their size of a line's baseline sit on it.
const SAME_BASELINE: f64 = 0.1;
/// A raised glyph stands at most this many sizes of its line above its baseline…
const MAX_RAISE: f64 = 0.6;
/// … and is at most this fraction of the line's size.
const MAX_RAISED_SIZE: f64 = 0.85;
/// A gap wider than this fraction of the size between two glyphs is a space.
const SPACE_GAP: f64 = 0.25;
/// An empty stretch wider than this many sizes after a visible glyph of a
/// row separates columns: table cells, or a page's columns. (After a
/// printed space it is a justified line's stretched word space.)
const COLUMN_GAP: f64 = 0.8;

/// The lines of `page`'s glyphs, top to bottom. A row of digits only is
/// held back until the row below shows whether they are its markers.
pub fn lines(page: usize, mut glyphs: Vec<Glyph>) -> Vec<PrintedLine> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        match rows.last_mut() {
            Some(row)
                if (row[0].y - glyph.y).abs() <= SAME_BASELINE * row[0].size.max(glyph.size) =>
            {
                row.push(glyph)
            }
            _ => rows.push(vec![glyph]),
        }
    }
    let mut lines: Vec<PrintedLine> = Vec::new();
    let mut raised: Option<Vec<Glyph>> = None;
    for row in rows {
        let mut line = PrintedLine::new(page, row);
        if let Some(above) = raised.take() {
            if sits_on(&above, &line) {
                line.x0 = above.iter().map(|g| g.x).fold(line.x0, f64::min);
                line.x1 = above.iter().map(|g| g.x + g.width).fold(line.x1, f64::max);
                line.glyphs.extend(above.into_iter().map(|g| (g, true)));
                line.glyphs.sort_by_key(|(g, _)| g.index);
            } else {
                lines.push(PrintedLine::new(page, above));
            }
        }
        let digits = line
            .glyphs
            .iter()
            .all(|(g, _)| g.text.trim().is_empty() || is_digit(&g.text));
        if digits {
            raised = Some(line.glyphs.into_iter().map(|(g, _)| g).collect());
        } else {
            lines.push(line);
        }
    }
    if let Some(above) = raised {
        lines.push(PrintedLine::new(page, above));
    }
    lines
}

fn is_digit(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
}

/// True when the small glyphs `above` are raised markers of `line`: smaller,
/// a little above its baseline, and within its extent.
fn sits_on(above: &[Glyph], line: &PrintedLine) -> bool {
    let size = above.iter().map(|g| g.size).fold(0.0, f64::max);
    let rise = above[0].y - line.y;
    let left = above.iter().map(|g| g.x).fold(f64::INFINITY, f64::min);
    let right = above
        .iter()
        .map(|g| g.x + g.width)
        .fold(f64::NEG_INFINITY, f64::max);
    size <= MAX_RAISED_SIZE * line.size
        && rise > 0.0
        && rise <= MAX_RAISE * line.size
        && left >= line.x0 - 2.0 * line.size
        && right <= line.x1 + 2.0 * line.size
}

impl PrintedLine {
    fn new(page: usize, mut row: Vec<Glyph>) -> PrintedLine {
        row.sort_by_key(|g| g.index);
        let visible: Vec<&Glyph> = row.iter().filter(|g| !g.text.trim().is_empty()).collect();
        let size = row.iter().map(|g| g.size).fold(0.0, f64::max);
        PrintedLine {
            page,
            y: row.first().map_or(0.0, |g| g.y),
            size,
            x0: visible.iter().map(|g| g.x).fold(f64::INFINITY, f64::min),
            x1: visible
                .iter()
                .map(|g| g.x + g.width)
                .fold(f64::NEG_INFINITY, f64::max),
            bold: !visible.is_empty() && visible.iter().all(|g| g.bold),
            spaces_printed: false,
            glyphs: row.into_iter().map(|g| (g, false)).collect(),
        }
    }

    /// The line split where an empty stretch wider than `COLUMN_GAP` sizes
    /// follows a visible glyph, left to right: the cells of a table row (or
    /// the lines of a page's columns) that share a baseline. A line without
    /// such a gap is one segment.
    pub fn segments(&self) -> Vec<PrintedLine> {
        let mut by_x: Vec<&(Glyph, bool)> = self.glyphs.iter().collect();
        by_x.sort_by(|(a, _), (b, _)| a.x.total_cmp(&b.x));
        let mut cuts = Vec::new();
        // How far the glyphs so far reach, and whether the one reaching furthest is a space.
        let mut reach: Option<(f64, bool)> = None;
        for (glyph, _) in by_x {
            if let Some((end, false)) = reach {
                if glyph.x - end > COLUMN_GAP * self.size {
                    cuts.push(glyph.x);
                }
            }
            let end = glyph.x + glyph.width;
            if reach.is_none_or(|(furthest, _)| end >= furthest) {
                reach = Some((end, glyph.text.trim().is_empty()));
            }
        }
        if cuts.is_empty() {
            return vec![self.clone()];
        }
        let mut segments: Vec<Vec<(Glyph, bool)>> = vec![Vec::new(); cuts.len() + 1];
        for (glyph, raised) in &self.glyphs {
            let at = cuts.iter().take_while(|cut| glyph.x >= **cut).count();
            segments[at].push((glyph.clone(), *raised));
        }
        segments
            .into_iter()
            .map(|glyphs| {
                let mut line =
                    PrintedLine::new(self.page, glyphs.iter().map(|(g, _)| g.clone()).collect());
                line.glyphs = glyphs;
                line.y = self.y;
                line.size = self.size;
                line.spaces_printed = self.spaces_printed;
                line
            })
            .collect()
    }

    /// The line read in the content stream's order: text (italic runs
    /// as `*…*`), with raised digits set as one piece each a marker. Unless the PDF prints its
    /// spaces, a wide gap between glyphs is a space, except next to CJK
    /// text (which justification spreads).
    pub fn pieces(&self) -> Vec<Piece> {
        let mut pieces: Vec<Piece> = Vec::new();
        let mut previous: Option<&Glyph> = None;
        let mut italic = false;
        let mut i = 0;
        while i < self.glyphs.len() {
            let (glyph, raised) = &self.glyphs[i];
            let run: Vec<&Glyph> = self.glyphs[i..]
                .iter()
                .take_while(|(g, r)| *r && *raised && g.run == glyph.run)
                .map(|(g, _)| g)
                .collect();
            let digits: String = run.iter().map(|g| g.text.as_str()).collect();
            if let Some(number) = (!run.is_empty() && is_digit(&digits))
                .then(|| digits.parse().ok())
                .flatten()
            {
                end_emphasis(&mut pieces, &mut italic);
                pieces.push(Piece::Marker(number));
                previous = run.last().copied();
                i += run.len();
                continue;
            }
            let gap = previous.map_or(0.0, |p| glyph.x - (p.x + p.width));
            let spaced = previous
                .is_some_and(|p| p.text.ends_with(char::is_whitespace) || p.text.ends_with(is_cjk))
                || glyph
                    .text
                    .starts_with(|c: char| c.is_whitespace() || is_cjk(c));
            let visible = !glyph.text.trim().is_empty();
            if visible && italic && !glyph.italic {
                end_emphasis(&mut pieces, &mut italic);
            }
            let mut text = String::new();
            if gap > SPACE_GAP * self.size && !spaced && !self.spaces_printed {
                text.push(' ');
            }
            if visible && glyph.italic && !italic {
                text.push('*');
                italic = true;
            }
            text.push_str(&glyph.text);
            match pieces.last_mut() {
                Some(Piece::Text(t)) => t.push_str(&text),
                _ => pieces.push(Piece::Text(text)),
            }
            previous = Some(glyph);
            i += 1;
        }
        end_emphasis(&mut pieces, &mut italic);
        pieces
    }
}

/// Closes the italic text that is `open` (`*…*`, as the text import
/// writes emphasis) before the spaces that end the last piece.
fn end_emphasis(pieces: &mut [Piece], open: &mut bool) {
    if std::mem::take(open) {
        if let Some(Piece::Text(t)) = pieces.last_mut() {
            t.insert(t.trim_end().len(), '*');
        }
    }
}

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// The pieces as text: a marker in superscript digits (`¹²` for 12), as
/// extraction tools write them; stacked markers, which the PDF sets apart,
/// as `[12, 13]`, so the text import need not guess where the digits split.
pub fn text(pieces: &[Piece]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Text(t) => {
                out.push_str(t);
                i += 1;
            }
            Piece::Marker(_) => {
                let numbers: Vec<String> = pieces[i..]
                    .iter()
                    .map_while(|p| match p {
                        Piece::Marker(n) => Some(n.to_string()),
                        Piece::Text(_) => None,
                    })
                    .collect();
                match numbers.as_slice() {
                    [one] => out.extend(one.bytes().map(|d| SUPERSCRIPTS[usize::from(d - b'0')])),
                    _ => out.push_str(&format!("[{}]", numbers.join(", "))),
                }
                i += numbers.len();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f64, y: f64, size: f64, run: usize, index: usize) -> Glyph {
        Glyph {
            text: text.to_string(),
            x,
            y,
            width: size,
            size,
            run,
            bold: false,
            italic: false,
            index,
        }
    }

    /// `甲。` on a baseline, then raised digits set in `runs`, then `乙`.
    fn line_with_raised(runs: &[&str]) -> Vec<Glyph> {
        let mut glyphs = vec![
            glyph("甲", 0.0, 100.0, 10.0, 0, 0),
            glyph("。", 10.0, 100.0, 10.0, 0, 1),
        ];
        let mut x = 20.0;
        for (run, digits) in runs.iter().enumerate() {
            for d in digits.chars() {
                glyphs.push(glyph(&d.to_string(), x, 103.5, 6.0, run + 1, glyphs.len()));
                x += 6.0;
            }
        }
        glyphs.push(glyph("乙", x, 100.0, 10.0, 9, glyphs.len()));
        glyphs
    }

    #[test]
    fn raised_smaller_digits_are_markers_of_the_line_below() {
        let lines = lines(1, line_with_raised(&["12"]));
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].pieces()[1], Piece::Marker(12));
        assert_eq!(text(&lines[0].pieces()), "甲。¹²乙");
    }

    #[test]
    fn digits_set_apart_are_stacked_markers() {
        let lines = lines(1, line_with_raised(&["1", "2"]));
        assert_eq!(text(&lines[0].pieces()), "甲。[1, 2]乙");
    }

    #[test]
    fn a_wide_empty_gap_splits_a_row_into_cells_a_stretched_space_does_not() {
        let row = |between: &str| {
            let mut glyphs = vec![glyph("甲", 0.0, 100.0, 10.0, 0, 0)];
            glyphs.push(glyph(between, 10.0, 100.0, 10.0, 0, 1));
            glyphs.push(glyph("乙", 30.0, 100.0, 10.0, 1, 2));
            lines(1, glyphs).remove(0)
        };
        // `甲` ends at 10, `乙` starts at 30: an empty 2 em with nothing printed between.
        let mut split = row("");
        split.glyphs.retain(|(g, _)| !g.text.is_empty());
        let cells: Vec<String> = split.segments().iter().map(|c| text(&c.pieces())).collect();
        assert_eq!(cells, ["甲", "乙"]);
        assert_eq!(
            row(" ").segments().len(),
            1,
            "the 1 em after a printed space is a stretched word space"
        );
    }

    #[test]
    fn italic_runs_are_emphasis_closed_before_the_spaces_after_them() {
        let glyphs: Vec<Glyph> = ["a", " ", "b", " ", "c", " ", "d", " "]
            .iter()
            .enumerate()
            .map(|(i, t)| Glyph {
                italic: (2..=4).contains(&i),
                ..glyph(t, i as f64 * 5.0, 100.0, 10.0, 0, i)
            })
            .collect();
        let mut line = lines(1, glyphs).remove(0);
        line.spaces_printed = true;
        assert_eq!(text(&line.pieces()), "a *b c* d ");
        line.glyphs.truncate(5);
        assert_eq!(text(&line.pieces()), "a *b c*", "closed at the line's end");
    }

    #[test]
    fn digits_on_their_own_line_stay_text() {
        let mut glyphs = line_with_raised(&[]);
        glyphs.push(glyph("3", 50.0, 20.0, 10.0, 5, 9));
        let lines = lines(1, glyphs);
        assert_eq!(lines.len(), 2);
        assert_eq!(text(&lines[1].pieces()), "3");
    }
}
