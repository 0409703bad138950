//! Ingest: coded documents go in by batches, one transaction per batch, so a run killed at any moment leaves
//! whole batches behind and the next run carries on from the first document not stored. A document is known
//! by its uid (a hash of its source id and text): storing it again adds nothing.

use crate::batch::{DocumentRow, EntityRow, MentionRow, MentionText, Pending, SentenceRow};
use crate::dedup::{self, Report};
use crate::memory::Memory;
use crate::schema::FOLD_BITS;
use crate::statements::Statements;
use crate::{Store, StoreError};
use dyad_coder::Event;
use dyad_text::Document;
use rusqlite::{Transaction, params};
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
    format!("{:032x}", uid_number(doc))
}

/// The uid of a document as a number.
fn uid_number(doc: &Document) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(doc.id.as_bytes());
    hasher.update(&[0]);
    hasher.update(doc.text.as_bytes());
    hasher.digest128()
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
        // The in-memory state stays out of the store while the batch runs: if the batch fails, the next
        // one reloads it from what was committed.
        let memory = self.memory.take();
        // IMMEDIATE: a concurrent writer waits (busy timeout) instead of failing on a lock upgrade.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Changes only when another connection has committed since this one last looked.
        let data_version: i64 = tx.query_row("PRAGMA data_version", [], |row| row.get(0))?;
        let mut memory = match memory {
            Some(memory) if memory.data_version == data_version => memory,
            _ => Memory::load(&tx, data_version)?,
        };
        // Keys go on from the highest stored ones, as SQLite would number the rows.
        let (mut keys, last_event): (Keys, i64) = tx.query_row(
            "SELECT (SELECT coalesce(max(doc_key), 0) FROM documents),
                 (SELECT coalesce(max(sentence_key), 0) FROM sentences),
                 (SELECT coalesce(max(mention_key), 0) FROM mentions),
                 (SELECT coalesce(max(event_key), 0) FROM events)",
            [],
            |row| {
                Ok((
                    Keys {
                        document: row.get(0)?,
                        sentence: row.get(1)?,
                        mention: row.get(2)?,
                    },
                    row.get(3)?,
                ))
            },
        )?;
        let mut pending = Pending {
            first_event: last_event + 1,
            ..Pending::default()
        };
        let mut stats = IngestStats::default();
        std::thread::scope(|scope| -> Result<(), StoreError> {
            // The JSON and joined columns are made on a second thread while this one deduplicates.
            let made = scope.spawn(|| mention_text(batch));
            let mut st = Statements::prepare(&tx)?;
            let mut number = 0;
            for coded in batch {
                match add_document(&mut st, &mut memory, &mut pending, &mut keys, coded, number)? {
                    Some(created) => {
                        stats.documents += 1;
                        stats.mentions += coded.events.len() as u64;
                        stats.new_events += created;
                    }
                    None => stats.already_stored += 1,
                }
                number += coded.events.len();
            }
            drop(st);
            let made = made
                .join()
                .map_err(|_| StoreError::Thread("the JSON thread panicked".to_string()))??;
            pending.write(&tx, &mut memory, &made, &mut self.inserts)
        })?;
        fold_years(&tx, &mut memory, keys.mention)?;
        tx.commit()?;
        self.memory = Some(memory);
        Ok(stats)
    }
}

/// The last keys given out.
struct Keys {
    document: i64,
    sentence: i64,
    mention: i64,
}

/// Folds the yearly dyad changes of the epochs before the last report's into `dyad_years`, one epoch at a
/// time in order, each in key order. (What is folded depends only on the stored reports, not on where
/// batches ended: a resumed run ends with the same rows.)
fn fold_years(tx: &Transaction, memory: &mut Memory, last_mention: i64) -> Result<(), StoreError> {
    let current = last_mention >> FOLD_BITS;
    let epochs: Vec<i64> = tx
        .prepare("SELECT DISTINCT epoch FROM dyad_years_recent WHERE epoch < ?1 ORDER BY epoch")?
        .query_map([current], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for epoch in epochs {
        tx.execute(
            "INSERT INTO dyad_years (year, actor1, actor2, events, goldstein, quad1, quad2, quad3, quad4)
             SELECT year, actor1, actor2, events, goldstein, quad1, quad2, quad3, quad4
                 FROM dyad_years_recent WHERE epoch = ?1 ORDER BY year, actor1, actor2
             ON CONFLICT (year, actor1, actor2) DO UPDATE SET events = events + excluded.events,
                 goldstein = goldstein + excluded.goldstein, quad1 = quad1 + excluded.quad1,
                 quad2 = quad2 + excluded.quad2, quad3 = quad3 + excluded.quad3,
                 quad4 = quad4 + excluded.quad4",
            [epoch],
        )?;
        tx.execute("DELETE FROM dyad_years_recent WHERE epoch = ?1", [epoch])?;
    }
    memory.recent.fold_before(current);
    Ok(())
}

/// The made columns of every event of a batch, in order.
fn mention_text(batch: &[CodedDocument]) -> Result<Vec<MentionText>, StoreError> {
    batch
        .iter()
        .flat_map(|coded| coded.events)
        .map(|event| {
            let plover = event.plover.as_ref();
            Ok(MentionText {
                actors: to_json(&event.actors)?,
                recipients: to_json(&event.recipients)?,
                speaker: event
                    .attribution
                    .speaker
                    .as_ref()
                    .map(to_json)
                    .transpose()?,
                place: event.place.as_ref().map(to_json).transpose()?,
                plover_context: plover.map(|p| p.context.join(";")),
                plover_aux: plover.map(|p| p.auxiliary.join(";")),
            })
        })
        .collect()
}

/// Adds a document with its sentences, entities and mentions to the batch and returns the events it
/// created, or `None` when a document with this uid is stored already. `number` is the number of its
/// first event in the batch.
fn add_document<'a>(
    st: &mut Statements,
    memory: &mut Memory,
    pending: &mut Pending<'a>,
    keys: &mut Keys,
    coded: &CodedDocument<'a>,
    number: usize,
) -> Result<Option<u64>, StoreError> {
    let doc = coded.doc;
    let uid = uid_number(doc);
    if !memory.uids.insert(uid) {
        return Ok(None);
    }
    keys.document += 1;
    let doc_key = keys.document;
    let source = document_source(doc);
    let source_number = memory.sources.number(source.as_deref());
    memory.sources.set(doc_key, source_number)?;
    let mut created = 0;
    let mut sentence_keys: Vec<(u32, i64)> = Vec::new();
    let mut entities: Vec<u32> = Vec::new();
    for (index, event) in coded.events.iter().enumerate() {
        let sentence_key = match sentence_keys.iter().find(|(idx, _)| *idx == event.sentence) {
            Some(&(_, key)) => key,
            None => {
                keys.sentence += 1;
                pending.sentences.push(SentenceRow {
                    key: keys.sentence,
                    doc_key,
                    event,
                });
                sentence_keys.push((event.sentence, keys.sentence));
                keys.sentence
            }
        };
        for actor in event.actors.iter().chain(&event.recipients) {
            if entities.contains(&actor.entity) {
                continue;
            }
            entities.push(actor.entity);
            pending.entities.push(EntityRow { doc_key, actor });
        }
        keys.mention += 1;
        let report = Report::of(event, keys.mention, doc_key, source_number, doc.date);
        let (event_key, new) = dedup::assign(st, memory, pending, &report)?;
        created += u64::from(new);
        pending.mentions.push(MentionRow {
            key: keys.mention,
            event_key,
            doc_key,
            sentence_key,
            event,
            number: number + index,
        });
    }
    pending.documents.push(DocumentRow {
        key: doc_key,
        uid: format!("{uid:032x}"),
        doc,
        source,
        sentences: coded.sentences,
        events: coded.events.len(),
    });
    Ok(Some(created))
}

/// A value as JSON text (actors, places).
fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::Generator;
    use dyad_coder::Event;

    /// A database file in a directory of its own, removed with the value.
    struct TempDb(std::path::PathBuf);

    impl TempDb {
        fn new(name: &str) -> TempDb {
            let dir =
                std::env::temp_dir().join(format!("dyad-store-unit-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("temp dir");
            TempDb(dir)
        }

        fn open(&self) -> Store {
            Store::open(&self.0.join("test.db")).expect("open")
        }
    }

    impl Drop for TempDb {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn documents(count: usize) -> Vec<(Document, Vec<Event>)> {
        let mut generator = Generator::new(11);
        (0..count).map(|_| generator.document()).collect()
    }

    fn ingest_in(store: &mut Store, docs: &[(Document, Vec<Event>)]) -> IngestStats {
        store
            .ingest(&crate::synthetic::coded(docs))
            .expect("ingest")
    }

    fn content(store: &Store) -> Vec<String> {
        store.content().expect("content")
    }

    #[test]
    fn batch_boundaries_do_not_change_the_content() {
        let docs = documents(1500);
        let whole_db = TempDb::new("whole");
        let mut whole = whole_db.open();
        ingest_in(&mut whole, &docs);
        let expected = content(&whole);
        // The changes of several epochs were folded into the yearly counts; the last is still recent.
        let (folded, recent): (i64, i64) = whole
            .connection()
            .query_row(
                "SELECT (SELECT count(*) FROM dyad_years), (SELECT count(DISTINCT epoch) FROM dyad_years_recent)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .expect("counts");
        assert!(
            folded > 1000 && recent == 1,
            "{folded} folded, {recent} epochs recent"
        );
        for size in [1, 37, 400] {
            let db = TempDb::new(&format!("chunks-{size}"));
            let mut store = db.open();
            for chunk in docs.chunks(size) {
                ingest_in(&mut store, chunk);
            }
            assert_eq!(content(&store), expected, "batches of {size}");
        }
    }

    #[test]
    fn folded_counts_answer_as_the_events_do() {
        use crate::Filter;
        use crate::query::Side;
        use jiff::civil::date;
        let db = TempDb::new("folded");
        let mut store = db.open();
        for chunk in documents(1500).chunks(200) {
            ingest_in(&mut store, chunk);
        }
        let events = |table: &crate::Table| -> Vec<String> {
            table
                .rows
                .iter()
                .map(|row| format!("{} {} {}", row[0], row[1], row[2]))
                .collect()
        };
        for (from, to) in [
            (None, None),
            (Some(date(2019, 1, 1)), Some(date(2019, 12, 31))),
            (Some(date(2016, 1, 1)), Some(date(2018, 12, 31))),
            (Some(date(2017, 5, 1)), Some(date(2019, 8, 31))),
        ] {
            let counts = Filter {
                from,
                to,
                ..Filter::default()
            };
            let scanned = Filter {
                cameo: Some(String::new()),
                ..counts.clone()
            };
            let fast = store.top_dyads(&counts, 30).expect("top dyads");
            assert!(!fast.rows.is_empty());
            assert_eq!(
                events(&fast),
                events(&store.top_dyads(&scanned, 30).expect("top dyads")),
                "{from:?}"
            );
            let fast = store
                .top_actors(&counts, Side::Any, 30)
                .expect("top actors");
            let slow = store
                .top_actors(&scanned, Side::Any, 30)
                .expect("top actors");
            let actors = |t: &crate::Table| -> Vec<String> {
                t.rows
                    .iter()
                    .map(|r| format!("{} {}", r[0], r[1]))
                    .collect()
            };
            assert_eq!(actors(&fast), actors(&slow), "{from:?}");
        }
    }

    #[test]
    fn two_stores_writing_one_database_see_each_other() {
        let docs = documents(600);
        let alone_db = TempDb::new("alone");
        let mut alone = alone_db.open();
        for chunk in docs.chunks(50) {
            ingest_in(&mut alone, chunk);
        }
        let shared = TempDb::new("shared");
        let mut first = shared.open();
        let mut second = shared.open();
        for (i, chunk) in docs.chunks(50).enumerate() {
            let store = if i % 3 == 1 { &mut second } else { &mut first };
            let stats = ingest_in(store, chunk);
            assert_eq!(stats.documents, chunk.len() as u64);
        }
        // Each ingest saw the other's documents and events: the same content as one writer.
        assert_eq!(content(&first), content(&alone));
        assert_eq!(ingest_in(&mut second, &docs[..10]).already_stored, 10);
    }

    #[test]
    fn a_failed_batch_leaves_nothing_behind() {
        let docs = documents(300);
        let reference_db = TempDb::new("reference");
        let mut reference = reference_db.open();
        ingest_in(&mut reference, &docs[..150]);
        ingest_in(&mut reference, &docs[150..]);

        let failing = TempDb::new("failing");
        let mut store = failing.open();
        ingest_in(&mut store, &docs[..150]);
        // The second batch fails at its end (no table for its entities) and rolls back.
        store
            .connection()
            .execute_batch("ALTER TABLE entities RENAME TO entities_away")
            .expect("rename");
        assert!(
            store
                .ingest(&crate::synthetic::coded(&docs[150..]))
                .is_err()
        );
        store
            .connection()
            .execute_batch("ALTER TABLE entities_away RENAME TO entities")
            .expect("rename back");
        // Run again, the batch stores its documents and events as if nothing had happened.
        let stats = ingest_in(&mut store, &docs[150..]);
        assert_eq!(stats.documents, 150);
        assert_eq!(content(&store), content(&reference));
    }
}
