//! Actor codes: CAMEO's 3-letter chunks other than countries (regions, roles, international actor types,
//! religions), PLOVER's sector codes, and the mapping from the former to the latter.
//!
//! The two schemes share most codes but not all meanings: CAMEO `MED` is the media (PLOVER `JRN`) and CAMEO
//! `HLH` is health (PLOVER `MED`), so look codes up in the scheme they come from.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::tsv;

named_enum! {
    /// What a CAMEO actor-code chunk denotes.
    pub enum CameoActorKind ("CAMEO actor code kind") {
        /// A world region, used in place of a country (`MEA`, `WST`).
        Region = "region",
        /// A domestic role or sector (`GOV`, `MIL`, `REB`, `MED`, `HLH`).
        Role = "role",
        /// An international or transnational actor type (`IGO`, `NGO`, `MNC`, `IMG`).
        International = "international",
        /// A religion or denomination (`MOS`, `SHI`, `CTH`).
        Religion = "religion",
    }
}

/// A CAMEO actor-code chunk (3 upper-case letters) other than a country code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CameoActorCode {
    code: &'static str,
    kind: CameoActorKind,
    meaning: &'static str,
    plover_sector: Option<&'static str>,
}

impl CameoActorCode {
    /// The code (`"GOV"`).
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// What kind of chunk it is.
    pub fn kind(&self) -> CameoActorKind {
        self.kind
    }

    /// What the code means, briefly.
    pub fn meaning(&self) -> &'static str {
        self.meaning
    }

    /// The PLOVER sector that best describes an actor carrying this code; `None` for regions and for codes
    /// that have no PLOVER sector (`IGO`, `INT`, `MOD`, `RAD`).
    pub fn plover_sector(&self) -> Option<&'static PloverSector> {
        self.plover_sector.and_then(plover_sector)
    }
}

/// A PLOVER sector code (3 upper-case letters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PloverSector {
    code: &'static str,
    meaning: &'static str,
    frequent: bool,
}

impl PloverSector {
    /// The code (`"JRN"`).
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// What the code means, briefly.
    pub fn meaning(&self) -> &'static str {
        self.meaning
    }

    /// Whether the PLOVER manual lists it among the frequently used sectors.
    pub fn is_frequent(&self) -> bool {
        self.frequent
    }
}

/// A table of records with an index by code.
#[derive(Debug)]
struct Indexed<T> {
    rows: Vec<T>,
    by_code: HashMap<&'static str, usize>,
}

impl<T> Indexed<T> {
    fn new(file: &str, rows: Vec<T>, code: impl Fn(&T) -> &'static str) -> Self {
        let mut by_code = HashMap::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let c = code(row);
            assert!(
                c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()),
                "{file}: bad code {c:?}"
            );
            assert!(by_code.insert(c, i).is_none(), "{file}: {c} listed twice");
        }
        Indexed { rows, by_code }
    }

    fn get(&self, code: &str) -> Option<&T> {
        self.by_code.get(code).map(|&i| &self.rows[i])
    }
}

const SECTORS_FILE: &str = "plover_sectors.tsv";
const ACTORS_FILE: &str = "cameo_actors.tsv";

static SECTORS: LazyLock<Indexed<PloverSector>> = LazyLock::new(|| {
    let header = &["code", "frequent", "meaning"];
    let text = include_str!("../data/plover_sectors.tsv");
    let rows = tsv::rows(SECTORS_FILE, text, header)
        .map(|(n, f)| PloverSector {
            code: f[0],
            frequent: tsv::yes_no(SECTORS_FILE, n, f[1]),
            meaning: f[2],
        })
        .collect();
    Indexed::new(SECTORS_FILE, rows, |s| s.code)
});

static ACTORS: LazyLock<Indexed<CameoActorCode>> = LazyLock::new(|| {
    let header = &["code", "kind", "meaning", "plover_sector"];
    let text = include_str!("../data/cameo_actors.tsv");
    let rows = tsv::rows(ACTORS_FILE, text, header)
        .map(|(n, f)| {
            let plover_sector = tsv::opt(f[3]);
            if let Some(s) = plover_sector {
                assert!(
                    plover_sector_exists(s),
                    "{ACTORS_FILE}:{n}: unknown PLOVER sector {s:?}"
                );
            }
            CameoActorCode {
                code: f[0],
                kind: f[1]
                    .parse()
                    .unwrap_or_else(|e| panic!("{ACTORS_FILE}:{n}: {e}")),
                meaning: f[2],
                plover_sector,
            }
        })
        .collect();
    Indexed::new(ACTORS_FILE, rows, |a| a.code)
});

fn plover_sector_exists(code: &str) -> bool {
    SECTORS.get(code).is_some()
}

/// The CAMEO actor-code chunk `code` (3 upper-case letters, e.g. `"GOV"`, `"MEA"`, `"SHI"`); `None` for
/// country codes and unknown chunks.
///
/// ```
/// use dyad_ontology::{CameoActorKind, cameo_actor_code};
///
/// let media = cameo_actor_code("MED").unwrap();
/// assert_eq!(media.kind(), CameoActorKind::Role);
/// assert_eq!(media.plover_sector().unwrap().code(), "JRN");
/// assert!(cameo_actor_code("USA").is_none());
/// ```
pub fn cameo_actor_code(code: &str) -> Option<&'static CameoActorCode> {
    ACTORS.get(code)
}

/// Every CAMEO actor-code chunk in the table, grouped by kind (regions, roles, international, religions).
pub fn cameo_actor_codes() -> impl ExactSizeIterator<Item = &'static CameoActorCode> {
    ACTORS.rows.iter()
}

/// The PLOVER sector `code` (3 upper-case letters, e.g. `"JRN"`).
pub fn plover_sector(code: &str) -> Option<&'static PloverSector> {
    SECTORS.get(code)
}

/// Every PLOVER sector, frequently used ones first, in the order of the PLOVER manual.
pub fn plover_sectors() -> impl ExactSizeIterator<Item = &'static PloverSector> {
    SECTORS.rows.iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sector_of(cameo: &str) -> Option<&'static str> {
        cameo_actor_code(cameo)
            .unwrap_or_else(|| panic!("{cameo} missing"))
            .plover_sector()
            .map(PloverSector::code)
    }

    #[test]
    fn tables_parse() {
        assert_eq!(plover_sectors().len(), 25);
        assert_eq!(cameo_actor_codes().len(), 91);
        // Every sector named by the CAMEO table exists (checked on load, forced here).
        assert!(
            cameo_actor_codes().all(|a| a.plover_sector.is_none() || a.plover_sector().is_some())
        );
    }

    #[test]
    fn cameo_codes_of_the_brief_are_present() {
        let roles = "GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL ELI LEG HLH REL LAB REF HRI ENV AGR UAF";
        for code in roles.split(' ') {
            assert_eq!(
                cameo_actor_code(code).map(|a| a.kind()),
                Some(CameoActorKind::Role),
                "{code}"
            );
        }
        for code in ["IGO", "NGO", "MNC", "IMG", "INT"] {
            let kind = cameo_actor_code(code).map(|a| a.kind());
            assert_eq!(kind, Some(CameoActorKind::International), "{code}");
        }
        assert_eq!(
            cameo_actor_code("SHI").unwrap().kind(),
            CameoActorKind::Religion
        );
        assert_eq!(
            cameo_actor_code("MEA").unwrap().kind(),
            CameoActorKind::Region
        );
        assert_eq!(cameo_actor_code("USA"), None);
        assert_eq!(cameo_actor_code("gov"), None);
        assert_eq!(cameo_actor_code(""), None);
    }

    #[test]
    fn plover_sectors_of_the_manual() {
        for code in ["JRN", "MED", "PRM", "PRE", "SOC", "UNK", "GOV"] {
            assert!(plover_sector(code).is_some(), "{code}");
        }
        assert!(plover_sector("COP").unwrap().is_frequent());
        assert!(!plover_sector("JRN").unwrap().is_frequent());
        assert_eq!(plover_sector("HLH"), None);
        assert!(plover_sector("MED").unwrap().meaning().contains("Health"));
    }

    #[test]
    fn cameo_to_plover() {
        assert_eq!(sector_of("MED"), Some("JRN"));
        assert_eq!(sector_of("HLH"), Some("MED"));
        assert_eq!(sector_of("GOV"), Some("GOV"));
        assert_eq!(sector_of("INS"), Some("REB"));
        assert_eq!(sector_of("SEP"), Some("REB"));
        assert_eq!(sector_of("NGO"), Some("SOC"));
        assert_eq!(sector_of("SUN"), Some("REL"));
        assert_eq!(sector_of("IGO"), None);
        assert_eq!(sector_of("WST"), None);
        for a in cameo_actor_codes() {
            if a.kind() == CameoActorKind::Region {
                assert_eq!(a.plover_sector(), None, "{}", a.code());
            }
            if a.kind() == CameoActorKind::Religion {
                assert_eq!(sector_of(a.code()), Some("REL"));
            }
        }
    }
}
