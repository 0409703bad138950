//! A direct writer of dyad's event record as JSON, byte for byte what `serde_json` makes of [`Event`]'s
//! `Serialize` derive (same field order, same omitted fields, same number formats) at a fraction of the cost:
//! the keys are written as literals and strings are scanned eight bytes at a time for characters to
//! escape. `tests::matches_serde_json` holds the two together; a field added to the record must be added
//! here too, and that test fails until it is.

use dyad_coder::event::{
    Attribution, Cameo, Event, EventActor, EventDate, Evidence, Place, Plover, Rule,
};
use jiff::civil::Date;

/// Appends `event` as one JSON object (no newline) to `out`.
pub(crate) fn write_event(event: &Event, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"id\":");
    string(out, &event.id);
    out.extend_from_slice(b",\"doc_id\":");
    string(out, &event.doc_id);
    out.extend_from_slice(b",\"sentence\":");
    integer(out, event.sentence);
    out.extend_from_slice(b",\"published\":");
    optional_date(out, event.published);
    out.extend_from_slice(b",\"date\":");
    event_date(out, &event.date);
    if let Some(place) = &event.place {
        out.extend_from_slice(b",\"place\":");
        write_place(out, place);
    }
    out.extend_from_slice(b",\"actors\":");
    actors(out, &event.actors);
    out.extend_from_slice(b",\"recipients\":");
    actors(out, &event.recipients);
    out.extend_from_slice(b",\"cameo\":");
    cameo(out, &event.cameo);
    if let Some(plover) = &event.plover {
        out.extend_from_slice(b",\"plover\":");
        write_plover(out, plover);
    }
    out.extend_from_slice(b",\"evidence\":");
    evidence(out, &event.evidence);
    out.extend_from_slice(b",\"attribution\":");
    attribution(out, &event.attribution);
    out.extend_from_slice(b",\"rule\":");
    rule(out, &event.rule);
    out.extend_from_slice(b",\"modality\":");
    string(out, event.modality.as_str());
    out.extend_from_slice(b",\"confidence\":");
    float(out, event.confidence);
    out.push(b'}');
}

fn event_date(out: &mut Vec<u8>, date: &EventDate) {
    out.extend_from_slice(b"{\"date\":");
    optional_date(out, date.date);
    if let Some(end) = date.end {
        out.extend_from_slice(b",\"end\":");
        write_date(out, end);
    }
    out.extend_from_slice(b",\"precision\":");
    string(out, date.precision);
    if let Some(text) = &date.text {
        out.extend_from_slice(b",\"text\":");
        string(out, text);
    }
    if date.historical {
        out.extend_from_slice(b",\"historical\":true");
    }
    if date.future {
        out.extend_from_slice(b",\"future\":true");
    }
    out.push(b'}');
}

fn write_place(out: &mut Vec<u8>, place: &Place) {
    out.extend_from_slice(b"{\"text\":");
    string(out, &place.text);
    out.extend_from_slice(b",\"span\":");
    span(out, place.span);
    out.extend_from_slice(b",\"name\":");
    string(out, &place.name);
    if let Some(country) = &place.country {
        out.extend_from_slice(b",\"country\":");
        string(out, country);
    }
    if let Some(admin1) = &place.admin1 {
        out.extend_from_slice(b",\"admin1\":");
        string(out, admin1);
    }
    if let Some(lat) = place.lat {
        out.extend_from_slice(b",\"lat\":");
        float(out, lat);
    }
    if let Some(lon) = place.lon {
        out.extend_from_slice(b",\"lon\":");
        float(out, lon);
    }
    if let Some(id) = place.feature_id {
        out.extend_from_slice(b",\"feature_id\":");
        integer(out, id);
    }
    out.extend_from_slice(b",\"feature\":");
    string(out, &place.feature);
    out.extend_from_slice(b",\"resolution\":");
    string(out, &place.resolution);
    out.extend_from_slice(b",\"source\":");
    string(out, &place.source);
    out.push(b'}');
}

fn actors(out: &mut Vec<u8>, actors: &[EventActor]) {
    out.push(b'[');
    for (i, actor) in actors.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        actor_object(out, actor);
    }
    out.push(b']');
}

fn actor_object(out: &mut Vec<u8>, actor: &EventActor) {
    out.extend_from_slice(b"{\"text\":");
    string(out, &actor.text);
    out.extend_from_slice(b",\"name\":");
    string(out, &actor.name);
    if let Some(code) = &actor.code {
        out.extend_from_slice(b",\"code\":");
        string(out, code);
    }
    if let Some(country) = &actor.country {
        out.extend_from_slice(b",\"country\":");
        string(out, country);
    }
    if !actor.sectors.is_empty() {
        out.extend_from_slice(b",\"sectors\":");
        strings(out, &actor.sectors);
    }
    out.extend_from_slice(b",\"span\":");
    span(out, actor.span);
    out.extend_from_slice(b",\"entity\":");
    integer(out, actor.entity);
    out.push(b'}');
}

fn cameo(out: &mut Vec<u8>, cameo: &Cameo) {
    out.extend_from_slice(b"{\"code\":");
    string(out, &cameo.code);
    out.extend_from_slice(b",\"base\":");
    string(out, &cameo.base);
    out.extend_from_slice(b",\"root\":");
    string(out, &cameo.root);
    out.extend_from_slice(b",\"name\":");
    string(out, &cameo.name);
    if let Some(goldstein) = cameo.goldstein {
        out.extend_from_slice(b",\"goldstein\":");
        float(out, goldstein);
    }
    out.extend_from_slice(b",\"quad_class\":");
    integer(out, cameo.quad_class);
    out.extend_from_slice(b",\"quad_variant\":");
    string(out, cameo.quad_variant);
    out.extend_from_slice(b",\"goldstein_table\":");
    string(out, cameo.goldstein_table);
    out.push(b'}');
}

fn write_plover(out: &mut Vec<u8>, plover: &Plover) {
    out.extend_from_slice(b"{\"type\":");
    string(out, &plover.event_type);
    if let Some(mode) = &plover.mode {
        out.extend_from_slice(b",\"mode\":");
        string(out, mode);
    }
    if !plover.context.is_empty() {
        out.extend_from_slice(b",\"context\":");
        strings(out, &plover.context);
    }
    out.extend_from_slice(b",\"score\":");
    float(out, plover.score);
    if !plover.auxiliary.is_empty() {
        out.extend_from_slice(b",\"auxiliary\":");
        strings(out, &plover.auxiliary);
    }
    out.push(b'}');
}

fn evidence(out: &mut Vec<u8>, evidence: &Evidence) {
    out.extend_from_slice(b"{\"sentence\":");
    string(out, &evidence.sentence);
    out.extend_from_slice(b",\"sentence_span\":");
    span(out, evidence.sentence_span);
    out.extend_from_slice(b",\"trigger\":");
    span(out, evidence.trigger);
    out.extend_from_slice(b",\"source\":");
    spans(out, &evidence.source);
    out.extend_from_slice(b",\"target\":");
    spans(out, &evidence.target);
    out.push(b'}');
}

fn attribution(out: &mut Vec<u8>, attribution: &Attribution) {
    out.push(b'{');
    if let Some(speaker) = &attribution.speaker {
        out.extend_from_slice(b"\"speaker\":");
        actor_object(out, speaker);
        out.push(b',');
    }
    out.extend_from_slice(b"\"narrator\":");
    boolean(out, attribution.narrator);
    out.extend_from_slice(b",\"quoted\":");
    boolean(out, attribution.quoted);
    out.push(b'}');
}

fn rule(out: &mut Vec<u8>, rule: &Rule) {
    out.extend_from_slice(b"{\"pattern\":");
    string(out, &rule.pattern);
    out.extend_from_slice(b",\"source\":");
    string(out, &rule.source);
    out.extend_from_slice(b",\"construction\":");
    string(out, rule.construction);
    out.push(b'}');
}

fn strings<S: AsRef<str>>(out: &mut Vec<u8>, items: &[S]) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, item.as_ref());
    }
    out.push(b']');
}

fn span(out: &mut Vec<u8>, [start, end]: [u32; 2]) {
    out.push(b'[');
    integer(out, start);
    out.push(b',');
    integer(out, end);
    out.push(b']');
}

fn spans(out: &mut Vec<u8>, items: &[[u32; 2]]) {
    out.push(b'[');
    for (i, &item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        span(out, item);
    }
    out.push(b']');
}

fn boolean(out: &mut Vec<u8>, value: bool) {
    out.extend_from_slice(if value { b"true" } else { b"false" });
}

fn integer(out: &mut Vec<u8>, value: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// A number as `serde_json` writes an `f64`: the shortest representation that reads back exactly, `null`
/// for NaN and infinities.
fn float(out: &mut Vec<u8>, value: f64) {
    if value.is_finite() {
        out.extend_from_slice(zmij::Buffer::new().format_finite(value).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

fn optional_date(out: &mut Vec<u8>, date: Option<Date>) {
    match date {
        Some(date) => write_date(out, date),
        None => out.extend_from_slice(b"null"),
    }
}

/// A date as jiff writes it (ISO 8601, `YYYY-MM-DD` for years 0–9999), in quotes.
fn write_date(out: &mut Vec<u8>, date: Date) {
    let year = date.year();
    if !(0..=9999).contains(&year) {
        // Expanded years ("+010000") are rare enough for jiff's own formatting.
        string(out, &date.to_string());
        return;
    }
    let digits = |n: i16, width: usize| -> [u8; 4] {
        let mut buf = [b'0'; 4];
        let mut n = n.unsigned_abs();
        for slot in buf[..width].iter_mut().rev() {
            *slot = b'0' + (n % 10) as u8;
            n /= 10;
        }
        buf
    };
    out.push(b'"');
    out.extend_from_slice(&digits(year, 4));
    out.push(b'-');
    out.extend_from_slice(&digits(i16::from(date.month()), 2)[..2]);
    out.push(b'-');
    out.extend_from_slice(&digits(i16::from(date.day()), 2)[..2]);
    out.push(b'"');
}

/// Eight copies of a byte.
const fn repeat(byte: u8) -> u64 {
    0x0101_0101_0101_0101 * byte as u64
}

/// Whether any of the eight bytes of `word` must be escaped in a JSON string: a quote, a backslash or a
/// control character below 0x20. (The classic "has a byte less than n" and "has a zero byte" word tricks:
/// exact on whether some byte matches.)
fn needs_escape(word: u64) -> bool {
    const HIGH: u64 = repeat(0x80);
    let below_space = word.wrapping_sub(repeat(0x20)) & !word & HIGH;
    let zero = |w: u64| w.wrapping_sub(repeat(1)) & !w & HIGH;
    let quote = zero(word ^ repeat(b'"'));
    let backslash = zero(word ^ repeat(b'\\'));
    below_space | quote | backslash != 0
}

/// The escape sequence `serde_json` writes for a byte, if it needs one.
fn escape(byte: u8) -> Option<&'static [u8]> {
    const CONTROL: [&[u8]; 32] = [
        b"\\u0000", b"\\u0001", b"\\u0002", b"\\u0003", b"\\u0004", b"\\u0005", b"\\u0006",
        b"\\u0007", b"\\b", b"\\t", b"\\n", b"\\u000b", b"\\f", b"\\r", b"\\u000e", b"\\u000f",
        b"\\u0010", b"\\u0011", b"\\u0012", b"\\u0013", b"\\u0014", b"\\u0015", b"\\u0016",
        b"\\u0017", b"\\u0018", b"\\u0019", b"\\u001a", b"\\u001b", b"\\u001c", b"\\u001d",
        b"\\u001e", b"\\u001f",
    ];
    match byte {
        b'"' => Some(b"\\\""),
        b'\\' => Some(b"\\\\"),
        0..0x20 => Some(CONTROL[byte as usize]),
        _ => None,
    }
}

/// A JSON string: `text` in quotes, escaped.
fn string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let bytes = text.as_bytes();
    // `copied`: bytes up to here are already in `out`.
    let mut copied = 0;
    let mut at = 0;
    while let Some(chunk) = bytes[at..].first_chunk::<8>() {
        if needs_escape(u64::from_le_bytes(*chunk)) {
            for (k, &byte) in chunk.iter().enumerate() {
                if let Some(sequence) = escape(byte) {
                    out.extend_from_slice(&bytes[copied..at + k]);
                    out.extend_from_slice(sequence);
                    copied = at + k + 1;
                }
            }
        }
        at += 8;
    }
    for (k, &byte) in bytes[at..].iter().enumerate() {
        if let Some(sequence) = escape(byte) {
            out.extend_from_slice(&bytes[copied..at + k]);
            out.extend_from_slice(sequence);
            copied = at + k + 1;
        }
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_coder::modality::Modality;

    fn actor(text: &str, full: bool) -> EventActor {
        EventActor {
            text: text.to_string(),
            name: format!("{text} \"the\" name\\"),
            code: full.then(|| "RUSGOV".to_string()),
            country: full.then(|| "RUS".to_string()),
            sectors: if full {
                vec!["GOV".to_string(), "ELI".to_string()]
            } else {
                Vec::new()
            },
            span: [3, 4_000_000_000],
            entity: 7,
        }
    }

    fn event(full: bool) -> Event {
        let date = |y, m, d| Date::new(y, m, d).ok();
        Event {
            id: "doc\u{1}:1:0".to_string(),
            doc_id: "d\u{7f}é\u{1F600}".to_string(),
            sentence: 12,
            published: if full { date(2015, 8, 4) } else { None },
            date: EventDate {
                date: if full { date(9, 1, 31) } else { date(-20, 3, 1) },
                end: if full { date(12_000, 12, 1) } else { None },
                precision: "day",
                text: full.then(|| "on\tMonday\r\n\u{c}\u{8}".to_string()),
                historical: full,
                future: full,
            },
            place: full.then(|| Place {
                text: "the Qatari capital".to_string(),
                span: [1, 2],
                name: "Doha".to_string(),
                country: Some("QAT".to_string()),
                admin1: Some("QA.01".to_string()),
                lat: Some(25.28545),
                lon: Some(-51.531_04),
                feature_id: Some(290_030),
                feature: "city".to_string(),
                resolution: "city".to_string(),
                source: "clause".to_string(),
            }),
            actors: if full {
                vec![actor("Lavrov", true), actor("he", false)]
            } else {
                Vec::new()
            },
            recipients: vec![actor("Hamas", full)],
            cameo: Cameo {
                code: "036".to_string(),
                base: "036".to_string(),
                root: "03".to_string(),
                name: "Express intent to meet or negotiate".to_string(),
                goldstein: if full { Some(4.0) } else { None },
                quad_class: 1,
                quad_variant: "gdelt",
                goldstein_table: "gdelt",
            },
            plover: full.then(|| Plover {
                event_type: "AGREE".to_string(),
                mode: Some("meet".to_string()),
                context: vec!["diplomatic".to_string()],
                score: -7.5,
                auxiliary: vec!["future", "negation"],
            }),
            evidence: Evidence {
                sentence: "A \"quoted\" sentence\\ with a line\nbreak and — dashes, long enough to be scanned \
                           in several eight-byte words."
                    .to_string(),
                sentence_span: [0, 120],
                trigger: [5, 9],
                source: if full { vec![[0, 4], [10, 12]] } else { Vec::new() },
                target: vec![[20, 25]],
            },
            attribution: Attribution {
                speaker: full.then(|| actor("a Hamas official", true)),
                narrator: !full,
                quoted: full,
            },
            rule: Rule {
                pattern: "verb: invite - * [036] for talks".to_string(),
                source: "builtin:actions.txt:12".to_string(),
                construction: "active",
            },
            modality: if full {
                Modality::Intent
            } else {
                Modality::Asserted
            },
            confidence: if full { f64::NAN } else { 0.35 },
        }
    }

    /// Every field, present and absent, with strings that need escaping and numbers of every kind.
    #[test]
    fn matches_serde_json() {
        for full in [true, false] {
            let event = event(full);
            let mut ours = Vec::new();
            write_event(&event, &mut ours);
            let theirs = serde_json::to_vec(&event).expect("the event serializes");
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs)
            );
        }
    }

    /// Every byte value at every position of an eight-byte word is escaped as serde_json escapes it.
    #[test]
    fn strings_escape_like_serde_json() {
        for byte in 0u8..0x80 {
            for position in 0..10 {
                let mut text = "abcdefghij".to_string();
                text.replace_range(position..position + 1, &char::from(byte).to_string());
                let mut ours = Vec::new();
                string(&mut ours, &text);
                let theirs = serde_json::to_vec(&text).expect("a string serializes");
                assert_eq!(ours, theirs, "byte {byte:#x} at {position}");
            }
        }
    }
}
