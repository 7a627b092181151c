//! `rapport import`: the common dataframes as Parquet in a Hive layout, one partition per
//! platform and account, and the people table of the links between platforms, written
//! atomically.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;

use super::{ReadOptions, strict_exit};
use crate::analysis::people::People;
use crate::analysis::people_file;
use crate::analysis::persons::Linking;
use crate::atomic::write_dir_atomically;
use crate::error::{Error, Result};
use crate::import::merge::merge;
use crate::import::{ImportedArchive, load};
use crate::model::parquet::{self, Partition, is_dataset_dir};
use crate::model::people_table;
use crate::model::{Dataset, Platform};
use crate::pipeline::link_people;
use crate::progress::Reporter;

/// `rapport import`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["out", "into"])))]
pub struct Import {
    /// Archives: a `.zip`, several `.zip` parts of one export, an unpacked folder, or an
    /// extra file such as a `tweet_activity_metrics_*.csv` analytics export (right after its
    /// archive with --into).
    #[arg(value_name = "ARCHIVE")]
    pub archives: Vec<PathBuf>,

    /// How to read them.
    #[command(flatten)]
    pub read: ReadOptions,

    /// The directory to write: `<frame>/platform=<p>/account=<id>/part-0.parquet`.
    /// An existing rapport dataset there is replaced whole; any other directory is refused.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Add the archives to a lake instead: every download of every account kept, as
    /// `<table>/platform=P/account=A/download=D/`; an archive already there is skipped.
    #[arg(long, value_name = "LAKE", conflicts_with_all = ["people", "no_link"])]
    pub into: Option<PathBuf>,

    /// With --into: import this many archives at once (memory holds this many).
    #[arg(long, value_name = "N", default_value_t = 1, requires = "into",
          value_parser = clap::value_parser!(u32).range(1..=64))]
    pub jobs: u32,

    /// With --into: import only the I-th of N slices of the sorted list of archives
    /// (1-based), for batch arrays; every archive is in exactly one slice.
    #[arg(long, value_name = "I/N", requires = "into", value_parser = crate::model::lake::parse_shard)]
    pub shard: Option<(usize, usize)>,

    /// With --into: read the list of archives from this file, one path a line.
    #[arg(long, value_name = "FILE", requires = "into")]
    pub manifest: Option<PathBuf>,

    /// A people file (as for `analyze`): its links are kept in the dataset's people table.
    #[arg(long, value_name = "FILE")]
    pub people: Option<PathBuf>,

    /// Keep no link made by the archives' own evidence (the same full name).
    #[arg(long)]
    pub no_link: bool,
}

/// Runs `import`.
pub fn run(cmd: &Import, reporter: &Reporter) -> Result<i32> {
    if let Some(lake) = &cmd.into {
        return super::lake::import(cmd, lake, reporter);
    }
    let Some(out) = &cmd.out else {
        return Err(Error::Usage("give --out DIR or --into LAKE".into()));
    };
    if cmd.archives.is_empty() {
        return Err(Error::Usage("name the archives to import".into()));
    }
    let people_file = match &cmd.people {
        Some(path) => Some(people_file::read(path).map_err(Error::People)?),
        None => None,
    };
    let archives = load(&cmd.archives, cmd.read.load_options(), reporter)?;
    // The people of every archive, for the links between platforms.
    let mut people = People::default();
    let mut platforms: Vec<Platform> = Vec::new();
    for a in &archives {
        people.absorb(People::of(&a.dataset)?);
        if !platforms.contains(&a.detection.platform) {
            platforms.push(a.detection.platform);
        }
    }
    let linking = Linking {
        automatic: !cmd.no_link,
        file: people_file,
    };
    let (persons, _) = link_people(&people, &linking, &[], platforms.len())?;
    let person_rows = persons.rows();
    // Archives of one account (an older and a newer download) are merged into one partition.
    let mut by_account: BTreeMap<(Platform, String), Vec<&ImportedArchive>> = BTreeMap::new();
    for a in &archives {
        let account = a.account_id.clone().unwrap_or_else(|| "unknown".into());
        by_account
            .entry((a.detection.platform, account))
            .or_default()
            .push(a);
    }
    let mut datasets: Vec<(Platform, String, Dataset)> = Vec::new();
    for ((platform, account), group) in by_account {
        let dataset = if let [only] = group.as_slice() {
            only.dataset.clone()
        } else {
            merge(&group)?.0
        };
        datasets.push((platform, account, dataset));
    }
    let partitions: Vec<Partition<'_>> = datasets
        .iter()
        .map(|(platform, account, dataset)| Partition {
            platform: *platform,
            account,
            dataset,
        })
        .collect();
    let mut written = 0;
    write_dir_atomically(out, is_dataset_dir, |dir| {
        written = parquet::write(dir, &partitions)
            .map_err(|source| Error::Output {
                path: out.clone(),
                source,
            })?
            .len();
        if !person_rows.is_empty() {
            people_table::write(dir, &person_rows).map_err(|source| Error::Output {
                path: out.clone(),
                source,
            })?;
            written += 1;
        }
        Ok(())
    })?;
    let rows: usize = datasets.iter().map(|(_, _, d)| d.posts.height()).sum();
    reporter.info(&format!(
        "rapport: wrote {written} Parquet files ({} partitions, {rows} posts, {} people on \
         several platforms) to {}",
        partitions.len(),
        persons.links().len(),
        out.display()
    ));
    strict_exit(cmd.read.strict, &archives)
}
