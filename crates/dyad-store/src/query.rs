//! Queries over the deduplicated events: one [`Filter`] (dates, actors, countries, entity names, CAMEO and
//! PLOVER classes, QuadClass, place, modality, full-text search over the evidence) and the views analysts
//! ask for: event lists, mentions, dyadic time series, top actors and dyads, network edges, events per
//! country. Every view returns a [`Table`].
//!
//! Speed: lists and series read the events through their indexes (date, dyad, target, country postings),
//! which lead with the event's epoch (see [`crate::schema`]): conditions on dates and actor codes ask for
//! every epoch, and the event list, ordered by date, reads the first rows of each epoch and merges them.
//! Top actors, top dyads and network edges, when the filter allows (whole months, actor codes, default
//! modalities), sum the yearly dyad counts of the whole years and the date index's entries of the other
//! months, in Rust; otherwise they scan the matching events in SQL.

use crate::schema::EPOCH_BITS;
use crate::{Store, StoreError, date_number, day_date};
use jiff::civil::Date;
use rusqlite::types::Value as SqlValue;
use serde::Serialize;
use std::collections::HashMap;

/// Which events a query covers. Empty fields do not filter.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// First day (inclusive) of the event date.
    pub from: Option<Date>,
    /// Last day (inclusive).
    pub to: Option<Date>,
    /// Actor code prefix on either side ("RUS", "RUSGOV").
    pub actor: Option<String>,
    /// Actor code prefix of the source (Actor1).
    pub source: Option<String>,
    /// Actor code prefix of the target (Actor2).
    pub target: Option<String>,
    /// Country (ISO3 or CAMEO country code) of an actor or of the place.
    pub country: Option<String>,
    /// Part of an actor's resolved name ("Lavrov"), case-insensitive.
    pub entity: Option<String>,
    /// CAMEO code prefix: a root ("19"), base ("036") or full code.
    pub cameo: Option<String>,
    /// PLOVER event type ("AGREE").
    pub plover: Option<String>,
    /// QuadClass 1–4.
    pub quad: Option<u8>,
    /// Part of the place name, case-insensitive.
    pub place: Option<String>,
    /// Country of the place.
    pub place_country: Option<String>,
    /// Modalities to keep; empty keeps the default ones (all but negated and conditional).
    pub modality: Vec<String>,
    /// Keep every modality.
    pub all_modalities: bool,
    /// FTS5 query over the evidence sentences ("ceasefire AND Gaza").
    pub text: Option<String>,
}

/// One cell of a result table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// No value.
    Null,
    /// An integer.
    Int(i64),
    /// A real number.
    Real(f64),
    /// Text.
    Text(String),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Null => Ok(()),
            Value::Int(n) => write!(f, "{n}"),
            Value::Real(x) => write!(f, "{}", (x * 1000.0).round() / 1000.0),
            Value::Text(text) => f.write_str(text),
        }
    }
}

impl From<SqlValue> for Value {
    fn from(value: SqlValue) -> Value {
        match value {
            SqlValue::Null => Value::Null,
            SqlValue::Integer(n) => Value::Int(n),
            SqlValue::Real(x) => Value::Real(x),
            SqlValue::Text(text) => Value::Text(text),
            SqlValue::Blob(bytes) => Value::Text(format!("<{} bytes>", bytes.len())),
        }
    }
}

/// A query result: named columns and rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
}

/// Time buckets of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar days.
    Day,
    /// ISO weeks (labelled by their Monday).
    Week,
    /// Calendar months.
    Month,
}

/// Which side of an event an actor ranking counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Sources (Actor1).
    Source,
    /// Targets (Actor2).
    Target,
    /// Either side.
    Any,
}

/// The exclusive upper bound of the strings that start with `prefix`.
fn prefix_end(prefix: &str) -> String {
    let mut end = prefix.to_string();
    end.push(char::MAX);
    end
}

/// Which epochs a query reads.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Epochs {
    /// All of them, `0..=last`: conditions that an index answers ask for each.
    All {
        /// The last epoch (of the highest event key).
        last: i64,
    },
    /// The epoch bound to the parameter `:epoch`, always asked for (the event list reads epoch by epoch).
    Each,
}

impl Epochs {
    /// The condition that `epoch` (an expression or a column) is one of these epochs: a list, which an
    /// index reads one epoch at a time (with a range, it could not seek on the columns after the epoch).
    fn condition(&self, epoch: &str) -> String {
        match *self {
            Epochs::All { last } => {
                let list: Vec<String> = (0..=last).map(|e| e.to_string()).collect();
                format!("{epoch} IN ({})", list.join(", "))
            }
            Epochs::Each => format!("{epoch} = :epoch"),
        }
    }
}

/// SQL conditions on the events table (alias `e`) and their parameters.
struct Conditions {
    sql: Vec<String>,
    params: Vec<SqlValue>,
}

impl Conditions {
    fn add(&mut self, sql: &str, params: impl IntoIterator<Item = SqlValue>) {
        self.sql.push(sql.to_string());
        self.params.extend(params);
    }

    fn clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }
}

fn text(value: &str) -> SqlValue {
    SqlValue::Text(value.to_string())
}

fn like(value: &str) -> SqlValue {
    SqlValue::Text(format!("%{}%", value.replace(['%', '_'], "")))
}

impl Filter {
    fn date_bounds(&self) -> (i64, i64) {
        (
            self.from.map_or(0, date_number),
            self.to.map_or(99_999_999, date_number),
        )
    }

    fn conditions(&self, epochs: Epochs) -> Conditions {
        let mut c = Conditions {
            sql: Vec::new(),
            params: Vec::new(),
        };
        let epoch = epochs.condition(&format!("(e.event_key >> {EPOCH_BITS})"));
        // The indexes lead with the epoch: ask for the epochs whenever one of them can answer. (The
        // country postings are read by themselves: the list of their events is short.)
        let indexed = self.from.is_some()
            || self.to.is_some()
            || self.source.is_some()
            || self.target.is_some();
        if matches!(epochs, Epochs::Each) || (indexed && self.country.is_none()) {
            c.add(&epoch, []);
        }
        let (from, to) = self.date_bounds();
        if self.from.is_some() || self.to.is_some() {
            c.add(
                "e.date BETWEEN ? AND ?",
                [SqlValue::Integer(from), SqlValue::Integer(to)],
            );
        }
        for (column, prefix) in [
            ("e.actor1_code", &self.source),
            ("e.actor2_code", &self.target),
        ] {
            if let Some(prefix) = prefix {
                let prefix = prefix.to_uppercase();
                c.add(
                    &format!("{column} >= ? AND {column} < ?"),
                    [text(&prefix), SqlValue::Text(prefix_end(&prefix))],
                );
            }
        }
        if let Some(prefix) = &self.actor {
            let prefix = prefix.to_uppercase();
            // Each side with the epochs, so that each can read its index.
            c.add(
                &format!(
                    "(({epoch} AND e.actor1_code >= ? AND e.actor1_code < ?)
                      OR ({epoch} AND e.actor2_code >= ? AND e.actor2_code < ?))"
                ),
                [
                    text(&prefix),
                    SqlValue::Text(prefix_end(&prefix)),
                    text(&prefix),
                    SqlValue::Text(prefix_end(&prefix)),
                ],
            );
        }
        if let Some(country) = &self.country {
            c.add(
                &format!(
                    "e.event_key IN (SELECT event_key FROM event_countries
                         WHERE {} AND country = ? AND date BETWEEN ? AND ?)",
                    epochs.condition("epoch")
                ),
                [
                    text(&country.to_uppercase()),
                    SqlValue::Integer(from),
                    SqlValue::Integer(to),
                ],
            );
        }
        if let Some(entity) = &self.entity {
            c.add(
                "(e.actor1_name LIKE ? OR e.actor2_name LIKE ?)",
                [like(entity), like(entity)],
            );
        }
        if let Some(code) = &self.cameo {
            c.add(
                "e.cameo_code >= ? AND e.cameo_code < ?",
                [text(code), SqlValue::Text(prefix_end(code))],
            );
        }
        if let Some(plover) = &self.plover {
            c.add("e.plover_type = ?", [text(&plover.to_uppercase())]);
        }
        if let Some(quad) = self.quad {
            c.add("e.quad = ?", [SqlValue::Integer(i64::from(quad))]);
        }
        if let Some(place) = &self.place {
            c.add("e.place_name LIKE ?", [like(place)]);
        }
        if let Some(country) = &self.place_country {
            c.add("e.place_country = ?", [text(&country.to_uppercase())]);
        }
        if !self.all_modalities {
            if self.modality.is_empty() {
                c.add("e.modality NOT IN ('negated', 'conditional')", []);
            } else {
                let marks = vec!["?"; self.modality.len()].join(", ");
                c.add(
                    &format!("e.modality IN ({marks})"),
                    self.modality.iter().map(|m| text(&m.to_lowercase())),
                );
            }
        }
        if let Some(query) = &self.text {
            c.add(
                "e.event_key IN (SELECT m.event_key FROM evidence_fts f JOIN mentions m
                     ON m.sentence_key = f.rowid WHERE evidence_fts MATCH ?)",
                [text(query)],
            );
        }
        c
    }

    /// The conditions, for dated events only. (Said only when no date bound says it: SQLite takes a
    /// `date IS NOT NULL` next to a date range as the range's lower bound, and reads each epoch's index
    /// from its start.)
    fn dated_conditions(&self, epochs: Epochs) -> Conditions {
        let mut c = self.conditions(epochs);
        if self.from.is_none() && self.to.is_none() {
            c.add("e.date IS NOT NULL", []);
        }
        c
    }

    /// The WHERE clause on the events table (alias `e`) of a store whose epochs are `epochs`, and its
    /// parameters.
    pub(crate) fn sql_conditions(&self, epochs: Epochs) -> (String, Vec<SqlValue>) {
        let c = self.conditions(epochs);
        (c.clause(), c.params)
    }

    /// Whether the filter has only dates, source and target code prefixes, and the default modalities.
    fn only_dyads_and_dates(&self) -> bool {
        self.actor.is_none()
            && self.country.is_none()
            && self.entity.is_none()
            && self.cameo.is_none()
            && self.plover.is_none()
            && self.quad.is_none()
            && self.place.is_none()
            && self.place_country.is_none()
            && self.modality.is_empty()
            && !self.all_modalities
            && self.text.is_none()
    }

    /// Whether the filter takes whole months, source and target code prefixes and the default modalities:
    /// the filters whose counts are sums over dated events with the Goldstein score of an unscored event
    /// taken as 0 (and its mean the sum over the count), as the aggregate tables have always given them.
    fn whole_month_counts(&self) -> bool {
        let whole_months = self.from.is_none_or(|d| d.day() == 1)
            && self.to.is_none_or(|d| d == d.last_of_month());
        whole_months && self.only_dyads_and_dates()
    }
}

/// The Goldstein sum and mean of a group of events (alias `e`): as the aggregate tables give them
/// (unscored events count 0 in the sum and in the mean's divisor) or as SQL aggregates do.
fn goldstein_sql(counts: bool) -> (&'static str, &'static str) {
    if counts {
        (
            "sum(coalesce(e.goldstein, 0.0))",
            "sum(coalesce(e.goldstein, 0.0)) / count(*)",
        )
    } else {
        ("coalesce(sum(e.goldstein), 0)", "avg(e.goldstein)")
    }
}

/// Counts of a dyad's (or an actor's) events: how many, their Goldstein sum, how many in each QuadClass.
#[derive(Debug, Default, Clone, Copy)]
struct Sums {
    events: i64,
    goldstein: f64,
    quads: [i64; 4],
}

impl Sums {
    fn add(&mut self, other: &Sums) {
        self.events += other.events;
        self.goldstein += other.goldstein;
        for (sum, quad) in self.quads.iter_mut().zip(other.quads) {
            *sum += quad;
        }
    }
}

/// The `limit` best rows by events (most first), then by name: a heap whose top is the worst kept row.
struct Top<N> {
    limit: usize,
    heap: std::collections::BinaryHeap<Ranked<N>>,
}

/// A row of [`Top`], ordered worst first.
struct Ranked<N> {
    events: i64,
    name: N,
    sums: Sums,
}

impl<N: Ord> Ord for Ranked<N> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .events
            .cmp(&self.events)
            .then_with(|| self.name.cmp(&other.name))
    }
}

impl<N: Ord> PartialOrd for Ranked<N> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<N: Ord> PartialEq for Ranked<N> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl<N: Ord> Eq for Ranked<N> {}

impl<N: Ord> Top<N> {
    fn new(limit: usize) -> Top<N> {
        Top {
            limit,
            heap: std::collections::BinaryHeap::new(),
        }
    }

    /// Whether a row with `events` events may be kept (cheap: before its name is made).
    fn admits(&self, events: i64) -> bool {
        events > 0
            && self.limit > 0
            && (self.heap.len() < self.limit
                || self.heap.peek().is_some_and(|w| events >= w.events))
    }

    fn push(&mut self, name: N, sums: Sums) {
        let row = Ranked {
            events: sums.events,
            name,
            sums,
        };
        if self.heap.len() < self.limit {
            self.heap.push(row);
        } else if self.heap.peek().is_some_and(|worst| row < *worst) {
            self.heap.pop();
            self.heap.push(row);
        }
    }

    /// The kept rows, best first.
    fn into_sorted(self) -> Vec<(N, Sums)> {
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|r| (r.name, r.sums))
            .collect()
    }
}

/// A text column of a row, borrowed.
fn row_str<'r>(row: &'r rusqlite::Row, index: usize) -> Result<&'r str, StoreError> {
    row.get_ref(index)?
        .as_str()
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl Store {
    fn table(&self, sql: &str, params: &[SqlValue]) -> Result<Table, StoreError> {
        let mut statement = self
            .conn
            .prepare(sql)
            .map_err(|e| StoreError::Query(format!("{e}")))?;
        let columns: Vec<String> = statement.column_names().map(str::to_string).collect();
        let width = columns.len();
        let rows = statement
            .query_map(rusqlite::params_from_iter(params.iter()), |row| {
                (0..width)
                    .map(|i| row.get::<_, SqlValue>(i).map(Value::from))
                    .collect::<Result<Vec<_>, _>>()
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Table { columns, rows })
    }

    /// The epoch of the highest event key.
    fn last_epoch(&self) -> Result<i64, StoreError> {
        let last: Option<i64> =
            self.conn
                .query_row("SELECT max(event_key) FROM events", [], |row| row.get(0))?;
        Ok(last.unwrap_or(0) >> EPOCH_BITS)
    }

    /// All the epochs of the stored events.
    pub(crate) fn epochs(&self) -> Result<Epochs, StoreError> {
        Ok(Epochs::All {
            last: self.last_epoch()?,
        })
    }

    /// Deduplicated events matching the filter, by date, at most `limit`.
    pub fn events(&self, filter: &Filter, limit: usize) -> Result<Table, StoreError> {
        const COLUMNS: &str = "e.event_key AS event, e.date, e.precision, e.actor1_code AS source_code,
            e.actor1_name AS source, e.cameo_code AS cameo, e.actor2_code AS target_code,
            e.actor2_name AS target, e.plover_type AS plover, e.quad, e.goldstein, e.place_name AS place,
            e.place_country, e.modality, e.num_mentions AS mentions, e.num_sources AS sources,
            e.num_articles AS articles";
        let last = self.last_epoch()?;
        if filter.text.is_some() || filter.country.is_some() {
            // The full-text search and the country postings run once and list few events.
            let c = filter.conditions(Epochs::All { last });
            let sql = format!(
                "SELECT {COLUMNS} FROM events e {} ORDER BY e.date, e.event_key LIMIT {limit}",
                c.clause()
            );
            return self.table(&sql, &c.params);
        }
        // Each epoch's first events by date come in the order of its date index (which has the columns
        // the usual conditions ask about); the first of all are among them.
        let c = filter.conditions(Epochs::Each);
        let mut statement = self
            .conn
            .prepare(&format!(
                "SELECT e.event_key, e.date FROM events e {} ORDER BY e.date, e.event_key LIMIT {limit}",
                c.clause()
            ))
            .map_err(|e| StoreError::Query(format!("{e}")))?;
        let mut first: Vec<(Option<i64>, i64)> = Vec::new();
        for epoch in 0..=last {
            let mut params = c.params.iter();
            for index in 1..=statement.parameter_count() {
                if statement.parameter_name(index) == Some(":epoch") {
                    statement.raw_bind_parameter(index, epoch)?;
                } else if let Some(value) = params.next() {
                    statement.raw_bind_parameter(index, value)?;
                }
            }
            let mut rows = statement.raw_query();
            while let Some(row) = rows.next()? {
                first.push((row.get(1)?, row.get(0)?));
            }
        }
        first.sort_unstable();
        first.truncate(limit);
        let keys: Vec<String> = first.iter().map(|(_, key)| key.to_string()).collect();
        let sql = format!(
            "SELECT {COLUMNS} FROM events e WHERE e.event_key IN ({}) ORDER BY e.date, e.event_key",
            keys.join(", ")
        );
        self.table(&sql, &[])
    }

    /// Number of deduplicated events matching the filter.
    pub fn count(&self, filter: &Filter) -> Result<u64, StoreError> {
        let c = filter.conditions(self.epochs()?);
        let sql = format!("SELECT count(*) FROM events e {}", c.clause());
        let count: i64 =
            self.conn
                .query_row(&sql, rusqlite::params_from_iter(c.params.iter()), |row| {
                    row.get(0)
                })?;
        Ok(count as u64)
    }

    /// The reports (mentions) of the matching events, at most `limit`.
    pub fn mentions(&self, filter: &Filter, limit: usize) -> Result<Table, StoreError> {
        let c = filter.conditions(self.epochs()?);
        let sql = format!(
            "SELECT m.event_key AS event, m.record_id AS record, d.source_id AS document, d.source,
                 m.date, m.precision, m.cameo_code AS cameo, m.modality, m.confidence, s.text AS sentence
             FROM events e JOIN mentions m ON m.event_key = e.event_key
                 JOIN documents d ON d.doc_key = m.doc_key
                 JOIN sentences s ON s.sentence_key = m.sentence_key
             {} ORDER BY m.event_key, m.mention_key LIMIT {limit}",
            c.clause()
        );
        self.table(&sql, &c.params)
    }

    /// A time series of the matching events: per period, the count, Goldstein sum and mean, and the
    /// count per QuadClass.
    pub fn series(&self, filter: &Filter, period: Period) -> Result<Table, StoreError> {
        let c = filter.dated_conditions(self.epochs()?);
        let bucket = match period {
            Period::Day => "e.date",
            Period::Week => "(e.day_start + 3) / 7",
            Period::Month => "e.date / 100",
        };
        // A dyad's months have always been summed as the aggregate tables sum them.
        let counts = period == Period::Month
            && filter.whole_month_counts()
            && (filter.source.is_some() || filter.target.is_some());
        let (goldstein_sum, goldstein_mean) = goldstein_sql(counts);
        let sql = format!(
            "SELECT {bucket} AS period, count(*) AS events, {goldstein_sum} AS goldstein_sum,
                 {goldstein_mean} AS goldstein_mean, sum(e.quad = 1) AS quad1, sum(e.quad = 2) AS quad2,
                 sum(e.quad = 3) AS quad3, sum(e.quad = 4) AS quad4
             FROM events e {} GROUP BY period ORDER BY period",
            c.clause()
        );
        let mut table = self.table(&sql, &c.params)?;
        for row in &mut table.rows {
            if let Value::Int(bucket) = row[0] {
                row[0] = Value::Text(period_label(period, bucket));
            }
        }
        Ok(table)
    }

    /// Calls `each` on every (source, target) pair, with its sums, under a filter that
    /// [`Filter::whole_month_counts`] accepts: the whole years of its dates from `dyad_years` (and the
    /// changes not folded in yet), the other months summed from the date index.
    fn dyad_counts(
        &self,
        filter: &Filter,
        mut each: impl FnMut(&str, &str, Sums),
    ) -> Result<(), StoreError> {
        let (from, to) = filter.date_bounds();
        // The whole years between the bounds (all of them without bounds).
        let first = if filter.from.is_none() || from % 10_000 == 101 {
            from / 10_000
        } else {
            from / 10_000 + 1
        };
        let last = if filter.to.is_none() || to % 10_000 == 1231 {
            to / 10_000
        } else {
            to / 10_000 - 1
        };
        let months: Vec<(i64, i64)> = if first > last {
            vec![(from, to)]
        } else {
            [
                (from, (first - 1) * 10_000 + 1231),
                ((last + 1) * 10_000 + 101, to),
            ]
            .into_iter()
            .filter(|(lo, hi)| lo <= hi)
            .collect()
        };
        let mut conditions = String::new();
        let mut params = Vec::new();
        for (column, prefix) in [("actor1", &filter.source), ("actor2", &filter.target)] {
            if let Some(prefix) = prefix {
                let prefix = prefix.to_uppercase();
                conditions.push_str(&format!(" AND {column} >= ? AND {column} < ?"));
                params.push(text(&prefix));
                params.push(SqlValue::Text(prefix_end(&prefix)));
            }
        }
        let sums = |row: &rusqlite::Row| -> rusqlite::Result<Sums> {
            Ok(Sums {
                events: row.get(2)?,
                goldstein: row.get(3)?,
                quads: [row.get(4)?, row.get(5)?, row.get(6)?, row.get(7)?],
            })
        };
        // What the folded years do not hold, per pair (keys "source\x1ftarget"): the changes not folded
        // in and the months outside whole years.
        let mut extra: HashMap<String, Sums> = HashMap::new();
        let mut key = String::new();
        let mut add = |source: &str, target: &str, more: &Sums| {
            key.clear();
            key.push_str(source);
            key.push('\x1f');
            key.push_str(target);
            match extra.get_mut(key.as_str()) {
                Some(total) => total.add(more),
                None => {
                    extra.insert(key.clone(), *more);
                }
            }
        };
        if first <= last {
            let mut statement = self.conn.prepare(&format!(
                "SELECT actor1, actor2, events, goldstein, quad1, quad2, quad3, quad4 FROM dyad_years_recent
                 WHERE year BETWEEN {first} AND {last}{conditions}"
            ))?;
            let mut rows = statement.query(rusqlite::params_from_iter(params.iter()))?;
            while let Some(row) = rows.next()? {
                add(row_str(row, 0)?, row_str(row, 1)?, &sums(row)?);
            }
        }
        let epochs = self.epochs()?;
        for (lo, hi) in months {
            let part = Filter {
                from: crate::number_date(lo),
                to: crate::number_date(hi),
                ..filter.clone()
            };
            let c = part.dated_conditions(epochs);
            let mut statement = self.conn.prepare(&format!(
                "SELECT coalesce(e.actor1_code, ''), coalesce(e.actor2_code, ''), e.quad, e.goldstein
                 FROM events e {}",
                c.clause()
            ))?;
            let mut rows = statement.query(rusqlite::params_from_iter(c.params.iter()))?;
            while let Some(row) = rows.next()? {
                let quad: i64 = row.get(2)?;
                let one = Sums {
                    events: 1,
                    goldstein: row.get::<_, Option<f64>>(3)?.unwrap_or(0.0),
                    quads: std::array::from_fn(|i| i64::from(quad == i as i64 + 1)),
                };
                add(row_str(row, 0)?, row_str(row, 1)?, &one);
            }
        }
        if first <= last {
            // One row per pair for one year (in key order), else summed.
            let sql = if first == last {
                format!(
                    "SELECT actor1, actor2, events, goldstein, quad1, quad2, quad3, quad4 FROM dyad_years
                     WHERE year = {first}{conditions}"
                )
            } else {
                format!(
                    "SELECT actor1, actor2, sum(events), sum(goldstein), sum(quad1), sum(quad2), sum(quad3),
                         sum(quad4) FROM dyad_years WHERE year BETWEEN {first} AND {last}{conditions}
                     GROUP BY actor1, actor2"
                )
            };
            let mut statement = self.conn.prepare(&sql)?;
            let mut rows = statement.query(rusqlite::params_from_iter(params.iter()))?;
            while let Some(row) = rows.next()? {
                let (source, target) = (row_str(row, 0)?, row_str(row, 1)?);
                let mut total = sums(row)?;
                if !extra.is_empty() {
                    key.clear();
                    key.push_str(source);
                    key.push('\x1f');
                    key.push_str(target);
                    if let Some(more) = extra.remove(key.as_str()) {
                        total.add(&more);
                    }
                }
                each(source, target, total);
            }
        }
        for (key, total) in &extra {
            if let Some((source, target)) = key.split_once('\x1f') {
                each(source, target, *total);
            }
        }
        Ok(())
    }

    /// The actors with the most events on the given side.
    pub fn top_actors(
        &self,
        filter: &Filter,
        side: Side,
        limit: usize,
    ) -> Result<Table, StoreError> {
        let columns = vec![
            "actor".to_string(),
            "events".to_string(),
            "goldstein_mean".to_string(),
        ];
        if filter.whole_month_counts() {
            let mut actors: HashMap<String, Sums> = HashMap::new();
            let mut count = |actor: &str, sums: &Sums| {
                if actor.is_empty() {
                    return;
                }
                match actors.get_mut(actor) {
                    Some(total) => total.add(sums),
                    None => {
                        actors.insert(actor.to_string(), *sums);
                    }
                }
            };
            self.dyad_counts(filter, |source, target, sums| {
                if side != Side::Target {
                    count(source, &sums);
                }
                if side != Side::Source {
                    count(target, &sums);
                }
            })?;
            let mut top = Top::new(limit);
            for (actor, sums) in actors {
                if top.admits(sums.events) {
                    top.push(actor, sums);
                }
            }
            let rows = top
                .into_sorted()
                .into_iter()
                .map(|(actor, s)| {
                    vec![
                        Value::Text(actor),
                        Value::Int(s.events),
                        Value::Real(s.goldstein / s.events as f64),
                    ]
                })
                .collect();
            return Ok(Table { columns, rows });
        }
        let c = filter.conditions(self.epochs()?);
        let selected: &[&str] = match side {
            Side::Source => &["e.actor1_code"],
            Side::Target => &["e.actor2_code"],
            Side::Any => &["e.actor1_code", "e.actor2_code"],
        };
        let union = selected
            .iter()
            .map(|column| {
                format!(
                    "SELECT {column} AS actor, e.goldstein FROM events e {} {} {column} IS NOT NULL",
                    c.clause(),
                    if c.sql.is_empty() { "WHERE" } else { "AND" }
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let params: Vec<SqlValue> = selected.iter().flat_map(|_| c.params.clone()).collect();
        let sql = format!(
            "SELECT actor, count(*) AS events, avg(goldstein) AS goldstein_mean FROM ({union})
             GROUP BY actor ORDER BY events DESC, actor LIMIT {limit}"
        );
        self.table(&sql, &params)
    }

    /// The (source, target) pairs with the most events: count, Goldstein sum and mean, QuadClass counts.
    /// Also the network's directed edges.
    pub fn top_dyads(&self, filter: &Filter, limit: usize) -> Result<Table, StoreError> {
        if filter.whole_month_counts() {
            let mut top = Top::new(limit);
            self.dyad_counts(filter, |source, target, sums| {
                if top.admits(sums.events) && !source.is_empty() && !target.is_empty() {
                    top.push((source.to_string(), target.to_string()), sums);
                }
            })?;
            let ranked = top.into_sorted();
            let columns = [
                "source",
                "target",
                "events",
                "goldstein_sum",
                "goldstein_mean",
                "quad1",
                "quad2",
                "quad3",
                "quad4",
            ];
            let rows = ranked
                .into_iter()
                .map(|((source, target), s)| {
                    let mut row = vec![
                        Value::Text(source),
                        Value::Text(target),
                        Value::Int(s.events),
                        Value::Real(s.goldstein),
                        Value::Real(s.goldstein / s.events as f64),
                    ];
                    row.extend(s.quads.map(Value::Int));
                    row
                })
                .collect();
            return Ok(Table {
                columns: columns.map(str::to_string).to_vec(),
                rows,
            });
        }
        let c = filter.conditions(self.epochs()?);
        let sql = format!(
            "SELECT e.actor1_code AS source, e.actor2_code AS target, count(*) AS events,
                 coalesce(sum(e.goldstein), 0) AS goldstein_sum, avg(e.goldstein) AS goldstein_mean,
                 sum(e.quad = 1) AS quad1, sum(e.quad = 2) AS quad2, sum(e.quad = 3) AS quad3,
                 sum(e.quad = 4) AS quad4
             FROM events e {} {} e.actor1_code IS NOT NULL AND e.actor2_code IS NOT NULL
             GROUP BY source, target ORDER BY events DESC, source, target LIMIT {limit}",
            c.clause(),
            if c.sql.is_empty() { "WHERE" } else { "AND" }
        );
        self.table(&sql, &c.params)
    }

    /// Events per country (of an actor or of the place), most first.
    pub fn countries(&self, filter: &Filter, limit: usize) -> Result<Table, StoreError> {
        let c = filter.dated_conditions(self.epochs()?);
        // Each dated event once per country it concerns (its first actor's, its first recipient's, its
        // place's, each counted once), as its country postings list it.
        let sql = format!(
            "SELECT country, count(*) AS events, avg(goldstein) AS goldstein_mean, sum(quad = 1) AS quad1,
                 sum(quad = 2) AS quad2, sum(quad = 3) AS quad3, sum(quad = 4) AS quad4
             FROM (SELECT CASE k.n WHEN 1 THEN e.actor1_country
                              WHEN 2 THEN nullif(e.actor2_country, e.actor1_country)
                              WHEN 3 THEN CASE WHEN e.place_country IS e.actor1_country
                                  OR e.place_country IS e.actor2_country THEN NULL ELSE e.place_country END
                          END AS country, e.goldstein, e.quad
                   FROM events e CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) k
                   {})
             WHERE country IS NOT NULL
             GROUP BY country ORDER BY events DESC, country LIMIT {limit}",
            c.clause()
        );
        self.table(&sql, &c.params)
    }
}

/// The label of a series bucket: 2015-08-03, 2015-W32 (its Monday's date), 2015-08.
fn period_label(period: Period, bucket: i64) -> String {
    match period {
        Period::Day => crate::number_date(bucket).map_or(bucket.to_string(), |d| d.to_string()),
        Period::Week => day_date(bucket * 7 - 3).map_or(bucket.to_string(), |d| d.to_string()),
        Period::Month => format!("{:04}-{:02}", bucket / 100, bucket % 100),
    }
}
