//! Geography: choosing, for each place, the entry it names.

mod resolve;

pub(crate) use resolve::resolve;
pub use resolve::Evidence;
