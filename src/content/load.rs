//! Reading the content tree from disk into the [`Site`] model. Files are read
//! and parsed in parallel; every problem found becomes a diagnostic, and all
//! of them are reported together.

use super::catalog::{self, Catalog};
use super::model::{BriefingMeta, GlossaryEntry, SectionFront, SiteConfig};
use super::Unloaded;
use super::{bundle, fields, files, front_matter, pages};
use super::{Briefing, Glossary, Located, Section, SectionFile, Site};
use crate::diagnostics::{Diagnostic, Failure};
use crate::{translation, yaml};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

/// Reads and validates `<root>/site.yaml`.
pub fn load_config(root: &Path) -> Result<SiteConfig, Diagnostic> {
    let file = Path::new("site.yaml");
    let text = read_text(root, file)?;
    let mut config: SiteConfig = yaml::parse(&text, file, 1, "site.yaml")?;
    validate_config(&mut config, file, &text)?;
    Ok(config)
}

fn validate_config(config: &mut SiteConfig, file: &Path, text: &str) -> Result<(), Diagnostic> {
    check_language_tags(&config.languages, file, text)?;
    let value_of = |key: &str| {
        yaml::find_value(text, 0, key).map_or((0, 0), |at| crate::diagnostics::line_col(text, at))
    };
    if config.languages.is_empty() {
        let (line, column) = value_of("languages");
        return Err(
            Diagnostic::error(file, line, column, "`languages` is empty")
                .with_hint("list at least one language, e.g. `languages: [zh-Hant, en]`"),
        );
    }
    if !config.languages.contains(&config.default_language) {
        let (line, column) = value_of("default_language");
        return Err(Diagnostic::error(
            file,
            line,
            column,
            format!(
                "the default language \"{}\" is not in `languages`",
                config.default_language
            ),
        )
        .with_hint(format!(
            "add it to `languages` or choose one of: {}",
            config.languages.join(", ")
        )));
    }
    let url = &config.base_url;
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    if host.is_none_or(|h| h.is_empty() || h.starts_with('/')) {
        let (line, column) = value_of("base_url");
        return Err(Diagnostic::error(
            file,
            line,
            column,
            format!("`base_url` \"{url}\" is not an absolute http(s) URL"),
        )
        .with_hint(
            "write it like `https://briefings.example.org/` (a subpath such as /portal/ is fine)",
        ));
    }
    let url = url.clone();
    config.set_base_url(&url);
    check_publisher_url(config, file, text)?;
    check_theme(config, file, text)?;
    check_edition_languages(config, file, text)
}

/// `theme:` names a folder under themes/: a path elsewhere (`../x`,
/// `/tmp/x`) would make a folder out of the site an input the output guard
/// does not know (review s10 F12).
fn check_theme(config: &SiteConfig, file: &Path, text: &str) -> Result<(), Diagnostic> {
    let name = &config.theme;
    let mut parts = Path::new(name).components();
    let plain = matches!(parts.next(), Some(std::path::Component::Normal(_)))
        && parts.next().is_none()
        && !name.contains(['/', '\\']);
    if plain {
        return Ok(());
    }
    let at = yaml::find_value(text, 0, "theme");
    let (line, column) = at.map_or((0, 0), |at| crate::diagnostics::line_col(text, at));
    Err(Diagnostic::error(
        file,
        line,
        column,
        format!("`theme: {name}` is not the name of a folder under themes/"),
    )
    .with_hint("write a folder name such as `theme: default`; to use a theme from elsewhere, copy it into themes/"))
}

/// Every language `incomplete_editions` names must be one of the site's
/// (review R24: a typo such as `En` was ignored and the edition published).
fn check_edition_languages(config: &SiteConfig, file: &Path, text: &str) -> Result<(), Diagnostic> {
    let languages: Vec<&str> = config.languages.iter().map(String::as_str).collect();
    let Some(unknown) = config
        .incomplete_editions
        .keys()
        .find(|l| !languages.contains(&l.as_str()))
    else {
        return Ok(());
    };
    let at = yaml::find_value(text, 0, "incomplete_editions")
        .and_then(|from| text[from..].find(unknown.as_str()).map(|i| from + i));
    let (line, column) = at.map_or((0, 0), |at| crate::diagnostics::line_col(text, at));
    let hint = match yaml::closest(unknown, &languages) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("site.yaml lists: {}", languages.join(", ")),
    };
    Err(Diagnostic::error(
        file,
        line,
        column,
        format!(
            "`incomplete_editions` names \"{unknown}\", which is not one of the site's languages"
        ),
    )
    .with_hint(hint))
}

/// The publisher's URL is linked on every page: only http(s) (review R19:
/// `javascript:` was accepted and became the footer link).
fn check_publisher_url(config: &SiteConfig, file: &Path, text: &str) -> Result<(), Diagnostic> {
    let Some(url) = config.publisher.as_ref().and_then(|p| p.url.as_deref()) else {
        return Ok(());
    };
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Ok(());
    }
    let at = yaml::find_value(text, 0, "publisher")
        .and_then(|from| text[from..].find("url:").map(|i| from + i + "url:".len()));
    let (line, column) = at.map_or((0, 0), |at| crate::diagnostics::line_col(text, at));
    Err(Diagnostic::error(
        file,
        line,
        column,
        format!("the publisher's `url` \"{url}\" is not an http(s) address"),
    )
    .with_hint("write the publisher's home page like `https://www.example.org/`"))
}

/// Every code in `languages` must be a BCP 47 tag: it becomes a URL
/// prefix, a file name part and a `lang` attribute.
fn check_language_tags(languages: &[String], file: &Path, text: &str) -> Result<(), Diagnostic> {
    let Some(bad) = languages.iter().find(|l| !crate::i18n::is_language_tag(l)) else {
        return Ok(());
    };
    let after = text.find("languages").unwrap_or(0);
    let at = text[after..].find(bad.as_str()).map_or(0, |i| after + i);
    let (line, column) = crate::diagnostics::line_col(text, at);
    Err(Diagnostic::error(
        file,
        line,
        column,
        format!("the language code \"{bad}\" in `languages` is not a BCP 47 language tag"),
    )
    .with_hint(
        "write codes like `zh-Hant`, `en` or `pt-BR`: letters and digits in subtags joined by '-'",
    ))
}

/// Loads the whole content tree under `root`, reporting every problem at once.
pub fn load(root: &Path) -> Result<Site, Failure> {
    match load_partial(root)? {
        (site, errors) if errors.is_empty() => Ok(site),
        (_, errors) => Err(Failure(errors)),
    }
}

/// Loads what of the content tree under `root` loads: the site with the
/// briefings (and glossary) that loaded, and the errors of the rest, sorted
/// by place. Fails only when site.yaml or content/ cannot be read.
pub fn load_partial(root: &Path) -> Result<(Site, Vec<Diagnostic>), Failure> {
    let config = load_config(root)?;
    let listing = list_content(root)?;
    let glossary = load_glossary(root);
    let mut errors = listing.errors;
    let (catalog, catalog_errors) = catalog::load_partial(root, &config);
    errors.extend(catalog_errors);
    let briefings: Vec<Result<Briefing, Unloaded>> = listing
        .slugs
        .into_par_iter()
        .map(|slug| load_checkable(root, &config, Some(&catalog), &slug))
        .collect();
    let (pages, page_errors) = pages::load(root, &config);
    errors.extend(page_errors);
    let glossary = glossary.unwrap_or_else(|ds| {
        errors.extend(ds);
        Glossary {
            file: Path::new("content").join("glossary.yaml"),
            failed: true,
            ..Glossary::default()
        }
    });
    let mut loaded = Vec::new();
    let mut unloaded = Vec::new();
    for b in briefings {
        match b {
            Ok(b) => loaded.push(Arc::new(b)),
            Err(mut u) => {
                errors.append(&mut u.errors);
                unloaded.push(u);
            }
        }
    }
    errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    let site = Site {
        root: root.to_path_buf(),
        config,
        briefings: loaded,
        unloaded,
        glossary,
        pages,
        catalog,
    };
    Ok((site, errors))
}

/// The briefing folders of content/briefings, by name.
struct Listing {
    slugs: Vec<String>,
    errors: Vec<Diagnostic>,
}

fn list_content(root: &Path) -> Result<Listing, Diagnostic> {
    let base = root.join("content").join("briefings");
    if !base.is_dir() {
        return Ok(Listing {
            slugs: Vec::new(),
            errors: Vec::new(),
        });
    }
    let content_dir = content_dir(root)?;
    let (found, errors) = entries(root, &base);
    let mut listing = Listing {
        slugs: Vec::new(),
        errors,
    };
    for entry in found {
        if entry.path_is_symlink() && !points_inside(entry.path(), &content_dir) {
            listing.errors.push(symlink_out(root, entry.path()));
        } else if entry.file_type().is_dir() || entry.path().is_dir() {
            listing
                .slugs
                .push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    Ok(listing)
}

/// The files of one briefing folder, relative to the root.
fn list_briefing(root: &Path, slug: &str) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let dir = root.join("content").join("briefings").join(slug);
    let content_dir = content_dir(root).map_err(|d| vec![d])?;
    let (found, mut errors) = entries(root, &dir);
    let mut files = Vec::new();
    for entry in found {
        if entry.path_is_symlink() && !points_inside(entry.path(), &content_dir) {
            errors.push(symlink_out(root, entry.path()));
        } else {
            files.push(relative(root, entry.path()));
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// The entries directly inside `dir` in name order, skipping hidden names
/// (editors' swap and lock files such as `.#01-intro.en.md`), and a
/// diagnostic for each entry that cannot be read.
fn entries(root: &Path, dir: &Path) -> (Vec<walkdir::DirEntry>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for entry in WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if files::is_hidden(&e.file_name().to_string_lossy()) => {}
            Ok(e) => found.push(e),
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| PathBuf::from("content/briefings"));
                errors.push(Diagnostic::error(
                    path,
                    0,
                    0,
                    format!("cannot read this folder: {e}"),
                ));
            }
        }
    }
    (found, errors)
}

fn content_dir(root: &Path) -> Result<PathBuf, Diagnostic> {
    root.join("content")
        .canonicalize()
        .map_err(|e| io_error(Path::new("content"), &e))
}

fn symlink_out(root: &Path, path: &Path) -> Diagnostic {
    Diagnostic::error(
        relative(root, path),
        0,
        0,
        "this symbolic link points outside content/",
    )
    .with_hint("copy the file into content/ instead of linking to it")
}

fn points_inside(path: &Path, dir: &Path) -> bool {
    path.canonicalize().is_ok_and(|p| p.starts_with(dir))
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Loads the briefing in content/briefings/<slug> (a folder that exists),
/// resolving its topic and author ids against `catalog` (not checked when
/// `None`: the catalog itself has errors); used on its own by `serve` to
/// reload just the briefing that changed.
pub fn load_briefing(
    root: &Path,
    config: &SiteConfig,
    catalog: Option<&Catalog>,
    slug: &str,
) -> Result<Briefing, Vec<Diagnostic>> {
    load_checkable(root, config, catalog, slug).map_err(|u| u.errors)
}

/// Loads a briefing like [`load_briefing`]; one with errors keeps what
/// loaded for its sections to be checked when every section file and the
/// bundle loaded (review editor F7: a bad `date:` hid the sections' errors).
fn load_checkable(
    root: &Path,
    config: &SiteConfig,
    catalog: Option<&Catalog>,
    slug: &str,
) -> Result<Briefing, Unloaded> {
    let unloaded = |errors| Unloaded {
        slug: slug.to_string(),
        errors,
        briefing: None,
    };
    let dir = Path::new("content").join("briefings").join(slug);
    let files = list_briefing(root, slug).map_err(unloaded)?;
    let mut errors = Vec::new();
    if !is_slug(slug) {
        errors.push(
            Diagnostic::error(
                &dir,
                0,
                0,
                format!("the folder name \"{slug}\" cannot be used in a URL"),
            )
            .with_hint("rename the folder using lowercase ASCII letters, digits and '-' only"),
        );
    }
    let meta_file = dir.join("briefing.yaml");
    let conflicts = import_conflicts(root, &files, &meta_file);
    if !conflicts.is_empty() {
        return Err(unloaded(conflicts));
    }
    let meta = if files.contains(&meta_file) {
        read_text(root, &meta_file)
            .map_err(|d| vec![d])
            .and_then(|t| {
                let meta = yaml::parse_all::<BriefingMeta>(&t, &meta_file, 1, "briefing.yaml")?;
                let mut found = check_meta(&meta, &t, &meta_file, config);
                found.extend(fields::briefing(&meta, &t, &meta_file));
                found.extend(check_pdf(&meta, &t, &meta_file, &files));
                found.extend(check_doi(&meta, &t, &meta_file));
                let (bylines, ids) = match catalog {
                    Some(catalog) => catalog::resolve(&meta, &t, &meta_file, catalog),
                    None => (Vec::new(), Vec::new()),
                };
                found.extend(ids);
                Ok((meta, bylines, found))
            })
    } else {
        Err(vec![Diagnostic::error(
            &dir,
            0,
            0,
            "this briefing folder has no briefing.yaml",
        )
        .with_hint(
            "create briefing.yaml with at least a `title:` per language",
        )])
    };
    let section_files: Vec<_> = files
        .par_iter()
        .filter(|f| **f != meta_file)
        .filter_map(|f| load_section_file(root, config, f))
        .collect();
    let mut sections: BTreeMap<(u32, String), Section> = BTreeMap::new();
    // Without a section file its notes are unknown, without the bundle
    // its files: checking the rest would report errors that are not there.
    let mut checkable = true;
    for result in section_files {
        match result {
            Ok((number, id, lang, file)) => {
                let section = sections
                    .entry((number, id.clone()))
                    .or_insert_with(|| Section {
                        number,
                        id,
                        files: BTreeMap::new(),
                        tracking: BTreeMap::new(),
                    });
                section.files.insert(lang, file);
            }
            Err(ds) => {
                checkable = false;
                errors.extend(ds);
            }
        }
    }
    let bundle = bundle::load(root, &files).unwrap_or_else(|ds| {
        checkable = false;
        errors.extend(ds);
        Vec::new()
    });
    let mut tracked = tracked_sections(root, config, slug, sections.into_values().collect());
    errors.append(&mut tracked.errors);
    // Orphan translations are not published, so their numbers are free
    // (review s10 editor F30: a re-import that dropped a chapter moved the
    // next one onto its translation's number, and the site stopped building).
    check_unique_numbers(&tracked.sections, &dir, &mut errors);
    let (meta, bylines, warnings) = match meta {
        Ok((meta, bylines, found)) => {
            let (found_errors, mut warnings): (Vec<_>, Vec<_>) =
                found.into_iter().partition(|d| d.is_error());
            warnings.extend(tracked.warnings);
            errors.extend(found_errors);
            (meta, bylines, warnings)
        }
        Err(ds) => {
            errors.extend(ds);
            (BriefingMeta::default(), Vec::new(), tracked.warnings)
        }
    };
    let briefing = Briefing {
        slug: slug.to_string(),
        meta_file,
        meta,
        bylines,
        original: tracked.original,
        sections: tracked.sections,
        orphans: tracked.orphans,
        warnings,
        bundle,
    };
    match errors.is_empty() {
        true => Ok(briefing),
        false => Err(Unloaded {
            slug: slug.to_string(),
            errors,
            briefing: checkable.then(|| Box::new(briefing)),
        }),
    }
}

/// `pdf:` must name a file of the briefing's folder that is published.
fn check_pdf(
    meta: &BriefingMeta,
    text: &str,
    file: &Path,
    files: &[PathBuf],
) -> Option<Diagnostic> {
    let name = meta.pdf.as_deref()?;
    let published =
        |f: &PathBuf| f.file_name().is_some_and(|n| n == name) && bundle::is_bundle_file(name);
    if files.iter().any(published) {
        return None;
    }
    let (line, column) = crate::yaml::find_key(text, 0, "pdf")
        .map_or((1, 1), |at| crate::diagnostics::line_col(text, at));
    let hint = match name == bundle::IMPORT_SOURCE || !bundle::is_bundle_file(name) {
        true => "`pdf:` names the paper's PDF; briefing.yaml, section files and source.txt are not published".to_string(),
        false => format!("put {name} in {} or correct the name", file.parent().unwrap_or(file).display()),
    };
    Some(
        Diagnostic::error(
            file,
            line,
            column,
            format!("`pdf: {name}` names no file of this briefing's folder"),
        )
        .with_hint(hint),
    )
}

/// `doi:` must be a bare DOI (`10.<registrant>/<suffix>`): citations and
/// metadata add `https://doi.org/` themselves.
fn check_doi(meta: &BriefingMeta, text: &str, file: &Path) -> Option<Diagnostic> {
    let doi = meta.doi.as_deref()?;
    let bare = doi
        .strip_prefix("10.")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(registrant, suffix)| {
            !registrant.is_empty() && !suffix.is_empty() && !doi.contains(char::is_whitespace)
        });
    if bare {
        return None;
    }
    let (line, column) = crate::yaml::find_key(text, 0, "doi")
        .map_or((1, 1), |at| crate::diagnostics::line_col(text, at));
    let hint = match doi.rsplit_once("doi.org/") {
        Some((_, bare)) => format!("write the DOI alone: `doi: {bare}`"),
        None => "a DOI starts with `10.` and has a `/`, e.g. `doi: 10.1234/abc.2023`".to_string(),
    };
    Some(
        Diagnostic::error(file, line, column, format!("`doi: {doi}` is not a DOI")).with_hint(hint),
    )
}

/// A briefing's sections sorted out by the original language: those it
/// publishes (each translation tracked against its original), orphans, the
/// warnings about both, and the errors of the snapshots tracking reads.
struct Tracked {
    original: String,
    sections: Vec<Section>,
    orphans: Vec<Section>,
    warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
}

fn tracked_sections(root: &Path, config: &SiteConfig, slug: &str, all: Vec<Section>) -> Tracked {
    let original = original_language(&all, &config.default_language, &config.languages);
    let (mut sections, orphans, mut warnings) = translation::split_orphans(all, &original);
    let mut errors = Vec::new();
    for section in &mut sections {
        let source = &section.files[&original];
        section.tracking = section
            .files
            .iter()
            .filter(|(lang, _)| **lang != original)
            .map(|(lang, file)| (lang.clone(), track(root, source, file, &mut errors)))
            .collect();
    }
    warnings.extend(translation::outdated_warnings(&sections, &original, slug));
    Tracked {
        original,
        sections,
        orphans,
        warnings,
        errors,
    }
}

/// [`translation::track`], once the snapshot it reads whole passes the rule
/// of every text input ([`read_text`]): one that does not (a link to
/// /dev/zero or out of the site) is an error at the snapshot, and what
/// changed is unknown (review s10 F4).
fn track(
    root: &Path,
    source: &SectionFile,
    file: &SectionFile,
    errors: &mut Vec<Diagnostic>,
) -> translation::Tracking {
    let from = file.front.translated_from.as_deref();
    let read = from.filter(|from| *from != translation::digest(source));
    let snapshot = read.map(|from| translation::snapshot_path(Path::new(""), from));
    let present = |s: &PathBuf| root.join(s).symlink_metadata().is_ok();
    match snapshot.filter(present).map(|s| read_text(root, &s)) {
        Some(Err(error)) => {
            errors.push(error);
            translation::Tracking::Outdated(translation::Outdated { changes: None })
        }
        _ => translation::track(root, source, file),
    }
}

/// The language a briefing was written in: the site's default language if
/// it has text in it, else the first site language that it has.
fn original_language(sections: &[Section], default: &str, languages: &[String]) -> String {
    let has = |l: &str| sections.iter().any(|s| s.files.contains_key(l));
    if has(default) || sections.is_empty() {
        return default.to_string();
    }
    languages
        .iter()
        .find(|l| has(l))
        .cloned()
        .unwrap_or_else(|| default.to_string())
}

/// A title, and only the site's languages as keys of the per-language
/// fields, each wrong one reported at its key in `text`.
fn check_meta(
    meta: &BriefingMeta,
    text: &str,
    file: &Path,
    config: &SiteConfig,
) -> Vec<Diagnostic> {
    if meta.title.is_empty() {
        return vec![Diagnostic::error(file, 1, 1, "the briefing has no title")
            .with_hint("add `title: { zh-Hant: …, en: … }`")];
    }
    let fields = [
        ("title", meta.title.keys().collect::<Vec<_>>()),
        ("keywords", meta.keywords.keys().collect()),
        ("abstract", meta.abstract_.keys().collect()),
        ("summary", meta.summary.keys().collect()),
    ];
    let mut found = Vec::new();
    for (field, langs) in fields {
        let after = yaml::find_key(text, 0, field).unwrap_or(0);
        for lang in langs {
            let at = yaml::find_key(text, after, lang).unwrap_or(after);
            let (line, column) = crate::diagnostics::line_col(text, at);
            found.extend(check_language(lang, config, file, (line, column)).err());
        }
    }
    found
}

pub(super) fn check_language(
    lang: &str,
    config: &SiteConfig,
    file: &Path,
    (line, column): (usize, usize),
) -> Result<(), Diagnostic> {
    if config.languages.iter().any(|l| l == lang) {
        return Ok(());
    }
    let known: Vec<&str> = config.languages.iter().map(String::as_str).collect();
    let hint = match yaml::closest(lang, &known) {
        Some(best) => format!("did you mean \"{best}\"?"),
        None => format!("site.yaml lists: {}", known.join(", ")),
    };
    Err(Diagnostic::error(
        file,
        line,
        column,
        format!("\"{lang}\" is not one of the site's languages"),
    )
    .with_hint(hint))
}

fn check_unique_numbers(sections: &[Section], dir: &Path, errors: &mut Vec<Diagnostic>) {
    let mut names: BTreeMap<&str, u32> = BTreeMap::new();
    for Section { number, id, .. } in sections {
        // The name is the section's id on the page (review s10 attacker
        // F14: two `conclusion` sections gave the page duplicate ids).
        if let Some(other) = names.insert(id, *number) {
            errors.push(
                Diagnostic::error(
                    dir,
                    0,
                    0,
                    format!("two sections share the name \"{id}\": {other:02}-{id} and {number:02}-{id}"),
                )
                .with_hint("give every section its own name: it is the section's id in the page's address"),
            );
        }
    }
    let mut seen: BTreeMap<u32, &str> = BTreeMap::new();
    for Section { number, id, .. } in sections {
        if let Some(other) = seen.insert(*number, id) {
            errors.push(
                Diagnostic::error(
                    dir,
                    0,
                    0,
                    format!("two sections share the number {number:02}: \"{other}\" and \"{id}\""),
                )
                .with_hint("give every section its own NN prefix, the same in every language"),
            );
        }
    }
}

type LoadedSection = (u32, String, String, SectionFile);

/// Loads one file of a briefing folder; `None` for files the build ignores.
fn load_section_file(
    root: &Path,
    config: &SiteConfig,
    path: &Path,
) -> Option<Result<LoadedSection, Vec<Diagnostic>>> {
    let name = path.file_name()?.to_string_lossy();
    if !files::is_section_file(&name) {
        return None; // source.txt, images and other companions are not sections
    }
    Some(parse_section_file(root, config, path, &name))
}

fn parse_section_file(
    root: &Path,
    config: &SiteConfig,
    path: &Path,
    name: &str,
) -> Result<LoadedSection, Vec<Diagnostic>> {
    let (number, id, lang) = parse_section_name(name).ok_or_else(|| {
        Diagnostic::error(path, 0, 0, format!("\"{name}\" is not a section file name"))
            .with_hint("name section files NN-name.LANG.md, e.g. 02-trade.en.md (ASCII letters, digits and '-')")
    }).map_err(|d| vec![d])?;
    check_language(&lang, config, path, (0, 0)).map_err(|d| vec![d])?;
    let text = read_text(root, path).map_err(|d| vec![d])?;
    let split = front_matter::split(&text, path).map_err(|d| vec![d])?;
    let front: SectionFront = yaml::parse_all(split.yaml, path, 2, "front matter")?;
    if front.title.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            path,
            2,
            1,
            "the section title is empty",
        )
        .with_hint("write the section's heading after `title:`")]);
    }
    let origin_line = yaml::find_key(split.yaml, 0, "translated_from")
        .map_or(0, |at| crate::diagnostics::line_col(split.yaml, at).0 + 1);
    let file = SectionFile {
        path: path.to_path_buf(),
        front,
        body: split.body.to_string(),
        body_line: split.body_line,
        origin_line,
    };
    Ok((number, id, lang, file))
}

/// The conflict markers a re-import with `--conflict-markers` left in the
/// briefing's `files` (briefing.yaml, `meta_file`, and the section files,
/// front matter included): an error at each conflict, all reported
/// together rather than as the YAML errors they would cause
/// (review R9: a marker in briefing.yaml was a YAML error at the wrong line,
/// and hid the markers in the sections).
fn import_conflicts(root: &Path, files: &[PathBuf], meta_file: &Path) -> Vec<Diagnostic> {
    let text_file = |f: &&PathBuf| {
        *f == meta_file
            || f.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(files::is_section_file)
    };
    files
        .iter()
        .filter(text_file)
        .filter_map(|f| read_text(root, f).ok().map(|text| (f, text)))
        .flat_map(|(f, text)| crate::import::unresolved_conflict(f, &text))
        .collect()
}

/// Parses `NN-name.lang.md` into (NN, name, lang).
pub(crate) fn parse_section_name(name: &str) -> Option<(u32, String, String)> {
    let stem = name.strip_suffix(".md")?;
    let (base, lang) = stem.rsplit_once('.')?;
    let (number, id) = base.split_once('-')?;
    let valid_lang =
        !lang.is_empty() && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (number.len() >= 2 && number.bytes().all(|b| b.is_ascii_digit()) && is_slug(id) && valid_lang)
        .then(|| (number.parse().ok(), id.to_string(), lang.to_string()))
        .and_then(|(n, id, lang)| Some((n?, id, lang)))
}

/// The one rule for names used in URLs (briefing folders, section ids,
/// glossary ids, slugs `new` and `import` accept): non-empty lowercase ASCII
/// `[a-z0-9-]`, not starting or ending with `-` (which also rules out `..`,
/// `/` and absolute paths).
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Loads content/glossary.yaml (an empty glossary if the file is absent),
/// or reports every problem its text has.
pub fn load_glossary(root: &Path) -> Result<Glossary, Vec<Diagnostic>> {
    let file = Path::new("content").join("glossary.yaml");
    if !root.join(&file).exists() {
        return Ok(Glossary {
            file,
            ..Glossary::default()
        });
    }
    let text = read_text(root, &file).map_err(|d| vec![d])?;
    let entries: Vec<GlossaryEntry> = if text.trim().is_empty() {
        Vec::new()
    } else {
        yaml::parse_all(&text, &file, 1, "the glossary")?
    };
    let mut lines = IdLines::new(&text);
    let located: Vec<_> = entries
        .into_iter()
        .map(|value| {
            let line = lines.next_of(&value.id);
            Located { value, line }
        })
        .collect();
    let (errors, warnings): (Vec<_>, Vec<_>) = fields::glossary(&located, &text, &file)
        .into_iter()
        .partition(|d| d.is_error());
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Glossary {
        file,
        entries: located,
        warnings,
        text,
        failed: false,
    })
}

/// The lines of a glossary file that hold `id: <id>`, found in one pass, so
/// that locating every entry takes time linear in the file's size.
pub(super) struct IdLines<'t> {
    /// id → its 1-based lines, in file order; the front is the next unused.
    lines: HashMap<&'t str, VecDeque<usize>>,
    /// The line of the last entry located: entries come in file order.
    last: usize,
}

impl<'t> IdLines<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let mut lines: HashMap<&str, VecDeque<usize>> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start().trim_start_matches('-').trim_start();
            if let Some(value) = line.strip_prefix("id:") {
                let id = value.trim().trim_matches(|c| c == '"' || c == '\'');
                lines.entry(id).or_default().push_back(i + 1);
            }
        }
        IdLines { lines, last: 0 }
    }

    /// The 1-based line of the next `id: <id>` after the last entry located,
    /// or 0 when the file has none (e.g. an entry in flow style).
    pub(super) fn next_of(&mut self, id: &str) -> usize {
        let Some(lines) = self.lines.get_mut(id) else {
            return 0;
        };
        while lines.front().is_some_and(|&l| l <= self.last) {
            lines.pop_front();
        }
        match lines.pop_front() {
            Some(line) => {
                self.last = line;
                line
            }
            None => 0,
        }
    }
}

/// The most bytes a text input (YAML, Markdown, a template, a snapshot) may
/// hold: far more than any real one, so that a link to an endless or huge
/// file is an error, not a read until memory runs out (review s10 F4).
pub(crate) const MAX_TEXT_BYTES: u64 = 64 << 20;

/// Reads a file of the site as UTF-8 without a byte-order mark, turning I/O
/// and encoding problems into diagnostics. The one rule for every text
/// input: a regular file, inside the site folder (see [`check_input`]), of
/// at most [`MAX_TEXT_BYTES`].
pub(crate) fn read_text(root: &Path, file: &Path) -> Result<String, Diagnostic> {
    check_input(root, file)?;
    read_named_text(root, file)
}

/// [`read_text`] for a file that may lie outside the site (a paper or an
/// XLIFF file named on the command line, or one a code frame shows): a
/// regular file of at most [`MAX_TEXT_BYTES`], wherever it is.
pub(crate) fn read_named_text(root: &Path, file: &Path) -> Result<String, Diagnostic> {
    let bytes = read_regular(root, file, MAX_TEXT_BYTES)?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let text = String::from_utf8_lossy(&bytes[..valid]);
        let (line, column) = crate::diagnostics::line_col(&text, valid);
        Diagnostic::error(file, line, column, "this file is not valid UTF-8 text")
            .with_hint("save the file with UTF-8 encoding")
    })?;
    let bom = text.len() - files::without_bom(&text).len();
    text.drain(..bom);
    Ok(text)
}

/// An error unless `root/file`, its symbolic links followed, lies inside the
/// site folder: a link out of it is refused as a section's link out of
/// content/ is, whatever it points at. A theme's file may lie wherever the
/// site's `themes/` folder leads (a shared theme checkout linked in).
fn check_input(root: &Path, file: &Path) -> Result<(), Diagnostic> {
    let base = match file.starts_with("themes") {
        true => root.join("themes"),
        false => root.to_path_buf(),
    };
    let site = base.canonicalize().map_err(|e| io_error(file, &e))?;
    let real = root
        .join(file)
        .canonicalize()
        .map_err(|e| io_error(file, &e))?;
    if real.starts_with(&site) {
        return Ok(());
    }
    Err(Diagnostic::error(
        file,
        0,
        0,
        "this symbolic link points outside the site folder",
    )
    .with_hint("copy the file into the site instead of linking to it"))
}

/// The bytes of a file of the site published as it is (a static file): a
/// regular file inside the site folder, of any size.
pub(crate) fn read_bytes(root: &Path, file: &Path) -> Result<Vec<u8>, Diagnostic> {
    check_input(root, file)?;
    read_regular(root, file, u64::MAX)
}

/// The bytes of `root/file` when it is a regular file of at most `limit`
/// bytes (a device such as /dev/zero, a pipe or a bigger file is an error,
/// read no further than the limit).
fn read_regular(root: &Path, file: &Path, limit: u64) -> Result<Vec<u8>, Diagnostic> {
    let path = root.join(file);
    let meta = std::fs::metadata(&path).map_err(|e| io_error(file, &e))?;
    if !meta.is_file() {
        return Err(Diagnostic::error(
            file,
            0,
            0,
            "cannot read this file: it is not a regular file but a folder, a device or a pipe",
        )
        .with_hint("replace it with an ordinary text file"));
    }
    let too_large = || {
        let limit = limit >> 20;
        Diagnostic::error(
            file,
            0,
            0,
            format!("this file is larger than {limit} MiB, more than any text input needs"),
        )
        .with_hint(
            "split the file, or check that it is the file you meant (not a link to a large one)",
        )
    };
    if meta.len() > limit {
        return Err(too_large());
    }
    let read = crate::bounded::read(&path, limit.min(u64::MAX - 1));
    // It may have grown while being read.
    read.map_err(|e| io_error(file, &e))?.ok_or_else(too_large)
}

fn io_error(file: &Path, e: &std::io::Error) -> Diagnostic {
    let hint = match e.kind() {
        std::io::ErrorKind::NotFound => "check that the path exists and is spelt correctly",
        std::io::ErrorKind::PermissionDenied => "check the file's permissions",
        _ => "check that the file is a readable regular file",
    };
    Diagnostic::error(file, 0, 0, format!("cannot read this file: {e}")).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_names() {
        assert_eq!(
            parse_section_name("02-trade.en.md"),
            Some((2, "trade".into(), "en".into()))
        );
        assert_eq!(
            parse_section_name("01-introduction.zh-Hant.md"),
            Some((1, "introduction".into(), "zh-Hant".into()))
        );
        assert_eq!(parse_section_name("2-trade.en.md"), None);
        assert_eq!(parse_section_name("02-貿易.en.md"), None);
        assert_eq!(parse_section_name("02-my trade.en.md"), None);
        assert_eq!(parse_section_name("02-trade.md"), None);
    }

    #[test]
    fn glossary_ids_are_located() {
        let text = "# c\n- id: a\n  en: {term: A}\n- id: \"b\"\n";
        let mut lines = IdLines::new(text);
        assert_eq!(lines.next_of("a"), 2);
        assert_eq!(lines.next_of("b"), 4);
        assert_eq!(lines.next_of("c"), 0);
    }
}
