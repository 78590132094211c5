//! The page library: page files kept in the data dir (`library/`), decoded to UTF-8, that
//! join the embedded seeds in the default corpus. `gongbao import` adds to it, `gongbao
//! library` lists it. Import never writes outside the library folder: names are reduced to a
//! safe file name, nothing is overwritten, symlinks are not followed; exact duplicates (by
//! decoded content, seeds included) are skipped; what is not a page is refused.

use crate::error::PageError;
use crate::load::{self, SEEDS};
use crate::parse::{decode::decode, parse_text};
use crate::paths::Paths;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The largest file import takes as a page: the same limit as for any page read.
pub use crate::load::MAX_PAGE_BYTES;

/// The library folder.
#[must_use]
pub fn dir(paths: &Paths) -> PathBuf {
    paths.library()
}

pub use crate::load::library_files as page_files;

/// What import did with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Copied into the library.
    Imported {
        from: PathBuf,
        to: PathBuf,
        /// The encoding it was decoded from.
        encoding: String,
        articles: usize,
    },
    /// The same page (after decoding) is already there: a library file or `seed:<name>`.
    Duplicate { from: PathBuf, of: String },
    /// Not imported, with the reason (naming the file).
    Refused { from: PathBuf, reason: String },
}

/// Why the library cannot be written at all.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("{}: cannot create the library folder: {source}", path.display())]
    Create {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: the library folder is a symlink or not a folder; refusing to write through it", path.display())]
    NotAFolder { path: PathBuf },
    #[error("{}: cannot take the library's import lock: {source}", path.display())]
    Lock {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Imports page files (and the `*.txt` files of folders) into the library.
///
/// # Errors
/// When the library folder cannot be created or is not a real folder; per-file problems
/// are [`Outcome::Refused`] and the other files go on.
pub fn import(paths: &Paths, sources: &[PathBuf]) -> Result<Vec<Outcome>, LibraryError> {
    let lib = dir(paths);
    std::fs::create_dir_all(&lib).map_err(|source| LibraryError::Create {
        path: lib.clone(),
        source,
    })?;
    if !is_real_dir(&lib) {
        return Err(LibraryError::NotAFolder { path: lib });
    }
    // One import at a time: two at once would each take the other's pages for new and copy
    // them twice. The lock is a hidden file in the library, no page file.
    let _lock = import_lock(&lib)?;
    let mut known = known_texts(&lib);
    let (files, errors) = load::expand_paths(sources);
    let mut out: Vec<Outcome> = errors
        .into_iter()
        .map(|e| Outcome::Refused {
            from: match &e {
                PageError::Io { path, .. } => path.clone(),
                _ => PathBuf::new(),
            },
            reason: e.to_string(),
        })
        .collect();
    for from in files {
        out.push(import_one(&lib, &from, &mut known));
    }
    Ok(out)
}

/// Takes the library's import lock (`.import.lock` in it), waiting while another import holds
/// it.
fn import_lock(lib: &Path) -> Result<std::fs::File, LibraryError> {
    let path = lib.join(IMPORT_LOCK);
    crate::paths::lock_file(&path, || {
        tracing::info!(
            "another gongbao is importing into {}; waiting for it",
            lib.display()
        );
    })
    .map_err(|source| LibraryError::Lock { path, source })
}

/// The import lock's file name in the library.
const IMPORT_LOCK: &str = ".import.lock";

/// Decoded text of every page already held (seeds and library), to find duplicates.
fn known_texts(lib: &Path) -> HashMap<String, String> {
    let mut known = HashMap::new();
    for (name, bytes) in SEEDS {
        if let Ok(d) = decode(name, bytes) {
            known.insert(normalize(&d.text), format!("seed:{name}"));
        }
    }
    if let Ok(rd) = std::fs::read_dir(lib) {
        for e in rd.filter_map(Result::ok) {
            if !e.file_type().is_ok_and(|t| t.is_file()) {
                continue;
            }
            let path = e.path();
            if e.file_name() == IMPORT_LOCK {
                continue;
            }
            if let Ok(bytes) = std::fs::read(&path) {
                if let Ok(d) = decode(&path.display().to_string(), &bytes) {
                    known.insert(normalize(&d.text), path.display().to_string());
                }
            }
        }
    }
    known
}

/// The text as the library stores it: decoded, LF line ends, one final newline.
fn normalize(text: &str) -> String {
    let mut t = text.trim_end_matches('\n').to_string();
    t.push('\n');
    t
}

fn import_one(lib: &Path, from: &Path, known: &mut HashMap<String, String>) -> Outcome {
    let name = from.display().to_string();
    let refuse = |reason: String| Outcome::Refused {
        from: from.to_path_buf(),
        reason,
    };
    match std::fs::metadata(from) {
        Ok(m) if !m.is_file() => return refuse(format!("{name}: not a page: not a plain file")),
        Ok(m) if m.len() > MAX_PAGE_BYTES => {
            return refuse(format!(
                "{name}: not a page: {} bytes is too large (at most {MAX_PAGE_BYTES})",
                m.len()
            ))
        }
        Ok(_) => {}
        Err(e) => return refuse(format!("{name}: cannot read: {e}")),
    }
    let bytes = match std::fs::read(from) {
        Ok(b) => b,
        Err(e) => return refuse(format!("{name}: cannot read: {e}")),
    };
    let decoded = match decode(&name, &bytes) {
        Ok(d) => d,
        Err(e) => return refuse(e.to_string()),
    };
    let text = normalize(&decoded.text);
    if let Some(of) = known.get(&text) {
        return Outcome::Duplicate {
            from: from.to_path_buf(),
            of: of.clone(),
        };
    }
    let stem = safe_stem(from);
    let page = parse_text(&stem, &name, &text);
    if page.articles.is_empty() {
        return refuse(format!(
            "{name}: not a page: no article found (an article's lead starts with 本报讯)"
        ));
    }
    match write_new(lib, &stem, text.as_bytes()) {
        Ok(to) => {
            known.insert(text, to.display().to_string());
            tracing::info!("imported {name} as {}", to.display());
            Outcome::Imported {
                from: from.to_path_buf(),
                to,
                encoding: decoded.encoding.to_string(),
                articles: page.articles.len(),
            }
        }
        Err(e) => refuse(format!("{name}: cannot write into {}: {e}", lib.display())),
    }
}

/// Writes a new file `<stem>.txt` (or `<stem>~2.txt`, ...) in the library without ever
/// replacing a file or following a link: the name is checked to be a plain file name, and the
/// file is created fresh (a temporary file, then linked to its name only if that is free).
fn write_new(lib: &Path, stem: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    use std::io::Write as _;
    let mut tmp = tempfile::Builder::new()
        .prefix(".import-")
        .suffix(".tmp")
        .tempfile_in(lib)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    for n in 1..1000 {
        let file_name = if n == 1 {
            format!("{stem}.txt")
        } else {
            format!("{stem}~{n}.txt")
        };
        let to = lib.join(&file_name);
        if to.parent() != Some(lib) || to.file_name().and_then(|f| f.to_str()) != Some(&file_name) {
            return Err(std::io::Error::other("unsafe file name"));
        }
        match tmp.persist_noclobber(&to) {
            Ok(_) => return Ok(to),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(std::io::Error::other("too many pages with this name"))
}

/// A file stem that is safe as a file name in the library: letters, digits (any script),
/// `_`, `-` and `.` inside; everything else becomes `_`; at most 80 characters; never empty,
/// never starting with a dot.
#[must_use]
pub fn safe_stem(from: &Path) -> String {
    let raw = from
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut stem: String = raw
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    stem = stem.trim_start_matches('.').to_string();
    if stem.trim_matches(['_', '.']).is_empty() {
        stem = "page".to_string();
    }
    stem
}

/// One library page as `gongbao library` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryPage {
    pub path: PathBuf,
    pub bytes: u64,
    /// Its articles, or why it does not read as a page.
    pub articles: Result<usize, String>,
    /// The title of its first article.
    pub first_title: Option<String>,
}

/// What the library holds.
#[must_use]
pub fn list(paths: &Paths) -> Vec<LibraryPage> {
    page_files(paths)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
            let (articles, first_title) = match load::load_page(&path) {
                Ok(page) => (
                    Ok(page.articles.len()),
                    page.articles
                        .first()
                        .map(crate::model::Article::display_title),
                ),
                Err(e) => (Err(e.to_string()), None),
            };
            LibraryPage {
                path,
                bytes,
                articles,
                first_title,
            }
        })
        .collect()
}

/// Whether `p` is a folder and not a symlink to one.
fn is_real_dir(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_plain_names() {
        for (input, want) in [
            ("../../etc/passwd", "passwd"),
            ("a/b/..", "page"),
            (".hidden.txt", "hidden"),
            ("南方工报 第1版.txt", "南方工报_第1版"),
            ("x\u{0}y.txt", "x_y"),
            ("..txt", "page"),
        ] {
            assert_eq!(safe_stem(Path::new(input)), want, "{input:?}");
        }
    }
}
