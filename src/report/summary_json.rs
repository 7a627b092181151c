//! `summary.json`: every headline figure under stable keys, what CI reads and gates on.

use std::path::Path;

use super::{Format, Output, Report, write_file};
use crate::error::{Error, Result};

/// The summary.json output.
pub struct SummaryJson;

impl Output for SummaryJson {
    fn format(&self) -> Format {
        Format::Json
    }

    fn main_file(&self) -> &'static str {
        "summary.json"
    }

    fn write(&self, report: &Report, dir: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(&report.summary)
            .map_err(|e| Error::Usage(format!("cannot serialize summary.json: {e}")))?;
        text.push('\n');
        write_file(dir, "summary.json", text.as_bytes())
    }
}
