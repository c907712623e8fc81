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
    haversine_cos(a, cos_lat(a), b, cos_lat(b))
}

/// The cosine of a point's latitude, which [`haversine_cos`] takes.
pub(crate) fn cos_lat(a: Coord) -> f64 {
    a.lat.to_radians().cos()
}

/// [`haversine`] with the cosines of both latitudes given (for a point
/// compared with many).
pub(crate) fn haversine_cos(a: Coord, cos_a: f64, b: Coord, cos_b: f64) -> f64 {
    let (la1, lo1, la2, lo2) = (a.lat.to_radians(), a.lon.to_radians(), b.lat.to_radians(), b.lon.to_radians());
    ((la2 - la1) / 2.0).sin().powi(2) + cos_a * cos_b * ((lo2 - lo1) / 2.0).sin().powi(2)
}

/// The haversine of a distance of `limit` km: points are at most `limit`
/// km apart when theirs is at most this.
pub(crate) fn haversine_of_km(limit: f64) -> f64 {
    (limit / (2.0 * 6371.0)).sin().powi(2)
}

/// Great-circle distance in kilometres.
pub(crate) fn km(a: Coord, b: Coord) -> f64 {
    2.0 * 6371.0 * haversine(a, b).sqrt().min(1.0).asin()
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
