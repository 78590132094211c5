//! Reading a config file: a 2 MB file of 80,000 unknown keys (each a problem with its line
//! number) against one a tenth that size. Linear reading takes about ten times as long for
//! the large one; the old rescan from the top for every line number took 37-40 s.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gongbao::store::config;
use std::hint::black_box;
use std::path::Path;

fn unknown_keys(n: usize) -> String {
    (0..n)
        .map(|i| format!("unknown_setting_{i:06} = \"x\"\n"))
        .collect()
}

fn large_config(c: &mut Criterion) {
    let mut g = c.benchmark_group("config");
    g.sample_size(10);
    for n in [8_000, 80_000] {
        let text = unknown_keys(n);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("unknown keys", n), &text, |b, text| {
            b.iter(|| {
                let (_, problems) = config::parse("big.toml", black_box(text), Path::new("/"));
                assert_eq!(problems.len(), n);
                black_box(problems)
            });
        });
    }
    g.finish();
}

criterion_group!(benches, large_config);
criterion_main!(benches);
