//! Bylines: a closing attribution in parentheses on a line of its own (`（云安工）`), after a
//! body's last sentence (`…动力。 （珠海工）`), or cut over two lines by the column's edge
//! (`…台账。（` / `黄陂工）`), and a credit of text and photos (`文/方某 图/李某`), with the
//! OCR's letter-spacing taken out. Pure functions over a page's lines.

use super::{
    despace, ends_sentence, is_cjk, is_close_paren, is_open_paren, letter_spaced, trim, Kind, Line,
};

/// Whether the text inside a byline's parentheses looks like one: names, `X工`, an office;
/// short, no sentence punctuation.
#[must_use]
pub fn is_byline_content(inner: &str) -> bool {
    let inner = trim(inner);
    let n = inner.chars().count();
    if n == 0 || n > 20 {
        return false;
    }
    let tokens = inner.split_whitespace().count();
    tokens <= 5
        && inner
            .chars()
            .all(|c| is_cjk(c) || c.is_whitespace() || c == '·' || c == '、' || c == '/')
        && inner.split_whitespace().all(|t| t.chars().count() <= 8)
}

/// The byline of a line that is nothing but a byline in parentheses, or a credit of text
/// and photos without them (`文/方某 图/李某`, `文/图 方某`).
#[must_use]
pub fn byline_of_line(t: &str) -> Option<&str> {
    let mut chars = t.chars();
    let first = chars.next()?;
    let last = t.chars().next_back()?;
    if !is_open_paren(first) || !is_close_paren(last) {
        // A credit line, but not the end of a byline the column's edge cut, whose bracket
        // closes here (`…好书。（` / `文/何文静 图/陈立新）`).
        let credit =
            ["文/", "文／"].iter().any(|w| t.starts_with(w)) && !t.contains(['（', '(', '）', ')']);
        return (credit && is_byline_content(t)).then(|| trim(t));
    }
    let inner = &t[first.len_utf8()..t.len() - last.len_utf8()];
    if inner.contains(['（', '(', '）', ')']) {
        return None;
    }
    is_byline_content(inner).then(|| trim(inner))
}

/// A byline at the end of a body line, after its closing punctuation:
/// `…增添“新”动力。 （珠海工）`. Returns the text before it and the byline.
#[must_use]
pub fn trailing_byline(t: &str) -> Option<(&str, &str)> {
    let last = t.chars().next_back()?;
    if !is_close_paren(last) {
        return None;
    }
    let open = t.rfind(['（', '('])?;
    let head = trim(&t[..open]);
    let open_len = t[open..].chars().next().map_or(1, char::len_utf8);
    let inner = &t[open + open_len..t.len() - last.len_utf8()];
    if head.is_empty() || !ends_sentence(head) || !is_byline_content(inner) {
        return None;
    }
    Some((head, trim(inner)))
}

/// A byline cut by the column's edge: its opening bracket (and maybe the start of a name)
/// ends one line after the sentence, its rest is the next line: `…帮扶台账。（` / `黄陂工）`,
/// `…释放演练。(魏` / `雅琳 郑浩)`. Returns the text before it and the byline.
#[must_use]
pub fn split_byline<'a>(line: &'a str, next: &str) -> Option<(&'a str, String)> {
    split_byline_spaced(line, false, next)
}

/// [`split_byline`] of a line that ended with white space (`space_after`) where it was
/// printed: a space stood there between two names (`…演练。（凌艳 ` / `钟伟强）`), kept.
#[must_use]
pub fn split_byline_spaced<'a>(
    line: &'a str,
    space_after: bool,
    next: &str,
) -> Option<(&'a str, String)> {
    // The next line's closing bracket first: nearly every line pair fails there, cheaply,
    // most on its last byte alone: no `)` (29) or last byte of `）` (EF BC 89), and none
    // that ends a white space character (09..0D, 20; 85 and A0 of U+0085 and U+00A0; 80..8A,
    // 9F, A8, A9, AF of U+1680, U+2000..U+200A, U+205F, U+2028, U+2029, U+202F, U+3000).
    if !matches!(
        next.as_bytes().last(),
        Some(0x09..=0x0D | 0x20 | 0x29 | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF)
    ) {
        return None;
    }
    let last = next.trim_end().chars().next_back()?;
    if !is_close_paren(last) {
        return None;
    }
    let open = line.rfind(['（', '('])?;
    let head = trim(&line[..open]);
    let open_len = line[open..].chars().next().map_or(1, char::len_utf8);
    let first = &line[open + open_len..];
    if head.is_empty() || !ends_sentence(head) {
        return None;
    }
    let rest = &next.trim_end()[..next.trim_end().len() - last.len_utf8()];
    if first.contains(['（', '(', '）', ')']) || rest.contains(['（', '(', '）', ')']) {
        return None;
    }
    // Either part letter-spaced by the OCR (`…礼包。 ( 林` / `思 敏 ）`) loses its spacing;
    // a space at the break stays only between names (`…劳 动 。(凌艳` / ` 钟伟强)`).
    let line_spaced = letter_spaced(line);
    let rest_spaced = {
        let mut runs = rest.split_whitespace();
        runs.clone().nth(1).is_some() && runs.all(|r| r.chars().nth(1).is_none())
    };
    let first = if line_spaced {
        despace(first)
    } else {
        first.to_string()
    };
    let rest = if rest_spaced {
        despace(rest)
    } else {
        rest.to_string()
    };
    let gap = if space_after && !rest_spaced && !trim(&first).is_empty() {
        " "
    } else {
        ""
    };
    let inner = [first.as_str(), gap, rest.as_str()].concat();
    is_byline_content(&inner).then(|| (head, trim(&inner).to_string()))
}

/// [`split_byline`] of line `j` and the next line of text inside the span, captions
/// printed between the two skipped (a caption falls at any line: `…本月底。(清城` /
/// `■职工在摄影展现场…` / `工)`). Returns the text before the byline, the byline, and the
/// index of the line that ends it.
pub fn split_byline_at<'a>(
    lines: &[Line<'a>],
    j: usize,
    end: usize,
) -> Option<(&'a str, String, usize)> {
    let mut k = j + 1;
    while k < end && lines[k].kind == Kind::Caption {
        k += 1;
        // The caption's credit on a line of its own, which closes no bracket.
        if k < end && lines[k].kind == Kind::Credit && !closes_bracket(lines[k].text) {
            k += 1;
        }
    }
    // The byline's end may read as a photographer's credit (`…生活。(文/方志远` / `图/李思敏)`).
    let next = lines
        .get(k)
        .filter(|n| k < end && matches!(n.kind, Kind::Text | Kind::Credit))?;
    let (head, by) = split_byline_spaced(lines[j].text, lines[j].space_after, next.text)?;
    Some((head, by, k))
}

fn closes_bracket(t: &str) -> bool {
    t.trim_end().ends_with(['）', ')'])
}

/// A byline with its white space collapsed to single spaces, or gone where the OCR
/// letter-spaced it (`（ 云 安 工 ）`: every run between spaces one character; names are of
/// two or more, so a space between names, `魏红婷 汪颖`, stays).
pub fn normalize_byline(b: &str) -> String {
    let runs: Vec<&str> = b.split_whitespace().collect();
    if runs.len() >= 2 && runs.iter().all(|r| r.chars().nth(1).is_none()) {
        return runs.concat();
    }
    runs.join(" ")
}
