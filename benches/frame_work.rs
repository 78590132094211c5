//! The reader's first frame as a count of work rather than time, for callgrind (exact and
//! untouched by the load of a shared machine): `ROUNDS` rounds of building the App from the
//! seeds and drawing it at 120×40, with the seeds parsed once before (`parsed`) or in every
//! round (`full`). Not a criterion bench: build it with `cargo bench --bench frame_work
//! --no-run`, then run the binary it names under
//! `valgrind --tool=callgrind` with `0` and with `20` rounds; the difference over 20 is one
//! round's instructions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::load::seed_corpus;
use gongbao::tui::app::App;
use gongbao::tui::ui;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::hint::black_box;

fn main() {
    // cargo bench passes `--bench`; the numbers and the mode are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let rounds: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(0);
    let full = args.get(1).is_some_and(|m| m == "full");
    let parsed = seed_corpus();
    for _ in 0..rounds {
        let corpus = if full { seed_corpus() } else { parsed.clone() };
        let app = App::new(corpus, Vec::new(), (120, 40));
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| ui::draw(&app, f)).unwrap();
        black_box(term.backend().buffer().area);
    }
}
