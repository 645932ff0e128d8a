//! `briefing translate mark SLUG [--lang L] [SECTION]`: records that a
//! briefing's translations are current. Each translation file gets
//! `translated_from: <digest of its original's text>` in its front matter
//! (the rest of the file kept as written) and the original's text is kept
//! as a snapshot under `.briefing/originals/`, so that `check` can later
//! say what changed. All or nothing: files are staged, then swapped in.

use super::{digest, snapshot_path, source_text};
use crate::content::{self, Briefing, Section};
use crate::diagnostics::{Diagnostic, Failure};
use crate::import::writer::{commit, Plan};
use std::fs;
use std::path::{Path, PathBuf};

/// What to mark: a briefing, one language or all, one section or all.
#[derive(Debug, Clone, Default)]
pub struct MarkOptions {
    /// The site root.
    pub root: PathBuf,
    /// The briefing's folder name.
    pub slug: String,
    /// Only this language (default: every translation language).
    pub lang: Option<String>,
    /// Only this section: its name (`trade`) or file stem (`02-trade`).
    pub section: Option<String>,
}

/// Marks the translations `options` names as current; returns the
/// translation files marked.
pub fn mark(options: &MarkOptions) -> Result<Vec<PathBuf>, Failure> {
    let briefing = load(&options.root, &options.slug)?;
    let sections = chosen_sections(&briefing, options.section.as_deref())?;
    let mut plan = Plan {
        dir: options.root.join(briefing_dir(&options.slug)),
        ..Plan::default()
    };
    let mut marked = Vec::new();
    for section in sections {
        let original = &section.files[&briefing.original];
        let from = digest(original);
        let langs = section.files.keys().filter(|l| **l != briefing.original);
        for lang in langs.filter(|l| options.lang.as_ref().is_none_or(|want| want == *l)) {
            let file = &section.files[lang];
            plan.writes.push((
                options.root.join(&file.path),
                with_origin(&options.root, &file.path, &from)?,
            ));
            marked.push(file.path.clone());
        }
        plan.writes.push((
            snapshot_path(&options.root, &from),
            source_text(original).into_bytes(),
        ));
    }
    if marked.is_empty() {
        return Err(nothing_to_mark(options).into());
    }
    commit(&plan)?;
    Ok(marked)
}

/// The folder of briefing `slug`, relative to the root.
pub(crate) fn briefing_dir(slug: &str) -> PathBuf {
    Path::new("content").join("briefings").join(slug)
}

/// Loads briefing `slug` of the site at `root`, or says why not.
pub(crate) fn load(root: &Path, slug: &str) -> Result<Briefing, Failure> {
    let config = content::load_config(root)?;
    let store = Path::new(super::ORIGINALS_DIR)
        .parent()
        .unwrap_or(Path::new(".briefing"));
    if fs::symlink_metadata(root.join(store)).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Diagnostic::error(store, 0, 0, "this folder is a symbolic link: the translation snapshots would be written wherever it points")
            .with_hint("replace the link with a real folder (move its files into it)")
            .into());
    }
    let dir = briefing_dir(slug);
    if !content::is_slug(slug) || !root.join(&dir).is_dir() {
        return Err(
            Diagnostic::error(&dir, 0, 0, format!("there is no briefing \"{slug}\""))
                .with_hint("give the name of a folder under content/briefings/")
                .into(),
        );
    }
    crate::import::check_inside_content(root, &root.join(&dir))?;
    // Marking reads sections only: topic and author ids are not resolved.
    content::load_briefing(root, &config, None, slug).map_err(Failure)
}

/// The sections to mark: `wanted` (by name or file stem), or all.
fn chosen_sections<'b>(
    briefing: &'b Briefing,
    wanted: Option<&str>,
) -> Result<Vec<&'b Section>, Failure> {
    let Some(wanted) = wanted else {
        return Ok(briefing.sections.iter().collect());
    };
    let matches = |s: &&Section| s.id == wanted || format!("{:02}-{}", s.number, s.id) == wanted;
    match briefing.sections.iter().find(matches) {
        Some(section) => Ok(vec![section]),
        None => {
            let names: Vec<&str> = briefing.sections.iter().map(|s| s.id.as_str()).collect();
            Err(Diagnostic::error(
                briefing_dir(&briefing.slug),
                0,
                0,
                format!("the briefing has no section \"{wanted}\""),
            )
            .with_hint(format!("its sections are: {}", names.join(", ")))
            .into())
        }
    }
}

/// The text of the section file at `path` with `translated_from: <from>`.
fn with_origin(root: &Path, path: &Path, from: &str) -> Result<Vec<u8>, Diagnostic> {
    let text = std::fs::read_to_string(root.join(path))
        .map_err(|e| Diagnostic::error(path, 0, 0, format!("cannot read this file: {e}")))?;
    content::set_field(&text, "translated_from", from)
        .map(String::into_bytes)
        .ok_or_else(|| {
            Diagnostic::error(path, 1, 1, "this section file has no front matter")
                .with_hint("start the file with three lines: `---`, `title: …`, `---`")
        })
}

fn nothing_to_mark(options: &MarkOptions) -> Diagnostic {
    let what = options
        .lang
        .as_deref()
        .map_or("a translation".to_string(), |l| format!("a file in {l}"));
    Diagnostic::error(
        briefing_dir(&options.slug),
        0,
        0,
        format!("nothing to mark: no section chosen has {what}"),
    )
    .with_hint("translate the section first (NN-name.LANG.md), then mark it")
}
