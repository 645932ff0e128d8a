//! Machine-readable companions of the site: sitemap.xml with hreflang
//! alternates, an Atom feed per language, and robots.txt.

use super::briefing::Summary;
use super::context::SiteContext;
use super::OutputFile;
use crate::markdown::escape_text;
use std::fmt::Write;

/// sitemap.xml, atom.xml per language and robots.txt.
pub fn render(ctx: &SiteContext, briefings: &[Summary]) -> Vec<OutputFile> {
    let mut files = vec![sitemap(ctx, briefings), robots(ctx)];
    files.extend(
        ctx.site
            .config
            .languages
            .iter()
            .map(|l| atom(ctx, briefings, l)),
    );
    files
}

/// Every page path (below the language prefix) of the site.
fn page_paths(ctx: &SiteContext, briefings: &[Summary]) -> Vec<String> {
    let mut paths = vec![String::new(), "glossary/".to_string()];
    paths.extend(
        ctx.glossary
            .entries()
            .iter()
            .filter(|e| !e.value.draft)
            .map(|e| super::glossary::entry_path(&e.value.id)),
    );
    paths.extend(briefings.iter().map(|b| format!("briefings/{}/", b.slug)));
    paths
}

fn sitemap(ctx: &SiteContext, briefings: &[Summary]) -> OutputFile {
    let langs = &ctx.site.config.languages;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for path in page_paths(ctx, briefings) {
        for lang in langs {
            let _ = write!(
                xml,
                "<url><loc>{}</loc>",
                escape_text(&ctx.url(lang, &path))
            );
            for alt in langs {
                let _ = write!(
                    xml,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape_text(alt),
                    escape_text(&ctx.url(alt, &path))
                );
            }
            let default = &ctx.site.config.default_language;
            let _ = writeln!(
                xml,
                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/></url>",
                escape_text(&ctx.url(default, &path))
            );
        }
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

fn robots(ctx: &SiteContext) -> OutputFile {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        ctx.site.config.base_url
    );
    OutputFile {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}

fn atom(ctx: &SiteContext, briefings: &[Summary], lang: &str) -> OutputFile {
    let get = |v: &[(String, String)]| {
        v.iter()
            .find(|(l, _)| l == lang)
            .map(|(_, s)| s.clone())
            .unwrap_or_default()
    };
    let title = ctx
        .pick(&ctx.site.config.title, lang)
        .map_or(String::new(), |(t, _)| t.clone());
    let feed_url = ctx.url(lang, "atom.xml");
    let updated = briefings
        .iter()
        .filter_map(|b| b.date.clone())
        .max()
        .unwrap_or_else(|| "1970-01-01".into());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{}</id>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<updated>{updated}T00:00:00Z</updated>\n",
        escape_text(lang),
        escape_text(&title),
        escape_text(&feed_url),
        escape_text(&feed_url),
        escape_text(&ctx.url(lang, "")),
    );
    for b in briefings {
        let url = ctx.url(lang, &format!("briefings/{}/", b.slug));
        let date = b.date.clone().unwrap_or_else(|| "1970-01-01".into());
        let _ = write!(
            xml,
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<updated>{date}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
            escape_text(&get(&b.titles)),
            escape_text(&url),
            escape_text(&url),
            escape_text(&get(&b.authors)),
        );
        let summary = get(&b.abstracts);
        if !summary.is_empty() {
            let _ = writeln!(
                xml,
                "<summary type=\"html\">{}</summary>",
                escape_text(&summary)
            );
        }
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: format!(
            "{}atom.xml",
            crate::i18n::url_prefix(lang, &ctx.site.config.default_language)
        ),
        bytes: xml.into_bytes(),
    }
}
