//! What a writer is given: an event, its document's metadata, and the figures of its deduplicated event; and
//! helpers the formats share (dates, trigger text, the dyads of an event).

use dyad_coder::Event;
use dyad_coder::event::EventActor;
use jiff::civil::Date;

/// Metadata of the document an event was coded from.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DocMeta<'a> {
    /// Document id.
    pub id: &'a str,
    /// Canonical URL, when known.
    pub url: Option<&'a str>,
    /// Headline, when known.
    pub title: Option<&'a str>,
    /// Publisher or feed name, when known.
    pub source: Option<&'a str>,
    /// Publication date, when known.
    pub published: Option<Date>,
    /// Length of the document text in bytes (GDELT's `MentionDocLen`), when known.
    pub length: Option<u32>,
}

/// Deduplication figures of the event a record belongs to, with GDELT's semantics; `None` when coding
/// without a store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cluster {
    /// The deduplicated event's id (GDELT's `GLOBALEVENTID`).
    pub global_event_id: u64,
    /// Mentions of the event, across all documents.
    pub num_mentions: u32,
    /// Distinct sources (publishers) that mention it.
    pub num_sources: u32,
    /// Distinct documents that mention it.
    pub num_articles: u32,
    /// When the event was first seen (`YYYYMMDDHHMMSS`), GDELT's `DATEADDED`.
    pub first_added: Option<String>,
}

/// One record to write: an event mention, its document and, from a store, its deduplicated event.
#[derive(Debug, Clone)]
pub struct ExportRecord<'a> {
    /// The coded event.
    pub event: &'a Event,
    /// The document it was coded from.
    pub doc: DocMeta<'a>,
    /// The deduplicated event it belongs to; with a cluster the event-level formats (GDELT events and
    /// mentions, Phoenix) write one row for the record instead of one per (actor, recipient) pair.
    pub cluster: Option<Cluster>,
}

impl ExportRecord<'_> {
    /// The day the event happened: its resolved date, else the publication date.
    pub(crate) fn day(&self) -> Option<Date> {
        self.event
            .date
            .date
            .or(self.event.published)
            .or(self.doc.published)
    }

    /// The text of the trigger, cut from the evidence sentence.
    pub(crate) fn trigger_text(&self) -> Option<&str> {
        let evidence = &self.event.evidence;
        let start = evidence.trigger[0].checked_sub(evidence.sentence_span[0])?;
        let end = evidence.trigger[1].checked_sub(evidence.sentence_span[0])?;
        evidence.sentence.get(start as usize..end as usize)
    }

    /// The (actor, recipient) pairs the event-level formats write a row for. Without a cluster: every actor
    /// with every recipient of another entity (symmetric events give both directions; a missing side is
    /// `None`). With a cluster: the first such pair only, since the caller passes one record per event.
    pub(crate) fn dyads(&self) -> Vec<(Option<&EventActor>, Option<&EventActor>)> {
        let actors = optional_sides(&self.event.actors);
        let recipients = optional_sides(&self.event.recipients);
        let mut pairs = Vec::new();
        for actor in &actors {
            for recipient in &recipients {
                let same_entity =
                    matches!((actor, recipient), (Some(a), Some(r)) if a.entity == r.entity);
                if !same_entity {
                    pairs.push((*actor, *recipient));
                }
            }
        }
        if pairs.is_empty() {
            // Every recipient is the actor itself ("Maduro ... Maduro"): the event still gets its row, with
            // the recipient side empty, rather than vanishing from the table.
            pairs.push((actors[0], None));
        }
        if self.cluster.is_some() {
            pairs.truncate(1);
        }
        pairs
    }
}

/// The actors of one side as options: `[None]` when the side is empty, so that the event still gets a row.
fn optional_sides(actors: &[EventActor]) -> Vec<Option<&EventActor>> {
    if actors.is_empty() {
        vec![None]
    } else {
        actors.iter().map(Some).collect()
    }
}

/// Hands out event ids: the cluster's when there is one, else a running count from 1 (per writer, so the
/// GDELT events and mentions files of one run join on it).
#[derive(Debug, Default)]
pub(crate) struct EventIds {
    last: u64,
}

impl EventIds {
    /// The id of the next row.
    pub(crate) fn next(&mut self, cluster: Option<&Cluster>) -> u64 {
        match cluster {
            Some(cluster) => cluster.global_event_id,
            None => {
                self.last += 1;
                self.last
            }
        }
    }
}

/// The 3-letter parts of a CAMEO actor code ("PSEREBHMS" → PSE, REB, HMS) without dyad's `---` placeholder for
/// an unknown country ("---GOV" → GOV); a code that is not made of 3-letter parts stays whole.
pub(crate) fn actor_code_parts(code: &str) -> Vec<&str> {
    if !code.is_ascii() || code.len() % 3 != 0 {
        return vec![code];
    }
    (0..code.len())
        .step_by(3)
        .map(|start| &code[start..start + 3])
        .filter(|part| *part != "---")
        .collect()
}

/// `YYYYMMDD`.
pub(crate) fn yyyymmdd(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// A number with at most `places` decimals and no trailing zeros ("60", "-0.1167").
pub(crate) fn decimal(value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    if !text.contains('.') {
        return text;
    }
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_split_into_parts_without_placeholders() {
        assert_eq!(actor_code_parts("PSEREBHMS"), ["PSE", "REB", "HMS"]);
        assert_eq!(actor_code_parts("---GOV"), ["GOV"]);
        assert_eq!(actor_code_parts("NGO---"), ["NGO"]);
        assert_eq!(actor_code_parts("ABCD"), ["ABCD"]);
    }

    #[test]
    fn decimals_drop_trailing_zeros() {
        assert_eq!(decimal(60.0, 4), "60");
        assert_eq!(decimal(-0.116667, 4), "-0.1167");
        assert_eq!(decimal(25.5, 4), "25.5");
        assert_eq!(decimal(-0.00001, 4), "0");
    }
}
