//! Content digests in hex: SHA-256, whole or cut to a prefix.

use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The first `len` bytes (at most 32) of the SHA-256 of `bytes`, as
/// lowercase hex: asset fingerprints, folder names, the page reuse list.
pub fn sha256_hex(bytes: &[u8], len: usize) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(len)
        .fold(String::with_capacity(2 * len), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_of_the_digest_prefix() {
        assert_eq!(sha256_hex(b"abc", 4), "ba7816bf");
        assert_eq!(sha256_hex(b"", 32).len(), 64);
    }
}
