//! Text runs: consecutive text events joined, with a map back to the source.
//!
//! pulldown-cmark splits running text into several `Text` events (at `[`,
//! entities, removed CJK line breaks), so anything that looks for a pattern
//! across them (note references, glossary terms, `[[…]]`) looks in a run.
//! An event's text is its source verbatim unless it came from an entity or
//! an escape (`&amp;` is the text `&`), so offsets map back exactly only
//! inside verbatim events; inside any other event they map to its start or
//! end. This is the one place that knows.

use super::Spanned;
use pulldown_cmark::Event;
use std::ops::Range;

/// Consecutive text events, joined, with a map back to the source.
#[derive(Debug, Clone)]
pub struct TextRun {
    /// Indices of the run's events in the event list.
    pub events: Range<usize>,
    /// The events' text joined.
    pub text: String,
    pieces: Vec<Piece>,
}

/// One event of a run.
#[derive(Debug, Clone)]
struct Piece {
    /// Where its text starts in the joined text.
    at: usize,
    /// Its text's length in bytes.
    len: usize,
    /// The source range it came from.
    source: Range<usize>,
}

impl Piece {
    fn verbatim(&self) -> bool {
        self.source.len() == self.len
    }

    /// The source offset of `offset` (in the joined text, inside this piece).
    fn source_offset(&self, offset: usize) -> usize {
        let within = offset - self.at;
        if self.verbatim() {
            self.source.start + within
        } else if within >= self.len {
            self.source.end
        } else {
            self.source.start
        }
    }
}

impl TextRun {
    /// The run of `events[indices]`; events other than text are skipped.
    pub fn new(events: &[Spanned<'_>], indices: Range<usize>) -> TextRun {
        let mut text = String::new();
        let mut pieces = Vec::with_capacity(indices.len());
        for (event, source) in &events[indices.clone()] {
            if let Event::Text(t) = event {
                pieces.push(Piece {
                    at: text.len(),
                    len: t.len(),
                    source: source.clone(),
                });
                text.push_str(t);
            }
        }
        TextRun {
            events: indices,
            text,
            pieces,
        }
    }

    /// The piece holding byte `offset` of the joined text; an offset at the
    /// end of a piece belongs to it, not to the next one.
    fn piece(&self, offset: usize, end: bool) -> Option<&Piece> {
        let after = self
            .pieces
            .partition_point(|p| if end { p.at < offset } else { p.at <= offset });
        self.pieces.get(after.checked_sub(1)?)
    }

    /// The source offset of byte `offset` of the joined text: exact inside
    /// an event whose text is its source verbatim, else the event's start.
    pub fn source_offset(&self, offset: usize) -> usize {
        self.piece(offset, false)
            .map_or(0, |p| p.source_offset(offset))
    }

    /// The source range of `range` of the joined text.
    pub fn source_range(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.source_offset(range.start);
        let end = self
            .piece(range.end, true)
            .map_or(start, |p| p.source_offset(range.end));
        start..end.max(start)
    }

    /// True when the text at `offset` was escaped with a backslash in
    /// `source` (an odd number of backslashes right before it).
    pub fn is_escaped(&self, source: &str, offset: usize) -> bool {
        is_escaped(source, self.source_offset(offset))
    }

    /// `text[span]` as text events, one per event it came from, each with
    /// its own source range, so later adapters still map offsets exactly.
    pub fn text_events(&self, span: Range<usize>) -> Vec<Spanned<'static>> {
        // From the first piece that ends after the span's start: a run
        // rewritten piece by piece stays linear (review s10 attacker F8).
        let first = self.pieces.partition_point(|p| p.at + p.len <= span.start);
        self.pieces[first..]
            .iter()
            .take_while(|p| p.at < span.end)
            .filter_map(|p| {
                let from = span.start.max(p.at);
                let to = span.end.min(p.at + p.len);
                (from < to).then(|| {
                    let source = p.source_offset(from)..p.source_offset(to);
                    (Event::Text(self.text[from..to].to_string().into()), source)
                })
            })
            .collect()
    }
}

/// True when the byte at `offset` in `source` follows an odd number of
/// backslashes, i.e. Markdown escaped it.
pub fn is_escaped(source: &str, offset: usize) -> bool {
    let before = &source.as_bytes()[..offset.min(source.len())];
    before.iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    /// The run of the first paragraph of `source`.
    fn run(source: &str) -> TextRun {
        let events = parse(source);
        let first = events
            .iter()
            .position(|(e, _)| matches!(e, Event::Text(_)))
            .unwrap();
        let len = events[first..]
            .iter()
            .take_while(|(e, _)| matches!(e, Event::Text(_)))
            .count();
        TextRun::new(&events, first..first + len)
    }

    #[test]
    fn offsets_after_entities_point_at_the_source() {
        let source = "AT&amp;T &amp; co &amp; x [^zz]";
        let run = run(source);
        assert_eq!(run.text, "AT&T & co & x [^zz]");
        let at = run.text.find("[^").unwrap();
        assert_eq!(run.source_offset(at), source.find("[^").unwrap());
        let amp = run.text.find('&').unwrap();
        assert_eq!(run.source_range(&(amp..amp + 1)), 2..7);
    }

    #[test]
    fn text_events_keep_each_events_source() {
        let source = "a &amp; b";
        let run = run(source);
        let events = run.text_events(0..run.text.len());
        let joined: String = events
            .iter()
            .map(|(e, _)| match e {
                Event::Text(t) => t.to_string(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(joined, "a & b");
        for (event, range) in &events {
            if let Event::Text(t) = event {
                if t.as_ref() != "&" {
                    assert_eq!(&source[range.clone()], t.as_ref());
                }
            }
        }
        assert!(events.iter().any(|(_, r)| &source[r.clone()] == "&amp;"));
    }

    #[test]
    fn escapes_are_read_from_the_source() {
        let source = r"\[[x]] [[y]]";
        let run = run(source);
        let first = run.text.find("[[").unwrap();
        let second = run.text.rfind("[[").unwrap();
        assert!(run.is_escaped(source, first));
        assert!(!run.is_escaped(source, second));
    }
}
