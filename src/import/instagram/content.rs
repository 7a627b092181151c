//! What the owner published and did: posts and reels (`posts_N.json`, `reels.json`,
//! `igtv_videos.json`, the legacy `media.json`), comments made (`post_comments_N.json`,
//! `reels_comments.json`, the legacy `comments.json`) and likes given (`liked_posts.json` in
//! its two shapes, `liked_comments.json`, the legacy `likes.json`).

use serde_json::Value;

use crate::import::coverage::RecordProblems;
use crate::import::fields;
use crate::import::messenger::text;
use crate::import::text::{
    from_seconds, outside_domain, parse_iso, scan_hashtags, scan_instagram_mentions, scan_links,
};
use crate::model::{
    Direction, InteractionKind, InteractionRow, Media, Platform, PostKind, PostRow, stable_id,
};

/// The records of a file: a bare array, or the first array an object wraps
/// (`ig_reels_media`, `comments_media_comments`, `likes_media_likes`, ...).
pub fn records(value: &Value) -> &[Value] {
    match value {
        Value::Array(items) => items,
        Value::Object(map) => map
            .values()
            .find_map(Value::as_array)
            .map_or(&[], Vec::as_slice),
        _ => &[],
    }
}

/// A time in seconds, `None` when missing, 0 ("no time") or implausible.
fn seconds(record: &Value, key: &str) -> Option<i64> {
    fields::count(record, key)
        .ok()
        .flatten()
        .filter(|s| *s > 0)
        .and_then(from_seconds)
}

/// What one media file of a post is: its metadata says, else its extension (video files
/// often have none); a file of unknown kind is taken for a photo, Instagram's default.
fn is_video(media: &Value) -> bool {
    let metadata = media.get("media_metadata");
    if metadata.and_then(|m| m.get("video_metadata")).is_some() {
        return true;
    }
    if metadata.and_then(|m| m.get("photo_metadata")).is_some() {
        return false;
    }
    let uri = fields::text(media, "uri")
        .unwrap_or_default()
        .to_lowercase();
    let extension = uri.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    ["mp4", "mov", "m4v", "webm"].contains(&extension)
}

/// An outbound act of the owner towards `username` (`None` when the file names nobody).
pub fn outbound(
    kind: InteractionKind,
    at: Option<i64>,
    username: Option<String>,
    post_id: Option<String>,
) -> InteractionRow {
    InteractionRow {
        platform: Platform::Instagram,
        at,
        direction: Direction::Outbound,
        kind,
        counterpart_id: username,
        counterpart_name: None,
        post_id,
    }
}

/// A post from its caption, time, kind of media and a stable key; the people its caption
/// mentions become `mention` interactions.
fn post(
    key: &str,
    created_at: i64,
    caption: String,
    media: Media,
    mentions: &mut Vec<InteractionRow>,
) -> PostRow {
    let post_id = stable_id(&["instagram", key]);
    let handles = scan_instagram_mentions(&caption);
    mentions.extend(handles.iter().map(|handle| {
        outbound(
            InteractionKind::Mention,
            Some(created_at),
            Some(handle.clone()),
            Some(post_id.clone()),
        )
    }));
    PostRow {
        media,
        hashtags: scan_hashtags(&caption),
        link_domains: scan_links(&caption)
            .iter()
            .filter_map(|l| outside_domain(l, &["instagram.com", "instagr.am"]))
            .collect(),
        mentions: handles,
        ..PostRow::new(
            Platform::Instagram,
            post_id,
            created_at,
            PostKind::Original,
            caption,
        )
    }
}

/// Posts of `posts_N.json`, `reels.json` or `igtv_videos.json`: the caption is the post's
/// `title`, else its media's titles; the time the post's, else its first media's.
pub fn posts(
    value: &Value,
    problems: &mut RecordProblems,
    mentions: &mut Vec<InteractionRow>,
) -> Vec<PostRow> {
    let mut out = Vec::new();
    for item in records(value) {
        let media = fields::array(item, "media");
        let caption = text::field(item, "title").unwrap_or_else(|| {
            media
                .iter()
                .filter_map(|m| text::field(m, "title"))
                .collect::<Vec<_>>()
                .join("\n")
        });
        let created_at = seconds(item, "creation_timestamp")
            .or_else(|| media.first().and_then(|m| seconds(m, "creation_timestamp")));
        let Some(created_at) = created_at else {
            problems.skip("posts without a creation_timestamp", || {
                "a post with no creation_timestamp".to_string()
            });
            continue;
        };
        let kind = if media.is_empty() {
            Media::None
        } else if media.iter().any(is_video) {
            Media::Video
        } else {
            Media::Photo
        };
        let key = media
            .first()
            .and_then(|m| fields::text(m, "uri"))
            .unwrap_or_else(|| format!("{created_at}\u{0}{caption}"));
        out.push(post(&key, created_at, caption, kind, mentions));
    }
    out
}

/// Posts of the legacy `media.json` (`photos` and `videos`, ISO times).
pub fn legacy_posts(
    value: &Value,
    problems: &mut RecordProblems,
    mentions: &mut Vec<InteractionRow>,
) -> Vec<PostRow> {
    let mut out = Vec::new();
    for (list, media) in [("photos", Media::Photo), ("videos", Media::Video)] {
        for item in fields::array(value, list) {
            let raw = fields::text(item, "taken_at").unwrap_or_default();
            let Some(created_at) = parse_iso(&raw) else {
                problems.skip("posts with an unparseable taken_at", || {
                    format!("{list}: taken_at {raw:?}")
                });
                continue;
            };
            let caption = text::field(item, "caption").unwrap_or_default();
            let key = fields::text(item, "path").unwrap_or_else(|| format!("{raw}\u{0}{caption}"));
            out.push(post(&key, created_at, caption, media, mentions));
        }
    }
    out
}

/// Comments the owner made (`Comment`, `Media Owner`, `Time`), each an outbound `comment`
/// to the owner of the post; a comment on the owner's own post is dropped by the importer.
pub fn comments(value: &Value, problems: &mut RecordProblems) -> Vec<InteractionRow> {
    let mut out = Vec::new();
    for item in records(value) {
        let data = item.get("string_map_data");
        let field = |label: &str| data.and_then(|d| d.get(label));
        let Some(at) = field("Time").and_then(|t| seconds(t, "timestamp")) else {
            problems.skip("comments without a Time", || {
                "a comment with no Time".to_string()
            });
            continue;
        };
        let owner = field("Media Owner").and_then(|o| text::field(o, "value"));
        out.push(outbound(InteractionKind::Comment, Some(at), owner, None));
    }
    out
}

/// Comments of the legacy `comments.json`: `[time, text, post owner]` arrays.
pub fn legacy_comments(value: &Value, problems: &mut RecordProblems) -> Vec<InteractionRow> {
    legacy_acts(
        value,
        "media_comments",
        2,
        InteractionKind::Comment,
        problems,
    )
}

/// Likes of the legacy `likes.json`: `[time, owner]` arrays of posts and comments.
pub fn legacy_likes(value: &Value, problems: &mut RecordProblems) -> Vec<InteractionRow> {
    let mut out = legacy_acts(value, "media_likes", 1, InteractionKind::Like, problems);
    out.extend(legacy_acts(
        value,
        "comment_likes",
        1,
        InteractionKind::Like,
        problems,
    ));
    out
}

fn legacy_acts(
    value: &Value,
    key: &str,
    owner_at: usize,
    kind: InteractionKind,
    problems: &mut RecordProblems,
) -> Vec<InteractionRow> {
    let mut out = Vec::new();
    for item in fields::array(value, key) {
        let part = |i: usize| item.get(i).and_then(Value::as_str);
        let Some(at) = part(0).and_then(parse_iso) else {
            problems.skip("records with an unparseable time", || {
                format!("{key}: a record with no readable time")
            });
            continue;
        };
        let owner = part(owner_at).filter(|o| !o.is_empty()).map(text::repair);
        out.push(outbound(kind, Some(at), owner, None));
    }
    out
}

/// Likes given (`liked_posts.json`, `liked_comments.json`): before 2025 records name the
/// post's (or comment's) owner in `title`; the 2025 `liked_posts.json` is a list of
/// `label_values` whose `Owner` holds a `Username`.
pub fn likes(value: &Value, problems: &mut RecordProblems) -> Vec<InteractionRow> {
    let mut out = Vec::new();
    for item in records(value) {
        let labelled = item.get("label_values").is_some();
        let at = if labelled {
            seconds(item, "timestamp")
        } else {
            fields::array(item, "string_list_data")
                .first()
                .and_then(|d| seconds(d, "timestamp"))
        };
        let Some(at) = at else {
            problems.skip("likes without a timestamp", || {
                "a like with no timestamp".to_string()
            });
            continue;
        };
        let owner = if labelled {
            labelled_owner(item)
        } else {
            text::field(item, "title")
        };
        out.push(outbound(InteractionKind::Like, Some(at), owner, None));
    }
    out
}

/// The `Username` inside the `Owner` entry of a `label_values` record.
fn labelled_owner(item: &Value) -> Option<String> {
    let owner = fields::array(item, "label_values")
        .iter()
        .find(|v| fields::text(*v, "title").as_deref() == Some("Owner"))?;
    fields::array(owner, "dict")
        .iter()
        .flat_map(|d| fields::array(d, "dict"))
        .find(|v| fields::text(*v, "label").as_deref() == Some("Username"))
        .and_then(|v| text::field(v, "value"))
}
