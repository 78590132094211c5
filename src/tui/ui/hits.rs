//! The search prompt (`/`): the query on the line above the status line (with the city it is
//! kept within and Tab to widen), the ranked hits in a box above it, two rows each: title and
//! city, then the snippet with the hits highlighted; after the articles, the pages whose
//! banners or unplaced text hold the words (Enter shows the page as printed).

use super::selected_style;
use crate::model::View;
use crate::search::pagetext::Leftover;
use crate::search::Snippet;
use crate::text::{fit, sanitize, truncate, width};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui::Frame;

/// The end of `text` in at most `max` columns, with … in front where its start was cut: a
/// prompt shows where the typing is.
fn tail(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = crate::text::char_width(c);
        if used + w > max {
            break;
        }
        used += w;
        kept.push(c);
    }
    let mut out = String::from(if max > 0 { "…" } else { "" });
    out.extend(kept.into_iter().rev());
    out
}

/// The style of a highlighted hit, from the theme.
#[must_use]
pub fn hit_style(t: &Theme) -> Style {
    Style::new()
        .bg(t.highlight)
        .fg(t.selected_fg)
        // Still marked where colour is off (NO_COLOR).
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// Spans of `text` with the byte ranges `hits` highlighted, cut to `max` columns. Where the
/// text is wider, one … in the base style ends the line (never a highlighted or a second one).
#[must_use]
pub fn highlighted(
    text: &str,
    hits: &[std::ops::Range<usize>],
    base: Style,
    hit: Style,
    max: usize,
) -> Vec<Span<'static>> {
    // The pieces in order, sanitized: plain text and hits.
    let mut pieces: Vec<(String, Style)> = Vec::new();
    let mut at = 0;
    for r in hits {
        if r.start < at || r.end > text.len() {
            continue;
        }
        pieces.push((
            sanitize(text.get(at..r.start).unwrap_or_default()).into_owned(),
            base,
        ));
        pieces.push((
            sanitize(text.get(r.clone()).unwrap_or_default()).into_owned(),
            hit,
        ));
        at = r.end;
    }
    pieces.push((
        sanitize(text.get(at..).unwrap_or_default()).into_owned(),
        base,
    ));
    let total: usize = pieces.iter().map(|(p, _)| width(p)).sum();
    let cut = total > max;
    let budget = if cut { max.saturating_sub(1) } else { max };
    let mut spans = Vec::new();
    let mut used = 0;
    for (piece, style) in pieces {
        if piece.is_empty() {
            continue;
        }
        let mut kept = String::new();
        for c in piece.chars() {
            let w = crate::text::char_width(c);
            if used + w > budget {
                break;
            }
            used += w;
            kept.push(c);
        }
        let whole = kept.len() == piece.len();
        if !kept.is_empty() {
            spans.push(Span::styled(kept, style));
        }
        if !whole {
            break;
        }
    }
    if cut && max > 0 {
        spans.push(Span::styled("…", base));
    }
    spans
}

fn snippet_line(t: &Theme, s: &Snippet, max: usize) -> Line<'static> {
    let base = Style::new().fg(t.secondary);
    Line::from(highlighted(&s.text, &s.highlights, base, hit_style(t), max))
}

pub fn draw(app: &App, frame: &mut Frame, status: Rect) {
    let Some(a) = &app.search().active else {
        return;
    };
    let w = usize::from(status.width);
    let scope = a.within.as_deref().unwrap_or("全部");
    let label = format!("搜索 ({scope}): ");
    // Tab widens to every city, and back; with no city filter there is nothing to widen.
    let mut hint = match (&a.within, &a.saved.view) {
        (Some(_), _) => "  Tab 全部城市".to_string(),
        (None, View::City { city: c } | View::Union { city: c, .. }) => format!("  Tab 回到{c}"),
        (None, _) => String::new(),
    };
    // Ctrl-O orders the hits by date, and back.
    hint.push_str(match app.search().sort {
        crate::search::Sort::Relevance => "  ^O 按日期",
        crate::search::Sort::Date => "  ^O 按相关度",
    });
    // What the last key did that the hidden status line would have said (a paste cut to
    // the query's limit) keeps up to half the line, the input's end the rest.
    let said = app
        .message()
        .map(|m| truncate(&format!("  {m}"), w / 2))
        .unwrap_or_default();
    let input = tail(
        &sanitize(&a.input),
        w.saturating_sub(width(&label) + 1 + width(&said)),
    );
    let mut spans = vec![
        Span::styled(
            label.clone(),
            Style::new()
                .fg(app.theme().accent)
                .add_modifier(Modifier::BOLD),
        ),
        Span::raw(input.clone()),
        Span::styled("▏", Style::new().fg(app.theme().accent)),
    ];
    let used = width(&label) + width(&input) + 1;
    if !said.is_empty() {
        spans.push(Span::styled(said, Style::new().fg(app.theme().highlight)));
    } else if let Some(problem) = a.results.parsed.problems.first() {
        // What of the query could not be read (`date:soon`), in place of the hints: the rest
        // of the query runs, as on the command line, which prints the same.
        let said = truncate(&format!("  ⚠ {problem}"), w.saturating_sub(used));
        spans.push(Span::styled(said, Style::new().fg(app.theme().error)));
    } else if used + width(&hint) <= w {
        spans.push(Span::styled(hint, Style::new().fg(app.theme().dim)));
    }
    frame.render_widget(Clear, status);
    frame.render_widget(Paragraph::new(Line::from(spans)), status);
    let cursor_x = status.x + u16::try_from(width(&label) + width(&input)).unwrap_or(0);
    if cursor_x < status.right() {
        frame.set_cursor_position((cursor_x, status.y));
    }

    // The hits, above the input: two rows each.
    let room = status.y.saturating_sub(1);
    let hits = &a.results.hits;
    let count = hits.len() + a.pages.len();
    // As many as fit, up to 10 (two rows each).
    let shown = count.min(10);
    let h = u16::try_from(shown.max(1) * 2 + 2).unwrap_or(4).min(room);
    if h < 3 {
        return;
    }
    let bw = status.width.min(72);
    let r = Rect::new(status.x, status.y - h, bw, h);
    let inner_w = usize::from(bw.saturating_sub(2));
    let rows = usize::from(h - 2) / 2;
    let first = a.selected.saturating_sub(rows.saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    if let Some(state) = app.search().status() {
        lines.push(Line::from(Span::styled(
            fit(&format!("{state} · 建好后显示结果"), inner_w),
            Style::new().fg(app.theme().highlight),
        )));
    } else if count == 0 {
        let note = a.results.parsed.empty_date_note();
        let msg = if a.input.trim().is_empty() {
            "输入要找的词: 词语都要出现, \"短语\", -排除, city:湛江".to_string()
        } else if let Some(note) = note {
            format!("没有找到 · {note}")
        } else {
            "没有找到".to_string()
        };
        lines.push(Line::from(Span::styled(
            fit(&msg, inner_w),
            Style::new().fg(app.theme().dim),
        )));
    }
    // The articles, then the pages whose banners or unplaced text hold the words.
    let rows_of = hits
        .iter()
        .map(|h| (h.title.clone(), h.city.clone(), &h.snippet))
        .chain(a.pages.iter().map(|p| {
            let what = match p.kind {
                Leftover::Banner => "版头",
                Leftover::Unplaced => "未归入文章的文字",
            };
            let label = crate::tui::typeset::page_label(app.corpus(), &p.page_id);
            (format!("{label} · {what}"), None, &p.snippet)
        }));
    for (i, (title, city, snippet)) in rows_of.enumerate().skip(first).take(rows) {
        let style = if i == a.selected {
            selected_style(app, true)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        };
        let city = city.as_deref().map_or(String::new(), |c| {
            format!(" {}", c.strip_suffix('市').unwrap_or(c))
        });
        lines.push(Line::from(vec![
            Span::styled(
                fit(&sanitize(&title), inner_w.saturating_sub(width(&city))),
                style,
            ),
            Span::styled(
                city,
                style.fg(if i == a.selected {
                    app.theme().selected_fg
                } else {
                    app.theme().place
                }),
            ),
        ]));
        lines.push(snippet_line(app.theme(), snippet, inner_w));
    }
    // The box lists the best hits only when there are more: it says how many it lists.
    let articles = if a.results.total > a.results.hits.len() {
        format!("{} 篇, 列出前 {}", a.results.total, a.results.hits.len())
    } else {
        format!("{} 篇", a.results.total)
    };
    let title = if a.pages.is_empty() {
        format!(" {articles} · Enter 打开 · Esc 取消 ")
    } else {
        format!(
            " {articles} + {} 版面 · Enter 打开 · Esc 取消 ",
            a.pages.len()
        )
    };
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(app.theme().accent))
        .title(truncate(&title, inner_w));
    if let Some(more) = super::more_entries(first, rows, count) {
        block = block.title_bottom(Line::from(truncate(&more, inner_w)).right_aligned());
    }
    frame.render_widget(Clear, r);
    super::mend_edges(frame, r);
    frame.render_widget(Paragraph::new(lines).block(block), r);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(spans: &[Span<'_>]) -> Vec<String> {
        spans.iter().map(|s| s.content.to_string()).collect()
    }

    #[test]
    fn a_long_prompt_shows_its_end() {
        assert_eq!(tail("劳模工匠", 8), "劳模工匠");
        assert_eq!(tail("劳模工匠技能", 7), "…匠技能");
        assert!(width(&tail(&"劳模".repeat(50), 11)) <= 11);
        assert!(tail(&"劳模".repeat(50), 11).starts_with('…'));
        assert!(tail("甲乙丙丁", 5).ends_with('丁'));
    }

    #[test]
    fn one_plain_ellipsis_where_the_line_is_cut() {
        let base = Style::new();
        let hit = Style::new().add_modifier(Modifier::BOLD);
        let text = "甲乙丙丁戊";
        let hits = vec![std::ops::Range { start: 9, end: 15 }];
        // Wider than 7 columns: the hit does not fit, and one … in the base style ends it.
        let s = highlighted(text, &hits, base, hit, 7);
        assert_eq!(texts(&s), ["甲乙丙", "…"]);
        assert_eq!(s[1].style, base);
        // Cut inside the hit: its start stays highlighted, then the one ….
        let s = highlighted(text, &hits, base, hit, 9);
        assert_eq!(texts(&s), ["甲乙丙", "丁", "…"]);
        assert_eq!(s[1].style, hit);
        // Exactly as wide as the text: nothing cut, no ….
        let s = highlighted(text, &hits, base, hit, 10);
        assert_eq!(texts(&s), ["甲乙丙", "丁戊"]);
        // Never wider than allowed, whatever the width.
        for max in 0..12 {
            let s = highlighted(text, &hits, base, hit, max);
            let w: usize = s.iter().map(|x| width(&x.content)).sum();
            assert!(w <= max.max(1), "{max}: {s:?}");
            assert!(texts(&s).concat().matches('…').count() <= 1);
        }
    }
}
