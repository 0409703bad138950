//! JSON Lines: one document per line, fields mapped by [`super::FieldMap`] or auto-detected.

use super::fields::{self, resolve};
use super::input::{Input, Line, read_line};
use super::{ReadOptions, Record, RecordError, build_document, reject};

/// Iterator over the documents of a JSONL stream.
pub struct Reader {
    input: Input,
    name: String,
    options: ReadOptions,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl Reader {
    /// Wraps an opened input.
    pub fn new(input: Input, name: String, options: ReadOptions) -> Reader {
        Reader {
            input,
            name,
            options,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn parse(&self) -> Result<super::Document, RecordError> {
        let text = match std::str::from_utf8(&self.buf) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) if self.options.lossy => String::from_utf8_lossy(&self.buf),
            Err(e) => return Err(RecordError::InvalidUtf8(e.valid_up_to())),
        };
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| RecordError::Json(e.to_string()))?;
        let serde_json::Value::Object(object) = value else {
            return Err(RecordError::Json("line is not a JSON object".into()));
        };
        let names: Vec<String> = object.keys().cloned().collect();
        let map = &self.options.fields;
        let get = |configured: Option<&String>, candidates: &[&str]| -> Option<String> {
            let key = resolve(configured.map(String::as_str), candidates, &names)?;
            match object.get(&key)? {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                serde_json::Value::Array(items) => {
                    let parts: Vec<&str> = items.iter().filter_map(|v| v.as_str()).collect();
                    (!parts.is_empty()).then(|| parts.join("\n\n"))
                }
                _ => None,
            }
        };
        let Some(text) = get(map.text.as_ref(), fields::TEXT_FIELDS) else {
            return Err(RecordError::Empty(format!(
                "no text field (looked for {})",
                map.text
                    .as_deref()
                    .map_or_else(|| fields::TEXT_FIELDS.join(", "), str::to_string)
            )));
        };
        build_document(
            &self.name,
            self.line,
            get(map.id.as_ref(), fields::ID_FIELDS),
            get(map.title.as_ref(), fields::TITLE_FIELDS),
            text,
            get(map.date.as_ref(), fields::DATE_FIELDS),
            get(map.url.as_ref(), fields::URL_FIELDS),
            get(map.source.as_ref(), fields::SOURCE_FIELDS),
            &self.options,
        )
    }
}

impl Iterator for Reader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            self.line += 1;
            let limit = self.options.limits.max_doc_bytes;
            match read_line(&mut self.input, &mut self.buf, limit) {
                Ok(Line::End) => self.done = true,
                Ok(Line::TooLong(size)) => {
                    return Some(Err(reject(
                        &self.name,
                        Some(self.line),
                        RecordError::TooLarge { size, limit },
                    )));
                }
                Ok(Line::Complete) => {
                    if self.line == 1 && self.buf.starts_with(super::input::BOM) {
                        self.buf.drain(..super::input::BOM.len());
                    }
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(
                        self.parse()
                            .map_err(|e| reject(&self.name, Some(self.line), e)),
                    );
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(reject(&self.name, Some(self.line), e)));
                }
            }
        }
        None
    }
}
