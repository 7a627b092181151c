//! What an importer read, ignored, skipped and why: the answer to "did it read my whole
//! archive?". Every entry of an archive ends up here, read or ignored.

use std::collections::BTreeMap;

use serde::Serialize;

/// What became of one entry of the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FileStatus {
    /// Read; `rows` records of `what` came out of it.
    Read {
        /// What the records are (`tweets`, `likes`, ...).
        what: String,
        /// How many records the file held.
        rows: u64,
    },
    /// Not read, on purpose.
    Ignored {
        /// Why (`media file`, `not used by rapport`).
        reason: String,
    },
    /// An optional file that could not be read; the run went on without it.
    Unreadable {
        /// What was wrong.
        problem: String,
    },
}

/// One entry and its fate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// The entry name inside the archive.
    pub entry: String,
    /// What became of it.
    #[serde(flatten)]
    pub status: FileStatus,
}

/// Records of one entry that were read only in part, or not at all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecordProblems {
    /// Records left out entirely (an unparseable date, no id).
    pub skipped: u64,
    /// Records kept with one or more fields set to null (a count that is not a number).
    pub fields_nulled: u64,
    /// Count per reason.
    pub reasons: BTreeMap<String, u64>,
    /// The first problem seen, to help find it in the file (never a message body).
    pub first_example: String,
}

impl RecordProblems {
    /// Records a record left out.
    pub fn skip(&mut self, reason: &str, example: impl FnOnce() -> String) {
        self.skipped += 1;
        self.note(reason, example);
    }

    /// Records a field set to null in a record that was kept.
    pub fn null_field(&mut self, reason: &str, example: impl FnOnce() -> String) {
        self.fields_nulled += 1;
        self.note(reason, example);
    }

    fn note(&mut self, reason: &str, example: impl FnOnce() -> String) {
        if self.first_example.is_empty() {
            self.first_example = example();
        }
        *self.reasons.entry(reason.to_string()).or_default() += 1;
    }

    /// Whether nothing went wrong.
    pub fn is_empty(&self) -> bool {
        self.skipped == 0 && self.fields_nulled == 0
    }

    /// Adds another file part's problems to these.
    pub fn absorb(&mut self, other: RecordProblems) {
        if self.first_example.is_empty() {
            self.first_example = other.first_example;
        }
        self.skipped += other.skipped;
        self.fields_nulled += other.fields_nulled;
        for (reason, n) in other.reasons {
            *self.reasons.entry(reason).or_default() += n;
        }
    }

    /// One line for the warning: counts, reasons and the first example.
    pub fn summary(&self) -> String {
        let reasons = self
            .reasons
            .iter()
            .map(|(r, n)| format!("{n} {r}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut parts = Vec::new();
        if self.skipped > 0 {
            parts.push(format!("{} records skipped", self.skipped));
        }
        if self.fields_nulled > 0 {
            parts.push(format!("{} fields read as null", self.fields_nulled));
        }
        format!(
            "{} ({reasons}); first: {}",
            parts.join(", "),
            self.first_example
        )
    }
}

/// Everything an importer has to say about one archive besides its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Every entry, read or ignored, in archive order.
    pub files: Vec<FileReport>,
    /// Problems inside records, per entry.
    pub problems: BTreeMap<String, RecordProblems>,
    /// Warnings: a missing or unreadable optional file, one line each.
    pub warnings: Vec<String>,
    /// Facts about the data a reader should know (how people are identified, ...).
    pub notes: Vec<String>,
    /// Counts that fit no dataframe (deleted posts, analytics rows with no post, ...).
    pub counts: BTreeMap<String, u64>,
}

impl Coverage {
    /// Records an entry that was read.
    pub fn read(&mut self, entry: &str, what: &str, rows: u64) {
        self.files.push(FileReport {
            entry: entry.to_string(),
            status: FileStatus::Read {
                what: what.to_string(),
                rows,
            },
        });
    }

    /// Records an entry left out on purpose.
    pub fn ignore(&mut self, entry: &str, reason: &str) {
        self.files.push(FileReport {
            entry: entry.to_string(),
            status: FileStatus::Ignored {
                reason: reason.to_string(),
            },
        });
    }

    /// Records an optional entry that could not be read, with a warning.
    pub fn unreadable(&mut self, entry: &str, problem: &str) {
        self.files.push(FileReport {
            entry: entry.to_string(),
            status: FileStatus::Unreadable {
                problem: problem.to_string(),
            },
        });
        self.warnings
            .push(format!("{entry}: {problem} (optional file, left out)"));
    }

    /// Adds the record problems of one entry.
    pub fn problems_in(&mut self, entry: &str, problems: RecordProblems) {
        if !problems.is_empty() {
            self.problems
                .entry(entry.to_string())
                .or_default()
                .absorb(problems);
        }
    }

    /// Adds to a named count.
    pub fn count(&mut self, key: &str, n: u64) {
        *self.counts.entry(key.to_string()).or_default() += n;
    }

    /// The warning lines: the explicit ones, then one per entry with record problems.
    pub fn warning_lines(&self) -> Vec<String> {
        let mut lines = self.warnings.clone();
        for (entry, problems) in &self.problems {
            lines.push(format!("{entry}: {}", problems.summary()));
        }
        lines
    }

    /// Records skipped or nulled, and optional files not read, in total: what `--strict`
    /// refuses.
    pub fn unread_total(&self) -> u64 {
        let records: u64 = self
            .problems
            .values()
            .map(|p| p.skipped + p.fields_nulled)
            .sum();
        let files = self
            .files
            .iter()
            .filter(|f| matches!(f.status, FileStatus::Unreadable { .. }))
            .count() as u64;
        records + files
    }
}
