//! A PDF font as the text reader needs it: how its string bytes split into
//! character codes, what text each code stands for (the font's ToUnicode
//! map, else a standard encoding) and how far each glyph advances.

use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// One font of a page's resources.
#[derive(Debug, Default)]
pub struct Font {
    /// The font's name (`BaseFont`), for messages.
    pub name: String,
    /// Bytes per character code: 2 for composite (Type0) fonts, else 1.
    code_bytes: usize,
    /// Code → text, from the ToUnicode map or the encoding.
    text: HashMap<u32, String>,
    /// Code → advance width in thousandths of the font size.
    widths: HashMap<u32, f64>,
    /// The width of a code the font lists no width for.
    default_width: f64,
    /// Whether the font's name says it is bold.
    pub bold: bool,
    /// Whether the font is italic or oblique: its name says so, or its
    /// descriptor (a slanted `ItalicAngle`, or the Italic flag).
    pub italic: bool,
    /// Whether its ToUnicode map or widths list more than `MAX_CODES`
    /// codes (ranges counted code by code), which no real font does: it is
    /// not read further.
    pub oversized: bool,
    /// Whether it writes top to bottom: a composite font whose CMap is
    /// `Identity-V` (or another `…-V`) or says `/WMode 1`.
    pub vertical: bool,
}

/// One character code of a string, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    /// Its text; `None` when the font maps the code to nothing.
    pub text: Option<String>,
    /// Its advance width in thousandths of the font size.
    pub width: f64,
    /// True for the single-byte code 32, to which word spacing applies.
    pub word_space: bool,
}

impl Font {
    /// Reads the font dictionary `dict` of `doc`.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let name = name_of(dict, b"BaseFont").unwrap_or_default();
        let composite = name_of(dict, b"Subtype").as_deref() == Some("Type0");
        let mut font = Font {
            bold: name.to_ascii_lowercase().contains("bold"),
            italic: ["italic", "oblique"]
                .iter()
                .any(|s| name.to_ascii_lowercase().contains(s))
                || slanted(doc, dict),
            name,
            code_bytes: if composite { 2 } else { 1 },
            ..Font::default()
        };
        if composite {
            font.vertical = vertical(doc, dict);
            font.load_cid_widths(doc, dict);
            if ucs2_encoding(dict) {
                font.text = (0..=0xFFFF)
                    .filter_map(|c| Some((c, char::from_u32(c)?.to_string())))
                    .collect();
            }
        } else {
            font.load_simple_widths(doc, dict);
            font.text = simple_encoding(doc, dict);
        }
        if let Some(map) = stream_bytes(doc, dict.get(b"ToUnicode").ok()) {
            match to_unicode(&map) {
                Some(map) => font.text.extend(map),
                None => font.oversized = true,
            }
        }
        font
    }

    /// The codes of a shown string.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Code> {
        bytes
            .chunks(self.code_bytes)
            .map(|chunk| {
                let code = chunk.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b));
                Code {
                    text: self.text.get(&code).cloned(),
                    width: self
                        .widths
                        .get(&code)
                        .copied()
                        .unwrap_or(self.default_width),
                    word_space: self.code_bytes == 1 && code == 32,
                }
            })
            .collect()
    }

    /// `W` and `DW` of the descendant CIDFont.
    fn load_cid_widths(&mut self, doc: &Document, dict: &Dictionary) {
        let Some(cid) = descendant(doc, dict) else {
            return;
        };
        self.default_width = number(doc, cid.get(b"DW").ok()).unwrap_or(1000.0);
        let Some(w) = deref(doc, cid.get(b"W").ok()).and_then(|o| o.as_array().ok()) else {
            return;
        };
        let mut i = 0;
        let mut left = MAX_CODES;
        while i + 1 < w.len() && left > 0 {
            let first = number(doc, Some(&w[i])).unwrap_or(0.0) as u32;
            if let Some(list) = deref(doc, Some(&w[i + 1])).and_then(|o| o.as_array().ok()) {
                for (k, width) in list.iter().take(left).enumerate() {
                    let width = number(doc, Some(width)).unwrap_or(self.default_width);
                    self.widths.insert(first.saturating_add(k as u32), width);
                }
                left = left.saturating_sub(list.len());
                i += 2;
            } else {
                let last = number(doc, Some(&w[i + 1])).unwrap_or(0.0) as u32;
                let width = number(doc, w.get(i + 2)).unwrap_or(self.default_width);
                for code in codes(first, last, &mut left) {
                    self.widths.insert(code, width);
                }
                i += 3;
            }
        }
        self.oversized |= left == 0;
    }

    /// `FirstChar` and `Widths` of a simple font.
    fn load_simple_widths(&mut self, doc: &Document, dict: &Dictionary) {
        self.default_width = 500.0;
        let first = number(doc, dict.get(b"FirstChar").ok()).unwrap_or(0.0) as u32;
        let widths = deref(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok());
        for (k, width) in widths.into_iter().flatten().enumerate() {
            if let Some(width) = number(doc, Some(width)) {
                self.widths.insert(first + k as u32, width);
            }
        }
    }
}

/// A composite font's descendant CIDFont.
fn descendant<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<&'a Dictionary> {
    deref(doc, dict.get(b"DescendantFonts").ok())
        .and_then(|o| o.as_array().ok())
        .and_then(|a| deref(doc, a.first()))
        .and_then(|o| o.as_dict().ok())
}

/// Bit 7 of a font descriptor's `Flags`: the glyphs are italic.
const ITALIC_FLAG: i64 = 1 << 6;

/// Whether the font's descriptor (a composite font's: its descendant's)
/// says its glyphs slant: a non-zero `ItalicAngle` or the Italic flag.
fn slanted(doc: &Document, dict: &Dictionary) -> bool {
    let font = descendant(doc, dict).unwrap_or(dict);
    let Some(descriptor) =
        deref(doc, font.get(b"FontDescriptor").ok()).and_then(|o| o.as_dict().ok())
    else {
        return false;
    };
    let angle = number(doc, descriptor.get(b"ItalicAngle").ok()).unwrap_or(0.0);
    let flags = deref(doc, descriptor.get(b"Flags").ok())
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    angle.abs() > 0.5 || flags & ITALIC_FLAG != 0
}

/// A composite font's `Encoding` writes vertically: a predefined CMap named
/// `…-V`, or an embedded one with `/WMode 1`.
fn vertical(doc: &Document, dict: &Dictionary) -> bool {
    match deref(doc, dict.get(b"Encoding").ok()) {
        Some(Object::Name(name)) => name.ends_with(b"-V"),
        Some(Object::Stream(stream)) => {
            stream.dict.get(b"WMode").ok().and_then(|w| w.as_i64().ok()) == Some(1)
        }
        _ => false,
    }
}

/// A composite font whose CMap's codes are Unicode (`UniCNS-UCS2-H`, …).
fn ucs2_encoding(dict: &Dictionary) -> bool {
    name_of(dict, b"Encoding")
        .is_some_and(|e| e.starts_with("Uni") && (e.contains("UCS2") || e.contains("UTF16")))
}

/// A simple font's codes read through a standard encoding: printable ASCII,
/// and Latin-1 above 160 for WinAnsi; codes a `Differences` array renames
/// are known only by `uniXXXX` or one-character glyph names. An embedded
/// font that names no encoding uses its own: nothing is known of it.
fn simple_encoding(doc: &Document, dict: &Dictionary) -> HashMap<u32, String> {
    let encoding = deref(doc, dict.get(b"Encoding").ok());
    if encoding.is_none() && dict.has(b"FontDescriptor") {
        return HashMap::new();
    }
    let base = match encoding {
        Some(Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
        Some(Object::Dictionary(d)) => name_of(d, b"BaseEncoding").unwrap_or_default(),
        _ => String::new(),
    };
    let mut text: HashMap<u32, String> = (32..127)
        .map(|c| (c, char::from(c as u8).to_string()))
        .collect();
    if base == "WinAnsiEncoding" {
        text.extend((160..=255).filter_map(|c| Some((c, char::from_u32(c)?.to_string()))));
    }
    let differences = encoding
        .and_then(|e| e.as_dict().ok())
        .and_then(|d| deref(doc, d.get(b"Differences").ok()))
        .and_then(|o| o.as_array().ok());
    let mut code = 0u32;
    for item in differences.into_iter().flatten() {
        match item {
            Object::Integer(n) => code = u32::try_from(*n).unwrap_or(0),
            Object::Name(glyph) => {
                match glyph_text(&String::from_utf8_lossy(glyph)) {
                    Some(t) => text.insert(code, t),
                    None => text.remove(&code),
                };
                code += 1;
            }
            _ => {}
        }
    }
    text
}

/// The text of a glyph name: `uni4E2D`, or a one-character name (`a`).
fn glyph_text(name: &str) -> Option<String> {
    if let Some(hex) = name.strip_prefix("uni").filter(|h| h.len() == 4) {
        return char::from_u32(u32::from_str_radix(hex, 16).ok()?).map(String::from);
    }
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphanumeric() => Some(c.to_string()),
        _ => None,
    }
}

/// The most codes a font's ToUnicode map or widths may list, ranges
/// counted code by code: four times every two-byte code, which no real font
/// needs, so a few bytes of repeated ranges cannot keep the import busy.
pub const MAX_CODES: usize = 4 << 16;

/// The codes `first..=last`, as many as `left` allows (which they use up).
fn codes(first: u32, last: u32, left: &mut usize) -> impl Iterator<Item = u32> {
    let all = (u64::from(last) + 1).saturating_sub(u64::from(first));
    let count = all.min(*left as u64);
    *left -= count as usize;
    (u64::from(first)..u64::from(first) + count).map(|c| c as u32)
}

/// The code → text pairs of a ToUnicode CMap (`bfchar` and `bfrange`);
/// `None` when it lists `MAX_CODES` or more.
pub fn to_unicode(cmap: &[u8]) -> Option<HashMap<u32, String>> {
    let text = String::from_utf8_lossy(cmap);
    let tokens = tokens(&text);
    let mut map = HashMap::new();
    let mut section = "";
    let mut left = MAX_CODES;
    let mut i = 0;
    while i < tokens.len() && left > 0 {
        match tokens[i] {
            Token::Word(w) if w == "beginbfchar" || w == "beginbfrange" => section = w,
            Token::Word(_) => section = "",
            Token::Hex(src) if section == "beginbfchar" => {
                if let Some(Token::Hex(dst)) = tokens.get(i + 1) {
                    map.insert(code(src), utf16(dst));
                    left -= 1;
                }
                i += 1;
            }
            Token::Hex(lo) if section == "beginbfrange" => {
                i += range(&tokens[i..], code(lo), &mut map, &mut left);
            }
            _ => {}
        }
        i += 1;
    }
    (left > 0).then_some(map)
}

/// One `bfrange` entry starting at `tokens[0]` (its low code `lo`): `<lo>
/// <hi> <dst>` (the last code unit counting up) or `<lo> <hi> [<d1> <d2> …]`.
/// Returns how many tokens after the first it used.
fn range(tokens: &[Token], lo: u32, map: &mut HashMap<u32, String>, left: &mut usize) -> usize {
    let Some(Token::Hex(hi)) = tokens.get(1) else {
        return 0;
    };
    let hi = code(hi).min(lo.saturating_add(0xFFFF));
    match tokens.get(2) {
        Some(Token::Hex(dst)) => {
            let mut units = utf16_units(dst);
            for c in codes(lo, hi, left) {
                map.insert(c, String::from_utf16_lossy(&units));
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add(1);
                }
            }
            2
        }
        Some(Token::Open) => {
            let mut used = 3;
            for c in codes(lo, hi, left) {
                match tokens.get(used) {
                    Some(Token::Hex(dst)) => {
                        map.insert(c, utf16(dst));
                        used += 1;
                    }
                    _ => break,
                }
            }
            used
        }
        _ => 1,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Hex(&'a str),
    Open,
    Word(&'a str),
}

/// The hex strings, `[`, and `begin…`/`end…` keywords of a CMap.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c == '<' || c == '[' || c.is_ascii_alphabetic()) {
        rest = &rest[start..];
        if let Some(hex) = rest.strip_prefix('<') {
            let end = hex.find('>').unwrap_or(hex.len());
            out.push(Token::Hex(&hex[..end]));
            rest = &hex[(end + 1).min(hex.len())..];
        } else if let Some(after) = rest.strip_prefix('[') {
            out.push(Token::Open);
            rest = after;
        } else {
            let end = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            let word = &rest[..end];
            if word.starts_with("begin") || word.starts_with("end") {
                out.push(Token::Word(word));
            }
            rest = &rest[end..];
        }
    }
    out
}

fn code(hex: &str) -> u32 {
    u32::from_str_radix(&hex.replace(char::is_whitespace, ""), 16).unwrap_or(u32::MAX)
}

fn utf16_units(hex: &str) -> Vec<u16> {
    let digits: Vec<u8> = hex.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(4)
        .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
        .collect()
}

fn utf16(hex: &str) -> String {
    String::from_utf16_lossy(&utf16_units(hex))
}

/// An object with references followed.
pub fn deref<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Object> {
    doc.dereference(object?).ok().map(|(_, o)| o)
}

fn number(doc: &Document, object: Option<&Object>) -> Option<f64> {
    deref(doc, object)?.as_float().ok().map(f64::from)
}

fn name_of(dict: &Dictionary, key: &[u8]) -> Option<String> {
    Some(String::from_utf8_lossy(dict.get(key).ok()?.as_name().ok()?).into_owned())
}

/// The decompressed bytes of a stream object (or a reference to one).
pub fn stream_bytes(doc: &Document, object: Option<&Object>) -> Option<Vec<u8>> {
    let stream = deref(doc, object)?.as_stream().ok()?;
    stream
        .decompressed_content()
        .ok()
        .or_else(|| Some(stream.content.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_ranges_stop_at_the_most_codes_a_font_may_list() {
        let range = "<0000> <FFFF> <0041>\n";
        let cmap = format!("{} beginbfrange\n{}endbfrange", 1000, range.repeat(1000));
        assert_eq!(to_unicode(cmap.as_bytes()), None);
        let cmap = format!("{} beginbfrange\n{}endbfrange", 3, range.repeat(3));
        assert_eq!(to_unicode(cmap.as_bytes()).map(|m| m.len()), Some(0x10000));
        let mut left = 3;
        assert_eq!(codes(5, 4, &mut left).count(), 0);
        assert_eq!(codes(7, 100, &mut left).collect::<Vec<_>>(), [7, 8, 9]);
        assert_eq!((codes(0, 0, &mut left).count(), left), (0, 0));
    }

    #[test]
    fn reads_bfchar_and_bfrange() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0001> <4E2D> <0002> <D840DC00> endbfchar
            2 beginbfrange <0010> <0012> <0061> <0020> <0021> [<0041> <00660066>] endbfrange";
        let map = to_unicode(cmap).unwrap();
        assert_eq!(map[&1], "中");
        assert_eq!(map[&2], "𠀀");
        assert_eq!((map[&0x10].as_str(), map[&0x12].as_str()), ("a", "c"));
        assert_eq!((map[&0x20].as_str(), map[&0x21].as_str()), ("A", "ff"));
        assert!(!map.contains_key(&0));
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_text("uni4E2D").as_deref(), Some("中"));
        assert_eq!(glyph_text("a").as_deref(), Some("a"));
        assert_eq!(glyph_text("g123"), None);
    }
}
