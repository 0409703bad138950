//! `gdelt-events` and `gdelt-mentions`: rows of GDELT 2.0's event table (61 columns) and mentions table
//! (16 columns), tab-separated, no header, values shaped like GDELT's own files.
//!
//! Without a cluster each (actor, recipient) pair of an event is a row with its own running GlobalEventID, in
//! both tables alike, so the two files of one run join on it. With a cluster the caller passes one record per
//! deduplicated event (events table) or per mention (mentions table) and each record is one row with the
//! cluster's id and figures.

use crate::ExportRecord;
use crate::countries;
use crate::record::{actor_code_parts, decimal, yyyymmdd};
use dyad_coder::event::{EventActor, Place};
use dyad_text::document::url_host;

/// Number of columns of a GDELT 2.0 event row.
pub(crate) const EVENT_COLUMNS: usize = 61;
/// Number of columns of a GDELT 2.0 mentions row.
pub(crate) const MENTION_COLUMNS: usize = 16;

/// The 10 actor columns: code (without dyad's `---` placeholder: "---GOV" is GOV, as in GDELT), name (upper
/// case, as GDELT), country, known group, ethnic, religion 1 and 2
/// (empty: dyad does not code them separately), and three type (sector) codes.
fn actor_columns(actor: Option<&EventActor>, cols: &mut Vec<String>) {
    let Some(actor) = actor else {
        cols.extend(std::iter::repeat_n(String::new(), 10));
        return;
    };
    cols.push(
        actor
            .code
            .as_deref()
            .map_or(String::new(), |code| actor_code_parts(code).concat()),
    );
    cols.push(actor.name.to_uppercase());
    cols.push(actor.country.clone().unwrap_or_default());
    cols.extend(std::iter::repeat_n(String::new(), 4));
    for k in 0..3 {
        cols.push(actor.sectors.get(k).cloned().unwrap_or_default());
    }
}

/// One event table row.
/// One GDELT 2.0 event table row.
pub(crate) fn event_row(
    record: &ExportRecord,
    id: u64,
    actor: Option<&EventActor>,
    recipient: Option<&EventActor>,
    coded_at: &str,
) -> Vec<String> {
    let event = record.event;
    let mut cols: Vec<String> = Vec::with_capacity(EVENT_COLUMNS);
    cols.push(id.to_string());
    match record.day() {
        Some(day) => {
            cols.push(yyyymmdd(day));
            cols.push(format!("{:04}{:02}", day.year(), day.month()));
            cols.push(day.year().to_string());
            // GDELT's FractionDate: year + (day of year - 1) / 365, 4 decimals.
            cols.push(format!(
                "{:.4}",
                f64::from(day.year()) + f64::from(day.day_of_year() - 1) / 365.0
            ));
        }
        None => cols.extend(std::iter::repeat_n(String::new(), 4)),
    }
    actor_columns(actor, &mut cols);
    actor_columns(recipient, &mut cols);
    // IsRootEvent: GDELT marks events of the lead paragraph; dyad takes the first two units (headline, lead).
    cols.push(u8::from(event.sentence <= 1).to_string());
    cols.push(event.cameo.code.clone());
    cols.push(event.cameo.base.clone());
    cols.push(event.cameo.root.clone());
    cols.push(event.cameo.quad_class.to_string());
    cols.push(
        event
            .cameo
            .goldstein
            .map_or(String::new(), |g| format!("{g:.1}")),
    );
    match &record.cluster {
        Some(cluster) => {
            cols.push(cluster.num_mentions.to_string());
            cols.push(cluster.num_sources.to_string());
            cols.push(cluster.num_articles.to_string());
        }
        None => cols.extend(["1", "1", "1"].map(String::from)),
    }
    cols.push("0".to_string()); // AvgTone: dyad does not score tone.
    // Actor1Geo and Actor2Geo: dyad locates the event, not its actors, so both stay empty (type 0).
    cols.extend(geo_columns(None));
    cols.extend(geo_columns(None));
    cols.extend(geo_columns(event.place.as_ref()));
    cols.push(date_added(record, coded_at).to_string());
    cols.push(record.doc.url.unwrap_or(record.doc.id).to_string());
    cols
}

/// DATEADDED / EventTimeDate: when the event was first seen (the cluster's), else the coding time.
fn date_added<'a>(record: &'a ExportRecord, coded_at: &'a str) -> &'a str {
    record
        .cluster
        .as_ref()
        .and_then(|c| c.first_added.as_deref())
        .unwrap_or(coded_at)
}

/// The 8 geography columns of a place (Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long,
/// FeatureID), GDELT style: Type 1 country, 2 US state, 3 US city, 4 world city, 5 world state (admin1);
/// country and ADM1 codes in FIPS 10-4; no place gives Type 0 and empty fields.
pub(crate) fn geo_columns(place: Option<&Place>) -> [String; 8] {
    let Some(place) = place else {
        let mut empty: [String; 8] = Default::default();
        empty[0] = "0".to_string();
        return empty;
    };
    let country = place.country.as_deref().and_then(countries::country);
    let fips = country.map_or("", |c| c.fips);
    let country_name = country.map(|c| c.name);
    let is_us = place.country.as_deref() == Some("USA");
    // GeoNames admin1 codes come as "ISO2.code" ("US.PA", "RU.48"); GDELT's ADM1Code is FIPS country + code.
    let admin_code = place
        .admin1
        .as_deref()
        .map(|a| a.split_once('.').map_or(a, |(_, code)| code))
        .filter(|code| !code.is_empty());
    let adm1 = match admin_code {
        Some(code) => format!("{fips}{code}"),
        None => fips.to_string(),
    };
    let state_name = admin_code
        .filter(|_| is_us)
        .and_then(countries::us_state_name);
    let feature_id = place.feature_id.map_or(String::new(), |id| id.to_string());
    let (geo_type, full_name, feature) = match place.resolution.as_str() {
        "country" => (
            1,
            country_name.unwrap_or(&place.name).to_string(),
            fips.to_string(),
        ),
        "admin1" if is_us => (
            2,
            full_name(&[state_name.unwrap_or(&place.name)], country_name),
            admin_code.unwrap_or_default().to_string(),
        ),
        "admin1" => (5, full_name(&[&place.name], country_name), feature_id),
        _ if is_us => {
            let mut parts = vec![place.name.as_str()];
            parts.extend(state_name);
            (3, full_name(&parts, country_name), feature_id)
        }
        _ => (4, full_name(&[&place.name], country_name), feature_id),
    };
    [
        geo_type.to_string(),
        full_name,
        fips.to_string(),
        adm1,
        String::new(), // ADM2Code: dyad's gazetteer stops at admin1.
        place.lat.map_or(String::new(), |lat| decimal(lat, 4)),
        place.lon.map_or(String::new(), |lon| decimal(lon, 4)),
        feature,
    ]
}

/// "Name, Admin1, Country", leaving out what is unknown or repeated.
fn full_name(parts: &[&str], country: Option<&str>) -> String {
    let mut names: Vec<&str> = Vec::new();
    for part in parts.iter().copied().chain(country) {
        if !part.is_empty() && !names.contains(&part) {
            names.push(part);
        }
    }
    names.join(", ")
}

/// One mentions table row.
/// One GDELT 2.0 mentions table row.
pub(crate) fn mention_row(
    record: &ExportRecord,
    id: u64,
    actor: Option<&EventActor>,
    recipient: Option<&EventActor>,
    coded_at: &str,
) -> Vec<String> {
    let event = record.event;
    let doc = &record.doc;
    let offset = |actor: Option<&EventActor>| actor.map_or(-1, |a| i64::from(a.span[0]));
    let source_name = doc.source.or_else(|| doc.url.and_then(url_host));
    let confidence = (event.confidence * 100.0).round().clamp(0.0, 100.0) as u8;
    vec![
        id.to_string(),
        date_added(record, coded_at).to_string(),
        coded_at.to_string(),
        "1".to_string(), // MentionType: 1 = web
        source_name.unwrap_or_default().to_string(),
        doc.url.unwrap_or(doc.id).to_string(),
        (event.sentence + 1).to_string(),
        offset(actor).to_string(),
        offset(recipient).to_string(),
        event.evidence.trigger[0].to_string(),
        "1".to_string(), // InRawText: dyad codes the text as written
        confidence.to_string(),
        doc.length.map_or(String::new(), |len| len.to_string()),
        "0".to_string(), // MentionDocTone
        String::new(),   // MentionDocTranslationInfo
        String::new(),   // Extras
    ]
}
