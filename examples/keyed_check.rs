//! Checks `query::Keyed` against the union of a word's spellings on a library's built index,
//! for every form of every row of the abbreviation table: the same articles, and how long
//! each takes to count them (best of 7, one thread). `GONGBAO_CACHE_DIR=... cargo run
//! --release --example keyed_check -- DIR` after `gongbao --pages DIR search x` built the
//! index (any build of gongbao, as `query_loop`). Panics on the first form that differs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::search::abbrev::Abbreviations;
use gongbao::search::query::{spellings, Keyed, TermDictSegmenter};
use std::time::{Duration, Instant};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::Query;

fn best_of_7(s: &tantivy::Searcher, q: &dyn Query) -> Duration {
    (0..7)
        .map(|_| {
            let t = Instant::now();
            s.search(q, &Count).unwrap();
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let dir: std::path::PathBuf = std::env::args()
        .nth(1)
        .expect("usage: keyed_check DIR")
        .into();
    let paths = gongbao::paths::Paths::from_env().unwrap();
    let lib = gongbao::load::PageSet::locate(std::slice::from_ref(&dir), &paths);
    let folder = gongbao::search::index_spec(&lib).index_dir().unwrap();
    let index = tantivy::Index::open_in_dir(&folder).unwrap();
    gongbao::search::schema::register_tokenizers(
        &index,
        gongbao::search::tokenizer::JiebaTokenizer::default(),
    );
    let fields = gongbao::search::schema::fields_of(&index).unwrap();
    let reader = index.reader().unwrap();
    let s = reader.searcher();
    let table = Abbreviations::get();
    let dict = [fields.body, fields.heading];
    let seg = TermDictSegmenter::new(&s, &dict);
    for row in &table.rows {
        for form in &row.forms {
            let e = table.expand(form);
            let any = spellings(&fields, &seg, &e).unwrap();
            let want = s.search(&any, &DocSetCollector).unwrap();
            let Some(keyed) = Keyed::new(&fields, &e) else {
                println!("{form}: {} articles, no shortcut", want.len());
                continue;
            };
            let got = s.search(&keyed, &DocSetCollector).unwrap();
            assert_eq!(got, want, "{form}");
            println!(
                "{form}: {} articles, the same; spellings {:?}, Keyed {:?}",
                want.len(),
                best_of_7(&s, &any),
                best_of_7(&s, &keyed)
            );
        }
    }
}
