//! Panics caught on purpose. A query on a damaged index can panic deep inside tantivy (an
//! assertion on a corrupt term dictionary); the reader and `gongbao search` run queries under
//! [`catch`] and turn such a panic into a message and a check of the index. While a closure
//! runs under [`catch`], the panic hook logs the panic instead of printing it, so nothing is
//! written over the reader's screen. Owns no terminal state (the reader's own hook, which
//! restores the terminal, asks [`catching`] first).

use std::cell::Cell;
use std::sync::Once;

thread_local! {
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is inside [`catch`] (a panic here will be caught).
#[must_use]
pub fn catching() -> bool {
    CATCHING.with(Cell::get)
}

/// Wraps the panic hook once: a panic inside [`catch`] goes to the log, any other to the
/// hook that was there before.
fn install_quiet_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if catching() {
                tracing::error!("caught a panic: {info}");
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`; a panic inside it becomes `Err` with the panic's message.
///
/// # Errors
/// The panic's message when `f` panicked.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_quiet_hook();
    let was = CATCHING.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_the_flag_is_put_back() {
        assert_eq!(catch(|| 7), Ok(7));
        let e = catch(|| -> u8 { panic!("index says {}", 42) });
        assert_eq!(e, Err("index says 42".to_string()));
        assert!(!catching());
        let inner = catch(|| {
            assert!(catching());
            catch(|| panic!("inner")).err()
        });
        assert_eq!(inner, Ok(Some("inner".to_string())));
        assert!(!catching());
    }
}
