//! A [`Record`] as a CSL-JSON item (the data model of citeproc processors,
//! Zotero and Pandoc), valid against the CSL-JSON schema.

use super::Record;
use serde_json::{json, Value};

/// `record` as a CSL-JSON item of type `report`.
pub fn item(r: &Record) -> Value {
    let authors: Vec<Value> = r
        .authors
        .iter()
        .map(|a| match &a.given {
            Some(given) => json!({"family": a.family, "given": given}),
            None => json!({"literal": a.full}),
        })
        .collect();
    let mut item = json!({
        "id": r.key,
        "type": "report",
        "title": r.title,
        "author": authors,
        "URL": r.url,
        "language": r.lang,
    });
    let publisher = r.publisher.as_ref();
    let fields = [
        ("publisher", publisher.map(|p| p.name.clone())),
        ("publisher-place", publisher.and_then(|p| p.place.clone())),
        ("collection-title", r.series.clone()),
        ("number", r.report_number.clone()),
        ("DOI", r.doi.clone()),
        ("abstract", r.abstract_.clone()),
        (
            "keyword",
            (!r.keywords.is_empty()).then(|| r.keywords.join(", ")),
        ),
        (
            "original-title",
            r.original.as_ref().map(|o| o.title.clone()),
        ),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            item[key] = json!(value);
        }
    }
    if let Some(d) = r.date {
        item["issued"] = json!({"date-parts": [[d.year, d.month, d.day]]});
    }
    item
}
