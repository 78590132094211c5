//! What the user typed, turned into a tantivy query: words, "quoted phrases", -exclusions and
//! `city:` / `union:` / `page:` filters, parsed by hand (tantivy's QueryParser would turn
//! unsegmented Chinese into one phrase). Each word is segmented, and every segment is
//! required: it must occur in the article (a bigram phrase, so a word counts wherever it
//! occurs, however jieba cut its context), while the jieba terms rank the matches by BM25 with
//! the heading boosted. Single-character segments stay glued to their neighbours.
//!
//! Segmenting the query does not need jieba: [`TermDictSegmenter`] cuts it against the index's
//! own term dictionary (the terms jieba made of the pages), so a query never waits for the
//! dictionary to load; [`JiebaSegmenter`] is the reference it is tested against.

mod keyed;
mod phrase;
mod segment;
mod spelled;

pub use keyed::{AllKeyed, Keyed};
use phrase::phrase;
pub use phrase::{exact, exact_terms};
pub use segment::{JiebaSegmenter, Segmenter, TermDictSegmenter};
use spelled::spelled_any_way;
pub use spelled::spellings;

use super::abbrev::{Abbreviations, Piece};
use super::schema::Fields;
use super::tokenizer::fold;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// A query as typed, taken apart. All text is folded (full-width to ASCII, lower case).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Words as typed between spaces; each is segmented and all its segments are required.
    pub words: Vec<String>,
    /// Quoted phrases: each must occur exactly.
    pub phrases: Vec<String>,
    /// `-word` or `-"phrase"`: articles holding it are left out.
    pub excluded: Vec<String>,
    /// `city:湛江` (short or full name).
    pub city: Option<String>,
    /// `union:台山市总工会`.
    pub union: Option<String>,
    /// `page:ID`.
    pub page: Option<String>,
    /// `date:2025-05`, `after:2025-01-01`, `before:2025`: the dates let through, as inclusive
    /// yyyymmdd bounds (see [`date_bounds`]).
    pub date_from: Option<u64>,
    pub date_to: Option<u64>,
    /// What could not be read (`date:soon`), as messages; the rest of the query still runs.
    pub problems: Vec<String>,
}

impl ParsedQuery {
    /// Whether nothing would be searched for (filters alone do not make a search).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }

    /// Whether a filter is given (`city:`, `union:`, `page:`, a date).
    #[must_use]
    pub fn has_filter(&self) -> bool {
        self.city.is_some()
            || self.union.is_some()
            || self.page.is_some()
            || self.date_from.is_some()
            || self.date_to.is_some()
    }

    /// What to say when a query with a date filter finds nothing: most leads give a month
    /// and day alone, and an article whose year is not known passes no date filter.
    #[must_use]
    pub fn empty_date_note(&self) -> Option<&'static str> {
        (self.date_from.is_some() || self.date_to.is_some())
            .then_some("日期筛选只看年份已知的文章，年份来自版面日期或文件名")
    }

    /// The strings to highlight: words and phrases as typed (folded), a phrase's parts between
    /// spaces one by one.
    #[must_use]
    pub fn needles(&self) -> Vec<String> {
        // A phrase's parts between spaces, each: a space may stand for no break at all.
        let mut v: Vec<String> = self
            .words
            .iter()
            .map(String::as_str)
            .chain(self.phrases.iter().flat_map(|p| p.split_whitespace()))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.len()));
        v.dedup();
        v
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '「' | '」')
}

/// The most words, phrases and exclusions a query keeps, and the longest each may be, in
/// characters: what is typed past that (a pasted page) would only slow every keystroke.
pub const MAX_ITEMS: usize = 16;
pub const MAX_ITEM_CHARS: usize = 32;

/// Takes a query apart. Never fails: an unclosed quote runs to the end (and says so in
/// `problems`). Repeated items
/// count once; past [`MAX_ITEMS`] items, or [`MAX_ITEM_CHARS`] characters in one, the rest
/// is left out.
#[must_use]
pub fn parse(input: &str) -> ParsedQuery {
    let mut q = parse_all(input);
    for list in [&mut q.words, &mut q.phrases, &mut q.excluded] {
        let mut seen = std::collections::HashSet::new();
        list.retain(|item| seen.insert(item.clone()));
        for item in list.iter_mut() {
            if let Some((cut, _)) = item.char_indices().nth(MAX_ITEM_CHARS) {
                item.truncate(cut);
            }
        }
        list.truncate(MAX_ITEMS);
    }
    q
}

fn parse_all(input: &str) -> ParsedQuery {
    let text = fold(input).replace('：', ":");
    let mut q = ParsedQuery::default();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let negative = first == '-' || first == '－';
        if negative {
            chars.next();
        }
        let quoted = chars.peek().is_some_and(|&c| is_quote(c));
        let mut item = String::new();
        if quoted {
            chars.next();
            let mut closed = false;
            for c in chars.by_ref() {
                if is_quote(c) {
                    closed = true;
                    break;
                }
                item.push(c);
            }
            if !closed && !item.trim().is_empty() {
                q.problems.push(format!(
                    "\"{}: the quote is not closed, so the rest is one phrase",
                    item.trim()
                ));
            }
            let item = item.trim().to_string();
            if item.is_empty() {
                continue;
            }
            if negative {
                q.excluded.push(item);
            } else {
                q.phrases.push(item);
            }
            continue;
        }
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            item.push(c);
            chars.next();
        }
        if item.is_empty() {
            continue;
        }
        if negative {
            q.excluded.push(item);
            continue;
        }
        let filter = |prefixes: &[&str]| {
            prefixes
                .iter()
                .find_map(|p| item.strip_prefix(p))
                .map(str::to_string)
        };
        if let Some(v) = filter(&["city:", "城市:"]) {
            // As `--city` and the `c` prompt take it (zj, zhanjiang, 湛江 are 湛江市); a name
            // of no city stays as typed, and finds nothing.
            q.city = Some(v)
                .filter(|v| !v.is_empty())
                .map(|v| crate::names::resolve_city(&v, None).unwrap_or(v));
        } else if let Some(v) = filter(&["union:", "工会:"]) {
            q.union = Some(v).filter(|v| !v.is_empty());
        } else if let Some(v) = filter(&["page:", "版面:"]) {
            q.page = Some(v).filter(|v| !v.is_empty());
        } else if let Some((kind, v)) = ["date:", "日期:", "after:", "之后:", "before:", "之前:"]
            .iter()
            .find_map(|p| item.strip_prefix(p).map(|v| (*p, v.to_string())))
        {
            match date_bounds(&v) {
                Some((from, to)) => match kind {
                    "date:" | "日期:" => {
                        q.date_from = Some(q.date_from.map_or(from, |f| f.max(from)));
                        q.date_to = Some(q.date_to.map_or(to, |t| t.min(to)));
                    }
                    "after:" | "之后:" => {
                        q.date_from = Some(q.date_from.map_or(to + 1, |f| f.max(to + 1)));
                    }
                    _ => {
                        let before = from.saturating_sub(1);
                        q.date_to = Some(q.date_to.map_or(before, |t| t.min(before)));
                    }
                },
                None => q.problems.push(format!(
                    "{item}: not a date (write 2025, 2025-05 or 2025-05-30)"
                )),
            }
        } else {
            q.words.push(item);
        }
    }
    q
}

/// The dates a date as typed covers, as inclusive yyyymmdd bounds: `2025` is the year,
/// `2025-05` the month, `2025-05-30` the day (also `2025/5/30`, `2025.5`, `2025年5月30日`).
/// `None` for anything else. A year is 1000–9999, so an article whose year is unknown
/// (stored as month and day alone) is never in a range.
#[must_use]
pub fn date_bounds(text: &str) -> Option<(u64, u64)> {
    let parts: Vec<u64> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let year = |y: u64| (1000..=9999).contains(&y);
    match parts[..] {
        [y] if year(y) => Some((y * 10_000, y * 10_000 + 9999)),
        [y, m] if year(y) && (1..=12).contains(&m) => {
            Some((y * 10_000 + m * 100, y * 10_000 + m * 100 + 99))
        }
        // A day the month has (2024-02-29, never 2024-02-30).
        [y, m, d]
            if crate::model::Date::new(
                i32::try_from(y).ok()?,
                u32::try_from(m).ok()?,
                u32::try_from(d).ok()?,
            )
            .is_some()
                && year(y) =>
        {
            let v = y * 10_000 + m * 100 + d;
            Some((v, v))
        }
        _ => None,
    }
}

/// Glues single-character segments to a neighbour, so each group is a substring worth
/// requiring on its own: `送/清凉` → `送清凉`; `许/接英` → `许接英`.
#[must_use]
pub fn groups(segments: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for s in segments {
        if let Some(mut p) = pending.take() {
            p.push_str(s);
            out.push(p);
            continue;
        }
        let single = s.chars().count() == 1 && !s.is_ascii();
        match out.last_mut() {
            Some(last) if single => last.push_str(s),
            None if single => pending = Some(s.clone()),
            _ => out.push(s.clone()),
        }
    }
    out.extend(pending);
    out
}

/// The terms that rank the articles a query matches, each with its boost: an article's score
/// is the sum of the BM25 scores of the terms it holds. Built beside the required clauses,
/// which score nothing, so a query's ranking is one union of terms: what block-max pruning
/// (the second pass of a search) can walk without scoring every article that matches.
#[derive(Debug, Clone, Default)]
pub struct Ranking {
    terms: Vec<(Term, f32)>,
}

impl Ranking {
    /// A jieba segment in each jieba field, the heading boosted.
    fn segment(&mut self, fields: &Fields, segment: &str) {
        for (f, boost) in [
            (fields.heading, 3.0),
            (fields.body, 1.0),
            (fields.captions, 1.0),
            (fields.reporters, 2.0),
            (fields.correspondents, 2.0),
        ] {
            self.add(Term::from_field_text(f, segment), boost);
        }
    }

    /// The bigram terms an exact text requires ([`exact_terms`]), each at `boost`: what ranks
    /// a word however jieba cut the text around it.
    fn exact(&mut self, fields: &Fields, text: &str, boost: f32) {
        for (_, t) in exact_terms(fields, text) {
            self.add(t, boost);
        }
    }

    /// A term counts once: a second mention adds to its boost (BM25 is linear in it).
    fn add(&mut self, term: Term, boost: f32) {
        match self.terms.iter_mut().find(|(t, _)| *t == term) {
            Some((_, b)) => *b += boost,
            None => self.terms.push((term, boost)),
        }
    }

    /// The terms and their boosts, in the order first given.
    #[must_use]
    pub fn terms(&self) -> &[(Term, f32)] {
        &self.terms
    }

    /// Whether nothing ranks (a query of filters alone).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms as optional clauses: a query that matches any of them and scores as the
    /// ranking does.
    #[must_use]
    pub fn clauses(&self) -> Vec<(Occur, Box<dyn Query>)> {
        self.terms
            .iter()
            .map(|(t, boost)| {
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs));
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(q, *boost)) as Box<dyn Query>,
                )
            })
            .collect()
    }
}

/// What one word requires: a keyed word (matched a segment at a time into a set, see
/// [`Keyed`]) or any other query.
pub(crate) enum Required {
    Keyed(Keyed),
    Query(Box<dyn Query>),
}

/// A query ready to run.
pub struct Built {
    /// What an article must hold and must not (scoring 0), with the ranking's terms as
    /// optional clauses: run whole, it matches and scores as [`Built::ranking`] says.
    pub query: Box<dyn Query>,
    /// What ranks the articles the query matches.
    pub ranking: Ranking,
}

/// The groups one spelling of a word requires: the text between forms segmented and glued
/// as any word's ([`groups`]), each form whole, and a limited form together with the group
/// before it (`湛江市总`, never `市总` alone).
#[must_use]
pub fn spelling_groups(seg: &dyn Segmenter, pieces: &[Piece]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in pieces {
        if !p.form {
            out.extend(groups(&seg.segment(&p.text)));
            continue;
        }
        match out.last_mut() {
            Some(last) if p.limited => last.push_str(&p.text),
            _ => out.push(p.text.clone()),
        }
    }
    out
}

/// The tantivy query for a parsed query, with `city` / `union` already resolved to the exact
/// values stored in the index. `None` when nothing is searched for.
#[must_use]
pub fn build(
    fields: &Fields,
    q: &ParsedQuery,
    seg: &dyn Segmenter,
    city: Option<&str>,
    union: Option<&str>,
) -> Option<Built> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut ranking = Ranking::default();
    // Keyed words, required together as one clause.
    let mut keyed: Vec<Keyed> = Vec::new();
    // Required, scoring nothing: the ranking's terms score.
    let required = |q: Box<dyn Query>| -> (Occur, Box<dyn Query>) {
        (
            Occur::Must,
            Box::new(tantivy::query::ConstScoreQuery::new(q, 0.0)),
        )
    };
    let parts = q
        .words
        .iter()
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .filter(|p| !p.is_empty());
    let mut required_once = std::collections::HashSet::new();
    let abbreviations = Abbreviations::get();
    for w in parts {
        let expansion = abbreviations.expand(w);
        if !expansion.rows.is_empty() {
            match spelled_any_way(fields, seg, &expansion, &mut ranking) {
                Some(Required::Keyed(k)) => keyed.push(k),
                Some(Required::Query(q)) => clauses.push(required(q)),
                None => {}
            }
            continue;
        }
        let segments = seg.segment(w);
        for g in groups(&segments) {
            if !required_once.insert(g.clone()) {
                continue;
            }
            // Required: the group occurs (a group jieba keeps whole is sure wherever the
            // index holds its term). Ranked: its bigrams at half weight, and the jieba terms
            // inside it.
            match segments
                .contains(&g)
                .then(|| Keyed::word(fields, &g))
                .flatten()
            {
                Some(k) => keyed.push(k),
                None => match exact(fields, &g) {
                    Some(q) => clauses.push(required(q)),
                    None => continue,
                },
            }
            ranking.exact(fields, &g, 0.5);
            for s in segments.iter().filter(|s| g.contains(s.as_str())) {
                ranking.segment(fields, s);
            }
            if !segments.contains(&g) {
                ranking.segment(fields, &g);
            }
        }
    }
    match keyed.len() {
        0 => {}
        1 => clauses.extend(keyed.pop().map(|k| required(Box::new(k)))),
        _ => clauses.push(required(Box::new(AllKeyed(keyed)))),
    }
    for p in &q.phrases {
        if let Some(exactly) = phrase(fields, p) {
            clauses.push(required(exactly));
        }
        for part in p.split_whitespace() {
            ranking.exact(fields, part, 1.0);
        }
        for s in seg.segment(p) {
            ranking.segment(fields, &s);
        }
    }
    if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
        // Filters alone (`city:湛江`) list every article they let through.
        if city.is_none()
            && union.is_none()
            && q.page.is_none()
            && q.date_from.is_none()
            && q.date_to.is_none()
        {
            return None;
        }
        clauses.push((Occur::Must, Box::new(tantivy::query::AllQuery)));
    }
    for x in &q.excluded {
        // Every spelling of it, as one clause.
        let spellings: Vec<(Occur, Box<dyn Query>)> = abbreviations
            .expand(x)
            .variants
            .iter()
            .filter_map(|v| exact(fields, v))
            .map(|q| (Occur::Should, q))
            .collect();
        if !spellings.is_empty() {
            // Plain: tantivy's Exclude must not take an excluded phrase's danger-zone seek.
            let excluded = super::exclusion::Plain(Box::new(BooleanQuery::new(spellings)));
            clauses.push((Occur::MustNot, Box::new(excluded)));
        }
    }
    let mut filter = |f: tantivy::schema::Field, v: &str| {
        clauses.push((
            Occur::Must,
            Box::new(tantivy::query::ConstScoreQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(f, v),
                    IndexRecordOption::Basic,
                )),
                0.0,
            )),
        ));
    };
    if let Some(c) = city {
        filter(fields.city, c);
    }
    if let Some(u) = union {
        filter(fields.union, u);
    }
    if let Some(p) = &q.page {
        filter(fields.page, p);
    }
    if q.date_from.is_some() || q.date_to.is_some() {
        // The year must be known: dates without one are stored as mmdd, below 10000.
        let from = q.date_from.unwrap_or(0).max(10_000);
        let to = q.date_to.unwrap_or(u64::MAX);
        let range: Box<dyn Query> = if from > to {
            Box::new(tantivy::query::EmptyQuery)
        } else {
            Box::new(tantivy::query::RangeQuery::new(
                std::ops::Bound::Included(Term::from_field_u64(fields.date, from)),
                std::ops::Bound::Included(Term::from_field_u64(fields.date, to)),
            ))
        };
        clauses.push((
            Occur::Must,
            Box::new(tantivy::query::ConstScoreQuery::new(range, 0.0)),
        ));
    }
    clauses.extend(ranking.clauses());
    Some(Built {
        query: Box::new(BooleanQuery::new(clauses)),
        ranking,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_phrases_exclusions_filters() {
        let q = parse("送清凉  “强基 工程” -高温 city：湛江 union:台山市总工会 ＡＢＣ");
        assert_eq!(q.words, vec!["送清凉", "abc"]);
        assert_eq!(q.phrases, vec!["强基 工程"]);
        assert_eq!(q.excluded, vec!["高温"]);
        // The city as --city resolves it: its full name, from pinyin and initials too; a
        // name of no city stays as typed.
        assert_eq!(q.city.as_deref(), Some("湛江市"));
        assert_eq!(q.union.as_deref(), Some("台山市总工会"));
        assert_eq!(parse("city:zj").city.as_deref(), Some("湛江市"));
        assert_eq!(parse("city:湛州").city.as_deref(), Some("湛州"));
        let q = parse("-\"a b\" \"unclosed");
        assert_eq!(q.excluded, vec!["a b"]);
        assert_eq!(q.phrases, vec!["unclosed"]);
        assert!(parse("  city: ").is_empty());
    }

    #[test]
    fn dates_and_date_filters() {
        assert_eq!(date_bounds("2025"), Some((20_250_000, 20_259_999)));
        assert_eq!(date_bounds("2025-05"), Some((20_250_500, 20_250_599)));
        assert_eq!(date_bounds("2025-05-30"), Some((20_250_530, 20_250_530)));
        assert_eq!(date_bounds("2025年5月30日"), Some((20_250_530, 20_250_530)));
        assert_eq!(date_bounds("2025/5"), Some((20_250_500, 20_250_599)));
        for bad in ["", "soon", "25-05", "2025-13", "2025-05-32", "2025-05-30-1"] {
            assert_eq!(date_bounds(bad), None, "{bad}");
        }
        let q = parse("劳模 date:2025-05 after:2025-05-09 before：2025-05-20");
        assert_eq!(q.words, ["劳模"]);
        assert_eq!(
            (q.date_from, q.date_to),
            (Some(20_250_510), Some(20_250_519))
        );
        let q = parse("日期:2024 之前:2024-07");
        assert_eq!(
            (q.date_from, q.date_to),
            (Some(20_240_000), Some(20_240_699))
        );
        assert!(q.has_filter() && q.is_empty());
        let q = parse("date:soon 工会");
        assert_eq!(q.words, ["工会"]);
        assert_eq!(q.problems.len(), 1);
        assert!(q.problems[0].starts_with("date:soon"));
        // A day the month does not have is no date; a leap day is.
        assert_eq!(parse("date:2024-02-30").problems.len(), 1);
        assert!(parse("date:2024-02-29").problems.is_empty());
        assert_eq!(parse("date:2023-02-29").problems.len(), 1);
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end_and_says_so() {
        let q = parse("\"劳模 工匠");
        assert_eq!(q.phrases, ["劳模 工匠"]);
        assert_eq!(q.problems.len(), 1, "{:?}", q.problems);
        assert!(q.problems[0].contains("not closed"));
        assert!(parse("\"劳模 工匠\"").problems.is_empty());
        assert!(parse("\"").problems.is_empty());
    }

    #[test]
    fn repeats_count_once_and_long_input_is_cut() {
        let q = parse(&"劳模 ".repeat(250));
        assert_eq!(q.words, vec!["劳模"]);
        let q = parse(&"劳模".repeat(250));
        assert_eq!(q.words[0].chars().count(), MAX_ITEM_CHARS);
        let many: String = (0..100).map(|i| format!("w{i} ")).collect();
        assert_eq!(parse(&many).words.len(), MAX_ITEMS);
    }

    #[test]
    fn single_characters_glue_to_neighbours() {
        let s = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert_eq!(groups(&s(&["送", "清凉"])), s(&["送清凉"]));
        assert_eq!(groups(&s(&["许", "接", "英"])), s(&["许接英"]));
        assert_eq!(groups(&s(&["江门市", "总工会"])), s(&["江门市", "总工会"]));
        assert_eq!(groups(&s(&["工会", "送", "清凉"])), s(&["工会送", "清凉"]));
        assert_eq!(groups(&s(&["2024", "年"])), s(&["2024年"]));
    }
}
