//! Reflow: body lines joined into paragraphs, column breaks mended, OCR letter-spacing
//! removed. Decides where a paragraph ends in each layout. Only white space is ever dropped.

use super::lines::{despace, is_cjk, letter_spaced, push_despaced, trim, Line};

/// A page line is a paragraph of its own (the paragraph layout) when it is this wide.
pub const PARAGRAPH_LINE_WIDTH: usize = 60;

/// The width of a column of lines: what a paragraph's inner lines run, read from the page
/// itself. Those lines do not end a sentence and are the widest of the text (a paragraph's
/// first line is short by its dropped indent, its last line and the headings are shorter), so
/// the column is the upper quartile of the widths of the lines that do not end a sentence,
/// closing punctuation hanging past the edge not counted.
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
    if long * 2 > total && !column_of_even_lines(lines) {
        return PARAGRAPH_LINE_WIDTH;
    }
    let mut w: Vec<usize> = lines
        .iter()
        .filter(|l| !l.sentence_end)
        .map(|l| inner_width(l))
        .collect();
    if w.is_empty() {
        w = lines.iter().map(|l| inner_width(l)).collect();
    }
    w.sort_unstable();
    w.get(w.len() * 3 / 4).copied().unwrap_or(0)
}

/// A line's width without the closing punctuation that hangs past a column's edge.
#[must_use]
pub fn inner_width(l: &Line<'_>) -> usize {
    l.width - usize::from(l.text.ends_with(HANGING))
}

/// Punctuation that may hang past a column's edge, as in print.
pub const HANGING: &[char] = &[
    '。', '，', '、', '；', '：', '！', '？', '”', '’', '）', '》', ',', '.', ';', ':', '!', '?',
    ')',
];

/// Whether the long lines of a text are a wide column rather than paragraphs: most lines that
/// do not end a sentence are of one width (within two cells), as a column's inner lines are;
/// paragraphs, one a line, have all widths.
fn column_of_even_lines(lines: &[&Line<'_>]) -> bool {
    let mut w: Vec<usize> = lines
        .iter()
        .filter(|l| !l.sentence_end && l.width + 8 >= PARAGRAPH_LINE_WIDTH)
        .map(|l| inner_width(l))
        .collect();
    if w.len() < 3 {
        return false;
    }
    w.sort_unstable();
    let top = w[w.len() * 3 / 4];
    let even = w.iter().filter(|&&x| x + 2 >= top && x <= top + 2).count();
    top < PARAGRAPH_LINE_WIDTH + 8 && even * 3 >= w.len() * 2
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
    let full = column.saturating_sub(2)..=column + 6;
    !(full.contains(&line.width) && full.contains(&next.width) && column > 0)
}

/// Joins the lines of one paragraph and removes letter-spacing. A line that ends with white
/// space had a space at its break; any other break was made by the column's edge, and the
/// two lines join without one (`202` / `4` is `2024`).
#[must_use]
pub fn join_lines(lines: &[&str]) -> String {
    let known: Vec<(&str, bool, bool)> = lines
        .iter()
        .map(|l| {
            (
                *l,
                super::lines::has_whitespace(l),
                l.ends_with(char::is_whitespace),
            )
        })
        .collect();
    join_spaced_lines(&known)
}

/// [`join_lines`] for lines that come with whether they hold white space (`false` only
/// where a line has none) and whether a space stood at their end.
#[must_use]
pub fn join_spaced_lines(lines: &[(&str, bool, bool)]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|(l, ..)| l.len()).sum());
    let mut space_before = false;
    for &(l, spaced, space_after) in lines {
        let l = super::lines::trim(l);
        if space_before {
            if let (Some(a), Some(b)) = (out.chars().next_back(), l.chars().next()) {
                if !is_cjk(a) && !is_cjk(b) {
                    out.push(' ');
                }
            }
        }
        space_before = space_after;
        if spaced {
            push_despaced(&mut out, l);
        } else {
            out.push_str(l);
        }
    }
    out
}

/// Joins a lead paragraph (each line with whether a space stood at its end): like
/// [`join_lines`], but the parenthesis after the lead marker
/// keeps single spaces, which separate the names in it (`通讯员钟洋 陈琳`), and a space
/// follows the marker where no parenthesis does (`本报讯 近日，…`).
#[must_use]
pub fn join_lead(lines: &[(&str, bool)]) -> String {
    let mut raw = String::with_capacity(lines.iter().map(|(l, _)| l.len() + 1).sum());
    let mut space_before = false;
    for &(l, space_after) in lines {
        let l = super::lines::trim(l);
        if space_before && !raw.is_empty() && !l.is_empty() {
            raw.push(' ');
        }
        space_before = space_after;
        if letter_spaced(l) {
            push_despaced(&mut raw, l);
        } else {
            raw.push_str(l);
        }
    }
    let Some(marker) = super::lines::lead_marker_at_start(&raw) else {
        return despace(&raw);
    };
    let rest = super::lines::trim(&raw[marker..]);
    let head = &raw[..marker];
    // The people keep their spaces, with or without parentheses (`记者 梁某 通讯员 叶某`).
    // (where the names end, where the people's text ends)
    let people_end = if rest.starts_with(['（', '(']) {
        rest.find(['）', ')']).map(|close| {
            let end = close + rest[close..].chars().next().map_or(1, char::len_utf8);
            (end, end)
        })
    } else {
        super::lines::people_span(rest).map(|p| (p.people.end, p.end))
    };
    if let Some((names, end)) = people_end {
        let mut people = rest[..names]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        // `报 道 ：` closed up, after a space only where one stood.
        let reported = &rest[names..end];
        if !trim(reported).is_empty() {
            if reported.starts_with(char::is_whitespace) {
                people.push(' ');
            }
            people.push_str(&despace(reported));
        }
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
        assert_eq!(join_lines(&["Model ", "3 车型"]), "Model 3车型");
        assert_eq!(join_lines(&["近20", "24年", "30", "0棵"]), "近2024年300棵");
        assert_eq!(
            join_lead(&[("本报讯（记者甲 通讯员乙 ", true), ("丙）近日", false)]),
            "本报讯（记者甲 通讯员乙 丙）近日"
        );
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
