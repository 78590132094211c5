//! Parses the seed pages in a loop, for profiling (`examples/parse_loop N`: N rounds of the
//! five pages). The gazetteer is loaded first, so the profile shows the steady state.
#![allow(clippy::unwrap_used)]
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    gongbao::places::Gazetteer::get();
    for _ in 0..n {
        for (name, bytes) in gongbao::load::SEEDS {
            std::hint::black_box(gongbao::parse::parse_page(name, name, bytes).unwrap());
        }
    }
}
