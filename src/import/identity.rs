//! Which notes and sections of a revised paper are the previous import's,
//! so that a re-import keeps their names: a note keeps its `[^N]` label
//! (matched by its text: the same, else close), a section its name and
//! files (matched by title, else by content). Translations go on citing the
//! same notes and pairing with the same originals, and the merge sets each
//! file against its own past (review R37: one added note relabelled every
//! later one; R38: one inserted section shifted every later one onto the
//! next file).

use super::headings::section_name;
use super::links::autolink;
use super::model::{Block, Inline, Paper, Section};
use super::reimport::Generated;
use super::render::{render, section_file_name};
use crate::content::parse_section_name;
use crate::diagnostics::Diagnostic;
use crate::translation::xliff::align::common;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::Path;

/// How close (normalised Levenshtein similarity) a revised note's text must
/// be to an old one's to be that note reworded.
const CLOSE_NOTE: f64 = 0.8;

/// The share of paragraphs a revised section must have in common with an
/// old one to be that section under a new title.
const CLOSE_SECTION: f64 = 0.5;

/// Section files that move: the new import's name → the previous import's.
pub type Moves = BTreeMap<String, String>;

/// Gives `paper`'s notes and sections the labels and names they had in the
/// previous import `base`, and new ones no file in `dir` uses. Returns the
/// section files that change number. An ambiguous section match is an
/// error (at `file`, the paper) naming the sections.
pub fn keep(
    paper: &mut Paper,
    base: &Generated,
    dir: &Path,
    file: &Path,
) -> Result<Moves, Diagnostic> {
    let in_use = InUse::read(dir);
    keep_note_labels(paper, base, &in_use);
    keep_section_names(paper, base, &in_use, file)
}

/// What the files of the briefing's folder already use: `[^N]` labels and
/// section names, of every language.
#[derive(Debug, Default)]
struct InUse {
    labels: BTreeSet<u32>,
    names: BTreeSet<String>,
}

impl InUse {
    fn read(dir: &Path) -> InUse {
        let mut in_use = InUse::default();
        let names = fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok()?.file_name().into_string().ok());
        for name in names {
            let Some((_, id, _)) = parse_section_name(&name) else {
                continue;
            };
            let text = fs::read_to_string(dir.join(&name)).unwrap_or_default();
            in_use.labels.extend(labels_in(&text));
            in_use.names.insert(id);
        }
        in_use
    }
}

/// The numeric note labels `[^N]` that `text` uses.
fn labels_in(text: &str) -> impl Iterator<Item = u32> + '_ {
    text.split("[^")
        .skip(1)
        .filter_map(|rest| rest.split_once(']')?.0.parse().ok())
}

/// A section file of the previous import.
struct OldSection<'b> {
    file: &'b str,
    id: String,
    text: &'b str,
}

/// The previous import's section files in language `lang`, in order.
fn old_sections<'b>(base: &'b Generated, lang: &str) -> Vec<OldSection<'b>> {
    base.iter()
        .filter_map(|(file, text)| {
            let (_, id, file_lang) = parse_section_name(file)?;
            (file_lang == lang).then_some(OldSection { file, id, text })
        })
        .collect()
}

/// Relabels the revision's notes: one whose text (as the import writes it)
/// is an old note's, or close to it between two such, keeps that note's
/// label; a new note gets a label nothing uses yet.
fn keep_note_labels(paper: &mut Paper, base: &Generated, in_use: &InUse) {
    let old: Vec<(u32, &str)> = old_sections(base, paper.language.code())
        .iter()
        .flat_map(|s| s.text.lines())
        .filter_map(|line| {
            let (label, text) = line.strip_prefix("[^")?.split_once("]: ")?;
            Some((label.parse().ok()?, text))
        })
        .collect();
    if old.is_empty() {
        return;
    }
    let new: Vec<String> = paper.notes.iter().map(|n| autolink(&n.text)).collect();
    let new: Vec<&str> = new.iter().map(String::as_str).collect();
    let old_texts: Vec<&str> = old.iter().map(|(_, text)| *text).collect();
    let mut pairs = common(&new, &old_texts);
    pairs.extend(close_notes(&new, &old_texts, &pairs));
    let matched: HashMap<usize, u32> = pairs.iter().map(|&(i, j)| (i, old[j].0)).collect();
    let used = in_use
        .labels
        .iter()
        .chain(old.iter().map(|(label, _)| label));
    let mut next = used.max().map_or(1, |max| max + 1);
    let labels: HashMap<u32, u32> = paper
        .notes
        .iter()
        .enumerate()
        .map(|(i, note)| {
            let label = matched.get(&i).copied().unwrap_or_else(|| {
                next += 1;
                next - 1
            });
            (note.number, label)
        })
        .collect();
    relabel(paper, &labels);
    // A new note's definition goes after the others of its section:
    // written among them, next to an old note an editor fixed, the merge
    // sees both sides change the same lines (review s10 editor F17).
    let notes = std::mem::take(&mut paper.notes);
    let (old_notes, new_notes): (Vec<_>, Vec<_>) = notes
        .into_iter()
        .enumerate()
        .partition(|(i, _)| matched.contains_key(i));
    paper.notes = old_notes
        .into_iter()
        .chain(new_notes)
        .map(|(_, n)| n)
        .collect();
}

/// Between two notes paired by their exact text, the revised notes close
/// to an old one there, paired in order.
fn close_notes(new: &[&str], old: &[&str], exact: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = (0, 0);
    for &(i, j) in exact.iter().chain(std::iter::once(&(new.len(), old.len()))) {
        let mut from = start.1;
        for (n, text) in new.iter().enumerate().take(i).skip(start.0) {
            let close =
                (from..j).find(|&o| strsim::normalized_levenshtein(text, old[o]) >= CLOSE_NOTE);
            if let Some(o) = close {
                found.push((n, o));
                from = o + 1;
            }
        }
        start = (i + 1, j + 1);
    }
    found
}

/// Applies `labels` (paper number → label) to the notes and their markers.
fn relabel(paper: &mut Paper, labels: &HashMap<u32, u32>) {
    for note in &mut paper.notes {
        note.number = labels.get(&note.number).copied().unwrap_or(note.number);
    }
    let blocks = paper.sections.iter_mut().flat_map(|s| s.blocks.iter_mut());
    for block in blocks {
        let (Block::Paragraph(text) | Block::Heading { text, .. }) = block else {
            continue;
        };
        for inline in text {
            if let Inline::Note(n) = inline {
                *n = labels.get(n).copied().unwrap_or(*n);
            }
        }
    }
}

/// Names the revision's sections after the previous import's they match
/// (their heading ids follow); an inserted section gets a name no file
/// uses. Returns the files whose number changes.
fn keep_section_names(
    paper: &mut Paper,
    base: &Generated,
    in_use: &InUse,
    file: &Path,
) -> Result<Moves, Diagnostic> {
    let lang = paper.language.code();
    let old = old_sections(base, lang);
    if old.is_empty() {
        return Ok(Moves::new());
    }
    let rendered = render(paper, None);
    let new_blocks: Vec<Vec<&str>> = rendered
        .iter()
        .skip(1)
        .map(|(_, text)| blocks(text))
        .collect();
    let old_blocks: Vec<Vec<&str>> = old.iter().map(|s| blocks(s.text)).collect();
    let pairs = pair_sections(&new_blocks, &old_blocks).map_err(|(news, olds)| {
        let titles: Vec<String> = news
            .iter()
            .map(|&i| format!("「{}」", paper.sections[i].title))
            .collect();
        let files: Vec<&str> = olds.iter().map(|&j| old[j].file).collect();
        ambiguous(file, &titles, &files)
    })?;
    let mut taken: BTreeSet<String> = in_use.names.iter().cloned().collect();
    taken.extend(old.iter().map(|s| s.id.clone()));
    let mut moves = Moves::new();
    for (i, section) in paper.sections.iter_mut().enumerate() {
        let Some(&j) = pairs.get(&i) else {
            let name = fresh_name(section, &taken);
            taken.insert(name.clone());
            rename(section, name);
            continue;
        };
        rename(section, old[j].id.clone());
        let now = section_file_name(section, lang);
        if now != old[j].file {
            moves.insert(now, old[j].file.to_string());
        }
    }
    Ok(moves)
}

/// The error for sections that match ambiguously: nothing is written.
fn ambiguous(file: &Path, titles: &[String], files: &[&str]) -> Diagnostic {
    Diagnostic::error(
        file,
        0,
        0,
        format!(
            "cannot tell which section of the previous import the revised paper's {} {}: {}",
            titles.join(" and "),
            if titles.len() > 1 { "are" } else { "is" },
            files.join(" or "),
        ),
    )
    .with_hint("nothing was written: give the revised sections titles that tell them apart, or rename the section files by hand and import again")
}

/// A file's blocks (separated by blank lines); the first is its front matter.
fn blocks(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .collect()
}

/// Pairs revised sections (`new`, by their blocks) with old ones: the same
/// title, once on each side; else most paragraphs in common (at least
/// [`CLOSE_SECTION`]); else, between two pairs, as many on each side, in
/// order. Ambiguity: the revised sections and old files in question.
fn pair_sections(
    new: &[Vec<&str>],
    old: &[Vec<&str>],
) -> Result<BTreeMap<usize, usize>, (Vec<usize>, Vec<usize>)> {
    fn title<'a>(blocks: &[&'a str]) -> Option<&'a str> {
        blocks.first().copied()
    }
    let mut pairs = BTreeMap::new();
    for (i, blocks) in new.iter().enumerate() {
        let same = |side: &[Vec<&str>]| -> Vec<usize> {
            (0..side.len())
                .filter(|&k| title(&side[k]) == title(blocks))
                .collect()
        };
        if let ([j], [_]) = (same(old).as_slice(), same(new).as_slice()) {
            pairs.insert(i, *j);
        }
    }
    let by_content = pair_by_content(new, old, &pairs)?;
    pairs.extend(by_content);
    let in_order = pair_in_order(new.len(), old.len(), &pairs);
    pairs.extend(in_order);
    Ok(pairs)
}

/// The unpaired revised sections that share most of their paragraphs with
/// one unpaired old section.
fn pair_by_content(
    new: &[Vec<&str>],
    old: &[Vec<&str>],
    pairs: &BTreeMap<usize, usize>,
) -> Result<BTreeMap<usize, usize>, (Vec<usize>, Vec<usize>)> {
    let paired: BTreeSet<usize> = pairs.values().copied().collect();
    let mut found: BTreeMap<usize, usize> = BTreeMap::new();
    for i in (0..new.len()).filter(|i| !pairs.contains_key(i)) {
        let scores: Vec<(usize, f64)> = (0..old.len())
            .filter(|j| !paired.contains(j))
            .map(|j| (j, shared(&new[i], &old[j])))
            .filter(|&(_, score)| score >= CLOSE_SECTION)
            .collect();
        let best = scores.iter().map(|&(_, s)| s).fold(0.0, f64::max);
        let tops: Vec<usize> = scores
            .iter()
            .filter(|&&(_, s)| s == best)
            .map(|&(j, _)| j)
            .collect();
        match tops.as_slice() {
            [] => {}
            [j] => {
                if let Some((&other, _)) = found.iter().find(|(_, &o)| o == *j) {
                    return Err((vec![other, i], vec![*j]));
                }
                found.insert(i, *j);
            }
            _ => return Err((vec![i], tops)),
        }
    }
    Ok(found)
}

/// The share of the larger side's paragraphs (front matter aside) that
/// both sections have.
fn shared(new: &[&str], old: &[&str]) -> f64 {
    let (new, old) = (&new[new.len().min(1)..], &old[old.len().min(1)..]);
    let old_set: BTreeSet<&str> = old.iter().copied().collect();
    let common = new.iter().filter(|b| old_set.contains(*b)).count();
    common as f64 / new.len().max(old.len()).max(1) as f64
}

/// Between two pairs (in order on both sides), the unpaired sections when
/// there are as many on each side: a section revised beyond recognition
/// where it stood.
fn pair_in_order(new: usize, old: usize, pairs: &BTreeMap<usize, usize>) -> Vec<(usize, usize)> {
    let paired_old: BTreeSet<usize> = pairs.values().copied().collect();
    let mut found = Vec::new();
    let mut start = (0, 0);
    for (&i, &j) in pairs.iter().chain(std::iter::once((&new, &old))) {
        if j >= start.1 {
            let news: Vec<usize> = (start.0..i).filter(|n| !pairs.contains_key(n)).collect();
            let olds: Vec<usize> = (start.1..j).filter(|o| !paired_old.contains(o)).collect();
            if news.len() == olds.len() {
                found.extend(news.into_iter().zip(olds));
            }
        }
        start = (i + 1, (j + 1).max(start.1));
    }
    found
}

/// A name for an inserted section that no file uses: the import's usual
/// name, else `section-K` for the first free K from its number.
fn fresh_name(section: &Section, taken: &BTreeSet<String>) -> String {
    let usual = section_name(&section.title, section.number);
    if !taken.contains(&usual) {
        return usual;
    }
    (section.number..)
        .map(|k| format!("section-{k}"))
        .find(|name| !taken.contains(name))
        .unwrap_or(usual)
}

/// Gives `section` the name `name`, and its sub-headings' ids with it.
fn rename(section: &mut Section, name: String) {
    for block in &mut section.blocks {
        if let Block::Heading { id, .. } = block {
            if let Some(rest) = id.strip_prefix(section.name.as_str()) {
                *id = format!("{name}{rest}");
            }
        }
    }
    section.name = name;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inserted_section_pairs_nothing_and_the_others_keep_theirs() {
        let b = |title: &'static str, body: &'static str| vec![title, body];
        let old = vec![b("a", "1"), b("b", "2"), b("c", "3")];
        let new = vec![b("a", "1"), b("x", "new"), b("b", "2"), b("c!", "3")];
        let pairs = pair_sections(&new, &old).unwrap();
        assert_eq!(pairs, BTreeMap::from([(0, 0), (2, 1), (3, 2)]));
        let reworded = vec![b("a", "1"), b("b2", "22"), b("c", "3")];
        let pairs = pair_sections(&reworded, &old).unwrap();
        assert_eq!(pairs, BTreeMap::from([(0, 0), (1, 1), (2, 2)]));
    }

    #[test]
    fn two_sections_with_one_old_sections_text_are_ambiguous() {
        let old = vec![vec!["a", "1", "2"], vec!["b", "3"]];
        let new = vec![vec!["x", "1", "2"], vec!["y", "1", "2"], vec!["b", "3"]];
        assert_eq!(pair_sections(&new, &old), Err((vec![0, 1], vec![0])));
    }

    #[test]
    fn a_close_note_keeps_its_label_between_exact_ones() {
        let old = ["A.", "Smith, Book, 2020.", "C."];
        let new = ["A.", "New note.", "Smith, Book, 2021.", "C."];
        let exact = common(&new, &old);
        assert_eq!(exact, vec![(0, 0), (3, 2)]);
        assert_eq!(close_notes(&new, &old, &exact), vec![(2, 1)]);
    }
}
