//! The database schema and its versioned migrations. `PRAGMA user_version` holds the number of migrations
//! applied; opening a database applies the missing ones in order, each in its own transaction.
//!
//! Dates are stored as `YYYYMMDD` integers (GDELT's SQLDATE) and, where windows and weeks are computed,
//! also as day numbers since 1970-01-01.
//!
//! Ingest writes are kept local (schema version 2): a batch of a few thousand documents whose events fall
//! anywhere in time would otherwise touch a different page of every index for nearly every event, and
//! rewrite most of each index at every commit. So the secondary indexes of `events` and the country
//! postings lead with the event's *epoch* (`event_key >> 14`: blocks of 16,384 consecutive events), and
//! new entries all go to the last epoch; queries ask for every epoch (`epoch IN (0, 1, ...)`). The yearly
//! dyad counts collect a report's changes in `dyad_years_recent` under the report's fold epoch
//! (`mention_key >> 17`: blocks of 131,072 reports) and fold each finished one into `dyad_years` in key
//! order. Deduplication and the document uids are looked up in memory (`crate::memory`), not through
//! indexes.

use crate::StoreError;
use rusqlite::Connection;

/// Migrations, in order; migration `n` (1-based) brings the schema to version `n`.
const MIGRATIONS: &[&str] = &[
    // 1: documents, evidence sentences, mentions with their actors, deduplicated events, aggregates.
    r#"
CREATE TABLE documents (
    doc_key    INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,   -- xxh3-128 of the source id and the text
    source_id  TEXT NOT NULL,          -- the input's own id
    url        TEXT,
    title      TEXT,
    source     TEXT,                   -- publisher, else the url's host
    published  INTEGER,                -- YYYYMMDD
    length     INTEGER NOT NULL,       -- bytes of text
    sentences  INTEGER NOT NULL,
    events     INTEGER NOT NULL
);
CREATE TABLE sentences (               -- the sentences that carry events (the evidence)
    sentence_key INTEGER PRIMARY KEY,
    doc_key      INTEGER NOT NULL REFERENCES documents(doc_key),
    idx          INTEGER NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    UNIQUE (doc_key, idx)
);
CREATE VIRTUAL TABLE evidence_fts USING fts5(text, content='sentences', content_rowid='sentence_key');
CREATE TABLE entities (                -- document-level entities that take part in events
    doc_key  INTEGER NOT NULL,
    entity   INTEGER NOT NULL,
    name     TEXT NOT NULL,
    code     TEXT,
    country  TEXT,
    PRIMARY KEY (doc_key, entity)
) WITHOUT ROWID;
CREATE TABLE events (                  -- deduplicated events: one happening, however many reports
    event_key      INTEGER PRIMARY KEY,
    dedup_key      INTEGER NOT NULL,   -- hash of base code, actor, recipient, modality
    day_start      INTEGER,            -- days since 1970-01-01
    day_end        INTEGER,
    date           INTEGER,            -- YYYYMMDD of the most precise report
    precision      TEXT NOT NULL,
    cameo_code     TEXT NOT NULL,
    cameo_base     TEXT NOT NULL,
    cameo_root     TEXT NOT NULL,
    quad           INTEGER NOT NULL,
    goldstein      REAL,
    plover_type    TEXT,
    modality       TEXT NOT NULL,
    actor1_code    TEXT,
    actor1_name    TEXT,
    actor1_country TEXT,
    actor2_code    TEXT,
    actor2_name    TEXT,
    actor2_country TEXT,
    place_name     TEXT,
    place_country  TEXT,
    place_lat      REAL,
    place_lon      REAL,
    num_mentions   INTEGER NOT NULL,
    num_sources    INTEGER NOT NULL,
    num_articles   INTEGER NOT NULL,
    representative INTEGER NOT NULL,   -- the most precisely dated mention, which represents the event
    first_added    TEXT                -- YYYYMMDDHHMMSS of the earliest report's publication
);
CREATE INDEX events_dedup ON events (dedup_key, day_start);
CREATE INDEX events_dyad ON events (actor1_code, actor2_code, date);
CREATE INDEX events_target ON events (actor2_code, date);
CREATE INDEX events_date ON events (date);
CREATE TABLE coarse_events (          -- events dated more coarsely than a week: few, looked up apart
    dedup_key INTEGER NOT NULL,
    day_start INTEGER NOT NULL,
    day_end   INTEGER NOT NULL,
    event_key INTEGER NOT NULL,
    PRIMARY KEY (dedup_key, day_start, event_key)
) WITHOUT ROWID;
CREATE TABLE mentions (                -- one coded event record: a report of an event in one sentence
    mention_key     INTEGER PRIMARY KEY,
    event_key       INTEGER NOT NULL REFERENCES events(event_key),
    doc_key         INTEGER NOT NULL REFERENCES documents(doc_key),
    sentence_key    INTEGER NOT NULL REFERENCES sentences(sentence_key),
    record_id       TEXT NOT NULL,     -- the dyad record id (document:sentence:n)
    date            INTEGER,
    date_end        INTEGER,
    precision       TEXT NOT NULL,
    date_text       TEXT,
    historical      INTEGER NOT NULL,
    future          INTEGER NOT NULL,
    cameo_code      TEXT NOT NULL,
    quad            INTEGER NOT NULL,
    goldstein       REAL,
    quad_variant    TEXT NOT NULL,
    goldstein_table TEXT NOT NULL,
    plover_type     TEXT,
    plover_mode     TEXT,
    plover_context  TEXT,              -- ';'-joined
    plover_score    REAL,
    plover_aux      TEXT,              -- ';'-joined
    modality        TEXT NOT NULL,
    narrator        INTEGER NOT NULL,
    quoted          INTEGER NOT NULL,
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    rule_pattern    TEXT NOT NULL,
    rule_source     TEXT NOT NULL,
    construction    TEXT NOT NULL,
    confidence      REAL NOT NULL,
    actors          TEXT NOT NULL,     -- JSON array of actors (text, name, code, country, sectors, span, entity)
    recipients      TEXT NOT NULL,     -- JSON array, same shape
    speaker         TEXT,              -- JSON object, same shape, when the event is attributed
    place           TEXT               -- the place record as JSON
);
CREATE INDEX mentions_event ON mentions (event_key, doc_key);
CREATE INDEX mentions_sentence ON mentions (sentence_key);
CREATE TABLE event_countries (         -- the countries an event concerns: its actors' and its place's
    country   TEXT NOT NULL,
    date      INTEGER NOT NULL,
    event_key INTEGER NOT NULL,
    PRIMARY KEY (country, date, event_key)
) WITHOUT ROWID;
CREATE TABLE dyad_months (             -- events per month and (actor1, actor2) code pair; not negated or conditional
    month     INTEGER NOT NULL,        -- YYYYMM
    actor1    TEXT NOT NULL,
    actor2    TEXT NOT NULL,
    events    INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    quad1     INTEGER NOT NULL,
    quad2     INTEGER NOT NULL,
    quad3     INTEGER NOT NULL,
    quad4     INTEGER NOT NULL,
    PRIMARY KEY (month, actor1, actor2)
) WITHOUT ROWID;
CREATE INDEX dyad_months_dyad ON dyad_months (actor1, actor2, month);
CREATE TABLE ingest_runs (             -- a log of runs; not part of the coded content
    run_key   INTEGER PRIMARY KEY,
    started   TEXT NOT NULL,
    finished  TEXT,
    documents INTEGER NOT NULL DEFAULT 0,
    version   TEXT NOT NULL
);
"#,
    // 2: local ingest writes (see the module documentation). The document uid loses its UNIQUE index (the
    // store checks uids in memory), the dedup index and `coarse_events` go (deduplication looks up events
    // in memory), the event indexes and the country postings lead with the epoch, and the monthly dyad
    // counts become yearly ones with a tail of unfolded changes.
    r#"
CREATE TABLE documents_v2 (
    doc_key    INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL,          -- xxh3-128 of the source id and the text; unique (checked in memory)
    source_id  TEXT NOT NULL,          -- the input's own id
    url        TEXT,
    title      TEXT,
    source     TEXT,                   -- publisher, else the url's host
    published  INTEGER,                -- YYYYMMDD
    length     INTEGER NOT NULL,       -- bytes of text
    sentences  INTEGER NOT NULL,
    events     INTEGER NOT NULL
);
INSERT INTO documents_v2 SELECT doc_key, uid, source_id, url, title, source, published, length, sentences, events
    FROM documents ORDER BY doc_key;
DROP TABLE documents;
ALTER TABLE documents_v2 RENAME TO documents;
DROP INDEX events_dedup;
DROP INDEX events_dyad;
DROP INDEX events_target;
DROP INDEX events_date;
DROP TABLE coarse_events;
CREATE INDEX events_date ON events (event_key >> 14, date, modality, actor1_code, actor2_code, quad, goldstein);
CREATE INDEX events_dyad ON events (event_key >> 14, actor1_code, actor2_code, date, day_start, modality, quad,
    goldstein);
CREATE INDEX events_target ON events (event_key >> 14, actor2_code, date);
CREATE TABLE event_countries_v2 (      -- the countries an event concerns: its actors' and its place's
    epoch     INTEGER NOT NULL,        -- event_key >> 14
    country   TEXT NOT NULL,
    date      INTEGER NOT NULL,
    event_key INTEGER NOT NULL,
    PRIMARY KEY (epoch, country, date, event_key)
) WITHOUT ROWID;
INSERT INTO event_countries_v2 SELECT event_key >> 14, country, date, event_key FROM event_countries
    ORDER BY event_key >> 14, country, date, event_key;
DROP TABLE event_countries;
ALTER TABLE event_countries_v2 RENAME TO event_countries;
CREATE TABLE dyad_years (              -- events per year and (actor1, actor2) code pair; not negated or conditional
    year      INTEGER NOT NULL,
    actor1    TEXT NOT NULL,
    actor2    TEXT NOT NULL,
    events    INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    quad1     INTEGER NOT NULL,
    quad2     INTEGER NOT NULL,
    quad3     INTEGER NOT NULL,
    quad4     INTEGER NOT NULL,
    PRIMARY KEY (year, actor1, actor2)
) WITHOUT ROWID;
INSERT INTO dyad_years SELECT month / 100, actor1, actor2, sum(events), sum(goldstein), sum(quad1), sum(quad2),
    sum(quad3), sum(quad4) FROM dyad_months GROUP BY month / 100, actor1, actor2;
CREATE TABLE dyad_years_recent (       -- changes to dyad_years not folded in yet, by the epoch of the report
    epoch     INTEGER NOT NULL,        -- mention_key >> 17 of the report that made the change
    year      INTEGER NOT NULL,
    actor1    TEXT NOT NULL,
    actor2    TEXT NOT NULL,
    events    INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    quad1     INTEGER NOT NULL,
    quad2     INTEGER NOT NULL,
    quad3     INTEGER NOT NULL,
    quad4     INTEGER NOT NULL,
    PRIMARY KEY (epoch, year, actor1, actor2)
) WITHOUT ROWID;
DROP TABLE dyad_months;
DROP TABLE evidence_fts;
CREATE VIRTUAL TABLE evidence_fts USING fts5(text, content='sentences', content_rowid='sentence_key',
    columnsize=0);
INSERT INTO evidence_fts (evidence_fts) VALUES ('rebuild');
"#,
];

/// Bits of an event key below its epoch (`event_key >> EPOCH_BITS`): the indexes of migration 2 spell the
/// number out.
pub(crate) const EPOCH_BITS: u32 = 14;

/// Bits of a mention key below the epoch under which `dyad_years_recent` files the changes a report makes
/// (`mention_key >> FOLD_BITS`); each finished one is folded into `dyad_years`.
/// (Unit tests fold every 256 reports.)
pub(crate) const FOLD_BITS: u32 = if cfg!(test) { 8 } else { 17 };

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the database to [`SCHEMA_VERSION`]; refuses a database written by a newer dyad.
pub fn migrate(conn: &mut Connection) -> Result<u32, StoreError> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        // IMMEDIATE: take the write lock first (waiting for another process's), then check again that
        // nobody applied this migration meanwhile.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let applied: u32 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if applied <= index as u32 {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", index as u32 + 1)?;
        }
        tx.commit()?;
    }
    Ok(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_indexes_use_the_epoch_of_the_code() {
        let epoch = format!("event_key >> {EPOCH_BITS}");
        assert_eq!(
            MIGRATIONS[1].matches("event_key >> ").count(),
            MIGRATIONS[1].matches(&epoch).count()
        );
        for line in MIGRATIONS[1]
            .lines()
            .filter(|l| l.starts_with("CREATE INDEX"))
        {
            assert!(line.contains(&format!("({epoch},")), "{line}");
        }
    }

    #[test]
    fn a_version_1_database_migrates() {
        let mut conn = Connection::open_in_memory().expect("open");
        conn.execute_batch(MIGRATIONS[0]).expect("version 1");
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO documents (uid, source_id, length, sentences, events) VALUES ('ab', 'a', 10, 1, 1);
             INSERT INTO event_countries VALUES ('USA', 20190301, 70000);
             INSERT INTO dyad_months VALUES (201903, 'USA', 'RUS', 2, 3.0, 2, 0, 0, 0);
             INSERT INTO dyad_months VALUES (201904, 'USA', 'RUS', 1, -2.0, 0, 0, 0, 1);",
        )
        .expect("version 1 rows");
        assert_eq!(migrate(&mut conn).expect("migrate"), 1);
        let version: u32 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .expect("version");
        assert_eq!(version, SCHEMA_VERSION);
        let year: (i64, String, i64, f64, i64) = conn
            .query_row(
                "SELECT year, actor1, events, goldstein, quad4 FROM dyad_years",
                [],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                },
            )
            .expect("dyad_years");
        assert_eq!(year, (2019, "USA".to_string(), 3, 1.0, 1));
        let epoch: i64 = conn
            .query_row("SELECT epoch FROM event_countries", [], |row| row.get(0))
            .expect("epoch");
        assert_eq!(epoch, 70_000 >> EPOCH_BITS);
        let uid: String = conn
            .query_row("SELECT uid FROM documents", [], |row| row.get(0))
            .expect("documents");
        assert_eq!(uid, "ab");
    }
}
