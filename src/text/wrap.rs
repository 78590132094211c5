//! Line wrapping for Chinese text set in a terminal: lines are filled by display width
//! (unicode-width), may break between any two Chinese characters, never inside a run of Latin
//! letters or digits that fits on a line, and follow the kinsoku rules of GB/T 15834: closing
//! punctuation (，。、；：？！）》” … and their half-width forms) never starts a line and
//! opening punctuation (（《“ …) never ends one. A paragraph's first line keeps its indent.
//!
//! Written by hand rather than with textwrap: textwrap's UAX #14 splitter glues quotation
//! marks (class QU) to both neighbours, so `的“流动体检车”和` becomes one unbreakable word,
//! and its `break_words` fallback splits anywhere, ignoring the punctuation rules.
//!
//! The only exception to the rules is forced: a cluster that cannot be broken legally (one
//! character with its punctuation, or a Latin word) and is wider than the whole line is cut
//! where the width runs out. A character wider than the line (a Chinese character at width
//! 1) gets a line of its own.

use super::char_width;

/// One wrapped line: its text (the indent included on a paragraph's first line) and the
/// index, in characters of the wrapped text, of its first character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub text: String,
    pub start: usize,
}

/// Punctuation that must not start a line.
#[must_use]
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〗'
            | '”'
            | '’'
            | '．'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
    )
}

/// Punctuation that must not end a line.
#[must_use]
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '《' | '〈' | '「' | '『' | '【' | '〔' | '〖' | '“' | '‘' | '(' | '[' | '{'
    )
}

/// Spaces, at which lines break and which are dropped at a line's end.
#[must_use]
pub fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// Characters of a Latin word or a number, which stay together.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '%' | '\'' | '-' | '_' | '/' | '@' | '#' | '&' | '+' | '=' | '.' | ','
        )
}

/// Whether a line may break between `a` and `b`.
#[must_use]
pub fn may_break(a: char, b: char) -> bool {
    breaks(a, b, char_width(b))
}

/// [`may_break`] with the width of `b` already known.
fn breaks(a: char, b: char, b_width: usize) -> bool {
    if b_width == 0 || is_space(b) || is_opening(a) || is_closing(b) {
        return false;
    }
    if is_space(a) {
        return true;
    }
    if is_latin(a) && is_latin(b) {
        return false;
    }
    // The two halves of —— and …… stay together.
    !(a == b && matches!(a, '—' | '…' | '⋯'))
}

/// A run that is never broken unless it is wider than a line.
struct Cluster {
    /// Char index of the first character.
    start: usize,
    /// Byte range in the text.
    from: usize,
    to: usize,
    /// Width without the trailing spaces, and with them.
    core: usize,
    full: usize,
}

/// Wraps `text` into lines of at most `width` columns, the first one starting with `indent`.
/// The indent is dropped when it would take more than half the width. Spaces at the end of
/// a line are dropped; no other character is lost, added or moved.
#[must_use]
pub fn wrap(text: &str, width: usize, indent: &str) -> Vec<Wrapped> {
    let width = width.max(1);
    if text.is_empty() {
        return vec![Wrapped {
            text: String::new(),
            start: 0,
        }];
    }
    let indent_width = super::width(indent);
    let indent = if indent_width * 2 <= width {
        indent
    } else {
        ""
    };
    let mut out = Lines {
        lines: Vec::new(),
        cur: {
            let mut s = String::with_capacity(width * 2 + indent.len());
            s.push_str(indent);
            s
        },
        cur_width: super::width(indent),
        keep: indent.len(),
        start: None,
    };
    for cluster in clusters(text) {
        let piece = &text[cluster.from..cluster.to];
        if out.cur_width + cluster.core <= width {
            out.push_cluster(piece, cluster.start, cluster.full);
        } else if out.start.is_some() && cluster.core <= width {
            out.break_line();
            out.push_cluster(piece, cluster.start, cluster.full);
        } else {
            if out.start.is_some() {
                out.break_line();
            }
            for (i, c) in piece.chars().enumerate() {
                let w = char_width(c);
                if !is_space(c) && out.cur_width + w > width && out.cur_width > 0 {
                    out.break_line();
                }
                out.push_char(c, cluster.start + i, w);
            }
        }
    }
    if out.start.is_some() || out.lines.is_empty() {
        out.break_line();
    }
    out.lines
}

/// The lines being built.
struct Lines {
    lines: Vec<Wrapped>,
    cur: String,
    cur_width: usize,
    /// Byte length of `cur` without its trailing spaces.
    keep: usize,
    /// Char index of the current line's first character, once it has one.
    start: Option<usize>,
}

impl Lines {
    fn push_cluster(&mut self, piece: &str, start: usize, full: usize) {
        self.start.get_or_insert(start);
        let core = piece.trim_end_matches(is_space).len();
        if core > 0 {
            self.keep = self.cur.len() + core;
        }
        self.cur.push_str(piece);
        self.cur_width += full;
    }

    fn push_char(&mut self, c: char, index: usize, w: usize) {
        self.start.get_or_insert(index);
        self.cur.push(c);
        if !is_space(c) {
            self.keep = self.cur.len();
        }
        self.cur_width += w;
    }

    fn break_line(&mut self) {
        let cap = self.cur.capacity();
        let mut text = std::mem::replace(&mut self.cur, String::with_capacity(cap));
        text.truncate(self.keep);
        self.lines.push(Wrapped {
            text,
            start: self.start.take().unwrap_or(0),
        });
        self.cur_width = 0;
        self.keep = 0;
    }
}

fn clusters(text: &str) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::with_capacity(text.len() / 3 + 1);
    let mut prev: Option<char> = None;
    // The last character that is not a space: opening punctuation holds on to what follows
    // it across spaces too (UAX #14: OP SP* ×).
    let mut prev_visible: Option<char> = None;
    for (i, (byte, c)) in text.char_indices().enumerate() {
        let w = char_width(c);
        let joins = prev.is_some_and(|p| !breaks(p, c, w))
            || (prev.is_some_and(is_space) && prev_visible.is_some_and(is_opening));
        match out.last_mut() {
            Some(cl) if joins => {
                cl.to = byte + c.len_utf8();
                cl.full += w;
                if !is_space(c) {
                    cl.core = cl.full;
                }
            }
            _ => out.push(Cluster {
                start: i,
                from: byte,
                to: byte + c.len_utf8(),
                core: if is_space(c) { 0 } else { w },
                full: w,
            }),
        }
        prev = Some(c);
        if !is_space(c) {
            prev_visible = Some(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Wrapped]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn keeps_punctuation_off_line_starts() {
        // 10 columns: 5 characters. 「活动中，」 would put ， at the start of line 2.
        let lines = wrap("活动现场中，慰问组与货车司机亲切交谈。", 10, "");
        for l in &lines {
            assert!(crate::text::width(&l.text) <= 10);
            assert!(
                !l.text.starts_with('，') && !l.text.starts_with('。'),
                "{lines:?}"
            );
        }
        assert_eq!(
            texts(&lines),
            ["活动现场", "中，慰问组", "与货车司机", "亲切交谈。"]
        );
    }

    #[test]
    fn keeps_opening_off_line_ends() {
        let lines = wrap("为了“流动体检车”服务", 8, "");
        for l in &lines {
            assert!(!l.text.ends_with('“'), "{lines:?}");
        }
    }

    #[test]
    fn indent_and_numbers() {
        let lines = wrap(
            "本报讯 近日，为200多名网约车司机提供服务。",
            20,
            "\u{3000}\u{3000}",
        );
        assert_eq!(lines[0].text, "\u{3000}\u{3000}本报讯 近日，为");
        assert_eq!(lines[0].start, 0);
        assert_eq!(lines[1].text, "200多名网约车司机提");
        assert_eq!(lines[1].start, 8);
    }

    #[test]
    fn opening_holds_on_across_spaces() {
        // Found by the property test: "( " fitted after "）" and left "(" ending a line.
        assert_eq!(
            texts(&wrap("（工职）( 动", 3, "")),
            vec!["（", "工", "职", "）", "(", "动"]
        );
    }

    #[test]
    fn tiny_widths_do_not_loop() {
        for w in 0..4 {
            let lines = wrap("中，。“文”", w, "\u{3000}\u{3000}");
            assert!(!lines.is_empty());
        }
        assert_eq!(wrap("", 10, "  ").len(), 1);
    }
}
