//! `dyad eval`: scores dyad's coding against gold files in five formats and reports every figure with the
//! counts behind it and a bootstrap 95% interval (see `docs/evaluation.md`):
//!
//! - `petrarch`: PETRARCH validation records (XML), scored the PETRARCH way (exact event multisets);
//! - `plover`: the PLOVER gold standard records (JSONL): event type, actor/recipient countries, triples;
//! - `case2021`: CASE 2021 task 2 snippets (TSV) with their subtypes mapped to PLOVER types;
//! - `actors`: NGEC actor-resolution cases (TSV) run through dyad's phrase coder;
//! - `conflibert-quad`: ConfliBERT's CAMEO quad-class sentences (TSV).
//!
//! `--all` runs each format on its default file under the shared data directory, prints one table, and
//! with `--baseline` fails (exit 1) when a figure falls below its baseline by more than the noise
//! `max(0.01, half the baseline's interval width)`.

mod actors;
mod case2021;
mod conflibert;
mod petrarch;
mod plover;
pub mod stats;

use crate::DictArgs;
use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use dyad_coder::event::EventActor;
use dyad_coder::{Coded, Coder, Event, Scratch};
use dyad_dict::Compiled;
use dyad_text::{Analyzer, Document, Origin};
use rayon::prelude::*;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{Value, json};
use stats::Metric;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Instant;

/// The gold formats `dyad eval` reads.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// PETRARCH validation records (`<Sentence>`/`<EventCoding>` XML).
    Petrarch,
    /// PLOVER gold standard records (JSONL).
    Plover,
    /// CASE 2021 task 2 event snippets (TSV: id, EventSnippet, SubType).
    Case2021,
    /// NGEC actor-resolution test cases (TSV: test, method, text, context, date, expected).
    Actors,
    /// ConfliBERT CAMEO quad-class sentences (TSV: sentence, class 0-4).
    ConflibertQuad,
}

impl Format {
    /// Every format, in report order.
    pub const ALL: [Format; 5] = [
        Format::Petrarch,
        Format::Plover,
        Format::Case2021,
        Format::Actors,
        Format::ConflibertQuad,
    ];

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Format::Petrarch => "petrarch",
            Format::Plover => "plover",
            Format::Case2021 => "case2021",
            Format::Actors => "actors",
            Format::ConflibertQuad => "conflibert-quad",
        }
    }

    /// The default gold file, relative to the shared data directory.
    pub fn default_file(self) -> &'static str {
        match self {
            Format::Petrarch => "petrarch/PETR.UnitTest.records.xml",
            Format::Plover => "gold/plover_gsr/plover_gsr.jsonl",
            Format::Case2021 => "gold/case2021_task2/case2021_task2.tsv",
            Format::Actors => "gold/ngec_actor_tests/ngec_actor_tests.tsv",
            Format::ConflibertQuad => "gold/conflibert_cameo_class/train.tsv",
        }
    }
}

/// Arguments of `dyad eval`.
#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Gold file format.
    #[arg(
        long,
        value_enum,
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    format: Option<Format>,
    /// Gold file (default: the format's file under the shared data directory).
    #[arg(value_name = "GOLD_FILE")]
    gold: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Show the N worst cases, with dyad's output beside the gold.
    #[arg(long, value_name = "N", default_value_t = 0)]
    show_errors: usize,
    /// Run every format on its default file and print one table.
    #[arg(long, conflicts_with = "gold")]
    all: bool,
    /// With --all: compare each figure to this baseline and exit 1 on a drop beyond the noise.
    #[arg(long, value_name = "FILE", requires = "all")]
    baseline: Option<PathBuf>,
    /// With --all: write the current figures as a baseline.
    #[arg(long, value_name = "FILE", requires = "all")]
    write_baseline: Option<PathBuf>,
    /// Shared directory holding `data/` (or the data directory itself); default `../shared`.
    #[arg(long, value_name = "DIR")]
    shared: Option<PathBuf>,
}

/// Options every format's evaluation gets.
pub struct Options {
    /// How many worst cases to keep.
    pub show_errors: usize,
}

/// The dictionaries, loaded once and shared by the formats that use the run's (`--dict`) dictionaries.
pub struct Dicts<'a> {
    args: &'a DictArgs,
    coder: OnceLock<Coder>,
}

impl<'a> Dicts<'a> {
    fn new(args: &'a DictArgs) -> Dicts<'a> {
        Dicts {
            args,
            coder: OnceLock::new(),
        }
    }

    /// The command-line dictionary options.
    pub fn args(&self) -> &DictArgs {
        self.args
    }

    /// A coder over the run's dictionaries (built on first use).
    pub fn coder(&self) -> Result<&Coder> {
        if let Some(coder) = self.coder.get() {
            return Ok(coder);
        }
        let coder = Coder::new(Compiled::build(self.args.load()?));
        Ok(self.coder.get_or_init(|| coder))
    }
}

/// A report's figures, serialised as an object in report order.
#[derive(Debug, Clone, Default)]
pub struct Metrics(pub Vec<(String, Metric)>);

impl Metrics {
    /// Adds a figure.
    pub fn add(&mut self, name: &str, metric: Metric) {
        self.0.push((name.to_string(), metric));
    }
}

impl Serialize for Metrics {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, metric) in &self.0 {
            map.serialize_entry(name, metric)?;
        }
        map.end()
    }
}

/// One gold item dyad got wrong, for `--show-errors`.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorCase {
    /// The item's id.
    pub id: String,
    /// The text dyad read.
    pub text: String,
    /// What the gold says.
    pub gold: String,
    /// What dyad produced.
    pub dyad: String,
    /// How wrong (larger is worse); ties keep file order.
    #[serde(skip)]
    pub badness: f64,
}

/// The result of evaluating one gold file.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Format name.
    pub format: String,
    /// Gold file.
    pub file: String,
    /// Items read.
    pub items: usize,
    /// The figures.
    pub metrics: Metrics,
    /// Format-specific tables (per category, confusion matrix, mappings, skipped cases).
    pub details: Value,
    /// The worst cases (with `--show-errors`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorCase>,
    /// Wall time of the evaluation, in seconds.
    pub seconds: f64,
    /// Human-readable tables printed after the figures.
    #[serde(skip)]
    pub tables: Vec<String>,
}

impl Report {
    fn new(format: Format, file: &Path, items: usize) -> Report {
        Report {
            format: format.name().to_string(),
            file: file.display().to_string(),
            items,
            metrics: Metrics::default(),
            details: json!({}),
            errors: Vec::new(),
            seconds: 0.0,
            tables: Vec::new(),
        }
    }

    /// Keeps the `n` worst of `cases` (stable: ties keep their order).
    fn keep_worst(&mut self, mut cases: Vec<ErrorCase>, n: usize) {
        cases.sort_by(|a, b| b.badness.total_cmp(&a.badness));
        cases.truncate(n);
        self.errors = cases;
    }

    /// The report as text.
    pub fn render(&self) -> String {
        let mut out = format!(
            "dyad eval {}: {} ({} items, {:.2} s)\n",
            self.format, self.file, self.items, self.seconds
        );
        out.push_str(&format!(
            "  {:<32} {:>7}  {:<17} {}\n",
            "metric", "value", "95% CI", "counts"
        ));
        for (name, m) in &self.metrics.0 {
            let arrow = if m.lower_is_better {
                " (lower is better)"
            } else {
                ""
            };
            out.push_str(&format!(
                "  {:<32} {:>7.3}  [{:.3}, {:.3}]    {}{}\n",
                name,
                m.value,
                m.ci_low,
                m.ci_high,
                m.counts(),
                arrow
            ));
        }
        for line in &self.tables {
            out.push_str(line);
            out.push('\n');
        }
        if !self.errors.is_empty() {
            out.push_str(&format!("\n{} worst cases:\n", self.errors.len()));
            for case in &self.errors {
                out.push_str(&format!(
                    "- {}: {}\n    gold: {}\n    dyad: {}\n",
                    case.id,
                    one_line(&case.text, 300),
                    case.gold,
                    case.dyad
                ));
            }
        }
        out
    }
}

/// Shortens text to one line of at most `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        line
    } else {
        format!("{}…", line.chars().take(max).collect::<String>())
    }
}

/// Runs the command.
pub fn run(args: EvalArgs, dicts: &DictArgs) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let data = data_dir(args.shared.as_deref());
    let options = Options {
        show_errors: args.show_errors,
    };
    let dicts = Dicts::new(dicts);
    if args.all {
        return run_all(&args, &data, &dicts, &options);
    }
    let format = args.format.context("give --format FORMAT or --all")?;
    let path = args
        .gold
        .clone()
        .unwrap_or_else(|| data.join(format.default_file()));
    let report = evaluate(format, &path, &dicts, &options)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        print!("{}", report.render());
    }
    Ok(ExitCode::SUCCESS)
}

/// The shared data directory: `DIR/data` when it exists, else `DIR` (default `../shared`).
fn data_dir(shared: Option<&Path>) -> PathBuf {
    let dir = shared.unwrap_or(Path::new("../shared"));
    if dir.join("data").is_dir() {
        dir.join("data")
    } else {
        dir.to_path_buf()
    }
}

/// Evaluates one gold file.
pub fn evaluate(format: Format, path: &Path, dicts: &Dicts, options: &Options) -> Result<Report> {
    let started = Instant::now();
    let mut report = quiet_panics(|| match format {
        Format::Petrarch => petrarch::evaluate(path, dicts, options),
        Format::Plover => plover::evaluate(path, dicts, options),
        Format::Case2021 => case2021::evaluate(path, dicts, options),
        Format::Actors => actors::evaluate(path, dicts, options),
        Format::ConflibertQuad => conflibert::evaluate(path, dicts, options),
    })
    .with_context(|| format!("evaluating {} ({})", path.display(), format.name()))?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// A baseline file: figures by `format.metric`.
#[derive(Debug, Serialize, serde::Deserialize)]
struct Baseline {
    /// How the file was made.
    command: String,
    /// The figures.
    metrics: BTreeMap<String, Metric>,
}

/// How a figure compares with its baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Ok,
    Better,
    Worse,
    Missing,
    New,
}

/// Compares a figure with its baseline: worse when it moved the wrong way by more than
/// `max(0.01, half the baseline interval's width)`.
fn compare(current: &Metric, baseline: &Metric) -> Status {
    let noise = baseline.half_width().max(0.01);
    let delta = if baseline.lower_is_better {
        baseline.value - current.value
    } else {
        current.value - baseline.value
    };
    if delta < -noise {
        Status::Worse
    } else if delta > noise {
        Status::Better
    } else {
        Status::Ok
    }
}

fn run_all(args: &EvalArgs, data: &Path, dicts: &Dicts, options: &Options) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let started = Instant::now();
    let mut reports = Vec::new();
    for format in Format::ALL {
        let path = data.join(format.default_file());
        if !path.exists() {
            bail!(
                "{}: gold file for {} not found (use --shared DIR)",
                path.display(),
                format.name()
            );
        }
        reports.push(evaluate(format, &path, dicts, options)?);
    }
    let seconds = started.elapsed().as_secs_f64();
    let baseline: Option<Baseline> = match &args.baseline {
        Some(path) => Some(
            serde_json::from_str(
                &std::fs::read_to_string(path)
                    .with_context(|| format!("reading {}", path.display()))?,
            )
            .with_context(|| format!("reading baseline {}", path.display()))?,
        ),
        None => None,
    };
    let mut rows = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for report in &reports {
        for (name, metric) in &report.metrics.0 {
            let key = format!("{}.{}", report.format, name);
            let base = baseline.as_ref().and_then(|b| b.metrics.get(&key));
            let status = match (&baseline, base) {
                (None, _) => None,
                (Some(_), None) => Some(Status::New),
                (Some(_), Some(base)) => Some(compare(metric, base)),
            };
            seen.insert(key.clone());
            rows.push((key, Some(metric.clone()), base.cloned(), status));
        }
    }
    if let Some(baseline) = &baseline {
        for (key, base) in baseline.metrics.iter().filter(|(k, _)| !seen.contains(*k)) {
            rows.push((key.clone(), None, Some(base.clone()), Some(Status::Missing)));
        }
    }
    let failed: Vec<&String> = rows
        .iter()
        .filter(|r| matches!(r.3, Some(Status::Worse | Status::Missing)))
        .map(|r| &r.0)
        .collect();
    if args.json {
        let comparison: Vec<Value> = rows
            .iter()
            .filter(|r| r.3.is_some())
            .map(|(key, current, base, status)| {
                json!({"metric": key, "value": current.as_ref().map(|m| m.value), "baseline": base.as_ref().map(|m| m.value), "status": status})
            })
            .collect();
        #[derive(Serialize)]
        struct All<'a> {
            reports: &'a [Report],
            comparison: Vec<Value>,
            failed: &'a [&'a String],
            seconds: f64,
        }
        let all = All {
            reports: &reports,
            comparison,
            failed: &failed,
            seconds,
        };
        writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
    } else {
        print!("{}", render_table(&rows, baseline.is_some()));
        for report in &reports {
            for case in &report.errors {
                writeln!(
                    out,
                    "- [{}] {}: {}\n    gold: {}\n    dyad: {}",
                    report.format,
                    case.id,
                    one_line(&case.text, 300),
                    case.gold,
                    case.dyad
                )?;
            }
        }
        let timing: Vec<String> = reports
            .iter()
            .map(|r| format!("{} {:.2} s", r.format, r.seconds))
            .collect();
        writeln!(out, "total {seconds:.2} s ({})", timing.join(", "))?;
        if baseline.is_some() {
            if failed.is_empty() {
                writeln!(out, "no figure fell below its baseline")?;
            } else {
                writeln!(
                    out,
                    "below baseline: {}",
                    failed
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )?;
            }
        }
    }
    if let Some(path) = &args.write_baseline {
        let mut metrics = BTreeMap::new();
        for report in &reports {
            for (name, metric) in &report.metrics.0 {
                metrics.insert(format!("{}.{}", report.format, name), metric.clone());
            }
        }
        let file = Baseline {
            command: "dyad eval --all --write-baseline FILE (release build)".to_string(),
            metrics,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, serde_json::to_string_pretty(&file)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!(
            "dyad: wrote {} figures to {}",
            file.metrics.len(),
            path.display()
        );
    }
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

type Row = (String, Option<Metric>, Option<Metric>, Option<Status>);

fn render_table(rows: &[Row], with_baseline: bool) -> String {
    let mut out = format!(
        "{:<44} {:>7}  {:<17} {:>11}",
        "metric", "value", "95% CI", "counts"
    );
    if with_baseline {
        out.push_str(&format!("  {:>8} {:>7}  status", "baseline", "change"));
    }
    out.push('\n');
    for (key, current, base, status) in rows {
        let name = match current.as_ref().or(base.as_ref()) {
            Some(m) if m.lower_is_better => format!("{key} ↓"),
            _ => key.clone(),
        };
        match current {
            Some(m) => out.push_str(&format!(
                "{:<44} {:>7.3}  [{:.3}, {:.3}]  {:>11}",
                name,
                m.value,
                m.ci_low,
                m.ci_high,
                m.counts()
            )),
            None => out.push_str(&format!("{:<44} {:>7}  {:<17} {:>11}", name, "-", "", "")),
        }
        if with_baseline {
            let b = base
                .as_ref()
                .map_or("-".to_string(), |b| format!("{:.3}", b.value));
            let change = match (current, base) {
                (Some(c), Some(b)) => format!("{:+.3}", c.value - b.value),
                _ => "-".to_string(),
            };
            let status = status.map_or("", |s| match s {
                Status::Ok => "ok",
                Status::Better => "better",
                Status::Worse => "WORSE",
                Status::Missing => "MISSING",
                Status::New => "new",
            });
            out.push_str(&format!("  {b:>8} {change:>7}  {status}"));
        }
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------------------------------------
// Helpers shared by the formats.

/// A document for one gold item.
pub fn document(
    id: &str,
    text: &str,
    date: Option<jiff::civil::Date>,
    path: &Path,
    record: u64,
) -> Document {
    Document {
        id: id.to_string(),
        title: None,
        text: text.to_string(),
        date,
        url: None,
        source: None,
        origin: Origin {
            path: path.display().to_string(),
            record: Some(record),
        },
    }
}

/// Documents dyad's pipeline panicked on: (index, message). They count as coding nothing.
pub type Failures = Vec<(usize, String)>;

/// Analyses and codes documents in parallel; results are in input order. A document on which the analyser
/// or the coder panics yields no events and is listed in the failures (so one bug does not stop the
/// evaluation; the report shows the failures).
pub fn code_documents(coder: &Coder, docs: &[Document]) -> (Vec<Coded>, Failures) {
    let results: Vec<Result<Coded, String>> = docs
        .par_iter()
        .map_init(
            || (Analyzer::default(), Scratch::default()),
            |state, doc| {
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let (analyzer, scratch) = &mut *state;
                    let analysis = analyzer.analyse(&doc.text);
                    coder.code(doc, &analysis, scratch, false)
                }));
                outcome.map_err(|payload| {
                    *state = (Analyzer::default(), Scratch::default());
                    payload
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_else(|| "panic".to_string())
                })
            },
        )
        .collect();
    let mut failures = Vec::new();
    let coded = results
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            r.unwrap_or_else(|message| {
                failures.push((i, message));
                Coded::default()
            })
        })
        .collect();
    (coded, failures)
}

/// Silences the default panic message while `f` runs (panics are caught and reported by
/// [`code_documents`]); the previous hook is restored afterwards.
fn quiet_panics<T>(f: impl FnOnce() -> T) -> T {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = f();
    std::panic::set_hook(previous);
    result
}

impl Report {
    /// Adds a titled confusion matrix to the printed tables.
    fn push_confusion(&mut self, title: &str, confusion: &stats::Confusion) {
        self.tables.push(format!("  {title}:"));
        self.tables
            .extend(confusion.render().into_iter().map(|l| format!("    {l}")));
    }

    /// Records documents dyad failed on in the details and tables.
    fn note_failures(&mut self, failures: &Failures, docs: &[Document]) {
        if failures.is_empty() {
            return;
        }
        let list: Vec<Value> = failures
            .iter()
            .map(|(i, m)| json!({"id": docs[*i].id, "panic": m}))
            .collect();
        if let Some(details) = self.details.as_object_mut() {
            details.insert("pipeline_panics".to_string(), Value::Array(list));
        }
        self.tables.push(format!(
            "  WARNING: dyad's pipeline panicked on {} item(s), counted as coding nothing; first: {}: {}",
            failures.len(),
            docs[failures[0].0].id,
            one_line(&failures[0].1, 200)
        ));
    }
}

/// An actor's country: its own, else the first three characters of its code (never `---`).
pub fn actor_country(actor: &EventActor) -> Option<String> {
    actor
        .country
        .clone()
        .or_else(|| actor.code.as_ref().map(|c| c.chars().take(3).collect()))
        .filter(|c: &String| c.len() == 3 && c != "---")
}

/// What dyad predicted for an item, as one PLOVER event.
pub enum Pick<'a> {
    /// The highest-confidence event with a PLOVER type.
    Event(&'a Event),
    /// dyad coded events, but only CAMEO 01/02 ones, which have no PLOVER type.
    NoPlover,
    /// dyad coded nothing.
    NoEvent,
}

impl<'a> Pick<'a> {
    /// The highest-confidence event with a PLOVER type (the first one on ties).
    pub fn of(events: &'a [Event]) -> Pick<'a> {
        let mut best: Option<&Event> = None;
        for event in events.iter().filter(|e| e.plover.is_some()) {
            if best.is_none_or(|b| event.confidence > b.confidence) {
                best = Some(event);
            }
        }
        match best {
            Some(event) => Pick::Event(event),
            None if events.is_empty() => Pick::NoEvent,
            None => Pick::NoPlover,
        }
    }

    /// The chosen event, if any.
    pub fn event(&self) -> Option<&'a Event> {
        match self {
            Pick::Event(e) => Some(e),
            _ => None,
        }
    }

    /// The PLOVER type, or `NONE` / `NO-PLOVER`.
    pub fn label(&self) -> &str {
        match self {
            Pick::Event(e) => e
                .plover
                .as_ref()
                .map_or("NO-PLOVER", |p| p.event_type.as_str()),
            Pick::NoPlover => "NO-PLOVER",
            Pick::NoEvent => "NONE",
        }
    }
}

/// One event in a line: `Arnor [ARN] 064 (AGREE) → Gondor [GON] (0.80)`.
pub fn describe_event(event: &Event) -> String {
    let side = |list: &[EventActor]| {
        if list.is_empty() {
            return "-".to_string();
        }
        list.iter()
            .map(|a| format!("{} [{}]", a.text, a.code.as_deref().unwrap_or("?")))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    format!(
        "{} {} ({}) → {} ({:.2})",
        side(&event.actors),
        event.cameo.code,
        event.plover.as_ref().map_or("-", |p| p.event_type.as_str()),
        side(&event.recipients),
        event.confidence
    )
}

/// Every event of an item, `; `-separated, or "no event".
pub fn describe_events(events: &[Event]) -> String {
    if events.is_empty() {
        return "no event".to_string();
    }
    events
        .iter()
        .map(describe_event)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads a tab-separated file: rows of fields (no quoting: tabs and newlines never occur inside fields),
/// with their 1-based line numbers; blank lines and `#` comment lines are passed over.
pub fn read_tsv(path: &Path) -> Result<Vec<(u64, Vec<String>)>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(i, line)| {
            (
                i as u64 + 1,
                line.split('\t')
                    .map(|f| f.trim_end_matches('\r').to_string())
                    .collect(),
            )
        })
        .collect())
}
