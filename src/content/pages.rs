//! Stand-alone pages (`content/pages/<name>.<lang>.md`: About, Contact, …),
//! each published at `/<slug>/` in every language, and the checks of
//! site.yaml's menus, which may name them.

use super::model::{MenuItem, PageFront, SiteConfig};
use super::{files, front_matter};
use crate::diagnostics::Diagnostic;
use crate::yaml;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of the pages, under the site root.
pub const PAGES_DIR: &str = "content/pages";

/// Top-level URL folders the site's own pages use; a page's slug may be
/// none of them, nor a language's URL prefix.
const RESERVED: [&str; 9] = [
    "briefings",
    "glossary",
    "assets",
    "404.html",
    "topics",
    "authors",
    "search",
    "page",
    "pagefind",
];

/// One page, in the languages it is written in.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file name's stem before the language: `about`.
    pub name: String,
    /// The URL folder: front matter's `slug`, else the name.
    pub slug: String,
    /// Its file per language.
    pub files: BTreeMap<String, PageFile>,
}

/// One `<name>.<lang>.md` file.
#[derive(Debug, Clone)]
pub struct PageFile {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Front matter.
    pub front: PageFront,
    /// Markdown after the front matter.
    pub body: String,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

impl Page {
    /// The page's menu weight, from whichever file gives one (the lowest).
    pub fn menu(&self) -> Option<i64> {
        self.files.values().filter_map(|f| f.front.menu).min()
    }
}

/// Loads every page under content/pages/ and checks site.yaml's menus
/// against them: the pages that loaded, and every error.
pub fn load(root: &Path, config: &SiteConfig) -> (Vec<Page>, Vec<Diagnostic>) {
    let (pages, mut errors) = load_pages(root, config);
    let site_yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_default();
    errors.extend(check_menus(config, &site_yaml, &pages));
    (pages, errors)
}

fn load_pages(root: &Path, config: &SiteConfig) -> (Vec<Page>, Vec<Diagnostic>) {
    let mut pages: BTreeMap<String, Page> = BTreeMap::new();
    let mut errors = Vec::new();
    let dir = root.join(PAGES_DIR);
    let entries = files::walk(&dir)
        .filter_map(Result::ok)
        .filter(|e| e.depth() == 1 && e.file_type().is_file());
    for entry in entries {
        let path = Path::new(PAGES_DIR).join(entry.file_name());
        match load_file(root, config, &path) {
            Ok((name, lang, file)) => {
                let page = pages.entry(name.clone()).or_insert_with(|| Page {
                    slug: name.clone(),
                    name,
                    files: BTreeMap::new(),
                });
                page.files.insert(lang, file);
            }
            Err(d) => errors.push(d),
        }
    }
    let prefixes: Vec<String> = config.languages.iter().map(|l| l.to_lowercase()).collect();
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    for page in pages.values_mut() {
        if let Some(slug) = page.files.values().find_map(|f| f.front.slug.clone()) {
            page.slug = slug;
        }
        errors.extend(check_slug(page, &prefixes));
        if let Some(other) = owners.insert(page.slug.clone(), page.name.clone()) {
            errors.extend(page.files.values().next().map(|file| {
                Diagnostic::error(
                    &file.path,
                    2,
                    1,
                    format!("the URL folder \"{}\" is already page {other}'s", page.slug),
                )
                .with_hint("give one of the two pages another `slug:`")
            }));
        }
    }
    (pages.into_values().collect(), errors)
}

fn load_file(
    root: &Path,
    config: &SiteConfig,
    path: &Path,
) -> Result<(String, String, PageFile), Diagnostic> {
    let file_name = path.file_name().unwrap_or_default().to_string_lossy();
    let parsed = file_name
        .strip_suffix(".md")
        .and_then(|stem| stem.rsplit_once('.'))
        .filter(|(name, _)| super::is_slug(name));
    let Some((name, lang)) = parsed else {
        return Err(Diagnostic::error(
            path,
            0,
            0,
            format!("\"{file_name}\" is not a page file name"),
        )
        .with_hint(
            "name pages NAME.LANG.md, e.g. about.en.md (lowercase ASCII letters, digits and '-')",
        ));
    };
    if !config.languages.iter().any(|l| l == lang) {
        return Err(Diagnostic::error(
            path,
            0,
            0,
            format!("\"{lang}\" is not one of the site's languages"),
        )
        .with_hint(format!("site.yaml lists: {}", config.languages.join(", "))));
    }
    let text = std::fs::read_to_string(root.join(path)).map_err(|e| {
        Diagnostic::error(path, 0, 0, format!("cannot read this page: {e}"))
            .with_hint("save the page as UTF-8 text")
    })?;
    let split = front_matter::split(&text, path)?;
    let front: PageFront = yaml::parse(split.yaml, path, 2, "front matter")?;
    let file = PageFile {
        path: path.to_path_buf(),
        front,
        body: split.body.to_string(),
        body_line: split.body_line,
    };
    Ok((name.to_string(), lang.to_string(), file))
}

/// A slug must be usable in a URL and not take a folder the site uses.
fn check_slug(page: &Page, prefixes: &[String]) -> Option<Diagnostic> {
    let file = page.files.values().next()?;
    let taken = RESERVED.contains(&page.slug.as_str()) || prefixes.contains(&page.slug);
    if super::is_slug(&page.slug) && !taken {
        return None;
    }
    Some(
        Diagnostic::error(
            &file.path,
            2,
            1,
            format!("the page's URL folder \"{}\" cannot be used", page.slug),
        )
        .with_hint(format!(
            "use lowercase ASCII letters, digits and '-', other than {} and the languages' URL prefixes ({})",
            RESERVED.join(", "),
            prefixes.join(", ")
        )),
    )
}

/// The site.yaml menu items whose target names neither a page, a fixed
/// target (`home`, `glossary`) nor an absolute URL; each reported at the
/// target in site.yaml's `text`.
fn check_menus(config: &SiteConfig, text: &str, pages: &[Page]) -> Vec<Diagnostic> {
    let names: Vec<&str> = pages.iter().map(|p| p.name.as_str()).collect();
    let mut unknown = Vec::new();
    for items in config.menu.values() {
        for item in items {
            if item.is_url() || MenuItem::FIXED.contains(&item.target.as_str()) {
                continue;
            }
            if names.contains(&item.target.as_str()) {
                continue;
            }
            let at = text
                .find(&format!("target: {}", item.target))
                .map(|i| i + "target: ".len());
            let (line, column) = at.map_or((0, 0), |at| crate::diagnostics::line_col(text, at));
            let mut candidates = names.clone();
            candidates.extend(MenuItem::FIXED);
            let hint = match yaml::closest(&item.target, &candidates) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "a target is `home`, `glossary`, `topics`, `authors`, a page's name under content/pages/ or an http(s) URL".into(),
            };
            unknown.push(
                Diagnostic::error(
                    "site.yaml",
                    line,
                    column,
                    format!(
                        "the menu item \"{}\" leads to no page `{}`",
                        item.label, item.target
                    ),
                )
                .with_hint(hint),
            );
        }
    }
    unknown
}
