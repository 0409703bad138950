//! NGEC actor-resolution cases (`ngec_actor_tests.tsv`: test, method, text, context, date, expected), run
//! through dyad's actor-phrase coder (`dyad_coder::place::code_actor_phrase`: the dictionaries, else a place
//! name's country; what `dyad dict lookup` shows).
//!
//! The `expected` column holds `key=value` pairs separated by `;`. Evaluated: `country=` / `cc=` (ISO3
//! country; empty = no country) and `code_1=` (the primary sector; empty or `None` = no sector; `????` =
//! unknown, not evaluated); `code=None` means nothing should be coded (no country and no sector). Not
//! evaluated: `title=`, `wiki=`, `actor_wiki_job=` (Wikipedia lookups), `text=`, `pattern=`, `code_2=`.
//! A case with nothing evaluable (a wiki title lookup, an empty input text) is skipped and counted.
//!
//! dyad's country is the phrase's country, else the first three characters of its code (not `---`); when
//! the text yields no country (or no sector) and the case has a context ("Saudi", "Colombian defense"),
//! the context's country (or sectors) are used, which is what NGEC's context argument is for. dyad's
//! sectors are the 3-character groups of the phrase's agent sectors ("GOVMED" is GOV and MED), else those
//! of its code after the country. Dates: "today" is fixed at [`TODAY`] so that figures do not change
//! with the calendar; other dates are parsed as written.
//!
//! NGEC writes countries in its own code list (ISO 3166 alpha-3 plus a few of its own), dyad in CAMEO's;
//! where the two lists name the same country differently, dyad's code is translated before comparing
//! ([`NGEC_COUNTRY`]): CAMEO's Kosovo is KSV, NGEC's XKX; CAMEO codes the European Union and its
//! institutions as IGOs (IGOEUREEC…), NGEC gives them the country EUR.

use super::stats::{Resamples, share_of};
use super::{Dicts, ErrorCase, Format, Options, Report, read_tsv};
use anyhow::{Result, bail};
use dyad_coder::place::code_actor_phrase;
use dyad_dict::phrase::PhraseCode;
use jiff::civil::Date;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;

/// The date "today" stands for (the NGEC tests were written in 2022; several depend on who held office).
pub const TODAY: Date = Date::constant(2023, 1, 1);

/// What a case expects of one attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Not evaluated.
    Skip,
    /// No value.
    Nothing,
    /// This value.
    Value(String),
}

/// A parsed case.
#[derive(Debug, Clone)]
pub struct Case {
    /// Test name.
    pub test: String,
    /// NGEC method tested.
    pub method: String,
    /// The phrase.
    pub text: String,
    /// Context phrase, if any.
    pub context: String,
    /// Date as written.
    pub date: String,
    /// Expected country.
    pub country: Expect,
    /// Expected primary sector.
    pub sector: Expect,
    /// The `expected` column.
    pub expected: String,
}

/// Reads the `expected` column into (country, sector) expectations.
pub fn parse_expected(expected: &str) -> (Expect, Expect) {
    let (mut country, mut sector) = (Expect::Skip, Expect::Skip);
    for pair in expected.split(';') {
        let Some((key, value)) = pair.split_once('=') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "country" | "cc" => {
                country = if value.is_empty() {
                    Expect::Nothing
                } else {
                    Expect::Value(value.to_string())
                }
            }
            "code_1" => {
                sector = match value {
                    "" | "None" => Expect::Nothing,
                    v if v.contains('?') => Expect::Skip,
                    v => Expect::Value(v.to_string()),
                }
            }
            "code" if value == "None" => {
                country = Expect::Nothing;
                sector = Expect::Nothing;
            }
            _ => {}
        }
    }
    (country, sector)
}

fn date_of(text: &str) -> Option<Date> {
    if text.trim().eq_ignore_ascii_case("today") {
        Some(TODAY)
    } else {
        dyad_text::date::parse_date(text)
    }
}

/// CAMEO code prefixes and the NGEC country each stands for, where the two code lists differ.
const NGEC_COUNTRY: &[(&str, &str)] = &[("KSV", "XKX"), ("IGOEUREEC", "EUR")];

/// dyad's (country, sectors) for a phrase code, the country in NGEC's code list.
fn resolved(code: &PhraseCode) -> (Option<String>, Vec<String>) {
    let ngec = NGEC_COUNTRY.iter().find_map(|(cameo, ngec)| {
        [code.code.as_deref(), code.country.as_deref()]
            .into_iter()
            .flatten()
            .any(|c| c.starts_with(cameo))
            .then(|| ngec.to_string())
    });
    let country = ngec
        .or_else(|| code.country.clone())
        .or_else(|| code.code.as_ref().map(|c| c.chars().take(3).collect()))
        .filter(|c: &String| c.len() == 3 && c != "---");
    // Agent codes may carry several sectors ("GOVMED"); a named actor's code carries them after its
    // country.
    let groups = |s: &str| -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        chars
            .chunks(3)
            .filter(|c| c.len() == 3)
            .map(|c| c.iter().collect())
            .collect()
    };
    let sectors = if !code.sectors.is_empty() {
        code.sectors.iter().flat_map(|s| groups(s)).collect()
    } else {
        groups(
            &code
                .code
                .as_deref()
                .unwrap_or("")
                .chars()
                .skip(3)
                .collect::<String>(),
        )
    };
    (country, sectors)
}

fn judge(expect: &Expect, ok: impl Fn(&str) -> bool, empty: bool) -> Option<bool> {
    match expect {
        Expect::Skip => None,
        Expect::Nothing => Some(empty),
        Expect::Value(v) => Some(ok(v)),
    }
}

/// Evaluates an NGEC actor-test TSV file.
pub fn evaluate(path: &Path, dicts: &Dicts, options: &Options) -> Result<Report> {
    let mut cases = Vec::new();
    for (line, fields) in read_tsv(path)? {
        if line <= 2 && fields.first().is_some_and(|f| f == "test") {
            continue;
        }
        let field = |k: usize| fields.get(k).map_or("", |s| s.trim()).to_string();
        let (country, sector) = parse_expected(&field(5));
        cases.push(Case {
            test: field(0),
            method: field(1),
            text: field(2),
            context: field(3),
            date: field(4),
            country,
            sector,
            expected: field(5),
        });
    }
    if cases.is_empty() {
        bail!("no cases");
    }
    let compiled = dicts.coder()?.compiled();

    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    let mut country_ok = Vec::new();
    let mut country_counted = Vec::new();
    let mut sector_ok = Vec::new();
    let mut sector_counted = Vec::new();
    let mut all_ok = Vec::new();
    let mut errors = Vec::new();
    let mut evaluated = 0;
    for case in &cases {
        if case.text.is_empty() {
            *skipped.entry("no input text").or_default() += 1;
            continue;
        }
        if case.country == Expect::Skip && case.sector == Expect::Skip {
            let reason = if case.method == "query_wiki" || case.expected.contains("title=") {
                "Wikipedia title lookup only"
            } else {
                "no country or sector expectation"
            };
            *skipped.entry(reason).or_default() += 1;
            continue;
        }
        evaluated += 1;
        let date = date_of(&case.date);
        let code = code_actor_phrase(compiled, &case.text, date);
        let (mut country, mut sectors) = resolved(&code);
        if !case.context.is_empty() && (country.is_none() || sectors.is_empty()) {
            let (context_country, context_sectors) =
                resolved(&code_actor_phrase(compiled, &case.context, date));
            country = country.or(context_country);
            if sectors.is_empty() {
                sectors = context_sectors;
            }
        }
        let c = judge(
            &case.country,
            |v| country.as_deref() == Some(v),
            country.is_none(),
        );
        let s = judge(
            &case.sector,
            |v| sectors.iter().any(|x| x == v),
            sectors.is_empty(),
        );
        country_ok.push(c == Some(true));
        country_counted.push(c.is_some());
        sector_ok.push(s == Some(true));
        sector_counted.push(s.is_some());
        let ok = c != Some(false) && s != Some(false);
        all_ok.push(ok);
        if !ok {
            let show = |e: &Expect| match e {
                Expect::Skip => "(not evaluated)".to_string(),
                Expect::Nothing => "none".to_string(),
                Expect::Value(v) => v.clone(),
            };
            errors.push(ErrorCase {
                id: format!("{} ({})", case.test, case.method),
                text: format!(
                    "{}{}{}",
                    case.text,
                    if case.context.is_empty() {
                        String::new()
                    } else {
                        format!(" | context: {}", case.context)
                    },
                    if case.date.is_empty() {
                        String::new()
                    } else {
                        format!(" | date: {}", case.date)
                    }
                ),
                gold: format!(
                    "country {}, sector {}   [{}]",
                    show(&case.country),
                    show(&case.sector),
                    case.expected
                ),
                dyad: format!(
                    "country {}, sectors {}   [code {}; {}]",
                    country.as_deref().unwrap_or("none"),
                    if sectors.is_empty() {
                        "none".to_string()
                    } else {
                        sectors.join("+")
                    },
                    code.code.as_deref().unwrap_or("none"),
                    code.parts
                        .iter()
                        .map(|p| format!("{:?} {} {}", p.text, p.role, p.code))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                badness: f64::from(u8::from(c == Some(false)) + u8::from(s == Some(false))),
            });
        }
    }
    let resamples = Resamples::standard(evaluated);
    let mut report = Report::new(Format::Actors, path, cases.len());
    report.metrics.add(
        "country_accuracy",
        share_of(&resamples, &country_ok, &country_counted),
    );
    report.metrics.add(
        "sector_accuracy",
        share_of(&resamples, &sector_ok, &sector_counted),
    );
    report.metrics.add(
        "case_accuracy",
        share_of(&resamples, &all_ok, &vec![true; evaluated]),
    );
    let total_skipped: usize = skipped.values().sum();
    report.details = json!({
        "evaluated": evaluated,
        "skipped": total_skipped,
        "skipped_by_reason": skipped,
        "today": TODAY.to_string(),
    });
    report.tables.push(format!(
        "  evaluated {evaluated} of {} cases; skipped {total_skipped}: {}",
        cases.len(),
        skipped
            .iter()
            .map(|(r, n)| format!("{r} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if options.show_errors > 0 {
        report.keep_worst(errors, options.show_errors);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_expected_column() {
        let v = |s: &str| Expect::Value(s.into());
        assert_eq!(
            parse_expected("country=ARM; code_1=GOV"),
            (v("ARM"), v("GOV"))
        );
        assert_eq!(
            parse_expected("cc=SAU; text=four  men"),
            (v("SAU"), Expect::Skip)
        );
        assert_eq!(
            parse_expected("country=KAZ; code_1="),
            (v("KAZ"), Expect::Nothing)
        );
        assert_eq!(
            parse_expected("code_1=None; country=LBN; wiki=Hezbollah"),
            (v("LBN"), Expect::Nothing)
        );
        assert_eq!(
            parse_expected("code_1=????; country=MNG"),
            (v("MNG"), Expect::Skip)
        );
        assert_eq!(
            parse_expected("code=None"),
            (Expect::Nothing, Expect::Nothing)
        );
        assert_eq!(parse_expected("title=NATO"), (Expect::Skip, Expect::Skip));
        assert_eq!(
            parse_expected("country=; code_1=PTY"),
            (Expect::Nothing, v("PTY"))
        );
        assert_eq!(date_of("Today"), Some(TODAY));
        assert_eq!(date_of("1 july 2021"), Some(Date::constant(2021, 7, 1)));
    }

    #[test]
    fn translates_cameo_countries_into_ngec_codes() {
        let phrase = |code: &str, country: &str| PhraseCode {
            code: Some(code.into()),
            parts: Vec::new(),
            actor: None,
            country: Some(country.into()),
            sectors: Vec::new(),
        };
        let country = |code: &str, country: &str| resolved(&phrase(code, country)).0;
        assert_eq!(country("KSVGOV", "KSV").as_deref(), Some("XKX"));
        assert_eq!(country("IGOEUREECEUC", "IGO").as_deref(), Some("EUR"));
        assert_eq!(country("IGOUNO", "IGO").as_deref(), Some("IGO"));
        assert_eq!(country("SRBGOV", "SRB").as_deref(), Some("SRB"));
    }
}
