//! The rows a batch appends, kept until the end of its transaction and then written table by table in key
//! order with multi-row `INSERT`s: one statement per 64 rows instead of one per row. (Each statement
//! execution costs binding, a virtual machine run and its reset, more than the row itself.) The events the
//! batch creates are kept too, with what its later reports change in them (counts, refined dates), and
//! written once; events stored by earlier batches are updated in place.

use crate::StoreError;
use crate::memory::{FastMap, Memory};
use crate::raw::{Params, RawStatement, StatementCache};
use dyad_coder::Event;
use dyad_coder::event::EventActor;
use dyad_text::Document;
use rusqlite::Transaction;
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
    /// Its event's number in the batch (all documents' events in order): where its made columns are.
    pub number: usize,
}

/// The columns of a mention made from its record rather than read from it: its actors, recipients,
/// speaker and place as JSON, and its PLOVER context and auxiliary modes joined by ';'. (Made on a second
/// thread while the batch is deduplicated.)
pub(crate) struct MentionText {
    pub actors: String,
    pub recipients: String,
    pub speaker: Option<String>,
    pub place: Option<String>,
    pub plover_context: Option<String>,
    pub plover_aux: Option<String>,
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

    /// Writes the rows and the changed rows of `dyad_years_recent`; `made` holds the made columns of
    /// every event of the batch, in order, and `cache` the statements of earlier batches.
    pub fn write(
        &self,
        tx: &Transaction,
        memory: &mut Memory,
        made: &[MentionText],
        cache: &mut StatementCache,
    ) -> Result<(), StoreError> {
        insert_rows(
            tx,
            cache,
            "INSERT OR FAIL INTO events (dedup_key, day_start, day_end, date, precision, cameo_code,
                 cameo_base, cameo_root, quad, goldstein, plover_type, modality, actor1_code, actor1_name,
                 actor1_country, actor2_code, actor2_name, actor2_country, place_name, place_country,
                 place_lat, place_lon, num_mentions, num_sources, num_articles, representative,
                 first_added)",
            27,
            "",
            &self.events,
            bind_event,
        )?;
        expect_last_key(tx, self.events.last().map(|row| row.key))?;
        insert_rows(
            tx,
            cache,
            "INSERT OR FAIL INTO documents (uid, source_id, url, title, source, published, length,
                 sentences, events)",
            9,
            "",
            &self.documents,
            |st, row| {
                let doc = row.doc;
                st.push(&row.uid)?;
                st.push(&doc.id)?;
                st.push(doc.url.as_ref())?;
                st.push(doc.title.as_ref())?;
                st.push(row.source.as_ref())?;
                st.push(doc.date.map(crate::date_number))?;
                st.push(doc.text.len() as i64)?;
                st.push(row.sentences)?;
                st.push(row.events as i64)
            },
        )?;
        expect_last_key(tx, self.documents.last().map(|row| row.key))?;
        insert_rows(
            tx,
            cache,
            "INSERT OR FAIL INTO sentences (doc_key, idx, start, end, text)",
            5,
            "",
            &self.sentences,
            |st, row| {
                let evidence = &row.event.evidence;
                st.push(row.doc_key)?;
                st.push(row.event.sentence)?;
                st.push(evidence.sentence_span[0])?;
                st.push(evidence.sentence_span[1])?;
                st.push(&evidence.sentence)
            },
        )?;
        expect_last_key(tx, self.sentences.last().map(|row| row.key))?;
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
            cache,
            "INSERT OR FAIL INTO entities (doc_key, entity, name, code, country)",
            5,
            "",
            &self.entities,
            |st, row| {
                st.push(row.doc_key)?;
                st.push(row.actor.entity)?;
                st.push(&row.actor.name)?;
                st.push(row.actor.code.as_ref())?;
                st.push(row.actor.country.as_ref())
            },
        )?;
        insert_rows(
            tx,
            cache,
            "INSERT OR FAIL INTO mentions (event_key, doc_key, sentence_key, record_id, date, date_end,
                 precision, date_text, historical, future, cameo_code, quad, goldstein, quad_variant,
                 goldstein_table, plover_type, plover_mode, plover_context, plover_score, plover_aux,
                 modality, narrator, quoted, trigger_start, trigger_end, rule_pattern, rule_source,
                 construction, confidence, actors, recipients, speaker, place)",
            33,
            "",
            &self.mentions,
            |st, row| {
                let made = made.get(row.number).ok_or(rusqlite::Error::InvalidQuery)?;
                bind_mention(st, row, made)
            },
        )?;
        expect_last_key(tx, self.mentions.last().map(|row| row.key))?;
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
            cache,
            "INSERT OR FAIL INTO event_countries (epoch, country, date, event_key)",
            4,
            "",
            &postings,
            |st, &(epoch, country, date, event_key)| {
                st.push(epoch)?;
                st.push(country)?;
                st.push(date)?;
                st.push(event_key)
            },
        )?;
        let recent = &mut memory.recent;
        let touched = recent.take_touched();
        let recent = &*recent;
        insert_rows(
            tx,
            cache,
            "INSERT OR FAIL INTO dyad_years_recent (epoch, year, actor1, actor2, events, goldstein, quad1,
                 quad2, quad3, quad4)",
            10,
            "ON CONFLICT (epoch, year, actor1, actor2) DO UPDATE SET events = excluded.events,
                 goldstein = excluded.goldstein, quad1 = excluded.quad1, quad2 = excluded.quad2,
                 quad3 = excluded.quad3, quad4 = excluded.quad4",
            &touched,
            |st, (key, sums)| {
                let (actor1, actor2) = recent.actors(key);
                st.push(key.epoch)?;
                st.push(key.year)?;
                st.push(actor1)?;
                st.push(actor2)?;
                st.push(sums.events)?;
                st.push(sums.goldstein)?;
                for &quad in &sums.quads {
                    st.push(quad)?;
                }
                Ok(())
            },
        )?;
        Ok(())
    }
}

fn bind_event<'v>(st: &mut Params<'v>, row: &'v EventRow) -> rusqlite::Result<()> {
    let event = row.event;
    let (actor1, actor2) = (event.actors.first(), event.recipients.first());
    let place = event.place.as_ref();
    st.push(row.dedup_key)?;
    st.push(row.range.map(|r| r.0))?;
    st.push(row.range.map(|r| r.1))?;
    st.push(row.date)?;
    st.push(row.precision)?;
    st.push(&event.cameo.code)?;
    st.push(&event.cameo.base)?;
    st.push(&event.cameo.root)?;
    st.push(event.cameo.quad_class)?;
    st.push(event.cameo.goldstein)?;
    st.push(event.plover.as_ref().map(|p| &p.event_type))?;
    st.push(event.modality.as_str())?;
    st.push(actor1.and_then(|a| a.code.as_ref()))?;
    st.push(actor1.map(|a| &a.name))?;
    st.push(actor1.and_then(|a| a.country.as_ref()))?;
    st.push(actor2.and_then(|a| a.code.as_ref()))?;
    st.push(actor2.map(|a| &a.name))?;
    st.push(actor2.and_then(|a| a.country.as_ref()))?;
    st.push(place.map(|p| &p.name))?;
    st.push(place.and_then(|p| p.country.as_ref()))?;
    st.push(place.and_then(|p| p.lat))?;
    st.push(place.and_then(|p| p.lon))?;
    st.push(row.mentions)?;
    st.push(row.sources)?;
    st.push(row.articles)?;
    st.push(row.representative)?;
    st.push(row.first_added.as_ref())
}

fn bind_mention<'v>(
    st: &mut Params<'v>,
    row: &'v MentionRow,
    made: &'v MentionText,
) -> rusqlite::Result<()> {
    let event = row.event;
    let plover = event.plover.as_ref();
    st.push(row.event_key)?;
    st.push(row.doc_key)?;
    st.push(row.sentence_key)?;
    st.push(&event.id)?;
    st.push(event.date.date.map(crate::date_number))?;
    st.push(event.date.end.map(crate::date_number))?;
    st.push(event.date.precision)?;
    st.push(event.date.text.as_ref())?;
    st.push(event.date.historical)?;
    st.push(event.date.future)?;
    st.push(&event.cameo.code)?;
    st.push(event.cameo.quad_class)?;
    st.push(event.cameo.goldstein)?;
    st.push(event.cameo.quad_variant)?;
    st.push(event.cameo.goldstein_table)?;
    st.push(plover.map(|p| &p.event_type))?;
    st.push(plover.and_then(|p| p.mode.as_ref()))?;
    st.push(made.plover_context.as_ref())?;
    st.push(plover.map(|p| p.score))?;
    st.push(made.plover_aux.as_ref())?;
    st.push(event.modality.as_str())?;
    st.push(event.attribution.narrator)?;
    st.push(event.attribution.quoted)?;
    st.push(event.evidence.trigger[0])?;
    st.push(event.evidence.trigger[1])?;
    st.push(&event.rule.pattern)?;
    st.push(&event.rule.source)?;
    st.push(event.rule.construction)?;
    st.push(event.confidence)?;
    st.push(&made.actors)?;
    st.push(&made.recipients)?;
    st.push(made.speaker.as_ref())?;
    st.push(made.place.as_ref())
}

/// Checks that the last row inserted got the key the batch gave it (`last`, when it inserted any). The
/// appended rows leave their integer primary key to SQLite, which numbers a row one more than the
/// highest stored, as the batch numbered them: a statement that supplies the key must look it up first
/// and keeps a statement journal (the key might not be an integer), which copies every page it changes.
fn expect_last_key(tx: &Transaction, last: Option<i64>) -> Result<(), StoreError> {
    match last {
        Some(key) if tx.last_insert_rowid() != key => Err(StoreError::Corrupt(format!(
            "row {} stored where the batch expected key {key}",
            tx.last_insert_rowid()
        ))),
        _ => Ok(()),
    }
}

/// Inserts `rows` with `INSERT OR FAIL` statements (`head` names the table and columns, `tail` follows the
/// values) of [`ROWS_PER_STATEMENT`] rows of `width` values, and the rows left over one a statement;
/// `bind_row` binds a row's values in order, text in place. Both statements stay in `cache` from batch to
/// batch (preparing one costs more than running it: a small batch would spend most of its time there).
fn insert_rows<'v, R>(
    tx: &Transaction,
    cache: &mut StatementCache,
    head: &str,
    width: usize,
    tail: &str,
    rows: &'v [R],
    mut bind_row: impl FnMut(&mut Params<'v>, &'v R) -> rusqlite::Result<()>,
) -> Result<(), StoreError> {
    let sql = |count: usize| {
        let row = format!("({})", vec!["?"; width].join(", "));
        format!("{head} VALUES {} {tail}", vec![row; count].join(", "))
    };
    let mut insert = |statement: &mut RawStatement, chunk: &'v [R]| {
        statement.execute(|params| chunk.iter().try_for_each(|row| bind_row(params, row)))
    };
    let mut chunks = rows.chunks_exact(ROWS_PER_STATEMENT);
    if chunks.len() > 0 {
        let statement = cache.get(tx, sql(ROWS_PER_STATEMENT))?;
        for chunk in &mut chunks {
            insert(statement, chunk)?;
        }
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let statement = cache.get(tx, sql(1))?;
        for row in rest {
            insert(statement, std::slice::from_ref(row))?;
        }
    }
    Ok(())
}
