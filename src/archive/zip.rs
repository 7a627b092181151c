//! A `.zip` file as a source of entries, read in parallel without reopening it.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use zip::ZipArchive;

use super::Listing;
use super::limits::Limits;

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
    /// Opens a zip and lists its file entries (directories are left out). An archive with
    /// more entries than the limits allow is refused from the count its directory declares,
    /// before any entry is listed.
    pub(super) fn open(path: &Path, limits: &Limits) -> Result<(Self, Listing), String> {
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
        let declared = declared_entry_count(&shared);
        // The count is checked before the zip library allocates for it, and again after.
        let too_many = |count: u64| limits.archive_refusal(count, 0, None).map_or(Ok(()), Err);
        too_many(declared.unwrap_or(0))?;
        let mut zip = ZipArchive::new(shared).map_err(|e| describe_open_error(&e))?;
        too_many(zip.len() as u64)?;
        // The zip library keeps one entry per name; a directory that lists more entries
        // than it has names holds the same name twice, and which copy a reader sees is
        // anyone's guess.
        if declared.is_some_and(|n| n > zip.len() as u64) {
            return Err(
                "the archive lists two entries under one name: refused, since which one a \
                 reader sees is ambiguous"
                    .to_string(),
            );
        }
        let mut listing = Listing::default();
        for index in 0..zip.len() {
            let meta = zip
                .by_index_raw(index)
                .map_err(|e| format!("corrupt zip directory: {e}"))?;
            if meta.is_dir() {
                continue;
            }
            let raw_name = String::from_utf8_lossy(meta.name_raw()).into_owned();
            listing.push(&raw_name, meta.size(), meta.compressed_size(), index)?;
        }
        Ok((ZipSource { zip }, listing))
    }

    /// Inflates the first `bytes` bytes of one entry, without complaint past them: a peek.
    pub(super) fn peek(&self, index: usize, bytes: u64) -> Result<Vec<u8>, String> {
        let mut zip = self.zip.clone();
        let entry = zip
            .by_index(index)
            .map_err(|e| format!("cannot read entry: {e}"))?;
        let mut start = Vec::new();
        entry
            .take(bytes)
            .read_to_end(&mut start)
            .map_err(|e| format!("corrupt or truncated data: {e}"))?;
        Ok(start)
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
        let mut entry = zip.by_index(index).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(why) if why.contains("Password") => {
                "the entry is encrypted (a password-protected zip): unzip it with its password \
                 and give rapport the folder"
                    .to_string()
            }
            e => format!("cannot read entry: {e}"),
        })?;
        Ok(use_reader(&mut entry))
    }
}

/// The number of entries the end of central directory record declares (the zip64 record's
/// when the classic one is saturated), if it is found.
fn declared_entry_count(file: &SharedFile) -> Option<u64> {
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const LOCATOR: [u8; 4] = [0x50, 0x4b, 0x06, 0x07];
    let tail_len = file.len.min(22 + 65_535);
    let mut tail = vec![0u8; tail_len as usize];
    read_at(&file.file, &mut tail, file.len - tail_len).ok()?;
    let at = (0..=tail.len().checked_sub(22)?)
        .rev()
        .find(|&i| tail[i..i + 4] == EOCD)?;
    let count = u16::from_le_bytes([tail[at + 10], tail[at + 11]]);
    if count != u16::MAX {
        return Some(u64::from(count));
    }
    let locator = at.checked_sub(20)?;
    if tail[locator..locator + 4] != LOCATOR {
        return None;
    }
    let record = u64::from_le_bytes(tail[locator + 8..locator + 16].try_into().ok()?);
    let mut zip64 = [0u8; 40];
    read_at(&file.file, &mut zip64, record).ok()?;
    (zip64[..4] == [0x50, 0x4b, 0x06, 0x06])
        .then(|| u64::from_le_bytes(zip64[32..40].try_into().unwrap_or_default()))
}

/// Checks a zip held inside an entry (an XLSX workbook) before a library that cannot be
/// limited reads it: its entry count and declared sizes against `limits`, then every entry
/// inflated once into nothing under the same per-entry and whole limits, so that a lying
/// directory is caught too. Inflating is deterministic, so the library's own inflating of
/// the same bytes stays within what was measured here.
pub fn check_nested(bytes: &[u8], limits: &Limits) -> Result<(), String> {
    let mut zip = ZipArchive::new(io::Cursor::new(bytes)).map_err(|e| describe_open_error(&e))?;
    let budget = limits.archive_budget(Some(bytes.len() as u64));
    let declared = (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if let Some(problem) =
        limits.archive_refusal(zip.len() as u64, declared, Some(bytes.len() as u64))
    {
        return Err(format!("workbook: {problem}"));
    }
    let mut total = 0u64;
    for index in 0..zip.len() {
        let file = zip
            .by_index(index)
            .map_err(|e| format!("workbook: cannot read entry: {e}"))?;
        let name = crate::error::one_line(&String::from_utf8_lossy(file.name_raw()));
        if let Some(problem) = limits.refusal(file.size(), file.compressed_size()) {
            return Err(format!("workbook entry {name}: {problem}"));
        }
        let allowed = limits.allowed_bytes(file.compressed_size());
        let inflated = io::copy(&mut file.take(allowed.saturating_add(1)), &mut io::sink())
            .map_err(|e| format!("workbook entry {name}: corrupt or truncated data: {e}"))?;
        if inflated > allowed {
            return Err(format!(
                "workbook entry {name}: inflates past {allowed} bytes: refused as a likely zip \
                 bomb (see --max-entry-size, --max-entry-ratio)"
            ));
        }
        total = total.saturating_add(inflated);
        if total > budget.bytes {
            return Err(budget.exceeded("the workbook"));
        }
    }
    Ok(())
}

fn describe_open_error(e: &zip::result::ZipError) -> String {
    let text = e.to_string();
    if text.contains("EOCD") || text.contains("end of central directory") {
        "not a zip archive, or a truncated one (no end of central directory found)".to_string()
    } else {
        format!("not a readable zip archive: {text}")
    }
}
