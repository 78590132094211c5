//! A damaged index heals: bits flipped inside a segment's `.term`, `.store` or `.pos` file are
//! found by tantivy's checksums when the index is opened (the reader's background check, and
//! `gongbao search` when a file changed since its last check) or after a query fails; the
//! index is moved aside and rebuilt, and the results equal a fresh build's. Ties in score
//! come out in the same order from every build.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::model::Corpus;
use gongbao::search::{
    heal, index, open_checked, open_or_build, IndexSpec, Opened, Progress, SearchOptions, Searcher,
};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

const QUERIES: &[&str] = &[
    "工会",
    "职工",
    "送清凉",
    "许接英",
    "city:惠州 活动",
    "劳模 -工会",
];

fn corpus() -> Arc<Corpus> {
    static C: OnceLock<Arc<Corpus>> = OnceLock::new();
    C.get_or_init(|| Arc::new(gongbao::load::seed_corpus()))
        .clone()
}

/// Per query: the total, and every hit as (id, score to 4 places).
type Results = Vec<(usize, Vec<(String, String)>)>;

fn results(s: &Searcher) -> Results {
    let opts = SearchOptions {
        limit: 1000,
        ..SearchOptions::default()
    };
    QUERIES
        .iter()
        .map(|q| {
            let r = s.search(q, &opts).unwrap();
            let hits = r
                .hits
                .into_iter()
                .map(|h| (h.id, format!("{:.4}", h.score)))
                .collect();
            (r.total, hits)
        })
        .collect()
}

fn fresh() -> &'static Results {
    static F: OnceLock<Results> = OnceLock::new();
    F.get_or_init(|| {
        let s = index::build(&corpus(), None, 0, &Progress::default()).unwrap();
        results(&s)
    })
}

/// The largest file of the index folder whose name ends in `.{ext}`.
fn segment_file(index_dir: &Path, ext: &str) -> PathBuf {
    std::fs::read_dir(index_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .unwrap_or_else(|| panic!("no .{ext} file in {}", index_dir.display()))
}

/// Flips bits in 16 bytes in the middle of a file.
fn flip(path: &Path) {
    let mut b = std::fs::read(path).unwrap();
    let (mid, len) = (b.len() / 2, b.len());
    for x in &mut b[mid.saturating_sub(8)..(mid + 8).min(len)] {
        *x ^= 0x5a;
    }
    std::fs::write(path, b).unwrap();
}

fn built_on_disk() -> (tempfile::TempDir, IndexSpec) {
    let dir = tempfile::tempdir().unwrap();
    let spec = IndexSpec {
        dir: Some(dir.path().to_path_buf()),
        fingerprint: 7,
    };
    let c = corpus();
    let (s, opened) = open_or_build(&spec, &mut || c.clone(), &Progress::default()).unwrap();
    assert_eq!(opened, Opened::Built);
    assert_eq!(&results(&s), fresh(), "a build on disk equals one in RAM");
    (dir, spec)
}

#[test]
fn bit_flips_are_found_on_opening_and_healed() {
    for ext in ["term", "store", "pos"] {
        let (_dir, spec) = built_on_disk();
        flip(&segment_file(&spec.index_dir().unwrap(), ext));
        let c = corpus();
        let (s, opened) = open_checked(&spec, &mut || c.clone(), &Progress::default()).unwrap();
        match &opened {
            Opened::Rebuilt {
                reason,
                moved_to: Some(p),
            } => {
                assert!(reason.contains("checksum"), ".{ext}: {reason}");
                assert!(reason.contains(ext), ".{ext}: {reason}");
                assert!(p.exists(), ".{ext}: {p:?}");
            }
            other => panic!(".{ext}: not rebuilt: {other:?}"),
        }
        assert_eq!(&results(&s), fresh(), ".{ext}: healed results");
        // Healed for good: the next opening finds nothing wrong.
        let (_, opened) =
            open_checked(&spec, &mut || panic!("rebuilt twice"), &Progress::default()).unwrap();
        assert_eq!(opened, Opened::Existing, ".{ext}");
    }
}

#[test]
fn a_query_that_fails_on_a_damaged_index_heals_it() {
    let (_dir, spec) = built_on_disk();
    flip(&segment_file(&spec.index_dir().unwrap(), "term"));
    // Opened without a check, as `gongbao search` does on an index it checked before.
    let c = corpus();
    let (s, opened) = open_or_build(&spec, &mut || c.clone(), &Progress::default()).unwrap();
    assert_eq!(opened, Opened::Existing);
    let failure = QUERIES
        .iter()
        .find_map(|q| gongbao::search::run_caught(&s, q, &SearchOptions::default()).err())
        .unwrap_or_else(|| "results differ".to_string());
    drop(s);
    let (s, opened) = heal(&spec, &failure, &mut || c.clone(), &Progress::default()).unwrap();
    assert!(matches!(opened, Opened::Rebuilt { .. }), "{opened:?}");
    assert_eq!(&results(&s), fresh());
    // An index that passes its check is not rebuilt by a heal.
    let (_, opened) = heal(
        &spec,
        "x",
        &mut || panic!("no rebuild"),
        &Progress::default(),
    )
    .unwrap();
    assert_eq!(opened, Opened::Existing);
}

#[test]
fn the_reader_heals_in_the_background() {
    let (_dir, spec) = built_on_disk();
    flip(&segment_file(&spec.index_dir().unwrap(), "store"));
    let job = gongbao::search::IndexJob::spawn(corpus(), spec);
    let (s, opened) = job.wait().unwrap();
    assert!(matches!(opened, Opened::Rebuilt { .. }), "{opened:?}");
    assert_eq!(&results(&s), fresh());
}

#[test]
fn hits_of_equal_score_come_in_article_order_whatever_the_segments() {
    use gongbao::search::schema;
    use gongbao::search::tokenizer::JiebaTokenizer;
    // One article six times over, written last-first, in two segments: every copy scores the
    // same, and tantivy's own order (segment, then document) is the reverse of the library's.
    let c = corpus();
    let a = c
        .whole_articles()
        .find(|a| a.paragraphs.iter().any(|p| p.contains("工会")))
        .unwrap();
    let (sch, fields) = schema::schema();
    let idx = tantivy::Index::create_in_ram(sch);
    schema::register_tokenizers(&idx, JiebaTokenizer::default());
    let mut w = idx
        .writer_with_num_threads::<tantivy::TantivyDocument>(1, 20_000_000)
        .unwrap();
    let place = |nth: usize| schema::place("/library/p.txt", nth);
    for nth in (3..6).rev() {
        w.add_document(schema::document(&fields, &a, &place(nth)))
            .unwrap();
    }
    w.commit().unwrap();
    for nth in (0..3).rev() {
        w.add_document(schema::document(&fields, &a, &place(nth)))
            .unwrap();
    }
    w.commit().unwrap();
    let s = Searcher::new(idx).unwrap();
    for limit in [2, 4, 6] {
        let r = s
            .search(
                "工会",
                &SearchOptions {
                    limit,
                    ..SearchOptions::default()
                },
            )
            .unwrap();
        let places: Vec<String> = r.hits.iter().map(|h| h.place.clone()).collect();
        assert_eq!(
            places,
            (0..limit).map(place).collect::<Vec<_>>(),
            "limit {limit}"
        );
    }
}

/// Every file under `dir` whose name ends in `.{ext}`, the largest first.
fn find_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).unwrap().len()));
    out
}

/// `gongbao search --pages PAGES QUERY --format json`: (stdout, stderr).
fn cli_search(home: &Path, pages: &Path, query: &str) -> (String, String) {
    let out = assert_cmd::Command::cargo_bin("gongbao")
        .unwrap()
        .env("GONGBAO_CACHE_DIR", home.join("cache"))
        .env("GONGBAO_CONFIG_DIR", home.join("config"))
        .env("GONGBAO_DATA_DIR", home.join("data"))
        .arg("--pages")
        .arg(pages)
        .args(["search", query, "--format", "json", "--limit", "100"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{query}: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

#[test]
fn command_line_search_heals_a_damaged_index() {
    let pages = tempfile::tempdir().unwrap();
    for (name, bytes) in gongbao::load::SEEDS {
        std::fs::write(pages.path().join(name), bytes).unwrap();
    }
    for ext in ["term", "store", "pos"] {
        let home = tempfile::tempdir().unwrap();
        let want: Vec<String> = QUERIES
            .iter()
            .map(|q| cli_search(home.path(), pages.path(), q).0)
            .collect();
        // A second run opens the index as it is, and says nothing.
        let (_, err) = cli_search(home.path(), pages.path(), "工会");
        assert!(!err.contains("rebuilt"), "{err}");
        let cache = home.path().join("cache");
        flip(&find_files(&cache, ext)[0]);
        let mut said = 0;
        for (q, want) in QUERIES.iter().zip(&want) {
            let (got, err) = cli_search(home.path(), pages.path(), q);
            assert_eq!(&got, want, ".{ext}: {q}");
            said += err.matches("rebuilt").count();
        }
        assert_eq!(said, 1, ".{ext}: the rebuild is said once");
    }
}
