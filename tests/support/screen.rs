//! The screen as a user sees it, from a TestBackend: for snapshots of the reader.

use gongbao::text::width;
use gongbao::tui::app::App;
use gongbao::tui::ui;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// The screen as a user sees it: one line per row, wide characters once.
pub fn render(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(app.size().0, app.size().1)).unwrap();
    term.draw(|f| ui::draw(app, f)).unwrap();
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}
