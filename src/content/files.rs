//! Which files are inputs: the one rule the content loader, the theme loader
//! and `serve`'s watcher share, so a file the build reads is a file `serve`
//! watches, and a file `serve` ignores is one the build ignores.

use std::path::Path;

/// Hidden names (a leading `.`): editors' swap, backup and lock files such
/// as `.#01-intro.en.md` or `.base.html.swp`, `.DS_Store`, and anything an
/// editor hides from the build. No reader reads them.
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// True for what editors and merge tools leave beside a file: `x~`,
/// `x.orig`, `x.bak`, `x.rej`, `#x#`. Never content, never published.
pub fn is_leftover(name: &str) -> bool {
    name.ends_with('~')
        || [".orig", ".bak", ".rej"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
}

/// `text` without the byte-order mark an editor may save at its start
/// (Windows Notepad's "UTF-8 with BOM"): the one place every YAML and
/// Markdown file of the site drops it, so positions count from the text.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// True when a component of `path` is hidden.
pub fn has_hidden_part(path: &Path) -> bool {
    path.components()
        .any(|c| is_hidden(&c.as_os_str().to_string_lossy()))
}

/// True for a section file's name (`NN-name.LANG.md`, checked in full by the
/// loader); other files in a briefing folder (source.txt, images) are not
/// sections.
pub fn is_section_file(name: &str) -> bool {
    name.ends_with(".md") && !is_hidden(name)
}

/// True for the files of a briefing folder that the content loader reads:
/// briefing.yaml and the section files.
pub fn is_briefing_input(name: &str) -> bool {
    name == "briefing.yaml" || is_section_file(name)
}

/// The files under `dir` that a loader reads, hidden names and everything
/// under a hidden folder left out, in name order.
pub fn walk(dir: &Path) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(&e.file_name().to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_names_are_never_inputs() {
        assert!(is_section_file("01-intro.en.md"));
        assert!(!is_section_file(".#01-intro.en.md"));
        assert!(!is_section_file("01-intro.en.md~"));
        assert!(is_briefing_input("briefing.yaml"));
        assert!(!is_briefing_input("source.txt"));
        assert!(has_hidden_part(Path::new(
            "themes/t/templates/.base.html.swp"
        )));
        assert!(!has_hidden_part(Path::new("themes/t/templates/base.html")));
    }
}
