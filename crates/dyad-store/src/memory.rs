//! What ingest keeps in memory between batches instead of looking it up through indexes: the uids and
//! sources of the stored documents, every event's dedup key, date range, precision and place country (the
//! dedup index), and the yearly dyad changes not folded in yet (`dyad_years_recent`). They are loaded from
//! the database at the first batch, about 60 bytes per event and 35 per document, and kept in step by the
//! batches of this connection. A batch that fails drops them (its transaction rolled back what they had
//! learnt), and a batch that finds that another connection has written since (`PRAGMA data_version`)
//! reloads them, so they always describe the committed database.

use crate::StoreError;
use rusqlite::Transaction;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Widest range (days) of a "precise" event: looked up by its start near a report's range. Wider ones are
/// few per key and checked one by one.
const PRECISE_WIDTH: i64 = 7;

/// The state ingest keeps in memory.
pub(crate) struct Memory {
    /// `PRAGMA data_version` when this state was last known to match the database.
    pub data_version: i64,
    /// The uids of the stored documents (xxh3-128).
    pub uids: HashSet<u128, BuildHasherDefault<HashHasher>>,
    /// The source of every stored document.
    pub sources: Sources,
    /// The dedup index.
    pub dedup: DedupIndex,
    /// The rows of `dyad_years_recent`.
    pub recent: RecentYears,
}

impl Memory {
    /// Reads the state of the database `tx` sees.
    pub fn load(tx: &Transaction, data_version: i64) -> Result<Memory, StoreError> {
        let mut uids = HashSet::default();
        let mut sources = Sources::default();
        let mut statement = tx.prepare("SELECT uid, doc_key, source FROM documents")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let uid: String = row.get(0)?;
            uids.insert(parse_uid(&uid)?);
            let text = |e: rusqlite::types::FromSqlError| StoreError::Corrupt(e.to_string());
            let number = sources.number(row.get_ref(2)?.as_str_or_null().map_err(text)?);
            sources.set(row.get(1)?, number)?;
        }
        let mut dedup = DedupIndex::default();
        let mut statement = tx.prepare(
            "SELECT event_key, dedup_key, day_start, day_end, precision, place_country FROM events",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let range = match (row.get::<_, Option<i64>>(2)?, row.get::<_, Option<i64>>(3)?) {
                (Some(start), Some(end)) => Some((start, end)),
                _ => None,
            };
            let text = |e: rusqlite::types::FromSqlError| StoreError::Corrupt(e.to_string());
            let place = row.get_ref(5)?.as_str_or_null().map_err(text)?;
            let precision = row.get_ref(4)?.as_str().map_err(text)?;
            let entry = dedup.entry(
                row.get(0)?,
                range,
                crate::dedup::precision_rank(precision),
                place,
            )?;
            dedup.insert(row.get(1)?, entry);
        }
        let mut recent = RecentYears::default();
        let mut statement = tx.prepare(
            "SELECT epoch, year, actor1, actor2, events, goldstein, quad1, quad2, quad3, quad4
             FROM dyad_years_recent",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let key = recent.key(
                row.get(0)?,
                row.get(1)?,
                &row.get::<_, String>(2)?,
                &row.get::<_, String>(3)?,
            );
            let sums = YearSums {
                events: row.get(4)?,
                goldstein: row.get(5)?,
                quads: [row.get(6)?, row.get(7)?, row.get(8)?, row.get(9)?],
            };
            recent.rows.insert(key, sums);
        }
        Ok(Memory {
            data_version,
            uids,
            sources,
            dedup,
            recent,
        })
    }
}

/// Strings numbered from 1 in order of first use (sources, actor codes, countries), so that keys and
/// postings can hold a `u32` instead of the string.
#[derive(Default)]
pub(crate) struct Names {
    names: Vec<String>,
    numbers: FastMap<String, u32>,
}

impl Names {
    /// The number of `name`, given at its first use.
    pub fn number(&mut self, name: &str) -> u32 {
        if let Some(&number) = self.numbers.get(name) {
            return number;
        }
        self.names.push(name.to_string());
        let number = self.names.len() as u32;
        self.numbers.insert(name.to_string(), number);
        number
    }

    /// The name of a number from [`Names::number`].
    pub fn name(&self, number: u32) -> Option<&str> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        self.names.get(index).map(String::as_str)
    }
}

/// The sources (publishers) of the stored documents, by number: what NumSources counts, looked up when a
/// report joins an event stored earlier (4 bytes a document).
#[derive(Default)]
pub(crate) struct Sources {
    names: Names,
    /// The source number of each document, by document key.
    by_document: Vec<u32>,
}

impl Sources {
    /// The number of a source (1 on), or 0 for none.
    pub fn number(&mut self, source: Option<&str>) -> u32 {
        source.map_or(0, |source| self.names.number(source))
    }

    /// Records the source number of document `key`.
    pub fn set(&mut self, key: i64, number: u32) -> Result<(), StoreError> {
        let index =
            usize::try_from(key).map_err(|_| StoreError::Corrupt(format!("document key {key}")))?;
        if index >= self.by_document.len() {
            self.by_document.resize(index + 1, 0);
        }
        self.by_document[index] = number;
        Ok(())
    }

    /// The source number of document `key` (0: none).
    pub fn of(&self, key: i64) -> u32 {
        usize::try_from(key)
            .ok()
            .and_then(|index| self.by_document.get(index))
            .copied()
            .unwrap_or(0)
    }
}

/// A document uid (32 hex digits) as a number.
pub(crate) fn parse_uid(uid: &str) -> Result<u128, StoreError> {
    u128::from_str_radix(uid, 16).map_err(|_| StoreError::Corrupt(format!("document uid {uid:?}")))
}

/// A hasher for keys that are hashes already (dedup keys, uids): it keeps their bits.
#[derive(Default)]
pub(crate) struct HashHasher(u64);

impl Hasher for HashHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_i64(&mut self, value: i64) {
        self.0 ^= value as u64;
    }

    fn write_u128(&mut self, value: u128) {
        self.0 ^= (value as u64) ^ ((value >> 64) as u64);
    }
}

/// A fast hasher (FxHash's word step) for the small keys ingest makes itself: numbers, row keys, country
/// and actor codes. (The standard SipHash was 4% of ingest's instructions.)
#[derive(Default)]
pub(crate) struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut word = [0; 8];
        let rest = chunks.remainder();
        word[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(word));
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_i64(&mut self, value: i64) {
        self.add(value as u64);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }
}

/// A hash map with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A row of `dyad_years_recent`: the epoch of the reports that made the changes, the year, and the two
/// actor codes (numbered by [`RecentYears`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct YearKey {
    pub epoch: i64,
    pub year: i64,
    actor1: u32,
    actor2: u32,
}

/// The counts of a row of `dyad_years_recent`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct YearSums {
    pub events: i64,
    pub goldstein: f64,
    pub quads: [i64; 4],
}

/// The rows of `dyad_years_recent` and which of them the batch in progress changed.
#[derive(Default)]
pub(crate) struct RecentYears {
    actors: Names,
    rows: FastMap<YearKey, YearSums>,
    touched: HashSet<YearKey, BuildHasherDefault<FastHasher>>,
}

impl RecentYears {
    /// The key of a row.
    pub fn key(&mut self, epoch: i64, year: i64, actor1: &str, actor2: &str) -> YearKey {
        YearKey {
            epoch,
            year,
            actor1: self.actors.number(actor1),
            actor2: self.actors.number(actor2),
        }
    }

    /// The two actor codes of a key.
    pub fn actors(&self, key: &YearKey) -> (&str, &str) {
        let code = |n: u32| self.actors.name(n).unwrap_or("");
        (code(key.actor1), code(key.actor2))
    }

    /// Adds a change to a row, as SQL's `INSERT ... ON CONFLICT DO UPDATE SET x = x + excluded.x` would:
    /// a new row takes the change as it is, an existing one adds it.
    pub fn add(&mut self, key: YearKey, change: YearSums) {
        match self.rows.entry(key) {
            std::collections::hash_map::Entry::Vacant(vacant) => {
                vacant.insert(change);
            }
            std::collections::hash_map::Entry::Occupied(mut occupied) => {
                let row = occupied.get_mut();
                row.events += change.events;
                row.goldstein += change.goldstein;
                for (sum, quad) in row.quads.iter_mut().zip(change.quads) {
                    *sum += quad;
                }
            }
        }
        self.touched.insert(key);
    }

    /// The rows the batch in progress changed, by epoch, year and actor numbers (cheaper to sort than the
    /// codes; the rows of a year are written together either way), and forgets that they were changed.
    pub fn take_touched(&mut self) -> Vec<(YearKey, YearSums)> {
        let mut touched: Vec<(YearKey, YearSums)> = self
            .touched
            .drain()
            .filter_map(|key| Some((key, *self.rows.get(&key)?)))
            .collect();
        touched.sort_unstable_by_key(|(key, _)| (key.epoch, key.year, key.actor1, key.actor2));
        touched
    }

    /// Forgets the rows of the epochs before `epoch` (folded into `dyad_years`).
    pub fn fold_before(&mut self, epoch: i64) {
        self.rows.retain(|key, _| key.epoch >= epoch);
    }
}

/// Day number of the start of an undated event (no real date is this far back).
const UNDATED: i32 = i32::MIN;

/// One event as deduplication sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The event's key.
    pub event: i64,
    /// First day (days since 1970-01-01), or [`UNDATED`].
    start: i32,
    /// Last day.
    end: i32,
    /// Rank of its precision (lower is more precise).
    pub rank: u8,
    /// Its place country: 0 for none, else its number from [`DedupIndex::country_number`].
    place: u32,
}

impl Entry {
    /// The date range, when dated.
    pub fn range(&self) -> Option<(i64, i64)> {
        (self.start != UNDATED).then_some((i64::from(self.start), i64::from(self.end)))
    }

    /// The same event with another range and precision rank.
    pub fn refined(&self, range: (i64, i64), rank: u8) -> Result<Entry, StoreError> {
        let day = |day: i64| {
            i32::try_from(day)
                .ok()
                .filter(|&d| d != UNDATED)
                .ok_or_else(|| StoreError::Corrupt(format!("day number {day}")))
        };
        Ok(Entry {
            start: day(range.0)?,
            end: day(range.1)?,
            rank,
            ..*self
        })
    }

    fn precise(&self) -> bool {
        self.start != UNDATED && i64::from(self.end) - i64::from(self.start) <= PRECISE_WIDTH
    }

    fn overlaps(&self, lo: i64, hi: i64) -> bool {
        self.start != UNDATED && i64::from(self.start) <= hi && i64::from(self.end) >= lo
    }
}

/// The events of one dedup key.
enum Slot {
    /// The common case: a key with one event.
    One(Entry),
    /// Several events.
    Many(Box<Many>),
}

/// Above this many precise events, a key keeps them in a tree rather than a sorted vector (whose inserts
/// move the entries after them).
const FEW: usize = 256;

/// The events of a key with several.
#[derive(Default)]
struct Many {
    /// Precise events by (start, event key), so that a report's window is a range.
    precise: Precise,
    /// Wider and undated events (few per key).
    other: Vec<Entry>,
}

/// Precise events in (start, event key) order.
enum Precise {
    /// Up to [`FEW`] of them, in a sorted vector.
    Few(Vec<Entry>),
    /// More.
    Tree(BTreeMap<(i32, i64), Entry>),
}

impl Default for Precise {
    fn default() -> Precise {
        Precise::Few(Vec::new())
    }
}

impl Many {
    fn insert(&mut self, entry: Entry) {
        if !entry.precise() {
            self.other.push(entry);
            return;
        }
        let key = (entry.start, entry.event);
        match &mut self.precise {
            Precise::Few(entries) if entries.len() < FEW => {
                let at = entries.partition_point(|e| (e.start, e.event) < key);
                entries.insert(at, entry);
            }
            Precise::Few(entries) => {
                let mut tree: BTreeMap<(i32, i64), Entry> =
                    entries.drain(..).map(|e| ((e.start, e.event), e)).collect();
                tree.insert(key, entry);
                self.precise = Precise::Tree(tree);
            }
            Precise::Tree(tree) => {
                tree.insert(key, entry);
            }
        }
    }

    fn remove(&mut self, entry: &Entry) {
        if !entry.precise() {
            self.other.retain(|e| e.event != entry.event);
            return;
        }
        let key = (entry.start, entry.event);
        match &mut self.precise {
            Precise::Few(entries) => {
                if let Ok(at) = entries.binary_search_by(|e| (e.start, e.event).cmp(&key)) {
                    entries.remove(at);
                }
            }
            Precise::Tree(tree) => {
                tree.remove(&key);
            }
        }
    }

    /// Adds to `found` the precise events that start from day `from` to day `to` and `fit`.
    fn precise_between(
        &self,
        from: i32,
        to: i32,
        found: &mut Vec<Entry>,
        fit: impl Fn(&Entry) -> bool,
    ) {
        match &self.precise {
            Precise::Few(entries) => {
                let first = entries.partition_point(|e| e.start < from);
                found.extend(
                    entries[first..]
                        .iter()
                        .take_while(|e| e.start <= to)
                        .filter(|e| fit(e)),
                );
            }
            Precise::Tree(tree) => found.extend(
                tree.range((from, i64::MIN)..=(to, i64::MAX))
                    .map(|(_, entry)| *entry)
                    .filter(|e| fit(e)),
            ),
        }
    }
}

/// The dedup index: events by dedup key.
#[derive(Default)]
pub(crate) struct DedupIndex {
    keys: HashMap<i64, Slot, BuildHasherDefault<HashHasher>>,
    /// Countries met so far (entries and country postings refer to them by number).
    places: Names,
}

impl DedupIndex {
    /// The entry of event `event` with this range, precision rank and place country.
    pub fn entry(
        &mut self,
        event: i64,
        range: Option<(i64, i64)>,
        rank: u8,
        place: Option<&str>,
    ) -> Result<Entry, StoreError> {
        let undated = Entry {
            event,
            start: UNDATED,
            end: UNDATED,
            rank,
            place: 0,
        };
        let place = place.map_or(0, |country| self.country_number(country));
        let entry = Entry { place, ..undated };
        match range {
            Some(range) => entry.refined(range, rank),
            None => Ok(entry),
        }
    }

    /// The place country of an entry.
    pub fn place(&self, entry: &Entry) -> Option<&str> {
        self.country(entry.place)
    }

    /// The number of a country code (1 on), given at its first use: place countries and country
    /// postings refer to countries by number.
    pub fn country_number(&mut self, country: &str) -> u32 {
        self.places.number(country)
    }

    /// The country code of a number from [`DedupIndex::country_number`].
    pub fn country(&self, number: u32) -> Option<&str> {
        self.places.name(number)
    }

    /// Adds an event under `key`.
    pub fn insert(&mut self, key: i64, entry: Entry) {
        match self.keys.entry(key) {
            std::collections::hash_map::Entry::Vacant(vacant) => {
                vacant.insert(Slot::One(entry));
            }
            std::collections::hash_map::Entry::Occupied(mut occupied) => {
                let slot = occupied.get_mut();
                if let Slot::One(first) = slot {
                    let mut many = Box::<Many>::default();
                    many.insert(*first);
                    *slot = Slot::Many(many);
                }
                if let Slot::Many(many) = slot {
                    many.insert(entry);
                }
            }
        }
    }

    /// Replaces the entry `old` of `key` (same event) by `new`.
    pub fn replace(&mut self, key: i64, old: &Entry, new: Entry) {
        match self.keys.get_mut(&key) {
            Some(Slot::One(entry)) if entry.event == old.event => *entry = new,
            Some(Slot::Many(many)) => {
                many.remove(old);
                many.insert(new);
            }
            _ => self.insert(key, new),
        }
    }

    /// The events of `key` a report may join: for a dated report, those whose range overlaps `lo..=hi`;
    /// for an undated one (`None`), the undated ones.
    pub fn candidates(&self, key: i64, window: Option<(i64, i64)>, found: &mut Vec<Entry>) {
        let fits = |entry: &Entry| match window {
            Some((lo, hi)) => entry.overlaps(lo, hi),
            None => entry.start == UNDATED,
        };
        match self.keys.get(&key) {
            Some(Slot::One(entry)) if fits(entry) => found.push(*entry),
            None | Some(Slot::One(_)) => {}
            Some(Slot::Many(many)) => {
                if let Some((lo, hi)) = window {
                    // A precise event overlapping the window starts at most PRECISE_WIDTH days before it.
                    let clamp =
                        |day: i64| day.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
                    many.precise_between(clamp(lo - PRECISE_WIDTH), clamp(hi), found, fits);
                }
                found.extend(many.other.iter().copied().filter(|entry| fits(entry)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(index: &DedupIndex, key: i64, window: Option<(i64, i64)>) -> Vec<i64> {
        let mut found = Vec::new();
        index.candidates(key, window, &mut found);
        let mut ids: Vec<i64> = found.iter().map(|e| e.event).collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn candidates_overlap_the_window() {
        let mut index = DedupIndex::default();
        let entries = [
            (1, Some((100, 100)), 0, None),
            (2, Some((90, 96)), 2, Some("QAT")),
            (3, Some((0, 364)), 5, None),
            (4, None, 7, None),
            (5, Some((200, 200)), 0, Some("EGY")),
        ];
        for (event, range, rank, place) in entries {
            let entry = index.entry(event, range, rank, place).expect("entry");
            index.insert(7, entry);
        }
        let lone = index.entry(9, Some((100, 101)), 1, None).expect("entry");
        index.insert(8, lone);
        assert_eq!(ids(&index, 7, Some((99, 101))), vec![1, 3]);
        assert_eq!(ids(&index, 7, Some((96, 97))), vec![2, 3]);
        assert_eq!(ids(&index, 7, Some((365, 400))), Vec::<i64>::new());
        assert_eq!(ids(&index, 7, None), vec![4]);
        assert_eq!(ids(&index, 8, Some((101, 101))), vec![9]);
        assert_eq!(ids(&index, 8, None), Vec::<i64>::new());
        assert_eq!(ids(&index, 6, Some((0, 1000))), Vec::<i64>::new());

        // A refined event moves: the year-wide event 3 becomes a day.
        let mut found = Vec::new();
        index.candidates(7, Some((0, 1)), &mut found);
        let old = found[0];
        let new = index.entry(3, Some((50, 50)), 0, None).expect("entry");
        index.replace(7, &old, new);
        assert_eq!(ids(&index, 7, Some((99, 101))), vec![1]);
        assert_eq!(ids(&index, 7, Some((49, 51))), vec![3]);
        let mut found = Vec::new();
        index.candidates(7, Some((200, 200)), &mut found);
        assert_eq!(index.place(&found[0]), Some("EGY"));
    }

    #[test]
    fn candidates_are_those_a_scan_finds() {
        // Keys with one, a few and many (over FEW) events of every kind, some refined, against a scan.
        let mut state: u64 = 7;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let mut index = DedupIndex::default();
        let mut all: Vec<(i64, Entry)> = Vec::new();
        for event in 0..2000 {
            let key = [1, 2, 3, 3, 3, 3, 3, 3][next(8) as usize] + i64::from(event % 3 == 0) * 10;
            let start = next(900) as i64;
            let range = match next(10) {
                0 => None,
                1 => Some((start, start + 30 + next(300) as i64)),
                _ => Some((start, start + next(8) as i64)),
            };
            let entry = index
                .entry(event, range, next(7) as u8, None)
                .expect("entry");
            index.insert(key, entry);
            all.push((key, entry));
        }
        for i in (0..all.len()).step_by(7) {
            let (key, old) = all[i];
            let start = next(900) as i64;
            let new = old
                .refined((start, start + next(3) as i64), 0)
                .expect("entry");
            index.replace(key, &old, new);
            all[i].1 = new;
        }
        for _ in 0..500 {
            let key = [1, 2, 3, 11, 13][next(5) as usize];
            let window = match next(6) {
                0 => None,
                _ => {
                    let lo = next(1000) as i64 - 50;
                    Some((lo, lo + next(10) as i64))
                }
            };
            let mut expected: Vec<i64> = all
                .iter()
                .filter(|(k, e)| {
                    *k == key
                        && match window {
                            Some((lo, hi)) => e.overlaps(lo, hi),
                            None => e.range().is_none(),
                        }
                })
                .map(|(_, e)| e.event)
                .collect();
            expected.sort_unstable();
            assert_eq!(ids(&index, key, window), expected, "key {key}, {window:?}");
        }
    }

    #[test]
    fn uids_parse() {
        assert_eq!(parse_uid("00000000000000000000000000000010").ok(), Some(16));
        assert!(parse_uid("not hex").is_err());
    }
}
