//! Snapshots of the screen on a TestBackend (insta), on the seed corpus.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::load::seed_corpus;
use gongbao::tui::action::Action;
use gongbao::tui::app::App;
use gongbao::tui::ui;
use insta::assert_snapshot;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::support::screen;
use screen::render;

fn app(w: u16, h: u16) -> App {
    App::new(seed_corpus(), Vec::new(), (w, h))
}

#[test]
fn main_140x40() {
    assert_snapshot!(render(&app(140, 40)));
}

#[test]
fn main_80x24() {
    assert_snapshot!(render(&app(80, 24)));
}

#[test]
fn main_40x12() {
    assert_snapshot!(render(&app(40, 12)));
}

#[test]
fn city_filter_120x40() {
    let mut app = app(120, 40);
    app.update(Action::CityNumber(2));
    assert_snapshot!(render(&app));
}

#[test]
fn reader_long_article() {
    let mut app = app(100, 30);
    // The longest article, opened and scrolled a page down.
    let longest = (0..app.corpus().len())
        .max_by_key(|&i| {
            app.corpus()
                .whole(i)
                .unwrap()
                .paragraphs
                .concat()
                .chars()
                .count()
        })
        .unwrap();
    for _ in 0..longest {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    app.update(Action::PageDown);
    assert_snapshot!(render(&app));
}

#[test]
fn reader_narrow_single_pane() {
    let mut app = app(40, 20);
    app.update(Action::Open);
    assert_snapshot!(render(&app));
}

#[test]
fn help() {
    let mut app = app(100, 50);
    app.update(Action::Help);
    assert_snapshot!(render(&app));
}

/// The map at a size: its snapshot, and its labels checked against each other and the
/// markers (no two overlap or touch on a row; none on a marker; each nearest its own
/// marker), each drawn where the layout put it, the selected city's label kept.
fn map_at(w: u16, h: u16) -> String {
    let mut app = app(w, h);
    app.update(Action::NextCity);
    app.update(Action::Map);
    let selected = match *app.overlay() {
        gongbao::tui::app::Overlay::Map { city } => city,
        _ => panic!("no map"),
    };
    let screen = render(&app);
    let m = ui::map::layout(&app, ratatui::layout::Rect::new(0, 0, w, h), selected)
        .expect("room for the map");
    assert!(m.labels.len() >= 5, "{} labels at {w}×{h}", m.labels.len());
    // The selected city's name and count are always in the status line (its label may not
    // find room at small sizes).
    let c = &gongbao::places::Gazetteer::get().cities[selected];
    let n = app
        .corpus()
        .find_city(&c.name)
        .map_or(0, |e| e.articles.len());
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains(&format!("地图 · {} · {n} 篇", c.name)),
        "{status}"
    );
    for (i, a) in m.labels.iter().enumerate() {
        let r = a.rect();
        assert!(r.x >= m.canvas.x && r.right() <= m.canvas.right(), "{a:?}");
        for b in &m.labels[i + 1..] {
            let padded = ratatui::layout::Rect::new(r.x.saturating_sub(1), r.y, r.width + 2, 1);
            assert!(
                !padded.intersects(b.rect()),
                "{a:?} and {b:?} overlap:\n{screen}"
            );
        }
        for &(_, x, y) in &m.markers {
            assert!(
                !(y == r.y && (r.x..r.right()).contains(&x)),
                "{a:?} on a marker"
            );
        }
        let row = screen.lines().nth(usize::from(r.y)).unwrap();
        assert!(row.contains(&a.text), "{a:?} not drawn:\n{screen}");
        // A label reads as its own marker's: every other marker is at least two steps
        // further from it (columns, plus two per row); the selected city's (drawn
        // highlighted) may stand as near another as its own, never nearer.
        let margin = if a.city == selected { 0 } else { 2 };
        {
            let gap = |x: u16, y: u16| {
                let dx = if x < r.x {
                    r.x - x
                } else {
                    x.saturating_sub(r.right() - 1)
                };
                dx + 2 * y.abs_diff(r.y)
            };
            let own = m.markers.iter().find(|k| k.0 == a.city).unwrap();
            let own = gap(own.1, own.2);
            for &(c, x, y) in &m.markers {
                assert!(
                    c == a.city || gap(x, y) >= own + margin,
                    "{a:?} is as near city {c}'s marker as its own at {w}×{h}:\n{screen}"
                );
            }
        }
    }
    screen
}

#[test]
fn map() {
    assert_snapshot!(map_at(120, 40));
}

#[test]
fn map_140x40() {
    assert_snapshot!(map_at(140, 40));
}

#[test]
fn map_80x24() {
    assert_snapshot!(map_at(80, 24));
}

#[test]
fn map_40x12() {
    assert_snapshot!(map_at(40, 12));
}

/// Arrow keys go to the nearest city in that direction.
#[test]
fn map_moves_by_direction() {
    use gongbao::places::Gazetteer;
    use gongbao::tui::action::Dir;
    use gongbao::tui::app::map_step;
    let g = Gazetteer::get();
    let at = |name: &str| g.cities.iter().position(|c| c.name == name).unwrap();
    let name = |i: usize| g.cities[i].name.as_str();
    for (from, d, to) in [
        ("韶关市", Dir::Down, "清远市"),
        ("清远市", Dir::Up, "韶关市"),
        ("广州市", Dir::Right, "东莞市"),
        ("广州市", Dir::Up, "清远市"),
        ("深圳市", Dir::Up, "东莞市"),
        ("深圳市", Dir::Left, "中山市"),
        ("汕头市", Dir::Up, "潮州市"),
        ("湛江市", Dir::Right, "茂名市"),
        ("中山市", Dir::Down, "珠海市"),
        // 佛山 is beside 广州 on the screen: ↓ from 广州 is not 佛山 (54° off south), → from
        // 佛山 is 广州.
        ("广州市", Dir::Down, "中山市"),
        ("佛山市", Dir::Right, "广州市"),
    ] {
        assert_eq!(name(map_step(at(from), d)), to, "{from} {d:?}");
    }
    // Nothing further south of 湛江, 珠海 or 汕头 (阳江 and 汕尾 lie mostly west): stay.
    for from in ["湛江市", "珠海市", "汕头市"] {
        assert_eq!(name(map_step(at(from), Dir::Down)), from);
    }
}

/// Enter on a city without articles says so and keeps the map open.
#[test]
fn map_enter_on_an_empty_city() {
    use gongbao::places::Gazetteer;
    use gongbao::tui::action::Dir;
    use gongbao::tui::app::Overlay;
    let mut app = app(120, 40);
    app.update(Action::Map);
    let g = Gazetteer::get();
    let empty = |app: &App| match *app.overlay() {
        Overlay::Map { city } => app
            .corpus()
            .find_city(&g.cities[city].name)
            .is_none_or(|e| e.articles.is_empty()),
        _ => false,
    };
    // Walk the map until a city without articles is selected.
    let dirs = [Dir::Down, Dir::Right, Dir::Up, Dir::Left];
    for i in 0..200 {
        if empty(&app) {
            break;
        }
        app.update(Action::MapMove(dirs[(i / 3 + i * 7) % 4]));
    }
    assert!(empty(&app), "no empty city reached");
    app.update(Action::Open);
    assert!(matches!(app.overlay(), Overlay::Map { .. }));
    let msg = app.message().unwrap().to_string();
    assert!(msg.contains("没有文章"), "{msg}");
    assert!(render(&app).contains(&msg));
}

#[test]
fn prompt() {
    let mut app = app(100, 30);
    app.update(Action::CityPrompt);
    app.update(Action::Input('j'));
    assert_snapshot!(render(&app));
}

/// The city prompt's box shows as many matches as the screen has room for (up to 16), and
/// its bottom border says how many are above and below when some are not shown.
#[test]
fn prompt_says_what_is_not_shown() {
    let matches = |app: &App| match app.overlay() {
        gongbao::tui::app::Overlay::Prompt(p) => p.matches.len(),
        _ => panic!("no prompt"),
    };
    // Roomy: every match of `s` shown, no hint.
    let mut app = app(200, 50);
    app.update(Action::CityPrompt);
    app.update(Action::Input('s'));
    let n = matches(&app);
    assert!((9..=16).contains(&n), "{n} matches");
    let screen = render(&app);
    assert!(!screen.contains("↓ 还有"), "{screen}");
    // Short: the box holds what fits and says the rest is below, then above and below.
    let mut app = self::app(100, 10);
    app.update(Action::CityPrompt);
    app.update(Action::Input('s'));
    let screen = render(&app);
    assert!(screen.contains("↓ 还有"), "{screen}");
    for _ in 0..8 {
        app.update(Action::Down);
    }
    let screen = render(&app);
    assert!(screen.contains(" ↑ 3 · ↓ 还有 2 项 "), "{screen}");
}

#[test]
fn too_small() {
    assert_snapshot!(render(&app(12, 4)));
}

/// A frame drawn before the Resize event is read (the index's progress timer) meets a
/// terminal smaller than the App was laid out for: it draws nothing rather than panic.
#[test]
fn a_frame_smaller_than_the_layout_does_not_panic() {
    for overlay in [None, Some(Action::Help), Some(Action::Map)] {
        let mut app = app(40, 12);
        if let Some(a) = overlay {
            app.update(a);
        }
        let mut term = Terminal::new(TestBackend::new(12, 4)).unwrap();
        term.draw(|f| ui::draw(&app, f)).unwrap();
        let mut term = Terminal::new(TestBackend::new(1, 1)).unwrap();
        term.draw(|f| ui::draw(&app, f)).unwrap();
    }
}

/// At 100×30 every list row shows its title: a union body in front shrinks first (the city
/// column already names the city), never the title down to nothing.
#[test]
fn list_titles_at_100_columns() {
    let app = app(100, 30);
    let screen = render(&app);
    let rows: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split("││").nth(1))
        .filter(|l| l.contains('•') || l.contains('★'))
        .collect();
    assert!(rows.len() > 20, "{screen}");
    for (row, &ai) in rows.iter().zip(app.shown().iter()) {
        let title: String = app
            .corpus()
            .whole(ai)
            .unwrap()
            .title
            .chars()
            .take(4)
            .collect();
        assert!(
            row.contains(&title),
            "row {row:?} lost its title {title:?}:\n{screen}"
        );
        // A city's union body less the city names nothing: never "总工会 · …" alone.
        let front = row.trim_start_matches(['•', '★', ' ']);
        assert!(!front.starts_with("总工会 ·"), "row {row:?}:\n{screen}");
    }
    assert_snapshot!(screen);
}

/// The help scrolls with every scroll key, says how much is below, and shows a scrollbar.
#[test]
fn help_scrolls_with_every_key() {
    use gongbao::tui::app::Overlay;
    let mut app = app(140, 40);
    app.update(Action::Help);
    let (last, page) = app.overlay_scroll_room(false);
    assert!(last > 0, "the help is longer than 40 rows");
    assert!(render(&app).contains("↓ 还有"));
    app.update(Action::PageDown);
    assert_eq!(
        *app.overlay(),
        Overlay::Help {
            scroll: (page - 1).min(last)
        }
    );
    app.update(Action::Bottom);
    assert_eq!(*app.overlay(), Overlay::Help { scroll: last });
    let bottom = render(&app);
    assert!(!bottom.contains("↓ 还有"), "{bottom}");
    assert!(
        bottom.contains("扩大到全部城市"),
        "the search keys at the end:\n{bottom}"
    );
    app.update(Action::Down);
    assert_eq!(*app.overlay(), Overlay::Help { scroll: last }, "no further");
    app.update(Action::Up);
    assert_eq!(*app.overlay(), Overlay::Help { scroll: last - 1 });
    app.update(Action::Top);
    assert_eq!(*app.overlay(), Overlay::Help { scroll: 0 });
    app.update(Action::Close);
    assert_eq!(*app.overlay(), Overlay::None);
}

/// The warnings have their own overlay, which `!` (and the status line's ⚠) opens.
#[test]
fn warnings_overlay() {
    use gongbao::tui::app::Overlay;
    let long = format!("pages/bad.txt: {}", "无法解码的字节 ".repeat(20));
    let mut app = App::new(
        seed_corpus(),
        vec![long.clone(), "pages/x.txt: empty".into()],
        (100, 30),
    );
    assert!(render(&app).contains("! ⚠ 2"));
    app.update(Action::Warnings);
    assert_eq!(*app.overlay(), Overlay::Warnings { scroll: 0 });
    let screen = render(&app);
    assert!(screen.contains("载入页面时的问题 (2)"), "{screen}");
    // Wrapped, not cut: the end of the long warning is shown.
    assert!(screen.contains("pages/x.txt: empty"), "{screen}");
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let lines = app.overlay_lines(true);
    assert!(lines.len() > 2, "{lines:?}");
    assert_eq!(
        squeeze(&lines.concat()),
        squeeze(&format!("{long}pages/x.txt: empty"))
    );
    app.update(Action::Warnings);
    assert_eq!(*app.overlay(), Overlay::None);
    app.update(Action::Click { col: 5, row: 29 });
    assert_eq!(*app.overlay(), Overlay::Warnings { scroll: 0 });
}
