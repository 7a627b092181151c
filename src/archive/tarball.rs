//! `.tar.gz` archives (Mastodon's until early 2023). A tarball has no directory to read
//! entries from one by one: it is inflated once, when opened, under the same limits as a
//! zip, and its data files (JSON, CSV) are kept in memory; media is listed, not kept.

use std::io::Read;
use std::path::Path;

use super::limits::Limits;
use super::memory::MemorySource;
use super::{LeftOut, Listing};

/// Whether the entry's bytes are worth keeping: the files importers read.
fn kept(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".json", ".csv", ".js"].iter().any(|e| lower.ends_with(e))
}

/// A stream that fails once more than `left` bytes come out of it.
struct Counted<R> {
    inner: R,
    left: u64,
    budget: super::limits::Budget,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            return Err(std::io::Error::other(self.budget.exceeded("the archive")));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Whether the file starts with gzip's magic bytes.
pub(super) fn is_gzip(path: &Path) -> bool {
    let mut magic = [0u8; 2];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && magic == [0x1f, 0x8b]
}

/// Inflates the tarball at `path` and lists its entries.
pub(super) fn open(path: &Path, limits: &Limits) -> Result<(MemorySource, Listing), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let on_disk = file.metadata().map(|m| m.len()).ok();
    let budget = limits.archive_budget(on_disk);
    let counted = Counted {
        inner: flate2::read::GzDecoder::new(std::io::BufReader::new(file)),
        left: budget.bytes,
        budget,
    };
    let mut tarball = tar::Archive::new(counted);
    let mut source = MemorySource::empty();
    let mut listing = Listing::default();
    let broken = |e: std::io::Error| format!("not a readable .tar.gz: {e}");
    for entry in tarball.entries().map_err(broken)? {
        let mut entry = entry.map_err(broken)?;
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        if listing.len() as u64 >= limits.max_entries {
            return Err(format!(
                "the archive holds more than {} entries (see --max-entries)",
                limits.max_entries
            ));
        }
        let kind = entry.header().entry_type();
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            listing.left_out.push(LeftOut {
                name,
                why: "a link or special file in the archive: not followed".into(),
                unread: kind.is_symlink() || kind.is_hard_link(),
            });
            continue;
        }
        let size = entry.header().size().map_err(broken)?;
        let bytes = if kept(&name) {
            if let Some(problem) = limits.refusal(size, size) {
                return Err(format!("{name}: {problem}"));
            }
            let mut bytes = Vec::with_capacity(size.min(1 << 24) as usize);
            entry
                .read_to_end(&mut bytes)
                .map_err(|e| format!("{name}: {e}"))?;
            Some(bytes)
        } else {
            None
        };
        source.add(&mut listing, &name, size, bytes)?;
    }
    Ok((source, listing))
}
