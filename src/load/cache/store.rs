//! The parsed-model cache on disk, in the page set's cache folder under `model/`: a small
//! manifest (`manifest.bin`: each page file's path, size, modification time, content hash,
//! and where its page is kept) and immutable segment files (`seg-<id>.bin`) that hold the
//! pages. Each page is two blobs in a segment: its head (the page and its articles' heads,
//! [`PageHeads`]: what the reader's start needs) and its articles whole (read when an article
//! is opened), each with its own CRC-32 in the manifest.
//!
//! An update writes the pages it parsed into one new segment and rewrites the manifest (a
//! temporary file renamed over it): the pages it did not touch stay where they are, so
//! adding a page to a big library writes that page and the manifest alone. A kill at any
//! point leaves the old manifest or the new, each naming segments that exist. Segments no
//! manifest needs are removed; when many segments pile up, or more of their bytes are dead
//! than alive, the live blobs are copied into one segment (compaction).

use super::MODEL_VERSION;
use crate::model::{Article, Page, PageHeads};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

/// The manifest's first bytes.
const MAGIC: &[u8; 8] = b"GBMODEL4";
/// A segment's first bytes.
const SEG_MAGIC: &[u8; 8] = b"GBSEG\0\0\x01";
const MANIFEST: &str = "manifest.bin";
/// The single-file cache of earlier versions, removed when met.
pub(super) const OLD_MODEL_FILE: &str = "model.bin";
/// More segments than this are compacted into one.
const MAX_SEGMENTS: usize = 24;
/// Dead bytes past this (and past the live ones) are compacted away.
const DEAD_BYTES: u64 = 32 << 20;
/// A segment no manifest names, older than this, was left by a process that died (or lost
/// a race to write the manifest): removed.
const ORPHAN_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Where a blob is: segment, byte offset, length, CRC-32 of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Blob {
    pub seg: u64,
    pub off: u64,
    pub len: u32,
    pub crc: u32,
}

/// One page file as last read: what it was (path, size, time, a hash of its bytes) and where
/// what reading it gave is kept (or why it is not a page).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Entry {
    /// The file's path, or `seed:<file name>` for an embedded seed.
    pub path: String,
    pub size: u64,
    /// Modification time, ns since the epoch.
    pub mtime: u64,
    pub hash: u64,
    /// How many articles the page has (an update counts the articles of the pages it does
    /// not read by this).
    pub articles: u32,
    /// Why the file is not a page.
    pub error: Option<String>,
    /// The page and its articles' heads ([`Head`]).
    pub head: Option<Blob>,
    /// The articles whole (`Vec<Article>`).
    pub body: Option<Blob>,
}

/// The manifest: `MAGIC`, the CRC-32 of the rest (u32 LE), then this (postcard; `version`
/// first, so a manifest of another version is told before the rest is decoded).
#[derive(Serialize, Deserialize)]
pub(super) struct Manifest {
    pub version: u32,
    /// [`super::parser_stamp`] of the program that wrote it.
    pub parser: u64,
    /// The page set's fingerprint when it was written: equal now, nothing needs a look.
    pub fingerprint: u64,
    /// When it was written (ns since the epoch): a file modified within two seconds of that
    /// may have changed without its time changing, and is checked by its bytes.
    pub written: u64,
    pub entries: Vec<Entry>,
}

/// A page's head blob: the page (without its articles) and its articles' heads.
#[derive(Serialize, Deserialize)]
struct Head {
    page: Page,
    heads: PageHeads,
}

fn seg_path(dir: &Path, seg: u64) -> PathBuf {
    dir.join(format!("seg-{seg:016x}.bin"))
}

fn seg_id(name: &str) -> Option<u64> {
    let hex = name.strip_prefix("seg-")?.strip_suffix(".bin")?;
    u64::from_str_radix(hex, 16).ok()
}

/// The manifest in `dir`, if it can be read and is of this version (of whatever pages). A
/// damaged one is logged and ignored; the single-file cache of earlier versions is removed
/// with a note (its pages are parsed again, once).
pub(super) fn read_manifest(dir: &Path) -> Option<Manifest> {
    if let Some(parent) = dir.parent() {
        let old = parent.join(OLD_MODEL_FILE);
        if old.exists() {
            tracing::info!(
                "parsed-model cache {} is of an older form; re-parsing the pages once",
                old.display()
            );
            let _ = std::fs::remove_file(&old);
        }
    }
    let file = dir.join(MANIFEST);
    let bytes = std::fs::read(&file).ok()?;
    match decode_manifest(&bytes) {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(
                "parsed-model cache {} is unreadable ({e}); re-parsing",
                file.display()
            );
            None
        }
    }
}

/// `Ok(None)`: a readable manifest of another version.
pub(super) fn decode_manifest(bytes: &[u8]) -> Result<Option<Manifest>, String> {
    let rest = bytes.strip_prefix(MAGIC).ok_or("not a model cache")?;
    let (sum, rest) = rest.split_at_checked(4).ok_or("truncated")?;
    let sum = u32::from_le_bytes(sum.try_into().map_err(|_| "truncated")?);
    if crc32fast::hash(rest) != sum {
        return Err("its checksum does not match: damaged".to_string());
    }
    let version: u32 = postcard::take_from_bytes(rest)
        .map_err(|e| e.to_string())?
        .0;
    if version != MODEL_VERSION {
        tracing::info!("parsed-model cache is of another version; re-parsing");
        return Ok(None);
    }
    postcard::from_bytes(rest)
        .map(Some)
        .map_err(|e| e.to_string())
}

fn encode_manifest(m: &Manifest) -> Result<Vec<u8>, String> {
    let body = postcard::to_allocvec(m).map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(12 + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// The bytes of a blob read from an open segment, checked against its CRC.
pub(super) fn read_blob(file: &std::fs::File, b: Blob) -> Result<Vec<u8>, String> {
    within(file, b.off, b.off.saturating_add(u64::from(b.len)))?;
    let mut buf = vec![0; b.len as usize];
    file.read_exact_at(&mut buf, b.off)
        .map_err(|e| e.to_string())?;
    check(&buf, b)?;
    Ok(buf)
}

/// Whether the bytes `start..end` are inside the file (nothing is allocated for a blob a
/// damaged manifest places past a segment's end).
fn within(file: &std::fs::File, start: u64, end: u64) -> Result<(), String> {
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    if start <= end && end <= len {
        Ok(())
    } else {
        Err("a blob past the segment's end: truncated".to_string())
    }
}

fn check(bytes: &[u8], b: Blob) -> Result<(), String> {
    if crc32fast::hash(bytes) == b.crc {
        Ok(())
    } else {
        Err("its checksum does not match: damaged".to_string())
    }
}

/// A page's articles whole, from their blob.
pub(super) fn decode_articles(bytes: &[u8]) -> Result<Vec<Article>, String> {
    postcard::from_bytes(bytes).map_err(|e| e.to_string())
}

/// A page whole (its articles in it), read from the segments of `dir`.
pub(super) fn read_page(dir: &Path, head: Blob, body: Blob) -> Result<Page, String> {
    let read = |b: Blob| open_segment(dir, b.seg).and_then(|f| read_blob(&f, b));
    let head: Head = postcard::from_bytes(&read(head)?).map_err(|e| e.to_string())?;
    let articles = decode_articles(&read(body)?)?;
    if articles.len() != head.heads.len() {
        return Err("fewer articles than heads".to_string());
    }
    let mut page = head.page;
    page.articles = articles;
    Ok(page)
}

/// Opens the segment `seg` of `dir`.
pub(super) fn open_segment(dir: &Path, seg: u64) -> Result<std::fs::File, String> {
    let path = seg_path(dir, seg);
    std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// A page and its articles' heads as read, or why they cannot be.
pub(super) type HeadRead = Result<(Page, PageHeads), String>;

/// How many bytes of heads are read at once: a start reads a window at a time into a buffer
/// it reuses, so a million articles' heads (a quarter of a GiB) never sit in memory whole
/// and the kernel does not zero a fresh page for every byte read.
const HEADS_WINDOW: u64 = 4 << 20;

/// The page (without its articles) and its articles' heads of each entry, read from the
/// segments of `dir` in windows of neighbouring blobs ([`HEADS_WINDOW`]), decoded in
/// parallel. An entry whose head cannot be read (a segment gone, a blob damaged) gives the
/// message why.
pub(super) fn read_heads(dir: &Path, heads: &[Blob]) -> Vec<HeadRead> {
    let mut order: Vec<usize> = (0..heads.len()).collect();
    order.sort_unstable_by_key(|&i| (heads[i].seg, heads[i].off));
    let end = |b: &Blob| b.off.saturating_add(u64::from(b.len));
    let mut windows: Vec<&[usize]> = Vec::new();
    let mut rest = order.as_slice();
    while let Some(&first) = rest.first() {
        let (seg, start) = (heads[first].seg, heads[first].off);
        let n = rest
            .iter()
            .take_while(|&&i| heads[i].seg == seg && end(&heads[i]) <= start + HEADS_WINDOW)
            .count()
            .max(1);
        let (w, more) = rest.split_at(n);
        windows.push(w);
        rest = more;
    }
    let files: HashMap<u64, Result<std::fs::File, String>> = heads
        .iter()
        .map(|b| b.seg)
        .collect::<HashSet<u64>>()
        .into_iter()
        .map(|seg| (seg, open_segment(dir, seg)))
        .collect();
    let decoded: Vec<(usize, HeadRead)> = windows
        .par_iter()
        .map_init(Vec::new, |buf: &mut Vec<u8>, w| {
            let first = heads[w[0]];
            let stop = w.iter().map(|&i| end(&heads[i])).max().unwrap_or(first.off);
            let read = (|| {
                let f = files
                    .get(&first.seg)
                    .ok_or("no such segment")?
                    .as_ref()
                    .map_err(Clone::clone)?;
                within(f, first.off, stop)?;
                let n = usize::try_from(stop - first.off).map_err(|e| e.to_string())?;
                if buf.len() < n {
                    buf.resize(n, 0);
                }
                f.read_exact_at(&mut buf[..n], first.off)
                    .map_err(|e| e.to_string())
            })();
            w.iter()
                .map(|&i| {
                    let b = heads[i];
                    let r = read.clone().and_then(|()| {
                        let from = usize::try_from(b.off - first.off).map_err(|e| e.to_string())?;
                        let bytes = buf
                            .get(from..from + b.len as usize)
                            .ok_or("truncated segment")?;
                        check(bytes, b)?;
                        let head: Head = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
                        head.heads.check()?;
                        Ok((head.page, head.heads))
                    });
                    (i, r)
                })
                .collect::<Vec<_>>()
        })
        .flatten()
        .collect();
    let mut out: Vec<HeadRead> = (0..heads.len()).map(|_| Err(String::new())).collect();
    for (i, r) in decoded {
        if let Some(slot) = out.get_mut(i) {
            *slot = r;
        }
    }
    out
}

/// Writes the cache: the pages of `fresh` (an index into `entries`, and the page parsed,
/// whole) into a new segment, their entries given its blobs, then the manifest of
/// `entries` in order (the kept ones name the segments they were read from). `before`: the
/// segments the manifest it replaces named, removed if no longer named. Gives the entries
/// as written (compaction moves blobs).
///
/// # Errors
/// When a segment or the manifest cannot be written (the old manifest then stands).
pub(super) fn write(
    dir: &Path,
    fingerprint: u64,
    mut entries: Vec<Entry>,
    fresh: &[(usize, &Page)],
    before: &HashSet<u64>,
) -> Result<Vec<Entry>, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    if !fresh.is_empty() {
        write_fresh(dir, &mut entries, fresh)?;
    }
    maybe_compact(dir, &mut entries)?;
    let manifest = Manifest {
        version: MODEL_VERSION,
        parser: super::parser_stamp(),
        fingerprint,
        written: super::nanos(std::time::SystemTime::now()),
        entries,
    };
    let bytes = encode_manifest(&manifest)?;
    let file = dir.join(MANIFEST);
    let tmp = dir.join(format!("{MANIFEST}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| e.to_string())?;
    std::fs::rename(&tmp, &file).map_err(|e| e.to_string())?;
    let named: HashSet<u64> = manifest
        .entries
        .iter()
        .flat_map(|e| [e.head, e.body])
        .flatten()
        .map(|b| b.seg)
        .collect();
    remove_unnamed(dir, &named, before);
    Ok(manifest.entries)
}

/// A new segment's id: of the process, the time and a counter (two writers at once write
/// two segments).
fn new_seg_id() -> u64 {
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    crate::hash::fnv64(&[
        &std::process::id().to_le_bytes(),
        &super::nanos(std::time::SystemTime::now()).to_le_bytes(),
        &n.to_le_bytes(),
    ])
}

/// Encodes the fresh pages (heads, then bodies, so a start reads the heads in one span)
/// into a new segment, and fills in their entries' blobs.
fn write_fresh(dir: &Path, entries: &mut [Entry], fresh: &[(usize, &Page)]) -> Result<(), String> {
    type Encoded = Result<(Vec<u8>, Vec<u8>), String>;
    let encoded: Vec<Encoded> = fresh
        .par_iter()
        .map(|(_, p)| {
            let heads = PageHeads::of(&p.articles);
            let page = Page {
                articles: Vec::new(),
                ..(*p).clone()
            };
            let head = postcard::to_allocvec(&Head { page, heads }).map_err(|e| e.to_string())?;
            let body = postcard::to_allocvec(&p.articles).map_err(|e| e.to_string())?;
            Ok((head, body))
        })
        .collect();
    let encoded: Vec<(Vec<u8>, Vec<u8>)> = encoded.into_iter().collect::<Result<_, _>>()?;
    let seg = new_seg_id();
    let size: usize = encoded.iter().map(|(h, b)| h.len() + b.len()).sum();
    let mut out = Vec::with_capacity(SEG_MAGIC.len() + size);
    out.extend_from_slice(SEG_MAGIC);
    let place = |bytes: &[u8], out: &mut Vec<u8>| -> Result<Blob, String> {
        let b = Blob {
            seg,
            off: out.len() as u64,
            len: u32::try_from(bytes.len()).map_err(|e| e.to_string())?,
            crc: crc32fast::hash(bytes),
        };
        out.extend_from_slice(bytes);
        Ok(b)
    };
    let mut heads = Vec::with_capacity(encoded.len());
    for (h, _) in &encoded {
        heads.push(place(h, &mut out)?);
    }
    let mut bodies = Vec::with_capacity(encoded.len());
    for (_, b) in &encoded {
        bodies.push(place(b, &mut out)?);
    }
    for ((h, b), (i, _)) in heads.into_iter().zip(bodies).zip(fresh) {
        if let Some(e) = entries.get_mut(*i) {
            e.head = Some(h);
            e.body = Some(b);
        }
    }
    let path = seg_path(dir, seg);
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, &out).map_err(|e| e.to_string())?;
    std::fs::rename(&tmp, &path).map_err(|e| e.to_string())
}

/// Copies the live blobs into one new segment when more than [`MAX_SEGMENTS`] segments are
/// named or more of their bytes are dead than alive (past [`DEAD_BYTES`]).
fn maybe_compact(dir: &Path, entries: &mut [Entry]) -> Result<(), String> {
    let mut live: HashMap<u64, u64> = HashMap::new();
    for b in entries.iter().flat_map(|e| [e.head, e.body]).flatten() {
        *live.entry(b.seg).or_default() += u64::from(b.len);
    }
    let total: u64 = live
        .keys()
        .filter_map(|&s| std::fs::metadata(seg_path(dir, s)).ok())
        .map(|m| m.len())
        .sum();
    let alive: u64 = live.values().sum();
    let dead = total.saturating_sub(alive);
    if live.len() <= MAX_SEGMENTS && (dead <= DEAD_BYTES || dead <= alive) {
        return Ok(());
    }
    let files: HashMap<u64, std::fs::File> = live
        .keys()
        .map(|&s| open_segment(dir, s).map(|f| (s, f)))
        .collect::<Result<_, _>>()?;
    let seg = new_seg_id();
    let path = seg_path(dir, seg);
    let tmp = path.with_extension("tmp");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(|e| e.to_string())?);
    let mut off = SEG_MAGIC.len() as u64;
    std::io::Write::write_all(&mut out, SEG_MAGIC).map_err(|e| e.to_string())?;
    // Heads first, then bodies, as a fresh segment lays them out.
    for pass in 0..2 {
        for e in entries.iter_mut() {
            let slot = if pass == 0 { &mut e.head } else { &mut e.body };
            let Some(b) = *slot else { continue };
            let f = files.get(&b.seg).ok_or("no such segment")?;
            let bytes = read_blob(f, b)?;
            std::io::Write::write_all(&mut out, &bytes).map_err(|e| e.to_string())?;
            *slot = Some(Blob { seg, off, ..b });
            off += u64::from(b.len);
        }
    }
    out.into_inner()
        .map_err(|e| e.to_string())?
        .sync_all()
        .map_err(|e| e.to_string())?;
    std::fs::rename(&tmp, &path).map_err(|e| e.to_string())?;
    tracing::info!(
        "parsed-model cache compacted: {} segments, {dead} dead bytes, into one",
        live.len()
    );
    Ok(())
}

/// Removes the segments no manifest names: those the replaced manifest named (`before`),
/// and any other left longer than [`ORPHAN_AGE`] (a writer that died, or lost the race).
fn remove_unnamed(dir: &Path, named: &HashSet<u64>, before: &HashSet<u64>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.filter_map(Result::ok) {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let old = || {
            e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > ORPHAN_AGE)
        };
        let remove = match seg_id(&name) {
            Some(s) => !named.contains(&s) && (before.contains(&s) || old()),
            None => name.ends_with(".tmp") && old(),
        };
        if remove {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
