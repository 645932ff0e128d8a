//! A briefing's bundle on its pages: the files published beside the page,
//! links and images in the Markdown pointed at them from every language's
//! page, images given their width and height, and an image with a title
//! alone in its paragraph made a `<figure>` with the title as `<figcaption>`.

use super::OutputFile;
use crate::content::bundle::file_name;
use crate::content::{Briefing, SectionFile};
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::markdown::{escape_text, plain_text, tags, Spanned};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// The bundle's files as published: `briefings/<slug>/<name>`.
pub fn files(briefing: &Briefing) -> Vec<OutputFile> {
    briefing
        .bundle
        .iter()
        .map(|f| OutputFile {
            path: format!("{}{}", page_dir(briefing), f.name),
            bytes: f.bytes.to_vec(),
        })
        .collect()
}

/// An error for each bundle file of `briefing` that `published` (its bundle
/// and the files its pages make) has twice: a file named like a citation
/// download (`<slug>.bib`, `.ris`, `.json`) would replace it, or be
/// replaced, without a word.
pub fn clashes(briefing: &Briefing, published: &[OutputFile]) -> Vec<Diagnostic> {
    let dir = page_dir(briefing);
    briefing
        .bundle
        .iter()
        .filter(|f| {
            let path = format!("{dir}{}", f.name);
            published.iter().filter(|p| p.path == path).count() > 1
        })
        .map(|f| {
            let message = format!("{} is the name of a file the briefing's page publishes", f.name);
            Diagnostic::error(&f.path, 0, 0, message).with_hint(format!(
                "rename the file: the page publishes its citation downloads as {0}.bib, {0}.ris and {0}.json beside it",
                briefing.slug
            ))
        })
        .collect()
}

/// The folder of the briefing's page in the default language, where its
/// bundle is published, below the site's base path.
pub fn page_dir(briefing: &Briefing) -> String {
    format!("briefings/{}/", briefing.slug)
}

/// A diagnostic for every link or image in `file` (parsed as `events`),
/// Markdown's or raw HTML's (`href`, `src`), that names a file by bare name
/// that the briefing's folder does not have: an error for a link (it would
/// lead nowhere), a warning for an image (the page shows its alt text in its
/// place until the editor adds the file, as after an import that found a
/// figure); and an error for a relative path with a folder in it.
pub fn check(briefing: &Briefing, file: &SectionFile, events: &[Spanned]) -> Vec<Diagnostic> {
    let lines = LineIndex::new(&file.body);
    let folder = file.path.parent().unwrap_or(&file.path).display();
    urls(events)
        .into_iter()
        .filter_map(|(url, offset, image)| {
            let (line, column) = lines.line_col(offset);
            let line = line + file.body_line - 1;
            let Some(name) = file_name(&url) else {
                return unresolved_path(&url).then(|| {
                    Diagnostic::error(&file.path, line, column, format!("`{url}` is a relative path the site cannot resolve: only files directly in the briefing's folder are published, named by file name"))
                        .with_hint(format!("move the file into {folder} and name it alone (`![…](chart.png)`), or link a page by its full https:// address"))
                });
            };
            if briefing.bundle_file(name).is_some() {
                return None;
            }
            let message = format!("`{name}` is not a file of this briefing's folder");
            let d = match image {
                true => Diagnostic::warning(&file.path, line, column, message)
                    .with_hint(format!("add {name} to {folder}; until then the page shows the image's text in its place")),
                false => Diagnostic::error(&file.path, line, column, message).with_hint(format!(
                    "put {name} in {folder} (it is then published beside the page) or correct the name"
                )),
            };
            Some(d)
        })
        .collect()
}

/// The URLs of the links and images of `events`: each with its offset in
/// the text and whether it is an image's. Raw HTML's `href` and `src`
/// count (review R11: they were left relative, so they 404 on the other
/// languages' pages); only Markdown images are images (shown as their text
/// when missing).
fn urls(events: &[Spanned]) -> Vec<(String, usize, bool)> {
    let mut found = Vec::new();
    for (event, range) in events {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => found.extend(
                html_urls(html)
                    .into_iter()
                    .map(|(value, url)| (url, range.start + value.start, false)),
            ),
            _ => found.extend(destination(event).map(|url| {
                let image = matches!(event, Event::Start(Tag::Image { .. }));
                (url.to_string(), range.start, image)
            })),
        }
    }
    found
}

/// The `href` and `src` values of the tags of `html`: their ranges in it
/// and their values.
fn html_urls(html: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    for tag in tags(html) {
        let attributes = tag.attributes.into_iter().zip(tag.values);
        found.extend(
            attributes
                .filter(|((name, _), _)| name == "href" || name == "src")
                .map(|((_, value), range)| (range, value)),
        );
    }
    found
}

/// True for a relative URL with a folder in it (`img/x.png`, `../x/`):
/// not a bundle file's name, and nothing the pages publish there (review
/// R10: files in a subfolder were neither published nor reported).
fn unresolved_path(url: &str) -> bool {
    is_relative(url) && file_name(url).is_none()
}

/// True for a URL relative to the page's folder (`chart.png`, `../x/`):
/// not an address, not `#id`, not a link to the site's pages (`/…`, `@/…`).
pub fn is_relative(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let scheme = path
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'));
    let site_link = path.starts_with('/') || path.starts_with(super::links::INTERNAL);
    !path.is_empty() && !site_link && !scheme
}

/// The URL of a link or image start.
pub fn destination<'e>(event: &'e Event) -> Option<&'e str> {
    match event {
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some(dest_url),
        _ => None,
    }
}

/// `events` with links and images to bundle files pointing at `dir`
/// (where the bundle is published, e.g. "/briefings/x/"), every image
/// written with its size when known, and a titled image alone in its
/// paragraph made a figure.
pub fn rewrite<'a>(events: Vec<Event<'a>>, briefing: &Briefing, dir: &str) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Paragraph) => {
                if let Some(end) = lone_titled_image(&events, i + 1) {
                    out.push(Event::Html(
                        figure(&events[i + 1..end], briefing, dir).into(),
                    ));
                    i = end + 2; // past the image's end and the paragraph's
                    continue;
                }
                out.push(events[i].clone());
            }
            Event::Start(Tag::Image { .. }) => {
                let end = image_end(&events, i);
                let html = img(&events[i..end], briefing, dir, true);
                out.push(Event::InlineHtml(html.into()));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.push(match bundle_url(dest_url, briefing, dir) {
                    Some(href) => super::links::with_destination(events[i].clone(), href),
                    None => events[i].clone(),
                })
            }
            Event::Html(html) => out.push(Event::Html(in_html(html, briefing, dir).into())),
            Event::InlineHtml(html) => {
                out.push(Event::InlineHtml(in_html(html, briefing, dir).into()))
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out
}

/// When `events[start]` begins an image with a title whose end is followed
/// by the paragraph's end, the index of the image's end.
fn lone_titled_image(events: &[Event], start: usize) -> Option<usize> {
    match events.get(start)? {
        Event::Start(Tag::Image { title, .. }) if !title.is_empty() => {
            let end = image_end(events, start);
            matches!(events.get(end + 1), Some(Event::End(TagEnd::Paragraph))).then_some(end)
        }
        _ => None,
    }
}

/// The index of the end of the image that starts at `start`.
fn image_end(events: &[Event], start: usize) -> usize {
    let mut depth = 0;
    for (i, event) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// `<figure>` for the image `events` (start to before its end); each line
/// of the title is a line of the caption (an import writes the caption,
/// then the source).
fn figure(image: &[Event], briefing: &Briefing, dir: &str) -> String {
    let title = match image.first() {
        Some(Event::Start(Tag::Image { title, .. })) => title.to_string(),
        _ => String::new(),
    };
    let caption: Vec<String> = title.lines().map(escape_text).collect();
    format!(
        "<figure>{}<figcaption>{}</figcaption></figure>\n",
        img(image, briefing, dir, false),
        caption.join("<br>")
    )
}

/// `<img>` for the image `events` (start to before its end): its alt text
/// from the events' plain text, its size from the bundle file's header, and
/// its title as a tooltip when `tooltip` is set (not in a figure, whose
/// caption shows it). An image whose file the folder lacks is its alt text,
/// in a box, until the file is added.
fn img(image: &[Event], briefing: &Briefing, dir: &str, tooltip: bool) -> String {
    let Some(Event::Start(Tag::Image {
        dest_url, title, ..
    })) = image.first()
    else {
        return String::new();
    };
    let alt = plain_text(image[1..].iter());
    let missing = file_name(dest_url).is_some_and(|name| briefing.bundle_file(name).is_none());
    if missing {
        return format!("<span class=\"image-pending\">{}</span>", escape_text(&alt));
    }
    let src = bundle_url(dest_url, briefing, dir).unwrap_or_else(|| dest_url.to_string());
    let size = file_name(dest_url)
        .and_then(|name| briefing.bundle_file(name)?.size)
        .map_or_else(String::new, |(w, h)| {
            format!(" width=\"{w}\" height=\"{h}\"")
        });
    let title = match title.is_empty() || !tooltip {
        true => String::new(),
        false => format!(" title=\"{}\"", escape_text(title)),
    };
    format!(
        "<img src=\"{}\" alt=\"{}\"{size}{title} loading=\"lazy\" decoding=\"async\">",
        escape_text(&src),
        escape_text(&alt)
    )
}

/// Raw `html` with each `href` and `src` naming a bundle file pointing at
/// `dir`, so it works on every language's page.
fn in_html(html: &str, briefing: &Briefing, dir: &str) -> String {
    let mut out = html.to_string();
    for (range, url) in html_urls(html).into_iter().rev() {
        if let Some(href) = bundle_url(&url, briefing, dir) {
            out.replace_range(range, &escape_text(&href));
        }
    }
    out
}

/// The published URL of the bundle file `url` names (its query or
/// fragment kept), if it names one.
fn bundle_url(url: &str, briefing: &Briefing, dir: &str) -> Option<String> {
    let name = file_name(url)?;
    let file = briefing.bundle_file(name)?;
    let rest = &url[url.find(name)? + name.len()..];
    Some(format!("{dir}{}{rest}", encoded(&file.name)))
}

/// A bundle file's name as one segment of its URL's path.
pub fn encoded(name: &str) -> percent_encoding::PercentEncode<'_> {
    percent_encoding::utf8_percent_encode(name, PATH_SEGMENT)
}

/// What a file name must escape to be one segment of a URL's path (a
/// space, `#`, `?`, `%`…, and every non-ASCII byte, as a URL has them):
/// editors' figure files often have spaces in their names (review s10
/// editor F26: the `src` held a raw space, invalid HTML).
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|');
