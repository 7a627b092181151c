//! `tables/<name>.csv`: the table behind every chart and list, one file each, with a header.

use std::path::Path;

use super::{Format, Output, Report, write_file};
use crate::analysis::table::Table;
use crate::error::{Error, Result};

/// The CSV tables output.
pub struct TablesCsv;

/// A table as CSV text (RFC 4180 quoting, `\n` line ends).
pub fn to_csv(table: &Table) -> Result<Vec<u8>> {
    let fail = |e: csv::Error| Error::Usage(format!("tables/{}.csv: {e}", table.name));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(&table.columns).map_err(fail)?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|c| c.to_string()))
            .map_err(fail)?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::Usage(format!("tables/{}.csv: {e}", table.name)))
}

impl Output for TablesCsv {
    fn format(&self) -> Format {
        Format::Csv
    }

    fn main_file(&self) -> &'static str {
        "tables"
    }

    fn write(&self, report: &Report, dir: &Path) -> Result<()> {
        for table in &report.tables {
            write_file(dir, &format!("tables/{}.csv", table.name), &to_csv(table)?)?;
        }
        Ok(())
    }
}
