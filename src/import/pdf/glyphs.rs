//! The glyphs a PDF page shows: its content stream (and the forms it
//! draws) interpreted for text alone, each glyph with its text, baseline
//! position, size and advance in the page's coordinates (points, y up).

use super::fonts::{deref, stream_bytes, Font};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// One glyph as printed.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Its text (`\u{FFFD}` when the font maps it to nothing).
    pub text: String,
    /// Left end of the glyph's baseline.
    pub x: f64,
    /// The baseline's height above the page's bottom.
    pub y: f64,
    /// How far the glyph advances along the baseline.
    pub width: f64,
    /// The font size as printed.
    pub size: f64,
    /// Which text-showing operation printed it: glyphs of one operation
    /// were set as one piece.
    pub run: usize,
    /// Whether its font is bold.
    pub bold: bool,
    /// Whether its font is italic (or oblique).
    pub italic: bool,
    /// Its place in the content stream: the order in which a line's glyphs are read.
    pub index: usize,
}

/// What one page shows.
#[derive(Debug, Default)]
pub struct Page {
    /// Its glyphs in the order the content stream shows them.
    pub glyphs: Vec<Glyph>,
    /// How many images it draws.
    pub images: usize,
    /// Fonts with glyphs that map to no text.
    pub unmapped_fonts: Vec<String>,
    /// Fonts that write top to bottom (WMode 1) and show glyphs.
    pub vertical_fonts: Vec<String>,
}

/// The placeholder for a glyph whose font maps it to nothing.
pub const UNMAPPED: &str = "\u{FFFD}";

/// Forms inside forms deeper than this are not read (a loop, or an attack).
const MAX_FORM_DEPTH: usize = 8;
/// The most decompressed content a page may have (a decompression bomb stops here).
const MAX_CONTENT_BYTES: usize = 64 << 20;

/// The most operators a page may draw, its forms' counted each time one is
/// drawn. A paper's page draws a few thousand; decoding a stream holds all
/// of its operators in memory (some hundred bytes each), so a small file of
/// repeated operators could otherwise take gigabytes.
const MAX_OPERATORS: usize = 250_000;
/// The most operators a whole PDF may draw: a long paper's pages many
/// times over. Pages may share one content stream, so a small file of many
/// pages could otherwise keep the import busy for hours.
pub const MAX_DOCUMENT_OPERATORS: usize = 4_000_000;

/// How many operators the content streams of page `id` hold at most (forms
/// they draw aside): what reading it will cost, counted before it is read.
pub fn operators_on(doc: &Document, id: ObjectId) -> Result<usize, String> {
    let content = doc
        .get_page_content_with_limit(id, MAX_CONTENT_BYTES)
        .map_err(|e| e.to_string())?;
    Ok(operators(&content))
}

/// How many operators `content` holds at most: its words that start after
/// whitespace or a delimiter with a letter, `'` or `"` (`BT`, `T*`, `'`; a
/// name's `/` makes none). Words inside strings count too.
fn operators(content: &[u8]) -> usize {
    let mut previous = b' ';
    content
        .iter()
        .filter(|&&b| {
            let after = previous.is_ascii_whitespace() || b"()<>[]{}".contains(&previous);
            previous = b;
            after && (b.is_ascii_alphabetic() || b == b'\'' || b == b'"')
        })
        .count()
}

/// Reads the page `id` of `doc`, which may draw as many operators as are
/// `left` to the document (forms included), and takes them from it.
pub fn page(doc: &Document, id: ObjectId, left: &mut usize) -> Result<Page, String> {
    let content = doc
        .get_page_content_with_limit(id, MAX_CONTENT_BYTES)
        .map_err(|e| e.to_string())?;
    let (direct, ids) = doc.get_page_resources(id).map_err(|e| e.to_string())?;
    let mut resources: Vec<&Dictionary> = direct.into_iter().collect();
    resources.extend(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
    let mut reader = Reader {
        doc,
        page: Page::default(),
        runs: 0,
        operators_left: MAX_OPERATORS.min(*left),
    };
    let allowed = reader.operators_left;
    reader.content(&content, &resources, IDENTITY, 0)?;
    *left -= allowed - reader.operators_left;
    Ok(reader.page)
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` in PDF's row-vector convention.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn translate(x: f64, y: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, x, y]
}

struct Reader<'d> {
    doc: &'d Document,
    page: Page,
    runs: usize,
    /// How many more operators the page may draw.
    operators_left: usize,
}

/// The text state of one content stream.
struct State {
    ctm: Matrix,
    stack: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

impl Reader<'_> {
    fn content(
        &mut self,
        bytes: &[u8],
        resources: &[&Dictionary],
        ctm: Matrix,
        depth: usize,
    ) -> Result<(), String> {
        self.operators_left = self
            .operators_left
            .checked_sub(operators(bytes))
            .ok_or_else(|| {
                format!("it draws more than {MAX_OPERATORS} operations (a paper's page draws a few thousand), or the PDF more than {MAX_DOCUMENT_OPERATORS} in all, so it is not read")
            })?;
        let content = Content::decode(bytes).map_err(|e| e.to_string())?;
        let mut fonts: HashMap<Vec<u8>, Rc<Font>> = HashMap::new();
        let mut s = State {
            ctm,
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        for op in &content.operations {
            let n = |i: usize| {
                op.operands
                    .get(i)
                    .and_then(|o| o.as_float().ok())
                    .map_or(0.0, f64::from)
            };
            match op.operator.as_str() {
                "q" => s.stack.push(s.ctm),
                "Q" => s.ctm = s.stack.pop().unwrap_or(ctm),
                "cm" => s.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &s.ctm),
                "BT" => (s.tm, s.tlm) = (IDENTITY, IDENTITY),
                "Tf" => {
                    let name = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .unwrap_or_default();
                    s.font = self.font(&mut fonts, resources, name);
                    s.size = n(1);
                    if let Some(font) = s.font.as_ref().filter(|f| f.oversized) {
                        return Err(format!("its font {} lists more codes than any font has (ranges repeated past {} codes), so it is not read", font.name, super::fonts::MAX_CODES));
                    }
                }
                "Tm" => {
                    s.tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    s.tm = s.tlm;
                }
                "Td" => s.next_line(n(0), n(1)),
                "TD" => {
                    s.leading = -n(1);
                    s.next_line(n(0), n(1));
                }
                "T*" => s.next_line(0.0, -s.leading),
                "TL" => s.leading = n(0),
                "Tc" => s.char_space = n(0),
                "Tw" => s.word_space = n(0),
                "Tz" => s.scale = n(0) / 100.0,
                "Ts" => s.rise = n(0),
                "Tj" | "TJ" | "'" | "\"" => self.show(&mut s, op.operator.as_str(), &op.operands),
                "Do" => {
                    let name = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .unwrap_or_default();
                    self.draw(name, resources, s.ctm, depth)?;
                }
                "BI" | "EI" => self.page.images += usize::from(op.operator == "EI"),
                _ => {}
            }
        }
        Ok(())
    }

    fn font(
        &mut self,
        fonts: &mut HashMap<Vec<u8>, Rc<Font>>,
        resources: &[&Dictionary],
        name: &[u8],
    ) -> Option<Rc<Font>> {
        if let Some(font) = fonts.get(name) {
            return Some(font.clone());
        }
        let dict = lookup(self.doc, resources, b"Font", name)?.as_dict().ok()?;
        let font = Rc::new(Font::load(self.doc, dict));
        fonts.insert(name.to_vec(), font.clone());
        Some(font)
    }

    /// `Do`: an image counts; a form's content is read in place.
    fn draw(
        &mut self,
        name: &[u8],
        resources: &[&Dictionary],
        ctm: Matrix,
        depth: usize,
    ) -> Result<(), String> {
        let Some(stream) =
            lookup(self.doc, resources, b"XObject", name).and_then(|o| o.as_stream().ok())
        else {
            return Ok(());
        };
        let subtype = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or_default();
        if subtype == b"Image" {
            self.page.images += 1;
        } else if subtype == b"Form" && depth < MAX_FORM_DEPTH {
            let matrix = stream
                .dict
                .get(b"Matrix")
                .and_then(Object::as_array)
                .map(|a| {
                    a.iter()
                        .map(|o| o.as_float().map_or(0.0, f64::from))
                        .collect::<Vec<_>>()
                })
                .ok()
                .filter(|m| m.len() == 6)
                .map_or(IDENTITY, |m| [m[0], m[1], m[2], m[3], m[4], m[5]]);
            let own =
                deref(self.doc, stream.dict.get(b"Resources").ok()).and_then(|o| o.as_dict().ok());
            let inner: Vec<&Dictionary> =
                own.into_iter().chain(resources.iter().copied()).collect();
            let bytes =
                stream_bytes(self.doc, Some(&Object::Stream(stream.clone()))).unwrap_or_default();
            self.content(&bytes, &inner, mul(&matrix, &ctm), depth + 1)?;
        }
        Ok(())
    }

    /// `Tj`, `TJ`, `'` and `"`: the glyphs of one piece of text.
    fn show(&mut self, s: &mut State, operator: &str, operands: &[Object]) {
        self.runs += 1;
        if operator == "\"" {
            s.word_space = operands
                .first()
                .and_then(|o| o.as_float().ok())
                .map_or(s.word_space, f64::from);
            s.char_space = operands
                .get(1)
                .and_then(|o| o.as_float().ok())
                .map_or(s.char_space, f64::from);
        }
        if operator == "'" || operator == "\"" {
            s.next_line(0.0, -s.leading);
        }
        let Some(font) = s.font.clone() else { return };
        let items: &[Object] = match operator {
            "TJ" => operands
                .first()
                .and_then(|o| o.as_array().ok())
                .map_or(&[], Vec::as_slice),
            _ => operands.last().map_or(&[], std::slice::from_ref),
        };
        for item in items {
            match item {
                Object::String(bytes, _) => self.glyphs(s, &font, bytes),
                other => {
                    let adjust = other.as_float().map_or(0.0, f64::from);
                    s.tm = mul(&translate(-adjust / 1000.0 * s.size * s.scale, 0.0), &s.tm);
                }
            }
        }
    }

    fn glyphs(&mut self, s: &mut State, font: &Font, bytes: &[u8]) {
        if font.vertical && !bytes.is_empty() && !self.page.vertical_fonts.contains(&font.name) {
            self.page.vertical_fonts.push(font.name.clone());
        }
        for code in font.decode(bytes) {
            let space = (code.width / 1000.0) * s.size
                + s.char_space
                + if code.word_space { s.word_space } else { 0.0 };
            let advance = space * s.scale;
            let to_page = mul(&s.tm, &s.ctm);
            let origin = mul(&[s.size * s.scale, 0.0, 0.0, s.size, 0.0, s.rise], &to_page);
            let x_scale = to_page[0].hypot(to_page[1]);
            let text = code.text.map(printed).unwrap_or_else(|| {
                if !self.page.unmapped_fonts.contains(&font.name) {
                    self.page.unmapped_fonts.push(font.name.clone());
                }
                UNMAPPED.to_string()
            });
            self.page.glyphs.push(Glyph {
                text,
                x: origin[4],
                y: origin[5],
                width: advance * x_scale,
                size: s.size * to_page[2].hypot(to_page[3]),
                run: self.runs,
                bold: font.bold,
                italic: font.italic,
                index: self.page.glyphs.len(),
            });
            s.tm = mul(&translate(advance, 0.0), &s.tm);
        }
    }
}

impl State {
    fn next_line(&mut self, x: f64, y: f64) {
        self.tlm = mul(&translate(x, y), &self.tlm);
        self.tm = self.tlm;
    }
}

/// A glyph's text as printed: a soft hyphen the typesetter printed at a
/// line's end is a hyphen; control characters are spaces.
fn printed(text: String) -> String {
    if text == "\u{ad}" {
        return "-".to_string();
    }
    if text.contains(char::is_control) {
        return text.replace(char::is_control, " ");
    }
    text
}

/// `/Category /name` in the first of `resources` that has it.
fn lookup<'d>(
    doc: &'d Document,
    resources: &[&'d Dictionary],
    category: &[u8],
    name: &[u8],
) -> Option<&'d Object> {
    resources.iter().find_map(|r| {
        let group = deref(doc, r.get(category).ok())?.as_dict().ok()?;
        deref(doc, group.get(name).ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_are_counted_by_their_words() {
        // Ten: nine operators and the word `you` of a string (an upper bound is enough).
        assert_eq!(
            operators(b"q 1 0 0 1 5 5 cm BT /F1 10 Tf (Hi you) Tj T* ET Q"),
            10
        );
        // Tj TJ ' " and the strings' words a, b, x, y.
        assert_eq!(operators(b"<48656C> Tj [(a)-20(b)] TJ (x) ' 1 2 (y) \""), 8);
    }

    #[test]
    fn matrices_compose_in_pdf_order() {
        let flip = [1.0, 0.0, 0.0, -1.0, 10.0, 800.0];
        let m = mul(&translate(5.0, 2.0), &flip);
        assert_eq!((m[4], m[5]), (15.0, 798.0));
    }
}
