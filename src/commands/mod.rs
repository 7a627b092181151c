//! One file per subcommand: what it reads, what it prints or writes.

pub mod analyze;
pub mod import;
pub mod inspect;

use crate::error::{EXIT_OK, Error};
use crate::import::ImportedArchive;

/// With `--strict`, exit 3 (after the output is written) when anything was not read.
fn strict_exit(strict: bool, archives: &[ImportedArchive]) -> Result<i32, Error> {
    if !strict {
        return Ok(EXIT_OK);
    }
    let unread: Vec<String> = archives
        .iter()
        .filter(|a| a.coverage.unread_total() > 0)
        .map(|a| {
            format!(
                "{} ({} records or files not read)",
                a.label,
                a.coverage.unread_total()
            )
        })
        .collect();
    if unread.is_empty() {
        Ok(EXIT_OK)
    } else {
        Err(Error::Strict(format!(
            "not everything was read: {}",
            unread.join("; ")
        )))
    }
}
