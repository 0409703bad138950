//! Event place: the location an event's text gives it, resolved against the gazetteer (`dyad-geo`).
//!
//! Where a place comes from, in order:
//! 1. a locative phrase in the trigger's clause, the nearest to the trigger ("met … in the Qatari capital",
//!    "clashes near Aleppo", "In Gaza, police arrested …");
//! 2. a locative phrase elsewhere in the sentence that does not describe another noun ("Kerry, who was in
//!    Ankara, criticised Russia", but not "a Hamas official in Gaza");
//! 3. the document's dateline ("MOSCOW (Reuters) -").
//!
//! Never the first place named somewhere else in the story. A locative phrase is "in", "near", "at",
//! "outside", "around", "inside", "across", "throughout" or "within" (and "to" for a visit, CAMEO 042)
//! followed by
//! - a gazetteer name ("Doha", "the Gaza Strip", "the West Bank"), the longest that matches;
//! - a direction (or "occupied") and a name ("northern Syria": Syria; "the occupied West Bank"), where a
//!   town must lie in one of the document's countries;
//! - a description: "the Qatari capital" or "Bahrain's capital" (the country's capital), "the capital" (the
//!   dateline country's), "the Syrian city of Aleppo" (Aleppo, preferring Syria).
//!
//! Skipped: a topic ("about the situation in Gaza"), the object of another verb ("met Lavrov to discuss
//! the situation in Gaza"), for a nominal event a phrase describing another noun, a phrase on the other
//! side of a quotation mark from the trigger. Names that are also common words ("Of", "Mobile", "Reading",
//! "Nice") count only when capitalised in mixed-case text and prominent in the gazetteer; in all-caps and
//! lower-case text they never do. Month and weekday names and bare directions ("in the West") are never
//! places. A name inside a person's or organisation's mention ("Jordan Peterson", "at the Washington
//! Post") is not a place, nor the target of "at" ("fired at Israel"), nor a possessor ("in Israel's
//! Operation Protective Edge"). Ambiguous names prefer the document's countries (the dateline's, the places
//! already found, the actors'), then countries, capitals and prominence (see
//! `dyad_geo::Gazetteer::resolve`).
//!
//! The gazetteer is loaded on the first event that needs it; only sentences with events are searched.

use crate::event::{Event, Place};
use crate::mentions::{Mention, MentionKind};
use dyad_geo::{Feature, Gazetteer};
use dyad_text::UnitKind;
use dyad_text::analysis::Analysis;
use dyad_text::tag::{CaseStyle, Upos};
use dyad_text::token::Token;

/// Prepositions that introduce where something happened.
const LOCATIVES: &[&str] = &[
    "in",
    "near",
    "at",
    "outside",
    "around",
    "inside",
    "across",
    "throughout",
    "within",
];

/// Seas and regions that span countries: "in the Gulf" is not Papua New Guinea's Gulf Province, "in the
/// Sahel" not Burkina Faso's Sahel region.
const REGIONS: &[&str] = &[
    "gulf",
    "sahel",
    "levant",
    "pacific",
    "atlantic",
    "arctic",
    "antarctic",
    "maghreb",
    "caribbean",
];

/// Direction modifiers before a place name ("northern Syria").
const DIRECTIONS: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];

/// Nouns of "the Syrian city of Aleppo".
const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "province",
    "region",
    "port",
    "district",
    "governorate",
    "state",
];

/// Longest place name tried, in tokens.
const MAX_NAME_TOKENS: usize = 6;

/// Prominence (GeoNames places within ~25 km) a name that is also a common word needs to count.
const COMMON_WORD_MIN_WEIGHT: u32 = 30;

/// A place expression found in a sentence: token range and gazetteer entry.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// The locative preposition's token.
    preposition: usize,
    /// First token of the expression (after the preposition).
    start: usize,
    /// One past its last token.
    end: usize,
    /// The gazetteer entry.
    entry: u32,
    /// The phrase follows a noun other than the trigger ("an official in Gaza").
    noun_attached: bool,
}

/// Place finding for one document: the dateline, the country context, scratch buffers.
pub struct DocumentPlaces {
    /// Token range of the dateline unit, when the document has one.
    dateline_tokens: Option<std::ops::Range<usize>>,
    /// The dateline place, resolved on first use: `None` not yet tried, `Some(None)` none.
    dateline: Option<Option<Place>>,
    /// ISO3 codes of the actors' countries seen so far.
    actor_countries: Vec<[u8; 3]>,
    /// The gazetteer countries of `actor_countries[..resolved]`, each once, in order of first mention.
    actor_context: Vec<u16>,
    /// How many of `actor_countries` have been looked up into `actor_context`.
    resolved: usize,
    /// ISO3 codes of the countries of actors that act at home (police, armed forces, courts,
    /// legislatures): "Lebanese troops clashed … in Tripoli" is Lebanon's Tripoli.
    domestic_countries: Vec<[u8; 3]>,
    /// The gazetteer countries of `domestic_countries`.
    domestic_context: Vec<u16>,
    /// Countries (gazetteer indexes) of the dateline and of the places found so far.
    place_countries: Vec<u16>,
    /// Letter-case style of the document.
    case: CaseStyle,
    context: Vec<u16>,
    candidates: Vec<Candidate>,
    key: String,
    word: String,
}

impl DocumentPlaces {
    /// Prepares place finding for a document (the gazetteer itself is loaded on the first event).
    pub fn new(analysis: &Analysis) -> DocumentPlaces {
        let dateline_tokens = analysis
            .units
            .iter()
            .find(|u| u.kind == UnitKind::Dateline)
            .map(|u| u.tokens.start as usize..u.tokens.end as usize);
        DocumentPlaces {
            dateline_tokens,
            dateline: None,
            actor_countries: Vec::new(),
            domestic_countries: Vec::new(),
            domestic_context: Vec::new(),
            actor_context: Vec::new(),
            resolved: 0,
            place_countries: Vec::new(),
            case: analysis.case.unwrap_or(CaseStyle::Mixed),
            context: Vec::new(),
            candidates: Vec::new(),
            key: String::new(),
            word: String::new(),
        }
    }

    /// Notes the countries of a sentence's actor mentions as document context. A place name's own country
    /// is what the context must decide, so a mention after a locative preposition ("in London") or holding
    /// one ("two men in London", whose country the location rule took from London) is left out.
    pub fn observe(&mut self, doc: &str, tokens: &[Token], mentions: &[Mention]) {
        let locative = |word: &str| LOCATIVES.iter().any(|l| word.eq_ignore_ascii_case(l));
        for mention in mentions {
            let placed = mention.preposition.as_deref().is_some_and(locative)
                || tokens[mention.start..mention.end]
                    .iter()
                    .any(|t| locative(t.text(doc)));
            let Some(code) = mention.country.as_deref().and_then(iso3_bytes) else {
                continue;
            };
            if placed {
                continue;
            }
            if !self.actor_countries.contains(&code) {
                self.actor_countries.push(code);
            }
            let domestic = mention
                .sectors
                .iter()
                .any(|s| matches!(s.as_str(), "COP" | "MIL" | "JUD" | "LEG"));
            if domestic && !self.domestic_countries.contains(&code) {
                self.domestic_countries.push(code);
            }
        }
    }

    /// The place of an event of a sentence (`tokens`: the sentence's tokens, `mentions`: its mentions).
    pub fn locate(
        &mut self,
        doc: &str,
        analysis: &Analysis,
        tokens: &[Token],
        mentions: &[Mention],
        event: &Event,
    ) -> Option<Place> {
        let gazetteer = dyad_geo::builtin().ok()?;
        self.resolve_dateline(doc, analysis, gazetteer);
        self.rebuild_context(gazetteer);
        self.candidates.clear();
        let trigger = tokens
            .iter()
            .position(|t| t.start == event.evidence.trigger[0])
            .unwrap_or(0);
        // A visit's place is where it goes ("travelled to Moscow").
        let visit = event.cameo.base == "042";
        let nominal = tokens.get(trigger).is_some_and(|t| t.tag == Upos::NOUN);
        let trigger_quoted = quoted(doc, tokens, trigger);
        for (i, token) in tokens.iter().enumerate() {
            let text = token.text(doc);
            let locative = (text.len() <= 10
                && LOCATIVES.iter().any(|p| text.eq_ignore_ascii_case(p)))
                || (visit && text.eq_ignore_ascii_case("to"));
            if !locative || is_topic(doc, tokens, i) || quoted(doc, tokens, i) != trigger_quoted {
                continue;
            }
            // A nominal event's place modifies the event noun, not another noun ("the meeting … and the
            // invitation for talks in Moscow").
            let noun = noun_before(tokens, i);
            if nominal && noun.is_some_and(|n| n != trigger) {
                continue;
            }
            // The object of another verb after the trigger ("met Lavrov to discuss the situation in Gaza").
            if noun.is_some_and(|n| n > trigger && governs_another_verb(doc, tokens, trigger, n)) {
                continue;
            }
            if let Some(mut candidate) = self.phrase(doc, tokens, i, gazetteer)
                && !self.is_actor_name(doc, tokens, mentions, &candidate, event)
            {
                candidate.noun_attached = noun.is_some_and(|n| n != trigger);
                self.candidates.push(candidate);
            }
        }
        let nearest = |cands: &mut dyn Iterator<Item = &Candidate>| -> Option<Candidate> {
            cands
                .min_by_key(|c| {
                    if c.start > trigger {
                        c.start - trigger
                    } else {
                        trigger - c.preposition.min(trigger)
                    }
                })
                .copied()
        };
        let found = if self.candidates.is_empty() {
            None
        } else {
            let clauses = crate::time::clause_ids(doc, tokens, &[]);
            let clause = clauses.get(trigger).copied();
            let in_clause = nearest(
                &mut self
                    .candidates
                    .iter()
                    .filter(|c| clauses.get(c.preposition).copied() == clause),
            );
            match in_clause {
                Some(c) => Some((c, "clause")),
                // Outside the clause, only a phrase that does not describe some other noun ("a Hamas
                // official in Gaza", "its military wing within the Gaza Strip").
                None => nearest(&mut self.candidates.iter().filter(|c| !c.noun_attached))
                    .map(|c| (c, "sentence")),
            }
        };
        match found {
            Some((candidate, source)) => {
                let entry = gazetteer.entry(candidate.entry);
                if let Some(country) = entry.country
                    && !self.place_countries.contains(&country)
                {
                    self.place_countries.push(country);
                }
                let span = [tokens[candidate.start].start, tokens[candidate.end - 1].end];
                Some(make_place(gazetteer, candidate.entry, doc, span, source))
            }
            None => self.dateline.clone().flatten(),
        }
    }

    /// Resolves the dateline's place once ("MOSCOW (Reuters) -", "GAZA CITY, Aug 4 -").
    fn resolve_dateline(&mut self, doc: &str, analysis: &Analysis, gazetteer: &Gazetteer) {
        if self.dateline.is_some() {
            return;
        }
        let mut place = None;
        if let Some(range) = self.dateline_tokens.clone() {
            let tokens = &analysis.tokens[range];
            let words = tokens
                .iter()
                .take_while(|t| t.text(doc).chars().any(char::is_alphabetic))
                .count();
            for len in (1..=words.min(MAX_NAME_TOKENS)).rev() {
                self.build_key(doc, &tokens[..len]);
                if let Some(entry) = gazetteer.resolve(&self.key, &[]) {
                    if let Some(country) = gazetteer.entry(entry).country {
                        self.place_countries.push(country);
                    }
                    let span = [tokens[0].start, tokens[len - 1].end];
                    place = Some(make_place(gazetteer, entry, doc, span, "dateline"));
                    break;
                }
            }
        }
        self.dateline = Some(place);
    }

    /// Countries for ranking ambiguous names: the dateline's and the places' first, then the actors'.
    fn rebuild_context(&mut self, gazetteer: &Gazetteer) {
        // Actor countries are only ever appended: look up the new ones.
        for code in &self.actor_countries[self.resolved..] {
            if let Some(c) = std::str::from_utf8(code)
                .ok()
                .and_then(|c| gazetteer.country_by_iso3(c))
                && !self.actor_context.contains(&c)
            {
                self.actor_context.push(c);
            }
        }
        self.resolved = self.actor_countries.len();
        for code in &self.domestic_countries[self.domestic_context.len()..] {
            let c = std::str::from_utf8(code)
                .ok()
                .and_then(|c| gazetteer.country_by_iso3(c));
            // An unknown code keeps its slot so that positions stay aligned with the codes.
            self.domestic_context.push(c.unwrap_or(u16::MAX));
        }
        self.context.clear();
        self.context.extend_from_slice(&self.place_countries);
        for &c in &self.actor_context {
            if !self.context.contains(&c) {
                self.context.push(c);
            }
        }
    }

    /// The place expression after the locative preposition at `preposition`.
    fn phrase(
        &mut self,
        doc: &str,
        tokens: &[Token],
        preposition: usize,
        gazetteer: &Gazetteer,
    ) -> Option<Candidate> {
        let mut p = preposition + 1;
        let start = p;
        if tokens.get(p)?.text(doc).eq_ignore_ascii_case("the") {
            p += 1;
        }
        // A name as written ("West Bank", "North Korea" begin with a direction).
        if let Some((end, entry)) = self.name_at(doc, tokens, p, gazetteer, None) {
            // "Bahrain's capital".
            let possessive = tokens
                .get(end)
                .is_some_and(|t| matches!(t.text(doc), "'s" | "’s"));
            if possessive
                && tokens
                    .get(end + 1)
                    .is_some_and(|t| t.text(doc).eq_ignore_ascii_case("capital"))
                && let Some(country) = gazetteer.entry(entry).country
                && gazetteer.entry(entry).feature == Feature::Country
                && let Some(capital) = gazetteer.country(country).capital
            {
                return Some(Candidate {
                    preposition,
                    start,
                    end: end + 2,
                    entry: capital,
                    noun_attached: false,
                });
            }
            // "in Israel's Operation Protective Edge": the name qualifies something else.
            if possessive {
                return None;
            }
            return Some(Candidate {
                preposition,
                start,
                end,
                entry,
                noun_attached: false,
            });
        }
        let is_any = |k: usize, words: &[&str]| {
            tokens
                .get(k)
                .is_some_and(|t| words.iter().any(|w| t.text(doc).eq_ignore_ascii_case(w)))
        };
        // "northern Syria", "the occupied West Bank", "the northern Syrian city of Aleppo".
        if is_any(p, DIRECTIONS) || is_any(p, &["occupied"]) {
            p += 1;
            // After a direction, a town only in the document's countries ("northern Aleppo"), never a
            // namesake abroad ("North Sinai" is not Sinaí, Ecuador).
            if let Some((end, entry)) = self.name_at(doc, tokens, p, gazetteer, None)
                && (gazetteer.entry(entry).feature != Feature::City
                    || gazetteer.is_capital(entry)
                    || gazetteer
                        .entry(entry)
                        .country
                        .is_some_and(|c| self.context.contains(&c)))
            {
                return Some(Candidate {
                    preposition,
                    start,
                    end,
                    entry,
                    noun_attached: false,
                });
            }
        }
        // "the Qatari capital", "the Syrian city of Aleppo", "the capital".
        let first = tokens.get(p)?;
        dyad_geo::normalise_word(first.text(doc), &mut self.word);
        let adjective = gazetteer.country_by_adjective(&self.word);
        let noun_at = if adjective.is_some() { p + 1 } else { p };
        if is_any(noun_at, &["capital"]) {
            let country = match adjective {
                Some(c) => c,
                // "the capital" alone: the dateline's country.
                None => {
                    let dateline = self.dateline.as_ref()?.as_ref()?;
                    gazetteer.country_by_iso3(dateline.country.as_deref()?)?
                }
            };
            let capital = gazetteer.country(country).capital?;
            return Some(Candidate {
                preposition,
                start,
                end: noun_at + 1,
                entry: capital,
                noun_attached: false,
            });
        }
        if let Some(country) = adjective
            && is_any(noun_at, PLACE_NOUNS)
            && is_any(noun_at + 1, &["of"])
            && let Some((end, entry)) =
                self.name_at(doc, tokens, noun_at + 2, gazetteer, Some(country))
        {
            return Some(Candidate {
                preposition,
                start,
                end,
                entry,
                noun_attached: false,
            });
        }
        None
    }

    /// The longest gazetteer name starting at token `p`: (end, entry). `prefer` is a country to rank first.
    fn name_at(
        &mut self,
        doc: &str,
        tokens: &[Token],
        p: usize,
        gazetteer: &Gazetteer,
        prefer: Option<u16>,
    ) -> Option<(usize, u32)> {
        let first = tokens.get(p)?;
        if !name_like(first.text(doc), self.case) {
            return None;
        }
        let longest = gazetteer
            .max_words()
            .min(MAX_NAME_TOKENS)
            .min(tokens.len() - p);
        for len in (1..=longest).rev() {
            let span = &tokens[p..p + len];
            if span.iter().any(|t| {
                matches!(
                    t.text(doc),
                    "," | "." | ";" | ":" | "(" | ")" | "\"" | "“" | "”"
                )
            }) {
                continue;
            }
            self.build_key(doc, span);
            if gazetteer.lookup(&self.key).is_empty() {
                continue;
            }
            let context = match &prefer {
                Some(country) => std::slice::from_ref(country),
                None => self.context.as_slice(),
            };
            let mut entry = gazetteer.resolve(&self.key, context)?;
            // An actor's nationality alone does not move a national capital: "American students
            // marched in Cairo" is Egypt's Cairo, not a town in New York. The dateline, places already
            // found and actors that act at home still do ("Canadian police arrested two men in London").
            let chosen = gazetteer.entry(entry);
            if prefer.is_none()
                && !gazetteer.is_capital(entry)
                && chosen.feature == Feature::City
                && chosen.country.is_some_and(|c| {
                    !self.place_countries.contains(&c) && !self.domestic_context.contains(&c)
                })
                && let Some(capital) = gazetteer
                    .resolve(&self.key, &self.place_countries)
                    .filter(|&c| gazetteer.is_capital(c))
            {
                entry = capital;
            }
            let mut end = p + len;
            // "Gaza City", "Kuwait City": the data names the city without "City".
            if tokens
                .get(end)
                .is_some_and(|t| t.text(doc).eq_ignore_ascii_case("city"))
                && gazetteer.entry(entry).feature == Feature::City
            {
                end += 1;
            }
            if !self.acceptable(doc, tokens, p, end, entry, gazetteer) {
                return None;
            }
            return Some((end, entry));
        }
        None
    }

    /// Whether a matched name is a place here: not a direction, month or weekday; not a common word unless
    /// capitalised in mixed-case text and prominent; not the start of a longer proper name.
    fn acceptable(
        &self,
        doc: &str,
        tokens: &[Token],
        start: usize,
        end: usize,
        entry: u32,
        gazetteer: &Gazetteer,
    ) -> bool {
        let e = gazetteer.entry(entry);
        let text = tokens[start].text(doc);
        if end - start == 1 {
            if DIRECTIONS.iter().any(|d| text.eq_ignore_ascii_case(d))
                || REGIONS.iter().any(|r| text.eq_ignore_ascii_case(r))
                || dyad_text::date::month_number(text).is_some()
                || dyad_text::date::weekday_number(text).is_some()
            {
                return false;
            }
            let common = matches!(
                dyad_text::tag::model().lookup(text),
                Some(tag) if tag != Upos::PROPN
            );
            if common && e.feature != Feature::Country {
                let strong = gazetteer.is_capital(entry) || e.weight >= COMMON_WORD_MIN_WEIGHT;
                if self.case != CaseStyle::Mixed || !strong || e.feature == Feature::Admin1 {
                    return false;
                }
            }
        }
        // "at the Washington Post": a capitalised word continuing the name makes it something else.
        if self.case == CaseStyle::Mixed
            && let Some(next) = tokens.get(end)
        {
            let next_text = next.text(doc);
            if next_text.chars().next().is_some_and(char::is_uppercase)
                && next.tag == Upos::PROPN
                && dyad_text::date::month_number(next_text).is_none()
                && dyad_text::date::weekday_number(next_text).is_none()
            {
                return false;
            }
        }
        true
    }

    /// Whether a candidate is really an actor's name: inside a person's or organisation's mention, or the
    /// event's target after "at".
    fn is_actor_name(
        &self,
        doc: &str,
        tokens: &[Token],
        mentions: &[Mention],
        candidate: &Candidate,
        event: &Event,
    ) -> bool {
        // A dictionary person or organisation, or an unknown name that is longer than the place or was
        // resolved to someone ("Meshaal" → "Khaled Meshaal").
        let person_or_organisation = mentions.iter().any(|m| {
            let overlaps = m.start < candidate.end && candidate.start < m.end;
            let extends = m.start < candidate.start || m.end > candidate.end;
            let written = &doc[tokens[m.start].start as usize..tokens[m.end - 1].end as usize];
            overlaps
                && (m.kind == MentionKind::Named
                    || (m.kind == MentionKind::Unknown && (extends || m.name != written)))
        });
        let at_target = tokens[candidate.preposition]
            .text(doc)
            .eq_ignore_ascii_case("at")
            && event.evidence.target.iter().any(|span| {
                span[0] <= tokens[candidate.start].start && tokens[candidate.end - 1].end <= span[1]
            });
        person_or_organisation || at_target
    }

    /// Gives a country to mentions of groups named after a place the dictionaries do not know: "Shanghai
    /// authorities" → CHNGOV, "Ontario government" → CANGOV. Only a region's or a capital's name followed by a
    /// role counts: a bare name ("Johnson") is too often a person who shares it with a town.
    pub fn name_places(&mut self, doc: &str, tokens: &[Token], mentions: &mut [Mention]) {
        let mut context_built = false;
        for mention in mentions.iter_mut() {
            if mention.country.is_some()
                || mention.actor.is_some()
                || mention.sectors.is_empty()
                || mention.kind == MentionKind::Description
            {
                continue;
            }
            let span = &tokens[mention.start..mention.end];
            let first = usize::from(span.first().is_some_and(|t| t.tag == Upos::DET));
            let run = span[first..]
                .iter()
                .take_while(|t| {
                    let text = t.text(doc);
                    // An acronym in mixed-case text is an organisation ("a GAO official"), not Gao.
                    let acronym = self.case == CaseStyle::Mixed
                        && text.len() > 1
                        && !text.bytes().any(|b| b.is_ascii_lowercase());
                    t.tag == Upos::PROPN && name_like(text, self.case) && !acronym
                })
                .count();
            // The name and then at least one word of the role.
            if run == 0 || first + run == span.len() {
                continue;
            }
            let Ok(gazetteer) = dyad_geo::builtin() else {
                return;
            };
            if !context_built {
                self.rebuild_context(gazetteer);
                context_built = true;
            }
            self.build_key(doc, &span[first..first + run]);
            // "Far East customers": a compass word alone is no region's name.
            if COMPASS_WORDS.contains(&self.key.as_str()) {
                continue;
            }
            if let Some(iso3) = place_country(gazetteer, &self.key, &self.context, true) {
                mention.code = Some(format!("{iso3}{}", mention.sectors.concat()));
                mention.country = Some(iso3.to_string());
            }
        }
    }

    /// Builds the normalised key of a token span into `self.key`.
    fn build_key(&mut self, doc: &str, span: &[Token]) {
        self.key.clear();
        for (i, token) in span.iter().enumerate() {
            let text = token.text(doc);
            if i == 0 && span.len() > 1 && text.eq_ignore_ascii_case("the") {
                continue;
            }
            push_key_word(&mut self.key, &mut self.word, text);
        }
    }
}

/// Appends a word's normal form to a gazetteer key (`word` is scratch space).
fn push_key_word(key: &mut String, word: &mut String, text: &str) {
    dyad_geo::normalise_word(text, word);
    if !key.is_empty() {
        key.push(' ');
    }
    key.push_str(word);
}

/// Whether the token at `i` is inside quotation marks (an odd number of quote marks before it).
fn quoted(doc: &str, tokens: &[Token], i: usize) -> bool {
    tokens[..i]
        .iter()
        .filter(|t| matches!(t.text(doc), "\"" | "“" | "”"))
        .count()
        % 2
        == 1
}

/// Whether an infinitive or a relative clause's verb stands between the trigger and the noun at `noun`
/// ("to discuss the situation", "protesters who were marching"): the noun then belongs to that verb.
fn governs_another_verb(doc: &str, tokens: &[Token], trigger: usize, noun: usize) -> bool {
    (trigger + 1..noun).any(|k| {
        tokens[k].tag == Upos::VERB
            && tokens[trigger + 1..k].iter().rev().take(3).any(|t| {
                ["to", "who", "which", "that"]
                    .iter()
                    .any(|w| t.text(doc).eq_ignore_ascii_case(w))
            })
    })
}

/// The noun right before the token at `i`, if any.
fn noun_before(tokens: &[Token], i: usize) -> Option<usize> {
    let k = i.checked_sub(1)?;
    (tokens[k].tag == Upos::NOUN).then_some(k)
}

/// Whether the preposition at `i` belongs to a topic ("about the situation in the Gaza Strip"): a noun
/// phrase after about/regarding/concerning.
fn is_topic(doc: &str, tokens: &[Token], i: usize) -> bool {
    let mut k = i;
    for _ in 0..6 {
        let Some(prev) = k.checked_sub(1) else {
            return false;
        };
        let token = &tokens[prev];
        let text = token.text(doc);
        if ["about", "regarding", "concerning"]
            .iter()
            .any(|w| text.eq_ignore_ascii_case(w))
        {
            return true;
        }
        let in_phrase = matches!(
            token.tag,
            Upos::NOUN | Upos::ADJ | Upos::DET | Upos::PROPN | Upos::NUM
        ) || matches!(text, "'s" | "’s");
        if !in_phrase {
            return false;
        }
        k = prev;
    }
    false
}

/// Directions that some countries use as region names ("East", "Centre").
const COMPASS_WORDS: &[&str] = &[
    "north", "south", "east", "west", "central", "centre", "center", "northern", "southern",
    "eastern", "western",
];

/// The country of a city or region the gazetteer knows by the normalised `key`, the best of its namesakes
/// given the `context` countries; with `major`, only a region, a capital or a city that names its region
/// (town names are too often company names and surnames as well: "a Firestone spokesman", "Hughes
/// vice-president").
fn place_country(
    gazetteer: &Gazetteer,
    key: &str,
    context: &[u16],
    major: bool,
) -> Option<&'static str> {
    let index = gazetteer.resolve(key, context)?;
    let entry = gazetteer.entry(index);
    let wanted = match entry.feature {
        Feature::Country => false,
        Feature::Admin1 => true,
        // A city that gives its name to its region counts as the region ("Shanghai", "Aleppo").
        Feature::City => {
            !major
                || gazetteer.is_capital(index)
                || gazetteer.lookup(key).iter().any(|&other| {
                    let other = gazetteer.entry(other);
                    other.feature == Feature::Admin1 && other.iso2 == entry.iso2
                })
        }
    };
    wanted.then(|| gazetteer.iso3(&entry)).flatten()
}

/// The place name a phrase starts with and its country ("Mariupol" → UKR, "Puerto Peñasco residents" →
/// "Puerto Peñasco", MEX): its leading capitalised words name a city or region of the gazetteer.
pub fn place_name_country(text: &str) -> Option<(&str, &'static str)> {
    let gazetteer = dyad_geo::builtin().ok()?;
    let text = text.trim_start();
    let text = text
        .strip_prefix("the ")
        .or_else(|| text.strip_prefix("The "))
        .unwrap_or(text);
    // The leading capitalised words, and where they end.
    let (mut key, mut word, mut end, mut at) = (String::new(), String::new(), 0, 0);
    for w in text.split(' ') {
        let start = at;
        at += w.len() + 1;
        if w.is_empty() {
            continue;
        }
        if !name_like(w, CaseStyle::Mixed) {
            break;
        }
        push_key_word(&mut key, &mut word, w);
        end = start + w.len();
    }
    if key.is_empty() {
        return None;
    }
    Some((&text[..end], place_country(gazetteer, &key, &[], false)?))
}

/// Codes an actor phrase on its own (`dyad dict lookup`, the NGEC actor cases): the dictionaries' code, else,
/// for a phrase that starts with a city's or region's name, that place's country ("Mariupol" → UKR,
/// "Puerto Peñasco residents" → MEXCVL).
pub fn code_actor_phrase(
    compiled: &dyad_dict::Compiled,
    text: &str,
    date: Option<jiff::civil::Date>,
) -> dyad_dict::phrase::PhraseCode {
    let mut coded = dyad_dict::phrase::code_phrase(compiled, text, date);
    if coded.country.is_none()
        && coded.actor.is_none()
        && let Some((name, iso3)) = place_name_country(text)
    {
        coded.code = Some(format!("{iso3}{}", coded.sectors.concat()));
        coded.country = Some(iso3.to_string());
        coded.parts.insert(
            0,
            dyad_dict::phrase::Part {
                text: name.to_string(),
                role: "place",
                entry: iso3.to_string(),
                code: iso3.to_string(),
                source: "gazetteer".to_string(),
            },
        );
    }
    coded
}

/// Whether a token may begin a place name: a capitalised word in mixed-case text, any word otherwise.
fn name_like(text: &str, case: CaseStyle) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() => case != CaseStyle::Mixed || c.is_uppercase(),
        _ => false,
    }
}

/// An ISO3 code as bytes ("QAT"), for codes of three ASCII capitals.
fn iso3_bytes(code: &str) -> Option<[u8; 3]> {
    let bytes: [u8; 3] = code.as_bytes().try_into().ok()?;
    bytes.iter().all(u8::is_ascii_uppercase).then_some(bytes)
}

/// The event record's place for a gazetteer entry.
fn make_place(gazetteer: &Gazetteer, index: u32, doc: &str, span: [u32; 2], source: &str) -> Place {
    let entry = gazetteer.entry(index);
    Place {
        text: doc[span[0] as usize..span[1] as usize].to_string(),
        span,
        name: entry.name.to_string(),
        country: gazetteer.iso3(&entry).map(str::to_string),
        admin1: (!entry.admin1.is_empty()).then(|| format!("{}.{}", entry.iso2, entry.admin1)),
        lat: Some(degrees(entry.lat)),
        lon: Some(degrees(entry.lon)),
        feature_id: None,
        feature: entry.feature.as_str().to_string(),
        resolution: entry.feature.as_str().to_string(),
        source: source.to_string(),
    }
}

/// A coordinate as the data gives it (five decimals), without the noise of widening an `f32`.
fn degrees(value: f32) -> f64 {
    (f64::from(value) * 1e5).round() / 1e5
}
