use super::*;
use crate::i18n::Script;
use crate::markdown::parse;
use render::NoteLabels;

fn site_languages() -> Vec<String> {
    vec!["zh-Hant".into(), "en".into()]
}

fn source<'a>(name: &str, lang: &str, text: &'a str) -> NoteSource<'a> {
    NoteSource::new(Path::new(name), lang, text, 4, parse(text))
}

fn labels() -> NoteLabels {
    NoteLabels {
        reference: "Note {n}".into(),
        backlink: "Back to reference {n}".into(),
        see_note: " (see note {n})".into(),
        see_notes: " (see notes {n})".into(),
        separator: ", ".into(),
    }
}

#[test]
fn numbers_follow_first_reference_across_sections() {
    let a = "One.[^b] Two.[^a]\n\n[^a]: A.\n[^b]: B.\n";
    let b = "Three.[^c] Again.[^b]\n\n[^c]: C.\n";
    let (table, diags) = NoteTable::resolve(&[source("1.md", "en", a), source("2.md", "en", b)]);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        [table.number("b"), table.number("a"), table.number("c")],
        [Some(1), Some(2), Some(3)]
    );
}

#[test]
fn translations_share_and_override_definitions() {
    let zh = "中文。[^1][^2]\n\n[^1]: 甲。\n[^2]: 乙。\n";
    let en = "English.[^1][^2]\n\n[^2]: Override.\n";
    let (table, diags) = NoteTable::resolve(&[
        source("a.zh-Hant.md", "zh-Hant", zh),
        source("a.en.md", "en", en),
    ]);
    assert!(diags.is_empty(), "{diags:?}");
    let text = |label, lang| {
        crate::markdown::to_html(
            table
                .definition(label, lang, "zh-Hant")
                .unwrap()
                .iter()
                .cloned(),
        )
    };
    assert_eq!(text("1", "en"), "<p>甲。</p>\n");
    assert_eq!(text("2", "en"), "<p>Override.</p>\n");
    assert_eq!(text("2", "zh-Hant"), "<p>乙。</p>\n");
    assert_eq!(
        (table.overridden_in("en"), table.overridden_in("zh-Hant")),
        (1, 0)
    );
}

#[test]
fn undefined_duplicate_and_unused_notes_are_diagnosed() {
    let text = "Text.[^x]\n\n[^a]: A.\n[^a]: again.\n";
    let (_, diags) = NoteTable::resolve(&[source("s.md", "en", text)]);
    let messages: Vec<String> = diags
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {:?} {}",
                d.file.display(),
                d.line,
                d.column,
                d.severity,
                d.message
            )
        })
        .collect();
    assert!(
        messages
            .contains(&"s.md:7:1 Error note [^a] is defined twice in this briefing".to_string()),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"s.md:4:6 Error note [^x] is referenced but never defined".to_string()),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"s.md:6:1 Warning note [^a] is never referenced".to_string()),
        "{messages:?}"
    );
}

#[test]
fn references_and_backlinks_markup() {
    let text = "One.[^n] Two.[^n]\n\n[^n]: *Outlet*, <https://example.org/a>.\n";
    let sources = [source("s.md", "zh-Hant", text)];
    let (table, _) = NoteTable::resolve(&sources);
    let mut r = NoteRenderer::new(&table, ("zh-Hant", "zh-Hant"), &site_languages(), labels());
    let html = crate::markdown::to_html(
        r.rewrite(sources[0].body.iter().map(|(e, _)| e.clone()))
            .into_iter(),
    );
    assert!(html.contains(r##"<sup class="noteref"><a href="#fn-1" id="fnref-1" role="doc-noteref" aria-label="Note 1">1</a></sup>"##), "{html}");
    assert!(html.contains(r#"id="fnref-1-2""#), "{html}");
    let notes = r.endnotes();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].id, "fn-1");
    assert_eq!(
        notes[0].lang.as_deref(),
        Some("en"),
        "an English note on a Chinese page is marked"
    );
    assert!(
        notes[0]
            .html
            .contains(r##"href="#fnref-1" class="backlink" role="doc-backlink""##),
        "{}",
        notes[0].html
    );
    assert!(
        notes[0].html.contains(r##"href="#fnref-1-2""##) && notes[0].html.ends_with("</a></p>"),
        "{}",
        notes[0].html
    );
    assert!(notes[0]
        .html
        .contains(r#"<a href="https://example.org/a">https://example.org/a</a>"#));
}

#[test]
fn note_language_detection() {
    let zh = parse("蔡先靖，〈中俄正在爭奪中亞〉，《銳報導》，<https://vigormedia.tw/x>。");
    let en = parse("Bernardo Mariani, \"China's Role\", *Saferworld*, 2013.");
    let events = |v: Vec<Spanned<'static>>| v.into_iter().map(|(e, _)| e).collect::<Vec<_>>();
    assert_eq!(render::text_script(&events(zh)), Script::Chinese);
    assert_eq!(render::text_script(&events(en)), Script::Alphabetic);
}

#[test]
fn a_translation_references_notes_defined_elsewhere() {
    let zh = "中文。[^7]\n\n[^7]: 甲。\n";
    let en = "English *x*.[^7] and [^9] but not [^ a].\n";
    let sources = [
        source("a.zh-Hant.md", "zh-Hant", zh),
        source("a.en.md", "en", en),
    ];
    let (table, diags) = NoteTable::resolve(&sources);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!((diags[0].line, diags[0].column), (4, 22), "{diags:?}");
    let mut r = NoteRenderer::new(&table, ("en", "zh-Hant"), &site_languages(), labels());
    let html = crate::markdown::to_html(
        r.rewrite(sources[1].body.iter().map(|(e, _)| e.clone()))
            .into_iter(),
    );
    assert!(html.contains(r##"<a href="#fn-1" id="fnref-1""##), "{html}");
    assert!(html.contains("[^9]") && html.contains("[^ a]"), "{html}");
}

#[test]
fn short_forms_link_to_their_full_citation_and_sources_merge() {
    let text = "A.[^a] B.[^b] C.[^c]\n\n[^a]: 蔡先靖，〈中俄正在爭奪中亞〉，《銳報導》，2023 年 7 月 2 日，<https://vigormedia.tw/x/>。\n[^b]: Ann Lee, “Other,” 2020.\n[^c]: 蔡先靖，〈中俄正在爭奪中亞〉。\n";
    let sources = [source("s.md", "zh-Hant", text)];
    let (table, _) = NoteTable::resolve(&sources);
    let short: Vec<String> = table
        .short_form_list()
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        short,
        ["s.md:8:1: note [^c] (3) repeats note [^a] (1) in short form"]
    );
    let mut r = NoteRenderer::new(&table, ("zh-Hant", "zh-Hant"), &site_languages(), labels());
    r.rewrite(sources[0].body.iter().map(|(e, _)| e.clone()));
    let notes = r.endnotes();
    assert!(
        notes[2]
            .html
            .contains(r##"<span class="see-note"> (see note <a href="#fn-1">1</a>)</span>"##),
        "{}",
        notes[2].html
    );
    assert_eq!(notes[2].see, "fn-1");
    let refs = r.references();
    assert_eq!(refs.len(), 2);
    let cited: Vec<_> = refs[0]
        .notes
        .iter()
        .map(|n| (n.number, n.href.as_str()))
        .collect();
    assert_eq!(cited, [(1, "#fn-1"), (3, "#fn-3")]);
    assert!(
        refs[0]
            .html
            .contains(r#"<a href="https://vigormedia.tw/x/">https://vigormedia.tw/x/</a>"#),
        "{}",
        refs[0].html
    );
    assert_eq!(refs[1].lang.as_deref(), Some("en"));
}

#[test]
fn an_escaped_reference_is_literal_text() {
    let text = "Cite \\[^99] and x\\[^1], but \\\\[^1] is a note.[^1]\n\n[^1]: One.\n";
    let src = source("a.md", "en", text);
    let references: Vec<(&str, usize)> = src.references().collect();
    let offsets: Vec<usize> = text.match_indices("[^1]").map(|(i, _)| i).collect();
    assert_eq!(
        references,
        [("1", offsets[1]), ("1", offsets[2])],
        "only the unescaped references count, at their place in the file"
    );
    let (_, diags) = NoteTable::resolve(std::slice::from_ref(&src));
    assert!(diags.is_empty(), "{diags:?}");
    let html = crate::markdown::to_html(src.body.into_iter().map(|(e, _)| e));
    assert!(html.contains("Cite [^99] and x[^1], but \\"), "{html}");
}

#[test]
fn a_reference_in_a_code_block_is_literal_text() {
    let text = "```\n[^1]\n```\n\n    indented \\[^1]\n\nText.[^1]\n\n[^1]: One.\n";
    let src = source("a.md", "en", text);
    let references: Vec<(&str, usize)> = src.references().collect();
    assert_eq!(references, [("1", text.rfind(".[^1]").unwrap() + 1)]);
}

#[test]
fn the_references_list_of_a_translation_shows_its_own_note_texts() {
    let zh = "中文。[^1][^2]\n\n[^1]: 蔡先靖，〈中俄正在爭奪中亞〉，2023 年。\n[^2]: 王小明，《中亞研究》，2021 年。\n";
    let en = "English.[^1][^2]\n\n[^1]: Tsai Hsien-ching, “China and Russia Compete for Central Asia,” 2023.\n";
    let sources = [
        source("a.zh-Hant.md", "zh-Hant", zh),
        source("a.en.md", "en", en),
    ];
    let (table, diags) = NoteTable::resolve(&sources);
    assert!(diags.is_empty(), "{diags:?}");
    let references = |lang: &str| {
        let mut r = NoteRenderer::new(&table, (lang, "zh-Hant"), &site_languages(), labels());
        let i = usize::from(lang == "en");
        r.rewrite(sources[i].body.iter().map(|(e, _)| e.clone()));
        r.references()
    };
    let en_refs = references("en");
    assert_eq!(en_refs.len(), 2);
    assert!(
        en_refs[0].html.contains("China and Russia Compete"),
        "{}",
        en_refs[0].html
    );
    assert_eq!(en_refs[0].lang, None, "English text on the English page");
    // Note 2 has no English text: the original's, marked as Chinese.
    assert!(en_refs[1].html.contains("中亞研究"), "{}", en_refs[1].html);
    assert_eq!(en_refs[1].lang.as_deref(), Some("zh-Hant"));
    let zh_refs = references("zh-Hant");
    assert!(
        zh_refs[0].html.contains("中俄正在爭奪中亞"),
        "{}",
        zh_refs[0].html
    );
}
