//! A stable 64-bit hash of byte strings, for the names of cache folders and the fingerprints
//! that say whether a cache (parsed model, search index) is current. Pure; depends on nothing.

/// A stable 64-bit FNV-1a hash (folder names must not change between runs or builds).
#[must_use]
pub fn fnv64(parts: &[&[u8]]) -> u64 {
    let mut h = Fnv64::new();
    for p in parts {
        h.bytes(p);
        h.end_part();
    }
    h.finish()
}

/// [`fnv64`] fed a part at a time, and a part a piece at a time: the same value as
/// `fnv64` of the parts, with no list of them built.
#[derive(Debug, Clone, Copy)]
pub struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Self::new()
    }
}

impl Fnv64 {
    #[must_use]
    pub fn new() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }

    /// Adds bytes to the current part.
    pub fn bytes(&mut self, b: &[u8]) {
        for &b in b {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Ends the current part, so ("ab","c") and ("a","bc") differ.
    pub fn end_part(&mut self) {
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    #[must_use]
    pub fn finish(self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fed_in_pieces_it_is_the_same_hash() {
        let mut h = Fnv64::new();
        h.bytes(b"a");
        h.bytes(b"b");
        h.end_part();
        h.bytes(b"c");
        h.end_part();
        assert_eq!(h.finish(), fnv64(&[b"ab", b"c"]));
        assert_ne!(fnv64(&[b"ab", b"c"]), fnv64(&[b"a", b"bc"]));
    }
}
