//! `dyad eval`, run through the real binary.
//!
//! - `eval --all --baseline eval/baseline.json` over the gold files in `../shared/data` must not fall below
//!   the committed baselines (skipped with a message when `../shared` is missing, unless
//!   `DYAD_REQUIRE_SHARED=1`, as in CI).
//! - A small PETRARCH record file written here (with its own dictionary) gives a report with the
//!   documented JSON structure, whether or not `../shared` exists.

use std::path::{Path, PathBuf};
use std::process::Command;

const DYAD: &str = env!("CARGO_BIN_EXE_dyad");

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared_required() -> bool {
    std::env::var("DYAD_REQUIRE_SHARED").is_ok_and(|v| v == "1")
}

#[test]
fn all_formats_hold_their_baselines() {
    let root = repo_root();
    if !root.join("../shared/data/gold").is_dir() {
        assert!(
            !shared_required(),
            "DYAD_REQUIRE_SHARED=1 but ../shared/data/gold is missing beside the repository"
        );
        eprintln!("skipping: ../shared/data/gold not found beside the repository");
        return;
    }
    assert!(
        root.join("eval/baseline.json").is_file(),
        "eval/baseline.json is missing"
    );
    let output = Command::new(DYAD)
        .current_dir(&root)
        .args([
            "eval",
            "--all",
            "--baseline",
            "eval/baseline.json",
            "--show-errors",
            "0",
        ])
        .output()
        .expect("run dyad");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "dyad eval --all fell below eval/baseline.json (exit {:?}):\n{stdout}\n{stderr}",
        output.status.code()
    );
    assert!(stdout.contains("petrarch.ids_passed"), "{stdout}");
    assert!(
        stdout.contains("no figure fell below its baseline"),
        "{stdout}"
    );
}

#[test]
fn a_petrarch_file_gives_the_documented_report() {
    let dir = std::env::temp_dir().join(format!("dyad-eval-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("tiny.dict.txt"),
        "country: Arnor\n  code: ARN\ncountry: Gondor\n  code: GON\n\
         action: 042   # make a visit\n  verb: visit {tgt}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("records.xml"),
        r#"<Validation>
<Environment><Actorfile>tiny.dict.txt</Actorfile></Environment>
<Sentences>
<Sentence date="20200101" id="T-01" category="DEMO">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="042"></EventCoding>
<Text>Arnor visited Gondor on Monday.</Text>
</Sentence>
<Sentence date="20200102" id="T-02" category="NONE">
<!-- nothing to code -->
<EventCoding noevents="True"></EventCoding>
<Text>It rained in the hills.</Text>
</Sentence>
</Sentences>
</Validation>
"#,
    )
    .unwrap();
    let output = Command::new(DYAD)
        .args([
            "eval",
            "--format",
            "petrarch",
            "--json",
            "--show-errors",
            "5",
        ])
        .arg(dir.join("records.xml"))
        .output()
        .expect("run dyad");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(report["format"], "petrarch");
    assert_eq!(report["items"], 2);
    assert!(report["file"].as_str().unwrap().ends_with("records.xml"));
    let metrics = report["metrics"].as_object().unwrap();
    let names: Vec<&str> = metrics.keys().map(String::as_str).collect();
    for name in [
        "ids_passed",
        "records_passed",
        "triple_precision",
        "triple_recall",
        "triple_f1",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    for metric in metrics.values() {
        for field in ["value", "numerator", "denominator", "ci_low", "ci_high"] {
            assert!(metric[field].is_number(), "{field} in {metric}");
        }
        let (low, value, high) = (
            metric["ci_low"].as_f64().unwrap(),
            metric["value"].as_f64().unwrap(),
            metric["ci_high"].as_f64().unwrap(),
        );
        assert!(low <= value + 1e-9 && value <= high + 1e-9, "{metric}");
    }
    assert_eq!(metrics["records_passed"]["denominator"], 2);
    assert_eq!(
        metrics["triple_recall"]["denominator"], 1,
        "one expected triple"
    );
    // The record without events passes whatever the coder does with the first one.
    assert!(metrics["records_passed"]["numerator"].as_u64().unwrap() >= 1);
    let categories = report["details"]["by_category"].as_array().unwrap();
    assert_eq!(categories.len(), 2);
}
