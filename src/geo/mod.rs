//! Geography: choosing, for each place, the entry it names.

pub(crate) mod coords;
pub(crate) mod grids;
pub(crate) mod nearest;
mod resolve;

pub(crate) use resolve::resolve;
pub use resolve::Evidence;
