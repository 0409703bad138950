//! Measures sentence/unit segmentation and tagging against gold samples written for dyad
//! (`tests/data/sentence_gold.txt`, `tests/data/pos_gold.tsv`) and fails below the recorded floors.
//! Run with `--nocapture` to see the figures.

use dyad_text::{Analyzer, UnitKind};

const SENTENCE_GOLD: &str = include_str!("data/sentence_gold.txt");
const POS_GOLD: &str = include_str!("data/pos_gold.tsv");

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn unit_segmentation_matches_gold() {
    let mut analyzer = Analyzer::default();
    let (mut gold_total, mut found_total, mut correct) = (0usize, 0usize, 0usize);
    let (mut furniture_gold, mut furniture_correct) = (0usize, 0usize);
    let mut misses = Vec::new();
    for doc in SENTENCE_GOLD.split("=== ").filter(|d| !d.trim().is_empty()) {
        let (head, expected) = doc
            .split_once("\n--- expected\n")
            .expect("gold doc has expectations");
        let (name, raw) = head.split_once('\n').expect("gold doc has a name line");
        let gold: Vec<(String, String)> = expected
            .lines()
            .filter(|l| l.starts_with('['))
            .map(|l| {
                let (label, text) = l[1..].split_once("] ").expect("label");
                (label.to_string(), normalise(text))
            })
            .collect();
        let analysis = analyzer.analyse(raw);
        let found: Vec<(String, String)> = analysis
            .units
            .iter()
            .map(|u| (u.kind.as_str().to_string(), normalise(u.text(raw))))
            .collect();
        gold_total += gold.len();
        found_total += found.len();
        for unit in &gold {
            let hit = found.contains(unit);
            correct += usize::from(hit);
            if unit.0 != UnitKind::Body.as_str() {
                furniture_gold += 1;
                furniture_correct += usize::from(hit);
            }
            if !hit {
                misses.push(format!("{name}: missed [{}] {}", unit.0, unit.1));
            }
        }
    }
    let precision = correct as f64 / found_total as f64;
    let recall = correct as f64 / gold_total as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    println!(
        "units: gold {gold_total}, found {found_total}, exact {correct}: P {precision:.3} R {recall:.3} F1 {f1:.3}; \
         non-body units {furniture_correct}/{furniture_gold}"
    );
    for miss in misses.iter().take(40) {
        println!("  {miss}");
    }
    assert!(f1 >= 0.90, "unit F1 {f1:.3} below 0.90");
}

#[test]
fn tagging_matches_gold() {
    let mut analyzer = Analyzer::default();
    let (mut tokens, mut aligned, mut tag_ok, mut lemma_ok) = (0usize, 0usize, 0usize, 0usize);
    let (mut nv_total, mut nv_ok) = (0usize, 0usize);
    let mut confusions = std::collections::BTreeMap::<String, usize>::new();
    for block in POS_GOLD.split("\n\n").filter(|b| b.contains("# text = ")) {
        let mut text = "";
        let mut gold = Vec::new();
        for line in block.lines() {
            if let Some(t) = line.strip_prefix("# text = ") {
                text = t;
            } else if !line.starts_with('#') && !line.trim().is_empty() {
                let mut f = line.split('\t');
                let (Some(tok), Some(tag), Some(lemma)) = (f.next(), f.next(), f.next()) else {
                    continue;
                };
                gold.push((tok.to_string(), tag.to_string(), lemma.to_string()));
            }
        }
        let analysis = analyzer.analyse(text);
        let ours: Vec<(String, String, String)> = analysis
            .tokens
            .iter()
            .map(|t| {
                (
                    t.text(text).to_string(),
                    t.tag.as_str().to_string(),
                    t.lemma_string(text),
                )
            })
            .collect();
        tokens += gold.len();
        // Align by surface form in order (tokenisation differences count as misses).
        let mut j = 0;
        for (tok, tag, lemma) in &gold {
            let Some(offset) = ours[j..].iter().take(3).position(|o| &o.0 == tok) else {
                continue;
            };
            let o = &ours[j + offset];
            j += offset + 1;
            aligned += 1;
            tag_ok += usize::from(&o.1 == tag);
            lemma_ok += usize::from(o.2 == lemma.to_lowercase());
            if tag == "NOUN" || tag == "VERB" {
                nv_total += 1;
                nv_ok += usize::from(&o.1 == tag);
            }
            if &o.1 != tag {
                *confusions
                    .entry(format!("{tag}->{} ({tok})", o.1))
                    .or_default() += 1;
            }
        }
    }
    let acc = tag_ok as f64 / tokens as f64;
    println!(
        "tagging: {tokens} gold tokens, {aligned} aligned; UPOS accuracy {acc:.3}; lemma accuracy {:.3}; \
         NOUN/VERB accuracy {:.3} ({nv_ok}/{nv_total})",
        lemma_ok as f64 / aligned as f64,
        nv_ok as f64 / nv_total as f64
    );
    let mut worst: Vec<_> = confusions.into_iter().collect();
    worst.sort_by_key(|b| std::cmp::Reverse(b.1));
    for (what, n) in worst.iter().take(40) {
        println!("  {n:3} {what}");
    }
    assert!(acc >= 0.85, "UPOS accuracy {acc:.3} below 0.85");
}
