//! Writing an import all-or-nothing: every file goes to a temporary name
//! beside its target first, and only when all are written are they renamed
//! into place. A failure removes the temporary files and leaves the tree as it was.

use crate::diagnostics::Diagnostic;
use std::fs;
use std::path::{Path, PathBuf};

/// What an import changes on disk.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to write: (path, contents).
    pub writes: Vec<(PathBuf, Vec<u8>)>,
    /// Files to remove once the writes are in place (sections of an earlier import).
    pub removals: Vec<PathBuf>,
}

/// Carries out `plan`, all or nothing.
pub fn commit(plan: &Plan) -> Result<(), Diagnostic> {
    let mut created = Vec::new();
    let mut staged = Vec::new();
    let result = stage(plan, &mut created, &mut staged);
    if let Err(e) = result {
        for (temp, _) in &staged {
            let _ = fs::remove_file(temp);
        }
        for dir in created.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
        return Err(e);
    }
    for (temp, target) in &staged {
        fs::rename(temp, target).map_err(|e| io_error(target, "move into place", &e))?;
    }
    for path in &plan.removals {
        fs::remove_file(path).map_err(|e| io_error(path, "remove", &e))?;
    }
    Ok(())
}

/// Writes every file of `plan` to a temporary name, recording what it made.
fn stage(
    plan: &Plan,
    created: &mut Vec<PathBuf>,
    staged: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<(), Diagnostic> {
    for (target, contents) in &plan.writes {
        if let Some(dir) = target.parent() {
            create_dirs(dir, created)?;
        }
        let temp = temporary(target);
        fs::write(&temp, contents).map_err(|e| io_error(&temp, "write", &e))?;
        staged.push((temp, target.clone()));
    }
    Ok(())
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
    target.with_file_name(format!(".{name}.import-tmp"))
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
    fn writes_everything_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let ok = Plan {
            writes: vec![(dir.path().join("a/b/x.txt"), b"x".to_vec())],
            removals: vec![],
        };
        commit(&ok).unwrap();
        assert_eq!(fs::read(dir.path().join("a/b/x.txt")).unwrap(), b"x");
        let blocked = dir.path().join("file");
        fs::write(&blocked, "").unwrap();
        let bad = Plan {
            writes: vec![
                (dir.path().join("c/y.txt"), b"y".to_vec()),
                (blocked.join("z.txt"), b"z".to_vec()),
            ],
            removals: vec![],
        };
        assert!(commit(&bad).is_err());
        assert!(!dir.path().join("c").exists());
    }
}
