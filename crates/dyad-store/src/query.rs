//! Queries over the deduplicated events: one [`Filter`] (dates, actors, countries, entity names, CAMEO and
//! PLOVER classes, QuadClass, place, modality, full-text search over the evidence) and the views analysts
//! ask for: event lists, mentions, dyadic time series, top actors and dyads, network edges, events per
//! country. Every view returns a [`Table`].
//!
//! Speed: lists and series read the events through their indexes (dyad, date, country postings); top
//! actors, top dyads and network edges read the monthly dyad counts when the filter allows (whole months,
//! actor codes, default modalities), otherwise they scan the matching events.

use crate::{Store, StoreError, date_number, day_date};
use jiff::civil::Date;
use rusqlite::types::Value as SqlValue;
use serde::Serialize;

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

    fn conditions(&self) -> Conditions {
        let mut c = Conditions {
            sql: Vec::new(),
            params: Vec::new(),
        };
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
            c.add(
                "((e.actor1_code >= ? AND e.actor1_code < ?) OR (e.actor2_code >= ? AND e.actor2_code < ?))",
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
                "e.event_key IN (SELECT event_key FROM event_countries WHERE country = ? AND date BETWEEN ? AND ?)",
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

    /// The WHERE clause on the events table (alias `e`) and its parameters.
    pub(crate) fn sql_conditions(&self) -> (String, Vec<SqlValue>) {
        let c = self.conditions();
        (c.clause(), c.params)
    }

    /// Whether the monthly dyad counts answer this filter exactly: only whole-month dates, source and
    /// target code prefixes, and the default modalities.
    fn monthly_counts_suffice(&self) -> bool {
        let whole_months = self.from.is_none_or(|d| d.day() == 1)
            && self.to.is_none_or(|d| d == d.last_of_month());
        whole_months
            && self.actor.is_none()
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

    /// Deduplicated events matching the filter, by date, at most `limit`.
    pub fn events(&self, filter: &Filter, limit: usize) -> Result<Table, StoreError> {
        let c = filter.conditions();
        let sql = format!(
            "SELECT e.event_key AS event, e.date, e.precision, e.actor1_code AS source_code,
                 e.actor1_name AS source, e.cameo_code AS cameo, e.actor2_code AS target_code,
                 e.actor2_name AS target, e.plover_type AS plover, e.quad, e.goldstein,
                 e.place_name AS place, e.place_country, e.modality, e.num_mentions AS mentions,
                 e.num_sources AS sources, e.num_articles AS articles
             FROM events e {} ORDER BY e.date, e.event_key LIMIT {limit}",
            c.clause()
        );
        self.table(&sql, &c.params)
    }

    /// Number of deduplicated events matching the filter.
    pub fn count(&self, filter: &Filter) -> Result<u64, StoreError> {
        let c = filter.conditions();
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
        let c = filter.conditions();
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
        if period == Period::Month
            && filter.monthly_counts_suffice()
            && (filter.source.is_some() || filter.target.is_some())
        {
            let (from, to) = filter.date_bounds();
            let (c, params) = monthly_conditions(filter, from, to);
            let sql = format!(
                "SELECT month AS period, sum(events) AS events, sum(goldstein) AS goldstein_sum,
                     sum(goldstein) / sum(events) AS goldstein_mean, sum(quad1) AS quad1,
                     sum(quad2) AS quad2, sum(quad3) AS quad3, sum(quad4) AS quad4
                 FROM dyad_months {c} GROUP BY month HAVING sum(events) > 0 ORDER BY month"
            );
            let mut table = self.table(&sql, &params)?;
            for row in &mut table.rows {
                if let Value::Int(bucket) = row[0] {
                    row[0] = Value::Text(period_label(period, bucket));
                }
            }
            return Ok(table);
        }
        let c = filter.conditions();
        let bucket = match period {
            Period::Day => "e.date",
            Period::Week => "(e.day_start + 3) / 7",
            Period::Month => "e.date / 100",
        };
        let sql = format!(
            "SELECT {bucket} AS period, count(*) AS events, coalesce(sum(e.goldstein), 0) AS goldstein_sum,
                 avg(e.goldstein) AS goldstein_mean, sum(e.quad = 1) AS quad1, sum(e.quad = 2) AS quad2,
                 sum(e.quad = 3) AS quad3, sum(e.quad = 4) AS quad4
             FROM events e {} {} GROUP BY period ORDER BY period",
            c.clause(),
            if c.sql.is_empty() { "WHERE" } else { "AND" }.to_string() + " e.date IS NOT NULL"
        );
        let mut table = self.table(&sql, &c.params)?;
        for row in &mut table.rows {
            if let Value::Int(bucket) = row[0] {
                row[0] = Value::Text(period_label(period, bucket));
            }
        }
        Ok(table)
    }

    /// The actors with the most events on the given side.
    pub fn top_actors(
        &self,
        filter: &Filter,
        side: Side,
        limit: usize,
    ) -> Result<Table, StoreError> {
        if filter.monthly_counts_suffice() {
            let (from, to) = filter.date_bounds();
            let (c, params) = monthly_conditions(filter, from, to);
            let sides: &[&str] = match side {
                Side::Source => &["actor1"],
                Side::Target => &["actor2"],
                Side::Any => &["actor1", "actor2"],
            };
            let union = sides
                .iter()
                .map(|column| {
                    format!(
                        "SELECT {column} AS actor, events, goldstein FROM dyad_months {c} AND {column} <> ''"
                    )
                })
                .collect::<Vec<_>>()
                .join(" UNION ALL ");
            let params: Vec<SqlValue> = sides.iter().flat_map(|_| params.clone()).collect();
            let sql = format!(
                "SELECT actor, sum(events) AS events, sum(goldstein) / sum(events) AS goldstein_mean
                 FROM ({union}) GROUP BY actor HAVING sum(events) > 0
                 ORDER BY events DESC, actor LIMIT {limit}"
            );
            return self.table(&sql, &params);
        }
        let c = filter.conditions();
        let columns: &[&str] = match side {
            Side::Source => &["e.actor1_code"],
            Side::Target => &["e.actor2_code"],
            Side::Any => &["e.actor1_code", "e.actor2_code"],
        };
        let union = columns
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
        let params: Vec<SqlValue> = columns.iter().flat_map(|_| c.params.clone()).collect();
        let sql = format!(
            "SELECT actor, count(*) AS events, avg(goldstein) AS goldstein_mean FROM ({union})
             GROUP BY actor ORDER BY events DESC, actor LIMIT {limit}"
        );
        self.table(&sql, &params)
    }

    /// The (source, target) pairs with the most events: count, Goldstein sum and mean, QuadClass counts.
    /// Also the network's directed edges.
    pub fn top_dyads(&self, filter: &Filter, limit: usize) -> Result<Table, StoreError> {
        if filter.monthly_counts_suffice() {
            let (from, to) = filter.date_bounds();
            let (c, params) = monthly_conditions(filter, from, to);
            let sql = format!(
                "SELECT actor1 AS source, actor2 AS target, sum(events) AS events,
                     sum(goldstein) AS goldstein_sum, sum(goldstein) / sum(events) AS goldstein_mean,
                     sum(quad1) AS quad1, sum(quad2) AS quad2, sum(quad3) AS quad3, sum(quad4) AS quad4
                 FROM dyad_months {c} AND actor1 <> '' AND actor2 <> ''
                 GROUP BY actor1, actor2 HAVING sum(events) > 0
                 ORDER BY events DESC, source, target LIMIT {limit}"
            );
            return self.table(&sql, &params);
        }
        let c = filter.conditions();
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
        let c = filter.conditions();
        let (from, to) = filter.date_bounds();
        let sql = format!(
            "SELECT k.country, count(*) AS events, avg(e.goldstein) AS goldstein_mean,
                 sum(e.quad = 1) AS quad1, sum(e.quad = 2) AS quad2, sum(e.quad = 3) AS quad3,
                 sum(e.quad = 4) AS quad4
             FROM event_countries k JOIN events e ON e.event_key = k.event_key
             {} {} k.date BETWEEN ? AND ?
             GROUP BY k.country ORDER BY events DESC, k.country LIMIT {limit}",
            c.clause(),
            if c.sql.is_empty() { "WHERE" } else { "AND" }
        );
        // The date bounds come last in the SQL text.
        let mut params = c.params;
        params.extend([SqlValue::Integer(from), SqlValue::Integer(to)]);
        self.table(&sql, &params)
    }
}

/// Conditions on `dyad_months` for a filter that [`Filter::monthly_counts_suffice`] accepts.
fn monthly_conditions(filter: &Filter, from: i64, to: i64) -> (String, Vec<SqlValue>) {
    // With actor prefixes the (actor1, actor2, month) index leads; `+month` keeps the planner off the
    // month-first primary key, which would scan every dyad of the period.
    let month = if filter.source.is_some() || filter.target.is_some() {
        "+month"
    } else {
        "month"
    };
    let mut sql = vec![format!("{month} BETWEEN ? AND ?")];
    let mut params = vec![SqlValue::Integer(from / 100), SqlValue::Integer(to / 100)];
    for (column, prefix) in [("actor1", &filter.source), ("actor2", &filter.target)] {
        if let Some(prefix) = prefix {
            let prefix = prefix.to_uppercase();
            sql.push(format!("{column} >= ? AND {column} < ?"));
            params.push(text(&prefix));
            params.push(SqlValue::Text(prefix_end(&prefix)));
        }
    }
    (format!("WHERE {}", sql.join(" AND ")), params)
}

/// The label of a series bucket: 2015-08-03, 2015-W32 (its Monday's date), 2015-08.
fn period_label(period: Period, bucket: i64) -> String {
    match period {
        Period::Day => crate::number_date(bucket).map_or(bucket.to_string(), |d| d.to_string()),
        Period::Week => day_date(bucket * 7 - 3).map_or(bucket.to_string(), |d| d.to_string()),
        Period::Month => format!("{:04}-{:02}", bucket / 100, bucket % 100),
    }
}
