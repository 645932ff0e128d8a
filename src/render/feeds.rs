//! Machine-readable companions of the site: sitemap.xml with hreflang
//! alternates, an Atom feed per language, and robots.txt. Each is a theme
//! template (`sitemap.xml`, `atom.xml`, `robots.txt`) filled from the
//! structures below, so a theme can change them; XML is autoescaped.

use super::briefing::Summary;
use super::context::{Alternate, SiteContext};
use super::OutputFile;
use crate::diagnostics::Failure;
use crate::i18n::url_prefix;
use serde::Serialize;

/// One page of the sitemap in one language (`urls[]` in sitemap.xml).
#[derive(Serialize)]
struct SitemapUrl {
    /// Its absolute URL.
    loc: String,
    /// The same page in every language, this one included.
    alternates: Vec<Alternate>,
    /// The page in the default language.
    x_default: String,
    /// When it last changed (a briefing's date), if known.
    lastmod: Option<String>,
}

/// An Atom feed of one language (`feed` in atom.xml).
#[derive(Serialize)]
struct Feed {
    lang: String,
    /// The portal's name in the language.
    title: String,
    /// The feed's own URL, also its id.
    url: String,
    /// The web page the feed describes (its `alternate`): the page of the
    /// feed's folder: the home page for `atom.xml`, the topic page for
    /// `topics/<id>/atom.xml`.
    home: String,
    /// The newest briefing's date (RFC 3339).
    updated: String,
    /// site.yaml's publisher, named in the language; empty without one.
    publisher: String,
    /// site.yaml's copyright line in the language; empty without one.
    rights: String,
    entries: Vec<FeedEntry>,
}

/// A briefing in a feed (`feed.entries[]`).
#[derive(Serialize)]
struct FeedEntry {
    title: String,
    /// The briefing's page, also the entry's id.
    url: String,
    /// Its date (RFC 3339).
    updated: String,
    /// Its authors, comma-separated.
    author: String,
    /// Its abstract as HTML; empty when it has none.
    summary: String,
    /// The abstract's language when it is not the feed's (`xml:lang`).
    summary_lang: Option<String>,
}

/// sitemap.xml, robots.txt and atom.xml per language.
pub fn render(ctx: &SiteContext, briefings: &[Summary]) -> Result<Vec<OutputFile>, Failure> {
    let default = &ctx.site.config.default_language;
    let urls = sitemap_urls(ctx, briefings);
    let mut files = vec![
        file(ctx, "sitemap.xml", default, "sitemap.xml".into(), |c| {
            c.insert("urls", &urls)
        })?,
        file(ctx, "robots.txt", default, "robots.txt".into(), |c| {
            c.insert(
                "sitemap",
                &format!("{}sitemap.xml", ctx.site.config.base_url),
            )
        })?,
    ];
    let all: Vec<&Summary> = briefings.iter().collect();
    for lang in &ctx.site.config.languages {
        let title = ctx
            .pick(&ctx.site.config.title, lang)
            .map_or(String::new(), |(t, _)| t.clone());
        files.push(feed_file(ctx, &all, lang, "atom.xml", &title)?);
    }
    Ok(files)
}

/// The Atom feed of `briefings` (newest first) in `lang` at `path` (below
/// the language prefix), titled `title`.
pub fn feed_file(
    ctx: &SiteContext,
    briefings: &[&Summary],
    lang: &str,
    path: &str,
    title: &str,
) -> Result<OutputFile, Failure> {
    let default = &ctx.site.config.default_language;
    let feed = feed(ctx, briefings, lang, path, title);
    let out = format!("{}{path}", url_prefix(lang, default));
    file(ctx, "atom.xml", lang, out, |c| c.insert("feed", &feed))
}

/// Renders the theme's `template` (with the UI strings of `lang`) to `path`.
fn file(
    ctx: &SiteContext,
    template: &str,
    lang: &str,
    path: String,
    fill: impl FnOnce(&mut tera::Context),
) -> Result<OutputFile, Failure> {
    let text = ctx.fragment(template, lang, fill)?;
    Ok(OutputFile {
        path,
        bytes: text.into_bytes(),
    })
}

/// Every page path (below the language prefix) of the site, with the
/// languages it is published in and its last change, if known.
fn page_paths(
    ctx: &SiteContext,
    briefings: &[Summary],
) -> Vec<(String, Vec<String>, Option<String>)> {
    let all = &ctx.site.config.languages;
    let in_all = |path: String| (path, all.clone(), None);
    let mut paths = vec![in_all(String::new()), in_all("glossary/".to_string())];
    paths.extend(
        ctx.glossary
            .entries()
            .iter()
            .filter(|e| !e.value.draft)
            .map(|e| in_all(super::glossary::entry_path(&e.value.id))),
    );
    paths.extend(briefings.iter().map(|b| {
        let path = format!("briefings/{}/", b.slug);
        (path, b.editions.clone(), b.date.clone())
    }));
    paths.extend(
        ctx.site
            .pages
            .iter()
            .map(|p| in_all(format!("{}/", p.slug))),
    );
    paths.extend(
        super::listing::home_page_paths(ctx, briefings)
            .into_iter()
            .map(|(path, langs)| (path, langs, None)),
    );
    paths.extend(super::taxonomies::page_paths(ctx).into_iter().map(in_all));
    paths
}

/// Every page in every language, with its alternates.
fn sitemap_urls(ctx: &SiteContext, briefings: &[Summary]) -> Vec<SitemapUrl> {
    let mut urls = Vec::new();
    for (path, langs, lastmod) in page_paths(ctx, briefings) {
        let alternates: Vec<Alternate> = langs
            .iter()
            .map(|alt| Alternate {
                hreflang: alt.clone(),
                href: ctx.url(alt, &path),
            })
            .collect();
        let x_default = ctx.url(&ctx.site.config.default_language, &path);
        urls.extend(langs.iter().map(|lang| SitemapUrl {
            loc: ctx.url(lang, &path),
            alternates: alternates.clone(),
            x_default: x_default.clone(),
            lastmod: lastmod.clone(),
        }));
    }
    urls
}

/// The feed of `briefings` in `lang`, as the summaries list them.
fn feed(ctx: &SiteContext, briefings: &[&Summary], lang: &str, path: &str, title: &str) -> Feed {
    let get = |v: &[(String, String)]| super::listing::get(v, lang);
    let day =
        |date: Option<&String>| format!("{}T00:00:00Z", date.map_or("1970-01-01", String::as_str));
    let briefings: Vec<&Summary> = briefings
        .iter()
        .copied()
        .filter(|b| b.editions.iter().any(|l| l == lang))
        .collect();
    Feed {
        lang: lang.to_string(),
        title: title.to_string(),
        url: ctx.url(lang, path),
        home: ctx.url(lang, path.rfind('/').map_or("", |end| &path[..=end])),
        updated: day(briefings.iter().filter_map(|b| b.date.as_ref()).max()),
        publisher: ctx.publisher(lang).map(|p| p.name).unwrap_or_default(),
        rights: ctx.copyright(lang),
        entries: briefings
            .iter()
            .map(|b| FeedEntry {
                title: get(&b.titles),
                url: ctx.url(lang, &format!("briefings/{}/", b.slug)),
                updated: day(b.date.as_ref()),
                author: get(&b.authors),
                summary: abstract_in(b, lang).map_or(String::new(), |a| a.text.clone()),
                summary_lang: abstract_in(b, lang).and_then(|a| a.lang.clone()),
            })
            .collect(),
    }
}

/// `briefing`'s abstract for the feed of `lang`.
fn abstract_in<'s>(briefing: &'s Summary, lang: &str) -> Option<&'s super::briefing::Text> {
    briefing
        .abstracts
        .iter()
        .find(|(l, _)| l == lang)
        .map(|(_, a)| a)
}
