//! `dyad export`: writes the stored events in one of the exchange formats. Event-level formats (GDELT
//! events, Phoenix) get one row per deduplicated event, written from its representative report with the
//! event's NumMentions/NumSources/NumArticles; the others get every report (mention), each carrying the id
//! and figures of its event.

use crate::query_cmd::FilterArgs;
use anyhow::{Context, Result};
use clap::Args;
use dyad_export::{Cluster, DocMeta, ExportRecord, Format};
use dyad_store::records::{Records, StoredRecord};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Arguments of `dyad export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum)]
    format: Format,
    /// Write here instead of standard output (required for parquet on a terminal).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    filters: FilterArgs,
}

/// Runs the command.
pub fn run(args: ExportArgs, quiet: bool) -> Result<()> {
    let store = args.filters.open()?;
    let filter = args.filters.filter();
    let out: Box<dyn std::io::Write + Send> = match &args.out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => {
            if args.format.is_binary() && std::io::stdout().is_terminal() {
                anyhow::bail!("{} is binary: give --out FILE or redirect", args.format);
            }
            Box::new(std::io::BufWriter::new(std::io::stdout()))
        }
    };
    let coded_at = jiff::Timestamp::now().strftime("%Y%m%d%H%M%S").to_string();
    let mut writer = dyad_export::writer(args.format, out, &coded_at)?;
    let which = match args.format {
        Format::GdeltEvents | Format::Phoenix => Records::Events,
        _ => Records::Mentions,
    };
    let written = store.each_record(&filter, which, |stored: &StoredRecord| -> Result<()> {
        let document = &stored.document;
        let figures = &stored.figures;
        writer.write(&ExportRecord {
            event: &stored.event,
            doc: DocMeta {
                id: &document.id,
                url: document.url.as_deref(),
                title: document.title.as_deref(),
                source: document.source.as_deref(),
                published: document.published,
                length: Some(document.length),
            },
            cluster: Some(Cluster {
                global_event_id: figures.event_key as u64,
                num_mentions: figures.num_mentions,
                num_sources: figures.num_sources,
                num_articles: figures.num_articles,
                first_added: figures.first_added.clone(),
            }),
        })?;
        Ok(())
    })?;
    writer.finish()?;
    if !quiet {
        eprintln!(
            "dyad: exported {written} {} as {}",
            match which {
                Records::Events => "events",
                Records::Mentions => "mentions",
            },
            args.format
        );
    }
    Ok(())
}
