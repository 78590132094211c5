//! Giving what stands between two article bodies to articles: each heading line goes to the
//! article before, the article after, an article that has no heading yet, or the page's
//! banners; captions go to the article whose body matches them best; a loose byline closes the
//! article before it, and other loose lines stay unplaced. Decided by what a line says (its
//! character pairs weighted by rarity on the page, and the places it names) matched against
//! each body, with position as one signal among others. Never cuts the page (that is
//! [`super::segment`]) and never reads metadata.

use super::lines;
use super::segment::{CaptionDraft, Cut, Draft, Run, Unit};
use crate::places::{Gazetteer, Place, PlaceHit};
use keys::{bigrams, pairs, Ids, PairFilter};
use rustc_hash::FxHashSet as HashSet;

mod keys;

/// The characters and places of each article's body, for matching headings against.
struct Profile {
    /// Sorted and deduplicated.
    bigrams: Vec<u64>,
    cities: Ids,
    counties: Ids,
}

/// Cities and counties a text names (given the place names in it), by full names and
/// unambiguous short forms.
fn places_of_hits(text: &str, hits: &[PlaceHit]) -> (Ids, Ids) {
    let g = Gazetteer::get();
    let mut cities = Ids::default();
    let mut counties = Ids::default();
    for hit in hits {
        if hit.short && Gazetteer::is_common_word(&text[hit.start..hit.end]) {
            continue;
        }
        for p in hit.places {
            match *p {
                Place::City(c) => {
                    cities.insert(c);
                }
                Place::County(k) if !hit.short || hit.places.len() == 1 => {
                    counties.insert(k);
                    cities.insert(g.counties[k].city);
                }
                _ => {}
            }
        }
    }
    (cities, counties)
}

struct Scorer {
    profiles: Vec<Profile>,
    /// For each wanted pair, how many profiles have it (counted once, not per lookup).
    df: rustc_hash::FxHashMap<u64, u32>,
}

/// What a heading line or caption says, for matching against articles.
struct Features {
    /// Each bigram with its weight: rarer among the page's articles weighs more.
    bigrams: Vec<(u64, f64)>,
    cities: Ids,
    counties: Ids,
}

impl Features {
    /// The features of `text`, given its [`bigrams`] and the place names in it.
    fn of(grams: &[u64], text: &str, hits: &[PlaceHit], scorer: &Scorer) -> Features {
        let (cities, counties) = places_of_hits(text, hits);
        Features {
            bigrams: grams.iter().map(|&b| (b, scorer.weight(b))).collect(),
            cities,
            counties,
        }
    }
}

impl Scorer {
    /// The profiles of the drafts' bodies (their `body_text` and `body_hits` filled by
    /// [`fill_body_texts`]), keeping only the pairs in `wanted`.
    fn new(drafts: &[Draft], wanted: &HashSet<u64>) -> Scorer {
        let filter = PairFilter::new(wanted);
        let profiles: Vec<Profile> = drafts
            .iter()
            .map(|d| {
                let (mut cities, mut counties) = places_of_hits(&d.body_text, &d.body_hits);
                let mut grams = Vec::with_capacity(wanted.len());
                if !wanted.is_empty() {
                    filter.passed(&d.body_text, &mut grams);
                }
                for c in &d.captions {
                    let (cc, kk) = places_of_hits(&c.text, &c.hits);
                    cities.extend(cc);
                    counties.extend(kk);
                    filter.passed(&c.text, &mut grams);
                }
                // Each distinct pair the filter passed looked up once.
                grams.sort_unstable();
                grams.dedup();
                grams.retain(|b| wanted.contains(b));
                Profile {
                    bigrams: grams,
                    cities,
                    counties,
                }
            })
            .collect();
        let mut df = rustc_hash::FxHashMap::default();
        df.reserve(wanted.len());
        for p in &profiles {
            for &b in &p.bigrams {
                *df.entry(b).or_insert(0) += 1;
            }
        }
        Scorer { profiles, df }
    }

    /// Inverse document frequency of a bigram among the page's articles.
    fn weight(&self, b: u64) -> f64 {
        let df = self.df.get(&b).copied().unwrap_or(0);
        #[allow(clippy::cast_precision_loss)]
        let (n, df) = (self.profiles.len() as f64, f64::from(df));
        ((n + 1.0) / (df + 0.5)).ln()
    }

    /// How well a heading or caption fits an article's body, roughly 0..1.
    fn score(&self, f: &Features, article: usize) -> f64 {
        let Some(p) = self.profiles.get(article) else {
            return 0.0;
        };
        let (mut total, mut hit) = (0.0, 0.0);
        for &(b, w) in &f.bigrams {
            total += w;
            if p.bigrams.binary_search(&b).is_ok() {
                hit += w;
            }
        }
        let content = if total > 0.0 { hit / total } else { 0.0 };
        let named = f.cities.len() + f.counties.len();
        let place = if named == 0 {
            0.0
        } else {
            let matched = f.cities.iter().filter(|c| p.cities.contains(c)).count()
                + f.counties.iter().filter(|k| p.counties.contains(k)).count();
            #[allow(clippy::cast_precision_loss)]
            let s = (2.0 * matched as f64 - named as f64) / named as f64;
            s
        };
        content + PLACE_WEIGHT * place
    }
}

/// Score a line gets as a banner: lines that fit no neighbouring article better stay banners.
const BANNER: f64 = 0.25;
/// Headings more often stand before their article than after it.
const BEFORE_LEAD_BONUS: f64 = 0.1;
/// An article with no heading at all is likely to own a heading printed elsewhere.
const HEADLESS_BONUS: f64 = 0.1;
/// How many headless articles an end-of-page run considers.
const MAX_HEADLESS: usize = 32;

/// The place score counts half as much as the content score: a place can be named by
/// several articles of a page, the words of a heading rarely are.
const PLACE_WEIGHT: f64 = 0.5;
/// A caption printed next to an article's body more likely belongs to it than to one farther
/// away, when the words say nothing clearer.
const CAPTION_NEAR_BONUS: f64 = 0.15;

/// Fills each draft's `body_text` (its paragraphs joined by newlines) and `body_hits` (the
/// place names in it), scanned once for matching headings here and for the union body later.
pub fn fill_body_texts(drafts: &mut [Draft]) {
    let g = Gazetteer::get();
    for d in drafts {
        d.body_text = d.paragraphs.join("\n");
        d.body_hits = if d.plain {
            g.scan_folded(&d.body_text)
        } else {
            g.scan(&d.body_text)
        };
    }
}

/// A page's articles with what belongs to none of them.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    pub drafts: Vec<Draft>,
    pub banners: Vec<String>,
    pub unplaced: Vec<String>,
}

/// Gives the runs of a cut page to its articles, banners and unplaced text.
#[must_use]
pub fn attach(cut: Cut) -> Segmented {
    let Cut {
        drafts,
        runs,
        unplaced,
    } = cut;
    let mut out = Segmented {
        drafts,
        banners: Vec::new(),
        unplaced,
    };
    if !runs.is_empty() {
        assign(&mut out, runs);
    }
    out
}

/// Gives every run's heading lines, captions and loose lines to articles, banners or the
/// unplaced text. The runs between two bodies go first, then the one at the page's end (which
/// may hold the title of an article still without a heading).
fn assign(out: &mut Segmented, runs: Vec<Run>) {
    let repeated = repeated_units(&runs);
    let runs: Vec<(Run, RunGrams)> = runs
        .into_iter()
        .map(|r| {
            let grams = RunGrams {
                units: r.units.iter().map(|u| bigrams(u.joined())).collect(),
                captions: r.captions.iter().map(|c| bigrams(&c.text)).collect(),
            };
            (r, grams)
        })
        .collect();
    // Only the character pairs some heading or caption has can ever be matched.
    let mut wanted: HashSet<u64> = HashSet::default();
    let all = || {
        runs.iter()
            .flat_map(|(_, g)| g.units.iter().chain(&g.captions))
    };
    wanted.reserve(all().map(Vec::len).sum());
    for grams in all() {
        wanted.extend(grams.iter().copied());
    }
    fill_body_texts(&mut out.drafts);
    let scorer = Scorer::new(&out.drafts, &wanted);
    let (middle, tail): (Vec<_>, Vec<_>) = runs.into_iter().partition(|(r, _)| r.next.is_some());
    for (run, grams) in middle {
        assign_run(out, &scorer, run, grams, &repeated);
    }
    for (run, grams) in tail {
        assign_run(out, &scorer, run, grams, &repeated);
    }
    for d in &mut out.drafts {
        d.heading.sort_by_key(|u| u.no);
        d.captions.sort_by_key(|c| c.no);
    }
}

/// The character pairs ([`bigrams`]) of a run's heading units and captions, in their order:
/// made once, for the set of pairs wanted and again for the features of each.
struct RunGrams {
    units: Vec<Vec<u64>>,
    captions: Vec<Vec<u64>>,
}

/// A heading unit with its character pairs.
type UnitGrams = (Unit, Vec<u64>);

/// The texts of the heading lines printed more than once on the page: an article's heading
/// is printed once, a page banner may run above several articles.
fn repeated_units(runs: &[Run]) -> HashSet<String> {
    let mut seen: HashSet<&str> = HashSet::default();
    let mut twice = HashSet::default();
    for u in runs.iter().flat_map(|r| &r.units) {
        if !seen.insert(u.joined()) {
            twice.insert(u.joined().to_string());
        }
    }
    twice
}

fn assign_run(
    out: &mut Segmented,
    scorer: &Scorer,
    run: Run,
    grams: RunGrams,
    repeated: &HashSet<String>,
) {
    let Run {
        prev,
        next,
        units,
        captions,
        after_body,
        loose,
    } = run;
    let (banners, units): (Vec<UnitGrams>, Vec<UnitGrams>) = units
        .into_iter()
        .zip(grams.units)
        .partition(|(u, _)| repeated.contains(u.joined()));
    out.banners
        .extend(banners.into_iter().map(|(u, _)| u.text()));
    let candidates = candidates(&out.drafts, prev, next);
    let features: Vec<Features> = units
        .iter()
        .map(|(u, g)| Features::of(g, u.joined(), &u.hits, scorer))
        .collect();
    let units: Vec<Unit> = units.into_iter().map(|(u, _)| u).collect();
    let split = best_split(&out.drafts, scorer, &features, prev, next, &candidates);
    // Where each unit goes (its line, its article), for the captions printed among them.
    let owners: Vec<(usize, Option<usize>)> = units
        .iter()
        .enumerate()
        .map(|(k, u)| (u.no, split.owner(k, prev)))
        .collect();
    place_units(out, units, prev, next, split);
    attach_after_body(out, after_body, prev, next);
    attach_captions(out, scorer, captions, &grams.captions, prev, next, &owners);
    attach_loose(out, loose, prev);
}

/// The articles a run's trailing heading lines may go to: the article after the run, or at
/// the end of the page the articles that have no heading yet (often the page's first article,
/// whose title is printed last), the article before excepted (it is weighed on its own).
fn candidates(drafts: &[Draft], prev: Option<usize>, next: Option<usize>) -> Vec<usize> {
    if let Some(n) = next {
        return vec![n];
    }
    let mut v: Vec<usize> = drafts
        .iter()
        .enumerate()
        .filter(|(i, d)| d.heading.is_empty() && Some(*i) != prev)
        .map(|(i, _)| i)
        .collect();
    if v.len() > MAX_HEADLESS {
        v.drain(1..v.len() - MAX_HEADLESS + 1);
    }
    v
}

/// How a run's units are split: units `[0, a)` go to the article before, `[a, b)` are
/// banners, `[b, m)` go to `target`.
#[derive(Debug, Clone, Copy)]
struct Split {
    a: usize,
    b: usize,
    target: Option<usize>,
}

impl Split {
    /// The article unit `k` goes to (`None` for a banner).
    fn owner(self, k: usize, prev: Option<usize>) -> Option<usize> {
        if k < self.a {
            prev
        } else if k < self.b {
            None
        } else {
            self.target
        }
    }
}

/// The split of a run's units with the highest total score, over every target candidate.
fn best_split(
    drafts: &[Draft],
    scorer: &Scorer,
    features: &[Features],
    prev: Option<usize>,
    next: Option<usize>,
    candidates: &[usize],
) -> Split {
    let prev_score = |f: &Features| -> f64 {
        let Some(p) = prev else {
            return f64::NEG_INFINITY;
        };
        let d = &drafts[p];
        // A heading is one block: an article whose heading in front of its lead is whole
        // (a title that names a place or union body) gets no heading line after its body (a
        // line there is a banner, or the next article's). A slogan's line alone in front of
        // a lead may be a kicker whose title follows the body.
        if d.front_title && d.heading.iter().any(|u| u.no < d.no && !u.hits.is_empty()) {
            return f64::NEG_INFINITY;
        }
        let mut s = scorer.score(f, p);
        if d.heading.is_empty() {
            s += HEADLESS_BONUS;
        }
        s
    };
    let mut best: Option<(f64, Split)> = None;
    let m = features.len();
    let prev_scores: Vec<f64> = features.iter().map(prev_score).collect();
    let targets: Vec<Option<usize>> = if candidates.is_empty() {
        vec![None]
    } else {
        candidates.iter().copied().map(Some).collect()
    };
    for target in targets {
        let next_scores: Vec<f64> = features
            .iter()
            .map(|f| match target {
                Some(t) => {
                    let bonus = if next.is_some() {
                        BEFORE_LEAD_BONUS
                    } else {
                        0.0
                    };
                    scorer.score(f, t) + bonus
                }
                None => f64::NEG_INFINITY,
            })
            .collect();
        for a in 0..=m {
            if a > 0 && prev.is_none() {
                break;
            }
            let pre: f64 = prev_scores[..a].iter().sum();
            for b in a..=m {
                if b < m && target.is_none() {
                    continue;
                }
                #[allow(clippy::cast_precision_loss)]
                let total = pre + BANNER * (b - a) as f64 + next_scores[b..].iter().sum::<f64>();
                if best.is_none_or(|(s, _)| total > s + 1e-9) {
                    best = Some((total, Split { a, b, target }));
                }
            }
        }
    }
    best.map_or(
        Split {
            a: 0,
            b: m,
            target: None,
        },
        |(_, s)| s,
    )
}

/// Gives a run's units to the article before, the banners and the target, as split.
fn place_units(
    out: &mut Segmented,
    units: Vec<Unit>,
    prev: Option<usize>,
    next: Option<usize>,
    split: Split,
) {
    let Split { a, b, target } = split;
    for (k, unit) in units.into_iter().enumerate() {
        if k < a {
            if let Some(p) = prev {
                out.drafts[p].heading.push(unit);
            }
        } else if k < b {
            out.banners.push(unit.text());
        } else if let Some(t) = target {
            if next == Some(t) && is_title(&unit) {
                out.drafts[t].front_title = true;
            }
            out.drafts[t].heading.push(unit);
        }
    }
}

/// Gives each caption to the article whose body it matches best, near articles favoured; one
/// printed between two heading lines of one article (`owners`: each unit's line and article)
/// goes to that article.
fn attach_captions(
    out: &mut Segmented,
    scorer: &Scorer,
    captions: Vec<CaptionDraft>,
    grams: &[Vec<u64>],
    prev: Option<usize>,
    next: Option<usize>,
    owners: &[(usize, Option<usize>)],
) {
    for (k, cap) in captions.into_iter().enumerate() {
        // A caption printed between two heading lines of one article is that article's
        // (`阳江市总工会` / `■…` / `召开…推进会`, a title printed at the page's end).
        let before = owners
            .iter()
            .filter(|(no, _)| *no < cap.no)
            .max_by_key(|(no, _)| *no);
        let after = owners
            .iter()
            .filter(|(no, _)| *no > cap.no)
            .min_by_key(|(no, _)| *no);
        if let (Some((_, Some(i))), Some((_, Some(j)))) = (before, after) {
            if i == j {
                out.drafts[*i].captions.push(cap);
                continue;
            }
        }
        let near: Vec<usize> = prev.into_iter().chain(next).collect();
        let f = Features::of(
            grams.get(k).map_or(&[][..], Vec::as_slice),
            &cap.text,
            &cap.hits,
            scorer,
        );
        let best = (0..out.drafts.len())
            .map(|i| {
                let bonus = if near.contains(&i) {
                    CAPTION_NEAR_BONUS
                } else {
                    0.0
                };
                (scorer.score(&f, i) + bonus, i)
            })
            .max_by(|x, y| x.0.total_cmp(&y.0));
        match best.map(|(_, i)| i).or(prev).or(next) {
            Some(i) => out.drafts[i].captions.push(cap),
            None => out.unplaced.push(cap.text),
        }
    }
}

/// Gives each caption printed right after a body (before the heading lines or the lead that
/// follow it) to the article before or the one after, whichever shares more of its words:
/// the caption's distinct pairs of word characters (punctuation and its credit left out)
/// found in that article's heading and body. On a tie it closes the article before, as
/// printed. Called once the run's heading lines are placed, so the next article's heading
/// standing right after the caption counts.
fn attach_after_body(
    out: &mut Segmented,
    captions: Vec<CaptionDraft>,
    prev: Option<usize>,
    next: Option<usize>,
) {
    for cap in captions {
        let owner = match (prev, next) {
            (Some(p), Some(n)) => {
                let words = bigrams(&cap.text);
                if shared_words(&words, &out.drafts[n]) > shared_words(&words, &out.drafts[p]) {
                    Some(n)
                } else {
                    Some(p)
                }
            }
            (p, n) => p.or(n),
        };
        match owner {
            Some(i) => out.drafts[i].captions.push(cap),
            None => out.unplaced.push(cap.text),
        }
    }
}

/// How many of `words` (a caption's distinct character pairs, sorted) an article's heading
/// and body hold.
fn shared_words(words: &[u64], d: &Draft) -> usize {
    let mut found = vec![false; words.len()];
    let mut mark = |b: u64| {
        if let Ok(k) = words.binary_search(&b) {
            found[k] = true;
        }
    };
    for u in &d.heading {
        pairs(u.joined(), &mut mark);
    }
    pairs(&d.body_text, &mut mark);
    found.iter().filter(|f| **f).count()
}

/// A loose byline closes the article before it when that has none; other loose lines stay
/// unplaced.
fn attach_loose(out: &mut Segmented, loose: Vec<(usize, String)>, prev: Option<usize>) {
    for (_, text) in loose {
        match (prev, lines::byline_of_line(&text)) {
            (Some(p), Some(b)) if out.drafts[p].byline.is_none() => {
                out.drafts[p].byline = Some(lines::normalize_byline(b));
            }
            _ => out.unplaced.push(text),
        }
    }
}

/// Whether a heading unit is a title rather than just a union body's name.
fn is_title(unit: &Unit) -> bool {
    !unit.union_name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{lines, segment};

    #[test]
    fn a_line_printed_twice_is_a_banner() {
        // The banner shares words with the first article's body (学习, 贯彻, 精神): printed
        // above both articles, it is the page's, not a heading.
        let page = "深入学习贯彻全会精神\n\
                    本报讯 近日，某区总工会组织职工深入学习贯彻全会精神，开展专题宣讲。\n\
                    宣讲团走进企业车间，与职工交流学习体会。\n\
                    深入学习贯彻全会精神\n\
                    某县总工会\n\
                    开展送清凉活动\n\
                    本报讯 近日，某县总工会为一线职工送去防暑降温用品。\n";
        let s = attach(segment::cut(&lines::classify(page)));
        assert_eq!(s.banners, ["深入学习贯彻全会精神"; 2]);
        assert_eq!(s.drafts[1].heading.len(), 2);
        assert!(s.drafts[0].heading.is_empty());
    }

    #[test]
    fn a_caption_between_two_heading_lines_of_one_article_is_its() {
        // The first article's title printed at the page's end, a caption between its lines;
        // the article before the run speaks of the caption's words more.
        let page = "本报讯 近日，某市总工会召开全市工会组建工作推进会，部署年底前工作。\n\
                    本报讯 近日，某区总工会在快递网点开展新就业形态劳动者入会集中行动，工会干部讲解入会流程。\n\
                    某市总工会\n\
                    ■工会干部在快递网点为新就业形态劳动者讲解入会流程。 单位供图\n\
                    召开全市工会组建工作推进会\n";
        let s = attach(segment::cut(&lines::classify(page)));
        assert_eq!(s.drafts[0].heading.len(), 2, "{:?}", s.drafts[0].heading);
        assert_eq!(s.drafts[0].captions.len(), 1);
        assert!(s.drafts[1].captions.is_empty());
    }

    #[test]
    fn an_article_whose_whole_heading_stands_in_front_gets_none_after_its_body() {
        // The line after the first body shares its words, but the first article's heading,
        // naming its union body, is whole: the line is the next article's.
        let page = "珠海市总工会\n\
                    学习贯彻全会精神走进新业态劳动者\n\
                    本报讯 近日，珠海市总工会组织新业态劳动者深入学习贯彻全会精神。\n\
                    深入学习贯彻全会精神\n\
                    韶关市武江区总工会\n\
                    组织劳模宣讲\n\
                    本报讯 近日，韶关市武江区总工会组织劳模进企业宣讲。\n";
        let s = attach(segment::cut(&lines::classify(page)));
        assert_eq!(s.drafts[0].heading.len(), 2, "{:?}", s.drafts[0].heading);
    }

    #[test]
    fn heading_after_body_goes_back() {
        let page = "本报讯 近日，惠州市惠城区总工会举办职工运动会，\n\n吸引全区职工参加。\n\n惠城职工运动会开幕\n\n惠阳区总工会\n\n开展送温暖活动\n\n本报讯 近日，惠阳区总工会开展送温暖活动，慰问困难职工。\n";
        let s = attach(segment::cut(&lines::classify(page)));
        assert_eq!(s.drafts.len(), 2);
        assert_eq!(s.drafts[0].heading[0].lines[0], "惠城职工运动会开幕");
        assert_eq!(s.drafts[1].heading.len(), 2);
    }

    /// Two articles; after the first body, a caption and the second article's one-line
    /// heading. `caption` decides by its words.
    fn caption_between(caption: &str) -> Segmented {
        let page = format!(
            "某区总工会举办职工乒乓球赛\n\
             本报讯 近日，某区总工会在区体育馆举办职工乒乓球比赛，\n\
             来自全区企业的80名职工参赛，比赛分团体和个人两个项目。\n\
             ■{caption}\n\
             某县总工会开设职工书法班\n\
             本报讯 近日，某县总工会在县工人文化宫开设职工书法培训班，\n\
             首期招收学员40名，由本地书法家授课。\n"
        );
        attach(segment::cut(&lines::classify(&page)))
    }

    #[test]
    fn a_caption_after_a_body_goes_to_the_article_its_words_name() {
        // The caption's words are the next article's (书法, 培训, 学员): it opens that one.
        let s = caption_between("学员在书法培训班上练习书法。 单位供图");
        assert!(s.drafts[0].captions.is_empty());
        assert_eq!(s.drafts[1].captions.len(), 1);
        assert_eq!(s.drafts[1].captions[0].credit.as_deref(), Some("单位供图"));
        // The caption's words are the first article's (乒乓球, 比赛): it closes that one.
        let s = caption_between("职工在乒乓球比赛中奋力挥拍。 单位供图");
        assert_eq!(s.drafts[0].captions.len(), 1);
        assert!(s.drafts[1].captions.is_empty());
    }

    #[test]
    fn a_caption_whose_words_tie_closes_the_article_before() {
        // 职工 and 总工 are in both articles: a tie keeps the caption where it was printed.
        let s = caption_between("总工会职工。");
        assert_eq!(s.drafts[0].captions.len(), 1);
        assert!(s.drafts[1].captions.is_empty());
    }

    #[test]
    fn the_next_heading_counts_for_a_caption_after_a_body() {
        // 开设 and 设职 are only in the second article's heading and body; 书法班 only in
        // its heading: the heading's words count.
        let s = caption_between("书法班开班。");
        assert_eq!(s.drafts[1].captions.len(), 1);
    }
}
