//! Checks the embedded tables against third-party reference files in `shared/data/ontology` (beside the
//! repository): GDELT's CAMEO code and Goldstein lists, the Phoenix pipeline's Goldstein table, a derived CAMEO
//! master table, the CAMEO→PLOVER conversion table and the PLOVER manual.
//!
//! Every difference must be listed in [`DOCUMENTED`] (and in `DIFFERENCES.md`); an undocumented difference, or
//! a documented one that no longer occurs, fails the test with the full list. Without the reference directory
//! the comparison is skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use dyad_ontology::{
    AuxiliaryMode, GoldsteinTable, PloverContext, PloverType, QuadVariant, cameo_event,
    cameo_events, plover_sectors,
};

/// A deliberate difference between our tables and a reference file.
struct Documented {
    code: &'static str,
    field: &'static str,
    ours: &'static str,
    theirs: &'static str,
    reason: &'static str,
}

const fn doc(
    code: &'static str,
    field: &'static str,
    ours: &'static str,
    theirs: &'static str,
    reason: &'static str,
) -> Documented {
    Documented {
        code,
        field,
        ours,
        theirs,
        reason,
    }
}

/// How an absent value is written in [`DOCUMENTED`].
const NONE: &str = "(none)";
/// How a present code is written in [`DOCUMENTED`] for the `code` field.
const PRESENT: &str = "present";

const NOT_IN_GDELT: &str =
    "in the CAMEO codebook (CAMEO_codefile.txt) but missing from GDELT's code list";
const PHOENIX_EXTRA: &str =
    "not a CAMEO code: a stray key of the Phoenix pipeline's Goldstein dictionary";
const DEMOCRACY: &str =
    "`democracy` is not a PLOVER context; the manual's context is `pro_democracy`";
const HUMANITARIAN: &str =
    "`humanitarian` is not a PLOVER context; the nearest of the manual's 37 is `human_security`";
const BAN: &str =
    "not a THREATEN/COERCE mode in the manual, whose `restrict` covers bans on parties or people";
const TARGETED: &str = "not an ASSAULT mode in the manual (`massacre` is commented out there); its `targeted` \
                        covers assassinations, executions and deliberate mass killings";
const CLEANSING: &str =
    "`cleansing` is not an ASSAULT mode in the manual (commented out) and no other mode fits";

/// Every deliberate difference; keep in step with `DIFFERENCES.md`.
#[rustfmt::skip]
const CURFEW_IS_CONCEDE: &str =
    "the manual puts removing curfews and easing restrictions in CONCEDE (a promise, not a material act); the table's move to RETREAT contradicts it";

const SANCTIONS_ARE_SANCTION: &str = "the manual codes international sanctions as SANCTION `discontinue`; the table's COERCE `restrict` is its mode for restrictions on rights";

const DOCUMENTED: &[Documented] = &[
    // Code set.
    doc(
        "106",
        "code",
        PRESENT,
        NONE,
        "GDELT's list lost 106 (its line is glued to 1056's); GDELT's Goldstein table has it",
    ),
    doc("1213", "code", PRESENT, NONE, NOT_IN_GDELT),
    doc("1214", "code", PRESENT, NONE, NOT_IN_GDELT),
    doc("1951", "code", PRESENT, NONE, NOT_IN_GDELT),
    doc("1952", "code", PRESENT, NONE, NOT_IN_GDELT),
    doc("0110", "goldstein_phoenix", NONE, "-0.1", PHOENIX_EXTRA),
    doc("0357", "goldstein_phoenix", NONE, "7.0", PHOENIX_EXTRA),
    doc("109", "goldstein_phoenix", NONE, "-5.0", PHOENIX_EXTRA),
    doc("1641", "goldstein_phoenix", NONE, "-7.0", PHOENIX_EXTRA),
    doc("1642", "goldstein_phoenix", NONE, "-7.0", PHOENIX_EXTRA),
    doc("1643", "goldstein_phoenix", NONE, "-7.0", PHOENIX_EXTRA),
    // CAMEO→PLOVER contexts.
    doc(
        "0811",
        "plover_context",
        "pro_democracy",
        "democracy",
        DEMOCRACY,
    ),
    doc(
        "0812",
        "plover_context",
        "pro_democracy",
        "democracy",
        DEMOCRACY,
    ),
    doc(
        "082",
        "plover_context",
        "pro_democracy",
        "democracy",
        DEMOCRACY,
    ),
    doc(
        "0333",
        "plover_context",
        "human_security",
        "humanitarian",
        HUMANITARIAN,
    ),
    doc(
        "073",
        "plover_context",
        "human_security",
        "humanitarian",
        HUMANITARIAN,
    ),
    doc(
        "0863",
        "plover_context",
        "human_security",
        "humanitarian",
        HUMANITARIAN,
    ),
    doc(
        "1033",
        "plover_context",
        "human_security",
        "humanitarian",
        HUMANITARIAN,
    ),
    doc(
        "1223",
        "plover_context",
        "human_security",
        "humanitarian",
        HUMANITARIAN,
    ),
    doc(
        "1623",
        "plover_context",
        "human_security",
        "humanitarian",
        HUMANITARIAN,
    ),
    // CAMEO→PLOVER modes.
    doc(
        "0842",
        "plover_mode",
        NONE,
        "return",
        "`return` is not a RETREAT mode in the manual (commented out)",
    ),
    doc(
        "085",
        "plover_mode",
        NONE,
        "ease",
        "`ease` is not a RETREAT mode; the conversion file itself says it was dropped",
    ),
    doc("132", "plover_mode", "restrict", "ban", BAN),
    doc("1321", "plover_mode", "restrict", "political", BAN),
    doc("1322", "plover_mode", "restrict", "ban", BAN),
    doc("1722", "plover_mode", "restrict", "ban", BAN),
    doc(
        "1712",
        "plover_mode",
        "destroy",
        "seize",
        "`seize` is a COERCE mode, not an ASSAULT one; the manual's ASSAULT mode for destroying property is `destroy`",
    ),
    doc(
        "175",
        "plover_mode",
        NONE,
        "pro_autocracy",
        "`pro_autocracy` is a context, not an ASSAULT mode: moved to the contexts",
    ),
    doc(
        "175",
        "plover_context",
        "pro_autocracy;military",
        "military",
        "`pro_autocracy` moved here from the mode column",
    ),
    doc("185", "plover_mode", "targeted", "assassinate", TARGETED),
    doc("186", "plover_mode", "targeted", "assassinate", TARGETED),
    doc("200", "plover_mode", "targeted", "massacre", TARGETED),
    doc("202", "plover_mode", "targeted", "massacre", TARGETED),
    doc("201", "plover_mode", NONE, "cleansing", CLEANSING),
    doc("203", "plover_mode", NONE, "cleansing", CLEANSING),
    doc(
        "0813",
        "plover_type",
        "CONCEDE",
        "RETREAT",
        CURFEW_IS_CONCEDE,
    ),
    doc(
        "0814",
        "plover_type",
        "CONCEDE",
        "RETREAT",
        CURFEW_IS_CONCEDE,
    ),
    doc(
        "163",
        "plover_type",
        "SANCTION",
        "COERCE",
        SANCTIONS_ARE_SANCTION,
    ),
    doc(
        "163",
        "plover_mode",
        "discontinue",
        "restrict",
        SANCTIONS_ARE_SANCTION,
    ),
    doc(
        "1951",
        "plover_type",
        "ASSAULT",
        NONE,
        "missing from CAMEO2PLOVER-2021; translated like its parent 195",
    ),
    doc(
        "1952",
        "plover_type",
        "ASSAULT",
        NONE,
        "missing from CAMEO2PLOVER-2021; translated like its parent 195",
    ),
    // PLOVER manual.
    doc(
        "ACCUSE",
        "score",
        "-3.0",
        "3.0",
        "sign typo in the manual's score table: ACCUSE is verbal conflict and all its modes score -2 to -3.5",
    ),
];

/// A difference found between our tables and a reference file.
#[derive(Debug)]
struct Found {
    source: &'static str,
    code: String,
    field: &'static str,
    ours: String,
    theirs: String,
}

#[derive(Default)]
struct Diffs(Vec<Found>);

impl Diffs {
    fn check(
        &mut self,
        source: &'static str,
        code: &str,
        field: &'static str,
        ours: String,
        theirs: String,
    ) {
        if ours != theirs {
            self.0.push(Found {
                source,
                code: code.to_owned(),
                field,
                ours,
                theirs,
            });
        }
    }
}

fn matches(d: &Documented, f: &Found) -> bool {
    d.code == f.code && d.field == f.field && d.ours == f.ours && d.theirs == f.theirs
}

fn reference_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ontology");
    dir.is_dir().then_some(dir)
}

fn read(dir: &Path, name: &str) -> String {
    let bytes = fs::read(dir.join(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"));
    String::from_utf8_lossy(&bytes).into_owned()
}

fn present(yes: bool) -> String {
    if yes { PRESENT } else { NONE }.to_owned()
}

fn or_none(value: Option<String>) -> String {
    value
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| NONE.to_owned())
}

/// A score as one decimal, or the raw text if it is not a number.
fn score(text: &str) -> String {
    let text = text.trim();
    match text.parse::<f64>() {
        Ok(v) => format!("{v:.1}"),
        Err(_) => or_none(Some(text.to_owned())),
    }
}

fn our_score(v: Option<f64>) -> String {
    or_none(v.map(|v| format!("{v:.1}")))
}

/// Contexts written `a; b` or `a;b`, as `a;b`.
fn contexts(text: &str) -> String {
    let parts: Vec<&str> = text
        .split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    or_none(Some(parts.join(";")))
}

/// Our PLOVER type, mode and contexts for a CAMEO code, in the reference files' notation.
fn our_plover(code: &str) -> (String, String, String) {
    match cameo_event(code).and_then(|e| e.plover()) {
        None => (NONE.into(), NONE.into(), NONE.into()),
        Some(p) => {
            let ctx: Vec<&str> = p.contexts().iter().map(|c| c.as_str()).collect();
            (
                p.event().to_string(),
                or_none(p.mode().map(|m| m.name().to_owned())),
                or_none(Some(ctx.join(";"))),
            )
        }
    }
}

/// `code<TAB>value` rows after an optional `#` comment and one header line.
fn two_columns(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|l| {
            let (code, value) = l.split_once('\t')?;
            Some((code.trim().to_owned(), value.trim().to_owned()))
        })
        .collect()
}

fn our_codes() -> BTreeSet<String> {
    cameo_events().map(|e| e.code().to_owned()).collect()
}

fn check_gdelt_codes(dir: &Path, diffs: &mut Diffs) {
    const SRC: &str = "CAMEO.eventcodes.gdelt.txt";
    // Single-digit rows are quad-class headings (1-4) over the codes that follow them.
    let text = read(dir, SRC);
    let mut theirs = BTreeSet::new();
    let mut quad = NONE.to_owned();
    for line in text.lines().skip(1) {
        let code = line.split('\t').next().unwrap_or("").trim();
        if code.len() == 1 {
            quad = code.to_owned();
        } else if !code.is_empty() {
            theirs.insert(code.to_owned());
            if let Some(e) = cameo_event(code) {
                let ours = e.quad(QuadVariant::Gdelt).code().to_string();
                diffs.check(SRC, code, "quad_gdelt", ours, quad.clone());
            }
        }
    }
    let ours = our_codes();
    for code in ours.union(&theirs) {
        diffs.check(
            SRC,
            code,
            "code",
            present(ours.contains(code)),
            present(theirs.contains(code)),
        );
    }
}

fn check_goldstein(
    dir: &Path,
    src: &'static str,
    table: GoldsteinTable,
    field: &'static str,
    diffs: &mut Diffs,
) {
    let theirs = two_columns(&read(dir, src));
    let codes: BTreeSet<String> = our_codes()
        .into_iter()
        .chain(theirs.keys().cloned())
        .collect();
    for code in &codes {
        let ours = our_score(cameo_event(code).and_then(|e| e.goldstein(table)));
        diffs.check(
            src,
            code,
            field,
            ours,
            or_none(theirs.get(code).map(|s| score(s))),
        );
    }
}

fn check_master(dir: &Path, diffs: &mut Diffs) {
    const SRC: &str = "cameo_master.tsv";
    let text = read(dir, SRC);
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("{SRC}: no column {name}"))
    };
    let [
        code_c,
        level_c,
        root_c,
        gg_c,
        gp_c,
        qs_c,
        qg_c,
        qp_c,
        pe_c,
        pm_c,
        pc_c,
    ] = [
        "code",
        "level",
        "root",
        "goldstein_gdelt",
        "goldstein_phoenix",
        "quad_std",
        "quad_gdelt",
        "quad_phoenix",
        "plover_event",
        "plover_mode",
        "plover_context",
    ]
    .map(col);
    let mut theirs_codes = BTreeSet::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let get = |c: usize| f.get(c).copied().unwrap_or("").trim();
        let code = get(code_c);
        theirs_codes.insert(code.to_owned());
        let Some(e) = cameo_event(code) else {
            diffs.check(SRC, code, "code", NONE.into(), PRESENT.into());
            continue;
        };
        diffs.check(
            SRC,
            code,
            "level",
            e.level().to_string(),
            get(level_c).to_owned(),
        );
        diffs.check(
            SRC,
            code,
            "root",
            e.root().to_owned(),
            get(root_c).to_owned(),
        );
        let gdelt = our_score(e.goldstein(GoldsteinTable::Gdelt));
        diffs.check(SRC, code, "goldstein_gdelt", gdelt, score(get(gg_c)));
        let phoenix = our_score(e.goldstein(GoldsteinTable::Phoenix));
        diffs.check(SRC, code, "goldstein_phoenix", phoenix, score(get(gp_c)));
        for (variant, c, field) in [
            (QuadVariant::Standard, qs_c, "quad_std"),
            (QuadVariant::Gdelt, qg_c, "quad_gdelt"),
            (QuadVariant::Phoenix, qp_c, "quad_phoenix"),
        ] {
            diffs.check(
                SRC,
                code,
                field,
                e.quad(variant).code().to_string(),
                get(c).to_owned(),
            );
        }
        let (event, mode, context) = our_plover(code);
        let their_event = match get(pe_c) {
            "(dropped)" => NONE.to_owned(),
            other => or_none(Some(other.to_owned())),
        };
        diffs.check(SRC, code, "plover_type", event, their_event);
        diffs.check(
            SRC,
            code,
            "plover_mode",
            mode,
            or_none(Some(get(pm_c).to_owned())),
        );
        diffs.check(SRC, code, "plover_context", context, contexts(get(pc_c)));
    }
    for code in our_codes().difference(&theirs_codes) {
        diffs.check(SRC, code, "code", PRESENT.into(), NONE.into());
    }
}

fn check_cameo2plover(dir: &Path, diffs: &mut Diffs) {
    const SRC: &str = "CAMEO2PLOVER-2021.txt";
    let text = read(dir, SRC);
    // Section headings `NN: TYPE` (a root may head two sections: 08 is CONCEDE and RETREAT).
    let mut root_types: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut rows: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let fields: Vec<&str> = rest.split(',').map(str::trim).collect();
        if code.len() == 2 && fields.len() == 1 {
            root_types
                .entry(code.to_owned())
                .or_default()
                .insert(fields[0].to_owned());
            continue;
        }
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        let row = (
            or_none(Some(field(0).to_owned())),
            or_none(Some(field(1).to_owned())),
            contexts(field(2)),
        );
        if let Some(previous) = rows.insert(code.to_owned(), row.clone()) {
            assert_eq!(previous, row, "{SRC}: {code} is listed twice, differently");
        }
    }
    for e in cameo_events() {
        let code = e.code();
        let (event, mode, context) = our_plover(code);
        if e.is_root() {
            let theirs = root_types.get(code);
            let ok = theirs.map_or(event == NONE, |t| t.contains(&event));
            let theirs = theirs.map_or(NONE.to_owned(), |t| {
                t.iter().cloned().collect::<Vec<_>>().join("|")
            });
            if !ok {
                diffs.check(SRC, code, "plover_type", event, theirs);
            }
            continue;
        }
        match rows.get(code) {
            None => diffs.check(SRC, code, "plover_type", event, NONE.into()),
            Some((t, m, c)) => {
                diffs.check(SRC, code, "plover_type", event, t.clone());
                diffs.check(SRC, code, "plover_mode", mode, m.clone());
                diffs.check(SRC, code, "plover_context", context, c.clone());
            }
        }
    }
    for code in rows.keys().filter(|c| cameo_event(c).is_none()) {
        diffs.check(SRC, code, "code", NONE.into(), PRESENT.into());
    }
}

/// The lines of `text` from the first uncommented line containing `start` up to (excluding) the next one
/// containing `end`.
fn block<'a>(text: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('%'))
        .skip_while(|l| !l.contains(start))
        .skip(1)
        .take_while(|l| !l.contains(end))
        .collect()
}

/// The first cells of the rows of a LaTeX table (uncommented lines with `&`), without the `Name` heading.
fn first_cells<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    lines
        .iter()
        .filter(|l| l.contains('&'))
        .map(|l| l.split('&').next().unwrap_or("").trim())
        .filter(|c| !c.is_empty() && *c != "Name" && !c.starts_with('\\'))
        .collect()
}

fn check_manual(dir: &Path, diffs: &mut Diffs) {
    const SRC: &str = "PLOVER_MANUAL.tex";
    let text = read(dir, SRC);
    let uncommented: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('%'))
        .collect();
    let uncommented = uncommented.join("\n");

    // Event types: one section each in the Event Categories chapter.
    let chapter = uncommented
        .split("\\chapter{Event Categories}")
        .nth(1)
        .and_then(|rest| rest.split("\\chapter{").next())
        .expect("Event Categories chapter");
    let mut their_types = BTreeSet::new();
    for section in chapter.split("\\section{").skip(1) {
        let (name, body) = section.split_once('}').expect("section name");
        their_types.insert(name.to_owned());
        let ours = name.parse::<PloverType>().ok();
        let after = |label: &str| {
            body.split_once(label)
                .and_then(|(_, rest)| rest.split('}').next())
                .map(|v| v.trim().to_owned())
        };
        let recipient = after("Requires recipient:").map(|v| v.to_ascii_lowercase());
        let our_recipient =
            ours.map(|t| if t.requires_recipient() { "yes" } else { "no" }.to_owned());
        diffs.check(
            SRC,
            name,
            "requires_recipient",
            or_none(our_recipient),
            or_none(recipient),
        );
        let quad = after("Quad category:").map(|q| {
            match q.as_str() {
                "VERBAL COOPERATION" => "1",
                "MATERIAL COOPERATION" => "2",
                "VERBAL CONFLICT" => "3",
                "MATERIAL CONFLICT" => "4",
                _ => "?",
            }
            .to_owned()
        });
        diffs.check(
            SRC,
            name,
            "quad",
            or_none(ours.map(|t| t.quad().code().to_string())),
            or_none(quad),
        );
        // Mode tables: captioned "... modes".
        let mut theirs_modes = BTreeSet::new();
        let lines: Vec<&str> = body.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.contains("\\caption{") && line.to_ascii_lowercase().contains("modes") {
                let table: Vec<&str> = lines[i..]
                    .iter()
                    .copied()
                    .take_while(|l| !l.contains("\\end{tabular}"))
                    .collect();
                theirs_modes.extend(first_cells(&table).into_iter().map(str::to_owned));
            }
        }
        let our_modes: BTreeSet<String> = ours
            .map(|t| t.modes().iter().map(|m| m.name().to_owned()).collect())
            .unwrap_or_default();
        for mode in our_modes.union(&theirs_modes) {
            let code = format!("{name}:{mode}");
            let (o, t) = (our_modes.contains(mode), theirs_modes.contains(mode));
            diffs.check(SRC, &code, "mode", present(o), present(t));
        }
    }
    let ours: BTreeSet<String> = PloverType::ALL.iter().map(|t| t.to_string()).collect();
    for name in ours.union(&their_types) {
        diffs.check(
            SRC,
            name,
            "type",
            present(ours.contains(name)),
            present(their_types.contains(name)),
        );
    }

    // Scores: pairs of cells `TYPE[: Mode] & score`.
    let mut their_scores = BTreeMap::new();
    for line in block(
        &text,
        "\\caption{PLOVER conflict--cooperation scores}",
        "\\end{tabular}",
    ) {
        let line = line.replace("\\cellcolor{gray!25}", "").replace("\\\\", "");
        let cells: Vec<&str> = line.split('&').map(str::trim).collect();
        for pair in cells.chunks(2) {
            if let [label, value] = pair
                && !label.is_empty()
                && value.parse::<f64>().is_ok()
            {
                let key = match label.split_once(':') {
                    Some((t, m)) => format!("{}:{}", t.trim(), m.trim().to_ascii_lowercase()),
                    None => label.to_string(),
                };
                their_scores.insert(key, score(value));
            }
        }
    }
    let mut our_scores = BTreeMap::new();
    for &t in PloverType::ALL {
        our_scores.insert(t.to_string(), format!("{:.1}", t.score()));
        for m in t.modes() {
            if let Some(s) = m.score() {
                our_scores.insert(format!("{t}:{}", m.name()), format!("{s:.1}"));
            }
        }
    }
    let keys: BTreeSet<&String> = our_scores.keys().chain(their_scores.keys()).collect();
    for key in keys {
        let (o, t) = (our_scores.get(key).cloned(), their_scores.get(key).cloned());
        diffs.check(SRC, key, "score", or_none(o), or_none(t));
    }

    // Contexts.
    let theirs: BTreeSet<String> = first_cells(&block(
        &text,
        "\\label{tab:general-contexts}",
        "\\end{longtable}",
    ))
    .into_iter()
    .chain(
        block(&text, "\\label{tab:general-contexts}", "\\end{longtable}")
            .iter()
            .filter_map(|l| l.trim().strip_prefix("\\hyperref["))
            .filter_map(|l| {
                l.split_once("]{")
                    .and_then(|(_, rest)| rest.split_once('}'))
            })
            .map(|(name, _)| name),
    )
    .map(|c| c.replace("\\_", "_"))
    .collect();
    let ours: BTreeSet<String> = PloverContext::ALL.iter().map(|c| c.to_string()).collect();
    for c in ours.union(&theirs) {
        diffs.check(
            SRC,
            c,
            "context",
            present(ours.contains(c)),
            present(theirs.contains(c)),
        );
    }

    // Auxiliary modes: the \plcon{…} names of their section.
    let section = block(&text, "\\section{Auxiliary modes}", "\\section{").join("\n");
    let theirs: BTreeSet<String> = section
        .split("\\plcon{")
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_owned()))
        .collect();
    let ours: BTreeSet<String> = AuxiliaryMode::ALL.iter().map(|a| a.to_string()).collect();
    for a in ours.union(&theirs) {
        diffs.check(
            SRC,
            a,
            "auxiliary_mode",
            present(ours.contains(a)),
            present(theirs.contains(a)),
        );
    }

    // Sectors, with the frequently / less frequently used grouping.
    let mut theirs = BTreeMap::new();
    let mut frequent = true;
    for line in block(&text, "\\label{tab:roles}", "\\end{longtable}") {
        if line.contains("Less frequently used") {
            frequent = false;
        }
        let cell = line.split('&').next().unwrap_or("").trim();
        if line.contains('&') && cell.len() == 3 && cell.bytes().all(|b| b.is_ascii_uppercase()) {
            theirs.insert(
                cell.to_owned(),
                if frequent {
                    "frequent"
                } else {
                    "less frequent"
                },
            );
        }
    }
    let ours: BTreeMap<String, &str> = plover_sectors()
        .map(|s| {
            (
                s.code().to_owned(),
                if s.is_frequent() {
                    "frequent"
                } else {
                    "less frequent"
                },
            )
        })
        .collect();
    let codes: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    for code in codes {
        let o = or_none(ours.get(code).map(|s| s.to_string()));
        let t = or_none(theirs.get(code).map(|s| s.to_string()));
        diffs.check(SRC, code, "sector", o, t);
    }
}

#[test]
fn tables_match_reference_files() {
    let Some(dir) = reference_dir() else {
        assert!(
            std::env::var_os("DYAD_REQUIRE_SHARED").is_none(),
            "../shared/data/ontology not found but DYAD_REQUIRE_SHARED is set"
        );
        println!("skipping: ../shared/data/ontology not found");
        return;
    };
    let mut diffs = Diffs::default();
    check_gdelt_codes(&dir, &mut diffs);
    check_goldstein(
        &dir,
        "CAMEO.goldsteinscale.gdelt.txt",
        GoldsteinTable::Gdelt,
        "goldstein_gdelt",
        &mut diffs,
    );
    check_goldstein(
        &dir,
        "goldstein.phoenix_pipeline.tsv",
        GoldsteinTable::Phoenix,
        "goldstein_phoenix",
        &mut diffs,
    );
    check_master(&dir, &mut diffs);
    check_cameo2plover(&dir, &mut diffs);
    check_manual(&dir, &mut diffs);

    let undocumented: Vec<&Found> = diffs
        .0
        .iter()
        .filter(|f| !DOCUMENTED.iter().any(|d| matches(d, f)))
        .collect();
    let stale: Vec<&Documented> = DOCUMENTED
        .iter()
        .filter(|d| !diffs.0.iter().any(|f| matches(d, f)))
        .collect();
    let mut report = String::new();
    for f in &undocumented {
        report.push_str(&format!(
            "  undocumented: {} {} ours={:?} theirs={:?} ({})\n",
            f.code, f.field, f.ours, f.theirs, f.source
        ));
    }
    for d in &stale {
        report.push_str(&format!(
            "  documented but not found: {} {} ours={:?} theirs={:?}\n",
            d.code, d.field, d.ours, d.theirs
        ));
    }
    assert!(
        report.is_empty(),
        "{} undocumented and {} stale differences:\n{report}",
        undocumented.len(),
        stale.len()
    );
}

#[test]
fn differences_md_lists_exactly_the_documented_differences() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("DIFFERENCES.md");
    let md = fs::read_to_string(&path).expect("DIFFERENCES.md");
    // Rows of the differences table: `| code | field | ours | theirs | reason |`.
    let rows: Vec<Vec<String>> = md
        .lines()
        .filter(|l| l.starts_with("| "))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().trim_matches('`').to_owned())
                .collect()
        })
        .filter(|cells: &Vec<String>| {
            cells.len() == 5 && cells[0] != "code" && !cells[0].starts_with("---")
        })
        .collect();
    for d in DOCUMENTED {
        assert!(!d.reason.is_empty());
        let listed = rows
            .iter()
            .any(|r| r[0] == d.code && r[1] == d.field && r[2] == d.ours && r[3] == d.theirs);
        assert!(
            listed,
            "DIFFERENCES.md lacks {} {} {} {}",
            d.code, d.field, d.ours, d.theirs
        );
    }
    assert_eq!(
        rows.len(),
        DOCUMENTED.len(),
        "DIFFERENCES.md lists rows the test does not"
    );
}
