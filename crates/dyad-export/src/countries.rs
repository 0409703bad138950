//! Country codes for the GDELT and Phoenix geography columns: ISO 3166-1 alpha-3 (what dyad's places and
//! actors carry) to FIPS 10-4 (what GDELT's `*Geo_CountryCode` columns use) and a short English name, from
//! `data/countries.tsv`; and the US state names of `data/us_states.tsv`.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A country or territory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code ("RUS"); CAMEO's "KSV" for Kosovo.
    pub iso3: &'static str,
    /// FIPS 10-4 code ("RS").
    pub fips: &'static str,
    /// Short English name ("Russia").
    pub name: &'static str,
}

const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");
const US_STATES_TSV: &str = include_str!("../data/us_states.tsv");

/// The data rows of one of our tables: comments and the header line dropped, fields split at tabs.
fn rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1)
        .map(|line| line.split('\t').collect())
}

static COUNTRIES: LazyLock<HashMap<&'static str, Country>> = LazyLock::new(|| {
    rows(COUNTRIES_TSV)
        .filter_map(|fields| match fields[..] {
            [iso3, fips, name] => Some((iso3, Country { iso3, fips, name })),
            _ => None,
        })
        .collect()
});

static US_STATES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    rows(US_STATES_TSV)
        .filter_map(|fields| match fields[..] {
            [code, name] => Some((code, name)),
            _ => None,
        })
        .collect()
});

/// The country with ISO 3166-1 alpha-3 code `iso3` ("RUS").
pub fn country(iso3: &str) -> Option<&'static Country> {
    COUNTRIES.get(iso3)
}

/// Whether `code` is a country code of the table (used to tell a country root from other actor codes).
pub fn is_country(code: &str) -> bool {
    COUNTRIES.contains_key(code)
}

/// The name of the US state (or DC, or territory) with postal code `code` ("PA" → "Pennsylvania").
pub fn us_state_name(code: &str) -> Option<&'static str> {
    US_STATES.get(code).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_tables_is_read() {
        assert_eq!(COUNTRIES.len(), rows(COUNTRIES_TSV).count());
        assert!(COUNTRIES.len() > 240);
        assert_eq!(US_STATES.len(), rows(US_STATES_TSV).count());
        assert_eq!(US_STATES.len(), 51);
    }

    #[test]
    fn iso_codes_map_to_fips() {
        let pairs = [
            ("RUS", "RS"),
            ("GBR", "UK"),
            ("DEU", "GM"),
            ("CHN", "CH"),
            ("IRQ", "IZ"),
            ("QAT", "QA"),
            ("USA", "US"),
        ];
        for (iso3, fips) in pairs {
            assert_eq!(country(iso3).map(|c| c.fips), Some(fips), "{iso3}");
        }
        assert_eq!(country("RUS").map(|c| c.name), Some("Russia"));
        assert!(is_country("PSE") && !is_country("GOV"));
        assert_eq!(us_state_name("PA"), Some("Pennsylvania"));
    }
}
