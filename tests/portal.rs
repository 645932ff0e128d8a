//! A portal an editor owns (issue #16): the shipped site copied to a temp
//! dir, with every portal feature added (pages, menus, a briefing bundle
//! with a figure and a PDF, a template override, a logo named from a
//! template and from the CSS, root static files, publisher and copyright),
//! built and checked on the parsed output.

mod common;

use common::{attrs, check_links, html_pages, repo, sel, text, texts, TempSite};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const SLUG: &str = "china-central-asia-influence";
const BASE_URL: &str = "https://briefings.example.org/";

/// The shipped site with every portal feature added.
fn portal() -> TempSite {
    let site = TempSite::shipped();
    let fixtures = repo().join("tests/fixtures/portal");
    let copy = |from: &str, to: &str| {
        let to = site.root().join(to);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(fixtures.join(from), to).unwrap();
    };
    let bundle = format!("content/briefings/{SLUG}");
    copy("chart.png", &format!("{bundle}/chart.png"));
    copy("paper.pdf", &format!("{bundle}/paper.pdf"));
    site.write(&format!("{bundle}/data.csv"), "year,value\n2023,1\n");
    let meta = site.root().join(format!("{bundle}/briefing.yaml"));
    let yaml = fs::read_to_string(&meta).unwrap();
    fs::write(&meta, format!("{yaml}pdf: paper.pdf\n")).unwrap();
    let intro = site.root().join(format!("{bundle}/01-introduction.en.md"));
    let md = fs::read_to_string(&intro).unwrap();
    let figure = "\n![Trade by year](chart.png \"Figure 1: Trade by year\")\n\nThe figures are in [the data](data.csv).\n\n![Exports](chart.png \"Figure 2: Exports\nSource: customs data\")\n";
    fs::write(&intro, format!("{md}{figure}")).unwrap();
    // A page in English only, at its own slug.
    site.write(
        "content/pages/contact.en.md",
        "---\ntitle: Contact\nslug: contact-us\nmenu: 20\n---\nWrite to us.\n",
    );
    let config = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    // The shipped publisher (last in site.yaml) gives way to this one.
    let config = format!("{}\n", config.split("\npublisher:").next().unwrap());
    site.write(
        "site.yaml",
        &format!(
            "{config}menu:\n  zh-Hant:\n    - {{ label: 首頁, target: home }}\n    - {{ label: 名詞, target: glossary }}\n  en:\n    - {{ label: Home, target: home }}\n    - {{ label: Glossary, target: glossary }}\n    - {{ label: Source, target: \"https://example.org/source\" }}\npublisher:\n  name: {{ zh-Hant: 國防研究院, en: Defense Research Institute }}\n  url: https://institute.example.org/\ncopyright: {{ zh-Hant: © 2025 國防研究院, en: © 2025 Defense Research Institute }}\nextra:\n  tagline: Research you can cite\n"
        ),
    );
    // A logo in the theme and a seal in the site's own static/, each named
    // by a template override and by the CSS.
    copy("logo.svg", "themes/default/static/img/logo.svg");
    copy("logo.svg", "static/img/seal.svg");
    let css = site.root().join("themes/default/static/css/site.css");
    let sheet = fs::read_to_string(&css).unwrap();
    fs::write(
        &css,
        format!("{sheet}\n.site-title {{ background: url(\"../img/logo.svg\") no-repeat; }}\n.site-nav {{ background: url(\"../img/seal.svg\") no-repeat; }}\n"),
    )
    .unwrap();
    let menu = fs::read_to_string(
        site.root()
            .join("themes/default/templates/partials/menu.html"),
    )
    .unwrap();
    site.write(
        "templates/partials/menu.html",
        &format!(
            "<img class=\"logo\" src=\"{{{{ asset(path='img/logo.svg') }}}}\" alt=\"\" data-tagline=\"{{{{ extra.tagline }}}}\"><img class=\"seal\" src=\"{{{{ asset(path='img/seal.svg') }}}}\" alt=\"\">{menu}"
        ),
    );
    // Root static files, published as they are.
    site.write("static/CNAME", "briefings.example.org\n");
    site.write("static/_headers", "/*\n  X-Frame-Options: DENY\n");
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:security@example.org\n",
    );
    site.write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    site.write("static/.htaccess", "ErrorDocument 404 /404.html\n");
    site.write("static/.nojekyll", "");
    site.write("static/.DS_Store", "junk");
    site
}

#[test]
fn every_portal_feature_is_published_and_every_link_resolves() {
    let site = portal();
    let public = site.build();
    let (checked, broken) = check_links(&public, "/");
    assert!(checked > 100, "{checked} links");
    assert!(broken.is_empty(), "{broken:#?}");
    assert_bundle(&site);
    assert_menus(&site);
    assert_pages(&site);
    assert_assets_and_static(&site);
    assert_publisher(&site);
}

fn assert_bundle(site: &TempSite) {
    let dir = format!("/briefings/{SLUG}/");
    for lang_prefix in ["", "en/"] {
        let doc = site.page(&format!("{lang_prefix}briefings/{SLUG}/index.html"));
        assert_eq!(
            attrs(&doc, ".pdf a[download]", "href"),
            [format!("{dir}paper.pdf")],
            "{lang_prefix}"
        );
        assert_eq!(
            attrs(&doc, "meta[name=citation_pdf_url]", "content"),
            [format!("{BASE_URL}briefings/{SLUG}/paper.pdf")]
        );
    }
    let en = site.page(&format!("en/briefings/{SLUG}/index.html"));
    let figure = sel("figure");
    let figures: Vec<_> = en.select(&figure).collect();
    assert_eq!(figures.len(), 2);
    // A title's second line (the importer's source line) stays a line.
    let second = figures[1].select(&sel("figcaption")).next().unwrap();
    assert_eq!(
        second.inner_html(),
        "Figure 2: Exports<br>Source: customs data"
    );
    let img = figures[0]
        .select(&sel("img"))
        .next()
        .expect("an img in the figure");
    let attr = |name: &str| img.value().attr(name).unwrap_or_default().to_string();
    assert_eq!(attr("src"), format!("{dir}chart.png"));
    assert_eq!(
        (attr("width").as_str(), attr("height").as_str()),
        ("640", "360")
    );
    assert_eq!(attr("alt"), "Trade by year");
    assert!(
        img.value().attr("title").is_none(),
        "the caption shows the title"
    );
    let caption = figures[0].select(&sel("figcaption")).next().unwrap();
    assert_eq!(
        caption.text().collect::<String>(),
        "Figure 1: Trade by year"
    );
    assert!(attrs(&en, "a", "href").contains(&format!("{dir}data.csv")));
    // One copy, shared by the languages; the import's source.txt stays out.
    let public = site.public();
    for name in ["chart.png", "paper.pdf", "data.csv"] {
        let published = public.join(format!("briefings/{SLUG}/{name}"));
        let source = site.root().join(format!("content/briefings/{SLUG}/{name}"));
        assert_eq!(fs::read(published).unwrap(), fs::read(source).unwrap());
        assert!(!public.join(format!("en/briefings/{SLUG}/{name}")).exists());
    }
    assert!(!public.join(format!("briefings/{SLUG}/source.txt")).exists());
}

fn assert_menus(site: &TempSite) {
    let home = site.page("en/index.html");
    assert_eq!(
        texts(&home, ".site-nav .menu a"),
        ["Home", "Glossary", "Source", "About", "Contact"]
    );
    assert_eq!(
        attrs(&home, ".site-nav .menu a", "href"),
        [
            "/en/",
            "/en/glossary/",
            "https://example.org/source",
            "/en/about/",
            "/en/contact-us/"
        ]
    );
    assert_eq!(texts(&home, ".site-nav a[aria-current=page]"), ["Home"]);
    assert_eq!(
        texts(&home, ".footer-nav .menu a"),
        texts(&home, ".site-nav .menu a"),
        "the footer repeats the menu"
    );
    let about = site.page("about/index.html");
    assert_eq!(
        texts(&about, ".site-nav .menu a"),
        ["首頁", "名詞", "關於本站", "Contact"]
    );
    assert_eq!(
        texts(&about, ".site-nav a[aria-current=page]"),
        ["關於本站"]
    );
    assert_eq!(
        texts(&about, ".footer-nav a[aria-current=page]"),
        ["關於本站"]
    );
    let glossary = site.page("en/glossary/index.html");
    assert_eq!(
        texts(&glossary, ".site-nav a[aria-current=page]"),
        ["Glossary"]
    );
}

fn assert_pages(site: &TempSite) {
    let about = site.page("en/about/index.html");
    assert_eq!(text(&about, "article h1"), "About");
    assert!(about.select(&sel("article .notice")).next().is_none());
    assert_eq!(
        attrs(&about, "link[rel=alternate][hreflang]", "href"),
        [
            format!("{BASE_URL}about/"),
            format!("{BASE_URL}en/about/"),
            format!("{BASE_URL}about/")
        ]
    );
    // The English-only page in Chinese: the original, with a notice.
    let contact = site.page("contact-us/index.html");
    assert_eq!(attrs(&contact, "html", "lang"), ["zh-Hant"]);
    assert_eq!(attrs(&contact, "article", "lang"), ["en"]);
    assert_eq!(attrs(&contact, "article .notice", "lang"), ["zh-Hant"]);
    assert_eq!(text(&contact, "article h1"), "Contact");
    let sitemap = fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    for url in ["about/", "en/about/", "contact-us/", "en/contact-us/"] {
        assert!(
            sitemap.contains(&format!("<loc>{BASE_URL}{url}</loc>")),
            "{url}"
        );
    }
}

fn assert_assets_and_static(site: &TempSite) {
    let public = site.public();
    let home = site.page("index.html");
    // The overridden partial, with the theme setting and the asset function.
    let logo = attrs(&home, ".site-nav img.logo", "src");
    assert_eq!(logo.len(), 1);
    let logo = &logo[0];
    assert!(logo.starts_with("/assets/img/logo.") && logo.ends_with(".svg") && logo.len() > 25);
    assert!(public.join(logo.trim_start_matches('/')).is_file());
    assert_eq!(
        attrs(&home, ".site-nav img.logo", "data-tagline"),
        ["Research you can cite"]
    );
    // The CSS names the same fingerprinted file, relative to itself.
    let css = attrs(&home, "link[rel=stylesheet]", "href").pop().unwrap();
    let sheet = fs::read_to_string(public.join(css.trim_start_matches('/'))).unwrap();
    let file = logo.rsplit('/').next().unwrap();
    assert!(sheet.contains(&format!("../img/{file}")), "{sheet:.200}");
    // The site's own static file, as published at the root (review R12).
    assert_eq!(attrs(&home, ".site-nav img.seal", "src"), ["/img/seal.svg"]);
    assert!(public.join("img/seal.svg").is_file());
    assert!(sheet.contains("../../img/seal.svg"), "{sheet:.200}");
    // A favicon declared, so no page makes the browser ask for /favicon.ico.
    for icon in attrs(&home, "link[rel=icon]", "href") {
        assert!(
            public.join(icon.trim_start_matches('/')).is_file(),
            "{icon}"
        );
    }
    assert_eq!(attrs(&home, "link[rel=icon]", "href").len(), 2);
    assert!(
        !public.join(".DS_Store").exists(),
        "other hidden files stay out"
    );
    // Root static files as they are; the site's robots.txt replaces ours.
    for (name, source) in [
        ("CNAME", "static/CNAME"),
        ("_headers", "static/_headers"),
        (
            ".well-known/security.txt",
            "static/.well-known/security.txt",
        ),
        ("robots.txt", "static/robots.txt"),
        (".htaccess", "static/.htaccess"),
        (".nojekyll", "static/.nojekyll"),
    ] {
        assert_eq!(
            fs::read(public.join(name)).unwrap(),
            fs::read(site.root().join(source)).unwrap(),
            "{name}"
        );
    }
}

fn assert_publisher(site: &TempSite) {
    let en = site.page(&format!("en/briefings/{SLUG}/index.html"));
    let jsonld = text(&en, "script[type=\"application/ld+json\"]");
    let value: serde_json::Value = serde_json::from_str(&jsonld).unwrap();
    assert_eq!(value["publisher"]["name"], "Defense Research Institute");
    assert_eq!(value["publisher"]["url"], "https://institute.example.org/");
    assert_eq!(
        attrs(&en, "meta[name=citation_publisher]", "content"),
        ["Defense Research Institute"]
    );
    assert_eq!(
        text(&en, ".site-footer .copyright"),
        "© 2025 Defense Research Institute"
    );
    let feed = fs::read_to_string(site.public().join("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let child = |name: &str| {
        doc.root_element()
            .children()
            .find(|n| n.has_tag_name(name))
            .map(|n| {
                n.descendants()
                    .filter(|d| d.is_text())
                    .filter_map(|d| d.text())
                    .collect::<String>()
            })
    };
    assert_eq!(child("rights").as_deref(), Some("© 2025 國防研究院"));
    assert_eq!(
        child("author").as_deref().map(str::trim),
        Some("國防研究院")
    );
}

/// Every file of the output is one the site asked for: a page, a file a
/// page or stylesheet names, a feed, the sitemap, or a root static file;
/// nothing of the build's bookkeeping or the content's sources.
#[test]
fn the_output_contains_no_file_the_site_did_not_ask_for() {
    let site = portal();
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let public = site.public();
    let files: Vec<String> = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&public).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    let pages: BTreeSet<String> = html_pages(&public)
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let mut named = String::new();
    for file in files
        .iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".css"))
    {
        named.push_str(&fs::read_to_string(public.join(file)).unwrap());
    }
    let fixed = [
        "sitemap.xml",
        "atom.xml",
        "en/atom.xml",
        "robots.txt",
        "404.html",
    ];
    let root_static = [
        "CNAME",
        "_headers",
        ".well-known/security.txt",
        ".htaccess",
        ".nojekyll",
    ];
    let unasked: Vec<&String> = files
        .iter()
        .filter(|f| !pages.contains(*f) && !fixed.contains(&f.as_str()))
        .filter(|f| !root_static.contains(&f.as_str()))
        // The search index: its files are named by pagefind.js and its entry file.
        .filter(|f| !f.starts_with("pagefind/") || *f == "pagefind/pagefind.js")
        .filter(|f| {
            let name = f.rsplit('/').next().unwrap();
            !named.contains(&format!("/{f}")) && !named.contains(&format!("/{name}"))
        })
        .collect();
    assert!(unasked.is_empty(), "{unasked:?}");
    // The report counts what is there (robots.txt once, though the site's replaced ours).
    let report = format!("{}{}", out.stdout, out.stderr);
    let counted = format!("{} pages ({} files,", pages.len(), files.len());
    assert!(report.contains(&counted), "expected {counted} in {report}");
    for file in &files {
        let hidden = file.split('/').any(|p| p.starts_with('.'))
            && !file.starts_with(".well-known/")
            && !root_static.contains(&file.as_str());
        let source =
            file.ends_with(".md") || file.ends_with(".yaml") || file.ends_with("source.txt");
        assert!(!hidden && !source, "{file}");
    }
}

/// Each fault is a diagnostic at its file and line, all in one run, and
/// nothing is published. A link to a missing bundle file is an error (it
/// would lead nowhere); a missing image is a warning (an import's figure
/// before the editor adds the image).
#[test]
fn a_missing_bundle_file_and_a_dead_menu_target_are_errors_with_positions() {
    let site = portal();
    let intro = format!("content/briefings/{SLUG}/01-introduction.zh-Hant.md");
    let md = fs::read_to_string(site.root().join(&intro)).unwrap();
    let line = md.lines().count() + 2;
    site.write(
        &intro,
        &format!("{md}\n![圖](missing.png)\n\n[資料](missing.csv)\n\n![子](img/chart.png)\n"),
    );
    // A file in a subfolder is neither published nor a bundle name (review R10).
    fs::create_dir_all(site.root().join(format!("content/briefings/{SLUG}/img"))).unwrap();
    site.write(&format!("content/briefings/{SLUG}/img/chart.png"), "x");
    let config = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    // Misspelt in both languages' items: each is reported at its own line
    // (review editor F12: both were at the first).
    let config = config.replace("target: glossary }", "target: glosary }");
    site.write("site.yaml", &config);
    let menu_lines: Vec<usize> = (config.lines().enumerate())
        .filter(|(_, l)| l.contains("glosary"))
        .map(|(i, _)| i + 1)
        .collect();
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(!site.public().exists());
    for (at, severity, name) in [
        (line, "warning", "missing.png"),
        (line + 2, "error", "missing.csv"),
    ] {
        let missing =
            format!("{intro}:{at}:1: {severity}: `{name}` is not a file of this briefing's folder");
        assert!(
            out.stderr.contains(&missing),
            "expected {missing}\n{}",
            out.stderr
        );
    }
    let subfolder = format!(
        "{intro}:{}:1: error: `img/chart.png` is a relative path the site cannot resolve",
        line + 4
    );
    assert!(
        out.stderr.contains(&subfolder),
        "expected {subfolder}\n{}",
        out.stderr
    );
    for (menu_line, label) in menu_lines.iter().zip(["名詞", "Glossary"]) {
        let menu = format!("site.yaml:{menu_line}:");
        let message = format!("the menu item \"{label}\" leads to no page `glosary`");
        assert!(
            out.stderr
                .lines()
                .any(|l| l.starts_with(&menu) && l.contains(&message)),
            "expected {menu} {message}\n{}",
            out.stderr
        );
    }
    assert!(
        out.stderr.contains("did you mean `glossary`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_template_override_the_theme_does_not_have_is_an_error_at_the_file() {
    let site = portal();
    site.build();
    let before = common::snapshot(&site.public());
    site.write("templates/partials/footer.html", "<p>never used</p>");
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let expected = "templates/partials/footer.html:1:1: error: the theme has no template `partials/footer.html`";
    assert!(out.stderr.contains(expected), "{}", out.stderr);
    assert_eq!(
        common::snapshot(&site.public()),
        before,
        "the output is left as it was"
    );
}

#[test]
fn a_pdf_that_is_not_in_the_folder_is_an_error_at_the_field() {
    let site = portal();
    let meta = format!("content/briefings/{SLUG}/briefing.yaml");
    let yaml = fs::read_to_string(site.root().join(&meta)).unwrap();
    site.write(&meta, &yaml.replace("pdf: paper.pdf", "pdf: paper-v2.pdf"));
    let line = yaml.lines().position(|l| l == "pdf: paper.pdf").unwrap() + 1;
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1));
    let expected = format!("{meta}:{line}:1: error: `pdf: paper-v2.pdf` names no file");
    assert!(out.stderr.contains(&expected), "{expected}\n{}", out.stderr);
}

#[test]
fn the_theme_alone_still_builds_without_site_overrides() {
    // The shipped site has no templates/, and static/ holds only _headers:
    // the theme's own templates and files serve, and robots.txt is ours.
    let site = TempSite::shipped();
    let public = site.build();
    assert!(!Path::new(&public.join("CNAME")).exists());
    assert_eq!(
        fs::read(public.join("_headers")).unwrap(),
        fs::read(repo().join("static/_headers")).unwrap()
    );
    let robots = fs::read_to_string(public.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://briefings.example.org/sitemap.xml"));
}

/// docs/deploy/github-pages.yml's site build, run as written (with the
/// release binary's path pointing at this build) for a project site under
/// a subpath: every link resolves below that subpath.
#[test]
fn the_github_pages_recipe_builds_a_site_under_its_subpath() {
    let workflow = fs::read_to_string(repo().join("docs/deploy/github-pages.yml")).unwrap();
    let workflow: serde_yaml::Value = serde_yaml::from_str(&workflow).unwrap();
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let run = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"].as_str() == Some(name))
            .and_then(|s| s["run"].as_str())
            .unwrap_or_else(|| panic!("no step {name}"))
            .to_string()
    };
    // The site's repository has no Rust sources: the job installs the
    // tool's release binary from its repository (review R15).
    let install = shlex::split(&run("Install briefing (the project's release binary)")).unwrap();
    let cargo = install.iter().position(|a| a == "cargo").unwrap();
    assert_eq!(
        &install[cargo..],
        [
            "cargo",
            "install",
            "--locked",
            "--git",
            "$BRIEFING_REPO",
            "--rev",
            "$BRIEFING_REV",
            "--root",
            "~/.briefing-tool",
            "briefing"
        ]
    );
    for var in ["BRIEFING_REPO", "BRIEFING_REV"] {
        assert!(workflow["env"][var].as_str().is_some(), "{var} is set");
    }
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
        })
        .unwrap();
    assert_eq!(upload["with"]["path"].as_str(), Some("public"));
    let command = run("Build the site").replace(
        "${{ steps.pages.outputs.base_url }}",
        "https://owner.github.io/portal",
    );
    let args = shlex::split(&command).unwrap();
    assert_eq!(args[0], "~/.briefing-tool/bin/briefing");
    let site = TempSite::shipped();
    let out = site.run(&args[1..].iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let (checked, broken) = check_links(&site.public(), "/portal/");
    assert!(checked > 100 && broken.is_empty(), "{checked}: {broken:#?}");
    let home = site.page("index.html");
    assert_eq!(
        attrs(&home, "link[rel=canonical]", "href"),
        ["https://owner.github.io/portal/"]
    );
}

/// The home, glossary and text pages load only the scripts they use (the
/// language switch and what it shares); a briefing page also loads the
/// reading mode, popovers and contents, in the order they expect.
#[test]
fn scripts_load_only_on_pages_that_use_them() {
    let site = TempSite::shipped();
    site.build();
    let names = |page: &str| -> Vec<String> {
        attrs(&site.page(page), "script[src]", "src")
            .iter()
            .map(|src| {
                src.rsplit('/')
                    .next()
                    .unwrap()
                    .split('.')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    for page in [
        "index.html",
        "en/glossary/index.html",
        "about/index.html",
        "404.html",
    ] {
        assert_eq!(names(page), ["briefing", "language"], "{page}");
    }
    assert_eq!(
        names(&format!("en/briefings/{SLUG}/index.html")),
        ["briefing", "language", "mode", "popover", "toc", "cite"]
    );
}

/// A page cannot take the URL folder of another page, of a language or of
/// the site's own pages, and a menu leads only to pages of the site or to
/// http(s) addresses: each is an error, and nothing is published.
#[test]
fn pages_and_menus_cannot_take_over_other_urls_or_run_script() {
    for (file, text, expected) in [
        (
            "content/pages/evil.en.md",
            "---\ntitle: Evil\nslug: en\n---\nx\n",
            "the page's URL folder \"en\" (from `slug:`) cannot be used",
        ),
        (
            "content/pages/evil.en.md",
            "---\ntitle: Evil\nslug: topics\n---\nx\n",
            "the page's URL folder \"topics\" (from `slug:`) cannot be used",
        ),
        (
            "content/pages/x.en.md",
            "---\ntitle: X\nslug: about\n---\nx\n",
            "is already page",
        ),
    ] {
        let site = portal();
        site.write(file, text);
        let out = site.run(&["build"]);
        assert_eq!(out.code, Some(1), "{file}: {}", out.stderr);
        assert!(out.stderr.contains(expected), "{expected}: {}", out.stderr);
        assert!(!site.public().exists());
    }
    let site = portal();
    let config = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let evil = config.replacen(
        "target: glossary }",
        "target: \"javascript://%0Aalert(1)\" }",
        1,
    );
    assert_ne!(evil, config);
    site.write("site.yaml", &evil);
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("leads to no page `javascript://%0Aalert(1)`"),
        "{}",
        out.stderr
    );
    // The publisher's URL is the footer link of every page (review R19).
    let evil = config.replacen(
        "url: https://institute.example.org/",
        "url: \"javascript:alert(1)\"",
        1,
    );
    assert_ne!(evil, config);
    site.write("site.yaml", &evil);
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let line = evil[..evil.find("javascript:alert").unwrap()]
        .lines()
        .count();
    assert!(
        out.stderr.contains(&format!("site.yaml:{line}:"))
            && out.stderr.contains("is not an http(s) address"),
        "{}",
        out.stderr
    );
    assert!(!site.public().exists());
}

/// A page's Markdown is screened like a briefing section's: a script link
/// is shown as text and raw HTML that runs script is published but
/// reported, each at its line and column; nesting too deep for any page is
/// an error (review F37: pages were published without a word).
#[test]
fn a_page_that_runs_script_is_reported_at_the_place() {
    let site = portal();
    site.write(
        "content/pages/contact.en.md",
        "---\ntitle: Contact\n---\nWrite to [us](javascript:alert(1)).\n\n<img src=x onerror=alert(2)>\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    for expected in [
        "content/pages/contact.en.md:4:10: warning: the link to \"javascript:alert(1)\" is shown as plain text",
        "content/pages/contact.en.md:6:1: warning: raw HTML here has the event handler `onerror`",
    ] {
        assert!(out.stderr.contains(expected), "{expected}\n{}", out.stderr);
    }
    let page = site.page("en/contact/index.html");
    let script_links = attrs(&page, "main a[href^=javascript]", "href");
    assert!(script_links.is_empty(), "the script link is text");

    site.write(
        "content/pages/contact.en.md",
        &format!("---\ntitle: Contact\n---\n{}x\n", "> ".repeat(150)),
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("content/pages/contact.en.md:4:")
            && out.stderr.contains("nested more than 100 levels deep"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_bundle_file_cannot_replace_the_briefing_page_or_its_downloads() {
    let site = portal();
    site.write(
        &format!("content/briefings/{SLUG}/index.html"),
        "<h1>mine</h1>",
    );
    site.write(&format!("content/briefings/{SLUG}/source.txt~"), "a backup");
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("index.html is the name of the briefing's own page"),
        "{}",
        out.stderr
    );
    fs::remove_file(
        site.root()
            .join(format!("content/briefings/{SLUG}/index.html")),
    )
    .unwrap();
    // Nor a citation download (before: the editor's file was dropped).
    let bib = format!("content/briefings/{SLUG}/{SLUG}.bib");
    site.write(&bib, "@misc{mine, title={Mine}}\n");
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let expected =
        format!("{bib}: error: {SLUG}.bib is the name of a file the briefing's page publishes");
    assert!(out.stderr.contains(&expected), "{}", out.stderr);
    fs::remove_file(site.root().join(&bib)).unwrap();
    site.build();
    assert!(
        !site
            .public()
            .join(format!("briefings/{SLUG}/source.txt~"))
            .exists(),
        "backups are not published"
    );
}

/// A bundle file whose name has spaces is named in the Markdown as
/// CommonMark allows (`<…>`) or percent-encoded, and published at a URL with
/// its spaces encoded (review s10 editor F26: a raw space in `src`, invalid
/// HTML; the encoded form was "not a file of this briefing's folder").
#[test]
fn bundle_file_names_with_spaces_are_found_and_encoded() {
    let site = TempSite::shipped();
    let bundle = format!("content/briefings/{SLUG}");
    let name = "圖 2 地圖.png";
    fs::copy(
        repo().join("tests/fixtures/portal/chart.png"),
        site.root().join(format!("{bundle}/{name}")),
    )
    .unwrap();
    let intro = format!("{bundle}/01-introduction.zh-Hant.md");
    let md = fs::read_to_string(site.root().join(&intro)).unwrap();
    let figures = "\n![地圖](<圖 2 地圖.png> \"圖2：地圖\")\n\n文中的![地圖二](%E5%9C%96%202%20%E5%9C%B0%E5%9C%96.png)。\n";
    site.write(&intro, &format!("{md}{figures}"));
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(!out.stderr.contains("not a file"), "{}", out.stderr);
    let page = site.page(&format!("briefings/{SLUG}/index.html"));
    let srcs: Vec<String> = attrs(&page, "img", "src")
        .into_iter()
        .filter(|s| s.contains("%20"))
        .collect();
    let url = format!("/briefings/{SLUG}/%E5%9C%96%202%20%E5%9C%B0%E5%9C%96.png");
    assert_eq!(srcs, [url.clone(), url]);
    assert!(site
        .public()
        .join(format!("briefings/{SLUG}/{name}"))
        .is_file());
    let (_, broken) = check_links(&site.public(), "/");
    assert_eq!(broken, Vec::<String>::new());
}

/// `@/…` links name a page by what it is and follow the base path in each
/// language; root-relative links to the site's pages get the base path; a
/// missing `@/` target is an error and an unknown root path a warning, each
/// at its line and column (review R25).
#[test]
fn links_to_the_sites_pages_follow_the_base_path_and_are_checked() {
    let site = portal();
    let about = site.root().join("content/pages/about.en.md");
    let md = fs::read_to_string(&about).unwrap();
    let md = format!("{md}\n## Our team {{#team}}\n");
    let line = md.lines().count() + 2;
    let links = format!("\nSee [it](@/briefings/{SLUG}), [about](@/pages/about.md#team), [terms](@/glossary) and [old](/briefings/{SLUG}/), [zh](/glossary/), [chart](/briefings/{SLUG}/chart.png).\n");
    fs::write(&about, format!("{md}{links}")).unwrap();
    let out = site.run(&["build", "--base-url", "https://owner.github.io/portal/"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let page = site.page("en/about/index.html");
    let hrefs = attrs(&page, "article.text-page p a", "href");
    for expected in [
        format!("/portal/en/briefings/{SLUG}/"),
        "/portal/en/about/#team".to_string(),
        "/portal/en/glossary/".to_string(),
        format!("/portal/briefings/{SLUG}/"),
        "/portal/glossary/".to_string(),
        format!("/portal/briefings/{SLUG}/chart.png"),
    ] {
        assert!(hrefs.contains(&expected), "{expected} in {hrefs:?}");
    }
    // The same `@/` link in a section of a briefing, in both languages.
    let intro = format!("content/briefings/{SLUG}/01-introduction.zh-Hant.md");
    let zh = fs::read_to_string(site.root().join(&intro)).unwrap();
    site.write(&intro, &format!("{zh}\n見[關於](@/pages/about)。\n"));
    site.run(&["build", "--base-url", "https://owner.github.io/portal/"]);
    let briefing = site.page(&format!("briefings/{SLUG}/index.html"));
    assert!(attrs(&briefing, "main a", "href").contains(&"/portal/about/".to_string()));

    let broken = format!("{md}\n[gone](@/briefings/nope) and [off](/nope/).\n");
    fs::write(&about, broken).unwrap();
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    for expected in [
        format!("content/pages/about.en.md:{line}:1: error: `@/briefings/nope` names no page of the site"),
        format!("content/pages/about.en.md:{line}:30: warning: `/nope/` is not a page or file this site publishes"),
    ] {
        assert!(out.stderr.contains(&expected), "{expected}\n{}", out.stderr);
    }
}

/// Review s10 F10 [#16]: a link's `#anchor` is checked against the ids of
/// the page it leads to as rendered (sections, headings, notes, glossary
/// entries), in pages and sections, `@/` and same-page links alike: one
/// that names no id is an error at its link (a root-relative one a
/// warning), `check` and `build` fail, and public/ is left as it was.
#[test]
fn an_anchor_that_names_no_id_of_its_page_is_reported_at_its_link() {
    let site = portal();
    let about = "content/pages/about.en.md";
    let md = fs::read_to_string(site.root().join(about)).unwrap();
    let good = format!("[s](@/briefings/{SLUG}#section-2) [h](@/briefings/{SLUG}#section-4-3) [n](@/briefings/{SLUG}#fn-3) [t](@/glossary#china-development-bank) [top](#top) [me](#team)");
    site.write(about, &format!("{md}\n## Our team {{#team}}\n\n{good}\n"));
    let section = format!("content/briefings/{SLUG}/03-section-3.zh-Hant.md");
    let zh = fs::read_to_string(site.root().join(&section)).unwrap();
    site.write(
        &section,
        &format!("{zh}\n見[前節](#section-2)、[第四節](#section-4-1)與[附註](#fn-1)。\n"),
    );
    site.build();
    let built = common::snapshot(&site.public());

    let page_line = md.lines().count() + 5;
    let bad = format!("[b](@/briefings/{SLUG}#section-2-1) [g](@/glossary#nope) [me](#teem) [r](/en/glossary/#nope)");
    site.write(
        about,
        &format!("{md}\n## Our team {{#team}}\n\n{good}\n{bad}\n"),
    );
    let section_line = zh.lines().count() + 2;
    site.write(
        &section,
        &format!("{zh}\n見[上節](#section-2-9)與[他處](@/briefings/{SLUG}#zzz)。\n"),
    );
    let expected = [
        format!("{about}:{page_line}:1: error: `@/briefings/{SLUG}#section-2-1` leads to no element of its page: the page has no id `section-2-1`"),
        format!("{about}:{page_line}:{}: error: `@/glossary#nope` leads", bad.find("[g]").unwrap() + 1),
        format!("{about}:{page_line}:{}: error: `#teem` leads", bad.find("[me]").unwrap() + 1),
        format!("{about}:{page_line}:{}: warning: `/en/glossary/#nope` leads", bad.find("[r]").unwrap() + 1),
        format!("{section}:{section_line}:2: error: `#section-2-9` leads"),
        format!("{section}:{section_line}:{}: error: `@/briefings/{SLUG}#zzz` leads", "見[上節](#section-2-9)與".chars().count() + 1),
    ];
    for args in [&["check"][..], &["build"][..]] {
        let out = site.run(args);
        assert_eq!(out.code, Some(1), "{args:?}: {}", out.stderr);
        for e in &expected {
            assert!(
                out.stderr.contains(e.as_str()),
                "{args:?}: {e}\n{}",
                out.stderr
            );
        }
        assert!(
            out.stderr.contains("hint: did you mean `#team`?"),
            "{}",
            out.stderr
        );
    }
    assert_eq!(
        common::snapshot(&site.public()),
        built,
        "the failed build left public/ as it was"
    );
}

/// A page's Markdown is a section's: `[[term]]` links the glossary, notes
/// get section-style ids and back links, and a relative image is reported
/// (review R33: the literal `[[…]]`, bare `#1` notes and a 404 image).
#[test]
fn pages_have_the_markdown_of_sections() {
    let site = portal();
    let about = site.root().join("content/pages/about.en.md");
    let md = fs::read_to_string(&about).unwrap();
    fs::write(
        &about,
        format!("{md}\nA claim.[^1] On [[soft-power]]. Write to <editor@example.org>.\n\n[^1]: A source.\n"),
    )
    .unwrap();
    site.build();
    let page = site.page("en/about/index.html");
    let mail = attrs(&page, "article.text-page a[href^='mailto:']", "href");
    assert_eq!(mail, ["mailto:editor@example.org"], "an e-mail autolink");
    let body = text(&page, "article.text-page");
    assert!(!body.contains("[["), "{body}");
    let glossary = attrs(&page, "article.text-page a[href*='glossary']", "href");
    assert!(!glossary.is_empty(), "the term links the glossary");
    let notes = attrs(&page, "section.endnotes li", "id");
    assert_eq!(notes.len(), 1, "one endnote");
    let refs = attrs(&page, "article.text-page p a[href^='#']", "href");
    assert!(
        refs.contains(&format!("#{}", notes[0])),
        "{refs:?} → {notes:?}"
    );
    let back = attrs(&page, "section.endnotes li a[href^='#']", "href");
    assert!(!back.is_empty(), "the note links back to its reference");

    fs::write(&about, format!("{md}\n![logo](logo.png)\n")).unwrap();
    let line = md.lines().count() + 2;
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let expected =
        format!("content/pages/about.en.md:{line}:1: error: `logo.png` is a relative path");
    assert!(out.stderr.contains(&expected), "{expected}\n{}", out.stderr);
}

/// A page's glossary terms and note references open the cards a briefing's
/// do, in Chromium: the page loads the popover script and names its
/// language's card file (before: no script, so a term only jumped to the
/// glossary). The shipped About page, with neither, loads no popover
/// script (`scripts_load_only_on_pages_that_use_them`).
#[test]
fn a_pages_terms_and_notes_open_popovers() {
    let site = TempSite::shipped();
    let about = site.root().join("content/pages/about.en.md");
    let md = fs::read_to_string(&about).unwrap();
    let added = "\nA claim.[^1] On [[soft-power]].\n\n[^1]: A source.\n";
    fs::write(&about, format!("{md}{added}")).unwrap();
    site.build();
    let page = site.page("en/about/index.html");
    let cards = attrs(&page, "article[data-glossary]", "data-glossary");
    assert_eq!(cards.len(), 1, "the text names its card file");
    let file = site.public().join(cards[0].trim_start_matches('/'));
    assert!(file.is_file(), "{file:?}");
    let scripts = attrs(&page, "script[src]", "src");
    assert!(
        scripts.iter().any(|s| s.contains("/popover.")),
        "{scripts:?}"
    );

    let Some(tab) = common::browser::tab() else {
        return;
    };
    let server = common::browser::serve(&site.public(), "/");
    tab.goto(&server.url("en/about/"));
    tab.hover("article a.term");
    tab.wait_for("document.querySelector('.popover dfn') !== null");
    let term = tab.eval("document.querySelector('.popover dfn').textContent");
    assert_eq!(term, "soft power");
    tab.press_key("Escape");
    tab.hover("a[role=doc-noteref]");
    tab.wait_for("(document.querySelector('.popover') || {}).textContent?.includes('A source.')");
}

/// Bundle files named in raw HTML resolve on every language's page, and a
/// relative path there is reported like a Markdown one (review R11: the
/// English page kept `src="chart.png"`, a 404 under /en/).
#[test]
fn raw_html_names_bundle_files_for_every_language() {
    let site = portal();
    let intro = format!("content/briefings/{SLUG}/01-introduction.en.md");
    let md = fs::read_to_string(site.root().join(&intro)).unwrap();
    let raw = "\n<img src=\"chart.png\" alt=\"raw\"> and <a href=\"paper.pdf\">raw pdf</a>\n";
    site.write(&intro, &format!("{md}{raw}"));
    site.build();
    let page = site.page(&format!("en/briefings/{SLUG}/index.html"));
    let dir = format!("/briefings/{SLUG}/");
    assert!(attrs(&page, "img[alt=raw]", "src").contains(&format!("{dir}chart.png")));
    assert!(attrs(&page, "main a", "href").contains(&format!("{dir}paper.pdf")));
    let (checked, broken) = check_links(&site.public(), "/");
    assert!(checked > 0 && broken.is_empty(), "{broken:?}");

    let line = md.lines().count() + 2;
    site.write(
        &intro,
        &format!("{md}\n<a href=\"../other/chart.png\">up</a>\n"),
    );
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let expected = format!("{intro}:{line}:10: error: `../other/chart.png` is a relative path");
    assert!(out.stderr.contains(&expected), "{expected}\n{}", out.stderr);
}

/// A page that site.yaml's menu names is not appended again for its
/// `menu:` weight (review R16: two links to /about/, both current).
#[test]
fn a_page_in_the_site_menu_is_listed_once() {
    let site = portal();
    let config = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let config = config.replace(
        "    - { label: 名詞, target: glossary }\n",
        "    - { label: 名詞, target: glossary }\n    - { label: 關於, target: about }\n",
    );
    site.write("site.yaml", &config);
    site.build();
    let page = site.page("about/index.html");
    let nav = page
        .select(&sel("header nav"))
        .next()
        .expect("a header menu");
    let about: Vec<_> = nav
        .select(&sel("a"))
        .filter(|a| a.value().attr("href") == Some("/about/"))
        .collect();
    assert_eq!(about.len(), 1, "{}", nav.html());
    assert_eq!(about[0].text().collect::<String>(), "關於");
    assert_eq!(about[0].value().attr("aria-current"), Some("page"));
}

/// A file of the site's `static/` at a generated page's path is an error
/// naming it; `robots.txt` may replace the generated one (review R17: the
/// front page, /en/, sitemap.xml were replaced without a word).
#[test]
fn a_static_file_cannot_replace_a_generated_page() {
    let site = portal();
    site.write("static/index.html", "STATIC-INDEX");
    site.write("static/en/about/index.html", "STATIC-ABOUT");
    site.write("static/sitemap.xml", "STATIC-SITEMAP");
    // The search index's folder and a briefing's citation file too, all in
    // one run (review s10 attacker F17).
    site.write("static/pagefind/pagefind.js", "alert(1)");
    let bib = format!("en/briefings/{SLUG}/{SLUG}.bib");
    site.write(&format!("static/{bib}"), "STATIC-BIB");
    site.write("static/en/briefings.bib", "STATIC-BIBS");
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(!site.public().exists());
    for path in [
        "index.html",
        "en/about/index.html",
        "sitemap.xml",
        "pagefind/pagefind.js",
        &bib,
        "en/briefings.bib",
    ] {
        let expected =
            format!("static/{path}: error: this file would replace the site's generated /{path}");
        assert!(out.stderr.contains(&expected), "{expected}\n{}", out.stderr);
    }
}

/// Page slug errors are at the `slug:` value, or at the file when its name
/// is the folder; two languages' slugs that differ are an error at the
/// second; a page file in a subfolder is reported (review R18, R28, R35).
#[test]
fn page_slug_problems_are_reported_where_they_are() {
    let site = portal();
    site.write("content/pages/glossary.en.md", "---\ntitle: G\n---\n\nx\n");
    site.write(
        "content/pages/zz.en.md",
        "---\ntitle: X\nslug: \"../../etc\"\n---\n\nx\n",
    );
    site.write(
        "content/pages/about.zh-Hant.md",
        "---\ntitle: 關於\nslug: guanyu\n---\n\n關於。\n",
    );
    let en = fs::read_to_string(site.root().join("content/pages/about.en.md")).unwrap();
    site.write(
        "content/pages/about.en.md",
        &en.replacen("---\n", "---\nslug: about-us\n", 1),
    );
    site.write("content/pages/sub/deep.en.md", "---\ntitle: S\n---\n\nx\n");
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    for expected in [
        "content/pages/glossary.en.md:1:1: error: the page's URL folder \"glossary\" (from the file's name) cannot be used",
        "content/pages/zz.en.md:3:7: error: the page's URL folder \"../../etc\" (from `slug:`) cannot be used",
        "content/pages/about.zh-Hant.md:3:7: error: `slug: guanyu` differs from `slug: about-us` in content/pages/about.en.md",
        "content/pages/sub/deep.en.md: error: this file is in a subfolder of content/pages/ and is not published",
    ] {
        assert!(out.stderr.contains(expected), "{expected}\n{}", out.stderr);
    }
}

/// Editors' leftovers are skipped in templates/ and static/ as in content/
/// (review R36: `base.html~` stopped the build, `_headers~` was published).
#[test]
fn editors_leftovers_are_skipped_everywhere() {
    let site = portal();
    let base = fs::read_to_string(site.root().join("themes/default/templates/base.html")).unwrap();
    site.write("templates/base.html~", &base);
    site.write("static/_headers~", "x");
    site.write("static/robots.txt.bak", "x");
    site.write("content/pages/about.en.md~", "x");
    let public = site.build();
    for leftover in ["_headers~", "robots.txt.bak"] {
        assert!(
            !public.join(leftover).exists(),
            "{leftover} is not published"
        );
    }
}

/// A `url()` in the theme's CSS that names no static file is an error at
/// its line and column, and a root-absolute one names a file of static/
/// under the base path (review R32: both were kept as written and 404ed).
#[test]
fn css_urls_to_no_file_are_errors_and_root_urls_follow_the_base_path() {
    let site = portal();
    let css = site.root().join("themes/default/static/css/site.css");
    let sheet = fs::read_to_string(&css).unwrap();
    fs::write(
        &css,
        format!("{sheet}\n.j{{background:url(/img/logo.svg)}}\n"),
    )
    .unwrap();
    site.run(&["build", "--base-url", "https://owner.github.io/portal/"]);
    let (checked, broken) = check_links(&site.public(), "/portal/");
    assert!(checked > 0 && broken.is_empty(), "{broken:?}");
    let line = sheet.lines().count() + 2;
    fs::write(
        &css,
        format!("{sheet}\n.k{{background:url(../img/none.png)}}\n"),
    )
    .unwrap();
    let out = site.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let expected = format!(
        "themes/default/static/css/site.css:{line}:15: error: `url(../img/none.png)` names no file"
    );
    assert!(out.stderr.contains(&expected), "{expected}\n{}", out.stderr);
}

/// The build's lock file is in the site's cache folder: nothing is left at
/// the site root nor beside an output outside the site (review R23).
#[test]
fn the_lock_file_is_kept_in_the_cache_folder() {
    let site = portal();
    site.build();
    let outside = tempfile::tempdir().unwrap();
    let www = outside.path().join("www");
    let out = site.run(&["build", "--output", www.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let beside: Vec<_> = fs::read_dir(outside.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["www"], "nothing beside the output");
    let at_root = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".lock"))
        .count();
    assert_eq!(at_root, 0, "no lock file at the site root");
    let locks = fs::read_dir(site.root().join(".briefing-cache/locks"))
        .unwrap()
        .count();
    assert_eq!(locks, 2, "one lock file per output, in the cache folder");
}

/// An `@/` link to a draft briefing is an error unless the build publishes
/// drafts: without them its page does not exist. `check` reports it as the
/// build does and says it is a draft (review editor F6: `check` passed it
/// and the build said it named no page); a draft may link another draft.
#[test]
fn a_link_to_a_draft_briefing_needs_drafts() {
    let site = portal();
    let meta = site
        .root()
        .join(format!("content/briefings/{SLUG}/briefing.yaml"));
    let yaml = fs::read_to_string(&meta).unwrap();
    fs::write(&meta, format!("{yaml}draft: true\n")).unwrap();
    let about = site.root().join("content/pages/about.en.md");
    let md = fs::read_to_string(&about).unwrap();
    fs::write(&about, format!("{md}\n[draft](@/briefings/{SLUG})\n")).unwrap();
    let line = md.lines().count() + 2;
    assert_eq!(site.run(&["new", "pacific-cables"]).code, Some(0));
    let intro = site
        .root()
        .join("content/briefings/pacific-cables/01-introduction.en.md");
    let text = fs::read_to_string(&intro).unwrap();
    fs::write(
        &intro,
        format!("{text}\nSee [the other draft](@/briefings/{SLUG}).\n"),
    )
    .unwrap();
    let expected = format!("content/pages/about.en.md:{line}:1: error: `@/briefings/{SLUG}` names a draft briefing, which a build without `--drafts` does not publish");
    for command in ["check", "build"] {
        let out = site.run(&[command]);
        assert_eq!(out.code, Some(1), "{command}: {}", out.stderr);
        let errors: Vec<&str> = out
            .stderr
            .lines()
            .filter(|l| l.contains(": error: "))
            .collect();
        assert_eq!(errors, [expected.as_str()], "{command}: {}", out.stderr);
        assert!(
            out.stderr.contains("or build with `--drafts`"),
            "{}",
            out.stderr
        );
    }
    let out = site.run(&["build", "--drafts"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}
