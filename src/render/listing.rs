//! Lists of briefings as pages show them (the front page, topic and author
//! pages), and the front page itself: featured briefings first, then newest
//! first, in pages of `paginate_by` (`/`, `/page/2/`, …) linked rel=prev/next.

use super::briefing::{Summary, Text};
use super::context::SiteContext;
use super::OutputFile;
use crate::diagnostics::Failure;
use serde::Serialize;

/// One briefing in a list, in the page's language.
#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    /// Site-relative link to the briefing page.
    pub href: String,
    /// Title.
    pub title: String,
    /// Formatted date.
    pub date: Option<String>,
    /// ISO date for `<time datetime>`.
    pub date_iso: Option<String>,
    /// Author names, comma-separated.
    pub authors: String,
    /// Each author, linked to its page when it has one.
    pub people: Vec<Link>,
    /// Its topics, linked to their pages.
    pub topics: Vec<Link>,
    /// Its summary, marked with its language when not the page's.
    pub summary: Option<Text>,
    /// "Only in 繁體中文" when the page's language has no edition of it.
    pub only_in: Option<Text>,
    /// Shown first on the front page.
    pub featured: bool,
}

/// A link with its text.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Site-relative URL; empty for text that links nowhere.
    pub href: String,
    /// The link's text.
    pub text: String,
}

/// The value of `lang` in a per-language list.
pub fn get(values: &[(String, String)], lang: &str) -> String {
    values
        .iter()
        .find(|(l, _)| l == lang)
        .map(|(_, s)| s.clone())
        .unwrap_or_default()
}

/// The summaries of the briefings published in `lang`, in the order given.
fn published_in<'a>(
    summaries: impl IntoIterator<Item = &'a Summary>,
    lang: &str,
) -> Vec<&'a Summary> {
    summaries
        .into_iter()
        .filter(|s| s.editions.iter().any(|l| l == lang))
        .collect()
}

/// Those of `summaries` published in `lang` (in the order given) as list
/// items of a page in `lang`.
pub fn items(ctx: &SiteContext, summaries: &[&Summary], lang: &str) -> Vec<ListItem> {
    published_in(summaries.iter().copied(), lang)
        .into_iter()
        .map(|s| item(ctx, s, lang))
        .collect()
}

fn item(ctx: &SiteContext, s: &Summary, lang: &str) -> ListItem {
    let only_in = (!s.texts.iter().any(|l| l == lang))
        .then(|| s.texts.first())
        .flatten()
        .map(|edition| Text {
            text: ctx
                .t(lang, "only_in")
                .replace("{language}", &ctx.t(edition, "language_name")),
            lang: None,
        });
    ListItem {
        href: ctx.href(lang, &format!("briefings/{}/", s.slug)),
        title: get(&s.titles, lang),
        date: s
            .date
            .as_deref()
            .and_then(crate::content::model::Date::parse)
            .map(|d| ctx.date(d, lang)),
        date_iso: s.date.clone(),
        authors: get(&s.authors, lang),
        people: s
            .people
            .iter()
            .map(|p| Link {
                href: p.id.as_ref().map_or(String::new(), |id| {
                    ctx.href(lang, &super::taxonomies::author_path(id))
                }),
                text: get(&p.names, lang),
            })
            .collect(),
        topics: s
            .topics
            .iter()
            .filter_map(|id| super::taxonomies::topic_link(ctx, id, lang))
            .collect(),
        summary: s
            .excerpts
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, t)| t.clone()),
        only_in,
        featured: s.featured,
    }
}

/// The front page's pagination (`pagination` in home.html).
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages there are.
    pub total: usize,
    /// The previous page, if any.
    pub prev: Option<String>,
    /// The next page, if any.
    pub next: Option<String>,
    /// Every page, in order.
    pub pages: Vec<PageLink>,
}

/// One page of the front page's list.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Its number, from 1.
    pub number: usize,
    /// Site-relative URL.
    pub href: String,
    /// True for the page shown.
    pub current: bool,
}

/// The path of page `number` of the front page.
pub fn home_page_path(number: usize) -> String {
    if number <= 1 {
        String::new()
    } else {
        format!("page/{number}/")
    }
}

/// How many pages the front page has for `count` briefings.
fn home_page_count(ctx: &SiteContext, count: usize) -> usize {
    count.div_ceil(ctx.site.config.paginate_by.max(1)).max(1)
}

/// The languages whose front page has page `number`, for `summaries`.
fn languages_with_page(ctx: &SiteContext, summaries: &[Summary], number: usize) -> Vec<String> {
    let languages = &ctx.site.config.languages;
    let count = |lang: &String| published_in(summaries, lang).len();
    languages
        .iter()
        .filter(|lang| home_page_count(ctx, count(lang)) >= number)
        .cloned()
        .collect()
}

/// The front page's pages after the first, each with the languages that
/// have it, for the sitemap.
pub fn home_page_paths(ctx: &SiteContext, summaries: &[Summary]) -> Vec<(String, Vec<String>)> {
    (2..)
        .map(|n| (home_page_path(n), languages_with_page(ctx, summaries, n)))
        .take_while(|(_, langs)| !langs.is_empty())
        .collect()
}

/// Every page of the front page in `lang`; `summaries` newest first.
pub fn home_pages(
    ctx: &SiteContext,
    summaries: &[Summary],
    lang: &str,
) -> Result<Vec<OutputFile>, Failure> {
    let published = published_in(summaries, lang);
    let mut ordered: Vec<&Summary> = published.iter().copied().filter(|s| s.featured).collect();
    ordered.extend(published.iter().copied().filter(|s| !s.featured));
    let size = ctx.site.config.paginate_by.max(1);
    let total = home_page_count(ctx, ordered.len());
    let topics = super::taxonomies::topic_links(ctx, lang);
    let href = |n: usize| ctx.href(lang, &home_page_path(n));
    (1..=total)
        .map(|current| {
            let chunk = ordered.chunks(size).nth(current - 1).unwrap_or(&[]);
            let pagination = Pagination {
                current,
                total,
                prev: (current > 1).then(|| href(current - 1)),
                next: (current < total).then(|| href(current + 1)),
                pages: (1..=total)
                    .map(|number| PageLink {
                        number,
                        href: href(number),
                        current: number == current,
                    })
                    .collect(),
            };
            let title =
                (current > 1).then(|| ctx.t(lang, "page_n").replace("{n}", &current.to_string()));
            let languages = languages_with_page(ctx, summaries, current);
            let meta = ctx.meta_in(lang, &home_page_path(current), title.as_deref(), &languages);
            ctx.page("home.html", &meta, |c| {
                c.insert("briefings", &items(ctx, chunk, lang));
                c.insert("pagination", &pagination);
                c.insert("topics", &topics);
            })
        })
        .collect()
}
