//! Entries held in memory: an archive built by a test or a fuzz target, no disk involved.

use std::io::Read;

use super::Listing;

/// Named byte buffers as a source of entries.
pub(super) struct MemorySource {
    files: Vec<Vec<u8>>,
}

impl MemorySource {
    /// Lists the files under their names, checked as a zip's names are.
    pub(super) fn new(named: Vec<(String, Vec<u8>)>) -> Result<(Self, Listing), String> {
        let mut listing = Listing::default();
        let mut files = Vec::with_capacity(named.len());
        for (locator, (name, bytes)) in named.into_iter().enumerate() {
            let size = bytes.len() as u64;
            listing.push(&name, size, size, locator)?;
            files.push(bytes);
        }
        Ok((MemorySource { files }, listing))
    }

    /// The bytes of every file together, the archive's "size on disk".
    pub(super) fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.len() as u64).sum()
    }

    fn file(&self, locator: usize) -> Result<&[u8], String> {
        self.files
            .get(locator)
            .map(Vec::as_slice)
            .ok_or_else(|| "no such entry".to_string())
    }

    /// The first `bytes` bytes of a file.
    pub(super) fn peek(&self, locator: usize, bytes: u64) -> Result<Vec<u8>, String> {
        let file = self.file(locator)?;
        let end = usize::try_from(bytes).unwrap_or(usize::MAX).min(file.len());
        Ok(file[..end].to_vec())
    }

    /// Hands `use_reader` the file's bytes as a stream.
    pub(super) fn with_reader<T>(
        &self,
        locator: usize,
        use_reader: impl FnOnce(&mut dyn Read) -> T,
    ) -> Result<T, String> {
        let mut file = self.file(locator)?;
        Ok(use_reader(&mut file))
    }
}
