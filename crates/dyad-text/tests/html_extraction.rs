//! Main-content extraction measured on the shared article-extraction benchmark pages
//! (`../shared/data/html_extraction`: real news pages with human-checked article bodies): token-level
//! precision, recall and F1 of the extracted text against the gold body, averaged over pages.
//! Skipped with a message when `../shared` is absent; CI has it and requires F1 >= 0.90.

use dyad_text::read::extract_html;
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;

fn shared_dir() -> Option<PathBuf> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/html_extraction");
    dir.join("ground-truth.json").exists().then_some(dir)
}

fn token_counts(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for token in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        *counts.entry(token.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// (precision, recall) of predicted against gold token multisets.
fn overlap(predicted: &str, gold: &str) -> (f64, f64) {
    let (p, g) = (token_counts(predicted), token_counts(gold));
    let common: usize = p
        .iter()
        .map(|(t, n)| (*n).min(*g.get(t).unwrap_or(&0)))
        .sum();
    let (np, ng): (usize, usize) = (p.values().sum(), g.values().sum());
    let precision = if np == 0 {
        0.0
    } else {
        common as f64 / np as f64
    };
    let recall = if ng == 0 {
        1.0
    } else {
        common as f64 / ng as f64
    };
    (precision, recall)
}

#[test]
fn extraction_f1_on_real_news_pages() {
    let Some(dir) = shared_dir() else {
        assert!(
            std::env::var_os("DYAD_REQUIRE_SHARED").is_none(),
            "../shared/data/html_extraction not found but DYAD_REQUIRE_SHARED is set"
        );
        println!("skipping: ../shared/data/html_extraction not found");
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("ground-truth.json")).expect("read gold"),
    )
    .expect("parse gold");
    let gold = gold.as_object().expect("gold is an object");
    let (mut sum_p, mut sum_r, mut sum_f, mut pages, mut failed) = (0.0, 0.0, 0.0, 0usize, 0usize);
    let mut worst = Vec::new();
    for (id, item) in gold {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let mut html = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("open page"))
            .read_to_string(&mut html)
            .expect("decompress page");
        let body = item["articleBody"].as_str().unwrap_or("");
        let url = item["url"].as_str();
        let (p, r) = match extract_html(&html, url) {
            Ok(page) => overlap(&page.text, body),
            Err(_) => {
                failed += 1;
                (0.0, 0.0)
            }
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        sum_p += p;
        sum_r += r;
        sum_f += f;
        pages += 1;
        worst.push((f, id.clone()));
    }
    let n = pages as f64;
    let (precision, recall, f1) = (sum_p / n, sum_r / n, sum_f / n);
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!(
        "html extraction: {pages} pages, {failed} without content; token P {precision:.3} R {recall:.3} F1 {f1:.3}"
    );
    for (f, id) in worst.iter().take(5) {
        println!("  worst: {f:.3} {id}");
    }
    assert!(f1 >= 0.90, "extraction F1 {f1:.3} below 0.90");
}
