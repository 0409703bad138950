//! The writer shared by the tab-separated event-level tables (GDELT events and mentions, Phoenix): one row per
//! (actor, recipient) pair of each record, built by the table's row function, with GDELT-style event ids.

use crate::record::EventIds;
use crate::{EventWriter, ExportError, ExportRecord};
use dyad_coder::event::EventActor;
use std::io::{BufWriter, Write};

/// Builds one row: the record, its event id, the (actor, recipient) pair, the coding time.
pub(crate) type RowFn =
    fn(&ExportRecord, u64, Option<&EventActor>, Option<&EventActor>, &str) -> Vec<String>;

/// Writes one tab-separated row per (actor, recipient) pair of each record.
pub(crate) struct RowWriter {
    out: BufWriter<Box<dyn Write + Send>>,
    coded_at: String,
    ids: EventIds,
    row: RowFn,
    columns: usize,
}

impl RowWriter {
    /// A writer of `columns`-wide rows made by `row`.
    pub(crate) fn new(
        out: Box<dyn Write + Send>,
        coded_at: String,
        row: RowFn,
        columns: usize,
    ) -> RowWriter {
        RowWriter {
            out: BufWriter::new(out),
            coded_at,
            ids: EventIds::default(),
            row,
            columns,
        }
    }
}

impl EventWriter for RowWriter {
    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError> {
        for (actor, recipient) in record.dyads() {
            let id = self.ids.next(record.cluster.as_ref());
            let row = (self.row)(record, id, actor, recipient, &self.coded_at);
            debug_assert_eq!(row.len(), self.columns);
            writeln!(self.out, "{}", row.join("\t"))?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        Ok(self.out.flush()?)
    }

    fn finish(mut self: Box<Self>) -> Result<(), ExportError> {
        self.flush()
    }
}
