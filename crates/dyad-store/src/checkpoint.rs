//! Checkpoints on a thread of their own. Ingest commits append pages to the write-ahead log; a checkpoint
//! copies them back into the database file (and syncs both). SQLite runs it in the committing thread,
//! mostly as kernel time: here a thread with its own connection runs it while ingest goes on with the
//! next batch. The writer still checkpoints itself when the log grows well past the usual
//! size (the log restarts from its beginning only when a checkpoint has copied all of it before the
//! writer's next transaction, which a checkpoint running beside the writer may keep missing).

use crate::StoreError;
use rusqlite::Connection;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

/// Pages added to the log that start a background checkpoint (32 MiB of 4 KiB pages: pages rewritten by
/// consecutive batches, such as index interiors, are copied back once).
const BACKGROUND_PAGES: i32 = 8_192;

/// Pages in the log above which the writer checkpoints itself, as SQLite's own automatic checkpoint
/// (256 MiB): it copies what the thread has not.
const FOREGROUND_PAGES: i32 = 8 * BACKGROUND_PAGES;

/// The checkpoint thread of a writing connection; stops when dropped.
pub(crate) struct Checkpointer {
    /// `true` asks for a checkpoint, `false` stops the thread.
    requests: SyncSender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts the thread for the database at `path` and hands it the checkpoints of `conn` (in place of
    /// SQLite's automatic ones).
    pub fn start(conn: &mut Connection, path: &Path) -> Result<Checkpointer, StoreError> {
        let own = Connection::open(path)?;
        // A connection finds the log at its first read: until then it would not checkpoint at all.
        own.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        let (requests, received) = sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("dyad-checkpoint".to_string())
            .spawn(move || run(&own, &received))
            .map_err(|e| StoreError::Thread(e.to_string()))?;
        let sender = requests.clone();
        // The log's size at which the next background checkpoint is due.
        let mut due = BACKGROUND_PAGES;
        conn.wal_hook(Some(move |wal: &mut rusqlite::hooks::Wal, pages| {
            if pages < due - BACKGROUND_PAGES {
                // The log restarted from its beginning.
                due = BACKGROUND_PAGES;
            }
            if pages >= FOREGROUND_PAGES {
                // As SQLite's automatic checkpoint: a checkpoint that cannot run now (the thread's is
                // running) leaves the pages in the log, where they are safe, for the next commit.
                let _ = wal.checkpoint();
            } else if pages >= due {
                due = pages + BACKGROUND_PAGES;
                // Full: a request is waiting already.
                let _ = sender.try_send(true);
            }
            Ok(())
        }))?;
        Ok(Checkpointer {
            requests,
            thread: Some(thread),
        })
    }
}

/// Runs a passive checkpoint (one that never waits for the writer or readers) for each request. One that
/// fails leaves the pages in the log for the next one, or for the writer's.
fn run(conn: &Connection, requests: &Receiver<bool>) {
    while let Ok(true) = requests.recv() {
        let _ = conn.wal_checkpoint_v2(None::<&str>, rusqlite::wal::CheckpointMode::PASSIVE);
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // The thread stops after the checkpoint in progress and the request waiting, if any.
        let _ = self.requests.send(false);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thread_copies_the_log_into_the_database() {
        let dir = std::env::temp_dir().join(format!("dyad-checkpoint-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("test.db");
        let mut conn = Connection::open(&path).expect("open");
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .expect("wal");
        let checkpointer = Checkpointer::start(&mut conn, &path).expect("start");
        conn.execute_batch(
            "CREATE TABLE t (x TEXT);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO t SELECT printf('%0500d', i) FROM n;",
        )
        .expect("rows");
        // Below the thresholds nothing was copied back: the database file holds its first page only.
        let size = || std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        assert_eq!(size(), 4096);
        checkpointer.requests.send(true).expect("request");
        // Dropping waits for the request to be served.
        drop(checkpointer);
        assert!(size() > 1_000_000, "{} bytes", size());
        drop(conn);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
