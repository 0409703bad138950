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
//!
//! Candidates are looked up in the in-memory dedup index ([`crate::memory::DedupIndex`]). What an event
//! counts in (yearly dyad counts, country postings) changes as reports create and refine events; the
//! batch writes it at its end ([`crate::batch`]).

use crate::batch::{EventRow, Pending};
use crate::memory::{Entry, Memory, YearSums};
use crate::schema::{EPOCH_BITS, FOLD_BITS};
use crate::statements::Statements;
use crate::{StoreError, date_number, day_date, day_number};
use dyad_coder::Event;
use dyad_coder::event::EventActor;
use jiff::civil::Date;
use rusqlite::params;
use std::borrow::Cow;

/// One report as deduplication sees it.
pub(crate) struct Report<'a> {
    mention_key: i64,
    doc_key: i64,
    /// The reporting document's source, by number ([`crate::memory::Sources`]; 0 for none).
    source: u32,
    first_added: Option<String>,
    key: i64,
    range: Option<(i64, i64)>,
    slack: i64,
    rank: u8,
    event: &'a Event,
}

/// Precision ranks: lower is more precise.
pub(crate) fn precision_rank(precision: &str) -> u8 {
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

fn actor_key(actor: Option<&EventActor>) -> Cow<'_, str> {
    match actor {
        Some(actor) => match &actor.code {
            Some(code) => Cow::Borrowed(code),
            None => Cow::Owned(format!("~{}", actor.name.to_lowercase())),
        },
        None => Cow::Borrowed(""),
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
        source: u32,
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
        }
    }

    fn place_country(&self) -> Option<&str> {
        self.event.place.as_ref()?.country.as_deref()
    }

    fn date(&self) -> Option<i64> {
        self.event.date.date.map(date_number)
    }
}

/// Finds the event `report` belongs to, or creates it; returns its key and whether it is new.
pub(crate) fn assign<'a>(
    st: &mut Statements,
    memory: &mut Memory,
    pending: &mut Pending<'a>,
    report: &Report<'a>,
) -> Result<(i64, bool), StoreError> {
    let window = report
        .range
        .map(|(lo, hi)| (lo - report.slack, hi + report.slack));
    let mut found = Vec::new();
    memory.dedup.candidates(report.key, window, &mut found);
    let place = report.place_country();
    let chosen = found
        .into_iter()
        .filter(|c| match (memory.dedup.place(c), place) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        })
        .min_by_key(|c| {
            let distance = match (report.range, c.range()) {
                (Some((lo, hi)), Some((start, end))) => ((lo + hi) - (start + end)).abs(),
                _ => 0,
            };
            (c.rank, distance, c.event)
        });
    match chosen {
        Some(candidate) => {
            join(st, memory, pending, report, &candidate)?;
            Ok((candidate.event, false))
        }
        None => Ok((create(st, memory, pending, report)?, true)),
    }
}

/// What the aggregates count an event under.
struct Counted<'a> {
    /// Whether the event counts in `dyad_years` (not negated, not conditional).
    in_years: bool,
    actor1: Cow<'a, str>,
    actor2: Cow<'a, str>,
    /// Its countries, by number ([`crate::memory::DedupIndex::country_number`]).
    countries: Vec<u32>,
    quad: u8,
    goldstein: f64,
}

/// The numbers of an event's countries, each once.
fn country_numbers<'c>(memory: &mut Memory, found: impl IntoIterator<Item = &'c str>) -> Vec<u32> {
    let mut countries: Vec<u32> = found
        .into_iter()
        .map(|country| memory.dedup.country_number(country))
        .collect();
    countries.sort_unstable();
    countries.dedup();
    countries
}

impl<'a> Counted<'a> {
    /// How an event created by `event` (its first report) is counted.
    fn of(event: &'a Event, memory: &mut Memory) -> Counted<'a> {
        let (actor1, actor2) = (event.actors.first(), event.recipients.first());
        let code = |actor: Option<&'a EventActor>| {
            Cow::Borrowed(actor.and_then(|a| a.code.as_deref()).unwrap_or_default())
        };
        Counted {
            in_years: event.modality.is_default(),
            actor1: code(actor1),
            actor2: code(actor2),
            countries: country_numbers(
                memory,
                [
                    actor1.and_then(|a| a.country.as_deref()),
                    actor2.and_then(|a| a.country.as_deref()),
                    event.place.as_ref().and_then(|p| p.country.as_deref()),
                ]
                .into_iter()
                .flatten(),
            ),
            quad: event.cameo.quad_class,
            goldstein: event.cameo.goldstein.unwrap_or(0.0),
        }
    }

    /// How a stored event is counted (read back before its date moves).
    fn stored(
        st: &mut Statements,
        memory: &mut Memory,
        event_key: i64,
    ) -> Result<(Option<i64>, Counted<'a>), StoreError> {
        let (date, found, counted) = st.counted_event.query_row([event_key], |row| {
            let found: [Option<String>; 3] = [row.get(3)?, row.get(4)?, row.get(5)?];
            Ok((
                row.get(0)?,
                found,
                Counted {
                    in_years: row.get(8)?,
                    actor1: Cow::Owned(row.get(1)?),
                    actor2: Cow::Owned(row.get(2)?),
                    countries: Vec::new(),
                    quad: row.get(6)?,
                    goldstein: row.get(7)?,
                },
            ))
        })?;
        let countries = country_numbers(memory, found.iter().flatten().map(String::as_str));
        Ok((
            date,
            Counted {
                countries,
                ..counted
            },
        ))
    }
}

fn create<'a>(
    st: &mut Statements,
    memory: &mut Memory,
    pending: &mut Pending<'a>,
    report: &Report<'a>,
) -> Result<i64, StoreError> {
    let key = pending.first_event + pending.events.len() as i64;
    pending.events.push(EventRow {
        key,
        dedup_key: report.key,
        event: report.event,
        range: report.range,
        date: report.date(),
        precision: report.event.date.precision,
        mentions: 1,
        sources: 1,
        articles: 1,
        representative: report.mention_key,
        first_added: report.first_added.clone(),
    });
    let entry = memory
        .dedup
        .entry(key, report.range, report.rank, report.place_country())?;
    memory.dedup.insert(report.key, entry);
    pending
        .reporters
        .insert(key, vec![(report.doc_key, report.source)]);
    if let Some(date) = report.date() {
        let counted = Counted::of(report.event, memory);
        count_dyad(memory, &counted, report, date, 1);
        post_countries(st, memory, pending, &counted, key, date, 1)?;
    }
    Ok(key)
}

/// Adds (`sign` 1) or removes (-1) an event dated `date` from the yearly dyad counts, as a change made by
/// `report` (filed under the report's epoch until it is folded in).
fn count_dyad(memory: &mut Memory, counted: &Counted, report: &Report<'_>, date: i64, sign: i64) {
    if !counted.in_years {
        return;
    }
    let recent = &mut memory.recent;
    let key = recent.key(
        report.mention_key >> FOLD_BITS,
        date / 10_000,
        &counted.actor1,
        &counted.actor2,
    );
    recent.add(
        key,
        YearSums {
            events: sign,
            goldstein: sign as f64 * counted.goldstein,
            quads: std::array::from_fn(|i| sign * i64::from(usize::from(counted.quad) == i + 1)),
        },
    );
}

/// Adds (`sign` 1) or removes (-1) the country postings of an event dated `date`.
fn post_countries(
    st: &mut Statements,
    memory: &Memory,
    pending: &mut Pending,
    counted: &Counted,
    event_key: i64,
    date: i64,
    sign: i64,
) -> Result<(), StoreError> {
    let epoch = event_key >> EPOCH_BITS;
    for &country in &counted.countries {
        let posting = (epoch, country, date, event_key);
        if sign > 0 {
            pending.postings.insert(posting);
        } else if !pending.postings.remove(&posting) {
            st.delete_country.execute(params![
                epoch,
                memory.dedup.country(country),
                date,
                event_key
            ])?;
        }
    }
    Ok(())
}

fn join(
    st: &mut Statements,
    memory: &mut Memory,
    pending: &mut Pending,
    report: &Report<'_>,
    candidate: &Entry,
) -> Result<(), StoreError> {
    // The documents already reporting the event: those of this batch, and the stored ones, read once.
    let reporters = match pending.reporters.entry(candidate.event) {
        std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
        std::collections::hash_map::Entry::Vacant(unknown) => unknown.insert(
            st.event_reporters
                .query_map([candidate.event], |row| row.get(0))?
                .map(|doc| doc.map(|doc| (doc, memory.sources.of(doc))))
                .collect::<Result<_, _>>()?,
        ),
    };
    let new_article = !reporters.iter().any(|(doc, _)| *doc == report.doc_key);
    let new_source = new_article
        && (report.source == 0 || !reporters.iter().any(|(_, other)| *other == report.source));
    if new_article {
        reporters.push((report.doc_key, report.source));
    }
    match pending.event_mut(candidate.event) {
        Some(row) => {
            row.mentions += 1;
            row.articles += i64::from(new_article);
            row.sources += i64::from(new_source);
            // As `min(coalesce(first_added, ?), coalesce(?, first_added))` in SQL: the earlier of the two.
            if let Some(added) = &report.first_added {
                if row.first_added.as_ref().is_none_or(|first| added < first) {
                    row.first_added = Some(added.clone());
                }
            }
        }
        None => {
            st.count_report.execute(params![
                candidate.event,
                i64::from(new_article),
                i64::from(new_source),
                report.first_added.as_deref(),
            ])?;
        }
    }
    if report.rank < candidate.rank {
        refine(st, memory, pending, report, candidate)?;
    }
    Ok(())
}

/// A more precisely dated report takes over the event's date and represents it.
fn refine(
    st: &mut Statements,
    memory: &mut Memory,
    pending: &mut Pending,
    report: &Report<'_>,
    candidate: &Entry,
) -> Result<(), StoreError> {
    let Some((lo, hi)) = report.range else {
        return Ok(());
    };
    // The narrower of the two ranges where they overlap.
    let (start, end) = match candidate.range() {
        Some((start, end)) => (lo.max(start), hi.min(end).max(lo.max(start))),
        None => (lo, hi),
    };
    let date = report.date().or_else(|| day_date(start).map(date_number));
    let (old_date, counted) = match pending.event_mut(candidate.event) {
        Some(row) => {
            let old_date = row.date;
            let first = row.event;
            row.range = Some((start, end));
            row.date = date;
            row.precision = report.event.date.precision;
            row.representative = report.mention_key;
            (old_date, Counted::of(first, memory))
        }
        None => {
            let stored = Counted::stored(st, memory, candidate.event)?;
            st.refine_event.execute(params![
                candidate.event,
                start,
                end,
                date,
                report.event.date.precision,
                report.mention_key,
            ])?;
            stored
        }
    };
    memory.dedup.replace(
        report.key,
        candidate,
        candidate.refined((start, end), report.rank)?,
    );
    if old_date != date {
        let year = |date: Option<i64>| date.map(|d| d / 10_000);
        if year(old_date) != year(date) {
            if let Some(old) = old_date {
                count_dyad(memory, &counted, report, old, -1);
            }
            if let Some(new) = date {
                count_dyad(memory, &counted, report, new, 1);
            }
        }
        if let Some(old) = old_date {
            post_countries(st, memory, pending, &counted, candidate.event, old, -1)?;
        }
        if let Some(new) = date {
            post_countries(st, memory, pending, &counted, candidate.event, new, 1)?;
        }
    }
    Ok(())
}
