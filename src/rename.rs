//! `briefing rename-sections SLUG`: names a briefing's section files after
//! their English titles (`02-section-2.zh-Hant.md` →
//! `02-russia-and-china.zh-Hant.md`, every language's file alike), never by
//! romanising Chinese. The number stays, so a re-import still finds each
//! file; the section's id (its anchor) changes with the name, and the
//! briefing's own links to the old anchors are pointed at the new ones.

use crate::content::{self, model::SiteConfig, Section};
use crate::diagnostics::{Diagnostic, Failure};
use crate::i18n::Script;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// One section renamed: its old and new id, and each file's move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    /// The id (and anchor) before.
    pub from: String,
    /// The id after.
    pub to: String,
    /// (old path, new path) relative to the root, per language file.
    pub files: Vec<(PathBuf, PathBuf)>,
}

/// Renames the sections of briefing `slug` under `root` whose title in
/// `lang` (default: the first site language written in an alphabet) gives a
/// name; all files or none. Returns what was renamed.
pub fn rename_sections(
    root: &Path,
    slug: &str,
    lang: Option<&str>,
) -> Result<Vec<Renamed>, Failure> {
    let config = content::load_config(root)?;
    // As `translate mark` loads it: refused when its folder leads outside
    // content/ (review s10 attacker F19: the outside files were renamed).
    let briefing = crate::translation::mark::load(root, slug)?;
    let lang = naming_language(&config, lang)?;
    let mut taken: BTreeSet<String> = briefing.sections.iter().map(|s| s.id.clone()).collect();
    let plan: Vec<Renamed> = briefing
        .sections
        .iter()
        .filter_map(|s| plan_section(s, &lang, &mut taken))
        .collect();
    apply(root, &plan)?;
    relink(root, &briefing, &plan)?;
    Ok(plan)
}

/// Points the briefing's own links at the renamed anchors: `#old` and the
/// sub-headings' `#old-1` become `#new`, `#new-1`, in every section file.
fn relink(root: &Path, briefing: &content::Briefing, plan: &[Renamed]) -> Result<(), Diagnostic> {
    let moved = |path: &PathBuf| {
        plan.iter()
            .flat_map(|r| &r.files)
            .find(|(from, _)| from == path)
            .map_or_else(|| path.clone(), |(_, to)| to.clone())
    };
    for file in briefing.sections.iter().flat_map(|s| s.files.values()) {
        let path = root.join(moved(&file.path));
        let text = fs::read_to_string(&path).map_err(|e| {
            Diagnostic::error(&file.path, 0, 0, format!("cannot read this file: {e}"))
        })?;
        let mut new = text.clone();
        for r in plan {
            new = new
                .replace(&format!("#{})", r.from), &format!("#{})", r.to))
                .replace(&format!("#{}-", r.from), &format!("#{}-", r.to));
        }
        if new != text {
            fs::write(&path, new).map_err(|e| {
                Diagnostic::error(&file.path, 0, 0, format!("cannot write this file: {e}"))
            })?;
        }
    }
    Ok(())
}

/// `lang` if the site has it, else the site's first alphabetic language.
fn naming_language(config: &SiteConfig, lang: Option<&str>) -> Result<String, Diagnostic> {
    let found = match lang {
        Some(l) => config.languages.iter().find(|c| *c == l),
        None => config
            .languages
            .iter()
            .find(|l| Script::of_language(l) == Script::Alphabetic),
    };
    found.cloned().ok_or_else(|| {
        Diagnostic::error(
            "site.yaml",
            0,
            0,
            "no site language to name the sections in",
        )
        .with_hint(format!(
            "pass --lang with one of: {}",
            config.languages.join(", ")
        ))
    })
}

/// The renaming of one section after its title in `lang`, if it has one
/// that makes a name other than its own; the new id is added to `taken`.
fn plan_section(section: &Section, lang: &str, taken: &mut BTreeSet<String>) -> Option<Renamed> {
    let title = &section.files.get(lang)?.front.title;
    let name = crate::import::section_name(title, section.number);
    if name.starts_with("section-") || name == section.id {
        return None;
    }
    let mut id = name.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{name}-{n}");
        n += 1;
    }
    taken.remove(&section.id);
    taken.insert(id.clone());
    let files = section
        .files
        .iter()
        .map(|(l, file)| {
            let new = format!("{:02}-{id}.{l}.md", section.number);
            (file.path.clone(), file.path.with_file_name(new))
        })
        .collect();
    Some(Renamed {
        from: section.id.clone(),
        to: id,
        files,
    })
}

/// Moves every file of `plan`; on a failure, moves back those already moved.
fn apply(root: &Path, plan: &[Renamed]) -> Result<(), Diagnostic> {
    let moves: Vec<&(PathBuf, PathBuf)> = plan.iter().flat_map(|r| &r.files).collect();
    if let Some((_, to)) = moves.iter().find(|(_, to)| root.join(to).exists()) {
        return Err(
            Diagnostic::error(to, 0, 0, "this file already exists; nothing was renamed")
                .with_hint("move or delete it, then rename again"),
        );
    }
    for (done, (from, to)) in moves.iter().enumerate() {
        if let Err(e) = fs::rename(root.join(from), root.join(to)) {
            for (back_from, back_to) in moves[..done].iter().rev() {
                let _ = fs::rename(root.join(back_to), root.join(back_from));
            }
            return Err(Diagnostic::error(
                from,
                0,
                0,
                format!("cannot rename this file: {e}; nothing was renamed"),
            ));
        }
    }
    Ok(())
}
