//! Splitting a section file into YAML front matter and Markdown body.

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// A file split at its front matter fences.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// 1-based line on which `body` starts.
    pub body_line: usize,
}

/// Splits `text` into front matter and body; the file must start with `---`.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let text = super::files::without_bom(text);
    let missing = || {
        Diagnostic::error(file, 1, 1, "this section file has no front matter")
            .with_hint("start the file with three lines: `---`, `title: …`, `---`")
    };
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or_else(missing)?;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &rest[..offset],
                body: &rest[offset + line.len()..],
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(file, 1, 1, "the front matter is never closed")
            .with_hint("add a line `---` after the front matter fields"),
    )
}

/// `text` (a section file) with the front matter field `key` set to
/// `value`: its line replaced, or a line added before the closing fence;
/// the rest of the file is kept as written. None without front matter.
pub fn set_field(text: &str, key: &str, value: &str) -> Option<String> {
    let split = split(text, Path::new("")).ok()?;
    let start = text.len() - split.body.len();
    let fence = text[..start].trim_end_matches(['\n', '\r']).rfind('\n')? + 1;
    let head = &text[..fence];
    let line = format!("{key}: {value}\n");
    let yaml_start = head.find('\n')? + 1;
    let new_head = match crate::yaml::find_key(head, yaml_start, key) {
        Some(at) => {
            let end = value_end(head, at);
            format!("{}{line}{}", &head[..at], &head[end..])
        }
        None => format!("{head}{line}"),
    };
    Some(format!("{new_head}{}", &text[fence..]))
}

/// Where the value of the top-level key at `at` ends in `head`: after its
/// line and the indented lines that continue it (a block scalar, a wrapped
/// flow value), blank lines among them included.
fn value_end(head: &str, at: usize) -> usize {
    let mut end = head[at..].find('\n').map_or(head.len(), |i| at + i + 1);
    let mut probe = end;
    while probe < head.len() {
        let next = head[probe..]
            .find('\n')
            .map_or(head.len(), |i| probe + i + 1);
        let line = &head[probe..next];
        if line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            end = next;
        } else if !line.trim().is_empty() {
            break;
        }
        probe = next;
    }
    end
}

/// `text` (a section file) with its body replaced by `body`, the front
/// matter kept as written. None without front matter.
pub fn replace_body(text: &str, body: &str) -> Option<String> {
    let split = split(text, Path::new("")).ok()?;
    let start = text.len() - split.body.len();
    Some(format!("{}{body}", &text[..start]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitle: x\n---\n\nbody\n", Path::new("a.md")).unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), ("title: x\n", "\nbody\n", 4));
    }

    #[test]
    fn a_value_on_several_lines_is_replaced_whole() {
        let text = "---\ntitle: >-\n  Introduction to\n\n  the study\nsubtitle: kept\n---\nbody\n";
        let set = set_field(text, "title", "\"New\"").unwrap();
        assert_eq!(set, "---\ntitle: \"New\"\nsubtitle: kept\n---\nbody\n");
    }

    #[test]
    fn fields_are_set_in_place() {
        let text = "---\ntitle: x # kept\n---\nbody\n";
        let set = set_field(text, "translated_from", "ab12").unwrap();
        assert_eq!(
            set,
            "---\ntitle: x # kept\ntranslated_from: ab12\n---\nbody\n"
        );
        let again = set_field(&set, "translated_from", "cd34").unwrap();
        assert_eq!(
            again,
            "---\ntitle: x # kept\ntranslated_from: cd34\n---\nbody\n"
        );
        assert_eq!(set_field("no front\n", "a", "b"), None);
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_errors() {
        assert!(split("# hi\n", Path::new("a.md"))
            .unwrap_err()
            .message
            .contains("no front matter"));
        assert!(split("---\ntitle: x\n", Path::new("a.md"))
            .unwrap_err()
            .message
            .contains("never closed"));
    }
}
