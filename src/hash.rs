//! A stable 64-bit hash of byte strings, for the names of cache folders and the fingerprints
//! that say whether a cache (parsed model, search index) is current. Pure; depends on nothing.

/// A stable 64-bit FNV-1a hash (folder names must not change between runs or builds).
#[must_use]
pub fn fnv64(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // Separate the parts, so ("ab","c") and ("a","bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
