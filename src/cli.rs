//! The command line: one clap struct per subcommand, and the dispatch to `commands::*`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::archive::Limits;
use crate::archive::limits::{self, parse_size};
use crate::commands;
use crate::error::Error;
use crate::import::LoadOptions;
use crate::progress::Reporter;

/// Read your Twitter/X, LinkedIn, Facebook, Instagram and Mastodon archives and learn what
/// builds your relationships online.
#[derive(Debug, Parser)]
#[command(name = "rapport", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what is inside archives: platform, generation, files, counts, time ranges.
    Inspect(Inspect),
    /// Write the common dataframes as Parquet in a Hive layout.
    Import(Import),
    /// Measure what drives engagement and relationships; write the report (and gate CI).
    Analyze(Analyze),
}

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

/// `rapport inspect`.
#[derive(Debug, Args)]
pub struct Inspect {
    /// Archives and how to read them.
    #[command(flatten)]
    pub input: InputOptions,

    /// Print one JSON object on stdout instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `rapport import`.
#[derive(Debug, Args)]
pub struct Import {
    /// Archives and how to read them.
    #[command(flatten)]
    pub input: InputOptions,

    /// The directory to write: `<frame>/platform=<p>/account=<id>/part-0.parquet`.
    /// An existing rapport dataset there is replaced whole; any other directory is refused.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// `rapport analyze`.
#[derive(Debug, Args)]
pub struct Analyze {
    /// Archives (as for `inspect`), or a Parquet dataset written by `rapport import`.
    /// With none, the sample archives in `fixtures/` are analyzed.
    #[arg(value_name = "ARCHIVE")]
    pub archives: Vec<PathBuf>,

    /// How to read them.
    #[command(flatten)]
    pub read: ReadOptions,

    /// The report directory [default: reports/<archive name>/]. An earlier report there is
    /// replaced whole, and only once the new one is complete.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Start of the period: this day at 00:00 in --tz (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// End of the period: the end of this day in --tz (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// The period is this quarter, e.g. 2025Q3 (not with --since/--until).
    #[arg(long, value_name = "YYYYQN")]
    pub quarter: Option<String>,

    /// Also compute every figure for the previous period of the same length, and the change.
    #[arg(long)]
    pub compare_previous: bool,

    /// Time zone for hours, weekdays, weeks, months and dates (IANA name).
    #[arg(long, value_name = "ZONE", default_value = "UTC")]
    pub tz: String,

    /// Groups with fewer posts get no lift.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    pub min_posts: u32,

    /// Length of every ranked list (counterparts, supporters, actions...).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: u32,

    /// Outputs to write, comma separated: html (index.html), md (report.md), json
    /// (summary.json), csv (tables/*.csv), png and svg (charts/*), or all.
    #[arg(
        long,
        value_name = "FORMATS",
        value_delimiter = ',',
        default_value = "all"
    )]
    pub format: Vec<String>,

    /// Replace every counterpart name and id by a stable pseudonym, in every output, and
    /// leave post texts out, so that the report can be shared.
    #[arg(long)]
    pub redact: bool,

    /// Exit 3 when this condition on a summary.json key holds, e.g.
    /// 'responsiveness.within_24h_rate < 0.6' (repeatable; keys without a platform are
    /// the overall figures). The summary is written first.
    #[arg(long = "fail-if", value_name = "'KEY OP VALUE'")]
    pub fail_if: Vec<String>,

    /// Run the analyses one after the other instead of in parallel (for measuring).
    #[arg(long, hide = true)]
    pub sequential: bool,
}

/// Parses the command line, runs it, prints the error if any, and returns the exit code.
pub fn main_exit_code() -> i32 {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("rapport: {}", error.message());
            error.exit_code()
        }
    }
}

/// Runs a parsed command line; the exit code on success (0, or 3 for `--strict`).
pub fn run(cli: Cli) -> Result<i32, Error> {
    let quiet = match &cli.command {
        Command::Inspect(c) => c.input.quiet,
        Command::Import(c) => c.input.quiet,
        Command::Analyze(c) => c.read.quiet,
    };
    let reporter = Reporter::new(quiet);
    match cli.command {
        Command::Inspect(c) => commands::inspect::run(&c, &reporter),
        Command::Import(c) => commands::import::run(&c, &reporter),
        Command::Analyze(c) => commands::analyze::run(&c, &reporter),
    }
}
