//! ASCII slugs: glossary ids and section names derived from English text, and
//! the check that a briefing's slug is safe to use as a directory name.

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Lowercase ASCII letters and digits, every other run of characters one `-`,
/// trimmed: `Collective Security Treaty Organization` → `collective-security-treaty-organization`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// The longest a slug made from a title gets, in bytes.
const TITLE_SLUG_MAX: usize = 60;

/// A briefing's slug proposed from its English title: the title slugified,
/// cut after its last whole word within 60 characters; `None` if nothing
/// ASCII is left.
pub fn from_title(title: &str) -> Option<String> {
    let slug = slugify(title);
    let cut = if slug.len() <= TITLE_SLUG_MAX {
        &slug[..]
    } else {
        let head = &slug[..=TITLE_SLUG_MAX];
        head.rsplit_once('-')
            .map_or(&slug[..TITLE_SLUG_MAX], |(words, _)| words)
    };
    (!cut.is_empty()).then(|| cut.to_string())
}

/// Checks `slug` by the rule every name in a URL follows (`content::is_slug`).
pub fn validate(slug: &str, file: &Path) -> Result<(), Diagnostic> {
    if crate::content::is_slug(slug) {
        return Ok(());
    }
    Err(Diagnostic::error(
        file,
        0,
        0,
        format!(
            "\"{slug}\" cannot be a briefing's slug: use lowercase ASCII letters, digits and '-'"
        ),
    )
    .with_hint("pass --slug with a name like china-central-asia-influence"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugifies() {
        assert_eq!(
            slugify("Collective Security Treaty Organization"),
            "collective-security-treaty-organization"
        );
        assert_eq!(
            slugify("  Central Asia Barometer Survey "),
            "central-asia-barometer-survey"
        );
        assert_eq!(slugify("U.S.–China (2023)"), "u-s-china-2023");
        assert_eq!(slugify("中文"), "");
    }

    #[test]
    fn slugs_from_titles_end_at_a_whole_word() {
        assert_eq!(
            from_title("Digital Silk Road in Central Asia").as_deref(),
            Some("digital-silk-road-in-central-asia")
        );
        let long = "China's Influence in Central Asia: Security, Trade and the Belt and Road";
        assert_eq!(
            from_title(long).as_deref(),
            Some("china-s-influence-in-central-asia-security-trade-and-the")
        );
        assert_eq!(from_title("中國在中亞"), None);
    }

    #[test]
    fn validates_slugs() {
        assert!(validate("china-central-asia-influence", Path::new("p.txt")).is_ok());
        for bad in [
            "", "..", "../x", "/etc", "a/b", "A", "a b", "-a", "a-", "中文",
        ] {
            assert!(validate(bad, Path::new("p.txt")).is_err(), "{bad}");
        }
    }
}
