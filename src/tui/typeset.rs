//! Sets an article for the reader at a width: heading block (kicker, title, subtitle), meta
//! line, paragraphs with the two-character indent, captions (■ caption, credit) and byline,
//! all sanitized and wrapped by [`crate::text::wrap`]. Each line remembers which block and
//! character it starts at, so the reading position survives a re-wrap.

use crate::model::{Article, Corpus};
use crate::text::{sanitize, width, wrap::wrap};

/// The paragraph indent: two ideographic spaces.
pub const INDENT: &str = "\u{3000}\u{3000}";

/// What a reader line is, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Kicker,
    Title,
    Subtitle,
    Meta,
    Lead,
    Body,
    Caption,
    Credit,
    Byline,
    Blank,
    /// The heading over the related articles listed under an article.
    RelatedHeading,
    /// One related article (title · city), listed under the article.
    Related,
}

/// One line of a set article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderLine {
    pub text: String,
    pub kind: LineKind,
    /// The block (heading line, paragraph, caption…) it belongs to, in reading order.
    pub block: usize,
    /// The character of the block it starts at; `usize::MAX` for the blank after a block.
    pub start: usize,
}

impl ReaderLine {
    /// Where the line is in the article, comparable across widths.
    #[must_use]
    pub fn anchor(&self) -> (usize, usize) {
        (self.block, self.start)
    }
}

/// A short name for a page: its edition's page and section (`第4版 工会`), or `版面 000`
/// from its file name (see [`crate::model::Page::name`]).
#[must_use]
pub fn page_label(corpus: &Corpus, page: &str) -> String {
    corpus
        .page_index(page)
        .and_then(|i| corpus.pages.get(i))
        .map_or_else(|| page.to_string(), crate::model::Page::name)
}

struct Builder {
    lines: Vec<ReaderLine>,
    width: usize,
    block: usize,
}

impl Builder {
    fn block(&mut self, text: &str, kind: LineKind, indent: &str) {
        let text = sanitize(text);
        for w in wrap(&text, self.width, indent) {
            self.lines.push(ReaderLine {
                text: w.text,
                kind,
                block: self.block,
                start: w.start,
            });
        }
        self.block += 1;
    }

    /// Sets `parts` joined by `sep` as one block, breaking its lines between parts (the
    /// separator dropped at the break) rather than inside one: `通讯员 黄晓彤` stays whole. A
    /// part wider than a line is wrapped inside as any text is.
    fn parts(&mut self, parts: &[String], sep: &str, kind: LineKind) {
        let sep_chars = sep.chars().count();
        let mut line = String::new();
        let mut line_start = 0;
        // Characters of the joined text before the current part.
        let mut offset = 0;
        for (i, part) in parts.iter().enumerate() {
            let part = sanitize(part);
            if i > 0 {
                if width(&line) + width(sep) + width(&part) > self.width {
                    self.push_line(std::mem::take(&mut line), kind, line_start);
                    line_start = offset + sep_chars;
                } else {
                    line.push_str(sep);
                }
                offset += sep_chars;
            }
            if line.is_empty() && width(&part) > self.width {
                let mut pieces = wrap(&part, self.width, "");
                let last = pieces.pop();
                for w in pieces {
                    self.push_line(w.text, kind, offset + w.start);
                }
                if let Some(w) = last {
                    line = w.text;
                    line_start = offset + w.start;
                }
            } else {
                line.push_str(&part);
            }
            offset += part.chars().count();
        }
        if !line.is_empty() {
            self.push_line(line, kind, line_start);
        }
        self.block += 1;
    }

    fn push_line(&mut self, text: String, kind: LineKind, start: usize) {
        self.lines.push(ReaderLine {
            text,
            kind,
            block: self.block,
            start,
        });
    }

    fn blank(&mut self) {
        self.lines.push(ReaderLine {
            text: String::new(),
            kind: LineKind::Blank,
            block: self.block.saturating_sub(1),
            start: usize::MAX,
        });
    }
}

/// Sets an article at `width` columns.
#[must_use]
pub fn typeset(corpus: &Corpus, a: &Article, width: usize) -> Vec<ReaderLine> {
    let mut b = Builder {
        lines: Vec::new(),
        width: width.max(1),
        block: 0,
    };
    if let Some(k) = a.kicker.as_deref().filter(|k| !k.is_empty()) {
        b.block(k, LineKind::Kicker, "");
    }
    b.block(&a.title, LineKind::Title, "");
    if let Some(s) = a.subtitle.as_deref().filter(|s| !s.is_empty()) {
        b.block(s, LineKind::Subtitle, "");
    }
    b.blank();
    let mut meta = a.meta_parts();
    meta.push(crate::render::page_label(a, corpus.page_of(a)));
    b.parts(&meta, crate::render::META_SEPARATOR, LineKind::Meta);
    b.blank();
    for (i, p) in a.paragraphs.iter().enumerate() {
        let kind = if i == 0 {
            LineKind::Lead
        } else {
            LineKind::Body
        };
        b.block(p, kind, INDENT);
    }
    for c in a.caption_list() {
        b.blank();
        b.block(&format!("■ {}", c.text), LineKind::Caption, "");
        if let Some(credit) = c.credit.as_deref().filter(|c| !c.is_empty()) {
            b.block(credit, LineKind::Credit, "");
        }
    }
    if let Some(by) = a.byline.as_deref().filter(|b| !b.is_empty()) {
        b.blank();
        b.block(&format!("（{by}）"), LineKind::Byline, "");
    }
    b.lines
}

/// The index of the line holding `anchor` (the last line starting at or before it).
#[must_use]
pub fn find_anchor(lines: &[ReaderLine], anchor: (usize, usize)) -> usize {
    lines
        .partition_point(|l| l.anchor() <= anchor)
        .saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_lines(parts: &[&str], width: usize) -> Vec<ReaderLine> {
        let mut b = Builder {
            lines: Vec::new(),
            width,
            block: 0,
        };
        let parts: Vec<String> = parts.iter().map(|p| (*p).to_string()).collect();
        b.parts(&parts, " · ", LineKind::Meta);
        b.lines
    }

    #[test]
    fn meta_lines_break_between_parts() {
        let lines = meta_lines(
            &["江门市", "蓬江区总工会", "记者 许接英", "通讯员 源志杰"],
            40,
        );
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["江门市 · 蓬江区总工会 · 记者 许接英", "通讯员 源志杰"]
        );
        // The second line starts at 通讯员's character in the joined text.
        let joined = "江门市 · 蓬江区总工会 · 记者 许接英 · ";
        assert_eq!(lines[1].start, joined.chars().count());
    }

    #[test]
    fn a_part_wider_than_the_line_is_wrapped_inside() {
        let lines = meta_lines(
            &["江门市", "中华全国总工会广东省总工会江门市蓬江区总工会"],
            12,
        );
        assert!(lines.iter().all(|l| width(&l.text) <= 12), "{lines:?}");
        let text: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(text, "江门市中华全国总工会广东省总工会江门市蓬江区总工会");
        assert!(lines.windows(2).all(|w| w[0].start < w[1].start));
    }
}
