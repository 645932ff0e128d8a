//! Any section text goes through parsing, note resolution and rendering without panicking.
#![no_main]

use briefing::markdown;
use briefing::notes::{NoteLabels, NoteRenderer, NoteSource, NoteTable};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let source = NoteSource::new(Path::new("f.md"), "zh-Hant", text, 1, markdown::parse(text));
    let sources = [source];
    let (table, _) = NoteTable::resolve(&sources);
    let labels = NoteLabels {
        reference: "{n}".into(),
        backlink: "{n}".into(),
        see_note: "{n}".into(),
        see_notes: "{n}".into(),
        separator: ",".into(),
    };
    let mut renderer = NoteRenderer::new(&table, "zh-Hant", "zh-Hant", labels);
    let events = renderer.rewrite(sources[0].body.iter().map(|(e, _)| e.clone()));
    let _ = markdown::to_html(events.into_iter());
    let _ = renderer.endnotes();
    let _ = renderer.references();
});
