//! The `?` overlay (every binding of the keymap with its description, by section) and the
//! `!` overlay (the warnings from loading the pages, which the status line's ⚠ counts). Both
//! scroll with every scroll key, show a scrollbar, and say when there is more below.

use crate::text::{fit, sanitize, truncate, width};
use crate::tui::app::App;
use crate::tui::layout::{inner, text_overlay, text_overlay_body};
use ratatui::layout::Margin;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};
use ratatui::Frame;

/// The help's lines at a text width: a section title, then `keys\thelp` rows (as
/// [`App::overlay_lines`] gives them).
fn help_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.theme();
    let raw = app.overlay_lines(false);
    let key_w = raw
        .iter()
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(0)
        .min(w / 2);
    raw.into_iter()
        .map(|l| match l.split_once('\t') {
            Some((keys, help)) => Line::from(vec![
                Span::styled(
                    format!("  {} ", fit(keys, key_w)),
                    Style::new().fg(t.highlight),
                ),
                Span::raw(truncate(help, w.saturating_sub(key_w + 3))),
            ]),
            None => Line::from(Span::styled(
                truncate(&l, w),
                Style::new().fg(t.accent).add_modifier(Modifier::BOLD),
            )),
        })
        .collect()
}

pub fn draw(app: &App, frame: &mut Frame, scroll: usize, warnings: bool) {
    let t = app.theme();
    let r = text_overlay(frame.area());
    let body = text_overlay_body(r);
    let w = usize::from(body.width);
    let all: Vec<Line> = if warnings {
        app.overlay_lines(true)
            .into_iter()
            .map(|l| Line::from(sanitize(&l).into_owned()))
            .collect()
    } else {
        help_lines(app, w)
    };
    let rows = usize::from(body.height);
    let last = all.len().saturating_sub(rows);
    let scroll = scroll.min(last);
    let more = if scroll < last {
        format!(" ↓ 还有 {} 行 · ", all.len() - rows - scroll)
    } else {
        " ".to_string()
    };
    let (title, color) = if warnings {
        (
            format!(" ⚠ 载入页面时的问题 ({}) ", app.warnings().len()),
            t.error,
        )
    } else {
        (" 按键 ".to_string(), t.accent)
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(color))
        .title(title)
        .title_bottom(Line::from(format!("{more}Esc 关闭 ")).right_aligned());
    frame.render_widget(Clear, r);
    super::mend_edges(frame, r);
    frame.render_widget(block, r);
    frame.render_widget(
        Paragraph::new(
            all.iter()
                .skip(scroll)
                .take(rows)
                .cloned()
                .collect::<Vec<_>>(),
        ),
        body,
    );
    if last > 0 {
        let mut state = ScrollbarState::new(last + 1)
            .position(scroll)
            .viewport_content_length(rows);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .style(Style::new().fg(t.dim)),
            inner(r).inner(Margin::new(0, 0)),
            &mut state,
        );
    }
}
