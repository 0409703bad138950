//! The crate's error type.

/// An error from parsing a name or code of the ontology.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The text is not a known name of the given kind (e.g. `PLOVER event type`).
    #[error("unknown {kind}: {name:?}")]
    Unknown {
        /// What was being parsed.
        kind: &'static str,
        /// The text that was not recognised.
        name: String,
    },
}
