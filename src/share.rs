//! Sharing text out of the reader: the OSC 52 sequence that puts text on the clipboard
//! through the terminal, and running `$PAGER` on a text. The text itself (an article with
//! its citation) is `render`'s; leaving and restoring the reader's terminal around the pager
//! is the reader's job.

use crate::text::sanitize_text;
use std::io::Write as _;
use std::process::{Command, ExitStatus, Stdio};

/// The OSC 52 escape sequence that sets the clipboard to `text` (written to the terminal
/// as is; inside tmux it needs `set-clipboard on`). The text is sanitised first
/// ([`sanitize_text`]): what is pasted later carries no escape sequence of a page's (an
/// `ESC[201~` would end a shell's bracketed paste).
#[must_use]
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(sanitize_text(text).as_bytes()))
}

/// What to tell the user when the clipboard sequence cannot arrive: inside tmux (`$TMUX`)
/// with `set-clipboard` off, tmux drops OSC 52. `None` when nothing is known to stop it (the
/// terminal itself may still ignore it: nothing tells).
#[must_use]
pub fn clipboard_blocked() -> Option<String> {
    std::env::var_os("TMUX")?;
    let out = Command::new("tmux")
        .args(["show-options", "-gv", "set-clipboard"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && value == "off").then(|| {
        "没有复制: tmux 的 set-clipboard 是 off, 会丢掉 OSC 52 — 在 ~/.tmux.conf 加一行 \
         set -g set-clipboard on (或先运行 tmux set -g set-clipboard on)"
            .to_string()
    })
}

/// Standard base64 with padding.
#[must_use]
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The pager command: `$PAGER` split on whitespace, else `less -R`.
#[must_use]
pub fn pager_command() -> Vec<String> {
    let words: Vec<String> = std::env::var("PAGER")
        .ok()
        .map(|p| p.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    if words.is_empty() {
        vec!["less".to_string(), "-R".to_string()]
    } else {
        words
    }
}

/// Runs the pager on `text` (its standard input, sanitised: `less -R` would pass a page's
/// escape sequences on) and waits for it. The caller leaves the alternate screen and raw
/// mode before, and restores them after.
///
/// # Errors
/// When the pager cannot be started.
pub fn run_pager(text: &str) -> std::io::Result<ExitStatus> {
    let cmd = pager_command();
    let (program, args) = cmd
        .split_first()
        .ok_or_else(|| std::io::Error::other("no pager"))?;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        // A pager that quits early closes the pipe: not an error.
        let _ = stdin.write_all(sanitize_text(text).as_bytes());
    }
    child.wait()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        for (input, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), want);
        }
        assert_eq!(osc52("工"), "\x1b]52;c;5bel\x07");
        // A page's escape sequence is sent as its visible symbol (␛ is E2 90 9B).
        assert_eq!(
            osc52("\u{1b}[201~"),
            format!("\x1b]52;c;{}\x07", base64("␛[201~".as_bytes()))
        );
    }
}
