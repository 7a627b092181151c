//! Which platform and generation an archive holds, from its entries.

use crate::archive::Archive;
use crate::error::{Error, Result};

use super::{Detection, IMPORTERS, Importer, platform_titles};

/// How many entry names an "unknown archive" error lists.
const NAMES_SHOWN: usize = 8;

/// Asks every importer; the first that recognises the archive reads it.
pub fn detect(archive: &Archive) -> Result<(&'static dyn Importer, Detection)> {
    for importer in IMPORTERS {
        if let Some(detection) = importer.detect(archive) {
            return Ok((*importer, detection));
        }
    }
    let entries = archive.entries();
    let mut names: Vec<&str> = entries
        .iter()
        .take(NAMES_SHOWN)
        .map(|e| e.name.as_str())
        .collect();
    if entries.is_empty() {
        return Err(Error::archive(
            archive.label(),
            format!("the archive is empty: not a {} export", platform_titles()),
        ));
    }
    let more = entries.len().saturating_sub(NAMES_SHOWN);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    names.sort_unstable();
    Err(Error::archive(
        archive.label(),
        format!(
            "not a {} export (saw: {}{more})",
            platform_titles(),
            names.join(", ")
        ),
    ))
}
