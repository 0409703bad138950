//! ConfliBERT's CAMEO class data (`cameo_class/*.tsv`: sentence, class): 0 neutral, 1 verbal cooperation,
//! 2 material cooperation, 3 verbal conflict, 4 material conflict. dyad's class for a sentence is the quad
//! class of its first event (GDELT's QuadClass of the CAMEO root, so CAMEO 01/02 statements count as
//! verbal cooperation); a sentence without an event is class 0.

use super::stats::{Confusion, Resamples, macro_f1, share};
use super::{
    Dicts, ErrorCase, Format, Options, Report, code_documents, describe_events, document, read_tsv,
};
use anyhow::{Result, bail};
use serde_json::json;
use std::path::Path;

/// Class names, by class number.
pub const CLASSES: [&str; 5] = [
    "neutral",
    "verbal-coop",
    "material-coop",
    "verbal-conflict",
    "material-conflict",
];

/// How wrong a prediction is: cooperation read as conflict (or the reverse) 3, verbal read as material
/// (or the reverse) 2, an event where there is none or none where there is one 1.
fn badness(gold: usize, predicted: usize) -> f64 {
    let side = |c: usize| match c {
        1 | 2 => Some(false),
        3 | 4 => Some(true),
        _ => None,
    };
    match (side(gold), side(predicted)) {
        _ if gold == predicted => 0.0,
        (Some(a), Some(b)) if a != b => 3.0,
        (Some(_), Some(_)) => 2.0,
        _ => 1.0,
    }
}

/// Evaluates a ConfliBERT CAMEO class TSV file.
pub fn evaluate(path: &Path, dicts: &Dicts, options: &Options) -> Result<Report> {
    let mut items = Vec::new();
    for (line, fields) in read_tsv(path)? {
        let [text, class] = fields.as_slice() else {
            bail!("line {line}: expected sentence<TAB>class")
        };
        let Some(class) = class
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|c| *c < CLASSES.len())
        else {
            if line == 1 {
                continue; // a header
            }
            bail!("line {line}: class {class:?} is not 0-4");
        };
        items.push((line, text.clone(), class));
    }
    if items.is_empty() {
        bail!("no sentences");
    }
    let coder = dicts.coder()?;
    let docs: Vec<_> = items
        .iter()
        .map(|(line, text, _)| document(&format!("line-{line}"), text, None, path, *line))
        .collect();
    let (coded, failures) = code_documents(coder, &docs);
    let gold: Vec<usize> = items.iter().map(|i| i.2).collect();
    let predicted: Vec<usize> = coded
        .iter()
        .map(|c| {
            c.events.first().map_or(0, |e| {
                usize::from(e.cameo.quad_class).min(CLASSES.len() - 1)
            })
        })
        .collect();
    let correct: Vec<bool> = gold.iter().zip(&predicted).map(|(g, p)| g == p).collect();
    let no_event: Vec<bool> = coded.iter().map(|c| c.events.is_empty()).collect();

    let resamples = Resamples::standard(items.len());
    let mut report = Report::new(Format::ConflibertQuad, path, items.len());
    report.metrics.add("accuracy", share(&resamples, &correct));
    report.metrics.add(
        "macro_f1",
        macro_f1(&resamples, &gold, &predicted, CLASSES.len(), None),
    );
    report
        .metrics
        .add("no_event_rate", share(&resamples, &no_event).lower_better());
    let confusion = Confusion::new(
        CLASSES
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{i} {c}"))
            .collect(),
        &gold,
        &predicted,
    );
    report.details = json!({
        "classes": CLASSES,
        "no_event": no_event.iter().filter(|&&b| b).count(),
        "confusion": confusion,
    });
    report.push_confusion(
        "quad class confusion (rows gold, columns dyad; no event = neutral)",
        &confusion,
    );
    report.note_failures(&failures, &docs);
    if options.show_errors > 0 {
        let cases = items
            .iter()
            .zip(&coded)
            .zip(predicted.iter().zip(&gold))
            .filter(|(_, (p, g))| p != g)
            .map(|(((line, text, _), coded), (p, g))| ErrorCase {
                id: format!("line {line}"),
                text: text.clone(),
                gold: format!("{g} {}", CLASSES[*g]),
                dyad: format!("{p} {}  ⟨{}⟩", CLASSES[*p], describe_events(&coded.events)),
                badness: badness(*g, *p),
            })
            .collect();
        report.keep_worst(cases, options.show_errors);
    }
    Ok(report)
}
