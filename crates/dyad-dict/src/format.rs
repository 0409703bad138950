//! Reader for dyad's own dictionary format (see `docs/dictionaries.md`): entries of `KIND: VALUE` header
//! lines and indented `key: value` lines, for countries, actors, agents, synonym sets, event patterns,
//! discards and issues. Malformed lines are collected as [`Rejected`] with file:line, never fatal.

use crate::model::*;
use crate::text::Text;
use jiff::civil::Date;
use std::borrow::Cow;

/// Parses a date or partial date; `end` selects the last day of a partial period.
fn parse_partial_date(text: &str, end: bool) -> Option<Date> {
    let mut parts = text.trim().split('-');
    let num = |s: &str| s.parse::<i32>().ok();
    let year = i16::try_from(num(parts.next()?)?).ok()?;
    match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => Date::new(year, if end { 12 } else { 1 }, if end { 31 } else { 1 }).ok(),
        (Some(month), None, _) => {
            let month = i8::try_from(num(month)?).ok()?;
            let first = Date::new(year, month, 1).ok()?;
            if end {
                Some(first.last_of_month())
            } else {
                Some(first)
            }
        }
        (Some(month), Some(day), None) => Date::new(
            year,
            i8::try_from(num(month)?).ok()?,
            i8::try_from(num(day)?).ok()?,
        )
        .ok(),
        _ => None,
    }
}

/// Parses `FROM..TO` (either end open) or a single date/period.
pub fn parse_range(text: &str) -> Option<DateRange> {
    let text = text.trim();
    match text.split_once("..") {
        Some((from, to)) => {
            let from = if from.trim().is_empty() {
                None
            } else {
                Some(parse_partial_date(from, false)?)
            };
            let to = if to.trim().is_empty() {
                None
            } else {
                Some(parse_partial_date(to, true)?)
            };
            Some(DateRange { from, to })
        }
        None => Some(DateRange {
            from: Some(parse_partial_date(text, false)?),
            to: Some(parse_partial_date(text, true)?),
        }),
    }
}

/// Splits `value` on `|`, trimming and dropping empty parts.
fn alternatives(value: &str) -> impl Iterator<Item = &str> {
    value.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Whether a name is a short all-capital acronym that must match case-sensitively ("US", "ICC").
fn is_short_acronym(name: &str) -> bool {
    let mut letters = 0;
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if letters > 4 || !c.is_uppercase() {
            return false;
        }
    }
    letters > 0 && !name.contains(' ')
}

fn phrase(text: &str, usage: NameUse, case_sensitive: bool) -> Phrase {
    let mut squeezed = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !squeezed.is_empty() {
            squeezed.push(' ');
        }
        squeezed.push_str(word);
    }
    Phrase {
        text: squeezed.into(),
        case_sensitive,
        usage,
    }
}

fn name_phrase(text: &str, usage: NameUse) -> Phrase {
    phrase(text, usage, is_short_acronym(text))
}

/// Strips a `#` comment (a `\#` stays as `#`).
fn strip_comment(line: &str) -> Cow<'_, str> {
    let Some(hash) = line.bytes().position(|b| b == b'#') else {
        return line.into();
    };
    if !line[..hash].contains('\\') {
        return line[..hash].into();
    }
    let mut out = String::new();
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|(_, n)| *n == '#') {
            out.push('#');
            chars.next();
        } else if c == '#' {
            return if out.is_empty() && i == 0 {
                "".into()
            } else {
                out.into()
            };
        } else {
            out.push(c);
        }
    }
    if out.len() == line.len() {
        line.into()
    } else {
        out.into()
    }
}

struct Entry<'a> {
    kind: &'static str,
    value: Cow<'a, str>,
    line: u32,
    keys: Vec<(Cow<'a, str>, Cow<'a, str>, u32)>,
}

/// Splits a `key: value` line at its first colon, both sides trimmed.
fn split_key_value(line: &str) -> Option<(&str, &str)> {
    let colon = line.bytes().position(|b| b == b':')?;
    Some((line[..colon].trim(), line[colon + 1..].trim()))
}

/// The lower-cased key and the value of a `key: value` line, borrowed from the text when the line is.
fn key_value<'a>(line: &Cow<'a, str>) -> Option<(Cow<'a, str>, Cow<'a, str>)> {
    let (key, value): (Cow<'a, str>, Cow<'a, str>) = match line {
        Cow::Borrowed(line) => {
            let (key, value) = split_key_value(line)?;
            (key.into(), value.into())
        }
        Cow::Owned(line) => {
            let (key, value) = split_key_value(line)?;
            (key.to_string().into(), value.to_string().into())
        }
    };
    if key.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some((key.to_ascii_lowercase().into(), value));
    }
    Some((key, value))
}

/// Reads a dyad-format dictionary file.
pub fn read(text: &str, file: &str) -> DictionarySet {
    let mut set = DictionarySet::default();
    let mut entries: Vec<Entry> = Vec::new();
    let reject = |set: &mut DictionarySet, line: u32, reason: String| {
        set.rejected.push(Rejected {
            source: Source {
                file: file.to_string().into(),
                line,
            },
            reason,
        });
    };
    for (index, raw) in text.lines().enumerate() {
        let number = index as u32 + 1;
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let Some((key, value)) = key_value(&line) else {
            reject(
                &mut set,
                number,
                format!("expected `key: value`, found {:?}", line.trim()),
            );
            continue;
        };
        if indented {
            match entries.last_mut() {
                Some(entry) => entry.keys.push((key, value, number)),
                None => reject(&mut set, number, "indented line outside an entry".into()),
            }
        } else {
            let kind = match &*key {
                "country" => "country",
                "actor" => "actor",
                "agent" => "agent",
                "set" => "set",
                "action" => "action",
                "discard" => "discard",
                "issue" => "issue",
                other => {
                    reject(&mut set, number, format!("unknown entry kind {other:?}"));
                    continue;
                }
            };
            entries.push(Entry {
                kind,
                value,
                line: number,
                keys: Vec::new(),
            });
        }
    }
    for entry in entries {
        let source = Source {
            file: file.to_string().into(),
            line: entry.line,
        };
        let result = match entry.kind {
            "country" => country(&entry, source).map(|a| set.actors.push(a)),
            "actor" => actor(&entry, source).map(|a| set.actors.push(a)),
            "agent" => agent(&entry, source).map(|a| set.agents.push(a)),
            "set" => synonym_set(&entry).map(|s| set.sets.push(s)),
            "action" => {
                let mut errors = Vec::new();
                let result = actions(&entry, file, &mut set.patterns, &mut errors);
                for (line, reason) in errors {
                    reject(&mut set, line, reason);
                }
                result
            }
            "discard" => discard(&entry, source, &mut set.discards),
            _ => issue(&entry, source).map(|i| set.issues.push(i)),
        };
        if let Err((line, reason)) = result {
            reject(&mut set, line, reason);
        }
    }
    set
}

type EntryResult<T> = Result<T, (u32, String)>;

/// An actor named by an entry's header, with nothing else known yet.
fn named_actor(entry: &Entry, kind: ActorKind, source: Source) -> Actor {
    Actor {
        name: entry.value.to_string().into(),
        names: vec![name_phrase(&entry.value, NameUse::Name)],
        kind,
        country: None,
        sectors: Vec::new(),
        codes: Vec::new(),
        roles: Vec::new(),
        refs: Vec::new(),
        valid: None,
        source,
    }
}

fn country(entry: &Entry, source: Source) -> EntryResult<Actor> {
    let mut actor = named_actor(entry, ActorKind::Country, source);
    let mut cameo = None;
    let mut code = None;
    for (key, value, line) in &entry.keys {
        let usage = match &**key {
            "names" => Some(NameUse::Name),
            "adjectives" => Some(NameUse::Adjective),
            "demonyms" => Some(NameUse::Demonym),
            "capital" | "capitals" => Some(NameUse::Capital),
            "seats" | "seat" => Some(NameUse::Seat),
            _ => None,
        };
        if let Some(usage) = usage {
            actor
                .names
                .extend(alternatives(value).map(|n| name_phrase(n, usage)));
            continue;
        }
        match &**key {
            "code" => code = Some(value.to_ascii_uppercase()),
            "cameo" => cameo = Some(value.to_ascii_uppercase()),
            "valid" => {
                actor.valid = Some(
                    parse_range(value)
                        .ok_or_else(|| (*line, format!("bad date range {value:?}")))?,
                )
            }
            "iso2" | "status" | "sovereign" | "region" | "wikidata" | "note" => {}
            other => return Err((*line, format!("unknown key {other:?} for a country"))),
        }
    }
    let code = cameo
        .or(code)
        .ok_or_else(|| (entry.line, format!("country {:?} has no code", entry.value)))?;
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err((
            entry.line,
            format!("country code {code:?} is not three capital letters"),
        ));
    }
    actor.country = Some(code.clone().into());
    actor.codes.push(DatedCode {
        code: code.into(),
        range: actor.valid,
    });
    Ok(actor)
}

fn code_line(value: &str, line: u32) -> EntryResult<DatedCode> {
    let mut parts = value.split_whitespace();
    let code = parts
        .next()
        .ok_or_else(|| (line, "empty code".to_string()))?
        .to_ascii_uppercase();
    if code.is_empty() || code.len() % 3 != 0 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err((
            line,
            format!("code {code:?} is not made of 3-character chunks"),
        ));
    }
    let range = match parts.next() {
        Some(range) => {
            Some(parse_range(range).ok_or_else(|| (line, format!("bad date range {range:?}")))?)
        }
        None => None,
    };
    Ok(DatedCode {
        code: code.into(),
        range,
    })
}

fn actor(entry: &Entry, source: Source) -> EntryResult<Actor> {
    let mut actor = named_actor(entry, ActorKind::Unknown, source);
    for (key, value, line) in &entry.keys {
        match &**key {
            "names" => actor
                .names
                .extend(alternatives(value).map(|n| name_phrase(n, NameUse::Name))),
            "acronyms" => actor
                .names
                .extend(alternatives(value).map(|n| phrase(n, NameUse::Name, true))),
            "code" => actor.codes.push(code_line(value, *line)?),
            "country" => actor.country = Some(value.to_ascii_uppercase().into()),
            "sector" | "sectors" => actor.sectors.extend(
                value
                    .split([' ', '|', ','])
                    .filter(|s| !s.is_empty())
                    .map(|s| s.to_ascii_uppercase().into()),
            ),
            "type" => {
                actor.kind = match value.to_ascii_lowercase().as_str() {
                    "person" => ActorKind::Person,
                    "organisation" | "organization" => ActorKind::Organisation,
                    "igo" => ActorKind::Igo,
                    "ngo" => ActorKind::Ngo,
                    "group" => ActorKind::Group,
                    "party" => ActorKind::Party,
                    "media" => ActorKind::Media,
                    "company" => ActorKind::Company,
                    "place" => ActorKind::Place,
                    other => return Err((*line, format!("unknown actor type {other:?}"))),
                }
            }
            "role" => {
                let (role, range) = match value.rsplit_once(' ') {
                    Some((role, range))
                        if range.contains("..")
                            || range.starts_with(|c: char| c.is_ascii_digit()) =>
                    {
                        (
                            role.trim().to_string(),
                            Some(
                                parse_range(range)
                                    .ok_or_else(|| (*line, format!("bad date range {range:?}")))?,
                            ),
                        )
                    }
                    _ => (value.to_string(), None),
                };
                actor.roles.push((role.into(), range));
            }
            "refs" => actor
                .refs
                .extend(alternatives(value).map(|r| r.to_lowercase().into())),
            "wikidata" | "note" => {}
            other => return Err((*line, format!("unknown key {other:?} for an actor"))),
        }
    }
    if actor.codes.is_empty() {
        let country = actor.country.clone().unwrap_or_default();
        let code = [
            country.as_str(),
            actor.sectors.first().map_or("", Text::as_str),
        ]
        .concat();
        if code.is_empty() {
            return Err((
                entry.line,
                format!("actor {:?} has no code, country or sector", entry.value),
            ));
        }
        actor.codes.push(DatedCode {
            code: code.into(),
            range: None,
        });
    }
    Ok(actor)
}

fn agent(entry: &Entry, source: Source) -> EntryResult<Agent> {
    let (nouns, code) = entry.value.rsplit_once("=>").ok_or_else(|| {
        (
            entry.line,
            "agent needs `NOUN | NOUN => SECTOR`".to_string(),
        )
    })?;
    let code = code.trim().to_ascii_uppercase();
    let code = match (code.strip_suffix('~'), code.strip_prefix('~')) {
        (Some(prefix), _) => AgentCode::Prefix(prefix.to_string().into()),
        (None, Some(suffix)) => AgentCode::Suffix(suffix.to_string().into()),
        (None, None) => AgentCode::Suffix(code.clone().into()),
    };
    let code_text = match &code {
        AgentCode::Prefix(c) | AgentCode::Suffix(c) => c,
    };
    if code_text.is_empty()
        || code_text.len() % 3 != 0
        || !code_text.bytes().all(|b| b.is_ascii_uppercase())
    {
        return Err((
            entry.line,
            format!("agent code {code_text:?} is not made of 3-letter chunks"),
        ));
    }
    let singulars: Vec<&str> = alternatives(nouns).collect();
    if singulars.is_empty() {
        return Err((entry.line, "agent without nouns".to_string()));
    }
    let mut irregular = None;
    for (key, value, line) in &entry.keys {
        match &**key {
            "plural" => irregular = Some(value.to_string()),
            other => return Err((*line, format!("unknown key {other:?} for an agent"))),
        }
    }
    let mut phrases = Vec::new();
    for noun in &singulars {
        phrases.push(phrase(noun, NameUse::Name, false));
        let plural = match (&irregular, singulars.len()) {
            (Some(plural), 1) => Some(plural.clone()),
            _ => crate::model::regular_plural(noun),
        };
        if let Some(plural) = plural.filter(|p| p != noun) {
            phrases.push(phrase(&plural, NameUse::Demonym, false));
        }
    }
    Ok(Agent {
        nouns: phrases,
        code,
        source,
    })
}

fn synonym_set(entry: &Entry) -> EntryResult<(Text, Vec<Text>)> {
    let (name, members) = entry
        .value
        .split_once('=')
        .ok_or_else(|| (entry.line, "set needs `NAME = a | b`".to_string()))?;
    let members: Vec<Text> = alternatives(members)
        .map(|m| m.to_lowercase().into())
        .collect();
    if members.is_empty() {
        return Err((entry.line, "empty set".to_string()));
    }
    Ok((
        name.trim().trim_start_matches('&').to_lowercase().into(),
        members,
    ))
}

/// Parses one pattern element.
fn element(word: &str) -> Option<Element> {
    if word == "{tgt}" {
        return Some(Element::Target);
    }
    if word == "{src}" {
        return Some(Element::Source);
    }
    if word == "..." {
        return Some(Element::Gap(4));
    }
    if let Some(inner) = word.strip_prefix('[').and_then(|w| w.strip_suffix(']')) {
        return Some(Element::Optional(Box::new(element(inner)?)));
    }
    if let Some(inner) = word.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
        let words: Vec<Text> = alternatives(inner)
            .map(|w| w.to_lowercase().into())
            .collect();
        return (!words.is_empty()).then_some(Element::AnyOf(words));
    }
    if let Some(name) = word.strip_prefix('&') {
        return (!name.is_empty()).then(|| Element::Set(name.to_lowercase().into()));
    }
    if word.contains(['{', '}', '(', ')', '[', ']', '&']) {
        return None;
    }
    Some(Element::Word(word.to_lowercase().into()))
}

/// Reads an action entry's patterns into `out`. A bad pattern line is reported in `errors` and the
/// entry's other lines are still read; a bad code rejects the whole entry.
fn actions(
    entry: &Entry,
    file: &str,
    out: &mut Vec<Pattern>,
    errors: &mut Vec<(u32, String)>,
) -> EntryResult<()> {
    let code = entry.value.split_whitespace().next().unwrap_or("");
    if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err((
            entry.line,
            format!("action code {code:?} is not a 2-4 digit CAMEO code"),
        ));
    }
    let mut plover = None;
    for (_, value, line) in entry.keys.iter().filter(|(key, _, _)| key == "plover") {
        if plover.is_some() {
            return Err((*line, "an action has one `plover:` line".into()));
        }
        plover = Some(plover_override(value).map_err(|reason| (*line, reason))?);
    }
    for (key, value, line) in entry.keys.iter().filter(|(key, _, _)| key != "plover") {
        match action_pattern(code, key, value, *line, file) {
            Ok(pattern) => out.push(Pattern { plover, ..pattern }),
            Err(error) => errors.push(error),
        }
    }
    Ok(())
}

/// A `plover:` line: a PLOVER event type and optionally one of its modes (`ACCUSE allege`).
fn plover_override(value: &str) -> Result<PloverOverride, String> {
    let mut words = value.split_whitespace();
    let event: dyad_ontology::PloverType = words
        .next()
        .unwrap_or("")
        .parse()
        .map_err(|e| format!("{e}"))?;
    let mode = match words.next() {
        Some(name) => Some(
            event
                .mode(name)
                .ok_or_else(|| format!("PLOVER {event} has no mode {name:?}"))?,
        ),
        None => None,
    };
    match words.next() {
        Some(extra) => Err(format!(
            "unexpected {extra:?} after the PLOVER type and mode"
        )),
        None => Ok(PloverOverride { event, mode }),
    }
}

/// One `verb:` or `noun:` line of an action entry.
fn action_pattern(
    code: &str,
    key: &str,
    value: &str,
    line: u32,
    file: &str,
) -> EntryResult<Pattern> {
    let kind = match key {
        "verb" => TriggerKind::Verb,
        "noun" => TriggerKind::Noun,
        other => {
            return Err((
                line,
                format!("unknown key {other:?} in an action (verb: or noun:)"),
            ));
        }
    };
    let (body, flag_text) = value.split_once(';').unwrap_or((value, ""));
    let mut flags = PatternFlags::default();
    for flag in flag_text.split([';', ',', ' ']).filter(|f| !f.is_empty()) {
        match flag {
            "symmetric" => flags.symmetric = true,
            "passive-only" => flags.passive_only = true,
            "no-target" => flags.no_target = true,
            other => return Err((line, format!("unknown pattern flag {other:?}"))),
        }
    }
    let mut words = body.split_whitespace();
    let trigger = match words.next().map(element) {
        Some(Some(Element::Word(w))) => vec![w],
        Some(Some(Element::AnyOf(ws))) => ws,
        _ => {
            return Err((
                line,
                format!("pattern {body:?} must start with its trigger word"),
            ));
        }
    };
    let mut after = Vec::new();
    for word in words {
        after.push(element(word).ok_or_else(|| (line, format!("bad pattern element {word:?}")))?);
    }
    Ok(Pattern {
        code: code.to_string().into(),
        kind,
        trigger,
        before: Vec::new(),
        after,
        flags,
        plover: None,
        reverse_code: None,
        modal_conventions: true,
        text: [key, ": ", value].concat().into(),
        source: Source {
            file: file.to_string().into(),
            line,
        },
    })
}

fn discard(entry: &Entry, source: Source, out: &mut Vec<Discard>) -> EntryResult<()> {
    let mut parts = alternatives(&entry.value);
    let scope = match parts.next() {
        Some("sentence") => DiscardScope::Sentence,
        Some("story") => DiscardScope::Story,
        other => {
            return Err((
                entry.line,
                format!("discard scope must be sentence or story, found {other:?}"),
            ));
        }
    };
    for text in parts {
        out.push(Discard {
            phrase: phrase(text, NameUse::Name, false),
            scope,
            source: source.clone(),
        });
    }
    Ok(())
}

fn issue(entry: &Entry, source: Source) -> EntryResult<Issue> {
    let mut phrases = Vec::new();
    for (key, value, line) in &entry.keys {
        match &**key {
            "names" => phrases.extend(alternatives(value).map(|p| phrase(p, NameUse::Name, false))),
            other => return Err((*line, format!("unknown key {other:?} for an issue"))),
        }
    }
    Ok(Issue {
        category: entry.value.to_ascii_uppercase().into(),
        phrases,
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# a comment
country: Russia
  code: RUS
  names: Russian Federation | the Russian Federation
  adjectives: Russian
  capital: Moscow
  seats: the Kremlin

actor: Sergei Lavrov   # the foreign minister
  names: Sergey Lavrov
  type: person
  country: RUS
  code: RUSGOV 2004-03-09..
  code: RUSELI
  role: foreign minister 2004-03-09..

actor: United States armed forces
  acronyms: USAF
  country: USA
  sector: MIL

agent: foreign minister | top diplomat => GOV
agent: child => CVL
  plural: children
agent: peacekeeper => IGO~

set: talks = talks | negotiations

action: 036   # express intent to meet
  verb: invite {tgt} (to|for) &talks ; symmetric
  noun: invitation [to] {tgt}

discard: sentence | box office | football match
issue: elections
  names: election | ballot
bogus line
frobnicate: x
action: 1234567
";

    #[test]
    fn reads_every_entry_kind() {
        let set = read(SAMPLE, "sample.txt");
        assert_eq!(set.actors.len(), 3);
        let russia = &set.actors[0];
        assert_eq!(russia.codes[0].code, "RUS");
        assert!(
            russia
                .names
                .iter()
                .any(|p| p.text == "the Kremlin" && p.usage == NameUse::Seat)
        );
        let lavrov = &set.actors[1];
        assert_eq!(
            lavrov.code_on(Some(Date::constant(2015, 8, 3))),
            Some("RUSGOV")
        );
        assert_eq!(
            lavrov.code_on(Some(Date::constant(2001, 1, 1))),
            Some("RUSELI")
        );
        assert_eq!(lavrov.roles[0].0, "foreign minister");
        assert_eq!(set.actors[2].codes[0].code, "USAMIL");
        assert!(
            set.actors[2]
                .names
                .iter()
                .any(|p| p.text == "USAF" && p.case_sensitive)
        );
        assert_eq!(set.agents.len(), 3);
        let texts: Vec<&str> = set.agents[0]
            .nouns
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "foreign minister",
                "foreign ministers",
                "top diplomat",
                "top diplomats"
            ]
        );
        assert!(set.agents[1].nouns.iter().any(|p| p.text == "children"));
        assert_eq!(set.agents[2].code, AgentCode::Prefix("IGO".into()));
        assert_eq!(
            set.sets,
            vec![(
                Text::from("talks"),
                vec![Text::from("talks"), Text::from("negotiations")]
            )]
        );
        assert_eq!(set.patterns.len(), 2);
        assert_eq!(set.patterns[0].trigger, ["invite"]);
        assert_eq!(
            set.patterns[0].after,
            [
                Element::Target,
                Element::AnyOf(vec!["to".into(), "for".into()]),
                Element::Set("talks".into())
            ]
        );
        assert!(set.patterns[0].flags.symmetric);
        assert_eq!(
            set.patterns[1].after[0],
            Element::Optional(Box::new(Element::Word("to".into())))
        );
        assert_eq!(set.discards.len(), 2);
        assert_eq!(set.issues[0].category, "ELECTIONS");
        let lines: Vec<u32> = set.rejected.iter().map(|r| r.source.line).collect();
        assert_eq!(lines, [36, 37, 38], "{:?}", set.rejected);
    }

    #[test]
    fn a_bad_pattern_line_is_reported_and_the_entry_s_other_lines_kept() {
        let set = read(
            "action: 0842\n  verb: (hand back|hand over) {tgt}\n  verb: return {tgt}\n  \
             verb: give (hand back) {tgt}\n  noun: return of {tgt}\n",
            "t.txt",
        );
        let texts: Vec<&str> = set.patterns.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["verb: return {tgt}", "noun: return of {tgt}"]);
        let lines: Vec<u32> = set.rejected.iter().map(|r| r.source.line).collect();
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn a_plover_line_sets_the_entry_s_translation() {
        let set = read(
            "action: 173\n  verb: indict {tgt}\n  plover: accuse allege\n  noun: indictment of {tgt}\n\n\
             action: 173\n  verb: arrest {tgt}\n\n\
             action: 173\n  plover: ACCUSE shout\n  verb: charge {tgt}\n\n\
             action: 173\n  plover: SANCTION\n  plover: ACCUSE\n  verb: jail {tgt}\n",
            "t.txt",
        );
        let translations: Vec<String> = set
            .patterns
            .iter()
            .map(|p| {
                p.plover.map_or("-".into(), |o| {
                    format!("{} {}", o.event, o.mode.map_or("", |m| m.name()))
                })
            })
            .collect();
        assert_eq!(translations, ["ACCUSE allege", "ACCUSE allege", "-"]);
        let lines: Vec<u32> = set.rejected.iter().map(|r| r.source.line).collect();
        assert_eq!(lines, [10, 15], "{:?}", set.rejected);
    }

    #[test]
    fn date_ranges() {
        let r = parse_range("2004-03..2012").expect("range");
        assert_eq!(r.from, Some(Date::constant(2004, 3, 1)));
        assert_eq!(r.to, Some(Date::constant(2012, 12, 31)));
        assert_eq!(
            parse_range("..2001-02-28").and_then(|r| r.to),
            Some(Date::constant(2001, 2, 28))
        );
        assert!(parse_range("2001-02-30").is_none());
        assert!(parse_range("soon..").is_none());
    }
}
