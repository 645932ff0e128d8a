//! `#anchor`s of links to the site's pages (`@/briefings/x#section-2`, a
//! root-relative `/glossary/#t`, a same-page `#section-2-1`) checked
//! against the ids of the page they lead to as rendered, like Zola's
//! internal links: a link is noted where it is resolved ([`super::links`]),
//! the ids are read from each HTML page as it goes to the sink, and once
//! every page is rendered each noted fragment must be an id of its page.
//! The ids come from the rendered HTML, so the check cannot disagree with
//! the page (headings, sections, notes, the theme's own ids).

use super::OutputFile;
use crate::diagnostics::Diagnostic;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

/// A link with a fragment, to a page of the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AnchorLink {
    /// The file the link is written in, relative to the site root.
    pub file: PathBuf,
    /// Its 1-based line and column there.
    pub at: (usize, usize),
    /// The URL as written.
    pub url: String,
    /// The href of the page it leads to, without query and fragment
    /// (`/en/briefings/x/`).
    pub page: String,
    /// The fragment, percent-decoded, without its `#`.
    pub fragment: String,
    /// True when a missing id is an error (`@/` and same-page links); a
    /// root-relative link's is a warning, as a path the site does not
    /// publish is.
    pub error: bool,
}

impl AnchorLink {
    /// The link to `fragment` (as written after the `#`) of the page at
    /// `page`, or None when the fragment names no element: empty, or
    /// `top`, which HTML takes for the top of any page.
    pub fn new(
        (file, at): (PathBuf, (usize, usize)),
        url: &str,
        page: String,
        fragment: &str,
        error: bool,
    ) -> Option<AnchorLink> {
        let fragment = percent_encoding::percent_decode_str(fragment)
            .decode_utf8_lossy()
            .into_owned();
        if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
            return None;
        }
        Some(AnchorLink {
            file,
            at,
            url: url.to_string(),
            page,
            fragment,
            error,
        })
    }
}

/// What a render gathers for the check: the links noted while pages were
/// parsed and, per HTML page handed to the sink, its ids.
#[derive(Debug, Default)]
pub struct Anchors {
    links: Mutex<Vec<AnchorLink>>,
    ids: Mutex<HashMap<String, BTreeSet<String>>>,
}

impl Anchors {
    /// Notes a link to check once every page is rendered.
    pub fn note(&self, link: AnchorLink) {
        lock(&self.links).push(link);
    }

    /// Reads the ids of `file` when it is an HTML page.
    pub fn read(&self, file: &OutputFile) {
        if !file.path.ends_with(".html") {
            return;
        }
        let html = String::from_utf8_lossy(&file.bytes);
        lock(&self.ids).insert(file.path.clone(), ids(&html));
    }

    /// A diagnostic for each noted link whose page (at `base_path` +
    /// output path) was rendered and has no element of its fragment; once
    /// per link, in file order.
    pub fn check(&self, base_path: &str) -> Vec<Diagnostic> {
        let ids = lock(&self.ids);
        let mut links = lock(&self.links).clone();
        links.sort();
        links.dedup();
        links
            .iter()
            .filter_map(|link| {
                let page = ids.get(&output_path(link.page.strip_prefix(base_path)?))?;
                (!page.contains(&link.fragment)).then(|| missing(link, page))
            })
            .collect()
    }
}

/// The output file of the page at `path` (below the base path): a folder's
/// `index.html`, or the file named.
fn output_path(path: &str) -> String {
    if path.ends_with(".html") {
        return path.to_string();
    }
    match path.trim_end_matches('/') {
        "" => "index.html".into(),
        folder => format!("{folder}/index.html"),
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The ids of `html`'s elements, with the names of its `<a name>`s: what a
/// fragment can lead to.
fn ids(html: &str) -> BTreeSet<String> {
    crate::markdown::tags(html)
        .into_iter()
        .filter(|t| !t.closing)
        .flat_map(|t| {
            let anchor = t.name == "a";
            t.attributes
                .into_iter()
                .filter(move |(name, _)| name == "id" || (anchor && name == "name"))
                .map(|(_, value)| value)
        })
        .collect()
}

/// The diagnostic for `link`, whose page has the ids `page`.
fn missing(link: &AnchorLink, page: &BTreeSet<String>) -> Diagnostic {
    let (line, column) = link.at;
    let message = format!(
        "`{}` leads to no element of its page: the page has no id `{}`",
        link.url, link.fragment
    );
    let d = match link.error {
        true => Diagnostic::error(&link.file, line, column, message),
        false => Diagnostic::warning(&link.file, line, column, message),
    };
    let closest = page
        .iter()
        .map(|id| (strsim::normalized_levenshtein(id, &link.fragment), id))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    d.with_hint(match closest {
        Some((_, id)) => format!("did you mean `#{id}`?"),
        None => "link an id the page has: a section's or a heading's (`### Title {#id}` sets one), or a note's".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::ids;

    #[test]
    fn ids_and_anchor_names_are_read_from_start_tags_outside_comments() {
        let html =
            r#"<h3 id="a-1">x</h3><!-- <p id="c"> --><a name="old"></a><p name="n" ID='b-c'>"#;
        let found: Vec<String> = ids(html).into_iter().collect();
        assert_eq!(found, ["a-1", "b-c", "old"]);
    }
}
