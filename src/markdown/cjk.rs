//! A soft line break between two CJK characters is not a space: Chinese has no
//! spaces between words, so an editor's line wrap must vanish (as in Pandoc's
//! east_asian_line_breaks and goldmark's CJK extension).

use super::Spanned;
use crate::cjk::is_cjk;
use pulldown_cmark::Event;

/// Removes each soft break whose neighbouring characters are both CJK.
pub fn drop_cjk_soft_breaks(events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    let mut out: Vec<Spanned> = Vec::with_capacity(events.len());
    let mut iter = events.into_iter().peekable();
    while let Some((event, range)) = iter.next() {
        if event == Event::SoftBreak {
            let before = out.last().and_then(|(e, _)| last_char(e));
            let after = iter.peek().and_then(|(e, _)| first_char(e));
            if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
                continue;
            }
        }
        out.push((event, range));
    }
    out
}

fn last_char(e: &Event) -> Option<char> {
    match e {
        Event::Text(t) => t.chars().next_back(),
        _ => None,
    }
}

fn first_char(e: &Event) -> Option<char> {
    match e {
        Event::Text(t) => t.chars().next(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::inline_to_html;

    #[test]
    fn soft_break_between_cjk_vanishes() {
        assert_eq!(inline_to_html("中國\n影響力"), "<p>中國影響力</p>\n");
        assert_eq!(
            inline_to_html("中國。\n「帶路」"),
            "<p>中國。「帶路」</p>\n"
        );
    }

    #[test]
    fn soft_break_next_to_latin_stays() {
        assert_eq!(
            inline_to_html("China\ninfluence"),
            "<p>China\ninfluence</p>\n"
        );
        assert_eq!(inline_to_html("中國\nChina"), "<p>中國\nChina</p>\n");
    }
}
