//! The comparator of parsed pages against expected output (the schema of the seeds'
//! `expected.json`: a top-level `{"articles": [...]}`).
//!
//! Comparisons ignore white space and treat full-width and half-width punctuation alike (see
//! [`normalize`]). Every mismatch of a page is collected, so one failing run shows them all.
#![allow(dead_code)]

use gongbao::model::Page;
use gongbao::parse::parse_page;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// A union body: one name, or a list of acceptable names.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Unions {
    One(String),
    Many(Vec<String>),
}

impl Unions {
    fn names(&self) -> Vec<String> {
        match self {
            Unions::One(s) => vec![s.clone()],
            Unions::Many(v) => v.clone(),
        }
    }
}

/// One expected article.
#[derive(Debug, Clone, Deserialize)]
pub struct Expected {
    pub page: String,
    pub heading: Vec<String>,
    #[serde(default)]
    pub optional: Vec<String>,
    pub city: Option<String>,
    /// Checked when present (`null` for none): the county-level unit, or the functional area.
    #[serde(default, deserialize_with = "present")]
    pub county: Option<Option<String>>,
    pub union: Option<Unions>,
    #[serde(default)]
    pub body_has: Vec<String>,
    pub body_end: String,
    pub byline: Option<String>,
    #[serde(default)]
    pub reporters: Vec<String>,
    #[serde(default)]
    pub correspondents: Vec<String>,
    pub date: Option<String>,
    #[serde(default)]
    pub captions: Vec<String>,
    /// Checked when present: each caption's credit (`韦丽华/摄`), or `null`.
    #[serde(default)]
    pub caption_credits: Option<Vec<Option<String>>>,
    /// How each paragraph starts, one entry a paragraph (where the page is about where
    /// paragraphs end): the count must match and each paragraph start with its entry.
    #[serde(default)]
    pub paragraph_starts: Option<Vec<String>>,
}

/// A field that, when present, is checked even when it is `null`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

#[derive(Debug, Clone, Deserialize)]
pub struct ExpectedFile {
    pub articles: Vec<Expected>,
}

/// Reads an expected file.
pub fn load(path: &Path) -> Vec<Expected> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let file: ExpectedFile = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not an expected file: {e}", path.display()));
    file.articles
}

/// Drops all white space, maps full-width ASCII forms (U+FF01–U+FF5E) to half-width, and
/// treats the curly quotes like the straight ones.
pub fn normalize(s: &str) -> String {
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

/// Month and day of a printed date such as `12月9日`, `12 月 9 日至 13 日` or `8月20日`.
pub fn month_day(text: &str) -> Option<(u64, u64)> {
    let t = normalize(text);
    let (m, rest) = t.split_once('月')?;
    let (d, _) = rest.split_once('日')?;
    let m: String = m.chars().rev().take_while(char::is_ascii_digit).collect();
    let m: String = m.chars().rev().collect();
    Some((m.parse().ok()?, d.parse().ok()?))
}

/// The exported JSON of a page's articles (what `export` prints for each article).
pub fn export(page: &Page) -> Vec<Value> {
    page.articles
        .iter()
        .map(|a| serde_json::to_value(a).expect("an article serializes"))
        .collect()
}

fn strings(v: &Value, field: &str) -> Vec<String> {
    v.get(field)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn string(v: &Value, field: &str) -> Option<String> {
    v.get(field).and_then(Value::as_str).map(str::to_string)
}

fn body(v: &Value) -> String {
    normalize(&strings(v, "paragraphs").concat())
}

fn heading_without_optional(v: &Value, optional: &[String]) -> String {
    let optional: Vec<String> = optional.iter().map(|o| normalize(o)).collect();
    strings(v, "heading")
        .iter()
        .map(|l| normalize(l))
        .filter(|l| !optional.contains(l))
        .collect()
}

fn label(a: &Value, i: usize) -> String {
    let heading = strings(a, "heading").join(" / ");
    let lead: String = strings(a, "paragraphs")
        .first()
        .map(|p| p.chars().take(24).collect())
        .unwrap_or_default();
    format!("#{i} [{heading}] «{lead}…»")
}

/// Does parsed article `a` match expected article `e` (by its lead phrase, else its heading)?
fn matches_by_body(a: &Value, e: &Expected) -> bool {
    e.body_has
        .first()
        .is_some_and(|p| body(a).contains(&normalize(p)))
}

fn matches_by_heading(a: &Value, e: &Expected) -> bool {
    let h = heading_without_optional(a, &e.optional);
    !h.is_empty() && h == normalize(&e.heading.concat())
}

/// Compares one parsed page with its expected articles; returns every mismatch found.
pub fn compare(page: &Page, page_file: &str, expected: &[Expected]) -> Vec<String> {
    let expected: Vec<&Expected> = expected.iter().filter(|e| e.page == page_file).collect();
    let actual = export(page);
    let mut out = Vec::new();
    if actual.len() != expected.len() {
        let found: Vec<String> = actual
            .iter()
            .enumerate()
            .map(|(i, a)| label(a, i))
            .collect();
        out.push(format!(
            "article count: expected {}, actual {} (parsed: {})",
            expected.len(),
            actual.len(),
            found.join("; ")
        ));
    }
    let mut used = vec![false; actual.len()];
    let mut last_index: Option<usize> = None;
    for (n, e) in expected.iter().enumerate() {
        let who = format!("article {n} «{}»", e.heading.join(" / "));
        let found = (0..actual.len())
            .find(|&i| !used[i] && matches_by_body(&actual[i], e))
            .or_else(|| (0..actual.len()).find(|&i| !used[i] && matches_by_heading(&actual[i], e)));
        let Some(i) = found else {
            out.push(format!(
                "{who}: not found (no parsed article has its lead phrase {:?} or its heading)",
                e.body_has.first()
            ));
            continue;
        };
        used[i] = true;
        if last_index.is_some_and(|l| i < l) {
            out.push(format!(
                "{who}: order: it is parsed article #{i}, after #{} (reading order broken)",
                last_index.unwrap_or(0)
            ));
        }
        last_index = Some(i);
        let a = &actual[i];
        let mut field = |name: &str, exp: &dyn std::fmt::Debug, act: &dyn std::fmt::Debug| {
            out.push(format!(
                "{who} (parsed {}): {name}: expected {exp:?}, actual {act:?}",
                label(a, i)
            ));
        };

        // Heading: optional lines may be dropped; the rest concatenated must match.
        let exp_heading = normalize(&e.heading.concat());
        let act_heading = heading_without_optional(a, &e.optional);
        if exp_heading != act_heading {
            field("heading", &e.heading, &strings(a, "heading"));
        }

        let city = string(a, "city");
        if city != e.city {
            field("city", &e.city, &city);
        }

        if let Some(county) = &e.county {
            let actual = string(a, "county");
            if &actual != county {
                field("county", county, &actual);
            }
        }

        if let Some(credits) = &e.caption_credits {
            let actual: Vec<Option<String>> = a
                .get("caption_credits")
                .and_then(Value::as_array)
                .map(|v| v.iter().map(|c| c.as_str().map(normalize)).collect())
                .unwrap_or_default();
            let expected: Vec<Option<String>> = credits
                .iter()
                .map(|c| c.as_deref().map(normalize))
                .collect();
            if actual != expected {
                field("caption_credits", credits, &actual);
            }
        }

        let union = string(a, "union");
        match &e.union {
            None => {
                if union.is_some() {
                    field("union", &None::<String>, &union);
                }
            }
            Some(u) => {
                let names = u.names();
                let ok = union
                    .as_deref()
                    .is_some_and(|x| names.iter().any(|n| normalize(n) == normalize(x)));
                if !ok {
                    field("union (any of)", &names, &union);
                }
            }
        }

        let b = body(a);
        for p in &e.body_has {
            if !b.contains(&normalize(p)) {
                field("body_has", p, &excerpt_around(&b, p));
            }
        }
        if !b.ends_with(&normalize(&e.body_end)) {
            let tail: String = {
                let chars: Vec<char> = b.chars().collect();
                chars[chars.len().saturating_sub(30)..].iter().collect()
            };
            field("body_end", &e.body_end, &format!("…{tail}"));
        }

        if let Some(starts) = &e.paragraph_starts {
            let paragraphs = strings(a, "paragraphs");
            let ok = paragraphs.len() == starts.len()
                && paragraphs
                    .iter()
                    .zip(starts)
                    .all(|(p, s)| normalize(p).starts_with(&normalize(s)));
            if !ok {
                let act: Vec<String> = paragraphs
                    .iter()
                    .map(|p| p.chars().take(12).collect())
                    .collect();
                field("paragraph_starts", starts, &act);
            }
        }

        let byline = string(a, "byline");
        if byline.as_deref().map(normalize) != e.byline.as_deref().map(normalize) {
            field("byline", &e.byline, &byline);
        }

        for list in ["reporters", "correspondents", "captions"] {
            let exp = match list {
                "reporters" => &e.reporters,
                "correspondents" => &e.correspondents,
                _ => &e.captions,
            };
            let act = strings(a, list);
            let en: Vec<String> = exp.iter().map(|x| normalize(x)).collect();
            let an: Vec<String> = act.iter().map(|x| normalize(x)).collect();
            if en != an {
                field(list, exp, &act);
            }
        }

        let date = a.get("date").filter(|d| !d.is_null());
        let act_md = date.map(|d| {
            (
                d.get("month").and_then(Value::as_u64).unwrap_or(0),
                d.get("day").and_then(Value::as_u64).unwrap_or(0),
            )
        });
        let exp_md = e.date.as_deref().map(|t| {
            month_day(t).unwrap_or_else(|| panic!("expected date {t:?} is not a month and day"))
        });
        if act_md != exp_md {
            let act_text = date.and_then(|d| d.get("text")).map(ToString::to_string);
            field("date", &e.date, &act_text);
        }
    }

    // Each optional line: in at most one article's heading, and if in none, a banner.
    let mut optional_lines: BTreeMap<String, String> = BTreeMap::new();
    for e in &expected {
        for o in &e.optional {
            optional_lines.insert(normalize(o), o.clone());
        }
    }
    for (norm, line) in &optional_lines {
        let holders: Vec<usize> = actual
            .iter()
            .enumerate()
            .filter(|(_, a)| strings(a, "heading").iter().any(|h| &normalize(h) == norm))
            .map(|(i, _)| i)
            .collect();
        let in_banners = page.banners.iter().any(|b| &normalize(b) == norm);
        if holders.len() > 1 {
            out.push(format!(
                "optional line {line:?}: in the headings of {} articles {holders:?}",
                holders.len()
            ));
        }
        if holders.is_empty() && !in_banners {
            out.push(format!(
                "optional line {line:?}: neither in a heading nor a banner (banners {:?}, unplaced {:?})",
                page.banners, page.unplaced
            ));
        }
    }
    out
}

fn excerpt_around(body: &str, phrase: &str) -> String {
    // Show where the phrase's first few characters occur, to help see what went wrong.
    let p = normalize(phrase);
    let head: String = p.chars().take(4).collect();
    if let Some(at) = body.find(&head) {
        let s: String = body[at..].chars().take(p.chars().count() + 10).collect();
        format!("…{s}…")
    } else {
        format!("(no «{head}» in body of {} chars)", body.chars().count())
    }
}

/// Parses `bytes` as page `page_file` and asserts it matches `expected`, with all mismatches in
/// one message.
pub fn assert_page(page_file: &str, bytes: &[u8], expected: &[Expected]) {
    let id = page_file.trim_end_matches(".txt");
    let page = parse_page(id, page_file, bytes)
        .unwrap_or_else(|e| panic!("{page_file}: does not parse: {e}"));
    let mismatches = compare(&page, page_file, expected);
    if !mismatches.is_empty() {
        let mut msg = format!("{page_file}: {} mismatches:\n", mismatches.len());
        for m in &mismatches {
            let _ = writeln!(msg, "  - {m}");
        }
        let _ = writeln!(msg, "  banners: {:?}", page.banners);
        let _ = writeln!(msg, "  unplaced: {:?}", page.unplaced);
        panic!("{msg}");
    }
}

#[test]
fn normalization_treats_punctuation_alike() {
    assert_eq!(
        normalize("（云安工）， ：；！？"),
        normalize("(云安工),:;!?")
    );
    assert_eq!(normalize("“新”‘邻’"), normalize("\"新\"'邻'"));
    assert_eq!(normalize("总 工 会\u{3000}成立"), "总工会成立");
    assert_eq!(month_day("12 月 9 日至 13 日"), Some((12, 9)));
    assert_eq!(month_day("8月20日"), Some((8, 20)));
}
