//! Modality: whether an event is asserted, negated, intended, demanded, conditional, asked about or alleged,
//! read from the words around its trigger; and the CAMEO convention for intended events (an intended meeting
//! is 036, an intended attack is a threat, 138).

use dyad_text::tag::Upos;
use dyad_text::token::Token;
use serde::Serialize;

/// How the text presents an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// It happened (or is happening).
    Asserted,
    /// It did not happen ("did not attack", "never met", "denied meeting").
    Negated,
    /// It is intended, planned, offered or promised ("will meet", "plans to visit", "is ready to send").
    Intent,
    /// Someone demands it ("must withdraw", "should release").
    Obligation,
    /// It depends on a condition ("if … would attack").
    Conditional,
    /// It is asked about ("Will Russia attack?").
    Question,
    /// It is alleged or possible ("allegedly", "may have").
    Possible,
}

impl Modality {
    /// Every modality.
    pub const ALL: [Modality; 7] = [
        Modality::Asserted,
        Modality::Negated,
        Modality::Intent,
        Modality::Obligation,
        Modality::Conditional,
        Modality::Question,
        Modality::Possible,
    ];

    /// The name the records write ("asserted", "negated", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Intent => "intent",
            Modality::Obligation => "obligation",
            Modality::Conditional => "conditional",
            Modality::Question => "question",
            Modality::Possible => "possible",
        }
    }

    /// The modality of a name [`Modality::as_str`] writes.
    pub fn from_name(name: &str) -> Option<Modality> {
        Modality::ALL.into_iter().find(|m| m.as_str() == name)
    }

    /// Whether events of this modality belong in default outputs (negated and conditional ones do not).
    pub fn is_default(self) -> bool {
        !matches!(self, Modality::Negated | Modality::Conditional)
    }

    /// The PLOVER auxiliary mode this modality fills, if any.
    pub fn plover_mode(self) -> Option<&'static str> {
        match self {
            Modality::Negated => Some("negation"),
            Modality::Intent => Some("future"),
            Modality::Conditional | Modality::Possible | Modality::Question => Some("hypothetical"),
            Modality::Asserted | Modality::Obligation => None,
        }
    }
}

const FUTURE: &[&str] = &["will", "would", "shall", "'ll", "wo"];
const INTENT_VERBS: &[&str] = &[
    "plan",
    "intend",
    "promise",
    "pledge",
    "vow",
    "swear",
    "offer",
    "agree",
    "decide",
    "prepare",
    "hope",
    "aim",
    "want",
    "seek",
    "expect",
    "propose",
    "undertake",
    "resolve",
    "mean",
];
/// Nouns whose "to" infinitive is intended ("reached a consensus to exchange information", "a plan to
/// withdraw").
const INTENT_NOUNS: &[&str] = &[
    "agreement",
    "consensus",
    "deal",
    "accord",
    "plan",
    "decision",
    "promise",
    "pledge",
    "commitment",
    "offer",
    "proposal",
    "intention",
    "readiness",
    "willingness",
    "vow",
];
const READY: &[&str] = &[
    "ready",
    "prepared",
    "willing",
    "set",
    "poised",
    "due",
    "about",
    "eager",
    "determined",
];
/// Verbs whose noun object is intended, not done ("offered talks", "pledged aid").
const INTENT_WITH_OBJECT: &[&str] = &["promise", "pledge", "offer", "vow", "propose", "plan"];
const REFUSAL: &[&str] = &["refuse", "decline", "reject", "deny", "fail"];
/// Modal words of obligation ("must withdraw").
pub(crate) const OBLIGATION: &[&str] = &["must", "should", "ought"];
const NEGATION: &[&str] = &["not", "n't", "never", "no"];
const POSSIBLE: &[&str] = &[
    "may",
    "might",
    "could",
    "allegedly",
    "reportedly",
    "apparently",
    "possibly",
    "alleged",
];

/// The modality of the event whose trigger is at `trigger`, reading the verb group before it (auxiliaries,
/// negation, "ready to", "plans to", "refused to") and the sentence ("if", "?").
pub fn modality_of(doc: &str, tokens: &[Token], trigger: usize) -> Modality {
    let is = |i: usize, word: &str| tokens[i].text(doc).eq_ignore_ascii_case(word);
    let mut lemma = String::new();
    let (mut negated, mut future, mut intent, mut obligation, mut possible, mut refusal) =
        (false, false, false, false, false, false);
    // Walk left over the verb group and up to two governing "X to" links. A noun trigger that is a verb's
    // object takes that verb's group ("will launch an attack", "promised to continue military aid").
    let mut k = trigger;
    // The verb whose clause the trigger stands in: the trigger, or the verb a noun trigger is the object of.
    let mut clause_verb = trigger;
    if tokens[trigger].tag != Upos::VERB {
        let mut v = trigger;
        while v > 0 && matches!(tokens[v - 1].tag, Upos::DET | Upos::ADJ | Upos::NUM) {
            v -= 1;
            // "no talks"
            negated |= is(v, "no");
        }
        // "the absence of operations against Israel", "a lack of talks", "without talks".
        let before = |n: usize, word: &str| v.checked_sub(n).is_some_and(|k| is(k, word));
        if before(1, "without") || before(1, "of") && (before(2, "absence") || before(2, "lack")) {
            negated = true;
        }
        // "gave them a veto": past an indirect object.
        if v > 1 && tokens[v - 1].tag == Upos::PRON && tokens[v - 2].tag == Upos::VERB {
            clause_verb = v - 2;
        }
        if v > 0 && tokens[v - 1].tag == Upos::VERB {
            k = v - 1;
            clause_verb = k;
            // "refused direct talks", "offered aid": the verb itself refuses or intends.
            tokens[k].write_lemma(doc, &mut lemma);
            refusal = REFUSAL.contains(&lemma.as_str());
            intent = INTENT_WITH_OBJECT.contains(&lemma.as_str());
        }
    }
    let mut steps = 0;
    while k > 0 && steps < 8 {
        steps += 1;
        let t = &tokens[k - 1];
        let mut buf = [0u8; 16];
        // Longer or non-ASCII words are none of the words looked for.
        let word = dyad_text::token::ascii_lower(t.text(doc), &mut buf);
        let before_to = k < tokens.len() && is(k, "to");
        let intent_noun = t.tag == Upos::NOUN && before_to && {
            t.write_lemma(doc, &mut lemma);
            INTENT_NOUNS.contains(&lemma.as_str())
        };
        let in_group = matches!(t.tag, Upos::AUX | Upos::PART | Upos::ADV)
            || word == "to"
            || READY.contains(&word)
            || (t.tag == Upos::VERB && before_to);
        if intent_noun {
            intent = true;
            break;
        }
        if !in_group {
            break;
        }
        if NEGATION.contains(&word) {
            negated = true;
        }
        if FUTURE.contains(&word) || word == "going" {
            future = true;
        }
        if OBLIGATION.contains(&word) || word == "has" && k < tokens.len() && is(k, "to") {
            obligation = true;
        }
        if POSSIBLE.contains(&word) {
            possible = true;
        }
        if READY.contains(&word) {
            intent = true;
        }
        if t.tag == Upos::VERB {
            t.write_lemma(doc, &mut lemma);
            if INTENT_VERBS.contains(&lemma.as_str()) {
                intent = true;
            }
            if REFUSAL.contains(&lemma.as_str()) {
                refusal = true;
            }
        }
        k -= 1;
    }
    // "plans to meet", "offered to mediate", "vowed to attack": the trigger is the intent verb itself.
    if tokens[trigger].tag == Upos::VERB
        && tokens
            .get(trigger + 1)
            .is_some_and(|t| t.text(doc).eq_ignore_ascii_case("to"))
    {
        tokens[trigger].write_lemma(doc, &mut lemma);
        intent |= INTENT_VERBS.contains(&lemma.as_str());
    }
    let question = tokens.last().is_some_and(|t| t.text(doc) == "?");
    let unrealised = in_unrealised_clause(doc, tokens, clause_verb, &mut lemma);
    // "If talks fail, Russia would attack" and "Israel would strike if Tehran built a bomb".
    let conditional = tokens
        .iter()
        .any(|t| t.text(doc).eq_ignore_ascii_case("if"))
        && (future || possible);
    if negated || refusal {
        Modality::Negated
    } else if conditional || unrealised {
        Modality::Conditional
    } else if question {
        Modality::Question
    } else if obligation {
        Modality::Obligation
    } else if future || intent {
        Modality::Intent
    } else if possible {
        Modality::Possible
    } else {
        Modality::Asserted
    }
}

/// Whether a verb trigger stands in a clause that sets a condition not yet met: "unless Iran attacks", "until
/// they gain control", "if Russia sends troops". A past form after "until" or "if" is a fact ("fought until
/// the army took the town"); "unless" is unrealised whatever the tense.
fn in_unrealised_clause(doc: &str, tokens: &[Token], trigger: usize, lemma: &mut String) -> bool {
    if tokens[trigger].tag != Upos::VERB {
        return false;
    }
    let opener = tokens[trigger.saturating_sub(8)..trigger]
        .iter()
        .rev()
        .take_while(|t| t.tag != Upos::PUNCT && !matches!(t.tag, Upos::VERB | Upos::AUX))
        .find(|t| t.tag == Upos::SCONJ || t.text(doc).eq_ignore_ascii_case("until"));
    let Some(opener) = opener else {
        return false;
    };
    let word = opener.text(doc);
    if word.eq_ignore_ascii_case("unless") {
        return true;
    }
    if !(word.eq_ignore_ascii_case("until") || word.eq_ignore_ascii_case("if")) {
        return false;
    }
    // "they would meet the mediator if he gave them a veto": a condition set by "would" is unrealised
    // whatever its tense.
    let opener_at = opener.start;
    if word.eq_ignore_ascii_case("if")
        && tokens.iter().take_while(|t| t.start < opener_at).any(|t| {
            ["would", "could", "might"]
                .iter()
                .any(|w| t.text(doc).eq_ignore_ascii_case(w))
        })
    {
        return true;
    }
    // A present or base form is its own lemma, or the lemma plus -s/-es ("gain", "gains", "reaches").
    let verb = tokens[trigger].text(doc);
    tokens[trigger].write_lemma(doc, lemma);
    let split = |stem: &str| {
        verb.get(..stem.len())
            .filter(|head| head.eq_ignore_ascii_case(stem))
            .map(|_| &verb[stem.len()..])
    };
    matches!(split(lemma), Some("" | "s" | "es"))
        || lemma
            .strip_suffix('y')
            .is_some_and(|stem| split(stem) == Some("ies"))
}

/// The CAMEO code of an intended event, by CAMEO's convention: cooperation not yet done is an intent to
/// cooperate (03x), conflict not yet done is a threat (13x). Codes with no intent form stay as they are.
pub fn intended_code(code: &str) -> &str {
    match code {
        c if c.starts_with("04") => "036",
        c if c.starts_with("05") => "032",
        "061" => "0311",
        "062" => "0312",
        "063" => "0313",
        "064" => "0314",
        c if c.starts_with("06") => "030",
        "071" => "0331",
        "072" => "0332",
        "073" => "0333",
        "074" => "0334",
        c if c.starts_with("07") => "033",
        "084" | "0841" | "0842" => "0353",
        "085" => "0354",
        "086" | "087" | "0871" | "0872" | "0873" | "0874" => "0356",
        c if c.starts_with("08") => "035",
        c if c.starts_with("14") => "133",
        "163" => "1312",
        c if c.starts_with("16") => "131",
        c if c.starts_with("17") => "137",
        c if c.starts_with("15")
            || c.starts_with("18")
            || c.starts_with("19")
            || c.starts_with("20") =>
        {
            "138"
        }
        other => other,
    }
}

/// The CAMEO demand code for an event someone says must happen ("X said Y must withdraw" is X demanding
/// of Y that it yield): CAMEO's 10x mirrors the cooperative roots it asks for. Other codes give 100.
pub fn demanded_code(code: &str) -> &'static str {
    match code {
        "061" => "1011",
        "062" => "1012",
        "063" => "1013",
        "064" => "1014",
        c if c.starts_with("06") => "101",
        c if c.starts_with("05") && !c.starts_with("057") => "102",
        "071" => "1031",
        "072" => "1032",
        "073" => "1033",
        "074" => "1034",
        c if c.starts_with("07") => "103",
        c if c.starts_with("034") => "104",
        "081" => "1051",
        "082" => "1052",
        c if c.starts_with("084") => "1053",
        "085" => "1054",
        "086" => "1055",
        c if c.starts_with("087") => "1056",
        c if c.starts_with("08") => "105",
        c if c.starts_with("045") => "108",
        c if c.starts_with("04") || c.starts_with("036") => "106",
        c if c.starts_with("057") || c.starts_with("037") => "107",
        _ => "100",
    }
}

/// Whether a negation looks forward ("will not accept", "refused to meet") rather than back ("did not meet").
pub fn future_refusal(doc: &str, tokens: &[Token], trigger: usize) -> bool {
    let mut lemma = String::new();
    tokens[trigger.saturating_sub(5)..trigger].iter().any(|t| {
        let word = t.text(doc).to_ascii_lowercase();
        t.write_lemma(doc, &mut lemma);
        FUTURE.contains(&word.as_str()) || REFUSAL.contains(&lemma.as_str())
    })
}

/// The CAMEO code of a refused cooperative event ("will not accept refugees", "refused to meet"): a rejection.
pub fn refused_code(code: &str) -> Option<&'static str> {
    match code.get(..2)? {
        "04" => Some("125"),
        "03" | "05" | "06" | "07" | "08" => Some("120"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str, trigger: &str) -> Modality {
        let analysis = dyad_text::Analyzer::default().analyse(text);
        let i = analysis
            .tokens
            .iter()
            .position(|t| t.text(text) == trigger)
            .expect("trigger");
        modality_of(text, &analysis.tokens, i)
    }

    #[test]
    fn a_condition_set_by_would_is_unrealised_whatever_its_tense() {
        let text = "They would meet the mediator if he gave them a veto.";
        assert_eq!(of(text, "gave"), Modality::Conditional);
        assert_eq!(of(text, "veto"), Modality::Conditional);
        assert_eq!(
            of("They met the mediator after he gave them a veto.", "veto"),
            Modality::Asserted
        );
    }

    #[test]
    fn a_nominal_event_that_is_absent_is_negated() {
        assert_eq!(
            of(
                "He noted the absence of operations against Israel.",
                "operations"
            ),
            Modality::Negated
        );
        assert_eq!(
            of("There were no talks with Hamas.", "talks"),
            Modality::Negated
        );
        assert_eq!(
            of("Russia agreed without talks.", "talks"),
            Modality::Negated
        );
        assert_eq!(
            of("There were talks with Hamas.", "talks"),
            Modality::Asserted
        );
    }

    #[test]
    fn reads_the_verb_group() {
        assert_eq!(
            of("Russia attacked Georgia.", "attacked"),
            Modality::Asserted
        );
        // A noun trigger takes the group of the verb whose object it is.
        assert_eq!(
            of("Russia will launch an attack on Georgia.", "attack"),
            Modality::Intent
        );
        assert_eq!(
            of("Britain promised to continue military aid.", "military"),
            Modality::Intent
        );
        assert_eq!(
            of("Russia launched an attack on Georgia.", "attack"),
            Modality::Asserted
        );
        assert_eq!(
            of("The Taliban have long refused direct talks.", "talks"),
            Modality::Negated
        );
        assert_eq!(
            of("Rebels have sworn to fight the army.", "fight"),
            Modality::Intent
        );
        assert_eq!(
            of("Russia did not attack Georgia.", "attack"),
            Modality::Negated
        );
        assert_eq!(
            of("Russia refused to meet Georgia.", "meet"),
            Modality::Negated
        );
        assert_eq!(of("Russia will meet Georgia.", "meet"), Modality::Intent);
        assert_eq!(
            of("Russia plans to visit Georgia.", "visit"),
            Modality::Intent
        );
        assert_eq!(
            of("France is ready to contribute troops.", "contribute"),
            Modality::Intent
        );
        assert_eq!(
            of("Russia must withdraw its troops.", "withdraw"),
            Modality::Obligation
        );
        assert_eq!(
            of(
                "Israel and Egypt reached a consensus to exchange information.",
                "exchange"
            ),
            Modality::Intent
        );
        assert_eq!(
            of("The deal to exchange prisoners was signed.", "signed"),
            Modality::Asserted
        );
        assert_eq!(
            of("If talks fail, Russia would attack Georgia.", "attack"),
            Modality::Conditional
        );
        assert_eq!(
            of("Will Russia attack Georgia?", "attack"),
            Modality::Question
        );
        assert_eq!(
            of("Russia may have attacked Georgia.", "attacked"),
            Modality::Possible
        );
    }

    #[test]
    fn a_condition_not_yet_met_is_not_asserted() {
        let cases = [
            (
                "They vowed to fight until they gain control of the town.",
                "gain",
                Modality::Conditional,
            ),
            (
                "Russia will stay unless Georgia withdraws its troops.",
                "withdraws",
                Modality::Conditional,
            ),
            (
                "Russia stayed unless Georgia withdrew its troops.",
                "withdrew",
                Modality::Conditional,
            ),
            (
                "The strike goes on until the government raises pay.",
                "raises",
                Modality::Conditional,
            ),
            (
                "Israel will respond if Iran attacks.",
                "attacks",
                Modality::Conditional,
            ),
            // A past form after "until" or "if" happened.
            (
                "They fought until the army took the town.",
                "took",
                Modality::Asserted,
            ),
            // The condition's own clause ends at punctuation or another verb.
            (
                "Until Monday, Russia attacked Georgia.",
                "attacked",
                Modality::Asserted,
            ),
        ];
        for (sentence, trigger, expected) in cases {
            assert_eq!(of(sentence, trigger), expected, "{sentence}");
        }
    }

    #[test]
    fn intended_and_refused_codes() {
        assert_eq!(intended_code("040"), "036");
        assert_eq!(intended_code("072"), "0332");
        assert_eq!(intended_code("190"), "138");
        assert_eq!(intended_code("163"), "1312");
        assert_eq!(intended_code("111"), "111");
        assert_eq!(refused_code("073"), Some("120"));
        assert_eq!(refused_code("040"), Some("125"));
        assert_eq!(refused_code("190"), None);
    }
}
