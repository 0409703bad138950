//! CAMEO event codes: names, hierarchy, Goldstein scores, quad classes and PLOVER translations.

use std::sync::LazyLock;

use crate::plover::{PloverMapping, PloverType};
use crate::quad::{QuadClass, QuadVariant};
use crate::tsv;

named_enum! {
    /// Which published table of Goldstein conflict–cooperation scores (−10 to +10) to read. The two agree on
    /// most codes; see [`CameoEvent::goldstein`].
    #[derive(Default)]
    pub enum GoldsteinTable ("Goldstein table") {
        /// The GDELT table (the default).
        #[default]
        Gdelt = "gdelt",
        /// The table of the Phoenix pipeline, which lacks some codes and differs on a few.
        Phoenix = "phoenix",
    }
}

impl GoldsteinTable {
    /// The table's name for metadata: `gdelt` or `phoenix`.
    pub const fn name(self) -> &'static str {
        self.as_str()
    }
}

/// One CAMEO event code: a root (cue category, 2 digits, `01`–`20`) or a 3- or 4-digit subcategory.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoEvent {
    code: &'static str,
    name: &'static str,
    root: u8,
    goldstein_gdelt: Option<f64>,
    goldstein_phoenix: Option<f64>,
    plover: Option<PloverMapping>,
}

impl CameoEvent {
    /// The code, with its leading zero (`"036"`).
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// A short name; roots are in upper case (`CONSULT`), subcategories in sentence case.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The number of digits: 2 for a root, 3 or 4 for a subcategory.
    pub fn level(&self) -> u8 {
        self.code.len() as u8
    }

    /// Whether this is a root (cue category).
    pub fn is_root(&self) -> bool {
        self.code.len() == 2
    }

    /// The code of the root (the first two digits, e.g. `"19"` for `"193"`).
    pub fn root(&self) -> &'static str {
        &self.code[..2]
    }

    /// The root as a number, 1–20.
    pub fn root_number(&self) -> u8 {
        self.root
    }

    /// The code one level up (`"19"` for `"195"`, `"195"` for `"1951"`); `None` for a root.
    pub fn parent(&self) -> Option<&'static CameoEvent> {
        if self.is_root() {
            None
        } else {
            cameo_event(&self.code[..self.code.len() - 1])
        }
    }

    /// The Goldstein score in `table`, if the table has the code.
    pub fn goldstein(&self, table: GoldsteinTable) -> Option<f64> {
        match table {
            GoldsteinTable::Gdelt => self.goldstein_gdelt,
            GoldsteinTable::Phoenix => self.goldstein_phoenix,
        }
    }

    /// The Goldstein score in `table`, or if the table lacks the code, that of the nearest ancestor it has.
    pub fn goldstein_or_inherited(&self, table: GoldsteinTable) -> Option<f64> {
        self.goldstein(table)
            .or_else(|| self.parent()?.goldstein_or_inherited(table))
    }

    /// The quad class under `variant`.
    pub fn quad(&self, variant: QuadVariant) -> QuadClass {
        variant
            .classify_root(self.root)
            .expect("roots are 1..=20, checked when the table is loaded")
    }

    /// The PLOVER translation; `None` for codes PLOVER drops (roots 01 and 02 and their subcategories).
    pub fn plover(&self) -> Option<&PloverMapping> {
        self.plover.as_ref()
    }
}

/// All codes, sorted by code as text (so each root comes right before its subcategories).
static EVENTS: LazyLock<Vec<CameoEvent>> = LazyLock::new(load);

const FILE: &str = "cameo_events.tsv";

fn load() -> Vec<CameoEvent> {
    let header = &[
        "code",
        "name",
        "goldstein_gdelt",
        "goldstein_phoenix",
        "plover_type",
        "plover_mode",
        "plover_context",
    ];
    let events: Vec<CameoEvent> = tsv::rows(FILE, include_str!("../data/cameo_events.tsv"), header)
        .map(|(n, f)| {
            let code = f[0];
            assert!(
                (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()),
                "{FILE}:{n}: bad code {code:?}"
            );
            let root: u8 = code[..2].parse().expect("two ASCII digits");
            assert!((1..=20).contains(&root), "{FILE}:{n}: bad root in {code:?}");
            assert!(!f[1].is_empty(), "{FILE}:{n}: missing name");
            let plover = tsv::opt(f[4]).map(|t| {
                let event: PloverType = t.parse().unwrap_or_else(|e| panic!("{FILE}:{n}: {e}"));
                PloverMapping::from_fields(FILE, n, event, tsv::opt(f[5]), tsv::opt(f[6]))
            });
            assert!(
                plover.is_some() || (f[5].is_empty() && f[6].is_empty()),
                "{FILE}:{n}: mode or context without a PLOVER type"
            );
            CameoEvent {
                code,
                name: f[1],
                root,
                goldstein_gdelt: tsv::opt_f64(FILE, n, f[2]),
                goldstein_phoenix: tsv::opt_f64(FILE, n, f[3]),
                plover,
            }
        })
        .collect();
    for pair in events.windows(2) {
        assert!(
            pair[0].code < pair[1].code,
            "{FILE}: {} must come before {}",
            pair[1].code,
            pair[0].code
        );
    }
    events
}

/// The CAMEO event with code `code` (exactly as written in CAMEO, with leading zeros: `"036"`, `"0214"`).
///
/// ```
/// use dyad_ontology::{GoldsteinTable, PloverType, QuadVariant, cameo_event};
///
/// let visit = cameo_event("042").unwrap();
/// assert_eq!(visit.goldstein(GoldsteinTable::Gdelt), Some(1.9));
/// assert_eq!(visit.quad(QuadVariant::Gdelt).code(), 1);
/// let plover = visit.plover().unwrap();
/// assert_eq!(plover.event(), PloverType::Consult);
/// assert_eq!(plover.mode().map(|m| m.name()), Some("visit"));
/// assert!(cameo_event("42").is_none());
/// ```
pub fn cameo_event(code: &str) -> Option<&'static CameoEvent> {
    let events: &'static [CameoEvent] = &EVENTS;
    events
        .binary_search_by(|e| e.code.cmp(code))
        .ok()
        .map(|i| &events[i])
}

/// Every CAMEO event code, sorted by code (each root comes right before its subcategories).
pub fn cameo_events() -> impl ExactSizeIterator<Item = &'static CameoEvent> {
    EVENTS.iter()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plover::PloverContext;

    fn event(code: &str) -> &'static CameoEvent {
        cameo_event(code).unwrap_or_else(|| panic!("{code} missing"))
    }

    fn mode(code: &str) -> Option<&'static str> {
        event(code).plover().unwrap().mode().map(|m| m.name())
    }

    #[test]
    fn table_parses() {
        assert_eq!(cameo_events().len(), 315);
        assert_eq!(cameo_events().filter(|e| e.is_root()).count(), 20);
    }

    #[test]
    fn every_code_has_its_root_and_parent() {
        for e in cameo_events() {
            let root = cameo_event(e.root()).expect("root exists");
            assert!(root.is_root());
            assert_eq!(root.root_number(), e.root_number());
            if !e.is_root() {
                let parent = e.parent().expect("parent exists");
                assert_eq!(parent.level() + 1, e.level(), "{}", e.code());
            }
        }
        let roots: Vec<_> = cameo_events()
            .filter(|e| e.is_root())
            .map(|e| e.code())
            .collect();
        let expected: Vec<String> = (1..=20).map(|r| format!("{r:02}")).collect();
        assert_eq!(roots, expected);
        assert!(
            cameo_events()
                .filter(|e| e.level() == 3)
                .all(|e| e.parent().unwrap().is_root())
        );
    }

    #[test]
    fn lookups() {
        assert_eq!(event("036").name(), "Express intent to meet or negotiate");
        assert_eq!(event("0214").level(), 4);
        assert_eq!(event("19").level(), 2);
        assert_eq!(event("1951").parent().unwrap().code(), "195");
        assert_eq!(event("19").parent(), None);
        for bad in ["", "36", "0", "21", "999", "x01", "0361", "01 ", "010 "] {
            assert_eq!(cameo_event(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn quad_classes() {
        assert_eq!(event("193").quad(QuadVariant::Gdelt).code(), 4);
        assert_eq!(
            event("193").quad(QuadVariant::default()),
            QuadClass::MaterialConflict
        );
        assert_eq!(
            event("091").quad(QuadVariant::Gdelt),
            QuadClass::MaterialCooperation
        );
        assert_eq!(
            event("091").quad(QuadVariant::Standard),
            QuadClass::VerbalConflict
        );
        assert_eq!(event("010").quad(QuadVariant::Phoenix), QuadClass::Neutral);
        assert_eq!(
            event("141").quad(QuadVariant::Phoenix),
            QuadClass::MaterialConflict
        );
        assert_eq!(
            event("1621").quad(QuadVariant::Phoenix),
            QuadClass::VerbalConflict
        );
    }

    #[test]
    fn goldstein() {
        assert_eq!(
            event("193").goldstein(GoldsteinTable::default()),
            Some(-10.0)
        );
        assert_eq!(event("042").goldstein(GoldsteinTable::Gdelt), Some(1.9));
        assert_eq!(event("016").goldstein(GoldsteinTable::Gdelt), Some(-2.0));
        assert_eq!(event("016").goldstein(GoldsteinTable::Phoenix), Some(3.4));
        assert_eq!(event("1214").goldstein(GoldsteinTable::Gdelt), None);
        assert_eq!(
            event("1214").goldstein_or_inherited(GoldsteinTable::Gdelt),
            Some(-4.0)
        );
        assert_eq!(
            event("1952").goldstein_or_inherited(GoldsteinTable::Phoenix),
            Some(-10.0)
        );
        for e in cameo_events() {
            for &t in GoldsteinTable::ALL {
                let g = e.goldstein_or_inherited(t).expect("every root has a score");
                assert!((-10.0..=10.0).contains(&g), "{} {t}", e.code());
            }
        }
        assert_eq!(GoldsteinTable::Phoenix.name(), "phoenix");
    }

    #[test]
    fn plover_mapping() {
        let agree = event("036").plover().unwrap();
        assert_eq!(agree.event(), PloverType::Agree);
        assert_eq!(agree.contexts(), [PloverContext::Diplomatic]);
        assert_eq!(event("042").plover().unwrap().event(), PloverType::Consult);
        assert_eq!(mode("042"), Some("visit"));
        let retreat = event("0874").plover().unwrap();
        assert_eq!(retreat.event(), PloverType::Retreat);
        assert_eq!(mode("0874"), Some("disarm"));
        assert_eq!(retreat.contexts(), [PloverContext::Military]);
        assert_eq!(retreat.score(), 10.0);
        assert_eq!(event("163").plover().unwrap().event(), PloverType::Sanction);
        assert_eq!(mode("163"), Some("discontinue"));
        assert_eq!(event("1712").plover().unwrap().event(), PloverType::Assault);
        assert_eq!(mode("186"), Some("targeted"));
        assert_eq!(
            event("094").plover().unwrap().contexts(),
            [PloverContext::Military, PloverContext::Legal]
        );
        assert_eq!(mode("040"), None);
        assert_eq!(event("020").plover(), None);
    }

    #[test]
    fn plover_drops_exactly_roots_01_and_02() {
        for e in cameo_events() {
            assert_eq!(e.plover().is_none(), e.root_number() <= 2, "{}", e.code());
        }
    }

    #[test]
    fn plover_types_follow_roots() {
        use PloverType::*;
        let expected = |root: u8| match root {
            3 => Agree,
            4 => Consult,
            5 => Support,
            6 => Cooperate,
            7 => Aid,
            8 => Concede,
            9 | 11 => Accuse,
            10 => Request,
            12 => Reject,
            13 => Threaten,
            14 => Protest,
            15 => Mobilize,
            16 => Sanction,
            17 => Coerce,
            _ => Assault,
        };
        for e in cameo_events().filter(|e| e.is_root() && e.root_number() > 2) {
            assert_eq!(
                e.plover().unwrap().event(),
                expected(e.root_number()),
                "{}",
                e.code()
            );
        }
        // Subcategories that PLOVER moves to another type than their root's.
        let moved: Vec<_> = cameo_events()
            .filter(|e| !e.is_root() && e.root_number() > 2)
            .filter(|e| e.plover().unwrap().event() != expected(e.root_number()))
            .map(|e| e.code())
            .collect();
        assert_eq!(
            moved,
            [
                "084", "0841", "0842", "085", "086", "0861", "0862", "0863", "087", "0871", "0872",
                "0873", "0874", "1712", "175", "191", "192"
            ]
        );
    }
}
