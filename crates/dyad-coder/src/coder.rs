//! The coder: for each body sentence, finds actor mentions, resolves them across the document, reads the
//! clauses around verb and noun triggers (subject, object, passive "by" agent, possessor, "between X and
//! Y"), matches the event patterns and builds CAMEO and PLOVER event records. No fallback codes: a sentence
//! with no matched pattern yields no event.

use crate::entities::Entities;
use crate::event::*;
use crate::mentions::{Mention, MentionKind, find_mentions, span_text};
use crate::modality::Modality;
use crate::signature::{Signature, TokenBits, word_bit};
use crate::words::{PatternSteps, PatternWords, Step, TokenWords};
use dyad_dict::Compiled;
use dyad_dict::compile::HitKind;
use dyad_dict::model::{DiscardScope, Element, Pattern, PatternFlags, TriggerKind};
use dyad_dict::phrase::{Segment, segments};
use dyad_dict::text::Text;
use dyad_ontology::{
    GoldsteinTable, PloverContext, PloverMapping, PloverMode, PloverType, QuadVariant, cameo_event,
};
use dyad_text::Document;
use dyad_text::analysis::Analysis;
use dyad_text::tag::{CaseStyle, Upos};
use dyad_text::token::Token;
use rustc_hash::FxHashMap;
use std::cell::Cell;

/// Verbs after which a noun trigger's source is the verb's subject ("held talks", "extended an invitation").
const LIGHT_VERBS: &[&str] = &[
    "hold",
    "have",
    "conduct",
    "launch",
    "carry",
    "stage",
    "extend",
    "issue",
    "make",
    "begin",
    "start",
    "resume",
    "open",
    "continue",
    "pay",
    "sign",
    "reach",
    "give",
    "deliver",
    "send",
    "offer",
    "mount",
    "wage",
    "unleash",
    "impose",
    "announce",
    "order",
    "step",
    "join",
    "lead",
    "host",
    "attend",
    "organise",
    "organize",
    "reinforce",
    "renew",
    "strengthen",
    "undertake",
];

/// Prepositions whose object can be an event's target; others (in, near, during, …) are places or times.
const TARGET_PREPOSITIONS: &[&str] = &[
    "with", "to", "against", "on", "at", "toward", "towards", "into", "over", "from", "upon",
    "onto", "for",
];

/// Verbs that attribute what a sentence reports to a source ("a Hamas official said", "AP reported").
const ATTRIBUTION_VERBS: &[&str] = &[
    "say",
    "tell",
    "report",
    "add",
    "state",
    "announce",
    "confirm",
    "claim",
    "note",
    "write",
    "insist",
    "ask",
    "explain",
    "allege",
    "assert",
    "quote",
    "cite",
    "disclose",
    "reveal",
    "acknowledge",
];

/// Subordinating conjunctions that may also be read as prepositions: the mention after one is the
/// subject of the clause it opens ("after Calenardhon crowds burned down its embassy").
const SUBORDINATORS: &[&str] = &[
    "after", "before", "since", "until", "till", "because", "while", "when", "whereas", "although",
    "though", "if", "unless", "once",
];

/// Tokens that may stand between pattern elements (modifiers, determiners, commas).
fn skippable(tag: Upos, text: &str) -> bool {
    match tag {
        Upos::DET | Upos::ADJ | Upos::ADV | Upos::NUM => true,
        Upos::PUNCT => text == ",",
        Upos::PART => matches!(text, "'s" | "’s"),
        // News puts the day between verb and object: "lifted Friday a day-old blockade".
        Upos::PROPN | Upos::NOUN => {
            is_weekday(tag, text)
                || ["today", "yesterday", "tonight"]
                    .iter()
                    .any(|d| text.eq_ignore_ascii_case(d))
        }
        _ => false,
    }
}

/// Whether a token is a day name ("Friday", "Fri").
fn is_weekday(tag: Upos, text: &str) -> bool {
    matches!(tag, Upos::PROPN | Upos::NOUN) && dyad_text::date::weekday_number(text).is_some()
}

/// A synonym set: its members as lists of word ids, and the signature bits of their first words.
#[derive(Default)]
struct WordSet {
    members: Vec<Box<[u32]>>,
    /// Bits of the members' first words (all bits when a member is empty): a token without any of them
    /// starts no member.
    first_words: Signature,
}

/// The coder: compiled dictionaries plus indexes built once.
pub struct Coder {
    compiled: Compiled,
    /// The pattern and synonym-set words.
    words: PatternWords,
    /// Synonym sets, as [`Step::Set`] refers to them.
    sets: Vec<WordSet>,
    /// Per pattern, its elements before and after the trigger, with words as ids.
    steps: Vec<PatternSteps>,
    surnames: FxHashMap<String, u32>,
    /// The patterns of each verb trigger, with what a sentence needs for them to match.
    verb_screens: FxHashMap<Text, Box<[Screen]>>,
    /// The patterns of each noun trigger, likewise.
    noun_screens: FxHashMap<Text, Box<[Screen]>>,
    keep_all: bool,
}

/// A pattern as a trigger word's candidates list it: its index, its flags and what a sentence needs for it
/// to match. A trigger's candidates are stored together, so that they are screened in one pass over memory
/// rather than with a cache miss each.
#[derive(Clone)]
struct Screen {
    pattern: u32,
    flags: PatternFlags,
    requirement: Requirement,
}

/// Per-thread scratch space.
#[derive(Default)]
pub struct Scratch {
    ids: Vec<u32>,
    segments: Vec<Segment>,
    mentions: Vec<Mention>,
    lemma: String,
    subjects: Vec<Option<usize>>,
    times: Vec<crate::time::TimeExpr>,
}

/// Why a trigger did or did not produce an event (for `--explain`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct TriggerTrace {
    /// The trigger word.
    pub trigger: String,
    /// What happened.
    pub outcome: String,
}

/// What the coder saw in one sentence (for `--explain`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct SentenceTrace {
    /// Index of the unit.
    pub sentence: u32,
    /// The sentence.
    pub text: String,
    /// Mentions found: text → code (entity).
    pub mentions: Vec<String>,
    /// Triggers considered.
    pub triggers: Vec<TriggerTrace>,
}

/// The result of coding a document.
#[derive(Debug, Default)]
pub struct Coded {
    /// Events, in sentence order.
    pub events: Vec<Event>,
    /// Per-sentence traces, when asked for.
    pub traces: Vec<SentenceTrace>,
    /// Body sentences seen.
    pub sentences: u32,
    /// The story was discarded by a story-level discard phrase.
    pub discarded: bool,
}

/// A pattern match: where it ends, what it bound, how specific it is.
#[derive(Debug, Clone, Copy, Default)]
struct Binding {
    target: Option<usize>,
    source: Option<usize>,
    /// The source was bound by a compound slot (`%`): members act on each other.
    compound: bool,
    matched: u32,
    end: usize,
}

struct Sentence<'a> {
    doc: &'a str,
    tokens: &'a [Token],
    mentions: &'a [Mention],
    /// Time expressions of the sentence.
    times: &'a [crate::time::TimeExpr],
    /// The source the sentence attributes its report to: (verb token, mention).
    speaker: Option<(usize, usize)>,
    /// Mention starting at each token.
    starts: Vec<Option<usize>>,
    /// Mention ending at each token (index of the last token).
    ends: Vec<Option<usize>>,
    /// Word signature of the tokens' written forms and lemmas: a pattern whose required words are not
    /// all in it cannot match, and is not tried.
    words: Signature,
    /// Signature bits of each token.
    token_bits: Vec<TokenBits>,
    /// Whether each token may stand between pattern elements ([`skippable`]), once asked.
    skippable: Vec<Cell<Option<bool>>>,
    /// Where an element after each position may start ([`Sentence::starts_after`]), once asked: in an
    /// active clause, and in a passive one.
    element_starts: Vec<[Cell<Option<Starts>>; 2]>,
    /// Pattern-word ids of the tokens.
    word_ids: TokenWords<'a>,
}

impl Coder {
    /// Builds a coder over compiled dictionaries.
    pub fn new(compiled: Compiled) -> Coder {
        let mut words = PatternWords::default();
        let mut set_index: FxHashMap<&str, u32> = FxHashMap::default();
        let mut sets: Vec<WordSet> = Vec::new();
        for (name, members) in &compiled.set.sets {
            let next = sets.len() as u32;
            let index = *set_index.entry(name.as_str()).or_insert(next);
            if index == next {
                sets.push(WordSet::default());
            }
            let set = &mut sets[index as usize];
            for member in members {
                let member: Vec<String> =
                    member.split_whitespace().map(str::to_lowercase).collect();
                set.first_words |= member
                    .first()
                    .map_or(Signature::ALL, |w| Signature::of_word(w.as_bytes(), b""));
                set.members
                    .push(member.iter().map(|w| words.intern(w)).collect());
            }
        }
        // A name no set has stands for a set without members: it matches nothing.
        let no_set = sets.len() as u32;
        sets.push(WordSet::default());
        // Surnames of dictionary people that are unique: "Lavrov", "Meshaal".
        let mut counts: FxHashMap<String, Option<u32>> = FxHashMap::default();
        for (i, actor) in compiled.set.actors.iter().enumerate() {
            if actor.kind != dyad_dict::model::ActorKind::Person {
                continue;
            }
            let mut own = std::collections::BTreeSet::new();
            for name in &actor.names {
                if let Some(last) = name
                    .text
                    .rsplit(' ')
                    .next()
                    .filter(|_| name.text.contains(' '))
                {
                    own.insert(last.to_lowercase());
                }
            }
            // A surname that is also a common word ("Bush", "Rice", "May") is resolved only through an
            // earlier full mention in the document, never from the dictionary alone.
            own.retain(|surname| {
                matches!(
                    dyad_text::tag::model().lookup(surname),
                    None | Some(dyad_text::Upos::PROPN)
                )
            });
            for surname in own {
                counts
                    .entry(surname)
                    .and_modify(|v| *v = None)
                    .or_insert(Some(i as u32));
            }
        }
        let surnames = counts
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect();
        let first_words = |name: &str| set_index.get(name).map(|&i| sets[i as usize].first_words);
        // Candidates in dictionary order under each trigger word.
        let mut verb_screens: FxHashMap<Text, Vec<Screen>> = FxHashMap::default();
        let mut noun_screens: FxHashMap<Text, Vec<Screen>> = FxHashMap::default();
        for (i, pattern) in compiled.set.patterns.iter().enumerate() {
            let screen = Screen {
                pattern: i as u32,
                flags: pattern.flags,
                requirement: Requirement::of(
                    pattern.before.iter().chain(&pattern.after),
                    &first_words,
                ),
            };
            let index = match pattern.kind {
                TriggerKind::Verb => &mut verb_screens,
                TriggerKind::Noun => &mut noun_screens,
            };
            for trigger in &pattern.trigger {
                // A copy of the dictionary's text, which from the built-in image copies no bytes.
                index
                    .entry(trigger.clone())
                    .or_default()
                    .push(screen.clone());
            }
        }
        let boxed = |index: FxHashMap<Text, Vec<Screen>>| {
            index
                .into_iter()
                .map(|(trigger, screens)| (trigger, screens.into_boxed_slice()))
                .collect()
        };
        let set = |name: &str| set_index.get(name).copied().unwrap_or(no_set);
        let mut compile = |elements: &[Element]| -> Box<[Step]> {
            elements
                .iter()
                .map(|e| Step::of(e, &mut words, &set))
                .collect()
        };
        let steps = compiled
            .set
            .patterns
            .iter()
            .map(|p| PatternSteps {
                before: compile(&p.before),
                after: compile(&p.after),
            })
            .collect();
        Coder {
            compiled,
            words,
            sets,
            steps,
            surnames,
            verb_screens: boxed(verb_screens),
            noun_screens: boxed(noun_screens),
            keep_all: false,
        }
    }

    /// Keeps negated and conditional events too (by default they are left out of the results).
    pub fn keep_all(mut self, keep: bool) -> Coder {
        self.keep_all = keep;
        self
    }

    /// The patterns a trigger word of this kind may start, in dictionary order.
    fn screens(&self, kind: TriggerKind, word: &str) -> &[Screen] {
        let index = match kind {
            TriggerKind::Verb => &self.verb_screens,
            TriggerKind::Noun => &self.noun_screens,
        };
        index.get(word).map_or(&[], |screens| screens)
    }

    /// The compiled dictionaries.
    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// Codes one analysed document.
    pub fn code(
        &self,
        doc: &Document,
        analysis: &Analysis,
        scratch: &mut Scratch,
        explain: bool,
    ) -> Coded {
        let mut coded = Coded::default();
        let mut entities = Entities::default();
        let mut places = crate::place::DocumentPlaces::new(analysis);
        let case = analysis.case.unwrap_or(CaseStyle::Mixed);
        let text = doc.text.as_str();
        // Relative times ("on Friday") count from the dateline's date when the story gives one, else from
        // the publication date.
        let reference_date = doc
            .date
            .map(|published| dateline_date(text, analysis, published).unwrap_or(published));
        for (index, unit) in analysis.units.iter().enumerate() {
            // Body sentences, and photo captions, which describe an event of their own with their own date
            // ("… speaks during an interview in Doha October 16, 2014").
            if !(unit.kind.is_body() || unit.kind == dyad_text::UnitKind::Caption) {
                continue;
            }
            coded.sentences += 1;
            let tokens = analysis.unit_tokens(unit);
            scratch.ids.clear();
            self.compiled.token_ids(text, tokens, &mut scratch.ids);
            match self.discard(&scratch.ids) {
                Some(DiscardScope::Story) => {
                    coded.discarded = true;
                    coded.events.clear();
                    return coded;
                }
                Some(DiscardScope::Sentence) => continue,
                None => {}
            }
            scratch.segments.clear();
            segments(
                &self.compiled,
                text,
                tokens,
                &scratch.ids,
                case,
                &mut scratch.segments,
            );
            scratch.mentions.clear();
            find_mentions(
                &self.compiled,
                text,
                tokens,
                &scratch.segments,
                case,
                doc.date,
                &mut scratch.mentions,
            );
            places.name_places(text, tokens, &mut scratch.mentions);
            let mut pairs = Vec::new();
            let next_group = scratch.mentions.iter().map(|m| m.group).max().unwrap_or(0) + 1;
            for (k, mention) in scratch.mentions.iter_mut().enumerate() {
                let pair = mention.kind == MentionKind::Description && is_pair(&mention.name);
                match pair.then(|| entities.last_two()).flatten() {
                    Some((a, b)) => {
                        entities.fill(a, mention);
                        mention.group = next_group + k as u32;
                        let mut other = mention.clone();
                        entities.fill(b, &mut other);
                        pairs.push(other);
                    }
                    None => entities.resolve(&self.compiled, &self.surnames, doc.date, mention),
                }
            }
            scratch.mentions.extend(pairs);
            places.observe(text, tokens, &scratch.mentions);
            // Time expressions matter only to the sentence's events: found once there are some.
            let mut times = std::mem::take(&mut scratch.times);
            times.clear();
            let mut sentence = Sentence::new(text, tokens, &scratch.mentions, &self.words);
            let mut trace = explain.then(|| SentenceTrace {
                sentence: index as u32,
                text: unit.text(text).to_string(),
                mentions: scratch
                    .mentions
                    .iter()
                    .map(|m| {
                        format!(
                            "{:?} → {} [{}] ({:?}, entity {})",
                            span_text(text, tokens, m.start, m.end),
                            m.code.as_deref().unwrap_or("no code"),
                            m.name,
                            m.kind,
                            m.entity
                        )
                    })
                    .collect(),
                triggers: Vec::new(),
            });
            let mut events = self.code_sentence(
                &sentence,
                &mut scratch.lemma,
                &mut scratch.subjects,
                trace.as_mut(),
            );
            sentence.speaker = self.speaker(&sentence, &scratch.subjects, &mut scratch.lemma);
            // A pattern coded `---` matched to say that the words around it are no event.
            events.retain(|e| e.0 != "---");
            // A statement ("X said") is an event only when nothing else in the sentence is.
            if events.iter().any(|e| !e.0.starts_with("01")) {
                events.retain(|e| !e.0.starts_with("01"));
            }
            // "Russia said Sudan must return the helicopter", with nothing coded for the return: the
            // statement is a demand of the obliged actor (CAMEO 100).
            for event in events.iter_mut().filter(|e| {
                e.0.starts_with("01") && self.compiled.set.patterns[e.1 as usize].modal_conventions
            }) {
                if let Some(obliged) = obliged_actor(&sentence, event.2)
                    .filter(|&m| event.3.is_none_or(|x| !same_entity(&sentence, x, m)))
                {
                    event.0 = "100".to_string();
                    event.4 = Some(obliged);
                    event.5 = "reported demand";
                }
            }
            // "extended an invitation to X" is one event, whether read from the verb or the noun.
            let entity = |m: Option<usize>| m.map(|m| scratch.mentions[m].entity);
            let mut seen = Vec::new();
            events.retain(|e| {
                let key = (e.0.clone(), entity(e.3), entity(e.4));
                let fresh = !seen.contains(&key);
                seen.push(key);
                fresh
            });
            if let Some(reference) = reference_date
                .filter(|_| !events.is_empty() && crate::time::may_contain_time(text, tokens))
            {
                crate::time::find_times(text, tokens, reference, &mut times);
                sentence.times = &times;
            }
            for (n, found) in events.into_iter().enumerate() {
                if let Some(mut event) = self.build_event(doc, analysis, index, n, &sentence, found)
                    && (self.keep_all || event.modality.is_default())
                {
                    event.place = places.locate(text, analysis, tokens, &scratch.mentions, &event);
                    settle_by_place(&mut event, &scratch.mentions, tokens);
                    coded.events.push(event);
                }
            }
            if let Some(trace) = trace {
                coded.traces.push(trace);
            }
            scratch.times = times;
        }
        coded
    }

    /// The source a sentence attributes its report to: the subject of a verb of saying ("a Hamas official
    /// said"), the mention after an inverted one ("said the official"), or the object of "according to".
    /// Returns the verb's (or "according"'s) token and the mention.
    fn speaker(
        &self,
        s: &Sentence,
        subjects: &[Option<usize>],
        lemma: &mut String,
    ) -> Option<(usize, usize)> {
        for (i, token) in s.tokens.iter().enumerate() {
            if token.text(s.doc).eq_ignore_ascii_case("according")
                && s.tokens
                    .get(i + 1)
                    .is_some_and(|t| t.text(s.doc).eq_ignore_ascii_case("to"))
                && let Some(m) = s.starts.get(i + 2).copied().flatten()
            {
                return Some((i, m));
            }
            if token.tag != Upos::VERB {
                continue;
            }
            token.write_lemma(s.doc, lemma);
            if !ATTRIBUTION_VERBS.contains(&lemma.as_str()) {
                continue;
            }
            let inverted = || (i + 1..(i + 3).min(s.tokens.len())).find_map(|p| s.starts[p]);
            // ", said Sergei Lavrov": after a comma the speaker follows the verb.
            let after_comma = i > 0 && s.tokens[i - 1].text(s.doc) == ",";
            // "a statement from a Hamas official in Gaza said": the source of the statement speaks.
            let source_of_statement = || {
                (i.saturating_sub(8)..i).find_map(|p| {
                    let m = s.starts.get(p).copied().flatten()?;
                    let by = s.tokens.get(p.checked_sub(1)?)?;
                    let noun = s.tokens.get(p.checked_sub(2)?)?;
                    let mut buf = [0u8; 16];
                    let noun = dyad_text::token::ascii_lower(noun.text(s.doc), &mut buf);
                    (matches!(by.text(s.doc), "from" | "by")
                        && STATEMENT_NOUNS.contains(&noun)
                        && s.tokens[p..i]
                            .iter()
                            .all(|t| t.tag != Upos::VERB && t.text(s.doc) != ","))
                    .then_some(m)
                })
            };
            let speaker = if after_comma {
                inverted().or_else(|| subjects.get(i).copied().flatten())
            } else {
                source_of_statement()
                    .or_else(|| subjects.get(i).copied().flatten())
                    .or_else(inverted)
            };
            if let Some(m) = speaker {
                return Some((i, m));
            }
        }
        None
    }

    fn discard(&self, ids: &[u32]) -> Option<DiscardScope> {
        let mut scope = None;
        for start in 0..ids.len() {
            for (_, hits) in self.compiled.matches_at(ids, start) {
                for hit in hits.iter().filter(|h| h.kind == HitKind::Discard) {
                    match self.compiled.set.discards[hit.entry as usize].scope {
                        DiscardScope::Story => return Some(DiscardScope::Story),
                        DiscardScope::Sentence => scope = Some(DiscardScope::Sentence),
                    }
                }
            }
        }
        scope
    }

    /// Finds the events of a sentence: (code, pattern, trigger token, actors, recipients, construction, score).
    fn code_sentence(
        &self,
        s: &Sentence,
        lemma: &mut String,
        subjects: &mut Vec<Option<usize>>,
        mut trace: Option<&mut SentenceTrace>,
    ) -> Vec<Found> {
        let mut found: Vec<Found> = Vec::new();
        // Verbs left uncoded because they say what a demand asks for; their complements too.
        let mut demanded: Vec<usize> = Vec::new();
        // Verb patterns that matched without a source: (trigger, end of the match).
        let mut unsourced: Vec<(usize, usize)> = Vec::new();
        subjects.clear();
        subjects.resize(s.tokens.len(), None);
        for i in 0..s.tokens.len() {
            let token = &s.tokens[i];
            let kind = match token.tag {
                Upos::VERB => TriggerKind::Verb,
                // Noun patterns may start with a modifier ("military exercise", "joint patrol").
                Upos::NOUN | Upos::ADJ => TriggerKind::Noun,
                _ => continue,
            };
            token.write_lemma(s.doc, lemma);
            let by_lemma = self.screens(kind, lemma);
            // Triggers may be written in an inflected form: noun patterns with a plural ("clashes"),
            // PETRARCH-1 verb blocks with a past form ("SAID", "MET", "RISEN"). Try the surface form too;
            // a verb block written in the very form of the text is more specific than its lemma's.
            let surface = token.text(s.doc);
            let by_surface = if !surface.eq_ignore_ascii_case(lemma) {
                lemma.clear();
                dyad_text::token::push_lowercase(surface, lemma);
                self.screens(kind, lemma)
            } else {
                &[]
            };
            let candidates = match kind {
                TriggerKind::Verb => (by_surface, by_lemma),
                TriggerKind::Noun => (by_lemma, by_surface),
            };
            if kind == TriggerKind::Verb {
                subjects[i] = self.subject(s, i, subjects);
            }
            if candidates.0.is_empty() && candidates.1.is_empty() {
                continue;
            }
            let skipped = if kind == TriggerKind::Verb
                && let Some(k) = governing_verb(s, i)
                && (found.iter().any(|f| f.2 == k)
                    || demanded.contains(&k)
                    || lemma_in(s, k, REQUEST_VERBS))
            {
                // "threatened to deliver blows", "refused to commit aid", "agreed to meet": the governing
                // verb's event already says what happened; the complement is not a second event.
                Some("complement of an already coded verb")
            } else if found.iter().any(|f| {
                f.2 < i && i < f.7 && (kind == TriggerKind::Noun || s.tokens[f.2].tag == Upos::VERB)
            }) || kind == TriggerKind::Verb
                && unsourced
                    .iter()
                    .any(|&(trigger, end)| trigger < i && i < end)
            {
                // "lifted a blockade on X", "military aid to X", "accused them of collaborating with
                // Israel": the word belongs to a pattern that matched (a verb: to a verb's pattern, with
                // or without its source), not an event of its own.
                Some("a word of a coded pattern")
            } else if kind == TriggerKind::Verb && demanded_clause(s, i, &found) {
                // "demanded that its partners refuse to recognise X": what is demanded has not happened.
                demanded.push(i);
                Some("what a coded appeal or demand asks for")
            } else {
                None
            };
            if let Some(why) = skipped {
                if let Some(trace) = trace.as_deref_mut() {
                    trace.triggers.push(TriggerTrace {
                        trigger: format!("{} ({:?})", token.text(s.doc), kind),
                        outcome: why.into(),
                    });
                }
                continue;
            }
            let outcome = match kind {
                TriggerKind::Verb => self.verb_event(s, i, candidates, subjects),
                TriggerKind::Noun => self.noun_event(s, i, candidates, subjects),
            };
            if let Some(trace) = trace.as_deref_mut() {
                trace.triggers.push(TriggerTrace {
                    trigger: format!("{} ({:?})", token.text(s.doc), kind),
                    outcome: match &outcome {
                        Ok(f) => format!(
                            "coded {} by {:?}",
                            f.0, self.compiled.set.patterns[f.1 as usize].text
                        ),
                        Err(miss) => miss.why.clone(),
                    },
                });
            }
            if let Err(Miss {
                matched_to: Some(end),
                ..
            }) = outcome
            {
                unsourced.push((i, end));
            }
            if let Ok(event) = outcome {
                // A TABARI/PETRARCH-1 code `[A:B]`: the target also acts back on the source.
                let reverse = self.compiled.set.patterns[event.1 as usize]
                    .reverse_code
                    .as_ref()
                    .zip(event.3.zip(event.4))
                    .map(|(code, (source, target))| {
                        Found(
                            code.as_str().to_owned(),
                            event.1,
                            event.2,
                            Some(target),
                            Some(source),
                            event.5,
                            event.6,
                            event.7,
                        )
                    });
                found.push(event);
                found.extend(reverse);
            }
        }
        found
    }

    fn verb_event(
        &self,
        s: &Sentence,
        verb: usize,
        candidates: (&[Screen], &[Screen]),
        subjects: &[Option<usize>],
    ) -> Result<Found, Miss> {
        let passive_clause = is_passive(s, verb);
        // TABARI/PETRARCH-1 read a passive clause as such only when it names its agent ("was opposed by
        // X"); otherwise its subject is the source ("X was criticized over …").
        let agent = self.by_agent(s, verb + 1, false);
        let compound_subject = subjects[verb].is_some_and(|m| group_size(s, m) > 1);
        let mut best: Option<(u32, Binding)> = None;
        for screen in candidates.0.iter().chain(candidates.1) {
            if !screen.requirement.met_by(&s.words) {
                continue;
            }
            let flags = screen.flags;
            let passive = passive_clause && (!flags.literal || agent.is_some());
            if flags.passive_only && !passive {
                continue;
            }
            // The target slot is filled elsewhere in a passive clause, and by the subject's other members in
            // a mutual one ("X and Y met").
            let mutual = flags.symmetric && compound_subject;
            let mut binding = Binding {
                end: verb + 1,
                ..Binding::default()
            };
            let how = Matching {
                passive,
                skip_target: passive || mutual,
                literal: flags.literal,
            };
            let p = screen.pattern;
            let PatternSteps { before, after } = &self.steps[p as usize];
            let Some(end) = self.match_after(s, after, verb + 1, how, &mut binding) else {
                continue;
            };
            let pattern = &self.compiled.set.patterns[p as usize];
            if ends_in_infinitive_marker(&pattern.after)
                && lemma_in(s, verb, OBJECT_CONTROL)
                && noun_phrase_at(s, end)
            {
                continue;
            }
            binding.end = end;
            let before_matches = if pattern.flags.literal {
                self.match_before_literal(s, before, verb, &mut binding)
            } else {
                self.match_before(s, before, verb, &mut binding)
            };
            if !pattern.before.is_empty() && !before_matches {
                continue;
            }
            binding.matched += weight(&pattern.after) + weight(&pattern.before);
            if better(&self.compiled, &best, p, &binding) {
                best = Some((p, binding));
            }
        }
        let Some((p, binding)) = best else {
            return Err("no pattern matched the words around the verb".into());
        };
        let pattern = &self.compiled.set.patterns[p as usize];
        let passive = passive_clause && (!pattern.flags.literal || agent.is_some());
        // TABARI/PETRARCH-1 take the first actor of the verb phrase, whatever its preposition.
        let loose_reach = if pattern.flags.literal {
            TargetReach::AnyPhrase
        } else {
            TargetReach::Completions
        };
        let (source, target, construction) = if passive {
            let source = agent
                .or(binding.source)
                .or_else(|| self.state_of_place(s, verb, &pattern.code));
            (source, subjects[verb], "passive")
        } else {
            let target = binding.target.or_else(|| {
                if pattern.flags.no_target {
                    None
                } else {
                    // An explicit partner ("discussed … with X") outranks an actor that only
                    // completes the object ("discussed terrorism in the West Bank").
                    self.default_target(s, verb, binding.end, TargetReach::Direct)
                        .or_else(|| {
                            pattern
                                .flags
                                .symmetric
                                .then(|| self.with_partner(s, binding.end))
                                .flatten()
                        })
                        .or_else(|| self.default_target(s, verb, binding.end, loose_reach))
                }
            });
            (binding.source.or(subjects[verb]), target, "active")
        };
        // An agentless passive ("110 people were arrested") is an event with an unknown actor, as GDELT
        // and PLOVER allow, and so is violence whose subject is no actor ("a suicide attack killed eight
        // people"); otherwise an event needs its source.
        let unknown_actor_allowed = || {
            construction == "passive"
                || ["18", "19", "20"]
                    .iter()
                    .any(|r| pattern.code.starts_with(r))
                    && weapon_subject(s, verb)
        };
        if source.is_none() && !(target.is_some() && unknown_actor_allowed()) {
            return Err(Miss {
                why: format!(
                    "pattern {:?} matched but no source actor was found",
                    pattern.text
                ),
                matched_to: Some(binding.end),
            });
        }
        // "X and Y met", and "X met with Y".
        let named_partner =
            construction == "active" && names_its_partner(pattern, source, binding.target);
        let symmetric = (pattern.flags.symmetric || binding.compound)
            && target.is_none()
            && source.is_some_and(|m| group_size(s, m) > 1)
            || named_partner;
        Ok(Found(
            pattern.code.as_str().to_owned(),
            p,
            verb,
            source,
            target,
            if symmetric { "symmetric" } else { construction },
            binding.matched,
            binding.end,
        ))
    }

    fn noun_event(
        &self,
        s: &Sentence,
        noun: usize,
        candidates: (&[Screen], &[Screen]),
        subjects: &[Option<usize>],
    ) -> Result<Found, Miss> {
        if s.starts[noun].is_some()
            || s.mentions
                .iter()
                .any(|m| m.start <= noun && noun < m.end && m.kind != MentionKind::Description)
        {
            // The noun is part of an actor phrase ("the peace talks delegation" aside, "Hamas official").
            if s.mentions
                .iter()
                .any(|m| m.start <= noun && noun < m.end && m.code.is_some())
            {
                return Err("the noun is part of an actor phrase".into());
            }
        }
        let mut best: Option<(u32, Binding)> = None;
        for screen in candidates.0.iter().chain(candidates.1) {
            if !screen.requirement.met_by(&s.words) {
                continue;
            }
            let p = screen.pattern;
            let pattern = &self.compiled.set.patterns[p as usize];
            let mut binding = Binding {
                end: noun + 1,
                ..Binding::default()
            };
            let how = Matching {
                literal: pattern.flags.literal,
                ..Matching::default()
            };
            let after = &self.steps[p as usize].after;
            let Some(end) = self.match_after(s, after, noun + 1, how, &mut binding) else {
                continue;
            };
            binding.end = end;
            binding.matched += weight(&pattern.after);
            if better(&self.compiled, &best, p, &binding) {
                best = Some((p, binding));
            }
        }
        let Some((p, mut binding)) = best else {
            return Err("no noun pattern matched".into());
        };
        let pattern = &self.compiled.set.patterns[p as usize];
        // Source: possessor ("Lavrov's meeting"), "between X and Y", "by X", or the subject of a light verb.
        let possessor = self.possessor(s, noun);
        let between = self.between(s, noun);
        // "talks between X and Y" are X's and Y's; "mediation between X and Y" is done to both.
        if let Some((a, b)) = between {
            if pattern.flags.symmetric {
                binding.source.get_or_insert(a);
                binding.target.get_or_insert(b);
            } else {
                binding.target.get_or_insert(a);
            }
        }
        // The nearest verb before the noun, when it is a light verb ("staged mass demonstrations", not
        // "continued to flee a government assault"); participles inside the noun phrase are passed over
        // ("signed a borrowing agreement").
        let light = (noun.saturating_sub(5)..noun)
            .rev()
            .find(|&k| s.tokens[k].tag == Upos::VERB && !participle_in_noun_phrase(s, k))
            .filter(|&k| {
                let mut l = String::new();
                s.tokens[k].write_lemma(s.doc, &mut l);
                LIGHT_VERBS.contains(&l.as_str())
            });
        let source = binding
            .source
            .or(possessor)
            // "attacks on civilians by rebels"; not when the pattern runs into an infinitive's clause
            // ("demonstrations to demand reforms by the government").
            .or_else(|| {
                let infinitive_inside = s.tokens[noun + 1..binding.end]
                    .iter()
                    .any(|t| t.tag == Upos::PART);
                (!infinitive_inside)
                    .then(|| self.by_agent(s, binding.end, true))
                    .flatten()
            })
            .or_else(|| light.and_then(|k| subjects[k]));
        // A violent or coercive happening with a known target but no named perpetrator ("grenade attacks on
        // a police patrol") is kept with an unknown actor; other nominal events need their source.
        let conflict = pattern.code.as_str() >= "14";
        // "while conflict against Israel has drawn to a halt": the sentence reports its end, not fighting.
        if conflict && said_to_end(s, binding.end) {
            return Err("the happening is the subject of a verb of ending".into());
        }
        if source.is_none() && !(conflict && binding.target.is_some()) {
            return Err(format!(
                "noun pattern {:?} matched but no source actor was found",
                pattern.text
            )
            .into());
        }
        let target = binding.target.filter(|&t| Some(t) != source);
        // "talks between X and Y", and "X's meeting with Y" (a mutual pattern naming the partner).
        let symmetric = pattern.flags.symmetric
            && (target.is_none() && source.is_some_and(|m| group_size(s, m) > 1)
                || names_its_partner(pattern, source, target));
        Ok(Found(
            pattern.code.as_str().to_owned(),
            p,
            noun,
            source,
            target,
            if symmetric { "symmetric" } else { "nominal" },
            binding.matched,
            binding.end,
        ))
    }

    /// Matches pattern elements from `pos` rightwards; returns the position after the match. With
    /// `how.skip_target` the target slot is left out (passive and mutual clauses fill it elsewhere).
    fn match_after(
        &self,
        s: &Sentence,
        elements: &[Step],
        pos: usize,
        how: Matching,
        b: &mut Binding,
    ) -> Option<usize> {
        let Some((first, rest)) = elements.split_first() else {
            return Some(pos);
        };
        if how.skip_target && matches!(first, Step::Target) {
            return self.match_after(s, rest, pos, how, b);
        }
        let n = s.tokens.len();
        if let Step::Gap(max) = first {
            // A gap never reaches past the clause's end (";", ":").
            let limit = (pos..(pos + *max as usize).min(n))
                .find(|&p| matches!(s.tokens[p].text(s.doc), ";" | ":"))
                .unwrap_or((pos + *max as usize).min(n));
            return (pos..=limit).find_map(|start| {
                let mut trial = *b;
                let end = self.match_after(s, rest, start, how, &mut trial)?;
                *b = trial;
                Some(end)
            });
        }
        // TABARI/PETRARCH-1 patterns say where words may pass with their own gaps.
        let starts = if how.literal {
            Starts::only(pos)
        } else {
            s.starts_after(pos, how.passive)
        };
        for start in starts.positions() {
            if start > n {
                break;
            }
            let mut trial = *b;
            if let Some(next) = self.match_one(s, first, start, how.literal, &mut trial)
                && let Some(end) = self.match_after(s, rest, next, how, &mut trial)
            {
                *b = trial;
                return Some(end);
            }
        }
        None
    }

    /// Matches one element at exactly `pos`; `literal` words match their written form only.
    fn match_one(
        &self,
        s: &Sentence,
        step: &Step,
        pos: usize,
        literal: bool,
        b: &mut Binding,
    ) -> Option<usize> {
        let n = s.tokens.len();
        let word_at = |p: usize, word: u32| p < n && word_matches(s, p, word, literal);
        match step {
            Step::Word(w) => word_at(pos, *w).then_some(pos + 1),
            Step::AnyOf(words) => words.iter().any(|&w| word_at(pos, w)).then_some(pos + 1),
            Step::Set(set) => {
                let set = &self.sets[*set as usize];
                if !set.first_words.has_token(*s.token_bits.get(pos)?) {
                    return None;
                }
                set.members.iter().find_map(|member| {
                    member
                        .iter()
                        .enumerate()
                        .all(|(k, &w)| word_at(pos + k, w))
                        .then_some(pos + member.len())
                })
            }
            Step::Optional(inner) => self.match_one(s, inner, pos, literal, b).or(Some(pos)),
            Step::Gap(_) => Some(pos),
            Step::Skip => noun_phrase_end(s, pos),
            Step::Target | Step::Source | Step::Compound => {
                let m = s.starts.get(pos).copied().flatten()?;
                bind(b, step, m);
                Some(s.mentions[m].end)
            }
        }
    }

    /// Matches PETRARCH pre-verb elements leftwards from the verb.
    fn match_before(&self, s: &Sentence, elements: &[Step], verb: usize, b: &mut Binding) -> bool {
        let mut pos = verb;
        for element in elements.iter().rev() {
            let mut matched = false;
            for back in 1..=4 {
                let Some(p) = pos.checked_sub(back) else {
                    break;
                };
                let ok = match element {
                    Step::Word(w) => word_matches(s, p, *w, false),
                    Step::AnyOf(ws) => ws.iter().any(|&w| word_matches(s, p, w, false)),
                    Step::Set(set) => self.sets[*set as usize]
                        .members
                        .iter()
                        .any(|m| m.len() == 1 && word_matches(s, p, m[0], false)),
                    Step::Source | Step::Target | Step::Compound => {
                        match s.ends.get(p).copied().flatten() {
                            Some(m) => {
                                let m = first_of_group(s, m);
                                bind(b, element, m);
                                pos = s.mentions[m].start + 1;
                                true
                            }
                            None => false,
                        }
                    }
                    Step::Optional(_) | Step::Gap(_) | Step::Skip => true,
                };
                if ok {
                    pos = pos.min(p);
                    matched = true;
                    break;
                }
                if !s.may_skip(p) && !matches!(s.tokens[p].tag, Upos::AUX | Upos::PART) {
                    break;
                }
            }
            if !matched && !matches!(element, Step::Optional(_) | Step::Gap(_)) {
                return false;
            }
        }
        true
    }

    /// Matches TABARI/PETRARCH-1 pre-verb elements leftwards from the verb: each element ends right
    /// where the next one (or the verb) starts, unless a gap lets words pass; a slot takes the whole
    /// compound that ends there.
    fn match_before_literal(
        &self,
        s: &Sentence,
        elements: &[Step],
        end: usize,
        b: &mut Binding,
    ) -> bool {
        let Some((last, rest)) = elements.split_last() else {
            return true;
        };
        let try_start = |start: Option<usize>, b: &mut Binding| {
            let mut trial = *b;
            let matched =
                start.is_some_and(|start| self.match_before_literal(s, rest, start, &mut trial));
            if matched {
                *b = trial;
            }
            matched
        };
        match last {
            Step::Gap(max) => {
                let floor = end.saturating_sub(*max as usize);
                let limit = (floor..end)
                    .rev()
                    .find(|&p| matches!(s.tokens[p].text(s.doc), ";" | ":"))
                    .map_or(floor, |p| p + 1);
                (limit..=end).rev().any(|start| try_start(Some(start), b))
            }
            Step::Word(w) => {
                let start = end.checked_sub(1).filter(|&p| word_matches(s, p, *w, true));
                try_start(start, b)
            }
            Step::AnyOf(words) => {
                let start = end
                    .checked_sub(1)
                    .filter(|&p| words.iter().any(|&w| word_matches(s, p, w, true)));
                try_start(start, b)
            }
            Step::Set(set) => self.sets[*set as usize].members.iter().any(|member| {
                let start = end.checked_sub(member.len()).filter(|&start| {
                    member
                        .iter()
                        .enumerate()
                        .all(|(k, &w)| word_matches(s, start + k, w, true))
                });
                try_start(start, b)
            }),
            Step::Optional(inner) => {
                self.match_before_literal(
                    s,
                    &[rest, std::slice::from_ref(inner.as_ref())].concat(),
                    end,
                    b,
                ) || self.match_before_literal(s, rest, end, b)
            }
            Step::Skip => {
                let start = end
                    .checked_sub(1)
                    .and_then(|p| s.ends[p])
                    .map(|m| s.mentions[m].start);
                try_start(start, b)
            }
            Step::Source | Step::Target | Step::Compound => {
                let Some(m) = end.checked_sub(1).and_then(|p| s.ends[p]) else {
                    return false;
                };
                let m = first_of_group(s, m);
                let mut trial = *b;
                bind(&mut trial, last, m);
                if self.match_before_literal(s, rest, s.mentions[m].start, &mut trial) {
                    *b = trial;
                    true
                } else {
                    false
                }
            }
        }
    }

    /// The subject of the verb at `verb`: the nearest mention to the left in the same clause, skipping
    /// parenthetical comma phrases, relative pronouns pointing back, and coordination with an earlier verb.
    fn subject(&self, s: &Sentence, verb: usize, subjects: &[Option<usize>]) -> Option<usize> {
        let mut j = verb;
        // Skip the verb group: auxiliaries, adverbs, negation, infinitival "to".
        while j > 0 && matches!(s.tokens[j - 1].tag, Upos::AUX | Upos::ADV | Upos::PART) {
            j -= 1;
        }
        let participle = j == verb && ends_with_ignore_case(s.tokens[verb].text(s.doc), "ing");
        // "issued a statement demanding", "shelled the town killing": a participle after the object of a
        // verb has that verb's subject.
        if participle
            && j > 0
            && s.tokens[j - 1].tag == Upos::NOUN
            && s.ends[j - 1].is_none()
            && let Some(k) = (j.saturating_sub(6)..j).rev().find(|&p| {
                s.tokens[p].tag == Upos::VERB
                    || !matches!(
                        s.tokens[p].tag,
                        Upos::DET | Upos::ADJ | Upos::NOUN | Upos::NUM
                    )
            })
            && s.tokens[k].tag == Upos::VERB
        {
            return subjects[k];
        }
        // "opened fire on the crowd, killing one": a participle after a comma has the clause's subject.
        if participle
            && j > 1
            && s.tokens[j - 1].text(s.doc) == ","
            && let Some(k) = (j.saturating_sub(30)..j - 1)
                .rev()
                .take_while(|&p| !matches!(s.tokens[p].text(s.doc), ";" | ":"))
                .find(|&p| s.tokens[p].tag == Upos::VERB)
            && subjects[k].is_some()
        {
            return subjects[k];
        }
        // "Sweden's decision to send": the noun's possessor.
        if j >= 3
            && j < verb
            && complement_noun(s, j - 1)
            && matches!(s.tokens[j - 2].text(s.doc), "'s" | "’s")
            && s.tokens[j..verb]
                .iter()
                .any(|t| t.text(s.doc).eq_ignore_ascii_case("to"))
            && let Some(m) = s.ends[j - 2].or(s.ends[j - 3])
        {
            return Some(first_of_group(s, m));
        }
        // Infinitive ("agreed to meet", "marched to protest"): the governing verb's subject, or its object
        // for verbs like "urge" ("urged Israel to withdraw").
        if let Some(k) = governing_verb(s, verb) {
            let object = (k + 1..verb)
                .find_map(|p| s.ends[p])
                .map(|m| first_of_group(s, m));
            return match object {
                Some(m) if lemma_in(s, k, OBJECT_CONTROL) => Some(m),
                _ => subjects[k],
            };
        }
        // Relative clause: "X, who runs ..." / "X that attacked".
        if j > 0 && text_in(s, j - 1, &["who", "which", "that"]) {
            let mut k = j - 1;
            while k > 0 && s.tokens[k - 1].text(s.doc) == "," {
                k -= 1;
            }
            if k > 0
                && let Some(m) = s.ends[k - 1]
            {
                return Some(m);
            }
        }
        let mut k = j;
        let mut steps = 0;
        let mut coordinated = false;
        // The last "of" phrase passed: "A member of the Syrian parliament … started" is the parliament's
        // act when no better subject opens the clause.
        let mut of_mention: Option<usize> = None;
        let headed_by_noun = |from: usize, of_mention: Option<usize>| -> Option<usize> {
            let m = of_mention?;
            let of = s.mentions[m].start.checked_sub(1)?;
            let head = &s.tokens[from..of];
            (head.iter().any(|t| t.tag == Upos::NOUN)
                && head
                    .iter()
                    .all(|t| matches!(t.tag, Upos::DET | Upos::ADJ | Upos::NOUN | Upos::NUM)))
            .then(|| first_of_group(s, m))
        };
        while k > 0 && steps < 40 {
            steps += 1;
            let t = &s.tokens[k - 1];
            let text = t.text(s.doc);
            if let Some(m) = s.ends[k - 1] {
                let mention = &s.mentions[m];
                // A mention after a subordinator opens its clause ("after Calenardhon crowds burned").
                let opens_clause = mention
                    .preposition
                    .as_deref()
                    .is_none_or(|p| p == "that" || SUBORDINATORS.contains(&p))
                    || mention.preposition.as_deref() == Some("of")
                        && quantity_before_of(s, mention.start);
                if opens_clause {
                    return Some(first_of_group(s, m));
                }
                if mention.preposition.as_deref() == Some("of") {
                    of_mention = Some(m);
                }
                k = mention.start;
                continue;
            }
            match text {
                ";" | ":" => return None,
                // A parenthesis names or explains what precedes it ("Hizbollah (Party of God) group").
                ")" => {
                    if let Some(open) = (k.saturating_sub(15)..k - 1)
                        .rev()
                        .find(|&p| s.tokens[p].text(s.doc) == "(")
                    {
                        k = open;
                        continue;
                    }
                }
                "," => {
                    // "The International Monetary Fund, IMF, said": a mention with its apposition.
                    if k >= 2
                        && let Some(m) = s.ends[k - 2]
                        && s.tokens[s.mentions[m].start..k - 2]
                            .iter()
                            .any(|t| t.text(s.doc) == ",")
                    {
                        k -= 1;
                        continue;
                    }
                    // Skip a parenthetical ", who ... ," or ", in remarks published on Monday,", or an
                    // apposition ", a Hamas official,".
                    if let Some(open) = (0..k - 1).rev().find(|&p| s.tokens[p].text(s.doc) == ",") {
                        let inner = &s.tokens[open + 1..k - 1];
                        let relative = !inner.is_empty()
                            && text_in(s, open + 1, &["who", "which", "whose", "where", "whom"]);
                        let no_verb =
                            !inner.iter().any(|t| t.tag == Upos::VERB) && inner.len() <= 12;
                        // ", in remarks published on Monday,": a prepositional aside.
                        let prepositional =
                            inner.first().is_some_and(|f| f.tag == Upos::ADP) && inner.len() <= 12;
                        if relative || no_verb || prepositional {
                            k = open;
                            continue;
                        }
                    }
                }
                _ => {}
            }
            if t.tag == Upos::CCONJ {
                coordinated = true;
            }
            // "The Red Cross operating in Iraq said", "troops stationed in Iraq said", "British aircraft
            // using missiles killed": a participle that modifies the mention (or its head noun) before it.
            if t.tag == Upos::VERB
                && !coordinated
                && k >= 2
                && let Some(m) = s.ends[k - 2].or_else(|| {
                    (k >= 3 && s.tokens[k - 2].tag == Upos::NOUN)
                        .then(|| s.ends[k - 3])
                        .flatten()
                        .filter(|&m| s.mentions[m].code.is_some())
                })
                && (ends_with_ignore_case(text, "ing")
                    || ends_with_ignore_case(text, "ed")
                        && s.tokens.get(k).is_some_and(|n| n.tag == Upos::ADP))
            {
                return Some(first_of_group(s, m));
            }
            // "aircraft using precision guided missiles killed": a past participle inside a noun phrase.
            if t.tag == Upos::VERB
                && ends_with_ignore_case(text, "ed")
                && k >= 2
                && s.ends[k - 2].is_none()
                && matches!(s.tokens[k - 2].tag, Upos::NOUN | Upos::ADJ)
                && s.tokens.get(k).is_some_and(|n| n.tag == Upos::NOUN)
            {
                k -= 1;
                continue;
            }
            if t.tag == Upos::VERB {
                // "Hamas accepted the invitation but said ...": the coordinated verb's subject.
                return if coordinated {
                    subjects[k - 1]
                } else {
                    headed_by_noun(k, of_mention)
                };
            }
            if t.tag == Upos::SCONJ || text.eq_ignore_ascii_case("that") {
                return headed_by_noun(k, of_mention);
            }
            k -= 1;
        }
        if k == 0 {
            return headed_by_noun(0, of_mention);
        }
        None
    }

    /// The target when the pattern names none: the direct object, else the object of a directional
    /// preposition later in the clause ("fired shells at Seoul", "restore ties with Gondor", "contribute
    /// aid to X"), else an actor that completes the object ("criticized the closure of guest houses in
    /// Bree", "clashed over the efforts of Eriador") or the subject of a "that" complement ("allowed
    /// that Mordor isn't …") when `reach` allows them, or any actor of the clause with
    /// [`TargetReach::AnyPhrase`]; otherwise never a place in a locative phrase right after the verb
    /// ("met in Moscow"), and never past the clause.
    fn default_target(
        &self,
        s: &Sentence,
        verb: usize,
        pos: usize,
        reach: TargetReach,
    ) -> Option<usize> {
        let completions = reach != TargetReach::Direct;
        let n = s.tokens.len();
        let mut p = pos;
        // A noun of the object was passed (the pattern's own last word counts): "of X", "in X" and
        // "by X" now complete it.
        let mut object_noun = pos > 0 && matches!(s.tokens[pos - 1].tag, Upos::NOUN | Upos::PROPN);
        while p < n && p < pos + 15 {
            if let Some(m) = s.starts[p] {
                let mention = &s.mentions[m];
                match mention.preposition.as_deref() {
                    None => return Some(m),
                    Some(prep) if TARGET_PREPOSITIONS.contains(&prep) => return Some(m),
                    Some("of" | "in" | "by") if object_noun && completions => return Some(m),
                    // The pattern ends with the preposition ("welcomed rumors about").
                    Some(_) if p == pos && pos > verb + 1 => return Some(m),
                    Some(_) if reach == TargetReach::AnyPhrase => return Some(m),
                    Some(_) => {
                        p = mention.end;
                        continue;
                    }
                }
            }
            let token = &s.tokens[p];
            let text = token.text(s.doc);
            if completions && text.eq_ignore_ascii_case("that") && token.tag == Upos::SCONJ {
                return s
                    .starts
                    .get(p + 1)
                    .copied()
                    .flatten()
                    .map(|m| first_of_group(s, m));
            }
            let clause_ends = matches!(text, ";" | ":")
                || token.tag == Upos::SCONJ
                || (token.tag == Upos::VERB && !dyad_text::lexicon::is_past_form(text) && p > pos)
                || (text == "," && self.clause_follows(s, p + 1));
            if clause_ends {
                return None;
            }
            object_noun |= matches!(token.tag, Upos::NOUN | Upos::PROPN);
            p += 1;
        }
        None
    }

    /// Whether a new clause starts at `p`: a verb, a relative pronoun or conjunction, or a mention
    /// followed by its verb (", a senior official said").
    fn clause_follows(&self, s: &Sentence, p: usize) -> bool {
        // A closing quotation mark before the reporting clause (`… later," the official said`).
        let p = p + usize::from(
            s.tokens
                .get(p)
                .is_some_and(|t| matches!(t.text(s.doc), "\"" | "”" | "’" | "'")),
        );
        let Some(token) = s.tokens.get(p) else {
            return false;
        };
        if token.tag == Upos::VERB || text_in(s, p, &["who", "which", "where", "while", "but"]) {
            return true;
        }
        // The mention may start after its article and modifiers (", a clearly inebriated Bree official").
        let Some(m) = (p..(p + 4).min(s.tokens.len()))
            .take_while(|&q| {
                q == p || matches!(s.tokens[q - 1].tag, Upos::DET | Upos::ADJ | Upos::ADV)
            })
            .find_map(|q| s.starts[q])
        else {
            return false;
        };
        let mut q = s.mentions[m].end;
        while q < s.tokens.len() && matches!(s.tokens[q].tag, Upos::ADV | Upos::AUX | Upos::PART) {
            q += 1;
        }
        s.tokens.get(q).is_some_and(|t| t.tag == Upos::VERB)
    }

    /// "with X" later in the clause, for mutual events ("discussed the situation with Russia's top
    /// diplomat").
    fn with_partner(&self, s: &Sentence, pos: usize) -> Option<usize> {
        let mut p = pos;
        let mut quoted = false;
        while p + 1 < s.tokens.len() && p < pos + 40 {
            let t = &s.tokens[p];
            if matches!(t.text(s.doc), "\"" | "“" | "”") {
                quoted = !quoted;
            }
            if matches!(t.text(s.doc), ";" | ":") || (t.tag == Upos::VERB && !quoted) {
                return None;
            }
            if t.text(s.doc).eq_ignore_ascii_case("with")
                && let Some(m) = s.starts[p + 1]
            {
                return Some(m);
            }
            p += 1;
        }
        None
    }

    /// The state that acts in an agentless passive of a state's act (arrest, expel, investigate, ban):
    /// "a missionary was arrested in Lebanon" is Lebanon's act. The country must be named in an "in"
    /// phrase of the verb's clause, before any other verb.
    fn state_of_place(&self, s: &Sentence, verb: usize, code: &str) -> Option<usize> {
        if !STATE_ACTS.iter().any(|root| code.starts_with(root)) {
            return None;
        }
        for p in verb + 1..s.tokens.len().min(verb + 8) {
            let t = &s.tokens[p];
            if t.tag == Upos::VERB || matches!(t.text(s.doc), ";" | ":") {
                return None;
            }
            if let Some(m) = s.starts[p] {
                let mention = &s.mentions[m];
                let country = mention.country.as_deref();
                if mention.preposition.as_deref() == Some("in")
                    && country.is_some()
                    && mention.code.as_deref() == country
                {
                    return Some(m);
                }
            }
        }
        None
    }

    /// "by X" within a few tokens after `pos`. With `in_phrase`, not past an infinitive or a subordinate
    /// clause: "attacks on civilians by rebels", "sieges imposed by rebel groups", not "demonstrations to
    /// demand reforms by the government".
    fn by_agent(&self, s: &Sentence, pos: usize, in_phrase: bool) -> Option<usize> {
        (pos..(pos + 6).min(s.tokens.len()))
            .take_while(|&p| !in_phrase || !matches!(s.tokens[p].tag, Upos::PART | Upos::SCONJ))
            .find(|&p| s.tokens[p].text(s.doc).eq_ignore_ascii_case("by"))
            .and_then(|p| s.starts.get(p + 1).copied().flatten())
    }

    /// The possessor of a noun: "Lavrov's meeting", "Meshaal's alleged invitation".
    fn possessor(&self, s: &Sentence, noun: usize) -> Option<usize> {
        let mut p = noun;
        while p > 0 && matches!(s.tokens[p - 1].tag, Upos::ADJ | Upos::ADV) {
            p -= 1;
        }
        if p >= 2 && matches!(s.tokens[p - 1].text(s.doc), "'s" | "’s" | "'" | "’") {
            return s.ends[p - 2];
        }
        None
    }

    /// "between X and Y" after a noun.
    fn between(&self, s: &Sentence, noun: usize) -> Option<(usize, usize)> {
        let p = (noun + 1..(noun + 3).min(s.tokens.len()))
            .find(|&p| s.tokens[p].text(s.doc).eq_ignore_ascii_case("between"))?;
        let a = s.starts.get(p + 1).copied().flatten()?;
        let b = s
            .mentions
            .iter()
            .position(|m| m.start > s.mentions[a].end && m.group == s.mentions[a].group)?;
        Some((a, b))
    }

    fn build_event(
        &self,
        doc: &Document,
        analysis: &Analysis,
        unit: usize,
        n: usize,
        s: &Sentence,
        found: Found,
    ) -> Option<Event> {
        let Found(code, pattern, trigger, source, target, construction, matched, _) = found;
        // Modality and the CAMEO convention for intended and refused events (dyad dictionaries only:
        // PETRARCH patterns spell out their modal phrasings themselves).
        let conventions = self.compiled.set.patterns[pattern as usize].modal_conventions;
        let modality = if conventions {
            crate::modality::modality_of(s.doc, s.tokens, trigger)
        } else {
            Modality::Asserted
        };
        let refused = modality == Modality::Negated
            && crate::modality::future_refusal(s.doc, s.tokens, trigger)
            && crate::modality::refused_code(&code).is_some();
        let code = match modality {
            Modality::Intent => crate::modality::intended_code(&code).to_string(),
            _ if refused => crate::modality::refused_code(&code)
                .unwrap_or("120")
                .to_string(),
            _ => code,
        };
        let modality = if refused {
            Modality::Asserted
        } else {
            modality
        };
        // "X said Y must withdraw": by CAMEO's convention the event is X's demand of Y (10x, as an intended
        // cooperation is 03x); the modality still records the obligation. Needs a coded speaker other than
        // the obliged actor; in the narrator's voice the event stays as it is.
        let demanding = s
            .speaker
            .filter(|&(verb, m)| {
                modality == Modality::Obligation
                    && verb != trigger
                    && s.mentions[m].code.is_some()
                    && source.is_none_or(|x| s.mentions[x].entity != s.mentions[m].entity)
            })
            .map(|(_, m)| m);
        let (code, source, target, construction, modality) = match demanding {
            Some(speaker) => (
                crate::modality::demanded_code(&code).to_string(),
                Some(speaker),
                source,
                "reported demand",
                modality,
            ),
            None => (code, source, target, construction, modality),
        };
        let date = event_date(
            doc.date,
            crate::time::governing(s.times, s.doc, s.tokens, trigger),
        );
        let mut auxiliary: Vec<&'static str> = Vec::new();
        if date.historical {
            auxiliary.push("historical");
        }
        if date.future || modality == Modality::Intent {
            auxiliary.push("future");
        }
        if let Some(mode) = modality.plover_mode().filter(|m| !auxiliary.contains(m)) {
            auxiliary.push(mode);
        }
        // A code outside CAMEO (WEIS codes in PETRARCH's test dictionaries, user codes) passes through
        // without a name, scores or PLOVER mapping.
        let info = cameo_event(&code);
        let pattern = &self.compiled.set.patterns[pattern as usize];
        let group = |m: usize| -> Vec<usize> {
            let g = s.mentions[m].group;
            s.mentions
                .iter()
                .enumerate()
                .filter(|(_, x)| x.group == g)
                .map(|(i, _)| i)
                .collect()
        };
        // A person in a historical event holds the office of that day, whatever "former" says of today:
        // "in 2010 Meshaal met former Russian President Dmitry Medvedev" is a meeting with RUSGOV.
        let historical_code = |mention: &Mention| -> Option<String> {
            let day = date.date.filter(|_| date.historical)?;
            let person = &self.compiled.set.actors[mention.actor? as usize];
            (person.kind == dyad_dict::model::ActorKind::Person)
                .then(|| person.code_on(Some(day)))
                .flatten()
                .filter(|code| Some(*code) != mention.code.as_deref())
                .map(str::to_string)
        };
        let actor = |m: usize| -> EventActor {
            let mention = &s.mentions[m];
            let (code, sectors) = match historical_code(mention) {
                Some(code) => {
                    let sectors = code
                        .as_bytes()
                        .chunks(3)
                        .skip(1)
                        .filter_map(|c| std::str::from_utf8(c).ok().map(str::to_string))
                        .collect();
                    (Some(code), sectors)
                }
                None => (mention.code.clone(), mention.sectors.clone()),
            };
            EventActor {
                text: span_text(s.doc, s.tokens, mention.start, mention.end),
                name: mention.name.clone(),
                code,
                country: mention.country.clone(),
                sectors,
                span: [s.tokens[mention.start].start, s.tokens[mention.end - 1].end],
                entity: mention.entity,
            }
        };
        // A mutual event with a named partner ("X met with Y") has both sides as its actors, as in "X and Y
        // met".
        let partner = target
            .filter(|_| construction == "symmetric")
            .filter(|&t| source.is_none_or(|m| s.mentions[m].group != s.mentions[t].group));
        let actors: Vec<EventActor> = source
            .into_iter()
            .chain(partner)
            .flat_map(group)
            .map(actor)
            .collect();
        let recipients: Vec<EventActor> = match (construction, target) {
            ("symmetric", _) => actors.clone(),
            (_, Some(t)) => group(t).into_iter().map(actor).collect(),
            _ => Vec::new(),
        };
        let unit_ref = &analysis.units[unit];
        let mapping = info.and_then(|i| i.plover());
        let coded_both = !actors.is_empty()
            && actors.iter().all(|a| a.code.is_some())
            && recipients.iter().all(|a| a.code.is_some());
        let confidence = (0.45 + 0.1 * matched.min(3) as f64 + if coded_both { 0.2 } else { 0.0 }
            - if recipients.is_empty() { 0.1 } else { 0.0 }
            - if actors.is_empty() { 0.2 } else { 0.0 })
        .clamp(0.05, 0.95);
        // The reporter's source, unless the event is the report itself.
        let speaker = s
            .speaker
            .filter(|&(verb, _)| verb != trigger)
            .map(|(_, m)| actor(m));
        let quoted = s.tokens[..trigger]
            .iter()
            .filter(|t| matches!(t.text(s.doc), "\"" | "“" | "”" | "‘"))
            .count()
            % 2
            == 1;
        let attribution = Attribution {
            narrator: speaker.is_none(),
            speaker,
            quoted,
        };
        Some(Event {
            id: format!("{}:{}:{}", doc.id, unit, n),
            doc_id: doc.id.clone(),
            sentence: unit as u32,
            published: doc.date,
            date,
            place: None,
            modality,
            evidence: Evidence {
                sentence: unit_ref.text(s.doc).to_string(),
                sentence_span: [unit_ref.start, unit_ref.end],
                trigger: [s.tokens[trigger].start, s.tokens[trigger].end],
                source: actors.iter().map(|a| a.span).collect(),
                target: recipients
                    .iter()
                    .filter(|_| construction != "symmetric")
                    .map(|a| a.span)
                    .collect(),
            },
            actors,
            recipients,
            cameo: Cameo {
                code: code.clone(),
                base: code.chars().take(3).collect(),
                root: code.chars().take(2).collect(),
                name: info.map_or("(not a CAMEO code)", |i| i.name()).to_string(),
                goldstein: info.and_then(|i| i.goldstein_or_inherited(GoldsteinTable::Gdelt)),
                quad_class: info.map_or(0, |i| i.quad(QuadVariant::Gdelt).code()),
                quad_variant: QuadVariant::Gdelt.as_str(),
                goldstein_table: GoldsteinTable::Gdelt.as_str(),
            },
            plover: plover_translation(mapping, pattern, &code).map(
                |(event_type, mode, contexts)| Plover {
                    event_type: event_type.as_str().to_string(),
                    mode: mode.map(|mode| mode.name().to_string()),
                    context: contexts.iter().map(|c| c.as_str().to_string()).collect(),
                    score: mode
                        .and_then(PloverMode::score)
                        .unwrap_or_else(|| event_type.score()),
                    auxiliary: auxiliary.clone(),
                },
            ),
            attribution,
            rule: Rule {
                pattern: pattern.text.as_str().to_owned(),
                source: format!("{}:{}", pattern.source.file, pattern.source.line),
                construction,
            },
            confidence: (confidence * 100.0).round() / 100.0,
        })
    }
}

/// Whether the verb-tagged word at `k` (followed by a noun) modifies that noun: "a fully-fledged
/// investigation", "dlrs borrowing agreement", "of refinancing agreements"; not "negotiators opened talks".
fn participle_in_noun_phrase(s: &Sentence, k: usize) -> bool {
    if k == 0 || s.tokens.get(k + 1).is_none_or(|t| t.tag != Upos::NOUN) {
        return false;
    }
    let word = s.tokens[k].text(s.doc);
    match s.tokens[k - 1].tag {
        Upos::DET | Upos::NUM | Upos::ADJ => {
            ends_with_ignore_case(word, "ing") || ends_with_ignore_case(word, "ed")
        }
        Upos::NOUN | Upos::ADP => ends_with_ignore_case(word, "ing"),
        _ => false,
    }
}

/// Whether the noun phrase ending before `end` is the subject of a verb saying that it ended: "the
/// fighting ended", "conflict against Israel has drawn to a halt", "the violence came to an end".
fn said_to_end(s: &Sentence, end: usize) -> bool {
    const ENDING: &[&str] = &["end", "halt", "cease", "stop", "subside", "abate", "wane"];
    const ENDING_WITH: &[&str] = &["draw", "come", "grind", "wind", "peter"];
    const ENDS: &[&str] = &["halt", "end", "close", "stop", "down", "out"];
    // Words before the verb that leave it going on: "has not ended", "would end", "is expected to end".
    const NOT_ENDED: &[&str] = &[
        "not", "n't", "never", "will", "would", "could", "may", "might", "should", "must", "to",
    ];
    let Some(verb) = (end..s.tokens.len().min(end + 4)).find(|&p| {
        !matches!(
            s.tokens[p].tag,
            Upos::AUX | Upos::ADV | Upos::PART | Upos::ADP | Upos::DET | Upos::NOUN | Upos::PROPN
        )
    }) else {
        return false;
    };
    if s.tokens[end..verb].iter().any(|t| {
        NOT_ENDED
            .iter()
            .any(|w| t.text(s.doc).eq_ignore_ascii_case(w))
    }) {
        return false;
    }
    // Intransitive only: "attacks stopped the talks" did happen.
    if s.tokens[verb].tag != Upos::VERB
        || s.tokens.get(verb + 1).is_some_and(|t| {
            matches!(
                t.tag,
                Upos::DET | Upos::NOUN | Upos::PROPN | Upos::PRON | Upos::NUM
            )
        })
    {
        return false;
    }
    lemma_in(s, verb, ENDING)
        || lemma_in(s, verb, ENDING_WITH)
            && (verb + 1..s.tokens.len().min(verb + 4)).any(|p| {
                ENDS.iter()
                    .any(|w| s.tokens[p].text(s.doc).eq_ignore_ascii_case(w))
            })
}

/// Why a trigger gave no event; `matched_to` is the end of a verb pattern that matched without its
/// source.
struct Miss {
    why: String,
    matched_to: Option<usize>,
}

impl From<String> for Miss {
    fn from(why: String) -> Miss {
        Miss {
            why,
            matched_to: None,
        }
    }
}

impl From<&str> for Miss {
    fn from(why: &str) -> Miss {
        Miss::from(why.to_string())
    }
}

/// Whether a mutual pattern names both sides, the partner in its target slot ("X met with Y", "X's meeting
/// with Y"); PETRARCH's literal compound patterns find their target outside the pattern and do not count.
fn names_its_partner(pattern: &Pattern, source: Option<usize>, target: Option<usize>) -> bool {
    pattern.flags.symmetric && !pattern.flags.literal && source.is_some() && target.is_some()
}

/// The PLOVER type, mode and contexts of an event: the pattern's own translation when its action entry sets
/// one and the event keeps the pattern's code, else the CAMEO code's.
fn plover_translation<'a>(
    mapping: Option<&'a PloverMapping>,
    pattern: &Pattern,
    code: &str,
) -> Option<(PloverType, Option<&'static PloverMode>, &'a [PloverContext])> {
    let contexts = mapping.map_or(&[][..], |m| m.contexts());
    match pattern.plover.filter(|_| pattern.code == code) {
        Some(own) => Some((own.event, own.mode, contexts)),
        None => mapping.map(|m| (m.event(), m.mode(), contexts)),
    }
}

/// A found event before it becomes a record: code, pattern, trigger token, source mention, target mention,
/// construction, number of matched elements, end of the matched words.
#[derive(Debug, Clone)]
struct Found(
    String,
    u32,
    usize,
    Option<usize>,
    Option<usize>,
    &'static str,
    u32,
    usize,
);

fn better(
    compiled: &Compiled,
    best: &Option<(u32, Binding)>,
    candidate: u32,
    binding: &Binding,
) -> bool {
    let Some((current, current_binding)) = best else {
        return true;
    };
    let code_len = |p: u32| compiled.set.patterns[p as usize].code.len();
    (binding.matched, code_len(candidate)) > (current_binding.matched, code_len(*current))
}

/// How far [`Coder::default_target`] looks for a target the pattern does not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TargetReach {
    /// The direct object or the object of a directional preposition.
    Direct,
    /// Also an actor completing the object ("the closure of guest houses in Bree") or the subject of a
    /// "that" complement.
    Completions,
    /// Also any actor in a prepositional phrase of the clause (TABARI/PETRARCH-1).
    AnyPhrase,
}

/// How a pattern's elements are matched.
#[derive(Debug, Clone, Copy, Default)]
struct Matching {
    /// The clause is passive: a "by X" phrase may stand between elements.
    passive: bool,
    /// The target slot is filled elsewhere (passive and mutual clauses).
    skip_target: bool,
    /// TABARI/PETRARCH-1 semantics ([`dyad_dict::model::PatternFlags::literal`]).
    literal: bool,
}

/// How specific a pattern side is: its elements, gaps aside.
fn weight(elements: &[Element]) -> u32 {
    elements
        .iter()
        .filter(|e| !matches!(e, Element::Gap(_)))
        .count() as u32
}

/// Binds a slot element to mention `m`.
fn bind(b: &mut Binding, slot: &Step, m: usize) {
    match slot {
        Step::Target => b.target = Some(m),
        Step::Compound => {
            b.source = Some(m);
            b.compound = true;
        }
        _ => b.source = Some(m),
    }
}

/// What a pattern needs in a sentence's word signature: the single words it requires (optional elements
/// aside), and for each required choice (alternatives, synonym sets) at least one first word of it. A
/// sentence that lacks them cannot match; one that has them may.
#[derive(Clone)]
struct Requirement {
    /// Signature bits of single words the pattern needs, `words[..count]`: its first [`REQUIRED_WORDS`]
    /// (a pattern needing more is screened by these, which rules out fewer sentences but never a match),
    /// kept inline so that the patterns of a trigger are screened without a cache miss each.
    words: [u16; REQUIRED_WORDS],
    count: u8,
    /// For each choice of words, the first words' bits: one of them must be in the sentence.
    any: Box<[Signature]>,
}

/// How many required words a [`Requirement`] keeps.
const REQUIRED_WORDS: usize = 6;

impl Requirement {
    fn of<'e>(
        elements: impl Iterator<Item = &'e Element>,
        set_first_words: &impl Fn(&str) -> Option<Signature>,
    ) -> Requirement {
        let first_words = |words: &mut dyn Iterator<Item = &str>| {
            words.fold(Signature::default(), |bits, w| {
                bits | Signature::of_word(w.split_whitespace().next().unwrap_or("").as_bytes(), b"")
            })
        };
        let mut words = [0u16; REQUIRED_WORDS];
        let mut count = 0;
        let mut any = Vec::new();
        for element in elements {
            match element {
                Element::Word(w) if !w.contains(char::is_whitespace) => {
                    let bit = word_bit(w.as_bytes(), b"");
                    if count < REQUIRED_WORDS && !words[..count].contains(&bit) {
                        words[count] = bit;
                        count += 1;
                    }
                }
                Element::AnyOf(words) => {
                    any.push(first_words(&mut words.iter().map(|w| w.as_str())))
                }
                Element::Set(name) => {
                    if let Some(bits) = set_first_words(name) {
                        any.push(bits);
                    }
                }
                _ => {}
            }
        }
        Requirement {
            words,
            count: count as u8,
            any: any.into(),
        }
    }

    /// Whether a sentence with this word signature may match.
    fn met_by(&self, words: &Signature) -> bool {
        self.words[..usize::from(self.count)]
            .iter()
            .all(|&bit| words.has(bit))
            && self.any.iter().all(|bits| bits.intersects(words))
    }
}

/// Whether the token at `p` is pattern word `word`: its written form (ignoring ASCII case), or (unless
/// `literal`) its lemma.
fn word_matches(s: &Sentence, p: usize, word: u32, literal: bool) -> bool {
    let ids = s.word_ids.get(s.doc, s.tokens, p);
    ids.written == word || (!literal && ids.lemma == word)
}

/// The end of the noun phrase starting at `pos`: an actor mention, else a run of determiners,
/// adjectives, numbers and nouns with at least one noun.
fn noun_phrase_end(s: &Sentence, pos: usize) -> Option<usize> {
    if let Some(m) = s.starts.get(pos).copied().flatten() {
        return Some(s.mentions[m].end);
    }
    let run = s.tokens[pos.min(s.tokens.len())..]
        .iter()
        .take_while(|t| {
            matches!(
                t.tag,
                Upos::DET | Upos::ADJ | Upos::NUM | Upos::NOUN | Upos::PROPN
            )
        })
        .count();
    s.tokens[pos..pos + run]
        .iter()
        .any(|t| matches!(t.tag, Upos::NOUN | Upos::PROPN))
        .then_some(pos + run)
}

/// Whether a pattern ends with its target and "to" ("invite {tgt} to", "urge {tgt} to"): after verbs of
/// object control, the "to" of the object's infinitive, not a preposition ("invited them to Paris").
fn ends_in_infinitive_marker(after: &[Element]) -> bool {
    matches!(after, [.., Element::Target, Element::Word(to)] if to == "to")
}

/// Whether a noun phrase starts at `pos` (a mention, determiner, name, noun, number or pronoun): what follows
/// a preposition, not the "to" of an infinitive.
fn noun_phrase_at(s: &Sentence, pos: usize) -> bool {
    s.starts.get(pos).copied().flatten().is_some()
        || s.tokens.get(pos).is_some_and(|t| {
            matches!(t.tag, Upos::PROPN | Upos::NOUN | Upos::NUM | Upos::PRON)
                // "to no longer travel" is an infinitive.
                || (t.tag == Upos::DET && !t.text(s.doc).eq_ignore_ascii_case("no"))
        })
}

/// Sectors of people who protest where they live: protesters of no stated country in a protest event
/// take the event's country.
const DOMESTIC_PROTEST_SECTORS: &[&str] = &["CVL", "LAB", "EDU", "AGR", "OPP", "PTY", "REL"];

/// Sectors of a group that contests its own government: a demand, protest or threat by such a group of
/// no stated country is, as a rule, made at home.
const DOMESTIC_CONTEST_SECTORS: &[&str] = &[
    "CVL", "LAB", "EDU", "AGR", "OPP", "PTY", "REL", "REB", "RAD",
];

/// Sectors of a state's institutions (not its forces, which often act abroad).
const STATE_SECTORS: &[&str] = &["GOV", "ELI", "LEG", "JUD"];

/// Actors that take the country the event happens in, as ICEWS and the PLOVER gold code them:
/// - an ethnic group named by a nationality: "ethnic Albanians demonstrated in Serbia" are SRB;
/// - protesters of no stated country in a protest (CAMEO 14): "prisoners rioted at a jail in Dili" are TLS;
/// - a group of no stated country that demands from, disapproves of, rejects, threatens or protests
///   against one country's state (CAMEO 10–14) when the event has no place: "Islamic fundamentalists
///   continued their hunger strike to demand the resignation of Algerian President Ahmed Ben Bella" are
///   DZA, "the main Hutu rebel group insisted that Burundi's government grant …" is BDI.
fn settle_by_place(event: &mut Event, mentions: &[Mention], tokens: &[Token]) {
    let stateless_contester = |actor: &EventActor, sectors: &[&str]| {
        actor.country.is_none()
            && !actor.sectors.is_empty()
            && actor.sectors.iter().all(|s| sectors.contains(&s.as_str()))
    };
    let contest = matches!(event.cameo.root.as_str(), "10" | "11" | "12" | "13" | "14");
    let Some(place) = event.place.as_ref().and_then(|p| p.country.clone()) else {
        if contest && let Some(state) = state_target_country(&event.recipients) {
            for actor in event.actors.iter_mut() {
                if stateless_contester(actor, DOMESTIC_CONTEST_SECTORS) {
                    give_country(actor, &state);
                }
            }
        }
        return;
    };
    for actor in event.actors.iter_mut().chain(event.recipients.iter_mut()) {
        let ethnic = mentions
            .iter()
            .any(|m| m.ethnic && tokens[m.start].start == actor.span[0]);
        let stateless_protester =
            event.cameo.root == "14" && stateless_contester(actor, DOMESTIC_PROTEST_SECTORS);
        if !(ethnic || stateless_protester) || actor.country.as_deref() == Some(place.as_str()) {
            continue;
        }
        give_country(actor, &place);
    }
}

/// The one country whose state the recipients are (a country, its government, leaders, legislature or
/// courts).
fn state_target_country(recipients: &[EventActor]) -> Option<String> {
    let mut country: Option<&str> = None;
    for r in recipients {
        let c = r.country.as_deref()?;
        let state = r.sectors.is_empty() && r.code.as_deref() == Some(c)
            || !r.sectors.is_empty()
                && r.sectors
                    .iter()
                    .all(|s| STATE_SECTORS.contains(&s.as_str()));
        if !state || country.is_some_and(|k| k != c) {
            return None;
        }
        country = Some(c);
    }
    country.map(str::to_owned)
}

/// Puts an actor in `country`, keeping its sector codes.
fn give_country(actor: &mut EventActor, country: &str) {
    let sectors = actor.code.as_deref().and_then(|c| c.get(3..)).unwrap_or("");
    actor.code = Some(format!("{country}{sectors}"));
    actor.country = Some(country.to_owned());
}

/// The date of the document's dateline ("BEIJING, April 26 (Reuters) -", "Moscow, 3 Aug"), in the year that
/// puts it on or at most 31 days before `published`; `None` without a dateline or a month and day in it.
fn dateline_date(
    text: &str,
    analysis: &Analysis,
    published: jiff::civil::Date,
) -> Option<jiff::civil::Date> {
    let unit = analysis
        .units
        .iter()
        .find(|u| u.kind == dyad_text::UnitKind::Dateline)?;
    let words: Vec<&str> = analysis
        .unit_tokens(unit)
        .iter()
        .map(|t| t.text(text).trim_end_matches('.'))
        .collect();
    let day_at = |i: usize| -> Option<i8> {
        let word = words.get(i)?;
        let day: i8 = word.parse().ok()?;
        (1..=31).contains(&day).then_some(day)
    };
    let (month, day) = words.iter().enumerate().find_map(|(i, word)| {
        let month = dyad_text::date::month_number(word)?;
        let day = day_at(i + 1).or_else(|| i.checked_sub(1).and_then(day_at))?;
        Some((month, day))
    })?;
    [published.year(), published.year() - 1]
        .into_iter()
        .filter_map(|year| jiff::civil::Date::new(year, month, day).ok())
        .find(|date| {
            let days = (published - *date).get_days();
            (0..=31).contains(&days)
        })
}

fn is_passive(s: &Sentence, verb: usize) -> bool {
    let text = s.tokens[verb].text(s.doc);
    if !dyad_text::lexicon::is_past_form(text) {
        return false;
    }
    // "Israel is opposed to French mediation": a state of the subject, not something done to it.
    if text.eq_ignore_ascii_case("opposed")
        && s.tokens
            .get(verb + 1)
            .is_some_and(|t| t.text(s.doc).eq_ignore_ascii_case("to"))
    {
        return false;
    }
    if is_small_clause_passive(s, verb) {
        return true;
    }
    let mut k = verb;
    while k > 0 && matches!(s.tokens[k - 1].tag, Upos::ADV | Upos::PART) {
        k -= 1;
    }
    k > 0
        && s.tokens[k - 1].tag == Upos::AUX
        && text_in(
            s,
            k - 1,
            &[
                "was", "were", "is", "are", "been", "being", "be", "got", "get", "gets",
            ],
        )
}

/// A participle right after the object of a perception or causative verb ("saw 2,200 Palestinians killed",
/// "left dozens wounded", "had the activists arrested", "with 20 people killed") is a passive without its
/// auxiliary: the mention is what was done to.
fn is_small_clause_passive(s: &Sentence, verb: usize) -> bool {
    let Some(object) = s.mentions.iter().find(|m| m.end == verb) else {
        return false;
    };
    let Some(head) = object.start.checked_sub(1) else {
        return false;
    };
    let mut buf = [0u8; 8];
    let word = dyad_text::token::ascii_lower(s.tokens[head].text(s.doc), &mut buf);
    SMALL_CLAUSE_HEADS.contains(&word)
}

/// Nouns for what a source issues: "a statement from X said" is X speaking.
const STATEMENT_NOUNS: &[&str] = &[
    "statement",
    "statements",
    "report",
    "reports",
    "release",
    "communique",
    "letter",
    "message",
    "post",
    "tweet",
    "note",
    "memo",
    "document",
    "briefing",
    "readout",
    "transcript",
    "video",
    "broadcast",
    "notice",
    "announcement",
    "declaration",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];

/// Verbs (and "with") whose object can take a bare participle: "saw X killed", "left X wounded".
const SMALL_CLAUSE_HEADS: &[&str] = &[
    "saw", "see", "sees", "seen", "watched", "left", "leave", "leaves", "leaving", "had", "have",
    "has", "got", "get", "gets", "with",
];

/// The event's date: the governing time expression, else the publication date.
fn event_date(
    published: Option<jiff::civil::Date>,
    time: Option<&crate::time::TimeExpr>,
) -> EventDate {
    match (time, published) {
        (Some(t), _) => EventDate {
            date: Some(t.from),
            end: (t.to != t.from).then_some(t.to),
            precision: t.precision.as_str(),
            text: Some(t.text.clone()),
            historical: published.is_some_and(|p| crate::time::is_historical(t, p)),
            future: published.is_some_and(|p| crate::time::is_future(t, p)),
        },
        (None, _) => EventDate {
            date: published,
            end: None,
            precision: "publication",
            text: None,
            historical: false,
            future: false,
        },
    }
}

/// The verb whose infinitival complement the verb at `verb` is ("agreed to meet" → "agreed").
fn governing_verb(s: &Sentence, verb: usize) -> Option<usize> {
    let mut k = verb;
    // Adverbs and a passive or perfect auxiliary ("to be allowed", "to have agreed").
    while k > 0
        && (s.tokens[k - 1].tag == Upos::ADV
            || s.tokens[k - 1].tag == Upos::AUX
                && ["be", "been", "have"]
                    .iter()
                    .any(|w| s.tokens[k - 1].text(s.doc).eq_ignore_ascii_case(w)))
    {
        k -= 1;
    }
    if k == 0 || !s.tokens[k - 1].text(s.doc).eq_ignore_ascii_case("to") {
        return None;
    }
    // "Sweden's decision to send them back": the infinitive completes the noun, not a verb.
    if k >= 2 && complement_noun(s, k - 2) {
        return None;
    }
    // Back over the governing verb's object and adjuncts ("started a hunger strike yesterday to
    // protest", "pressured workers of the bus company to cancel"), never past a clause boundary.
    let mut p = k - 1;
    let mut floor = k.saturating_sub(MAX_OBJECT_TOKENS + 1);
    while p > floor {
        p -= 1;
        let t = &s.tokens[p];
        // A parenthesis names what precedes it ("the United Bus Company of Tehran (Sharekat-e Vahed)"); its
        // words do not count towards the object's length.
        if t.text(s.doc) == ")"
            && let Some(open) = (p.saturating_sub(8)..p)
                .rev()
                .find(|&q| s.tokens[q].text(s.doc) == "(")
        {
            floor = floor.saturating_sub(p - open + 1);
            p = open;
            continue;
        }
        match t.tag {
            Upos::VERB => return Some(p),
            Upos::SCONJ | Upos::CCONJ | Upos::AUX => return None,
            Upos::PUNCT if !matches!(t.text(s.doc), "'s" | "’s" | "-") => return None,
            Upos::PART if t.text(s.doc).eq_ignore_ascii_case("to") => return None,
            _ if ["that", "who", "which", "whose"]
                .iter()
                .any(|w| t.text(s.doc).eq_ignore_ascii_case(w)) =>
            {
                return None;
            }
            _ => {}
        }
    }
    None
}

/// Whether the verb at `verb` opens a "that" clause governed by an already coded appeal or demand (CAMEO
/// 02, 10): "demanded that its partners refuse".
fn demanded_clause(s: &Sentence, verb: usize, found: &[Found]) -> bool {
    let Some(that) = (verb.saturating_sub(12)..verb).rev().find(|&p| {
        let t = &s.tokens[p];
        t.tag == Upos::VERB || t.text(s.doc).eq_ignore_ascii_case("that")
    }) else {
        return false;
    };
    if !s.tokens[that].text(s.doc).eq_ignore_ascii_case("that") {
        return false;
    }
    let mut k = that;
    while k > 0 && s.tokens[k - 1].tag == Upos::ADV {
        k -= 1;
    }
    k > 0
        && found
            .iter()
            .any(|f| f.2 == k - 1 && (f.0.starts_with("02") || f.0.starts_with("10")))
}

/// Whether `text` ends with the ASCII `suffix`, in any case.
fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    text.len() > suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// CAMEO codes of acts only a state performs on people in its territory: investigations (09), bans and
/// expulsions (16, 174), arrests and detentions (173).
const STATE_ACTS: &[&str] = &["090", "091", "092", "166", "172", "173", "174"];

/// Heads of subjects that are attacks or weapons rather than actors ("a suicide attack killed eight").
const ATTACK_NOUNS: &[&str] = &[
    "attack",
    "bomb",
    "bombing",
    "blast",
    "explosion",
    "explosive",
    "missile",
    "rocket",
    "shell",
    "shelling",
    "airstrike",
    "strike",
    "raid",
    "gunfire",
    "drone",
    "mortar",
    "grenade",
    "mine",
    "landmine",
    "ambush",
    "assault",
    "device",
    "ied",
    "barrage",
    "bombardment",
    "fire",
];

/// Whether the clause before `verb` opens with an attack or weapon noun as its subject's head: "A suicide
/// attack on a convoy … has killed", "Two car bombs killed".
fn weapon_subject(s: &Sentence, verb: usize) -> bool {
    let start = (verb.saturating_sub(20)..verb)
        .rev()
        .find(|&p| {
            let t = &s.tokens[p];
            matches!(t.text(s.doc), ";" | ":") || t.tag == Upos::SCONJ
        })
        .map_or(verb.saturating_sub(20), |p| p + 1);
    (start..verb)
        .filter(|&p| s.tokens[p].tag == Upos::NOUN)
        .take(2)
        .any(|p| lemma_in(s, p, ATTACK_NOUNS))
}

/// Verbs whose infinitive says what is asked for, not what happened ("called on X to reject").
const REQUEST_VERBS: &[&str] = &[
    "urge",
    "ask",
    "call",
    "press",
    "pressure",
    "request",
    "beg",
    "implore",
    "appeal",
    "encourage",
    "exhort",
    "petition",
    "demand",
];

/// Nouns whose infinitive says what they are about ("decision to send", "plan to build").
const COMPLEMENT_NOUNS: &[&str] = &[
    "decision",
    "plan",
    "attempt",
    "effort",
    "bid",
    "move",
    "right",
    "refusal",
    "agreement",
    "promise",
    "threat",
    "call",
    "request",
    "failure",
    "willingness",
    "readiness",
    "intention",
    "ability",
    "proposal",
    "offer",
    "pledge",
    "demand",
    "order",
    "permission",
    "authority",
    "power",
    "campaign",
    "drive",
    "push",
    "vow",
    "commitment",
    "determination",
    "resolve",
];

/// Whether token `p` is a noun whose infinitive complement follows ("decision" in "decision to send").
fn complement_noun(s: &Sentence, p: usize) -> bool {
    s.tokens[p].tag == Upos::NOUN && lemma_in(s, p, COMPLEMENT_NOUNS)
}

/// Whether token `p` is one of `words` (lower case), ignoring ASCII case.
fn text_in(s: &Sentence, p: usize, words: &[&str]) -> bool {
    let text = s.tokens[p].text(s.doc);
    words.iter().any(|w| text.eq_ignore_ascii_case(w))
}

/// Whether the lemma of token `p` is one of `words`.
fn lemma_in(s: &Sentence, p: usize, words: &[&str]) -> bool {
    words.iter().any(|w| s.tokens[p].lemma_is(s.doc, w))
}

/// How far back from an infinitive's "to" its governing verb is looked for.
const MAX_OBJECT_TOKENS: usize = 10;

/// Verbs whose object is the subject of their infinitive ("urged Israel to withdraw": Israel withdraws).
const OBJECT_CONTROL: &[&str] = &[
    "urge",
    "ask",
    "tell",
    "order",
    "force",
    "compel",
    "persuade",
    "convince",
    "invite",
    "allow",
    "permit",
    "encourage",
    "press",
    "pressure",
    "pressurize",
    "pressurise",
    "push",
    "require",
    "request",
    "call",
    "help",
    "enable",
    "authorize",
    "authorise",
    "instruct",
    "direct",
    "warn",
    "advise",
    "beg",
    "implore",
    "oblige",
    "appeal",
    "lead",
    "get",
    "want",
    "expect",
];

/// "the pair", "both sides", "the two": a reference to the last two actors.
fn is_pair(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "pair",
        "both sides",
        "the two",
        "two sides",
        "two men",
        "two leaders",
        "both leaders",
        "both men",
    ]
    .iter()
    .any(|p| lower.ends_with(p))
}

fn group_size(s: &Sentence, m: usize) -> usize {
    s.mentions
        .iter()
        .filter(|x| x.group == s.mentions[m].group)
        .count()
}

/// The coded actor that the clause after a statement verb says must act ("said Sudan must return …",
/// "reiterated that Libya should hand over …"): the mention right before "must", "should", "ought to" or
/// "has/have to", within the sentence.
fn obliged_actor(s: &Sentence, verb: usize) -> Option<usize> {
    let n = s.tokens.len();
    (verb + 2..n)
        .take_while(|&p| s.tokens[p].text(s.doc) != ";")
        .find_map(|p| {
            let word = s.tokens[p].text(s.doc);
            let modal = crate::modality::OBLIGATION
                .iter()
                .any(|m| word.eq_ignore_ascii_case(m))
                || (word.eq_ignore_ascii_case("has") || word.eq_ignore_ascii_case("have"))
                    && s.tokens
                        .get(p + 1)
                        .is_some_and(|t| t.text(s.doc).eq_ignore_ascii_case("to"));
            let m = s.ends[p - 1].filter(|_| modal)?;
            s.mentions[m].code.is_some().then(|| first_of_group(s, m))
        })
}

/// Whether the mention at `start` follows "<quantity> of" that opens a clause ("Thousands of people
/// marched", "Dozens of soldiers were killed"): the quantity is no actor, its "of" phrase is the subject.
fn quantity_before_of(s: &Sentence, start: usize) -> bool {
    const QUANTITIES: &[&str] = &[
        "thousands",
        "hundreds",
        "dozens",
        "scores",
        "millions",
        "tens",
        "many",
        "some",
        "most",
        "several",
        "all",
    ];
    let is_quantity = |q: usize| {
        let quantity = &s.tokens[q];
        let word = quantity.text(s.doc);
        quantity.tag == Upos::NUM || QUANTITIES.iter().any(|w| word.eq_ignore_ascii_case(w))
    };
    let Some(mut q) = start.checked_sub(2) else {
        return false;
    };
    if !is_quantity(q) {
        return false;
    }
    // "tens of thousands of students"
    while q >= 2 && s.tokens[q - 1].text(s.doc).eq_ignore_ascii_case("of") && is_quantity(q - 2) {
        q -= 2;
    }
    q.checked_sub(1)
        .is_none_or(|p| !matches!(s.tokens[p].tag, Upos::ADP | Upos::VERB))
}

/// Whether two mentions resolve to the same entity.
fn same_entity(s: &Sentence, a: usize, b: usize) -> bool {
    s.mentions[a].entity == s.mentions[b].entity
}

fn first_of_group(s: &Sentence, m: usize) -> usize {
    let g = s.mentions[m].group;
    s.mentions.iter().position(|x| x.group == g).unwrap_or(m)
}

impl<'a> Sentence<'a> {
    fn new(
        doc: &'a str,
        tokens: &'a [Token],
        mentions: &'a [Mention],
        words: &'a PatternWords,
    ) -> Sentence<'a> {
        let mut starts = vec![None; tokens.len() + 1];
        let mut ends = vec![None; tokens.len() + 1];
        for (i, m) in mentions.iter().enumerate() {
            starts[m.start] = Some(i);
            ends[m.end - 1] = Some(i);
        }
        let bits: Vec<TokenBits> = tokens.iter().map(|t| TokenBits::of(doc, t)).collect();
        let mut signature = Signature::default();
        for &token in &bits {
            signature.add_token(token);
        }
        Sentence {
            doc,
            tokens,
            mentions,
            times: &[],
            speaker: None,
            starts,
            ends,
            words: signature,
            token_bits: bits,
            skippable: vec![Cell::new(None); tokens.len()],
            element_starts: vec![[Cell::new(None), Cell::new(None)]; tokens.len() + 1],
            word_ids: TokenWords::new(words, tokens.len()),
        }
    }

    /// Whether token `p` may stand between pattern elements ([`skippable`]).
    fn may_skip(&self, p: usize) -> bool {
        if let Some(known) = self.skippable[p].get() {
            return known;
        }
        let token = &self.tokens[p];
        let known = skippable(token.tag, token.text(self.doc));
        self.skippable[p].set(Some(known));
        known
    }

    /// Where a pattern element after `pos` may start: `pos`, then past up to five skippable tokens, a day
    /// phrase ("captured on Thursday a key neighbourhood") or, in a passive clause, a "by X" phrase. The same
    /// for every pattern tried at `pos`, so worked out once.
    fn starts_after(&self, pos: usize, passive: bool) -> Starts {
        let cache = self
            .element_starts
            .get(pos)
            .map(|voices| &voices[usize::from(passive)]);
        if let Some(known) = cache.and_then(Cell::get) {
            return known;
        }
        let mut starts = Starts::only(pos);
        let n = self.tokens.len();
        let mut p = pos;
        while p < n && usize::from(starts.count) < starts.at.len() {
            if passive
                && self.tokens[p].text(self.doc).eq_ignore_ascii_case("by")
                && let Some(m) = self.starts.get(p + 1).copied().flatten()
            {
                p = self.mentions[m].end;
                starts.push(p);
                continue;
            }
            if self.tokens[p].text(self.doc).eq_ignore_ascii_case("on")
                && self
                    .tokens
                    .get(p + 1)
                    .is_some_and(|t| is_weekday(t.tag, t.text(self.doc)))
            {
                p += 2;
                starts.push(p);
                continue;
            }
            let participle = self.tokens[p].tag == Upos::VERB
                && dyad_text::lexicon::is_past_form(self.tokens[p].text(self.doc))
                && self
                    .tokens
                    .get(p + 1)
                    .is_some_and(|t| matches!(t.tag, Upos::NOUN | Upos::PROPN | Upos::ADJ));
            if !(self.may_skip(p) || participle) {
                break;
            }
            p += 1;
            starts.push(p);
        }
        if let Some(cell) = cache {
            cell.set(Some(starts));
        }
        starts
    }
}

/// Candidate start positions of a pattern element, nearest first (see [`Sentence::starts_after`]).
#[derive(Debug, Clone, Copy)]
struct Starts {
    at: [u32; 6],
    count: u8,
}

impl Starts {
    /// Exactly at `pos`.
    fn only(pos: usize) -> Starts {
        Starts {
            at: [pos as u32; 6],
            count: 1,
        }
    }

    fn push(&mut self, pos: usize) {
        self.at[usize::from(self.count)] = pos as u32;
        self.count += 1;
    }

    fn positions(self) -> impl Iterator<Item = usize> {
        self.at
            .into_iter()
            .take(usize::from(self.count))
            .map(|p| p as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_dict::petrarch::{PetrarchKind, read};
    use dyad_text::{Analyzer, Origin};

    const ACTORS: &str = "\
ARNOR [ARN]
GONDOR [GON]
OSGILIATH [OSG]
BREE [BRE]
DENMARK [DNK]
+DANISH
";
    const AGENTS: &str = "\
AMBASSADOR [~GOV]
GOVERNMENT [~GOV]
MEDIA {} [~MED]
";
    const VERBS: &str = "\
&TIETYPES
+ECONOMIC
+CULTURAL
--- ARRIVE  [032:033]  ---
ARRIVE
--- WELCOME  [041] ---
WELCOME
- * &TIETYPES_MEMOS  [912]
- * &TIETYPES ASSURANCES [914]
--- PRESENT  [032] ---
PRESENT
--- WARN  [160] ---
WARN
";

    /// (source codes, event code, target codes) of the events coded in `text` with PETRARCH-1
    /// dictionaries.
    fn code(text: &str) -> Vec<(String, String, String)> {
        let mut set = read(ACTORS, "actors.txt", PetrarchKind::Actors);
        set.extend(read(AGENTS, "agents.txt", PetrarchKind::Agents));
        set.extend(read(VERBS, "verbs.txt", PetrarchKind::Verbs));
        let coder = Coder::new(Compiled::build(set));
        let doc = Document {
            id: "t".into(),
            title: None,
            text: text.into(),
            date: Some(jiff::civil::Date::constant(1995, 1, 1)),
            url: None,
            source: None,
            origin: Origin {
                path: "t".into(),
                record: None,
            },
        };
        let analysis = Analyzer::default().analyse(&doc.text);
        let codes = |list: &[EventActor]| {
            list.iter()
                .map(|a| a.code.clone().unwrap_or_default())
                .collect::<Vec<_>>()
                .join("+")
        };
        coder
            .code(&doc, &analysis, &mut Scratch::default(), false)
            .events
            .iter()
            .map(|e| (codes(&e.actors), e.cameo.code.clone(), codes(&e.recipients)))
            .collect()
    }

    fn triple(a: &str, c: &str, b: &str) -> (String, String, String) {
        (a.into(), c.into(), b.into())
    }

    #[test]
    fn reciprocal_codes_code_both_directions() {
        assert_eq!(
            code("Arnor arrived in Gondor on Monday."),
            [triple("ARN", "032", "GON"), triple("GON", "033", "ARN")]
        );
    }

    #[test]
    fn underscores_join_adjacent_words_and_spaces_let_words_pass() {
        assert_eq!(
            code("Arnor welcomed economic memos from Bree."),
            [triple("ARN", "912", "BRE")]
        );
        assert_eq!(
            code("Arnor welcomed economic internal memos from Bree."),
            [triple("ARN", "041", "BRE")],
            "&TIETYPES_MEMOS needs the two words side by side"
        );
        assert_eq!(
            code("Arnor welcomed cultural internal assurances from Bree."),
            [triple("ARN", "914", "BRE")]
        );
    }

    #[test]
    fn shared_roles_and_modifiers_reach_every_member_of_a_compound() {
        assert_eq!(
            code("The ambassadors of Arnor, Osgiliath and Gondor presented credentials to Bree."),
            [triple("ARNGOV+OSGGOV+GONGOV", "032", "BRE")]
        );
        assert_eq!(
            code("Danish media and government warned Gondor."),
            [triple("DNKMED+DNKGOV", "160", "GON")]
        );
    }
}
