//! Text analysis for the index: width, case and script folding (traditional to simplified),
//! the shared jieba dictionary (with the gazetteer's place names added at `suggest_freq`
//! frequencies), the jieba tokenizer for tantivy (which also adds the abbreviation table's
//! row terms) and the character-bigram tokenizer used for exact substring matching.
//!
//! The jieba tokenizer runs `cut_for_search` with HMM over the folded text. Offsets are byte
//! offsets into the original text (mapped back through the folding); positions are ordinal
//! over the words of the main segmentation, and the dictionary sub-words `cut_for_search`
//! adds for a compound (人民 and 共和国 inside 中华人民共和国) share the compound's position, so
//! phrase queries over the main words work. Spaces and punctuation are not terms.

use jieba_rs::Jieba;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the jieba tokenizer is registered under in the index.
pub const JIEBA: &str = "gongbao_jieba";
/// The name the bigram tokenizer is registered under in the index.
pub const GRAMS: &str = "gongbao_grams";
/// Changes whenever either tokenizer's output changes; part of the index folder's name.
pub const TOKENIZER_VERSION: u32 = 4;
/// The jieba-rs release the dictionary and segmentation come from (see Cargo.lock).
pub const JIEBA_VERSION: &str = "jieba-rs 0.11";

/// Longest term kept, in bytes (a run of letters longer than this is noise).
const MAX_TERM_BYTES: usize = 120;

pub use super::fold::{fold, fold_char};

/// Text after folding, with a map back to byte offsets in the original.
#[derive(Debug)]
pub struct Folded<'a> {
    /// The folded text.
    pub text: Cow<'a, str>,
    /// For each byte offset of `text` (and one past its end), the byte offset in the
    /// original; `None` when folding changed nothing.
    map: Option<Vec<u32>>,
}

impl<'a> Folded<'a> {
    /// Folds `original`; borrows it when nothing needs folding.
    #[must_use]
    pub fn new(original: &'a str) -> Folded<'a> {
        let mut folded = Folded::widths(original);
        // Then traditional characters to simplified: same byte lengths, so the map holds.
        if let Cow::Owned(s) = crate::text::script::simplified(&folded.text) {
            folded.text = Cow::Owned(s);
        }
        folded
    }

    /// Full-width and case folded only.
    fn widths(original: &'a str) -> Folded<'a> {
        if original.chars().all(|c| fold_char(c) == c) {
            return Folded {
                text: Cow::Borrowed(original),
                map: None,
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        for (i, c) in original.char_indices() {
            let f = fold_char(c);
            text.push(f);
            for _ in 0..f.len_utf8() {
                map.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        map.push(u32::try_from(original.len()).unwrap_or(u32::MAX));
        Folded {
            text: Cow::Owned(text),
            map: Some(map),
        }
    }

    /// The original byte offset of a byte offset in the folded text (a char boundary).
    #[must_use]
    pub fn original(&self, folded: usize) -> usize {
        match &self.map {
            None => folded,
            Some(m) => m.get(folded).map_or(folded, |&o| o as usize),
        }
    }
}

/// Whether a character is a letter, digit or ideograph; the common CJK block is checked
/// first, without the Unicode tables.
fn is_word_char(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphanumeric()
}

/// Whether a word is worth a term: it has a letter, digit or ideograph.
fn indexable(word: &str) -> bool {
    word.len() <= MAX_TERM_BYTES && word.chars().any(is_word_char)
}

/// The place names added to jieba's dictionary: every city, county and town in full, and the
/// short forms of cities and counties. Changing what is taken here means bumping
/// `TOKENIZER_VERSION`.
#[must_use]
pub fn place_words() -> Vec<String> {
    let g = crate::places::Gazetteer::get();
    let mut words: Vec<String> = Vec::new();
    for c in &g.cities {
        words.push(c.name.clone());
        words.push(c.short.clone());
    }
    for c in &g.counties {
        words.push(c.name.clone());
        words.extend(c.short.clone());
    }
    for t in &g.towns {
        words.push(t.name.clone());
    }
    // Text is cut after folding to simplified, so the names are folded too (乾务镇 → 干务镇).
    for w in &mut words {
        if let Cow::Owned(s) = crate::text::script::simplified(w) {
            *w = s;
        }
    }
    words.retain(|w| w.chars().count() >= 2);
    words.sort();
    words.dedup();
    words
}

use crate::hash::fnv64;

/// A hash of everything that decides how text is cut into terms: tokenizer version, jieba
/// version, the abbreviation table and the gazetteer the dictionary's place names come from (hashing its data, not
/// loading it, so opening an index to query it stays instant; what [`place_words`] takes
/// from it is covered by `TOKENIZER_VERSION`).
#[must_use]
pub fn analysis_fingerprint() -> u64 {
    static F: OnceLock<u64> = OnceLock::new();
    *F.get_or_init(|| {
        let v = TOKENIZER_VERSION.to_le_bytes();
        fnv64(&[
            JIEBA_VERSION.as_bytes(),
            &v,
            include_str!("../../assets/guangdong_divisions.json").as_bytes(),
            super::abbrev::TABLE.as_bytes(),
        ])
    })
}

/// Builds jieba's default dictionary plus the gazetteer's place names, each at the frequency
/// `suggest_freq` gives (just enough to keep it whole; a forced high one splits 台山市民 as
/// 台山市/民).
#[must_use]
pub fn build_jieba() -> Jieba {
    let mut jieba = Jieba::new();
    for w in place_words() {
        let f = jieba.suggest_freq(&w);
        jieba.add_word(&w, Some(f), None);
    }
    jieba
}

/// The process's one jieba dictionary, loaded on first use (about 0.1 s).
pub fn shared_jieba() -> Arc<Jieba> {
    static J: OnceLock<Arc<Jieba>> = OnceLock::new();
    J.get_or_init(|| {
        let t = std::time::Instant::now();
        let j = Arc::new(build_jieba());
        tracing::debug!("jieba dictionary loaded in {:?}", t.elapsed());
        j
    })
    .clone()
}

/// Cuts `text` for indexing: folded, `cut_for_search` with HMM, punctuation dropped, byte
/// offsets into `text`, compounds and their sub-words at one ordinal position.
#[must_use]
pub fn jieba_tokens(jieba: &Jieba, text: &str) -> Vec<Token> {
    jieba_stream(jieba, text).collect_tokens()
}

/// [`jieba_tokens`] as a token stream that fills one reused token.
fn jieba_stream<'a>(jieba: &Jieba, text: &'a str) -> CutStream<'a> {
    let folded = Folded::new(text);
    let mut cuts = jieba_cuts(jieba, &folded.text);
    abbreviation_keys(&folded.text, &mut cuts);
    CutStream::new(folded, cuts)
}

/// Adds the term of an abbreviation table row wherever one of its forms occurs (劳模 and
/// 劳动模范 both add the row's term), at the position of the word it starts in: a query for
/// either form ranks by that one term.
fn abbreviation_keys(folded: &str, cuts: &mut Vec<Cut>) {
    let hits = super::abbrev::Abbreviations::get().find(folded);
    if hits.is_empty() {
        return;
    }
    let last = cuts.last().map_or(0, |c| c.position);
    for h in hits {
        let position = cuts
            .iter()
            .find(|c| c.to > h.start)
            .map_or(last, |c| c.position);
        cuts.push(Cut {
            from: h.start,
            to: h.end,
            position,
            key: u32::try_from(h.row).ok(),
        });
    }
    cuts.sort_by_key(|c| c.position);
}

/// The terms of folded text as jieba cuts them for search.
fn jieba_cuts(jieba: &Jieba, folded: &str) -> Vec<Cut> {
    let toks = jieba.cut_for_search(folded, true);
    // `cut_for_search` emits each word of the main cut after its sub-words, and the sub-words
    // lie inside it. Walking back, a token that is not inside the current main word starts
    // the previous one.
    let mut group = vec![0usize; toks.len()];
    let mut current: Option<(usize, usize, usize)> = None;
    for i in (0..toks.len()).rev() {
        let t = &toks[i];
        match current {
            Some((s, e, g)) if t.byte_start >= s && t.byte_end <= e && i != g => group[i] = g,
            _ => {
                current = Some((t.byte_start, t.byte_end, i));
                group[i] = i;
            }
        }
    }
    let mut position = vec![usize::MAX; toks.len()];
    let mut next = 0;
    for (i, t) in toks.iter().enumerate() {
        if group[i] == i && indexable(t.word) {
            position[i] = next;
            next += 1;
        }
    }
    toks.iter()
        .enumerate()
        .filter(|(i, t)| position[group[*i]] != usize::MAX && indexable(t.word))
        .map(|(i, t)| Cut {
            from: t.byte_start,
            to: t.byte_end,
            position: position[group[i]],
            key: None,
        })
        .collect()
}

/// Whether a character is an ideograph or other non-ASCII letter (cut into bigrams).
fn is_cjk(c: char) -> bool {
    !c.is_ascii() && is_word_char(c)
}

/// Whether `text` is one run of two or more ideographs that folding leaves as it is: its
/// bigram phrase ([`gram_tokens`]) matches wherever a field's folded text holds it.
#[must_use]
pub fn one_run(text: &str) -> bool {
    text.chars().nth(1).is_some() && text.chars().all(is_cjk) && Folded::new(text).text == text
}

/// Positions left unused after each run (a CJK run, a one-character run, an ASCII word):
/// a bigram and the bigram two positions on are then always in one run, so a phrase may skip
/// every other bigram of a run and still match only where the text holds it
/// (`exact` in `search::query`).
pub const RUN_GAP: usize = 2;

/// Positions the index leaves unused before a value's first term. tantivy starts a field's
/// next value one position past the last one's end; with these, two values are as far
/// apart as two runs of one value ([`RUN_GAP`]), so a phrase of every other bigram never
/// matches across the end of one value (heading line `…新就业形`) and the start of the next
/// (`态劳动者…`), and one with a break in it (`"工会 驿站"`) does, as it does across a run's
/// end.
const VALUE_GAP: usize = RUN_GAP - 1;

/// Cuts `text` into overlapping character bigrams of its CJK runs (a run of one character
/// stays one term) and whole folded ASCII words, with ordinal positions, [`RUN_GAP`] unused
/// ones after each run: a phrase of these terms matches exactly where the text holds the
/// phrase. This is how a query is cut.
#[must_use]
pub fn gram_tokens(text: &str) -> Vec<Token> {
    gram_stream(text, false).collect_tokens()
}

/// How the index cuts text into bigrams: as [`gram_tokens`], plus the first and last character
/// of each CJK run as terms of their own at the run's first and last bigram's positions, so a
/// query such as `2024年` (a word, then one character) matches `2024年度`.
#[must_use]
pub fn index_gram_tokens(text: &str) -> Vec<Token> {
    gram_stream(text, true).collect_tokens()
}

fn gram_stream(text: &str, edges: bool) -> CutStream<'_> {
    let folded = Folded::new(text);
    let cuts = gram_cuts(&folded.text, edges);
    CutStream::new(folded, cuts)
}

fn gram_cuts(s: &str, edges: bool) -> Vec<Cut> {
    let token = |from: usize, to: usize, position: usize| Cut {
        from,
        to,
        position,
        key: None,
    };
    let mut out = Vec::with_capacity(s.len() / 2);
    // The index's terms start past the gap before a value; a query's start at 0 (its phrase
    // is matched by the terms' distances alone).
    let mut position = if edges { VALUE_GAP } else { 0 };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if is_cjk(c) {
            let mut j = i;
            while j < chars.len() && is_cjk(chars[j].1) {
                j += 1;
            }
            let end_of = |k: usize| chars.get(k).map_or(s.len(), |&(o, _)| o);
            if j - i == 1 {
                out.push(token(start, end_of(i + 1), position));
                position += 1 + RUN_GAP;
            } else {
                if edges {
                    out.push(token(start, end_of(i + 1), position));
                }
                for (k, &(from, _)) in chars.iter().enumerate().take(j - 1).skip(i) {
                    out.push(token(from, end_of(k + 2), position));
                    position += 1;
                }
                if edges {
                    let last = chars[j - 1].0;
                    out.push(token(last, end_of(j), position - 1));
                }
                position += RUN_GAP;
            }
            i = j;
        } else if c.is_ascii_alphanumeric() {
            let mut j = i;
            while j < chars.len() && chars[j].1.is_ascii_alphanumeric() {
                j += 1;
            }
            let end = chars.get(j).map_or(s.len(), |&(o, _)| o);
            if end - start <= MAX_TERM_BYTES {
                out.push(token(start, end, position));
                position += 1 + RUN_GAP;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// One term cut from folded text: its byte range there, and its position; an abbreviation
/// row's term (`key`, the row) stands for the range instead of its text.
#[derive(Debug, Clone, Copy)]
struct Cut {
    from: usize,
    to: usize,
    position: usize,
    key: Option<u32>,
}

/// A token stream over terms cut in advance. It fills one token, reusing its text's
/// buffer, rather than allocating a string per term (tens of millions in a large library).
pub struct CutStream<'a> {
    folded: Folded<'a>,
    cuts: Vec<Cut>,
    next: usize,
    token: Token,
}

impl<'a> CutStream<'a> {
    fn new(folded: Folded<'a>, cuts: Vec<Cut>) -> Self {
        CutStream {
            folded,
            cuts,
            next: 0,
            token: Token::default(),
        }
    }

    /// Every token, each with a string of its own (queries and tests).
    fn collect_tokens(mut self) -> Vec<Token> {
        let mut out = Vec::with_capacity(self.cuts.len());
        while self.advance() {
            out.push(self.token.clone());
        }
        out
    }
}

impl TokenStream for CutStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(c) = self.cuts.get(self.next).copied() else {
            return false;
        };
        self.next += 1;
        self.token.text.clear();
        match c.key {
            Some(row) => self
                .token
                .text
                .push_str(super::abbrev::Abbreviations::get().key(row as usize)),
            None => self
                .token
                .text
                .push_str(self.folded.text.get(c.from..c.to).unwrap_or_default()),
        }
        self.token.offset_from = self.folded.original(c.from);
        self.token.offset_to = self.folded.original(c.to);
        self.token.position = c.position;
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The jieba tokenizer for tantivy. Cloning it is cheap: the dictionary is shared, and it is
/// loaded only when the first text is cut (opening an index to query it never loads it).
#[derive(Clone, Default)]
pub struct JiebaTokenizer {
    dict: Arc<OnceLock<Arc<Jieba>>>,
}

impl JiebaTokenizer {
    /// A tokenizer over a dictionary already loaded.
    #[must_use]
    pub fn with_dict(dict: Arc<Jieba>) -> Self {
        let cell = OnceLock::new();
        let _ = cell.set(dict);
        JiebaTokenizer {
            dict: Arc::new(cell),
        }
    }

    /// The dictionary, loading the shared one on first use.
    #[must_use]
    pub fn dict(&self) -> &Jieba {
        self.dict.get_or_init(shared_jieba)
    }
}

impl Tokenizer for JiebaTokenizer {
    type TokenStream<'a> = CutStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CutStream<'a> {
        jieba_stream(self.dict(), text)
    }
}

/// The bigram tokenizer for tantivy.
#[derive(Clone, Default)]
pub struct GramTokenizer;

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = CutStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CutStream<'a> {
        gram_stream(text, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(tokens: &[Token]) -> Vec<(&str, usize)> {
        tokens
            .iter()
            .map(|t| (t.text.as_str(), t.position))
            .collect()
    }

    #[test]
    fn folding_maps_offsets_back() {
        let text = "２０２４年ＡＢＣ工会";
        let toks = gram_tokens(text);
        assert_eq!(toks[0].text, "2024");
        assert_eq!(&text[toks[0].offset_from..toks[0].offset_to], "２０２４");
        let abc = toks.iter().find(|t| t.text == "abc").unwrap();
        assert_eq!(&text[abc.offset_from..abc.offset_to], "ＡＢＣ");
        assert_eq!(fold("Ａb　２"), "ab 2");
    }

    #[test]
    fn traditional_text_is_cut_as_simplified_with_offsets_as_printed() {
        let text = "湛江市總工會表彰勞模";
        let toks = gram_tokens(text);
        let simplified = gram_tokens("湛江市总工会表彰劳模");
        assert_eq!(words(&toks), words(&simplified));
        let last = toks.last().unwrap();
        assert_eq!(&text[last.offset_from..last.offset_to], "勞模");
        let j = shared_jieba();
        let cut: Vec<String> = jieba_tokens(&j, text).into_iter().map(|t| t.text).collect();
        assert!(cut.contains(&"劳模".to_string()), "{cut:?}");
        assert_eq!(fold("勞模 ＡＢ"), "劳模 ab");
    }

    #[test]
    fn bigrams_are_consecutive() {
        let toks = gram_tokens("送清凉，强");
        assert_eq!(words(&toks), vec![("送清", 0), ("清凉", 1), ("强", 4)]);
        // The index's start past the gap before a value.
        let toks = index_gram_tokens("2024年度，强");
        assert_eq!(
            words(&toks),
            vec![("2024", 1), ("年", 4), ("年度", 4), ("度", 4), ("强", 7)]
        );
    }

    #[test]
    fn jieba_offsets_positions_and_no_punctuation() {
        let j = shared_jieba();
        let text = "中华人民共和国， 江门市台山市总工会２０２４年";
        let toks = jieba_tokens(&j, text);
        // 市总工会 adds its abbreviation row's term over its own range.
        let key = toks.iter().find(|t| t.text == "\u{E000}市总").unwrap();
        assert_eq!(&text[key.offset_from..key.offset_to], "市总工会");
        for t in toks.iter().filter(|t| !t.text.starts_with('\u{E000}')) {
            assert_eq!(fold(&text[t.offset_from..t.offset_to]), t.text, "{t:?}");
            assert!(t.text.chars().any(char::is_alphanumeric), "{t:?}");
        }
        let pos = |w: &str| toks.iter().find(|t| t.text == w).map(|t| t.position);
        // The compound and its sub-words share position 0.
        assert_eq!(pos("中华人民共和国"), Some(0));
        assert_eq!(pos("人民"), Some(0));
        assert_eq!(pos("江门市"), Some(1));
        assert_eq!(pos("台山市"), Some(2));
        assert!(pos("2024").is_some());
        // Positions never go down.
        assert!(toks.windows(2).all(|w| w[0].position <= w[1].position));
    }

    #[test]
    fn place_names_stay_whole_without_swallowing_neighbours() {
        let j = shared_jieba();
        let cut: Vec<&str> = j
            .cut("台山市民踊跃参加，博罗县总工会举办活动", true)
            .iter()
            .map(|t| t.word)
            .collect();
        assert!(!cut.contains(&"民"), "{cut:?}");
        assert!(cut.contains(&"博罗县"), "{cut:?}");
    }
}
