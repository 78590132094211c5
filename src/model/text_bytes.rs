//! Text kept as bytes in a binary form (the parsed-model cache): written as one byte string
//! and checked as UTF-8 with SIMD when read (`simdutf8`), several times faster on Chinese text
//! than a string's own check, which a start on a big library pays for every byte of its
//! heads. Used with `#[serde(with = ...)]`.

use serde::de::{Error, Visitor};
use serde::{Deserializer, Serializer};

/// Writes `text` as a byte string.
///
/// # Errors
/// As the serializer's.
pub fn serialize<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(text.as_bytes())
}

/// Reads a byte string that must be UTF-8.
///
/// # Errors
/// As the deserializer's, or bytes that are not UTF-8.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_bytes(TextVisitor)
}

/// The text of UTF-8 bytes, or an error saying they are not.
///
/// # Errors
/// Bytes that are not UTF-8.
pub fn text<E: Error>(bytes: &[u8]) -> Result<&str, E> {
    simdutf8::basic::from_utf8(bytes).map_err(|_| E::custom("text that is not UTF-8"))
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UTF-8 bytes")
    }

    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<String, E> {
        text(v).map(str::to_string)
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
}
