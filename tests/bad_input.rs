#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Input that is not a good page: empty, binary, broken, huge, headless, crowded, hostile. Each
//! test asserts that nothing panics and what the specific outcome is.

use gongbao::error::PageError;
use gongbao::model::Page;
use gongbao::parse::parse_page;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(name),
    )
    .unwrap()
}

fn alnum(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in s.chars().filter(|c| c.is_alphanumeric()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

fn shown(page: &Page) -> String {
    let mut s = String::new();
    for a in &page.articles {
        for t in a.heading.iter().chain(&a.paragraphs).chain(&a.captions) {
            s.push_str(t);
        }
        for c in a.caption_credits.iter().flatten() {
            s.push_str(c);
        }
        if let Some(b) = &a.byline {
            s.push_str(b);
        }
    }
    for t in page.banners.iter().chain(&page.unplaced) {
        s.push_str(t);
    }
    s
}

#[test]
fn an_empty_file_is_an_error_naming_the_file() {
    for bytes in [&b""[..], b"\n\n  \n", b"\xEF\xBB\xBF", b"\r\n\t\r\n"] {
        let err = parse_page("empty", "pages/empty-page.txt", bytes).unwrap_err();
        assert!(matches!(err, PageError::Empty { .. }), "{bytes:?}: {err:?}");
        assert!(
            err.to_string().contains("pages/empty-page.txt"),
            "error does not name the file: {err}"
        );
    }
}

#[test]
fn a_binary_file_is_an_error_naming_the_file() {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..4096u32).map(|i| (i * 37 % 256) as u8));
    let err = parse_page("photo", "pages/photo.txt", &bytes).unwrap_err();
    assert!(matches!(err, PageError::Binary { .. }), "{err:?}");
    assert!(err.to_string().contains("pages/photo.txt"), "{err}");

    // Chinese text with a NUL in the middle is not a page either.
    let mut text = "本报讯 近日，惠州市总工会举办活动。".as_bytes().to_vec();
    text.insert(9, 0);
    let err = parse_page("nul", "pages/nul.txt", &text).unwrap_err();
    assert!(err.to_string().contains("pages/nul.txt"), "{err}");
}

#[test]
fn random_noise_is_an_error_naming_the_file() {
    let noise: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x80)
        .collect();
    let err = parse_page("noise", "pages/noise.txt", &noise).unwrap_err();
    assert!(err.to_string().contains("pages/noise.txt"), "{err}");
}

#[test]
fn a_few_broken_bytes_still_parse_as_utf8_with_a_warning() {
    let clean = seed("003_158881c878a543ee.txt");
    let good = parse_page("003", "seed:003.txt", &clean).unwrap();
    // Break a few characters inside body paragraphs (lines 11, 23 and 47): a lone lead byte, a
    // stray continuation byte, and a truncated three-byte sequence.
    let text = String::from_utf8(clean).unwrap();
    let mut broken = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bytes = line.as_bytes();
        if [10, 22, 46].contains(&i) {
            let cut = line.char_indices().nth(20).unwrap().0;
            broken.extend_from_slice(&bytes[..cut]);
            broken.extend_from_slice(match i {
                10 => b"\xFF",
                22 => b"\x80\x80",
                _ => b"\xE5\x9C",
            });
            broken.extend_from_slice(&bytes[cut..]);
        } else {
            broken.extend_from_slice(bytes);
        }
    }
    let page = parse_page("003", "pages/broken.txt", &broken).unwrap();
    assert_eq!(page.encoding, "UTF-8");
    assert!(
        page.warnings.iter().any(|w| w.contains("pages/broken.txt")),
        "no warning naming the file: {:?}",
        page.warnings
    );
    assert_eq!(
        page.articles.len(),
        good.articles.len(),
        "broken bytes changed the article count"
    );
    let replacement = shown(&page).chars().filter(|&c| c == '\u{FFFD}').count();
    assert!(replacement >= 3, "broken bytes not shown as U+FFFD");
}

#[test]
fn a_nine_megabyte_page_on_one_line() {
    let mut line = String::from("本报讯 近日，惠州市惠阳区总工会举办第二届职工技能大赛。");
    let filler =
        "来自全区的职工选手在电工、焊工、叉车等项目中比拼技艺，现场气氛热烈，观众连连叫好。";
    while line.len() < 9 * 1024 * 1024 {
        line.push_str(filler);
    }
    let started = Instant::now();
    let page = parse_page("huge", "pages/huge.txt", line.as_bytes()).unwrap();
    let took = started.elapsed();
    assert_eq!(page.articles.len(), 1, "one lead, one article");
    assert_eq!(
        alnum(&line),
        alnum(&shown(&page)),
        "characters lost or invented"
    );
    // How long it takes is for benches/parse.rs to say (a timed assertion fails on a busy
    // machine); printed for whoever runs it.
    eprintln!("9 MB line parsed in {took:?}");
}

#[test]
fn a_page_of_headings_only_has_no_articles_and_keeps_all_text() {
    let text = "团结奋斗开新局\n\n惠州市总工会\n\n举办职工篮球赛\n\n梅州工会开展“送温暖”活动\n\n## 阳江市江城区总工会\n\n## 慰问一线环卫工人\n\n东莞长安镇总工会\n\n";
    let page = parse_page("heads", "pages/heads.txt", text.as_bytes()).unwrap();
    assert!(
        page.articles.is_empty(),
        "no 本报讯, yet articles: {:?}",
        page.articles
    );
    let kept = format!("{}{}", page.banners.concat(), page.unplaced.concat());
    assert_eq!(alnum(text), alnum(&kept), "text lost");
}

#[test]
fn ten_thousand_leads_make_ten_thousand_articles() {
    let cities = ["惠州市", "东莞市", "梅州市", "阳江市", "清远市"];
    let mut text = String::new();
    for i in 0..10_000 {
        let c = cities[i % cities.len()];
        text.push_str(&format!(
            "本报讯 近日，{c}总工会开展第{i}期职工素质提升培训，参训职工{}人。\n\n",
            i % 97 + 3
        ));
    }
    let started = Instant::now();
    let page = parse_page("many", "pages/many.txt", text.as_bytes()).unwrap();
    let took = started.elapsed();
    assert_eq!(page.articles.len(), 10_000);
    assert!(
        page.articles[9_999]
            .paragraphs
            .concat()
            .contains("第9999期"),
        "last article's body: {:?}",
        page.articles[9_999].paragraphs
    );
    let ids: std::collections::HashSet<&str> =
        page.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 10_000, "article ids not unique");
    eprintln!("10,000 leads parsed in {took:?}");
}

fn control_chars(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            if let Some(c) = s.chars().find(|&c| c.is_control() && c != '\n') {
                out.push(format!("{path}: {c:?} in {s:?}"));
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                control_chars(x, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                control_chars(x, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn control_characters_and_escape_sequences_never_survive() {
    let text = "\u{1b}[2J\u{1b}]0;title\u{7}惠州市总工会\u{1b}[31m\n\n\
        举办\u{8}\u{8}职工\u{7f}技能大赛\n\n\
        本报讯（全媒体记者\u{1b}[1m李明\u{1b}[0m 通讯员惠工宣）12月3日，惠州市总工会\u{9b}31m举办职工技能大赛，\u{c}\u{b}\r\u{85}参赛职工300余人。\n\n\
        ■比赛现场\u{1b}P\u{1b}\\。 单位供图\u{0e}\n\n\
        大赛设置电工、焊工等\u{1}\u{2}\u{3}项目。\u{1b}[?1049h\n\n\
        （惠\u{1b}c工）\n";
    let page = parse_page("ctl", "pages/ctl.txt", text.as_bytes()).unwrap();
    assert!(
        page.warnings.iter().any(|w| w.contains("pages/ctl.txt")),
        "no warning about control characters: {:?}",
        page.warnings
    );
    let mut found = Vec::new();
    let mut page_json = serde_json::to_value(&page).unwrap();
    page_json["articles"] = serde_json::to_value(&page.articles).unwrap();
    control_chars(&page_json, "page", &mut found);
    assert!(found.is_empty(), "control characters survive: {found:#?}");
    assert_eq!(page.articles.len(), 1, "{:?}", page.articles);
}

#[test]
fn a_lone_lead_marker_is_an_article_or_kept() {
    for text in [
        "本报讯",
        "本报讯（",
        "本报讯（全媒体记者",
        "本报讯）12月",
        "■",
        "（）",
        "（惠工）",
    ] {
        let page = parse_page("tiny", "pages/tiny.txt", text.as_bytes()).unwrap();
        assert_eq!(alnum(text), alnum(&shown(&page)), "{text:?}: text lost");
    }
}
