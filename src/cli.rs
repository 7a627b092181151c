//! The command line: the subcommands (each command owns its clap struct) and the dispatch
//! to `commands::*`.

use clap::{Parser, Subcommand};

use crate::commands::{
    self, analyze::Analyze, import::Import, inspect::Inspect, people::PeopleCommand,
};
use crate::error::Error;
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
    /// Write the common dataframes as Parquet in a Hive layout (--out), or add downloads to a
    /// lake that keeps every download of every account (--into).
    Import(Import),
    /// Measure what drives engagement and relationships; write the report (and gate CI).
    Analyze(Analyze),
    /// List the people the archives show on several platforms under one name (CSV).
    People(PeopleCommand),
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
        Command::Import(c) => c.read.quiet,
        Command::Analyze(c) => c.read.quiet,
        Command::People(c) => c.input.quiet,
    };
    let reporter = Reporter::new(quiet);
    match cli.command {
        Command::Inspect(c) => commands::inspect::run(&c, &reporter),
        Command::Import(c) => commands::import::run(&c, &reporter),
        Command::Analyze(c) => commands::analyze::run(&c, &reporter),
        Command::People(c) => commands::people::run(&c, &reporter),
    }
}
