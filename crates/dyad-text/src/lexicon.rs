//! Lemmas (irregular forms from our own tables, regular ones by suffix rules checked against the tagger
//! lexicon) and the news-specific tag corrections applied after the Brill patches.

use crate::tag::{CaseStyle, Upos, model};
use crate::token::{Lemma, Token, TokenKind, ascii_lower};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Irregular verbs: `lemma past participle` (variants separated by `/`).
const IRREGULAR_VERBS: &str = "\
arise arose arisen|awake awoke awoken|bear bore borne/born|beat beat beaten|become became become|\
begin began begun|bend bent bent|bet bet bet|bid bid bid|bind bound bound|bite bit bitten|bleed bled bled|\
blow blew blown|break broke broken|breed bred bred|bring brought brought|broadcast broadcast broadcast|\
build built built|burn burnt/burned burnt/burned|burst burst burst|buy bought bought|cast cast cast|\
catch caught caught|choose chose chosen|cling clung clung|come came come|cost cost cost|creep crept crept|\
cut cut cut|deal dealt dealt|dig dug dug|do did done|draw drew drawn|dream dreamt/dreamed dreamt/dreamed|\
drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|feed fed fed|feel felt felt|\
fight fought fought|find found found|flee fled fled|fling flung flung|fly flew flown|forbid forbade forbidden|\
forecast forecast forecast|foresee foresaw foreseen|forget forgot forgotten|forgive forgave forgiven|\
freeze froze frozen|get got gotten/got|give gave given|go went gone|grind ground ground|grow grew grown|\
hang hung/hanged hung/hanged|have had had|hear heard heard|hide hid hidden|hit hit hit|hold held held|\
hurt hurt hurt|keep kept kept|kneel knelt knelt|know knew known|lay laid laid|lead led led|lean leant/leaned leant/leaned|\
leap leapt/leaped leapt/leaped|learn learnt/learned learnt/learned|leave left left|lend lent lent|let let let|\
lie lay lain|light lit lit|lose lost lost|make made made|mean meant meant|meet met met|mislead misled misled|\
mistake mistook mistaken|outdo outdid outdone|overcome overcame overcome|overrun overran overrun|\
oversee oversaw overseen|overthrow overthrew overthrown|pay paid paid|prove proved proven/proved|put put put|\
quit quit quit|read read read|rebuild rebuilt rebuilt|redo redid redone|rend rent rent|repay repaid repaid|\
reset reset reset|retake retook retaken|rethink rethought rethought|rid rid rid|ride rode ridden|ring rang rung|\
rise rose risen|run ran run|say said said|see saw seen|seek sought sought|sell sold sold|send sent sent|\
set set set|sew sewed sewn|shake shook shaken|shed shed shed|shine shone shone|shoot shot shot|show showed shown|\
shrink shrank shrunk|shut shut shut|sing sang sung|sink sank sunk|sit sat sat|slay slew slain|sleep slept slept|\
slide slid slid|sling slung slung|slit slit slit|speak spoke spoken|speed sped sped|spend spent spent|\
spill spilt/spilled spilt/spilled|spin spun spun|spit spat spat|split split split|spoil spoilt/spoiled spoilt/spoiled|\
spread spread spread|spring sprang sprung|stand stood stood|steal stole stolen|stick stuck stuck|sting stung stung|\
stink stank stunk|strike struck struck/stricken|string strung strung|strive strove striven|swear swore sworn|\
sweep swept swept|swell swelled swollen|swim swam swum|swing swung swung|take took taken|teach taught taught|\
tear tore torn|tell told told|think thought thought|throw threw thrown|thrust thrust thrust|tread trod trodden|\
undergo underwent undergone|understand understood understood|undertake undertook undertaken|undo undid undone|\
uphold upheld upheld|upset upset upset|wake woke woken|wear wore worn|weave wove woven|wed wed wed|weep wept wept|\
win won won|wind wound wound|withdraw withdrew withdrawn|withhold withheld withheld|withstand withstood withstood|\
wring wrung wrung|write wrote written";

/// Other irregular verb forms: the auxiliaries' present tenses and contracted forms.
const IRREGULAR_EXTRA: &[(&str, &str)] = &[
    ("am", "be"),
    ("is", "be"),
    ("are", "be"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("being", "be"),
    ("'m", "be"),
    ("'re", "be"),
    ("has", "have"),
    ("'ve", "have"),
    ("does", "do"),
    ("ca", "can"),
    ("wo", "will"),
    ("'ll", "will"),
    ("n't", "not"),
    ("sha", "shall"),
];

/// Irregular noun plurals (and invariant plurals) seen in news.
const IRREGULAR_NOUNS: &[(&str, &str)] = &[
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("people", "person"),
    ("feet", "foot"),
    ("teeth", "tooth"),
    ("mice", "mouse"),
    ("geese", "goose"),
    ("lives", "life"),
    ("wives", "wife"),
    ("knives", "knife"),
    ("leaves", "leaf"),
    ("thieves", "thief"),
    ("halves", "half"),
    ("selves", "self"),
    ("crises", "crisis"),
    ("analyses", "analysis"),
    ("theses", "thesis"),
    ("bases", "base"),
    ("criteria", "criterion"),
    ("phenomena", "phenomenon"),
    ("data", "data"),
    ("media", "media"),
    ("militia", "militia"),
    ("news", "news"),
    ("series", "series"),
    ("species", "species"),
    ("headquarters", "headquarters"),
    ("talks", "talk"),
    ("arms", "arms"),
    ("forces", "force"),
    ("spokesmen", "spokesman"),
    ("gunmen", "gunman"),
    ("policemen", "policeman"),
    ("congressmen", "congressman"),
    ("businessmen", "businessman"),
    ("chairmen", "chairman"),
    ("countrymen", "countryman"),
    ("servicemen", "serviceman"),
    ("tribesmen", "tribesman"),
    ("kinsmen", "kinsman"),
    ("fishermen", "fisherman"),
    ("militiamen", "militiaman"),
    ("congresswomen", "congresswoman"),
    ("spokeswomen", "spokeswoman"),
    ("chairwomen", "chairwoman"),
];

struct Irregulars {
    verbs: FxHashMap<&'static str, &'static str>,
    nouns: FxHashMap<&'static str, &'static str>,
}

static IRREGULARS: LazyLock<Irregulars> = LazyLock::new(|| {
    let mut verbs = FxHashMap::default();
    for entry in IRREGULAR_VERBS.split('|') {
        let mut parts = entry.split(' ');
        let Some(lemma) = parts.next() else { continue };
        for form in parts.flat_map(|p| p.split('/')) {
            if form != lemma {
                verbs.entry(form).or_insert(lemma);
            }
        }
    }
    verbs.extend(IRREGULAR_EXTRA.iter().copied());
    Irregulars {
        verbs,
        nouns: IRREGULAR_NOUNS.iter().copied().collect(),
    }
});

/// Whether a candidate lemma exists in the lexicon as a word of the given class (or at all).
fn known(word: &str, class: Upos) -> Option<bool> {
    model().lookup(word).map(|tag| tag == class)
}

/// Regular verb lemma by suffix rules, preferring candidates the lexicon knows as verbs.
fn verb_lemma(lower: &str) -> Lemma {
    let n = lower.len();
    let ends = |s: &str| n > s.len() + 1 && lower.ends_with(s);
    let mut candidates: [(u8, &'static str); 3] = [(0, ""); 3];
    let mut count = 0;
    let mut add = |cut: u8, add: &'static str| {
        if count < 3 {
            candidates[count] = (cut, add);
            count += 1;
        }
    };
    if ends("ied") || ends("ies") {
        add(3, "y");
    } else if ends("ing") {
        let stem = &lower[..n - 3];
        if doubled(stem) {
            add(4, "");
        }
        if takes_silent_e(stem) {
            add(3, "e");
            add(3, "");
        } else {
            add(3, "");
            add(3, "e");
        }
    } else if ends("ed") {
        let stem = &lower[..n - 2];
        if doubled(stem) {
            add(3, "");
        }
        // "invited" → "invite", "deported" → "deport" (the lexicon decides first; spelling when it
        // knows neither).
        if takes_silent_e(stem) {
            add(1, "");
            add(2, "");
        } else {
            add(2, "");
            add(1, "");
        }
    } else if ends("es") {
        // "pushes", "goes" lose "es"; "hopes", "invites" only "s".
        let stem = &lower[..n - 2];
        if stem.ends_with(['s', 'x', 'z', 'o']) || stem.ends_with("sh") || stem.ends_with("ch") {
            add(2, "");
            add(1, "");
        } else {
            add(1, "");
            add(2, "");
        }
    } else if ends("s") && !lower.ends_with("ss") {
        add(1, "");
    }
    choose(lower, &candidates[..count], Upos::VERB)
}

/// Whether a verb stem left by "-ed"/"-ing" most likely lost a silent "e" ("invit-ed", "advanc-ed",
/// "settl-ed", "decid-ed") rather than nothing ("deport-ed", "suspend-ed", "visit-ed", "reveal-ed"), by
/// English spelling: used only for verbs the lexicon does not know.
fn takes_silent_e(stem: &str) -> bool {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 {
        return false;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let (last, prev) = (b[n - 1], b[n - 2]);
    let ends = |s: &str| stem.ends_with(s);
    // A single vowel before the last consonant, itself after a consonant ("vot", "decid", "creat").
    let short = vowel(prev) && (n < 3 || !vowel(b[n - 3]));
    match last {
        b'c' | b'v' | b'u' => true,
        b'e' => true, // "agre-ed", "fre-ed"
        b'z' => prev != b'z',
        b'g' => !ends("ong") && (vowel(prev) || matches!(prev, b'r' | b'n' | b'd')),
        b's' => {
            prev != b's'
                && !(ends("ocus") || ends("ias") || ends("tus"))
                && (!vowel(prev)
                    || short
                    || n >= 3 && matches!(&stem[n - 3..n - 1], "ea" | "ai" | "au" | "ei" | "ui"))
        }
        b'l' => {
            (!vowel(prev) && !matches!(prev, b'r' | b'w' | b'l'))
                || (short && (ends("il") || ends("ul") || ends("ol")))
        }
        b'r' => short && !ends("er") && !ends("or") || ends("plor") || ends("stor") || ends("gnor"),
        b't' => {
            short && !ends("it") && !ends("et")
                || ends("plet")
                || ends("elet")
                || ends("iat")
                || ends("uat")
        }
        b'd' | b'k' | b'b' | b'm' | b'f' => short,
        b'n' => short && !ends("en") && !ends("on") || ends("ven"),
        b'p' => short && (n <= 3 || !ends("op") && !ends("up")),
        _ => false,
    }
}

fn doubled(stem: &str) -> bool {
    let b = stem.as_bytes();
    b.len() >= 2
        && b[b.len() - 1] == b[b.len() - 2]
        && !matches!(b[b.len() - 1], b'l' | b's' | b'z' | b'e' | b'o' | b'f')
        || b.len() >= 2 && b.ends_with(b"ll") && b.len() > 4
}

/// Picks the first candidate the lexicon knows in `class`, else the first it knows at all, else the first.
fn choose(lower: &str, candidates: &[(u8, &'static str)], class: Upos) -> Lemma {
    let build = |&(cut, add): &(u8, &'static str)| {
        let keep = lower.len() - cut as usize;
        let mut buf = [0u8; 48];
        let stem = &lower[..keep];
        if stem.len() + add.len() > buf.len() {
            return (None, Lemma::Strip { cut, add });
        }
        buf[..stem.len()].copy_from_slice(stem.as_bytes());
        buf[stem.len()..stem.len() + add.len()].copy_from_slice(add.as_bytes());
        let word = std::str::from_utf8(&buf[..stem.len() + add.len()]).unwrap_or("");
        (known(word, class), Lemma::Strip { cut, add })
    };
    let mut first_known = None;
    for candidate in candidates {
        let (verdict, lemma) = build(candidate);
        match verdict {
            Some(true) => return lemma,
            Some(false) if first_known.is_none() => first_known = Some(lemma),
            _ => {}
        }
    }
    first_known
        .or_else(|| {
            candidates
                .first()
                .map(|&(cut, add)| Lemma::Strip { cut, add })
        })
        .unwrap_or(Lemma::Same)
}

/// Regular noun lemma (plural → singular).
fn noun_lemma(lower: &str) -> Lemma {
    let n = lower.len();
    if n < 4
        || !lower.ends_with('s')
        || lower.ends_with("ss")
        || lower.ends_with("us")
        || lower.ends_with("is")
    {
        return Lemma::Same;
    }
    if lower.ends_with("ies") {
        // "countries" → country, but "ties", "movies", "sorties" → tie, movie, sortie.
        let stem = &lower.as_bytes()[..n - 3];
        let known_as = |ending: &str| {
            let mut buf = [0u8; 48];
            let word = buf.get_mut(..stem.len() + ending.len())?;
            word[..stem.len()].copy_from_slice(stem);
            word[stem.len()..].copy_from_slice(ending.as_bytes());
            known(std::str::from_utf8(word).ok()?, Upos::NOUN)
        };
        if known_as("y") != Some(true) && known_as("ie").is_some() {
            return Lemma::Strip { cut: 1, add: "" };
        }
        return Lemma::Strip { cut: 3, add: "y" };
    }
    if ["ches", "shes", "xes", "sses", "zes"]
        .iter()
        .any(|s| lower.ends_with(s))
    {
        return Lemma::Strip { cut: 2, add: "" };
    }
    Lemma::Strip { cut: 1, add: "" }
}

/// Computes the lemma of a tagged token.
#[inline]
pub fn lemmatize(doc: &str, token: &Token) -> Lemma {
    if token.kind != TokenKind::Word || !matches!(token.tag, Upos::VERB | Upos::AUX | Upos::NOUN) {
        return Lemma::Same;
    }
    inflected_lemma(doc, token)
}

/// [`lemmatize`] for the words that may be inflected: verbs, auxiliaries and nouns.
#[inline(never)]
fn inflected_lemma(doc: &str, token: &Token) -> Lemma {
    let mut buf = [0u8; 48];
    let lower = ascii_lower(token.text(doc), &mut buf);
    if lower.is_empty() {
        return Lemma::Same;
    }
    let irregular = &*IRREGULARS;
    match token.tag {
        Upos::VERB | Upos::AUX => match irregular.verbs.get(lower) {
            Some(lemma) => Lemma::Irregular(lemma),
            None => verb_lemma(lower),
        },
        Upos::NOUN => match irregular.nouns.get(lower) {
            Some(lemma) => Lemma::Irregular(lemma),
            None => noun_lemma(lower),
        },
        _ => Lemma::Same,
    }
}

/// Whether a word is a past-tense or participle form: regular `-ed` or an irregular form ("said", "froze").
pub fn is_past_form(word: &str) -> bool {
    let mut buf = [0u8; 48];
    let lower = ascii_lower(word, &mut buf);
    (lower.len() > 3 && lower.ends_with("ed"))
        || IRREGULARS
            .verbs
            .get(lower)
            .is_some_and(|lemma| *lemma != "be" || lower == "was" || lower == "were")
}

/// Modals and "do", after which a bare form is a verb.
const MODALS: &[&str] = &[
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "do", "does",
    "did", "wo", "ca", "'ll",
];

/// Whether token `i` follows a modal or "do", possibly with "not"/"n't" between (`prev` is the token before).
fn after_modal(doc: &str, tokens: &[Token], i: usize, prev: &str) -> bool {
    let is_modal = |w: &str| MODALS.iter().any(|m| w.eq_ignore_ascii_case(m));
    if is_modal(prev) {
        return true;
    }
    let negation = prev.eq_ignore_ascii_case("not") || prev.eq_ignore_ascii_case("n't");
    negation && i >= 2 && is_modal(tokens[i - 2].text(doc))
}

const POSSESSIVE_DETERMINERS: &[&str] = &["its", "his", "her", "their", "our", "my", "your"];

/// Whether a particle is the possessive "'s" or a bare apostrophe after a plural ("rebels'").
fn is_possessive_marker(word: &str) -> bool {
    word.ends_with('s') || word == "'" || word == "’"
}

fn is_possessive_determiner(word: &str) -> bool {
    POSSESSIVE_DETERMINERS
        .iter()
        .any(|d| word.eq_ignore_ascii_case(d))
}

/// Whether the -s form at `i`, after a name or pronoun and before `next` (tag, word), reads as a verb: before
/// "to", a determiner (possessives too), a name or a preposition when its base form is a word, and so at a
/// clause's end when a subordinator opens the clause ("if Iran attacks."); before an object (number,
/// adjective, noun) when no verb follows in the clause, even if the form is unknown ("expels").
fn third_person_verb(doc: &str, tokens: &[Token], i: usize, (tag, word): (Upos, &str)) -> bool {
    let text = tokens[i].text(doc);
    let base_known = model().lookup(&text[..text.len() - 1]).is_some();
    let opened_clause_ends = tag == Upos::PUNCT
        && i.checked_sub(2)
            .is_some_and(|s| tokens[s].tag == Upos::SCONJ);
    if word.eq_ignore_ascii_case("to")
        || matches!(tag, Upos::DET | Upos::PROPN | Upos::ADP)
        || is_possessive_determiner(word)
        || opened_clause_ends
    {
        return base_known;
    }
    matches!(tag, Upos::NUM | Upos::ADJ | Upos::NOUN)
        && !verb_in_clause_after(doc, tokens, i)
        && (base_known || model().lookup(text).is_none())
}

/// Whether a verb or auxiliary follows token `i` before the clause ends (punctuation or a conjunction).
fn verb_in_clause_after(doc: &str, tokens: &[Token], i: usize) -> bool {
    tokens[i + 1..]
        .iter()
        .take_while(|t| {
            !(matches!(t.tag, Upos::PUNCT | Upos::CCONJ | Upos::SCONJ)
                || t.text(doc).eq_ignore_ascii_case("that"))
        })
        .any(|t| matches!(t.tag, Upos::VERB | Upos::AUX))
}

/// News-specific corrections after the Brill patches: event nouns after determiners and prepositions
/// ("the talks", "for talks", "its attacks"), verbs after infinitival "to", and names in mixed-case text.
pub fn correct_tags(doc: &str, tokens: &mut [Token], case: CaseStyle) {
    let capitalised = |word: &str| word.chars().next().is_some_and(char::is_uppercase);
    for i in 0..tokens.len() {
        // The texts are sliced only when a rule's tags match.
        let prev = i.checked_sub(1).map(|p| tokens[p].tag);
        let prev_word = || tokens[i - 1].text(doc);
        let next = || tokens.get(i + 1).map(|t| (t.tag, t.text(doc)));
        let text = || tokens[i].text(doc);
        match (tokens[i].tag, prev) {
            // "the United Bus Company", "United Nations": in mixed-case text a capitalised verb form before
            // another capitalised word is part of a name.
            (Upos::VERB, _)
                if case == CaseStyle::Mixed
                    && capitalised(text())
                    && text().chars().skip(1).all(|c| !c.is_uppercase())
                    && next().is_some_and(|(tag, word)| {
                        matches!(tag, Upos::PROPN | Upos::NOUN) && capitalised(word)
                    }) =>
            {
                tokens[i].tag = Upos::PROPN
            }
            // "the military said", "the wounded were": an adjective heading a subject before a verb.
            (Upos::ADJ, Some(Upos::DET))
                if next().is_some_and(|(tag, word)| {
                    tag == Upos::VERB && is_past_form(word) || tag == Upos::AUX
                }) =>
            {
                tokens[i].tag = Upos::NOUN
            }
            // "did not attack", "will meet", "can't visit": a base form after a modal or "do".
            (Upos::NOUN | Upos::PROPN | Upos::ADJ, Some(Upos::AUX | Upos::PART))
                if !text().ends_with('s')
                    && text().chars().next().is_some_and(char::is_lowercase)
                    && after_modal(doc, tokens, i, prev_word()) =>
            {
                tokens[i].tag = Upos::VERB
            }
            // "the official said": a past form the lexicon knows as a verb, after a subject-like word.
            (Upos::NOUN, Some(Upos::NOUN | Upos::ADJ | Upos::PROPN | Upos::PRON))
                if is_past_form(text()) && model().lookup(text()) == Some(Upos::VERB) =>
            {
                tokens[i].tag = Upos::VERB;
                if let Some(p) = i.checked_sub(1)
                    && tokens[p].tag == Upos::ADJ
                {
                    tokens[p].tag = Upos::NOUN;
                }
            }
            // "soldiers occupied the town", "they occupied their offices", "Israel occupied Gaza": a past form
            // read as an adjective is a verb between a subject-like word and a determiner or name (not inside
            // names or compounds: "BBN Advanced Computers", "Israeli-occupied Golan").
            (Upos::ADJ, Some(Upos::NOUN | Upos::PROPN | Upos::PRON))
                if is_past_form(text())
                    && !text().contains('-')
                    && !capitalised(text())
                    && !is_possessive_determiner(prev_word())
                    && next().is_some_and(|(tag, word)| {
                        matches!(tag, Upos::DET | Upos::PROPN) || is_possessive_determiner(word)
                    }) =>
            {
                tokens[i].tag = Upos::VERB
            }
            // "the talks", "its attacks", "new strikes", "Russia's visit", "for talks", "of protests";
            // but not a past tense after an adjective-like subject ("the military said").
            (Upos::VERB, Some(Upos::DET | Upos::ADJ | Upos::NUM)) if !is_past_form(text()) => {
                tokens[i].tag = Upos::NOUN
            }
            // "Israel plans to expand", "he vows to": a third-person verb after a name or pronoun; also
            // before a number, adjective or noun when no verb follows in the clause, as in headlines
            // ("Israel releases 20 prisoners", "Iran expels British diplomats"; not "Iran arms sales rose").
            (Upos::NOUN, Some(Upos::PROPN | Upos::PRON))
                if text().ends_with('s')
                    && !is_possessive_determiner(prev_word())
                    && next().is_some_and(|next| third_person_verb(doc, tokens, i, next)) =>
            {
                tokens[i].tag = Upos::VERB
            }
            (Upos::VERB, Some(Upos::PART)) if is_possessive_marker(prev_word()) => {
                tokens[i].tag = Upos::NOUN
            }
            (Upos::VERB, Some(Upos::PRON)) if is_possessive_determiner(prev_word()) => {
                tokens[i].tag = Upos::NOUN
            }
            (Upos::VERB, Some(Upos::ADP))
                if !prev_word().eq_ignore_ascii_case("to")
                    && text().ends_with('s')
                    && !text().ends_with("ss") =>
            {
                tokens[i].tag = Upos::NOUN
            }
            // "to visit", "to meet"
            (Upos::NOUN, Some(Upos::PART))
                if prev_word().eq_ignore_ascii_case("to")
                    && (model().lookup(text()) == Some(Upos::VERB) || !text().ends_with('s')) =>
            {
                tokens[i].tag = Upos::VERB
            }
            // Capitalised common words inside names in mixed-case text ("Gaza Strip", "Levantine Group").
            (Upos::NOUN | Upos::ADJ | Upos::VERB, Some(Upos::PROPN))
                if case == CaseStyle::Mixed && capitalised(text()) =>
            {
                tokens[i].tag = Upos::PROPN
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn lemmas(s: &str, tag: Upos) -> Vec<String> {
        let mut tokens = Vec::new();
        tokenize(s, 0..s.len(), &mut tokens);
        tokens
            .iter_mut()
            .map(|t| {
                t.tag = tag;
                t.lemma = lemmatize(s, t);
                t.lemma_string(s)
            })
            .collect()
    }

    #[test]
    fn a_capitalised_verb_form_before_a_name_is_part_of_it() {
        let text = "Workers of the United Bus Company met United Nations officials and united.";
        let mut tokens = Vec::new();
        tokenize(text, 0..text.len(), &mut tokens);
        let mut scratch = crate::tag::TagScratch::default();
        crate::tag::tag_sentence(model(), text, &mut tokens, CaseStyle::Mixed, &mut scratch);
        let tag = |word: &str| {
            tokens
                .iter()
                .filter(|t| t.text(text) == word)
                .map(|t| t.tag)
                .collect::<Vec<_>>()
        };
        assert_eq!(tag("United"), [Upos::PROPN, Upos::PROPN]);
        assert_eq!(tag("met"), [Upos::VERB]);
        assert_eq!(tag("united"), [Upos::VERB]);
    }

    fn tags_of(text: &str) -> Vec<Upos> {
        let mut tokens = Vec::new();
        tokenize(text, 0..text.len(), &mut tokens);
        let mut scratch = crate::tag::TagScratch::default();
        crate::tag::tag_sentence(model(), text, &mut tokens, CaseStyle::Mixed, &mut scratch);
        tokens.iter().map(|t| t.tag).collect()
    }

    #[test]
    fn a_headline_third_person_verb_before_its_object() {
        // "releases", "expels" (outside the lexicon) and "lifts" are verbs before their objects; "arms"
        // before "sales rose" is a noun, and a misspelt form before "from" stays unknown.
        assert_eq!(tags_of("Israel releases 20 prisoners")[1], Upos::VERB);
        assert_eq!(tags_of("Iran expels British diplomats")[1], Upos::VERB);
        assert_eq!(tags_of("China lifts sanctions on Sudan")[1], Upos::VERB);
        assert_eq!(tags_of("Iran arms sales rose")[1], Upos::NOUN);
        assert_eq!(tags_of("Ethiopia departes from Libya")[1], Upos::NOUN);
    }

    #[test]
    fn a_third_person_verb_before_a_possessive_or_ending_a_subordinate_clause() {
        assert_eq!(
            tags_of("unless Georgia withdraws its troops")[2],
            Upos::VERB
        );
        assert_eq!(
            tags_of("Israel will respond if Iran attacks.")[5],
            Upos::VERB
        );
    }

    #[test]
    fn a_past_form_between_subject_and_object_is_a_verb() {
        assert_eq!(tags_of("Soldiers occupied the town")[1], Upos::VERB);
        assert_eq!(tags_of("Protesters occupied Tahrir Square")[1], Upos::VERB);
        // Not inside names and compounds.
        assert_eq!(tags_of("BBN Advanced Computers Inc")[1], Upos::PROPN);
        assert_ne!(tags_of("the Israeli-occupied Golan Heights")[1], Upos::VERB);
    }

    #[test]
    fn verb_lemmas_regular_and_irregular() {
        assert_eq!(
            lemmas(
                "met invited said fought was tried stopped accused meeting visits attacked shelled",
                Upos::VERB
            ),
            [
                "meet", "invite", "say", "fight", "be", "try", "stop", "accuse", "meet", "visit",
                "attack", "shell"
            ]
        );
    }

    #[test]
    fn unknown_verbs_keep_or_restore_their_e_by_spelling() {
        // Past and present participles of verbs outside the tagger's lexicon (or rare in it).
        assert_eq!(
            lemmas(
                "deported suspended abducted beheaded hijacked excoriated repatriated convened \
                 besieged ridiculed strafed liaised rebuffed suspending",
                Upos::VERB
            ),
            [
                "deport",
                "suspend",
                "abduct",
                "behead",
                "hijack",
                "excoriate",
                "repatriate",
                "convene",
                "besiege",
                "ridicule",
                "strafe",
                "liaise",
                "rebuff",
                "suspend"
            ]
        );
    }

    #[test]
    fn noun_lemmas() {
        assert_eq!(
            lemmas(
                "talks attacks countries children forces crises gunmen protests sanctions ties \
                 movies",
                Upos::NOUN
            ),
            [
                "talk", "attack", "country", "child", "force", "crisis", "gunman", "protest",
                "sanction", "tie", "movie"
            ]
        );
    }
}
