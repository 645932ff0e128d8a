//! A theme on disk: Tera templates (parsed once), the per-language UI strings
//! and the static assets, fingerprinted by content hash. The site's own
//! `templates/` and `static/` come first, file by file: a site replaces one
//! template or asset of the theme without copying the rest.

use super::assets::{self, Assets};
use crate::content::model::SiteConfig;
use crate::diagnostics::{Diagnostic, Failure};
use crate::minify::Minify;
use crate::yaml;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// UI strings of one language: key → text.
pub type Strings = BTreeMap<String, String>;

/// The site's template folder, at the root beside site.yaml.
const SITE_TEMPLATES: &str = "templates";

/// A loaded theme, ready to render any number of pages.
pub struct Theme {
    /// The template engine with every template of the theme (minified,
    /// unless pages are minified instead).
    pub tera: tera::Tera,
    /// The templates as written, when `tera` holds them minified: an error
    /// is reported from these, at the line and column the author sees.
    as_written: Option<tera::Tera>,
    /// Template name → its file, relative to the site root (the site's
    /// override or the theme's own), for diagnostics.
    files: BTreeMap<String, PathBuf>,
    /// UI strings per language.
    pub strings: BTreeMap<String, Strings>,
    /// Static files with fingerprinted names, and the site's own.
    pub assets: Assets,
}

impl Theme {
    /// Loads the theme `config` names, under `root`, for its languages,
    /// with the site's `templates/` and `static/` overriding its files, HTML
    /// templates minified unless pages are to be minified instead.
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Theme, Failure> {
        let name = &config.theme;
        let dir = Path::new("themes").join(name);
        if !root.join(&dir).is_dir() {
            return Err(missing_theme(root, name).into());
        }
        let sources = template_sources(root, &dir.join("templates"))?;
        let files = sources
            .iter()
            .map(|(name, (file, _))| (name.clone(), file.clone()))
            .collect();
        let strings = config
            .languages
            .iter()
            .map(|lang| Ok((lang.clone(), load_strings(root, &dir, lang)?)))
            .collect::<Result<_, Diagnostic>>()?;
        check_strings(&strings, &dir)?;
        let assets = Assets::load(root, &dir.join("static"))?;
        let asset = AssetUrl {
            base_path: config.base_path(),
            paths: assets.urls(),
        };
        let (tera, as_written) = load_templates(&sources, &files, config.minify, &asset)?;
        Ok(Theme {
            tera,
            as_written,
            files,
            strings,
            assets,
        })
    }

    /// Renders `template`. On an error with minified templates, the
    /// template as written is rendered again for the error, whose line and
    /// column then point into the file the theme's author edits.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera.render(template, context).map_err(|error| {
            let error = self
                .as_written
                .as_ref()
                .and_then(|written| written.render(template, context).err())
                .unwrap_or(error);
            template_error(&error, &self.files)
        })
    }
}

/// The error for a `theme:` naming no folder of themes/, at the value in
/// site.yaml with a "did you mean" (review editor F18: it had neither).
fn missing_theme(root: &Path, name: &str) -> Diagnostic {
    let text = crate::content::read_text(root, Path::new("site.yaml")).unwrap_or_default();
    let (line, column) = yaml::find_value(&text, 0, "theme")
        .map_or((0, 0), |at| crate::diagnostics::line_col(&text, at));
    let themes: Vec<String> = std::fs::read_dir(root.join("themes"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let names: Vec<&str> = themes.iter().map(String::as_str).collect();
    let hint = match yaml::closest(name, &names) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("create themes/{name} or set `theme:` to an existing folder under themes/"),
    };
    Diagnostic::error(
        "site.yaml",
        line,
        column,
        format!("the theme \"{name}\" does not exist"),
    )
    .with_hint(hint)
}

/// Every template: name → (its file relative to the root, source). The
/// theme's templates under `dir`, each replaced by the site's own of the
/// same name; a site template the theme does not have is an error (it
/// would never be used), with the theme's nearest name as a hint.
type Sources = BTreeMap<String, (PathBuf, String)>;

fn template_sources(root: &Path, dir: &Path) -> Result<Sources, Failure> {
    let mut sources: Sources = read_templates(root, dir)?
        .into_iter()
        .map(|(name, text)| (name.clone(), (dir.join(&name), text)))
        .collect();
    let site = Path::new(SITE_TEMPLATES);
    let mut unknown = Vec::new();
    for (name, text) in read_templates(root, site)? {
        let file = site.join(&name);
        match sources.get_mut(&name) {
            Some(theme) => *theme = (file, text),
            None => unknown.push(unknown_template(file, &name, &sources)),
        }
    }
    match unknown.is_empty() {
        true => Ok(sources),
        false => Err(Failure(unknown)),
    }
}

fn unknown_template(file: PathBuf, name: &str, sources: &Sources) -> Diagnostic {
    let names: Vec<&str> = sources.keys().map(String::as_str).collect();
    let hint = match yaml::closest(name, &names) {
        Some(near) => format!("did you mean `{near}`? A file under templates/ replaces the theme's template of the same name"),
        None => "a file under templates/ replaces the theme's template of the same name; the theme's templates are listed in docs/ARCHITECTURE.md".into(),
    };
    Diagnostic::error(
        file,
        1,
        1,
        format!("the theme has no template `{name}` for this file to override"),
    )
    .with_hint(hint)
}

/// The engine to render with, and (when it holds the templates minified)
/// the same templates as written, for error positions.
type Templates = (tera::Tera, Option<tera::Tera>);

fn load_templates(
    sources: &Sources,
    files: &BTreeMap<String, PathBuf>,
    minify: Minify,
    asset: &AssetUrl,
) -> Result<Templates, Failure> {
    let as_written = engine(
        sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str())),
        files,
        asset,
    )?;
    if minify == Minify::Pages {
        return Ok((as_written, None));
    }
    let minified: Vec<(&str, String)> = sources
        .iter()
        .map(|(name, (_, text))| match name.ends_with(".html") {
            true => (name.as_str(), crate::minify::template(text)),
            false => (name.as_str(), text.clone()),
        })
        .collect();
    let tera = engine(minified.iter().map(|(n, t)| (*n, t.as_str())), files, asset)?;
    Ok((tera, Some(as_written)))
}

/// A Tera engine with `templates` (name, source), HTML and XML
/// autoescaped, and the `asset` and `plural` functions.
fn engine<'t>(
    templates: impl IntoIterator<Item = (&'t str, &'t str)>,
    files: &BTreeMap<String, PathBuf>,
    asset: &AssetUrl,
) -> Result<tera::Tera, Failure> {
    let templates: Vec<(&str, &str)> = templates.into_iter().collect();
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.register_function("asset", asset.clone());
    tera.register_function("plural", plural);
    tera.add_raw_templates(templates.iter().copied())
        .map_err(|e| {
            let found: Vec<Diagnostic> = templates
                .iter()
                .filter_map(|(name, text)| syntax_error(name, text, files))
                .collect();
            match found.is_empty() {
                true => Failure::from(template_error(&e, files)),
                false => Failure(found),
            }
        })?;
    Ok(tera)
}

/// The syntax error of the template `name` parsed on its own, if it has
/// one: Tera stops at the first template it cannot parse, so each is parsed
/// alone to report every one in a run (review editor F20).
fn syntax_error(name: &str, text: &str, files: &BTreeMap<String, PathBuf>) -> Option<Diagnostic> {
    let mut alone = tera::Tera::new();
    let error = alone.add_raw_template(name, text).err()?;
    matches!(error.kind(), tera::ErrorKind::SyntaxError(_)).then(|| template_error(&error, files))
}

/// The template function `plural(n=3, one=t.briefing_count_one,
/// other=t.briefing_count)`: the string for `n` (`one` when `n` is 1, else
/// `other`) with "{n}" replaced by `n`. search.js picks `search_found_one`
/// by the same rule.
fn plural(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let n: i64 = kwargs.must_get("n")?;
    let text: &str = kwargs.must_get(if n == 1 { "one" } else { "other" })?;
    Ok(text.replace("{n}", &n.to_string()))
}

/// The template function `asset(path="img/logo.svg")`: the site-relative
/// URL of a static file: the theme's under its fingerprinted name, the
/// site's own as it is published.
#[derive(Clone)]
struct AssetUrl {
    base_path: String,
    paths: BTreeMap<String, String>,
}

impl tera::Function<tera::TeraResult<String>> for AssetUrl {
    fn call(&self, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
        let path: &str = kwargs.must_get("path")?;
        match self.paths.get(path) {
            Some(out) => Ok(format!("{}{out}", self.base_path)),
            None => Err(tera::Error::message(format!(
                "asset(path=\"{path}\"): neither the site's nor the theme's static/ has such a file"
            ))),
        }
    }
}

/// Every template under `dir` as UTF-8 text: (name, source), each read as
/// every text input is.
fn read_templates(root: &Path, dir: &Path) -> Result<Vec<(String, String)>, Failure> {
    let mut sources = Vec::new();
    for (name, file) in assets::list_files(root, dir, false) {
        sources.push((name, crate::content::read_text(root, &file)?));
    }
    Ok(sources)
}

/// Turns a Tera error into a diagnostic pointing into the template's file.
fn template_error(e: &tera::Error, files: &BTreeMap<String, PathBuf>) -> Diagnostic {
    use tera::ErrorKind;
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            let file = files
                .get(r.filename())
                .cloned()
                .unwrap_or_else(|| r.filename().into());
            Diagnostic::error(file, span.start_line, span.start_col + 1, r.message().to_string())
                .with_hint("fix the template; variables and functions available to templates are listed in docs/ARCHITECTURE.md")
        }
        _ => Diagnostic::error("site.yaml", 0, 0, format!("template error: {e}"))
            .with_hint("check the theme's templates"),
    }
}

fn load_strings(root: &Path, theme: &Path, lang: &str) -> Result<Strings, Diagnostic> {
    let file = theme.join("strings").join(format!("{lang}.yaml"));
    if root.join(&file).symlink_metadata().is_err() {
        return Err(Diagnostic::error(
            &file,
            0,
            0,
            format!("the theme has no UI strings for \"{lang}\""),
        )
        .with_hint("copy the strings file of another language and translate it"));
    }
    let text = crate::content::read_text(root, &file)?;
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
