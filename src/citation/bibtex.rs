//! A [`Record`] as a BibTeX entry (`@techreport`, with biblatex's `langid`,
//! `date` and, for a translation, `origtitle` and `origlanguage`), as
//! BibTeX, biblatex and Zotero read it.

use super::Record;
use crate::i18n::Script;

/// `record` as one `@techreport` entry, ending in a newline.
pub fn entry(record: &Record) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    let authors = record
        .authors
        .iter()
        .map(|a| match a.is_cjk() {
            // Braced: one name, not split into first and last.
            true => format!("{{{}}}", escape(&a.full)),
            false => escape(&a.inverted()),
        })
        .collect::<Vec<_>>()
        .join(" and ");
    let publisher = record.publisher.as_ref();
    let keywords = record.keywords.join(", ");
    if !authors.is_empty() {
        fields.push(("author", authors));
    }
    let texts = [
        ("title", Some(&record.title)),
        ("institution", publisher.map(|p| &p.name)),
        ("address", publisher.and_then(|p| p.place.as_ref())),
        ("type", record.series.as_ref()),
        ("number", record.report_number.as_ref()),
    ];
    fields.extend(
        texts
            .iter()
            .filter_map(|(n, v)| Some((*n, escape(v.as_ref()?)))),
    );
    if let Some(date) = record.date {
        fields.push(("year", date.year.to_string()));
        fields.push(("date", date.to_string()));
    }
    fields.push(("langid", langid(&record.lang)));
    if !keywords.is_empty() {
        fields.push(("keywords", escape(&keywords)));
    }
    fields.extend(record.abstract_.iter().map(|a| ("abstract", escape(a))));
    if let Some(original) = &record.original {
        fields.push(("origtitle", escape(&original.title)));
        fields.push(("origlanguage", langid(&original.lang)));
    }
    // Verbatim fields: URLs and DOIs are not TeX.
    fields.extend(record.doi.iter().map(|d| ("doi", verbatim(d))));
    fields.push(("url", verbatim(&record.url)));
    let body: String = fields
        .iter()
        .map(|(name, value)| format!("  {name} = {{{value}}},\n"))
        .collect();
    format!("@techreport{{{},\n{body}}}\n", record.key)
}

/// The babel/polyglossia name biblatex's `langid` expects for `lang`.
fn langid(lang: &str) -> String {
    let base = lang.split('-').next().unwrap_or(lang);
    match (base, Script::of_language(lang)) {
        (_, Script::Chinese) => "chinese",
        (_, Script::Japanese) => "japanese",
        (_, Script::Korean) => "korean",
        ("en", _) => "english",
        ("fr", _) => "french",
        ("de", _) => "german",
        ("es", _) => "spanish",
        ("ru", _) => "russian",
        ("pt", _) => "portuguese",
        _ => base,
    }
    .to_string()
}

/// `s` with TeX's special characters escaped and line breaks as spaces
/// within a paragraph (a blank line, TeX's paragraph break, kept).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '#' | '%' | '&' | '$' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// A URL or DOI for a verbatim field: only braces, which would end it, are
/// percent-encoded.
fn verbatim(s: &str) -> String {
    s.replace('{', "%7B").replace('}', "%7D")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tex_specials_are_escaped_and_urls_kept() {
        assert_eq!(
            escape(r"R&D 50% {x} a_b \ ~^"),
            r"R\&D 50\% \{x\} a\_b \textbackslash{} \textasciitilde{}\textasciicircum{}"
        );
        assert_eq!(
            verbatim("https://x.org/a_b%20{c}"),
            "https://x.org/a_b%20%7Bc%7D"
        );
    }

    #[test]
    fn langid_names_the_language_as_babel_does() {
        assert_eq!(langid("zh-Hant"), "chinese");
        assert_eq!(langid("en"), "english");
        assert_eq!(langid("pt-BR"), "portuguese");
    }
}
