//! Times the gazetteer's start-up, for tuning.
#![allow(clippy::unwrap_used)]
fn main() {
    let t = std::time::Instant::now();
    let v: serde_json::Value =
        serde_json::from_str(include_str!("../assets/guangdong_divisions.json")).unwrap();
    println!("json value parse {:?}", t.elapsed());
    std::hint::black_box(v);
    let t = std::time::Instant::now();
    let g = gongbao::places::Gazetteer::get();
    println!("gazetteer {:?} {}", t.elapsed(), g.towns.len());
}
