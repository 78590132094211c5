//! The terminal reader: owns the terminal while it runs. [`run_with_index`] enters raw mode, the
//! alternate screen and mouse capture, and a drop guard plus a panic hook put all three
//! back on quit, error and panic. The event loop turns key presses (never releases or
//! repeats), mouse and resize events into [`action::Action`]s, applies them, and draws. It also
//! does what the App cannot: saves the reading state when a mark changes (and the position
//! on quit), puts text on the clipboard (OSC 52) and runs `$PAGER` with the terminal handed
//! back meanwhile. Keys, colours and the mouse come from the config (`crate::store`).
//!
//! - [`action`]: what the user can ask for, the keys that ask it, and their names;
//! - [`app`]: the state and `update(Action)`;
//! - [`keymap`]: keys → actions, as data, which also writes the help overlay;
//! - [`layout`]: where panes go at each width;
//! - [`typeset`]: an article set as reader lines at a width;
//! - [`theme`]: the colours, named once for the config;
//! - [`app::finder`]: the background index, the `/` prompt's results, hits and related articles;
//! - [`signals`]: SIGTERM and SIGHUP end the reader as quitting does;
//! - [`app::source`]: the source view (`v`), a page's lines as printed and whose each is;
//! - [`ui`]: `draw(&App, &mut Frame)`, which never changes the state;
//! - [`watch`]: another gongbao's commit to the index found, the corpus opened again.

pub mod action;
pub mod app;
pub mod keymap;
pub mod layout;
pub mod palette;
pub mod signals;
pub mod theme;
pub mod typeset;
pub mod ui;
pub mod watch;

use crate::model::Corpus;
use crate::store::config::Config;
use crate::store::state::StateStore;
use action::Action;
use app::{App, Effect};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use keymap::Mode;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, Stdout};
use std::sync::Once;
use std::time::Duration;

/// Puts the terminal back: mouse capture and bracketed paste off, main screen, cooked mode,
/// cursor shown. Safe to call more than once.
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Restores the terminal when dropped, however `run_with_index` ends.
struct Guard;

impl Guard {
    fn enter(mouse: bool) -> io::Result<Self> {
        install_panic_hook();
        let guard = Guard;
        take_terminal(mouse)?;
        Ok(guard)
    }
}

/// Raw mode, the alternate screen, bracketed paste (a paste arrives as one
/// [`Event::Paste`], read whole, never cut at the terminal's read buffer), and mouse capture
/// if the config wants it.
fn take_terminal(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Saves the reading state if it changed and can be saved; a failure is shown once.
fn save(app: &mut App) {
    if !app.state().is_dirty() || app.state().read_only().is_some() {
        return;
    }
    if let Err(e) = app.save_state() {
        tracing::warn!("{e}");
        app.update(Action::Report(e.to_string()));
    }
}

/// Does what the App asked of the terminal: OSC 52 to the clipboard, or the pager with the
/// reader suspended (main screen, cooked mode, no mouse) and then restored.
fn do_effect(
    app: &mut App,
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    effect: Effect,
) -> io::Result<()> {
    match effect {
        Effect::Copy(text) => {
            use std::io::Write as _;
            let mut out = io::stdout();
            out.write_all(crate::share::osc52(&text).as_bytes())?;
            out.flush()?;
            if let Some(why) = crate::share::clipboard_blocked() {
                app.update(Action::Report(why));
            }
        }
        Effect::Pager(text) => {
            restore_terminal();
            let ran = crate::share::run_pager(&text);
            take_terminal(app.mouse())?;
            terminal.clear()?;
            if let Err(e) = ran {
                app.update(Action::Report(format!(
                    "cannot run the pager ({}): {e}",
                    crate::share::pager_command().join(" ")
                )));
            }
        }
    }
    Ok(())
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Restores the terminal before the previous panic hook prints, so the message is readable
/// and the shell usable.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A panic that a query caught on purpose leaves the reader running.
            if !crate::panics::catching() {
                restore_terminal();
            }
            previous(info);
        }));
    });
}

/// The action an event means, if any. Only key presses act; a paste is typed into the
/// prompt that is open (and ignored elsewhere).
#[must_use]
pub fn action_for(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => app.keymap().action(app.mode(), k),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(text) => {
            matches!(app.mode(), Mode::Prompt | Mode::Search).then(|| Action::Paste(text.clone()))
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                col: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Wheel {
                col: m.column,
                row: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Opens the reader on `corpus` and runs it until the user quits. `warnings` (pages that
/// failed to load...) are listed in the help overlay. Keys, colours and mouse come from
/// `config`; read and starred marks are saved in `state` as they change, the position when
/// the reader quits. Full-text search: the index in `index` is opened or built in a
/// background thread once the first frame is drawn (`None`: an index in memory).
///
/// # Errors
/// When the terminal cannot be set up, read or drawn to; the terminal is restored first.
pub fn run_with_index(
    corpus: Corpus,
    warnings: Vec<String>,
    config: &Config,
    state: StateStore,
    index: Option<crate::search::IndexSpec>,
) -> io::Result<()> {
    run_watched(corpus, warnings, config, state, index, None)
}

/// [`run_with_index`], watching the index of the pages in `reopen` (when given): another
/// gongbao's commit to it (an import) makes the reader open the corpus and index again and
/// show them, in the same place ([`watch`], [`App::reload`]).
///
/// # Errors
/// When the terminal cannot be set up, read or drawn to; the terminal is restored first.
pub fn run_watched(
    corpus: Corpus,
    warnings: Vec<String>,
    config: &Config,
    mut state: StateStore,
    index: Option<crate::search::IndexSpec>,
    reopen: Option<crate::load::Reopen>,
) -> io::Result<()> {
    // Says so in the status line when the data dir cannot be written.
    let _ = state.check_writable();
    let signals = signals::Watch::install();
    let guard = Guard::enter(config.mouse)?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut app = App::new(corpus, warnings, (size.width, size.height)).with_setup(config, state);
    let index = index.unwrap_or_else(crate::search::IndexSpec::in_ram);
    let mut watch = reopen.map(|r| {
        let showing = index.dir.as_ref().map(|_| index.fingerprint);
        watch::Watch::new(r, showing)
    });
    let mut index = Some(index);
    let mut hung_up = false;
    // The loop, whose errors (the terminal's: it may be gone) still leave the place saved.
    let ran = (|| -> io::Result<()> {
        loop {
            // The terminal may have changed size since the last Resize event was read (a frame
            // drawn on a timer): lay out for the size it has now.
            let now = terminal.size()?;
            if (now.width, now.height) != app.size() {
                app.update(Action::Resize(now.width, now.height));
            }
            if signals.received().is_some() || hung_up {
                app.remember_position();
                save(&mut app);
                break;
            }
            terminal.draw(|f| ui::draw(&app, f))?;
            if app.quit() {
                break;
            }
            if let Some(spec) = index.take() {
                // After the first frame: the index (and jieba) never delay it.
                app.start_index(spec);
            }
            // While the index builds, wake up to show its progress.
            if app.search().building() {
                match next_input(Duration::from_millis(250))? {
                    Next::Events => {}
                    Next::Timeout => {
                        app.update(Action::Tick);
                        continue;
                    }
                    Next::HungUp => {
                        hung_up = true;
                        continue;
                    }
                }
            } else {
                // Wait for one event (looking for SIGTERM / SIGHUP, a terminal that hung up and
                // another gongbao's commit meanwhile), then take every event already queued
                // before drawing again, so a burst of resizes or wheel turns costs one frame.
                let mut next = Next::Timeout;
                let mut reloaded = false;
                while signals.received().is_none() && next == Next::Timeout {
                    next = next_input(Duration::from_millis(200))?;
                    if next != Next::Timeout {
                        break;
                    }
                    if let Some(w) = watch.as_mut() {
                        if let Some(r) = w.tick(app.search().searcher().is_some()) {
                            app.reload(r.corpus, r.searcher, r.spec, r.errors);
                            reloaded = true;
                            break;
                        }
                        // Another gongbao's update under way: its progress, redrawn.
                        if app.show_other_update(w.other_update()) {
                            reloaded = true;
                            break;
                        }
                    }
                }
                if next == Next::HungUp {
                    hung_up = true;
                }
                if next != Next::Events || reloaded {
                    continue;
                }
            }
            let first = event::read()?;
            let mut events = vec![first];
            while event::poll(Duration::ZERO)? {
                events.push(event::read()?);
            }
            for ev in &events {
                if let Some(action) = action_for(&app, ev) {
                    app.update(action);
                }
                if app.quit() {
                    break;
                }
            }
            for effect in app.take_effects() {
                do_effect(&mut app, &mut terminal, effect)?;
            }
            if app.quit() {
                app.remember_position();
            }
            save(&mut app);
            if app.search().building() {
                app.update(Action::Tick);
            }
            if let Some((w, h)) = events.iter().rev().find_map(|e| match e {
                Event::Resize(w, h) => Some((*w, *h)),
                _ => None,
            }) {
                // Resize the backend to what the last event said, and clear stale cells.
                terminal.resize(ratatui::layout::Rect::new(0, 0, w, h))?;
            }
        }
        Ok(())
    })();
    if ran.is_err() {
        app.remember_position();
        save(&mut app);
        // A terminal that hung up under a write: as if SIGHUP had come, no error to print.
        hung_up |= signals::wait_for_input(Duration::ZERO) == Some(signals::Waited::HungUp);
    }
    drop(terminal);
    drop(guard);
    if let Some(sig) = signals.received() {
        signals::die_of(sig);
    }
    if hung_up {
        // As if SIGHUP had come: the terminal is gone.
        signals::die_of(signal_hook::consts::SIGHUP);
    }
    ran
}

/// What the event loop may do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// crossterm has events to read.
    Events,
    /// Nothing came in time.
    Timeout,
    /// The terminal hung up: leave as on SIGHUP.
    HungUp,
}

/// Waits up to `timeout` for an event. The terminal is watched with `poll(2)` first (see
/// [`signals::wait_for_input`]), and crossterm is asked only while it has not hung up:
/// crossterm would read a hung-up terminal's end of file in a loop for ever. A resize
/// (SIGWINCH) interrupts the wait and is read at once.
///
/// Input that the terminal holds but crossterm does not see is woken up for it
/// ([`signals::rearm_input`]): crossterm's reader waits for the terminal with an
/// edge-triggered epoll and, when a resize and a key are ready together, returns the resize
/// and forgets that the key is there, so a `q` typed just after a resize sat unread until
/// the next key.
fn next_input(timeout: Duration) -> io::Result<Next> {
    match signals::wait_for_input(timeout) {
        Some(signals::Waited::HungUp) => Ok(Next::HungUp),
        Some(signals::Waited::Input) => {
            if event::poll(Duration::ZERO)? {
                return Ok(Next::Events);
            }
            signals::rearm_input();
            if event::poll(Duration::ZERO)? {
                return Ok(Next::Events);
            }
            // Still nothing for crossterm: do not spin on a terminal that stays readable.
            std::thread::sleep(timeout.min(Duration::from_millis(20)));
            Ok(Next::Timeout)
        }
        Some(signals::Waited::Nothing) => Ok(if event::poll(Duration::ZERO)? {
            Next::Events
        } else {
            Next::Timeout
        }),
        None => Ok(if event::poll(timeout)? {
            Next::Events
        } else {
            Next::Timeout
        }),
    }
}
