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
    /// The line and column of its `slug:` value, if it sets one.
    pub slug_at: Option<(usize, usize)>,
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
    let site_yaml = super::load::read_text(root, Path::new("site.yaml")).unwrap_or_default();
    errors.extend(check_menus(config, &site_yaml, &pages));
    (pages, errors)
}

fn load_pages(root: &Path, config: &SiteConfig) -> (Vec<Page>, Vec<Diagnostic>) {
    let mut pages: BTreeMap<String, Page> = BTreeMap::new();
    let mut errors = Vec::new();
    let dir = root.join(PAGES_DIR);
    let entries = files::walk(&dir)
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !files::is_leftover(&e.file_name().to_string_lossy()));
    for entry in entries {
        let path =
            Path::new(PAGES_DIR).join(entry.path().strip_prefix(&dir).unwrap_or(entry.path()));
        if entry.depth() > 1 {
            errors.push(in_subfolder(&path));
            continue;
        }
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
        errors.extend(conflicting_slugs(page));
        if let Some(slug) = page.files.values().find_map(|f| f.front.slug.clone()) {
            page.slug = slug;
        }
        errors.extend(check_slug(page, &prefixes));
        if let Some(other) = owners.insert(page.slug.clone(), page.name.clone()) {
            let (file, (line, column)) = slug_place(page);
            errors.push(
                Diagnostic::error(
                    &file.path,
                    line,
                    column,
                    format!("the URL folder \"{}\" is already page {other}'s", page.slug),
                )
                .with_hint("give one of the two pages another `slug:`"),
            );
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
    let text = super::load::read_text(root, path)?;
    let split = front_matter::split(&text, path)?;
    let front: PageFront = yaml::parse(split.yaml, path, 2, "front matter")?;
    let file = PageFile {
        path: path.to_path_buf(),
        front,
        body: split.body.to_string(),
        body_line: split.body_line,
        slug_at: slug_value_at(split.yaml),
    };
    Ok((name.to_string(), lang.to_string(), file))
}

/// A slug must be usable in a URL and not take a folder the site uses;
/// reported at the `slug:` that sets it, else at the file, whose name is
/// the folder (review R18, R35: always at line 2).
fn check_slug(page: &Page, prefixes: &[String]) -> Option<Diagnostic> {
    let taken = RESERVED.contains(&page.slug.as_str()) || prefixes.contains(&page.slug);
    if super::is_slug(&page.slug) && !taken {
        return None;
    }
    let (file, (line, column)) = slug_place(page);
    let whose = match file.slug_at {
        Some(_) => "`slug:`",
        None => "the file's name",
    };
    Some(
        Diagnostic::error(
            &file.path,
            line,
            column,
            format!("the page's URL folder \"{}\" (from {whose}) cannot be used", page.slug),
        )
        .with_hint(format!(
            "rename the file or set another `slug:`: lowercase ASCII letters, digits and '-', other than {} and the languages' URL prefixes ({})",
            RESERVED.join(", "),
            prefixes.join(", ")
        )),
    )
}

/// The file whose `slug:` gives the page its folder and that value's
/// line and column; without one, the page's first file at 1:1.
fn slug_place(page: &Page) -> (&PageFile, (usize, usize)) {
    let mut files = page.files.values();
    let first = files.clone().next().expect("a page has at least one file");
    files
        .find_map(|f| Some((f, f.slug_at?)))
        .unwrap_or((first, (1, 1)))
}

/// An error at each `slug:` that differs from the page's first one: the
/// folder is shared by the page's languages (review R28: one of them was
/// ignored without a word).
fn conflicting_slugs(page: &Page) -> Vec<Diagnostic> {
    let mut set = page
        .files
        .values()
        .filter_map(|f| Some((f, f.front.slug.as_deref()?, f.slug_at?)));
    let Some((first, slug, _)) = set.next() else {
        return Vec::new();
    };
    set.filter(|(_, other, _)| *other != slug)
        .map(|(file, other, (line, column))| {
            Diagnostic::error(
                &file.path,
                line,
                column,
                format!(
                    "`slug: {other}` differs from `slug: {slug}` in {}",
                    first.path.display()
                ),
            )
            .with_hint("a page has one URL folder in every language: give its files the same `slug:`, or set it in one file only")
        })
        .collect()
}

/// The error for a file in a subfolder of content/pages/, which is not
/// published (review R35: ignored without a word).
fn in_subfolder(path: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        0,
        0,
        "this file is in a subfolder of content/pages/ and is not published",
    )
    .with_hint("pages are files directly in content/pages/ (NAME.LANG.md); move it there")
}

/// The 1-based line and column of the value of the top-level `slug:` in
/// front matter `yaml`, which starts on the file's line 2.
fn slug_value_at(yaml: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, line)| {
        let value = line.strip_prefix("slug:")?;
        let column = "slug:".len() + value.len() - value.trim_start().len() + 1;
        Some((i + 2, column))
    })
}

/// The site.yaml menu items whose target names neither a page, a fixed
/// target (`home`, `glossary`) nor an absolute URL; each reported at the
/// target in site.yaml's `text`.
fn check_menus(config: &SiteConfig, text: &str, pages: &[Page]) -> Vec<Diagnostic> {
    let names: Vec<&str> = pages.iter().map(|p| p.name.as_str()).collect();
    let mut unknown = Vec::new();
    let menu = yaml::find_key(text, 0, "menu").unwrap_or(0);
    for (lang, items) in &config.menu {
        // Each item is looked for after the one before, in its language's
        // list (review editor F12: two items with one misspelt target were
        // both placed at the first).
        let mut from = yaml::find_key(text, menu, lang).unwrap_or(menu);
        for item in items {
            from += text[from..].find(item.label.as_str()).unwrap_or(0);
            if item.is_url() || MenuItem::FIXED.contains(&item.target.as_str()) {
                continue;
            }
            if names.contains(&item.target.as_str()) {
                continue;
            }
            let at = text[from..]
                .find(&format!("target: {}", item.target))
                .map(|i| from + i + "target: ".len());
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
