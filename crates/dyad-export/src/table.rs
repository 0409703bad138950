//! `table`: one readable line per event (document, sentence, date, actors, CAMEO code and name, recipients,
//! PLOVER type, place), and the actor-list notation `dyad code --explain` shares.

use crate::{EventWriter, ExportError, ExportRecord};
use dyad_coder::Event;
use dyad_coder::event::EventActor;
use std::io::{BufWriter, Write};

/// Writes one aligned line per event.
pub(crate) struct TableWriter {
    out: BufWriter<Box<dyn Write + Send>>,
}

impl TableWriter {
    pub(crate) fn new(out: Box<dyn Write + Send>) -> TableWriter {
        TableWriter {
            out: BufWriter::new(out),
        }
    }
}

impl EventWriter for TableWriter {
    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError> {
        writeln!(self.out, "{}", table_line(record.event))?;
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        Ok(self.out.flush()?)
    }

    fn finish(mut self: Box<Self>) -> Result<(), ExportError> {
        self.flush()
    }
}

/// Actors as "name [CODE]" joined by " + " (`-` for an actor without a code).
pub fn actor_list(actors: &[EventActor]) -> String {
    actors
        .iter()
        .map(|a| format!("{} [{}]", a.name, a.code.as_deref().unwrap_or("-")))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The table line of an event; the place, when there is one, ends it as "@ name (country)".
pub fn table_line(event: &Event) -> String {
    let line = format!(
        "{:<14} {:>3} {} {:<44} {:<5} {:<38} → {:<40}",
        event.doc_id,
        event.sentence,
        event
            .date
            .date
            .map_or("----------".to_string(), |d| d.to_string()),
        actor_list(&event.actors),
        event.cameo.code,
        event.cameo.name,
        actor_list(&event.recipients),
    );
    let plover = event.plover.as_ref().map_or("-", |p| p.event_type.as_str());
    match &event.place {
        Some(place) => format!(
            "{line} {plover:<10} @ {} ({})",
            place.name,
            place.country.as_deref().unwrap_or("-")
        ),
        None => format!("{line} {plover}"),
    }
}
