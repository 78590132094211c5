//! The index's schema: which article fields are indexed how, and turning an [`Article`] into a
//! tantivy document. Changing anything here means bumping [`SCHEMA_VERSION`].

use super::tokenizer::{GramTokenizer, JiebaTokenizer, GRAMS, JIEBA};
use crate::model::Article;
use crate::places::CityList;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::{Index, TantivyDocument};

/// Part of the index folder's name and of the commit payload.
pub const SCHEMA_VERSION: u32 = 7;

/// The schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The article id, as in `export` (stored, exact).
    pub id: Field,
    /// The display title (stored only).
    pub title: Field,
    /// Kicker, title, subtitle and heading lines (jieba; boosted at query time).
    pub heading: Field,
    /// Paragraphs joined by newlines (jieba; stored for snippets and related articles).
    pub body: Field,
    pub captions: Field,
    pub reporters: Field,
    pub correspondents: Field,
    /// All of the above cut into character bigrams, for exact substring matches.
    pub grams: Field,
    /// The city in full (`江门市`): exact filter, stored.
    pub city: Field,
    /// 1 + the city's index in the gazetteer, 0 for none (fast, for per-city counts).
    pub city_id: Field,
    /// The union body as the model has it: exact filter, stored.
    pub union: Field,
    /// The page id: exact filter, stored (a hit is found in the corpus by page and id), and
    /// what an update deletes a page's articles by.
    pub page: Field,
    /// The date as yyyymmdd (year 0 when unknown), 0 when the article has none.
    pub date: Field,
    /// The article's place in the library ([`place`]): fast, the order of hits of equal
    /// score. Fixed by the page file, so an update of other pages leaves it as it is.
    pub place: Field,
}

/// Only the bigram field keeps positions: phrases and exact matches go through it, while
/// the jieba fields only rank (BM25 needs frequencies, not positions), which halves the
/// postings written.
fn text(tokenizer: &str, stored: bool) -> TextOptions {
    let record = if tokenizer == GRAMS {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    );
    if stored {
        opts.set_stored()
    } else {
        opts
    }
}

/// The schema and its fields.
#[must_use]
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", STORED),
        heading: b.add_text_field("heading", text(JIEBA, true)),
        body: b.add_text_field("body", text(JIEBA, true)),
        captions: b.add_text_field("captions", text(JIEBA, false)),
        reporters: b.add_text_field("reporters", text(JIEBA, false)),
        correspondents: b.add_text_field("correspondents", text(JIEBA, false)),
        grams: b.add_text_field("grams", text(GRAMS, false)),
        city: b.add_text_field("city", STRING | STORED),
        city_id: b.add_u64_field("city_id", FAST),
        union: b.add_text_field("union", STRING | STORED),
        page: b.add_text_field("page", STRING | STORED),
        date: b.add_u64_field("date", INDEXED | FAST),
        place: b.add_text_field(PLACE, STRING | FAST),
    };
    (b.build(), fields)
}

/// The fields of an index opened with this schema.
///
/// # Errors
/// When the index lacks one of the fields (an index of another version).
pub fn fields_of(index: &Index) -> tantivy::Result<Fields> {
    let s = index.schema();
    Ok(Fields {
        id: s.get_field("id")?,
        title: s.get_field("title")?,
        heading: s.get_field("heading")?,
        body: s.get_field("body")?,
        captions: s.get_field("captions")?,
        reporters: s.get_field("reporters")?,
        correspondents: s.get_field("correspondents")?,
        grams: s.get_field("grams")?,
        city: s.get_field("city")?,
        city_id: s.get_field("city_id")?,
        union: s.get_field("union")?,
        page: s.get_field("page")?,
        date: s.get_field("date")?,
        place: s.get_field(PLACE)?,
    })
}

/// Registers the two tokenizers on an index (jieba itself loads only when first used).
pub fn register_tokenizers(index: &Index, jieba: JiebaTokenizer) {
    index.tokenizers().register(JIEBA, jieba);
    index.tokenizers().register(GRAMS, GramTokenizer);
}

/// The heading texts of an article: kicker, title, subtitle, then heading lines not already
/// among them.
#[must_use]
pub fn heading_texts(a: &Article) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    v.extend(a.kicker.as_deref());
    v.push(&a.title);
    v.extend(a.subtitle.as_deref());
    for h in &a.heading {
        if !v.contains(&h.as_str()) {
            v.push(h);
        }
    }
    v
}

/// 1 + the gazetteer index of a city, 0 for none or an unknown name.
#[must_use]
pub fn city_id(city: Option<&str>) -> u64 {
    city.and_then(|c| CityList::get().index(c))
        .map_or(0, |i| i as u64 + 1)
}

/// The name of the [`Fields::place`] field.
pub const PLACE: &str = "place";

/// An article's place in the library, as text that sorts in library order: the embedded
/// seeds first, then page files by path, then the article's order on its page. `source` is
/// the page's source (`seed:<name>` or the file's path), `nth` the article's index on it.
#[must_use]
pub fn place(source: &str, nth: usize) -> String {
    let group = if source.starts_with("seed:") {
        '0'
    } else {
        '1'
    };
    format!("{group}{source}\u{0}{nth:06}")
}

/// The document of an article at `place` ([`place`]).
#[must_use]
pub fn document(f: &Fields, a: &Article, place: &str) -> TantivyDocument {
    let mut d = TantivyDocument::new();
    d.add_text(f.id, &a.id);
    d.add_text(f.place, place);
    d.add_text(f.title, a.display_title());
    let body = a.body_text();
    for h in heading_texts(a) {
        d.add_text(f.heading, h);
        d.add_text(f.grams, h);
    }
    d.add_text(f.body, &body);
    d.add_text(f.grams, &body);
    for c in &a.captions {
        d.add_text(f.captions, c);
        d.add_text(f.grams, c);
    }
    for r in &a.reporters {
        d.add_text(f.reporters, r);
        d.add_text(f.grams, r);
    }
    for r in &a.correspondents {
        d.add_text(f.correspondents, r);
        d.add_text(f.grams, r);
    }
    if let Some(c) = &a.city {
        d.add_text(f.city, c);
    }
    d.add_u64(f.city_id, city_id(a.city.as_deref()));
    if let Some(u) = &a.union {
        d.add_text(f.union, u);
    }
    d.add_text(f.page, &a.page);
    let date = a.date.as_ref().map_or(0, |d| {
        u64::try_from(d.year.unwrap_or(0)).unwrap_or(0) * 10_000
            + u64::from(d.month) * 100
            + u64::from(d.day)
    });
    d.add_u64(f.date, date);
    d
}
