//! `dyad code`: codes documents into events and writes them as dyad JSONL, PLOVER JSONL or GDELT 2.0 event
//! rows; `--explain` shows per sentence the actors found and why each trigger did or did not code.

use crate::DictArgs;
use crate::input::InputArgs;
use crate::runner::{RunOptions, run as run_documents};
use anyhow::Result;
use clap::{Args, ValueEnum};
use dyad_coder::{Coded, Coder, Event, Scratch};
use dyad_dict::Compiled;
use dyad_text::{Analyzer, Document};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

/// Output formats of `dyad code`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// dyad's event records (docs/events.md), one JSON object per line.
    Jsonl,
    /// PLOVER event records, one JSON object per line.
    Plover,
    /// GDELT 2.0 event table rows (61 tab-separated columns, no header).
    Gdelt,
    /// One readable line per event: document, date, actors, CAMEO code and name, recipients, PLOVER type.
    Table,
}

/// Arguments of `dyad code`.
#[derive(Args, Debug)]
pub struct CodeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long = "output", short = 'o', value_enum, default_value = "jsonl")]
    output: OutputFormat,
    /// Print, per sentence, the actors found and why each trigger was or was not coded.
    #[arg(long)]
    explain: bool,
    /// Keep negated and conditional events (left out by default; their `modality` field says which).
    #[arg(long)]
    all: bool,
}

/// Runs the command.
pub fn run(args: CodeArgs, dicts: &DictArgs, quiet: bool) -> Result<ExitCode> {
    let coder = Coder::new(Compiled::build(dicts.load()?)).keep_all(args.all);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let options = RunOptions {
        verb: "coded",
        quiet,
        errors: args.input.errors.as_deref(),
    };
    let coded_at = jiff::Timestamp::now().strftime("%Y%m%d%H%M%S").to_string();
    let mut by_root: BTreeMap<String, u64> = BTreeMap::new();
    let (mut sentences, mut events, mut gdelt_id) = (0u64, 0u64, 0u64);
    let summary = run_documents(
        args.input.paths()?,
        args.input.read_options(),
        &options,
        || (Analyzer::default(), Scratch::default()),
        |(analyzer, scratch), doc| {
            let analysis = analyzer.analyse(&doc.text);
            coder.code(doc, &analysis, scratch, args.explain)
        },
        |doc, coded: Coded| {
            sentences += u64::from(coded.sentences);
            events += coded.events.len() as u64;
            for event in &coded.events {
                *by_root.entry(event.cameo.root.clone()).or_default() += 1;
            }
            if args.explain {
                write_explain(&mut out, doc, &coded)?;
            }
            for event in &coded.events {
                match args.output {
                    OutputFormat::Jsonl => {
                        serde_json::to_writer(&mut out, event)?;
                        writeln!(out)?;
                    }
                    OutputFormat::Plover => {
                        serde_json::to_writer(&mut out, &plover_record(doc, event, &coded_at))?;
                        writeln!(out)?;
                    }
                    OutputFormat::Gdelt => {
                        write_gdelt(&mut out, doc, event, &coded_at, &mut gdelt_id)?
                    }
                    OutputFormat::Table => writeln!(out, "{}", table_line(event))?,
                }
            }
            Ok(())
        },
    )?;
    out.flush()?;
    if !quiet {
        let roots: Vec<String> = by_root
            .iter()
            .map(|(root, n)| format!("{root}:{n}"))
            .collect();
        eprintln!(
            "dyad: {} documents, {sentences} sentences, {events} events; by CAMEO root: {}",
            summary.processed,
            if roots.is_empty() {
                "none".to_string()
            } else {
                roots.join(" ")
            }
        );
    }
    Ok(if args.input.strict && summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn actor_list(list: &[dyad_coder::event::EventActor]) -> String {
    list.iter()
        .map(|a| format!("{} [{}]", a.name, a.code.as_deref().unwrap_or("-")))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn table_line(event: &Event) -> String {
    format!(
        "{:<14} {:>3} {} {:<44} {:<5} {:<38} → {:<40} {}",
        event.doc_id,
        event.sentence,
        event
            .date
            .date
            .map_or("----------".to_string(), |d| d.to_string()),
        actor_list(&event.actors),
        event.cameo.code,
        event.cameo.name,
        actor_list(&event.recipients),
        event.plover.as_ref().map_or("-", |p| p.event_type.as_str()),
    )
}

fn write_explain(out: &mut impl Write, doc: &Document, coded: &Coded) -> Result<()> {
    writeln!(out, "# {}", doc.id)?;
    for trace in &coded.traces {
        writeln!(out, "[{}] {}", trace.sentence, trace.text)?;
        for mention in &trace.mentions {
            writeln!(out, "    actor   {mention}")?;
        }
        for trigger in &trace.triggers {
            writeln!(out, "    trigger {}: {}", trigger.trigger, trigger.outcome)?;
        }
        for event in coded.events.iter().filter(|e| e.sentence == trace.sentence) {
            writeln!(
                out,
                "    EVENT   {} {} ({}) → {}  {} / {}",
                actor_list(&event.actors),
                event.cameo.code,
                event.cameo.name,
                actor_list(&event.recipients),
                event.plover.as_ref().map_or("-", |p| p.event_type.as_str()),
                event.rule.construction
            )?;
        }
    }
    if coded.discarded {
        writeln!(out, "    (story discarded by a discard phrase)")?;
    }
    writeln!(out)?;
    Ok(())
}

fn plover_entity(actor: &dyad_coder::event::EventActor) -> serde_json::Value {
    json!({
        "code": actor.country.clone().or_else(|| actor.code.as_ref().map(|c| c.chars().take(3).collect())),
        "sector": actor.sectors.first(),
        "entity_text": actor.text,
        "identifier_text": actor.name,
        "cameo_code": actor.code,
    })
}

/// A PLOVER JSONL record (PLOVER manual field names).
fn plover_record(doc: &Document, event: &Event, coded_at: &str) -> serde_json::Value {
    json!({
        "id": event.id,
        "date": event.date.date.map(|d| d.to_string()),
        "enddate": event.date.end.map(|d| d.to_string()),
        "has_event": true,
        "actor": event.actors.iter().map(plover_entity).collect::<Vec<_>>(),
        "recipient": event.recipients.iter().map(plover_entity).collect::<Vec<_>>(),
        "event": event.plover.as_ref().map(|p| p.event_type.clone()),
        "mode": event.plover.as_ref().and_then(|p| p.mode.clone()).into_iter().collect::<Vec<_>>(),
        "context": event.plover.as_ref().map(|p| p.context.clone()).unwrap_or_default(),
        "quad_code": event.cameo.quad_class,
        "event_text": doc.text.get(event.evidence.trigger[0] as usize..event.evidence.trigger[1] as usize),
        "text": event.evidence.sentence,
        "text_info": {
            "sequence": event.sentence,
            "start": event.evidence.sentence_span[0],
            "end": event.evidence.sentence_span[1],
        },
        "cite_info": { "url": doc.url, "title": doc.title, "publication": doc.source, "codebook": "CAMEO 1.1b3 → PLOVER" },
        "cameo_code": event.cameo.code,
        "coder": "dyad",
        "coded_date": &coded_at[..8],
        "version": env!("CARGO_PKG_VERSION"),
    })
}

/// GDELT 2.0 event rows: one per (actor, recipient) pair.
fn write_gdelt(
    out: &mut impl Write,
    doc: &Document,
    event: &Event,
    coded_at: &str,
    next_id: &mut u64,
) -> Result<()> {
    let date = event.date.date.or(doc.date);
    let (sql, month, year, fraction) = match date {
        Some(d) => (
            d.strftime("%Y%m%d").to_string(),
            d.strftime("%Y%m").to_string(),
            d.year().to_string(),
            format!(
                "{:.4}",
                f64::from(d.year()) + f64::from(d.day_of_year() - 1) / 365.0
            ),
        ),
        None => Default::default(),
    };
    let empty = dyad_coder::event::EventActor {
        text: String::new(),
        name: String::new(),
        code: None,
        country: None,
        sectors: Vec::new(),
        span: [0, 0],
        entity: u32::MAX,
    };
    let recipients: Vec<&dyad_coder::event::EventActor> = if event.recipients.is_empty() {
        vec![&empty]
    } else {
        event.recipients.iter().collect()
    };
    // An event with an unknown actor ("110 people were arrested") still gets its row, Actor1 empty.
    let actors: Vec<&dyad_coder::event::EventActor> = if event.actors.is_empty() {
        vec![&empty]
    } else {
        event.actors.iter().collect()
    };
    for actor in &actors {
        for recipient in &recipients {
            if actor.entity == recipient.entity {
                continue;
            }
            *next_id += 1;
            let mut cols: Vec<String> = vec![
                next_id.to_string(),
                sql.clone(),
                month.clone(),
                year.clone(),
                fraction.clone(),
            ];
            for a in [*actor, *recipient] {
                cols.push(a.code.clone().unwrap_or_default());
                cols.push(a.name.to_uppercase());
                cols.push(a.country.clone().unwrap_or_default());
                cols.extend(std::iter::repeat_n(String::new(), 4)); // known group, ethnic, religion 1, 2
                for k in 0..3 {
                    cols.push(a.sectors.get(k).cloned().unwrap_or_default());
                }
            }
            cols.push(u8::from(event.sentence <= 1).to_string());
            cols.push(event.cameo.code.clone());
            cols.push(event.cameo.base.clone());
            cols.push(event.cameo.root.clone());
            cols.push(event.cameo.quad_class.to_string());
            cols.push(
                event
                    .cameo
                    .goldstein
                    .map_or(String::new(), |g| format!("{g:.1}")),
            );
            cols.extend(["1", "1", "1", "0"].map(String::from)); // mentions, sources, articles, tone
            cols.extend(std::iter::repeat_n(String::new(), 24)); // actor and action geography
            cols.push(coded_at.to_string());
            cols.push(doc.url.clone().unwrap_or_else(|| doc.id.clone()));
            debug_assert_eq!(cols.len(), 61);
            writeln!(out, "{}", cols.join("\t"))?;
        }
    }
    Ok(())
}
