//! dyad-export writes coded events in every output format dyad offers: dyad's own JSONL records, PLOVER
//! JSONL, GDELT 2.0 event and mentions tables, the Phoenix pipeline's TSV, Parquet, and a readable table.
//!
//! Each format is an [`EventWriter`] made by [`writer`]; callers hand it one [`ExportRecord`] per coded event
//! mention (the event, the metadata of its document and, when a store has deduplicated events, the figures of
//! the event it belongs to) and call [`EventWriter::finish`] at the end. The column lists and mapping
//! decisions are documented in `docs/formats.md`. This crate knows nothing about coding or storage.

pub mod countries;
mod gdelt;
mod json;
mod jsonl;
mod parquet;
mod phoenix;
mod plover;
mod record;
mod rows;
pub mod table;

pub use record::{Cluster, DocMeta, ExportRecord};

use std::io::Write;

/// Errors while writing events.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing to the output failed.
    #[error("writing output: {0}")]
    Io(#[from] std::io::Error),
    /// A JSON record could not be serialised.
    #[error("serialising a JSON record: {0}")]
    Json(#[from] serde_json::Error),
    /// The Parquet writer failed.
    #[error("writing Parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
    /// An Arrow batch could not be built.
    #[error("building an Arrow batch: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// The coding time given to [`writer`] is not `YYYYMMDDHHMMSS`.
    #[error("coding time {0:?} is not YYYYMMDDHHMMSS")]
    CodedAt(String),
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// dyad's event records (docs/events.md), one JSON object per line.
    Jsonl,
    /// PLOVER event records, one JSON object per line.
    Plover,
    /// GDELT 2.0 event table rows (61 tab-separated columns, no header).
    #[cfg_attr(feature = "clap", value(alias = "gdelt"))]
    GdeltEvents,
    /// GDELT 2.0 mentions table rows (16 tab-separated columns, no header).
    GdeltMentions,
    /// Phoenix pipeline event rows (26 tab-separated columns, no header).
    Phoenix,
    /// Apache Parquet, one row per event mention with flat columns (needs a file, not a terminal).
    Parquet,
    /// One readable line per event: document, date, actors, CAMEO code and name, recipients, PLOVER type, place.
    Table,
}

impl Format {
    /// Every format, in documentation order.
    pub const ALL: &'static [Format] = &[
        Format::Jsonl,
        Format::Plover,
        Format::GdeltEvents,
        Format::GdeltMentions,
        Format::Phoenix,
        Format::Parquet,
        Format::Table,
    ];

    /// The format's name on the command line (`gdelt-events`).
    pub const fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Plover => "plover",
            Format::GdeltEvents => "gdelt-events",
            Format::GdeltMentions => "gdelt-mentions",
            Format::Phoenix => "phoenix",
            Format::Parquet => "parquet",
            Format::Table => "table",
        }
    }

    /// Whether the format is binary (Parquet), which should not be written to a terminal.
    pub const fn is_binary(self) -> bool {
        matches!(self, Format::Parquet)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    /// Parses a format name; `gdelt` is an alias of `gdelt-events`.
    fn from_str(name: &str) -> Result<Format, String> {
        if name == "gdelt" {
            return Ok(Format::GdeltEvents);
        }
        Format::ALL
            .iter()
            .copied()
            .find(|format| format.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format {name:?} (one of: {})", names.join(", "))
            })
    }
}

/// Writes event records in one format.
pub trait EventWriter: Send {
    /// Writes one record (the text formats may write several rows for it: see each format).
    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError>;
    /// Passes the rows written so far on to the output, so that a caller can interleave its own text on the
    /// same stream. Parquet keeps its open row group until [`EventWriter::finish`].
    fn flush(&mut self) -> Result<(), ExportError>;
    /// Writes whatever is buffered (the last Parquet row group and footer) and flushes the output.
    fn finish(self: Box<Self>) -> Result<(), ExportError>;
}

/// A writer of `format` to `out`. `coded_at` (`YYYYMMDDHHMMSS`, UTC) is the coding time that PLOVER's
/// `coded_date`, GDELT's `DATEADDED` and `MentionTimeDate` and the Parquet `coded_at` column report.
pub fn writer(
    format: Format,
    out: Box<dyn Write + Send>,
    coded_at: &str,
) -> Result<Box<dyn EventWriter>, ExportError> {
    if coded_at.len() != 14 || !coded_at.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ExportError::CodedAt(coded_at.to_string()));
    }
    let coded_at = coded_at.to_string();
    Ok(match format {
        Format::Jsonl => Box::new(jsonl::JsonlWriter::new(out)),
        Format::Plover => Box::new(plover::PloverWriter::new(out, coded_at)),
        Format::GdeltEvents => Box::new(rows::RowWriter::new(
            out,
            coded_at,
            gdelt::event_row,
            gdelt::EVENT_COLUMNS,
        )),
        Format::GdeltMentions => Box::new(rows::RowWriter::new(
            out,
            coded_at,
            gdelt::mention_row,
            gdelt::MENTION_COLUMNS,
        )),
        Format::Phoenix => Box::new(rows::RowWriter::new(
            out,
            coded_at,
            |record, id, actor, recipient, _| phoenix::phoenix_row(record, id, actor, recipient),
            phoenix::COLUMNS,
        )),
        Format::Parquet => Box::new(parquet::ParquetWriter::new(out, coded_at)?),
        Format::Table => Box::new(table::TableWriter::new(out)),
    })
}
