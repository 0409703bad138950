//! `dyad query`: filters and aggregations over the event database, printed as an aligned table, CSV or
//! JSON.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use dyad_store::query::{Period, Side};
use dyad_store::{Filter, Store, Table};
use std::io::Write;
use std::path::PathBuf;

/// What to show.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Deduplicated events, by date.
    Events,
    /// The reports (mentions) of the matching events, with their sentences.
    Mentions,
    /// The number of matching events.
    Count,
    /// A time series (see --by): events, Goldstein sum and mean, QuadClass counts.
    Series,
    /// The actors with the most events (see --side).
    TopActors,
    /// The (source, target) pairs with the most events.
    TopDyads,
    /// Directed network edges: every (source, target) pair with its counts.
    Network,
    /// Events per country (of an actor or the place).
    Countries,
}

/// Output formats of `dyad query`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryFormat {
    /// Aligned columns.
    Table,
    /// Comma-separated values with a header.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// Time buckets of `series`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// Days.
    Day,
    /// Weeks (labelled by their Monday).
    Week,
    /// Months.
    Month,
}

/// Sides counted by `top-actors`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SideArg {
    /// Sources.
    Source,
    /// Targets.
    Target,
    /// Either.
    Any,
}

/// Which events a query or export covers (shared by `dyad query` and `dyad export`).
#[derive(Args, Debug)]
pub struct FilterArgs {
    /// The event database.
    #[arg(long, default_value = "dyad.db")]
    pub db: PathBuf,
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long)]
    from: Option<jiff::civil::Date>,
    /// Events on or before this date.
    #[arg(long)]
    to: Option<jiff::civil::Date>,
    /// Actor code prefix on either side (RUS, RUSGOV).
    #[arg(long)]
    actor: Option<String>,
    /// Source (Actor1) code prefix.
    #[arg(long)]
    source: Option<String>,
    /// Target (Actor2) code prefix.
    #[arg(long)]
    target: Option<String>,
    /// Country of an actor or of the place (ISO3).
    #[arg(long)]
    country: Option<String>,
    /// Part of an actor's name ("Lavrov").
    #[arg(long)]
    entity: Option<String>,
    /// CAMEO code prefix: root (19), base (036) or code.
    #[arg(long)]
    cameo: Option<String>,
    /// PLOVER event type (AGREE).
    #[arg(long)]
    plover: Option<String>,
    /// QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    quad: Option<u8>,
    /// Part of the place name.
    #[arg(long)]
    place: Option<String>,
    /// Country of the place (ISO3).
    #[arg(long)]
    place_country: Option<String>,
    /// Modality to keep (repeatable); default: all but negated and conditional.
    #[arg(long)]
    modality: Vec<String>,
    /// Keep every modality.
    #[arg(long)]
    all: bool,
    /// Full-text search over the evidence sentences (SQLite FTS5 syntax: ceasefire AND Gaza).
    #[arg(long)]
    text: Option<String>,
}

/// Arguments of `dyad query`.
#[derive(Args, Debug)]
pub struct QueryArgs {
    /// What to show.
    #[arg(value_enum)]
    view: View,
    #[command(flatten)]
    filters: FilterArgs,
    /// Buckets of `series`.
    #[arg(long, value_enum, default_value = "month")]
    by: By,
    /// Side counted by `top-actors`.
    #[arg(long, value_enum, default_value = "any")]
    side: SideArg,
    /// Most rows to show (default 50; 20 for top-*; 10000 for network).
    #[arg(long)]
    limit: Option<usize>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    format: QueryFormat,
}

impl FilterArgs {
    /// The store filter these options describe.
    pub fn filter(&self) -> Filter {
        Filter {
            from: self.from,
            to: self.to,
            actor: self.actor.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            country: self.country.clone(),
            entity: self.entity.clone(),
            cameo: self.cameo.clone(),
            plover: self.plover.clone(),
            quad: self.quad,
            place: self.place.clone(),
            place_country: self.place_country.clone(),
            modality: self.modality.clone(),
            all_modalities: self.all,
            text: self.text.clone(),
        }
    }
}

impl FilterArgs {
    /// Opens the database for reading.
    pub fn open(&self) -> Result<Store> {
        if !self.db.exists() {
            anyhow::bail!(
                "no database at {} (create one with `dyad ingest`)",
                self.db.display()
            );
        }
        Store::open_read_only(&self.db)
            .with_context(|| format!("cannot open {}", self.db.display()))
    }
}

/// Runs the command.
pub fn run(args: QueryArgs) -> Result<()> {
    let store = args.filters.open()?;
    let filter = args.filters.filter();
    let table = match args.view {
        View::Events => store.events(&filter, args.limit.unwrap_or(50))?,
        View::Mentions => store.mentions(&filter, args.limit.unwrap_or(50))?,
        View::Count => Table {
            columns: vec!["events".to_string()],
            rows: vec![vec![dyad_store::Value::Int(store.count(&filter)? as i64)]],
        },
        View::Series => store.series(
            &filter,
            match args.by {
                By::Day => Period::Day,
                By::Week => Period::Week,
                By::Month => Period::Month,
            },
        )?,
        View::TopActors => store.top_actors(
            &filter,
            match args.side {
                SideArg::Source => Side::Source,
                SideArg::Target => Side::Target,
                SideArg::Any => Side::Any,
            },
            args.limit.unwrap_or(20),
        )?,
        View::TopDyads => store.top_dyads(&filter, args.limit.unwrap_or(20))?,
        View::Network => store.top_dyads(&filter, args.limit.unwrap_or(10_000))?,
        View::Countries => store.countries(&filter, args.limit.unwrap_or(50))?,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        QueryFormat::Table => write_aligned(&mut out, &table)?,
        QueryFormat::Csv => write_csv(&mut out, &table)?,
        QueryFormat::Json => {
            let objects: Vec<serde_json::Map<String, serde_json::Value>> = table
                .rows
                .iter()
                .map(|row| {
                    table
                        .columns
                        .iter()
                        .cloned()
                        .zip(
                            row.iter()
                                .map(|v| serde_json::to_value(v).unwrap_or_default()),
                        )
                        .collect()
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &objects)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Longest cell shown in the aligned table (longer text is cut with an ellipsis).
const MAX_CELL: usize = 60;

fn write_aligned(out: &mut impl Write, table: &Table) -> Result<()> {
    let cells: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|value| {
                    let text = value.to_string();
                    if text.chars().count() > MAX_CELL {
                        let cut: String = text.chars().take(MAX_CELL - 1).collect();
                        format!("{cut}…")
                    } else {
                        text
                    }
                })
                .collect()
        })
        .collect();
    let widths: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, name)| {
            cells
                .iter()
                .map(|row| row[i].chars().count())
                .chain([name.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |row: &[String]| -> String {
        row.iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(&table.columns))?;
    for row in &cells {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn write_csv(out: &mut impl Write, table: &Table) -> Result<()> {
    let header: Vec<String> = table.columns.iter().map(|c| csv_field(c)).collect();
    writeln!(out, "{}", header.join(","))?;
    for row in &table.rows {
        let fields: Vec<String> = row.iter().map(|v| csv_field(&v.to_string())).collect();
        writeln!(out, "{}", fields.join(","))?;
    }
    Ok(())
}
