//! `briefing translate export SLUG --to LANG`: the briefing as an XLIFF 2.0
//! file. Markdown syntax becomes `<ph>` placeholders whose text is in the
//! unit's `<originalData>`; glossary terms found in a unit's source are
//! annotated with their approved translation (the XLIFF glossary module);
//! each section's file records the digest of the text it was made from.

use super::inline::{self, Piece};
use super::target;
use super::{unit_files, Unit, UnitFile};
use crate::content::model::GlossaryEntry;
use crate::content::{self, Briefing};
use crate::diagnostics::{Diagnostic, Failure};
use crate::translation::{mark, snapshot_path, source_text};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The XLIFF 2.0 core namespace.
pub(super) const XLIFF_NS: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The XLIFF 2.0 glossary module's namespace.
const GLOSSARY_NS: &str = "urn:oasis:names:tc:xliff:glossary:2.0";
/// `briefing`'s own attributes (the briefing's folder, each file's digest).
pub(super) const BRIEFING_NS: &str = "urn:briefing:translation";

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// The site root.
    pub root: PathBuf,
    /// The briefing's folder name.
    pub slug: String,
    /// The language to translate into.
    pub to: String,
    /// The file to write (default: `<root>/<slug>.<to>.xlf`).
    pub output: Option<PathBuf>,
}

/// Writes the XLIFF file and the snapshots of the originals it holds;
/// returns the file's path.
pub fn export(options: &ExportOptions) -> Result<PathBuf, Failure> {
    let briefing = mark::load(&options.root, &options.slug)?;
    check_target(&options.root, &briefing, &options.to)?;
    let glossary = content::load_glossary(&options.root).map_err(Failure)?;
    let entries: Vec<&GlossaryEntry> = glossary.entries.iter().map(|e| &e.value).collect();
    let files = unit_files(&options.root, &briefing, &options.to);
    let xml = document(&briefing, &options.to, &files, &entries);
    let output = options.output.clone().unwrap_or_else(|| {
        options
            .root
            .join(format!("{}.{}.xlf", options.slug, options.to))
    });
    if output.exists() {
        return Err(Diagnostic::error(&output, 0, 0, "this file exists; the export would replace it")
            .with_hint("it may hold a translator's work: move it away, or export with --output to another file")
            .into());
    }
    for (_, original) in briefing.originals() {
        write_new(
            &snapshot_path(&options.root, &crate::translation::digest(original)),
            &source_text(original),
        )?;
    }
    write_new(&output, &xml)?;
    Ok(output)
}

/// The language must be one of the site's, other than the original.
fn check_target(root: &Path, briefing: &Briefing, to: &str) -> Result<(), Diagnostic> {
    let config = content::load_config(root)?;
    let others: Vec<&str> = config
        .languages
        .iter()
        .map(String::as_str)
        .filter(|l| *l != briefing.original)
        .collect();
    if others.contains(&to) {
        return Ok(());
    }
    Err(Diagnostic::error(
        "site.yaml",
        0,
        0,
        format!("\"{to}\" is not a language this briefing can be translated into"),
    )
    .with_hint(format!("choose one of: {}", others.join(", "))))
}

/// Writes `text` to `path` through a temporary file and a rename.
fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::error(path, 0, 0, format!("cannot write {}: {e}", path.display()))
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&temp, text)
        .and_then(|()| std::fs::rename(&temp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            fail(e)
        })
}

/// The whole XLIFF document.
fn document(
    briefing: &Briefing,
    to: &str,
    files: &[UnitFile],
    glossary: &[&GlossaryEntry],
) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"{XLIFF_NS}\" xmlns:gls=\"{GLOSSARY_NS}\" xmlns:b=\"{BRIEFING_NS}\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\" b:briefing=\"{}\">\n",
        escape(&briefing.original),
        escape(to),
        escape(&briefing.slug)
    );
    for file in files {
        let digest = file
            .digest
            .as_ref()
            .map_or(String::new(), |d| format!(" b:digest=\"{}\"", escape(d)));
        let _ = writeln!(
            xml,
            " <file id=\"{}\" original=\"{}\"{digest}>",
            escape(&file.id),
            escape(&file.original)
        );
        let terms = |source: &str| -> Vec<&GlossaryEntry> {
            glossary
                .iter()
                .copied()
                .filter(|e| {
                    !e.draft && e.term(to).is_some() && mentions(e, &briefing.original, source)
                })
                .collect()
        };
        for unit in &file.units {
            xml.push_str(&unit_xml(
                unit,
                &terms(&unit.source),
                (&briefing.original, to),
            ));
        }
        xml.push_str(" </file>\n");
    }
    xml.push_str("</xliff>\n");
    xml
}

/// True when `source` contains the entry's term or an alias in `lang`.
fn mentions(entry: &GlossaryEntry, lang: &str, source: &str) -> bool {
    entry.term(lang).is_some_and(|t| {
        std::iter::once(&t.term)
            .chain(&t.aliases)
            .any(|name| !name.is_empty() && source.contains(name.as_str()))
    })
}

/// The placeholders of one unit: their Markdown, numbered from 1 in the
/// order source then target; a target's code that is also in the source
/// takes the source's number.
#[derive(Default)]
struct Codes(Vec<String>);

impl Codes {
    /// The inline XML of `pieces`; `used` marks source codes already taken
    /// (for a target), `None` for the source itself.
    fn inline(&mut self, pieces: &[Piece], mut used: Option<&mut Vec<bool>>) -> String {
        let mut out = String::new();
        let sources = self.0.len();
        for piece in pieces {
            match piece {
                Piece::Text(text) => out.push_str(&escape_text(text)),
                Piece::Code(code) => {
                    let id = match used.as_deref_mut() {
                        Some(used) => self.reuse(code, sources, used),
                        None => None,
                    }
                    .unwrap_or_else(|| {
                        self.0.push(code.clone());
                        self.0.len()
                    });
                    let keep = match inline::is_structural(code) {
                        true => " canDelete=\"no\"",
                        false => "",
                    };
                    let _ = write!(out, "<ph id=\"{id}\" dataRef=\"d{id}\"{keep}/>");
                }
            }
        }
        out
    }

    fn reuse(&self, code: &str, sources: usize, used: &mut [bool]) -> Option<usize> {
        let i = (0..sources).find(|i| !used[*i] && self.0[*i] == code)?;
        used[i] = true;
        Some(i + 1)
    }
}

fn unit_xml(unit: &Unit, terms: &[&GlossaryEntry], (from, to): (&str, &str)) -> String {
    let mut codes = Codes::default();
    let source = codes.inline(&inline::split(&unit.source), None);
    let mut used = vec![false; codes.0.len()];
    let target = unit
        .target
        .as_ref()
        .map(|t| codes.inline(&inline::split(t), Some(&mut used)));
    // The digest of the target as exported, so that the import tells a
    // target the translator left alone from one they changed.
    let base = unit.target.as_deref().map_or(String::new(), |t| {
        format!(" b:base=\"{}\"", target::base_digest(t))
    });
    let mut xml = format!(
        "  <unit id=\"{}\" xml:space=\"preserve\"{base}>\n",
        escape(&unit.id)
    );
    if !terms.is_empty() {
        xml.push_str("   <gls:glossary>\n");
        for entry in terms {
            let (Some(term), Some(translation)) = (entry.term(from), entry.term(to)) else {
                continue;
            };
            let _ = writeln!(
                xml,
                "    <gls:glossEntry><gls:term source=\"glossary.yaml#{}\">{}</gls:term><gls:translation>{}</gls:translation></gls:glossEntry>",
                escape(&entry.id),
                escape(&term.term),
                escape(&translation.term)
            );
        }
        xml.push_str("   </gls:glossary>\n");
    }
    if target.is_some() && unit.stale {
        xml.push_str("   <notes><note category=\"briefing\">The original changed after this was translated: review the target against the new source.</note></notes>\n");
    }
    if !codes.0.is_empty() {
        xml.push_str("   <originalData>");
        for (i, code) in codes.0.iter().enumerate() {
            let _ = write!(xml, "<data id=\"d{}\">{}</data>", i + 1, escape(code));
        }
        xml.push_str("</originalData>\n");
    }
    // A stale target is a draft: the translator reviews it against the
    // changed source (review R2: it was offered as a finished translation).
    let state = match (&target, unit.stale) {
        (Some(_), false) => "translated",
        _ => "initial",
    };
    let _ = write!(
        xml,
        "   <segment state=\"{state}\">\n    <source>{source}</source>\n"
    );
    if let Some(target) = target {
        let _ = writeln!(xml, "    <target>{target}</target>");
    }
    xml.push_str("   </segment>\n  </unit>\n");
    xml
}

/// Text escaped for XML attribute values (characters XML cannot hold at
/// all, such as a form feed, become U+FFFD).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            c if !is_xml_char(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Text escaped for XML content: a character XML cannot hold (a form feed
/// from a PDF's text, say) is XLIFF's `<cp hex="000C"/>`, which the import
/// turns back into the character.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if !is_xml_char(c) => {
                let _ = write!(out, "<cp hex=\"{:04X}\"/>", u32::from(c));
            }
            c => out.push_str(&escape(&c.to_string())),
        }
    }
    out
}

/// True for a character XML 1.0 documents may contain.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}
