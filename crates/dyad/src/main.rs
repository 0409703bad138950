//! The `dyad` command: reads news, analyses it, and (as the pipeline grows) codes, stores and serves
//! political events. This binary owns argument parsing, the parallel document runner, progress display and
//! the run summary; the work itself lives in the library crates.

mod alloc;
mod code_cmd;
mod dict_cmd;
mod eval;
mod export_cmd;
mod ingest_cmd;
mod input;
mod query_cmd;
mod runner;
mod text_cmd;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc: coding allocates many small, short-lived buffers per sentence, which glibc's allocator serves
/// about twice as slowly (measured with callgrind; docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: alloc::Mimalloc = alloc::Mimalloc;

/// dyad: a political event data engine.
#[derive(Parser)]
#[command(name = "dyad", version, about, propagate_version = true)]
struct Cli {
    /// Worker threads (default: all cores).
    #[arg(long, global = true)]
    threads: Option<usize>,
    /// No progress bar and no summary on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(flatten)]
    dicts: DictArgs,
    #[command(subcommand)]
    command: Command,
}

/// Which dictionaries to use (global options of every command).
#[derive(clap::Args, Debug, Clone)]
pub struct DictArgs {
    /// Add a dictionary file or directory (dyad or PETRARCH format); repeatable.
    #[arg(long = "dict", global = true, value_name = "PATH")]
    pub paths: Vec<std::path::PathBuf>,
    /// Do not load the built-in dictionaries (use only --dict ones).
    #[arg(long, global = true)]
    pub no_builtin: bool,
}

impl DictArgs {
    /// Loads the dictionaries these options name.
    pub fn load(&self) -> Result<dyad_dict::DictionarySet> {
        Ok(dyad_dict::load::load(&self.paths, self.no_builtin)?)
    }
}

#[derive(Subcommand)]
enum Command {
    /// Analyse documents: units (sentences, headline, dateline, captions...), tokens, tags, lemmas.
    Text(text_cmd::TextArgs),
    /// Code documents into events (CAMEO and PLOVER), as JSONL, PLOVER JSONL or GDELT rows.
    Code(code_cmd::CodeArgs),
    /// Dictionaries: look up phrases, show statistics, check files.
    Dict(dict_cmd::DictCommand),
    /// Code documents and store them with their events in the event database (deduplicated).
    Ingest(ingest_cmd::IngestArgs),
    /// Query the event database: event lists, series, top actors and dyads, networks, countries.
    Query(query_cmd::QueryArgs),
    /// Export stored events: jsonl, plover, gdelt-events, gdelt-mentions, phoenix, parquet, table.
    Export(export_cmd::ExportArgs),
    /// Score dyad against gold files (PETRARCH records, PLOVER GSR, CASE 2021, NGEC actors, ConfliBERT).
    Eval(eval::EvalArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // A closed pipe (`dyad text ... | head`) is a normal way to stop reading.
        Err(error)
            if error
                .chain()
                .filter_map(|e| {
                    e.downcast_ref::<std::io::Error>()
                        .map(std::io::Error::kind)
                        .or_else(|| {
                            e.downcast_ref::<serde_json::Error>()
                                .and_then(serde_json::Error::io_error_kind)
                        })
                })
                .any(|kind| kind == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("dyad: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(threads) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()?;
    }
    match cli.command {
        Command::Text(args) => text_cmd::run(args, cli.quiet),
        Command::Dict(command) => dict_cmd::run(command, &cli.dicts),
        Command::Code(args) => code_cmd::run(args, &cli.dicts, cli.quiet),
        Command::Eval(args) => eval::run(args, &cli.dicts),
        Command::Ingest(args) => ingest_cmd::run(args, &cli.dicts, cli.quiet),
        Command::Query(args) => query_cmd::run(args).map(|()| ExitCode::SUCCESS),
        Command::Export(args) => export_cmd::run(args, cli.quiet).map(|()| ExitCode::SUCCESS),
    }
}
