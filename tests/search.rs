//! Search over the embedded seeds: filters, exclusions, phrases, traditional script and the
//! abbreviation table, dates, related articles, the on-disk index's versioning and
//! recovery, and the command line. The judged query set is `tests/judged.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::load::seed_corpus;
use gongbao::model::Corpus;
use gongbao::search::{
    index, open_or_build, IndexSpec, Opened, Progress, SearchOptions, Searcher, Sort,
};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

#[derive(Deserialize)]
struct Judged {
    recall: Vec<RecallCase>,
}

#[derive(Deserialize)]
struct RecallCase {
    query: String,
    /// Every article that names it, and no other.
    ids: Vec<String>,
}

fn judged() -> Judged {
    serde_json::from_str(include_str!("fixtures/search/judged.json")).unwrap()
}

fn corpus() -> Arc<Corpus> {
    static C: OnceLock<Arc<Corpus>> = OnceLock::new();
    C.get_or_init(|| Arc::new(seed_corpus())).clone()
}

fn searcher() -> &'static Searcher {
    static S: OnceLock<Searcher> = OnceLock::new();
    S.get_or_init(|| {
        let c = corpus();
        index::build(&c, None, 0, &Progress::default()).unwrap()
    })
}

#[test]
fn filters_exclusions_and_phrases() {
    let s = searcher();
    let all = s
        .search(
            "工会",
            &SearchOptions {
                limit: 100,
                count_cities: true,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert!(all.total > 20);
    let counted: usize = all.city_counts.iter().map(|(_, n)| n).sum();
    assert_eq!(counted, all.total);
    let zhanjiang = all
        .city_counts
        .iter()
        .find(|(c, _)| c == "湛江市")
        .unwrap()
        .1;
    for q in ["工会 city:湛江", "工会 city:湛江市"] {
        let r = s
            .search(
                q,
                &SearchOptions {
                    limit: 100,
                    ..SearchOptions::default()
                },
            )
            .unwrap();
        assert_eq!(r.total, zhanjiang, "{q}");
        assert!(r.hits.iter().all(|h| h.city.as_deref() == Some("湛江市")));
    }
    let opt = SearchOptions {
        limit: 100,
        city: Some("湛江".into()),
        ..SearchOptions::default()
    };
    assert_eq!(s.search("工会", &opt).unwrap().total, zhanjiang);
    let taishan = s
        .search("工会 union:台山市总工会", &SearchOptions::default())
        .unwrap();
    assert!(taishan.total >= 1);
    assert!(taishan
        .hits
        .iter()
        .all(|h| h.union.as_deref() == Some("台山市总工会")));
    let without = s
        .search(
            "工会 -湛江",
            &SearchOptions {
                limit: 100,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    for h in &without.hits {
        let a = corpus().article(&h.id).unwrap().into_owned();
        assert!(!a.body_text().contains("湛江"), "{}", h.id);
    }
    assert!(without.total < all.total);
    // A filter alone lists what it lets through: every 湛江 article, and no other.
    let zhanjiang = s
        .search("  city:湛江 ，。 ", &SearchOptions::default())
        .unwrap();
    let want = corpus()
        .whole_articles()
        .filter(|a| a.city.as_deref() == Some("湛江市"))
        .count();
    assert_eq!((zhanjiang.total, zhanjiang.hits.len()), (want, want));
    assert!(zhanjiang
        .hits
        .iter()
        .all(|h| h.city.as_deref() == Some("湛江市")));
    // Nothing to search for: no hits, no error.
    assert_eq!(
        s.search("，。 -干部", &SearchOptions::default())
            .unwrap()
            .total,
        0
    );
    assert_eq!(s.search("", &SearchOptions::default()).unwrap().total, 0);
    // One character: every article that holds it, wherever it stands in a run.
    let one = s
        .search(
            "送",
            &SearchOptions {
                limit: 100,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    let holding = corpus()
        .whole_articles()
        .filter(|a| a.body_text().contains('送') || a.title.contains('送'))
        .count();
    assert!(
        one.total >= holding && holding > 3,
        "{} of {holding}",
        one.total
    );
    // Snippets carry their hits.
    let r = s.search("许接英", &SearchOptions::default()).unwrap();
    for h in &r.hits {
        assert!(!h.snippet.highlights.is_empty(), "{}", h.id);
        for hl in &h.snippet.highlights {
            assert_eq!(&h.snippet.text[hl.clone()], "许接英");
        }
    }
}

fn hits(query: &str) -> Vec<(String, f32)> {
    searcher()
        .search(
            query,
            &SearchOptions {
                limit: 100,
                ..SearchOptions::default()
            },
        )
        .unwrap()
        .hits
        .into_iter()
        .map(|h| (h.id, h.score))
        .collect()
}

/// The examples: traditional script finds what simplified finds, and an
/// abbreviation what its full form finds, ranked alike (one term), with both forms
/// highlighted.
#[test]
fn traditional_script_and_abbreviations_find_the_same() {
    let laomo = hits("劳模");
    assert!(laomo.len() >= 10, "{laomo:?}");
    assert_eq!(hits("勞模"), laomo);
    assert_eq!(hits("劳动模范"), laomo);
    assert_eq!(hits("勞動模範"), laomo);
    let zhanjiang = hits("湛江市总工会");
    assert!(zhanjiang.len() >= 4, "{zhanjiang:?}");
    assert_eq!(hits("湛江市總工會"), zhanjiang);
    // The heading 湛江市总推进…: found through the table's 湛江市总.
    assert!(zhanjiang.iter().any(|h| h.0 == "000_d566be7ab6327229-02"));
    assert_eq!(hits("工联会"), hits("工会联合会"));
    // An exclusion leaves out every form.
    let without = hits("工会 -劳动模范");
    assert!(without.iter().all(|h| !laomo.iter().any(|l| l.0 == h.0)));

    let r = searcher()
        .search("劳模", &SearchOptions::default())
        .unwrap();
    assert!(
        r.needles.contains(&"劳动模范".to_string()),
        "{:?}",
        r.needles
    );
    let marked: Vec<String> = r.hits.iter().map(|h| h.snippet.marked("[", "]")).collect();
    assert!(
        marked.iter().any(|m| m.contains("[劳动模范]")),
        "{marked:?}"
    );
    assert!(marked.iter().any(|m| m.contains("[劳模]")), "{marked:?}");
}

fn set(query: &str) -> BTreeSet<String> {
    hits(query).into_iter().map(|h| h.0).collect()
}

/// `date:` `after:` `before:` filter on the article's date where its year is known (on the
/// seeds: 000-04 on 2024-12-09, 000-05 on 2024-12-16); `Sort::Date` puts the newest first.
#[test]
fn date_filters_and_sorting_by_date() {
    let ids = |v: &[&str]| -> BTreeSet<String> {
        v.iter()
            .map(|s| format!("000_d566be7ab6327229-{s}"))
            .collect()
    };
    assert_eq!(set("date:2024-12"), ids(&["04", "05"]));
    assert_eq!(set("date:2024"), ids(&["04", "05"]));
    assert_eq!(set("date:2024-12-09"), ids(&["04"]));
    assert_eq!(set("after:2024-12-09"), ids(&["05"]));
    assert_eq!(set("before:2024-12-16"), ids(&["04"]));
    assert_eq!(set("after:2024-12-09 before:2024-12-16"), ids(&[]));
    assert_eq!(set("date:2024-11"), ids(&[]));
    assert_eq!(set("date:2025"), ids(&[]));
    assert_eq!(set("工会 date:2024-12"), ids(&["04", "05"]));
    assert_eq!(set("工会组建 date:2024-12"), ids(&["05"]));
    // A date that is no date is reported, and the rest of the query runs.
    let r = searcher()
        .search("送清凉 date:soon", &SearchOptions::default())
        .unwrap();
    assert_eq!(r.parsed.problems.len(), 1);
    assert_eq!(r.total, 3);

    let by = |sort: Sort| {
        searcher()
            .search(
                "工会",
                &SearchOptions {
                    limit: 100,
                    sort,
                    ..SearchOptions::default()
                },
            )
            .unwrap()
            .hits
    };
    let by_date = by(Sort::Date);
    let by_relevance = by(Sort::Relevance);
    assert_eq!(by_date.len(), by_relevance.len());
    assert_eq!(by_date[0].date, 20_241_216);
    assert_eq!(by_date[1].date, 20_241_209);
    assert!(by_date.windows(2).all(|w| w[0].date >= w[1].date));
    assert!(by_date
        .windows(2)
        .all(|w| w[0].date != w[1].date || w[0].score >= w[1].score));
    assert_ne!(
        by_date.iter().map(|h| &h.id).collect::<Vec<_>>(),
        by_relevance.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
}

#[test]
fn a_word_then_one_character_is_found() {
    let s = searcher();
    let opts = SearchOptions {
        limit: 100,
        ..SearchOptions::default()
    };
    let want = corpus()
        .whole_articles()
        .filter(|a| a.body_text().contains("2024年"))
        .count();
    assert!(want > 0);
    assert_eq!(s.search("2024年", &opts).unwrap().total, want);
}

#[test]
fn full_width_query_finds_half_width_text() {
    let s = searcher();
    let a = s
        .search("２０２４", &SearchOptions::default())
        .unwrap()
        .total;
    let b = s.search("2024", &SearchOptions::default()).unwrap().total;
    assert_eq!(a, b);
}

#[test]
fn related_articles_exclude_the_article_and_share_its_subject() {
    let s = searcher();
    let c = corpus();
    let a = &c.whole(0).unwrap();
    let related = s.related(&a.id, 5).unwrap();
    assert!(!related.is_empty());
    assert!(related.iter().all(|h| h.id != a.id));
    assert!(s.related("no-such-id", 5).unwrap().is_empty());
}

#[test]
fn hits_in_paragraphs_for_n_and_n() {
    let c = corpus();
    let r = searcher()
        .search("许接英", &SearchOptions::default())
        .unwrap();
    let a = c.article(&r.hits[0].id).unwrap();
    let hits = Searcher::hits_in(&a.paragraphs, &r.needles);
    assert!(!hits.is_empty());
    for (p, range) in hits {
        assert_eq!(&a.paragraphs[p][range], "许接英");
    }
}

#[test]
fn on_disk_index_is_versioned_and_recovers_from_damage() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus();
    let spec = IndexSpec {
        dir: Some(dir.path().to_path_buf()),
        fingerprint: 42,
    };
    let progress = Progress::default();
    let (s, opened) = open_or_build(&spec, &mut || c.clone(), &progress).unwrap();
    assert_eq!(opened, Opened::Built);
    assert_eq!(s.num_docs(), c.len() as u64);
    assert_eq!(progress.get(), (c.len(), c.len()));
    drop(s);
    // Current: opened as it is, without calling for the corpus.
    let (_, opened) = open_or_build(
        &spec,
        &mut || -> Arc<Corpus> { panic!("must not rebuild") },
        &progress,
    )
    .unwrap();
    assert_eq!(opened, Opened::Existing);
    // Other pages: updated in place, a page at a time (here: none really changed).
    let changed = IndexSpec {
        fingerprint: 43,
        ..spec.clone()
    };
    let (_, opened) = open_or_build(&changed, &mut || c.clone(), &progress).unwrap();
    assert_eq!(opened, Opened::Updated(gongbao::search::Change::default()));
    // Corrupt: meta.json garbage → moved aside and rebuilt, no panic.
    let index_dir = changed.index_dir().unwrap();
    std::fs::write(index_dir.join("meta.json"), b"{ not json").unwrap();
    let (s, opened) = open_or_build(&changed, &mut || c.clone(), &progress).unwrap();
    match opened {
        Opened::Rebuilt {
            moved_to: Some(p), ..
        } => assert!(p.exists(), "{p:?}"),
        other => panic!("{other:?}"),
    }
    assert!(s.search("许接英", &SearchOptions::default()).unwrap().total > 0);
    // Segment files deleted: also recovered.
    for e in std::fs::read_dir(&index_dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "idx") {
            std::fs::remove_file(p).unwrap();
        }
    }
    let (s, _) = open_or_build(&changed, &mut || c.clone(), &progress).unwrap();
    assert!(s.search("许接英", &SearchOptions::default()).unwrap().total > 0);
}

/// The ids a query finds, in order, with their scores rounded (segments differ between an
/// updated and a rebuilt index, BM25 statistics only slightly).
fn found(s: &Searcher, q: &str) -> Vec<String> {
    let opts = SearchOptions {
        limit: 200,
        ..SearchOptions::default()
    };
    let mut ids: Vec<String> = s
        .search(q, &opts)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

/// Pages removed, changed and added: the index is updated a page at a time and finds what a
/// full build of the same pages finds.
#[test]
fn an_index_updated_a_page_at_a_time_equals_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let pages = gongbao::load::seed_pages();
    let spec = |f: u64| IndexSpec {
        dir: Some(dir.path().to_path_buf()),
        fingerprint: f,
    };
    let progress = Progress::default();
    let all = Arc::new(Corpus::new(pages.clone()));
    let _ = open_or_build(&spec(1), &mut || all.clone(), &progress).unwrap();
    // One page removed, one changed (another page's articles under its id), nothing else.
    let mut next = pages.clone();
    next.remove(0);
    let mut changed = pages[3].clone();
    changed.id.clone_from(&next[0].id);
    changed.content = 99;
    for a in &mut changed.articles {
        a.page.clone_from(&changed.id);
        a.id = format!("{}#{}", changed.id, a.id);
    }
    next[0] = changed;
    let next = Arc::new(Corpus::new(next));
    let (updated, opened) = open_or_build(&spec(2), &mut || next.clone(), &progress).unwrap();
    assert_eq!(
        opened,
        Opened::Updated(gongbao::search::Change {
            added: 0,
            changed: 1,
            removed: 1
        })
    );
    assert_eq!(
        progress.get().1,
        next.page_articles(0).len(),
        "only the changed page"
    );
    let full = index::build(&next, None, 0, &Progress::default()).unwrap();
    assert_eq!(updated.num_docs(), full.num_docs());
    for q in ["送清凉", "许接英", "工会", "湛江", "劳模"] {
        assert_eq!(found(&updated, q), found(&full, q), "{q}");
    }
    // And back: the removed page added again.
    let (back, opened) = open_or_build(&spec(3), &mut || all.clone(), &progress).unwrap();
    assert_eq!(
        opened,
        Opened::Updated(gongbao::search::Change {
            added: 1,
            changed: 1,
            removed: 0
        })
    );
    let full = index::build(&all, None, 0, &Progress::default()).unwrap();
    for q in ["送清凉", "许接英", "工会", "湛江", "劳模"] {
        assert_eq!(found(&back, q), found(&full, q), "{q}");
    }
    // Hits are found in the corpus by page and id.
    let r = back
        .search("送清凉", &SearchOptions::default())
        .unwrap()
        .resolve(&all);
    for h in &r.hits {
        assert_eq!(all.whole(h.ord).unwrap().id, h.id);
    }
}

/// A build that stopped after an interim commit (fingerprint 0, some pages) goes on from
/// there: only the pages it lacks are indexed.
#[test]
fn an_interrupted_build_keeps_what_it_committed() {
    let dir = tempfile::tempdir().unwrap();
    let pages = gongbao::load::seed_pages();
    let spec = |f: u64| IndexSpec {
        dir: Some(dir.path().to_path_buf()),
        fingerprint: f,
    };
    let progress = Progress::default();
    let part = Arc::new(Corpus::new(pages[..2].to_vec()));
    let _ = open_or_build(&spec(0), &mut || part.clone(), &progress).unwrap();
    let all = Arc::new(Corpus::new(pages));
    let (s, opened) = open_or_build(&spec(7), &mut || all.clone(), &progress).unwrap();
    assert_eq!(
        opened,
        Opened::Updated(gongbao::search::Change {
            added: 3,
            changed: 0,
            removed: 0
        })
    );
    assert_eq!(
        progress.get().1,
        all.len() - part.len(),
        "the committed pages were kept"
    );
    assert_eq!(s.num_docs(), all.len() as u64);
}

/// Two writers updating the same index at once: one waits for the other (the lock), both
/// end with an index of the new pages.
#[test]
fn two_writers_at_once_leave_one_good_index() {
    let dir = tempfile::tempdir().unwrap();
    let pages = gongbao::load::seed_pages();
    let spec = |f: u64| IndexSpec {
        dir: Some(dir.path().to_path_buf()),
        fingerprint: f,
    };
    let part = Arc::new(Corpus::new(pages[..3].to_vec()));
    let _ = open_or_build(&spec(1), &mut || part.clone(), &Progress::default()).unwrap();
    let all = Arc::new(Corpus::new(pages));
    let results: Vec<u64> = std::thread::scope(|s| {
        let jobs: Vec<_> = (0..2)
            .map(|_| {
                let all = all.clone();
                let spec = spec(2);
                s.spawn(move || {
                    let (s, _) =
                        open_or_build(&spec, &mut || all.clone(), &Progress::default()).unwrap();
                    s.num_docs()
                })
            })
            .collect();
        jobs.into_iter().map(|j| j.join().unwrap()).collect()
    });
    assert_eq!(results, vec![all.len() as u64; 2]);
    let (s, opened) = open_or_build(
        &spec(2),
        &mut || -> Arc<Corpus> { panic!("must be current") },
        &Progress::default(),
    )
    .unwrap();
    assert_eq!(opened, Opened::Existing);
    assert_eq!(s.num_docs(), all.len() as u64);
}

#[test]
fn background_job_reports_progress_and_delivers() {
    let c = corpus();
    let job = gongbao::search::IndexJob::spawn(c.clone(), IndexSpec::in_ram());
    let progress = job.progress.clone();
    let (s, _) = job.wait().unwrap();
    assert_eq!(progress.get(), (c.len(), c.len()));
    assert_eq!(s.num_docs(), c.len() as u64);
}

fn seed_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in gongbao::load::SEEDS {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn gongbao(cache: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("gongbao").unwrap();
    cmd.env("GONGBAO_CACHE_DIR", cache)
        .env("GONGBAO_CONFIG_DIR", cache)
        .env("GONGBAO_DATA_DIR", cache);
    cmd
}

/// `gongbao search QUERY --format json --limit N` on the default corpus: its hits.
fn search_json(home: &std::path::Path, query: &str, limit: usize) -> Vec<serde_json::Value> {
    let out = gongbao(home)
        .args(["search", query, "--format", "json", "--limit"])
        .arg(limit.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn command_line_search_json_text_and_pages() {
    let cache = tempfile::tempdir().unwrap();
    // Seeds, JSON: best first, with the documented keys.
    let hits = search_json(cache.path(), "许接英", 50);
    let want: BTreeSet<String> = judged()
        .recall
        .into_iter()
        .find(|c| c.query == "许接英")
        .unwrap()
        .ids
        .into_iter()
        .collect();
    let got: BTreeSet<String> = hits
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, want);
    for h in &hits {
        for key in ["id", "title", "city", "union", "score", "snippet"] {
            assert!(h.get(key).is_some(), "{key} missing in {h}");
        }
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));

    // Page files: the first run builds the index in the cache, the second opens it; the ids
    // are the same as `export` gives for those files.
    let pages = seed_dir();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "--pages",
            pages.path().to_str().unwrap(),
            "search",
            "送清凉",
        ];
        args.extend_from_slice(extra);
        gongbao(cache.path()).args(&args).output().unwrap()
    };
    let first = run(&["--format", "json"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second = run(&["--format", "json"]);
    assert_eq!(first.stdout, second.stdout);
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&second.stdout).unwrap();
    assert!(!hits.is_empty());
    let export = gongbao(cache.path())
        .args(["--pages", pages.path().to_str().unwrap(), "export"])
        .output()
        .unwrap();
    let export: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let export_ids: BTreeSet<&str> = export["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    for h in &hits {
        assert!(export_ids.contains(h["id"].as_str().unwrap()));
    }
    // Text output, city filter.
    let text = run(&["--city", "湛江"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("【送清凉】") || text.starts_with("0 篇"),
        "{text}"
    );
    for line in text.lines().skip(1).filter(|l| !l.starts_with("    ")) {
        assert!(line.contains("湛江市"), "{line}");
    }

    // A damaged index is moved aside, named, and rebuilt.
    // The page set's folder (`lib-…`), not the seeds' (`seeds-…`, from the search above).
    let lib = std::fs::read_dir(cache.path().join("search"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("lib-"))
        .unwrap();
    let index_dir = std::fs::read_dir(&lib)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("index-")
        })
        .unwrap();
    std::fs::write(index_dir.join("meta.json"), b"garbage").unwrap();
    let healed = run(&["--format", "json"]);
    assert!(healed.status.success());
    let stderr = String::from_utf8_lossy(&healed.stderr);
    assert!(stderr.contains(".old"), "{stderr}");
    assert_eq!(healed.stdout, first.stdout);
}

/// Without `--pages`, search covers the default corpus: the seeds and the page library. With
/// a library its index lives in the cache folder, and a page imported later is found too.
#[test]
fn command_line_search_covers_the_page_library() {
    let home = tempfile::tempdir().unwrap();
    let json_ids = |query: &str| -> Vec<String> {
        search_json(home.path(), query, 100)
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    // The seeds alone: nothing from 惠东县, and no index on disk.
    assert!(json_ids("惠东县总工会").is_empty());
    assert!(!home.path().join("search/lib-default").exists());

    let page = std::path::Path::new("tests/fixtures/pages/p01_huizhou_columns.txt");
    let import = gongbao(home.path())
        .args(["import", page.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(import.status.success());
    let ids = json_ids("惠东县总工会");
    assert!(
        ids.iter().any(|i| i.starts_with("p01_huizhou_columns-")),
        "{ids:?}"
    );
    // Seeds are still searched, and the index now lives in the cache folder.
    assert!(!json_ids("送清凉").is_empty());
    assert!(home.path().join("search/lib-default").is_dir());

    // A second library page: the index notices and is built again.
    let second = std::path::Path::new("tests/fixtures/pages/p02_dongguan_paragraphs.txt");
    gongbao(home.path())
        .args(["import", second.to_str().unwrap()])
        .assert()
        .success();
    let dongguan = json_ids("东莞");
    assert!(
        dongguan
            .iter()
            .any(|i| i.starts_with("p02_dongguan_paragraphs-")),
        "{dongguan:?}"
    );
}

#[test]
fn command_line_sorts_by_date_and_prints_dates() {
    let cache = tempfile::tempdir().unwrap();
    let out = gongbao(cache.path())
        .args([
            "search", "工会", "--sort", "date", "--limit", "3", "--format", "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let dates: Vec<&str> = hits
        .iter()
        .filter(|h| h["kind"] == "article")
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates[..2], ["2024-12-16", "2024-12-09"]);
    let out = gongbao(cache.path())
        .args(["search", "date:2024-12", "date:soon"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("2 篇相符"), "{text}");
    assert!(text.contains("2024-12-09"), "{text}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("date:soon: not a date"), "{err}");
    // Nothing found by a date filter says why it may be so.
    let out = gongbao(cache.path())
        .args(["search", "工会", "date:2023"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("0 篇相符（日期筛选只看年份已知的文章"),
        "{text}"
    );
    gongbao(cache.path())
        .args(["search", "工会", "--sort", "newest"])
        .assert()
        .failure();
}

/// One folder spelled four ways (relative, absolute, through a symlink, with a trailing
/// slash), in any order: one cache folder, one parse, one index build.
#[test]
fn every_spelling_of_a_folder_shares_one_cache_and_index() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let pages = work.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    for (name, bytes) in gongbao::load::SEEDS {
        std::fs::write(pages.join(name), bytes).unwrap();
    }
    std::os::unix::fs::symlink(&pages, work.path().join("link")).unwrap();
    let abs = pages.to_str().unwrap().to_string();
    let spellings = [
        "pages".to_string(),
        abs.clone(),
        "link".to_string(),
        format!("{abs}/"),
        "./link/".to_string(),
        "pages".to_string(),
    ];
    let mut first: Option<(Vec<u8>, std::time::SystemTime, std::time::SystemTime)> = None;
    for s in &spellings {
        let out = gongbao(home.path())
            .current_dir(work.path())
            .args(["--pages", s, "search", "送清凉", "--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{s}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{s}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let libs: Vec<_> = std::fs::read_dir(home.path().join("search"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(libs.len(), 1, "{s}: {libs:?}");
        let lib = &libs[0];
        let index = std::fs::read_dir(lib)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("index-")
            })
            .unwrap();
        let mtime = |p: &std::path::Path| std::fs::metadata(p).unwrap().modified().unwrap();
        let now = (
            out.stdout.clone(),
            mtime(&index.join("meta.json")),
            mtime(&lib.join("model/manifest.bin")),
        );
        match &first {
            None => first = Some(now),
            Some(f) => assert_eq!(f, &now, "{s}: re-parsed or rebuilt"),
        }
        // The reader's path (list) reads the same model cache.
        let list = gongbao(home.path())
            .current_dir(work.path())
            .args(["--pages", s, "list"])
            .output()
            .unwrap();
        assert!(list.status.success());
        assert_eq!(
            mtime(&lib.join("model/manifest.bin")),
            first.as_ref().unwrap().2,
            "{s}"
        );
    }
    assert!(!std::fs::read_dir(home.path().join("search"))
        .unwrap()
        .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".old")));
}

/// On the command line: a folder's pages added, changed, removed and renamed, each followed by
/// `search`, `list` and `export` giving what a fresh cache (a full parse and build) gives,
/// without a warning, and saying what was indexed.
#[test]
fn command_line_updates_equal_a_full_rebuild() {
    let home = tempfile::tempdir().unwrap();
    let pages = seed_dir();
    let dir = pages.path().to_str().unwrap().to_string();
    let run = |home: &std::path::Path, args: &[&str]| {
        let out = gongbao(home)
            .args(["--pages", &dir])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    let compare = |step: &str, said: &str| {
        let fresh = tempfile::tempdir().unwrap();
        let mut told = String::new();
        for q in ["工会", "惠东县总工会", "东莞"] {
            let args = ["search", q, "--format", "json", "--limit", "200"];
            let mine = run(home.path(), &args);
            let theirs = run(fresh.path(), &args);
            let ids = |o: &std::process::Output| -> BTreeSet<String> {
                let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
                v.iter().map(crate::support::hit_key).collect()
            };
            assert_eq!(ids(&mine), ids(&theirs), "{step}: {q}");
            told.push_str(&String::from_utf8_lossy(&mine.stderr));
        }
        assert!(!told.contains("could not be used"), "{step}: {told}");
        assert!(told.contains(said), "{step}: {told:?} lacks {said:?}");
        let list = run(home.path(), &["list"]);
        let fresh_list = run(fresh.path(), &["list"]);
        assert_eq!(list.stdout, fresh_list.stdout, "{step}: list");
        // Every article's text, the bodies read from the model cache's segments (the
        // updated cache's: a page written alone beside the others).
        let export = run(home.path(), &["export", "--format", "json"]);
        let fresh_export = run(fresh.path(), &["export", "--format", "json"]);
        assert!(export.stdout == fresh_export.stdout, "{step}: export");
    };
    let _ = run(home.path(), &["search", "工会"]);
    let fixture = |n: &str| std::fs::read(format!("tests/fixtures/pages/{n}")).unwrap();
    let p = pages.path();
    std::fs::write(p.join("zz_added.txt"), fixture("p01_huizhou_columns.txt")).unwrap();
    compare("added", "indexed 1 new page");
    // Changed the way an editor saves: a new file renamed over the old one.
    std::fs::write(p.join("tmp"), fixture("p02_dongguan_paragraphs.txt")).unwrap();
    std::fs::rename(p.join("tmp"), p.join("zz_added.txt")).unwrap();
    compare("changed", "indexed 0 new pages, 1 changed");
    std::fs::remove_file(p.join(gongbao::load::SEEDS[0].0)).unwrap();
    compare("removed", "indexed 0 new pages, 1 removed");
    std::fs::rename(p.join("zz_added.txt"), p.join("aa_renamed.txt")).unwrap();
    compare("renamed", "indexed 1 new page, 1 removed");
}

/// `gongbao import` is the writer: the library's model and index are up to date when it
/// returns, so the next search opens them as they are; `library --verify` finds a page
/// edited by hand in place (which the folder's time does not show).
#[test]
fn import_updates_the_model_and_index_before_it_returns() {
    let home = tempfile::tempdir().unwrap();
    let import = |name: &str| {
        let out = gongbao(home.path())
            .args(["import", &format!("tests/fixtures/pages/{name}")])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let said = import("p01_huizhou_columns.txt");
    assert!(!said.contains("could not be used"), "{said}");
    let lib = home.path().join("search/lib-default");
    let index = std::fs::read_dir(&lib)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("index-")
        })
        .unwrap();
    let mtime = |p: &std::path::Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let before = (
        mtime(&index.join("meta.json")),
        mtime(&lib.join("model/manifest.bin")),
    );
    let out = gongbao(home.path())
        .args(["search", "惠东县总工会", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!hits.is_empty());
    assert_eq!(
        before,
        (
            mtime(&index.join("meta.json")),
            mtime(&lib.join("model/manifest.bin"))
        ),
        "search found them ready"
    );
    // A second import: one new page indexed, nothing rebuilt.
    let said = import("p02_dongguan_paragraphs.txt");
    assert!(said.contains("indexed 1 new page"), "{said}");
    assert!(!said.contains("could not be used"), "{said}");
    // Edited by hand, in place: unseen until --verify.
    let page = std::fs::read_dir(home.path().join("library"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("p02"))
        .unwrap();
    std::fs::write(
        &page,
        std::fs::read("tests/fixtures/pages/p05_qingyuan_paragraphs.txt").unwrap(),
    )
    .unwrap();
    let verify = gongbao(home.path())
        .args(["library", "--verify"])
        .output()
        .unwrap();
    assert!(verify.status.success());
    let said = String::from_utf8_lossy(&verify.stderr);
    assert!(said.contains("1 page file(s) parsed again"), "{said}");
    assert!(said.contains("1 changed"), "{said}");
    // The edited page is found by its new text, under its file's name, as a fresh build finds
    // it.
    let ids = |home: &std::path::Path, pages: Option<&std::path::Path>| -> BTreeSet<String> {
        let mut cmd = gongbao(home);
        if let Some(p) = pages {
            cmd.arg("--pages").arg(p);
        }
        let out = cmd
            .args(["search", "清远", "--format", "json", "--limit", "500"])
            .output()
            .unwrap();
        let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        v.iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .filter(|i| i.starts_with("p0"))
            .collect()
    };
    let fresh = tempfile::tempdir().unwrap();
    let mine = ids(home.path(), None);
    assert!(mine.iter().any(|i| i.starts_with("p02")), "{mine:?}");
    assert_eq!(mine, ids(fresh.path(), Some(&home.path().join("library"))));
}

/// The seeds alone: `gongbao search` keeps their index on disk, in a folder of this build
/// of gongbao, and answers the next search from it (nothing rebuilt); another build's
/// folder is removed when this one's is built.
#[test]
fn the_seeds_index_is_kept_on_disk_per_build() {
    let home = tempfile::tempdir().unwrap();
    let other = home.path().join("search/seeds-0000000000000000");
    std::fs::create_dir_all(&other).unwrap();
    let first = search_json(home.path(), "送清凉", 10);
    assert!(!first.is_empty());
    assert!(!other.exists(), "another build's seeds index was kept");
    let seeds: Vec<std::path::PathBuf> = std::fs::read_dir(home.path().join("search"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("seeds-")
        })
        .collect();
    assert_eq!(seeds.len(), 1, "{seeds:?}");
    let meta = std::fs::read_dir(&seeds[0])
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("index-")
        })
        .unwrap()
        .join("meta.json");
    let built = std::fs::metadata(&meta).unwrap().modified().unwrap();
    let second = search_json(home.path(), "送清凉", 10);
    assert_eq!(first, second);
    assert_eq!(
        std::fs::metadata(&meta).unwrap().modified().unwrap(),
        built,
        "the seeds were indexed again"
    );
}

/// `市总` typed alone is the federation of a place (the abbreviation table's limited row): it
/// finds what `市总工会` finds (`茂名市总推进…` and `阳江市总工会…`), and never a page where
/// 市总 is the start of another word (`东莞市总体规划`, `市总体规划`, `肇庆市总书记处`), though
/// those hold the two characters.
#[test]
fn a_limited_abbreviation_typed_alone_finds_only_where_it_counts() {
    let s = fixture_index(
        "shizong_limited.txt",
        include_bytes!("fixtures/search/shizong_limited.txt"),
        4,
    );
    let titles = |q: &str| titles_found(&s, q);
    let federations: BTreeSet<String> =
        ["茂名市总推进职工服务阵地建设", "阳江市总工会部署劳动竞赛"]
            .iter()
            .map(|t| (*t).to_string())
            .collect();
    assert_eq!(titles("市总"), federations);
    assert_eq!(titles("市总工会"), federations);
    // Written with its place, the limited form is text like any other.
    assert_eq!(titles("茂名市总"), titles("茂名市总工会"));
    // The other word is still found as typed.
    assert_eq!(titles("市总体规划").len(), 2);
}

/// A build removes the index folders of other versions of gongbao beside it (their
/// `.old` and `checked-` files too), and nothing else of the cache folder.
#[test]
fn a_build_removes_other_versions_indexes() {
    let cache = tempfile::tempdir().unwrap();
    let pages = seed_dir();
    let run = || {
        gongbao(cache.path())
            .arg("--pages")
            .arg(pages.path())
            .args(["search", "劳模"])
            .assert()
            .success();
    };
    run();
    let lib = std::fs::read_dir(cache.path().join("search"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("lib-"))
        .unwrap();
    let current = gongbao::search::index::index_folder_name();
    for old in ["index-s1-0000000000000000", "index-s1-0000000000000000.old"] {
        std::fs::create_dir_all(lib.join(old)).unwrap();
    }
    std::fs::write(lib.join("checked-index-s1-0000000000000000.json"), "{}").unwrap();
    // This version's index gone: the next search builds it, and clears the others away.
    std::fs::remove_dir_all(lib.join(&current)).unwrap();
    run();
    let mut names: Vec<String> = std::fs::read_dir(&lib)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("index-s"))
        .collect();
    names.sort();
    assert!(names.iter().all(|n| n.contains(&current)), "{names:?}");
    assert!(names.contains(&current), "{names:?}");
    assert!(lib.join("model").is_dir());
}

/// A quoted phrase of 3 to 10 ideographs, cut from the seeds' text at many places, finds
/// exactly the articles whose text holds it (heading, body, captions, reporters,
/// correspondents): none missed, none more. Phrases holding a form of the abbreviation table
/// are left out (they find the other spellings too).
#[test]
fn a_phrase_finds_exactly_the_articles_holding_it() {
    let c = corpus();
    let s = searcher();
    let texts: Vec<(String, String)> = c
        .whole_articles()
        .map(|a| (a.id.clone(), crate::support::searchable_text(&a)))
        .collect();
    let table = gongbao::search::abbrev::Abbreviations::get();
    let opts = SearchOptions {
        limit: 1000,
        ..SearchOptions::default()
    };
    let mut tried = 0;
    for (n, a) in c.whole_articles().enumerate() {
        let chars: Vec<char> = a.paragraphs.join("").chars().collect();
        for (k, len) in (3..=10).enumerate() {
            let from = (n * 37 + k * 101) % chars.len().max(1);
            let Some(window) = chars.get(from..from + len) else {
                continue;
            };
            if !window.iter().all(|c| gongbao::parse::lines::is_han(*c)) {
                continue;
            }
            let phrase: String = window.iter().collect();
            if !table.expand(&phrase).rows.is_empty() {
                continue;
            }
            let want: BTreeSet<&str> = texts
                .iter()
                .filter(|(_, t)| t.contains(&phrase))
                .map(|(id, _)| id.as_str())
                .collect();
            let got = s.search(&format!("\"{phrase}\""), &opts).unwrap();
            let got: BTreeSet<&str> = got.hits.iter().map(|h| h.id.as_str()).collect();
            assert_eq!(got, want, "{phrase}");
            tried += 1;
        }
    }
    assert!(tried > 100, "only {tried} phrases tried");
}

/// A quoted phrase is found as typed: its space stands for a break in the text (punctuation
/// or a space) or for none, never for a character (`"劳模 工匠"` finds 劳模工匠 and 劳模,工匠,
/// not 劳模和工匠); two halves with another word between them are no phrase.
#[test]
fn a_quoted_phrase_with_a_space_is_found_with_a_break_or_none() {
    let s = fixture_index(
        "phrase_breaks.txt",
        include_bytes!("fixtures/search/phrase_breaks.txt"),
        5,
    );
    let titles = |q: &str| titles_found(&s, q);
    let set = |t: &[&str]| -> BTreeSet<String> { t.iter().map(|t| (*t).to_string()).collect() };
    assert_eq!(
        titles("\"劳模 工匠\""),
        set(&["韶关开展宣讲活动", "河源举办分享会"])
    );
    assert_eq!(titles("\"劳模和工匠\""), set(&["清远表彰先进典型"]));
    assert_eq!(titles("\"劳模工匠\""), set(&["韶关开展宣讲活动"]));
    assert_eq!(titles("\"工会 驿站\""), set(&["梅州建成服务阵地"]));
    assert_eq!(titles("\"工会驿站\""), set(&["梅州建成服务阵地"]));
    assert_eq!(titles("\"工会,新,驿站\""), set(&["潮州完善服务网络"]));
    // Highlighted as the text holds it: the snippet marks the hit, with a break or none.
    for q in ["\"劳模 工匠\"", "\"工会 驿站\""] {
        let r = s.search(q, &SearchOptions::default()).unwrap();
        assert!(!r.hits.is_empty(), "{q}");
        for h in &r.hits {
            assert!(
                !h.snippet.highlights.is_empty(),
                "{q}: {} unmarked",
                h.title
            );
        }
    }
}

/// An index of one fixture page of `tests/fixtures/search/`, which must hold `articles`.
fn fixture_index(name: &str, bytes: &[u8], articles: usize) -> Searcher {
    let page = gongbao::parse::parse_page(name, name, bytes).unwrap();
    assert_eq!(page.articles.len(), articles, "{:#?}", page.articles);
    let c = Corpus::new(vec![page]);
    index::build(&c, None, 0, &Progress::default()).unwrap()
}

/// The titles of the articles `q` finds.
fn titles_found(s: &Searcher, q: &str) -> BTreeSet<String> {
    s.search(q, &SearchOptions::default())
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.title)
        .collect()
}

/// A word that is one form of an abbreviation row is searched through [`Keyed`] (the row's
/// term stands for a phrase check wherever the index put it): it finds exactly the articles
/// the union of the row's spellings finds, for every form of every row, in the seeds and in a
/// page whose forms are broken by other words or a comma or printed in traditional script.
///
/// [`Keyed`]: gongbao::search::query::Keyed
#[test]
fn a_word_that_is_a_form_finds_what_its_spellings_find() {
    use gongbao::search::query::{spellings, Keyed, TermDictSegmenter};
    use tantivy::collector::DocSetCollector;
    let fixture = fixture_index(
        "keyed_forms.txt",
        include_bytes!("fixtures/search/keyed_forms.txt"),
        4,
    );
    let table = gongbao::search::abbrev::Abbreviations::get();
    let mut found = 0;
    for s in [searcher(), &fixture] {
        let fields = gongbao::search::schema::fields_of(s.index()).unwrap();
        let reader = s.index().reader().unwrap();
        let searcher = reader.searcher();
        let dict = [fields.body, fields.heading];
        let seg = TermDictSegmenter::new(&searcher, &dict);
        for row in &table.rows {
            for form in &row.forms {
                let e = table.expand(form);
                let keyed = Keyed::new(&fields, &e).expect(form);
                let any = spellings(&fields, &seg, &e).unwrap();
                let want = searcher.search(&any, &DocSetCollector).unwrap();
                let got = searcher.search(&keyed, &DocSetCollector).unwrap();
                assert_eq!(got, want, "{form}");
                found += got.len();
            }
        }
        // A word with more than the form keeps its spellings' phrases.
        assert!(Keyed::new(&fields, &table.expand("湛江劳模")).is_none());
    }
    assert!(found > 50, "only {found} articles found");
    let titles = |q: &str| titles_found(&fixture, q);
    let set = |t: &[&str]| -> BTreeSet<String> { t.iter().map(|t| (*t).to_string()).collect() };
    assert_eq!(
        titles("新就业形态劳动者"),
        set(&["江门关爱新业态劳动者", "肇庆表彰劳动模范"])
    );
    assert_eq!(titles("技能人才"), set(&["佛山开展技能竞赛"]));
    assert_eq!(titles("劳模"), set(&["肇庆表彰劳动模范"]));
}

/// A word's exact query also requires the bigrams its phrase skips (so a rare one leads):
/// for phrases cut from the seeds it finds the same articles with the same scores as the
/// phrase of [`exact_terms`] alone.
///
/// [`exact_terms`]: gongbao::search::query::exact_terms
#[test]
fn the_skipped_bigrams_change_no_match_and_no_score() {
    use gongbao::search::query::{exact, exact_terms};
    use tantivy::collector::TopDocs;
    let c = corpus();
    let s = searcher();
    let fields = gongbao::search::schema::fields_of(s.index()).unwrap();
    let reader = s.index().reader().unwrap();
    let searcher = reader.searcher();
    let top = TopDocs::with_limit(10_000).order_by_score();
    let mut tried = 0;
    for (n, a) in c.whole_articles().enumerate() {
        let chars: Vec<char> = a.paragraphs.join("").chars().collect();
        for (k, len) in (3..=9).enumerate() {
            let from = (n * 31 + k * 97) % chars.len().max(1);
            let Some(window) = chars.get(from..from + len) else {
                continue;
            };
            let text: String = window.iter().collect();
            let Some(q) = exact(&fields, &text) else {
                continue;
            };
            let terms = exact_terms(&fields, &text);
            if terms.len() < 2 {
                continue;
            }
            let alone = tantivy::query::PhraseQuery::new_with_offset(terms);
            let got = searcher.search(&q, &top).unwrap();
            let want = searcher.search(&alone, &top).unwrap();
            assert_eq!(got, want, "{text}");
            tried += usize::from(!want.is_empty());
        }
    }
    assert!(tried > 100, "only {tried} phrases tried");
}

/// A phrase never matches across the end of one value of a field and the start of the next
/// (a heading line `…新就业形`, the next `态劳动者…`); with a break typed where they meet it
/// does, as it does across punctuation; and a value's text matches whole.
#[test]
fn a_phrase_does_not_match_across_two_values_of_a_field() {
    use gongbao::search::schema;
    use gongbao::search::tokenizer::JiebaTokenizer;
    let mut a = corpus().whole(0).unwrap().into_owned();
    a.kicker = Some("各地推进新就业形".to_string());
    a.title = "态劳动者服务".to_string();
    a.subtitle = None;
    a.heading = vec![a.kicker.clone().unwrap(), a.title.clone()];
    a.paragraphs = vec!["本报讯 工会开展活动。".to_string()];
    a.captions = vec!["工会驿".to_string(), "站开放".to_string()];
    a.caption_credits = vec![None, None];
    let (sch, fields) = schema::schema();
    let idx = tantivy::Index::create_in_ram(sch);
    schema::register_tokenizers(&idx, JiebaTokenizer::default());
    let mut w = idx
        .writer_with_num_threads::<tantivy::TantivyDocument>(1, 20_000_000)
        .unwrap();
    w.add_document(schema::document(&fields, &a, &schema::place("/p.txt", 0)))
        .unwrap();
    w.commit().unwrap();
    let s = Searcher::new(idx).unwrap();
    let total = |q: &str| s.search(q, &SearchOptions::default()).unwrap().total;
    for across in [
        "新就业形态劳动者",
        "\"新就业形态劳动者\"",
        "工会驿站",
        "形态劳",
        "驿站开",
    ] {
        assert_eq!(total(across), 0, "{across} matched across two values");
    }
    for within in [
        "新就业形",
        "态劳动者服务",
        "\"新就业形 态劳动者\"",
        "\"工会驿 站开放\"",
        "工会驿",
    ] {
        assert_eq!(total(within), 1, "{within}");
    }
}
