//! The rows a batch appends, kept until the end of its transaction and then written table by table in key
//! order with multi-row `INSERT`s: one statement per 64 rows instead of one per row. (Each statement
//! execution costs binding, a virtual machine run and its reset, more than the row itself.) Events are
//! written at once, because reports of the batch update them.

use crate::StoreError;
use crate::memory::Memory;
use dyad_coder::Event;
use dyad_coder::event::EventActor;
use dyad_text::Document;
use rusqlite::{Statement, Transaction};
use std::collections::{BTreeSet, HashMap};

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
    pub actors: String,
    pub recipients: String,
    pub speaker: Option<String>,
    pub place: Option<String>,
}

/// A country posting: (epoch, country number ([`crate::memory::DedupIndex::country_number`]), date,
/// event key).
pub(crate) type Posting = (i64, u32, i64, i64);

/// What a batch has appended so far.
#[derive(Default)]
pub(crate) struct Pending<'a> {
    pub documents: Vec<DocumentRow<'a>>,
    pub sentences: Vec<SentenceRow<'a>>,
    pub entities: Vec<EntityRow<'a>>,
    pub mentions: Vec<MentionRow<'a>>,
    /// Country postings to add (those a later report of the batch moved are gone from here).
    pub postings: BTreeSet<Posting>,
    /// For the events this batch created or reported: the documents reporting them (key and source),
    /// the stored ones included.
    pub reporters: HashMap<i64, Vec<(i64, Option<String>)>>,
}

impl Pending<'_> {
    /// Writes the rows and the changed rows of `dyad_years_recent`.
    pub fn write(&self, tx: &Transaction, memory: &mut Memory) -> Result<(), StoreError> {
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
            bind_mention,
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

fn bind_mention(st: &mut Statement, at: usize, row: &MentionRow) -> rusqlite::Result<()> {
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
    bind(st, at + 30, &row.actors)?;
    bind(st, at + 31, &row.recipients)?;
    bind(st, at + 32, &row.speaker)?;
    bind(st, at + 33, &row.place)
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
    let prepare = |count: usize| {
        let row = format!("({})", vec!["?"; width].join(", "));
        tx.prepare(&format!(
            "{head} VALUES {} {tail}",
            vec![row; count].join(", ")
        ))
    };
    // Only the last chunk may be shorter: one statement for the full chunks, one for the rest.
    let (mut full, mut rest): (Option<Statement>, Option<Statement>) = (None, None);
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let slot = if chunk.len() == ROWS_PER_STATEMENT {
            &mut full
        } else {
            &mut rest
        };
        if slot.is_none() {
            *slot = Some(prepare(chunk.len())?);
        }
        if let Some(statement) = slot {
            for (i, row) in chunk.iter().enumerate() {
                bind_row(statement, i * width + 1, row)?;
            }
            statement.raw_execute()?;
        }
    }
    Ok(())
}
