#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Editions, table style: each `tests/fixtures/editions/*.txt` page (a masthead cut across
//! column lines, in the paragraph and `##` layouts, printed with the page number first at
//! the end of the page, and none) against the `*.expected.json` beside it (the edition, the
//! banners, which keep the masthead, and each article's date with its year from the
//! edition); `file_names.txt` (a path and the edition its name gives) and `page_names.txt`
//! (what a page without an edition is called). Then what editions change: the sidebar's
//! 版面 group, the list's order, citations, `show` and `export`.

use gongbao::model::{Corpus, Date, Edition, Page};
use gongbao::parse::{edition, parse_page};
use gongbao::tui::action::Action;
use gongbao::tui::app::{App, Entry, ListOrder};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/editions")
}

fn page(name: &str, source: &str) -> Page {
    let bytes = std::fs::read(dir().join(name)).unwrap();
    let id = source
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".txt")
        .to_string();
    parse_page(&id, source, &bytes).unwrap()
}

#[test]
fn each_page_gives_its_expected_edition_and_dates() {
    let mut checked = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".txt") else {
            continue;
        };
        if stem == "file_names" || stem == "page_names" {
            continue;
        }
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(dir().join(format!("{stem}.expected.json")))
                .unwrap_or_else(|_| panic!("{stem}.expected.json is missing")),
        )
        .unwrap();
        let p = page(&name, &name);
        let mut dates = serde_json::Map::new();
        for a in &p.articles {
            dates.insert(
                a.id.clone(),
                a.date.as_ref().map_or(
                    Value::Null,
                    |d| json!({"year": d.year, "year_inferred": d.year_inferred, "text": d.text}),
                ),
            );
        }
        let got = json!({
            "edition": p.edition,
            "banners": p.banners,
            "warnings": p.warnings,
            "dates": dates,
        });
        assert_eq!(got, expected, "{name}");
        checked += 1;
    }
    assert_eq!(checked, 5);
}

/// The rows of a table file: tab-separated, `#` lines are comments.
fn table(name: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(dir().join(name))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (a, b) = l.split_once('\t').expect("a tab");
            (a.to_string(), b.to_string())
        })
        .collect()
}

#[test]
fn file_names_give_their_editions() {
    let rows = table("file_names.txt");
    assert!(rows.len() >= 15);
    for (path, want) in rows {
        let got = edition::from_file_name(&path).map_or_else(
            || "-".to_string(),
            |e| {
                format!(
                    "{} {} {}",
                    e.date.unwrap(),
                    e.page.unwrap(),
                    e.section.as_deref().unwrap_or("-")
                )
            },
        );
        assert_eq!(got, want, "{path}");
    }
}

#[test]
fn a_page_without_an_edition_is_named_by_its_file_name() {
    for (id, want) in table("page_names.txt") {
        let mut p = gongbao::parse::parse_text(&id, &id, "本报讯 5月2日，湛江市总工会开会。\n");
        assert_eq!(p.edition, None);
        assert_eq!(p.name(), want, "{id}");
        p.edition = Some(Edition {
            date: Date::new(2025, 5, 30),
            page: Some(4),
            section: Some("工会".into()),
            from: gongbao::model::EditionFrom::Banner,
        });
        assert_eq!(p.name(), "第4版 工会");
        assert_eq!(p.dated_name(), "2025年5月30日 第4版 工会");
    }
}

#[test]
fn the_masthead_wins_over_the_file_name_and_says_so() {
    let p = page("masthead_paragraphs.txt", "2025-05-31_06.txt");
    let e = p.edition.unwrap();
    assert_eq!((e.date, e.page), (Date::new(2025, 5, 30), Some(4)));
    assert_eq!(e.from, gongbao::model::EditionFrom::Both);
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert!(
        p.warnings[0].contains("2025-05-30 第4版") && p.warnings[0].contains("2025-05-31 第6版"),
        "{}",
        p.warnings[0]
    );
    // Agreeing, they fill each other in without a word.
    let p = page("no_masthead.txt", "2025-05-28/02.txt");
    assert!(p.warnings.is_empty());
    assert_eq!(p.edition.unwrap().page, Some(2));
}

/// Three editions' pages and one page without an edition, loaded in no particular order.
fn corpus() -> Corpus {
    Corpus::new(vec![
        page("no_masthead.txt", "no_masthead.txt"),
        page("masthead_paragraphs.txt", "masthead_paragraphs.txt"),
        page("masthead_markdown.txt", "masthead_markdown.txt"),
        page("masthead_cut_columns.txt", "masthead_cut_columns.txt"),
        page(
            "masthead_page_first_at_the_end.txt",
            "masthead_page_first_at_the_end.txt",
        ),
    ])
}

#[test]
fn the_sidebar_lists_editions_newest_first_then_the_pages_without_one() {
    let c = corpus();
    let dates: Vec<String> = c
        .editions
        .iter()
        .map(|e| e.date.map_or_else(|| "-".into(), |d| d.to_string()))
        .collect();
    assert_eq!(
        dates,
        ["2025-06-01", "2025-05-30", "2025-01-03", "2024-12-20", "-"]
    );
    let app = App::new(c, Vec::new(), (120, 40));
    let rows: Vec<String> = app
        .entries()
        .iter()
        .skip_while(|e| **e != Entry::PagesHeading)
        .map(|e| match e {
            Entry::PagesHeading => "版面".to_string(),
            Entry::Edition(i) => format!(
                "{} {}",
                app.corpus().editions[*i].date.unwrap(),
                app.entry_count(*e)
            ),
            Entry::Page(p) => format!(
                "  {} {}",
                app.corpus().pages[*p].name(),
                app.entry_count(*e)
            ),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        rows,
        [
            "版面",
            "2025-06-01 4",
            "  第3版 工会新闻 4",
            "2025-05-30 4",
            "  第4版 工会 4",
            "2025-01-03 4",
            "  第2版 要闻 4",
            "2024-12-20 4",
            "  第12版 职工之家 4",
            "  版面 no_masthead 4",
        ]
    );
    // A page's view names its edition's date too.
    let mut app = app;
    let pages = app
        .entries()
        .iter()
        .filter(|e| matches!(e, Entry::Page(_)))
        .count();
    app.update(Action::FocusLeft);
    app.update(Action::Bottom);
    assert_eq!(app.filter_label(), "版面 no_masthead");
    // Up steps over the editions' dates, from the last page to the first.
    for _ in 1..pages {
        app.update(Action::Up);
    }
    assert_eq!(app.filter_label(), "2025年6月1日 第3版 工会新闻");
}

#[test]
fn the_list_goes_by_edition_and_print_order_or_by_city_with_a_key() {
    let mut app = App::new(corpus(), Vec::new(), (120, 40));
    assert_eq!(app.list_order(), ListOrder::Print);
    let ids = |app: &App| -> Vec<String> {
        app.shown()
            .iter()
            .map(|&i| app.corpus().whole(i).unwrap().id.clone())
            .collect()
    };
    let printed = ids(&app);
    assert_eq!(printed.len(), 20);
    assert!(printed[0].starts_with("masthead_cut_columns-01"));
    assert!(printed[4].starts_with("masthead_paragraphs-01"));
    assert!(printed[19].starts_with("no_masthead-04"));
    app.update(Action::SortList);
    assert_eq!(app.list_order(), ListOrder::City);
    let by_city: Vec<Option<String>> = app
        .shown()
        .iter()
        .map(|&i| app.corpus().whole(i).unwrap().city.clone())
        .collect();
    let order: Vec<Option<String>> = app
        .corpus()
        .cities
        .iter()
        .map(|c| Some(c.name.clone()))
        .collect();
    let mut seen: Vec<Option<String>> = by_city.clone();
    seen.dedup();
    assert_eq!(seen, order, "grouped by city in the sidebar's order");
    app.update(Action::SortList);
    assert_eq!(ids(&app), printed);
}

#[test]
fn citations_name_the_edition() {
    let c = corpus();
    let a = c.article("masthead_paragraphs-01").unwrap();
    let cite = gongbao::render::citation(&a, c.page_of(&a));
    assert_eq!(
        cite,
        format!("南方工报 · 2025年5月30日 · 第4版 · {}", a.display_title())
    );
    let a = c.article("no_masthead-01").unwrap();
    assert_eq!(
        gongbao::render::citation(&a, c.page_of(&a)),
        format!(
            "南方工报 · 11月30日 · 版面 no_masthead · {}",
            a.display_title()
        )
    );
}

/// `gongbao --pages FILE ARGS...` in folders that do not exist (nothing kept, nothing read).
fn gongbao(file: &Path, args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("gongbao")
        .unwrap()
        .arg("--pages")
        .arg(file)
        .args(args)
        .env("GONGBAO_CONFIG_DIR", "/nonexistent/c")
        .env("GONGBAO_DATA_DIR", "/nonexistent/d")
        .env("GONGBAO_CACHE_DIR", "/nonexistent/k")
        .output()
        .unwrap()
}

#[test]
fn show_and_export_carry_the_edition() {
    let file = dir().join("masthead_paragraphs.txt");
    let out = gongbao(
        &file,
        &["show", "masthead_paragraphs-01", "--format", "json"],
    );
    assert!(out.status.success(), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["edition"],
        json!({"date": "2025-05-30", "page": 4, "section": "工会", "from": "banner"})
    );
    assert_eq!(v["date"]["year"], json!(2024));
    let out = gongbao(&file, &["export", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pages"][0]["edition"]["page"], json!(4));
    let md = gongbao(&file, &["show", "masthead_paragraphs-01", "--format", "md"]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.trim_end().ends_with(
            "南方工报 · 2025年5月30日 · 第4版 · 东莞长安镇总工会 · 为模具行业职工开设技能夜校"
        ),
        "{md}"
    );
}
