//! The command line: one clap struct per subcommand, and the dispatch to `commands::*`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::archive::Limits;
use crate::archive::limits::parse_size;
use crate::commands;
use crate::error::Error;
use crate::import::LoadOptions;
use crate::progress::Reporter;

/// Read your Twitter/X, LinkedIn and Facebook archives and learn what builds your
/// relationships online.
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
}

/// Options every subcommand that reads archives shares.
#[derive(Debug, Args)]
pub struct InputOptions {
    /// Archives: a `.zip`, several `.zip` parts of one export, an unpacked folder, or an
    /// extra file such as a `tweet_activity_metrics_*.csv` analytics export.
    #[arg(value_name = "ARCHIVE", required = true)]
    pub archives: Vec<PathBuf>,

    /// Refuse any archive entry that inflates past this size (e.g. 4GiB, 500MB).
    #[arg(long, value_name = "SIZE", default_value = "4GiB", value_parser = parse_size)]
    pub max_entry_size: u64,

    /// Fail (exit 3) when any record or optional file of an archive could not be read.
    #[arg(long)]
    pub strict: bool,

    /// Print no progress and no summary line; warnings and errors still go to stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

impl InputOptions {
    /// How archives are opened.
    pub fn load_options(&self) -> LoadOptions {
        LoadOptions {
            limits: Limits {
                max_entry_bytes: self.max_entry_size,
                ..Limits::default()
            },
        }
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

/// Parses the command line, runs it, prints the error if any, and returns the exit code.
pub fn main_exit_code() -> i32 {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("rapport: {error}");
            error.exit_code()
        }
    }
}

/// Runs a parsed command line; the exit code on success (0, or 3 for `--strict`).
pub fn run(cli: Cli) -> Result<i32, Error> {
    let quiet = match &cli.command {
        Command::Inspect(c) => c.input.quiet,
        Command::Import(c) => c.input.quiet,
    };
    let reporter = Reporter::new(quiet);
    match cli.command {
        Command::Inspect(c) => commands::inspect::run(&c, &reporter),
        Command::Import(c) => commands::import::run(&c, &reporter),
    }
}
