//! The paper's abbreviations and full forms as one word (劳模 / 劳动模范, 市总 / 市总工会): the
//! table is data (`assets/abbreviations.toml`), loaded here once. Owns finding the forms in
//! folded text, with each row's limits (市总 counts only right after a place's name), and
//! spelling a query word in every form. The index adds one term per row wherever a form
//! occurs ([`Abbreviations::key`]), so the forms rank as one term; queries expand to every
//! form ([`Abbreviations::expand`]). Knows nothing of tantivy.

use crate::places::Gazetteer;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

/// The embedded table.
pub const TABLE: &str = include_str!("../../assets/abbreviations.toml");

/// One row of the table: forms of one word, and where its limited form counts.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The forms, short first, folded.
    pub forms: Vec<String>,
    /// The form the limits apply to, as an index into `forms`.
    pub limited: Option<usize>,
    /// The limited form counts only where a place name ends at its first character.
    pub after_place: bool,
    /// ... and not where one of these characters follows it.
    pub not_before: Vec<char>,
    /// ... and not inside these words.
    pub not_in: Vec<String>,
    /// Why the row is limited.
    pub note: String,
    /// Texts the row must be found in, and texts it must not (the row's tests).
    pub finds: Vec<String>,
    pub never: Vec<String>,
    /// The row's index term: a private-use character and the short form.
    key: String,
}

/// A form found in text: its byte range, row and which form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormHit {
    pub start: usize,
    pub end: usize,
    pub row: usize,
    pub form: usize,
}

/// A query word spelled in every form of the rows it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expansion {
    /// The word as typed first, then its other spellings.
    pub variants: Vec<String>,
    /// Each spelling taken apart: the forms, and the text between them.
    pub spellings: Vec<Vec<Piece>>,
    /// The rows whose forms the word holds.
    pub rows: Vec<usize>,
    /// The pieces of the word outside those forms (ranked on their own).
    pub rest: Vec<String>,
}

/// A piece of a spelling: one of a row's forms, or text between forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// One of a row's forms (required whole, never cut into segments).
    pub form: bool,
    /// A limited form: it counts only with what comes before it (湛江市总), so it is required
    /// together with that.
    pub limited: bool,
    /// The row of a form.
    pub row: Option<usize>,
}

impl Piece {
    fn rest(text: &str) -> Piece {
        Piece {
            text: text.to_string(),
            form: false,
            limited: false,
            row: None,
        }
    }

    /// A limited form with nothing before it in its query word (`市总` typed alone): no text
    /// tells where it counts, so it is required as its row's index term, which the index
    /// adds only where a form counts (`湛江市总`, `市总工会`; never `市总体规划`).
    #[must_use]
    pub fn bare_row(pieces: &[Piece]) -> Option<usize> {
        match pieces.first() {
            Some(p) if p.form && p.limited => p.row,
            _ => None,
        }
    }
}

/// Where a limited form that must follow a place's name may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Only right after a place's name (text as printed).
    Required,
    /// Also at the start of a query word: a reader who types `市总` alone means the row (the
    /// query then requires the row's index term, see [`Piece::bare_row`]).
    AtWordStart,
}

/// The most spellings one query word expands to.
pub const MAX_VARIANTS: usize = 8;
/// The most forms of one query word that are spelled out (the rest stay as typed).
pub const MAX_FORMS_PER_WORD: usize = 3;

/// The loaded table.
#[derive(Debug)]
pub struct Abbreviations {
    pub rows: Vec<Row>,
    /// Every form of every row, as (row, form), in the matcher's pattern order.
    patterns: Vec<(usize, usize)>,
    matcher: Option<AhoCorasick>,
}

/// What is wrong with a table, with the line it is on.
#[derive(Debug, thiserror::Error)]
#[error("assets/abbreviations.toml:{line}: {message}")]
pub struct TableError {
    pub line: usize,
    pub message: String,
}

fn fold(s: &str) -> String {
    super::fold::fold(s)
}

impl Abbreviations {
    /// The embedded table, loaded once. A table that does not parse (a test forbids it) is
    /// logged and treated as empty.
    pub fn get() -> &'static Abbreviations {
        static A: OnceLock<Abbreviations> = OnceLock::new();
        A.get_or_init(|| {
            Abbreviations::parse(TABLE).unwrap_or_else(|e| {
                tracing::warn!("{e}");
                Abbreviations::new(Vec::new())
            })
        })
    }

    /// A table from its TOML text.
    ///
    /// # Errors
    /// When the text is not TOML, or a row has fewer than two forms or a limit naming no form.
    pub fn parse(text: &str) -> Result<Abbreviations, TableError> {
        let line_of = |span: Option<std::ops::Range<usize>>| {
            span.map_or(0, |s| text[..s.start.min(text.len())].lines().count() + 1)
        };
        let doc = toml_edit::Document::parse(text).map_err(|e| TableError {
            line: line_of(e.span()),
            message: e.message().to_string(),
        })?;
        let mut rows = Vec::new();
        let Some(tables) = doc.get("row").and_then(toml_edit::Item::as_array_of_tables) else {
            return Ok(Abbreviations::new(rows));
        };
        for t in tables {
            let line = line_of(t.span());
            let err = |message: &str| TableError {
                line,
                message: message.to_string(),
            };
            let strings = |key: &str| -> Vec<String> {
                t.get(key)
                    .and_then(toml_edit::Item::as_array)
                    .map(|a| a.iter().filter_map(|v| v.as_str()).map(fold).collect())
                    .unwrap_or_default()
            };
            let string = |key: &str| t.get(key).and_then(toml_edit::Item::as_str).map(fold);
            let forms = strings("forms");
            if forms.len() < 2 || forms.iter().any(String::is_empty) {
                return Err(err("a row needs `forms` with at least two non-empty forms"));
            }
            let limited = match string("limited") {
                None => None,
                Some(l) => Some(
                    forms
                        .iter()
                        .position(|f| *f == l)
                        .ok_or_else(|| err("`limited` names none of the row's forms"))?,
                ),
            };
            let after_place = t
                .get("after_place")
                .and_then(toml_edit::Item::as_bool)
                .unwrap_or(false);
            let not_before: Vec<char> = string("not_before").unwrap_or_default().chars().collect();
            let not_in = strings("not_in");
            if limited.is_none() && (after_place || !not_before.is_empty() || !not_in.is_empty()) {
                return Err(err("limits need `limited`: the form they apply to"));
            }
            rows.push(Row {
                key: format!("\u{E000}{}", forms[0]),
                forms,
                limited,
                after_place,
                not_before,
                not_in,
                note: t
                    .get("note")
                    .and_then(toml_edit::Item::as_str)
                    .unwrap_or_default()
                    .to_string(),
                finds: strings("finds"),
                never: strings("never"),
            });
        }
        Ok(Abbreviations::new(rows))
    }

    fn new(rows: Vec<Row>) -> Abbreviations {
        let patterns: Vec<(usize, usize)> = rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| (0..row.forms.len()).map(move |f| (r, f)))
            .collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|&(r, f)| rows[r].forms[f].as_str()))
            .ok();
        Abbreviations {
            rows,
            patterns,
            matcher,
        }
    }

    /// The index term of a row: every form of it adds this term where it occurs.
    #[must_use]
    pub fn key(&self, row: usize) -> &str {
        self.rows.get(row).map_or("", |r| r.key.as_str())
    }

    /// Every form in folded `text` that counts (leftmost-longest, limits applied).
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<FormHit> {
        self.find_where(text, Place::Required)
    }

    fn find_where(&self, text: &str, place: Place) -> Vec<FormHit> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        m.find_iter(text)
            .filter_map(|hit| {
                let (row, form) = *self.patterns.get(hit.pattern().as_usize())?;
                let h = FormHit {
                    start: hit.start(),
                    end: hit.end(),
                    row,
                    form,
                };
                self.counts(text, h, place).then_some(h)
            })
            .collect()
    }

    /// Whether a form found at `h` counts as its row there.
    fn counts(&self, text: &str, h: FormHit, place: Place) -> bool {
        let Some(row) = self.rows.get(h.row) else {
            return false;
        };
        if row.limited != Some(h.form) {
            return true;
        }
        let form = &row.forms[h.form];
        if row.not_in.iter().any(|w| inside(text, h.start, form, w)) {
            return false;
        }
        if text[h.end..]
            .chars()
            .next()
            .is_some_and(|c| row.not_before.contains(&c))
        {
            return false;
        }
        !row.after_place
            || (place == Place::AtWordStart && h.start == 0)
            || place_ends_at(
                text,
                h.start + form.chars().next().map_or(0, char::len_utf8),
            )
    }

    /// A folded query word spelled in every form of the rows it holds (at most
    /// [`MAX_VARIANTS`] spellings, the typed one first; a limited form only where it would
    /// count; the first [`MAX_FORMS_PER_WORD`] forms of a word).
    #[must_use]
    pub fn expand(&self, word: &str) -> Expansion {
        let mut hits = self.find_where(word, Place::AtWordStart);
        hits.truncate(MAX_FORMS_PER_WORD);
        let mut e = Expansion::default();
        let mut at = 0;
        for h in &hits {
            e.rest.push(word[at..h.start].to_string());
            at = h.end;
            if !e.rows.contains(&h.row) {
                e.rows.push(h.row);
            }
        }
        e.rest.push(word[at..].to_string());
        e.rest.retain(|p| !p.is_empty());
        // Every choice of a form at each hit, the typed choice first.
        let mut choices: Vec<Vec<usize>> = vec![Vec::new()];
        for h in &hits {
            let n = self.rows[h.row].forms.len();
            choices = choices
                .into_iter()
                .flat_map(|c| {
                    std::iter::once(h.form)
                        .chain((0..n).filter(move |&f| f != h.form))
                        .map(move |f| {
                            let mut c = c.clone();
                            c.push(f);
                            c
                        })
                })
                .collect();
        }
        for choice in choices {
            let mut text = String::new();
            let mut pieces = Vec::new();
            let mut placed = Vec::new();
            let mut at = 0;
            for (h, &f) in hits.iter().zip(&choice) {
                if h.start > at {
                    text.push_str(&word[at..h.start]);
                    pieces.push(Piece::rest(&word[at..h.start]));
                }
                let form = &self.rows[h.row].forms[f];
                placed.push(FormHit {
                    start: text.len(),
                    end: text.len() + form.len(),
                    row: h.row,
                    form: f,
                });
                text.push_str(form);
                pieces.push(Piece {
                    text: form.clone(),
                    limited: self.rows[h.row].limited == Some(f),
                    form: true,
                    row: Some(h.row),
                });
                at = h.end;
            }
            if at < word.len() {
                text.push_str(&word[at..]);
                pieces.push(Piece::rest(&word[at..]));
            }
            let counts = hits
                .iter()
                .zip(&placed)
                .all(|(h, p)| p.form == h.form || self.counts(&text, *p, Place::AtWordStart));
            if counts && !e.variants.contains(&text) {
                e.variants.push(text);
                e.spellings.push(pieces);
            }
            if e.variants.len() == MAX_VARIANTS {
                break;
            }
        }
        e
    }
}

/// Whether `form`, found at `start` of `text`, stands inside `word` there.
fn inside(text: &str, start: usize, form: &str, word: &str) -> bool {
    word.match_indices(form).any(|(k, _)| {
        start
            .checked_sub(k)
            .and_then(|s| text.get(s..s + word.len()))
            == Some(word)
    })
}

/// Whether a place name (longer than one character) ends at byte `at` of `text`.
fn place_ends_at(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    // A window of up to 12 characters: no place name is longer.
    let from = before.char_indices().rev().nth(11).map_or(0, |(i, _)| i);
    let window = &before[from..];
    Gazetteer::get()
        .scan(window)
        .iter()
        .any(|h| h.end == window.len() && window[h.start..h.end].chars().count() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row's `finds` texts find it, its `never` texts do not; a limited row has both.
    #[test]
    fn every_row_finds_its_examples_and_not_its_counterexamples() {
        let a = Abbreviations::parse(TABLE).unwrap();
        assert!(a.rows.len() >= 6);
        for (r, row) in a.rows.iter().enumerate() {
            assert!(!row.finds.is_empty(), "{:?}: no `finds`", row.forms);
            for t in &row.finds {
                assert!(
                    a.find(t).iter().any(|h| h.row == r),
                    "{:?} not found in {t}",
                    row.forms
                );
            }
            if row.limited.is_some() {
                assert!(
                    !row.note.is_empty(),
                    "{:?}: a limited row says why",
                    row.forms
                );
                assert!(
                    !row.never.is_empty(),
                    "{:?}: a limited row needs `never`",
                    row.forms
                );
            }
            for t in &row.never {
                assert!(
                    !a.find(t).iter().any(|h| h.row == r),
                    "{:?} found in {t}",
                    row.forms
                );
            }
        }
    }

    #[test]
    fn every_form_that_is_not_limited_is_found_alone() {
        let a = Abbreviations::get();
        for (r, row) in a.rows.iter().enumerate() {
            for (f, form) in row.forms.iter().enumerate() {
                if row.limited != Some(f) {
                    assert_eq!(a.find(form)[0].row, r, "{form}");
                }
            }
        }
    }

    #[test]
    fn words_expand_to_every_form() {
        let a = Abbreviations::get();
        let e = a.expand("劳模");
        assert_eq!(e.variants, ["劳模", "劳动模范"]);
        assert!(e.rest.is_empty());
        let e = a.expand("湛江市总工会");
        assert_eq!(e.variants, ["湛江市总工会", "湛江市总"]);
        assert_eq!(e.rest, ["湛江"]);
        // With no place before it, 市总 is spelled alone, as a bare form: the query then
        // requires the row's index term, found only where the form counts (never 市总体规划).
        let e = a.expand("市总工会");
        assert_eq!(e.variants, ["市总工会", "市总"]);
        assert_eq!(Piece::bare_row(&e.spellings[1]), Some(e.rows[0]));
        assert_eq!(Piece::bare_row(&e.spellings[0]), None);
        assert_eq!(a.expand("市总").variants, ["市总", "市总工会"]);
        // ... but never before what makes it another word, even typed alone.
        assert_eq!(a.expand("市总体规划").variants, ["市总体规划"]);
        let e = a.expand("劳模工匠");
        assert_eq!(e.variants.len(), 4, "{e:?}");
        assert!(e.variants.contains(&"劳动模范技能人才".to_string()));
        assert_eq!(a.expand("送清凉").variants, ["送清凉"]);
        // Traditional script is folded before it gets here.
        assert_eq!(a.expand(&fold("勞模")).variants, ["劳模", "劳动模范"]);
    }

    #[test]
    fn bad_tables_are_reported_with_their_line() {
        let e = Abbreviations::parse("[[row]]\nforms = [\"a\"]\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let e = Abbreviations::parse("\n[[row]]\nforms = [\"a\", \"b\"]\nlimited = \"c\"\n")
            .unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(Abbreviations::parse("forms = [").is_err());
    }
}
