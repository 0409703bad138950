//! dyad-geo owns the gazetteer: places (GeoNames `cities1000`: every populated place over 1,000 people or
//! seat of an administrative division), first-level administrative regions (GeoNames admin1: "Gaza Strip",
//! "West Bank", "Crimea", US states) and countries, looked up by normalised name (lower case, diacritics
//! folded, words separated by single spaces) and ranked for a document's country context.
//!
//! The GeoNames data comes from crates that ship it (`cities-json` for places with their admin1 codes,
//! `reverse_geocoder` for admin1 names); the build script turns it into a compact table embedded in the
//! library, so nothing is downloaded at build or run time. Countries (names, nationality adjectives, ISO
//! codes, capitals) come from dyad's `dicts/countries.txt`; a country is placed at its capital as the
//! GeoNames data gives it. The data has no population figures: a place's prominence is the number of
//! GeoNames places within about 25 km, which separates a city and its suburbs from a village of the same
//! name. The build script precomputes everything (normalised names, sorted keys, capitals, prominence), so
//! the table is read in one pass, once, on first use ([`builtin`]): about 35 ms and 158,000 entries.
//!
//! It knows nothing about text: finding place expressions in sentences is `dyad-coder`'s job.

mod normalise;

pub use normalise::{normalise_word, without_article};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The table written by the build script.
const TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/gazetteer.tsv"));

/// What a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Feature {
    /// A country or territory.
    Country,
    /// A first-level administrative division (state, province, governorate, "Gaza Strip").
    Admin1,
    /// A populated place.
    City,
}

impl Feature {
    /// The lower-case name used in event records ("country", "admin1", "city").
    pub fn as_str(self) -> &'static str {
        match self {
            Feature::Country => "country",
            Feature::Admin1 => "admin1",
            Feature::City => "city",
        }
    }
}

/// One gazetteer entry. Strings borrow from the embedded table.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The name as the data writes it ("Doha", "Gaza Strip", "Qatar").
    pub name: &'static str,
    /// What the entry is.
    pub feature: Feature,
    /// ISO 3166-1 alpha-2 code of the country ("QA").
    pub iso2: &'static str,
    /// GeoNames admin1 code within the country ("01"); empty when unknown or for countries.
    pub admin1: &'static str,
    /// Latitude in degrees (WGS84).
    pub lat: f32,
    /// Longitude in degrees (WGS84).
    pub lon: f32,
    /// GeoNames places within about 25 km for a place, places in the region for a region.
    pub weight: u32,
    /// `weight` in thousandths of the densest place of the same country: comparable across countries
    /// mapped in more or less detail (Riyadh tops Saudi Arabia as Paris tops France).
    pub prominence: u16,
    /// Index of the entry's country in [`Gazetteer::countries`], when dyad's dictionary has it.
    pub country: Option<u16>,
}

/// A country: its own entry and its capital's.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// Canonical name ("Qatar").
    pub name: &'static str,
    /// ISO 3166-1 alpha-2 code ("QA").
    pub iso2: &'static str,
    /// ISO 3166-1 alpha-3 code ("QAT").
    pub iso3: &'static str,
    /// The country's entry.
    pub entry: u32,
    /// The capital's entry, when the data has it.
    pub capital: Option<u32>,
}

/// A malformed line in the gazetteer table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("gazetteer table line {line}: {problem}")]
pub struct TableError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub problem: String,
}

/// The gazetteer: entries, countries and a name index.
#[derive(Debug, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    countries: Vec<Country>,
    /// Normalised names, sorted (a name naming several entries repeats); `postings[i]` is what `keys[i]`
    /// names.
    keys: Vec<&'static str>,
    postings: Vec<u32>,
    /// Normalised nationality adjective ("qatari") → country index.
    adjectives: FxHashMap<&'static str, u16>,
    /// Lower-case ISO3 code ("qat") → country index.
    by_iso3: FxHashMap<String, u16>,
    /// Most words in any indexed name.
    max_words: usize,
}

/// The built-in gazetteer, parsed on first use.
pub fn builtin() -> Result<&'static Gazetteer, &'static TableError> {
    static GAZETTEER: OnceLock<Result<Gazetteer, TableError>> = OnceLock::new();
    GAZETTEER.get_or_init(|| Gazetteer::parse(TABLE)).as_ref()
}

/// Normalises a name for lookup: each word normalised by [`normalise_word`], a leading "the" dropped,
/// words joined by single spaces. Writes into `out` (cleared first).
pub fn normalise_name(name: &str, out: &mut String) {
    normalise::normalise_name_with(name, out, &mut String::new());
}

/// Parses a plain decimal ("-12.88815") the fast way, with the same result as `str::parse::<f32>`: the
/// digits make an exact integer, and one division by an exact power of ten rounds once. `None` for any
/// other form (exponents, more than 15 digits), left to `str::parse`.
fn parse_decimal(field: &str) -> Option<f32> {
    let (negative, digits) = match field.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, field),
    };
    let (mut mantissa, mut scale, mut seen_point, mut count) = (0u64, 0i32, false, 0);
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                scale += i32::from(seen_point);
                count += 1;
            }
            b'.' if !seen_point => seen_point = true,
            _ => return None,
        }
    }
    if count == 0 || count > 15 {
        return None;
    }
    let value = (mantissa as f64 / 10f64.powi(scale)) as f32;
    Some(if negative { -value } else { value })
}

impl Gazetteer {
    /// Parses a table in the build script's format (see `build.rs`): one pass, no normalisation, no sorting.
    pub fn parse(table: &'static str) -> Result<Gazetteer, TableError> {
        let mut gazetteer = Gazetteer::default();
        for (number, line) in table.lines().enumerate() {
            let error = |problem: &str| TableError {
                line: number + 1,
                problem: problem.to_string(),
            };
            let mut fields = [""; 9];
            let mut count = 0;
            let mut from = 0;
            for (k, &b) in line.as_bytes().iter().enumerate() {
                if b == b'\t' && count < fields.len() {
                    fields[count] = &line[from..k];
                    count += 1;
                    from = k + 1;
                }
            }
            if count < fields.len() {
                fields[count] = &line[from..];
                count += 1;
            }
            let number_at = |i: usize| -> Result<f32, TableError> {
                parse_decimal(fields[i])
                    .or_else(|| fields[i].parse().ok())
                    .ok_or_else(|| error("bad number"))
            };
            let index_at = |i: usize| -> Result<Option<u32>, TableError> {
                match fields[i] {
                    "" => Ok(None),
                    f => f.parse().map(Some).map_err(|_| error("bad index")),
                }
            };
            let needed = match fields[0] {
                "P" | "A" => 9,
                "C" => 7,
                "J" | "K" => 3,
                "" => continue,
                _ => return Err(error("unknown record kind")),
            };
            if count < needed {
                return Err(error("too few fields"));
            }
            match fields[0] {
                "P" | "A" => gazetteer.entries.push(Entry {
                    name: fields[1],
                    feature: if fields[0] == "P" {
                        Feature::City
                    } else {
                        Feature::Admin1
                    },
                    iso2: fields[2],
                    admin1: fields[3],
                    lat: number_at(4)?,
                    lon: number_at(5)?,
                    weight: fields[6].parse().map_err(|_| error("bad weight"))?,
                    prominence: fields[7].parse().map_err(|_| error("bad prominence"))?,
                    country: index_at(8)?.map(|c| c as u16),
                }),
                "C" => {
                    let country = gazetteer.countries.len() as u16;
                    gazetteer.countries.push(Country {
                        name: fields[1],
                        iso2: fields[2],
                        iso3: fields[3],
                        entry: gazetteer.entries.len() as u32,
                        capital: index_at(6)?,
                    });
                    gazetteer
                        .by_iso3
                        .insert(fields[3].to_ascii_lowercase(), country);
                    gazetteer.entries.push(Entry {
                        name: fields[1],
                        feature: Feature::Country,
                        iso2: fields[2],
                        admin1: "",
                        lat: number_at(4)?,
                        lon: number_at(5)?,
                        weight: u32::MAX,
                        prominence: 1000,
                        country: Some(country),
                    });
                }
                "J" => {
                    let country = index_at(2)?.ok_or_else(|| error("no country"))?;
                    gazetteer.adjectives.insert(fields[1], country as u16);
                }
                _ => {
                    let entry = index_at(2)?.ok_or_else(|| error("no entry"))?;
                    if gazetteer.keys.last().is_some_and(|last| *last > fields[1]) {
                        return Err(error("keys out of order"));
                    }
                    let words = 1 + fields[1].bytes().filter(|&b| b == b' ').count();
                    gazetteer.max_words = gazetteer.max_words.max(words);
                    gazetteer.keys.push(fields[1]);
                    gazetteer.postings.push(entry);
                }
            }
        }
        let entries = gazetteer.entries.len() as u32;
        let countries = gazetteer.countries.len();
        let dangling = gazetteer.postings.iter().any(|&e| e >= entries)
            || gazetteer
                .countries
                .iter()
                .any(|c| c.capital.is_some_and(|e| e >= entries))
            || gazetteer
                .entries
                .iter()
                .any(|e| e.country.is_some_and(|c| usize::from(c) >= countries))
            || gazetteer
                .adjectives
                .values()
                .any(|&c| usize::from(c) >= countries);
        if dangling {
            return Err(TableError {
                line: 0,
                problem: "an index points past the table".into(),
            });
        }
        Ok(gazetteer)
    }

    /// The entries a normalised name (see [`normalise_name`]) may refer to, unranked.
    pub fn lookup(&self, key: &str) -> &[u32] {
        let start = self.keys.partition_point(|k| *k < key);
        let len = self.keys[start..].iter().take_while(|k| **k == key).count();
        &self.postings[start..start + len]
    }

    /// The entry with this index.
    pub fn entry(&self, index: u32) -> &Entry {
        &self.entries[index as usize]
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the gazetteer has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Most words in any indexed name (longer spans cannot match).
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Every country.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The country with this index.
    pub fn country(&self, index: u16) -> &Country {
        &self.countries[index as usize]
    }

    /// The country an ISO3 code names ("QAT"), case-insensitively.
    pub fn country_by_iso3(&self, iso3: &str) -> Option<u16> {
        let mut buf: [u8; 3] = iso3.as_bytes().try_into().ok()?;
        buf.make_ascii_lowercase();
        std::str::from_utf8(&buf)
            .ok()
            .and_then(|k| self.by_iso3.get(k).copied())
    }

    /// The country a nationality adjective names ("qatari", normalised).
    pub fn country_by_adjective(&self, key: &str) -> Option<u16> {
        self.adjectives.get(key).copied()
    }

    /// The ISO3 code of an entry's country.
    pub fn iso3(&self, entry: &Entry) -> Option<&'static str> {
        entry.country.map(|c| self.countries[c as usize].iso3)
    }

    /// Whether an entry is the capital of its country.
    pub fn is_capital(&self, index: u32) -> bool {
        self.entry(index)
            .country
            .is_some_and(|c| self.countries[c as usize].capital == Some(index))
    }

    /// The best entry for a normalised name: an entry in a context country (`context` holds country
    /// indexes: the dateline's, the document's places' and actors') first; then a country, then a capital,
    /// then the most prominent within its own country, then the densest. A region never wins over a place of the same name in the same country
    /// ("Aleppo" is the city, not the governorate).
    pub fn resolve(&self, key: &str, context: &[u16]) -> Option<u32> {
        let candidates = self.lookup(key);
        let shadowed = |e: &Entry| {
            e.feature == Feature::Admin1
                && candidates.iter().any(|&o| {
                    let other = self.entry(o);
                    other.feature == Feature::City && other.iso2 == e.iso2
                })
        };
        candidates
            .iter()
            .copied()
            .filter(|&i| !shadowed(self.entry(i)))
            .max_by_key(|&i| {
                let e = self.entry(i);
                let in_context = e.country.is_some_and(|c| context.contains(&c));
                (
                    in_context,
                    e.feature == Feature::Country,
                    self.is_capital(i),
                    e.prominence,
                    e.weight,
                    std::cmp::Reverse(i),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> &'static Gazetteer {
        builtin().expect("the built-in table parses")
    }

    fn resolve(name: &str, context: &[&str]) -> Option<&'static Entry> {
        let g = gazetteer();
        let context: Vec<u16> = context
            .iter()
            .filter_map(|c| g.country_by_iso3(c))
            .collect();
        let mut key = String::new();
        normalise_name(name, &mut key);
        g.resolve(&key, &context).map(|i| g.entry(i))
    }

    #[test]
    fn fast_decimals_equal_the_standard_parse() {
        // Every coordinate in the shipped table, plus edge cases.
        let coordinates = TABLE
            .lines()
            .filter(|l| l.starts_with(['P', 'A', 'C']))
            .flat_map(|l| l.split('\t').skip(4).take(2));
        let edges = ["0", "-0.5", "90", "-180.00000", "0.1", "12.345678901234"];
        for field in coordinates.chain(edges) {
            let standard: f32 = field.parse().expect("a number");
            assert_eq!(parse_decimal(field), Some(standard), "{field}");
        }
        for other in ["1e5", "", "-", "1.2.3", "0.1234567890123456"] {
            assert_eq!(parse_decimal(other), None, "{other}");
        }
    }

    #[test]
    fn loads_places_regions_and_countries() {
        let g = gazetteer();
        assert!(g.len() > 100_000, "{} entries", g.len());
        assert!(g.countries().len() > 200);
        assert!(g.max_words() >= 4);
    }

    #[test]
    fn capitals_are_cities_of_their_country() {
        let doha = resolve("Doha", &[]).expect("Doha");
        assert_eq!((doha.feature, doha.iso2), (Feature::City, "QA"));
        assert!((doha.lat - 25.29).abs() < 0.2 && (doha.lon - 51.53).abs() < 0.2);
        let g = gazetteer();
        let qatar = g.country_by_iso3("QAT").expect("Qatar");
        let capital = g.country(qatar).capital.expect("a capital");
        assert_eq!(g.entry(capital).name, "Doha");
        assert!(g.is_capital(capital));
        assert_eq!(g.country_by_adjective("qatari"), Some(qatar));
    }

    #[test]
    fn countries_resolve_to_their_own_entry() {
        let syria = resolve("Syria", &[]).expect("Syria");
        assert_eq!(syria.feature, Feature::Country);
        assert_eq!(gazetteer().iso3(syria), Some("SYR"));
        // Placed at the capital.
        assert!((syria.lat - 33.5).abs() < 0.3, "{}", syria.lat);
    }

    #[test]
    fn regions_come_from_admin1() {
        for (name, iso2) in [
            ("Gaza Strip", "PS"),
            ("the West Bank", "PS"),
            ("Crimea", "UA"),
        ] {
            let e = resolve(name, &[]).unwrap_or_else(|| panic!("{name}"));
            assert_eq!((e.feature, e.iso2), (Feature::Admin1, iso2), "{name}");
            assert!(!e.admin1.is_empty());
        }
    }

    #[test]
    fn a_city_wins_over_its_region_and_prominence_over_villages() {
        let aleppo = resolve("Aleppo", &[]).expect("Aleppo");
        assert_eq!((aleppo.feature, aleppo.iso2), (Feature::City, "SY"));
        let paris = resolve("Paris", &[]).expect("Paris");
        assert_eq!(paris.iso2, "FR");
    }

    #[test]
    fn context_decides_ambiguous_names() {
        assert_eq!(resolve("Paris", &["USA"]).map(|e| e.iso2), Some("US"));
        assert_eq!(resolve("London", &["CAN"]).map(|e| e.iso2), Some("CA"));
        assert_eq!(resolve("London", &[]).map(|e| e.iso2), Some("GB"));
        assert_eq!(
            resolve("Georgia", &[]).map(|e| e.feature),
            Some(Feature::Country)
        );
        let georgia = resolve("Georgia", &["USA"]).expect("Georgia");
        assert_eq!((georgia.feature, georgia.iso2), (Feature::Admin1, "US"));
    }

    #[test]
    fn english_names_from_the_exonym_list() {
        assert_eq!(resolve("Geneva", &[]).map(|e| e.iso2), Some("CH"));
        assert_eq!(resolve("GENEVA", &[]).map(|e| e.iso2), Some("CH"));
        assert_eq!(resolve("Raqqa", &[]).map(|e| e.iso2), Some("SY"));
        assert_eq!(resolve("Odessa", &[]).map(|e| e.iso2), Some("UA"));
        // Context still decides: Geneva, New York.
        assert_eq!(resolve("Geneva", &["USA"]).map(|e| e.iso2), Some("US"));
    }

    #[test]
    fn names_are_normalised() {
        let mut key = String::new();
        normalise_name("the  Gaza   Strip", &mut key);
        assert_eq!(key, "gaza strip");
        normalise_name("São Paulo", &mut key);
        assert_eq!(key, "sao paulo");
        assert!(resolve("SÃO PAULO", &[]).is_some());
        normalise_name("Sana'a", &mut key);
        assert_eq!(key, "sanaa");
        normalise_word("Ḩamāh", &mut key);
        assert_eq!(key, "hamah");
        assert_eq!(without_article("al fallujah"), Some("fallujah"));
        assert_eq!(without_article("al-fallujah"), Some("fallujah"));
        assert_eq!(without_article("alma"), None);
    }

    #[test]
    fn transliterated_and_qualified_names_are_found() {
        assert_eq!(resolve("Kandahar", &[]).map(|e| e.iso2), Some("AF"));
        assert_eq!(resolve("Fallujah", &[]).map(|e| e.iso2), Some("IQ"));
        assert_eq!(resolve("Kiev", &[]).map(|e| e.name), Some("Kyiv"));
        let bank = resolve("occupied West Bank", &[]);
        assert!(
            bank.is_none(),
            "the qualified alias is left to the place finder"
        );
        // Capitals of sparsely mapped countries beat denser namesakes elsewhere.
        assert_eq!(resolve("Riyadh", &[]).map(|e| e.iso2), Some("SA"));
        assert_eq!(resolve("Tripoli", &[]).map(|e| e.iso2), Some("LY"));
        assert_eq!(resolve("Tripoli", &["LBN"]).map(|e| e.iso2), Some("LB"));
    }

    #[test]
    fn malformed_tables_are_errors() {
        let error = Gazetteer::parse("P\tX\tQA\n").expect_err("too few fields");
        assert_eq!(error.line, 1);
        assert!(Gazetteer::parse("Z\t1\t2\t3\t4\t5\t6\n").is_err());
    }
}
