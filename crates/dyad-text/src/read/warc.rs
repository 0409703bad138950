//! WARC files (CC-NEWS style): each `response` record holding an HTML page becomes a document; other
//! record types (warcinfo, request, metadata) are passed over.

use super::html::extract_html;
use super::input::{Input, Line, decode_text, read_error, read_line};
use super::{ReadOptions, Record, RecordError, reject};
use crate::document::{Document, Origin};
use std::io::Read;

/// Iterator over the documents of a WARC stream.
pub struct Reader {
    input: Input,
    name: String,
    options: ReadOptions,
    record: u64,
    done: bool,
    line: Vec<u8>,
    /// The next record's version line was already consumed while resynchronising.
    in_record: bool,
}

struct WarcRecord {
    kind: String,
    id: Option<String>,
    uri: Option<String>,
    date: Option<String>,
    content_type: String,
    payload: Vec<u8>,
}

impl Reader {
    /// Wraps an opened input.
    pub fn new(input: Input, name: String, options: ReadOptions) -> Reader {
        Reader {
            input,
            name,
            options,
            record: 0,
            done: false,
            line: Vec::new(),
            in_record: false,
        }
    }

    /// Reads the next record's headers and payload; `Ok(None)` at a clean end of input.
    fn next_record(&mut self) -> Result<Option<WarcRecord>, RecordError> {
        // Skip blank lines between records, then expect the version line. Anything else means the
        // previous record's Content-Length was wrong: skip to the next version line and report it.
        let mut skipped = 0usize;
        while !std::mem::take(&mut self.in_record) {
            match read_line(&mut self.input, &mut self.line, 64 * 1024)? {
                Line::End if skipped == 0 => return Ok(None),
                Line::End => {
                    return Err(RecordError::Warc(format!(
                        "{skipped} lines of stray data before the end of the file"
                    )));
                }
                Line::Complete if self.line.starts_with(b"WARC/") => {
                    if skipped > 0 {
                        self.in_record = true;
                        return Err(RecordError::Warc(format!(
                            "{skipped} lines of stray data before this record (wrong Content-Length before it?)"
                        )));
                    }
                    break;
                }
                Line::Complete if self.line.is_empty() && skipped == 0 => continue,
                Line::Complete | Line::TooLong(_) => skipped += 1,
            }
        }
        let mut record = WarcRecord {
            kind: String::new(),
            id: None,
            uri: None,
            date: None,
            content_type: String::new(),
            payload: Vec::new(),
        };
        let mut length = None;
        loop {
            match read_line(&mut self.input, &mut self.line, 64 * 1024)? {
                Line::End => return Err(RecordError::Warc("truncated record headers".into())),
                Line::TooLong(_) => return Err(RecordError::Warc("header line too long".into())),
                Line::Complete if self.line.is_empty() => break,
                Line::Complete => {
                    let line = String::from_utf8_lossy(&self.line);
                    let Some((key, value)) = line.split_once(':') else {
                        continue;
                    };
                    let value = value.trim().to_string();
                    match key.trim().to_ascii_lowercase().as_str() {
                        "warc-type" => record.kind = value.to_ascii_lowercase(),
                        "warc-record-id" => {
                            record.id = Some(value.trim_matches(['<', '>']).to_string())
                        }
                        "warc-target-uri" => {
                            record.uri = Some(value.trim_matches(['<', '>']).to_string())
                        }
                        "warc-date" => record.date = Some(value),
                        "content-type" => record.content_type = value.to_ascii_lowercase(),
                        "content-length" => {
                            length = Some(value.parse::<usize>().map_err(|_| {
                                RecordError::Warc(format!("bad Content-Length {value:?}"))
                            })?)
                        }
                        _ => {}
                    }
                }
            }
        }
        let length =
            length.ok_or_else(|| RecordError::Warc("record without Content-Length".into()))?;
        let limit = self.options.limits.max_doc_bytes;
        if length > limit {
            let skipped = std::io::copy(
                &mut (&mut self.input).take(length as u64),
                &mut std::io::sink(),
            )
            .map_err(read_error)?;
            if (skipped as usize) < length {
                return Err(RecordError::Warc("truncated record payload".into()));
            }
            return Err(RecordError::TooLarge {
                size: length,
                limit,
            });
        }
        record.payload.reserve(length);
        (&mut self.input)
            .take(length as u64)
            .read_to_end(&mut record.payload)
            .map_err(read_error)?;
        if record.payload.len() < length {
            return Err(RecordError::Warc(format!(
                "truncated record payload ({} of {length} bytes)",
                record.payload.len()
            )));
        }
        Ok(Some(record))
    }

    fn document(&self, record: WarcRecord) -> Option<Result<Document, RecordError>> {
        if record.kind != "response" || !record.content_type.starts_with("application/http") {
            return None;
        }
        Some(self.response_document(record))
    }

    fn response_document(&self, record: WarcRecord) -> Result<Document, RecordError> {
        let payload = &record.payload;
        let split = memchr::memmem::find(payload, b"\r\n\r\n")
            .map(|at| (at, at + 4))
            .or_else(|| memchr::memmem::find(payload, b"\n\n").map(|at| (at, at + 2)))
            .ok_or_else(|| RecordError::Warc("HTTP response without header end".into()))?;
        let head = String::from_utf8_lossy(&payload[..split.0]).to_ascii_lowercase();
        let mut body = payload[split.1..].to_vec();
        let header = |name: &str| {
            head.lines().find_map(|l| {
                l.strip_prefix(name)
                    .and_then(|v| v.strip_prefix(':'))
                    .map(str::trim)
            })
        };
        if let Some(kind) =
            header("content-type").filter(|t| !t.contains("html") && !t.contains("text/plain"))
        {
            return Err(RecordError::Empty(format!("not an HTML response ({kind})")));
        }
        if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
            body = dechunk(&body)?;
        }
        if header("content-encoding").is_some_and(|t| t.contains("gzip")) {
            let mut plain = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(self.options.limits.max_doc_bytes as u64)
                .read_to_end(&mut plain)
                .map_err(|e| RecordError::Decompress(e.to_string()))?;
            body = plain;
        }
        let html = decode_text(body, true)?;
        let page = extract_html(&html, record.uri.as_deref())?;
        let date = page
            .published
            .as_deref()
            .and_then(crate::date::parse_date)
            .or(self.options.default_date)
            .or_else(|| record.date.as_deref().and_then(crate::date::parse_date));
        Ok(Document {
            id: record
                .id
                .or_else(|| record.uri.clone())
                .unwrap_or_else(|| format!("{}:{}", self.name, self.record)),
            title: page.title,
            text: page.text,
            date,
            url: record.uri,
            source: None,
            origin: Origin {
                path: self.name.clone(),
                record: Some(self.record),
            },
        })
    }
}

/// Undoes HTTP chunked transfer encoding.
fn dechunk(body: &[u8]) -> Result<Vec<u8>, RecordError> {
    let mut out = Vec::with_capacity(body.len());
    let mut at = 0;
    loop {
        let line_end = memchr::memmem::find(&body[at..], b"\r\n")
            .ok_or_else(|| RecordError::Warc("bad chunked encoding".into()))?;
        let size_text = String::from_utf8_lossy(&body[at..at + line_end]);
        let size_hex = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16)
            .map_err(|_| RecordError::Warc(format!("bad chunk size {size_hex:?}")))?;
        at += line_end + 2;
        if size == 0 {
            return Ok(out);
        }
        let chunk = body
            .get(at..at + size)
            .ok_or_else(|| RecordError::Warc("truncated chunk".into()))?;
        out.extend_from_slice(chunk);
        at += size + 2;
    }
}

impl Iterator for Reader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            self.record += 1;
            match self.next_record() {
                Ok(None) => self.done = true,
                Ok(Some(record)) => {
                    if let Some(result) = self.document(record) {
                        return Some(result.map_err(|e| reject(&self.name, Some(self.record), e)));
                    }
                }
                Err(error) => {
                    // A broken header or payload leaves the stream position unknown: stop this file,
                    // except after an oversized record (skipped cleanly) or a resynchronisation.
                    self.done = !(matches!(error, RecordError::TooLarge { .. }) || self.in_record);
                    return Some(Err(reject(&self.name, Some(self.record), error)));
                }
            }
        }
        None
    }
}
