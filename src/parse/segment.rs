//! Cutting a page into articles. Each article starts at its lead; its body runs until a
//! byline, the next lead, or lines that cannot be body. What lies between two bodies is a
//! run of heading lines, captions and loose lines; the attach module gives them to articles.

use super::lines::{self, Kind, Line};
use super::reflow::{self, ends_paragraph, wide_line, PARAGRAPH_LINE_WIDTH};
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
    /// `plain`: the page holds no character t2s may change (see [`Draft::plain`]).
    fn new(no: usize, lines: Vec<String>, plain: bool) -> Unit {
        let joined = lines.join(" ");
        let (hits, union_name) = if plain {
            let hits = Gazetteer::get().scan_folded(&joined);
            let named = super::union::is_union_name_folded(&joined, &joined, &hits);
            (hits, named)
        } else {
            let hits = Gazetteer::get().scan(&joined);
            let named = super::union::is_union_name_scanned(&joined, &hits);
            (hits, named)
        };
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
    /// Whether the page holds no character that t2s may change
    /// ([`crate::text::script::has_traditional`]; see [`cut_plain`]): then none of the
    /// draft's texts does, and they need no folding to be matched.
    pub plain: bool,
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
    /// Captions printed right after the previous article's body (before the run's heading
    /// lines or the next lead): they close that article unless their words say otherwise.
    pub after_body: Vec<CaptionDraft>,
    /// Lines that are neither heading nor caption (stray text, stray credits).
    pub loose: Vec<(usize, String)>,
}

/// Cuts classified lines into article bodies and the runs between them.
#[must_use]
pub fn cut(lines: &[Line<'_>]) -> Cut {
    cut_plain(lines, false)
}

/// [`cut`], told whether the page holds no character that t2s may change
/// ([`crate::text::script::has_traditional`]): then no text made of its lines does, and
/// none is folded to simplified script again to be matched (the page's fold is itself).
/// `false` is always right, only slower.
#[must_use]
pub fn cut_plain(lines: &[Line<'_>], plain: bool) -> Cut {
    let mut out = Cut::default();
    if !lines.iter().any(|l| l.kind == Kind::Lead) {
        out.unplaced = lines.iter().map(|l| l.text.to_string()).collect();
        return out;
    }
    let mut columns = reflow::page_columns(lines).into_iter();
    let runs = &mut out.runs;
    let mut run_lines: Vec<usize> = Vec::new();
    // The captions the last body ended with, for the run after it.
    let mut after_body: Vec<CaptionDraft> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].kind == Kind::Lead {
            let k = out.drafts.len();
            let mut run = build_run(lines, &run_lines, k.checked_sub(1), Some(k), plain);
            run.after_body = std::mem::take(&mut after_body);
            runs.push(run);
            run_lines.clear();
            let column = columns.next().flatten();
            let (mut draft, next_i, tail) = read_body(lines, i, column, plain);
            after_body = draft.captions.split_off(tail);
            out.drafts.push(draft);
            i = next_i;
        } else {
            run_lines.push(i);
            i += 1;
        }
    }
    let mut run = build_run(
        lines,
        &run_lines,
        out.drafts.len().checked_sub(1),
        None,
        plain,
    );
    run.after_body = after_body;
    runs.push(run);
    out
}

/// Builds the run of lines `idx` standing between article `prev` and article `next`.
fn build_run(
    lines: &[Line<'_>],
    idx: &[usize],
    prev: Option<usize>,
    next: Option<usize>,
    plain: bool,
) -> Run {
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
                let (cap, used) = read_caption(lines, idx[j], idx.get(j + 1).copied(), plain);
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
                let unit = Unit::new(line.no, unit_lines, plain);
                run.units.push(unit);
            }
        }
    }
    run
}

/// Reads a caption at line index `i`; a credit on the next line (index `next`) joins it.
/// Returns the caption and how many lines it used.
fn read_caption(
    lines: &[Line<'_>],
    i: usize,
    next: Option<usize>,
    plain: bool,
) -> (CaptionDraft, usize) {
    let body = lines[i]
        .text
        .trim_start_matches(['■', '□', '▲', '△', '◆'])
        .trim();
    let (text, credit) = lines::split_credit(body);
    let text = lines::despace(text);
    let mut cap = CaptionDraft {
        no: lines[i].no,
        hits: if plain {
            Gazetteer::get().scan_folded(&text)
        } else {
            Gazetteer::get().scan(&text)
        },
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

/// Reads an article's body from its lead at `start`. Returns the draft, the index of the
/// first line after the body, and where the captions printed after the body's last line
/// start in the draft's captions (their number when the body ends otherwise than at a
/// heading or the next lead: a byline closes the article, so what stands before it is its).
fn read_body(
    lines: &[Line<'_>],
    start: usize,
    column: Option<usize>,
    plain: bool,
) -> (Draft, usize, usize) {
    let end = (start + 1..lines.len())
        .find(|&k| lines[k].kind == Kind::Lead)
        .unwrap_or(lines.len());
    let mut draft = Draft {
        no: lines[start].no,
        plain,
        ..Draft::default()
    };
    // A paragraph's lines, each with whether it holds white space (known from classify).
    let mut para: Vec<(&str, bool, bool)> = Vec::new();
    // Brackets opened less brackets closed in `para`, kept as lines are added (counting them
    // again at each line was quadratic in a paragraph's lines).
    let mut depth: isize = 0;
    let mut lead_lines: Vec<(&str, bool)> = Vec::new();
    // looks_like_body of each line of the span, once asked (it is asked at a sentence end
    // about the next line, then again when that line opens a paragraph).
    let mut memo: Vec<Option<bool>> = vec![None; end - start];
    // The captions from this index on were read after the body's last line so far.
    let mut tail = 0;
    // Whether the body ended at a byline or a stray credit rather than at what follows it.
    let mut closed = false;
    let mut j = start;
    while j < end {
        let line = &lines[j];
        match line.kind {
            Kind::Caption => {
                let (cap, used) = read_caption(lines, j, (j + 1 < end).then_some(j + 1), plain);
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
                closed = true;
                break;
            }
            Kind::Byline => {
                if let Some(b) = lines::byline_of_line(line.text) {
                    draft.byline = Some(lines::normalize_byline(b));
                }
                closed = true;
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
        tail = draft.captions.len();
        if let Some((head, by)) = lines::trailing_byline(line.text) {
            para.push((head, lines::has_whitespace(head), false));
            draft.byline = Some(lines::normalize_byline(by));
            closed = true;
            j += 1;
            break;
        }
        if let Some((head, by, rest)) = lines::split_byline_at(lines, j, end) {
            para.push((head, lines::has_whitespace(head), false));
            draft.byline = Some(lines::normalize_byline(&by));
            // The captions printed between the byline's two lines.
            let mut c = j + 1;
            while c < rest {
                let (cap, used) = read_caption(lines, c, (c + 1 < rest).then_some(c + 1), plain);
                draft.captions.push(cap);
                c += used;
            }
            closed = true;
            j = rest + 1;
            break;
        }
        para.push((line.text, line.spaced, line.space_after));
        depth += bracket_depth(line.text);
        let next = next_text(lines, j + 1).filter(|&k| k < end);
        // A next line that ends with a byline, whole (`…奖牌。(黄埔工）`) or cut by the edge
        // (`…奖牌。(` / `黄埔工）`), ends a sentence before its bracket.
        let cut_byline = next
            .filter(|&k| {
                !lines[k].sentence_end
                    && (lines::trailing_byline(lines[k].text).is_some()
                        || lines::split_byline_at(lines, k, end).is_some())
            })
            .map(|k| Line {
                sentence_end: true,
                ..lines[k].clone()
            });
        let next_line = cut_byline.as_ref().or(next.map(|k| &lines[k]));
        // A line shorter than its column ends the paragraph, unless a bracket opened in the
        // paragraph is still open (the lead's people: `（全媒体记者甲 ` / `通讯员乙）`).
        let open_bracket = depth > 0;
        // A line cut inside a word (it ends with an ideograph, a letter or a digit) goes on
        // whatever its width: justified letter-spacing and a number too wide for the rest of
        // the line leave a line short without ending it.
        let cut_in_word = line
            .text
            .chars()
            .next_back()
            .is_some_and(|c| lines::is_han(c) || c.is_ascii_alphanumeric());
        // The next line opens a paragraph when the column shows it is a first line (see
        // `opens_paragraph`); this one, ending a sentence or a clause, then ends its
        // paragraph, even at a comma (`婚礼以“劳动者之恋”为主题，`) or at the column's edge.
        let next_opens = (line.sentence_end || line.text.ends_with(CLAUSE_END))
            && !open_bracket
            && column.is_some_and(|c| {
                next.is_some_and(|k| opens_paragraph(&mut memo, lines, k, start, end, c))
            });
        // (In the paragraph layout, a line is short of a paragraph's width.)
        let short_column_end = line.width + 6 < column.unwrap_or(PARAGRAPH_LINE_WIDTH)
            && !open_bracket
            && !cut_in_word
            && !next_line.is_some_and(|n| n.kind == Kind::Text && n.sentence_end && n.width < 8);
        // A sentence that ends at the column's edge may go on in the next line, but only
        // into text that can be body: never into the heading lines after a short article.
        let sentence_break = line.sentence_end
            && next.is_some_and(|k| !body_at(&mut memo, lines, k, start, end, column));
        // The lead's news is one sentence at least: the lead paragraph never ends at a clause
        // mark, however short its line (`本报讯 12月1日，` / `惠州市…总工会在…`).
        let lead_clause =
            draft.paragraphs.is_empty() && !line.sentence_end && line.text.ends_with(CLAUSE_END);
        if (!lead_clause
            && (ends_paragraph(line, next_line, column, para.len() == 1)
                || next_opens
                || sentence_break
                || short_column_end))
            || next.is_none()
        {
            push_paragraph(&mut draft.paragraphs, &mut lead_lines, &para);
            para.clear();
            depth = 0;
        }
        j += 1;
    }
    if !para.is_empty() {
        push_paragraph(&mut draft.paragraphs, &mut lead_lines, &para);
    }
    if let Some(first) = draft.paragraphs.first_mut() {
        *first = reflow::join_lead_plain(&lead_lines, plain);
    }
    if closed {
        tail = draft.captions.len();
    }
    (draft, j, tail)
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
    column: Option<usize>,
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

/// Whether text line `k` of the body from `start` opens a paragraph, as the column
/// (`column` cells) shows: it is short of the column by a paragraph's dropped indent (by no
/// less: a page's lines stop a cell or three short of its edge here and there), and the
/// next text line runs the full column and is body. A full line is no paragraph's
/// first line, so that line goes on the paragraph of line `k`; line `k` is then not its
/// last line, and not being full it is no inner line either: it is the first. A line left
/// short before a number or a Latin word that did not fit (`…共` / `2024…`) opens nothing.
fn opens_paragraph(
    memo: &mut [Option<bool>],
    lines: &[Line<'_>],
    k: usize,
    start: usize,
    end: usize,
    column: usize,
) -> bool {
    let n = &lines[k];
    if n.kind != Kind::Text
        || n.markdown
        || reflow::inner_width(n) + reflow::INDENT > column
        || !reflow::is_full(n, column.saturating_sub(reflow::INDENT))
        || n.text.ends_with(|c: char| c.is_ascii_alphanumeric())
    {
        return false;
    }
    let Some(k2) = next_text(lines, k + 1).filter(|&k2| k2 < end) else {
        return false;
    };
    let n2 = &lines[k2];
    n2.kind == Kind::Text
        && !n2.markdown
        && reflow::is_full(n2, column)
        && n2.width <= wide_line(column)
        && !n2.text.starts_with(|c: char| c.is_ascii_alphanumeric())
        && body_at(memo, lines, k2, start, end, Some(column))
}

/// Opening brackets less closing brackets in a line, counted on its bytes: `(` and `)`,
/// and the last bytes of `（` (EF BC 88) and `）` (EF BC 89) after their first two.
fn bracket_depth(l: &str) -> isize {
    let b = l.as_bytes();
    // One step per character, by its lead byte (a byte-by-byte match was 3% of the parse):
    // in UTF-8, EF BC 88 and EF BC 89 are only ever `（` and `）`.
    let mut depth = 0;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            depth += isize::from(x == b'(') - isize::from(x == b')');
            i += 1;
        } else if x < 0xE0 {
            i += 2;
        } else if x < 0xF0 {
            if x == 0xEF && b.get(i + 1) == Some(&0xBC) {
                let z = b.get(i + 2);
                depth += isize::from(z == Some(&0x88)) - isize::from(z == Some(&0x89));
            }
            i += 3;
        } else {
            i += 4;
        }
    }
    depth
}

/// At a paragraph boundary inside a body: whether the lines from `j` make another paragraph
/// of body text rather than headings. A paragraph must end a sentence (or carry a byline),
/// and its inner lines must run the width of the column (or be paragraph-long). The lines
/// are body as soon as they make such a paragraph: a sentence that ends at the column's edge
/// may seem to go on into the next line, which can as well be a heading after the body.
fn looks_like_body(lines: &[Line<'_>], j: usize, end: usize, column: Option<usize>) -> bool {
    // The paragraph's lines are not kept, only what is asked of them: how many, the last,
    // whether any is paragraph-long, and whether all before the last fit the column.
    let mut count = 0usize;
    let mut any_long = false;
    let mut inner_fit = true;
    let mut prev: Option<&Line<'_>> = None;
    // In a column, the inner lines run the column's width; the first is shorter by its
    // dropped indent. Closing punctuation may hang past the column's edge, as in print.
    let fits = |n: usize, l: &Line<'_>| {
        column.is_some_and(|c| {
            let slack = if n == 0 { 8 } else { 4 };
            let w = reflow::inner_width(l);
            w + slack >= c && w <= c + 4
        })
    };
    let long = column.map_or(PARAGRAPH_LINE_WIDTH, |c| wide_line(c) + 1);
    // Whether the lines so far, the last of them `last`, can be a paragraph of body.
    let is_body = |count: usize, last: &Line<'_>, any_long: bool, inner_fit: bool| {
        if count == 1 {
            // A short exclamation or question standing alone is a heading, not a paragraph.
            return !(last.width < 30 && last.text.ends_with(['！', '？', '!', '?']));
        }
        // A paragraph-long line makes it body (a caption can cut a paragraph line short).
        any_long || (column.is_some() && inner_fit)
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
        if let Some(p) = prev {
            inner_fit &= fits(count - 1, p);
        }
        count += 1;
        prev = Some(line);
        any_long |= line.width >= long;
        if lines::trailing_byline(line.text).is_some()
            || lines::split_byline_at(lines, k, end).is_some()
        {
            return is_body(count, line, any_long, inner_fit);
        }
        // A heading never ends in a comma: a paragraph that stops at one (a short line) is text.
        if line.text.ends_with(CLAUSE_END) {
            return true;
        }
        if line.sentence_end {
            if is_body(count, line, any_long, inner_fit) {
                return true;
            }
            let next = next_text(lines, k + 1)
                .filter(|&n| n < end)
                .map(|n| &lines[n]);
            if ends_paragraph(line, next, column, count == 1) {
                return false;
            }
        }
        k += 1;
    }
    false
}

/// Punctuation that ends a clause, never a heading.
const CLAUSE_END: &[char] = &['，', '；', ',', ';'];

/// How many lines a paragraph may run before it counts as body without looking further.
const LOOK_AHEAD: usize = 200;

#[cfg(test)]
mod tests;
