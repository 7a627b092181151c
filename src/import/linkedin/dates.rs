//! The date formats of LinkedIn's CSV files, all UTC and English (docs/formats.md).

use chrono::{NaiveDate, NaiveDateTime};

const DATE_TIMES: &[&str] = &[
    "%Y-%m-%d %H:%M:%S", // Shares, Comments, Reactions; messages 2021+ with " UTC" removed
    "%Y-%m-%dT%H:%M:%S", // messages 2019-2020
    "%m/%d/%y, %I:%M %p", // 2018 messages, invitations, connections
    "%a %b %d %H:%M:%S UTC %Y",
    "%Y-%m-%d %H:%M",
];

const DATES: &[&str] = &[
    "%d %b %Y", // Connected On: 30 May 2024
    "%m/%d/%Y", // analytics workbook
    "%Y-%m-%d",
    "%b %d, %Y",
];

/// Milliseconds since the epoch of a LinkedIn date or date and time; a date alone is
/// 00:00 UTC of that day. `None` when it is not a plausible record time
/// ([`crate::import::text::plausible`]).
pub fn parse(text: &str) -> Option<i64> {
    let t = text.trim();
    let t = t.strip_suffix(" UTC").unwrap_or(t);
    let t = t.split_once('.').map_or(t, |(whole, fraction)| {
        if fraction.chars().all(|c| c.is_ascii_digit()) {
            whole
        } else {
            t
        }
    });
    DATE_TIMES
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .or_else(|| {
            DATES
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
        .map(|d| d.and_utc().timestamp_millis())
        .and_then(crate::import::text::plausible)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(s: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn every_generation_parses() {
        assert_eq!(parse("30 May 2024"), Some(ms("2024-05-30T00:00:00Z")));
        assert_eq!(parse("03 May 2024"), Some(ms("2024-05-03T00:00:00Z")));
        assert_eq!(parse("1/8/18, 6:14 PM"), Some(ms("2018-01-08T18:14:00Z")));
        assert_eq!(
            parse("2023-06-11 15:33:58 UTC"),
            Some(ms("2023-06-11T15:33:58Z"))
        );
        assert_eq!(
            parse("2019-11-06T02:08:20"),
            Some(ms("2019-11-06T02:08:20Z"))
        );
        assert_eq!(
            parse("2025-11-19 09:59:30"),
            Some(ms("2025-11-19T09:59:30Z"))
        );
        assert_eq!(
            parse("Sat Sep 05 08:12:14 UTC 2026"),
            Some(ms("2026-09-05T08:12:14Z"))
        );
        assert_eq!(parse("11/04/2025"), Some(ms("2025-11-04T00:00:00Z")));
        assert_eq!(parse("last week"), None);
    }
}
