//! The `briefing` command line: parses arguments, calls the library, prints
//! diagnostics and maps the outcome to an exit code (0 ok, 1 errors in the
//! input, 2 usage problems).

use briefing::build::{self, BuildOptions};
use briefing::content::model::Date;
use briefing::diagnostics::{color_wanted, Diagnostic, Failure, Frames};
use briefing::import::{self, ImportOptions};
use briefing::scaffold;
use briefing::serve::{self, ServeOptions};
use briefing::status;
use briefing::translation::mark::{mark, MarkOptions};
use briefing::translation::xliff::{self, ExportOptions};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc: the build allocates many short-lived strings from every thread.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "briefing",
    version,
    about = "Build the bilingual briefing portal from content/ and themes/"
)]
struct Cli {
    /// The site root: the folder that holds site.yaml, content/ and themes/.
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output directory (public/ by default).
    Build {
        /// Output directory, relative to the root unless absolute.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override site.yaml's base_url, e.g. for a staging host.
        #[arg(long)]
        base_url: Option<String>,
        /// Include briefings marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Replace a non-empty output directory that briefing did not create.
        #[arg(long)]
        force: bool,
        /// Leave out the search index (pagefind/): a quicker build whose
        /// search pages say that search is not available.
        #[arg(long)]
        no_search: bool,
    },
    /// Load and check everything without writing; exit 1 on errors.
    Check {
        /// `human` (to stderr) or `json` (JSON Lines on stdout, one diagnostic per line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also list the short-form citations linked to their full form.
        #[arg(long)]
        verbose: bool,
    },
    /// Serve the site locally, rebuild on change and reload open pages.
    Serve {
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Include briefings marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Command that opens a file in your editor, run when a diagnostic's
        /// link in the error overlay is clicked; `{file}`, `{line}` and
        /// `{col}` are replaced, e.g. `code -g {file}:{line}:{col}`.
        #[arg(long, value_name = "CMD")]
        editor: Option<String>,
    },
    /// Import a paper's text (extracted from PDF) into content/briefings/<slug>/.
    Import {
        /// The paper: its PDF, or its text extracted from the PDF.
        paper: PathBuf,
        /// Print, page by page, what each line of the PDF was taken for
        /// (body, heading, note, marker, furniture) and why; write nothing.
        #[arg(long)]
        explain: bool,
        /// Folder name under content/briefings/ (default: from the English title, else the file name).
        #[arg(long)]
        slug: Option<String>,
        /// Publication date, YYYY-MM-DD (the paper text carries none).
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Replace an existing import of the same briefing: editors' changes
        /// since the last import are merged in, translations are kept.
        #[arg(long)]
        force: bool,
        /// With --force: where the editors and the revised paper changed the
        /// same lines, write conflict markers instead of stopping.
        #[arg(long, requires = "force")]
        conflict_markers: bool,
    },
    /// How far each briefing is translated: per language, each section
    /// translated, outdated, not tracked or missing; notes; metadata.
    Status {
        /// `human` (a table on stdout) or `json` (JSON Lines: one object per briefing and language).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Work with translations: mark them current, hand them to translators as XLIFF.
    Translate {
        #[command(subcommand)]
        command: TranslateCommand,
    },
    /// Name a briefing's section files after their English titles
    /// (02-section-2.*.md → 02-russia-and-china.*.md); the numbers stay.
    RenameSections {
        /// The briefing's folder name.
        slug: String,
        /// The language whose titles name the files (default: the first
        /// site language written in an alphabet, e.g. en).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Scaffold a new briefing in content/briefings/<SLUG>/ (never overwrites).
    New {
        /// Folder name and URL of the briefing: lowercase a-z, 0-9 and '-'.
        slug: String,
        /// Publication date, YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
    },
}

#[derive(Subcommand)]
enum TranslateCommand {
    /// Record that a briefing's translations are current (`translated_from:`).
    Mark {
        /// The briefing's folder name.
        slug: String,
        /// Only this language (default: every translation).
        #[arg(long)]
        lang: Option<String>,
        /// Only this section: its name (`trade`) or file stem (`02-trade`).
        section: Option<String>,
    },
    /// Write a briefing as an XLIFF 2.0 file for a translation tool.
    Export {
        /// The briefing's folder name.
        slug: String,
        /// The language to translate into.
        #[arg(long)]
        to: String,
        /// The file to write (default: <root>/<slug>.<to>.xlf).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Write the translations of an XLIFF 2.0 file into the briefing's files.
    Import {
        /// The XLIFF file, as `translate export` wrote it and a translation tool filled it.
        file: PathBuf,
    },
}

/// How `check` prints diagnostics.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// `file:line:column: severity: message` and a hint, on stderr.
    Human,
    /// One JSON object per diagnostic per line, on stdout.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            force,
            no_search,
        } => {
            let options = BuildOptions {
                root: cli.root.clone(),
                output,
                base_url,
                drafts,
                force,
                no_search,
            };
            let started = std::time::Instant::now();
            finish_saying(
                &cli.root,
                OUTPUT_KEPT,
                build::build(&options).map(|report| {
                    print_all(&cli.root, &report.warnings);
                    eprintln!(
                        "built {} pages ({} files, {} KiB) into {} in {} ms",
                        report.pages,
                        report.files,
                        report.bytes / 1024,
                        report.output.display(),
                        started.elapsed().as_millis()
                    );
                }),
            )
        }
        Command::Check { format, verbose } => check(&cli.root, format, verbose),
        Command::Status { format } => status_report(&cli.root, format),
        Command::Translate { command } => translate(&cli.root, command),
        Command::Serve {
            port,
            bind,
            drafts,
            editor,
        } => {
            let options = ServeOptions {
                root: cli.root.clone(),
                bind,
                port,
                drafts,
                editor,
            };
            finish(&cli.root, serve::serve(&options))
        }
        Command::RenameSections { slug, lang } => {
            let result = briefing::rename::rename_sections(&cli.root, &slug, lang.as_deref()).map(|done| {
                for r in &done {
                    for (from, to) in &r.files {
                        eprintln!("renamed {} -> {}", from.display(), to.display());
                    }
                    eprintln!("  links to #{} must now say #{}", r.from, r.to);
                }
                if done.is_empty() {
                    eprintln!("every section is already named after its title (or has no title to name it)");
                }
            });
            finish(&cli.root, result)
        }
        Command::New { slug, date } => {
            let result = scaffold::new_briefing(&cli.root, &slug, date).map(|files| {
                for file in files {
                    eprintln!("created {}", file.display());
                }
                eprintln!("the briefing is a draft: preview it with `briefing serve --drafts`");
            });
            finish(&cli.root, result)
        }
        Command::Import {
            paper,
            explain: true,
            ..
        } => finish(
            &cli.root,
            import::explain(&paper).map(|explanation| print!("{explanation}")),
        ),
        Command::Import {
            paper,
            slug,
            date,
            force,
            conflict_markers,
            explain: false,
        } => {
            let options = ImportOptions {
                paper,
                root: cli.root.clone(),
                slug,
                date,
                force,
                conflict_markers,
            };
            finish_saying(
                &cli.root,
                NOTHING_WRITTEN,
                import::run(&options).map(|summary| {
                    print_all(&cli.root, &summary.warnings);
                    for file in &summary.files {
                        eprintln!("wrote {}", file.display());
                    }
                    eprintln!(
                        "imported {} sections and {} notes into {}",
                        summary.sections,
                        summary.notes,
                        summary.dir.display(),
                    );
                    eprint!("{}", drafts("glossary entries", &summary.glossary_added));
                    eprint!("{}", drafts("author entries", &summary.authors_added));
                }),
            )
        }
    }
}

/// `briefing check`: every diagnostic, the translation status table (and,
/// with --verbose, the short-form citations), then a summary line on stderr.
fn check(root: &Path, format: Format, verbose: bool) -> ExitCode {
    let report = build::check(root);
    let diagnostics = report.diagnostics;
    match format {
        Format::Human => {
            print_all(root, &diagnostics);
            if !report.translations.is_empty() {
                eprint!(
                    "\ntranslation status:\n{}",
                    status::format_table(&report.translations)
                );
            }
            if verbose {
                eprintln!("\nshort-form citations ({}):", report.short_forms.len());
                report
                    .short_forms
                    .iter()
                    .for_each(|line| eprintln!("  {line}"));
            }
        }
        Format::Json => {
            let mut frames = Frames::new(root, false);
            for d in &diagnostics {
                print_json(d, frames.source_line(d));
            }
        }
    }
    summary_exit(&diagnostics, "")
}

/// Prints `N error(s), M warning(s)` (then `tail`) on stderr; exit 1 on errors.
fn summary_exit(diagnostics: &[Diagnostic], tail: &str) -> ExitCode {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    eprintln!("{errors} error(s), {warnings} warning(s){tail}");
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `briefing status`: the translation status of every briefing, then the
/// summary line; exit 1 when the site has errors.
fn status_report(root: &Path, format: Format) -> ExitCode {
    let report = build::check(root);
    match format {
        Format::Human => print!("{}", status::format_table(&report.translations)),
        Format::Json => {
            report
                .translations
                .iter()
                .for_each(|row| match serde_json::to_string(row) {
                    Ok(line) => println!("{line}"),
                    Err(e) => eprintln!("error: cannot encode the status as JSON: {e}"),
                })
        }
    }
    summary_exit(&report.diagnostics, "; `briefing check` lists them")
}

/// `briefing translate …`.
fn translate(root: &Path, command: TranslateCommand) -> ExitCode {
    match command {
        TranslateCommand::Mark {
            slug,
            lang,
            section,
        } => {
            let options = MarkOptions {
                root: root.to_path_buf(),
                slug,
                lang,
                section,
            };
            finish_saying(
                root,
                NOTHING_WRITTEN,
                mark(&options).map(|files| {
                    files
                        .iter()
                        .for_each(|f| eprintln!("marked {} as current", f.display()));
                }),
            )
        }
        TranslateCommand::Export { slug, to, output } => {
            let options = ExportOptions {
                root: root.to_path_buf(),
                slug,
                to,
                output,
            };
            finish(
                root,
                xliff::export(&options).map(|file| eprintln!("wrote {}", file.display())),
            )
        }
        TranslateCommand::Import { file } => finish_saying(
            root,
            NOTHING_WRITTEN,
            xliff::import(root, &file).map(|report| {
                print_all(root, &report.warnings);
                for file in &report.files {
                    eprintln!("wrote {}", file.display());
                }
                eprintln!("imported {} translated units", report.units);
            }),
        ),
    }
}

/// A diagnostic as `check --format json` prints it: its fields and the
/// source line it points at.
#[derive(serde::Serialize)]
struct JsonDiagnostic<'d> {
    #[serde(flatten)]
    diagnostic: &'d Diagnostic,
    source: Option<String>,
}

fn print_json(diagnostic: &Diagnostic, source: Option<String>) {
    match serde_json::to_string(&JsonDiagnostic { diagnostic, source }) {
        Ok(line) => println!("{line}"),
        Err(e) => eprintln!("error: cannot encode a diagnostic as JSON: {e}"),
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| {
        format!("\"{s}\" is not a valid date; write it as YYYY-MM-DD, e.g. 2023-12-01")
    })
}

/// Prints `diagnostics` on stderr as code frames (coloured on a terminal
/// unless `NO_COLOR` is set), reading their source from the site at `root`.
fn print_all(root: &Path, diagnostics: &[Diagnostic]) {
    let mut frames = Frames::new(root, color_wanted());
    for d in diagnostics {
        eprintln!("{}", frames.render(d));
    }
}

fn finish(root: &Path, result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(diagnostics)) => {
            print_all(root, &diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("{errors} error(s)");
            ExitCode::from(1)
        }
    }
}

/// The lines listing the draft entries an import proposed, with their
/// ids, or nothing.
fn drafts(what: &str, ids: &[String]) -> String {
    if ids.is_empty() {
        return String::new();
    }
    format!(
        "proposed draft {what} (review them, then delete `draft: true`): {}\n",
        ids.join(", ")
    )
}

/// What a failed build leaves: its staging directory is removed and the
/// previous output stays (a build never fails after the swap).
const OUTPUT_KEPT: &str = "the output directory was left as it was";

/// What a failed import leaves: its staging folder is removed before the swap.
const NOTHING_WRITTEN: &str = "nothing was written";

/// `finish`, and on failure says what the failed command left on disk.
fn finish_saying(root: &Path, outcome: &str, result: Result<(), Failure>) -> ExitCode {
    let failed = result.is_err();
    let code = finish(root, result);
    if failed {
        eprintln!("{outcome}");
    }
    code
}
