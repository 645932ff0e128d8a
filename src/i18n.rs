//! Languages as data: what depends on a language's script ([`Script`]),
//! dates in a theme's pattern, language tags, and the URL scheme (the
//! default language lives at the root, every other language under its
//! lowercase code).

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

/// `lang` with the region its readers most likely live in (CLDR's likely
/// subtags for the languages of this table), as locale data keyed by region
/// wants it: `zh-Hant` → `zh-TW`, `en` → `en-US`; a tag with a region as it
/// is; None for a language the table lacks.
pub fn with_region(lang: &str) -> Option<String> {
    let locale = icu_locale_core::Locale::try_from_str(lang).ok()?;
    let id = &locale.id;
    if let Some(region) = id.region {
        return Some(format!("{}-{}", id.language, region));
    }
    let script = id.script.as_ref().map(|s| s.as_str());
    let region = match (id.language.as_str(), script) {
        ("zh", Some("Hant")) => "TW",
        ("zh", _) => "CN",
        ("en", _) => "US",
        ("ja", _) => "JP",
        ("ko", _) => "KR",
        ("fr", _) => "FR",
        ("de", _) => "DE",
        ("es", _) => "ES",
        ("ru", _) => "RU",
        ("pt", _) => "BR",
        ("vi", _) => "VN",
        _ => return None,
    };
    Some(format!("{}-{region}", id.language))
}

/// A date written with a theme's pattern: `{year}`, `{month}` (a number),
/// `{month_name}` (from `month_names`, twelve names separated by white space)
/// and `{day}`, e.g. "{year}年{month}月{day}日" or "{day} {month_name} {year}".
pub fn format_date(date: Date, pattern: &str, month_names: &str) -> String {
    let month_name = month_names
        .split_whitespace()
        .nth(date.month as usize - 1)
        .unwrap_or_default();
    pattern
        .replace("{year}", &date.year.to_string())
        .replace("{month_name}", month_name)
        .replace("{month}", &date.month.to_string())
        .replace("{day}", &date.day.to_string())
}

/// The number of the `n`th (1-based) heading at outline `depth` (0: a
/// section, 1: `###`, 2: `####`) as papers written in `script` number it:
/// 壹、 一、 （一） in Chinese and Japanese, `I. ` `A. ` `1. ` (with the space
/// before the heading's text) otherwise.
pub fn outline_number(script: Script, depth: usize, n: usize) -> String {
    match (script, depth) {
        (Script::Chinese | Script::Japanese, 0) => format!("{}、", chinese_numeral(n, true)),
        (Script::Chinese | Script::Japanese, 1) => format!("{}、", chinese_numeral(n, false)),
        (Script::Chinese | Script::Japanese, _) => format!("（{}）", chinese_numeral(n, false)),
        (_, 0) => format!("{}. ", roman(n)),
        (_, 1) => format!("{}. ", letters(n)),
        _ => format!("{n}. "),
    }
}

/// 1 → 一 (壹 in the `formal` forms used for top-level numbers), 10 → 十,
/// 12 → 十二, 20 → 二十, 35 → 三十五; up to 99.
fn chinese_numeral(n: usize, formal: bool) -> String {
    let digits: [char; 10] = if formal {
        ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖']
    } else {
        ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九']
    };
    let ten = if formal { '拾' } else { '十' };
    let (tens, ones) = (n / 10 % 10, n % 10);
    let mut out = String::new();
    if tens > 1 {
        out.push(digits[tens]);
    }
    if tens > 0 {
        out.push(ten);
    }
    if ones > 0 || tens == 0 {
        out.push(digits[ones]);
    }
    out
}

/// 1 → I, 4 → IV, 14 → XIV, up to 3999.
fn roman(mut n: usize) -> String {
    const VALUES: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in VALUES {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// 1 → A, 26 → Z, 27 → AA (as spreadsheets count).
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    out.iter().rev().collect()
}

/// The writing system of a language or of a text: what decides the behaviour
/// that depends on script rather than on the language's name (which language
/// a note's text is in, the sample text of a new briefing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Han ideographs without kana: Chinese.
    Chinese,
    /// Han ideographs with kana.
    Japanese,
    /// Hangul.
    Korean,
    /// Latin and the other alphabets, with spaces between words.
    Alphabetic,
}

impl Script {
    /// The script `lang` is written in: its script subtag when it has one
    /// (`zh-Hant`, `sr-Latn`), else its language's usual script.
    pub fn of_language(lang: &str) -> Script {
        let Ok(locale) = icu_locale_core::Locale::try_from_str(lang) else {
            return Script::Alphabetic;
        };
        let by_script = locale.id.script.map(|s| match s.as_str() {
            "Hani" | "Hans" | "Hant" => Script::Chinese,
            "Jpan" | "Hira" | "Kana" => Script::Japanese,
            "Kore" | "Hang" => Script::Korean,
            _ => Script::Alphabetic,
        });
        by_script.unwrap_or(match locale.id.language.as_str() {
            "zh" | "yue" | "lzh" | "wuu" | "hak" | "nan" | "gan" => Script::Chinese,
            "ja" => Script::Japanese,
            "ko" => Script::Korean,
            _ => Script::Alphabetic,
        })
    }

    /// The script of most of `text`'s letters (URLs aside):
    /// East Asian when its ideographs, kana and Hangul are at least a third
    /// as many as its other letters; then Japanese if it has kana, Korean if
    /// Hangul outnumbers ideographs, else Chinese.
    pub fn of_text(text: &str) -> Script {
        let mut letters = String::with_capacity(text.len());
        let mut at = 0;
        for url in crate::urls::find(text) {
            letters.push_str(&text[at..url.start]);
            at = url.end;
        }
        letters.push_str(&text[at..]);
        let (mut han, mut kana, mut hangul, mut other) = (0usize, 0usize, 0usize, 0usize);
        for c in letters.chars() {
            match c as u32 {
                0x3040..=0x30FF => kana += 1,
                0xAC00..=0xD7AF => hangul += 1,
                _ if crate::cjk::is_ideograph(c) => han += 1,
                _ => other += usize::from(c.is_alphabetic()),
            }
        }
        let east_asian = han + kana + hangul;
        if east_asian == 0 || east_asian * 3 < other {
            Script::Alphabetic
        } else if kana > 0 {
            Script::Japanese
        } else if hangul > han {
            Script::Korean
        } else {
            Script::Chinese
        }
    }

    /// Of `languages`, the first written in this script; else the script's
    /// generic tag ("zh", "ja", "ko"); `None` for an alphabet we cannot name.
    pub fn language<'l>(self, languages: impl IntoIterator<Item = &'l str>) -> Option<String> {
        let found = languages
            .into_iter()
            .find(|l| Script::of_language(l) == self);
        let generic = match self {
            Script::Chinese => Some("zh"),
            Script::Japanese => Some("ja"),
            Script::Korean => Some("ko"),
            Script::Alphabetic => None,
        };
        found.or(generic).map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_pattern() {
        let d = Date::parse("2023-12-01").unwrap();
        let months =
            "January February March April May June July August September October November December";
        assert_eq!(
            format_date(d, "{year}年{month}月{day}日", ""),
            "2023年12月1日"
        );
        assert_eq!(
            format_date(d, "{day} {month_name} {year}", months),
            "1 December 2023"
        );
    }

    #[test]
    fn outline_numbers_follow_the_script() {
        let zh: Vec<String> = [
            (0, 1),
            (0, 2),
            (0, 10),
            (0, 12),
            (1, 3),
            (1, 20),
            (2, 1),
            (2, 11),
        ]
        .iter()
        .map(|&(d, n)| outline_number(Script::Chinese, d, n))
        .collect();
        assert_eq!(
            zh,
            [
                "壹、",
                "貳、",
                "拾、",
                "拾貳、",
                "三、",
                "二十、",
                "（一）",
                "（十一）"
            ]
        );
        let en: Vec<String> = [(0, 1), (0, 4), (0, 14), (1, 1), (1, 27), (2, 3)]
            .iter()
            .map(|&(d, n)| outline_number(Script::Alphabetic, d, n))
            .collect();
        assert_eq!(en, ["I. ", "IV. ", "XIV. ", "A. ", "AA. ", "3. "]);
    }

    #[test]
    fn scripts_of_languages_and_texts() {
        for (lang, script) in [
            ("zh-Hant", Script::Chinese),
            ("zh-TW", Script::Chinese),
            ("yue", Script::Chinese),
            ("ja", Script::Japanese),
            ("ko", Script::Korean),
            ("en", Script::Alphabetic),
            ("sr-Latn", Script::Alphabetic),
        ] {
            assert_eq!(Script::of_language(lang), script, "{lang}");
        }
        assert_eq!(
            Script::of_text("蔡先靖，〈中俄正在爭奪中亞〉，https://a.tw/x。"),
            Script::Chinese
        );
        assert_eq!(
            Script::of_text("中央アジアにおける中国の影響力"),
            Script::Japanese
        );
        assert_eq!(
            Script::of_text("Bernardo Mariani, “China’s Role,” 2013."),
            Script::Alphabetic
        );
        assert_eq!(
            Script::Japanese.language(["zh-Hant", "en", "ja"]),
            Some("ja".into())
        );
        assert_eq!(Script::Chinese.language(["en"]), Some("zh".into()));
        assert_eq!(Script::Alphabetic.language(["zh-Hant"]), None);
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
