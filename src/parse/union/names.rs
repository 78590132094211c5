//! Finding union bodies' names in text: a place chain before 工会 / 总工会 / 工联会 /
//! 工会联合会 (`江门台山市总工会`, `惠州市大亚湾区总工会`, `龙岗区宝龙社区工联会`), the paper's
//! short form `湛江市总`, an organisation after its place (`新业态行业`, `智造科创园区`) with
//! the words that are never part of a name cut away (`第一家`, `组建`, `位于…的`), and the
//! relative forms (`市总工会`, `镇总工会`) left for [`super::resolve`] to place. Pure reading
//! of one text: it never weighs one union against another.

use super::{Mention, UnionBody};
use crate::parse::lines::is_han;
use crate::places::{Gazetteer, Place, PlaceHit};

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
    "科技园",
    "软件园",
    "物流园",
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
    "科技园",
    "软件园",
    "物流园",
    "创意园",
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
    let folded = crate::text::script::simplified(text);
    mentions_in(&folded, &hits, 0..text.len(), short_forms)
}

/// Union names within `range` of `text`, given the place names of all of `text`. `text` is
/// folded to simplified script already ([`crate::text::script::simplified`]; 總工會 is
/// 总工会): the fold keeps every offset, and the names found come out folded. Folding is
/// the caller's, once for all the sections of an article.
pub(super) fn mentions_in(
    text: &str,
    hits: &[PlaceHit],
    range: std::ops::Range<usize>,
    short_forms: bool,
) -> Vec<Mention> {
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
        if let Some((body, named_at)) = resolve_prefix(text, s, suffix, hits, g) {
            let start = if let Some(at) = named_at {
                at
            } else if body.city.is_none() {
                // 市总工会 / 省总工会 / 街道总工会: the mention starts at its level.
                let level = if text[..s].ends_with("街道") { 2 } else { 1 };
                text[..s]
                    .char_indices()
                    .rev()
                    .nth(level - 1)
                    .map_or(s, |(i, _)| i)
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
    let Some(last) = hits[..before]
        .last()
        .filter(|h| s - h.end <= NAME_WINDOW * 3)
    else {
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
    if n == 0 || n > ORGANISATION_MAX || !seg.chars().all(is_han) {
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

/// How far (in characters) a place may stand before a union suffix and still name it, words
/// that are no part of the name included (`江门市第一家快递行业工会联合会`).
const NAME_WINDOW: usize = 12;
/// The longest organisation name (after its place) that a union suffix takes.
const ORGANISATION_MAX: usize = 6;

/// Words that are never part of a union body's name: ordinals and quantities (a union is one
/// body, `首个`, `多家`, `各级`, `全市`), verbs (`成立`, `组建`) and the little words that
/// join a place to what stands in it (`位于…的`). A name is what follows the last of them.
const NOT_IN_NAME: &[&str] = &[
    "首个", "首家", "首批", "又一", "一家", "一个", "多家", "多个", "两家", "各级", "各类", "全市",
    "全区", "全县", "全镇", "全省", "成立", "组建", "建立", "筹建", "揭牌", "召开", "举办", "推动",
    "指导", "联合", "牵头", "率先", "依托", "走访", "慰问", "设立", "位于", "的", "在", "由", "与",
    "及", "各", "该",
];

/// The words of [`NOT_IN_NAME`] by their first character (sorted by it), each group in the
/// list's order: a character starts the words of its group or none.
fn not_in_name_by_first() -> &'static [(char, Vec<&'static str>)] {
    static BY_FIRST: std::sync::OnceLock<Vec<(char, Vec<&'static str>)>> =
        std::sync::OnceLock::new();
    BY_FIRST.get_or_init(|| {
        let mut groups: Vec<(char, Vec<&'static str>)> = Vec::new();
        for &w in NOT_IN_NAME {
            let Some(f) = w.chars().next() else {
                continue;
            };
            match groups.iter_mut().find(|(g, _)| *g == f) {
                Some((_, words)) => words.push(w),
                None => groups.push((f, vec![w])),
            }
        }
        groups.sort_by_key(|(f, _)| *f);
        groups
    })
}

/// A bit for each of 256 slots of a character's code: set where a [`NOT_IN_NAME`] word or
/// the ordinal 第 may start with it.
struct Starts([u64; 4]);

impl Starts {
    fn slot(c: char) -> usize {
        (c as usize) & 0xFF
    }

    fn may_start(&self, c: char) -> bool {
        let s = Starts::slot(c);
        self.0[s / 64] & (1 << (s % 64)) != 0
    }
}

/// [`Starts`] of the [`NOT_IN_NAME`] words and 第.
fn not_in_name_starts() -> &'static Starts {
    static STARTS: std::sync::OnceLock<Starts> = std::sync::OnceLock::new();
    STARTS.get_or_init(|| {
        let mut bits = [0u64; 4];
        let firsts = not_in_name_by_first().iter().map(|(f, _)| *f);
        for c in firsts.chain(['第']) {
            let s = Starts::slot(c);
            bits[s / 64] |= 1 << (s % 64);
        }
        Starts(bits)
    })
}

/// Organisation words too general to name one body (`多家企业工会`, `基层工会`).
const GENERIC_ORGANISATIONS: &[&str] = &[
    "企业", "行业", "产业", "基层", "单位", "系统", "职工", "会员", "村级", "园区",
];

/// The part of `seg` after its last word that is no part of a name (see [`NOT_IN_NAME`]), and
/// whether anything was cut.
fn organisation_words(seg: &str) -> (&str, bool) {
    let by_first = not_in_name_by_first();
    let starts = not_in_name_starts();
    let mut cut = 0;
    for (i, c) in seg.char_indices() {
        // Most characters start no word and are no 第: one bit tells, before the search.
        if !starts.may_start(c) {
            continue;
        }
        let rest = &seg[i..];
        let word = by_first
            .binary_search_by_key(&c, |(f, _)| *f)
            .ok()
            .and_then(|k| by_first[k].1.iter().find(|w| rest.starts_with(**w)));
        if let Some(w) = word {
            cut = cut.max(i + w.len());
        } else if c == '第' {
            // 第一家, 第3个, 第二批: an ordinal.
            let digits = rest['第'.len_utf8()..]
                .char_indices()
                .take_while(|(_, d)| d.is_ascii_digit() || "一二三四五六七八九十百".contains(*d))
                .last()
                .map(|(k, d)| k + d.len_utf8());
            if let Some(k) = digits {
                let after = &rest['第'.len_utf8() + k..];
                if let Some(m) = ['家', '个', '批'].iter().find(|m| after.starts_with(**m)) {
                    cut = cut.max(i + '第'.len_utf8() + k + m.len_utf8());
                }
            }
        }
    }
    (&seg[cut..], cut > 0)
}

/// The name before a union suffix at `s`, and where it starts in `text` when it is an
/// organisation's own name with no place before it (`智造科创园区工会联合会`).
fn resolve_prefix(
    text: &str,
    s: usize,
    suffix: Suffix,
    hits: &[PlaceHit],
    g: &Gazetteer,
) -> Option<(UnionBody, Option<usize>)> {
    // Most 工会 have no place name near them (基层工会, 企业工会): nothing to resolve.
    let near = hits[..hits.partition_point(|h| h.end <= s)]
        .last()
        .is_some_and(|h| s - h.end <= NAME_WINDOW * 3);
    if !near {
        return named_area(text, s, suffix)
            .or_else(|| relative(text, s, suffix).map(|b| (b, None)));
    }
    // A place right before the suffix, or a place and a sub-unit (高新区, 宝龙社区, 新业态行业).
    // Each candidate: the place, the organisation after it, and whether words were cut.
    let mut candidates: Vec<Candidate> = Vec::new();
    if let Some(h) = hit_ending_at(hits, s) {
        candidates.push((h, None, false));
    }
    // Hits are sorted and do not overlap: those ending within the window before `s`.
    let before = hits.partition_point(|h| h.end < s);
    for h in hits[..before]
        .iter()
        .rev()
        .take_while(|h| s - h.end <= NAME_WINDOW * 3)
    {
        let (seg, cut) = organisation_words(&text[h.end..s]);
        if seg.is_empty() || GENERIC_ORGANISATIONS.contains(&seg) {
            continue;
        }
        if let Some(kind) = classify_segment(seg) {
            candidates.push((h, Some((seg, kind)), cut));
        }
    }
    for (h, seg, cut) in candidates {
        if let Some(body) = body_from_chain(text, hits, h, seg, suffix, cut, g) {
            return Some((body, None));
        }
    }
    relative(text, s, suffix).map(|b| (b, None))
}

/// A place before a union suffix, what stands between them, and whether words that are no
/// part of a name were cut from it.
type Candidate<'a, 'g> = (&'a PlaceHit<'g>, Option<(&'a str, Segment)>, bool);

/// An industrial park or development zone named without a place before its union
/// (`智造科创园区工会联合会`): a body whose city the article's heading and lead give.
fn named_area(text: &str, s: usize, suffix: Suffix) -> Option<(UnionBody, Option<usize>)> {
    let run_start = text[..s]
        .char_indices()
        .rev()
        .take(NAME_WINDOW)
        .take_while(|(_, c)| is_han(*c))
        .last()
        .map(|(i, _)| i)?;
    let (name, _) = organisation_words(&text[run_start..s]);
    if name.chars().count() < 3
        || FUNCTIONAL_WHOLE.contains(&name)
        || classify_segment(name) != Some(Segment::Functional)
    {
        return None;
    }
    let suf = match suffix {
        Suffix::Joint(j) => j,
        Suffix::Federation => "总工会",
        Suffix::Plain => "工会",
    };
    Some((
        UnionBody {
            name: [name, suf].concat(),
            city: None,
            county: None,
            industry: false,
        },
        Some(s - name.len()),
    ))
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
        '市' | '区' | '县' | '镇' | '道' => {
            // 街道总工会: a street's union; other 道 are none.
            let level = if before == '道' {
                if !text[..s].ends_with("街道") {
                    return None;
                }
                "街道"
            } else {
                &text[s - before.len_utf8()..s]
            };
            // Skip 各市/全市/各区…: those are many unions, not one.
            let prev2 = text[..s - level.len()].chars().next_back();
            if matches!(prev2, Some('各' | '全' | '本' | '该' | '两' | '三' | '多')) {
                return None;
            }
            Some(UnionBody {
                name: [level, "总工会"].concat(),
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
    cut: bool,
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
        Place::Town(t) => [
            county_name.as_deref().unwrap_or_default(),
            g.towns[t].name.as_str(),
        ]
        .concat(),
    };
    let (name, county, industry) = match seg {
        None => {
            let suf = match suffix {
                Suffix::Joint(s) => s,
                _ => "总工会",
            };
            let county = county_name;
            ([place_name.as_str(), suf].concat(), county, false)
        }
        Some((seg, kind)) => {
            let suf = match suffix {
                Suffix::Joint(s) => s,
                Suffix::Federation => "总工会",
                Suffix::Plain => "工会",
            };
            // A place cut from the name by other words (`位于南海区的…园区`) only locates it.
            let base = match place {
                Place::City(_) => String::new(),
                _ if cut => String::new(),
                _ => place_name,
            };
            match kind {
                Segment::Functional => {
                    let area = [base.as_str(), seg].concat();
                    let county = if cut { county_name } else { Some(area.clone()) };
                    (
                        [area.as_str(), if suf == "工会" { "总工会" } else { suf }].concat(),
                        county,
                        false,
                    )
                }
                Segment::Local => ([base.as_str(), seg, suf].concat(), county_name, false),
                Segment::Industry => {
                    let base = match place {
                        Place::City(c) => g.cities[c].name.clone(),
                        _ if cut => g.county_of(place).map_or_else(
                            || g.cities[city].name.clone(),
                            |k| g.counties[k].name.clone(),
                        ),
                        _ => base,
                    };
                    ([base.as_str(), seg, suf].concat(), county_name, true)
                }
            }
        }
    };
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
    is_union_name_folded(text, &crate::text::script::simplified(text), hits)
}

/// [`is_union_name_scanned`], given `text` folded to simplified script.
#[must_use]
pub fn is_union_name_folded(text: &str, folded: &str, hits: &[PlaceHit]) -> bool {
    if text.trim().len() != text.len() {
        return is_union_name(text);
    }
    mentions_in(folded, hits, 0..text.len(), true)
        .iter()
        .any(|m| m.start == 0 && m.end == text.len() && !m.body.industry)
}
