//! Lines, paragraphs and units: the body sentences of a news document, and the lines around them that are
//! not body text (headline, dateline, photo captions and credits, bylines, tag lines, reporting credits).

use crate::tag::{CaseStyle, Upos, model};
use crate::token::{Token, TokenKind, can_end_sentence};
use serde::Serialize;

/// What a unit of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// A sentence of the article body.
    Body,
    /// The headline line at the top of a plain-text document.
    Headline,
    /// A wire dateline opening the body ("MOSCOW (Reuters) -").
    Dateline,
    /// A photo caption, usually ending with a photo credit.
    Caption,
    /// An author line ("By Amina Yusuf").
    Byline,
    /// A keyword or tag line ("Hamas Moscow Russia").
    Tags,
    /// Reporting/editing credits, copyright, "Read more" and similar furniture.
    Credit,
}

impl UnitKind {
    /// Whether the unit is body text (sentences to code).
    pub fn is_body(self) -> bool {
        self == UnitKind::Body
    }

    /// The kind's name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Body => "body",
            UnitKind::Headline => "headline",
            UnitKind::Dateline => "dateline",
            UnitKind::Caption => "caption",
            UnitKind::Byline => "byline",
            UnitKind::Tags => "tags",
            UnitKind::Credit => "credit",
        }
    }
}

/// A line of the document: byte span without the line terminator.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
}

impl Line {
    fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }
}

/// Splits text into lines (handles `\n`, `\r\n` and lone `\r`).
pub(crate) fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            Some(off) => {
                let at = i + off;
                out.push(Line { start, end: at });
                i = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    at + 2
                } else {
                    at + 1
                };
                start = i;
            }
            None => break,
        }
    }
    if start < bytes.len() {
        out.push(Line {
            start,
            end: bytes.len(),
        });
    }
    out
}

/// Trims white space from both ends of a span.
pub(crate) fn trim(doc: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &doc[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

const CREDIT_PREFIXES: &[&str] = &[
    "reporting by",
    "additional reporting",
    "writing by",
    "editing by",
    "edited by",
    "compiled by",
    "(reporting by",
    "(additional reporting",
    "copyright",
    "©",
    "(c) ",
    "all rights reserved",
    "read more",
    "related:",
    "related stories",
    "related coverage",
    "click here",
    "follow us",
    "follow him",
    "follow her",
    "sign up",
    "subscribe",
    "share this",
    "this story has been",
    "this article was",
    "contact the author",
    "more from",
    "see also",
    "advertisement",
    "listen to this",
    "watch:",
    "recommended:",
];

const CAPTION_PREFIXES: &[&str] = &[
    "photo:",
    "photograph:",
    "picture:",
    "image:",
    "caption:",
    "file photo",
    "(photo",
    "pictured:",
];

/// The number of words in `s`, counted only up to `limit + 1`: enough to compare with `limit` without
/// walking a whole paragraph.
fn words_up_to(s: &str, limit: usize) -> usize {
    s.split_whitespace().take(limit + 1).count()
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    t.ends_with(['.', '!', '?', ':', ';', ','])
}

/// "Agency/Name" or "Agency Photo/Name" at the very end of a line: a photo credit.
fn ends_with_photo_credit(line: &str) -> bool {
    let line = line.trim_end_matches(['.', ')', ' ']);
    let Some(slash) = line.rfind('/') else {
        return false;
    };
    let (left, right) = (&line[..slash], &line[slash + 1..]);
    let right_words: Vec<&str> = right.split_whitespace().collect();
    let left_words: Vec<&str> = left.split_whitespace().rev().take(3).collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    !right_words.is_empty()
        && right_words.len() <= 5
        && right_words.iter().all(capitalised)
        && !right.starts_with(' ')
        && left_words.first().is_some_and(capitalised)
        && !left.ends_with(' ')
        && !line.contains("http")
}

/// Classifies a line that stands on its own as a furniture unit, if it is one.
fn furniture(line: &str, case: CaseStyle) -> Option<UnitKind> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    // The markers are ASCII (or compared byte for byte): no lower-cased copy of the line is needed.
    let bytes = trimmed.as_bytes();
    let at_ignoring_case = |start: usize, word: &str| {
        bytes
            .get(start..start + word.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(word.as_bytes()))
    };
    let starts = |prefix: &str| at_ignoring_case(0, prefix);
    // "(Photo: …" and "… Photograph: …", found from their punctuation (a fast byte search).
    let photo_in_brackets = || {
        trimmed
            .match_indices('(')
            .any(|(i, _)| at_ignoring_case(i + 1, "photo:"))
    };
    let photograph_credit = || {
        const WORD: &str = "photograph";
        trimmed.match_indices(':').any(|(i, _)| {
            bytes.get(i + 1) == Some(&b' ')
                && i.checked_sub(WORD.len())
                    .is_some_and(|start| at_ignoring_case(start, WORD))
        })
    };
    if CREDIT_PREFIXES.iter().any(|p| starts(p)) && words_up_to(trimmed, 40) <= 40 {
        return Some(UnitKind::Credit);
    }
    if CAPTION_PREFIXES.iter().any(|p| starts(p))
        || photo_in_brackets()
        || photograph_credit()
        || (ends_with_photo_credit(trimmed) && words_up_to(trimmed, 80) <= 80)
    {
        return Some(UnitKind::Caption);
    }
    // Bylines and tag lines have at most 10 words.
    let words = words_up_to(trimmed, 10);
    if (starts("by ") || starts("– by ")) && words <= 10 && !trimmed.ends_with('.') {
        let name_words = trimmed.split_whitespace().skip(1);
        if name_words.clone().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                || w == "and"
        }) {
            return Some(UnitKind::Byline);
        }
    }
    if case == CaseStyle::Mixed && (2..=10).contains(&words) && !ends_sentence(trimmed) {
        let all_caps_words = trimmed.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '#')
        });
        let no_verbs = || {
            trimmed.split_whitespace().all(|w| {
                !matches!(
                    model().lookup(w.trim_matches(|c: char| !c.is_alphanumeric())),
                    Some(Upos::VERB | Upos::AUX | Upos::ADP | Upos::DET)
                )
            })
        };
        if all_caps_words && no_verbs() {
            return Some(UnitKind::Tags);
        }
    }
    None
}

/// Finds a wire dateline at the start of `text` and returns its length in bytes (dash included).
pub(crate) fn dateline_length(text: &str, case: CaseStyle) -> Option<usize> {
    let mut cut = text.len().min(120);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = &text[..cut];
    let dash_at = ["--", " - ", " — ", " – ", "—", "–"]
        .iter()
        .filter_map(|d| window.find(d).map(|at| (at, d.len())))
        .min()?;
    let (at, dash_len) = dash_at;
    let prefix = window[..at].trim();
    if prefix.is_empty() || prefix.len() > 90 {
        return None;
    }
    if case == CaseStyle::Lower {
        // No capitals to go by: a short place (and date) before the dash, or an agency in parentheses.
        let words = prefix.split_whitespace().count();
        let ok = prefix.contains('(') && words <= 8 || words <= 3 && !prefix.contains('.');
        return ok.then(|| {
            at + dash_len
                + (window[at + dash_len..].len() - window[at + dash_len..].trim_start().len())
        });
    }
    let first = prefix.split([' ', ',', '(']).next()?;
    let first_letters = first.chars().filter(|c| c.is_alphabetic()).count();
    if first_letters < 2 || first.chars().any(char::is_lowercase) {
        return None;
    }
    // Everything after the place must be a date, a region, or an agency in parentheses.
    let mut depth = 0i32;
    for word in prefix.split_whitespace() {
        let opens = word.starts_with('(');
        if opens {
            depth += 1;
        }
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let ok = depth > 0
            || bare.is_empty()
            || bare.chars().all(|c| !c.is_lowercase())
            || crate::date::month_number(bare).is_some()
            || (bare.chars().next().is_some_and(char::is_uppercase) && word.ends_with(','))
            || bare.chars().next().is_some_and(char::is_uppercase) && prefix.contains(',');
        if word.ends_with(')') {
            depth -= 1;
        }
        if !ok {
            return None;
        }
    }
    Some(
        at + dash_len
            + (window[at + dash_len..].len() - window[at + dash_len..].trim_start().len()),
    )
}

/// A paragraph or a standalone line, before sentence splitting.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: UnitKind,
    pub paragraph: u32,
}

/// Groups lines into paragraphs and furniture lines, in text order.
pub(crate) fn blocks(doc: &str, case: CaseStyle) -> Vec<Block> {
    let all = lines(doc);
    let mut out: Vec<Block> = Vec::new();
    let mut paragraph = 0u32;
    let mut open: Option<(usize, usize)> = None;
    let mut seen_content = false;
    let flush = |open: &mut Option<(usize, usize)>, out: &mut Vec<Block>, paragraph: &mut u32| {
        if let Some((s, e)) = open.take() {
            let (s, e) = trim(doc, s, e);
            if s < e {
                out.push(Block {
                    start: s,
                    end: e,
                    kind: UnitKind::Body,
                    paragraph: *paragraph,
                });
                *paragraph += 1;
            }
        }
    };
    for (n, line) in all.iter().enumerate() {
        let text = line.text(doc);
        if text.trim().is_empty() {
            flush(&mut open, &mut out, &mut paragraph);
            continue;
        }
        let blank_before = n == 0 || all[n - 1].text(doc).trim().is_empty();
        let blank_after = all.get(n + 1).is_none_or(|l| l.text(doc).trim().is_empty());
        // Headline: the first line of the document, alone in its block, followed by more text.
        if !seen_content
            && blank_after
            && n + 1 < all.len()
            && words_up_to(text, 25) <= 25
            && !text.trim_end().ends_with('.')
            && furniture(text, case).is_none()
        {
            let (s, e) = trim(doc, line.start, line.end);
            out.push(Block {
                start: s,
                end: e,
                kind: UnitKind::Headline,
                paragraph,
            });
            paragraph += 1;
            seen_content = true;
            continue;
        }
        seen_content = true;
        // A line continues an open paragraph unless it is indented (Reuters style) or is furniture.
        let continues_sentence = open.is_some_and(|(s, e)| !ends_sentence(&doc[s..e]));
        let standalone = blank_before || !continues_sentence;
        if standalone && let Some(kind) = furniture(text, case) {
            flush(&mut open, &mut out, &mut paragraph);
            let (s, e) = trim(doc, line.start, line.end);
            out.push(Block {
                start: s,
                end: e,
                kind,
                paragraph,
            });
            paragraph += 1;
            continue;
        }
        let indented = text.starts_with("  ") || text.starts_with('\t');
        match open {
            Some((s, _)) if !indented || blank_before => open = Some((s, line.end)),
            _ => {
                flush(&mut open, &mut out, &mut paragraph);
                open = Some((line.start, line.end));
            }
        }
    }
    flush(&mut open, &mut out, &mut paragraph);
    out
}

/// Whether an abbreviation that can end a sentence ("U.S.", "N.C.", "p.m.", "Inc.") does so before the
/// capitalised word `next`: yes before function words, verbs and plural nouns ("… in the U.S. Officials
/// said"); after times, before anything but a day or month ("at 6 p.m. Electoral officials"); no before names
/// and titles ("U.S. President", "U.S. Army").
fn abbreviation_ends_sentence(abbreviation: &str, next: &str) -> bool {
    if !can_end_sentence(abbreviation) {
        return false;
    }
    let lexical = model().lookup(next);
    if abbreviation.eq_ignore_ascii_case("a.m.") || abbreviation.eq_ignore_ascii_case("p.m.") {
        let bare = next.trim_end_matches('.');
        return crate::date::month_number(bare).is_none()
            && !matches!(
                bare.to_ascii_lowercase().as_str(),
                "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "local"
                    | "gmt"
                    | "utc"
                    | "est"
                    | "et"
            );
    }
    matches!(
        lexical,
        Some(
            Upos::DET
                | Upos::PRON
                | Upos::ADP
                | Upos::CCONJ
                | Upos::SCONJ
                | Upos::ADV
                | Upos::AUX
                | Upos::VERB
        )
    ) || (lexical == Some(Upos::NOUN) && next.len() > 3 && next.ends_with('s'))
}

const OPENERS: &[&str] = &["\"", "“", "‘", "'", "(", "["];
const CLOSERS: &[&str] = &["\"", "”", "’", "'", ")", "]"];

/// Splits a paragraph's tokens into sentences: returns the token index where each sentence ends
/// (exclusive), the last one being `tokens.len()`.
pub(crate) fn sentence_ends(doc: &str, tokens: &[Token], case: CaseStyle, out: &mut Vec<usize>) {
    let bytes = doc.as_bytes();
    let mut i = 0;
    while i < tokens.len() {
        // Terminal marks and abbreviations end in '.', '!', '?' or '…' (whose last byte is 0xA6).
        let last = bytes[tokens[i].end as usize - 1];
        if !matches!(last, b'.' | b'!' | b'?' | 0xA6) {
            i += 1;
            continue;
        }
        let text = tokens[i].text(doc);
        let terminal = matches!(text, "." | "!" | "?" | "..." | "…" | "?!" | "!?");
        let abbreviation = tokens[i].kind == TokenKind::Word && text.ends_with('.');
        if !(terminal || abbreviation) {
            i += 1;
            continue;
        }
        // Swallow closing quotes and brackets after the terminal mark.
        let mut end = i + 1;
        // A quote or bracket touching the mark closes this sentence; one after a space opens the next.
        while end < tokens.len()
            && CLOSERS.contains(&tokens[end].text(doc))
            && tokens[end].start == tokens[end - 1].end
        {
            end += 1;
        }
        let Some(next) = tokens.get(end) else { break };
        let next_text = next.text(doc);
        let next_upper = next_text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || OPENERS.contains(&next_text);
        let split = if abbreviation {
            case == CaseStyle::Mixed && next_upper && abbreviation_ends_sentence(text, next_text)
        } else {
            match case {
                CaseStyle::Mixed => next_upper,
                CaseStyle::Upper | CaseStyle::Lower => !(text == "?" || text == "!") || next_upper,
            }
        };
        if split {
            out.push(end);
        }
        i = end;
    }
    out.push(tokens.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_prefixes_and_markers_ignore_case() {
        let caption = Some(UnitKind::Caption);
        assert_eq!(
            furniture("PHOTO: troops at the border", CaseStyle::Mixed),
            caption
        );
        assert_eq!(
            furniture(
                "Protesters march in Kyiv (Photo: Reuters)",
                CaseStyle::Mixed
            ),
            caption
        );
        assert_eq!(
            furniture("Protesters march in Kyiv. PHOTOGRAPH: AP", CaseStyle::Mixed),
            caption
        );
        assert_eq!(
            furniture(
                "Reporting by Jane Doe; editing by John Roe",
                CaseStyle::Mixed
            ),
            Some(UnitKind::Credit)
        );
        assert_eq!(
            furniture("BY JANE DOE", CaseStyle::Upper),
            Some(UnitKind::Byline)
        );
        assert_eq!(
            furniture(
                "The photographers were detained in Kyiv on Monday.",
                CaseStyle::Mixed
            ),
            None
        );
    }
}
