//! `outbox.json`: every status of the owner, as ActivityStreams activities. A `Create` of a
//! public, unlisted or followers-only note is a post; of a direct note, a message; an
//! `Announce` is a boost (a repost). Activities are read one by one as the file streams
//! (the outbox of a busy account is hundreds of megabytes).

use std::collections::BTreeSet;

use super::html;
use crate::import::coverage::RecordProblems;
use crate::import::fields::{self, Json, Scalar};
use crate::import::text::{link_domain, parse_iso, unique};
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

fn addresses<J: Json>(record: &J, key: &str) -> Vec<String> {
    let Some(value) = record.field(key) else {
        return Vec::new();
    };
    match (value.scalar(), value.items()) {
        (Scalar::Str(s), _) => vec![s.to_string()],
        (_, Some(items)) => items.iter().filter_map(fields::scalar_text).collect(),
        _ => Vec::new(),
    }
}

/// The visibility of an activity or note from its `to` and `cc`.
pub fn visibility<J: Json>(record: &J) -> Visibility {
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

/// The owner, as `actor.json` names them.
#[derive(Debug, Clone, Default)]
pub struct Owner {
    /// The actor URI (`https://ex.social/users/alice`).
    pub uri: Option<String>,
    /// The account address (`alice@ex.social`).
    pub address: Option<String>,
}

impl Owner {
    fn is(&self, address: &str) -> bool {
        self.address.as_deref() == Some(address)
    }

    /// Whether a status or actor URI is the owner's.
    fn owns(&self, uri: &str) -> bool {
        self.uri.as_deref().is_some_and(|o| uri.starts_with(o))
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

/// What one activity of the outbox is.
#[derive(Debug, Clone)]
pub enum Activity {
    /// A post or a boost, with the interactions it makes; a boost has no visibility.
    Post {
        /// The post.
        row: Box<PostRow>,
        /// Replies, mentions and boosts of other people.
        acts: Vec<InteractionRow>,
        /// How a status was addressed; `None` for a boost.
        visibility: Option<Visibility>,
    },
    /// A direct message the owner sent.
    Direct(Direct),
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

impl Outbox {
    /// The outbox of these activities.
    pub fn of(activities: Vec<Activity>) -> Outbox {
        let mut out = Outbox::default();
        for activity in activities {
            match activity {
                Activity::Post {
                    row,
                    acts,
                    visibility,
                } => {
                    if let Some(v) = visibility.filter(|v| *v != Visibility::Direct) {
                        out.by_visibility[v as usize] += 1;
                    }
                    out.posts.push(*row);
                    out.interactions.extend(acts);
                }
                Activity::Direct(d) => out.directs.push(d),
            }
        }
        out
    }
}

/// The mentions of a note: actor URI and account address (`@bob@other.example` becomes
/// `bob@other.example`).
fn mentions<J: Json>(note: &J) -> Vec<(String, String)> {
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

fn media<J: Json>(note: &J) -> Media {
    if note.field("oneOf").is_some() || note.field("anyOf").is_some() {
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

fn total<J: Json>(note: &J, key: &str) -> Option<u64> {
    note.field(key)
        .and_then(|c| fields::count(c, "totalItems").ok().flatten())
}

/// Reads one activity of the outbox: `None` (counted in `problems`) for one without a
/// readable time, a `Create` without a note, or another type.
pub fn activity<J: Json>(
    item: &J,
    owner: &Owner,
    problems: &mut RecordProblems,
) -> Option<Activity> {
    let kind = fields::text(item, "type").unwrap_or_default();
    let raw = fields::text(item, "published").unwrap_or_default();
    let Some(at) = parse_iso(&raw) else {
        problems.skip("activities with an unparseable published", || {
            format!("{kind} published {raw:?}")
        });
        return None;
    };
    let id = fields::text(item, "id").unwrap_or_else(|| format!("{kind}:{raw}"));
    match kind.as_str() {
        "Create" => match item.field("object").filter(|o| o.is_object()) {
            Some(note) => Some(create(note, at, owner)),
            None => {
                problems.skip("Create activities without a note", || {
                    format!("{id}: no object")
                });
                None
            }
        },
        "Announce" => Some(announce(item, &id, at, owner)),
        _ => {
            problems.skip("activities of another type", || {
                format!("{id}: type {kind:?}")
            });
            None
        }
    }
}

fn create<J: Json>(note: &J, at: i64, owner: &Owner) -> Activity {
    let id = fields::text(note, "id").unwrap_or_else(|| format!("note:{at}"));
    let content = html::read(&fields::text(note, "content").unwrap_or_default());
    let mentioned = mentions(note);
    let visibility = visibility(note);
    if visibility == Visibility::Direct {
        let recipients: BTreeSet<String> = addresses(note, "to")
            .iter()
            .chain(mentioned.iter().map(|(href, _)| href))
            .filter(|uri| Some(uri.as_str()) != owner.uri.as_deref())
            .map(|uri| person(uri, &mentioned).unwrap_or_else(|| uri.clone()))
            .filter(|a| !owner.is(a))
            .collect();
        return Activity::Direct(Direct {
            id,
            at,
            recipients,
            chars: char_count(&content.text),
            hash: body_hash(&content.text),
        });
    }
    let parent = fields::text(note, "inReplyTo");
    let parent_author = parent.as_deref().and_then(|p| {
        // Mastodon's own status URIs say their author; a mention of the parent's author
        // is the fallback for other servers'.
        address_of(p).or_else(|| mentioned.first().map(|(_, n)| n.clone()))
    });
    let kind = match parent.as_deref() {
        None => PostKind::Original,
        Some(p) if owner.owns(p) || parent_author.as_deref().is_some_and(|a| owner.is(a)) => {
            PostKind::Thread
        }
        Some(_) => PostKind::Reply,
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
    let mut acts = Vec::new();
    let mut named: Vec<String> = Vec::new();
    if kind == PostKind::Reply
        && let Some(person) = parent_author.clone()
    {
        named.push(person.clone());
        acts.push(outbound(InteractionKind::Reply, person));
    }
    for (_, person) in &mentioned {
        if named.contains(person) || owner.is(person) {
            continue;
        }
        named.push(person.clone());
        acts.push(outbound(InteractionKind::Mention, person.clone()));
    }
    let hashtags = unique(
        fields::array(note, "tag")
            .iter()
            .filter(|t| fields::text(*t, "type").as_deref() == Some("Hashtag"))
            .filter_map(|t| fields::text(t, "name"))
            .map(|n| n.trim_start_matches('#').to_lowercase()),
    );
    let domains = unique(content.links.iter().filter_map(|l| link_domain(l)));
    let row = PostRow {
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
            .field("contentMap")
            .and_then(|m| m.first_key())
            .map(str::to_string),
        ..PostRow::new(Platform::Mastodon, id, at, kind, content.text)
    };
    Activity::Post {
        row: Box::new(row),
        acts,
        visibility: Some(visibility),
    }
}

/// A boost: a repost, and a `repost` of its author unless it is the owner's own status.
fn announce<J: Json>(item: &J, id: &str, at: i64, owner: &Owner) -> Activity {
    let object = item.field("object");
    let inlined = object.filter(|o| o.is_object());
    let boosted = match inlined {
        Some(o) => fields::text(o, "id"),
        None => object.and_then(fields::scalar_text),
    };
    let author = match inlined {
        Some(o) => fields::text(o, "attributedTo").and_then(|a| address_of(&a)),
        None => boosted.as_deref().and_then(address_of),
    };
    let own = author.as_deref().is_some_and(|a| owner.is(a))
        || boosted.as_deref().is_some_and(|b| owner.owns(b));
    let acts = if own {
        Vec::new()
    } else {
        vec![InteractionRow {
            platform: Platform::Mastodon,
            at: Some(at),
            direction: Direction::Outbound,
            kind: InteractionKind::Repost,
            counterpart_id: author,
            counterpart_name: None,
            post_id: Some(id.to_string()),
        }]
    };
    Activity::Post {
        row: Box::new(PostRow::new(
            Platform::Mastodon,
            id.to_string(),
            at,
            PostKind::Repost,
            String::new(),
        )),
        acts,
        visibility: None,
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
