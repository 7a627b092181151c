//! What changed between the downloads of one account: the connections gained and lost
//! between each pair of consecutive downloads (who unfollowed, or left), the number of
//! connections at each download (growth where connections have no time of their own), and
//! the posts deleted since an older download. Built from the archives given together or
//! from a lake, before the downloads are merged; a single download per account compares
//! nothing, and its figures are null with that reason.

use std::collections::{BTreeMap, HashMap, HashSet};

use polars::prelude::*;
use serde::Serialize;

use super::columns::strs;
use super::persons::PersonAccount;
use super::relationships::rfc3339;
use super::{Figure, Figures, Scope};
use crate::model::Dataset;

/// One download of one account, in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct DownloadPoint {
    /// The platform.
    pub platform: String,
    /// The account.
    pub account: String,
    /// When the export was made.
    pub at: i64,
    /// Its connections (people, whatever the relation).
    pub connections: usize,
}

/// One person gained or lost between two downloads.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The platform.
    pub platform: String,
    /// The counterpart.
    pub counterpart_id: String,
    /// The name the connection list gives.
    pub name: Option<String>,
    /// Gained (true) or lost.
    pub gained: bool,
    /// The older download.
    pub since: i64,
    /// The newer download, where the change is seen.
    pub at: i64,
}

/// The downloads and changes of the input.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Every download with a time, by account and time.
    pub downloads: Vec<DownloadPoint>,
    /// Every change between consecutive downloads of an account.
    pub changes: Vec<Change>,
    /// Per account with two downloads or more (platform): the posts an older download has
    /// and the newest does not (deleted since).
    pub deleted_posts: Vec<(String, usize)>,
}

impl History {
    /// The history of several downloads per account: `(platform, account, as_of, dataset)`.
    pub fn of(downloads: &[(&str, &str, Option<i64>, &Dataset)]) -> PolarsResult<History> {
        let mut by_account: BTreeMap<(&str, &str), Vec<(i64, &Dataset)>> = BTreeMap::new();
        for (platform, account, as_of, data) in downloads {
            if let Some(at) = as_of {
                by_account
                    .entry((platform, account))
                    .or_default()
                    .push((*at, data));
            }
        }
        let mut history = History::default();
        for ((platform, account), mut list) in by_account {
            list.sort_by_key(|(at, _)| *at);
            if let Some(((_, newest), older)) = list.split_last()
                && !older.is_empty()
            {
                let kept: HashSet<&str> = post_ids(newest)?;
                let mut gone: HashSet<&str> = HashSet::new();
                for (_, data) in older {
                    gone.extend(post_ids(data)?.into_iter().filter(|id| !kept.contains(id)));
                }
                history
                    .deleted_posts
                    .push((platform.to_string(), gone.len()));
            }
            let mut previous: Option<(i64, HashMap<String, Option<String>>)> = None;
            for (at, data) in list {
                let people = connections(data)?;
                history.downloads.push(DownloadPoint {
                    platform: platform.to_string(),
                    account: account.to_string(),
                    at,
                    connections: people.len(),
                });
                if let Some((since, before)) = &previous {
                    let now: HashSet<&String> = people.keys().collect();
                    let then: HashSet<&String> = before.keys().collect();
                    let mut changes: Vec<Change> = Vec::new();
                    for id in now.difference(&then) {
                        changes.push(change(platform, id, &people, true, *since, at));
                    }
                    for id in then.difference(&now) {
                        changes.push(change(platform, id, before, false, *since, at));
                    }
                    changes.sort_by(|a, b| a.counterpart_id.cmp(&b.counterpart_id));
                    history.changes.extend(changes);
                }
                previous = Some((at, people));
            }
        }
        Ok(history)
    }
}

fn change(
    platform: &str,
    id: &str,
    names: &HashMap<String, Option<String>>,
    gained: bool,
    since: i64,
    at: i64,
) -> Change {
    Change {
        platform: platform.to_string(),
        counterpart_id: id.to_string(),
        name: names.get(id).cloned().flatten(),
        gained,
        since,
        at,
    }
}

fn post_ids(data: &Dataset) -> PolarsResult<HashSet<&str>> {
    Ok(strs(&data.posts, "post_id")?
        .into_iter()
        .flatten()
        .collect())
}

/// The people of a download's connection list, with the name it gives.
fn connections(data: &Dataset) -> PolarsResult<HashMap<String, Option<String>>> {
    let frame = &data.connections;
    let (id, name) = (strs(frame, "counterpart_id")?, strs(frame, "name")?);
    let mut out = HashMap::new();
    for i in 0..frame.height() {
        if let Some(id) = id[i] {
            let entry = out.entry(id.to_string()).or_insert(None);
            if entry.is_none() {
                *entry = name[i].map(str::to_string);
            }
        }
    }
    Ok(out)
}

/// A connection lost between two downloads.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Lost {
    /// The platform.
    pub platform: String,
    /// The id.
    pub counterpart_id: String,
    /// The best name the archives give.
    pub counterpart_name: Option<String>,
    /// Their profile's address (null under `--redact`).
    pub profile_url: Option<String>,
    /// The download that still had them (RFC 3339, UTC).
    pub last_seen: String,
    /// The download that no longer has them.
    pub gone_by: String,
    /// The person's accounts.
    pub accounts: Vec<PersonAccount>,
}

/// The connections at one download.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AtDownload {
    /// The platform.
    pub platform: String,
    /// When the export was made (RFC 3339, UTC).
    pub download: String,
    /// People in its connection lists.
    pub connections: usize,
}

/// The `history` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct HistoryFigures {
    /// Downloads of the scope's accounts given (every one, not only the period's).
    pub downloads: usize,
    /// Pairs of consecutive downloads of one account whose time between them the period
    /// holds at least half of.
    pub compared: usize,
    /// People in the newer download's connections and not in the older one's, over those
    /// pairs.
    pub connections_gained: Figure<usize>,
    /// People in the older download's connections and not in the newer one's.
    pub connections_lost: Figure<usize>,
    /// The lost, most recent first, at most `--top`.
    pub lost: Vec<Lost>,
    /// The connections at each download with a time, oldest first.
    pub connections_by_download: Vec<AtDownload>,
    /// Posts an older download has and the newest one does not (all time, not only the
    /// period's).
    pub posts_deleted_since: Figure<usize>,
}

impl super::Outcome for HistoryFigures {
    fn redact(&mut self, pseudonym: super::Pseudonym) {
        for l in &mut self.lost {
            super::redact_person(
                &l.platform,
                &mut l.counterpart_id,
                &mut l.counterpart_name,
                &mut l.profile_url,
                pseudonym,
            );
            super::redact_accounts(&mut l.accounts, pseudonym);
        }
    }
}

/// Whether the period `[start, end]` holds at least half of the time between two
/// downloads `(since, at]`: a change seen between them happened then, and a pair of
/// downloads belongs to the one period, of two that follow each other, that holds most of
/// it (a quarter's review with downloads made a few days after each quarter's end counts
/// each pair once).
pub fn holds_most(start: i64, end: i64, since: i64, at: i64) -> bool {
    let overlap = (end.min(at) - start.max(since)).max(0);
    at > since && 2 * overlap >= at - since
}

/// Runs the analysis.
pub fn run(scope: &Scope) -> PolarsResult<Figures> {
    let present: HashSet<&str> = scope
        .present()?
        .iter()
        .map(|f| f.platform.as_str())
        .collect();
    let history = scope.history;
    let downloads: Vec<&DownloadPoint> = history
        .downloads
        .iter()
        .filter(|d| present.contains(d.platform.as_str()))
        .collect();
    let in_period =
        |since: i64, at: i64| holds_most(scope.period.start, scope.period.end, since, at);
    let mut compared = 0;
    for pair in downloads.windows(2) {
        if let [a, b] = pair
            && a.platform == b.platform
            && a.account == b.account
            && in_period(a.at, b.at)
        {
            compared += 1;
        }
    }
    let changes: Vec<&Change> = history
        .changes
        .iter()
        .filter(|c| present.contains(c.platform.as_str()) && in_period(c.since, c.at))
        .collect();
    let count = |gained: bool| {
        if compared == 0 {
            Figure::unknown(if downloads.len() < 2 {
                "one download per account: give two downloads of an account (or a lake) to \
                 see who came and who went"
            } else {
                "no two downloads of one account with at least half of the time between them in the period"
            })
        } else {
            Figure::known(changes.iter().filter(|c| c.gained == gained).count())
        }
    };
    let people = scope.shared()?.people();
    let mut lost: Vec<&&Change> = changes.iter().filter(|c| !c.gained).collect();
    lost.sort_by(|a, b| {
        b.at.cmp(&a.at)
            .then_with(|| a.counterpart_id.cmp(&b.counterpart_id))
    });
    let result = HistoryFigures {
        downloads: downloads.len(),
        compared,
        connections_gained: count(true),
        connections_lost: count(false),
        lost: lost
            .iter()
            .take(scope.options.top)
            .map(|c| Lost {
                counterpart_name: scope.person_name(
                    people,
                    &c.platform,
                    &c.counterpart_id,
                    c.name.clone(),
                ),
                profile_url: scope.profile_url(&c.platform, &c.counterpart_id),
                accounts: scope.accounts_of(&c.platform, &c.counterpart_id),
                platform: c.platform.clone(),
                counterpart_id: c.counterpart_id.clone(),
                last_seen: rfc3339(c.since),
                gone_by: rfc3339(c.at),
            })
            .collect(),
        posts_deleted_since: {
            let counts: Vec<usize> = history
                .deleted_posts
                .iter()
                .filter(|(p, _)| present.contains(p.as_str()))
                .map(|(_, n)| *n)
                .collect();
            if counts.is_empty() {
                Figure::unknown("one download per account: nothing to compare")
            } else {
                Figure::known(counts.iter().sum())
            }
        },
        connections_by_download: downloads
            .iter()
            .map(|d| AtDownload {
                platform: d.platform.clone(),
                download: rfc3339(d.at),
                connections: d.connections,
            })
            .collect(),
    };
    Ok(Figures::new(result, Vec::new()))
}
