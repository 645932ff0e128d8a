//! URLs in note texts become Markdown autolinks (`<https://…>`).

use crate::urls;

/// Wraps every bare `http(s)://` URL in `<…>` ([`urls::find`] says where
/// each ends); URLs already in `<…>` stay as they are.
pub fn autolink(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut at = 0;
    for url in urls::find(text) {
        out.push_str(&text[at..url.start]);
        if out.ends_with('<') {
            out.push_str(&text[url.clone()]);
        } else {
            out.push('<');
            out.push_str(&text[url.clone()]);
            out.push('>');
        }
        at = url.end;
    }
    out.push_str(&text[at..]);
    out
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
