//! The document runner: reads records in order, processes documents in parallel batches (rayon), hands
//! results back in input order, shows progress on a terminal, writes rejects, and keeps the run summary.

use anyhow::{Context, Result};
use dyad_text::Document;
use dyad_text::read::{ReadOptions, Record, RecordError, Rejected, read_all};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Counts of a run: every record read ends up in exactly one of processed, skipped or failed.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    /// Records read from the inputs.
    pub read: u64,
    /// Documents processed.
    pub processed: u64,
    /// Records with nothing to process (empty documents, missing text).
    pub skipped: u64,
    /// Records rejected as broken input.
    pub failed: u64,
    /// Bytes of document text processed.
    pub bytes: u64,
}

/// Options of a run.
pub struct RunOptions<'a> {
    /// What to call processed documents in the summary ("analysed", "coded").
    pub verb: &'a str,
    /// No progress bar and no summary.
    pub quiet: bool,
    /// Where to write rejected records as JSONL.
    pub errors: Option<&'a Path>,
}

/// Documents per parallel batch, and the byte budget that closes a batch early.
const BATCH_DOCS: usize = 256;
const BATCH_BYTES: usize = 16 << 20;

/// Runs `work` on every document of `inputs` in parallel and `emit` on the results in input order.
/// Each worker thread gets its own state from `init` (scratch buffers, analysers).
pub fn run<S, T, I, W, E>(
    inputs: Vec<PathBuf>,
    read: ReadOptions,
    options: &RunOptions,
    init: I,
    work: W,
    mut emit: E,
) -> Result<Summary>
where
    T: Send,
    I: Fn() -> S + Sync + Send,
    W: Fn(&mut S, &Document) -> T + Sync + Send,
    E: FnMut(&Document, T) -> Result<()>,
{
    let started = Instant::now();
    let mut summary = Summary::default();
    let mut errors = match options.errors {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => None,
    };
    let progress = progress_bar(options.quiet);
    let mut records = read_all(inputs, read);
    let mut batch: Vec<Record> = Vec::with_capacity(BATCH_DOCS);
    loop {
        batch.clear();
        let mut bytes = 0usize;
        for record in records.by_ref() {
            if let Ok(doc) = &record {
                bytes += doc.text.len();
            }
            batch.push(record);
            if batch.len() == BATCH_DOCS || bytes >= BATCH_BYTES {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        // A bug triggered by one document must not take the run down: a panic becomes that record's
        // failure, and the worker's state is rebuilt.
        let results: Vec<Option<Result<T, String>>> = batch
            .par_iter()
            .map_init(&init, |state, record| {
                record.as_ref().ok().map(|doc| {
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(state, doc)))
                        .map_err(|panic| {
                            *state = init();
                            panic
                                .downcast_ref::<&str>()
                                .map(|s| s.to_string())
                                .or_else(|| panic.downcast_ref::<String>().cloned())
                                .unwrap_or_else(|| "unknown panic".to_string())
                        })
                })
            })
            .collect();
        for (record, result) in batch.iter().zip(results) {
            summary.read += 1;
            match (record, result) {
                (Ok(doc), Some(Ok(result))) => {
                    summary.processed += 1;
                    summary.bytes += doc.text.len() as u64;
                    emit(doc, result)?;
                }
                (Ok(doc), Some(Err(panic))) => {
                    summary.failed += 1;
                    let rejected = Rejected {
                        origin: doc.origin.clone(),
                        error: RecordError::Internal(panic),
                    };
                    report(&rejected, options.quiet, &progress, errors.as_mut())?;
                }
                (Err(rejected), _) => {
                    if rejected.error.is_skip() {
                        summary.skipped += 1;
                    } else {
                        summary.failed += 1;
                    }
                    report(rejected, options.quiet, &progress, errors.as_mut())?;
                }
                (Ok(_), None) => unreachable!("every document yields a result"),
            }
        }
        if let Some(bar) = &progress {
            bar.set_position(summary.read);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let Some(mut writer) = errors {
        writer.flush()?;
    }
    if !options.quiet {
        let seconds = started.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "dyad: {} records read: {} {}, {} skipped, {} failed ({:.1} MB in {:.2} s, {:.1} MB/s)",
            summary.read,
            summary.processed,
            options.verb,
            summary.skipped,
            summary.failed,
            summary.bytes as f64 / 1e6,
            seconds,
            summary.bytes as f64 / 1e6 / seconds,
        );
    }
    Ok(summary)
}

fn progress_bar(quiet: bool) -> Option<ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} records {per_sec} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}

fn report(
    rejected: &Rejected,
    quiet: bool,
    progress: &Option<ProgressBar>,
    errors: Option<&mut std::io::BufWriter<std::fs::File>>,
) -> Result<()> {
    if !quiet {
        let line = format!(
            "dyad: {}: {}",
            if rejected.error.is_skip() {
                "skipped"
            } else {
                "failed"
            },
            rejected
        );
        match progress {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }
    if let Some(writer) = errors {
        let entry = serde_json::json!({
            "path": rejected.origin.path,
            "record": rejected.origin.record,
            "status": if rejected.error.is_skip() { "skipped" } else { "failed" },
            "error": rejected.error,
            "message": rejected.error.to_string(),
        });
        serde_json::to_writer(&mut *writer, &entry)?;
        writer.write_all(b"\n")?;
    }
    Ok(())
}
