//! Note references and endnotes as HTML for one page.

use super::NoteTable;
use crate::markdown::{is_cjk, to_html};
use pulldown_cmark::Event;
use std::collections::BTreeMap;

/// The labels a page needs, already in the page's language, with `{n}` for the number.
#[derive(Debug, Clone)]
pub struct NoteLabels {
    /// Accessible name of a reference, e.g. "Note {n}".
    pub reference: String,
    /// Accessible name of a backlink, e.g. "Back to reference {n}".
    pub backlink: String,
}

/// Renders the note references of one page and then its endnotes.
pub struct NoteRenderer<'t, 'a> {
    table: &'t NoteTable<'a>,
    lang: String,
    original: String,
    prefix: String,
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
}

impl<'t, 'a> NoteRenderer<'t, 'a> {
    /// A renderer for a page in `lang` whose ids start with `prefix`.
    pub fn new(
        table: &'t NoteTable<'a>,
        lang: &str,
        original: &str,
        prefix: &str,
        labels: NoteLabels,
    ) -> Self {
        NoteRenderer {
            table,
            lang: lang.into(),
            original: original.into(),
            prefix: prefix.into(),
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
        let id = ref_id(&self.prefix, n, *count);
        let label = self.labels.reference.replace("{n}", &n.to_string());
        format!("<sup class=\"noteref\"><a href=\"#{p}fn-{n}\" id=\"{id}\" role=\"doc-noteref\" aria-label=\"{label}\">{n}</a></sup>", p = self.prefix)
    }

    /// The endnotes referenced on this page, in number order, with backlinks.
    pub fn endnotes(&self) -> Vec<RenderedNote> {
        let labels = self.table.labels_in_order();
        self.references
            .iter()
            .filter_map(|(&n, &count)| {
                let label = labels.get(n as usize - 1)?;
                let events = self.table.definition(label, &self.lang, &self.original)?;
                let text_lang = text_language(events);
                let html =
                    with_backlinks(to_html(events.iter().cloned()), &self.backlinks(n, count));
                let lang =
                    (text_lang != language_family(&self.lang)).then(|| text_lang.to_string());
                Some(RenderedNote {
                    number: n,
                    id: format!("{}fn-{n}", self.prefix),
                    html,
                    lang,
                })
            })
            .collect()
    }

    fn backlinks(&self, n: u32, count: usize) -> String {
        let label = self.labels.backlink.replace("{n}", &n.to_string());
        (1..=count)
            .map(|k| {
                let mark = if k == 1 { String::new() } else { format!("<sup>{k}</sup>") };
                let label = if k == 1 { label.clone() } else { format!("{label} ({k})") };
                format!(" <a href=\"#{}\" class=\"backlink\" role=\"doc-backlink\" aria-label=\"{label}\">↩\u{fe0e}{mark}</a>", ref_id(&self.prefix, n, k))
            })
            .collect()
    }
}

fn ref_id(prefix: &str, n: u32, k: usize) -> String {
    if k == 1 {
        format!("{prefix}fnref-{n}")
    } else {
        format!("{prefix}fnref-{n}-{k}")
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

/// "zh-Hant" when a note's text (outside links) is mainly Chinese, else "en".
pub fn text_language(events: &[Event]) -> &'static str {
    let (mut han, mut latin, mut in_link) = (0usize, 0usize, 0usize);
    for e in events {
        match e {
            Event::Start(pulldown_cmark::Tag::Link { .. }) => in_link += 1,
            Event::End(pulldown_cmark::TagEnd::Link) => in_link -= 1,
            Event::Text(t) if in_link == 0 => {
                han += t
                    .chars()
                    .filter(|c| is_cjk(*c) && c.is_alphabetic())
                    .count();
                latin += t.chars().filter(char::is_ascii_alphabetic).count();
            }
            _ => {}
        }
    }
    if han * 3 >= latin && han > 0 {
        "zh-Hant"
    } else {
        "en"
    }
}

fn language_family(lang: &str) -> &'static str {
    if lang.starts_with("zh") {
        "zh-Hant"
    } else {
        "en"
    }
}
