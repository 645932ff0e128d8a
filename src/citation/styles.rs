//! A [`Record`] formatted in a citation style by hayagriva, with the CSL
//! styles and locales it bundles: APA 7, Chicago author-date and GB/T
//! 7714-2015 (numeric, its reference list entry without the number), each
//! with the terms of the edition's language (`zh-TW` for `zh-Hant`).

use super::Record;
use crate::i18n::{with_region, Script};
use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::{FontStyle, FontWeight, IndependentStyle, Locale, LocaleCode};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild, Library,
};
use serde_json::{json, Value};
use std::sync::OnceLock;

/// A citation style the cite section offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// APA 7th edition.
    Apa,
    /// The Chicago Manual of Style, author-date.
    ChicagoAuthorDate,
    /// China's national standard GB/T 7714-2015.
    GbT7714,
}

impl Style {
    /// Every style, in the order the cite section lists them.
    pub const ALL: [Style; 3] = [Style::Apa, Style::ChicagoAuthorDate, Style::GbT7714];

    /// Its id in ids and the theme's strings (`cite_style_apa`).
    pub fn id(self) -> &'static str {
        match self {
            Style::Apa => "apa",
            Style::ChicagoAuthorDate => "chicago",
            Style::GbT7714 => "gbt7714",
        }
    }

    /// Whether its reference list gives given names as initials (APA's
    /// `M.-H.`, GB/T's `M H`) rather than in full (Chicago's `Ming-hua`).
    fn initializes_given_names(self) -> bool {
        self != Style::ChicagoAuthorDate
    }

    fn archived(self) -> ArchivedStyle {
        match self {
            Style::Apa => ArchivedStyle::AmericanPsychologicalAssociation,
            Style::ChicagoAuthorDate => ArchivedStyle::ChicagoAuthorDate,
            Style::GbT7714 => ArchivedStyle::Gb77142015Numeric,
        }
    }

    /// The parsed CSL style, once per process.
    fn csl(self) -> &'static IndependentStyle {
        static STYLES: OnceLock<Vec<IndependentStyle>> = OnceLock::new();
        let styles = STYLES.get_or_init(|| {
            Style::ALL
                .iter()
                .map(|s| match s.archived().get() {
                    hayagriva::citationberg::Style::Independent(style) => style,
                    hayagriva::citationberg::Style::Dependent(_) => {
                        unreachable!("the three bundled styles are independent")
                    }
                })
                .collect()
        });
        &styles[Style::ALL.iter().position(|s| *s == self).unwrap_or(0)]
    }
}

/// The CSL locales hayagriva bundles, parsed once per process.
fn all_locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(locales)
}

/// A formatted citation.
#[derive(Debug, Clone, PartialEq)]
pub struct Formatted {
    /// As plain text, for copying.
    pub text: String,
    /// As HTML (escaped; titles in `<i>`), for the page.
    pub html: String,
}

/// `record` formatted in `style`, in its language's conventions.
pub fn format(record: &Record, style: Style) -> Formatted {
    let mut map = serde_json::Map::new();
    map.insert(record.key.clone(), entry(record, style));
    let library: Library = serde_json::from_value(Value::Object(map))
        .expect("a record always makes a valid hayagriva entry");
    let entry = library
        .get(&record.key)
        .expect("the library holds the record");
    let csl = style.csl();
    let locale = with_region(&record.lang).map(LocaleCode);
    let mut driver = BibliographyDriver::new();
    driver.citation(CitationRequest::new(
        vec![CitationItem::with_entry(entry)],
        csl,
        locale.clone(),
        all_locales(),
        None,
    ));
    let rendered = driver.finish(BibliographyRequest::new(csl, locale, all_locales()));
    let children: Vec<ElemChild> = rendered
        .bibliography
        .into_iter()
        .flat_map(|b| b.items)
        .flat_map(|item| item.content.0)
        .collect();
    let mut out = Formatted {
        text: String::new(),
        html: String::new(),
    };
    for child in &children {
        write(child, &mut out);
    }
    let cjk = matches!(
        Script::of_language(&record.lang),
        Script::Chinese | Script::Japanese
    );
    if cjk && style != Style::GbT7714 {
        let doi = record.doi_url();
        let urls: Vec<&str> = [Some(record.url.as_str()), doi.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        out.text = full_width(&out.text, &urls);
        out.html = full_width(&out.html, &urls);
    }
    out.text = out.text.trim().to_string();
    out.html = out.html.trim().to_string();
    out
}

/// The punctuation between the fields of a citation as Chinese and
/// Japanese text writes it (APA's Chinese form in Taiwan: `曾怡碩（2023）。
/// 題名［叢書］。出版者。`): full-width brackets and full stops (not after
/// a Latin letter: initials and `No.`); `urls` (the record's links, as written in `s`) are left as they
/// are. GB/T 7714 prescribes the half-width marks its style already uses.
fn full_width(s: &str, urls: &[&str]) -> String {
    match urls
        .iter()
        .filter_map(|u| Some((s.find(u)?, u.len())))
        .min()
    {
        Some((at, len)) => format!(
            "{}{}{}",
            full_width_marks(&s[..at]),
            &s[at..at + len],
            full_width(&s[at + len..], urls)
        ),
        None => full_width_marks(s),
    }
}

fn full_width_marks(s: &str) -> String {
    let s = s
        .replace(". (", "（")
        .replace(" (", "（")
        .replace(" [", "［");
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    // The last character of text (not of an HTML tag) and whether one is open.
    let (mut last, mut in_tag) = (' ', false);
    while let Some(c) = chars.next() {
        let c = match c {
            '<' | '>' => {
                in_tag = c == '<';
                c
            }
            _ if in_tag => c,
            '(' => '（',
            ')' => '）',
            '[' => '［',
            ']' => '］',
            // Not after a Latin letter: initials and "No." keep theirs.
            '.' if !last.is_ascii_alphabetic() && chars.peek() == Some(&' ') => {
                chars.next();
                '。'
            }
            c => c,
        };
        if !in_tag && c != '>' {
            last = c;
        }
        out.push(c);
    }
    out
}

/// Appends `child`'s text and HTML.
fn write(child: &ElemChild, out: &mut Formatted) {
    match child {
        ElemChild::Text(t) => text(&t.text, t.formatting, out),
        ElemChild::Markup(m) => text(m, hayagriva::Formatting::default(), out),
        ElemChild::Link { text: t, url } => {
            out.html.push_str(&format!("<a href=\"{}\">", escape(url)));
            text(&t.text, t.formatting, out);
            out.html.push_str("</a>");
        }
        ElemChild::Elem(e) => e.children.0.iter().for_each(|c| write(c, out)),
        ElemChild::Transparent { .. } => {}
    }
}

/// Appends `s` as text and, with its italics and bold, as HTML.
fn text(s: &str, formatting: hayagriva::Formatting, out: &mut Formatted) {
    let italic = formatting.font_style == FontStyle::Italic;
    let bold = formatting.font_weight == FontWeight::Bold;
    out.text.push_str(s);
    out.html.push_str(match (italic, bold) {
        (true, _) => "<i>",
        (false, true) => "<b>",
        _ => "",
    });
    out.html.push_str(&escape(s));
    out.html.push_str(match (italic, bold) {
        (true, _) => "</i>",
        (false, true) => "</b>",
        _ => "",
    });
}

fn escape(s: &str) -> String {
    crate::markdown::escape_text(s).replace('"', "&quot;")
}

/// The record as a hayagriva entry (its YAML data model, as JSON), its
/// given names prepared for `style`.
fn entry(r: &Record, style: Style) -> Value {
    let authors: Vec<Value> = r
        .authors
        .iter()
        .map(|a| {
            let given = match &a.given {
                Some(g) if style.initializes_given_names() => Some(initialable(g)),
                given => given.clone(),
            };
            json!({"name": a.family, "given-name": given})
        })
        .collect();
    let mut entry = json!({
        "type": "report",
        "title": r.title,
        "author": authors,
        "url": r.url,
        "language": with_region(&r.lang).unwrap_or_else(|| r.lang.clone()),
    });
    let fields = [
        ("date", r.date.map(|d| json!(d.to_string()))),
        (
            "publisher",
            r.publisher
                .as_ref()
                .map(|p| json!({"name": p.name, "location": p.place})),
        ),
        (
            "serial-number",
            r.doi.as_ref().map(|doi| json!({ "doi": doi })),
        ),
        ("genre", r.series.as_ref().map(|s| json!(s))),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            entry[key] = value;
        }
    }
    if let Some(number) = &r.report_number {
        entry["serial-number"]["serial"] = json!(number);
    }
    entry
}

/// `given` with each part of a hyphenated name capitalised (`Ming-hua` →
/// `Ming-Hua`), so that it is initialised part by part (`M.-H.`) as CSL's
/// `initialize-with-hyphen` and citeproc-js do: hayagriva takes a part in
/// lower case for a particle (`de`) and prints it whole (`M.-hua.`), and
/// romanised Chinese given names write their second syllable in lower case.
fn initialable(given: &str) -> String {
    let mut out = String::with_capacity(given.len());
    let mut after_hyphen = false;
    for c in given.chars() {
        if after_hyphen {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        after_hyphen = c == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_citations_take_full_width_marks_except_in_urls_and_abbreviations() {
        let url = "https://x.org/a_(b).";
        assert_eq!(
            full_width(
                &format!("曾怡碩. (2023). 題名 [叢書 No. 12]. 出版者. {url}"),
                &[url]
            ),
            format!("曾怡碩（2023）。題名［叢書 No. 12］。出版者。{url}")
        );
    }
}
