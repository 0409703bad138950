//! The dictionary model every reader produces and the compiler consumes: actors (countries, people,
//! organisations), agents (role nouns), event patterns, synonym sets, discards and issues.

use crate::text::Text;
use dyad_ontology::{PloverMode, PloverType};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Where an entry was read from (for messages, `dyad dict lookup` and `--explain`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// File path, or `builtin:NAME` for the embedded dictionaries.
    pub file: Text,
    /// 1-based line of the entry's first line.
    pub line: u32,
}

/// An inclusive date range; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DateRange {
    /// First day covered, if bounded.
    #[serde(with = "date_numbers")]
    pub from: Option<Date>,
    /// Last day covered, if bounded.
    #[serde(with = "date_numbers")]
    pub to: Option<Date>,
}

/// Serializes a date as its (year, month, day) numbers rather than as ISO text, which the dictionary image
/// would have to parse again on every start.
mod date_numbers {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
        date.map(|d| (d.year(), d.month(), d.day()))
            .serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Date>, D::Error> {
        Option::<(i16, i8, i8)>::deserialize(deserializer)?
            .map(|(year, month, day)| Date::new(year, month, day).map_err(serde::de::Error::custom))
            .transpose()
    }
}

impl DateRange {
    /// Whether `date` falls in the range.
    pub fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }
}

/// A code valid over a date range (`None`: the default, used when no dated code matches).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedCode {
    /// CAMEO actor code ("RUSGOV").
    pub code: Text,
    /// When the code applies.
    pub range: Option<DateRange>,
}

/// How a name refers to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NameUse {
    /// A name of the actor ("Russia", "Sergei Lavrov").
    Name,
    /// A nationality adjective that codes like the country when it modifies a noun ("Russian").
    Adjective,
    /// A plural people noun ("Russians").
    Demonym,
    /// The capital used as a metonym ("Moscow said").
    Capital,
    /// A seat of government used as a metonym ("the Kremlin"): codes as the country's government.
    Seat,
}

/// One way of writing a name: words separated by single spaces, as the tokenizer splits text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    /// The words, space separated ("sergei lavrov" is matched case-insensitively).
    pub text: Text,
    /// Match only when the text is written in capitals (short acronyms such as "US", "ICC").
    pub case_sensitive: bool,
    /// How this name refers to the actor.
    pub usage: NameUse,
}

/// What kind of thing an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A state or territory.
    Country,
    /// A person.
    Person,
    /// An organisation of unspecified type.
    Organisation,
    /// An intergovernmental organisation.
    Igo,
    /// A non-governmental organisation.
    Ngo,
    /// An armed or militant group.
    Group,
    /// A political party.
    Party,
    /// A news organisation.
    Media,
    /// A company.
    Company,
    /// A place that is not a country.
    Place,
    /// Not stated (PETRARCH dictionaries do not say).
    Unknown,
}

/// An actor: a country, person or organisation with its names and codes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical name.
    pub name: Text,
    /// Every way of writing it (the canonical name included).
    pub names: Vec<Phrase>,
    /// What it is.
    pub kind: ActorKind,
    /// ISO3/CAMEO country code, when known.
    pub country: Option<Text>,
    /// Sector codes, when known.
    pub sectors: Vec<Text>,
    /// Codes in order: the first whose range covers the date wins, an undated code is the default.
    pub codes: Vec<DatedCode>,
    /// Offices or roles held, with dates (free text).
    pub roles: Vec<(Text, Option<DateRange>)>,
    /// Descriptions later mentions may use for this actor ("the group", "the movement").
    pub refs: Vec<Text>,
    /// Validity of the actor itself (historical states).
    pub valid: Option<DateRange>,
    /// Where it was defined.
    pub source: Source,
}

impl Actor {
    /// The code in force on `date`, else the default code. Without a date, the code of an office still
    /// held (a range open at its end) is taken as current.
    pub fn code_on(&self, date: Option<Date>) -> Option<&str> {
        let dated = match date {
            Some(date) => self
                .codes
                .iter()
                .find(|c| c.range.is_some_and(|r| r.contains(date))),
            None => self
                .codes
                .iter()
                .find(|c| c.range.is_some_and(|r| r.to.is_none())),
        };
        if let Some(dated) = dated {
            return Some(&dated.code);
        }
        self.codes
            .iter()
            .find(|c| c.range.is_none())
            .or_else(|| self.codes.first())
            .map(|c| c.code.as_str())
    }
}

/// How an agent's code combines with the actor code of its noun phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgentCode {
    /// Appended after the country code (`~GOV`: "Russian minister" → RUSGOV).
    Suffix(Text),
    /// Put before the country code (`IGO~`: "peacekeepers" → IGO + ...).
    Prefix(Text),
}

/// A role or generic actor noun ("foreign minister", "rebels").
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Agent {
    /// The nouns, singular and plural forms (generated plurals included).
    pub nouns: Vec<Phrase>,
    /// The code it contributes.
    pub code: AgentCode,
    /// Where it was defined.
    pub source: Source,
}

/// Whether an event pattern is triggered by a verb or a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TriggerKind {
    /// A verb, matched by lemma.
    Verb,
    /// A noun, matched by lemma (singular).
    Noun,
}

/// One element of a pattern besides the trigger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Element {
    /// A word, matched by lemma or lower-cased form.
    Word(Text),
    /// Any one of several words.
    AnyOf(Vec<Text>),
    /// Any member of a named synonym set (members may be multiword).
    Set(Text),
    /// An optional element.
    Optional(Box<Element>),
    /// Up to this many tokens of anything.
    Gap(u8),
    /// The target actor slot.
    Target,
    /// The source actor slot.
    Source,
    /// A compound actor slot (TABARI/PETRARCH-1 `%`, e.g. `- % * MET`, `- * BETWEEN %`): the actor
    /// here is a compound ("X and Y") whose members are coded against each other, each as source and
    /// target of the others ("Israel and Syria met"). When the pattern also has a `Source` or `Target`
    /// slot, the compound fills the other role. (Our reading of TABARI's `%`; PETRARCH-1 parsed it but
    /// left it unimplemented.)
    Compound,
    /// One noun phrase passed over without binding it (TABARI/PETRARCH-1 `^`): an actor mention, else a
    /// run of determiners, adjectives, numbers and nouns.
    Skip,
}

/// Pattern flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PatternFlags {
    /// The event is mutual ("X and Y met").
    pub symmetric: bool,
    /// Only in the passive voice.
    pub passive_only: bool,
    /// The pattern never takes a target.
    pub no_target: bool,
    /// TABARI/PETRARCH-1 semantics: words match their written form (not their lemma), elements are
    /// adjacent unless a [`Element::Gap`] stands between them (the reader puts one where the pattern has a
    /// space rather than `_`), a passive clause is read as passive only when it names its agent ("was
    /// opposed by X"), and a target the pattern leaves open is the first actor of the verb phrase.
    pub literal: bool,
}

/// An event pattern: trigger word plus context, giving a CAMEO event code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pattern {
    /// CAMEO event code ("036").
    pub code: Text,
    /// Verb or noun trigger.
    pub kind: TriggerKind,
    /// Trigger lemmas (alternatives; usually one).
    pub trigger: Vec<Text>,
    /// Elements that must precede the trigger, in order (PETRARCH pre-verb patterns).
    pub before: Vec<Element>,
    /// Elements that must follow the trigger, in order.
    pub after: Vec<Element>,
    /// Flags.
    pub flags: PatternFlags,
    /// The PLOVER type and mode the action entry sets for its events in place of its CAMEO code's translation
    /// (CAMEO 173 covers charging with a crime; PLOVER counts an indictment as an ACCUSE `allege`).
    pub plover: Option<PloverOverride>,
    /// The code of the event the target directs back at the source, for TABARI/PETRARCH-1 codes
    /// `[A:B]` ("X arrived in Y" is X visits Y, 032, and Y hosts X, 033).
    pub reverse_code: Option<Text>,
    /// The pattern as written, for explanations.
    pub text: Text,
    /// Whether the coder applies dyad's modality conventions to the pattern's events (intended cooperation
    /// becomes 03x, intended conflict 13x, negated events are set apart). PETRARCH dictionaries encode modal
    /// phrasings in their own patterns, so their patterns are coded as written.
    pub modal_conventions: bool,
    /// Where it was defined.
    pub source: Source,
}

/// A PLOVER translation set by a dictionary action entry (`plover: ACCUSE allege`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PloverOverride {
    /// The event type.
    pub event: PloverType,
    /// One of the type's modes, if given.
    pub mode: Option<&'static PloverMode>,
}

impl<'de> Deserialize<'de> for PloverOverride {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let text = String::deserialize(deserializer)?;
        let mut words = text.split_whitespace();
        let event: PloverType = words
            .next()
            .unwrap_or("")
            .parse()
            .map_err(D::Error::custom)?;
        let mode =
            match words.next() {
                Some(name) => Some(event.mode(name).ok_or_else(|| {
                    D::Error::custom(format!("PLOVER {event} has no mode {name:?}"))
                })?),
                None => None,
            };
        Ok(PloverOverride { event, mode })
    }
}

impl Serialize for PloverOverride {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.mode {
            Some(mode) => serializer.collect_str(&format_args!("{} {}", self.event, mode.name())),
            None => serializer.collect_str(&self.event),
        }
    }
}

/// What a discard phrase discards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiscardScope {
    /// The sentence containing the phrase.
    Sentence,
    /// The whole story.
    Story,
}

/// A phrase that marks text not to code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Discard {
    /// The phrase.
    pub phrase: Phrase,
    /// What it discards.
    pub scope: DiscardScope,
    /// Where it was defined.
    pub source: Source,
}

/// An issue category and its phrases.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Issue {
    /// Category code ("ELECTIONS").
    pub category: Text,
    /// Phrases that signal it.
    pub phrases: Vec<Phrase>,
    /// Where it was defined.
    pub source: Source,
}

/// A line a reader could not use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    /// File and line.
    pub source: Source,
    /// Why.
    pub reason: String,
}

/// Everything read from one or more dictionary files.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DictionarySet {
    /// Actors.
    pub actors: Vec<Actor>,
    /// Agents.
    pub agents: Vec<Agent>,
    /// Event patterns.
    pub patterns: Vec<Pattern>,
    /// Synonym sets: name (without `&`, lower case) → members (lower case, space separated words).
    pub sets: Vec<(Text, Vec<Text>)>,
    /// Discard phrases.
    pub discards: Vec<Discard>,
    /// Issue categories.
    pub issues: Vec<Issue>,
    /// Lines that were rejected, with reasons.
    pub rejected: Vec<Rejected>,
}

impl DictionarySet {
    /// Adds everything from `other`.
    pub fn extend(&mut self, other: DictionarySet) {
        self.actors.extend(other.actors);
        self.agents.extend(other.agents);
        self.patterns.extend(other.patterns);
        self.sets.extend(other.sets);
        self.discards.extend(other.discards);
        self.issues.extend(other.issues);
        self.rejected.extend(other.rejected);
    }
}

/// Regular English plurals of a noun phrase's last word ("minister" → "ministers", "party" → "parties",
/// "coach" → "coaches"); a phrase ending in `s` or a non-letter gets none.
pub fn regular_plural(phrase: &str) -> Option<String> {
    let last = phrase.rsplit(' ').next()?;
    let lower = last.to_ascii_lowercase();
    if lower.is_empty() || !lower.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
        return None;
    }
    let stem = &phrase[..phrase.len() - last.len()];
    let plural = if lower.ends_with('s') && !lower.ends_with("ss") {
        return None;
    } else if lower.ends_with("ss")
        || lower.ends_with("sh")
        || lower.ends_with("ch")
        || lower.ends_with('x')
        || lower.ends_with('z')
    {
        format!("{last}es")
    } else if lower.ends_with('y')
        && !lower.ends_with("ay")
        && !lower.ends_with("ey")
        && !lower.ends_with("oy")
        && !lower.ends_with("uy")
    {
        format!("{}ies", &last[..last.len() - 1])
    } else {
        format!("{last}s")
    };
    Some(format!("{stem}{plural}"))
}
