//! What every page's template receives: the page's URLs, its translations,
//! the language switch, the theme's strings and asset paths.

use super::{page_path, OutputFile, Theme};
use crate::content::model::{Date, Localized};
use crate::content::Site;
use crate::diagnostics::Failure;
use crate::glossary::Glossary;
use crate::i18n::{format_date, url_prefix};
use crate::minify::Minify;
use serde::Serialize;
use std::collections::BTreeMap;

/// Shared, read-only state for rendering the pages of one site.
pub struct SiteContext<'s> {
    /// The loaded content.
    pub site: &'s Site,
    /// The loaded theme.
    pub theme: &'s Theme,
    /// The path part of base_url, always ending in '/': "/" or "/portal/".
    pub base_path: String,
    /// The glossary, compiled once for linking terms on every page.
    pub glossary: Glossary<'s>,
    /// Per language, the glossary's popover cards as one JSON file.
    pub popovers: BTreeMap<String, OutputFile>,
    /// Slug → its related briefings' slugs, best first (see `related`).
    pub related: BTreeMap<String, Vec<String>>,
    /// What this render does with briefings marked `draft: true`.
    pub drafts: super::Drafts,
    /// The links with a `#fragment` met while parsing, and the ids of the
    /// pages rendered, for the check once every page is made.
    pub anchors: super::anchors::Anchors,
}

/// The part of a page's context common to every page (`page` in templates).
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// The page's language (BCP 47), for `<html lang>`.
    pub lang: String,
    /// The page's own path below the language prefix, e.g. "briefings/x/".
    pub path: String,
    /// The document title.
    pub title: String,
    /// The portal's name in the page's language.
    pub site_title: String,
    /// A one-line description for meta tags.
    pub description: String,
    /// Site path prefix ending in '/', for assets and links.
    pub base_path: String,
    /// Link to the home page in this language.
    pub home_href: String,
    /// Link to the glossary in this language.
    pub glossary_href: String,
    /// Link to the search page in this language.
    pub search_href: String,
    /// Link to the topics' index in this language, when the site has topics.
    pub topics_href: Option<String>,
    /// Link to the authors' index in this language, when the site has authors.
    pub authors_href: Option<String>,
    /// Absolute URL of this page.
    pub canonical: String,
    /// This page in every language, absolute URLs.
    pub alternates: Vec<Alternate>,
    /// Absolute URL for hreflang="x-default" (the default language's page).
    pub x_default: String,
    /// Links to this page in each language, labelled in that language.
    pub switch: Vec<SwitchLink>,
    /// Fingerprinted stylesheet URL.
    pub css: String,
    /// Fingerprinted URLs of every script of the theme (js/*.js), in name order.
    pub scripts: Vec<String>,
    /// The Atom feed of this language.
    pub feed: String,
    /// The JSON file of this language's glossary popover cards.
    pub glossary_popovers: String,
    /// The portal's publisher, named in this language (site.yaml's `publisher`).
    pub publisher: Option<PublisherName>,
    /// The copyright line in this language; empty when site.yaml has none.
    pub copyright: String,
    /// The menu of this language, for the header and footer.
    pub menu: Vec<MenuLink>,
}

/// One item of a menu (`page.menu[]`).
#[derive(Debug, Clone, Serialize)]
pub struct MenuLink {
    /// What the reader sees.
    pub label: String,
    /// Where it leads: site-relative, or an absolute URL of another site.
    pub href: String,
    /// True on the page it leads to (`aria-current="page"`).
    pub current: bool,
    /// True for a link to another site.
    pub external: bool,
}

/// site.yaml's `publisher` in one language.
#[derive(Debug, Clone, Serialize)]
pub struct PublisherName {
    /// Its name in the language (else in the default language).
    pub name: String,
    /// Its home page, if given.
    pub url: Option<String>,
}

/// One `<link rel="alternate" hreflang>`.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// BCP 47 code.
    pub hreflang: String,
    /// Absolute URL.
    pub href: String,
}

/// One entry of the language switch.
#[derive(Debug, Clone, Serialize)]
pub struct SwitchLink {
    /// The target language.
    pub lang: String,
    /// The language's own name (繁體中文, English).
    pub name: String,
    /// Its short own name for the reading-mode toggle (中文, English).
    pub short_name: String,
    /// Site-relative link to the same page in that language.
    pub href: String,
    /// True for the page's own language.
    pub current: bool,
}

/// The 404 page's message in one language: one file serves every reader.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundMessage {
    /// BCP 47 code.
    pub lang: String,
    /// "Page not found" in this language.
    pub title: String,
    /// The explanation in this language.
    pub text: String,
    /// The label of the link to this language's home page.
    pub home: String,
    /// Site-relative link to this language's home page.
    pub href: String,
}

impl<'s> SiteContext<'s> {
    /// True when this render includes `briefing`: drafts only when asked for.
    pub fn publishes(&self, briefing: &crate::content::Briefing) -> bool {
        self.drafts != super::Drafts::Left || !briefing.meta.draft
    }

    /// Context for rendering `site` with `theme` and its compiled
    /// `glossary`; renders the glossary's popover cards of every language.
    pub fn new(site: &'s Site, theme: &'s Theme, glossary: Glossary<'s>) -> Result<Self, Failure> {
        let mut ctx = SiteContext {
            site,
            theme,
            base_path: site.config.base_path(),
            glossary,
            popovers: BTreeMap::new(),
            related: BTreeMap::new(),
            drafts: super::Drafts::Left,
            anchors: Default::default(),
        };
        let popovers = site
            .config
            .languages
            .iter()
            .map(|lang| Ok((lang.clone(), super::glossary::popover_file(&ctx, lang)?)))
            .collect::<Result<_, Failure>>()?;
        ctx.popovers = popovers;
        Ok(ctx)
    }

    /// Site-relative href of `path` in `lang`.
    pub fn href(&self, lang: &str, path: &str) -> String {
        format!(
            "{}{}{path}",
            self.base_path,
            url_prefix(lang, &self.site.config.default_language)
        )
    }

    /// Absolute URL of `path` in `lang`.
    pub fn url(&self, lang: &str, path: &str) -> String {
        format!(
            "{}{}{path}",
            self.site.config.base_url,
            url_prefix(lang, &self.site.config.default_language)
        )
    }

    /// `date` as readers of `lang` write it, in the theme's `date_format`.
    pub fn date(&self, date: Date, lang: &str) -> String {
        format_date(
            date,
            &self.t(lang, "date_format"),
            &self.t(lang, "month_names"),
        )
    }

    /// A UI string of `lang`. `Theme::load` refuses a theme whose strings
    /// lack a key the renderer uses (`RENDERER_KEYS`), so the key itself
    /// comes back only for a key missing from that list: a bug.
    pub fn t(&self, lang: &str, key: &str) -> String {
        self.theme
            .strings
            .get(lang)
            .and_then(|s| s.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// The value for `lang`, else the default language's, else any; with the
    /// language actually used.
    pub fn pick<'v, T>(&self, map: &'v Localized<T>, lang: &str) -> Option<(&'v T, &'v str)> {
        let default = &self.site.config.default_language;
        map.get_key_value(lang)
            .or_else(|| map.get_key_value(default))
            .or_else(|| map.iter().next())
            .map(|(k, v)| (v, k.as_str()))
    }

    /// site.yaml's `publisher`, named in `lang`.
    pub fn publisher(&self, lang: &str) -> Option<PublisherName> {
        let publisher = self.site.config.publisher.as_ref()?;
        Some(PublisherName {
            name: self.pick(&publisher.name, lang)?.0.clone(),
            url: publisher.url.clone(),
        })
    }

    /// site.yaml's `copyright` in `lang`, or empty.
    pub fn copyright(&self, lang: &str) -> String {
        self.pick(&self.site.config.copyright, lang)
            .map(|(c, _)| c.clone())
            .unwrap_or_default()
    }

    /// The common context of the page at `path` in `lang`.
    pub fn meta(&self, lang: &str, path: &str, title: Option<&str>) -> PageMeta {
        self.meta_in(lang, path, title, &self.site.config.languages)
    }

    /// [`SiteContext::meta`] for a page published only in `languages`
    /// (a briefing with an edition held back): alternates and the language
    /// switch name only those.
    pub fn meta_in(
        &self,
        lang: &str,
        path: &str,
        title: Option<&str>,
        languages: &[String],
    ) -> PageMeta {
        let config = &self.site.config;
        let site_title = self
            .pick(&config.title, lang)
            .map_or("", |(t, _)| t)
            .to_string();
        let alternates = languages
            .iter()
            .map(|l| Alternate {
                hreflang: l.clone(),
                href: self.url(l, path),
            })
            .collect();
        let switch = languages
            .iter()
            .map(|l| SwitchLink {
                lang: l.clone(),
                name: self.t(l, "language_name"),
                short_name: self.t(l, "language_short_name"),
                href: self.href(l, path),
                current: l == lang,
            })
            .collect();
        let asset = |name: &str| {
            format!(
                "{}{}",
                self.base_path,
                self.theme
                    .assets
                    .paths
                    .get(name)
                    .map_or(name, String::as_str)
            )
        };
        PageMeta {
            lang: lang.to_string(),
            path: path.to_string(),
            title: title.map_or_else(|| site_title.clone(), |t| format!("{t} | {site_title}")),
            description: self
                .pick(&config.description, lang)
                .map_or_else(|| site_title.clone(), |(d, _)| d.clone()),
            site_title,
            base_path: self.base_path.clone(),
            home_href: self.href(lang, ""),
            glossary_href: self.href(lang, "glossary/"),
            search_href: self.href(lang, super::search::SEARCH_PATH),
            topics_href: super::taxonomies::has_topics(self).then(|| self.href(lang, "topics/")),
            authors_href: super::taxonomies::has_authors(self).then(|| self.href(lang, "authors/")),
            canonical: self.url(lang, path),
            alternates,
            x_default: self.url(&config.default_language, path),
            switch,
            css: asset("css/site.css"),
            scripts: self
                .theme
                .assets
                .paths
                .iter()
                .filter(|(name, _)| name.ends_with(".js"))
                .map(|(_, path)| format!("{}{path}", self.base_path))
                .collect(),
            feed: self.href(lang, "atom.xml"),
            glossary_popovers: self
                .popovers
                .get(lang)
                .map(|file| format!("{}{}", self.base_path, file.path))
                .unwrap_or_default(),
            publisher: self.publisher(lang),
            copyright: self.copyright(lang),
            menu: super::menu::links(self, lang, path),
        }
    }

    /// Renders `template` for the page described by `meta`; `fill` adds the
    /// page's own variables.
    pub fn page(
        &self,
        template: &str,
        meta: &PageMeta,
        fill: impl FnOnce(&mut tera::Context),
    ) -> Result<OutputFile, Failure> {
        let html = self.fragment(template, &meta.lang, |c| {
            c.insert("page", meta);
            fill(c);
        })?;
        let path = if meta.path.ends_with(".html") {
            format!(
                "{}{}",
                url_prefix(&meta.lang, &self.site.config.default_language),
                meta.path
            )
        } else {
            page_path(&meta.lang, &self.site.config.default_language, &meta.path)
        };
        Ok(OutputFile {
            path,
            bytes: html.into_bytes(),
        })
    }

    /// Renders `template` with the UI strings of `lang` as `t`; `fill` adds
    /// its own variables. With `minify: pages`, HTML is minified.
    pub fn fragment(
        &self,
        template: &str,
        lang: &str,
        fill: impl FnOnce(&mut tera::Context),
    ) -> Result<String, Failure> {
        let mut context = tera::Context::new();
        context.insert("t", &self.theme.strings[lang]);
        context.insert("extra", &self.site.config.extra);
        fill(&mut context);
        let html = self.theme.render(template, &context)?;
        Ok(match self.site.config.minify {
            Minify::Pages if template.ends_with(".html") => crate::minify::page(&html),
            _ => html,
        })
    }

    /// The site's 404 page: its message in every language, the default
    /// first, each with a link to that language's home page. No language of
    /// the switch is current; each leads home.
    pub fn not_found(&self) -> Result<OutputFile, Failure> {
        let lang = &self.site.config.default_language;
        let languages = &self.site.config.languages;
        let mut messages: Vec<NotFoundMessage> = languages
            .iter()
            .map(|l| NotFoundMessage {
                lang: l.clone(),
                title: self.t(l, "not_found_title"),
                text: self.t(l, "not_found_text"),
                home: self.t(l, "not_found_home"),
                href: self.href(l, ""),
            })
            .collect();
        messages.sort_by_key(|m| &m.lang != lang);
        let titles: Vec<&str> = messages.iter().map(|m| m.title.as_str()).collect();
        let mut meta = self.meta(lang, "404.html", Some(&titles.join(" / ")));
        for s in &mut meta.switch {
            s.href = self.href(&s.lang, "");
            s.current = false;
        }
        meta.alternates.clear();
        self.page("404.html", &meta, |c| c.insert("messages", &messages))
    }
}
