//! Note references and their Markdown escape: with every `[^` of any text
//! escaped as `\[^`, no note reference is left, and nothing panics. (Entities
//! such as `&#91;` spell a `[` without one, so texts with `&` are skipped.)
#![no_main]

#[path = "../../tests/common/escape.rs"]
mod escape;

use briefing::markdown;
use briefing::notes::{NoteSource, NoteTable};
use escape::escape_references;
use libfuzzer_sys::fuzz_target;
use pulldown_cmark::Event;
use std::path::Path;

fuzz_target!(|text: &str| {
    if text.contains('&') {
        return;
    }
    let escaped = escape_references(text);
    let source = NoteSource::new(
        Path::new("f.md"),
        "en",
        &escaped,
        1,
        markdown::parse(&escaped),
    );
    let reference = source
        .body
        .iter()
        .find(|(e, _)| matches!(e, Event::FootnoteReference(_)));
    assert!(reference.is_none(), "{escaped:?}: {reference:?}");
    let _ = NoteTable::resolve(&[source]);
});
