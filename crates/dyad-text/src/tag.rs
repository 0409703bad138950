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
    /// The word at a relative position is the lexicon word with this id (cue-word ids, see `LexEntry`).
    WordIs(i32, u16),
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
    /// Tags that must occur in the sentence for the criterion to hold (a bit per [`Upos`]).
    required: u32,
    /// A cue word the criterion requires at a relative position, if any.
    anchor: Option<(i32, u16)>,
}

impl Upos {
    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl Criterion {
    /// A word the criterion requires at a relative position.
    fn anchor(&self) -> Option<(i32, u16)> {
        match self {
            Criterion::WordIs(rel, word) => Some((*rel, *word)),
            Criterion::Both(a, b) => a.anchor().or_else(|| b.anchor()),
            _ => None,
        }
    }

    /// Tags the criterion needs somewhere in the sentence.
    fn required(&self) -> u32 {
        match self {
            Criterion::WordIs(..) => 0,
            Criterion::TagIs(_, tag) | Criterion::AnyTagWithin(_, tag) => tag.bit(),
            Criterion::Between(prev, next) => prev.bit() | next.bit(),
            Criterion::Both(a, b) => a.required() | b.required(),
        }
    }
}

/// The compiled tagger model: lexicon of word → most frequent tag, and ordered patches.
#[derive(Debug)]
pub struct TaggerModel {
    /// Lower-case word → its most frequent tag and its cue-word id (0: not a cue word).
    lexicon: FxHashMap<Box<str>, LexEntry>,
    patches: Vec<Patch>,
}

/// What the model knows about one word.
#[derive(Debug, Clone, Copy, Default)]
struct LexEntry {
    tag: Option<Upos>,
    /// Id of the word when some patch tests for it (ids start at 1), else 0.
    cue: u16,
}

static MODEL: LazyLock<TaggerModel> = LazyLock::new(|| {
    TaggerModel::parse(include_str!(concat!(env!("OUT_DIR"), "/brill_model.txt")))
});

/// The built-in model, loaded once per process.
pub fn model() -> &'static TaggerModel {
    &MODEL
}

fn parse_criterion<'a>(
    parts: &mut impl Iterator<Item = &'a str>,
    words: &mut FxHashMap<Box<str>, u16>,
) -> Option<Criterion> {
    let rel = |s: Option<&str>| s.and_then(|v| v.parse::<i32>().ok());
    Some(match parts.next()? {
        "W" => {
            let rel = rel(parts.next())?;
            let word = parts.next()?.to_lowercase();
            let next_id = u16::try_from(words.len() + 1).ok()?;
            let id = *words.entry(word.into()).or_insert(next_id);
            Criterion::WordIs(rel, id)
        }
        "T" => Criterion::TagIs(rel(parts.next())?, Upos::parse(parts.next()?)?),
        "A" => Criterion::AnyTagWithin(rel(parts.next())?, Upos::parse(parts.next()?)?),
        "S" => Criterion::Between(Upos::parse(parts.next()?)?, Upos::parse(parts.next()?)?),
        "C" => Criterion::Both(
            Box::new(parse_criterion(parts, words)?),
            Box::new(parse_criterion(parts, words)?),
        ),
        _ => return None,
    })
}

/// Splits `text` at its first tab. A byte scan: model fields are a few bytes long, too short for a string
/// searcher's set-up to pay.
fn split_at_tab(text: &str) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == b'\t')?;
    Some((&text[..at], &text[at + 1..]))
}

impl TaggerModel {
    /// Reads the model text written by `build.rs` (malformed lines are ignored: the file is generated).
    fn parse(source: &str) -> TaggerModel {
        // One entry per line at most: sized once, never rehashed.
        let lines = memchr::memchr_iter(b'\n', source.as_bytes()).count() + 1;
        let mut lexicon = FxHashMap::with_capacity_and_hasher(lines, Default::default());
        let mut patches = Vec::new();
        let mut cue_words = FxHashMap::default();
        for line in source.lines() {
            // Lexicon lines, "L<TAB>word<TAB>TAG", are nearly all of the file.
            if let Some(entry) = line.strip_prefix("L\t") {
                if let Some((word, tag)) = split_at_tab(entry)
                    && let Some(tag) = Upos::parse(tag)
                {
                    lexicon.insert(
                        word.into(),
                        LexEntry {
                            tag: Some(tag),
                            cue: 0,
                        },
                    );
                }
                continue;
            }
            let Some(patch) = line.strip_prefix("P\t") else {
                continue;
            };
            let mut fields = patch.split('\t');
            let from = fields.next().and_then(Upos::parse);
            let to = fields.next().and_then(Upos::parse);
            let criterion = fields
                .next()
                .and_then(|c| parse_criterion(&mut c.split(' '), &mut cue_words));
            if let (Some(from), Some(to), Some(criterion)) = (from, to, criterion) {
                let required = criterion.required();
                let anchor = criterion.anchor();
                patches.push(Patch {
                    from,
                    to,
                    criterion,
                    required,
                    anchor,
                });
            }
        }
        for (word, cue) in cue_words {
            lexicon.entry(word).or_insert_with(LexEntry::default).cue = cue;
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
            return self.lexicon.get(lower).and_then(|e| e.tag);
        }
        if word.is_ascii() {
            return None; // too long for the buffer: no such word in the lexicon
        }
        self.lexicon
            .get(word.to_lowercase().as_str())
            .and_then(|e| e.tag)
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
    /// Classifies text by the share of upper-case letters among the ASCII letters of its first 8 KB.
    pub fn detect(text: &str) -> CaseStyle {
        let (mut upper, mut lower) = (0usize, 0usize);
        for &b in text.as_bytes().iter().take(8000) {
            if b.is_ascii_uppercase() {
                upper += 1;
            } else if b.is_ascii_lowercase() {
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
    // In mixed-case text a capitalised word the lexicon does not know is a name, even at the start of a
    // sentence ("Meshaal, who runs ..."), unless its suffix says adverb or verb form.
    if case == CaseStyle::Mixed && starts_upper(word) {
        let mut buf = [0u8; 48];
        let lower = ascii_lower(word, &mut buf);
        let inflected = lower.len() > 4 && (lower.ends_with("ly") || lower.ends_with("ing"));
        if !sentence_start || !inflected {
            return Upos::PROPN;
        }
    }
    if crate::lexicon::is_past_form(word) && !word.contains('-') {
        return Upos::VERB;
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
    fn holds(&self, tags: &[Upos], words: &[u16], index: usize) -> bool {
        let at = |rel: i32| {
            index
                .checked_add_signed(rel as isize)
                .filter(|&i| i < tags.len())
        };
        match self {
            Criterion::WordIs(rel, word) => at(*rel).is_some_and(|i| words[i] == *word),
            Criterion::TagIs(rel, tag) => at(*rel).is_some_and(|i| tags[i] == *tag),
            Criterion::AnyTagWithin(rel, tag) => {
                let Some(far) = index.checked_add_signed(*rel as isize) else {
                    return false;
                };
                // The window the model was trained with: [index, far) or [far, index).
                let (from, to) = (far.min(index), far.max(index).min(tags.len()));
                from < to && tags[from..to].contains(tag)
            }
            Criterion::Between(prev, next) => {
                index > 0 && tags[index - 1] == *prev && tags.get(index + 1) == Some(next)
            }
            Criterion::Both(a, b) => a.holds(tags, words, index) && b.holds(tags, words, index),
        }
    }
}

/// Scratch space for tagging, reused across sentences.
#[derive(Debug, Default)]
pub struct TagScratch {
    tags: Vec<Upos>,
    words: Vec<u16>,
}

/// Applies the contextual patches in order over the whole sentence. For sentences of up to 64 tokens
/// the positions holding each tag are kept as bit sets, so a patch visits only the tokens it may change
/// (in ascending order, as the sequential sweep the model was trained with); longer ones are swept.
fn apply_patches(model: &TaggerModel, tags: &mut [Upos], words: &[u16]) {
    if tags.len() > 64 {
        let mut present = tags.iter().fold(0u32, |mask, t| mask | t.bit());
        for patch in &model.patches {
            if present & patch.from.bit() == 0 || present & patch.required != patch.required {
                continue;
            }
            for i in 0..tags.len() {
                if tags[i] == patch.from && patch.criterion.holds(tags, words, i) {
                    tags[i] = patch.to;
                    present |= patch.to.bit();
                }
            }
        }
        return;
    }
    let mut positions = [0u64; 17];
    for (i, tag) in tags.iter().enumerate() {
        positions[*tag as usize] |= 1 << i;
    }
    // Tags present in the sentence (a bit per tag), kept in step with `positions`.
    let mut present = tags.iter().fold(0u32, |mask, t| mask | t.bit());
    // Positions of each cue word present (few per sentence).
    const CUE_SLOTS: usize = 16;
    let mut cue_positions: [(u16, u64); CUE_SLOTS] = [(0, 0); CUE_SLOTS];
    let mut cues = 0;
    for (i, &word) in words.iter().enumerate().filter(|(_, w)| **w != 0) {
        match cue_positions[..cues].iter_mut().find(|(w, _)| *w == word) {
            Some((_, mask)) => *mask |= 1 << i,
            None if cues < CUE_SLOTS => {
                cue_positions[cues] = (word, 1 << i);
                cues += 1;
            }
            None => {}
        }
    }
    let overflow = cues == CUE_SLOTS;
    for patch in &model.patches {
        let needed = patch.required | patch.from.bit();
        if present & needed != needed {
            continue;
        }
        let mut candidates = positions[patch.from as usize];
        if let Some((rel, word)) = patch.anchor
            && !overflow
        {
            let at = cue_positions[..cues]
                .iter()
                .find(|(w, _)| *w == word)
                .map_or(0, |(_, m)| *m);
            // Tokens i whose neighbour i + rel holds the word.
            candidates &= if rel >= 0 {
                at.checked_shr(rel.unsigned_abs()).unwrap_or(0)
            } else {
                at.checked_shl(rel.unsigned_abs()).unwrap_or(0)
            };
        }
        while candidates != 0 {
            let i = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            if patch.criterion.holds(tags, words, i) {
                tags[i] = patch.to;
                positions[patch.from as usize] &= !(1 << i);
                positions[patch.to as usize] |= 1 << i;
                present |= patch.to.bit();
                if positions[patch.from as usize] == 0 {
                    present &= !patch.from.bit();
                }
            }
        }
    }
}

/// Tags the tokens of one sentence in place.
pub fn tag_sentence(
    model: &TaggerModel,
    doc: &str,
    tokens: &mut [Token],
    case: CaseStyle,
    scratch: &mut TagScratch,
) {
    let TagScratch { tags, words } = scratch;
    tags.clear();
    words.clear();
    let mut sentence_start = true;
    for token in tokens.iter() {
        let word = token.text(doc);
        let mut buf = [0u8; 48];
        let lower = ascii_lower(word, &mut buf);
        let entry = match lower {
            "" if word.is_ascii() => None,
            "" => model.lexicon.get(word.to_lowercase().as_str()).copied(),
            _ => model.lexicon.get(lower).copied(),
        }
        .unwrap_or_default();
        tags.push(match token.kind {
            TokenKind::Punct => Upos::PUNCT,
            TokenKind::Symbol => Upos::SYM,
            TokenKind::Number => Upos::NUM,
            TokenKind::Word => entry
                .tag
                .unwrap_or_else(|| guess(model, word, case, sentence_start)),
        });
        words.push(entry.cue);
        sentence_start =
            token.kind == TokenKind::Punct && matches!(word, "\"" | "“" | "(" | "'" | "‘");
    }
    apply_patches(model, tags, words);
    for (token, tag) in tokens.iter_mut().zip(tags.iter()) {
        token.tag = *tag;
    }
    crate::lexicon::correct_tags(doc, tokens, case);
}
