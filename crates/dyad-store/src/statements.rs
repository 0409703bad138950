//! The statements deduplication runs, prepared once per transaction and bound afresh for each use.
//! (rusqlite's statement cache clears the bindings of a statement it takes back, and SQLite re-prepares a
//! statement whose plan looked at a bound value once its bindings are cleared: several of these did, which
//! cost more than the writes themselves.) The rows a batch appends are written at its end
//! ([`crate::batch`]).

use crate::StoreError;
use rusqlite::{Statement, Transaction};

/// The prepared statements of one ingest transaction.
pub(crate) struct Statements<'t> {
    pub counted_event: Statement<'t>,
    pub delete_country: Statement<'t>,
    pub event_reporters: Statement<'t>,
    pub count_report: Statement<'t>,
    pub refine_event: Statement<'t>,
}

impl<'t> Statements<'t> {
    /// Prepares every statement on `tx`.
    pub fn prepare(tx: &'t Transaction) -> Result<Statements<'t>, StoreError> {
        Ok(Statements {
            counted_event: tx.prepare("SELECT date, coalesce(actor1_code, ''), coalesce(actor2_code, ''), actor1_country,
                     actor2_country, place_country, quad, coalesce(goldstein, 0),
                     modality NOT IN ('negated', 'conditional') FROM events
                 WHERE event_key = ?1")?,
            delete_country: tx.prepare("DELETE FROM event_countries WHERE epoch = ?1 AND country = ?2 AND date = ?3 AND event_key = ?4")?,
            // The documents' sources are in memory: no random read of `documents` per report.
            event_reporters: tx.prepare("SELECT DISTINCT doc_key FROM mentions WHERE event_key = ?1")?,
            count_report: tx.prepare("UPDATE events SET num_mentions = num_mentions + 1, num_articles = num_articles + ?2,
             num_sources = num_sources + ?3,
             first_added = min(coalesce(first_added, ?4), coalesce(?4, first_added))
         WHERE event_key = ?1")?,
            refine_event: tx.prepare("UPDATE events SET day_start = ?2, day_end = ?3, date = ?4, precision = ?5, representative = ?6
         WHERE event_key = ?1")?,
        })
    }
}
