//! `briefing import`: turns a paper (the plain-text extraction of a PDF) into
//! a briefing's content files.
//!
//! [`parse`] reads the text into a [`Paper`], [`render`] writes a `Paper` as
//! files, [`glossary::candidates`] proposes draft glossary entries, and
//! [`run`] does all of that for a file on disk, writing nothing unless every
//! step succeeded.
//!
//! The layout the importer reads, and the rules it applies (each tested):
//! - Blocks are separated by blank lines. The lines before `壹、`/`I.` are the
//!   title, the author(s) and their affiliation(s), optionally followed by an
//!   abstract (`摘要`/`提要`/`Abstract` and paragraphs) and keywords (`關鍵詞：`/
//!   `關鍵字：`/`Keywords:`, separated by `、，；,;`).
//! - Headings: `壹、`/`I.` start a section (one file), `一、`/`A.` a `###`,
//!   `（一）` a `####`; each must continue its numbering.
//! - A body paragraph is one line. A note block is `N. text` lines, a wrapped
//!   note continuing on unnumbered lines; its numbering must continue, and
//!   each note must follow its marker. Notes may instead be collected at the
//!   end under `註釋`/`附註`/`Notes`/`Endnotes`: only notes follow that
//!   heading (a block without a number continues the last note), and the
//!   import is the same as with page-bottom notes.
//! - Page furniture: a line that is only a page number (`12`, `- 12 -`,
//!   `第 12 頁`, `Page 12`) standing apart from text (a number among text
//!   lines is a table's cell), a line standing alone that recurs (digits
//!   aside) or repeats the title. Furniture and note blocks are page breaks.
//! - Figures and tables: a caption line (`圖1：…`, `表 2 …`, `Figure 3. …`,
//!   `Table 1: …`), the lines up to its source line (`資料來源：…`,
//!   `Source: …`; a table's flattened cells) and the source line become an
//!   image alone in its paragraph, `![cells](figure-1.png "caption\nsource")`,
//!   for a file the editor adds. Without a source line before the next
//!   heading or caption, the caption stands alone and what follows is body
//!   text. A paragraph a figure interrupted mid-sentence continues after it.
//! - A paragraph continues in the next body text block unless it ended a
//!   sentence (`。！？」』）.?!")”`, or `’` after one of these), whether a
//!   page break, a note block, furniture or only a blank line stood between;
//!   a heading or the end of a section ends it. CJK
//!   meets CJK with no space, Latin words with one; `secu-` + `rity` is
//!   `security` (before a capital or a digit the hyphen stays). In notes, a
//!   hyphen at a line end stays and nothing is inserted (URLs wrap there).
//! - Markers: superscript digits split by the number expected next
//!   (`⁴⁴⁴⁵` → 44, 45), `[12]`/`[12, 13]`, and bare digits right after
//!   punctuation that are exactly the number expected, unless a unit (年, 個,
//!   %…), a letter or more digits follow. One space after a marker is dropped
//!   when CJK text stands on both sides (`。¹ 北京` → `。[^1]北京`); other
//!   spaces stay (`check.¹ The`).
//! - The bio is the first block after the last note block that starts with
//!   `本文作者`, `About the author` or `The author is`; the other language's
//!   title block follows it.
mod authors;
mod body;
mod chars;
mod figures;
pub mod glossary;
mod headings;
mod identity;
mod join;
mod lines;
mod links;
mod markdown;
mod markers;
mod metadata;
mod model;
mod notes;
mod pages;
mod paper;
mod pdf;
mod reimport;
mod render;
mod slug;
pub(crate) mod writer;
mod yaml_list;

pub use headings::{section_name, Level};
pub use model::{Block, Figure, Inline, Language, Paper, Section};
pub use notes::Note;
pub use paper::parse;
pub use reimport::unresolved as unresolved_conflict;
pub use render::render;

use crate::content::model::Date;
use crate::diagnostics::{Diagnostic, Failure};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use writer::{io_error, Plan};

/// What `briefing import` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The paper's text file.
    pub paper: PathBuf,
    /// The site root (the directory containing `content/`).
    pub root: PathBuf,
    /// The briefing's slug; default: made from the English title, else the
    /// paper's file stem (for `<slug>/source.txt`, the folder's name).
    pub slug: Option<String>,
    /// The publication date; papers carry none.
    pub date: Option<Date>,
    /// Replace the files of an earlier import of the same briefing, merging
    /// the editors' changes since then.
    pub force: bool,
    /// On a conflict between the editors' changes and the revised paper,
    /// write conflict markers into the file instead of stopping.
    pub conflict_markers: bool,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// The briefing's directory, `content/briefings/<slug>`.
    pub dir: PathBuf,
    /// Every file written.
    pub files: Vec<PathBuf>,
    /// How many notes the paper has.
    pub notes: usize,
    /// How many sections the paper has.
    pub sections: usize,
    /// Ids of the draft entries appended to content/glossary.yaml.
    pub glossary_added: Vec<String>,
    /// Ids of the draft entries appended to content/authors.yaml.
    pub authors_added: Vec<String>,
    /// Things the editor should check.
    pub warnings: Vec<Diagnostic>,
}

/// Imports `opts.paper` into `opts.root/content/briefings/<slug>/`, appending
/// new glossary candidates to `content/glossary.yaml`. Nothing is written
/// unless the whole paper was understood.
pub fn run(opts: &ImportOptions) -> Result<ImportSummary, Failure> {
    let bytes = read_paper(&opts.paper)?;
    let (paper, source) = if pdf::is_pdf(&bytes) {
        let (paper, text) = parse_pdf(&bytes, &opts.paper)?;
        (paper, text.into_bytes())
    } else {
        let text = decode(&bytes, &opts.paper)?;
        (parse(&text, &opts.paper)?, bytes)
    };
    let slug = slug_of(opts, &paper)?;
    let dir = opts.root.join("content").join("briefings").join(&slug);
    check_inside_content(&opts.root, &dir)?;
    let mut plan = Plan {
        dir: dir.clone(),
        ..Plan::default()
    };
    let date = opts.date.or_else(|| date_of(&dir));
    let existing = existing_files(opts, &dir)?;
    let shown = Path::new("content").join("briefings").join(&slug);
    let base = reimport::base(&dir, &shown, previous_import(&dir, date))?;
    let mut paper = paper;
    let moves = match &base {
        Some(base) => identity::keep(&mut paper, base, &dir, &opts.paper)?,
        None => identity::Moves::new(),
    };
    let generated = generate(&paper, date);
    let mut merged = reimport::merge(
        &dir,
        &shown,
        generated.clone(),
        base.as_ref(),
        &moves,
        opts.conflict_markers,
    );
    let mut carried = reimport::companions(&dir, &merged.moved);
    let new_names: Vec<String> = merged.files.keys().cloned().collect();
    let moved: Vec<(String, String)> = merged.moved.iter().chain(&carried).cloned().collect();
    carried.extend(reimport::make_room(&dir, base.as_ref(), &new_names, &moved));
    let written: Vec<PathBuf> = merged
        .files
        .keys()
        .chain(carried.iter().map(|(_, to)| to))
        .map(|name| dir.join(name))
        .collect();
    let moved_away: Vec<PathBuf> = merged
        .moved
        .iter()
        .chain(&carried)
        .map(|(from, _)| dir.join(from))
        .filter(|p| !written.contains(p))
        .collect();
    let mut dropped = stale(existing, &paper, &written);
    dropped.retain(|name| !moved_away.contains(&dir.join(name)));
    let (removals, conflicts) =
        reimport::removals(&dir, &shown, base.as_ref(), dropped, opts.conflict_markers);
    merged.conflicts.extend(conflicts);
    if merged.conflicts.iter().any(Diagnostic::is_error) {
        return Err(Failure(merged.conflicts));
    }
    plan.removals = removals.into_iter().chain(moved_away).collect();
    for (name, contents) in merged.files {
        plan.writes.push((dir.join(name), contents.into_bytes()));
    }
    for (from, to) in carried {
        let contents =
            fs::read(dir.join(&from)).map_err(|e| io_error(&dir.join(&from), "read", &e))?;
        plan.writes.push((dir.join(to), contents));
    }
    let (record, recorded) = reimport::record(&generated);
    plan.writes.push((dir.join(record), recorded));
    if !same_file(&opts.paper, &dir.join("source.txt")) {
        plan.writes.push((dir.join("source.txt"), source));
    }
    let glossary_added = plan_glossary(opts, &paper, &mut plan)?;
    let authors_added = plan_authors(opts, &paper, &mut plan)?;
    let mut warnings = writer::commit(&plan)?;
    warnings.extend(merged.conflicts);
    warnings.extend(paper.warnings.iter().cloned());
    if date.is_none() {
        warnings.push(Diagnostic::warning(
            dir.join("briefing.yaml"),
            0,
            0,
            "the paper carries no date; set `date:` in briefing.yaml",
        ));
    }
    Ok(ImportSummary {
        dir,
        files: plan
            .writes
            .into_iter()
            .map(|(path, _)| path)
            .filter(|p| !p.ends_with(reimport::BASE_FILE))
            .collect(),
        notes: paper.notes.len(),
        sections: paper.sections.len(),
        glossary_added,
        authors_added,
        warnings,
    })
}

/// Parses the paper's PDF `bytes` (`file` named in diagnostics): its lines
/// read by their geometry into the text layout [`parse`] reads, and parsed
/// by the same rules; a diagnostic names the page and printed line. Returns
/// the paper and the text layout it was read as.
pub fn parse_pdf(bytes: &[u8], file: &Path) -> Result<(Paper, String), Failure> {
    let extraction = pdf::read(bytes, file)?;
    let paper = parse(&extraction.text, file).map_err(|f| extraction.locate(f))?;
    Ok((paper, extraction.text))
}

/// `import --explain`: what each line of the PDF `paper` was taken for, page by page.
pub fn explain(paper: &Path) -> Result<String, Failure> {
    let bytes = read_paper(paper)?;
    if !pdf::is_pdf(&bytes) {
        return Err(Diagnostic::error(
            paper,
            0,
            0,
            "--explain reads a PDF, and this file is not one",
        )
        .with_hint("pass the paper's PDF; a text paper's lines are read as they stand")
        .into());
    }
    Ok(pdf::read(&bytes, paper)?.explanation())
}

/// `--slug`; else, for `…/<slug>/source.txt`, the directory's name; else one
/// made from the paper's English title; else the paper's file stem.
fn slug_of(opts: &ImportOptions, paper: &Paper) -> Result<String, Diagnostic> {
    let stem = opts.paper.file_stem().and_then(|s| s.to_str());
    let in_place = || {
        let parent = opts.paper.parent()?.file_name()?.to_str()?;
        (stem? == "source").then(|| parent.to_string())
    };
    let from_title = || slug::from_title(paper.meta.title.get("en")?);
    let slug = opts
        .slug
        .clone()
        .or_else(in_place)
        .or_else(from_title)
        .or_else(|| stem.map(str::to_string))
        .unwrap_or_default();
    slug::validate(&slug, &opts.paper)?;
    Ok(slug)
}

/// The largest paper `import` reads: a book-length paper's text is a few MiB.
pub const MAX_PAPER_BYTES: u64 = 16 << 20;

/// The largest PDF `import` reads: a PDF also holds its fonts and images.
pub const MAX_PDF_BYTES: u64 = 256 << 20;

/// Reads the paper, refusing one larger than [`MAX_PAPER_BYTES`] (a PDF:
/// [`MAX_PDF_BYTES`]) without reading more than that (a device such as
/// `/dev/zero` never ends).
fn read_paper(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let mut bytes = Vec::new();
    let mut limit = MAX_PAPER_BYTES;
    fs::File::open(path)
        .and_then(|mut f| {
            (&mut f).take(5).read_to_end(&mut bytes)?;
            if pdf::is_pdf(&bytes) {
                limit = MAX_PDF_BYTES;
            }
            f.take(limit + 1 - bytes.len() as u64)
                .read_to_end(&mut bytes)
        })
        .map_err(|e| io_error(path, "read", &e))?;
    if bytes.len() as u64 <= limit {
        return usable(path, bytes);
    }
    let (what, hint) = if limit == MAX_PDF_BYTES {
        (
            "the PDF",
            "a paper's PDF is rarely this large: compress its images, or import the paper's text",
        )
    } else {
        (
            "the paper",
            "check that PAPER is the paper's PDF or the text extracted from it",
        )
    };
    Err(Diagnostic::error(
        path,
        0,
        0,
        format!(
            "{what} is larger than {} MiB, far more than a paper's",
            limit >> 20
        ),
    )
    .with_hint(hint))
}

/// The paper's `bytes`, unless they are none, or the file is named like a
/// PDF but is not one (a damaged download, read as text, would be reported
/// as invalid text).
fn usable(path: &Path, bytes: Vec<u8>) -> Result<Vec<u8>, Diagnostic> {
    let named_pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let problem = if bytes.is_empty() {
        "the paper is empty (0 bytes)"
    } else if named_pdf && !pdf::is_pdf(&bytes) {
        "the file is named like a PDF but is not one: it does not start with `%PDF-`"
    } else {
        return Ok(bytes);
    };
    Err(Diagnostic::error(path, 0, 0, problem).with_hint(
        "an interrupted download or copy leaves such a file: fetch or export the paper's PDF again (a text paper is named .txt)",
    ))
}

/// The paper as text; invalid UTF-8 and NUL bytes are reported at their line and column.
fn decode(bytes: &[u8], file: &Path) -> Result<String, Diagnostic> {
    let at = |text: &str, offset: usize, message: &str, hint: &str| {
        let (line, column) = crate::diagnostics::line_col(text, offset);
        Diagnostic::error(file, line, column, message).with_hint(hint)
    };
    let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
        let valid = String::from_utf8_lossy(&bytes[..e.utf8_error().valid_up_to()]);
        at(
            &valid,
            valid.len(),
            "the paper is not valid UTF-8 text",
            "save the paper as UTF-8 (the extraction's text export usually offers it)",
        )
    })?;
    match text.find('\0') {
        Some(offset) => Err(at(&text, offset, "the paper contains a NUL byte, which is not text",
            "the extraction is damaged: export the text again, or delete the NUL bytes (tr -d '\\000')")),
        None => Ok(text),
    }
}

/// Refuses a briefing folder that resolves outside `content/` (a symbolic
/// link out of it), so an import or a translation command writes nothing
/// elsewhere.
pub(crate) fn check_inside_content(root: &Path, dir: &Path) -> Result<(), Diagnostic> {
    let real = crate::output::resolved(dir);
    if real.starts_with(crate::output::resolved(&root.join("content"))) {
        return Ok(());
    }
    Err(Diagnostic::error(dir, 0, 0, format!("{} leads outside content/, to {}", dir.display(), real.display()))
        .with_hint("the briefing's folder is a symbolic link: replace it with a real folder, or choose another --slug"))
}

/// The files of an earlier import in `dir` (the paper itself aside);
/// refused without `force`.
fn existing_files(opts: &ImportOptions, dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let existing: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !same_file(&opts.paper, p))
        .collect();
    if !existing.is_empty() && !opts.force {
        return Err(Diagnostic::error(dir, 0, 0, format!("{} already exists", dir.display()))
            .with_hint("pass --force to replace the imported files (translations and other files are kept)"));
    }
    Ok(existing)
}

/// The names of the section files of the paper's language among
/// `existing` that this import does not write (`written`): sections the
/// revised paper dropped (or editors added).
fn stale(existing: Vec<PathBuf>, paper: &Paper, written: &[PathBuf]) -> Vec<String> {
    let suffix = format!(".{}.md", paper.language.code());
    existing
        .into_iter()
        .filter(|p| !written.contains(p))
        .filter_map(|p| Some(p.file_name()?.to_str()?.to_string()))
        .filter(|name| {
            name.len() > 3
                && name.as_bytes()[..2].iter().all(u8::is_ascii_digit)
                && name.ends_with(&suffix)
        })
        .collect()
}

/// What the import of the folder's source.txt (the paper of the previous
/// import) generates: the base of a merge for a folder imported before
/// imports kept a record. None without a source.txt that imports.
fn previous_import(dir: &Path, date: Option<Date>) -> Option<reimport::Generated> {
    let file = dir.join("source.txt");
    let text = decode(&read_paper(&file).ok()?, &file).ok()?;
    Some(generate(&parse(&text, &file).ok()?, date))
}

/// The `date:` of the briefing.yaml in `dir`, if any: a re-import without
/// `--date` keeps it (review R31: it was deleted, and the feed said 1970).
fn date_of(dir: &Path) -> Option<Date> {
    #[derive(serde::Deserialize)]
    struct Dated {
        date: Option<Date>,
    }
    let text = fs::read_to_string(dir.join("briefing.yaml")).ok()?;
    serde_yaml::from_str::<Dated>(&text).ok()?.date
}

/// The files an import of `paper` writes, by name.
fn generate(paper: &Paper, date: Option<Date>) -> reimport::Generated {
    let files = render(paper, date).into_iter();
    files
        .map(|(name, contents)| (name.to_string_lossy().into_owned(), contents))
        .collect()
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Plans the update of content/authors.yaml; returns the ids it adds.
fn plan_authors(
    opts: &ImportOptions,
    paper: &Paper,
    plan: &mut Plan,
) -> Result<Vec<String>, Diagnostic> {
    let file = opts.root.join("content").join("authors.yaml");
    let existing = read_if_exists(&file)?;
    let merged = authors::merge(existing.as_deref(), &file, authors::candidates(paper))?;
    Ok(merged.map_or_else(Vec::new, |(text, added)| {
        plan.writes.push((file, text.into_bytes()));
        added
    }))
}

/// The text of `file`, `None` when it does not exist.
fn read_if_exists(file: &Path) -> Result<Option<String>, Diagnostic> {
    match fs::read_to_string(file) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(file, "read", &e)),
    }
}

/// Plans the glossary update; returns the ids it adds.
fn plan_glossary(
    opts: &ImportOptions,
    paper: &Paper,
    plan: &mut Plan,
) -> Result<Vec<String>, Diagnostic> {
    let file = opts.root.join("content").join("glossary.yaml");
    let existing = read_if_exists(&file)?;
    let merged = glossary::merge(existing.as_deref(), &file, glossary::candidates(paper))?;
    Ok(merged.map_or_else(Vec::new, |m| {
        plan.writes.push((file, m.text.into_bytes()));
        m.added
    }))
}
