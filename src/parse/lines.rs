//! Classifying a page's lines: lead, caption, credit, byline, markdown heading or plain text.
//! Also the small character rules the rest of the parser shares: display width, terminal
//! punctuation, CJK. Pure functions over borrowed text.
//!
//! Past 600 lines with its tests (under 500 without; bylines are `byline`'s, the people of a
//! lead `people`'s): the line kinds share their small character rules, and the unit tests of
//! each kind stand beside them.

mod byline;
mod people;

pub use byline::{
    byline_of_line, is_byline_content, normalize_byline, split_byline, split_byline_at,
    split_byline_spaced, trailing_byline,
};
use people::outlet_name_len;
pub use people::{people_span, role_at, PeopleSpan, Role, RELATIVE_DATES, ROLES};
use unicode_width::UnicodeWidthChar;

/// What a line is, as far as can be told from the line alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Starts with a lead marker (本报讯).
    Lead,
    /// A photo caption, starting with ■.
    Caption,
    /// A photo credit on a line of its own (单位供图).
    Credit,
    /// A closing attribution on a line of its own: （云安工）.
    Byline,
    /// Text: body or heading, decided by context.
    Text,
}

/// One non-blank line of a page.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// 1-based line number in the page.
    pub no: usize,
    /// The line with surrounding white space and markdown markers removed.
    pub text: &'a str,
    pub kind: Kind,
    /// Printed as a markdown heading (`## `).
    pub markdown: bool,
    /// Ends with two or more spaces: a hard break inside a heading.
    pub hard_break: bool,
    /// Ends with white space: a space stood where the line breaks (`许接英 ` / `通讯员…`,
    /// `Model ` / `3`), kept when the line is joined to the next.
    pub space_after: bool,
    /// Printed width of `text` (see [`print_width`]).
    pub width: usize,
    /// Whether `text` ends a sentence ([`ends_sentence`]), decided once.
    pub sentence_end: bool,
    /// Whether `text` holds white space ([`has_whitespace`]), found while measuring it.
    pub spaced: bool,
}

/// Markers that open an article's lead. An outlet's own 讯 (`南方工报讯`, `江门日报讯`) and a
/// reporter's `记者X报道：` open one too (see [`lead_marker_at_start`]).
pub const LEAD_MARKERS: &[&str] = &["本报讯", "本报电", "本报综合讯"];

const CAPTION_MARKS: &[char] = &['■', '□', '▲', '△', '◆'];

/// Splits a decoded page, folded to simplified script
/// ([`crate::text::script::simplified`]), into classified non-blank lines.
#[must_use]
pub fn classify(text: &str) -> Vec<Line<'_>> {
    let mut lines: Vec<Line<'_>> = Vec::new();
    for (i, raw) in split_lines(text).enumerate() {
        let hard_break = raw.ends_with("  ") || raw.ends_with('\u{3000}');
        let space_after = raw.ends_with(char::is_whitespace);
        let mut t = trim(raw);
        if t.is_empty() {
            continue;
        }
        // One space opening a line stood where the line breaks (`热爱劳动。（凌艳` /
        // ` 钟伟强）`), as one closing the line before (blank lines between them or not);
        // two or more indent a paragraph.
        if raw.starts_with(' ') && !raw[1..].starts_with(char::is_whitespace) {
            if let Some(prev) = lines.last_mut() {
                prev.space_after = true;
            }
        }
        let mut markdown = false;
        if t.starts_with('#') {
            let stripped = trim(t.trim_start_matches('#'));
            if !stripped.is_empty() && t.len() - t.trim_start_matches('#').len() <= 6 {
                markdown = true;
                t = stripped;
            }
        }
        let kind = kind_of(t);
        let (width, spaced) = measure(t);
        lines.push(Line {
            no: i + 1,
            text: t,
            kind,
            markdown,
            hard_break,
            space_after,
            width,
            sentence_end: ends_sentence(t),
            spaced,
        });
    }
    mark_reporter_leads(&mut lines);
    lines
}

/// `text.split('\n')`, the line ends found by memchr's vector search (`str::split` looks
/// for them a word at a time, 1.5% of the parse).
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        match ends.next() {
            Some(end) => {
                start = Some(end + 1);
                text.get(from..end)
            }
            None => {
                start = None;
                text.get(from..)
            }
        }
    })
}

/// How many lines a reporter's lead (`本报记者 王某 通讯员 李某 报道：`) may run over in a
/// narrow column before its 报道.
const REPORTER_LEAD_LINES: usize = 3;

/// Marks as leads the text lines that open a reporter's lead whose 报道 falls on a later line.
fn mark_reporter_leads(lines: &mut [Line<'_>]) {
    for i in 0..lines.len() {
        if lines[i].kind != Kind::Text || role_at(lines[i].text).is_none() {
            continue;
        }
        let mut joined = String::new();
        let mut space_before = false;
        for l in lines[i..].iter().take(REPORTER_LEAD_LINES) {
            if l.kind != Kind::Text {
                break;
            }
            // A space where the line broke after a name (`端工宣 ` / `报道：`).
            if space_before {
                joined.push(' ');
            }
            space_before = l.space_after;
            if letter_spaced(l.text) {
                push_despaced(&mut joined, l.text);
            } else {
                joined.push_str(l.text);
            }
            if lead_marker_in_folded(&joined).is_some() {
                lines[i].kind = Kind::Lead;
                break;
            }
        }
    }
}

/// The width a line takes in print, in half-em cells: ideographs 2, Latin 1, and full-width
/// punctuation 1, because columns are justified by compressing punctuation (a line of
/// 、、、 holds more characters than a line of ideographs). White space counts nothing: OCR
/// letter-spacing (`总 工 会`) does not widen a line of the column.
#[must_use]
pub fn print_width(t: &str) -> usize {
    measure(t).0
}

/// [`print_width`] and [`has_whitespace`] in one pass.
fn measure(t: &str) -> (usize, bool) {
    // Fast paths on the UTF-8 bytes for ASCII, the ideographs U+4E00..U+9FFF (lead byte
    // E5..E9, or E4 followed by B8..BF) and CJK punctuation, nearly all of a page.
    let b = t.as_bytes();
    let mut w = 0;
    let mut space = false;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        // Ideographs first: most characters of a line are.
        if (0xE5..=0xE9).contains(&x) || (x == 0xE4 && b.get(i + 1) >= Some(&0xB8)) {
            w += 2;
            i += 3;
        } else if x < 0x80 {
            let white = x == b' ' || (b'\t'..=b'\r').contains(&x);
            w += usize::from(x > 0x20 && x != 0x7f);
            space |= white;
            i += 1;
        } else if (x == 0xE3 && b.get(i + 1) == Some(&0x80))
            || (x == 0xEF && matches!(b.get(i + 1), Some(0xBC | 0xBD)))
        {
            // CJK punctuation U+3000..U+303F and full-width forms U+FF00..U+FF7F; U+3000
            // is white space.
            let white = x == 0xE3 && b.get(i + 2) == Some(&0x80);
            w += usize::from(!white);
            space |= white;
            i += 3;
        } else {
            let Some(c) = t.get(i..).and_then(|s| s.chars().next()) else {
                break;
            };
            w += char_width(c);
            space |= c.is_whitespace();
            i += c.len_utf8();
        }
    }
    (w, space)
}

fn char_width(c: char) -> usize {
    if c.is_whitespace() {
        0
    } else if c.is_ascii() {
        usize::from(!c.is_ascii_control())
    } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        2
    } else if is_cjk(c) && !is_han(c) {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// Whether `s` holds any white space (as [`char::is_whitespace`] counts it), checked on its
/// bytes one character at a time by lead byte: ASCII white space, U+0085 and U+00A0 (C2 85,
/// C2 A0), U+1680 (E1 9A 80), U+2000..U+200A, U+2028, U+2029, U+202F (E2 80 ..), U+205F
/// (E2 81 9F) and U+3000 (E3 80 80). Ideographs (lead bytes E4..E9) are skipped whole.
#[must_use]
pub fn has_whitespace(s: &str) -> bool {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x >= 0xE4 {
            // Ideographs, full-width forms and beyond: never white space.
            i += 3 + usize::from(x >= 0xF0);
        } else if x < 0x80 {
            if x == b' ' || x.wrapping_sub(b'\t') < 5 {
                return true;
            }
            i += 1;
        } else {
            let (y, z) = (at(i + 1), at(i + 2));
            let space = match x {
                0xC2 => y == 0x85 || y == 0xA0,
                0xE1 => y == 0x9A && z == 0x80,
                0xE2 => {
                    (y == 0x80 && (z <= 0x8A || matches!(z, 0xA8 | 0xA9 | 0xAF)))
                        || (y == 0x81 && z == 0x9F)
                }
                0xE3 => y == 0x80 && z == 0x80,
                _ => false,
            };
            if space {
                return true;
            }
            i += if x >= 0xE0 { 3 } else { 2 };
        }
    }
    false
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
pub fn push_despaced(out: &mut String, s: &str) {
    if !has_whitespace(s) {
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

/// Whether a line is letter-spaced by OCR (`端 工 宣 报 道 ： 1 月 15 日`): four or more runs
/// between white space, at least three in four of them a single character. Words set apart
/// by spaces (`本报记者 吴海燕 通讯员`) are not.
#[must_use]
pub fn letter_spaced(t: &str) -> bool {
    if !has_whitespace(t) {
        return false;
    }
    let (mut runs, mut single) = (0usize, 0usize);
    for run in t.split(char::is_whitespace).filter(|r| !r.is_empty()) {
        runs += 1;
        single += usize::from(run.chars().nth(1).is_none());
    }
    runs >= 4 && single * 4 >= runs * 3
}

/// Trims ASCII and ideographic white space.
#[must_use]
pub fn trim(s: &str) -> &str {
    // Nearly every line starts and ends with no white space (a letter, an ideograph or
    // punctuation), which its first byte and its last character's lead byte show: ASCII
    // above the space, or a lead byte of U+4000 and beyond (all white space is below
    // U+3001). Then nothing is trimmed and no character is decoded.
    let b = s.as_bytes();
    let bare = |x: u8| (b' ' < x && x < 0x80) || x >= 0xE4;
    let last_bare = match b.last() {
        Some(&x) if x < 0x80 => bare(x),
        Some(_) => b.len() >= 3 && (0xE4..0xF0).contains(&b[b.len() - 3]),
        None => false,
    };
    if last_bare && b.first().is_some_and(|&x| bare(x)) {
        return s;
    }
    s.trim_matches(|c: char| c.is_whitespace())
}

fn kind_of(t: &str) -> Kind {
    if lead_marker_in_folded(t).is_some() {
        Kind::Lead
    } else if t.starts_with(CAPTION_MARKS) {
        Kind::Caption
    } else if is_credit(t) {
        Kind::Credit
    } else if byline_of_line(t).is_some() {
        Kind::Byline
    } else {
        Kind::Text
    }
}

/// The byte length of the lead marker a line starts with, if any.
///
/// Three forms: the paper's own markers ([`LEAD_MARKERS`]); an outlet's 讯 (`南方工报讯`,
/// `中山日报讯`, `羊城晚报讯`: an outlet's name ending in 报, then 讯); and a reporter's
/// `记者X报道：` with no marker before it (`本报记者 王某 通讯员 李某 报道：`), whose marker is
/// empty (length 0, or the brackets before it).
#[must_use]
pub fn lead_marker_at_start(t: &str) -> Option<usize> {
    // In either script (本報訊 is 本报讯): the fold keeps byte lengths.
    lead_marker_in_folded(&crate::text::script::simplified(t))
}

/// [`lead_marker_at_start`] of a line folded to simplified script already (the lines of
/// [`classify`]).
#[must_use]
pub(super) fn lead_marker_in_folded(t: &str) -> Option<usize> {
    let t2 = t.trim_start_matches(['【', '[']);
    // Most lines open no lead, and their start tells: every form below starts with a role
    // word's first character (本报讯, 本报记者 are 本…) or has 报 near its start (an outlet's
    // name; see `outlet_name_len`, and `role_at` inside `people_span`).
    if !t2.starts_with(people::ROLE_STARTS) && !people::bao_near_start(t2) {
        return None;
    }
    let skipped = t.len() - t2.len();
    if let Some(m) = LEAD_MARKERS.iter().find(|m| t2.starts_with(**m)) {
        return Some(skipped + m.len());
    }
    if let Some(len) = outlet_name_len(t2).filter(|&n| t2[n..].starts_with('讯')) {
        // `据南方日报讯` cites another paper inside a report.
        if !t2.starts_with('据') {
            return Some(skipped + len + '讯'.len_utf8());
        }
    }
    // People in parentheses open no lead without a marker before them: not even looked for.
    if t2.starts_with(is_open_paren) {
        return None;
    }
    people_span(t2)
        .filter(|p| !p.parenthesized && t2[..p.end].ends_with(['：', ':']))
        .map(|_| skipped)
}

/// A photo credit: `单位供图`, `XXX 摄`, `图/XXX`, `(XXX 摄)`; short, no sentence punctuation.
#[must_use]
pub fn is_credit(t: &str) -> bool {
    if t.len() > 16 * 4 + 8 {
        return false;
    }
    // Most lines are no credit, and their ends tell: once brackets and white space are
    // trimmed, a credit ends with 图, 稿 or 摄 or starts with 图, so the line's last and first
    // characters are those or what is trimmed.
    const TRIMMED: [char; 4] = ['（', '）', '(', ')'];
    let ends = t.ends_with(['图', '稿', '摄']) || t.ends_with(TRIMMED);
    let starts = t.starts_with('图') || t.starts_with(TRIMMED);
    if !ends && !starts && !t.ends_with(char::is_whitespace) && !t.starts_with(char::is_whitespace)
    {
        return false;
    }
    let t = trim(t.trim_matches(TRIMMED));
    let shaped = t.ends_with("供图")
        || t.ends_with("供稿")
        || t.ends_with('摄')
        || t.starts_with("图")
        || t.starts_with("图片来源");
    if !shaped {
        return false;
    }
    let n = t.chars().count();
    if n == 0 || n > 16 || t.contains(['，', '。', ',', '；']) {
        return false;
    }
    t.ends_with("供图")
        || t.ends_with("供稿")
        || (t.ends_with('摄') && n >= 3 && !t.ends_with("拍摄") && names_before_shot(t))
        || t.starts_with("图/")
        || t.starts_with("图／")
        || t.starts_with("图片来源")
}

/// Whether what stands before a credit's closing 摄 is names (`韦丽华/摄`, `记者 张小明 摄`,
/// `张三、李四 摄`): each part, after a role word (记者, 通讯员, 实习生), is four characters at
/// most. A body line cut inside a word after 摄 (`课程包括电动车安全驾驶、手机摄` / `影…`)
/// is no credit.
fn names_before_shot(t: &str) -> bool {
    let names = t.trim_end_matches('摄');
    names
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '/' | '／'))
        .all(|part| {
            let name = ["记者", "通讯员", "实习生"]
                .iter()
                .filter_map(|role| part.rfind(role).map(|at| &part[at + role.len()..]))
                .min_by_key(|rest| rest.len())
                .unwrap_or(part);
            name.chars().count() <= 4
        })
}

/// Splits a caption line's text (without ■) into caption and credit, where the credit ends
/// the line after a space: `网约车司机有序参加免费体检。 单位供图`.
#[must_use]
pub fn split_credit(t: &str) -> (&str, Option<&str>) {
    // Where a credit can start: a credit word, after the caption's last full stop, or after
    // a space; the earliest start whose tail is a credit wins (`记者 张小明 摄`).
    let mut starts: Vec<usize> = ["记者", "通讯员", "图/", "图／", "摄影"]
        .iter()
        .filter_map(|w| t.find(w))
        .collect();
    if let Some(i) = t.rfind('。') {
        starts.push(i + '。'.len_utf8());
    }
    starts.extend(t.match_indices([' ', '\u{3000}']).map(|(i, _)| i));
    starts.sort_unstable();
    for start in starts {
        let head = trim(&t[..start]);
        let tail = trim(&t[start..]);
        if !head.is_empty() && is_credit(tail) {
            return (head, Some(tail));
        }
    }
    for suffix in ["单位供图", "资料图片"] {
        if let Some(head) = t.strip_suffix(suffix) {
            if !trim(head).is_empty() {
                return (trim(head), Some(suffix));
            }
        }
    }
    (t, None)
}

fn is_open_paren(c: char) -> bool {
    c == '（' || c == '('
}
fn is_close_paren(c: char) -> bool {
    c == '）' || c == ')'
}

/// Whether a line ends a sentence: 。！？… possibly followed by closing quotes or brackets.
#[must_use]
pub fn ends_sentence(t: &str) -> bool {
    let core = t.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '"' | '\'' | '》')
    });
    core.ends_with(['。', '！', '？', '!', '?', '…', '.'])
        && !core.ends_with("..")
        && !core
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| c.is_ascii_digit())
}

/// Han ideographs and the CJK punctuation and full-width forms printed with them.
#[must_use]
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{2018}'..='\u{201F}'
        | '\u{2014}'..='\u{2026}'
        | '\u{00B7}'
        | '\u{20000}'..='\u{2FFFF}')
}

/// Han ideographs only.
#[must_use]
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies() {
        let lines = classify(" 本报讯 （全媒体记者甲 通讯\n\n■某某现场。 单位供图\n单位供图\n(武江工）\n## 标题  \n正文，");
        let kinds: Vec<Kind> = lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Lead,
                Kind::Caption,
                Kind::Credit,
                Kind::Byline,
                Kind::Text,
                Kind::Text
            ]
        );
        assert!(lines[4].markdown && lines[4].hard_break);
        assert_eq!(lines[4].text, "标题");
    }

    /// `lead_marker_in_folded` passes over a line that neither starts like a role word nor
    /// has 报 near its start: every lead marker must start like a role word.
    #[test]
    fn lines_split_as_str_split_does() {
        for text in ["", "\n", "a", "a\n", "\na", "甲\n\n乙\r\n丙", "甲\n乙\n"] {
            let ours: Vec<&str> = split_lines(text).collect();
            let std: Vec<&str> = text.split('\n').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn lead_markers_start_like_role_words() {
        for m in LEAD_MARKERS {
            assert!(m.starts_with(people::ROLE_STARTS), "{m}");
        }
    }

    #[test]
    fn letter_spaced_lines_and_reporter_leads_over_them() {
        assert!(letter_spaced("端 工 宣 报 道 ： 1 月 15 日 ， 肇 庆"));
        assert!(!letter_spaced("本报记者 吴海燕 通讯员"));
        assert!(!letter_spaced("从严从简 扎实推进"));
        assert!(!letter_spaced("工会"));
        assert_eq!(
            lead_marker_at_start("本报记者 吴某 通讯员 李某 报 道 ： 1月"),
            Some(0)
        );
        // A reporter's lead whose names and 报道 run on over a letter-spaced line.
        let page =
            "本报记者 吴某 通讯员 \n李 某 报 道 ： 1 月 15 日 ， 肇 庆\n市总工会举办活动。\n";
        let lines = classify(page);
        assert_eq!(lines[0].kind, Kind::Lead, "{lines:?}");
    }

    #[test]
    fn lead_markers_of_other_outlets_and_reporters() {
        assert_eq!(
            lead_marker_at_start("南方工报讯（记者林某）"),
            Some("南方工报讯".len())
        );
        assert_eq!(
            lead_marker_at_start("中山日报讯 近日，"),
            Some("中山日报讯".len())
        );
        assert_eq!(
            lead_marker_at_start("羊城晚报讯（记者周某）"),
            Some("羊城晚报讯".len())
        );
        assert_eq!(
            lead_marker_at_start("【江门日报讯】"),
            Some("【江门日报讯".len())
        );
        assert_eq!(lead_marker_at_start("据南方日报讯，"), None);
        assert_eq!(
            lead_marker_at_start("本报记者 吴某 报道：1月15日，"),
            Some(0)
        );
        assert_eq!(
            lead_marker_at_start("记者王某 通讯员李某报道：1月"),
            Some(0)
        );
        // Without 报道： a role word opens no lead (a body line, a caption credit).
        assert_eq!(lead_marker_at_start("记者 王某 通讯员 李某"), None);
        assert_eq!(lead_marker_at_start("记者了解到，今年"), None);
        // A reporter's lead whose 报道 falls on the next column line.
        let lines =
            classify("本报记者 吴某某 通讯员 端\n工宣 报道：1月15日，…\n记者了解到，\n今年…");
        assert_eq!(lines[0].kind, Kind::Lead);
        assert_eq!(lines[1].kind, Kind::Text);
        assert_eq!(lines[2].kind, Kind::Text);
    }

    #[test]
    fn text_and_photo_credits_are_bylines() {
        assert_eq!(
            byline_of_line("文/方某某 图/李某某"),
            Some("文/方某某 图/李某某")
        );
        assert_eq!(byline_of_line("文/图 方某某"), Some("文/图 方某某"));
        assert_eq!(byline_of_line("文化站开放"), None);
        assert!(is_credit("韦某某/摄"));
        assert!(is_credit("图/李某某"));
    }

    #[test]
    fn measured_lines_agree_with_the_char_rules() {
        let text =
            "本报讯 近日，\n甲\u{3000}乙、丙\n“Model 3”—…\u{00A0}x\n■图　说\n𠀀𠀁 a\u{2009}b";
        for l in classify(text) {
            assert_eq!(l.spaced, has_whitespace(l.text), "{:?}", l.text);
            assert_eq!(l.width, l.text.chars().map(char_width).sum::<usize>());
            assert_eq!(l.sentence_end, ends_sentence(l.text));
        }
    }

    #[test]
    fn white_space_on_bytes() {
        let spaces = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace());
        for c in spaces {
            for s in [
                format!("{c}"),
                format!("a{c}"),
                format!("工会{c}工会"),
                format!("{c}、"),
            ] {
                assert!(has_whitespace(&s), "{s:?}");
            }
        }
        for s in [
            "",
            "a",
            "工会",
            "。、“”—…",
            "\u{2010}\u{200B}\u{3001}\u{0080}\u{00A1}",
        ] {
            assert!(!has_whitespace(s), "{s:?}");
        }
    }

    #[test]
    fn bylines_cut_by_the_edge_lose_their_letter_spacing_part_by_part() {
        // The rest letter-spaced.
        assert_eq!(
            split_byline("《职工法律维权手册》500册。（塘", "厦 工 ）"),
            Some(("《职工法律维权手册》500册。", "塘厦工".to_string()))
        );
        // The line letter-spaced, the rest not: the space between the credits stays.
        assert_eq!(
            split_byline("门 口 就 能 读 到 好 书 。(文", "/何文静 图/陈立新）"),
            Some((
                "门 口 就 能 读 到 好 书 。",
                "文/何文静 图/陈立新".to_string()
            ))
        );
        // A space at the break between two names stays, the line letter-spaced or not.
        assert_eq!(
            split_byline_spaced("热 爱 劳 动 。(凌艳", true, "钟伟强)"),
            Some(("热 爱 劳 动 。", "凌艳 钟伟强".to_string()))
        );
    }

    #[test]
    fn a_credit_line_that_closes_a_bracket_ends_a_cut_byline() {
        assert_eq!(byline_of_line("文/何文静 图/陈立新）"), None);
        assert_eq!(
            byline_of_line("文/何文静 图/陈立新"),
            Some("文/何文静 图/陈立新")
        );
    }

    #[test]
    fn one_space_opening_a_line_stood_at_its_break() {
        // Blank lines between (the columns layout) or not.
        let lines = classify("热爱劳动。（凌艳\n\n 钟伟强）\n");
        assert!(lines[0].space_after);
        let lines = classify("热爱劳动。（凌艳\n 钟伟强）\n");
        assert!(lines[0].space_after);
        // Two or more indent a paragraph.
        let lines = classify("第一段到此结束。\n  第二段从这里开始。\n");
        assert!(!lines[0].space_after);
    }

    #[test]
    fn trailing_bylines() {
        assert_eq!(trailing_byline("力。 （珠海工）"), Some(("力。", "珠海工")));
        assert_eq!(
            trailing_byline("增添绿意。(许艳芬)"),
            Some(("增添绿意。", "许艳芬"))
        );
        assert_eq!(trailing_byline("公司(以下简称“衍生公司”)"), None);
        assert_eq!(trailing_byline("司机200人（其中女性）"), None);
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("作走深走实。"));
        assert!(ends_sentence("增添“新”动力。”"));
        assert!(!ends_sentence("抓好“强基工程”"));
        assert!(!ends_sentence("截至3."));
    }

    #[test]
    fn credits() {
        assert_eq!(
            split_credit("网约车司机有序参加免费体检。 单位供图"),
            ("网约车司机有序参加免费体检。", Some("单位供图"))
        );
        assert!(is_credit("本报记者 张三 摄"));
        assert_eq!(
            split_credit("送温暖现场。记者 张小明 摄"),
            ("送温暖现场。", Some("记者 张小明 摄"))
        );
        assert_eq!(split_credit("职工在车间拍摄"), ("职工在车间拍摄", None));
        assert!(!is_credit("座谈会现场"));
        assert!(is_credit("南方工报记者 张小明 摄"));
        assert!(is_credit("通讯员李四、王五 摄"));
        assert!(!is_credit("课程包括电动车安全驾驶、手机摄"));
    }
}
