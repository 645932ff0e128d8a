//! Finding briefings: topic and author pages, the paginated front page with
//! summaries and edition labels, and the diagnostics of unknown ids, on a
//! generated portal of 25 briefings over 5 topics and 6 authors.

mod common;

use common::{attrs, check_links, sel, text, texts, TempSite};
use scraper::Html;
use std::fs;

const BRIEFINGS: usize = 25;
const TOPICS: [&str; 5] = ["central-asia", "cyber", "energy", "maritime", "taiwan"];
const AUTHORS: [&str; 6] = ["chen", "lin", "wang", "huang", "li", "wu"];
const LANGS: [(&str, &str); 2] = [("zh-Hant", ""), ("en", "en/")];

fn slug(i: usize) -> String {
    format!("b{i:02}")
}

/// The topics of briefing `i`: one or two, by a fixed rule.
fn topics_of(i: usize) -> Vec<&'static str> {
    let mut t = vec![TOPICS[i % 5]];
    if i.is_multiple_of(3) {
        t.push(TOPICS[(i + 2) % 5]);
    }
    t
}

/// Briefing 24 has a one-off author written out; the others one by id.
fn author_of(i: usize) -> Option<&'static str> {
    (i != 24).then(|| AUTHORS[i % 6])
}

/// Every fourth briefing has no English edition.
fn has_english(i: usize) -> bool {
    !i.is_multiple_of(4)
}

const FEATURED: usize = 3;

fn portal() -> TempSite {
    let site = TempSite::fixture("basic");
    fs::remove_dir_all(site.root().join("content/briefings")).unwrap();
    site.write(
        "site.yaml",
        "title: { zh-Hant: 測試入口, en: Test Portal }\nbase_url: https://example.org/portal/\n\
         default_language: zh-Hant\nlanguages: [zh-Hant, en]\npaginate_by: 10\n",
    );
    site.write("content/glossary.yaml", "");
    let topics: String = TOPICS
        .iter()
        .map(|t| format!("- id: {t}\n  name: {{ zh-Hant: 主題{t}, en: Topic {t} }}\n  description: {{ en: About {t}. }}\n"))
        .collect();
    site.write("content/topics.yaml", &topics);
    let authors: String = AUTHORS
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let division = ["Cyber", "Strategy"][k % 2];
            format!("- id: {a}\n  name: {{ zh-Hant: 作者{a}, en: Author {a} }}\n  division: {{ en: {division} Division, zh-Hant: {division}所 }}\n  bio: {{ en: \"{a} writes.\" }}\n")
        })
        .collect();
    site.write("content/authors.yaml", &authors);
    for i in 0..BRIEFINGS {
        write_briefing(&site, i);
    }
    site
}

fn write_briefing(site: &TempSite, i: usize) {
    let dir = format!("content/briefings/{}", slug(i));
    let author = match author_of(i) {
        Some(id) => format!("[{id}]"),
        None => "\n  - name: { zh-Hant: 訪問學者, en: Visiting Scholar }".to_string(),
    };
    let summary = match i % 5 {
        0 => format!("summary: {{ zh-Hant: 摘要{i}。, en: Summary {i}. }}\n"),
        1 => format!("abstract: {{ en: \"Abstract {i} opens. It goes on for long enough to pass the limit of a summary, which is about a hundred and twenty characters. A last sentence.\" }}\n"),
        _ => String::new(),
    };
    let title_en = if has_english(i) {
        format!(", en: Title {i}")
    } else {
        String::new()
    };
    site.write(
        &format!("{dir}/briefing.yaml"),
        &format!(
            "title: {{ zh-Hant: 標題{i}{title_en} }}\nauthors: {author}\ntopics: [{}]\ndate: 2024-01-{:02}\n{summary}{}",
            topics_of(i).join(", "),
            i + 1,
            if i == FEATURED { "featured: true\n" } else { "" },
        ),
    );
    site.write(
        &format!("{dir}/01-intro.zh-Hant.md"),
        &format!("---\ntitle: 引言\n---\n\n第一段{i}。\n\n第二段。\n"),
    );
    if has_english(i) {
        site.write(
            &format!("{dir}/01-intro.en.md"),
            &format!(
                "---\ntitle: Introduction\n---\n\n### Heading\n\nFirst paragraph {i}.\n\nSecond.\n"
            ),
        );
    }
}

fn page(site: &TempSite, prefix: &str, path: &str) -> Html {
    site.page(&format!("{prefix}{path}index.html"))
}

/// The briefing slugs a page lists, in order.
fn listed(doc: &Html) -> Vec<String> {
    attrs(doc, ".briefing-list h2 a", "href")
        .iter()
        .map(|h| {
            h.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// Slugs of the briefings for which `keep` holds, newest first.
fn newest_first(keep: impl Fn(usize) -> bool) -> Vec<String> {
    (0..BRIEFINGS)
        .rev()
        .filter(|&i| keep(i))
        .map(slug)
        .collect()
}

#[test]
fn topic_and_author_pages_list_exactly_their_briefings() {
    let site = portal();
    site.build();
    for (lang, prefix) in LANGS {
        let index = page(&site, prefix, "topics/");
        assert_eq!(
            attrs(&index, ".topic-index h2 a", "href"),
            TOPICS.map(|t| format!("/portal/{prefix}topics/{t}/")),
            "{lang}"
        );
        for topic in TOPICS {
            let doc = page(&site, prefix, &format!("topics/{topic}/"));
            let want = newest_first(|i| topics_of(i).contains(&topic));
            assert_eq!(listed(&doc), want, "{lang} topic {topic}");
            assert_eq!(
                attrs(&doc, "link[rel=alternate][hreflang]", "hreflang"),
                ["zh-Hant", "en", "x-default"],
                "{lang} topic {topic}"
            );
            let feed = fs::read_to_string(
                site.public()
                    .join(format!("{prefix}topics/{topic}/atom.xml")),
            )
            .unwrap();
            let xml = roxmltree::Document::parse(&feed).unwrap();
            let ids: Vec<String> = xml
                .descendants()
                .filter(|n| n.has_tag_name("entry"))
                .map(|e| {
                    e.children()
                        .find(|c| c.has_tag_name("id"))
                        .unwrap()
                        .text()
                        .unwrap()
                        .to_string()
                })
                .collect();
            let want_ids: Vec<String> = want
                .iter()
                .map(|s| format!("https://example.org/portal/{prefix}briefings/{s}/"))
                .collect();
            assert_eq!(ids, want_ids, "{lang} feed of {topic}");
        }
        let authors = page(&site, prefix, "authors/");
        assert_eq!(
            texts(&authors, ".division h2").len(),
            2,
            "{lang}: two divisions"
        );
        assert_eq!(
            attrs(&authors, ".author-index a", "href").len(),
            AUTHORS.len()
        );
        for author in AUTHORS {
            let doc = page(&site, prefix, &format!("authors/{author}/"));
            assert_eq!(
                listed(&doc),
                newest_first(|i| author_of(i) == Some(author)),
                "{lang} author {author}"
            );
        }
    }
    let sitemap = fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    for path in [
        "topics/",
        "topics/cyber/",
        "authors/",
        "authors/wu/",
        "page/3/",
    ] {
        for (_, prefix) in LANGS {
            let url = format!("<loc>https://example.org/portal/{prefix}{path}</loc>");
            assert!(sitemap.contains(&url), "sitemap lacks {url}");
        }
    }
    let (checked, broken) = check_links(&site.public(), "/portal/");
    assert!(checked > 0 && broken.is_empty(), "{broken:#?}");
}

#[test]
fn the_front_page_is_paginated_featured_first() {
    let site = portal();
    site.build();
    let mut want = vec![slug(FEATURED)];
    want.extend(newest_first(|i| i != FEATURED));
    for (lang, prefix) in LANGS {
        let paths = ["", "page/2/", "page/3/"];
        let mut all = Vec::new();
        for (n, path) in paths.iter().enumerate() {
            let doc = page(&site, prefix, path);
            all.extend(listed(&doc));
            let href = |k: usize| format!("/portal/{prefix}{}", paths[k]);
            let head = |rel: &str| attrs(&doc, &format!("head link[rel={rel}]"), "href");
            assert_eq!(
                head("prev"),
                (n > 0).then(|| href(n - 1)).into_iter().collect::<Vec<_>>()
            );
            assert_eq!(
                head("next"),
                (n < 2).then(|| href(n + 1)).into_iter().collect::<Vec<_>>()
            );
            let numbers: Vec<String> = (0..3).map(href).collect();
            let nav: Vec<String> = attrs(&doc, ".pagination a:not([rel])", "href");
            assert_eq!(nav, numbers, "{lang} page {}", n + 1);
            assert_eq!(
                attrs(&doc, ".pagination [aria-current=page]", "href"),
                [href(n)]
            );
            assert_eq!(texts(&doc, ".topic-list a").len(), TOPICS.len());
        }
        assert_eq!(
            all, want,
            "{lang}: every briefing once, featured first, then newest first"
        );
        assert!(!site.public().join(format!("{prefix}page/4")).exists());
        assert!(!site.public().join(format!("{prefix}page/1")).exists());
    }
}

#[test]
fn listings_label_editions_and_summarise() {
    let site = portal();
    site.build();
    let items = |prefix: &str| -> Vec<(String, String, Option<String>)> {
        ["", "page/2/", "page/3/"]
            .iter()
            .flat_map(|p| {
                let doc = page(&site, prefix, p);
                let li = sel(".briefing-list > li");
                doc.select(&li)
                    .map(|item| {
                        let one = |s: &str| {
                            item.select(&sel(s))
                                .next()
                                .map(|e| e.text().collect::<String>())
                        };
                        (
                            one("h2").unwrap(),
                            one(".summary").unwrap_or_default(),
                            one(".only-in"),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let en = items("en/");
    for i in 0..BRIEFINGS {
        let title = if has_english(i) {
            format!("Title {i}")
        } else {
            format!("標題{i}")
        };
        let (_, summary, only) = en.iter().find(|(t, _, _)| *t == title).expect(&title);
        assert_eq!(only.is_some(), !has_english(i), "{title}: {only:?}");
        if let Some(label) = only {
            assert_eq!(label, "Only in 繁體中文");
        }
        let want = match (i % 5, has_english(i)) {
            (0, _) => format!("Summary {i}."),
            (1, _) => format!("Abstract {i} opens. It goes on for long enough to pass the limit of a summary, which is about a hundred and twenty characters."),
            (_, true) => format!("First paragraph {i}."),
            (_, false) => format!("第一段{i}。"),
        };
        assert_eq!(*summary, want, "{title}");
    }
    assert!(items("").iter().all(|(_, _, only)| only.is_none()));
    let doc = page(&site, "en/", "");
    let chinese_only = doc
        .select(&sel(".briefing-list .summary[lang=zh-Hant]"))
        .count();
    assert!(
        chinese_only > 0,
        "a Chinese summary on the English page is marked"
    );
}

#[test]
fn briefing_pages_link_topics_and_authors_and_keep_inline_authors() {
    let site = portal();
    site.build();
    let doc = page(&site, "en/", "briefings/b12/");
    assert_eq!(
        attrs(&doc, ".title-block .topics a", "href"),
        ["/portal/en/topics/energy/", "/portal/en/topics/taiwan/"]
    );
    assert_eq!(text(&doc, ".title-block .topics a"), "Topic energy");
    assert_eq!(
        attrs(&doc, ".authors a.author-name", "href"),
        ["/portal/en/authors/chen/"]
    );
    assert_eq!(text(&doc, ".authors .affiliation"), "Cyber Division");
    let inline = page(&site, "en/", "briefings/b24/");
    assert_eq!(
        text(&inline, ".authors span.author-name"),
        "Visiting Scholar"
    );
    assert!(attrs(&inline, ".authors a.author-name", "href").is_empty());
}

#[test]
fn unknown_topic_and_author_ids_are_errors_with_a_suggestion() {
    let site = portal();
    site.build();
    site.write(
        "content/briefings/b01/briefing.yaml",
        "title: { zh-Hant: 標題 }\nauthors: [lin, chenn]\ntopics:\n  - cyber\n  - enrgy\ndate: 2024-01-02\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let file = "content/briefings/b01/briefing.yaml";
    assert!(
        out.stderr.contains(&format!(
            "{file}:5:5: error: there is no topic \"enrgy\" in content/topics.yaml"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean \"energy\"?"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!(
            "{file}:2:16: error: there is no author \"chenn\" in content/authors.yaml"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean \"chen\"?"),
        "{}",
        out.stderr
    );
    let before = common::snapshot(&site.public());
    assert_eq!(site.run(&["build"]).code, Some(1));
    assert_eq!(common::snapshot(&site.public()), before, "nothing written");
}

#[test]
fn topics_yaml_problems_are_located() {
    let site = portal();
    site.write(
        "content/topics.yaml",
        "- id: cyber\n  name: { en: Cyber }\n- id: Energy\n  name: { en: E }\n- id: cyber\n  name: { fr: Cyber }\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1));
    for want in [
        "content/topics.yaml:3:3: error: the id \"Energy\" cannot be used in a URL",
        "content/topics.yaml:5:3: error: the id \"cyber\" is used twice",
        "content/topics.yaml:6:11: error: \"fr\" is not one of the site's languages",
    ] {
        assert!(out.stderr.contains(want), "{want}\n{}", out.stderr);
    }
}

#[test]
fn a_missing_author_photo_is_an_error_at_its_field() {
    let site = portal();
    let authors = std::fs::read_to_string(site.root().join("content/authors.yaml")).unwrap();
    let with_photo = authors.replacen(
        "\n  division:",
        "\n  photo: authors/first.jpg\n  division:",
        1,
    );
    site.write("content/authors.yaml", &with_photo);
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let want =
        "content/authors.yaml:3:3: error: the photo \"authors/first.jpg\" is not a file of static/";
    assert!(out.stderr.contains(want), "{want}\n{}", out.stderr);
    assert!(
        out.stderr.contains("add static/authors/first.jpg"),
        "{}",
        out.stderr
    );
    site.write("static/authors/first.jpg", "a photo");
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let public = site.build();
    assert!(public.join("authors/first.jpg").is_file());
}

/// A photo path that leaves static/ with `..` is refused like any other
/// path that names no file of static/ (review s10 F5: `../site.yaml` passed
/// check and every byline got `<img src="/../site.yaml">`).
#[test]
fn an_author_photo_out_of_static_is_an_error_at_its_field() {
    let site = portal();
    site.write("static/authors/first.jpg", "a photo");
    let authors = std::fs::read_to_string(site.root().join("content/authors.yaml")).unwrap();
    for photo in [
        "../site.yaml",
        "authors/../../site.yaml",
        "./authors/first.jpg",
    ] {
        let with_photo = authors.replacen(
            "\n  division:",
            &format!("\n  photo: '{photo}'\n  division:"),
            1,
        );
        site.write("content/authors.yaml", &with_photo);
        let out = site.run(&["check"]);
        assert_eq!(out.code, Some(1), "{photo}: {}", out.stderr);
        let want = format!(
            "content/authors.yaml:3:3: error: the photo \"{photo}\" is not a file of static/"
        );
        assert!(out.stderr.contains(&want), "{want}\n{}", out.stderr);
        assert!(out.stderr.contains("without `.` or `..`"), "{}", out.stderr);
    }
}

#[test]
fn related_briefings_share_the_most_topics_newest_first() {
    let site = portal();
    site.build();
    for (prefix, titles) in [
        ("", ["標題24", "標題22", "標題19"]),
        ("en/", ["標題24", "Title 22", "Title 19"]),
    ] {
        let doc = page(&site, prefix, "briefings/b12/");
        // b12 is on energy and taiwan; none of the others shares both, so the
        // three newest that share one are related (the fixture has no glossary).
        assert_eq!(
            attrs(&doc, "nav.related a", "href"),
            ["b24", "b22", "b19"].map(|s| format!("/portal/{prefix}briefings/{s}/")),
        );
        assert_eq!(
            texts(&doc, "nav.related a"),
            titles,
            "b24 has no English title"
        );
    }
    let doc = page(&site, "", "briefings/b00/");
    // b00 (central-asia, energy) and b15 (central-asia, energy) share both.
    assert_eq!(
        attrs(&doc, "nav.related a", "href")[0],
        "/portal/briefings/b15/"
    );
}

/// Reader F9: a count of briefings reads as one or many in each language
/// ("1 briefing", "4 briefings"; 「1 篇簡報」), never "briefing(s)": on the
/// topic and author indexes, each count is that of its page's list. Topic
/// `solo` has a single briefing.
#[test]
fn briefing_counts_say_one_or_many() {
    let site = portal();
    let topics = fs::read_to_string(site.root().join("content/topics.yaml")).unwrap();
    site.write(
        "content/topics.yaml",
        &format!("{topics}- id: solo\n  name: {{ zh-Hant: 單篇, en: Solo }}\n"),
    );
    let yaml = site.root().join("content/briefings/b01/briefing.yaml");
    let b01 = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, b01.replace("topics: [", "topics: [solo, ")).unwrap();
    site.build();
    for (lang, prefix, one, many) in [
        ("zh-Hant", "", "1 篇簡報", "{n} 篇簡報"),
        ("en", "en/", "1 briefing", "{n} briefings"),
    ] {
        let said = |n: usize| match n {
            1 => one.to_string(),
            n => many.replace("{n}", &n.to_string()),
        };
        // Each (link, count) of an index against the list its link leads to.
        let check = |index: &str, links: &str, counts: &str| -> Vec<String> {
            let doc = page(&site, prefix, index);
            let counts = texts(&doc, counts);
            for (href, count) in attrs(&doc, links, "href").iter().zip(&counts) {
                let path = href
                    .trim_start_matches("/portal/")
                    .trim_start_matches(prefix);
                let n = listed(&page(&site, prefix, path)).len();
                assert_eq!(*count, said(n), "{lang} {href}");
            }
            counts
        };
        let counts = check("topics/", ".topic-index h2 a", ".topic-index .count");
        assert_eq!(counts.len(), TOPICS.len() + 1, "{lang}");
        assert!(counts.contains(&said(1)), "{lang}: {counts:?}");
        let counts = check("authors/", ".author-index a", ".author-index .count");
        assert_eq!(counts.len(), AUTHORS.len(), "{lang}");
    }
}

/// Reader F7: a feed's web page (its `<link rel="alternate"
/// type="text/html">`) is the page it describes: the topic page for a
/// topic's feed, the front page for the site's feed, in each language.
#[test]
fn each_feed_links_the_page_it_describes() {
    let site = portal();
    site.build();
    for (_, prefix) in LANGS {
        for (feed, page) in [
            ("atom.xml".to_string(), String::new()),
            (
                "topics/cyber/atom.xml".to_string(),
                "topics/cyber/".to_string(),
            ),
        ] {
            let xml = fs::read_to_string(site.public().join(format!("{prefix}{feed}"))).unwrap();
            let doc = roxmltree::Document::parse(&xml).unwrap();
            let alternate = doc
                .root_element()
                .children()
                .find(|c| c.has_tag_name("link") && c.attribute("rel") == Some("alternate"))
                .and_then(|l| l.attribute("href"))
                .unwrap();
            assert_eq!(
                alternate,
                format!("https://example.org/portal/{prefix}{page}"),
                "{prefix}{feed}"
            );
        }
    }
}
