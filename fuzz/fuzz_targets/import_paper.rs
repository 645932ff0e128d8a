//! Any paper text goes through `import`'s parsing, rendering and glossary
//! proposals without panicking; and whatever body text the importer accepts,
//! the notes of the Markdown it writes resolve without errors (a literal
//! `[^99]` in the paper must not become an undefined note).
#![no_main]

use briefing::import;
use briefing::markdown;
use briefing::notes::{NoteSource, NoteTable};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

/// A paper the importer accepts; the fuzzed text goes into its first paragraph.
const MINIMAL: &str = "標題\n\n作者\n\n研究所\n\n壹、前言\n\n第一段INSERT。¹ 第二句。²\n\n1. 註一。\n2. 註二。\n\n貳、結語\n\n結語段落。\n\n本文作者甲為研究員。\n";

fuzz_target!(|text: &str| {
    let _ = import_files(text);
    let paragraph = text.replace(['\n', '\r'], " ");
    let Some(files) = import_files(&MINIMAL.replace("INSERT", &paragraph)) else {
        return;
    };
    let sections: Vec<(String, &str, usize)> = files
        .iter()
        .filter(|(name, _)| name.ends_with(".md"))
        .map(|(name, text)| {
            let (front, body) = body_of(text);
            (name.clone(), body, front.lines().count() + 1)
        })
        .collect();
    let sources: Vec<NoteSource> = sections
        .iter()
        .map(|(name, body, line)| {
            NoteSource::new(
                Path::new(name),
                "zh-Hant",
                body,
                *line,
                markdown::parse(body),
            )
        })
        .collect();
    let (_, diagnostics) = NoteTable::resolve(&sources);
    assert!(
        diagnostics.iter().all(|d| !d.is_error()),
        "{paragraph:?}: {diagnostics:?}"
    );
});

/// The files `import` writes for `text` (name, contents), when it accepts it.
fn import_files(text: &str) -> Option<Vec<(String, String)>> {
    let paper = import::parse(text, Path::new("paper.txt")).ok()?;
    let _ = import::glossary::candidates(&paper);
    let files = import::render(&paper, None);
    Some(
        files
            .into_iter()
            .map(|(path, text)| (path.display().to_string(), text))
            .collect(),
    )
}

/// A section file split after its front matter's closing `---` line.
fn body_of(file: &str) -> (&str, &str) {
    let end = file[4..].find("\n---\n").map_or(0, |i| i + 4 + 5);
    file.split_at(end)
}
