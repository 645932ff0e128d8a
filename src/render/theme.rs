//! A theme on disk: Tera templates (parsed once), the per-language UI strings
//! and the static assets, fingerprinted by content hash.

use crate::content::files;
use crate::diagnostics::{Diagnostic, Failure};
use crate::digest::digest_hex;
use crate::minify::Minify;
use crate::yaml;
use std::collections::BTreeMap;
use std::path::Path;

/// UI strings of one language: key → text.
pub type Strings = BTreeMap<String, String>;

/// A loaded theme, ready to render any number of pages.
pub struct Theme {
    /// The template engine with every template of the theme (minified,
    /// unless pages are minified instead).
    pub tera: tera::Tera,
    /// The templates as written, when `tera` holds them minified: an error
    /// is reported from these, at the line and column the author sees.
    as_written: Option<tera::Tera>,
    /// UI strings per language.
    pub strings: BTreeMap<String, Strings>,
    /// Static files with fingerprinted names.
    pub assets: Assets,
}

/// The theme's static files as they will be published.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// (output path, bytes), e.g. ("assets/site.3f2a9c1b.css", …).
    pub files: Vec<(String, Vec<u8>)>,
    /// Original name (e.g. "site.css") → fingerprinted output path.
    pub paths: BTreeMap<String, String>,
}

impl Theme {
    /// Loads `themes/<name>/` under `root` for the given languages, its
    /// HTML templates minified unless pages are to be minified instead.
    pub fn load(
        root: &Path,
        name: &str,
        languages: &[String],
        minify: Minify,
    ) -> Result<Theme, Failure> {
        let dir = Path::new("themes").join(name);
        if !root.join(&dir).is_dir() {
            return Err(Diagnostic::error(
                "site.yaml",
                0,
                0,
                format!("the theme \"{name}\" does not exist"),
            )
            .with_hint(format!(
                "create {} or set `theme:` to an existing folder under themes/",
                dir.display()
            ))
            .into());
        }
        let (tera, as_written) = load_templates(root, &dir.join("templates"), minify)?;
        let strings = languages
            .iter()
            .map(|lang| Ok((lang.clone(), load_strings(root, &dir, lang)?)))
            .collect::<Result<_, Diagnostic>>()?;
        check_strings(&strings, &dir)?;
        let assets = load_assets(root, &dir.join("static"))?;
        Ok(Theme {
            tera,
            as_written,
            strings,
            assets,
        })
    }

    /// Renders `template`. On an error with minified templates, the
    /// template as written is rendered again for the error, whose line and
    /// column then point into the file the theme's author edits.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, tera::Error> {
        self.tera.render(template, context).map_err(|error| {
            self.as_written
                .as_ref()
                .and_then(|written| written.render(template, context).err())
                .unwrap_or(error)
        })
    }
}

/// Every file under `root/dir` in name order: (name with '/' separators, bytes).
fn read_files(root: &Path, dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let base = root.join(dir);
    let mut files = Vec::new();
    for entry in files::walk(&base).filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            Diagnostic::error(dir.join(rel), 0, 0, format!("cannot read this file: {e}"))
        })?;
        files.push((rel.to_string_lossy().replace('\\', "/"), bytes));
    }
    Ok(files)
}

/// The templates of `dir`: the engine to render with, and (when it holds
/// them minified) the same templates as written, for error positions.
type Templates = (tera::Tera, Option<tera::Tera>);

fn load_templates(root: &Path, dir: &Path, minify: Minify) -> Result<Templates, Failure> {
    let sources = read_templates(root, dir)?;
    let as_written = engine(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())), dir)?;
    if minify == Minify::Pages {
        return Ok((as_written, None));
    }
    let minified: Vec<(&str, String)> = sources
        .iter()
        .map(|(name, text)| match name.ends_with(".html") {
            true => (name.as_str(), crate::minify::template(text)),
            false => (name.as_str(), text.clone()),
        })
        .collect();
    let tera = engine(minified.iter().map(|(n, t)| (*n, t.as_str())), dir)?;
    Ok((tera, Some(as_written)))
}

/// A Tera engine with `templates` (name, source), HTML and XML autoescaped.
fn engine<'t>(
    templates: impl IntoIterator<Item = (&'t str, &'t str)>,
    dir: &Path,
) -> Result<tera::Tera, Failure> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.add_raw_templates(templates)
        .map_err(|e| template_error(&e, dir))?;
    Ok(tera)
}

/// Every template under `dir` as UTF-8 text: (name, source).
fn read_templates(root: &Path, dir: &Path) -> Result<Vec<(String, String)>, Failure> {
    let mut sources = Vec::new();
    for (name, bytes) in read_files(root, dir)? {
        let text = String::from_utf8(bytes).map_err(|_| {
            Diagnostic::error(
                dir.join(&name),
                0,
                0,
                "this template is not valid UTF-8 text",
            )
            .with_hint("save the template with UTF-8 encoding")
        })?;
        sources.push((name, text));
    }
    Ok(sources)
}

/// Turns a Tera error into a diagnostic pointing into the template.
pub fn template_error(e: &tera::Error, dir: &Path) -> Diagnostic {
    use tera::ErrorKind;
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            Diagnostic::error(dir.join(r.filename()), span.start_line, span.start_col + 1, r.message().to_string())
                .with_hint("fix the template; variables available to templates are listed in docs/ARCHITECTURE.md")
        }
        _ => Diagnostic::error(dir, 0, 0, format!("template error: {e}"))
            .with_hint("check the theme's templates"),
    }
}

fn load_strings(root: &Path, theme: &Path, lang: &str) -> Result<Strings, Diagnostic> {
    let file = theme.join("strings").join(format!("{lang}.yaml"));
    let text = std::fs::read_to_string(root.join(&file)).map_err(|e| {
        Diagnostic::error(
            &file,
            0,
            0,
            format!("the theme has no UI strings for \"{lang}\": {e}"),
        )
        .with_hint("copy the strings file of another language and translate it")
    })?;
    yaml::parse(&text, &file, 1, "the UI strings")
}

/// Keys the renderer looks up itself, besides those the templates use.
const RENDERER_KEYS: &[&str] = &[
    "authors_title",
    "backlink_label",
    "date_format",
    "glossary_title",
    "language_name",
    "language_short_name",
    "list_separator",
    "month_names",
    "not_found_home",
    "not_found_text",
    "not_found_title",
    "note_label",
    "only_in",
    "page_n",
    "search_in_other",
    "search_title",
    "see_note",
    "see_notes",
    "topics_title",
];

/// Every language's strings must have every key the renderer uses and
/// every key another language has (a template uses it), so no page ever
/// shows a key instead of its text. One error per missing key.
fn check_strings(strings: &BTreeMap<String, Strings>, theme: &Path) -> Result<(), Failure> {
    let mut needed: BTreeMap<&str, Option<&str>> =
        RENDERER_KEYS.iter().map(|key| (*key, None)).collect();
    for (lang, keys) in strings {
        for key in keys.keys() {
            needed.entry(key).or_insert(Some(lang));
        }
    }
    let missing: Vec<Diagnostic> = strings
        .iter()
        .flat_map(|(lang, keys)| {
            let file = theme.join("strings").join(format!("{lang}.yaml"));
            needed
                .iter()
                .filter(|(key, _)| !keys.contains_key(**key))
                .map(move |(key, source)| {
                    let hint = match source {
                        Some(other) => format!(
                            "add `{key}:` with the text of `{key}` in {other}.yaml, translated"
                        ),
                        None => format!(
                            "add `{key}:`; briefing's renderer uses it on every page that needs it"
                        ),
                    };
                    Diagnostic::error(
                        &file,
                        0,
                        0,
                        format!("the UI strings of \"{lang}\" have no `{key}`"),
                    )
                    .with_hint(hint)
                })
        })
        .collect();
    match missing.is_empty() {
        true => Ok(()),
        false => Err(Failure(missing)),
    }
}

fn load_assets(root: &Path, dir: &Path) -> Result<Assets, Diagnostic> {
    let mut assets = Assets::default();
    for (name, bytes) in read_files(root, dir)? {
        let bytes = if name.ends_with(".css") {
            minify_css(&bytes, &dir.join(&name))?
        } else {
            bytes
        };
        let out = format!("assets/{}", fingerprinted(&name, &bytes));
        assets.paths.insert(name, out.clone());
        assets.files.push((out, bytes));
    }
    Ok(assets)
}

/// `css/site.css` → `css/site.1a2b3c4d5e.css`, the hash taken over the content.
fn fingerprinted(name: &str, bytes: &[u8]) -> String {
    let hex = digest_hex(bytes, 5);
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hex}.{ext}"),
        None => format!("{name}.{hex}"),
    }
}

fn minify_css(bytes: &[u8], file: &Path) -> Result<Vec<u8>, Diagnostic> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let text = String::from_utf8_lossy(bytes);
    let invalid = |e: String| {
        Diagnostic::error(file, 0, 0, format!("invalid CSS: {e}")).with_hint("fix the stylesheet")
    };
    let mut sheet =
        StyleSheet::parse(&text, ParserOptions::default()).map_err(|e| invalid(e.to_string()))?;
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
}
