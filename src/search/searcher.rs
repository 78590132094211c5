//! Querying an open index: ranked hits with snippets, hit counts per city, the hits inside
//! an article for n/N, and related articles (MoreLikeThis). Needs no jieba unless asked to
//! segment with it or to find related articles.

use super::abbrev::Abbreviations;
use super::cities::CityCounts;
use super::query::{self, JiebaSegmenter, ParsedQuery, Segmenter, TermDictSegmenter};
use super::schema::{fields_of, Fields};
use super::snippet::{self, Snippet};
use super::top;
use crate::places::CityList;
use serde::Serialize;
use std::ops::Range;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByString};
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue, Value};
use tantivy::{DocAddress, Index, IndexReader, Order, ReloadPolicy, TantivyDocument, Term};

/// How the words of a query are segmented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SegmentWith {
    /// Against the index's term dictionary (no jieba: instant).
    #[default]
    TermDict,
    /// With jieba (loads the dictionary on first use, about 0.1 s).
    Jieba,
}

/// The order of the hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best first (BM25).
    #[default]
    Relevance,
    /// Newest first by the article's date, then best first; articles whose year is unknown
    /// follow (by month and day), then those without a date.
    Date,
}

impl Sort {
    /// The other order (the reader's key).
    #[must_use]
    pub fn toggled(self) -> Sort {
        match self {
            Sort::Relevance => Sort::Date,
            Sort::Date => Sort::Relevance,
        }
    }
}

/// What to search and how much to return.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// How many hits to return, best first.
    pub limit: usize,
    /// Only this city (short or full name); a `city:` in the query wins.
    pub city: Option<String>,
    /// Only this union body; a `union:` in the query wins.
    pub union: Option<String>,
    /// Snippet length in characters; 0 for no snippets (faster).
    pub snippet_chars: usize,
    /// Count the hits in each city (for the reader's sidebar).
    pub count_cities: bool,
    pub segment_with: SegmentWith,
    pub sort: Sort,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 20,
            city: None,
            union: None,
            snippet_chars: 80,
            count_cities: false,
            segment_with: SegmentWith::TermDict,
            sort: Sort::Relevance,
        }
    }
}

/// One ranked hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// The article's index in the corpus searched: set by [`SearchResults::resolve`]
    /// (`usize::MAX` until then, or when the corpus has no such article).
    #[serde(skip)]
    pub ord: usize,
    /// The id of the article's page.
    pub page: String,
    /// The article's place in the library ([`super::schema::place`]): what orders hits of
    /// equal score.
    #[serde(skip)]
    pub place: String,
    /// The article id, as in `export`.
    pub id: String,
    pub title: String,
    pub city: Option<String>,
    pub union: Option<String>,
    pub score: f32,
    /// The article's date as yyyymmdd (year 0 when unknown; 0 for none), the value `date:`,
    /// `after:`, `before:` and sorting by date use. Its edition's date can feed it later.
    pub date: u64,
    /// A window of the body with the hits highlighted (empty without snippets).
    pub snippet: Snippet,
}

/// What a search found.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// The best hits, best first.
    pub hits: Vec<SearchHit>,
    /// How many articles match in all.
    pub total: usize,
    /// Hits per city (full name; [`crate::model::NO_CITY`] for none), most first; empty
    /// unless asked for.
    pub city_counts: Vec<(String, usize)>,
    /// The query taken apart.
    pub parsed: ParsedQuery,
    /// What to highlight in an article's text (see [`Searcher::hits_in`]).
    pub needles: Vec<String>,
}

impl SearchResults {
    /// Finds each hit's article in `corpus` (by page and id), so it need not be the corpus the
    /// index was first built from.
    #[must_use]
    pub fn resolve(mut self, corpus: &crate::model::Corpus) -> SearchResults {
        resolve(&mut self.hits, corpus);
        self
    }
}

/// Finds each hit's article in `corpus` (by page and id), setting its `ord`.
pub fn resolve(hits: &mut [SearchHit], corpus: &crate::model::Corpus) {
    for h in hits {
        h.ord = corpus.article_index(&h.page, &h.id).unwrap_or(usize::MAX);
    }
}

/// An open index, ready for queries. Cheap to share between threads (`Arc` it).
pub struct Searcher {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("docs", &self.num_docs())
            .finish_non_exhaustive()
    }
}

/// Runs `q` with a top-docs collector, the count, and the per-city counts if asked.
#[allow(clippy::type_complexity)]
fn collect<K: 'static>(
    searcher: &tantivy::Searcher,
    q: &dyn Query,
    top: impl Collector<Fruit = Vec<(K, DocAddress)>>,
    count_cities: bool,
) -> tantivy::Result<(Vec<(K, DocAddress)>, usize, Vec<usize>)> {
    Ok(if count_cities {
        searcher.search(q, &(top, Count, CityCounts))?
    } else {
        let (t, c) = searcher.search(q, &(top, Count))?;
        (t, c, Vec::new())
    })
}

/// A yyyymmdd date as text: `2024-12-09`, or `12-09` when the year is unknown.
#[must_use]
pub fn date_text(date: u64) -> Option<String> {
    let (y, m, d) = (date / 10_000, date / 100 % 100, date % 100);
    match (y, m) {
        (_, 0) => None,
        (0, _) => Some(format!("{m:02}-{d:02}")),
        _ => Some(format!("{y}-{m:02}-{d:02}")),
    }
}

/// The best `limit` hits by score; hits of equal score in article order (their place in the
/// library: page file, then article), so the same files always give the same list whatever
/// segment each article was indexed into.
/// A place stays with its page file, so an index updated a page at a time orders ties as a
/// fresh build of the same files does.
fn best(limit: usize) -> impl Collector<Fruit = Vec<((f32, Option<String>), DocAddress)>> {
    TopDocs::with_limit(limit.max(1)).order_by((
        (SortBySimilarityScore, Order::Desc),
        (SortByString::for_field(super::schema::PLACE), Order::Asc),
    ))
}

/// The article's place ([`super::schema::place`]) from its fast column.
fn place_of(searcher: &tantivy::Searcher, addr: DocAddress) -> String {
    let Ok(Some(column)) = searcher
        .segment_reader(addr.segment_ord)
        .fast_fields()
        .str(super::schema::PLACE)
    else {
        return String::new();
    };
    let mut bytes = Vec::new();
    match column.ords().first(addr.doc_id) {
        Some(ord)
            if column
                .dictionary()
                .ord_to_term(ord, &mut bytes)
                .unwrap_or(false) =>
        {
            String::from_utf8(bytes).unwrap_or_default()
        }
        _ => String::new(),
    }
}

fn stored_str(doc: &TantivyDocument, f: tantivy::schema::Field) -> Option<String> {
    doc.get_first(f)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// From this many articles up, a query's segments are searched on several threads.
const THREADED_DOCS: u64 = 300_000;

impl Searcher {
    /// Wraps an index whose tokenizers are registered.
    ///
    /// # Errors
    /// When the index lacks gongbao's fields or cannot be read.
    pub fn new(mut index: Index) -> tantivy::Result<Searcher> {
        let fields = fields_of(&index)?;
        // A big index's segments are searched on as many threads as there are cores (at most
        // one a segment). Below [`THREADED_DOCS`] the threads cost more than they save (a
        // `gongbao search` at 100k articles: 12.0 ms on one thread, 14.2 ms on two). Set before
        // the reader, which keeps the index's executor as it is then.
        let metas = index.searchable_segment_metas()?;
        let docs: u64 = metas.iter().map(|m| u64::from(m.num_docs())).sum();
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let segments = metas.len();
        if docs >= THREADED_DOCS && segments > 1 && cores > 1 {
            if let Err(e) = index.set_multithread_executor(segments.min(cores)) {
                tracing::warn!("searching on one thread: {e}");
            }
        }
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Searcher {
            index,
            reader,
            fields,
        })
    }

    /// How many articles the index holds.
    #[must_use]
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The tantivy index (for benches and tests).
    #[must_use]
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Segments a folded word the way `opts` says.
    #[must_use]
    pub fn segment(&self, word: &str, with: SegmentWith) -> Vec<String> {
        let searcher = self.reader.searcher();
        match with {
            SegmentWith::TermDict => {
                TermDictSegmenter::new(&searcher, &[self.fields.body, self.fields.heading])
                    .segment(word)
            }
            SegmentWith::Jieba => JiebaSegmenter(&super::tokenizer::shared_jieba()).segment(word),
        }
    }

    /// Runs a query as typed.
    ///
    /// # Errors
    /// When tantivy fails to read the index.
    pub fn search(&self, text: &str, opts: &SearchOptions) -> tantivy::Result<SearchResults> {
        let parsed = query::parse(text);
        let searcher = self.reader.searcher();
        let dict_fields = [self.fields.body, self.fields.heading];
        let jieba;
        let term_dict;
        let seg: &dyn Segmenter = match opts.segment_with {
            SegmentWith::TermDict => {
                term_dict = TermDictSegmenter::new(&searcher, &dict_fields);
                &term_dict
            }
            SegmentWith::Jieba => {
                jieba = super::tokenizer::shared_jieba();
                &JiebaSegmenter(&jieba)
            }
        };
        let city_name = parsed.city.clone().or_else(|| opts.city.clone());
        let city = city_name.map(|c| {
            CityList::get()
                .full_name(&c)
                .map_or(c.clone(), str::to_string)
        });
        let union = parsed.union.clone().or_else(|| opts.union.clone());
        let mut needles: Vec<String> = parsed
            .words
            .iter()
            .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
            .filter(|p| !p.is_empty())
            // Every spelling of a word with an abbreviation's form: 劳模 highlights 劳动模范.
            .flat_map(|p| Abbreviations::get().expand(p).spellings)
            .flat_map(|pieces| query::spelling_groups(seg, &pieces))
            // A quoted phrase as the text holds it: its words in order, each space nothing or
            // a break or punctuation (`"工会 驿站"` is 工会驿站 or 工会，驿站; see
            // [`snippet::find`]), never a word alone.
            .chain(
                parsed
                    .phrases
                    .iter()
                    .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")),
            )
            .collect();
        needles.sort_by_key(|s| std::cmp::Reverse(s.len()));
        needles.dedup();
        let Some(built) = query::build(
            &self.fields,
            &parsed,
            seg,
            city.as_deref(),
            union.as_deref(),
        ) else {
            return Ok(SearchResults {
                parsed,
                needles,
                ..SearchResults::default()
            });
        };
        let q = &built.query;
        let (top, total, counts): (Vec<(f32, DocAddress)>, usize, Vec<usize>) = match opts.sort {
            Sort::Relevance if !built.ranking.is_empty() => {
                // Matched without scores, then the best found by pruning the ranking's terms.
                let matches = searcher.search(
                    q,
                    &top::Match {
                        count_cities: opts.count_cities,
                    },
                )?;
                let top = top::best(&searcher, &built.ranking, &matches, opts.limit)?;
                (top, matches.count, matches.cities)
            }
            Sort::Relevance => {
                let (top, total, counts) =
                    collect(&searcher, q.as_ref(), best(opts.limit), opts.count_cities)?;
                let top = top.into_iter().map(|((s, _), a)| (s, a)).collect();
                (top, total, counts)
            }
            Sort::Date => {
                let top = TopDocs::with_limit(opts.limit.max(1)).tweak_score(
                    |segment: &tantivy::SegmentReader| {
                        let dates = segment.fast_fields().u64("date").ok();
                        move |doc: tantivy::DocId, score: tantivy::Score| {
                            (
                                dates.as_ref().and_then(|c| c.first(doc)).unwrap_or(0),
                                score,
                            )
                        }
                    },
                );
                let (top, total, counts) = collect(&searcher, q.as_ref(), top, opts.count_cities)?;
                let top = top.into_iter().map(|((_, s), a)| (s, a)).collect();
                (top, total, counts)
            }
        };
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top.into_iter().take(opts.limit) {
            hits.push(self.hit(&searcher, addr, score, &needles, opts.snippet_chars)?);
        }
        let cities = CityList::get();
        let mut city_counts: Vec<(String, usize)> = counts
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(i, &n)| {
                let name = i
                    .checked_sub(1)
                    .and_then(|i| cities.names.get(i))
                    .map_or_else(|| crate::model::NO_CITY.to_string(), Clone::clone);
                (name, n)
            })
            .collect();
        city_counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(SearchResults {
            hits,
            total,
            city_counts,
            parsed,
            needles,
        })
    }

    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
        score: f32,
        needles: &[String],
        snippet_chars: usize,
    ) -> tantivy::Result<SearchHit> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let date = searcher
            .segment_reader(addr.segment_ord)
            .fast_fields()
            .u64("date")
            .ok()
            .and_then(|c| c.first(addr.doc_id))
            .unwrap_or(0);
        let f = &self.fields;
        let snippet = if snippet_chars == 0 {
            Snippet::default()
        } else {
            let body = stored_str(&doc, f.body).unwrap_or_default();
            snippet::snippet(&body, needles, snippet_chars)
        };
        Ok(SearchHit {
            ord: usize::MAX,
            page: stored_str(&doc, f.page).unwrap_or_default(),
            place: place_of(searcher, addr),
            id: stored_str(&doc, f.id).unwrap_or_default(),
            title: stored_str(&doc, f.title).unwrap_or_default(),
            city: stored_str(&doc, f.city),
            union: stored_str(&doc, f.union),
            score,
            date,
            snippet,
        })
    }

    /// Where the needles of a search occur in an article's paragraphs:
    /// `(paragraph index, byte range)` in reading order, for highlighting and n/N.
    #[must_use]
    pub fn hits_in(paragraphs: &[String], needles: &[String]) -> Vec<(usize, Range<usize>)> {
        snippet::find_in_paragraphs(paragraphs, needles)
    }

    fn address_of(
        &self,
        searcher: &tantivy::Searcher,
        id: &str,
    ) -> tantivy::Result<Option<DocAddress>> {
        let q = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        Ok(searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())?
            .first()
            .map(|(_, a)| *a))
    }

    /// Up to `n` articles most like the article `id` (MoreLikeThis over its heading and body),
    /// best first, without snippets. Loads jieba (it re-cuts the article's text).
    ///
    /// # Errors
    /// When tantivy fails to read the index.
    pub fn related(&self, id: &str, n: usize) -> tantivy::Result<Vec<SearchHit>> {
        let searcher = self.reader.searcher();
        let Some(addr) = self.address_of(&searcher, id)? else {
            return Ok(Vec::new());
        };
        let doc: TantivyDocument = searcher.doc(addr)?;
        let f = &self.fields;
        let values = |field| -> Vec<OwnedValue> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(|s| OwnedValue::Str(s.to_string())))
                .collect()
        };
        let max_df = (self.num_docs() / 5).max(2);
        let mlt = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_max_doc_frequency(max_df)
            .with_min_term_frequency(1)
            .with_min_word_length(6)
            .with_max_query_terms(40)
            .with_boost_factor(1.0)
            .with_document_fields(vec![
                (f.heading, values(f.heading)),
                (f.body, values(f.body)),
            ]);
        let q = BooleanQuery::new(vec![
            (Occur::Should, Box::new(mlt) as Box<dyn Query>),
            (
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.id, id),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let top = searcher.search(&q, &best(n))?;
        top.into_iter()
            .take(n)
            .map(|((score, _), addr)| self.hit(&searcher, addr, score, &[], 0))
            .collect()
    }
}
