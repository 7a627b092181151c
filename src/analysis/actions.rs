//! The people to write to at the end of the period E, each with its reasons and since when:
//! a turn of theirs that started in [E - 30 days, E - 24 hours] and is unanswered (older
//! ones are history, not waiting), a connection made in the last 30 days and not followed
//! up, a supporter (3+ inbound) never reciprocated, a dormant relationship. A person is
//! placed by the first of their reasons in that order; within a reason by counterpart
//! strength, then by interactions in the year before the last 90 days, then by id and
//! platform; at most `--top`.

use std::collections::{BTreeMap, HashMap};

use polars::prelude::*;
use serde::Serialize;

use super::period::DAY_MS;
use super::relationships::{STRONG, rfc3339, supporter_list};
use super::{Figures, Scope};

/// How recent a connection must be for a missing follow-up to be an action, and a turn
/// for an unanswered one.
pub const RECENT_CONNECTION_MS: i64 = 30 * DAY_MS;

/// Why someone is on the list, in the order reasons are listed and people placed.
pub const REASONS: [&str; 4] = [
    "unanswered_turn",
    "not_followed_up",
    "unreciprocated_supporter",
    "dormant",
];

/// One person to write to.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Action {
    /// The platform.
    pub platform: String,
    /// The person.
    pub counterpart_id: String,
    /// The best name the archives give (display name, else `@handle`).
    pub counterpart_name: Option<String>,
    /// Their profile's address, made from the id where the platform has one (null under
    /// `--redact`).
    pub profile_url: Option<String>,
    /// Why, in [`REASONS`] order.
    pub reasons: Vec<String>,
    /// Their counterpart strength in the period.
    pub strength: u64,
    /// When the first of the reasons started (RFC 3339, UTC): the first message of the
    /// turn waiting for an answer, the connection, the supporter's first interaction in the
    /// period, the last interaction of a dormant relationship.
    pub since: String,
    /// The person's accounts.
    pub accounts: Vec<super::persons::PersonAccount>,
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
                &mut a.counterpart_name,
                &mut a.profile_url,
                pseudonym,
            );
            super::redact_accounts(&mut a.accounts, pseudonym);
        }
    }
}

/// One person's reasons: whether each applies, and since when.
type Reasons = [Option<i64>; 4];

/// Keeps the earliest time of a reason.
fn mark(reasons: &mut Reasons, reason: usize, at: i64) {
    if let Some(slot) = reasons.get_mut(reason) {
        *slot = Some(slot.map_or(at, |t| t.min(at)));
    }
}

/// Runs the analysis.
pub fn run(scope: &Scope) -> PolarsResult<Figures> {
    let end = scope.period.end;
    let mut reasons: BTreeMap<(String, String), Reasons> = BTreeMap::new();
    // In the overall scope, the reasons of every account of a person are one action.
    let mut add = |platform: &str, id: &str, reason: usize, at: i64| {
        let entry = reasons
            .entry(scope.persons.key_owned(platform, id))
            .or_default();
        mark(entry, reason, at);
    };
    let shared = scope.shared()?;
    for turn in &shared.owner_turns().unanswered {
        // Only a turn of the last 30 days is waiting; an older one is history.
        if turn.since >= end - RECENT_CONNECTION_MS {
            add(&turn.platform, &turn.counterpart_id, 0, turn.since);
        }
    }
    for c in shared.new_connections() {
        if !c.followed_up && c.at >= end - RECENT_CONNECTION_MS {
            add(&c.platform, &c.counterpart_id, 1, c.at);
        }
    }
    let counterparts = shared.counterparts();
    let first_inbound = first_inbound(scope)?;
    for s in supporter_list(counterparts) {
        if s.inbound >= STRONG && !s.reciprocated {
            let key = (s.platform.clone(), s.counterpart_id.clone());
            let at = first_inbound
                .get(&key)
                .copied()
                .unwrap_or(scope.period.start);
            add(&s.platform, &s.counterpart_id, 2, at);
        }
    }
    let mut history: HashMap<(String, String), u64> = HashMap::new();
    for d in shared.dormant() {
        let at = chrono::DateTime::parse_from_rfc3339(&d.last_interaction_at)
            .map_or(end, |t| t.timestamp_millis());
        add(&d.platform, &d.counterpart_id, 3, at);
        history.insert(
            (d.platform.clone(), d.counterpart_id.clone()),
            d.interactions_before,
        );
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
    let people = shared.people();
    let mut by_reason: BTreeMap<String, usize> =
        REASONS.iter().map(|r| (r.to_string(), 0)).collect();
    // (first reason, interactions in the year before the last 90 days, the action)
    let mut ranked: Vec<(usize, u64, Action)> = reasons
        .into_iter()
        .map(|(key, flags)| {
            let (strength, name) = known
                .get(&(key.0.as_str(), key.1.as_str()))
                .map(|(s, n)| (*s, n.cloned()))
                .unwrap_or((0, None));
            let first = flags.iter().position(Option::is_some).unwrap_or(0);
            let since = flags.iter().flatten().next().copied().unwrap_or(end);
            let reasons: Vec<String> = REASONS
                .iter()
                .zip(flags)
                .filter(|(_, on)| on.is_some())
                .map(|(r, _)| r.to_string())
                .collect();
            for r in &reasons {
                *by_reason.entry(r.clone()).or_default() += 1;
            }
            let before = history.get(&key).copied().unwrap_or(0);
            let action = Action {
                counterpart_name: scope.person_name(people, &key.0, &key.1, name),
                profile_url: scope.profile_url(&key.0, &key.1),
                accounts: scope.accounts_of(&key.0, &key.1),
                platform: key.0,
                counterpart_id: key.1,
                reasons,
                strength,
                since: rfc3339(since),
            };
            (first, before, action)
        })
        .collect();
    ranked.sort_by(|(r1, b1, a1), (r2, b2, a2)| {
        r1.cmp(r2)
            .then_with(|| a2.strength.cmp(&a1.strength))
            .then_with(|| b2.cmp(b1))
            .then_with(|| a1.counterpart_id.cmp(&a2.counterpart_id))
            .then_with(|| a1.platform.cmp(&a2.platform))
    });
    let result = Actions {
        actions_total: ranked.len(),
        actions_by_reason: by_reason,
        actions: ranked
            .into_iter()
            .take(scope.options.top)
            .map(|(_, _, a)| a)
            .collect(),
    };
    Ok(Figures::new(result, Vec::new()))
}

/// The first inbound interaction in the period of each counterpart (each person, overall).
fn first_inbound(scope: &Scope) -> PolarsResult<HashMap<(String, String), i64>> {
    let frame = &scope.within.interactions;
    let platform = super::columns::strs(frame, "platform")?;
    let id = super::columns::strs(frame, "counterpart_id")?;
    let direction = super::columns::strs(frame, "direction")?;
    let at = super::columns::times(frame, "at")?;
    let mut first: HashMap<(String, String), i64> = HashMap::new();
    for i in 0..frame.height() {
        let (Some(p), Some(c), Some(t)) = (platform[i], id[i], at[i]) else {
            continue;
        };
        if direction[i] == Some("inbound") {
            first
                .entry(scope.persons.key_owned(p, c))
                .and_modify(|f| *f = (*f).min(t))
                .or_insert(t);
        }
    }
    Ok(first)
}
