//! Ranking a search's hits without scoring every article it matches (`search::top`): on a
//! generated library, for many queries, the pruned second pass keeps exactly what scoring
//! every match keeps; an index updated a page at a time ranks exactly as a full build of the
//! same files (scores and ties alike); and the scores are the query's own, as tantivy scores
//! the whole query.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::load::pages::list_folder;
use gongbao::load::{seed_corpus, seeds_and_files};
use gongbao::model::Corpus;
use gongbao::search::query::{self, TermDictSegmenter};
use gongbao::search::schema::fields_of;
use gongbao::search::{index, open_or_build, top, IndexSpec, Progress, SearchOptions, Searcher};
use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};
use tantivy::collector::TopDocs;
use tantivy::DocAddress;

struct Library {
    _dir: tempfile::TempDir,
    /// Built from half the pages, then updated with the rest (several segments).
    updated: Searcher,
    /// Built from all the pages at once.
    full: Searcher,
    corpus: Arc<Corpus>,
}

fn library() -> &'static Library {
    static L: OnceLock<Library> = OnceLock::new();
    L.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let pages = dir.path().join("pages");
        gongbao::synth::generate(
            &seed_corpus(),
            &gongbao::synth::GenOptions {
                articles: 1200,
                out: pages.clone(),
                per_page: 6,
                seed: 11,
            },
        )
        .unwrap();
        let files = list_folder(&pages).unwrap();
        let (half, _) = seeds_and_files(&files[..files.len() / 2]);
        let (all, _) = seeds_and_files(&files);
        let (half, all) = (Arc::new(half), Arc::new(all));
        let spec = |f: u64| IndexSpec {
            dir: Some(dir.path().join("cache")),
            fingerprint: f,
        };
        let progress = Progress::default();
        let _ = open_or_build(&spec(1), &mut || half.clone(), &progress).unwrap();
        let (updated, _) = open_or_build(&spec(2), &mut || all.clone(), &progress).unwrap();
        let full = index::build(&all, None, 0, &progress).unwrap();
        Library {
            _dir: dir,
            updated,
            full,
            corpus: all,
        }
    })
}

/// Queries drawn from the library itself: two to four characters of titles, pairs of them,
/// with an exclusion or a city, and a few of the paper's own words.
fn queries(corpus: &Corpus) -> Vec<String> {
    let mut out: Vec<String> = [
        "工会",
        "劳模",
        "劳模 工匠",
        "培训班",
        "\"工会驿站\"",
        "送清凉",
        "职工 city:湛江",
        "工会 -干部",
        "新就业形态劳动者",
        "2024年",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    let titles: Vec<Vec<char>> = (0..corpus.len())
        .step_by(37)
        .filter_map(|i| corpus.whole(i))
        .map(|a| a.title.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    for (i, t) in titles.iter().enumerate() {
        let n = 2 + i % 3;
        if t.len() < n + 2 {
            continue;
        }
        let at = (i * 7) % (t.len() - n);
        let word: String = t[at..at + n].iter().collect();
        out.push(word.clone());
        // A character alone: it matches inside longer words, where no ranking term holds it.
        if i % 4 == 0 {
            out.push(t[at].to_string());
            out.push(format!(
                "{} city:{}",
                t[at],
                ["湛江", "江门", "广州"][i % 3]
            ));
        }
        if let Some(next) = titles.get(i + 1).filter(|t| t.len() >= 4) {
            let other: String = next[1..3].iter().collect();
            out.push(format!("{word} {other}"));
            out.push(format!("{word} -{other}"));
        }
    }
    out
}

/// The best 25 hits of `q` as (id, score); every match is listed up to 25, scored or not.
fn ranked(s: &Searcher, q: &str) -> Vec<(String, f32)> {
    let r = s
        .search(
            q,
            &SearchOptions {
                limit: 25,
                snippet_chars: 0,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert_eq!(r.hits.len(), r.total.min(25), "{q}: {} matches", r.total);
    r.hits.into_iter().map(|h| (h.id, h.score)).collect()
}

#[test]
fn an_updated_index_ranks_exactly_as_a_full_build() {
    let lib = library();
    assert!(
        lib.updated
            .index()
            .searchable_segment_metas()
            .unwrap()
            .len()
            > 1,
        "the updated index has several segments"
    );
    let queries = queries(&lib.corpus);
    assert!(queries.len() > 40, "{}", queries.len());
    let mut found = 0;
    for q in &queries {
        let a = ranked(&lib.updated, q);
        assert_eq!(a, ranked(&lib.full, q), "{q}");
        found += usize::from(!a.is_empty());
    }
    assert!(found * 2 > queries.len(), "most queries find something");
}

/// The best `limit` of `q` in `s`, pruned or not, as (address, score).
fn second_pass(s: &Searcher, q: &str, limit: usize, prune: bool) -> Vec<(DocAddress, f32)> {
    let searcher = s.index().reader().unwrap().searcher();
    let fields = fields_of(s.index()).unwrap();
    let dict = [fields.body, fields.heading];
    let seg = TermDictSegmenter::new(&searcher, &dict);
    let parsed = query::parse(q);
    let Some(built) = query::build(&fields, &parsed, &seg, parsed.city.as_deref(), None) else {
        return Vec::new();
    };
    let matches = searcher
        .search(
            &built.query,
            &top::Match {
                count_cities: false,
            },
        )
        .unwrap();
    top::best_of(&searcher, &built.ranking, &matches, limit, prune)
        .unwrap()
        .into_iter()
        .map(|(score, a)| (a, score))
        .collect()
}

#[test]
fn pruning_keeps_what_scoring_every_match_keeps() {
    let lib = library();
    for q in queries(&lib.corpus) {
        for limit in [1, 5, 20] {
            assert_eq!(
                second_pass(&lib.updated, &q, limit, true),
                second_pass(&lib.updated, &q, limit, false),
                "{q} (best {limit})"
            );
        }
    }
}

#[test]
fn the_scores_are_the_whole_querys_as_tantivy_scores_it() {
    let lib = library();
    let s = &lib.updated;
    let searcher = s.index().reader().unwrap().searcher();
    let fields = fields_of(s.index()).unwrap();
    let dict = [fields.body, fields.heading];
    let seg = TermDictSegmenter::new(&searcher, &dict);
    for q in queries(&lib.corpus) {
        let parsed = query::parse(&q);
        let Some(built) = query::build(&fields, &parsed, &seg, parsed.city.as_deref(), None) else {
            continue;
        };
        let whole = searcher
            .search(&built.query, &TopDocs::with_limit(10).order_by_score())
            .unwrap();
        let ours = second_pass(s, &q, 10, true);
        assert_eq!(ours.len(), whole.len(), "{q}");
        // Rank by rank, the same scores (summed in another order; ties may swap).
        for ((_, mine), (theirs, _)) in ours.iter().zip(&whole) {
            assert!(
                (mine - theirs).abs() <= theirs.abs() * 1e-4,
                "{q}: {mine} against {theirs}"
            );
        }
        // And every article of ours scores as much in the whole query.
        for (a, mine) in &ours {
            let explained = built.query.explain(&searcher, *a).unwrap().value();
            assert!(
                (mine - explained).abs() <= explained.abs() * 1e-4,
                "{q}: {mine} against {explained}"
            );
        }
    }
}

/// A word jieba keeps whole is matched through its own term first (`Keyed::word`), and
/// several such words together a set at a time (`AllKeyed`): they find exactly the articles
/// whose text holds every word, as the bigram phrase alone does.
#[test]
fn words_jieba_keeps_whole_find_exactly_the_articles_holding_them() {
    let lib = library();
    let s = &lib.full;
    let texts: Vec<(String, String)> = lib
        .corpus
        .whole_articles()
        .map(|a| (a.id.clone(), crate::support::searchable_text(&a)))
        .collect();
    let table = gongbao::search::abbrev::Abbreviations::get();
    let opts = SearchOptions {
        limit: 5000,
        snippet_chars: 0,
        ..SearchOptions::default()
    };
    let mut words: Vec<String> = Vec::new();
    for (n, (_, t)) in texts.iter().enumerate().step_by(5) {
        let chars: Vec<char> = t.chars().collect();
        for (k, len) in [3, 3, 4, 4, 5].into_iter().enumerate() {
            let from = (n * 31 + k * 53) % chars.len().max(1);
            let Some(window) = chars.get(from..from + len) else {
                continue;
            };
            let w: String = window.iter().collect();
            if !window.iter().all(|c| gongbao::parse::lines::is_han(*c))
                || !table.expand(&w).rows.is_empty()
                || s.segment(&w, gongbao::search::SegmentWith::TermDict) != [w.clone()]
            {
                continue;
            }
            words.push(w);
        }
    }
    words.sort();
    words.dedup();
    assert!(words.len() > 20, "only {} words", words.len());
    let mut queries: Vec<Vec<String>> = words.iter().map(|w| vec![w.clone()]).collect();
    queries.extend(words.windows(2).map(<[String]>::to_vec));
    for q in queries {
        let want: BTreeSet<&str> = texts
            .iter()
            .filter(|(_, t)| q.iter().all(|w| t.contains(w.as_str())))
            .map(|(id, _)| id.as_str())
            .collect();
        let found = s.search(&q.join(" "), &opts).unwrap();
        assert_eq!(found.total, want.len(), "{q:?}");
        let got: BTreeSet<&str> = found.hits.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(got, want, "{q:?}");
    }
}
