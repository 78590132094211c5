//! The whole articles of a corpus read from the parsed-model cache, left in its segments
//! until an article is opened: [`SegmentBodies`] keeps each segment open (a segment removed by a
//! later writer's compaction stays readable through the open file) and, by page, where
//! its articles blob is.

use super::store::{decode_articles, open_segment, read_blob, Blob};
use crate::model::{Article, BodyStore};
use std::collections::HashMap;
use std::path::Path;

/// Whole articles in the cache's segments, by page index of the corpus.
#[derive(Debug)]
pub(super) struct SegmentBodies {
    /// The segments named, open (or why one could not be opened).
    files: HashMap<u64, Result<std::fs::File, String>>,
    /// Each page's articles blob; `None` where the page's articles are whole in memory.
    refs: Vec<Option<Blob>>,
}

impl SegmentBodies {
    /// Opens the segments of `dir` the `refs` name.
    pub(super) fn open(dir: &Path, refs: Vec<Option<Blob>>) -> SegmentBodies {
        let mut files = HashMap::new();
        for b in refs.iter().flatten() {
            files
                .entry(b.seg)
                .or_insert_with(|| open_segment(dir, b.seg));
        }
        SegmentBodies { files, refs }
    }
}

impl BodyStore for SegmentBodies {
    fn articles(&self, page: usize) -> Option<Result<Vec<Article>, String>> {
        let b = (*self.refs.get(page)?)?;
        Some((|| {
            let f = self
                .files
                .get(&b.seg)
                .ok_or("no such segment")?
                .as_ref()
                .map_err(Clone::clone)?;
            decode_articles(&read_blob(f, b)?)
        })())
    }
}
