//! Counting a search's hits per city (the `city_id` fast field), for the reader's sidebar:
//! as a collector of its own, or inside another segment collector.

use crate::places::CityList;
use tantivy::collector::{Collector, SegmentCollector};

/// Counts hits per `city_id`.
pub struct CityCounts;

pub struct CityCountsSegment {
    column: Option<tantivy::columnar::Column<u64>>,
    counts: Vec<usize>,
}

impl CityCountsSegment {
    pub fn for_segment(segment: &tantivy::SegmentReader) -> CityCountsSegment {
        CityCountsSegment {
            column: segment.fast_fields().u64("city_id").ok(),
            counts: vec![0; CityList::get().names.len() + 1],
        }
    }
}

impl Collector for CityCounts {
    type Fruit = Vec<usize>;
    type Child = CityCountsSegment;

    fn for_segment(
        &self,
        _: tantivy::SegmentOrdinal,
        segment: &tantivy::SegmentReader,
    ) -> tantivy::Result<CityCountsSegment> {
        Ok(CityCountsSegment::for_segment(segment))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<usize>>) -> tantivy::Result<Vec<usize>> {
        let mut total = vec![0; CityList::get().names.len() + 1];
        for f in fruits {
            for (t, n) in total.iter_mut().zip(f) {
                *t += n;
            }
        }
        Ok(total)
    }
}

impl SegmentCollector for CityCountsSegment {
    type Fruit = Vec<usize>;

    fn collect(&mut self, doc: tantivy::DocId, _: tantivy::Score) {
        let id = self.column.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        if let Some(n) = usize::try_from(id)
            .ok()
            .and_then(|i| self.counts.get_mut(i))
        {
            *n += 1;
        }
    }

    fn collect_block(&mut self, docs: &[tantivy::DocId]) {
        // A column with a value for every article (as gongbao writes it): the values of the
        // block at once, without the per-article row lookup.
        if let Some(c) = self
            .column
            .as_ref()
            .filter(|c| matches!(c.index, tantivy::columnar::ColumnIndex::Full))
        {
            let mut ids = [0u64; tantivy::COLLECT_BLOCK_BUFFER_LEN];
            for chunk in docs.chunks(ids.len()) {
                let ids = &mut ids[..chunk.len()];
                c.values.get_vals(chunk, ids);
                for &id in ids.iter() {
                    if let Some(n) = usize::try_from(id)
                        .ok()
                        .and_then(|i| self.counts.get_mut(i))
                    {
                        *n += 1;
                    }
                }
            }
            return;
        }
        for &doc in docs {
            self.collect(doc, 0.0);
        }
    }

    fn harvest(self) -> Vec<usize> {
        self.counts
    }
}
