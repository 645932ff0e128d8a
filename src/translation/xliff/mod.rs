//! Hand-off to translators as XLIFF 2.0: `translate export` writes a
//! briefing's text as units (one per metadata field, section title, block
//! of Markdown and note), `translate import` writes the translated units
//! back into the briefing's files. Both see a briefing as the same list of
//! [`UnitFile`]s, built here.

pub(crate) mod align;
mod export;
mod import;
mod inline;
mod target;

pub use export::{export, ExportOptions};
pub use import::{import, ImportReport};

use super::body::Body;
use super::changes::normalised;
use crate::content::model::{AuthorEntry, AuthorRef};
use crate::content::{Briefing, SectionFile};
use align::Aligned;
use std::path::Path;

/// A group of units: briefing.yaml, or one section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitFile {
    /// `briefing` or the section's file stem (`01-introduction`).
    pub id: String,
    /// The original's file, relative to the site root.
    pub original: String,
    /// The digest of the original section's text (sections only).
    pub digest: Option<String>,
    /// The units in reading order.
    pub units: Vec<Unit>,
}

/// One unit: a metadata field, a section title, a block or a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Unique within its file: `title`, `keywords-0`, `author-0-bio`,
    /// `abstract`, `b3` (the fourth block of the body), `note-7`.
    pub id: String,
    /// The original's text (Markdown).
    pub source: String,
    /// The translation's text, where there is one.
    pub target: Option<String>,
    /// True when the target translates the original as it was before it
    /// changed: a draft for the translator to review, not a translation.
    pub stale: bool,
}

/// The id of the unit file of briefing.yaml.
pub const META_FILE: &str = "briefing";

/// The id of the unit file of the content/authors.yaml entries a briefing
/// names by id (their units: `<author id>-<field>`).
pub const AUTHORS_FILE: &str = "authors";

/// The unit files of `briefing` (in the site at `root`) from its original
/// into `lang`, with the translation's text as targets where it has one.
pub fn unit_files(root: &Path, briefing: &Briefing, lang: &str) -> Vec<UnitFile> {
    let mut files = vec![UnitFile {
        id: META_FILE.into(),
        original: briefing.meta_file.display().to_string(),
        digest: None,
        units: meta_units(briefing, lang),
    }];
    files.extend(author_units(root, briefing, lang));
    for (section, original) in briefing.originals() {
        files.push(UnitFile {
            id: format!("{:02}-{}", section.number, section.id),
            original: original.path.display().to_string(),
            digest: Some(super::digest(original)),
            units: section_units(
                original,
                section.files.get(lang),
                before(root, original, section.files.get(lang)),
            ),
        });
    }
    files
}

fn meta_units(briefing: &Briefing, lang: &str) -> Vec<Unit> {
    let (m, from) = (&briefing.meta, briefing.original.as_str());
    let mut units = Vec::new();
    let mut field = |id: String, map: &crate::content::model::Localized<String>| {
        if let Some(source) = map.get(from) {
            units.push(Unit {
                id,
                source: source.clone(),
                target: map.get(lang).cloned(),
                stale: false,
            });
        }
    };
    field("title".into(), &m.title);
    field("abstract".into(), &m.abstract_);
    field("series".into(), &m.series);
    // Authors named by id are translated in content/authors.yaml.
    let inline = m.authors.iter().enumerate();
    for (i, a) in inline.filter_map(|(i, a)| Some((i, a.inline()?))) {
        field(format!("author-{i}-name"), &a.name);
        field(format!("author-{i}-affiliation"), &a.affiliation);
        field(format!("author-{i}-bio"), &a.bio);
    }
    let keywords = |l: &str| m.keywords.get(l).cloned().unwrap_or_default();
    let (sources, targets) = (keywords(from), keywords(lang));
    for (i, source) in sources.into_iter().enumerate() {
        units.push(Unit {
            id: format!("keywords-{i}"),
            source,
            target: targets.get(i).cloned(),
            stale: false,
        });
    }
    units
}

/// The fields of the authors `briefing` names by id, from
/// content/authors.yaml (None when it names none, or the file does not load:
/// `check` reports that).
fn author_units(root: &Path, briefing: &Briefing, lang: &str) -> Option<UnitFile> {
    use crate::content::catalog::{self, Record};
    let config = crate::content::load_config(root).ok()?;
    let records = catalog::load(root, &config).ok()?.authors;
    let from = briefing.original.as_str();
    let mut units = Vec::new();
    for entry in authors_named(briefing, &records.entries) {
        for (field, map) in entry.localized() {
            let Some(source) = map.get(from) else {
                continue;
            };
            units.push(Unit {
                id: format!("{}-{field}", entry.id),
                source: source.clone(),
                target: map.get(lang).cloned(),
                stale: false,
            });
        }
    }
    (!units.is_empty()).then(|| UnitFile {
        id: AUTHORS_FILE.into(),
        original: records.file.display().to_string(),
        digest: None,
        units,
    })
}

/// The entries of `entries` that `briefing` names by id, in file order.
pub(super) fn authors_named<'a>(
    briefing: &'a Briefing,
    entries: &'a [crate::content::Located<AuthorEntry>],
) -> impl Iterator<Item = &'a AuthorEntry> {
    let ids: Vec<&str> = briefing
        .meta
        .authors
        .iter()
        .filter_map(|a| match a {
            AuthorRef::Id(id) => Some(id.as_str()),
            AuthorRef::Inline(_) => None,
        })
        .collect();
    entries
        .iter()
        .map(|e| &e.value)
        .filter(move |e| ids.contains(&e.id.as_str()))
}

/// The original a section's translation was made from, when it has
/// changed since: its title and body then (from the snapshot), or None
/// when the snapshot is gone (every target is then a draft to review).
type Before = Option<(String, String)>;

fn section_units(
    original: &SectionFile,
    translation: Option<&SectionFile>,
    before: Option<Before>,
) -> Vec<Unit> {
    let source = Body::of(&original.body);
    let target = translation.map(|t| Body::of(&t.body)).unwrap_or_default();
    let outdated = before.is_some();
    let (old_title, old) = match before.flatten() {
        Some((title, body)) => (Some(title), Body::of(&body)),
        None if outdated => (None, Body::default()),
        None => (Some(original.front.title.clone()), Body::of(&original.body)),
    };
    let blocks = match old.blocks.is_empty() && outdated {
        true => align::blocks(&source.blocks, &source.blocks, &target.blocks)
            .into_iter()
            .map(|a| a.map(|a| Aligned { stale: true, ..a }))
            .collect(),
        false => align::blocks(&source.blocks, &old.blocks, &target.blocks),
    };
    let mut units = vec![Unit {
        id: "title".into(),
        source: original.front.title.clone(),
        target: translation.map(|t| t.front.title.clone()),
        stale: old_title.as_deref().map(normalised) != Some(normalised(&original.front.title)),
    }];
    units.extend(
        source
            .blocks
            .iter()
            .zip(blocks)
            .enumerate()
            .map(|(i, (block, aligned))| Unit {
                id: format!("b{i}"),
                source: block.clone(),
                stale: aligned.as_ref().is_some_and(|a| a.stale),
                target: aligned.map(|a| a.text),
            }),
    );
    units.extend(source.notes.iter().map(|(label, text)| {
        let was = |body: &Body| {
            body.notes
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, t)| t.clone())
        };
        Unit {
            id: format!("note-{label}"),
            source: text.clone(),
            stale: was(&old).as_deref().map(normalised) != Some(normalised(text)),
            target: was(&target),
        }
    }));
    units
}

/// What `translation` was made from when the original has changed since
/// (None when it has not, or is not tracked).
fn before(
    root: &Path,
    original: &SectionFile,
    translation: Option<&SectionFile>,
) -> Option<Before> {
    let from = translation?.front.translated_from.as_deref()?;
    (from != super::digest(original)).then(|| super::snapshot(root, from))
}
