//! Mastodon's account archive (`outbox.json`, `actor.json`, `likes.json`, media; a
//! `.tar.gz` until early 2023, a `.zip` since), and the CSV exports of the same settings
//! page given beside it (`following_accounts.csv`, `follower_accounts.csv`). People are
//! named by account address, `user@server`.
//!
//! The archive holds only what the owner wrote: posts of every visibility (a direct one is
//! a message the owner sent), boosts, and the URIs of the posts they liked, without times.
//! Received counts exist only in archives of recent servers; elsewhere they are null.

pub mod html;
pub mod outbox;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::conversation::{Conversation, Said};
use super::coverage::{Coverage, FileStatus, RecordProblems};
use super::node::Node;
use super::{Detection, Imported, ImportedArchive, Importer, fields, jsfile};
use crate::archive::{Archive, Entry};
use crate::error::{Error, Result};
use crate::model::{
    AccountRow, ConnectionRow, Direction, InteractionKind, InteractionRow, Platform, Relation,
    Rows, stable_id,
};
use crate::progress::Progress;

/// The Mastodon importer.
pub struct MastodonImporter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Outbox,
    Actor,
    Likes,
    Following,
    Followers,
    Ignore(&'static str),
}

impl super::PlannedKind for FileKind {
    fn ignored(self) -> Option<&'static str> {
        match self {
            FileKind::Ignore(reason) => Some(reason),
            _ => None,
        }
    }

    fn optional(self) -> bool {
        matches!(self, FileKind::Likes)
    }

    fn what(self) -> &'static str {
        match self {
            FileKind::Outbox => "activities",
            FileKind::Actor => "account",
            FileKind::Likes => "likes",
            FileKind::Following => "following",
            FileKind::Followers => "followers",
            FileKind::Ignore(_) => "",
        }
    }
}

/// The folder of the archive's `actor.json` beside an `outbox.json` (the archive's root;
/// some archives wrap everything in a folder), else beside a `likes.json` or
/// `bookmarks.json`: an archive whose outbox is missing is still one, and says so.
fn root(entries: &[Entry]) -> Option<String> {
    let folder = |e: &Entry| {
        e.name
            .rsplit_once('/')
            .map_or(String::new(), |(dir, _)| format!("{dir}/"))
    };
    let beside = |names: &[&str]| -> Option<String> {
        let folders: BTreeSet<String> = entries
            .iter()
            .filter(|e| names.contains(&e.file_name()))
            .map(folder)
            .collect();
        entries
            .iter()
            .filter(|e| e.file_name() == "actor.json")
            .map(folder)
            .find(|f| folders.contains(f))
    };
    beside(&["outbox.json"]).or_else(|| beside(&["likes.json", "bookmarks.json"]))
}

fn csv_kind(name: &str) -> Option<FileKind> {
    match name.to_lowercase().as_str() {
        "following_accounts.csv" => Some(FileKind::Following),
        "follower_accounts.csv" | "followers_accounts.csv" => Some(FileKind::Followers),
        _ => None,
    }
}

fn classify(entry: &Entry, root: Option<&str>) -> FileKind {
    if let Some(kind) = csv_kind(entry.file_name()) {
        return kind;
    }
    let Some(relative) = root.and_then(|r| entry.name.strip_prefix(r)) else {
        return FileKind::Ignore("not used by rapport");
    };
    match relative {
        "outbox.json" => FileKind::Outbox,
        "actor.json" => FileKind::Actor,
        "likes.json" => FileKind::Likes,
        "bookmarks.json" => FileKind::Ignore("bookmarks: saved, not engagement"),
        _ if relative.ends_with(".json") || relative.ends_with(".csv") => {
            FileKind::Ignore("not used by rapport")
        }
        _ => FileKind::Ignore("media or other file"),
    }
}

/// Account addresses of a CSV export: the first column, after the `Account address` header
/// where there is one (older servers wrote none).
fn accounts_csv(text: &str, problems: &mut RecordProblems) -> Result<Vec<String>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("line {}: {e}", i + 1))?;
        let first = record.get(0).unwrap_or_default().trim();
        if i == 0 && first.eq_ignore_ascii_case("Account address") {
            continue;
        }
        let address = first.trim_start_matches('@');
        match address.split_once('@') {
            Some((user, host)) if !user.is_empty() && !host.is_empty() => {
                out.push(address.to_lowercase());
            }
            _ if first.is_empty() => {}
            _ => problems.skip("rows that are no account address", || {
                format!("line {}: {first:?}", i + 1)
            }),
        }
    }
    Ok(out)
}

/// The owner as `actor.json` says.
#[derive(Debug, Default, Clone)]
struct Actor {
    uri: Option<String>,
    username: Option<String>,
    name: Option<String>,
    created_at: Option<i64>,
}

fn actor(value: &Value) -> Actor {
    let text = |key| super::fields::text(value, key);
    Actor {
        uri: text("id"),
        username: text("preferredUsername"),
        name: text("name"),
        created_at: text("published").and_then(|p| super::text::parse_iso(&p)),
    }
}

enum Parsed {
    Outbox(outbox::Outbox),
    Actor,
    Likes(Vec<String>),
    Accounts(Vec<String>),
}

/// Streams the `orderedItems` of an ActivityStreams collection file (`outbox.json`,
/// `likes.json`) through `parse`, in parallel; what it kept and how many items there were.
fn ordered_items<T: Send>(
    archive: &Archive,
    entry: &Entry,
    problems: &mut RecordProblems,
    parse: &(dyn Fn(&Node<'_>, &mut RecordProblems) -> Option<T> + Sync),
) -> std::result::Result<(Vec<T>, u64), String> {
    let read_with = |skip: usize| {
        archive
            .stream(entry, |reader| {
                let depth = archive.limits().max_depth;
                jsfile::records_under_last(reader, "orderedItems", skip, depth, parse)
            })
            .map_err(Error::into_problem)?
            .map_err(|e| e.0)
    };
    let mut read = read_with(0)?;
    if read.key_again > 0 {
        // The key given twice or more: as a JSON reader does, the last one counts.
        let again = read.key_again;
        read = read_with(again)?;
        problems.null_field("orderedItems lists given more than once", || {
            format!("orderedItems given {} times: the last one read", again + 1)
        });
    }
    problems.absorb(read.problems);
    if let Some(total) = read.declared_total
        && read.count.saturating_mul(10) < total.saturating_mul(9)
    {
        problems.null_field(
            "collections holding fewer items than their totalItems",
            || {
                format!(
                    "totalItems says {total}, the orderedItems list holds {}",
                    read.count
                )
            },
        );
    }
    Ok((read.items, read.count))
}

impl Importer for MastodonImporter {
    fn profile_url(&self) -> crate::model::ProfileUrl {
        profile_url
    }
    fn platform(&self) -> Platform {
        Platform::Mastodon
    }

    fn addition_name(&self) -> &'static str {
        "CSV export of accounts"
    }

    fn holds_received_messages(&self) -> bool {
        false
    }

    fn has_connection_list(&self, archive: &ImportedArchive) -> bool {
        // The follows are separate CSV exports, given beside the archive or not.
        archive.coverage.files.iter().any(|f| {
            csv_kind(f.entry.rsplit('/').next().unwrap_or(&f.entry)).is_some()
                && matches!(f.status, FileStatus::Read { .. })
        })
    }

    fn detect(&self, archive: &Archive) -> Option<Detection> {
        let entries = archive.entries();
        if let Some(root) = root(entries) {
            // Archives made before early 2023 count their likes and sign their activities.
            let likes = entries
                .iter()
                .find(|e| e.name == format!("{root}likes.json"));
            let old = likes.is_some_and(|e| {
                archive
                    .peek_text(e, 4096)
                    .is_ok_and(|t| t.contains("\"totalItems\""))
            });
            let generation = if old {
                "mastodon-2018"
            } else {
                "mastodon-2023"
            };
            return Some(Detection::archive(Platform::Mastodon, generation));
        }
        let csv_only =
            !entries.is_empty() && entries.iter().all(|e| csv_kind(e.file_name()).is_some());
        csv_only.then(|| Detection {
            platform: Platform::Mastodon,
            generation: "mastodon-csv".into(),
            addition_only: true,
        })
    }

    fn import(
        &self,
        archive: &Archive,
        detection: &Detection,
        progress: &Progress,
    ) -> Result<Imported> {
        let root = root(archive.entries());
        let plan: Vec<(&Entry, FileKind)> = archive
            .entries()
            .iter()
            .map(|e| (e, classify(e, root.as_deref())))
            .collect();
        // The owner's URI tells their own posts from others': read the actor first.
        let owner = plan
            .iter()
            .find(|(_, k)| *k == FileKind::Actor)
            .map(|(e, _)| -> Result<Actor> {
                let text = archive.read_text(e)?;
                let value = jsfile::parse_value(&text, archive.limits().max_depth)
                    .map_err(|p| Error::entry(archive.label(), &e.name, p.0))?;
                Ok(actor(&value))
            })
            .transpose()?
            .unwrap_or_default();
        let address = owner.username.as_ref().and_then(|user| {
            let host = owner.uri.as_deref().and_then(super::text::link_domain)?;
            Some(format!("{user}@{host}").to_lowercase())
        });
        let me = outbox::Owner {
            uri: owner.uri.clone(),
            address: address.clone(),
        };
        let mut coverage = Coverage::default();
        let read = super::read_plan(archive, &plan, progress, &mut coverage, |entry, kind| {
            let mut p = RecordProblems::default();
            let (parsed, n) = match kind {
                FileKind::Outbox => {
                    let (activities, n) = ordered_items(archive, entry, &mut p, &|item, p| {
                        outbox::activity(item, &me, p)
                    })?;
                    (Parsed::Outbox(outbox::Outbox::of(activities)), n)
                }
                FileKind::Likes => {
                    let (uris, n) = ordered_items(archive, entry, &mut p, &|item, _| {
                        fields::scalar_text(item)
                    })?;
                    (Parsed::Likes(uris), n)
                }
                FileKind::Following | FileKind::Followers => {
                    let text = archive.read_text(entry).map_err(Error::into_problem)?;
                    let list = accounts_csv(&text, &mut p)?;
                    let n = list.len() as u64 + p.skipped;
                    (Parsed::Accounts(list), n)
                }
                _ => (Parsed::Actor, 1),
            };
            Ok(super::Outcome::Read(parsed, n, p))
        })?;
        let mut rows = Rows::default();
        let mut directs = Vec::new();
        let mut people = Vec::new();
        let mut followers = None;
        let mut following = None;
        let mut liked = 0;
        if root.is_some() && !read.iter().any(|(_, k, _)| *k == FileKind::Outbox) {
            super::warn_missing(
                &mut coverage,
                archive.entries(),
                "outbox.json",
                "your posts, replies, mentions and direct messages are unknown",
                &["media_attachments/"],
            );
        }
        for (_, kind, content) in read {
            match content {
                Parsed::Outbox(o) => {
                    let [public, unlisted, private] = o.by_visibility;
                    coverage.count("public posts", public);
                    coverage.count("unlisted posts", unlisted);
                    coverage.count("followers-only posts", private);
                    coverage.count(
                        "direct messages sent (read as messages)",
                        o.directs.len() as u64,
                    );
                    rows.posts.extend(o.posts);
                    rows.interactions.extend(o.interactions);
                    directs.extend(o.directs);
                }
                Parsed::Actor => {}
                Parsed::Likes(uris) => {
                    liked += uris.len() as u64;
                    rows.interactions
                        .extend(uris.iter().map(|uri| InteractionRow {
                            platform: Platform::Mastodon,
                            at: None,
                            direction: Direction::Outbound,
                            kind: InteractionKind::Like,
                            counterpart_id: outbox::address_of(uri),
                            counterpart_name: None,
                            post_id: None,
                        }));
                }
                Parsed::Accounts(list) => {
                    let relation = if kind == FileKind::Following {
                        Relation::Following
                    } else {
                        Relation::Follower
                    };
                    let count = if relation == Relation::Following {
                        &mut following
                    } else {
                        &mut followers
                    };
                    *count = Some(count.unwrap_or(0) + list.len() as u64);
                    people.extend(list.into_iter().map(|a| {
                        let row = ConnectionRow {
                            platform: Platform::Mastodon,
                            counterpart_id: a.clone(),
                            name: None,
                            handle: Some(a),
                            company: None,
                            position: None,
                            relation,
                            connected_at: None,
                        };
                        (row, relation)
                    }));
                }
            }
        }
        emit_directs(directs, address.as_deref(), &mut rows);
        rows.connections = super::connections::merge_people(people);
        // The CSVs list accounts in database order, and may be given in any order: sorted,
        // the rows are the same however the files were given.
        rows.connections
            .sort_by(|a, b| a.counterpart_id.cmp(&b.counterpart_id));
        rows.interactions
            .retain(|i| i.counterpart_id.is_none() || i.counterpart_id != address);
        rows.order_and_dedup_posts();
        if liked > 0 {
            coverage.notes.push(
                "Mastodon's likes have no time: they are counted, and in no figure over time"
                    .into(),
            );
        }
        if following.is_none() {
            coverage.notes.push(
                "no following_accounts.csv: give the CSV export of the accounts you follow \
                 beside the archive to read your network"
                    .into(),
            );
        }
        if rows.posts.iter().all(|p| p.likes.is_none()) {
            coverage.notes.push(
                "this archive has no counts of likes and boosts (servers before Mastodon 4.4 \
                 export none): every count is null"
                    .into(),
            );
        }
        coverage.notes.push(
            "the archive holds only what you wrote: replies and messages you received are \
             not in it"
                .into(),
        );
        let as_of = rows.last_activity();
        rows.accounts.push(AccountRow {
            handle: address.clone(),
            display_name: owner.name.clone().or_else(|| owner.username.clone()),
            created_at: owner.created_at,
            followers,
            following,
            ..detection.account(archive, address.clone())
        });
        Ok(Imported {
            rows,
            coverage,
            account_id: address,
            as_of,
        })
    }
}

/// The owner's direct messages, one conversation per set of recipients.
fn emit_directs(mut directs: Vec<outbox::Direct>, owner: Option<&str>, rows: &mut Rows) {
    directs.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    let mut conversations: BTreeMap<BTreeSet<String>, Vec<outbox::Direct>> = BTreeMap::new();
    for d in directs {
        conversations
            .entry(d.recipients.clone())
            .or_default()
            .push(d);
    }
    let sender = owner.unwrap_or("owner").to_string();
    for (recipients, list) in conversations {
        let parts: Vec<&str> = recipients.iter().map(String::as_str).collect();
        let id = stable_id(&parts);
        let conversation =
            Conversation::new(Platform::Mastodon, id, recipients, false, Some(&sender));
        for d in list {
            let said = Said {
                message_id: d.id,
                at: d.at,
                sender: sender.clone(),
                from_owner: true,
                chars: d.chars,
                hash: d.hash,
                recipient: None,
                counterpart_name: None,
            };
            conversation.emit(said, &mut rows.messages, &mut rows.interactions);
        }
    }
}

/// A Mastodon profile from `user@host`, on the person's own server.
fn profile_url(id: &str) -> Option<String> {
    let id = id.trim();
    match id.trim_start_matches('@').split_once('@') {
        Some((user, host))
            if super::profile::is_username(user) && super::profile::is_host(host) =>
        {
            Some(format!("https://{host}/@{user}"))
        }
        _ => super::profile::web_address(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_are_on_the_persons_own_server() {
        assert_eq!(
            profile_url("bob@other.example").as_deref(),
            Some("https://other.example/@bob")
        );
        assert_eq!(profile_url("bob@host/../x"), None);
        assert_eq!(profile_url("bob"), None);
    }
}
