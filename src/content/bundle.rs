//! A briefing's bundle: the files of its folder other than briefing.yaml,
//! the section files and the import's own copy of the paper (`source.txt`),
//! such as figures, the original PDF or data files. They are published
//! beside the briefing's page, one copy shared by every language, and the
//! Markdown names them by file name (`![Chart](chart.png "Caption")`).

use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The importer's copy of the paper's text: kept in the folder, never published.
pub const IMPORT_SOURCE: &str = "source.txt";

/// One file of a bundle.
#[derive(Debug, Clone)]
pub struct BundleFile {
    /// Its file name, which the Markdown and `pdf:` use.
    pub name: String,
    /// Its path relative to the site root.
    pub path: PathBuf,
    /// Its content.
    pub bytes: Arc<Vec<u8>>,
    /// Width and height in pixels, for an image whose header gives them.
    pub size: Option<(usize, usize)>,
}

/// True for a file name of a briefing folder that belongs to its bundle.
pub fn is_bundle_file(name: &str) -> bool {
    !super::files::is_briefing_input(name)
        && !super::files::is_hidden(name)
        && !super::files::is_leftover(name)
        && !name.ends_with(".md")
        && name != IMPORT_SOURCE
}

/// Reads the bundle files among `files` (paths relative to `root`, in name
/// order; folders are left out).
pub fn load(root: &Path, files: &[PathBuf]) -> Result<Vec<BundleFile>, Vec<Diagnostic>> {
    let mut bundle = Vec::new();
    let mut errors = Vec::new();
    for path in files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(name) = name.filter(|n| is_bundle_file(n)) else {
            continue;
        };
        if !root.join(path).is_file() {
            continue;
        }
        if name == "index.html" {
            errors.push(
                Diagnostic::error(
                    path,
                    0,
                    0,
                    "index.html is the name of the briefing's own page",
                )
                .with_hint("rename the file; it is published beside the page under its name"),
            );
            continue;
        }
        match std::fs::read(root.join(path)) {
            Ok(bytes) => bundle.push(BundleFile {
                size: imagesize::blob_size(&bytes)
                    .ok()
                    .map(|s| (s.width, s.height)),
                name,
                path: path.clone(),
                bytes: Arc::new(bytes),
            }),
            Err(e) => errors.push(
                Diagnostic::error(path, 0, 0, format!("cannot read this file: {e}"))
                    .with_hint("check the file's permissions"),
            ),
        }
    }
    match errors.is_empty() {
        true => Ok(bundle),
        false => Err(errors),
    }
}

/// The bundle file a URL in a briefing's Markdown names: a bare file name
/// (or `./name`), with any query or fragment after it. Other URLs (with a
/// scheme, absolute, a fragment alone, a path into another folder) are not
/// the bundle's, and `None` is returned.
pub fn file_name(url: &str) -> Option<&str> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = path.strip_prefix("./").unwrap_or(path);
    let plain = !path.is_empty() && !path.contains(['/', ':', '\\']) && path != "..";
    plain.then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_files_are_named_by_bare_file_names() {
        assert_eq!(file_name("chart.png"), Some("chart.png"));
        assert_eq!(file_name("./paper.pdf#page=2"), Some("paper.pdf"));
        for other in [
            "https://example.org/x.png",
            "/x.png",
            "#fn-1",
            "../other/",
            "img/x.png",
            "mailto:a@b",
            "",
        ] {
            assert_eq!(file_name(other), None, "{other}");
        }
        assert!(is_bundle_file("chart.png"));
        for not in [
            "briefing.yaml",
            "01-a.en.md",
            "notes.md",
            "source.txt",
            ".DS_Store",
            "source.txt~",
            "briefing.yaml.orig",
            "chart.png.bak",
            "#notes#",
        ] {
            assert!(!is_bundle_file(not), "{not}");
        }
    }
}
