//! A map from lower-case words to small values, specialised for the short ASCII words that make up most
//! text: those are packed into a `u128` (bytes and length), lower-cased a word at a time and found by open
//! addressing without hashing or comparing strings byte by byte; other words go to an ordinary hash map.

use crate::token::ascii_lower;
use rustc_hash::FxHashMap;

/// Longest word kept packed (the 16th byte holds the length).
const PACKED_MAX: usize = 15;

/// Longest ASCII word looked up case-insensitively (longer ones are not words).
const LOOKUP_MAX: usize = 48;

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = ONES * 0x80;

/// Lower-cases eight ASCII bytes at once.
fn lower_ascii_bytes(bytes: u64) -> u64 {
    let at_least_a = bytes + ONES * u64::from(0x80 - b'A');
    let above_z = bytes + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = at_least_a & !above_z & HIGH_BITS;
    bytes | upper >> 2
}

/// The packed, lower-cased form of a non-empty ASCII word of at most [`PACKED_MAX`] bytes: its bytes in
/// order from the lowest, zeros, and its length in the highest byte. The bytes are read with a few
/// overlapping loads rather than copied.
#[inline]
fn pack_lower(word: &[u8]) -> Option<u128> {
    let n = word.len();
    let (low, high) = match n {
        8..=PACKED_MAX => {
            let (first, last) = (word.first_chunk::<8>()?, word.last_chunk::<8>()?);
            // The last eight bytes less those already in `low`.
            let rest = u64::from_le_bytes(*last) >> 8 >> (8 * (PACKED_MAX - n));
            (u64::from_le_bytes(*first), rest)
        }
        4..=7 => {
            let (first, last) = (word.first_chunk::<4>()?, word.last_chunk::<4>()?);
            let first = u64::from(u32::from_le_bytes(*first));
            (
                first | u64::from(u32::from_le_bytes(*last)) << (8 * (n - 4)),
                0,
            )
        }
        // One to three bytes: the first, middle and last cover them.
        1..=3 => {
            let byte = |at: usize| u64::from(word[at]) << (8 * at);
            (byte(0) | byte(n / 2) | byte(n - 1), 0)
        }
        _ => return None,
    };
    if (low | high) & HIGH_BITS != 0 {
        return None;
    }
    let high = high | (n as u64) << 56;
    Some(u128::from(lower_ascii_bytes(high)) << 64 | u128::from(lower_ascii_bytes(low)))
}

/// Slot of a packed key in a table of `2^bits` slots.
fn slot_of(key: u128, bits: u32) -> usize {
    let mixed = ((key >> 64) as u64 ^ key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> (64 - bits)) as usize
}

/// Words (stored as given, looked up case-insensitively) to values.
#[derive(Debug)]
pub(crate) struct WordMap<V> {
    /// Open-addressed slots of packed keys (0: empty) and their values, at most half full.
    slots: Vec<(u128, V)>,
    bits: u32,
    len: usize,
    /// Words that do not pack: longer or non-ASCII ones.
    others: FxHashMap<Box<str>, V>,
}

impl<V: Copy + Default> WordMap<V> {
    /// An empty map with room for `capacity` packed words before it grows.
    pub(crate) fn with_capacity(capacity: usize) -> WordMap<V> {
        let bits = (capacity * 2).max(16).next_power_of_two().trailing_zeros();
        WordMap {
            slots: vec![(0, V::default()); 1 << bits],
            bits,
            len: 0,
            others: FxHashMap::default(),
        }
    }

    /// Number of words.
    pub(crate) fn len(&self) -> usize {
        self.len + self.others.len()
    }

    /// The value of a word spelt exactly so, inserting the default value if it is absent.
    pub(crate) fn entry(&mut self, word: &str) -> &mut V {
        let packed =
            pack_lower(word.as_bytes()).filter(|_| !word.bytes().any(|b| b.is_ascii_uppercase()));
        let Some(key) = packed else {
            return self.others.entry(word.into()).or_default();
        };
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let index = self.find(key);
        if self.slots[index].0 == 0 {
            self.slots[index].0 = key;
            self.len += 1;
        }
        &mut self.slots[index].1
    }

    /// Index of the slot holding `key`, or of the empty slot where it belongs.
    fn find(&self, key: u128) -> usize {
        let mask = self.slots.len() - 1;
        let mut index = slot_of(key, self.bits);
        while self.slots[index].0 != key && self.slots[index].0 != 0 {
            index = (index + 1) & mask;
        }
        index
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.bits += 1;
        self.slots = vec![(0, V::default()); 1 << self.bits];
        for (key, value) in old.into_iter().filter(|(key, _)| *key != 0) {
            let index = self.find(key);
            self.slots[index] = (key, value);
        }
    }

    /// The value of a word, ignoring case: ASCII words of up to [`LOOKUP_MAX`] bytes are lower-cased
    /// byte by byte, other words by Unicode rules; longer ASCII words are never found.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<V> {
        match pack_lower(word.as_bytes()) {
            Some(key) => {
                let slot = &self.slots[self.find(key)];
                (slot.0 != 0).then_some(slot.1)
            }
            None => self.get_unpacked(word),
        }
    }

    /// [`WordMap::get`] for the words that do not pack.
    #[inline(never)]
    fn get_unpacked(&self, word: &str) -> Option<V> {
        if word.is_ascii() {
            if word.is_empty() || word.len() > LOOKUP_MAX {
                return None;
            }
            let mut buf = [0u8; LOOKUP_MAX];
            let lower = ascii_lower(word, &mut buf);
            return self.others.get(lower).copied();
        }
        let lower = word.to_lowercase();
        match pack_lower(lower.as_bytes()) {
            Some(_) => self.get(&lower),
            None => self.others.get(lower.as_str()).copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_whatever_their_case_and_length() {
        let mut map = WordMap::with_capacity(1);
        for (value, word) in ["talks", "a", "internationalisation", "café", "k"]
            .into_iter()
            .enumerate()
        {
            *map.entry(word) = value + 1;
        }
        assert_eq!(map.len(), 5);
        assert_eq!(map.get("TALKS"), Some(1));
        assert_eq!(map.get("A"), Some(2));
        assert_eq!(map.get("Internationalisation"), Some(3));
        assert_eq!(map.get("CAFÉ"), Some(4));
        // The Kelvin sign lower-cases to an ASCII "k".
        assert_eq!(map.get("\u{212A}"), Some(5));
        assert_eq!(map.get("talk"), None);
        assert_eq!(map.get(""), None);
        assert_eq!(map.get(&"x".repeat(60)), None);
    }

    #[test]
    fn packing_holds_the_lower_cased_bytes_and_the_length() {
        let word = b"AbCdEfGhIjKlMnOpQ";
        for n in 0..=word.len() {
            let expected = (1..=PACKED_MAX).contains(&n).then(|| {
                let mut bytes = [0u8; 16];
                bytes[..n].copy_from_slice(&word[..n].to_ascii_lowercase());
                bytes[PACKED_MAX] = n as u8;
                u128::from_le_bytes(bytes)
            });
            assert_eq!(pack_lower(&word[..n]), expected, "{n} bytes");
        }
        assert_eq!(pack_lower("caf\u{e9}".as_bytes()), None);
    }
}
