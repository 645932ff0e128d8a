//! The content tree as a typed, immutable model: site.yaml, the briefings with
//! their per-language section files, and the glossary. Only [`load`] reads the
//! disk; every later stage works on these values.

pub mod bundle;
pub mod catalog;
mod fields;
pub mod files;
mod front_matter;
mod load;
pub mod model;
pub mod pages;

pub use front_matter::{replace_body, set_field};
pub(crate) use load::is_slug;
pub(crate) use load::parse_section_name;
pub(crate) use load::read_text;
pub use load::{load, load_briefing, load_config, load_glossary, load_partial};

use crate::diagnostics::Diagnostic;
use model::{BriefingMeta, GlossaryEntry, SectionFront, SiteConfig};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Everything the build needs from the content tree.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site root (where site.yaml lives).
    pub root: PathBuf,
    /// Parsed site.yaml.
    pub config: SiteConfig,
    /// Briefings sorted by slug; drafts included (the build filters them).
    pub briefings: Vec<Arc<Briefing>>,
    /// The briefing folders that did not load, by slug (never published).
    pub unloaded: Vec<Unloaded>,
    /// content/glossary.yaml, empty if absent.
    pub glossary: Glossary,
    /// The pages under content/pages/, by name.
    pub pages: Vec<pages::Page>,
    /// content/topics.yaml and content/authors.yaml.
    pub catalog: catalog::Catalog,
}

/// A briefing folder that did not load: its errors, and what of it loaded
/// when its sections can still be checked (every section file and the
/// bundle loaded; the default metadata if briefing.yaml did not). Links to
/// it are not reported as naming nothing: it exists.
#[derive(Debug, Clone)]
pub struct Unloaded {
    /// The folder name.
    pub slug: String,
    /// Why it did not load (moved into the site's errors by `load_partial`).
    pub errors: Vec<Diagnostic>,
    /// The briefing as far as it loaded, whose sections are still checked.
    pub briefing: Option<Box<Briefing>>,
}

/// The glossary file and its entries.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// content/glossary.yaml relative to the root.
    pub file: PathBuf,
    /// Entries in file order, each with the line its `id:` is on.
    pub entries: Vec<Located<GlossaryEntry>>,
    /// What loading found in the definitions that does not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The file's text, to place diagnostics at the values they are about.
    pub text: String,
    /// The file has errors: no entry loaded, and `[[id]]`s and
    /// `@/glossary/<id>` links are not checked against it.
    pub failed: bool,
}

impl Glossary {
    /// The 1-based line and column of the `see_also` item `id` of the entry
    /// that starts on `line`; `(line, 1)` when the text does not show it.
    pub fn see_also_place(&self, line: usize, id: &str) -> (usize, usize) {
        let from = crate::diagnostics::LineIndex::new(&self.text).line_start(line);
        let is_id = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-';
        let bytes = self.text.as_bytes();
        let whole =
            |at: &usize| !is_id(&bytes[at - 1]) && !bytes.get(at + id.len()).is_some_and(is_id);
        let after = self.text[from..].find("see_also").map(|i| from + i);
        after
            .and_then(|after| {
                let found = self.text[after..].match_indices(id);
                found.map(|(i, _)| after + i).find(whole)
            })
            .map_or((line, 1), |at| crate::diagnostics::line_col(&self.text, at))
    }

    /// The 1-based line and column of the key `key` of the entry that
    /// starts on `line`; `(line, 1)` when the text does not show it.
    pub fn key_place(&self, line: usize, key: &str) -> (usize, usize) {
        let from = crate::diagnostics::LineIndex::new(&self.text).line_start(line);
        crate::yaml::find_key(&self.text, from, key)
            .map_or((line, 1), |at| crate::diagnostics::line_col(&self.text, at))
    }
}

/// A value with the 1-based line in its file where it starts.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line number.
    pub line: usize,
}

/// One briefing: a folder under content/briefings/.
#[derive(Debug, Clone)]
pub struct Briefing {
    /// The folder name; used in URLs.
    pub slug: String,
    /// briefing.yaml relative to the root.
    pub meta_file: PathBuf,
    /// Parsed briefing.yaml.
    pub meta: BriefingMeta,
    /// Its authors, with those named by id resolved.
    pub bylines: Vec<catalog::Byline>,
    /// The language the briefing was written in: the site's default
    /// language if the briefing has text in it, else the first site
    /// language it has.
    pub original: String,
    /// Sections in `NN` order, each with a file in the original language.
    pub sections: Vec<Section>,
    /// Translation files with no original (reported, never published).
    pub orphans: Vec<Section>,
    /// What loading found in briefing.yaml that does not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The other files of the folder, published beside its page, by name.
    pub bundle: Vec<bundle::BundleFile>,
}

impl Briefing {
    /// The bundle file called `name`, as written or percent-encoded
    /// (`%E5%9C%96%202.png` names `圖 2.png`).
    pub fn bundle_file(&self, name: &str) -> Option<&bundle::BundleFile> {
        let decoded = percent_encoding::percent_decode_str(name)
            .decode_utf8()
            .ok();
        let named =
            |f: &&bundle::BundleFile| f.name == name || decoded.as_deref() == Some(f.name.as_str());
        self.bundle.iter().find(named)
    }
}

/// A top-level section, present in one or more languages.
#[derive(Debug, Clone)]
pub struct Section {
    /// The `NN` prefix: reading order.
    pub number: u32,
    /// The name after `NN-`; also the section's heading id.
    pub id: String,
    /// The section's file per language.
    pub files: BTreeMap<String, SectionFile>,
    /// Per translation language with a file: how it stands against the original.
    pub tracking: BTreeMap<String, crate::translation::Tracking>,
}

/// One `NN-<name>.<lang>.md` file.
#[derive(Debug, Clone)]
pub struct SectionFile {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Front matter.
    pub front: SectionFront,
    /// Markdown after the front matter.
    pub body: String,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
    /// 1-based line of `translated_from:` in the front matter, 0 if none.
    pub origin_line: usize,
}

impl Briefing {
    /// The sections' files in the original language, in reading order.
    pub fn originals(&self) -> impl Iterator<Item = (&Section, &SectionFile)> {
        self.sections
            .iter()
            .filter_map(|s| Some((s, s.files.get(&self.original)?)))
    }

    /// The site languages this briefing is published in: all of them, less
    /// those site.yaml holds back (`incomplete_editions: {en: hold}`) that
    /// it is not fully translated into.
    pub fn editions(&self, config: &SiteConfig) -> Vec<String> {
        config
            .languages
            .iter()
            .filter(|l| {
                config.incomplete_editions.get(*l) != Some(&model::EditionPolicy::Hold)
                    || self.is_complete_in(l)
            })
            .cloned()
            .collect()
    }

    /// True when every section has a file in `lang`.
    pub fn is_complete_in(&self, lang: &str) -> bool {
        self.sections.iter().all(|s| s.files.contains_key(lang))
    }
}
