//! Bare URLs in running text: where each begins and ends. The importer makes
//! them Markdown autolinks and the notes' reference list makes them links;
//! both ask here, so a URL is the same URL in both.

use std::ops::Range;

/// Characters that end a bare URL: white space, angle brackets, quotes,
/// full-width punctuation and private-use characters (our own markers).
/// CJK letters do not: `https://vigormedia.tw/中俄正在爭奪中亞/` is one URL.
fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
        || "<>\"“”‘’「」『』《》〈〉【】、。，；：！？（）".contains(c)
}

/// The byte ranges of the `http://` and `https://` URLs in `text`, in order.
/// A URL written in `<…>` runs to the `>`; a bare one stops where
/// [`ends_url`] says, without trailing sentence punctuation or an
/// unbalanced `)`.
pub fn find(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = find_scheme(&text[from..]).map(|i| from + i) {
        let rest = &text[start..];
        let len = if text[..start].ends_with('<') {
            rest.find('>').unwrap_or(rest.len())
        } else {
            bare_len(rest)
        };
        found.push(start..start + len);
        from = start + len.max(1);
    }
    found
}

fn find_scheme(text: &str) -> Option<usize> {
    [text.find("https://"), text.find("http://")]
        .into_iter()
        .flatten()
        .min()
}

/// The length of the bare URL at the start of `text`.
fn bare_len(text: &str) -> usize {
    let mut url = &text[..text.find(ends_url).unwrap_or(text.len())];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
        let unbalanced = trimmed.matches('(').count() < trimmed.matches(')').count();
        let trimmed = match trimmed.strip_suffix(')') {
            Some(inner) if unbalanced => inner,
            _ => trimmed,
        };
        if trimmed.len() == url.len() {
            return url.len();
        }
        url = trimmed;
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    fn urls(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentence_punctuation_stays_outside() {
        assert_eq!(
            urls("see http://a.org/x; and https://b.org. 又見https://c.tw/y。"),
            ["http://a.org/x", "https://b.org", "https://c.tw/y"]
        );
        assert_eq!(urls("https://a.org/?chdtv，"), ["https://a.org/?chdtv"]);
    }

    #[test]
    fn balanced_parentheses_belong_to_the_url() {
        assert_eq!(
            urls("(https://a.org/wiki/X_(y))."),
            ["https://a.org/wiki/X_(y)"]
        );
    }

    #[test]
    fn cjk_paths_full_width_stops_and_autolinks() {
        assert_eq!(
            urls("https://vigormedia.tw/中俄正在爭奪中亞/、https://b.org/「x」"),
            ["https://vigormedia.tw/中俄正在爭奪中亞/", "https://b.org/"]
        );
        assert_eq!(urls("<https://a.org/x y>。"), ["https://a.org/x y"]);
        assert_eq!(urls("a\u{E001}https://a.org/\u{E000}b"), ["https://a.org/"]);
        assert!(urls("no link, http:/ broken").is_empty());
    }
}
