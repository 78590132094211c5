//! Tokenizer throughput on a library's article bodies, one thread: jieba's own
//! `cut_for_search`, our jieba tokenizer (folding, positions, offsets) and the bigrams.
//! `cargo run --release --example tokenize_speed -- DIR`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::search::tokenizer::{index_gram_tokens, jieba_tokens, shared_jieba};
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: tokenize_speed DIR");
    let (corpus, _) = gongbao::load::load_corpus(&[dir.into()]);
    let texts: Vec<String> = corpus.articles.iter().map(|a| a.body_text()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let t = Instant::now();
    let j = shared_jieba();
    println!("jieba load {:?}", t.elapsed());
    let rate = |name: &str, t: Instant, n: usize| {
        let s = t.elapsed().as_secs_f64();
        println!("{name:<28} {:6.2} MB/s  ({n} tokens, {s:.2} s)", mb / s);
    };
    let t = Instant::now();
    let n: usize = texts.iter().map(|x| j.cut_for_search(x, true).len()).sum();
    rate("jieba cut_for_search hmm", t, n);
    let t = Instant::now();
    let n: usize = texts.iter().map(|x| j.cut_for_search(x, false).len()).sum();
    rate("jieba cut_for_search no hmm", t, n);
    let t = Instant::now();
    let n: usize = texts.iter().map(|x| j.cut(x, true).len()).sum();
    rate("jieba cut hmm", t, n);
    let t = Instant::now();
    let n: usize = texts.iter().map(|x| jieba_tokens(&j, x).len()).sum();
    rate("gongbao jieba tokenizer", t, n);
    let t = Instant::now();
    let n: usize = texts.iter().map(|x| index_gram_tokens(x).len()).sum();
    rate("gongbao bigrams", t, n);
}
