//! `jsonl`: dyad's event records (docs/events.md), one JSON object per line.

use crate::{EventWriter, ExportError, ExportRecord};
use std::io::{BufWriter, Write};

/// Writes each event as its dyad JSON record.
pub(crate) struct JsonlWriter {
    out: BufWriter<Box<dyn Write + Send>>,
}

impl JsonlWriter {
    pub(crate) fn new(out: Box<dyn Write + Send>) -> JsonlWriter {
        JsonlWriter {
            out: BufWriter::new(out),
        }
    }
}

impl EventWriter for JsonlWriter {
    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError> {
        serde_json::to_writer(&mut self.out, record.event)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        Ok(self.out.flush()?)
    }

    fn finish(mut self: Box<Self>) -> Result<(), ExportError> {
        self.flush()
    }
}
