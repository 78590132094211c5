//! Cutting a page into articles. Each article starts at its lead; its body runs until a
//! byline, the next lead, or lines that cannot be body. What lies between two bodies is a
//! heading run: each heading line goes to the article before, the article after, an article
//! that has no heading yet, or the page's banners — decided by what the line says (its
//! characters and places matched against each body) with position as one signal among others.

use super::lines::{self, Kind, Line};
use super::reflow::{self, column_width, ends_paragraph, PARAGRAPH_LINE_WIDTH};
use crate::places::{Gazetteer, Place, PlaceHit};
use rustc_hash::FxHashSet as HashSet;

/// A caption with its credit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptionDraft {
    pub no: usize,
    pub text: String,
    pub credit: Option<String>,
    /// The place names in `text`, scanned once.
    pub hits: Vec<PlaceHit<'static>>,
}

/// One or more heading lines printed as one heading (joined by hard breaks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub no: usize,
    pub lines: Vec<String>,
    /// The heading is nothing but a union body's name (`惠州市惠城区总工会`): a kicker.
    pub union_name: bool,
    /// The lines joined by spaces ([`Unit::text`]) and the place names in it, made once.
    joined: String,
    pub hits: Vec<PlaceHit<'static>>,
}

impl Unit {
    fn new(no: usize, lines: Vec<String>) -> Unit {
        let joined = lines.join(" ");
        let hits = Gazetteer::get().scan(&joined);
        let union_name = super::union::is_union_name_scanned(&joined, &hits);
        Unit {
            no,
            lines,
            union_name,
            joined,
            hits,
        }
    }

    #[must_use]
    pub fn text(&self) -> String {
        self.joined.clone()
    }

    /// The lines joined by spaces, borrowed.
    #[must_use]
    pub fn joined(&self) -> &str {
        &self.joined
    }
}

/// An article as cut from the page, before its metadata is read.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Line number of the lead.
    pub no: usize,
    /// Paragraphs, reflowed.
    pub paragraphs: Vec<String>,
    pub byline: Option<String>,
    pub captions: Vec<CaptionDraft>,
    pub heading: Vec<Unit>,
    /// Whether a heading with a title stood right in front of the lead.
    front_title: bool,
    /// The paragraphs joined by newlines, and the place names found in them (scanned once,
    /// for matching headings here and for resolving the union body later).
    pub body_text: String,
    pub body_hits: Vec<PlaceHit<'static>>,
}

/// A page cut into articles, with what belongs to none of them.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    pub drafts: Vec<Draft>,
    pub banners: Vec<String>,
    pub unplaced: Vec<String>,
}

/// What stands between two bodies.
#[derive(Debug, Default)]
struct Run {
    prev: Option<usize>,
    next: Option<usize>,
    units: Vec<Unit>,
    captions: Vec<CaptionDraft>,
    /// Lines that are neither heading nor caption (stray text, stray credits).
    loose: Vec<(usize, String)>,
}

/// Cuts classified lines into articles, banners and unplaced text.
#[must_use]
pub fn segment(lines: &[Line<'_>]) -> Segmented {
    let mut out = Segmented::default();
    if !lines.iter().any(|l| l.kind == Kind::Lead) {
        out.unplaced = lines.iter().map(|l| l.text.to_string()).collect();
        return out;
    }
    let mut runs: Vec<Run> = Vec::new();
    let mut run_lines: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].kind == Kind::Lead {
            let k = out.drafts.len();
            runs.push(build_run(lines, &run_lines, k.checked_sub(1), Some(k)));
            run_lines.clear();
            let (draft, next_i) = read_body(lines, i);
            out.drafts.push(draft);
            i = next_i;
        } else {
            run_lines.push(i);
            i += 1;
        }
    }
    runs.push(build_run(
        lines,
        &run_lines,
        out.drafts.len().checked_sub(1),
        None,
    ));
    assign(&mut out, runs);
    out
}

/// Builds the run of lines `idx` standing between article `prev` and article `next`.
fn build_run(lines: &[Line<'_>], idx: &[usize], prev: Option<usize>, next: Option<usize>) -> Run {
    let mut run = Run {
        prev,
        next,
        ..Run::default()
    };
    let mut j = 0;
    while j < idx.len() {
        let line = &lines[idx[j]];
        match line.kind {
            Kind::Caption => {
                let (cap, used) = read_caption(lines, idx[j], idx.get(j + 1).copied());
                run.captions.push(cap);
                j += used;
            }
            Kind::Credit | Kind::Byline => {
                run.loose.push((line.no, line.text.to_string()));
                j += 1;
            }
            _ => {
                let looks_like_text = line.width >= PARAGRAPH_LINE_WIDTH
                    || (line.sentence_end && line.text.ends_with(['。', '.']));
                if looks_like_text && !line.markdown {
                    run.loose.push((line.no, line.text.to_string()));
                    j += 1;
                    continue;
                }
                let mut unit_lines = vec![reflow::clean_heading(line.text)];
                let mut hard = line.hard_break;
                j += 1;
                while hard && j < idx.len() && lines[idx[j]].kind == Kind::Text {
                    unit_lines.push(reflow::clean_heading(lines[idx[j]].text));
                    hard = lines[idx[j]].hard_break;
                    j += 1;
                }
                let unit = Unit::new(line.no, unit_lines);
                run.units.push(unit);
            }
        }
    }
    run
}

/// Reads a caption at line index `i`; a credit on the next line (index `next`) joins it.
/// Returns the caption and how many lines it used.
fn read_caption(lines: &[Line<'_>], i: usize, next: Option<usize>) -> (CaptionDraft, usize) {
    let body = lines[i]
        .text
        .trim_start_matches(['■', '□', '▲', '△', '◆'])
        .trim();
    let (text, credit) = lines::split_credit(body);
    let text = reflow::despace(text);
    let mut cap = CaptionDraft {
        no: lines[i].no,
        hits: Gazetteer::get().scan(&text),
        text,
        credit: credit.map(str::to_string),
    };
    if cap.credit.is_none() {
        if let Some(n) = next.filter(|&n| lines[n].kind == Kind::Credit) {
            cap.credit = Some(lines[n].text.to_string());
            return (cap, 2);
        }
    }
    (cap, 1)
}

/// The next line at or after `from` that is text (not caption or credit).
fn next_text(lines: &[Line<'_>], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&k| !matches!(lines[k].kind, Kind::Caption | Kind::Credit))
}

/// Reads an article's body from its lead at `start`. Returns the draft and the index of the
/// first line after the body.
fn read_body(lines: &[Line<'_>], start: usize) -> (Draft, usize) {
    let end = (start + 1..lines.len())
        .find(|&k| lines[k].kind == Kind::Lead)
        .unwrap_or(lines.len());
    let span: Vec<&Line<'_>> = lines[start..end]
        .iter()
        .filter(|l| l.kind == Kind::Text || l.kind == Kind::Lead)
        .collect();
    let column = column_width(&span);
    let mut draft = Draft {
        no: lines[start].no,
        ..Draft::default()
    };
    // A paragraph's lines, each with whether it holds white space (known from classify).
    let mut para: Vec<(&str, bool)> = Vec::new();
    let mut lead_lines: Vec<&str> = Vec::new();
    // looks_like_body of each line of the span, once asked (it is asked at a sentence end
    // about the next line, then again when that line opens a paragraph).
    let mut memo: Vec<Option<bool>> = vec![None; end - start];
    let mut j = start;
    while j < end {
        let line = &lines[j];
        match line.kind {
            Kind::Caption => {
                let (cap, used) = read_caption(lines, j, (j + 1 < end).then_some(j + 1));
                draft.captions.push(cap);
                j += used;
                continue;
            }
            Kind::Credit => {
                if let Some(c) = draft.captions.last_mut().filter(|c| c.credit.is_none()) {
                    c.credit = Some(line.text.to_string());
                    j += 1;
                    continue;
                }
                break;
            }
            Kind::Byline => {
                if let Some(b) = lines::byline_of_line(line.text) {
                    draft.byline = Some(normalize_byline(b));
                }
                j += 1;
                break;
            }
            Kind::Lead | Kind::Text => {}
        }
        if line.markdown && j != start {
            break;
        }
        if para.is_empty() && j != start && !body_at(&mut memo, lines, j, start, end, column) {
            break;
        }
        if let Some((head, by)) = lines::trailing_byline(line.text) {
            para.push((head, lines::has_whitespace(head)));
            draft.byline = Some(normalize_byline(by));
            j += 1;
            break;
        }
        if let Some((head, by)) = split_byline_at(lines, j, end) {
            para.push((head, lines::has_whitespace(head)));
            draft.byline = Some(normalize_byline(&by));
            j += 2;
            break;
        }
        para.push((line.text, line.spaced));
        let next = next_text(lines, j + 1).filter(|&k| k < end);
        let next_line = next.map(|k| &lines[k]);
        let short_column_end = column < PARAGRAPH_LINE_WIDTH
            && line.width + 6 < column
            && !next_line.is_some_and(|n| n.kind == Kind::Text && n.sentence_end && n.width < 8);
        // A sentence that ends at the column's edge may go on in the next line, but only
        // into text that can be body: never into the heading lines after a short article.
        let sentence_break = line.sentence_end
            && next.is_some_and(|k| !body_at(&mut memo, lines, k, start, end, column));
        if ends_paragraph(line, next_line, column)
            || sentence_break
            || short_column_end
            || next.is_none()
        {
            push_paragraph(&mut draft.paragraphs, &mut lead_lines, &para);
            para.clear();
        }
        j += 1;
    }
    if !para.is_empty() {
        push_paragraph(&mut draft.paragraphs, &mut lead_lines, &para);
    }
    if let Some(first) = draft.paragraphs.first_mut() {
        *first = reflow::join_lead(&lead_lines);
    }
    (draft, j)
}

/// Adds a paragraph of lines. The first (the lead) is kept as lines and joined at the end
/// by [`reflow::join_lead`]; it holds a place until then.
fn push_paragraph<'a>(
    paragraphs: &mut Vec<String>,
    lead_lines: &mut Vec<&'a str>,
    para: &[(&'a str, bool)],
) {
    if paragraphs.is_empty() {
        lead_lines.clear();
        lead_lines.extend(para.iter().map(|(l, _)| *l));
        paragraphs.push(String::new());
    } else {
        paragraphs.push(reflow::join_spaced_lines(para));
    }
}

/// [`looks_like_body`] for line `k` of the span from `start`, remembered in `memo`.
fn body_at(
    memo: &mut [Option<bool>],
    lines: &[Line<'_>],
    k: usize,
    start: usize,
    end: usize,
    column: usize,
) -> bool {
    let slot = k.checked_sub(start);
    if let Some(Some(known)) = slot.and_then(|i| memo.get(i)) {
        return *known;
    }
    let v = looks_like_body(lines, k, end, column);
    if let Some(m) = slot.and_then(|i| memo.get_mut(i)) {
        *m = Some(v);
    }
    v
}

/// [`lines::split_byline`] of line `j` and the line right after it (inside the span).
fn split_byline_at<'a>(lines: &[Line<'a>], j: usize, end: usize) -> Option<(&'a str, String)> {
    let next = lines
        .get(j + 1)
        .filter(|n| j + 1 < end && n.kind == Kind::Text)?;
    lines::split_byline(lines[j].text, next.text)
}

fn normalize_byline(b: &str) -> String {
    b.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At a paragraph boundary inside a body: whether the lines from `j` make another paragraph
/// of body text rather than headings. A paragraph must end a sentence (or carry a byline),
/// and its inner lines must run the width of the column (or be paragraph-long).
fn looks_like_body(lines: &[Line<'_>], j: usize, end: usize, column: usize) -> bool {
    // The paragraph's lines are not kept, only what is asked of them: how many, the last,
    // whether any is paragraph-long, and whether all before the last fit the column.
    let mut count = 0usize;
    let mut last: Option<&Line<'_>> = None;
    let mut any_long = false;
    let mut inner_fit = true;
    // Whether the paragraph ends in a byline cut by the column's edge.
    let mut byline_cut = false;
    // In a column, the inner lines run the column's width; the first is shorter by its
    // dropped indent.
    let fits = |n: usize, l: &Line<'_>| {
        let slack = if n == 0 { 8 } else { 4 };
        // Closing punctuation may hang past the column's edge, as in print.
        let hanging = usize::from(l.text.ends_with([
            '。', '，', '、', '；', '：', '！', '？', '”', '’', '）', '》',
        ]));
        l.width + slack >= column && l.width - hanging <= column + 4
    };
    let mut k = j;
    while k < end {
        if k - j > LOOK_AHEAD {
            // A paragraph this long is body whatever ends it.
            return true;
        }
        let line = &lines[k];
        match line.kind {
            Kind::Caption | Kind::Credit => {
                k += 1;
                continue;
            }
            Kind::Byline | Kind::Lead => return false,
            Kind::Text => {}
        }
        if line.markdown {
            return false;
        }
        if let Some(prev) = last {
            inner_fit &= fits(count - 1, prev);
        }
        count += 1;
        last = Some(line);
        any_long |= line.width >= PARAGRAPH_LINE_WIDTH;
        if lines::trailing_byline(line.text).is_some() {
            break;
        }
        if split_byline_at(lines, k, end).is_some() {
            byline_cut = true;
            break;
        }
        let next = next_text(lines, k + 1)
            .filter(|&n| n < end)
            .map(|n| &lines[n]);
        if line.sentence_end && ends_paragraph(line, next, column) {
            break;
        }
        k += 1;
    }
    let Some(last) = last else {
        return false;
    };
    if !last.sentence_end && lines::trailing_byline(last.text).is_none() && !byline_cut {
        return false;
    }
    if count == 1 {
        // A short exclamation or question standing alone is a heading, not a paragraph.
        return !(last.width < 30 && last.text.ends_with(['！', '？', '!', '?']));
    }
    // A paragraph-long line makes it body (a caption can cut a paragraph line short).
    if any_long {
        return true;
    }
    column < PARAGRAPH_LINE_WIDTH && inner_fit
}

/// How many lines a paragraph may run before it counts as body without looking further.
const LOOK_AHEAD: usize = 200;

// ---------------------------------------------------------------------------------------
// Giving heading runs to articles.

/// The characters and places of each article's body, for matching headings against.
struct Profile {
    /// Sorted and deduplicated.
    bigrams: Vec<u64>,
    cities: HashSet<usize>,
    counties: HashSet<usize>,
}

fn word_char(c: char) -> bool {
    lines::is_han(c) || c.is_ascii_alphanumeric()
}

/// Calls `f` with each pair of adjacent word characters of a text (punctuation breaks pairs,
/// white space does not), packed into one number.
fn pairs(text: &str, mut f: impl FnMut(u64)) {
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let c = c.to_ascii_lowercase();
        if word_char(c) {
            if let Some(p) = prev {
                f((u64::from(p) << 32) | u64::from(c));
            }
            prev = Some(c);
        } else if !c.is_whitespace() {
            prev = None;
        }
    }
}

/// A one-bit-per-slot filter in front of the set of wanted pairs: most pairs of a body are
/// not in any heading, and one bit test rejects them without hashing.
struct PairFilter {
    bits: Vec<u64>,
}

impl PairFilter {
    const SLOTS: usize = 1 << 16;

    fn slot(pair: u64) -> usize {
        // The two characters' low bits, mixed; Han characters differ mostly there.
        #[allow(clippy::cast_possible_truncation)]
        let (a, b) = ((pair >> 32) as usize, pair as usize);
        (a.wrapping_mul(31) ^ b.wrapping_mul(0x9E37)) & (Self::SLOTS - 1)
    }

    fn new(wanted: &HashSet<u64>) -> PairFilter {
        let mut bits = vec![0u64; Self::SLOTS / 64];
        for &p in wanted {
            let s = Self::slot(p);
            bits[s / 64] |= 1 << (s % 64);
        }
        PairFilter { bits }
    }

    fn may_contain(&self, pair: u64) -> bool {
        let s = Self::slot(pair);
        self.bits[s / 64] & (1 << (s % 64)) != 0
    }
}

/// The distinct character pairs of a text, sorted.
fn bigrams(text: &str) -> Vec<u64> {
    // A text has fewer pairs than bytes.
    let mut out = Vec::with_capacity(text.len());
    pairs(text, |b| out.push(b));
    out.sort_unstable();
    out.dedup();
    out
}

/// Cities and counties a text names (given the place names in it), by full names and
/// unambiguous short forms.
fn places_of_hits(text: &str, hits: &[PlaceHit]) -> (HashSet<usize>, HashSet<usize>) {
    let g = Gazetteer::get();
    let mut cities = HashSet::default();
    let mut counties = HashSet::default();
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
    cities: HashSet<usize>,
    counties: HashSet<usize>,
}

impl Features {
    /// The features of `text`, given the place names in it.
    fn of(text: &str, hits: &[PlaceHit], scorer: &Scorer) -> Features {
        let (cities, counties) = places_of_hits(text, hits);
        Features {
            bigrams: bigrams(text)
                .into_iter()
                .map(|b| (b, scorer.weight(b)))
                .collect(),
            cities,
            counties,
        }
    }
}

impl Scorer {
    fn new(drafts: &mut [Draft], wanted: &HashSet<u64>) -> Scorer {
        let g = Gazetteer::get();
        let filter = PairFilter::new(wanted);
        let profiles: Vec<Profile> = drafts
            .iter_mut()
            .map(|d| {
                d.body_text = d.paragraphs.join("\n");
                d.body_hits = g.scan(&d.body_text);
                let (mut cities, mut counties) = places_of_hits(&d.body_text, &d.body_hits);
                let mut grams = Vec::with_capacity(wanted.len());
                if !wanted.is_empty() {
                    pairs(&d.body_text, |b| {
                        if filter.may_contain(b) && wanted.contains(&b) {
                            grams.push(b);
                        }
                    });
                }
                for c in &d.captions {
                    let (cc, kk) = places_of_hits(&c.text, &c.hits);
                    cities.extend(cc);
                    counties.extend(kk);
                    pairs(&c.text, |b| {
                        if filter.may_contain(b) && wanted.contains(&b) {
                            grams.push(b);
                        }
                    });
                }
                grams.sort_unstable();
                grams.dedup();
                Profile {
                    bigrams: grams,
                    cities,
                    counties,
                }
            })
            .collect();
        let mut df = rustc_hash::FxHashMap::default();
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
        content + 0.5 * place
    }
}

/// Score a line gets as a banner: lines that fit no neighbouring article better stay banners.
const BANNER: f64 = 0.25;
/// Headings more often stand before their article than after it.
const BEFORE_LEAD_BONUS: f64 = 0.1;
/// An article that already has a title in front of its lead rarely gets another after it.
const SECOND_TITLE_PENALTY: f64 = 0.3;
/// An article with no heading at all is likely to own a heading printed elsewhere.
const HEADLESS_BONUS: f64 = 0.1;
/// How many headless articles an end-of-page run considers.
const MAX_HEADLESS: usize = 32;

fn assign(out: &mut Segmented, runs: Vec<Run>) {
    // Only the character pairs some heading or caption has can ever be matched.
    let mut wanted: HashSet<u64> = HashSet::default();
    for run in &runs {
        for u in &run.units {
            wanted.extend(bigrams(u.joined()));
        }
        for c in &run.captions {
            wanted.extend(bigrams(&c.text));
        }
    }
    let scorer = Scorer::new(&mut out.drafts, &wanted);
    let (middle, tail): (Vec<Run>, Vec<Run>) = runs.into_iter().partition(|r| r.next.is_some());
    for run in middle {
        assign_run(out, &scorer, run);
    }
    for run in tail {
        assign_run(out, &scorer, run);
    }
    for d in &mut out.drafts {
        d.heading.sort_by_key(|u| u.no);
        d.captions.sort_by_key(|c| c.no);
    }
}

fn assign_run(out: &mut Segmented, scorer: &Scorer, run: Run) {
    let Run {
        prev,
        next,
        units,
        captions,
        loose,
    } = run;
    let candidates: Vec<usize> = match next {
        Some(n) => vec![n],
        None => {
            // The end of the page: a heading there belongs to the article before it or to one
            // that has none (often the page's first article, whose title is printed last).
            let mut v: Vec<usize> = out
                .drafts
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
    };
    let features: Vec<Features> = units
        .iter()
        .map(|u| Features::of(u.joined(), &u.hits, scorer))
        .collect();
    let prev_score = |f: &Features| -> f64 {
        let Some(p) = prev else {
            return f64::NEG_INFINITY;
        };
        let d = &out.drafts[p];
        let mut s = scorer.score(f, p);
        if d.front_title {
            s -= SECOND_TITLE_PENALTY;
        } else if d.heading.is_empty() {
            s += HEADLESS_BONUS;
        }
        s
    };
    let mut best: Option<(f64, usize, usize, Option<usize>)> = None;
    let m = units.len();
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
        // Units [0, a) go to prev, [a, b) are banners, [b, m) go to the target.
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
                if best.is_none_or(|(s, ..)| total > s + 1e-9) {
                    best = Some((total, a, b, target));
                }
            }
        }
    }
    let (_, a, b, target) = best.unwrap_or((0.0, 0, m, None));
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
    for cap in captions {
        let near: Vec<usize> = prev.into_iter().chain(next).collect();
        let f = Features::of(&cap.text, &cap.hits, scorer);
        let best = (0..out.drafts.len())
            .map(|i| {
                let bonus = if near.contains(&i) { 0.15 } else { 0.0 };
                (scorer.score(&f, i) + bonus, i)
            })
            .max_by(|x, y| x.0.total_cmp(&y.0));
        match best.map(|(_, i)| i).or(prev).or(next) {
            Some(i) => out.drafts[i].captions.push(cap),
            None => out.unplaced.push(cap.text),
        }
    }
    for (_, text) in loose {
        match (prev, lines::byline_of_line(&text)) {
            (Some(p), Some(b)) if out.drafts[p].byline.is_none() => {
                out.drafts[p].byline = Some(normalize_byline(b));
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

    fn seg(text: &str) -> Segmented {
        segment(&lines::classify(text))
    }

    #[test]
    fn heading_after_body_goes_back() {
        let page = "本报讯 近日，惠州市惠城区总工会举办职工运动会，\n\n吸引全区职工参加。\n\n惠城职工运动会开幕\n\n惠阳区总工会\n\n开展送温暖活动\n\n本报讯 近日，惠阳区总工会开展送温暖活动，慰问困难职工。\n";
        let s = seg(page);
        assert_eq!(s.drafts.len(), 2);
        assert_eq!(s.drafts[0].heading[0].lines[0], "惠城职工运动会开幕");
        assert_eq!(s.drafts[1].heading.len(), 2);
    }

    #[test]
    fn no_lead_keeps_everything_unplaced() {
        let s = seg("标题一\n标题二\n");
        assert!(s.drafts.is_empty());
        assert_eq!(s.unplaced.len(), 2);
    }
}
