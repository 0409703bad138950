//! `phoenix`: rows of the Phoenix pipeline's daily event files (26 tab-separated columns, no header), one per
//! (actor, recipient) pair like the GDELT tables, with Phoenix's QuadClass variant and Goldstein table.

use crate::ExportRecord;
use crate::countries;
use crate::record::{actor_code_parts, decimal, yyyymmdd};
use dyad_coder::event::EventActor;
use dyad_ontology::{GoldsteinTable, QuadVariant, cameo_event};
use dyad_text::document::url_host;

/// Number of columns of a Phoenix row.
pub(crate) const COLUMNS: usize = 26;

/// Phoenix's actor roots besides countries.
const ROOT_ACTORS: &[&str] = &["IGO", "NGO", "IMG", "MNC"];
/// Phoenix's primary agents (the `*ActorRole` columns).
const AGENTS: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
];

/// Splits a CAMEO actor code into Phoenix's full code (without dyad's `---` placeholders), entity root (a
/// country or IGO/NGO/IMG/MNC), role (a primary agent right after the root, or opening a code without a root)
/// and attributes (the other 3-letter parts, `;`-joined).
pub(crate) fn actor_parts(code: Option<&str>) -> [String; 4] {
    let Some(code) = code.filter(|c| !c.is_empty()) else {
        return Default::default();
    };
    let parts = actor_code_parts(code);
    let mut rest = parts.as_slice();
    let mut root = "";
    if let Some((first, tail)) = rest.split_first()
        && (countries::is_country(first) || ROOT_ACTORS.contains(first))
    {
        root = first;
        rest = tail;
    }
    let mut role = "";
    if let Some((first, tail)) = rest.split_first()
        && AGENTS.contains(first)
    {
        role = first;
        rest = tail;
    }
    [
        parts.concat(),
        root.to_string(),
        role.to_string(),
        rest.join(";"),
    ]
}

/// One Phoenix row.
/// One Phoenix row.
pub(crate) fn phoenix_row(
    record: &ExportRecord,
    id: u64,
    actor: Option<&EventActor>,
    recipient: Option<&EventActor>,
) -> Vec<String> {
    let event = record.event;
    let doc = &record.doc;
    let mut cols: Vec<String> = Vec::with_capacity(COLUMNS);
    cols.push(format!("{id}_{}", env!("CARGO_PKG_VERSION")));
    match record.day() {
        Some(day) => {
            cols.push(yyyymmdd(day));
            cols.push(day.year().to_string());
            cols.push(format!("{:02}", day.month()));
            cols.push(format!("{:02}", day.day()));
        }
        None => cols.extend(std::iter::repeat_n(String::new(), 4)),
    }
    cols.extend(actor_parts(actor.and_then(|a| a.code.as_deref())));
    cols.extend(actor_parts(recipient.and_then(|a| a.code.as_deref())));
    cols.push(event.cameo.code.clone());
    cols.push(event.cameo.root.clone());
    let cameo = cameo_event(&event.cameo.code);
    cols.push(
        cameo
            .map_or(event.cameo.quad_class, |c| {
                c.quad(QuadVariant::Phoenix).code()
            })
            .to_string(),
    );
    cols.push(
        cameo
            .and_then(|c| c.goldstein_or_inherited(GoldsteinTable::Phoenix))
            .map_or(String::new(), |g| format!("{g:.1}")),
    );
    cols.push(String::new()); // Issues: dyad does not code issues.
    match &event.place {
        Some(place) => {
            cols.push(place.lat.map_or(String::new(), |lat| decimal(lat, 4)));
            cols.push(place.lon.map_or(String::new(), |lon| decimal(lon, 4)));
            cols.push(place.name.clone());
            // StateName: the place itself when it is a first-level division; a US city's state by its code.
            let state = if place.resolution == "admin1" {
                Some(place.name.as_str())
            } else if place.country.as_deref() == Some("USA") {
                place
                    .admin1
                    .as_deref()
                    .and_then(|a| a.strip_prefix("US."))
                    .and_then(countries::us_state_name)
            } else {
                None
            };
            cols.push(state.unwrap_or_default().to_string());
            cols.push(place.country.clone().unwrap_or_default());
        }
        None => cols.extend(std::iter::repeat_n(String::new(), 5)),
    }
    cols.push(format!("{}_{}", doc.id, event.sentence));
    cols.push(doc.url.unwrap_or_default().to_string());
    cols.push(
        doc.source
            .or_else(|| doc.url.and_then(url_host))
            .unwrap_or_default()
            .to_string(),
    );
    cols
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_split_into_root_role_and_attributes() {
        assert_eq!(actor_parts(Some("RUSGOV")), ["RUSGOV", "RUS", "GOV", ""]);
        assert_eq!(
            actor_parts(Some("PSEREBHMS")),
            ["PSEREBHMS", "PSE", "REB", "HMS"]
        );
        assert_eq!(
            actor_parts(Some("USAMILGOV")),
            ["USAMILGOV", "USA", "MIL", "GOV"]
        );
        assert_eq!(actor_parts(Some("IGOUNO")), ["IGOUNO", "IGO", "", "UNO"]);
        assert_eq!(actor_parts(Some("GOV")), ["GOV", "", "GOV", ""]);
        assert_eq!(actor_parts(Some("MEASHI")), ["MEASHI", "", "", "MEA;SHI"]);
        assert_eq!(actor_parts(Some("---COP")), ["COP", "", "COP", ""]);
        assert_eq!(actor_parts(None), ["", "", "", ""]);
    }
}
