//! dyad-text owns the first half of dyad's pipeline: documents and their metadata, the readers that turn
//! files of every supported format into documents (with per-record errors instead of crashes), and the text
//! analysis every later stage annotates: units (body sentences, headline, dateline, captions, bylines, tag
//! and credit lines), tokens, part-of-speech tags and lemmas, all as byte spans into the original text.
//! It knows nothing about dictionaries or events.

pub mod analysis;
pub mod date;
pub mod document;
pub mod lexicon;
pub mod read;
pub mod segment;
pub mod tag;
pub mod token;
mod word_map;

pub use analysis::{Analysis, Analyzer};
pub use document::{Document, Origin};
pub use segment::UnitKind;
pub use tag::Upos;
pub use token::{Token, TokenKind};
