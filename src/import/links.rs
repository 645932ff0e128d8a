//! URLs in note texts become Markdown autolinks (`<https://…>`).

/// Characters that end a bare URL: white space, angle brackets, quotes and
/// full-width punctuation. CJK letters do not: `https://vigormedia.tw/中俄正在爭奪中亞/` is one URL.
fn ends_url(c: char) -> bool {
    c.is_whitespace() || "<>\"“”‘’「」『』《》〈〉【】、。，；：！？（）".contains(c)
}

/// Wraps every bare `http(s)://` URL in `<…>`, leaving trailing sentence
/// punctuation and an unbalanced `)` outside; URLs already in `<…>` stay as they are.
pub fn autolink(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(start) = find_scheme(rest) {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let linked = before.ends_with('<');
        let len = if linked {
            from.find('>').unwrap_or(from.len())
        } else {
            url_len(from)
        };
        let (url, after) = from.split_at(len);
        if linked {
            out.push_str(url);
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn find_scheme(text: &str) -> Option<usize> {
    [text.find("https://"), text.find("http://")]
        .into_iter()
        .flatten()
        .min()
}

/// The length of the bare URL at the start of `text`.
fn url_len(text: &str) -> usize {
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
    use super::*;

    #[test]
    fn links_bare_urls() {
        assert_eq!(
            autolink("《轉角國際》，https://global.udn.com/global_vision/story/8663/6985643。"),
            "《轉角國際》，<https://global.udn.com/global_vision/story/8663/6985643>。"
        );
        assert_eq!(
            autolink("see http://a.org/x; and https://b.org."),
            "see <http://a.org/x>; and <https://b.org>."
        );
        assert_eq!(
            autolink("(https://a.org/wiki/X_(y))."),
            "(<https://a.org/wiki/X_(y)>)."
        );
        assert_eq!(
            autolink("https://a.org/?chdtv，"),
            "<https://a.org/?chdtv>，"
        );
    }

    #[test]
    fn keeps_cjk_paths_and_existing_autolinks() {
        assert_eq!(
            autolink("<https://vigormedia.tw/中俄正在爭奪中亞/>。"),
            "<https://vigormedia.tw/中俄正在爭奪中亞/>。"
        );
        assert_eq!(
            autolink("https://vigormedia.tw/中俄正在爭奪中亞/。"),
            "<https://vigormedia.tw/中俄正在爭奪中亞/>。"
        );
        assert_eq!(autolink("no link"), "no link");
    }
}
