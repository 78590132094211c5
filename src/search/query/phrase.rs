//! A phrase as a query: the bigram phrase that matches exactly where a text occurs (every
//! other bigram of a run, and a run's last character where another run follows), and a
//! quoted phrase's spellings (each space a break in the text or none). Knows the bigram
//! field's positions ([`super::super::tokenizer::RUN_GAP`]) and nothing of ranking.

use super::super::schema::Fields;
use super::super::tokenizer::gram_tokens;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::Token;
use tantivy::Term;

/// A query that matches where `text` occurs exactly (a phrase of its bigrams). A run's
/// bigrams are taken every other one, and its last: they cover each character, and with the
/// positions left unused between runs ([`super::super::tokenizer::RUN_GAP`]) they match
/// only where the run is whole. A phrase of 8 ideographs reads 4 position lists instead of 7.
#[must_use]
pub fn exact(fields: &Fields, text: &str) -> Option<Box<dyn Query>> {
    let all = gram_tokens(text);
    let toks = phrase_terms(all.clone());
    match toks.len() {
        0 => None,
        // One ideograph: the index holds it alone only at the edges of a run, so any bigram
        // that holds it counts too.
        1 if toks[0].text.chars().count() == 1 && !toks[0].text.is_ascii() => {
            let c = regex::escape(&toks[0].text);
            tantivy::query::RegexQuery::from_pattern(&format!("{c}.?|.{c}"), fields.grams)
                .ok()
                .map(|q| Box::new(q) as Box<dyn Query>)
        }
        1 => Some(Box::new(TermQuery::new(
            Term::from_field_text(fields.grams, &toks[0].text),
            IndexRecordOption::WithFreqs,
        ))),
        _ => {
            let phrase = Box::new(PhraseQuery::new_with_offset(terms_of(fields, &toks)));
            let skipped = skipped(&all, &toks);
            if skipped.is_empty() {
                return Some(phrase);
            }
            // The bigrams the phrase skips, required too: an article the phrase matches holds
            // each (it lies between two of the phrase's bigrams in one run), so this finds the
            // same articles with the same score; but a rare one (会驿 of 工会驿站) leads the
            // intersection, and the phrase's positions are read only where it occurs.
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, phrase)];
            for t in skipped {
                clauses.push((
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(
                        Box::new(TermQuery::new(
                            Term::from_field_text(fields.grams, &t.text),
                            IndexRecordOption::Basic,
                        )),
                        0.0,
                    )),
                ));
            }
            Some(Box::new(BooleanQuery::new(clauses)))
        }
    }
}

/// The bigrams of `all` (a text's [`gram_tokens`]) that its phrase terms `kept` leave out.
fn skipped<'a>(all: &'a [Token], kept: &[Token]) -> Vec<&'a Token> {
    all.iter()
        .filter(|t| t.text.chars().count() == 2 && !t.text.is_ascii())
        .filter(|t| {
            !kept
                .iter()
                .any(|k| k.position == t.position && k.text == t.text)
        })
        .collect()
}

/// The terms [`exact`] requires of `text`, at their positions, in the bigram field (one term
/// of two characters or more: the term alone). Empty when `text` has no term.
#[must_use]
pub fn exact_terms(fields: &Fields, text: &str) -> Vec<(usize, Term)> {
    terms_of(fields, &phrase_terms(gram_tokens(text)))
}

fn terms_of(fields: &Fields, toks: &[Token]) -> Vec<(usize, Term)> {
    toks.iter()
        .map(|t| (t.position, Term::from_field_text(fields.grams, &t.text)))
        .collect()
}

/// The terms of a phrase: `toks` without the odd bigrams of each run but its last (a run's
/// bigrams are the tokens of two characters at consecutive positions). A run of bigrams that
/// another term follows also requires its last character where the index puts a run's last
/// character of its own (at the run's last bigram): the run ends there, so the next term is
/// the next run's, not one a few characters on in the same run (`"劳模 工匠"` is no
/// `劳模和工匠`).
fn phrase_terms(toks: Vec<Token>) -> Vec<Token> {
    let bigram = |t: &Token| t.text.chars().count() == 2 && !t.text.is_ascii();
    let mut out = Vec::with_capacity(toks.len());
    let mut k = 0;
    for (i, t) in toks.iter().enumerate() {
        let follows =
            i > 0 && bigram(t) && bigram(&toks[i - 1]) && toks[i - 1].position + 1 == t.position;
        k = if follows { k + 1 } else { 0 };
        let next = toks.get(i + 1);
        let last_of_run =
            next.is_none_or(|n| !(bigram(n) && bigram(t) && t.position + 1 == n.position));
        if k % 2 == 0 || last_of_run {
            out.push(t.clone());
        }
        if bigram(t) && last_of_run && next.is_some() {
            if let Some((at, c)) = t.text.char_indices().nth(1) {
                let mut end = t.clone();
                end.text = c.to_string();
                end.offset_from += at;
                out.push(end);
            }
        }
    }
    out
}

/// A quoted phrase as a query: as typed, where each space stands for a break in the text
/// (punctuation, a space) or for none (`"工会 驿站"` finds 工会驿站 and 工会，驿站). Up to three
/// spaces, every choice of them; past that, all breaks or none.
pub(super) fn phrase(fields: &Fields, typed: &str) -> Option<Box<dyn Query>> {
    let parts: Vec<&str> = typed.split_whitespace().collect();
    if parts.len() < 2 {
        return exact(fields, typed);
    }
    let gaps = parts.len() - 1;
    let choices: Vec<u32> = if gaps <= 3 {
        (0..1u32 << gaps).collect()
    } else {
        vec![0, u32::MAX]
    };
    let spellings: Vec<(Occur, Box<dyn Query>)> = choices
        .into_iter()
        .filter_map(|mask| {
            let mut text = parts[0].to_string();
            for (i, p) in parts[1..].iter().enumerate() {
                if mask >> i.min(31) & 1 == 1 {
                    text.push(' ');
                }
                text.push_str(p);
            }
            exact(fields, &text)
        })
        .map(|q| (Occur::Should, q))
        .collect();
    (!spellings.is_empty()).then(|| Box::new(BooleanQuery::new(spellings)) as Box<dyn Query>)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a phrase of `query`'s terms (at their positions) matches the index terms of
    /// `doc`, as tantivy's phrase query matches them.
    fn phrase_matches(doc: &str, query: &[Token]) -> bool {
        let terms: std::collections::HashSet<(String, usize)> =
            crate::search::tokenizer::index_gram_tokens(doc)
                .into_iter()
                .map(|t| (t.text, t.position))
                .collect();
        let Some(first) = query.first() else {
            return false;
        };
        (0..=terms.iter().map(|t| t.1).max().unwrap_or(0)).any(|base| {
            query
                .iter()
                .all(|t| terms.contains(&(t.text.clone(), base + t.position - first.position)))
        })
    }

    proptest::proptest! {
        /// Every other bigram of a run still matches exactly where the text holds it: never
        /// across punctuation, a number or a one-character run (`工会，新，驿站` is no
        /// `工会驿站`), and always where it is whole.
        #[test]
        fn every_other_bigram_matches_exactly_where_the_text_holds_it(
            words in proptest::collection::vec(
                proptest::sample::select(vec!["工会", "驿站", "会驿", "新", "站新", "工"]),
                1..5,
            ),
            between in proptest::collection::vec(
                proptest::sample::select(vec!["", "", "，新，", "2", " ", "新", "，", "会"]),
                4,
            ),
            ends in proptest::collection::vec(
                proptest::sample::select(vec!["", "工", "站", "新，", "2"]),
                2,
            ),
        ) {
            // The query's words in the page, with or without something between them.
            let q = words.concat();
            proptest::prop_assume!(q.chars().count() >= 2);
            let mut doc = ends[0].to_string();
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    doc.push_str(between[i - 1]);
                }
                doc.push_str(w);
            }
            doc.push_str(ends[1]);
            let toks = phrase_terms(gram_tokens(&q));
            proptest::prop_assert!(toks.len() <= gram_tokens(&q).len() / 2 + 2);
            proptest::prop_assert_eq!(
                phrase_matches(&doc, &toks),
                doc.contains(q.as_str()),
                "{} in {}: {:?}",
                q,
                doc,
                toks
            );
        }
    }

    #[test]
    fn every_other_bigram_of_a_run_and_its_last() {
        let kept = |q: &str| -> Vec<(String, usize)> {
            phrase_terms(gram_tokens(q))
                .into_iter()
                .map(|t| (t.text, t.position))
                .collect()
        };
        let pairs = |v: &[(&str, usize)]| -> Vec<(String, usize)> {
            v.iter().map(|(t, p)| ((*t).to_string(), *p)).collect()
        };
        assert_eq!(
            kept("新就业形态劳动者"),
            pairs(&[("新就", 0), ("业形", 2), ("态劳", 4), ("动者", 6)])
        );
        assert_eq!(
            kept("工会驿站新"),
            pairs(&[("工会", 0), ("驿站", 2), ("站新", 3)])
        );
        assert!(phrase_matches(
            "工会驿站",
            &phrase_terms(gram_tokens("工会驿站"))
        ));
        for apart in ["工会，新，驿站", "工会2驿站", "工会 驿站"] {
            assert!(
                !phrase_matches(apart, &phrase_terms(gram_tokens("工会驿站"))),
                "{apart}"
            );
        }
    }
}
