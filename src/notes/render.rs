//! Note references and endnotes as HTML for one page.

use super::citations::{EMPHASIS_END, EMPHASIS_START};
use super::NoteTable;
use crate::i18n::Script;
use crate::markdown::{escape_text, to_html};
use crate::urls;
use pulldown_cmark::Event;
use std::collections::BTreeMap;

/// The labels a page needs, already in the page's language, with `{n}` for the number.
#[derive(Debug, Clone)]
pub struct NoteLabels {
    /// Accessible name of a reference, e.g. "Note {n}".
    pub reference: String,
    /// Accessible name of a backlink, e.g. "Back to reference {n}".
    pub backlink: String,
    /// Link from a short form to its full citation, e.g. "(see note {n})".
    pub see_note: String,
    /// The same for several notes, e.g. "(see notes {n})".
    pub see_notes: String,
    /// Between numbers in a list: "、" or ", ".
    pub separator: String,
}

/// Renders the note references of one page and then its endnotes.
pub struct NoteRenderer<'t, 'a> {
    table: &'t NoteTable<'a>,
    lang: String,
    original: String,
    /// The site's languages, to name the language of a note's text.
    languages: Vec<String>,
    labels: NoteLabels,
    /// number → how many references the page has made so far.
    references: BTreeMap<u32, usize>,
}

/// One endnote, ready for the template.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RenderedNote {
    /// Displayed number.
    pub number: u32,
    /// The `<li>` id, e.g. `fn-5` or `en-fn-5`.
    pub id: String,
    /// The note's HTML, backlinks included.
    pub html: String,
    /// Set when the note's text is in another language than the page.
    pub lang: Option<String>,
    /// Ids of the notes holding the full citation this note repeats, space-separated.
    pub see: String,
}

/// One entry of the references list, ready for the template.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RenderedSource {
    /// The citation as HTML (escaped text, URLs as links).
    pub html: String,
    /// Set when the citation is in another language than the page.
    pub lang: Option<String>,
    /// Links to the notes citing it.
    pub notes: Vec<NoteLink>,
}

/// A link to a note: its number and the href of its endnote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NoteLink {
    /// The note's number.
    pub number: u32,
    /// `#fn-<number>`.
    pub href: String,
}

impl<'t, 'a> NoteRenderer<'t, 'a> {
    /// A renderer for a page in `lang` of a site in `languages`.
    pub fn new(
        table: &'t NoteTable<'a>,
        (lang, original): (&str, &str),
        languages: &[String],
        labels: NoteLabels,
    ) -> Self {
        NoteRenderer {
            table,
            lang: lang.into(),
            original: original.into(),
            languages: languages.to_vec(),
            labels,
            references: BTreeMap::new(),
        }
    }

    /// Replaces note references in `events` with reference markup.
    pub fn rewrite<'e>(&mut self, events: impl Iterator<Item = Event<'e>>) -> Vec<Event<'e>> {
        events
            .map(|event| match event {
                Event::FootnoteReference(label) => match self.table.number(&label) {
                    Some(n) => Event::InlineHtml(self.reference(n).into()),
                    None => Event::Text(format!("[^{label}]").into()),
                },
                other => other,
            })
            .collect()
    }

    fn reference(&mut self, n: u32) -> String {
        let count = self.references.entry(n).or_insert(0);
        *count += 1;
        let id = ref_id(n, *count);
        let label = self.labels.reference.replace("{n}", &n.to_string());
        format!("\u{2060}<sup class=\"noteref\"><a href=\"#fn-{n}\" id=\"{id}\" role=\"doc-noteref\" aria-label=\"{label}\">{n}</a></sup>")
    }

    /// The endnotes referenced on this page, in number order, with backlinks.
    pub fn endnotes(&self) -> Vec<RenderedNote> {
        let labels = self.table.labels_in_order();
        self.references
            .iter()
            .filter_map(|(&n, &count)| {
                let label = labels.get(n as usize - 1)?;
                let events = self.table.definition(label, &self.lang, &self.original)?;
                let targets = self.table.short_form_targets(n);
                let lang = self.language_of(text_script(events));
                // Our own words inside a note in another language carry the page's language.
                let own_lang = match lang {
                    Some(_) => format!(" lang=\"{}\"", self.lang),
                    None => String::new(),
                };
                let extra = format!(
                    "{}{}",
                    self.see_links(targets, &own_lang),
                    self.backlinks(n, count, &own_lang)
                );
                let html = with_backlinks(to_html(events.iter().cloned()), &extra);
                let see: Vec<String> = targets.iter().map(|t| format!("fn-{t}")).collect();
                Some(RenderedNote {
                    number: n,
                    id: format!("fn-{n}"),
                    html,
                    lang,
                    see: see.join(" "),
                })
            })
            .collect()
    }

    /// The language tag to mark a text in `script` with: none when the page
    /// is written in it, else the site's language written in it.
    fn language_of(&self, script: Script) -> Option<String> {
        (script != Script::of_language(&self.lang))
            .then(|| script.language(self.languages.iter().map(String::as_str)))
            .flatten()
    }

    /// The references list: the distinct sources cited, with links to their notes.
    pub fn references(&self) -> Vec<RenderedSource> {
        self.table
            .sources(&self.lang)
            .iter()
            .filter(|s| s.notes.iter().any(|n| self.references.contains_key(n)))
            .map(|s| RenderedSource {
                html: with_emphasis(&linkify(&s.text)),
                lang: self.language_of(Script::of_text(&s.text)),
                notes: s
                    .notes
                    .iter()
                    .filter(|n| self.references.contains_key(n))
                    .map(|n| NoteLink {
                        number: *n,
                        href: format!("#fn-{n}"),
                    })
                    .collect(),
            })
            .collect()
    }

    /// "（見註 5）" with each number linking to its note; empty without targets.
    fn see_links(&self, targets: &[u32], lang_attr: &str) -> String {
        if targets.is_empty() {
            return String::new();
        }
        let links: Vec<String> = targets
            .iter()
            .map(|t| format!("<a href=\"#fn-{t}\">{t}</a>"))
            .collect();
        let pattern = if targets.len() == 1 {
            &self.labels.see_note
        } else {
            &self.labels.see_notes
        };
        format!(
            "<span class=\"see-note\"{lang_attr}>{}</span>",
            pattern.replace("{n}", &links.join(&self.labels.separator))
        )
    }

    fn backlinks(&self, n: u32, count: usize, lang_attr: &str) -> String {
        let label = self.labels.backlink.replace("{n}", &n.to_string());
        (1..=count)
            .map(|k| {
                let mark = if k == 1 { String::new() } else { format!("<sup>{k}</sup>") };
                let label = if k == 1 { label.clone() } else { format!("{label}, {k}") };
                format!("\u{a0}<a href=\"#{}\" class=\"backlink\" role=\"doc-backlink\"{lang_attr} aria-label=\"{label}\">↩\u{fe0e}{mark}</a>", ref_id(n, k))
            })
            .collect()
    }
}

fn ref_id(n: u32, k: usize) -> String {
    if k == 1 {
        format!("fnref-{n}")
    } else {
        format!("fnref-{n}-{k}")
    }
}

/// Puts the backlinks at the end of the note's last paragraph.
fn with_backlinks(mut html: String, backlinks: &str) -> String {
    let trimmed = html.trim_end().len();
    html.truncate(trimmed);
    if html.ends_with("</p>") {
        html.insert_str(html.len() - 4, backlinks);
    } else {
        html.push_str(backlinks);
    }
    html
}

/// The script of a note's text outside links.
pub fn text_script(events: &[Event]) -> Script {
    let mut in_link = 0usize;
    let mut text = String::new();
    for e in events {
        match e {
            Event::Start(pulldown_cmark::Tag::Link { .. }) => in_link += 1,
            Event::End(pulldown_cmark::TagEnd::Link) => in_link -= 1,
            Event::Text(t) if in_link == 0 => text.push_str(t),
            _ => {}
        }
    }
    Script::of_text(&text)
}

/// Escapes plain text for HTML and turns http(s) URLs ([`urls::find`])
/// into links showing the full URL.
fn linkify(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for url in urls::find(text) {
        out.push_str(&escape_text(&text[at..url.start]));
        out.push_str(&format!(
            "<a href=\"{0}\">{0}</a>",
            escape_text(&text[url.clone()])
        ));
        at = url.end;
    }
    out.push_str(&escape_text(&text[at..]));
    out
}

/// Turns the emphasis marks of a citation into balanced `<em>` elements,
/// dropping a mark that would leave one unbalanced.
fn with_emphasis(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut open = false;
    for c in html.chars() {
        match c {
            EMPHASIS_START if !open => {
                out.push_str("<em>");
                open = true;
            }
            EMPHASIS_END if open => {
                out.push_str("</em>");
                open = false;
            }
            EMPHASIS_START | EMPHASIS_END => {}
            c => out.push(c),
        }
    }
    if open {
        out.push_str("</em>");
    }
    out
}

#[cfg(test)]
mod linkify_tests {
    use super::{linkify, with_emphasis, EMPHASIS_END, EMPHASIS_START};

    #[test]
    fn urls_end_where_the_importer_ends_them() {
        assert_eq!(
            linkify("Lee, 2020, https://a.org/wiki/X_(y). 又見https://b.tw/x、https://c.tw/"),
            "Lee, 2020, <a href=\"https://a.org/wiki/X_(y)\">https://a.org/wiki/X_(y)</a>. 又見<a href=\"https://b.tw/x\">https://b.tw/x</a>、<a href=\"https://c.tw/\">https://c.tw/</a>"
        );
    }

    #[test]
    fn every_url_becomes_a_link_whichever_scheme_comes_first() {
        assert_eq!(
            linkify("A, https://a.org/x. B, http://b.org/y。"),
            "A, <a href=\"https://a.org/x\">https://a.org/x</a>. B, <a href=\"http://b.org/y\">http://b.org/y</a>。"
        );
    }

    #[test]
    fn emphasis_marks_become_balanced_em_elements() {
        let (a, b) = (EMPHASIS_START, EMPHASIS_END);
        let text = format!("Lee, {a}Outlet{b}, 2020, https://x.org/{b}");
        assert_eq!(
            with_emphasis(&linkify(&text)),
            "Lee, <em>Outlet</em>, 2020, <a href=\"https://x.org/\">https://x.org/</a>"
        );
        assert_eq!(with_emphasis(&format!("{a}open")), "<em>open</em>");
        assert_eq!(with_emphasis(&format!("{b}x{a}{a}y")), "x<em>y</em>");
    }
}
