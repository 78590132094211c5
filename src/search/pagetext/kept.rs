//! The page-level text kept beside an index's commit (`texts-<opstamp>.bin`, written by
//! the index's updates in `search/update.rs`): each page's banners and unplaced lines, laid out so that a
//! search reads a table and the pages' folded text alone, and decodes only the pages it
//! finds. Knows the file's layout and what a page-level search needs of it, nothing of the
//! index beside it.
//!
//! Layout (integers little-endian): `MAGIC`, the page count `n` (u64), the folded text's
//! length (u64); `n` entries of [`ENTRY`] bytes (in page id order): the page's folded text
//! (offset u64 and length u32, into the folded text), its record (offset u64 and length u32,
//! into the records), its edition date (u64); the folded text (each page's leftover lines
//! folded, a line each); the records (each page's id and [`PageText`], postcard).

use super::{folded_text, hit, page_passes, searchable, PageHit, Words};
use crate::model::PageText;
use crate::search::query;
use std::collections::HashMap;
use std::os::unix::fs::FileExt;
use std::path::Path;

/// The page-level text of an index's pages: page id → its [`PageText`].
pub type PageTexts = HashMap<String, PageText>;

const MAGIC: &[u8; 8] = b"GBTEXTS2";
const HEADER: usize = 24;
const ENTRY: usize = 32;

/// One page's entry in the table.
struct Entry {
    folded: std::ops::Range<usize>,
    record: std::ops::Range<usize>,
    date: u64,
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    usize::try_from(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?)).ok()
}

fn entry(table: &[u8], i: usize) -> Option<Entry> {
    let at = i.checked_mul(ENTRY)?;
    let folded = usize::try_from(u64_at(table, at)?).ok()?;
    let record = usize::try_from(u64_at(table, at + 12)?).ok()?;
    Some(Entry {
        folded: folded..folded.checked_add(u32_at(table, at + 8)?)?,
        record: record..record.checked_add(u32_at(table, at + 20)?)?,
        date: u64_at(table, at + 24)?,
    })
}

/// The file's bytes for `texts`.
///
/// # Errors
/// When a record cannot be encoded, or a page's text is past 4 GiB.
pub fn encode(texts: &PageTexts) -> Result<Vec<u8>, String> {
    let mut pages: Vec<(&String, &PageText)> = texts.iter().collect();
    pages.sort_by(|a, b| a.0.cmp(b.0));
    let too_big = |_| "a page's text is too long to keep".to_string();
    let (mut table, mut folded, mut records) = (Vec::new(), String::new(), Vec::new());
    for (id, text) in pages {
        let f = folded_text(text);
        let record = postcard::to_allocvec(&(id, text)).map_err(|e| e.to_string())?;
        table.extend_from_slice(&(folded.len() as u64).to_le_bytes());
        table.extend_from_slice(&u32::try_from(f.len()).map_err(too_big)?.to_le_bytes());
        table.extend_from_slice(&(records.len() as u64).to_le_bytes());
        table.extend_from_slice(&u32::try_from(record.len()).map_err(too_big)?.to_le_bytes());
        table.extend_from_slice(&text.date.to_le_bytes());
        folded.push_str(&f);
        records.extend_from_slice(&record);
    }
    let mut out = Vec::with_capacity(HEADER + table.len() + folded.len() + records.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&((table.len() / ENTRY) as u64).to_le_bytes());
    out.extend_from_slice(&(folded.len() as u64).to_le_bytes());
    out.extend_from_slice(&table);
    out.extend_from_slice(folded.as_bytes());
    out.extend_from_slice(&records);
    Ok(out)
}

/// The file's parts: the table, where the folded text starts, where the records start.
fn parts(header: &[u8]) -> Option<(usize, usize, usize)> {
    if header.get(..8)? != MAGIC {
        return None;
    }
    let n = usize::try_from(u64_at(header, 8)?).ok()?;
    let folded_len = usize::try_from(u64_at(header, 16)?).ok()?;
    let table = n.checked_mul(ENTRY)?;
    let folded_at = HEADER.checked_add(table)?;
    Some((table, folded_at, folded_at.checked_add(folded_len)?))
}

/// Every page of the file; `None` when it is not such a file or is damaged.
#[must_use]
pub fn decode(bytes: &[u8]) -> Option<PageTexts> {
    let (table_len, folded_at, records_at) = parts(bytes)?;
    let table = bytes.get(HEADER..folded_at)?;
    let records = bytes.get(records_at..)?;
    (0..table_len / ENTRY)
        .map(|i| {
            let e = entry(table, i)?;
            postcard::from_bytes::<(String, PageText)>(records.get(e.record)?).ok()
        })
        .collect()
}

/// The pages of the file at `file` whose page-level text the query `input` finds, as
/// [`super::Leftovers::search`] finds them, at most `limit`; `None` when the file is missing,
/// not such a file, or damaged. Reads the table and the folded text, and the records of the
/// pages found alone.
#[must_use]
pub fn search(file: &Path, input: &str, limit: usize) -> Option<Vec<PageHit>> {
    let f = std::fs::File::open(file).ok()?;
    let mut header = [0u8; HEADER];
    f.read_exact_at(&mut header, 0).ok()?;
    let (table_len, folded_at, records_at) = parts(&header)?;
    let mut table = vec![0u8; table_len];
    f.read_exact_at(&mut table, HEADER as u64).ok()?;
    // The folded text is read a window at a time, in table order, into one buffer: never
    // whole (12 MB at 100k articles, which the allocator zeroed page by page). It is valid
    // UTF-8 as written, and a byte match of valid UTF-8 is a match of characters, so it is
    // not checked (a damaged file is caught by its records' decoding).
    let mut folded = Window {
        file: &f,
        at: folded_at,
        buf: Vec::new(),
        end: records_at,
    };
    let q = query::parse(input);
    if !searchable(&q) {
        return Some(Vec::new());
    }
    let needles = q.needles();
    let words = Words::of(&q);
    let mut hits = Vec::new();
    let mut shown = 0;
    for i in 0..table_len / ENTRY {
        if hits.len() == limit {
            break;
        }
        let e = entry(&table, i)?;
        let text = folded.get(folded_at + e.folded.start, folded_at + e.folded.end)?;
        if text.is_empty() {
            continue;
        }
        let page = shown;
        shown += 1;
        // The page id is in the record: `page:` is checked once the page's words are found.
        if !page_passes(&q, None, e.date) || !words.in_text(text) {
            continue;
        }
        let mut record = vec![0u8; e.record.len()];
        f.read_exact_at(&mut record, (records_at + e.record.start) as u64)
            .ok()?;
        let (id, page_text) = postcard::from_bytes::<(String, PageText)>(&record).ok()?;
        if !page_passes(&q, Some(&id), e.date) {
            continue;
        }
        hits.extend(hit(page, &id, &page_text.lines, &needles));
    }
    Some(hits)
}

/// How much of the folded text is read at a time.
const WINDOW: usize = 256 << 10;

/// A window on a file's bytes from `at`, read forward a [`WINDOW`] at a time, never past `end`.
struct Window<'f> {
    file: &'f std::fs::File,
    at: usize,
    buf: Vec<u8>,
    end: usize,
}

impl Window<'_> {
    /// The file's bytes `start..end` (at or after the window's start).
    fn get(&mut self, start: usize, end: usize) -> Option<&[u8]> {
        if start < self.at || end > self.at + self.buf.len() {
            let len = end
                .checked_sub(start)?
                .max(WINDOW)
                .min(self.end.checked_sub(start)?);
            if end > start + len {
                return None;
            }
            self.buf.resize(len, 0);
            self.file.read_exact_at(&mut self.buf, start as u64).ok()?;
            self.at = start;
        }
        self.buf.get(start - self.at..end - self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Corpus;
    use crate::parse::parse_page;
    use crate::search::pagetext::Leftovers;

    /// Three pages (one with no leftover text), kept and searched: the same hits as the
    /// pages' own leftovers give, and the same texts decoded.
    #[test]
    fn the_kept_file_finds_what_the_pages_give() {
        let pages = [
            (
                "a",
                "2025-05-30_01.txt",
                "南方工报 ＡＢＣ专刊\n\n本报讯 近日，惠州市惠城区总工会举办职工运动会。\n",
            ),
            (
                "b",
                "b.txt",
                "本报讯 近日，江门市总工会开展送清凉活动。\n\n江门工会送清凉\n",
            ),
            (
                "c",
                "2024-01-02_03.txt",
                "南方工报 專刊 劳模\n\n本报讯 近日，湛江市总工会开展活动。\n",
            ),
        ];
        let corpus = Corpus::new(
            pages
                .iter()
                .map(|(id, source, text)| parse_page(id, source, text.as_bytes()).unwrap())
                .collect(),
        );
        let texts: PageTexts = corpus
            .pages
            .iter()
            .map(|p| (p.id.clone(), PageText::of(p)))
            .collect();
        let bytes = encode(&texts).unwrap();
        assert_eq!(decode(&bytes), Some(texts));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("texts.bin");
        std::fs::write(&file, &bytes).unwrap();
        let direct = Leftovers::of(&corpus);
        for q in [
            "工报",
            "专刊",
            "abc",
            "工报 -专刊",
            "工报 page:c",
            "工报 page:b",
            "工报 date:2025",
            "工报 before:2025-01-01",
            "劳模",
            "工报 city:湛江",
            "没有",
            "",
        ] {
            let key = |h: &PageHit| {
                (
                    h.page_id.clone(),
                    h.line.clone(),
                    h.snippet.marked("[", "]"),
                )
            };
            let kept: Vec<_> = search(&file, q, 10).unwrap().iter().map(key).collect();
            let pages: Vec<_> = direct.search(q, 10).iter().map(key).collect();
            assert_eq!(kept, pages, "{q}");
        }
        assert_eq!(search(&file, "工报", 1).unwrap().len(), 1);
        // Not such a file, or cut short: no answer (the caller reads the pages instead).
        let cut = &bytes[..HEADER + ENTRY + 4];
        std::fs::write(&file, cut).unwrap();
        assert!(search(&file, "工报", 10).is_none());
        assert!(decode(cut).is_none());
        assert!(decode(b"GBTEXTS2").is_none());
        assert!(search(&dir.path().join("none.bin"), "工报", 10).is_none());
    }

    /// Pages enough to fill many windows, some with a word: every one found, across the
    /// windows' edges, in page id order.
    #[test]
    fn a_big_file_is_searched_a_window_at_a_time() {
        use crate::model::Leftover;
        let texts: PageTexts = (0..3000)
            .map(|i| {
                let mut line = "职工书屋开放时间调整为每天上午九时至下午五时".repeat(1 + i % 7);
                if i % 97 == 0 {
                    line.push_str("劳模工作室");
                }
                (
                    format!("p{i:05}"),
                    PageText {
                        date: 0,
                        lines: vec![(Leftover::Banner, line)],
                    },
                )
            })
            .collect();
        let bytes = encode(&texts).unwrap();
        assert!(bytes.len() > 4 * WINDOW);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("texts.bin");
        std::fs::write(&file, &bytes).unwrap();
        let found: Vec<String> = search(&file, "劳模工作室", 1000)
            .unwrap()
            .into_iter()
            .map(|h| h.page_id)
            .collect();
        let expected: Vec<String> = (0..3000)
            .filter(|i| i % 97 == 0)
            .map(|i| format!("p{i:05}"))
            .collect();
        assert_eq!(found, expected);
        assert_eq!(search(&file, "劳模工作室", 3).unwrap().len(), 3);
    }
}
