//! Search performance: the tokenizers' throughput on article text, building the seeds' index
//! in RAM, and queries (20 hits with snippets and per-city counts, as the reader asks) and
//! related articles on a generated library of 10,000 articles. The 100k figures come from
//! `scripts/search_scale.sh`, which also times `gongbao search` against `rg`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gongbao::load::{load_corpus, seed_corpus};
use gongbao::search::tokenizer::{shared_jieba, GramTokenizer, JiebaTokenizer};
use gongbao::search::{index, Progress, SearchOptions};
use gongbao::synth::{generate, GenOptions};
use std::hint::black_box;
use tantivy::tokenizer::{TokenStream, Tokenizer};

fn drain(tokenizer: &mut impl Tokenizer, texts: &[String]) -> usize {
    let mut n = 0;
    for t in texts {
        let mut s = tokenizer.token_stream(t);
        while s.advance() {
            n += 1;
        }
    }
    n
}

fn tokenizers(c: &mut Criterion) {
    let corpus = seed_corpus();
    let texts: Vec<String> = corpus.whole_articles().map(|a| a.body_text()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut jieba = JiebaTokenizer::with_dict(shared_jieba());
    let mut g = c.benchmark_group("tokenize seed bodies");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("jieba", |b| b.iter(|| black_box(drain(&mut jieba, &texts))));
    g.bench_function("bigrams", |b| {
        b.iter(|| black_box(drain(&mut GramTokenizer, &texts)));
    });
    g.finish();
}

fn build_seeds(c: &mut Criterion) {
    let corpus = seed_corpus();
    let _ = shared_jieba();
    let mut g = c.benchmark_group("index");
    g.sample_size(20);
    g.bench_function("build the seeds' index in RAM (32 articles)", |b| {
        b.iter(|| black_box(index::build(&corpus, None, 0, &Progress::default()).unwrap()));
    });
    g.finish();
}

fn queries(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    generate(
        &seed_corpus(),
        &GenOptions {
            articles: 10_000,
            out: dir.path().to_path_buf(),
            per_page: 6,
            seed: 1,
        },
    )
    .unwrap();
    let (corpus, _) = load_corpus(&[dir.path().to_path_buf()]);
    let searcher = index::build(&corpus, None, 0, &Progress::default()).unwrap();
    let opts = SearchOptions {
        limit: 20,
        count_cities: true,
        ..SearchOptions::default()
    };
    let mut g = c.benchmark_group("query 10k articles");
    for q in [
        "送清凉",
        "新就业形态劳动者",
        "劳模 工匠",
        "\"工会驿站\"",
        "职工 city:湛江",
    ] {
        g.bench_with_input(BenchmarkId::from_parameter(q), q, |b, q| {
            b.iter(|| black_box(searcher.search(q, &opts).unwrap().total));
        });
    }
    let id = corpus.head(0).unwrap().id().to_string();
    g.bench_function("related articles", |b| {
        b.iter(|| black_box(searcher.related(&id, 5).unwrap().len()));
    });
    g.finish();
}

criterion_group!(benches, tokenizers, build_seeds, queries);
criterion_main!(benches);
