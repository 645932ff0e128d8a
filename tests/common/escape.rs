//! The Markdown escape of note references, shared by `tests/notes.rs` and
//! the `notes_escapes` fuzz target (which include this file by path).

/// `text` with a backslash before every `[^` Markdown does not already read
/// as escaped (one after an even number of backslashes).
pub fn escape_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut backslashes = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '[' && chars.peek() == Some(&'^') && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}
