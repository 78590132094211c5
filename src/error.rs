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
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
