//! `briefing translate import FILE.xlf`: the targets of an XLIFF 2.0 file
//! (as `translate export` wrote it, filled by any CAT tool) written back
//! into the briefing's translation files and briefing.yaml, each section
//! recording the digest of the original it was translated from. All or
//! nothing: every file is staged, then swapped in; briefing.yaml is edited
//! in place, so its comments stay.

use super::export::{BRIEFING_NS, XLIFF_NS};
use super::inline::escape_text;
use super::{Body, META_FILE};
use crate::content::{self, Briefing, Section};
use crate::diagnostics::{line_col, Diagnostic, Failure};
use crate::import::writer::{commit, Plan};
use crate::translation::{digest, mark, snapshot_path, source_text};
use crate::yaml_text::{self, Step};
use roxmltree::{Document, Node};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What an import wrote.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// The files written, relative to the root.
    pub files: Vec<PathBuf>,
    /// Units whose target was imported.
    pub units: usize,
    /// Sections or fields left as they were, and why.
    pub warnings: Vec<Diagnostic>,
}

/// The largest XLIFF file read.
const MAX_BYTES: u64 = 64 << 20;

/// The deepest nesting of elements read: far more than any XLIFF a tool
/// writes, far less than what would exhaust the stack while parsing.
const MAX_DEPTH: usize = 256;

/// Refuses elements nested deeper than [`MAX_DEPTH`], at the first one, by
/// a scan of the tags (before any parser recurses into them).
fn check_depth(text: &str, file: &Path) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    for (at, _) in text.match_indices('<') {
        let rest = &text[at + 1..];
        if rest.starts_with('/') {
            depth = depth.saturating_sub(1);
        } else if !rest.starts_with(['!', '?']) {
            let end = rest.find('>').unwrap_or(rest.len());
            if !rest[..end].ends_with('/') {
                depth += 1;
            }
        }
        if depth > MAX_DEPTH {
            let (line, column) = line_col(text, at);
            return Err(Diagnostic::error(
                file,
                line,
                column,
                format!("elements are nested more than {MAX_DEPTH} deep here"),
            )
            .with_hint("no translation tool writes such a file: export the briefing again"));
        }
    }
    Ok(())
}

/// Imports the translation in `file` into the site at `root`.
pub fn import(root: &Path, file: &Path) -> Result<ImportReport, Failure> {
    let text = read(file)?;
    check_depth(&text, file)?;
    let doc = Document::parse(&text).map_err(|e| {
        let pos = e.pos();
        Diagnostic::error(
            file,
            pos.row as usize,
            pos.col as usize,
            format!("this is not well-formed XML: {e}"),
        )
        .with_hint("export the file again, or check what the translation tool saved")
    })?;
    let at = |node: Node, message: String| {
        let (line, column) = line_col(&text, node.range().start);
        Diagnostic::error(file, line, column, message)
    };
    let root_el = doc.root_element();
    if root_el.tag_name().namespace() != Some(XLIFF_NS)
        || root_el.attribute("version") != Some("2.0")
    {
        return Err(at(root_el, "this is not an XLIFF 2.0 file".into())
            .with_hint("export it with `briefing translate export`")
            .into());
    }
    let slug = root_el
        .attribute((BRIEFING_NS, "briefing"))
        .ok_or_else(|| {
            at(
                root_el,
                "this file does not say which briefing it translates (b:briefing)".into(),
            )
            .with_hint("import a file that `briefing translate export` wrote")
        })?;
    let briefing = mark::load(root, slug)?;
    let config = crate::content::load_config(root)?;
    let lang = languages(&briefing, &config.languages, root_el, &at)?;
    let files = targets(root_el, &at)?;
    let mut report = ImportReport::default();
    let dir = root.join(mark::briefing_dir(slug));
    let mut plan = Plan {
        dir: dir.clone(),
        ..Plan::default()
    };
    for (id, (digest_attr, units)) in &files {
        if id == META_FILE {
            let meta = meta_file(root, &briefing, &lang, units, &mut report)?;
            if let Some(bytes) = meta {
                plan.writes.push((root.join(&briefing.meta_file), bytes));
                report.files.push(briefing.meta_file.clone());
            }
            continue;
        }
        let Some(section) = briefing
            .sections
            .iter()
            .find(|s| format!("{:02}-{}", s.number, s.id) == *id)
        else {
            report.warnings.push(Diagnostic::warning(
                file,
                0,
                0,
                format!("the briefing has no section \"{id}\"; its units were not imported"),
            ));
            continue;
        };
        let into = ImportInto {
            root,
            briefing: &briefing,
            lang: &lang,
        };
        if let Some(staged) =
            into.section_file(section, digest_attr.as_deref(), units, &mut report)?
        {
            plan.writes.push((root.join(&staged.path), staged.text));
            plan.writes.extend(staged.snapshot);
            report.files.push(staged.path);
        }
    }
    if report.files.is_empty() {
        return Err(Diagnostic::error(
            file,
            0,
            0,
            "no unit of this file has a translation to import",
        )
        .with_hint("fill in the <target> of each unit in a translation tool, then import again")
        .into());
    }
    report.warnings.extend(commit(&plan)?);
    Ok(report)
}

fn read(file: &Path) -> Result<String, Diagnostic> {
    let fail = |e: String| Diagnostic::error(file, 0, 0, format!("cannot read this file: {e}"));
    let meta = std::fs::metadata(file).map_err(|e| fail(e.to_string()))?;
    if meta.len() > MAX_BYTES {
        return Err(fail(format!("it is larger than {} MiB", MAX_BYTES >> 20)));
    }
    String::from_utf8(std::fs::read(file).map_err(|e| fail(e.to_string()))?)
        .map_err(|_| fail("it is not UTF-8 text".into()))
}

/// The target language, after checking both languages against the briefing.
fn languages(
    briefing: &Briefing,
    site: &[String],
    root: Node,
    at: &dyn Fn(Node, String) -> Diagnostic,
) -> Result<String, Diagnostic> {
    let src = root.attribute("srcLang").unwrap_or_default();
    if src != briefing.original {
        return Err(at(
            root,
            format!(
                "the file translates from \"{src}\", but the briefing is written in \"{}\"",
                briefing.original
            ),
        ));
    }
    match root.attribute("trgLang") {
        Some(lang) if lang != src && site.iter().any(|l| l == lang) => Ok(lang.to_string()),
        Some(lang) if lang != src && !lang.is_empty() => Err(at(
            root,
            format!(
                "the file translates into \"{lang}\", which is not one of the site's languages"
            ),
        )
        .with_hint(format!("site.yaml lists: {}", site.join(", ")))),
        _ => Err(
            at(root, "the file names no target language (trgLang)".into())
                .with_hint("export it with `briefing translate export SLUG --to LANG`"),
        ),
    }
}

/// Per `<file>` id: its digest attribute and (unit id → target text) of
/// every unit that has a target.
type Targets = BTreeMap<String, (Option<String>, BTreeMap<String, String>)>;

fn targets(root: Node, at: &dyn Fn(Node, String) -> Diagnostic) -> Result<Targets, Diagnostic> {
    let mut files = Targets::new();
    for file in children(root, "file") {
        let id = file.attribute("id").unwrap_or_default().to_string();
        let digest = file.attribute((BRIEFING_NS, "digest")).map(str::to_string);
        if digest.as_deref().is_some_and(|d| {
            d.len() != 16
                || !d
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }) {
            return Err(at(
                file,
                "this file's b:digest is not a digest that `translate export` writes".into(),
            )
            .with_hint("export the briefing again; the digest must be 16 hexadecimal digits"));
        }
        let mut units = BTreeMap::new();
        for unit in file.descendants().filter(|n| is(*n, "unit")) {
            let data: BTreeMap<&str, String> = unit
                .descendants()
                .filter(|n| is(*n, "data"))
                .map(|d| (d.attribute("id").unwrap_or_default(), text_of(d)))
                .collect();
            let segments: Vec<Node> = children(unit, "segment").collect();
            let mut target = String::new();
            let mut any = false;
            let unit_id = unit.attribute("id").unwrap_or_default();
            let markdown = is_markdown(unit_id);
            for segment in segments {
                if let Some(t) = children(segment, "target").next() {
                    inline(t, &data, markdown, &mut target, at)?;
                    any = true;
                }
            }
            if any && !target.trim().is_empty() {
                units.insert(unit_id.to_string(), target);
            }
        }
        files.insert(id, (digest, units));
    }
    Ok(files)
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

/// Whether a unit's text is Markdown (a block, a note, the abstract, a
/// bio) rather than plain text (a title, a name, a keyword).
fn is_markdown(unit_id: &str) -> bool {
    let block = unit_id
        .strip_prefix('b')
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    block || unit_id.starts_with("note-") || unit_id == "abstract" || unit_id.ends_with("-bio")
}

/// Appends a target's text to `out`: each `<ph>` replaced by its original
/// data, `<mrk>` annotations by their content, `<cp>` by its character;
/// in a `markdown` unit the translator's text escaped so that it shows as
/// typed (review F17: `<b>` or `1991. ` became markup).
fn inline(
    node: Node,
    data: &BTreeMap<&str, String>,
    markdown: bool,
    out: &mut String,
    at: &dyn Fn(Node, String) -> Diagnostic,
) -> Result<(), Diagnostic> {
    for child in node.children() {
        if child.is_text() {
            let text = child.text().unwrap_or_default();
            match markdown {
                true => {
                    let line_start = out.is_empty() || out.ends_with('\n');
                    out.push_str(&escape_text(text, line_start));
                }
                false => out.push_str(text),
            }
        } else if is(child, "ph") {
            let reference = child.attribute("dataRef").unwrap_or_default();
            let code = data.get(reference).ok_or_else(|| {
                at(child, format!("the placeholder refers to \"{reference}\", which this unit's <originalData> does not hold"))
                    .with_hint("keep the placeholders the exported file had; do not copy them between units")
            })?;
            out.push_str(code);
        } else if is(child, "mrk") {
            inline(child, data, markdown, out, at)?;
        } else if is(child, "cp") {
            let hex = child.attribute("hex").unwrap_or_default();
            let c = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
            out.push(c.ok_or_else(|| at(child, format!("<cp hex=\"{hex}\"> names no character")))?);
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

/// The new text of briefing.yaml, or None when no field has a target.
fn meta_file(
    root: &Path,
    briefing: &Briefing,
    lang: &str,
    units: &BTreeMap<String, String>,
    report: &mut ImportReport,
) -> Result<Option<Vec<u8>>, Diagnostic> {
    let file = &briefing.meta_file;
    let mut text = std::fs::read_to_string(root.join(file))
        .map_err(|e| Diagnostic::error(file, 0, 0, format!("cannot read this file: {e}")))?;
    let mut changed = false;
    let mut keywords = Vec::new();
    for (id, target) in units {
        if id.starts_with("keywords-") {
            keywords.push((
                id.trim_start_matches("keywords-")
                    .parse::<usize>()
                    .unwrap_or(0),
                target.clone(),
            ));
            continue;
        }
        let Some(path) = meta_path(id) else { continue };
        let mut steps: Vec<Step> = path.iter().map(|s| s.step()).collect();
        steps.push(Step::Key(lang));
        text = set(file, &text, &steps, &json(target))?;
        changed = true;
        report.units += 1;
    }
    let originals = briefing
        .meta
        .keywords
        .get(&briefing.original)
        .map_or(0, Vec::len);
    if !keywords.is_empty() && keywords.len() < originals {
        report.warnings.push(Diagnostic::warning(
            file,
            0,
            0,
            format!("not imported: {} of the {originals} keywords have no translation yet; the {lang} keywords stay as they were", originals - keywords.len()),
        ));
        keywords.clear();
    }
    if !keywords.is_empty() {
        keywords.sort();
        report.units += keywords.len();
        let mut list: Vec<String> = keywords.into_iter().map(|(_, k)| k).collect();
        // Keywords the translation has beyond the original's are its own.
        let current = briefing
            .meta
            .keywords
            .get(lang)
            .cloned()
            .unwrap_or_default();
        list.extend(current.into_iter().skip(originals));
        let value = serde_json::to_string(&list).unwrap_or_default();
        text = set(
            file,
            &text,
            &[Step::Key("keywords"), Step::Key(lang)],
            &value,
        )?;
        changed = true;
    }
    Ok(changed.then(|| text.into_bytes()))
}

/// One step of a metadata unit's path, owned.
enum OwnedStep {
    Key(&'static str),
    Item(usize),
}

impl OwnedStep {
    fn step(&self) -> Step<'_> {
        match self {
            OwnedStep::Key(k) => Step::Key(k),
            OwnedStep::Item(i) => Step::Item(*i),
        }
    }
}

/// The path in briefing.yaml of a metadata unit (`title`, `author-0-bio`).
fn meta_path(id: &str) -> Option<Vec<OwnedStep>> {
    match id {
        "title" => Some(vec![OwnedStep::Key("title")]),
        "abstract" => Some(vec![OwnedStep::Key("abstract")]),
        _ => {
            let rest = id.strip_prefix("author-")?;
            let (n, field) = rest.split_once('-')?;
            let field = ["name", "affiliation", "bio"]
                .into_iter()
                .find(|f| *f == field)?;
            Some(vec![
                OwnedStep::Key("authors"),
                OwnedStep::Item(n.parse().ok()?),
                OwnedStep::Key(field),
            ])
        }
    }
}

fn set(file: &Path, text: &str, steps: &[Step], value: &str) -> Result<String, Diagnostic> {
    yaml_text::set(text, steps, value).map_err(|why| {
        Diagnostic::error(
            file,
            0,
            0,
            format!("cannot write the translation into this file: {why}"),
        )
        .with_hint("nothing was written; fix briefing.yaml and import again")
    })
}

/// A string as a YAML double-quoted scalar (JSON's syntax is YAML's).
fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// Where section units are imported: the site, the briefing, the language.
struct ImportInto<'a> {
    root: &'a Path,
    briefing: &'a Briefing,
    lang: &'a str,
}

/// A section file to write, and the snapshot of its original.
struct Staged {
    /// Relative to the root.
    path: PathBuf,
    text: Vec<u8>,
    snapshot: Option<(PathBuf, Vec<u8>)>,
}

impl ImportInto<'_> {
    /// The section's translation written from its units, recording `from`
    /// (the digest it was exported with); None when no unit of it has a
    /// translation, or (with a warning) when a block has none.
    fn section_file(
        &self,
        section: &Section,
        from: Option<&str>,
        units: &BTreeMap<String, String>,
        report: &mut ImportReport,
    ) -> Result<Option<Staged>, Diagnostic> {
        let original = &section.files[&self.briefing.original];
        let path = original.path.with_file_name(format!(
            "{:02}-{}.{}.md",
            section.number, section.id, self.lang
        ));
        let Some(mut body) = translated_body(&original.body, units, &path, &section.id, report)
        else {
            return Ok(None);
        };
        report.units += units.len();
        let existing = section.files.get(self.lang);
        if let Some(file) = existing {
            keep_own_notes(&mut body, &original.body, &file.body);
        }
        let title = units
            .get("title")
            .or(existing.map(|f| &f.front.title))
            .unwrap_or(&original.front.title);
        let current = digest(original);
        let from = from.unwrap_or(&current);
        let text = match existing {
            Some(file) => std::fs::read_to_string(self.root.join(&file.path)).map_err(|e| {
                Diagnostic::error(&file.path, 0, 0, format!("cannot read this file: {e}"))
            })?,
            None => "---\ntitle: \"\"\n---\n".to_string(),
        };
        let text = content::set_field(&text, "title", &json(title))
            .and_then(|t| content::set_field(&t, "translated_from", from))
            .and_then(|t| content::replace_body(&t, &body.to_markdown()))
            .ok_or_else(|| {
                Diagnostic::error(&path, 1, 1, "this section file has no front matter")
                    .with_hint("start the file with three lines: `---`, `title: …`, `---`")
            })?;
        let snapshot = (from == current).then(|| {
            (
                snapshot_path(self.root, from),
                source_text(original).into_bytes(),
            )
        });
        Ok(Some(Staged {
            path,
            text: text.into_bytes(),
            snapshot,
        }))
    }
}

/// Adds to `body` the notes the existing translation `translation` defines
/// and the original `source` does not (a translator's note): they were not
/// exported, so the import must not drop them.
fn keep_own_notes(body: &mut Body, source: &str, translation: &str) {
    let source = Body::of(source);
    let own = Body::of(translation)
        .notes
        .into_iter()
        .filter(|(label, _)| !source.notes.iter().any(|(l, _)| l == label));
    body.notes.extend(own);
}

/// The translated body of an original `source` body from its units: None
/// when no block has a target, or when some do not (with a warning).
fn translated_body(
    source: &str,
    units: &BTreeMap<String, String>,
    path: &Path,
    section: &str,
    report: &mut ImportReport,
) -> Option<Body> {
    let source = Body::of(source);
    let blocks: Vec<Option<&String>> = (0..source.blocks.len())
        .map(|i| units.get(&format!("b{i}")))
        .collect();
    if blocks.iter().all(Option::is_none) {
        return None;
    }
    let missing: Vec<String> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.is_none())
        .map(|(i, _)| format!("b{i}"))
        .collect();
    if !missing.is_empty() {
        report.warnings.push(Diagnostic::warning(
            path,
            0,
            0,
            format!(
                "not imported: units {} of section \"{section}\" have no translation yet",
                missing.join(", ")
            ),
        ));
        return None;
    }
    Some(Body {
        blocks: blocks.into_iter().flatten().cloned().collect(),
        notes: source
            .notes
            .iter()
            .filter_map(|(label, _)| {
                Some((label.clone(), units.get(&format!("note-{label}"))?.clone()))
            })
            .collect(),
    })
}
