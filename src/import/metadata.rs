//! The parts of a paper around its body: the title block at the top (title,
//! authors, affiliation, optionally an abstract and keywords), the author's
//! bio at the end (「本文作者…」) and the other language's title block after it.

use super::chars::ends_sentence;
use super::join::{self, Hyphens};
use super::lines::Line;
use super::model::Language;
use super::notes::note_start;
use super::pages::Item;
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Title, authors, abstract and keywords in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleBlock {
    /// The paper's title.
    pub title: String,
    /// Authors' names in byline order.
    pub authors: Vec<String>,
    /// Affiliations; the last one also serves authors beyond it.
    pub affiliations: Vec<String>,
    /// Abstract paragraphs.
    pub abstract_: Vec<String>,
    /// Keywords.
    pub keywords: Vec<String>,
}

/// The end of the paper: bios, then the other language's title block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trailer {
    /// Each bio paragraph, in order.
    pub bios: Vec<String>,
    /// The title block in the other language, if the paper has one.
    pub other: Option<TitleBlock>,
}

/// The lines of one block.
type Piece<'i, 'a> = &'i [Line<'a>];

/// The blocks of `items`, page breaks left out (they decide nothing here).
fn pieces<'i, 'a>(items: &'i [Item<'a>]) -> Vec<Piece<'i, 'a>> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Block(lines) => Some(lines.as_slice()),
            Item::Break => None,
        })
        .collect()
}

fn text(lines: &[Line]) -> String {
    join::lines(lines.iter().map(|l| l.text), Hyphens::Join)
}

/// Where the bio starts in the body `items`: the first block that reads like
/// a bio (「本文作者…」, "About the author…") with no note block after it.
pub fn bio_start(items: &[Item]) -> Option<usize> {
    let last_note = items
        .iter()
        .rposition(|i| matches!(i, Item::Block(l) if note_start(l[0].text).is_some()));
    let is_bio = |i: &Item| matches!(i, Item::Block(l) if is_bio(l[0].text));
    let start = last_note.map_or(0, |n| n + 1);
    items[start..].iter().position(is_bio).map(|p| p + start)
}

fn is_bio(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.starts_with("本文作者")
        || lower.starts_with("about the author")
        || lower.starts_with("the author is ")
}

/// Without a bio, where the other language's title block starts: the few
/// blocks in that language before its abstract heading.
pub fn title_block_start(items: &[Item], other: Language) -> Option<usize> {
    let heading = items
        .iter()
        .position(|i| matches!(i, Item::Block(l) if l.len() == 1 && abstract_heading(l[0].text)))?;
    let in_other = |i: &Item| matches!(i, Item::Block(l) if Language::of(&text(l)) == other && note_start(l[0].text).is_none());
    let before = items[..heading]
        .iter()
        .rev()
        .take(4)
        .take_while(|i| in_other(i))
        .count();
    Some(heading - before)
}

/// Reads the title block at the top of the paper (`items` before the first section).
pub fn front(items: &[Item], file: &Path) -> Result<TitleBlock, Diagnostic> {
    let pieces = pieces(items);
    if pieces.is_empty() {
        return Err(Diagnostic::error(
            file,
            1,
            1,
            "the paper has no title before its first section heading",
        )
        .with_hint("the paper should start with its title, author and institute lines"));
    }
    title_block(&pieces, file)
}

/// Reads the end of the paper: bio paragraphs, then the other language's title block.
pub fn trailer(items: &[Item], file: &Path) -> Result<Trailer, Diagnostic> {
    let pieces = pieces(items);
    let bios = pieces.iter().take_while(|l| is_bio(l[0].text)).count();
    let other = match &pieces[bios..] {
        [] => None,
        rest => Some(title_block(rest, file)?),
    };
    let bios = pieces[..bios].iter().map(|l| text(l)).collect();
    Ok(Trailer { bios, other })
}

fn title_block(pieces: &[Piece], file: &Path) -> Result<TitleBlock, Diagnostic> {
    let mut rest = pieces.iter().peekable();
    let plain = |p: &&Piece| !abstract_heading(&text(p)) && keywords(&text(p)).is_none();
    let mut block = TitleBlock::default();
    if let Some(lines) = rest.next_if(plain) {
        block.title = text(lines);
    }
    if let Some(lines) = rest.next_if(plain) {
        block.authors = split_names(&text(lines));
    }
    while block.affiliations.len() < block.authors.len().max(1) {
        let Some(lines) = rest.next_if(plain) else {
            break;
        };
        block.affiliations.push(text(lines));
    }
    if rest.next_if(|p| abstract_heading(&text(p))).is_some() {
        while let Some(lines) = rest.next_if(plain) {
            add_paragraph(&mut block.abstract_, text(lines));
        }
    }
    if let Some(words) = rest.peek().and_then(|p| keywords(&text(p))) {
        block.keywords = words;
        rest.next();
    }
    match rest.next() {
        None => Ok(block),
        Some(lines) => Err(lines[0]
            .error(file, 0, format!("unexpected line: expected the title, author and affiliation lines, an abstract (\"Abstract\" / \"摘要\" / \"提要\") or keywords here; {}", read_as(&block)))
            .with_hint("remove the line or move it into the body of the paper; a title or name set on two lines must be one line (one block)")),
    }
}

/// What a title block was read as, for a message: the lines before the
/// unexpected one are not always the ones the editor meant.
fn read_as(block: &TitleBlock) -> String {
    format!(
        "read \"{}\" as the title, \"{}\" as the author(s), \"{}\" as the affiliation(s)",
        block.title,
        block.authors.join("、"),
        block.affiliations.join(" / ")
    )
}

/// Adds an abstract paragraph, or continues the last one when it stopped
/// mid-sentence (the body's rule).
fn add_paragraph(paragraphs: &mut Vec<String>, text: String) {
    match paragraphs.last_mut() {
        Some(last) if !ends_sentence(last) => join::append(last, &text, Hyphens::Join),
        _ => paragraphs.push(text),
    }
}

fn abstract_heading(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact.eq_ignore_ascii_case("abstract") || compact == "摘要" || compact == "提要"
}

/// `Keywords: a, b, c` / `關鍵詞：甲、乙`: the keywords.
fn keywords(text: &str) -> Option<Vec<String>> {
    let lower = text.to_lowercase();
    let label = ["keywords", "key words", "關鍵詞", "關鍵字"]
        .into_iter()
        .find(|l| lower.starts_with(l))?;
    let rest = text[label.len()..].trim_start();
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
    Some(
        rest.split([',', '，', '、', ';', '；'])
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(String::from)
            .collect(),
    )
}

/// `曾怡碩、王小明` / `Yisuo Tzeng and Jane Doe`: the names.
fn split_names(line: &str) -> Vec<String> {
    line.split(['、', '，', ','])
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" & ")))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::split;
    use crate::import::pages::paginate;

    fn items(text: &str) -> Vec<Item<'_>> {
        paginate(&split(text), "\u{0}")
    }

    #[test]
    fn reads_an_english_title_block() {
        let text = "本文作者甲為研究員。\n\nA Title\n\nJane Doe and John Roe\n\nDivision\n\nAbstract\n\nOne paragraph.\n\nTwo\n\n3\n\nparts.\n\nKeywords: a, b c, d";
        let t = trailer(&items(text), Path::new("p")).unwrap();
        assert_eq!(t.bios, ["本文作者甲為研究員。"]);
        let other = t.other.unwrap();
        assert_eq!(other.title, "A Title");
        assert_eq!(other.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(other.affiliations, ["Division"]);
        assert_eq!(other.abstract_, ["One paragraph.", "Two parts."]);
        assert_eq!(other.keywords, ["a", "b c", "d"]);
    }

    #[test]
    fn reads_a_chinese_front_with_abstract() {
        let text = "標題\n\n甲、乙\n\n甲所\n\n乙所\n\n摘要\n\n摘要段落。\n\n關鍵詞：中國、中亞";
        let f = front(&items(text), Path::new("p")).unwrap();
        assert_eq!(
            (f.title.as_str(), f.authors.len(), f.affiliations.len()),
            ("標題", 2, 2)
        );
        assert_eq!(f.abstract_, ["摘要段落。"]);
        assert_eq!(f.keywords, ["中國", "中亞"]);
    }

    #[test]
    fn an_extra_line_is_unexpected() {
        let e = front(
            &items("標題\n\n作者\n\n研究所\n\n多出來的一行"),
            Path::new("p"),
        )
        .unwrap_err();
        assert_eq!(e.line, 7);
        assert!(e.message.starts_with("unexpected line"), "{e}");
    }

    #[test]
    fn finds_the_bio_after_the_last_note() {
        let it = items("本文作者在正文中\n\n1. 註\n\n本文作者甲\n\nTitle");
        assert_eq!(bio_start(&it), Some(2));
        let it = items("正文\n\nTitle\n\nAuthor\n\nAbstract\n\nText.");
        assert_eq!(title_block_start(&it, Language::En), Some(1));
    }
}
