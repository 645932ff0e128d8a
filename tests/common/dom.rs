//! Pages compared as a browser renders them: the parsed DOM written out in
//! a canonical form (attributes sorted, runs of white space in text folded
//! to one space, white space that cannot render dropped), so two
//! minifications of the same page compare equal and any visible difference
//! does not.

use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Elements laid out as blocks, or not rendered, at whose edges white
/// space does not show.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "ol",
    "p",
    "pre",
    "script",
    "section",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "title",
    "tr",
    "ul",
];

/// Elements whose text is kept exactly as written.
const VERBATIM: &[&str] = &["pre", "textarea", "script", "style"];

/// The canonical form of an HTML document, one node per line.
pub fn canonical(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    write_node(doc.tree.root(), 0, false, &mut out);
    out
}

fn write_node(node: NodeRef<Node>, depth: usize, verbatim: bool, out: &mut String) {
    let indent = "  ".repeat(depth);
    match node.value() {
        Node::Element(e) => {
            let mut attrs: Vec<_> = e.attrs().collect();
            attrs.sort();
            out.push_str(&format!("{indent}<{} {attrs:?}>\n", e.name()));
            let verbatim = verbatim || VERBATIM.contains(&e.name());
            for child in node.children() {
                write_node(child, depth + 1, verbatim, out);
            }
        }
        Node::Text(t) if verbatim => out.push_str(&format!("{indent}{:?}\n", &**t)),
        Node::Text(t) => {
            if let Some(text) = rendered_text(node, t) {
                out.push_str(&format!("{indent}{text:?}\n"));
            }
        }
        Node::Comment(_) | Node::ProcessingInstruction(_) => {}
        _ => node
            .children()
            .for_each(|child| write_node(child, depth, verbatim, out)),
    }
}

/// The text as it renders: white space folded, and dropped at the edge of
/// a block; `None` if nothing is left.
fn rendered_text(node: NodeRef<Node>, text: &str) -> Option<String> {
    let mut folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.starts_with(char::is_whitespace) && !edge(node.prev_sibling()) {
        folded.insert(0, ' ');
    }
    if text.ends_with(char::is_whitespace) && !edge(node.next_sibling()) && !folded.ends_with(' ') {
        folded.push(' ');
    }
    (!folded.trim().is_empty() || !edge(node.prev_sibling()) && !edge(node.next_sibling()))
        .then_some(folded)
        .filter(|t| !t.is_empty())
}

/// Whether a text node's neighbour `sibling` makes its white space vanish:
/// none (the parent's edge) or a block element.
fn edge(sibling: Option<NodeRef<Node>>) -> bool {
    match sibling.map(|s| s.value()) {
        None => true,
        Some(Node::Element(e)) => BLOCKS.contains(&e.name()),
        Some(_) => false,
    }
}
