//! Checkpoints on a thread of their own. Ingest commits append pages to the write-ahead log; a checkpoint
//! copies them back into the database file (and syncs both). SQLite runs it in the committing thread,
//! where it took a fifth of ingest's time: here a thread with its own connection runs it while ingest goes
//! on with the next batch. The writer still checkpoints itself when the log grows well past the usual
//! size (the log restarts from its beginning only when a checkpoint has copied all of it before the
//! writer's next transaction, which a checkpoint running beside the writer may keep missing).

use crate::StoreError;
use rusqlite::Connection;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

/// Pages in the log that start a background checkpoint (64 MiB of 4 KiB pages: pages rewritten by
/// consecutive batches, such as index interiors, are copied back once).
const BACKGROUND_PAGES: i32 = 16_384;

/// Pages in the log above which the writer checkpoints itself, as SQLite's own automatic checkpoint.
const FOREGROUND_PAGES: i32 = 4 * BACKGROUND_PAGES;

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
        let (requests, received) = sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("dyad-checkpoint".to_string())
            .spawn(move || run(&own, &received))
            .map_err(|e| StoreError::Checkpoint(e.to_string()))?;
        let sender = requests.clone();
        conn.wal_hook(Some(move |wal: &mut rusqlite::hooks::Wal, pages| {
            if pages >= FOREGROUND_PAGES {
                // As SQLite's automatic checkpoint: a checkpoint that cannot run now (the thread's is
                // running) leaves the pages in the log, where they are safe, for the next commit.
                let _ = wal.checkpoint();
            } else if pages >= BACKGROUND_PAGES {
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
