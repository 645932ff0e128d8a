//! One generated briefing: its metadata, six sections per language with note
//! markers, and its notes; then written in our content format.

use crate::notes::{self, Note};
use crate::rng::Rng;
use crate::text::{self, Lang, Subheading};
use crate::vocab::{
    Pair, ACTORS, AFFILIATIONS, FIELDS, GIVEN_NAMES, GLOSSARY, REGIONS, SUBTITLES, SURNAMES, TOPICS,
};
use std::fmt::Write as _;
use std::path::Path;

/// Notes per briefing.
const NOTES: usize = 45;
/// Sections per language.
const SECTIONS: usize = 6;
/// Notes referenced a second time in a later section.
const REPEATED_REFERENCES: usize = 5;

/// A briefing, ready to be written in either format.
pub struct Briefing {
    /// Folder name.
    pub slug: String,
    /// ISO date.
    pub date: String,
    /// Title in (zh, en).
    pub title: (String, String),
    authors: Vec<Author>,
    keywords: Vec<(String, String)>,
    abstract_: (String, String),
    /// The sections in order.
    pub sections: Vec<Section>,
    /// Notes by label − 1.
    pub notes: Vec<Note>,
}

struct Author {
    name: (String, String),
    affiliation: Pair,
    bio: (String, String),
}

/// One section in both languages.
pub struct Section {
    /// File name without the language: `NN-name`.
    pub file_stem: String,
    /// The `name` part, the section's id.
    pub id: String,
    /// Title in (zh, en).
    pub title: (String, String),
    /// Markdown body in (zh, en), with note markers and without definitions.
    pub body: (String, String),
    /// Labels of the notes first referenced here (defined in this file).
    pub first_refs: Vec<usize>,
}

impl Briefing {
    /// Generates briefing number `index` (0-based) from `seed`.
    pub fn generate(seed: u64, index: usize) -> Briefing {
        let mut rng = Rng::new(seed, index as u64);
        let title = briefing_title(&mut rng);
        let authors = (0..rng.range(1, 2)).map(|_| author(&mut rng)).collect();
        let keyword_count = rng.range(3, 5);
        let keywords = rng
            .distinct(GLOSSARY.len(), keyword_count)
            .into_iter()
            .map(|i| (GLOSSARY[i].zh.0.to_string(), GLOSSARY[i].en.0.to_string()))
            .collect();
        let abstract_ = (prose(&mut rng, Lang::Zh, 3), prose(&mut rng, Lang::En, 3));
        let notes = notes::notes(&mut rng, NOTES);
        let sections = sections(&mut rng);
        Briefing {
            slug: format!("briefing-{:05}", index + 1),
            date: date(index),
            title,
            authors,
            keywords,
            abstract_,
            sections,
            notes,
        }
    }

    /// Writes `content/briefings/<slug>/` under `root`; returns the files written.
    pub fn write(&self, root: &Path) -> std::io::Result<usize> {
        let dir = root.join("content").join("briefings").join(&self.slug);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("briefing.yaml"), self.meta_yaml())?;
        for section in &self.sections {
            for lang in [Lang::Zh, Lang::En] {
                let name = format!("{}.{}.md", section.file_stem, lang.code());
                std::fs::write(dir.join(name), self.section_file(section, lang))?;
            }
        }
        Ok(1 + 2 * self.sections.len())
    }

    fn meta_yaml(&self) -> String {
        let mut y = String::new();
        let _ = writeln!(
            y,
            "title: {{ zh-Hant: {}, en: {} }}",
            q(&self.title.0),
            q(&self.title.1)
        );
        y.push_str("authors:\n");
        for a in &self.authors {
            let _ = writeln!(
                y,
                "  - name: {{ zh-Hant: {}, en: {} }}",
                q(&a.name.0),
                q(&a.name.1)
            );
            let _ = writeln!(
                y,
                "    affiliation: {{ zh-Hant: {}, en: {} }}",
                q(a.affiliation.0),
                q(a.affiliation.1)
            );
            let _ = writeln!(
                y,
                "    bio: {{ zh-Hant: {}, en: {} }}",
                q(&a.bio.0),
                q(&a.bio.1)
            );
        }
        let _ = writeln!(y, "date: {}", self.date);
        let list = |f: fn(&(String, String)) -> &String| {
            self.keywords
                .iter()
                .map(|k| q(f(k)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            y,
            "keywords: {{ zh-Hant: [{}], en: [{}] }}",
            list(|k| &k.0),
            list(|k| &k.1)
        );
        let _ = writeln!(
            y,
            "abstract:\n  zh-Hant: {}\n  en: {}",
            q(&self.abstract_.0),
            q(&self.abstract_.1)
        );
        y
    }

    /// A section file: front matter, body, then the definitions of the notes
    /// first referenced in it (English only where it overrides the original).
    fn section_file(&self, section: &Section, lang: Lang) -> String {
        let (title, body) = match lang {
            Lang::Zh => (&section.title.0, &section.body.0),
            Lang::En => (&section.title.1, &section.body.1),
        };
        let mut out = format!("---\ntitle: {}\n---\n\n{body}", q(title));
        for &label in &section.first_refs {
            let note = &self.notes[label - 1];
            if lang == Lang::Zh || note.en.is_some() {
                let _ = writeln!(out, "[^{label}]: {}", note.text(lang));
            }
        }
        out
    }
}

/// A double-quoted YAML scalar.
pub fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A date spread over ten years, from the index alone.
fn date(index: usize) -> String {
    format!(
        "{}-{:02}-{:02}",
        2015 + (index / 336) % 10,
        (index / 28) % 12 + 1,
        index % 28 + 1
    )
}

fn briefing_title(rng: &mut Rng) -> (String, String) {
    let (a, r, f, s) = (
        rng.pick(ACTORS),
        rng.pick(REGIONS),
        rng.pick(FIELDS),
        rng.pick(SUBTITLES),
    );
    let field_en = capitalised(f.1);
    (
        format!("{}在{}的{}影響力：{}", a.0, r.0, f.0, s.0),
        format!("The {field_en} Influence of {} in {}: {}", a.1, r.1, s.1),
    )
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn author(rng: &mut Rng) -> Author {
    let (s, g) = (rng.pick(SURNAMES), rng.pick(GIVEN_NAMES));
    let affiliation = *rng.pick(AFFILIATIONS);
    let name = (format!("{}{}", s.0, g.0), format!("{} {}", g.1, s.1));
    let bio = (
        format!("本文作者{}為國防安全研究院{}助理研究員。", name.0, affiliation.0),
        format!("{} is an assistant research fellow in the {} of the Institute for National Defense and Security Research.", name.1, affiliation.1),
    );
    Author {
        name,
        affiliation,
        bio,
    }
}

fn prose(rng: &mut Rng, lang: Lang, sentences: usize) -> String {
    let joiner = if lang == Lang::Zh { "" } else { " " };
    (0..sentences)
        .map(|_| text::sentence(rng, lang))
        .collect::<Vec<_>>()
        .join(joiner)
}

/// Six sections: introduction, background, three topics, conclusion.
fn sections(rng: &mut Rng) -> Vec<Section> {
    let topics = rng.distinct(TOPICS.len(), 3);
    let mut names: Vec<(String, Pair)> = vec![
        ("introduction".into(), ("前言", "Introduction")),
        ("background".into(), ("背景", "Background")),
    ];
    names.extend(
        topics
            .iter()
            .map(|&t| (TOPICS[t].0.to_string(), TOPICS[t].1)),
    );
    names.push(("conclusion".into(), ("結論", "Conclusion")));
    let refs = references(rng);
    names
        .into_iter()
        .zip(refs)
        .enumerate()
        .map(|(i, ((id, title), (labels, first_refs)))| {
            let subheadings = |lang: Lang, rng: &mut Rng| {
                subheadings(rng, lang, &id, if (2..5).contains(&i) { 2 } else { 0 })
            };
            let marks: Vec<String> = labels.iter().map(usize::to_string).collect();
            // A clone makes the same choices, so both languages get the same headings.
            let zh_heads = subheadings(Lang::Zh, &mut rng.clone());
            let en_heads = subheadings(Lang::En, rng);
            let (zh_len, en_len) = (rng.range(600, 900), rng.range(400, 600));
            let zh = text::section_body(rng, Lang::Zh, zh_len, &marks, &zh_heads);
            let en = text::section_body(rng, Lang::En, en_len, &marks, &en_heads);
            Section {
                file_stem: format!("{:02}-{id}", i + 1),
                id,
                title: (title.0.to_string(), title.1.to_string()),
                body: (zh, en),
                first_refs,
            }
        })
        .collect()
}

/// Subheadings of a topic section, the same headings in each language.
fn subheadings(rng: &mut Rng, lang: Lang, section: &str, count: usize) -> Vec<Subheading> {
    (1..=count)
        .map(|k| {
            let (r, f) = (rng.pick(REGIONS), rng.pick(FIELDS));
            let text = match lang {
                Lang::Zh => format!("{}的{}格局", r.0, f.0),
                Lang::En => format!("The {} Landscape in {}", capitalised(f.1), r.1),
            };
            Subheading {
                text,
                id: format!("{section}-{k}"),
            }
        })
        .collect()
}

/// Per section: the labels referenced in order, and those referenced there first.
/// Labels 1..=NOTES are spread evenly; a few are referenced again later.
fn references(rng: &mut Rng) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut out: Vec<(Vec<usize>, Vec<usize>)> = (0..SECTIONS)
        .map(|s| {
            let first: Vec<usize> =
                (s * NOTES / SECTIONS + 1..=(s + 1) * NOTES / SECTIONS).collect();
            (first.clone(), first)
        })
        .collect();
    for _ in 0..REPEATED_REFERENCES {
        let later = rng.range(1, SECTIONS - 1);
        let label = 1 + rng.below(later * NOTES / SECTIONS);
        let refs = &mut out[later].0;
        let at = rng.below(refs.len() + 1);
        refs.insert(at, label);
    }
    out
}
