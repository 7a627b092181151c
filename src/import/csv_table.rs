//! CSV files whose header may not be on the first line (LinkedIn's `Notes:` preamble) and
//! whose columns move between generations: the header is found by the names it must hold,
//! and every column is read by name, never by position.

use std::collections::HashMap;

/// How many records before the header may be a preamble.
const HEADER_SEARCH: usize = 10;

/// A CSV table read by column name.
pub struct Table {
    columns: HashMap<String, usize>,
    rows: Vec<csv::StringRecord>,
    /// Records that were not valid CSV, with the first error.
    pub broken_rows: (u64, Option<String>),
}

/// A header name as it is matched: trimmed, lower-case, spaces and underscores alike.
fn key(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace('_', " ")
}

impl Table {
    /// Parses `text`, taking as header the first of the first records that holds every
    /// column of `required` (matched without regard to case). `backslash_escapes` reads
    /// `\"` as a quote (LinkedIn's Comments.csv) besides the usual `""`.
    pub fn parse(text: &str, required: &[&str], backslash_escapes: bool) -> Result<Table, String> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .escape(backslash_escapes.then_some(b'\\'))
            .from_reader(text.as_bytes());
        let mut columns = None;
        let mut rows = Vec::new();
        let mut broken = (0u64, None);
        for (n, record) in reader.records().enumerate() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    if columns.is_none() && n < HEADER_SEARCH {
                        continue;
                    }
                    broken.0 += 1;
                    broken.1.get_or_insert_with(|| e.to_string());
                    continue;
                }
            };
            match &columns {
                Some(_) => rows.push(record),
                None if n < HEADER_SEARCH => {
                    let names: HashMap<String, usize> = record
                        .iter()
                        .enumerate()
                        .map(|(i, h)| (key(h), i))
                        .collect();
                    if required.iter().all(|r| names.contains_key(&key(r))) {
                        columns = Some(names);
                    }
                }
                None => break,
            }
        }
        let columns = columns.ok_or_else(|| {
            format!(
                "no header with the columns {} in the first {HEADER_SEARCH} lines",
                required.join(", ")
            )
        })?;
        Ok(Table {
            columns,
            rows,
            broken_rows: broken,
        })
    }

    /// Whether the header has this column.
    pub fn has(&self, column: &str) -> bool {
        self.columns.contains_key(&key(column))
    }

    /// The data rows.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |record| Row {
            table: self,
            record,
        })
    }

    /// How many data rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is no data row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// One data row.
pub struct Row<'a> {
    table: &'a Table,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The trimmed value of a column; `None` when the column is absent or the value empty.
    pub fn get(&self, column: &str) -> Option<&str> {
        let i = *self.table.columns.get(&key(column))?;
        self.record.get(i).map(str::trim).filter(|v| !v.is_empty())
    }

    /// The first of several columns that has a value.
    pub fn any(&self, columns: &[&str]) -> Option<&str> {
        columns.iter().find_map(|c| self.get(c))
    }

    /// The number of the record in the file (1-based, the header and any preamble counted),
    /// for messages. Records, not lines: a quoted field may span several lines.
    pub fn record_number(&self) -> u64 {
        self.record.position().map_or(0, |p| p.record() + 1)
    }

    /// Whether every value is empty but those of `except`.
    pub fn blank_except(&self, except: &[&str]) -> bool {
        let kept: Vec<usize> = except
            .iter()
            .filter_map(|c| self.table.columns.get(&key(c)).copied())
            .collect();
        self.record
            .iter()
            .enumerate()
            .all(|(i, v)| kept.contains(&i) || v.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notes_preamble_is_skipped() {
        let text = "Notes:\n\"When exporting your connection data, you may notice that some, of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Example,https://www.linkedin.com/in/ada,,\"Acme, Inc.\",Engineer,30 May 2024\n";
        let t = Table::parse(text, &["First Name", "Connected On"], false).unwrap();
        let row = t.rows().next().unwrap();
        assert_eq!(row.get("company"), Some("Acme, Inc."));
        assert_eq!(row.get("Email Address"), None);
        // Records: `Notes:`, the quoted note, the header, then this row (blank lines are none).
        assert_eq!(row.record_number(), 4);
    }

    #[test]
    fn backslash_escaped_quotes_read_in_comments() {
        let text =
            "Date,Link,Message\n2024-01-01 10:00:00,https://x,\"He said \\\"yes\\\", then left\"\n";
        let t = Table::parse(text, &["Date", "Message"], true).unwrap();
        assert_eq!(
            t.rows().next().unwrap().get("Message"),
            Some("He said \"yes\", then left")
        );
    }

    #[test]
    fn a_missing_header_is_an_error_naming_the_columns() {
        let err = Table::parse("a,b\n1,2\n", &["First Name"], false)
            .err()
            .unwrap();
        assert!(err.contains("First Name"));
    }
}
