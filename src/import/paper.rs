//! Reading a paper's text into a [`Paper`]: the title block, the body, the
//! bio and the other language's title block, each by its own module.

use super::body;
use super::headings::{self, Level};
use super::lines::{self, Line};
use super::markdown::escape;
use super::metadata::{self, TitleBlock, Trailer};
use super::model::{Language, Paper};
use super::pages::{self, is_page_number};
use crate::content::model::{Author, AuthorRef, BriefingMeta};
use crate::diagnostics::{Diagnostic, Failure};
use std::path::Path;

/// Parses the text of the paper `file` (named in diagnostics only).
pub fn parse(text: &str, file: &Path) -> Result<Paper, Failure> {
    let lines = lines::split(text);
    let start = first_section(&lines).ok_or_else(|| {
        Diagnostic::error(
            file,
            1,
            1,
            "no section heading found: expected a line like \"壹、前言\" or \"I. Introduction\"",
        )
        .with_hint(
            "each top-level section should start with a numbered heading on a line of its own",
        )
    })?;
    let title = lines[..start]
        .iter()
        .find(|l| !l.text.is_empty() && !is_page_number(l.text))
        .map_or("", |l| l.text);
    let language = Language::of(title);
    let items = pages::paginate(&lines[start..], title);
    let trailer_start = metadata::bio_start(&items)
        .or_else(|| metadata::title_block_start(&items, language.other()))
        .unwrap_or(items.len());
    let front = metadata::front(&pages::paginate(&lines[..start], "\u{0}"), file)?;
    let body = body::parse(&items[..trailer_start], file)?;
    let trailer = metadata::trailer(&items[trailer_start..], file)?;
    let warnings = warnings(&trailer, language, file);
    Ok(Paper {
        language,
        meta: meta(language, front, trailer),
        sections: body.sections,
        notes: body.notes,
        warnings,
    })
}

/// The line that starts section 1 (壹、 or I.).
fn first_section(lines: &[Line]) -> Option<usize> {
    lines.iter().position(|l| {
        headings::readings(l.text)
            .iter()
            .any(|h| h.style.level() == Level::Section && h.number == 1)
    })
}

fn warnings(trailer: &Trailer, language: Language, file: &Path) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if trailer.bios.is_empty() {
        warnings.push(Diagnostic::warning(
            file,
            0,
            0,
            "the paper has no author bio (「本文作者…」)",
        ));
    }
    if trailer.other.is_none() {
        let other = language.other().code();
        warnings.push(Diagnostic::warning(
            file,
            0,
            0,
            format!("the paper has no {other} title block; add the {other} title and abstract to briefing.yaml"),
        ));
    }
    warnings
}

/// briefing.yaml's fields from the title blocks and bios.
fn meta(language: Language, front: TitleBlock, trailer: Trailer) -> BriefingMeta {
    let mut meta = BriefingMeta::default();
    let mut authors = Vec::new();
    add_title_block(&mut meta, &mut authors, language, front);
    if let Some(other) = trailer.other {
        add_title_block(&mut meta, &mut authors, language.other(), other);
    }
    for (i, bio) in trailer.bios.into_iter().enumerate() {
        let author = author_for(&mut authors, &bio, i);
        author
            .bio
            .insert(Language::of(&bio).code().to_string(), bio);
    }
    meta.authors = authors.into_iter().map(AuthorRef::Inline).collect();
    meta
}

fn add_title_block(
    meta: &mut BriefingMeta,
    authors: &mut Vec<Author>,
    language: Language,
    block: TitleBlock,
) {
    let code = language.code().to_string();
    meta.title.insert(code.clone(), block.title);
    for (i, name) in block.authors.into_iter().enumerate() {
        if authors.len() <= i {
            authors.push(Author::default());
        }
        let affiliation = block.affiliations.get(i).or(block.affiliations.last());
        if let Some(affiliation) = affiliation {
            authors[i]
                .affiliation
                .insert(code.clone(), affiliation.clone());
        }
        authors[i].name.insert(code.clone(), name);
    }
    if !block.abstract_.is_empty() {
        let paragraphs: Vec<String> = block.abstract_.iter().map(|p| escape(p, true)).collect();
        meta.abstract_.insert(code.clone(), paragraphs.join("\n\n"));
    }
    if !block.keywords.is_empty() {
        meta.keywords.insert(code, block.keywords);
    }
}

/// The author a bio belongs to: the one it names, else the `i`-th (the last
/// if there are fewer), else a new author so the bio is not lost.
fn author_for<'a>(authors: &'a mut Vec<Author>, bio: &str, i: usize) -> &'a mut Author {
    let named = authors.iter().position(|a| {
        a.name
            .values()
            .any(|n| !n.is_empty() && bio.contains(n.as_str()))
    });
    let index = named.unwrap_or_else(|| i.min(authors.len().saturating_sub(1)));
    if authors.is_empty() {
        authors.push(Author::default());
    }
    &mut authors[index]
}
