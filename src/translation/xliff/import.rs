//! `briefing translate import FILE.xlf`: the targets of an XLIFF 2.0 file
//! (as `translate export` wrote it, filled by any CAT tool) written back
//! into the briefing's translation files and briefing.yaml, each section
//! recording the digest of the original it was translated from. All or
//! nothing: every file is staged, then swapped in; briefing.yaml is edited
//! in place, so its comments stay.

use super::export::{BRIEFING_NS, XLIFF_NS};
use super::target::{self, TargetFile};
use super::{authors_named, unit_files, Body, UnitFile, AUTHORS_FILE, META_FILE};
use crate::content::model::AuthorEntry;
use crate::content::{self, Briefing, Section};
use crate::diagnostics::{line_col, Diagnostic, Failure};
use crate::import::writer::{commit, Plan};
use crate::translation::{digest, mark, snapshot_path, source_text, Changes};
use crate::yaml_text::{self, Step};
use roxmltree::{Document, Node};
use std::collections::{BTreeMap, BTreeSet};
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

/// The exported file a returned `<file>` (`id`, `target`) translates: the
/// one of that id, else the section whose original is, heading ids and
/// spacing aside, the text it was exported from (its snapshot under
/// `root`; review R34: after `rename-sections` its units were dropped with
/// a warning).
fn matching<'u>(
    root: &Path,
    briefing: &Briefing,
    exported: &'u [UnitFile],
    id: &str,
    target: &TargetFile,
) -> Option<&'u UnitFile> {
    exported.iter().find(|f| f.id == id).or_else(|| {
        let before = crate::translation::snapshot_text(root, target.digest.as_ref()?)?;
        let section = briefing.sections.iter().find(|s| {
            s.files
                .get(&briefing.original)
                .is_some_and(|f| Changes::between(&before, &source_text(f)).is_empty())
        })?;
        let id = format!("{:02}-{}", section.number, section.id);
        exported.iter().find(|f| f.id == id)
    })
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
    let files = target::read(root_el, &at)?;
    let exported = unit_files(root, &briefing, &lang);
    let mut report = ImportReport::default();
    let dir = root.join(mark::briefing_dir(slug));
    let mut plan = Plan {
        dir: dir.clone(),
        ..Plan::default()
    };
    let into = ImportInto {
        root,
        briefing: &briefing,
        lang: &lang,
    };
    let unmatched: Vec<Diagnostic> = files
        .iter()
        .filter(|(id, t)| matching(root, &briefing, &exported, id, t).is_none())
        .map(|(id, t)| {
            let (line, column) = line_col(&text, t.offset);
            Diagnostic::error(file, line, column, format!("the briefing has no section \"{id}\", and none is the text this <file> was exported from"))
                .with_hint("nothing was imported: the section was renamed and changed, or removed; export the briefing again and carry the translation over")
        })
        .collect();
    if !unmatched.is_empty() {
        return Err(Failure(unmatched));
    }
    for (id, target_file) in &files {
        let Some(unit_file) = matching(root, &briefing, &exported, id, target_file) else {
            continue;
        };
        let id = &unit_file.id;
        if id == AUTHORS_FILE {
            let units = resolve(target_file, unit_file, None, &text, file)?;
            if let Some((path, bytes)) = authors_file(root, &briefing, &lang, &units, &mut report)?
            {
                plan.writes.push((root.join(&path), bytes));
                report.files.push(path);
            }
            continue;
        }
        if id == META_FILE {
            let units = resolve(target_file, unit_file, None, &text, file)?;
            if let Some(bytes) = meta_file(root, &briefing, &lang, &units, &mut report)? {
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
            continue;
        };
        let Some(source) = into.exported_source(section, target_file, unit_file, &mut report)
        else {
            continue;
        };
        let units = resolve(target_file, unit_file, Some(&source), &text, file)?;
        let from = into.recorded_from(section, target_file, unit_file, &units, &mut report);
        if let Some(staged) = into.section_file(section, from, &source, &units, &mut report)? {
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
    let bytes = crate::bounded::read(file, MAX_BYTES)
        .map_err(|e| fail(e.to_string()))?
        .ok_or_else(|| fail(format!("it is larger than {} MiB", MAX_BYTES >> 20)))?;
    String::from_utf8(bytes).map_err(|_| fail("it is not UTF-8 text".into()))
}

/// The Markdown of every target of `target_file`, its codes checked
/// against those of what was exported: `unit_file` as it is now and, for a
/// section, the `source` body it was exported from. A metadata unit the
/// export does not write (an `abstract` with no original, say) is an error
/// (review s10 F9: it replaced the English abstract).
fn resolve(
    target_file: &target::TargetFile,
    unit_file: &UnitFile,
    source: Option<&str>,
    text: &str,
    file: &Path,
) -> Result<BTreeMap<String, String>, Diagnostic> {
    let texts = unit_file
        .units
        .iter()
        .flat_map(|u| std::iter::once(u.source.as_str()).chain(u.target.as_deref()));
    let exported = target::exported_codes(texts.chain(source));
    let mut units = BTreeMap::new();
    let mut conflicts = Vec::new();
    let position = |id: &str| line_col(text, target_file.at.get(id).copied().unwrap_or(0));
    for (id, parts) in &target_file.units {
        if source.is_none() && !unit_file.units.iter().any(|u| u.id == *id) {
            let (line, column) = position(id);
            return Err(Diagnostic::error(
                file,
                line,
                column,
                format!(
                    "the export writes no unit \"{id}\" in <file id=\"{}\">",
                    unit_file.id
                ),
            )
            .with_hint("import the units of the exported file only; nothing was imported"));
        }
        let as_exported = target_file.exported_from(unit_file);
        let source = unit_file.units.iter().find(|u| u.id == *id && as_exported);
        if let Some(code) = source.and_then(|u| target::dropped_structure(&u.source, parts)) {
            let (line, column) = position(id);
            return Err(Diagnostic::error(
                file,
                line,
                column,
                format!("the target of unit {id} drops the placeholder of `{}`, which gives the block its structure", code.trim()),
            )
            .with_hint("keep every placeholder marked canDelete=\"no\"; nothing was imported"));
        }
        let markdown = target::markdown(id, parts, &exported).map_err(|(at, code)| {
            let (line, column) = line_col(text, at);
            Diagnostic::error(
                file,
                line,
                column,
                format!("this placeholder's code `{code}` is not one the export wrote, and a translation may add only Markdown markup, not HTML"),
            )
            .with_hint("use the placeholders of the exported file; nothing was imported")
        })?;
        match merged(target_file, unit_file, id, parts, markdown) {
            Some(markdown) => {
                units.insert(id.clone(), markdown);
            }
            None => conflicts.push(id.as_str()),
        }
    }
    if let Some(first) = conflicts.first() {
        let (line, column) = position(first);
        return Err(Diagnostic::error(
            file,
            line,
            column,
            format!("the translation changed after this file was exported, and the file changes it too: {} {}", if conflicts.len() == 1 { "unit" } else { "units" }, conflicts.join(", ")),
        )
        .with_hint("nothing was imported; export again and carry the translator's work over, or undo the later edit"));
    }
    Ok(units)
}

/// The text to import for unit `id`: the returned target `theirs`, unless
/// the translator left it as exported while the translation changed since
/// (then the translation as it is now: review s10 F27, importing an
/// untouched file reverted editors' later edits). None when both changed it,
/// differently.
fn merged(
    target_file: &target::TargetFile,
    unit_file: &UnitFile,
    id: &str,
    parts: &[target::Part],
    theirs: String,
) -> Option<String> {
    let base = target_file.bases.get(id);
    let ours = unit_file.units.iter().find(|u| u.id == id);
    let ours = ours.and_then(|u| u.target.as_ref());
    let (Some(base), Some(ours), true) = (base, ours, target_file.exported_from(unit_file)) else {
        return Some(theirs);
    };
    let untouched = target::parts_digest(parts) == *base;
    let edited = target::base_digest(ours) != *base;
    match (untouched, edited) {
        (true, _) => Some(ours.clone()),
        (false, false) => Some(theirs),
        (false, true) => (*ours == theirs).then_some(theirs),
    }
}

/// The ids of the units exported with a stale target (the translation of
/// the original before it changed) that came back unchanged and not
/// marked done: the section is not translated from the current original
/// (review R2: importing the file untouched marked it current). A unit the
/// translator set to `translated` (or later) confirms the old target still
/// holds (review s10 F13: there was no way to say so).
fn unconfirmed(
    exported: &UnitFile,
    returned: &BTreeMap<String, String>,
    confirmed: &BTreeSet<String>,
) -> Vec<String> {
    let stale = exported.units.iter().filter(|u| u.stale);
    stale
        .filter(|u| u.target.is_some() && returned.get(&u.id) == u.target.as_ref())
        .filter(|u| !confirmed.contains(&u.id))
        .map(|u| u.id.clone())
        .collect()
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

/// The new text of briefing.yaml, or None when no field has a target.
fn meta_file(
    root: &Path,
    briefing: &Briefing,
    lang: &str,
    units: &BTreeMap<String, String>,
    report: &mut ImportReport,
) -> Result<Option<Vec<u8>>, Diagnostic> {
    let file = &briefing.meta_file;
    let mut text = crate::content::read_text(root, file)?;
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

/// content/authors.yaml with the translated fields of the authors the
/// briefing names by id (units `<author id>-<field>`), if any changed.
fn authors_file(
    root: &Path,
    briefing: &Briefing,
    lang: &str,
    units: &BTreeMap<String, String>,
    report: &mut ImportReport,
) -> Result<Option<(PathBuf, Vec<u8>)>, Failure> {
    use crate::content::catalog::{self, Record};
    let config = crate::content::load_config(root)?;
    let records = catalog::load(root, &config).map_err(Failure)?.authors;
    let file = &records.file;
    let mut text = crate::content::read_text(root, file)?;
    let named: Vec<&AuthorEntry> = authors_named(briefing, &records.entries).collect();
    let mut changed = false;
    for (id, target) in units {
        let found = named.iter().find_map(|entry| {
            let field = id.strip_prefix(entry.id.as_str())?.strip_prefix('-')?;
            let (_, now) = entry.localized().into_iter().find(|(f, _)| *f == field)?;
            let item = records
                .entries
                .iter()
                .position(|e| e.value.id == entry.id)?;
            // A target that is the value already leaves the file as written.
            (now.get(lang) != Some(target)).then_some((item, field))
        });
        let Some((item, field)) = found else { continue };
        let steps = [Step::Item(item), Step::Key(field), Step::Key(lang)];
        text = set(file, &text, &steps, &json(target))?;
        changed = true;
        report.units += 1;
    }
    Ok(changed.then(|| (file.clone(), text.into_bytes())))
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
        "series" => Some(vec![OwnedStep::Key("series")]),
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
    yaml_text::set(text, steps, value).map_err(|unset| {
        let (line, col) = crate::diagnostics::line_col(text, unset.at);
        Diagnostic::error(
            file,
            line,
            col,
            format!("cannot write the translation into this file: {}", unset.why),
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
    /// The digest the imported section records as translated from: the
    /// exported file's, unless units exported as stale drafts came back
    /// unchanged; then (with a warning) the translation's current record,
    /// so it stays outdated.
    fn recorded_from<'f>(
        &'f self,
        section: &'f Section,
        target_file: &'f target::TargetFile,
        unit_file: &UnitFile,
        units: &BTreeMap<String, String>,
        report: &mut ImportReport,
    ) -> Option<&'f str> {
        let ids = match target_file.exported_from(unit_file) {
            true => unconfirmed(unit_file, units, &target_file.confirmed),
            false => Vec::new(),
        };
        if ids.is_empty() {
            return target_file.digest.as_deref();
        }
        let existing = section.files.get(self.lang)?;
        report.warnings.push(
            Diagnostic::warning(
                &existing.path,
                0,
                0,
                format!("section \"{}\" stays outdated: units {} still hold the translation of the text before the original changed", section.id, ids.join(", ")),
            )
            .with_hint("translate those units (their state is \"initial\" in the exported file) and import again"),
        );
        existing.front.translated_from.as_deref()
    }

    /// The body of the original `section` as it was when exported with
    /// `digest`: as it is now, or its snapshot when it has changed since,
    /// so that units map onto the paragraphs they translate (review R5:
    /// they were mapped by position onto the changed text). None, with a
    /// warning, when that snapshot is gone.
    fn exported_source(
        &self,
        section: &Section,
        target_file: &target::TargetFile,
        unit_file: &UnitFile,
        report: &mut ImportReport,
    ) -> Option<String> {
        let original = &section.files[&self.briefing.original];
        let changed = target_file.digest.as_deref();
        let Some(from) = changed.filter(|_| !target_file.exported_from(unit_file)) else {
            return Some(original.body.clone());
        };
        let body = crate::translation::snapshot(self.root, from).map(|(_, body)| body);
        if body.is_none() {
            report.warnings.push(
                Diagnostic::warning(
                    &original.path,
                    0,
                    0,
                    format!("not imported: section \"{}\" changed since this file was exported, and its text then is not kept ({} is missing)", section.id, snapshot_path(Path::new(""), from).display()),
                )
                .with_hint("export the briefing again and hand the new file to the translator"),
            );
        }
        body
    }

    /// The section's translation written from its units, recording `from`
    /// (the digest it was exported with); None when no unit of it has a
    /// translation, or (with a warning) when a block has none.
    fn section_file(
        &self,
        section: &Section,
        from: Option<&str>,
        source: &str,
        units: &BTreeMap<String, String>,
        report: &mut ImportReport,
    ) -> Result<Option<Staged>, Diagnostic> {
        let original = &section.files[&self.briefing.original];
        let path = original.path.with_file_name(format!(
            "{:02}-{}.{}.md",
            section.number, section.id, self.lang
        ));
        let Some(mut body) = translated_body(source, units, &path, &section.id, report) else {
            return Ok(None);
        };
        report.units += units.len();
        let existing = section.files.get(self.lang);
        if let Some(file) = existing {
            keep_own_notes(&mut body, source, &file.body);
        }
        let title = units
            .get("title")
            .or(existing.map(|f| &f.front.title))
            .unwrap_or(&original.front.title);
        let current = digest(original);
        let from = from.unwrap_or(&current);
        let text = match existing {
            Some(file) => crate::content::read_text(self.root, &file.path)?,
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
