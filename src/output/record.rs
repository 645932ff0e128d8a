//! The record of the output directories a site's builds made, kept outside
//! them (`.briefing-cache/outputs` at the site root, ignored by git), so
//! that the output holds exactly the site and can be uploaded as it is,
//! while a build still never replaces a non-empty folder it did not make.
//!
//! Earlier versions marked their output with a file inside it
//! ([`LEGACY_MARKER`]); such a folder is accepted once, and the build that
//! replaces it leaves no marker behind.

use crate::diagnostics::Diagnostic;
use std::fs;
use std::path::{Path, PathBuf};

/// The cache folder at the site root: build bookkeeping, never published.
pub const CACHE_DIR: &str = ".briefing-cache";

/// The record's file inside [`CACHE_DIR`]: one output directory a line,
/// its identity (device and inode), a tab, and its path with symbolic
/// links resolved: relative to the site root when inside it, so that the
/// record survives moving the site folder (review R13; a move keeps the
/// identity), else absolute. The identity tells the folder a build made
/// from one a user made later at the same path, which is not ours.
const RECORD_FILE: &str = "outputs";

/// The file with which earlier versions marked their output directory.
pub const LEGACY_MARKER: &str = ".briefing-output";

/// Whether a build of the site at `root` made `output` (recorded, or
/// marked the way earlier versions did).
pub fn made_by_briefing(root: &Path, output: &Path) -> bool {
    recorded(root).contains(&entry(root, output)) || output.join(LEGACY_MARKER).is_file()
}

/// The record's line for the folder `output` of the site at `root` as it is now.
fn entry(root: &Path, output: &Path) -> String {
    let path = super::resolved(output);
    let root = super::resolved(root);
    let shown = path.strip_prefix(&root).unwrap_or(&path);
    format!("{}\t{}", identity(&path), shown.display())
}

/// The folder's device and inode, which change when it is replaced.
#[cfg(unix)]
fn identity(dir: &Path) -> String {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(dir).map_or_else(|_| "-".to_string(), |m| format!("{}:{}", m.dev(), m.ino()))
}

/// Without inodes, the path alone identifies the folder.
#[cfg(not(unix))]
fn identity(_dir: &Path) -> String {
    "-".to_string()
}

/// Records that a build of the site at `root` made `output`. A record that
/// cannot be written is a warning: the build itself succeeded, but the next
/// one will need `--force`.
pub fn remember(root: &Path, output: &Path) -> Option<Diagnostic> {
    let wanted = entry(root, output);
    let path = |line: &str| line.split_once('\t').map(|(_, p)| p.to_string());
    let mut outputs = recorded(root);
    if outputs.contains(&wanted) {
        return None;
    }
    // The folder at this path now is the one this build made.
    outputs.retain(|line| path(line) != path(&wanted));
    outputs.push(wanted);
    let file = match in_cache(root, RECORD_FILE) {
        Ok(file) => file,
        Err(refused) => {
            return Some(
                Diagnostic::warning(&refused.file, 0, 0, format!("{}; the output directory was not recorded", refused.message))
                    .with_hint("replace the link with a real folder or file; the next build into this directory needs --force"),
            )
        }
    };
    let text: String = outputs.iter().map(|line| format!("{line}\n")).collect();
    no_follow(fs::File::options().write(true).create(true).truncate(true))
        .open(&file)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
        .err()
        .map(|e| {
            Diagnostic::warning(&file, 0, 0, format!("cannot record the output directory: {e}"))
                .with_hint("the site was built; the next build into this directory needs --force unless the site root is writable")
        })
}

/// The path of `name` in the cache folder of the site at `root` (the folder
/// made if missing), or an error at the first symbolic link on the way, the
/// folder or `name`: the build never writes through a link there (review
/// s10 F13: `outputs` linked to a file outside the site made every build
/// write into that file, `locks` linked to a folder put the lock there).
fn in_cache(root: &Path, name: &str) -> Result<PathBuf, Diagnostic> {
    let dir = Path::new(CACHE_DIR);
    refuse_link(root, dir)?;
    make_cache_dir(&root.join(dir)).map_err(|e| super::io_error(dir, &e))?;
    refuse_link(root, &dir.join(name))?;
    Ok(root.join(dir).join(name))
}

/// An error at `file` (relative to `root`) when it is a symbolic link.
fn refuse_link(root: &Path, file: &Path) -> Result<(), Diagnostic> {
    if !fs::symlink_metadata(root.join(file)).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(());
    }
    Err(Diagnostic::error(
        file,
        0,
        0,
        "this is a symbolic link in the build's cache folder, which the build never writes through",
    )
    .with_hint(
        "replace the link with a real folder or file, or delete it: the build makes what it needs",
    ))
}

/// `options` set not to open a symbolic link (where the system can tell),
/// should one appear after [`in_cache`] looked.
pub(super) fn no_follow(options: &mut fs::OpenOptions) -> &mut fs::OpenOptions {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NOFOLLOW);
    options
}

/// Makes the cache folder `dir` if missing, with a .gitignore that
/// ignores everything in it.
fn make_cache_dir(dir: &Path) -> std::io::Result<()> {
    if dir.exists() {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
    fs::write(dir.join(".gitignore"), "*\n")
}

/// The lock file of the output directory `output` of the site at `root`:
/// in the cache folder (made if missing), named after the folder and its
/// path, so that nothing of the build is left beside the output (review
/// R23: `.briefing-public.lock` at the site root, not ignored by git, or
/// beside an output outside the site).
pub fn lock_file(root: &Path, output: &Path) -> Result<PathBuf, Diagnostic> {
    let locks = in_cache(root, "locks")?;
    fs::create_dir_all(&locks).map_err(|e| super::io_error(&locks, &e))?;
    // The folder's own name and its parent's resolved path: the same
    // whether or not the folder exists yet.
    let name = output.file_name().unwrap_or_default().to_string_lossy();
    let parent = output.parent().unwrap_or(output);
    let path = super::resolved(parent).join(name.as_ref());
    let digest = crate::digest::digest_hex(path.to_string_lossy().as_bytes(), 5);
    let file = format!("{name}-{digest}.lock");
    refuse_link(root, &Path::new(CACHE_DIR).join("locks").join(&file))?;
    Ok(locks.join(file))
}

/// The output directories recorded for the site at `root`.
fn recorded(root: &Path) -> Vec<String> {
    crate::content::read_text(root, &Path::new(CACHE_DIR).join(RECORD_FILE))
        .map(|text| text.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_cache_folder_that_is_a_link_is_not_written_through() {
        let root = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join(".gitignore"), "keep\n").unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.path().join(CACHE_DIR)).unwrap();
        let out = root.path().join("public");
        fs::create_dir(&out).unwrap();
        assert!(remember(root.path(), &out).is_some_and(|d| !d.is_error()));
        assert_eq!(
            fs::read_to_string(elsewhere.path().join(".gitignore")).unwrap(),
            "keep\n"
        );
        assert!(!elsewhere.path().join(RECORD_FILE).exists());
    }

    #[test]
    fn a_folder_made_later_at_a_recorded_path_is_not_ours() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("docs");
        fs::create_dir(&out).unwrap();
        assert!(remember(root.path(), &out).is_none());
        // Moved away, not removed: its inode stays taken, so the new folder
        // cannot get it (a removed one's inode may be reused at once).
        fs::rename(&out, root.path().join("elsewhere")).unwrap();
        fs::create_dir(&out).unwrap();
        fs::write(out.join("thesis.txt"), "mine").unwrap();
        assert!(!made_by_briefing(root.path(), &out));
    }

    #[test]
    fn a_recorded_output_is_ours_and_the_record_ignores_itself() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        fs::create_dir(&out).unwrap();
        assert!(!made_by_briefing(root.path(), &out));
        assert!(remember(root.path(), &out).is_none());
        assert!(made_by_briefing(root.path(), &out));
        // Another spelling of the same folder is the same folder.
        assert!(made_by_briefing(
            root.path(),
            &root.path().join("x/../public")
        ));
        assert!(!made_by_briefing(root.path(), &root.path().join("other")));
        let ignore = fs::read_to_string(root.path().join(CACHE_DIR).join(".gitignore"));
        assert_eq!(ignore.unwrap(), "*\n");
        // Recording twice keeps one line.
        assert!(remember(root.path(), &out).is_none());
        assert_eq!(recorded(root.path()).len(), 1);
    }

    #[test]
    fn a_moved_site_still_owns_its_output() {
        let parent = tempfile::tempdir().unwrap();
        let (before, after) = (parent.path().join("site"), parent.path().join("site-2025"));
        fs::create_dir_all(before.join("public")).unwrap();
        assert!(remember(&before, &before.join("public")).is_none());
        fs::rename(&before, &after).unwrap();
        assert!(made_by_briefing(&after, &after.join("public")));
    }

    #[test]
    fn a_legacy_marker_is_accepted() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join(LEGACY_MARKER), "old").unwrap();
        assert!(made_by_briefing(root.path(), &out));
    }
}
