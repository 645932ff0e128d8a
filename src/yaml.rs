//! The one place that touches the YAML library, so that a maintained fork of
//! `serde_yaml` can be swapped in by changing this file alone. Also turns the
//! library's errors into diagnostics an editor understands.

use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

/// Parses `text` (found in `file`, starting at line `first_line`) into `T`.
///
/// Errors carry file:line:column and, for misspelt keys, a "did you mean" hint.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e| to_diagnostic(&e, file, first_line, what))
}

/// Serialises `value` as YAML text.
pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).expect("content model types always serialise")
}

fn to_diagnostic(e: &serde_yaml::Error, file: &Path, first_line: usize, what: &str) -> Diagnostic {
    let (line, column) = e
        .location()
        .map_or((first_line, 1), |l| (first_line + l.line() - 1, l.column()));
    let raw = e.to_string();
    // serde_yaml appends " at line X column Y"; we already say where.
    let raw = raw.split(" at line ").next().unwrap_or(&raw).to_string();
    let (message, hint) = explain(&raw, what);
    let d = Diagnostic::error(file, line, column, message);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// Rewrites serde's wording into a sentence for editors, with a hint.
fn explain(raw: &str, what: &str) -> (String, Option<String>) {
    let field_in = |s: &str| format!("{s} in {what}");
    if let Some(rest) = raw.split("unknown field `").nth(1) {
        let field = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest
            .split('`')
            .skip(1)
            .filter(|s| !s.trim().is_empty() && !s.contains(',') && !s.contains(' '))
            .collect();
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
    fn missing_field_is_explained() {
        let e = parse::<Front>("draft: true\n", Path::new("a.md"), 1, "front matter").unwrap_err();
        assert!(e.message.contains("\"title\" is missing"), "{}", e.message);
    }

    #[test]
    fn syntax_error_points_at_the_line() {
        let e = parse::<Front>("title: [x\n", Path::new("a.md"), 1, "front matter").unwrap_err();
        assert!(e.line >= 1 && e.message.contains("front matter"), "{e}");
    }
}
