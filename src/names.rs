//! The names the city prompt (`c`) and the command line's `--city` and `--union` match: every city and union body of the corpus, with
//! the pinyin of each character (the common reading first, then the rare ones, from the
//! pinyin crate), so `湛江`, `zhanjiang`, `zhanj` and `zj` all find 湛江市 — and how well each
//! answers the query ([`Rank`], [`ranked`]): a common reading before a rare one, an exact name
//! before a prefix of whole syllables before initials, cities before union bodies, then by
//! article count. Built when the prompt first opens, never before the first frame. Also the
//! nearest name to one that matches nothing ([`suggest`]), for "did you mean 湛江市?".

use crate::model::{Corpus, View};
use pinyin::{ToPinyin, ToPinyinMulti};
use std::cmp::Reverse;

/// How a query fits a name, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// The whole name (a city's `市` may be left out): `shenzhen`, `深圳`.
    Exact,
    /// The name's start, in whole syllables, the last perhaps cut short: `shen`, `shenzh`, `s`.
    Prefix,
    /// Initials, or initials mixed with syllables: `sz`, `zjs`, `zhanj`... (`zhanj` is a
    /// prefix; `zjiang` is initials).
    Initials,
    /// Chinese found inside the name, not at its start: `江`.
    Inside,
}

/// How well a name answers a query; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    /// Whether only a rare reading of some character matches (湛 read shen).
    pub rare_reading: bool,
    pub fit: Fit,
}

/// One name the prompt can match.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// As the prompt lists it: `湛江市` or `湛江市 · 湛江市总工会`.
    pub label: String,
    /// The name matched against: `湛江市`, `湛江市总工会`.
    pub name: String,
    pub filter: View,
    pub count: usize,
    /// The plain (toneless) readings of each character, the common one first; empty for
    /// non-Chinese characters.
    readings: Vec<Vec<&'static str>>,
    /// The characters, lowercased, for non-Chinese characters.
    chars: Vec<char>,
}

impl Name {
    fn new(label: String, name: &str, filter: View, count: usize) -> Self {
        let chars: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
        let readings = name
            .chars()
            .map(|c| {
                let mut v: Vec<&'static str> =
                    c.to_pinyin().map(|p| p.plain()).into_iter().collect();
                if let Some(m) = c.to_pinyin_multi() {
                    for r in m.into_iter().map(|p| p.plain()) {
                        if !v.contains(&r) {
                            v.push(r);
                        }
                    }
                }
                v
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
        self.rank(query).is_some()
    }

    /// How well `query` fits the name, or `None` when it does not match. Latin letters are
    /// tried against the common reading of each character first; the rare readings only
    /// when the common ones do not match.
    #[must_use]
    pub fn rank(&self, query: &str) -> Option<Rank> {
        let q: String = query
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        if q.is_empty() {
            return Some(Rank {
                rare_reading: false,
                fit: Fit::Prefix,
            });
        }
        if !q.is_ascii() {
            let q = q.strip_suffix('市').unwrap_or(&q);
            let name = self.name.strip_suffix('市').unwrap_or(&self.name);
            let fit = if name == q {
                Fit::Exact
            } else if name.starts_with(q) {
                Fit::Prefix
            } else if name.contains(q) {
                Fit::Inside
            } else {
                return None;
            };
            return Some(Rank {
                rare_reading: false,
                fit,
            });
        }
        [false, true].into_iter().find_map(|rare| {
            let mut memo = vec![None; (self.chars.len() + 1) * (q.len() + 1)];
            Matcher {
                name: self,
                query: q.as_bytes(),
                rare,
                memo: &mut memo,
            }
            .fit(0, 0)
            .map(|fit| Rank {
                rare_reading: rare,
                fit,
            })
        })
    }

    /// Whether character `i` is the name's end, or its last character and a city's `市`.
    fn at_end(&self, i: usize) -> bool {
        i == self.chars.len() || (i + 1 == self.chars.len() && self.chars[i] == '市')
    }
}

/// The pinyin search over one name and query, remembering each (character, query position).
struct Matcher<'a> {
    name: &'a Name,
    query: &'a [u8],
    /// Whether every reading may be used, or only the common one.
    rare: bool,
    memo: &'a mut Vec<Option<Option<Fit>>>,
}

impl Matcher<'_> {
    /// The best fit of `query[at..]` from character `i` on.
    fn fit(&mut self, i: usize, at: usize) -> Option<Fit> {
        let key = i * (self.query.len() + 1) + at;
        if let Some(Some(known)) = self.memo.get(key) {
            return *known;
        }
        let found = self.fit_uncached(i, at);
        if let Some(slot) = self.memo.get_mut(key) {
            *slot = Some(found);
        }
        found
    }

    fn fit_uncached(&mut self, i: usize, at: usize) -> Option<Fit> {
        let q = &self.query[at.min(self.query.len())..];
        if q.is_empty() {
            return Some(if self.name.at_end(i) {
                Fit::Exact
            } else {
                Fit::Prefix
            });
        }
        let readings = self.name.readings.get(i)?;
        if readings.is_empty() {
            // Not Chinese: the character itself.
            let c = self.name.chars.get(i).copied().unwrap_or('\0');
            return (c.is_ascii() && q.first() == Some(&(c as u8)))
                .then(|| self.fit(i + 1, at + 1))
                .flatten();
        }
        let usable = if self.rare { readings.len() } else { 1 };
        let mut best: Option<Fit> = None;
        for r in readings.iter().take(usable).map(|r| r.as_bytes()) {
            let mut options = Vec::with_capacity(3);
            // The query ends inside this reading: `zhanj` → zhan + j(iang).
            if r.len() > q.len() && r.starts_with(q) {
                options.push(Some(Fit::Prefix));
            }
            // The whole reading, then the rest.
            if q.starts_with(r) {
                options.push(self.fit(i + 1, at + r.len()));
            }
            // The initial only.
            if r.len() > 1 && r.first() == q.first() {
                options.push(self.fit(i + 1, at + 1).map(|f| f.max(Fit::Initials)));
            }
            for f in options.into_iter().flatten() {
                best = Some(best.map_or(f, |b| b.min(f)));
            }
        }
        best
    }
}

/// The names that match `query`, best first: by [`Rank`], cities before union bodies, more
/// articles first, then in the order given.
#[must_use]
pub fn ranked(names: &[Name], query: &str) -> Vec<usize> {
    let mut found: Vec<(Rank, bool, Reverse<usize>, usize)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let union = matches!(n.filter, View::Union { .. });
            n.rank(query).map(|r| (r, union, Reverse(n.count), i))
        })
        .collect();
    found.sort_unstable();
    found.into_iter().map(|(.., i)| i).collect()
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
                View::City {
                    city: c.name.clone(),
                },
                c.articles.len(),
            )
        })
        .collect();
    for c in &corpus.cities {
        for u in &c.unions {
            out.push(Name::new(
                format!("{} · {}", c.name, u.name),
                &u.name,
                View::Union {
                    city: c.name.clone(),
                    union: u.name.clone(),
                },
                u.articles.len(),
            ));
        }
    }
    out
}

/// Why a name typed on the command line (`--city`, `--union`) names nothing, or too much.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("no city named \"{query}\" in Guangdong{}", did_you_mean(.suggestion.as_deref()))]
    NoCity {
        query: String,
        suggestion: Option<String>,
    },
    #[error("no union body named \"{query}\" in these pages{}", did_you_mean(.suggestion.as_deref()))]
    NoUnion {
        query: String,
        suggestion: Option<String>,
    },
    #[error("\"{query}\" is part of {} union bodies' names: {}; give more of the name", .candidates.len(), .candidates.join("、"))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

fn did_you_mean(s: Option<&str>) -> String {
    s.map_or_else(String::new, |s| format!("; did you mean {s}?"))
}

/// Guangdong's 21 cities as names to match, each with its article count in `corpus`.
fn gazetteer_cities(corpus: Option<&Corpus>) -> Vec<Name> {
    crate::places::CityList::get()
        .names
        .iter()
        .map(|c| {
            let count = corpus
                .and_then(|k| k.cities.iter().find(|e| &e.name == c))
                .map_or(0, |e| e.articles.len());
            Name::new(c.clone(), c, View::city(c), count)
        })
        .collect()
}

/// A city as `--city` takes it: whatever the `c` prompt takes (`湛江`, `湛江市`, `zhanjiang`,
/// `zj`), the best match as the prompt ranks it (with `corpus`, more articles first at a
/// tie), among Guangdong's 21 cities. Returns the full name.
///
/// # Errors
/// When no city matches, with the nearest one as a suggestion.
pub fn resolve_city(query: &str, corpus: Option<&Corpus>) -> Result<String, NameError> {
    let names = gazetteer_cities(corpus);
    match ranked(&names, query).first() {
        Some(&i) if !query.trim().is_empty() => Ok(names[i].name.clone()),
        _ => Err(NameError::NoCity {
            query: query.to_string(),
            suggestion: suggest(&names, query).map(|n| n.name.clone()),
        }),
    }
}

/// A union body as `--union` takes it: its whole name, or a part of it (Chinese, pinyin or
/// initials) that only one union body of `corpus` matches (within `city` if given). Returns
/// its city and name.
///
/// # Errors
/// When none matches (with the nearest as a suggestion), or several do (listing them).
pub fn resolve_union(
    query: &str,
    corpus: &Corpus,
    city: Option<&str>,
) -> Result<(String, String), NameError> {
    let unions: Vec<Name> = names(corpus)
        .into_iter()
        .filter(|n| match &n.filter {
            View::Union { city: c, .. } => city.is_none_or(|want| want == c),
            _ => false,
        })
        .collect();
    let found = ranked(&unions, query);
    let exact: Vec<usize> = found
        .iter()
        .copied()
        .filter(|&i| unions[i].rank(query).is_some_and(|r| r.fit == Fit::Exact))
        .collect();
    let pick = if exact.len() == 1 { &exact } else { &found };
    match pick.as_slice() {
        [i] if !query.trim().is_empty() => match &unions[*i].filter {
            View::Union { city, union } => Ok((city.clone(), union.clone())),
            _ => unreachable_union(query),
        },
        [] | [_] => Err(NameError::NoUnion {
            query: query.to_string(),
            suggestion: suggest(&unions, query).map(|n| n.name.clone()),
        }),
        many => Err(NameError::Ambiguous {
            query: query.to_string(),
            candidates: many.iter().map(|&i| unions[i].label.clone()).collect(),
        }),
    }
}

/// Only unions are listed; kept as an error rather than a panic.
fn unreachable_union(query: &str) -> Result<(String, String), NameError> {
    Err(NameError::NoUnion {
        query: query.to_string(),
        suggestion: None,
    })
}

/// The name nearest to one that matches nothing: fewest edits to its characters or its
/// pinyin (the whole name or its start), at most a third of the query's length (at least 1).
#[must_use]
pub fn suggest<'a>(names: &'a [Name], query: &str) -> Option<&'a Name> {
    let q: Vec<char> = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if q.is_empty() {
        return None;
    }
    let limit = (q.len() / 3).max(1);
    names
        .iter()
        .filter_map(|n| {
            let chars: Vec<char> = n.name.chars().collect();
            let short: Vec<char> = n.name.trim_end_matches('市').chars().collect();
            let pinyin = |len: usize| -> Vec<char> {
                n.readings
                    .iter()
                    .take(len)
                    .filter_map(|r| r.first())
                    .flat_map(|r| r.chars())
                    .collect()
            };
            // The whole name, or its start (a part of a union body's name, as `--union`
            // takes it), in characters or in pinyin.
            let d = (1..=chars.len())
                .flat_map(|k| [chars[..k].to_vec(), pinyin(k)])
                .chain([short])
                .map(|t| edits(&q, &t))
                .min()?;
            // At a tie, the name that starts as the query does, then more articles.
            let same_start = q.iter().zip(&chars).take_while(|(a, b)| a == b).count();
            (d <= limit).then_some((d, Reverse(same_start), Reverse(n.count), n))
        })
        .min_by_key(|&(d, start, count, _)| (d, start, count))
        .map(|(.., n)| n)
}

/// The Levenshtein distance between two character strings.
fn edits(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_count_insertions_deletions_and_changes() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edits(&c("湛州"), &c("湛江")), 1);
        assert_eq!(edits(&c("zhanjaing"), &c("zhanjiang")), 2);
        assert_eq!(edits(&c(""), &c("abc")), 3);
        assert_eq!(edits(&c("台山"), &c("台山")), 0);
    }

    #[test]
    fn a_city_is_resolved_as_the_prompt_ranks_it_or_suggested() {
        assert_eq!(resolve_city("zj", None).unwrap(), "湛江市");
        assert_eq!(resolve_city("湛江", None).unwrap(), "湛江市");
        assert_eq!(resolve_city("shenzhen", None).unwrap(), "深圳市");
        assert_eq!(
            resolve_city("湛州", None),
            Err(NameError::NoCity {
                query: "湛州".into(),
                suggestion: Some("湛江市".into())
            })
        );
        assert!(matches!(
            resolve_city("", None),
            Err(NameError::NoCity { .. })
        ));
        assert!(matches!(
            resolve_city("xyzxyzxyz", None),
            Err(NameError::NoCity {
                suggestion: None,
                ..
            })
        ));
    }

    fn n(s: &str) -> Name {
        Name::new(s.into(), s, View::All, 0)
    }

    fn city(s: &str, count: usize) -> Name {
        Name::new(s.into(), s, View::City { city: s.into() }, count)
    }

    fn first(names: &[Name], q: &str) -> Vec<String> {
        ranked(names, q)
            .into_iter()
            .map(|i| names[i].name.clone())
            .collect()
    }

    /// 湛 has rare readings (shen, chen, dan...): they come after every common one.
    #[test]
    fn common_reading_first() {
        let names = [
            city("湛江市", 9),
            city("深圳市", 1),
            city("汕头市", 3),
            city("韶关市", 2),
            city("潮州市", 1),
            city("东莞市", 1),
        ];
        for q in ["shen", "shenzhen", "sz", "深圳", "shenz"] {
            assert_eq!(first(&names, q)[0], "深圳市", "{q}");
        }
        assert_eq!(first(&names, "zj"), ["湛江市"]);
        assert_eq!(first(&names, "zhanjiang")[0], "湛江市");
        assert_eq!(
            first(&names, "chen")[0],
            "湛江市",
            "a rare reading still matches"
        );
        assert_eq!(first(&names, "chao")[0], "潮州市");
        assert_eq!(first(&names, "d")[0], "东莞市");
        // `sh`, `s`: every common sh- reading, by article count, then 湛 read shen.
        assert_eq!(
            first(&names, "sh"),
            ["汕头市", "韶关市", "深圳市", "湛江市"]
        );
        // `s`: every common s- reading, by article count, then 湛 read shen.
        assert_eq!(first(&names, "s"), ["汕头市", "韶关市", "深圳市", "湛江市"]);
    }

    #[test]
    fn fits() {
        let sz = city("深圳市", 1);
        let fit = |q: &str| sz.rank(q).map(|r| r.fit);
        assert_eq!(fit("shenzhen"), Some(Fit::Exact));
        assert_eq!(fit("shenzhenshi"), Some(Fit::Exact));
        assert_eq!(fit("深圳"), Some(Fit::Exact));
        assert_eq!(fit("shen"), Some(Fit::Prefix));
        assert_eq!(fit("shenzh"), Some(Fit::Prefix));
        assert_eq!(fit("sz"), Some(Fit::Initials));
        assert_eq!(fit("szs"), Some(Fit::Initials));
        assert_eq!(fit("圳"), Some(Fit::Inside));
        assert_eq!(fit("zj"), None);
        // Exact before a prefix: 台山 typed whole beats 台山市总工会's start.
        let names = [
            Name::new(
                "江门市 · 台山市总工会".into(),
                "台山市总工会",
                View::Union {
                    city: "江门市".into(),
                    union: "台山市总工会".into(),
                },
                9,
            ),
            city("台山市", 1),
        ];
        assert_eq!(first(&names, "taishan")[0], "台山市");
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
