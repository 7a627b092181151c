//! `outbox.json`: every status of the owner, as ActivityStreams activities. A `Create` of a
//! public, unlisted or followers-only note is a post; of a direct note, a message; an
//! `Announce` is a boost (a repost).

use std::collections::BTreeSet;

use serde_json::Value;

use super::html;
use crate::import::coverage::RecordProblems;
use crate::import::fields;
use crate::import::text::{link_domain, parse_iso};
use crate::model::{
    Direction, InteractionKind, InteractionRow, Media, Platform, PostKind, PostRow, body_hash,
    char_count,
};

const PUBLIC: [&str; 3] = [
    "https://www.w3.org/ns/activitystreams#Public",
    "as:Public",
    "Public",
];

/// The account address (`user@server`) of an actor or status URI of Mastodon's shapes
/// (`https://server/users/user[/statuses/id]`, `https://server/@user[/id]`); `None` for
/// other software's URIs, which do not say their author.
pub fn address_of(uri: &str) -> Option<String> {
    let rest = uri
        .strip_prefix("https://")
        .or_else(|| uri.strip_prefix("http://"))?;
    let mut parts = rest.split(['/', '?', '#']);
    let host = parts.next().filter(|h| !h.is_empty())?.to_ascii_lowercase();
    let user = match parts.next()? {
        "users" => parts.next()?,
        first => first.strip_prefix('@')?,
    };
    (!user.is_empty()).then(|| format!("{user}@{host}"))
}

/// How a status is addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// To everyone, on public timelines.
    Public,
    /// To everyone, off public timelines.
    Unlisted,
    /// To the owner's followers.
    Followers,
    /// Only to the people it mentions: a direct message.
    Direct,
}

fn addresses(record: &Value, key: &str) -> Vec<String> {
    match record.get(key) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// The visibility of an activity or note from its `to` and `cc`.
pub fn visibility(record: &Value) -> Visibility {
    let to = addresses(record, "to");
    let cc = addresses(record, "cc");
    let public = |list: &[String]| list.iter().any(|a| PUBLIC.contains(&a.as_str()));
    if public(&to) {
        Visibility::Public
    } else if public(&cc) {
        Visibility::Unlisted
    } else if to.iter().chain(&cc).any(|a| a.ends_with("/followers")) {
        Visibility::Followers
    } else {
        Visibility::Direct
    }
}

/// A direct message the owner sent.
#[derive(Debug, Clone)]
pub struct Direct {
    /// The status URI.
    pub id: String,
    /// When it was sent.
    pub at: i64,
    /// Account addresses of its recipients (or their URIs where no address is known).
    pub recipients: BTreeSet<String>,
    /// Characters of its text.
    pub chars: u32,
    /// The hash of its text.
    pub hash: Option<u64>,
}

/// What the outbox holds.
#[derive(Debug, Default)]
pub struct Outbox {
    /// Posts and boosts.
    pub posts: Vec<PostRow>,
    /// Replies, mentions and boosts of other people.
    pub interactions: Vec<InteractionRow>,
    /// Direct messages sent.
    pub directs: Vec<Direct>,
    /// Posts by visibility: public, unlisted, followers-only.
    pub by_visibility: [u64; 3],
}

/// The mentions of a note: actor URI and account address (`@bob@other.example` becomes
/// `bob@other.example`).
fn mentions(note: &Value) -> Vec<(String, String)> {
    fields::array(note, "tag")
        .iter()
        .filter(|t| fields::text(*t, "type").as_deref() == Some("Mention"))
        .filter_map(|t| {
            let href = fields::text(t, "href")?;
            let name = fields::text(t, "name")
                .map(|n| n.trim_start_matches('@').to_string())
                .filter(|n| n.contains('@'))
                .or_else(|| address_of(&href))?;
            Some((href, name))
        })
        .collect()
}

/// The address of the person at `uri`: from the note's mentions, else from the URI.
fn person(uri: &str, mentioned: &[(String, String)]) -> Option<String> {
    mentioned
        .iter()
        .find(|(href, _)| href == uri)
        .map(|(_, name)| name.clone())
        .or_else(|| address_of(uri))
}

fn media(note: &Value) -> Media {
    if note.get("oneOf").is_some() || note.get("anyOf").is_some() {
        return Media::Poll;
    }
    let types: Vec<String> = fields::array(note, "attachment")
        .iter()
        .filter_map(|a| fields::text(a, "mediaType"))
        .collect();
    if types.iter().any(|t| t.starts_with("video/")) {
        Media::Video
    } else if types.iter().any(|t| t == "image/gif") {
        Media::Gif
    } else if types.iter().any(|t| t.starts_with("image/")) {
        Media::Photo
    } else {
        Media::None
    }
}

fn total(note: &Value, key: &str) -> Option<u64> {
    note.get(key)
        .and_then(|c| fields::count(c, "totalItems").ok().flatten())
}

impl Outbox {
    /// Reads the outbox of the owner whose actor URI is `owner_uri`.
    pub fn read(value: &Value, owner_uri: Option<&str>, problems: &mut RecordProblems) -> Outbox {
        let mut out = Outbox::default();
        let owner_address = owner_uri.and_then(address_of);
        for item in fields::array(value, "orderedItems") {
            let kind = fields::text(item, "type").unwrap_or_default();
            let raw = fields::text(item, "published").unwrap_or_default();
            let Some(at) = parse_iso(&raw) else {
                problems.skip("activities with an unparseable published", || {
                    format!("{kind} published {raw:?}")
                });
                continue;
            };
            let id = fields::text(item, "id").unwrap_or_else(|| format!("{kind}:{raw}"));
            match kind.as_str() {
                "Create" => match item.get("object") {
                    Some(note) if note.is_object() => {
                        out.create(note, at, owner_uri, owner_address.as_deref())
                    }
                    _ => problems.skip("Create activities without a note", || {
                        format!("{id}: no object")
                    }),
                },
                "Announce" => out.announce(item, &id, at, owner_uri, owner_address.as_deref()),
                _ => problems.skip("activities of another type", || {
                    format!("{id}: type {kind:?}")
                }),
            }
        }
        out
    }

    fn create(&mut self, note: &Value, at: i64, owner_uri: Option<&str>, owner: Option<&str>) {
        let id = fields::text(note, "id").unwrap_or_else(|| format!("note:{at}"));
        let content = html::read(&fields::text(note, "content").unwrap_or_default());
        let mentioned = mentions(note);
        let visibility = visibility(note);
        if visibility == Visibility::Direct {
            let recipients: BTreeSet<String> = addresses(note, "to")
                .iter()
                .chain(mentioned.iter().map(|(href, _)| href))
                .filter(|uri| Some(uri.as_str()) != owner_uri)
                .map(|uri| person(uri, &mentioned).unwrap_or_else(|| uri.clone()))
                .filter(|a| Some(a.as_str()) != owner)
                .collect();
            self.directs.push(Direct {
                id,
                at,
                recipients,
                chars: char_count(&content.text),
                hash: body_hash(&content.text),
            });
            return;
        }
        self.by_visibility[visibility as usize] += 1;
        let parent = fields::text(note, "inReplyTo");
        let parent_author = parent.as_deref().and_then(|p| {
            // Mastodon's own status URIs say their author; a mention of the parent's
            // author is the fallback for other servers'.
            address_of(p).or_else(|| mentioned.first().map(|(_, n)| n.clone()))
        });
        let self_reply = parent.is_some()
            && (parent_author.as_deref() == owner
                || owner_uri.is_some_and(|o| parent.as_deref().is_some_and(|p| p.starts_with(o))));
        let kind = match (&parent, self_reply) {
            (None, _) => PostKind::Original,
            (Some(_), true) => PostKind::Thread,
            (Some(_), false) => PostKind::Reply,
        };
        let outbound = |kind, person: String| InteractionRow {
            platform: Platform::Mastodon,
            at: Some(at),
            direction: Direction::Outbound,
            kind,
            counterpart_id: Some(person),
            counterpart_name: None,
            post_id: Some(id.clone()),
        };
        let mut named: Vec<String> = Vec::new();
        if kind == PostKind::Reply {
            if let Some(person) = parent_author.clone() {
                named.push(person.clone());
                self.interactions
                    .push(outbound(InteractionKind::Reply, person));
            }
        }
        for (_, person) in &mentioned {
            if named.contains(person) || Some(person.as_str()) == owner {
                continue;
            }
            named.push(person.clone());
            self.interactions
                .push(outbound(InteractionKind::Mention, person.clone()));
        }
        let hashtags = fields::array(note, "tag")
            .iter()
            .filter(|t| fields::text(*t, "type").as_deref() == Some("Hashtag"))
            .filter_map(|t| fields::text(t, "name"))
            .map(|n| n.trim_start_matches('#').to_lowercase())
            .fold(Vec::new(), |mut out: Vec<String>, h| {
                if !out.contains(&h) {
                    out.push(h);
                }
                out
            });
        let mut domains: Vec<String> = Vec::new();
        for domain in content.links.iter().filter_map(|l| link_domain(l)) {
            if !domains.contains(&domain) {
                domains.push(domain);
            }
        }
        self.posts.push(PostRow {
            media: match media(note) {
                Media::None if !domains.is_empty() => Media::Link,
                m => m,
            },
            hashtags,
            mentions: mentioned.into_iter().map(|(_, n)| n).collect(),
            link_domains: domains,
            reply_to: if kind == PostKind::Reply {
                parent_author
            } else {
                None
            },
            likes: total(note, "likes"),
            reposts: total(note, "shares"),
            lang: note
                .get("contentMap")
                .and_then(Value::as_object)
                .and_then(|m| m.keys().next().cloned()),
            ..PostRow::new(Platform::Mastodon, id, at, kind, content.text)
        });
    }

    fn announce(
        &mut self,
        item: &Value,
        id: &str,
        at: i64,
        owner_uri: Option<&str>,
        owner: Option<&str>,
    ) {
        let object = item.get("object");
        let boosted = match object {
            Some(Value::String(uri)) => Some(uri.clone()),
            Some(other) => fields::text(other, "id"),
            None => None,
        };
        let author = match object {
            Some(Value::Object(_)) => object
                .and_then(|o| fields::text(o, "attributedTo"))
                .and_then(|a| address_of(&a)),
            _ => boosted.as_deref().and_then(address_of),
        };
        let own = author.as_deref().is_some_and(|a| Some(a) == owner)
            || boosted
                .as_deref()
                .is_some_and(|b| owner_uri.is_some_and(|o| b.starts_with(o)));
        if !own {
            self.interactions.push(InteractionRow {
                platform: Platform::Mastodon,
                at: Some(at),
                direction: Direction::Outbound,
                kind: InteractionKind::Repost,
                counterpart_id: author,
                counterpart_name: None,
                post_id: Some(id.to_string()),
            });
        }
        self.posts.push(PostRow::new(
            Platform::Mastodon,
            id.to_string(),
            at,
            PostKind::Repost,
            String::new(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_of_mastodon_uris() {
        let a = |u: &str| address_of(u);
        assert_eq!(
            a("https://Other.example/users/bob/statuses/99").as_deref(),
            Some("bob@other.example")
        );
        assert_eq!(
            a("https://m.example/@carol/555").as_deref(),
            Some("carol@m.example")
        );
        assert_eq!(a("https://misskey.example/notes/9abc"), None);
        assert_eq!(a("not a uri"), None);
    }
}
