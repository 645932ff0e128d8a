//! The targets of a returned XLIFF file as read, and their Markdown. A
//! target is untrusted text: what the translator typed is escaped so that
//! it stays text (in a Markdown unit), and a placeholder's code must be one
//! the export wrote or Markdown markup, never raw HTML the file brought
//! (a `<data>` element is the file's, so anyone can edit it).

use super::export::{BRIEFING_NS, XLIFF_NS};
use super::inline::{escape_text, is_structural, split, title_close, Piece};
use crate::diagnostics::Diagnostic;
use roxmltree::Node;
use std::collections::{BTreeMap, BTreeSet};

/// One `<file>` of the returned XLIFF.
pub struct TargetFile {
    /// Its `b:digest`: the digest of the original section it was exported from.
    pub digest: Option<String>,
    /// Unit id → the target's parts, for every unit with a target.
    pub units: BTreeMap<String, Vec<Part>>,
    /// Unit id → the byte offset of its `<unit>` element, for diagnostics.
    pub at: BTreeMap<String, usize>,
    /// Unit id → its `b:base`: the digest of the target it was exported
    /// with ([`base_digest`]), for every unit exported with one.
    pub bases: BTreeMap<String, String>,
    /// The units whose every segment the translator marked done (`state`
    /// translated, reviewed or final): a target equal to the one exported
    /// as a draft to review is then confirmed, not left unreviewed.
    pub confirmed: BTreeSet<String>,
    /// The byte offset of the `<file>` element, for diagnostics.
    pub offset: usize,
}

impl TargetFile {
    /// Whether it was exported from the original as `current` holds it now
    /// (or names no digest): its units are then `current`'s.
    pub fn exported_from(&self, current: &super::UnitFile) -> bool {
        self.digest.is_none() || self.digest == current.digest
    }
}

/// A piece of a target as read.
pub enum Part {
    /// Text the translator typed.
    Text(String),
    /// A placeholder's code, from the file's `<data>`, with the byte offset
    /// of its `<ph>` for diagnostics.
    Code(String, usize),
}

/// Per `<file>` id, its digest and targets.
pub type Targets = BTreeMap<String, TargetFile>;

/// Reads every `<file>` of the XLIFF document under `root`.
pub fn read(root: Node, at: &dyn Fn(Node, String) -> Diagnostic) -> Result<Targets, Diagnostic> {
    let mut files = Targets::new();
    for file in children(root, "file") {
        let id = file.attribute("id").unwrap_or_default().to_string();
        let digest = file.attribute((BRIEFING_NS, "digest")).map(str::to_string);
        if digest.as_deref().is_some_and(|d| !is_digest(d)) {
            return Err(at(
                file,
                "this file's b:digest is not a digest that `translate export` writes".into(),
            )
            .with_hint("export the briefing again; the digest must be 16 hexadecimal digits"));
        }
        let (mut units, mut places) = (BTreeMap::new(), BTreeMap::new());
        let mut confirmed = BTreeSet::new();
        let mut bases = BTreeMap::new();
        for unit in file.descendants().filter(|n| is(*n, "unit")) {
            if let Some(parts) = unit_target(unit, at)? {
                let id = unit.attribute("id").unwrap_or_default().to_string();
                if let Some(base) = unit.attribute((BRIEFING_NS, "base")) {
                    bases.insert(id.clone(), base.to_string());
                }
                if is_confirmed(unit) {
                    confirmed.insert(id.clone());
                }
                places.insert(id.clone(), unit.range().start);
                units.insert(id, parts);
            }
        }
        let at = places;
        files.insert(
            id,
            TargetFile {
                digest,
                units,
                at,
                bases,
                confirmed,
                offset: file.range().start,
            },
        );
    }
    Ok(files)
}

/// The digest a unit's target is exported with (`b:base`): of its
/// Markdown, placeholders' code and text as they are.
pub fn base_digest(markdown: &str) -> String {
    crate::digest::digest_hex(markdown.as_bytes(), 8)
}

/// The digest of a returned target as [`base_digest`] computes it for an
/// exported one: equal when the translator left the target as it was.
pub fn parts_digest(parts: &[Part]) -> String {
    let raw: String = parts
        .iter()
        .map(|p| match p {
            Part::Text(t) | Part::Code(t, _) => t.as_str(),
        })
        .collect();
    base_digest(&raw)
}

/// Whether every segment of `unit` has a state past `initial`.
fn is_confirmed(unit: Node) -> bool {
    let mut states = children(unit, "segment").map(|s| s.attribute("state"));
    states.all(|state| matches!(state, Some("translated" | "reviewed" | "final")))
}

fn is_digest(d: &str) -> bool {
    d.len() == 16
        && d.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The parts of a unit's targets (its segments' in order); None when it
/// has no target or only white space.
fn unit_target(
    unit: Node,
    at: &dyn Fn(Node, String) -> Diagnostic,
) -> Result<Option<Vec<Part>>, Diagnostic> {
    let data: BTreeMap<&str, String> = unit
        .descendants()
        .filter(|n| is(*n, "data"))
        .map(|d| (d.attribute("id").unwrap_or_default(), text_of(d)))
        .collect();
    let mut parts = Vec::new();
    let mut any = false;
    for segment in children(unit, "segment") {
        if let Some(t) = children(segment, "target").next() {
            read_inline(t, &data, &mut parts, at)?;
            any = true;
        }
    }
    let blank = parts.iter().all(|p| match p {
        Part::Text(t) => t.trim().is_empty(),
        Part::Code(..) => false,
    });
    Ok((any && !blank).then_some(parts))
}

fn is(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace() == Some(XLIFF_NS)
}

fn children<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |n| is(*n, name))
}

fn text_of(node: Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

/// Appends the parts of a target: text, each `<ph>` as its `<data>`,
/// `<mrk>` annotations by their content, `<cp>` as its character.
fn read_inline(
    node: Node,
    data: &BTreeMap<&str, String>,
    parts: &mut Vec<Part>,
    at: &dyn Fn(Node, String) -> Diagnostic,
) -> Result<(), Diagnostic> {
    for child in node.children() {
        if child.is_text() {
            parts.push(Part::Text(child.text().unwrap_or_default().to_string()));
        } else if is(child, "ph") {
            let reference = child.attribute("dataRef").unwrap_or_default();
            let code = data.get(reference).ok_or_else(|| {
                at(child, format!("the placeholder refers to \"{reference}\", which this unit's <originalData> does not hold"))
                    .with_hint("keep the placeholders the exported file had; do not copy them between units")
            })?;
            parts.push(Part::Code(code.clone(), child.range().start));
        } else if is(child, "mrk") {
            read_inline(child, data, parts, at)?;
        } else if is(child, "cp") {
            let hex = child.attribute("hex").unwrap_or_default();
            let c = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
            let c = c.ok_or_else(|| at(child, format!("<cp hex=\"{hex}\"> names no character")))?;
            // A form feed (a PDF's page break) the export wrote as <cp> may
            // come back; other control characters reach no page or feed
            // (review s10 attacker F15: a NUL made the Atom feed unreadable).
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
                return Err(at(
                    child,
                    format!("<cp hex=\"{hex}\"> is a control character, which no page can show"),
                )
                .with_hint("delete it from the target; nothing was imported"));
            }
            parts.push(Part::Text(c.to_string()));
        } else if child.is_element() {
            return Err(at(
                child,
                format!("<{}> is not supported in a target", child.tag_name().name()),
            )
            .with_hint("the exported file only uses <ph>; keep its placeholders as they are"));
        }
    }
    Ok(())
}

/// Whether a unit's text is Markdown (a block, a note, the abstract, a
/// bio) rather than plain text (a title, a name, a keyword).
fn is_markdown(unit_id: &str) -> bool {
    let block = unit_id
        .strip_prefix('b')
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    block || unit_id.starts_with("note-") || unit_id == "abstract" || unit_id.ends_with("-bio")
}

/// The codes of the exported `markdown` texts (the original's, the
/// translation's): the only codes a target may hold besides new Markdown
/// markup.
pub fn exported_codes<'a>(markdown: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    let codes = markdown.into_iter().flat_map(split);
    codes
        .filter_map(|p| match p {
            Piece::Code(c) => Some(c),
            Piece::Text(_) => None,
        })
        .collect()
}

/// The first structural code of `source` (see [`is_structural`]) that the
/// target `parts` do not hold.
pub fn dropped_structure(source: &str, parts: &[Part]) -> Option<String> {
    let kept = |code: &str| {
        parts
            .iter()
            .any(|p| matches!(p, Part::Code(c, _) if c == code))
    };
    split(source).into_iter().find_map(|p| match p {
        Piece::Code(c) if is_structural(&c) && !kept(&c) => Some(c),
        _ => None,
    })
}

/// Markup a translator may add where the export wrote none: emphasis and
/// strikethrough runs, a code span, a backslash escape or an entity, a
/// link's or image's brackets and destination. Not raw HTML, block markers,
/// heading attributes, note references or glossary links, which can carry
/// HTML or attributes (review R4, s10 F1 and F11: `[[id|<img onerror>]]`).
fn is_inline_markup(code: &str) -> bool {
    let mut chars = code.chars();
    match chars.next() {
        Some(c @ ('*' | '_' | '~')) => chars.all(|d| d == c),
        Some('`' | '\\' | '&') => true,
        Some('[') => code == "[",
        Some('!') => code == "![",
        Some(']') => code.starts_with("](") && !code.contains('<'),
        _ => false,
    }
}

/// The text of a unit's target: in a Markdown unit the translator's text
/// escaped so that it shows as typed (review F17: `<b>` or `1991. ` became
/// markup). A code is one the export wrote (in `exported`) or one piece
/// of [`is_inline_markup`]; else the error gives the offset of its
/// placeholder.
pub fn markdown(
    unit_id: &str,
    parts: &[Part],
    exported: &BTreeSet<String>,
) -> Result<String, (usize, String)> {
    let escape = is_markdown(unit_id);
    let mut out = String::new();
    let mut title = None; // the closing delimiter of a link title the text is in
    for part in parts {
        match part {
            Part::Text(text) if escape => {
                let line_start = out.is_empty() || out.ends_with('\n');
                let escaped = escape_text(text, line_start);
                match title {
                    Some(close) => out.push_str(&escaped.replace(close, &format!("\\{close}"))),
                    None => out.push_str(&escaped),
                }
            }
            Part::Text(text) => out.push_str(text),
            Part::Code(code, at) => {
                let markup = is_inline_markup(code)
                    && matches!(split(code).as_slice(), [Piece::Code(c)] if c == code);
                if !markup && !exported.contains(code) {
                    return Err((*at, code.clone()));
                }
                title = match title {
                    Some(close) if !code.starts_with(close) => Some(close),
                    Some(_) => None,
                    None => title_close(code),
                };
                out.push_str(code);
            }
        }
    }
    Ok(out)
}
