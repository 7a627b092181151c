//! The analyses: one file per metric family of DESIGN.md, each a function from a [`Scope`]
//! (the dataset of one platform, or of all, and the period) to a typed result, registered
//! in [`ANALYSES`] and run in parallel with rayon by [`run_all`].

pub mod actions;
pub mod broadcast;
pub mod columns;
pub mod consistency;
pub mod conversations;
pub mod engagement;
pub mod follow_up;
pub mod growth;
pub mod invitations;
pub mod lift;
pub mod one_on_one;
pub mod period;
pub mod relationships;
pub mod shared;
pub mod stats;
pub mod summary;
pub mod table;

use std::collections::HashSet;

use polars::prelude::*;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::model::Dataset;
use crate::progress::Progress;
pub use period::{Clock, Period, PeriodRequest};

/// The settings every analysis reads.
#[derive(Debug, Clone)]
pub struct Options {
    /// Local time for hours, weekdays, weeks and months (`--tz`).
    pub clock: Clock,
    /// Fewer posts than this in a group give no lift (`--min-posts`).
    pub min_posts: usize,
    /// The length of every ranked list (`--top`).
    pub top: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            clock: Clock::new(chrono_tz::Tz::UTC),
            min_posts: 5,
            top: 10,
        }
    }
}

/// Sent invitations that carried a personal note, as `(platform, counterpart_id)`; `None`
/// when the input cannot tell (a Parquet dataset keeps no notes).
pub type InvitationNotes = Option<HashSet<(String, String)>>;

/// What one analysis sees: the dataset of its platform (or of all platforms), whole and cut
/// to the period.
#[derive(Debug)]
pub struct Scope<'a> {
    /// `overall` or a platform name.
    pub name: String,
    /// The whole dataset of the scope (imported counts, history before the period).
    pub all: Dataset,
    /// The same rows cut to the period (rows with no time are left out).
    pub within: Dataset,
    /// The period.
    pub period: Period,
    /// The settings.
    pub options: &'a Options,
    /// Which sent invitations carried a note.
    pub invitation_notes: &'a InvitationNotes,
    /// Results several analyses of this scope read, computed once (see [`Scope::shared`]).
    shared: std::sync::OnceLock<shared::Shared>,
}

impl<'a> Scope<'a> {
    /// Cuts `data` (already limited to the scope's platforms) to `period`.
    pub fn new(
        name: &str,
        data: Dataset,
        period: Period,
        options: &'a Options,
        invitation_notes: &'a InvitationNotes,
    ) -> PolarsResult<Scope<'a>> {
        let (s, e) = (period.start, period.end);
        let within = Dataset {
            posts: columns::in_time(&data.posts, "created_at", s, e)?,
            interactions: columns::in_time(&data.interactions, "at", s, e)?,
            connections: columns::in_time(&data.connections, "connected_at", s, e)?,
            messages: columns::in_time(&data.messages, "at", s, e)?,
            accounts: data.accounts.clone(),
        };
        Ok(Scope {
            name: name.to_string(),
            all: data,
            within,
            period,
            options,
            invitation_notes,
            shared: std::sync::OnceLock::new(),
        })
    }
}

impl Scope<'_> {
    /// The results several analyses read: computed by [`Scope::prepare`] before the
    /// analyses run, or here on first use when an analysis runs alone.
    pub fn shared(&self) -> PolarsResult<&shared::Shared> {
        if let Some(shared) = self.shared.get() {
            return Ok(shared);
        }
        self.prepare()?;
        self.shared
            .get()
            .ok_or_else(|| polars_err!(ComputeError: "the shared results were not kept"))
    }

    /// Computes the shared results once; a second call does nothing.
    pub fn prepare(&self) -> PolarsResult<()> {
        if self.shared.get().is_none() {
            // `set` only moves the value in, so it never waits on work in the pool.
            let _ = self.shared.set(shared::Shared::compute(self)?);
        }
        Ok(())
    }
}

/// One analysis' result: its figures as JSON, and why any of them is null.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// The figures under the analysis' key.
    pub value: Value,
    /// `field: reason` for each figure that is null.
    pub notes: Vec<String>,
    /// Detail tables for the report (not part of summary.json).
    pub tables: Vec<table::Table>,
}

impl Figures {
    /// Serializes a typed result; a result is plain data, so this cannot fail in practice,
    /// and if it ever did the figure would be null with a note rather than a panic.
    pub fn new<T: Serialize>(result: &T, notes: Vec<String>) -> Figures {
        match serde_json::to_value(result) {
            Ok(value) => Figures {
                value,
                notes,
                tables: Vec::new(),
            },
            Err(e) => Figures {
                value: Value::Null,
                notes: vec![format!("could not be serialized: {e}")],
                tables: Vec::new(),
            },
        }
    }

    /// The same figures with detail tables for the report.
    pub fn with_tables(mut self, tables: Vec<table::Table>) -> Figures {
        self.tables = tables;
        self
    }
}

/// Collects the reasons why figures are null.
#[derive(Debug, Default)]
pub struct Notes(Vec<String>);

impl Notes {
    /// Records why `field` is null, when `value` is `None`.
    pub fn explain<T>(&mut self, field: &str, value: &Option<T>, reason: &str) {
        if value.is_none() {
            self.0.push(format!("{field}: {reason}"));
        }
    }

    /// The notes.
    pub fn into_vec(self) -> Vec<String> {
        self.0
    }
}

/// An analysis function.
pub type AnalysisFn = fn(&Scope) -> PolarsResult<Figures>;

/// Every analysis, by its key in summary.json, in the summary's order.
pub const ANALYSES: &[(&str, AnalysisFn)] = &[
    ("engagement", engagement::run),
    ("lift", lift::run),
    ("consistency", consistency::run),
    ("responsiveness", conversations::responsiveness),
    (
        "responsiveness_of_others",
        conversations::responsiveness_of_others,
    ),
    ("conversation_starters", conversations::starters),
    ("counterpart_strength", relationships::strength),
    ("supporters", relationships::supporters),
    ("dormant", relationships::dormant),
    ("follow_up", follow_up::run),
    ("one_on_one", one_on_one::run),
    ("invitations", invitations::run),
    ("broadcast", broadcast::run),
    ("growth", growth::run),
    ("actions", actions::run),
];

/// Whether the analyses run on all cores or one after the other (for the test that the
/// two agree, and for measuring the speed-up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Execution {
    /// rayon, every (scope, analysis) pair a task.
    Parallel,
    /// One by one, in order.
    Sequential,
}

/// Runs every analysis on every scope; the result is indexed `[scope][analysis]` in the
/// order of `scopes` and [`ANALYSES`].
pub fn run_all(scopes: &[Scope], execution: Execution) -> PolarsResult<Vec<Vec<Figures>>> {
    run_all_with_progress(scopes, execution, &Progress::hidden())
}

/// [`run_all`], one step of `progress` per analysis done.
pub fn run_all_with_progress(
    scopes: &[Scope],
    execution: Execution,
    progress: &Progress,
) -> PolarsResult<Vec<Vec<Figures>>> {
    match execution {
        Execution::Parallel => scopes.par_iter().try_for_each(Scope::prepare)?,
        Execution::Sequential => scopes.iter().try_for_each(Scope::prepare)?,
    }
    let tasks: Vec<(usize, usize)> = (0..scopes.len())
        .flat_map(|s| (0..ANALYSES.len()).map(move |a| (s, a)))
        .collect();
    let run = |&(s, a): &(usize, usize)| {
        let figures = (ANALYSES[a].1)(&scopes[s]);
        progress.step(ANALYSES[a].0);
        figures
    };
    let flat: Vec<Figures> = match execution {
        Execution::Parallel => tasks.par_iter().map(run).collect::<PolarsResult<_>>()?,
        Execution::Sequential => tasks.iter().map(run).collect::<PolarsResult<_>>()?,
    };
    let mut out: Vec<Vec<Figures>> = Vec::with_capacity(scopes.len());
    let mut iter = flat.into_iter();
    for _ in scopes {
        out.push(iter.by_ref().take(ANALYSES.len()).collect());
    }
    Ok(out)
}

/// The dataset in the order that lets scopes cut it without copying: every frame grouped by
/// platform and, within a platform, by its time column, missing times first (a stable
/// sort: rows with equal keys keep their order). A platform's rows are then one slice, and
/// so are a period's ([`columns::in_time`], [`columns::of_platform`]).
pub fn scope_order(data: &Dataset) -> PolarsResult<Dataset> {
    let order = |frame: &DataFrame, time: Option<&str>| -> PolarsResult<DataFrame> {
        let mut keys = vec!["platform"];
        keys.extend(time);
        frame.sort(
            keys,
            SortMultipleOptions::default()
                .with_maintain_order(true)
                .with_nulls_last(false),
        )
    };
    Ok(Dataset {
        posts: order(&data.posts, Some("created_at"))?,
        interactions: order(&data.interactions, Some("at"))?,
        connections: order(&data.connections, Some("connected_at"))?,
        messages: order(&data.messages, Some("at"))?,
        accounts: order(&data.accounts, None)?,
    })
}

/// The rows of `data` that belong to one platform.
pub fn platform_slice(data: &Dataset, platform: &str) -> PolarsResult<Dataset> {
    Ok(Dataset {
        posts: columns::of_platform(&data.posts, platform)?,
        interactions: columns::of_platform(&data.interactions, platform)?,
        connections: columns::of_platform(&data.connections, platform)?,
        messages: columns::of_platform(&data.messages, platform)?,
        accounts: columns::of_platform(&data.accounts, platform)?,
    })
}

/// The first and last activity (posts, interactions and messages with a time).
pub fn activity_range(data: &Dataset) -> PolarsResult<Option<(i64, i64)>> {
    let mut range: Option<(i64, i64)> = None;
    for (frame, column) in [
        (&data.posts, "created_at"),
        (&data.interactions, "at"),
        (&data.messages, "at"),
    ] {
        if let Some(r) = crate::model::time_range(frame, column)? {
            range = Some(match range {
                Some((a, b)) => (a.min(r.first), b.max(r.last)),
                None => (r.first, r.last),
            });
        }
    }
    Ok(range)
}
