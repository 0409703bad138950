//! PLOVER gold standard records (the CAMEO-manual examples recoded in PLOVER 0.5, one JSON object per
//! line: `id`, `date`, `source` [{actorText, code}], `target` (a list, `""` or absent), `event`, `text`,
//! `textInfo.markup`).
//!
//! dyad's prediction for an item is its highest-confidence event that has a PLOVER type (ties: the first);
//! an item where dyad coded nothing is wrong and counted as "no event", one where dyad coded only CAMEO
//! 01/02 events (no PLOVER type) is wrong and counted as "no PLOVER event". Countries: an actor's country
//! is [`EventActor::country`] or the first three characters of its code (`---` = unknown). A gold record
//! without a target whose markup tags its sources `SRC/TAR` is reciprocal: each source is also the
//! other's recipient (CAMEO's compound/symmetric coding).
//!
//! The records use PLOVER 0.5 type names; they are mapped to the 16 current types by [`current_type`].
//!
//! [`EventActor::country`]: dyad_coder::event::EventActor

use super::stats::{Confusion, Prf, Resamples, prf_metrics, share};
use super::{
    Dicts, ErrorCase, Format, Options, Pick, Report, actor_country, code_documents, describe_event,
    describe_events, document,
};
use anyhow::{Context, Result, bail};
use dyad_coder::Event;
use dyad_ontology::PloverType;
use serde_json::{Value, json};
use std::path::Path;

/// PLOVER 0.5 event types renamed or merged since, and what they are now (PLOVER manual, "CAMEO to
/// PLOVER translation"): `DEMAND` → `REQUEST` (CAMEO 10), `DISAPPROVE` → `ACCUSE` (CAMEO 11),
/// `INVESTIGATE` → `ACCUSE` (CAMEO 09; now the `investigate` mode of ACCUSE), `FIGHT` → `ASSAULT`
/// (CAMEO 19 conventional force, now ASSAULT with a weapon mode). Every other 0.5 name (AGREE, CONSULT,
/// SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE,
/// ASSAULT) is unchanged.
pub const OLD_TYPES: &[(&str, &str)] = &[
    ("DEMAND", "REQUEST"),
    ("DISAPPROVE", "ACCUSE"),
    ("INVESTIGATE", "ACCUSE"),
    ("FIGHT", "ASSAULT"),
];

/// The current PLOVER type for a 0.5 or current type name.
pub fn current_type(name: &str) -> Option<PloverType> {
    let name = name.trim();
    let name = OLD_TYPES
        .iter()
        .find(|(old, _)| old.eq_ignore_ascii_case(name))
        .map_or(name, |(_, new)| new);
    dyad_ontology::plover_type(name)
}

/// One gold record.
#[derive(Debug, Clone)]
struct Item {
    id: String,
    text: String,
    line: u64,
    date: Option<jiff::civil::Date>,
    raw_type: String,
    event: PloverType,
    sources: Vec<String>,
    targets: Vec<String>,
    reciprocal: bool,
}

fn codes(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|a| a.get("code").and_then(Value::as_str))
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

fn read(path: &Path) -> Result<Vec<Item>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut items = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let line_no = i as u64 + 1;
        let record: Value =
            serde_json::from_str(line).with_context(|| format!("line {line_no}"))?;
        let field = |k: &str| {
            record
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let raw_type = field("event");
        let event = current_type(&raw_type)
            .with_context(|| format!("line {line_no}: unknown PLOVER type {raw_type:?}"))?;
        let sources = codes(record.get("source"));
        let targets = codes(record.get("target"));
        let markup = record
            .pointer("/textInfo/markup")
            .and_then(Value::as_str)
            .unwrap_or("");
        items.push(Item {
            id: field("id"),
            text: field("text"),
            line: line_no,
            date: dyad_text::date::parse_date(&field("date")),
            raw_type,
            event,
            reciprocal: targets.is_empty() && sources.len() > 1 && markup.contains("SRC/TAR"),
            sources,
            targets,
        });
    }
    if items.is_empty() {
        bail!("no records");
    }
    Ok(items)
}

fn dedup(mut list: Vec<String>) -> Vec<String> {
    list.sort();
    list.dedup();
    list
}

/// Gold (actor countries, recipient countries, triples).
fn gold_sets(item: &Item) -> (Vec<String>, Vec<String>, Vec<String>) {
    let ty = item.event.as_str();
    let actors = dedup(item.sources.clone());
    let mut triples = Vec::new();
    let recipients = if item.reciprocal {
        for (i, a) in item.sources.iter().enumerate() {
            for (j, r) in item.sources.iter().enumerate() {
                if i != j {
                    triples.push(format!("{a} {ty} {r}"));
                }
            }
        }
        actors.clone()
    } else {
        let targets = if item.targets.is_empty() {
            vec!["---".to_string()]
        } else {
            item.targets.clone()
        };
        for a in &item.sources {
            for r in &targets {
                triples.push(format!("{a} {ty} {r}"));
            }
        }
        dedup(item.targets.clone())
    };
    (actors, recipients, dedup(triples))
}

/// Predicted (actor countries, recipient countries, triples) of dyad's chosen event.
fn predicted_sets(event: Option<&Event>) -> (Vec<String>, Vec<String>, Vec<String>) {
    let Some(event) = event else {
        return Default::default();
    };
    let ty = event.plover.as_ref().map_or("-", |p| p.event_type.as_str());
    let actors = dedup(event.actors.iter().filter_map(actor_country).collect());
    let recipients = dedup(event.recipients.iter().filter_map(actor_country).collect());
    let country =
        |a: &dyad_coder::event::EventActor| actor_country(a).unwrap_or_else(|| "---".to_string());
    let mut triples = Vec::new();
    for a in &event.actors {
        if event.recipients.is_empty() {
            triples.push(format!("{} {ty} ---", country(a)));
        }
        for r in event.recipients.iter().filter(|r| r.entity != a.entity) {
            triples.push(format!("{} {ty} {}", country(a), country(r)));
        }
    }
    (actors, recipients, dedup(triples))
}

/// Evaluates a PLOVER GSR file.
pub fn evaluate(path: &Path, dicts: &Dicts, options: &Options) -> Result<Report> {
    let items = read(path)?;
    let coder = dicts.coder()?;
    let docs: Vec<_> = items
        .iter()
        .map(|i| document(&i.id, &i.text, i.date, path, i.line))
        .collect();
    let (coded, failures) = code_documents(coder, &docs);
    let picks: Vec<Pick> = coded.iter().map(|c| Pick::of(&c.events)).collect();

    let correct: Vec<bool> = items
        .iter()
        .zip(&picks)
        .map(|(i, p)| p.label() == i.event.as_str())
        .collect();
    let no_event: Vec<bool> = picks.iter().map(|p| matches!(p, Pick::NoEvent)).collect();
    let mut actor_counts = Vec::new();
    let mut recipient_counts = Vec::new();
    let mut triple_counts = Vec::new();
    for (item, pick) in items.iter().zip(&picks) {
        let (ga, gr, gt) = gold_sets(item);
        let (pa, pr, pt) = predicted_sets(pick.event());
        actor_counts.push(Prf::of(&pa, &ga));
        recipient_counts.push(Prf::of(&pr, &gr));
        triple_counts.push(Prf::of(&pt, &gt));
    }

    let resamples = Resamples::standard(items.len());
    let mut report = Report::new(Format::Plover, path, items.len());
    report
        .metrics
        .add("type_accuracy", share(&resamples, &correct));
    report
        .metrics
        .add("no_event_rate", share(&resamples, &no_event).lower_better());
    for (name, counts) in [
        ("actor_country", &actor_counts),
        ("recipient_country", &recipient_counts),
        ("triple", &triple_counts),
    ] {
        let [p, r, f] = prf_metrics(&resamples, counts);
        report.metrics.add(&format!("{name}_precision"), p);
        report.metrics.add(&format!("{name}_recall"), r);
        report.metrics.add(&format!("{name}_f1"), f);
    }

    // Confusion of types: the 16 types, then NO-PLOVER and NONE.
    let mut labels: Vec<String> = PloverType::ALL
        .iter()
        .map(|t| t.as_str().to_string())
        .collect();
    labels.push("NO-PLOVER".into());
    labels.push("NONE".into());
    let index = |label: &str| {
        labels
            .iter()
            .position(|l| l == label)
            .unwrap_or(labels.len() - 1)
    };
    let gold_idx: Vec<usize> = items.iter().map(|i| index(i.event.as_str())).collect();
    let pred_idx: Vec<usize> = picks.iter().map(|p| index(p.label())).collect();
    let confusion = Confusion::new(labels.clone(), &gold_idx, &pred_idx).trimmed();
    let no_plover = picks.iter().filter(|p| matches!(p, Pick::NoPlover)).count();
    let renamed: Vec<Value> = OLD_TYPES
        .iter()
        .map(|(old, new)| json!({"old": old, "current": new, "items": items.iter().filter(|i| i.raw_type.eq_ignore_ascii_case(old)).count()}))
        .collect();
    report.details = json!({
        "no_event": no_event.iter().filter(|&&b| b).count(),
        "no_plover_event": no_plover,
        "reciprocal_gold_records": items.iter().filter(|i| i.reciprocal).count(),
        "renamed_types": renamed,
        "confusion": confusion,
        "actor_country": Prf::total(&actor_counts),
        "recipient_country": Prf::total(&recipient_counts),
        "triple": Prf::total(&triple_counts),
    });
    report.tables.push(format!(
        "  no event: {}; only CAMEO 01/02 events (no PLOVER type): {}; reciprocal gold records: {}",
        no_event.iter().filter(|&&b| b).count(),
        no_plover,
        items.iter().filter(|i| i.reciprocal).count()
    ));
    report.push_confusion("type confusion (rows gold, columns dyad)", &confusion);

    report.note_failures(&failures, &docs);
    if options.show_errors > 0 {
        let cases = items
            .iter()
            .zip(&picks)
            .zip(&coded)
            .zip(&triple_counts)
            .zip(&correct)
            .filter(|((_, t), ok)| !**ok || !t.exact())
            .map(|((((item, pick), coded), t), ok)| {
                let (_, _, gold_triples) = gold_sets(item);
                let chosen = match pick {
                    Pick::Event(e) => describe_event(e),
                    Pick::NoPlover => "no PLOVER event".to_string(),
                    Pick::NoEvent => "no event".to_string(),
                };
                ErrorCase {
                    id: item.id.clone(),
                    text: item.text.clone(),
                    gold: format!(
                        "{}{} | {}",
                        item.event.as_str(),
                        if item.raw_type != item.event.as_str() {
                            format!(" (was {})", item.raw_type)
                        } else {
                            String::new()
                        },
                        gold_triples.join("; ")
                    ),
                    dyad: format!("{chosen}  ⟨all: {}⟩", describe_events(&coded.events)),
                    badness: if *ok { 0.0 } else { 2.0 } + f64::from(t.fp + t.fn_) / 10.0,
                }
            })
            .collect();
        report.keep_worst(cases, options.show_errors);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_type_names_map_to_current_ones() {
        assert_eq!(current_type("DEMAND"), Some(PloverType::Request));
        assert_eq!(current_type("DISAPPROVE"), Some(PloverType::Accuse));
        assert_eq!(current_type("INVESTIGATE"), Some(PloverType::Accuse));
        assert_eq!(current_type("FIGHT"), Some(PloverType::Assault));
        assert_eq!(current_type("AGREE"), Some(PloverType::Agree));
        assert_eq!(current_type("NONSENSE"), None);
    }

    #[test]
    fn reciprocal_gold_pairs_the_sources() {
        let item = Item {
            id: "x".into(),
            text: String::new(),
            line: 1,
            date: None,
            raw_type: "AGREE".into(),
            event: PloverType::Agree,
            sources: vec!["USA".into(), "JOR".into()],
            targets: vec![],
            reciprocal: true,
        };
        let (a, r, t) = gold_sets(&item);
        assert_eq!(a, ["JOR", "USA"]);
        assert_eq!(r, ["JOR", "USA"]);
        assert_eq!(t, ["JOR AGREE USA", "USA AGREE JOR"]);
        let one_sided = Item {
            reciprocal: false,
            ..item
        };
        let (_, r, t) = gold_sets(&one_sided);
        assert!(r.is_empty());
        assert_eq!(t, ["JOR AGREE ---", "USA AGREE ---"]);
    }
}
