//! The rows a batch appends, kept until the end of its transaction and then written table by table in key
//! order with multi-row `INSERT`s: one statement per 64 rows instead of one per row. (Each statement
//! execution costs binding, a virtual machine run and its reset, more than the row itself.) The events the
//! batch creates are kept too, with what its later reports change in them (counts, refined dates), and
//! written once; events stored by earlier batches are updated in place.

use crate::StoreError;
use crate::memory::{FastMap, Memory};
use dyad_coder::Event;
use dyad_coder::event::EventActor;
use dyad_text::Document;
use rusqlite::{Statement, Transaction};
use std::collections::BTreeSet;

/// Rows per multi-row `INSERT`.
const ROWS_PER_STATEMENT: usize = 64;

/// A document row.
pub(crate) struct DocumentRow<'a> {
    pub key: i64,
    pub uid: String,
    pub doc: &'a Document,
    pub source: Option<String>,
    pub sentences: u32,
    pub events: usize,
}

/// An evidence sentence (and its full-text entry): the sentence of `event`.
pub(crate) struct SentenceRow<'a> {
    pub key: i64,
    pub doc_key: i64,
    pub event: &'a Event,
}

/// An entity of a document.
pub(crate) struct EntityRow<'a> {
    pub doc_key: i64,
    pub actor: &'a EventActor,
}

/// A mention: a report of an event.
pub(crate) struct MentionRow<'a> {
    pub key: i64,
    pub event_key: i64,
    pub doc_key: i64,
    pub sentence_key: i64,
    pub event: &'a Event,
    /// Its event's number in the batch (all documents' events in order): where its JSON is.
    pub number: usize,
}

/// The JSON columns of a mention: actors, recipients, speaker and place.
pub(crate) struct MentionJson {
    pub actors: String,
    pub recipients: String,
    pub speaker: Option<String>,
    pub place: Option<String>,
}

/// An event the batch created, as its later reports left it.
pub(crate) struct EventRow<'a> {
    pub key: i64,
    pub dedup_key: i64,
    /// The report that created it (its code, actors and place are the event's).
    pub event: &'a Event,
    /// First and last day (days since 1970-01-01).
    pub range: Option<(i64, i64)>,
    /// `YYYYMMDD` of the most precise report.
    pub date: Option<i64>,
    pub precision: &'static str,
    pub mentions: i64,
    pub sources: i64,
    pub articles: i64,
    /// The mention key of the most precisely dated report.
    pub representative: i64,
    pub first_added: Option<String>,
}

/// A country posting: (epoch, country number ([`crate::memory::DedupIndex::country_number`]), date,
/// event key).
pub(crate) type Posting = (i64, u32, i64, i64);

/// What a batch has appended so far.
#[derive(Default)]
pub(crate) struct Pending<'a> {
    /// The key of the batch's first new event (one more than the highest stored).
    pub first_event: i64,
    /// The events the batch created, in key order from `first_event`.
    pub events: Vec<EventRow<'a>>,
    pub documents: Vec<DocumentRow<'a>>,
    pub sentences: Vec<SentenceRow<'a>>,
    pub entities: Vec<EntityRow<'a>>,
    pub mentions: Vec<MentionRow<'a>>,
    /// Country postings to add (those a later report of the batch moved are gone from here).
    pub postings: BTreeSet<Posting>,
    /// For the events this batch created or reported: the documents reporting them (key and source
    /// number, [`crate::memory::Sources`]), the stored ones included.
    pub reporters: FastMap<i64, Vec<(i64, u32)>>,
}

impl<'a> Pending<'a> {
    /// The batch's event `key`, when the batch created it.
    pub fn event_mut(&mut self, key: i64) -> Option<&mut EventRow<'a>> {
        let index = usize::try_from(key.checked_sub(self.first_event)?).ok()?;
        self.events.get_mut(index)
    }

    /// Writes the rows and the changed rows of `dyad_years_recent`; `json` holds the JSON columns of
    /// every event of the batch, in order.
    pub fn write(
        &self,
        tx: &Transaction,
        memory: &mut Memory,
        json: &[MentionJson],
    ) -> Result<(), StoreError> {
        // One row a statement: a multi-row statement keeps a statement journal, which copies every
        // existing page it changes, and each event changes a page of each of the three event indexes.
        let mut insert_event = tx.prepare_cached(
            "INSERT INTO events (event_key, dedup_key, day_start, day_end, date, precision, cameo_code,
                 cameo_base, cameo_root, quad, goldstein, plover_type, modality, actor1_code, actor1_name,
                 actor1_country, actor2_code, actor2_name, actor2_country, place_name, place_country,
                 place_lat, place_lon, num_mentions, num_sources, num_articles, representative,
                 first_added)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                 ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
        )?;
        for row in &self.events {
            bind_event(&mut insert_event, 1, row)?;
            insert_event.raw_execute()?;
        }
        insert_rows(
            tx,
            "INSERT INTO documents (doc_key, uid, source_id, url, title, source, published, length,
                 sentences, events)",
            10,
            "",
            &self.documents,
            |st, at, row| {
                let doc = row.doc;
                bind(st, at, &row.key)?;
                bind(st, at + 1, &row.uid)?;
                bind(st, at + 2, &doc.id)?;
                bind(st, at + 3, &doc.url)?;
                bind(st, at + 4, &doc.title)?;
                bind(st, at + 5, &row.source)?;
                bind(st, at + 6, &doc.date.map(crate::date_number))?;
                bind(st, at + 7, &(doc.text.len() as i64))?;
                bind(st, at + 8, &row.sentences)?;
                bind(st, at + 9, &(row.events as i64))
            },
        )?;
        insert_rows(
            tx,
            "INSERT INTO sentences (sentence_key, doc_key, idx, start, end, text)",
            6,
            "",
            &self.sentences,
            |st, at, row| {
                let evidence = &row.event.evidence;
                bind(st, at, &row.key)?;
                bind(st, at + 1, &row.doc_key)?;
                bind(st, at + 2, &row.event.sentence)?;
                bind(st, at + 3, &evidence.sentence_span[0])?;
                bind(st, at + 4, &evidence.sentence_span[1])?;
                bind(st, at + 5, &evidence.sentence)
            },
        )?;
        // The full-text index of the new sentences in one statement: FTS5 writes its pending entries out at
        // every statement savepoint (a multi-row insert opens one), so this makes one segment a batch.
        if let Some(first) = self.sentences.first() {
            tx.execute(
                "INSERT INTO evidence_fts (rowid, text)
                 SELECT sentence_key, text FROM sentences WHERE sentence_key >= ?1",
                [first.key],
            )?;
        }
        insert_rows(
            tx,
            "INSERT INTO entities (doc_key, entity, name, code, country)",
            5,
            "",
            &self.entities,
            |st, at, row| {
                bind(st, at, &row.doc_key)?;
                bind(st, at + 1, &row.actor.entity)?;
                bind(st, at + 2, &row.actor.name)?;
                bind(st, at + 3, &row.actor.code)?;
                bind(st, at + 4, &row.actor.country)
            },
        )?;
        insert_rows(
            tx,
            "INSERT INTO mentions (mention_key, event_key, doc_key, sentence_key, record_id, date, date_end,
                 precision, date_text, historical, future, cameo_code, quad, goldstein, quad_variant,
                 goldstein_table, plover_type, plover_mode, plover_context, plover_score, plover_aux,
                 modality, narrator, quoted, trigger_start, trigger_end, rule_pattern, rule_source,
                 construction, confidence, actors, recipients, speaker, place)",
            34,
            "",
            &self.mentions,
            |st, at, row| {
                let json = json.get(row.number).ok_or(rusqlite::Error::InvalidQuery)?;
                bind_mention(st, at, row, json)
            },
        )?;
        // By epoch, then country by country, each in the table's order.
        let postings: Vec<(i64, &str, i64, i64)> = self
            .postings
            .iter()
            .map(|&(epoch, country, date, event)| {
                let country = memory.dedup.country(country).unwrap_or_default();
                (epoch, country, date, event)
            })
            .collect();
        insert_rows(
            tx,
            "INSERT INTO event_countries (epoch, country, date, event_key)",
            4,
            "",
            &postings,
            |st, at, (epoch, country, date, event_key)| {
                bind(st, at, epoch)?;
                bind(st, at + 1, country)?;
                bind(st, at + 2, date)?;
                bind(st, at + 3, event_key)
            },
        )?;
        let recent = &mut memory.recent;
        let touched = recent.take_touched();
        insert_rows(
            tx,
            "INSERT INTO dyad_years_recent (epoch, year, actor1, actor2, events, goldstein, quad1, quad2,
                 quad3, quad4)",
            10,
            "ON CONFLICT (epoch, year, actor1, actor2) DO UPDATE SET events = excluded.events,
                 goldstein = excluded.goldstein, quad1 = excluded.quad1, quad2 = excluded.quad2,
                 quad3 = excluded.quad3, quad4 = excluded.quad4",
            &touched,
            |st, at, (key, sums)| {
                let (actor1, actor2) = recent.actors(key);
                bind(st, at, &key.epoch)?;
                bind(st, at + 1, &key.year)?;
                bind(st, at + 2, &actor1)?;
                bind(st, at + 3, &actor2)?;
                bind(st, at + 4, &sums.events)?;
                bind(st, at + 5, &sums.goldstein)?;
                for (i, quad) in sums.quads.iter().enumerate() {
                    bind(st, at + 6 + i, quad)?;
                }
                Ok(())
            },
        )?;
        Ok(())
    }
}

fn bind<T: rusqlite::ToSql + ?Sized>(
    st: &mut Statement,
    index: usize,
    value: &T,
) -> rusqlite::Result<()> {
    st.raw_bind_parameter(index, value)
}

fn bind_event(st: &mut Statement, at: usize, row: &EventRow) -> rusqlite::Result<()> {
    let event = row.event;
    let (actor1, actor2) = (event.actors.first(), event.recipients.first());
    let place = event.place.as_ref();
    bind(st, at, &row.key)?;
    bind(st, at + 1, &row.dedup_key)?;
    bind(st, at + 2, &row.range.map(|r| r.0))?;
    bind(st, at + 3, &row.range.map(|r| r.1))?;
    bind(st, at + 4, &row.date)?;
    bind(st, at + 5, row.precision)?;
    bind(st, at + 6, &event.cameo.code)?;
    bind(st, at + 7, &event.cameo.base)?;
    bind(st, at + 8, &event.cameo.root)?;
    bind(st, at + 9, &event.cameo.quad_class)?;
    bind(st, at + 10, &event.cameo.goldstein)?;
    bind(
        st,
        at + 11,
        &event.plover.as_ref().map(|p| p.event_type.as_str()),
    )?;
    bind(st, at + 12, event.modality.as_str())?;
    bind(st, at + 13, &actor1.and_then(|a| a.code.as_deref()))?;
    bind(st, at + 14, &actor1.map(|a| a.name.as_str()))?;
    bind(st, at + 15, &actor1.and_then(|a| a.country.as_deref()))?;
    bind(st, at + 16, &actor2.and_then(|a| a.code.as_deref()))?;
    bind(st, at + 17, &actor2.map(|a| a.name.as_str()))?;
    bind(st, at + 18, &actor2.and_then(|a| a.country.as_deref()))?;
    bind(st, at + 19, &place.map(|p| p.name.as_str()))?;
    bind(st, at + 20, &place.and_then(|p| p.country.as_deref()))?;
    bind(st, at + 21, &place.and_then(|p| p.lat))?;
    bind(st, at + 22, &place.and_then(|p| p.lon))?;
    bind(st, at + 23, &row.mentions)?;
    bind(st, at + 24, &row.sources)?;
    bind(st, at + 25, &row.articles)?;
    bind(st, at + 26, &row.representative)?;
    bind(st, at + 27, &row.first_added)
}

fn bind_mention(
    st: &mut Statement,
    at: usize,
    row: &MentionRow,
    json: &MentionJson,
) -> rusqlite::Result<()> {
    let event = row.event;
    let plover = event.plover.as_ref();
    bind(st, at, &row.key)?;
    bind(st, at + 1, &row.event_key)?;
    bind(st, at + 2, &row.doc_key)?;
    bind(st, at + 3, &row.sentence_key)?;
    bind(st, at + 4, &event.id)?;
    bind(st, at + 5, &event.date.date.map(crate::date_number))?;
    bind(st, at + 6, &event.date.end.map(crate::date_number))?;
    bind(st, at + 7, event.date.precision)?;
    bind(st, at + 8, &event.date.text)?;
    bind(st, at + 9, &event.date.historical)?;
    bind(st, at + 10, &event.date.future)?;
    bind(st, at + 11, &event.cameo.code)?;
    bind(st, at + 12, &event.cameo.quad_class)?;
    bind(st, at + 13, &event.cameo.goldstein)?;
    bind(st, at + 14, event.cameo.quad_variant)?;
    bind(st, at + 15, event.cameo.goldstein_table)?;
    bind(st, at + 16, &plover.map(|p| p.event_type.as_str()))?;
    bind(st, at + 17, &plover.and_then(|p| p.mode.as_deref()))?;
    bind(st, at + 18, &plover.map(|p| p.context.join(";")))?;
    bind(st, at + 19, &plover.map(|p| p.score))?;
    bind(st, at + 20, &plover.map(|p| p.auxiliary.join(";")))?;
    bind(st, at + 21, event.modality.as_str())?;
    bind(st, at + 22, &event.attribution.narrator)?;
    bind(st, at + 23, &event.attribution.quoted)?;
    bind(st, at + 24, &event.evidence.trigger[0])?;
    bind(st, at + 25, &event.evidence.trigger[1])?;
    bind(st, at + 26, &event.rule.pattern)?;
    bind(st, at + 27, &event.rule.source)?;
    bind(st, at + 28, event.rule.construction)?;
    bind(st, at + 29, &event.confidence)?;
    bind(st, at + 30, &json.actors)?;
    bind(st, at + 31, &json.recipients)?;
    bind(st, at + 32, &json.speaker)?;
    bind(st, at + 33, &json.place)
}

/// Inserts `rows` with `{head} VALUES (...), (...) {tail}` statements of up to [`ROWS_PER_STATEMENT`]
/// rows of `width` values; `bind_row` binds a row's values from parameter `at` (1-based) on.
fn insert_rows<R>(
    tx: &Transaction,
    head: &str,
    width: usize,
    tail: &str,
    rows: &[R],
    mut bind_row: impl FnMut(&mut Statement, usize, &R) -> rusqlite::Result<()>,
) -> Result<(), StoreError> {
    let sql = |count: usize| {
        let row = format!("({})", vec!["?"; width].join(", "));
        format!("{head} VALUES {} {tail}", vec![row; count].join(", "))
    };
    let mut chunks = rows.chunks_exact(ROWS_PER_STATEMENT);
    // The statement for full chunks is the same at every batch: it stays in the connection's cache
    // (preparing a statement of a few thousand parameters costs more than a batch's worth of its rows).
    if chunks.len() > 0 {
        let mut statement = tx.prepare_cached(&sql(ROWS_PER_STATEMENT))?;
        for chunk in &mut chunks {
            for (i, row) in chunk.iter().enumerate() {
                bind_row(&mut statement, i * width + 1, row)?;
            }
            statement.raw_execute()?;
        }
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut statement = tx.prepare(&sql(rest.len()))?;
        for (i, row) in rest.iter().enumerate() {
            bind_row(&mut statement, i * width + 1, row)?;
        }
        statement.raw_execute()?;
    }
    Ok(())
}
