//! Parses the seed pages in a loop, for profiling (`examples/parse_loop N`: N rounds of the
//! five pages). The gazetteer and the t2s table are loaded first, so the profile shows the
//! steady state: `valgrind --tool=callgrind --toggle-collect='gongbao::parse::parse_page'
//! target/release/examples/parse_loop 20` counts the parsing alone.
#![allow(clippy::unwrap_used)]
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    gongbao::places::Gazetteer::get();
    std::hint::black_box(gongbao::text::script::has_traditional(""));
    for _ in 0..n {
        for (name, bytes) in gongbao::load::SEEDS {
            std::hint::black_box(gongbao::parse::parse_page(name, name, bytes).unwrap());
        }
    }
}
