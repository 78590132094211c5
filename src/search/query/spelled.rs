//! A word that holds a form of the abbreviation table (`劳模`, `湛江市总工会`) as a query: where
//! it occurs (any of its spellings, [`spellings`]) and how it ranks (the rows' own terms and the
//! jieba terms of the rest of the word, [`spelled_any_way`]). Knows the table's pieces, not how
//! the table finds them.

use super::super::abbrev::{Abbreviations, Expansion, Piece};
use super::super::schema::Fields;
use super::{exact, spelling_groups, Keyed, Ranking, Required, Segmenter};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// Where a row's index term occurs: in the heading, the body or a caption.
fn row_term(fields: &Fields, key: &str) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        [fields.heading, fields.body, fields.captions]
            .iter()
            .map(|&f| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(f, key),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect(),
    ))
}

/// Where a word that holds an abbreviation table's form occurs: spelled one of the ways of
/// its [`Expansion`], each spelling's groups all required as for any word (a limited form
/// typed alone as its row's term). `None` when no spelling requires anything.
#[must_use]
pub fn spellings(fields: &Fields, seg: &dyn Segmenter, e: &Expansion) -> Option<BooleanQuery> {
    let spellings: Vec<(Occur, Box<dyn Query>)> = e
        .spellings
        .iter()
        .filter_map(|pieces| {
            let bare = Piece::bare_row(pieces);
            let groups = match bare {
                Some(_) => spelling_groups(seg, &pieces[1..]),
                None => spelling_groups(seg, pieces),
            };
            let all: Vec<(Occur, Box<dyn Query>)> = bare
                .map(|row| row_term(fields, Abbreviations::get().key(row)))
                .into_iter()
                .chain(groups.iter().filter_map(|g| exact(fields, g)))
                .map(|q| (Occur::Must, q))
                .collect();
            (!all.is_empty()).then(|| {
                (
                    Occur::Should,
                    Box::new(BooleanQuery::new(all)) as Box<dyn Query>,
                )
            })
        })
        .collect();
    (!spellings.is_empty()).then(|| BooleanQuery::new(spellings))
}

/// A word that holds an abbreviation table's form (`劳模`, `湛江市总工会`): it must occur
/// spelled one of the ways of its [`Expansion`] ([`spellings`]; a word that is one row's form
/// through [`Keyed`], which matches the same articles), and it ranks by the rows' own terms
/// (every form of a row counted as one term) and the jieba terms of the rest of the word, so
/// no spelling ranks above another. Returns what is required; the ranking goes to `ranking`.
pub(super) fn spelled_any_way(
    fields: &Fields,
    seg: &dyn Segmenter,
    e: &Expansion,
    ranking: &mut Ranking,
) -> Option<Required> {
    let any = spellings(fields, seg, e)?;
    let table = Abbreviations::get();
    for &r in &e.rows {
        ranking.segment(fields, table.key(r));
    }
    for piece in &e.rest {
        for s in seg.segment(piece) {
            ranking.segment(fields, &s);
        }
    }
    // A word that is one row's form: the articles holding the row's term need no phrase.
    Some(match Keyed::new(fields, e) {
        Some(k) => Required::Keyed(k),
        None => Required::Query(Box::new(any)),
    })
}
