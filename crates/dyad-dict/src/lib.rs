//! dyad-dict owns what dyad knows about actors and actions: the dictionary model, the readers for dyad's
//! own format and for PETRARCH/TABARI dictionaries, the built-in dictionaries, and their compilation into
//! token-aligned matchers with date-restricted codes. It knows nothing about how sentences are coded.

pub mod compile;
pub mod format;
pub mod model;

pub use compile::{Compiled, Hit, HitKind};
pub use model::DictionarySet;
pub mod load;
pub mod petrarch;
pub mod phrase;
pub mod text;
