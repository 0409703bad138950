//! Part-of-speech tagging: a Brill tagger (lexicon + ordered contextual patches) whose trained model comes
//! from the `harper-brill` crate (extracted at build time, see `build.rs`), run by our own allocation-free
//! engine, with unknown-word guessing from shape and suffix and news-specific corrections on top.

use crate::token::{Token, TokenKind, ascii_lower};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::sync::LazyLock;

/// Universal Dependencies part-of-speech tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Upos {
    /// Adjective.
    ADJ,
    /// Adposition.
    ADP,
    /// Adverb.
    ADV,
    /// Auxiliary verb.
    AUX,
    /// Coordinating conjunction.
    CCONJ,
    /// Determiner.
    DET,
    /// Interjection.
    INTJ,
    /// Common noun.
    NOUN,
    /// Numeral.
    NUM,
    /// Particle.
    PART,
    /// Pronoun.
    PRON,
    /// Proper noun.
    PROPN,
    /// Punctuation.
    PUNCT,
    /// Subordinating conjunction.
    SCONJ,
    /// Symbol.
    SYM,
    /// Verb.
    VERB,
    /// Other / not yet tagged.
    X,
}

impl Upos {
    /// Parses a tag name ("NOUN").
    pub fn parse(name: &str) -> Option<Upos> {
        Some(match name {
            "ADJ" => Upos::ADJ,
            "ADP" => Upos::ADP,
            "ADV" => Upos::ADV,
            "AUX" => Upos::AUX,
            "CCONJ" => Upos::CCONJ,
            "DET" => Upos::DET,
            "INTJ" => Upos::INTJ,
            "NOUN" => Upos::NOUN,
            "NUM" => Upos::NUM,
            "PART" => Upos::PART,
            "PRON" => Upos::PRON,
            "PROPN" => Upos::PROPN,
            "PUNCT" => Upos::PUNCT,
            "SCONJ" => Upos::SCONJ,
            "SYM" => Upos::SYM,
            "VERB" => Upos::VERB,
            "X" => Upos::X,
            _ => return None,
        })
    }

    /// The tag's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::ADJ => "ADJ",
            Upos::ADP => "ADP",
            Upos::ADV => "ADV",
            Upos::AUX => "AUX",
            Upos::CCONJ => "CCONJ",
            Upos::DET => "DET",
            Upos::INTJ => "INTJ",
            Upos::NOUN => "NOUN",
            Upos::NUM => "NUM",
            Upos::PART => "PART",
            Upos::PRON => "PRON",
            Upos::PROPN => "PROPN",
            Upos::PUNCT => "PUNCT",
            Upos::SCONJ => "SCONJ",
            Upos::SYM => "SYM",
            Upos::VERB => "VERB",
            Upos::X => "X",
        }
    }
}

/// One condition of a contextual patch (relative positions are token offsets within the sentence).
#[derive(Debug, Clone)]
enum Criterion {
    WordIs(i32, Box<str>),
    TagIs(i32, Upos),
    AnyTagWithin(i32, Upos),
    Between(Upos, Upos),
    Both(Box<Criterion>, Box<Criterion>),
}

#[derive(Debug, Clone)]
struct Patch {
    from: Upos,
    to: Upos,
    criterion: Criterion,
}

/// The compiled tagger model: lexicon of word → most frequent tag, and ordered patches.
#[derive(Debug)]
pub struct TaggerModel {
    lexicon: FxHashMap<Box<str>, Upos>,
    patches: Vec<Patch>,
}

static MODEL: LazyLock<TaggerModel> = LazyLock::new(|| {
    TaggerModel::parse(include_str!(concat!(env!("OUT_DIR"), "/brill_model.txt")))
});

/// The built-in model, loaded once per process.
pub fn model() -> &'static TaggerModel {
    &MODEL
}

fn parse_criterion<'a>(parts: &mut impl Iterator<Item = &'a str>) -> Option<Criterion> {
    let rel = |s: Option<&str>| s.and_then(|v| v.parse::<i32>().ok());
    Some(match parts.next()? {
        "W" => Criterion::WordIs(rel(parts.next())?, parts.next()?.into()),
        "T" => Criterion::TagIs(rel(parts.next())?, Upos::parse(parts.next()?)?),
        "A" => Criterion::AnyTagWithin(rel(parts.next())?, Upos::parse(parts.next()?)?),
        "S" => Criterion::Between(Upos::parse(parts.next()?)?, Upos::parse(parts.next()?)?),
        "C" => Criterion::Both(
            Box::new(parse_criterion(parts)?),
            Box::new(parse_criterion(parts)?),
        ),
        _ => return None,
    })
}

impl TaggerModel {
    /// Reads the model text written by `build.rs` (malformed lines are ignored: the file is generated).
    fn parse(source: &str) -> TaggerModel {
        let mut lexicon = FxHashMap::default();
        let mut patches = Vec::new();
        for line in source.lines() {
            let mut fields = line.split('\t');
            match fields.next() {
                Some("L") => {
                    if let (Some(word), Some(tag)) =
                        (fields.next(), fields.next().and_then(Upos::parse))
                    {
                        lexicon.insert(word.into(), tag);
                    }
                }
                Some("P") => {
                    let from = fields.next().and_then(Upos::parse);
                    let to = fields.next().and_then(Upos::parse);
                    let criterion = fields
                        .next()
                        .and_then(|c| parse_criterion(&mut c.split(' ')));
                    if let (Some(from), Some(to), Some(criterion)) = (from, to, criterion) {
                        patches.push(Patch {
                            from,
                            to,
                            criterion,
                        });
                    }
                }
                _ => {}
            }
        }
        TaggerModel { lexicon, patches }
    }

    /// Number of lexicon entries and of contextual patches.
    pub fn size(&self) -> (usize, usize) {
        (self.lexicon.len(), self.patches.len())
    }

    /// The lexicon tag of a word (case-insensitive).
    pub fn lookup(&self, word: &str) -> Option<Upos> {
        let mut buf = [0u8; 48];
        let lower = ascii_lower(word, &mut buf);
        if !lower.is_empty() {
            return self.lexicon.get(lower).copied();
        }
        if word.is_ascii() {
            return None; // too long for the buffer: no such word in the lexicon
        }
        self.lexicon.get(word.to_lowercase().as_str()).copied()
    }
}

/// How the document uses letter case: mixed (normal), all capitals, or all lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseStyle {
    /// Ordinary mixed-case text: capitals signal names.
    Mixed,
    /// All-caps wire copy: capitals carry no information.
    Upper,
    /// Lower-cased archive text: no capitals to rely on.
    Lower,
}

impl CaseStyle {
    /// Classifies text by the share of upper-case letters among its first few thousand letters.
    pub fn detect(text: &str) -> CaseStyle {
        let (mut upper, mut lower) = (0usize, 0usize);
        for c in text.chars().filter(|c| c.is_alphabetic()).take(4000) {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
        let total = upper + lower;
        if total < 20 {
            CaseStyle::Mixed
        } else if upper * 10 >= total * 9 {
            CaseStyle::Upper
        } else if upper * 200 <= total {
            CaseStyle::Lower
        } else {
            CaseStyle::Mixed
        }
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Guesses the tag of a word the lexicon does not know, from its shape and suffix.
fn guess(model: &TaggerModel, word: &str, case: CaseStyle, sentence_start: bool) -> Upos {
    if case == CaseStyle::Mixed && starts_upper(word) && !sentence_start {
        return Upos::PROPN;
    }
    // Hyphenated compounds take the class of their last part ("U.S.-sponsored", "Tel Aviv-based").
    if let Some((_, last)) = word.rsplit_once('-')
        && !last.is_empty()
    {
        return match model.lookup(last) {
            Some(Upos::VERB) if last.ends_with("ed") => Upos::ADJ,
            Some(Upos::NOUN) => Upos::ADJ,
            Some(tag) => tag,
            None => guess(model, last, case, false),
        };
    }
    let mut buf = [0u8; 48];
    let lower = ascii_lower(word, &mut buf);
    let suffix = |s: &str| lower.len() > s.len() + 2 && lower.ends_with(s);
    if suffix("ly") {
        Upos::ADV
    } else if suffix("ing") || suffix("ed") || suffix("ize") || suffix("ise") || suffix("ify") {
        Upos::VERB
    } else if [
        "ous", "ful", "ive", "able", "ible", "al", "ic", "ian", "ese", "ish", "less", "ary",
        "istic",
    ]
    .iter()
    .any(|s| suffix(s))
    {
        Upos::ADJ
    } else if case == CaseStyle::Mixed && starts_upper(word) {
        Upos::PROPN
    } else {
        Upos::NOUN
    }
}

impl Criterion {
    fn holds(&self, doc: &str, tokens: &[Token], index: usize) -> bool {
        let at = |rel: i32| {
            index
                .checked_add_signed(rel as isize)
                .filter(|&i| i < tokens.len())
        };
        match self {
            Criterion::WordIs(rel, word) => at(*rel).is_some_and(|i| {
                // Same comparison as the model was trained with: the common prefix, case-insensitively.
                tokens[i]
                    .text(doc)
                    .chars()
                    .zip(word.chars())
                    .all(|(a, b)| a.eq_ignore_ascii_case(&b))
            }),
            Criterion::TagIs(rel, tag) => at(*rel).is_some_and(|i| tokens[i].tag == *tag),
            Criterion::AnyTagWithin(rel, tag) => {
                let Some(far) = index.checked_add_signed(*rel as isize) else {
                    return false;
                };
                (far.min(index)..far.max(index).min(tokens.len())).any(|i| tokens[i].tag == *tag)
            }
            Criterion::Between(prev, next) => {
                index > 0
                    && tokens[index - 1].tag == *prev
                    && tokens.get(index + 1).is_some_and(|t| t.tag == *next)
            }
            Criterion::Both(a, b) => a.holds(doc, tokens, index) && b.holds(doc, tokens, index),
        }
    }
}

/// Tags the tokens of one sentence in place.
pub fn tag_sentence(model: &TaggerModel, doc: &str, tokens: &mut [Token], case: CaseStyle) {
    let mut sentence_start = true;
    for token in tokens.iter_mut() {
        let word = token.text(doc);
        token.tag = match token.kind {
            TokenKind::Punct => Upos::PUNCT,
            TokenKind::Symbol => Upos::SYM,
            TokenKind::Number => Upos::NUM,
            TokenKind::Word => match model.lookup(word) {
                // A capitalised word inside a sentence is a name unless the lexicon says it's a name anyway.
                Some(tag) => tag,
                None => guess(model, word, case, sentence_start),
            },
        };
        sentence_start =
            token.kind == TokenKind::Punct && matches!(word, "\"" | "“" | "(" | "'" | "‘");
    }
    for patch in &model.patches {
        for i in 0..tokens.len() {
            if tokens[i].tag == patch.from && patch.criterion.holds(doc, tokens, i) {
                tokens[i].tag = patch.to;
            }
        }
    }
    crate::lexicon::correct_tags(doc, tokens, case);
}
