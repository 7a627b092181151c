//! `rapport import`: the common dataframes as Parquet in a Hive layout, one partition per
//! platform and account, and the people table of the links between platforms, written
//! atomically.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;

use super::{InputOptions, strict_exit};
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
pub struct Import {
    /// Archives and how to read them.
    #[command(flatten)]
    pub input: InputOptions,

    /// The directory to write: `<frame>/platform=<p>/account=<id>/part-0.parquet`.
    /// An existing rapport dataset there is replaced whole; any other directory is refused.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// A people file (as for `analyze`): its links are kept in the dataset's people table.
    #[arg(long, value_name = "FILE")]
    pub people: Option<PathBuf>,

    /// Keep no link made by the archives' own evidence (the same full name).
    #[arg(long)]
    pub no_link: bool,
}

/// Runs `import`.
pub fn run(cmd: &Import, reporter: &Reporter) -> Result<i32> {
    let people_file = match &cmd.people {
        Some(path) => Some(people_file::read(path).map_err(Error::People)?),
        None => None,
    };
    let archives = load(&cmd.input.archives, cmd.input.load_options(), reporter)?;
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
    write_dir_atomically(&cmd.out, is_dataset_dir, |dir| {
        written = parquet::write(dir, &partitions)
            .map_err(|source| Error::Output {
                path: cmd.out.clone(),
                source,
            })?
            .len();
        if !person_rows.is_empty() {
            people_table::write(dir, &person_rows).map_err(|source| Error::Output {
                path: cmd.out.clone(),
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
        cmd.out.display()
    ));
    strict_exit(cmd.input.strict, &archives)
}
