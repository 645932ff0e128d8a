//! Reusing the previous build's minified pages. Minifying is the costliest
//! step of a build, and a rebuild renders most pages to the same HTML as
//! before. The output marker lists, per page, the SHA-256 of its rendered
//! (unminified) HTML and the size and modification time of the file that was
//! published; a page rendered to the same HTML whose published file is
//! untouched is hard-linked into the staging directory instead of being
//! minified and written again. The list is tied to the `briefing`
//! executable that wrote it, so a new version (whose minifier may differ)
//! starts afresh.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// What the marker records of one published page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Page {
    /// SHA-256 of the rendered HTML, hex.
    digest: String,
    /// The published file's size.
    len: u64,
    /// Its modification time, in nanoseconds since the epoch.
    modified: u128,
}

/// The pages of the previous build that may be reused, and the record of
/// the pages of this one.
#[derive(Debug, Default)]
pub struct Reuse {
    previous: HashMap<String, Page>,
    current: Mutex<Vec<(String, Page)>>,
    reused: AtomicUsize,
}

/// The first line of the marker.
const HEADER: &str = "This directory is build output of `briefing`; it is replaced on every build.";

impl Reuse {
    /// Reads the marker of the `output` directory; anything unreadable,
    /// from another executable or malformed means nothing is reused.
    pub fn load(output: &Path, marker: &str) -> Reuse {
        let text = fs::read_to_string(output.join(marker)).unwrap_or_default();
        let mut lines = text.lines();
        let ours = lines.next() == Some(HEADER) && lines.next() == Some(executable_line().as_str());
        let previous = lines
            .filter(|_| ours)
            .filter_map(|line| {
                let mut parts = line.splitn(4, ' ');
                let digest = parts.next()?.to_string();
                let len = parts.next()?.parse().ok()?;
                let modified = parts.next()?.parse().ok()?;
                Some((
                    parts.next()?.to_string(),
                    Page {
                        digest,
                        len,
                        modified,
                    },
                ))
            })
            .collect();
        Reuse {
            previous,
            ..Reuse::default()
        }
    }

    /// Publishes the page `path`, rendered as `html`, at `new`: by linking
    /// the previous build's `old` file if it was published from the same
    /// HTML and is unchanged since, else with `write`. Returns its size.
    pub fn publish<E>(
        &self,
        (path, html): (&str, &[u8]),
        (old, new): (&Path, &Path),
        write: impl FnOnce() -> Result<u64, E>,
    ) -> Result<u64, E> {
        let digest = hex(&Sha256::digest(html));
        let linked = self.previous.get(path).and_then(|page| {
            let same = page.digest == digest
                && published(old) == Some((page.len, page.modified))
                && fs::hard_link(old, new).is_ok();
            same.then_some(page.len)
        });
        let len = match linked {
            Some(len) => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                len
            }
            None => write()?,
        };
        self.record(path, digest, new);
        Ok(len)
    }

    /// How many pages were linked from the previous build.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// Notes the file published at `new` for `path` (best effort: a file
    /// that cannot be inspected is simply not reused next time).
    fn record(&self, path: &str, digest: String, new: &Path) {
        if let Some((len, modified)) = published(new) {
            let page = Page {
                digest,
                len,
                modified,
            };
            if let Ok(mut current) = self.current.lock() {
                current.push((path.to_string(), page));
            }
        }
    }

    /// The marker for this build's output: the header and its pages.
    pub fn marker_text(&self) -> String {
        let mut pages = self.current.lock().map(|c| c.clone()).unwrap_or_default();
        pages.sort();
        let mut text = format!("{HEADER}\n{}\n", executable_line());
        for (path, page) in pages {
            let _ = writeln!(
                text,
                "{} {} {} {path}",
                page.digest, page.len, page.modified
            );
        }
        text
    }
}

/// Size and modification time of a regular file (not a symlink).
fn published(path: &Path) -> Option<(u64, u128)> {
    let meta = fs::symlink_metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    meta.file_type()
        .is_file()
        .then_some((meta.len(), modified.as_nanos()))
}

/// Identifies the running executable by its size and modification time.
fn executable_line() -> String {
    let meta = std::env::current_exe().and_then(fs::metadata);
    let (len, modified) = meta.map_or((0, None), |m| (m.len(), m.modified().ok()));
    let nanos = modified
        .and_then(|t: SystemTime| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("# pages (sha-256 of the rendered HTML, size, mtime), executable {len} {nanos}")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKER: &str = ".marker";

    /// Publishes `html` for "a/index.html" in `new`, from the previous build in `old`.
    fn publish(reuse: &Reuse, old: &Path, new: &Path, html: &str) -> bool {
        let (from, to) = (old.join("a.html"), new.join("a.html"));
        let before = reuse.reused();
        reuse
            .publish(("a.html", html.as_bytes()), (&from, &to), || {
                fs::write(&to, html.to_uppercase()).map(|()| html.len() as u64)
            })
            .unwrap();
        reuse.reused() > before
    }

    #[test]
    fn pages_are_reused_only_from_the_same_html_and_the_same_executable() {
        let temp = tempfile::tempdir().unwrap();
        let (one, two, three) = (
            temp.path().join("1"),
            temp.path().join("2"),
            temp.path().join("3"),
        );
        for dir in [&one, &two, &three] {
            fs::create_dir(dir).unwrap();
        }
        let first = Reuse::load(&one, MARKER);
        assert!(!publish(&first, &one, &one, "<p>x</p>"));
        fs::write(one.join(MARKER), first.marker_text()).unwrap();

        let second = Reuse::load(&one, MARKER);
        assert!(publish(&second, &one, &two, "<p>x</p>"));
        assert_eq!(fs::read_to_string(two.join("a.html")).unwrap(), "<P>X</P>");
        let other_html = Reuse::load(&one, MARKER);
        assert!(!publish(&other_html, &one, &three, "<p>y</p>"));

        // A marker written by another executable is not trusted.
        let text = first
            .marker_text()
            .replacen("executable ", "executable 1", 1);
        fs::write(one.join(MARKER), text).unwrap();
        fs::remove_file(three.join("a.html")).unwrap();
        assert!(!publish(
            &Reuse::load(&one, MARKER),
            &one,
            &three,
            "<p>x</p>"
        ));
    }
}
