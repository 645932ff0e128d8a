//! The body of a paper, from its first section heading to the author's bio:
//! sections, sub-headings and paragraphs re-joined across page breaks, with
//! the notes that interrupt them collected and checked against their markers.

use super::chars::ends_sentence;
use super::figures;
use super::headings::{self, Heading, Level, Style};
use super::join::{self, seam, Hyphens, Seam};
use super::lines::Line;
use super::markers::Markers;
use super::model::{plain_text, Block, Figure, Inline, Section};
use super::notes::{self, note_start, Note};
use super::pages::Item;
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// The sections and notes of a paper's body.
#[derive(Debug)]
pub struct Body {
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Notes 1, 2, 3… in order.
    pub notes: Vec<Note>,
}

/// Reads the body `items` (the first one a section heading) of the paper `file`.
pub fn parse(items: &[Item], file: &Path) -> Result<Body, Diagnostic> {
    let mut builder = Builder {
        file,
        sections: Vec::new(),
        notes: Vec::new(),
        markers: Markers::default(),
        endnotes: None,
        subs: 0,
        subsubs: 0,
    };
    let blocks: Vec<&[Line]> = items
        .iter()
        .filter_map(|item| match item {
            Item::Block(lines) => Some(lines.as_slice()),
            Item::Break => None,
        })
        .collect();
    let mut i = 0;
    while i < blocks.len() {
        let last = match figures::extent(&blocks, i) {
            Some(end) => {
                builder.figure(&blocks[i..=end])?;
                end
            }
            None => {
                builder.block(blocks[i])?;
                i
            }
        };
        i = last + 1;
    }
    builder.finish()
}

struct Builder<'f> {
    file: &'f Path,
    sections: Vec<Section>,
    notes: Vec<Note>,
    markers: Markers,
    /// The line of the endnotes heading (`註釋`, `Notes`…) once met: only
    /// notes follow it.
    endnotes: Option<usize>,
    /// Sub-headings in the current section, sub-sub-headings under the current sub-heading.
    subs: u32,
    subsubs: u32,
}

impl Builder<'_> {
    fn block(&mut self, lines: &[Line]) -> Result<(), Diagnostic> {
        let first = &lines[0];
        if note_start(first.text).is_some() {
            let next = self.notes.len() as u32 + 1;
            let notes = notes::parse_block(lines, next, self.markers.count(), self.file)?;
            self.notes.extend(notes);
            return Ok(());
        }
        if let Some(heading) = self.endnotes {
            return self.continue_endnote(lines, heading);
        }
        if lines.len() == 1 && notes::is_endnotes_heading(first.text) {
            self.endnotes = Some(first.number);
            return Ok(());
        }
        if let Some(extra) = lines.get(1) {
            return Err(extra
                .error(self.file, 0, "unexpected line: a paragraph is one line, and this line starts no note (\"N. …\")")
                .with_hint("put a blank line before this line if it is a new paragraph"));
        }
        match self.heading(first) {
            Some(heading) => self.add_heading(first, heading)?,
            None => self.add_text(first)?,
        }
        Ok(())
    }

    /// A figure or table: its caption, the blocks up to its source line
    /// (cells; note blocks among them are notes) and the source line; or a
    /// caption alone.
    fn figure(&mut self, blocks: &[&[Line]]) -> Result<(), Diagnostic> {
        let caption_line = &blocks[0][0];
        let caption = self.plain_line(caption_line, "a caption")?;
        let source = match blocks {
            [_, .., last] if blocks.len() > 1 => Some(self.plain_line(&last[0], "a source line")?),
            _ => None,
        };
        let mut cells = Vec::new();
        for block in blocks.iter().skip(1).take(blocks.len().saturating_sub(2)) {
            if note_start(block[0].text).is_some() {
                self.block(block)?;
            } else {
                cells.extend(block.iter().map(|l| l.text.to_string()));
            }
        }
        let Some(section) = self.sections.last_mut() else {
            return Err(caption_line.error(
                self.file,
                0,
                "a figure or table before the first section heading",
            ));
        };
        let read = figures::caption(caption_line.text).expect("extent found a caption");
        section.blocks.push(Block::Figure(Figure {
            file: format!("{}.png", read.kind.file_stem(read.number)),
            label: read.text.to_string(),
            caption,
            source,
            cells,
        }));
        Ok(())
    }

    /// The text of a caption or source line, which may hold no note marker.
    fn plain_line(&mut self, line: &Line, what: &str) -> Result<String, Diagnostic> {
        let text = self.markers.scan(line, 0, self.file)?;
        if text.iter().any(|i| matches!(i, Inline::Note(_))) {
            return Err(line
                .error(
                    self.file,
                    0,
                    format!("a note marker in {what} is not supported"),
                )
                .with_hint("move the marker into the paragraph that discusses the figure"));
        }
        Ok(plain_text(&text))
    }

    /// A block after the endnotes heading that starts no note: the rest of
    /// the last note, which a page break interrupted.
    fn continue_endnote(&mut self, lines: &[Line], heading: usize) -> Result<(), Diagnostic> {
        let Some(note) = self.notes.last_mut() else {
            return Err(lines[0]
                .error(
                    self.file,
                    0,
                    format!(
                        "only notes (\"N. …\") may follow the endnotes heading on line {heading}"
                    ),
                )
                .with_hint("move this text above the endnotes heading, or number it as a note"));
        };
        for line in lines {
            join::append(&mut note.text, line.text, Hyphens::Keep);
        }
        Ok(())
    }

    /// The reading of `line` as a heading that fits the numbering so far.
    fn heading<'a>(&self, line: &Line<'a>) -> Option<Heading<'a>> {
        let readings = headings::readings(line.text);
        let fits = readings
            .iter()
            .find(|h| h.number == self.expected(h.style.level()));
        fits.or(readings.first()).copied()
    }

    fn expected(&self, level: Level) -> u32 {
        match level {
            Level::Section => self.sections.len() as u32 + 1,
            Level::Sub => self.subs + 1,
            Level::SubSub => self.subsubs + 1,
        }
    }

    fn add_heading(&mut self, line: &Line, heading: Heading) -> Result<(), Diagnostic> {
        let level = heading.style.level();
        let expected = self.expected(level);
        if heading.number != expected || (level != Level::Section && self.sections.is_empty()) {
            return Err(self.out_of_order(line, heading.style, expected));
        }
        let text = self.markers.scan(line, heading.offset, self.file)?;
        match level {
            Level::Section => self.add_section(line, heading, &text),
            Level::Sub | Level::SubSub => {
                self.add_sub(level, text);
                Ok(())
            }
        }
    }

    fn out_of_order(&self, line: &Line, style: Style, expected: u32) -> Diagnostic {
        line.error(
            self.file,
            0,
            format!(
                "this heading is out of sequence: expected {} here",
                style.label(expected)
            ),
        )
        .with_hint("check the paper for a missing or mistyped heading number")
    }

    fn add_section(
        &mut self,
        line: &Line,
        heading: Heading,
        text: &[Inline],
    ) -> Result<(), Diagnostic> {
        if text.iter().any(|i| matches!(i, Inline::Note(_))) {
            return Err(line
                .error(
                    self.file,
                    heading.offset,
                    "a note marker in a section title is not supported",
                )
                .with_hint("move the marker into the section's first paragraph"));
        }
        let title = plain_text(text);
        let number = heading.number;
        let mut name = headings::section_name(&title, number);
        if self.sections.iter().any(|s| s.name == name) {
            name = format!("section-{number}");
        }
        self.sections.push(Section {
            number,
            name,
            title,
            blocks: Vec::new(),
        });
        self.subs = 0;
        self.subsubs = 0;
        Ok(())
    }

    fn add_sub(&mut self, level: Level, text: Vec<Inline>) {
        let Some(section) = self.sections.last_mut() else {
            return;
        };
        let id = if level == Level::Sub {
            self.subs += 1;
            self.subsubs = 0;
            format!("{}-{}", section.name, self.subs)
        } else {
            self.subsubs += 1;
            format!("{}-{}-{}", section.name, self.subs, self.subsubs)
        };
        section.blocks.push(Block::Heading { level, id, text });
    }

    /// A one-line piece of paragraph: a new paragraph, or the rest of the
    /// last one when that one stopped mid-sentence (whatever stood between:
    /// a page break, a note block, page furniture, a figure or only a blank
    /// line; the figure then follows the whole paragraph).
    fn add_text(&mut self, line: &Line) -> Result<(), Diagnostic> {
        let piece = self.markers.scan(line, 0, self.file)?;
        let Some(section) = self.sections.last_mut() else {
            return Err(line.error(
                self.file,
                0,
                "unexpected text before the first section heading",
            ));
        };
        let before_figures = section
            .blocks
            .iter()
            .rposition(|b| !matches!(b, Block::Figure(_)));
        match before_figures.map(|i| &mut section.blocks[i]) {
            Some(Block::Paragraph(last)) if !ends_sentence(&plain_text(last)) => {
                continue_paragraph(last, piece);
            }
            _ => section.blocks.push(Block::Paragraph(piece)),
        }
        Ok(())
    }

    fn finish(self) -> Result<Body, Diagnostic> {
        let defined = self.notes.len() as u32;
        if let Some((line, column)) = self.markers.place(defined + 1) {
            let number = defined + 1;
            return Err(Diagnostic::error(
                self.file,
                line,
                column,
                format!("note {number} is marked here but its text never follows"),
            )
            .with_hint(format!(
                "the page with this marker should end with a note \"{number}. …\""
            )));
        }
        Ok(Body {
            sections: self.sections,
            notes: self.notes,
        })
    }
}

/// Appends `piece` to the paragraph `last` across a page break: CJK meets
/// CJK directly, Latin words get one space, `secu-` + `rity` is `security`.
fn continue_paragraph(last: &mut Vec<Inline>, piece: Vec<Inline>) {
    let hyphens = match last.last() {
        Some(Inline::Text(_)) => Hyphens::Join,
        _ => Hyphens::Keep,
    };
    match seam(&plain_text(last), &plain_text(&piece), hyphens) {
        Seam::Direct => {}
        Seam::Space => push_text(last, " "),
        Seam::DropHyphen => {
            if let Some(Inline::Text(t)) = last.last_mut() {
                t.pop();
            }
        }
    }
    for inline in piece {
        match inline {
            Inline::Text(t) => push_text(last, &t),
            note => last.push(note),
        }
    }
}

/// Appends `text` to the last text run of `inlines`, or starts one.
fn push_text(inlines: &mut Vec<Inline>, text: &str) {
    match inlines.last_mut() {
        Some(Inline::Text(t)) => t.push_str(text),
        _ => inlines.push(Inline::Text(text.to_string())),
    }
}
