//! Writing the site: write every file into a staging directory beside the
//! output directory, then swap it in with renames, so a failed build
//! leaves the previous output exactly as it was. Nothing is written or deleted
//! outside the output directory and its staging siblings.

pub mod record;
pub mod swap;

use crate::diagnostics::{Diagnostic, Failure};
use crate::render::OutputFile;
use rayon::prelude::*;
use std::fs;
use std::path::{Component, Path, PathBuf};
use swap::Lock;

/// The folders of a site root that a build reads: an output directory may be
/// none of them, nor inside one.
const INPUT_DIRS: [&str; 4] = ["content", "themes", "static", "templates"];

/// The folders of a site root that keep its state: its git repository, the
/// translation snapshots and the build's cache. An output directory may be
/// none of them, nor inside one (review s10 F10: `--output .git --force`
/// deleted the repository).
const STATE_DIRS: [&str; 3] = [".git", ".briefing", record::CACHE_DIR];

/// Checks that `output` may be (re)placed by a build of the site at `root`:
/// it may not be, contain or lie inside the site's inputs, `--force` or not,
/// and when it is not empty, `briefing` must have made it (see [`record`]).
pub fn check_output_dir(root: &Path, output: &Path, force: bool) -> Result<(), Diagnostic> {
    let shown = output.display().to_string();
    let refuse =
        |msg: String, hint: &str| Err(Diagnostic::error(&shown, 0, 0, msg).with_hint(hint));
    let root_abs = resolved(root);
    let out_abs = resolved(output);
    if root_abs.starts_with(&out_abs) {
        return refuse(
            "the output directory contains the site itself".into(),
            "choose a separate directory, e.g. --output public",
        );
    }
    if let Some(input) = INPUT_DIRS
        .iter()
        .find(|d| out_abs.starts_with(root_abs.join(d)))
    {
        return refuse(
            format!("the output directory is or lies inside the site's {input}/ folder, which the build reads: building there would replace or copy the site's own files"),
            "choose a directory outside content/, themes/, static/ and templates/, e.g. --output public",
        );
    }
    if let Some(state) = STATE_DIRS
        .iter()
        .find(|d| out_abs.starts_with(root_abs.join(d)))
    {
        return refuse(
            format!("the output directory is or lies inside the site's {state}/ folder, which keeps the site's own state: building there would delete it"),
            "choose a directory outside the site's hidden folders, e.g. --output public",
        );
    }
    if output.join("site.yaml").exists() || output.join("content").exists() {
        return refuse("the output directory holds site.yaml or content/: it looks like a site, not build output".into(), "choose another --output directory");
    }
    let non_empty = fs::read_dir(output)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if non_empty && !record::made_by_briefing(root, output) && !force {
        return refuse(
            "the output directory is not empty and was not created by briefing".into(),
            "empty it, choose another --output, or pass --force to replace it",
        );
    }
    if output.exists() && !output.is_dir() {
        return refuse(
            "the output path exists and is not a directory".into(),
            "choose another --output",
        );
    }
    Ok(())
}

/// Minifies and writes `files` into `output`, atomically replacing its previous content.
/// `root` is the site's, whose cache folder holds the output's lock.
pub fn write_site(root: &Path, output: &Path, files: &[OutputFile]) -> Result<u64, Failure> {
    let staging = Staging::create(root, output)?;
    let written: Result<Vec<u64>, Diagnostic> =
        files.par_iter().map(|f| staging.write(f)).collect();
    let bytes = written?.iter().sum();
    // A previous copy that could not be removed is swept by the next full write.
    let _leftover = staging.commit()?;
    Ok(bytes)
}

/// A staging directory beside the output directory: pages are written into
/// it as they are rendered, and [`Staging::commit`] swaps it in. Dropped
/// without a commit (a failed build), it is removed and the output stays as
/// it was. It holds the output's [`Lock`] from creation to the end.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
    _lock: Lock,
}

impl Staging {
    /// Locks `output` (refusing when another build holds it), removes what
    /// interrupted builds left beside it, and creates an empty staging directory.
    /// The lock file is in the cache folder of the site at `root`.
    pub fn create(root: &Path, output: &Path) -> Result<Staging, Diagnostic> {
        let output = absolute(output);
        if let Some(parent) = output.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
        }
        let lock = Lock::acquire(&output, &record::lock_file(root, &output)?)?;
        swap::sweep(&output);
        let dir = swap::staging(&output);
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| io_error(&dir, &e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| io_error(&dir, &e))?;
        Ok(Staging {
            dir,
            output,
            committed: false,
            _lock: lock,
        })
    }

    /// The staging directory, which holds what was written so far.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file; returns the bytes written.
    pub fn write(&self, file: &OutputFile) -> Result<u64, Diagnostic> {
        check_relative(&file.path)?;
        let path = self.dir.join(&file.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
        }
        fs::write(&path, &file.bytes).map_err(|e| io_error(&path, &e))?;
        Ok(file.bytes.len() as u64)
    }

    /// Swaps the staged tree in place of the output. Returns a warning when
    /// the previous output could not be removed afterwards (the new one is in
    /// place all the same).
    /// A `.git` folder in the output (a deploy checkout, as for GitHub
    /// Pages' gh-pages branch) is carried over into the new output.
    pub fn commit(mut self) -> Result<Option<Diagnostic>, Failure> {
        let (kept, staged) = (self.output.join(KEPT), self.dir.join(KEPT));
        let carried = kept.is_dir() && fs::rename(&kept, &staged).is_ok();
        match swap::swap_in(&self.dir, &self.output) {
            Ok(leftover) => {
                self.committed = true;
                Ok(leftover)
            }
            Err(failure) => {
                if carried {
                    let _ = fs::rename(&staged, &kept);
                }
                Err(failure.into())
            }
        }
    }
}

/// The one folder of the output a build keeps: a deploy checkout's git
/// repository. It is never published content (hidden files are not).
const KEPT: &str = ".git";

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.dir.exists() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Replaces `changed` files and deletes `removed` ones in an output directory
/// that [`write_site`] made, for the dev server's incremental rebuilds. Each
/// file is written beside its place and renamed over it, so a reader never
/// sees half a file.
pub fn update_site(
    output: &Path,
    changed: &[&OutputFile],
    removed: &[String],
) -> Result<u64, Failure> {
    for path in changed
        .iter()
        .map(|f| f.path.as_str())
        .chain(removed.iter().map(String::as_str))
    {
        check_relative(path)?;
    }
    let written: Result<Vec<u64>, Diagnostic> = changed
        .par_iter()
        .map(|file| replace_file(&output.join(&file.path), &file.bytes.clone()))
        .collect();
    for path in removed {
        let path = output.join(path);
        fs::remove_file(&path).map_err(|e| io_error(&path, &e))?;
        if let Some(dir) = path.parent().filter(|d| *d != output) {
            let _ = fs::remove_dir(dir); // only succeeds once the folder is empty
        }
    }
    Ok(written?.iter().sum())
}

fn replace_file(path: &Path, bytes: &[u8]) -> Result<u64, Diagnostic> {
    let dir = path.parent().unwrap_or(path);
    fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.briefing-{}", std::process::id()));
    fs::write(&temp, bytes).map_err(|e| io_error(&temp, &e))?;
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        io_error(path, &e)
    })?;
    Ok(bytes.len() as u64)
}

/// Rejects output paths that could escape the output directory.
fn check_relative(path: &str) -> Result<(), Diagnostic> {
    let p = Path::new(path);
    if path.is_empty() || !p.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(Diagnostic::error(path, 0, 0, "refusing to write a file outside the output directory")
            .with_hint("page paths are made from folder names; rename folders that contain '..' or start with '/'"));
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut clean = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    if let (Some(parent), Some(name)) = (clean.parent(), clean.file_name()) {
        if let Ok(p) = fs::canonicalize(parent) {
            return p.join(name);
        }
    }
    clean
}

/// `path` made absolute with its longest existing ancestor's symbolic links
/// resolved, so that two spellings of one folder compare equal.
pub(crate) fn resolved(path: &Path) -> PathBuf {
    let clean = absolute(path);
    clean
        .ancestors()
        .find_map(|a| Some(fs::canonicalize(a).ok()?.join(clean.strip_prefix(a).ok()?)))
        .unwrap_or(clean)
}

fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(path, 0, 0, format!("cannot write: {e}"))
        .with_hint("check that the output directory is writable and the disk is not full")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_replaces_and_removes_files_inside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let file = |path: &str, text: &str| OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        };
        let first = [file("a/index.html", "<p>one</p>"), file("b/x.txt", "x")];
        write_site(dir.path(), &out, &first).unwrap();
        let new = file("a/index.html", "<p>two</p>");
        update_site(&out, &[&new], &["b/x.txt".into()]).unwrap();
        assert!(fs::read_to_string(out.join("a/index.html"))
            .unwrap()
            .contains("two"));
        assert!(!out.join("b").exists(), "empty folders are removed");
        let names: Vec<_> = fs::read_dir(out.join("a")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary files are left");
        let escape = file("../escape.html", "x");
        assert!(update_site(&out, &[&escape], &[]).is_err());
        assert!(update_site(&out, &[], &["../public".into()]).is_err());
        assert!(!dir.path().join("escape.html").exists());
    }

    #[test]
    fn paths_must_stay_inside() {
        assert!(check_relative("en/briefings/x/index.html").is_ok());
        for bad in ["../x", "/etc/passwd", "a/../../b", ""] {
            assert!(check_relative(bad).is_err(), "{bad}");
        }
    }
}
