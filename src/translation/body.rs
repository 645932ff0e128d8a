//! A section body as a translator sees it: blocks of Markdown between blank
//! lines, and the note definitions apart from them.

/// A section body as blocks (text between blank lines) and note
/// definitions (`[^label]: text`, continuation lines included).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Body {
    /// The blocks in order, note definitions left out.
    pub blocks: Vec<String>,
    /// (label, text) of each note definition.
    pub notes: Vec<(String, String)>,
}

impl Body {
    /// Splits a section body (its line endings made `\n`).
    pub fn of(text: &str) -> Body {
        let mut body = Body::default();
        let text = unix_lines(text);
        for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
            match note_definition(block) {
                Some((label, note)) => body.notes.push((label.into(), note.into())),
                None => body.blocks.push(block.to_string()),
            }
        }
        body
    }

    /// The body as Markdown: blocks, then note definitions.
    pub fn to_markdown(&self) -> String {
        let notes = self.notes.iter().map(|(l, t)| format!("[^{l}]: {t}"));
        let parts: Vec<String> = self.blocks.iter().cloned().chain(notes).collect();
        format!("\n{}\n", parts.join("\n\n"))
    }
}

/// `text` with Windows line endings (`\r\n`, as Notepad or a checkout
/// with core.autocrlf saves it) made `\n`: a file saved so is the same
/// text (review s10 editor F14: its translation showed as outdated).
pub fn unix_lines(text: &str) -> std::borrow::Cow<'_, str> {
    match text.contains('\r') {
        true => text.replace("\r\n", "\n").into(),
        false => text.into(),
    }
}

/// `[^label]: text` → (label, text).
fn note_definition(block: &str) -> Option<(&str, &str)> {
    let rest = block.strip_prefix("[^")?;
    let (label, text) = rest.split_once("]:")?;
    (!label.is_empty() && !label.contains([' ', '\n'])).then(|| (label, text.trim_start()))
}
