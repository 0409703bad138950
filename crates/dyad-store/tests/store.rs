//! The store end to end on hand-made and synthetic coded documents: idempotent ingest, the dedup rule, the
//! round trip of records, and the agreement of the aggregate tables with the events they count.

use dyad_coder::Event;
use dyad_coder::event::{Attribution, Cameo, EventActor, EventDate, Evidence, Place, Rule};
use dyad_coder::modality::Modality;
use dyad_store::query::{Period, Side};
use dyad_store::records::Records;
use dyad_store::synthetic::Generator;
use dyad_store::{CodedDocument, Filter, Store, Value};
use dyad_text::Document;
use dyad_text::document::Origin;
use jiff::civil::{Date, date};

fn temp_store(name: &str) -> (Store, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("dyad-store-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("test.db");
    (Store::open(&path).expect("open store"), path)
}

fn document(id: &str, source: &str, published: Date, text: &str) -> Document {
    Document {
        id: id.to_string(),
        title: None,
        text: text.to_string(),
        date: Some(published),
        url: Some(format!("https://{source}/{id}")),
        source: Some(source.to_string()),
        origin: Origin {
            path: "test".to_string(),
            record: None,
        },
    }
}

fn actor(code: &str, name: &str, span: [u32; 2], entity: u32) -> EventActor {
    EventActor {
        text: name.to_string(),
        name: name.to_string(),
        code: Some(code.to_string()),
        country: Some(code[..3].to_string()),
        sectors: Vec::new(),
        span,
        entity,
    }
}

/// A meeting (CAMEO 040) of RUSGOV with PSEREBHMS reported in `doc`, dated as given.
fn meeting(doc: &Document, when: EventDate, place_country: Option<&str>) -> Event {
    let text = &doc.text;
    Event {
        id: format!("{}:0:0", doc.id),
        doc_id: doc.id.clone(),
        sentence: 0,
        published: doc.date,
        date: when,
        place: place_country.map(|country| Place {
            text: "in the capital".to_string(),
            span: [0, 1],
            name: format!("capital of {country}"),
            country: Some(country.to_string()),
            admin1: None,
            lat: Some(25.0),
            lon: Some(51.0),
            feature_id: None,
            feature: "city".to_string(),
            resolution: "city".to_string(),
            source: "clause".to_string(),
        }),
        actors: vec![actor("RUSGOV", "Sergei Lavrov", [0, 6], 0)],
        recipients: vec![actor("PSEREBHMS", "Khaled Meshaal", [11, 18], 1)],
        cameo: Cameo {
            code: "040".to_string(),
            base: "040".to_string(),
            root: "04".to_string(),
            name: dyad_ontology::cameo_event("040")
                .map_or("", |c| c.name())
                .to_string(),
            goldstein: Some(1.0),
            quad_class: 1,
            quad_variant: "gdelt",
            goldstein_table: "gdelt",
        },
        plover: None,
        evidence: Evidence {
            sentence: text.clone(),
            sentence_span: [0, text.len() as u32],
            trigger: [7, 10],
            source: vec![[0, 6]],
            target: vec![[11, 18]],
        },
        attribution: Attribution {
            speaker: None,
            narrator: true,
            quoted: false,
        },
        rule: Rule {
            pattern: "met".to_string(),
            source: "test:1".to_string(),
            construction: "active",
        },
        modality: Modality::Asserted,
        confidence: 0.9,
    }
}

fn on_day(day: Date) -> EventDate {
    EventDate {
        date: Some(day),
        end: None,
        precision: "day",
        text: Some("on Monday".to_string()),
        historical: false,
        future: false,
    }
}

fn published(day: Date) -> EventDate {
    EventDate {
        date: Some(day),
        end: None,
        precision: "publication",
        text: None,
        historical: false,
        future: false,
    }
}

fn in_year(year: i16) -> EventDate {
    EventDate {
        date: Some(date(year, 1, 1)),
        end: Some(date(year, 12, 31)),
        precision: "year",
        text: Some(format!("in {year}")),
        historical: true,
        future: false,
    }
}

fn ingest(store: &mut Store, docs: &[(Document, Vec<Event>)]) -> dyad_store::IngestStats {
    let batch: Vec<CodedDocument> = docs
        .iter()
        .map(|(doc, events)| CodedDocument {
            doc,
            sentences: 1,
            events,
        })
        .collect();
    store.ingest(&batch).expect("ingest")
}

fn figures(store: &Store) -> Vec<(i64, i64, i64, i64, i64)> {
    let mut statement = store
        .connection()
        .prepare(
            "SELECT date, num_mentions, num_articles, num_sources, representative FROM events
             ORDER BY event_key",
        )
        .expect("prepare");
    statement
        .query_map([], |row| {
            Ok((
                row.get::<_, Option<i64>>(0)?.unwrap_or(0),
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn reports_of_one_meeting_become_one_event() {
    let (mut store, _) = temp_store("dedup");
    let text = "Lavrov met Meshaal in Doha.";
    let a = document("a", "reuters.com", date(2015, 8, 4), text);
    let b = document(
        "b",
        "reuters.com",
        date(2015, 8, 4),
        "Lavrov met Meshaal on Monday.",
    );
    let c = document(
        "c",
        "aljazeera.com",
        date(2015, 8, 4),
        "Lavrov met Meshaal, Hamas says.",
    );
    let docs = vec![
        // Story-dated (publication precision) and day-precision reports of the Monday meeting...
        (
            a.clone(),
            vec![meeting(&a, published(date(2015, 8, 4)), Some("QAT"))],
        ),
        (b.clone(), vec![meeting(&b, on_day(date(2015, 8, 3)), None)]),
        (
            c.clone(),
            vec![meeting(&c, on_day(date(2015, 8, 3)), Some("QAT"))],
        ),
    ];
    let stats = ingest(&mut store, &docs);
    assert_eq!(
        (stats.documents, stats.mentions, stats.new_events),
        (3, 3, 1)
    );
    // ...are one event of three mentions in three articles from two sources, dated by the precise report.
    assert_eq!(figures(&store), vec![(20150803, 3, 3, 2, 2)]);

    // A meeting a week later, and one in another country the same day, are other events.
    let d = document(
        "d",
        "bbc.co.uk",
        date(2015, 8, 11),
        "Lavrov met Meshaal again.",
    );
    let e = document(
        "e",
        "bbc.co.uk",
        date(2015, 8, 4),
        "Lavrov met Meshaal in Cairo.",
    );
    let more = vec![
        (
            d.clone(),
            vec![meeting(&d, on_day(date(2015, 8, 10)), None)],
        ),
        (
            e.clone(),
            vec![meeting(&e, on_day(date(2015, 8, 3)), Some("EGY"))],
        ),
    ];
    assert_eq!(ingest(&mut store, &more).new_events, 2);

    // A denial does not merge with the assertion.
    let f = document(
        "f",
        "tass.ru",
        date(2015, 8, 4),
        "Lavrov did not meet Meshaal.",
    );
    let mut denial = meeting(&f, on_day(date(2015, 8, 3)), None);
    denial.modality = Modality::Negated;
    assert_eq!(
        ingest(&mut store, &[(f.clone(), vec![denial])]).new_events,
        1
    );

    // Every report reads back as it was coded (places, actors without sectors, denials included).
    let mut stored: Vec<Event> = Vec::new();
    let everything = Filter {
        all_modalities: true,
        ..Filter::default()
    };
    store
        .each_record(&everything, Records::Mentions, |r| {
            stored.push(r.event.clone());
            Ok::<(), dyad_store::StoreError>(())
        })
        .expect("records");
    let coded: Vec<Event> = docs
        .iter()
        .chain(&more)
        .chain([&(f.clone(), Vec::new())])
        .flat_map(|(_, events)| events.clone())
        .collect();
    assert_eq!(stored[..coded.len()], coded[..]);
    assert_eq!(stored.len(), coded.len() + 1);

    // Re-ingesting the same documents adds nothing.
    let before = store.counts().expect("counts");
    let again = ingest(&mut store, &docs);
    assert_eq!((again.documents, again.already_stored), (0, 3));
    assert_eq!(store.counts().expect("counts"), before);
}

#[test]
fn historical_references_join_the_historical_event() {
    let (mut store, _) = temp_store("history");
    let first = document(
        "x",
        "a.com",
        date(2010, 5, 12),
        "Medvedev met Meshaal in Damascus.",
    );
    let later = document(
        "y",
        "b.com",
        date(2015, 8, 4),
        "In 2010, Medvedev met Meshaal.",
    );
    let today = document("z", "c.com", date(2015, 8, 4), "Lavrov met Meshaal.");
    let docs = vec![
        (
            first.clone(),
            vec![meeting(&first, on_day(date(2010, 5, 11)), None)],
        ),
        (later.clone(), vec![meeting(&later, in_year(2010), None)]),
        (
            today.clone(),
            vec![meeting(&today, published(date(2015, 8, 4)), None)],
        ),
    ];
    let stats = ingest(&mut store, &docs);
    assert_eq!(stats.new_events, 2);
    assert_eq!(
        figures(&store),
        vec![(20100511, 2, 2, 2, 1), (20150804, 1, 1, 1, 3)]
    );

    // The other order: the year-only reference first, then the dated report refines it.
    let (mut store, _) = temp_store("history-refine");
    let reversed = vec![docs[1].clone(), docs[0].clone()];
    assert_eq!(ingest(&mut store, &reversed).new_events, 1);
    assert_eq!(figures(&store), vec![(20100511, 2, 2, 2, 2)]);
    // The yearly counts moved with the refined date.
    let months: Vec<(i64, i64)> = store
        .connection()
        .prepare(
            "SELECT year, sum(events) FROM (SELECT year, events FROM dyad_years
               UNION ALL SELECT year, events FROM dyad_years_recent) GROUP BY year
             HAVING sum(events) <> 0",
        )
        .expect("prepare")
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(months, vec![(2010, 1)]);
}

fn synthetic(documents: usize) -> Vec<(Document, Vec<Event>)> {
    let mut generator = Generator::new(42);
    (0..documents).map(|_| generator.document()).collect()
}

#[test]
fn records_read_back_as_they_were_coded() {
    let (mut store, _) = temp_store("roundtrip");
    let docs = synthetic(300);
    ingest(&mut store, &docs);
    let mut stored: Vec<Event> = Vec::new();
    store
        .each_record(
            &Filter {
                all_modalities: true,
                ..Filter::default()
            },
            Records::Mentions,
            |r| {
                stored.push(r.event.clone());
                Ok::<(), dyad_store::StoreError>(())
            },
        )
        .expect("records");
    let coded: Vec<Event> = docs.iter().flat_map(|(_, events)| events.clone()).collect();
    assert_eq!(stored.len(), coded.len());
    assert_eq!(stored, coded);
}

fn ints(table: &dyad_store::Table, column: &str) -> Vec<i64> {
    let index = table
        .columns
        .iter()
        .position(|c| c == column)
        .expect("column");
    table
        .rows
        .iter()
        .map(|row| match row[index] {
            Value::Int(n) => n,
            _ => -1,
        })
        .collect()
}

#[test]
fn aggregates_agree_with_the_events_they_count() {
    let (mut store, _) = temp_store("aggregates");
    let docs = synthetic(3000);
    for chunk in docs.chunks(500) {
        ingest(&mut store, chunk);
    }
    let year = Filter {
        from: Some(date(2019, 1, 1)),
        to: Some(date(2019, 12, 31)),
        ..Filter::default()
    };
    // The same filter, made to scan the events (a CAMEO prefix that matches every code).
    let scanned = Filter {
        cameo: Some(String::new()),
        ..year.clone()
    };
    let fast = store.top_dyads(&year, 20).expect("top dyads");
    let slow = store.top_dyads(&scanned, 20).expect("top dyads");
    assert!(!fast.rows.is_empty());
    assert_eq!(ints(&fast, "events"), ints(&slow, "events"));
    let actors_fast = store
        .top_actors(&year, dyad_store::query::Side::Any, 20)
        .expect("top actors");
    let actors_slow = store
        .top_actors(&scanned, dyad_store::query::Side::Any, 20)
        .expect("top actors");
    assert_eq!(ints(&actors_fast, "events"), ints(&actors_slow, "events"));

    // A dyad's monthly series adds up to its count.
    let top = &fast.rows[0];
    let dyad = Filter {
        source: Some(top[0].to_string()),
        target: Some(top[1].to_string()),
        ..year.clone()
    };
    let series = store.series(&dyad, Period::Month).expect("series");
    let series_scanned = store
        .series(
            &Filter {
                cameo: Some(String::new()),
                ..dyad.clone()
            },
            Period::Month,
        )
        .expect("series");
    assert_eq!(series.rows.len(), series_scanned.rows.len());
    assert_eq!(ints(&series, "events"), ints(&series_scanned, "events"));
    let total: i64 = ints(&series, "events").iter().sum();
    assert_eq!(total as u64, store.count(&dyad).expect("count"));
    assert_eq!(total, ints(&fast, "events")[0]);

    // One country's events in a month: the country index agrees with a scan of the actor countries.
    let month = Filter {
        from: Some(date(2019, 3, 1)),
        to: Some(date(2019, 3, 31)),
        country: Some("USA".to_string()),
        ..Filter::default()
    };
    let expected: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM events WHERE date BETWEEN 20190301 AND 20190331
               AND (actor1_country = 'USA' OR actor2_country = 'USA') AND modality <> 'negated'",
            [],
            |row| row.get(0),
        )
        .expect("count");
    assert_eq!(store.count(&month).expect("count") as i64, expected);
    assert!(expected > 0);
}

#[test]
fn full_text_search_finds_the_evidence() {
    let (mut store, _) = temp_store("fts");
    let a = document(
        "a",
        "x.com",
        date(2015, 8, 4),
        "Lavrov met Meshaal in Doha.",
    );
    let b = document(
        "b",
        "y.com",
        date(2015, 9, 4),
        "Lavrov met Meshaal in Moscow.",
    );
    let docs = vec![
        (a.clone(), vec![meeting(&a, on_day(date(2015, 8, 3)), None)]),
        (b.clone(), vec![meeting(&b, on_day(date(2015, 9, 3)), None)]),
    ];
    ingest(&mut store, &docs);
    let doha = Filter {
        text: Some("doha".to_string()),
        ..Filter::default()
    };
    let found = store.events(&doha, 10).expect("events");
    assert_eq!(found.rows.len(), 1);
    assert_eq!(found.rows[0][1], Value::Int(20150803));
}

/// The values of one column, as text.
fn column(table: &dyad_store::Table, name: &str) -> Vec<String> {
    let index = table
        .columns
        .iter()
        .position(|c| c == name)
        .expect("column");
    table
        .rows
        .iter()
        .map(|row| row[index].to_string())
        .collect()
}

/// One column of a plain SQL query, as text.
fn sql_column(store: &Store, sql: &str) -> Vec<String> {
    store
        .connection()
        .prepare(sql)
        .expect("prepare")
        .query_map([], |row| {
            Ok(Value::from(row.get::<_, rusqlite::types::Value>(0)?).to_string())
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn queries_agree_with_plain_sql_across_epochs() {
    let (mut store, path) = temp_store("epochs");
    let docs = synthetic(7000);
    for chunk in docs.chunks(1000) {
        ingest(&mut store, chunk);
    }
    let last: i64 = store
        .connection()
        .query_row("SELECT max(event_key) FROM events", [], |row| row.get(0))
        .expect("max");
    assert!(last > 16_384, "{last} events: one epoch only");
    let kept = "modality NOT IN ('negated', 'conditional')";
    let year = Filter {
        from: Some(date(2019, 1, 1)),
        to: Some(date(2019, 12, 31)),
        ..Filter::default()
    };

    // Event lists, merged from every epoch in date order.
    let listed = store.events(&year, 100).expect("events");
    assert_eq!(
        column(&listed, "event"),
        sql_column(
            &store,
            &format!(
                "SELECT event_key FROM events WHERE date BETWEEN 20190101 AND 20191231 AND {kept}
                 ORDER BY date, event_key LIMIT 100"
            )
        )
    );
    let first = store.events(&Filter::default(), 30).expect("events");
    assert_eq!(
        column(&first, "event"),
        sql_column(
            &store,
            &format!("SELECT event_key FROM events WHERE {kept} ORDER BY date, event_key LIMIT 30")
        )
    );
    let usa = Filter {
        country: Some("usa".to_string()),
        from: Some(date(2019, 3, 1)),
        to: Some(date(2019, 3, 31)),
        ..Filter::default()
    };
    let expected = sql_column(
        &store,
        &format!(
            "SELECT event_key FROM events WHERE date BETWEEN 20190301 AND 20190331 AND {kept}
               AND 'USA' IN (actor1_country, actor2_country, place_country) ORDER BY date, event_key"
        ),
    );
    assert!(!expected.is_empty());
    assert_eq!(
        column(&store.events(&usa, 1000).expect("events"), "event"),
        expected
    );

    // Counts by actor prefixes (each side, either side).
    for (filter, condition) in [
        (
            Filter {
                source: Some("usa".to_string()),
                ..year.clone()
            },
            "actor1_code >= 'USA' AND actor1_code < 'USB'",
        ),
        (
            Filter {
                target: Some("RUSGOV".to_string()),
                ..Filter::default()
            },
            "actor2_code = 'RUSGOV'",
        ),
        (
            Filter {
                actor: Some("CHN".to_string()),
                ..year.clone()
            },
            "(actor1_code LIKE 'CHN%' OR actor2_code LIKE 'CHN%')",
        ),
    ] {
        let dates = if filter.from.is_some() {
            " AND date BETWEEN 20190101 AND 20191231"
        } else {
            ""
        };
        let expected = sql_column(
            &store,
            &format!("SELECT count(*) FROM events WHERE {condition} AND {kept}{dates}"),
        );
        assert_eq!(
            vec![store.count(&filter).expect("count").to_string()],
            expected,
            "{condition}"
        );
    }

    // A dyad's weekly series.
    let top = store.top_dyads(&year, 1).expect("top dyads");
    let (source, target) = (top.rows[0][0].to_string(), top.rows[0][1].to_string());
    let weekly = store
        .series(
            &Filter {
                source: Some(source.clone()),
                target: Some(target.clone()),
                ..year.clone()
            },
            Period::Week,
        )
        .expect("series");
    assert_eq!(
        column(&weekly, "events"),
        sql_column(
            &store,
            &format!(
                "SELECT count(*) FROM events WHERE actor1_code = '{source}' AND actor2_code = '{target}'
                   AND date BETWEEN 20190101 AND 20191231 AND {kept}
                 GROUP BY (day_start + 3) / 7 ORDER BY (day_start + 3) / 7"
            )
        )
    );

    // The yearly counts give what a scan of the events gives: pairs, counts, QuadClasses and means.
    let scanned = Filter {
        cameo: Some(String::new()),
        ..year.clone()
    };
    let fast = store.top_dyads(&year, 50).expect("top dyads");
    let slow = store.top_dyads(&scanned, 50).expect("top dyads");
    for name in [
        "source", "target", "events", "quad1", "quad2", "quad3", "quad4",
    ] {
        assert_eq!(column(&fast, name), column(&slow, name), "{name}");
    }
    // (Sums of Goldstein scores taken in another order may differ in their last bits.)
    let means = |table: &dyad_store::Table| -> Vec<f64> {
        column(table, "goldstein_mean")
            .iter()
            .map(|m| m.parse().expect("mean"))
            .collect()
    };
    for (a, b) in means(&fast).into_iter().zip(means(&slow)) {
        assert!((a - b).abs() < 0.002, "goldstein mean {a} / {b}");
    }
    for side in [Side::Source, Side::Target, Side::Any] {
        let fast = store.top_actors(&year, side, 30).expect("top actors");
        let slow = store.top_actors(&scanned, side, 30).expect("top actors");
        assert_eq!(column(&fast, "actor"), column(&slow, "actor"), "{side:?}");
        assert_eq!(column(&fast, "events"), column(&slow, "events"), "{side:?}");
    }
    let two_years = Filter {
        from: Some(date(2018, 1, 1)),
        ..year.clone()
    };
    let fast = store.top_dyads(&two_years, 10_000).expect("network");
    let slow = store
        .top_dyads(
            &Filter {
                cameo: Some(String::new()),
                ..two_years.clone()
            },
            10_000,
        )
        .expect("network");
    assert_eq!(column(&fast, "events"), column(&slow, "events"));
    assert_eq!(column(&fast, "target"), column(&slow, "target"));

    // Ranges of months, some in whole years: the counts of the whole years and a scan of the other months.
    for (from, to) in [
        (date(2019, 3, 1), date(2019, 3, 31)),
        (date(2018, 7, 1), date(2019, 6, 30)),
        (date(2017, 11, 1), date(2020, 2, 29)),
    ] {
        let months = Filter {
            from: Some(from),
            to: Some(to),
            source: Some("U".to_string()),
            ..Filter::default()
        };
        let scanned = Filter {
            cameo: Some(String::new()),
            ..months.clone()
        };
        let fast = store.top_dyads(&months, 40).expect("top dyads");
        let slow = store.top_dyads(&scanned, 40).expect("top dyads");
        assert!(!fast.rows.is_empty());
        for name in ["source", "target", "events", "quad1", "quad4"] {
            assert_eq!(column(&fast, name), column(&slow, name), "{from} {name}");
        }
        let fast = store
            .top_actors(&months, Side::Any, 40)
            .expect("top actors");
        let slow = store
            .top_actors(&scanned, Side::Any, 40)
            .expect("top actors");
        assert_eq!(column(&fast, "actor"), column(&slow, "actor"), "{from}");
        assert_eq!(column(&fast, "events"), column(&slow, "events"), "{from}");
    }

    // Events per country in a month: each dated event once per country its postings list.
    let month = Filter {
        from: Some(date(2019, 3, 1)),
        to: Some(date(2019, 3, 31)),
        ..Filter::default()
    };
    let countries = store.countries(&month, 500).expect("countries");
    let posted = format!(
        "SELECT k.country || ' ' || count(*) FROM event_countries k JOIN events e
           ON e.event_key = k.event_key WHERE k.date BETWEEN 20190301 AND 20190331 AND {kept}
         GROUP BY k.country ORDER BY count(*) DESC, k.country"
    );
    let listed: Vec<String> = countries
        .rows
        .iter()
        .map(|row| format!("{} {}", row[0], row[1]))
        .collect();
    assert!(listed.len() > 20);
    assert_eq!(listed, sql_column(&store, &posted));
    drop(store);
    if let Some(dir) = path.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}
