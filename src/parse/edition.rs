//! A page's edition: the date it was printed, its page number and its section (第4版 工会),
//! read from its masthead banner (`南方工报 2025年5月30日 星期五 第4版 工会`, cut across
//! column lines or not, with or without `## `) or from its file name (`2025-05-30_04.txt`,
//! `20250530-4.txt`, `2025-05-30/04.txt`). Also gives the page's articles whose lead prints
//! no year the edition's year.
//!
//! Pure functions on the page the parser built; no I/O. It never moves text: the masthead
//! stays among the page's banners, where the parser put it.

use crate::model::{Date, Edition, EditionFrom, Page};

/// How many banners in a row a masthead may be cut into (a narrow column cuts it in three).
const MAX_MASTHEAD_BANNERS: usize = 3;

/// The longest section name beside a page number (`工会`, `要闻`, `职工文化`).
const MAX_SECTION_CHARS: usize = 6;

/// Reads the page's edition from its banners and its `source` path, gives its articles their
/// year from it, and notes on the page where banner and file name disagree.
pub fn stamp(page: &mut Page) {
    let from_banner = from_banners(&page.banners.iter().collect::<Vec<_>>());
    let from_name = from_file_name(&page.source);
    if let (Some(b), Some(n)) = (&from_banner, &from_name) {
        if b.date.is_some() && n.date.is_some() && b.date != n.date
            || b.page.is_some() && n.page.is_some() && b.page != n.page
        {
            page.warnings.push(format!(
                "{}: the masthead says {} but the file name {}; the masthead is taken",
                page.source,
                describe(b),
                describe(n)
            ));
        }
    }
    page.edition = merge(from_banner, from_name);
    let Some(date) = page.edition.as_ref().and_then(|e| e.date) else {
        return;
    };
    for a in &mut page.articles {
        if let Some(d) = a
            .date
            .as_mut()
            .filter(|d| d.year.is_none() || d.year_inferred)
        {
            // A lead reports what happened before the paper printed it: a month and day
            // after the edition's are of the year before.
            let year = if (d.month, d.day) > (date.month, date.day) {
                date.year - 1
            } else {
                date.year
            };
            if d.year.is_none() || d.year == Some(year) {
                d.year = Some(year);
                d.year_inferred = false;
            }
        }
    }
}

fn describe(e: &Edition) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(e.date.map(|d| d.to_string()));
    parts.extend(e.page.map(|n| format!("第{n}版")));
    parts.join(" ")
}

/// The banner's edition, filled in from the file name's.
fn merge(banner: Option<Edition>, name: Option<Edition>) -> Option<Edition> {
    match (banner, name) {
        (Some(b), Some(n)) => Some(Edition {
            date: b.date.or(n.date),
            page: b.page.or(n.page),
            section: b.section.or(n.section),
            from: EditionFrom::Both,
        }),
        (b, n) => b.or(n),
    }
}

/// The edition a masthead among `banners` gives: the first run of up to three banners in a
/// row that reads as a whole as a masthead; of the runs starting at one banner, the one
/// giving the most (date, page number, section), the shortest at a tie.
#[must_use]
pub fn from_banners<S: AsRef<str>>(banners: &[S]) -> Option<Edition> {
    for start in 0..banners.len() {
        let mut best: Option<(usize, Edition)> = None;
        let mut joined = String::new();
        let mut raw = String::new();
        for b in banners.iter().skip(start).take(MAX_MASTHEAD_BANNERS) {
            let b = b.as_ref().trim_start_matches('#');
            joined.extend(b.chars().filter(|c| !c.is_whitespace()));
            raw.push_str(b.trim());
            raw.push(' ');
            if let Some(e) = masthead(&joined).filter(|e| set_apart(e, &raw)) {
                let score = usize::from(e.date.is_some())
                    + usize::from(e.page.is_some())
                    + usize::from(e.section.is_some());
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, e));
                }
            }
        }
        if let Some((_, e)) = best {
            return Some(e);
        }
    }
    None
}

/// Whether a page number without a date stands apart from its section in `raw` (as printed):
/// `第4版 工会` is a page's banner, `第4版的文章` a heading.
fn set_apart(e: &Edition, raw: &str) -> bool {
    if e.date.is_some() || e.section.is_none() {
        return true;
    }
    raw.split_once('版')
        .is_some_and(|(_, after)| after.starts_with(char::is_whitespace))
}

/// A masthead with its white space removed: the paper's name, the date and weekday, the
/// page number and its section, in the paper's order or with the page first
/// (`第4版工会2025年5月30日星期五`). Every character must be one of these; it needs a date
/// and a page number, or the paper's name and a date, or to be a page number (and section)
/// alone.
fn masthead(s: &str) -> Option<Edition> {
    let mut rest = s;
    let mut paper = false;
    let mut date = None;
    let mut page = None;
    let mut section = None;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix(crate::render::PAPER) {
            if paper {
                return None;
            }
            paper = true;
            rest = r;
        } else if let Some((d, r)) = chinese_date(rest) {
            if date.is_some() {
                return None;
            }
            date = Some(d);
            rest = weekday(r);
        } else if let Some((n, r)) = page_number(rest) {
            if page.is_some() {
                return None;
            }
            page = Some(n);
            // The section follows the page number: Chinese up to the date or the end.
            let len: usize = r
                .chars()
                .take_while(|c| is_han(*c))
                .map(char::len_utf8)
                .sum();
            let name = &r[..len];
            if name.chars().count() > MAX_SECTION_CHARS || name.starts_with(crate::render::PAPER) {
                return None;
            }
            if !name.is_empty() {
                section = Some(name.to_string());
            }
            rest = &r[len..];
        } else {
            return None;
        }
    }
    let alone = !paper && date.is_none() && s.starts_with('第');
    ((date.is_some() && page.is_some()) || (paper && date.is_some()) || (alone && page.is_some()))
        .then_some(Edition {
            date,
            page,
            section,
            from: EditionFrom::Banner,
        })
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Leading ASCII (or full-width) digits as a number, and the rest.
fn number(s: &str) -> Option<(u32, &str)> {
    let mut n: u32 = 0;
    let mut len = 0;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => break,
        };
        n = n.checked_mul(10)?.checked_add(d)?;
        len += c.len_utf8();
    }
    (len > 0).then(|| (n, &s[len..]))
}

/// `2025年5月30日` and the rest.
fn chinese_date(s: &str) -> Option<(Date, &str)> {
    let (y, r) = number(s)?;
    let r = r.strip_prefix('年')?;
    let (m, r) = number(r)?;
    let r = r.strip_prefix('月')?;
    let (d, r) = number(r)?;
    let r = r.strip_prefix('日').or_else(|| r.strip_prefix('号'))?;
    Some((Date::new(i32::try_from(y).ok()?, m, d)?, r))
}

/// `星期五`, `周五` or `礼拜五` skipped.
fn weekday(s: &str) -> &str {
    for p in ["星期", "礼拜", "周"] {
        if let Some(r) = s.strip_prefix(p) {
            if let Some(c) = r.chars().next().filter(|c| "一二三四五六日天".contains(*c)) {
                return &r[c.len_utf8()..];
            }
        }
    }
    s
}

/// `第4版` or `第四版` (up to 99) and the rest.
fn page_number(s: &str) -> Option<(u32, &str)> {
    let r = s.strip_prefix('第')?;
    let (n, r) = number(r).or_else(|| chinese_number(r))?;
    let r = r.strip_prefix('版')?;
    (1..100).contains(&n).then_some((n, r))
}

/// 一 to 九十九 and the rest.
fn chinese_number(s: &str) -> Option<(u32, &str)> {
    const DIGITS: &str = "〇一二三四五六七八九";
    let digit = |c: char| {
        DIGITS
            .chars()
            .position(|d| d == c)
            .and_then(|p| u32::try_from(p).ok())
    };
    let chars: Vec<char> = s.chars().take(3).collect();
    let (n, used) = match chars.as_slice() {
        [a, '十', b, ..] if digit(*a).is_some() && digit(*b).is_some() => {
            (digit(*a)? * 10 + digit(*b)?, 3)
        }
        [a, '十', ..] if digit(*a).is_some() => (digit(*a)? * 10, 2),
        ['十', b, ..] if digit(*b).is_some() => (10 + digit(*b)?, 2),
        ['十', ..] => (10, 1),
        [a, ..] => (digit(*a)?, 1),
        [] => return None,
    };
    let len: usize = chars[..used].iter().map(|c| c.len_utf8()).sum();
    (n > 0).then(|| (n, &s[len..]))
}

/// The edition a page's path names: `2025-05-30_04.txt`, `20250530-4.txt`,
/// `2025-05-30/04.txt` (a dated folder holding numbered pages), each optionally with a
/// section after the number (`2025-05-30_04_工会.txt`). `seed:` sources are named the same
/// way.
#[must_use]
pub fn from_file_name(source: &str) -> Option<Edition> {
    let source = source.strip_prefix("seed:").unwrap_or(source);
    let mut parts = source.rsplit(['/', '\\']);
    let file = parts.next()?;
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let (date, page, section) = if let Some((date, r)) = dashed_date(stem) {
        let r = r.strip_prefix(['_', '-', ' '])?;
        let (n, section) = page_and_section(r)?;
        (date, n, section)
    } else {
        let (date, r) = dashed_date(parts.next()?)?;
        if !r.is_empty() {
            return None;
        }
        let (n, section) = page_and_section(stem)?;
        (date, n, section)
    };
    Some(Edition {
        date: Some(date),
        page: Some(page),
        section,
        from: EditionFrom::FileName,
    })
}

/// `2025-05-30`, `2025_05_30` or `20250530` at the start, and the rest.
fn dashed_date(s: &str) -> Option<(Date, &str)> {
    let digits = |s: &str, n: usize| -> Option<u32> {
        let d = s.get(..n)?;
        d.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| d.parse().ok())?
    };
    let y = digits(s, 4)?;
    let r = &s[4..];
    let sep = r.starts_with(['-', '_', '.']);
    let r = if sep { &r[1..] } else { r };
    let m = digits(r, 2)?;
    let r = &r[2..];
    let r = if sep {
        r.strip_prefix(['-', '_', '.'])?
    } else {
        r
    };
    let d = digits(r, 2)?;
    let r = &r[2..];
    if r.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((Date::new(i32::try_from(y).ok()?, m, d)?, r))
}

/// `04`, `4`, `04_工会` (a page number of one or two digits, then a section).
fn page_and_section(s: &str) -> Option<(u32, Option<String>)> {
    let (n, r) = number(s)?;
    if s.len() - r.len() > 2 || !(1..100).contains(&n) {
        return None;
    }
    if r.is_empty() {
        return Some((n, None));
    }
    let name = r.strip_prefix(['_', '-', ' '])?;
    (!name.is_empty() && name.chars().count() <= MAX_SECTION_CHARS && name.chars().all(is_han))
        .then(|| (n, Some(name.to_string())))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn banners(lines: &[&str]) -> Option<Edition> {
        from_banners(&lines.iter().map(|s| (*s).to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn a_body_sentence_or_a_heading_is_no_masthead() {
        for lines in [
            &["2025年5月30日，江门市总工会召开第4版会议"][..],
            &["工会服务暖人心"],
            &["第4版的文章"],
            &["南方工报"],
            &["2025年5月30日"],
            &["南方工报 2025年2月30日 星期五 第4版"],
            &["第0版"],
        ] {
            assert_eq!(banners(lines), None, "{lines:?}");
        }
    }

    #[test]
    fn chinese_page_numbers() {
        for (s, n) in [
            ("第四版", 4),
            ("第十版", 10),
            ("第十二版", 12),
            ("第二十版", 20),
        ] {
            assert_eq!(banners(&[s]).and_then(|e| e.page), Some(n), "{s}");
        }
    }

    #[test]
    fn a_lead_without_a_year_takes_the_editions_and_the_year_before_past_it() {
        let text =
            "本报讯 12月28日，湛江市总工会举办活动。\n\n本报讯 1月2日，江门市总工会举办活动。\n";
        let page = crate::parse::parse_page("2025-01-03_02", "2025-01-03_02.txt", text.as_bytes())
            .unwrap();
        let years: Vec<_> = page
            .articles
            .iter()
            .map(|a| a.date.as_ref().map(|d| (d.year, d.year_inferred)))
            .collect();
        assert_eq!(
            years,
            [Some((Some(2024), false)), Some((Some(2025), false))]
        );
    }
}
