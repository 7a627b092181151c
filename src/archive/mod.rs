//! Archives as lists of named entries: a `.zip`, several `.zip` parts of one export, an
//! unpacked folder, or a loose file given beside them.
//!
//! This module never writes to disk and never interprets an entry name as a path: names
//! are strings that importers match. Reading an entry enforces [`Limits`].

mod folder;
pub mod limits;
mod zip;

use std::path::{Path, PathBuf};

pub use limits::Limits;

use crate::error::{Error, Result};
use folder::FolderSource;
use zip::ZipSource;

/// One file inside an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name inside the archive, with `/` separators and no leading `/`.
    pub name: String,
    /// Inflated size as the archive declares it.
    pub size: u64,
    /// Compressed size as the archive declares it (equal to `size` for folders).
    pub compressed: u64,
    source: usize,
    locator: usize,
}

/// An entry's name inside its export, without the folder that some parts wrap everything
/// in (`Basic_LinkedInDataExport_05-01-2024/Connections.csv`, `facebook-ada-2024-01-05/...`),
/// lower-cased, so that the same file in two parts of one export compares equal.
fn part_relative(name: &str) -> String {
    let lower = name.to_lowercase();
    match lower.split_once('/') {
        Some((first, rest)) if first.contains("dataexport") || first.starts_with("facebook-") => {
            rest.to_string()
        }
        _ => lower,
    }
}

impl Entry {
    /// The last component of the name (`data/tweets.js` -> `tweets.js`).
    pub fn file_name(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or(&self.name)
    }
}

/// An entry as a source lists it, before it is numbered within the archive.
pub(crate) struct RawEntry {
    name: String,
    size: u64,
    compressed: u64,
    locator: usize,
}

enum Source {
    Zip(ZipSource),
    Folder(FolderSource),
}

/// One export as the user gave it: one or more sources whose entries form one list.
pub struct Archive {
    paths: Vec<PathBuf>,
    label: String,
    sources: Vec<Source>,
    entries: Vec<Entry>,
    duplicates: Vec<(String, String)>,
    limits: Limits,
}

impl Archive {
    /// Opens a `.zip` file, a folder, or a loose file (a CSV given beside an archive).
    ///
    /// A file is read as a zip when its name ends in `.zip` or its first bytes are a zip
    /// signature (but an `.xlsx` workbook is one file); a file named `.zip` that is not
    /// one is an error.
    pub fn open(path: &Path, limits: Limits) -> Result<Archive> {
        let label = path.display().to_string();
        let metadata = std::fs::metadata(path)
            .map_err(|e| Error::archive(&label, format!("cannot open: {e}")))?;
        let (source, raw) = if metadata.is_dir() {
            let (s, r) = FolderSource::open(path).map_err(|p| Error::archive(&label, p))?;
            (Source::Folder(s), r)
        } else if looks_like_zip(path) {
            let (s, r) = ZipSource::open(path).map_err(|p| Error::archive(&label, p))?;
            (Source::Zip(s), r)
        } else {
            let (s, r) = FolderSource::single(path).map_err(|p| Error::archive(&label, p))?;
            (Source::Folder(s), r)
        };
        let entries = raw
            .into_iter()
            .map(|r| Entry {
                name: r.name,
                size: r.size,
                compressed: r.compressed,
                source: 0,
                locator: r.locator,
            })
            .collect();
        Ok(Archive {
            paths: vec![path.to_path_buf()],
            label,
            sources: vec![source],
            entries,
            duplicates: Vec::new(),
            limits,
        })
    }

    /// Joins another part of the same export: its entries are added to this archive's list.
    pub fn absorb(&mut self, other: Archive) {
        let offset = self.sources.len();
        self.paths.extend(other.paths);
        self.label = format!("{} + {}", self.label, other.label);
        self.sources.extend(other.sources);
        self.duplicates.extend(other.duplicates);
        for mut entry in other.entries {
            entry.source += offset;
            // A file that two parts of one export both hold (LinkedIn's Basic zip is a
            // subset of the Complete one; an unpacked folder beside its zip) is read once:
            // the larger copy, which is the newer or more complete one.
            let key = part_relative(&entry.name);
            match self
                .entries
                .iter_mut()
                .find(|e| part_relative(&e.name) == key)
            {
                Some(kept) => {
                    let dropped = if entry.size > kept.size {
                        std::mem::replace(kept, entry)
                    } else {
                        entry
                    };
                    let (kept_in, dropped_in) =
                        (self.paths.get(kept.source), self.paths.get(dropped.source));
                    let part = |p: Option<&PathBuf>| p.map(|p| p.display().to_string());
                    self.duplicates.push((
                        format!(
                            "{} ({})",
                            dropped.name,
                            part(dropped_in).unwrap_or_default()
                        ),
                        format!(
                            "read once, from {}: the same file in another part of this export",
                            part(kept_in).unwrap_or_default()
                        ),
                    ));
                }
                None => self.entries.push(entry),
            }
        }
    }

    /// Entries left out because another part of the same export holds the same file, with
    /// why; importers list them as ignored.
    pub fn duplicates(&self) -> &[(String, String)] {
        &self.duplicates
    }

    /// The archive as the user named it (parts joined with ` + `), for messages.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The paths this archive was opened from.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// The file name of the first path, for reports (`twitter-2023.zip`).
    pub fn file_name(&self) -> String {
        self.paths
            .iter()
            .map(|p| {
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| p.display().to_string())
            })
            .collect::<Vec<_>>()
            .join(" + ")
    }

    /// Every file entry, in the order the sources list them.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Reads one entry into memory, enforcing the size and ratio limits.
    pub fn read(&self, entry: &Entry) -> Result<Vec<u8>> {
        let fail = |problem: String| Error::entry(&self.label, &entry.name, problem);
        let (source, allowed) = self.allowed_source(entry)?;
        match source {
            Source::Zip(zip) => zip.read(entry.locator, allowed, true),
            Source::Folder(folder) => folder.read(entry.locator, allowed, true),
        }
        .map_err(fail)
    }

    /// Streams one entry to `use_reader` instead of reading it into memory, with the same
    /// limits as [`Archive::read`]: a declared size over them is refused before reading,
    /// and the stream fails (an `io::Error` carrying the reason) once it inflates past
    /// them, whatever the directory declared. Problems reading the stream reach
    /// `use_reader` as `io::Error`s; what it returns is passed back.
    pub fn stream<T>(
        &self,
        entry: &Entry,
        use_reader: impl FnOnce(&mut dyn std::io::Read) -> T,
    ) -> Result<T> {
        let fail = |problem: String| Error::entry(&self.label, &entry.name, problem);
        let (source, allowed) = self.allowed_source(entry)?;
        let capped = |inner: &mut dyn std::io::Read| {
            use_reader(&mut Capped {
                inner,
                left: allowed,
                allowed,
                zip: matches!(source, Source::Zip(_)),
            })
        };
        match source {
            Source::Zip(zip) => zip.with_reader(entry.locator, capped),
            Source::Folder(folder) => folder.with_reader(entry.locator, capped),
        }
        .map_err(fail)
    }

    /// The source of an entry and the most bytes it may inflate to; an entry whose declared
    /// size the limits refuse is an error before anything is read.
    fn allowed_source(&self, entry: &Entry) -> Result<(&Source, u64)> {
        let fail = |problem: String| Error::entry(&self.label, &entry.name, problem);
        if let Some(problem) = self.limits.refusal(entry.size, entry.compressed) {
            return Err(fail(problem));
        }
        let source = self
            .sources
            .get(entry.source)
            .ok_or_else(|| fail("entry of an unknown source".to_string()))?;
        Ok((source, self.limits.allowed_bytes(entry.compressed)))
    }

    /// The first `bytes` bytes of an entry as text (lossy), to recognise its header.
    pub fn peek_text(&self, entry: &Entry, bytes: u64) -> Result<String> {
        let fail = |problem: String| Error::entry(&self.label, &entry.name, problem);
        let source = self
            .sources
            .get(entry.source)
            .ok_or_else(|| fail("entry of an unknown source".to_string()))?;
        let start = match source {
            Source::Zip(zip) => zip.read(entry.locator, bytes, false),
            Source::Folder(folder) => folder.read(entry.locator, bytes, false),
        }
        .map_err(fail)?;
        let body = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&start);
        Ok(String::from_utf8_lossy(body).into_owned())
    }

    /// Reads one entry as text: UTF-8, with a byte order mark removed and invalid bytes
    /// replaced (an archive that mixes encodings still reads).
    pub fn read_text(&self, entry: &Entry) -> Result<String> {
        let mut bytes = self.read(entry)?;
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        Ok(String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }
}

/// A stream that fails once more than `allowed` bytes come out of it, and words the
/// problems of the stream under it the way [`Archive::read`] does.
struct Capped<'r> {
    inner: &'r mut dyn std::io::Read,
    left: u64,
    allowed: u64,
    zip: bool,
}

impl std::io::Read for Capped<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf).map_err(|e| {
            std::io::Error::other(if self.zip {
                format!("corrupt or truncated data: {e}")
            } else {
                format!("cannot read: {e}")
            })
        })?;
        if n as u64 > self.left {
            let allowed = self.allowed;
            return Err(std::io::Error::other(if self.zip {
                format!("entry inflates past {allowed} bytes: refused as a likely zip bomb")
            } else {
                format!("file is larger than the limit of {allowed} bytes (see --max-entry-size)")
            }));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

fn looks_like_zip(path: &Path) -> bool {
    // A workbook is a zip inside, but it is one file of an export (LinkedIn's analytics).
    let workbook = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if workbook {
        return false;
    }
    let by_name = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let mut magic = [0u8; 4];
    let by_magic = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic))
        .is_ok()
        && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06");
    by_name || by_magic
}

/// Turns a zip entry's raw name into the name rapport matches: backslashes (zips made on
/// Windows) become `/`, a leading `/` or drive letter and `.` components are dropped.
/// The name is never used as a path, so `..` stays a harmless part of the string.
/// Returns `None` for a name with nothing left (a bare `/`).
pub(crate) fn normalize_name(raw: &str) -> Option<String> {
    let unified = raw.replace('\\', "/");
    let without_drive = match unified.as_bytes() {
        [letter, b':', ..] if letter.is_ascii_alphabetic() => &unified[2..],
        _ => unified.as_str(),
    };
    let parts: Vec<&str> = without_drive
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_name;

    #[test]
    fn names_are_normalized_as_strings_only() {
        assert_eq!(
            normalize_name("data/tweets.js").as_deref(),
            Some("data/tweets.js")
        );
        assert_eq!(
            normalize_name("data\\tweets.js").as_deref(),
            Some("data/tweets.js")
        );
        assert_eq!(normalize_name("/etc/passwd").as_deref(), Some("etc/passwd"));
        assert_eq!(normalize_name("C:\\x\\y.js").as_deref(), Some("x/y.js"));
        assert_eq!(normalize_name("./a/./b").as_deref(), Some("a/b"));
        assert_eq!(normalize_name("../x").as_deref(), Some("../x"));
        assert_eq!(normalize_name("/"), None);
    }
}
