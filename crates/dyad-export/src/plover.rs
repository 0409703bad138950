//! `plover`: PLOVER event records with the manual's field names, one JSON object per line.

use crate::{EventWriter, ExportError, ExportRecord};
use dyad_coder::event::{EventActor, Place};
use serde_json::{Value, json};
use std::io::{BufWriter, Write};

/// Writes each event as a PLOVER record.
pub(crate) struct PloverWriter {
    out: BufWriter<Box<dyn Write + Send>>,
    coded_at: String,
}

impl PloverWriter {
    pub(crate) fn new(out: Box<dyn Write + Send>, coded_at: String) -> PloverWriter {
        PloverWriter {
            out: BufWriter::new(out),
            coded_at,
        }
    }
}

impl EventWriter for PloverWriter {
    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError> {
        serde_json::to_writer(&mut self.out, &plover_record(record, &self.coded_at))?;
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

/// A PLOVER actor or recipient: `code` is the country (or the first 3 letters of the CAMEO code).
fn plover_entity(actor: &EventActor) -> Value {
    json!({
        "code": actor.country.clone().or_else(|| actor.code.as_ref().map(|c| c.chars().take(3).collect())),
        "sector": actor.sectors.first(),
        "entity_text": actor.text,
        "identifier_text": actor.name,
        "cameo_code": actor.code,
    })
}

/// PLOVER's geolocation of the event: the gazetteer entry and the text that names it.
fn geolocation(place: &Place) -> Value {
    json!({
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "feature_id": place.feature_id,
        "resolution": place.resolution,
        "text": place.text,
    })
}

/// A PLOVER JSONL record (PLOVER manual field names).
fn plover_record(record: &ExportRecord, coded_at: &str) -> Value {
    let event = record.event;
    let doc = &record.doc;
    json!({
        "id": event.id,
        "date": event.date.date.map(|d| d.to_string()),
        "enddate": event.date.end.map(|d| d.to_string()),
        "has_event": true,
        "actor": event.actors.iter().map(plover_entity).collect::<Vec<_>>(),
        "recipient": event.recipients.iter().map(plover_entity).collect::<Vec<_>>(),
        "event": event.plover.as_ref().map(|p| p.event_type.clone()),
        "mode": event.plover.as_ref().and_then(|p| p.mode.clone()).into_iter().collect::<Vec<_>>(),
        "context": event.plover.as_ref().map(|p| p.context.clone()).unwrap_or_default(),
        "quad_code": event.cameo.quad_class,
        "geolocation": event.place.as_ref().map(geolocation),
        "event_text": record.trigger_text(),
        "text": event.evidence.sentence,
        "text_info": {
            "sequence": event.sentence,
            "start": event.evidence.sentence_span[0],
            "end": event.evidence.sentence_span[1],
        },
        "cite_info": { "url": doc.url, "title": doc.title, "publication": doc.source, "codebook": "CAMEO 1.1b3 → PLOVER" },
        "cameo_code": event.cameo.code,
        "coder": "dyad",
        "coded_date": &coded_at[..8],
        "version": env!("CARGO_PKG_VERSION"),
    })
}
