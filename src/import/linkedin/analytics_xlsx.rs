//! The post analytics workbook LinkedIn offers a creator (sheets `DISCOVERY`, `ENGAGEMENT`,
//! `TOP POSTS`, ...). Its `TOP POSTS` sheet holds two tables side by side, top posts by
//! engagements and by impressions; they join the shares by the post's number where it
//! matches, else by publish date where exactly one share was published that day. A row
//! that matches no share is counted, never attached by guess.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use super::dates;
use crate::model::PostRow;

/// The sheet that makes a workbook a LinkedIn post analytics export.
const TOP_POSTS: &str = "TOP POSTS";

/// One post's figures from the workbook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopPost {
    /// The number of the URN in the post URL (`urn:li:activity:7190...` -> `7190...`).
    pub number: Option<String>,
    /// The publish day, ms at 00:00 UTC.
    pub day: Option<i64>,
    /// Engagements, where the first table lists the post.
    pub engagements: Option<u64>,
    /// Impressions, where the second table lists the post.
    pub impressions: Option<u64>,
}

/// Whether a workbook's sheets are those of the post analytics export.
pub fn is_analytics(bytes: &[u8]) -> bool {
    open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))
        .map(|wb| wb.sheet_names().iter().any(|s| s == TOP_POSTS))
        .unwrap_or(false)
}

fn cell_text(cell: &Data) -> Option<String> {
    match cell {
        Data::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Data::Int(i) => Some(i.to_string()),
        Data::Float(f) => Some(f.to_string()),
        Data::DateTimeIso(s) => Some(s.clone()),
        _ => None,
    }
}

fn cell_count(cell: &Data) -> Option<u64> {
    match cell {
        Data::Int(i) => u64::try_from(*i).ok(),
        Data::Float(f) if *f >= 0.0 && f.fract() == 0.0 => Some(*f as u64),
        Data::String(s) => s.trim().replace(',', "").parse().ok(),
        _ => None,
    }
}

fn cell_day(cell: &Data) -> Option<i64> {
    match cell {
        // Excel's serial day: days since 1899-12-30.
        Data::DateTime(d) => excel_day(d.as_f64()),
        Data::Float(f) => excel_day(*f),
        other => cell_text(other).and_then(|t| dates::parse(&t)),
    }
}

/// An Excel serial day (days since 1899-12-30) as ms at 00:00 UTC; `None` for a number
/// that is not a plausible record day ([`crate::import::text::plausible`]), NaN included.
fn excel_day(serial: f64) -> Option<i64> {
    let days = (serial - 25_569.0).floor();
    (days.is_finite() && days.abs() < 3_000_000.0)
        .then(|| days as i64 * 86_400_000)
        .and_then(crate::import::text::plausible)
}

/// The digits of the URN in a post URL.
pub fn urn_number(url: &str) -> Option<String> {
    let decoded = url.replace("%3A", ":").replace("%3a", ":");
    let after = decoded.split("urn:li:").nth(1)?;
    let digits: String = after
        .split(':')
        .nth(1)?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then_some(digits)
}

/// Reads the `TOP POSTS` sheet. A workbook without it, or whose header row is not found,
/// is an error naming what is missing.
pub fn parse(bytes: &[u8]) -> Result<Vec<TopPost>, String> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("not a readable XLSX workbook: {e}"))?;
    let range = wb
        .worksheet_range(TOP_POSTS)
        .map_err(|e| format!("no readable `{TOP_POSTS}` sheet: {e}"))?;
    let rows: Vec<&[Data]> = range.rows().collect();
    let header = rows
        .iter()
        .position(|r| {
            r.iter()
                .any(|c| cell_text(c).as_deref() == Some("Post URL"))
        })
        .ok_or_else(|| format!("no `Post URL` header in the `{TOP_POSTS}` sheet"))?;
    let names: Vec<Option<String>> = rows[header].iter().map(cell_text).collect();
    // Each table starts at a `Post URL` column: (url, date, value, is_impressions).
    let tables: Vec<(usize, bool)> = names
        .iter()
        .enumerate()
        .filter(|(_, n)| n.as_deref() == Some("Post URL"))
        .map(|(i, _)| {
            let impressions = names
                .get(i + 2)
                .and_then(|n| n.as_deref())
                .is_some_and(|n| n.eq_ignore_ascii_case("Impressions"));
            (i, impressions)
        })
        .collect();
    let mut by_url: HashMap<String, TopPost> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for row in rows.iter().skip(header + 1) {
        for &(start, impressions) in &tables {
            let Some(url) = row.get(start).and_then(cell_text) else {
                continue;
            };
            let entry = by_url.entry(url.clone()).or_insert_with(|| {
                order.push(url.clone());
                TopPost {
                    number: urn_number(&url),
                    ..TopPost::default()
                }
            });
            entry.day = entry.day.or_else(|| row.get(start + 1).and_then(cell_day));
            let value = row.get(start + 2).and_then(cell_count);
            if impressions {
                entry.impressions = value;
            } else {
                entry.engagements = value;
            }
        }
    }
    Ok(order
        .into_iter()
        .filter_map(|u| by_url.remove(&u))
        .collect())
}

/// Joins the figures to the shares; returns (joined, unmatched).
pub fn join(posts: &mut [PostRow], top: &[TopPost]) -> (u64, u64) {
    let day = |ms: i64| ms.div_euclid(86_400_000) * 86_400_000;
    let mut joined = 0;
    let mut unmatched = 0;
    for t in top {
        let by_number = t.number.as_ref().and_then(|n| {
            posts
                .iter()
                .position(|p| urn_number(&p.post_id).as_ref() == Some(n))
        });
        let by_day = || {
            let d = t.day?;
            let same: Vec<usize> = posts
                .iter()
                .enumerate()
                .filter(|(_, p)| day(p.created_at) == d)
                .map(|(i, _)| i)
                .collect();
            (same.len() == 1).then(|| same[0])
        };
        match by_number.or_else(by_day) {
            Some(i) => {
                let post = &mut posts[i];
                post.engagements = t.engagements.or(post.engagements);
                post.impressions = t.impressions.or(post.impressions);
                joined += 1;
            }
            None => unmatched += 1,
        }
    }
    (joined, unmatched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_days_no_calendar_holds_are_none_not_an_overflow() {
        // 45413 is 2024-05-01.
        assert_eq!(excel_day(45_413.5), Some(1_714_521_600_000));
        // Once `days as i64 * 86_400_000` overflowed (a panic in debug builds).
        for serial in [1e300, -1e300, f64::NAN, f64::INFINITY, 1.0, 80_000.0] {
            assert_eq!(excel_day(serial), None, "{serial}");
        }
    }

    #[test]
    fn urn_numbers_come_out_of_urls_and_ids() {
        assert_eq!(
            urn_number("https://www.linkedin.com/feed/update/urn:li:activity:7190000000000000001/")
                .as_deref(),
            Some("7190000000000000001")
        );
        assert_eq!(urn_number("urn:li:ugcPost:72").as_deref(), Some("72"));
        assert_eq!(urn_number("https://example.com"), None);
    }
}
