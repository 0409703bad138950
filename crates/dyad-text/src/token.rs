//! Tokens: byte spans into the document text, produced in one pass without allocating per token.
//!
//! Conventions (Penn Treebank-like, tuned for news): punctuation is split off; possessive `'s`/`'` and
//! contractions (`n't`, `'re`, `'ll`, …) are their own tokens; hyphenated words (`al-Qaeda`, `pro-Russian`,
//! `12-year-old`), abbreviations with periods (`U.S.`, `Gen.`, `Jan.`), initials (`W.`) and numbers with
//! separators (`1,200`, `3.5`) stay whole; `%` and currency symbols are separate tokens.

use crate::tag::Upos;
use serde::Serialize;

/// What kind of characters a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (with internal hyphens, apostrophes or periods).
    Word,
    /// Digits with optional separators; words such as `1990s` count as numbers too.
    Number,
    /// Punctuation marks.
    Punct,
    /// Currency, percent and other symbols.
    Symbol,
}

/// How to obtain a token's lemma from its surface form without storing a string per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lemma {
    /// The lower-cased surface form is the lemma.
    Same,
    /// Lower-case the surface, drop `cut` trailing bytes and append `add` ("tried" → cut 3, add "y").
    Strip {
        /// Bytes removed from the end of the surface form.
        cut: u8,
        /// Text appended after the cut.
        add: &'static str,
    },
    /// An irregular form with a lemma from a table ("met" → "meet", "children" → "child").
    Irregular(&'static str),
}

/// One token: a span of the text, its kind, part-of-speech tag and lemma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// Character class of the token.
    pub kind: TokenKind,
    /// Universal part-of-speech tag.
    pub tag: Upos,
    /// How to derive the lemma.
    pub lemma: Lemma,
}

impl Token {
    /// The token's surface text.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start as usize..self.end as usize]
    }

    /// The lemma as a string (allocates; for output, not for hot paths).
    pub fn lemma_string(&self, doc: &str) -> String {
        let mut out = String::new();
        self.write_lemma(doc, &mut out);
        out
    }

    /// Writes the lemma into `out` (cleared first), reusing its buffer.
    pub fn write_lemma(&self, doc: &str, out: &mut String) {
        out.clear();
        match self.lemma {
            Lemma::Irregular(lemma) => out.push_str(lemma),
            Lemma::Same | Lemma::Strip { .. } => {
                push_lowercase(self.text(doc), out);
                if let Lemma::Strip { cut, add } = self.lemma {
                    let keep = out.len().saturating_sub(cut as usize);
                    if out.is_char_boundary(keep) {
                        out.truncate(keep);
                        out.push_str(add);
                    }
                }
            }
        }
    }

    /// Whether the lemma equals `word` (lower-case ASCII expected), without allocating.
    pub fn lemma_is(&self, doc: &str, word: &str) -> bool {
        let surface = self.text(doc);
        match self.lemma {
            Lemma::Same => surface.eq_ignore_ascii_case(word),
            Lemma::Irregular(lemma) => lemma == word,
            Lemma::Strip { cut, add } => {
                let keep = surface.len().saturating_sub(cut as usize);
                word.len() == keep + add.len()
                    && surface.is_char_boundary(keep)
                    && surface[..keep].eq_ignore_ascii_case(&word[..keep])
                    && &word[keep..] == add
            }
        }
    }
}

/// Appends `text` lower-cased (full Unicode case mapping; ASCII text without decoding characters).
#[inline]
pub fn push_lowercase(text: &str, out: &mut String) {
    if text.is_ascii() {
        let from = out.len();
        out.push_str(text);
        out[from..].make_ascii_lowercase();
    } else {
        out.extend(text.chars().flat_map(char::to_lowercase));
    }
}

/// Abbreviations that keep their period (lower-case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "assn", "aug", "ave", "bldg", "blvd", "brig", "capt", "cmdr", "co", "col",
    "corp", "cpl", "dec", "dept", "dr", "e.g", "esq", "etc", "feb", "fig", "fr", "ft", "gen",
    "gov", "govt", "hon", "i.e", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "messrs",
    "mr", "mrs", "ms", "mt", "nov", "oct", "op", "pres", "prof", "pvt", "rep", "reps", "rev",
    "sen", "sens", "sep", "sept", "sgt", "sr", "st", "supt", "univ", "vol", "vs",
];

/// Abbreviations that commonly end a sentence as well ("… in the U.S. Officials said").
const SENTENCE_FINAL_ABBREVIATIONS: &[&str] = &[
    "u.s", "u.k", "u.n", "d.c", "inc", "corp", "ltd", "co", "jr", "sr", "a.m", "p.m", "etc", "e.u",
];

fn is_abbreviation(word: &str) -> bool {
    word.len() <= 7 && {
        let mut buf = [0u8; 8];
        let lower = ascii_lower(word, &mut buf);
        ABBREVIATIONS.binary_search(&lower).is_ok()
    }
}

/// Whether a token ending in a period is an abbreviation that often ends sentences too.
pub fn can_end_sentence(token_text: &str) -> bool {
    let word = token_text.strip_suffix('.').unwrap_or(token_text);
    // Dotted initialisms: U.S., N.C., D.C., U.K.
    let dotted = word.len() >= 3
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    dotted
        || word.len() <= 7 && {
            let mut buf = [0u8; 8];
            SENTENCE_FINAL_ABBREVIATIONS.contains(&ascii_lower(word, &mut buf))
        }
}

/// Lower-cases ASCII `word` into `buf` (returns "" when it does not fit or is not ASCII). A word that is
/// lower-case already is returned as it is, without copying.
pub fn ascii_lower<'a>(word: &'a str, buf: &'a mut [u8]) -> &'a str {
    if word.len() > buf.len() {
        return "";
    }
    let mut upper = false;
    for &b in word.as_bytes() {
        if !b.is_ascii() {
            return "";
        }
        upper |= b.is_ascii_uppercase();
    }
    if !upper {
        return word;
    }
    let out = &mut buf[..word.len()];
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).unwrap_or("")
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036f}')
}

/// Splits `text[range]` into tokens appended to `out` (tags and lemmas left at their defaults).
pub fn tokenize(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = range.start;
    let end = range.end;
    // The character at byte `i` (ASCII without decoding).
    let char_at = |i: usize| match bytes[i..end].first() {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text[i..end].chars().next(),
    };
    let push = |out: &mut Vec<Token>, start: usize, stop: usize, kind: TokenKind| {
        out.push(Token {
            start: start as u32,
            end: stop as u32,
            kind,
            tag: Upos::X,
            lemma: Lemma::Same,
        });
    };
    while i < end {
        if matches!(bytes[i], b' ' | b'\n') {
            i += 1;
            continue;
        }
        let Some(c) = char_at(i) else { break };
        if c.is_whitespace() || c.is_control() || c == '\u{feff}' || c == '\u{200b}' {
            i += c.len_utf8();
            continue;
        }
        // The "n't" clitic split off a contraction just before.
        if (c == 'n' || c == 'N')
            && char_at(i + 1).is_some_and(is_apostrophe)
            && is_negation_clitic(text, i + 1, end)
        {
            let stop = i + 1 + char_at(i + 1).map_or(1, char::len_utf8) + 1;
            push(out, i, stop, TokenKind::Word);
            i = stop;
            continue;
        }
        if is_word_char(c) {
            let start = i;
            let mut j = i + c.len_utf8();
            let mut has_period = false;
            let mut all_digits = c.is_ascii_digit();
            while j < end {
                // ASCII letters and digits first, without decoding.
                if bytes[j].is_ascii_alphanumeric() {
                    all_digits &= bytes[j].is_ascii_digit();
                    j += 1;
                    continue;
                }
                // Other ASCII characters end the word unless they may join two parts of it.
                if bytes[j].is_ascii() && !matches!(bytes[j], b'-' | b'.' | b',' | b'&' | b'\'') {
                    break;
                }
                let Some(d) = char_at(j) else { break };
                if is_word_char(d) {
                    all_digits &= d.is_ascii_digit();
                    j += d.len_utf8();
                    continue;
                }
                let next = char_at(j + d.len_utf8());
                let next_word = next.is_some_and(is_word_char);
                let prev_digit = bytes[j - 1].is_ascii_digit();
                let joins = match d {
                    '-' | '\u{2010}' | '\u{2011}' => next_word,
                    '.' => next_word && (prev_digit || next.is_some_and(char::is_alphabetic)),
                    ',' => {
                        prev_digit && next.is_some_and(|n| n.is_ascii_digit()) && {
                            // "1,200" but not "1, 2": a thousands group has exactly three digits.
                            let rest = &bytes[j + 1..end];
                            rest.len() >= 3
                                && rest[..3].iter().all(u8::is_ascii_digit)
                                && rest.get(3).is_none_or(|b| !b.is_ascii_digit())
                        }
                    }
                    '&' => {
                        bytes[j - 1].is_ascii_uppercase()
                            && next.is_some_and(|n| n.is_ascii_uppercase())
                    }
                    a if is_apostrophe(a) => {
                        next_word
                            && !is_clitic_start(text, j + a.len_utf8(), end)
                            && !(bytes[j - 1] | 0x20 == b'n' && is_negation_clitic(text, j, end))
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                if d == '.' {
                    has_period = true;
                }
                all_digits &= matches!(d, '.' | ',');
                j += d.len_utf8();
            }
            // A contraction "don't" -> "do" + "n't": the word run ends with "n" before "'t".
            if j < end
                && bytes[j - 1] | 0x20 == b'n'
                && j - start > 1
                && char_at(j).is_some_and(is_apostrophe)
                && is_negation_clitic(text, j, end)
            {
                push(out, start, j - 1, TokenKind::Word);
                i = j - 1;
                continue;
            }
            // Absorb a trailing period into abbreviations and initials.
            if j < end && bytes[j] == b'.' {
                let word = &text[start..j];
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                let dotted = has_period && !all_digits;
                let number_sign = matches!(word, "No" | "no" | "Nos" | "nos")
                    && text[j + 1..end]
                        .trim_start()
                        .starts_with(|c: char| c.is_ascii_digit());
                if initial || dotted || number_sign || is_abbreviation(word) {
                    j += 1;
                }
            }
            let kind = if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            push(out, start, j, kind);
            i = j;
            continue;
        }
        if is_apostrophe(c) {
            // Clitics: 's, 're, 've, 'll, 'd, 'm, n't handled above; a bare ' after a plural.
            let after = i + c.len_utf8();
            let clitic_len = clitic_length(text, after, end);
            if clitic_len > 0 {
                let prev_is_word = text[range.start..i]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char);
                if prev_is_word {
                    push(out, i, after + clitic_len, TokenKind::Word);
                    i = after + clitic_len;
                    continue;
                }
            }
            push(out, i, after, TokenKind::Punct);
            i = after;
            continue;
        }
        // Multi-character punctuation: "...", "--".
        if c == '.' && text[i..end].starts_with("...") {
            push(out, i, i + 3, TokenKind::Punct);
            i += 3;
            continue;
        }
        if c == '-' && text[i..end].starts_with("--") {
            push(out, i, i + 2, TokenKind::Punct);
            i += 2;
            continue;
        }
        let kind = if matches!(
            c,
            '$' | '€' | '£' | '¥' | '%' | '+' | '=' | '<' | '>' | '#' | '@' | '&' | '©' | '°'
        ) {
            TokenKind::Symbol
        } else {
            TokenKind::Punct
        };
        push(out, i, i + c.len_utf8(), kind);
        i += c.len_utf8();
    }
}

/// Length in bytes of a clitic (`s`, `re`, `ve`, `ll`, `d`, `m`) starting at `at`, followed by a non-word char.
fn clitic_length(text: &str, at: usize, end: usize) -> usize {
    let rest = &text.as_bytes()[at..end];
    for clitic in ["s", "re", "ve", "ll", "d", "m"] {
        if rest.len() >= clitic.len()
            && rest[..clitic.len()].eq_ignore_ascii_case(clitic.as_bytes())
            && rest
                .get(clitic.len())
                .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b >= 0x80))
        {
            return clitic.len();
        }
    }
    0
}

fn is_clitic_start(text: &str, at: usize, end: usize) -> bool {
    clitic_length(text, at, end) > 0
}

/// Whether `text[apostrophe..]` is "'t" closing a negation ("don't", "can't").
fn is_negation_clitic(text: &str, apostrophe: usize, end: usize) -> bool {
    let after = text[apostrophe..end]
        .chars()
        .next()
        .map_or(1, char::len_utf8);
    let rest = &text.as_bytes()[apostrophe + after..end];
    !rest.is_empty()
        && rest[0] | 0x20 == b't'
        && rest
            .get(1)
            .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b >= 0x80))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(s, 0..s.len(), &mut out);
        out.iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn abbreviations_initials_and_numbers_stay_whole() {
        assert_eq!(
            toks("The U.S. and Gen. Smith paid $1,200.50, 3.5% more."),
            [
                "The", "U.S.", "and", "Gen.", "Smith", "paid", "$", "1,200.50", ",", "3.5", "%",
                "more", "."
            ]
        );
        assert_eq!(toks("George W. Bush"), ["George", "W.", "Bush"]);
        assert_eq!(toks("on Jan. 5, 2015"), ["on", "Jan.", "5", ",", "2015"]);
    }

    #[test]
    fn hyphens_possessives_and_contractions() {
        assert_eq!(
            toks("Russia's al-Qaeda-linked pro-Russian rebels' 12-year-old"),
            [
                "Russia",
                "'s",
                "al-Qaeda-linked",
                "pro-Russian",
                "rebels",
                "'",
                "12-year-old"
            ]
        );
        assert_eq!(
            toks("They don't, can't and won't."),
            [
                "They", "do", "n't", ",", "ca", "n't", "and", "wo", "n't", "."
            ]
        );
        assert_eq!(
            toks("O'Brien said they're"),
            ["O'Brien", "said", "they", "'re"]
        );
        assert_eq!(toks("Abbas’s Fatah"), ["Abbas", "’s", "Fatah"]);
    }

    #[test]
    fn punctuation_and_quotes() {
        assert_eq!(
            toks("\"No,\" he said... -- (AP) — ok?"),
            [
                "\"", "No", ",", "\"", "he", "said", "...", "--", "(", "AP", ")", "—", "ok", "?"
            ]
        );
        assert_eq!(toks("the end. Then"), ["the", "end", ".", "Then"]);
        assert_eq!(toks("1, 2 and 3"), ["1", ",", "2", "and", "3"]);
    }

    #[test]
    fn odd_input_is_handled() {
        assert!(toks("").is_empty());
        assert_eq!(toks("\u{feff}\u{0}abc\u{fffd}"), ["abc", "\u{fffd}"]);
        assert_eq!(toks("n't"), ["n't"]);
        assert_eq!(toks("'"), ["'"]);
    }
}
