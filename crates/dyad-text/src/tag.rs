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

/// A condition compiled for sentences of at most 64 tokens: it finds the positions where the condition
/// holds from the bit sets of token positions holding each tag and each cue word ("sets": the tags'
/// first, indexed by [`Upos`], then the cue words', at [`TAG_COUNT`] + cue-word id).
#[derive(Debug, Clone, Copy)]
enum Test {
    /// The positions `i` with `i + rel` in set `set`: `set << left >> right` (one of the two is 0).
    Shift { set: u32, left: u8, right: u8 },
    /// The positions `i` with some position of `[i, i + reach)` in set `set`.
    Ahead { set: u32, reach: u8 },
    /// The positions `i >= reach` with some position of `[i - reach, i)` in set `set` (`reach` < 64).
    Behind { set: u32, reach: u8 },
    /// No position (a relative position no sentence of 64 tokens reaches).
    Never,
}

#[derive(Debug, Clone)]
struct Patch {
    from: Upos,
    to: Upos,
    /// Conditions that must all hold.
    conditions: Box<[Condition]>,
    /// The same conditions as tests for short sentences, cue words first (they rarely hold): the first
    /// test, tried on its own, and the others.
    first: Test,
    rest: Box<[Test]>,
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

/// Most patches a model may have (`build.rs` refuses a larger one), as blocks of 64.
const PATCH_BLOCKS: usize = 4;

/// A set of patches: a bit per patch index.
type PatchSet = [u64; PATCH_BLOCKS];

impl Condition {
    /// Tags the condition needs somewhere in the sentence.
    fn required(&self) -> u32 {
        match self {
            Condition::WordIs(..) => 0,
            Condition::TagIs(_, tag) | Condition::AnyTagWithin(_, tag) => tag.bit(),
            Condition::Between(prev, next) => prev.bit() | next.bit(),
        }
    }

    /// Appends the tests that together find the positions where the condition holds in a sentence of
    /// at most 64 tokens (giving the same answer as [`Condition::holds`] at every position).
    fn compile(&self, tests: &mut Vec<Test>) {
        let shift = |set: usize, rel: i32| match u8::try_from(rel.unsigned_abs()) {
            Ok(by) if by < 64 => Test::Shift {
                set: set as u32,
                left: if rel < 0 { by } else { 0 },
                right: if rel < 0 { 0 } else { by },
            },
            _ => Test::Never,
        };
        match *self {
            Condition::WordIs(rel, word) => tests.push(shift(TAG_COUNT + usize::from(word), rel)),
            Condition::TagIs(rel, tag) => tests.push(shift(tag as usize, rel)),
            Condition::AnyTagWithin(rel, tag) => {
                let set = tag as u32;
                let reach = rel.unsigned_abs();
                tests.push(if rel >= 0 {
                    // The window [i, i + rel); no shift by 64 or more is needed.
                    Test::Ahead {
                        set,
                        reach: reach.min(64) as u8,
                    }
                } else if reach < 64 {
                    Test::Behind {
                        set,
                        reach: reach as u8,
                    }
                } else {
                    Test::Never
                });
            }
            Condition::Between(prev, next) => {
                tests.push(shift(prev as usize, -1));
                tests.push(shift(next as usize, 1));
            }
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

impl Test {
    /// The positions where the test holds, from the position sets (see [`Test`]).
    #[inline(always)]
    fn positions(&self, sets: &[u64]) -> u64 {
        // Nearly all tests are shifts.
        if let Test::Shift { set, left, right } = *self {
            return sets[set as usize] << left >> right;
        }
        self.window_positions(sets)
    }

    /// [`Test::positions`] for the tests other than shifts.
    #[inline(never)]
    fn window_positions(&self, sets: &[u64]) -> u64 {
        match *self {
            Test::Shift { set, left, right } => sets[set as usize] << left >> right,
            Test::Ahead { set, reach } => {
                let at = sets[set as usize];
                (0..reach).fold(0, |hits, k| hits | at >> k)
            }
            Test::Behind { set, reach } => {
                let at = sets[set as usize];
                (1..=reach).fold(0, |hits, k| hits | at << k) & (u64::MAX << reach)
            }
            Test::Never => 0,
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

    /// Those of the `candidates` positions of a sentence of at most 64 tokens where the conditions hold.
    #[inline]
    fn holds_among(&self, candidates: u64, sets: &[u64]) -> u64 {
        let mut hits = candidates & self.first.positions(sets);
        if hits == 0 {
            return 0;
        }
        for test in &self.rest {
            hits &= test.positions(sets);
            if hits == 0 {
                break;
            }
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
    /// The patches that test no cue word.
    patches_without_cue: PatchSet,
    /// For each cue-word id, the patches that test that word (id 0 unused).
    patches_by_cue: Vec<PatchSet>,
    /// For each tag, the patches that need it in the sentence (see [`Patch::needed`]).
    patches_needing: [PatchSet; TAG_COUNT],
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
            // Patches past the engine's capacity are dropped (`build.rs` refuses such a model).
            if let (Some(from), Some(to), Some(())) = (from, to, parsed)
                && patches.len() < PATCH_BLOCKS * 64
            {
                let required = conditions.iter().fold(0, |tags, c| tags | c.required());
                // Cue-word tests first: they rule most positions out.
                conditions.sort_by_key(|c| !matches!(c, Condition::WordIs(..)));
                let mut tests = Vec::new();
                for condition in &conditions {
                    condition.compile(&mut tests);
                }
                // A patch without conditions would hold wherever its `from` tag is.
                let always = Test::Shift {
                    set: from as u32,
                    left: 0,
                    right: 0,
                };
                let first = tests.first().copied().unwrap_or(always);
                patches.push(Patch {
                    from,
                    to,
                    conditions: conditions.into(),
                    first,
                    rest: tests.get(1..).unwrap_or_default().into(),
                    needed: required | from.bit(),
                });
            }
        }
        let mut patches_without_cue = [0; PATCH_BLOCKS];
        let mut patches_by_cue = vec![[0; PATCH_BLOCKS]; cue_words.len() + 1];
        let mut patches_needing = [[0; PATCH_BLOCKS]; TAG_COUNT];
        for (index, patch) in patches.iter().enumerate() {
            let (block, bit) = (index / 64, 1 << (index % 64));
            match patch.cue() {
                Some(cue) => patches_by_cue[usize::from(cue)][block] |= bit,
                None => patches_without_cue[block] |= bit,
            }
            for (tag, set) in patches_needing.iter_mut().enumerate() {
                if patch.needed & 1 << tag != 0 {
                    set[block] |= bit;
                }
            }
        }
        for (word, cue) in cue_words {
            lexicon.entry(&word).cue = cue;
        }
        TaggerModel {
            lexicon,
            patches,
            patches_without_cue,
            patches_by_cue,
            patches_needing,
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
    /// Positions of each tag, then of each cue word in the sentence (bit sets, see [`Test`]); all empty
    /// between sentences.
    sets: Vec<u64>,
}

impl TaggerModel {
    /// Those of the `selected` patches whose needed tags are all `present`.
    fn eligible(&self, selected: &PatchSet, present: u32) -> PatchSet {
        let mut blocked = [0; PATCH_BLOCKS];
        let mut absent = !present & ((1 << TAG_COUNT) - 1);
        while absent != 0 {
            let needing = &self.patches_needing[absent.trailing_zeros() as usize];
            for (out, set) in blocked.iter_mut().zip(needing) {
                *out |= set;
            }
            absent &= absent - 1;
        }
        std::array::from_fn(|block| selected[block] & !blocked[block])
    }

    /// Calls `apply` on the `selected` patches in order, skipping those whose needed tags are not all
    /// `present` (which `apply` updates).
    #[inline]
    fn for_each_patch(
        &self,
        selected: &PatchSet,
        present: &mut u32,
        mut apply: impl FnMut(&Patch, &mut u32),
    ) {
        let mut eligible = self.eligible(selected, *present);
        let mut block = 0;
        while block < PATCH_BLOCKS {
            let set = eligible[block];
            if set == 0 {
                block += 1;
                continue;
            }
            let bit = set.trailing_zeros();
            eligible[block] = set & (set - 1);
            let before = *present;
            apply(&self.patches[block * 64 + bit as usize], present);
            if *present != before {
                // The tags present changed: find again which of the later patches may apply.
                let now = self.eligible(selected, *present);
                eligible[block] = now[block] & u64::MAX << bit << 1;
                eligible[block + 1..].copy_from_slice(&now[block + 1..]);
            }
        }
    }
}

/// Applies a patch to the `hits` positions of a short sentence where its conditions hold (not empty) and
/// to those after them where they come to hold, updating the tags, the position sets and the tags
/// `present`.
fn apply_hits(
    patch: &Patch,
    mut hits: u64,
    tags: &mut [Upos],
    sets: &mut [u64],
    present: &mut u32,
) {
    let (from, to) = (patch.from as usize, patch.to as usize);
    loop {
        let i = hits.trailing_zeros();
        tags[i as usize] = patch.to;
        sets[from] &= !(1 << i);
        sets[to] |= 1 << i;
        *present |= patch.to.bit();
        if sets[from] == 0 {
            *present &= !patch.from.bit();
        }
        // Tokens still to visit, in ascending order: the change may affect the tokens after it.
        let unvisited = sets[from] & u64::MAX.checked_shl(i + 1).unwrap_or(0);
        hits = patch.holds_among(unvisited, sets);
        if hits == 0 {
            break;
        }
    }
}

/// Applies the contextual patches in order over the whole sentence, in the sequential sweep the model was
/// trained with. Only the patches whose cue word (if any) occurs in the sentence and whose needed tags
/// are present are tried. For sentences of up to 64 tokens the positions holding each tag and each cue
/// word are kept as bit sets, and a patch finds the positions where it applies from them in a few bit
/// operations; longer ones are swept.
fn apply_patches(model: &TaggerModel, scratch: &mut TagScratch) {
    let TagScratch { tags, words, sets } = scratch;
    sets.resize(TAG_COUNT + model.patches_by_cue.len(), 0);
    let short = tags.len() <= 64;
    let mut selected = model.patches_without_cue;
    for (i, &word) in words.iter().enumerate().filter(|(_, w)| **w != 0) {
        let cue = usize::from(word);
        let set = &mut sets[TAG_COUNT + cue];
        if *set == 0 {
            for (out, cue_set) in selected.iter_mut().zip(&model.patches_by_cue[cue]) {
                *out |= cue_set;
            }
        }
        // Long sentences only note that the word is present.
        *set |= if short { 1 << i } else { 1 };
    }
    let mut present = 0;
    if short {
        for (i, tag) in tags.iter().enumerate() {
            present |= tag.bit();
            sets[*tag as usize] |= 1 << i;
        }
        model.for_each_patch(&selected, &mut present, |patch, present| {
            let hits = patch.holds_among(sets[patch.from as usize], sets);
            if hits != 0 {
                apply_hits(patch, hits, tags, sets, present);
            }
        });
        sets[..TAG_COUNT].fill(0);
    } else {
        present = tags.iter().fold(0, |mask, tag| mask | tag.bit());
        model.for_each_patch(&selected, &mut present, |patch, present| {
            for i in 0..tags.len() {
                if tags[i] == patch.from && patch.holds(tags, words, i) {
                    tags[i] = patch.to;
                    *present |= patch.to.bit();
                }
            }
        });
    }
    for &word in words.iter() {
        sets[TAG_COUNT + usize::from(word)] = 0;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The bit-set tests of every patch find exactly the positions where its conditions hold, on
    /// pseudo-random sentences of every short length.
    #[test]
    fn compiled_tests_agree_with_the_conditions() {
        let model = model();
        let cues = model.patches_by_cue.len();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        // Tags drawn from a few common ones so that the conditions hold now and then.
        let common = [
            Upos::NOUN,
            Upos::VERB,
            Upos::DET,
            Upos::ADP,
            Upos::PRON,
            Upos::AUX,
        ];
        let all = [
            Upos::ADJ,
            Upos::ADV,
            Upos::CCONJ,
            Upos::NUM,
            Upos::PART,
            Upos::PROPN,
            Upos::PUNCT,
            Upos::SCONJ,
        ];
        let (mut checked, mut held) = (0, 0);
        for round in 0..400 {
            let len = 1 + round % 64;
            let tags: Vec<Upos> = (0..len)
                .map(|_| match next(3) {
                    0 => all[next(all.len())],
                    _ => common[next(common.len())],
                })
                .collect();
            let words: Vec<u16> = (0..len)
                .map(|_| if next(3) == 0 { next(cues) as u16 } else { 0 })
                .collect();
            let mut sets = vec![0u64; TAG_COUNT + cues];
            for (i, tag) in tags.iter().enumerate() {
                sets[*tag as usize] |= 1 << i;
            }
            for (i, word) in words.iter().enumerate().filter(|(_, w)| **w != 0) {
                sets[TAG_COUNT + usize::from(*word)] |= 1 << i;
            }
            let everywhere = u64::MAX >> (64 - len);
            for patch in &model.patches {
                let expected = (0..len)
                    .filter(|&i| patch.holds(&tags, &words, i))
                    .fold(0u64, |bits, i| bits | 1 << i);
                assert_eq!(patch.holds_among(everywhere, &sets), expected, "{patch:?}");
                checked += 1;
                held += usize::from(expected != 0);
            }
        }
        // The sentences exercise the conditions: more than one patch in twenty holds somewhere.
        assert!(held * 20 > checked, "{held} of {checked}");
    }
}
