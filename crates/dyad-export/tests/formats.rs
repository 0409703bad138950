//! Every format written from hand-built events (one with a place): column counts against the shared GDELT and
//! Phoenix column lists, value shapes against the real GDELT sample, and a Parquet round trip.
//!
//! The shared reference files live in `../shared/data/formats` beside the repository; without them those checks
//! are skipped with a message, unless `DYAD_REQUIRE_SHARED=1` (as in CI), which makes them fail.

use arrow_array::Array;
use dyad_coder::Event;
use dyad_coder::event::{Attribution, Cameo, EventActor, EventDate, Evidence, Place, Plover, Rule};
use dyad_coder::modality::Modality;
use dyad_export::{Cluster, DocMeta, ExportRecord, Format, writer};
use jiff::civil::date;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

const CODED_AT: &str = "20250102030405";

/// An in-memory output the test can read after the writer has finished.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().expect("buffer lock").clone()).expect("UTF-8 output")
    }
}

/// Writes `records` in `format` and returns the output.
fn write_all(format: Format, records: &[ExportRecord]) -> String {
    let buffer = Buffer::default();
    let mut out = writer(format, Box::new(buffer.clone()), CODED_AT).expect("a writer");
    for record in records {
        out.write(record).expect("record written");
    }
    out.finish().expect("writer finished");
    buffer.text()
}

/// The tab-separated rows of a text output.
fn rows(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .map(|line| line.split('\t').collect())
        .collect()
}

fn actor(
    text: &str,
    name: &str,
    code: &str,
    country: &str,
    span: [u32; 2],
    entity: u32,
) -> EventActor {
    EventActor {
        text: text.to_string(),
        name: name.to_string(),
        code: Some(code.to_string()),
        country: Some(country.to_string()),
        sectors: code.get(3..6).map(str::to_string).into_iter().collect(),
        span,
        entity,
    }
}

fn place(name: &str, country: &str, admin1: Option<&str>, resolution: &str) -> Place {
    Place {
        text: name.to_string(),
        span: [0, 0],
        name: name.to_string(),
        country: Some(country.to_string()),
        admin1: admin1.map(str::to_string),
        lat: Some(25.2854),
        lon: Some(51.531),
        feature_id: Some(290_030),
        feature: resolution.to_string(),
        resolution: resolution.to_string(),
        source: "sentence".to_string(),
    }
}

/// "Russian Foreign Minister Sergei Lavrov has invited … Khaled Meshaal … in Doha", coded 036 at Doha.
fn lavrov_event() -> Event {
    let sentence = "Russian Foreign Minister Sergei Lavrov has invited the Hamas leader Khaled Meshaal for talks in Doha.";
    let start = 100;
    Event {
        id: "seed:3:0".to_string(),
        doc_id: "seed".to_string(),
        sentence: 3,
        published: Some(date(2015, 8, 4)),
        date: EventDate {
            date: Some(date(2015, 8, 3)),
            end: None,
            precision: "day",
            text: Some("on Monday".to_string()),
            historical: false,
            future: false,
        },
        place: Some(Place {
            span: [start + 96, start + 100],
            ..place("Doha", "QAT", Some("QA.01"), "city")
        }),
        actors: vec![actor(
            "Russian Foreign Minister Sergei Lavrov",
            "Sergei Lavrov",
            "RUSGOV",
            "RUS",
            [start, start + 38],
            0,
        )],
        recipients: vec![actor(
            "the Hamas leader Khaled Meshaal",
            "Khaled Meshaal",
            "PSEREBHMS",
            "PSE",
            [start + 51, start + 82],
            1,
        )],
        cameo: Cameo {
            code: "036".to_string(),
            base: "036".to_string(),
            root: "03".to_string(),
            name: "Express intent to meet or negotiate".to_string(),
            goldstein: Some(4.0),
            quad_class: 1,
            quad_variant: "gdelt",
            goldstein_table: "gdelt",
        },
        plover: Some(Plover {
            event_type: "AGREE".to_string(),
            mode: None,
            context: vec!["diplomatic".to_string()],
            score: 2.5,
            auxiliary: Vec::new(),
        }),
        evidence: Evidence {
            sentence: sentence.to_string(),
            sentence_span: [start, start + sentence.len() as u32],
            trigger: [start + 43, start + 50],
            source: vec![[start, start + 38]],
            target: vec![[start + 51, start + 82]],
        },
        attribution: Attribution {
            speaker: None,
            narrator: true,
            quoted: false,
        },
        rule: Rule {
            pattern: "verb: invite {tgt} for &talks".to_string(),
            source: "builtin:actions.txt:1".to_string(),
            construction: "active",
        },
        modality: Modality::Asserted,
        confidence: 0.95,
    }
}

/// "Putin and Abbas met": a symmetric event whose actors and recipients are both [Putin, Abbas], no place.
fn symmetric_event() -> Event {
    let putin = actor("Putin", "Vladimir Putin", "RUSGOV", "RUS", [0, 5], 0);
    let abbas = actor("Abbas", "Mahmoud Abbas", "PSEGOV", "PSE", [10, 15], 1);
    Event {
        id: "sym:0:0".to_string(),
        doc_id: "sym".to_string(),
        sentence: 0,
        place: None,
        actors: vec![putin.clone(), abbas.clone()],
        recipients: vec![putin, abbas],
        evidence: Evidence {
            sentence: "Putin and Abbas met.".to_string(),
            sentence_span: [0, 20],
            trigger: [16, 19],
            source: vec![[0, 5], [10, 15]],
            target: vec![[0, 5], [10, 15]],
        },
        rule: Rule {
            construction: "symmetric",
            ..lavrov_event().rule
        },
        ..lavrov_event()
    }
}

fn doc(id: &str) -> DocMeta<'_> {
    DocMeta {
        id,
        url: Some("https://www.example.org/news/1"),
        title: Some("Lavrov invites Meshaal"),
        source: None,
        published: Some(date(2015, 8, 4)),
        length: Some(2048),
    }
}

fn record(event: &Event) -> ExportRecord<'_> {
    ExportRecord {
        event,
        doc: doc(&event.doc_id),
        cluster: None,
    }
}

fn cluster() -> Cluster {
    Cluster {
        global_event_id: 4242,
        num_mentions: 7,
        num_sources: 3,
        num_articles: 5,
        first_added: Some("20150804120000".to_string()),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Shared reference files

fn shared_formats() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/formats");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        !std::env::var("DYAD_REQUIRE_SHARED").is_ok_and(|v| v == "1"),
        "DYAD_REQUIRE_SHARED=1 but ../shared/data/formats is missing beside the repository"
    );
    eprintln!("skipping: ../shared/data/formats not found beside the repository");
    None
}

/// The column names of a shared column list (`index<TAB>name` rows after comments and a header).
fn column_names(dir: &std::path::Path, file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join(file)).expect("column list readable");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1)
        .map(|line| line.split('\t').nth(1).unwrap_or_default().to_string())
        .collect()
}

#[test]
fn text_formats_have_the_shared_column_counts() {
    let Some(dir) = shared_formats() else {
        return;
    };
    let event = lavrov_event();
    for (format, file) in [
        (Format::GdeltEvents, "gdelt2_events_columns.tsv"),
        (Format::GdeltMentions, "gdelt2_mentions_columns.tsv"),
        (Format::Phoenix, "phoenix_output_columns.tsv"),
    ] {
        let expected = column_names(&dir, file).len();
        let output = write_all(format, &[record(&event), record(&symmetric_event())]);
        let rows = rows(&output);
        assert_eq!(rows.len(), 3, "{format}: 1 + 2 rows");
        for row in rows {
            assert_eq!(row.len(), expected, "{format} row against {file}");
        }
    }
    assert_eq!(column_names(&dir, "gdelt2_events_columns.tsv").len(), 61);
    assert_eq!(column_names(&dir, "gdelt2_mentions_columns.tsv").len(), 16);
    assert_eq!(column_names(&dir, "phoenix_output_columns.tsv").len(), 26);
}

/// What the values of a column of the real GDELT sample look like.
#[derive(Debug, PartialEq, Clone, Copy)]
enum Shape {
    Integer,
    Float,
    Text,
}

fn shape_of(value: &str) -> Shape {
    if value.parse::<i64>().is_ok() {
        Shape::Integer
    } else if value.parse::<f64>().is_ok() {
        Shape::Float
    } else {
        Shape::Text
    }
}

#[test]
fn gdelt_event_values_are_shaped_like_the_real_sample() {
    let Some(dir) = shared_formats() else {
        return;
    };
    // The sample is GDELT 1.0 (58 columns: the 2.0 ones without the three ADM2 codes); match columns by name.
    let sample_dir = dir.join("gdelt_events_sample");
    let sample_names = column_names_line(&sample_dir.join("gdelt1_events_column_names.tsv"));
    let sample =
        std::fs::read_to_string(sample_dir.join("gdelt1_events_sample.tsv")).expect("sample");
    let mut shapes: HashMap<String, Shape> = HashMap::new();
    for row in sample
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|r| r.len() == 58)
    {
        for (name, value) in sample_names.iter().zip(row) {
            if value.is_empty() {
                continue;
            }
            let shape = shape_of(value);
            let known = shapes.entry(name.clone()).or_insert(shape);
            // A column is as loose as its loosest value (integer < float < text).
            *known = match (*known, shape) {
                (Shape::Text, _) | (_, Shape::Text) => Shape::Text,
                (Shape::Float, _) | (_, Shape::Float) => Shape::Float,
                _ => Shape::Integer,
            };
        }
    }
    let names = column_names(&dir, "gdelt2_events_columns.tsv");
    let event = lavrov_event();
    let clustered = ExportRecord {
        cluster: Some(cluster()),
        ..record(&event)
    };
    let output = write_all(Format::GdeltEvents, &[record(&event), clustered]);
    let mut checked = 0;
    for row in rows(&output) {
        for (name, value) in names.iter().zip(&row) {
            let sample_name = match name.as_str() {
                "SQLDATE" => "day".to_string(),
                other => other.to_lowercase(),
            };
            let Some(expected) = shapes.get(&sample_name) else {
                continue; // ADM2 codes are not in the 1.0 sample.
            };
            if value.is_empty() {
                continue;
            }
            let shape = shape_of(value);
            let fits = match expected {
                Shape::Text => true,
                Shape::Float => shape != Shape::Text,
                Shape::Integer => shape == Shape::Integer,
            };
            assert!(fits, "{name} = {value:?} but the sample's are {expected:?}");
            checked += 1;
        }
        assert_eq!(row[1].len(), 8, "SQLDATE is YYYYMMDD");
        assert_eq!(row[2].len(), 6, "MonthYear is YYYYMM");
        assert_eq!(row[59].len(), 14, "DATEADDED is YYYYMMDDHHMMSS");
    }
    assert!(checked > 60, "only {checked} values checked");
}

/// Column names of the GDELT 1.0 sample: one tab-separated line.
fn column_names_line(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("sample column names")
        .trim()
        .split('\t')
        .map(str::to_string)
        .collect()
}

// ---------------------------------------------------------------------------------------------------------
// GDELT events and mentions

#[test]
fn gdelt_events_fill_dates_actors_place_and_figures() {
    let event = lavrov_event();
    let output = write_all(Format::GdeltEvents, &[record(&event)]);
    let row = &rows(&output)[0];
    assert_eq!(row.len(), 61);
    assert_eq!(&row[..5], ["1", "20150803", "201508", "2015", "2015.5863"]);
    assert_eq!(&row[5..8], ["RUSGOV", "SERGEI LAVROV", "RUS"]);
    assert_eq!(row[12], "GOV");
    assert_eq!(&row[15..18], ["PSEREBHMS", "KHALED MESHAAL", "PSE"]);
    assert_eq!(
        &row[26..35],
        ["036", "036", "03", "1", "4.0", "1", "1", "1", "0"]
    );
    assert_eq!(row[35], "0", "Actor1Geo stays empty");
    assert_eq!(row[43], "0", "Actor2Geo stays empty");
    assert_eq!(
        &row[51..59],
        [
            "4",
            "Doha, Qatar",
            "QA",
            "QA01",
            "",
            "25.2854",
            "51.531",
            "290030"
        ]
    );
    assert_eq!(row[59], CODED_AT);
    assert_eq!(row[60], "https://www.example.org/news/1");

    let clustered = ExportRecord {
        cluster: Some(cluster()),
        ..record(&event)
    };
    let output = write_all(Format::GdeltEvents, &[clustered]);
    let row = &rows(&output)[0];
    assert_eq!(row[0], "4242");
    assert_eq!(&row[31..34], ["7", "3", "5"]);
    assert_eq!(
        row[59], "20150804120000",
        "DATEADDED is the cluster's first sighting"
    );
}

#[test]
fn gdelt_geography_follows_gdelt_types() {
    let geo = |place: Place| {
        let event = Event {
            place: Some(place),
            ..lavrov_event()
        };
        let output = write_all(Format::GdeltEvents, &[record(&event)]);
        rows(&output)[0][51..59]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    let russia = geo(place("Russia", "RUS", None, "country"));
    assert_eq!(&russia[..4], ["1", "Russia", "RS", "RS"]);
    assert_eq!(russia[7], "RS");
    let ohio = geo(place("Ohio", "USA", Some("US.OH"), "admin1"));
    assert_eq!(&ohio[..4], ["2", "Ohio, United States", "US", "USOH"]);
    assert_eq!(ohio[7], "OH");
    let philadelphia = geo(place("Philadelphia", "USA", Some("US.PA"), "city"));
    assert_eq!(
        &philadelphia[..4],
        [
            "3",
            "Philadelphia, Pennsylvania, United States",
            "US",
            "USPA"
        ]
    );
    let moskva = geo(place("Moscow Oblast", "RUS", Some("RU.47"), "admin1"));
    assert_eq!(&moskva[..4], ["5", "Moscow Oblast, Russia", "RS", "RS47"]);
    assert_eq!(moskva[7], "290030");
}

#[test]
fn symmetric_events_give_both_directions_and_a_cluster_one_row() {
    let event = symmetric_event();
    let output = write_all(Format::GdeltEvents, &[record(&event)]);
    let rows_written = rows(&output);
    assert_eq!(rows_written.len(), 2);
    assert_eq!(
        (rows_written[0][6], rows_written[0][16]),
        ("VLADIMIR PUTIN", "MAHMOUD ABBAS")
    );
    assert_eq!(
        (rows_written[1][6], rows_written[1][16]),
        ("MAHMOUD ABBAS", "VLADIMIR PUTIN")
    );
    assert_eq!((rows_written[0][0], rows_written[1][0]), ("1", "2"));
    assert_eq!(rows_written[0][51], "0", "no place: ActionGeo_Type 0");

    let clustered = ExportRecord {
        cluster: Some(cluster()),
        ..record(&event)
    };
    assert_eq!(rows(&write_all(Format::GdeltEvents, &[clustered])).len(), 1);
}

#[test]
fn gdelt_mentions_point_into_the_document() {
    let event = lavrov_event();
    let mut no_recipient = lavrov_event();
    no_recipient.recipients.clear();
    let output = write_all(
        Format::GdeltMentions,
        &[record(&event), record(&no_recipient)],
    );
    let rows = rows(&output);
    assert_eq!(
        rows[0],
        [
            "1",
            CODED_AT,
            CODED_AT,
            "1",
            "example.org",
            "https://www.example.org/news/1",
            "4",
            "100",
            "151",
            "143",
            "1",
            "95",
            "2048",
            "0",
            "",
            ""
        ]
    );
    assert_eq!(rows[1][0], "2");
    assert_eq!(rows[1][8], "-1", "no recipient: offset -1");

    let clustered = ExportRecord {
        cluster: Some(cluster()),
        ..record(&event)
    };
    let output = write_all(Format::GdeltMentions, &[clustered]);
    let row = &self::rows(&output)[0];
    assert_eq!(
        (row[0], row[1], row[2]),
        ("4242", "20150804120000", CODED_AT)
    );
}

// ---------------------------------------------------------------------------------------------------------
// Phoenix, JSONL, PLOVER, table

#[test]
fn phoenix_rows_split_actor_codes_and_carry_the_place() {
    let event = lavrov_event();
    let output = write_all(Format::Phoenix, &[record(&event)]);
    let row = &rows(&output)[0];
    assert_eq!(row.len(), 26);
    assert_eq!(&row[1..5], ["20150803", "2015", "08", "03"]);
    assert_eq!(&row[5..9], ["RUSGOV", "RUS", "GOV", ""]);
    assert_eq!(&row[9..13], ["PSEREBHMS", "PSE", "REB", "HMS"]);
    assert_eq!(&row[13..17], ["036", "03", "1", "4.0"]);
    assert_eq!(&row[18..23], ["25.2854", "51.531", "Doha", "", "QAT"]);
    assert_eq!(
        &row[23..26],
        ["seed_3", "https://www.example.org/news/1", "example.org"]
    );
    assert!(row[0].starts_with("1_"));
}

#[test]
fn jsonl_is_the_event_record() {
    let event = lavrov_event();
    let output = write_all(Format::Jsonl, &[record(&event)]);
    let value: serde_json::Value = serde_json::from_str(output.trim()).expect("JSON");
    assert_eq!(value, serde_json::to_value(&event).expect("serialisable"));
    assert_eq!(value["place"]["name"], "Doha");
}

#[test]
fn plover_records_have_a_geolocation() {
    let event = lavrov_event();
    let output = write_all(
        Format::Plover,
        &[record(&event), record(&symmetric_event())],
    );
    let lines: Vec<serde_json::Value> = output
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON"))
        .collect();
    let geolocation = &lines[0]["geolocation"];
    assert_eq!(geolocation["name"], "Doha");
    assert_eq!(geolocation["country"], "QAT");
    assert_eq!(geolocation["lat"], 25.2854);
    assert_eq!(lines[0]["event_text"], "invited");
    assert_eq!(lines[0]["event"], "AGREE");
    assert_eq!(lines[0]["coded_date"], "20250102");
    assert!(lines[1]["geolocation"].is_null());
}

#[test]
fn table_lines_end_with_the_place() {
    let output = write_all(Format::Table, &[record(&lavrov_event())]);
    assert!(output.contains("Sergei Lavrov [RUSGOV]"), "{output}");
    assert!(output.trim_end().ends_with("@ Doha (QAT)"), "{output}");
}

#[test]
fn format_names_parse_with_the_gdelt_alias() {
    for format in Format::ALL {
        assert_eq!(format.name().parse::<Format>(), Ok(*format));
    }
    assert_eq!("gdelt".parse::<Format>(), Ok(Format::GdeltEvents));
    assert!("csv".parse::<Format>().is_err());
    assert!(writer(Format::Jsonl, Box::new(Buffer::default()), "2025-01-02").is_err());
}

// ---------------------------------------------------------------------------------------------------------
// Parquet

#[test]
fn parquet_round_trips() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Float64Type, Int32Type, Int64Type};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let path = std::env::temp_dir().join(format!("dyad-export-{}.parquet", std::process::id()));
    let lavrov = lavrov_event();
    let symmetric = symmetric_event();
    // More rows than one batch, so that the writer hands over several.
    let total = 10_000;
    {
        let file = std::fs::File::create(&path).expect("temporary file");
        let mut out = writer(Format::Parquet, Box::new(file), CODED_AT).expect("parquet writer");
        for n in 0..total {
            let record = match n % 2 {
                0 => ExportRecord {
                    cluster: Some(cluster()),
                    ..record(&lavrov)
                },
                _ => record(&symmetric),
            };
            out.write(&record).expect("row written");
        }
        out.finish().expect("file closed");
    }
    let file = std::fs::File::open(&path).expect("written file");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("a Parquet file")
        .build()
        .expect("a reader");
    let batches: Vec<_> = reader.collect::<Result<_, _>>().expect("batches");
    let _ = std::fs::remove_file(&path);
    assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), total);
    let batch = &batches[0];
    let column = |name: &str| {
        batch
            .column_by_name(name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let strings = |name: &str| column(name).as_string::<i32>().clone();
    assert_eq!(strings("event_id").value(0), "seed:3:0");
    assert_eq!(strings("event_id").value(1), "sym:0:0");
    assert_eq!(strings("actor1_code").value(0), "RUSGOV");
    assert_eq!(strings("actor2_name").value(0), "Khaled Meshaal");
    assert_eq!(strings("cameo_code").value(0), "036");
    assert_eq!(strings("place_name").value(0), "Doha");
    assert!(strings("place_name").is_null(1));
    assert_eq!(strings("trigger_text").value(0), "invited");
    assert_eq!(strings("modality").value(0), "asserted");
    assert_eq!(strings("coded_at").value(0), CODED_AT);
    assert_eq!(
        column("event_date").as_primitive::<Date32Type>().value(0),
        16_650,
        "2015-08-03"
    );
    assert_eq!(
        column("place_lat").as_primitive::<Float64Type>().value(0),
        25.2854
    );
    assert_eq!(
        column("global_event_id")
            .as_primitive::<Int64Type>()
            .value(0),
        4242
    );
    assert!(column("global_event_id").is_null(1));
    assert_eq!(
        column("num_mentions").as_primitive::<Int32Type>().value(0),
        7
    );
    let contexts = column("plover_context").as_list::<i32>().value(0);
    assert_eq!(contexts.as_string::<i32>().value(0), "diplomatic");
    let actors: serde_json::Value =
        serde_json::from_str(strings("actors_json").value(1)).expect("actors JSON");
    assert_eq!(actors.as_array().map(Vec::len), Some(2));
}
