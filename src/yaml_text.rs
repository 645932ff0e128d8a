//! Setting one value of a YAML file by editing its text in place, so that
//! comments, key order and the style of everything else are kept (a
//! re-serialised file would lose them). Block-style mappings and
//! sequences only, as `briefing import` and `briefing new` write them.

/// One step of a path into the document.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// The value of a mapping's key.
    Key(&'a str),
    /// The n-th item (from 0) of a sequence.
    Item(usize),
}

/// A line of the text: its byte range and indentation.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    indent: usize,
}

/// `text` with the value at `path` set to `value` (a YAML scalar or flow
/// value, written as given). A missing last key is added, and so is a
/// missing mapping holding it; anything else missing, or a flow-style
/// mapping on the way, is an error that says which.
pub fn set(text: &str, path: &[Step], value: &str) -> Result<String, String> {
    let lines = lines(text);
    let mut region = (0, lines.len());
    let mut first = None; // offset where the region's first line's content starts (a list item)
    for (depth, step) in path.iter().enumerate() {
        let last = depth + 1 == path.len();
        match *step {
            Step::Key(key) => match find_key(text, &lines, region, first, key) {
                Some((line, at)) if last => {
                    let end = extent(text, &lines, line, at).1;
                    let end = lines.get(end).map_or(text.len(), |l| l.start);
                    return Ok(format!("{}{key}: {value}\n{}", &text[..at], &text[end..]));
                }
                Some((line, at)) => {
                    region = extent(text, &lines, line, at);
                    first = None;
                    if region.0 == region.1 {
                        return Err(format!("`{key}` has no block of values below it (flow style?): write it one value per line"));
                    }
                }
                None => return insert(text, &lines, region, first, &path[depth..], value),
            },
            Step::Item(n) => {
                let dash = |l: &Line| text[l.start + l.indent..l.end].starts_with("- ");
                let items: Vec<usize> = (region.0..region.1).filter(|i| dash(&lines[*i])).collect();
                let Some(&item) = items.get(n) else {
                    return Err(format!("there is no item {} in the list", n + 1));
                };
                let end = items.get(n + 1).copied().unwrap_or(region.1);
                let l = lines[item];
                region = (item, end);
                first = Some(l.start + l.indent + 2);
            }
        }
    }
    Err("an empty path".into())
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        out.push(Line {
            start,
            end: start + line.trim_end_matches(['\n', '\r']).len(),
            indent,
        });
        start += line.len();
    }
    out
}

fn is_blank(text: &str, l: &Line) -> bool {
    let t = text[l.start..l.end].trim();
    t.is_empty() || t.starts_with('#')
}

/// Where the content of line `i` starts (after a list item's dash for the
/// region's first line).
fn content_start(lines: &[Line], region: (usize, usize), first: Option<usize>, i: usize) -> usize {
    match first {
        Some(at) if i == region.0 => at,
        _ => lines[i].start + lines[i].indent,
    }
}

/// The line and offset of `key:` among the region's direct keys.
fn find_key(
    text: &str,
    lines: &[Line],
    region: (usize, usize),
    first: Option<usize>,
    key: &str,
) -> Option<(usize, usize)> {
    let column = |i: usize| content_start(lines, region, first, i) - lines[i].start;
    let child = (region.0..region.1)
        .find(|i| !is_blank(text, &lines[*i]))
        .map(column)?;
    (region.0..region.1)
        .filter(|i| !is_blank(text, &lines[*i]) && column(*i) == child)
        .map(|i| (i, content_start(lines, region, first, i)))
        .find(|(i, at)| {
            let rest = &text[*at..lines[*i].end];
            [format!("{key}:"), format!("\"{key}\":")]
                .iter()
                .any(|k| rest.starts_with(k.as_str()))
        })
}

/// The lines below the key at `line` (offset `at`) that hold its value:
/// (first, end), trailing blank and comment lines left out.
fn extent(text: &str, lines: &[Line], line: usize, at: usize) -> (usize, usize) {
    let column = at - lines[line].start;
    let mut end = line + 1;
    let mut last = line + 1;
    while let Some(l) = lines.get(end) {
        let content = &text[l.start + l.indent..l.end];
        if is_blank(text, l) {
            end += 1;
            continue;
        }
        if l.indent > column || (l.indent == column && content.starts_with("- ")) {
            end += 1;
            last = end;
        } else {
            break;
        }
    }
    (line + 1, last)
}

/// Adds the missing `path` (keys only) at the end of `region`.
fn insert(
    text: &str,
    lines: &[Line],
    region: (usize, usize),
    first: Option<usize>,
    path: &[Step],
    value: &str,
) -> Result<String, String> {
    let keys: Vec<&str> = path
        .iter()
        .map(|s| match s {
            Step::Key(k) => Ok(*k),
            Step::Item(_) => Err("the list to add to is missing".to_string()),
        })
        .collect::<Result<_, _>>()?;
    let column = (region.0..region.1)
        .find(|i| !is_blank(text, &lines[*i]))
        .map_or(0, |i| {
            content_start(lines, region, first, i) - lines[i].start
        });
    let last = (region.0..region.1)
        .rev()
        .find(|i| !is_blank(text, &lines[*i]))
        .map_or(region.0, |i| i + 1);
    let mut added = String::new();
    for (depth, key) in keys.iter().enumerate() {
        let pad = " ".repeat(column + 2 * depth);
        if depth + 1 == keys.len() {
            added.push_str(&format!("{pad}{key}: {value}\n"));
        } else {
            added.push_str(&format!("{pad}{key}:\n"));
        }
    }
    let at = lines.get(last).map_or(text.len(), |l| l.start);
    let before = &text[..at];
    let newline = if before.is_empty() || before.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    Ok(format!("{before}{newline}{added}{}", &text[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Item, Key};

    const DOC: &str = "# kept\ntitle:\n  en: Old # note\n  zh-Hant: 舊\nauthors:\n- name:\n    zh-Hant: 甲\n  bio:\n    zh-Hant: 乙\n- name:\n    en: B\nkeywords:\n  en:\n  - a\n  - b\n  zh-Hant:\n  - 甲\n# end\n";

    #[test]
    fn values_are_replaced_in_place() {
        let out = set(DOC, &[Key("title"), Key("en")], "\"New\"").unwrap();
        assert_eq!(out, DOC.replace("en: Old # note", "en: \"New\""));
        let out = set(DOC, &[Key("keywords"), Key("en")], "[\"x\"]").unwrap();
        assert_eq!(out, DOC.replace("  en:\n  - a\n  - b\n", "  en: [\"x\"]\n"));
    }

    #[test]
    fn missing_keys_are_added_where_they_belong() {
        let out = set(DOC, &[Key("authors"), Item(0), Key("name"), Key("en")], "A").unwrap();
        assert!(
            out.contains("- name:\n    zh-Hant: 甲\n    en: A\n  bio:"),
            "{out}"
        );
        let out = set(DOC, &[Key("authors"), Item(1), Key("bio"), Key("en")], "C").unwrap();
        assert!(
            out.contains("    en: B\n  bio:\n    en: C\nkeywords:"),
            "{out}"
        );
        let out = set(DOC, &[Key("abstract"), Key("en")], "D").unwrap();
        assert!(
            out.ends_with("# end\nabstract:\n  en: D\n") || out.contains("abstract:\n  en: D\n"),
            "{out}"
        );
        assert!(out.starts_with("# kept\n"));
    }

    #[test]
    fn flow_style_is_refused() {
        let err = set("title: {en: A}\n", &[Key("title"), Key("en")], "B").unwrap_err();
        assert!(err.contains("flow style"), "{err}");
    }
}
