//! Pattern words as integer ids: every word of the event patterns and synonym sets gets an id once, when
//! the coder is built, and a token's written form and lemma are looked up once per sentence, when matching
//! first needs them. Matching a pattern word is then an integer comparison instead of a case-folding
//! string comparison.

use dyad_dict::model::Element;
use dyad_text::token::{Lemma, Token};
use rustc_hash::FxHashMap;
use std::cell::Cell;

/// Id of a text that is no pattern word.
const NONE: u32 = 0;

/// Longest key built on the stack; longer ones (rare) are built on the heap.
const STACK_KEY: usize = 48;

/// The pattern words and their ids. Pattern words are lower case (the dictionary readers lower-case
/// them); a word is interned by its ASCII-lower-cased bytes.
#[derive(Default)]
pub(crate) struct PatternWords {
    ids: FxHashMap<Box<[u8]>, u32>,
    /// Length of the longest word: a longer text is no pattern word.
    longest: usize,
}

impl PatternWords {
    /// The id of a pattern word, given one on first use.
    pub(crate) fn intern(&mut self, word: &str) -> u32 {
        // Every key is lower case, so a word with capitals is found only once lower-cased.
        let key = word.as_bytes();
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let key = key.to_ascii_lowercase();
        let next = self.ids.len() as u32 + 1;
        self.longest = self.longest.max(key.len());
        *self.ids.entry(key.into()).or_insert(next)
    }

    /// Ids of a token's written form and of its lemma ([`NONE`] for either that is no pattern word).
    /// The written form is compared ignoring ASCII case, the lemma as [`Token::lemma_is`] compares it.
    fn of_token(&self, doc: &str, token: &Token) -> WordIds {
        let surface = token.text(doc).as_bytes();
        let written = self.lookup(surface, b"");
        let lemma = match token.lemma {
            Lemma::Same => written,
            Lemma::Irregular(lemma) => self.lookup(b"", lemma.as_bytes()),
            Lemma::Strip { cut, add } => {
                let keep = surface.len().saturating_sub(cut as usize);
                if token.text(doc).is_char_boundary(keep) {
                    self.lookup(&surface[..keep], add.as_bytes())
                } else {
                    NONE
                }
            }
        };
        WordIds { written, lemma }
    }

    /// The id of `stem` (ASCII-lower-cased) followed by `suffix` (as it is).
    fn lookup(&self, stem: &[u8], suffix: &[u8]) -> u32 {
        let len = stem.len() + suffix.len();
        if len > self.longest {
            return NONE;
        }
        let fill = |key: &mut [u8]| {
            let (head, tail) = key.split_at_mut(stem.len());
            head.copy_from_slice(stem);
            head.make_ascii_lowercase();
            tail.copy_from_slice(suffix);
        };
        let find = |key: &[u8]| self.ids.get(key).copied().unwrap_or(NONE);
        if len <= STACK_KEY {
            let mut buf = [0u8; STACK_KEY];
            fill(&mut buf[..len]);
            find(&buf[..len])
        } else {
            let mut buf = vec![0u8; len];
            fill(&mut buf);
            find(&buf)
        }
    }
}

/// A token's pattern-word ids.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordIds {
    /// Of the written form.
    pub(crate) written: u32,
    /// Of the lemma.
    pub(crate) lemma: u32,
}

/// The pattern-word ids of a sentence's tokens, each looked up when first asked for.
pub(crate) struct TokenWords<'a> {
    words: &'a PatternWords,
    ids: Vec<Cell<Option<WordIds>>>,
}

impl<'a> TokenWords<'a> {
    /// Ids for `len` tokens, none looked up yet.
    pub(crate) fn new(words: &'a PatternWords, len: usize) -> TokenWords<'a> {
        TokenWords {
            words,
            ids: vec![Cell::new(None); len],
        }
    }

    /// The ids of token `p`.
    #[inline]
    pub(crate) fn get(&self, doc: &str, tokens: &[Token], p: usize) -> WordIds {
        match self.ids[p].get() {
            Some(ids) => ids,
            None => self.look_up(doc, tokens, p),
        }
    }

    /// Looks up and keeps the ids of token `p`.
    #[inline(never)]
    fn look_up(&self, doc: &str, tokens: &[Token], p: usize) -> WordIds {
        let ids = self.words.of_token(doc, &tokens[p]);
        self.ids[p].set(Some(ids));
        ids
    }
}

/// A pattern's elements before and after its trigger, with words as ids.
pub(crate) struct PatternSteps {
    /// The elements before the trigger.
    pub(crate) before: Box<[Step]>,
    /// The elements after the trigger.
    pub(crate) after: Box<[Step]>,
}

/// A pattern element with its words as ids (see [`Element`]).
#[derive(Debug, Clone)]
pub(crate) enum Step {
    /// A word.
    Word(u32),
    /// Any one of several words.
    AnyOf(Box<[u32]>),
    /// Any member of a synonym set (index into the coder's sets).
    Set(u32),
    /// An optional step.
    Optional(Box<Step>),
    /// Up to this many tokens of anything.
    Gap(u8),
    /// The target actor slot.
    Target,
    /// The source actor slot.
    Source,
    /// A compound actor slot.
    Compound,
    /// One noun phrase passed over.
    Skip,
}

impl Step {
    /// Compiles an element: words interned into `words`, set names resolved by `set` (a name no set has
    /// resolves to a set without members).
    pub(crate) fn of(
        element: &Element,
        words: &mut PatternWords,
        set: &impl Fn(&str) -> u32,
    ) -> Step {
        match element {
            Element::Word(w) => Step::Word(words.intern(w)),
            Element::AnyOf(ws) => Step::AnyOf(ws.iter().map(|w| words.intern(w)).collect()),
            Element::Set(name) => Step::Set(set(name)),
            Element::Optional(inner) => Step::Optional(Box::new(Step::of(inner, words, set))),
            Element::Gap(max) => Step::Gap(*max),
            Element::Target => Step::Target,
            Element::Source => Step::Source,
            Element::Compound => Step::Compound,
            Element::Skip => Step::Skip,
        }
    }
}
