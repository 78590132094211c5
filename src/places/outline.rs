//! The cities' outlines: each of the 21 cities' boundary as rings of (longitude, latitude),
//! from the embedded `assets/guangdong_cities_outline.json`, parsed once. The map draws
//! Guangdong from them; this module draws nothing and knows no terminal.

use serde::Deserialize;
use std::sync::OnceLock;

const OUTLINES: &str = include_str!("../../assets/guangdong_cities_outline.json");

/// One city's boundary.
#[derive(Debug, Clone, Deserialize)]
pub struct Outline {
    /// As the gazetteer names it: `江门市`.
    pub name: String,
    /// Closed rings of `[longitude, latitude]` (the outer rings of the city's parts).
    pub rings: Vec<Vec<[f64; 2]>>,
}

/// Every city's outline, in the asset's order; empty (with an error in the log) if the
/// embedded asset could not be read, which a test rules out.
pub fn outlines() -> &'static [Outline] {
    static O: OnceLock<Vec<Outline>> = OnceLock::new();
    O.get_or_init(|| {
        serde_json::from_str(OUTLINES).unwrap_or_else(|e| {
            tracing::error!("embedded city outlines are unreadable: {e}");
            Vec::new()
        })
    })
}

/// Longitude and latitude bounds of every outline: `([west, east], [south, north])`.
#[must_use]
pub fn bounds() -> ([f64; 2], [f64; 2]) {
    let mut lon = [f64::MAX, f64::MIN];
    let mut lat = [f64::MAX, f64::MIN];
    for p in outlines().iter().flat_map(|o| o.rings.iter().flatten()) {
        lon = [lon[0].min(p[0]), lon[1].max(p[0])];
        lat = [lat[0].min(p[1]), lat[1].max(p[1])];
    }
    (lon, lat)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::Gazetteer;

    #[test]
    fn every_city_has_an_outline_around_its_seat() {
        let o = outlines();
        assert_eq!(o.len(), 21);
        let (lon, lat) = bounds();
        assert!(lon[0] > 109.0 && lon[1] < 118.0 && lat[0] > 20.0 && lat[1] < 26.0);
        for c in &Gazetteer::get().cities {
            let outline = o.iter().find(|x| x.name == c.name);
            assert!(outline.is_some(), "{}", c.name);
            let (w, e, s, n) = outline.unwrap().rings.iter().flatten().fold(
                (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
                |(w, e, s, n), p| (w.min(p[0]), e.max(p[0]), s.min(p[1]), n.max(p[1])),
            );
            assert!(
                (w..=e).contains(&c.lon) && (s..=n).contains(&c.lat),
                "{} seat outside its outline's box",
                c.name
            );
        }
    }
}
