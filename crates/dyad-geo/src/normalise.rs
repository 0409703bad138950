//! Name normalisation shared by the library and its build script (which indexes the names with it).

/// Normalises a name for lookup: each word normalised by [`normalise_word`], a leading "the" dropped,
/// words joined by single spaces. Writes into `out` (cleared first); `word` is scratch space.
pub fn normalise_name_with(name: &str, out: &mut String, word: &mut String) {
    out.clear();
    for (i, part) in name.split_whitespace().enumerate() {
        if i == 0 && part.eq_ignore_ascii_case("the") {
            continue;
        }
        normalise_word(part, word);
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Normalises one word for lookup: lower case, diacritics and transliteration marks removed ("Ḩamāh" →
/// "hamah", "Genève" → "geneve"), apostrophes and ayn/hamza marks dropped ("Sana'a" → "sanaa"), dashes made
/// ASCII. Writes into `out` (cleared first); ASCII words take a fast path.
pub fn normalise_word(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .filter(|b| !matches!(b, b'\'' | b'`'))
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    use unicode_normalization::UnicodeNormalization;
    for c in word.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            '\'' | '`' | '´' | '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{02bb}' | '\u{02be}'
            | '\u{02bf}' => {}
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => out.push('-'),
            'ı' => out.push('i'),
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Arabic articles that GeoNames writes before many names ("Al Fallūjah", "Ar Raqqah").
const ARTICLES: &[&str] = &[
    "al", "ar", "as", "ad", "an", "ash", "az", "at", "el", "ad-", "al-", "el-",
];

/// A normalised name without its leading Arabic article, when what remains is a name of its own
/// ("al fallujah" → "fallujah").
pub fn without_article(key: &str) -> Option<&str> {
    ARTICLES.iter().find_map(|article| {
        let rest = key.strip_prefix(article)?;
        let spaced = rest.starts_with(' ');
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        (rest.len() >= 4 && (article.ends_with('-') || spaced)).then_some(rest)
    })
}
