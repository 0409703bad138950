//! PETRARCH validation records: `<Sentence date id category>` elements with `<EventCoding sourcecode
//! targetcode eventcode>` (or `noevents="True"`, or `error="…"`), a `<Text>` (what dyad reads) and a
//! `<Parse>` (ignored), an `<Environment>` naming the dictionaries, and `<Config option value>` directives
//! that apply, in document order, to the records after them.
//!
//! Scoring follows PETRARCH (`make_event_strings` in PETRARCH-1/2): each event is expanded into
//! (source, target, event) triples, every source code × every target code (compound codes `A/B` split into
//! their parts), skipping self-references (same code); a missing side is `---`; with `require_dyad` (the default) triples with a `---` side are dropped;
//! duplicates are removed. A record passes when its triples equal the expected ones exactly (as multisets);
//! `noevents` and `error` records (including `sentencediscard`/`storydiscard`) pass when dyad codes
//! nothing. Config options honoured: `require_dyad`, and `new_actor_length` (an actor without a code whose
//! text has at most that many words is coded as its upper-cased text in quotes, as TABARI/PETRARCH do;
//! 0 = never). The `comma_*` options tune PETRARCH's parse-tree comma handling and `stop_on_error` its
//! driver: they do not apply to dyad and are listed as ignored.

use super::stats::{Prf, Resamples, prf_metrics, share};
use super::{Dicts, ErrorCase, Format, Options, Report, code_documents, describe_events, document};
use anyhow::{Context, Result, bail};
use dyad_coder::event::EventActor;
use dyad_coder::{Coder, Event};
use dyad_dict::Compiled;
use jiff::civil::Date;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// One (source, target, event) triple.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Triple {
    /// Source actor code (`---` when missing).
    pub source: String,
    /// Target actor code (`---` when missing).
    pub target: String,
    /// CAMEO event code.
    pub event: String,
}

impl std::fmt::Display for Triple {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {}", self.source, self.target, self.event)
    }
}

/// What a record expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// These events (possibly none).
    Events(Vec<Triple>),
    /// `noevents="True"`.
    NoEvents,
    /// `error="…"` (`storydiscard`, `sentencediscard`, `dateline`, `bad_input_parse`…): no events.
    Error(String),
}

impl Expected {
    /// The triples a passing coder produces.
    pub fn triples(&self) -> &[Triple] {
        match self {
            Expected::Events(triples) => triples,
            _ => &[],
        }
    }

    fn kind(&self) -> &str {
        match self {
            Expected::Events(t) if t.is_empty() => "noevents",
            Expected::Events(_) => "events",
            Expected::NoEvents => "noevents",
            Expected::Error(e) if e.contains("discard") => "discard",
            Expected::Error(_) => "error",
        }
    }
}

/// The Config options in force for a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordConfig {
    /// Drop events with a missing source or target.
    pub require_dyad: bool,
    /// Longest text (in words) of an actor without a code that is coded as its own text (0: never).
    pub new_actor_length: usize,
}

impl Default for RecordConfig {
    /// PETRARCH's defaults (`PETR_config.ini`).
    fn default() -> Self {
        RecordConfig {
            require_dyad: true,
            new_actor_length: 0,
        }
    }
}

/// One validation record.
#[derive(Debug, Clone)]
pub struct Record {
    /// `id` attribute.
    pub id: String,
    /// `category` attribute.
    pub category: String,
    /// `date` attribute (YYYYMMDD).
    pub date: Option<Date>,
    /// The `<Text>`, whitespace collapsed.
    pub text: String,
    /// What the record expects.
    pub expected: Expected,
    /// Options in force.
    pub config: RecordConfig,
    /// Line of the `<Sentence>` tag.
    pub line: u64,
}

/// The `<Environment>` block.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// Dictionary elements (`Verbfile`, `Actorfile`, …) and their file names, in order.
    pub dictionaries: Vec<(String, String)>,
    /// The `<Include>` categories.
    pub include: Vec<String>,
}

/// The parsed file.
#[derive(Debug, Clone, Default)]
pub struct Validation {
    /// The environment.
    pub environment: Environment,
    /// The records, in file order.
    pub records: Vec<Record>,
    /// Config options read but not applicable to dyad, with how often they were set.
    pub ignored_options: BTreeMap<String, usize>,
}

/// A tag: `<name attr="value" …>`, `</name>` or `<name …/>`.
#[derive(Debug)]
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    attrs: Vec<(String, String)>,
    start: usize,
    end: usize,
}

impl Tag<'_> {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Decodes the XML entities the files use.
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The next tag at or after `from`, passing over comments, declarations and stray `<`.
fn next_tag(xml: &str, mut from: usize) -> Option<Tag<'_>> {
    let bytes = xml.as_bytes();
    loop {
        let start = from + xml[from..].find('<')?;
        let rest = &xml[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            from = start + 4 + comment.find("-->").map_or(comment.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            from = start + rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        let mut i = start + 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'-' | b':' | b'.'))
        {
            i += 1;
        }
        if i == name_start {
            from = start + 1;
            continue;
        }
        let name = &xml[name_start..i];
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                None => {
                    return Some(Tag {
                        name,
                        closing,
                        attrs,
                        start,
                        end: bytes.len(),
                    });
                }
                Some(b'>') => {
                    return Some(Tag {
                        name,
                        closing,
                        attrs,
                        start,
                        end: i + 1,
                    });
                }
                Some(b'/') if bytes.get(i + 1) == Some(&b'>') => {
                    return Some(Tag {
                        name,
                        closing,
                        attrs,
                        start,
                        end: i + 2,
                    });
                }
                _ => {}
            }
            let key_start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let key = xml[key_start..i].to_string();
            if i == key_start {
                i += 1; // a stray '/'
                continue;
            }
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = xml[i + 1..]
                            .find(q as char)
                            .map_or(bytes.len(), |e| i + 1 + e);
                        value = decode(&xml[i + 1..end]);
                        i = (end + 1).min(bytes.len());
                    }
                    _ => {
                        let value_start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        value = decode(&xml[value_start..i]);
                    }
                }
            }
            attrs.push((key, value));
        }
    }
}

fn is_true(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "true" | "yes" | "1"
    )
}

/// A `<Sentence>` being read: its attributes, line, options in force, `<EventCoding>` attributes and
/// text.
struct OpenRecord {
    attrs: Vec<(String, String)>,
    line: u64,
    config: RecordConfig,
    codings: Vec<Vec<(String, String)>>,
    text: String,
}

impl OpenRecord {
    fn finish(self) -> Record {
        let get = |k: &str| {
            self.attrs
                .iter()
                .find(|(a, _)| a.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.clone())
        };
        let attr = |c: &[(String, String)], k: &str| {
            c.iter()
                .find(|(a, _)| a.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.trim().to_string())
        };
        let expected = if let Some(error) = self.codings.iter().find_map(|c| attr(c, "error")) {
            Expected::Error(error)
        } else if self
            .codings
            .iter()
            .any(|c| attr(c, "noevents").is_some_and(|v| is_true(&v)))
        {
            Expected::NoEvents
        } else {
            let field = |c: &[(String, String)], k: &str| attr(c, k).filter(|v| !v.is_empty());
            Expected::Events(
                self.codings
                    .iter()
                    .map(|c| Triple {
                        source: field(c, "sourcecode").unwrap_or_else(|| "---".into()),
                        target: field(c, "targetcode").unwrap_or_else(|| "---".into()),
                        event: field(c, "eventcode").unwrap_or_default(),
                    })
                    .collect(),
            )
        };
        Record {
            id: get("id").unwrap_or_else(|| format!("line-{}", self.line)),
            category: get("category").unwrap_or_default(),
            date: get("date").and_then(|d| dyad_text::date::parse_date(&d)),
            text: self.text,
            expected,
            config: self.config,
            line: self.line,
        }
    }
}

/// Parses a PETRARCH validation file, leniently: comments anywhere, single or double quotes, spaces
/// around `=`, unknown elements passed over, a `<Sentence>` left open closed by the next one, and the
/// older environment style (`<Verbfile name="…">`, `<Include categories="…">`). A `<Stop>` element
/// outside a record ends the records, as in PETRARCH.
pub fn parse(xml: &str) -> Result<Validation> {
    let mut out = Validation::default();
    let mut config = RecordConfig::default();
    let mut in_environment = false;
    let mut open: Option<OpenRecord> = None;
    let (mut pos, mut line, mut counted) = (0usize, 1u64, 0usize);
    while let Some(tag) = next_tag(xml, pos) {
        line += xml.as_bytes()[counted..tag.start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        counted = tag.start;
        pos = tag.end;
        match (tag.closing, tag.name) {
            (false, "Environment") => in_environment = true,
            (true, "Environment") => in_environment = false,
            (false, "Config") => {
                let option = tag.attr("option").unwrap_or("").to_ascii_lowercase();
                let value = tag.attr("value").unwrap_or("");
                match option.as_str() {
                    "require_dyad" => config.require_dyad = is_true(value),
                    "new_actor_length" => {
                        config.new_actor_length = value
                            .trim()
                            .parse()
                            .with_context(|| format!("line {line}: new_actor_length {value:?}"))?
                    }
                    _ => *out.ignored_options.entry(option).or_default() += 1,
                }
            }
            (false, "Sentence") => {
                if let Some(previous) = open.take() {
                    out.records.push(previous.finish());
                }
                open = Some(OpenRecord {
                    attrs: tag.attrs.clone(),
                    line,
                    config,
                    codings: Vec::new(),
                    text: String::new(),
                });
            }
            (false, "EventCoding") => {
                if let Some(record) = open.as_mut() {
                    record.codings.push(tag.attrs.clone());
                }
            }
            (false, "Text") | (false, "Parse") => {
                let close = format!("</{}>", tag.name);
                let end = xml[pos..].find(&close).map_or(xml.len(), |e| pos + e);
                if let Some(record) = open.as_mut().filter(|_| tag.name == "Text") {
                    record.text = decode(&xml[pos..end])
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                }
                pos = end;
            }
            (true, "Sentence") => {
                if let Some(record) = open.take() {
                    out.records.push(record.finish());
                }
            }
            (false, "Stop") if open.is_none() && !in_environment => break,
            (false, name) if in_environment => {
                let lower = name.to_ascii_lowercase();
                let end = xml[pos..].find('<').map_or(xml.len(), |e| pos + e);
                let content = decode(xml[pos..end].trim());
                if lower == "include" {
                    let value = tag.attr("categories").map_or(content, String::from);
                    out.environment.include = value.split_whitespace().map(String::from).collect();
                } else if lower.ends_with("file")
                    && !matches!(
                        lower.as_str(),
                        "errorfile" | "outputfile" | "eventfile" | "textfile"
                    )
                {
                    let value = tag.attr("name").map_or(content, String::from);
                    for file in value.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                        out.environment
                            .dictionaries
                            .push((name.to_string(), file.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(record) = open.take() {
        out.records.push(record.finish());
    }
    Ok(out)
}

/// What the triple expansion needs of an actor: its code and mention text.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    /// CAMEO actor code, if any.
    pub code: Option<&'a str>,
    /// The mention text.
    pub text: &'a str,
}

/// What the triple expansion needs of an event (kept apart from the coder's record so that the scoring
/// rules can be tested on their own).
#[derive(Debug, Clone)]
pub struct EventView<'a> {
    /// Who acted.
    pub actors: Vec<Actor<'a>>,
    /// On whom.
    pub recipients: Vec<Actor<'a>>,
    /// CAMEO event code.
    pub code: &'a str,
}

impl<'a> EventView<'a> {
    /// The view of a coded event.
    pub fn of(event: &'a Event) -> EventView<'a> {
        let side = |list: &'a [EventActor]| {
            list.iter()
                .map(|a| Actor {
                    code: a.code.as_deref(),
                    text: &a.text,
                })
                .collect()
        };
        EventView {
            actors: side(&event.actors),
            recipients: side(&event.recipients),
            code: &event.cameo.code,
        }
    }
}

/// The codes PETRARCH would write for an actor: its code, split at `/` (a compound code such as
/// `FRO/BIL/SAM` stands for each of its parts, PETRARCH's `expand_compound_codes`); without a code, its
/// upper-cased text in quotes when `new_actor_length` allows, else `---`.
fn actor_codes(actor: &Actor, config: &RecordConfig) -> Vec<String> {
    if let Some(code) = actor.code.map(str::trim).filter(|c| !c.is_empty()) {
        return code
            .split('/')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect();
    }
    let words: Vec<&str> = actor.text.split_whitespace().collect();
    if config.new_actor_length > 0 && !words.is_empty() && words.len() <= config.new_actor_length {
        vec![format!("\"{}\"", words.join(" ").to_uppercase())]
    } else {
        vec!["---".to_string()]
    }
}

/// dyad's events as PETRARCH triples (see the module documentation).
pub fn triples(events: &[EventView], config: &RecordConfig) -> Vec<Triple> {
    let side = |list: &[Actor]| -> Vec<String> {
        if list.is_empty() {
            vec!["---".to_string()]
        } else {
            list.iter().flat_map(|a| actor_codes(a, config)).collect()
        }
    };
    let mut out: Vec<Triple> = Vec::new();
    for event in events {
        let targets = side(&event.recipients);
        for source in side(&event.actors) {
            for target in &targets {
                if source == *target
                    || (config.require_dyad && (source == "---" || target == "---"))
                {
                    continue;
                }
                let triple = Triple {
                    source: source.clone(),
                    target: target.clone(),
                    event: event.code.to_string(),
                };
                if !out.contains(&triple) {
                    out.push(triple);
                }
            }
        }
    }
    out
}

/// Where the dictionary `file` named in the environment of `xml_path` is: `dictionaries/` next to the
/// XML file, `../petrarch/dictionaries/`, or the XML file's own directory.
fn find_dictionary(xml_path: &Path, file: &str) -> Option<PathBuf> {
    let dir = xml_path.parent().unwrap_or(Path::new("."));
    [
        dir.join("dictionaries"),
        dir.join("../petrarch/dictionaries"),
        dir.to_path_buf(),
    ]
    .into_iter()
    .map(|d| d.join(file))
    .find(|p| p.is_file())
}

fn show(triples: &[Triple]) -> String {
    if triples.is_empty() {
        "no events".to_string()
    } else {
        triples
            .iter()
            .map(Triple::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Evaluates a PETRARCH validation file.
pub fn evaluate(path: &Path, dicts: &Dicts, options: &Options) -> Result<Report> {
    let xml = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let validation = parse(&String::from_utf8_lossy(&xml))?;
    if validation.records.is_empty() {
        bail!("no <Sentence> records");
    }
    // The dictionaries: --dict ones when given, else exactly those the environment names.
    let own_coder;
    let (coder, loaded): (&Coder, Vec<String>) = if dicts.args().paths.is_empty() {
        let mut paths = Vec::new();
        for (element, file) in &validation.environment.dictionaries {
            let found = find_dictionary(path, file)
                .with_context(|| format!("<{element}>{file}</{element}>: not found in dictionaries/, ../petrarch/dictionaries/ or next to the file"))?;
            paths.push(found);
        }
        if paths.is_empty() {
            bail!("the file names no dictionaries in <Environment>; give them with --dict");
        }
        own_coder = Coder::new(Compiled::build(dyad_dict::load::load(&paths, true)?));
        (
            &own_coder,
            paths.iter().map(|p| p.display().to_string()).collect(),
        )
    } else {
        (
            dicts.coder()?,
            dicts
                .args()
                .paths
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
        )
    };
    let records = &validation.records;
    let docs: Vec<_> = records
        .iter()
        .map(|r| document(&r.id, &r.text, r.date, path, r.line))
        .collect();
    let (coded, failures) = code_documents(coder, &docs);

    let predicted: Vec<Vec<Triple>> = records
        .iter()
        .zip(&coded)
        .map(|(r, c)| {
            triples(
                &c.events.iter().map(EventView::of).collect::<Vec<_>>(),
                &r.config,
            )
        })
        .collect();
    let counts: Vec<Prf> = records
        .iter()
        .zip(&predicted)
        .map(|(r, p)| Prf::of(p, r.expected.triples()))
        .collect();
    let passed: Vec<bool> = counts.iter().map(Prf::exact).collect();

    // Unique ids: an id passes when all its records pass.
    let mut ids: Vec<(String, bool)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (record, &ok) in records.iter().zip(&passed) {
        match index.get(record.id.as_str()) {
            Some(&i) => ids[i].1 &= ok,
            None => {
                index.insert(&record.id, ids.len());
                ids.push((record.id.clone(), ok));
            }
        }
    }

    let mut report = Report::new(Format::Petrarch, path, records.len());
    let id_passes: Vec<bool> = ids.iter().map(|(_, ok)| *ok).collect();
    report.metrics.add(
        "ids_passed",
        share(&Resamples::standard(ids.len()), &id_passes),
    );
    let resamples = Resamples::standard(records.len());
    report
        .metrics
        .add("records_passed", share(&resamples, &passed));
    let [p, r, f] = prf_metrics(&resamples, &counts);
    report.metrics.add("triple_precision", p);
    report.metrics.add("triple_recall", r);
    report.metrics.add("triple_f1", f);

    // Pass rates per category and per kind of expectation.
    let mut categories: Vec<(String, usize, usize)> = Vec::new();
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (record, &ok) in records.iter().zip(&passed) {
        match categories
            .iter_mut()
            .find(|(c, _, _)| *c == record.category)
        {
            Some(entry) => {
                entry.1 += usize::from(ok);
                entry.2 += 1;
            }
            None => categories.push((record.category.clone(), usize::from(ok), 1)),
        }
        let kind = kinds.entry(record.expected.kind()).or_default();
        kind.0 += usize::from(ok);
        kind.1 += 1;
    }
    let total = Prf::total(&counts);
    let coded_nothing = coded.iter().filter(|c| c.events.is_empty()).count();
    report.details = json!({
        "dictionaries": loaded,
        "include": validation.environment.include,
        "unique_ids": ids.len(),
        "triples": total,
        "records_without_dyad_events": coded_nothing,
        "ignored_config_options": validation.ignored_options,
        "by_category": categories.iter().map(|(c, ok, n)| json!({"category": c, "passed": ok, "records": n})).collect::<Vec<_>>(),
        "by_expectation": kinds.iter().map(|(k, (ok, n))| json!({"expectation": k, "passed": ok, "records": n})).collect::<Vec<_>>(),
    });
    report.tables.push(format!(
        "  unique ids {}; triples tp {} fp {} fn {}; dictionaries: {}",
        ids.len(),
        total.tp,
        total.fp,
        total.fn_,
        loaded
            .iter()
            .map(|p| Path::new(p)
                .file_name()
                .map_or(p.clone(), |f| f.to_string_lossy().into_owned()))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if !validation.ignored_options.is_empty() {
        let ignored: Vec<String> = validation.ignored_options.keys().cloned().collect();
        report.tables.push(format!(
            "  Config options not applicable to dyad (ignored): {}",
            ignored.join(", ")
        ));
    }
    report.tables.push("  pass rate by category:".to_string());
    for (category, ok, n) in &categories {
        report.tables.push(format!(
            "    {category:<12} {ok:>4}/{n:<4} {:.3}",
            *ok as f64 / *n as f64
        ));
    }
    report
        .tables
        .push("  pass rate by expectation:".to_string());
    for (kind, (ok, n)) in &kinds {
        report.tables.push(format!(
            "    {kind:<12} {ok:>4}/{n:<4} {:.3}",
            *ok as f64 / *n as f64
        ));
    }

    report.note_failures(&failures, &docs);
    if options.show_errors > 0 {
        let cases = records
            .iter()
            .zip(&coded)
            .zip(&predicted)
            .zip(&counts)
            .filter(|(_, c)| !c.exact())
            .map(|(((record, coded), predicted), c)| ErrorCase {
                id: format!("{} [{}]", record.id, record.category),
                text: record.text.clone(),
                gold: match &record.expected {
                    Expected::Events(t) => show(t),
                    Expected::NoEvents => "no events".to_string(),
                    Expected::Error(e) => format!("no events (error=\"{e}\")"),
                },
                dyad: format!(
                    "{}  ⟨events: {}⟩",
                    show(predicted),
                    describe_events(&coded.events)
                ),
                badness: f64::from(c.fp + c.fn_),
            })
            .collect();
        report.keep_worst(cases, options.show_errors);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<Validation>
<!-- header with a <Sentence> inside a comment -->
<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Actorfile>actors.txt</Actorfile>
    <Errorfile>Errors.txt</Errorfile>
    <Include>valid DEMO</Include>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode='"INJURY TOLL"' targetcode="OSG" eventcode="223"></EventCoding>
<Text>
Arnor is about to restore ties
with Gondor &amp; Osgiliath.
</Text>
<Parse> (ROOT (S (NP (NNP Arnor)) (VP (VBZ is)))) </Parse>
</Sentence>
<Config option="require_dyad" value="FALSE"></Config>
<Config option="new_actor_length" value = "4"></Config>
<Sentence date="19950102" id="DEMO-01" category="DEMO">
<EventCoding noevents = "True"> </EventCoding>
<Text>Nothing here.</Text>
</Sentence>
<Sentence date="19950103" id="ERR-01" category="ERROR">
<EventCoding error="storydiscard"></EventCoding>
<Text>Typhoon.</Text>
</Sentence>
<Stop></Stop>
<Sentence date="19950104" id="AFTER" category="DEMO"><Text>Never read.</Text></Sentence>
</Sentences>
</Validation>"#;

    #[test]
    fn parses_records_environment_and_config() {
        let v = parse(SAMPLE).unwrap();
        assert_eq!(
            v.environment.dictionaries,
            vec![
                ("Verbfile".into(), "verbs.txt".into()),
                ("Actorfile".into(), "actors.txt".into())
            ]
        );
        assert_eq!(v.environment.include, ["valid", "DEMO"]);
        assert_eq!(v.records.len(), 3, "the <Stop> ends the records");
        let r = &v.records[0];
        assert_eq!(
            (r.id.as_str(), r.category.as_str(), r.line),
            ("DEMO-00", "DEMO", 11)
        );
        assert_eq!(r.date, Some(Date::constant(1995, 1, 1)));
        assert_eq!(
            r.text,
            "Arnor is about to restore ties with Gondor & Osgiliath."
        );
        assert_eq!(
            r.expected.triples()[1],
            Triple {
                source: "\"INJURY TOLL\"".into(),
                target: "OSG".into(),
                event: "223".into()
            }
        );
        assert_eq!(
            r.config,
            RecordConfig {
                require_dyad: true,
                new_actor_length: 0
            }
        );
        assert_eq!(v.records[1].expected, Expected::NoEvents);
        assert_eq!(
            v.records[1].config,
            RecordConfig {
                require_dyad: false,
                new_actor_length: 4
            }
        );
        assert_eq!(
            v.records[2].expected,
            Expected::Error("storydiscard".into())
        );
        assert_eq!(v.ignored_options.get("stop_on_error"), Some(&1));
    }

    fn actor<'a>(text: &'a str, code: Option<&'a str>) -> Actor<'a> {
        Actor { code, text }
    }

    fn event<'a>(
        actors: Vec<Actor<'a>>,
        recipients: Vec<Actor<'a>>,
        code: &'a str,
    ) -> EventView<'a> {
        EventView {
            actors,
            recipients,
            code,
        }
    }

    fn t(s: &str, g: &str, e: &str) -> Triple {
        Triple {
            source: s.into(),
            target: g.into(),
            event: e.into(),
        }
    }

    #[test]
    fn expands_events_the_petrarch_way() {
        let strict = RecordConfig::default();
        // Compound source × compound target, self-reference skipped, duplicates removed.
        let events = vec![
            event(
                vec![actor("Arnor", Some("ARN")), actor("Gondor", Some("GON"))],
                vec![
                    actor("Gondor", Some("GON")),
                    actor("Osgiliath", Some("OSG")),
                ],
                "064",
            ),
            event(
                vec![actor("Arnor", Some("ARN"))],
                vec![actor("Osgiliath", Some("OSG"))],
                "064",
            ),
        ];
        assert_eq!(
            triples(&events, &strict),
            vec![
                t("ARN", "GON", "064"),
                t("ARN", "OSG", "064"),
                t("GON", "OSG", "064")
            ]
        );
        // A missing target: dropped under require_dyad, "---" otherwise.
        let one = vec![event(
            vec![actor("the government", Some("---GOV"))],
            vec![],
            "023",
        )];
        assert!(triples(&one, &strict).is_empty());
        let loose = RecordConfig {
            require_dyad: false,
            new_actor_length: 0,
        };
        assert_eq!(triples(&one, &loose), vec![t("---GOV", "---", "023")]);
        // An actor without a code: "---", or its text under new_actor_length.
        let unknown = vec![event(
            vec![actor("injury toll", None)],
            vec![actor("Osgiliath", Some("OSG"))],
            "223",
        )];
        assert!(triples(&unknown, &strict).is_empty());
        let short = RecordConfig {
            require_dyad: true,
            new_actor_length: 4,
        };
        assert_eq!(
            triples(&unknown, &short),
            vec![t("\"INJURY TOLL\"", "OSG", "223")]
        );
        let tiny = RecordConfig {
            require_dyad: true,
            new_actor_length: 1,
        };
        assert!(triples(&unknown, &tiny).is_empty());
        // A compound code stands for each of its parts.
        let shire = vec![event(
            vec![actor("The Shire", Some("FRO/BIL"))],
            vec![actor("Lorien", Some("ELR/GAL"))],
            "064",
        )];
        assert_eq!(
            triples(&shire, &strict),
            vec![
                t("FRO", "ELR", "064"),
                t("FRO", "GAL", "064"),
                t("BIL", "ELR", "064"),
                t("BIL", "GAL", "064")
            ]
        );
    }

    #[test]
    fn a_record_passes_only_on_the_exact_multiset() {
        let gold = vec![t("ARN", "GON", "064"), t("ARN", "OSG", "064")];
        assert!(
            Prf::of(&[t("ARN", "OSG", "064"), t("ARN", "GON", "064")], &gold).exact(),
            "order does not matter"
        );
        assert!(
            !Prf::of(&[t("ARN", "GON", "064")], &gold).exact(),
            "a missing triple fails"
        );
        let extra = [
            t("ARN", "GON", "064"),
            t("ARN", "OSG", "064"),
            t("GON", "ARN", "064"),
        ];
        assert!(!Prf::of(&extra, &gold).exact(), "an extra triple fails");
        assert!(
            Prf::of::<Triple>(&[], Expected::NoEvents.triples()).exact(),
            "noevents passes on nothing"
        );
        assert!(
            !Prf::of(
                &[t("ARN", "GON", "064")],
                Expected::Error("storydiscard".into()).triples()
            )
            .exact()
        );
    }
}
