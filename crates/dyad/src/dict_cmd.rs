//! `dyad dict`: look phrases up (`lookup`), count entries and CAMEO coverage (`stats`), and validate
//! dictionary files (`check`).

use crate::DictArgs;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use dyad_dict::model::{DictionarySet, TriggerKind};
use dyad_dict::{Compiled, load};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `dyad dict`.
#[derive(Args, Debug)]
pub struct DictCommand {
    #[command(subcommand)]
    action: DictAction,
}

#[derive(Subcommand, Debug)]
enum DictAction {
    /// Code a phrase with the dictionaries and show which entries matched.
    Lookup {
        /// The phrase ("Sergei Lavrov", "Russian foreign minister").
        phrase: String,
        /// Date for date-restricted codes (YYYY-MM-DD; default: undated codes).
        #[arg(long)]
        date: Option<jiff::civil::Date>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Count entries by kind, CAMEO coverage of the event patterns, load and compile time.
    Stats {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Read dictionary files and report every line that cannot be used (exit 1 if any).
    Check {
        /// Files or directories to check.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// Runs the command.
pub fn run(command: DictCommand, dicts: &DictArgs) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match command.action {
        DictAction::Lookup { phrase, date, json } => {
            let compiled = Compiled::build(dicts.load()?);
            let coded = dyad_coder::place::code_actor_phrase(&compiled, &phrase, date);
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&coded)?)?;
                return Ok(ExitCode::SUCCESS);
            }
            writeln!(
                out,
                "{phrase:?} → {}",
                coded.code.as_deref().unwrap_or("(no code)")
            )?;
            for part in &coded.parts {
                writeln!(
                    out,
                    "  {:<24} {:<8} {:<10} {}  ({})",
                    format!("{:?}", part.text),
                    part.role,
                    part.code,
                    part.entry,
                    part.source
                )?;
            }
            for part in coded.parts.iter().filter(|p| p.role != "agent") {
                if let Some(actor) = compiled.set.actors.iter().find(|a| a.name == part.entry) {
                    for code in &actor.codes {
                        let range = code.range.map_or_else(
                            || "default".to_string(),
                            |r| {
                                format!(
                                    "{}..{}",
                                    r.from.map_or(String::new(), |d| d.to_string()),
                                    r.to.map_or(String::new(), |d| d.to_string())
                                )
                            },
                        );
                        writeln!(out, "    {} code {} {}", actor.name, code.code, range)?;
                    }
                }
            }
            Ok(if coded.code.is_some() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        DictAction::Stats { json } => {
            let started = Instant::now();
            let set = dicts.load()?;
            let loaded = started.elapsed();
            let stats = Stats::of(&set);
            let compiled = Compiled::build(set);
            let total = started.elapsed();
            let (vocab, nodes, endings) = compiled.sizes();
            if json {
                let value = serde_json::json!({
                    "entries": stats.entries,
                    "rejected": compiled.set.rejected.len(),
                    "cameo_3digit_covered": stats.covered.len(),
                    "cameo_3digit_total": stats.all_three_digit.len(),
                    "cameo_3digit_missing": stats.missing(),
                    "automaton": {"tokens": vocab, "nodes": nodes, "phrase_endings": endings},
                    "load_ms": loaded.as_secs_f64() * 1e3,
                    "load_and_compile_ms": total.as_secs_f64() * 1e3,
                });
                writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
            } else {
                for (kind, n) in &stats.entries {
                    writeln!(out, "{kind:<28} {n:>7}")?;
                }
                writeln!(
                    out,
                    "{:<28} {:>7}",
                    "rejected lines",
                    compiled.set.rejected.len()
                )?;
                writeln!(
                    out,
                    "CAMEO 3-digit codes with a pattern: {}/{}{}",
                    stats.covered.len(),
                    stats.all_three_digit.len(),
                    if stats.missing().is_empty() {
                        String::new()
                    } else {
                        format!(" (missing: {})", stats.missing().join(" "))
                    }
                )?;
                writeln!(
                    out,
                    "automaton: {vocab} tokens, {nodes} nodes, {endings} phrase endings"
                )?;
                writeln!(
                    out,
                    "load {:.1} ms, load + compile {:.1} ms",
                    loaded.as_secs_f64() * 1e3,
                    total.as_secs_f64() * 1e3
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        DictAction::Check { paths } => {
            let mut bad = 0;
            for path in &paths {
                let set = load::load_path(path)
                    .with_context(|| format!("checking {}", path.display()))?;
                let stats = Stats::of(&set);
                let summary: Vec<String> = stats
                    .entries
                    .iter()
                    .filter(|(_, n)| **n > 0)
                    .map(|(k, n)| format!("{n} {k}"))
                    .collect();
                writeln!(out, "{}: {}", path.display(), summary.join(", "))?;
                for rejected in &set.rejected {
                    writeln!(
                        out,
                        "{}:{}: {}",
                        rejected.source.file, rejected.source.line, rejected.reason
                    )?;
                }
                bad += set.rejected.len();
            }
            Ok(if bad == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// Entry counts and CAMEO coverage of a dictionary set.
struct Stats {
    entries: BTreeMap<&'static str, usize>,
    covered: std::collections::BTreeSet<String>,
    all_three_digit: Vec<String>,
}

impl Stats {
    fn of(set: &DictionarySet) -> Stats {
        let mut entries = BTreeMap::new();
        let mut by_kind: BTreeMap<&'static str, usize> = BTreeMap::new();
        for actor in &set.actors {
            let kind = match actor.kind {
                dyad_dict::model::ActorKind::Country => "actors: countries",
                dyad_dict::model::ActorKind::Person => "actors: people",
                dyad_dict::model::ActorKind::Unknown => "actors: other (PETRARCH)",
                _ => "actors: organisations",
            };
            *by_kind.entry(kind).or_default() += 1;
        }
        entries.extend(by_kind);
        entries.insert(
            "actor names",
            set.actors.iter().map(|a| a.names.len()).sum(),
        );
        entries.insert("agents", set.agents.len());
        entries.insert(
            "agent nouns (with plurals)",
            set.agents.iter().map(|a| a.nouns.len()).sum(),
        );
        entries.insert(
            "patterns: verb",
            set.patterns
                .iter()
                .filter(|p| p.kind == TriggerKind::Verb)
                .count(),
        );
        entries.insert(
            "patterns: noun",
            set.patterns
                .iter()
                .filter(|p| p.kind == TriggerKind::Noun)
                .count(),
        );
        entries.insert("synonym sets", set.sets.len());
        entries.insert("discards", set.discards.len());
        entries.insert("issues", set.issues.len());
        let covered = set
            .patterns
            .iter()
            .filter_map(|p| p.code.get(..3))
            .filter(|code| dyad_ontology::cameo_event(code).is_some_and(|e| e.level() == 3))
            .map(str::to_string)
            .collect();
        let all_three_digit = dyad_ontology::cameo_events()
            .filter(|e| e.level() == 3)
            .map(|e| e.code().to_string())
            .collect();
        Stats {
            entries,
            covered,
            all_three_digit,
        }
    }

    fn missing(&self) -> Vec<String> {
        self.all_three_digit
            .iter()
            .filter(|c| !self.covered.contains(*c))
            .cloned()
            .collect()
    }
}
