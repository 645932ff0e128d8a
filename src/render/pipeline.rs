//! The stages of a render, in the one order every command runs them: which
//! briefings are included, each briefing's pages, the glossary's checks,
//! then the pages built from every briefing (listings, glossary pages) and
//! those built from none (404, assets). `build` and `check` run the stages
//! once over the whole site ([`super::render_site`]); `serve` runs the same
//! stages over what changed and keeps the rest. A rule about what a render
//! contains lives here, so the two cannot drift apart. The search index is
//! made last, from the pages as written ([`super::search_index`]): by
//! `build` in its staging folder before the swap, by `serve` in the
//! background after each rebuild.

use super::{
    briefing, feeds, glossary, listing, related, search, taxonomies, BriefingOutput, Occurrence,
    OutputFile,
};
use super::{RenderOptions, Sink, SiteContext, Summary, Theme};
use crate::content::{Briefing, Site};
use crate::diagnostics::{Diagnostic, Failure};
use crate::glossary::Glossary;
use rayon::prelude::*;

/// A site and theme ready to render, with the options of this render.
pub struct Pipeline<'s> {
    /// What every template sees.
    pub ctx: SiteContext<'s>,
    /// The problems found while indexing the glossary.
    glossary_problems: Vec<Diagnostic>,
    options: RenderOptions,
}

impl<'s> Pipeline<'s> {
    /// Indexes the glossary and prepares the template context.
    pub fn new(
        site: &'s Site,
        theme: &'s Theme,
        options: &RenderOptions,
    ) -> Result<Pipeline<'s>, Failure> {
        let (glossary, glossary_problems) = Glossary::new(&site.glossary, &site.config.languages);
        let mut pipeline = Pipeline {
            ctx: SiteContext::new(site, theme, glossary)?,
            glossary_problems,
            options: options.clone(),
        };
        pipeline.ctx.drafts = options.drafts;
        let profiles = related::profiles(&pipeline.included(), &pipeline.ctx.glossary);
        pipeline.ctx.related = related::related(&profiles);
        Ok(pipeline)
    }

    /// The briefings this render publishes: drafts only when asked for.
    pub fn included(&self) -> Vec<&'s Briefing> {
        self.ctx
            .site
            .briefings
            .iter()
            .map(|b| &**b)
            .filter(|b| self.ctx.publishes(b))
            .collect()
    }

    /// One briefing's page in every language, with its listing summary.
    pub fn briefing(&self, b: &Briefing) -> Result<BriefingOutput, Failure> {
        briefing::render(&self.ctx, b)
    }

    /// What the sections of the briefings that did not load give reason to
    /// report (those a build would include): checked, never rendered.
    pub fn unloaded_diagnostics(&self) -> Vec<Diagnostic> {
        let unloaded = self.ctx.site.unloaded.iter();
        let checkable: Vec<&Briefing> = unloaded
            .filter_map(|u| u.briefing.as_deref())
            .filter(|b| self.ctx.publishes(b))
            .collect();
        checkable
            .par_iter()
            .flat_map(|b| briefing::check(&self.ctx, b))
            .collect()
    }

    /// The glossary's errors that stop any render (before any page is
    /// compared or published).
    pub fn glossary_errors(&self) -> Vec<Diagnostic> {
        self.glossary_problems
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect()
    }

    /// The glossary's problems and, unless some briefings did not load or
    /// render (`complete` false), its entries that none of the
    /// `occurrences` links, split into (errors, warnings).
    pub fn check_glossary(
        &self,
        occurrences: &[Occurrence],
        complete: bool,
    ) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let mut problems = self.glossary_problems.clone();
        if !self.options.partial && complete {
            problems.extend(
                self.ctx
                    .glossary
                    .check_unused(&occurrences.iter().map(|o| o.id.as_str()).collect()),
            );
        }
        problems.into_iter().partition(Diagnostic::is_error)
    }

    /// The pages built from every briefing's summary (in any order): the
    /// front pages per language, topic and author pages, sitemap.xml,
    /// robots.txt, the Atom feeds and each language's `briefings.bib`.
    pub fn listings(&self, summaries: &[Summary]) -> Result<Vec<OutputFile>, Failure> {
        let ctx = &self.ctx;
        let mut summaries = summaries.to_vec();
        summaries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        let mut files = Vec::new();
        for lang in &ctx.site.config.languages {
            files.extend(listing::home_pages(ctx, &summaries, lang)?);
        }
        files.extend(taxonomies::render(ctx, &summaries)?);
        files.extend(feeds::render(ctx, &summaries)?);
        files.extend(crate::citation::page::collections(ctx, &summaries));
        Ok(files)
    }

    /// The glossary pages of every language (the glossary and a page per
    /// entry), with backlinks to the `occurrences` of every briefing page,
    /// handed to `sink`; returns their paths.
    pub fn glossary_pages(
        &self,
        occurrences: &[Occurrence],
        sink: Sink,
    ) -> Result<Vec<String>, Failure> {
        let mut written = Vec::new();
        for lang in &self.ctx.site.config.languages {
            written.extend(glossary::render(&self.ctx, lang, occurrences, sink)?);
        }
        Ok(written)
    }

    /// What the Markdown of the pages of content/pages/ gives reason to
    /// report: errors, and what does not stop the build (script links shown
    /// as text, raw HTML that runs script, links to paths the site does not
    /// publish). Reported with the pages, by every command.
    pub fn page_diagnostics(&self) -> Vec<Diagnostic> {
        super::pages::diagnostics(&self.ctx)
    }

    /// The links met in this render whose `#fragment` names no id of the
    /// page they lead to as rendered, split into (errors, warnings); run
    /// once every page has gone through the render's sink.
    pub fn check_anchors(&self) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        self.ctx
            .anchors
            .check(&self.ctx.base_path)
            .into_iter()
            .partition(Diagnostic::is_error)
    }

    /// What depends only on the site's configuration, pages and theme:
    /// 404.html, the pages of content/pages/, the search pages and the
    /// theme's fingerprinted assets.
    pub fn fixed(&self) -> Result<Vec<OutputFile>, Failure> {
        let mut files = vec![self.ctx.not_found()?];
        files.extend(super::pages::render(&self.ctx)?);
        files.extend(search::pages(&self.ctx)?);
        files.extend(
            self.ctx
                .theme
                .assets
                .files
                .iter()
                .map(|(path, bytes)| OutputFile {
                    path: path.clone(),
                    bytes: bytes.clone(),
                }),
        );
        Ok(files)
    }
}
