//! The statements ingest and deduplication run, prepared once per transaction and bound afresh for each
//! use. (rusqlite's statement cache clears the bindings of a statement it takes back, and SQLite re-prepares
//! a statement whose plan looked at a bound value once its bindings are cleared: several of these did, which
//! cost more than the writes themselves.)

use crate::StoreError;
use rusqlite::{Statement, Transaction};

/// The prepared statements of one ingest transaction.
pub(crate) struct Statements<'t> {
    /// The transaction (for `last_insert_rowid`).
    pub tx: &'t Transaction<'t>,
    pub precise_candidates: Statement<'t>,
    pub coarse_candidates: Statement<'t>,
    pub event_by_key: Statement<'t>,
    pub undated_candidates: Statement<'t>,
    pub delete_coarse: Statement<'t>,
    pub insert_coarse: Statement<'t>,
    pub counted_event: Statement<'t>,
    pub insert_event: Statement<'t>,
    pub count_month: Statement<'t>,
    pub insert_country: Statement<'t>,
    pub delete_country: Statement<'t>,
    pub event_documents: Statement<'t>,
    pub document_source: Statement<'t>,
    pub count_report: Statement<'t>,
    pub refine_event: Statement<'t>,
    pub insert_document: Statement<'t>,
    pub insert_entity: Statement<'t>,
    pub insert_sentence: Statement<'t>,
    pub index_sentence: Statement<'t>,
    pub insert_mention: Statement<'t>,
}

impl<'t> Statements<'t> {
    /// Prepares every statement on `tx`.
    pub fn prepare(tx: &'t Transaction<'t>) -> Result<Statements<'t>, StoreError> {
        Ok(Statements {
            tx,
            precise_candidates: tx.prepare("SELECT event_key, day_start, day_end, precision, place_country FROM events
                 WHERE dedup_key = ?1 AND day_start BETWEEN ?2 AND ?3 AND day_end >= ?4")?,
            coarse_candidates: tx.prepare("SELECT event_key, day_start, day_end FROM coarse_events WHERE dedup_key = ?1")?,
            event_by_key: tx.prepare("SELECT event_key, day_start, day_end, precision, place_country FROM events
                 WHERE event_key = ?1")?,
            undated_candidates: tx.prepare("SELECT event_key, day_start, day_end, precision, place_country FROM events
                 WHERE dedup_key = ?1 AND day_start IS NULL")?,
            delete_coarse: tx.prepare("DELETE FROM coarse_events WHERE dedup_key = ?1 AND day_start = ?2 AND event_key = ?3")?,
            insert_coarse: tx.prepare("INSERT INTO coarse_events (dedup_key, day_start, day_end, event_key) VALUES (?1, ?2, ?3, ?4)")?,
            counted_event: tx.prepare("SELECT date, coalesce(actor1_code, ''), coalesce(actor2_code, ''), actor1_country,
                     actor2_country, place_country, quad, coalesce(goldstein, 0),
                     modality NOT IN ('negated', 'conditional') FROM events
                 WHERE event_key = ?1")?,
            insert_event: tx.prepare("INSERT INTO events (dedup_key, day_start, day_end, date, precision, cameo_code, cameo_base,
             cameo_root, quad, goldstein, plover_type, modality, actor1_code, actor1_name, actor1_country,
             actor2_code, actor2_name, actor2_country, place_name, place_country, place_lat, place_lon,
             num_mentions, num_sources, num_articles, representative, first_added)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
             ?20, ?21, ?22, 1, 1, 1, ?23, ?24)")?,
            count_month: tx.prepare("INSERT INTO dyad_months (month, actor1, actor2, events, goldstein, quad1, quad2, quad3, quad4)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (month, actor1, actor2) DO UPDATE SET events = events + excluded.events,
             goldstein = goldstein + excluded.goldstein, quad1 = quad1 + excluded.quad1,
             quad2 = quad2 + excluded.quad2, quad3 = quad3 + excluded.quad3, quad4 = quad4 + excluded.quad4")?,
            insert_country: tx.prepare("INSERT OR IGNORE INTO event_countries (country, date, event_key) VALUES (?1, ?2, ?3)")?,
            delete_country: tx.prepare("DELETE FROM event_countries WHERE country = ?1 AND date = ?2 AND event_key = ?3")?,
            event_documents: tx.prepare("SELECT DISTINCT doc_key FROM mentions WHERE event_key = ?1")?,
            document_source: tx.prepare("SELECT source FROM documents WHERE doc_key = ?1")?,
            count_report: tx.prepare("UPDATE events SET num_mentions = num_mentions + 1, num_articles = num_articles + ?2,
             num_sources = num_sources + ?3,
             first_added = min(coalesce(first_added, ?4), coalesce(?4, first_added))
         WHERE event_key = ?1")?,
            refine_event: tx.prepare("UPDATE events SET day_start = ?2, day_end = ?3, date = ?4, precision = ?5, representative = ?6
         WHERE event_key = ?1")?,
            insert_document: tx.prepare("INSERT OR IGNORE INTO documents (uid, source_id, url, title, source, published, length, sentences, events)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?,
            insert_entity: tx.prepare("INSERT OR IGNORE INTO entities (doc_key, entity, name, code, country)
                 VALUES (?1, ?2, ?3, ?4, ?5)")?,
            insert_sentence: tx.prepare("INSERT INTO sentences (doc_key, idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)")?,
            index_sentence: tx.prepare("INSERT INTO evidence_fts (rowid, text) VALUES (?1, ?2)")?,
            insert_mention: tx.prepare("INSERT INTO mentions (mention_key, event_key, doc_key, sentence_key, record_id, date, date_end,
             precision, date_text, historical, future, cameo_code, quad, goldstein, quad_variant,
             goldstein_table, plover_type, plover_mode, plover_context, plover_score, plover_aux, modality,
             narrator, quoted, trigger_start, trigger_end, rule_pattern, rule_source, construction,
             confidence, actors, recipients, speaker, place)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
             ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)")?,
        })
    }
}
