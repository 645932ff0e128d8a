//! The one place that touches the YAML library, so that a maintained fork of
//! `serde_yaml` can be swapped in by changing this file alone. Also turns the
//! library's errors into diagnostics an editor understands.

use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

/// Parses `text` (found in `file`, starting at line `first_line`) into `T`.
///
/// Errors carry file:line:column and, for misspelt keys, a "did you mean" hint;
/// this is the first of [`parse_all`]'s diagnostics.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Result<T, Diagnostic> {
    parse_all(text, file, first_line, what).map_err(|mut found| found.swap_remove(0))
}

/// How many unknown fields one file reports at most: each costs a parse.
const UNKNOWN_FIELDS_MAX: usize = 50;

/// Parses `text` like [`parse`], reporting every unknown field (serde stops at
/// the first): each one found is read as the field it was probably meant to
/// be (the "did you mean" one, when the mapping lacks it) or else commented
/// out, and the text parsed again, until it parses, another kind of error
/// stops it or [`UNKNOWN_FIELDS_MAX`] are reported.
pub fn parse_all<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Result<T, Vec<Diagnostic>> {
    if let Some(at) = control_character(text) {
        let (line, column) = crate::diagnostics::line_col(text, at);
        let message = format!(
            "this {what} holds a control character, which no page, feed or citation file can carry"
        );
        return Err(vec![Diagnostic::error(
            file,
            line + first_line - 1,
            column,
            message,
        )
        .with_hint("delete it (a tab or a line break is fine)")]);
    }
    let mut text = text.to_string();
    let mut found = Vec::new();
    loop {
        let e = match serde_yaml::from_str(&text) {
            Ok(value) if found.is_empty() => return Ok(value),
            Ok(_) => return Err(found),
            Err(e) => e,
        };
        found.push(to_diagnostic(&e, &text, file, first_line, what));
        let raw = e.to_string();
        let unknown = unknown_field(&raw).zip(e.location());
        let Some(((field, expected), at)) = unknown.filter(|_| found.len() < UNKNOWN_FIELDS_MAX)
        else {
            return Err(found);
        };
        let (line, column) = (at.line() - 1, at.column() - 1);
        let meant = closest(field, &expected);
        let renamed = meant.is_some_and(|m| rename_key(&mut text, line, column, field, m));
        if !renamed && !comment_out_entry(&mut text, line, column) {
            return Err(found);
        }
    }
}

/// The byte offset of the first control character (other than a tab or a
/// line break) in `text`, written as it is or as a double-quoted string's
/// escape (`\0`, `\e`, `\x1b`, `\u0000`): YAML would hand it to every page
/// and feed, and a NUL makes an Atom feed unreadable (review s10 attacker
/// F15). An escape counts after an odd number of `"` on its line.
fn control_character(text: &str) -> Option<usize> {
    let bad = |c: u32| c < 0x20 && !matches!(c, 0x09 | 0x0a | 0x0d);
    if let Some(at) = text.find(|c: char| bad(c as u32)) {
        return Some(at);
    }
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut quotes = 0;
        let mut chars = line.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => quotes += 1,
                '\\' if quotes % 2 == 1 => {
                    let rest = &line[i + 1..];
                    let code = match rest.chars().next() {
                        Some('0') => Some(0),
                        Some('a') => Some(7),
                        Some('b') => Some(8),
                        Some('e') => Some(0x1b),
                        Some('v') => Some(0x0b),
                        Some('f') => Some(0x0c),
                        Some(k @ ('x' | 'u' | 'U')) => {
                            let len = match k {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            rest.get(1..1 + len)
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                        }
                        _ => None,
                    };
                    if code.is_some_and(bad) {
                        return Some(line_start + i);
                    }
                    chars.next(); // the escaped character
                }
                _ => {}
            }
        }
        line_start += line.len();
    }
    None
}

/// The unknown field an error of serde names, with the fields it expected.
fn unknown_field(raw: &str) -> Option<(&str, Vec<&str>)> {
    let rest = raw.split("unknown field `").nth(1)?;
    let field = rest.split('`').next().unwrap_or_default();
    let expected = rest
        .split('`')
        .skip(1)
        .filter(|s| !s.trim().is_empty() && !s.contains(',') && !s.contains(' '))
        .collect();
    Some((field, expected))
}

/// Renames the key `from` at 0-based `line` and (character) `column` to
/// `to`, in block or flow style, unless the key is not written there as is
/// or `to` looks taken: a line with `to:` at that place, or `to:` in the
/// same flow mapping line.
fn rename_key(text: &mut String, line: usize, column: usize, from: &str, to: &str) -> bool {
    let Some(this) = text.lines().nth(line) else {
        return false;
    };
    let Some(at) = this.char_indices().nth(column).map(|(i, _)| i) else {
        return false;
    };
    let block_key = |l: &str| {
        l.get(..at)
            .is_some_and(|b| b.trim_matches([' ', '-']).is_empty())
            && l.get(at..)
                .is_some_and(|r| r.starts_with(&format!("{to}:")))
    };
    let flow_keys = [format!("{{{to}:"), format!("{{ {to}:"), format!(", {to}:")];
    let taken = text.lines().any(block_key) || flow_keys.iter().any(|k| this.contains(k));
    if taken || !this[at..].starts_with(&format!("{from}:")) {
        return false;
    }
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    text.replace_range(start + at..start + at + from.len(), to);
    true
}

/// Comments out the mapping entry whose key starts at 0-based `line` and
/// `column`, with the lines of its value, keeping the lines where they are.
/// False when the key does not start its line (flow style), which is left.
fn comment_out_entry(text: &mut String, line: usize, column: usize) -> bool {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(key_line) = lines.get(line) else {
        return false;
    };
    let before = key_line.get(..column).unwrap_or("x");
    let item = before.trim() == "-";
    if !before.trim().is_empty() && !item {
        return false;
    }
    let indent = |l: &str| l.len() - l.trim_start().len();
    let continues = |l: &&&str| {
        l.trim().is_empty()
            || indent(l) > column
            || (indent(l) == column && l.trim_start().starts_with("- "))
    };
    let value_lines = lines[line + 1..].iter().take_while(continues).count();
    let head = if item { before.trim_end() } else { "#" };
    let mut out: String = lines[..line].concat();
    out.push_str(head);
    out.push('\n');
    for _ in 0..value_lines {
        out.push_str("#\n");
    }
    out.push_str(&lines[line + 1 + value_lines..].concat());
    *text = out;
    true
}

/// The byte offset of the key `key` in `text` at or after byte `from`:
/// `key:` at the start of a line (after indentation or `- `), or after `{`
/// or `,` in a flow mapping.
pub fn find_key(text: &str, from: usize, key: &str) -> Option<usize> {
    let starts_key = |at: &usize| {
        let before = &text[..*at];
        let trimmed = before.trim_end_matches(' ');
        let item = trimmed.ends_with('-') && trimmed.len() < before.len();
        trimmed.is_empty() || trimmed.ends_with(['\n', '{', ',']) || item
    };
    text.get(from..)?
        .match_indices(&format!("{key}:"))
        .map(|(i, _)| from + i)
        .find(starts_key)
}

/// The byte offset of the value of `key` (found as by [`find_key`]).
pub fn find_value(text: &str, from: usize, key: &str) -> Option<usize> {
    let after = find_key(text, from, key)? + key.len() + 1;
    Some(text.len() - text[after..].trim_start_matches(' ').len())
}

/// Serialises `value` as YAML text.
pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).expect("content model types always serialise")
}

fn to_diagnostic(
    e: &serde_yaml::Error,
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Diagnostic {
    let raw = e.to_string();
    // serde_yaml appends " at line X column Y"; we already say where.
    let raw = raw.split(" at line ").next().unwrap_or(&raw).to_string();
    let at = e.location().map(|l| within(text, (l.line(), l.column())));
    let (line, column) = quoted_value_at(&raw, text, at).or(at).unwrap_or((1, 1));
    let span = quoted_span(&raw, text, (line, column));
    let line = first_line + line - 1;
    let (message, hint) = explain(&raw, what);
    let mut d = Diagnostic::error(file, line, column, message);
    if let Some(end) = span {
        d = d.with_end(line, end);
    }
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// `(line, column)` of `text`, or the place just after its last character
/// when it is past that: an error met at the end of the text (a `{` never
/// closed on the last line) is shown on the last line, not on the line
/// after the end with nothing to show (review editor F8).
fn within(text: &str, at: (usize, usize)) -> (usize, usize) {
    let end = crate::diagnostics::line_col(text, text.trim_end().len());
    at.min(end)
}

/// The end column (exclusive, in characters) of the key or value that
/// `message` names in quotes or backticks, when it starts at `at` in `text`:
/// the span a code frame underlines.
fn quoted_span(message: &str, text: &str, (line, column): (usize, usize)) -> Option<usize> {
    let token = message.split(['`', '"']).nth(1).filter(|t| !t.is_empty())?;
    let rest: String = text
        .lines()
        .nth(line.checked_sub(1)?)?
        .chars()
        .skip(column - 1)
        .collect();
    rest.starts_with(token)
        .then(|| column + token.chars().count())
}

/// Where the value named in quotes by `message` is, when serde_yaml's place
/// `at` is not on its line (a model's own check, such as a bad date, is
/// placed at the start of its mapping): the first `: value` in `text`.
fn quoted_value_at(
    message: &str,
    text: &str,
    at: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let value = message.split('"').nth(1).filter(|v| !v.is_empty())?;
    let on_its_line = at
        .and_then(|(line, _)| text.lines().nth(line - 1))
        .is_some_and(|l| l.contains(value));
    if on_its_line {
        return None;
    }
    let key_end = [": ", ": \"", ": '"]
        .iter()
        .filter_map(|sep| text.find(&format!("{sep}{value}")).map(|i| i + 2))
        .min()?;
    Some(crate::diagnostics::line_col(text, key_end))
}

/// Rewrites serde's wording into a sentence for editors, with a hint.
fn explain(raw: &str, what: &str) -> (String, Option<String>) {
    let field_in = |s: &str| format!("{s} in {what}");
    if let Some((field, expected)) = unknown_field(raw) {
        let hint = closest(field, &expected)
            .map(|best| format!("did you mean \"{best}\"?"))
            .or_else(|| {
                (!expected.is_empty()).then(|| format!("allowed fields: {}", expected.join(", ")))
            });
        return (field_in(&format!("unknown field \"{field}\"")), hint);
    }
    if let Some(rest) = raw.split("missing field `").nth(1) {
        let field = rest.split('`').next().unwrap_or_default();
        return (
            field_in(&format!("the required field \"{field}\" is missing")),
            Some(format!("add a line `{field}: …`")),
        );
    }
    if raw.contains("did not find expected")
        || raw.contains("mapping values are not allowed")
        || raw.contains("found character")
    {
        return (
            field_in(&format!("this is not valid YAML ({raw})")),
            Some(
                "check the indentation and quote values that contain a colon followed by a space"
                    .into(),
            ),
        );
    }
    (field_in(&raw.replace('`', "\"")), None)
}

/// The candidate closest to `word` by edit distance, if it is plausibly a typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review s10 attacker F15: a NUL or ESC in a YAML string reached every
    /// page and made the Atom feed unreadable.
    #[test]
    fn control_characters_are_found_as_written_or_escaped() {
        assert_eq!(control_character("title: a\u{0}b\n"), Some(8));
        let escaped = "title:\n  en: \"How China\\u0000Exercises\"\n";
        assert_eq!(control_character(escaped), escaped.find("\\u0000"));
        assert_eq!(control_character("x: \"a\\x1b[31m\"\n"), Some(5));
        for fine in [
            "path: C:\\editor\\x00\n",
            "x: \"tab\\tand\\nline \\\\e\"\n",
            "x: \"\\u00e9\"\n",
            "x: 'single \\0'\n",
        ] {
            assert_eq!(control_character(fine), None, "{fine}");
        }
        let err = parse::<serde_yaml::Value>(escaped, Path::new("b.yaml"), 1, "file").unwrap_err();
        assert_eq!((err.line, err.column), (2, 17), "{err}");
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        draft: Option<bool>,
    }

    #[test]
    fn unknown_field_gets_location_and_suggestion() {
        let e = parse::<Front>("title: x\ntitel: y\n", Path::new("a.md"), 2, "front matter")
            .unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert_eq!(e.message, "unknown field \"titel\" in front matter");
        assert_eq!(e.hint.as_deref(), Some("did you mean \"title\"?"));
    }

    #[test]
    fn every_unknown_field_is_reported_at_its_key() {
        let text =
            "titel: x\nauthors:\n  - nmae: a\n    bio: b\ndraf: true\nsubtitle:\n  - a\n  - b\n";
        let found: Vec<String> = parse_all::<Meta>(text, Path::new("b.yaml"), 1, "briefing.yaml")
            .unwrap_err()
            .iter()
            .map(|d| {
                format!(
                    "{}:{}-{} {} / {}",
                    d.line,
                    d.column,
                    d.end_column,
                    d.message,
                    d.hint.as_deref().unwrap_or("")
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                "1:1-6 unknown field \"titel\" in briefing.yaml / did you mean \"title\"?",
                "3:5-9 unknown field \"nmae\" in briefing.yaml / did you mean \"name\"?",
                "5:1-5 unknown field \"draf\" in briefing.yaml / did you mean \"draft\"?",
                "6:1-9 unknown field \"subtitle\" in briefing.yaml / allowed fields: title, authors, draft",
            ]
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        title: String,
        #[serde(default)]
        authors: Vec<Author>,
        draft: Option<bool>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Author {
        name: Option<String>,
        bio: String,
    }

    #[test]
    fn unknown_fields_are_reported_up_to_a_limit() {
        let text: String = (0..80).map(|i| format!("unknown{i}: x\n")).collect();
        let found = parse_all::<Front>(&text, Path::new("a.md"), 1, "front matter").unwrap_err();
        assert_eq!(found.len(), UNKNOWN_FIELDS_MAX);
        assert_eq!(found[49].line, 50);
    }

    #[test]
    fn a_rejected_value_is_reported_at_the_value() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Dated {
            title: String,
            date: crate::content::model::Date,
        }
        let e = parse::<Dated>(
            "title: x\ndate: 2023-02-30\n",
            Path::new("b.yaml"),
            1,
            "briefing.yaml",
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (2, 7));
        assert!(
            e.message.starts_with("\"2023-02-30\" is not a valid date"),
            "{e}"
        );
    }

    #[test]
    fn keys_are_found_where_yaml_writes_them() {
        let text = "a-title: x\ntitle: { en: y, zh-Hant: z }\nlist:\n  - en: w\n";
        assert_eq!(find_key(text, 0, "title"), Some(11));
        assert_eq!(find_key(text, 11, "zh-Hant"), Some(27));
        assert_eq!(find_key(text, 30, "en"), Some(50));
        assert_eq!(find_value(text, 0, "a-title"), Some(9));
        assert_eq!(find_key(text, 0, "list-"), None);
    }

    #[test]
    fn missing_field_is_explained() {
        let e = parse::<Front>("draft: true\n", Path::new("a.md"), 1, "front matter").unwrap_err();
        assert!(e.message.contains("\"title\" is missing"), "{}", e.message);
    }

    #[test]
    fn an_error_at_the_end_is_placed_after_the_last_character() {
        let text = "title: x\nname: { zh-Hant: 關鍵, en: Critical \n";
        let e = parse::<serde_yaml::Value>(text, Path::new("t.yaml"), 1, "t.yaml").unwrap_err();
        assert_eq!((e.line, e.column), (2, 34), "{e}");
        let text = "draft: true\ntitle: { a: b\n\n\n";
        let e = parse::<serde_yaml::Value>(text, Path::new("a.md"), 2, "front matter").unwrap_err();
        assert_eq!((e.line, e.column), (3, 14), "{e}");
    }

    #[test]
    fn syntax_error_points_at_the_line() {
        let e = parse::<Front>("title: [x\n", Path::new("a.md"), 1, "front matter").unwrap_err();
        assert!(e.line >= 1 && e.message.contains("front matter"), "{e}");
    }
}
