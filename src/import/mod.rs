//! Importers: from an archive's entries to the common rows, one file per platform behind
//! the [`Importer`] trait, registered in [`IMPORTERS`].
//!
//! [`load`] opens what the user named, detects each archive's platform, groups parts of one
//! export, runs the importers in parallel and merges their datasets.

pub mod connections;
pub mod conversation;
pub mod coverage;
pub mod csv_table;
pub mod detect;
pub mod facebook;
pub mod fields;
pub mod instagram;
pub mod jsfile;
pub mod linkedin;
pub mod mastodon;
pub mod merge;
pub mod messenger;
pub mod mojibake;
pub mod node;
pub mod profile;
pub mod text;
pub mod twitter;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::archive::{Archive, Limits};
use crate::error::{Error, Result};
use crate::model::{AccountRow, Dataset, Platform, Rows};
use crate::progress::{Progress, Reporter};
pub use coverage::Coverage;
use coverage::RecordProblems;

/// What an importer recognised in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// The platform.
    pub platform: Platform,
    /// The archive generation (see docs/formats.md), e.g. `ytd-2020`, `grailbird`.
    pub generation: String,
    /// True when the archive holds only an addition to another (an analytics export given
    /// beside its archive), not an archive of its own.
    pub addition_only: bool,
}

impl Detection {
    /// An archive of its own of `platform`, of that generation.
    pub fn archive(platform: Platform, generation: &str) -> Detection {
        Detection {
            platform,
            generation: generation.to_string(),
            addition_only: false,
        }
    }

    /// The `accounts` row of the archive detected: its platform, generation and file name,
    /// the account id (`unknown` when the archive does not say it), nothing else known yet.
    pub fn account(&self, archive: &Archive, account_id: Option<String>) -> AccountRow {
        AccountRow {
            platform: self.platform,
            account_id: account_id.unwrap_or_else(|| "unknown".into()),
            handle: None,
            display_name: None,
            created_at: None,
            followers: None,
            following: None,
            time_zone: None,
            archive: archive.file_name(),
            generation: self.generation.clone(),
        }
    }
}

/// What an importer read from one archive.
#[derive(Debug)]
pub struct Imported {
    /// The rows of the five frames.
    pub rows: Rows,
    /// What was read, ignored and skipped.
    pub coverage: Coverage,
    /// The account id, where the archive says it.
    pub account_id: Option<String>,
    /// When the archive was made (ms), or the last activity in it: orders older and newer
    /// downloads of one account.
    pub as_of: Option<i64>,
}

/// A platform's importer.
pub trait Importer: Sync {
    /// The platform it reads.
    fn platform(&self) -> Platform;
    /// Recognises the platform and generation from the entries (never the archive's name).
    fn detect(&self, archive: &Archive) -> Option<Detection>;
    /// Whether two archives of this platform given together are parts of one export
    /// (LinkedIn's Basic and Complete zips, Facebook's multi-part download), to be read as
    /// one archive.
    fn joins_parts(&self, _first: (&Archive, &Detection), _other: (&Archive, &Detection)) -> bool {
        false
    }
    /// Whether `folder` (lower-cased) is one that a part of this platform's export wraps
    /// all its files in (`basic_linkedindataexport_05-01-2024/`), so that the same file in
    /// two parts compares equal without it.
    fn part_wrapper(&self, _folder: &str) -> bool {
        false
    }
    /// Why the outcome of sent invitations is unknown, where the archives do not list every
    /// one ([`Importer::knows_sent_invitations`] false).
    fn sent_invitations_note(&self) -> &'static str {
        "the archive does not list every invitation you sent, so no acceptance can be known"
    }
    /// Which segment of an entry's name (split at `/`) names a person, where the archive
    /// names folders after people (Messenger's `messages/inbox/<name>_<id>/`): `--redact`
    /// renames it.
    fn person_segment(&self, _entry: &str) -> Option<usize> {
        None
    }
    /// What a file that only adds to an archive is called (detected with `addition_only`).
    fn addition_name(&self) -> &'static str {
        "analytics export"
    }
    /// Whether the platform's archives hold the messages others sent the owner, not only
    /// the owner's (a Mastodon archive holds only what the owner wrote): without them, how
    /// others answer and who starts a conversation are unknown.
    fn holds_received_messages(&self) -> bool {
        true
    }
    /// Whether an archive of this generation holds only what the owner did (no reply,
    /// mention, like or message of anyone else): how others give back, support or answer
    /// is then unknown, not 0.
    fn one_sided(&self, _generation: &str) -> bool {
        !self.holds_received_messages()
    }
    /// Whether the imported archive holds a list of the owner's connections (followers,
    /// friends, connections): without one, every connections figure is unknown, not 0.
    fn has_connection_list(&self, _archive: &ImportedArchive) -> bool {
        true
    }
    /// How the address of a person's profile is made from their counterpart id; the
    /// default knows only ids that are web addresses themselves (a LinkedIn profile URL).
    fn profile_url(&self) -> crate::model::ProfileUrl {
        profile::web_address
    }
    /// Whether the platform's archives hold invitations (sent or received).
    fn has_invitations(&self) -> bool {
        false
    }
    /// Whether they list every invitation the owner sent, so that whether each was
    /// accepted is known (Facebook lists only the requests still pending).
    fn knows_sent_invitations(&self) -> bool {
        false
    }
    /// Reads the archive. An entry the analysis needs that cannot be read is an error; a
    /// record that cannot be read is counted in the coverage.
    fn import(
        &self,
        archive: &Archive,
        detection: &Detection,
        progress: &Progress,
    ) -> Result<Imported>;
}

/// A kind of file an importer plans to read.
pub(crate) trait PlannedKind: Copy + Sync {
    /// Why a file of this kind is not parsed at all; `None` to parse it.
    fn ignored(self) -> Option<&'static str>;
    /// Whether a file of this kind that cannot be read is a warning (the rest is read)
    /// rather than an error that stops the run.
    fn optional(self) -> bool;
    /// What its records are, for the coverage (`inspect`).
    fn what(self) -> &'static str;
}

/// What parsing one planned file gave.
pub(crate) enum Outcome<T> {
    /// Its content, how many records it held, and the problems in them.
    Read(T, u64, RecordProblems),
    /// Nothing rapport uses after all (a workbook that is not analytics), and why.
    Ignore(&'static str),
}

/// The coverage loop every importer shares: parses the files of `plan` in parallel (one
/// progress step each), records in `coverage` what was read, ignored or unreadable, and
/// returns the content of each file read, in plan order. A file that cannot be read stops
/// the run unless its kind is optional.
pub(crate) fn read_plan<'a, K: PlannedKind, T: Send>(
    archive: &Archive,
    plan: &[(&'a crate::archive::Entry, K)],
    progress: &Progress,
    coverage: &mut Coverage,
    parse: impl Fn(&crate::archive::Entry, K) -> std::result::Result<Outcome<T>, String> + Sync,
) -> Result<Vec<(&'a crate::archive::Entry, K, T)>> {
    let parsed: Vec<_> = plan
        .par_iter()
        .map(|(entry, kind)| {
            let result = kind.ignored().is_none().then(|| parse(entry, *kind));
            progress.step(&entry.name);
            result
        })
        .collect();
    let mut read = Vec::new();
    for ((entry, kind), result) in plan.iter().zip(parsed) {
        match result {
            None => coverage.ignore(&entry.name, kind.ignored().unwrap_or_default()),
            Some(Ok(Outcome::Ignore(reason))) => coverage.ignore(&entry.name, reason),
            Some(Ok(Outcome::Read(content, rows, problems))) => {
                coverage.read(&entry.name, kind.what(), rows);
                coverage.problems_in(&entry.name, problems);
                read.push((*entry, *kind, content));
            }
            Some(Err(problem)) if kind.optional() => coverage.unreadable(&entry.name, &problem),
            Some(Err(problem)) => {
                return Err(Error::entry(archive.label(), &entry.name, problem));
            }
        }
    }
    Ok(read)
}

/// Every importer, in the order detection tries them: the one place that knows which
/// platforms rapport reads. Platform lists everywhere else (summary.json's scopes, the
/// report's columns, detection's error) come from here, in this order.
pub static IMPORTERS: &[&dyn Importer] = &[
    &twitter::TwitterImporter,
    &linkedin::LinkedInImporter,
    // Before Facebook: an Instagram export holds Messenger-shaped threads that Facebook's
    // detection would take for its own.
    &instagram::InstagramImporter,
    &facebook::FacebookImporter,
    &mastodon::MastodonImporter,
];

/// The platforms rapport reads, in registry order.
pub fn platforms() -> impl Iterator<Item = Platform> {
    IMPORTERS.iter().map(|importer| importer.platform())
}

/// The importer of a platform, by the value of its `platform` column.
pub fn importer_of(platform: &str) -> Option<&'static dyn Importer> {
    IMPORTERS
        .iter()
        .copied()
        .find(|importer| importer.platform().as_str() == platform)
}

/// The platforms' names for people, as a list: "Twitter/X, LinkedIn or Facebook".
pub fn platform_titles() -> String {
    let titles: Vec<&str> = platforms().map(Platform::title).collect();
    match titles.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_string(),
        None => String::new(),
    }
}

/// One archive after import.
#[derive(Debug)]
pub struct ImportedArchive {
    /// The archive as the user named it.
    pub label: String,
    /// Its file name(s), for reports.
    pub file_name: String,
    /// The paths it was opened from.
    pub paths: Vec<PathBuf>,
    /// Platform and generation.
    pub detection: Detection,
    /// The account id, where known.
    pub account_id: Option<String>,
    /// When the archive was made, or its last activity.
    pub as_of: Option<i64>,
    /// Its rows as dataframes.
    pub dataset: Dataset,
    /// What was read.
    pub coverage: Coverage,
    /// Counterpart ids of sent invitations that carried a personal note.
    pub invitations_with_note: Vec<String>,
}

/// How archives are opened.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Size limits for entries.
    pub limits: Limits,
}

/// Opens, detects, groups and imports the archives at `paths`, in parallel.
/// The result is in the order the user gave the archives.
pub fn load(
    paths: &[PathBuf],
    options: LoadOptions,
    reporter: &Reporter,
) -> Result<Vec<ImportedArchive>> {
    let opened: Vec<(Archive, &'static dyn Importer, Detection)> = paths
        .par_iter()
        .map(|path| {
            let archive = Archive::open(path, options.limits)?;
            let (importer, detection) = detect::detect(&archive)?;
            Ok((archive, importer, detection))
        })
        .collect::<Result<_>>()?;
    let groups = group(opened)?;
    let imported = groups
        .into_par_iter()
        .map(|opened| import_opened(opened, reporter))
        .collect::<Result<Vec<_>>>()?;
    for archive in &imported {
        for line in archive.coverage.warning_lines() {
            reporter.warn(&format!("{}: {line}", archive.label));
        }
    }
    Ok(imported)
}

/// Imports one opened (and grouped) archive.
fn import_opened(opened: Opened, reporter: &Reporter) -> Result<ImportedArchive> {
    let (archive, importer, detection) = opened;
    let progress = reporter.bar(detection.platform.as_str(), archive.entries().len() as u64);
    let result = crate::timing::stage(&format!("import {}", archive.label()), || {
        importer.import(&archive, &detection, &progress)
    });
    progress.finish();
    let mut imported = result?;
    for left in archive.left_out() {
        if left.unread {
            imported.coverage.unreadable(&left.name, &left.why);
        } else {
            imported.coverage.ignore(&left.name, &left.why);
        }
    }
    let dataset = crate::timing::stage("rows to frames", || Dataset::from_rows(&imported.rows))?;
    let archive = ImportedArchive {
        label: archive.label().to_string(),
        file_name: archive.file_name(),
        paths: archive.paths().to_vec(),
        detection,
        account_id: imported.account_id,
        as_of: imported.as_of,
        dataset,
        coverage: imported.coverage,
        invitations_with_note: std::mem::take(&mut imported.rows.invitations_with_note),
    };
    // Millions of small strings: freed on another thread while this one goes on.
    let rows = std::mem::take(&mut imported.rows);
    rayon::spawn(move || drop(rows));
    Ok(archive)
}

/// Opens, detects and imports the archives at `paths` one group at a time, `jobs` at once,
/// handing each imported archive to `each` and dropping it: memory holds at most `jobs`
/// archives whatever the number of paths. The parts of one export and an addition (an
/// analytics export) join the archive they follow in `paths`. An archive that cannot be
/// opened or imported is reported to `failed` and the others go on.
pub fn load_each(
    paths: &[PathBuf],
    options: LoadOptions,
    reporter: &Reporter,
    jobs: usize,
    skip: &(dyn Fn(&Archive) -> bool + Sync),
    each: &(dyn Fn(ImportedArchive) -> Result<()> + Sync),
    failed: &(dyn Fn(Error) + Sync),
) {
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Opened>(jobs.max(1));
    let receiver = std::sync::Mutex::new(receiver);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let next = match receiver.lock() {
                        Ok(r) => r.recv(),
                        Err(_) => return,
                    };
                    let Ok(opened) = next else {
                        return;
                    };
                    if skip(&opened.0) {
                        continue;
                    }
                    let result = import_opened(opened, reporter).and_then(|archive| {
                        for line in archive.coverage.warning_lines() {
                            reporter.warn(&format!("{}: {line}", archive.label));
                        }
                        each(archive)
                    });
                    if let Err(e) = result {
                        failed(e);
                    }
                }
            });
        }
        let mut pending: Option<Opened> = None;
        for path in paths {
            let opened = Archive::open(path, options.limits).and_then(|archive| {
                let (importer, detection) = detect::detect(&archive)?;
                Ok((archive, importer, detection))
            });
            let item = match opened {
                Ok(item) => item,
                Err(e) => {
                    failed(e);
                    continue;
                }
            };
            if let Some(current) = pending.as_mut()
                && current.2.platform == item.2.platform
                && (item.2.addition_only
                    || current
                        .1
                        .joins_parts((&current.0, &current.2), (&item.0, &item.2)))
            {
                let importer = current.1;
                current.0.absorb(item.0, &|f| importer.part_wrapper(f));
                continue;
            }
            if item.2.addition_only {
                failed(Error::archive(
                    item.0.label(),
                    format!(
                        "a {} {} joins the archive it follows: give it right after its archive",
                        item.2.platform.title(),
                        item.1.addition_name()
                    ),
                ));
                continue;
            }
            if let Some(done) = pending.replace(item)
                && sender.send(done).is_err()
            {
                break;
            }
        }
        if let Some(done) = pending {
            let _ = sender.send(done);
        }
        drop(sender);
    });
}

/// What each platform's archives can show, in registry order: what its importer declares,
/// narrowed by the `archives` given (an archive of a one-sided generation; one without a
/// list of connections). A platform none of whose archives is given (a Parquet dataset)
/// keeps what its importer declares.
pub fn facts(archives: &[ImportedArchive]) -> Vec<crate::model::PlatformFacts> {
    IMPORTERS
        .iter()
        .map(|i| {
            let platform = i.platform();
            let given: Vec<&ImportedArchive> = archives
                .iter()
                .filter(|a| a.detection.platform == platform && !a.detection.addition_only)
                .collect();
            crate::model::PlatformFacts {
                platform,
                holds_received_messages: i.holds_received_messages(),
                has_invitations: i.has_invitations(),
                knows_sent_invitations: i.knows_sent_invitations(),
                sent_invitations_note: i.sent_invitations_note(),
                one_sided: if given.is_empty() {
                    i.one_sided("")
                } else {
                    given.iter().all(|a| i.one_sided(&a.detection.generation))
                },
                has_connection_list: given.is_empty()
                    || given.iter().any(|a| i.has_connection_list(a)),
                profile_url: i.profile_url(),
            }
        })
        .collect()
}

/// Says that a platform's main file is missing from an archive: what is unknown without it
/// and, where the archive still holds files that the missing one describes (photos and
/// videos of posts), how many. It goes to `inspect`, stderr and the top of the report.
pub fn warn_missing(
    coverage: &mut coverage::Coverage,
    entries: &[crate::archive::Entry],
    file: &str,
    consequence: &str,
    described: &[&str],
) {
    let left = entries
        .iter()
        .filter(|e| {
            let name = e.name.to_lowercase();
            described.iter().any(|d| name.contains(d))
        })
        .count();
    coverage.warnings.push(if left > 0 {
        format!(
            "{file} is missing from this archive: {consequence}, although it holds {left} \
             media files under {} that its records would describe",
            described.join(" or ")
        )
    } else {
        format!("no {file}: {consequence}")
    });
}

/// Which segment of an archive entry's name names a person, as any importer knows it.
pub fn person_segment(entry: &str) -> Option<usize> {
    IMPORTERS.iter().find_map(|i| i.person_segment(entry))
}

type Opened = (Archive, &'static dyn Importer, Detection);

/// Joins parts of one export: additions (an analytics CSV) go to the first archive of their
/// platform; for platforms whose exports come in parts, an archive joins the first of its
/// platform that its importer takes for another part of the same export.
fn group(opened: Vec<Opened>) -> Result<Vec<Opened>> {
    let mut groups: Vec<Opened> = Vec::new();
    let mut additions: Vec<Opened> = Vec::new();
    for item in opened {
        if item.2.addition_only {
            additions.push(item);
            continue;
        }
        let importer = item.1;
        match groups.iter_mut().find(|g| {
            g.2.platform == item.2.platform
                && importer.joins_parts((&g.0, &g.2), (&item.0, &item.2))
        }) {
            Some(existing) => existing.0.absorb(item.0, &|f| importer.part_wrapper(f)),
            None => groups.push(item),
        }
    }
    for (archive, importer, detection) in additions {
        match groups
            .iter_mut()
            .find(|g| g.2.platform == detection.platform)
        {
            Some(existing) => existing.0.absorb(archive, &|f| importer.part_wrapper(f)),
            None => {
                return Err(Error::archive(
                    archive.label(),
                    format!(
                        "a {} {} needs its archive: give the archive too",
                        detection.platform.title(),
                        importer.addition_name()
                    ),
                ));
            }
        }
    }
    Ok(groups)
}
