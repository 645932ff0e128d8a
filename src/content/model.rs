//! The typed content model: what site.yaml, briefing.yaml, glossary.yaml and
//! section front matter may contain. Every struct denies unknown fields so a
//! typo is an error with a suggestion, never silently ignored.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// A value given per language, keyed by BCP 47 code (`zh-Hant`, `en`).
pub type Localized<T> = BTreeMap<String, T>;

/// site.yaml: the portal's configuration.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The portal's name per language.
    pub title: Localized<String>,
    /// Absolute URL the site is served from; may contain a subpath.
    pub base_url: String,
    /// The language served at the root of the site.
    pub default_language: String,
    /// Every language the portal publishes, default first or not.
    pub languages: Vec<String>,
    /// Name of the folder under themes/.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// A one-line description per language, for feeds and meta tags.
    #[serde(default)]
    pub description: Localized<String>,
    /// Where HTML is minified: the theme's templates (default) or every page.
    #[serde(default)]
    pub minify: crate::minify::Minify,
    /// Theme settings, handed to every template as `extra`, as written.
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Who publishes the portal: in JSON-LD, feeds and citations.
    #[serde(default)]
    pub publisher: Option<Publisher>,
    /// The copyright line per language, for the footer and feeds.
    #[serde(default)]
    pub copyright: Localized<String>,
    /// The menu of the header and footer per language, in order; without
    /// one, the glossary. Pages with a `menu:` weight follow.
    #[serde(default)]
    pub menu: Localized<Vec<MenuItem>>,
    /// Briefings per page of the front page's list (`/page/2/` …).
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// Per language: whether a briefing not fully translated into it is
    /// published with the original as fallback (default) or held back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub incomplete_editions: Localized<EditionPolicy>,
}

/// One item of a menu in site.yaml.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// What the reader sees.
    pub label: String,
    /// Where it leads: `home` (the briefing list), `glossary`, `topics`,
    /// `authors`, a page's name under content/pages/, or an absolute URL.
    pub target: String,
}

impl MenuItem {
    /// The targets that are neither a page nor a URL.
    pub const FIXED: [&'static str; 4] = ["home", "glossary", "topics", "authors"];

    /// True when the target is a web address (http or https: another site).
    pub fn is_url(&self) -> bool {
        let lower = self.target.to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    }
}

/// Front matter of a page under content/pages/.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    /// The page's title.
    pub title: String,
    /// Its place in every language's menu (lower first); not in the menu without one.
    #[serde(default)]
    pub menu: Option<i64>,
    /// Its URL folder, if not the file's name.
    #[serde(default)]
    pub slug: Option<String>,
}

/// site.yaml's `publisher`: the organisation behind the portal.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// Its name per language.
    pub name: Localized<String>,
    /// Where it publishes, per language (`臺北`, `Taipei`), for citations.
    #[serde(default)]
    pub place: Localized<String>,
    /// Its home page.
    #[serde(default)]
    pub url: Option<String>,
}

impl SiteConfig {
    /// The path part of `base_url`, always ending in '/': "/" or "/portal/".
    pub fn base_path(&self) -> String {
        let url = &self.base_url;
        let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        after_scheme
            .find('/')
            .map_or("/".to_string(), |i| after_scheme[i..].to_string())
    }
}

fn default_paginate_by() -> usize {
    20
}

/// What to do with a briefing's edition in a language it is not fully
/// translated into (site.yaml's `incomplete_editions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EditionPolicy {
    /// Publish it, showing the original where a section is missing.
    #[default]
    Publish,
    /// Publish it only once every section is translated.
    Hold,
}

fn default_theme() -> String {
    "default".into()
}

impl SiteConfig {
    /// Serves the site from `url` (site.yaml's own or one given for this
    /// run), with the trailing slash every page URL is joined to.
    pub fn set_base_url(&mut self, url: &str) {
        self.base_url = url.to_string();
        if !url.ends_with('/') {
            self.base_url.push('/');
        }
    }
}

/// briefing.yaml: a briefing's metadata.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BriefingMeta {
    /// The title per language.
    pub title: Localized<String>,
    /// Authors in byline order: ids of content/authors.yaml or inline entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<AuthorRef>,
    /// Publication date; set by the editor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Keywords per language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub keywords: Localized<Vec<String>>,
    /// Abstract per language (Markdown).
    #[serde(
        default,
        rename = "abstract",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub abstract_: Localized<String>,
    /// Ids of content/topics.yaml.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// The front page's summary per language (inline Markdown); else the
    /// abstract's first sentences, else the first paragraph.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub summary: Localized<String>,
    /// Shown first on the front page.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub featured: bool,
    /// Drafts are built only with `--drafts`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// The paper as a PDF: a file of the briefing's folder, offered for
    /// download and named in `citation_pdf_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf: Option<String>,
    /// `false`: headings are shown as written, without the outline numbers
    /// (壹、 一、 （一） / I. A. 1.) the pages give them otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbering: Option<bool>,
    /// Its DOI (`10.1234/abcd`), cited and in the metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// The publisher's number for it (`2023-12`), cited as the report number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_number: Option<String>,
    /// The series it belongs to, per language (國防安全簡報 / Defense Security Brief).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub series: Localized<String>,
}

impl BriefingMeta {
    /// Whether the pages number the sections and headings.
    pub fn numbered(&self) -> bool {
        self.numbering != Some(false)
    }
}

/// An author of a briefing as briefing.yaml gives it: the id of an entry of
/// content/authors.yaml (`- tzeng-yisuo`), or the author written out.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthorRef {
    /// An id of content/authors.yaml.
    Id(String),
    /// A one-off author.
    Inline(Author),
}

impl AuthorRef {
    /// The author written out, if it is not named by id.
    pub fn inline(&self) -> Option<&Author> {
        match self {
            AuthorRef::Inline(author) => Some(author),
            AuthorRef::Id(_) => None,
        }
    }
}

impl Serialize for AuthorRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AuthorRef::Id(id) => s.serialize_str(id),
            AuthorRef::Inline(author) => author.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for AuthorRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AuthorRefVisitor)
    }
}

struct AuthorRefVisitor;

impl<'de> serde::de::Visitor<'de> for AuthorRefVisitor {
    type Value = AuthorRef;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an author id of content/authors.yaml or an author (name, affiliation, bio)")
    }

    fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<AuthorRef, E> {
        Ok(AuthorRef::Id(id.to_string()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<AuthorRef, A::Error> {
        Author::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            .map(AuthorRef::Inline)
    }
}

/// One entry of content/topics.yaml.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Stable ASCII id, used in URLs and in briefing.yaml's `topics:`.
    pub id: String,
    /// The name per language.
    pub name: Localized<String>,
    /// One or two sentences per language (inline Markdown).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub description: Localized<String>,
}

/// One entry of content/authors.yaml: an author briefings name by id.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorEntry {
    /// Stable ASCII id, used in URLs and in briefing.yaml's `authors:`.
    pub id: String,
    /// The name per language.
    pub name: Localized<String>,
    /// Institute per language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub affiliation: Localized<String>,
    /// Research division per language; the authors' index groups by it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub division: Localized<String>,
    /// Short biography per language (inline Markdown).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bio: Localized<String>,
    /// A photo's path under static/ (e.g. `authors/tzeng.jpg`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    /// Proposed by the importer and not yet reviewed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

impl AuthorEntry {
    /// The entry as a byline: name, affiliation (the division, where one is
    /// given, as papers print it) and bio.
    pub fn byline(&self) -> Author {
        Author {
            name: self.name.clone(),
            affiliation: if self.division.is_empty() {
                self.affiliation.clone()
            } else {
                self.division.clone()
            },
            bio: self.bio.clone(),
        }
    }
}

/// One author of a briefing.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// The name per language.
    pub name: Localized<String>,
    /// Institute or division per language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub affiliation: Localized<String>,
    /// Short biography per language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bio: Localized<String>,
}

/// Front matter of a section file.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    /// The section's heading.
    pub title: String,
    /// In a translation: the digest of the original section's text it was
    /// translated from (`briefing translate mark` writes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translated_from: Option<String>,
}

/// One entry of content/glossary.yaml: an id and the term in each language
/// that has one, keyed by language tag (`zh-Hant:`, `en:`, `ja:`, …) in the
/// order the file gives them. Which tags are the site's languages is checked
/// by the glossary, which knows site.yaml.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GlossaryEntry {
    /// Stable ASCII id, used in URLs and `[[id]]` links.
    pub id: String,
    /// (language tag, term), in file order.
    pub terms: Vec<(String, Term)>,
    /// Related entries' ids.
    pub see_also: Vec<String>,
    /// An entry proposed by the importer and not yet reviewed.
    pub draft: bool,
}

impl GlossaryEntry {
    /// The entry's text in `lang`, if it has one.
    pub fn term(&self, lang: &str) -> Option<&Term> {
        self.terms.iter().find(|(l, _)| l == lang).map(|(_, t)| t)
    }

    /// The entry's text in `lang`, else in the first language it has.
    pub fn term_or_any(&self, lang: &str) -> Option<&Term> {
        self.term(lang).or(self.terms.first().map(|(_, t)| t))
    }
}

/// The fields of a glossary entry other than its terms.
const ENTRY_FIELDS: &[&str] = &["id", "see_also", "draft"];

/// A key of a glossary entry: a field, or a language tag holding a term. A
/// key that is neither (not a tag, such as `see_als`, or a longer near miss
/// of a field, such as `seealso`) is an unknown field, reported like any other.
enum EntryKey {
    Id,
    SeeAlso,
    Draft,
    Language(String),
}

impl<'de> Deserialize<'de> for EntryKey {
    /// Decided inside the key's own visitor, so that serde_yaml places an
    /// unknown field's error at the key rather than at the entry's start.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_identifier(EntryKeyVisitor)
    }
}

struct EntryKeyVisitor;

impl serde::de::Visitor<'_> for EntryKeyVisitor {
    type Value = EntryKey;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field of a glossary entry or a language tag")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<EntryKey, E> {
        Ok(match key {
            "id" => EntryKey::Id,
            "see_also" => EntryKey::SeeAlso,
            "draft" => EntryKey::Draft,
            _ if crate::i18n::is_language_tag(key)
                && (key.len() <= 3
                    || key.contains('-')
                    || crate::yaml::closest(key, ENTRY_FIELDS).is_none()) =>
            {
                EntryKey::Language(key.to_string())
            }
            _ => return Err(E::unknown_field(key, ENTRY_FIELDS)),
        })
    }
}

impl<'de> Deserialize<'de> for GlossaryEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(EntryVisitor)
    }
}

struct EntryVisitor;

impl<'de> serde::de::Visitor<'de> for EntryVisitor {
    type Value = GlossaryEntry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a glossary entry (id, a term per language, see_also, draft)")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<GlossaryEntry, A::Error> {
        use serde::de::Error;
        let mut entry = GlossaryEntry::default();
        let mut id = None;
        while let Some(key) = map.next_key::<EntryKey>()? {
            match key {
                EntryKey::Id if id.is_some() => return Err(A::Error::duplicate_field("id")),
                EntryKey::Id => id = Some(map.next_value()?),
                EntryKey::SeeAlso => entry.see_also = map.next_value()?,
                EntryKey::Draft => entry.draft = map.next_value()?,
                EntryKey::Language(lang) if entry.term(&lang).is_some() => {
                    return Err(A::Error::custom(format!("duplicate language `{lang}`")))
                }
                EntryKey::Language(lang) => {
                    let term = map.next_value()?;
                    entry.terms.push((lang, term));
                }
            }
        }
        entry.id = id.ok_or_else(|| A::Error::missing_field("id"))?;
        Ok(entry)
    }
}

impl Serialize for GlossaryEntry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        for (lang, term) in &self.terms {
            map.serialize_entry(lang, term)?;
        }
        if !self.see_also.is_empty() {
            map.serialize_entry("see_also", &self.see_also)?;
        }
        if self.draft {
            map.serialize_entry("draft", &true)?;
        }
        map.end()
    }
}

/// A glossary term in one language.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The term as readers know it.
    pub term: String,
    /// Abbreviations and other names that also link to the entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// One or two sentences of inline Markdown; empty in drafts.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub definition: String,
}

/// A calendar date (YYYY-MM-DD), validated on load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Four-digit year.
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31, valid for the month.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible dates.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: u16 = s[0..4].parse().ok()?;
        let month: u8 = s[5..7].parse().ok()?;
        let day: u8 = s[8..10].parse().ok()?;
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }
}

impl Date {
    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        Date::from_system_time(std::time::SystemTime::now())
    }

    /// The UTC day of a system time (file modification times).
    pub fn from_system_time(time: std::time::SystemTime) -> Date {
        let secs = time
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days(secs / 86_400)
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`, for the Gregorian calendar).
    fn from_days(days: u64) -> Date {
        let z = days + 719_468;
        let era = z / 146_097;
        let doe = z % 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + u64::from(month <= 2);
        Date {
            year: u16::try_from(year).unwrap_or(u16::MAX),
            month: month as u8,
            day: day as u8,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "\"{s}\" is not a valid date; write it as YYYY-MM-DD, e.g. 2023-12-01"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_validated() {
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        assert!(Date::parse("2023-1-01").is_none());
    }

    #[test]
    fn days_become_calendar_dates() {
        for (days, date) in [
            (0, "1970-01-01"),
            (59, "1970-03-01"),
            (11_016, "2000-02-29"),
            (19_692, "2023-12-01"),
            (20_791, "2026-12-04"),
        ] {
            assert_eq!(Date::from_days(days).to_string(), date, "{days}");
        }
    }
}
