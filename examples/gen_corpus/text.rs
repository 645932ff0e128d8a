//! Prose: sentences built from templates whose slots are filled from the
//! vocabulary, grouped into paragraphs, with note markers after some
//! sentences and glossary terms in most of them.

use crate::rng::Rng;
use crate::vocab::{Pair, ACTORS, CLAUSES, FIELDS, GLOSSARY, REGIONS};

/// Chinese sentence templates. Slots: {A} {B} actors, {T} glossary term,
/// {R} region, {F} field, {C} clause, {Y} year.
const ZH_TEMPLATES: &[&str] = &[
    "{Y}年以來，{A}透過{T}在{R}擴大其{F}影響力，{C}。",
    "{A}與{B}在{F}領域的合作日益密切，{T}已成為雙方互動的重要平台。",
    "有分析指出，{T}的推進使{A}在{R}的地位更加穩固，但也引發當地民眾的疑慮。",
    "就{F}而言，{A}長期依賴{B}，{C}。",
    "{A}官方媒體宣稱{T}帶來互利共贏，然而實際成效仍有待觀察。",
    "值得注意的是，{A}近年積極參與{T}，試圖在{F}方面爭取更大的自主空間。",
    "根據{Y}年的調查，{R}民眾對{A}的好感度明顯下降，{C}。",
    "{A}一方面維持與{B}的傳統關係，另一方面也透過{T}分散風險。",
    "在{T}的架構下，{A}承諾提供{F}融資與技術援助，{C}。",
    "相較於{B}，{A}在{R}的{F}投入更具長期性與系統性。",
    "{B}學者認為，{A}推動{T}的真正目的在於確保{R}的穩定，{C}。",
    "{Y}年{A}與{B}簽署多項{F}協議，{C}。",
];

/// English sentence templates, same slots.
const EN_TEMPLATES: &[&str] = &[
    "Since {Y}, {A} has used {T} to expand its {F} influence in {R}, {C}.",
    "Cooperation between {A} and {B} in the {F} sphere has deepened steadily, and {T} has become an important platform for their dealings.",
    "Some analysts argue that {T} has consolidated the position of {A} in {R}, but it has also raised doubts among ordinary people.",
    "In {F} matters {A} has long depended on {B}, {C}.",
    "State media in {A} present {T} as a win-win arrangement, yet its actual results remain to be seen.",
    "Notably, {A} has taken an active part in {T} in recent years, seeking more room for manoeuvre in {F} policy.",
    "According to a survey conducted in {Y}, favourable views of {A} in {R} have declined markedly, {C}.",
    "{A} maintains its traditional ties with {B} while using {T} to spread its risks.",
    "Under {T}, {A} has promised {F} financing and technical assistance, {C}.",
    "Compared with {B}, the {F} commitment of {A} in {R} is more long-term and systematic.",
    "Scholars in {B} believe that the real purpose of {A} in promoting {T} is to secure stability in {R}, {C}.",
    "In {Y}, {A} and {B} signed several {F} agreements, {C}.",
];

/// A language of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Traditional Chinese, the original.
    Zh,
    /// English, the translation.
    En,
}

impl Lang {
    /// The code used in file names and site.yaml.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hant",
            Lang::En => "en",
        }
    }

    /// Picks this language's side of a pair.
    pub fn of(self, pair: &Pair) -> &'static str {
        match self {
            Lang::Zh => pair.0,
            Lang::En => pair.1,
        }
    }

    /// Length of `text` in this language's unit: characters for Chinese, words for English.
    pub fn measure(self, text: &str) -> usize {
        match self {
            Lang::Zh => text.chars().count(),
            Lang::En => text.split_whitespace().count(),
        }
    }
}

/// One sentence of plausible prose, ending in its full stop.
pub fn sentence(rng: &mut Rng, lang: Lang) -> String {
    let templates = match lang {
        Lang::Zh => ZH_TEMPLATES,
        Lang::En => EN_TEMPLATES,
    };
    let a = rng.below(ACTORS.len());
    let b = (a + 1 + rng.below(ACTORS.len() - 1)) % ACTORS.len();
    let term = glossary_phrase(rng, lang);
    let filled = rng
        .pick(templates)
        .replace("{A}", lang.of(&ACTORS[a]))
        .replace("{B}", lang.of(&ACTORS[b]))
        .replace("{T}", &term)
        .replace("{R}", lang.of(rng.pick(REGIONS)))
        .replace("{F}", lang.of(rng.pick(FIELDS)))
        .replace("{C}", lang.of(rng.pick(CLAUSES)))
        .replace("{Y}", &rng.range(2013, 2024).to_string());
    capitalise(filled)
}

/// A glossary term (or one of its aliases) as prose in `lang` names it.
pub fn glossary_phrase(rng: &mut Rng, lang: Lang) -> String {
    let entry = rng.pick(GLOSSARY);
    match lang {
        Lang::Zh if !entry.zh.1.is_empty() && rng.percent(30) => rng.pick(entry.zh.1).to_string(),
        Lang::Zh => entry.zh.0.to_string(),
        Lang::En => entry.en_phrase.to_string(),
    }
}

fn capitalise(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if first.is_ascii_lowercase() => {
            first.to_ascii_uppercase().to_string() + chars.as_str()
        }
        _ => s,
    }
}

/// A `###` heading inside a section, with its explicit id.
pub struct Subheading {
    /// The heading text.
    pub text: String,
    /// The id, the same in every language.
    pub id: String,
}

/// The body of a section file: about `target` units of prose in paragraphs of
/// 3–5 sentences, `refs` note markers spread evenly after sentences (in
/// order), and each subheading before a later paragraph.
pub fn section_body(
    rng: &mut Rng,
    lang: Lang,
    target: usize,
    refs: &[String],
    subheadings: &[Subheading],
) -> String {
    let mut sentences = Vec::new();
    let mut length = 0;
    while length < target {
        let s = sentence(rng, lang);
        length += lang.measure(&s);
        sentences.push(s);
    }
    let n = sentences.len();
    for (k, label) in refs.iter().enumerate() {
        let at = ((k + 1) * n / (refs.len() + 1)).min(n - 1);
        sentences[at].push_str(&format!("[^{label}]"));
    }
    paragraphs(rng, lang, sentences, subheadings)
}

fn paragraphs(
    rng: &mut Rng,
    lang: Lang,
    sentences: Vec<String>,
    subheadings: &[Subheading],
) -> String {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut rest = sentences.into_iter().peekable();
    while rest.peek().is_some() {
        let size = rng.range(3, 5);
        groups.push(rest.by_ref().take(size).collect());
    }
    let joiner = if lang == Lang::Zh { "" } else { " " };
    let mut out = String::new();
    for (i, group) in groups.iter().enumerate() {
        // Subheadings go before paragraphs evenly spread over the second half.
        for (k, heading) in subheadings.iter().enumerate() {
            if i > 0 && i == (k + 1) * groups.len() / (subheadings.len() + 1) {
                out.push_str(&format!("### {} {{#{}}}\n\n", heading.text, heading.id));
            }
        }
        out.push_str(&group.join(joiner));
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_reach_their_length_and_keep_every_marker() {
        let mut rng = Rng::new(1, 1);
        let refs: Vec<String> = (1..=8).map(|n| n.to_string()).collect();
        let zh = section_body(&mut rng, Lang::Zh, 700, &refs, &[]);
        assert!(Lang::Zh.measure(&zh) >= 700);
        let en = section_body(&mut rng, Lang::En, 450, &refs, &[]);
        for r in &refs {
            assert!(en.contains(&format!("[^{r}]")), "{r}");
        }
    }
}
