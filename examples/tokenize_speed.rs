//! Tokenizer throughput on a library's article bodies, one thread: jieba's own
//! `cut_for_search`, then our jieba tokenizer (folding, positions, offsets) and the bigrams
//! as tantivy drives them (a token stream per text).
//! `cargo run --release --example tokenize_speed -- DIR`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::search::tokenizer::{shared_jieba, GramTokenizer, JiebaTokenizer};
use std::time::Instant;
use tantivy::tokenizer::{TokenStream, Tokenizer};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: tokenize_speed DIR");
    let (corpus, _) = gongbao::load::load_corpus(&[dir.into()]);
    let texts: Vec<String> = corpus.whole_articles().map(|a| a.body_text()).collect();
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
    // As tantivy drives them: a token stream per text.
    fn count(tokenizer: &mut impl Tokenizer, texts: &[String]) -> usize {
        let mut n = 0;
        for x in texts {
            let mut s = tokenizer.token_stream(x);
            while s.advance() {
                n += s.token().text.len().min(1);
            }
        }
        n
    }
    let mut jt = JiebaTokenizer::with_dict(j.clone());
    let t = Instant::now();
    let n = count(&mut jt, &texts);
    rate("gongbao jieba tokenizer", t, n);
    let t = Instant::now();
    let n = count(&mut GramTokenizer, &texts);
    rate("gongbao bigrams", t, n);
}
