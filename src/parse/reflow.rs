//! Reflow: body lines joined into paragraphs, column breaks mended, OCR letter-spacing
//! removed. Decides where a paragraph ends in each layout. Only white space is ever dropped.

use super::lines::{is_cjk, Line};

/// A page line is a paragraph of its own (the paragraph layout) when it is this wide.
pub const PARAGRAPH_LINE_WIDTH: usize = 60;

/// The typical width of a column of lines: the median width of the lines that do not end
/// a sentence (a paragraph's inner lines run the full column).
#[must_use]
pub fn column_width(lines: &[&Line<'_>]) -> usize {
    // Where paragraph-long lines carry most of the text, this is the paragraph layout: the
    // short lines are headings, not a column.
    let total: usize = lines.iter().map(|l| l.width).sum();
    let long: usize = lines
        .iter()
        .filter(|l| l.width >= PARAGRAPH_LINE_WIDTH)
        .map(|l| l.width)
        .sum();
    if long * 2 > total {
        return PARAGRAPH_LINE_WIDTH;
    }
    let mut w: Vec<usize> = lines
        .iter()
        .filter(|l| !l.sentence_end)
        .map(|l| l.width)
        .collect();
    if w.is_empty() {
        w = lines.iter().map(|l| l.width).collect();
    }
    w.sort_unstable();
    w.get(w.len() / 2).copied().unwrap_or(0)
}

/// Whether the paragraph ends after `line`, given the line after it (if any) and the column
/// width of the text around it.
#[must_use]
pub fn ends_paragraph(line: &Line<'_>, next: Option<&Line<'_>>, column: usize) -> bool {
    if !line.sentence_end {
        return false;
    }
    let Some(next) = next else { return true };
    if line.width >= PARAGRAPH_LINE_WIDTH || next.width >= PARAGRAPH_LINE_WIDTH {
        return true;
    }
    // In a column, a sentence that ends exactly at the edge goes on when the next line also
    // runs the full column; a paragraph's first line is shorter by its dropped indent.
    let full = column.saturating_sub(1)..=column + 6;
    !(full.contains(&line.width) && full.contains(&next.width) && column > 0)
}

/// Joins the lines of one paragraph and removes letter-spacing.
#[must_use]
pub fn join_lines(lines: &[&str]) -> String {
    let known: Vec<(&str, bool)> = lines
        .iter()
        .map(|l| (*l, super::lines::has_whitespace(l)))
        .collect();
    join_spaced_lines(&known)
}

/// [`join_lines`] for lines that come with whether they hold white space (`false` only
/// where a line has none).
#[must_use]
pub fn join_spaced_lines(lines: &[(&str, bool)]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|(l, _)| l.len()).sum());
    for &(l, spaced) in lines {
        let l = super::lines::trim(l);
        if let (Some(a), Some(b)) = (out.chars().next_back(), l.chars().next()) {
            if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                out.push(' ');
            }
        }
        if spaced {
            push_despaced(&mut out, l);
        } else {
            out.push_str(l);
        }
    }
    out
}

/// Joins a lead paragraph: like [`join_lines`], but the parenthesis after the lead marker
/// keeps single spaces, which separate the names in it (`通讯员钟洋 陈琳`), and a space
/// follows the marker where no parenthesis does (`本报讯 近日，…`).
#[must_use]
pub fn join_lead(lines: &[&str]) -> String {
    let mut raw = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        let l = super::lines::trim(l);
        if let (Some(a), Some(b)) = (raw.chars().next_back(), l.chars().next()) {
            if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                raw.push(' ');
            }
        }
        raw.push_str(l);
    }
    let Some(marker) = super::lines::lead_marker_at_start(&raw) else {
        return despace(&raw);
    };
    let rest = super::lines::trim(&raw[marker..]);
    let head = &raw[..marker];
    // The people keep their spaces, with or without parentheses (`记者 梁某 通讯员 叶某`).
    let people_end = if rest.starts_with(['（', '(']) {
        rest.find(['）', ')'])
            .map(|close| close + rest[close..].chars().next().map_or(1, char::len_utf8))
    } else {
        super::lines::people_span(rest).map(|p| p.end)
    };
    if let Some(end) = people_end {
        let people = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
        let gap = if head.is_empty() || rest.starts_with(['（', '(']) {
            ""
        } else {
            " "
        };
        let after = despace(&rest[end..]);
        let gap2 = if after.is_empty() || people.ends_with(['）', ')', '：', ':']) {
            ""
        } else {
            " "
        };
        return format!("{head}{gap}{people}{gap2}{after}");
    }
    if rest.is_empty() || head.is_empty() {
        return format!("{head}{}", despace(rest));
    }
    format!("{head} {}", despace(rest))
}

/// Removes OCR letter-spacing: white space next to a CJK character goes; a single space
/// between two Latin words or numbers stays.
#[must_use]
pub fn despace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_despaced(&mut out, s);
    out
}

/// Appends `s` to `out` with letter-spacing removed (see [`despace`]).
fn push_despaced(out: &mut String, s: &str) {
    if !super::lines::has_whitespace(s) {
        out.push_str(s);
        return;
    }
    // The runs between white space, copied whole; a run after white space gets one space
    // in front only between two non-CJK characters.
    let mut runs = s.split(char::is_whitespace);
    if let Some(first) = runs.next() {
        out.push_str(first);
    }
    for run in runs {
        let Some(c) = run.chars().next() else {
            continue;
        };
        let keep = out.chars().next_back().is_some_and(|a| !is_cjk(a)) && !is_cjk(c);
        if keep {
            out.push(' ');
        }
        out.push_str(run);
    }
}

/// A heading line cleaned: white space collapsed to single spaces (they can be meaningful:
/// 从严从简 扎实推进…), but letter-spaced headings (湛 江 市 总 工 会) closed up.
#[must_use]
pub fn clean_heading(s: &str) -> String {
    let tokens: Vec<&str> = s.split_whitespace().collect();
    let singles = tokens.iter().filter(|t| t.chars().count() == 1).count();
    if tokens.len() >= 4 && singles * 3 >= tokens.len() * 2 {
        return despace(s);
    }
    tokens.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_spacing_goes() {
        assert_eq!(despace("总 工 会 成 立"), "总工会成立");
        assert_eq!(despace("共 18 个特色"), "共18个特色");
        assert_eq!(despace("12 月 9 日至 13 日"), "12月9日至13日");
        assert_eq!(despace("CPR 应急 TCL Model 3"), "CPR应急TCL Model 3");
    }

    #[test]
    fn joins_column_lines() {
        assert_eq!(join_lines(&["以创", "新探索"]), "以创新探索");
        assert_eq!(join_lines(&["Model", "3 车型"]), "Model 3车型");
    }

    #[test]
    fn headings_keep_meaningful_spaces() {
        assert_eq!(
            clean_heading("从严从简  扎实推进节约型工会机关建设"),
            "从严从简 扎实推进节约型工会机关建设"
        );
        assert_eq!(clean_heading("湛 江 市 总 工 会"), "湛江市总工会");
    }
}
