//! Part-of-speech tagging: a Brill tagger (lexicon + ordered contextual patches) whose trained model comes
//! from the `harper-brill` crate (extracted at build time, see `build.rs`), run by our own allocation-free
//! engine, with unknown-word guessing from shape and suffix and news-specific corrections on top.

use crate::token::{Token, TokenKind, ascii_lower};
use crate::word_map::WordMap;
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
enum Condition {
    /// The word at a relative position is the lexicon word with this id (cue-word ids, see `LexEntry`).
    WordIs(i32, u16),
    /// The token at a relative position has this tag.
    TagIs(i32, Upos),
    /// Some token of the window between the token and a relative position has this tag (see `holds`).
    AnyTagWithin(i32, Upos),
    /// The tokens just before and just after have these tags.
    Between(Upos, Upos),
}

#[derive(Debug, Clone)]
struct Patch {
    from: Upos,
    to: Upos,
    /// Conditions that must all hold.
    conditions: Box<[Condition]>,
    /// Tags that must occur in the sentence for the patch to apply, `from` included (a bit per [`Upos`]).
    needed: u32,
}

impl Upos {
    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// Number of [`Upos`] tags.
const TAG_COUNT: usize = Upos::X as usize + 1;

/// The positions `i` whose neighbour `i + rel` is in `bits` (bit sets of token positions).
fn shifted(bits: u64, rel: i32) -> u64 {
    if rel >= 0 {
        bits.checked_shr(rel.unsigned_abs()).unwrap_or(0)
    } else {
        bits.checked_shl(rel.unsigned_abs()).unwrap_or(0)
    }
}

impl Condition {
    /// Tags the condition needs somewhere in the sentence.
    fn required(&self) -> u32 {
        match self {
            Condition::WordIs(..) => 0,
            Condition::TagIs(_, tag) | Condition::AnyTagWithin(_, tag) => tag.bit(),
            Condition::Between(prev, next) => prev.bit() | next.bit(),
        }
    }

    /// The positions of a sentence of at most 64 tokens where the condition holds, from the positions
    /// holding each tag and each cue word (bit sets indexed by tag and by cue-word id). Gives the same
    /// answer as [`Condition::holds`] at every position.
    #[inline]
    fn positions(&self, tags: &[u64; TAG_COUNT], cues: &[u64]) -> u64 {
        match self {
            Condition::WordIs(rel, word) => shifted(cues[usize::from(*word)], *rel),
            Condition::TagIs(rel, tag) => shifted(tags[*tag as usize], *rel),
            Condition::AnyTagWithin(rel, tag) => {
                let at = tags[*tag as usize];
                let reach = rel.unsigned_abs();
                if *rel >= 0 {
                    // The window [i, i + rel).
                    (0..reach.min(64)).fold(0, |hits, k| hits | at >> k)
                } else if reach < 64 {
                    // The window [i - reach, i), for positions i at least `reach` from the start.
                    (1..=reach).fold(0, |hits, k| hits | at << k) & (u64::MAX << reach)
                } else {
                    0
                }
            }
            Condition::Between(prev, next) => tags[*prev as usize] << 1 & tags[*next as usize] >> 1,
        }
    }

    fn holds(&self, tags: &[Upos], words: &[u16], index: usize) -> bool {
        let at = |rel: i32| {
            index
                .checked_add_signed(rel as isize)
                .filter(|&i| i < tags.len())
        };
        match self {
            Condition::WordIs(rel, word) => at(*rel).is_some_and(|i| words[i] == *word),
            Condition::TagIs(rel, tag) => at(*rel).is_some_and(|i| tags[i] == *tag),
            Condition::AnyTagWithin(rel, tag) => {
                let Some(far) = index.checked_add_signed(*rel as isize) else {
                    return false;
                };
                // The window the model was trained with: [index, far) or [far, index).
                let (from, to) = (far.min(index), far.max(index).min(tags.len()));
                from < to && tags[from..to].contains(tag)
            }
            Condition::Between(prev, next) => {
                index > 0 && tags[index - 1] == *prev && tags.get(index + 1) == Some(next)
            }
        }
    }
}

impl Patch {
    /// A cue word the patch requires somewhere in the sentence.
    fn cue(&self) -> Option<u16> {
        self.conditions
            .iter()
            .find_map(|condition| match condition {
                Condition::WordIs(_, word) => Some(*word),
                _ => None,
            })
    }

    /// Whether the patch's conditions hold at token `index`.
    fn holds(&self, tags: &[Upos], words: &[u16], index: usize) -> bool {
        self.conditions
            .iter()
            .all(|condition| condition.holds(tags, words, index))
    }

    /// Those of the `candidates` positions of a sentence of at most 64 tokens where the conditions hold
    /// (see [`Condition::positions`]).
    fn holds_among(&self, candidates: u64, tags: &[u64; TAG_COUNT], cues: &[u64]) -> u64 {
        let mut hits = candidates;
        for condition in &self.conditions {
            if hits == 0 {
                break;
            }
            hits &= condition.positions(tags, cues);
        }
        hits
    }
}

/// The compiled tagger model: lexicon of word → most frequent tag, and ordered patches.
#[derive(Debug)]
pub struct TaggerModel {
    /// Lower-case word → its most frequent tag and its cue-word id (0: not a cue word).
    lexicon: WordMap<LexEntry>,
    patches: Vec<Patch>,
    /// The patches that test no cue word, as a bit set of patch indices.
    patches_without_cue: Vec<u64>,
    /// For each cue-word id, the patches that test that word (bit sets of patch indices; id 0 unused).
    patches_by_cue: Vec<Vec<u64>>,
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

/// Parses one criterion in prefix notation (see `build.rs`) into the conditions it joins.
fn parse_conditions<'a>(
    parts: &mut impl Iterator<Item = &'a str>,
    words: &mut FxHashMap<Box<str>, u16>,
    conditions: &mut Vec<Condition>,
) -> Option<()> {
    let rel = |s: Option<&str>| s.and_then(|v| v.parse::<i32>().ok());
    let condition = match parts.next()? {
        "W" => {
            let rel = rel(parts.next())?;
            let word = parts.next()?.to_lowercase();
            let next_id = u16::try_from(words.len() + 1).ok()?;
            let id = *words.entry(word.into()).or_insert(next_id);
            Condition::WordIs(rel, id)
        }
        "T" => Condition::TagIs(rel(parts.next())?, Upos::parse(parts.next()?)?),
        "A" => Condition::AnyTagWithin(rel(parts.next())?, Upos::parse(parts.next()?)?),
        "S" => Condition::Between(Upos::parse(parts.next()?)?, Upos::parse(parts.next()?)?),
        "C" => {
            parse_conditions(parts, words, conditions)?;
            return parse_conditions(parts, words, conditions);
        }
        _ => return None,
    };
    conditions.push(condition);
    Some(())
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
        let mut lexicon = WordMap::with_capacity(source.len() / 16);
        let mut patches = Vec::new();
        let mut cue_words = FxHashMap::default();
        for line in source.lines() {
            // Lexicon lines, "L<TAB>word<TAB>TAG", are nearly all of the file.
            if let Some(entry) = line.strip_prefix("L\t") {
                if let Some((word, tag)) = split_at_tab(entry)
                    && let Some(tag) = Upos::parse(tag)
                {
                    *lexicon.entry(word) = LexEntry {
                        tag: Some(tag),
                        cue: 0,
                    };
                }
                continue;
            }
            let Some(patch) = line.strip_prefix("P\t") else {
                continue;
            };
            let mut fields = patch.split('\t');
            let from = fields.next().and_then(Upos::parse);
            let to = fields.next().and_then(Upos::parse);
            let mut conditions = Vec::new();
            let parsed = fields
                .next()
                .and_then(|c| parse_conditions(&mut c.split(' '), &mut cue_words, &mut conditions));
            if let (Some(from), Some(to), Some(())) = (from, to, parsed) {
                let required = conditions.iter().fold(0, |tags, c| tags | c.required());
                patches.push(Patch {
                    from,
                    to,
                    conditions: conditions.into(),
                    needed: required | from.bit(),
                });
            }
        }
        let blocks = patches.len().div_ceil(64);
        let mut patches_without_cue = vec![0; blocks];
        let mut patches_by_cue = vec![vec![0; blocks]; cue_words.len() + 1];
        for (index, patch) in patches.iter().enumerate() {
            let set = match patch.cue() {
                Some(cue) => &mut patches_by_cue[usize::from(cue)],
                None => &mut patches_without_cue,
            };
            set[index / 64] |= 1 << (index % 64);
        }
        for (word, cue) in cue_words {
            lexicon.entry(&word).cue = cue;
        }
        TaggerModel {
            lexicon,
            patches,
            patches_without_cue,
            patches_by_cue,
        }
    }

    /// Number of lexicon entries and of contextual patches.
    pub fn size(&self) -> (usize, usize) {
        (self.lexicon.len(), self.patches.len())
    }

    /// The lexicon tag of a word (case-insensitive).
    pub fn lookup(&self, word: &str) -> Option<Upos> {
        self.lexicon.get(word).and_then(|e| e.tag)
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

/// Scratch space for tagging, reused across sentences.
#[derive(Debug, Default)]
pub struct TagScratch {
    tags: Vec<Upos>,
    words: Vec<u16>,
    /// Positions of each cue word in the sentence (a bit set per cue-word id; all empty between sentences).
    cue_positions: Vec<u64>,
    /// The patches that may apply to the sentence (a bit set of patch indices).
    selected: Vec<u64>,
}

/// Applies the contextual patches in order over the whole sentence, in the sequential sweep the model was
/// trained with. Only the patches whose cue word (if any) occurs in the sentence are tried. For sentences
/// of up to 64 tokens the positions holding each tag and each cue word are kept as bit sets, and a patch
/// finds the positions where it applies from them in a few bit operations; longer ones are swept.
fn apply_patches(model: &TaggerModel, scratch: &mut TagScratch) {
    let TagScratch {
        tags,
        words,
        cue_positions,
        selected,
    } = scratch;
    cue_positions.resize(model.patches_by_cue.len(), 0);
    selected.clear();
    selected.extend_from_slice(&model.patches_without_cue);
    let short = tags.len() <= 64;
    for (i, &word) in words.iter().enumerate().filter(|(_, w)| **w != 0) {
        let cue = usize::from(word);
        if cue_positions[cue] == 0 {
            for (set, cue_set) in selected.iter_mut().zip(&model.patches_by_cue[cue]) {
                *set |= cue_set;
            }
        }
        // Long sentences only note that the word is present.
        cue_positions[cue] |= if short { 1 << i } else { 1 };
    }
    let selected_patches = selected.iter().enumerate().flat_map(|(block, &set)| {
        std::iter::successors(Some(set), |rest| Some(rest & rest.wrapping_sub(1)))
            .take_while(|rest| *rest != 0)
            .map(move |rest| &model.patches[block * 64 + rest.trailing_zeros() as usize])
    });
    let mut present = tags.iter().fold(0u32, |mask, t| mask | t.bit());
    if short {
        let mut positions = [0u64; TAG_COUNT];
        for (i, tag) in tags.iter().enumerate() {
            positions[*tag as usize] |= 1 << i;
        }
        for patch in selected_patches {
            if present & patch.needed != patch.needed {
                continue;
            }
            // Tokens still to visit, in ascending order; after each change the positions where the
            // criterion holds are found again, as the change may affect the tokens after it.
            let mut unvisited = positions[patch.from as usize];
            while unvisited != 0 {
                let hits = patch.holds_among(unvisited, &positions, cue_positions);
                if hits == 0 {
                    break;
                }
                let i = hits.trailing_zeros();
                tags[i as usize] = patch.to;
                positions[patch.from as usize] &= !(1 << i);
                positions[patch.to as usize] |= 1 << i;
                present |= patch.to.bit();
                if positions[patch.from as usize] == 0 {
                    present &= !patch.from.bit();
                }
                unvisited =
                    positions[patch.from as usize] & u64::MAX.checked_shl(i + 1).unwrap_or(0);
            }
        }
    } else {
        for patch in selected_patches {
            if present & patch.needed != patch.needed {
                continue;
            }
            for i in 0..tags.len() {
                if tags[i] == patch.from && patch.holds(tags, words, i) {
                    tags[i] = patch.to;
                    present |= patch.to.bit();
                }
            }
        }
    }
    for &word in words.iter() {
        cue_positions[usize::from(word)] = 0;
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
    let TagScratch { tags, words, .. } = scratch;
    tags.clear();
    words.clear();
    let mut sentence_start = true;
    for token in tokens.iter() {
        let word = token.text(doc);
        let entry = model.lexicon.get(word).unwrap_or_default();
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
    apply_patches(model, scratch);
    for (token, tag) in tokens.iter_mut().zip(scratch.tags.iter()) {
        token.tag = *tag;
    }
    crate::lexicon::correct_tags(doc, tokens, case);
}
