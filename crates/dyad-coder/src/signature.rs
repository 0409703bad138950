//! Word signatures: a 512-bit Bloom filter of the words of a sentence (written forms and lemmas). A pattern
//! whose required words are not all in a sentence's signature cannot match there, and is not tried; a token
//! whose bits hold none of a synonym set's first words starts no member of it.

use dyad_text::token::{Lemma, Token};
use std::ops::{BitOr, BitOrAssign};

/// A set of words, as bits: each word sets one of 512 bits ([`Signature::of_word`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Signature([u64; 8]);

impl Signature {
    /// Every bit: the signature that meets every requirement.
    pub(crate) const ALL: Signature = Signature([u64::MAX; 8]);

    /// The signature of one word (`stem` followed by `suffix`).
    pub(crate) fn of_word(stem: &[u8], suffix: &[u8]) -> Signature {
        let mut signature = Signature::default();
        signature.add(word_bit(stem, suffix));
        signature
    }

    /// Adds a token's bits.
    pub(crate) fn add_token(&mut self, bits: TokenBits) {
        self.add(bits.written);
        self.add(bits.lemma);
    }

    /// Whether a token's written form or lemma has a bit here.
    pub(crate) fn has_token(&self, bits: TokenBits) -> bool {
        self.has(bits.written) || self.has(bits.lemma)
    }

    /// Whether bit `bit` is set.
    pub(crate) fn has(&self, bit: u16) -> bool {
        self.0[usize::from(bit >> 6)] & 1 << (bit & 63) != 0
    }

    fn add(&mut self, bit: u16) {
        self.0[usize::from(bit >> 6)] |= 1 << (bit & 63);
    }

    /// Whether the two share a bit.
    pub(crate) fn intersects(&self, other: &Signature) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }
}

/// The signature bits of a token: of its written form and of its lemma (the same bit when they are one word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TokenBits {
    written: u16,
    lemma: u16,
}

impl TokenBits {
    /// The bits of a token.
    pub(crate) fn of(doc: &str, token: &Token) -> TokenBits {
        let surface = token.text(doc);
        let written = word_bit(surface.as_bytes(), b"");
        let lemma = match token.lemma {
            Lemma::Same => written,
            Lemma::Irregular(lemma) => word_bit(lemma.as_bytes(), b""),
            Lemma::Strip { cut, add } => {
                let keep = surface.len().saturating_sub(cut as usize);
                surface
                    .get(..keep)
                    .map_or(written, |stem| word_bit(stem.as_bytes(), add.as_bytes()))
            }
        };
        TokenBits { written, lemma }
    }
}

/// The bit of a word (`stem` followed by `suffix`): a hash of its length and of its first, middle and last
/// bytes, ASCII case folded. Two spellings that pattern matching takes as equal always get the same bit.
pub(crate) fn word_bit(stem: &[u8], suffix: &[u8]) -> u16 {
    let len = stem.len() + suffix.len();
    let at = |i: usize| {
        let b = match stem.get(i) {
            Some(&b) => b,
            None => suffix[i - stem.len()],
        };
        u64::from(b.to_ascii_lowercase())
    };
    let key = match len {
        0 => 0,
        _ => (len as u64) << 24 | at(0) << 16 | at(len / 2) << 8 | at(len - 1),
    };
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 55) as u16
}

impl BitOrAssign for Signature {
    fn bitor_assign(&mut self, other: Signature) {
        for (word, o) in self.0.iter_mut().zip(other.0) {
            *word |= o;
        }
    }
}

impl BitOr for Signature {
    type Output = Signature;

    fn bitor(mut self, other: Signature) -> Signature {
        self |= other;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_suffix_split_do_not_change_a_word_bit() {
        assert_eq!(
            Signature::of_word(b"Meeting", b""),
            Signature::of_word(b"meet", b"ing")
        );
        assert_eq!(
            Signature::of_word(b"MET", b""),
            Signature::of_word(b"met", b"")
        );
    }

    #[test]
    fn a_token_has_the_bits_of_its_written_form_and_of_its_lemma() {
        let text = "Lavrov met Meshaal.";
        let analysis = dyad_text::Analyzer::default().analyse(text);
        let met = analysis
            .tokens
            .iter()
            .find(|t| t.text(text) == "met")
            .expect("a token 'met'");
        let mut sentence = Signature::default();
        sentence.add_token(TokenBits::of(text, met));
        assert!(sentence.has(word_bit(b"MET", b"")));
        assert!(sentence.has(word_bit(b"meet", b"")));
        assert!(sentence.has_token(TokenBits::of(text, met)));
    }

    #[test]
    fn a_signature_has_its_words_and_not_others() {
        let sentence = Signature::of_word(b"invited", b"") | Signature::of_word(b"talks", b"");
        assert!(sentence.has(word_bit(b"talks", b"")));
        assert!(sentence.intersects(&Signature::of_word(b"invited", b"")));
        assert!(!Signature::default().intersects(&Signature::of_word(b"talks", b"")));
        assert!(!Signature::default().has(word_bit(b"talks", b"")));
        assert!(Signature::ALL.intersects(&sentence));
    }
}
