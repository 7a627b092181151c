//! `rapport analyze`: read the archives, run every analysis in parallel over the period,
//! write summary.json atomically, then check the `--fail-if` gates and `--strict`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;

use super::{ReadOptions, strict_exit};
use crate::analysis::period::{self, Clock};
use crate::analysis::persons::Linking;
use crate::analysis::{Execution, Options, people_file};
use crate::error::{Error, Result};
use crate::model::Platform;
use crate::model::lake::{Download, Lake};
use crate::model::parquet::partition_value;
use crate::pipeline::gate::{self, Gate};
use crate::pipeline::{Input, Settings, read_input_of, sample_archives, summarize_with_progress};
use crate::progress::Reporter;
use crate::report::headline::Headline;
use crate::report::redact::Pseudonyms;
use crate::report::{self, Format, Report, cohort};

/// The people file of the sample archives, in `fixtures/`.
pub const SAMPLE_PEOPLE_FILE: &str = "people.csv";

/// `rapport analyze`.
#[derive(Debug, Args)]
pub struct Analyze {
    /// Archives (as for `inspect`), a Parquet dataset written by `rapport import --out`, or
    /// a lake written by `rapport import --into` (every download of every account).
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

    /// Time zone for hours, weekdays, weeks, months and dates (IANA name) [default: the zone
    /// the archives state, as Twitter's account-timezone.js does, else UTC].
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,

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

    /// A people file: one row per person, a `person` column and one column per platform
    /// with that person's id, handle or name there (as `rapport people` writes it). Its rows
    /// link accounts of different platforms into one person in the overall figures, and
    /// override the automatic links (a row of one account splits it off). With no ARCHIVE,
    /// fixtures/people.csv.
    #[arg(long, value_name = "FILE")]
    pub people: Option<PathBuf>,

    /// Link no accounts by the archives' own evidence (the same full name); only the
    /// people file's rows link.
    #[arg(long)]
    pub no_link: bool,

    /// Exit 3 when this condition on a summary.json key holds, e.g.
    /// 'responsiveness.within_24h_rate < 0.6' (repeatable; keys without a platform are
    /// the overall figures). The summary is written first.
    #[arg(long = "fail-if", value_name = "'KEY OP VALUE'")]
    pub fail_if: Vec<String>,

    /// In a lake of several accounts, analyze this one (its id, or platform/id).
    #[arg(long, value_name = "A", conflicts_with = "each")]
    pub account: Option<String>,

    /// With a lake: one report per account (in a folder each, inside --out) and a cohort:
    /// cohort.csv and cohort.parquet (one row per account with its headline figures),
    /// cohort_summary.csv (each figure's quartiles across accounts) and index.html.
    #[arg(long, conflicts_with = "fail_if")]
    pub each: bool,

    /// Run the analyses one after the other instead of in parallel (for measuring).
    #[arg(long, hide = true)]
    pub sequential: bool,
}

/// Runs `analyze`.
pub fn run(cmd: &Analyze, reporter: &Reporter) -> Result<i32> {
    let tz = match &cmd.tz {
        Some(zone) => Some(period::parse_tz(zone).map_err(Error::Usage)?),
        None => None,
    };
    let request = period::request(
        cmd.since.as_deref(),
        cmd.until.as_deref(),
        cmd.quarter.as_deref(),
    )?;
    let gates: Vec<Gate> = cmd
        .fail_if
        .iter()
        .map(|g| gate::parse(g))
        .collect::<std::result::Result<_, _>>()
        .map_err(Error::Usage)?;
    let formats = Format::parse_list(&cmd.format)?;
    let paths = if cmd.archives.is_empty() {
        sample_archives()?
    } else {
        cmd.archives.clone()
    };
    // The samples come with a people file, so that a new user sees a link it makes.
    let people_path = match &cmd.people {
        Some(path) => Some(path.clone()),
        None if cmd.archives.is_empty() => paths
            .first()
            .and_then(|p| p.parent())
            .map(|dir| dir.join(SAMPLE_PEOPLE_FILE))
            .filter(|p| p.is_file()),
        None => None,
    };
    let people_file = match &people_path {
        Some(path) => Some(people_file::read(path).map_err(Error::People)?),
        None => None,
    };
    if cmd.each {
        return run_each(
            cmd,
            &paths,
            &request,
            tz,
            &formats,
            people_file.as_ref(),
            reporter,
        );
    }
    let input = crate::timing::stage("read input", || {
        read_input_of(
            &paths,
            cmd.read.load_options(),
            reporter,
            cmd.account.as_deref(),
        )
    })?;
    let settings = settings(cmd, tz, request, &input, people_file)?;
    let started = Instant::now();
    let analyzed = summarize_with_progress(&input, &settings, &reporter.bar("analyze", 0))?;
    let elapsed = started.elapsed();
    // A gate that can never be checked is a usage error, found before anything is written.
    let outcome = gate::check(&gates, &analyzed.summary).map_err(Error::Usage)?;
    let out = match &cmd.out {
        Some(out) => out.clone(),
        None => Path::new("reports").join(report_name(&cmd.archives, &input)),
    };
    let pseudonyms = if cmd.redact {
        Some(
            Pseudonyms::new(&input.dataset, crate::import::person_segment)?
                .with_persons(&analyzed.header.persons),
        )
    } else {
        None
    };
    let written = Instant::now();
    let report = Report::new(
        analyzed,
        crate::pipeline::registry::sections(),
        pseudonyms.as_ref(),
        formats,
    );
    let main = crate::timing::stage("report", || report::write(&report, &out, reporter))?;
    reporter.info(&format!(
        "rapport: wrote {} (analyses {:.2} s, report {:.2} s)",
        main.display(),
        elapsed.as_secs_f64(),
        written.elapsed().as_secs_f64()
    ));
    for line in &outcome.skipped {
        reporter.warn(line);
    }
    if !outcome.failed.is_empty() {
        return Err(Error::Gate(outcome.failed));
    }
    strict_exit(cmd.read.strict, &input.archives)
}

/// The settings of a run on `input`: the zone given, else the one its archives state.
fn settings(
    cmd: &Analyze,
    tz: Option<chrono_tz::Tz>,
    request: period::PeriodRequest,
    input: &Input,
    people_file: Option<crate::analysis::people_file::PeopleFile>,
) -> Result<Settings> {
    Ok(Settings {
        options: Options {
            clock: match tz {
                Some(tz) => Clock::new(tz),
                None => Clock::stated(&input.dataset.accounts)?,
            },
            min_posts: cmd.min_posts as usize,
            top: cmd.top as usize,
        },
        request,
        compare_previous: cmd.compare_previous,
        execution: if cmd.sequential {
            Execution::Sequential
        } else {
            Execution::Parallel
        },
        linking: Linking {
            automatic: !cmd.no_link,
            file: people_file,
        },
    })
}

/// `analyze LAKE --each`: one report per account of the lake, and the cohort.
fn run_each(
    cmd: &Analyze,
    paths: &[PathBuf],
    request: &period::PeriodRequest,
    tz: Option<chrono_tz::Tz>,
    formats: &[Format],
    people_file: Option<&crate::analysis::people_file::PeopleFile>,
    reporter: &Reporter,
) -> Result<i32> {
    let [lake_path] = paths else {
        return Err(Error::Usage("--each reads one lake: give one LAKE".into()));
    };
    let label = lake_path.display().to_string();
    let lake = Lake::open(lake_path)
        .map_err(|p| Error::archive(&label, p.replacen(&format!("{label}: "), "", 1)))?;
    let downloads = lake.downloads().map_err(Error::from)?;
    // (platform, account id, its downloads), in the lake's order.
    let mut accounts: Vec<(Platform, String, Vec<Download>)> = Vec::new();
    for d in downloads {
        match accounts.last_mut() {
            Some((p, a, list)) if *p == d.platform && *a == d.account_id => list.push(d),
            _ => accounts.push((d.platform, d.account_id.clone(), vec![d])),
        }
    }
    let out = match &cmd.out {
        Some(out) => out.clone(),
        None => Path::new("reports").join(
            lake_path
                .file_name()
                .map_or_else(|| "lake".into(), |n| n.to_string_lossy().into_owned()),
        ),
    };
    let sections = crate::pipeline::registry::sections();
    let headlines: Vec<&'static Headline> = sections
        .iter()
        .flat_map(|s| s.headlines().iter())
        .chain(cohort::HISTORY)
        .collect();
    let bar = reporter.bar("accounts", accounts.len() as u64);
    let quiet = Reporter::silent();
    let started = Instant::now();
    crate::atomic::write_dir_atomically(
        &out,
        |d| d.join("cohort.csv").is_file(),
        |dir| {
            let mut rows = Vec::new();
            for (n, (platform, account, own)) in accounts.iter().enumerate() {
                let key = format!("{}/{account}", platform.as_str());
                let input = crate::pipeline::read_lake_downloads(&lake, own)?;
                let settings = settings(cmd, tz, *request, &input, people_file.cloned())?;
                let analyzed = crate::pipeline::summarize(&input, &settings)?;
                let (shown, folder) = if cmd.redact {
                    (format!("account {}", n + 1), format!("account-{}", n + 1))
                } else {
                    (
                        account.clone(),
                        format!("{}-{}", platform.as_str(), partition_value(account)),
                    )
                };
                rows.push(cohort::row(
                    &analyzed.summary,
                    &headlines,
                    platform.as_str(),
                    &shown,
                    own.len(),
                    &folder,
                ));
                let pseudonyms = if cmd.redact {
                    Some(
                        Pseudonyms::new(&input.dataset, crate::import::person_segment)?
                            .with_persons(&analyzed.header.persons),
                    )
                } else {
                    None
                };
                let report = Report::new(
                    analyzed,
                    sections.clone(),
                    pseudonyms.as_ref(),
                    formats.to_vec(),
                );
                report::write(&report, &dir.join(&folder), &quiet)?;
                bar.step(&key);
            }
            cohort::write(dir, &rows, &headlines)
        },
    )?;
    bar.finish();
    reporter.info(&format!(
        "rapport: wrote {} ({} accounts, {:.2} s)",
        out.join("index.html").display(),
        accounts.len(),
        started.elapsed().as_secs_f64()
    ));
    Ok(crate::error::EXIT_OK)
}

/// `reports/<name>`: the archive's name, or `fixtures` for the samples.
fn report_name(given: &[PathBuf], input: &Input) -> String {
    if given.is_empty() {
        return "fixtures".into();
    }
    let stem = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".zip").to_string())
            .unwrap_or_else(|| "archive".into())
    };
    let first = stem(&given[0]);
    let count = input.archives.len() + input.dataset_dirs.len();
    if count > 1 {
        format!("{first}-and-{}-more", count - 1)
    } else {
        first
    }
}
