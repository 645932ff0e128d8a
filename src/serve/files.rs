//! Mapping a request path to a file of the output directory, safely: only
//! regular files inside the directory are ever served. `..` components,
//! backslashes and NULs are refused in the decoded path, and the resolved
//! file must still lie inside the directory after symlinks are followed.
//! Hidden names (a leading `.`) are not served: they are files being
//! written, not the site; the one exception is a top-level `.well-known/`
//! (RFC 8615), which a site publishes from its root `static/`.

use percent_encoding::percent_decode_str;
use std::path::{Path, PathBuf};

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file inside the output directory (canonical path).
    File(PathBuf),
    /// A folder requested without its trailing slash: redirect here.
    Redirect(String),
    /// Nothing that may be served.
    NotFound,
}

/// Resolves `request_path` (without query string) against the canonical
/// output directory `dir`; `/en/` means `/en/index.html`.
pub fn resolve(dir: &Path, request_path: &str) -> Target {
    let Some(parts) = decode(request_path) else {
        return Target::NotFound;
    };
    let mut path = dir.to_path_buf();
    path.extend(&parts);
    match inside(dir, &path) {
        Some(real) if real.is_dir() && !request_path.ends_with('/') => {
            let trimmed = request_path.trim_start_matches('/');
            Target::Redirect(format!("/{trimmed}/"))
        }
        Some(real) if real.is_dir() => match inside(dir, &real.join("index.html")) {
            Some(index) if index.is_file() => Target::File(index),
            _ => Target::NotFound,
        },
        Some(real) if real.is_file() => Target::File(real),
        _ => Target::NotFound,
    }
}

/// `path` with symlinks resolved, if it exists and lies inside `dir`.
fn inside(dir: &Path, path: &Path) -> Option<PathBuf> {
    path.canonicalize()
        .ok()
        .filter(|real| real.starts_with(dir))
}

/// The one hidden folder that is served: well-known URIs (RFC 8615).
const WELL_KNOWN: &str = ".well-known";

/// The decoded, non-empty components of a request path, or `None` if any is
/// unsafe (hidden, e.g. `.` and `..`, other than a top-level
/// [`WELL_KNOWN`]; a backslash, a NUL, not UTF-8) or the path is not absolute.
fn decode(request_path: &str) -> Option<Vec<String>> {
    let rest = request_path.strip_prefix('/')?;
    rest.split('/')
        .filter(|raw| !raw.is_empty())
        .enumerate()
        .map(|(i, raw)| {
            let part = percent_decode_str(raw).decode_utf8().ok()?;
            let hidden = part.starts_with('.') && !(i == 0 && part == WELL_KNOWN);
            let unsafe_part = hidden || part.contains(['/', '\\', '\0']) || part.contains(':');
            (!unsafe_part).then(|| part.into_owned())
        })
        .collect()
}

/// The Content-Type of a served file, by extension; text types in UTF-8.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" if path.ends_with("atom.xml") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "bib" => "application/x-bibtex; charset=utf-8",
        "ris" => "application/x-research-info-systems; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn output() -> (tempfile::TempDir, PathBuf) {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("site");
        fs::create_dir_all(dir.join("en/glossary")).unwrap();
        fs::write(dir.join("index.html"), "home").unwrap();
        fs::write(dir.join("en/index.html"), "en home").unwrap();
        fs::write(dir.join("en/glossary/index.html"), "glossary").unwrap();
        fs::write(dir.join(".briefing-output"), "bookkeeping").unwrap();
        fs::create_dir_all(dir.join(".well-known")).unwrap();
        fs::write(dir.join(".well-known/security.txt"), "Contact: x").unwrap();
        fs::write(dir.join("en/.index.html.briefing-1"), "half written").unwrap();
        fs::write(temp.path().join("secret.txt"), "secret").unwrap();
        let dir = dir.canonicalize().unwrap();
        (temp, dir)
    }

    #[test]
    fn folders_serve_their_index() {
        let (_temp, dir) = output();
        assert_eq!(resolve(&dir, "/"), Target::File(dir.join("index.html")));
        assert_eq!(
            resolve(&dir, "/en/"),
            Target::File(dir.join("en/index.html"))
        );
        assert_eq!(
            resolve(&dir, "/en/%67lossary/"),
            Target::File(dir.join("en/glossary/index.html"))
        );
        assert_eq!(resolve(&dir, "/en"), Target::Redirect("/en/".into()));
        assert_eq!(resolve(&dir, "//en"), Target::Redirect("/en/".into()));
        assert_eq!(resolve(&dir, "/missing.html"), Target::NotFound);
        assert_eq!(
            resolve(&dir, "/.well-known/security.txt"),
            Target::File(dir.join(".well-known/security.txt"))
        );
    }

    #[test]
    fn nothing_outside_the_output_is_served() {
        let (temp, dir) = output();
        for attack in [
            "/../secret.txt",
            "/en/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/en/%2e%2e%2f%2e%2e%2fsecret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/index.html%00",
            "/%ff",
            "secret.txt",
            "//etc/passwd",
            "/C:/secret.txt",
            "/.briefing-output",
            "/%2ebriefing-output",
            "/en/.index.html.briefing-1",
            "/en/.well-known/security.txt",
        ] {
            assert_eq!(resolve(&dir, attack), Target::NotFound, "{attack}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(temp.path().join("secret.txt"), dir.join("link.txt"))
                .unwrap();
            std::os::unix::fs::symlink(temp.path(), dir.join("up")).unwrap();
            assert_eq!(resolve(&dir, "/link.txt"), Target::NotFound);
            assert_eq!(resolve(&dir, "/up/secret.txt"), Target::NotFound);
            assert_eq!(resolve(&dir, "/up"), Target::NotFound, "no redirect out");
        }
    }

    #[test]
    fn text_types_declare_utf8() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("en/atom.xml")),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("assets/css/site.1a.css")),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.woff2")), "font/woff2");
    }
}
