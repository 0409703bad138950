//! Event places against a gold corpus: `tests/data/place_gold.tsv` holds news-style documents written for this
//! test (one sentence, or a few separated by ` || ` to give a document context; a dateline where the
//! document starts with one), each with the place that the rules of `docs/events.md` ("Event place") give
//! the main event of its last sentence: the gazetteer name, the country (ISO3) and where the place came from
//! (clause, sentence, dateline); empty columns when the text gives no place. Written from the rules, not
//! from the coder's output. Rows cover places in and near cities, countries, "the Qatari capital"-style
//! descriptions, regions (Gaza Strip, West Bank, Crimea), directions ("northern Iraq"), names that only the
//! document context disambiguates (Paris, London, Tripoli, Rafah, Georgia), dateline fallback, no place,
//! lower-case and all-caps text, and names of people and organisations that must not become places.
//!
//! Each document is coded with the built-in dictionaries (negated and conditional events kept) and the most
//! confident event of its last sentence is scored (the first on a tie); a document without an event there
//! counts as wrong in every field. Run: `cargo test -p dyad-coder --test place -- --nocapture`
//! (mismatches are printed; `DYAD_PLACE_DUMP=1` prints every row). Measured on 88 documents:
//!
//! | field | right | accuracy |
//! |---|---|---|
//! | place name | 88 | 1.000 |
//! | country | 88 | 1.000 |
//! | source | 88 | 1.000 |
//!
//! The rules were tuned on the first 75 rows; the last 13 were written before running them, and 11 of those
//! were right at first (the two misses led to the rule that a direction is followed by a region, a country
//! or a town of the document's countries, and to the gold saying "East Jerusalem", which the data has). The
//! floors sit about four rows under the measured figures.

use dyad_coder::event::Event;
use dyad_coder::{Coder, Scratch};
use dyad_dict::Compiled;
use dyad_text::{Analyzer, Document, Origin};

const GOLD: &str = include_str!("data/place_gold.tsv");

/// Floors for the share of right rows per field (measured figures minus about four rows).
const FLOORS: [f64; 3] = [0.95, 0.95, 0.95];

/// One gold row.
struct Row {
    line: usize,
    text: String,
    place: String,
    country: String,
    source: String,
    note: String,
}

fn rows() -> Vec<Row> {
    let mut lines = GOLD.lines().enumerate();
    let (_, header) = lines.next().expect("a header line");
    assert_eq!(
        header.split('\t').collect::<Vec<_>>(),
        ["text", "place", "country", "source", "note"],
        "header"
    );
    lines
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let line = i + 1;
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 5, "line {line}: {} columns: {l:?}", cols.len());
            Row {
                line,
                text: cols[0].replace(" || ", "\n\n"),
                place: cols[1].to_string(),
                country: cols[2].to_string(),
                source: cols[3].to_string(),
                note: cols[4].to_string(),
            }
        })
        .collect()
}

/// The most confident event of the document's last sentence with events.
fn main_event(events: &[Event]) -> Option<&Event> {
    let last = events.iter().map(|e| e.sentence).max()?;
    events
        .iter()
        .filter(|e| e.sentence == last)
        .fold(None::<&Event>, |best, e| match best {
            Some(b) if b.confidence >= e.confidence => Some(b),
            _ => Some(e),
        })
}

#[test]
fn event_places_against_gold() {
    let rows = rows();
    assert!(rows.len() >= 60, "{} gold rows", rows.len());
    let coder = Coder::new(Compiled::build(dyad_dict::load::builtin())).keep_all(true);
    let mut analyzer = Analyzer::default();
    let dump = std::env::var_os("DYAD_PLACE_DUMP").is_some();
    let names = ["place name", "country", "source"];
    let mut right = [0usize; 3];
    let mut mismatches = Vec::new();
    for row in &rows {
        let doc = Document {
            id: format!("place-{}", row.line),
            title: None,
            text: row.text.clone(),
            date: "2015-08-04".parse().ok(),
            url: None,
            source: None,
            origin: Origin {
                path: "place_gold.tsv".into(),
                record: None,
            },
        };
        let analysis = analyzer.analyse(&doc.text);
        let coded = coder.code(&doc, &analysis, &mut Scratch::default(), false);
        let Some(event) = main_event(&coded.events) else {
            mismatches.push(format!(
                "line {}: no event [{}] | {}",
                row.line, row.note, row.text
            ));
            continue;
        };
        let place = event.place.as_ref();
        let got = [
            place.map_or("", |p| p.name.as_str()),
            place.and_then(|p| p.country.as_deref()).unwrap_or(""),
            place.map_or("", |p| p.source.as_str()),
        ];
        let expected = [
            row.place.as_str(),
            row.country.as_str(),
            row.source.as_str(),
        ];
        let mut wrong = Vec::new();
        for k in 0..3 {
            if got[k] == expected[k] {
                right[k] += 1;
            } else {
                wrong.push(format!("{} {:?}→{:?}", names[k], expected[k], got[k]));
            }
        }
        let line = format!(
            "line {}: {} {:?} {} | {} [{}] | {}",
            row.line,
            event.cameo.code,
            place.map(|p| p.text.as_str()),
            if wrong.is_empty() {
                "ok".to_string()
            } else {
                wrong.join("; ")
            },
            place.map_or(String::new(), |p| format!(
                "{} {} {}",
                p.feature,
                p.admin1.as_deref().unwrap_or("-"),
                p.lat
                    .zip(p.lon)
                    .map_or(String::new(), |(a, o)| format!("{a},{o}"))
            )),
            row.note,
            row.text.replace('\n', " ")
        );
        if dump {
            println!("{line}");
        }
        if !wrong.is_empty() {
            mismatches.push(line);
        }
    }
    println!("| field | right | accuracy |\n|---|---|---|");
    let total = rows.len() as f64;
    for k in 0..3 {
        println!(
            "| {} | {} | {:.3} |",
            names[k],
            right[k],
            right[k] as f64 / total
        );
    }
    for m in &mismatches {
        println!("{m}");
    }
    for k in 0..3 {
        let accuracy = right[k] as f64 / total;
        assert!(
            accuracy >= FLOORS[k],
            "{} accuracy {accuracy:.3} below the floor {}",
            names[k],
            FLOORS[k]
        );
    }
}
