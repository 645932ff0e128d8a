//! Scholarly and social metadata of a briefing page: Highwire Press
//! `citation_*` tags (read by Google Scholar and Zotero), schema.org `Report`
//! JSON-LD, and OpenGraph.

use super::context::SiteContext;
use crate::citation::Record;
use crate::content::Briefing;
use crate::i18n::with_region;
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

/// Builds the metadata of the edition `record` of `briefing`: every value
/// in the edition's language; the abstract and keywords only when written
/// in it (a reference manager would store another language's under this one).
pub fn head(ctx: &SiteContext, briefing: &Briefing, record: &Record) -> Head {
    let lang = record.lang.as_str();
    let mut meta = vec![Meta::new("citation_title", &record.title)];
    for author in &record.authors {
        meta.push(Meta::new("citation_author", &author.full));
        meta.extend(
            author
                .institution
                .as_ref()
                .map(|i| Meta::new("citation_author_institution", i)),
        );
    }
    let publisher = record.publisher.as_ref().map(|p| p.name.clone());
    let keywords = (!record.keywords.is_empty()).then(|| record.keywords.join("; "));
    let mut push =
        |name: &str, value: Option<String>| meta.extend(value.map(|v| Meta::new(name, v)));
    push(
        "citation_publication_date",
        record
            .date
            .map(|d| format!("{:04}/{:02}/{:02}", d.year, d.month, d.day)),
    );
    push(
        "citation_technical_report_institution",
        publisher
            .clone()
            .or_else(|| record.authors.iter().find_map(|a| a.institution.clone())),
    );
    push(
        "citation_technical_report_number",
        record.report_number.clone(),
    );
    push("citation_publisher", publisher);
    push("citation_series_title", record.series.clone());
    push("citation_language", Some(lang.to_string()));
    push("citation_keywords", keywords.clone());
    push("citation_abstract", record.abstract_.clone());
    push("citation_doi", record.doi.clone());
    push("citation_public_url", Some(record.url.clone()));
    push("citation_pdf_url", record.pdf_url.clone());

    let site_name = ctx.pick(&ctx.site.config.title, lang);
    let mut og = vec![
        Meta::new("og:type", "article"),
        Meta::new("og:title", &record.title),
        Meta::new("og:url", &record.url),
        Meta::new("og:site_name", site_name.map_or("", |(t, _)| t.as_str())),
    ];
    let editions = briefing.editions(&ctx.site.config);
    let others = editions.iter().filter(|l| *l != lang);
    og.extend(og_locale(lang).map(|l| Meta::new("og:locale", l)));
    og.extend(
        others
            .clone()
            .filter_map(|l| og_locale(l))
            .map(|l| Meta::new("og:locale:alternate", l)),
    );
    og.extend(
        record
            .abstract_
            .as_ref()
            .map(|a| Meta::new("og:description", excerpt(a, 200))),
    );

    let path = format!("briefings/{}/", briefing.slug);
    let edition = |l: &str| {
        json!({"@type": "Report", "@id": ctx.url(l, &path), "url": ctx.url(l, &path),
               "inLanguage": l, "name": ctx.pick(&briefing.meta.title, l).map(|(t, _)| t)})
    };
    let (translation_of, translations) = match &record.original {
        Some(original) => (Some(edition(&original.lang)), Vec::new()),
        None => (None, others.map(|l| edition(l)).collect()),
    };
    let jsonld = json!({
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": record.url,
        "name": record.title,
        "headline": record.title,
        "inLanguage": lang,
        "url": record.url,
        "datePublished": record.date.map(|d| d.to_string()),
        "author": record.authors.iter().map(|a| json!({
            "@type": "Person",
            "name": a.full,
            "affiliation": a.institution.as_ref().map(|i| json!({"@type": "Organization", "name": i})),
        })).collect::<Vec<_>>(),
        "publisher": record.publisher.as_ref().map(|p| json!({
            "@type": "Organization", "name": p.name, "url": p.url,
            "address": p.place,
        })),
        "isPartOf": record.series.as_ref().map(|s| json!({"@type": "CreativeWorkSeries", "name": s})),
        "reportNumber": record.report_number,
        "identifier": record.doi.as_ref().map(|d| json!({
            "@type": "PropertyValue", "propertyID": "DOI", "value": d, "url": format!("https://doi.org/{d}"),
        })),
        "sameAs": record.doi_url(),
        "keywords": keywords,
        "abstract": record.abstract_,
        "translationOfWork": translation_of,
        "workTranslation": translations,
    });
    Head {
        meta,
        og,
        jsonld: script_safe(&strip_nulls(jsonld)),
    }
}

/// `lang` as an OpenGraph locale (`zh_TW`, `en_US`), if it has one.
fn og_locale(lang: &str) -> Option<String> {
    with_region(lang).map(|l| l.replace('-', "_"))
}

/// `value` without its null members and empty lists (fields the edition lacks).
fn strip_nulls(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}

/// JSON escaped so that nothing inside can end or confuse a `<script>` element.
fn script_safe(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A plain-text excerpt of `briefing`'s abstract in `lang`, for meta
/// descriptions; None when the briefing has no abstract in `lang` (the page
/// keeps the site's description rather than another language's text).
pub fn description(briefing: &Briefing, lang: &str) -> Option<String> {
    briefing.meta.abstract_.get(lang).map(|a| excerpt(a, 200))
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
