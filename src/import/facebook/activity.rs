//! What the owner published and did: posts (a top-level array, no counts, no ids), comments
//! (`comments_v2`) and reactions (`reactions_v2`, or a top-level array in newer exports).

use serde_json::Value;

use super::text::{self, person_in_title};
use crate::import::coverage::RecordProblems;
use crate::import::fields;
use crate::import::text::{outside_domain, scan_hashtags};
use crate::model::{
    Direction, InteractionKind, InteractionRow, Media, Platform, PostKind, PostRow, stable_id,
};

fn seconds(record: &Value) -> Option<i64> {
    fields::count(record, "timestamp")
        .ok()
        .flatten()
        .and_then(crate::import::text::from_seconds)
}

/// The list of records under the first of `keys`, or the value itself when it is a list.
pub fn records<'a>(value: &'a Value, keys: &[&str]) -> &'a [Value] {
    if let Some(list) = value.as_array() {
        return list;
    }
    keys.iter()
        .find_map(|k| value.get(*k).and_then(Value::as_array))
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Posts. A post on someone else's timeline is also an outbound mention of them.
pub fn posts(
    value: &Value,
    problems: &mut RecordProblems,
    interactions: &mut Vec<InteractionRow>,
) -> Vec<PostRow> {
    let mut out = Vec::new();
    for item in records(value, &["status_updates_v2", "posts"]) {
        let Some(created_at) = seconds(item) else {
            problems.skip("posts without a timestamp", || {
                "a post with no timestamp".into()
            });
            continue;
        };
        let body = fields::array(item, "data")
            .iter()
            .find_map(|d| text::field(d, "post"))
            .unwrap_or_default();
        let mut media = Media::None;
        let mut domains = Vec::new();
        for attachment in fields::array(item, "attachments") {
            for d in fields::array(attachment, "data") {
                if let Some(m) = d.get("media") {
                    let uri = fields::text(m, "uri")
                        .unwrap_or_default()
                        .to_ascii_lowercase();
                    let video = [".mp4", ".mov", "/videos/"].iter().any(|v| uri.contains(v));
                    media = if video {
                        Media::Video
                    } else if media == Media::Video {
                        media
                    } else {
                        Media::Photo
                    };
                } else if let Some(link) = d
                    .get("external_context")
                    .and_then(|e| fields::text(e, "url"))
                {
                    domains.extend(outside_domain(&link, &["facebook.com", "fb.com", "fb.me"]));
                    if media == Media::None {
                        media = Media::Link;
                    }
                } else if d.get("poll").is_some() {
                    media = Media::Poll;
                }
            }
        }
        let title = text::field(item, "title").unwrap_or_default();
        let post_id = stable_id(&["facebook", &created_at.to_string(), &body]);
        if title.contains(" wrote on ")
            && let Some(person) = person_in_title(&title)
        {
            interactions.push(InteractionRow {
                platform: Platform::Facebook,
                at: Some(created_at),
                direction: Direction::Outbound,
                kind: InteractionKind::Mention,
                counterpart_id: Some(person.clone()),
                counterpart_name: Some(person),
                post_id: Some(post_id.clone()),
            });
        }
        domains.dedup();
        let hashtags = scan_hashtags(&body);
        out.push(PostRow {
            media,
            hashtags,
            mentions: fields::array(item, "tags")
                .iter()
                .filter_map(|t| match t {
                    Value::String(s) => Some(text::repair(s)),
                    other => text::field(other, "name"),
                })
                .collect(),
            link_domains: domains,
            ..PostRow::new(
                Platform::Facebook,
                post_id,
                created_at,
                PostKind::Original,
                body,
            )
        });
    }
    out
}

/// A comment or reaction of the owner, with the localized title that names (or not) whose
/// post it was: the counterpart is read from the title once the export's people are known.
#[derive(Debug, Clone)]
pub struct Act {
    /// The interaction; its counterpart is set where a label names the person.
    pub row: InteractionRow,
    /// The title, repaired; empty when the record has none.
    pub title: String,
}

/// Comments (`kind` comment) or reactions (`kind` reaction) the owner made, each with its
/// title; the counterpart is resolved by [`super::text::counterpart_in_title`].
pub fn acts(value: &Value, kind: InteractionKind, problems: &mut RecordProblems) -> Vec<Act> {
    let keys: &[&str] = if kind == InteractionKind::Comment {
        &["comments_v2", "comments"]
    } else {
        &["reactions_v2", "reactions", "likes_and_reactions_v2"]
    };
    let mut out = Vec::new();
    for item in records(value, keys) {
        let at = seconds(item);
        if at.is_none() {
            problems.null_field("records without a timestamp", || {
                "a record with no timestamp".into()
            });
        }
        let title = text::field(item, "title").unwrap_or_default();
        if text::on_own_post(&title) {
            // The owner is never a counterpart: no interaction.
            continue;
        }
        let person = fields::array(item, "label_values").iter().find_map(|l| {
            (fields::text(l, "label").as_deref() == Some("Name"))
                .then(|| text::field(l, "value"))
                .flatten()
        });
        out.push(Act {
            row: InteractionRow {
                platform: Platform::Facebook,
                at,
                direction: Direction::Outbound,
                kind,
                counterpart_id: person.clone(),
                counterpart_name: person,
                post_id: None,
            },
            title,
        });
    }
    out
}
