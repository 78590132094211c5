//! Reader performance: first frame (load seeds, build the App, draw), one frame at 200×60
//! (also with a search's hits highlighted), and wrapping a 3,000-character article.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use gongbao::load::seed_corpus;
use gongbao::text::wrap::wrap;
use gongbao::tui::action::Action;
use gongbao::tui::app::App;
use gongbao::tui::ui;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn first_frame(c: &mut Criterion) {
    c.bench_function("first frame: load seeds, build App, draw 120x40", |b| {
        b.iter(|| {
            let app = App::new(seed_corpus(), Vec::new(), (120, 40));
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            term.draw(|f| ui::draw(&app, f)).unwrap();
            black_box(term.backend().buffer().area);
        });
    });
}

/// The first frame without the parse of the seeds: the reader's own share of it (building the
/// App from a parsed corpus and drawing 120×40), which the parser's speed does not move.
fn first_frame_parsed(c: &mut Criterion) {
    let corpus = seed_corpus();
    c.bench_function("first frame of parsed seeds: build App, draw 120x40", |b| {
        b.iter_batched(
            || corpus.clone(),
            |corpus| {
                let app = App::new(corpus, Vec::new(), (120, 40));
                let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
                term.draw(|f| ui::draw(&app, f)).unwrap();
                black_box(term.backend().buffer().area);
            },
            criterion::BatchSize::SmallInput,
        );
    });
}

fn frame_200x60(c: &mut Criterion) {
    let mut app = App::new(seed_corpus(), Vec::new(), (200, 60));
    app.update(Action::Open);
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("frame 200x60", |b| {
        b.iter(|| {
            term.draw(|f| ui::draw(&app, f)).unwrap();
        });
    });
}

fn frame_200x60_search(c: &mut Criterion) {
    let mut app = App::new(seed_corpus(), Vec::new(), (200, 60));
    let s =
        gongbao::search::index::build(app.corpus(), None, 0, &gongbao::search::Progress::default())
            .unwrap();
    app.set_searcher(std::sync::Arc::new(s));
    app.update(Action::Search);
    for ch in "工会".chars() {
        app.update(Action::Input(ch));
    }
    app.update(Action::Open);
    app.update(Action::NextHit);
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("frame 200x60, an article with a search's hits", |b| {
        b.iter(|| {
            term.draw(|f| ui::draw(&app, f)).unwrap();
        });
    });
}

fn wrap_3000(c: &mut Criterion) {
    let corpus = seed_corpus();
    let mut text = String::new();
    let whole: Vec<_> = corpus.whole_articles().collect();
    for a in whole.iter().cycle() {
        for p in &a.paragraphs {
            text.push_str(p);
        }
        if text.chars().count() >= 3000 {
            break;
        }
    }
    let text: String = text.chars().take(3000).collect();
    c.bench_function("wrap 3000 characters at 60 columns", |b| {
        b.iter(|| black_box(wrap(black_box(&text), 60, "\u{3000}\u{3000}")));
    });
}

criterion_group!(
    benches,
    first_frame,
    first_frame_parsed,
    frame_200x60,
    frame_200x60_search,
    wrap_3000
);
criterion_main!(benches);
