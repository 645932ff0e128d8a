//! Citing a briefing: the facts of one edition ([`Record`]: the title,
//! names and publisher in the edition's language), formatted in APA 7,
//! Chicago author-date and GB/T 7714-2015 by hayagriva's bundled CSL styles
//! (`styles`), and written for reference managers as BibTeX (`bibtex`),
//! RIS (`ris`) and CSL-JSON (`csl_json`).

pub mod bibtex;
pub mod csl_json;
pub mod page;
pub mod ris;
pub mod styles;

use crate::cjk::is_cjk;
use crate::content::model::Date;
use crate::content::Briefing;
use crate::render::SiteContext;

/// One edition of a briefing as a reference manager stores it. Every text
/// is in the edition's language; a value the briefing lacks in that
/// language is left out (abstract, keywords) or, where a citation needs it
/// (title, names), taken from the original and marked by [`Record::original`].
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The cite key: the slug and the edition's language (`slug-en`).
    pub key: String,
    /// The edition's language (BCP 47).
    pub lang: String,
    /// Its title.
    pub title: String,
    /// Its authors in byline order.
    pub authors: Vec<Name>,
    /// The publication date.
    pub date: Option<Date>,
    /// site.yaml's publisher, in the edition's language.
    pub publisher: Option<Publisher>,
    /// The series (briefing.yaml's `series`).
    pub series: Option<String>,
    /// The report number (briefing.yaml's `report_number`).
    pub report_number: Option<String>,
    /// The DOI, without `https://doi.org/`.
    pub doi: Option<String>,
    /// The edition's page.
    pub url: String,
    /// The paper's PDF, when the bundle has one.
    pub pdf_url: Option<String>,
    /// The abstract as plain text, only if written in this language.
    pub abstract_: Option<String>,
    /// The keywords, only if written in this language.
    pub keywords: Vec<String>,
    /// The original edition, when this one is a translation.
    pub original: Option<Original>,
}

/// An author's name as citations need it.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// The name as written (`Yisuo Tzeng`, `曾怡碩`).
    pub full: String,
    /// The family name; a name in CJK characters is kept whole (`曾怡碩`),
    /// as citations in those languages print it.
    pub family: String,
    /// The given names, for names in an alphabet (`Yisuo`).
    pub given: Option<String>,
    /// The author's institution in the edition's language.
    pub institution: Option<String>,
}

/// The publisher of an edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Publisher {
    /// Its name.
    pub name: String,
    /// Where it publishes (`Taipei`).
    pub place: Option<String>,
    /// Its home page.
    pub url: Option<String>,
}

/// The edition a translation was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Original {
    /// Its language (BCP 47).
    pub lang: String,
    /// Its title.
    pub title: String,
    /// Its page.
    pub url: String,
}

impl Record {
    /// The edition of `briefing` in `lang`.
    pub fn new(ctx: &SiteContext, briefing: &Briefing, lang: &str) -> Record {
        let m = &briefing.meta;
        let path = format!("briefings/{}/", briefing.slug);
        let own = |map: &crate::content::model::Localized<String>| map.get(lang).cloned();
        let title = |l: &str| {
            ctx.pick(&m.title, l)
                .map_or(briefing.slug.clone(), |(t, _)| t.clone())
        };
        let publisher = ctx.site.config.publisher.as_ref().and_then(|p| {
            Some(Publisher {
                name: ctx.pick(&p.name, lang)?.0.clone(),
                place: ctx.pick(&p.place, lang).map(|(v, _)| v.clone()),
                url: p.url.clone(),
            })
        });
        Record {
            key: format!("{}-{}", briefing.slug, lang.to_ascii_lowercase()),
            lang: lang.to_string(),
            title: title(lang),
            authors: briefing
                .bylines
                .iter()
                .filter_map(|b| {
                    let (full, _) = ctx.pick(&b.author.name, lang)?;
                    let institution = ctx.pick(&b.institution, lang).map(|(i, _)| i.clone());
                    Some(Name::new(full, institution))
                })
                .collect(),
            date: m.date,
            publisher,
            series: ctx.pick(&m.series, lang).map(|(s, _)| s.clone()),
            report_number: m.report_number.clone(),
            doi: m.doi.clone(),
            url: ctx.url(lang, &path),
            pdf_url: m.pdf.as_ref().map(|name| {
                let name = crate::render::bundle::encoded(name);
                format!("{}{path}{name}", ctx.site.config.base_url)
            }),
            abstract_: own(&m.abstract_).map(|a| plain(&a)),
            keywords: m.keywords.get(lang).cloned().unwrap_or_default(),
            original: (briefing.original != lang).then(|| Original {
                lang: briefing.original.clone(),
                title: title(&briefing.original),
                url: ctx.url(&briefing.original, &path),
            }),
        }
    }

    /// The DOI as a URL.
    pub fn doi_url(&self) -> Option<String> {
        self.doi.as_ref().map(|d| format!("https://doi.org/{d}"))
    }
}

impl Name {
    /// Splits `full` into family and given names: at a comma when it has one
    /// (`Tzeng, Yisuo`), else the last word is the family name (`Yisuo
    /// Tzeng`); a name in CJK characters stays whole.
    pub fn new(full: &str, institution: Option<String>) -> Name {
        let full = full.trim();
        let (family, given) = if full.chars().any(is_cjk) {
            (full.to_string(), None)
        } else if let Some((family, given)) = full.split_once(',') {
            (family.trim().to_string(), Some(given.trim().to_string()))
        } else {
            match full.rsplit_once(' ') {
                Some((given, family)) => (family.to_string(), Some(given.trim().to_string())),
                None => (full.to_string(), None),
            }
        };
        Name {
            full: full.to_string(),
            family,
            given: given.filter(|g| !g.is_empty()),
            institution,
        }
    }

    /// True for a name written in CJK characters.
    pub fn is_cjk(&self) -> bool {
        self.given.is_none() && self.full.chars().any(is_cjk)
    }

    /// `Family, Given` (or the name whole), as BibTeX and RIS write names.
    pub fn inverted(&self) -> String {
        match &self.given {
            Some(given) => format!("{}, {given}", self.family),
            None => self.family.clone(),
        }
    }
}

/// Markdown `text` as plain text, paragraphs separated by a blank line.
fn plain(text: &str) -> String {
    let events = crate::markdown::parse_field(text).events;
    let mut out = String::new();
    for (event, _) in &events {
        match event {
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Paragraph) => out.push_str("\n\n"),
            e => crate::markdown::push_plain(&mut out, e),
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_at_a_comma_or_before_the_last_word_and_cjk_names_stay_whole() {
        let n = Name::new("Yisuo Tzeng", None);
        assert_eq!(
            (n.family.as_str(), n.given.as_deref()),
            ("Tzeng", Some("Yisuo"))
        );
        let n = Name::new("Tzeng, Yi-suo", None);
        assert_eq!(
            (n.family.as_str(), n.given.as_deref()),
            ("Tzeng", Some("Yi-suo"))
        );
        let n = Name::new("曾怡碩", None);
        assert_eq!((n.family.as_str(), n.given.as_deref()), ("曾怡碩", None));
        assert!(n.is_cjk());
        assert_eq!(Name::new("Plato", None).inverted(), "Plato");
    }

    #[test]
    fn markdown_becomes_plain_paragraphs() {
        assert_eq!(
            plain("One *two*\nthree.\n\nFour `x`."),
            "One two three.\n\nFour x."
        );
    }
}
