//! Parses the seed pages in a loop, for profiling. Waits half a second for the gazetteer's
//! background DFA first, so the profile shows the steady state.
#![allow(clippy::unwrap_used)]
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    gongbao::places::Gazetteer::get();
    std::thread::sleep(std::time::Duration::from_millis(500));
    for _ in 0..n {
        for (name, bytes) in gongbao::load::SEEDS {
            std::hint::black_box(gongbao::parse::parse_page(name, name, bytes).unwrap());
        }
    }
}
