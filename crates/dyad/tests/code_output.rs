//! `dyad code -o FORMAT [--out FILE]` on the example articles, through the real binary: every format writes
//! its rows, `gdelt` stays an alias of `gdelt-events`, the GDELT events and mentions files of one run join on
//! GLOBALEVENTID, and Parquet goes to `--out` (or a pipe).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DYAD: &str = env!("CARGO_BIN_EXE_dyad");

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles.jsonl")
}

fn code(args: &[&str]) -> Output {
    let output = Command::new(DYAD)
        .arg("code")
        .arg(examples())
        .arg("--quiet")
        .args(args)
        .output()
        .expect("dyad runs");
    assert!(
        output.status.success(),
        "dyad code {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stdout_of(args: &[&str]) -> String {
    String::from_utf8(code(args).stdout).expect("UTF-8 output")
}

/// A fresh temporary file path for this test process.
fn temporary(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("dyad-code-output-{}-{name}", std::process::id()))
}

/// The rows of a GDELT output without their 14-digit timestamps (DATEADDED differs between runs).
fn without_timestamps(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            line.split('\t')
                .filter(|value| value.len() != 14 || value.parse::<u64>().is_err())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect()
}

#[test]
fn every_text_format_writes_one_line_per_row() {
    let events = stdout_of(&["-o", "jsonl"]).lines().count();
    assert!(events > 50, "only {events} events from the examples");
    assert_eq!(stdout_of(&["-o", "plover"]).lines().count(), events);
    assert_eq!(stdout_of(&["-o", "table"]).lines().count(), events);
    let gdelt_events = stdout_of(&["-o", "gdelt-events"]);
    for (format, text, columns) in [
        ("gdelt-events", gdelt_events.clone(), 61),
        ("gdelt-mentions", stdout_of(&["-o", "gdelt-mentions"]), 16),
        ("phoenix", stdout_of(&["-o", "phoenix"]), 26),
    ] {
        assert!(text.lines().count() > events / 2, "{format}: too few rows");
        for line in text.lines() {
            assert_eq!(line.split('\t').count(), columns, "{format}: {line}");
        }
    }
    assert_eq!(
        without_timestamps(&stdout_of(&["-o", "gdelt"])),
        without_timestamps(&gdelt_events),
        "gdelt is an alias of gdelt-events"
    );
}

#[test]
fn gdelt_events_and_mentions_join_on_their_ids() {
    let ids = |format: &str| -> Vec<String> {
        stdout_of(&["-o", format])
            .lines()
            .map(|line| line.split('\t').next().unwrap_or_default().to_string())
            .collect()
    };
    let events = ids("gdelt-events");
    assert_eq!(events, ids("gdelt-mentions"));
    assert_eq!(events.first().map(String::as_str), Some("1"));
}

#[test]
fn out_writes_to_a_file_and_parquet_is_a_parquet_file() {
    let table = temporary("table.txt");
    let output = code(&["-o", "table", "--out", table.to_str().expect("UTF-8 path")]);
    assert!(output.stdout.is_empty(), "--out leaves stdout empty");
    let written = std::fs::read_to_string(&table).expect("table written");
    let _ = std::fs::remove_file(&table);
    assert_eq!(written, stdout_of(&["-o", "table"]));

    let parquet = temporary("events.parquet");
    code(&[
        "-o",
        "parquet",
        "--out",
        parquet.to_str().expect("UTF-8 path"),
    ]);
    let bytes = std::fs::read(&parquet).expect("parquet written");
    let _ = std::fs::remove_file(&parquet);
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));

    // Standard output that is not a terminal (a pipe here) takes Parquet too.
    let piped = code(&["-o", "parquet"]).stdout;
    assert!(piped.starts_with(b"PAR1") && piped.ends_with(b"PAR1"));
}
