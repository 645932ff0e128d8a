//! What a briefing page shows and publishes for citing one edition: the
//! "Cite this briefing" section (`cite` in briefing.html, rendered by
//! `partials/cite.html`), the edition's BibTeX, RIS and CSL-JSON files beside
//! its page, and each language's `briefings.bib` of every briefing.

use super::styles::{format, Style};
use super::{bibtex, csl_json, ris, Record};
use crate::i18n::url_prefix;
use crate::render::{OutputFile, SiteContext, Summary};
use serde::Serialize;

/// The cite section of one page (`cite` in briefing.html).
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The citation in each style.
    pub styles: Vec<Citation>,
    /// The edition's files for reference managers.
    pub downloads: Vec<Download>,
    /// Every briefing's BibTeX in this language (`briefings.bib`).
    pub all: String,
    /// For a translation, the sentence that says which edition this is.
    pub edition: Option<String>,
}

/// One style's citation.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// `apa`, `chicago`, `gbt7714`.
    pub id: String,
    /// The style's name in the page's language.
    pub name: String,
    /// The citation as plain text.
    pub text: String,
    /// The citation as HTML.
    pub html: String,
}

/// One download link.
#[derive(Debug, Clone, Serialize)]
pub struct Download {
    /// Its link.
    pub href: String,
    /// The file's name (`<slug>.bib`).
    pub name: String,
    /// Its format's name (`BibTeX`).
    pub label: String,
    /// Its media type.
    pub mime: String,
}

/// The formats of the downloads: extension, name, media type.
const FORMATS: [(&str, &str, &str); 3] = [
    ("bib", "BibTeX", "application/x-bibtex"),
    ("ris", "RIS", "application/x-research-info-systems"),
    (
        "json",
        "CSL-JSON",
        "application/vnd.citationstyles.csl+json",
    ),
];

/// The cite section of `record`'s page and the edition's three files.
pub fn section(ctx: &SiteContext, record: &Record, slug: &str) -> (Section, Vec<OutputFile>) {
    let lang = record.lang.as_str();
    let dir = format!("briefings/{slug}/");
    let styles = Style::ALL
        .iter()
        .map(|&style| {
            let formatted = format(record, style);
            Citation {
                id: style.id().to_string(),
                name: ctx.t(lang, &format!("cite_style_{}", style.id())),
                text: formatted.text,
                html: formatted.html,
            }
        })
        .collect();
    let csl = serde_json::to_string_pretty(&[csl_json::item(record)])
        .expect("JSON values always serialise");
    let bodies = [bibtex::entry(record), ris::record(record), csl + "\n"];
    let mut downloads = Vec::new();
    let mut files = Vec::new();
    for ((ext, label, mime), body) in FORMATS.iter().zip(bodies) {
        let name = format!("{slug}.{ext}");
        downloads.push(Download {
            href: ctx.href(lang, &format!("{dir}{name}")),
            name: name.clone(),
            label: label.to_string(),
            mime: mime.to_string(),
        });
        files.push(OutputFile {
            path: format!("{}{dir}{name}", prefix(ctx, lang)),
            bytes: body.into_bytes(),
        });
    }
    let edition = record.original.as_ref().map(|o| {
        ctx.t(lang, "cite_translation")
            .replace("{language}", &ctx.t(lang, "language_name"))
            .replace("{original}", &ctx.t(&o.lang, "language_name"))
            .replace("{title}", &o.title)
    });
    let section = Section {
        styles,
        downloads,
        all: ctx.href(lang, "briefings.bib"),
        edition,
    };
    (section, files)
}

/// Each language's `briefings.bib`: the BibTeX of every briefing published
/// in it, in the order of `summaries` (newest first).
pub fn collections(ctx: &SiteContext, summaries: &[Summary]) -> Vec<OutputFile> {
    ctx.site
        .config
        .languages
        .iter()
        .map(|lang| OutputFile {
            path: format!("{}briefings.bib", prefix(ctx, lang)),
            bytes: summaries
                .iter()
                .filter_map(|s| s.bibtex.iter().find(|(l, _)| l == lang))
                .map(|(_, entry)| entry.as_str())
                .collect::<Vec<_>>()
                .join("\n")
                .into_bytes(),
        })
        .collect()
}

fn prefix(ctx: &SiteContext, lang: &str) -> String {
    url_prefix(lang, &ctx.site.config.default_language)
}
