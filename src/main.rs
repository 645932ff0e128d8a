//! The `briefing` command line: parses arguments, calls the library, prints
//! diagnostics and maps the outcome to an exit code (0 ok, 1 errors in the
//! input, 2 usage problems or commands not available yet).

use briefing::build::{self, BuildOptions};
use briefing::content::model::Date;
use briefing::diagnostics::{Diagnostic, Failure};
use briefing::import::{self, ImportOptions};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

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
    },
    /// Load and check everything without writing; exit 1 on errors.
    Check,
    /// Serve the site locally and rebuild on change.
    Serve,
    /// Import a paper's text (extracted from PDF) into content/briefings/<slug>/.
    Import {
        /// The paper as plain text.
        paper: PathBuf,
        /// Folder name under content/briefings/ (default: the paper's file name).
        #[arg(long)]
        slug: Option<String>,
        /// Publication date, YYYY-MM-DD (the paper text carries none).
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Replace an existing import of the same briefing (translations are kept).
        #[arg(long)]
        force: bool,
    },
    /// Scaffold a new briefing.
    New,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            force,
        } => {
            let options = BuildOptions {
                root: cli.root,
                output,
                base_url,
                drafts,
                force,
            };
            let started = std::time::Instant::now();
            finish(build::build(&options).map(|report| {
                print_all(&report.warnings);
                eprintln!(
                    "built {} pages ({} files, {} KiB) into {} in {} ms",
                    report.pages,
                    report.files,
                    report.bytes / 1024,
                    report.output.display(),
                    started.elapsed().as_millis()
                );
            }))
        }
        Command::Check => finish(build::check(&cli.root).map(|warnings| {
            print_all(&warnings);
            eprintln!("{} warning(s), no errors", warnings.len());
        })),
        Command::Import {
            paper,
            slug,
            date,
            force,
        } => {
            let options = ImportOptions {
                paper,
                root: cli.root,
                slug,
                date,
                force,
            };
            finish(import::run(&options).map(|summary| {
                print_all(&summary.warnings);
                for file in &summary.files {
                    eprintln!("wrote {}", file.display());
                }
                eprintln!(
                    "imported {} sections and {} notes into {}{}",
                    summary.sections,
                    summary.notes,
                    summary.dir.display(),
                    if summary.glossary_added.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; draft glossary entries: {}",
                            summary.glossary_added.join(", ")
                        )
                    }
                );
            }))
        }
        Command::Serve | Command::New => {
            eprintln!("error: this command is not available yet");
            ExitCode::from(2)
        }
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| {
        format!("\"{s}\" is not a valid date; write it as YYYY-MM-DD, e.g. 2023-12-01")
    })
}

fn print_all(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

fn finish(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(diagnostics)) => {
            print_all(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("{errors} error(s); nothing was written");
            ExitCode::from(1)
        }
    }
}
