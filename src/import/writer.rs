//! Writing an import all-or-nothing. The briefing's new folder is staged
//! beside it (`.<slug>.staging-<pid>`): the files of an earlier import that
//! stay (translations, the editors' own files; hard-linked, or copied) and
//! the new ones. Only when all are written is it swapped in with two renames
//! (`output::swap`, which also sweeps what an interrupted import left).
//! Files outside the folder (the glossary) are written to a temporary name
//! and renamed over the old ones after the swap. A failure before the swap
//! removes everything staged and leaves the tree as it was.

use crate::diagnostics::Diagnostic;
use crate::output::swap;
use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// What an import changes on disk.
#[derive(Debug, Default)]
pub struct Plan {
    /// The briefing's folder, replaced as a whole.
    pub dir: PathBuf,
    /// Files to write: (path, contents); inside `dir` or not (the glossary).
    pub writes: Vec<(PathBuf, Vec<u8>)>,
    /// Files of `dir` the new folder leaves out (sections of an earlier import).
    pub removals: Vec<PathBuf>,
}

/// Carries out `plan`, all or nothing. Returns warnings about what could not
/// be done once the new folder was in place.
pub fn commit(plan: &Plan) -> Result<Vec<Diagnostic>, Diagnostic> {
    swap::sweep(&plan.dir);
    let mut created = Vec::new();
    let staging = swap::staging(&plan.dir);
    let mut temps = Vec::new();
    let staged = stage(plan, &staging, &mut created, &mut temps)
        .and_then(|()| swap::swap_in(&staging, &plan.dir));
    let leftover = match staged {
        Ok(leftover) => leftover,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            temps
                .iter()
                .for_each(|(temp, _)| drop(fs::remove_file(temp)));
            created.iter().rev().for_each(|d| drop(fs::remove_dir(d)));
            return Err(e);
        }
    };
    let mut warnings: Vec<Diagnostic> = leftover.into_iter().collect();
    for (temp, target) in &temps {
        if let Err(e) = fs::rename(temp, target) {
            let _ = fs::remove_file(temp);
            warnings.push(io_error(target, "update", &e).with_hint(format!(
                "{} was imported, but this file was left as it was; import again with --force",
                plan.dir.display()
            )));
        }
    }
    Ok(warnings)
}

/// Builds the new folder in `staging` and writes the files outside it to
/// temporary names, recording the folders and temporary files it made.
fn stage(
    plan: &Plan,
    staging: &Path,
    created: &mut Vec<PathBuf>,
    temps: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<(), Diagnostic> {
    let nested = plan
        .writes
        .iter()
        .find(|(path, _)| path.starts_with(&plan.dir) && path.parent() != Some(plan.dir.as_path()));
    if let Some((path, _)) = nested {
        // Its temporary copy would sit in the folder the swap replaces.
        return Err(Diagnostic::error(
            path,
            0,
            0,
            "a file in a folder inside the briefing's folder cannot be written",
        )
        .with_hint("section and metadata files sit directly in the briefing's folder"));
    }
    if let Some(parent) = plan.dir.parent() {
        create_dirs(parent, created)?;
    }
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(|e| io_error(staging, "remove", &e))?;
    }
    fs::create_dir(staging).map_err(|e| io_error(staging, "create the directory", &e))?;
    let (inside, outside): (Vec<_>, Vec<_>) = plan
        .writes
        .iter()
        .partition(|(path, _)| path.parent() == Some(plan.dir.as_path()));
    let replaced: HashSet<OsString> = inside
        .iter()
        .map(|(p, _)| p)
        .chain(&plan.removals)
        .filter_map(|p| p.file_name().map(OsString::from))
        .collect();
    refuse_folders(inside.iter().map(|(path, _)| path))?;
    keep_others(&plan.dir, staging, &replaced)?;
    for (path, contents) in inside {
        let temp = staging.join(path.file_name().unwrap_or_default());
        fs::write(&temp, contents).map_err(|e| io_error(&temp, "write", &e))?;
    }
    for (target, contents) in outside {
        if let Some(dir) = target.parent() {
            create_dirs(dir, created)?;
        }
        let temp = temporary(target);
        fs::write(&temp, contents).map_err(|e| io_error(&temp, "write", &e))?;
        temps.push((temp, target.clone()));
    }
    Ok(())
}

/// Refuses to replace a folder (an editor's, say) with an imported file.
fn refuse_folders<'a>(mut files: impl Iterator<Item = &'a PathBuf>) -> Result<(), Diagnostic> {
    match files.find(|p| p.symlink_metadata().is_ok_and(|m| m.is_dir())) {
        Some(folder) => Err(Diagnostic::error(
            folder,
            0,
            0,
            format!(
                "{} is a folder, where the import writes a file",
                folder.display()
            ),
        )
        .with_hint("move or rename the folder, then import again")),
        None => Ok(()),
    }
}

/// Links (or copies) into `staging` everything in `dir` the import does not
/// replace: files, folders and symbolic links as they are.
fn keep_others(dir: &Path, staging: &Path, replaced: &HashSet<OsString>) -> Result<(), Diagnostic> {
    if !dir.is_dir() {
        return Ok(());
    }
    let walk = walkdir::WalkDir::new(dir).min_depth(1).into_iter();
    for entry in walk.filter_entry(|e| e.depth() > 1 || !replaced.contains(e.file_name())) {
        let entry = entry.map_err(|e| {
            Diagnostic::error(dir, 0, 0, format!("cannot read {}: {e}", dir.display()))
        })?;
        let target = staging.join(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
        let kind = entry.file_type();
        let copied = if kind.is_dir() {
            fs::create_dir(&target)
        } else if kind.is_symlink() {
            fs::read_link(entry.path()).and_then(|to| symlink(&to, &target))
        } else {
            fs::hard_link(entry.path(), &target)
                .or_else(|_| fs::copy(entry.path(), &target).map(drop))
        };
        copied.map_err(|e| io_error(entry.path(), "keep", &e))?;
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(to: &Path, at: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(to, at)
}

#[cfg(not(unix))]
fn symlink(_to: &Path, at: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other(format!(
        "cannot keep the link {}",
        at.display()
    )))
}

/// Creates `dir` and its missing parents, recording each one created.
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> Result<(), Diagnostic> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
        .collect();
    for d in missing.into_iter().rev() {
        fs::create_dir(d).map_err(|e| io_error(d, "create the directory", &e))?;
        created.push(d.to_path_buf());
    }
    Ok(())
}

fn temporary(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.import-{}", std::process::id()))
}

/// A diagnostic for a failed file operation.
pub fn io_error(path: &Path, action: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        path,
        0,
        0,
        format!("cannot {action} {}: {e}", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_a_subfolder_of_the_briefing_is_refused_before_anything_is_written() {
        let root = tempfile::tempdir().unwrap();
        let briefing = root.path().join("b");
        fs::create_dir(&briefing).unwrap();
        fs::write(briefing.join("01-a.zh-Hant.md"), "before").unwrap();
        let plan = Plan {
            dir: briefing.clone(),
            writes: vec![
                (briefing.join("01-a.zh-Hant.md"), b"after".to_vec()),
                (briefing.join("01-a.en").join("x.md"), b"x".to_vec()),
            ],
            removals: Vec::new(),
        };
        assert!(commit(&plan).is_err());
        assert_eq!(
            fs::read_to_string(briefing.join("01-a.zh-Hant.md")).unwrap(),
            "before"
        );
        assert!(!briefing.join("01-a.en").exists());
    }

    #[test]
    fn writes_everything_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let briefing = dir.path().join("a/b");
        let ok = Plan {
            dir: briefing.clone(),
            writes: vec![(briefing.join("x.txt"), b"x".to_vec())],
            removals: vec![],
        };
        commit(&ok).unwrap();
        assert_eq!(fs::read(briefing.join("x.txt")).unwrap(), b"x");
        let blocked = dir.path().join("file");
        fs::write(&blocked, "").unwrap();
        let bad = Plan {
            dir: dir.path().join("c"),
            writes: vec![
                (dir.path().join("c/y.txt"), b"y".to_vec()),
                (blocked.join("z.txt"), b"z".to_vec()),
            ],
            removals: vec![],
        };
        assert!(commit(&bad).is_err());
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["a", "file"], "nothing staged is left");
    }

    #[test]
    fn kept_files_and_folders_stay_and_removals_go() {
        let dir = tempfile::tempdir().unwrap();
        let briefing = dir.path().join("b");
        fs::create_dir_all(briefing.join("images")).unwrap();
        fs::write(briefing.join("images/map.png"), "png").unwrap();
        fs::write(briefing.join("01-a.en.md"), "translation").unwrap();
        fs::write(briefing.join("02-old.zh-Hant.md"), "old").unwrap();
        fs::write(briefing.join("01-a.zh-Hant.md"), "before").unwrap();
        let plan = Plan {
            dir: briefing.clone(),
            writes: vec![(briefing.join("01-a.zh-Hant.md"), b"after".to_vec())],
            removals: vec![briefing.join("02-old.zh-Hant.md")],
        };
        assert!(commit(&plan).unwrap().is_empty());
        let read = |name: &str| fs::read_to_string(briefing.join(name)).ok();
        assert_eq!(read("01-a.zh-Hant.md").as_deref(), Some("after"));
        assert_eq!(read("01-a.en.md").as_deref(), Some("translation"));
        assert_eq!(read("images/map.png").as_deref(), Some("png"));
        assert_eq!(read("02-old.zh-Hant.md"), None);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging or old folder is left"
        );
    }
}
