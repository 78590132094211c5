//! Parser throughput: seed-like pages parsed on one core (bytes per second), and a library of
//! 10,000 page files loaded from disk on all cores; what folding traditional script to
//! simplified costs per byte (`script`), on simplified text (a check) and traditional text.
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

/// The traditional fixture page, repeated to the size of the five seed pages.
fn traditional_text() -> String {
    let page = include_str!("../tests/fixtures/pages/p30_traditional_paragraphs.txt");
    let total: usize = SEEDS.iter().map(|(_, b)| b.len()).sum();
    page.repeat(total / page.len() + 1)
}

fn script(c: &mut Criterion) {
    let simplified: String = SEEDS
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b))
        .collect();
    let traditional = traditional_text();
    // Built once per process (the table of characters t2s may change).
    assert!(gongbao::text::script::is_traditional('總'));
    let mut g = c.benchmark_group("script");
    for (name, text) in [
        ("simplified text (checked, unchanged)", &simplified),
        ("traditional text (converted)", &traditional),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| black_box(gongbao::text::script::simplified(black_box(text)).len()));
        });
    }
    let page = traditional.as_bytes();
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("parse a traditional page, one core", |b| {
        b.iter(|| black_box(parse_page("t", "t", black_box(page)).unwrap()));
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
                black_box(corpus.len())
            });
        },
    );
    g.finish();
}

criterion_group!(benches, parse_seeds, script, load_library);
criterion_main!(benches);
