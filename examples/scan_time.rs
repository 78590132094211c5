//! Times the gazetteer's start-up and scanning text for place names with it.
#![allow(clippy::unwrap_used)]
fn main() {
    let t = std::time::Instant::now();
    let g = gongbao::places::Gazetteer::get();
    println!("init {:?}", t.elapsed());
    let text = String::from_utf8_lossy(gongbao::load::SEEDS[0].1).repeat(20);
    for _ in 0..10 {
        let t = std::time::Instant::now();
        let n = g.scan(&text).len();
        println!("scan {} bytes: {n} hits in {:?}", text.len(), t.elapsed());
    }
}
