//! The dev server's working folder in the system's temp folder, where it
//! writes the site it serves. The name is derived from the site root, so a
//! restart reuses the previous output; that also makes it predictable, so the
//! folder must be ours alone: it is created owner-only (0700), and a folder
//! found there is used only if it is a real folder (not a symlink) owned by
//! this user that no one else can write to. Otherwise `serve` works in a
//! fresh folder instead, and nothing another user prepared is ever written
//! into, followed or deleted.

use crate::diagnostics::Diagnostic;
use crate::digest::digest_hex;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// How many fresh names are tried when the usual one cannot be used.
const FRESH_TRIES: u32 = 100;

/// The working folder for the site at `root`, ready to write into, and a
/// warning when the usual folder could not be trusted and a fresh one is used.
pub fn prepare(root: &Path) -> Result<(PathBuf, Option<Diagnostic>), Diagnostic> {
    let usual = usual_dir(root);
    match claim(&usual) {
        Ok(()) => return Ok((usual, None)),
        Err(e) if e.kind() != ErrorKind::AlreadyExists => return Err(unusable(&usual, &e)),
        Err(_) => {}
    }
    let fresh = (0..FRESH_TRIES)
        .map(|i| with_suffix(&usual, &format!("{}-{i}", std::process::id())))
        .find(|dir| create_private(dir).is_ok())
        .ok_or_else(|| {
            let e = std::io::Error::new(ErrorKind::AlreadyExists, "every fresh name is taken");
            unusable(&usual, &e)
        })?;
    let warning = Diagnostic::warning(
        &usual,
        0,
        0,
        "this folder is not a private folder of yours (another user owns it, others can write to it, or it is a symlink), so serve works in a fresh folder",
    )
    .with_hint(format!(
        "the site is written to {}; remove the folder above if you created it yourself",
        fresh.display()
    ));
    Ok((fresh, Some(warning)))
}

/// `briefing-serve-<hash of the canonical root>` in the temp folder.
fn usual_dir(root: &Path) -> PathBuf {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let hex = digest_hex(root.to_string_lossy().as_bytes(), 6);
    std::env::temp_dir().join(format!("briefing-serve-{hex}"))
}

fn with_suffix(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(format!("-{suffix}"));
    dir.with_file_name(name)
}

/// Creates `dir` owner-only, or checks that an existing one is private to
/// us (and makes it owner-only); `AlreadyExists` when it is not.
fn claim(dir: &Path) -> std::io::Result<()> {
    match create_private(dir) {
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            if is_private(dir)? {
                make_owner_only(dir)
            } else {
                Err(e)
            }
        }
        other => other,
    }
}

#[cfg(unix)]
fn create_private(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new().mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private(dir: &Path) -> std::io::Result<()> {
    fs::create_dir(dir)
}

/// True when `dir` (not followed if a symlink) is a folder this user owns
/// that neither group nor others can write to.
#[cfg(unix)]
fn is_private(dir: &Path) -> std::io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::symlink_metadata(dir)?;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    Ok(meta.is_dir() && meta.uid() == me && meta.mode() & 0o022 == 0)
}

#[cfg(not(unix))]
fn is_private(dir: &Path) -> std::io::Result<bool> {
    Ok(fs::symlink_metadata(dir)?.is_dir())
}

#[cfg(unix)]
fn make_owner_only(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn make_owner_only(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

fn unusable(dir: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        dir,
        0,
        0,
        format!("cannot create serve's working folder: {e}"),
    )
    .with_hint("check that the system's temp folder (TMPDIR) is writable")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    fn mode(dir: &Path) -> u32 {
        fs::symlink_metadata(dir).unwrap().mode() & 0o777
    }

    #[test]
    fn a_new_folder_is_owner_only_and_an_own_folder_is_reused_and_tightened() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("serve");
        claim(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        claim(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700, "readable by others no more");
    }

    #[test]
    fn a_folder_others_can_write_to_or_a_symlink_is_refused() {
        let temp = tempfile::tempdir().unwrap();
        let open = temp.path().join("open");
        fs::create_dir(&open).unwrap();
        fs::set_permissions(&open, fs::Permissions::from_mode(0o777)).unwrap();
        assert_eq!(claim(&open).unwrap_err().kind(), ErrorKind::AlreadyExists);
        assert_eq!(mode(&open), 0o777, "left alone");

        let private = temp.path().join("private");
        fs::create_dir(&private).unwrap();
        fs::set_permissions(&private, fs::Permissions::from_mode(0o700)).unwrap();
        let link = temp.path().join("link");
        std::os::unix::fs::symlink(&private, &link).unwrap();
        assert_eq!(claim(&link).unwrap_err().kind(), ErrorKind::AlreadyExists);

        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            let theirs = temp.path().join("theirs");
            fs::create_dir(&theirs).unwrap();
            std::os::unix::fs::chown(&theirs, Some(65534), None).unwrap();
            fs::set_permissions(&theirs, fs::Permissions::from_mode(0o700)).unwrap();
            assert_eq!(claim(&theirs).unwrap_err().kind(), ErrorKind::AlreadyExists);
            assert_eq!(fs::metadata(&theirs).unwrap().uid(), 65534);
        }
    }
}
