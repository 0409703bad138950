//! `jsonl`: dyad's event records (docs/events.md), one JSON object per line; from a store, each with an `event`
//! object naming the deduplicated event it reports.

use crate::{EventWriter, ExportError, ExportRecord};
use std::io::{BufWriter, Write};

/// Writes each event as its dyad JSON record.
pub(crate) struct JsonlWriter {
    out: BufWriter<Box<dyn Write + Send>>,
    /// One record's JSON, built in memory: many small fragments, cheaper into a `Vec` than through the
    /// buffered writer.
    line: Vec<u8>,
}

impl JsonlWriter {
    pub(crate) fn new(out: Box<dyn Write + Send>) -> JsonlWriter {
        JsonlWriter {
            out: BufWriter::new(out),
            line: Vec::with_capacity(4096),
        }
    }
}

impl EventWriter for JsonlWriter {
    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError> {
        self.line.clear();
        match &record.cluster {
            None => crate::json::write_event(record.event, &mut self.line),
            // From a store: the record plus the deduplicated event it reports.
            Some(cluster) => {
                let mut value = serde_json::to_value(record.event)?;
                if let Some(object) = value.as_object_mut() {
                    object.insert(
                        "event".to_string(),
                        serde_json::json!({
                            "global_event_id": cluster.global_event_id,
                            "num_mentions": cluster.num_mentions,
                            "num_sources": cluster.num_sources,
                            "num_articles": cluster.num_articles,
                            "first_added": cluster.first_added,
                        }),
                    );
                }
                serde_json::to_writer(&mut self.line, &value)?;
            }
        }
        self.line.push(b'\n');
        self.out.write_all(&self.line)?;
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        Ok(self.out.flush()?)
    }

    fn finish(mut self: Box<Self>) -> Result<(), ExportError> {
        self.flush()
    }
}
