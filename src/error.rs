//! The library's error types. Every error that comes from input names the file it came from.

use std::path::PathBuf;

/// Why a page could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("{file}: not a page: it holds NUL bytes (a binary file?)")]
    Binary { file: String },
    #[error("{file}: not a page: {bad} of {total} characters do not decode as UTF-8 or GB18030")]
    Undecodable {
        file: String,
        bad: usize,
        total: usize,
    },
    #[error("{file}: not a page: it is empty")]
    Empty { file: String },
    #[error("{}: not a page: not a plain file", path.display())]
    NotPlain { path: PathBuf },
    #[error("{}: not a page: {bytes} bytes is too large (at most {max})", path.display())]
    TooLarge { path: PathBuf, bytes: u64, max: u64 },
    #[error("{}: {}", path.display(), io_why(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Why a file could not be read, as every command says it: `no such file or directory`,
/// `permission denied`, or `cannot read: ` and the system's words.
#[must_use]
pub fn io_why(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}
