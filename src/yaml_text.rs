//! Setting one value of a YAML file by editing its text in place, so that
//! comments, key order and the style of everything else are kept (a
//! re-serialised file would lose them). Block-style mappings and
//! sequences, as `briefing import` and `briefing new` write them, and a
//! one-line flow mapping as the last step (`title: { zh-Hant: 甲 }`).

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

/// Why a value could not be set: a plain sentence, and the byte offset in
/// the text it is about.
#[derive(Debug)]
pub struct Unset {
    /// Byte offset of the key or value the sentence is about.
    pub at: usize,
    /// What is wrong, in a plain sentence.
    pub why: String,
}

/// `text` with the value at `path` set to `value` (a YAML scalar or flow
/// value, written as given). A missing last key is added, and so is a
/// missing mapping holding it, also inside a one-line flow mapping; anything
/// else missing, or deeper flow style, is an error that says which and where.
pub fn set(text: &str, path: &[Step], value: &str) -> Result<String, Unset> {
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
                    let after = at + text[at..].find(':').unwrap_or(0) + 1;
                    let inline = text[after..lines[line].end].trim();
                    if !inline.is_empty() && !inline.starts_with('#') {
                        return flow_set(text, after..lines[line].end, &path[depth + 1..], value);
                    }
                    region = extent(text, &lines, line, at);
                    first = None;
                    if region.0 == region.1 {
                        let why =
                            format!("`{key}` has no values below it: write them one per line");
                        return Err(Unset { at, why });
                    }
                }
                None => {
                    let at = region_start(&lines, region, first, text.len());
                    return insert(text, &lines, region, first, &path[depth..], value)
                        .map_err(|why| Unset { at, why });
                }
            },
            Step::Item(n) => {
                let dash = |l: &Line| text[l.start + l.indent..l.end].starts_with("- ");
                let dashes = (region.0..region.1).filter(|i| dash(&lines[*i]));
                let indent = dashes.clone().next().map(|i| lines[i].indent);
                // Items of this list, not of lists nested in them.
                let items: Vec<usize> = dashes
                    .filter(|i| Some(lines[*i].indent) == indent)
                    .collect();
                let Some(&item) = items.get(n) else {
                    let at = region_start(&lines, region, first, text.len());
                    let why = format!("there is no item {} in the list", n + 1);
                    return Err(Unset { at, why });
                };
                let end = items.get(n + 1).copied().unwrap_or(region.1);
                let l = lines[item];
                region = (item, end);
                first = Some(l.start + l.indent + 2);
            }
        }
    }
    Err(Unset {
        at: 0,
        why: "an empty path".into(),
    })
}

/// Where `region` starts in the text (`len` for an empty file).
fn region_start(lines: &[Line], region: (usize, usize), first: Option<usize>, len: usize) -> usize {
    match (first, lines.get(region.0)) {
        (Some(at), _) => at,
        (None, Some(l)) => l.start,
        (None, None) => len,
    }
}

/// Sets the one key of `path` inside the flow mapping that the line range
/// `value_at` holds (`{ zh-Hant: 甲 }`): its value replaced, or the key added
/// before the closing brace; the rest of the line (a comment) kept.
fn flow_set(
    text: &str,
    value_at: std::ops::Range<usize>,
    path: &[Step],
    value: &str,
) -> Result<String, Unset> {
    let skip = text[value_at.clone()].len() - text[value_at.clone()].trim_start().len();
    let open = value_at.start + skip;
    let fail = |why: &str| Unset {
        at: open,
        why: why.to_string(),
    };
    let [Step::Key(key)] = path else {
        return Err(fail("this value is written in flow style on one line, which can be edited only one key deep: write it one value per line"));
    };
    if !text[open..value_at.end].starts_with('{') {
        return Err(fail("this value is not a mapping of languages: write it one value per line, a language per line"));
    }
    let entries = flow_entries(&text[open..value_at.end]).ok_or_else(|| {
        fail("this flow mapping does not end on its line: write it one value per line")
    })?;
    let found = entries.iter().find(|e| {
        let name = e.key.trim().trim_matches(['"', '\'']);
        name == *key
    });
    let (start, end, insert) = match found {
        Some(e) => (
            open + e.value.start,
            open + e.value.end,
            format!(" {value}"),
        ),
        None => {
            let close = open + entries.last().map_or(1, |e| e.value.end);
            let comma = if entries.is_empty() { " " } else { ", " };
            (close, close, format!("{comma}{key}: {value}"))
        }
    };
    Ok(format!("{}{insert}{}", &text[..start], &text[end..]))
}

/// A `key: value` entry of a one-line flow mapping, as byte ranges from
/// its opening brace.
struct FlowEntry {
    key: String,
    value: std::ops::Range<usize>,
}

/// The entries of the flow mapping `line` opens with (`{` at 0), or None
/// when it does not close on the line. Quotes and nested brackets are
/// respected; a value's range excludes the spaces before the next comma.
fn flow_entries(line: &str) -> Option<Vec<FlowEntry>> {
    let mut entries = Vec::new();
    let (mut depth, mut quote, mut entry_start) = (0usize, None::<char>, 1);
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => depth += 1,
            (None, ',' | '}' | ']') if depth == 1 => {
                if let Some(entry) = flow_entry(line, entry_start..i) {
                    entries.push(entry);
                }
                if c != ',' {
                    return Some(entries);
                }
                entry_start = i + 1;
            }
            (None, '}' | ']') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// One `key: value` of a flow mapping at `range` of `line`; None when blank.
fn flow_entry(line: &str, range: std::ops::Range<usize>) -> Option<FlowEntry> {
    let text = &line[range.clone()];
    let colon = text.find(": ").or_else(|| {
        text.trim_end()
            .ends_with(':')
            .then(|| text.trim_end().len() - 1)
    })?;
    let value_start = range.start + colon + 1;
    let value_end = range.start + text.trim_end().len();
    Some(FlowEntry {
        key: text[..colon].trim().to_string(),
        value: value_start..value_end.max(value_start),
    })
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
    fn a_one_line_flow_mapping_is_edited_in_place() {
        let doc = "title: { zh-Hant: 甲 }  # en pending\nx: 1\n";
        let out = set(doc, &[Key("title"), Key("en")], "\"B, c\"").unwrap();
        assert_eq!(
            out,
            "title: { zh-Hant: 甲, en: \"B, c\" }  # en pending\nx: 1\n"
        );
        let again = set(&out, &[Key("title"), Key("en")], "\"D\"").unwrap();
        assert_eq!(
            again,
            "title: { zh-Hant: 甲, en: \"D\" }  # en pending\nx: 1\n"
        );
        let quoted = set("t: {'en': 'it''s, {x}'}\n", &[Key("t"), Key("en")], "E").unwrap();
        assert_eq!(quoted, "t: {'en': E}\n");
        assert_eq!(
            set("t: {}\n", &[Key("t"), Key("en")], "F").unwrap(),
            "t: { en: F}\n"
        );
    }

    #[test]
    fn deeper_or_open_flow_style_is_refused_at_its_place() {
        let doc = "a: 1\nauthors: [{name: {en: A}}]\n";
        let err = set(doc, &[Key("authors"), Item(0), Key("name")], "B").unwrap_err();
        assert_eq!(err.at, doc.find('[').unwrap());
        assert!(err.why.contains("one value per line"), "{}", err.why);
        let err = set("t: {en: A,\n  zh: B}\n", &[Key("t"), Key("en")], "C").unwrap_err();
        assert!(err.why.contains("does not end on its line"), "{}", err.why);
    }
}
