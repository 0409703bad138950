//! Cross-checks the built-in leaders (`dicts/leaders.txt`) against CountryInfo (`../shared/data/ontology/
//! CountryInfo.120116.txt`, leaders to about 2011): for every person both list for the same country, each
//! CountryInfo term from 2000 on must overlap one of our dated roles, and every difference in start or end
//! dates is listed. Fails if a term has no overlapping role at all, or if the number of date differences
//! grows past the count recorded here (it may only go down).

use dyad_dict::compile::normalise;
use dyad_dict::model::ActorKind;
use jiff::civil::Date;
use std::collections::HashMap;
use std::path::PathBuf;

/// Date differences seen when this check was last run: 68 with `leaders.txt` alone, 89 once
/// `leaders_more.txt` (110 more countries) joined — handover-day conventions, month-only dates, acting terms.
const MAX_DATE_DIFFERENCES: usize = 89;

fn key(name: &str) -> String {
    let mut out = String::new();
    let mut words = Vec::new();
    for word in name.replace(['_', '-'], " ").split_whitespace() {
        normalise(word, &mut out);
        words.push(out.trim_matches(|c: char| !c.is_alphanumeric()).to_string());
    }
    words.retain(|w| !w.is_empty());
    words.join(" ")
}

fn date(text: &str) -> Option<Date> {
    let t = text.trim();
    if t.len() != 8 {
        return None;
    }
    Date::new(
        t[..4].parse().ok()?,
        t[4..6].parse().ok()?,
        t[6..].parse().ok()?,
    )
    .ok()
}

/// A person's display name and dated roles, gathered over every entry with their name.
type Person = (String, Vec<(String, dyad_dict::model::DateRange)>);

struct Term {
    office: String,
    from: Option<Date>,
    to: Option<Date>,
}

/// Leaders per (ISO3, normalised name).
fn countryinfo(text: &str) -> HashMap<(String, String), Vec<Term>> {
    let mut out: HashMap<(String, String), Vec<Term>> = HashMap::new();
    let mut iso = String::new();
    let mut in_leaders = false;
    let mut office = String::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("<ISO3166-alpha3>") {
            iso = rest
                .trim_end_matches("</ISO3166-alpha3>")
                .trim()
                .to_string();
        } else if t == "<Leaders>" {
            in_leaders = true;
        } else if t == "</Leaders>" {
            in_leaders = false;
        } else if in_leaders && t.starts_with('<') && !t.starts_with("</") {
            office = t.trim_matches(['<', '>']).to_lowercase();
        } else if in_leaders && t.contains('[') && !t.starts_with('<') {
            let (name, rest) = t.split_once('[').unwrap_or((t, ""));
            let range = rest.split(']').next().unwrap_or("");
            let (from, to) = if let Some(d) = range.strip_prefix('>') {
                (date(d), None)
            } else if let Some(d) = range.strip_prefix('<') {
                (None, date(d))
            } else if let Some((a, b)) = range.split_once('-') {
                (date(a), date(b))
            } else {
                continue;
            };
            out.entry((iso.clone(), key(name))).or_default().push(Term {
                office: office.clone(),
                from,
                to,
            });
        }
    }
    out
}

#[test]
fn builtin_leaders_agree_with_countryinfo() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ontology/CountryInfo.120116.txt");
    let Ok(bytes) = std::fs::read(&path) else {
        assert!(
            std::env::var_os("DYAD_REQUIRE_SHARED").is_none(),
            "{} not found",
            path.display()
        );
        println!("skipping: ../shared/data/ontology/CountryInfo.120116.txt not found");
        return;
    };
    let reference = countryinfo(&String::from_utf8_lossy(&bytes));
    let set = dyad_dict::load::builtin();
    let cutoff = Date::constant(2000, 1, 1);
    let (mut compared, mut differences, mut missing) = (0usize, Vec::new(), Vec::new());
    // Roles of everyone known by each (country, name): two people may share a name (Latvia's prime minister
    // and president Andris Bērziņš).
    let mut people: std::collections::BTreeMap<(String, String), Person> = Default::default();
    for actor in set.actors.iter().filter(|a| a.kind == ActorKind::Person) {
        let Some(country) = &actor.country else {
            continue;
        };
        let Some(key) = actor
            .names
            .iter()
            .map(|n| key(&n.text))
            .find(|k| reference.contains_key(&(country.to_string(), k.clone())))
        else {
            continue;
        };
        let entry = people
            .entry((country.to_string(), key))
            .or_insert_with(|| (actor.name.to_string(), Vec::new()));
        entry.1.extend(
            actor
                .roles
                .iter()
                .filter_map(|(role, range)| range.map(|r| (role.to_string(), r))),
        );
    }
    for ((country, key), (name, ours)) in &people {
        let terms = &reference[&(country.clone(), key.clone())];
        for term in terms.iter().filter(|t| t.to.is_none_or(|to| to >= cutoff)) {
            compared += 1;
            let overlaps = ours.iter().find(|(_, r)| {
                let starts_before_end = match (r.from, term.to) {
                    (Some(a), Some(b)) => a <= b,
                    _ => true,
                };
                let ends_after_start = match (r.to, term.from) {
                    (Some(a), Some(b)) => a >= b,
                    _ => true,
                };
                starts_before_end && ends_after_start
            });
            let show = |d: Option<Date>| d.map_or("open".to_string(), |d| d.to_string());
            match overlaps {
                None => missing.push(format!(
                    "{} ({country}) {}: {}..{} in CountryInfo, no overlapping role here",
                    name,
                    term.office,
                    show(term.from),
                    show(term.to)
                )),
                Some((role, r)) => {
                    // CountryInfo stops around 2011: an open end there is not a disagreement.
                    let start_differs =
                        term.from.is_some() && r.from != term.from && term.from >= Some(cutoff);
                    let end_differs = term.to.is_some() && r.to != term.to;
                    if start_differs || end_differs {
                        differences.push(format!(
                            "{} ({country}) {}: ours {}..{} ({role}), CountryInfo {}..{}",
                            name,
                            term.office,
                            show(r.from),
                            show(r.to),
                            show(term.from),
                            show(term.to)
                        ));
                    }
                }
            }
        }
    }
    println!("compared {compared} CountryInfo terms since 2000 with built-in leaders");
    println!("{} date differences:", differences.len());
    for d in &differences {
        println!("  {d}");
    }
    println!("{} terms without an overlapping role:", missing.len());
    for m in &missing {
        println!("  {m}");
    }
    assert!(
        compared > 100,
        "too few leaders matched CountryInfo ({compared}): name matching broke?"
    );
    assert!(
        missing.is_empty(),
        "CountryInfo terms with no overlapping built-in role: {missing:#?}"
    );
    assert!(
        differences.len() <= MAX_DATE_DIFFERENCES,
        "{} date differences, more than the {MAX_DATE_DIFFERENCES} recorded",
        differences.len()
    );
}
