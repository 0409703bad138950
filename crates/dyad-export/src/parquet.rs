//! `parquet`: one row per event mention with flat columns (see `docs/formats.md`), handed to the `parquet`
//! crate's Arrow writer in batches of [`BATCH_ROWS`] rows (row groups keep the writer's default size). Integers are signed (Int32, Int64) so that
//! every reader (DuckDB, pandas, Spark) takes them as they are; the actor lists are JSON strings. Pages are
//! Snappy-compressed, the codec every Parquet reader has.

use crate::{EventWriter, ExportError, ExportRecord};
use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int32Builder, Int64Builder, ListBuilder,
    StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use dyad_coder::event::EventActor;
use jiff::civil::Date;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Rows per Arrow batch.
pub(crate) const BATCH_ROWS: usize = 8192;

/// Writes event mentions to a Parquet file.
pub(crate) struct ParquetWriter {
    writer: ArrowWriter<Box<dyn Write + Send>>,
    schema: SchemaRef,
    columns: Columns,
    rows: usize,
    coded_at: String,
}

impl ParquetWriter {
    pub(crate) fn new(
        out: Box<dyn Write + Send>,
        coded_at: String,
    ) -> Result<ParquetWriter, ExportError> {
        let schema = Arc::new(schema());
        let properties = WriterProperties::builder()
            .set_created_by(format!("dyad {}", env!("CARGO_PKG_VERSION")))
            .set_compression(Compression::SNAPPY)
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(properties))?;
        Ok(ParquetWriter {
            writer,
            schema,
            columns: Columns::default(),
            rows: 0,
            coded_at,
        })
    }

    /// Writes the rows gathered so far as one batch.
    fn write_batch(&mut self) -> Result<(), ExportError> {
        if self.rows == 0 {
            return Ok(());
        }
        let batch = RecordBatch::try_new(self.schema.clone(), self.columns.finish())?;
        self.writer.write(&batch)?;
        self.rows = 0;
        Ok(())
    }
}

impl EventWriter for ParquetWriter {
    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError> {
        self.columns.append(record, &self.coded_at)?;
        self.rows += 1;
        if self.rows == BATCH_ROWS {
            self.write_batch()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), ExportError> {
        self.write_batch()?;
        let mut out = self.writer.into_inner()?;
        out.flush()?;
        Ok(())
    }
}

/// A nullable or required column.
fn field(name: &str, data_type: DataType, nullable: bool) -> Field {
    Field::new(name, data_type, nullable)
}

/// A list of strings.
fn string_list() -> DataType {
    DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true)))
}

/// The columns, in file order. [`Columns::finish`] returns the arrays in the same order.
pub(crate) fn schema() -> Schema {
    use DataType::{Boolean, Date32, Float64, Int32, Int64, Utf8};
    Schema::new(vec![
        field("event_id", Utf8, false),
        field("doc_id", Utf8, false),
        field("sentence", Int32, false),
        field("doc_url", Utf8, true),
        field("doc_title", Utf8, true),
        field("doc_source", Utf8, true),
        field("doc_length", Int32, true),
        field("published", Date32, true),
        field("event_date", Date32, true),
        field("event_date_end", Date32, true),
        field("date_precision", Utf8, false),
        field("date_text", Utf8, true),
        field("historical", Boolean, false),
        field("future", Boolean, false),
        field("modality", Utf8, false),
        field("actor1_code", Utf8, true),
        field("actor1_name", Utf8, true),
        field("actor1_country", Utf8, true),
        field("actor2_code", Utf8, true),
        field("actor2_name", Utf8, true),
        field("actor2_country", Utf8, true),
        field("actors_json", Utf8, false),
        field("recipients_json", Utf8, false),
        field("cameo_code", Utf8, false),
        field("cameo_base", Utf8, false),
        field("cameo_root", Utf8, false),
        field("cameo_name", Utf8, false),
        field("quad_class", Int32, false),
        field("goldstein", Float64, true),
        field("plover_type", Utf8, true),
        field("plover_mode", Utf8, true),
        field("plover_context", string_list(), false),
        field("plover_auxiliary", string_list(), false),
        field("speaker_name", Utf8, true),
        field("speaker_code", Utf8, true),
        field("narrator", Boolean, false),
        field("quoted", Boolean, false),
        field("place_name", Utf8, true),
        field("place_country", Utf8, true),
        field("place_admin1", Utf8, true),
        field("place_lat", Float64, true),
        field("place_lon", Float64, true),
        field("place_feature_id", Int64, true),
        field("place_resolution", Utf8, true),
        field("trigger_text", Utf8, true),
        field("trigger_start", Int32, false),
        field("trigger_end", Int32, false),
        field("sentence_text", Utf8, false),
        field("sentence_start", Int32, false),
        field("sentence_end", Int32, false),
        field("rule_pattern", Utf8, false),
        field("rule_source", Utf8, false),
        field("construction", Utf8, false),
        field("confidence", Float64, false),
        field("global_event_id", Int64, true),
        field("num_mentions", Int32, true),
        field("num_sources", Int32, true),
        field("num_articles", Int32, true),
        field("first_added", Utf8, true),
        field("coded_at", Utf8, false),
    ])
}

/// Days since 1970-01-01 (Arrow's Date32).
fn days_since_epoch(date: Date) -> i32 {
    // Days from the civil calendar (proleptic Gregorian), with March as the first month of the year.
    let (month, day) = (i32::from(date.month()), i32::from(date.day()));
    let year = i32::from(date.year()) - i32::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// A byte offset or count as Int32 (saturating; documents are far below 2 GiB).
fn int32(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

/// Column builders of one batch.
#[derive(Default)]
struct Columns {
    event_id: StringBuilder,
    doc_id: StringBuilder,
    sentence: Int32Builder,
    doc_url: StringBuilder,
    doc_title: StringBuilder,
    doc_source: StringBuilder,
    doc_length: Int32Builder,
    published: Date32Builder,
    event_date: Date32Builder,
    event_date_end: Date32Builder,
    date_precision: StringBuilder,
    date_text: StringBuilder,
    historical: BooleanBuilder,
    future: BooleanBuilder,
    modality: StringBuilder,
    actor1: ActorColumns,
    actor2: ActorColumns,
    actors_json: StringBuilder,
    recipients_json: StringBuilder,
    cameo_code: StringBuilder,
    cameo_base: StringBuilder,
    cameo_root: StringBuilder,
    cameo_name: StringBuilder,
    quad_class: Int32Builder,
    goldstein: Float64Builder,
    plover_type: StringBuilder,
    plover_mode: StringBuilder,
    plover_context: ListBuilder<StringBuilder>,
    plover_auxiliary: ListBuilder<StringBuilder>,
    speaker_name: StringBuilder,
    speaker_code: StringBuilder,
    narrator: BooleanBuilder,
    quoted: BooleanBuilder,
    place_name: StringBuilder,
    place_country: StringBuilder,
    place_admin1: StringBuilder,
    place_lat: Float64Builder,
    place_lon: Float64Builder,
    place_feature_id: Int64Builder,
    place_resolution: StringBuilder,
    trigger_text: StringBuilder,
    trigger_start: Int32Builder,
    trigger_end: Int32Builder,
    sentence_text: StringBuilder,
    sentence_start: Int32Builder,
    sentence_end: Int32Builder,
    rule_pattern: StringBuilder,
    rule_source: StringBuilder,
    construction: StringBuilder,
    confidence: Float64Builder,
    global_event_id: Int64Builder,
    num_mentions: Int32Builder,
    num_sources: Int32Builder,
    num_articles: Int32Builder,
    first_added: StringBuilder,
    coded_at: StringBuilder,
}

/// Code, name and country of the first actor (or recipient).
#[derive(Default)]
struct ActorColumns {
    code: StringBuilder,
    name: StringBuilder,
    country: StringBuilder,
}

impl ActorColumns {
    fn append(&mut self, actor: Option<&EventActor>) {
        self.code
            .append_option(actor.and_then(|a| a.code.as_deref()));
        self.name.append_option(actor.map(|a| a.name.as_str()));
        self.country
            .append_option(actor.and_then(|a| a.country.as_deref()));
    }
}

impl Columns {
    /// Appends one row.
    fn append(&mut self, record: &ExportRecord, coded_at: &str) -> Result<(), ExportError> {
        let event = record.event;
        let doc = &record.doc;
        self.event_id.append_value(&event.id);
        self.doc_id.append_value(&event.doc_id);
        self.sentence.append_value(int32(event.sentence));
        self.doc_url.append_option(doc.url);
        self.doc_title.append_option(doc.title);
        self.doc_source.append_option(doc.source);
        self.doc_length.append_option(doc.length.map(int32));
        self.published
            .append_option(event.published.or(doc.published).map(days_since_epoch));
        self.event_date
            .append_option(event.date.date.map(days_since_epoch));
        self.event_date_end
            .append_option(event.date.end.map(days_since_epoch));
        self.date_precision.append_value(event.date.precision);
        self.date_text.append_option(event.date.text.as_deref());
        self.historical.append_value(event.date.historical);
        self.future.append_value(event.date.future);
        self.modality.append_value(event.modality.as_str());
        self.actor1.append(event.actors.first());
        self.actor2.append(event.recipients.first());
        self.actors_json
            .append_value(serde_json::to_string(&event.actors)?);
        self.recipients_json
            .append_value(serde_json::to_string(&event.recipients)?);
        self.cameo_code.append_value(&event.cameo.code);
        self.cameo_base.append_value(&event.cameo.base);
        self.cameo_root.append_value(&event.cameo.root);
        self.cameo_name.append_value(&event.cameo.name);
        self.quad_class
            .append_value(i32::from(event.cameo.quad_class));
        self.goldstein.append_option(event.cameo.goldstein);
        let plover = event.plover.as_ref();
        self.plover_type
            .append_option(plover.map(|p| p.event_type.as_str()));
        self.plover_mode
            .append_option(plover.and_then(|p| p.mode.as_deref()));
        for context in plover.map_or(&[][..], |p| &p.context) {
            self.plover_context.values().append_value(context);
        }
        self.plover_context.append(true);
        for mode in plover.map_or(&[][..], |p| &p.auxiliary) {
            self.plover_auxiliary.values().append_value(mode);
        }
        self.plover_auxiliary.append(true);
        let speaker = event.attribution.speaker.as_ref();
        self.speaker_name
            .append_option(speaker.map(|s| s.name.as_str()));
        self.speaker_code
            .append_option(speaker.and_then(|s| s.code.as_deref()));
        self.narrator.append_value(event.attribution.narrator);
        self.quoted.append_value(event.attribution.quoted);
        let place = event.place.as_ref();
        self.place_name
            .append_option(place.map(|p| p.name.as_str()));
        self.place_country
            .append_option(place.and_then(|p| p.country.as_deref()));
        self.place_admin1
            .append_option(place.and_then(|p| p.admin1.as_deref()));
        self.place_lat.append_option(place.and_then(|p| p.lat));
        self.place_lon.append_option(place.and_then(|p| p.lon));
        self.place_feature_id.append_option(
            place
                .and_then(|p| p.feature_id)
                .and_then(|id| i64::try_from(id).ok()),
        );
        self.place_resolution
            .append_option(place.map(|p| p.resolution.as_str()));
        let evidence = &event.evidence;
        self.trigger_text.append_option(record.trigger_text());
        self.trigger_start.append_value(int32(evidence.trigger[0]));
        self.trigger_end.append_value(int32(evidence.trigger[1]));
        self.sentence_text.append_value(&evidence.sentence);
        self.sentence_start
            .append_value(int32(evidence.sentence_span[0]));
        self.sentence_end
            .append_value(int32(evidence.sentence_span[1]));
        self.rule_pattern.append_value(&event.rule.pattern);
        self.rule_source.append_value(&event.rule.source);
        self.construction.append_value(event.rule.construction);
        self.confidence.append_value(event.confidence);
        let cluster = record.cluster.as_ref();
        self.global_event_id
            .append_option(cluster.and_then(|c| i64::try_from(c.global_event_id).ok()));
        self.num_mentions
            .append_option(cluster.map(|c| int32(c.num_mentions)));
        self.num_sources
            .append_option(cluster.map(|c| int32(c.num_sources)));
        self.num_articles
            .append_option(cluster.map(|c| int32(c.num_articles)));
        self.first_added
            .append_option(cluster.and_then(|c| c.first_added.as_deref()));
        self.coded_at.append_value(coded_at);
        Ok(())
    }

    /// The arrays of the rows appended since the last call, in [`schema`] order; the builders start over.
    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.event_id.finish()),
            Arc::new(self.doc_id.finish()),
            Arc::new(self.sentence.finish()),
            Arc::new(self.doc_url.finish()),
            Arc::new(self.doc_title.finish()),
            Arc::new(self.doc_source.finish()),
            Arc::new(self.doc_length.finish()),
            Arc::new(self.published.finish()),
            Arc::new(self.event_date.finish()),
            Arc::new(self.event_date_end.finish()),
            Arc::new(self.date_precision.finish()),
            Arc::new(self.date_text.finish()),
            Arc::new(self.historical.finish()),
            Arc::new(self.future.finish()),
            Arc::new(self.modality.finish()),
            Arc::new(self.actor1.code.finish()),
            Arc::new(self.actor1.name.finish()),
            Arc::new(self.actor1.country.finish()),
            Arc::new(self.actor2.code.finish()),
            Arc::new(self.actor2.name.finish()),
            Arc::new(self.actor2.country.finish()),
            Arc::new(self.actors_json.finish()),
            Arc::new(self.recipients_json.finish()),
            Arc::new(self.cameo_code.finish()),
            Arc::new(self.cameo_base.finish()),
            Arc::new(self.cameo_root.finish()),
            Arc::new(self.cameo_name.finish()),
            Arc::new(self.quad_class.finish()),
            Arc::new(self.goldstein.finish()),
            Arc::new(self.plover_type.finish()),
            Arc::new(self.plover_mode.finish()),
            Arc::new(self.plover_context.finish()),
            Arc::new(self.plover_auxiliary.finish()),
            Arc::new(self.speaker_name.finish()),
            Arc::new(self.speaker_code.finish()),
            Arc::new(self.narrator.finish()),
            Arc::new(self.quoted.finish()),
            Arc::new(self.place_name.finish()),
            Arc::new(self.place_country.finish()),
            Arc::new(self.place_admin1.finish()),
            Arc::new(self.place_lat.finish()),
            Arc::new(self.place_lon.finish()),
            Arc::new(self.place_feature_id.finish()),
            Arc::new(self.place_resolution.finish()),
            Arc::new(self.trigger_text.finish()),
            Arc::new(self.trigger_start.finish()),
            Arc::new(self.trigger_end.finish()),
            Arc::new(self.sentence_text.finish()),
            Arc::new(self.sentence_start.finish()),
            Arc::new(self.sentence_end.finish()),
            Arc::new(self.rule_pattern.finish()),
            Arc::new(self.rule_source.finish()),
            Arc::new(self.construction.finish()),
            Arc::new(self.confidence.finish()),
            Arc::new(self.global_event_id.finish()),
            Arc::new(self.num_mentions.finish()),
            Arc::new(self.num_sources.finish()),
            Arc::new(self.num_articles.finish()),
            Arc::new(self.first_added.finish()),
            Arc::new(self.coded_at.finish()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_days_from_1970() {
        let days = |y, m, d| days_since_epoch(Date::new(y, m, d).expect("a valid date"));
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(days(1969, 12, 31), -1);
        assert_eq!(days(2000, 3, 1), 11_017);
        assert_eq!(days(2015, 8, 4), 16_651);
    }

    #[test]
    fn builders_match_the_schema() {
        assert_eq!(Columns::default().finish().len(), schema().fields().len());
    }
}
