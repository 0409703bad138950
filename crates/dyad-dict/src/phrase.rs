//! Coding a noun phrase from dictionary matches, the PETRARCH way: a named actor gives its (dated) code;
//! otherwise a country (name, adjective, demonym, capital; a seat of government adds GOV) gives the root and
//! agents add sectors ("Russian foreign minister" → RUS + GOV = RUSGOV; "former" turns GOV into ELI and a
//! named person into an elite of their country).

use crate::compile::{Compiled, Hit, HitKind};
use crate::model::{ActorKind, AgentCode, NameUse};
use dyad_text::token::{Token, tokenize};
use jiff::civil::Date;
use serde::Serialize;
use std::borrow::Cow;

/// A dictionary match over tokens `start..start + len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// First token.
    pub start: usize,
    /// Number of tokens.
    pub len: usize,
    /// The entry matched.
    pub hit: Hit,
}

impl Segment {
    /// One past the last token.
    pub fn end(&self) -> usize {
        self.start + self.len
    }
}

/// One dictionary match inside a phrase.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// The matched text.
    pub text: String,
    /// "actor", "country", "agent".
    pub role: &'static str,
    /// The entry's canonical name (actors) or first noun (agents).
    pub entry: String,
    /// The code this part contributes on the date.
    pub code: String,
    /// Where the entry was defined.
    pub source: String,
}

/// The code of a phrase and how it was composed.
#[derive(Debug, Clone, Serialize)]
pub struct PhraseCode {
    /// The composed code, if any part gave one.
    pub code: Option<String>,
    /// The matches, left to right.
    pub parts: Vec<Part>,
    /// Index of the named (non-country) actor the phrase refers to, if any.
    #[serde(skip)]
    pub actor: Option<u32>,
    /// Country code the phrase carries (from a country part or the named actor).
    #[serde(skip)]
    pub country: Option<String>,
    /// Sector codes from agents, in order.
    #[serde(skip)]
    pub sectors: Vec<String>,
}

/// Words that turn an office into a former office.
pub fn is_former(word: &str) -> bool {
    ["former", "ex", "ex-", "erstwhile", "late", "then"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

/// Short words that look like acronyms in capitals but are ordinary words in lower case.
const COMMON_WORDS: &[&str] = &[
    "us", "it", "is", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "me", "my",
    "no", "of", "on", "or", "so", "to", "up", "we", "who", "all", "can", "may", "now", "new",
    "one",
];

/// Whether a case-sensitive phrase may match these tokens: written in capitals in mixed-case text; in
/// all-caps text only if it is not also a common word ("US" vs "us"); never in lower-cased text.
pub fn capitals_ok(doc: &str, tokens: &[Token], case: dyad_text::tag::CaseStyle) -> bool {
    use dyad_text::tag::CaseStyle;
    let caps = || {
        tokens.iter().all(|t| {
            t.text(doc)
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        })
    };
    match case {
        CaseStyle::Mixed => caps(),
        CaseStyle::Upper => !tokens.iter().any(|t| {
            COMMON_WORDS
                .iter()
                .any(|w| t.text(doc).eq_ignore_ascii_case(w))
        }),
        CaseStyle::Lower => false,
    }
}

/// Picks the most specific hit: named actors, then countries, then agents.
pub fn best_hit(compiled: &Compiled, hits: &[Hit]) -> Option<Hit> {
    best_of(compiled, hits.iter().copied())
}

/// [`best_hit`] over any sequence of hits.
fn best_of(compiled: &Compiled, hits: impl Iterator<Item = Hit>) -> Option<Hit> {
    let rank = |hit: &Hit| match hit.kind {
        HitKind::Actor => {
            let actor = &compiled.set.actors[hit.entry as usize];
            let root = actor.kind == ActorKind::Country
                || (actor.kind == ActorKind::Unknown
                    && actor.codes.iter().all(|c| c.code.len() == 3));
            if root { 1 } else { 0 }
        }
        HitKind::Agent => 2,
        HitKind::Discard | HitKind::Issue => 3,
    };
    hits.filter(|h| rank(h) < 3)
        .min_by_key(|h| (rank(h), h.entry))
}

/// The actor and agent matches of a token sequence: the longest acceptable match at each position, left to
/// right, without overlaps.
pub fn segments(
    compiled: &Compiled,
    doc: &str,
    tokens: &[Token],
    ids: &[u32],
    case: dyad_text::tag::CaseStyle,
    out: &mut Vec<Segment>,
) {
    let mut i = 0;
    while i < tokens.len() {
        let longest = compiled
            .matches_at(ids, i)
            .filter_map(|(len, hits)| {
                let capitals = hits.iter().any(|h| h.case_sensitive)
                    && capitals_ok(doc, &tokens[i..i + len], case);
                let usable = hits
                    .iter()
                    .filter(|h| !h.case_sensitive || capitals)
                    .copied();
                best_of(compiled, usable).map(|hit| Segment { start: i, len, hit })
            })
            .last();
        match longest {
            Some(segment) => {
                out.push(segment);
                i += segment.len;
            }
            None => i += 1,
        }
    }
}

/// Composes the code of the phrase made of `tokens[range]`, given its segments; `parts` asks for the
/// description of each match (for `dyad dict lookup`; the coder does without).
pub fn compose(
    compiled: &Compiled,
    doc: &str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    segments: &[Segment],
    date: Option<Date>,
    parts: bool,
) -> PhraseCode {
    let mut result = PhraseCode {
        code: None,
        parts: Vec::new(),
        actor: None,
        country: None,
        sectors: Vec::new(),
    };
    // Codes are borrowed from the dictionaries until the phrase's own code is made.
    let mut named: Option<Cow<str>> = None;
    // The organisation named before a person ("UN Secretary General Ban Ki-moon").
    let mut organisation: Option<Cow<str>> = None;
    let mut root: Option<Cow<str>> = None;
    let mut prefixes: Vec<&str> = Vec::new();
    let mut named_person = false;
    let mut former = false;
    let mut pending_former = false;
    let mut at = range.start;
    for segment in segments
        .iter()
        .filter(|s| s.start >= range.start && s.end() <= range.end)
    {
        pending_former |= tokens[at..segment.start]
            .iter()
            .any(|t| is_former(t.text(doc)));
        at = segment.end();
        let span =
            || &doc[tokens[segment.start].start as usize..tokens[segment.end() - 1].end as usize];
        match segment.hit.kind {
            HitKind::Actor => {
                let actor = &compiled.set.actors[segment.hit.entry as usize];
                let code: Cow<str> = match actor.code_on(date).unwrap_or("") {
                    seat if segment.hit.usage == NameUse::Seat => format!("{seat}GOV").into(),
                    code => code.into(),
                };
                // A bare three-letter code (a PETRARCH country or IGO entry) is a root agents attach to.
                let is_root = actor.kind == ActorKind::Country
                    || (actor.kind == ActorKind::Unknown && code.len() == 3);
                let role = if is_root {
                    root.get_or_insert_with(|| code.clone());
                    "country"
                } else {
                    // The first named actor, unless a person follows an organisation ("Hamas leader
                    // Khaled Meshaal" is the person, coded by his own dated code).
                    let person_after_org = actor.kind == ActorKind::Person
                        && result.actor.is_some_and(|a| {
                            compiled.set.actors[a as usize].kind != ActorKind::Person
                        });
                    if named.is_none() || person_after_org {
                        if person_after_org {
                            organisation = named.take();
                        }
                        named = Some(code.clone());
                        named_person = actor.kind == ActorKind::Person;
                        result.actor = Some(segment.hit.entry);
                    }
                    "actor"
                };
                if result.country.is_none() {
                    result.country = actor
                        .country
                        .as_deref()
                        .or_else(|| code.get(..3))
                        .map(str::to_string);
                }
                if parts {
                    result.parts.push(Part {
                        text: span().to_string(),
                        role,
                        entry: actor.name.as_str().to_owned(),
                        code: code.into_owned(),
                        source: format!("{}:{}", actor.source.file, actor.source.line),
                    });
                }
            }
            HitKind::Agent => {
                let agent = &compiled.set.agents[segment.hit.entry as usize];
                let code = match &agent.code {
                    AgentCode::Suffix(c) => {
                        // "former prosecutors", "former president": an elite, whatever the office.
                        let c = if pending_former { "ELI" } else { c.as_str() };
                        if !result.sectors.iter().any(|s| s == c) {
                            result.sectors.push(c.to_string());
                        }
                        c
                    }
                    AgentCode::Prefix(c) => {
                        if !prefixes.contains(&c.as_str()) {
                            prefixes.push(c);
                        }
                        c
                    }
                };
                former |= pending_former;
                pending_former = false;
                if parts {
                    result.parts.push(Part {
                        text: span().to_string(),
                        role: "agent",
                        entry: agent
                            .nouns
                            .first()
                            .map(|p| p.text.as_str().to_owned())
                            .unwrap_or_default(),
                        code: code.to_string(),
                        source: format!("{}:{}", agent.source.file, agent.source.line),
                    });
                }
            }
            HitKind::Discard | HitKind::Issue => {}
        }
    }
    former |= pending_former && named.is_some();
    // "former President Dmitry Medvedev": the person's country as an elite, whatever office the date gives.
    if former && let Some(code) = named.as_mut() {
        let country: String = code.chars().take(3).collect();
        *code = format!("{country}ELI").into();
    }
    // "U.S. Secretary of State Warren Christopher" in a story dated after his term: the title the text
    // gives holds the office the sentence speaks of, over the dictionary's "elite" for that date.
    if named_person
        && !former
        && !result.sectors.is_empty()
        && let Some(code) = named.as_mut()
        && (code.is_empty() || code.ends_with("ELI"))
        && let Some(country) = result.country.as_deref().filter(|c| c.len() == 3)
    {
        *code = [country, &result.sectors.concat()].concat().into();
    }
    // "UN Secretary General Ban Ki-moon" after his term: the organisation the text names him by.
    if named_person
        && !former
        && let Some(code) = named.as_mut()
        && (code.is_empty() || code.ends_with("ELI"))
        && let Some(office) = organisation.filter(|o| !o.is_empty())
    {
        if let Some(country) = office.get(..3).filter(|c| *c != "---") {
            result.country = Some(country.to_string());
        }
        *code = office;
    }
    result.code = named.map(Cow::into_owned).or_else(|| {
        if root.is_none() && prefixes.is_empty() && result.sectors.is_empty() {
            return None;
        }
        let root = root.unwrap_or(Cow::Borrowed("---"));
        Some(format!(
            "{}{}{}",
            prefixes.concat(),
            root,
            result.sectors.concat()
        ))
    });
    result
}

/// Codes the phrase `text` on `date`.
pub fn code_phrase(compiled: &Compiled, text: &str, date: Option<Date>) -> PhraseCode {
    let mut tokens = Vec::new();
    tokenize(text, 0..text.len(), &mut tokens);
    let mut ids = Vec::new();
    compiled.token_ids(text, &tokens, &mut ids);
    let mut found = Vec::new();
    let case = dyad_text::tag::CaseStyle::Mixed;
    segments(compiled, text, &tokens, &ids, case, &mut found);
    compose(compiled, text, &tokens, 0..tokens.len(), &found, date, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled() -> Compiled {
        Compiled::build(crate::format::read(
            "country: Russia\n  code: RUS\n  adjectives: Russian\n  seats: the Kremlin\n\
             country: United States\n  code: USA\n  names: US\n\
             actor: Dmitry Medvedev\n  type: person\n  country: RUS\n  code: RUSGOV 2008-05-07..2012-05-07\n  code: RUSELI\n\
             actor: United Nations\n  type: group\n  code: IGOUNO\n\
             agent: president | foreign minister => GOV\n\
             agent: peacekeeper => IGO~\n",
            "t",
        ))
    }

    #[test]
    fn composes_codes_the_petrarch_way() {
        let c = compiled();
        let code = |text: &str, date: Option<Date>| code_phrase(&c, text, date).code;
        assert_eq!(
            code("Russian foreign minister", None).as_deref(),
            Some("RUSGOV")
        );
        assert_eq!(code("the Kremlin", None).as_deref(), Some("RUSGOV"));
        assert_eq!(
            code("Dmitry Medvedev", Some(Date::constant(2010, 1, 1))).as_deref(),
            Some("RUSGOV")
        );
        assert_eq!(
            code(
                "former Russian President Dmitry Medvedev",
                Some(Date::constant(2010, 1, 1))
            )
            .as_deref(),
            Some("RUSELI")
        );
        assert_eq!(code("former president", None).as_deref(), Some("---ELI"));
        // Out of office by the story's date, but the text gives him his title: the title's office.
        let later = Some(Date::constant(2015, 1, 1));
        assert_eq!(code("Dmitry Medvedev", later).as_deref(), Some("RUSELI"));
        assert_eq!(
            code("President Dmitry Medvedev", later).as_deref(),
            Some("RUSGOV")
        );
        assert_eq!(
            code("former President Dmitry Medvedev", later).as_deref(),
            Some("RUSELI")
        );
        // An organisation named before him is the office the text gives him, and his country.
        let phrase = code_phrase(&c, "United Nations Dmitry Medvedev", later);
        assert_eq!(phrase.code.as_deref(), Some("IGOUNO"));
        assert_eq!(phrase.country.as_deref(), Some("IGO"));
        assert_eq!(
            code(
                "United Nations Dmitry Medvedev",
                Some(Date::constant(2010, 1, 1))
            )
            .as_deref(),
            Some("RUSGOV")
        );
        assert_eq!(
            code("Russian peacekeepers", None).as_deref(),
            Some("IGORUS")
        );
        assert_eq!(
            code("they told us", None),
            None,
            "lower-case 'us' is not the United States"
        );
        assert_eq!(code("the US said", None).as_deref(), Some("USA"));
    }
}
