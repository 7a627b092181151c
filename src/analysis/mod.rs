//! The analyses: one file per metric family of docs/metrics.md, each a function from a [`Scope`]
//! (the dataset of one platform, or of all, and the period) to a typed result, registered
//! in `pipeline::registry::ANALYSES` and run in parallel with rayon by [`run_all`].

pub mod actions;
pub mod broadcast;
pub mod columns;
pub mod consistency;
pub mod conversations;
pub mod engagement;
pub mod figure;
pub mod follow_up;
pub mod growth;
pub mod history;
pub mod invitations;
pub mod lift;
pub mod linking;
pub mod one_on_one;
pub mod people;
pub mod people_file;
pub mod period;
pub mod persons;
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

use crate::model::{Dataset, PlatformFacts};
use crate::progress::Progress;
pub use figure::Figure;
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

/// What the analyses give the report: summary.json and the detail tables of the overall
/// scope (rows of the same table from several analyses joined in registry order).
#[derive(Debug, Clone)]
pub struct Analyzed {
    /// What summary.json says besides the figures.
    pub header: summary::Header,
    /// The typed figures of every scope.
    pub scopes: Vec<ScopeFigures>,
    /// summary.json, unredacted.
    pub summary: Value,
    /// The detail tables.
    pub tables: Vec<table::Table>,
}

impl PartialEq for Analyzed {
    /// Two runs agree when they write the same summary and tables.
    fn eq(&self, other: &Analyzed) -> bool {
        self.summary == other.summary && self.tables == other.tables
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
    /// What each platform's archives can show, in registry order.
    pub facts: &'a [PlatformFacts],
    /// Which accounts are one person: the run's links in the overall scope, none in a
    /// platform scope (see [`Scope::with_persons`]).
    pub persons: &'a persons::Persons,
    /// The downloads of the input and what changed between them (see
    /// [`Scope::with_history`]).
    pub history: &'a history::History,
    /// Results several analyses of this scope read, computed once (see [`Scope::shared`]).
    shared: std::sync::OnceLock<shared::Shared>,
    /// The platforms with rows in the scope (see [`Scope::present`]).
    present: std::sync::OnceLock<std::collections::HashSet<String>>,
}

impl<'a> Scope<'a> {
    /// Cuts `data` (already limited to the scope's platforms) to `period`.
    pub fn new(
        name: &str,
        data: Dataset,
        period: Period,
        options: &'a Options,
        invitation_notes: &'a InvitationNotes,
        facts: &'a [PlatformFacts],
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
            facts,
            persons: &NO_LINKS,
            history: &NO_HISTORY,
            shared: std::sync::OnceLock::new(),
            present: std::sync::OnceLock::new(),
        })
    }
}

/// The persons of a scope that links no account.
static NO_LINKS: std::sync::LazyLock<persons::Persons> =
    std::sync::LazyLock::new(persons::Persons::default);

/// The history of an input of one download per account.
static NO_HISTORY: std::sync::LazyLock<history::History> =
    std::sync::LazyLock::new(history::History::default);

impl<'a> Scope<'a> {
    /// The same scope with the downloads of the input and what changed between them.
    pub fn with_history(mut self, history: &'a history::History) -> Scope<'a> {
        self.history = history;
        self
    }

    /// The same scope with accounts linked into persons (the overall scope's links).
    pub fn with_persons(mut self, persons: &'a persons::Persons) -> Scope<'a> {
        self.persons = persons;
        self
    }
}

impl Scope<'_> {
    /// The key an account is counted under in this scope: its person's first account where
    /// it is linked, else itself.
    pub fn key<'k>(&'k self, platform: &'k str, id: &'k str) -> (&'k str, &'k str) {
        self.persons.key(platform, id)
    }

    /// The name of the person an account belongs to: the link's name where it is linked,
    /// else the best name the whole archive gives, else `fallback`.
    pub fn person_name(
        &self,
        people: &people::People,
        platform: &str,
        id: &str,
        fallback: Option<String>,
    ) -> Option<String> {
        if let Some(link) = self.persons.link_of(platform, id)
            && !link.person.is_empty()
        {
            return Some(link.person.clone());
        }
        if let Some(name) = self.persons.named(platform, id) {
            return Some(name.to_string());
        }
        people.name_or(platform, id, fallback)
    }

    /// The accounts of the person an account belongs to, each with its profile address:
    /// the link's accounts, else the account alone.
    pub fn accounts_of(&self, platform: &str, id: &str) -> Vec<persons::PersonAccount> {
        let keys: Vec<(String, String)> = match self.persons.link_of(platform, id) {
            Some(link) => link.accounts.clone(),
            None => vec![(platform.to_string(), id.to_string())],
        };
        keys.into_iter()
            .map(|(platform, counterpart_id)| persons::PersonAccount {
                profile_url: self.profile_url(&platform, &counterpart_id),
                platform,
                counterpart_id,
            })
            .collect()
    }

    /// What `platform`'s archives can show.
    pub fn facts_of(&self, platform: &str) -> Option<&PlatformFacts> {
        self.facts.iter().find(|f| f.platform.as_str() == platform)
    }

    /// The address of a counterpart's profile, where `platform`'s importer can make one from
    /// the id.
    pub fn profile_url(&self, platform: &str, id: &str) -> Option<String> {
        self.facts_of(platform).and_then(|f| (f.profile_url)(id))
    }

    /// Whether `platform`'s archives hold only what the owner did.
    pub fn one_sided(&self, platform: &str) -> bool {
        self.facts_of(platform).is_some_and(|f| f.one_sided)
    }

    /// The facts of the platforms with rows in the scope, in registry order (found once
    /// per scope: several analyses ask).
    pub fn present(&self) -> PolarsResult<Vec<&PlatformFacts>> {
        if self.present.get().is_none() {
            let mut seen = std::collections::HashSet::new();
            for (_, frame) in self.all.frames() {
                for p in columns::strs(frame, "platform")?.into_iter().flatten() {
                    seen.insert(p.to_string());
                }
            }
            let _ = self.present.set(seen);
        }
        let seen = self.present.get();
        Ok(self
            .facts
            .iter()
            .filter(|f| seen.is_some_and(|s| s.contains(f.platform.as_str())))
            .collect())
    }

    /// Why the figures that need what others did are unknown: every platform of the scope
    /// holds only what the owner did. `None` when one of them holds both sides.
    pub fn other_side_unknown(&self) -> PolarsResult<Option<String>> {
        let present = self.present()?;
        if present.is_empty() || present.iter().any(|f| !f.one_sided) {
            return Ok(None);
        }
        Ok(Some(archives_say(
            &present,
            "only what you did, not what others did to you",
        )))
    }

    /// Why the connections figures are unknown: no platform of the scope holds a list of
    /// connections. `None` when one of them does.
    pub fn connections_unknown(&self) -> PolarsResult<Option<String>> {
        let present = self.present()?;
        if present.is_empty() || present.iter().any(|f| f.has_connection_list) {
            return Ok(None);
        }
        Ok(Some(archives_say(&present, "no list of your connections")))
    }

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

/// "the Twitter/X archive holds {what}", "the Twitter/X and Mastodon archives hold {what}":
/// a reason naming the scope's platforms by their titles.
pub fn archives_say(present: &[&PlatformFacts], what: &str) -> String {
    let titles: Vec<&str> = present.iter().map(|f| f.platform.title()).collect();
    match titles.as_slice() {
        [] => format!("the archives hold {what}"),
        [one] => format!("the {one} archive holds {what}"),
        [rest @ .., last] => format!("the {} and {last} archives hold {what}", rest.join(", ")),
    }
}

/// Replaces a counterpart's id (or name) by its pseudonym: `(platform, id) -> pseudonym`.
pub type Pseudonym<'a> = &'a (dyn Fn(&str, &str) -> String + Sync);

/// What an analysis returns: its own typed figures, written to summary.json under the
/// analysis' key by serde, read by the report through [`ScopeFigures::get`].
pub trait Outcome: Serialize + Clone + std::fmt::Debug + Send + Sync + 'static {
    /// Replaces every counterpart id and name it holds by its pseudonym (`--redact`); a
    /// result that names no person keeps this default.
    fn redact(&mut self, _pseudonym: Pseudonym) {}
}

/// Replaces one person's id, and name where known, by the pseudonym of the id.
pub fn redact_person(
    platform: &str,
    id: &mut String,
    name: &mut Option<String>,
    profile_url: &mut Option<String>,
    pseudonym: Pseudonym,
) {
    let replacement = pseudonym(platform, id);
    if name.is_some() {
        *name = Some(replacement.clone());
    }
    *profile_url = None;
    *id = replacement;
}

/// Replaces the id of each account of a person by its pseudonym and drops their profile
/// addresses (`--redact`).
pub fn redact_accounts(accounts: &mut [persons::PersonAccount], pseudonym: Pseudonym) {
    for a in accounts {
        a.counterpart_id = pseudonym(&a.platform, &a.counterpart_id);
        a.profile_url = None;
    }
}

/// An [`Outcome`] behind a pointer, so that one list holds every analysis' result.
pub trait AnyOutcome: std::fmt::Debug + Send + Sync {
    /// The figures as summary.json writes them, and the notes of its unknown figures
    /// (`field: reason`).
    fn to_json(&self) -> (Value, Vec<String>);
    /// The typed result, for [`ScopeFigures::get`].
    fn as_any(&self) -> &dyn std::any::Any;
    /// A redacted copy.
    fn redacted(&self, pseudonym: Pseudonym) -> std::sync::Arc<dyn AnyOutcome>;
}

impl<T: Outcome> AnyOutcome for T {
    fn to_json(&self) -> (Value, Vec<String>) {
        figure::to_json(self)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn redacted(&self, pseudonym: Pseudonym) -> std::sync::Arc<dyn AnyOutcome> {
        let mut copy = self.clone();
        copy.redact(pseudonym);
        std::sync::Arc::new(copy)
    }
}

/// One analysis' result: its typed figures, why any of them is null, and its detail tables.
#[derive(Debug, Clone)]
pub struct Figures {
    /// The typed figures.
    pub result: std::sync::Arc<dyn AnyOutcome>,
    /// `field: reason` for each figure that is null.
    pub notes: Vec<String>,
    /// Detail tables for the report (not part of summary.json).
    pub tables: Vec<table::Table>,
}

impl Figures {
    /// The result of an analysis, with the reasons of its null figures.
    pub fn new<T: Outcome>(result: T, notes: Vec<String>) -> Figures {
        Figures {
            result: std::sync::Arc::new(result),
            notes,
            tables: Vec::new(),
        }
    }

    /// The same figures with detail tables for the report.
    pub fn with_tables(mut self, tables: Vec<table::Table>) -> Figures {
        self.tables = tables;
        self
    }

    /// The typed result, when it is a `T`.
    pub fn get<T: Outcome>(&self) -> Option<&T> {
        self.result.as_any().downcast_ref::<T>()
    }
}

/// The figures of one scope (`overall` or a platform), in the order of the analyses run.
#[derive(Debug, Clone)]
pub struct ScopeFigures {
    /// `overall` or the platform.
    pub name: String,
    /// One per analysis, with its key, in the order they ran.
    pub current: Vec<(&'static str, Figures)>,
    /// The same for the previous period, with `--compare-previous`.
    pub previous: Option<Vec<(&'static str, Figures)>>,
}

/// The results of one scope in one period, by analysis key.
#[derive(Debug, Clone, Copy)]
pub struct Results<'a>(&'a [(&'static str, Figures)]);

impl<'a> Results<'a> {
    /// The typed result of the analysis `key`, when it ran and is a `T`.
    pub fn get<T: Outcome>(self, key: &str) -> Option<&'a T> {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, f)| f.get::<T>())
    }
}

impl ScopeFigures {
    /// The results in the period.
    pub fn current(&self) -> Results<'_> {
        Results(&self.current)
    }

    /// The results in the previous period, with `--compare-previous`.
    pub fn previous(&self) -> Option<Results<'_>> {
        self.previous.as_deref().map(Results)
    }

    /// The typed result of the analysis `key` in the period.
    pub fn get<T: Outcome>(&self, key: &str) -> Option<&T> {
        self.current().get(key)
    }

    /// A copy with every person replaced by a pseudonym.
    pub fn redacted(&self, pseudonym: Pseudonym) -> ScopeFigures {
        let redact = |list: &Vec<(&'static str, Figures)>| {
            list.iter()
                .map(|(key, f)| {
                    let mut f = f.clone();
                    f.result = f.result.redacted(pseudonym);
                    (*key, f)
                })
                .collect()
        };
        ScopeFigures {
            name: self.name.clone(),
            current: redact(&self.current),
            previous: self.previous.as_ref().map(redact),
        }
    }
}

/// Collects the reasons why figures are null.
#[derive(Debug, Default)]
pub struct Notes(Vec<String>);

impl Notes {
    /// Records why figures under `path` are null (the figures of a list, or of groups).
    pub fn add(&mut self, path: &str, reason: &str) {
        self.0.push(format!("{path}: {reason}"));
    }

    /// The notes.
    pub fn into_vec(self) -> Vec<String> {
        self.0
    }
}

/// An analysis function.
pub type AnalysisFn = fn(&Scope) -> PolarsResult<Figures>;

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
/// order of `scopes` and `analyses`.
pub fn run_all(
    scopes: &[Scope],
    analyses: &[(&'static str, AnalysisFn)],
    execution: Execution,
) -> PolarsResult<Vec<Vec<(&'static str, Figures)>>> {
    run_all_with_progress(scopes, analyses, execution, &Progress::hidden())
}

/// [`run_all`], one step of `progress` per analysis done.
pub fn run_all_with_progress(
    scopes: &[Scope],
    analyses: &[(&'static str, AnalysisFn)],
    execution: Execution,
    progress: &Progress,
) -> PolarsResult<Vec<Vec<(&'static str, Figures)>>> {
    match execution {
        Execution::Parallel => scopes.par_iter().try_for_each(Scope::prepare)?,
        Execution::Sequential => scopes.iter().try_for_each(Scope::prepare)?,
    }
    let tasks: Vec<(usize, usize)> = (0..scopes.len())
        .flat_map(|s| (0..analyses.len()).map(move |a| (s, a)))
        .collect();
    let run = |&(s, a): &(usize, usize)| {
        let (key, analysis) = analyses[a];
        let figures = analysis(&scopes[s]).map(|f| (key, f));
        progress.step(key);
        figures
    };
    let flat: Vec<(&'static str, Figures)> = match execution {
        Execution::Parallel => tasks.par_iter().map(run).collect::<PolarsResult<_>>()?,
        Execution::Sequential => tasks.iter().map(run).collect::<PolarsResult<_>>()?,
    };
    let mut out: Vec<Vec<(&'static str, Figures)>> = Vec::with_capacity(scopes.len());
    let mut iter = flat.into_iter();
    for _ in scopes {
        out.push(iter.by_ref().take(analyses.len()).collect());
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
