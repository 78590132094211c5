//! Union bodies and places: union names found in an article ([`names`]: `江门台山市总工会`,
//! `湛江市总`, `区总工会`, `揭阳工会`, `惠州市大亚湾区总工会`, `龙岗区宝龙社区工联会`), the
//! relative ones (`市总工会`, `镇总工会`) placed by the places before them or by the heading
//! and lead, and the one that acted chosen by weight. Also the `X工` bylines and
//! correspondents (`云安工`, `深工宣`) as evidence, and the other cities an article names.

mod names;

use super::lines::is_han;
use crate::places::{CountyKind, Gazetteer, Place, PlaceHit};
use names::mentions_in;
pub use names::{is_union_name, is_union_name_folded, is_union_name_scanned, mentions};
use std::collections::HashMap;

/// A union body resolved to its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionBody {
    /// Without its city prefix (`台山市总工会`), except a city's own (`江门市总工会`).
    pub name: String,
    /// Index of its prefecture-level city in the gazetteer; `None` for the provincial union.
    pub city: Option<usize>,
    /// Its county-level unit (or functional area) by name, if below city level.
    pub county: Option<String>,
    /// An industry or trade union (`新业态行业工联会`): rarely the one that acted.
    pub industry: bool,
}

/// A union name found in text, by byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub body: UnionBody,
}

/// The union an `X工` attribution names: `云安工` → 云安区总工会, `深工宣` → 深圳市总工会,
/// `台工宣` → 台山市总工会 when the article is about 江门.
#[must_use]
pub fn from_attribution(attr: &str, context_cities: &[usize]) -> Option<UnionBody> {
    let g = Gazetteer::get();
    let attr = crate::text::script::simplified(attr.trim());
    let attr: &str = &attr;
    let stem = ["工宣", "工委", "工会", "工"]
        .iter()
        .find_map(|s| attr.strip_suffix(s))?;
    let n = stem.chars().count();
    if n == 0 || n > 4 || !stem.chars().all(is_han) {
        return None;
    }
    let place = if n == 1 {
        let ch = stem.chars().next()?;
        // A county of a city the article is about, else a city.
        let county = g.counties.iter().enumerate().find(|(_, k)| {
            context_cities.contains(&k.city)
                && k.short.as_deref().is_some_and(|s| s.starts_with(ch))
        });
        match county {
            Some((k, _)) => Place::County(k),
            None => Place::City(g.city_by_abbreviation(ch)?),
        }
    } else {
        let hits = g.scan(stem);
        let h = hits
            .first()
            .filter(|h| h.start == 0 && h.end == stem.len())?;
        let mut places = h.places.iter().filter(|p| !matches!(p, Place::Town(_)));
        let p = *places.next()?;
        if places.next().is_some() {
            return None;
        }
        p
    };
    federation_of(place)
}

/// The federation of trade unions (总工会) of a city or county.
fn federation_of(place: Place) -> Option<UnionBody> {
    let g = Gazetteer::get();
    Some(match place {
        Place::City(c) => UnionBody {
            name: [g.cities[c].name.as_str(), "总工会"].concat(),
            city: Some(c),
            county: None,
            industry: false,
        },
        Place::County(k) => UnionBody {
            name: [g.counties[k].name.as_str(), "总工会"].concat(),
            city: Some(g.counties[k].city),
            county: Some(g.counties[k].name.clone()),
            industry: false,
        },
        Place::Town(t) => {
            let town = &g.towns[t];
            let county = town.county.map(|k| g.counties[k].name.clone());
            UnionBody {
                name: [
                    county.as_deref().unwrap_or_default(),
                    town.name.as_str(),
                    "总工会",
                ]
                .concat(),
                city: Some(town.city),
                county,
                industry: false,
            }
        }
    })
}

/// Resolves `市总工会` / `区总工会` / `县总工会` / `镇总工会` / `街道总工会` to the nearest place
/// of that level named before `pos` in `text`.
fn resolve_relative(text: &str, hits: &[PlaceHit], pos: usize, level: char) -> Option<UnionBody> {
    let g = Gazetteer::get();
    let before = hits.partition_point(|h| h.end <= pos);
    for h in hits[..before].iter().rev() {
        if h.short && Gazetteer::is_common_word(&text[h.start..h.end]) {
            continue;
        }
        for p in h.places {
            if fits_level(g, *p, level) && !(matches!(p, Place::Town(_)) && h.places.len() > 1) {
                return federation_of(*p);
            }
        }
    }
    None
}

/// Whether `place` is of the level a relative union names (`市总工会` a city or county-level
/// city, `区` a district, `县` a county, `镇` a town, `街` a street).
fn fits_level(g: &Gazetteer, place: Place, level: char) -> bool {
    match (place, level) {
        (Place::City(_), '市') => true,
        (Place::County(k), '市') => g.counties[k].kind == CountyKind::CountyCity,
        (Place::County(k), '区') => g.counties[k].kind == CountyKind::District,
        (Place::County(k), '县') => g.counties[k].kind == CountyKind::County,
        (Place::Town(t), '镇') => g.towns[t].name.ends_with('镇'),
        (Place::Town(t), '街') => g.towns[t].name.ends_with("街道"),
        _ => false,
    }
}

/// Where a piece of an article's text stands (a byte range of the article's text), and so
/// how much its mentions weigh.
#[derive(Debug, Clone)]
pub struct Section {
    pub range: std::ops::Range<usize>,
    pub weight: f64,
    pub short_forms: bool,
}

/// What the parser concluded about an article's place and union.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    pub union: Option<UnionBody>,
    pub city: Option<usize>,
    pub county: Option<String>,
    /// Every city the sections name, in order of first mention.
    pub cities: Vec<usize>,
    /// The level of a `市总工会` the article's own places could not resolve (see
    /// [`federation_of_city`]): the page's other articles may.
    pub unresolved: Option<char>,
}

/// How many leading sections set the context for one-character attributions (`台工宣`), and
/// are the heading and lead whose places place `市总工会` and `我市`.
const CONTEXT_SECTIONS: usize = 3;

/// An industry or trade union (`新业态行业工联会`) is rarely the body that acted: it counts for
/// this share of its place in the text.
const INDUSTRY_WEIGHT: f64 = 0.3;
/// The provincial union is named in many reports as the organiser above the local union that
/// acted: half weight.
const PROVINCIAL_WEIGHT: f64 = 0.5;
/// The first union a section names is usually its subject (`江门市总工会联合…`): a bonus.
const FIRST_IN_SECTION: f64 = 1.2;
/// A byline or office correspondent (`云安工`, `深工宣`) says whose report it is: worth more
/// than a mention in the heading (3.0) less the lead's; enough to decide between two
/// unions the text names equally.
const ATTRIBUTION_WEIGHT: f64 = 2.0;
/// With no union named, a county-level place counts for its city at this share (a report
/// about 台山 is a 江门 report, but a city named outright says more).
const COUNTY_TO_CITY: f64 = 0.8;
/// A town (`虎门镇`, `厚街镇`) counts for its city at this share: in 东莞 and 中山, which
/// have no county level, the town is all an article may name.
const TOWN_TO_CITY: f64 = 0.6;

/// Chooses the union body that acted: mentions weighted by where they stand (heading and the
/// lead's first sentence most), plus attributions (`X工` bylines, office correspondents).
/// A `市总工会` with no place before it, and an industrial park's union named without one,
/// take the city of the places of the heading and lead. Without any union, the places of
/// the heading and lead decide the city.
#[must_use]
pub fn resolve(
    full: &str,
    hits: &[PlaceHit],
    sections: &[Section],
    attributions: &[&str],
) -> Resolved {
    let folded = crate::text::script::simplified(full);
    resolve_folded(full, &folded, hits, sections, attributions)
}

/// [`resolve`], given `full` folded to simplified script (union names are matched in it).
#[must_use]
pub fn resolve_folded(
    full: &str,
    folded: &str,
    hits: &[PlaceHit],
    sections: &[Section],
    attributions: &[&str],
) -> Resolved {
    let g = Gazetteer::get();
    let ranges: Vec<std::ops::Range<usize>> = sections.iter().map(|s| s.range.clone()).collect();
    let context_end = ranges
        .get(CONTEXT_SECTIONS.min(ranges.len()).saturating_sub(1))
        .map_or(0, |r| r.end);
    let context: Vec<usize> = cities_of_hits(full, hits.iter().filter(|h| h.end <= context_end));
    // The place of the heading and lead, for unions that name none.
    let (context_city, context_county) = weighted_place(
        full,
        hits,
        &sections[..CONTEXT_SECTIONS.min(sections.len())],
    );
    let mut unresolved = None;
    let mut scores: Vec<(UnionBody, f64, usize)> = Vec::new();
    let mut add = |body: UnionBody, w: f64, order: usize| {
        if let Some(e) = scores
            .iter_mut()
            .find(|e| e.0.name == body.name && e.0.city == body.city)
        {
            e.1 += w;
            e.2 = e.2.min(order);
        } else {
            scores.push((body, w, order));
        }
    };
    let mut order = 0;
    for (sec, range) in sections.iter().zip(&ranges) {
        let mut first = true;
        for m in mentions_in(folded, hits, range.clone(), sec.short_forms) {
            let provincial = m.body.city.is_none() && m.body.name == "广东省总工会";
            let body = if m.body.city.is_some() || provincial {
                m.body
            } else if let Some(level) = relative_level(&m.body.name) {
                let by_context = || {
                    match level {
                        '市' => context_city.map(Place::City),
                        '区' | '县' => context_county.map(Place::County),
                        _ => None,
                    }
                    .filter(|p| fits_level(g, *p, level))
                    .and_then(federation_of)
                };
                match resolve_relative(full, hits, m.start, level).or_else(by_context) {
                    Some(b) => b,
                    None => {
                        unresolved = unresolved.or(Some(level));
                        continue;
                    }
                }
            } else {
                // An organisation named without a place (an industrial park's union).
                let Some(c) = context_city else {
                    continue;
                };
                UnionBody {
                    city: Some(c),
                    ..m.body
                }
            };
            let mut w = sec.weight;
            if body.industry {
                w *= INDUSTRY_WEIGHT;
            }
            if provincial {
                w *= PROVINCIAL_WEIGHT;
            }
            if first {
                w *= FIRST_IN_SECTION;
                first = false;
            }
            add(body, w, order);
            order += 1;
        }
    }
    for a in attributions
        .iter()
        .filter_map(|a| from_attribution(a, &context))
    {
        add(a, ATTRIBUTION_WEIGHT, usize::MAX);
    }
    let cities = cities_of_hits(full, hits.iter());
    let best = scores
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.2.cmp(&a.2)));
    if let Some((body, _, _)) = best {
        return Resolved {
            city: body.city,
            county: body.county.clone(),
            union: Some(body),
            cities,
            unresolved: None,
        };
    }
    // No union named: the most weighted place of the heading and lead.
    let (city, county) = weighted_place(full, hits, sections);
    Resolved {
        union: None,
        city,
        county: county.map(|k| g.counties[k].name.clone()),
        cities,
        unresolved: unresolved.filter(|_| city.is_none()),
    }
}

/// The level of a relative union's name (`市总工会` → 市, `街道总工会` → 街), if it is one.
fn relative_level(name: &str) -> Option<char> {
    let level = name.strip_suffix("总工会")?;
    matches!(level, "市" | "区" | "县" | "镇" | "街道").then(|| level.chars().next())?
}

/// The city's federation (`韶关市总工会`), for a `市总工会` placed by the page.
#[must_use]
pub fn federation_of_city(city: usize) -> Option<UnionBody> {
    federation_of(Place::City(city))
}

/// The city and county most weighted by the places `sections` name: a city counts its
/// section's weight, a county that and [`COUNTY_TO_CITY`] of it for its city, a town
/// [`TOWN_TO_CITY`] of it for its city. Ambiguous names and everyday words do not count.
fn weighted_place(
    full: &str,
    hits: &[PlaceHit],
    sections: &[Section],
) -> (Option<usize>, Option<usize>) {
    let g = Gazetteer::get();
    let mut city_w: HashMap<usize, f64> = HashMap::new();
    let mut county_w: HashMap<usize, f64> = HashMap::new();
    for h in hits {
        let Some(sec) = sections.iter().find(|s| s.range.contains(&h.start)) else {
            continue;
        };
        let weight = sec.weight;
        if (h.short && Gazetteer::is_common_word(&full[h.start..h.end])) || h.places.len() != 1 {
            continue;
        }
        match h.places[0] {
            Place::City(c) => *city_w.entry(c).or_default() += weight,
            Place::County(k) => {
                *county_w.entry(k).or_default() += weight;
                *city_w.entry(g.counties[k].city).or_default() += weight * COUNTY_TO_CITY;
            }
            Place::Town(t) => {
                *city_w.entry(g.towns[t].city).or_default() += weight * TOWN_TO_CITY;
            }
        }
    }
    let city = city_w
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(c, _)| c);
    let county = county_w
        .into_iter()
        .filter(|(k, _)| Some(g.counties[*k].city) == city)
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(k, _)| k);
    (city, county)
}

fn cities_of_hits<'h, 'g: 'h>(
    text: &str,
    hits: impl Iterator<Item = &'h PlaceHit<'g>>,
) -> Vec<usize> {
    let g = Gazetteer::get();
    let mut out = Vec::new();
    for h in hits {
        if h.short && Gazetteer::is_common_word(&text[h.start..h.end]) {
            continue;
        }
        let city = match h.places {
            [Place::City(c)] => Some(*c),
            [Place::County(k)] => Some(g.counties[*k].city),
            [Place::Town(t)] if !h.short => Some(g.towns[*t].city),
            _ => None,
        };
        if let Some(c) = city {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        mentions(text, true)
            .into_iter()
            .map(|m| m.body.name)
            .collect()
    }

    #[test]
    fn finds_union_bodies() {
        assert_eq!(names("江门台山市总工会召开"), ["台山市总工会"]);
        assert_eq!(names("惠州市总推进工作"), ["惠州市总工会"]);
        assert_eq!(
            names("广州市白云区永平街道总工会"),
            ["白云区永平街道总工会"]
        );
        assert_eq!(names("河源市高新区总工会"), ["高新区总工会"]);
        assert_eq!(
            names("深圳市龙岗区宝龙社区工联会"),
            ["龙岗区宝龙社区工联会"]
        );
        assert_eq!(names("梅州工会为职工送温暖"), ["梅州市总工会"]);
        assert_eq!(names("阳江市工会第八次代表大会"), ["阳江市总工会"]);
        assert!(names("企业工会和基层工会").is_empty());
    }

    #[test]
    fn ordinals_quantities_and_verbs_are_no_part_of_a_name() {
        assert_eq!(
            names("江门市第一家快递行业工会联合会成立"),
            ["江门市快递行业工会联合会"]
        );
        assert_eq!(
            names("江门市第二家快递行业工会联合会成立"),
            ["江门市快递行业工会联合会"]
        );
        assert_eq!(
            names("东莞市首个物流行业工会联合会"),
            ["东莞市物流行业工会联合会"]
        );
        assert_eq!(
            names("韶关市组建物流行业工会联合会"),
            ["韶关市物流行业工会联合会"]
        );
        assert!(names("佛山市南海区多家企业工会").is_empty());
        assert!(names("湛江市各级工会组织").is_empty());
        assert!(names("汕头市潮南区首个村级工会联合会").is_empty());
    }

    #[test]
    fn parks_and_towns() {
        assert_eq!(
            names("深圳市南山区科技园工会联合会"),
            ["南山区科技园工会联合会"]
        );
        // A park named with no place before it: its city comes from the article.
        let m = mentions("近日，智造科创园区工会联合会举办培训", true);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].body.name, "智造科创园区工会联合会");
        assert_eq!(m[0].body.city, None);
        // 东莞 and 中山 towns sit directly under the city.
        let m = mentions("厚街镇总工会开展活动", true);
        let g = Gazetteer::get();
        assert_eq!(m[0].body.city, g.city_index("东莞"));
        assert_eq!(m[0].body.county, None);
    }

    fn resolved(text: &str) -> Resolved {
        let hits = Gazetteer::get().scan(text);
        let sections = [Section {
            range: 0..text.len(),
            weight: 3.0,
            short_forms: false,
        }];
        resolve(text, &hits, &sections, &[])
    }

    #[test]
    fn relative_unions_by_town_and_by_the_lead() {
        let g = Gazetteer::get();
        let r = resolved("虎门镇一家企业的工会驿站开放，镇总工会送上慰问品");
        assert_eq!(r.union.map(|u| u.name).as_deref(), Some("虎门镇总工会"));
        assert_eq!(r.city, g.city_index("东莞"));
        // No place before 市总工会: the places of the heading and lead, even after it.
        let r = resolved("由市总工会主办的篮球赛在汕头市体育中心开幕");
        assert_eq!(r.union.map(|u| u.name).as_deref(), Some("汕头市总工会"));
        // Nothing to place it by: left for the page.
        let r = resolved("我市职工书法作品展由市总工会举办");
        assert_eq!((r.union, r.city, r.unresolved), (None, None, Some('市')));
        // A town alone, with no union, places the article in its city.
        let r = resolved("塘厦镇首期企业职工夜校开课");
        assert_eq!((r.union, r.city), (None, g.city_index("东莞")));
    }

    #[test]
    fn union_names_alone() {
        assert!(is_union_name("惠州市惠阳区总工会"));
        assert!(is_union_name("江门台山市总"));
        assert!(!is_union_name("惠阳区总工会开展送温暖活动"));
    }

    #[test]
    fn attributions() {
        let g = Gazetteer::get();
        let jm = g.city_index("江门").into_iter().collect::<Vec<_>>();
        assert_eq!(
            from_attribution("台工宣", &jm).map(|b| b.name).as_deref(),
            Some("台山市总工会")
        );
        assert_eq!(
            from_attribution("惠工宣", &[]).map(|b| b.name).as_deref(),
            Some("惠州市总工会")
        );
        assert_eq!(
            from_attribution("博罗工", &[]).map(|b| b.name).as_deref(),
            Some("博罗县总工会")
        );
        assert_eq!(from_attribution("张三", &[]), None);
    }

    #[test]
    fn relative_unions_take_the_nearest_place() {
        let text = "由梅州兴宁市委宣传部、市总工会主办";
        let hits = Gazetteer::get().scan(text);
        let sections = [Section {
            range: 0..text.len(),
            weight: 3.0,
            short_forms: false,
        }];
        let r = resolve(text, &hits, &sections, &[]);
        assert_eq!(r.union.map(|u| u.name).as_deref(), Some("兴宁市总工会"));
    }
}
