//! Following up on new connections: a connection made at time t is followed up when the
//! owner has an outbound interaction with that person (a message included, an invitation
//! not) in [t, t + 7 days], on any account of the person (overall: a LinkedIn connection
//! followed up by a message on Facebook to the same person counts).

use std::collections::HashMap;

use polars::prelude::*;
use serde::Serialize;

use super::columns::{strs, times};
use super::period::DAY_MS;
use super::persons::Persons;
use super::stats::share;
use super::{Figure, Figures, Scope};
use crate::model::{Dataset, InteractionKind};

/// The follow-up window.
pub const FOLLOW_UP_MS: i64 = 7 * DAY_MS;

/// A connection made in the period with a known time.
#[derive(Debug, Clone, PartialEq)]
pub struct NewConnection {
    /// The platform.
    pub platform: String,
    /// The person.
    pub counterpart_id: String,
    /// When the connection was made.
    pub at: i64,
    /// Whether the owner followed up within 7 days.
    pub followed_up: bool,
}

/// Sorted times per (platform, counterpart), keyed by the person's key in the scope.
pub type TimesByCounterpart = HashMap<(String, String), Vec<i64>>;

/// The owner's outbound interaction times per counterpart, sorted, built in one pass.
#[derive(Debug, Default)]
pub struct OutboundIndex {
    /// Every kind but invitations (what follows up a connection).
    pub not_invitations: TimesByCounterpart,
    /// Direct messages alone (what moves an exchange to one-on-one).
    pub messages: TimesByCounterpart,
}

/// The owner's outbound interaction times in `data`, under each account's person key.
pub fn outbound_index(data: &Dataset, persons: &Persons) -> PolarsResult<OutboundIndex> {
    let frame = &data.interactions;
    let platform = strs(frame, "platform")?;
    let id = strs(frame, "counterpart_id")?;
    let direction = strs(frame, "direction")?;
    let kind = strs(frame, "kind")?;
    let at = times(frame, "at")?;
    let mut index = OutboundIndex::default();
    let (invitation, message) = (
        InteractionKind::Invitation.as_str(),
        InteractionKind::Message.as_str(),
    );
    for i in 0..frame.height() {
        let (Some(k), Some(p), Some(c), Some(t)) = (kind[i], platform[i], id[i], at[i]) else {
            continue;
        };
        if direction[i] != Some("outbound") || k == invitation {
            continue;
        }
        let key = persons.key_owned(p, c);
        if k == message {
            index.messages.entry(key.clone()).or_default().push(t);
        }
        index.not_invitations.entry(key).or_default().push(t);
    }
    for times in index
        .not_invitations
        .values_mut()
        .chain(index.messages.values_mut())
    {
        times.sort_unstable();
    }
    Ok(index)
}

/// Whether a sorted list of times has one in [from, to].
pub fn any_between(sorted: &[i64], from: i64, to: i64) -> bool {
    let first = sorted.partition_point(|t| *t < from);
    sorted.get(first).is_some_and(|t| *t <= to)
}

/// The connections made in the period with a known time, each marked followed up or not.
pub fn new_connections(
    scope: &Scope,
    outbound: &OutboundIndex,
) -> PolarsResult<Vec<NewConnection>> {
    let outbound = &outbound.not_invitations;
    let frame = &scope.within.connections;
    let platform = strs(frame, "platform")?;
    let id = strs(frame, "counterpart_id")?;
    let at = times(frame, "connected_at")?;
    let mut list = Vec::new();
    for i in 0..frame.height() {
        let (Some(p), Some(c), Some(t)) = (platform[i], id[i], at[i]) else {
            continue;
        };
        let followed_up = outbound
            .get(&scope.persons.key_owned(p, c))
            .is_some_and(|times| any_between(times, t, t + FOLLOW_UP_MS));
        list.push(NewConnection {
            platform: p.to_string(),
            counterpart_id: c.to_string(),
            at: t,
            followed_up,
        });
    }
    Ok(list)
}

/// The `follow_up` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FollowUp {
    /// Connections made in the period with a known time; null where no archive holds a
    /// list of connections.
    pub connections_made: Figure<usize>,
    /// Those followed up within 7 days.
    pub followed_up: Figure<usize>,
    /// followed_up / connections_made.
    pub follow_up_rate: Figure<f64>,
}

impl super::Outcome for FollowUp {}

/// Runs the analysis.
pub fn run(scope: &Scope) -> PolarsResult<Figures> {
    let list = scope.shared()?.new_connections();
    let followed = list.iter().filter(|c| c.followed_up).count();
    let result = match scope.connections_unknown()? {
        Some(why) => FollowUp {
            connections_made: Figure::unknown(why.clone()),
            followed_up: Figure::unknown(why.clone()),
            follow_up_rate: Figure::unknown(why),
        },
        None => FollowUp {
            connections_made: Figure::known(list.len()),
            followed_up: Figure::known(followed),
            follow_up_rate: Figure::or_unknown(
                share(followed, list.len()),
                "no connection with a known time was made in the period",
            ),
        },
    };
    Ok(Figures::new(result, Vec::new()))
}
