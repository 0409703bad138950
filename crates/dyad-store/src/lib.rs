//! dyad-store owns the event database: a SQLite file (`dyad.db` by default) holding the coded documents, the
//! sentences that carry events, every event mention with its actors and context, and the deduplicated events
//! that group reports of one happening (GDELT's events and mentions tables, in one file). It applies the
//! versioned schema, ingests coded documents idempotently and atomically, deduplicates (see [`dedup`]),
//! answers filtered queries and aggregations ([`query`]) and reads mentions and events back as dyad event
//! records for the exporters ([`records`]). It does not code text and knows no output format.

mod batch;
mod checkpoint;
pub mod dedup;
pub mod ingest;
mod memory;
pub mod query;
mod raw;
pub mod records;
pub mod schema;
mod statements;
pub mod synthetic;

use rusqlite::Connection;
use std::path::Path;

pub use ingest::{CodedDocument, IngestStats, document_uid};
pub use query::{Filter, Table, Value};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database was written by a newer dyad.
    #[error("the database has schema version {found}; this dyad supports up to {supported}")]
    NewerSchema {
        /// Version found in the file.
        found: u32,
        /// Highest version this build knows.
        supported: u32,
    },
    /// A stored value cannot be read back.
    #[error("stored value: {0}")]
    Corrupt(String),
    /// A query was asked for something the store cannot answer.
    #[error("query: {0}")]
    Query(String),
    /// A thread of the store could not start or failed.
    #[error("thread: {0}")]
    Thread(String),
}

/// An open event database.
pub struct Store {
    /// The checkpoints of a writing connection (stopped before the connection closes).
    _checkpointer: Option<checkpoint::Checkpointer>,
    /// The multi-row inserts of ingest, kept between batches (finalized before the connection closes:
    /// fields drop in order).
    inserts: raw::StatementCache,
    conn: Connection,
    /// What ingest keeps in memory between batches (loaded by the first batch; see [`memory`]).
    memory: Option<memory::Memory>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let mut conn = Connection::open(path)?;
        set_lookaside(&conn)?;
        // A second writer (another `dyad ingest`) waits for the first one's batch instead of failing.
        conn.busy_timeout(std::time::Duration::from_secs(60))?;
        // WAL keeps readers working during ingest; NORMAL sync is durable at every checkpoint and keeps
        // each commit atomic, which is what resuming a killed run needs.
        set_wal(&conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -1_048_576)?; // 1 GiB at most, used as the database grows
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        schema::migrate(&mut conn)?;
        let checkpointer = checkpoint::Checkpointer::start(&mut conn, path)?;
        Ok(Store {
            _checkpointer: Some(checkpointer),
            inserts: raw::StatementCache::default(),
            conn,
            memory: None,
        })
    }

    /// Opens an existing database read-only (queries and exports).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let mut conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.pragma_update(None, "cache_size", -262_144)?;
        let version: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if version != schema::SCHEMA_VERSION {
            // Migrations need a writable connection: open once read-write to upgrade.
            drop(conn);
            let store = Store::open(path)?;
            conn = store.conn;
        }
        Ok(Store {
            _checkpointer: None,
            inserts: raw::StatementCache::default(),
            conn,
            memory: None,
        })
    }

    /// The underlying connection, for tests and tools that read tables directly.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Every row of every content table in key order, and the full-text index as (term, row, offset)
    /// instances, as text lines: two databases with equal content give equal lines (the run log,
    /// `ingest_runs`, is not content). For tests and checks of resumed or repeated ingests.
    pub fn content(&self) -> Result<Vec<String>, StoreError> {
        let conn = &self.conn;
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                   AND name NOT LIKE 'evidence_fts%' AND name <> 'ingest_runs' ORDER BY name",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        let mut lines = Vec::new();
        let dump = |sql: &str, lines: &mut Vec<String>| -> Result<(), StoreError> {
            let mut statement = conn.prepare(sql)?;
            let width = statement.column_count();
            let rows = statement
                .query_map([], |row| {
                    (0..width)
                        .map(|i| {
                            row.get::<_, rusqlite::types::Value>(i)
                                .map(|v| format!("{v:?}"))
                        })
                        .collect::<Result<Vec<_>, _>>()
                })?
                .collect::<Result<Vec<_>, _>>()?;
            lines.extend(rows.into_iter().map(|row| row.join("|")));
            Ok(())
        };
        for table in &tables {
            lines.push(format!("== {table}"));
            dump(
                &format!("SELECT * FROM {table} ORDER BY 1, 2, 3, 4"),
                &mut lines,
            )?;
        }
        conn.execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, 'evidence_fts', 'instance')",
        )?;
        lines.push("== evidence_fts".to_string());
        dump(
            "SELECT term, doc, offset FROM temp.terms ORDER BY doc, offset, term",
            &mut lines,
        )?;
        Ok(lines)
    }

    /// Counts of the main tables: documents, sentences, mentions, events.
    pub fn counts(&self) -> Result<[u64; 4], StoreError> {
        let mut counts = [0u64; 4];
        for (slot, table) in counts
            .iter_mut()
            .zip(["documents", "sentences", "mentions", "events"])
        {
            let count: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                        row.get(0)
                    })?;
            *slot = count as u64;
        }
        Ok(counts)
    }
}

/// Gives the connection room for 4,000 small allocations of up to 1,200 bytes (4.7 MB) outside malloc:
/// ingest binds some eighty values per report, and with SQLite's default of 40 such slots most of their
/// copies went through malloc and free (a sixth of ingest's instructions, when every bound text was
/// copied; the appended rows' text is now read in place, see `raw`).
fn set_lookaside(conn: &Connection) -> Result<(), StoreError> {
    use rusqlite::ffi;
    // SAFETY: `conn.handle()` is the open connection's handle, valid while `conn` lives. No statement has
    // run on the new connection, so none of its lookaside memory is in use (SQLite refuses the change
    // with SQLITE_BUSY otherwise). A null buffer makes SQLite allocate the slots itself; the variadic
    // arguments are the (void*, int, int) that SQLITE_DBCONFIG_LOOKASIDE takes.
    let rc = unsafe {
        ffi::sqlite3_db_config(
            conn.handle(),
            ffi::SQLITE_DBCONFIG_LOOKASIDE,
            std::ptr::null_mut::<std::ffi::c_void>(),
            1200 as std::ffi::c_int,
            4000 as std::ffi::c_int,
        )
    };
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            ffi::Error::new(rc),
            Some("setting the lookaside memory".to_string()),
        )))
    }
}

/// Switches the database to write-ahead logging. A new file opened by two processes at once: the switch
/// needs a lock that SQLite does not wait for, so it is retried until one of them has made it.
fn set_wal(conn: &Connection) -> Result<(), StoreError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let mode: rusqlite::Result<String> =
            conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0));
        match mode {
            Ok(_) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// `YYYYMMDD` of a date.
pub(crate) fn date_number(date: jiff::civil::Date) -> i64 {
    i64::from(date.year()) * 10_000 + i64::from(date.month()) * 100 + i64::from(date.day())
}

/// The date of a `YYYYMMDD` number.
pub(crate) fn number_date(number: i64) -> Option<jiff::civil::Date> {
    let year = i16::try_from(number / 10_000).ok()?;
    let month = i8::try_from(number / 100 % 100).ok()?;
    let day = i8::try_from(number % 100).ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}

/// Days since 1970-01-01.
pub(crate) fn day_number(date: jiff::civil::Date) -> i64 {
    let epoch = jiff::civil::date(1970, 1, 1);
    (date - epoch).get_days() as i64
}

/// The date of a day number.
pub(crate) fn day_date(day: i64) -> Option<jiff::civil::Date> {
    jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(day))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_can_move_to_another_thread() {
        fn send<T: Send>() {}
        send::<Store>();
    }

    #[test]
    fn date_numbers_round_trip() {
        let date = jiff::civil::date(2015, 8, 3);
        assert_eq!(date_number(date), 20150803);
        assert_eq!(number_date(20150803), Some(date));
        assert_eq!(day_date(day_number(date)), Some(date));
        assert_eq!(day_number(jiff::civil::date(1970, 1, 2)), 1);
        assert_eq!(number_date(20151341), None);
    }
}
