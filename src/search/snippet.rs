//! Where a query's words occur in a text, and the snippet shown for a hit: a window of the
//! text around the most distinct hits, with the hits as byte ranges so any front end (the
//! command line's markers, the reader's colours) can draw them. Matching is on folded text
//! (２０２４ finds 2024), so no tokenizer is needed.

use super::tokenizer::Folded;
use crate::text::sanitize_text;
use serde::Serialize;
use std::ops::Range;

/// A piece of text with highlighted byte ranges (sorted, not overlapping, on char boundaries).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The text with each highlight wrapped in `open` … `close`, for a text output: the
    /// text's pieces are sanitised ([`sanitize_text`]), the markers (which may be colours)
    /// are not.
    #[must_use]
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 8 * self.highlights.len());
        let piece = |r: Range<usize>| sanitize_text(self.text.get(r).unwrap_or_default());
        let mut at = 0;
        for r in &self.highlights {
            if r.start < at || r.end > self.text.len() {
                continue;
            }
            out.push_str(&piece(at..r.start));
            out.push_str(open);
            out.push_str(&piece(r.clone()));
            out.push_str(close);
            at = r.end;
        }
        out.push_str(&piece(at..self.text.len()));
        out
    }
}

/// Every occurrence of any needle (folded) in `text`, as byte ranges of `text`, sorted and
/// merged where they overlap. A needle with spaces is a quoted phrase: its words in order,
/// with nothing or only spaces, breaks and punctuation between them (`工会 驿站` finds
/// 工会驿站 and 工会，驿站, never 工会 alone).
#[must_use]
pub fn find(text: &str, needles: &[String]) -> Vec<Range<usize>> {
    if needles.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let folded = Folded::new(text);
    let mut hits: Vec<Range<usize>> = Vec::new();
    for n in needles.iter().filter(|n| !n.trim().is_empty()) {
        let mut words = n.split_whitespace();
        let Some(first) = words.next() else {
            continue;
        };
        let rest: Vec<&str> = words.collect();
        for (i, m) in folded.text.match_indices(first) {
            if let Some(end) = phrase_end(&folded.text, i + m.len(), &rest) {
                hits.push(folded.original(i)..folded.original(end));
            }
        }
    }
    hits.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(hits.len());
    for h in hits {
        match merged.last_mut() {
            Some(last) if h.start < last.end => last.end = last.end.max(h.end),
            _ => merged.push(h),
        }
    }
    merged
}

/// Where the words `rest` of a phrase end when they follow `at` in `text` in order, each after
/// nothing or only characters that are no letter or digit.
fn phrase_end(text: &str, mut at: usize, rest: &[&str]) -> Option<usize> {
    for word in rest {
        let after = text.get(at..)?;
        let gap = after
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric())
            .map_or(after.len(), |(g, _)| g);
        if !after[gap..].starts_with(word) {
            return None;
        }
        at += gap + word.len();
    }
    Some(at)
}

/// A text without the characters that are no letter or digit: a phrase's words and a hit
/// compared whatever stood between them.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Hits in each paragraph: `(paragraph index, byte range in that paragraph)`, in reading
/// order — what the reader's n/N step through.
#[must_use]
pub fn find_in_paragraphs(paragraphs: &[String], needles: &[String]) -> Vec<(usize, Range<usize>)> {
    paragraphs
        .iter()
        .enumerate()
        .flat_map(|(i, p)| find(p, needles).into_iter().map(move |r| (i, r)))
        .collect()
}

const ELLIPSIS: &str = "…";

/// How far a snippet's edge moves out so as not to cut a number or a Latin word.
const WORD_EDGE: usize = 12;

/// A window of at most `max_chars` characters of `text` around the hits of `needles`:
/// the window holding the most distinct needles (then the most hits), starting a few
/// characters before its first hit. Newlines become spaces. Without hits, the text's start.
#[must_use]
pub fn snippet(text: &str, needles: &[String], max_chars: usize) -> Snippet {
    let hits = find(text, needles);
    let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let char_at = |byte: usize| chars.partition_point(|&b| b < byte);
    let byte_of = |ci: usize| chars.get(ci).copied().unwrap_or(text.len());
    let folded_hits: Vec<String> = hits
        .iter()
        .map(|r| {
            squeezed(&super::tokenizer::fold(
                text.get(r.clone()).unwrap_or_default(),
            ))
        })
        .collect();
    let squeezed_needles: Vec<String> = needles.iter().map(|n| squeezed(n)).collect();
    // Best window start (in chars) by (distinct needles, hits).
    let mut best = (0usize, 0usize, 0usize);
    for (i, h) in hits.iter().enumerate().take(200) {
        let start_c = char_at(h.start).saturating_sub(8);
        let end_b = byte_of(start_c + max_chars);
        let inside: Vec<usize> = (i..hits.len())
            .take_while(|&k| hits[k].end <= end_b)
            .collect();
        // The needles the window's hits hold: a hit of 工会驿站 holds 工会 and 驿站 too, so
        // a quoted phrase's window beats one with its parts apart.
        let distinct = squeezed_needles
            .iter()
            .filter(|n| {
                !n.is_empty() && inside.iter().any(|&k| folded_hits[k].contains(n.as_str()))
            })
            .count();
        let score = (distinct, inside.len());
        if score > (best.0, best.1) {
            best = (score.0, score.1, start_c);
        }
    }
    // A window's edge never cuts a number or a Latin word (`…2月19日` of 12月19日): it
    // moves out to the word's end, by a few characters at most.
    let ch = |ci: usize| text.get(byte_of(ci)..).and_then(|t| t.chars().next());
    let in_word = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_alphanumeric() || ('０'..='９').contains(&c))
    };
    let mut start_c = best.2;
    for _ in 0..WORD_EDGE {
        if start_c == 0 || !in_word(ch(start_c)) || !in_word(ch(start_c - 1)) {
            break;
        }
        start_c -= 1;
    }
    let mut end_c = (best.2 + max_chars).min(chars.len());
    for _ in 0..WORD_EDGE {
        if end_c >= chars.len() || !in_word(ch(end_c)) || !in_word(ch(end_c - 1)) {
            break;
        }
        end_c += 1;
    }
    let (mut start_b, mut end_b) = (byte_of(start_c), byte_of(end_c));
    // No space or line break just inside an edge (`… 近日`): the window starts at text.
    let inner = text.get(start_b..end_b).unwrap_or_default();
    start_b += inner.len() - inner.trim_start().len();
    end_b -= inner.len() - inner.trim_end().len();
    if end_b < start_b {
        end_b = start_b;
    }
    let mut out = String::new();
    if start_b > 0 {
        out.push_str(ELLIPSIS);
    }
    let shift = out.len();
    out.push_str(&text[start_b..end_b].replace(['\n', '\r'], " "));
    if end_b < text.len() {
        out.push_str(ELLIPSIS);
    }
    let highlights = hits
        .into_iter()
        .filter(|r| r.start >= start_b && r.end <= end_b)
        .map(|r| r.start - start_b + shift..r.end - start_b + shift)
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_folded_and_maps_back() {
        let t = "２０２４年，工会送清凉。2024年";
        let hits = find(t, &["2024".to_string(), "送清凉".to_string()]);
        let got: Vec<&str> = hits.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(got, vec!["２０２４", "送清凉", "2024"]);
    }

    #[test]
    fn a_phrase_needle_finds_its_words_in_order_and_never_one_alone() {
        let t = "社区工会爱心驿站。新建的工会，驿站和工会驿站";
        let hits = find(t, &["工会 驿站".to_string()]);
        let got: Vec<&str> = hits.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(got, vec!["工会，驿站", "工会驿站"]);
        let s = snippet(t, &["工会 驿站".to_string()], 40);
        assert_eq!(s.marked("[", "]").matches('[').count(), 2, "{}", s.text);
    }

    #[test]
    fn snippet_windows_the_hits() {
        let t = format!("{}送清凉活动{}", "前".repeat(100), "后".repeat(100));
        let s = snippet(&t, &["送清凉".to_string()], 30);
        assert!(s.text.starts_with(ELLIPSIS) && s.text.ends_with(ELLIPSIS));
        assert_eq!(s.marked("[", "]").matches("[送清凉]").count(), 1);
        assert!(s.text.chars().count() <= 32);
        // The edges do not cut a number: 2024 and 2025 stay whole, before and after.
        let t = format!(
            "{}活动于2024年12月19日送清凉到一线至2025年1月{}",
            "前".repeat(40),
            "后".repeat(40)
        );
        let s = snippet(&t, &["送清凉".to_string()], 16);
        assert!(s.text.starts_with("…2024年12月19日送清凉"), "{}", s.text);
        assert!(s.text.ends_with("一线至2025…"), "{}", s.text);
        // A quoted phrase's window: its needles are the phrase and its parts, and the
        // window holding the phrase whole wins over one holding the parts apart.
        let t = format!(
            "社区工会爱心驿站开展活动。{}新建的工会驿站开放",
            "中".repeat(60)
        );
        let needles = ["工会驿站", "工会", "驿站"].map(str::to_string);
        let s = snippet(&t, &needles, 20);
        assert!(s.marked("[", "]").contains("[工会驿站]"), "{}", s.text);
        // No space just inside the ellipsis where the window starts at a line break.
        let t = format!("{}\n近日，珠海市总工会送清凉到一线", "前".repeat(40));
        let s = snippet(&t, &["工会".to_string()], 20);
        assert!(s.text.starts_with("…近日"), "{:?}", s.text);
        let none = snippet("短文", &["无".to_string()], 30);
        assert_eq!(none.text, "短文");
        assert!(none.highlights.is_empty());
    }
}
