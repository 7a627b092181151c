//! Limits that keep a hostile or broken archive from exhausting memory or time.
//!
//! Each is an option of every command that reads archives, with a default far above what
//! a real export needs. Each is checked before the work it guards, from the zip's directory
//! where it can be, and again while entries inflate, since a directory can lie.

/// Default largest inflated size of one entry: 4 GiB.
pub const DEFAULT_MAX_ENTRY_BYTES: u64 = 4 << 30;
/// Default largest ratio of inflated to compressed size before an entry is taken for a zip bomb.
pub const DEFAULT_MAX_RATIO: u64 = 1000;
/// Default largest number of bytes inflated from one archive (all its parts) in all: 8 GiB.
pub const DEFAULT_MAX_TOTAL_BYTES: u64 = 8 << 30;
/// Default largest ratio of the bytes inflated from an archive to its size on disk. Real
/// exports inflate about 10:1 (JSON and CSV), media not at all.
pub const DEFAULT_MAX_ARCHIVE_RATIO: u64 = 100;
/// Default largest number of entries in one archive.
pub const DEFAULT_MAX_ENTRIES: u64 = 1_000_000;
/// Default deepest nesting of arrays and objects in a JSON file (real exports stay under 10).
pub const DEFAULT_MAX_DEPTH: usize = 64;
/// Entries smaller than this are never refused for their ratio (tiny files compress well).
const RATIO_FLOOR_BYTES: u64 = 1 << 20;
/// An archive that inflates to less than this in all is never refused for its ratio.
const ARCHIVE_RATIO_FLOOR_BYTES: u64 = 256 << 20;

/// The limits applied when an archive is opened and its entries read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest inflated size of one entry, in bytes (`--max-entry-size`).
    pub max_entry_bytes: u64,
    /// Largest inflated/compressed ratio of one entry (`--max-entry-ratio`).
    pub max_ratio: u64,
    /// Largest number of bytes inflated from one archive in all (`--max-total-size`).
    pub max_total_bytes: u64,
    /// Largest ratio of an archive's inflated bytes to its size on disk (`--max-archive-ratio`).
    pub max_archive_ratio: u64,
    /// Largest number of entries in one archive (`--max-entries`).
    pub max_entries: u64,
    /// Deepest nesting of JSON arrays and objects (`--max-depth`).
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entry_bytes: DEFAULT_MAX_ENTRY_BYTES,
            max_ratio: DEFAULT_MAX_RATIO,
            max_total_bytes: DEFAULT_MAX_TOTAL_BYTES,
            max_archive_ratio: DEFAULT_MAX_ARCHIVE_RATIO,
            max_entries: DEFAULT_MAX_ENTRIES,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

impl Limits {
    /// The most bytes an entry with this compressed size may inflate to.
    ///
    /// A stored (uncompressed) entry or a folder file has `compressed == size`, so only the
    /// absolute limit applies to it.
    pub fn allowed_bytes(&self, compressed: u64) -> u64 {
        let by_ratio = compressed
            .saturating_mul(self.max_ratio)
            .max(RATIO_FLOOR_BYTES);
        by_ratio.min(self.max_entry_bytes)
    }

    /// Why an entry that declares these sizes is refused before reading it, if it is.
    pub fn refusal(&self, size: u64, compressed: u64) -> Option<String> {
        if size > self.max_entry_bytes {
            return Some(format!(
                "entry inflates to {} bytes, over the limit of {} bytes (see --max-entry-size)",
                size, self.max_entry_bytes
            ));
        }
        if size > self.allowed_bytes(compressed) {
            return Some(format!(
                "entry inflates {} bytes to {} (ratio over {}:1): refused as a likely zip bomb \
                 (see --max-entry-ratio)",
                compressed, size, self.max_ratio
            ));
        }
        None
    }

    /// The most bytes an archive of `on_disk` bytes (its zip files; `None` for a folder,
    /// whose files are not compressed) may inflate to in all, and which limit sets it.
    pub fn archive_budget(&self, on_disk: Option<u64>) -> Budget {
        let by_ratio = on_disk.map(|bytes| {
            bytes
                .saturating_mul(self.max_archive_ratio)
                .max(ARCHIVE_RATIO_FLOOR_BYTES)
        });
        match by_ratio {
            Some(bytes) if bytes < self.max_total_bytes => Budget {
                bytes,
                by_ratio: true,
            },
            _ => Budget {
                bytes: self.max_total_bytes,
                by_ratio: false,
            },
        }
    }

    /// Why an archive is refused from its directory alone, if it is: too many entries, or
    /// entries that declare more inflated bytes than its size on disk allows.
    pub fn archive_refusal(
        &self,
        entries: u64,
        declared: u64,
        on_disk: Option<u64>,
    ) -> Option<String> {
        if entries > self.max_entries {
            return Some(format!(
                "the archive holds {entries} entries, over the limit of {} (see --max-entries)",
                self.max_entries
            ));
        }
        let disk = on_disk?;
        let budget = self.archive_budget(on_disk);
        (budget.by_ratio && declared > budget.bytes).then(|| {
            format!(
                "the archive's entries inflate to {declared} bytes from {disk} on disk (ratio \
                 over {}:1): refused as a likely zip bomb (see --max-archive-ratio)",
                self.max_archive_ratio
            )
        })
    }
}

/// The most bytes an archive may inflate to in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// The bytes.
    pub bytes: u64,
    /// True when the archive's size on disk sets it (`--max-archive-ratio`), false when
    /// `--max-total-size` does.
    pub by_ratio: bool,
}

impl Budget {
    /// Why `subject` (the archive, a workbook), having inflated past the budget, is refused.
    pub fn exceeded(&self, subject: &str) -> String {
        let bytes = self.bytes;
        if self.by_ratio {
            format!(
                "{subject} inflates past {bytes} bytes in all, too many for its size on disk: \
                 refused as a likely zip bomb (see --max-archive-ratio)"
            )
        } else {
            format!("{subject} inflates past {bytes} bytes in all (see --max-total-size)")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_entry_is_never_a_bomb_but_a_large_ratio_is() {
        let limits = Limits::default();
        // 900 KiB from 10 bytes: under the 1 MiB floor, accepted.
        assert_eq!(limits.refusal(900 * 1024, 10), None);
        // 100 MiB from 10 KiB is 10240:1.
        assert!(limits.refusal(100 << 20, 10 << 10).is_some());
        // 100 MiB from 1 MiB is 100:1, normal for repetitive JSON.
        assert_eq!(limits.refusal(100 << 20, 1 << 20), None);
        // Over the absolute limit whatever the ratio.
        let small = Limits {
            max_entry_bytes: 1000,
            ..Limits::default()
        };
        assert!(small.refusal(1001, 1001).is_some());
    }

    #[test]
    fn an_archive_is_refused_for_its_entry_count_and_whole_ratio_from_its_directory() {
        let limits = Limits {
            max_entries: 10,
            ..Limits::default()
        };
        assert!(
            limits
                .archive_refusal(11, 0, Some(100))
                .unwrap()
                .contains("--max-entries")
        );
        // Twelve 300 MB parts in a 13 MB zip: 277:1.
        let bomb = limits.archive_refusal(1, 12 * 300_000_000, Some(13_000_000));
        assert!(bomb.unwrap().contains("--max-archive-ratio"));
        // A 35 MB export inflating to 400 MB (11:1) is normal.
        assert_eq!(
            limits.archive_refusal(10, 400_000_000, Some(35_000_000)),
            None
        );
        // Under the floor a small archive may compress as well as it likes.
        assert_eq!(limits.archive_refusal(1, 200 << 20, Some(1000)), None);
        // A folder is not compressed: only the total applies, while reading.
        assert_eq!(limits.archive_refusal(1, u64::MAX, None), None);
        assert_eq!(
            limits.archive_budget(None),
            Budget {
                bytes: DEFAULT_MAX_TOTAL_BYTES,
                by_ratio: false
            }
        );
        assert_eq!(
            limits.archive_budget(Some(10 << 20)),
            Budget {
                bytes: 1000 << 20,
                by_ratio: true
            }
        );
    }
}
