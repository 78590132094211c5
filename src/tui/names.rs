//! The names the city prompt (`c`) matches: every city and union body of the corpus, with
//! the pinyin of each character (all readings, from the pinyin crate), so `湛江`, `zhanjiang`,
//! `zhanj` and `zj` all find 湛江市. Built when the prompt first opens, never before the
//! first frame.

use crate::model::{Corpus, Filter};
use pinyin::ToPinyinMulti;

/// One name the prompt can match.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// As the prompt lists it: `湛江市` or `湛江市 · 湛江市总工会`.
    pub label: String,
    /// The name matched against: `湛江市`, `湛江市总工会`.
    pub name: String,
    pub filter: Filter,
    pub count: usize,
    /// The plain (toneless) readings of each character; empty for non-Chinese characters.
    readings: Vec<Vec<&'static str>>,
    /// The characters, lowercased, for non-Chinese characters.
    chars: Vec<char>,
}

impl Name {
    fn new(label: String, name: &str, filter: Filter, count: usize) -> Self {
        let chars: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
        let readings = name
            .chars()
            .map(|c| {
                c.to_pinyin_multi().map_or_else(Vec::new, |m| {
                    let mut v: Vec<&'static str> = m.into_iter().map(|p| p.plain()).collect();
                    v.dedup();
                    v
                })
            })
            .collect();
        Name {
            label,
            name: name.to_string(),
            filter,
            count,
            readings,
            chars,
        }
    }

    /// Whether the query matches: Chinese by substring, Latin letters as full pinyin,
    /// initials, or a mix (`zhanj`, `zjs`), from the name's start.
    #[must_use]
    pub fn matches(&self, query: &str) -> bool {
        let q: String = query
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        if q.is_empty() {
            return true;
        }
        if !q.is_ascii() {
            let q = q.strip_suffix('市').unwrap_or(&q);
            return self.name.contains(q);
        }
        self.pinyin_from(0, q.as_bytes())
    }

    fn pinyin_from(&self, i: usize, q: &[u8]) -> bool {
        if q.is_empty() {
            return true;
        }
        let Some(readings) = self.readings.get(i) else {
            return false;
        };
        if readings.is_empty() {
            // Not Chinese: the character itself.
            let c = self.chars.get(i).copied().unwrap_or('\0');
            return c.is_ascii()
                && q.first() == Some(&(c as u8))
                && self.pinyin_from(i + 1, &q[1..]);
        }
        readings.iter().any(|r| {
            let r = r.as_bytes();
            // The query ends inside this reading: `zhanj` → zhan + j(iang).
            r.starts_with(q)
                // The whole reading, then the rest.
                || (q.starts_with(r) && self.pinyin_from(i + 1, &q[r.len()..]))
                // The initial only.
                || (r.first() == q.first() && self.pinyin_from(i + 1, &q[1..]))
        })
    }
}

/// Every city of the corpus (sidebar order), then every union body.
#[must_use]
pub fn names(corpus: &Corpus) -> Vec<Name> {
    let mut out: Vec<Name> = corpus
        .cities
        .iter()
        .map(|c| {
            Name::new(
                c.name.clone(),
                &c.name,
                Filter::City(c.name.clone()),
                c.articles.len(),
            )
        })
        .collect();
    for c in &corpus.cities {
        for u in &c.unions {
            out.push(Name::new(
                format!("{} · {}", c.name, u.name),
                &u.name,
                Filter::Union {
                    city: c.name.clone(),
                    union: u.name.clone(),
                },
                u.articles.len(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Name {
        Name::new(s.into(), s, Filter::All, 0)
    }

    #[test]
    fn pinyin_matching() {
        let zj = n("湛江市");
        for q in [
            "zj",
            "zhanjiang",
            "zhanj",
            "zjs",
            "湛江",
            "湛江市",
            "江",
            "ZJ",
        ] {
            assert!(zj.matches(q), "{q}");
        }
        for q in ["jm", "zq", "zhanjiangx", "sg"] {
            assert!(!zj.matches(q), "{q}");
        }
        assert!(n("东莞市").matches("dg"));
        assert!(n("东莞市").matches("dongguan"));
        assert!(n("韶关市").matches("sg"));
        assert!(n("江门市").matches("jm"));
    }
}
