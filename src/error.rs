//! The one error type of rapport and the exit codes it maps to.
//!
//! Every error that reaches the user is one line: `rapport: <archive>: <entry>: <problem>`.
//! Variants carry the archive and entry so that the message is built in one place.

use std::path::PathBuf;

/// Exit code of a run that did what was asked.
pub const EXIT_OK: i32 = 0;
/// Exit code of an input problem: not an archive, unknown platform, corrupt file.
pub const EXIT_INPUT: i32 = 1;
/// Exit code of a usage error (bad option, unknown gate key).
pub const EXIT_USAGE: i32 = 2;
/// Exit code of a failed gate, or of `--strict` when something was not read.
pub const EXIT_GATE: i32 = 3;

/// Everything that can stop a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A whole archive could not be used (not a zip, truncated, unknown kind).
    #[error("{archive}: {problem}")]
    Archive {
        /// The archive as the user named it.
        archive: String,
        /// What is wrong, in words.
        problem: String,
    },
    /// One entry of an archive could not be read as its format.
    #[error("{archive}: {entry}: {problem}")]
    Entry {
        /// The archive as the user named it.
        archive: String,
        /// The entry's name inside the archive.
        entry: String,
        /// What is wrong, in words (with line and column for JSON).
        problem: String,
    },
    /// The command line asks for something that cannot be done.
    #[error("{0}")]
    Usage(String),
    /// Writing an output failed.
    #[error("{path}: cannot write: {source}")]
    Output {
        /// The file or directory being written.
        path: PathBuf,
        /// The underlying failure.
        source: std::io::Error,
    },
    /// `--strict` was given and some record or file was not read.
    #[error("--strict: {0}")]
    Strict(String),
    /// One or more `--fail-if` conditions held: one line each.
    #[error("{}", .0.join("\nrapport: "))]
    Gate(Vec<String>),
    /// The people file (`--people`) cannot be used: one line per problem, each naming the
    /// file and its line.
    #[error("{}", .0.join("\nrapport: "))]
    People(Vec<String>),
    /// Some archives of a batch (`import --into`) could not be used while the others were:
    /// one line each.
    #[error("{}", .0.join("\nrapport: "))]
    Inputs(Vec<String>),
    /// A dataframe operation failed; this is a bug or an exhausted resource, not bad input.
    #[error("internal dataframe error: {0}")]
    Polars(#[from] polars::error::PolarsError),
}

impl Error {
    /// The process exit code that the README's "Exit codes" assigns to this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Archive { .. } | Error::Entry { .. } | Error::Output { .. } => EXIT_INPUT,
            Error::Polars(_) | Error::People(_) | Error::Inputs(_) => EXIT_INPUT,
            Error::Usage(_) => EXIT_USAGE,
            Error::Strict(_) | Error::Gate(_) => EXIT_GATE,
        }
    }

    /// The error as the one line (a failed gate: the lines) printed after `rapport: `, with
    /// any control character from an archive shown escaped.
    pub fn message(&self) -> String {
        match self {
            Error::Gate(lines) | Error::People(lines) | Error::Inputs(lines) => lines
                .iter()
                .map(|l| one_line(l))
                .collect::<Vec<_>>()
                .join("\nrapport: "),
            other => one_line(&other.to_string()),
        }
    }

    /// An error about one entry of one archive.
    pub fn entry(archive: &str, entry: &str, problem: impl Into<String>) -> Self {
        Error::Entry {
            archive: archive.to_string(),
            entry: entry.to_string(),
            problem: problem.into(),
        }
    }

    /// The problem alone, without the archive and entry (which the caller knows and adds
    /// again where the error is reported).
    pub fn into_problem(self) -> String {
        match self {
            Error::Entry { problem, .. } | Error::Archive { problem, .. } => problem,
            other => other.to_string(),
        }
    }

    /// An error about a whole archive.
    pub fn archive(archive: &str, problem: impl Into<String>) -> Self {
        Error::Archive {
            archive: archive.to_string(),
            problem: problem.into(),
        }
    }
}

/// Text from an archive (an entry name, a value quoted in a problem) made safe for one line
/// of a terminal: control characters (newlines, escapes, NUL) are shown escaped.
pub fn one_line(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The result type used across rapport.
pub type Result<T, E = Error> = std::result::Result<T, E>;
