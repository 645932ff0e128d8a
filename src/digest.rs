//! Content digests in hex: BLAKE3, whole or cut to a prefix.

use std::fmt::Write as _;

/// The first `len` bytes (at most 32) of the BLAKE3 hash of `bytes`, as
/// lowercase hex: asset fingerprints, glossary popover files, folder names.
pub fn digest_hex(bytes: &[u8], len: usize) -> String {
    blake3::hash(bytes).as_bytes().iter().take(len).fold(
        String::with_capacity(2 * len),
        |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_of_the_digest_prefix() {
        // The BLAKE3 test vector for "abc".
        assert_eq!(digest_hex(b"abc", 4), "6437b3ac");
        assert_eq!(digest_hex(b"", 32).len(), 64);
    }
}
