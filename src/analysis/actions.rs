//! The people to write to at the end of the period, each with its reasons: a turn of
//! theirs unanswered for more than 24 hours, a dormant relationship, a connection made in
//! the last 30 days and not followed up, a supporter (3+ inbound) never reciprocated.
//! Ordered by counterpart strength, ties by id, at most `--top`.

use std::collections::{BTreeMap, HashMap};

use polars::prelude::*;
use serde::Serialize;

use super::period::DAY_MS;
use super::relationships::{STRONG, sort_ranked, supporter_list};
use super::{Figures, Scope};

/// How recent a connection must be for a missing follow-up to be an action.
pub const RECENT_CONNECTION_MS: i64 = 30 * DAY_MS;

/// Why someone is on the list, in the order reasons are listed.
pub const REASONS: [&str; 4] = [
    "unanswered_turn",
    "dormant",
    "not_followed_up",
    "unreciprocated_supporter",
];

/// One person to write to.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Action {
    /// The platform.
    pub platform: String,
    /// The person.
    pub counterpart_id: String,
    /// The display name, where known.
    pub counterpart_name: Option<String>,
    /// Why, in [`REASONS`] order.
    pub reasons: Vec<String>,
    /// Their counterpart strength in the period.
    pub strength: u64,
}

/// The `actions` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Actions {
    /// People with at least one reason.
    pub actions_total: usize,
    /// People per reason.
    pub actions_by_reason: BTreeMap<String, usize>,
    /// The first `--top` of them.
    pub actions: Vec<Action>,
}

impl super::Outcome for Actions {
    fn redact(&mut self, pseudonym: super::Pseudonym) {
        for a in &mut self.actions {
            super::redact_person(
                &a.platform,
                &mut a.counterpart_id,
                Some(&mut a.counterpart_name),
                pseudonym,
            );
        }
    }
}

/// Runs the analysis.
pub fn run(scope: &Scope) -> PolarsResult<Figures> {
    let end = scope.period.end;
    let mut reasons: BTreeMap<(String, String), [bool; 4]> = BTreeMap::new();
    let mut add = |platform: &str, id: &str, reason: usize| {
        reasons
            .entry((platform.to_string(), id.to_string()))
            .or_default()[reason] = true;
    };
    let shared = scope.shared()?;
    for turn in &shared.owner_turns().unanswered {
        add(&turn.platform, &turn.counterpart_id, 0);
    }
    for d in shared.dormant() {
        add(&d.platform, &d.counterpart_id, 1);
    }
    for c in shared.new_connections() {
        if !c.followed_up && c.at >= end - RECENT_CONNECTION_MS {
            add(&c.platform, &c.counterpart_id, 2);
        }
    }
    let counterparts = shared.counterparts();
    for s in supporter_list(counterparts) {
        if s.inbound >= STRONG && !s.reciprocated {
            add(&s.platform, &s.counterpart_id, 3);
        }
    }
    let known: HashMap<(&str, &str), (u64, Option<&String>)> = counterparts
        .iter()
        .map(|c| {
            (
                (c.platform.as_str(), c.counterpart_id.as_str()),
                (c.strength, c.counterpart_name.as_ref()),
            )
        })
        .collect();
    let names = connection_names(scope)?;
    let mut by_reason: BTreeMap<String, usize> =
        REASONS.iter().map(|r| (r.to_string(), 0)).collect();
    let mut list: Vec<Action> = reasons
        .into_iter()
        .map(|(key, flags)| {
            let (strength, name) = known
                .get(&(key.0.as_str(), key.1.as_str()))
                .map(|(s, n)| (*s, n.cloned()))
                .unwrap_or((0, None));
            let reasons: Vec<String> = REASONS
                .iter()
                .zip(flags)
                .filter(|(_, on)| *on)
                .map(|(r, _)| r.to_string())
                .collect();
            for r in &reasons {
                *by_reason.entry(r.clone()).or_default() += 1;
            }
            Action {
                counterpart_name: name.or_else(|| names.get(&key).cloned()),
                platform: key.0,
                counterpart_id: key.1,
                reasons,
                strength,
            }
        })
        .collect();
    sort_ranked(&mut list, |a| a.strength);
    let result = Actions {
        actions_total: list.len(),
        actions_by_reason: by_reason,
        actions: list.into_iter().take(scope.options.top).collect(),
    };
    Ok(Figures::new(result, Vec::new()))
}

/// Names from connections, for people who have no interaction in the period.
fn connection_names(scope: &Scope) -> PolarsResult<HashMap<(String, String), String>> {
    let c = &scope.all.connections;
    let platform = super::columns::strs(c, "platform")?;
    let id = super::columns::strs(c, "counterpart_id")?;
    let name = super::columns::strs(c, "name")?;
    Ok((0..c.height())
        .filter_map(|i| {
            Some((
                (platform[i]?.to_string(), id[i]?.to_string()),
                name[i]?.to_string(),
            ))
        })
        .collect())
}
