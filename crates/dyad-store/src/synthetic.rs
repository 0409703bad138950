//! Synthetic coded documents for benchmarks and tests: deterministic for a seed, with a skewed actor
//! distribution (a few actors in most events, as in real news), dates over ten years, repeated reports of
//! earlier happenings (so deduplication has work to do) and historical references.

use crate::CodedDocument;
use dyad_coder::Event;
use dyad_coder::event::{Attribution, Cameo, EventActor, EventDate, Evidence, Plover, Rule};
use dyad_coder::modality::Modality;
use dyad_ontology::{CameoEvent, GoldsteinTable, QuadVariant, cameo_events};
use dyad_text::Document;
use dyad_text::document::Origin;
use jiff::civil::{Date, date};

/// Agent codes combined with countries to make actor codes.
const AGENTS: &[(&str, &str)] = &[
    ("GOV", "government"),
    ("MIL", "military"),
    ("COP", "police"),
    ("OPP", "opposition"),
    ("REB", "rebels"),
    ("BUS", "business"),
    ("MED", "media"),
    ("CVL", "civilians"),
];

/// Country codes (ISO 3166-1 alpha-3) of the synthetic world.
const COUNTRIES: &[&str] = &[
    "USA", "RUS", "CHN", "GBR", "FRA", "DEU", "UKR", "SYR", "IRN", "IRQ", "ISR", "PSE", "TUR",
    "EGY", "SAU", "QAT", "ARE", "JOR", "LBN", "YEM", "AFG", "PAK", "IND", "BGD", "LKA", "MMR",
    "THA", "VNM", "PHL", "IDN", "MYS", "KOR", "PRK", "JPN", "TWN", "AUS", "NZL", "CAN", "MEX",
    "BRA", "ARG", "COL", "VEN", "CUB", "PER", "CHL", "NGA", "ETH", "KEN", "SOM", "SDN", "SSD",
    "LBY", "TUN", "DZA", "MAR", "MLI", "NER", "TCD", "CAF", "COD", "ZAF", "ZWE", "UGA", "RWA",
    "POL", "HUN", "ROU", "SRB", "BIH", "GRC", "ITA", "ESP", "PRT", "NLD", "BEL", "SWE", "NOR",
    "FIN", "DNK", "AUT", "CHE", "BLR", "GEO", "ARM", "AZE", "KAZ", "UZB",
];

/// SplitMix64: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// Skewed towards 0: index `n * u³`.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64) * u * u * u) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// An actor of the synthetic world.
struct Actor {
    code: String,
    name: String,
    country: String,
}

/// A happening reported by one or more documents.
#[derive(Clone, Copy)]
struct Happening {
    actor1: usize,
    actor2: usize,
    code: usize,
    day: Date,
}

/// Generates synthetic coded documents.
pub struct Generator {
    rng: Rng,
    actors: Vec<Actor>,
    codes: Vec<&'static CameoEvent>,
    first_day: Date,
    days: i64,
    recent: Vec<Happening>,
    documents: u64,
}

const RECENT: usize = 4096;

impl Generator {
    /// A generator for `seed`; documents are published between 2015-01-01 and 2024-12-31.
    pub fn new(seed: u64) -> Generator {
        let mut actors = Vec::new();
        for country in COUNTRIES {
            for (agent, name) in AGENTS {
                actors.push(Actor {
                    code: format!("{country}{agent}"),
                    name: format!("{country} {name}"),
                    country: (*country).to_string(),
                });
            }
        }
        let mut rng = Rng(seed);
        // Shuffle so the skewed pick does not favour alphabetical order.
        for i in (1..actors.len()).rev() {
            let j = rng.below(i + 1);
            actors.swap(i, j);
        }
        let codes: Vec<&'static CameoEvent> = cameo_events().filter(|c| c.level() >= 3).collect();
        let first_day = date(2015, 1, 1);
        Generator {
            rng,
            actors,
            codes,
            first_day,
            days: (date(2024, 12, 31) - first_day).get_days() as i64 + 1,
            recent: Vec::with_capacity(RECENT),
            documents: 0,
        }
    }

    fn day(&mut self) -> Date {
        let offset = self.rng.below(self.days as usize) as i64;
        self.first_day
            .checked_add(jiff::Span::new().days(offset))
            .unwrap_or(self.first_day)
    }

    fn happening(&mut self, published: Date) -> Happening {
        if !self.recent.is_empty() && self.rng.chance(25) {
            let pick = self.rng.below(self.recent.len());
            return self.recent[pick];
        }
        let actor1 = self.rng.skewed(self.actors.len());
        let mut actor2 = self.rng.skewed(self.actors.len());
        if actor2 == actor1 {
            actor2 = (actor2 + 1) % self.actors.len();
        }
        let day = if self.rng.chance(60) {
            published.yesterday().unwrap_or(published)
        } else {
            published
        };
        let happening = Happening {
            actor1,
            actor2,
            code: self.rng.skewed(self.codes.len()),
            day,
        };
        if self.recent.len() < RECENT {
            self.recent.push(happening);
        } else {
            let slot = self.rng.below(RECENT);
            self.recent[slot] = happening;
        }
        happening
    }

    /// The next document and its event records.
    pub fn document(&mut self) -> (Document, Vec<Event>) {
        self.documents += 1;
        let published = self.day();
        let id = format!("synthetic-{}", self.documents);
        let count = 1 + self.rng.below(6);
        let mut text = String::new();
        let mut events = Vec::with_capacity(count);
        for sentence in 0..count {
            let happening = self.happening(published);
            let historical = self.rng.chance(5);
            let start = text.len() as u32;
            let actor1 = &self.actors[happening.actor1];
            let actor2 = &self.actors[happening.actor2];
            let info = self.codes[happening.code];
            let year = happening.day.year() - 5;
            text.push_str(&actor1.name);
            let a1 = [start, text.len() as u32];
            text.push(' ');
            let trigger_start = text.len() as u32;
            text.push_str(&info.name().to_lowercase());
            let trigger = [trigger_start, text.len() as u32];
            text.push(' ');
            let a2_start = text.len() as u32;
            text.push_str(&actor2.name);
            let a2 = [a2_start, text.len() as u32];
            if historical {
                text.push_str(&format!(" in {year}"));
            }
            text.push('.');
            let end = text.len() as u32;
            let sentence_text = text[start as usize..end as usize].to_string();
            text.push(' ');
            let date = if historical {
                EventDate {
                    date: Some(date(year, 1, 1)),
                    end: Some(date(year, 12, 31)),
                    precision: "year",
                    text: Some(format!("in {year}")),
                    historical: true,
                    future: false,
                }
            } else if happening.day == published {
                EventDate {
                    date: Some(published),
                    end: None,
                    precision: "publication",
                    text: None,
                    historical: false,
                    future: false,
                }
            } else {
                EventDate {
                    date: Some(happening.day),
                    end: None,
                    precision: "day",
                    text: Some("yesterday".to_string()),
                    historical: false,
                    future: false,
                }
            };
            let mapping = info.plover();
            events.push(Event {
                id: format!("{id}:{sentence}:0"),
                doc_id: id.clone(),
                sentence: sentence as u32,
                published: Some(published),
                date,
                place: None,
                actors: vec![synthetic_actor(actor1, a1, 0)],
                recipients: vec![synthetic_actor(actor2, a2, 1)],
                cameo: Cameo {
                    code: info.code().to_string(),
                    base: info.code().chars().take(3).collect(),
                    root: info.root().to_string(),
                    name: info.name().to_string(),
                    goldstein: info.goldstein_or_inherited(GoldsteinTable::Gdelt),
                    quad_class: info.quad(QuadVariant::Gdelt).code(),
                    quad_variant: QuadVariant::Gdelt.as_str(),
                    goldstein_table: GoldsteinTable::Gdelt.as_str(),
                },
                plover: mapping.map(|m| Plover {
                    event_type: m.event().as_str().to_string(),
                    mode: m.mode().map(|mode| mode.name().to_string()),
                    context: Vec::new(),
                    score: m.score(),
                    auxiliary: if historical {
                        vec!["historical"]
                    } else {
                        Vec::new()
                    },
                }),
                evidence: Evidence {
                    sentence: sentence_text,
                    sentence_span: [start, end],
                    trigger,
                    source: vec![a1],
                    target: vec![a2],
                },
                attribution: Attribution {
                    speaker: None,
                    narrator: true,
                    quoted: false,
                },
                rule: Rule {
                    pattern: "synthetic".to_string(),
                    source: "synthetic:0".to_string(),
                    construction: "active",
                },
                modality: if self.rng.chance(3) {
                    Modality::Negated
                } else {
                    Modality::Asserted
                },
                confidence: 0.9,
            });
        }
        let document = Document {
            id,
            title: None,
            text,
            date: Some(published),
            url: None,
            source: Some(format!("source-{}", self.rng.skewed(50))),
            origin: Origin {
                path: "synthetic".to_string(),
                record: Some(self.documents),
            },
        };
        (document, events)
    }
}

fn synthetic_actor(actor: &Actor, span: [u32; 2], entity: u32) -> EventActor {
    EventActor {
        text: actor.name.clone(),
        name: actor.name.clone(),
        code: Some(actor.code.clone()),
        country: Some(actor.country.clone()),
        sectors: vec![actor.code[3..].to_string()],
        span,
        entity,
    }
}

/// Generated documents as a batch for [`crate::Store::ingest`]: one sentence per event.
pub fn coded(docs: &[(Document, Vec<Event>)]) -> Vec<CodedDocument<'_>> {
    docs.iter()
        .map(|(doc, events)| CodedDocument {
            doc,
            sentences: events.len() as u32,
            events,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_documents() {
        let (mut a, mut b) = (Generator::new(7), Generator::new(7));
        for _ in 0..50 {
            let (doc_a, events_a) = a.document();
            let (doc_b, events_b) = b.document();
            assert_eq!(doc_a.text, doc_b.text);
            assert_eq!(events_a, events_b);
            for event in &events_a {
                let [start, end] = event.evidence.sentence_span;
                assert_eq!(
                    &doc_a.text[start as usize..end as usize],
                    event.evidence.sentence
                );
            }
        }
    }
}
