//! The App driven by Actions, on the seed corpus and on corpora built by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use gongbao::load::seed_corpus;
use gongbao::model::{Article, Corpus, Page, View};
use gongbao::tui::action::Action;
use gongbao::tui::app::{App, Overlay};
use gongbao::tui::layout::Pane;
use gongbao::tui::{action_for, ui};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn app(w: u16, h: u16) -> App {
    App::new(seed_corpus(), Vec::new(), (w, h))
}

fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Input(c));
    }
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// A hand-built article.
pub fn article(
    page: &str,
    n: usize,
    title: &str,
    city: Option<&str>,
    union: Option<&str>,
    paragraphs: &[&str],
) -> Article {
    Article {
        id: format!("{page}-{n:02}"),
        page: page.to_string(),
        heading: vec![title.to_string()],
        kicker: None,
        title: title.to_string(),
        subtitle: None,
        city: city.map(str::to_string),
        county: None,
        union: union.map(str::to_string),
        cities_mentioned: Vec::new(),
        reporters: Vec::new(),
        correspondents: Vec::new(),
        byline: None,
        date: None,
        paragraphs: paragraphs.iter().map(|p| (*p).to_string()).collect(),
        captions: Vec::new(),
        caption_credits: Vec::new(),
        line: n,
    }
}

fn page(id: &str, articles: Vec<Article>) -> Page {
    Page {
        id: id.to_string(),
        source: format!("test:{id}"),
        layout: gongbao::model::Layout::Paragraphs,
        encoding: "UTF-8".into(),
        banners: gongbao::model::Lines::new(),
        unplaced: gongbao::model::Lines::new(),
        warnings: Vec::new(),
        edition: None,
        articles,
        content: 0,
    }
}

fn hand_corpus() -> Corpus {
    Corpus::new(vec![
        page(
            "p1",
            vec![
                article(
                    "p1",
                    1,
                    "湛江甲",
                    Some("湛江市"),
                    Some("湛江市总工会"),
                    &["本报讯 湛江。"],
                ),
                article(
                    "p1",
                    2,
                    "江门乙",
                    Some("江门市"),
                    Some("蓬江区总工会"),
                    &["本报讯 江门。"],
                ),
                article(
                    "p1",
                    3,
                    "湛江丙",
                    Some("湛江市"),
                    Some("廉江市总工会"),
                    &["本报讯 廉江。"],
                ),
            ],
        ),
        page(
            "p2",
            vec![
                article(
                    "p2",
                    1,
                    "韶关丁",
                    Some("韶关市"),
                    Some("韶关市总工会"),
                    &["本报讯 韶关。"],
                ),
                article(
                    "p2",
                    2,
                    "湛江戊",
                    Some("湛江市"),
                    Some("湛江市总工会"),
                    &["本报讯 湛江。"],
                ),
            ],
        ),
    ])
}

#[test]
fn hand_corpus_city_and_union_filters() {
    let mut app = App::new(hand_corpus(), Vec::new(), (120, 40));
    assert_eq!(app.shown().len(), 5);
    app.update(Action::CityNumber(1));
    assert_eq!(
        app.filter(),
        View::City {
            city: "湛江市".into()
        }
    );
    assert_eq!(app.shown(), vec![0, 2, 4]);
    // The sidebar opens 湛江市 to its union bodies; moving down selects the first.
    app.update(Action::FocusLeft);
    app.update(Action::Down);
    assert_eq!(
        app.filter(),
        View::Union {
            city: "湛江市".into(),
            union: "湛江市总工会".into()
        }
    );
    assert_eq!(app.shown(), vec![0, 4]);
    app.update(Action::AllCities);
    assert_eq!(app.shown().len(), 5);
}

#[test]
fn city_filter_shows_exactly_its_articles() {
    let mut app = app(120, 40);
    let total = app.corpus().len();
    app.update(Action::CityPrompt);
    type_str(&mut app, "zj");
    app.update(Action::Open);
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(
        app.filter(),
        View::City {
            city: "湛江市".into()
        }
    );
    let expected: Vec<usize> = app
        .corpus()
        .whole_articles()
        .enumerate()
        .filter(|(_, a)| a.city.as_deref() == Some("湛江市"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(app.shown(), expected);
    assert_eq!(app.shown().len(), 4);
    assert_eq!(app.filter_label(), "湛江市");
    app.update(Action::AllCities);
    assert_eq!(app.shown().len(), total);
    assert_eq!(total, 32);
}

#[test]
fn union_filter() {
    let mut app = app(120, 40);
    app.update(Action::CityPrompt);
    type_str(&mut app, "台山市总工会");
    app.update(Action::Open);
    assert_eq!(
        app.filter(),
        View::Union {
            city: "江门市".into(),
            union: "台山市总工会".into()
        }
    );
    assert!(!app.shown().is_empty());
    for &i in app.shown() {
        assert_eq!(
            app.corpus().whole(i).unwrap().union.as_deref(),
            Some("台山市总工会")
        );
    }
}

#[test]
fn pinyin_prompt() {
    for (q, city) in [
        ("zj", "湛江市"),
        ("jm", "江门市"),
        ("sg", "韶关市"),
        ("zhanjiang", "湛江市"),
        ("湛江", "湛江市"),
    ] {
        let mut app = app(120, 40);
        app.update(Action::CityPrompt);
        type_str(&mut app, q);
        let Overlay::Prompt(p) = app.overlay() else {
            panic!("no prompt")
        };
        assert!(!p.matches.is_empty(), "{q}");
        app.update(Action::Open);
        assert_eq!(app.filter(), View::City { city: city.into() }, "{q}");
    }
    // Esc closes without filtering; Backspace edits.
    let mut app = app(120, 40);
    app.update(Action::CityPrompt);
    type_str(&mut app, "zjx");
    app.update(Action::Backspace);
    app.update(Action::Close);
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(app.filter(), View::All);
}

#[test]
fn page_view_in_print_order() {
    let mut app = app(120, 40);
    let page = app.corpus().pages[2].id.clone();
    app.update(Action::FocusLeft);
    app.update(Action::Bottom);
    app.update(Action::Top);
    assert_eq!(app.filter(), View::All);
    app.update(Action::Bottom);
    let last = app.corpus().pages.last().unwrap().id.clone();
    assert_eq!(app.filter(), View::Page { page: last });
    // Select the third page and check print order.
    app.update(Action::Up);
    app.update(Action::Up);
    assert_eq!(app.filter(), View::Page { page: page.clone() });
    let lines: Vec<usize> = app
        .shown()
        .iter()
        .map(|&i| app.corpus().whole(i).unwrap().line)
        .collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
    assert!(app
        .shown()
        .iter()
        .all(|&i| app.corpus().whole(i).unwrap().page == page));
    assert_eq!(app.filter_label(), "版面 002");
}

#[test]
fn brackets_and_digits_step_through_cities() {
    let mut app = app(120, 40);
    let first = app.corpus().cities[0].name.clone();
    let last = app.corpus().cities.last().unwrap().name.clone();
    app.update(Action::NextCity);
    assert_eq!(
        app.filter(),
        View::City {
            city: first.clone()
        }
    );
    app.update(Action::PrevCity);
    assert_eq!(app.filter(), View::All);
    app.update(Action::PrevCity);
    assert_eq!(app.filter(), View::City { city: last });
    app.update(Action::CityNumber(1));
    assert_eq!(app.filter(), View::City { city: first });
    app.update(Action::AllCities);
    assert_eq!(app.filter(), View::All);
}

#[test]
fn filtering_keeps_the_reader_where_it_is() {
    let mut app = app(120, 40);
    app.update(Action::Open);
    assert_eq!(app.focus(), Pane::Reader);
    let open = app.reader().article().unwrap();
    let city = app.corpus().whole(open).unwrap().city.clone().unwrap();
    app.update(Action::CityPrompt);
    type_str(&mut app, &city);
    app.update(Action::Open);
    assert_eq!(app.focus(), Pane::Reader);
    assert_eq!(app.reader().article(), Some(open));
    assert!(app.is_read(open));
}

#[test]
fn resize_keeps_the_reading_position() {
    let mut app = app(100, 30);
    app.update(Action::Open);
    for _ in 0..12 {
        app.update(Action::Down);
    }
    let before = app.reader().lines()[app.reader().scroll()].clone();
    assert!(app.reader().scroll() > 0);
    app.update(Action::Resize(64, 20));
    let after = &app.reader().lines()[app.reader().scroll()];
    assert_eq!(after.block, before.block);
    assert!(after.start <= before.start);
    let next = app.reader().lines().get(app.reader().scroll() + 1);
    assert!(next.is_none_or(|n| n.block != before.block || n.start > before.start));
}

#[test]
fn only_key_presses_act() {
    let app = app(120, 40);
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(action_for(&app, &Event::Key(release)), None);
    assert_eq!(
        action_for(&app, &key(KeyCode::Char('q'))),
        Some(Action::Quit)
    );
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(action_for(&app, &ctrl_c), Some(Action::Quit));
    let shift_g = Event::Key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
    assert_eq!(action_for(&app, &shift_g), Some(Action::Bottom));
}

#[test]
fn prompt_takes_letters_that_are_keys_elsewhere() {
    let mut app = app(120, 40);
    app.update(action_for(&app, &key(KeyCode::Char('c'))).unwrap());
    let a = action_for(&app, &key(KeyCode::Char('q'))).unwrap();
    assert_eq!(a, Action::Input('q'));
    assert_eq!(action_for(&app, &key(KeyCode::Esc)), Some(Action::Close));
}

#[test]
fn mouse_click_selects_and_focuses() {
    let mut app = app(120, 40);
    let list = app.screen().list.unwrap();
    app.update(Action::Click {
        col: list.x + 3,
        row: list.y + 3,
    });
    assert_eq!(app.focus(), Pane::List);
    assert_eq!(app.list_sel(), 2);
    let side = app.screen().sidebar.unwrap();
    app.update(Action::Click {
        col: side.x + 3,
        row: side.y + 4, // 全部, 未读, 已收藏, then the first city
    });
    assert_eq!(app.focus(), Pane::Sidebar);
    assert_eq!(app.filter(), View::city(&app.corpus().cities[0].name));
    let reader = app.screen().reader.unwrap();
    app.update(Action::Wheel {
        col: reader.x + 5,
        row: reader.y + 5,
        down: true,
    });
    assert_eq!(app.reader().scroll(), 3);
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let mut a = article(
        "p1",
        1,
        "标题\u{1b}[2J\u{1b}]0;pwned\u{7}",
        Some("湛江市"),
        None,
        &["正文\u{1b}[31m红\u{9b}1m"],
    );
    a.kicker = Some("\u{1b}[5m闪".into());
    let corpus = Corpus::new(vec![page("p1", vec![a])]);
    let mut app = App::new(corpus, vec!["警告\u{1b}[H".into()], (100, 30));
    app.update(Action::Help);
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    for overlay in [true, false] {
        if !overlay {
            app.update(Action::Close);
        }
        term.draw(|f| ui::draw(&app, f)).unwrap();
        for cell in term.backend().buffer().content() {
            assert!(
                !cell.symbol().chars().any(char::is_control),
                "{:?}",
                cell.symbol()
            );
        }
    }
    let screen = term.backend().to_string();
    assert!(screen.contains("␛[2J"), "{screen}");
}

#[test]
fn no_panic_at_any_size() {
    let mut app = app(120, 40);
    app.update(Action::Open);
    let mut term = Terminal::new(TestBackend::new(1, 1)).unwrap();
    let overlays = [Action::Close, Action::Help, Action::Map, Action::CityPrompt];
    for w in (1..=140u16)
        .step_by(7)
        .chain([1, 2, 19, 20, 59, 60, 99, 100])
    {
        for h in (1..=45u16).step_by(4).chain([1, 4, 5, 6]) {
            app.update(Action::Resize(w, h));
            term.backend_mut().resize(w, h);
            term.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
            for o in &overlays {
                app.update(Action::Close);
                app.update(o.clone());
                term.draw(|f| ui::draw(&app, f)).unwrap();
            }
            app.update(Action::Close);
            app.update(Action::Close);
            for a in [
                Action::FocusLeft,
                Action::Down,
                Action::PageDown,
                Action::Bottom,
                Action::FocusRight,
                Action::ToggleSidebar,
            ] {
                app.update(a);
                term.draw(|f| ui::draw(&app, f)).unwrap();
            }
        }
    }
}

#[test]
fn prompts_delete_a_word_and_clear_as_a_shell_does() {
    let mut app = app(120, 40);
    let ctrl = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    app.update(action_for(&app, &key(KeyCode::Char('/'))).unwrap());
    type_str(&mut app, "劳模 工会  ");
    app.update(action_for(&app, &ctrl('w')).unwrap());
    assert_eq!(app.search().active.as_ref().unwrap().input, "劳模 ");
    app.update(action_for(&app, &ctrl('u')).unwrap());
    assert_eq!(app.search().active.as_ref().unwrap().input, "");
    app.update(Action::Close);
    // The city prompt the same.
    app.update(action_for(&app, &key(KeyCode::Char('c'))).unwrap());
    type_str(&mut app, "zhan jiang");
    app.update(action_for(&app, &ctrl('w')).unwrap());
    match app.overlay() {
        gongbao::tui::app::Overlay::Prompt(p) => assert_eq!(p.input, "zhan "),
        o => panic!("{o:?}"),
    }
    app.update(action_for(&app, &ctrl('u')).unwrap());
    match app.overlay() {
        gongbao::tui::app::Overlay::Prompt(p) => assert_eq!(p.input, ""),
        o => panic!("{o:?}"),
    }
}
