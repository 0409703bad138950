//! Plain-text documents: one per file (or standard input).

use super::input::{Input, decode_text, read_to_limit};
use super::{ReadOptions, Record, RecordError, reject};
use crate::document::{Document, Origin};
use std::path::Path;

/// Reads a whole text file as one document; the id is the file name without extension.
pub fn read(mut reader: Input, name: &str, path: &Path, options: &ReadOptions) -> Record {
    let text = read_to_limit(&mut reader, options.limits.max_doc_bytes)
        .and_then(|bytes| decode_text(bytes, options.lossy))
        .map_err(|e| reject(name, None, e))?;
    if text.trim().is_empty() {
        return Err(reject(name, None, RecordError::Empty("empty file".into())));
    }
    Ok(Document {
        id: document_id(path),
        title: None,
        text,
        date: options.default_date,
        url: None,
        source: None,
        origin: Origin {
            path: name.to_string(),
            record: None,
        },
    })
}

/// The id of a one-document file: its name without compression and format extensions.
pub fn document_id(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "stdin".to_string();
    }
    let name = path
        .file_name()
        .map_or_else(|| "document".into(), |n| n.to_string_lossy());
    let mut id: &str = &name;
    for ext in [
        ".gz", ".zst", ".zstd", ".txt", ".text", ".html", ".htm", ".xhtml",
    ] {
        if let Some(stripped) = id.strip_suffix(ext) {
            id = stripped;
        }
    }
    id.to_string()
}
