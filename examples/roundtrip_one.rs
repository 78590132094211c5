//! Prints one round trip through the press: the page as printed and, for each article not
//! read back exactly, the fields that differ, original beside parsed. For looking into what
//! the sweep reports: `cargo run --example roundtrip_one -- PAGE LAYOUT WIDTH PLACEMENT SEED`
//! (PAGE a seed file name or a fixture page path; LAYOUT columns, paragraphs or markdown).
#![allow(clippy::unwrap_used, clippy::expect_used)]
use gongbao::model::Layout;
use gongbao::parse::parse_page;
use gongbao::press::{print_page, Placement};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [page, layout, width, placement, seed] = args.as_slice() else {
        eprintln!("usage: roundtrip_one PAGE LAYOUT WIDTH PLACEMENT SEED");
        std::process::exit(2);
    };
    let bytes = gongbao::load::SEEDS
        .iter()
        .find(|(n, _)| n == page)
        .map_or_else(
            || std::fs::read(page).expect("a page file"),
            |(_, b)| b.to_vec(),
        );
    let id = std::path::Path::new(page)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let articles = parse_page(&id, page, &bytes).expect("a page").articles;
    let layout = match layout.as_str() {
        "paragraphs" => Layout::Paragraphs,
        "markdown" => Layout::Markdown,
        _ => Layout::Columns,
    };
    let placement = Placement::ALL
        .into_iter()
        .find(|p| p.name() == placement)
        .expect("a placement name");
    let press = placement.press(layout, width.parse().unwrap(), seed.parse().unwrap());
    let printed = print_page(&articles, &press);
    println!("{}", printed.text);
    let back = gongbao::parse::parse_text(&id, page, &printed.text);
    println!("banners {:?}\nunplaced {:?}", back.banners, back.unplaced);
    for (k, a) in articles.iter().enumerate() {
        let Some(b) = back.articles.get(k) else {
            println!("article {k}: missing");
            continue;
        };
        let mut want = serde_json::to_value(a).unwrap();
        want["line"] = printed.leads[k].into();
        let got = serde_json::to_value(b).unwrap();
        for (field, v) in want.as_object().unwrap() {
            if got.get(field) != Some(v) {
                println!("article {k} {field}:\n  want {v}\n  got  {}", got[field]);
            }
        }
    }
}
