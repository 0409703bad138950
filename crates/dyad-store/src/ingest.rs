//! Ingest: coded documents go in by batches, one transaction per batch, so a run killed at any moment leaves
//! whole batches behind and the next run carries on from the first document not stored. A document is known
//! by its uid (a hash of its source id and text): storing it again adds nothing.

use crate::dedup::{self, Report};
use crate::statements::Statements;
use crate::{Store, StoreError, date_number};
use dyad_coder::Event;
use dyad_text::Document;
use rusqlite::params;
use std::collections::HashSet;

/// A document and what the coder found in it.
pub struct CodedDocument<'a> {
    /// The document (its metadata and text).
    pub doc: &'a Document,
    /// Units (sentences, headline, captions...) the coder read.
    pub sentences: u32,
    /// The event records, in the coder's order.
    pub events: &'a [Event],
}

/// What a batch added.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct IngestStats {
    /// Documents stored.
    pub documents: u64,
    /// Documents already in the store (same uid), left as they were.
    pub already_stored: u64,
    /// Event mentions stored.
    pub mentions: u64,
    /// Deduplicated events created.
    pub new_events: u64,
}

/// The uid of a document: xxh3-128 of its source id and text, as 32 hex digits.
pub fn document_uid(doc: &Document) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(doc.id.as_bytes());
    hasher.update(&[0]);
    hasher.update(doc.text.as_bytes());
    format!("{:032x}", hasher.digest128())
}

/// The source of a document for NumSources: its publisher, else its url's host.
pub fn document_source(doc: &Document) -> Option<String> {
    doc.source
        .clone()
        .or_else(|| dyad_text::document::url_host(doc.url.as_deref()?).map(str::to_ascii_lowercase))
}

impl Store {
    /// The uids of every stored document (to skip them before coding).
    pub fn known_documents(&self) -> Result<HashSet<String>, StoreError> {
        let mut statement = self.conn.prepare("SELECT uid FROM documents")?;
        let uids = statement
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<Result<HashSet<_>, _>>()?;
        Ok(uids)
    }

    /// Records the start of an ingest run; returns its key.
    pub fn begin_run(&self, started: &str) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO ingest_runs (started, version) VALUES (?1, ?2)",
            params![started, env!("CARGO_PKG_VERSION")],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records the end of an ingest run.
    pub fn finish_run(&self, run: i64, finished: &str, documents: u64) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE ingest_runs SET finished = ?2, documents = ?3 WHERE run_key = ?1",
            params![run, finished, documents as i64],
        )?;
        Ok(())
    }

    /// Stores a batch of coded documents in one transaction: all of them or none.
    pub fn ingest(&mut self, batch: &[CodedDocument]) -> Result<IngestStats, StoreError> {
        // IMMEDIATE: a concurrent writer waits (busy timeout) instead of failing on a lock upgrade.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut stats = IngestStats::default();
        let mut next_mention: i64 = tx.query_row(
            "SELECT coalesce(max(mention_key), 0) + 1 FROM mentions",
            [],
            |r| r.get(0),
        )?;
        let mut st = Statements::prepare(&tx)?;
        for coded in batch {
            let uid = document_uid(coded.doc);
            match insert_document(&mut st, coded, &uid, &mut next_mention)? {
                Some(created) => {
                    stats.documents += 1;
                    stats.mentions += coded.events.len() as u64;
                    stats.new_events += created;
                }
                None => stats.already_stored += 1,
            }
        }
        drop(st);
        tx.commit()?;
        Ok(stats)
    }
}

/// Inserts a document with its sentences, entities and mentions and returns the events it created, or
/// `None` when a document with this uid is stored already.
fn insert_document(
    st: &mut Statements,
    coded: &CodedDocument,
    uid: &str,
    next_mention: &mut i64,
) -> Result<Option<u64>, StoreError> {
    let doc = coded.doc;
    let source = document_source(doc);
    // One statement tells whether the document is new: an UNIQUE uid ignores a second copy.
    let inserted = st.insert_document.execute(params![
        uid,
        doc.id,
        doc.url,
        doc.title,
        source,
        doc.date.map(date_number),
        doc.text.len() as i64,
        coded.sentences,
        coded.events.len() as i64,
    ])?;
    if inserted == 0 {
        return Ok(None);
    }
    let doc_key = st.tx.last_insert_rowid();
    let mut created = 0;
    let mut sentence_keys: Vec<(u32, i64)> = Vec::new();
    let mut entities: Vec<u32> = Vec::new();
    for event in coded.events {
        let sentence_key = match sentence_keys.iter().find(|(idx, _)| *idx == event.sentence) {
            Some(&(_, key)) => key,
            None => {
                let key = insert_sentence(st, doc_key, event)?;
                sentence_keys.push((event.sentence, key));
                key
            }
        };
        for actor in event.actors.iter().chain(&event.recipients) {
            if entities.contains(&actor.entity) {
                continue;
            }
            entities.push(actor.entity);
            st.insert_entity.execute(params![
                doc_key,
                actor.entity,
                actor.name,
                actor.code,
                actor.country
            ])?;
        }
        let mention_key = *next_mention;
        *next_mention += 1;
        let report = Report::of(event, mention_key, doc_key, source.as_deref(), doc.date);
        let (event_key, new) = dedup::assign(st, &report)?;
        created += u64::from(new);
        insert_mention(st, event, mention_key, event_key, doc_key, sentence_key)?;
    }
    Ok(Some(created))
}

fn insert_sentence(st: &mut Statements, doc_key: i64, event: &Event) -> Result<i64, StoreError> {
    let evidence = &event.evidence;
    st.insert_sentence.execute(params![
        doc_key,
        event.sentence,
        evidence.sentence_span[0],
        evidence.sentence_span[1],
        evidence.sentence,
    ])?;
    let key = st.tx.last_insert_rowid();
    st.index_sentence.execute(params![key, evidence.sentence])?;
    Ok(key)
}

fn insert_mention(
    st: &mut Statements,
    event: &Event,
    mention_key: i64,
    event_key: i64,
    doc_key: i64,
    sentence_key: i64,
) -> Result<(), StoreError> {
    let plover = event.plover.as_ref();
    let place = event.place.as_ref().map(to_json).transpose()?;
    let speaker = event
        .attribution
        .speaker
        .as_ref()
        .map(to_json)
        .transpose()?;
    st.insert_mention.execute(params![
        mention_key,
        event_key,
        doc_key,
        sentence_key,
        event.id,
        event.date.date.map(date_number),
        event.date.end.map(date_number),
        event.date.precision,
        event.date.text,
        event.date.historical,
        event.date.future,
        event.cameo.code,
        event.cameo.quad_class,
        event.cameo.goldstein,
        event.cameo.quad_variant,
        event.cameo.goldstein_table,
        plover.map(|p| p.event_type.as_str()),
        plover.and_then(|p| p.mode.as_deref()),
        plover.map(|p| p.context.join(";")),
        plover.map(|p| p.score),
        plover.map(|p| p.auxiliary.join(";")),
        event.modality.as_str(),
        event.attribution.narrator,
        event.attribution.quoted,
        event.evidence.trigger[0],
        event.evidence.trigger[1],
        event.rule.pattern,
        event.rule.source,
        event.rule.construction,
        event.confidence,
        to_json(&event.actors)?,
        to_json(&event.recipients)?,
        speaker,
        place,
    ])?;
    Ok(())
}

/// A value as JSON text (actors, places).
fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}
