//! Footnote texts: full citations of Chinese- and English-language sources in
//! the shape of the real paper, short-form repeats of an earlier citation,
//! "同上 / Ibid." and the occasional note citing two works.

use crate::rng::Rng;
use crate::text::Lang;
use crate::vocab::{
    Pair, ACTORS, EN_OUTLETS, FIELDS, FIRST_NAMES, GIVEN_NAMES, LAST_NAMES, REGIONS, SURNAMES,
    ZH_OUTLETS,
};

/// A cited work.
#[derive(Debug, Clone)]
pub struct Source {
    /// Author in (zh, en); the same for English-language sources.
    author: (String, String),
    /// Author as a short form names them.
    short_author: (String, String),
    /// Title in (zh, en).
    title: (String, String),
    /// Outlet in (zh, en).
    outlet: (String, String),
    /// Publication date (year, month, day).
    date: (usize, usize, usize),
    /// Where it is online.
    url: String,
    /// True for a Chinese-language source (its English note is a translation).
    chinese: bool,
}

/// One note of a briefing.
#[derive(Debug, Clone)]
pub struct Note {
    /// The note text in Chinese (the original).
    pub zh: String,
    /// The English text, when the translation overrides the original's.
    pub en: Option<String>,
}

impl Note {
    /// The text shown in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => en,
            _ => &self.zh,
        }
    }
}

/// `count` notes in reading order: mostly new full citations, with about 12%
/// short forms of an earlier one, 5% "Ibid." and 8% citing two works.
pub fn notes(rng: &mut Rng, count: usize) -> Vec<Note> {
    let mut cited: Vec<Source> = Vec::new();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let note = if i > 0 && rng.percent(5) {
            Note {
                zh: "同上。".into(),
                en: Some("Ibid.".into()),
            }
        } else if cited.len() > 3 && rng.percent(12) {
            short_form(&cited[rng.below(cited.len())])
        } else {
            let first = source(rng);
            let mut note = full(&first);
            cited.push(first);
            if rng.percent(8) {
                let second = source(rng);
                let more = full(&second);
                // English first: until then it may fall back to the Chinese text.
                let en = format!(
                    "{}; {}",
                    note.text(Lang::En).trim_end_matches('.'),
                    more.text(Lang::En)
                );
                note.zh = format!("{}；{}", note.zh.trim_end_matches(['。', '.']), more.zh);
                note.en = Some(en);
                cited.push(second);
            }
            note
        };
        out.push(note);
    }
    out
}

/// A new source: 60% Chinese-language, 40% English-language.
fn source(rng: &mut Rng) -> Source {
    let date = (rng.range(2013, 2024), rng.range(1, 12), rng.range(1, 28));
    if rng.percent(60) {
        chinese_source(rng, date)
    } else {
        english_source(rng, date)
    }
}

fn chinese_source(rng: &mut Rng, date: (usize, usize, usize)) -> Source {
    let (surname, given) = (rng.pick(SURNAMES), rng.pick(GIVEN_NAMES));
    let title = title(rng);
    let &(outlet_zh, outlet_en, host) = rng.pick(ZH_OUTLETS);
    let url = if rng.percent(40) {
        format!("https://{host}/{}/", title.0)
    } else {
        format!("https://{host}/news/{}", rng.range(1_000_000, 9_999_999))
    };
    Source {
        author: (
            format!("{}{}", surname.0, given.0),
            format!("{} {}", given.1, surname.1),
        ),
        short_author: (format!("{}{}", surname.0, given.0), surname.1.to_string()),
        title,
        outlet: (outlet_zh.into(), outlet_en.into()),
        date,
        url,
        chinese: true,
    }
}

fn english_source(rng: &mut Rng, date: (usize, usize, usize)) -> Source {
    let (first, last) = (rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
    let title = title(rng).1;
    let &(outlet, host) = rng.pick(EN_OUTLETS);
    let url = format!(
        "https://{host}/{}/{:02}/{}/",
        date.0,
        date.1,
        url_slug(&title)
    );
    let both = |s: String| (s.clone(), s);
    Source {
        author: both(format!("{first} {last}")),
        short_author: both(last.to_string()),
        title: both(title),
        outlet: both(outlet.to_string()),
        date,
        url,
        chinese: false,
    }
}

/// A headline in (zh, en).
fn title(rng: &mut Rng) -> (String, String) {
    let a = rng.below(ACTORS.len());
    let b = (a + 1) % ACTORS.len();
    let (actor, other, region, field): (&Pair, &Pair, &Pair, &Pair) =
        (&ACTORS[a], &ACTORS[b], rng.pick(REGIONS), rng.pick(FIELDS));
    let (zh, en) = match rng.below(4) {
        0 => (
            format!("{}與{}正在爭奪{}", actor.0, other.0, region.0),
            format!("{} and {} Are Competing for {}", actor.1, other.1, region.1),
        ),
        1 => (
            format!("{}在{}的{}布局", actor.0, region.0, field.0),
            format!("The {} Strategy of {} in {}", field.1, actor.1, region.1),
        ),
        2 => (
            format!("{}{}合作的新局", region.0, field.0),
            format!("A New Phase of {} Cooperation in {}", field.1, region.1),
        ),
        _ => (
            format!("{}如何影響{}", actor.0, region.0),
            format!("How {} Shapes {}", actor.1, region.1),
        ),
    };
    (zh, title_case(&en))
}

fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &["a", "an", "and", "for", "in", "of", "the", "to"];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let mut c = w.chars();
            match c.next() {
                Some(f) if i == 0 || !SMALL.contains(&w) => f.to_uppercase().chain(c).collect(),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn url_slug(title: &str) -> String {
    title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The full citation of `s`; the English text is an override only for Chinese sources.
fn full(s: &Source) -> Note {
    let (y, m, d) = s.date;
    let en = format!(
        "{}, “{},” *{}*, {} {d}, {y}, <{}>.",
        s.author.1,
        s.title.1,
        s.outlet.1,
        month_name(m),
        s.url
    );
    if s.chinese {
        let zh = format!(
            "{}，〈{}〉，《{}》，{y} 年 {m} 月 {d} 日，<{}>。",
            s.author.0, s.title.0, s.outlet.0, s.url
        );
        Note { zh, en: Some(en) }
    } else {
        Note { zh: en, en: None }
    }
}

/// The English name of month `m` (1–12), as the default theme names it.
fn month_name(m: usize) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS[m - 1].to_string()
}

/// A short-form repeat of an earlier citation: author and title only.
fn short_form(s: &Source) -> Note {
    let en = format!("{}, “{}.”", s.short_author.1, s.title.1);
    if s.chinese {
        Note {
            zh: format!("{}，〈{}〉。", s.short_author.0, s.title.0),
            en: Some(en),
        }
    } else {
        Note { zh: en, en: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn some_notes_are_short_forms_of_earlier_ones() {
        let notes = notes(&mut Rng::new(9, 9), 45);
        assert_eq!(notes.len(), 45);
        let short = notes
            .iter()
            .filter(|n| n.zh.ends_with("〉。") || n.zh.ends_with(".”"))
            .count();
        assert!(short > 0, "{notes:#?}");
        assert!(notes.iter().any(|n| n.zh.contains("<https://")));
    }
}
