//! The event record: one schema, documented in `docs/events.md`, that every output format is derived from.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// An actor or recipient of an event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventActor {
    /// The text of the mention in the sentence ("the Hamas leader", "he").
    pub text: String,
    /// The resolved entity's name ("Khaled Meshaal"), or the mention text for unknown actors.
    pub name: String,
    /// CAMEO actor code ("PSEREBHMS"), when the dictionaries give one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Country (ISO3 or CAMEO root), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Sector/agent codes, when known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<String>,
    /// Byte span of the mention in the document text.
    pub span: [u32; 2],
    /// Document-level entity number: mentions of the same entity share it.
    pub entity: u32,
}

/// When the event happened.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventDate {
    /// The resolved day (the start of the range for coarser precisions).
    pub date: Option<Date>,
    /// Last day of the range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// day, week, month, season, year, decade, or publication (no time expression: the story's date).
    pub precision: &'static str,
    /// The time expression, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The event ended well before publication (more than 30 days).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub historical: bool,
    /// The event lies after publication (planned, scheduled).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub future: bool,
}

/// Where the event happened: a gazetteer entry and the text that names it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Place {
    /// The place expression in the text ("the Qatari capital", "Doha").
    pub text: String,
    /// Byte span of the expression in the document text.
    pub span: [u32; 2],
    /// The gazetteer's name ("Doha").
    pub name: String,
    /// ISO 3166-1 alpha-3 country code ("QAT").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// First-level administrative division (GeoNames admin1 code, "ISO2.code" form, e.g. "QA.01").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Latitude in degrees (WGS84).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in degrees (WGS84).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Gazetteer feature id (GeoNames id), when the entry has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature_id: Option<u64>,
    /// What the entry is: country, admin1, city, region.
    pub feature: String,
    /// How precisely the place is known: country, admin1, city.
    pub resolution: String,
    /// Where the place came from: clause (in the event's clause), sentence, dateline.
    pub source: String,
}

/// CAMEO classification.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cameo {
    /// Event code ("036", "0331").
    pub code: String,
    /// 3-digit base code.
    pub base: String,
    /// 2-digit root code.
    pub root: String,
    /// Name of the code.
    pub name: String,
    /// Goldstein score (GDELT table).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f64>,
    /// QuadClass: 1 verbal cooperation … 4 material conflict (0 for a code outside CAMEO).
    pub quad_class: u8,
    /// Which QuadClass variant `quad_class` follows ("gdelt": roots 01–05, 06–09, 10–14, 15–20).
    pub quad_variant: &'static str,
    /// Which Goldstein table `goldstein` comes from ("gdelt").
    pub goldstein_table: &'static str,
}

/// PLOVER classification derived from the CAMEO code.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Plover {
    /// Event type ("AGREE").
    #[serde(rename = "type")]
    pub event_type: String,
    /// Mode, when the mapping gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// Contexts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    /// PLOVER score (-10..10).
    pub score: f64,
    /// PLOVER auxiliary modes: historical, future, hypothetical, negation.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub auxiliary: Vec<&'static str>,
}

/// The text that proves the event.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Evidence {
    /// The sentence.
    pub sentence: String,
    /// Byte span of the sentence in the document.
    pub sentence_span: [u32; 2],
    /// Byte span of the trigger (verb or noun).
    pub trigger: [u32; 2],
    /// Byte spans of the source mentions.
    pub source: Vec<[u32; 2]>,
    /// Byte spans of the target mentions.
    pub target: Vec<[u32; 2]>,
}

/// Who reports the event.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Attribution {
    /// The source the text attributes the event to ("a Hamas official", "the Associated Press"); absent when
    /// the reporter speaks in its own voice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<EventActor>,
    /// The reporter's own voice: no attribution in the sentence.
    pub narrator: bool,
    /// The event is told inside quotation marks.
    pub quoted: bool,
}

/// Every `Rule::construction` the coder writes: how the clause was read.
pub const CONSTRUCTIONS: &[&str] = &[
    "active",
    "passive",
    "nominal",
    "symmetric",
    "reported demand",
];

/// The rule that coded the event.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Rule {
    /// The pattern as written in its dictionary.
    pub pattern: String,
    /// Dictionary file and line.
    pub source: String,
    /// How the clause was read: one of [`CONSTRUCTIONS`].
    pub construction: &'static str,
}

/// One coded event.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Event {
    /// Stable id: document id, sentence index and event number in the sentence.
    pub id: String,
    /// Document id.
    pub doc_id: String,
    /// 0-based index of the sentence among the document's units.
    pub sentence: u32,
    /// Publication date of the document.
    pub published: Option<Date>,
    /// When the event happened.
    pub date: EventDate,
    /// Where the event happened, when the text says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Who acted (several for compound or mutual events).
    pub actors: Vec<EventActor>,
    /// On whom (may be empty).
    pub recipients: Vec<EventActor>,
    /// CAMEO classification.
    pub cameo: Cameo,
    /// PLOVER classification (absent for CAMEO 01/02 codes, which PLOVER drops).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plover: Option<Plover>,
    /// The text that proves it.
    pub evidence: Evidence,
    /// Who reports it.
    pub attribution: Attribution,
    /// The rule that fired.
    pub rule: Rule,
    /// How the text presents the event: asserted, negated, intent, obligation, conditional, question, possible.
    pub modality: crate::modality::Modality,
    /// Confidence in [0, 1].
    pub confidence: f64,
}
