//! Static files: the theme's `static/` (fingerprinted under `assets/`, with
//! the site's `static/` replacing any of them file by file, and `url()`
//! references in its CSS rewritten to the fingerprinted names) and the rest
//! of the site's `static/`, published at the output root as it is.

use super::OutputFile;
use crate::content::files;
use crate::diagnostics::Diagnostic;
use crate::digest::digest_hex;
use std::collections::BTreeMap;
use std::path::Path;

/// The site's static folder, at the root beside site.yaml.
pub const SITE_STATIC: &str = "static";

/// The hidden names at the top of the site's `static/` that are published:
/// well-known URIs (RFC 8615, e.g. `.well-known/security.txt`) and the files
/// hosts read (`.htaccess` for Apache, `.nojekyll` for GitHub Pages); other
/// hidden files (.DS_Store, .git) are not (review R29).
const PUBLISHED_HIDDEN: [&str; 3] = [".well-known", ".htaccess", ".nojekyll"];

/// The static files of a site as they will be published.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// The theme's files (or the site's replacements) with fingerprinted
    /// names, e.g. ("assets/css/site.3f2a9c1b0d.css", …).
    pub files: Vec<(String, Vec<u8>)>,
    /// Original name (e.g. "css/site.css") → fingerprinted output path.
    pub paths: BTreeMap<String, String>,
    /// The site's own static files, published at the output root as they are
    /// (favicon.ico, CNAME, _headers, .well-known/…), in path order. Such a
    /// file replaces a generated one of the same path (robots.txt, …).
    pub root: Vec<OutputFile>,
}

impl Assets {
    /// Loads the theme's static files from `theme_dir` (relative to `root`),
    /// those of the site's `static/` replacing them file by file; the other
    /// files of the site's `static/` are published as they are.
    pub fn load(root: &Path, theme_dir: &Path) -> Result<Assets, Diagnostic> {
        let mut sources: BTreeMap<String, (std::path::PathBuf, Vec<u8>)> =
            read_files(root, theme_dir, false)?
                .into_iter()
                .map(|(name, bytes)| (name.clone(), (theme_dir.join(&name), bytes)))
                .collect();
        let mut assets = Assets::default();
        for (name, bytes) in read_files(root, Path::new(SITE_STATIC), true)? {
            match sources.get_mut(&name) {
                Some(theme_file) => *theme_file = (Path::new(SITE_STATIC).join(&name), bytes),
                None => assets.root.push(OutputFile { path: name, bytes }),
            }
        }
        // In path order, which `is_root_file` searches: a folder's files come
        // before a sibling file that shares its name's start ("en/briefings/…"
        // after "en/briefings.bib"), which a walk puts the other way round
        // (review s10 attacker F17: such a collision went unreported).
        assets.root.sort_by(|a, b| a.path.cmp(&b.path));
        // Everything but CSS first: the CSS names their fingerprinted URLs.
        let (css, other): (Vec<_>, Vec<_>) = sources
            .into_iter()
            .partition(|(name, _)| name.ends_with(".css"));
        for (name, (_, bytes)) in other {
            assets.add(name, bytes);
        }
        let known = assets.urls();
        for (name, (file, bytes)) in css {
            let text = String::from_utf8_lossy(&bytes);
            let (rewritten, unresolved) = rewrite_urls(&text, &name, &known);
            if let Some((at, url)) = unresolved.first() {
                return Err(unresolved_url(&file, &text, *at, url));
            }
            let minified = minify_css(&rewritten, &file)?;
            assets.add(name, minified);
        }
        assets.files.sort();
        Ok(assets)
    }

    /// Every static file a template or stylesheet may name, by its path
    /// under `static/` → its output path: the theme's (fingerprinted) and
    /// the site's own, published as they are (review R12: a site's logo
    /// could not be named).
    pub fn urls(&self) -> BTreeMap<String, String> {
        let mut urls = self.paths.clone();
        for file in &self.root {
            urls.insert(file.path.clone(), file.path.clone());
        }
        urls
    }

    /// Whether the site's `static/` publishes a file at `path` as it is.
    pub fn is_root_file(&self, path: &str) -> bool {
        self.root
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .is_ok()
    }

    fn add(&mut self, name: String, bytes: Vec<u8>) {
        let out = format!("assets/{}", fingerprinted(&name, &bytes));
        self.paths.insert(name, out.clone());
        self.files.push((out, bytes));
    }
}

/// Every file under `root/dir` in name order: (name with '/' separators,
/// bytes). Hidden names are left out, except the top-level
/// [`PUBLISHED_HIDDEN`] when `well_known` is set, and so are editors'
/// leftovers (`x~`, `x.bak`, …), as in content/ (review R36: a backup
/// stopped the build in templates/ and was published from static/).
pub(super) fn read_files(
    root: &Path,
    dir: &Path,
    well_known: bool,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let base = root.join(dir);
    let walker = walkdir::WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            let hidden = files::is_hidden(&name)
                && !(well_known && e.depth() == 1 && PUBLISHED_HIDDEN.contains(&name.as_ref()));
            e.depth() == 0 || !(hidden || files::is_leftover(&name))
        });
    let mut found = Vec::new();
    for entry in walker.filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            Diagnostic::error(dir.join(rel), 0, 0, format!("cannot read this file: {e}"))
        })?;
        found.push((rel.to_string_lossy().replace('\\', "/"), bytes));
    }
    Ok(found)
}

/// `css/site.css` → `css/site.1a2b3c4d5e.css`, the hash taken over the content.
fn fingerprinted(name: &str, bytes: &[u8]) -> String {
    let hex = digest_hex(bytes, 5);
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hex}.{ext}"),
        None => format!("{name}.{hex}"),
    }
}

/// The stylesheet `css` (the static file `name`) with each relative or
/// root-absolute `url()` that names another static file pointing at its
/// fingerprinted name, and the offset and text of each such `url()` that
/// names no static file (review R32: they were kept and 404ed). Addresses,
/// `data:` URLs and fragments are kept as written.
fn rewrite_urls(
    css: &str,
    name: &str,
    paths: &BTreeMap<String, String>,
) -> (String, Vec<(usize, String)>) {
    let folder = name.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut out = String::with_capacity(css.len());
    let mut unresolved = Vec::new();
    let mut rest = css;
    while let Some(start) = rest.find("url(") {
        let at = css.len() - rest.len() + start;
        let (before, after) = rest.split_at(start + "url(".len());
        out.push_str(before);
        let Some(end) = after.find(')') else {
            rest = after;
            break;
        };
        let raw = &after[..end];
        let url = raw.trim().trim_matches(|c| c == '"' || c == '\'');
        match fingerprinted_url(url, folder, paths) {
            Some(new) => out.push_str(&format!("\"{new}\"")),
            None => {
                let kept = url.is_empty()
                    || url.contains(':')
                    || url.starts_with(['#'])
                    || url.starts_with("//");
                if !kept {
                    unresolved.push((at, url.to_string()));
                }
                out.push_str(raw)
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    (out, unresolved)
}

/// The error for a `url()` at byte `at` of the stylesheet `file` (`text`)
/// that names no static file.
fn unresolved_url(file: &Path, text: &str, at: usize, url: &str) -> Diagnostic {
    let (line, column) = crate::diagnostics::line_col(text, at);
    Diagnostic::error(
        file,
        line,
        column,
        format!("`url({url})` names no file of the theme's or the site's static/"),
    )
    .with_hint("correct the path (relative to the stylesheet, or from the static/ folder with a leading /) or add the file")
}

/// The fingerprinted form of the relative `url` seen from `folder`, if it
/// names a static file.
fn fingerprinted_url(url: &str, folder: &str, paths: &BTreeMap<String, String>) -> Option<String> {
    if url.is_empty() || url.contains(':') || url.starts_with('#') || url.starts_with("//") {
        return None;
    }
    let depth = folder.split('/').filter(|p| !p.is_empty()).count();
    if let Some(path) = url.strip_prefix('/') {
        // From the static/ folder: relative to the stylesheet's output folder
        // (assets/<folder>/), so it works under any base path.
        let (path, suffix) = path
            .find(['?', '#'])
            .map_or((path, ""), |i| path.split_at(i));
        let target = paths.get(path)?;
        return Some(format!("{}{target}{suffix}", "../".repeat(1 + depth)));
    }
    let (path, suffix) = url
        .find(['?', '#'])
        .map_or((url, ""), |i| (&url[..i], &url[i..]));
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let key = parts.join("/");
    let target = paths.get(&key)?;
    if !target.starts_with("assets/") {
        // A site file at the output root, seen from assets/<folder>/.
        return Some(format!("{}{target}{suffix}", "../".repeat(1 + depth)));
    }
    let file = target.rsplit('/').next()?;
    let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    Some(match dir {
        "" => format!("{file}{suffix}"),
        dir => format!("{dir}/{file}{suffix}"),
    })
}

fn minify_css(text: &str, file: &Path) -> Result<Vec<u8>, Diagnostic> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let invalid = |e: String| {
        Diagnostic::error(file, 0, 0, format!("invalid CSS: {e}")).with_hint("fix the stylesheet")
    };
    let mut sheet =
        StyleSheet::parse(text, ParserOptions::default()).map_err(|e| invalid(e.to_string()))?;
    sheet
        .minify(MinifyOptions::default())
        .map_err(|e| invalid(e.to_string()))?;
    let css = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|e| invalid(e.to_string()))?;
    Ok(css.code.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_change_with_content() {
        let a = fingerprinted("css/site.css", b"a{}");
        assert!(
            a.starts_with("css/site.")
                && a.ends_with(".css")
                && a.len() == "css/site..css".len() + 10,
            "{a}"
        );
        assert_ne!(a, fingerprinted("css/site.css", b"b{}"));
    }

    #[test]
    fn css_urls_name_the_fingerprinted_files() {
        let paths: BTreeMap<String, String> = [
            ("img/logo.svg", "assets/img/logo.0123456789.svg"),
            ("css/bg.png", "assets/css/bg.aaaaaaaaaa.png"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let css = r#"a{background:url("../img/logo.svg#x")}b{background:url( bg.png )}c{background:url(data:image/png;base64,AA)}d{background:url(/img/logo.svg)}e{background:url('../img/none.svg')}"#;
        let (out, unresolved) = rewrite_urls(css, "css/site.css", &paths);
        assert!(
            out.contains(r#"url("../img/logo.0123456789.svg#x")"#),
            "{out}"
        );
        assert!(out.contains(r#"url("bg.aaaaaaaaaa.png")"#), "{out}");
        assert!(out.contains("url(data:image/png;base64,AA)"), "{out}");
        // A root-absolute URL is a file of static/ (review R32).
        assert!(
            out.contains(r#"url("../../assets/img/logo.0123456789.svg")"#),
            "{out}"
        );
        assert!(out.contains("url('../img/none.svg')"), "{out}");
        let at = css.find("url('../img/none.svg')").unwrap();
        assert_eq!(unresolved, [(at, "../img/none.svg".to_string())]);
        assert_eq!(fingerprinted_url("../../x.svg", "css", &paths), None);
    }

    /// A stylesheet names a file of the site's own static/ (published at
    /// the output root) relative to where it is published (review R12).
    #[test]
    fn css_urls_reach_the_sites_own_static_files() {
        let paths: BTreeMap<String, String> = [("img/site-logo.svg", "img/site-logo.svg")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let (out, _) = rewrite_urls(
            "a{background:url(../img/site-logo.svg)}",
            "css/site.css",
            &paths,
        );
        assert!(out.contains(r#"url("../../img/site-logo.svg")"#), "{out}");
    }
}
