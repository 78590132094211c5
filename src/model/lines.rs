//! [`Lines`]: a page's list of short texts (its banners, its unplaced lines) kept as one text
//! and where each line ends, not as a string each: a library of a million articles has
//! millions of them, and a start that reads them from the parsed-model cache allocates two
//! buffers a page instead of one string a line. Reads and writes as a list of strings where
//! the format is read by people (JSON), and as its text (checked as UTF-8 once) and line
//! ends in a binary one (the parsed-model cache).

use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A list of texts in one buffer.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Lines {
    text: String,
    /// Where each line ends in `text`.
    ends: Vec<u32>,
}

impl Lines {
    /// An empty list.
    #[must_use]
    pub fn new() -> Lines {
        Lines::default()
    }

    /// Adds a line at the end. A line that would take the buffer past 4 GiB is left out (no
    /// page file gongbao reads comes near that).
    pub fn push(&mut self, line: &str) {
        let Ok(end) = u32::try_from(self.text.len() + line.len()) else {
            tracing::warn!("a page's lines past 4 GiB: one left out");
            return;
        };
        self.text.push_str(line);
        self.ends.push(end);
    }

    /// How many lines.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The line at `i`.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => 0,
            _ => *self.ends.get(i - 1)? as usize,
        };
        self.text.get(start..end)
    }

    /// The lines, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// Every line, one after the other.
    #[must_use]
    pub fn concat(&self) -> &str {
        &self.text
    }
}

impl<'a> IntoIterator for &'a Lines {
    type Item = &'a str;
    type IntoIter = Box<dyn Iterator<Item = &'a str> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl<S: AsRef<str>> FromIterator<S> for Lines {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Lines {
        let mut l = Lines::new();
        for s in iter {
            l.push(s.as_ref());
        }
        l
    }
}

impl From<Vec<String>> for Lines {
    fn from(v: Vec<String>) -> Lines {
        v.iter().collect()
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for Lines {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Lines {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Lines {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl std::fmt::Debug for Lines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Lines {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !s.is_human_readable() {
            return Compact {
                text: &self.text,
                ends: &self.ends,
            }
            .serialize(s);
        }
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for line in self.iter() {
            seq.serialize_element(line)?;
        }
        seq.end()
    }
}

/// Reads each line into the one buffer (borrowed from the input where the format allows).
struct LinesVisitor;

/// One line of a list being read, appended to the buffer as it is read.
struct Line<'l>(&'l mut Lines);

impl<'de> serde::de::DeserializeSeed<'de> for Line<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for Line<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a line of text")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.0.push(v);
        Ok(())
    }
}

impl<'de> Visitor<'de> for LinesVisitor {
    type Value = Lines;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of lines")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lines, A::Error> {
        let mut l = Lines::new();
        l.ends.reserve(seq.size_hint().unwrap_or(0).min(4096));
        while seq.next_element_seed(Line(&mut l))?.is_some() {}
        Ok(l)
    }
}

/// Lines in a binary format: the text, and where each line ends.
#[derive(Serialize)]
struct Compact<'a> {
    #[serde(with = "super::text_bytes")]
    text: &'a str,
    ends: &'a [u32],
}

/// [`Compact`] as read.
#[derive(Deserialize)]
struct CompactRead {
    #[serde(with = "super::text_bytes")]
    text: String,
    ends: Vec<u32>,
}

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lines, D::Error> {
        if d.is_human_readable() {
            return d.deserialize_seq(LinesVisitor);
        }
        let CompactRead { text, ends } = CompactRead::deserialize(d)?;
        // Each end after the one before, within the text, at a character's boundary.
        let mut before = 0;
        for &end in &ends {
            let end = end as usize;
            if end < before || !text.is_char_boundary(end) {
                return Err(serde::de::Error::custom(
                    "line ends that do not fit their text",
                ));
            }
            before = end;
        }
        if before != text.len() {
            return Err(serde::de::Error::custom(
                "line ends that do not fit their text",
            ));
        }
        Ok(Lines { text, ends })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_and_write_as_a_list_of_strings() {
        let l: Lines = ["南方工报", "", "第4版 工会"].into_iter().collect();
        assert_eq!(l.len(), 3);
        assert_eq!(l, ["南方工报", "", "第4版 工会"]);
        assert_eq!(l.get(2), Some("第4版 工会"));
        assert_eq!(l.get(3), None);
        assert_eq!(l.concat(), "南方工报第4版 工会");
        let json = serde_json::to_string(&l).unwrap();
        assert_eq!(json, r#"["南方工报","","第4版 工会"]"#);
        assert_eq!(serde_json::from_str::<Lines>(&json).unwrap(), l);
        let bytes = postcard::to_allocvec(&l).unwrap();
        assert_eq!(postcard::from_bytes::<Lines>(&bytes).unwrap(), l);
        // Ends that do not fit the text are told, in the binary form.
        for ends in [vec![3_u32], vec![4, 2], vec![40], vec![4, 4, 25]] {
            let bad = postcard::to_allocvec(&Compact {
                text: &l.text,
                ends: &ends,
            })
            .unwrap();
            assert!(postcard::from_bytes::<Lines>(&bad).is_err(), "{ends:?}");
        }
        assert!(Lines::new().is_empty());
        assert_eq!(
            format!("{l:?}"),
            format!("{:?}", l.iter().collect::<Vec<_>>())
        );
    }
}
