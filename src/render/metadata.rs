//! Scholarly and social metadata of a briefing page: Highwire Press
//! `citation_*` tags (read by Google Scholar and Zotero), schema.org `Report`
//! JSON-LD, and OpenGraph.

use super::context::SiteContext;
use crate::content::Briefing;
use serde::Serialize;
use serde_json::json;

/// The `<head>` additions of one briefing page.
#[derive(Debug, Clone, Serialize)]
pub struct Head {
    /// `<meta name=… content=…>` tags, in order.
    pub meta: Vec<Meta>,
    /// `<meta property=… content=…>` tags (OpenGraph).
    pub og: Vec<Meta>,
    /// JSON-LD, already safe to embed in a `<script>` element.
    pub jsonld: String,
}

/// One `<meta>` tag: its name (or OpenGraph property) and content.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// `citation_title`, `og:title`, …
    pub name: String,
    /// The value.
    pub content: String,
}

impl Meta {
    fn new(name: &str, content: impl Into<String>) -> Meta {
        Meta {
            name: name.to_string(),
            content: content.into(),
        }
    }
}

/// Builds the metadata of `briefing`'s page in `lang`.
pub fn head(ctx: &SiteContext, briefing: &Briefing, lang: &str) -> Head {
    let m = &briefing.meta;
    let path = format!("briefings/{}/", briefing.slug);
    let title = ctx
        .pick(&m.title, lang)
        .map_or(briefing.slug.as_str(), |(t, _)| t.as_str());
    let names: Vec<&str> = briefing
        .bylines
        .iter()
        .filter_map(|b| ctx.pick(&b.author.name, lang))
        .map(|(n, _)| n.as_str())
        .collect();
    let institution = briefing
        .bylines
        .iter()
        .find_map(|b| ctx.pick(&b.author.affiliation, lang))
        .map(|(a, _)| a.as_str());
    let keywords = ctx.pick(&m.keywords, lang).map(|(k, _)| k.join("; "));
    let abstract_ = ctx.pick(&m.abstract_, lang).map(|(a, _)| a.as_str());

    let mut meta = vec![Meta::new("citation_title", title)];
    meta.extend(names.iter().map(|n| Meta::new("citation_author", *n)));
    let mut push =
        |name: &str, value: Option<String>| meta.extend(value.map(|v| Meta::new(name, v)));
    push(
        "citation_publication_date",
        m.date
            .map(|d| format!("{:04}/{:02}/{:02}", d.year, d.month, d.day)),
    );
    push(
        "citation_technical_report_institution",
        institution.map(str::to_string),
    );
    push("citation_language", Some(lang.to_string()));
    push("citation_keywords", keywords.clone());
    push("citation_abstract", abstract_.map(str::to_string));
    push("citation_public_url", Some(ctx.url(lang, &path)));
    push(
        "citation_pdf_url",
        m.pdf
            .as_ref()
            .map(|name| format!("{}{path}{name}", ctx.site.config.base_url)),
    );

    let site_name = ctx.pick(&ctx.site.config.title, lang);
    let mut og = vec![
        Meta::new("og:type", "article"),
        Meta::new("og:title", title),
        Meta::new("og:url", ctx.url(lang, &path)),
        Meta::new("og:site_name", site_name.map_or("", |(t, _)| t.as_str())),
        Meta::new("og:locale", lang.replace('-', "_")),
    ];
    og.extend(abstract_.map(|a| Meta::new("og:description", excerpt(a, 200))));

    let translations: Vec<_> = ctx
        .site
        .config
        .languages
        .iter()
        .filter(|l| *l != lang)
        .map(|l| json!({"@type": "Report", "inLanguage": l, "url": ctx.url(l, &path), "name": ctx.pick(&m.title, l).map(|(t, _)| t)}))
        .collect();
    let jsonld = json!({
        "@context": "https://schema.org",
        "@type": "Report",
        "name": title,
        "headline": title,
        "inLanguage": lang,
        "url": ctx.url(lang, &path),
        "datePublished": m.date.map(|d| d.to_string()),
        "author": names.iter().map(|n| json!({"@type": "Person", "name": n})).collect::<Vec<_>>(),
        "publisher": publisher(ctx, lang, institution),
        "keywords": keywords,
        "abstract": abstract_,
        "workTranslation": translations,
    });
    // Escaped so that nothing inside can end or confuse the <script> element.
    let jsonld = jsonld
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    Head { meta, og, jsonld }
}

/// The JSON-LD publisher: site.yaml's `publisher`, else the first author's
/// institution.
fn publisher(ctx: &SiteContext, lang: &str, institution: Option<&str>) -> serde_json::Value {
    match ctx.publisher(lang) {
        Some(p) => json!({"@type": "Organization", "name": p.name, "url": p.url}),
        None => json!(institution.map(|i| json!({"@type": "Organization", "name": i}))),
    }
}

/// A plain-text excerpt of `briefing`'s abstract in `lang`, for meta descriptions.
pub fn description(ctx: &SiteContext, briefing: &Briefing, lang: &str) -> Option<String> {
    ctx.pick(&briefing.meta.abstract_, lang)
        .map(|(a, _)| excerpt(a, 200))
}

/// The first `max` characters of a plain-text rendering of Markdown `text`.
fn excerpt(text: &str, max: usize) -> String {
    let plain: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['*', '_', '`'], "");
    match plain.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", plain[..i].trim_end()),
        None => plain,
    }
}
