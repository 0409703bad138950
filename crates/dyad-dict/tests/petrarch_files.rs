//! Loads every PETRARCH dictionary in `../shared/data/petrarch/dictionaries`: checks the detected kind,
//! prints what each file holds and what was rejected, and requires every rejected line to be either an
//! `unsupported:` construct or one of the genuinely malformed lines listed in [`MALFORMED`].

use dyad_dict::model::DictionarySet;
use dyad_dict::petrarch::{PetrarchKind, detect, read};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The expected kind of every file of the shared directory (`None`: not a dictionary).
const KINDS: &[(&str, Option<PetrarchKind>)] = &[
    ("CAMEO.2.0.txt", Some(PetrarchKind::Verbs)),
    ("PETR.Validate.actors.txt", Some(PetrarchKind::Actors)),
    ("PETR.Validate.agents.txt", Some(PetrarchKind::Agents)),
    ("PETR.Validate.discards.txt", Some(PetrarchKind::Discards)),
    ("PETR.Validate.verbs.2.0.txt", Some(PetrarchKind::Verbs)),
    ("PETR.Validate.verbs.txt", Some(PetrarchKind::Verbs)),
    ("PETR_config.ini", None),
    ("Phoenix.Countries.actors.txt", Some(PetrarchKind::Actors)),
    (
        "Phoenix.International.actors.txt",
        Some(PetrarchKind::Actors),
    ),
    ("Phoenix.IssueCoding.txt", Some(PetrarchKind::Issues)),
    ("Phoenix.MilNonState.actors.txt", Some(PetrarchKind::Actors)),
    ("Phoenix.agents.txt", Some(PetrarchKind::Agents)),
    ("Phoenix.discards.txt", Some(PetrarchKind::Discards)),
    ("Phoenix.prepositions.txt", None),
];

/// Genuinely malformed lines of the shared files: `(file, line, start of the reason)`. Each must be
/// rejected with that reason; any other rejected line must be `unsupported:`.
const MALFORMED: &[(&str, u32, &str)] = &[
    // Synonym sets used but never defined (PETRARCH skips these patterns too).
    ("CAMEO.2.0.txt", 8443, "undefined synonym set &WEATHER"),
    (
        "CAMEO.2.0.txt",
        8444,
        "undefined synonym set &DEMONSTRATION",
    ),
    (
        "PETR.Validate.verbs.2.0.txt",
        453,
        "pattern line without its leading '-'",
    ),
    (
        "PETR.Validate.verbs.2.0.txt",
        1108,
        "undefined synonym set &SECURITY",
    ),
    // `--- DELAY [120]  [031:031]  ---`: the first code is used, as in PETRARCH-1.
    (
        "PETR.Validate.verbs.txt",
        447,
        "verb block header: [031:031] after the first [code] ignored",
    ),
    (
        "PETR.Validate.verbs.txt",
        688,
        "several words \"LASH OUT\" on a verb line",
    ),
    (
        "PETR.Validate.verbs.txt",
        1025,
        "several words \"RULE OUT\" on a verb line",
    ),
    // Dates that are neither YYYYMMDD nor YYMMDD, restrictions without <, > or -, a reversed range.
    ("Phoenix.Countries.actors.txt", 2039, "bad date \"9008223\""),
    (
        "Phoenix.Countries.actors.txt",
        14190,
        "date range ends before it starts in [EGYGOV 20121207-20120802]",
    ),
    (
        "Phoenix.Countries.actors.txt",
        15346,
        "stray ']' in phrase \"FAEROYENE]_\"",
    ),
    (
        "Phoenix.Countries.actors.txt",
        18010,
        "bad date \"201005011\"",
    ),
    (
        "Phoenix.Countries.actors.txt",
        22508,
        "bad date \"1920030320\"",
    ),
    (
        "Phoenix.Countries.actors.txt",
        22519,
        "bad date \"1920030320\"",
    ),
    (
        "Phoenix.Countries.actors.txt",
        31715,
        "bad date restriction \"20121204\"",
    ),
    (
        "Phoenix.Countries.actors.txt",
        43613,
        "bad date \"1920050709\"",
    ),
    (
        "Phoenix.Countries.actors.txt",
        51384,
        "bad date restriction \"19820101\"",
    ),
    (
        "Phoenix.International.actors.txt",
        40,
        "bad date \"2004017\"",
    ),
    // Company descriptions without their `#`: the entry is read, the text reported.
    (
        "Phoenix.International.actors.txt",
        3696,
        "text \"Newspapers/Magazines",
    ),
    (
        "Phoenix.International.actors.txt",
        3726,
        "text \"Other Consumer Services",
    ),
    ("Phoenix.International.actors.txt", 6605, "text \"Antilles"),
    // Issue phrases without a code (PETRARCH skips them), and trailing junk after a code.
    (
        "Phoenix.IssueCoding.txt",
        141,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        142,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        143,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        144,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        145,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        146,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        147,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        1040,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        1183,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        1219,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        1220,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        1221,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        2250,
        "issue phrase without a [CODE]",
    ),
    (
        "Phoenix.IssueCoding.txt",
        3053,
        "text \"*******\" after [CODE] ignored",
    ),
    // `DEPARMENT_OF_ENVIRONMENT [~ENV}` and `ISLAMIC_EXTREMIST` without a code.
    ("Phoenix.agents.txt", 544, "missing ']'"),
    ("Phoenix.agents.txt", 1927, "agent without a [CODE]"),
];

fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/petrarch/dictionaries");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("DYAD_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!("DYAD_REQUIRE_SHARED=1 but {} is missing", dir.display());
    }
    println!("skipping: ../shared/data/petrarch not found");
    None
}

fn load(
    dir: &std::path::Path,
    file: &str,
) -> (Option<PetrarchKind>, Option<DictionarySet>, Duration) {
    let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let text = String::from_utf8_lossy(&bytes);
    let start = Instant::now();
    let kind = detect(&text);
    let set = kind.map(|kind| read(&text, file, kind));
    (kind, set, start.elapsed())
}

fn describe(set: &DictionarySet) -> String {
    let mut parts = Vec::new();
    if !set.actors.is_empty() {
        let names: usize = set.actors.iter().map(|a| a.names.len()).sum();
        let codes: usize = set.actors.iter().map(|a| a.codes.len()).sum();
        let dated = set
            .actors
            .iter()
            .flat_map(|a| &a.codes)
            .filter(|c| c.range.is_some())
            .count();
        let codeless = set.actors.iter().filter(|a| a.codes.is_empty()).count();
        parts.push(format!(
            "{} actors ({names} names, {codes} codes of which {dated} dated, {codeless} without a code)",
            set.actors.len()
        ));
    }
    if !set.agents.is_empty() {
        let nouns: usize = set.agents.iter().map(|a| a.nouns.len()).sum();
        parts.push(format!("{} agents ({nouns} nouns)", set.agents.len()));
    }
    if !set.patterns.is_empty() {
        let bare = set
            .patterns
            .iter()
            .filter(|p| p.before.is_empty() && p.after.is_empty())
            .count();
        let passive = set.patterns.iter().filter(|p| p.flags.passive_only).count();
        let null = set.patterns.iter().filter(|p| p.code == "---").count();
        parts.push(format!(
            "{} patterns ({bare} bare verbs, {passive} passive-only, {null} coded ---)",
            set.patterns.len()
        ));
    }
    if !set.sets.is_empty() {
        let members: usize = set.sets.iter().map(|s| s.1.len()).sum();
        parts.push(format!(
            "{} synonym sets ({members} members)",
            set.sets.len()
        ));
    }
    if !set.discards.is_empty() {
        let story = set
            .discards
            .iter()
            .filter(|d| d.scope == dyad_dict::model::DiscardScope::Story)
            .count();
        parts.push(format!(
            "{} discards ({story} story-level)",
            set.discards.len()
        ));
    }
    if !set.issues.is_empty() {
        let phrases: usize = set.issues.iter().map(|i| i.phrases.len()).sum();
        parts.push(format!("{} issues ({phrases} phrases)", set.issues.len()));
    }
    parts.join(", ")
}

#[test]
fn every_shared_petrarch_dictionary_loads() {
    let Some(dir) = shared_dir() else { return };
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("readable directory")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    for (file, _) in KINDS {
        assert!(
            files.iter().any(|f| f == file),
            "{file} is missing from {}",
            dir.display()
        );
    }
    let mut phoenix = Duration::ZERO;
    let mut unexplained = Vec::new();
    let mut seen_malformed = Vec::new();
    for file in &files {
        let (kind, set, elapsed) = load(&dir, file);
        if let Some((_, expected)) = KINDS.iter().find(|(f, _)| f == file) {
            assert_eq!(kind, *expected, "detected kind of {file}");
        }
        if file.starts_with("Phoenix.") || file == "CAMEO.2.0.txt" {
            phoenix += elapsed;
        }
        let Some(set) = set else {
            println!("{file}: not a dictionary");
            continue;
        };
        println!(
            "{file}: {:?} in {elapsed:.1?}: {}",
            kind.unwrap(),
            describe(&set)
        );
        let mut by_reason: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for rejected in &set.rejected {
            assert_eq!(rejected.source.file, *file);
            by_reason
                .entry(&rejected.reason)
                .or_default()
                .push(rejected.source.line);
            let documented = MALFORMED.iter().find(|(f, line, reason)| {
                f == file && *line == rejected.source.line && rejected.reason.starts_with(reason)
            });
            if let Some(entry) = documented {
                seen_malformed.push(*entry);
            } else if !rejected.reason.starts_with("unsupported:") {
                unexplained.push(format!(
                    "{file}:{}: {}",
                    rejected.source.line, rejected.reason
                ));
            }
        }
        for (reason, lines) in by_reason {
            let shown: Vec<String> = lines.iter().take(12).map(u32::to_string).collect();
            let more = if lines.len() > 12 { ", …" } else { "" };
            println!(
                "  rejected x{}: {reason} (lines {}{more})",
                lines.len(),
                shown.join(", ")
            );
        }
    }
    println!("loading the Phoenix dictionaries (Phoenix.* and CAMEO.2.0.txt) took {phoenix:.1?}");
    assert!(
        unexplained.is_empty(),
        "unexpected rejected lines:\n{}",
        unexplained.join("\n")
    );
    for entry in MALFORMED {
        assert!(
            seen_malformed.contains(entry),
            "documented malformed line not rejected: {entry:?}"
        );
    }
}

#[test]
fn shared_dictionaries_hold_what_petrarch_reads() {
    let Some(dir) = shared_dir() else { return };
    let (_, countries, _) = load(&dir, "Phoenix.Countries.actors.txt");
    let countries = countries.unwrap();
    assert!(
        countries.actors.len() > 18_000,
        "{}",
        countries.actors.len()
    );
    let russia = countries
        .actors
        .iter()
        .find(|a| a.names[0].text == "russian federation")
        .expect("RUSSIAN_FEDERATION_");
    assert_eq!(russia.code_on(None), Some("RUS"));
    assert!(russia.names.iter().any(|n| n.text == "moscow"));
    let putin = countries
        .actors
        .iter()
        .find(|a| a.names[0].text == "vladimir putin")
        .expect("Putin");
    let day = |y, m, d| Some(jiff::civil::Date::new(y, m, d).unwrap());
    assert_eq!(putin.code_on(day(1998, 1, 1)), Some("RUSELI"));
    assert_eq!(putin.code_on(day(2015, 1, 1)), Some("RUSGOV"));

    let (_, agents, _) = load(&dir, "Phoenix.agents.txt");
    let agents = agents.unwrap();
    let foreign = agents
        .agents
        .iter()
        .find(|a| a.nouns.iter().any(|n| n.text == "foreign ministers"))
        .expect("FOREIGN_!MINIST!");
    assert_eq!(
        foreign.code,
        dyad_dict::model::AgentCode::Suffix("GOV".into())
    );

    let (_, verbs, _) = load(&dir, "CAMEO.2.0.txt");
    let verbs = verbs.unwrap();
    assert_eq!(verbs.sets.len(), 40);
    let transformations = verbs
        .rejected
        .iter()
        .filter(|r| r.reason.contains("transformation"))
        .count();
    assert_eq!(transformations, 8);
    assert!(
        verbs
            .patterns
            .iter()
            .any(|p| p.trigger.iter().any(|t| t == "invade") && p.code == "192")
    );

    let (_, issues, _) = load(&dir, "Phoenix.IssueCoding.txt");
    let issues = issues.unwrap();
    let schools = issues
        .issues
        .iter()
        .find(|i| i.category == "SCHOOLS")
        .expect("SCHOOLS");
    assert!(schools.phrases.iter().any(|p| p.text == "schools"));

    let (_, discards, _) = load(&dir, "Phoenix.discards.txt");
    let discards = discards.unwrap();
    assert_eq!(discards.discards.len(), 506);
    assert_eq!(
        discards
            .discards
            .iter()
            .filter(|d| d.scope == dyad_dict::model::DiscardScope::Story)
            .count(),
        64
    );
}
