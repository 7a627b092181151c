//! Facebook's "Download Your Information" export in JSON: the older flat layout
//! (`messages/`, `posts/`, `friends_and_followers/`, 2018-2022) and the grouped one
//! (`your_facebook_activity/`, `connections/`, 2023+), as one zip, several parts or a folder;
//! and the separate export of end-to-end-encrypted Messenger chats. The HTML export is
//! recognised and refused with advice.

pub mod activity;
pub mod network;
pub mod text;

use std::collections::HashMap;

use super::coverage::{Coverage, RecordProblems};
use super::jsfile;
use super::messenger as threads;
use super::{Detection, Imported, Importer};
use crate::archive::{Archive, Entry};
use crate::error::{Error, Result};
use crate::model::{
    AccountRow, ConnectionRow, Direction, InteractionKind, Platform, Relation, Rows,
};
use crate::progress::Progress;

/// The Facebook importer.
pub struct FacebookImporter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Thread,
    MaybeE2ee,
    Posts,
    Comments,
    Reactions,
    Friends,
    Followers,
    Following,
    SentRequests,
    ReceivedRequests,
    Profile,
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
        matches!(self, FileKind::Profile | FileKind::MaybeE2ee)
    }

    fn what(self) -> &'static str {
        match self {
            FileKind::Thread | FileKind::MaybeE2ee => "messages",
            FileKind::Posts => "posts",
            FileKind::Comments => "comments",
            FileKind::Reactions => "reactions",
            FileKind::Friends => "friends",
            FileKind::Followers => "followers",
            FileKind::Following => "following",
            FileKind::SentRequests => "pending friend requests sent",
            FileKind::ReceivedRequests => "friend requests received",
            FileKind::Profile => "profile",
            FileKind::Html | FileKind::Ignore(_) => "",
        }
    }
}

fn is_message_part(name: &str) -> bool {
    name.strip_prefix("message_")
        .and_then(|r| r.strip_suffix(".json"))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Warns of the main files the download lacks (a download of chosen categories or a part
/// of one leaves some out): posts, friends, messages.
fn warn_missing_files(kinds: &[FileKind], entries: &[Entry], coverage: &mut Coverage) {
    if !kinds.contains(&FileKind::Posts) {
        super::warn_missing(
            coverage,
            entries,
            "your_posts_1.json",
            "your posts are unknown",
            &["posts/media/", "photos_and_videos/"],
        );
    }
    if !kinds.contains(&FileKind::Friends) {
        super::warn_missing(
            coverage,
            entries,
            "your_friends.json",
            "your friends are unknown",
            &[],
        );
    }
    if !kinds.contains(&FileKind::Thread) {
        super::warn_missing(
            coverage,
            entries,
            "messages/inbox/",
            "there are no messages",
            &[],
        );
    }
}

fn classify(entry: &Entry) -> FileKind {
    let name = entry.file_name().to_lowercase().replace('\u{2019}', "'");
    let path = entry.name.to_lowercase();
    if name.ends_with(".html") || name.ends_with(".htm") {
        return FileKind::Html;
    }
    if !name.ends_with(".json") {
        return FileKind::Ignore("media or other file");
    }
    if is_message_part(&name) && path.contains("messages/") {
        return FileKind::Thread;
    }
    if name.starts_with("your_posts") {
        return FileKind::Posts;
    }
    if name.starts_with("likes_and_reactions") {
        return FileKind::Reactions;
    }
    match name.as_str() {
        "comments.json" => FileKind::Comments,
        "posts_and_comments.json" => FileKind::Reactions,
        "friends.json" | "your_friends.json" => FileKind::Friends,
        "followers.json" | "people_who_followed_you.json" => FileKind::Followers,
        "who_you've_followed.json" | "who_you_follow.json" | "following.json" => {
            FileKind::Following
        }
        "sent_friend_requests.json" | "friend_requests_sent.json" => FileKind::SentRequests,
        "received_friend_requests.json" | "friend_requests_received.json" => {
            FileKind::ReceivedRequests
        }
        "profile_information.json" => FileKind::Profile,
        _ if path.contains("/") && !path.contains("messages") => {
            FileKind::Ignore("not used by rapport")
        }
        _ => FileKind::MaybeE2ee,
    }
}

/// The top-level keys that say what a JSON file holds, whatever its name (file names move
/// between generations: a 2022 export keeps its comments in `comments_and_reactions.json`).
const KEYS: [(&str, FileKind); 11] = [
    ("comments_v2", FileKind::Comments),
    ("reactions_v2", FileKind::Reactions),
    ("likes_and_reactions_v2", FileKind::Reactions),
    ("friends_v2", FileKind::Friends),
    ("followers_v3", FileKind::Followers),
    ("followers_v2", FileKind::Followers),
    ("following_v3", FileKind::Following),
    ("following_v2", FileKind::Following),
    ("sent_requests_v2", FileKind::SentRequests),
    ("received_requests_v2", FileKind::ReceivedRequests),
    ("status_updates_v2", FileKind::Posts),
];

/// [`classify`], then, for a JSON file its name does not place, its top-level key.
fn classify_by_content(archive: &Archive, entry: &Entry) -> FileKind {
    let kind = classify(entry);
    if kind != FileKind::Ignore("not used by rapport") {
        return kind;
    }
    let Ok(start) = archive.peek_text(entry, 512) else {
        return kind;
    };
    let first_key = start
        .trim_start_matches('\u{feff}')
        .trim_start()
        .strip_prefix('{')
        .and_then(|rest| rest.trim_start().strip_prefix('"'))
        .and_then(|rest| rest.split_once('"'))
        .map(|(key, _)| key);
    KEYS.iter()
        .find(|(key, _)| Some(*key) == first_key)
        .map_or(kind, |(_, k)| *k)
}

/// The thread's key: its folder below `messages/` (`inbox/gracehopper_10158`).
fn thread_key(entry: &Entry) -> String {
    let folder = entry.name.rsplit_once('/').map_or("", |(dir, _)| dir);
    folder
        .rsplit_once("messages/")
        .map_or(folder, |(_, rest)| rest)
        .to_string()
}

enum Parsed {
    Thread(threads::ThreadPart),
    Posts(
        Vec<crate::model::PostRow>,
        Vec<crate::model::InteractionRow>,
    ),
    Acts(Vec<activity::Act>),
    People(Vec<ConnectionRow>, Relation),
    /// Sent friend requests: only those still pending are in the file, so their outcome
    /// is unknowable; they are counted, not made invitations (DESIGN: interactions).
    Pending(u64),
    Profile(Option<String>),
    NotAThread,
}

fn parse_entry(
    archive: &Archive,
    entry: &Entry,
    kind: FileKind,
) -> std::result::Result<(Parsed, u64, RecordProblems), String> {
    let problem = Error::into_problem;
    if kind == FileKind::MaybeE2ee {
        let start = archive.peek_text(entry, 4096).map_err(problem)?;
        if !(start.contains("\"threadName\"") || start.contains("\"senderName\"")) {
            return Ok((Parsed::NotAThread, 0, RecordProblems::default()));
        }
    }
    let text = archive.read_text(entry).map_err(problem)?;
    let value = jsfile::parse_value(&text, archive.limits().max_depth).map_err(|e| e.0)?;
    let mut p = RecordProblems::default();
    let parsed = match kind {
        FileKind::Thread | FileKind::MaybeE2ee => {
            let key = if kind == FileKind::Thread {
                thread_key(entry)
            } else {
                entry.file_name().trim_end_matches(".json").to_string()
            };
            Parsed::Thread(threads::parse(false, &value, &key, &mut p)?)
        }
        FileKind::Posts => {
            let mut mentions = Vec::new();
            let posts = activity::posts(&value, &mut p, &mut mentions);
            Parsed::Posts(posts, mentions)
        }
        FileKind::Comments => {
            Parsed::Acts(activity::acts(&value, InteractionKind::Comment, &mut p))
        }
        FileKind::Reactions => {
            Parsed::Acts(activity::acts(&value, InteractionKind::Reaction, &mut p))
        }
        FileKind::Friends => Parsed::People(
            network::people(&value, Relation::Friend, &mut p),
            Relation::Friend,
        ),
        FileKind::Followers => Parsed::People(
            network::people(&value, Relation::Follower, &mut p),
            Relation::Follower,
        ),
        FileKind::Following => Parsed::People(
            network::people(&value, Relation::Following, &mut p),
            Relation::Following,
        ),
        FileKind::SentRequests => {
            Parsed::Pending(network::requests(&value, Direction::Outbound, &mut p).len() as u64)
        }
        FileKind::ReceivedRequests => Parsed::Acts(
            network::requests(&value, Direction::Inbound, &mut p)
                .into_iter()
                .map(|row| activity::Act {
                    row,
                    title: String::new(),
                })
                .collect(),
        ),
        FileKind::Profile => {
            let profile = value
                .get("profile_v2")
                .or_else(|| value.get("profile"))
                .unwrap_or(&value);
            Parsed::Profile(
                profile
                    .get("name")
                    .and_then(|n| text::field(n, "full_name")),
            )
        }
        FileKind::Html | FileKind::Ignore(_) => Parsed::NotAThread,
    };
    let rows = match &parsed {
        Parsed::Thread(t) => t.len() as u64,
        Parsed::Posts(posts, _) => posts.len() as u64,
        Parsed::Acts(a) => a.len() as u64,
        Parsed::People(c, _) => c.len() as u64,
        Parsed::Pending(n) => *n,
        Parsed::Profile(_) => 1,
        Parsed::NotAThread => 0,
    } + p.skipped;
    Ok((parsed, rows, p))
}

const HTML_ADVICE: &str = "this is Facebook's HTML export, which rapport cannot read: download \
your information again and choose the JSON format";

impl Importer for FacebookImporter {
    fn platform(&self) -> Platform {
        Platform::Facebook
    }

    fn joins_parts(&self, _: (&Archive, &Detection), _: (&Archive, &Detection)) -> bool {
        true
    }

    fn part_wrapper(&self, folder: &str) -> bool {
        // `facebook-ada-2024-01-05/`: every part of a download wraps its files in one.
        folder.starts_with("facebook-")
    }

    fn sent_invitations_note(&self) -> &'static str {
        "Facebook lists only the friend requests still pending, so no sent \
         invitation and no acceptance can be known"
    }

    fn person_segment(&self, entry: &str) -> Option<usize> {
        crate::import::messenger::person_segment(entry)
    }

    fn has_invitations(&self) -> bool {
        true
    }

    fn detect(&self, archive: &Archive) -> Option<Detection> {
        let kinds: Vec<(&Entry, FileKind)> =
            archive.entries().iter().map(|e| (e, classify(e))).collect();
        let json = kinds.iter().any(|(_, k)| {
            !matches!(
                k,
                FileKind::Html | FileKind::MaybeE2ee | FileKind::Ignore(_) | FileKind::Profile
            )
        });
        let grouped = kinds.iter().any(|(e, _)| {
            e.name.contains("your_facebook_activity/")
                || e.name.contains("your_activity_across_facebook/")
                || e.name.starts_with("connections/")
        });
        let generation = if json {
            if grouped {
                "facebook-2024"
            } else {
                "facebook-2018"
            }
        } else if kinds.iter().any(|(e, k)| {
            *k == FileKind::Html
                && (e.file_name() == "start_here.html"
                    || e.name.contains("messages/inbox/")
                    || e.name.contains("your_facebook_activity/"))
        }) {
            "facebook-html"
        } else if kinds
            .iter()
            .filter(|(_, k)| *k == FileKind::MaybeE2ee)
            .take(5)
            .any(|(e, _)| {
                archive
                    .peek_text(e, 4096)
                    .is_ok_and(|t| t.contains("\"threadName\""))
            })
        {
            "facebook-e2ee"
        } else {
            return None;
        };
        Some(Detection::archive(Platform::Facebook, generation))
    }

    fn import(
        &self,
        archive: &Archive,
        detection: &Detection,
        progress: &Progress,
    ) -> Result<Imported> {
        if detection.generation == "facebook-html" {
            return Err(Error::archive(archive.label(), HTML_ADVICE));
        }
        let plan: Vec<(&Entry, FileKind)> = archive
            .entries()
            .iter()
            .map(|e| (e, classify_by_content(archive, e)))
            .collect();
        let mut coverage = Coverage::default();
        let read = super::read_plan(archive, &plan, progress, &mut coverage, |entry, kind| {
            parse_entry(archive, entry, kind).map(|(content, n, problems)| match content {
                Parsed::NotAThread => super::Outcome::Ignore("not used by rapport"),
                content => super::Outcome::Read(content, n, problems),
            })
        })?;
        let mut rows = Rows::default();
        let mut parts = Vec::new();
        let mut people: Vec<(ConnectionRow, Relation)> = Vec::new();
        let mut profile_name = None;
        let mut acts: Vec<activity::Act> = Vec::new();
        let mut counts: HashMap<Relation, u64> = HashMap::new();
        // The separate export of end-to-end-encrypted chats holds those chats alone.
        if detection.generation != "facebook-e2ee" {
            let kinds: Vec<FileKind> = read.iter().map(|(_, k, _)| *k).collect();
            warn_missing_files(&kinds, archive.entries(), &mut coverage);
        }
        for (_, _, content) in read {
            match content {
                Parsed::NotAThread => {}
                Parsed::Thread(t) => {
                    coverage.count("unsent messages (left out)", t.unsent);
                    parts.push(t);
                }
                Parsed::Posts(p, m) => {
                    rows.posts.extend(p);
                    rows.interactions.extend(m);
                }
                Parsed::Acts(a) => acts.extend(a),
                Parsed::People(c, relation) => {
                    *counts.entry(relation).or_default() += c.len() as u64;
                    people.extend(c.into_iter().map(|c| (c, relation)));
                }
                Parsed::Pending(pending) => {
                    coverage.count(
                        "pending friend requests sent (their outcome is unknown: no invitations)",
                        pending,
                    );
                }
                Parsed::Profile(name) => profile_name = profile_name.or(name),
            }
        }
        let owner = profile_name
            .clone()
            .or_else(|| threads::guess_owner(&parts));
        if owner.is_none() && !parts.is_empty() {
            coverage.warnings.push(
                "no profile_information.json and no one person in every thread: the owner is \
                 unknown, so messages have no direction"
                    .into(),
            );
        }
        // The people the export knows, longest name first, to find them in the localized
        // titles of comments and reactions.
        let mut known: Vec<String> = people
            .iter()
            .map(|(c, _)| c.counterpart_id.clone())
            .chain(parts.iter().flat_map(|p| p.participants.iter().cloned()))
            .filter(|n| Some(n.as_str()) != owner.as_deref())
            .collect();
        known.sort_by(|a, b| {
            b.chars()
                .count()
                .cmp(&a.chars().count())
                .then_with(|| a.cmp(b))
        });
        known.dedup();
        let mut unnamed = 0;
        for act in acts {
            let mut row = act.row;
            if row.counterpart_id.is_none() {
                row.counterpart_id =
                    text::counterpart_in_title(&act.title, &known, owner.as_deref());
                row.counterpart_name = row.counterpart_id.clone();
            }
            unnamed += u64::from(row.counterpart_id.is_none());
            rows.interactions.push(row);
        }
        if unnamed > 0 {
            coverage.count(
                "comments and reactions whose title names no person rapport knows (no counterpart)",
                unnamed,
            );
        }
        let duplicates = threads::convert(
            Platform::Facebook,
            parts,
            owner.as_deref(),
            &mut rows.messages,
            &mut rows.interactions,
        );
        if detection.generation != "facebook-e2ee" && duplicates > 0 {
            coverage.count(
                "end-to-end-encrypted messages already in the export",
                duplicates,
            );
        }
        rows.connections = super::connections::merge_people(people);
        rows.interactions
            .retain(|i| i.counterpart_id.is_none() || i.counterpart_id != owner);
        rows.order_and_dedup_posts();
        coverage.notes.push(
            "Facebook names people, not ids: a counterpart is the name as written (after \
             mojibake repair), so two people with one name are one counterpart"
                .into(),
        );
        coverage
            .notes
            .push("Facebook gives no counts for posts: every count is null".into());
        let as_of = rows.last_activity();
        rows.accounts.push(AccountRow {
            display_name: owner.clone(),
            followers: counts.get(&Relation::Follower).copied(),
            following: counts.get(&Relation::Following).copied(),
            ..detection.account(archive, owner.clone())
        });
        Ok(Imported {
            rows,
            coverage,
            account_id: owner,
            as_of,
        })
    }
}
