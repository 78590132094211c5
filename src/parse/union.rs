//! Union bodies and places: finding union names in an article (`江门台山市总工会`,
//! `湛江市总`, `区总工会`, `揭阳工会`, `惠州市大亚湾区总工会`, `龙岗区宝龙社区工联会`), resolving
//! them through the gazetteer, and choosing the one that acted. Also the `X工` bylines and
//! correspondents (`云安工`, `深工宣`) as evidence, and the other cities an article names.

use super::lines::is_han;
use crate::places::{CountyKind, Gazetteer, Place, PlaceHit};
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

const FUNCTIONAL_WHOLE: &[&str] = &[
    "高新区",
    "经开区",
    "开发区",
    "保税区",
    "自贸区",
    "合作区",
    "产业园",
    "工业园",
    "工业园区",
];
const FUNCTIONAL_SUFFIX: &[&str] = &[
    "新区",
    "高新区",
    "开发区",
    "经开区",
    "保税区",
    "合作区",
    "园区",
    "工业园",
    "产业园",
    "试验区",
];
const LOCAL_SUFFIX: &[&str] = &["社区", "村", "街道", "镇", "乡", "片区"];
/// Words that start with 总 and so make `市总` no union: 市总体规划, 市总书记…
const NOT_SHORT_UNION: &[char] = &[
    '体', '结', '计', '额', '量', '数', '部', '书', '经', '理', '队', '站', '台', '规', '值', '和',
    '共', '监', '裁', '指', '长', '院', '局', '会', '署', '占', '产', '面', '人', '投',
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    /// 总工会, 工会 after a place, or the short 总 (市总).
    Federation,
    /// 工联会 / 工会联合会.
    Joint(&'static str),
    /// 工会 after an industry or unit name.
    Plain,
}

/// Finds every union name in `text`. `short_forms` lets the paper's heading short form
/// `X市总` count (in running text 市总… is too often another word).
#[must_use]
pub fn mentions(text: &str, short_forms: bool) -> Vec<Mention> {
    let hits = Gazetteer::get().scan(text);
    mentions_in(text, &hits, 0..text.len(), short_forms)
}

/// Union names within `range` of `text`, given the place names of all of `text`.
fn mentions_in(
    text: &str,
    hits: &[PlaceHit],
    range: std::ops::Range<usize>,
    short_forms: bool,
) -> Vec<Mention> {
    // Union names are matched in simplified script (總工會 is 总工会); the fold keeps every
    // offset, and the names found come out folded.
    let folded = crate::text::script::simplified(text);
    let text: &str = &folded;
    let g = Gazetteer::get();
    let mut out = Vec::new();
    let mut skip_until = 0;
    let base = range.start;
    let section = &text[range];
    // Every 工 (E5 B7 A5) and 总 (E6 80 BB), in order: found in one pass by their last
    // bytes, then checked whole.
    let bytes = section.as_bytes();
    for last in memchr::memchr2_iter(0xA5, 0xBB, bytes) {
        let Some(i) = last.checked_sub(2) else {
            continue;
        };
        let c = match bytes.get(i..=last) {
            Some([0xE5, 0xB7, 0xA5]) => '工',
            Some([0xE6, 0x80, 0xBB]) => '总',
            _ => continue,
        };
        let s = base + i;
        if s < skip_until {
            continue;
        }
        let rest = &text[s..];
        let (suffix, len) = if rest.starts_with("工会联合会") {
            (Suffix::Joint("工会联合会"), "工会联合会".len())
        } else if rest.starts_with("工联会") {
            (Suffix::Joint("工联会"), "工联会".len())
        } else if rest.starts_with("总工会") {
            (Suffix::Federation, "总工会".len())
        } else if rest.starts_with("工会") {
            (Suffix::Plain, "工会".len())
        } else if c == '总' && short_forms {
            let before = text[..s].chars().next_back();
            let after = rest[c.len_utf8()..].chars().next();
            if matches!(before, Some('市' | '区' | '县'))
                && !after.is_some_and(|a| a == '工' || NOT_SHORT_UNION.contains(&a))
            {
                (Suffix::Federation, c.len_utf8())
            } else {
                continue;
            }
        } else {
            continue;
        };
        skip_until = s + len;
        if let Some(body) = resolve_prefix(text, s, suffix, hits, g) {
            let start = if body.city.is_none() {
                // 市总工会 / 省总工会: the mention starts at its one-character level.
                text[..s].char_indices().next_back().map_or(s, |(i, _)| i)
            } else {
                chain_start(hits, s)
            };
            out.push(Mention {
                start,
                end: s + len,
                body,
            });
        }
    }
    out
}

/// Where the chain of place names before a union suffix at `s` starts: the place names that
/// touch each other, the last of them ending at `s` or a short sub-unit (高新区) before it.
fn chain_start(hits: &[PlaceHit], s: usize) -> usize {
    let before = hits.partition_point(|h| h.end <= s);
    let Some(last) = hits[..before].last().filter(|h| s - h.end <= 6 * 3) else {
        return s;
    };
    let mut start = last.start;
    while let Some(h) = hit_ending_at(hits, start) {
        start = h.start;
    }
    start
}

/// What a run of text between a place and a union suffix is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Functional,
    Local,
    Industry,
}

fn classify_segment(seg: &str) -> Option<Segment> {
    let n = seg.chars().count();
    if n == 0 || n > 6 || !seg.chars().all(is_han) {
        return None;
    }
    if FUNCTIONAL_WHOLE.contains(&seg) {
        return Some(Segment::Functional);
    }
    for suf in FUNCTIONAL_SUFFIX {
        if seg.ends_with(suf) && n > suf.chars().count() {
            return Some(Segment::Functional);
        }
    }
    // A functional area named like a district (大亚湾区): official districts are found as
    // places, so an unknown X区 of three or more characters after a city is such an area.
    if n >= 3 && seg.ends_with('区') && !seg.ends_with("社区") && !seg.ends_with("片区") {
        return Some(Segment::Functional);
    }
    for suf in LOCAL_SUFFIX {
        if seg.ends_with(suf) && n > suf.chars().count() {
            return Some(Segment::Local);
        }
    }
    if seg.ends_with(['业', '统']) || seg.ends_with("行业") {
        return Some(Segment::Industry);
    }
    None
}

fn resolve_prefix(
    text: &str,
    s: usize,
    suffix: Suffix,
    hits: &[PlaceHit],
    g: &Gazetteer,
) -> Option<UnionBody> {
    // Most 工会 have no place name near them (基层工会, 企业工会): nothing to resolve.
    let near = hits[..hits.partition_point(|h| h.end <= s)]
        .last()
        .is_some_and(|h| s - h.end <= 6 * 3);
    if !near {
        return relative(text, s, suffix);
    }
    // A place right before the suffix, or a place and a sub-unit (高新区, 宝龙社区, 新业态行业).
    let mut candidates: Vec<(&PlaceHit, Option<(&str, Segment)>)> = Vec::new();
    if let Some(h) = hit_ending_at(hits, s) {
        candidates.push((h, None));
    }
    // Hits are sorted and do not overlap: those ending within six characters before `s`.
    let before = hits.partition_point(|h| h.end < s);
    for h in hits[..before]
        .iter()
        .rev()
        .take_while(|h| s - h.end <= 6 * 3)
    {
        let seg = &text[h.end..s];
        if let Some(kind) = classify_segment(seg) {
            candidates.push((h, Some((seg, kind))));
        }
    }
    for (h, seg) in candidates {
        if let Some(body) = body_from_chain(text, hits, h, seg, suffix, g) {
            return Some(body);
        }
    }
    relative(text, s, suffix)
}

/// The place name ending exactly at byte `end` (hits are sorted and do not overlap).
fn hit_ending_at<'a, 'g>(hits: &'a [PlaceHit<'g>], end: usize) -> Option<&'a PlaceHit<'g>> {
    let i = hits.partition_point(|h| h.end < end);
    hits.get(i).filter(|h| h.end == end)
}

/// `市总工会`, `区总工会`, `省总工会` with no place before them: resolved later by context;
/// here only the provincial union is final.
fn relative(text: &str, s: usize, suffix: Suffix) -> Option<UnionBody> {
    if suffix != Suffix::Federation {
        return None;
    }
    let before = text[..s].chars().next_back()?;
    match before {
        '省' if !text[..s].ends_with("全省") => Some(UnionBody {
            name: "广东省总工会".to_string(),
            city: None,
            county: None,
            industry: false,
        }),
        '市' | '区' | '县' => {
            // Skip 各市/全市/各区…: those are many unions, not one.
            let prev2 = text[..s - before.len_utf8()].chars().next_back();
            if matches!(prev2, Some('各' | '全' | '本' | '该' | '两' | '三' | '多')) {
                return None;
            }
            Some(UnionBody {
                name: format!("{before}总工会"),
                city: None,
                county: None,
                industry: false,
            })
        }
        _ => None,
    }
}

/// Picks a consistent meaning for a chain of place names ending at `last`.
fn body_from_chain(
    text: &str,
    hits: &[PlaceHit],
    last: &PlaceHit,
    seg: Option<(&str, Segment)>,
    suffix: Suffix,
    g: &Gazetteer,
) -> Option<UnionBody> {
    // The chain, most specific last: hits that touch each other.
    let mut chain = vec![last];
    let mut pos = last.start;
    while let Some(h) = hit_ending_at(hits, pos) {
        chain.insert(0, h);
        pos = h.start;
    }
    let word = |h: &PlaceHit| &text[h.start..h.end];
    let lone = chain.len() == 1;
    let options: Vec<Place> = last
        .places
        .iter()
        .copied()
        .filter(|p| {
            if !last.short {
                return true;
            }
            match p {
                Place::City(_) => true,
                Place::County(_) => {
                    !lone
                        || (seg.is_none() && !Gazetteer::is_common_word(word(last)))
                        || (seg.is_none() && suffix != Suffix::Plain)
                }
                Place::Town(_) => !lone,
            }
        })
        .collect();
    let consistent = |p: Place| {
        chain[..chain.len() - 1].iter().all(|h| {
            h.places.iter().any(|q| match (*q, p) {
                (Place::City(c), _) => g.city_of(p) == c,
                (Place::County(k), Place::Town(t)) => g.towns[t].county == Some(k),
                (Place::County(k), Place::County(k2)) => k == k2,
                _ => false,
            })
        })
    };
    let place = options.into_iter().find(|p| consistent(*p))?;
    if lone && matches!(place, Place::Town(_)) && last.places.len() > 1 {
        return None;
    }
    let city = g.city_of(place);
    let county_name = g.county_of(place).map(|k| g.counties[k].name.clone());
    let place_name = match place {
        Place::City(c) => g.cities[c].name.clone(),
        Place::County(k) => g.counties[k].name.clone(),
        Place::Town(t) => format!(
            "{}{}",
            county_name.clone().unwrap_or_default(),
            g.towns[t].name
        ),
    };
    let (name, county, industry) = match seg {
        None => {
            let suf = match suffix {
                Suffix::Joint(s) => s,
                _ => "总工会",
            };
            let county = county_name;
            (format!("{place_name}{suf}"), county, false)
        }
        Some((seg, kind)) => {
            let suf = match suffix {
                Suffix::Joint(s) => s,
                Suffix::Federation => "总工会",
                Suffix::Plain => "工会",
            };
            let base = match place {
                Place::City(_) => String::new(),
                _ => place_name,
            };
            match kind {
                Segment::Functional => {
                    let area = format!("{base}{seg}");
                    (
                        format!("{area}{}", if suf == "工会" { "总工会" } else { suf }),
                        Some(area),
                        false,
                    )
                }
                Segment::Local => (format!("{base}{seg}{suf}"), county_name, false),
                Segment::Industry => {
                    let base = match place {
                        Place::City(c) => g.cities[c].name.clone(),
                        _ => base,
                    };
                    (format!("{base}{seg}{suf}"), county_name, true)
                }
            }
        }
    };
    let _ = CountyKind::District;
    Some(UnionBody {
        name,
        city: Some(city),
        county,
        industry,
    })
}

/// Whether a heading line is nothing but a union body's name (`惠州市惠城区总工会`, `江门台山市总`).
#[must_use]
pub fn is_union_name(text: &str) -> bool {
    let t = text.trim();
    mentions(t, true)
        .iter()
        .any(|m| m.start == 0 && m.end == t.len() && !m.body.industry)
}

/// [`is_union_name`], given the place names of `text` (as [`Gazetteer::scan`] finds them).
#[must_use]
pub fn is_union_name_scanned(text: &str, hits: &[PlaceHit]) -> bool {
    if text.trim().len() != text.len() {
        return is_union_name(text);
    }
    mentions_in(text, hits, 0..text.len(), true)
        .iter()
        .any(|m| m.start == 0 && m.end == text.len() && !m.body.industry)
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
            name: format!("{}总工会", g.cities[c].name),
            city: Some(c),
            county: None,
            industry: false,
        },
        Place::County(k) => UnionBody {
            name: format!("{}总工会", g.counties[k].name),
            city: Some(g.counties[k].city),
            county: Some(g.counties[k].name.clone()),
            industry: false,
        },
        Place::Town(_) => return None,
    })
}

/// Resolves `市总工会` / `区总工会` / `县总工会` to the nearest place of that level named before
/// `pos` in `text`.
fn resolve_relative(text: &str, hits: &[PlaceHit], pos: usize, level: char) -> Option<UnionBody> {
    let g = Gazetteer::get();
    let before = hits.partition_point(|h| h.end <= pos);
    for h in hits[..before].iter().rev() {
        if h.short && Gazetteer::is_common_word(&text[h.start..h.end]) {
            continue;
        }
        for p in h.places {
            let fits = match (*p, level) {
                (Place::City(_), '市') => true,
                (Place::County(k), '市') => g.counties[k].kind == CountyKind::CountyCity,
                (Place::County(k), '区') => g.counties[k].kind == CountyKind::District,
                (Place::County(k), '县') => g.counties[k].kind == CountyKind::County,
                _ => false,
            };
            if fits {
                return federation_of(*p);
            }
        }
    }
    None
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
}

/// How many leading sections set the context for one-character attributions (`台工宣`).
const CONTEXT_SECTIONS: usize = 3;

/// Chooses the union body that acted: mentions weighted by where they stand (heading and the
/// lead's first sentence most), plus attributions (`X工` bylines, office correspondents).
/// Without any union, the places of the heading and lead decide the city.
#[must_use]
pub fn resolve(
    full: &str,
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
        for m in mentions_in(full, hits, range.clone(), sec.short_forms) {
            let body = if m.body.city.is_none() && m.body.name != "广东省总工会" {
                let level = m.body.name.chars().next().unwrap_or('市');
                match resolve_relative(full, hits, m.start, level) {
                    Some(b) => b,
                    None => continue,
                }
            } else {
                m.body
            };
            let mut w = sec.weight;
            if body.industry {
                w *= 0.3;
            }
            if body.city.is_none() {
                w *= 0.5;
            }
            if first {
                w *= 1.2;
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
        add(a, 2.0, usize::MAX);
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
        };
    }
    // No union named: the most weighted place of the heading and lead.
    let mut city_w: HashMap<usize, f64> = HashMap::new();
    let mut county_w: HashMap<usize, f64> = HashMap::new();
    for h in hits {
        let Some(sec) = ranges.iter().position(|r| r.contains(&h.start)) else {
            continue;
        };
        let weight = sections[sec].weight;
        if (h.short && Gazetteer::is_common_word(&full[h.start..h.end])) || h.places.len() != 1 {
            continue;
        }
        match h.places[0] {
            Place::City(c) => *city_w.entry(c).or_default() += weight,
            Place::County(k) => {
                *county_w.entry(k).or_default() += weight;
                *city_w.entry(g.counties[k].city).or_default() += weight * 0.8;
            }
            Place::Town(_) => {}
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
        .map(|(k, _)| g.counties[k].name.clone());
    Resolved {
        union: None,
        city,
        county,
        cities,
    }
}

/// The cities a text names, in order of first mention.
#[must_use]
pub fn cities_in(text: &str) -> Vec<usize> {
    cities_of_hits(text, Gazetteer::get().scan(text).iter())
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
