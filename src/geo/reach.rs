//! Reach: for a candidate of a place name, the share of the document's
//! other place names of which *some* reading lies in its neighbourhood,
//! whichever each of them chooses.
//!
//! The rounds' spatial coherence (`near_share`) counts the places the
//! other spans have chosen now, so two towns that belong together lose to
//! two famous namesakes chosen first: "Mansfield" and "Arlington" in one
//! local story read by their priors are towns of Ohio and Virginia, and
//! neither is near the other. Reach asks instead whether a reading has
//! neighbours among the readings of the other names (the pair in Texas
//! has), which no choice changes: it is computed once per document, before
//! the rounds.
//!
//! The neighbourhood is coarse, so that it costs a few table reads: the
//! cell of [`CELL`] degrees a point is in and the eight around it. Points
//! less than [`CELL`] degrees of latitude and longitude apart are always
//! neighbours (about 330 km north to south, 250 km east to west at 40°);
//! points more than twice that apart never are. Names are at most
//! [`GROUPS`], a bit each; the caller gives the first readings of each name
//! in its default order, the likely ones.

use super::near::Located;

/// The most names a document's reach counts (the others are left out).
pub(super) const GROUPS: u32 = 64;

/// The side of a cell, in degrees.
const CELL: f64 = 3.0;

/// The number of longitude cells around the globe.
const LON_CELLS: i32 = (360.0 / CELL) as i32;

/// Rows of cells from the south pole's to the north pole's, and one more
/// each side (the neighbours of the poles' rows).
const ROWS: i32 = (180.0 / CELL) as i32 + 3;

/// The row (from 1, the south pole's) and column (from 0, at longitude
/// -180) of a point's cell. (Offsets make both positive, so that a cast
/// truncates as `floor` would, without its call.)
fn cell_of(p: Located) -> (usize, usize) {
    let row = ((p.at.lat + 90.0) / CELL) as usize + 1;
    let col = ((p.at.lon + 180.0) / CELL) as usize;
    // (Longitude 180 is -180; a point out of range is clamped.)
    (row.min(ROWS as usize - 2), if col >= LON_CELLS as usize { 0 } else { col })
}

/// Per cell of the globe, the groups with a point in it: a grid of some
/// 7,500 words, kept from one document to the next, of which a document
/// clears only the cells it set.
#[derive(Default)]
pub(super) struct Reach {
    cells: Vec<u64>,
    /// The cells set, to clear for the next document.
    set: Vec<usize>,
    /// The groups with at least one point, a bit each.
    present: u64,
}

impl Reach {
    /// Empties the table (its room kept) and fills it with `points`
    /// (group, point); groups at or past [`GROUPS`] are left out.
    pub(super) fn fill(&mut self, points: impl IntoIterator<Item = (u32, Located)>) {
        if self.cells.is_empty() {
            self.cells = vec![0; (ROWS * LON_CELLS) as usize];
        }
        for k in self.set.drain(..) {
            self.cells[k] = 0;
        }
        self.present = 0;
        for (g, p) in points.into_iter().filter(|&(g, _)| g < GROUPS) {
            let (row, col) = cell_of(p);
            let k = row * LON_CELLS as usize + col;
            if self.cells[k] == 0 {
                self.set.push(k);
            }
            self.cells[k] |= 1 << g;
            self.present |= 1 << g;
        }
    }

    /// The number of groups with a point.
    pub(super) fn groups(&self) -> u32 {
        self.present.count_ones()
    }

    /// The share of the groups other than `own` with a point in the
    /// neighbourhood of `at` (0 when there is no other group).
    pub(super) fn share(&self, own: u32, at: Located) -> f64 {
        let own_bit = if own < GROUPS { 1u64 << own } else { 0 };
        let others = self.present & !own_bit;
        if others == 0 {
            return 0.0;
        }
        let (row, col) = cell_of(at);
        let n = LON_CELLS as usize;
        // The columns either side, around the antimeridian.
        let cols = [if col == 0 { n - 1 } else { col - 1 }, col, if col + 1 == n { 0 } else { col + 1 }];
        let mut found = 0u64;
        for r in row - 1..=row + 1 {
            for c in cols {
                found |= self.cells.get(r * n + c).copied().unwrap_or(0);
            }
        }
        f64::from((found & others).count_ones()) / f64::from(others.count_ones())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::entry::Coord;

    fn at(lat: f64, lon: f64) -> Located {
        Located::new(Coord { lat, lon })
    }

    /// Points a cell apart or less are neighbours, points two cells apart
    /// or more are not, on points spread over the globe (cells' edges and
    /// the antimeridian included); and the share counts groups, not points.
    #[test]
    fn neighbourhoods_over_the_globe() {
        let mut state = 12345u64;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut points = Vec::new();
        for i in 0..400u32 {
            let (lat, lon) = match i % 3 {
                0 => (next() * 170.0 - 85.0, next() * 360.0 - 180.0),
                1 => (32.0 + next() * 4.0, -97.0 + next() * 4.0),
                _ => (-17.0 + next() * 3.0, 178.0 + next() * 3.9 - if next() < 0.5 { 0.0 } else { 360.0 }),
            };
            points.push((i % 37, at(lat, lon.clamp(-180.0, 180.0))));
        }
        let mut reach = Reach::default();
        reach.fill(points.iter().copied());
        assert_eq!(reach.groups(), 37);
        // Longitudes apart, the short way round.
        let dlon = |a: f64, b: f64| {
            let d = (a - b).abs();
            d.min(360.0 - d)
        };
        for &(own, p) in points.iter().step_by(5) {
            let (mut surely, mut maybe) = (Vec::new(), Vec::new());
            for &(g, q) in points.iter().filter(|(g, _)| *g != own) {
                let (dlat, dlon) = ((p.at.lat - q.at.lat).abs(), dlon(p.at.lon, q.at.lon));
                if dlat < CELL && dlon < CELL {
                    surely.push(g);
                }
                if dlat < 2.0 * CELL && dlon < 2.0 * CELL {
                    maybe.push(g);
                }
            }
            for v in [&mut surely, &mut maybe] {
                v.sort_unstable();
                v.dedup();
            }
            let share = reach.share(own, p);
            assert!(share >= surely.len() as f64 / 36.0 - 1e-12, "{own} at {:?}", p.at);
            assert!(share <= maybe.len() as f64 / 36.0 + 1e-12, "{own} at {:?}", p.at);
        }
    }

    /// Two towns of a story whose other names all have a reading near them
    /// reach every other name; a namesake far away reaches none; a name
    /// alone reaches nothing, and names past the 64th are left out.
    #[test]
    fn shares_of_a_small_document() {
        // Groups: 0 Mansfield (Texas, Ohio), 1 Arlington (Texas, Virginia), 2 Fort Worth.
        let texas_mansfield = at(32.56, -97.14);
        let ohio_mansfield = at(40.76, -82.52);
        let points = [
            (0, texas_mansfield),
            (0, ohio_mansfield),
            (1, at(32.74, -97.11)),
            (1, at(38.88, -77.10)),
            (2, at(32.75, -97.33)),
            (GROUPS, at(40.7, -82.5)),
        ];
        let mut reach = Reach::default();
        reach.fill(points);
        assert_eq!(reach.groups(), 3);
        assert_eq!(reach.share(0, texas_mansfield), 1.0);
        assert_eq!(reach.share(0, ohio_mansfield), 0.0);
        // Across the antimeridian: Fiji's two sides.
        reach.fill([(0, at(-17.0, 179.5)), (1, at(-17.2, -179.6))]);
        assert_eq!(reach.share(0, at(-17.0, 179.5)), 1.0);
        reach.fill([(0, texas_mansfield), (0, ohio_mansfield)]);
        assert_eq!(reach.share(0, texas_mansfield), 0.0);
        reach.fill([]);
        assert_eq!(reach.share(0, texas_mansfield), 0.0);
    }
}
