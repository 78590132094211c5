#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Metamorphic tests: the same content printed differently parses to the same articles.
//!
//! - one set of articles rendered as a columns page (narrow columns, a blank line between
//!   printed lines, column width varying by article) and as a paragraph page (one paragraph per
//!   line, with a column break inside one paragraph), and as a markdown-like page;
//! - one page as UTF-8, UTF-8 with BOM and CRLF, GB18030 and UTF-16LE with BOM;
//! - a page printed in traditional characters and its simplified fold.

use gongbao::parse::parse_page;
use serde_json::Value;
use std::path::Path;

/// An article to print.
struct Story {
    heading: &'static [&'static str],
    paragraphs: &'static [&'static str],
    /// (paragraph, character offset, caption text): a photo caption printed inside the
    /// paragraph, cutting it at the offset.
    caption: Option<(usize, usize, &'static str)>,
    byline: Option<&'static str>,
    /// The heading is printed after the body (as on real pages).
    heading_after: bool,
    /// Column width in half-em cells (an ideograph is 2).
    width: usize,
}

const STORIES: &[Story] = &[
    Story {
        heading: &["惠州仲恺高新区总工会", "为新就业形态劳动者办实事"],
        paragraphs: &[
            "本报讯（全媒体记者温立群 通讯员惠工宣 叶嘉琪）11月22日，惠州仲恺高新区总工会在陈江街道举办新就业形态劳动者暖心服务日活动，为外卖配送员、网约车司机等300余名劳动者提供入会登记、免费理发和法律咨询等服务。",
            "活动现场设置了入会服务台、健康检测区和权益咨询区。工会干部向劳动者逐一讲解入会流程和会员普惠项目，当场为86名劳动者办理了入会手续。律师志愿者结合配送行业常见纠纷，解答了劳动合同签订、交通事故理赔等方面的疑问。",
            "据介绍，仲恺高新区总工会今年以来已建成户外劳动者服务站27个，推动辖区主要配送站点全部建立工会组织，下一步将把暖心服务日活动开进更多产业园区。",
        ],
        caption: Some((1, 41, "工会干部为外卖配送员办理入会手续。")),
        byline: None,
        heading_after: true,
        width: 30,
    },
    Story {
        heading: &["梅州市梅县区总工会", "举办职工羽毛球联赛"],
        paragraphs: &[
            "本报讯 10 月 18 日至 20 日，梅州市梅县区总工会在区体育馆举办第五届职工羽毛球联赛，来自全区机关、企事业单位的42支代表队近400名职工参赛。",
            "联赛设男子双打、女子双打和混合双打三个项目。赛场上，队员们奋力扣杀、默契配合，精彩对决赢得观众阵阵掌声。经过三天角逐，区人民医院代表队获得团体第一名。",
        ],
        caption: None,
        byline: Some("梅县工"),
        heading_after: false,
        width: 34,
    },
    Story {
        heading: &["东莞长安镇总工会送技能培训进车间"],
        paragraphs: &[
            "本报讯 近日，东莞市长安镇总工会联合镇职业技术学校，把数控车床操作和工业机器人运维两门培训课程送进辖区五金模具企业车间，首期培训吸引了160多名一线职工报名。",
            "培训采用“理论讲授加上机实操”方式，由企业技术骨干和学校老师共同授课，职工利用业余时间分批参训，考核合格后可获得相应的职业技能等级证书。",
            "长安镇总工会有关负责人表示，将根据企业用工需求持续调整培训内容，帮助更多职工提升技能、增加收入。",
        ],
        caption: None,
        byline: Some("陈晓敏"),
        heading_after: false,
        width: 28,
    },
    Story {
        heading: &["阳江市阳东区总工会", "开展户外劳动者冬季慰问"],
        paragraphs: &[
            "本报讯（记者周海燕 通讯员阳东工）12月10日，阳江市阳东区总工会走访慰问辖区环卫工人、快递员和建筑工人，为他们送去棉衣、保温杯和米油等慰问品，价值约8万元。",
            "慰问组每到一处，都详细询问劳动者的工作和生活情况，叮嘱大家在寒冷天气中注意防寒保暖和交通安全，并介绍了工会爱心驿站的分布和使用方法。",
        ],
        caption: None,
        byline: None,
        heading_after: false,
        width: 36,
    },
];

/// Printed width in half-em cells: ideographs 2, full-width punctuation and ASCII 1 (columns
/// are justified by compressing punctuation).
fn cells(c: char) -> usize {
    if c.is_ascii() || "，。、；：！？“”‘’（）《》—…·".contains(c) {
        1
    } else {
        2
    }
}

fn closes(c: char) -> bool {
    "，。、；：！？”’）》…".contains(c)
}

/// Breaks a paragraph into column lines: the first line two characters shorter, no line
/// starting with closing punctuation, no ASCII run split.
fn column_lines(p: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = p.chars().collect();
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut i = 0;
    while i < chars.len() {
        let limit = if lines.is_empty() { width - 4 } else { width };
        // The next unit: an ASCII run or one character.
        let mut j = i + 1;
        if chars[i].is_ascii_alphanumeric() {
            while j < chars.len() && chars[j].is_ascii_alphanumeric() {
                j += 1;
            }
        }
        let w: usize = chars[i..j].iter().map(|&c| cells(c)).sum();
        if used + w > limit && !line.is_empty() && !closes(chars[i]) {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        line.extend(&chars[i..j]);
        used += w;
        i = j;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Columns,
    Paragraphs,
    Markdown,
}

fn render(stories: &[Story], layout: Layout, headings_after: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    for s in stories {
        let after = headings_after && s.heading_after;
        let heading = |out: &mut Vec<String>| {
            for h in s.heading {
                out.push(if layout == Layout::Markdown {
                    format!("## {h}")
                } else {
                    (*h).to_string()
                });
            }
        };
        if !after {
            heading(&mut out);
        }
        for (pi, p) in s.paragraphs.iter().enumerate() {
            let mut p = (*p).to_string();
            let last = pi + 1 == s.paragraphs.len();
            // A trailing byline goes at the end of the last paragraph in the paragraph layouts.
            let trailing_byline = last && layout != Layout::Columns;
            if trailing_byline {
                if let Some(b) = s.byline {
                    p.push_str(&format!("（{b}）"));
                }
            }
            let caption = s.caption.filter(|c| c.0 == pi);
            match layout {
                Layout::Columns => {
                    let lines = column_lines(&p, s.width);
                    let mut seen = 0;
                    for l in lines {
                        seen += l.chars().count();
                        out.push(l);
                        if let Some((_, at, text)) = caption {
                            if seen >= at && seen - l_len(out.last()) < at {
                                out.push(format!("■{text} 单位供图"));
                            }
                        }
                    }
                }
                Layout::Paragraphs | Layout::Markdown => {
                    if let Some((_, at, text)) = caption {
                        let cut: usize = p.char_indices().nth(at).unwrap().0;
                        out.push(p[..cut].to_string());
                        out.push(format!("■{text}"));
                        out.push("单位供图".to_string());
                        out.push(p[cut..].to_string());
                    } else if pi == 1 && s.paragraphs.len() > 2 {
                        // A column break inside the paragraph.
                        let cut: usize = p.char_indices().nth(30).unwrap().0;
                        out.push(p[..cut].to_string());
                        out.push(p[cut..].to_string());
                    } else {
                        out.push(p);
                    }
                }
            }
        }
        if layout == Layout::Columns {
            if let Some(b) = s.byline {
                out.push(format!("（{b}）"));
            }
        }
        if after {
            heading(&mut out);
        }
    }
    let mut text = String::from("\n");
    for l in out {
        text.push_str(&l);
        text.push_str("\n\n");
    }
    text
}

fn l_len(l: Option<&String>) -> usize {
    l.map_or(0, |l| l.chars().count())
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The exported articles, minus what depends on the page and line, paragraphs without white
/// space; `punct` also maps the punctuation as the comparator does.
fn export(text: &str, punct: bool) -> Vec<Value> {
    let page = parse_page("m", "metamorphic.txt", text.as_bytes()).unwrap();
    page.articles
        .iter()
        .map(|a| {
            let mut v = serde_json::to_value(a).unwrap();
            let o = v.as_object_mut().unwrap();
            for k in ["id", "line", "page"] {
                o.remove(k);
            }
            let paragraphs: Vec<Value> = a
                .paragraphs
                .iter()
                .map(|p| Value::String(squeeze(p)))
                .collect();
            o.insert("paragraphs".into(), Value::Array(paragraphs));
            if punct {
                map_strings(&mut v);
            }
            v
        })
        .collect()
}

fn map_strings(v: &mut Value) {
    match v {
        Value::String(s) => *s = normalize(s),
        Value::Array(a) => a.iter_mut().for_each(map_strings),
        Value::Object(o) => o.values_mut().for_each(map_strings),
        _ => {}
    }
}

fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            c => c,
        })
        .collect()
}

fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '，' => ',',
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '；' => ';',
            c => c,
        })
        .collect()
}

/// Every difference between two exports, by article and field.
fn differences(a: &[Value], b: &[Value], names: (&str, &str)) -> Vec<String> {
    let mut out = Vec::new();
    if a.len() != b.len() {
        out.push(format!(
            "article count: {} {}, {} {}",
            names.0,
            a.len(),
            names.1,
            b.len()
        ));
    }
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let (xo, yo) = (x.as_object().unwrap(), y.as_object().unwrap());
        for (k, xv) in xo {
            let yv = yo.get(k).unwrap_or(&Value::Null);
            if xv != yv {
                out.push(format!(
                    "article {i} {k}: {} {xv}\n      {} {yv}",
                    names.0, names.1
                ));
            }
        }
    }
    out
}

fn assert_same(a: &str, b: &str, names: (&str, &str), punct: bool) {
    let (ea, eb) = (export(a, punct), export(b, punct));
    let d = differences(&ea, &eb, names);
    assert!(
        d.is_empty(),
        "{} and {} pages parse differently:\n  - {}\n--- {}:\n{a}\n--- {}:\n{b}",
        names.0,
        names.1,
        d.join("\n  - "),
        names.0,
        names.1
    );
    assert_eq!(ea.len(), STORIES.len(), "{}: article count", names.0);
}

#[test]
fn columns_and_paragraphs_agree_headings_first() {
    let cols = render(STORIES, Layout::Columns, false);
    let paras = render(STORIES, Layout::Paragraphs, false);
    assert_same(&cols, &paras, ("columns", "paragraphs"), false);
}

#[test]
fn columns_and_paragraphs_agree_heading_after_body() {
    let cols = render(STORIES, Layout::Columns, true);
    let paras = render(STORIES, Layout::Paragraphs, true);
    assert_same(&cols, &paras, ("columns", "paragraphs"), false);
}

#[test]
fn paragraphs_and_markdown_agree() {
    let paras = render(STORIES, Layout::Paragraphs, false);
    let md = render(STORIES, Layout::Markdown, false);
    assert_same(&paras, &md, ("paragraphs", "markdown"), false);
}

#[test]
fn full_and_half_width_punctuation_agree() {
    let paras = render(STORIES, Layout::Paragraphs, false);
    assert_same(
        &paras,
        &half_width(&paras),
        ("full-width", "half-width"),
        true,
    );
}

#[test]
fn column_width_does_not_matter() {
    let narrow: Vec<Story> = STORIES
        .iter()
        .map(|s| Story {
            width: 26,
            heading: s.heading,
            paragraphs: s.paragraphs,
            caption: s.caption,
            byline: s.byline,
            heading_after: s.heading_after,
        })
        .collect();
    let wide: Vec<Story> = STORIES
        .iter()
        .map(|s| Story {
            width: 38,
            heading: s.heading,
            paragraphs: s.paragraphs,
            caption: s.caption,
            byline: s.byline,
            heading_after: s.heading_after,
        })
        .collect();
    let a = render(&narrow, Layout::Columns, false);
    let b = render(&wide, Layout::Columns, false);
    assert_same(
        &a,
        &b,
        ("13-character columns", "19-character columns"),
        false,
    );
}

/// The full exported page (articles included) minus its encoding.
fn page_json(bytes: &[u8]) -> Value {
    let page = parse_page("e", "encodings.txt", bytes).unwrap();
    let mut v = serde_json::to_value(&page).unwrap();
    let o = v.as_object_mut().unwrap();
    o.remove("encoding");
    o.insert(
        "articles".into(),
        serde_json::to_value(&page.articles).unwrap(),
    );
    v
}

fn encodings_agree(name: &str, text: &str) {
    let utf8 = text.as_bytes().to_vec();
    let mut bom_crlf = vec![0xEF, 0xBB, 0xBF];
    bom_crlf.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let reference = page_json(&utf8);
    for (label, bytes) in [
        ("UTF-8 + BOM + CRLF", bom_crlf),
        ("GB18030", gb.into_owned()),
        ("UTF-16LE + BOM", utf16),
    ] {
        let other = page_json(&bytes);
        assert!(
            reference == other,
            "{name}: UTF-8 and {label} parse differently:\nUTF-8: {}\n{label}: {}",
            serde_json::to_string(&reference).unwrap(),
            serde_json::to_string(&other).unwrap()
        );
    }
    let gb_page = parse_page("e", "encodings.txt", &encoding_rs::GB18030.encode(text).0).unwrap();
    assert_eq!(gb_page.encoding, "GB18030", "{name}");
}

#[test]
fn encodings_agree_on_the_seed_pages() {
    for name in ["000_d566be7ab6327229.txt", "004_2725b99f7637a51a.txt"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(name);
        encodings_agree(name, &std::fs::read_to_string(path).unwrap());
    }
}

#[test]
fn encodings_agree_on_rendered_pages() {
    encodings_agree("columns", &render(STORIES, Layout::Columns, true));
    encodings_agree("paragraphs", &render(STORIES, Layout::Paragraphs, true));
}

/// Every string of a page's JSON folded to simplified script.
fn fold_strings(v: &mut Value) {
    match v {
        Value::String(s) => *s = gongbao::text::script::simplified(s).into_owned(),
        Value::Array(a) => a.iter_mut().for_each(fold_strings),
        Value::Object(o) => o.values_mut().for_each(fold_strings),
        _ => {}
    }
}

/// A page printed in traditional characters parses as its simplified fold does: the same
/// articles, city, union body and people; its text differs only by script.
#[test]
fn traditional_and_simplified_agree() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages/p30_traditional_paragraphs.txt");
    let traditional = std::fs::read_to_string(path).unwrap();
    let simplified = gongbao::text::script::simplified(&traditional).into_owned();
    assert_ne!(traditional, simplified);
    let mut t = page_json(traditional.as_bytes());
    let s = page_json(simplified.as_bytes());
    assert_eq!(t["articles"].as_array().unwrap().len(), 3);
    fold_strings(&mut t);
    assert!(
        t == s,
        "traditional: {}\nsimplified: {}",
        serde_json::to_string(&t).unwrap(),
        serde_json::to_string(&s).unwrap()
    );
}
