//! The `?` overlay: every binding of the keymap with its description, by section, and any
//! warnings from loading the pages.

use super::centered;
use crate::text::{fit, truncate, width};
use crate::tui::app::App;
use crate::tui::layout::inner;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui::Frame;

/// The help's lines at a text width.
fn lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.theme();
    let sections = app.keymap().help();
    let key_w = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| width(k)))
        .max()
        .unwrap_or(0)
        .min(w / 2);
    let mut out = Vec::new();
    for (title, rows) in sections {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(
            truncate(title, w),
            Style::new().fg(t.accent).add_modifier(Modifier::BOLD),
        )));
        for (keys, help) in rows {
            out.push(Line::from(vec![
                Span::styled(
                    format!("  {} ", fit(&keys, key_w)),
                    Style::new().fg(t.highlight),
                ),
                Span::raw(truncate(&help, w.saturating_sub(key_w + 3))),
            ]));
        }
    }
    if !app.warnings().is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            "载入时的问题",
            Style::new().fg(t.error).add_modifier(Modifier::BOLD),
        )));
        for warning in app.warnings() {
            out.push(Line::from(format!(
                "  {}",
                truncate(warning, w.saturating_sub(2))
            )));
        }
    }
    out
}

pub fn draw(app: &App, frame: &mut Frame, scroll: usize) {
    let t = app.theme();
    let area = frame.area();
    let r = centered(area, 64, area.height.saturating_sub(2).max(3));
    let text_w = usize::from(inner(r).width.saturating_sub(2));
    let all = lines(app, text_w);
    let rows = usize::from(inner(r).height);
    let scroll = scroll.min(all.len().saturating_sub(rows));
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(t.accent))
        .title(" 按键 ")
        .title_bottom(Line::from(" Esc 关闭 ").right_aligned());
    frame.render_widget(Clear, r);
    super::mend_edges(frame, r);
    frame.render_widget(block, r);
    let mut text = inner(r);
    text.x = text.x.saturating_add(1);
    text.width = text.width.saturating_sub(2);
    frame.render_widget(
        Paragraph::new(all.into_iter().skip(scroll).take(rows).collect::<Vec<_>>()),
        text,
    );
}
