//! `dyad ingest` as a user runs it: idempotent re-ingest, and a run killed with SIGKILL at several moments
//! that, resumed with the same command, ends with exactly the content of an uninterrupted run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A scratch directory, removed when the test ends (passing or failing).
struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("dyad-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    TempDir(dir)
}

/// The bundled examples, each under `copies` ids (so the copies are distinct documents that report the
/// same events), as one JSONL file.
fn corpus(dir: &Path, copies: usize) -> PathBuf {
    let examples =
        std::fs::read_to_string(repo().join("examples/articles.jsonl")).expect("examples");
    let mut out = String::new();
    for copy in 0..copies {
        for line in examples.lines().filter(|l| !l.trim().is_empty()) {
            let mut record: serde_json::Value = serde_json::from_str(line).expect("example json");
            let id = record["id"].as_str().unwrap_or("doc").to_string();
            record["id"] = serde_json::Value::String(format!("{id}-{copy}"));
            record["source"] = serde_json::Value::String(format!("wire-{}", copy % 3));
            out.push_str(&record.to_string());
            out.push('\n');
        }
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, out).expect("write corpus");
    path
}

fn ingest(db: &Path, corpus: &Path) -> Command {
    let mut command = dyad();
    command
        .args(["-q", "--threads", "2", "ingest", "--batch", "3", "--db"])
        .arg(db)
        .arg(corpus);
    command
}

/// The database's content as text lines (`Store::content`).
fn content(db: &Path) -> Vec<String> {
    let store = dyad_store::Store::open_read_only(db).expect("open db");
    let lines = store.content().expect("content");
    let tables = lines.iter().filter(|l| l.starts_with("== ")).count();
    assert!(tables >= 8, "tables: {tables}");
    lines
}

#[test]
fn reingesting_adds_nothing() {
    let dir = temp_dir("again");
    let corpus = corpus(&dir, 2);
    let db = dir.join("dyad.db");
    assert!(ingest(&db, &corpus).status().expect("run").success());
    let first = content(&db);
    let output = dyad()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .expect("run");
    assert!(output.status.success());
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(
        summary.contains("stored 0 documents (24 already in the store)"),
        "{summary}"
    );
    assert_eq!(content(&db), first);
    // The copies of one article report the same events: deduplicated, each event has two articles.
    let conn = rusqlite::Connection::open(&db).expect("open");
    let (mentions, events): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM mentions), (SELECT count(*) FROM events)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("counts");
    assert!(
        events > 50 && mentions >= 2 * events - 10,
        "{mentions} mentions, {events} events"
    );

    // The JSONL export carries every report (all modalities) with the event it reports.
    let export = dyad()
        .args(["-q", "export", "-f", "jsonl", "--all", "--db"])
        .arg(&db)
        .output()
        .expect("export");
    assert!(export.status.success());
    let text = String::from_utf8_lossy(&export.stdout);
    let mut ids = std::collections::BTreeSet::new();
    for line in text.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("JSON record");
        let id = record["event"]["global_event_id"]
            .as_i64()
            .expect("event id");
        assert!(
            record["event"]["num_articles"]
                .as_i64()
                .is_some_and(|n| n >= 1)
        );
        ids.insert(id);
    }
    assert_eq!(text.lines().count() as i64, mentions);
    assert_eq!(ids.len() as i64, events);
}

#[test]
fn a_killed_ingest_resumes_to_the_same_content() {
    let dir = temp_dir("kill");
    let corpus = corpus(&dir, 12);
    let reference = dir.join("reference.db");
    assert!(ingest(&reference, &corpus).status().expect("run").success());
    let expected = content(&reference);

    let db = dir.join("killed.db");
    let stored = |db: &Path| -> i64 {
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|conn| conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)))
            .unwrap_or(0)
    };
    let mut kills = 0;
    // Kill each run once it has stored more than the given number of documents (or at once for 0, before
    // anything is written), mid-way through later batches.
    for (target, extra_ms) in [(0i64, 0u64), (20, 0), (45, 7), (80, 3), (120, 11)] {
        let mut child = ingest(&db, &corpus).spawn().expect("spawn");
        while target > 0 && stored(&db) <= target && child.try_wait().expect("wait").is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(extra_ms));
        if child.try_wait().expect("wait").is_none() {
            child.kill().expect("SIGKILL");
            kills += 1;
        }
        child.wait().expect("reap");
        // Whatever the moment of the kill, the database holds whole documents only.
        let conn = rusqlite::Connection::open(&db).expect("open after kill");
        let partial: i64 = conn
            .query_row(
                "SELECT count(*) FROM documents d WHERE d.events <> (SELECT count(*) FROM mentions m
                   WHERE m.doc_key = d.doc_key)",
                [],
                |r| r.get(0),
            )
            .unwrap_or(0);
        assert_eq!(partial, 0, "a document was stored in part");
        eprintln!(
            "killed past {target} documents: {} of 144 stored",
            stored(&db)
        );
    }
    assert!(
        kills >= 4,
        "only {kills} runs were killed: the corpus is too small for this machine"
    );
    assert!(ingest(&db, &corpus).status().expect("resume").success());
    assert_eq!(content(&db), expected);
}

#[test]
fn two_ingests_at_once_share_one_database() {
    let dir = temp_dir("concurrent");
    let first = corpus(&dir, 2);
    let second = dir.join("second.jsonl");
    let text = std::fs::read_to_string(&first).expect("corpus");
    std::fs::write(&second, text.replace("\"id\":\"ex", "\"id\":\"other-ex"))
        .expect("second corpus");
    let db = dir.join("dyad.db");
    let mut a = ingest(&db, &first).spawn().expect("spawn");
    let mut b = ingest(&db, &second).spawn().expect("spawn");
    assert!(a.wait().expect("wait").success(), "first ingest failed");
    assert!(b.wait().expect("wait").success(), "second ingest failed");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let documents: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .expect("count");
    assert_eq!(documents, 48);
}
