//! Merging the datasets of several archives into one.
//!
//! Archives of different accounts or platforms are appended. Several archives of the same
//! account (an older and a newer download) are de-duplicated by (platform, id), keeping
//! the row from the newest archive; a post that only an older archive has is kept and
//! counted as deleted since.

use std::collections::{BTreeMap, HashSet};

use polars::prelude::*;

use super::ImportedArchive;
use crate::model::Dataset;

/// What merging did besides appending.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Per `platform/account`, posts that an older archive has and the newest does not.
    pub deleted_since: BTreeMap<String, u64>,
}

/// Merges the archives' datasets. Archives are taken newest first within an account.
pub fn merge(archives: &[&ImportedArchive]) -> PolarsResult<(Dataset, MergeReport)> {
    let mut report = MergeReport::default();
    if let [only] = archives {
        return Ok((only.dataset.clone(), report));
    }
    let key = |a: &&ImportedArchive| {
        format!(
            "{}/{}",
            a.detection.platform.as_str(),
            a.account_id.as_deref().unwrap_or("unknown")
        )
    };
    let mut order: Vec<usize> = (0..archives.len()).collect();
    // Stable: archives of one account newest first, otherwise in the order given.
    order.sort_by(|&a, &b| {
        key(&archives[a])
            .cmp(&key(&archives[b]))
            .then(archives[b].as_of.cmp(&archives[a].as_of))
    });
    let mut repeated_account = false;
    let mut seen_accounts: BTreeMap<String, usize> = BTreeMap::new();
    for &i in &order {
        let k = key(&archives[i]);
        match seen_accounts.get(&k) {
            None => {
                seen_accounts.insert(k, i);
            }
            Some(&newest) => {
                repeated_account = true;
                let kept: HashSet<&str> = post_ids(&archives[newest].dataset)?;
                let older = post_ids(&archives[i].dataset)?;
                let gone = older.iter().filter(|id| !kept.contains(*id)).count() as u64;
                *report.deleted_since.entry(k).or_default() += gone;
            }
        }
    }
    let merged = Dataset::merge(order.iter().map(|&i| archives[i].dataset.clone()).collect())?;
    if !repeated_account {
        return Ok((merged, report));
    }
    let unique = |df: &DataFrame, by: &[&str]| {
        let subset: Vec<String> = by.iter().map(|s| (*s).to_string()).collect();
        df.unique_stable(Some(&subset), UniqueKeepStrategy::First, None)
    };
    let all_interaction_columns: Vec<&str> = crate::model::schema::INTERACTIONS
        .iter()
        .map(|c| c.name)
        .collect();
    Ok((
        Dataset {
            posts: unique(&merged.posts, &["platform", "post_id"])?,
            interactions: unique(&merged.interactions, &all_interaction_columns)?,
            connections: merge_connections(&merged.connections)?,
            messages: unique(&merged.messages, &["platform", "message_id"])?,
            accounts: unique(&merged.accounts, &["platform", "account_id"])?,
        },
        report,
    ))
}

fn post_ids(dataset: &Dataset) -> PolarsResult<HashSet<&str>> {
    Ok(dataset
        .posts
        .column("post_id")?
        .str()?
        .iter()
        .flatten()
        .collect())
}

/// One row per person: the newest archive's fields, the earliest connection time.
fn merge_connections(connections: &DataFrame) -> PolarsResult<DataFrame> {
    let columns: Vec<Expr> = crate::model::schema::CONNECTIONS
        .iter()
        .map(|c| col(c.name))
        .collect();
    connections
        .clone()
        .lazy()
        .group_by_stable([col("platform"), col("counterpart_id")])
        .agg([
            col("name").first(),
            col("handle").first(),
            col("company").first(),
            col("position").first(),
            col("relation").first(),
            col("connected_at").min(),
        ])
        .select(columns)
        .collect()
}
