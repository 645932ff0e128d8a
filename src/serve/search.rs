//! The served site's search index, rebuilt in a background thread after
//! each good rebuild: indexing the whole site takes longer than most
//! rebuilds, so an edit shows on its page at once and in search a moment
//! later, and `serve` logs a line when the index is up to date.

use crate::diagnostics::Failure;
use crate::output;
use crate::render::{self, OutputFile, SEARCH_INDEX_DIR};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Instant;

/// Asks the background thread to index the served folder again.
pub struct Indexer {
    wanted: Sender<()>,
}

impl Indexer {
    /// Starts the thread that indexes `dir` whenever asked.
    pub fn start(dir: PathBuf) -> Indexer {
        let (wanted, asked) = mpsc::channel();
        std::thread::spawn(move || run(&dir, &asked));
        Indexer { wanted }
    }

    /// Indexes the served folder again (once, however often it is asked
    /// while an index is being built).
    pub fn request(&self) {
        let _ = self.wanted.send(());
    }
}

fn run(dir: &Path, asked: &Receiver<()>) {
    // Path → digest of each index file in `dir`, to write only what changed.
    let mut served = BTreeMap::new();
    while asked.recv().is_ok() {
        while asked.try_recv().is_ok() {}
        let started = Instant::now();
        match refresh(dir, &mut served) {
            Ok((pages, written)) => eprintln!(
                "search index updated: {pages} ({written} files written) in {} ms",
                started.elapsed().as_millis()
            ),
            Err(Failure(problems)) => {
                eprintln!("search index not updated (the previous one is still served):");
                for problem in problems {
                    eprintln!("{problem}");
                }
            }
        }
    }
}

/// Writes the index of `dir` into it; returns the pages per language and
/// how many files were written or deleted.
fn refresh(
    dir: &Path,
    served: &mut BTreeMap<String, [u8; 32]>,
) -> Result<(String, usize), Failure> {
    let files = render::search_index(dir)?;
    let digests: BTreeMap<String, [u8; 32]> = files
        .iter()
        .map(|f| (f.path.clone(), *blake3::hash(&f.bytes).as_bytes()))
        .collect();
    let changed: Vec<&OutputFile> = files
        .iter()
        .filter(|f| served.get(&f.path) != digests.get(&f.path) || !dir.join(&f.path).exists())
        .collect();
    let removed: Vec<String> = served
        .keys()
        .filter(|p| !digests.contains_key(*p) && dir.join(p).exists())
        .cloned()
        .collect();
    output::update_site(dir, &changed, &removed)?;
    *served = digests;
    Ok((page_counts(&files), changed.len() + removed.len()))
}

/// "zh-hant 30 pages, en 30 pages", from the index's entry file.
fn page_counts(files: &[OutputFile]) -> String {
    let entry_path = format!("{SEARCH_INDEX_DIR}/pagefind-entry.json");
    let entry: serde_json::Value = files
        .iter()
        .find(|f| f.path == entry_path)
        .and_then(|f| serde_json::from_slice(&f.bytes).ok())
        .unwrap_or_default();
    let languages = entry["languages"].as_object().cloned().unwrap_or_default();
    let counts: Vec<String> = languages
        .iter()
        .map(|(lang, l)| format!("{lang} {} pages", l["page_count"]))
        .collect();
    match counts.is_empty() {
        true => "no pages".into(),
        false => counts.join(", "),
    }
}
