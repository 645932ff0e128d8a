//! Pages set in columns. The reader follows one column of lines from the
//! top of a page to its bottom; side-by-side columns would interleave, so
//! such a page is recognised (by where its lines start and end) and
//! refused rather than read into scrambled text.

use super::layout::edge;
use super::lines::PrintedLine;

/// A column is recognised by at least this many lines on each side of its gutter.
const MIN_LINES: usize = 3;

/// True when `lines` (one page's) stand in two or more columns: at least
/// `MIN_LINES` line segments start at one position well inside the text
/// area and run on to its right edge (a right-hand column), and as many
/// start at the left edge and end before that position (the column left of it).
pub fn in_columns(lines: &[PrintedLine]) -> bool {
    let segments: Vec<PrintedLine> = lines.iter().flat_map(PrintedLine::segments).collect();
    let (Some(left), Some(right)) = (
        edge(segments.iter().map(|s| s.x0), false),
        edge(segments.iter().map(|s| s.x1), true),
    ) else {
        return false;
    };
    let width = right - left;
    let inside = |x: f64| (left + 0.3 * width..=left + 0.7 * width).contains(&x);
    let mut starts: Vec<i64> = segments
        .iter()
        .filter(|s| inside(s.x0) && right - s.x1 <= s.size)
        .map(|s| s.x0.round() as i64)
        .collect();
    starts.sort_unstable();
    starts.chunk_by(|a, b| a == b).any(|same| {
        let gutter = same[0] as f64;
        let left_column = segments
            .iter()
            .filter(|s| s.x0 - left <= 2.0 * s.size && s.x1 < gutter)
            .count();
        same.len() >= MIN_LINES && left_column >= MIN_LINES
    })
}
