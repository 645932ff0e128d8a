//! Re-importing a revised paper without losing editors' work. Each import
//! records what it wrote in `.import-base.json` beside the files (hidden:
//! no loader reads it). The next `import --force` merges three ways, per
//! file: base is that record, ours the file as the editors left it, theirs
//! the new import. A change on one side only is taken; the same lines
//! changed on both sides are a conflict, reported at its lines in the
//! editors' file, and nothing is written (or, when asked, the file gets
//! conflict markers to resolve by hand). A section file an editor renamed
//! (same number and language, another name) is the one merged into.

use super::identity::Moves;
use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The record of the previous import, inside the briefing's folder.
pub const BASE_FILE: &str = ".import-base.json";

/// The files an import writes, by name: contents.
pub type Generated = BTreeMap<String, String>;

/// What merging the new import into the folder gave.
#[derive(Debug, Default)]
pub struct Merged {
    /// The text to write per file name.
    pub files: Generated,
    /// One per conflict: errors, or warnings when markers were written.
    pub conflicts: Vec<Diagnostic>,
    /// Section files of the folder that move to another name (another
    /// number: a section was inserted or dropped before them): (from, to).
    pub moved: Vec<(String, String)>,
}

/// The base of the merge: the previous import's record in `dir` (named
/// `shown` in diagnostics), else, for a folder imported before records were
/// kept, `previous`: the import of the paper it was made from (its
/// source.txt). An error when the record cannot be read.
pub fn base(
    dir: &Path,
    shown: &Path,
    previous: Option<Generated>,
) -> Result<Option<Generated>, Diagnostic> {
    Ok(read_base(dir, shown)?.or(previous))
}

/// Merges `theirs` (the new import) into the files of `dir` (named
/// `shown` in diagnostics) against `base` (see [`base`]); `moves` names the
/// previous import's file of each section whose file name changed. With no
/// base, a file that differs from the new import is an error: editors'
/// changes could not be told from the revision's (review R6: they were
/// replaced).
pub fn merge(
    dir: &Path,
    shown: &Path,
    theirs: Generated,
    base: Option<&Generated>,
    moves: &Moves,
    markers: bool,
) -> Merged {
    let mut merged = Merged::default();
    if base.is_none() {
        merged.conflicts.extend(unknown_edits(dir, shown, &theirs));
    }
    for (generated, new) in theirs {
        let source = moves.get(&generated).unwrap_or(&generated);
        // Only a section the previous import wrote can have been renamed by
        // an editor; an inserted one is new (review s10 editor F24/F25: it
        // was merged into the editors' own file of its number).
        let known = base.is_none_or(|b| b.contains_key(source));
        let from = match renamed(dir, source, base).map(|r| r.filter(|_| known)) {
            Ok(found) => found.unwrap_or(source.clone()),
            Err(names) => {
                merged.conflicts.push(
                    Diagnostic::error(
                        shown.join(&names[1]),
                        0,
                        0,
                        format!("{} and {} have the same number", names[0], names[1]),
                    )
                    .with_hint(
                        "a section has one file per language: delete or renumber the other file",
                    ),
                );
                continue;
            }
        };
        let name = match section_key(&from) {
            // The number is the revision's, the rest of the name the file's.
            Some(_) => format!("{}{}", &generated[..2], &from[2..]),
            None => from.clone(),
        };
        if from != name {
            merged.moved.push((from.clone(), name.clone()));
        }
        let Some(base) = base else {
            merged.files.insert(name, new);
            continue;
        };
        let ours = fs::read_to_string(dir.join(&from)).ok();
        let deleted = !dir.join(&from).exists() && section_key(&from).is_some();
        if let (true, Some(old)) = (deleted, base.get(source)) {
            // Editors deleted a section the previous import wrote (review R8).
            if let Some(d) = deleted_section(&shown.join(&name), old, &new, markers) {
                let keep = !d.is_error();
                merged.conflicts.push(d);
                if keep {
                    merged.files.insert(name, new);
                }
            }
            continue;
        }
        let old = base.get(source).map_or("", String::as_str);
        let text = match ours {
            None => new,
            Some(ours) if ours == old || ours == new => new,
            Some(ours) if new == old => ours,
            Some(ours) => {
                let file = shown.join(&from);
                merge_file(&file, old, &ours, &new, markers, &mut merged.conflicts)
            }
        };
        merged.files.insert(name, text);
    }
    merged
}

/// The other files of each moved section (its translations, by the same
/// number and name in another language): (from, to) names in `dir`, so
/// that translations stay with their originals.
pub fn companions(dir: &Path, moved: &[(String, String)]) -> Vec<(String, String)> {
    let stem = |name: &str| -> Option<String> {
        let (_, lang) = section_key(name)?;
        Some(name[..name.len() - lang.len()].to_string())
    };
    let names: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    let mut found = Vec::new();
    for (from, to) in moved {
        let (Some(old), Some(new)) = (stem(from), stem(to)) else {
            continue;
        };
        for name in names
            .iter()
            .filter(|n| *n != from && section_key(n).is_some())
        {
            if let Some(rest) = name.strip_prefix(&old) {
                found.push((name.clone(), format!("{new}{rest}")));
            }
        }
    }
    found
}

/// The files of sections editors added (no file of theirs is the previous
/// import's, and the import neither writes nor moves them) whose number a
/// section of the new import now has: (from, to) names in `dir` that move
/// them, every language, to the first numbers after all others, in order
/// (review s10 editor F24: a chapter added at the end collided with the
/// editors' annex).
pub fn make_room(
    dir: &Path,
    base: Option<&Generated>,
    written: &[String],
    moved: &[(String, String)],
) -> Vec<(String, String)> {
    let names: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| section_key(n).is_some())
        .collect();
    let stem = |name: &str| name.split('.').next().unwrap_or(name).to_string();
    let touched = |st: &str| {
        base.is_some_and(|b| b.keys().any(|n| stem(n) == st))
            || written
                .iter()
                .chain(moved.iter().map(|(from, _)| from))
                .any(|n| stem(n) == st)
    };
    let mut editors: Vec<String> = names
        .iter()
        .map(|n| stem(n))
        .filter(|st| !touched(st))
        .collect();
    editors.sort();
    editors.dedup();
    let number = |name: &str| name.get(..2).and_then(|n| n.parse::<u32>().ok());
    let new_numbers: BTreeSet<u32> = written.iter().filter_map(|n| number(n)).collect();
    let first = names
        .iter()
        .chain(written)
        .filter_map(|n| number(n))
        .max()
        .unwrap_or(0)
        + 1;
    let colliding = editors
        .iter()
        .filter(|st| number(st).is_some_and(|n| new_numbers.contains(&n)));
    let mut found = Vec::new();
    for (next, st) in (first..).zip(colliding) {
        for name in names.iter().filter(|n| stem(n) == *st) {
            found.push((name.clone(), format!("{next:02}{}", &name[2..])));
        }
    }
    found
}

/// A section file editors deleted stays deleted when the revision left it
/// as the previous import wrote it (None); when the revision changed it,
/// a conflict (with `markers`, a warning, and the revision's file is
/// written).
fn deleted_section(file: &Path, old: &str, new: &str, markers: bool) -> Option<Diagnostic> {
    if old == new {
        return None;
    }
    let message = "editors deleted this section, and the revised paper changed it";
    Some(conflict(
        file,
        1,
        message,
        markers,
        (
            "the revision's section was written: delete it again if it is to go",
            "restore the file to take the revision, or import with --conflict-markers to write it",
        ),
    ))
}

/// A conflict at `line` of `file`: an error that stops the import, or with
/// `--conflict-markers` (`markers`) a warning; `hints` are (with markers,
/// without).
fn conflict(
    file: &Path,
    line: usize,
    message: &str,
    markers: bool,
    hints: (&str, &str),
) -> Diagnostic {
    match markers {
        true => Diagnostic::warning(file, line, 1, message).with_hint(hints.0),
        false => Diagnostic::error(file, line, 1, message).with_hint(hints.1),
    }
}

/// An error per file of `dir` that the new import would change, when
/// there is no base to tell the editors' changes from the revision's.
fn unknown_edits(dir: &Path, shown: &Path, theirs: &Generated) -> Vec<Diagnostic> {
    let differs = |(name, new): (&String, &String)| {
        let ours = fs::read_to_string(dir.join(name)).ok()?;
        (ours != *new).then(|| {
            let line = ours.lines().zip(new.lines()).take_while(|(a, b)| a == b).count() + 1;
            Diagnostic::error(
                shown.join(name),
                line,
                1,
                "this file differs from the new import, and there is neither a record of the previous import nor its source.txt to tell editors' changes from the revision's",
            )
            .with_hint("nothing was written: move the edited files aside, import again, and carry the edits over by hand")
        })
    };
    theirs.iter().filter_map(differs).collect()
}

/// Of the section files the revised paper no longer has (`dropped`, names
/// in `dir`), those to delete: only a file the previous import wrote and
/// no editor changed. A file editors added is kept (review R7: it was
/// deleted); one they changed is a conflict (a warning with `markers`,
/// and kept).
pub fn removals(
    dir: &Path,
    shown: &Path,
    base: Option<&Generated>,
    dropped: Vec<String>,
    markers: bool,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let (mut remove, mut conflicts) = (Vec::new(), Vec::new());
    for name in dropped {
        let Some(old) = base.and_then(|b| base_entry(b, &name)) else {
            continue;
        };
        if fs::read_to_string(dir.join(&name)).ok().as_ref() == Some(old) {
            remove.push(dir.join(&name));
            continue;
        }
        let message = "the revised paper no longer has this section, but editors changed it";
        let hint = "delete the file if the section is to go, or keep it and import again";
        let file = shown.join(&name);
        conflicts.push(conflict(
            &file,
            1,
            message,
            markers,
            ("the file was kept", hint),
        ));
    }
    (remove, conflicts)
}

/// The base's text of section file `name`, under its name or, renamed by
/// an editor, the base's file of the same number and language.
fn base_entry<'b>(base: &'b Generated, name: &str) -> Option<&'b String> {
    base.get(name).or_else(|| {
        let key = section_key(name)?;
        base.iter()
            .find(|(n, _)| section_key(n) == Some(key))
            .map(|(_, text)| text)
    })
}

/// The file of `dir` that section file `name` (`NN-<name>.<lang>.md`) goes
/// to: an existing file of the same number and language under another name
/// that the previous import (`base`) did not write (an editor renamed it),
/// else `None`. Two such files: both names, an error.
fn renamed(
    dir: &Path,
    name: &str,
    base: Option<&Generated>,
) -> Result<Option<String>, Vec<String>> {
    let Some((number, lang)) = section_key(name) else {
        return Ok(None);
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(None);
    };
    let mut same: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| section_key(n) == Some((number, lang)))
        .filter(|n| n == name || base.is_none_or(|b| !b.contains_key(n)))
        .collect();
    same.sort();
    match same.as_slice() {
        [] => Ok(None),
        [one] if one == name => Ok(None),
        [one] => Ok(Some(one.clone())),
        _ => Err(same),
    }
}

/// `02-trade.zh-Hant.md` → ("02", "zh-Hant.md"): a section file's number and
/// language (with the extension).
fn section_key(name: &str) -> Option<(&str, &str)> {
    let (number, rest) = name.split_once('-')?;
    let lang = rest.split_once('.')?.1;
    (number.len() == 2 && number.bytes().all(|b| b.is_ascii_digit()) && lang.ends_with(".md"))
        .then_some((number, lang))
}

/// An error at each conflict that `--conflict-markers` left in `text` (a
/// section file, front matter included, or briefing.yaml): at each
/// `<<<<<<< ` line, or at a stray `>>>>>>> ` line when no conflict starts.
/// Until the editor resolves them, the page would publish both sides and
/// the markers.
pub fn unresolved(file: &Path, text: &str) -> Vec<Diagnostic> {
    let marked = |start: &str| -> Vec<(usize, &str)> {
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with(start))
            .collect()
    };
    let mut found = marked("<<<<<<< ");
    if found.is_empty() {
        found.extend(marked(">>>>>>> ").into_iter().take(1));
    }
    found.into_iter().map(|(i, line)| {
        Diagnostic::error(file, i + 1, 1, "an unresolved conflict from a re-import")
            .with_end(i + 1, line.chars().count() + 1)
            .with_hint("keep the editors' text (between <<<<<<< and =======) or the revision's (up to >>>>>>>), and delete the three marker lines")
    }).collect()
}

/// The record written with an import: what it generated.
pub fn record(generated: &Generated) -> (PathBuf, Vec<u8>) {
    let json = serde_json::to_string_pretty(generated).unwrap_or_default();
    (PathBuf::from(BASE_FILE), json.into_bytes())
}

/// The previous import's record: `None` when there is none, an error at
/// its line and column when it cannot be read (a merge conflict in it, say):
/// without it the editors' changes could not be told apart.
fn read_base(dir: &Path, shown: &Path) -> Result<Option<Generated>, Diagnostic> {
    let file = dir.join(BASE_FILE);
    let text = match fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Diagnostic::error(
                shown.join(BASE_FILE),
                0,
                0,
                format!("cannot read the record of the previous import: {e}"),
            ))
        }
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        Diagnostic::error(shown.join(BASE_FILE), e.line(), e.column(), format!("the record of the previous import is damaged: {e}"))
            .with_hint("restore it (e.g. from version control); without it the editors' changes cannot be kept")
    })
}

/// One file merged; conflicts are added to `conflicts`.
fn merge_file(
    file: &Path,
    base: &str,
    ours: &str,
    theirs: &str,
    markers: bool,
    conflicts: &mut Vec<Diagnostic>,
) -> String {
    let mut options = diffy::MergeOptions::new();
    options.set_conflict_style(diffy::ConflictStyle::Merge);
    match options.merge(base, ours, theirs) {
        Ok(text) => text,
        Err(marked) => {
            for (start, end) in conflict_lines(&marked) {
                let message = "this was changed both here and in the revised paper";
                let d = conflict(file, start, message, markers, (
                    "conflict markers were written: keep one side (or both) and delete the markers",
                    "edit one side to match the other, or import with --conflict-markers to resolve it in the file",
                ));
                conflicts.push(d.with_end(end.max(start), 1));
            }
            if markers {
                marked
            } else {
                ours.to_string()
            }
        }
    }
}

/// The lines (first, last; 1-based) of each conflict in the editors' file,
/// read off the text with conflict markers.
fn conflict_lines(marked: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let (mut line, mut start) = (0, 0);
    let mut in_theirs = false;
    for text in marked.lines() {
        if text.starts_with("<<<<<<< ") {
            start = line + 1;
        } else if text == "=======" {
            found.push((start, line));
            in_theirs = true;
        } else if text.starts_with(">>>>>>> ") {
            in_theirs = false;
        } else if !in_theirs {
            line += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicts_are_placed_in_the_editors_file() {
        let base = "a\n\nb\n\nc\n";
        let ours = "a\n\nB1\n\nc\n";
        let theirs = "a\n\nB2\n\nc\n";
        let mut conflicts = Vec::new();
        let out = merge_file(Path::new("f.md"), base, ours, theirs, false, &mut conflicts);
        assert_eq!(out, ours);
        assert_eq!(conflicts.len(), 1);
        assert_eq!((conflicts[0].line, conflicts[0].end_line), (3, 3));
        let mut conflicts = Vec::new();
        let clean = merge_file(
            Path::new("f.md"),
            base,
            "A\n\nb\n\nc\n",
            "a\n\nb\n\nC\n",
            false,
            &mut conflicts,
        );
        assert_eq!(clean, "A\n\nb\n\nC\n");
        assert!(conflicts.is_empty());
    }
}
