//! `dyad text`: prints the analysis of each document (units, flags, and with `--tokens` tokens, tags
//! and lemmas) as text or JSON, or just the body text with `--body-only`.

use crate::input::InputArgs;
use crate::runner::{RunOptions, run as run_documents};
use anyhow::Result;
use clap::Args;
use dyad_text::analysis::{Analysis, Unit};
use dyad_text::{Analyzer, Document};
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `dyad text`.
#[derive(Args, Debug)]
pub struct TextArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Print one JSON object per document.
    #[arg(long)]
    json: bool,
    /// Include tokens with tags and lemmas.
    #[arg(long)]
    tokens: bool,
    /// Print only the body text (body sentences, paragraphs separated by blank lines).
    #[arg(long)]
    body_only: bool,
}

/// Runs the command.
pub fn run(args: TextArgs, quiet: bool) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let options = RunOptions {
        verb: "analysed",
        quiet,
        errors: args.input.errors.as_deref(),
    };
    let summary = run_documents(
        args.input.paths()?,
        args.input.read_options(),
        &options,
        Analyzer::default,
        |analyzer, doc| analyzer.analyse(&doc.text),
        |doc, analysis| {
            if args.body_only {
                write_body(&mut out, doc, &analysis, args.json)
            } else if args.json {
                write_json(&mut out, doc, &analysis, args.tokens)
            } else {
                write_text(&mut out, doc, &analysis, args.tokens)
            }
        },
    )?;
    out.flush()?;
    Ok(if args.input.strict && summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The body text: sentences of a paragraph joined by spaces, paragraphs by blank lines.
fn body_text(doc: &Document, analysis: &Analysis) -> String {
    let mut body = String::new();
    let mut paragraph = None;
    for unit in analysis.sentences() {
        if !body.is_empty() {
            body.push_str(if paragraph == Some(unit.paragraph) {
                " "
            } else {
                "\n\n"
            });
        }
        body.push_str(unit.text(&doc.text));
        paragraph = Some(unit.paragraph);
    }
    body
}

fn write_body(out: &mut impl Write, doc: &Document, analysis: &Analysis, json: bool) -> Result<()> {
    let body = body_text(doc, analysis);
    if json {
        serde_json::to_writer(&mut *out, &json!({ "id": doc.id, "body": body }))?;
        writeln!(out)?;
    } else {
        writeln!(out, "{body}\n")?;
    }
    Ok(())
}

fn tokens_json(doc: &Document, analysis: &Analysis, unit: &Unit) -> serde_json::Value {
    analysis
        .unit_tokens(unit)
        .iter()
        .map(|t| {
            json!({
                "start": t.start,
                "end": t.end,
                "text": t.text(&doc.text),
                "tag": t.tag.as_str(),
                "lemma": t.lemma_string(&doc.text),
            })
        })
        .collect()
}

fn write_json(
    out: &mut impl Write,
    doc: &Document,
    analysis: &Analysis,
    tokens: bool,
) -> Result<()> {
    let units: Vec<serde_json::Value> = analysis
        .units
        .iter()
        .map(|unit| {
            let mut value = json!({
                "kind": unit.kind,
                "start": unit.start,
                "end": unit.end,
                "paragraph": unit.paragraph,
                "text": unit.text(&doc.text),
            });
            if tokens {
                value["tokens"] = tokens_json(doc, analysis, unit);
            }
            value
        })
        .collect();
    let record = json!({
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "url": doc.url,
        "source": doc.source,
        "origin": doc.origin,
        "case": analysis.case,
        "units": units,
    });
    serde_json::to_writer(&mut *out, &record)?;
    writeln!(out)?;
    Ok(())
}

fn write_text(
    out: &mut impl Write,
    doc: &Document,
    analysis: &Analysis,
    tokens: bool,
) -> Result<()> {
    write!(out, "# {}", doc.id)?;
    if let Some(date) = doc.date {
        write!(out, "  date={date}")?;
    }
    if let Some(title) = &doc.title {
        write!(out, "  title={title:?}")?;
    }
    writeln!(out, "  ({})", doc.origin)?;
    for unit in &analysis.units {
        let text = unit.text(&doc.text).replace(['\n', '\r'], " ");
        writeln!(
            out,
            "[{} p{} {}..{}] {}",
            unit.kind.as_str(),
            unit.paragraph,
            unit.start,
            unit.end,
            text
        )?;
        if tokens {
            let line: Vec<String> = analysis
                .unit_tokens(unit)
                .iter()
                .map(|t| {
                    let surface = t.text(&doc.text);
                    let lemma = t.lemma_string(&doc.text);
                    if lemma == surface.to_lowercase() {
                        format!("{surface}/{}", t.tag.as_str())
                    } else {
                        format!("{surface}/{}/{lemma}", t.tag.as_str())
                    }
                })
                .collect();
            writeln!(out, "    {}", line.join(" "))?;
        }
    }
    writeln!(out)?;
    Ok(())
}
