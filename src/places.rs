//! The gazetteer of Guangdong: its 21 prefecture-level cities, their county-level units and
//! their towns and streets, with coordinates, built from the embedded `assets/` data. Owns
//! place names and their short forms (`江门` for 江门市, `台山` for 台山市) and finding them in
//! text. Knows nothing about articles; the parser decides what a mention means.
//!
//! - [`outline`]: the cities' boundaries, for the map;
//! - `trie`: the character trie that finds the names in text.

pub mod outline;
mod trie;

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;
use trie::NameTrie;

const DIVISIONS: &str = include_str!("../assets/guangdong_divisions.json");
const CITY_COORDS: &str = include_str!("../assets/guangdong_city_coords.json");
const COUNTY_COORDS: &str = include_str!("../assets/guangdong_county_coords.json");

/// A prefecture-level city.
#[derive(Debug, Clone)]
pub struct City {
    /// In full: `江门市`.
    pub name: String,
    /// Without 市: `江门`.
    pub short: String,
    /// Longitude and latitude of the city seat.
    pub lon: f64,
    pub lat: f64,
    /// Indexes into [`Gazetteer::counties`].
    pub counties: Vec<usize>,
}

/// The kind of a county-level unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountyKind {
    District,
    County,
    CountyCity,
    /// A functional area the paper names like a district (高新区, 大鹏新区) that the official
    /// list lacks; made up on the fly, never stored in the gazetteer.
    FunctionalArea,
}

/// A county-level unit: district (区), county (县) or county-level city (市).
#[derive(Debug, Clone)]
pub struct County {
    pub name: String,
    /// The name without its 区/县/市 (and 自治县's people names): `台山`; `None` where that
    /// would leave a single character or a common word (汕尾's 城区).
    pub short: Option<String>,
    pub kind: CountyKind,
    /// Index into [`Gazetteer::cities`].
    pub city: usize,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
}

/// A township-level unit: town (镇), street (街道) or township (乡).
#[derive(Debug, Clone)]
pub struct Town {
    pub name: String,
    /// Without 镇/街道/乡: `永平`.
    pub short: Option<String>,
    pub city: usize,
    pub county: Option<usize>,
}

/// What a name found in text refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    City(usize),
    County(usize),
    Town(usize),
}

/// One place name found in text, by byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceHit<'g> {
    pub start: usize,
    pub end: usize,
    /// Every place the name can mean (town names repeat across counties), borrowed from
    /// the gazetteer.
    pub places: &'g [Place],
    /// Whether the text used a short form (`江门`, `台山`) rather than the full name.
    pub short: bool,
}

/// The loaded gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    pub cities: Vec<City>,
    pub counties: Vec<County>,
    pub towns: Vec<Town>,
    matcher: NameTrie,
    /// For each name of `matcher`: the places it names and whether it is a short form.
    patterns: Vec<(Vec<Place>, bool)>,
}

#[derive(Deserialize)]
struct RawCity {
    city: String,
    #[serde(default)]
    counties: Vec<RawCounty>,
    #[serde(default)]
    towns: Vec<RawTown>,
}
#[derive(Deserialize)]
struct RawCounty {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    towns: Vec<RawTown>,
}
#[derive(Deserialize)]
struct RawTown {
    name: String,
    #[serde(rename = "type")]
    kind: String,
}
#[derive(Deserialize)]
struct RawCityCoords {
    cities: Vec<RawCoord>,
}
#[derive(Deserialize)]
struct RawCountyCoords {
    counties: Vec<RawCoord>,
}
#[derive(Deserialize)]
struct RawCoord {
    city: String,
    #[serde(default)]
    county: Option<String>,
    lat: f64,
    lon: f64,
}

/// County short forms that are everyday words: they count as places only next to another
/// place name or an administrative or union suffix, never alone in running text.
const COMMON_WORD_SHORTS: &[&str] = &[
    "和平", "新兴", "光明", "白云", "南山", "清新", "高明", "新会", "龙门", "南海", "江海", "金平",
    "天河", "江城", "源城", "云城", "清城", "城区", "紫金", "福田", "黄埔", "龙华", "中山",
];

impl Gazetteer {
    /// The embedded gazetteer, loaded once.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::from_json(DIVISIONS, CITY_COORDS, COUNTY_COORDS).unwrap_or_else(|e| {
                tracing::error!("embedded gazetteer is unreadable: {e}");
                Gazetteer::empty()
            })
        })
    }

    fn empty() -> Gazetteer {
        Gazetteer {
            cities: Vec::new(),
            counties: Vec::new(),
            towns: Vec::new(),
            matcher: NameTrie::default(),
            patterns: Vec::new(),
        }
    }

    /// Builds a gazetteer from the three data files' JSON.
    ///
    /// # Errors
    /// When any of the JSON texts does not have the expected shape.
    pub fn from_json(
        divisions: &str,
        city_coords: &str,
        county_coords: &str,
    ) -> Result<Gazetteer, serde_json::Error> {
        let raw: Vec<RawCity> = serde_json::from_str(divisions)?;
        let ccoords: RawCityCoords = serde_json::from_str(city_coords)?;
        let kcoords: RawCountyCoords = serde_json::from_str(county_coords)?;
        let mut g = Gazetteer::empty();
        for rc in raw {
            let ci = g.cities.len();
            let (lon, lat) = ccoords
                .cities
                .iter()
                .find(|c| c.city == rc.city)
                .map_or((0.0, 0.0), |c| (c.lon, c.lat));
            let short = rc.city.trim_end_matches('市').to_string();
            g.cities.push(City {
                name: rc.city.clone(),
                short,
                lon,
                lat,
                counties: Vec::new(),
            });
            for t in &rc.towns {
                g.push_town(t, ci, None);
            }
            for rk in rc.counties {
                let ki = g.counties.len();
                let kind = match rk.kind.as_str() {
                    "市辖区" => CountyKind::District,
                    "县级市" => CountyKind::CountyCity,
                    _ => CountyKind::County,
                };
                let coord = kcoords
                    .counties
                    .iter()
                    .find(|c| c.city == rc.city && c.county.as_deref() == Some(rk.name.as_str()));
                g.counties.push(County {
                    short: county_short(&rk.name),
                    name: rk.name.clone(),
                    kind,
                    city: ci,
                    lon: coord.map(|c| c.lon),
                    lat: coord.map(|c| c.lat),
                });
                g.cities[ci].counties.push(ki);
                for t in &rk.towns {
                    g.push_town(t, ci, Some(ki));
                }
            }
        }
        g.build_matcher();
        Ok(g)
    }

    fn push_town(&mut self, t: &RawTown, city: usize, county: Option<usize>) {
        let short = match t.kind.as_str() {
            "街道" => t.name.strip_suffix("街道"),
            "镇" => t.name.strip_suffix('镇'),
            "乡" | "民族乡" => t.name.strip_suffix('乡'),
            _ => None,
        }
        .filter(|s| s.chars().count() >= 2)
        .map(str::to_string);
        self.towns.push(Town {
            name: t.name.clone(),
            short,
            city,
            county,
        });
    }

    fn build_matcher(&mut self) {
        let mut by_name: HashMap<String, (Vec<Place>, bool)> = HashMap::new();
        // Names are matched in text folded to simplified characters (see `scan`), so they are
        // folded too: 乾务镇 is found as 干务镇, whichever script the page is printed in.
        let mut add = |name: &str, place: Place, short: bool| {
            let e = by_name
                .entry(crate::text::script::simplified(name).into_owned())
                .or_insert_with(|| (Vec::new(), short));
            if !e.0.contains(&place) {
                e.0.push(place);
            }
            // A full name wins over the same text as someone's short form.
            e.1 &= short;
        };
        for (i, c) in self.cities.iter().enumerate() {
            add(&c.name, Place::City(i), false);
            add(&c.short, Place::City(i), true);
        }
        for (i, k) in self.counties.iter().enumerate() {
            add(&k.name, Place::County(i), false);
            if let Some(s) = &k.short {
                add(s, Place::County(i), true);
            }
        }
        for (i, t) in self.towns.iter().enumerate() {
            // Town short forms (永平 for 永平街道) are everyday words far too often to be
            // searched for; towns are found by their full names. Some development zones
            // are listed under generic names (开发区, 保税区) that must not match as places.
            if !is_generic_area(&t.name) {
                add(&t.name, Place::Town(i), false);
            }
        }
        let mut names: Vec<(String, (Vec<Place>, bool))> = by_name.into_iter().collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        self.matcher = NameTrie::new(names.iter().map(|(n, _)| n.as_str()));
        self.patterns = names.into_iter().map(|(_, v)| v).collect();
    }

    /// Every place name in `text`, leftmost-longest, with what each can mean. Traditional
    /// and simplified characters are one script here (`湛江市` is found in `湛江市總工會`); the
    /// byte ranges are those of `text` as given.
    #[must_use]
    pub fn scan(&self, text: &str) -> Vec<PlaceHit<'_>> {
        self.scan_folded(&crate::text::script::simplified(text))
    }

    /// [`Gazetteer::scan`] of text that is in simplified script already (folded by
    /// [`crate::text::script::simplified`], or known to hold no character it changes).
    #[must_use]
    pub fn scan_folded(&self, folded: &str) -> Vec<PlaceHit<'_>> {
        let mut hits = Vec::new();
        self.matcher.find(folded, |start, end, name| {
            if let Some((places, short)) = self.patterns.get(name) {
                hits.push(PlaceHit {
                    start,
                    end,
                    places: places.as_slice(),
                    short: *short,
                });
            }
        });
        hits
    }

    /// Whether a short form is an everyday word that needs context to count as a place.
    #[must_use]
    pub fn is_common_word(short: &str) -> bool {
        COMMON_WORD_SHORTS.contains(&short)
            || (short.chars().any(crate::text::script::is_traditional)
                && COMMON_WORD_SHORTS.contains(&&*crate::text::script::simplified(short)))
    }

    /// The full name of a city given in full or short form (`湛江` → `湛江市`).
    #[must_use]
    pub fn city_by_name(&self, name: &str) -> Option<&str> {
        self.cities
            .iter()
            .find(|c| c.name == name || c.short == name)
            .map(|c| c.name.as_str())
    }

    /// The index of a city given in full or short form.
    #[must_use]
    pub fn city_index(&self, name: &str) -> Option<usize> {
        self.cities
            .iter()
            .position(|c| c.name == name || c.short == name)
    }

    /// The city a place lies in.
    #[must_use]
    pub fn city_of(&self, place: Place) -> usize {
        match place {
            Place::City(i) => i,
            Place::County(i) => self.counties[i].city,
            Place::Town(i) => self.towns[i].city,
        }
    }

    /// The county a place lies in, if it is at or below county level.
    #[must_use]
    pub fn county_of(&self, place: Place) -> Option<usize> {
        match place {
            Place::City(_) => None,
            Place::County(i) => Some(i),
            Place::Town(i) => self.towns[i].county,
        }
    }

    /// The one-character abbreviations the paper uses for cities in bylines (`深工宣`).
    #[must_use]
    pub fn city_by_abbreviation(&self, ch: char) -> Option<usize> {
        // The customary one-character names; 广州 is 穗, 东莞 莞. Others take their first
        // character where no other city starts with it.
        let special = match ch {
            '穗' => Some("广州市"),
            '莞' => Some("东莞市"),
            _ => None,
        };
        if let Some(name) = special {
            return self.city_index(name);
        }
        let mut found = self
            .cities
            .iter()
            .enumerate()
            .filter(|(_, c)| c.short.starts_with(ch));
        let first = found.next()?;
        if found.next().is_some() {
            return None;
        }
        Some(first.0)
    }
}

/// Names in the official list that are generic words rather than places.
fn is_generic_area(name: &str) -> bool {
    const GENERIC: &[&str] = &[
        "开发区",
        "保税区",
        "工业区",
        "工业园",
        "工业园区",
        "园区",
        "新区",
        "高新区",
        "经济开发区",
    ];
    GENERIC.contains(&name) || name.chars().count() < 2
}

/// A county's short form: 蓬江区 → 蓬江, 乳源瑶族自治县 → 乳源; none for 城区.
fn county_short(name: &str) -> Option<String> {
    let base = if let Some(i) = name.find("自治县") {
        let head = &name[..i];
        // Drop the peoples' names (瑶族, 壮族瑶族) and keep the place.
        head.split('族')
            .next()
            .map(|s| s.chars().take(2).collect::<String>())
            .unwrap_or_default()
    } else {
        name.strip_suffix(['区', '县', '市'])
            .unwrap_or(name)
            .to_string()
    };
    (base.chars().count() >= 2 && base != name).then_some(base)
}

/// The 21 cities alone, in the gazetteer's order (the indexes of [`Gazetteer::cities`]),
/// read without their counties and towns: all that search needs to filter and count by
/// city, so a query does not pay for building the whole gazetteer.
#[derive(Debug)]
pub struct CityList {
    /// Full names (`湛江市`).
    pub names: Vec<String>,
}

impl CityList {
    /// The embedded cities, read once.
    pub fn get() -> &'static CityList {
        static L: OnceLock<CityList> = OnceLock::new();
        L.get_or_init(|| {
            #[derive(Deserialize)]
            struct Name {
                city: String,
            }
            let names = serde_json::from_str::<Vec<Name>>(DIVISIONS)
                .map(|v| v.into_iter().map(|n| n.city).collect())
                .unwrap_or_else(|e| {
                    tracing::error!("embedded gazetteer is unreadable: {e}");
                    Vec::new()
                });
            CityList { names }
        })
    }

    /// The index of a city given in full or short form (`湛江市`, `湛江`).
    #[must_use]
    pub fn index(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|n| n == name || n.trim_end_matches('市') == name)
    }

    /// The full name of a city given in full or short form.
    #[must_use]
    pub fn full_name(&self, name: &str) -> Option<&str> {
        self.index(name).map(|i| self.names[i].as_str())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_city_list_is_the_gazetteer_s_cities() {
        let g = Gazetteer::get();
        let l = CityList::get();
        let names: Vec<&str> = g.cities.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(l.names, names);
        assert_eq!(names.len(), 21);
        for (i, c) in g.cities.iter().enumerate() {
            assert_eq!(l.index(&c.short), Some(i));
            assert_eq!(l.full_name(&c.short), Some(c.name.as_str()));
            assert_eq!(g.city_index(&c.name), l.index(&c.name));
        }
        assert_eq!(l.index("不存在"), None);
    }

    use super::*;

    #[test]
    fn loads_every_city_and_county() {
        let g = Gazetteer::get();
        assert_eq!(g.cities.len(), 21);
        assert_eq!(g.counties.len(), 122);
        assert!(g.towns.len() > 1700);
    }

    #[test]
    fn short_forms() {
        assert_eq!(county_short("蓬江区").as_deref(), Some("蓬江"));
        assert_eq!(county_short("乳源瑶族自治县").as_deref(), Some("乳源"));
        assert_eq!(county_short("连山壮族瑶族自治县").as_deref(), Some("连山"));
        assert_eq!(county_short("城区"), None);
    }

    #[test]
    fn trie_finds_leftmost_longest() {
        let find = |names: &[&str], text: &str| {
            let t = NameTrie::new(names.iter().copied());
            let mut out = Vec::new();
            t.find(text, |s, e, n| out.push((s, e, n)));
            out
        };
        // 台山 and 台山市 start together: the longer wins; 山市 inside it is not searched.
        assert_eq!(
            find(&["台山", "台山市", "山市", "江门"], "江门台山市总"),
            [(0, 6, 3), (6, 15, 1)]
        );
        // With a one-character name the pair filter is off, and it still matches.
        assert_eq!(find(&["市", "市总"], "a市总市"), [(1, 7, 1), (7, 10, 0)]);
        assert!(find(&["", "江门"], "江门").len() == 1);
    }

    #[test]
    fn scans_chains_of_places() {
        let g = Gazetteer::get();
        let hits = g.scan("江门台山市总工会");
        assert_eq!(hits.len(), 2);
        assert!(hits[0].short);
        assert!(!hits[1].short);
        assert_eq!(g.city_by_abbreviation('深'), g.city_index("深圳"));
        assert_eq!(g.city_by_abbreviation('汕'), None);
    }
}
