//! CASE 2021 shared task 2 (fine-grained event classification): news snippets with one of 30 subtypes
//! (25 ACLED subtypes plus ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB). Subtypes are
//! mapped to the PLOVER type that covers them ([`MAPPING`]); the others are reported as unmapped and only
//! count in the "no event" figures. dyad's type for a snippet is that of its highest-confidence event with
//! a PLOVER type; a snippet where dyad coded nothing (or only CAMEO 01/02 events) is wrong.

use super::stats::{Confusion, Resamples, macro_f1, share, share_of};
use super::{
    Dicts, ErrorCase, Format, Options, Pick, Report, code_documents, describe_events, document,
    read_tsv,
};
use anyhow::{Result, bail};
use dyad_ontology::PloverType;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;

/// CASE 2021 subtype → PLOVER type (and the PLOVER mode that makes the match), `None` where PLOVER has no
/// type for it. Keep `docs/evaluation.md` in step.
pub const MAPPING: &[(&str, Option<(PloverType, &str)>)] = &[
    // Battles.
    ("ARMED_CLASH", Some((PloverType::Assault, "firearms"))),
    ("GOV_REGAINS_TERIT", Some((PloverType::Assault, "firearms"))),
    (
        "NON_STATE_ACTOR_OVERTAKES_TER",
        Some((PloverType::Assault, "firearms")),
    ),
    // Explosions / remote violence.
    ("AIR_STRIKE", Some((PloverType::Assault, "aerial"))),
    (
        "ART_MISS_ATTACK",
        Some((PloverType::Assault, "heavy-weapons")),
    ),
    ("CHEM_WEAP", Some((PloverType::Assault, "unconventional"))),
    ("GRENADE", Some((PloverType::Assault, "explosives"))),
    ("REM_EXPLOS", Some((PloverType::Assault, "explosives"))),
    ("SUIC_BOMB", Some((PloverType::Assault, "suicide-attack"))),
    // Violence against civilians.
    ("ATTACK", Some((PloverType::Assault, ""))),
    ("ABDUCT_DISSAP", Some((PloverType::Assault, "abduct"))),
    ("SEX_VIOL", Some((PloverType::Assault, "sexual"))),
    // Protests and riots.
    ("PEACE_PROTEST", Some((PloverType::Protest, "demo"))),
    ("PROTEST_WITH_INTER", Some((PloverType::Protest, "demo"))),
    ("VIOL_DEMONSTR", Some((PloverType::Protest, "riot"))),
    (
        "FORCE_AGAINST_PROTEST",
        Some((PloverType::Assault, "crowd-control")),
    ),
    ("MOB_VIOL", Some((PloverType::Assault, "primitive"))),
    // Strategic developments.
    ("AGREEMENT", Some((PloverType::Agree, ""))),
    ("ARREST", Some((PloverType::Coerce, "arrest"))),
    ("PROPERTY_DISTRUCT", Some((PloverType::Assault, "destroy"))),
    (
        "NON_VIOL_TERRIT_TRANSFER",
        Some((PloverType::Retreat, "withdraw")),
    ),
    ("HQ_ESTABLISHED", Some((PloverType::Mobilize, "troops"))),
    ("CHANGE_TO_GROUP_ACT", None),
    ("DISR_WEAP", None),
    ("OTHER", None),
    // Types outside ACLED.
    ("DIPLO", Some((PloverType::Sanction, "expel"))),
    ("ATTRIB", None),
    ("ORG_CRIME", None),
    ("NATURAL_DISASTER", None),
    ("MAN_MADE_DISASTER", None),
];

/// The PLOVER type of a subtype, if it has one; `Err` for a subtype the table does not know.
pub fn plover_for(subtype: &str) -> Result<Option<PloverType>, ()> {
    MAPPING
        .iter()
        .find(|(s, _)| *s == subtype)
        .map(|(_, m)| m.map(|(t, _)| t))
        .ok_or(())
}

struct Item {
    id: String,
    text: String,
    line: u64,
    subtype: String,
    plover: Option<PloverType>,
}

/// Evaluates a CASE 2021 task 2 TSV file.
pub fn evaluate(path: &Path, dicts: &Dicts, options: &Options) -> Result<Report> {
    let mut items = Vec::new();
    for (line, fields) in read_tsv(path)? {
        if fields.len() < 3 || (line == 1 && fields[0] == "id") {
            continue;
        }
        let subtype = fields[2].trim().to_string();
        let Ok(plover) = plover_for(&subtype) else {
            bail!("line {line}: unknown subtype {subtype:?}")
        };
        items.push(Item {
            id: fields[0].clone(),
            text: fields[1].clone(),
            line,
            subtype,
            plover,
        });
    }
    if items.is_empty() {
        bail!("no snippets");
    }
    let coder = dicts.coder()?;
    let docs: Vec<_> = items
        .iter()
        .map(|i| document(&i.id, &i.text, None, path, i.line))
        .collect();
    let (coded, failures) = code_documents(coder, &docs);
    let picks: Vec<Pick> = coded.iter().map(|c| Pick::of(&c.events)).collect();

    let mapped: Vec<bool> = items.iter().map(|i| i.plover.is_some()).collect();
    let correct: Vec<bool> = items
        .iter()
        .zip(&picks)
        .map(|(i, p)| i.plover.is_some_and(|t| p.label() == t.as_str()))
        .collect();
    let no_event: Vec<bool> = picks.iter().map(|p| !matches!(p, Pick::Event(_))).collect();
    let unmapped: Vec<bool> = mapped.iter().map(|m| !m).collect();

    // Labels: the 16 types, then NONE (no event or no PLOVER event).
    let mut labels: Vec<String> = PloverType::ALL
        .iter()
        .map(|t| t.as_str().to_string())
        .collect();
    labels.push("NONE".into());
    let none = labels.len() - 1;
    let index = |label: &str| labels.iter().position(|l| l == label).unwrap_or(none);
    let mapped_items: Vec<usize> = (0..items.len()).filter(|&k| mapped[k]).collect();
    let gold_idx: Vec<usize> = mapped_items
        .iter()
        .map(|&k| index(items[k].plover.map_or("NONE", |t| t.as_str())))
        .collect();
    let pred_idx: Vec<usize> = mapped_items
        .iter()
        .map(|&k| index(picks[k].label()))
        .collect();

    let resamples = Resamples::standard(items.len());
    let mapped_resamples = Resamples::standard(mapped_items.len());
    let mut report = Report::new(Format::Case2021, path, items.len());
    report
        .metrics
        .add("type_accuracy", share_of(&resamples, &correct, &mapped));
    report.metrics.add(
        "macro_f1",
        macro_f1(
            &mapped_resamples,
            &gold_idx,
            &pred_idx,
            labels.len(),
            Some(none),
        ),
    );
    report.metrics.add(
        "no_event_rate_mapped",
        share_of(&resamples, &no_event, &mapped).lower_better(),
    );
    report
        .metrics
        .add("no_event_rate", share(&resamples, &no_event).lower_better());

    // Per subtype: n, mapped type, correct, no event.
    let mut by_subtype: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for ((item, ok), none) in items.iter().zip(&correct).zip(&no_event) {
        let entry = by_subtype.entry(item.subtype.as_str()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(*ok);
        entry.2 += usize::from(*none);
    }
    let confusion = Confusion::new(labels.clone(), &gold_idx, &pred_idx).trimmed();
    let mapping = |s: &str| MAPPING.iter().find(|(k, _)| *k == s).and_then(|(_, m)| *m);
    report.details = json!({
        "mapped_items": mapped_items.len(),
        "unmapped_items": items.len() - mapped_items.len(),
        "unmapped_without_event": no_event.iter().zip(&unmapped).filter(|(n, u)| **n && **u).count(),
        "by_subtype": by_subtype.iter().map(|(s, (n, ok, none))| json!({
            "subtype": s,
            "plover": mapping(s).map(|(t, _)| t.as_str()),
            "mode": mapping(s).map(|(_, m)| m).filter(|m| !m.is_empty()),
            "items": n, "correct": ok, "no_event": none,
        })).collect::<Vec<_>>(),
        "confusion": confusion,
    });
    report.tables.push(format!(
        "  mapped snippets {} of {}; by subtype (n, correct, no event):",
        mapped_items.len(),
        items.len()
    ));
    for (subtype, (n, ok, none)) in &by_subtype {
        let target =
            mapping(subtype).map_or("(unmapped)".to_string(), |(t, _)| t.as_str().to_string());
        report.tables.push(format!(
            "    {subtype:<30} {target:<10} {n:>4} {ok:>4} {none:>4}"
        ));
    }
    report.push_confusion(
        "type confusion on mapped snippets (rows gold, columns dyad)",
        &confusion,
    );

    report.note_failures(&failures, &docs);
    if options.show_errors > 0 {
        let cases = items
            .iter()
            .zip(&picks)
            .zip(&coded)
            .zip(&correct)
            .filter(|((_, _), ok)| !**ok)
            .filter(|(((item, pick), _), _)| {
                item.plover.is_some() || matches!(pick, Pick::Event(_))
            })
            .map(|(((item, pick), coded), _)| ErrorCase {
                id: item.id.clone(),
                text: item.text.clone(),
                gold: format!(
                    "{} → {}",
                    item.subtype,
                    item.plover.map_or("(unmapped)", |t| t.as_str())
                ),
                dyad: format!("{}  ⟨{}⟩", pick.label(), describe_events(&coded.events)),
                badness: if item.plover.is_some() { 1.0 } else { 0.0 },
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
    fn every_subtype_of_the_task_is_in_the_table() {
        let all = [
            "ABDUCT_DISSAP",
            "AGREEMENT",
            "AIR_STRIKE",
            "ARMED_CLASH",
            "ARREST",
            "ART_MISS_ATTACK",
            "ATTACK",
            "CHANGE_TO_GROUP_ACT",
            "CHEM_WEAP",
            "DISR_WEAP",
            "FORCE_AGAINST_PROTEST",
            "GOV_REGAINS_TERIT",
            "GRENADE",
            "HQ_ESTABLISHED",
            "MOB_VIOL",
            "NON_STATE_ACTOR_OVERTAKES_TER",
            "NON_VIOL_TERRIT_TRANSFER",
            "OTHER",
            "PEACE_PROTEST",
            "PROPERTY_DISTRUCT",
            "PROTEST_WITH_INTER",
            "REM_EXPLOS",
            "SEX_VIOL",
            "SUIC_BOMB",
            "VIOL_DEMONSTR",
            "ORG_CRIME",
            "NATURAL_DISASTER",
            "MAN_MADE_DISASTER",
            "DIPLO",
            "ATTRIB",
        ];
        assert_eq!(MAPPING.len(), all.len());
        for subtype in all {
            assert!(plover_for(subtype).is_ok(), "{subtype}");
        }
        for (_, m) in MAPPING {
            if let Some((ty, mode)) = m {
                assert!(
                    mode.is_empty() || ty.mode(mode).is_some(),
                    "{ty} has no mode {mode}"
                );
            }
        }
        assert_eq!(plover_for("ARREST"), Ok(Some(PloverType::Coerce)));
        assert_eq!(plover_for("NATURAL_DISASTER"), Ok(None));
        assert_eq!(plover_for("UNKNOWN"), Err(()));
    }
}
