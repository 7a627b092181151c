//! Friends, followers, who the owner follows, and friend requests: names and dates only.

use serde_json::Value;

use super::activity::records;
use super::text;
use crate::import::coverage::RecordProblems;
use crate::import::fields;
use crate::import::text::from_seconds;
use crate::model::{ConnectionRow, Direction, InteractionKind, InteractionRow, Platform, Relation};

/// People of one list (`friends_v2`, `followers_v2`, ...) as connections.
pub fn people(
    value: &Value,
    relation: Relation,
    problems: &mut RecordProblems,
) -> Vec<ConnectionRow> {
    let keys: &[&str] = match relation {
        Relation::Friend => &["friends_v2", "friends"],
        Relation::Follower => &["followers_v3", "followers_v2", "followers"],
        _ => &["following_v3", "following_v2", "following"],
    };
    records(value, keys)
        .iter()
        .filter_map(|p| {
            let name = text::field(p, "name");
            if name.is_none() {
                problems.skip("entries without a name", || "an entry with no name".into());
            }
            let name = name?;
            Some(ConnectionRow {
                platform: Platform::Facebook,
                counterpart_id: name.clone(),
                name: Some(name),
                handle: None,
                company: None,
                position: None,
                relation,
                connected_at: fields::count(p, "timestamp")
                    .ok()
                    .flatten()
                    .and_then(from_seconds),
            })
        })
        .collect()
}

/// Friend requests as `invitation` interactions.
pub fn requests(
    value: &Value,
    direction: Direction,
    problems: &mut RecordProblems,
) -> Vec<InteractionRow> {
    let keys: &[&str] = &[
        "sent_requests_v2",
        "received_requests_v2",
        "sent_requests",
        "received_requests",
    ];
    records(value, keys)
        .iter()
        .filter_map(|p| {
            let name = text::field(p, "name");
            if name.is_none() {
                problems.skip("requests without a name", || {
                    "a request with no name".into()
                });
            }
            let name = name?;
            Some(InteractionRow {
                platform: Platform::Facebook,
                at: fields::count(p, "timestamp")
                    .ok()
                    .flatten()
                    .and_then(from_seconds),
                direction,
                kind: InteractionKind::Invitation,
                counterpart_id: Some(name.clone()),
                counterpart_name: Some(name),
                post_id: None,
            })
        })
        .collect()
}
