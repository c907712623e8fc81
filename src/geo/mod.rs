//! Geography: choosing, for each place, the entry it names.

pub(crate) mod coords;
mod features;
pub(crate) mod flags;
pub(crate) mod grids;
mod local;
mod near;
pub(crate) mod nearest;
mod reach;
mod resolve;

#[doc(hidden)]
pub use features::feature_names;
pub(crate) use features::Features;
pub use resolve::Evidence;
pub(crate) use resolve::{name_ref, resolve, resolve_explained, Facts, Keys};
