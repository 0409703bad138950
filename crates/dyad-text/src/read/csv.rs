//! CSV with a header row: one document per record, fields mapped or auto-detected from the header.

use super::fields::{self, resolve};
use super::input::Input;
use super::{ReadOptions, Record, RecordError, build_document, reject};

/// Iterator over the documents of a CSV stream.
pub struct Reader {
    records: ::csv::ByteRecordsIntoIter<Input>,
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
        let mut reader = ::csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(input);
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
            name,
            options,
            columns,
            record: 0,
            header_error,
        }
    }

    fn convert(&self, row: &::csv::ByteRecord) -> Result<super::Document, RecordError> {
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
            self.record,
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

impl Iterator for Reader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if let Some(error) = self.header_error.take() {
            // Without a usable header nothing else in the file can be read.
            self.records = ::csv::ReaderBuilder::new()
                .from_reader(Box::new(std::io::empty()) as Input)
                .into_byte_records();
            return Some(Err(reject(&self.name, Some(1), error)));
        }
        let row = self.records.next()?;
        self.record += 1;
        Some(match row {
            Ok(row) => {
                let line = row.position().map(|p| p.line());
                self.convert(&row)
                    .map_err(|e| reject(&self.name, line.or(Some(self.record + 1)), e))
            }
            Err(e) => {
                let line = e.position().map(|p| p.line());
                let error = match e.kind() {
                    ::csv::ErrorKind::Io(io) => {
                        super::input::read_error(std::io::Error::new(io.kind(), io.to_string()))
                    }
                    _ => RecordError::Csv(e.to_string()),
                };
                if matches!(error, RecordError::Decompress(_) | RecordError::Io(_)) {
                    self.header_error = None;
                    self.records = ::csv::ReaderBuilder::new()
                        .from_reader(Box::new(std::io::empty()) as Input)
                        .into_byte_records();
                }
                Err(reject(&self.name, line.or(Some(self.record + 1)), error))
            }
        })
    }
}
