//! `dyad text` on broken, hostile and edge-case input, run through the real binary.
//!
//! Every bad record must give one clear line on stderr naming the file and line/record
//! (`dyad: failed: PATH:LINE: ...`), the run must go on with the next record, the good records around a
//! bad one must still be analysed and printed in input order, and the summary line must count every record
//! read as analysed, skipped or failed. Inputs are generated into a fresh temporary directory per test;
//! nothing here is committed as a fixture.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const DYAD: &str = env!("CARGO_BIN_EXE_dyad");

/// The default `--max-doc-bytes`.
const DEFAULT_LIMIT: usize = 10 * 1024 * 1024;

/// Ids and publication dates of the example articles (examples/README.md).
const EXAMPLES: [(&str, &str); 12] = [
    ("ex01", "2024-04-26"),
    ("ex02", "2023-03-20"),
    ("ex03", "2019-07-15"),
    ("ex04", "2016-01-11"),
    ("ex05", "2021-06-21"),
    ("ex06", "2015-02-20"),
    ("ex07", "2022-10-31"),
    ("ex08", "2020-10-10"),
    ("ex09", "2017-09-14"),
    ("ex10", "2023-07-30"),
    ("ex11", "2020-01-03"),
    ("ex12", "2018-03-14"),
];

const GOOD_1: &str = "The president met the foreign minister in the capital on Monday.";
const GOOD_2: &str = "Rebels attacked the town of Example on Tuesday, officials said.";
const GOOD_3: &str = "Negotiators resumed talks in Geneva on Wednesday after a pause.";

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn example(name: &str) -> String {
    let path = examples_dir().join(name);
    assert!(path.exists(), "missing example {}", path.display());
    path.to_str().expect("UTF-8 path").to_string()
}

// ---------------------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------------------

/// A fresh directory under the system temp dir, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> TempDir {
        let path =
            std::env::temp_dir().join(format!("dyad-bad-input-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// Writes a file (creating parent directories) and returns its path relative to the temp dir.
    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent dir");
        }
        std::fs::write(&path, bytes).expect("write input");
        name.to_string()
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.0.join(name)).expect("read output file")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The counts of the final summary line.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
struct Counts {
    read: u64,
    analysed: u64,
    skipped: u64,
    failed: u64,
}

fn counts(read: u64, analysed: u64, skipped: u64, failed: u64) -> Counts {
    Counts {
        read,
        analysed,
        skipped,
        failed,
    }
}

/// One document header of the text output: `# ID  [date=...]  [title=...]  (ORIGIN)`.
#[derive(Debug, Clone)]
struct Doc {
    id: String,
    date: Option<String>,
    origin: String,
}

/// The outcome of one run of `dyad text`.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `dyad text ARGS` in `dir`; checks it neither panicked nor died on an error (status 0 or 1).
fn dyad(dir: &TempDir, args: &[&str]) -> Run {
    let run = dyad_raw(dir, args);
    assert!(
        matches!(run.code, Some(0 | 1)),
        "dyad text {args:?} exited with {:?}\n{}",
        run.code,
        run.context()
    );
    run
}

/// Runs `dyad text ARGS` in `dir`; checks only that it did not panic.
fn dyad_raw(dir: &TempDir, args: &[&str]) -> Run {
    let output = Command::new(DYAD)
        .arg("text")
        .args(args)
        .current_dir(dir.path())
        .output()
        .expect("run the dyad binary");
    let run = Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked") && run.code != Some(101),
        "dyad text {args:?} panicked\n{}",
        run.context()
    );
    run
}

impl Run {
    fn context(&self) -> String {
        let stdout: String = self.stdout.chars().take(4000).collect();
        format!(
            "--- stderr ---\n{}--- stdout (start) ---\n{stdout}",
            self.stderr
        )
    }

    /// The counts of the summary line (`dyad: N records read: A analysed, S skipped, F failed (...)`).
    fn counts(&self) -> Counts {
        let line = self
            .stderr
            .lines()
            .rev()
            .find(|l| l.starts_with("dyad: ") && l.contains(" records read: "))
            .unwrap_or_else(|| panic!("no summary line\n{}", self.context()));
        let number = |text: &str, label: &str| -> u64 {
            text.trim()
                .strip_suffix(label)
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or_else(|| panic!("cannot parse {label:?} in summary {line:?}"))
        };
        let rest = line.strip_prefix("dyad: ").expect("prefix");
        let (read, rest) = rest.split_once(" records read: ").expect("read");
        let rest = rest.split(" (").next().expect("counts");
        let parts: Vec<&str> = rest.split(", ").collect();
        assert_eq!(parts.len(), 3, "summary {line:?}");
        Counts {
            read: read.trim().parse().expect("read count"),
            analysed: number(parts[0], "analysed"),
            skipped: number(parts[1], "skipped"),
            failed: number(parts[2], "failed"),
        }
    }

    fn assert_counts(&self, expected: Counts) {
        assert_eq!(
            self.counts(),
            expected,
            "summary counts\n{}",
            self.context()
        );
    }

    fn assert_code(&self, code: i32) {
        assert_eq!(self.code, Some(code), "exit status\n{}", self.context());
    }

    /// Document headers of the text output, in output order.
    fn docs(&self) -> Vec<Doc> {
        self.stdout
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .map(|header| {
                let (head, origin) = header
                    .rsplit_once("  (")
                    .unwrap_or_else(|| panic!("bad header {header:?}"));
                let mut fields = head.split("  ");
                let id = fields.next().unwrap_or_default().to_string();
                let date = fields
                    .find_map(|f| f.strip_prefix("date="))
                    .map(str::to_string);
                Doc {
                    id,
                    date,
                    origin: origin.strip_suffix(')').unwrap_or(origin).to_string(),
                }
            })
            .collect()
    }

    fn ids(&self) -> Vec<String> {
        self.docs().into_iter().map(|d| d.id).collect()
    }

    fn origins(&self) -> Vec<String> {
        self.docs().into_iter().map(|d| d.origin).collect()
    }

    /// Per-record reject lines (`dyad: failed: ...` / `dyad: skipped: ...`), in order.
    fn rejects(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("dyad: failed: ") || l.starts_with("dyad: skipped: "))
            .collect()
    }

    /// `(status, location)` of each reject line, e.g. `("failed", "a.jsonl:3")`.
    fn reject_locations(&self) -> Vec<(String, String)> {
        self.rejects()
            .iter()
            .map(|l| {
                let rest = l.strip_prefix("dyad: ").expect("prefix");
                let (status, rest) = rest.split_once(": ").expect("status");
                (status.to_string(), location_of(rest).to_string())
            })
            .collect()
    }

    /// Asserts there is a reject line `dyad: STATUS: LOCATION: ...MESSAGE...` and returns it.
    fn assert_reject(&self, status: &str, location: &str, message: &str) -> &str {
        let prefix = format!("dyad: {status}: {location}: ");
        self.rejects()
            .into_iter()
            .find(|l| l.starts_with(&prefix) && l[prefix.len()..].contains(message))
            .unwrap_or_else(|| {
                panic!(
                    "no line {prefix:?} containing {message:?}\n{}",
                    self.context()
                )
            })
    }
}

/// The `PATH[:N]` part of `PATH[:N]: message` (paths here never contain `": "`).
fn location_of(rest: &str) -> &str {
    rest.split_once(": ").map_or(rest, |(loc, _)| loc)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn json_line(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string()
}

/// A deterministic byte generator (xorshift64*), so "random" inputs are the same on every run.
fn pseudo_random(len: usize, mut state: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
        })
        .collect()
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A valid gzip stream with "stored" (uncompressed) deflate blocks: every byte before a cut is
/// recoverable, which makes truncation points exact.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    if data.is_empty() {
        out.extend([1, 0, 0, 0xff, 0xff]);
    }
    let mut chunks = data.chunks(0xffff).peekable();
    while let Some(chunk) = chunks.next() {
        out.push(u8::from(chunks.peek().is_none()));
        let len = chunk.len() as u16;
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend(chunk);
    }
    out.extend(crc32(data).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out
}

/// Header size of [`gzip_stored`] output before the first data byte (gzip header + block header).
const GZIP_STORED_HEAD: usize = 10 + 5;

fn html_page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    )
}

fn warc_info() -> Vec<u8> {
    let fields = b"software: dyad-test\r\n";
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Type: application/warc-fields\r\nContent-Length: {}\r\n\r\n",
        fields.len()
    )
    .into_bytes();
    out.extend_from_slice(fields);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A WARC `response` record holding an HTML page; `length_delta` makes its Content-Length wrong.
fn warc_response(n: u32, title: &str, text: &str, length_delta: i64) -> Vec<u8> {
    let html = html_page(
        title,
        &[
            text,
            "Officials said talks would continue next week in the capital.",
        ],
    );
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        html.len()
    )
    .into_bytes();
    http.extend_from_slice(html.as_bytes());
    let length = http.len() as i64 + length_delta;
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:doc-{n}>\r\n\
         WARC-Target-URI: http://example.com/{n}\r\nWARC-Date: 2024-01-0{n}T00:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    out.extend_from_slice(&http);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

// ---------------------------------------------------------------------------------------------------------
// 1. Invalid UTF-8
// ---------------------------------------------------------------------------------------------------------

#[test]
fn invalid_utf8_in_text_file_fails_unless_lossy() {
    let dir = TempDir::new("invalid_utf8");
    dir.write("a-good.txt", GOOD_1);
    dir.write(
        "b-bad.txt",
        b"Bad \xff\xfe bytes here. The president spoke.\n",
    );
    dir.write("c-good.txt", GOOD_2);
    let lines = format!(
        "{}\n{{\"id\":\"u1\",\"text\":\"Bad \u{0}\"}}\n{}\n",
        json_line("j1", GOOD_1),
        json_line("j2", GOOD_2)
    )
    .into_bytes();
    // Line 2 of the JSONL file: a JSON object whose text holds the invalid byte 0xff.
    let mut jsonl = lines;
    let at = jsonl.iter().position(|&b| b == 0).expect("marker");
    jsonl[at] = 0xff;
    dir.write("d.jsonl", &jsonl);
    let inputs = ["a-good.txt", "b-bad.txt", "c-good.txt", "d.jsonl"];

    let run = dyad(&dir, &inputs);
    run.assert_code(0);
    run.assert_reject(
        "failed",
        "b-bad.txt",
        "invalid UTF-8 at byte 4 (use --lossy to replace bad bytes)",
    );
    run.assert_reject("failed", "d.jsonl:2", "invalid UTF-8 at byte");
    run.assert_counts(counts(6, 4, 0, 2));
    assert_eq!(run.ids(), strings(&["a-good", "c-good", "j1", "j2"]));
    assert_eq!(
        run.origins(),
        strings(&["a-good.txt", "c-good.txt", "d.jsonl:1", "d.jsonl:3"])
    );

    let mut args = inputs.to_vec();
    args.push("--lossy");
    let lossy = dyad(&dir, &args);
    lossy.assert_code(0);
    assert!(lossy.rejects().is_empty(), "{}", lossy.context());
    lossy.assert_counts(counts(6, 6, 0, 0));
    assert_eq!(
        lossy.ids(),
        strings(&["a-good", "b-bad", "c-good", "j1", "u1", "j2"])
    );
    assert!(
        lossy.stdout.contains("Bad \u{fffd}\u{fffd} bytes here."),
        "replacement characters expected\n{}",
        lossy.context()
    );
}

// ---------------------------------------------------------------------------------------------------------
// 2. Binary files
// ---------------------------------------------------------------------------------------------------------

#[test]
fn binary_file_named_txt_fails() {
    let dir = TempDir::new("binary");
    dir.write("a-good.txt", GOOD_1);
    // 4 KiB of 0x00..0x1f: 28 of every 32 bytes are control bytes other than \t \n \r \f.
    let control: Vec<u8> = (0..4096u32).map(|i| (i % 32) as u8).collect();
    dir.write("b-control.txt", &control);
    // A PNG signature and IHDR chunk, then pseudo-random bytes.
    let mut png = vec![
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R', 0,
        0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0,
    ];
    png.extend(pseudo_random(4096, 0x9e37_79b9_7f4a_7c15));
    dir.write("c-image.txt", &png);
    dir.write("d-good.txt", GOOD_2);

    let run = dyad(
        &dir,
        &["a-good.txt", "b-control.txt", "c-image.txt", "d-good.txt"],
    );
    run.assert_code(0);
    run.assert_reject(
        "failed",
        "b-control.txt",
        "binary data (87% control bytes in the first 8 KiB)",
    );
    let png_line = run.assert_reject("failed", "c-image.txt", "");
    assert!(
        ["binary data", "NUL byte", "invalid UTF-8"]
            .iter()
            .any(|m| png_line.contains(m)),
        "unexpected error for the PNG: {png_line}"
    );
    run.assert_counts(counts(4, 2, 0, 2));
    assert_eq!(run.ids(), strings(&["a-good", "d-good"]));

    // --lossy does not let binary data through.
    let lossy = dyad(
        &dir,
        &["--lossy", "a-good.txt", "b-control.txt", "d-good.txt"],
    );
    lossy.assert_reject("failed", "b-control.txt", "binary data");
    lossy.assert_counts(counts(3, 2, 0, 1));
}

// ---------------------------------------------------------------------------------------------------------
// 3. NUL bytes
// ---------------------------------------------------------------------------------------------------------

#[test]
fn nul_bytes_inside_text_fail() {
    let dir = TempDir::new("nul");
    dir.write("a-good.txt", GOOD_1);
    // A few NULs in ordinary text: too few to look binary, still rejected.
    dir.write(
        "b-nul.txt",
        format!("First line of text.\n\0\0\0\0 More text after NULs. {GOOD_2}\n"),
    );
    dir.write("c-good.txt", GOOD_3);
    let jsonl = format!(
        "{}\n{}\n{{\"id\":\"n2\",\"text\":\"Raw \0 byte.\"}}\n{}\n",
        json_line("j1", GOOD_1),
        json_line("n1", "Hello\u{0}world. The president spoke."),
        json_line("j2", GOOD_2),
    );
    dir.write("d.jsonl", jsonl);
    dir.write(
        "e.csv",
        format!("id,text\nc1,\"{GOOD_1}\"\nn3,\"Raw \0 byte.\"\nc2,\"{GOOD_2}\"\n"),
    );

    let run = dyad(
        &dir,
        &["a-good.txt", "b-nul.txt", "c-good.txt", "d.jsonl", "e.csv"],
    );
    run.assert_code(0);
    run.assert_reject("failed", "b-nul.txt", "NUL byte at byte 20");
    // An escaped \u0000 inside a JSON string decodes to NUL and is rejected after parsing.
    run.assert_reject("failed", "d.jsonl:2", "NUL byte at byte 5");
    // A raw NUL inside a JSON string is a JSON syntax error.
    run.assert_reject("failed", "d.jsonl:3", "invalid JSON");
    run.assert_reject("failed", "e.csv:3", "NUL byte at byte 4");
    run.assert_counts(counts(10, 6, 0, 4));
    assert_eq!(
        run.ids(),
        strings(&["a-good", "c-good", "j1", "j2", "c1", "c2"])
    );
}

// ---------------------------------------------------------------------------------------------------------
// 4. Size limits
// ---------------------------------------------------------------------------------------------------------

#[test]
fn fifty_megabyte_jsonl_line_is_rejected_as_too_large() {
    let dir = TempDir::new("huge_line");
    let path = dir.path().join("big.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    writeln!(file, "{}", json_line("g1", GOOD_1)).expect("write");
    let head = br#"{"id":"huge","text":""#;
    let tail = br#""}"#;
    file.write_all(head).expect("write");
    let chunk = "The president met the minister. ".repeat(1024); // 32 KiB
    let target = 50 * 1024 * 1024;
    let mut written = 0;
    while written < target {
        file.write_all(chunk.as_bytes()).expect("write");
        written += chunk.len();
    }
    file.write_all(tail).expect("write");
    file.write_all(b"\n").expect("write");
    writeln!(file, "{}", json_line("g2", GOOD_2)).expect("write");
    file.flush().expect("flush");
    drop(file);
    let line_len = head.len() + written + tail.len();
    assert!(line_len > 50_000_000);

    let run = dyad(&dir, &["big.jsonl"]);
    run.assert_code(0);
    run.assert_reject(
        "failed",
        "big.jsonl:2",
        &format!("{line_len} bytes exceeds the limit of {DEFAULT_LIMIT} bytes (--max-doc-bytes)"),
    );
    run.assert_counts(counts(3, 2, 0, 1));
    assert_eq!(run.ids(), strings(&["g1", "g2"]));
    assert_eq!(run.origins(), strings(&["big.jsonl:1", "big.jsonl:3"]));
}

#[test]
fn max_doc_bytes_sets_the_limit_for_every_format() {
    let dir = TempDir::new("max_doc_bytes");
    let limit = 1000;
    let limit_arg = limit.to_string();
    dir.write("t-at-limit.txt", "a".repeat(limit - 1) + ".");
    dir.write("t-over-limit.txt", "a".repeat(limit) + ".");
    // JSONL: a line of exactly `limit` bytes passes, one byte more fails, the next line is read.
    let exact = {
        let empty = json_line("j1", "");
        json_line("j1", &("b".repeat(limit - empty.len() - 1) + "."))
    };
    assert_eq!(exact.len(), limit);
    let over = {
        let empty = json_line("j2", "");
        json_line("j2", &("c".repeat(limit - empty.len()) + "."))
    };
    let over_len = over.len();
    assert_eq!(over_len, limit + 1);
    dir.write(
        "u.jsonl",
        format!("{exact}\n{over}\n{}\n", json_line("j3", GOOD_1)),
    );
    dir.write(
        "v.csv",
        format!(
            "id,text\nc1,\"{GOOD_1}\"\nc2,\"{}\"\nc3,\"{GOOD_2}\"\n",
            "d".repeat(2 * limit)
        ),
    );
    // WARC: an oversized record is skipped cleanly and the records after it are read.
    let mut warc = warc_response(1, "President meets minister", GOOD_1, 0);
    let big = GOOD_2.repeat(40);
    let big_record = warc_response(2, "Rebels attack town", &big, 0);
    warc.extend_from_slice(&big_record);
    warc.extend(warc_response(3, "Talks resume", GOOD_3, 0));
    dir.write("w.warc", &warc);

    let run = dyad(
        &dir,
        &[
            "--max-doc-bytes",
            &limit_arg,
            "t-at-limit.txt",
            "t-over-limit.txt",
            "u.jsonl",
            "v.csv",
            "w.warc",
        ],
    );
    run.assert_code(0);
    run.assert_reject(
        "failed",
        "t-over-limit.txt",
        &format!(
            "{} bytes exceeds the limit of {limit} bytes (--max-doc-bytes)",
            limit + 1
        ),
    );
    run.assert_reject(
        "failed",
        "u.jsonl:2",
        &format!("{over_len} bytes exceeds the limit of {limit} bytes"),
    );
    run.assert_reject(
        "failed",
        "v.csv:3",
        &format!("exceeds the limit of {limit} bytes"),
    );
    run.assert_reject(
        "failed",
        "w.warc:2",
        &format!("exceeds the limit of {limit} bytes"),
    );
    run.assert_counts(counts(11, 7, 0, 4));
    assert_eq!(
        run.ids(),
        strings(&[
            "t-at-limit",
            "j1",
            "j3",
            "c1",
            "c3",
            "urn:uuid:doc-1",
            "urn:uuid:doc-3"
        ])
    );

    // With the default limit everything passes.
    let run = dyad(&dir, &["t-over-limit.txt", "u.jsonl", "v.csv", "w.warc"]);
    run.assert_counts(counts(10, 10, 0, 0));
}

// ---------------------------------------------------------------------------------------------------------
// 5. Empty input
// ---------------------------------------------------------------------------------------------------------

#[test]
fn empty_and_whitespace_only_files_are_skipped() {
    let dir = TempDir::new("empty");
    dir.write("a-empty.txt", "");
    dir.write("b-good.txt", GOOD_1);
    dir.write("c-whitespace.txt", " \n\t\r\n  \n\u{a0}\u{3000}\n");
    dir.write("d-empty.txt.gz", gzip_stored(b""));
    dir.write("e-good.txt", GOOD_2);

    let inputs = [
        "a-empty.txt",
        "b-good.txt",
        "c-whitespace.txt",
        "d-empty.txt.gz",
        "e-good.txt",
    ];
    let run = dyad(&dir, &inputs);
    run.assert_code(0);
    run.assert_reject("skipped", "a-empty.txt", "no text: empty file");
    run.assert_reject("skipped", "c-whitespace.txt", "no text: empty file");
    run.assert_reject("skipped", "d-empty.txt.gz", "no text: empty file");
    assert!(
        !run.stderr.contains("dyad: failed:"),
        "nothing failed\n{}",
        run.context()
    );
    run.assert_counts(counts(5, 2, 3, 0));
    assert_eq!(run.ids(), strings(&["b-good", "e-good"]));

    // Skips are not failures: --strict still succeeds.
    let mut args = inputs.to_vec();
    args.push("--strict");
    dyad(&dir, &args).assert_code(0);
}

// ---------------------------------------------------------------------------------------------------------
// 6. Broken JSON lines
// ---------------------------------------------------------------------------------------------------------

#[test]
fn broken_json_lines_are_reported_with_their_line_numbers() {
    let dir = TempDir::new("broken_json");
    let lines = [
        json_line("g1", GOOD_1),                             // 1
        r#"{"id":"t1","text":"truncated obj"#.to_string(),   // 2 failed
        "[1,2]".to_string(),                                 // 3 failed: not an object
        r#"{"id":"m1","title":"no text here"}"#.to_string(), // 4 skipped: no text field
        String::new(),                                       // 5 blank: not a record
        json_line("g2", GOOD_2) + "\r",                      // 6 (CRLF line end)
        r#""just a string""#.to_string(),                    // 7 failed: not an object
        r#"{"id":"e1","text":"   "}"#.to_string(),           // 8 skipped: empty text
        json_line("x1", GOOD_3) + " trailing",               // 9 failed: trailing characters
        json_line("g3", GOOD_3),                             // 10, no final newline
    ];
    dir.write("a.jsonl", lines.join("\n"));

    let run = dyad(&dir, &["a.jsonl"]);
    run.assert_code(0);
    run.assert_reject("failed", "a.jsonl:2", "invalid JSON: EOF while parsing");
    run.assert_reject(
        "failed",
        "a.jsonl:3",
        "invalid JSON: line is not a JSON object",
    );
    run.assert_reject("skipped", "a.jsonl:4", "no text: no text field");
    run.assert_reject(
        "failed",
        "a.jsonl:7",
        "invalid JSON: line is not a JSON object",
    );
    run.assert_reject("skipped", "a.jsonl:8", "no text: empty text");
    run.assert_reject("failed", "a.jsonl:9", "invalid JSON: trailing characters");
    assert_eq!(
        run.reject_locations(),
        [
            ("failed", "a.jsonl:2"),
            ("failed", "a.jsonl:3"),
            ("skipped", "a.jsonl:4"),
            ("failed", "a.jsonl:7"),
            ("skipped", "a.jsonl:8"),
            ("failed", "a.jsonl:9"),
        ]
        .map(|(s, l)| (s.to_string(), l.to_string()))
    );
    run.assert_counts(counts(9, 3, 2, 4));
    assert_eq!(run.ids(), strings(&["g1", "g2", "g3"]));
    assert_eq!(
        run.origins(),
        strings(&["a.jsonl:1", "a.jsonl:6", "a.jsonl:10"])
    );
}

// ---------------------------------------------------------------------------------------------------------
// 7. Broken CSV
// ---------------------------------------------------------------------------------------------------------

/// A CSV file with bad records between good ones, lines joined with `eol`. Returns the content.
fn broken_csv(eol: &str) -> Vec<u8> {
    let lines: [&[u8]; 10] = [
        b"id,date,text",                                      // 1 header
        b"g1,2024-01-02,\"The president met the minister.\"", // 2
        b"b1,2024-01-03,\"He said \"hi\", then left.\"",      // 3 bad quoting -> 4 fields
        b"g2,2024-01-04,\"Rebels attacked",                   // 4 quoted newline...
        b"the town.\"",                                       // 5 ...ends here
        b"b2,2024-01-05",                                     // 6 too few fields
        b"b3,2024-01-06,\"x\",extra",                         // 7 too many fields
        b"u1,2024-01-07,\"Bad \xff byte.\"",                  // 8 invalid UTF-8
        b"e1,2024-01-08,\"  \"",                              // 9 empty text: skipped
        b"g3,2024-01-09,\"Talks resumed.\"",                  // 10
    ];
    let mut out = lines.join(eol.as_bytes());
    out.extend_from_slice(eol.as_bytes());
    out
}

fn check_broken_csv(run: &Run, name: &str) {
    run.assert_code(0);
    let at = |line: u32| format!("{name}:{line}");
    run.assert_reject("failed", &at(3), "invalid CSV: ");
    run.assert_reject("failed", &at(6), "invalid CSV: ");
    run.assert_reject("failed", &at(7), "invalid CSV: ");
    run.assert_reject("failed", &at(8), "invalid UTF-8 at byte 4");
    run.assert_reject("skipped", &at(9), "no text: empty text column");
    assert_eq!(
        run.reject_locations(),
        [
            ("failed", at(3)),
            ("failed", at(6)),
            ("failed", at(7)),
            ("failed", at(8)),
            ("skipped", at(9)),
        ]
        .map(|(s, l)| (s.to_string(), l))
    );
    run.assert_counts(counts(8, 3, 1, 4));
    let docs = run.docs();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let dates: Vec<Option<&str>> = docs.iter().map(|d| d.date.as_deref()).collect();
    assert_eq!(ids, ["g1", "g2", "g3"]);
    assert_eq!(
        dates,
        [Some("2024-01-02"), Some("2024-01-04"), Some("2024-01-09")]
    );
    // The record with a quoted line break is analysed whole.
    assert!(
        run.stdout.contains("Rebels attacked") && run.stdout.contains("the town."),
        "{}",
        run.context()
    );
}

#[test]
fn bad_csv_records_fail_with_their_line() {
    let dir = TempDir::new("broken_csv");
    dir.write("a.csv", broken_csv("\n"));
    let run = dyad(&dir, &["a.csv"]);
    check_broken_csv(&run, "a.csv");
}

#[test]

fn bad_csv_records_fail_with_their_line_crlf() {
    let dir = TempDir::new("broken_csv_crlf");
    dir.write("a.csv", broken_csv("\r\n"));
    let run = dyad(&dir, &["a.csv"]);
    check_broken_csv(&run, "a.csv");
}

#[test]

fn bad_csv_record_after_blank_line_has_its_line() {
    let dir = TempDir::new("csv_blank_line");
    dir.write(
        "a.csv",
        format!("id,text\ng1,\"{GOOD_1}\"\n\nb1,\"x\",extra\ng2,\"{GOOD_2}\"\n"),
    );
    let run = dyad(&dir, &["a.csv"]);
    run.assert_reject("failed", "a.csv:4", "invalid CSV: ");
    run.assert_counts(counts(3, 2, 0, 1));
}

// ---------------------------------------------------------------------------------------------------------
// 8. Truncated compressed streams
// ---------------------------------------------------------------------------------------------------------

/// Checks a run over a truncated JSONL stream of the examples: the documents analysed are ex01..exK in
/// order, and exactly one decompression error is reported, at line K+1. Returns K.
fn check_truncated_examples(run: &Run, name: &str) -> usize {
    run.assert_code(0);
    let ids = run.ids();
    let k = ids.len();
    let expected: Vec<String> = EXAMPLES[..k].iter().map(|(id, _)| id.to_string()).collect();
    assert_eq!(ids, expected, "a prefix of the examples\n{}", run.context());
    run.assert_reject(
        "failed",
        &format!("{name}:{}", k + 1),
        "decompression error",
    );
    run.assert_counts(counts(k as u64 + 1, k as u64, 0, 1));
    k
}

#[test]
fn truncated_gzip_keeps_the_lines_before_the_cut() {
    let dir = TempDir::new("truncated_gzip");
    let jsonl = std::fs::read(example("articles.jsonl")).expect("read example");
    let three: Vec<&[u8]> = jsonl.split(|&b| b == b'\n').take(3).collect();
    let mut data = three.join(&b'\n');
    data.push(b'\n');

    // A 3-line .jsonl.gz: whole, it reads 3 documents.
    let gz = gzip_stored(&data);
    dir.write("whole.jsonl.gz", &gz);
    let run = dyad(&dir, &["whole.jsonl.gz"]);
    run.assert_counts(counts(3, 3, 0, 0));
    assert_eq!(run.ids(), strings(&["ex01", "ex02", "ex03"]));

    // Cut in half: the lines fully decompressed before the cut are analysed, the rest is one error.
    let half = &gz[..gz.len() / 2];
    let recovered = half.len() - GZIP_STORED_HEAD;
    let complete = data[..recovered].iter().filter(|&&b| b == b'\n').count();
    assert!((1..3).contains(&complete));
    dir.write("half.jsonl.gz", half);
    let run = dyad(&dir, &["half.jsonl.gz", "--strict"]);
    run.assert_code(1);
    run.assert_reject(
        "failed",
        &format!("half.jsonl.gz:{}", complete + 1),
        "decompression error",
    );
    run.assert_counts(counts(complete as u64 + 1, complete as u64, 0, 1));
    assert_eq!(run.ids(), strings(&["ex01", "ex02", "ex03"][..complete]));

    // The real (compressed) example, cut at several points.
    let gz = std::fs::read(example("articles.jsonl.gz")).expect("read example");
    for percent in [10, 25, 50, 75, 99] {
        let name = format!("cut{percent}.jsonl.gz");
        dir.write(&name, &gz[..gz.len() * percent / 100]);
        let run = dyad(&dir, &[&name]);
        let k = check_truncated_examples(&run, &name);
        if percent >= 50 {
            assert!(k >= 1, "{name}: nothing recovered\n{}", run.context());
        }
    }

    // Truncated zstd: an error, no panic, and whatever was decoded is a prefix of the examples.
    let zst = std::fs::read(example("articles.jsonl.zst")).expect("read example");
    dir.write("cut.jsonl.zst", &zst[..zst.len() / 2]);
    let run = dyad(&dir, &["cut.jsonl.zst"]);
    check_truncated_examples(&run, "cut.jsonl.zst");
}

// ---------------------------------------------------------------------------------------------------------
// 9. HTML without content
// ---------------------------------------------------------------------------------------------------------

#[test]
fn html_without_main_content_fails() {
    let dir = TempDir::new("html_no_content");
    dir.write(
        "a-good.html",
        html_page("President meets minister", &[GOOD_1, GOOD_2]),
    );
    dir.write(
        "b-no-body.html",
        "<html><head><title>x</title></head></html>",
    );
    dir.write(
        "c-empty-body.html",
        "<!DOCTYPE html><html><body></body></html>",
    );
    dir.write(
        "d-script-only.html",
        format!("<html><head><style>p {{}}</style></head><body><script>var a = \"{GOOD_3}\";</script></body></html>"),
    );
    dir.write(
        "e-meta-only.html",
        format!("<html><head><title>Only a title</title><meta name=\"description\" content=\"{GOOD_2}\"></head><body></body></html>"),
    );
    std::fs::copy(example("html/ex01.html"), dir.path().join("f-example.html"))
        .expect("copy example");

    let inputs = [
        "a-good.html",
        "b-no-body.html",
        "c-empty-body.html",
        "d-script-only.html",
        "e-meta-only.html",
        "f-example.html",
    ];
    let run = dyad(&dir, &inputs);
    run.assert_code(0);
    for name in &inputs[1..5] {
        run.assert_reject("failed", name, "no main content");
    }
    run.assert_counts(counts(6, 2, 0, 4));
    let docs = run.docs();
    assert_eq!(
        docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["a-good", "f-example"]
    );
    assert_eq!(docs[1].date.as_deref(), Some(EXAMPLES[0].1));
    assert!(run.stdout.contains(GOOD_2), "{}", run.context());
}

// ---------------------------------------------------------------------------------------------------------
// 10. Truncated WARC
// ---------------------------------------------------------------------------------------------------------

#[test]
fn truncated_warc_is_reported_and_earlier_records_kept() {
    let dir = TempDir::new("truncated_warc");
    let mut head = warc_info(); // record 1
    head.extend(warc_response(1, "President meets minister", GOOD_1, 0)); // record 2
    head.extend(warc_response(2, "Rebels attack town", GOOD_2, 0)); // record 3
    let third = warc_response(3, "Talks resume", GOOD_3, 0); // record 4

    // The whole file reads 3 documents.
    let mut whole = head.clone();
    whole.extend_from_slice(&third);
    dir.write("whole.warc", &whole);
    let run = dyad(&dir, &["whole.warc"]);
    run.assert_counts(counts(3, 3, 0, 0));

    // Cut inside the last record's payload.
    let mut payload_cut = head.clone();
    payload_cut.extend_from_slice(&third[..third.len() / 2]);
    dir.write("payload.warc", &payload_cut);
    // Cut inside the last record's headers.
    let mut header_cut = head.clone();
    header_cut.extend_from_slice(&third[..60]);
    dir.write("header.warc", &header_cut);

    let run = dyad(&dir, &["payload.warc", "header.warc"]);
    run.assert_code(0);
    run.assert_reject(
        "failed",
        "payload.warc:4",
        "invalid WARC: truncated record payload",
    );
    run.assert_reject(
        "failed",
        "header.warc:4",
        "invalid WARC: truncated record headers",
    );
    run.assert_counts(counts(6, 4, 0, 2));
    assert_eq!(
        run.ids(),
        strings(&[
            "urn:uuid:doc-1",
            "urn:uuid:doc-2",
            "urn:uuid:doc-1",
            "urn:uuid:doc-2"
        ])
    );
    assert_eq!(
        run.origins(),
        strings(&[
            "payload.warc:2",
            "payload.warc:3",
            "header.warc:2",
            "header.warc:3"
        ])
    );

    // A wrong Content-Length desynchronises the stream: reported at the next record, no panic.
    for (name, delta) in [("short.warc", -40), ("long.warc", 40)] {
        let mut warc = warc_info();
        warc.extend(warc_response(1, "President meets minister", GOOD_1, 0));
        warc.extend(warc_response(2, "Rebels attack town", GOOD_2, delta));
        warc.extend_from_slice(&third);
        dir.write(name, &warc);
        let run = dyad(&dir, &[name]);
        run.assert_reject("failed", &format!("{name}:4"), "invalid WARC: ");
        let ids = run.ids();
        assert_eq!(
            ids[..2],
            strings(&["urn:uuid:doc-1", "urn:uuid:doc-2"]),
            "{}",
            run.context()
        );
    }

    // The gzipped example, cut half-way: a prefix of the articles, one error naming its record.
    let gz = std::fs::read(example("articles.warc.gz")).expect("read example");
    dir.write("cut.warc.gz", &gz[..gz.len() / 2]);
    let run = dyad(&dir, &["cut.warc.gz"]);
    run.assert_code(0);
    let docs = run.docs();
    let k = docs.len();
    assert!((1..12).contains(&k), "{}", run.context());
    let dates: Vec<&str> = docs.iter().filter_map(|d| d.date.as_deref()).collect();
    let expected: Vec<&str> = EXAMPLES[..k].iter().map(|(_, date)| *date).collect();
    assert_eq!(dates, expected);
    // Records: 1 warcinfo, then a request and a response per article; the cut falls in the request or
    // the response of article k+1.
    let rejects = run.rejects();
    assert_eq!(rejects.len(), 1, "{}", run.context());
    let failed = rejects[0];
    assert!(
        failed.starts_with("dyad: failed: cut.warc.gz:") && failed.contains("decompression error"),
        "{failed}"
    );
    let record: usize = location_of(failed.strip_prefix("dyad: failed: ").expect("prefix"))
        .rsplit_once(':')
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or_else(|| panic!("no record number in {failed:?}"));
    assert!(
        record == 2 * k + 2 || record == 2 * k + 3,
        "record {record} after {k} articles"
    );
    run.assert_counts(counts(k as u64 + 1, k as u64, 0, 1));
}

/// A Content-Length that is too short leaves stray bytes before the next record: the reader skips them and
/// goes on. One that is too long swallows the start of the next record, which is lost; later records are
/// still read.
#[test]
fn warc_reader_recovers_after_wrong_content_length() {
    let dir = TempDir::new("warc_resync");
    for (name, delta) in [("short.warc", -40), ("long.warc", 40)] {
        let mut warc = warc_info();
        warc.extend(warc_response(1, "President meets minister", GOOD_1, 0));
        warc.extend(warc_response(2, "Rebels attack town", GOOD_2, delta));
        warc.extend(warc_response(3, "Talks resume", GOOD_3, 0));
        warc.extend(warc_response(4, "Talks end", GOOD_1, 0));
        dir.write(name, &warc);
        let run = dyad(&dir, &[name]);
        let ids = run.ids();
        assert!(run.counts().failed >= 1, "{}", run.context());
        let expected: &[&str] = if delta < 0 {
            &["urn:uuid:doc-1", "urn:uuid:doc-3", "urn:uuid:doc-4"]
        } else {
            &["urn:uuid:doc-1", "urn:uuid:doc-4"]
        };
        for id in expected {
            assert!(
                ids.iter().any(|i| i == id),
                "{name}: {id} lost\n{}",
                run.context()
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// 11. --errors FILE
// ---------------------------------------------------------------------------------------------------------

#[test]
fn errors_file_has_one_json_object_per_reject() {
    let dir = TempDir::new("errors_file");
    dir.write("a-good.txt", GOOD_1);
    dir.write("b-bad.txt", b"Bad \xff bytes.");
    dir.write(
        "c.jsonl",
        format!(
            "{}\n[1,2]\n{{\"id\":\"m1\"}}\n{}\n{}\n",
            json_line("j1", GOOD_1),
            json_line("big", &"x".repeat(300)),
            json_line("j2", GOOD_2)
        ),
    );
    dir.write("d-empty.txt", "");
    let big_len = json_line("big", &"x".repeat(300)).len();

    let run = dyad(
        &dir,
        &[
            "--errors",
            "rejects.jsonl",
            "--max-doc-bytes",
            "200",
            "a-good.txt",
            "b-bad.txt",
            "c.jsonl",
            "d-empty.txt",
        ],
    );
    run.assert_code(0);
    let summary = run.counts();
    assert_eq!(summary, counts(8, 3, 2, 3));
    assert_eq!(run.ids(), strings(&["a-good", "j1", "j2"]));

    let content = dir.read("rejects.jsonl");
    assert!(content.ends_with('\n'));
    let entries: Vec<serde_json::Value> = content
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON {l:?}: {e}")))
        .collect();
    assert_eq!(
        entries.len() as u64,
        summary.skipped + summary.failed,
        "one entry per reject"
    );
    for entry in &entries {
        let object = entry.as_object().expect("object");
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["error", "message", "path", "record", "status"]);
        let error = object["error"].as_object().expect("error object");
        assert!(error["kind"].is_string(), "{entry}");
        assert!(error.contains_key("detail"), "{entry}");
    }
    let expected = [
        serde_json::json!({
            "path": "b-bad.txt", "record": null, "status": "failed",
            "error": { "kind": "invalid_utf8", "detail": 4 },
            "message": "invalid UTF-8 at byte 4 (use --lossy to replace bad bytes)",
        }),
        serde_json::json!({
            "path": "c.jsonl", "record": 2, "status": "failed",
            "error": { "kind": "json", "detail": "line is not a JSON object" },
            "message": "invalid JSON: line is not a JSON object",
        }),
        serde_json::json!({
            "path": "c.jsonl", "record": 4, "status": "failed",
            "error": { "kind": "too_large", "detail": { "size": big_len, "limit": 200 } },
            "message": format!("{big_len} bytes exceeds the limit of 200 bytes (--max-doc-bytes)"),
        }),
        serde_json::json!({
            "path": "d-empty.txt", "record": null, "status": "skipped",
            "error": { "kind": "empty", "detail": "empty file" },
            "message": "no text: empty file",
        }),
    ];
    // Entries come in input order; the skipped line 3 of c.jsonl sits between lines 2 and 4.
    assert_eq!(entries[0], expected[0]);
    assert_eq!(entries[1], expected[1]);
    assert_eq!(entries[2]["path"], "c.jsonl");
    assert_eq!(entries[2]["record"], 3);
    assert_eq!(entries[2]["status"], "skipped");
    assert_eq!(entries[2]["error"]["kind"], "empty");
    assert!(
        entries[2]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("no text: no text field"))
    );
    assert_eq!(entries[3], expected[2]);
    assert_eq!(entries[4], expected[3]);

    // Each entry matches its stderr line.
    let rejects = run.rejects();
    assert_eq!(rejects.len(), entries.len());
    for (line, entry) in rejects.iter().zip(&entries) {
        let location = match entry["record"].as_u64() {
            Some(n) => format!("{}:{n}", entry["path"].as_str().expect("path")),
            None => entry["path"].as_str().expect("path").to_string(),
        };
        assert_eq!(
            *line,
            format!(
                "dyad: {}: {location}: {}",
                entry["status"].as_str().expect("status"),
                entry["message"].as_str().expect("message")
            )
        );
    }

    // A clean run rewrites the file empty.
    let clean = dyad(&dir, &["--errors", "rejects.jsonl", "a-good.txt"]);
    clean.assert_counts(counts(1, 1, 0, 0));
    assert_eq!(dir.read("rejects.jsonl"), "");

    // An errors file that cannot be created is a clear error before anything is read.
    let bad = dyad_raw(
        &dir,
        &["--errors", "no/such/dir/rejects.jsonl", "a-good.txt"],
    );
    bad.assert_code(2);
    assert!(
        bad.stderr
            .contains("dyad: error: cannot create no/such/dir/rejects.jsonl"),
        "{}",
        bad.context()
    );
}

// ---------------------------------------------------------------------------------------------------------
// 12. --strict
// ---------------------------------------------------------------------------------------------------------

#[test]
fn strict_exits_1_only_when_something_failed() {
    let dir = TempDir::new("strict");
    dir.write("a-good.txt", GOOD_1);
    dir.write("b-bad.txt", b"Bad \xff bytes.");
    dir.write("c-empty.txt", "  \n");
    dir.write(
        "d.jsonl",
        format!("{}\n{{\"id\":\"m1\"}}\n", json_line("j1", GOOD_2)),
    );

    // A failure: status 1 with --strict, but the run still completes.
    let run = dyad(&dir, &["--strict", "a-good.txt", "b-bad.txt", "d.jsonl"]);
    run.assert_code(1);
    run.assert_reject("failed", "b-bad.txt", "invalid UTF-8");
    run.assert_counts(counts(4, 2, 1, 1));
    assert_eq!(run.ids(), strings(&["a-good", "j1"]));

    // The same without --strict: status 0.
    let run = dyad(&dir, &["a-good.txt", "b-bad.txt", "d.jsonl"]);
    run.assert_code(0);
    run.assert_counts(counts(4, 2, 1, 1));

    // Only skips: status 0 even with --strict.
    let run = dyad(&dir, &["--strict", "a-good.txt", "c-empty.txt", "d.jsonl"]);
    run.assert_code(0);
    run.assert_counts(counts(4, 2, 2, 0));

    // Nothing wrong at all.
    dyad(&dir, &["--strict", "a-good.txt"]).assert_code(0);

    // --quiet silences stderr but not the exit status.
    let run = dyad(&dir, &["--strict", "--quiet", "a-good.txt", "b-bad.txt"]);
    run.assert_code(1);
    assert_eq!(run.stderr, "");
    assert_eq!(run.ids(), strings(&["a-good"]));
}

// ---------------------------------------------------------------------------------------------------------
// 13. Directories
// ---------------------------------------------------------------------------------------------------------

#[test]
fn directory_input_is_read_in_sorted_order_and_fully_counted() {
    let dir = TempDir::new("directory");
    // Written out of order on purpose.
    dir.write("d/z-good.txt", GOOD_3);
    dir.write(
        "d/h-binary.txt",
        (0..4096u32).map(|i| (i % 32) as u8).collect::<Vec<_>>(),
    );
    dir.write("d/g-good.txt.gz", gzip_stored(GOOD_2.as_bytes()));
    dir.write("d/f-no-content.html", "<html><body></body></html>");
    dir.write(
        "d/e.csv",
        format!("id,text\nc1,\"{GOOD_1}\"\nc2,\"x\",extra\nc3,\"{GOOD_2}\"\n"),
    );
    dir.write("d/d-empty.txt", "");
    dir.write("d/c-bad-utf8.txt", b"Bad \xff bytes.");
    dir.write("d/b-sub/notes.md", "not a known format: not read");
    dir.write(
        "d/b-sub/c.jsonl",
        format!(
            "{}\n{{\"broken\n{}\n",
            json_line("j1", GOOD_1),
            json_line("j2", GOOD_2)
        ),
    );
    dir.write("d/a-good.txt", GOOD_1);
    dir.write("0-last.txt", GOOD_2);

    // Directories are walked in sorted order; arguments keep their order (0-last.txt comes last).
    let run = dyad(&dir, &["--threads", "4", "d", "0-last.txt"]);
    run.assert_code(0);
    assert_eq!(
        run.origins(),
        strings(&[
            "d/a-good.txt",
            "d/b-sub/c.jsonl:1",
            "d/b-sub/c.jsonl:3",
            "d/e.csv:2",
            "d/e.csv:4",
            "d/g-good.txt.gz",
            "d/z-good.txt",
            "0-last.txt",
        ])
    );
    assert_eq!(
        run.ids(),
        strings(&[
            "a-good", "j1", "j2", "c1", "c3", "g-good", "z-good", "0-last"
        ])
    );
    assert_eq!(
        run.reject_locations(),
        [
            ("failed", "d/b-sub/c.jsonl:2"),
            ("failed", "d/c-bad-utf8.txt"),
            ("skipped", "d/d-empty.txt"),
            ("failed", "d/e.csv:3"),
            ("failed", "d/f-no-content.html"),
            ("failed", "d/h-binary.txt"),
        ]
        .map(|(s, l)| (s.to_string(), l.to_string()))
    );
    assert!(!run.stderr.contains("notes.md"));
    run.assert_counts(counts(14, 8, 1, 5));
}

// ---------------------------------------------------------------------------------------------------------
// 14. The examples
// ---------------------------------------------------------------------------------------------------------

#[test]
fn every_example_format_reads_twelve_documents() {
    let dir = TempDir::new("examples");
    let expected_ids: Vec<String> = EXAMPLES.iter().map(|(id, _)| id.to_string()).collect();
    let expected_dates: Vec<String> = EXAMPLES.iter().map(|(_, d)| d.to_string()).collect();
    for (input, ids_known, dates_known) in [
        ("text", true, false),
        ("articles.jsonl", true, true),
        ("articles.jsonl.gz", true, true),
        ("articles.jsonl.zst", true, true),
        ("articles.csv", true, true),
        ("html", true, true),
        ("articles.warc.gz", false, true),
    ] {
        let path = example(input);
        let run = dyad(&dir, &["--json", "--strict", &path]);
        run.assert_code(0);
        assert!(run.rejects().is_empty(), "{input}\n{}", run.context());
        run.assert_counts(counts(12, 12, 0, 0));
        let docs: Vec<serde_json::Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON document"))
            .collect();
        assert_eq!(docs.len(), 12, "{input}");
        let ids: Vec<String> = docs
            .iter()
            .map(|d| d["id"].as_str().expect("id").to_string())
            .collect();
        let dates: Vec<String> = docs
            .iter()
            .map(|d| d["date"].as_str().unwrap_or("none").to_string())
            .collect();
        if ids_known {
            assert_eq!(ids, expected_ids, "{input}: ids");
        } else {
            let mut unique = ids.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), 12, "{input}: distinct ids");
        }
        if dates_known {
            assert_eq!(dates, expected_dates, "{input}: dates");
        }
        for doc in &docs {
            let units = doc["units"].as_array().expect("units");
            assert!(units.len() > 3, "{input}: {} has few units", doc["id"]);
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Byte-order marks
// ---------------------------------------------------------------------------------------------------------

#[test]

fn utf8_byte_order_mark_is_ignored() {
    let dir = TempDir::new("bom");
    dir.write(
        "a.jsonl",
        format!(
            "\u{feff}{}\n{}\n",
            json_line("j1", GOOD_1),
            json_line("j2", GOOD_2)
        ),
    );
    dir.write("b.csv", format!("\u{feff}id,text\nc1,\"{GOOD_3}\"\n"));
    dir.write("c-bom-only.txt", "\u{feff}");
    let run = dyad(&dir, &["a.jsonl", "b.csv", "c-bom-only.txt"]);
    run.assert_code(0);
    assert_eq!(run.ids(), strings(&["j1", "j2", "c1"]));
    run.assert_reject("skipped", "c-bom-only.txt", "no text");
    run.assert_counts(counts(4, 3, 1, 0));
}
