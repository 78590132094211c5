//! The round-trip sweep: every seed and fixture page is parsed, its articles printed again
//! with the press (`gongbao::press`) at every column width from 10 to 30 and every placement,
//! in the three layouts, and parsed back; prints the rate of articles read back exactly
//! (every field of the JSON export) per width and placement, as Markdown tables. Articles
//! the press printed exactly as if two of their paragraphs were one (a sentence ending at
//! the column's edge before a paragraph of one line), or as if their boundary stood a
//! sentence later, and read back so are counted apart (`one ¶`), out of the rates: the page
//! cannot tell. So are articles read with a page banner, printed once right beside their
//! heading, as one of its lines (`kicker`).
//!
//! `cargo run --release --example sweep [-- --seeds N] [--misses N]`: N seeds per cell
//! (default 3); with `--misses`, the first N misses are printed with their fields and page.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use gongbao::model::{Article, Layout};
use gongbao::parse::parse_page;
use gongbao::press::{round_trip, Placement};

fn sources() -> Vec<(String, Vec<Article>)> {
    let mut pages: Vec<(String, Vec<u8>)> = gongbao::load::SEEDS
        .iter()
        .map(|(n, b)| ((*n).to_string(), b.to_vec()))
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        pages.push((name, std::fs::read(&f).unwrap()));
    }
    pages
        .into_iter()
        .map(|(name, bytes)| {
            let id = name.trim_end_matches(".txt").to_string();
            let page = parse_page(&id, &name, &bytes).expect("a page");
            (id, page.articles)
        })
        .collect()
}

/// The articles a cell leaves out of its rate: read as two paragraphs set as one (`one ¶`),
/// and read with a banner printed once beside the heading as one of its lines (`kicker`).
#[derive(Debug, Clone, Copy, Default)]
struct Out {
    one: usize,
    kicker: usize,
}

impl Out {
    fn add(&mut self, o: Out) {
        self.one += o.one;
        self.kicker += o.kicker;
    }
}

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let seeds = arg("--seeds", 3) as u64;
    let mut misses_left = arg("--misses", 0);
    let pages = sources();
    let articles: usize = pages.iter().map(|(_, a)| a.len()).sum();
    println!(
        "{} pages, {articles} articles; {seeds} seeds per cell; exact articles in %\n",
        pages.len()
    );
    // Each cell: exact, total, and the two left-out readings (one ¶, banner as kicker).
    let mut cell = |layout: Layout, width: usize, placement: Placement| -> (usize, usize, Out) {
        let (mut exact, mut total, mut out) = (0, 0, Out::default());
        for seed in 0..seeds {
            for (id, arts) in &pages {
                let press = placement.press(layout, width, seed);
                let rt = round_trip(id, arts, &press);
                exact += rt.exact;
                total += rt.total;
                out.one += rt.one_paragraph;
                out.kicker += rt.banner_kicker;
                for (k, fields) in &rt.misses {
                    if misses_left > 0 {
                        misses_left -= 1;
                        println!(
                            "MISS {id} article {k} {layout:?} width {width} {} seed {seed}: {fields:?}\n{}\n",
                            placement.name(),
                            rt.printed
                        );
                    }
                }
            }
        }
        (exact, total, out)
    };
    let header = |first: &str| {
        print!("| {first} |");
        for p in Placement::ALL {
            print!(" {} |", p.name());
        }
        println!(" all | one ¶ | kicker |");
        print!("|---:|");
        for _ in Placement::ALL {
            print!("---:|");
        }
        println!("---:|---:|---:|");
    };
    let pct = |e: usize, t: usize| {
        if t == 0 {
            "–".to_string()
        } else if e == t {
            "100".to_string()
        } else {
            #[allow(clippy::cast_precision_loss)]
            let p = 100.0 * e as f64 / t as f64;
            format!("{p:.1}")
        }
    };
    println!("Columns layout, by column width (characters):\n");
    header("width");
    let mut sums = vec![(0, 0); Placement::ALL.len()];
    let mut band = (0, 0, Out::default());
    let mut all_out = Out::default();
    for width in 10..=30 {
        print!("| {width} |");
        let (mut re, mut rt, mut ro) = (0, 0, Out::default());
        for (k, p) in Placement::ALL.into_iter().enumerate() {
            let (e, t, o) = cell(Layout::Columns, width, p);
            sums[k].0 += e;
            sums[k].1 += t;
            re += e;
            rt += t;
            ro.add(o);
            print!(" {} |", pct(e, t));
        }
        if width >= 12 {
            band.0 += re;
            band.1 += rt;
            band.2.add(ro);
        }
        all_out.add(ro);
        println!(" {} | {} | {} |", pct(re, rt), ro.one, ro.kicker);
    }
    print!("| 10–30 |");
    for (e, t) in &sums {
        print!(" {} |", pct(*e, *t));
    }
    let (e, t) = sums.iter().fold((0, 0), |(a, b), (e, t)| (a + e, b + t));
    println!(" {} | {} | {} |", pct(e, t), all_out.one, all_out.kicker);
    println!(
        "\nWidths 12–30, every placement: {} of {} articles exact ({}%); {} more printed \
         exactly as if two of their paragraphs were one, or their boundary a sentence later, and \
         read back so (one ¶), and {} read with a banner printed once beside their heading as \
         one of its lines (kicker), left out.\n",
        band.0,
        band.1,
        pct(band.0, band.1),
        band.2.one,
        band.2.kicker
    );
    println!("Paragraph and markdown layouts (column width does not apply):\n");
    header("layout");
    for layout in [Layout::Paragraphs, Layout::Markdown] {
        print!("| {layout:?} |");
        let (mut re, mut rt, mut ro) = (0, 0, Out::default());
        for p in Placement::ALL {
            let (e, t, o) = cell(layout, 16, p);
            re += e;
            rt += t;
            ro.add(o);
            print!(" {} |", pct(e, t));
        }
        println!(" {} | {} | {} |", pct(re, rt), ro.one, ro.kicker);
    }
}
