//! What gongbao keeps between runs, in the folders [`crate::paths::Paths`] names: the
//! reader's state (read, starred, last position) in the data dir, the user's `config.toml` in
//! the config dir, and the page library in the data dir. Owns every file gongbao writes there;
//! writes are atomic (a temporary file in the same folder, then a rename). Knows nothing about
//! terminals: the reader reads and changes what this module keeps through its types.

pub mod config;
pub mod library;
pub mod state;

/// Milliseconds since the Unix epoch: the clock that orders changes to the state.
#[must_use]
pub(crate) fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over `path`.
///
/// # Errors
/// When the folder cannot be written.
pub(crate) fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| std::path::Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".gongbao-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
