//! A `.zip` file as a source of entries, read in parallel without reopening it.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use zip::ZipArchive;

use super::{RawEntry, normalize_name};

/// A file handle that can be cloned cheaply and read at independent positions, so that
/// several threads inflate entries of the same zip at once.
#[derive(Clone)]
struct SharedFile {
    file: Arc<File>,
    pos: u64,
    len: u64,
}

impl Read for SharedFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = read_at(&self.file, buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for SharedFile {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = target.ok_or_else(|| io::Error::other("seek before the start of the file"))?;
        Ok(self.pos)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], pos: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, pos)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], pos: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, pos)
}

/// An opened zip file.
pub(super) struct ZipSource {
    zip: ZipArchive<SharedFile>,
}

impl ZipSource {
    /// Opens a zip and lists its file entries (directories are left out).
    pub(super) fn open(path: &Path) -> Result<(Self, Vec<RawEntry>), String> {
        let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
        let len = file
            .metadata()
            .map_err(|e| format!("cannot read: {e}"))?
            .len();
        let shared = SharedFile {
            file: Arc::new(file),
            pos: 0,
            len,
        };
        let mut zip = ZipArchive::new(shared).map_err(|e| describe_open_error(&e))?;
        let mut entries = Vec::with_capacity(zip.len());
        for index in 0..zip.len() {
            let meta = zip
                .by_index_raw(index)
                .map_err(|e| format!("corrupt zip directory: {e}"))?;
            if meta.is_dir() {
                continue;
            }
            let raw_name = String::from_utf8_lossy(meta.name_raw()).into_owned();
            let Some(name) = normalize_name(&raw_name) else {
                continue;
            };
            entries.push(RawEntry {
                name,
                size: meta.size(),
                compressed: meta.compressed_size(),
                locator: index,
            });
        }
        Ok((ZipSource { zip }, entries))
    }

    /// Inflates one entry, reading at most `allowed + 1` bytes so that a lying header
    /// cannot make it read more than the limits allow. With `whole` false, the first
    /// `allowed` bytes are returned without complaint (a peek).
    pub(super) fn read(&self, index: usize, allowed: u64, whole: bool) -> Result<Vec<u8>, String> {
        let mut zip = self.zip.clone();
        let entry = zip
            .by_index(index)
            .map_err(|e| format!("cannot read entry: {e}"))?;
        let declared = entry.size();
        let mut bytes = Vec::with_capacity(declared.min(allowed).min(1 << 30) as usize);
        entry
            .take(if whole {
                allowed.saturating_add(1)
            } else {
                allowed
            })
            .read_to_end(&mut bytes)
            .map_err(|e| format!("corrupt or truncated data: {e}"))?;
        if whole && bytes.len() as u64 > allowed {
            return Err(format!(
                "entry inflates past {allowed} bytes: refused as a likely zip bomb"
            ));
        }
        Ok(bytes)
    }
}

impl ZipSource {
    /// Hands `use_reader` the entry's inflated bytes as a stream.
    pub(super) fn with_reader<T>(
        &self,
        index: usize,
        use_reader: impl FnOnce(&mut dyn Read) -> T,
    ) -> Result<T, String> {
        let mut zip = self.zip.clone();
        let mut entry = zip
            .by_index(index)
            .map_err(|e| format!("cannot read entry: {e}"))?;
        Ok(use_reader(&mut entry))
    }
}

fn describe_open_error(e: &zip::result::ZipError) -> String {
    let text = e.to_string();
    if text.contains("EOCD") || text.contains("end of central directory") {
        "not a zip archive, or a truncated one (no end of central directory found)".to_string()
    } else {
        format!("not a readable zip archive: {text}")
    }
}
