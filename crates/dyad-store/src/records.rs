//! Reading stored mentions back as dyad event records, with their document and the figures of the
//! deduplicated event they belong to: what the exporters write.

use crate::query::Filter;
use crate::{Store, StoreError, number_date};
use dyad_coder::Event;
use dyad_coder::event::{Attribution, Cameo, EventDate, Evidence, Place, Plover, Rule};
use dyad_coder::modality::Modality;
use dyad_ontology::{GoldsteinTable, QuadVariant};
use jiff::civil::Date;
use rusqlite::Row;

/// The document a stored record comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDocument {
    /// The input's own id.
    pub id: String,
    /// Canonical URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publisher (or the url's host).
    pub source: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// Bytes of text.
    pub length: u32,
}

/// The deduplicated event a record belongs to (GDELT's counts).
#[derive(Debug, Clone, PartialEq)]
pub struct EventFigures {
    /// The event's key (GDELT's GlobalEventID).
    pub event_key: i64,
    /// Reports of the event.
    pub num_mentions: u32,
    /// Distinct publishers reporting it.
    pub num_sources: u32,
    /// Distinct documents reporting it.
    pub num_articles: u32,
    /// `YYYYMMDDHHMMSS` of the earliest report's publication, when any report is dated.
    pub first_added: Option<String>,
}

/// A stored mention as an event record.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    /// The event record, as the coder wrote it.
    pub event: Event,
    /// Its document.
    pub document: StoredDocument,
    /// Its deduplicated event.
    pub figures: EventFigures,
}

/// Which records to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Records {
    /// Every mention of the matching events, in ingest order.
    Mentions,
    /// One record per matching event: its representative (most precisely dated) mention.
    Events,
}

fn known(value: &str, names: &[&'static str], what: &str) -> Result<&'static str, StoreError> {
    names
        .iter()
        .copied()
        .find(|name| *name == value)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown {what} {value:?}")))
}

const PRECISIONS: &[&str] = &[
    "day",
    "week",
    "month",
    "season",
    "year",
    "decade",
    "publication",
];
const AUXILIARY: &[&str] = &["historical", "future", "hypothetical", "negation"];

fn date(number: Option<i64>) -> Result<Option<Date>, StoreError> {
    number
        .map(|n| number_date(n).ok_or_else(|| StoreError::Corrupt(format!("date {n}"))))
        .transpose()
}

fn list(joined: Option<String>) -> Vec<String> {
    joined
        .filter(|s| !s.is_empty())
        .map(|s| s.split(';').map(str::to_string).collect())
        .unwrap_or_default()
}

const SELECT: &str = "SELECT m.mention_key, m.record_id, d.source_id, s.idx, d.published, m.date,
    m.date_end, m.precision, m.date_text, m.historical, m.future, m.place, m.cameo_code, m.goldstein,
    m.quad, m.quad_variant, m.goldstein_table, m.plover_type, m.plover_mode, m.plover_context,
    m.plover_score, m.plover_aux, s.text, s.start, s.end, m.trigger_start, m.trigger_end, m.narrator,
    m.quoted, m.rule_pattern, m.rule_source, m.construction, m.modality, m.confidence, d.url, d.title,
    d.source, d.length, e.event_key, e.num_mentions, e.num_sources, e.num_articles, e.first_added,
    m.actors, m.recipients, m.speaker";

impl Store {
    /// Calls `each` on the records of the events matching `filter`; returns how many.
    pub fn each_record<E: From<StoreError>>(
        &self,
        filter: &Filter,
        which: Records,
        mut each: impl FnMut(&StoredRecord) -> Result<(), E>,
    ) -> Result<u64, E> {
        let (join, order) = match which {
            Records::Mentions => ("m.event_key = e.event_key", "m.mention_key"),
            Records::Events => ("m.mention_key = e.representative", "e.event_key"),
        };
        let conditions = filter.sql_conditions(self.epochs()?);
        let sql = format!(
            "{SELECT} FROM events e JOIN mentions m ON {join}
                 JOIN documents d ON d.doc_key = m.doc_key
                 JOIN sentences s ON s.sentence_key = m.sentence_key
             {} ORDER BY {order}",
            conditions.0
        );
        let mut statement = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = statement
            .query(rusqlite::params_from_iter(conditions.1.iter()))
            .map_err(StoreError::from)?;
        let mut count = 0;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let mut record = record(row)?;
            let event = &mut record.event;
            event.evidence.source = event.actors.iter().map(|a| a.span).collect();
            if event.rule.construction != "symmetric" {
                event.evidence.target = event.recipients.iter().map(|a| a.span).collect();
            }
            each(&record)?;
            count += 1;
        }
        Ok(count)
    }
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

fn record(row: &Row) -> Result<StoredRecord, StoreError> {
    let code: String = row.get(12)?;
    let info = dyad_ontology::cameo_event(&code);
    let place: Option<String> = row.get(11)?;
    let place: Option<Place> = place.map(|json| from_json(&json, "place")).transpose()?;
    let speaker: Option<String> = row.get(45)?;
    let quad_variants: Vec<&'static str> = QuadVariant::ALL.iter().map(|v| v.as_str()).collect();
    let tables: Vec<&'static str> = GoldsteinTable::ALL.iter().map(|t| t.as_str()).collect();
    let plover_type: Option<String> = row.get(17)?;
    let plover = match plover_type {
        Some(event_type) => Some(Plover {
            event_type,
            mode: row.get(18)?,
            context: list(row.get(19)?),
            score: row.get::<_, Option<f64>>(20)?.unwrap_or(0.0),
            auxiliary: list(row.get(21)?)
                .iter()
                .map(|aux| known(aux, AUXILIARY, "auxiliary mode"))
                .collect::<Result<_, _>>()?,
        }),
        None => None,
    };
    let published = date(row.get(4)?)?;
    let event = Event {
        id: row.get(1)?,
        doc_id: row.get(2)?,
        sentence: row.get(3)?,
        published,
        date: EventDate {
            date: date(row.get(5)?)?,
            end: date(row.get(6)?)?,
            precision: known(&row.get::<_, String>(7)?, PRECISIONS, "precision")?,
            text: row.get(8)?,
            historical: row.get(9)?,
            future: row.get(10)?,
        },
        place,
        actors: from_json(&row.get::<_, String>(43)?, "actors")?,
        recipients: from_json(&row.get::<_, String>(44)?, "recipients")?,
        cameo: Cameo {
            base: code.chars().take(3).collect(),
            root: code.chars().take(2).collect(),
            name: info.map_or("(not a CAMEO code)", |i| i.name()).to_string(),
            code,
            goldstein: row.get(13)?,
            quad_class: row.get(14)?,
            quad_variant: known(&row.get::<_, String>(15)?, &quad_variants, "quad variant")?,
            goldstein_table: known(&row.get::<_, String>(16)?, &tables, "Goldstein table")?,
        },
        plover,
        evidence: Evidence {
            sentence: row.get(22)?,
            sentence_span: [row.get(23)?, row.get(24)?],
            trigger: [row.get(25)?, row.get(26)?],
            source: Vec::new(),
            target: Vec::new(),
        },
        attribution: Attribution {
            speaker: speaker
                .map(|json| from_json(&json, "speaker"))
                .transpose()?,
            narrator: row.get(27)?,
            quoted: row.get(28)?,
        },
        rule: Rule {
            pattern: row.get(29)?,
            source: row.get(30)?,
            construction: known(
                &row.get::<_, String>(31)?,
                dyad_coder::event::CONSTRUCTIONS,
                "construction",
            )?,
        },
        modality: {
            let name: String = row.get(32)?;
            Modality::from_name(&name)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown modality {name:?}")))?
        },
        confidence: row.get(33)?,
    };
    Ok(StoredRecord {
        event,
        document: StoredDocument {
            id: row.get(2)?,
            url: row.get(34)?,
            title: row.get(35)?,
            source: row.get(36)?,
            published,
            length: row.get(37)?,
        },
        figures: EventFigures {
            event_key: row.get(38)?,
            num_mentions: row.get(39)?,
            num_sources: row.get(40)?,
            num_articles: row.get(41)?,
            first_added: row.get(42)?,
        },
    })
}
