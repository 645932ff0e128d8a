//! The site's stand-alone pages (content/pages/): one per language at
//! `<lang prefix><slug>/`, in the page's own text where it has one, else
//! the default language's (or any) with a notice, like an untranslated
//! briefing section.

use super::briefing::Text;
use super::context::SiteContext;
use super::OutputFile;
use crate::content::pages::{Page, PageFile};
use crate::diagnostics::Failure;
use crate::markdown;
use serde::Serialize;

/// What page.html gets as `content`.
#[derive(Serialize)]
struct PageView {
    title: Text,
    /// The page's Markdown as HTML.
    html: String,
    /// True when the text is not in the page's language.
    untranslated: bool,
    /// The language of the text shown.
    text_lang: String,
}

/// Every page in every language.
pub fn render(ctx: &SiteContext) -> Result<Vec<OutputFile>, Failure> {
    let mut files = Vec::new();
    for page in &ctx.site.pages {
        for lang in &ctx.site.config.languages {
            files.push(render_one(ctx, page, lang)?);
        }
    }
    Ok(files)
}

fn render_one(ctx: &SiteContext, page: &Page, lang: &str) -> Result<OutputFile, Failure> {
    let (used, file) = file_for(ctx, page, lang);
    let title = title(ctx, page, lang);
    let view = PageView {
        html: markdown::to_html(markdown::parse(&file.body).into_iter().map(|(e, _)| e)),
        untranslated: used != lang,
        text_lang: used.to_string(),
        title,
    };
    let meta = ctx.meta(lang, &format!("{}/", page.slug), Some(&view.title.text));
    ctx.page("page.html", &meta, |c| c.insert("content", &view))
}

/// The file to show in `lang`: its own, else the default language's, else any.
fn file_for<'p>(ctx: &SiteContext, page: &'p Page, lang: &str) -> (&'p str, &'p PageFile) {
    let (file, used) = ctx
        .pick(&page.files, lang)
        .expect("a page has at least one file");
    (used, file)
}

/// The page's title in `lang`, with the language it is in when another.
pub fn title(ctx: &SiteContext, page: &Page, lang: &str) -> Text {
    let (used, file) = file_for(ctx, page, lang);
    Text {
        text: file.front.title.clone(),
        lang: (used != lang).then(|| used.to_string()),
    }
}
