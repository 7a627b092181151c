//! `rapport inspect`: what is inside the archives, read as `analyze` would read them.
//!
//! Text for people on stdout by default, or one stable JSON object with `--json`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat};
use polars::prelude::*;
use serde::Serialize;

use clap::Args;

use super::{InputOptions, strict_exit};
use crate::error::{Error, Result};
use crate::import::coverage::{FileReport, FileStatus, RecordProblems};
use crate::import::merge::merge;
use crate::import::{ImportedArchive, load};
use crate::model::{Dataset, time_range};
use crate::progress::Reporter;

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

/// The JSON shape of `inspect --json`. Field order is the output order.
#[derive(Debug, Serialize)]
pub struct InspectReport {
    /// Bumped when a key changes meaning or disappears.
    pub schema_version: u32,
    /// One object per archive.
    pub archives: Vec<ArchiveReport>,
    /// The merged dataset of all archives.
    pub dataset: FramesReport,
    /// Per `platform/account`: posts an older archive has and the newest does not.
    pub deleted_since: BTreeMap<String, u64>,
}

/// What one archive held.
#[derive(Debug, Serialize)]
pub struct ArchiveReport {
    /// The archive as given on the command line.
    pub archive: String,
    /// The platform (`twitter`, ...).
    pub platform: String,
    /// The archive generation.
    pub generation: String,
    /// The account.
    pub account: AccountReport,
    /// Every entry, read or ignored.
    pub files: Vec<FileReport>,
    /// Records read only in part, per entry.
    pub records_with_problems: BTreeMap<String, RecordProblems>,
    /// Counts that fit no dataframe.
    pub counts: BTreeMap<String, u64>,
    /// Warnings about missing or unreadable files, one line each (record problems are in
    /// `records_with_problems`).
    pub warnings: Vec<String>,
    /// Facts a reader of the figures should know.
    pub notes: Vec<String>,
    /// This archive's own dataframes.
    pub dataset: FramesReport,
}

/// Who the archive belongs to.
#[derive(Debug, Serialize)]
pub struct AccountReport {
    /// The account id.
    pub id: Option<String>,
    /// The handle.
    pub handle: Option<String>,
    /// The display name.
    pub display_name: Option<String>,
}

/// Row counts and time ranges of the five frames, in docs/dataset.md's order.
#[derive(Debug, Serialize)]
pub struct FramesReport {
    /// `posts`
    pub posts: FrameReport,
    /// `interactions`
    pub interactions: FrameReport,
    /// `connections`
    pub connections: FrameReport,
    /// `messages`
    pub messages: FrameReport,
    /// `accounts`
    pub accounts: FrameReport,
    /// Posts whose engagement is unknown (no count at all) over all posts; null with no posts.
    pub engagement_unknown_share: Option<f64>,
}

/// One frame.
#[derive(Debug, Serialize)]
pub struct FrameReport {
    /// Rows.
    pub rows: usize,
    /// Earliest time (RFC 3339, UTC), where the frame has times.
    pub first: Option<String>,
    /// Latest time.
    pub last: Option<String>,
}

/// Runs `inspect`.
pub fn run(cmd: &Inspect, reporter: &Reporter) -> Result<i32> {
    // A lake is no archive: what it holds is its manifest.
    if let [path] = cmd.input.archives.as_slice()
        && crate::model::lake::is_lake(path)
        && !cmd.json
    {
        print!("{}", lake_text(path)?);
        return Ok(crate::error::EXIT_OK);
    }
    let archives = load(&cmd.input.archives, cmd.input.load_options(), reporter)?;
    let report = build(&archives)?;
    let out = if cmd.json {
        let mut text = serde_json::to_string_pretty(&report)
            .map_err(|e| Error::Usage(format!("cannot serialize the report: {e}")))?;
        text.push('\n');
        text
    } else {
        render_text(&report)
    };
    print!("{out}");
    strict_exit(cmd.input.strict, &archives)
}

/// What a lake holds: one line per download, by account.
fn lake_text(path: &std::path::Path) -> Result<String> {
    let label = path.display().to_string();
    let lake = crate::model::lake::Lake::open(path)
        .map_err(|p| Error::archive(&label, p.replacen(&format!("{label}: "), "", 1)))?;
    let downloads = lake.downloads()?;
    let mut text = format!("{label}\n  a rapport lake: {} downloads\n", downloads.len());
    for d in &downloads {
        text.push_str(&format!(
            "  {:<10}{:<40}{:<12}{} ({})\n",
            d.platform.as_str(),
            crate::error::one_line(&d.account_id),
            d.download,
            crate::error::one_line(&d.files),
            d.generation
        ));
    }
    text.push_str("  `rapport analyze` reads it (docs/lake.md)\n");
    Ok(text)
}

/// Builds the report of loaded archives.
pub fn build(archives: &[ImportedArchive]) -> Result<InspectReport> {
    let (merged, merge_report) = merge(&archives.iter().collect::<Vec<_>>())?;
    let mut reports = Vec::new();
    for a in archives {
        let account = account(&a.dataset)?;
        reports.push(ArchiveReport {
            archive: a.label.clone(),
            platform: a.detection.platform.as_str().to_string(),
            generation: a.detection.generation.clone(),
            account,
            files: a.coverage.files.clone(),
            records_with_problems: a.coverage.problems.clone(),
            counts: a.coverage.counts.clone(),
            warnings: a.coverage.warnings.clone(),
            notes: a.coverage.notes.clone(),
            dataset: frames(&a.dataset)?,
        });
    }
    Ok(InspectReport {
        schema_version: 1,
        archives: reports,
        dataset: frames(&merged)?,
        deleted_since: merge_report.deleted_since,
    })
}

fn account(dataset: &Dataset) -> Result<AccountReport> {
    let get = |name: &str| -> Result<Option<String>> {
        Ok(dataset
            .accounts
            .column(name)?
            .str()?
            .get(0)
            .map(str::to_string))
    };
    Ok(AccountReport {
        id: get("account_id")?.filter(|id| id != "unknown"),
        handle: get("handle")?,
        display_name: get("display_name")?,
    })
}

fn iso(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default()
}

fn frame(name: &str, frame: &DataFrame) -> Result<FrameReport> {
    let range = match Dataset::time_column(name) {
        Some(column) => time_range(frame, column)?,
        None => None,
    };
    Ok(FrameReport {
        rows: frame.height(),
        first: range.map(|r| iso(r.first)),
        last: range.map(|r| iso(r.last)),
    })
}

fn frames(d: &Dataset) -> Result<FramesReport> {
    Ok(FramesReport {
        posts: frame("posts", &d.posts)?,
        interactions: frame("interactions", &d.interactions)?,
        connections: frame("connections", &d.connections)?,
        messages: frame("messages", &d.messages)?,
        accounts: frame("accounts", &d.accounts)?,
        engagement_unknown_share: engagement_unknown_share(&d.posts)?,
    })
}

impl FramesReport {
    /// The frames with their names, in order.
    pub fn named(&self) -> [(&'static str, &FrameReport); 5] {
        [
            ("posts", &self.posts),
            ("interactions", &self.interactions),
            ("connections", &self.connections),
            ("messages", &self.messages),
            ("accounts", &self.accounts),
        ]
    }
}

/// Share of posts with no engagement count at all (likes, reposts, replies, quotes and
/// engagements all null).
pub fn engagement_unknown_share(posts: &DataFrame) -> PolarsResult<Option<f64>> {
    if posts.height() == 0 {
        return Ok(None);
    }
    let unknown = posts
        .clone()
        .lazy()
        .filter(
            col("likes")
                .is_null()
                .and(col("reposts").is_null())
                .and(col("replies").is_null())
                .and(col("quotes").is_null())
                .and(col("engagements").is_null()),
        )
        .collect()?
        .height();
    Ok(Some(unknown as f64 / posts.height() as f64))
}

/// How many ignored files of one reason are listed by name before they are summed up.
const IGNORED_LISTED: usize = 5;

fn render_text(report: &InspectReport) -> String {
    let mut out = String::new();
    for a in &report.archives {
        let who = match (&a.account.handle, &a.account.id) {
            (Some(h), Some(id)) => format!("@{h} ({id})"),
            (Some(h), None) => format!("@{h}"),
            (None, Some(id)) => id.clone(),
            (None, None) => "unknown account".into(),
        };
        let _ = writeln!(out, "{}", a.archive);
        let _ = writeln!(out, "  platform    {}", a.platform);
        let _ = writeln!(out, "  generation  {}", a.generation);
        let _ = writeln!(out, "  account     {who}");
        let _ = writeln!(out, "  files read");
        let width = a
            .files
            .iter()
            .map(|f| f.entry.chars().count())
            .max()
            .unwrap_or(0);
        for f in &a.files {
            if let FileStatus::Read { what, rows } = &f.status {
                let _ = writeln!(out, "    {:<width$}  {rows:>8} {what}", f.entry);
            }
        }
        let mut ignored: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for f in &a.files {
            if let FileStatus::Ignored { reason } = &f.status {
                ignored.entry(reason).or_default().push(&f.entry);
            }
        }
        if !ignored.is_empty() {
            let _ = writeln!(out, "  files ignored");
            for (reason, names) in ignored {
                let shown = names
                    .iter()
                    .take(IGNORED_LISTED)
                    .copied()
                    .collect::<Vec<_>>();
                let more = names.len().saturating_sub(IGNORED_LISTED);
                let tail = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                let _ = writeln!(out, "    {reason}: {}{tail}", shown.join(", "));
            }
        }
        for f in &a.files {
            if let FileStatus::Unreadable { problem } = &f.status {
                let _ = writeln!(out, "  unreadable  {}: {problem}", f.entry);
            }
        }
        if !a.records_with_problems.is_empty() {
            let _ = writeln!(out, "  records with problems");
            for (entry, p) in &a.records_with_problems {
                let _ = writeln!(out, "    {entry}: {}", p.summary());
            }
        }
        for (key, n) in &a.counts {
            let _ = writeln!(out, "  {key}: {n}");
        }
        for w in &a.warnings {
            let _ = writeln!(out, "  warning: {w}");
        }
        for n in &a.notes {
            let _ = writeln!(out, "  note: {n}");
        }
        let _ = writeln!(out);
    }
    let title = if report.archives.len() > 1 {
        "dataset (all archives merged)"
    } else {
        "dataset"
    };
    let _ = writeln!(out, "{title}");
    for (name, f) in report.dataset.named() {
        let range = match (&f.first, &f.last) {
            (Some(a), Some(b)) => format!("  {a} .. {b}"),
            _ => String::new(),
        };
        let _ = writeln!(out, "  {name:<13}{:>9}{range}", f.rows);
    }
    let posts = report.dataset.posts.rows;
    match report.dataset.engagement_unknown_share {
        Some(share) => {
            let _ = writeln!(
                out,
                "  posts with unknown engagement: {:.1}% ({} of {posts})",
                share * 100.0,
                (share * posts as f64).round() as u64
            );
        }
        None => {
            let _ = writeln!(out, "  posts with unknown engagement: no posts");
        }
    }
    for (account, n) in &report.deleted_since {
        let _ = writeln!(
            out,
            "  {account}: {n} posts deleted since the older archive"
        );
    }
    out
}
