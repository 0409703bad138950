//! CSV with a header row: one document per record, fields mapped or auto-detected from the header.

use super::fields::{self, resolve};
use super::input::Input;
use std::collections::VecDeque;
use std::io::Read;
use std::sync::{Arc, Mutex};

/// Byte offsets of the line breaks that have flowed through a [`CountingReader`], so that a record's
/// start byte (which the csv crate reports exactly) maps to its physical line, whatever the line ends.
#[derive(Default)]
struct LineIndex {
    /// Offsets of `\n` bytes not yet passed by a looked-up record, and whether a `\r` precedes each.
    newlines: VecDeque<(u64, bool)>,
    /// Line number of the first byte after the last popped newline.
    line: u64,
    /// Bytes seen so far.
    offset: u64,
}

impl LineIndex {
    /// 1-based line of the record starting at `offset` (offsets must be asked in increasing order). The
    /// csv crate may report a record as starting on the line break or blank lines before it: those are
    /// skipped.
    fn line_of(&mut self, mut offset: u64) -> u64 {
        while let Some(&(at, crlf)) = self.newlines.front() {
            let before = at < offset;
            let blank = at == offset || (crlf && at == offset + 1);
            if !(before || blank) {
                break;
            }
            self.newlines.pop_front();
            self.line += 1;
            if blank {
                offset = at + 1;
            }
        }
        self.line + 1
    }
}

/// Passes bytes through while recording where the line breaks are.
struct CountingReader {
    inner: Input,
    index: Arc<Mutex<LineIndex>>,
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Ok(mut index) = self.index.lock() {
            let base = index.offset;
            for at in memchr::memchr_iter(b'\n', &buf[..n]) {
                let crlf = at > 0 && buf[at - 1] == b'\r';
                index.newlines.push_back((base + at as u64, crlf));
            }
            index.offset += n as u64;
        }
        Ok(n)
    }
}

type Records = ::csv::ByteRecordsIntoIter<CountingReader>;
use super::{ReadOptions, Record, RecordError, build_document, reject};

/// Iterator over the documents of a CSV stream.
pub struct Reader {
    records: Records,
    lines: Arc<Mutex<LineIndex>>,
    name: String,
    options: ReadOptions,
    columns: Columns,
    record: u64,
    header_error: Option<RecordError>,
}

#[derive(Default)]
struct Columns {
    id: Option<usize>,
    title: Option<usize>,
    text: Option<usize>,
    date: Option<usize>,
    url: Option<usize>,
    source: Option<usize>,
}

impl Reader {
    /// Wraps an opened input; reads the header row.
    pub fn new(input: Input, name: String, options: ReadOptions) -> Reader {
        let lines = Arc::new(Mutex::new(LineIndex::default()));
        let counting = CountingReader {
            inner: input,
            index: Arc::clone(&lines),
        };
        let mut reader = ::csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(counting);
        let (columns, header_error) = match reader.byte_headers() {
            Ok(headers) => {
                let names: Vec<String> = headers
                    .iter()
                    .map(|h| String::from_utf8_lossy(h).trim().to_string())
                    .collect();
                let find = |configured: Option<&String>, candidates: &[&str]| {
                    let key = resolve(configured.map(String::as_str), candidates, &names)?;
                    names.iter().position(|n| n.eq_ignore_ascii_case(&key))
                };
                let map = &options.fields;
                let columns = Columns {
                    id: find(map.id.as_ref(), fields::ID_FIELDS),
                    title: find(map.title.as_ref(), fields::TITLE_FIELDS),
                    text: find(map.text.as_ref(), fields::TEXT_FIELDS),
                    date: find(map.date.as_ref(), fields::DATE_FIELDS),
                    url: find(map.url.as_ref(), fields::URL_FIELDS),
                    source: find(map.source.as_ref(), fields::SOURCE_FIELDS),
                };
                let error = columns.text.is_none().then(|| {
                    RecordError::Csv(format!(
                        "no text column in header (columns: {})",
                        names.join(", ")
                    ))
                });
                (columns, error)
            }
            Err(e) => (
                Columns::default(),
                Some(RecordError::Csv(format!("unreadable header: {e}"))),
            ),
        };
        Reader {
            records: reader.into_byte_records(),
            lines,
            name,
            options,
            columns,
            record: 0,
            header_error,
        }
    }

    fn convert(&self, row: &::csv::ByteRecord, line: u64) -> Result<super::Document, RecordError> {
        let limit = self.options.limits.max_doc_bytes;
        if row.as_slice().len() > limit {
            return Err(RecordError::TooLarge {
                size: row.as_slice().len(),
                limit,
            });
        }
        let field = |col: Option<usize>| -> Result<Option<String>, RecordError> {
            let Some(bytes) = col.and_then(|c| row.get(c)) else {
                return Ok(None);
            };
            let text = match std::str::from_utf8(bytes) {
                Ok(s) => s.to_string(),
                Err(_) if self.options.lossy => String::from_utf8_lossy(bytes).into_owned(),
                Err(e) => return Err(RecordError::InvalidUtf8(e.valid_up_to())),
            };
            Ok(Some(text).filter(|s| !s.trim().is_empty()))
        };
        let Some(text) = field(self.columns.text)? else {
            return Err(RecordError::Empty("empty text column".into()));
        };
        build_document(
            &self.name,
            line,
            field(self.columns.id)?,
            field(self.columns.title)?,
            text,
            field(self.columns.date)?,
            field(self.columns.url)?,
            field(self.columns.source)?,
            &self.options,
        )
    }
}

impl Reader {
    /// Stops reading the file (after an unrecoverable error).
    fn stop(&mut self) {
        let empty = CountingReader {
            inner: Box::new(std::io::empty()),
            index: Arc::clone(&self.lines),
        };
        self.records = ::csv::ReaderBuilder::new()
            .from_reader(empty)
            .into_byte_records();
    }

    /// Physical line of a record starting at `byte`.
    fn line_of(&self, byte: Option<u64>) -> Option<u64> {
        let byte = byte?;
        self.lines.lock().ok().map(|mut index| index.line_of(byte))
    }
}

impl Iterator for Reader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if let Some(error) = self.header_error.take() {
            // Without a usable header nothing else in the file can be read.
            self.stop();
            return Some(Err(reject(&self.name, Some(1), error)));
        }
        let row = self.records.next()?;
        self.record += 1;
        Some(match row {
            Ok(row) => {
                let line = self
                    .line_of(row.position().map(|p| p.byte()))
                    .unwrap_or(self.record + 1);
                self.convert(&row, line)
                    .map_err(|e| reject(&self.name, Some(line), e))
            }
            Err(e) => {
                let line = self
                    .line_of(e.position().map(|p| p.byte()))
                    .unwrap_or(self.record + 1);
                let error = match e.kind() {
                    ::csv::ErrorKind::Io(io) => {
                        super::input::read_error(std::io::Error::new(io.kind(), io.to_string()))
                    }
                    _ => RecordError::Csv(e.to_string()),
                };
                if matches!(error, RecordError::Decompress(_) | RecordError::Io(_)) {
                    self.stop();
                }
                Err(reject(&self.name, Some(line), error))
            }
        })
    }
}
