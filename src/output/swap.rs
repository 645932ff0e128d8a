//! Replacing a folder (the output, or an imported briefing) by a staged copy
//! with two renames; the lock that keeps two builds from doing it at once;
//! and sweeping away what interrupted runs left beside it.
//!
//! The lock file is in the site's cache folder ([`super::record::lock_file`]).
//! Beside a folder `public/` live `.public.staging-<pid>` (the copy being written by process `pid`) and,
//! for a moment during the swap, `.public.old-<pid>` (the previous copy).

use crate::diagnostics::Diagnostic;
use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};

/// An exclusive lock on a folder's lock file, held until dropped. The
/// system releases it when the process ends, however it ends.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Locks `target` for this process through the lock file `path`, or
    /// says that another process holds it.
    pub fn acquire(target: &Path, path: &Path) -> Result<Lock, Diagnostic> {
        let file =
            super::record::no_follow(File::options().create(true).truncate(false).write(true))
                .open(path)
                .map_err(|e| super::io_error(path, &e))?;
        match file.try_lock() {
            Ok(()) => Ok(Lock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(Diagnostic::error(
                target,
                0,
                0,
                "another briefing build is writing this output directory",
            )
            .with_hint("wait for it to finish and build again; two builds into one directory cannot run at once")),
            Err(TryLockError::Error(e)) => Err(super::io_error(path, &e)),
        }
    }
}

/// The staging folder of this process for `target`.
pub fn staging(target: &Path) -> PathBuf {
    sibling(target, "staging", std::process::id())
}

/// Removes the staging and old copies of `target` that processes no longer
/// running left behind (a build killed with Ctrl-C, SIGTERM or kill -9).
/// When `target` itself is missing because a run stopped between the two
/// renames of a swap, its previous copy is renamed back instead.
pub fn sweep(target: &Path) {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut left: Vec<(PathBuf, bool)> = entries
        .filter_map(|e| {
            let entry = e.ok()?;
            let entry_name = entry.file_name().into_string().ok()?;
            let (kind, pid) = entry_name
                .strip_prefix(&format!(".{}.", name.to_string_lossy()))?
                .split_once('-')?;
            let pid: u32 = pid.parse().ok()?;
            let ours = pid == std::process::id();
            (matches!(kind, "staging" | "old") && !ours && !is_running(pid))
                .then(|| (entry.path(), kind == "old"))
        })
        .collect();
    if !target.exists() {
        left.sort_by_key(|(path, _)| fs::metadata(path).and_then(|m| m.modified()).ok());
        if let Some(i) = left.iter().rposition(|(_, old)| *old) {
            let _ = fs::rename(&left.remove(i).0, target);
        }
    }
    for (path, _) in left {
        let _ = fs::remove_dir_all(path);
    }
}

/// Replaces `target` by `staging`: `target` becomes `.<name>.old-<pid>`,
/// `staging` becomes `target`, the old copy is removed. Fails only while
/// `target` is still the previous copy. Returns a warning when the old copy
/// could not be removed: the new one is in place, and the next run's
/// [`sweep`] removes the old one.
pub fn swap_in(staging: &Path, target: &Path) -> Result<Option<Diagnostic>, Diagnostic> {
    if fs::symlink_metadata(target).is_err() {
        return fs::rename(staging, target)
            .map(|()| None)
            .map_err(|e| super::io_error(target, &e));
    }
    let old = sibling(target, "old", std::process::id());
    fs::rename(target, &old).map_err(|e| super::io_error(target, &e))?;
    if let Err(e) = fs::rename(staging, target) {
        return Err(match fs::rename(&old, target) {
            Ok(()) => super::io_error(target, &e),
            Err(back) => Diagnostic::error(
                target,
                0,
                0,
                format!("cannot move the new copy into place ({e}) nor the previous one back ({back}): the previous copy is {}", old.display()),
            )
            .with_hint("run again once the folder is writable: it moves the previous copy back first"),
        });
    }
    Ok(fs::remove_dir_all(&old).err().map(|e| {
        Diagnostic::warning(
            &old,
            0,
            0,
            format!(
                "the new copy of {} is in place, but its previous copy could not be removed: {e}",
                target.display()
            ),
        )
        .with_hint("the next run removes it once it can; or delete it yourself")
    }))
}

/// `.<name>.<kind>-<pid>` beside `target`.
fn sibling(target: &Path, kind: &str, pid: u32) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.{kind}-{pid}"))
}

/// True when process `pid` still runs (Linux: `/proc/<pid>` exists). Where
/// that cannot be known the lock guarantees that no other build is running.
fn is_running(pid: u32) -> bool {
    cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists()
}
