//! Links from Markdown to the site's own pages. `@/briefings/<slug>`,
//! `@/pages/<name>`, `@/glossary`, `@/glossary/<id>`, `@/topics/<id>`,
//! `@/authors/<id>`, `@/search` and `@/` (the front page) name a page by what
//! it is, like Zola's `@/…` links: they become the page's URL in the
//! language of the file they are written in, under the site's base path,
//! and one that names nothing is an error at its place. A root-relative link
//! (`/briefings/x/`, `/en/glossary/`) to a page or file the site publishes
//! gets the base path too; one to a path the site does not publish is a
//! warning, since the host may serve other things beside the site.

use super::anchors::AnchorLink;
use super::context::SiteContext;
use super::Drafts;
use crate::content::bundle::file_name;
use crate::content::Briefing;
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::i18n::url_prefix;
use crate::markdown::Spanned;
use pulldown_cmark::{CowStr, Event, Tag};
use std::path::{Path, PathBuf};

/// The prefix of a link to a page of the site by what it is.
pub const INTERNAL: &str = "@/";

/// Where a Markdown file's text is, for diagnostics.
pub struct Source<'f, 'b> {
    /// The file, relative to the site root.
    pub path: &'f Path,
    /// Its Markdown after the front matter.
    pub body: &'b str,
    /// The 1-based line of the file on which `body` starts.
    pub body_line: usize,
    /// The language the file is written in: `@/` links lead to that
    /// language's pages.
    pub lang: &'f str,
    /// The href of the page the file is published on in that language,
    /// where its same-page `#id` links lead.
    pub page: &'f str,
    /// True for a section of a draft briefing, which may link other drafts:
    /// a build publishes it only with them.
    pub draft: bool,
}

/// `events` with every `@/` and root-relative link or image that names a
/// page or file of the site pointing at its URL under the base path, and a
/// diagnostic for each that names none. Each link with a `#fragment` to a
/// page of the site (or the file's own page) is noted in `ctx.anchors`,
/// to be checked against that page once it is rendered.
pub fn resolve<'a>(
    ctx: &SiteContext,
    source: &Source<'_, '_>,
    events: Vec<Spanned<'a>>,
) -> (Vec<Spanned<'a>>, Vec<Diagnostic>) {
    let lines = LineIndex::new(source.body);
    let mut diagnostics = Vec::new();
    let events = events
        .into_iter()
        .map(|(event, range)| {
            let Some(url) = super::bundle::destination(&event) else {
                return (event, range);
            };
            let (line, column) = lines.line_col(range.start);
            let at = (
                source.path.to_path_buf(),
                (line + source.body_line - 1, column),
            );
            match target(ctx, url, source) {
                Target::Outside => {
                    if let Some(fragment) = url.strip_prefix('#') {
                        note(ctx, at, url, source.page, fragment);
                    }
                    (event, range)
                }
                Target::Found(href) => {
                    if let Some((page, fragment)) = href.split_once('#') {
                        let page = page.split('?').next().unwrap_or(page);
                        note(ctx, at, url, page, fragment);
                    }
                    (with_destination(event, href), range)
                }
                Target::Missing(message, hint) => {
                    let (path, (line, column)) = at;
                    let path = path.as_path();
                    let d = match url.starts_with(INTERNAL) {
                        true => Diagnostic::error(path, line, column, message),
                        false => Diagnostic::warning(path, line, column, message),
                    };
                    diagnostics.push(d.with_hint(hint));
                    (event, range)
                }
            }
        })
        .collect();
    (events, diagnostics)
}

/// Notes the link `url` at `at` to `fragment` of the page at `page`: a
/// missing id is an error for an `@/` or same-page link, a warning for a
/// root-relative one.
fn note(ctx: &SiteContext, at: (PathBuf, (usize, usize)), url: &str, page: &str, fragment: &str) {
    let error = !url.starts_with('/');
    if let Some(link) = AnchorLink::new(at, url, page.to_string(), fragment, error) {
        ctx.anchors.note(link);
    }
}

/// What a link's URL names.
#[derive(Debug, PartialEq)]
enum Target {
    /// Not a link to the site's pages (an address, a bundle file, `#id`).
    Outside,
    /// A page or file of the site, at this href.
    Found(String),
    /// A link to the site naming nothing it publishes: message and hint.
    Missing(String, String),
}

/// What `url`, in `source`, names.
fn target(ctx: &SiteContext, url: &str, source: &Source) -> Target {
    let split = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(split);
    if let Some(name) = path.strip_prefix(INTERNAL) {
        let name = name.trim_end_matches('/');
        return match internal(ctx, name, source.lang, source.draft) {
            Some(href) => Target::Found(format!("{href}{rest}")),
            None => missing(ctx, url, name),
        };
    }
    let Some(path) = path.strip_prefix('/').filter(|p| !p.starts_with('/')) else {
        return Target::Outside;
    };
    match publishes(ctx, path, source.draft) {
        true => Target::Found(format!("{}{path}{rest}", ctx.base_path)),
        false => Target::Missing(
            format!("`{url}` is not a page or file this site publishes"),
            "link a page with @/… (e.g. @/briefings/<folder>, @/pages/<name>), which also follows the site's base URL; a path outside the site needs its full https:// address".into(),
        ),
    }
}

/// Why the `@/` link `url` (to `name`) names no page: a draft briefing
/// (review editor F6: said to name nothing), or nothing at all.
fn missing(ctx: &SiteContext, url: &str, name: &str) -> Target {
    let draft = name
        .strip_prefix("briefings/")
        .and_then(|slug| ctx.site.briefings.iter().find(|b| b.slug == slug))
        .is_some_and(|b| b.meta.draft);
    match draft {
        true => Target::Missing(
            format!("`{url}` names a draft briefing, which a build without `--drafts` does not publish"),
            "publish it by deleting `draft: true` from its briefing.yaml, or build with `--drafts`".into(),
        ),
        false => Target::Missing(
            format!("`{url}` names no page of the site"),
            "write @/briefings/<folder>, @/pages/<name>, @/glossary, @/glossary/<id>, @/topics/<id>, @/authors/<id>, @/search or @/ (the front page)".into(),
        ),
    }
}

/// The href of the page `name` (an `@/` link without its prefix) in
/// `lang`, for a link in a draft briefing's section when `from_draft`.
fn internal(ctx: &SiteContext, name: &str, lang: &str, from_draft: bool) -> Option<String> {
    let site = ctx.site;
    let (kind, id) = name.split_once('/').unwrap_or((name, ""));
    let path = match (kind, id) {
        ("", "") => String::new(),
        ("briefings", slug) if site.unloaded.iter().any(|u| u.slug == slug) => {
            // It exists and its errors are reported: nothing is published.
            format!("briefings/{slug}/")
        }
        ("briefings", slug) => {
            let briefing = linkable(ctx, slug, from_draft)?;
            let editions = briefing.editions(&site.config);
            let lang = match editions.iter().any(|l| l == lang) {
                true => lang,
                false => editions.first()?,
            };
            return Some(ctx.href(lang, &format!("briefings/{slug}/")));
        }
        ("pages", name) => {
            let name = name.strip_suffix(".md").unwrap_or(name);
            format!("{}/", site.pages.iter().find(|p| p.name == name)?.slug)
        }
        ("glossary" | "search", "") => format!("{kind}/"),
        ("topics", "") if super::taxonomies::has_topics(ctx) => "topics/".into(),
        ("authors", "") if super::taxonomies::has_authors(ctx) => "authors/".into(),
        ("glossary", id) if site.glossary.failed => super::glossary::entry_path(id),
        ("glossary", id) => {
            site.glossary.entries.iter().find(|e| e.value.id == id)?;
            super::glossary::entry_path(id)
        }
        ("topics", id) => {
            site.catalog.topics.get(id)?;
            super::taxonomies::topic_path(id)
        }
        ("authors", id) => {
            site.catalog.authors.get(id)?;
            super::taxonomies::author_path(id)
        }
        _ => return None,
    };
    Some(ctx.href(lang, &path))
}

/// True when the site publishes `path` (below the host root, without the
/// base path), for a link in a draft briefing's section when `from_draft`:
/// a page in some language, a briefing's bundle file or a file of the
/// site's `static/`.
fn publishes(ctx: &SiteContext, path: &str, from_draft: bool) -> bool {
    let config = &ctx.site.config;
    let below_prefix = config.languages.iter().find_map(|l| {
        let prefix = url_prefix(l, &config.default_language);
        path.strip_prefix(prefix.as_str())
            .filter(|_| !prefix.is_empty())
    });
    let page = below_prefix.unwrap_or(path);
    let page = page.strip_suffix("index.html").unwrap_or(page);
    let folder = page.trim_end_matches('/');
    let name = as_internal(ctx, folder);
    ctx.theme.assets.is_root_file(path)
        || bundle_file(ctx, page, from_draft)
        || internal(ctx, &name, &config.default_language, from_draft).is_some()
}

/// The `@/` name of the page at `folder` (a path without its language
/// prefix and final slash): `about` is `pages/about` when a page has that
/// slug; other folders are named as they are.
fn as_internal(ctx: &SiteContext, folder: &str) -> String {
    match ctx.site.pages.iter().find(|p| p.slug == folder) {
        Some(page) => format!("pages/{}", page.name),
        None => folder.to_string(),
    }
}

/// True for `briefings/<slug>/<file>` naming a file of that briefing's
/// bundle (see [`linkable`] for `from_draft`).
fn bundle_file(ctx: &SiteContext, path: &str, from_draft: bool) -> bool {
    let Some((slug, name)) = path
        .strip_prefix("briefings/")
        .and_then(|p| p.split_once('/'))
    else {
        return false;
    };
    let linked =
        |name| linkable(ctx, slug, from_draft).is_some_and(|b| b.bundle_file(name).is_some());
    file_name(name).is_some_and(linked)
}

/// The briefing `slug`, if a link may name it: a draft only when the
/// build publishes drafts (`--drafts`) or, `from_draft`, the link is in a
/// draft itself (published only with them).
fn linkable<'s>(ctx: &SiteContext<'s>, slug: &str, from_draft: bool) -> Option<&'s Briefing> {
    let briefing = ctx.site.briefings.iter().find(|b| b.slug == slug)?;
    let drafts = match ctx.drafts {
        Drafts::Left => false,
        Drafts::Published => true,
        Drafts::Checked => from_draft,
    };
    (drafts || !briefing.meta.draft).then_some(&**briefing)
}

/// A link or image start with its URL replaced by `href`.
pub(super) fn with_destination(event: Event<'_>, href: String) -> Event<'_> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from(href),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::from(href),
            title,
            id,
        }),
        other => other,
    }
}
