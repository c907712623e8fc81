//! The nearest populated place to a point, on a one-degree grid.

use rustc_hash::FxHashMap;

use crate::gazetteer::entry::{Coord, EntryId};
use crate::gazetteer::Gazetteer;

/// Populated places bucketed by whole degrees of latitude and longitude.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    cells: FxHashMap<(i16, i16), Vec<(EntryId, Coord)>>,
}

fn cell(c: Coord) -> (i16, i16) {
    (c.lat.floor() as i16, c.lon.floor() as i16)
}

/// The haversine of the central angle between two points.
fn haversine(a: Coord, b: Coord) -> f64 {
    let (la1, lo1, la2, lo2) = (a.lat.to_radians(), a.lon.to_radians(), b.lat.to_radians(), b.lon.to_radians());
    ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2)
}

/// Great-circle distance in kilometres.
pub(crate) fn km(a: Coord, b: Coord) -> f64 {
    2.0 * 6371.0 * haversine(a, b).sqrt().min(1.0).asin()
}

/// True when two points are at most `limit` km apart (below half the
/// Earth's circumference): the haversine against the limit's, without the
/// square root and arc sine of [`km`].
pub(crate) fn within_km(a: Coord, b: Coord, limit: f64) -> bool {
    haversine(a, b) <= (limit / (2.0 * 6371.0)).sin().powi(2)
}

impl Grid {
    pub(crate) fn build(gaz: &Gazetteer) -> Grid {
        let mut cells: FxHashMap<(i16, i16), Vec<(EntryId, Coord)>> = FxHashMap::default();
        for (id, e) in gaz.iter() {
            let Some(p) = e.place() else { continue };
            let (Some(c), true) = (p.coord, p.is_populated()) else {
                continue;
            };
            cells.entry(cell(c)).or_default().push((id, c));
        }
        Grid { cells }
    }

    /// The nearest populated place within about five degrees, if any.
    pub(crate) fn nearest(&self, at: Coord) -> Option<EntryId> {
        let (la, lo) = cell(at);
        let mut best: Option<(f64, EntryId)> = None;
        for ring in 0i16..=5 {
            for dla in -ring..=ring {
                for dlo in -ring..=ring {
                    if dla.abs() != ring && dlo.abs() != ring {
                        continue;
                    }
                    let mut lon = lo + dlo;
                    if lon < -180 {
                        lon += 360;
                    } else if lon >= 180 {
                        lon -= 360;
                    }
                    for &(id, c) in self.cells.get(&(la + dla, lon)).into_iter().flatten() {
                        let d = km(at, c);
                        if best.is_none_or(|(b, _)| d < b) {
                            best = Some((d, id));
                        }
                    }
                }
            }
            // A place found within this ring is nearest once the next ring,
            // at least a degree farther, has been seen.
            if best.is_some() && ring >= 1 {
                break;
            }
        }
        best.map(|(_, id)| id)
    }
}
