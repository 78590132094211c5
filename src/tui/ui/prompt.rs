//! The city prompt (`c`): the input on a line above the status line, the matching cities and
//! union bodies in a box above it, the one Enter applies highlighted.

use super::selected_style;
use crate::text::{fit, truncate, width};
use crate::tui::app::{App, Prompt};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(app: &App, frame: &mut Frame, p: &Prompt, status: Rect) {
    let t = app.theme();
    let w = usize::from(status.width);
    // The input replaces the status line.
    let label = "城市/工会: ";
    // What the last key did that the hidden status line would have said (a paste cut)
    // keeps up to half the line.
    let said = app
        .message()
        .map(|m| truncate(&format!("  {m}"), w / 2))
        .unwrap_or_default();
    let input = truncate(&p.input, w.saturating_sub(width(label) + 1 + width(&said)));
    let mut spans = vec![
        Span::styled(
            label,
            Style::new().fg(t.accent).add_modifier(Modifier::BOLD),
        ),
        Span::raw(input.clone()),
        Span::styled("▏", Style::new().fg(t.accent)),
    ];
    if !said.is_empty() {
        spans.push(Span::styled(said, Style::new().fg(t.highlight)));
    }
    let line = Line::from(spans);
    frame.render_widget(Clear, status);
    frame.render_widget(Paragraph::new(line), status);
    let cursor_x = status.x + u16::try_from(width(label) + width(&input)).unwrap_or(0);
    if cursor_x < status.right() {
        frame.set_cursor_position((cursor_x, status.y));
    }

    // The matches, above the input.
    let room = status.y.saturating_sub(1);
    // As many rows as the matches need, up to 16 and what the screen has.
    let shown = p.matches.len().min(16);
    let h = u16::try_from(shown.max(1) + 2).unwrap_or(3).min(room);
    if h < 3 {
        return;
    }
    let bw = status.width.min(48);
    let r = Rect::new(status.x, status.y - h, bw, h);
    let inner_w = usize::from(bw.saturating_sub(2));
    let rows = usize::from(h - 2);
    let first = p.selected.saturating_sub(rows.saturating_sub(1));
    let names = app.names();
    let lines: Vec<Line> = if p.matches.is_empty() {
        vec![Line::from(Span::styled(
            fit("没有匹配", inner_w),
            Style::new().fg(t.dim),
        ))]
    } else {
        p.matches
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .filter_map(|(i, &n)| {
                let n = names.get(n)?;
                let count = format!(" {} 篇", n.count);
                let style = if i == p.selected {
                    selected_style(app, true)
                } else {
                    Style::new()
                };
                Some(Line::from(vec![
                    Span::styled(fit(&n.label, inner_w.saturating_sub(width(&count))), style),
                    Span::styled(
                        count,
                        style.fg(if i == p.selected {
                            t.selected_fg
                        } else {
                            t.highlight
                        }),
                    ),
                ]))
            })
            .collect()
    };
    let title = format!(" {} 个匹配 · Enter 应用 · Esc 取消 ", p.matches.len());
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(t.accent))
        .title(truncate(&title, inner_w));
    if let Some(more) = super::more_entries(first, rows, p.matches.len()) {
        block = block.title_bottom(Line::from(truncate(&more, inner_w)).right_aligned());
    }
    frame.render_widget(Clear, r);
    super::mend_edges(frame, r);
    frame.render_widget(Paragraph::new(lines).block(block), r);
}
