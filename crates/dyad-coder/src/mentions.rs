//! Actor mentions in a sentence: dictionary actors, countries and agents composed into noun phrases,
//! unknown names kept as new actors, pronouns and descriptions, "X of Y" and apposition, the PETRARCH
//! location rule, and coordination into compound actors.

use dyad_dict::Compiled;
use dyad_dict::compile::HitKind;
use dyad_dict::model::ActorKind;
use dyad_dict::phrase::{Segment, compose};
use dyad_text::tag::{CaseStyle, Upos};
use dyad_text::token::Token;
use jiff::civil::Date;

/// What kind of expression a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// Contains a named dictionary actor (person, organisation).
    Named,
    /// Composed from countries and agents ("Russian foreign minister", "Israeli troops").
    Composed,
    /// A proper name the dictionaries do not know.
    Unknown,
    /// A personal pronoun.
    Pronoun,
    /// A description that refers back ("the group", "the official"), to be resolved.
    Description,
}

/// An actor mention: tokens `start..end` of the sentence.
#[derive(Debug, Clone)]
pub struct Mention {
    /// First token (sentence-relative).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Kind of expression.
    pub kind: MentionKind,
    /// Composed CAMEO code.
    pub code: Option<String>,
    /// Named dictionary actor (index into the dictionary's actors).
    pub actor: Option<u32>,
    /// Country code.
    pub country: Option<String>,
    /// Sector codes.
    pub sectors: Vec<String>,
    /// Name to report: the actor's canonical name, else the mention text.
    pub name: String,
    /// The preposition governing the mention, if it sits in a prepositional phrase ("in", "with").
    pub preposition: Option<String>,
    /// Compound group: mentions coordinated with this one share the number.
    pub group: u32,
    /// Pronoun or description is plural ("they", "the pair").
    pub plural: bool,
    /// Document entity (filled by entity tracking).
    pub entity: u32,
    /// Definite or possessive form ("the Hamas leader", "Russia's top diplomat"): refers back.
    pub definite: bool,
    /// Indefinite form ("a Hamas official"): introduces someone new.
    pub indefinite: bool,
    /// For an indefinite mention, its text without the article (the new entity's name).
    pub text: String,
    /// Sectors of a role that governs a coordination ("the ambassadors of A, B and C", "lawmakers in A
    /// and B"): the mention's compound partners take them too.
    pub shared_role: Vec<String>,
    /// An ethnic group named by a nationality ("ethnic Albanians"): its country is where it lives, when the
    /// text says so, rather than the nationality's.
    pub ethnic: bool,
}

const PRONOUNS: &[(&str, bool)] = &[
    ("he", false),
    ("she", false),
    ("it", false),
    ("they", true),
    ("him", false),
    ("her", false),
    ("them", true),
    ("we", true),
    ("i", false),
];

/// Descriptions that refer to an earlier actor of a kind.
const DESCRIPTIONS: &[(&str, bool)] = &[
    ("group", false),
    ("movement", false),
    ("organisation", false),
    ("organization", false),
    ("militants", true),
    ("official", false),
    ("officials", true),
    ("minister", false),
    ("leader", false),
    ("pair", true),
    ("sides", true),
    ("two", true),
    ("country", false),
    ("government", false),
    ("president", false),
    ("diplomat", false),
    ("envoy", false),
    ("spokesman", false),
    ("spokeswoman", false),
];

/// Capitalised words that are not names of actors besides days and months: wire agencies in captions.
const NOT_NAMES: &[&str] = &["reuters", "afp", "ap"];
/// Last words of place names that are not actors ("Europe Bridge", "Tahrir Square").
const PLACE_NAME_HEADS: &[&str] = &[
    "bridge",
    "square",
    "street",
    "road",
    "highway",
    "motorway",
    "avenue",
    "boulevard",
    "airport",
    "harbour",
    "harbor",
    "crossing",
    "checkpoint",
    "stadium",
    "tunnel",
    "canal",
    "river",
    "valley",
    "mountain",
    "mountains",
    "desert",
    "strait",
    "straits",
    "gulf",
    "bay",
    "sea",
    "lake",
    "peninsula",
    "plateau",
    "corridor",
    "pass",
];

fn is_name(doc: &str, token: &Token) -> bool {
    if token.tag != Upos::PROPN {
        return false;
    }
    let text = token.text(doc);
    text.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !NOT_NAMES.iter().any(|w| text.eq_ignore_ascii_case(w))
        && dyad_text::date::month_number(text.trim_end_matches('.')).is_none()
        && dyad_text::date::weekday_number(text).is_none()
}

fn joins_phrase(tag: Upos) -> bool {
    matches!(
        tag,
        Upos::DET | Upos::ADJ | Upos::NUM | Upos::PROPN | Upos::NOUN
    )
}

/// Editorial brackets inside a quote ("The [Russian] foreign minister") do not break a phrase.
fn is_bracket(text: &str) -> bool {
    matches!(text, "[" | "]")
}

/// Finds the mentions of one sentence.
#[allow(clippy::too_many_arguments)]
pub fn find_mentions(
    compiled: &Compiled,
    doc: &str,
    tokens: &[Token],
    segments: &[Segment],
    case: CaseStyle,
    date: Option<Date>,
    out: &mut Vec<Mention>,
) {
    let n = tokens.len();
    // Which tokens a dictionary segment covers (actor or agent).
    let mut covered = vec![usize::MAX; n];
    for (index, segment) in segments.iter().enumerate() {
        for slot in &mut covered[segment.start..segment.end()] {
            *slot = index;
        }
    }
    let text = |i: usize| tokens[i].text(doc);
    let mut i = 0;
    while i < n {
        // A chunk: a run of determiners, adjectives, numbers, nouns, names and dictionary segments,
        // broken at possessive 's (which ends the possessor's chunk).
        if !(covered[i] != usize::MAX
            || joins_phrase(tokens[i].tag)
            || (is_bracket(text(i)) && text(i) == "["))
        {
            // Pronouns.
            if tokens[i].tag == Upos::PRON
                && let Some(&(_, plural)) = PRONOUNS
                    .iter()
                    .find(|(p, _)| text(i).eq_ignore_ascii_case(p))
            {
                out.push(new_mention(
                    i,
                    i + 1,
                    MentionKind::Pronoun,
                    text(i).to_string(),
                    plural,
                ));
            }
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < n
            && (covered[end] != usize::MAX
                || joins_phrase(tokens[end].tag)
                || is_bracket(text(end)))
        {
            // A determiner inside a run starts a new phrase ("… Israel the group"), except at the start.
            if end > start && tokens[end].tag == Upos::DET && covered[end] == usize::MAX {
                break;
            }
            end += 1;
            // A possessive ends the possessor's chunk, unless it belongs to a name ("Kurdistan Workers'
            // Party").
            if end < n
                && matches!(text(end), "'s" | "’s" | "'" | "’")
                && (covered[end] == usize::MAX || covered[end] != covered[end - 1])
            {
                break;
            }
        }
        // Trim trailing common nouns that are not part of any segment after the last dictionary/name token
        // ("Hamas official" keeps "official" as an agent; "Russia talks" would keep only "Russia").
        let first_segment = segments.partition_point(|s| s.start < start);
        let last_segment = segments.partition_point(|s| s.start < end);
        let chunk_segments = &segments[first_segment..last_segment];
        let has_named = chunk_segments.iter().any(|s| s.hit.kind == HitKind::Actor);
        let has_agent = chunk_segments.iter().any(|s| s.hit.kind == HitKind::Agent);
        // Only actor and agent segments give a phrase a code or a country.
        let composed = (has_named || has_agent).then(|| {
            compose(
                compiled,
                doc,
                tokens,
                start..end,
                chunk_segments,
                date,
                false,
            )
        });
        let last_useful = (start..end)
            .rev()
            .find(|&k| {
                covered[k] != usize::MAX || (case == CaseStyle::Mixed && is_name(doc, &tokens[k]))
            })
            .map_or(start, |k| k + 1);
        let name_run = (start..end)
            .filter(|&k| covered[k] == usize::MAX && is_name(doc, &tokens[k]))
            .count();
        // "the official meeting", "the Qatari capital": a phrase whose head is a common noun after the
        // last agent or country is about a thing, not an actor.
        let head_is_thing = !has_named
            && has_agent
            && end > start
            && covered[end - 1] == usize::MAX
            && tokens[end - 1].tag == Upos::NOUN;
        // "the Europe Bridge", "Tahrir Square", "the A1 Highway": a name the dictionaries do not know that
        // ends in a word for a built or natural place is somewhere, not someone.
        let names_a_place = !has_named
            && end > start
            && covered[end - 1] == usize::MAX
            && is_name(doc, &tokens[end - 1])
            && PLACE_NAME_HEADS
                .iter()
                .any(|h| tokens[end - 1].text(doc).eq_ignore_ascii_case(h));
        if let Some(composed) = composed.filter(|_| !head_is_thing && !names_a_place) {
            let kind = if composed.actor.is_some() {
                MentionKind::Named
            } else {
                MentionKind::Composed
            };
            let name = match composed.actor {
                Some(actor) => compiled.set.actors[actor as usize].name.as_str().to_owned(),
                None => span_text(doc, tokens, start, last_useful),
            };
            // An agent-only phrase with a definite article refers back ("the official", "the group").
            let head_lower = text(last_useful.saturating_sub(1).max(start))
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
                || case != CaseStyle::Mixed;
            let description = !has_named
                && composed.country.is_none()
                && matches!(
                    text(start).to_ascii_lowercase().as_str(),
                    "the" | "this" | "that" | "these" | "both"
                )
                && name_run == 0
                && head_lower;
            let mut mention = new_mention(start, last_useful.max(start + 1), kind, name, false);
            mention.code = composed.code;
            mention.actor = composed.actor;
            mention.country = composed.country;
            mention.sectors = composed.sectors;
            mention.ethnic = mention.actor.is_none()
                && mention.country.is_some()
                && (start..end).any(|k| text(k).eq_ignore_ascii_case("ethnic"));
            if description {
                mention.kind = MentionKind::Description;
                mention.plural = text(last_useful.saturating_sub(1).max(start)).ends_with('s');
            }
            // A country alone that is a person's name run? keep; unknown names beside a composed phrase
            // ("security analyst Michael Horowitz") make an unknown person with the phrase's code.
            if !has_named && name_run >= 2 && case == CaseStyle::Mixed {
                mention.kind = MentionKind::Unknown;
                mention.name = (start..end)
                    .filter(|&k| covered[k] == usize::MAX && is_name(doc, &tokens[k]))
                    .map(text)
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            out.push(mention);
        } else if head_is_thing || names_a_place {
            // Not an actor.
        } else if name_run >= 1 && case == CaseStyle::Mixed {
            // A proper name the dictionaries do not know: a new actor without a code.
            let first = (start..end)
                .find(|&k| is_name(doc, &tokens[k]))
                .unwrap_or(start);
            let last = (start..end)
                .rev()
                .find(|&k| is_name(doc, &tokens[k]))
                .unwrap_or(start);
            let name = span_text(doc, tokens, first, last + 1);
            out.push(new_mention(
                first,
                last + 1,
                MentionKind::Unknown,
                name,
                false,
            ));
        } else if let Some(&(_, plural)) = DESCRIPTIONS
            .iter()
            .find(|(d, _)| end > start && text(end - 1) == *d)
            .filter(|_| {
                matches!(
                    text(start).to_ascii_lowercase().as_str(),
                    "the" | "both" | "this"
                )
            })
        {
            out.push(new_mention(
                start,
                end,
                MentionKind::Description,
                span_text(doc, tokens, start, end),
                plural,
            ));
        }
        i = end.max(i + 1);
    }
    for mention in out.iter_mut() {
        let first = tokens[mention.start].text(doc);
        let is_any = |words: &[&str]| words.iter().any(|w| first.eq_ignore_ascii_case(w));
        mention.definite = is_any(&["the", "this", "that", "these", "those"]);
        mention.indefinite = is_any(&["a", "an", "another"]);
        if mention.indefinite {
            // The text without its article names the new person ("Hamas official").
            mention.text = span_text(
                doc,
                tokens,
                (mention.start + 1).min(mention.end),
                mention.end,
            );
        }
    }
    drop_coordinated_modifiers(tokens, out);
    attach_prepositions(doc, tokens, out);
    merge_of_and_appositions(compiled, doc, tokens, out);
    for mention in out.iter_mut() {
        // A possessive merge ("Russia's top diplomat") also refers back.
        mention.definite |= tokens[mention.start..mention.end]
            .iter()
            .any(|t| matches!(t.text(doc), "'s" | "’s"));
    }
    group_coordinated(doc, tokens, out);
    distribute_shared_modifiers(doc, tokens, out);
}

/// Modifiers shared by coordinated mentions: a governing role reaches every country of the list ("the
/// ambassadors of Arnor, Osgiliath and Gondor" → ARNGOV, OSGGOV, GONGOV), and the premodifiers of a
/// phrase reach a bare role noun joined to it by "and" ("Danish media and government" → DNKMED,
/// DNKGOV); a lone nationality before "and" takes the role of the phrase after it ("Russian and Chinese
/// diplomats" → RUSGOV, CHNGOV).
fn distribute_shared_modifiers(doc: &str, tokens: &[Token], mentions: &mut [Mention]) {
    for k in 0..mentions.len() {
        let role = mentions[k].shared_role.clone();
        let group = mentions[k].group;
        if !role.is_empty() {
            for other in mentions[k + 1..].iter_mut().filter(|m| m.group == group) {
                let bare_country = other.actor.is_none() && other.sectors.is_empty();
                if let (true, Some(root)) = (bare_country, other.country.clone()) {
                    other.code = Some(format!("{root}{}", role.concat()));
                    other.sectors = role.clone();
                }
            }
        }
        let Some(next) = mentions.get(k + 1) else {
            continue;
        };
        let (first, second) = (&mentions[k], next);
        let joined_by_and = tokens[first.end..second.start]
            .iter()
            .map(|t| t.text(doc))
            .eq(["and"]);
        let bare_role = second.actor.is_none()
            && second.country.is_none()
            && !second.sectors.is_empty()
            && tokens[second.start].tag != Upos::DET;
        // The premodifiers' code: the first phrase's code without its head noun's sector.
        let modifiers = first
            .code
            .as_deref()
            .zip(first.sectors.last())
            .filter(|_| first.actor.is_none() && first.country.is_some())
            .and_then(|(code, head)| code.strip_suffix(head.as_str()))
            .map(str::to_string);
        let coordinated = joined_by_and && second.group == first.group;
        // "Russian and Chinese diplomats", "British, US and Japanese hostages": lone nationalities listed
        // before "and" share the head noun of the phrase after it.
        let lone_nationality = |m: &Mention| {
            m.actor.is_none()
                && m.sectors.is_empty()
                && m.country.is_some()
                && m.end == m.start + 1
                && (tokens[m.start].tag == Upos::ADJ || {
                    let word = tokens[m.start].text(doc);
                    word.len() <= 3 && word.bytes().all(|b| b.is_ascii_uppercase())
                })
        };
        let role_phrase = second.actor.is_none()
            && !second.sectors.is_empty()
            && tokens[second.start].tag == Upos::ADJ;
        if coordinated && role_phrase && lone_nationality(first) {
            let sectors = second.sectors.clone();
            let mut member = k;
            loop {
                let m = &mut mentions[member];
                let root = m.country.clone().unwrap_or_default();
                m.code = Some(format!("{root}{}", sectors.concat()));
                m.sectors = sectors.clone();
                let Some(before) = member.checked_sub(1) else {
                    break;
                };
                let (prev, this) = (&mentions[before], &mentions[member]);
                let comma = tokens[prev.end..this.start]
                    .iter()
                    .map(|t| t.text(doc))
                    .eq([","]);
                if !(comma && prev.group == this.group && lone_nationality(prev)) {
                    break;
                }
                member = before;
            }
            continue;
        }
        if let (true, true, Some(modifiers)) = (coordinated, bare_role, modifiers) {
            let inherited = first.sectors[..first.sectors.len() - 1].to_vec();
            let country = first.country.clone();
            let second = &mut mentions[k + 1];
            second.code = Some(format!("{modifiers}{}", second.sectors.concat()));
            second.country = country;
            second.sectors = inherited
                .into_iter()
                .chain(std::mem::take(&mut second.sectors))
                .collect();
        }
    }
}

fn new_mention(start: usize, end: usize, kind: MentionKind, name: String, plural: bool) -> Mention {
    Mention {
        start,
        end,
        kind,
        code: None,
        actor: None,
        country: None,
        sectors: Vec::new(),
        name,
        preposition: None,
        group: 0,
        plural,
        entity: 0,
        definite: false,
        indefinite: false,
        text: String::new(),
        shared_role: Vec::new(),
        ethnic: false,
    }
}

/// The text of tokens `start..end`.
pub fn span_text(doc: &str, tokens: &[Token], start: usize, end: usize) -> String {
    if start >= end {
        return String::new();
    }
    doc[tokens[start].start as usize..tokens[end - 1].end as usize].to_string()
}

/// Records the preposition a mention follows ("with Lavrov", "in Doha").
fn attach_prepositions(doc: &str, tokens: &[Token], mentions: &mut [Mention]) {
    for mention in mentions.iter_mut() {
        if mention.start > 0 {
            let before = &tokens[mention.start - 1];
            // "more than 110 activists", "over 40 soldiers": a quantity, not a prepositional phrase.
            // "at least 23 civilians".
            let at_least = before.text(doc).eq_ignore_ascii_case("at")
                && ["least", "most"]
                    .iter()
                    .any(|w| tokens[mention.start].text(doc).eq_ignore_ascii_case(w));
            let quantity = at_least
                || tokens[mention.start].tag == Upos::NUM
                    && matches!(
                        before.text(doc).to_ascii_lowercase().as_str(),
                        "than"
                            | "about"
                            | "around"
                            | "over"
                            | "under"
                            | "nearly"
                            | "almost"
                            | "some"
                            | "to"
                    );
            // "bin Laden's al-Qaeda": a possessive clitic is no preposition; the possessed names the actor.
            let possessive = matches!(before.text(doc), "'s" | "’s" | "'" | "’");
            if !quantity
                && !possessive
                && (matches!(before.tag, Upos::ADP | Upos::SCONJ)
                    || before.text(doc).eq_ignore_ascii_case("to"))
            {
                mention.preposition = Some(before.text(doc).to_ascii_lowercase());
            }
        }
    }
}

/// Whether a mention's code makes it a government or its leader (`…GOV`, `…ELI`).
fn is_state_leader(m: &Mention) -> bool {
    m.code
        .as_deref()
        .is_some_and(|c| matches!(c.get(3..6), Some("GOV" | "ELI")))
}

/// "the leader of Palestinian militant group Hamas" → one mention (the group's code, the leader's role);
/// "X, Khaled Meshaal," → the named person; "troops in Iraq" → IRQMIL (the PETRARCH location rule).
fn merge_of_and_appositions(
    compiled: &Compiled,
    doc: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
) {
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        let mut words = [""];
        let Some(between) = texts_between(doc, tokens, a, b, &mut words) else {
            // Every merge below has at most one token between the mentions.
            k += 1;
            continue;
        };
        let a_is_role = a.actor.is_none() && a.country.is_none() && !a.sectors.is_empty();
        let a_is_country = a.actor.is_none() && a.country.is_some() && a.sectors.is_empty();
        let b_is_role = b.actor.is_none() && b.country.is_none() && !b.sectors.is_empty();
        let merged = match between {
            // "Russia's top diplomat" → RUSGOV; "Russia's Gazprom", "Iraq's Mehdi Army": an unknown name
            // takes its possessor's country. "Assad's forces" → SYRMIL, "President Suharto's government"
            // → IDNGOV: a state leader's role noun belongs to the leader's state.
            ["'s"] | ["’s"]
                if a_is_country && (b_is_role || b.country.is_none() && b.code.is_none())
                    || b_is_role
                        && a.actor.is_some()
                        && a.country.is_some()
                        && is_state_leader(a) =>
            {
                let mut m = b.clone();
                let root = a.country.clone().unwrap_or_default();
                m.code = Some(format!("{root}{}", b.sectors.concat()));
                m.country = Some(root);
                m.start = a.start;
                m.preposition = a.preposition.clone();
                Some(m)
            }
            // "leader of Hamas", "troops of Russia", "spokesman for the ministry"
            ["of"] | ["for"] if a_is_role && b.code.is_some() => {
                let mut m = b.clone();
                m.start = a.start;
                m.preposition = a.preposition.clone();
                if b.actor.is_none() {
                    let root = b
                        .code
                        .as_deref()
                        .unwrap_or("")
                        .chars()
                        .take(3)
                        .collect::<String>();
                    m.code = Some(format!("{root}{}", a.sectors.concat()));
                    m.sectors = a.sectors.clone();
                    m.shared_role = a.sectors.clone();
                }
                Some(m)
            }
            // "troops in Iraq" → IRQMIL, "lawmakers in Fornost" → FORLEG (only when the agent phrase has no
            // country of its own); "ethnic Albanians in south Serbia" → SRB (an ethnic group's country is
            // where it lives); "Soldiers from Gondor have cordoned off …" → GONMIL, "from" only for the
            // clause's subject (not "pulled troops from Syria", "the withdrawal of troops from Syria").
            [preposition @ ("in" | "from")]
                if b.actor.is_none()
                    && b.country.is_some()
                    && match *preposition {
                        "in" => a_is_role || a.ethnic,
                        _ => a_is_role && opens_clause(doc, tokens, a.start),
                    } =>
            {
                let mut m = a.clone();
                let root = b.country.clone().unwrap_or_default();
                m.code = Some(format!("{root}{}", a.sectors.concat()));
                m.country = Some(root);
                m.end = b.end;
                m.shared_role = a.sectors.clone();
                m.ethnic = false;
                Some(m)
            }
            // "the Revolutionary United Front (RUF)": an acronym in brackets names the phrase before it; its
            // own code serves only when the phrase has none.
            ["("]
                if b.end == b.start + 1
                    && is_acronym(tokens[b.start].text(doc))
                    && tokens.get(b.end).is_some_and(|t| t.text(doc) == ")") =>
            {
                let mut m = if a.code.is_none() && b.code.is_some() {
                    let mut m = b.clone();
                    m.kind = a.kind;
                    m.name = a.name.clone();
                    m
                } else {
                    a.clone()
                };
                m.start = a.start;
                m.end = b.end + 1;
                m.preposition = a.preposition.clone();
                Some(m)
            }
            // "Montenegro Municipality Association (AKK) officials": a role right after a bracketed acronym
            // belongs to the organisation: a named one keeps its code, as "Hamas officials" does.
            [] if b_is_role && a.country.is_some() && tokens[a.end - 1].text(doc) == ")" => {
                let mut m = a.clone();
                m.end = b.end;
                if a.actor.is_none() {
                    let root = a.country.clone().unwrap_or_default();
                    m.code = Some(format!("{root}{}", b.sectors.concat()));
                    m.sectors = b.sectors.clone();
                }
                Some(m)
            }
            // Apposition: "the exiled leader of Hamas, Khaled Meshaal," → the person, keeping the role.
            [","]
                if b.kind == MentionKind::Named
                    && compiled.set.actors[b.actor.unwrap_or(0) as usize].kind
                        == ActorKind::Person
                    && matches!(
                        a.kind,
                        MentionKind::Composed | MentionKind::Named | MentionKind::Description
                    )
                    && a.actor.is_none_or(|x| {
                        compiled.set.actors[x as usize].kind != ActorKind::Person
                    })
                    && tokens
                        .get(b.end)
                        .is_none_or(|t| matches!(t.text(doc), "," | "." | ")")) =>
            {
                let mut m = b.clone();
                m.start = a.start;
                m.preposition = a.preposition.clone();
                Some(m)
            }
            // "the UN refugee agency, UNHCR,": a dictionary name in apposition with the same code.
            [","]
                if b.kind == MentionKind::Named
                    && b.code.is_some()
                    && a.code == b.code
                    && tokens.get(b.end).is_some_and(|t| t.text(doc) == ",") =>
            {
                let mut m = b.clone();
                m.start = a.start;
                m.preposition = a.preposition.clone();
                Some(m)
            }
            _ => None,
        };
        match merged {
            Some(m) => {
                mentions[k] = m;
                mentions.remove(k + 1);
            }
            None => k += 1,
        }
    }
}

/// "Muslim and Christian sites": a lone adjective of a role (no country, no name) coordinated with the
/// modifiers of a thing describes the thing too; it is no actor.
fn drop_coordinated_modifiers(tokens: &[Token], mentions: &mut Vec<Mention>) {
    let starts: Vec<usize> = mentions.iter().map(|m| m.start).collect();
    mentions.retain(|m| {
        let lone_adjective = m.end == m.start + 1
            && tokens[m.start].tag == Upos::ADJ
            && m.actor.is_none()
            && m.country.is_none();
        if !lone_adjective || tokens.get(m.end).is_none_or(|t| t.tag != Upos::CCONJ) {
            return true;
        }
        // What follows the conjunction: adjectives and then a noun that no mention covers.
        let next = m.end + 1;
        let modifiers = tokens[next.min(tokens.len())..]
            .iter()
            .take_while(|t| t.tag == Upos::ADJ)
            .count();
        let thing = tokens
            .get(next + modifiers)
            .is_some_and(|t| t.tag == Upos::NOUN);
        !thing || starts.contains(&next)
    });
}

/// Whether a phrase starting at `start` opens a clause: first in the sentence, or after a comma, a
/// conjunction or a subordinator.
fn opens_clause(doc: &str, tokens: &[Token], start: usize) -> bool {
    start == 0
        || tokens.get(start - 1).is_some_and(|t| {
            matches!(t.tag, Upos::CCONJ | Upos::SCONJ) || matches!(t.text(doc), "," | ";" | ":")
        })
}

/// An acronym: 2 to 8 capital letters or digits, starting with a letter ("RUF", "FDLR", "G8").
fn is_acronym(text: &str) -> bool {
    (2..=8).contains(&text.len())
        && text.starts_with(|c: char| c.is_ascii_uppercase())
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The texts of the tokens between two mentions, in `words` (which says how many at most), or `None` when
/// there are more.
fn texts_between<'d, 'w, const N: usize>(
    doc: &'d str,
    tokens: &[Token],
    a: &Mention,
    b: &Mention,
    words: &'w mut [&'d str; N],
) -> Option<&'w [&'d str]> {
    let between = tokens.get(a.end..b.start)?;
    if between.len() > N {
        return None;
    }
    for (word, token) in words.iter_mut().zip(between) {
        *word = token.text(doc);
    }
    Some(&words[..between.len()])
}

/// Coordinated mentions ("Putin and Abbas", "the U.N., EU and the U.S.") share a group number. A comma
/// joins only inside a list that ends with "and"/"or"; a mention that starts a new clause (followed by its
/// verb) is not joined; both must stand in the same kind of phrase.
fn group_coordinated(doc: &str, tokens: &[Token], mentions: &mut [Mention]) {
    let separator = |a: &Mention, b: &Mention| -> Option<&'static str> {
        let mut words = [""; 2];
        match texts_between(doc, tokens, a, b, &mut words)? {
            ["and"] | [",", "and"] | ["or"] | [",", "or"] | ["&"] => Some("and"),
            [","] => Some(","),
            _ => None,
        }
    };
    let starts_clause = |m: &Mention| {
        let mut p = m.end;
        while p < tokens.len() && matches!(tokens[p].tag, Upos::AUX | Upos::ADV | Upos::PART) {
            p += 1;
        }
        p > m.end && p < tokens.len() && tokens[p].tag == Upos::VERB
            || p < tokens.len() && tokens[p].tag == Upos::VERB
    };
    // Whether a mention is an object or in a prepositional phrase (a verb or preposition before it).
    let governed = |m: &Mention| {
        m.preposition.is_some() || m.start > 0 && tokens[m.start - 1].tag == Upos::VERB
    };
    let mut group = 0;
    let mut k = 0;
    while k < mentions.len() {
        group += 1;
        let mut end = k;
        let mut joined_to = k;
        while end + 1 < mentions.len() {
            let (a, b) = (&mentions[end], &mentions[end + 1]);
            let Some(sep) = separator(a, b) else { break };
            // In a list only the first member carries the preposition ("ties with Mordor, Rohan and Bree").
            let same_phrase = a.preposition == b.preposition || b.preposition.is_none();
            let pronouns = a.kind == MentionKind::Pronoun || b.kind == MentionKind::Pronoun;
            // "… visit Moscow and the movement accepted": an object, then the subject of a new clause.
            let new_clause = starts_clause(b) && governed(&mentions[k]);
            if !same_phrase || pronouns || new_clause {
                break;
            }
            end += 1;
            if sep == "and" {
                joined_to = end;
                break;
            }
        }
        for m in &mut mentions[k..=joined_to] {
            m.group = group;
        }
        k = joined_to + 1;
    }
}
