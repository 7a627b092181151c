//! Merging the datasets of several archives into one.
//!
//! Archives of different accounts or platforms are appended. Several archives of the same
//! account (an older and a newer download) are de-duplicated by (platform, id), keeping
//! the row from the newest archive; a post that only an older archive has is kept and
//! counted as deleted since. The connections are the newest download's: who an older one
//! lists and the newest does not has left.

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

/// One dataset to merge: whose it is (`platform/account`), when it was made, its rows.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The platform and account, `twitter/1000001`.
    pub account: &'a str,
    /// When the export was made (or its last activity).
    pub as_of: Option<i64>,
    /// Its rows.
    pub dataset: &'a Dataset,
}

/// Merges the archives' datasets. Archives are taken newest first within an account.
pub fn merge(archives: &[&ImportedArchive]) -> PolarsResult<(Dataset, MergeReport)> {
    let keys: Vec<String> = archives
        .iter()
        .map(|a| {
            format!(
                "{}/{}",
                a.detection.platform.as_str(),
                a.account_id.as_deref().unwrap_or("unknown")
            )
        })
        .collect();
    let sources: Vec<Source> = archives
        .iter()
        .zip(&keys)
        .map(|(a, key)| Source {
            account: key,
            as_of: a.as_of,
            dataset: &a.dataset,
        })
        .collect();
    merge_sources(&sources)
}

/// Merges datasets: of different accounts appended, of one account de-duplicated with the
/// newest one's rows kept.
pub fn merge_sources(sources: &[Source]) -> PolarsResult<(Dataset, MergeReport)> {
    let mut report = MergeReport::default();
    if let [only] = sources {
        return Ok((only.dataset.clone(), report));
    }
    let mut order: Vec<usize> = (0..sources.len()).collect();
    // Stable: datasets of one account newest first, otherwise in the order given.
    order.sort_by(|&a, &b| {
        sources[a]
            .account
            .cmp(sources[b].account)
            .then(sources[b].as_of.cmp(&sources[a].as_of))
    });
    let mut repeated_account = false;
    // Per account: its newest dataset's posts, and the posts only older ones have.
    let mut accounts: BTreeMap<String, (HashSet<&str>, HashSet<&str>)> = BTreeMap::new();
    for &i in &order {
        let k = sources[i].account.to_string();
        match accounts.get_mut(&k) {
            None => {
                accounts.insert(k, (post_ids(sources[i].dataset)?, HashSet::new()));
            }
            Some((newest, gone)) => {
                repeated_account = true;
                // A post deleted after the second of three downloads is in both older
                // ones: counted once.
                for id in post_ids(sources[i].dataset)? {
                    if !newest.contains(id) {
                        gone.insert(id);
                    }
                }
            }
        }
    }
    for (k, (_, gone)) in accounts {
        if !gone.is_empty() {
            report.deleted_since.insert(k, gone.len() as u64);
        }
    }
    let merged = Dataset::merge(order.iter().map(|&i| sources[i].dataset.clone()).collect())?;
    if !repeated_account {
        return Ok((merged, report));
    }
    // The network is the newest download's: a person an older one lists and the newest
    // does not has left (docs/metrics.md, `history`).
    let mut newest: Vec<usize> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for &i in &order {
        if seen.insert(sources[i].account) {
            newest.push(i);
        }
    }
    let mut current = DataFrame::empty_with_schema(merged.connections.schema());
    for &i in &newest {
        current.vstack_mut(&sources[i].dataset.connections)?;
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
            connections: merge_connections(&current)?,
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
