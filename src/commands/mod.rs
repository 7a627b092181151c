//! One file per subcommand: what it reads, what it prints or writes.

pub mod analyze;
pub mod import;
pub mod inspect;
pub mod lake;
pub mod people;
pub mod size;

use std::path::PathBuf;

use clap::Args;

use crate::archive::Limits;
use crate::archive::limits;
use crate::error::{EXIT_OK, Error};
use crate::import::{ImportedArchive, LoadOptions};
use size::parse_size;

/// Archives (required) and how to read them, for `inspect` and `import`.
#[derive(Debug, Args)]
pub struct InputOptions {
    /// Archives: a `.zip`, several `.zip` parts of one export, an unpacked folder, or an
    /// extra file such as a `tweet_activity_metrics_*.csv` analytics export.
    #[arg(value_name = "ARCHIVE", required = true)]
    pub archives: Vec<PathBuf>,

    /// How to read them.
    #[command(flatten)]
    pub read: ReadOptions,
}

impl std::ops::Deref for InputOptions {
    type Target = ReadOptions;
    fn deref(&self) -> &ReadOptions {
        &self.read
    }
}

/// How archives are read; every subcommand that reads archives shares these.
#[derive(Debug, Args)]
pub struct ReadOptions {
    /// Refuse any archive entry that inflates past this size (e.g. 4GiB, 500MB).
    #[arg(long, value_name = "SIZE", default_value = "4GiB", value_parser = parse_size,
          help_heading = "Limits")]
    pub max_entry_size: u64,

    /// Refuse an entry (over 1 MiB) that inflates more than this many times its compressed size.
    #[arg(long, value_name = "RATIO", default_value_t = limits::DEFAULT_MAX_RATIO,
          value_parser = clap::value_parser!(u64).range(1..), help_heading = "Limits")]
    pub max_entry_ratio: u64,

    /// Stop reading an archive (all its parts) once its entries inflate past this size in all.
    #[arg(long, value_name = "SIZE", default_value = "8GiB", value_parser = parse_size,
          help_heading = "Limits")]
    pub max_total_size: u64,

    /// Refuse an archive (over 256 MiB inflated) whose entries inflate more than this many
    /// times its size on disk; real exports inflate about 10 times.
    #[arg(long, value_name = "RATIO", default_value_t = limits::DEFAULT_MAX_ARCHIVE_RATIO,
          value_parser = clap::value_parser!(u64).range(1..), help_heading = "Limits")]
    pub max_archive_ratio: u64,

    /// Refuse an archive or folder with more entries than this.
    #[arg(long, value_name = "N", default_value_t = limits::DEFAULT_MAX_ENTRIES,
          value_parser = clap::value_parser!(u64).range(1..), help_heading = "Limits")]
    pub max_entries: u64,

    /// Refuse a JSON file whose arrays and objects nest deeper than this.
    #[arg(long, value_name = "N", default_value_t = limits::DEFAULT_MAX_DEPTH,
          value_parser = parse_depth, help_heading = "Limits")]
    pub max_depth: usize,

    /// Fail (exit 3) when any record or optional file of an archive could not be read.
    #[arg(long)]
    pub strict: bool,

    /// Print no progress and no summary line; warnings and errors still go to stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

impl ReadOptions {
    /// How archives are opened.
    pub fn load_options(&self) -> LoadOptions {
        LoadOptions {
            limits: Limits {
                max_entry_bytes: self.max_entry_size,
                max_ratio: self.max_entry_ratio,
                max_total_bytes: self.max_total_size,
                max_archive_ratio: self.max_archive_ratio,
                max_entries: self.max_entries,
                max_depth: self.max_depth,
            },
        }
    }
}

/// A nesting depth from 1 to 100 (the JSON parser's own recursion limit is 128).
fn parse_depth(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(depth) if (1..=100).contains(&depth) => Ok(depth),
        _ => Err(format!("'{text}' is not a depth from 1 to 100")),
    }
}

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
