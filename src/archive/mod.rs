//! Archives as lists of named entries: a `.zip`, several `.zip` parts of one export, an
//! unpacked folder, or a loose file given beside them.
//!
//! This module never writes to disk and never interprets an entry name as a path: names
//! are strings that importers match. Reading an entry enforces [`Limits`].

mod folder;
pub mod limits;
mod memory;
mod tarball;
mod zip;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub use limits::Limits;
pub use zip::check_nested;

use crate::error::{Error, Result};
use folder::FolderSource;
use memory::MemorySource;
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
/// in (`wrapper` says which, as the platform's importer knows them), lower-cased, so that
/// the same file in two parts of one export compares equal.
fn part_relative(name: &str, wrapper: &dyn Fn(&str) -> bool) -> String {
    let lower = name.to_lowercase();
    match lower.split_once('/') {
        Some((first, rest)) if wrapper(first) => rest.to_string(),
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

/// What a source lists: the entries to read and those it leaves out.
#[derive(Default)]
pub(crate) struct Listing {
    entries: Vec<RawEntry>,
    left_out: Vec<LeftOut>,
    names: std::collections::HashSet<String>,
}

impl Listing {
    /// Adds an entry under its raw name. A name that is not a plain relative path (`..`,
    /// absolute, a control character), or the same name twice, makes the whole archive
    /// suspect: an error naming the entry. A name with nothing in it (`/`) is skipped.
    fn push(
        &mut self,
        raw: &str,
        size: u64,
        compressed: u64,
        locator: usize,
    ) -> Result<(), String> {
        let Some(name) = normalize_name(raw)? else {
            return Ok(());
        };
        if !self.names.insert(name.clone()) {
            return Err(format!(
                "{name}: the archive holds two entries of this name: refused, since which one \
                 a reader sees is ambiguous"
            ));
        }
        self.entries.push(RawEntry {
            name,
            size,
            compressed,
            locator,
        });
        Ok(())
    }

    fn len(&self) -> usize {
        self.entries.len() + self.left_out.len()
    }
}

enum Source {
    Zip(ZipSource),
    Folder(FolderSource),
    Memory(MemorySource),
}

impl Source {
    /// Inflates at most `bytes` bytes of an entry, without complaint past them: a peek.
    fn peek(&self, locator: usize, bytes: u64) -> Result<Vec<u8>, String> {
        match self {
            Source::Zip(zip) => zip.peek(locator, bytes),
            Source::Folder(folder) => folder.peek(locator, bytes),
            Source::Memory(memory) => memory.peek(locator, bytes),
        }
    }

    /// Hands `use_reader` the entry's inflated bytes as a stream.
    fn with_reader<T>(
        &self,
        locator: usize,
        use_reader: impl FnOnce(&mut dyn std::io::Read) -> T,
    ) -> Result<T, String> {
        match self {
            Source::Zip(zip) => zip.with_reader(locator, use_reader),
            Source::Folder(folder) => folder.with_reader(locator, use_reader),
            Source::Memory(memory) => memory.with_reader(locator, use_reader),
        }
    }

    /// Whether entries inflate (a zip), so that a stream past its limit is a likely bomb.
    fn compressed(&self) -> bool {
        matches!(self, Source::Zip(_))
    }
}

/// How many bytes all entries of an archive may inflate to, and how many they have.
#[derive(Debug)]
struct Budget {
    /// Size on disk of the zip parts, `None` when any part is a folder or in memory.
    on_disk: Option<u64>,
    /// Bytes inflated so far by every read and stream of the archive.
    used: AtomicU64,
}

/// One export as the user gave it: one or more sources whose entries form one list.
pub struct Archive {
    paths: Vec<PathBuf>,
    label: String,
    sources: Vec<Source>,
    entries: Vec<Entry>,
    left_out: Vec<LeftOut>,
    limits: Limits,
    budget: Budget,
}

/// An entry that is not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The entry's name.
    pub name: String,
    /// Why it is not read.
    pub why: String,
    /// True when it may hold data the analysis would use (a symbolic link in a folder), so
    /// that leaving it out is a warning; false when its content is read elsewhere.
    pub unread: bool,
}

impl Archive {
    /// Opens a `.zip` file, a `.tar.gz` file, a folder, or a loose file (a CSV given beside
    /// an archive).
    ///
    /// A file is read as a zip when its name ends in `.zip` or its first bytes are a zip
    /// signature (but an `.xlsx` workbook is one file); a file named `.zip` that is not
    /// one is an error.
    pub fn open(path: &Path, limits: Limits) -> Result<Archive> {
        let label = path.display().to_string();
        let metadata = std::fs::metadata(path)
            .map_err(|e| Error::archive(&label, format!("cannot open: {e}")))?;
        let problem = |p: String| Error::archive(&label, p);
        let (source, listing, on_disk) = if metadata.is_dir() {
            let (s, l) = FolderSource::open(path, limits.max_entries).map_err(problem)?;
            (Source::Folder(s), l, None)
        } else if tarball::is_gzip(path) {
            let (s, l) = tarball::open(path, &limits).map_err(problem)?;
            (Source::Memory(s), l, None)
        } else if looks_like_zip(path) {
            let (s, l) = ZipSource::open(path, &limits).map_err(problem)?;
            (Source::Zip(s), l, Some(metadata.len()))
        } else {
            let (s, l) = FolderSource::single(path).map_err(problem)?;
            (Source::Folder(s), l, None)
        };
        Archive::from_listing(
            label,
            vec![path.to_path_buf()],
            source,
            listing,
            on_disk,
            limits,
        )
    }

    /// An archive whose entries are held in memory (tests and fuzzing build archives this
    /// way without touching the disk). Names are checked as a zip's are.
    pub fn from_memory(
        label: &str,
        files: Vec<(String, Vec<u8>)>,
        limits: Limits,
    ) -> Result<Archive> {
        let (source, listing) = MemorySource::new(files).map_err(|p| Error::archive(label, p))?;
        let on_disk = Some(source.total_bytes());
        Archive::from_listing(
            label.to_string(),
            Vec::new(),
            Source::Memory(source),
            listing,
            on_disk,
            limits,
        )
    }

    fn from_listing(
        label: String,
        paths: Vec<PathBuf>,
        source: Source,
        listing: Listing,
        on_disk: Option<u64>,
        limits: Limits,
    ) -> Result<Archive> {
        let declared = listing
            .entries
            .iter()
            .fold(0u64, |sum, e| sum.saturating_add(e.size));
        let count = listing.len() as u64;
        if let Some(problem) = limits.archive_refusal(count, declared, on_disk) {
            return Err(Error::archive(&label, problem));
        }
        let entries = listing
            .entries
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
            paths,
            label,
            sources: vec![source],
            entries,
            left_out: listing.left_out,
            limits,
            budget: Budget {
                on_disk,
                used: AtomicU64::new(0),
            },
        })
    }

    /// Joins another part of the same export: its entries are added to this archive's list.
    /// `wrapper` tells the folder that a part wraps everything in (lower-cased).
    pub fn absorb(&mut self, other: Archive, wrapper: &dyn Fn(&str) -> bool) {
        let offset = self.sources.len();
        self.paths.extend(other.paths);
        self.label = format!("{} + {}", self.label, other.label);
        self.sources.extend(other.sources);
        self.left_out.extend(other.left_out);
        self.budget.on_disk = self
            .budget
            .on_disk
            .zip(other.budget.on_disk)
            .map(|(a, b)| a + b);
        let used = other.budget.used.into_inner();
        self.budget.used.fetch_add(used, Ordering::Relaxed);
        for mut entry in other.entries {
            entry.source += offset;
            // A file that two parts of one export both hold (LinkedIn's Basic zip is a
            // subset of the Complete one; an unpacked folder beside its zip) is read once:
            // the larger copy, which is the newer or more complete one.
            let key = part_relative(&entry.name, wrapper);
            match self
                .entries
                .iter_mut()
                .find(|e| part_relative(&e.name, wrapper) == key)
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
                    self.left_out.push(LeftOut {
                        name: format!(
                            "{} ({})",
                            dropped.name,
                            part(dropped_in).unwrap_or_default()
                        ),
                        why: format!(
                            "read once, from {}: the same file in another part of this export",
                            part(kept_in).unwrap_or_default()
                        ),
                        unread: false,
                    });
                }
                None => self.entries.push(entry),
            }
        }
    }

    /// Entries left out, with why: a file that another part of the same export also holds
    /// (listed as ignored), or a symbolic link in a folder (not followed: a warning).
    pub fn left_out(&self) -> &[LeftOut] {
        &self.left_out
    }

    /// The limits this archive is read under.
    pub fn limits(&self) -> &Limits {
        &self.limits
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

    /// Reads one entry into memory, enforcing the limits (see [`Archive::stream`]).
    pub fn read(&self, entry: &Entry) -> Result<Vec<u8>> {
        let capacity = entry.size.min(self.limits.allowed_bytes(entry.compressed));
        let read = self.stream(entry, |reader| {
            let mut bytes = Vec::with_capacity(capacity.min(1 << 30) as usize);
            reader.read_to_end(&mut bytes).map(|_| bytes)
        })?;
        read.map_err(|e| Error::entry(&self.label, &entry.name, e.to_string()))
    }

    /// Streams one entry to `use_reader` instead of reading it into memory, with the same
    /// limits as [`Archive::read`]: a declared size over the entry's limits, or over what
    /// is left of the archive's, is refused before reading, and the stream fails (an
    /// `io::Error` carrying the reason) once it inflates past them, whatever the directory
    /// declared. Problems reading the stream reach `use_reader` as `io::Error`s; what it
    /// returns is passed back.
    pub fn stream<T>(
        &self,
        entry: &Entry,
        use_reader: impl FnOnce(&mut dyn std::io::Read) -> T,
    ) -> Result<T> {
        let fail = |problem: String| Error::entry(&self.label, &entry.name, problem);
        if let Some(problem) = self.limits.refusal(entry.size, entry.compressed) {
            return Err(fail(problem));
        }
        let source = self
            .sources
            .get(entry.source)
            .ok_or_else(|| fail("entry of an unknown source".to_string()))?;
        let budget = self.limits.archive_budget(self.budget.on_disk);
        let used = self.budget.used.load(Ordering::Relaxed);
        if used.saturating_add(entry.size) > budget.bytes {
            return Err(fail(budget.exceeded("the archive")));
        }
        let allowed = self.limits.allowed_bytes(entry.compressed);
        let capped = |inner: &mut dyn std::io::Read| {
            use_reader(&mut Capped {
                inner,
                left: allowed,
                allowed,
                zip: source.compressed(),
                archive: &self.budget.used,
                budget,
            })
        };
        source.with_reader(entry.locator, capped).map_err(fail)
    }

    /// The first `bytes` bytes of an entry as text (lossy), to recognise its header.
    pub fn peek_text(&self, entry: &Entry, bytes: u64) -> Result<String> {
        let fail = |problem: String| Error::entry(&self.label, &entry.name, problem);
        let source = self
            .sources
            .get(entry.source)
            .ok_or_else(|| fail("entry of an unknown source".to_string()))?;
        let start = source.peek(entry.locator, bytes).map_err(fail)?;
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

/// A stream that fails once more than `allowed` bytes come out of it, or once the archive
/// as a whole has inflated past its budget, and words the problems of the stream under it.
struct Capped<'r> {
    inner: &'r mut dyn std::io::Read,
    left: u64,
    allowed: u64,
    zip: bool,
    /// Bytes inflated from the whole archive so far.
    archive: &'r AtomicU64,
    budget: limits::Budget,
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
                format!(
                    "entry inflates past {allowed} bytes: refused as a likely zip bomb \
                     (see --max-entry-size, --max-entry-ratio)"
                )
            } else {
                format!("file is larger than the limit of {allowed} bytes (see --max-entry-size)")
            }));
        }
        self.left -= n as u64;
        let before = self.archive.fetch_add(n as u64, Ordering::Relaxed);
        if before.saturating_add(n as u64) > self.budget.bytes {
            return Err(std::io::Error::other(self.budget.exceeded("the archive")));
        }
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
/// Windows) become `/`, empty and `.` components are dropped. A name is never used as a
/// path, but one that could point outside a folder if it were (`..`, `/abs`, `C:\x`) or
/// holds a control character is not found in any real export: an error, with the name
/// shown escaped. Returns `Ok(None)` for a name with nothing left (a bare `/`).
pub(crate) fn normalize_name(raw: &str) -> Result<Option<String>, String> {
    let shown = || crate::error::one_line(raw);
    if raw.chars().any(char::is_control) {
        return Err(format!(
            "{}: entry name holds a control character: refused",
            shown()
        ));
    }
    let unified = raw.replace('\\', "/");
    let drive = matches!(unified.as_bytes(), [letter, b':', ..] if letter.is_ascii_alphabetic());
    let parts: Vec<&str> = unified
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.is_empty() {
        return Ok(None);
    }
    if drive || unified.starts_with('/') {
        return Err(format!(
            "{}: entry name is an absolute path: refused",
            shown()
        ));
    }
    if parts.contains(&"..") {
        return Err(format!(
            "{}: entry name climbs out of the archive with `..`: refused",
            shown()
        ));
    }
    Ok(Some(parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_grows_after_listing_is_stopped_while_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.js"), vec![b' '; 1000]).unwrap();
        let limits = Limits {
            max_total_bytes: 5000,
            ..Limits::default()
        };
        let archive = Archive::open(dir.path(), limits).unwrap();
        std::fs::write(dir.path().join("a.js"), vec![b' '; 10_000]).unwrap();
        let err = archive.read(&archive.entries()[0]).unwrap_err().to_string();
        assert!(
            err.contains("a.js") && err.contains("--max-total-size"),
            "{err}"
        );
    }

    #[test]
    fn the_total_counts_every_read_of_the_archive() {
        let files = vec![
            ("a".to_string(), vec![b'a'; 3000]),
            ("b".to_string(), vec![b'b'; 3000]),
        ];
        let limits = Limits {
            max_total_bytes: 5000,
            ..Limits::default()
        };
        let archive = Archive::from_memory("mem", files, limits).unwrap();
        assert_eq!(archive.read(&archive.entries()[0]).unwrap().len(), 3000);
        // The second entry's declared size would pass the total: refused before reading.
        let err = archive.read(&archive.entries()[1]).unwrap_err().to_string();
        assert!(
            err.contains("mem: b: the archive inflates past 5000"),
            "{err}"
        );
        let twice = vec![("x".into(), vec![]), ("./x".into(), vec![])];
        assert!(Archive::from_memory("mem", twice, Limits::default()).is_err());
    }

    #[test]
    fn names_are_normalized_and_unsafe_ones_refused() {
        let ok = |raw: &str| normalize_name(raw).unwrap();
        assert_eq!(ok("data/tweets.js").as_deref(), Some("data/tweets.js"));
        assert_eq!(ok("data\\tweets.js").as_deref(), Some("data/tweets.js"));
        assert_eq!(ok("./a/./b").as_deref(), Some("a/b"));
        assert_eq!(ok("a//b/"), Some("a/b".to_string()));
        assert_eq!(ok("/"), None);
        for bad in [
            "/etc/passwd",
            "C:\\x\\y.js",
            "../x",
            "data/../../x",
            "a\0b",
            "a\nb",
        ] {
            let err = normalize_name(bad).unwrap_err();
            assert!(err.contains("refused"), "{bad}: {err}");
            assert!(!err.contains('\n') && !err.contains('\0'), "{err}");
        }
    }
}
