//! Compilation of a [`DictionarySet`] into a token-aligned automaton: every name, agent noun, discard and
//! issue phrase becomes a path of normalised-token ids in a trie (a deterministic automaton over token ids).
//! Matching a sentence costs one hash lookup per token (to get its id) and one per trie step after the first
//! (the root's edges are an array by token id), with no allocation; substring false hits such as "Iran" inside "Iranian" cannot happen.

use crate::model::*;
use dyad_text::token::{Token, tokenize};
use rustc_hash::FxHashMap;

/// What a dictionary phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    /// An actor name ([`DictionarySet::actors`]).
    Actor,
    /// An agent noun ([`DictionarySet::agents`]).
    Agent,
    /// A discard phrase ([`DictionarySet::discards`]).
    Discard,
    /// An issue phrase ([`DictionarySet::issues`]).
    Issue,
}

/// One dictionary entry reached by a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Which list the entry is in.
    pub kind: HitKind,
    /// Index of the entry in its list.
    pub entry: u32,
    /// How the phrase names the entry (for actors; `Name` otherwise).
    pub usage: NameUse,
    /// The phrase must be written in capitals in the text.
    pub case_sensitive: bool,
}

/// Id of a token the dictionaries never use.
pub const UNKNOWN: u32 = 0;

/// Compiled dictionaries: the entries plus the phrase automaton and the pattern index.
#[derive(Debug, Default)]
pub struct Compiled {
    /// The entries.
    pub set: DictionarySet,
    vocab: FxHashMap<Box<str>, u32>,
    /// The root's edges, by token id (0: none): every match starts with one, so they are kept dense.
    root: Vec<u32>,
    /// The other edges: (node, token id) → node.
    edges: FxHashMap<(u32, u32), u32>,
    nodes: u32,
    /// Node → range of `hits` ending there (empty for a node no phrase ends at).
    terminals: Vec<(u32, u32)>,
    hits: Vec<Hit>,
}

/// Lower-cases and folds a token for matching: diacritics removed, typographic apostrophes and dashes made
/// ASCII. Writes into `out` (cleared first).
pub fn normalise(token: &str, out: &mut String) {
    out.clear();
    if token.is_ascii() {
        out.push_str(token);
        out.make_ascii_lowercase();
        return;
    }
    for c in token.chars() {
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            c if c.is_ascii() => out.push(c),
            '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' | '´' => out.push('\''),
            '\u{2010}' | '\u{2011}' | '\u{2013}' => out.push('-'),
            c => {
                for lower in c.to_lowercase() {
                    out.push(fold(lower));
                }
            }
        }
    }
}

/// A token's normal form (see [`normalise`]): lower-case ASCII (most tokens) is its own, anything else is
/// normalised into `buf`.
fn normal_form<'a>(text: &'a str, buf: &'a mut String) -> &'a str {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        text
    } else {
        normalise(text, buf);
        buf.as_str()
    }
}

/// Folds a lower-case Latin letter with a diacritic to its base letter.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ġ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ł' | 'ľ' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' | 'ŕ' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

impl Compiled {
    /// Compiles the entries.
    pub fn build(set: DictionarySet) -> Compiled {
        let phrases = set.actors.iter().map(|a| a.names.len()).sum::<usize>()
            + set.agents.iter().map(|a| a.nouns.len()).sum::<usize>()
            + set.discards.len()
            + set.issues.iter().map(|i| i.phrases.len()).sum::<usize>();
        // Sized for the usual one or two words a phrase: the tables are not rehashed as they grow.
        let mut compiled = Compiled {
            nodes: 1,
            vocab: FxHashMap::with_capacity_and_hasher(phrases, Default::default()),
            edges: FxHashMap::with_capacity_and_hasher(2 * phrases, Default::default()),
            ..Default::default()
        };
        let mut pending: Vec<(u32, Hit)> = Vec::new();
        let (mut tokens, mut buf) = (Vec::new(), String::new());
        let mut add = |c: &mut Compiled, phrase: &Phrase, kind: HitKind, entry: usize| {
            if let Some(node) = c.insert(&phrase.text, &mut tokens, &mut buf) {
                let hit = Hit {
                    kind,
                    entry: entry as u32,
                    usage: if kind == HitKind::Actor {
                        phrase.usage
                    } else {
                        NameUse::Name
                    },
                    case_sensitive: phrase.case_sensitive,
                };
                pending.push((node, hit));
            }
        };
        for (i, actor) in set.actors.iter().enumerate() {
            for phrase in &actor.names {
                add(&mut compiled, phrase, HitKind::Actor, i);
            }
        }
        for (i, agent) in set.agents.iter().enumerate() {
            for phrase in &agent.nouns {
                add(&mut compiled, phrase, HitKind::Agent, i);
            }
        }
        for (i, discard) in set.discards.iter().enumerate() {
            add(&mut compiled, &discard.phrase, HitKind::Discard, i);
        }
        for (i, issue) in set.issues.iter().enumerate() {
            for phrase in &issue.phrases {
                add(&mut compiled, phrase, HitKind::Issue, i);
            }
        }
        // The hits grouped by node in the order they were added (a counting sort: node ids are dense),
        // repeats of a hit next to each other dropped.
        let nodes = compiled.nodes as usize;
        let mut starts = vec![0u32; nodes + 1];
        for &(node, _) in &pending {
            starts[node as usize + 1] += 1;
        }
        for node in 0..nodes {
            starts[node + 1] += starts[node];
        }
        let mut grouped: Vec<Option<Hit>> = vec![None; pending.len()];
        let mut next = starts.clone();
        for &(node, hit) in &pending {
            grouped[next[node as usize] as usize] = Some(hit);
            next[node as usize] += 1;
        }
        compiled.terminals = vec![(0, 0); nodes];
        compiled.hits.reserve(pending.len());
        for (node, terminal) in compiled.terminals.iter_mut().enumerate() {
            let from = compiled.hits.len() as u32;
            for hit in grouped[starts[node] as usize..starts[node + 1] as usize]
                .iter()
                .flatten()
            {
                if compiled.hits.len() as u32 == from || compiled.hits.last() != Some(hit) {
                    compiled.hits.push(*hit);
                }
            }
            *terminal = (from, compiled.hits.len() as u32);
        }
        compiled.set = set;
        compiled
    }

    /// Adds a phrase to the trie; returns its final node (`None` for an empty phrase). `tokens` and `buf`
    /// are scratch space.
    fn insert(&mut self, phrase: &str, tokens: &mut Vec<Token>, buf: &mut String) -> Option<u32> {
        let mut node = None;
        if splits_at_spaces(phrase) {
            // The words of a plain phrase, lower-cased, are their normal forms.
            buf.clear();
            buf.push_str(phrase);
            buf.make_ascii_lowercase();
            for word in buf.split(' ').filter(|w| !w.is_empty()) {
                node = Some(self.step(node.unwrap_or(0), word));
            }
            return node;
        }
        tokens.clear();
        tokenize(phrase, 0..phrase.len(), tokens);
        for token in tokens.iter() {
            let normal = normal_form(token.text(phrase), buf);
            node = Some(self.step(node.unwrap_or(0), normal));
        }
        node
    }

    /// The trie node reached from `from` by a word in normal form, added if new.
    fn step(&mut self, from: u32, normal: &str) -> u32 {
        let id = match self.vocab.get(normal) {
            Some(&id) => id,
            None => {
                let id = self.vocab.len() as u32 + 1;
                self.vocab.insert(normal.into(), id);
                id
            }
        };
        let nodes = &mut self.nodes;
        if from == 0 {
            let index = id as usize;
            if self.root.len() <= index {
                self.root.resize(index + 1, 0);
            }
            if self.root[index] == 0 {
                self.root[index] = *nodes;
                *nodes += 1;
            }
            return self.root[index];
        }
        *self.edges.entry((from, id)).or_insert_with(|| {
            *nodes += 1;
            *nodes - 1
        })
    }

    /// The id of one token's text ([`UNKNOWN`] if no dictionary phrase uses it). A compound that says
    /// whose a thing is ("Saudi-led", "Somalia-based", "state-run") takes the id of its first part.
    pub fn token_id(&self, text: &str, buf: &mut String) -> u32 {
        if let Some(id) = self.vocab_id(text, buf) {
            return id;
        }
        // A byte search (most tokens are short and have no dash; '-' is ASCII, so the split falls
        // between characters).
        let dash = text.bytes().rposition(|b| b == b'-');
        match dash.map(|at| (&text[..at], &text[at + 1..])) {
            Some((owner, suffix))
                if !owner.is_empty()
                    && AFFILIATION_SUFFIXES
                        .iter()
                        .any(|s| suffix.eq_ignore_ascii_case(s)) =>
            {
                self.vocab_id(owner, buf).unwrap_or(UNKNOWN)
            }
            _ => UNKNOWN,
        }
    }

    /// The vocabulary id of a text's normal form.
    fn vocab_id(&self, text: &str, buf: &mut String) -> Option<u32> {
        self.vocab.get(normal_form(text, buf)).copied()
    }

    /// Ids of a sentence's tokens, appended to `out`.
    pub fn token_ids(&self, doc: &str, tokens: &[Token], out: &mut Vec<u32>) {
        let mut buf = String::with_capacity(32);
        out.extend(tokens.iter().map(|t| self.token_id(t.text(doc), &mut buf)));
    }

    /// Every phrase starting at `start`, shortest first: (number of tokens, hits).
    pub fn matches_at<'a>(
        &'a self,
        ids: &'a [u32],
        start: usize,
    ) -> impl Iterator<Item = (usize, &'a [Hit])> + 'a {
        let mut node = 0u32;
        let mut pos = start;
        std::iter::from_fn(move || {
            while pos < ids.len() {
                let id = ids[pos];
                if id == UNKNOWN {
                    return None;
                }
                node = if node == 0 {
                    self.root
                        .get(id as usize)
                        .copied()
                        .filter(|&next| next != 0)?
                } else {
                    *self.edges.get(&(node, id))?
                };
                pos += 1;
                let (from, to) = self.terminals[node as usize];
                if from < to {
                    return Some((pos - start, &self.hits[from as usize..to as usize]));
                }
            }
            None
        })
    }

    /// Sizes: (distinct tokens, trie nodes, phrase endings).
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.vocab.len(), self.nodes as usize, self.hits.len())
    }
}

/// Whether the tokenizer would split `phrase` exactly at its spaces: ASCII letters, digits and spaces only
/// leave it nothing to join, split off or absorb (no hyphens, periods, apostrophes or other punctuation).
fn splits_at_spaces(phrase: &str) -> bool {
    phrase
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b' ')
}

/// Second parts of compounds whose first part owns what they modify ("Saudi-led coalition").
const AFFILIATION_SUFFIXES: &[&str] = &[
    "led",
    "based",
    "run",
    "owned",
    "controlled",
    "dominated",
    "headquartered",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_and_nested_matches() {
        let set = crate::format::read(
            "country: Iran\n  code: IRN\n  adjectives: Iranian\n\
             actor: Islamic Revolutionary Guard Corps\n  names: Revolutionary Guards\n  country: IRN\n  sector: MIL\n\
             agent: guard => MIL\n\
             country: Côte d'Ivoire\n  code: CIV\n",
            "t",
        );
        let compiled = Compiled::build(set);
        let text = "iranian Revolutionary Guards in Cote d’Ivoire";
        let mut tokens = Vec::new();
        tokenize(text, 0..text.len(), &mut tokens);
        let mut ids = Vec::new();
        compiled.token_ids(text, &tokens, &mut ids);
        let at = |i| {
            compiled
                .matches_at(&ids, i)
                .map(|(n, h)| (n, h.len()))
                .collect::<Vec<_>>()
        };
        assert_eq!(at(0), [(1, 1)]);
        assert_eq!(
            at(1),
            [(2, 1)],
            "Revolutionary Guards, not the agent 'guards' alone"
        );
        assert_eq!(at(2), [(1, 1)], "the plural agent 'guards'");
        assert_eq!(at(4), [(2, 1)], "diacritics and apostrophes folded");
        assert!(at(3).is_empty());
    }

    /// The shortcut for plain phrases gives the tokenizer's words for every built-in phrase it takes.
    #[test]
    fn plain_phrases_split_as_the_tokenizer_splits_them() {
        let set = crate::load::builtin();
        let phrases = set
            .actors
            .iter()
            .flat_map(|a| &a.names)
            .chain(set.agents.iter().flat_map(|a| &a.nouns))
            .chain(set.discards.iter().map(|d| &d.phrase))
            .chain(set.issues.iter().flat_map(|i| &i.phrases))
            .map(|p| p.text.as_str())
            .filter(|text| splits_at_spaces(text));
        let mut tokens = Vec::new();
        let mut checked = 0;
        for text in phrases {
            tokens.clear();
            tokenize(text, 0..text.len(), &mut tokens);
            let tokenized: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
            let split: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
            assert_eq!(split, tokenized, "{text:?}");
            checked += 1;
        }
        assert!(checked > 10_000, "only {checked} plain phrases");
    }

    #[test]
    fn an_affiliation_compound_reads_as_its_owner() {
        let compiled = Compiled::build(crate::format::read(
            "country: Iran\n  code: IRN\n  adjectives: Iranian\n",
            "t",
        ));
        let mut buf = String::new();
        let iranian = compiled.token_id("Iranian", &mut buf);
        assert_ne!(iranian, UNKNOWN);
        assert_eq!(compiled.token_id("Iranian-led", &mut buf), iranian);
        assert_eq!(compiled.token_id("Iranian-BASED", &mut buf), iranian);
        // Backing is not belonging; unknown owners stay unknown.
        assert_eq!(compiled.token_id("Iranian-backed", &mut buf), UNKNOWN);
        assert_eq!(compiled.token_id("well-led", &mut buf), UNKNOWN);
    }
}
