//! The post analytics workbook LinkedIn offers a creator (sheets `DISCOVERY`, `ENGAGEMENT`,
//! `TOP POSTS`, ...). Its `TOP POSTS` sheet holds two tables side by side, top posts by
//! engagements and by impressions; they join the shares by the post's number where it
//! matches, else by publish date where exactly one share was published that day. A row
//! that matches no share is counted, never attached by guess.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx, open_workbook_from_rs};

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

/// Whether a workbook's sheets are those of the post analytics export (the sheet names
/// only: no cell is read).
pub fn is_analytics(bytes: &[u8]) -> bool {
    open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))
        .map(|wb| wb.sheet_names().iter().any(|s| s == TOP_POSTS))
        .unwrap_or(false)
}

/// One cell's value, as far as this reader needs it.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Int(i64),
    Float(f64),
    /// An Excel serial day (days since 1899-12-30).
    Day(f64),
}

impl Cell {
    fn of(value: &DataRef<'_>) -> Option<Cell> {
        Some(match value {
            DataRef::String(s) | DataRef::DateTimeIso(s) => Cell::Text(s.clone()),
            DataRef::SharedString(s) => Cell::Text((*s).to_string()),
            DataRef::Int(i) => Cell::Int(*i),
            DataRef::Float(f) => Cell::Float(*f),
            DataRef::DateTime(d) => Cell::Day(d.as_f64()),
            _ => return None,
        })
    }
}

fn cell_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Cell::Int(i) => Some(i.to_string()),
        Cell::Float(f) | Cell::Day(f) => Some(f.to_string()),
    }
}

fn cell_count(cell: &Cell) -> Option<u64> {
    match cell {
        Cell::Int(i) => u64::try_from(*i).ok(),
        Cell::Float(f) if *f >= 0.0 && f.fract() == 0.0 && *f < 1e18 => Some(*f as u64),
        Cell::Text(s) => s.trim().replace(',', "").parse().ok(),
        _ => None,
    }
}

fn cell_day(cell: &Cell) -> Option<i64> {
    match cell {
        Cell::Day(d) | Cell::Float(d) => excel_day(*d),
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

/// The cells of a sheet that hold a value, by row then column. Only cells that exist are
/// kept: a sheet with one cell at A1 and one at XFD1048576 is two cells, not the 17
/// billion of a dense grid.
type Rows = BTreeMap<u32, BTreeMap<u32, Cell>>;

fn sheet_cells(wb: &mut Xlsx<Cursor<&[u8]>>) -> Result<Rows, String> {
    let mut reader = wb
        .worksheet_cells_reader(TOP_POSTS)
        .map_err(|e| format!("no readable `{TOP_POSTS}` sheet: {e}"))?;
    let mut rows = Rows::new();
    loop {
        let cell = reader
            .next_cell()
            .map_err(|e| format!("the `{TOP_POSTS}` sheet cannot be read: {e}"))?;
        let Some(cell) = cell else {
            return Ok(rows);
        };
        if let Some(value) = Cell::of(cell.get_value()) {
            let (row, column) = cell.get_position();
            rows.entry(row).or_default().insert(column, value);
        }
    }
}

/// The largest column (XFD) and row numbers a workbook can hold.
const MAX_COLUMN_LETTERS: usize = 3;
const MAX_ROW: u64 = 1_048_576;

/// Checks every cell reference (`r="B7"`, `ref="A1:C9"`, `sqref="..."`) in the sheets of a
/// workbook before the spreadsheet library reads them: one that no spreadsheet can hold
/// (`AAAAAAAAAA1`, row 99999999999) is refused here, where the library would overflow.
/// The workbook's entries must have passed [`crate::archive::check_nested`] (their sizes
/// are bounded).
fn check_references(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable XLSX workbook: {e}"))?;
    for index in 0..zip.len() {
        let mut file = zip
            .by_index(index)
            .map_err(|e| format!("not a readable XLSX workbook: {e}"))?;
        let name = String::from_utf8_lossy(file.name_raw()).into_owned();
        if !name.starts_with("xl/worksheets/") {
            continue;
        }
        let mut xml = Vec::new();
        file.read_to_end(&mut xml)
            .map_err(|e| format!("not a readable XLSX workbook: {e}"))?;
        for attribute in [&b" r=\""[..], b" ref=\"", b" sqref=\""] {
            for at in memchr::memmem::find_iter(&xml, attribute) {
                let value = &xml[at + attribute.len()..];
                let end = memchr::memchr(b'"', value).unwrap_or(value.len());
                let value = &value[..end];
                let bad = value
                    .split(|&b| b == b':' || b == b' ')
                    .find(|reference| !is_cell_reference(reference));
                if let Some(bad) = bad {
                    return Err(format!(
                        "{}: cell reference {:?} is not one a spreadsheet can hold",
                        crate::error::one_line(&name),
                        crate::error::one_line(&String::from_utf8_lossy(bad))
                    ));
                }
            }
        }
    }
    Ok(())
}

/// `B7`, `$B$7`, `B` (a whole column) or `7` (a whole row), within XFD1048576.
fn is_cell_reference(reference: &[u8]) -> bool {
    let plain: Vec<u8> = reference.iter().copied().filter(|&b| b != b'$').collect();
    let letters = plain.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &plain[letters..];
    let column_ok = letters <= MAX_COLUMN_LETTERS
        && (letters < MAX_COLUMN_LETTERS
            || plain[..letters].to_ascii_uppercase() <= b"XFD".to_vec());
    let row_ok = digits.iter().all(u8::is_ascii_digit)
        && digits.len() <= 7
        && (digits.is_empty()
            || std::str::from_utf8(digits)
                .ok()
                .and_then(|d| d.parse::<u64>().ok())
                .is_some_and(|row| (1..=MAX_ROW).contains(&row)));
    !plain.is_empty() && column_ok && row_ok
}

/// Reads the `TOP POSTS` sheet. A workbook without it, or whose header row is not found,
/// is an error naming what is missing.
pub fn parse(bytes: &[u8]) -> Result<Vec<TopPost>, String> {
    check_references(bytes)?;
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("not a readable XLSX workbook: {e}"))?;
    let rows = sheet_cells(&mut wb)?;
    let text_at = |row: &BTreeMap<u32, Cell>, column: u32| row.get(&column).and_then(cell_text);
    let (&header, names) = rows
        .iter()
        .find(|(_, r)| {
            r.values()
                .any(|c| cell_text(c).as_deref() == Some("Post URL"))
        })
        .ok_or_else(|| format!("no `Post URL` header in the `{TOP_POSTS}` sheet"))?;
    // Each table starts at a `Post URL` column: (url, date, value, is_impressions).
    let tables: Vec<(u32, bool)> = names
        .iter()
        .filter(|(_, c)| cell_text(c).as_deref() == Some("Post URL"))
        .map(|(&column, _)| {
            let impressions = column
                .checked_add(2)
                .and_then(|value| text_at(names, value))
                .is_some_and(|n| n.eq_ignore_ascii_case("Impressions"));
            (column, impressions)
        })
        .collect();
    let mut by_url: HashMap<String, TopPost> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for (_, row) in rows.range(header.saturating_add(1)..) {
        for &(start, impressions) in &tables {
            let Some(url) = text_at(row, start) else {
                continue;
            };
            let entry = by_url.entry(url.clone()).or_insert_with(|| {
                order.push(url.clone());
                TopPost {
                    number: urn_number(&url),
                    ..TopPost::default()
                }
            });
            let cell = |offset: u32| start.checked_add(offset).and_then(|c| row.get(&c));
            entry.day = entry.day.or_else(|| cell(1).and_then(cell_day));
            let value = cell(2).and_then(cell_count);
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
    fn cell_references_are_those_a_spreadsheet_can_hold() {
        for ok in ["A1", "$B$7", "XFD1048576", "xfd1", "C", "7", "AA10"] {
            assert!(is_cell_reference(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "",
            "XFE1",
            "AAAA1",
            "A0",
            "A1048577",
            "A99999999999",
            "A1B",
            "A-1",
            "$",
        ] {
            assert!(!is_cell_reference(bad.as_bytes()), "{bad}");
        }
    }

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
