//! Followers and following (`followers_N.json`, `following.json` in their three shapes, the
//! legacy `connections.json`) and the profile (`personal_information.json`, the legacy
//! `profile.json`, `signup_details.json`).

use serde_json::Value;

use super::content::records;
use crate::import::coverage::RecordProblems;
use crate::import::fields;
use crate::import::messenger::text;
use crate::import::text::{from_seconds, parse_iso};
use crate::model::{ConnectionRow, Platform, Relation};

fn person(username: String, relation: Relation, connected_at: Option<i64>) -> ConnectionRow {
    ConnectionRow {
        platform: Platform::Instagram,
        counterpart_id: username.clone(),
        name: None,
        handle: Some(username),
        company: None,
        position: None,
        relation,
        connected_at,
    }
}

/// The username a profile link ends with (`https://www.instagram.com/_u/some.user`).
fn username_in_link(href: &str) -> Option<String> {
    let path = href.split(['?', '#']).next()?.trim_end_matches('/');
    let (host, last) = path.rsplit_once('/')?;
    let taken = last.is_empty() || last == "_u" || host.ends_with(':') || host.ends_with('/');
    (!taken).then(|| last.to_string())
}

/// People of a followers or following file: the username is the entry's `value`, else its
/// `title` (2025), else the end of its link; the time is when the follow happened.
pub fn people(
    value: &Value,
    relation: Relation,
    problems: &mut RecordProblems,
) -> Vec<ConnectionRow> {
    let mut out = Vec::new();
    for item in records(value) {
        let data = fields::array(item, "string_list_data").first();
        let username = data
            .and_then(|d| text::field(d, "value"))
            .or_else(|| text::field(item, "title"))
            .or_else(|| {
                data.and_then(|d| fields::text(d, "href"))
                    .and_then(|h| username_in_link(&h))
            });
        let Some(username) = username else {
            problems.skip("entries without a username", || {
                "an entry with no value, title or link".to_string()
            });
            continue;
        };
        let at = data
            .and_then(|d| fields::count(d, "timestamp").ok().flatten())
            .filter(|t| *t > 0)
            .and_then(from_seconds);
        out.push(person(username, relation, at));
    }
    out
}

/// Followers and following of the legacy `connections.json`: objects from username to
/// the ISO time of the follow.
pub fn legacy_people(value: &Value) -> Vec<ConnectionRow> {
    let mut out = Vec::new();
    for (key, relation) in [
        ("followers", Relation::Follower),
        ("following", Relation::Following),
    ] {
        if let Some(map) = value.get(key).and_then(Value::as_object) {
            for (username, at) in map {
                let at = at.as_str().and_then(parse_iso);
                out.push(person(username.clone(), relation, at));
            }
        }
    }
    out
}

/// The owner as the profile names them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// The username.
    pub username: Option<String>,
    /// The display name (what message threads call the owner).
    pub name: Option<String>,
    /// When the account was made, where the export says it.
    pub created_at: Option<i64>,
}

/// `personal_information.json` (`profile_user[0].string_map_data`) or the legacy
/// `profile.json` (`username`, `name`, `date_joined`).
pub fn profile(value: &Value) -> Profile {
    if let Some(user) = fields::array(value, "profile_user").first() {
        let label = |l: &str| {
            user.get("string_map_data")
                .and_then(|d| d.get(l))
                .and_then(|v| text::field(v, "value"))
        };
        return Profile {
            username: label("Username"),
            name: label("Name"),
            created_at: None,
        };
    }
    Profile {
        username: text::field(value, "username"),
        name: text::field(value, "name"),
        created_at: fields::text(value, "date_joined").and_then(|d| parse_iso(&d)),
    }
}

/// When the account was made, from `signup_details.json`.
pub fn signup(value: &Value) -> Option<i64> {
    records(value)
        .iter()
        .filter_map(|r| r.get("string_map_data")?.get("Time"))
        .find_map(|t| fields::count(t, "timestamp").ok().flatten())
        .filter(|t| *t > 0)
        .and_then(from_seconds)
}
