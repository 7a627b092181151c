//! Instagram's "Download your information" export in JSON, every generation: the legacy
//! single files (`media.json`, `connections.json`, ..., before 2021), the 2021 layout
//! (`content/`, `followers_and_following/`), the 2023 one (`your_instagram_activity/content/`)
//! and the 2025 one (`your_instagram_activity/media/`, a new `following.json` and
//! `liked_posts.json`). Files are matched by name and folder, never by one fixed tree, and
//! numbered parts are all read. The HTML export is recognised and refused with advice.
//!
//! Instagram gives no received counts: every count of a post is null. Messages name people
//! by display name, everything else by username.

pub mod content;
pub mod network;

use serde_json::Value;

use super::coverage::{Coverage, RecordProblems};
use super::messenger::{self, ThreadPart};
use super::{Detection, Imported, Importer, jsfile};
use crate::archive::{Archive, Entry};
use crate::error::{Error, Result};
use crate::model::{AccountRow, ConnectionRow, InteractionRow, Platform, PostRow, Relation, Rows};
use crate::progress::Progress;

/// The Instagram importer.
pub struct InstagramImporter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Posts,
    Comments,
    LikedPosts,
    LikedComments,
    Followers,
    Following,
    Thread,
    Profile,
    Signup,
    LegacyMedia,
    LegacyComments,
    LegacyLikes,
    LegacyConnections,
    LegacyMessages,
    Html,
    Ignore(&'static str),
}

impl super::PlannedKind for FileKind {
    fn ignored(self) -> Option<&'static str> {
        match self {
            FileKind::Ignore(reason) => Some(reason),
            FileKind::Html => Some("an HTML page of the export (the JSON files are read)"),
            _ => None,
        }
    }

    fn optional(self) -> bool {
        matches!(self, FileKind::Profile | FileKind::Signup)
    }

    fn what(self) -> &'static str {
        match self {
            FileKind::Posts | FileKind::LegacyMedia => "posts",
            FileKind::Comments | FileKind::LegacyComments => "comments",
            FileKind::LikedPosts | FileKind::LikedComments | FileKind::LegacyLikes => "likes",
            FileKind::Followers => "followers",
            FileKind::Following => "following",
            FileKind::LegacyConnections => "followers and following",
            FileKind::Thread | FileKind::LegacyMessages => "messages",
            FileKind::Profile => "profile",
            FileKind::Signup => "sign-up date",
            FileKind::Html | FileKind::Ignore(_) => "",
        }
    }
}

/// Whether `name` is `<stem>_<digits>.json` (`posts_1.json`, `message_12.json`).
fn numbered(name: &str, stem: &str) -> bool {
    name.strip_prefix(stem)
        .and_then(|r| r.strip_prefix('_'))
        .and_then(|r| r.strip_suffix(".json"))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// How many folders deep an entry is (`media.json` 0, `export/media.json` 1).
fn depth(path: &str) -> usize {
    path.matches('/').count()
}

/// Warns of the main files the download lacks (a download of chosen categories leaves
/// some out): posts, the follower lists, the messages.
fn warn_missing_files(kinds: &[FileKind], entries: &[Entry], coverage: &mut Coverage) {
    let has = |list: &[FileKind]| list.iter().any(|k| kinds.contains(k));
    if !has(&[FileKind::Posts, FileKind::LegacyMedia]) {
        super::warn_missing(
            coverage,
            entries,
            "posts_1.json",
            "your posts are unknown",
            &["media/posts/", "media/reels/"],
        );
    }
    if !has(&[
        FileKind::Followers,
        FileKind::Following,
        FileKind::LegacyConnections,
    ]) {
        super::warn_missing(
            coverage,
            entries,
            "followers_1.json or following.json",
            "your followers are unknown",
            &[],
        );
    }
    if !has(&[FileKind::Thread, FileKind::LegacyMessages]) {
        super::warn_missing(
            coverage,
            entries,
            "messages/inbox/",
            "there are no direct messages",
            &[],
        );
    }
}

fn classify(entry: &Entry) -> FileKind {
    let name = entry.file_name().to_lowercase();
    let path = entry.name.to_lowercase();
    if name.ends_with(".html") || name.ends_with(".htm") {
        return FileKind::Html;
    }
    if !name.ends_with(".json") {
        return FileKind::Ignore("media or other file");
    }
    if path.contains("messages/") {
        let thread =
            path.contains("messages/inbox/") || path.contains("messages/message_requests/");
        return if thread && numbered(&name, "message") {
            FileKind::Thread
        } else {
            FileKind::Ignore("not used by rapport")
        };
    }
    if depth(&path) <= 1 {
        match name.as_str() {
            "media.json" => return FileKind::LegacyMedia,
            "comments.json" => return FileKind::LegacyComments,
            "likes.json" => return FileKind::LegacyLikes,
            "connections.json" => return FileKind::LegacyConnections,
            "messages.json" => return FileKind::LegacyMessages,
            "profile.json" => return FileKind::Profile,
            _ => {}
        }
    }
    if numbered(&name, "posts") || name == "reels.json" || name == "igtv_videos.json" {
        return FileKind::Posts;
    }
    if numbered(&name, "followers") || name == "followers.json" {
        return FileKind::Followers;
    }
    if numbered(&name, "post_comments")
        || name == "post_comments.json"
        || name == "reels_comments.json"
    {
        return FileKind::Comments;
    }
    match name.as_str() {
        "following.json" => FileKind::Following,
        "liked_posts.json" => FileKind::LikedPosts,
        "liked_comments.json" => FileKind::LikedComments,
        "personal_information.json" => FileKind::Profile,
        "signup_details.json" => FileKind::Signup,
        "stories.json" => FileKind::Ignore("stories: they expire, and are not counted as posts"),
        _ => FileKind::Ignore("not used by rapport"),
    }
}

/// Names only an Instagram export has, of every generation.
fn instagram_marker(path: &str) -> bool {
    path.contains("your_instagram_activity/")
        || path.contains("followers_and_following/")
        || path.ends_with("account_information/personal_information.json")
        || (path.starts_with("content/") || path.contains("/content/"))
            && numbered(path.rsplit('/').next().unwrap_or_default(), "posts")
}

/// The legacy export: its single files at the root.
fn legacy(entries: &[Entry]) -> bool {
    let root = |n: &str| {
        entries
            .iter()
            .any(|e| depth(&e.name) <= 1 && e.file_name().eq_ignore_ascii_case(n))
    };
    root("media.json") && (root("connections.json") || root("profile.json"))
}

enum Parsed {
    Posts(Vec<PostRow>, Vec<InteractionRow>),
    Acts(Vec<InteractionRow>),
    People(Vec<ConnectionRow>),
    Threads(Vec<ThreadPart>),
    Profile(network::Profile),
    Signup(Option<i64>),
}

impl Parsed {
    fn len(&self) -> usize {
        match self {
            Parsed::Posts(posts, _) => posts.len(),
            Parsed::Acts(acts) => acts.len(),
            Parsed::People(people) => people.len(),
            Parsed::Threads(parts) => parts.iter().map(ThreadPart::len).sum(),
            Parsed::Profile(_) | Parsed::Signup(_) => 1,
        }
    }
}

fn parse_entry(
    archive: &Archive,
    entry: &Entry,
    kind: FileKind,
) -> std::result::Result<(Parsed, RecordProblems), String> {
    let text = archive.read_text(entry).map_err(Error::into_problem)?;
    let value = jsfile::parse_value(&text, archive.limits().max_depth).map_err(|e| e.0)?;
    let mut p = RecordProblems::default();
    let mut mentions = Vec::new();
    let parsed = match kind {
        FileKind::Posts => Parsed::Posts(content::posts(&value, &mut p, &mut mentions), mentions),
        FileKind::LegacyMedia => Parsed::Posts(
            content::legacy_posts(&value, &mut p, &mut mentions),
            mentions,
        ),
        FileKind::Comments => Parsed::Acts(content::comments(&value, &mut p)),
        FileKind::LegacyComments => Parsed::Acts(content::legacy_comments(&value, &mut p)),
        FileKind::LikedPosts | FileKind::LikedComments => {
            Parsed::Acts(content::likes(&value, &mut p))
        }
        FileKind::LegacyLikes => Parsed::Acts(content::legacy_likes(&value, &mut p)),
        FileKind::Followers => Parsed::People(network::people(&value, Relation::Follower, &mut p)),
        FileKind::Following => Parsed::People(network::people(&value, Relation::Following, &mut p)),
        FileKind::LegacyConnections => Parsed::People(network::legacy_people(&value)),
        FileKind::Thread => {
            let folder = entry.name.rsplit_once('/').map_or("", |(dir, _)| dir);
            let key = folder
                .rsplit_once("messages/")
                .map_or(folder, |(_, rest)| rest);
            Parsed::Threads(vec![messenger::parse(true, &value, key, &mut p)?])
        }
        FileKind::LegacyMessages => Parsed::Threads(legacy_threads(&value, &mut p)?),
        FileKind::Profile => Parsed::Profile(network::profile(&value)),
        FileKind::Signup => Parsed::Signup(network::signup(&value)),
        FileKind::Html | FileKind::Ignore(_) => {
            return Err("not a file rapport reads".to_string());
        }
    };
    Ok((parsed, p))
}

/// The legacy `messages.json`: a list of conversations of `participants` (usernames) and
/// `conversation` messages (`sender`, ISO `created_at`, `text`), read as Messenger threads.
fn legacy_threads(
    value: &Value,
    problems: &mut RecordProblems,
) -> std::result::Result<Vec<ThreadPart>, String> {
    let Some(conversations) = value.as_array() else {
        return Err("not a list of conversations".into());
    };
    let mut parts = Vec::new();
    for (i, c) in conversations.iter().enumerate() {
        let messages: Vec<Value> = super::fields::array(c, "conversation")
            .iter()
            .map(|m| {
                let at =
                    super::fields::text(m, "created_at").and_then(|t| super::text::parse_iso(&t));
                serde_json::json!({
                    "sender_name": m.get("sender"),
                    "timestamp_ms": at,
                    "content": m.get("text"),
                })
            })
            .collect();
        let thread = serde_json::json!({
            "participants": c.get("participants").cloned().unwrap_or(Value::Null),
            "messages": messages,
        });
        parts.push(messenger::parse(
            true,
            &thread,
            &format!("messages.json/{i}"),
            problems,
        )?);
    }
    Ok(parts)
}

const HTML_ADVICE: &str = "this is Instagram's HTML export, which rapport cannot read: download \
your information again and choose the JSON format";

/// The username the archive's profile file gives, if it has one that reads.
fn profile_username(archive: &Archive) -> Option<String> {
    let entry = archive
        .entries()
        .iter()
        .find(|e| classify(e) == FileKind::Profile)?;
    let text = archive.read_text(entry).ok()?;
    let value = jsfile::parse_value(&text, archive.limits().max_depth).ok()?;
    network::profile(&value).username
}

impl Importer for InstagramImporter {
    fn profile_url(&self) -> crate::model::ProfileUrl {
        profile_url
    }
    fn person_segment(&self, entry: &str) -> Option<usize> {
        crate::import::messenger::person_segment(entry)
    }

    fn platform(&self) -> Platform {
        Platform::Instagram
    }

    /// A big download comes in parts: archives of one generation join unless their
    /// profiles name two accounts (a part without the profile joins the others).
    fn joins_parts(&self, first: (&Archive, &Detection), other: (&Archive, &Detection)) -> bool {
        if first.1.generation != other.1.generation {
            return false;
        }
        match (profile_username(first.0), profile_username(other.0)) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }

    fn detect(&self, archive: &Archive) -> Option<Detection> {
        let entries = archive.entries();
        let lower: Vec<String> = entries.iter().map(|e| e.name.to_lowercase()).collect();
        let is_legacy = legacy(entries);
        if !is_legacy && !lower.iter().any(|n| instagram_marker(n)) {
            return None;
        }
        let json = lower.iter().any(|n| n.ends_with(".json"));
        let generation = if !json {
            "instagram-html"
        } else if is_legacy {
            "instagram-2018"
        } else if lower
            .iter()
            .any(|n| n.contains("your_instagram_activity/media/"))
        {
            "instagram-2025"
        } else if lower.iter().any(|n| n.contains("your_instagram_activity/")) {
            "instagram-2023"
        } else {
            "instagram-2021"
        };
        Some(Detection::archive(Platform::Instagram, generation))
    }

    fn import(
        &self,
        archive: &Archive,
        detection: &Detection,
        progress: &Progress,
    ) -> Result<Imported> {
        if detection.generation == "instagram-html" {
            return Err(Error::archive(archive.label(), HTML_ADVICE));
        }
        let plan: Vec<(&Entry, FileKind)> =
            archive.entries().iter().map(|e| (e, classify(e))).collect();
        let mut coverage = Coverage::default();
        let read = super::read_plan(archive, &plan, progress, &mut coverage, |entry, kind| {
            parse_entry(archive, entry, kind).map(|(content, problems)| {
                let n = content.len() as u64 + problems.skipped;
                super::Outcome::Read(content, n, problems)
            })
        })?;
        let mut rows = Rows::default();
        let mut people = Vec::new();
        let mut parts = Vec::new();
        let mut profile = network::Profile::default();
        let mut followers = None;
        let mut following = None;
        let kinds: Vec<FileKind> = read.iter().map(|(_, k, _)| *k).collect();
        warn_missing_files(&kinds, archive.entries(), &mut coverage);
        for (_, kind, content) in read {
            match content {
                Parsed::Posts(posts, mentions) => {
                    rows.posts.extend(posts);
                    rows.interactions.extend(mentions);
                }
                Parsed::Acts(acts) => rows.interactions.extend(acts),
                Parsed::People(list) => {
                    let count =
                        |relation| list.iter().filter(|c| c.relation == relation).count() as u64;
                    if kind != FileKind::Following {
                        followers = Some(followers.unwrap_or(0) + count(Relation::Follower));
                    }
                    if kind != FileKind::Followers {
                        following = Some(following.unwrap_or(0) + count(Relation::Following));
                    }
                    people.extend(list.into_iter().map(|c| {
                        let relation = c.relation;
                        (c, relation)
                    }));
                }
                Parsed::Threads(list) => parts.extend(list),
                Parsed::Profile(p) => {
                    profile.username = profile.username.or(p.username);
                    profile.name = profile.name.or(p.name);
                    profile.created_at = profile.created_at.or(p.created_at);
                }
                Parsed::Signup(at) => profile.created_at = profile.created_at.or(at),
            }
        }
        let reactions: u64 = parts.iter().map(|p| p.reactions).sum();
        coverage.count(
            "reactions that Instagram writes as messages (left out)",
            reactions,
        );
        coverage.count(
            "unsent messages (left out)",
            parts.iter().map(|p| p.unsent).sum(),
        );
        // Threads name the owner by display name: the profile's, when a thread has it
        // (2026 exports show another name there), else the one person in every thread.
        // (The legacy export names everyone by username.)
        let owner_name = [&profile.name, &profile.username]
            .into_iter()
            .flatten()
            .find(|n| parts.iter().any(|p| p.participants.contains(*n)))
            .cloned()
            .or_else(|| messenger::guess_owner(&parts));
        if owner_name.is_none() && !parts.is_empty() {
            coverage.warnings.push(
                "no display name of the owner in the threads and no one person in every \
                 thread: the owner is unknown, so messages have no direction"
                    .into(),
            );
        }
        messenger::convert(
            Platform::Instagram,
            parts,
            owner_name.as_deref(),
            &mut rows.messages,
            &mut rows.interactions,
        );
        rows.connections = super::connections::merge_people(people);
        let username = profile.username.clone();
        rows.interactions.retain(|i| {
            i.counterpart_id.is_none()
                || (i.counterpart_id != username && i.counterpart_id != owner_name)
        });
        rows.order_and_dedup_posts();
        coverage.notes.push(
            "Instagram gives no counts for posts (likes, comments, views received): every \
             count is null"
                .into(),
        );
        coverage.notes.push(
            "Instagram names people in messages by display name and elsewhere by username: \
             one person can be two counterparts"
                .into(),
        );
        let as_of = rows.last_activity();
        rows.accounts.push(AccountRow {
            handle: username.clone(),
            display_name: profile.name.clone(),
            created_at: profile.created_at,
            followers,
            following,
            ..detection.account(archive, username.clone())
        });
        Ok(Imported {
            rows,
            coverage,
            account_id: username,
            as_of,
        })
    }
}

/// An Instagram profile from a username (a counterpart named by a display name only, as
/// in messages, has none).
fn profile_url(id: &str) -> Option<String> {
    let name = id.trim().trim_start_matches('@');
    if super::profile::is_username(name) {
        Some(format!("https://www.instagram.com/{name}/"))
    } else {
        super::profile::web_address(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_come_from_usernames_not_display_names() {
        assert_eq!(
            profile_url("zoe.quinn").as_deref(),
            Some("https://www.instagram.com/zoe.quinn/")
        );
        assert_eq!(profile_url("Zoë Quinn"), None);
    }
}
