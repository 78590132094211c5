//! The best hits of a query without scoring every article it matches, in two passes over
//! the index.
//! - The first finds the articles the query requires, without scores (the ranking's optional
//!   terms are not read), and counts them, in all and by city.
//! - The second ranks only those, a window at a time: a window is the articles up to where
//!   the first of the ranking's terms ends its current block of postings, and when the sum of
//!   the terms' block maxima cannot reach the best `limit` found so far (in any segment), the
//!   window's articles are skipped unscored (block-max pruning, as in tantivy's block-max
//!   WAND, but over the articles matched).
//!
//! A kept article's score is summed in the ranking's own order of terms, so it does not depend
//! on how the index is cut into segments: hits of equal score stay in library order (their
//! place), as a fresh build and an index updated a page at a time give them.

use super::bits::Bits;
use super::cities::CityCountsSegment;
use super::query::Ranking;
use std::sync::atomic::{AtomicU32, Ordering};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight, BooleanQuery, EnableScoring, Query};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TERMINATED};

/// What the first pass found in one segment.
pub struct SegmentMatches {
    ord: SegmentOrdinal,
    /// The articles matched.
    docs: Bits,
    count: usize,
    cities: Vec<usize>,
}

/// What the first pass found: the articles matched in each segment, their number, and their
/// number per `city_id` (empty unless asked for).
pub struct Matches {
    segments: Vec<SegmentMatches>,
    pub count: usize,
    pub cities: Vec<usize>,
}

/// The first pass: the matches, unscored.
pub struct Match {
    pub count_cities: bool,
}

pub struct MatchSegment {
    found: SegmentMatches,
    cities: Option<CityCountsSegment>,
}

impl Collector for Match {
    type Fruit = Matches;
    type Child = MatchSegment;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<MatchSegment> {
        Ok(MatchSegment {
            found: SegmentMatches {
                ord,
                docs: Bits::new(segment.max_doc()),
                count: 0,
                cities: Vec::new(),
            },
            cities: self
                .count_cities
                .then(|| CityCountsSegment::for_segment(segment)),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentMatches>) -> tantivy::Result<Matches> {
        let count = segments.iter().map(|s| s.count).sum();
        let mut cities: Vec<usize> = Vec::new();
        for s in &segments {
            if cities.len() < s.cities.len() {
                cities.resize(s.cities.len(), 0);
            }
            for (t, n) in cities.iter_mut().zip(&s.cities) {
                *t += n;
            }
        }
        Ok(Matches {
            segments,
            count,
            cities,
        })
    }
}

impl SegmentCollector for MatchSegment {
    type Fruit = SegmentMatches;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.found.docs.insert(doc);
        self.found.count += 1;
        if let Some(c) = &mut self.cities {
            c.collect(doc, score);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.found.docs.insert(doc);
        }
        self.found.count += docs.len();
        if let Some(c) = &mut self.cities {
            c.collect_block(docs);
        }
    }

    fn harvest(mut self) -> SegmentMatches {
        if let Some(c) = self.cities {
            self.found.cities = c.harvest();
        }
        self.found
    }
}

/// The best `limit` articles `matches` holds by `ranking`'s score, then by place (the second
/// pass), best first.
///
/// # Errors
/// When tantivy fails to read the index.
pub fn best(
    searcher: &tantivy::Searcher,
    ranking: &Ranking,
    matches: &Matches,
    limit: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    best_of(searcher, ranking, matches, limit, true)
}

/// [`best`], skipping windows that cannot reach the best or scoring every match (to test
/// that skipping changes nothing).
///
/// # Errors
/// When tantivy fails to read the index.
pub fn best_of(
    searcher: &tantivy::Searcher,
    ranking: &Ranking,
    matches: &Matches,
    limit: usize,
    prune: bool,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    let limit = limit.max(1);
    let stats = Stats::new(searcher);
    // Each term's BM25 weight, boosted, as a term query's: over the whole index.
    let weights: Vec<Bm25Weight> = ranking
        .terms()
        .iter()
        .map(|(t, boost)| {
            Ok(Bm25Weight::for_terms(&stats, std::slice::from_ref(t))?.boost_by(*boost))
        })
        .collect::<tantivy::Result<_>>()?;
    // Each field's average length over the whole index, which the scores use.
    let docs = stats.total_num_docs()?.max(1) as f32;
    let mut average = Vec::new();
    for (t, _) in ranking.terms() {
        let f = t.field();
        if !average.iter().any(|&(g, _)| g == f) {
            average.push((f, stats.total_num_tokens(f)? as f32 / docs));
        }
    }
    let floor = AtomicU32::new(0);
    let segments = searcher
        .segment_readers()
        .iter()
        .enumerate()
        .filter_map(|(ord, reader)| {
            let ord = SegmentOrdinal::try_from(ord).ok()?;
            let matched = matches.segments.iter().find(|s| s.ord == ord)?;
            (matched.count > 0).then_some((ord, reader, matched))
        });
    // The union of the terms, for tantivy's block-max WAND where the matches are dense.
    let union = BooleanQuery::new(ranking.clauses()).weight(
        EnableScoring::enabled_from_statistics_provider(&stats, searcher),
    )?;
    let run = |(ord, reader, matched): (SegmentOrdinal, &SegmentReader, &SegmentMatches)| {
        let mut best = SegmentBest::new(reader, ord, &weights, ranking, &average, limit, &floor)?;
        let densest = best.terms.iter().map(|t| t.postings.doc_freq()).max();
        if prune && densest.is_some_and(|d| matched.count.saturating_mul(DENSE) >= d as usize) {
            // Most articles holding the commonest term match: walk the union, which skips
            // blocks without decoding them, and keep the matches.
            let from = best.threshold();
            union.for_each_pruning(from, reader, &mut |doc, _| {
                if matched.docs.contains(doc) {
                    best.offer(doc);
                }
                best.threshold()
            })?;
            // A match holding none of the ranking's terms (a character alone, inside a longer
            // word: 驿 of 驿站) scores 0 and is not in the union. While fewer than `limit`
            // scored matches are known, those count too: rank this segment's matches whole.
            if best.least() <= 0.0 && best.kept.len() < matched.count {
                best = SegmentBest::new(reader, ord, &weights, ranking, &average, limit, &floor)?;
                best.rank(&matched.docs, false);
            }
        } else {
            best.rank(&matched.docs, prune);
        }
        Ok(best.hits())
    };
    let mut all: Vec<Hit> = searcher
        .index()
        .search_executor()
        .map(run, segments)?
        .into_iter()
        .flatten()
        .collect();
    // Best first; the segments' hits of equal score in library order: their places are
    // looked up only for those (a place is a lookup in the segment's dictionary).
    all.sort_by(|a, b| b.0.total_cmp(&a.0));
    if let Some(cut) = all.get(limit - 1).map(|h| h.0) {
        all.retain(|h| h.0 >= cut);
    }
    let tied = |i: usize| {
        let score = all[i].0;
        (i > 0 && all[i - 1].0 == score) || all.get(i + 1).is_some_and(|h| h.0 == score)
    };
    let places: Vec<String> = (0..all.len())
        .map(|i| {
            if tied(i) {
                place_text(searcher, all[i].2, all[i].1)
            } else {
                String::new()
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by(|&a, &b| {
        all[b]
            .0
            .total_cmp(&all[a].0)
            .then_with(|| places[a].cmp(&places[b]))
    });
    Ok(order
        .into_iter()
        .take(limit)
        .map(|i| (all[i].0, all[i].2))
        .collect())
}

/// The statistics BM25 needs, each looked up once a search: the ranking's terms are weighed
/// twice (alone, and in the union), and a term's document frequency is a lookup in every
/// segment's dictionary.
struct Stats<'s> {
    searcher: &'s tantivy::Searcher,
    doc_freq: std::cell::RefCell<Vec<(tantivy::Term, u64)>>,
    tokens: std::cell::RefCell<Vec<(tantivy::schema::Field, u64)>>,
}

impl<'s> Stats<'s> {
    fn new(searcher: &'s tantivy::Searcher) -> Stats<'s> {
        Stats {
            searcher,
            doc_freq: std::cell::RefCell::default(),
            tokens: std::cell::RefCell::default(),
        }
    }
}

impl Bm25StatisticsProvider for Stats<'_> {
    fn total_num_tokens(&self, field: tantivy::schema::Field) -> tantivy::Result<u64> {
        if let Some(&(_, n)) = self.tokens.borrow().iter().find(|(f, _)| *f == field) {
            return Ok(n);
        }
        let n = self.searcher.total_num_tokens(field)?;
        self.tokens.borrow_mut().push((field, n));
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &tantivy::Term) -> tantivy::Result<u64> {
        if let Some(&(_, n)) = self.doc_freq.borrow().iter().find(|(t, _)| t == term) {
            return Ok(n);
        }
        let n = self.searcher.doc_freq(term)?;
        self.doc_freq.borrow_mut().push((term.clone(), n));
        Ok(n)
    }
}

/// From one match in this many articles holding the ranking's commonest term, a segment's
/// matches are dense: the union's block-max WAND skips more than windows over the matches
/// (which decode every block they look at).
const DENSE: usize = 16;

/// The text of place `ord` in `at`'s segment.
fn place_text(searcher: &tantivy::Searcher, at: DocAddress, ord: u64) -> String {
    let mut bytes = Vec::new();
    match searcher
        .segment_reader(at.segment_ord)
        .fast_fields()
        .str(super::schema::PLACE)
    {
        Ok(Some(c)) if c.dictionary().ord_to_term(ord, &mut bytes).unwrap_or(false) => {
            String::from_utf8_lossy(&bytes).into_owned()
        }
        _ => String::new(),
    }
}

/// One segment's hit: its score, its place's ord in the segment, where it is.
type Hit = (Score, u64, DocAddress);

/// A ranking term in one segment: its postings a block at a time, with what scores them.
struct Ranked<'r> {
    postings: BlockSegmentPostings,
    /// Where in the current block the cursor stands.
    at: usize,
    weight: &'r Bm25Weight,
    norms: FieldNormReader,
    /// What its block maxima are multiplied by to bound its scores in this segment for sure:
    /// a block's maximum is taken with the segment's average field length, the scores use
    /// the whole index's, and a ratio `q` between the two moves a score by at most `q` or
    /// `1/q`, in either direction.
    slack: Score,
}

impl Ranked<'_> {
    fn doc(&self) -> DocId {
        self.postings
            .docs()
            .get(self.at)
            .copied()
            .unwrap_or(TERMINATED)
    }

    /// Moves to the first doc from `target` on (never back).
    fn seek(&mut self, target: DocId) {
        if self.doc() < target {
            self.at = self.postings.seek(target);
        }
    }

    /// The last doc of the current block.
    fn block_end(&self) -> DocId {
        self.postings
            .docs()
            .iter()
            .rev()
            .find(|&&d| d != TERMINATED)
            .copied()
            .unwrap_or(TERMINATED)
    }

    /// The most any doc of the current block can score.
    fn block_most(&mut self) -> Score {
        self.postings.block_max_score(&self.norms, self.weight) * self.slack
    }

    /// The score at the doc the cursor stands on.
    fn score(&self, doc: DocId) -> Score {
        let freq = self.postings.freqs().get(self.at).copied().unwrap_or(0);
        self.weight.score(self.norms.fieldnorm_id(doc), freq)
    }
}

/// A segment's best so far, by score (summed in the ranking's order) and then place ord.
struct SegmentBest<'r> {
    limit: usize,
    ord: SegmentOrdinal,
    /// The ranking's terms this segment holds, in the ranking's order.
    terms: Vec<Ranked<'r>>,
    place: Option<tantivy::columnar::StrColumn>,
    /// Best first; at most `limit`.
    kept: Vec<(Score, u64, DocId)>,
    /// The best `limit`-th score any segment has found, as bits (the scores are never
    /// negative, so their bits order as they do): no article below it is among the best.
    floor: &'r AtomicU32,
}

impl<'r> SegmentBest<'r> {
    fn new(
        reader: &SegmentReader,
        ord: SegmentOrdinal,
        weights: &'r [Bm25Weight],
        ranking: &Ranking,
        average: &[(tantivy::schema::Field, f32)],
        limit: usize,
        floor: &'r AtomicU32,
    ) -> tantivy::Result<SegmentBest<'r>> {
        let docs = reader.max_doc().max(1) as f32;
        let mut terms = Vec::with_capacity(weights.len());
        for (weight, (t, _)) in weights.iter().zip(ranking.terms()) {
            let Some(mut postings) = reader
                .inverted_index(t.field())?
                .read_block_postings(t, IndexRecordOption::WithFreqs)?
            else {
                continue;
            };
            let at = postings.seek(0);
            let here = reader.inverted_index(t.field())?.total_num_tokens() as f32 / docs;
            let whole = average
                .iter()
                .find(|(f, _)| *f == t.field())
                .map_or(here, |&(_, a)| a);
            let q = if here > 0.0 && whole > 0.0 {
                whole / here
            } else {
                1.0
            };
            terms.push(Ranked {
                postings,
                at,
                weight,
                norms: reader.get_fieldnorms_reader(t.field())?,
                slack: q.max(1.0 / q) * 1.01,
            });
        }
        Ok(SegmentBest {
            limit,
            ord,
            terms,
            place: reader.fast_fields().str(super::schema::PLACE)?,
            kept: Vec::with_capacity(limit + 1),
            floor,
        })
    }

    /// Ranks the segment's matched articles.
    fn rank(&mut self, matched: &Bits, prune: bool) {
        let mut doc = matched.next_from(0);
        while doc != TERMINATED {
            if !prune {
                self.offer(doc);
                doc = matched.next_from(doc + 1);
                continue;
            }
            // The window from `doc` to where the first term's block ends, and the most its
            // articles can score.
            let mut end = TERMINATED - 1;
            let mut most = 0.0;
            for t in &mut self.terms {
                t.seek(doc);
                if t.doc() == TERMINATED {
                    continue;
                }
                end = end.min(t.block_end());
                most += t.block_most();
            }
            if most >= self.least() {
                while doc <= end {
                    self.offer(doc);
                    doc = matched.next_from(doc + 1);
                }
            } else {
                doc = matched.next_from(end.saturating_add(1));
            }
        }
    }

    /// The score of `doc`, summed over the terms in order. Docs come in increasing order.
    fn score(&mut self, doc: DocId) -> Score {
        let mut sum = 0.0;
        for t in &mut self.terms {
            t.seek(doc);
            if t.doc() == doc {
                sum += t.score(doc);
            }
        }
        sum
    }

    fn place_ord(&self, doc: DocId) -> u64 {
        self.place
            .as_ref()
            .and_then(|c| c.ords().first(doc))
            .unwrap_or(u64::MAX)
    }

    /// The lowest score the union must pass on, with room for the few ulps by which its sum
    /// (in another order) may fall short of ours.
    fn threshold(&self) -> Score {
        let least = self.least();
        least - least.abs() * 1e-5 - f32::EPSILON
    }

    /// The least score an article must have to be among the best.
    fn least(&self) -> Score {
        let floor = f32::from_bits(self.floor.load(Ordering::Relaxed));
        match self.kept.last() {
            Some(k) if self.kept.len() >= self.limit => k.0.max(floor),
            _ => floor,
        }
    }

    fn offer(&mut self, doc: DocId) {
        let score = self.score(doc);
        if score < self.least() {
            return;
        }
        let full = self.kept.len() >= self.limit;
        if full && self.kept.last().is_some_and(|k| k.0 > score) {
            return;
        }
        let place = self.place_ord(doc);
        let at = self
            .kept
            .partition_point(|k| k.0 > score || (k.0 == score && k.1 < place));
        if full && at >= self.limit {
            return;
        }
        self.kept.insert(at, (score, place, doc));
        self.kept.truncate(self.limit);
        if let Some(k) = self.kept.get(self.limit - 1) {
            self.floor
                .fetch_max(k.0.max(0.0).to_bits(), Ordering::Relaxed);
        }
    }

    fn hits(&self) -> Vec<Hit> {
        self.kept
            .iter()
            .map(|&(score, place, doc)| (score, place, DocAddress::new(self.ord, doc)))
            .collect()
    }
}
