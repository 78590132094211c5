//! Sets an article for the reader at a width: heading block (kicker, title, subtitle), meta
//! line, paragraphs with the two-character indent, captions (■ caption, credit) and byline,
//! all sanitized and wrapped by [`crate::text::wrap`]. Each line remembers which block and
//! character it starts at, so the reading position survives a re-wrap.

use crate::model::{Article, Corpus};
use crate::text::{sanitize, wrap::wrap};

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
    b.block(
        &crate::render::meta_line(a, &crate::render::page_label(a, corpus.page_of(a))),
        LineKind::Meta,
        "",
    );
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
