//! Entries held in memory: an archive built by a test or a fuzz target, no disk involved.

use std::io::Read;

use super::Listing;

/// Named byte buffers as a source of entries.
pub(super) struct MemorySource {
    /// Each entry's bytes; `None` for one listed but not kept (a media file of a
    /// `.tar.gz`, whose bytes rapport never reads).
    files: Vec<Option<Vec<u8>>>,
}

impl MemorySource {
    /// Lists the files under their names, checked as a zip's names are.
    pub(super) fn new(named: Vec<(String, Vec<u8>)>) -> Result<(Self, Listing), String> {
        let mut listing = Listing::default();
        let mut source = MemorySource::empty();
        for (name, bytes) in named {
            source.add(&mut listing, &name, bytes.len() as u64, Some(bytes))?;
        }
        Ok((source, listing))
    }

    /// An empty source, to which [`MemorySource::add`] adds entries.
    pub(super) fn empty() -> Self {
        MemorySource { files: Vec::new() }
    }

    /// Adds an entry of `size` bytes, its bytes kept or not.
    pub(super) fn add(
        &mut self,
        listing: &mut Listing,
        name: &str,
        size: u64,
        bytes: Option<Vec<u8>>,
    ) -> Result<(), String> {
        listing.push(name, size, size, self.files.len())?;
        self.files.push(bytes);
        Ok(())
    }

    /// The bytes of every file together, the archive's "size on disk".
    pub(super) fn total_bytes(&self) -> u64 {
        self.files.iter().flatten().map(|f| f.len() as u64).sum()
    }

    fn file(&self, locator: usize) -> Result<&[u8], String> {
        match self.files.get(locator) {
            Some(Some(bytes)) => Ok(bytes),
            Some(None) => Err(
                "a media file of a .tar.gz archive: not kept, rapport reads only \
                               its data files"
                    .to_string(),
            ),
            None => Err("no such entry".to_string()),
        }
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
