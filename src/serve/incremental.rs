//! Incremental rebuilds for `serve`. Parsed inputs (site.yaml, the theme with
//! its parsed templates, the glossary, each briefing) and rendered outputs
//! (each briefing's pages, the listings, the glossary pages, 404 and assets)
//! are kept between rebuilds. A rebuild rescans the input files where the
//! watcher saw changes (everything on the first build), reloads only what
//! changed and re-renders only what depends on it:
//!
//! - a section or briefing.yaml: that briefing's pages in every language;
//!   the home pages, sitemap and feeds only if its summary (title, date,
//!   authors, abstract) changed or it appeared or went;
//! - the glossary pages: when the glossary changed or the set of sections
//!   that link its terms (the backlinks on those pages) changed;
//! - the glossary file: the glossary pages and every briefing (their text
//!   links glossary terms);
//! - site.yaml or anything under themes/: everything.
//!
//! A failed rebuild changes nothing on disk: the last good build stays
//! served, and the errors are kept until the files that caused them change.

use super::inputs::{self, Area, Changes, Stamps};
use super::publish::Publisher;
use crate::content::catalog::Catalog;
use crate::content::model::SiteConfig;
use crate::content::pages::Page;
use crate::content::{self, Briefing, Glossary, Site};
use crate::diagnostics::{escape_controls, Diagnostic, Failure};
use crate::render::{
    self, Assets, BriefingOutput, Occurrence, OutputFile, Pipeline, RenderOptions, Summary, Theme,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// A parsed input or rendered output, or the diagnostics that stopped it.
type Cached<T> = Result<T, Vec<Diagnostic>>;

/// What the dev server builds.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// The site root.
    pub root: PathBuf,
    /// The base URL pages are served at (replaces site.yaml's).
    pub base_url: String,
    /// Include draft briefings.
    pub drafts: bool,
}

/// The cached state of the site between rebuilds.
pub struct Engine {
    options: EngineOptions,
    stamps: Stamps,
    inputs: Inputs,
    outputs: Outputs,
    publisher: Publisher,
}

/// What one rebuild did; its `Display` is the one-line log entry.
#[derive(Debug)]
pub struct Rebuild {
    /// True for the first build of the session.
    pub first: bool,
    /// Input files added, removed or modified since the last rebuild.
    pub changed: Vec<PathBuf>,
    /// HTML pages rendered.
    pub pages: usize,
    /// Output files written or deleted.
    pub written: usize,
    /// Errors; empty when the rebuild succeeded and was published.
    pub errors: Vec<Diagnostic>,
    /// Warnings of the pages rendered.
    pub warnings: Vec<Diagnostic>,
    /// Wall-clock time of the rebuild.
    pub elapsed: Duration,
}

#[derive(Default)]
struct Inputs {
    config: Option<Cached<SiteConfig>>,
    theme: Option<Cached<Theme>>,
    glossary: Option<Cached<Glossary>>,
    pages: Option<Cached<Vec<Page>>>,
    catalog: Option<Cached<Catalog>>,
    briefings: BTreeMap<String, Cached<Arc<Briefing>>>,
}

#[derive(Default)]
struct Outputs {
    briefings: BTreeMap<String, Cached<BriefingOutput>>,
    /// Briefings rendered since their summary and term occurrences were
    /// last compared with those below (kept while a rebuild fails).
    unchecked: BTreeSet<String>,
    /// The summaries the listings were rendered from, per briefing.
    summaries: BTreeMap<String, Summary>,
    /// The related briefings each briefing's pages were rendered with.
    related: BTreeMap<String, Vec<String>>,
    /// The term occurrences the glossary pages were rendered from, per briefing.
    occurrences: BTreeMap<String, Vec<Occurrence>>,
    listings: Option<Cached<Vec<OutputFile>>>,
    glossary: Option<Cached<Vec<OutputFile>>>,
    fixed: Option<Cached<Vec<OutputFile>>>,
}

/// What rendering produced this time.
#[derive(Default)]
struct Rendered {
    pages: usize,
    warnings: Vec<Diagnostic>,
    /// Paths of the files rendered this time: only these can have changed.
    fresh: HashSet<String>,
}

impl Engine {
    /// An engine with nothing loaded that publishes into `output`.
    pub fn new(options: EngineOptions, output: &Path) -> Engine {
        Engine {
            publisher: Publisher::new(&options.root, output),
            options,
            stamps: Stamps::new(),
            inputs: Inputs::default(),
            outputs: Outputs::default(),
        }
    }

    /// Forgets everything loaded, rendered and published, as after
    /// [`Engine::new`]: the next rebuild scans and renders the whole site and
    /// writes the output anew. For when a rebuild stopped half way (a panic).
    pub fn restart(&mut self) {
        *self = Engine::new(self.options.clone(), self.publisher.dir());
    }

    /// Like [`Engine::rebuild_areas`], looking everywhere.
    #[cfg(test)]
    pub fn rebuild(&mut self) -> Option<Rebuild> {
        self.rebuild_areas(&BTreeSet::from([Area::Everything]))
    }

    /// Rebuilds what changed in `areas` (what the watcher saw change) since
    /// the last call; the first call scans and builds everything. `None` when
    /// no input changed. Files are stamped before they are read, so a file
    /// still being written is read again on the next call.
    pub fn rebuild_areas(&mut self, areas: &BTreeSet<Area>) -> Option<Rebuild> {
        let started = Instant::now();
        let first = self.inputs.config.is_none();
        let everything = BTreeSet::from([Area::Everything]);
        let areas = if first { &everything } else { areas };
        let changes = inputs::rescan(&self.options.root, &mut self.stamps, areas);
        if changes.is_empty() && !first {
            return None;
        }
        self.reload(&changes, first);
        let mut rebuild = Rebuild {
            first,
            changed: changes.files,
            pages: 0,
            written: 0,
            errors: Vec::new(),
            warnings: Vec::new(),
            elapsed: Duration::ZERO,
        };
        match self.render_and_publish() {
            Ok((rendered, written)) => {
                rebuild.pages = rendered.pages;
                rebuild.warnings = rendered.warnings;
                rebuild.written = written;
            }
            Err(errors) => rebuild.errors = errors,
        }
        rebuild.elapsed = started.elapsed();
        Some(rebuild)
    }

    /// Reloads the inputs that changed and forgets the outputs that depend on them.
    fn reload(&mut self, changes: &Changes, first: bool) {
        let root = &self.options.root;
        let global = first || changes.config || changes.theme || changes.catalog;
        if first || changes.config {
            self.inputs.config = Some(load_config(root, &self.options.base_url));
        }
        if first || changes.glossary {
            self.inputs.glossary = Some(content::load_glossary(root));
            self.outputs.invalidate_glossary();
        }
        let Some(Ok(config)) = &self.inputs.config else {
            self.inputs.theme = None; // loaded again once site.yaml is fixed
            return;
        };
        if global {
            self.inputs.catalog = Some(content::catalog::load(root, config));
        }
        let catalog = self.inputs.catalog.as_ref().and_then(|c| c.as_ref().ok());
        let slugs = if global {
            self.inputs.theme = Some(Theme::load(root, config).map_err(|Failure(ds)| ds));
            let (pages, errors) = content::pages::load(root, config);
            self.inputs.pages = Some(if errors.is_empty() {
                Ok(pages)
            } else {
                Err(errors)
            });
            self.inputs.briefings.clear();
            self.outputs = Outputs::default();
            inputs::briefing_slugs(&self.stamps)
        } else {
            changes.briefings.iter().cloned().collect()
        };
        let present: HashSet<String> = inputs::briefing_slugs(&self.stamps).into_iter().collect();
        let loaded: Vec<(String, Cached<Arc<Briefing>>)> = slugs
            .into_par_iter()
            .filter(|slug| present.contains(slug))
            .map(|slug| {
                let briefing = content::load_briefing(root, config, catalog, &slug).map(Arc::new);
                (slug, briefing)
            })
            .collect();
        self.inputs
            .briefings
            .retain(|slug, _| present.contains(slug));
        for (slug, briefing) in loaded {
            self.outputs.briefings.remove(&slug);
            self.inputs.briefings.insert(slug, briefing);
        }
    }

    /// Renders what is missing and publishes the whole site, or returns every error.
    fn render_and_publish(&mut self) -> Result<(Rendered, usize), Vec<Diagnostic>> {
        let (site, theme) = self.inputs.site(&self.options.root)?;
        let options = RenderOptions {
            drafts: crate::render::Drafts::from_flag(self.options.drafts),
            partial: false,
        };
        let pipeline = Pipeline::new(&site, theme, &options).map_err(|Failure(ds)| ds)?;
        let rendered = self.outputs.render(&pipeline)?;
        let files = self.outputs.files(&theme.assets)?;
        let written = self
            .publisher
            .publish(&files, &rendered.fresh)
            .map_err(|Failure(ds)| ds)?;
        Ok((rendered, written))
    }
}

fn load_config(root: &Path, base_url: &str) -> Cached<SiteConfig> {
    let mut config = content::load_config(root).map_err(|d| vec![d])?;
    config.set_base_url(base_url);
    Ok(config)
}

impl Inputs {
    /// The loaded site and theme, or every error among the inputs.
    fn site(&self, root: &Path) -> Result<(Site, &Theme), Vec<Diagnostic>> {
        let mut errors = [
            errors_of(&self.config),
            errors_of(&self.theme),
            errors_of(&self.glossary),
            errors_of(&self.pages),
            errors_of(&self.catalog),
        ]
        .concat();
        errors.extend(
            self.briefings
                .values()
                .filter_map(|b| b.as_ref().err())
                .flatten()
                .cloned(),
        );
        match (
            &self.config,
            &self.theme,
            &self.glossary,
            &self.pages,
            &self.catalog,
        ) {
            (
                Some(Ok(config)),
                Some(Ok(theme)),
                Some(Ok(glossary)),
                Some(Ok(pages)),
                Some(Ok(catalog)),
            ) if errors.is_empty() => {
                let site = Site {
                    root: root.to_path_buf(),
                    config: config.clone(),
                    briefings: self
                        .briefings
                        .values()
                        .filter_map(|b| b.as_ref().ok())
                        .cloned()
                        .collect(),
                    unloaded: Vec::new(),
                    glossary: glossary.clone(),
                    pages: pages.clone(),
                    catalog: catalog.clone(),
                };
                Ok((site, theme))
            }
            _ => Err(errors),
        }
    }
}

fn errors_of<T>(part: &Option<Cached<T>>) -> &[Diagnostic] {
    match part {
        Some(Err(ds)) => ds,
        _ => &[],
    }
}

impl Outputs {
    /// Forgets what depends on the glossary: its pages and every briefing.
    fn invalidate_glossary(&mut self) {
        self.glossary = None;
        self.briefings.clear();
    }

    /// Renders the included briefings that have no output yet, then the
    /// listings if the summaries changed, the glossary pages if the term
    /// occurrences changed, and the shared pages that are missing.
    fn render(&mut self, pipeline: &Pipeline) -> Result<Rendered, Vec<Diagnostic>> {
        let mut rendered = Rendered::default();
        self.render_briefings(pipeline, &mut rendered);
        let mut errors: Vec<Diagnostic> = self
            .briefings
            .values()
            .filter_map(|o| o.as_ref().err())
            .flatten()
            .cloned()
            .collect();
        errors.extend(pipeline.glossary_errors());
        if !errors.is_empty() {
            return Err(errors);
        }
        let (summaries_changed, occurrences_changed) = self.compare_unchecked();
        if self.glossary.is_none() || occurrences_changed {
            let occurrences: Vec<Occurrence> =
                self.occurrences.values().flatten().cloned().collect();
            let (_, warnings) = pipeline.check_glossary(&occurrences, true);
            let files = Mutex::new(Vec::new());
            let keep = |file| {
                files
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(file);
                Ok(())
            };
            let result = pipeline.glossary_pages(&occurrences, &keep);
            let files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
            self.glossary = Some(count(result.map(|_| files), &mut rendered));
            rendered.warnings.extend(warnings);
        }
        self.render_shared(pipeline, &mut rendered, summaries_changed)?;
        Ok(rendered)
    }

    /// Compares the summaries and term occurrences of the briefings rendered
    /// (or gone) since the last successful rebuild with those the listings
    /// and glossary pages were rendered from, and keeps the new ones;
    /// returns whether (summaries, occurrences) changed. Every included
    /// briefing has an output here (the rebuild had no errors).
    fn compare_unchecked(&mut self) -> (bool, bool) {
        let (mut summaries, mut occurrences) = (false, false);
        let gone: Vec<String> = self
            .summaries
            .keys()
            .filter(|slug| !self.briefings.contains_key(*slug))
            .cloned()
            .collect();
        for slug in gone {
            summaries = true;
            self.summaries.remove(&slug);
            occurrences |= self
                .occurrences
                .remove(&slug)
                .is_some_and(|o| !o.is_empty());
        }
        for slug in std::mem::take(&mut self.unchecked) {
            let Some(Ok(out)) = self.briefings.get(&slug) else {
                continue; // no longer included: handled above
            };
            if self.summaries.get(&slug) != Some(&out.summary) {
                summaries = true;
                self.summaries.insert(slug.clone(), out.summary.clone());
            }
            if self.occurrences.get(&slug) != Some(&out.occurrences) {
                occurrences = true;
                self.occurrences.insert(slug, out.occurrences.clone());
            }
        }
        (summaries, occurrences)
    }

    /// Renders the included briefings that have no output yet or whose
    /// related briefings changed, and forgets the outputs of those no
    /// longer included.
    fn render_briefings(&mut self, pipeline: &Pipeline, rendered: &mut Rendered) {
        let included = pipeline.included();
        let slugs: HashSet<&str> = included.iter().map(|b| b.slug.as_str()).collect();
        let related = &pipeline.ctx.related;
        let old = std::mem::replace(&mut self.related, related.clone());
        self.briefings
            .retain(|slug, _| slugs.contains(slug.as_str()) && old.get(slug) == related.get(slug));
        let fresh: Vec<(String, Cached<BriefingOutput>)> = included
            .par_iter()
            .filter(|b| !self.briefings.contains_key(&b.slug))
            .map(|b| {
                let output = pipeline.briefing(b).map_err(|Failure(ds)| ds);
                (b.slug.clone(), output)
            })
            .collect();
        for (slug, output) in fresh {
            if let Ok(out) = &output {
                rendered.pages += html_pages(&out.files);
                rendered
                    .fresh
                    .extend(out.files.iter().map(|f| f.path.clone()));
                rendered.warnings.extend(out.warnings.iter().cloned());
            }
            self.unchecked.insert(slug.clone());
            self.briefings.insert(slug, output);
        }
    }

    /// The listings (if the summaries changed), 404 and assets.
    fn render_shared(
        &mut self,
        pipeline: &Pipeline,
        rendered: &mut Rendered,
        summaries_changed: bool,
    ) -> Result<(), Vec<Diagnostic>> {
        if self.listings.is_none() || summaries_changed {
            let list: Vec<Summary> = self.summaries.values().cloned().collect();
            self.listings = Some(count(pipeline.listings(&list), rendered));
        }
        if self.fixed.is_none() {
            self.fixed = Some(count(pipeline.fixed(), rendered));
            let found = pipeline.page_diagnostics().into_iter();
            rendered.warnings.extend(found.filter(|d| !d.is_error()));
            let root = pipeline.ctx.theme.assets.root.iter();
            rendered.fresh.extend(root.map(|f| f.path.clone()));
        }
        let errors = [
            errors_of(&self.listings),
            errors_of(&self.glossary),
            errors_of(&self.fixed),
        ]
        .concat();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Every file of the site, in path order: the site's own static files
    /// (`assets.root`) replace generated files of their paths, or the
    /// errors for those they may not replace, as `build` reports them.
    fn files<'a>(&'a self, assets: &'a Assets) -> Result<Vec<&'a OutputFile>, Vec<Diagnostic>> {
        let shared = [&self.listings, &self.glossary, &self.fixed]
            .into_iter()
            .filter_map(|part| part.as_ref()?.as_ref().ok())
            .flatten();
        let (replaced, mut files): (Vec<&OutputFile>, Vec<&OutputFile>) = self
            .briefings
            .values()
            .filter_map(|o| o.as_ref().ok())
            .flat_map(|o| &o.files)
            .chain(shared)
            .partition(|f| assets.is_root_file(&f.path));
        let errors = render::shadowing_errors(replaced.iter().map(|f| f.path.as_str()), assets);
        if !errors.is_empty() {
            return Err(errors);
        }
        files.extend(&assets.root);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }
}

/// Adds the pages of a successful render to the count.
fn count(
    result: Result<Vec<OutputFile>, Failure>,
    rendered: &mut Rendered,
) -> Cached<Vec<OutputFile>> {
    let files = result.map_err(|Failure(ds)| ds)?;
    rendered.pages += html_pages(&files);
    rendered.fresh.extend(files.iter().map(|f| f.path.clone()));
    Ok(files)
}

fn html_pages(files: &[OutputFile]) -> usize {
    files.iter().filter(|f| f.path.ends_with(".html")).count()
}

impl Rebuild {
    /// True when the rebuild succeeded and its output is being served.
    pub fn succeeded(&self) -> bool {
        self.errors.is_empty()
    }
}

impl fmt::Display for Rebuild {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.elapsed.as_secs_f64() * 1000.0;
        if self.first {
            write!(f, "initial build")?;
        } else {
            let shown: Vec<String> = self
                .changed
                .iter()
                .take(3)
                .map(|p| escape_controls(&p.display().to_string()).into_owned())
                .collect();
            write!(f, "{}", shown.join(", "))?;
            if self.changed.len() > 3 {
                write!(f, " and {} more", self.changed.len() - 3)?;
            }
            write!(f, " changed")?;
        }
        if self.succeeded() {
            write!(
                f,
                ": rendered {} page(s), wrote {} file(s) in {ms:.1} ms",
                self.pages, self.written
            )
        } else {
            let errors = self.errors.iter().filter(|d| d.is_error()).count();
            write!(
                f,
                ": {errors} error(s), still serving the last good build ({ms:.1} ms)"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// The basic fixture site with the project's theme, and an output dir.
    struct Fixture {
        _temp: tempfile::TempDir,
        root: PathBuf,
        out: PathBuf,
    }

    impl Fixture {
        fn new() -> Fixture {
            Fixture::of("tests/fixtures/sites/basic")
        }

        /// The site whose site.yaml and content/ are in `site` (relative
        /// to the repository).
        fn of(site: &str) -> Fixture {
            let temp = tempfile::tempdir().unwrap();
            let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
            let root = temp.path().join("site");
            let site = repo.join(site);
            copy(&site.join("site.yaml"), &root.join("site.yaml"));
            copy(&site.join("content"), &root.join("content"));
            copy(&repo.join("themes"), &root.join("themes"));
            let out = temp.path().join("out/site");
            Fixture {
                _temp: temp,
                root,
                out,
            }
        }

        fn engine(&self) -> Engine {
            let options = EngineOptions {
                root: self.root.clone(),
                base_url: "http://127.0.0.1:1111/".into(),
                drafts: false,
            };
            Engine::new(options, &self.out)
        }

        fn write(&self, rel: &str, text: &str) {
            fs::write(self.root.join(rel), text).unwrap();
        }

        fn read_out(&self, rel: &str) -> String {
            fs::read_to_string(self.out.join(rel)).unwrap()
        }

        /// Asserts that `build` writes, for the site as it is now, the very
        /// bytes the engine has published.
        fn assert_build_writes_what_serve_published(&self) {
            let built = self.out.with_file_name("built");
            let options = crate::build::BuildOptions {
                root: self.root.clone(),
                output: Some(built.clone()),
                base_url: Some("http://127.0.0.1:1111".into()),
                force: true,
                // serve's index is written by its background indexer, not the engine.
                no_search: true,
                ..Default::default()
            };
            crate::build::build(&options).unwrap_or_else(|Failure(ds)| panic!("{ds:?}"));
            let (served, built) = (tree(&self.out), tree(&built));
            assert_eq!(
                served.keys().collect::<Vec<_>>(),
                built.keys().collect::<Vec<_>>()
            );
            for (path, bytes) in &served {
                assert!(
                    built[path] == *bytes,
                    "{path} differs between serve and build"
                );
            }
        }
    }

    /// Every file under `dir` by relative path, with its bytes.
    fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                (
                    rel.to_string_lossy().into_owned(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    }

    fn copy(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap) {
            let rel = entry.path().strip_prefix(from).unwrap();
            let target = if rel.as_os_str().is_empty() {
                to.to_path_buf()
            } else {
                to.join(rel)
            };
            if entry.path().is_dir() {
                fs::create_dir_all(&target).unwrap();
            } else {
                fs::create_dir_all(target.parent().unwrap()).unwrap();
                fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    /// Builds once, then applies `edit` and rebuilds.
    fn after(fixture: &Fixture, edit: impl FnOnce(&Fixture)) -> (Engine, Rebuild) {
        let mut engine = fixture.engine();
        let first = engine.rebuild().expect("first build");
        assert!(first.succeeded(), "{first}: {:?}", first.errors);
        edit(fixture);
        let rebuild = engine.rebuild().expect("a change was seen");
        (engine, rebuild)
    }

    const INTRO_EN: &str = "content/briefings/alpha/01-introduction.en.md";
    /// A text for `INTRO_EN` that links the glossary's one entry.
    const INTRO_EN_WITH_TERM: &str =
        "---\ntitle: Introduction\n---\n\nOn the Belt and Road Initiative.[^1][^2]\n";

    #[test]
    fn the_first_build_renders_everything_and_an_unchanged_tree_nothing() {
        let fixture = Fixture::new();
        let mut engine = fixture.engine();
        let first = engine.rebuild().unwrap();
        assert!(first.first && first.succeeded());
        assert_eq!(first.pages, 13, "11 pages and a search page per language");
        assert!(fixture.read_out("en/index.html").contains("Alpha Briefing"));
        assert!(engine.rebuild().is_none());
    }

    #[test]
    fn serve_publishes_byte_for_byte_what_build_writes_first_and_after_edits() {
        for site in ["tests/fixtures/sites/basic", "."] {
            let fixture = Fixture::of(site);
            let mut engine = fixture.engine();
            assert!(engine.rebuild().unwrap().succeeded());
            fixture.assert_build_writes_what_serve_published();
            if site == "." {
                continue;
            }
            for (file, text) in [
                (INTRO_EN, INTRO_EN_WITH_TERM),
                (
                    "content/briefings/beta/briefing.yaml",
                    "title: { zh-Hant: 乙簡報 }\ndate: 2030-01-01\n",
                ),
            ] {
                fixture.write(file, text);
                assert!(engine.rebuild().unwrap().succeeded());
                fixture.assert_build_writes_what_serve_published();
            }
        }
    }

    #[test]
    fn after_a_restart_everything_is_rendered_and_the_output_rewritten_whole() {
        let fixture = Fixture::new();
        let mut engine = fixture.engine();
        assert!(engine.rebuild().unwrap().succeeded());
        // What a rebuild that panicked half way through publishing leaves.
        fs::write(fixture.out.join("en/index.html"), "half").unwrap();
        fs::remove_file(fixture.out.join("sitemap.xml")).unwrap();
        engine.restart();
        let again = engine.rebuild().expect("everything is looked at again");
        assert!(again.succeeded() && again.pages == 13, "{again}");
        assert!(fixture.read_out("en/index.html").contains("Alpha Briefing"));
        assert!(fixture.read_out("sitemap.xml").contains("alpha"));
    }

    #[test]
    fn a_section_edit_renders_only_its_briefing() {
        let fixture = Fixture::new();
        let (_, rebuild) = after(&fixture, |f| {
            f.write(
                INTRO_EN,
                "---\ntitle: Introduction\n---\n\nNew text.[^1][^2]\n",
            )
        });
        assert!(rebuild.succeeded(), "{:?}", rebuild.errors);
        assert_eq!(rebuild.changed, [PathBuf::from(INTRO_EN)]);
        assert_eq!(rebuild.pages, 2, "the briefing in both languages");
        // Each page carries only its own language (mode.js fetches the other),
        // so only the English page changes; home pages, feeds and glossary
        // are neither rendered nor written.
        assert_eq!(rebuild.written, 1);
        assert!(fixture
            .read_out("en/briefings/alpha/index.html")
            .contains("New text."));
        assert!(!fixture
            .read_out("briefings/alpha/index.html")
            .contains("New text."));
        assert!(rebuild.to_string().starts_with(&format!(
            "{INTRO_EN} changed: rendered 2 page(s), wrote 1 file(s) in "
        )));
    }

    #[test]
    fn a_rebuild_told_which_briefing_changed_looks_only_there() {
        let fixture = Fixture::new();
        let mut engine = fixture.engine();
        assert!(engine.rebuild().unwrap().succeeded());
        fixture.write(
            INTRO_EN,
            "---\ntitle: Introduction\n---\n\nAgain.[^1][^2]\n",
        );
        let beta = BTreeSet::from([Area::Briefing("beta".into())]);
        assert!(
            engine.rebuild_areas(&beta).is_none(),
            "alpha was not looked at"
        );
        let alpha = BTreeSet::from([Area::Briefing("alpha".into())]);
        let rebuild = engine.rebuild_areas(&alpha).expect("alpha changed");
        assert_eq!(rebuild.changed, [PathBuf::from(INTRO_EN)]);
        assert!(fixture
            .read_out("en/briefings/alpha/index.html")
            .contains("Again."));
    }

    #[test]
    fn a_date_change_also_renders_the_home_pages_and_feeds() {
        let fixture = Fixture::new();
        let (_, rebuild) = after(&fixture, |f| {
            f.write(
                "content/briefings/beta/briefing.yaml",
                "title: { zh-Hant: 乙簡報 }\ndate: 2022-01-02\n",
            )
        });
        assert_eq!(
            rebuild.pages,
            2 + 2,
            "beta in two languages, two home pages"
        );
        assert!(fixture.read_out("atom.xml").contains("2022-01-02"));
        let home = fixture.read_out("en/index.html");
        assert!(
            home.find("Alpha Briefing") < home.find("乙簡報"),
            "newest first"
        );
    }

    #[test]
    fn a_new_term_occurrence_also_renders_the_glossary_pages() {
        let fixture = Fixture::new();
        let (_, rebuild) = after(&fixture, |f| f.write(INTRO_EN, INTRO_EN_WITH_TERM));
        assert!(rebuild.succeeded(), "{:?}", rebuild.errors);
        assert_eq!(
            rebuild.pages,
            2 + 2 + 2,
            "the briefing, both glossaries and the entry's pages"
        );
        let glossary = fixture.read_out("en/glossary/index.html");
        assert!(
            glossary.contains("briefings/alpha/#introduction"),
            "a backlink to the section: {glossary}"
        );
    }

    #[test]
    fn a_term_added_while_another_briefing_is_broken_reaches_the_glossary_once_fixed() {
        let fixture = Fixture::new();
        let beta = "content/briefings/beta/01-only.zh-Hant.md";
        let (mut engine, broken) = after(&fixture, |f| {
            f.write(INTRO_EN, INTRO_EN_WITH_TERM);
            f.write(beta, "---\ntitle: 唯一一節\n---\n\n壞了。[^9]\n");
        });
        assert!(!broken.succeeded());
        fixture.write(beta, "---\ntitle: 唯一一節\n---\n\n只有中文。\n");
        let fixed = engine.rebuild().expect("beta changed");
        assert!(fixed.succeeded(), "{:?}", fixed.errors);
        assert!(fixture
            .read_out("en/glossary/index.html")
            .contains("briefings/alpha/#introduction"));
    }

    #[test]
    fn a_glossary_edit_renders_the_glossary_and_the_briefings() {
        let fixture = Fixture::new();
        let (_, rebuild) = after(&fixture, |f| {
            f.write(
                "content/glossary.yaml",
                "- id: sco\n  en: { term: Shanghai Cooperation Organisation, definition: A regional body. }\n",
            )
        });
        assert_eq!(
            rebuild.pages,
            4 + 2 + 2,
            "4 briefing pages, 2 glossaries, 2 entry pages"
        );
        assert!(fixture
            .read_out("en/glossary/sco/index.html")
            .contains("Shanghai Cooperation Organisation"));
        // The page of the entry that went away goes too.
        assert!(!fixture
            .out
            .join("en/glossary/belt-and-road-initiative")
            .exists());
    }

    #[test]
    fn a_theme_edit_renders_everything() {
        let fixture = Fixture::new();
        let (_, rebuild) = after(&fixture, |f| {
            let strings = f.root.join("themes/default/strings/en.yaml");
            let text = fs::read_to_string(&strings).unwrap();
            let text = text.replace("Latest briefings", "Newest briefings");
            fs::write(strings, text).unwrap();
        });
        assert_eq!(rebuild.pages, 13);
        assert!(fixture
            .read_out("en/index.html")
            .contains("Newest briefings"));
    }

    #[test]
    fn site_static_files_templates_and_pages_are_published_as_build_writes_them() {
        let fixture = Fixture::new();
        let (mut engine, rebuild) = after(&fixture, |f| {
            fs::create_dir_all(f.root.join("static/.well-known")).unwrap();
            f.write("static/.well-known/security.txt", "Contact: a");
            f.write("static/robots.txt", "User-agent: *\n");
            fs::create_dir_all(f.root.join("content/pages")).unwrap();
            f.write(
                "content/pages/about.en.md",
                "---\ntitle: About\nmenu: 1\n---\nUs.\n",
            );
        });
        assert!(rebuild.succeeded(), "{:?}", rebuild.errors);
        assert_eq!(fixture.read_out(".well-known/security.txt"), "Contact: a");
        assert_eq!(fixture.read_out("robots.txt"), "User-agent: *\n");
        assert!(fixture.read_out("en/index.html").contains("/en/about/"));
        fixture.assert_build_writes_what_serve_published();
        // A site template: a new rebuild with the override in place.
        fs::create_dir_all(fixture.root.join("templates/partials")).unwrap();
        fixture.write("templates/partials/menu.html", "<p class=\"own-menu\"></p>");
        fixture.write("static/robots.txt", "User-agent: x\n");
        let rebuild = engine.rebuild().expect("a change was seen");
        assert!(rebuild.succeeded(), "{:?}", rebuild.errors);
        assert!(fixture.read_out("index.html").contains("own-menu"));
        assert_eq!(fixture.read_out("robots.txt"), "User-agent: x\n");
        fixture.assert_build_writes_what_serve_published();
    }

    /// Review R17 in `serve`: a static/ file at a generated page's path is
    /// the error `build` reports, and the page comes back once it is gone.
    #[test]
    fn a_static_file_at_a_generated_pages_path_is_an_error_until_removed() {
        let fixture = Fixture::new();
        let (mut engine, rebuild) = after(&fixture, |f| {
            fs::create_dir_all(f.root.join("static/en")).unwrap();
            f.write("static/en/index.html", "<p>old site</p>");
        });
        assert!(!rebuild.succeeded());
        let error = rebuild.errors[0].to_string();
        assert!(
            error.contains("static/en/index.html") && error.contains("would replace"),
            "{error}"
        );
        assert!(fixture.read_out("en/index.html").contains("Alpha Briefing"));
        fs::remove_file(fixture.root.join("static/en/index.html")).unwrap();
        let fixed = engine.rebuild().expect("a change was seen");
        assert!(fixed.succeeded(), "{:?}", fixed.errors);
        assert!(fixture.read_out("en/index.html").contains("Alpha Briefing"));
    }

    #[test]
    fn errors_keep_the_last_good_build_until_every_one_is_fixed() {
        let fixture = Fixture::new();
        let (mut engine, broken) = after(&fixture, |f| {
            f.write(INTRO_EN, "---\ntitle: Introduction\n---\n\nBroken.[^99]\n")
        });
        assert!(!broken.succeeded());
        assert!(broken.errors[0].to_string().contains(&format!(
            "{INTRO_EN}:5:8: error: note [^99] is referenced but never defined"
        )));
        let page = fixture.read_out("en/briefings/alpha/index.html");
        assert!(!page.contains("Broken."));

        // Input errors are reported first, as by `build`; the note error stays.
        fixture.write("content/glossary.yaml", "- id: [broken\n");
        let worse = engine.rebuild().unwrap();
        assert!(worse.errors[0].file.ends_with("glossary.yaml"));
        fixture.write("content/glossary.yaml", "");
        let still = engine.rebuild().unwrap();
        assert!(still.errors[0].message.contains("[^99]"), "{still}");
        assert!(!fixture
            .read_out("en/briefings/alpha/index.html")
            .contains("Broken."));

        fixture.write(INTRO_EN, "---\ntitle: Introduction\n---\n\nFixed.[^1]\n");
        let fixed = engine.rebuild().unwrap();
        assert!(fixed.succeeded(), "{:?}", fixed.errors);
        assert!(fixture
            .read_out("en/briefings/alpha/index.html")
            .contains("Fixed."));
        assert!(!fixture.read_out("en/glossary/index.html").contains("BRI"));
    }

    #[test]
    fn a_removed_briefing_disappears_and_a_broken_site_yaml_recovers() {
        let fixture = Fixture::new();
        let (mut engine, rebuild) = after(&fixture, |f| {
            fs::remove_dir_all(f.root.join("content/briefings/beta")).unwrap()
        });
        assert_eq!(rebuild.pages, 2, "only the home pages");
        assert!(!fixture.out.join("briefings/beta").exists());
        assert!(!fixture.read_out("sitemap.xml").contains("beta"));

        let config = fs::read_to_string(fixture.root.join("site.yaml")).unwrap();
        fixture.write("site.yaml", "title: [\n");
        let broken = engine.rebuild().unwrap();
        assert!(!broken.succeeded());
        assert!(broken.errors[0].file.ends_with("site.yaml"));
        fixture.write("site.yaml", &config);
        let fixed = engine.rebuild().unwrap();
        assert!(fixed.succeeded() && fixed.pages == 11, "{fixed}");
    }
}
