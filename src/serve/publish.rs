//! Keeping the served output directory equal to the latest good build while
//! writing as little as possible: the first build is written whole (staged
//! and swapped in by [`output::write_site`]); later builds write only the
//! files whose content changed and delete the ones that are gone.

use crate::diagnostics::Failure;
use crate::output;
use crate::render::OutputFile;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// The served output directory and what is in it.
pub struct Publisher {
    root: PathBuf,
    dir: PathBuf,
    /// Path → BLAKE3 digest of the unminified content, once something was published.
    served: Option<BTreeMap<String, [u8; 32]>>,
}

impl Publisher {
    /// A publisher for the site at `root` into `dir`.
    pub fn new(root: &Path, dir: &Path) -> Publisher {
        Publisher {
            root: root.to_path_buf(),
            dir: dir.to_path_buf(),
            served: None,
        }
    }

    /// The served output directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Makes the directory hold exactly `files`; returns how many files were
    /// written or deleted. Only the `fresh` files (rendered since the last
    /// publish) are hashed again; the others keep the digest they had.
    pub fn publish(
        &mut self,
        files: &[&OutputFile],
        fresh: &HashSet<String>,
    ) -> Result<usize, Failure> {
        let known = |path: &String| match &self.served {
            Some(served) if !fresh.contains(path) => served.get(path).copied(),
            _ => None,
        };
        let digests: BTreeMap<String, [u8; 32]> = files
            .par_iter()
            .map(|f| {
                (
                    f.path.clone(),
                    known(&f.path).unwrap_or_else(|| *blake3::hash(&f.bytes).as_bytes()),
                )
            })
            .collect();
        let count = match &self.served {
            None => {
                output::check_output_dir(&self.root, &self.dir, false)?;
                let owned: Vec<OutputFile> = files.iter().map(|f| (*f).clone()).collect();
                output::write_site(&self.root, &self.dir, &owned)?;
                if let Some(warning) = output::record::remember(&self.root, &self.dir) {
                    return Err(warning.into());
                }
                files.len()
            }
            Some(served) => {
                let changed: Vec<&OutputFile> = files
                    .iter()
                    .copied()
                    .filter(|f| served.get(&f.path) != digests.get(&f.path))
                    .collect();
                let removed: Vec<String> = served
                    .keys()
                    .filter(|p| !digests.contains_key(*p))
                    .cloned()
                    .collect();
                output::update_site(&self.dir, &changed, &removed)?;
                changed.len() + removed.len()
            }
        };
        self.served = Some(digests);
        Ok(count)
    }
}
