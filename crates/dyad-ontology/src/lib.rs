//! The event and actor ontologies of dyad: every CAMEO event code with its name, Goldstein scores (GDELT and
//! Phoenix tables) and QuadClass under three variants; PLOVER event types, modes, contexts, auxiliary modes and
//! scores with the CAMEO→PLOVER translation; and CAMEO actor codes (regions, roles, religions) with PLOVER sectors.
//! All tables are dyad's own TSV files under `data/`, embedded at compile time and parsed once on first use.

#![warn(missing_docs)]

#[macro_use]
mod macros;

mod actors;
mod cameo;
mod error;
mod plover;
mod quad;
mod tsv;

pub use actors::{
    CameoActorCode, CameoActorKind, PloverSector, cameo_actor_code, cameo_actor_codes,
    plover_sector, plover_sectors,
};
pub use cameo::{CameoEvent, GoldsteinTable, cameo_event, cameo_events};
pub use error::Error;
pub use plover::{
    AuxiliaryMode, PloverContext, PloverMapping, PloverMode, PloverType, plover_context,
    plover_modes, plover_type,
};
pub use quad::{QuadClass, QuadVariant};
