#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Table-style fixtures: every `tests/fixtures/pages/*.txt` page against the
//! `*.expected.json` beside it (the seeds' expected schema). The pages are written for this
//! test in the paper's three layouts, for places the seeds lack; one test per page. p10 holds
//! what a review found on unseen column pages: punctuation hanging past the column's edge, a
//! byline cut by the edge (`（` / `黄陂工）`), and a lead line ending in a space before 通讯员.
//!
//! p11–p16 hold real-world forms the seeds do not show, one page per family, each failing
//! without its rule: leads of other outlets (`南方工报讯`, `江门日报讯`, `羊城晚报讯`) and a
//! reporter's `本报记者 X 通讯员 Y 报道：` (p11); `记者/X`, names without parentheses, names
//! split by 、, `文/X 图/Y` bylines and `X/摄` caption credits (p12); union bodies named
//! after ordinal, quantity and verb words (`第一家`, `组建`, `多家`), and an industrial
//! park's union named without a place (p13); 东莞 and 中山 towns, `镇总工会` (p14); `市总工会`
//! placed by the heading and lead, `我市` placed by the page's other articles (p15); relative
//! dates (`昨日`, `近日`, `今天`) before a later date (p16). p17: captions printed after a
//! body and before the next article's heading, one of each owner, told apart by their words.
//! p18: a short article whose only measured line is its lead's first, stopped a cell short
//! of the column, takes the column its neighbours show (its first paragraph ends three cells
//! short of the edge, before a paragraph of one line); its `paragraph_starts` say where.
//! p19: bylines at a paragraph's end: a short last line carrying one (`…护具。(韶工）`) after a
//! first line ending a sentence at the edge is the same paragraph's; the column is read from
//! the lines up to such a line (the last paragraph shows it); a byline cut over two lines
//! whose end reads as a photographer's credit (`…好书。(文/何文静` / `图/陈立新)`).
//! p20: a narrow column's line cut inside a word after 摄 (`…、手机摄` / `影和…`) is body,
//! not a photographer's credit: what stands before a credit's 摄 is names.
//! p21: columns of different widths; the short article between them reads its column from
//! its own lines alone (no neighbour's width is in its range), a whole number of ideographs.
//! p22: a short article set four characters wider than its neighbours reaches a paragraph
//! line's width; too few lines to show a column's even lines, it is read as a column still.
//! p23: the paragraph layout is the page's: a short article whose two paragraphs are a line
//! each, under a paragraph line's width and every line ending a sentence, is paragraphs like
//! the long article beside it, not a column of its own. p24: the converse, a column of 33
//! characters whose lines reach a paragraph line's width beside a one-line article (no column
//! measured on the page): its lead's first line, cut inside a number, shows the column, and its
//! second paragraph, a sentence ending one cell short of the edge and a short last line, is one.
//! p25: a short article whose lines all end a sentence shows how wide its column is at least,
//! not how wide: it takes the column its neighbour measures, where its lead's first line is
//! short by more than a cell, so its lead ends there (not a column of its own as wide as it).
//! p26: a column holds whole ideographs: an article whose lines allow 26 or 26 and a half
//! characters beside a neighbour read at 26 and a half (a cell short of its 27) is 26 wide, so
//! its second paragraph's first line, a sentence ending a cell short of the edge, goes on.
//!
//! p30 is printed in traditional characters (本報訊, 湛江市總工會, 江門開平市總): it parses with
//! the right city and union body, which, like reporters and correspondents, come out in
//! simplified script, while heading, body and byline stay as printed.

use crate::support::expected;

use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages")
}

fn check(stem: &str) {
    let page_file = format!("{stem}.txt");
    let bytes = std::fs::read(dir().join(&page_file)).expect("fixture page");
    let expected = expected::load(&dir().join(format!("{stem}.expected.json")));
    assert!(
        expected.iter().all(|e| e.page == page_file),
        "{stem}.expected.json names another page"
    );
    expected::assert_page(&page_file, &bytes, &expected);
}

macro_rules! pages {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*
        const LISTED: &[&str] = &[$(stringify!($name)),*];
    };
}

pages!(
    p01_huizhou_columns,
    p02_dongguan_paragraphs,
    p03_meizhou_markdown,
    p04_yangjiang_columns,
    p05_qingyuan_paragraphs,
    p06_shanwei_markdown,
    p07_foshan_zhongshan_columns,
    p08_towns_paragraphs,
    p09_huizhou_mixed_forms,
    p10_meizhou_hanging_columns,
    p11_outlet_leads_columns,
    p12_people_paragraphs,
    p13_union_names_markdown,
    p14_dongguan_zhongshan_towns_columns,
    p15_city_context_paragraphs,
    p16_relative_dates_markdown,
    p17_caption_between_columns,
    p18_short_article_column,
    p19_bylines_at_paragraph_ends,
    p20_word_cut_after_she,
    p21_mixed_column_widths,
    p22_wider_short_column,
    p23_short_article_paragraphs,
    p24_wide_column_beside_one_line,
    p25_short_article_in_measured_column,
    p26_odd_neighbour_width,
    p30_traditional_paragraphs,
);

#[test]
fn every_page_has_expected_output_and_a_test() {
    let mut pages: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            Path::new(n)
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("txt"))
        })
        .collect();
    pages.sort();
    for p in &pages {
        let stem = p.trim_end_matches(".txt");
        assert!(
            dir().join(format!("{stem}.expected.json")).is_file(),
            "{p} has no expected output"
        );
        assert!(
            LISTED.contains(&stem),
            "{p} is not listed in tests/fixtures.rs"
        );
    }
    assert_eq!(
        pages.len(),
        LISTED.len(),
        "listed pages missing: {LISTED:?}"
    );
}
