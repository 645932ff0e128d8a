//! Reading the paper's PDF itself: its glyphs ([`glyphs`], with their
//! fonts' text maps in [`fonts`]) become printed lines ([`lines`]: raised
//! smaller digits are note markers), and the lines' geometry ([`layout`])
//! says what each is (body, heading, note, furniture) and where paragraphs
//! start. The result is the text layout the text import reads (one block
//! per paragraph, heading or note; a marker in superscript digits, stacked
//! ones as `[n, m]`), which then goes through the same parser, so both
//! imports follow one set of rules.

mod columns;
mod fonts;
mod glyphs;
mod layout;
mod lines;

use crate::diagnostics::{Diagnostic, Failure};
use glyphs::UNMAPPED;
use lines::PrintedLine;
use std::path::Path;

/// A PDF read as the text layout of the text import.
#[derive(Debug)]
pub struct Extraction {
    /// The text layout: blocks separated by blank lines.
    pub text: String,
    /// Per line of `text`, the printed lines it holds (page, character
    /// offset in the line, text); none for a blank line.
    origins: Vec<Vec<(usize, usize, String)>>,
    /// Per page, what each line was taken for.
    explained: Vec<Vec<String>>,
}

/// True for a file that starts as a PDF does.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// Reads the PDF `bytes` of the paper `file`.
pub fn read(bytes: &[u8], file: &Path) -> Result<Extraction, Failure> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| {
        Diagnostic::error(file, 0, 0, format!("the PDF cannot be read: {e}"))
            .with_hint("check that the file is a complete PDF (open it in a PDF viewer); export it again if not")
    })?;
    let mut left = drawing(&doc, file)?;
    let mut pages = Vec::new();
    let mut images = 0;
    for (number, id) in doc.get_pages() {
        let page = glyphs::page(&doc, id, &mut left).map_err(|e| {
            Diagnostic::error(
                file,
                0,
                0,
                format!("page {number} of the PDF cannot be read: {e}"),
            )
            .with_hint("export the PDF again from its source document")
        })?;
        images += page.images;
        if !page.vertical_fonts.is_empty() {
            return Err(vertical(file, number, &page.vertical_fonts).into());
        }
        let mut lines = lines::lines(number as usize, page.glyphs);
        lines.retain(|l| l.glyphs.iter().any(|(g, _)| !g.text.trim().is_empty()));
        unmapped(file, &lines, &page.unmapped_fonts)?;
        if columns::in_columns(&lines) {
            return Err(in_columns(file, number).into());
        }
        pages.push(lines);
    }
    let spaces_printed = pages
        .iter()
        .flatten()
        .any(|l| l.glyphs.iter().any(|(g, _)| g.text == " "));
    pages
        .iter_mut()
        .flatten()
        .for_each(|l| l.spaces_printed = spaces_printed);
    if pages.iter().all(Vec::is_empty) {
        return Err(no_text(file, pages.len(), images).into());
    }
    let layout = layout::layout(&pages);
    let text = layout
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(Extraction {
        text: text + "\n",
        origins: line_origins(layout.blocks),
        explained: layout.explained,
    })
}

/// How many operators the pages may draw: refuses, before any is read, a
/// PDF whose pages' content holds more than the most a document may draw.
fn drawing(doc: &lopdf::Document, file: &Path) -> Result<usize, Diagnostic> {
    let mut total = 0;
    for (number, id) in doc.get_pages() {
        // A page that cannot be read is reported, naming it, when it is read.
        total += glyphs::operators_on(doc, id).unwrap_or(0);
        if total > glyphs::MAX_DOCUMENT_OPERATORS {
            return Err(Diagnostic::error(
                file,
                0,
                0,
                format!(
                    "the PDF draws more than {} operations by page {number} (a paper draws some thousands a page), so it is not read",
                    glyphs::MAX_DOCUMENT_OPERATORS
                ),
            )
            .with_hint("export the PDF again from its source document, or import the paper's text file"));
        }
    }
    Ok(glyphs::MAX_DOCUMENT_OPERATORS)
}

/// The printed lines of each line of the text layout (blocks separated by a
/// blank line; a table row's block has a line per cell).
fn line_origins(blocks: Vec<layout::Block>) -> Vec<Vec<(usize, usize, String)>> {
    let mut lines = Vec::new();
    for block in blocks {
        if !lines.is_empty() {
            lines.push(Vec::new());
        }
        let mut start = 0;
        for line in block.text.split('\n') {
            let end = start + line.chars().count();
            lines.push(
                block
                    .origin
                    .iter()
                    .filter(|(_, at, _)| (start..=end).contains(at))
                    .map(|(page, at, text)| (*page, at - start, text.clone()))
                    .collect(),
            );
            start = end + 1;
        }
    }
    lines
}

/// A PDF without a single glyph: a scan, or pages of images.
fn no_text(file: &Path, pages: usize, images: usize) -> Diagnostic {
    Diagnostic::error(
        file,
        0,
        0,
        format!("the PDF has no text layer: its {pages} page(s) hold {images} image(s) and no text, as a scanned paper does"),
    )
    .with_hint("run OCR on it first (e.g. `ocrmypdf paper.pdf paper-ocr.pdf`), or import the paper's text file instead")
}

/// A page in vertical writing, which the reader (lines along baselines) cannot follow.
fn vertical(file: &Path, page: u32, fonts: &[String]) -> Diagnostic {
    Diagnostic::error(
        file,
        0,
        0,
        format!(
            "page {page} is set in vertical writing (font {} writes top to bottom, WMode 1); briefing reads horizontally set papers",
            fonts.join(", ")
        ),
    )
    .with_hint("export the paper in horizontal writing, or import its text file instead")
}

/// A page set in columns, which a single column of lines would interleave.
fn in_columns(file: &Path, page: u32) -> Diagnostic {
    Diagnostic::error(
        file,
        0,
        0,
        format!("page {page} is set in two columns; briefing reads single-column papers, and would interleave the columns' lines"),
    )
    .with_hint("export the paper in one column, or import its text file (extracted column by column) instead")
}

/// Refuses a page with glyphs whose font maps them to no text, naming the
/// first such line.
fn unmapped(file: &Path, lines: &[PrintedLine], fonts: &[String]) -> Result<(), Diagnostic> {
    let Some(line) = lines
        .iter()
        .find(|l| l.glyphs.iter().any(|(g, _)| g.text == UNMAPPED))
    else {
        return Ok(());
    };
    let text = lines::text(&line.pieces());
    Err(Diagnostic::error(
        file,
        0,
        0,
        format!(
            "page {}: the glyphs of font {} map to no text, so the line \"{}\" cannot be read",
            line.page,
            fonts.join(", "),
            shorten(&text)
        ),
    )
    .with_hint("the PDF's fonts lack a ToUnicode map: export the PDF again with text (most tools have an option to keep text searchable), or import the paper's text file"))
}

fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

impl Extraction {
    /// What each line of each page was taken for, page by page.
    pub fn explanation(&self) -> String {
        self.explained
            .iter()
            .flatten()
            .fold(String::new(), |out, line| out + line + "\n")
    }

    /// `failure` of the text layout (`file:line:column` in `text`)
    /// restated at the page and printed line it came from.
    pub fn locate(&self, failure: Failure) -> Failure {
        Failure(failure.0.into_iter().map(|d| self.locate_one(d)).collect())
    }

    fn locate_one(&self, mut d: Diagnostic) -> Diagnostic {
        let Some(origin) = d
            .line
            .checked_sub(1)
            .and_then(|l| self.origins.get(l))
            .filter(|o| !o.is_empty())
        else {
            return d;
        };
        let column = d.column.saturating_sub(1);
        let Some((page, _, text)) = origin
            .iter()
            .rev()
            .find(|(_, start, _)| *start <= column)
            .or(origin.first())
        else {
            return d;
        };
        d.message = format!("page {page}, line \"{}\": {}", shorten(text), d.message);
        d.line = 0;
        d.column = 0;
        d.end_line = 0;
        d.end_column = 0;
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, origin: &[(usize, usize, &str)]) -> layout::Block {
        let mut block = layout::Block::default();
        block.text = text.to_string();
        block.origin = origin
            .iter()
            .map(|(p, at, t)| (*p, *at, t.to_string()))
            .collect();
        block
    }

    #[test]
    fn each_line_of_the_layout_knows_its_printed_lines_a_table_row_one_per_cell() {
        let blocks = vec![
            block("甲乙", &[(1, 0, "甲"), (1, 1, "乙")]),
            block("國家\n項目", &[(2, 0, "國家"), (2, 3, "項目")]),
        ];
        let t = |p, at, s: &str| (p, at, s.to_string());
        assert_eq!(
            line_origins(blocks),
            [
                vec![t(1, 0, "甲"), t(1, 1, "乙")],
                vec![],
                vec![t(2, 0, "國家")],
                vec![t(2, 0, "項目")],
            ]
        );
    }
}
