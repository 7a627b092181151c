//! The dataset as Parquet files in a Hive layout:
//! `<dir>/<frame>/platform=<platform>/account=<account>/part-0.parquet`.
//!
//! The partition columns live in the path, as Hive, DuckDB, Spark and polars expect, so
//! `platform` is not repeated inside the files; reading puts it back.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::schema::{self, FRAMES};
use super::{Dataset, Platform};

/// One account's dataset and where it goes in the layout.
pub struct Partition<'a> {
    /// The platform of every row.
    pub platform: Platform,
    /// The account id (made safe for a path by [`partition_value`]).
    pub account: &'a str,
    /// The rows.
    pub dataset: &'a Dataset,
}

/// Makes a value safe as a Hive path component: anything but ASCII letters, digits, `-`,
/// `_` and `.` becomes `_`, and an empty value is `unknown`.
pub fn partition_value(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '.') {
        "unknown".to_string()
    } else {
        cleaned
    }
}

/// Writes each partition's five frames under `dir`, which must exist.
/// Returns the files written, in order.
pub fn write(dir: &Path, partitions: &[Partition<'_>]) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for partition in partitions {
        for (name, frame) in partition.dataset.frames() {
            let folder = dir
                .join(name)
                .join(format!("platform={}", partition.platform.as_str()))
                .join(format!("account={}", partition_value(partition.account)));
            fs::create_dir_all(&folder)?;
            let path = folder.join("part-0.parquet");
            write_frame(&path, frame)?;
            written.push(path);
        }
    }
    Ok(written)
}

/// Reads a directory written by [`write`] back into one dataset, partitions in name order.
pub fn read(dir: &Path) -> PolarsResult<Dataset> {
    let mut dataset = Dataset::empty();
    for (name, spec) in FRAMES {
        let mut frame = DataFrame::empty_with_schema(&schema::schema(spec));
        for (platform, path) in partition_files(&dir.join(name))? {
            frame.vstack_mut_owned(read_frame(&path, spec, &platform)?)?;
        }
        frame.rechunk_mut();
        dataset.set_frame(name, frame);
    }
    Ok(dataset)
}

/// Writes one frame as a Parquet file at `path`, without its `platform` column (the
/// partition's path says it).
pub fn write_frame(path: &Path, frame: &DataFrame) -> std::io::Result<()> {
    let mut body = frame.drop("platform").map_err(std::io::Error::other)?;
    let file = File::create(path)?;
    ParquetWriter::new(file)
        .with_statistics(StatisticsOptions::full())
        .finish(&mut body)
        .map_err(std::io::Error::other)?;
    Ok(())
}

/// Reads one Parquet file of a frame written by [`write_frame`], its `platform` put back.
pub fn read_frame(
    path: &Path,
    spec: &[schema::ColumnSpec],
    platform: &str,
) -> PolarsResult<DataFrame> {
    let file = File::open(path)?;
    let body = ParquetReader::new(file).finish()?;
    let height = body.height();
    let mut columns = Vec::with_capacity(spec.len());
    for column in spec {
        if column.name == "platform" {
            columns.push(Column::new_scalar(
                "platform".into(),
                Scalar::new(
                    DataType::String,
                    AnyValue::StringOwned(platform.to_string().into()),
                ),
                height,
            ));
        } else if column.nullable && body.column(column.name).is_err() {
            // A column added since the dataset was written (one that may be null, such as
            // `accounts.time_zone`) reads as unknown: older datasets stay readable.
            columns.push(Column::full_null(
                column.name.into(),
                height,
                &column.kind.dtype(),
            ));
        } else {
            columns.push(body.column(column.name)?.cast(&column.kind.dtype())?);
        }
    }
    DataFrame::new(height, columns)
}

/// The Parquet files of one frame, with their platform, sorted by path.
fn partition_files(frame_dir: &Path) -> PolarsResult<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    if !frame_dir.is_dir() {
        return Ok(found);
    }
    for platform_dir in sorted_dir(frame_dir)? {
        let Some(platform) = hive_value(&platform_dir, "platform") else {
            continue;
        };
        for account_dir in sorted_dir(&platform_dir)? {
            if hive_value(&account_dir, "account").is_none() {
                continue;
            }
            for file in sorted_dir(&account_dir)? {
                if file.extension().is_some_and(|e| e == "parquet") {
                    found.push((platform.clone(), file));
                }
            }
        }
    }
    Ok(found)
}

/// The entries of a folder, sorted by path.
pub(crate) fn sorted_dir(dir: &Path) -> PolarsResult<Vec<PathBuf>> {
    let mut paths = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()?;
    paths.sort();
    Ok(paths)
}

fn hive_value(dir: &Path, key: &str) -> Option<String> {
    let name = dir.file_name()?.to_str()?;
    name.strip_prefix(key)?
        .strip_prefix('=')
        .map(str::to_string)
}

/// Whether `dir` looks like the output of `rapport import`.
pub fn is_dataset_dir(dir: &Path) -> bool {
    dir.join("posts").is_dir() && dir.join("accounts").is_dir()
}
