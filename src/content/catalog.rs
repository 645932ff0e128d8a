//! content/topics.yaml and content/authors.yaml: the topics and authors that
//! briefings name by id, loaded and checked once, and the resolution of a
//! briefing's `topics:` and `authors:` against them (an unknown id is an
//! error at its place in briefing.yaml, with a "did you mean").

use super::model::{Author, AuthorEntry, AuthorRef, BriefingMeta, Localized, SiteConfig, Topic};
use super::Located;
use crate::diagnostics::{line_col, Diagnostic};
use crate::yaml;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The topics and authors of the site.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// content/topics.yaml, empty if absent.
    pub topics: Records<Topic>,
    /// content/authors.yaml, empty if absent.
    pub authors: Records<AuthorEntry>,
}

/// The entries of one YAML list file, each with the line its `id:` is on.
#[derive(Debug, Clone, Default)]
pub struct Records<T> {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// Entries in file order.
    pub entries: Vec<Located<T>>,
    /// The file has errors: its entries are left out, and ids are not
    /// checked against it.
    pub failed: bool,
}

/// An entry with an id that briefings refer to.
pub trait Record {
    /// The entry's id.
    fn id(&self) -> &str;
    /// Its per-language fields, by name, for the language check.
    fn localized(&self) -> Vec<(&'static str, &Localized<String>)>;
    /// The files of the site's static/ it names, by field (none by default).
    fn static_files(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }
}

impl Record for Topic {
    fn id(&self) -> &str {
        &self.id
    }
    fn localized(&self) -> Vec<(&'static str, &Localized<String>)> {
        vec![("name", &self.name), ("description", &self.description)]
    }
}

impl Record for AuthorEntry {
    fn id(&self) -> &str {
        &self.id
    }
    fn localized(&self) -> Vec<(&'static str, &Localized<String>)> {
        vec![
            ("name", &self.name),
            ("affiliation", &self.affiliation),
            ("division", &self.division),
            ("bio", &self.bio),
        ]
    }
    fn static_files(&self) -> Vec<(&'static str, &str)> {
        self.photo.iter().map(|p| ("photo", p.as_str())).collect()
    }
}

impl<T: Record> Records<T> {
    /// The entry with `id`.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.entries.iter().map(|e| &e.value).find(|e| e.id() == id)
    }

    /// Every id, in file order.
    pub fn ids(&self) -> Vec<&str> {
        self.entries.iter().map(|e| e.value.id()).collect()
    }
}

/// An author of a briefing, resolved: the entry's id when it names one.
#[derive(Debug, Clone, PartialEq)]
pub struct Byline {
    /// The id in content/authors.yaml (whose page the name links), if any.
    pub id: Option<String>,
    /// Name, affiliation and bio.
    pub author: Author,
    /// The institution the author works at, per language (an entry's
    /// `affiliation`, not its division), for scholarly metadata.
    pub institution: Localized<String>,
}

/// Loads content/topics.yaml and content/authors.yaml (each may be absent).
pub fn load(root: &Path, config: &SiteConfig) -> Result<Catalog, Vec<Diagnostic>> {
    match load_partial(root, config) {
        (catalog, errors) if errors.is_empty() => Ok(catalog),
        (_, errors) => Err(errors),
    }
}

/// Loads the two files like [`load`], keeping the one that loads when the
/// other has errors (marked `failed`), so that briefings' ids are still
/// checked against it (review editor F7: an error in topics.yaml hid every
/// unknown author id).
pub fn load_partial(root: &Path, config: &SiteConfig) -> (Catalog, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let topics = kept(root, config, "topics.yaml", &mut errors);
    let authors = kept(root, config, "authors.yaml", &mut errors);
    (Catalog { topics, authors }, errors)
}

/// The records of content/`name`, or none, marked `failed`, with its
/// errors added to `errors`.
fn kept<T>(root: &Path, config: &SiteConfig, name: &str, errors: &mut Vec<Diagnostic>) -> Records<T>
where
    T: Record + serde::de::DeserializeOwned,
{
    load_records(root, config, name).unwrap_or_else(|found| {
        errors.extend(found);
        Records {
            file: Path::new("content").join(name),
            entries: Vec::new(),
            failed: true,
        }
    })
}

fn load_records<T>(
    root: &Path,
    config: &SiteConfig,
    name: &str,
) -> Result<Records<T>, Vec<Diagnostic>>
where
    T: Record + serde::de::DeserializeOwned,
{
    let file = Path::new("content").join(name);
    if !root.join(&file).exists() {
        return Ok(Records {
            file,
            entries: Vec::new(),
            failed: false,
        });
    }
    let text = super::load::read_text(root, &file).map_err(|d| vec![d])?;
    let values: Vec<T> = if text.trim().is_empty() {
        Vec::new()
    } else {
        yaml::parse_all(&text, &file, 1, name)?
    };
    let mut lines = super::load::IdLines::new(&text);
    let entries: Vec<Located<T>> = values
        .into_iter()
        .map(|value| {
            let line = lines.next_of(value.id());
            Located { value, line }
        })
        .collect();
    let mut errors = check_records(&entries, &text, &file, config);
    errors.extend(check_static_files(root, &entries, &text, &file));
    if errors.is_empty() {
        Ok(Records {
            file,
            entries,
            failed: false,
        })
    } else {
        Err(errors)
    }
}

/// Ids usable in URLs and unique; only the site's languages as keys.
fn check_records<T: Record>(
    entries: &[Located<T>],
    text: &str,
    file: &Path,
    config: &SiteConfig,
) -> Vec<Diagnostic> {
    let lines = crate::diagnostics::LineIndex::new(text);
    let mut seen = BTreeSet::new();
    let mut errors = Vec::new();
    for entry in entries {
        let id = entry.value.id();
        let from = lines.line_start(entry.line.max(1));
        let at = |key: &str| line_col(text, yaml::find_key(text, from, key).unwrap_or(from));
        let (line, column) = at("id");
        if !super::is_slug(id) {
            errors.push(
                Diagnostic::error(
                    file,
                    line,
                    column,
                    format!("the id \"{id}\" cannot be used in a URL"),
                )
                .with_hint("use lowercase ASCII letters, digits and '-' only, e.g. `central-asia`"),
            );
        } else if !seen.insert(id) {
            errors.push(
                Diagnostic::error(file, line, column, format!("the id \"{id}\" is used twice"))
                    .with_hint("give every entry its own id"),
            );
        }
        for (field, map) in entry.value.localized() {
            let after = yaml::find_key(text, from, field).unwrap_or(from);
            for lang in map.keys() {
                let place = line_col(text, yaml::find_key(text, after, lang).unwrap_or(after));
                errors.extend(super::load::check_language(lang, config, file, place).err());
            }
        }
    }
    errors
}

/// A file an entry names (an author's photo) that is not in the site's
/// static/ is an error at its field: the page would show a broken image.
fn check_static_files<T: Record>(
    root: &Path,
    entries: &[Located<T>],
    text: &str,
    file: &Path,
) -> Vec<Diagnostic> {
    let lines = crate::diagnostics::LineIndex::new(text);
    let mut errors = Vec::new();
    for entry in entries {
        let from = lines.line_start(entry.line.max(1));
        for (field, path) in entry.value.static_files() {
            let relative = path.trim_start_matches('/');
            if root.join("static").join(relative).is_file() {
                continue;
            }
            let at = yaml::find_key(text, from, field).unwrap_or(from);
            let (line, column) = line_col(text, at);
            errors.push(
                Diagnostic::error(
                    file,
                    line,
                    column,
                    format!("the {field} \"{path}\" is not a file of static/"),
                )
                .with_hint(format!(
                    "add static/{relative} (it is published as /{relative}), or correct the path"
                )),
            );
        }
    }
    errors
}

/// The bylines of `meta` and the diagnostics of its `topics:` and
/// `authors:` ids, each at its place in `text` (briefing.yaml): an error for
/// an id `catalog` lacks (unless its file failed to load), a warning for a draft author a published
/// briefing names.
pub fn resolve(
    meta: &BriefingMeta,
    text: &str,
    file: &Path,
    catalog: &Catalog,
) -> (Vec<Byline>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let topics_at = yaml::find_key(text, 0, "topics").unwrap_or(0);
    for id in &meta.topics {
        if catalog.topics.get(id).is_none() && !catalog.topics.failed {
            found.push(unknown(
                ("topic", id),
                place(text, topics_at, id),
                file,
                &catalog.topics,
            ));
        }
    }
    let authors_at = yaml::find_key(text, 0, "authors").unwrap_or(0);
    let mut bylines = Vec::new();
    for author in &meta.authors {
        match author {
            AuthorRef::Inline(author) => bylines.push(Byline {
                id: None,
                author: author.clone(),
                institution: author.affiliation.clone(),
            }),
            AuthorRef::Id(id) => match catalog.authors.get(id) {
                Some(entry) => {
                    if entry.draft && !meta.draft {
                        let at = place(text, authors_at, id);
                        found.push(draft_author(id, at, file, &catalog.authors.file));
                    }
                    bylines.push(Byline {
                        id: (!entry.draft).then(|| id.clone()),
                        author: entry.byline(),
                        institution: entry.affiliation.clone(),
                    })
                }
                None if catalog.authors.failed => {}
                None => found.push(unknown(
                    ("author", id),
                    place(text, authors_at, id),
                    file,
                    &catalog.authors,
                )),
            },
        }
    }
    (bylines, found)
}

/// The warning for a published briefing's author `id` whose entry in
/// `authors` is a draft, as `import` writes it: the byline is not linked
/// and the author gets no page (review editor F1: this was silent).
fn draft_author(
    id: &str,
    (line, column): (usize, usize),
    file: &Path,
    authors: &Path,
) -> Diagnostic {
    Diagnostic::warning(
        file,
        line,
        column,
        format!(
            "the author \"{id}\" is a draft in {}: not published, so the byline does not link to an author page",
            authors.display()
        ),
    )
    .with_hint("review the entry, then delete its `draft: true`")
}

/// The line and column of the first `id` in `text` after byte `from`.
fn place(text: &str, from: usize, id: &str) -> (usize, usize) {
    line_col(text, text[from..].find(id).map_or(from, |i| from + i))
}

fn unknown<T: Record>(
    (kind, id): (&str, &str),
    (line, column): (usize, usize),
    file: &Path,
    records: &Records<T>,
) -> Diagnostic {
    let ids = records.ids();
    let file_name = records.file.display();
    let hint = match yaml::closest(id, &ids) {
        Some(best) => format!("did you mean \"{best}\"?"),
        None if ids.is_empty() => format!("{file_name} has no entries; add one with `id: {id}`"),
        None => format!("add it to {file_name}, or use one of: {}", ids.join(", ")),
    };
    Diagnostic::error(
        file,
        line,
        column,
        format!("there is no {kind} \"{id}\" in {file_name}"),
    )
    .with_hint(hint)
}
