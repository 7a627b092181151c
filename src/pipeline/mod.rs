//! The pipeline as a library: inputs through one door (archives and Parquet datasets),
//! merged and put in scope order, cut into scopes and periods, analysed in parallel, ready
//! for the report. Every command and test calls it; it is the one module that knows every
//! stage (commands -> pipeline -> import, analysis, report -> model, archive).

pub mod gate;
pub mod registry;
pub mod schema;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::analysis::history::History;
use crate::analysis::people::People;
use crate::analysis::period::{Period, PeriodRequest};
use crate::analysis::persons::{Link, Linking, PeopleSummary, Persons};
use crate::analysis::summary::{self, ArchiveEntry, Header, PlatformCoverage};
use crate::analysis::table::Table;
use crate::analysis::{
    Analyzed, Execution, InvitationNotes, Options, Scope, ScopeFigures, activity_range,
    platform_slice, run_all_with_progress, scope_order,
};
use crate::error::{Error, Result};
use crate::import::coverage::FileStatus;
use crate::import::merge::{Source, merge_sources};
use crate::import::{ImportedArchive, LoadOptions, load};
use crate::model::lake::{Lake, is_lake};
use crate::model::parquet::{self, is_dataset_dir};
use crate::model::{Dataset, Platform};
use crate::progress::{Progress, Reporter};

/// The sample archives `analyze` reads when given none, relative to `fixtures/`.
pub const SAMPLE_ARCHIVES: [&str; 7] = [
    "twitter-2023",
    "twitter-analytics/tweet_activity_metrics_adalove_20230101_20230201_en.csv",
    "linkedin-2024",
    "linkedin-analytics/Content_2024-05-01_2024-07-31_AdaExample.xlsx",
    "instagram-2024",
    "facebook-2024",
    "mastodon-2024",
];

/// Everything the analyses need, read from the inputs.
pub struct Input {
    /// The archives read (Parquet datasets are not archives); their rows are in `dataset`
    /// only (each archive's own `dataset` is left empty, so no frame is held twice).
    pub archives: Vec<ImportedArchive>,
    /// Parquet datasets read.
    pub dataset_dirs: Vec<PathBuf>,
    /// All rows, merged, in [`scope_order`].
    pub dataset: Dataset,
    /// Sent invitations with a note.
    pub invitation_notes: InvitationNotes,
    /// The links the Parquet datasets read keep (their people tables).
    pub stored_links: Vec<Link>,
    /// The downloads of each account and what changed between them.
    pub history: History,
}

/// The parsed settings of a run.
pub struct Settings {
    /// The analyses' options.
    pub options: Options,
    /// How the period was asked for.
    pub request: PeriodRequest,
    /// `--compare-previous`.
    pub compare_previous: bool,
    /// How to run.
    pub execution: Execution,
    /// How accounts are linked into persons (`--people`, `--no-link`).
    pub linking: Linking,
}

/// The sample archives in `fixtures/`: beside the working directory when run from a
/// clone, else where the crate was built.
pub fn sample_archives() -> Result<Vec<PathBuf>> {
    let candidates = [
        PathBuf::from("fixtures"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
    ];
    let dir = candidates
        .iter()
        .find(|d| d.join(SAMPLE_ARCHIVES[0]).exists())
        .ok_or_else(|| {
            Error::Usage(
                "no ARCHIVE given and no fixtures/ folder with the sample archives here; \
                 name your archive: rapport analyze twitter-archive.zip"
                    .into(),
            )
        })?;
    Ok(SAMPLE_ARCHIVES.iter().map(|a| dir.join(a)).collect())
}

/// Reads archives and Parquet datasets and merges them.
pub fn read_input(paths: &[PathBuf], options: LoadOptions, reporter: &Reporter) -> Result<Input> {
    read_input_of(paths, options, reporter, None)
}

/// [`read_input`], a lake's downloads cut to one account (`--account`: the id, or
/// `platform/id`). A lake of several accounts of one platform needs one.
pub fn read_input_of(
    paths: &[PathBuf],
    options: LoadOptions,
    reporter: &Reporter,
    account: Option<&str>,
) -> Result<Input> {
    let (lakes, rest): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(|p| is_lake(p));
    let (dataset_dirs, archive_paths): (Vec<PathBuf>, Vec<PathBuf>) =
        rest.into_iter().partition(|p| is_dataset_dir(p));
    let archives = if archive_paths.is_empty() {
        Vec::new()
    } else {
        load(&archive_paths, options, reporter)?
    };
    let mut downloads: Vec<LakeDownload> = Vec::new();
    for lake in &lakes {
        downloads.extend(read_lake(lake, account)?);
    }
    assemble(archives, downloads, dataset_dirs, lakes)
}

/// The input of some downloads of one lake (one account's, for `--each`), the lake opened
/// and its manifest read once by the caller.
pub fn read_lake_downloads(
    lake: &Lake,
    downloads: &[crate::model::lake::Download],
) -> Result<Input> {
    let label = lake.root().display().to_string();
    let mut read = Vec::new();
    for d in downloads {
        let data = lake
            .read(d)
            .map_err(|e| Error::archive(&label, format!("not a readable rapport lake: {e}")))?;
        read.push((
            d.platform.as_str().to_string(),
            d.account_id.clone(),
            d.as_of,
            data,
        ));
    }
    assemble(
        Vec::new(),
        read,
        Vec::new(),
        vec![lake.root().to_path_buf()],
    )
}

/// The input of archives, lake downloads and Parquet datasets: every download compared
/// with the one before it of its account (`history`), then all merged.
fn assemble(
    archives: Vec<ImportedArchive>,
    downloads: Vec<LakeDownload>,
    dataset_dirs: Vec<PathBuf>,
    lakes: Vec<PathBuf>,
) -> Result<Input> {
    let keyed: Vec<(&str, &str, Option<i64>, &Dataset)> = archives
        .iter()
        .map(|a| {
            (
                a.detection.platform.as_str(),
                a.account_id.as_deref().unwrap_or("unknown"),
                a.as_of,
                &a.dataset,
            )
        })
        .chain(
            downloads
                .iter()
                .map(|(p, a, at, d)| (p.as_str(), a.as_str(), *at, d)),
        )
        .collect();
    let history = History::of(&keyed)?;
    let accounts: Vec<String> = keyed
        .iter()
        .map(|(p, a, _, _)| format!("{p}/{a}"))
        .collect();
    let sources: Vec<Source> = keyed
        .iter()
        .zip(&accounts)
        .map(|((_, _, as_of, dataset), account)| Source {
            account,
            as_of: *as_of,
            dataset,
        })
        .collect();
    let mut parts = vec![crate::timing::stage("merge", || merge_sources(&sources))?.0];
    drop(keyed);
    drop(downloads);
    let mut stored_links = Vec::new();
    for dir in &dataset_dirs {
        let unreadable = |e: polars::error::PolarsError| {
            Error::archive(
                &dir.display().to_string(),
                format!("not a readable rapport dataset: {e}"),
            )
        };
        parts.push(parquet::read(dir).map_err(unreadable)?);
        let rows = crate::model::people_table::read(dir).map_err(unreadable)?;
        stored_links.extend(Persons::links_of_rows(&rows));
    }
    let dataset = crate::timing::stage("scope order", || scope_order(&Dataset::merge(parts)?))?;
    let mut archives = archives;
    for archive in &mut archives {
        archive.dataset = Dataset::empty();
    }
    let invitation_notes = if dataset_dirs.is_empty() && lakes.is_empty() {
        let mut set = HashSet::new();
        for a in &archives {
            for id in &a.invitations_with_note {
                set.insert((a.detection.platform.as_str().to_string(), id.clone()));
            }
        }
        Some(set)
    } else {
        None
    };
    let mut dataset_dirs = dataset_dirs;
    dataset_dirs.extend(lakes);
    Ok(Input {
        archives,
        dataset_dirs,
        dataset,
        invitation_notes,
        stored_links,
        history,
    })
}

/// One download read from a lake: platform, account, when it was made, its rows.
type LakeDownload = (String, String, Option<i64>, Dataset);

/// Whether a download of the lake is of `account` (its id, its path segment, or
/// `platform/id`).
pub fn is_account(download: &crate::model::lake::Download, account: &str) -> bool {
    let id = &download.account_id;
    account == id
        || account == crate::model::parquet::partition_value(id)
        || account == format!("{}/{id}", download.platform.as_str())
}

/// Every download of a lake (of one account, with `account`).
fn read_lake(dir: &Path, account: Option<&str>) -> Result<Vec<LakeDownload>> {
    let label = dir.display().to_string();
    let lake = Lake::open(dir)
        .map_err(|p| Error::archive(&label, p.replacen(&format!("{label}: "), "", 1)))?;
    let unreadable = |e: polars::error::PolarsError| {
        Error::archive(&label, format!("not a readable rapport lake: {e}"))
    };
    let mut downloads = lake.downloads().map_err(unreadable)?;
    match account {
        Some(a) => {
            downloads.retain(|d| is_account(d, a));
            if downloads.is_empty() {
                return Err(Error::Usage(format!(
                    "{label}: no account '{a}' in the lake ({})",
                    accounts_of(&lake.downloads().map_err(unreadable)?)
                )));
            }
        }
        None => {
            let all = accounts_of(&downloads);
            let mut platforms: Vec<_> = downloads
                .iter()
                .map(|d| (d.platform, &d.account_id))
                .collect();
            platforms.dedup();
            let several = platforms.windows(2).any(|w| w[0].0 == w[1].0);
            if several {
                return Err(Error::Usage(format!(
                    "{label}: the lake holds several accounts of one platform ({all}): pick \
                     one with --account, or give --each for one report per account"
                )));
            }
        }
    }
    let mut out = Vec::new();
    for d in downloads {
        let data = lake.read(&d).map_err(unreadable)?;
        out.push((
            d.platform.as_str().to_string(),
            d.account_id.clone(),
            d.as_of,
            data,
        ));
    }
    Ok(out)
}

/// The accounts of a lake's downloads as a list for people: `twitter/1000001, ...`.
fn accounts_of(downloads: &[crate::model::lake::Download]) -> String {
    let mut list: Vec<String> = downloads
        .iter()
        .map(|d| format!("{}/{}", d.platform.as_str(), d.account_id))
        .collect();
    list.dedup();
    let more = list.len().saturating_sub(5);
    list.truncate(5);
    if more > 0 {
        list.push(format!("{more} more"));
    }
    list.join(", ")
}

/// The platforms that have any row, in registry order.
fn platforms(data: &Dataset) -> Result<Vec<Platform>> {
    let mut present = HashSet::new();
    for (_, frame) in data.frames() {
        for p in crate::analysis::columns::strs(frame, "platform")?
            .into_iter()
            .flatten()
        {
            present.insert(p.to_string());
        }
    }
    Ok(crate::import::platforms()
        .filter(|p| present.contains(p.as_str()))
        .collect())
}

/// Runs the analyses and builds summary.json and the detail tables.
pub fn summarize(input: &Input, settings: &Settings) -> Result<Analyzed> {
    summarize_with_progress(input, settings, &Progress::hidden())
}

/// [`summarize`], one step of `progress` per analysis of each scope.
pub fn summarize_with_progress(
    input: &Input,
    settings: &Settings,
    progress: &Progress,
) -> Result<Analyzed> {
    let options = &settings.options;
    let activity = activity_range(&input.dataset)?;
    let resolved = settings.request.resolve(&options.clock, activity);
    let previous_of = |p: Period| settings.request.previous(&options.clock, p);
    let mut notes = Vec::new();
    if resolved.is_none() {
        notes.push(
            "period: the archives hold no activity (no post, interaction or message with a \
             time) and no --since/--until/--quarter was given"
                .to_string(),
        );
    }
    // An empty period: every figure is 0 or null.
    let period = resolved.unwrap_or(Period { start: 0, end: -1 });
    let present = platforms(&input.dataset)?;
    // The input is in scope order: every scope and period below is a slice of it.
    let dataset = &input.dataset;
    // With one platform, its figures are the overall ones: computed once, reported twice.
    let mut names: Vec<(String, Dataset)> = vec![("overall".into(), dataset.clone())];
    if present.len() > 1 {
        for p in &present {
            names.push((p.as_str().into(), platform_slice(dataset, p.as_str())?));
        }
    }
    let facts = crate::import::facts(&input.archives);
    let (persons, people) = link_persons(
        dataset,
        &settings.linking,
        &input.stored_links,
        present.len(),
    )?;
    let mut scopes = Vec::new();
    let mut periods = vec![period];
    if settings.compare_previous {
        periods.push(previous_of(period));
    }
    for p in periods {
        for (name, data) in &names {
            let scope = Scope::new(
                name,
                data.clone(),
                p,
                options,
                &input.invitation_notes,
                &facts,
            )?;
            // Only the overall scope of several platforms merges a person's accounts.
            let scope = scope.with_history(&input.history);
            scopes.push(if name == "overall" {
                scope.with_persons(&persons)
            } else {
                scope
            });
        }
    }
    let analyses = crate::pipeline::registry::analyses();
    progress.set_length((scopes.len() * analyses.len()) as u64);
    let mut results = crate::timing::stage("analyses", || {
        run_all_with_progress(&scopes, &analyses, settings.execution, progress)
    })?;
    progress.finish();
    let previous: Vec<Vec<_>> = if settings.compare_previous {
        results.split_off(names.len())
    } else {
        Vec::new()
    };
    let mut previous = previous.into_iter();
    let mut figures: Vec<ScopeFigures> = names
        .iter()
        .zip(results)
        .map(|((name, _), current)| ScopeFigures {
            name: name.clone(),
            current,
            previous: previous.next(),
        })
        .collect();
    if let ([only], [overall]) = (present.as_slice(), figures.as_slice()) {
        let platform = ScopeFigures {
            name: only.as_str().into(),
            ..overall.clone()
        };
        figures.push(platform);
    }
    let header = Header {
        period: resolved,
        previous: resolved
            .filter(|_| settings.compare_previous)
            .map(previous_of),
        options: options.clone(),
        compare_previous: settings.compare_previous,
        archives: archive_entries(input),
        coverage: coverage(&input.archives),
        notes,
        people,
        persons: persons.clone(),
        warnings: input
            .archives
            .iter()
            .flat_map(|a| {
                a.coverage
                    .warnings
                    .iter()
                    .map(move |w| format!("{}: {w}", a.label))
            })
            .collect(),
    };
    let mut tables: Vec<Table> = Vec::new();
    for table in figures
        .iter()
        .take(1)
        .flat_map(|f| &f.current)
        .flat_map(|(_, f)| &f.tables)
    {
        match tables.iter_mut().find(|t| t.name == table.name) {
            Some(existing) => existing.rows.extend(table.rows.iter().cloned()),
            None => tables.push(table.clone()),
        }
    }
    Ok(Analyzed {
        summary: summary::build(&header, &figures),
        header,
        scopes: figures,
        tables,
    })
}

/// The persons of the overall scope: the archives' links (unless `--no-link`), those the
/// datasets read keep, and the people file's, checked against every account the archives
/// know. With one platform the
/// overall scope is that platform's, which never merges: no link.
pub fn link_persons(
    dataset: &Dataset,
    linking: &Linking,
    stored: &[Link],
    platforms: usize,
) -> Result<(Persons, PeopleSummary)> {
    let people = crate::timing::stage("people", || People::of(dataset))?;
    link_people(&people, linking, stored, platforms)
}

/// [`link_persons`] from what the archives say of each counterpart.
pub fn link_people(
    people: &People,
    linking: &Linking,
    stored: &[Link],
    platforms: usize,
) -> Result<(Persons, PeopleSummary)> {
    let persons = Persons::build(people, linking.file.as_ref(), linking.automatic, stored)
        .map_err(Error::People)?;
    let persons = if platforms > 1 {
        persons
    } else {
        Persons::default()
    };
    let summary = PeopleSummary::of(&persons, people, linking);
    Ok((persons, summary))
}

fn archive_entries(input: &Input) -> Vec<ArchiveEntry> {
    let mut list: Vec<ArchiveEntry> = input
        .archives
        .iter()
        .map(|a| ArchiveEntry {
            file: a.file_name.clone(),
            platform: a.detection.platform.as_str().into(),
            generation: a.detection.generation.clone(),
            account: a.account_id.clone(),
        })
        .collect();
    for dir in &input.dataset_dirs {
        list.push(ArchiveEntry {
            file: dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| dir.display().to_string()),
            platform: "dataset".into(),
            generation: "parquet".into(),
            account: None,
        });
    }
    list
}

fn coverage(archives: &[ImportedArchive]) -> BTreeMap<String, PlatformCoverage> {
    let mut out: BTreeMap<String, PlatformCoverage> = BTreeMap::new();
    let several = |platform: Platform| {
        archives
            .iter()
            .filter(|a| a.detection.platform == platform)
            .count()
            > 1
    };
    for a in archives {
        let platform = a.detection.platform;
        let entry = out.entry(platform.as_str().into()).or_default();
        let prefix = if several(platform) {
            format!("{}: ", a.file_name)
        } else {
            String::new()
        };
        for file in &a.coverage.files {
            match &file.status {
                FileStatus::Read { rows, .. } => {
                    entry.files_read += 1;
                    *entry
                        .rows_per_file
                        .entry(format!("{prefix}{}", file.entry))
                        .or_default() += rows;
                }
                FileStatus::Ignored { .. } => entry.files_ignored += 1,
                FileStatus::Unreadable { .. } => entry.files_unreadable += 1,
            }
        }
        for problems in a.coverage.problems.values() {
            for (reason, n) in &problems.reasons {
                *entry.records_skipped.entry(reason.clone()).or_default() += n;
            }
        }
    }
    out
}
