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
    let topics = load_records::<Topic>(root, config, "topics.yaml");
    let authors = load_records::<AuthorEntry>(root, config, "authors.yaml");
    match (topics, authors) {
        (Ok(topics), Ok(authors)) => Ok(Catalog { topics, authors }),
        (topics, authors) => Err([topics.err(), authors.err()]
            .into_iter()
            .flatten()
            .flatten()
            .collect()),
    }
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
        Ok(Records { file, entries })
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
            // `..` would name a file out of static/ (review s10 F5).
            let inside = Path::new(relative)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            if inside && root.join("static").join(relative).is_file() {
                continue;
            }
            let at = yaml::find_key(text, from, field).unwrap_or(from);
            let (line, column) = line_col(text, at);
            let hint = match inside {
                true => format!("add static/{relative} (it is published as /{relative}), or correct the path"),
                false => "write the file's path inside static/, without `.` or `..`, e.g. `/img/name.jpg`".to_string(),
            };
            errors.push(
                Diagnostic::error(
                    file,
                    line,
                    column,
                    format!("the {field} \"{path}\" is not a file of static/"),
                )
                .with_hint(hint),
            );
        }
    }
    errors
}

/// The bylines of `meta` and the errors of its `topics:` and `authors:` ids
/// that `catalog` lacks, each at its place in `text` (briefing.yaml).
pub fn resolve(
    meta: &BriefingMeta,
    text: &str,
    file: &Path,
    catalog: &Catalog,
) -> (Vec<Byline>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let topics_at = yaml::find_key(text, 0, "topics").unwrap_or(0);
    for id in &meta.topics {
        if catalog.topics.get(id).is_none() {
            errors.push(unknown(
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
                Some(entry) => bylines.push(Byline {
                    id: (!entry.draft).then(|| id.clone()),
                    author: entry.byline(),
                    institution: entry.affiliation.clone(),
                }),
                None => errors.push(unknown(
                    ("author", id),
                    place(text, authors_at, id),
                    file,
                    &catalog.authors,
                )),
            },
        }
    }
    (bylines, errors)
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
