//! Reusing the previous build's minified pages. Minifying is the costliest
//! step of a build, and a rebuild renders most pages to the same HTML as
//! before. The output marker lists, per page, the BLAKE3 digest of its rendered
//! (unminified) HTML and of the bytes that were published; a page rendered
//! to the same HTML whose published file still has those bytes is
//! hard-linked into the staging directory instead of being minified and
//! written again. The list is tied to the `briefing` executable that wrote
//! it, so another build of `briefing` (whose minifier may differ) starts
//! afresh.

use crate::digest::digest_hex;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// What the marker records of one published page: hex BLAKE3 digests.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Page {
    /// Of the rendered HTML.
    rendered: String,
    /// Of the published (minified) file.
    published: String,
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
        let ours = lines.next() == Some(HEADER)
            && executable_line().is_some_and(|exe| lines.next() == Some(exe.as_str()));
        let previous = lines
            .filter(|_| ours)
            .filter_map(|line| {
                let mut parts = line.splitn(3, ' ');
                let rendered = parts.next()?.to_string();
                let published = parts.next()?.to_string();
                Some((
                    parts.next()?.to_string(),
                    Page {
                        rendered,
                        published,
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
    /// HTML and still holds what was published, else with `write`, which
    /// returns the bytes it wrote. Returns the size of the page.
    pub fn publish<E>(
        &self,
        (path, html): (&str, &[u8]),
        (old, new): (&Path, &Path),
        write: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<u64, E> {
        let rendered = digest_hex(html, 32);
        let linked = self
            .previous
            .get(path)
            .filter(|page| page.rendered == rendered)
            .and_then(|page| {
                let len = unchanged(old, &page.published)?;
                fs::hard_link(old, new)
                    .is_ok()
                    .then(|| (len, page.published.clone()))
            });
        let (len, published) = match linked {
            Some(found) => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                found
            }
            None => {
                let bytes = write()?;
                (bytes.len() as u64, digest_hex(&bytes, 32))
            }
        };
        if let Ok(mut current) = self.current.lock() {
            current.push((
                path.to_string(),
                Page {
                    rendered,
                    published,
                },
            ));
        }
        Ok(len)
    }

    /// How many pages were linked from the previous build.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// The marker for this build's output: the header and its pages (none
    /// when the executable cannot be identified).
    pub fn marker_text(&self) -> String {
        let Some(exe) = executable_line() else {
            return format!("{HEADER}\n");
        };
        let mut pages = self.current.lock().map(|c| c.clone()).unwrap_or_default();
        pages.sort();
        let mut text = format!("{HEADER}\n{exe}\n");
        for (path, page) in pages {
            let _ = writeln!(text, "{} {} {path}", page.rendered, page.published);
        }
        text
    }
}

/// The size of the regular file (not a symlink) at `path` if its bytes
/// have the digest `published`.
fn unchanged(path: &Path, published: &str) -> Option<u64> {
    if !fs::symlink_metadata(path).ok()?.file_type().is_file() {
        return None;
    }
    let bytes = fs::read(path).ok()?;
    (digest_hex(&bytes, 32) == published).then_some(bytes.len() as u64)
}

/// Identifies the running executable file: on Unix by device, inode, size
/// and change time (which no tool can set back), elsewhere by size and
/// modification time. `None` when it cannot be inspected.
fn executable_line() -> Option<String> {
    let meta = fs::metadata(std::env::current_exe().ok()?).ok()?;
    #[cfg(unix)]
    let id = {
        use std::os::unix::fs::MetadataExt;
        let (dev, ino, len) = (meta.dev(), meta.ino(), meta.len());
        format!("{dev} {ino} {len} {}.{}", meta.ctime(), meta.ctime_nsec())
    };
    #[cfg(not(unix))]
    let id = {
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        format!("{} {}", meta.len(), modified.as_nanos())
    };
    Some(format!(
        "# pages (sha-256 of the rendered HTML and of the published file), executable {id}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKER: &str = ".marker";

    /// Publishes `html` as "a.html" in `new`, from the previous build in `old`;
    /// true if the page was linked rather than written.
    fn publish(reuse: &Reuse, old: &Path, new: &Path, html: &str) -> bool {
        let (from, to) = (old.join("a.html"), new.join("a.html"));
        let before = reuse.reused();
        reuse
            .publish(("a.html", html.as_bytes()), (&from, &to), || {
                let bytes = html.to_uppercase().into_bytes();
                fs::write(&to, &bytes).map(|()| bytes)
            })
            .unwrap();
        reuse.reused() > before
    }

    #[test]
    fn pages_are_reused_only_from_the_same_html_and_the_same_executable() {
        let temp = tempfile::tempdir().unwrap();
        let dirs = ["1", "2", "3"].map(|d| temp.path().join(d));
        for dir in &dirs {
            fs::create_dir(dir).unwrap();
        }
        let [one, two, three] = &dirs;
        let first = Reuse::load(one, MARKER);
        assert!(!publish(&first, one, one, "<p>x</p>"));
        fs::write(one.join(MARKER), first.marker_text()).unwrap();

        let second = Reuse::load(one, MARKER);
        assert!(publish(&second, one, two, "<p>x</p>"));
        assert_eq!(fs::read_to_string(two.join("a.html")).unwrap(), "<P>X</P>");
        assert!(!publish(&Reuse::load(one, MARKER), one, three, "<p>y</p>"));

        // A marker written by another executable is not trusted.
        let text = first
            .marker_text()
            .replacen("executable ", "executable 1", 1);
        fs::write(one.join(MARKER), text).unwrap();
        fs::remove_file(three.join("a.html")).unwrap();
        assert!(!publish(&Reuse::load(one, MARKER), one, three, "<p>x</p>"));
    }
}
