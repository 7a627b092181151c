//! Size limits that keep a hostile archive from exhausting memory.

/// Default largest inflated size of one entry: 4 GiB.
pub const DEFAULT_MAX_ENTRY_BYTES: u64 = 4 << 30;
/// Default largest ratio of inflated to compressed size before an entry is taken for a zip bomb.
pub const DEFAULT_MAX_RATIO: u64 = 1000;
/// Entries smaller than this are never refused for their ratio (tiny files compress well).
const RATIO_FLOOR_BYTES: u64 = 1 << 20;

/// The limits applied when an entry is read into memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest inflated size of one entry, in bytes.
    pub max_entry_bytes: u64,
    /// Largest inflated/compressed ratio of one entry.
    pub max_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entry_bytes: DEFAULT_MAX_ENTRY_BYTES,
            max_ratio: DEFAULT_MAX_RATIO,
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
                "entry inflates {} bytes to {} (ratio over {}:1): refused as a likely zip bomb",
                compressed, size, self.max_ratio
            ));
        }
        None
    }
}

/// Parses a size such as `4GiB`, `500MB`, `1048576` or `2G` into bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("'{text}' is not a size (examples: 4GiB, 500MB, 1048576)"))?;
    let factor: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "kib" => 1024.0,
        "m" | "mb" => 1e6,
        "mib" => 1024.0 * 1024.0,
        "g" | "gb" => 1e9,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        other => return Err(format!("unknown size unit '{other}' in '{text}'")),
    };
    let bytes = value * factor;
    if !(bytes.is_finite() && bytes >= 1.0) {
        return Err(format!("'{text}' must be at least one byte"));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("4GiB"), Ok(4 << 30));
        assert_eq!(parse_size("500MB"), Ok(500_000_000));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }

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
            max_ratio: 1000,
        };
        assert!(small.refusal(1001, 1001).is_some());
    }
}
