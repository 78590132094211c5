//! Cutting a page into articles. Each article starts at its lead; its body runs until a
//! byline, the next lead, or lines that cannot be body. What lies between two bodies is a
//! run of heading lines, captions and loose lines; the attach module gives them to articles.

use super::lines::{self, Kind, Line};
use super::reflow::{self, column_width, ends_paragraph, PARAGRAPH_LINE_WIDTH};
use crate::places::{Gazetteer, PlaceHit};

/// A caption with its credit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptionDraft {
    pub no: usize,
    pub text: String,
    pub credit: Option<String>,
    /// The place names in `text`, scanned once.
    pub hits: Vec<PlaceHit<'static>>,
}

/// One or more heading lines printed as one heading (joined by hard breaks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub no: usize,
    pub lines: Vec<String>,
    /// The heading is nothing but a union body's name (`惠州市惠城区总工会`): a kicker.
    pub union_name: bool,
    /// The lines joined by spaces ([`Unit::text`]) and the place names in it, made once.
    joined: String,
    pub hits: Vec<PlaceHit<'static>>,
}

impl Unit {
    fn new(no: usize, lines: Vec<String>) -> Unit {
        let joined = lines.join(" ");
        let hits = Gazetteer::get().scan(&joined);
        let union_name = super::union::is_union_name_scanned(&joined, &hits);
        Unit {
            no,
            lines,
            union_name,
            joined,
            hits,
        }
    }

    #[must_use]
    pub fn text(&self) -> String {
        self.joined.clone()
    }

    /// The lines joined by spaces, borrowed.
    #[must_use]
    pub fn joined(&self) -> &str {
        &self.joined
    }
}

/// An article as cut from the page, before its metadata is read.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Line number of the lead.
    pub no: usize,
    /// Paragraphs, reflowed.
    pub paragraphs: Vec<String>,
    pub byline: Option<String>,
    pub captions: Vec<CaptionDraft>,
    pub heading: Vec<Unit>,
    /// Whether a heading with a title stood right in front of the lead.
    pub(super) front_title: bool,
    /// The paragraphs joined by newlines, and the place names found in them (filled once by
    /// `fill_body_texts` in the attach module, for matching headings and resolving the union body).
    pub body_text: String,
    pub body_hits: Vec<PlaceHit<'static>>,
}

/// A page cut into article bodies and the runs of lines between them.
#[derive(Debug, Default)]
pub struct Cut {
    pub drafts: Vec<Draft>,
    /// The runs before each lead and after the last body, in page order.
    pub runs: Vec<Run>,
    /// The page's lines when it has no lead at all.
    pub unplaced: Vec<String>,
}

/// What stands between two bodies.
#[derive(Debug, Default)]
pub struct Run {
    /// The article before the run and the one after it (`None` at the page's ends).
    pub prev: Option<usize>,
    pub next: Option<usize>,
    pub units: Vec<Unit>,
    pub captions: Vec<CaptionDraft>,
    /// Lines that are neither heading nor caption (stray text, stray credits).
    pub loose: Vec<(usize, String)>,
}

/// Cuts classified lines into article bodies and the runs between them.
#[must_use]
pub fn cut(lines: &[Line<'_>]) -> Cut {
    let mut out = Cut::default();
    if !lines.iter().any(|l| l.kind == Kind::Lead) {
        out.unplaced = lines.iter().map(|l| l.text.to_string()).collect();
        return out;
    }
    let runs = &mut out.runs;
    let mut run_lines: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].kind == Kind::Lead {
            let k = out.drafts.len();
            runs.push(build_run(lines, &run_lines, k.checked_sub(1), Some(k)));
            run_lines.clear();
            let (draft, next_i) = read_body(lines, i);
            out.drafts.push(draft);
            i = next_i;
        } else {
            run_lines.push(i);
            i += 1;
        }
    }
    runs.push(build_run(
        lines,
        &run_lines,
        out.drafts.len().checked_sub(1),
        None,
    ));
    out
}

/// Builds the run of lines `idx` standing between article `prev` and article `next`.
fn build_run(lines: &[Line<'_>], idx: &[usize], prev: Option<usize>, next: Option<usize>) -> Run {
    let mut run = Run {
        prev,
        next,
        ..Run::default()
    };
    let mut j = 0;
    while j < idx.len() {
        let line = &lines[idx[j]];
        match line.kind {
            Kind::Caption => {
                let (cap, used) = read_caption(lines, idx[j], idx.get(j + 1).copied());
                run.captions.push(cap);
                j += used;
            }
            Kind::Credit | Kind::Byline => {
                run.loose.push((line.no, line.text.to_string()));
                j += 1;
            }
            _ => {
                let looks_like_text = line.width >= PARAGRAPH_LINE_WIDTH
                    || (line.sentence_end && line.text.ends_with(['。', '.']));
                if looks_like_text && !line.markdown {
                    run.loose.push((line.no, line.text.to_string()));
                    j += 1;
                    continue;
                }
                let mut unit_lines = vec![reflow::clean_heading(line.text)];
                let mut hard = line.hard_break;
                j += 1;
                while hard && j < idx.len() && lines[idx[j]].kind == Kind::Text {
                    unit_lines.push(reflow::clean_heading(lines[idx[j]].text));
                    hard = lines[idx[j]].hard_break;
                    j += 1;
                }
                let unit = Unit::new(line.no, unit_lines);
                run.units.push(unit);
            }
        }
    }
    run
}

/// Reads a caption at line index `i`; a credit on the next line (index `next`) joins it.
/// Returns the caption and how many lines it used.
fn read_caption(lines: &[Line<'_>], i: usize, next: Option<usize>) -> (CaptionDraft, usize) {
    let body = lines[i]
        .text
        .trim_start_matches(['■', '□', '▲', '△', '◆'])
        .trim();
    let (text, credit) = lines::split_credit(body);
    let text = lines::despace(text);
    let mut cap = CaptionDraft {
        no: lines[i].no,
        hits: Gazetteer::get().scan(&text),
        text,
        credit: credit.map(str::to_string),
    };
    if cap.credit.is_none() {
        if let Some(n) = next.filter(|&n| lines[n].kind == Kind::Credit) {
            cap.credit = Some(lines[n].text.to_string());
            return (cap, 2);
        }
    }
    (cap, 1)
}

/// The next line at or after `from` that is text (not caption or credit).
fn next_text(lines: &[Line<'_>], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&k| !matches!(lines[k].kind, Kind::Caption | Kind::Credit))
}

/// Reads an article's body from its lead at `start`. Returns the draft and the index of the
/// first line after the body.
fn read_body(lines: &[Line<'_>], start: usize) -> (Draft, usize) {
    let end = (start + 1..lines.len())
        .find(|&k| lines[k].kind == Kind::Lead)
        .unwrap_or(lines.len());
    let span: Vec<&Line<'_>> = lines[start..end]
        .iter()
        .filter(|l| l.kind == Kind::Text || l.kind == Kind::Lead)
        .collect();
    let column = column_width(&span);
    let mut draft = Draft {
        no: lines[start].no,
        ..Draft::default()
    };
    // A paragraph's lines, each with whether it holds white space (known from classify).
    let mut para: Vec<(&str, bool, bool)> = Vec::new();
    let mut lead_lines: Vec<(&str, bool)> = Vec::new();
    // looks_like_body of each line of the span, once asked (it is asked at a sentence end
    // about the next line, then again when that line opens a paragraph).
    let mut memo: Vec<Option<bool>> = vec![None; end - start];
    let mut j = start;
    while j < end {
        let line = &lines[j];
        match line.kind {
            Kind::Caption => {
                let (cap, used) = read_caption(lines, j, (j + 1 < end).then_some(j + 1));
                draft.captions.push(cap);
                j += used;
                continue;
            }
            Kind::Credit => {
                if let Some(c) = draft.captions.last_mut().filter(|c| c.credit.is_none()) {
                    c.credit = Some(line.text.to_string());
                    j += 1;
                    continue;
                }
                break;
            }
            Kind::Byline => {
                if let Some(b) = lines::byline_of_line(line.text) {
                    draft.byline = Some(normalize_byline(b));
                }
                j += 1;
                break;
            }
            Kind::Lead | Kind::Text => {}
        }
        if line.markdown && j != start {
            break;
        }
        if para.is_empty() && j != start && !body_at(&mut memo, lines, j, start, end, column) {
            break;
        }
        if let Some((head, by)) = lines::trailing_byline(line.text) {
            para.push((head, lines::has_whitespace(head), false));
            draft.byline = Some(normalize_byline(by));
            j += 1;
            break;
        }
        if let Some((head, by)) = split_byline_at(lines, j, end) {
            para.push((head, lines::has_whitespace(head), false));
            draft.byline = Some(normalize_byline(&by));
            j += 2;
            break;
        }
        para.push((line.text, line.spaced, line.space_after));
        let next = next_text(lines, j + 1).filter(|&k| k < end);
        let next_line = next.map(|k| &lines[k]);
        // A line shorter than its column ends the paragraph, unless a bracket opened in the
        // paragraph is still open (the lead's people: `（全媒体记者甲 ` / `通讯员乙）`).
        let open_bracket = para.iter().map(|(l, ..)| bracket_depth(l)).sum::<isize>() > 0;
        // A line cut inside a word (it ends with an ideograph, a letter or a digit) goes on
        // whatever its width: justified letter-spacing and a number too wide for the rest of
        // the line leave a line short without ending it.
        let cut_in_word = line
            .text
            .chars()
            .next_back()
            .is_some_and(|c| lines::is_han(c) || c.is_ascii_alphanumeric());
        let short_column_end = column < PARAGRAPH_LINE_WIDTH
            && !open_bracket
            && !cut_in_word
            && line.width + 6 < column
            && !next_line.is_some_and(|n| n.kind == Kind::Text && n.sentence_end && n.width < 8);
        // A sentence that ends at the column's edge may go on in the next line, but only
        // into text that can be body: never into the heading lines after a short article.
        let sentence_break = line.sentence_end
            && next.is_some_and(|k| !body_at(&mut memo, lines, k, start, end, column));
        if ends_paragraph(line, next_line, column)
            || sentence_break
            || short_column_end
            || next.is_none()
        {
            push_paragraph(&mut draft.paragraphs, &mut lead_lines, &para);
            para.clear();
        }
        j += 1;
    }
    if !para.is_empty() {
        push_paragraph(&mut draft.paragraphs, &mut lead_lines, &para);
    }
    if let Some(first) = draft.paragraphs.first_mut() {
        *first = reflow::join_lead(&lead_lines);
    }
    (draft, j)
}

/// Adds a paragraph of lines. The first (the lead) is kept as lines and joined at the end
/// by [`reflow::join_lead`]; it holds a place until then.
fn push_paragraph<'a>(
    paragraphs: &mut Vec<String>,
    lead_lines: &mut Vec<(&'a str, bool)>,
    para: &[(&'a str, bool, bool)],
) {
    if paragraphs.is_empty() {
        lead_lines.clear();
        lead_lines.extend(para.iter().map(|(l, _, after)| (*l, *after)));
        paragraphs.push(String::new());
    } else {
        paragraphs.push(reflow::join_spaced_lines(para));
    }
}

/// [`looks_like_body`] for line `k` of the span from `start`, remembered in `memo`.
fn body_at(
    memo: &mut [Option<bool>],
    lines: &[Line<'_>],
    k: usize,
    start: usize,
    end: usize,
    column: usize,
) -> bool {
    let slot = k.checked_sub(start);
    if let Some(Some(known)) = slot.and_then(|i| memo.get(i)) {
        return *known;
    }
    let v = looks_like_body(lines, k, end, column);
    if let Some(m) = slot.and_then(|i| memo.get_mut(i)) {
        *m = Some(v);
    }
    v
}

/// Opening brackets less closing brackets in a line.
fn bracket_depth(l: &str) -> isize {
    l.chars()
        .map(|c| match c {
            '（' | '(' => 1,
            '）' | ')' => -1,
            _ => 0,
        })
        .sum()
}

/// [`lines::split_byline`] of line `j` and the line right after it (inside the span).
fn split_byline_at<'a>(lines: &[Line<'a>], j: usize, end: usize) -> Option<(&'a str, String)> {
    let next = lines
        .get(j + 1)
        .filter(|n| j + 1 < end && n.kind == Kind::Text)?;
    lines::split_byline(lines[j].text, next.text)
}

/// A byline with its white space collapsed to single spaces.
pub fn normalize_byline(b: &str) -> String {
    b.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At a paragraph boundary inside a body: whether the lines from `j` make another paragraph
/// of body text rather than headings. A paragraph must end a sentence (or carry a byline),
/// and its inner lines must run the width of the column (or be paragraph-long).
fn looks_like_body(lines: &[Line<'_>], j: usize, end: usize, column: usize) -> bool {
    // The paragraph's lines are not kept, only what is asked of them: how many, the last,
    // whether any is paragraph-long, and whether all before the last fit the column.
    let mut count = 0usize;
    let mut last: Option<&Line<'_>> = None;
    let mut any_long = false;
    let mut inner_fit = true;
    // Whether the paragraph ends in a byline cut by the column's edge.
    let mut byline_cut = false;
    // In a column, the inner lines run the column's width; the first is shorter by its
    // dropped indent.
    let fits = |n: usize, l: &Line<'_>| {
        let slack = if n == 0 { 8 } else { 4 };
        // Closing punctuation may hang past the column's edge, as in print.
        let hanging = usize::from(l.text.ends_with([
            '。', '，', '、', '；', '：', '！', '？', '”', '’', '）', '》',
        ]));
        l.width + slack >= column && l.width - hanging <= column + 4
    };
    let mut k = j;
    while k < end {
        if k - j > LOOK_AHEAD {
            // A paragraph this long is body whatever ends it.
            return true;
        }
        let line = &lines[k];
        match line.kind {
            Kind::Caption | Kind::Credit => {
                k += 1;
                continue;
            }
            Kind::Byline | Kind::Lead => return false,
            Kind::Text => {}
        }
        if line.markdown {
            return false;
        }
        if let Some(prev) = last {
            inner_fit &= fits(count - 1, prev);
        }
        count += 1;
        last = Some(line);
        any_long |= line.width >= PARAGRAPH_LINE_WIDTH;
        if lines::trailing_byline(line.text).is_some() {
            break;
        }
        if split_byline_at(lines, k, end).is_some() {
            byline_cut = true;
            break;
        }
        let next = next_text(lines, k + 1)
            .filter(|&n| n < end)
            .map(|n| &lines[n]);
        if line.sentence_end && ends_paragraph(line, next, column) {
            break;
        }
        k += 1;
    }
    let Some(last) = last else {
        return false;
    };
    if !last.sentence_end && lines::trailing_byline(last.text).is_none() && !byline_cut {
        return false;
    }
    if count == 1 {
        // A short exclamation or question standing alone is a heading, not a paragraph.
        return !(last.width < 30 && last.text.ends_with(['！', '？', '!', '?']));
    }
    // A paragraph-long line makes it body (a caption can cut a paragraph line short).
    if any_long {
        return true;
    }
    column < PARAGRAPH_LINE_WIDTH && inner_fit
}

/// How many lines a paragraph may run before it counts as body without looking further.
const LOOK_AHEAD: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str) -> Cut {
        cut(&lines::classify(text))
    }

    #[test]
    fn no_lead_keeps_everything_unplaced() {
        let s = seg("标题一\n标题二\n");
        assert!(s.drafts.is_empty());
        assert_eq!(s.unplaced.len(), 2);
    }
}
