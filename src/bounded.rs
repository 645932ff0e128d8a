//! Reading a file without reading more than a limit: a device such as
//! `/dev/zero`, or a file that grows while it is read, never ends, and its
//! size on disk says nothing.

use std::io::Read;
use std::path::Path;

/// The bytes of `path`, or None when it holds more than `limit` bytes (at
/// most `limit + 1` are read).
pub fn read(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_file_is_read_only_past_the_limit() {
        assert_eq!(read(Path::new("/dev/zero"), 1024).unwrap(), None);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x");
        std::fs::write(&file, b"abc").unwrap();
        assert_eq!(read(&file, 3).unwrap(), Some(b"abc".to_vec()));
        assert_eq!(read(&file, 2).unwrap(), None);
    }
}
