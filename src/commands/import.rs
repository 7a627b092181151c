//! `rapport import`: the common dataframes as Parquet in a Hive layout, one partition per
//! platform and account, written atomically.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;

use super::{InputOptions, strict_exit};
use crate::atomic::write_dir_atomically;
use crate::error::{Error, Result};
use crate::import::merge::merge;
use crate::import::{ImportedArchive, load};
use crate::model::parquet::{self, Partition, is_dataset_dir};
use crate::model::{Dataset, Platform};
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
}

/// Runs `import`.
pub fn run(cmd: &Import, reporter: &Reporter) -> Result<i32> {
    let archives = load(&cmd.input.archives, cmd.input.load_options(), reporter)?;
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
        Ok(())
    })?;
    let rows: usize = datasets.iter().map(|(_, _, d)| d.posts.height()).sum();
    reporter.info(&format!(
        "rapport: wrote {written} Parquet files ({} partitions, {rows} posts) to {}",
        partitions.len(),
        cmd.out.display()
    ));
    strict_exit(cmd.input.strict, &archives)
}
