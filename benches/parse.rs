//! Parser throughput: seed-like pages parsed on one core (bytes per second), and a library of
//! 10,000 page files loaded from disk on all cores.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gongbao::load::{load_corpus, SEEDS};
use gongbao::parse::parse_page;
use std::hint::black_box;

fn parse_seeds(c: &mut Criterion) {
    let total: usize = SEEDS.iter().map(|(_, b)| b.len()).sum();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("five seed pages, one core", |b| {
        b.iter(|| {
            for (name, bytes) in SEEDS {
                black_box(parse_page(name, name, black_box(bytes)).unwrap());
            }
        });
    });
    g.finish();
}

fn load_library(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let n = 10_000;
    for i in 0..n {
        let (name, bytes) = SEEDS[i % SEEDS.len()];
        // Vary each copy a little so no two files are alike.
        let mut text = String::from_utf8_lossy(bytes).into_owned();
        text.push_str(&format!("\n（第{i}版）\n"));
        std::fs::write(dir.path().join(format!("{i:05}_{name}")), text).unwrap();
    }
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.bench_with_input(
        BenchmarkId::new("page files, all cores", n),
        &dir,
        |b, dir| {
            b.iter(|| {
                let (corpus, errors) = load_corpus(&[dir.path().to_path_buf()]);
                assert!(errors.is_empty());
                black_box(corpus.articles.len())
            });
        },
    );
    g.finish();
}

criterion_group!(benches, parse_seeds, load_library);
criterion_main!(benches);
