//! PLOVER: event types with their quad class, recipient requirement, modes and scores; contexts; auxiliary
//! modes; and the translation of a CAMEO code into a PLOVER type, mode and contexts.

use std::sync::LazyLock;

use crate::quad::QuadClass;
use crate::tsv;

named_enum! {
    /// A PLOVER event type (the "what" of an event). Names are upper case (`AGREE`); parsing ignores case.
    pub enum PloverType ("PLOVER event type") {
        /// Offer, promise or agree to cooperate.
        Agree = "AGREE",
        /// Meet, visit, talk.
        Consult = "CONSULT",
        /// Verbal, diplomatic support.
        Support = "SUPPORT",
        /// Verbal concession.
        Concede = "CONCEDE",
        /// Mutual material cooperation.
        Cooperate = "COOPERATE",
        /// Material aid to the recipient.
        Aid = "AID",
        /// Material concession (release, withdrawal, ceasefire…).
        Retreat = "RETREAT",
        /// Request, demand or order.
        Request = "REQUEST",
        /// Disapprove, accuse, investigate.
        Accuse = "ACCUSE",
        /// Reject or refuse.
        Reject = "REJECT",
        /// Threaten.
        Threaten = "THREATEN",
        /// Civilian protest.
        Protest = "PROTEST",
        /// Reduce relations.
        Sanction = "SANCTION",
        /// Military or police posture short of force.
        Mobilize = "MOBILIZE",
        /// Coercion short of violence.
        Coerce = "COERCE",
        /// Physical violence.
        Assault = "ASSAULT",
    }
}

named_enum! {
    /// A PLOVER context (the topic or "why" of an event); any context may go with any event type. Names are
    /// lower case with underscores (`rights_freedoms`); parsing ignores case.
    pub enum PloverContext ("PLOVER context") {
        /// State military.
        Military = "military",
        /// State intelligence.
        Intelligence = "intelligence",
        /// Executives and their agencies.
        Executive = "executive",
        /// Legislatures.
        Legislative = "legislative",
        /// Elections.
        Election = "election",
        /// Formal political bodies, including parties.
        PoliticalInstitutions = "political_institutions",
        /// Democratization.
        ProDemocracy = "pro_democracy",
        /// Autocratization.
        ProAutocracy = "pro_autocracy",
        /// Economy, trade, finance.
        Economic = "economic",
        /// Courts and law.
        Legal = "legal",
        /// Compensation for past harm.
        Reparations = "reparations",
        /// Human rights in general.
        HumanRights = "human_rights",
        /// Political rights and civil liberties.
        RightsFreedoms = "rights_freedoms",
        /// Repression by security forces.
        Repression = "repression",
        /// Access to water, food, housing, energy, land.
        HumanSecurity = "human_security",
        /// Gender.
        Gender = "gender",
        /// LGBTQ issues.
        Lgbt = "lgbt",
        /// Religion, ethnicity, caste, language.
        ReligionEthnicity = "religion_ethnicity",
        /// Inequality.
        Inequality = "inequality",
        /// Diplomacy.
        Diplomatic = "diplomatic",
        /// Territory.
        Territory = "territory",
        /// Peacekeeping.
        Peacekeeping = "peacekeeping",
        /// Public health.
        Health = "health",
        /// Asylum.
        Asylum = "asylum",
        /// Migration and refugees.
        Migration = "migration",
        /// Disasters.
        Disasters = "disasters",
        /// Natural resources.
        NaturalResource = "natural_resource",
        /// Environment.
        Environment = "environment",
        /// Technology.
        Technology = "technology",
        /// Terrorism.
        Terrorism = "terrorism",
        /// Chemical, biological, radiological, nuclear weapons.
        Cbrn = "cbrn",
        /// Cyber attacks and crime.
        Cyber = "cyber",
        /// Misinformation.
        Misinformation = "misinformation",
        /// Crime.
        Crime = "crime",
        /// Corruption.
        Corruption = "corruption",
        /// Illegal drugs.
        IllegalDrugs = "illegal_drugs",
        /// Trafficking and smuggling.
        Trafficking = "trafficking",
    }
}

named_enum! {
    /// A PLOVER auxiliary mode: whether a reported event is historical, future, hypothetical or negated.
    pub enum AuxiliaryMode ("PLOVER auxiliary mode") {
        /// The event happened in the past ("during the decolonization struggle, …").
        Historical = "historical",
        /// The event will happen ("ministers will meet next month").
        Future = "future",
        /// The event is conditional or imagined ("if troops crossed the border, …").
        Hypothetical = "hypothetical",
        /// The event did not happen ("fighting has not resumed"); such events may be dropped.
        Negation = "negation",
    }
}

/// A mode (the "how") of one PLOVER event type, e.g. `visit` of `CONSULT`.
#[derive(Debug, Clone, PartialEq)]
pub struct PloverMode {
    event: PloverType,
    name: &'static str,
    score: Option<f64>,
    description: &'static str,
}

impl PloverMode {
    /// The event type the mode belongs to.
    pub fn event(&self) -> PloverType {
        self.event
    }

    /// The mode's name, lower case (`heavy-weapons`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The PLOVER score of the type and mode together, where the manual gives one.
    pub fn score(&self) -> Option<f64> {
        self.score
    }

    /// A short description.
    pub fn description(&self) -> &'static str {
        self.description
    }
}

/// What the types table says about one event type.
#[derive(Debug)]
struct TypeInfo {
    quad: QuadClass,
    requires_recipient: bool,
    score: f64,
    description: &'static str,
    modes: Vec<PloverMode>,
}

/// The parsed PLOVER tables, indexed by enum discriminant.
#[derive(Debug)]
struct Tables {
    types: Vec<TypeInfo>,
    contexts: Vec<&'static str>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(load);

const TYPES_FILE: &str = "plover_types.tsv";
const MODES_FILE: &str = "plover_modes.tsv";
const CONTEXTS_FILE: &str = "plover_contexts.tsv";

fn load() -> Tables {
    let mut types: Vec<Option<TypeInfo>> = PloverType::ALL.iter().map(|_| None).collect();
    let header = &["type", "quad", "requires_recipient", "score", "description"];
    for (n, f) in tsv::rows(TYPES_FILE, include_str!("../data/plover_types.tsv"), header) {
        let event: PloverType = f[0]
            .parse()
            .unwrap_or_else(|e| panic!("{TYPES_FILE}:{n}: {e}"));
        let quad = f[1]
            .parse()
            .ok()
            .and_then(QuadClass::from_code)
            .filter(|&q| q != QuadClass::Neutral)
            .unwrap_or_else(|| panic!("{TYPES_FILE}:{n}: bad quad class {:?}", f[1]));
        let info = TypeInfo {
            quad,
            requires_recipient: tsv::yes_no(TYPES_FILE, n, f[2]),
            score: tsv::opt_f64(TYPES_FILE, n, f[3])
                .unwrap_or_else(|| panic!("{TYPES_FILE}:{n}: missing score")),
            description: f[4],
            modes: Vec::new(),
        };
        let slot = &mut types[event as usize];
        assert!(slot.is_none(), "{TYPES_FILE}:{n}: {event} listed twice");
        *slot = Some(info);
    }
    let mut types: Vec<TypeInfo> = types
        .into_iter()
        .zip(PloverType::ALL)
        .map(|(info, t)| info.unwrap_or_else(|| panic!("{TYPES_FILE}: {t} missing")))
        .collect();

    let header = &["type", "mode", "score", "description"];
    for (n, f) in tsv::rows(MODES_FILE, include_str!("../data/plover_modes.tsv"), header) {
        let event: PloverType = f[0]
            .parse()
            .unwrap_or_else(|e| panic!("{MODES_FILE}:{n}: {e}"));
        let modes = &mut types[event as usize].modes;
        assert!(
            !f[1].is_empty() && modes.iter().all(|m| m.name != f[1]),
            "{MODES_FILE}:{n}: empty or repeated mode {:?}",
            f[1]
        );
        modes.push(PloverMode {
            event,
            name: f[1],
            score: tsv::opt_f64(MODES_FILE, n, f[2]),
            description: f[3],
        });
    }

    let mut contexts: Vec<Option<&'static str>> = vec![None; PloverContext::ALL.len()];
    let header = &["context", "description"];
    for (n, f) in tsv::rows(
        CONTEXTS_FILE,
        include_str!("../data/plover_contexts.tsv"),
        header,
    ) {
        let context: PloverContext = f[0]
            .parse()
            .unwrap_or_else(|e| panic!("{CONTEXTS_FILE}:{n}: {e}"));
        assert!(
            f[0] == context.as_str(),
            "{CONTEXTS_FILE}:{n}: write {context} exactly"
        );
        let slot = &mut contexts[context as usize];
        assert!(
            slot.is_none(),
            "{CONTEXTS_FILE}:{n}: {context} listed twice"
        );
        *slot = Some(f[1]);
    }
    let contexts = contexts
        .into_iter()
        .zip(PloverContext::ALL)
        .map(|(d, c)| d.unwrap_or_else(|| panic!("{CONTEXTS_FILE}: {c} missing")))
        .collect();

    Tables { types, contexts }
}

impl PloverType {
    fn info(self) -> &'static TypeInfo {
        &TABLES.types[self as usize]
    }

    /// The quad class of the type (never [`QuadClass::Neutral`]).
    pub fn quad(self) -> QuadClass {
        self.info().quad
    }

    /// Whether an event of this type must have a recipient.
    pub fn requires_recipient(self) -> bool {
        self.info().requires_recipient
    }

    /// The type-level PLOVER conflict–cooperation score, from −10 (most conflictual) to +10.
    pub fn score(self) -> f64 {
        self.info().score
    }

    /// A short description.
    pub fn description(self) -> &'static str {
        self.info().description
    }

    /// The modes of this type (empty for types without modes, such as `AGREE`).
    pub fn modes(self) -> &'static [PloverMode] {
        &self.info().modes
    }

    /// The mode of this type named `name` (case is ignored).
    pub fn mode(self, name: &str) -> Option<&'static PloverMode> {
        let name = name.trim();
        self.modes()
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case(name))
    }
}

impl PloverContext {
    /// A short description.
    pub fn description(self) -> &'static str {
        TABLES.contexts[self as usize]
    }
}

impl AuxiliaryMode {
    /// A short description.
    pub const fn description(self) -> &'static str {
        match self {
            AuxiliaryMode::Historical => "The event is reported as having happened in the past",
            AuxiliaryMode::Future => "The event is reported as going to happen",
            AuxiliaryMode::Hypothetical => "The event is conditional or imagined",
            AuxiliaryMode::Negation => "The event is reported as not having happened",
        }
    }
}

/// The PLOVER event type named `name` (case is ignored).
pub fn plover_type(name: &str) -> Option<PloverType> {
    name.parse().ok()
}

/// The PLOVER context named `name` (case is ignored).
pub fn plover_context(name: &str) -> Option<PloverContext> {
    name.parse().ok()
}

/// Every mode of every PLOVER event type, grouped by type in [`PloverType::ALL`] order.
pub fn plover_modes() -> impl Iterator<Item = &'static PloverMode> {
    TABLES.types.iter().flat_map(|t| t.modes.iter())
}

/// The PLOVER translation of one CAMEO event code.
#[derive(Debug, Clone, PartialEq)]
pub struct PloverMapping {
    event: PloverType,
    mode: Option<&'static PloverMode>,
    contexts: Vec<PloverContext>,
}

impl PloverMapping {
    /// Builds a mapping from table fields; panics (with `file` and `line`) on a mode the type does not have or
    /// an unknown context.
    pub(crate) fn from_fields(
        file: &str,
        line: usize,
        event: PloverType,
        mode: Option<&str>,
        contexts: Option<&str>,
    ) -> PloverMapping {
        let mode = mode.map(|m| {
            event
                .mode(m)
                .unwrap_or_else(|| panic!("{file}:{line}: {event} has no mode {m:?}"))
        });
        let contexts = contexts
            .into_iter()
            .flat_map(|c| c.split(';'))
            .map(|c| c.parse().unwrap_or_else(|e| panic!("{file}:{line}: {e}")))
            .collect();
        PloverMapping {
            event,
            mode,
            contexts,
        }
    }

    /// The event type.
    pub fn event(&self) -> PloverType {
        self.event
    }

    /// The mode, if the CAMEO code implies one.
    pub fn mode(&self) -> Option<&'static PloverMode> {
        self.mode
    }

    /// The contexts the CAMEO code implies (often none, sometimes several).
    pub fn contexts(&self) -> &[PloverContext] {
        &self.contexts
    }

    /// The PLOVER score: the mode's score where it has one, else the type's.
    pub fn score(&self) -> f64 {
        self.mode
            .and_then(PloverMode::score)
            .unwrap_or_else(|| self.event.score())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse() {
        assert_eq!(TABLES.types.len(), 16);
        assert_eq!(TABLES.contexts.len(), 37);
        assert_eq!(plover_modes().count(), 67);
    }

    #[test]
    fn types() {
        assert_eq!(PloverType::ALL.len(), 16);
        assert_eq!(plover_type("agree"), Some(PloverType::Agree));
        assert_eq!(plover_type(" ASSAULT "), Some(PloverType::Assault));
        assert_eq!(plover_type("FIGHT"), None);
        assert_eq!(
            "FIGHT".parse::<PloverType>(),
            Err(crate::Error::Unknown {
                kind: "PLOVER event type",
                name: "FIGHT".into()
            })
        );
        for &t in PloverType::ALL {
            assert_eq!(t.as_str().parse::<PloverType>(), Ok(t));
            assert!(!t.description().is_empty());
            assert!((-10.0..=10.0).contains(&t.score()), "{t}");
        }
        let requiring: Vec<_> = PloverType::ALL
            .iter()
            .filter(|t| t.requires_recipient())
            .map(|t| t.as_str())
            .collect();
        assert_eq!(requiring, ["COOPERATE", "AID", "SANCTION"]);
    }

    #[test]
    fn quad_classes_follow_type_order() {
        use QuadClass::*;
        let quads: Vec<u8> = PloverType::ALL.iter().map(|t| t.quad().code()).collect();
        assert_eq!(quads, [1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4]);
        assert_eq!(PloverType::Sanction.quad(), MaterialConflict);
    }

    #[test]
    fn modes() {
        let consult: Vec<_> = PloverType::Consult
            .modes()
            .iter()
            .map(|m| m.name())
            .collect();
        assert_eq!(consult, ["visit", "third-party", "multilateral", "phone"]);
        assert!(PloverType::Agree.modes().is_empty());
        let visit = PloverType::Consult.mode("Visit").unwrap();
        assert_eq!(
            (visit.event(), visit.score()),
            (PloverType::Consult, Some(4.0))
        );
        assert_eq!(PloverType::Protest.mode("vandalize").unwrap().score(), None);
        assert_eq!(PloverType::Consult.mode("riot"), None);
        // REQUEST and REJECT share their mode names.
        let names = |t: PloverType| t.modes().iter().map(|m| m.name()).collect::<Vec<_>>();
        assert_eq!(names(PloverType::Request), names(PloverType::Reject));
        for m in plover_modes() {
            assert_eq!(m.name(), m.name().to_ascii_lowercase());
            assert!(!m.description().is_empty());
        }
    }

    #[test]
    fn contexts_and_auxiliary_modes() {
        assert_eq!(PloverContext::ALL.len(), 37);
        assert_eq!(
            plover_context("Human_Rights"),
            Some(PloverContext::HumanRights)
        );
        assert_eq!(plover_context("humanitarian"), None);
        assert!(
            PloverContext::ALL
                .iter()
                .all(|c| !c.description().is_empty())
        );
        let aux: Vec<_> = AuxiliaryMode::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(aux, ["historical", "future", "hypothetical", "negation"]);
        assert_eq!("Negation".parse(), Ok(AuxiliaryMode::Negation));
    }

    #[test]
    fn mapping_score_prefers_mode() {
        let m = PloverMapping::from_fields("t", 1, PloverType::Consult, Some("phone"), None);
        assert_eq!(m.score(), 1.5);
        let m =
            PloverMapping::from_fields("t", 1, PloverType::Consult, None, Some("legal;military"));
        assert_eq!(m.score(), 2.5);
        assert_eq!(
            m.contexts(),
            [PloverContext::Legal, PloverContext::Military]
        );
    }

    #[test]
    #[should_panic(expected = "has no mode")]
    fn mapping_rejects_foreign_mode() {
        PloverMapping::from_fields("t", 1, PloverType::Agree, Some("visit"), None);
    }
}
