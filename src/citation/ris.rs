//! A [`Record`] as an RIS record (`TY  - RPRT`), as EndNote, Zotero and
//! rispy read it: one tag per line, CRLF line ends.

use super::Record;

/// `record` as one RIS record, ending with `ER  - `.
pub fn record(r: &Record) -> String {
    let mut lines: Vec<(&str, String)> = vec![("TY", "RPRT".into()), ("TI", r.title.clone())];
    for a in &r.authors {
        lines.push(("AU", a.inverted()));
    }
    if let Some(date) = r.date {
        lines.push(("PY", date.year.to_string()));
        lines.push((
            "DA",
            format!("{:04}/{:02}/{:02}/", date.year, date.month, date.day),
        ));
    }
    let mut push = |tag, value: Option<&String>| lines.extend(value.map(|v| (tag, v.clone())));
    let publisher = r.publisher.as_ref();
    push("PB", publisher.map(|p| &p.name));
    push("CY", publisher.and_then(|p| p.place.as_ref()));
    push("T3", r.series.as_ref());
    push("SN", r.report_number.as_ref());
    push("DO", r.doi.as_ref());
    push("UR", Some(&r.url));
    push("L1", r.pdf_url.as_ref());
    push("LA", Some(&r.lang));
    push("AB", r.abstract_.as_ref());
    push("OP", r.original.as_ref().map(|o| &o.title));
    for k in &r.keywords {
        lines.push(("KW", k.clone()));
    }
    let mut out: String = lines
        .iter()
        .map(|(tag, value)| format!("{tag}  - {}\r\n", one_line(value)))
        .collect();
    out.push_str("ER  - \r\n");
    out
}

/// `s` on one line: an RIS value cannot span lines.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
