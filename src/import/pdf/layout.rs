//! What each printed line is, by its geometry: page furniture (repeated, or
//! a page number, at a page's top or bottom), notes (smaller text at the
//! page's bottom, each starting with its number), table rows (consecutive
//! lines split into as many cells by column gaps), headings (larger or
//! bold type) and body text; and the paragraphs, cells and notes they
//! make, in the layout the text import reads.

use super::lines::{text, Piece, PrintedLine};
use crate::import::join::{self, Hyphens, Seam};
use crate::import::notes::note_start;
use crate::import::pages::{is_page_number, shape};
use crate::import::{figures, headings};
use std::collections::{BTreeMap, HashMap};

/// What a line was taken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A running head or page number.
    Furniture,
    /// A heading (larger or bold type).
    Heading,
    /// Body text.
    Body,
    /// A note at the page's bottom.
    Note,
    /// A row of a table: cells that share a baseline, set apart by column gaps.
    Cell,
}

/// A block of the text layout: a paragraph, a heading or a note (on one
/// line), or a table row (a cell to a line), with the printed lines it was
/// made of (page, offset in characters, text).
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// The block's text on one line.
    pub text: String,
    /// Each printed line it holds: its page, the character offset in `text` where it starts, and its text.
    pub origin: Vec<(usize, usize, String)>,
    /// Whether the last line appended ended with a printed space; `None`
    /// when the PDF does not print the spaces at which lines break.
    space_at_end: Option<bool>,
}

impl Block {
    /// Appends `line` (its text `text`). Where the PDF prints the spaces at
    /// which lines break, a space joins two lines exactly where one was
    /// printed (`10 ` + `月`; a URL broken after `org.` gets none), and a
    /// hyphen follows the text import's rule; elsewhere the text import's
    /// rules decide.
    fn append(&mut self, line: &PrintedLine, text: &str, hyphens: Hyphens, spaces_at_breaks: bool) {
        let mut piece = text.trim();
        // Italics that run on across the line break are one emphasis.
        if self.text.ends_with('*') && piece.len() > 1 && piece.starts_with('*') {
            self.text.pop();
            piece = &piece[1..];
        }
        let start = self.text.chars().count();
        match self.space_at_end {
            Some(space) if join::seam(&self.text, piece, hyphens) != Seam::DropHyphen => {
                if space && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.text.push_str(piece);
            }
            _ => join::append(&mut self.text, piece, hyphens),
        }
        self.space_at_end = spaces_at_breaks.then(|| text.ends_with(char::is_whitespace));
        self.origin.push((line.page, start, piece.to_string()));
    }
}

/// The paper read from its lines: blocks in the order the text import
/// wants them (a page's notes after the paragraph its last marker is in),
/// and, per page, what each line was taken for.
#[derive(Debug, Default)]
pub struct Layout {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// Per page, `(role, why, text)` of each line and marker.
    pub explained: Vec<Vec<String>>,
}

/// A first-line indent: the line starts more than this many body sizes right
/// of the margin (opening punctuation hung into the margin may set the
/// margin half a size too far left).
const INDENT: f64 = 1.0;
/// A paragraph's last line stops more than this many body sizes short of the right margin.
const SHORT: f64 = 2.0;
/// A gap: the baseline distance is more than this times the usual one.
const GAP: f64 = 1.5;
/// Two sizes that differ by less than this many points are one type's.
const SAME_SIZE: f64 = 0.5;
/// Note text is at most this fraction of the body size; headings at least the inverse.
const SMALLER: f64 = 0.92;

/// Lays out the lines of every page (each page's lines top to bottom).
pub fn layout(pages: &[Vec<PrintedLine>]) -> Layout {
    let all: Vec<&PrintedLine> = pages.iter().flatten().collect();
    let body_size = body_size(&all);
    let furniture = furniture(pages, body_size);
    let roles: Vec<Vec<Role>> = pages
        .iter()
        .enumerate()
        .map(|(p, lines)| roles(lines, &furniture[p], body_size))
        .collect();
    let body: Vec<&PrintedLine> = all_with(pages, &roles, Role::Body);
    let text: Vec<&PrintedLine> = [Role::Body, Role::Heading, Role::Note]
        .into_iter()
        .flat_map(|role| all_with(pages, &roles, role))
        .collect();
    let pitch = pitch(&body).unwrap_or(body_size * 1.5);
    let metrics = |parity: Option<usize>| {
        let on = |l: &&&PrintedLine| parity.is_none_or(|p| l.page % 2 == p);
        Some(Metrics {
            size: body_size,
            left: edge(text.iter().filter(on).map(|l| l.x0), false)?,
            right: edge(body.iter().filter(on).map(|l| l.x1), true)?,
            pitch,
        })
    };
    // Margins per page parity: a book's inside margin alternates sides.
    let document = metrics(None).unwrap_or(Metrics {
        size: body_size,
        left: 0.0,
        right: f64::INFINITY,
        pitch,
    });
    let by_parity = by_parity([0, 1].map(|p| metrics(Some(p))), document, |p| {
        body.iter().filter(|l| l.page % 2 == p).count()
    });
    let mut writer = Writer {
        spaces_at_breaks: all.iter().any(|l| {
            l.glyphs
                .last()
                .is_some_and(|(g, _)| g.text.trim().is_empty())
        }),
        ..Writer::default()
    };
    // Every note first: Typst and others may set a note on a later page
    // than its marker, and each note is placed after its marker's paragraph.
    let mut notes_explained: Vec<Vec<String>> = pages
        .iter()
        .zip(&roles)
        .map(|(lines, roles)| {
            for (line, _) in lines.iter().zip(roles).filter(|(_, r)| **r == Role::Note) {
                writer.note(line);
            }
            std::mem::take(&mut writer.explained)
        })
        .collect();
    for (p, lines) in pages.iter().enumerate() {
        writer.explained.push(format!("page {}", p + 1));
        for ((line, role), why) in lines
            .iter()
            .zip(&roles[p])
            .zip(&furniture[p])
            .filter(|((_, r), _)| **r != Role::Note)
        {
            writer.line(line, *role, why.unwrap_or_default(), &by_parity);
        }
        writer.explained.append(&mut notes_explained[p]);
        writer.end_page();
    }
    writer.finish()
}

/// The margins of odd and even pages, each as `measured` on its own pages.
/// Both text blocks are as wide in a book; where they are not, the pages
/// with fewer body lines (an English title block alone on a last page,
/// all of it short or indented lines) show too little to place their
/// margins, and are measured against the whole `document`'s.
fn by_parity(
    measured: [Option<Metrics>; 2],
    document: Metrics,
    body_lines: impl Fn(usize) -> usize,
) -> [Metrics; 2] {
    let width = |m: Option<Metrics>| m.map(|m| m.right - m.left);
    let agree = match measured.map(width) {
        [Some(a), Some(b)] => (a - b).abs() <= document.size,
        _ => false,
    };
    [0, 1].map(|p| match measured[p] {
        Some(m) if agree || body_lines(p) > body_lines(1 - p) => m,
        _ => document,
    })
}

/// For each page, which of its lines are furniture, and why: the top or bottom
/// line when it is a page number, when a line of its shape (digits aside)
/// and size stands there on another page too, or when it (or a part of it
/// set apart by a gap: a series name, a page number) repeats the title in
/// smaller type; and the top line when it is set in smaller type above
/// the text of every other page (a running head printed from page 2 on,
/// which a paper of two pages prints once).
fn furniture(pages: &[Vec<PrintedLine>], body_size: f64) -> Vec<Vec<Option<&'static str>>> {
    let key = |l: &PrintedLine, end: usize| {
        (
            shape(&text(&l.pieces())),
            (l.size * 2.0).round() as i64,
            end,
        )
    };
    let ends = |lines: &[PrintedLine]| -> Vec<(usize, usize)> {
        match lines.len() {
            0 => vec![],
            1 => vec![(0, 0)],
            n => vec![(0, 0), (n - 1, 1)],
        }
    };
    let title = title(pages);
    let repeats_title = |l: &PrintedLine| {
        title.as_ref().is_some_and(|(t, size)| {
            l.size < *size && l.segments().iter().any(|s| compact(&s.pieces()) == *t)
        })
    };
    let plain = |l: &PrintedLine| {
        !l.glyphs.iter().any(|(_, raised)| *raised) && note_start(&text(&l.pieces())).is_none()
    };
    let mut counts: HashMap<_, usize> = HashMap::new();
    for lines in pages {
        for (i, end) in ends(lines) {
            *counts.entry(key(&lines[i], end)).or_default() += 1;
        }
    }
    let mut marks: Vec<Vec<Option<&'static str>>> = pages
        .iter()
        .map(|lines| {
            let mut marks = vec![None; lines.len()];
            for (i, end) in ends(lines) {
                let line = &lines[i];
                marks[i] = if !plain(line) {
                    None
                } else if is_page_number(&text(&line.pieces())) {
                    Some("a page number")
                } else if counts[&key(line, end)] >= 2 {
                    Some("repeats on another page")
                } else if repeats_title(line) {
                    Some("repeats the title")
                } else {
                    None
                };
            }
            marks
        })
        .collect();
    // How high each page's text reaches: its first line that is not furniture, to the top of its type.
    let tops: Vec<Option<f64>> = pages
        .iter()
        .zip(&marks)
        .map(|(lines, marks)| {
            let (line, _) = lines.iter().zip(marks).find(|(_, m)| m.is_none())?;
            Some(line.y + line.size)
        })
        .collect();
    for (p, lines) in pages.iter().enumerate() {
        let others = (0..pages.len()).filter(|q| *q != p).map(|q| tops[q]);
        let above_others = others.clone().flatten().count() > 0
            && lines
                .first()
                .is_some_and(|l| others.flatten().all(|top| l.y > top));
        if marks[p].first() == Some(&None)
            && above_others
            && lines[0].size <= SMALLER * body_size
            && plain(&lines[0])
        {
            marks[p][0] = Some("smaller, above every other page's text");
        }
    }
    marks
}

/// The paper's title, without spaces, and its size: the first line and
/// those below it in the same type (a title wraps).
fn title(pages: &[Vec<PrintedLine>]) -> Option<(String, f64)> {
    let lines = pages.iter().find(|lines| !lines.is_empty())?;
    let first = &lines[0];
    let title = lines
        .iter()
        .take_while(|l| (l.size - first.size).abs() < SAME_SIZE && l.bold == first.bold)
        .map(|l| compact(&l.pieces()))
        .collect();
    Some((title, first.size))
}

/// The text of `pieces` without its spaces.
fn compact(pieces: &[Piece]) -> String {
    text(pieces).split_whitespace().collect()
}

/// The roles of one page's lines: furniture as found; the smaller lines at
/// the bottom are notes when the first of them starts a note (or a note
/// continues from the page before: then the caller sees `Note` lines
/// without a number); larger or bold lines are headings.
fn roles(lines: &[PrintedLine], furniture: &[Option<&str>], body_size: f64) -> Vec<Role> {
    let mut roles: Vec<Role> = lines
        .iter()
        .zip(furniture)
        .map(|(line, furniture)| {
            if furniture.is_some() {
                Role::Furniture
            } else if line.size * SMALLER >= body_size || line.bold {
                Role::Heading
            } else {
                Role::Body
            }
        })
        .collect();
    tables(lines, &mut roles);
    let mut first_note = None;
    for i in (0..lines.len()).rev() {
        match roles[i] {
            Role::Furniture => continue,
            Role::Cell => break,
            _ if lines[i].size <= SMALLER * body_size => first_note = Some(i),
            _ => break,
        }
    }
    if let Some(first) = first_note {
        for role in roles[first..].iter_mut().filter(|r| **r != Role::Furniture) {
            *role = Role::Note;
        }
    }
    roles
}

/// Marks as table rows each run of at least two consecutive lines that
/// column gaps split into the same number (two or more) of cells, each
/// cell under the one of the row above (their extents overlap).
fn tables(lines: &[PrintedLine], roles: &mut [Role]) {
    let cells: Vec<Vec<PrintedLine>> = lines
        .iter()
        .zip(roles.iter())
        .map(|(l, r)| match r {
            Role::Furniture => Vec::new(),
            _ => l.segments(),
        })
        .collect();
    let columns_of = |above: &[PrintedLine], below: &[PrintedLine]| {
        above.len() >= 2
            && above.len() == below.len()
            && above
                .iter()
                .zip(below)
                .all(|(a, b)| a.x0 < b.x1 && b.x0 < a.x1)
    };
    let mut start = 0;
    while start < lines.len() {
        let run = 1 + cells[start..]
            .windows(2)
            .take_while(|w| columns_of(&w[0], &w[1]))
            .count();
        if run >= 2 {
            roles[start..start + run].fill(Role::Cell);
        }
        start += run;
    }
}

fn all_with<'a>(
    pages: &'a [Vec<PrintedLine>],
    roles: &[Vec<Role>],
    role: Role,
) -> Vec<&'a PrintedLine> {
    pages
        .iter()
        .zip(roles)
        .flat_map(|(lines, roles)| {
            lines
                .iter()
                .zip(roles)
                .filter(|(_, r)| **r == role)
                .map(|(l, _)| l)
        })
        .collect()
}

/// The most common of `values`, rounded to `1 / per` first.
fn mode(values: impl Iterator<Item = f64>, per: f64) -> Option<f64> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for v in values {
        *counts.entry((v * per).round() as i64).or_default() += 1;
    }
    let best = counts.into_iter().max_by_key(|(v, n)| (*n, -*v))?;
    Some(best.0 as f64 / per)
}

/// A margin: the leftmost start (or, with `right`, the rightmost end) to
/// the point that two lines share, else the extreme one. A single line
/// further out (a centred title, a long word) does not move it; lines
/// that start with an indent, or stop short, lie inside it.
pub(super) fn edge(positions: impl Iterator<Item = f64>, right: bool) -> Option<f64> {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for position in positions {
        *counts.entry(position.round() as i64).or_default() += 1;
    }
    let mut ordered: Vec<(i64, usize)> = counts.into_iter().collect();
    if right {
        ordered.reverse();
    }
    let shared = ordered.iter().find(|(_, n)| *n >= 2).or(ordered.first());
    shared.map(|(x, _)| *x as f64)
}

/// Body text covers at least this share of the printed area.
const BODY_SHARE: f64 = 0.25;

/// The body text's size: the largest size that covers a quarter of the
/// printed area (glyphs × size²). Notes are smaller, and a paper with long
/// notes may print more of them than of body text; headings and titles
/// are larger, and cover little.
fn body_size(lines: &[&PrintedLine]) -> f64 {
    let mut area: BTreeMap<i64, f64> = BTreeMap::new();
    for line in lines {
        let glyphs = line.glyphs.iter().filter(|(_, raised)| !raised).count() as f64;
        *area.entry((line.size * 10.0).round() as i64).or_default() +=
            glyphs * line.size * line.size;
    }
    let total: f64 = area.values().sum();
    area.into_iter()
        .rev()
        .find(|(_, a)| *a >= BODY_SHARE * total)
        .map_or(10.0, |(size, _)| size as f64 / 10.0)
}

/// The usual baseline distance between consecutive body lines of a page.
fn pitch(body: &[&PrintedLine]) -> Option<f64> {
    let distances = body
        .windows(2)
        .filter(|w| w[0].page == w[1].page)
        .map(|w| w[0].y - w[1].y);
    mode(distances, 10.0)
}

/// The page's body geometry.
#[derive(Clone, Copy)]
struct Metrics {
    size: f64,
    left: f64,
    right: f64,
    pitch: f64,
}

/// Whether the heading line `line` goes on the heading that `previous`
/// ends, as a title or heading wrapped onto another line does: set in the
/// same type (size and weight) on the same page, no further below it than
/// a line of that size without a gap, and not numbered as a heading of its
/// own. (A centred title's lines are each indented, and stop short.)
fn wraps(previous: &PrintedLine, line: &PrintedLine, m: &Metrics) -> bool {
    previous.page == line.page
        && (previous.size - line.size).abs() < SAME_SIZE
        && previous.bold == line.bold
        && previous.y - line.y <= GAP * m.pitch * line.size / m.size
        && headings::readings(text(&line.pieces()).trim()).is_empty()
}

/// The slot of a block in the output: a paragraph or heading, or a note by its index.
enum Slot {
    Text(Block),
    Note(usize),
}

#[derive(Default)]
struct Writer {
    slots: Vec<Slot>,
    notes: Vec<Block>,
    /// Notes not yet placed, with their numbers: each follows the paragraph
    /// that holds its marker.
    pending: Vec<(Option<u32>, usize)>,
    /// The highest note marker the body has shown so far.
    markers: u32,
    /// Whether the PDF prints the space at which a line breaks (then a
    /// Latin line that ends without one broke inside a word).
    spaces_at_breaks: bool,
    open: Option<(Block, Role)>,
    /// The slots of the last table's rows: where they start and how many.
    table: Option<(usize, usize)>,
    /// The last body, heading or table line, and what it was.
    previous: Option<(PrintedLine, Role)>,
    explained: Vec<String>,
    pages: Vec<Vec<String>>,
}

impl Writer {
    /// Takes in a body, heading, table, note or furniture line (`furniture`
    /// says why it is) of a page whose margins are `m[page % 2]`.
    fn line(&mut self, line: &PrintedLine, role: Role, furniture: &str, m: &[Metrics; 2]) {
        let pieces = line.pieces();
        let text = text(&pieces);
        match role {
            Role::Furniture => {
                let parts: Vec<String> = line
                    .segments()
                    .iter()
                    .map(|s| super::lines::text(&s.pieces()))
                    .collect();
                self.explain("furniture", furniture, parts.join(" | ").trim());
            }
            Role::Note => self.note(line),
            Role::Cell => self.cells(line, &pieces),
            Role::Body | Role::Heading => {
                let why = self.starts_block(line, role, m);
                let name = if role == Role::Heading {
                    "heading"
                } else {
                    "body"
                };
                match why {
                    Some(why) => {
                        self.close(false);
                        self.explain(name, &format!("¶ {why}"), &text);
                        let mut block = Block::default();
                        block.append(line, &text, Hyphens::Join, self.spaces_at_breaks);
                        self.open = Some((block, role));
                    }
                    None => {
                        self.explain(name, "continues", &text);
                        if let Some((block, _)) = &mut self.open {
                            block.append(line, &text, Hyphens::Join, self.spaces_at_breaks);
                        }
                    }
                }
                self.markers(&pieces);
                self.previous = Some((line.clone(), role));
            }
        }
    }

    /// Why `line` starts a new paragraph or heading, or `None` when it
    /// continues the open one; each line measured against its own page's margins.
    fn starts_block(
        &self,
        line: &PrintedLine,
        role: Role,
        margins: &[Metrics; 2],
    ) -> Option<&'static str> {
        let Some((previous, previous_role)) = &self.previous else {
            return Some("the first line");
        };
        if *previous_role != role {
            return Some(match (role, previous_role) {
                (Role::Heading, _) => "larger or bold type",
                (_, Role::Cell) => "after a table",
                _ => "after a heading",
            });
        }
        let (m, before) = (&margins[line.page % 2], &margins[previous.page % 2]);
        if role == Role::Heading && wraps(previous, line, m) {
            return None;
        }
        if line.x0 > m.left + INDENT * m.size {
            return Some("indented");
        }
        if previous.page == line.page && previous.y - line.y > GAP * m.pitch {
            return Some("a gap above");
        }
        if previous.x1 < before.right - SHORT * before.size {
            return Some("the line before stops short of the margin");
        }
        None
    }

    /// A table row: one block, a cell to a line, left to right (as the
    /// text import reads a figure's cells).
    fn cells(&mut self, line: &PrintedLine, pieces: &[Piece]) {
        self.close(false);
        let cells: Vec<PrintedLine> = line.segments();
        let texts: Vec<String> = cells.iter().map(|c| text(&c.pieces())).collect();
        self.explain(
            "table row",
            &format!("{} cells on one baseline", cells.len()),
            &texts.join(" | "),
        );
        let mut row = Block::default();
        for (cell, text) in cells.iter().zip(&texts) {
            if !row.text.is_empty() {
                row.text.push('\n');
            }
            row.origin
                .push((cell.page, row.text.chars().count(), text.trim().to_string()));
            row.text.push_str(text.trim());
        }
        let at = self.slots.len();
        let continues = matches!(self.previous, Some((_, Role::Cell)));
        self.table = match self.table {
            Some((start, rows)) if continues && start + rows == at => Some((start, rows + 1)),
            _ => Some((at, 1)),
        };
        self.slots.push(Slot::Text(row));
        self.markers(pieces);
        self.previous = Some((line.clone(), Role::Cell));
    }

    fn markers(&mut self, pieces: &[Piece]) {
        for piece in pieces {
            if let Piece::Marker(n) = piece {
                self.explain("marker", "raised, smaller", &n.to_string());
                self.markers = self.markers.max(*n);
            }
        }
    }

    /// A note line: a raised number (or `N.`) at its start begins note N;
    /// otherwise it continues the last note, on this page or the one before.
    fn note(&mut self, line: &PrintedLine) {
        let pieces = line.pieces();
        let (number, rest) = match pieces.as_slice() {
            [Piece::Marker(n), rest @ ..] => (Some(*n), text(rest).trim_start().to_string()),
            _ => {
                let all = text(&pieces);
                (note_start(&all).map(|(n, _)| n), all)
            }
        };
        let body = match (number, pieces.first()) {
            (Some(n), Some(Piece::Marker(_))) => format!("{n}. {rest}"),
            _ => rest,
        };
        if let Some(n) = number {
            self.explain(&format!("note {n}"), "", &body);
            let mut note = Block::default();
            note.append(line, &body, Hyphens::Keep, self.spaces_at_breaks);
            self.notes.push(note);
            self.pending.push((number, self.notes.len() - 1));
        } else {
            self.explain("note", "continues", &body);
            match self.notes.last_mut() {
                Some(note) => note.append(line, &body, Hyphens::Keep, self.spaces_at_breaks),
                None => {
                    let mut note = Block::default();
                    note.append(line, &body, Hyphens::Keep, self.spaces_at_breaks);
                    self.notes.push(note);
                    self.pending.push((None, self.notes.len() - 1));
                }
            }
        }
    }

    fn explain(&mut self, role: &str, why: &str, text: &str) {
        let why = if why.is_empty() {
            String::new()
        } else {
            format!(" ({why})")
        };
        self.explained.push(format!("  {role}{why}: {text}"));
    }

    /// Closes the open block, then places the notes whose markers the body
    /// has shown (or, at the end, every note left).
    fn close(&mut self, all: bool) {
        if let Some((block, _)) = self.open.take() {
            match self.caption_below_figure(&block) {
                Some(start) => {
                    self.slots.insert(start, Slot::Text(block));
                    self.table = None;
                }
                None => self.slots.push(Slot::Text(block)),
            }
        }
        let shown = self.markers;
        let ready = self
            .pending
            .iter()
            .take_while(|(n, _)| all || n.is_none_or(|n| n <= shown))
            .count();
        self.slots
            .extend(self.pending.drain(..ready).map(|(_, i)| Slot::Note(i)));
    }

    /// Where `block` goes when it is a caption printed below its figure, as
    /// Typst and many papers set it: before the table's rows just above
    /// (and their source line), or before the source line of a picture
    /// (which prints no text), where the text import reads a caption.
    /// `None` for any other block, or when that figure has a caption above.
    fn caption_below_figure(&self, block: &Block) -> Option<usize> {
        figures::caption(&block.text)?;
        let text_at = |i: usize| match &self.slots[i] {
            Slot::Text(b) => Some(b.text.as_str()),
            Slot::Note(_) => None,
        };
        let last_text = |before: usize| (0..before).rev().find(|&i| text_at(i).is_some());
        let source =
            last_text(self.slots.len()).filter(|&i| text_at(i).is_some_and(figures::is_source));
        let end = source.unwrap_or(self.slots.len());
        // The rows end just before the source line (or the block): only notes between.
        let rows = self
            .table
            .filter(|(start, rows)| (start + rows..end).all(|i| text_at(i).is_none()));
        let start = rows.map(|(start, _)| start).or(source)?;
        let above = last_text(start).and_then(text_at);
        let captioned = above.is_some_and(|t| figures::caption(t).is_some());
        (!captioned).then_some(start)
    }

    fn end_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.explained));
    }

    fn finish(mut self) -> Layout {
        self.close(true);
        let notes = self.notes;
        Layout {
            blocks: self
                .slots
                .into_iter()
                .map(|slot| match slot {
                    Slot::Text(block) => block,
                    Slot::Note(i) => notes[i].clone(),
                })
                .collect(),
            explained: self.pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_margin_is_shared_by_two_lines() {
        // One line hangs punctuation into the margin, two start at it, one is indented.
        assert_eq!(
            edge([40.1, 45.3, 45.4, 65.4].into_iter(), false),
            Some(45.0)
        );
        assert_eq!(
            edge([295.0, 299.8, 294.8, 120.0].into_iter(), true),
            Some(295.0)
        );
        assert_eq!(edge([65.0].into_iter(), false), Some(65.0));
        assert_eq!(edge(std::iter::empty(), false), None);
    }
}
