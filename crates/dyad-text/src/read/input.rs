//! Opening inputs (files, standard input, gzip/zstd streams), reading within limits, and checking that
//! bytes are text.

use super::RecordError;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Size limits applied while reading.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest document or record, in bytes (bigger ones are rejected without being held in memory).
    pub max_doc_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_doc_bytes: 10 * 1024 * 1024,
        }
    }
}

/// A buffered byte stream.
pub type Input = Box<dyn BufRead + Send>;

/// Opens a path (`-` is standard input) and undoes gzip or zstd compression found by magic bytes.
pub fn open(path: &Path) -> Result<Input, RecordError> {
    let raw: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        if path.is_dir() {
            return Err(RecordError::Io("is a directory".into()));
        }
        Box::new(std::fs::File::open(path).map_err(|e| RecordError::Io(e.to_string()))?)
    };
    let mut reader = BufReader::with_capacity(1 << 16, raw);
    let head = reader
        .fill_buf()
        .map_err(|e| RecordError::Io(e.to_string()))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        return Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(reader),
        )));
    }
    if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        let decoder = ruzstd::decoding::StreamingDecoder::new(reader)
            .map_err(|e| RecordError::Decompress(e.to_string()))?;
        return Ok(Box::new(BufReader::with_capacity(1 << 16, decoder)));
    }
    Ok(Box::new(reader))
}

/// Maps a read error to a record error (decompressors report corruption as `InvalidData`/`UnexpectedEof`).
pub fn read_error(error: std::io::Error) -> RecordError {
    match error.kind() {
        std::io::ErrorKind::InvalidData
        | std::io::ErrorKind::UnexpectedEof
        | std::io::ErrorKind::Other => RecordError::Decompress(error.to_string()),
        _ => RecordError::Io(error.to_string()),
    }
}

/// Reads the whole stream, failing once it passes `limit` bytes (without buffering beyond it).
pub fn read_to_limit(reader: &mut dyn Read, limit: usize) -> Result<Vec<u8>, RecordError> {
    let mut bytes = Vec::new();
    let read = reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if read > limit {
        // Count the rest without keeping it, so the message gives the real size.
        let rest = std::io::copy(reader, &mut std::io::sink()).map_err(read_error)?;
        return Err(RecordError::TooLarge {
            size: read + rest as usize,
            limit,
        });
    }
    Ok(bytes)
}

/// Outcome of reading one line.
pub enum Line {
    /// A complete line (terminator removed) within the limit.
    Complete,
    /// The line exceeded the limit; it was consumed and discarded. Holds its length.
    TooLong(usize),
    /// End of input.
    End,
}

/// Reads one `\n`-terminated line into `buf` (cleared first), keeping at most `limit` bytes in memory.
pub fn read_line(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> Result<Line, RecordError> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    let mut newline = false;
    loop {
        let chunk = reader.fill_buf().map_err(read_error)?;
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, used) = match memchr::memchr(b'\n', chunk) {
            Some(at) => {
                newline = true;
                (at, at + 1)
            }
            None => (chunk.len(), chunk.len()),
        };
        if total + take <= limit + 1 {
            buf.extend_from_slice(&chunk[..take]);
        }
        total += take;
        reader.consume(used);
        if newline {
            break;
        }
    }
    if !any {
        return Ok(Line::End);
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
        total -= 1;
    }
    if total > limit {
        buf.clear();
        return Ok(Line::TooLong(total));
    }
    Ok(Line::Complete)
}

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xef\xbb\xbf";

/// Checks that bytes are text: not binary, no NUL, valid UTF-8 (or repaired when `lossy`). A leading
/// byte-order mark is dropped.
pub fn decode_text(mut bytes: Vec<u8>, lossy: bool) -> Result<String, RecordError> {
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if head.len() >= 16 && control * 10 > head.len() {
        return Err(RecordError::Binary((control * 100 / head.len()) as u32));
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(RecordError::NulByte(at));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(RecordError::InvalidUtf8(e.utf8_error().valid_up_to())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_discarded_without_buffering() {
        let data = format!("short\n{}\nafter\n", "x".repeat(5000));
        let mut reader = std::io::Cursor::new(data.into_bytes());
        let mut buf = Vec::new();
        assert!(matches!(
            read_line(&mut reader, &mut buf, 100),
            Ok(Line::Complete)
        ));
        assert_eq!(buf, b"short");
        assert!(matches!(
            read_line(&mut reader, &mut buf, 100),
            Ok(Line::TooLong(5000))
        ));
        assert!(buf.capacity() < 1000);
        assert!(matches!(
            read_line(&mut reader, &mut buf, 100),
            Ok(Line::Complete)
        ));
        assert_eq!(buf, b"after");
        assert!(matches!(
            read_line(&mut reader, &mut buf, 100),
            Ok(Line::End)
        ));
    }

    #[test]
    fn text_checks() {
        assert_eq!(decode_text(b"ok".to_vec(), false).as_deref(), Ok("ok"));
        assert_eq!(
            decode_text(b"a\0b".to_vec(), false),
            Err(RecordError::NulByte(1))
        );
        assert_eq!(
            decode_text(b"ab\xffc".to_vec(), false),
            Err(RecordError::InvalidUtf8(2))
        );
        assert_eq!(
            decode_text(b"ab\xffc".to_vec(), true).as_deref(),
            Ok("ab\u{fffd}c")
        );
        assert!(matches!(
            decode_text(vec![1u8; 64], false),
            Err(RecordError::Binary(100))
        ));
    }
}
