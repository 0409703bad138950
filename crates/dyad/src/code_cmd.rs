//! `dyad code`: codes documents into events and writes them in any of `dyad-export`'s formats (dyad JSONL,
//! PLOVER, GDELT 2.0 events and mentions, Phoenix, Parquet, table) to stdout or `--out FILE`; `--explain`
//! shows per sentence the actors found and why each trigger did or did not code.

use crate::DictArgs;
use crate::input::InputArgs;
use crate::runner::{RunOptions, run as run_documents};
use anyhow::{Context, Result, bail};
use clap::Args;
use dyad_coder::{Coded, Coder, Scratch};
use dyad_dict::Compiled;
use dyad_export::table::actor_list;
use dyad_export::{DocMeta, ExportRecord, Format};
use dyad_text::{Analyzer, Document};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `dyad code`.
#[derive(Args, Debug)]
pub struct CodeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format (`gdelt` is an alias of `gdelt-events`).
    #[arg(long = "output", short = 'o', value_enum, default_value = "jsonl")]
    output: Format,
    /// Write the events to FILE instead of stdout (Parquet is not written to a terminal).
    #[arg(long = "out", value_name = "FILE")]
    out: Option<PathBuf>,
    /// Print, per sentence, the actors found and why each trigger was or was not coded.
    #[arg(long)]
    explain: bool,
    /// Keep negated and conditional events (left out by default; their `modality` field says which).
    #[arg(long)]
    all: bool,
}

/// Where the events go: `--out FILE`, else stdout unless that is a terminal and the format is binary.
fn event_output(args: &CodeArgs) -> Result<Box<dyn Write + Send>> {
    match &args.out {
        Some(path) => Ok(Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None if args.output.is_binary() && std::io::stdout().is_terminal() => bail!(
            "{} output is binary: give --out FILE or redirect stdout",
            args.output
        ),
        None => Ok(Box::new(std::io::stdout())),
    }
}

/// The document metadata the export formats report.
fn doc_meta(doc: &Document) -> DocMeta<'_> {
    DocMeta {
        id: &doc.id,
        url: doc.url.as_deref(),
        title: doc.title.as_deref(),
        source: doc.source.as_deref(),
        published: doc.date,
        length: u32::try_from(doc.text.len()).ok(),
    }
}

/// Runs the command.
pub fn run(args: CodeArgs, dicts: &DictArgs, quiet: bool) -> Result<ExitCode> {
    let coder = Coder::new(Compiled::build(dicts.load()?)).keep_all(args.all);
    let coded_at = jiff::Timestamp::now().strftime("%Y%m%d%H%M%S").to_string();
    let mut writer = dyad_export::writer(args.output, event_output(&args)?, &coded_at)?;
    let mut explain_out = std::io::BufWriter::new(std::io::stdout());
    let options = RunOptions {
        verb: "coded",
        quiet,
        errors: args.input.errors.as_deref(),
    };
    let mut by_root: BTreeMap<String, u64> = BTreeMap::new();
    let (mut sentences, mut events) = (0u64, 0u64);
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
                // The explanation and the events may share stdout: keep them in document order.
                writer.flush()?;
                write_explain(&mut explain_out, doc, &coded)?;
                explain_out.flush()?;
            }
            let meta = doc_meta(doc);
            for event in &coded.events {
                writer.write(&ExportRecord {
                    event,
                    doc: meta,
                    cluster: None,
                })?;
            }
            Ok(())
        },
    )?;
    writer.finish()?;
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
    // The process ends with this command: its dictionaries are left for the operating system to reclaim
    // rather than freed one allocation at a time (about 11 M instructions).
    std::mem::forget(coder);
    Ok(if args.input.strict && summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
