//! Readers: files of every supported format in, [`Document`]s or per-record [`Rejected`] errors out.
//!
//! Formats are chosen by extension or forced with [`Format`]; gzip and zstd are undone transparently
//! (by magic bytes, whatever the extension). Nothing a reader is given makes it panic or stop the run: a bad
//! record becomes a `Rejected` with its file and line/record number, and reading goes on with the next one.

mod csv;
mod fields;
mod html;
mod input;
mod jsonl;
mod text;
mod warc;

pub use fields::FieldMap;
pub use html::{HtmlPage, extract_html};
pub use input::Limits;

use crate::document::{Document, Origin};
use jiff::civil::Date;
use serde::Serialize;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Choose by file extension (after removing `.gz`/`.zst`).
    Auto,
    /// Plain text: one document per file.
    Text,
    /// JSON Lines: one document per line.
    Jsonl,
    /// CSV with a header row: one document per record.
    Csv,
    /// An HTML page: main content extracted.
    Html,
    /// WARC: one document per HTTP response record holding HTML.
    Warc,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "auto" => Format::Auto,
            "text" | "txt" => Format::Text,
            "jsonl" | "ndjson" | "json" => Format::Jsonl,
            "csv" => Format::Csv,
            "html" | "htm" => Format::Html,
            "warc" => Format::Warc,
            other => {
                return Err(format!(
                    "unknown format {other:?} (auto, text, jsonl, csv, html, warc)"
                ));
            }
        })
    }
}

impl Format {
    /// The format a file name implies, looking through `.gz` and `.zst`; `None` for unknown extensions.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name
            .strip_suffix(".gz")
            .or_else(|| name.strip_suffix(".zst"))
            .or_else(|| name.strip_suffix(".zstd"))
            .unwrap_or(&name);
        let ext = name.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "txt" | "text" => Format::Text,
            "jsonl" | "ndjson" | "json" => Format::Jsonl,
            "csv" => Format::Csv,
            "html" | "htm" | "xhtml" => Format::Html,
            "warc" | "arc" => Format::Warc,
            _ => return None,
        })
    }
}

/// Why a record was not turned into a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum RecordError {
    /// The file could not be opened or read.
    #[error("read error: {0}")]
    Io(String),
    /// Decompression failed (truncated or corrupt gzip/zstd stream).
    #[error("decompression error: {0}")]
    Decompress(String),
    /// The bytes are not valid UTF-8.
    #[error("invalid UTF-8 at byte {0} (use --lossy to replace bad bytes)")]
    InvalidUtf8(usize),
    /// The text contains a NUL byte.
    #[error("NUL byte at byte {0}")]
    NulByte(usize),
    /// The file looks binary.
    #[error("binary data ({0}% control bytes in the first 8 KiB)")]
    Binary(u32),
    /// The record or document exceeds the size limit.
    #[error("{size} bytes exceeds the limit of {limit} bytes (--max-doc-bytes)")]
    TooLarge {
        /// Size seen (at least).
        size: usize,
        /// The limit in force.
        limit: usize,
    },
    /// A JSON line could not be parsed.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// A CSV record could not be parsed.
    #[error("invalid CSV: {0}")]
    Csv(String),
    /// A WARC record could not be parsed.
    #[error("invalid WARC: {0}")]
    Warc(String),
    /// An HTML page had no extractable main content.
    #[error("no main content found in HTML: {0}")]
    NoContent(String),
    /// The record has no text to analyse (empty file, empty or missing text field).
    #[error("no text: {0}")]
    Empty(String),
    /// Processing the document hit an internal error (a bug in dyad: please report it with the input).
    #[error("internal error while processing this document: {0}")]
    Internal(String),
}

impl RecordError {
    /// Whether the record is skipped (nothing to analyse) rather than failed (broken input).
    pub fn is_skip(&self) -> bool {
        matches!(self, RecordError::Empty(_))
    }
}

/// A record that did not become a document, with where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Rejected {
    /// File and line/record.
    pub origin: Origin,
    /// What went wrong.
    pub error: RecordError,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.error)
    }
}

/// One item a reader yields.
pub type Record = Result<Document, Rejected>;

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Forced format, or [`Format::Auto`].
    pub format: Format,
    /// Field names for JSONL and CSV (auto-detected where unset).
    pub fields: FieldMap,
    /// Size limits.
    pub limits: Limits,
    /// Publication date for documents whose record gives none.
    pub default_date: Option<Date>,
    /// Replace invalid UTF-8 with U+FFFD instead of rejecting the record.
    pub lossy: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: Format::Auto,
            fields: FieldMap::default(),
            limits: Limits::default(),
            default_date: None,
            lossy: false,
        }
    }
}

fn reject(path: &str, record: Option<u64>, error: RecordError) -> Rejected {
    Rejected {
        origin: Origin {
            path: path.to_string(),
            record,
        },
        error,
    }
}

/// Expands the inputs: directories are walked recursively (sorted; files of known formats only), `-`
/// stands for standard input. Unknown extensions of files named explicitly are read as text.
pub fn expand_inputs(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut out);
        } else {
            out.push(input.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf()); // reported as an unreadable input when opened
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, out);
        } else if Format::from_path(&path).is_some() {
            out.push(path);
        }
    }
}

/// Reads one input file (or `-` for standard input), yielding its records in order.
pub fn read_path(path: &Path, options: &ReadOptions) -> Box<dyn Iterator<Item = Record> + Send> {
    let name = path.to_string_lossy().into_owned();
    let format = match options.format {
        Format::Auto => Format::from_path(path).unwrap_or(Format::Text),
        forced => forced,
    };
    // Errors before the first record belong to record 1 of multi-record formats, to the file otherwise.
    let first = match format {
        Format::Jsonl | Format::Csv | Format::Warc => Some(1),
        Format::Auto | Format::Text | Format::Html => None,
    };
    let fail = |error| -> Box<dyn Iterator<Item = Record> + Send> {
        Box::new(std::iter::once(Err(reject(&name, first, error))))
    };
    let mut reader = match input::open(path) {
        Ok(reader) => reader,
        Err(error) => return fail(error),
    };
    // An empty input is skipped the same way in every format.
    match reader.fill_buf() {
        Ok([]) => return fail(RecordError::Empty("empty file".into())),
        Ok(_) => {}
        Err(error) => return fail(input::read_error(error)),
    }
    let options = options.clone();
    match format {
        Format::Auto | Format::Text => {
            Box::new(std::iter::once(text::read(reader, &name, path, &options)))
        }
        Format::Html => Box::new(std::iter::once(html::read(reader, &name, path, &options))),
        Format::Jsonl => Box::new(jsonl::Reader::new(reader, name, options)),
        Format::Csv => Box::new(csv::Reader::new(reader, name, options)),
        Format::Warc => Box::new(warc::Reader::new(reader, name, options)),
    }
}

/// Reads all inputs in order, one record at a time.
pub fn read_all(inputs: Vec<PathBuf>, options: ReadOptions) -> impl Iterator<Item = Record> + Send {
    inputs
        .into_iter()
        .flat_map(move |path| read_path(&path, &options))
}

/// Assembles a document from a record's fields; the id falls back to `file:record`.
#[allow(clippy::too_many_arguments)]
fn build_document(
    name: &str,
    record: u64,
    id: Option<String>,
    title: Option<String>,
    text: String,
    date: Option<String>,
    url: Option<String>,
    source: Option<String>,
    options: &ReadOptions,
) -> Result<Document, RecordError> {
    if text.trim().is_empty() {
        return Err(RecordError::Empty("empty text".into()));
    }
    if memchr::memchr(0, text.as_bytes()).is_some() {
        return Err(RecordError::NulByte(
            memchr::memchr(0, text.as_bytes()).unwrap_or(0),
        ));
    }
    let id = id
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| format!("{}:{record}", text::document_id(Path::new(name))));
    Ok(Document {
        id,
        title: title.filter(|t| !t.trim().is_empty()),
        text,
        date: date
            .as_deref()
            .and_then(crate::date::parse_date)
            .or(options.default_date),
        url,
        source,
        origin: Origin {
            path: name.to_string(),
            record: Some(record),
        },
    })
}
