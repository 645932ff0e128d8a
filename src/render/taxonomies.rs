//! Topic and author pages per language: `topics/` (every topic), `topics/<id>/`
//! (its description and briefings, newest first, and its own Atom feed
//! `topics/<id>/atom.xml`), `authors/` (every published author, grouped by
//! research division) and `authors/<id>/` (bio and briefings).

use super::briefing::{Summary, Text};
use super::context::SiteContext;
use super::listing::{items, Link};
use super::OutputFile;
use crate::content::model::{AuthorEntry, Localized, Topic};
use crate::diagnostics::Failure;
use crate::markdown::inline_to_html;
use serde::Serialize;

/// The path of a topic's page below the language prefix.
pub fn topic_path(id: &str) -> String {
    format!("topics/{id}/")
}

/// The path of an author's page below the language prefix.
pub fn author_path(id: &str) -> String {
    format!("authors/{id}/")
}

/// True when the site has topics (and so topic pages).
pub fn has_topics(ctx: &SiteContext) -> bool {
    !ctx.site.catalog.topics.entries.is_empty()
}

/// True when the site has published authors (and so author pages).
pub fn has_authors(ctx: &SiteContext) -> bool {
    published_authors(ctx).next().is_some()
}

/// Every page path (below the language prefix) this module renders, for
/// the sitemap.
pub fn page_paths(ctx: &SiteContext) -> Vec<String> {
    let catalog = &ctx.site.catalog;
    let mut paths = Vec::new();
    if has_topics(ctx) {
        paths.push("topics/".to_string());
        paths.extend(catalog.topics.ids().into_iter().map(topic_path));
    }
    let authors: Vec<&str> = published_authors(ctx).map(|a| a.id.as_str()).collect();
    if !authors.is_empty() {
        paths.push("authors/".to_string());
        paths.extend(authors.into_iter().map(author_path));
    }
    paths
}

/// The link to topic `id` in `lang`, if the topic exists.
pub fn topic_link(ctx: &SiteContext, id: &str, lang: &str) -> Option<Link> {
    let topic = ctx.site.catalog.topics.get(id)?;
    Some(Link {
        href: ctx.href(lang, &topic_path(id)),
        text: name(ctx, &topic.name, lang).text,
    })
}

/// Every topic, linked, in file order.
pub fn topic_links(ctx: &SiteContext, lang: &str) -> Vec<Link> {
    let ids = ctx.site.catalog.topics.ids();
    ids.iter()
        .filter_map(|id| topic_link(ctx, id, lang))
        .collect()
}

fn published_authors<'c>(ctx: &'c SiteContext) -> impl Iterator<Item = &'c AuthorEntry> {
    let entries = &ctx.site.catalog.authors.entries;
    entries.iter().map(|e| &e.value).filter(|a| !a.draft)
}

fn name(ctx: &SiteContext, map: &Localized<String>, lang: &str) -> Text {
    ctx.pick(map, lang).map_or_else(
        || Text {
            text: String::new(),
            lang: None,
        },
        |(text, used)| Text {
            text: text.clone(),
            lang: (used != lang).then(|| used.to_string()),
        },
    )
}

fn html(ctx: &SiteContext, map: &Localized<String>, lang: &str) -> Option<Text> {
    ctx.pick(map, lang).map(|(text, used)| Text {
        text: inline_to_html(text),
        lang: (used != lang).then(|| used.to_string()),
    })
}

/// A topic as its page and the index show it (`topic`, `topics[]`).
#[derive(Serialize)]
struct TopicView {
    id: String,
    href: String,
    name: Text,
    description: Option<Text>,
    /// The topic's Atom feed.
    feed: String,
    count: usize,
}

/// An author as its page and the index show it (`author`, `divisions[].authors[]`).
#[derive(Serialize)]
struct AuthorView {
    id: String,
    href: String,
    name: Text,
    affiliation: Option<Text>,
    division: Option<Text>,
    bio: Option<Text>,
    /// Site-relative URL of the photo, if any.
    photo: Option<String>,
    count: usize,
}

/// A research division and its authors (`divisions[]`).
#[derive(Serialize)]
struct Division {
    /// Its name; `None` for authors without a division.
    name: Option<Text>,
    authors: Vec<AuthorView>,
}

/// Every topic and author page, index and topic feed, in every language;
/// `summaries` newest first.
pub fn render(ctx: &SiteContext, summaries: &[Summary]) -> Result<Vec<OutputFile>, Failure> {
    let mut files = Vec::new();
    for lang in &ctx.site.config.languages {
        if has_topics(ctx) {
            files.extend(topic_pages(ctx, summaries, lang)?);
        }
        if has_authors(ctx) {
            files.extend(author_pages(ctx, summaries, lang)?);
        }
    }
    Ok(files)
}

fn topic_pages(
    ctx: &SiteContext,
    summaries: &[Summary],
    lang: &str,
) -> Result<Vec<OutputFile>, Failure> {
    let of = |t: &Topic| -> Vec<&Summary> {
        summaries
            .iter()
            .filter(|s| s.topics.contains(&t.id))
            .collect()
    };
    let view = |t: &Topic, count| TopicView {
        id: t.id.clone(),
        href: ctx.href(lang, &topic_path(&t.id)),
        name: name(ctx, &t.name, lang),
        description: html(ctx, &t.description, lang),
        feed: ctx.href(lang, &format!("{}atom.xml", topic_path(&t.id))),
        count,
    };
    let topics: Vec<&Topic> = ctx
        .site
        .catalog
        .topics
        .entries
        .iter()
        .map(|e| &e.value)
        .collect();
    let index: Vec<TopicView> = topics.iter().map(|t| view(t, of(t).len())).collect();
    let title = ctx.t(lang, "topics_title");
    let mut files = vec![ctx.page(
        "topics.html",
        &ctx.meta(lang, "topics/", Some(&title)),
        |c| c.insert("topics", &index),
    )?];
    for topic in topics {
        let briefings = of(topic);
        let v = view(topic, briefings.len());
        let meta = ctx.meta(lang, &topic_path(&topic.id), Some(&v.name.text));
        files.push(ctx.page("topic.html", &meta, |c| {
            c.insert("topic", &v);
            c.insert("briefings", &items(ctx, &briefings, lang));
        })?);
        let feed_path = format!("{}atom.xml", topic_path(&topic.id));
        let feed_title = format!("{} | {}", v.name.text, meta.site_title);
        files.push(super::feeds::feed_file(
            ctx,
            &briefings,
            lang,
            &feed_path,
            &feed_title,
        )?);
    }
    Ok(files)
}

fn author_pages(
    ctx: &SiteContext,
    summaries: &[Summary],
    lang: &str,
) -> Result<Vec<OutputFile>, Failure> {
    let of = |a: &AuthorEntry| -> Vec<&Summary> {
        summaries
            .iter()
            .filter(|s| s.people.iter().any(|p| p.id.as_ref() == Some(&a.id)))
            .collect()
    };
    let view = |a: &AuthorEntry, count| AuthorView {
        id: a.id.clone(),
        href: ctx.href(lang, &author_path(&a.id)),
        name: name(ctx, &a.name, lang),
        affiliation: ctx
            .pick(&a.affiliation, lang)
            .map(|_| name(ctx, &a.affiliation, lang)),
        division: ctx
            .pick(&a.division, lang)
            .map(|_| name(ctx, &a.division, lang)),
        bio: html(ctx, &a.bio, lang),
        photo: a
            .photo
            .as_ref()
            .map(|p| format!("{}{}", ctx.base_path, p.trim_start_matches('/'))),
        count,
    };
    let mut divisions: Vec<Division> = Vec::new();
    for author in published_authors(ctx) {
        let v = view(author, of(author).len());
        let key = v.division.as_ref().map(|d| d.text.clone());
        match divisions
            .iter_mut()
            .find(|d| d.name.as_ref().map(|n| n.text.clone()) == key)
        {
            Some(d) => d.authors.push(v),
            None => divisions.push(Division {
                name: v.division.as_ref().map(|d| Text {
                    text: d.text.clone(),
                    lang: d.lang.clone(),
                }),
                authors: vec![v],
            }),
        }
    }
    divisions.sort_by_key(|d| d.name.is_none());
    let title = ctx.t(lang, "authors_title");
    let mut files = vec![ctx.page(
        "authors.html",
        &ctx.meta(lang, "authors/", Some(&title)),
        |c| c.insert("divisions", &divisions),
    )?];
    for author in published_authors(ctx) {
        let briefings = of(author);
        let v = view(author, briefings.len());
        let meta = ctx.meta(lang, &author_path(&author.id), Some(&v.name.text));
        files.push(ctx.page("author.html", &meta, |c| {
            c.insert("author", &v);
            c.insert("briefings", &items(ctx, &briefings, lang));
        })?);
    }
    Ok(files)
}
