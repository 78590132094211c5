//! The nothing-lost check, shared by the property tests (`tests/props.rs`), the kept fuzz
//! corpus (`tests/fuzz_corpus.rs`) and the `parse_page` fuzz target (`fuzz/`): for a page that
//! parses, the multiset of alphanumeric characters of the decoded input equals the multiset
//! over everything the page's output shows (every article's heading lines, paragraphs,
//! captions, caption credits and byline, plus the page's banners and unplaced text).
//! Reporters and correspondents are copies from the lead and are not counted.
#![allow(dead_code)]

use gongbao::model::Page;
use gongbao::parse::{decode::decode, parse_page};
use std::collections::BTreeMap;

pub fn alnum(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in s.chars().filter(|c| c.is_alphanumeric()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// Everything the output of a page shows.
pub fn shown(page: &Page) -> String {
    let mut s = String::new();
    for a in &page.articles {
        for t in a.heading.iter().chain(&a.paragraphs).chain(&a.captions) {
            s.push_str(t);
            s.push('\n');
        }
        for c in a.caption_credits.iter().flatten() {
            s.push_str(c);
            s.push('\n');
        }
        if let Some(b) = &a.byline {
            s.push_str(b);
            s.push('\n');
        }
    }
    for t in page.banners.iter().chain(&page.unplaced) {
        s.push_str(t);
        s.push('\n');
    }
    s
}

/// The difference between two multisets, as `+c×n` (shown but not in the input) and `-c×n`
/// (in the input but lost).
pub fn diff(input: &BTreeMap<char, usize>, output: &BTreeMap<char, usize>) -> String {
    let mut d = Vec::new();
    for (c, &n) in input {
        let m = output.get(c).copied().unwrap_or(0);
        if m < n {
            d.push(format!("-{c}×{}", n - m));
        }
    }
    for (c, &m) in output {
        let n = input.get(c).copied().unwrap_or(0);
        if m > n {
            d.push(format!("+{c}×{}", m - n));
        }
    }
    d.join(" ")
}

/// Parses `bytes`; where it parses, checks that nothing is lost or invented.
pub fn check_nothing_lost(name: &str, bytes: &[u8]) -> Result<(), String> {
    let Ok(page) = parse_page("p", name, bytes) else {
        return Ok(());
    };
    let decoded = decode(name, bytes).map_err(|e| format!("parses but does not decode: {e}"))?;
    let input = alnum(&decoded.text);
    let output = alnum(&shown(&page));
    if input == output {
        Ok(())
    } else {
        Err(format!(
            "{name}: alphanumerics differ: {}",
            diff(&input, &output)
        ))
    }
}
