//! Sizes on the command line (`--max-entry-size 4GiB`): a value parser for clap.

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

    proptest::proptest! {
        #[test]
        fn sizes_never_panic_and_units_scale(n in 1u64..1_000_000, text in ".{0,12}") {
            let _ = parse_size(&text);
            proptest::prop_assert_eq!(parse_size(&format!("{n}KiB")), Ok(n * 1024));
            proptest::prop_assert_eq!(parse_size(&format!("{n}MB")), Ok(n * 1_000_000));
        }
    }
}
