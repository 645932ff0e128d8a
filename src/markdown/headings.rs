//! Stable heading ids: an explicit `{#id}` wins; otherwise the id is derived
//! from the section's id and the heading's position (`trade-2`), so it is the
//! same in every language and never a romanisation of Chinese text.

use super::{plain_text, Spanned};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

/// A heading inside a section, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 3 for `###`, 4 for `####` …
    pub level: u8,
    /// The anchor id.
    pub id: String,
    /// The heading's plain text.
    pub text: String,
    /// Its outline number (`一、`, `A. `), empty when unnumbered.
    pub number: String,
}

/// Gives every heading an id and returns the headings found.
pub fn assign_heading_ids<'a>(events: &mut [Spanned<'a>], section_id: &str) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut counters = [0usize; 6];
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &mut events[i].0 {
            let depth = *level as usize - 1;
            counters[depth] += 1;
            counters[depth + 1..].iter_mut().for_each(|c| *c = 0);
            let base = match id.take() {
                Some(explicit) => explicit.to_string(),
                None => derived_id(section_id, &counters, *level),
            };
            *id = Some(CowStr::from(base.clone()));
            let level = *level as u8;
            let end = events[i..]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |p| i + p);
            let text = plain_text(events[i + 1..end].iter().map(|(e, _)| e));
            headings.push(Heading {
                level,
                id: base,
                text,
                number: String::new(),
            });
            i = end;
        }
        i += 1;
    }
    headings
}

/// Numbers the `###` and `####` headings of a section (`number(depth, n)`,
/// depth 1 for `###`, 2 for `####`), records each number in `headings` and
/// puts it at the start of the heading's text in `events`, as a
/// `<span class="heading-number">` (with `lang` when given): real text, so
/// screen readers read it and a copy keeps it.
pub fn number_headings<'a>(
    events: Vec<Event<'a>>,
    headings: &mut [Heading],
    lang: Option<&str>,
    number: impl Fn(usize, usize) -> String,
) -> Vec<Event<'a>> {
    let mut counts = [0usize; 2];
    for h in headings.iter_mut().filter(|h| h.level == 3 || h.level == 4) {
        let depth = usize::from(h.level - 3);
        counts[depth] += 1;
        if depth == 0 {
            counts[1] = 0;
        }
        h.number = number(depth + 1, counts[depth]);
    }
    let mut numbers = headings.iter().map(|h| h.number.clone());
    let lang = lang.map_or(String::new(), |l| format!(" lang=\"{l}\""));
    let mut out = Vec::with_capacity(events.len() + headings.len());
    for event in events {
        let heading = matches!(event, Event::Start(Tag::Heading { .. }));
        out.push(event);
        if !heading {
            continue;
        }
        if let Some(n) = numbers.next().filter(|n| !n.is_empty()) {
            out.push(Event::InlineHtml(CowStr::from(format!(
                "<span class=\"heading-number\"{lang}>{n}</span>"
            ))));
        }
    }
    out
}

/// `<section>-<k>` for `###`, `<section>-<k>-<m>` for `####`, counting from `###`.
fn derived_id(section_id: &str, counters: &[usize; 6], level: HeadingLevel) -> String {
    let from = HeadingLevel::H3 as usize - 1;
    let to = level as usize;
    let parts: Vec<String> = counters[from.min(to - 1)..to]
        .iter()
        .map(|c| c.max(&1).to_string())
        .collect();
    format!("{section_id}-{}", parts.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    #[test]
    fn ids_are_explicit_or_positional() {
        let mut events = parse("### A\n\n#### B\n\n### C {#custom}\n\n### D\n");
        let hs = assign_heading_ids(&mut events, "trade");
        let ids: Vec<_> = hs.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["trade-1", "trade-1-1", "custom", "trade-3"]);
        assert_eq!(hs[2].text, "C");
        let html = crate::markdown::to_html(events.into_iter().map(|(e, _)| e));
        assert!(html.contains("<h3 id=\"trade-1\">A</h3>"), "{html}");
    }

    #[test]
    fn numbers_restart_under_each_sub_heading_and_lead_the_text() {
        let mut events = parse("### A\n\n#### B\n\n#### C\n\n### D\n\n#### E\n");
        let mut hs = assign_heading_ids(&mut events, "s");
        let events = events.into_iter().map(|(e, _)| e).collect();
        let events = number_headings(events, &mut hs, Some("en"), |d, n| format!("{d}.{n} "));
        let numbers: Vec<&str> = hs.iter().map(|h| h.number.as_str()).collect();
        assert_eq!(numbers, ["1.1 ", "2.1 ", "2.2 ", "1.2 ", "2.1 "]);
        let html = crate::markdown::to_html(events.into_iter());
        assert!(
            html.contains(
                "<h4 id=\"s-1-2\"><span class=\"heading-number\" lang=\"en\">2.2 </span>C</h4>"
            ),
            "{html}"
        );
    }

    #[test]
    fn chinese_headings_get_ascii_ids() {
        let mut events = parse("### 菁英攏絡方式逐漸轉變\n");
        let hs = assign_heading_ids(&mut events, "section-4");
        assert_eq!(hs[0].id, "section-4-1");
    }
}
