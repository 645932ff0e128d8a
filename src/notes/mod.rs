//! Footnotes of a briefing: collected from every section file in every
//! language, numbered in first-reference reading order across the whole
//! briefing, and rendered as DPUB-ARIA note references and endnotes.
//! Labels are only ids; the displayed number is computed.

pub mod citations;
mod render;

pub use citations::{NoteCitations, Source};
pub use render::{text_script, NoteLabels, NoteRenderer, RenderedNote, RenderedSource};

use crate::diagnostics::{line_col, Diagnostic, LineIndex};
use crate::markdown::{Spanned, TextRun};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A section file's events with the note definitions taken out.
#[derive(Debug, Clone)]
pub struct NoteSource<'a> {
    /// The file, for diagnostics.
    pub file: PathBuf,
    /// Its language.
    pub lang: String,
    /// Body events without note definitions.
    pub body: Vec<Spanned<'a>>,
    /// The note definitions found in the file.
    pub definitions: Vec<Definition<'a>>,
    /// Line on which the body starts and the body text, to turn offsets into lines.
    pub position: (usize, &'a str),
}

/// One `[^label]: …` definition.
#[derive(Debug, Clone)]
pub struct Definition<'a> {
    /// The label between `[^` and `]`.
    pub label: String,
    /// The definition's content events.
    pub events: Vec<Event<'a>>,
    /// 1-based line and column of the definition.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl<'a> NoteSource<'a> {
    /// Splits a parsed section body into body events and note definitions.
    pub fn new(
        file: &Path,
        lang: &str,
        text: &'a str,
        body_line: usize,
        events: Vec<Spanned<'a>>,
    ) -> Self {
        let mut body = Vec::with_capacity(events.len());
        let mut definitions = Vec::new();
        let mut current: Option<Definition> = None;
        let mut depth = 0;
        let lines = LineIndex::new(text);
        for (event, range) in events {
            match (&event, current.as_mut()) {
                (Event::Start(Tag::FootnoteDefinition(label)), None) => {
                    let (line, column) = lines.line_col(range.start);
                    current = Some(Definition {
                        label: label.to_string(),
                        events: Vec::new(),
                        line: line + body_line - 1,
                        column,
                    });
                }
                (Event::Start(Tag::FootnoteDefinition(_)), Some(def)) => {
                    depth += 1;
                    def.events.push(event);
                }
                (Event::End(TagEnd::FootnoteDefinition), Some(def)) if depth == 0 => {
                    let _ = def;
                    definitions.extend(current.take());
                }
                (Event::End(TagEnd::FootnoteDefinition), Some(def)) => {
                    depth -= 1;
                    def.events.push(event);
                }
                (_, Some(def)) => def.events.push(crate::markdown::escape_raw_html(event)),
                (_, None) => body.push((event, range)),
            }
        }
        NoteSource {
            file: file.to_path_buf(),
            lang: lang.to_string(),
            body: text_references(text, body),
            definitions,
            position: (body_line, text),
        }
    }

    /// The labels of every note the body references.
    pub fn labels(&self) -> std::collections::BTreeSet<&str> {
        self.references().map(|(label, _)| label).collect()
    }

    /// Every note reference in the body with its byte offset, in reading order.
    fn references(&self) -> impl Iterator<Item = (&str, usize)> {
        self.body.iter().filter_map(|(event, range)| match event {
            Event::FootnoteReference(label) => Some((label.as_ref(), range.start)),
            _ => None,
        })
    }

    fn location(&self, offset: usize) -> (usize, usize) {
        let (line, column) = line_col(self.position.1, offset);
        (line + self.position.0 - 1, column)
    }
}

/// Turns `[^label]` written in plain text into note references; `\[^label]`
/// (the Markdown backslash escape) and text in code blocks stay literal.
///
/// pulldown-cmark only recognises a reference whose definition is in the same
/// file; in a briefing a note may be defined in another section or only in the
/// original language, so text runs are scanned for the same syntax. `source`
/// is the text the events' ranges point into.
fn text_references<'a>(source: &str, events: Vec<Spanned<'a>>) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut run: Vec<Spanned> = Vec::new();
    let mut in_code = false;
    for (event, range) in events {
        match event {
            Event::Text(_) if !in_code => {
                run.push((event, range));
                continue;
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ => {}
        }
        flush_run(source, &mut run, &mut out);
        out.push((event, range));
    }
    flush_run(source, &mut run, &mut out);
    out
}

/// Joins a run of text events and splits it again at note references.
fn flush_run<'a>(source: &str, run: &mut Vec<Spanned<'a>>, out: &mut Vec<Spanned<'a>>) {
    let joined = TextRun::new(run, 0..run.len());
    let references = references(&joined, source);
    if references.is_empty() {
        out.append(run);
        return;
    }
    run.clear();
    let mut pending = 0;
    for label in references {
        out.extend(joined.text_events(pending..label.start - 2));
        out.push((
            Event::FootnoteReference(joined.text[label.clone()].to_string().into()),
            joined.source_range(&(label.start - 2..label.end + 1)),
        ));
        pending = label.end + 1;
    }
    out.extend(joined.text_events(pending..joined.text.len()));
}

/// The label ranges of the unescaped `[^label]`s of `run`, in one pass: a
/// label is non-empty and holds no whitespace or bracket.
fn references(run: &TextRun, source: &str) -> Vec<Range<usize>> {
    let text = run.text.as_str();
    let mut found = Vec::new();
    let mut search = 0;
    while let Some(at) = text[search..].find("[^").map(|i| search + i) {
        let start = at + 2;
        let len = text[start..]
            .find(|c: char| c == ']' || c == '[' || c.is_whitespace())
            .filter(|&len| len > 0 && text[start + len..].starts_with(']'));
        search = start + len.unwrap_or(0);
        if let Some(len) = len.filter(|_| !run.is_escaped(source, at)) {
            found.push(start..start + len);
        }
    }
    found
}

/// `diagnostic`, which starts at a `[^label]`, underlining all of it.
fn label_span(diagnostic: Diagnostic, label: &str) -> Diagnostic {
    let (line, column) = (diagnostic.line, diagnostic.column);
    diagnostic.with_end(line, column + label.chars().count() + 3)
}

/// A note that repeats an earlier one in short form, for `check --verbose`:
/// `file:line:col: note [^78] (79) repeats note [^59] (60) in short form`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortForm {
    /// Where the short form is defined: file, 1-based line and column.
    pub place: (PathBuf, usize, usize),
    /// The short form's label and displayed number.
    pub note: (String, u32),
    /// The full citation's label and displayed number.
    pub full: (String, u32),
}

impl fmt::Display for ShortForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, line, column) = &self.place;
        write!(
            f,
            "{}:{line}:{column}: note [^{}] ({}) repeats note [^{}] ({}) in short form",
            file.display(),
            self.note.0,
            self.note.1,
            self.full.0,
            self.full.1
        )
    }
}

/// The notes of one briefing, numbered.
#[derive(Debug, Clone, Default)]
pub struct NoteTable<'a> {
    /// label → displayed number.
    numbers: HashMap<String, u32>,
    /// label → where it is first defined (the original's files first).
    places: HashMap<String, (PathBuf, usize, usize)>,
    /// label → language → definition events.
    definitions: HashMap<String, BTreeMap<String, Vec<Event<'a>>>>,
    /// The language of the first source: whose note texts are the reference.
    original: String,
    /// number → earlier notes it repeats in short form.
    short_forms: BTreeMap<u32, Vec<u32>>,
    /// The distinct sources cited, in order of first citation, as the
    /// original's notes give them.
    sources: Vec<Source>,
    /// The same per language that overrides some note texts, each source
    /// in that language's text where it has one.
    translated_sources: BTreeMap<String, Vec<Source>>,
}

impl<'a> NoteTable<'a> {
    /// Numbers the notes of one briefing. `sources` must be in reading order,
    /// the original language's files first: numbering follows the first
    /// reference in that order. Returns the table and its diagnostics.
    pub fn resolve<S: Borrow<NoteSource<'a>>>(sources: &[S]) -> (NoteTable<'a>, Vec<Diagnostic>) {
        let sources = || sources.iter().map(Borrow::borrow);
        let mut table = NoteTable {
            original: sources().next().map(|s| s.lang.clone()).unwrap_or_default(),
            ..NoteTable::default()
        };
        let mut diagnostics = Vec::new();
        let mut defined_at: HashMap<(String, String), (PathBuf, usize)> = HashMap::new();
        for source in sources() {
            for def in &source.definitions {
                let key = (def.label.clone(), source.lang.clone());
                if let Some((file, line)) = defined_at.get(&key) {
                    diagnostics.push(
                        label_span(Diagnostic::error(&source.file, def.line, def.column, format!("note [^{}] is defined twice in this briefing", def.label)), &def.label)
                            .with_hint(format!("it is already defined at {}:{line}; remove one definition or give it a new label", file.display())),
                    );
                    continue;
                }
                defined_at.insert(key, (source.file.clone(), def.line));
                table
                    .places
                    .entry(def.label.clone())
                    .or_insert_with(|| (source.file.clone(), def.line, def.column));
                table
                    .definitions
                    .entry(def.label.clone())
                    .or_default()
                    .insert(source.lang.clone(), def.events.clone());
            }
        }
        for source in sources() {
            for (label, offset) in source.references() {
                if !table.definitions.contains_key(label) {
                    let (line, column) = source.location(offset);
                    diagnostics.push(
                        label_span(Diagnostic::error(&source.file, line, column, format!("note [^{label}] is referenced but never defined")), label)
                            .with_hint(format!("add a line `[^{label}]: …` to a section of this briefing, or correct the label")),
                    );
                    continue;
                }
                let next = table.numbers.len() as u32 + 1;
                table.numbers.entry(label.to_string()).or_insert(next);
            }
        }
        let mut warned = std::collections::HashSet::new();
        for source in sources() {
            for def in &source.definitions {
                if !table.numbers.contains_key(&def.label)
                    && warned.insert((&def.label, &source.lang))
                {
                    diagnostics.push(
                        label_span(
                            Diagnostic::warning(
                                &source.file,
                                def.line,
                                def.column,
                                format!("note [^{}] is never referenced", def.label),
                            ),
                            &def.label,
                        )
                        .with_hint(format!(
                            "reference it with [^{}] in the text, or delete it",
                            def.label
                        )),
                    );
                }
            }
        }
        let texts = table.marked_texts(&table.original);
        let citations = NoteCitations::new(&texts);
        table.short_forms = citations.short_forms();
        table.sources = citations.sources(&table.short_forms);
        let languages: BTreeSet<&str> = sources().map(|s| s.lang.as_str()).collect();
        let translated: BTreeMap<String, Vec<Source>> = languages
            .into_iter()
            .filter(|l| table.overridden_in(l) > 0)
            .map(|lang| {
                let texts = table.marked_texts(lang);
                let sources = NoteCitations::new(&texts).sources(&table.short_forms);
                (lang.to_string(), sources)
            })
            .collect();
        table.translated_sources = translated;
        (table, diagnostics)
    }

    /// The text of every numbered note in `lang` (else the original's), by
    /// number, with emphasis marked ([`citations::EMPHASIS_START`]).
    fn marked_texts(&self, lang: &str) -> Vec<String> {
        self.labels_in_order()
            .iter()
            .map(|label| {
                self.definition(label, lang, &self.original)
                    .map(|events| marked_text(events))
                    .unwrap_or_default()
            })
            .collect()
    }

    /// The earlier notes that note `number` repeats in short form.
    pub fn short_form_targets(&self, number: u32) -> &[u32] {
        self.short_forms.get(&number).map_or(&[], Vec::as_slice)
    }

    /// Every note that repeats an earlier one in short form, with the note it
    /// repeats, by label and number, in number order.
    pub fn short_form_list(&self) -> Vec<ShortForm> {
        let labels = self.labels_in_order();
        let named = |n: u32| (labels[n as usize - 1].to_string(), n);
        self.short_forms
            .iter()
            .flat_map(|(n, targets)| targets.iter().map(move |t| (*n, *t)))
            .filter_map(|(n, full)| {
                Some(ShortForm {
                    place: self.places.get(labels[n as usize - 1])?.clone(),
                    note: named(n),
                    full: named(full),
                })
            })
            .collect()
    }

    /// How many notes have their own text in `lang`, overriding the original's.
    pub fn overridden_in(&self, lang: &str) -> usize {
        if lang == self.original {
            return 0;
        }
        let own = |defs: &BTreeMap<String, Vec<Event>>| {
            defs.contains_key(lang) && defs.contains_key(&self.original)
        };
        self.definitions.values().filter(|defs| own(defs)).count()
    }

    /// The distinct sources cited, short forms merged into their full
    /// citation, in `lang`'s note texts where it overrides them.
    pub fn sources(&self, lang: &str) -> &[Source] {
        self.translated_sources.get(lang).unwrap_or(&self.sources)
    }

    /// The displayed number of `label`, if it is referenced anywhere.
    pub fn number(&self, label: &str) -> Option<u32> {
        self.numbers.get(label).copied()
    }

    /// How many notes are numbered.
    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    /// True when the briefing has no referenced notes.
    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }

    /// The definition of `label` for a page in `lang`: the page language's own
    /// text if a translation overrides it, else the first language defining it.
    pub fn definition(&self, label: &str, lang: &str, fallback: &str) -> Option<&[Event<'a>]> {
        let defs = self.definitions.get(label)?;
        defs.get(lang)
            .or_else(|| defs.get(fallback))
            .or_else(|| defs.values().next())
            .map(Vec::as_slice)
    }

    /// Labels ordered by displayed number.
    pub fn labels_in_order(&self) -> Vec<&str> {
        let mut labels: Vec<(&u32, &str)> =
            self.numbers.iter().map(|(l, n)| (n, l.as_str())).collect();
        labels.sort();
        labels.into_iter().map(|(_, l)| l).collect()
    }
}

/// The plain text of `events` with emphasis marked by
/// [`citations::EMPHASIS_START`] and [`citations::EMPHASIS_END`].
fn marked_text(events: &[Event]) -> String {
    let mut text = String::new();
    for e in events {
        match e {
            Event::Start(Tag::Emphasis) => text.push(citations::EMPHASIS_START),
            Event::End(TagEnd::Emphasis) => text.push(citations::EMPHASIS_END),
            e => crate::markdown::push_plain(&mut text, e),
        }
    }
    text
}

#[cfg(test)]
mod tests;
