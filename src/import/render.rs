//! A `Paper` as content files: briefing.yaml and one Markdown file per
//! section, each file's notes defined at its end.

use super::headings::Level;
use super::links::autolink;
use super::markdown;
use super::model::{Block, Figure, Inline, Paper, Section};
use super::notes::Note;
use crate::content::model::{Date, SectionFront};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The files of the briefing, as (path relative to the briefing's
/// directory, contents): `briefing.yaml`, then `NN-<name>.<lang>.md` per section.
pub fn render(paper: &Paper, date: Option<Date>) -> Vec<(PathBuf, String)> {
    let mut meta = paper.meta.clone();
    meta.date = date;
    let mut files = vec![(
        PathBuf::from("briefing.yaml"),
        crate::yaml::to_string(&meta),
    )];
    let mut defined = BTreeSet::new();
    for section in &paper.sections {
        files.push((
            PathBuf::from(section_file_name(section, paper.language.code())),
            section_file(section, &paper.notes, &mut defined),
        ));
    }
    files
}

/// A section's file name in language `lang`: `NN-<name>.<lang>.md`.
pub fn section_file_name(section: &Section, lang: &str) -> String {
    format!("{:02}-{}.{lang}.md", section.number, section.name)
}

/// One section's Markdown: front matter, blocks, then the notes it references first.
fn section_file(section: &Section, notes: &[Note], defined: &mut BTreeSet<u32>) -> String {
    let front = crate::yaml::to_string(&SectionFront {
        title: section.title.clone(),
        translated_from: None,
    });
    let mut parts = vec![format!("---\n{front}---")];
    parts.extend(section.blocks.iter().map(block));
    let referenced: BTreeSet<u32> = section.blocks.iter().flat_map(block_notes).collect();
    for note in notes {
        if referenced.contains(&note.number) && defined.insert(note.number) {
            parts.push(format!("[^{}]: {}", note.number, autolink(&note.text)));
        }
    }
    parts.join("\n\n") + "\n"
}

fn block(block: &Block) -> String {
    match block {
        Block::Figure(figure) => figure_markdown(figure),
        Block::Paragraph(text) => markdown::inlines(text, true),
        Block::Heading { level, id, text } => {
            let hashes = if *level == Level::Sub { "###" } else { "####" };
            format!("{hashes} {} {{#{id}}}", markdown::inlines(text, false))
        }
    }
}

/// A figure as an image alone in its paragraph, which the renderer makes a
/// `<figure>`: the title (caption, then the source on its own line) becomes
/// the `<figcaption>`; the alt text is what the extraction flattened out of
/// the figure (a table's cells), else the caption's text.
fn figure_markdown(figure: &Figure) -> String {
    let alt = if figure.cells.is_empty() {
        figure.label.clone()
    } else {
        figure.cells.join(" ")
    };
    let mut title = figure.caption.clone();
    if let Some(source) = &figure.source {
        title.push('\n');
        title.push_str(source);
    }
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        "![{}]({} \"{title}\")",
        markdown::escape(&alt, false),
        figure.file
    )
}

fn block_notes(block: &Block) -> impl Iterator<Item = u32> + '_ {
    block.inlines().iter().filter_map(|i| match i {
        Inline::Note(n) => Some(*n),
        Inline::Text(_) => None,
    })
}
