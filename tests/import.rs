//! `briefing import` end to end: the shipped paper, synthetic papers (one per
//! layout rule), failures that must write nothing, and the disk contract.

mod common;

use briefing::content::model::Date;
use briefing::import::{self, ImportOptions, Paper};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const SHIPPED: &str = "content/briefings/china-central-asia-influence/source.txt";

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn fixture(name: &str) -> String {
    fs::read_to_string(repo(&format!("tests/fixtures/papers/{name}"))).unwrap()
}

fn parse(text: &str) -> Paper {
    import::parse(text, Path::new("paper.txt")).unwrap_or_else(|e| panic!("{e}"))
}

/// The rendered files by name.
fn files(paper: &Paper) -> BTreeMap<String, String> {
    import::render(paper, None)
        .into_iter()
        .map(|(p, c)| (p.to_string_lossy().into_owned(), c))
        .collect()
}

fn sections(files: &BTreeMap<String, String>) -> Vec<(&str, &str)> {
    files
        .iter()
        .filter(|(n, _)| n.ends_with(".md"))
        .map(|(n, c)| (n.as_str(), c.as_str()))
        .collect()
}

/// The blocks of a section file after its front matter.
fn blocks(md: &str) -> Vec<&str> {
    let body = md.splitn(3, "---\n").nth(2).unwrap();
    body.split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .collect()
}

fn front_title(md: &str) -> &str {
    md.lines().nth(1).unwrap().strip_prefix("title: ").unwrap()
}

fn paragraphs(md: &str) -> Vec<&str> {
    blocks(md)
        .into_iter()
        .filter(|b| !b.starts_with('#') && !is_definition(b))
        .collect()
}

fn is_definition(block: &str) -> bool {
    block.starts_with("[^")
        && block
            .split_once("]: ")
            .is_some_and(|(l, _)| l[2..].parse::<u32>().is_ok())
}

fn definitions(md: &str) -> Vec<(u32, &str)> {
    blocks(md)
        .into_iter()
        .filter(|b| is_definition(b))
        .map(|b| {
            let (label, text) = b.split_once("]: ").unwrap();
            (label[2..].parse().unwrap(), text)
        })
        .collect()
}

/// Note references in reading order across the files.
fn references(files: &BTreeMap<String, String>) -> Vec<u32> {
    let mut refs = Vec::new();
    for (_, md) in sections(files) {
        for block in blocks(md).into_iter().filter(|b| !is_definition(b)) {
            for part in block.split("[^").skip(1) {
                refs.push(part.split(']').next().unwrap().parse().unwrap());
            }
        }
    }
    refs
}

fn shipped() -> (String, BTreeMap<String, String>, Paper) {
    let text = fs::read_to_string(repo(SHIPPED)).unwrap();
    let paper = parse(&text);
    let files = files(&paper);
    (text, files, paper)
}

// ---- the shipped paper ----

#[test]
fn shipped_paper_has_five_sections_with_their_titles() {
    let (_, files, paper) = shipped();
    let names: Vec<&str> = sections(&files).iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "01-introduction.zh-Hant.md",
            "02-section-2.zh-Hant.md",
            "03-section-3.zh-Hant.md",
            "04-section-4.zh-Hant.md",
            "05-conclusion.zh-Hant.md"
        ]
    );
    let titles: Vec<&str> = sections(&files)
        .iter()
        .map(|(_, md)| front_title(md))
        .collect();
    assert_eq!(
        titles,
        [
            "前言",
            "中國在俄羅斯勢力下發展對中亞影響力",
            "互取所需：中國在中亞的經貿投資",
            "近期中國對中亞的影響力樣態變化",
            "結語"
        ]
    );
    let subs: Vec<&str> = blocks(&files["04-section-4.zh-Hant.md"])
        .into_iter()
        .filter(|b| b.starts_with("###"))
        .collect();
    assert_eq!(
        subs,
        [
            "### 菁英攏絡方式逐漸轉變 {#section-4-1}",
            "### 軟實力影響方式變化 {#section-4-2}",
            "### 藉數位基建輸出數位威權 {#section-4-3}"
        ]
    );
    assert_eq!((paper.sections.len(), paper.notes.len()), (5, 45));
}

#[test]
fn shipped_paper_paragraphs_are_rejoined() {
    let (_, files, _) = shipped();
    let counts: Vec<usize> = sections(&files)
        .iter()
        .map(|(_, md)| paragraphs(md).len())
        .collect();
    assert_eq!(counts, [2, 3, 4, 6, 2]);
    let section4 = blocks(&files["04-section-4.zh-Hant.md"]);
    let kinds: String = section4
        .iter()
        .filter(|b| !is_definition(b))
        .map(|b| if b.starts_with("###") { 'H' } else { 'p' })
        .collect();
    assert_eq!(kinds, "HppHppHpp");
}

#[test]
fn shipped_paper_joins_across_page_breaks() {
    let (_, files, _) = shipped();
    let body: String = sections(&files)
        .iter()
        .flat_map(|(_, md)| paragraphs(md))
        .collect::<Vec<_>>()
        .join("\n");
    for joined in [
        "更重要的是結合這些威權政府",
        "導致「帶路倡議」聲名不佳",
        "轉向針對漢語閱聽眾",
        "在示威前後逮捕",
        "將對了解中亞社會脈動",
        "在俄烏戰爭前就積極進行",
        "據中國海關總署統計",
        "各國政府致力壓制反中情緒",
    ] {
        assert!(body.contains(joined), "{joined}");
    }
    assert!(
        body.contains("帝國」。[^1]北京對中亞"),
        "the extraction's space after a marker in CJK text goes"
    );
    assert!(body.contains("[^15]據中國海關總署統計，2023年前4個月"));
}

#[test]
fn shipped_paper_markers_run_1_to_45() {
    let (_, files, _) = shipped();
    assert_eq!(references(&files), (1..=45).collect::<Vec<u32>>());
}

/// URLs compared without the autolink brackets.
fn without_angles(s: &str) -> String {
    s.replace(['<', '>'], "")
}

#[test]
fn shipped_paper_notes_are_verbatim() {
    let (text, files, _) = shipped();
    let source: BTreeMap<u32, &str> = text
        .lines()
        .filter_map(|l| {
            let (n, rest) = l.split_once(". ")?;
            Some((n.parse().ok()?, rest))
        })
        .collect();
    assert_eq!(source.len(), 45);
    let mut defined = Vec::new();
    for (_, md) in sections(&files) {
        for (n, note) in definitions(md) {
            assert_eq!(without_angles(note), without_angles(source[&n]), "note {n}");
            defined.push(n);
        }
    }
    assert_eq!(defined, (1..=45).collect::<Vec<u32>>());
    let section2 = &files["02-section-2.zh-Hant.md"];
    assert!(section2.contains("[^5]: 蔡先靖，〈中俄正在爭奪中亞〉，《銳報導》，2023 年 7 月 2 日，<https://vigormedia.tw/中俄正在爭奪中亞/>。\n"));
    assert!(section2.contains("《轉角國際》，2023 年 2 月 21 日，<https://global.udn.com/global_vision/story/8663/6985643>。\n"));
    assert!(section2.contains("[^1]: Bernardo Mariani, \"China's Role and Interest in Central Asia,\" *Saferworld Briefing*, October 2013, <https://www.saferworld.org.uk/resources/publications/770-shifting-geopolitics-in-central-asia/>.\n"));
}

#[test]
fn shipped_paper_notes_are_defined_where_first_referenced() {
    let (_, files, _) = shipped();
    for (name, md) in sections(&files) {
        let body_refs: Vec<u32> = references(&BTreeMap::from([(name.to_string(), md.to_string())]));
        let defs: Vec<u32> = definitions(md).iter().map(|(n, _)| *n).collect();
        assert_eq!(defs, body_refs, "{name}");
    }
}

#[test]
fn shipped_paper_metadata() {
    let (text, _, paper) = shipped();
    let meta = &paper.meta;
    assert_eq!(meta.title["zh-Hant"], "中國對中亞政經社會影響力");
    assert_eq!(
        meta.title["en"],
        "How China Exercises Influence over Central Asian Political Economy and Society"
    );
    let author = meta.authors[0].inline().expect("the byline is written out");
    assert_eq!(
        (author.name["zh-Hant"].as_str(), author.name["en"].as_str()),
        ("曾怡碩", "Yisuo Tzeng")
    );
    assert_eq!(author.affiliation["zh-Hant"], "網路安全與決策推演研究所");
    assert_eq!(
        author.affiliation["en"],
        "Division of Cyber Security and Decision-Making Simulation"
    );
    let bio = text.lines().find(|l| l.starts_with("本文作者")).unwrap();
    assert_eq!(author.bio["zh-Hant"], bio);
    let abstract_en: Vec<&str> = meta.abstract_["en"].split("\n\n").collect();
    assert_eq!(abstract_en.len(), 2);
    assert!(abstract_en[0].starts_with("China's economic and trade activities"));
    assert!(abstract_en[1].ends_with("hearts and minds of the Central Asian people."));
    assert_eq!(
        meta.keywords["en"],
        [
            "Chinese Influence",
            "China in Central Asia",
            "Cultural Diplomacy"
        ]
    );
    assert!(paper.warnings.is_empty(), "{:?}", paper.warnings);
}

#[test]
fn shipped_paper_briefing_yaml_has_the_date_when_given() {
    let (_, _, paper) = shipped();
    let rendered = import::render(&paper, Date::parse("2023-12-01"));
    let yaml = &rendered[0];
    assert_eq!(yaml.0, Path::new("briefing.yaml"));
    assert!(yaml.1.contains("\ndate: 2023-12-01\n"), "{}", yaml.1);
    assert!(!files(&paper)["briefing.yaml"].contains("date:"));
}

/// Body text without whitespace, note markers, heading numbers and Markdown escapes.
fn body_characters(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"⁰¹²³⁴⁵⁶⁷⁸⁹".contains(*c))
        .collect()
}

fn markdown_characters(md: &str) -> String {
    let mut out = front_title(md).to_string();
    for block in blocks(md).into_iter().filter(|b| !is_definition(b)) {
        let block = block.trim_start_matches('#').trim();
        let block = block.split(" {#").next().unwrap();
        let mut rest = block;
        while let Some(start) = rest.find("[^") {
            out.push_str(&rest[..start]);
            rest = &rest[start + rest[start..].find(']').unwrap() + 1..];
        }
        out.push_str(rest);
    }
    body_characters(&out.replace('\\', ""))
}

#[test]
fn shipped_paper_body_text_is_conserved() {
    let (text, files, _) = shipped();
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("壹、")).unwrap();
    let end = lines
        .iter()
        .position(|l| l.starts_with("本文作者"))
        .unwrap();
    let is_note = |l: &str| {
        l.split_once(". ")
            .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
    };
    let source: String = lines[start..end]
        .iter()
        .filter(|l| !is_note(l))
        .map(|l| {
            l.split_once('、')
                .filter(|(n, _)| n.chars().count() == 1)
                .map_or(*l, |(_, t)| t)
        })
        .collect();
    let output: String = sections(&files)
        .iter()
        .map(|(_, md)| markdown_characters(md))
        .collect();
    assert_eq!(body_characters(&source), output);
}

#[test]
fn shipped_paper_markdown_round_trips() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let (_, files, _) = shipped();
    let (mut references, mut definitions) = (0, 0);
    for (name, md) in sections(&files) {
        let body = md.splitn(3, "---\n").nth(2).unwrap();
        let mut in_definition = false;
        for event in Parser::new_ext(
            body,
            Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES,
        ) {
            match event {
                Event::FootnoteReference(_) => references += 1,
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    definitions += 1;
                    in_definition = true;
                }
                Event::End(pulldown_cmark::TagEnd::FootnoteDefinition) => in_definition = false,
                Event::Start(Tag::Emphasis | Tag::Link { .. }) if !in_definition => {
                    panic!("markup in the body of {name}")
                }
                _ => {}
            }
        }
    }
    assert_eq!((references, definitions), (45, 45));
}

#[test]
fn shipped_paper_glossary_candidates() {
    let (_, _, paper) = shipped();
    let found: Vec<(String, String, String, Vec<String>)> = import::glossary::candidates(&paper)
        .into_iter()
        .map(|e| {
            assert!(e.draft);
            let (zh, en) = (e.term("zh-Hant").unwrap(), e.term("en").unwrap());
            (
                e.id.clone(),
                zh.term.clone(),
                en.term.clone(),
                en.aliases.clone(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "collective-security-treaty-organization".into(),
                "集體安全條約組織".into(),
                "Collective Security Treaty Organization".into(),
                vec!["CSTO".to_string()]
            ),
            (
                "central-asia-barometer-survey".into(),
                "中亞晴雨表".into(),
                "Central Asia Barometer Survey".into(),
                vec![]
            ),
        ]
    );
}

// ---- synthetic papers, one per layout rule ----

#[test]
fn long_paper_matches_its_expected_files() {
    let paper = parse(&fixture("long.txt"));
    assert_eq!((paper.sections.len(), paper.notes.len()), (11, 91));
    let files = files(&paper);
    let dir = repo("tests/fixtures/papers/long.expected");
    let mut expected: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&path).unwrap(),
            )
        })
        .collect();
    expected.sort();
    let actual: Vec<(String, String)> = sections(&files)
        .into_iter()
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect();
    assert_eq!(actual.len(), expected.len());
    for ((name, text), (expected_name, expected_text)) in actual.iter().zip(&expected) {
        assert_eq!(name, expected_name);
        assert_eq!(text, expected_text, "{name}");
    }
    assert_eq!(references(&files), (1..=91).collect::<Vec<u32>>());
    assert_eq!(paper.meta.keywords["en"], ["Central Asia", "Testing"]);
}

#[test]
fn page_furniture_is_dropped_and_breaks_are_honoured() {
    let paper = parse(&fixture("furniture.txt"));
    let files = files(&paper);
    assert_eq!(
        paragraphs(&files["01-introduction.zh-Hant.md"]),
        ["第一段在頁尾剛好結束。[^1]", "第二段從新的一頁開始，並不接續上一段。[^2]接著這一段跨頁，句子在詞語中間斷開，之後繼續寫完。[^3]"]
    );
    assert_eq!(
        paragraphs(&files["02-section-2.zh-Hant.md"]),
        [
            "分析段落的內容在此，他們稱之為「新絲路」",
            "這一段接在引號結尾的頁面之後，另起一段。[^4]本段在頁尾以逗號結束，因此跨頁接續。"
        ]
    );
    let defs: Vec<u32> = definitions(&files["02-section-2.zh-Hant.md"])
        .iter()
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(
        defs,
        [4],
        "note 3 sits under the heading of section 2 but belongs to section 1"
    );
    assert_eq!(paper.meta.title["en"], "Regional Outlook");
}

#[test]
fn stacked_bracketed_and_lost_markers() {
    let paper = parse(&fixture("markers.txt"));
    let files = files(&paper);
    assert_eq!(
        paragraphs(&files["01-introduction.zh-Hant.md"]),
        [
            "三則註釋疊在一起。[^1][^2][^3]接著四則各自獨立：甲[^4]乙[^5]丙[^6]丁[^7]戊[^8]己[^9]庚[^10]辛[^11]。兩則疊在一起而非一二一三。[^12][^13]",
            "方括號標記。[^14]兩則一起。[^15][^16]失去上標的標記。[^17]以及逗號之後，[^18]但數量不是標記，19 個國家不是。"
        ]
    );
    assert_eq!(paper.notes.len(), 18);
}

#[test]
fn english_paper_with_hyphenation_and_letter_headings() {
    let paper = parse(&fixture("english.txt"));
    let files = files(&paper);
    let names: Vec<&str> = sections(&files).iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "01-introduction.en.md",
            "02-chinas-strategy-and-regional-responses.en.md",
            "03-conclusion.en.md"
        ]
    );
    assert_eq!(
        files["01-introduction.en.md"],
        "---\ntitle: Introduction\n---\n\n\
         China's digital projects in Central Asia have grown quickly.[^1] This paper examines their effect on regional security and on the governance of data.[^2] It also asks whether local elites benefit.[^3]\n\n\
         ### Scope {#introduction-1}\n\n\
         The study covers five states.[^4] Data comes from official sources, 2015-2022, and from interviews.[^5] Sino-Russian ties matter too.\n\n\
         ### Method {#introduction-2}\n\n\
         We compare projects across states.[^6]\n\n\
         [^1]: Jane Roe, “Digital Silk Road,” *Eurasia Review*, May 1, 2023, <https://example.com/dsr>.\n\n\
         [^2]: Ibid.\n\n\
         [^3]: Ibid., p. 4.\n\n\
         [^4]: Mark Lee, “Cables and Clouds: Fibre Optic Links Across the Steppe,” *Central Asian Survey*, Vol. 4, No. 1, 2017, pp. 51-82.\n\n\
         [^5]: Interviews by the author, 2022.\n\n\
         [^6]: Ibid.\n"
    );
    let meta = &paper.meta;
    assert_eq!(meta.title["en"], "Digital Silk Road in Central Asia");
    assert_eq!(meta.title["zh-Hant"], "中亞的數位絲路");
    let author = meta.authors[0].inline().expect("the byline is written out");
    assert_eq!(author.name["zh-Hant"], "多伊");
    assert_eq!(
        author.bio["en"],
        "The author is a research fellow at the Institute for Eurasian Studies."
    );
    assert_eq!(meta.abstract_["zh-Hant"], "本文檢視中國在中亞的數位計畫。");
    assert_eq!(meta.keywords["zh-Hant"], ["數位絲路", "中亞"]);
}

// ---- papers nobody has shown us: one synthetic paper per rule ----

/// The characters of every body block of `text` (from the first section
/// heading to the bio) without heading numbers and note blocks.
fn paper_body_characters(text: &str, bio: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("壹、") || l.starts_with("I. "))
        .unwrap();
    let end = lines.iter().position(|l| l.starts_with(bio)).unwrap();
    let is_note = |l: &str| {
        l.split_once(". ")
            .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
    };
    fn numbered(l: &str) -> &str {
        l.split_once('、')
            .filter(|(n, _)| n.chars().count() == 1)
            .or_else(|| {
                l.split_once(". ")
                    .filter(|(n, _)| n.chars().all(|c| "IVX".contains(c)))
            })
            .map_or(l, |(_, t)| t)
    }
    let source: String = lines[start..end]
        .iter()
        .filter(|l| !is_note(l))
        .map(|l| numbered(l))
        .collect();
    body_characters(&source.replace('-', ""))
}

#[test]
fn a_blank_line_alone_continues_a_chinese_paragraph_that_stopped_mid_sentence() {
    let text = fixture("blank-breaks.txt");
    let files = files(&parse(&text));
    assert_eq!(
        paragraphs(&files["01-introduction.zh-Hant.md"]),
        [
            "中國在中亞的影響力近年持續擴大，已涵蓋經貿與安全。[^1]第二句接著寫完。",
            "這一段以句號結束。",
            "這一段另起，在引號後結束：「帶路」",
            "新的一段在括號後結束（見上）",
            "新的一段以逗號斷開，在空行之後接續。",
        ]
    );
    assert_eq!(
        paragraphs(&files["02-conclusion.zh-Hant.md"]),
        ["最後一段沒有句末標點"],
        "a heading ends a paragraph without a final stop"
    );
    let output: String = sections(&files)
        .iter()
        .map(|(_, md)| markdown_characters(md))
        .collect();
    assert_eq!(paper_body_characters(&text, "本文作者"), output);
}

#[test]
fn a_blank_line_alone_continues_an_english_paragraph_with_the_hyphen_rule() {
    let text = fixture("blank-breaks-en.txt");
    let files = files(&parse(&text));
    assert_eq!(
        paragraphs(&files["01-introduction.en.md"]),
        [
            "The influence of China in the region has grown with its investments in transport and in the security of the states’ borders.[^1] A second sentence ends here.",
            "A new paragraph follows a full stop.",
            "This one ends with a quotation: “the new Silk Road.”",
            "Then one ends in a bracket (see above)",
        ]
    );
    assert_eq!(
        paragraphs(&files["02-conclusion.en.md"]),
        ["The last paragraph has no final stop"]
    );
    let output: String = sections(&files)
        .iter()
        .map(|(_, md)| markdown_characters(md))
        .collect();
    assert_eq!(
        paper_body_characters(&text, "The author"),
        output.replace('-', "")
    );
}

#[test]
fn a_chinese_abstract_and_keywords_at_the_front_belong_to_the_chinese_edition() {
    let paper = parse(&fixture("front-abstract.txt"));
    let meta = &paper.meta;
    assert_eq!(
        meta.abstract_["zh-Hant"],
        "本文檢視中國在中亞的影響力，並評估其對區域安全的意涵。\n\n第二段提要說明研究方法。"
    );
    assert_eq!(
        meta.keywords["zh-Hant"],
        ["中亞", "帶路倡議", "區域安全", "上海合作組織"]
    );
    assert_eq!(
        meta.abstract_["en"],
        "This paper examines China's influence in Central Asia."
    );
    assert_eq!(
        meta.keywords["en"],
        [
            "Central Asia",
            "Belt and Road Initiative",
            "regional security"
        ]
    );
    let yaml = &files(&paper)["briefing.yaml"];
    let parsed: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
    assert_eq!(parsed["keywords"]["zh-Hant"][3], "上海合作組織");
}

/// `text` with its page-bottom note blocks moved to the end, under
/// `heading`, before the bio (the block starting with `bio`).
fn as_endnotes(text: &str, heading: &str, bio: &str) -> String {
    let is_note = |block: &str| {
        block.split_once(". ").is_some_and(|(n, _)| {
            (1..=3).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit())
        })
    };
    let blocks: Vec<&str> = text.split("\n\n").collect();
    let notes: Vec<&str> = blocks.iter().copied().filter(|b| is_note(b)).collect();
    let mut out: Vec<&str> = Vec::new();
    for block in blocks.iter().copied().filter(|b| !is_note(b)) {
        if block.starts_with(bio) {
            out.push(heading);
            out.extend(&notes);
        }
        out.push(block);
    }
    out.join("\n\n")
}

#[test]
fn endnotes_import_exactly_like_page_bottom_notes() {
    for (paper, heading, bio) in [
        (
            fs::read_to_string(repo(SHIPPED)).unwrap(),
            "註　釋",
            "本文作者",
        ),
        (fixture("furniture.txt"), "附註", "本文作者"),
        (fixture("markers.txt"), "註釋", "本文作者"),
        (fixture("english.txt"), "Endnotes", "The author is"),
        (fixture("blank-breaks-en.txt"), "Notes", "The author is"),
    ] {
        let moved = as_endnotes(&paper, heading, bio);
        assert_ne!(moved, paper);
        assert!(moved.contains(&format!("\n\n{heading}\n\n1. ")));
        assert_eq!(files(&parse(&moved)), files(&parse(&paper)), "{heading}");
    }
}

#[test]
fn text_after_the_endnotes_heading_must_be_a_note() {
    let text = MINIMAL.replace("1. 註一。\n2. 註二。\n\n", "").replace(
        "本文作者",
        "註釋\n\n又一段正文。\n\n1. 註一。\n2. 註二。\n\n本文作者",
    );
    let message = fails_at(&text, 17);
    assert!(message.contains("only notes"), "{message}");
}

#[test]
fn figures_and_tables_become_figure_blocks_and_nothing_of_them_a_paragraph() {
    let paper = parse(&fixture("figures.txt"));
    let md = &files(&paper)["01-introduction.zh-Hant.md"];
    assert_eq!(
        blocks(md),
        [
            "中國對中亞的投資在近年快速增加。[^1]下表列出主要項目。",
            "![中國對中亞五國直接投資（2015-2022）](figure-1.png \"圖1：中國對中亞五國直接投資（2015-2022）\n資料來源：作者整理自商務部統計。\")",
            "![國家 項目 金額 哈薩克 鐵路 12](table-2.png \"表 2 主要基礎建設項目\n資料來源：中國商務部。\")",
            "表中可見投資集中於交通。",
            "![僅有標題的地圖](figure-3.png \"圖3：僅有標題的地圖\")",
            "[^1]: 註一。",
        ]
    );
    assert_eq!(
        paragraphs(&files(&paper)["02-conclusion.zh-Hant.md"]),
        ["表示中國的影響力仍在擴大。"],
        "表示 is a word, not a table's label"
    );
}

#[test]
fn english_figures_escape_what_markdown_would_read() {
    let paper = parse(&fixture("figures-en.txt"));
    let md = &files(&paper)["01-introduction.en.md"];
    assert_eq!(
        blocks(md),
        [
            "Chinese investment in the region grew quickly after 2015.[^1] The table lists the main projects.",
            "![Chinese direct investment, 2015-2022](figure-1.png \"Figure 1. Chinese direct investment, 2015-2022\nSource: Ministry of Commerce.\")",
            "![Country Project Kazakhstan Railway](table-2.png \"Table 2: Main infrastructure projects\nSource: \\\"Ministry\\\" \\\\data.\")",
            "Tables are summaries.",
            "[^1]: Note one.",
        ]
    );
    let parser = pulldown_cmark::Parser::new(md);
    let titles: Vec<String> = parser
        .filter_map(|e| match e {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { title, .. }) => {
                Some(title.to_string())
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        titles[1],
        "Table 2: Main infrastructure projects\nSource: \"Ministry\" \\data."
    );
}

// ---- failures: the right line, and nothing written ----

const MINIMAL: &str = "標題\n\n作者\n\n研究所\n\n壹、前言\n\n第一段提到「集體安全條約組織」（Collective Security Treaty Organization, CSTO）。¹ 第二句。²\n\n1. 註一。\n2. 註二。\n\n貳、結語\n\n結語段落。\n\n本文作者甲為研究員。\n";

/// Every file under `dir` with its contents.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.path().to_path_buf(),
                if e.file_type().is_file() {
                    fs::read(e.path()).unwrap()
                } else {
                    Vec::new()
                },
            )
        })
        .collect()
}

struct Site {
    root: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir_all(root.path().join("content/briefings")).unwrap();
        Site { root }
    }

    fn paper(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.root.path().join(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    fn options(&self, paper: PathBuf) -> ImportOptions {
        ImportOptions {
            paper,
            root: self.root.path().to_path_buf(),
            slug: None,
            date: Date::parse("2024-01-15"),
            force: false,
            conflict_markers: false,
        }
    }

    fn briefing(&self, slug: &str) -> PathBuf {
        self.root.path().join("content/briefings").join(slug)
    }
}

/// Imports `text`, expects a failure at `line`, and checks nothing was written.
fn fails_at(text: &str, line: usize) -> String {
    let site = Site::new();
    let opts = site.options(site.paper("paper.txt", text.as_bytes()));
    let before = snapshot(site.root.path());
    let failure = import::run(&opts).unwrap_err();
    assert_eq!(snapshot(site.root.path()), before, "nothing may be written");
    let d = &failure.0[0];
    assert_eq!(
        (d.file.as_path(), d.line),
        (opts.paper.as_path(), line),
        "{d}"
    );
    d.to_string()
}

#[test]
fn minimal_paper_imports() {
    let paper = parse(MINIMAL);
    assert_eq!((paper.sections.len(), paper.notes.len()), (2, 2));
}

#[test]
fn an_unexpected_line_fails() {
    let text = MINIMAL.replace("結語段落。\n", "結語段落。\n多出來的一行\n");
    assert!(fails_at(&text, 17).contains("unexpected line"));
    let text = MINIMAL.replace("研究所\n\n", "研究所\n\n來歷不明的一行\n\n");
    assert!(fails_at(&text, 7).contains("unexpected line"));
}

#[test]
fn a_marker_out_of_sequence_fails() {
    let message = fails_at(&MINIMAL.replace("第二句。²", "第二句。³"), 9);
    assert!(message.contains("expected note 2"), "{message}");
    assert!(message.contains(":9:70:"), "{message}");
}

#[test]
fn a_note_block_that_skips_a_number_fails() {
    let message = fails_at(&MINIMAL.replace("2. 註二。", "3. 註二。"), 12);
    assert!(
        message.contains("expected note 2, found note 3"),
        "{message}"
    );
}

#[test]
fn a_marker_without_its_note_fails() {
    let message = fails_at(&MINIMAL.replace("\n2. 註二。", ""), 9);
    assert!(message.contains("note 2 is marked here"), "{message}");
}

#[test]
fn a_heading_out_of_sequence_fails() {
    let message = fails_at(&MINIMAL.replace("貳、結語", "參、結語"), 14);
    assert!(message.contains("expected 貳、"), "{message}");
}

#[test]
fn invalid_utf8_is_a_diagnostic() {
    let mut bytes = "標題\n\n作者 ".as_bytes().to_vec();
    bytes.extend([0xff, 0xfe]);
    let site = Site::new();
    let opts = site.options(site.paper("paper.txt", &bytes));
    let failure = import::run(&opts).unwrap_err();
    let d = &failure.0[0];
    assert_eq!((d.line, d.column), (3, 4), "{d}");
    assert!(d.message.contains("UTF-8"));
}

// ---- the disk contract ----

#[test]
fn run_writes_the_briefing_source_and_draft_glossary() {
    let site = Site::new();
    let opts = site.options(site.paper("minimal-paper.txt", MINIMAL.as_bytes()));
    let summary = import::run(&opts).unwrap();
    let dir = site.briefing("minimal-paper");
    assert_eq!(summary.dir, dir);
    assert_eq!((summary.notes, summary.sections), (2, 2));
    assert_eq!(
        summary.glossary_added,
        ["collective-security-treaty-organization"]
    );
    for name in [
        "briefing.yaml",
        "01-introduction.zh-Hant.md",
        "02-conclusion.zh-Hant.md",
        "source.txt",
    ] {
        assert!(summary.files.contains(&dir.join(name)), "{name}");
    }
    assert_eq!(fs::read_to_string(dir.join("source.txt")).unwrap(), MINIMAL);
    assert!(fs::read_to_string(dir.join("briefing.yaml"))
        .unwrap()
        .contains("date: 2024-01-15"));
    let glossary = fs::read_to_string(site.root.path().join("content/glossary.yaml")).unwrap();
    assert!(
        glossary.starts_with("- id: collective-security-treaty-organization\n"),
        "{glossary}"
    );
    assert!(
        glossary.contains("draft: true") && glossary.contains("- CSTO"),
        "{glossary}"
    );
    assert!(summary.warnings.iter().all(|w| !w.message.contains("date")));
}

#[test]
fn without_a_date_the_import_warns() {
    let site = Site::new();
    let opts = ImportOptions {
        date: None,
        ..site.options(site.paper("x.txt", MINIMAL.as_bytes()))
    };
    let summary = import::run(&opts).unwrap();
    let warning = summary
        .warnings
        .iter()
        .find(|w| w.message.contains("date"))
        .unwrap();
    assert_eq!(
        warning.message,
        "the paper carries no date; set `date:` in briefing.yaml"
    );
    assert!(!fs::read_to_string(summary.dir.join("briefing.yaml"))
        .unwrap()
        .contains("date:"));
}

#[test]
fn the_glossary_keeps_its_text_and_gains_no_duplicates() {
    let site = Site::new();
    let old = "# Curated by editors. Keep this comment.\n- id: barometer\n  zh-Hant:\n    term: 中亞晴雨表\n    definition: 民調。\n";
    let glossary = site.root.path().join("content/glossary.yaml");
    fs::write(&glossary, old).unwrap();
    let mut opts = site.options(repo(SHIPPED));
    opts.slug = Some("shipped".into());
    let summary = import::run(&opts).unwrap();
    assert_eq!(
        summary.glossary_added,
        ["collective-security-treaty-organization"]
    );
    let text = fs::read_to_string(&glossary).unwrap();
    assert!(text.starts_with(old));
    assert_eq!(text.matches("- id:").count(), 2);
    opts.force = true;
    assert!(import::run(&opts).unwrap().glossary_added.is_empty());
    assert_eq!(fs::read_to_string(&glossary).unwrap(), text);
}

#[test]
fn reimport_needs_force_and_keeps_translations() {
    let site = Site::new();
    let mut opts = site.options(site.paper("again.txt", MINIMAL.as_bytes()));
    import::run(&opts).unwrap();
    let dir = site.briefing("again");
    fs::write(
        dir.join("01-introduction.en.md"),
        "---\ntitle: Introduction\n---\n",
    )
    .unwrap();
    fs::write(dir.join("03-old.zh-Hant.md"), "---\ntitle: 舊\n---\n").unwrap();
    let before = snapshot(site.root.path());
    let failure = import::run(&opts).unwrap_err();
    assert!(
        failure.0[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("pass --force"),
        "{failure}"
    );
    assert_eq!(snapshot(site.root.path()), before);
    opts.force = true;
    import::run(&opts).unwrap();
    assert!(
        dir.join("01-introduction.en.md").exists(),
        "translations are kept"
    );
    assert!(
        dir.join("03-old.zh-Hant.md").exists(),
        "a section no import wrote is an editor's, and stays (review R7)"
    );
    assert!(dir.join("02-conclusion.zh-Hant.md").exists());
}

#[test]
fn a_paper_already_in_place_is_imported_without_force() {
    let site = Site::new();
    let dir = site.briefing("in-place");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("source.txt"), MINIMAL).unwrap();
    let summary = import::run(&site.options(dir.join("source.txt"))).unwrap();
    assert_eq!(summary.dir, dir, "the slug is the directory's name");
    assert!(!summary.files.contains(&dir.join("source.txt")));
    assert_eq!(fs::read_to_string(dir.join("source.txt")).unwrap(), MINIMAL);
}

#[test]
fn unsafe_slugs_are_refused() {
    let site = Site::new();
    let paper = site.paper("paper.txt", MINIMAL.as_bytes());
    let before = snapshot(site.root.path());
    for slug in ["../escape", "/etc", "a/b", "Upper", "", "..", "with space"] {
        let opts = ImportOptions {
            slug: Some(slug.into()),
            ..site.options(paper.clone())
        };
        let failure = import::run(&opts).unwrap_err();
        assert!(failure.0[0].message.contains("slug"), "{failure}");
    }
    let opts = site.options(site.paper("Not A Slug.txt", MINIMAL.as_bytes()));
    assert!(import::run(&opts).is_err());
    fs::remove_file(&opts.paper).unwrap();
    assert_eq!(snapshot(site.root.path()), before);
}

/// Wraps a note line at about `width` characters where re-joining restores
/// it exactly: between two ideographs, or at a space between Latin words.
fn wrap_note(line: &str, width: usize) -> String {
    let ideograph = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut run = 0;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let after = chars.get(i + 2).copied().unwrap_or(' ');
        run += 1;
        if run >= width && ideograph(c) && ideograph(next) {
            out.push(c);
            out.push('\n');
            run = 0;
        } else if run >= width
            && c == ' '
            && out.ends_with(|c: char| c.is_ascii_alphanumeric())
            && after.is_ascii_alphanumeric()
        {
            out.push('\n');
            run = 0;
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn furniture_wrapped_notes_and_crlf_do_not_change_the_shipped_import() {
    let (text, expected, _) = shipped();
    let lines: Vec<&str> = text.lines().collect();
    let is_note = |l: &str| {
        l.split_once(". ")
            .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
    };
    let mut page = 0;
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if is_note(line) {
            out.push(wrap_note(line, 30));
        } else {
            out.push(line.to_string());
        }
        let block_ends = lines.get(i + 1).is_none_or(|l| l.is_empty());
        let next_is_body = lines.get(i + 2).is_some_and(|l| !is_note(l));
        if is_note(line) && block_ends && next_is_body {
            page += 1;
            out.push(format!("\n國防安全研究院\n\n- {page} -"));
        }
    }
    let altered = out.join("\r\n");
    assert!(altered.matches("國防安全研究院").count() >= 8);
    assert!(
        altered.lines().count() > text.lines().count() + 50,
        "notes were wrapped"
    );
    let actual = files(&parse(&altered));
    for (name, text) in &expected {
        assert_eq!(&actual[name], text, "{name}");
    }
    assert_eq!(actual.len(), expected.len());
}

/// The shipped content is exactly what `briefing import` makes of the paper
/// (translations and the curated glossary are the editors' additions).
/// The shipped `text` of the imported file `name` as the import wrote it:
/// the editor has since named the author by id (content/authors.yaml holds
/// the byline the import wrote) and added topics.
fn editorial(name: &str, text: String) -> String {
    if name != "briefing.yaml" {
        return text;
    }
    let authors = fs::read_to_string(repo("content/authors.yaml")).unwrap();
    let entry = authors.split("- id: tzeng-yisuo\n").nth(1).unwrap();
    let byline = "authors:\n- name:\n    en: Yisuo Tzeng\n    zh-Hant: 曾怡碩\n  affiliation:\n";
    assert!(entry.contains("division: { zh-Hant: 網路安全與決策推演研究所, en: Division of Cyber Security and Decision-Making Simulation }"));
    let edited = "authors: [tzeng-yisuo]\ntopics: [central-asia, chinese-influence, digital-authoritarianism]\n";
    let bio = entry.split("    zh-Hant: ").nth(1).unwrap().trim_end();
    text.replace(
        edited,
        &format!(
            "{byline}    en: Division of Cyber Security and Decision-Making Simulation\n    zh-Hant: 網路安全與決策推演研究所\n  bio:\n    zh-Hant: {bio}\n"
        ),
    )
}

#[test]
fn the_shipped_content_is_what_the_cli_import_produces() {
    let root = tempfile::tempdir().unwrap();
    fs::copy(repo("site.yaml"), root.path().join("site.yaml")).unwrap();
    let paper = root.path().join("paper.txt");
    fs::copy(repo(SHIPPED), &paper).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--root")
        .arg(root.path())
        .args([
            "import",
            "paper.txt",
            "--slug",
            "china-central-asia-influence",
            "--date",
            "2023-12-01",
        ])
        .current_dir(root.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("imported 5 sections and 45 notes"),
        "{stderr}"
    );
    let made = root
        .path()
        .join("content/briefings/china-central-asia-influence");
    let mut compared = 0;
    assert!(
        made.join(".import-base.json").is_file(),
        "the import's record"
    );
    for entry in fs::read_dir(&made).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.starts_with('.') {
            continue; // the import's record of what it wrote
        }
        let shipped = repo(&format!(
            "content/briefings/china-central-asia-influence/{name}"
        ));
        assert_eq!(
            fs::read_to_string(made.join(&name)).unwrap(),
            editorial(&name, fs::read_to_string(&shipped).unwrap()),
            "{name} differs from the shipped copy"
        );
        compared += 1;
    }
    assert_eq!(compared, 7, "briefing.yaml, five sections and source.txt");
}

// ---- what import writes, build accepts ----

/// A site with `site.yaml` and the shipped theme (linked, not copied), and no content.
fn buildable_site() -> Site {
    let site = Site::new();
    fs::copy(repo("site.yaml"), site.root.path().join("site.yaml")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(repo("themes"), site.root.path().join("themes")).unwrap();
    #[cfg(not(unix))]
    copy_tree(&repo("themes"), &site.root.path().join("themes"));
    site
}

#[cfg(not(unix))]
fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap) {
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Imports `text` as briefing `p` (replacing an earlier one); None when the
/// importer refuses it, else the errors `check` reports on the result.
fn check_after_import(site: &Site, text: &str) -> Option<Vec<String>> {
    let _ = fs::remove_dir_all(site.briefing("p"));
    let _ = fs::remove_file(site.root.path().join("content/glossary.yaml"));
    let opts = ImportOptions {
        slug: Some("p".into()),
        ..site.options(site.paper("p.txt", text.as_bytes()))
    };
    import::run(&opts).ok()?;
    let report = briefing::build::check(site.root.path());
    Some(
        report
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect(),
    )
}

#[test]
fn a_literal_note_reference_in_a_paper_stays_literal_text() {
    let site = buildable_site();
    let text = MINIMAL.replace("第一段", "第一段以 [^99] 與 \\[^1] 標示註腳，[[^]] 亦然，");
    assert_eq!(check_after_import(&site, &text), Some(vec![]));
    let md = fs::read_to_string(site.briefing("p").join("01-introduction.zh-Hant.md")).unwrap();
    assert!(
        md.contains("以 \\[^99] 與 \\\\\\[^1] 標示註腳，\\[\\[^]] 亦然"),
        "{md}"
    );
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 256, ..Default::default() })]

    /// Whatever body text `import` accepts, `build` accepts its output.
    #[test]
    fn whatever_import_accepts_check_accepts(
        inserted in proptest::collection::vec(proptest::sample::select(vec![
            "[^", "[^99]", "[^1]", "\\", "]", "[", "^", "*", "_", "`", "<", ">", "&amp;",
            "&", "#", "~", "|", "中文", "Latin", " ", "：", ":", "{#x}", "[[", "]]", "!",
            "(", ")", "https://x.example/a_b", "<https://y.example/>", "-", "1.",
        ]), 0..12).prop_map(|v| v.concat())
    ) {
        let site = buildable_site();
        let text = MINIMAL.replace("第一段", &format!("第一段{inserted}"));
        if let Some(errors) = check_after_import(&site, &text) {
            prop_assert!(errors.is_empty(), "{inserted:?}: {errors:?}");
        }
    }
}

// ---- hostile papers and folders ----

#[test]
fn a_paper_larger_than_the_limit_is_refused() {
    let site = Site::new();
    let big = site.root.path().join("big.txt");
    let file = fs::File::create(&big).unwrap();
    file.set_len(import::MAX_PAPER_BYTES + 1).unwrap(); // sparse: no disk used
    let before = snapshot(site.root.path());
    let opts = site.options(big);
    let failure = import::run(&opts).unwrap_err();
    assert!(
        failure.0[0].message.contains("larger than 16 MiB"),
        "{failure}"
    );
    assert_eq!(snapshot(site.root.path()), before);
}

#[test]
fn nul_bytes_are_reported_at_their_place() {
    let text = MINIMAL.replace("第二句", "第二\0句");
    let message = fails_at(&text, 9);
    assert!(message.contains(":9:"), "{message}");
    assert!(message.contains("NUL byte"), "{message}");
}

#[cfg(unix)]
#[test]
fn a_briefing_folder_linked_out_of_content_is_refused() {
    let site = Site::new();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.briefing("linked")).unwrap();
    let mut opts = site.options(site.paper("linked.txt", MINIMAL.as_bytes()));
    for force in [false, true] {
        opts.force = force;
        let failure = import::run(&opts).unwrap_err();
        assert!(
            failure.0[0].message.contains("leads outside content/"),
            "{failure}"
        );
        assert_eq!(
            fs::read_dir(elsewhere.path()).unwrap().count(),
            0,
            "nothing is written there"
        );
    }
}

// ---- all or nothing on disk ----

#[test]
fn a_forced_reimport_that_fails_changes_nothing_and_leaves_nothing() {
    let site = Site::new();
    let mut opts = site.options(site.paper("again.txt", MINIMAL.as_bytes()));
    import::run(&opts).unwrap();
    let dir = site.briefing("again");
    fs::remove_file(dir.join("02-conclusion.zh-Hant.md")).unwrap();
    fs::create_dir(dir.join("02-conclusion.zh-Hant.md")).unwrap();
    fs::write(
        dir.join("02-conclusion.zh-Hant.md/notes.txt"),
        "an editor's file",
    )
    .unwrap();
    site.paper(
        "again.txt",
        MINIMAL.replace("第一段", "改寫的第一段").as_bytes(),
    );
    let before = snapshot(site.root.path());
    opts.force = true;
    let failure = import::run(&opts).unwrap_err();
    assert!(
        failure.0[0]
            .message
            .contains("is a folder, where the import writes a file"),
        "{failure}"
    );
    assert!(
        snapshot(site.root.path()) == before,
        "the earlier import is untouched, no temporary files"
    );
}

#[test]
fn what_an_interrupted_import_left_is_removed_by_the_next() {
    let site = Site::new();
    let briefings = site.root.path().join("content/briefings");
    fs::create_dir_all(briefings.join(".again.staging-4194305")).unwrap();
    fs::write(
        briefings.join(".again.staging-4194305/01-x.zh-Hant.md"),
        "half",
    )
    .unwrap();
    import::run(&site.options(site.paper("again.txt", MINIMAL.as_bytes()))).unwrap();
    let names: Vec<_> = fs::read_dir(&briefings)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["again"]);
}

/// The first bytes of a PNG of `width` × `height` pixels: enough for its
/// header to give the size.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(width.to_be_bytes());
    png.extend(height.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    png
}

#[test]
fn an_imported_figure_shows_its_text_until_the_editor_adds_the_image() {
    let site = common::TempSite::fixture("basic");
    let paper = repo("tests/fixtures/papers/figures.txt");
    let args = [
        "import",
        paper.to_str().unwrap(),
        "--slug",
        "figs",
        "--date",
        "2024-01-01",
    ];
    let out = site.run(&args);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: `figure-1.png` is not a file of this briefing's folder"),
        "{}",
        out.stderr
    );
    let page = site.page("briefings/figs/index.html");
    let captions: Vec<String> = page
        .select(&common::sel("figure figcaption"))
        .map(|c| c.inner_html())
        .collect();
    assert_eq!(
        captions[0],
        "圖1：中國對中亞五國直接投資（2015-2022）<br>資料來源：作者整理自商務部統計。"
    );
    assert_eq!(common::texts(&page, "figure .image-pending").len(), 3);
    assert_eq!(
        common::attrs(&page, "figure img", "src").len(),
        0,
        "no broken image"
    );

    std::fs::write(
        site.root().join("content/briefings/figs/figure-1.png"),
        png_header(640, 360),
    )
    .unwrap();
    let out = site.run(&["build"]);
    assert!(!out.stderr.contains("figure-1.png"), "{}", out.stderr);
    let page = site.page("briefings/figs/index.html");
    let img = page
        .select(&common::sel("figure img"))
        .next()
        .expect("the figure's image");
    assert_eq!(
        (img.value().attr("width"), img.value().attr("height")),
        (Some("640"), Some("360"))
    );
    assert_eq!(
        img.value().attr("alt"),
        Some("中國對中亞五國直接投資（2015-2022）")
    );
    assert_eq!(common::texts(&page, "figure .image-pending").len(), 2);
}

#[test]
fn sections_are_named_after_their_english_titles_and_a_reimport_keeps_the_names() {
    let site = common::TempSite::shipped();
    let dir = site
        .root()
        .join("content/briefings/china-central-asia-influence");
    let intro = dir.join("01-introduction.en.md");
    let text = fs::read_to_string(&intro).unwrap();
    fs::write(
        &intro,
        format!("{text}\nSee [section 4](#section-4) and [its first part](#section-4-1).\n"),
    )
    .unwrap();
    let out = site.run(&["rename-sections", "china-central-asia-influence"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let names = || -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".md"))
            .collect();
        names.sort();
        names
    };
    let renamed = names();
    assert!(
        renamed.contains(&"04-recent-changes-in-the-patterns.zh-Hant.md".to_string())
            && renamed.contains(&"04-recent-changes-in-the-patterns.en.md".to_string()),
        "{renamed:?}"
    );
    assert!(
        renamed.iter().all(|n| !n.contains("section-")),
        "{renamed:?}"
    );
    assert!(
        out.stderr
            .contains("links to #section-4 must now say #recent-changes-in-the-patterns"),
        "{}",
        out.stderr
    );

    let relinked = fs::read_to_string(&intro).unwrap();
    assert!(
        relinked.contains("(#recent-changes-in-the-patterns)")
            && relinked.contains("(#recent-changes-in-the-patterns-1)"),
        "the briefing's own links follow the renamed anchors"
    );
    site.build();
    let (_, broken) = common::check_links(&site.public(), "/");
    assert!(broken.is_empty(), "{broken:?}");
    let page = site.page("briefings/china-central-asia-influence/index.html");
    assert!(!common::attrs(&page, "#recent-changes-in-the-patterns", "id").is_empty());

    let paper = dir.join("source.txt");
    let args = [
        "import",
        paper.to_str().unwrap(),
        "--date",
        "2023-12-01",
        "--force",
    ];
    let out = site.run(&args);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        names(),
        renamed,
        "the re-import writes into the renamed files"
    );
    let again = site.run(&["rename-sections", "china-central-asia-influence"]);
    assert!(again.stderr.contains("already named"), "{}", again.stderr);
}

#[test]
fn the_import_proposes_a_draft_author_entry_once_and_the_site_still_builds() {
    let site = common::TempSite::fixture("basic");
    let paper = repo("tests/fixtures/papers/english.txt");
    let args = [
        "import",
        paper.to_str().unwrap(),
        "--slug",
        "dsr",
        "--date",
        "2024-01-01",
    ];
    let out = site.run(&args);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains("proposed draft author entries"),
        "{}",
        out.stderr
    );
    let authors = fs::read_to_string(site.root().join("content/authors.yaml")).unwrap();
    let entries: serde_yaml::Value = serde_yaml::from_str(&authors).unwrap();
    assert_eq!(entries[0]["id"], "jane-doe");
    assert_eq!(entries[0]["name"]["zh-Hant"], "多伊");
    assert_eq!(entries[0]["draft"], true);
    assert!(entries[0]["bio"]["en"]
        .as_str()
        .unwrap()
        .starts_with("The author is"));
    site.build();
    assert!(
        !site.public().join("authors/jane-doe").exists(),
        "a draft is not published"
    );

    let out = site.run(&[&args[..], &["--force"]].concat());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let again = fs::read_to_string(site.root().join("content/authors.yaml")).unwrap();
    assert_eq!(again, authors, "proposed once");
}
