//! Reflow: body lines joined into paragraphs, column breaks mended, OCR letter-spacing
//! removed. Decides where a paragraph ends in each layout. Only white space is ever dropped.
//!
//! Past 600 lines with its tests (some 550 without): a page's column reads and the paragraph
//! ends they decide share the width constants and the line measures (`inner_width`,
//! `is_full`); split in two, each half would reach into the other's.

use super::lines::{despace, is_cjk, letter_spaced, push_despaced, trim, Line};

/// A page line is a paragraph of its own (the paragraph layout) when it is this wide.
pub const PARAGRAPH_LINE_WIDTH: usize = 60;

/// The width of a column of lines, read from the page itself: what a paragraph's inner lines
/// run; `None` where paragraph-long lines carry most of the text (the paragraph layout: a
/// line is a paragraph, the short lines are headings).
///
/// Inner lines do not end a sentence and are the widest lines of the body: a paragraph's
/// first line is short by its dropped indent, its last line and the headings are shorter. So
/// the column is the widest width that two such lines reach (within two cells: a line may
/// stop a cell short of the edge, or carry opening punctuation down), closing punctuation
/// hanging past the edge not counted. Only the body is measured: the lines after the span's
/// last sentence end are headings (of the next article, or of this one printed after it).
#[must_use]
pub fn column_width(lines: &[&Line<'_>]) -> Option<usize> {
    read_column(lines).map(|c| c.width)
}

/// A column's width as its own lines read it ([`column_width`]), with the widest the column
/// can be for those lines to have broken where they did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnRead {
    /// The width read ([`column_width`]): no line of the column runs past it.
    pub width: usize,
    /// The widest the column can be: a line cut inside a word before an ideograph stopped
    /// because that ideograph did not fit, so the column is less than the line and two
    /// cells (and its indent, on a paragraph's first line). `width` where no line says.
    pub most: usize,
    /// Whether a line of the body stops short of a sentence's end (a line the column's edge
    /// cut): lines that all end a sentence show no column, only how wide it is at least.
    pub measured: bool,
    /// The narrowest the column can be: no line runs past it, and the lead's first line, a
    /// paragraph's first line, is short of it by its dropped indent.
    pub least: usize,
}

/// [`column_width`] with the widest column the lines allow ([`ColumnRead::most`]).
#[must_use]
pub fn read_column(lines: &[&Line<'_>]) -> Option<ColumnRead> {
    if paragraph_lines(lines) {
        return None;
    }
    Some(read_as_column(lines))
}

/// Whether paragraph-long lines carry most of a text and are not a wide column's even lines.
fn paragraph_lines(lines: &[&Line<'_>]) -> bool {
    let total: usize = lines.iter().map(|l| l.width).sum();
    let long: usize = lines
        .iter()
        .filter(|l| l.width >= PARAGRAPH_LINE_WIDTH)
        .map(|l| l.width)
        .sum();
    long * 2 > total && !column_of_even_lines(lines)
}

/// [`read_column`] of lines taken for a column whatever their widths.
fn read_as_column(lines: &[&Line<'_>]) -> ColumnRead {
    // The body ends at its last sentence, or at a byline after it, whole (`…大赛。(仲恺工)`)
    // or cut by the edge (`…大赛。(` / `仲恺工)`).
    let closes = |k: usize| {
        let l = lines[k];
        l.sentence_end
            || super::lines::trailing_byline(l.text).is_some()
            || lines
                .get(k + 1)
                .is_some_and(|n| super::lines::split_byline(l.text, n.text).is_some())
    };
    let closing = (0..lines.len()).rev().find(|&k| closes(k));
    let body_end = closing.map_or(lines.len(), |k| k + 1);
    let body = &lines[..body_end];
    // The widths of the lines that show the column (see below).
    let mut shown: Vec<usize> = Vec::new();
    let mut measured = false;
    // The widest column the body's breaks allow. A line cut inside a word (it ends with an
    // ideograph, a letter or a digit) before an ideograph broke there because the ideograph
    // did not fit: the column is narrower than the line and two cells. Only lines known to
    // be a first or an inner line say how wide: the lead's first line is a paragraph's first
    // line (short by its indent), and a line after a line cut inside a word is an inner one.
    let mut most = usize::MAX;
    let mut after_cut = false;
    for (k, l) in body.iter().enumerate() {
        // (The line that closes the body ends a sentence or carries a byline: not measured.)
        if !l.sentence_end && closing != Some(k) {
            shown.push(inner_width(l));
            measured = true;
        }
        let cut = ends_in_word(l.text);
        if cut
            && body
                .get(k + 1)
                .is_some_and(|n| starts_with_ideograph(n.text))
        {
            if k == 0 {
                most = most.min(l.width + 1 + INDENT);
            } else if after_cut {
                most = most.min(l.width + 1);
            }
        }
        after_cut = cut;
    }
    // Where two lines or more after the first show the column narrower than the first line
    // and an indent, no indent was dropped (a page typed without one; see `lead` below).
    let first_shown = body
        .first()
        .is_some_and(|l| !l.sentence_end && closing != Some(0));
    let no_indent = body.first().is_some_and(|first| {
        let rest = &shown[usize::from(first_shown)..];
        rest.len() >= 2
            && rest
                .iter()
                .all(|&w| w + FULL_SLACK < inner_width(first) + INDENT)
    });
    // One line wider than all the others by more than an ideograph is no column's (a lead
    // typed on one line, an OCR line run on): where three lines or more show the column, the
    // widest of the rest does.
    let outlier = widest_alone(&mut shown);
    let widest = if measured {
        shown.iter().copied().max().unwrap_or(0)
    } else {
        lines.iter().map(|l| inner_width(l)).max().unwrap_or(0)
    };
    // The lead's first line is a paragraph's first line, short by its dropped indent: the
    // column is wider (where no paragraph runs past two lines, no line shows the column).
    // Without a dropped indent, the first line is as wide as the others.
    let lead = match body {
        [first, second, ..]
            if !first.sentence_end
                && second.kind != super::lines::Kind::Lead
                && outlier != Some(inner_width(first))
                && !no_indent =>
        {
            inner_width(first) + INDENT
        }
        _ => 0,
    };
    let width = widest.max(lead);
    // A bound narrower than the width read is no bound (a paragraph that ends without
    // punctuation); the range is a cell or two at most.
    let most = if most == usize::MAX || most < width {
        width
    } else {
        most.min(width + FULL_SLACK)
    };
    let least = lines
        .first()
        .map_or(width, |l| width.max(inner_width(l) + INDENT));
    ColumnRead {
        width,
        most,
        measured,
        least,
    }
}

/// The column of each article's body (from its lead to the next lead), in page order: read
/// from its own lines, then settled against the page's other articles
/// ([`settle_columns`]).
#[must_use]
pub fn page_columns(lines: &[Line<'_>]) -> Vec<Option<usize>> {
    use super::lines::Kind;
    let mut reads = Vec::new();
    let mut span: Vec<&Line<'_>> = Vec::new();
    for l in lines {
        if l.kind == Kind::Lead && !span.is_empty() {
            reads.push(read_column(&span));
            span.clear();
        }
        if l.kind == Kind::Lead || (l.kind == Kind::Text && !span.is_empty()) {
            span.push(l);
        }
    }
    if !span.is_empty() {
        reads.push(read_column(&span));
    }
    let mut columns = settle_columns(&reads);
    // A short article set a few characters wider than its neighbours reaches the width of a
    // paragraph line, and two or three lines cannot show a column's even lines: where the
    // page's other articles are columns and its own lines read as a column as wide as one
    // of theirs or up to [`WIDER_COLUMN`] cells wider than the widest, and no line of it runs past
    // that column, it is a column too (paragraphs one a line run past the width their
    // headings, the only lines not ending a sentence, read). A column whose lines all end a
    // sentence shows how wide it is at least, not how wide at most: where no column of the
    // page is measured, an article's lines read as a column only when one of them is cut
    // short of a sentence's end, and then as wide as they read (fixture p23).
    let widest = columns.iter().flatten().copied().max();
    let narrowest = columns.iter().flatten().copied().min();
    // Which articles' lines show their column (a line cut short of a sentence's end).
    let mut shown: Vec<bool> = reads
        .iter()
        .map(|r| r.is_some_and(|r| r.measured))
        .collect();
    let mut measured = shown.contains(&true);
    if let (Some(widest), Some(narrowest)) = (widest, narrowest) {
        let mut k = 0;
        let mut span: Vec<&Line<'_>> = Vec::new();
        let most = if measured {
            widest + WIDER_COLUMN
        } else {
            WIDEST_COLUMN
        };
        let mut settle = |span: &[&Line<'_>], k: usize, columns: &mut [Option<usize>]| {
            if columns.get(k).is_some_and(Option::is_none) && few_long_lines(span) {
                let read = read_as_column(span);
                if (narrowest..=most).contains(&read.width)
                    && read.width <= WIDEST_COLUMN
                    && (measured || read.measured)
                    && span.iter().all(|l| inner_width(l) <= read.width)
                {
                    columns[k] = Some(read.width);
                    measured |= read.measured;
                    if let Some(m) = shown.get_mut(k) {
                        *m = read.measured;
                    }
                }
            }
        };
        if columns.iter().any(Option::is_none) {
            for l in lines {
                if l.kind == Kind::Lead && !span.is_empty() {
                    settle(&span, k, &mut columns);
                    k += 1;
                    span.clear();
                }
                if l.kind == Kind::Lead || (l.kind == Kind::Text && !span.is_empty()) {
                    span.push(l);
                }
            }
            if !span.is_empty() {
                settle(&span, k, &mut columns);
            }
        }
    }
    // Lines that all end a sentence show how wide their column is at least, not how wide it
    // is: such an article takes the narrowest column measured on the page that its lines
    // fit, lead's indent and all (where its lead's first line is short of that column, a
    // paragraph ends there; fixture p25), or where none is that wide, the least its lines
    // allow.
    if measured && reads.iter().flatten().any(|r| !r.measured) {
        let mut widths: Vec<usize> = shown
            .iter()
            .zip(&columns)
            .filter_map(|(m, c)| c.filter(|_| *m))
            .collect();
        widths.sort_unstable();
        for (r, c) in reads.iter().zip(columns.iter_mut()) {
            if let (Some(r), Some(own)) = (r, c.as_mut()) {
                if r.measured {
                    continue;
                }
                // None of them fitting, the narrowest its own lines allow.
                let k = widths.partition_point(|&w| w < r.least);
                *own = widths.get(k).copied().unwrap_or(r.least).max(*own);
            }
        }
    }
    // The paragraph layout is the page's: where an article's lines run past any column (a
    // line a paragraph) and no article's lines show a column, a short article whose lines
    // all end a sentence is paragraphs one a line too, not a column of its own (fixture p23).
    if !measured && columns.iter().any(Option::is_none) {
        columns.iter_mut().for_each(|c| *c = None);
    }
    columns
}

/// How many cells wider than the page's other columns a short article's column may be.
const WIDER_COLUMN: usize = 8;

/// Whether too few of a text's lines reach a paragraph's width to tell a wide column's even
/// lines ([`column_of_even_lines`] asks for three).
fn few_long_lines(lines: &[&Line<'_>]) -> bool {
    lines
        .iter()
        .filter(|l| !l.sentence_end && l.width + 8 >= PARAGRAPH_LINE_WIDTH)
        .count()
        < 3
}

/// Whether a line ends inside a word: with an ideograph, a letter or a digit.
fn ends_in_word(t: &str) -> bool {
    t.chars()
        .next_back()
        .is_some_and(|c| super::lines::is_han(c) || c.is_ascii_alphanumeric())
}

/// Whether a line starts with an ideograph (two cells).
fn starts_with_ideograph(t: &str) -> bool {
    t.chars().next().is_some_and(super::lines::is_han)
}

/// Removes from `widths` (of three lines or more) the widest when it is wider than all the
/// others by more than an ideograph and a hanging mark, and returns it.
fn widest_alone(widths: &mut Vec<usize>) -> Option<usize> {
    const OUTLIER: usize = 4;
    if widths.len() < 3 {
        return None;
    }
    let (k, &top) = widths.iter().enumerate().max_by_key(|(_, w)| **w)?;
    let second = widths
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != k)
        .map(|(_, w)| *w)
        .max()?;
    (top > second + OUTLIER).then(|| widths.swap_remove(k))
}

/// The columns of a page's articles ([`read_column`], in page order) settled against each
/// other: an article whose own lines leave its width open (the widest they allow is wider
/// than the width they show: a short article whose only measured line stopped a cell short
/// of the edge) takes the widest width another article reads within that range. Articles
/// set in one column agree; on a page whose columns differ, another width falls outside the
/// range, and the article keeps its own. Sorts a copy of the widths, no pass per pair.
#[must_use]
pub fn settle_columns(reads: &[Option<ColumnRead>]) -> Vec<Option<usize>> {
    let mut widths: Vec<usize> = reads.iter().flatten().map(|c| c.width).collect();
    widths.sort_unstable();
    reads
        .iter()
        .map(|r| {
            let r = (*r)?;
            if r.most <= r.width {
                return Some(r.width);
            }
            // The widest width read on the page that is at most `most` (the article's own
            // width is one of them, and no other is needed when none is wider).
            let k = widths.partition_point(|&w| w <= r.most);
            let other = k.checked_sub(1).and_then(|k| widths.get(k)).copied();
            let width = other.map_or(r.width, |w| w.max(r.width));
            // A column holds a whole number of ideographs (two cells each): an odd width
            // read is a cell short where the lines allow one more, and a neighbour's odd
            // width (itself a cell short) a cell past this one's where its own allow one less.
            Some(if width % 2 == 0 {
                width
            } else if width < r.most {
                width + 1
            } else if width > r.width {
                width - 1
            } else {
                width
            })
        })
        .collect()
}

/// A line's width without the closing punctuation that hangs past a column's edge (two
/// marks at most: `。”`).
#[must_use]
pub fn inner_width(l: &Line<'_>) -> usize {
    let mut t = l.text;
    let mut w = l.width;
    for _ in 0..2 {
        match t.strip_suffix(HANGING) {
            Some(rest) => {
                t = rest;
                w = w.saturating_sub(1);
            }
            None => break,
        }
    }
    w
}

/// Punctuation that may hang past a column's edge, as in print.
pub const HANGING: &[char] = &[
    '。', '，', '、', '；', '：', '！', '？', '”', '’', '）', '》', ',', '.', ';', ':', '!', '?',
    ')',
];

/// Whether the long lines of a text are a wide column rather than paragraphs: most lines that
/// do not end a sentence are of one width (within two cells, or short of it by an indent), as
/// a column's inner and first lines are; paragraphs, one a line, have all widths.
#[must_use]
pub fn column_of_even_lines(lines: &[&Line<'_>]) -> bool {
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
    // An inner line runs the column (within two cells); a paragraph's first line is short
    // by its dropped indent (where paragraphs are short, most lines are first lines).
    let even = w
        .iter()
        .filter(|&&x| x + 2 + INDENT >= top && x <= top + 2)
        .count();
    top <= WIDEST_COLUMN && even * 3 >= w.len() * 2
}

/// The widest column read as one (in cells): 34 characters, a 30-character column of a page
/// whose articles are set a little wider than the others.
const WIDEST_COLUMN: usize = 68;

/// Whether the paragraph ends after `line` (`first_line`: the paragraph's first), given the
/// line after it (if any) and the column of the text around it (`None`: the paragraph
/// layout, where a line is a paragraph).
///
/// In a column, a line is set as full as it goes: a sentence that ends on a line that is
/// not full ends its paragraph. One that ends at the edge goes on when the next line runs
/// the full column too; a paragraph's first line is short by its dropped indent, so a next
/// line that is short without ending a sentence starts a paragraph. A short next line that
/// ends a sentence is the last line of the same paragraph (a paragraph of a single line is
/// rare in a column).
#[must_use]
pub fn ends_paragraph(
    line: &Line<'_>,
    next: Option<&Line<'_>>,
    column: Option<usize>,
    first_line: bool,
) -> bool {
    if !line.sentence_end {
        return false;
    }
    let Some(next) = next else { return true };
    let Some(column) = column else { return true };
    // A paragraph's first line is full at its column less the dropped indent.
    let own = if first_line {
        column.saturating_sub(INDENT)
    } else {
        column
    };
    if !is_full(line, own) || next.width > wide_line(column) {
        return true;
    }
    if is_full(next, column) {
        return false;
    }
    !next.sentence_end
}

/// Whether a line runs its column's full width (a cell or two short of it at most: the next
/// character did not fit, or opening punctuation went down to the next line). Closing
/// punctuation that hangs past the edge is not counted; punctuation that fits inside the
/// column is (`…的“品牌”。` one cell short of the edge is full: no ideograph fits there).
#[must_use]
pub fn is_full(line: &Line<'_>, column: usize) -> bool {
    inner_width(line) + FULL_SLACK >= column || line.width + 1 >= column
}

/// How many cells a paragraph's first line is short of its column: its dropped indent.
pub const INDENT: usize = 4;

/// How many cells short of its column a full line may stop.
pub const FULL_SLACK: usize = 2;

/// Lines wider than this are not lines of a column `column` wide: paragraphs, one a line.
#[must_use]
pub fn wide_line(column: usize) -> usize {
    PARAGRAPH_LINE_WIDTH.max(column + 8)
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
    join_lead_plain(lines, false)
}

/// [`join_lead`] of lines known to hold no character t2s may change (`plain`; see
/// the segmenter's `cut_plain`), whose lead marker is then read without folding them.
#[must_use]
pub fn join_lead_plain(lines: &[(&str, bool)], plain: bool) -> String {
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
    let marker = if plain {
        super::lines::lead_marker_in_folded(&raw)
    } else {
        super::lines::lead_marker_at_start(&raw)
    };
    let Some(marker) = marker else {
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
        return [head, gap, &people, gap2, &after].concat();
    }
    if rest.is_empty() || head.is_empty() {
        return [head, &despace(rest)].concat();
    }
    [head, " ", &despace(rest)].concat()
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
    fn a_column_left_open_by_its_own_lines_takes_its_neighbours_width() {
        let read = |width, most| {
            Some(ColumnRead {
                width,
                most,
                measured: true,
                least: width,
            })
        };
        // A short article read at 55 whose lead line allows 56 takes the 56 another
        // article reads; one whose lines settle it keeps its own.
        assert_eq!(
            settle_columns(&[read(55, 56), read(56, 56), read(55, 55)]),
            [Some(56), Some(56), Some(55)]
        );
        // Columns of different widths: a wider neighbour outside the range is no evidence.
        assert_eq!(
            settle_columns(&[read(54, 55), read(60, 60), None]),
            [Some(54), Some(60), None]
        );
        // Alone in its range, an odd width is a cell short of a whole number of ideographs
        // where the lines allow one more.
        assert_eq!(
            settle_columns(&[read(49, 50), read(58, 58)]),
            [Some(50), Some(58)]
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
