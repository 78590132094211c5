//! The reader pane: the set article (see [`crate::tui::typeset`]) from the scroll position,
//! styled by line kind, with how far through it you are (35%) on the border.

use super::pane_block;
use crate::tui::app::App;
use crate::tui::layout::inner;
use crate::tui::layout::Pane;
use crate::tui::theme::Theme;
use crate::tui::typeset::LineKind;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

fn style(t: &Theme, kind: LineKind) -> Style {
    match kind {
        LineKind::Kicker => Style::new().fg(t.highlight),
        LineKind::Title => Style::new().add_modifier(Modifier::BOLD).fg(t.title),
        LineKind::Subtitle | LineKind::RelatedHeading => {
            Style::new().fg(t.secondary).add_modifier(Modifier::ITALIC)
        }
        LineKind::Meta | LineKind::Credit | LineKind::Related => Style::new().fg(t.dim),
        LineKind::Lead | LineKind::Body | LineKind::Blank => Style::new(),
        LineKind::Caption => Style::new().fg(t.accent),
        LineKind::Byline => Style::new().fg(t.secondary),
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme();
    let mut block = pane_block(app, Pane::Reader, "阅读");
    if !app.reader().lines().is_empty() {
        block =
            block.title_bottom(Line::from(format!(" {}% ", app.reader_percent())).right_aligned());
    }
    frame.render_widget(block, area);
    let inner = inner(area);
    let text = Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(2),
        ..inner
    };
    if app.reader().lines().is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("没有文章", Style::new().fg(t.dim))),
            text,
        );
        return;
    }
    let line_hits = app.line_hits();
    // The hit n/N went to stands out from the others.
    let with_hits = crate::tui::app::lines_with_hits(&line_hits);
    let current = app.current_hit_of(&with_hits).map(|(line, _, _)| line);
    let lines: Vec<Line> = app
        .reader()
        .lines()
        .iter()
        .enumerate()
        .skip(app.reader().scroll())
        .take(usize::from(text.height))
        .map(|(i, l)| {
            let hits = line_hits.get(i).map_or(&[][..], Vec::as_slice);
            let line = if hits.is_empty() {
                Line::from(Span::styled(l.text.as_str(), style(t, l.kind)))
            } else {
                Line::from(super::hits::highlighted(
                    &l.text,
                    hits,
                    style(t, l.kind),
                    if current == Some(i) {
                        super::hits::hit_style(t).add_modifier(Modifier::REVERSED)
                    } else {
                        super::hits::hit_style(t)
                    },
                    usize::MAX,
                ))
            };
            if matches!(l.kind, LineKind::Byline | LineKind::Credit) {
                line.alignment(Alignment::Right)
            } else {
                line
            }
        })
        .collect();
    super::put_lines(frame, text, &lines);
}
