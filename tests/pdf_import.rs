//! `briefing import PAPER.pdf`: papers typeset with Typst (the `typst`
//! package on PyPI, installed by `.ci/run`; fonts-noto-cjk) with real
//! footnotes, superscript markers, running heads, page numbers and
//! first-line indents, read back from the PDF. The PDF import must give the
//! same Markdown and briefing.yaml as the text import of the same paper.

mod common;

use briefing::import::{self, Paper};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const SHIPPED: &str = "content/briefings/china-central-asia-influence/source.txt";

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn fixture(name: &str) -> String {
    fs::read_to_string(repo(&format!("tests/fixtures/papers/{name}"))).unwrap()
}

/// True when python3 can import Typst; without it the test is skipped with
/// a loud note, unless CI requires every tool (`BRIEFING_REQUIRE_BROWSER`).
fn typst_ready() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import typst"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var_os("BRIEFING_REQUIRE_BROWSER").is_some() {
            panic!("the typst Python package is required (pip install typst==0.15.2)");
        }
        common::report(
            "SKIPPED: the typst Python package is not installed (pip install typst==0.15.2)",
        );
    }
    found
}

/// Compiles Typst `source` to PDF.
fn typeset(source: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let typ = dir.path().join("paper.typ");
    let pdf = dir.path().join("paper.pdf");
    fs::write(&typ, source).unwrap();
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])",
        ])
        .arg(&typ)
        .arg(&pdf)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "typst: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    fs::read(&pdf).unwrap()
}

/// The rendered files by name.
fn files(paper: &Paper) -> BTreeMap<String, String> {
    import::render(paper, None)
        .into_iter()
        .map(|(p, c)| (p.to_string_lossy().into_owned(), c))
        .collect()
}

fn parse_text(text: &str) -> Paper {
    import::parse(text, Path::new("paper.txt")).unwrap_or_else(|e| panic!("{e}"))
}

fn parse_pdf(pdf: &[u8]) -> Paper {
    import::parse_pdf(pdf, Path::new("paper.pdf"))
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

/// Typesets the text paper and checks that its PDF imports as the text does.
fn assert_pdf_imports_as_text(text: &str, style: &Style) -> Vec<u8> {
    assert_typeset_imports_as_text(&to_typst(text, style), text)
}

/// Typesets the Typst `source` of the text paper `text` and checks that
/// its PDF imports as the text does.
fn assert_typeset_imports_as_text(source: &str, text: &str) -> Vec<u8> {
    let pdf = typeset(source);
    assert_imports_as_text(&pdf, text);
    pdf
}

/// Checks that `pdf` imports as the text paper `text` does.
fn assert_imports_as_text(pdf: &[u8], text: &str) {
    let from_text = files(&parse_text(text));
    let from_pdf = files(&parse_pdf(pdf));
    assert_eq!(
        from_pdf.keys().collect::<Vec<_>>(),
        from_text.keys().collect::<Vec<_>>()
    );
    for (name, contents) in &from_text {
        let pdf_lines = from_pdf[name].lines();
        for (number, (got, want)) in pdf_lines.zip(contents.lines()).enumerate() {
            assert_eq!(
                got,
                want,
                "{name}, line {}: the PDF import differs",
                number + 1
            );
        }
        assert_eq!(&from_pdf[name], contents, "{name} differs");
    }
}

// ---- typesetting a text paper with Typst ----

/// The page and type of a typeset paper.
struct Style {
    /// Page width and height in mm: small pages break paragraphs (and
    /// words) across pages often.
    page: (u32, u32),
    /// Typst's page margins.
    margin: &'static str,
    lang: &'static str,
    /// The size in points of both languages' titles.
    title_size: u32,
    /// The running head printed from page 2 on.
    head: Head,
}

/// What a running head says.
enum Head {
    /// The title, centred.
    Title,
    /// The title, and at the right margin this series name.
    TitleAndSeries(&'static str),
    /// Only this series name.
    Series(&'static str),
}

const SMALL_ZH: Style = Style {
    page: (120, 170),
    margin: "(x: 16mm, top: 20mm, bottom: 20mm)",
    lang: "zh",
    title_size: 15,
    head: Head::Title,
};
const SMALL_EN: Style = Style {
    lang: "en",
    ..SMALL_ZH
};
/// A book's pages: the wide inside margin is on the left of odd pages and
/// on the right of even ones.
const BOOK_ZH: Style = Style {
    margin: "(inside: 26mm, outside: 10mm, top: 20mm, bottom: 20mm)",
    ..SMALL_ZH
};

/// A Typst string literal: the text exactly as written, markup and all.
fn lit(text: &str) -> String {
    format!("#\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn is_cjk(c: char) -> bool {
    briefing::cjk::is_cjk(c)
}

/// `N. text` with N of one to three digits.
fn note_start(line: &str) -> Option<(u32, &str)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = line[digits..].strip_prefix(". ")?;
    ((1..=3).contains(&digits)).then(|| (line[..digits].parse().unwrap(), rest))
}

fn is_page_number(line: &str) -> bool {
    let compact: String = line
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(&compact)
        || compact.strip_prefix("Page").is_some_and(digits)
        || compact
            .strip_prefix('第')
            .and_then(|s| s.strip_suffix('頁'))
            .is_some_and(digits)
}

fn heading_level(line: &str) -> Option<u8> {
    let starts = |set: &str, sep: &str| {
        let n = line.chars().take_while(|c| set.contains(*c)).count();
        n > 0 && line.chars().skip(n).collect::<String>().starts_with(sep)
    };
    if starts("壹貳參肆伍陸柒捌玖拾", "、") || starts("IVX", ". ") {
        Some(1)
    } else if starts("一二三四五六七八九十", "、") || starts("ABCDEFGH", ". ") && line.len() < 60
    {
        Some(2)
    } else if line.starts_with('（') && starts("（一二三四五六七八九十", "）") {
        Some(3)
    } else {
        None
    }
}

fn ends_sentence(text: &str) -> bool {
    let mut text = text.trim_end_matches(|c: char| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c));
    if let Some(open) = text.strip_suffix(']').and_then(|t| t.rfind('[')) {
        text = &text[..open];
    }
    text.ends_with([
        '。', '！', '？', '」', '』', '）', '.', '?', '!', '"', '”', ')',
    ])
}

/// How the text paper's pieces join (its extraction broke lines and pages):
/// the text import's rules, restated.
fn join(left: &mut String, right: &str, keep_hyphen: bool) {
    let mut rev = left.chars().rev();
    let (last, before) = (rev.next(), rev.next());
    let first = right.chars().next();
    if last == Some('-') && before.is_some_and(char::is_alphabetic) {
        if !keep_hyphen && first.is_some_and(char::is_lowercase) {
            left.pop();
        }
    } else if !(last.is_some_and(is_cjk) || first.is_some_and(is_cjk) || last == Some('-')) {
        left.push(' ');
    }
    left.push_str(right);
}

/// A figure's or table's caption line (`圖1：…`, `表 2 …`, `Figure 1. …`):
/// the text import's rule, restated.
fn is_caption(line: &str) -> bool {
    let Some(rest) = ["圖", "表", "Figure ", "Fig. ", "Table ", "TABLE "]
        .iter()
        .find_map(|label| line.strip_prefix(label))
    else {
        return false;
    };
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = &rest[digits..];
    (1..=3).contains(&digits)
        && (after.is_empty()
            || ["：", ":", ".", "、", " ", "　"]
                .iter()
                .any(|s| after.starts_with(s)))
}

/// A figure's source line (`資料來源：…`, `Source: …`).
fn is_source(line: &str) -> bool {
    ["資料來源", "來源", "Source", "Sources"]
        .iter()
        .any(|label| {
            line.strip_prefix(label)
                .is_some_and(|rest| rest.starts_with(['：', ':']))
        })
}

/// An author's bio paragraph.
fn is_bio(line: &str) -> bool {
    ["本文作者", "The author is", "About the author"]
        .iter()
        .any(|p| line.starts_with(p))
}

/// What the typesetter is given: a paragraph of text and note markers.
enum Para {
    Title(String),
    /// The other language's title: on a new page, as papers set it.
    OtherTitle(String),
    Plain(String),
    Heading(String),
    Body(String),
    /// A figure (no rows: a picture) or table: caption, rows of cells, source line.
    Figure {
        caption: String,
        rows: Vec<Vec<String>>,
        source: Option<String>,
    },
}

/// The text paper as Typst source: furniture dropped (Typst sets its own
/// running head and page numbers), paragraphs re-joined where the
/// extraction broke them, each note set as a footnote at its marker.
fn to_typst(text: &str, style: &Style) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let title_at = lines.iter().position(|l| !l.is_empty()).unwrap_or_default();
    let title = lines[title_at];
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for l in &lines {
        *seen.entry(l).or_default() += 1;
    }
    // A running head stands alone: nothing but blank lines and page numbers beside it.
    let quiet = |i: Option<usize>| {
        i.and_then(|i| lines.get(i))
            .is_none_or(|l| l.is_empty() || is_page_number(l))
    };
    let furniture = |i: usize, l: &str| {
        let alone = quiet(i.checked_sub(1)) && quiet(Some(i + 1));
        !l.is_empty()
            && i > title_at
            && (is_page_number(l)
                || l == title
                || (alone && seen[l] > 1 && note_start(l).is_none() && heading_level(l).is_none()))
    };
    let first_section = lines
        .iter()
        .position(|l| heading_level(l) == Some(1))
        .unwrap();
    let trailer = lines.iter().position(|l| is_bio(l)).unwrap_or(lines.len());
    let mut notes: BTreeMap<u32, String> = BTreeMap::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut in_notes = false;
    let mut last_note = 0;
    let mut figure_end = 0;
    for (i, line) in lines.iter().enumerate() {
        if i < figure_end {
            continue;
        }
        if line.is_empty() || furniture(i, line) {
            in_notes = false;
            continue;
        }
        if i < first_section || i >= trailer {
            // The other language's title: the first line after the bios.
            let other_title = i > trailer
                && !is_bio(line)
                && lines[i - 1].is_empty()
                && lines[trailer..i - 1]
                    .iter()
                    .all(|l| l.is_empty() || is_bio(l));
            paras.push(if other_title {
                Para::OtherTitle(line.to_string())
            } else if i == title_at {
                Para::Title(line.to_string())
            } else {
                Para::Plain(line.to_string())
            });
            continue;
        }
        let starts_note = note_start(line).filter(|(n, _)| *n == last_note + 1);
        if let Some((n, rest)) = starts_note {
            notes.insert(n, rest.to_string());
            last_note = n;
            in_notes = true;
        } else if in_notes {
            join(notes.get_mut(&last_note).unwrap(), line, true);
        } else if heading_level(line).is_some() {
            paras.push(Para::Heading(line.to_string()));
        } else if is_caption(line) {
            let (figure, end) = figure(&lines, i, &mut notes, &mut last_note);
            paras.push(figure);
            figure_end = end;
        } else {
            // A paragraph that a figure interrupted runs on after it.
            let open = paras
                .iter_mut()
                .rev()
                .find(|p| !matches!(p, Para::Figure { .. }));
            match open {
                Some(Para::Body(previous)) if !ends_sentence(previous) => {
                    join(previous, line, false)
                }
                _ => paras.push(Para::Body(line.to_string())),
            }
        }
    }
    let mut out = preamble(title, style);
    let mut next = 1;
    let title_par = |t: &str| {
        format!(
            "#par(first-line-indent: 0pt)[#text(size: {}pt, weight: \"bold\")[{}]]\n\n",
            style.title_size,
            lit(t)
        )
    };
    for para in paras {
        match para {
            Para::Title(t) => out += &title_par(&t),
            Para::OtherTitle(t) => out += &format!("#pagebreak(weak: true)\n{}", title_par(&t)),
            Para::Plain(t) => out += &format!("{}\n\n", lit(&t)),
            Para::Heading(t) => {
                out += &format!(
                    "#par(first-line-indent: 0pt)[#text(size: 12pt, weight: \"bold\")[{}]]\n\n",
                    lit(&t)
                )
            }
            Para::Body(t) => out += &format!("{}\n\n", with_footnotes(&t, &notes, &mut next)),
            Para::Figure {
                caption,
                rows,
                source,
            } => out += &typeset_figure(&caption, &rows, source.as_deref()),
        }
    }
    out
}

/// The figure whose caption is `lines[at]`: its rows (blocks up to its
/// source line; note blocks among them go to `notes`) and source line, or
/// the caption alone when a heading or caption comes before a source line.
/// Also the index of the line after it.
fn figure(
    lines: &[&str],
    at: usize,
    notes: &mut BTreeMap<u32, String>,
    last_note: &mut u32,
) -> (Para, usize) {
    let end = lines[at + 1..]
        .iter()
        .take_while(|l| !is_caption(l) && heading_level(l).is_none())
        .position(|l| is_source(l))
        .map(|k| at + 1 + k);
    let Some(end) = end else {
        let caption = lines[at].to_string();
        return (
            Para::Figure {
                caption,
                rows: Vec::new(),
                source: None,
            },
            at + 1,
        );
    };
    let mut rows = Vec::new();
    for block in lines[at + 1..end]
        .split(|l| l.is_empty())
        .filter(|b| !b.is_empty())
    {
        match note_start(block[0]) {
            Some((n, rest)) => {
                notes.insert(n, rest.to_string());
                *last_note = n;
            }
            None => rows.push(block.iter().map(|c| c.to_string()).collect()),
        }
    }
    let figure = Para::Figure {
        caption: lines[at].to_string(),
        rows,
        source: Some(lines[end].to_string()),
    };
    (figure, end + 1)
}

/// A Typst figure: the caption above, a table of the rows (the first a
/// header in bold) or else a picture, the source line below in smaller type.
fn typeset_figure(caption: &str, rows: &[Vec<String>], source: Option<&str>) -> String {
    let picture = "#image(bytes(range(48).map(i => 128)), format: (encoding: \"rgb8\", width: 4, height: 4), width: 30mm)";
    let content = match rows {
        [] => picture.to_string(),
        [header, rest @ ..] => {
            let cell = |c: &String| format!("[{}]", lit(c));
            let header: Vec<String> = header
                .iter()
                .map(|c| format!("[#strong[{}]]", lit(c)))
                .collect();
            let cells: Vec<String> = rest.iter().flatten().map(cell).collect();
            format!(
                "#table(columns: (1fr,) * {}, align: left, table.header({}), {})",
                header.len(),
                header.join(", "),
                cells.join(", ")
            )
        }
    };
    let source = source.map_or(String::new(), |s| {
        format!("#align(left, text(size: 9pt)[{}])", lit(s))
    });
    let kind = if caption.starts_with(['表', 'T']) {
        "table"
    } else {
        "image"
    };
    format!(
        "#figure(kind: {kind}, supplement: none, numbering: none, caption: [{}],\n  block(width: 100%)[{content} {source}])\n\n",
        lit(caption)
    )
}

fn preamble(title: &str, style: &Style) -> String {
    let (w, h) = style.page;
    format!(
        r#"#set page(width: {w}mm, height: {h}mm, margin: {margin},
  header: context {{ if counter(page).get().first() > 1 {{ {head} }} }},
  footer: context align(center, text(size: 8pt, counter(page).display())))
#set text(font: "Noto Serif CJK TC", size: 10pt, lang: "{lang}", cjk-latin-spacing: none)
#set smartquote(enabled: false)
#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 0.8em, spacing: 0.8em)
#show footnote.entry: set text(size: 7.5pt)
#show emph: set text(font: ("Libertinus Serif", "Noto Serif CJK TC"))
#set figure.caption(position: top)
#show figure: set par(first-line-indent: 0pt, justify: false)
"#,
        head = match style.head {
            Head::Title => format!("align(center, text(size: 8pt, {}))", &lit(title)[1..]),
            Head::TitleAndSeries(series) => {
                format!("text(size: 8pt)[{} #h(1fr) {}]", lit(title), lit(series))
            }
            Head::Series(series) => format!("align(center, text(size: 8pt)[{}])", lit(series)),
        },
        lang = style.lang,
        margin = style.margin,
    )
}

/// A paragraph's text with its markers (superscript digits split by the
/// number expected next, `[n, m]`, or a bare number after punctuation that
/// is the one expected) set as Typst footnotes.
fn with_footnotes(text: &str, notes: &BTreeMap<u32, String>, next: &mut u32) -> String {
    let mut out = String::new();
    let mut plain = String::new();
    let footnotes = |numbers: &[u32], out: &mut String, plain: &mut String| {
        out.push_str(&styled(plain));
        plain.clear();
        for n in numbers {
            out.push_str(&format!("#footnote[{}]", styled(&notes[n])));
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let sup: String = chars[i..]
            .iter()
            .map_while(|c| {
                "⁰¹²³⁴⁵⁶⁷⁸⁹"
                    .chars()
                    .position(|s| s == *c)
                    .map(|k| char::from(b'0' + k as u8))
            })
            .collect();
        let bracket: Option<(Vec<u32>, usize)> = (chars[i] == '[')
            .then(|| {
                let end = chars[i..].iter().position(|c| *c == ']')?;
                let inner: String = chars[i + 1..i + end].iter().collect();
                let numbers: Option<Vec<u32>> =
                    inner.split(',').map(|n| n.trim().parse().ok()).collect();
                Some((numbers?, end + 1))
            })
            .flatten();
        let digits: String = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let after = chars.get(i + digits.len()..).unwrap_or_default();
        let lost = !digits.is_empty()
            && digits == next.to_string()
            && i > 0
            && "。，.,".contains(chars[i - 1])
            && !after
                .iter()
                .find(|c| **c != ' ')
                .is_some_and(|c| "個年月日%".contains(*c));
        if !sup.is_empty() {
            let mut numbers = Vec::new();
            let mut rest = sup.as_str();
            while !rest.is_empty() {
                rest = rest
                    .strip_prefix(next.to_string().as_str())
                    .expect("markers in sequence");
                numbers.push(*next);
                *next += 1;
            }
            footnotes(&numbers, &mut out, &mut plain);
            i += sup.chars().count();
        } else if let Some((numbers, len)) = bracket {
            *next += numbers.len() as u32;
            footnotes(&numbers, &mut out, &mut plain);
            i += len;
        } else if lost {
            footnotes(&[*next], &mut out, &mut plain);
            *next += 1;
            i += digits.len();
        } else {
            plain.push(chars[i]);
            i += 1;
        }
    }
    out.push_str(&styled(&plain));
    out
}

/// Text with each `*…*` set in italics, as publishers print the titles of
/// journals and books (the text import keeps them as `*…*`).
fn styled(text: &str) -> String {
    if !text.matches('*').count().is_multiple_of(2) {
        return lit(text);
    }
    text.split('*')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| match i % 2 {
            1 => format!("#emph[{}]", lit(part)),
            _ => lit(part),
        })
        .collect()
}

// ---- the shipped paper and the synthetic papers ----

#[test]
fn shipped_paper_pdf_imports_as_its_text() {
    if !typst_ready() {
        return;
    }
    let text = fs::read_to_string(repo(SHIPPED)).unwrap();
    let pdf = assert_pdf_imports_as_text(&text, &SMALL_ZH);
    let explained = explain(&pdf);
    assert!(explained.contains("furniture"), "{explained}");
    assert!(explained.contains("(¶ indented)"), "{explained}");
    // Paragraphs, and the words in them, run on across pages; so do long notes.
    let pages_whose_first = |role: &str| {
        explained
            .split("\npage ")
            .filter(|page| {
                page.lines()
                    .find(|l| l.trim_start().starts_with(role))
                    .is_some_and(|l| l.contains(&format!("{role} (continues)")))
            })
            .count()
    };
    assert!(pages_whose_first("body") >= 5, "{explained}");
    assert!(pages_whose_first("note") >= 1, "{explained}");
}

#[test]
fn a_book_with_alternating_margins_pdf_imports_as_its_text() {
    if typst_ready() {
        let text = fs::read_to_string(repo(SHIPPED)).unwrap();

        assert_pdf_imports_as_text(&text, &BOOK_ZH);
    }
}

#[test]
fn furniture_paper_pdf_imports_as_its_text() {
    if typst_ready() {
        assert_pdf_imports_as_text(&fixture("furniture.txt"), &SMALL_ZH);
    }
}

#[test]
fn stacked_markers_pdf_imports_as_its_text() {
    if typst_ready() {
        assert_pdf_imports_as_text(&fixture("markers.txt"), &SMALL_ZH);
    }
}

#[test]
fn english_paper_pdf_imports_as_its_text() {
    if typst_ready() {
        assert_pdf_imports_as_text(&fixture("english.txt"), &SMALL_EN);
    }
}

#[test]
fn the_other_synthetic_papers_pdf_import_as_their_text() {
    if !typst_ready() {
        return;
    }
    for (name, style) in [
        ("front-abstract.txt", &SMALL_ZH),
        ("blank-breaks.txt", &SMALL_ZH),
        ("blank-breaks-en.txt", &SMALL_EN),
        ("long.txt", &SMALL_ZH),
    ] {
        assert_pdf_imports_as_text(&fixture(name), style);
    }
}

/// The lines `--explain` took for headings that go on the one above.
fn wrapped_heading_lines(explained: &str) -> Vec<&str> {
    explained
        .lines()
        .filter_map(|l| l.strip_prefix("  heading (continues): "))
        .collect()
}

#[test]
fn titles_that_wrap_onto_more_lines_pdf_import_as_one_title() {
    if !typst_ready() {
        return;
    }
    // At 24 pt the titles wrap: 中國對中亞政經社會影響力 onto two lines, the
    // English title of 80 characters onto four; so does english.txt's.
    let large = Style {
        title_size: 24,
        ..SMALL_ZH
    };
    let pdf = assert_pdf_imports_as_text(&fs::read_to_string(repo(SHIPPED)).unwrap(), &large);
    let explained = explain(&pdf);
    let wrapped = wrapped_heading_lines(&explained);
    assert!(wrapped.len() >= 4, "{explained}");
    assert!(wrapped.iter().any(|l| l.contains("Society")), "{explained}");
    let pdf = assert_pdf_imports_as_text(
        &fixture("english.txt"),
        &Style {
            lang: "en",
            ..large
        },
    );
    assert!(!wrapped_heading_lines(&explain(&pdf)).is_empty());
}

#[test]
fn a_running_head_on_the_second_of_two_pages_is_furniture() {
    if !typst_ready() {
        return;
    }
    // The body of furniture.txt fills page 1, its English title block page 2,
    // so the running head is printed once.
    let a4 = |head| Style {
        page: (210, 297),
        margin: "(x: 25mm, y: 25mm)",
        head,
        ..SMALL_ZH
    };
    for (head, printed) in [
        (
            Head::TitleAndSeries("國防安全簡報"),
            "(repeats the title): 區域情勢觀察 | 國防安全簡報",
        ),
        (
            Head::Series("國防安全簡報"),
            "(smaller, above every other page's text): 國防安全簡報",
        ),
    ] {
        let pdf = assert_pdf_imports_as_text(&fixture("furniture.txt"), &a4(head));
        let explained = explain(&pdf);
        let pages: Vec<&str> = explained.split("\npage ").collect();
        assert_eq!(pages.len(), 2, "{explained}");
        assert!(
            pages[1].starts_with(&format!("2\n  furniture {printed}\n")),
            "{explained}"
        );
    }
}

#[test]
fn figures_and_tables_pdf_import_as_their_text() {
    if !typst_ready() {
        return;
    }
    let pdf = assert_pdf_imports_as_text(&fixture("figures.txt"), &SMALL_ZH);
    let explained = explain(&pdf);
    for row in ["國家 | 項目 | 金額", "哈薩克 | 鐵路 | 12"] {
        let line = format!("  table row (3 cells on one baseline): {row}\n");
        assert!(explained.contains(&line), "{explained}");
    }
    assert!(
        explained.contains("body (¶ after a table): 資料來源：中國商務部。"),
        "{explained}"
    );
    let pdf = assert_pdf_imports_as_text(&fixture("figures-en.txt"), &SMALL_EN);
    assert!(
        explain(&pdf).contains("  table row (2 cells on one baseline): Kazakhstan | Railway\n"),
        "cells of one row, read by geometry"
    );
}

#[test]
fn tables_whose_captions_are_printed_below_pdf_import_as_their_text() {
    if !typst_ready() {
        return;
    }
    // Typst's default, and common in papers: the caption under the table and its source line.
    for (name, style) in [("figures.txt", &SMALL_ZH), ("figures-en.txt", &SMALL_EN)] {
        let text = fixture(name);
        let above = to_typst(&text, style);
        let below = above.replace(
            "#set figure.caption(position: top)",
            "#set figure.caption(position: bottom)",
        );
        assert_ne!(above, below);
        assert_typeset_imports_as_text(&below, &text);
    }
}

#[test]
fn italics_of_a_font_whose_name_does_not_say_so_are_read_from_its_descriptor() {
    if !typst_ready() {
        return;
    }
    // "LibertinusSerif-Italic" renamed as many fonts are named ("…-Kursiv", "…-It" aside).
    let text = fixture("english.txt");
    let mut renamed = 0;
    let pdf = typeset_paper_and_change(&text, &SMALL_EN, |doc| {
        for object in doc.objects.values_mut() {
            let Ok(dict) = object.as_dict_mut() else {
                continue;
            };
            for key in [&b"BaseFont"[..], b"FontName"] {
                let name = dict
                    .get(key)
                    .and_then(lopdf::Object::as_name)
                    .map(<[u8]>::to_vec);
                if let Ok(name) = name {
                    let name = String::from_utf8(name).unwrap();
                    if name.contains("Italic") {
                        dict.set(
                            key,
                            lopdf::Object::Name(name.replace("Italic", "Kursiv").into_bytes()),
                        );
                        renamed += 1;
                    }
                }
            }
        }
    });
    assert!(renamed > 0, "no italic font");
    assert_imports_as_text(&pdf, &text);
}

fn explain(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("paper.pdf");
    fs::write(&file, pdf).unwrap();
    import::explain(&file).unwrap_or_else(|e| panic!("{e}"))
}

// ---- the command line ----

/// The files of `site`'s briefing `slug`, the import's record and copy of the paper aside.
fn briefing_files(site: &common::TempSite, slug: &str) -> BTreeMap<String, String> {
    let dir = site.root().join("content/briefings").join(slug);
    fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "yaml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn the_command_imports_a_pdf_as_it_imports_the_text_and_explain_writes_nothing() {
    if !typst_ready() {
        return;
    }
    let text = fixture("furniture.txt");
    let site = common::TempSite::fixture("basic");
    site.write("papers/paper.txt", &text);
    let pdf = site.root().join("papers/paper.pdf");
    fs::write(&pdf, typeset(&to_typst(&text, &SMALL_ZH))).unwrap();
    let pdf = pdf.to_str().unwrap();
    let before = common::snapshot(site.root());
    let out = site.run(&["import", pdf, "--explain"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        common::snapshot(site.root()),
        before,
        "--explain wrote files"
    );
    for role in [
        "page 1",
        "heading",
        "body (¶ indented)",
        "marker",
        "note 1",
        "furniture",
    ] {
        assert!(out.stdout.contains(role), "no {role:?} in:\n{}", out.stdout);
    }
    let txt = site.root().join("papers/paper.txt");
    let out = site.run(&["import", txt.to_str().unwrap(), "--explain"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("--explain reads a PDF, and this file is not one"),
        "{}",
        out.stderr
    );
    let date = ["--date", "2024-01-01"];
    let out = site.run(&[&["import", pdf, "--slug", "from-pdf"][..], &date].concat());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let out = site.run(
        &[
            &["import", txt.to_str().unwrap(), "--slug", "from-text"][..],
            &date,
        ]
        .concat(),
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let (from_pdf, from_text) = (
        briefing_files(&site, "from-pdf"),
        briefing_files(&site, "from-text"),
    );
    assert!(
        from_text.contains_key("briefing.yaml") && from_text.len() == 3,
        "{from_text:?}"
    );
    assert_eq!(from_pdf, from_text);
    let source = site.root().join("content/briefings/from-pdf/source.txt");
    assert!(
        fs::read_to_string(source).unwrap().contains("。¹"),
        "source.txt holds the text read from the PDF"
    );
    site.build();
}

// ---- PDFs that are refused ----

/// Imports `pdf` with the command and returns its stderr, checking that it failed and wrote nothing.
fn refused(pdf: &[u8]) -> String {
    let site = common::TempSite::fixture("basic");
    let file = site.root().join("paper.pdf");
    fs::write(&file, pdf).unwrap();
    let before = common::snapshot(site.root());
    let out = site.run(&["import", file.to_str().unwrap()]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert_eq!(
        common::snapshot(site.root()),
        before,
        "a refused import wrote files"
    );
    out.stderr
}

#[test]
fn a_scanned_pdf_is_refused_with_what_to_do() {
    if !typst_ready() {
        return;
    }
    let page = "#image(bytes(range(48).map(i => 128)), format: (encoding: \"rgb8\", width: 4, height: 4), width: 60mm)";
    let pdf = typeset(&format!(
        "#set page(width: 100mm, height: 100mm)\n{page}\n#pagebreak()\n{page}\n"
    ));
    let stderr = refused(&pdf);
    assert!(
        stderr.contains("the PDF has no text layer: its 2 page(s) hold 2 image(s) and no text"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: run OCR on it first"), "{stderr}");
}

/// markers.txt typeset, with `edit` applied to every dictionary of the PDF.
fn typeset_and_edit(mut edit: impl FnMut(&mut lopdf::Dictionary)) -> Vec<u8> {
    typeset_and_change(|doc| {
        for object in doc.objects.values_mut() {
            if let Ok(dict) = object.as_dict_mut() {
                edit(dict);
            }
        }
    })
}

/// markers.txt typeset, with `edit` applied to the loaded document.
fn typeset_and_change(edit: impl FnOnce(&mut lopdf::Document)) -> Vec<u8> {
    typeset_paper_and_change(&fixture("markers.txt"), &SMALL_ZH, edit)
}

/// The text paper `text` typeset, with `edit` applied to the loaded document.
fn typeset_paper_and_change(
    text: &str,
    style: &Style,
    edit: impl FnOnce(&mut lopdf::Document),
) -> Vec<u8> {
    let pdf = typeset(&to_typst(text, style));
    let mut doc = lopdf::Document::load_mem(&pdf).unwrap();
    edit(&mut doc);
    let mut edited = Vec::new();
    doc.save_to(&mut edited).unwrap();
    edited
}

#[test]
fn a_pdf_whose_font_maps_glyphs_to_nothing_is_refused_naming_the_page() {
    if !typst_ready() {
        return;
    }
    let stderr = refused(&typeset_and_edit(|dict| {
        dict.remove(b"ToUnicode");
    }));
    assert!(
        stderr.contains("error: page 1: the glyphs of font"),
        "{stderr}"
    );
    assert!(stderr.contains("map to no text, so the line"), "{stderr}");
    assert!(
        stderr.contains("hint: the PDF's fonts lack a ToUnicode map"),
        "{stderr}"
    );
}

#[test]
fn a_pdf_the_parser_cannot_account_for_is_refused_at_its_page_and_line() {
    if !typst_ready() {
        return;
    }
    // Section 3 follows section 1.
    let text = fixture("furniture.txt").replace("貳、分析", "參、分析");
    let error = import::parse_pdf(
        &typeset(&to_typst(&text, &SMALL_ZH)),
        Path::new("paper.pdf"),
    )
    .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("paper.pdf: error: page 1, line \"參、分析\": "),
        "{message}"
    );
}

#[test]
fn an_unexpected_title_block_line_is_reported_with_what_was_read() {
    if !typst_ready() {
        return;
    }
    // A subtitle in body type: one line too many for title, author and institute.
    let text = fixture("furniture.txt").replacen("李大華", "研究報告\n\n李大華", 1);
    let error = import::parse_pdf(
        &typeset(&to_typst(&text, &SMALL_ZH)),
        Path::new("paper.pdf"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("page 1, line \"國防戰略與資源研究所\": unexpected line"),
        "{error}"
    );
    assert!(
        error.contains("read \"區域情勢觀察\" as the title, \"研究報告\" as the author(s), \"李大華\" as the affiliation(s)"),
        "{error}"
    );
}

#[test]
fn a_page_in_two_columns_is_refused_naming_it() {
    if !typst_ready() {
        return;
    }
    let text = fs::read_to_string(repo(SHIPPED)).unwrap();
    let source = to_typst(&text, &SMALL_ZH);
    let heading = "#par(first-line-indent: 0pt)[#text(size: 12pt, weight: \"bold\")[#\"參、";
    assert!(source.contains(heading));
    let from = |columns: u32| {
        source.replacen(
            heading,
            &format!("#set page(columns: {columns})\n{heading}"),
            1,
        )
    };
    // Where the columns start: the page of that heading, typeset in one column.
    let explained = explain(&typeset(&from(1)));
    let page = explained
        .split("\npage ")
        .find(|p| p.contains("heading (¶ larger or bold type): 參、"))
        .and_then(|p| p.lines().next()?.parse::<u32>().ok())
        .expect("the heading's page");
    assert!(page > 1, "{explained}");
    let stderr = refused(&typeset(&from(2)));
    assert!(
        stderr.contains(&format!(
            "error: page {page} is set in two columns; briefing reads single-column papers"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: export the paper in one column"),
        "{stderr}"
    );
}

#[test]
fn a_pdf_in_vertical_writing_is_refused_naming_the_page() {
    if !typst_ready() {
        return;
    }
    // Typst sets no vertical text: its CJK font's Identity-H CMap is made Identity-V.
    let mut made = 0;
    let vertical = typeset_and_edit(|dict| {
        let horizontal = dict
            .get(b"Encoding")
            .is_ok_and(|e| e.as_name().is_ok_and(|n| n == b"Identity-H"));
        if horizontal {
            dict.set("Encoding", lopdf::Object::Name(b"Identity-V".to_vec()));
            made += 1;
        }
    });
    assert!(made > 0, "no Identity-H font");
    let stderr = refused(&vertical);
    assert!(
        stderr.contains("error: page 1 is set in vertical writing (font "),
        "{stderr}"
    );
    assert!(
        stderr.contains("writes top to bottom, WMode 1); briefing reads horizontally set papers"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: export the paper in horizontal writing"),
        "{stderr}"
    );
}

#[test]
fn a_damaged_pdf_is_refused_without_a_panic() {
    if !typst_ready() {
        return;
    }
    let pdf = typeset(&to_typst(&fixture("markers.txt"), &SMALL_ZH));
    let stderr = refused(&pdf[..pdf.len() / 2]);
    assert!(stderr.contains("the PDF cannot be read"), "{stderr}");
    assert!(
        stderr.contains("hint: check that the file is a complete PDF"),
        "{stderr}"
    );
    let stderr = refused(b"%PDF-1.7\nnot a PDF at all\n");
    assert!(stderr.contains("the PDF cannot be read"), "{stderr}");
}

#[test]
fn an_empty_pdf_or_one_whose_header_is_damaged_is_refused_saying_so() {
    if !typst_ready() {
        return;
    }
    // Read as text, these were "no section heading found" and "not valid UTF-8 text" at a line.
    let stderr = refused(b"");
    assert!(
        stderr.contains("paper.pdf: error: the paper is empty (0 bytes)"),
        "{stderr}"
    );
    let mut pdf = typeset(&to_typst(&fixture("markers.txt"), &SMALL_ZH));
    pdf[..5].copy_from_slice(b"\0\0\0\0\0");
    let stderr = refused(&pdf);
    assert!(
        stderr.contains(
            "error: the file is named like a PDF but is not one: it does not start with `%PDF-`"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("hint: an interrupted download"), "{stderr}");
}

#[test]
fn a_page_of_endless_drawing_operations_is_refused_naming_the_page() {
    if !typst_ready() {
        return;
    }
    // 300,000 operators in 1.2 MB (a few KB compressed): decoded at once they took
    // some hundred bytes each, so a 12 KB file could take gigabytes.
    let pdf = typeset_and_change(|doc| {
        let page = doc.get_pages()[&1];
        let extra = doc.add_object(lopdf::Stream::new(
            lopdf::Dictionary::new(),
            "q Q\n".repeat(150_000).into_bytes(),
        ));
        let dict = doc.get_dictionary_mut(page).unwrap();
        let contents = dict.get(b"Contents").unwrap().clone();
        dict.set("Contents", vec![contents, extra.into()]);
    });
    let stderr = refused(&pdf);
    assert!(
        stderr.contains(
            "error: page 1 of the PDF cannot be read: it draws more than 250000 operations"
        ),
        "{stderr}"
    );
}

#[test]
fn a_pdf_of_many_pages_sharing_a_long_drawing_is_refused_before_reading_them() {
    if !typst_ready() {
        return;
    }
    // 100 pages that each draw one shared stream of 200,000 operators: under the
    // limit of a page, a small file, and 20 million operators to decode in all.
    let pdf = typeset_and_change(|doc| {
        let extra = doc.add_object(lopdf::Stream::new(
            lopdf::Dictionary::new(),
            "q Q\n".repeat(100_000).into_bytes(),
        ));
        let first = doc.get_pages()[&1];
        let mut page = doc.get_dictionary(first).unwrap().clone();
        page.set("Contents", extra);
        let parent = page.get(b"Parent").unwrap().as_reference().unwrap();
        let kids: Vec<lopdf::Object> = (0..100)
            .map(|_| doc.add_object(page.clone()).into())
            .collect();
        let tree = doc.get_dictionary_mut(parent).unwrap();
        let mut all = tree.get(b"Kids").unwrap().as_array().unwrap().clone();
        all.extend(kids);
        tree.set("Count", all.len() as i64);
        tree.set("Kids", all);
    });
    let stderr = refused(&pdf);
    assert!(
        stderr.contains("error: the PDF draws more than 4000000 operations by page 21"),
        "{stderr}"
    );
}

#[test]
fn a_font_whose_text_map_repeats_ranges_without_end_is_refused() {
    if !typst_ready() {
        return;
    }
    // Every code mapped over and over before the font's real map: a few bytes
    // each, and read code by code they kept the import busy for hours.
    let ranges = format!(
        "8 beginbfrange\n{}endbfrange\n",
        "<0000> <FFFF> <0041>\n".repeat(8)
    );
    let mut changed = 0;
    let pdf = typeset_and_change(|doc| {
        let maps: Vec<lopdf::ObjectId> = doc
            .objects
            .values()
            .filter_map(|o| {
                o.as_dict()
                    .ok()?
                    .get(b"ToUnicode")
                    .ok()?
                    .as_reference()
                    .ok()
            })
            .collect();
        for id in maps {
            let stream = doc.get_object_mut(id).unwrap().as_stream_mut().unwrap();
            let map = stream.decompressed_content().unwrap();
            stream.dict.remove(b"Filter");
            stream.set_content([ranges.as_bytes(), &map].concat());
            changed += 1;
        }
    });
    assert!(changed > 0, "no ToUnicode map");
    let stderr = refused(&pdf);
    assert!(
        stderr.contains("error: page 1 of the PDF cannot be read: its font "),
        "{stderr}"
    );
    assert!(
        stderr.contains("lists more codes than any font has"),
        "{stderr}"
    );
}

#[test]
fn a_pdf_larger_than_a_text_paper_may_be_is_read() {
    if !typst_ready() {
        return;
    }
    let text = fixture("markers.txt");
    let pdf = typeset(&to_typst(&text, &SMALL_ZH));
    let mut doc = lopdf::Document::load_mem(&pdf).unwrap();
    let padding = vec![b' '; import::MAX_PAPER_BYTES as usize + 1];
    doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), padding));
    let mut big = Vec::new();
    doc.save_to(&mut big).unwrap();
    assert!(big.len() as u64 > import::MAX_PAPER_BYTES);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.pdf");
    fs::write(&file, &big).unwrap();
    let bytes = fs::read(&file).unwrap();
    let (paper, _) = import::parse_pdf(&bytes, &file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(files(&paper), files(&parse_text(&text)));
    let site = common::TempSite::fixture("basic");
    let out = site.run(&["import", file.to_str().unwrap(), "--slug", "big"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

#[test]
fn damaged_pdfs_never_panic() {
    if !typst_ready() {
        return;
    }
    let pdf = typeset(&to_typst(&fixture("furniture.txt"), &SMALL_ZH));
    // A fixed pseudo-random sequence (xorshift): each case overwrites a few bytes.
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..200 {
        let mut damaged = pdf.clone();
        for _ in 0..1 + next() % 8 {
            let at = (next() % damaged.len() as u64) as usize;
            damaged[at] = next() as u8;
        }
        // Ok or a diagnostic; a panic fails the test.
        let _ = import::parse_pdf(&damaged, Path::new("paper.pdf"));
    }
}
