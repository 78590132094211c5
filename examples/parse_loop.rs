//! Parses the seed pages in a loop, for profiling.
#![allow(clippy::unwrap_used)]
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    for _ in 0..n {
        for (name, bytes) in gongbao::load::SEEDS {
            std::hint::black_box(gongbao::parse::parse_page(name, name, bytes).unwrap());
        }
    }
}
