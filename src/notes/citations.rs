//! Reading citations out of note texts, to find short-form repeats (note 7
//! 「蔡先靖，〈中俄正在爭奪中亞〉。」 repeats note 5) and to list each distinct
//! source once. Titles are the anchor: Chinese 〈篇名〉 and English "Title"
//! in quotes are works; 《書名》 and *Outlet* only qualify them. A title
//! followed by neither a URL, a year nor page numbers before the next title
//! is a short form. It is linked to the earlier full citation with the same
//! title and a compatible author, and never when two different works match.

use std::collections::BTreeMap;

/// Marks where emphasis (an italic title) starts in the note texts that
/// citations are read from, so that the references list keeps the italics.
/// A private-use character: never in a paper, and neither a letter nor
/// punctuation to the parser.
pub const EMPHASIS_START: char = '\u{E000}';
/// Marks where emphasis ends; see [`EMPHASIS_START`].
pub const EMPHASIS_END: char = '\u{E001}';

/// One work cited inside a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Normalised author part (may be empty).
    pub author: String,
    /// Normalised title.
    pub title: String,
    /// True when the citation gives no URL, year or pages: a short form.
    pub short: bool,
    /// The citation's text as written (for the references list).
    pub text: String,
}

/// Splits a note's plain text into the works it cites, in order.
pub fn parse(text: &str) -> Vec<Citation> {
    let chars: Vec<char> = text.chars().collect();
    let titles = title_spans(&chars);
    let mut citations = Vec::with_capacity(titles.len());
    let mut starts = Vec::with_capacity(titles.len());
    for (i, &(open, close)) in titles.iter().enumerate() {
        let floor = if i == 0 { 0 } else { titles[i - 1].1 + 1 };
        starts.push(author_start(&chars, floor, open));
        let tail_end = titles.get(i + 1).map_or(chars.len(), |next| next.0);
        let tail: String = chars[close + 1..tail_end].iter().collect();
        citations.push(Citation {
            author: normalise(&chars[starts[i]..open].iter().collect::<String>()),
            title: normalise(&chars[open + 1..close].iter().collect::<String>()),
            short: !has_full_marker(&tail),
            text: String::new(),
        });
    }
    for (i, citation) in citations.iter_mut().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(chars.len());
        let raw: String = chars[starts[i]..end].iter().collect();
        citation.text = raw
            .trim()
            .trim_end_matches([';', '；', ':', '：'])
            .trim()
            .to_string();
    }
    citations
}

/// (open, close) char positions of work titles: 〈…〉 and quoted English titles.
fn title_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let close = match chars[i] {
            '〈' => Some('〉'),
            '“' => Some('”'),
            '"' if starts_quote(chars, i) => Some('"'),
            _ => None,
        };
        if let Some(end) = close
            .and_then(|c| chars[i + 1..].iter().position(|x| *x == c))
            .map(|p| i + 1 + p)
        {
            if end > i + 1 {
                spans.push((i, end));
                i = end;
            }
        }
        i += 1;
    }
    spans
}

/// An ASCII '"' opens a quotation when it is not directly after a letter.
fn starts_quote(chars: &[char], i: usize) -> bool {
    i == 0 || !chars[i - 1].is_alphanumeric()
}

/// Where the author part before a title starts: after the previous title or
/// the last separator (；; 。 or ". ").
fn author_start(chars: &[char], floor: usize, open: usize) -> usize {
    let mut j = open;
    while j > floor {
        let c = chars[j - 1];
        let sentence_end =
            c == '.' && j < chars.len() && chars[j] == ' ' && j >= 2 && chars[j - 2].is_lowercase();
        if matches!(c, '；' | ';' | '。' | ':' | '：')
            || sentence_end
            || (c == '.' && j >= 3 && chars[j - 2].is_ascii_digit())
        {
            break;
        }
        j -= 1;
    }
    j
}

/// A URL, a four-digit year or page numbers mark a full citation.
fn has_full_marker(tail: &str) -> bool {
    let digits_run = tail
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    tail.contains("http://")
        || tail.contains("https://")
        || digits_run
        || tail.contains("pp.")
        || tail.contains('頁')
}

/// Letters and digits of any script (CJK included), lowercased: quotes,
/// spaces and punctuation go.
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True for Ibid./同上 notes that repeat the preceding note.
pub fn is_ibid(text: &str) -> bool {
    let n = normalise(text);
    n.starts_with("ibid") || n.starts_with("同上")
}

/// The citations of a briefing's notes, each note parsed once for both
/// [`NoteCitations::short_forms`] and [`NoteCitations::sources`].
pub struct NoteCitations<'t> {
    /// `texts[i]` is the text of note i + 1, emphasis marked.
    texts: &'t [String],
    /// `parsed[i]` holds the citations of note i + 1.
    parsed: Vec<Vec<Citation>>,
}

impl<'t> NoteCitations<'t> {
    /// Parses the plain text of every note; `texts[i]` is that of note i + 1.
    pub fn new(texts: &'t [String]) -> Self {
        NoteCitations {
            texts,
            parsed: texts.iter().map(|t| parse(t)).collect(),
        }
    }

    /// For each note (by number, 1-based, in order), the earlier notes it
    /// repeats in short form.
    pub fn short_forms(&self) -> BTreeMap<u32, Vec<u32>> {
        short_forms(self.texts, &self.parsed)
    }

    /// The distinct sources of the notes, in order of first citation. Short
    /// forms (`short_forms`) are merged into the source of their full
    /// citation; a note without any recognisable title is a source of its own.
    pub fn sources(&self, short_forms: &BTreeMap<u32, Vec<u32>>) -> Vec<Source> {
        sources(self.texts, &self.parsed, short_forms)
    }
}

fn short_forms(texts: &[String], parsed: &[Vec<Citation>]) -> BTreeMap<u32, Vec<u32>> {
    let mut links: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (i, citations) in parsed.iter().enumerate() {
        let number = i as u32 + 1;
        if is_ibid(&texts[i]) && i > 0 {
            let previous = links
                .get(&(number - 1))
                .cloned()
                .unwrap_or_else(|| vec![number - 1]);
            if previous.len() == 1 {
                links.insert(number, previous);
            }
            continue;
        }
        for citation in citations.iter().filter(|c| c.short) {
            if let Some(target) = full_citation_of(citation, &parsed[..i]) {
                let entry = links.entry(number).or_default();
                if !entry.contains(&target) {
                    entry.push(target);
                }
            }
        }
    }
    links
}

/// The earlier note holding the full form of `short`, unless none or several different works match.
fn full_citation_of(short: &Citation, earlier: &[Vec<Citation>]) -> Option<u32> {
    let mut found: Option<(u32, &str)> = None;
    for (j, citations) in earlier.iter().enumerate() {
        for full in citations
            .iter()
            .filter(|c| !c.short && c.title == short.title)
        {
            if !short.author.is_empty()
                && !full.author.is_empty()
                && !full.author.starts_with(&short.author)
            {
                continue;
            }
            match found {
                None => found = Some((j as u32 + 1, &full.author)),
                Some((_, author)) if author != full.author => return None,
                Some(_) => {}
            }
        }
    }
    found.map(|(n, _)| n)
}

/// A distinct work cited in a briefing and the notes that cite it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The full citation as first written.
    pub text: String,
    /// Numbers of the notes citing it (full or short form), ascending.
    pub notes: Vec<u32>,
}

fn sources(
    texts: &[String],
    parsed: &[Vec<Citation>],
    short_forms: &BTreeMap<u32, Vec<u32>>,
) -> Vec<Source> {
    let key = |c: &Citation| (c.author.clone(), c.title.clone());
    let mut list = SourceList::default();
    for (i, (text, citations)) in texts.iter().zip(parsed).enumerate() {
        let number = i as u32 + 1;
        let resolved = short_forms.contains_key(&number);
        if citations.is_empty() && !resolved {
            list.cite(whole_note_key(text), text.trim(), number);
        }
        for c in citations.iter().filter(|c| !(c.short && resolved)) {
            list.cite(key(c), &c.text, number);
        }
        for target in short_forms.get(&number).into_iter().flatten() {
            let i = *target as usize - 1;
            let full = parsed[i].iter().find(|c| !c.short);
            let full_key = full.map_or_else(|| whole_note_key(&texts[i]), key);
            list.add_note(&full_key, number);
        }
    }
    list.sources
        .iter_mut()
        .for_each(|s| s.notes.sort_unstable());
    list.sources
}

fn whole_note_key(text: &str) -> (String, String) {
    (normalise(text), String::new())
}

/// Sources in first-citation order, indexed by (author, title).
#[derive(Default)]
struct SourceList {
    sources: Vec<Source>,
    by_key: BTreeMap<(String, String), usize>,
}

impl SourceList {
    fn cite(&mut self, key: (String, String), text: &str, note: u32) {
        if !self.by_key.contains_key(&key) {
            self.by_key.insert(key.clone(), self.sources.len());
            self.sources.push(Source {
                text: text.to_string(),
                notes: Vec::new(),
            });
        }
        self.add_note(&key, note);
    }

    fn add_note(&mut self, key: &(String, String), note: u32) {
        if let Some(source) = self.by_key.get(key).map(|&i| &mut self.sources[i]) {
            if !source.notes.contains(&note) {
                source.notes.push(note);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(notes: &[&str]) -> BTreeMap<u32, Vec<u32>> {
        NoteCitations::new(&notes.iter().map(|s| s.to_string()).collect::<Vec<_>>()).short_forms()
    }

    #[test]
    fn chinese_short_form_links_to_full() {
        let l = links(&["蔡先靖，〈中俄正在爭奪中亞〉，《銳報導》，2023 年 7 月 2 日，https://vigormedia.tw/x/。", "其他，〈別篇〉，2020 年。", "蔡先靖，〈中俄正在爭奪中亞〉。"]);
        assert_eq!(l, BTreeMap::from([(3, vec![1])]));
    }

    #[test]
    fn english_quoted_and_outlet_forms() {
        let l = links(&[
            "\"China Corrosive Capital in Tajikistan,\" *Civic Idea*, December 13, 2022, https://civicidea.ge/x.",
            "Temur Umarov, \"Dangerous Liaisons: How China Is Taming Central Asia's Elites,\" *Carnegie*, January 29, 2021.",
            "\"China Corrosive Capital in Tajikistan,\" *Civic Idea*.",
            "Kemel Toktomushev, “Warm Politics, Cold Public”, 2021; Temur Umarov, “Dangerous Liaisons: How China Is Taming Central Asia’s Elites”.",
        ]);
        assert_eq!(l, BTreeMap::from([(3, vec![1]), (4, vec![2])]));
    }

    #[test]
    fn several_short_forms_in_one_note() {
        let l = links(&[
            "A. Author, “First Title,” 2020.",
            "B. Writer, “Second Title,” 2021.",
            "A. Author, “First Title”; B. Writer, “Second Title”.",
        ]);
        assert_eq!(l, BTreeMap::from([(3, vec![1, 2])]));
    }

    #[test]
    fn never_links_when_ambiguous_or_authors_differ() {
        let l = links(&[
            "Ann Lee, “Report,” 2020.",
            "Bo Chen, “Report,” 2021.",
            "“Report”.",
        ]);
        assert!(l.is_empty(), "two different works share the title: {l:?}");
        let l = links(&["Ann Lee, “Report,” 2020.", "Bo Chen, “Report”."]);
        assert!(l.is_empty(), "different author: {l:?}");
    }

    #[test]
    fn a_repeated_full_citation_is_not_short() {
        let l = links(&[
            "Ann Lee, “Report,” 2020, https://a.example/.",
            "Ann Lee, “Report,” 2020, https://a.example/.",
        ]);
        assert!(l.is_empty());
    }

    #[test]
    fn ibid_repeats_the_previous_note() {
        let l = links(&["Ann Lee, “Report,” 2020.", "Ibid., p. 4.", "同上註。"]);
        assert_eq!(l, BTreeMap::from([(2, vec![1]), (3, vec![1])]));
    }

    #[test]
    fn sources_merge_short_forms_and_repeats() {
        let texts: Vec<String> = [
            "A. Author, “One,” 2020.",
            "B. Writer, “Two,” 2021; A. Author, “One,” 2020.",
            "A. Author, “One”.",
            "No title here, 2019.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let citations = NoteCitations::new(&texts);
        let found = citations.sources(&citations.short_forms());
        let summary: Vec<(&str, Vec<u32>)> = found
            .iter()
            .map(|s| (s.text.as_str(), s.notes.clone()))
            .collect();
        assert_eq!(
            summary,
            [
                ("A. Author, “One,” 2020.", vec![1, 2, 3]),
                ("B. Writer, “Two,” 2021", vec![2]),
                ("No title here, 2019.", vec![4])
            ]
        );
    }

    #[test]
    fn citation_texts_are_split_for_the_references_list() {
        let c = parse("Ann Lee, “One,” *Out*, 2020, https://a.example/; Bo Chen, “Two,” 2021.");
        let texts: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Ann Lee, “One,” *Out*, 2020, https://a.example/",
                "Bo Chen, “Two,” 2021."
            ]
        );
        assert_eq!(
            (c[0].author.as_str(), c[0].title.as_str(), c[0].short),
            ("annlee", "one", false)
        );
    }
}
