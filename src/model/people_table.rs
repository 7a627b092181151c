//! The people table of a dataset written by `rapport import`: which accounts of different
//! platforms are one person, and why, so that datasets of many accounts keep the links
//! (`<dir>/people/part-0.parquet`, not partitioned: a person spans platforms).
//!
//! | column | type | meaning |
//! |---|---|---|
//! | person_id | u32 | the person, numbered from 1 in the order of their names |
//! | person | str | the person's name |
//! | platform | str | |
//! | counterpart_id | str | one account of the person, as in `interactions` |
//! | evidence | str | `same_name` or `people_file` |

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use polars::prelude::*;

/// One account of one linked person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    /// The person, numbered from 1.
    pub person_id: u32,
    /// The person's name.
    pub person: String,
    /// The platform of the account.
    pub platform: String,
    /// The account.
    pub counterpart_id: String,
    /// Why the person's accounts are linked (`same_name`, `people_file`).
    pub evidence: String,
}

/// The folder of the table inside a dataset.
pub const PEOPLE_DIR: &str = "people";

/// Writes the table under `dir` (which must exist); the file written.
pub fn write(dir: &Path, rows: &[PersonRow]) -> std::io::Result<PathBuf> {
    let folder = dir.join(PEOPLE_DIR);
    fs::create_dir_all(&folder)?;
    let path = folder.join("part-0.parquet");
    let column = |name: &str, values: Vec<&str>| Column::new(name.into(), values);
    let mut frame = DataFrame::new(
        rows.len(),
        vec![
            Column::new(
                "person_id".into(),
                rows.iter().map(|r| r.person_id).collect::<Vec<u32>>(),
            ),
            column("person", rows.iter().map(|r| r.person.as_str()).collect()),
            column(
                "platform",
                rows.iter().map(|r| r.platform.as_str()).collect(),
            ),
            column(
                "counterpart_id",
                rows.iter().map(|r| r.counterpart_id.as_str()).collect(),
            ),
            column(
                "evidence",
                rows.iter().map(|r| r.evidence.as_str()).collect(),
            ),
        ],
    )
    .map_err(std::io::Error::other)?;
    ParquetWriter::new(File::create(&path)?)
        .finish(&mut frame)
        .map_err(std::io::Error::other)?;
    Ok(path)
}

/// Reads the table of a dataset; none when the dataset has no table (written before links,
/// or of one platform).
pub fn read(dir: &Path) -> PolarsResult<Vec<PersonRow>> {
    let path = dir.join(PEOPLE_DIR).join("part-0.parquet");
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let frame = ParquetReader::new(File::open(&path)?).finish()?;
    let id = frame.column("person_id")?.cast(&DataType::UInt32)?;
    let id = id.u32()?;
    let text = |name: &str| -> PolarsResult<Vec<Option<String>>> {
        Ok(frame
            .column(name)?
            .str()?
            .iter()
            .map(|v| v.map(str::to_string))
            .collect())
    };
    let (person, platform) = (text("person")?, text("platform")?);
    let (counterpart, evidence) = (text("counterpart_id")?, text("evidence")?);
    let mut rows = Vec::with_capacity(frame.height());
    for i in 0..frame.height() {
        let (Some(person_id), Some(platform), Some(counterpart_id)) =
            (id.get(i), platform[i].clone(), counterpart[i].clone())
        else {
            continue;
        };
        rows.push(PersonRow {
            person_id,
            person: person[i].clone().unwrap_or_default(),
            platform,
            counterpart_id,
            evidence: evidence[i].clone().unwrap_or_default(),
        });
    }
    Ok(rows)
}
