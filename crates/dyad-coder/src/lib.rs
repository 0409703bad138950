//! dyad-coder owns event coding: actor mentions in sentences (dictionary actors, composed country/agent
//! phrases, unknown names, pronouns and descriptions), document-level entity tracking, clause reading around
//! verb and noun triggers, pattern matching, event places (against the `dyad-geo` gazetteer), and the
//! CAMEO/PLOVER event record. It knows nothing about storage or output formats.

pub mod coder;
pub mod entities;
pub mod event;
pub mod mentions;
pub mod modality;
pub mod place;
mod signature;
pub mod time;
mod words;

pub use coder::{Coded, Coder, Scratch};
pub use event::Event;
