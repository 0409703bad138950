//! Deduplication: the reports of one happening, across sentences and articles, become one event.
//!
//! The rule. A report joins an existing event when all of these hold:
//! - the same **dedup key**: CAMEO base code (3 digits), first actor, first recipient (each its CAMEO code, or
//!   its lower-cased name when it has none; the pair sorted for symmetric readings such as "X and Y met"), and
//!   modality (a denial never merges with an assertion);
//! - **compatible dates**: the report's date range, widened by one day each side for day precision, overlaps
//!   the event's range; a report dated only by its publication day covers that day and the day before (news
//!   reports yesterday's events). Undated reports join only undated events. So "in 2010 Meshaal met
//!   Medvedev" (a 2010 range) joins the 2010 meeting, never the story's day;
//! - **compatible places**: when both name a place country, it is the same country.
//!
//! Among several candidates the most precisely dated wins, then the nearest in time, then the oldest. A
//! more precisely dated report refines the event's date and becomes its representative. Counts follow
//! GDELT: NumMentions counts reports, NumArticles distinct documents, NumSources distinct publishers (a
//! document without a known publisher counts as its own source).

use crate::statements::Statements;
use crate::{StoreError, date_number, day_date, day_number};
use dyad_coder::Event;
use dyad_coder::event::EventActor;
use jiff::civil::Date;
use rusqlite::params;

/// Widest range (days) still searched as a "precise" event; wider ones sit in the coarse index.
const PRECISE_WIDTH: i64 = 7;

/// One report as deduplication sees it.
pub(crate) struct Report<'a> {
    mention_key: i64,
    doc_key: i64,
    source: Option<&'a str>,
    first_added: Option<String>,
    key: i64,
    range: Option<(i64, i64)>,
    slack: i64,
    rank: u8,
    event: &'a Event,
    actor1: Option<&'a EventActor>,
    actor2: Option<&'a EventActor>,
}

/// Precision ranks: lower is more precise.
fn precision_rank(precision: &str) -> u8 {
    match precision {
        "day" => 0,
        "publication" => 1,
        "week" => 2,
        "month" => 3,
        "season" => 4,
        "year" => 5,
        "decade" => 6,
        _ => 7,
    }
}

fn actor_key(actor: Option<&EventActor>) -> String {
    match actor {
        Some(actor) => match &actor.code {
            Some(code) => code.clone(),
            None => format!("~{}", actor.name.to_lowercase()),
        },
        None => String::new(),
    }
}

/// The dedup key: a 64-bit hash (xxh3) of the key's parts, so the index compares integers.
fn dedup_key(parts: &[&str]) -> i64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update(&[0x1f]);
    }
    hasher.digest() as i64
}

impl<'a> Report<'a> {
    /// The report of `event`, stored as mention `mention_key` of document `doc_key`.
    pub(crate) fn of(
        event: &'a Event,
        mention_key: i64,
        doc_key: i64,
        source: Option<&'a str>,
        published: Option<Date>,
    ) -> Report<'a> {
        let actor1 = event.actors.first();
        let actor2 = event.recipients.first();
        let (mut first, mut second) = (actor_key(actor1), actor_key(actor2));
        if event.rule.construction == "symmetric" && second < first {
            std::mem::swap(&mut first, &mut second);
        }
        let key = dedup_key(&[&event.cameo.base, &first, &second, event.modality.as_str()]);
        let precision = event.date.precision;
        let range = event.date.date.map(|start| {
            let end = event.date.end.unwrap_or(start);
            let (start, end) = (day_number(start), day_number(end));
            if precision == "publication" {
                (start - 1, end)
            } else {
                (start, end)
            }
        });
        Report {
            mention_key,
            doc_key,
            source,
            first_added: published.map(|d| format!("{}000000", date_number(d))),
            key,
            range,
            slack: i64::from(precision == "day"),
            rank: precision_rank(precision),
            event,
            actor1,
            actor2,
        }
    }

    fn place_country(&self) -> Option<&str> {
        self.event.place.as_ref()?.country.as_deref()
    }

    fn date(&self) -> Option<i64> {
        self.event.date.date.map(date_number)
    }
}

/// A candidate event.
struct Candidate {
    key: i64,
    start: Option<i64>,
    end: Option<i64>,
    rank: u8,
    place_country: Option<String>,
}

/// Finds the event `report` belongs to, or creates it; returns its key and whether it is new.
pub(crate) fn assign(st: &mut Statements, report: &Report) -> Result<(i64, bool), StoreError> {
    let chosen = candidates(st, report)?
        .into_iter()
        .filter(
            |c| match (c.place_country.as_deref(), report.place_country()) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            },
        )
        .min_by_key(|c| {
            let distance = match (report.range, c.start, c.end) {
                (Some((lo, hi)), Some(start), Some(end)) => ((lo + hi) - (start + end)).abs(),
                _ => 0,
            };
            (c.rank, distance, c.key)
        });
    match chosen {
        Some(candidate) => {
            join(st, report, &candidate)?;
            Ok((candidate.key, false))
        }
        None => Ok((create(st, report)?, true)),
    }
}

fn candidates(st: &mut Statements, report: &Report) -> Result<Vec<Candidate>, StoreError> {
    let read = |row: &rusqlite::Row| -> rusqlite::Result<Candidate> {
        Ok(Candidate {
            key: row.get(0)?,
            start: row.get(1)?,
            end: row.get(2)?,
            rank: precision_rank(&row.get::<_, String>(3)?),
            place_country: row.get(4)?,
        })
    };
    let mut found = Vec::new();
    match report.range {
        Some((lo, hi)) => {
            let (lo, hi) = (lo - report.slack, hi + report.slack);
            // Precise events (at most a week wide) start at most a week before the window; wider ones are
            // few and listed in `coarse_events`. (Simple statements on purpose: a range on a joined
            // table made SQLite re-prepare the statement at every new binding.)
            let precise = &mut st.precise_candidates;
            for candidate in
                precise.query_map(params![report.key, lo - PRECISE_WIDTH, hi, lo], read)?
            {
                found.push(candidate?);
            }
            // Coarse events of this key (few), checked for overlap here.
            let coarse = &mut st.coarse_candidates;
            let mut overlapping: Vec<i64> = Vec::new();
            for row in coarse.query_map(params![report.key], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })? {
                let (key, start, end) = row?;
                // Those starting within a week of the window were found by the first query.
                if start < lo - PRECISE_WIDTH && end >= lo {
                    overlapping.push(key);
                }
            }
            let by_key = &mut st.event_by_key;
            for key in overlapping {
                found.push(by_key.query_row([key], read)?);
            }
        }
        None => {
            let undated = &mut st.undated_candidates;
            for candidate in undated.query_map(params![report.key], read)? {
                found.push(candidate?);
            }
        }
    }
    Ok(found)
}

/// Keeps `coarse_events` in step when an event's range changes from `old` to `new`.
fn set_coarse(
    st: &mut Statements,
    dedup_key: i64,
    event_key: i64,
    old: Option<(i64, i64)>,
    new: Option<(i64, i64)>,
) -> Result<(), StoreError> {
    let is_coarse =
        |range: Option<(i64, i64)>| range.filter(|(start, end)| end - start > PRECISE_WIDTH);
    if let Some((start, _)) = is_coarse(old) {
        st.delete_coarse
            .execute(params![dedup_key, start, event_key])?;
    }
    if let Some((start, end)) = is_coarse(new) {
        st.insert_coarse
            .execute(params![dedup_key, start, end, event_key])?;
    }
    Ok(())
}

/// What the aggregates count an event under.
struct Counted {
    /// Whether the event counts in `dyad_months` (not negated, not conditional).
    in_months: bool,
    actor1: String,
    actor2: String,
    countries: Vec<String>,
    quad: u8,
    goldstein: f64,
}

impl Counted {
    fn of(report: &Report) -> Counted {
        let mut countries: Vec<String> = [
            report.actor1.and_then(|a| a.country.as_deref()),
            report.actor2.and_then(|a| a.country.as_deref()),
            report.place_country(),
        ]
        .into_iter()
        .flatten()
        .map(str::to_string)
        .collect();
        countries.sort_unstable();
        countries.dedup();
        Counted {
            in_months: report.event.modality.is_default(),
            actor1: report
                .actor1
                .and_then(|a| a.code.clone())
                .unwrap_or_default(),
            actor2: report
                .actor2
                .and_then(|a| a.code.clone())
                .unwrap_or_default(),
            countries,
            quad: report.event.cameo.quad_class,
            goldstein: report.event.cameo.goldstein.unwrap_or(0.0),
        }
    }

    /// How a stored event is counted (read back before its date moves).
    fn stored(st: &mut Statements, event_key: i64) -> Result<(Option<i64>, Counted), StoreError> {
        let row = st.counted_event.query_row([event_key], |row| {
            let found: [Option<String>; 3] = [row.get(3)?, row.get(4)?, row.get(5)?];
            let mut countries: Vec<String> = found.into_iter().flatten().collect();
            countries.sort_unstable();
            countries.dedup();
            Ok((
                row.get(0)?,
                Counted {
                    in_months: row.get(8)?,
                    actor1: row.get(1)?,
                    actor2: row.get(2)?,
                    countries,
                    quad: row.get(6)?,
                    goldstein: row.get(7)?,
                },
            ))
        })?;
        Ok(row)
    }
}

fn create(st: &mut Statements, report: &Report) -> Result<i64, StoreError> {
    let event = report.event;
    let place = event.place.as_ref();
    st.insert_event.execute(params![
        report.key,
        report.range.map(|r| r.0),
        report.range.map(|r| r.1),
        report.date(),
        event.date.precision,
        event.cameo.code,
        event.cameo.base,
        event.cameo.root,
        event.cameo.quad_class,
        event.cameo.goldstein,
        event.plover.as_ref().map(|p| p.event_type.as_str()),
        event.modality.as_str(),
        report.actor1.and_then(|a| a.code.as_deref()),
        report.actor1.map(|a| a.name.as_str()),
        report.actor1.and_then(|a| a.country.as_deref()),
        report.actor2.and_then(|a| a.code.as_deref()),
        report.actor2.map(|a| a.name.as_str()),
        report.actor2.and_then(|a| a.country.as_deref()),
        place.map(|p| p.name.as_str()),
        place.and_then(|p| p.country.as_deref()),
        place.and_then(|p| p.lat),
        place.and_then(|p| p.lon),
        report.mention_key,
        report.first_added.as_deref(),
    ])?;
    let key = st.tx.last_insert_rowid();
    if let Some((start, end)) = report.range {
        set_coarse(st, report.key, key, None, Some((start, end)))?;
    }
    if let Some(date) = report.date() {
        add_to_aggregates(st, &Counted::of(report), key, date, 1)?;
    }
    Ok(key)
}

/// Adds (`sign` 1) or removes (-1) an event from the monthly dyad counts and the country index.
fn add_to_aggregates(
    st: &mut Statements,
    counted: &Counted,
    event_key: i64,
    date: i64,
    sign: i64,
) -> Result<(), StoreError> {
    let quads: [i64; 4] =
        std::array::from_fn(|i| sign * i64::from(usize::from(counted.quad) == i + 1));
    if counted.in_months {
        st.count_month.execute(params![
            date / 100,
            counted.actor1,
            counted.actor2,
            sign,
            sign as f64 * counted.goldstein,
            quads[0],
            quads[1],
            quads[2],
            quads[3],
        ])?;
    }
    for country in &counted.countries {
        if sign > 0 {
            st.insert_country
                .execute(params![country, date, event_key])?;
        } else {
            st.delete_country
                .execute(params![country, date, event_key])?;
        }
    }
    Ok(())
}

fn join(st: &mut Statements, report: &Report, candidate: &Candidate) -> Result<(), StoreError> {
    // The documents already reporting the event. (Kept to single-table statements: a join here made
    // SQLite re-prepare the statement at every call.)
    let documents: Vec<i64> = st
        .event_documents
        .query_map([candidate.key], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let new_article = !documents.contains(&report.doc_key);
    let new_source = new_article
        && match report.source {
            None => true,
            Some(source) => {
                let source_of = &mut st.document_source;
                let mut seen = false;
                for doc_key in &documents {
                    let other: Option<String> = source_of.query_row([doc_key], |row| row.get(0))?;
                    if other.as_deref() == Some(source) {
                        seen = true;
                        break;
                    }
                }
                !seen
            }
        };
    st.count_report.execute(params![
        candidate.key,
        i64::from(new_article),
        i64::from(new_source),
        report.first_added.as_deref(),
    ])?;
    if report.rank < candidate.rank {
        refine(st, report, candidate)?;
    }
    Ok(())
}

/// A more precisely dated report takes over the event's date and represents it.
fn refine(st: &mut Statements, report: &Report, candidate: &Candidate) -> Result<(), StoreError> {
    let (old_date, counted) = Counted::stored(st, candidate.key)?;
    let Some((lo, hi)) = report.range else {
        return Ok(());
    };
    // The narrower of the two ranges where they overlap.
    let (start, end) = match (candidate.start, candidate.end) {
        (Some(start), Some(end)) => (lo.max(start), hi.min(end).max(lo.max(start))),
        _ => (lo, hi),
    };
    let date = report.date().or_else(|| day_date(start).map(date_number));
    st.refine_event.execute(params![
        candidate.key,
        start,
        end,
        date,
        report.event.date.precision,
        report.mention_key,
    ])?;
    let old_range = candidate.start.zip(candidate.end);
    set_coarse(st, report.key, candidate.key, old_range, Some((start, end)))?;
    if old_date != date {
        if let Some(old) = old_date {
            add_to_aggregates(st, &counted, candidate.key, old, -1)?;
        }
        if let Some(new) = date {
            add_to_aggregates(st, &counted, candidate.key, new, 1)?;
        }
    }
    Ok(())
}
