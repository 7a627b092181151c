//! Helpers shared by the integration tests: fixture paths, zipping a fixture folder, a
//! fresh temporary directory per test, the binary as a command, and row accessors.
#![allow(dead_code)]

pub mod rawzip;
/// The archive generator of the benchmarks (many accounts for the lake tests).
#[path = "../../../benches/support/synth.rs"]
pub mod synth;
pub mod xlsx;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use rapport::import::{ImportedArchive, LoadOptions, load};
use rapport::progress::Reporter;

/// The path of a fixture folder or file.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// A fresh temporary directory, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("rapport-test-")
        .tempdir()
        .expect("temporary directory")
}

/// The `rapport` binary as a command.
pub fn rapport() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("rapport").expect("binary");
    cmd.env_remove("RUST_LOG");
    cmd
}

/// Zips a folder into `dest` the way an export does: entries relative to the folder,
/// deflated, in name order. `skip` leaves out entries whose name starts with it.
pub fn zip_dir(dir: &Path, dest: &Path, skip: &[&str]) {
    let file = fs::File::create(dest).expect("create zip");
    let mut zip = ::zip::ZipWriter::new(file);
    let options = ::zip::write::SimpleFileOptions::default()
        .compression_method(::zip::CompressionMethod::Deflated);
    let mut files = Vec::new();
    collect(dir, &mut files);
    files.sort();
    for path in files {
        let name = path
            .strip_prefix(dir)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        if skip.iter().any(|s| name.starts_with(s)) {
            continue;
        }
        zip.start_file(name, options).expect("start entry");
        zip.write_all(&fs::read(&path).expect("read fixture file"))
            .expect("write entry");
    }
    zip.finish().expect("finish zip");
}

/// Writes a zip with the given entries (name, bytes), stored uncompressed.
pub fn zip_entries(dest: &Path, entries: &[(&str, &[u8])]) {
    let file = fs::File::create(dest).expect("create zip");
    let mut zip = ::zip::ZipWriter::new(file);
    let options = ::zip::write::SimpleFileOptions::default()
        .compression_method(::zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).expect("start entry");
        zip.write_all(bytes).expect("write entry");
    }
    zip.finish().expect("finish zip");
}

/// Copies a fixture folder into `dest`, to be changed by a test.
pub fn copy_dir(src: &Path, dest: &Path) {
    let mut files = Vec::new();
    collect(src, &mut files);
    for path in files {
        let target = dest.join(path.strip_prefix(src).expect("inside"));
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::copy(&path, &target).expect("copy");
    }
}

/// Every file below `dir`, sorted.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect(dir, &mut files);
    files.sort();
    files
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Loads archives through the library, as the binary does, without printing.
pub fn load_paths(paths: &[PathBuf]) -> Vec<ImportedArchive> {
    load(paths, LoadOptions::default(), &Reporter::silent()).expect("archives load")
}

/// Loads one archive.
pub fn load_one(path: PathBuf) -> ImportedArchive {
    load_paths(&[path]).into_iter().next().expect("one archive")
}

/// The index of the row whose `key` column equals `value`.
pub fn row(df: &DataFrame, key: &str, value: &str) -> usize {
    let column = df.column(key).expect("key column");
    let values = column.str().expect("string key");
    values
        .iter()
        .position(|v| v == Some(value))
        .unwrap_or_else(|| panic!("no row with {key} = {value}"))
}

/// A string cell.
pub fn s(df: &DataFrame, column: &str, i: usize) -> Option<String> {
    df.column(column)
        .expect("column")
        .str()
        .expect("string column")
        .get(i)
        .map(str::to_string)
}

/// A u64 cell.
pub fn u(df: &DataFrame, column: &str, i: usize) -> Option<u64> {
    df.column(column)
        .expect("column")
        .u64()
        .expect("u64 column")
        .get(i)
}

/// A u32 cell.
pub fn u32_at(df: &DataFrame, column: &str, i: usize) -> Option<u32> {
    df.column(column)
        .expect("column")
        .u32()
        .expect("u32 column")
        .get(i)
}

/// A datetime cell as milliseconds.
pub fn ms(df: &DataFrame, column: &str, i: usize) -> Option<i64> {
    df.column(column)
        .expect("column")
        .cast(&DataType::Int64)
        .expect("cast")
        .i64()
        .expect("i64")
        .get(i)
}

/// A list[str] cell.
pub fn list(df: &DataFrame, column: &str, i: usize) -> Vec<String> {
    let cell = df
        .column(column)
        .expect("column")
        .list()
        .expect("list column")
        .get_as_series(i)
        .expect("a list");
    cell.str()
        .expect("strings")
        .iter()
        .map(|v| v.unwrap_or_default().to_string())
        .collect()
}

/// Counts rows where `column` equals `value`.
pub fn count_where(df: &DataFrame, column: &str, value: &str) -> usize {
    df.column(column)
        .expect("column")
        .str()
        .expect("string column")
        .iter()
        .filter(|v| *v == Some(value))
        .count()
}

/// Milliseconds of an RFC 3339 time.
pub fn t(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .expect("time")
        .timestamp_millis()
}
