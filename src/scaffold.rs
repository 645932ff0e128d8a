//! `briefing new <slug>`: a new briefing folder with a commented
//! briefing.yaml and a first section in every language of the site. What it
//! writes loads and builds as it is (it is a draft until the editor removes
//! `draft: true`), and it never overwrites anything.

use crate::content::{
    self,
    model::{Date, SiteConfig},
};
use crate::diagnostics::{Diagnostic, Failure};
use crate::i18n::Script;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Creates content/briefings/<slug>/ under `root`, dated `date` (default:
/// today); returns the files written (relative to the root).
pub fn new_briefing(root: &Path, slug: &str, date: Option<Date>) -> Result<Vec<PathBuf>, Failure> {
    let date = date.unwrap_or_else(Date::today);
    let dir = Path::new("content").join("briefings").join(slug);
    if !content::is_slug(slug) {
        return Err(Diagnostic::error(
            &dir,
            0,
            0,
            format!("\"{slug}\" cannot be used as a briefing's folder name and URL"),
        )
        .with_hint("use lowercase ASCII letters, digits and '-', e.g. central-asia-2024")
        .into());
    }
    let config = content::load_config(root)?;
    let parent = root.join("content").join("briefings");
    fs::create_dir_all(&parent).map_err(|e| write_error(&dir, &e))?;
    fs::create_dir(root.join(&dir)).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Diagnostic::error(
            &dir,
            0,
            0,
            "this briefing already exists; nothing was written",
        )
        .with_hint("choose another slug, or edit the existing files"),
        _ => write_error(&dir, &e),
    })?;
    let mut files = vec![(
        dir.join("briefing.yaml"),
        briefing_yaml(&config, slug, date),
    )];
    files.extend(config.languages.iter().map(|lang| {
        let name = format!("01-introduction.{lang}.md");
        (
            dir.join(name),
            section(lang, lang == &config.default_language),
        )
    }));
    for (i, (path, text)) in files.iter().enumerate() {
        if let Err(e) = create_new(&root.join(path), text) {
            // Take back what this call wrote, so a retry starts clean.
            files[..i]
                .iter()
                .for_each(|(p, _)| drop(fs::remove_file(root.join(p))));
            let _ = fs::remove_dir(root.join(&dir));
            return Err(write_error(path, &e).into());
        }
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// briefing.yaml: the title per language and the date, the optional fields
/// commented out.
fn briefing_yaml(config: &SiteConfig, slug: &str, date: Date) -> String {
    let per_lang = |value: &str| {
        let pairs: Vec<String> = config
            .languages
            .iter()
            .map(|l| format!("{l}: {value}"))
            .collect();
        format!("{{ {} }}", pairs.join(", "))
    };
    let titles: String = config
        .languages
        .iter()
        .map(|l| format!("  {l}: \"{slug}\"\n"))
        .collect();
    format!(
        "# The briefing's metadata. Only `title` is required; uncomment what you need.\n\
         # Every text is given per language; a missing language falls back to {default}.\n\
         title:\n{titles}\
         # authors:\n\
         #   - name: {name}\n\
         #     affiliation: {name}\n\
         #     bio: {name}\n\
         date: {date}   # YYYY-MM-DD, the publication date\n\
         # keywords: {keywords}\n\
         # abstract: {name}\n\
         # series: {name}   # cited with the report number\n\
         # report_number: \"…\"\n\
         # doi: 10.…/…\n\
         # Drafts are built only by `briefing build --drafts` and `briefing serve --drafts`;\n\
         # delete this line to publish.\n\
         draft: true\n",
        default = config.default_language,
        name = per_lang("\"…\""),
        keywords = per_lang("[…]"),
    )
}

/// The first section in `lang`; the original (default) language defines the
/// example note, translations reference it without repeating it.
fn section(lang: &str, original: bool) -> String {
    let chinese = Script::of_language(lang) == Script::Chinese;
    let title = if chinese { "前言" } else { "Introduction" };
    let front = format!(
        "---\n\
         # The section's heading. The file name gives its order (01) and its id\n\
         # (introduction); add sections as 02-<name>.{lang}.md and so on.\n\
         title: {title}\n\
         ---\n\n"
    );
    let body = match (chinese, original) {
        (true, true) => "在此以 Markdown 撰寫本節。小節以「### 標題」開頭。\n引用文獻時加上註腳。[^1]\n\n[^1]: 註釋內容。註號依全文閱讀順序自動編號。\n",
        (true, false) => "在此撰寫本節的譯文。原文定義的註腳可直接引用而不必重複。[^1]\n",
        (false, true) => "Write this section in Markdown. Sub-sections start with `### Heading`.\nCite a source with a footnote.[^1]\n\n[^1]: The note's text. Notes are numbered in reading order across the briefing.\n",
        (false, false) => "Write the translation of this section here. It may reference the\noriginal's notes without repeating them.[^1]\n",
    };
    front + body
}

fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(text.as_bytes())
}

fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(path, 0, 0, format!("cannot create this: {e}"))
        .with_hint("check that content/ is writable")
}
