//! `serve --editor CMD`: opening a file of the site at a line in the editor
//! when a link in the error overlay is clicked. A browser cannot run
//! commands, so the overlay asks the server with a GET to [`OPEN_PATH`] and
//! the server runs the command itself.
//!
//! Whoever can make the browser send requests (any web page) must not run
//! commands or open arbitrary files: a request is answered only from the
//! server's own pages (`Sec-Fetch-Site: same-origin` and the
//! [`MARKER_HEADER`] that a page of another site cannot send without a CORS
//! preflight, which this server never grants); only regular files under
//! `content/` or `themes/`, or `site.yaml`, are opened; and no shell runs:
//! the command is split into words once, when `serve` starts, and the
//! file's canonical path, the line and the column are put into those words.

use crate::diagnostics::Diagnostic;
use percent_encoding::percent_decode_str;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// The path the overlay's links request.
pub const OPEN_PATH: &str = "/__briefing/open";

/// The header the overlay's script sends with a request to open a file.
pub const MARKER_HEADER: &str = "x-briefing-open";

/// The editor command, split into words, and the site whose files it opens.
#[derive(Debug)]
pub struct Editor {
    words: Vec<String>,
    /// The canonical site root.
    root: PathBuf,
}

/// Why a request to open a file was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The request did not come from a page of this server.
    NotFromThisServer,
    /// The query does not name a file and line, e.g. `file=content/x.md&line=3&col=1`.
    BadQuery,
    /// The file is not an input of the site (or does not exist).
    NotASiteFile,
    /// The editor could not be started.
    CannotStart(String),
}

impl Refusal {
    /// The HTTP status and a plain sentence for the answer.
    pub fn answer(&self) -> (&'static str, String) {
        match self {
            Refusal::NotFromThisServer => (
                "403 Forbidden",
                "files are opened only from the error overlay of this server's pages".into(),
            ),
            Refusal::BadQuery => (
                "400 Bad Request",
                "expected ?file=…&line=…&col=… with numbers for the line and column".into(),
            ),
            Refusal::NotASiteFile => (
                "404 Not Found",
                "only site.yaml and files under content/ and themes/ of this site are opened"
                    .into(),
            ),
            Refusal::CannotStart(e) => (
                "500 Internal Server Error",
                format!("cannot start the --editor command: {e}"),
            ),
        }
    }
}

/// Where to open: the file (canonical) and the 1-based line and column.
#[derive(Debug, PartialEq, Eq)]
struct Place {
    file: PathBuf,
    line: usize,
    column: usize,
}

impl Editor {
    /// The command `template` (words as a shell splits them, `{file}` among
    /// them), for files of the site at `root`.
    pub fn new(template: &str, root: &Path) -> Result<Editor, Diagnostic> {
        let invalid = |why: &str| {
            Diagnostic::error("--editor", 0, 0, format!("the editor command {why}"))
                .with_hint("write it as a shell would, with {file} where the file goes, e.g. --editor 'code -g {file}:{line}:{col}'")
        };
        let words = shlex::split(template).ok_or_else(|| invalid("has an unclosed quote"))?;
        if words.is_empty() {
            return Err(invalid("is empty"));
        }
        if !words.iter().any(|w| w.contains("{file}")) {
            return Err(invalid("has no {file}"));
        }
        let root = root.canonicalize().map_err(|e| {
            Diagnostic::error(root, 0, 0, format!("cannot resolve the site folder: {e}"))
        })?;
        Ok(Editor { words, root })
    }

    /// Opens the file the request's `query` names, if the request came from
    /// a page of this server: `fetch_site` is its `Sec-Fetch-Site` header,
    /// `marked` whether it carried [`MARKER_HEADER`].
    pub fn open(&self, query: &str, fetch_site: Option<&str>, marked: bool) -> Result<(), Refusal> {
        if fetch_site != Some("same-origin") || !marked {
            return Err(Refusal::NotFromThisServer);
        }
        let place = self.place(query)?;
        let words = self.command(&place);
        let mut child = Command::new(&words[0])
            .args(&words[1..])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| Refusal::CannotStart(e.to_string()))?;
        // Reap the editor when it exits, without holding up the answer.
        std::thread::spawn(move || child.wait());
        Ok(())
    }

    /// The file, line and column `query` names, the file checked to be an input of the site.
    fn place(&self, query: &str) -> Result<Place, Refusal> {
        let (mut file, mut line, mut column) = (None, None, Some(1));
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode_str(value)
                .decode_utf8()
                .map_err(|_| Refusal::BadQuery)?;
            match key {
                "file" => file = Some(value.into_owned()),
                "line" => line = value.parse().ok().filter(|&n| n > 0),
                "col" => column = value.parse().ok().filter(|&n| n > 0),
                _ => {}
            }
        }
        let (Some(file), Some(line), Some(column)) = (file, line, column) else {
            return Err(Refusal::BadQuery);
        };
        let file = self.site_file(&file).ok_or(Refusal::NotASiteFile)?;
        Ok(Place { file, line, column })
    }

    /// `file` (relative to the site root) as a canonical path, if it is
    /// `site.yaml` or a regular file under `content/` or `themes/` that
    /// stays inside the site when its links are followed; none of its
    /// names may be hidden, `.` or `..`.
    fn site_file(&self, file: &str) -> Option<PathBuf> {
        let relative = Path::new(file);
        let plain = relative.components().all(|c| match c {
            Component::Normal(name) => !name.to_string_lossy().starts_with('.'),
            _ => false,
        });
        let first = relative.components().next()?.as_os_str();
        let an_input =
            relative == Path::new("site.yaml") || first == "content" || first == "themes";
        if !plain || !an_input {
            return None;
        }
        let real = self.root.join(relative).canonicalize().ok()?;
        (real.starts_with(&self.root) && real.is_file()).then_some(real)
    }

    /// The command's words with `{file}`, `{line}` and `{col}` put in.
    fn command(&self, place: &Place) -> Vec<String> {
        let file = place.file.to_string_lossy();
        self.words
            .iter()
            .map(|word| {
                word.replace("{line}", &place.line.to_string())
                    .replace("{col}", &place.column.to_string())
                    .replace("{file}", &file)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, Editor) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/a b")).unwrap();
        std::fs::write(dir.path().join("content/a b/x;$(y).md"), "x").unwrap();
        std::fs::write(dir.path().join("site.yaml"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        let editor = Editor::new("my-editor --goto '{file}:{line}:{col}'", dir.path()).unwrap();
        (dir, editor)
    }

    #[test]
    fn file_names_stay_one_word_of_the_command() {
        let (dir, editor) = site();
        let place = editor
            .place("file=content/a%20b/x%3B%24(y).md&line=12&col=3")
            .unwrap();
        let real = dir
            .path()
            .canonicalize()
            .unwrap()
            .join("content/a b/x;$(y).md");
        assert_eq!(
            editor.command(&place),
            ["my-editor", "--goto", &format!("{}:12:3", real.display())]
        );
    }

    #[test]
    fn only_inputs_of_the_site_are_opened() {
        let (dir, editor) = site();
        let outside = dir.path().parent().unwrap().join("elsewhere.md");
        for file in [
            "secret.txt",
            "content/../secret.txt",
            "./site.yaml",
            "/etc/passwd",
            &outside.display().to_string(),
            "content/missing.md",
            "content/a b",
        ] {
            let query = format!("file={file}&line=1");
            assert_eq!(editor.place(&query), Err(Refusal::NotASiteFile), "{file}");
        }
        assert!(editor.place("file=site.yaml&line=1").is_ok());
        for query in [
            "file=site.yaml",
            "file=site.yaml&line=x",
            "file=site.yaml&line=0",
            "line=1",
        ] {
            assert_eq!(editor.place(query), Err(Refusal::BadQuery), "{query}");
        }
    }

    #[test]
    fn only_this_servers_pages_may_ask() {
        let (_dir, editor) = site();
        let query = "file=site.yaml&line=1";
        for (site, marked) in [
            (Some("cross-site"), true),
            (Some("same-site"), true),
            (None, true),
            (Some("same-origin"), false),
        ] {
            assert_eq!(
                editor.open(query, site, marked),
                Err(Refusal::NotFromThisServer),
                "{site:?} {marked}"
            );
        }
    }

    #[test]
    fn a_command_without_a_file_or_with_an_open_quote_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        for template in ["code -g", "code '{file}", ""] {
            assert!(Editor::new(template, dir.path()).is_err(), "{template}");
        }
    }
}
