//! The YAML list files an import appends draft entries to
//! (content/glossary.yaml, content/authors.yaml): read their entries, and
//! append new ones keeping the old text byte for byte.

use crate::diagnostics::Diagnostic;
use serde::{de::DeserializeOwned, Serialize};
use std::path::Path;

/// The entries of a YAML list file (`None`: no file); a file with nothing
/// but comments has none.
pub fn entries<T: DeserializeOwned>(
    text: Option<&str>,
    file: &Path,
    what: &str,
) -> Result<Vec<T>, Diagnostic> {
    let Some(text) = text else {
        return Ok(Vec::new());
    };
    let blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if blank {
        return Ok(Vec::new());
    }
    crate::yaml::parse(text, file, 1, what)
}

/// `existing` (the text of the YAML list `file`, holding `before` entries)
/// with `new` appended, the old text kept byte for byte; an error when the
/// result would not read back as the old entries and the new ones (a flow
/// list `[ … ]`).
pub fn append<T: Serialize + DeserializeOwned>(
    existing: Option<&str>,
    file: &Path,
    before: usize,
    new: &[T],
    what: &str,
) -> Result<String, Diagnostic> {
    let mut text = existing.unwrap_or_default().to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&crate::yaml::to_string(&new));
    if entries::<T>(Some(&text), file, what).map(|all| all.len()) != Ok(before + new.len()) {
        return Err(Diagnostic::error(
            file,
            0,
            0,
            format!("new entries cannot be appended to {what}"),
        )
        .with_hint("write the file as a block list (\"- id: …\" entries), not a flow list [ … ]"));
    }
    Ok(text)
}
