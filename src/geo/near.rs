//! Whether two places are near each other: within 300 km on the great
//! circle, measured from boxes first, for the resolver's spatial
//! coherence.

use crate::gazetteer::entry::Coord;

/// Places this close count as near each other (2.8 degrees of latitude
/// are more than 300 km, so farther latitudes are skipped unmeasured).
pub(super) const NEAR_KM: f64 = 300.0;

/// Degrees of latitude around a point that hold every point [`is_near`]
/// may accept (its own test is 2.8, this leaves room for rounding).
pub(super) const NEAR_BAND: f64 = 2.9;

/// True when two points are within [`NEAR_KM`]: a latitude box first, then
/// a longitude box, the great circle only inside both.
///
/// The longitude box is exact, not a guess: with both latitudes within 70°
/// (cos >= 0.342) and 16.5° of longitude apart, the haversine is at least
/// 0.342² × sin²(8.25°), a distance above 600 km.
#[inline]
pub(super) fn is_near(a: Located, b: Located) -> bool {
    let (a_cos, b_cos) = (a.cos_lat, b.cos_lat);
    let (a, b) = (a.at, b.at);
    if (a.lat - b.lat).abs() > 2.8 {
        return false;
    }
    let dlon = (a.lon - b.lon).abs();
    let dlon = if dlon > 180.0 { 360.0 - dlon } else { dlon };
    if dlon > 16.5 && a.lat.abs() <= 70.0 && b.lat.abs() <= 70.0 {
        return false;
    }
    static NEAR: std::sync::LazyLock<f64> = std::sync::LazyLock::new(|| crate::geo::nearest::haversine_of_km(NEAR_KM));
    // Inside the boxes the half differences are small: their sines by the
    // Taylor polynomial to x^5 (error below x^7/5040, a relative 1e-8 of
    // the haversine at most), the library's sine only when the result is
    // that close to the limit. (The sines were a tenth of resolution's
    // time.)
    let (half_lat, half_lon) = ((b.lat - a.lat).to_radians() / 2.0, (b.lon - a.lon).to_radians() / 2.0);
    if half_lon.abs() <= SMALL_ANGLE {
        let sin = |x: f64| {
            let x2 = x * x;
            x * (1.0 - x2 / 6.0 * (1.0 - x2 / 20.0))
        };
        let h = sin(half_lat).powi(2) + a_cos * b_cos * sin(half_lon).powi(2);
        if (h - *NEAR).abs() > 1e-6 * *NEAR {
            return h <= *NEAR;
        }
    }
    crate::geo::nearest::haversine_cos(a, a_cos, b, b_cos) <= *NEAR
}

/// Half differences of latitude and longitude, in radians, up to which
/// [`is_near`] takes the sine's Taylor polynomial (8.25° is half the
/// longitude box).
const SMALL_ANGLE: f64 = 0.15;

/// A point with the cosine of its latitude, computed once for the many
/// distances measured from it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Located {
    pub(super) at: Coord,
    pub(super) cos_lat: f64,
}

impl Located {
    pub(super) fn new(at: Coord) -> Located {
        Located { at, cos_lat: crate::geo::nearest::cos_lat(at) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The boxes only skip pairs the great circle would also reject.
    #[test]
    fn the_haversine_test_agrees_with_km() {
        let baku = Coord { lat: 40.4093, lon: 49.8671 };
        for (lat, lon) in
            [(40.0, 49.0), (42.0, 52.0), (38.0, 46.5), (40.4093, 53.4), (-33.9, 151.2), (40.4093, 49.8671)]
        {
            let b = Coord { lat, lon };
            for limit in [50.0, 300.0, 600.0] {
                use crate::geo::nearest::{cos_lat, haversine_cos, haversine_of_km, km};
                let within = haversine_cos(baku, cos_lat(baku), b, cos_lat(b)) <= haversine_of_km(limit);
                assert_eq!(within, km(baku, b) <= limit, "{b:?} {limit}");
            }
        }
    }

    #[test]
    fn near_boxes_agree_with_the_great_circle() {
        let mut checked = 0;
        for lat in (-88..=88).step_by(4) {
            for dlat in [-3.0, -2.5, -1.0, 0.0, 0.7, 2.7, 2.9] {
                for dlon in [0.0, 1.0, 3.5, 5.0, 10.0, 16.0, 16.6, 20.0, 90.0, 179.5, -179.5, 200.0] {
                    let a = Coord { lat: f64::from(lat), lon: 170.0 };
                    let b = Coord { lat: (f64::from(lat) + dlat).clamp(-90.0, 90.0), lon: 170.0 + dlon };
                    let b = Coord { lon: if b.lon > 180.0 { b.lon - 360.0 } else { b.lon }, ..b };
                    assert_eq!(
                        is_near(Located::new(a), Located::new(b)),
                        crate::geo::nearest::km(a, b) <= NEAR_KM,
                        "{a:?} {b:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 3000);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20000))]
        // The polynomial's decision is the library sine's, near the limit
        // too.
        #[test]
        fn near_agrees_with_the_exact_haversine(
            lat in -89.0f64..89.0,
            lon in -180.0f64..180.0,
            bearing in 0.0f64..std::f64::consts::TAU,
            km in 250.0f64..350.0,
        ) {
            let a = Coord { lat, lon };
            // A point `km` away along `bearing` (on the sphere).
            let (d, la, lo) = (km / 6371.0, lat.to_radians(), lon.to_radians());
            let lat2 = (la.sin() * d.cos() + la.cos() * d.sin() * bearing.cos()).asin();
            let lon2 = lo + (bearing.sin() * d.sin() * la.cos()).atan2(d.cos() - la.sin() * lat2.sin());
            let lon2 = (lon2.to_degrees() + 540.0).rem_euclid(360.0) - 180.0;
            let b = Coord { lat: lat2.to_degrees(), lon: lon2 };
            let (la, lb) = (Located::new(a), Located::new(b));
            let exact = crate::geo::nearest::haversine_cos(a, la.cos_lat, b, lb.cos_lat)
                <= crate::geo::nearest::haversine_of_km(NEAR_KM);
            proptest::prop_assert_eq!(is_near(la, lb), exact, "{:?} {:?}", a, b);
        }
    }
}
