//! Folder listings kept between runs (`listing.bin` in a page set's cache folder). A folder
//! whose modification time has not moved since it was listed, and had not moved for
//! [`SETTLED`] before, holds the same names (adding, removing or renaming a file moves it),
//! so its page files come from the kept listing for one `stat` of the folder, where listing
//! it reads every entry: a fifth to a half of `gongbao search` on a built index of 16,667 to
//! 166,667 page files. Knows folders and names, nothing of pages.

use crate::error::PageError;
use crate::load::pages::{expand_paths_via, list_folder_marked};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const FILE: &str = "listing.bin";
const MAGIC: &[u8; 8] = b"GBLIST02";
/// How long a folder's time must have stood still before it was listed for the listing to
/// be trusted: a change within the file system's timestamp granularity might not move it.
const SETTLED: Duration = Duration::from_secs(2);

/// One folder as last listed: its path, its modification time then and when it was listed
/// (ns since the epoch), its page files' names, and of those the symbolic links' names (each
/// name followed by a NUL). A link's target is not in the folder, so a link is checked again
/// each time (a target removed leaves no page), which costs a `stat` per link.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Folder {
    path: Vec<u8>,
    mtime: u64,
    listed: u64,
    names: Vec<u8>,
    links: Vec<u8>,
}

fn split_names(names: &[u8]) -> impl Iterator<Item = &OsStr> {
    names
        .split(|&b| b == 0)
        .filter(|n| !n.is_empty())
        .map(OsStr::from_bytes)
}

fn ns(t: SystemTime) -> Option<u64> {
    u64::try_from(t.duration_since(UNIX_EPOCH).ok()?.as_nanos()).ok()
}

fn read(file: &Path) -> HashMap<Vec<u8>, Folder> {
    let Ok(bytes) = std::fs::read(file) else {
        return HashMap::new();
    };
    let Some(body) = bytes.strip_prefix(MAGIC) else {
        return HashMap::new();
    };
    postcard::from_bytes::<Vec<Folder>>(body)
        .map(|v| v.into_iter().map(|f| (f.path.clone(), f)).collect())
        .unwrap_or_default()
}

fn write(file: &Path, folders: &[Folder]) {
    let Ok(body) = postcard::to_allocvec(folders) else {
        return;
    };
    let mut bytes = MAGIC.to_vec();
    bytes.extend(body);
    let tmp = file.with_extension(format!("tmp{}", std::process::id()));
    // A cache: a listing that cannot be kept is listed again next time.
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, file).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// [`crate::load::expand_paths`] of `pages`, each folder taken from the listing kept in
/// `dir` where it is still true, listed (and the listing kept) where not.
pub(super) fn expand(pages: &[PathBuf], dir: &Path) -> (Vec<PathBuf>, Vec<PageError>) {
    let file = dir.join(FILE);
    let mut kept = read(&file);
    let mut now_kept = Vec::new();
    let mut changed = false;
    let settled = u64::try_from(SETTLED.as_nanos()).unwrap_or(u64::MAX);
    let found = expand_paths_via(pages, |folder, meta| {
        let key = folder.as_os_str().as_encoded_bytes();
        let mtime = meta.modified().ok().and_then(ns);
        if let (Some(f), Some(t)) = (kept.remove(key), mtime) {
            if f.mtime == t && f.listed >= t.saturating_add(settled) {
                let mut files: Vec<PathBuf> =
                    split_names(&f.names).map(|n| folder.join(n)).collect();
                let gone: Vec<PathBuf> = split_names(&f.links)
                    .map(|n| folder.join(n))
                    .filter(|p| !p.is_file())
                    .collect();
                files.retain(|p| !gone.contains(p));
                now_kept.push(f);
                return Ok(files);
            }
        }
        let listed = ns(SystemTime::now());
        let marked = list_folder_marked(folder)?;
        if let (Some(mtime), Some(listed)) = (mtime, listed) {
            let (mut names, mut links) = (Vec::new(), Vec::new());
            for (path, link) in &marked {
                let Some(name) = path.file_name() else {
                    continue;
                };
                names.extend_from_slice(name.as_bytes());
                names.push(0);
                if *link {
                    links.extend_from_slice(name.as_bytes());
                    links.push(0);
                }
            }
            now_kept.push(Folder {
                path: key.to_vec(),
                mtime,
                listed,
                names,
                links,
            });
            changed = true;
        }
        Ok(marked.into_iter().map(|(path, _)| path).collect())
    });
    if (changed || !kept.is_empty()) && dir.is_dir() {
        write(&file, &now_kept);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_mtime(path: &Path, t: SystemTime) {
        std::fs::File::open(path).unwrap().set_modified(t).unwrap();
    }

    fn names(files: &[PathBuf]) -> Vec<String> {
        files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    /// A settled folder is taken from its kept listing (a file slipped in without moving the
    /// folder's time is not seen: proof that it was not listed); a folder whose time moved,
    /// or had not settled when it was listed, is listed again.
    #[test]
    fn a_settled_folder_comes_from_its_kept_listing() {
        let cache = tempfile::tempdir().unwrap();
        let pages = tempfile::tempdir().unwrap();
        let folder = pages.path().canonicalize().unwrap();
        for n in ["b.txt", "a.txt", "notes.md"] {
            std::fs::write(folder.join(n), "x").unwrap();
        }
        let old = SystemTime::now() - Duration::from_secs(60);
        set_mtime(&folder, old);
        let args = [folder.clone()];
        let (files, errors) = expand(&args, cache.path());
        assert!(errors.is_empty());
        assert_eq!(names(&files), ["a.txt", "b.txt"]);
        assert!(cache.path().join(FILE).is_file());

        // A file added with the folder's time put back: the kept listing answers.
        std::fs::write(folder.join("c.txt"), "x").unwrap();
        set_mtime(&folder, old);
        assert_eq!(names(&expand(&args, cache.path()).0), ["a.txt", "b.txt"]);

        // The folder's time moves: listed again.
        set_mtime(&folder, old + Duration::from_secs(1));
        assert_eq!(
            names(&expand(&args, cache.path()).0),
            ["a.txt", "b.txt", "c.txt"]
        );

        // A folder changed just now is listed every time until it settles.
        std::fs::write(folder.join("d.txt"), "x").unwrap();
        assert_eq!(expand(&args, cache.path()).0.len(), 4);
        std::fs::write(folder.join("e.txt"), "x").unwrap();
        assert_eq!(expand(&args, cache.path()).0.len(), 5);

        // A symbolic link whose target is removed leaves no page, though the folder's time
        // stands still (the target is elsewhere).
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("t.txt"), "x").unwrap();
        std::os::unix::fs::symlink(elsewhere.path().join("t.txt"), folder.join("l.txt")).unwrap();
        set_mtime(&folder, old + Duration::from_secs(2));
        assert_eq!(expand(&args, cache.path()).0.len(), 6);
        assert_eq!(expand(&args, cache.path()).0.len(), 6);
        std::fs::remove_file(elsewhere.path().join("t.txt")).unwrap();
        assert_eq!(
            names(&expand(&args, cache.path()).0),
            ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]
        );

        // A damaged listing is no listing.
        std::fs::write(cache.path().join(FILE), b"GBLIST02\xff\xff").unwrap();
        assert_eq!(expand(&args, cache.path()).0.len(), 5);
        // The same as listing the folder.
        assert_eq!(
            expand(&args, cache.path()).0,
            crate::load::expand_paths(&args).0
        );
    }
}
