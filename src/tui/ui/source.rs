//! The source view (`v`) over the panes: a page's lines as printed, numbered, each marked
//! with what the parser made of it. The article's own lines (本文) are drawn normal, other
//! articles' lines dimmed, banners (版头) and unplaced text (未归) marked so they stand out.
//! Long lines (pages printed a paragraph a line) are wrapped by our own wrapper; a run of
//! blank lines shows as one (a single one as none).

use crate::source::Owner;
use crate::text::wrap::wrap;
use crate::text::{fit, sanitize, truncate};
use crate::tui::app::source::SourceView;
use crate::tui::app::App;
use crate::tui::typeset::page_label;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear};
use ratatui::Frame;

/// The tag column: what a line is, two characters wide.
fn tag(view: &SourceView, owner: Owner) -> &'static str {
    match owner {
        _ if view.is_own(owner) => "本文",
        Owner::Banner => "版头",
        Owner::Unplaced => "未归",
        Owner::Unknown => "？？",
        Owner::Blank | Owner::Article(_) => "",
    }
}

/// Draws the source view over everything above the status line.
pub fn draw(app: &App, frame: &mut Frame, view: &SourceView, status: Rect) {
    let t = app.theme();
    let area = Rect::new(status.x, 0, status.width, status.y);
    if area.height < 3 || area.width < 8 {
        return;
    }
    let page = app.corpus().pages.get(view.page);
    let label = page.map_or_else(String::new, |p| page_label(app.corpus(), &p.id));
    let what = view.article.and_then(|a| app.corpus().head(a)).map_or_else(
        || "版头与未归入文章的文字".to_string(),
        |a| a.title().to_string(),
    );
    let inner_w = usize::from(area.width - 2);
    let title = format!(" 原版 · {label} · {} ", sanitize(&what));
    let foot = page.map_or_else(String::new, |p| format!(" {} ", sanitize(&p.source)));
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(t.accent))
        .title(Span::styled(
            truncate(&title, inner_w),
            Style::new().add_modifier(Modifier::BOLD),
        ))
        .title_bottom(Line::from(truncate(&foot, inner_w.saturating_sub(2))).right_aligned());
    frame.render_widget(Clear, area);
    super::mend_edges(frame, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let rows = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::with_capacity(rows);
    if let Some(e) = &view.error {
        lines.push(Line::from(Span::styled(
            truncate(&sanitize(e), inner_w),
            Style::new().fg(t.error),
        )));
    }
    let digits = view.lines.last().map_or(1, |l| l.no.to_string().len());
    // Number, space, tag (4 columns), space: the rest is text.
    let gutter = digits + 6;
    let text_w = inner_w.saturating_sub(gutter).max(1);
    let mut blanks = 0;
    for l in view.lines.iter().skip(view.scroll) {
        if lines.len() >= rows {
            break;
        }
        // Pages print a blank line after almost every line: one blank stands for a run of
        // them, and a single one is left out (the numbers tell where lines stand).
        if l.owner == Owner::Blank {
            blanks += 1;
            if blanks == 2 {
                lines.push(Line::default());
            }
            continue;
        }
        blanks = 0;
        let own = view.is_own(l.owner);
        let (num_style, tag_style, text_style) = match l.owner {
            _ if own => (
                Style::new().fg(t.accent).add_modifier(Modifier::BOLD),
                Style::new().fg(t.accent).add_modifier(Modifier::BOLD),
                Style::new().fg(t.text),
            ),
            Owner::Banner | Owner::Unplaced | Owner::Unknown => (
                Style::new().fg(t.dim),
                Style::new().fg(t.highlight).add_modifier(Modifier::BOLD),
                Style::new().fg(t.text),
            ),
            Owner::Blank | Owner::Article(_) => (
                Style::new().fg(t.dim),
                Style::new().fg(t.dim),
                Style::new().fg(t.dim).add_modifier(Modifier::DIM),
            ),
        };
        let text = sanitize(&l.text);
        let pieces = wrap(text.trim_end(), text_w, "");
        let pieces: Vec<String> = if pieces.is_empty() {
            vec![String::new()]
        } else {
            pieces.into_iter().map(|p| p.text).collect()
        };
        for (k, piece) in pieces.into_iter().enumerate() {
            if lines.len() >= rows {
                break;
            }
            let (num, tg) = if k == 0 {
                (
                    format!("{:>digits$} ", l.no),
                    format!("{} ", fit(tag(view, l.owner), 4)),
                )
            } else {
                (" ".repeat(digits + 1), " ".repeat(5))
            };
            lines.push(Line::from(vec![
                Span::styled(num, num_style),
                Span::styled(tg, tag_style),
                Span::styled(piece, text_style),
            ]));
        }
    }
    super::put_lines(frame, inner, &lines);
}
