//! The input files as the dev server sees them: every file a build reads,
//! with its size and modification time. The watcher's event paths only say
//! where to look ([`areas`]: a briefing folder, the theme, …); a rebuild
//! compares what it finds there with the last scan to learn exactly what
//! changed (editors save by rename, write temporary files and fire several
//! events per save; a scan after the events settle sees only the end result).

use crate::content::files;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

/// Size and modification time of one input file (or folder).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// Every input file and briefing folder, relative to the site root.
pub type Stamps = BTreeMap<PathBuf, Stamp>;

/// What changed between two scans, grouped by what depends on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Every added, removed or modified path, relative to the root.
    pub files: Vec<PathBuf>,
    /// site.yaml changed.
    pub config: bool,
    /// A file under themes/ or the site's templates/ or static/ changed.
    pub theme: bool,
    /// content/glossary.yaml changed.
    pub glossary: bool,
    /// content/topics.yaml or content/authors.yaml changed.
    pub catalog: bool,
    /// Briefings (by folder name) with an added, removed or modified file.
    pub briefings: BTreeSet<String>,
}

impl Changes {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A part of the inputs that can be scanned on its own, so a rebuild after
/// an edit stats one briefing folder instead of the whole site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    /// One top-level input file: site.yaml, content/glossary.yaml, topics.yaml or authors.yaml.
    File(PathBuf),
    /// One folder under content/briefings, by name.
    Briefing(String),
    /// Everything under [`THEME_DIRS`].
    Themes,
    /// Every input: the full scan.
    Everything,
}

/// Top-level input files.
const FILES: [&str; 4] = [
    "site.yaml",
    "content/glossary.yaml",
    "content/topics.yaml",
    "content/authors.yaml",
];

/// The folders of the theme and the site's overrides of its files: a
/// change in any of them renders everything.
pub const THEME_DIRS: [&str; 3] = ["themes", "templates", "static"];

impl Area {
    /// The file or folder the area covers, relative to the root (`.` for everything).
    pub fn path(&self) -> PathBuf {
        match self {
            Area::File(file) => file.clone(),
            Area::Briefing(slug) => Path::new("content").join("briefings").join(slug),
            Area::Themes => PathBuf::from("themes"),
            Area::Everything => PathBuf::from("."),
        }
    }
}

/// The areas to rescan after changes to `paths` (relative to the root).
/// Hidden files and folders (editors' swap files; a briefing hidden from the
/// build) and paths outside site.yaml, content/ and themes/ are dropped.
/// Any other path under content/ (a folder created or moved wholesale, the
/// target of a symlink a section file points to) means everything.
pub fn areas<'p>(paths: impl IntoIterator<Item = &'p Path>) -> BTreeSet<Area> {
    let mut areas = BTreeSet::new();
    for path in paths.into_iter().filter(|p| !files::has_hidden_part(p)) {
        let area = if FILES.iter().any(|f| path == Path::new(f)) {
            Area::File(path.to_path_buf())
        } else if is_theme_path(path) {
            Area::Themes
        } else if let Some(slug) = briefing_of(path) {
            Area::Briefing(slug)
        } else if path.starts_with("content") || Path::new("content").starts_with(path) {
            Area::Everything
        } else {
            continue;
        };
        areas.insert(area);
    }
    areas
}

/// Scans site.yaml, content/{glossary,topics,authors}.yaml, each briefing folder's
/// briefing.yaml and `.md` files, and every file under themes/.
pub fn scan(root: &Path) -> Stamps {
    let mut stamps = Stamps::new();
    for file in FILES {
        add(&mut stamps, root, Path::new(file));
    }
    let briefings = Path::new("content").join("briefings");
    for folder in children(root, &briefings) {
        scan_briefing(root, &folder, &mut stamps);
    }
    scan_themes(root, &mut stamps);
    stamps
}

/// Rescans `areas` into `stamps` and returns what changed there.
pub fn rescan(root: &Path, stamps: &mut Stamps, areas: &BTreeSet<Area>) -> Changes {
    if areas.contains(&Area::Everything) {
        let new = scan(root);
        let changes = diff(stamps, &new);
        *stamps = new;
        return changes;
    }
    let mut old = Stamps::new();
    let mut new = Stamps::new();
    for area in areas {
        let prefix = area.path();
        match area {
            Area::File(file) => add(&mut new, root, file),
            Area::Briefing(_) => scan_briefing(root, &prefix, &mut new),
            // (Everything returned above.)
            Area::Themes | Area::Everything => scan_themes(root, &mut new),
        }
        match area {
            Area::Themes => THEME_DIRS
                .iter()
                .for_each(|dir| old.extend(take_under(stamps, Path::new(dir)))),
            _ => old.extend(take_under(stamps, &prefix)),
        }
    }
    let changes = diff(&old, &new);
    stamps.extend(new);
    changes
}

/// Removes and returns the stamps of `prefix` and everything below it.
fn take_under(stamps: &mut Stamps, prefix: &Path) -> Stamps {
    let keys: Vec<PathBuf> = stamps
        .range(prefix.to_path_buf()..)
        .take_while(|(p, _)| p.starts_with(prefix))
        .map(|(p, _)| p.clone())
        .collect();
    keys.into_iter()
        .filter_map(|k| stamps.remove_entry(&k))
        .collect()
}

/// Adds a briefing folder (if it is one) and the files of it the loader reads.
fn scan_briefing(root: &Path, folder: &Path, stamps: &mut Stamps) {
    if !root.join(folder).is_dir() {
        return;
    }
    stamps.insert(folder.to_path_buf(), Stamp::default());
    let input = |p: &PathBuf| {
        p.file_name().is_some_and(|n| {
            let name = n.to_string_lossy();
            files::is_briefing_input(&name) || crate::content::bundle::is_bundle_file(&name)
        })
    };
    for file in children(root, folder).filter(input) {
        add(stamps, root, &file);
    }
}

/// Adds every file under themes/ but hidden ones.
fn scan_themes(root: &Path, stamps: &mut Stamps) {
    for entry in THEME_DIRS
        .iter()
        .flat_map(|dir| files::walk(&root.join(dir)))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        add(stamps, root, rel);
    }
}

/// True for a path under one of [`THEME_DIRS`].
fn is_theme_path(path: &Path) -> bool {
    THEME_DIRS.iter().any(|dir| path.starts_with(dir))
}

/// The paths whose stamps differ between `old` and `new`, grouped.
pub fn diff(old: &Stamps, new: &Stamps) -> Changes {
    let keys: BTreeSet<&PathBuf> = old.keys().chain(new.keys()).collect();
    let mut changes = Changes::default();
    for path in keys.into_iter().filter(|p| old.get(*p) != new.get(*p)) {
        classify(&mut changes, path);
        changes.files.push(path.clone());
    }
    changes
}

/// The folder names under content/briefings in a scan.
pub fn briefing_slugs(stamps: &Stamps) -> Vec<String> {
    stamps
        .keys()
        .filter(|p| p.components().count() == 3)
        .filter_map(|p| briefing_of(p))
        .collect()
}

fn classify(changes: &mut Changes, path: &Path) {
    if path == Path::new("site.yaml") {
        changes.config = true;
    } else if path == Path::new("content/glossary.yaml") {
        changes.glossary = true;
    } else if path == Path::new("content/topics.yaml") || path == Path::new("content/authors.yaml")
    {
        changes.catalog = true;
    } else if is_theme_path(path) {
        changes.theme = true;
    } else if let Some(slug) = briefing_of(path) {
        changes.briefings.insert(slug);
    }
}

/// The briefing a path under content/briefings/<slug>/ belongs to.
fn briefing_of(path: &Path) -> Option<String> {
    let mut parts = path.components();
    let under = [parts.next(), parts.next()]
        == [
            Some(Component::Normal("content".as_ref())),
            Some(Component::Normal("briefings".as_ref())),
        ];
    match parts.next() {
        Some(Component::Normal(slug)) if under => Some(slug.to_string_lossy().into_owned()),
        _ => None,
    }
}

fn add(stamps: &mut Stamps, root: &Path, rel: &Path) {
    if let Ok(meta) = std::fs::metadata(root.join(rel)) {
        let stamp = Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        };
        stamps.insert(rel.to_path_buf(), stamp);
    }
}

/// The non-hidden entries of `dir` (relative to the root), as relative paths.
fn children<'a>(root: &'a Path, dir: &'a Path) -> impl Iterator<Item = PathBuf> + 'a {
    std::fs::read_dir(root.join(dir))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|name| !files::is_hidden(&name.to_string_lossy()))
        .map(move |name| dir.join(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        fs::create_dir_all(root.join("content/briefings/alpha")).unwrap();
        fs::create_dir_all(root.join("themes/default/templates")).unwrap();
        fs::write(root.join("site.yaml"), "x").unwrap();
        fs::write(root.join("content/briefings/alpha/briefing.yaml"), "x").unwrap();
        fs::write(root.join("content/briefings/alpha/01-a.en.md"), "x").unwrap();
        fs::write(root.join("content/briefings/alpha/source.txt"), "x").unwrap();
        fs::write(root.join("themes/default/templates/base.html"), "x").unwrap();
        dir
    }

    #[test]
    fn scan_lists_what_the_build_reads() {
        let dir = site();
        let paths: Vec<String> = scan(dir.path())
            .into_keys()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            paths,
            [
                "content/briefings/alpha",
                "content/briefings/alpha/01-a.en.md",
                "content/briefings/alpha/briefing.yaml",
                "site.yaml",
                "themes/default/templates/base.html",
            ]
        );
        assert_eq!(briefing_slugs(&scan(dir.path())), ["alpha"]);
    }

    #[test]
    fn diff_groups_changes_by_what_depends_on_them() {
        let dir = site();
        let root = dir.path();
        let before = scan(root);
        assert!(diff(&before, &scan(root)).is_empty());
        fs::write(root.join("content/briefings/alpha/01-a.en.md"), "longer").unwrap();
        fs::write(root.join("content/briefings/alpha/.01-a.en.md.swp"), "x").unwrap();
        fs::write(root.join("content/briefings/alpha/notes.txt"), "x").unwrap();
        fs::create_dir(root.join("content/briefings/beta")).unwrap();
        let changes = diff(&before, &scan(root));
        assert_eq!(
            changes.files,
            [
                PathBuf::from("content/briefings/alpha/01-a.en.md"),
                // A bundle file: published beside the page.
                PathBuf::from("content/briefings/alpha/notes.txt"),
                PathBuf::from("content/briefings/beta"),
            ]
        );
        let slugs: Vec<&str> = changes.briefings.iter().map(String::as_str).collect();
        assert_eq!(slugs, ["alpha", "beta"]);
        assert!(!changes.config && !changes.theme && !changes.glossary);

        let before = scan(root);
        fs::remove_file(root.join("themes/default/templates/base.html")).unwrap();
        fs::write(root.join("site.yaml"), "changed").unwrap();
        let changes = diff(&before, &scan(root));
        assert!(changes.theme && changes.config && changes.briefings.is_empty());
    }

    #[test]
    fn event_paths_map_to_the_areas_that_hold_them() {
        let paths = [
            "content/briefings/alpha/01-a.en.md",
            "content/briefings/beta",
            "content/glossary.yaml",
            "themes/default/templates/base.html",
            "public/index.html",
            // Hidden: swap files, a briefing hidden from the build.
            "content/briefings/alpha/.01-a.en.md.swp",
            "content/briefings/.old/01-a.en.md",
            "content/.glossary.yaml.swp",
        ];
        let found = areas(paths.iter().map(Path::new));
        let expected = BTreeSet::from([
            Area::File(PathBuf::from("content/glossary.yaml")),
            Area::Briefing("alpha".into()),
            Area::Briefing("beta".into()),
            Area::Themes,
        ]);
        assert_eq!(found, expected);
        // content/ itself, a folder moved wholesale, or a file elsewhere in
        // content/ that a section may link to: look everywhere.
        for whole in ["content", "content/briefings", "", "content/shared/x.md"] {
            assert_eq!(
                areas([Path::new(whole)]),
                BTreeSet::from([Area::Everything]),
                "{whole:?}"
            );
        }
    }

    #[test]
    fn rescan_looks_only_in_the_areas_it_is_given() {
        let dir = site();
        let root = dir.path();
        let mut stamps = scan(root);
        fs::write(root.join("content/briefings/alpha/01-a.en.md"), "longer").unwrap();
        fs::write(root.join("site.yaml"), "changed").unwrap();
        fs::create_dir(root.join("content/briefings/beta")).unwrap();
        fs::write(root.join("content/briefings/beta/01-b.en.md"), "x").unwrap();

        let alpha = BTreeSet::from([Area::Briefing("alpha".into())]);
        let changes = rescan(root, &mut stamps, &alpha);
        assert_eq!(
            changes.files,
            [PathBuf::from("content/briefings/alpha/01-a.en.md")]
        );
        assert!(rescan(root, &mut stamps, &alpha).is_empty());

        // A folder that was removed loses all its stamps.
        fs::remove_dir_all(root.join("content/briefings/alpha")).unwrap();
        let changes = rescan(root, &mut stamps, &alpha);
        assert_eq!(changes.files.len(), 3, "{:?}", changes.files);
        assert!(!stamps
            .keys()
            .any(|p| p.starts_with("content/briefings/alpha")));

        // What no area covered is still found by a full rescan, once.
        let all = BTreeSet::from([Area::Everything]);
        let changes = rescan(root, &mut stamps, &all);
        assert!(changes.config);
        assert_eq!(briefing_slugs(&stamps), ["beta"]);
        assert_eq!(stamps, scan(root));
        assert!(rescan(root, &mut stamps, &all).is_empty());
    }
}
