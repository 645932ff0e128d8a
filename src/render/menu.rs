//! The menu of a language (`page.menu`): site.yaml's items for it (else the
//! glossary, the topics and the authors, those the site has), then the
//! pages with a `menu:` weight that are not among them already, lowest
//! first; the item of the page being rendered is marked current.

use super::context::{MenuLink, SiteContext};
use crate::content::model::MenuItem;

/// The menu of `lang` as seen from the page at `path` (below the language prefix).
pub fn links(ctx: &SiteContext, lang: &str, path: &str) -> Vec<MenuLink> {
    let fixed = |key: &str, target: &str| MenuItem {
        label: ctx.t(lang, key),
        target: target.into(),
    };
    let default = || {
        let mut items = vec![fixed("glossary_title", "glossary")];
        if super::taxonomies::has_topics(ctx) {
            items.push(fixed("topics_title", "topics"));
        }
        if super::taxonomies::has_authors(ctx) {
            items.push(fixed("authors_title", "authors"));
        }
        items
    };
    let configured = ctx.site.config.menu.get(lang);
    let items = configured.map_or_else(default, Clone::clone);
    let mut pages: Vec<_> = ctx
        .site
        .pages
        .iter()
        .filter_map(|p| Some((p.menu()?, p)))
        .filter(|(_, p)| !items.iter().any(|item| item.target == p.name))
        .collect();
    pages.sort_by(|(a, p), (b, q)| a.cmp(b).then_with(|| p.name.cmp(&q.name)));
    let page_items = pages.into_iter().map(|(_, p)| MenuItem {
        label: super::pages::title(ctx, p, lang).text,
        target: p.name.clone(),
    });
    items
        .into_iter()
        .chain(page_items)
        .map(|item| link(ctx, lang, path, &item))
        .collect()
}

fn link(ctx: &SiteContext, lang: &str, path: &str, item: &MenuItem) -> MenuLink {
    let target = match item.target.as_str() {
        _ if item.is_url() => None,
        "home" => Some(String::new()),
        "glossary" | "topics" | "authors" => Some(format!("{}/", item.target)),
        name => ctx
            .site
            .pages
            .iter()
            .find(|p| p.name == name)
            .map(|p| format!("{}/", p.slug)),
    };
    MenuLink {
        label: item.label.clone(),
        href: target
            .as_ref()
            .map_or_else(|| item.target.clone(), |t| ctx.href(lang, t)),
        current: target.as_deref() == Some(path),
        external: item.is_url(),
    }
}
