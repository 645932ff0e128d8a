//! The `Paper` model: what the importer understood of a paper, before it is
//! written out as content files.

use super::headings::Level;
use super::notes::Note;
use crate::cjk::is_cjk;
use crate::content::model::BriefingMeta;
use crate::diagnostics::Diagnostic;

/// The language a paper (or a part of it) is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Traditional Chinese.
    ZhHant,
    /// English.
    En,
}

impl Language {
    /// The BCP 47 code used in file names and YAML keys.
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhHant => "zh-Hant",
            Language::En => "en",
        }
    }

    /// The other language of the portal.
    pub fn other(self) -> Language {
        match self {
            Language::ZhHant => Language::En,
            Language::En => Language::ZhHant,
        }
    }

    /// Chinese if `text` has any CJK character, else English.
    pub fn of(text: &str) -> Language {
        if text.chars().any(is_cjk) {
            Language::ZhHant
        } else {
            Language::En
        }
    }
}

/// A run of text or a note reference, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text, not yet Markdown-escaped.
    Text(String),
    /// A reference to the note with this number.
    Note(u32),
}

/// A block of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// One paragraph, re-joined across page breaks.
    Paragraph(Vec<Inline>),
    /// A sub-heading (`###` or `####`) with its id.
    Heading {
        /// [`Level::Sub`] or [`Level::SubSub`].
        level: Level,
        /// `<section name>-<k>` or `<section name>-<k>-<m>`.
        id: String,
        /// The heading without its numbering.
        text: Vec<Inline>,
    },
    /// A figure or table the editor adds as an image.
    Figure(Figure),
}

impl Block {
    /// The block's running text (none for a figure).
    pub fn inlines(&self) -> &[Inline] {
        match self {
            Block::Paragraph(text) | Block::Heading { text, .. } => text,
            Block::Figure(_) => &[],
        }
    }
}

/// A figure or table: its caption and source line as printed, the text the
/// extraction flattened out of it, and the image file it will show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The image's file name in the briefing folder, e.g. `figure-1.png`.
    pub file: String,
    /// The caption without its label (`圖1：`).
    pub label: String,
    /// The caption line, label included.
    pub caption: String,
    /// The source line, if the paper gives one.
    pub source: Option<String>,
    /// The lines of text found between caption and source (a table's cells).
    pub cells: Vec<String>,
}

/// One top-level section of the paper: one file per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1-based position (壹 → 1).
    pub number: u32,
    /// ASCII name used in the file name and heading ids.
    pub name: String,
    /// The heading without its numbering.
    pub title: String,
    /// Paragraphs and sub-headings in order.
    pub blocks: Vec<Block>,
}

/// Everything the importer understood of a paper.
#[derive(Debug, Clone, PartialEq)]
pub struct Paper {
    /// The language of the paper's body.
    pub language: Language,
    /// Title, authors, abstract and keywords per language (no date: papers carry none).
    pub meta: BriefingMeta,
    /// The sections in order.
    pub sections: Vec<Section>,
    /// Every note, numbered 1, 2, 3… in order.
    pub notes: Vec<Note>,
    /// Things the editor should check; the import still succeeds.
    pub warnings: Vec<Diagnostic>,
}

/// The text of `inlines` without note references.
pub fn plain_text(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Text(t) => Some(t.as_str()),
            Inline::Note(_) => None,
        })
        .collect()
}
