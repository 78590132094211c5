//! Signals that end the reader from outside: SIGTERM (`kill`) and SIGHUP (the terminal window
//! closed). A handler only notes the signal; the event loop, which looks at least every
//! 200 ms, then leaves as on quit (saving the reading state and the position, restoring the
//! terminal), and the process ends by the same signal, so its parent sees the usual status.
//! Owns no terminal state.

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
