//! The analytics export `tweet_activity_metrics_<handle>_<from>_<to>_<lang>.csv`: per-tweet
//! impressions and counts, joined to the posts by tweet id.

use std::collections::HashMap;

use crate::import::coverage::RecordProblems;
use crate::import::fields::parse_count;

/// The counts one analytics row gives for a tweet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Metrics {
    /// `impressions`
    pub impressions: Option<u64>,
    /// `replies`
    pub replies: Option<u64>,
    /// `likes` (`favorites` before 2016)
    pub likes: Option<u64>,
    /// `retweets`
    pub reposts: Option<u64>,
}

/// Whether an entry name is a per-tweet analytics export.
pub fn is_analytics_name(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    lower.starts_with("tweet_activity_metrics") && lower.ends_with(".csv")
}

/// Whether an entry name is the per-day analytics export (not used: per tweet is finer).
pub fn is_daily_name(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    lower.starts_with("daily_tweet_activity_metrics") && lower.ends_with(".csv")
}

/// Parses the file into metrics by tweet id. Headers are matched by name (English, either
/// generation); a file without a `Tweet id` column is an error.
pub fn parse(
    text: &str,
    problems: &mut RecordProblems,
) -> Result<HashMap<String, Metrics>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| format!("cannot read the CSV header: {e}"))?
        .clone();
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    };
    let id_column = find(&["Tweet id"]).ok_or_else(|| {
        "no `Tweet id` column in the header (only English analytics exports are read)".to_string()
    })?;
    let columns = [
        find(&["impressions"]),
        find(&["replies"]),
        find(&["likes", "favorites"]),
        find(&["retweets"]),
    ];
    let mut metrics = HashMap::new();
    for (n, row) in reader.records().enumerate() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                problems.skip("rows that are not valid CSV", || {
                    format!("row {}: {e}", n + 2)
                });
                continue;
            }
        };
        let Some(id) = row.get(id_column).map(str::trim).filter(|v| !v.is_empty()) else {
            problems.skip("rows without a Tweet id", || format!("row {}", n + 2));
            continue;
        };
        let mut values = [None; 4];
        for (slot, column) in values.iter_mut().zip(columns) {
            let raw = column.and_then(|c| row.get(c)).unwrap_or("");
            *slot = match parse_count(raw) {
                Ok(v) => v,
                Err(raw) => {
                    problems.null_field("counts that are not numbers", || {
                        format!("tweet {id}: {raw:?}")
                    });
                    None
                }
            };
        }
        let [impressions, replies, likes, reposts] = values;
        metrics.insert(
            id.to_string(),
            Metrics {
                impressions,
                replies,
                likes,
                reposts,
            },
        );
    }
    Ok(metrics)
}
