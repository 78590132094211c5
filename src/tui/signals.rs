//! Signals that end the reader from outside: SIGTERM (`kill`) and SIGHUP (the terminal window
//! closed). A handler only notes the signal; the event loop, which looks at least every
//! 200 ms, then leaves as on quit (saving the reading state and the position, restoring the
//! terminal), and the process ends by the same signal, so its parent sees the usual status.
//! Also the terminal hanging up without a signal reaching us ([`wait_for_input`]): crossterm
//! would read the hung-up terminal's end of file in a loop forever, so the reader waits for
//! input itself and leaves when the terminal is gone, and wakes crossterm's reader for input
//! it lost track of ([`rearm_input`]). Owns no terminal state.

use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::SigId;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The signals the reader leaves on.
pub const ENDING: [i32; 2] = [SIGTERM, SIGHUP];

/// Notes SIGTERM and SIGHUP while it lives.
pub struct Watch {
    got: Arc<AtomicUsize>,
    ids: Vec<SigId>,
}

impl Watch {
    /// Installs the handlers (where a signal cannot be watched, it keeps its default).
    #[must_use]
    pub fn install() -> Watch {
        let got = Arc::new(AtomicUsize::new(0));
        let ids = ENDING
            .iter()
            .filter_map(|&sig| {
                let n = usize::try_from(sig).ok()?;
                signal_hook::flag::register_usize(sig, got.clone(), n)
                    .map_err(|e| tracing::warn!("cannot watch signal {sig}: {e}"))
                    .ok()
            })
            .collect();
        Watch { got, ids }
    }

    /// The signal received, if one was.
    #[must_use]
    pub fn received(&self) -> Option<i32> {
        match self.got.load(Ordering::Relaxed) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Ends the process by `sig` with its default action (the terminal must be restored
/// first); exits with 128 + `sig` if that does not end it.
pub fn die_of(sig: i32) -> ! {
    tracing::info!("leaving on signal {sig}");
    let _ = signal_hook::low_level::emulate_default_handler(sig);
    std::process::exit(128 + sig)
}

/// What waiting on the terminal found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waited {
    /// Input is ready to read.
    Input,
    /// Nothing came within the time.
    Nothing,
    /// The terminal is gone (hung up, closed): nothing more will ever come.
    HungUp,
}

/// Waits up to `timeout` for input on standard input when it is the terminal (where
/// crossterm reads from it), and tells a terminal that hung up: `poll(2)` says so with
/// POLLHUP, where reading would only return end of file. `None` where standard input is not
/// a terminal (crossterm opens /dev/tty instead): the caller waits through crossterm.
#[must_use]
pub fn wait_for_input(timeout: std::time::Duration) -> Option<Waited> {
    use rustix::event::{poll, PollFd, PollFlags, Timespec};
    use std::io::IsTerminal;
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return None;
    }
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec::try_from(timeout).ok();
    Some(match poll(&mut fds, timeout.as_ref()) {
        Ok(0) => Waited::Nothing,
        Ok(_) => {
            let got = fds[0].revents();
            if got.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                Waited::HungUp
            } else {
                Waited::Input
            }
        }
        // Interrupted by a signal (a resize, SIGTERM): the caller looks again.
        Err(_) => Waited::Nothing,
    })
}

/// Wakes crossterm's reader for input the terminal already holds. crossterm waits with an
/// edge-triggered epoll: input whose readiness it took without reading (it returns a resize
/// and drops the rest of that wake-up) is never reported again until more input comes.
/// Setting the terminal's modes to what they are changes nothing, but the kernel's line
/// discipline wakes its readers on every such call, and that is a new edge. Does nothing
/// where standard input is not a terminal.
pub fn rearm_input() {
    use rustix::termios::{tcgetattr, tcsetattr, OptionalActions};
    use std::io::IsTerminal;
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return;
    }
    match tcgetattr(&stdin) {
        Ok(modes) => {
            if let Err(e) = tcsetattr(&stdin, OptionalActions::Now, &modes) {
                tracing::debug!("cannot wake the terminal's reader: {e}");
            }
        }
        Err(e) => tracing::debug!("cannot read the terminal's modes: {e}"),
    }
}
