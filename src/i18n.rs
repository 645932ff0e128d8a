//! Language-dependent formatting and the URL scheme: the default language
//! lives at the root, every other language under its lowercase code.

use crate::content::model::Date;

/// The path prefix of `lang`'s pages: "" for the default language, "en/" otherwise.
pub fn url_prefix(lang: &str, default_language: &str) -> String {
    if lang == default_language {
        String::new()
    } else {
        format!("{}/", lang.to_ascii_lowercase())
    }
}

/// True when `code` is a well-formed BCP 47 language tag written with
/// hyphens (`zh-Hant`, `en`, `pt-BR`), the only form used in URLs, file
/// names and `lang` attributes.
pub fn is_language_tag(code: &str) -> bool {
    code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && icu_locale_core::Locale::try_from_str(code).is_ok()
}

/// A date as readers of `lang` write it: 2023年12月1日 or 1 December 2023.
pub fn format_date(date: Date, lang: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if lang.starts_with("zh") || lang.starts_with("ja") {
        format!("{}年{}月{}日", date.year, date.month, date.day)
    } else {
        format!(
            "{} {} {}",
            date.day,
            MONTHS[date.month as usize - 1],
            date.year
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_language() {
        let d = Date::parse("2023-12-01").unwrap();
        assert_eq!(format_date(d, "zh-Hant"), "2023年12月1日");
        assert_eq!(format_date(d, "en"), "1 December 2023");
    }

    #[test]
    fn language_tags() {
        for good in ["zh-Hant", "en", "pt-BR", "zh-Hant-TW", "en-u-ca-gregory"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "fr\"<x>",
            "zh_Hant",
            "en-",
            "e",
            "toolonglanguage",
            "en us",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn prefixes() {
        assert_eq!(url_prefix("zh-Hant", "zh-Hant"), "");
        assert_eq!(url_prefix("en", "zh-Hant"), "en/");
    }
}
