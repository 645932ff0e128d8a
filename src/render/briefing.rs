//! A briefing's pages, one per language: title block, table of contents,
//! sections (with the translation's fallback where a section is missing),
//! endnotes and scholarly metadata.

use super::context::SiteContext;
use super::glossary::{Occurrence, Place};
use super::{metadata, OutputFile};
use crate::citation::Record;
use crate::content::Briefing;
use crate::diagnostics::{Diagnostic, Failure};
use crate::i18n::{outline_number, Script};
use crate::markdown::{self, inline_to_html, number_headings, Heading};
use crate::notes::{NoteSource, NoteTable, RenderedNote, RenderedSource};
use crate::translation::{NoteGap, Tracking};
use serde::Serialize;
use std::sync::Arc;

/// The pages of one briefing and what the home page and feeds need of it.
pub struct Output {
    /// One page per language.
    pub files: Vec<OutputFile>,
    /// Warnings (unused notes …).
    pub warnings: Vec<Diagnostic>,
    /// Listing data.
    pub summary: Summary,
    /// Every section, per language, that links a glossary term.
    pub occurrences: Vec<Occurrence>,
    /// What `check` reports about the briefing's notes.
    pub report: NotesReport,
    /// Paths of the files already handed on (when `files` was emptied).
    pub written: Vec<String>,
}

/// Facts about a briefing's notes for `briefing check`.
#[derive(Debug, Clone, PartialEq)]
pub struct NotesReport {
    /// Folder name.
    pub slug: String,
    /// The language the briefing was written in.
    pub original: String,
    /// The notes that repeat an earlier one in short form.
    pub short_forms: Vec<crate::notes::ShortForm>,
    /// Per language: notes whose text a translation overrides.
    pub overridden: Vec<(String, usize)>,
    /// Notes referenced in an original section and not its translation, or
    /// the reverse.
    pub gaps: Vec<NoteGap>,
}

/// A briefing as the home page and feeds list it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Folder name.
    pub slug: String,
    /// ISO date, if set.
    pub date: Option<String>,
    /// Title per language (with fallback already applied).
    pub titles: Vec<(String, String)>,
    /// Abstract HTML per language, if any, marked when it is in another
    /// language (`Text::lang`).
    pub abstracts: Vec<(String, Text)>,
    /// The BibTeX entry of each edition, by language (for `briefings.bib`).
    pub bibtex: Vec<(String, String)>,
    /// Author names per language, comma-separated.
    pub authors: Vec<(String, String)>,
    /// Each author: the id of its page, if it has one, and names per language.
    pub people: Vec<Person>,
    /// Topic ids.
    pub topics: Vec<String>,
    /// The listing's summary per language (plain text).
    pub excerpts: Vec<(String, Text)>,
    /// The languages that have at least one section of the briefing.
    pub texts: Vec<String>,
    /// The languages its page is published in.
    pub editions: Vec<String>,
    /// Listed first on the front page.
    pub featured: bool,
}

/// An author as listings show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// The id in content/authors.yaml, when it has a page.
    pub id: Option<String>,
    /// The name per language (with fallback already applied).
    pub names: Vec<(String, String)>,
}

/// Text with the language it is in, when that differs from the page's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Text {
    /// The text (or HTML, for abstracts and bios).
    pub text: String,
    /// Set when the text is not in the page's language.
    pub lang: Option<String>,
}

#[derive(Serialize)]
struct AuthorView {
    name: Text,
    /// The author's page, for authors of content/authors.yaml.
    href: Option<String>,
    affiliation: Option<Text>,
    bio: Option<Text>,
}

#[derive(Serialize)]
struct SectionView {
    id: String,
    /// Its outline number in the page's convention (`壹、`, `I. `), or empty.
    number: String,
    title: Text,
    html: String,
    /// True when the page's language has no file and the original is shown.
    untranslated: bool,
    /// True when this translation may not reflect changes to its original.
    outdated: bool,
    headings: Vec<Heading>,
    /// Ids of the glossary entries the section links.
    #[serde(skip)]
    terms: Vec<String>,
}

#[derive(Serialize)]
struct BriefingView {
    slug: String,
    title: Text,
    /// The title in the other languages, shown beneath the main title.
    other_titles: Vec<Text>,
    authors: Vec<AuthorView>,
    date: Option<String>,
    date_iso: Option<String>,
    keywords: Vec<Text>,
    /// Its topics, linked to their pages.
    topics: Vec<super::listing::Link>,
    /// The briefings that share the most topics and glossary terms with it.
    related: Vec<super::listing::Link>,
    abstract_: Option<Text>,
    /// The link to the paper's PDF (`pdf:` in briefing.yaml).
    pdf: Option<String>,
    /// The "Cite this briefing" section.
    cite: crate::citation::page::Section,
    #[serde(flatten)]
    body: Body,
}

/// The sections, endnotes and references of a page in one language.
#[derive(Serialize)]
struct Body {
    sections: Vec<SectionView>,
    notes: Vec<RenderedNote>,
    references: Vec<RenderedSource>,
}

/// What the sections of `briefing` give reason to report (the Markdown
/// screen, links, notes, `[[id]]`s) and its load warnings: for a briefing
/// that did not load, checked but never rendered.
pub fn check(ctx: &SiteContext, briefing: &Briefing) -> Vec<Diagnostic> {
    checked(ctx, briefing).2
}

/// `briefing`'s section files parsed, its notes resolved, and what
/// [`check`] reports of them.
fn checked<'a>(
    ctx: &SiteContext,
    briefing: &'a Briefing,
) -> (Parsed<'a>, NoteTable<'a>, Vec<Diagnostic>) {
    let (parsed, screened) = parse_files(ctx, briefing, &briefing.original);
    let (table, mut diagnostics) =
        NoteTable::resolve(&parsed.iter().map(|(_, _, s)| s).collect::<Vec<_>>());
    diagnostics.extend(screened);
    diagnostics.extend(briefing.warnings.iter().cloned());
    diagnostics.extend(
        ctx.glossary
            .check_references(parsed.iter().map(|(_, _, s)| s)),
    );
    (parsed, table, diagnostics)
}

/// Renders every language's page of `briefing`.
pub fn render(ctx: &SiteContext, briefing: &Briefing) -> Result<Output, Failure> {
    let config = &ctx.site.config;
    let original = briefing.original.clone();
    let (parsed, table, mut diagnostics) = checked(ctx, briefing);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Failure(diagnostics));
    }
    // Only once the notes resolve: an unknown note is already an error.
    let gaps = note_gaps(&parsed, &original);
    diagnostics.extend(gaps.iter().map(NoteGap::diagnostic));
    if briefing.meta.date.is_none() {
        diagnostics.push(
            Diagnostic::warning(&briefing.meta_file, 1, 1, "this briefing has no date").with_hint(
                "add `date: YYYY-MM-DD` to briefing.yaml; home pages and feeds sort by it",
            ),
        );
    }
    let report = NotesReport {
        slug: briefing.slug.clone(),
        original: original.clone(),
        short_forms: table.short_form_list(),
        overridden: config
            .languages
            .iter()
            .map(|l| (l.clone(), table.overridden_in(l)))
            .collect(),
        gaps,
    };
    let mut files = super::bundle::files(briefing);
    let mut occurrences = Vec::new();
    let editions = briefing.editions(config);
    let mut bibtex = Vec::new();
    for lang in &editions {
        let record = Record::new(ctx, briefing, lang);
        let (cite, cite_files) = crate::citation::page::section(ctx, &record, &briefing.slug);
        files.extend(cite_files);
        bibtex.push((lang.clone(), crate::citation::bibtex::entry(&record)));
        let view = view(ctx, briefing, (&parsed, &table), (lang, &original), cite);
        occurrences.extend(term_occurrences(&view, lang));
        let path = format!("briefings/{}/", briefing.slug);
        let mut meta = ctx.meta_in(lang, &path, Some(&view.title.text), &editions);
        if let Some(description) = metadata::description(briefing, lang) {
            meta.description = description;
        }
        let head = metadata::head(ctx, briefing, &record);
        files.push(ctx.page("briefing.html", &meta, |c| {
            c.insert("briefing", &view);
            c.insert("head", &head);
        })?);
    }
    let clashes = super::bundle::clashes(briefing, &files);
    if !clashes.is_empty() {
        diagnostics.extend(clashes);
        return Err(Failure(diagnostics));
    }
    Ok(Output {
        files,
        warnings: diagnostics,
        summary: Summary {
            bibtex,
            ..summary(ctx, briefing, &parsed, editions)
        },
        occurrences,
        report,
        written: Vec::new(),
    })
}

type Parsed<'a> = Vec<(usize, String, NoteSource<'a>)>;

/// Every note the original of a section references and its translation
/// does not, and the reverse.
fn note_gaps(parsed: &Parsed, original: &str) -> Vec<NoteGap> {
    let mut gaps = Vec::new();
    for (i, lang, translation) in parsed.iter().filter(|(_, l, _)| l != original) {
        let Some((_, _, source)) = parsed.iter().find(|(j, l, _)| j == i && l == original) else {
            continue;
        };
        let (ours, theirs) = (source.labels(), translation.labels());
        let gap = |label: &&str, in_original| NoteGap {
            label: label.to_string(),
            lang: lang.clone(),
            translation: (translation.file.clone(), translation.position.0),
            original: source.file.clone(),
            in_original,
        };
        gaps.extend(ours.difference(&theirs).map(|l| gap(l, true)));
        gaps.extend(theirs.difference(&ours).map(|l| gap(l, false)));
    }
    gaps
}

/// Every section file parsed once: (section index, language, events), the
/// original language's files first so that note numbers follow its order;
/// and what the Markdown screen found in them.
fn parse_files<'a>(
    ctx: &SiteContext,
    briefing: &'a Briefing,
    original: &str,
) -> (Parsed<'a>, Vec<Diagnostic>) {
    let order = std::iter::once(original).chain(
        ctx.site
            .config
            .languages
            .iter()
            .map(String::as_str)
            .filter(|l| *l != original),
    );
    let mut parsed = Vec::new();
    let mut findings = Vec::new();
    for lang in order {
        for (i, section) in briefing.sections.iter().enumerate() {
            if let Some(file) = section.files.get(lang) {
                let page = ctx.href(lang, &format!("briefings/{}/", briefing.slug));
                let at = super::prose::Source {
                    path: &file.path,
                    body: &file.body,
                    body_line: file.body_line,
                    lang,
                    page: &page,
                    draft: briefing.meta.draft,
                };
                let (source, found) = super::prose::parse(ctx, &at, |events| {
                    super::bundle::check(briefing, file, events)
                });
                findings.extend(found);
                parsed.push((i, lang.to_string(), source));
            }
        }
    }
    (parsed, findings)
}

fn view(
    ctx: &SiteContext,
    briefing: &Briefing,
    (parsed, table): (&Parsed, &NoteTable),
    (lang, original): (&str, &str),
    cite: crate::citation::page::Section,
) -> BriefingView {
    let meta = &briefing.meta;
    let text = |value: &str, used: &str| Text {
        text: value.to_string(),
        lang: (used != lang).then(|| used.to_string()),
    };
    let localized = |map| {
        ctx.pick(map, lang)
            .map(|(v, used): (&String, &str)| text(v, used))
    };
    let main = body(ctx, briefing, parsed, table, (lang, original));
    BriefingView {
        slug: briefing.slug.clone(),
        title: localized(&meta.title).unwrap_or_else(|| text(&briefing.slug, lang)),
        other_titles: meta
            .title
            .iter()
            .filter(|(l, _)| *l != lang)
            .map(|(l, t)| Text {
                text: t.clone(),
                lang: Some(l.clone()),
            })
            .collect(),
        authors: briefing
            .bylines
            .iter()
            .map(|b| AuthorView {
                name: localized(&b.author.name).unwrap_or_else(|| text("", lang)),
                href: b
                    .id
                    .as_ref()
                    .map(|id| ctx.href(lang, &super::taxonomies::author_path(id))),
                affiliation: localized(&b.author.affiliation),
                bio: ctx.pick(&b.author.bio, lang).map(|(v, used)| Text {
                    text: inline_to_html(v),
                    lang: (used != lang).then(|| used.to_string()),
                }),
            })
            .collect(),
        date: meta.date.map(|d| ctx.date(d, lang)),
        date_iso: meta.date.map(|d| d.to_string()),
        keywords: ctx
            .pick(&meta.keywords, lang)
            .map(|(ks, used)| ks.iter().map(|k| text(k, used)).collect())
            .unwrap_or_default(),
        topics: meta
            .topics
            .iter()
            .filter_map(|id| super::taxonomies::topic_link(ctx, id, lang))
            .collect(),
        related: related_links(ctx, briefing, lang),
        abstract_: ctx.pick(&meta.abstract_, lang).map(|(v, used)| Text {
            text: inline_to_html(v),
            lang: (used != lang).then(|| used.to_string()),
        }),
        pdf: meta.pdf.as_ref().map(|name| {
            format!(
                "{}{}{}",
                ctx.base_path,
                super::bundle::page_dir(briefing),
                super::bundle::encoded(name)
            )
        }),
        cite,
        body: main,
    }
}

/// Links to the briefings related to `briefing`, titled in `lang`.
fn related_links(ctx: &SiteContext, briefing: &Briefing, lang: &str) -> Vec<super::listing::Link> {
    let slugs = ctx
        .related
        .get(&briefing.slug)
        .map_or(&[][..], Vec::as_slice);
    let briefings = &ctx.site.briefings;
    slugs
        .iter()
        .filter_map(|slug| {
            let i = briefings.binary_search_by(|b| b.slug.cmp(slug)).ok()?;
            let editions = briefings[i].editions(&ctx.site.config);
            if !editions.iter().any(|l| l == lang) {
                return None; // held back in this language: no page to link
            }
            let title = ctx
                .pick(&briefings[i].meta.title, lang)
                .map(|(t, _)| t.clone());
            Some(super::listing::Link {
                href: ctx.href(lang, &format!("briefings/{slug}/")),
                text: title.unwrap_or_else(|| slug.clone()),
            })
        })
        .collect()
}

/// The sections of a page in `lang` that link glossary terms, per term.
fn term_occurrences(view: &BriefingView, lang: &str) -> Vec<Occurrence> {
    let mut occurrences = Vec::new();
    for s in view.body.sections.iter().filter(|s| !s.terms.is_empty()) {
        let place = Arc::new(Place {
            lang: lang.to_string(),
            slug: view.slug.clone(),
            briefing: view.title.clone(),
            section_id: s.id.clone(),
            section: s.title.clone(),
            date: view.date_iso.clone(),
        });
        occurrences.extend(s.terms.iter().map(|id| Occurrence {
            id: id.clone(),
            place: Arc::clone(&place),
        }));
    }
    occurrences
}

/// Renders the sections of `briefing` in `lang` (falling back to the
/// original where a section is untranslated), with their notes.
fn body(
    ctx: &SiteContext,
    briefing: &Briefing,
    parsed: &Parsed,
    table: &NoteTable,
    (lang, original): (&str, &str),
) -> Body {
    let mut notes = super::prose::notes(ctx, table, (lang, original));
    let numbered = briefing.meta.numbered();
    let script = Script::of_language(lang);
    let outline = |depth: usize, n: usize| outline_number(script, depth, n);
    let bundle_dir = format!("{}{}", ctx.base_path, super::bundle::page_dir(briefing));
    let sections = briefing
        .sections
        .iter()
        .enumerate()
        .map(|(i, section)| {
            let (used, source) = section_source(parsed, i, lang, original);
            let prose = super::prose::render(ctx, source, (&section.id, used, lang), &mut notes);
            let (mut events, mut headings) = (prose.events, prose.headings);
            if numbered {
                let other = (used != lang).then_some(lang);
                events = number_headings(events, &mut headings, other, outline);
            }
            let events = super::bundle::rewrite(events, briefing, &bundle_dir);
            SectionView {
                id: section.id.clone(),
                number: if numbered {
                    outline(0, i + 1)
                } else {
                    String::new()
                },
                title: Text {
                    text: section.files[used].front.title.clone(),
                    lang: (used != lang).then(|| used.to_string()),
                },
                html: markdown::to_html(events.into_iter()),
                untranslated: used != lang,
                outdated: used == lang
                    && matches!(section.tracking.get(lang), Some(Tracking::Outdated(_))),
                headings,
                terms: prose.terms,
            }
        })
        .collect();
    Body {
        sections,
        notes: notes.endnotes(),
        references: notes.references(),
    }
}

/// The file to show for section `i` in `lang`: its own, else the original's.
fn section_source<'p, 'a>(
    parsed: &'p Parsed<'a>,
    i: usize,
    lang: &str,
    original: &str,
) -> (&'p str, &'p NoteSource<'a>) {
    let find = |want: Option<&str>| {
        parsed
            .iter()
            .find(|(j, l, _)| *j == i && want.is_none_or(|w| l == w))
    };
    find(Some(lang))
        .or_else(|| find(Some(original)))
        .or_else(|| find(None))
        .map(|(_, l, s)| (l.as_str(), s))
        .expect("every section has at least one file")
}

fn summary(
    ctx: &SiteContext,
    briefing: &Briefing,
    parsed: &Parsed,
    editions: Vec<String>,
) -> Summary {
    let meta = &briefing.meta;
    let per_lang = |f: &dyn Fn(&str) -> Option<String>| {
        ctx.site
            .config
            .languages
            .iter()
            .filter_map(|l| Some((l.clone(), f(l)?)))
            .collect()
    };
    Summary {
        slug: briefing.slug.clone(),
        date: meta.date.map(|d| d.to_string()),
        titles: per_lang(&|l| ctx.pick(&meta.title, l).map(|(t, _)| t.clone())),
        abstracts: ctx
            .site
            .config
            .languages
            .iter()
            .filter_map(|l| {
                let (a, used) = ctx.pick(&meta.abstract_, l)?;
                let text = Text {
                    text: inline_to_html(a),
                    lang: (used != l).then(|| used.to_string()),
                };
                Some((l.clone(), text))
            })
            .collect(),
        bibtex: Vec::new(),
        authors: per_lang(&|l| {
            let names: Vec<&str> = briefing
                .bylines
                .iter()
                .filter_map(|b| ctx.pick(&b.author.name, l).map(|(n, _)| n.as_str()))
                .collect();
            Some(names.join(&ctx.t(l, "list_separator")))
        }),
        people: briefing
            .bylines
            .iter()
            .map(|b| Person {
                id: b.id.clone(),
                names: per_lang(&|l| ctx.pick(&b.author.name, l).map(|(n, _)| n.clone())),
            })
            .collect(),
        topics: meta.topics.clone(),
        excerpts: ctx
            .site
            .config
            .languages
            .iter()
            .filter_map(|l| {
                Some((
                    l.clone(),
                    excerpt(ctx, briefing, parsed, (l, &briefing.original))?,
                ))
            })
            .collect(),
        texts: ctx
            .site
            .config
            .languages
            .iter()
            .filter(|l| parsed.iter().any(|(_, pl, _)| pl == *l))
            .cloned()
            .collect(),
        featured: meta.featured,
        editions,
    }
}

/// The listing's summary in `lang`: its `summary:`, else its abstract's first
/// sentences, else its first paragraph; in `lang` if it has any of these,
/// else in the original language (marked as such).
fn excerpt(
    ctx: &SiteContext,
    briefing: &Briefing,
    parsed: &Parsed,
    (lang, original): (&str, &str),
) -> Option<Text> {
    let meta = &briefing.meta;
    let in_lang = |l: &str| {
        let plain =
            |md: &String| super::excerpt::first_paragraph(&crate::markdown::parse_field(md).events);
        meta.summary
            .get(l)
            .and_then(plain)
            .or_else(|| {
                meta.abstract_
                    .get(l)
                    .and_then(|a| super::excerpt::first_sentences(a))
            })
            .or_else(|| {
                let first = parsed.iter().find(|(i, pl, _)| *i == 0 && pl == l)?;
                super::excerpt::first_paragraph(&first.2.body)
            })
    };
    let default = &ctx.site.config.default_language;
    [lang, original, default.as_str()]
        .into_iter()
        .find_map(|l| {
            in_lang(l).map(|text| Text {
                text,
                lang: (l != lang).then(|| l.to_string()),
            })
        })
}
