//! `dyad ingest`: codes documents and stores them, their evidence sentences, event mentions and
//! deduplicated events in the event database. Documents already stored are skipped before coding, and each
//! batch is one transaction, so a killed run resumes by running the same command again.

use crate::DictArgs;
use crate::input::InputArgs;
use crate::runner::{RunOptions, run as run_documents};
use anyhow::{Context, Result};
use clap::Args;
use dyad_coder::{Coded, Coder, Scratch};
use dyad_dict::Compiled;
use dyad_store::{CodedDocument, IngestStats, Store, document_uid};
use dyad_text::{Analyzer, Document};
use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Arguments of `dyad ingest`.
#[derive(Args, Debug)]
pub struct IngestArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The event database.
    #[arg(long, default_value = "dyad.db")]
    db: PathBuf,
    /// Documents per transaction (a killed run loses at most the batch in progress).
    #[arg(long, default_value_t = 256)]
    batch: usize,
}

/// The longest a coded document waits before its batch is committed.
const COMMIT_INTERVAL: Duration = Duration::from_secs(2);

/// Runs the command.
pub fn run(args: IngestArgs, dicts: &DictArgs, quiet: bool) -> Result<ExitCode> {
    let mut store =
        Store::open(&args.db).with_context(|| format!("cannot open {}", args.db.display()))?;
    let known: HashSet<String> = store.known_documents()?;
    let started_at = jiff::Timestamp::now().to_string();
    let run_key = store.begin_run(&started_at)?;
    // The store keeps every modality; queries and exports leave out negated and conditional events
    // unless asked.
    let coder = Coder::new(Compiled::build(dicts.load()?)).keep_all(true);
    let options = RunOptions {
        verb: "coded",
        quiet,
        errors: args.input.errors.as_deref(),
    };
    let mut pending: Vec<(Document, Coded)> = Vec::new();
    let mut last_commit = Instant::now();
    let mut total = IngestStats::default();
    let summary = run_documents(
        args.input.paths()?,
        args.input.read_options(),
        &options,
        || (Analyzer::default(), Scratch::default()),
        |(analyzer, scratch), doc| {
            if known.contains(&document_uid(doc)) {
                return None;
            }
            let analysis = analyzer.analyse(&doc.text);
            Some(coder.code(doc, &analysis, scratch, false))
        },
        |doc, coded: Option<Coded>| {
            match coded {
                Some(coded) => pending.push((doc.clone(), coded)),
                None => total.already_stored += 1,
            }
            if pending.len() >= args.batch.max(1)
                || (!pending.is_empty() && last_commit.elapsed() >= COMMIT_INTERVAL)
            {
                add(&mut total, commit(&mut store, &mut pending)?);
                last_commit = Instant::now();
            }
            Ok(())
        },
    )?;
    add(&mut total, commit(&mut store, &mut pending)?);
    store.finish_run(
        run_key,
        &jiff::Timestamp::now().to_string(),
        total.documents,
    )?;
    if !quiet {
        let [documents, _, mentions, events] = store.counts()?;
        eprintln!(
            "dyad: stored {} documents ({} already in the store), {} event mentions, {} new events; \
             {}: {documents} documents, {mentions} mentions, {events} events",
            total.documents,
            total.already_stored,
            total.mentions,
            total.new_events,
            args.db.display(),
        );
    }
    Ok(if args.input.strict && summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn commit(store: &mut Store, pending: &mut Vec<(Document, Coded)>) -> Result<IngestStats> {
    if pending.is_empty() {
        return Ok(IngestStats::default());
    }
    let batch: Vec<CodedDocument> = pending
        .iter()
        .map(|(doc, coded)| CodedDocument {
            doc,
            sentences: coded.sentences,
            events: &coded.events,
        })
        .collect();
    let stats = store.ingest(&batch)?;
    pending.clear();
    Ok(stats)
}

fn add(total: &mut IngestStats, batch: IngestStats) {
    total.documents += batch.documents;
    total.already_stored += batch.already_stored;
    total.mentions += batch.mentions;
    total.new_events += batch.new_events;
}
