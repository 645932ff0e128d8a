//! The equivalent Hugo site: the same text, one page per briefing and
//! language (sections concatenated, `## title {#id}`), footnotes rendered by
//! Goldmark, zh-Hant at the root and English under /en/, minimal layouts.

use crate::briefing::{q, Briefing};
use crate::text::Lang;
use std::fmt::Write as _;
use std::path::Path;

const CONFIG: &str = r#"baseURL = "https://briefings.example.org/"
title = "Defense Security Briefings"
defaultContentLanguage = "zh-hant"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term"]
hasCJKLanguage = true

[languages.zh-hant]
  locale = "zh-Hant"
  label = "繁體中文"
  title = "國防安全簡報"
  weight = 1

[languages.en]
  locale = "en"
  label = "English"
  title = "Defense Security Briefings"
  weight = 2

[markup.goldmark.renderer]
  unsafe = true

[markup.goldmark.extensions.cjk]
  enable = true
  eastAsianLineBreaks = true
"#;

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Locale }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav>{{ range .Translations }}<a href="{{ .RelPermalink }}" lang="{{ .Language.Locale }}">{{ .Language.Label }}</a>{{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></p>
{{ .Content }}
</article>{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>{{ end }}
"#;

const HOME: &str = r#"{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul>{{ range site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>{{ end }}
"#;

/// Writes hugo.toml and the layouts under `root`.
pub fn write_skeleton(root: &Path) -> std::io::Result<()> {
    let layouts = root.join("layouts");
    std::fs::create_dir_all(&layouts)?;
    std::fs::create_dir_all(root.join("content").join("briefings"))?;
    std::fs::write(root.join("hugo.toml"), CONFIG)?;
    for (name, text) in [
        ("baseof.html", BASEOF),
        ("single.html", SINGLE),
        ("list.html", LIST),
        ("home.html", HOME),
    ] {
        std::fs::write(layouts.join(name), text)?;
    }
    Ok(())
}

/// Writes the two pages of `briefing`; returns the files written.
pub fn write(root: &Path, briefing: &Briefing) -> std::io::Result<usize> {
    let dir = root.join("content").join("briefings");
    for (lang, suffix) in [(Lang::Zh, "zh-hant"), (Lang::En, "en")] {
        let name = format!("{}.{suffix}.md", briefing.slug);
        std::fs::write(dir.join(name), page(briefing, lang))?;
    }
    Ok(2)
}

/// One language's page: front matter, every section, every note definition
/// (Goldmark needs them on the page, so English falls back to the original).
fn page(b: &Briefing, lang: Lang) -> String {
    let title = if lang == Lang::Zh {
        &b.title.0
    } else {
        &b.title.1
    };
    let mut out = format!("---\ntitle: {}\ndate: {}\n---\n\n", q(title), b.date);
    for s in &b.sections {
        let (title, body) = match lang {
            Lang::Zh => (&s.title.0, &s.body.0),
            Lang::En => (&s.title.1, &s.body.1),
        };
        let _ = write!(out, "## {title} {{#{}}}\n\n{body}", s.id);
    }
    for (i, note) in b.notes.iter().enumerate() {
        let _ = writeln!(out, "[^{}]: {}", i + 1, note.text(lang));
    }
    out
}
