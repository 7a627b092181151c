//! One tweet as every Twitter generation gives it, and how it becomes a `posts` row and
//! `interactions` rows. The JSON archives and `tweets.csv` fill a [`TweetRecord`]; this file
//! alone decides kinds, lengths, media and who was interacted with.

use std::collections::HashMap;

use crate::import::text::{outside_domain, unique};
use crate::model::{
    Direction, InteractionKind, InteractionRow, Media, Platform, PostKind, PostRow, char_count,
};

/// A person named by a tweet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    /// The numeric user id, where the archive gives it.
    pub id: Option<String>,
    /// The handle without `@`.
    pub handle: Option<String>,
    /// The display name.
    pub name: Option<String>,
}

/// A link in a tweet: the `t.co` form in the text and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The shortened form as it stands in the text.
    pub short: String,
    /// The expanded URL.
    pub expanded: String,
}

/// Attached media types, in Twitter's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    /// `photo`
    Photo,
    /// `video`
    Video,
    /// `animated_gif`
    Gif,
}

/// A tweet, whatever file it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TweetRecord {
    /// The tweet id.
    pub id: String,
    /// When it was posted, ms since the epoch.
    pub created_at: i64,
    /// The text with HTML entities decoded.
    pub text: String,
    /// The id of the tweet it replies to.
    pub reply_to_status: Option<String>,
    /// Who it replies to.
    pub reply_to: Option<Person>,
    /// The author of the retweeted tweet, for a retweet that says so.
    pub retweet_of: Option<Person>,
    /// People mentioned, in order.
    pub mentions: Vec<Person>,
    /// Links, in order.
    pub links: Vec<Link>,
    /// Hashtags as written.
    pub hashtags: Vec<String>,
    /// Attached media: the `t.co` link Twitter appended and the type.
    pub media: Vec<(String, MediaType)>,
    /// Likes at export time.
    pub likes: Option<u64>,
    /// Retweets at export time.
    pub reposts: Option<u64>,
    /// Language code.
    pub lang: Option<String>,
    /// The app that posted it, as its `source` names it (`Foursquare`, from
    /// `<a href="...">Foursquare</a>`).
    pub source: Option<String>,
}

/// The apps whose posts name accounts for the owner: a check-in names the venue's account
/// (`I'm at Café X (@cafex)`), which is no relationship with a person.
const CHECK_IN_APPS: [&str; 4] = ["foursquare", "swarm", "untappd", "foursquare swarm"];

/// The app name of a `source` field: the text of its HTML link, or the field as it is.
pub fn source_app(source: &str) -> String {
    let text = match (source.find('>'), source.rfind("</a>")) {
        (Some(open), Some(close)) if open < close => &source[open + 1..close],
        _ => source,
    };
    text.trim().to_string()
}

/// Whether a tweet was posted by a check-in app, so that its mentions are the app's words.
pub fn by_check_in_app(record: &TweetRecord) -> bool {
    record.source.as_deref().is_some_and(|app| {
        let app = app.to_lowercase();
        CHECK_IN_APPS
            .iter()
            .any(|known| app == *known || app.starts_with(&format!("{known} ")))
    })
}

/// The archive owner, to tell threads from replies and to keep the owner out of counterparts.
#[derive(Debug, Clone, Default)]
pub struct Owner {
    /// The owner's user id.
    pub id: Option<String>,
    /// The owner's handle.
    pub handle: Option<String>,
}

impl Owner {
    /// Whether this person is the owner.
    pub fn is(&self, person: &Person) -> bool {
        let by_id = matches!((&self.id, &person.id), (Some(a), Some(b)) if a == b);
        let by_handle = matches!((&self.handle, &person.handle),
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b));
        by_id || by_handle
    }
}

/// Handles seen with their ids anywhere in the archive, so that a person named only by
/// handle (a quoted author, a `tweets.csv` mention) gets the same id as elsewhere.
#[derive(Debug, Default)]
pub struct Directory {
    ids_by_handle: HashMap<String, String>,
}

impl Directory {
    /// Learns the id of every person of a record that names both.
    pub fn learn(&mut self, record: &TweetRecord) {
        let people = record
            .mentions
            .iter()
            .chain(record.reply_to.iter())
            .chain(record.retweet_of.iter());
        for person in people {
            if let (Some(id), Some(handle)) = (&person.id, &person.handle) {
                self.ids_by_handle
                    .entry(handle.to_ascii_lowercase())
                    .or_insert_with(|| id.clone());
            }
        }
    }

    /// The most stable id of a person: the user id, else the id learnt for the handle,
    /// else `@handle` in lower case.
    pub fn counterpart_id(&self, person: &Person) -> Option<String> {
        if let Some(id) = &person.id {
            return Some(id.clone());
        }
        let handle = person.handle.as_ref()?.to_ascii_lowercase();
        Some(
            self.ids_by_handle
                .get(&handle)
                .cloned()
                .unwrap_or_else(|| format!("@{handle}")),
        )
    }

    /// The handle learnt for an id, if any (to name followers, who come with ids only).
    pub fn handles_by_id(&self) -> HashMap<&str, &str> {
        self.ids_by_handle
            .iter()
            .map(|(h, id)| (id.as_str(), h.as_str()))
            .collect()
    }
}

/// A quoted tweet found among the links: its author's handle and the link.
fn quoted(record: &TweetRecord) -> Option<(&Link, String)> {
    record.links.iter().rev().find_map(|link| {
        let rest = link
            .expanded
            .split_once("://")
            .map(|(_, r)| r)
            .unwrap_or(&link.expanded);
        let mut parts = rest.split('/');
        let host = parts.next()?.to_ascii_lowercase();
        let host = host
            .trim_start_matches("www.")
            .trim_start_matches("mobile.");
        if host != "twitter.com" && host != "x.com" {
            return None;
        }
        let handle = parts.next()?;
        let marker = parts.next()?;
        let status = parts.next()?;
        let is_status = marker == "status" || marker == "statuses";
        let numeric = !status.is_empty() && status.chars().all(|c| c.is_ascii_digit());
        (is_status && numeric && handle != "i" && !handle.is_empty())
            .then(|| (link, handle.to_string()))
    })
}

/// Whether a link is Twitter's own "read the rest" link of a long post.
fn is_note_link(link: &Link) -> bool {
    link.expanded.contains("twitter.com/i/web/status/")
        || link.expanded.contains("x.com/i/web/status/")
}

/// The kind of a tweet.
pub fn kind(record: &TweetRecord, owner: &Owner) -> PostKind {
    if record.retweet_of.is_some() || record.text.starts_with("RT @") {
        return PostKind::Repost;
    }
    if let Some(target) = &record.reply_to {
        return if owner.is(target) {
            PostKind::Thread
        } else {
            PostKind::Reply
        };
    }
    if record.reply_to_status.is_some() {
        return PostKind::Reply;
    }
    if quoted(record).is_some() {
        return PostKind::Quote;
    }
    PostKind::Original
}

/// Strips a leading run of `@handle` words.
fn strip_leading_mentions(text: &str) -> &str {
    let mut rest = text.trim_start();
    while let Some(after) = rest.strip_prefix('@') {
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if end == 0 {
            break;
        }
        rest = after[end..].trim_start();
    }
    rest
}

/// Strips `RT @handle: `.
fn strip_retweet_prefix(text: &str) -> &str {
    let Some(after) = text.strip_prefix("RT @") else {
        return text;
    };
    match after.find(':') {
        Some(colon) => after[colon + 1..].trim_start(),
        None => text,
    }
}

/// The length of what the owner wrote, as docs/dataset.md defines `text_chars`.
pub fn written_chars(record: &TweetRecord, kind: PostKind) -> u32 {
    let mut text = match kind {
        PostKind::Repost => strip_retweet_prefix(&record.text),
        PostKind::Reply | PostKind::Thread => strip_leading_mentions(&record.text),
        _ => record.text.as_str(),
    }
    .trim_end();
    // Twitter appends a t.co link for attached media and for a quoted post; strip those
    // trailing links (there may be both).
    let quote_link = quoted(record).map(|(l, _)| l.short.as_str());
    loop {
        let trailing = record
            .media
            .iter()
            .map(|(short, _)| short.as_str())
            .chain(quote_link)
            .find(|short| !short.is_empty() && text.ends_with(short));
        match trailing {
            Some(short) => text = text[..text.len() - short.len()].trim_end(),
            None => break,
        }
    }
    let mut count = char_count(text);
    // Links the owner wrote count at their expanded length.
    for link in &record.links {
        if link.short.is_empty() || link.short == link.expanded {
            continue;
        }
        let occurrences = text.matches(link.short.as_str()).count() as u32;
        let (short, long) = (char_count(&link.short), char_count(&link.expanded));
        count = count
            .saturating_sub(occurrences * short)
            .saturating_add(occurrences * long);
    }
    count
}

fn media(record: &TweetRecord) -> Media {
    let has = |t: MediaType| record.media.iter().any(|(_, m)| *m == t);
    if has(MediaType::Video) {
        Media::Video
    } else if has(MediaType::Gif) {
        Media::Gif
    } else if has(MediaType::Photo) {
        Media::Photo
    } else if shared_links(record).next().is_some() {
        Media::Link
    } else {
        Media::None
    }
}

/// Twitter's own sites: a link to them (a tweet, a profile, a Space) is no outside link.
const OWN_SITES: &[&str] = &["twitter.com", "x.com", "t.co"];

/// Links the owner shared: not a quoted tweet, not Twitter's long-post link.
fn shared_links(record: &TweetRecord) -> impl Iterator<Item = &Link> {
    let quote = quoted(record).map(|(l, _)| l);
    record
        .links
        .iter()
        .filter(move |l| !is_note_link(l) && quote.is_none_or(|q| !std::ptr::eq(q, *l)))
}

/// The text with links expanded and nothing else changed.
fn expanded_text(record: &TweetRecord) -> String {
    let mut text = record.text.clone();
    for link in &record.links {
        if !link.short.is_empty() && link.short != link.expanded {
            text = text.replace(&link.short, &link.expanded);
        }
    }
    text
}

/// Turns a tweet into its `posts` row and pushes its `interactions` rows. The mentions of a
/// check-in app's post ([`by_check_in_app`]) are no interaction: they are left out and
/// returned as a count.
pub fn convert(
    record: &TweetRecord,
    owner: &Owner,
    directory: &Directory,
    interactions: &mut Vec<InteractionRow>,
    automated_mentions: &mut u64,
) -> PostRow {
    let kind = kind(record, owner);
    let outbound = |kind: InteractionKind, person: &Person| InteractionRow {
        platform: Platform::Twitter,
        at: Some(record.created_at),
        direction: Direction::Outbound,
        kind,
        counterpart_id: directory.counterpart_id(person),
        counterpart_name: person.name.clone(),
        post_id: Some(record.id.clone()),
    };
    // The person the act is about, and who else is only mentioned.
    let (main, main_kind): (Option<Person>, InteractionKind) = match kind {
        PostKind::Repost => (
            record.retweet_of.clone().or_else(|| {
                let handle = strip_retweet_prefix_handle(&record.text)?;
                Some(find_person(record, &handle))
            }),
            InteractionKind::Repost,
        ),
        PostKind::Reply => (
            record.reply_to.as_ref().map(|p| enrich(record, p)),
            InteractionKind::Reply,
        ),
        PostKind::Quote => (
            quoted(record).map(|(_, handle)| find_person(record, &handle)),
            InteractionKind::Quote,
        ),
        PostKind::Thread | PostKind::Original => (None, InteractionKind::Mention),
    };
    let mut seen: Vec<String> = Vec::new();
    if let Some(person) = main.as_ref().filter(|p| !owner.is(p)) {
        let row = outbound(main_kind, person);
        if let Some(id) = &row.counterpart_id {
            seen.push(id.clone());
        }
        interactions.push(row);
    }
    if kind != PostKind::Repost {
        let automated = by_check_in_app(record) && main.is_none();
        for person in &record.mentions {
            if owner.is(person) {
                continue;
            }
            let row = outbound(InteractionKind::Mention, person);
            let Some(id) = row.counterpart_id.clone() else {
                continue;
            };
            if main.as_ref().is_some_and(|m| same_person(m, person)) || seen.contains(&id) {
                continue;
            }
            seen.push(id);
            if automated {
                *automated_mentions += 1;
                continue;
            }
            interactions.push(row);
        }
    }

    PostRow {
        text_chars: written_chars(record, kind),
        media: media(record),
        hashtags: unique(record.hashtags.iter().map(|h| h.to_lowercase())),
        mentions: unique(record.mentions.iter().filter_map(|m| m.handle.clone())),
        link_domains: unique(
            shared_links(record).filter_map(|l| outside_domain(&l.expanded, OWN_SITES)),
        ),
        reply_to: match kind {
            PostKind::Reply | PostKind::Thread => record
                .reply_to
                .as_ref()
                .and_then(|p| directory.counterpart_id(p)),
            _ => None,
        },
        likes: record.likes,
        reposts: record.reposts,
        lang: record.lang.clone(),
        ..PostRow::new(
            Platform::Twitter,
            record.id.clone(),
            record.created_at,
            kind,
            expanded_text(record),
        )
    }
}

fn same_person(a: &Person, b: &Person) -> bool {
    matches!((&a.id, &b.id), (Some(x), Some(y)) if x == y)
        || matches!((&a.handle, &b.handle), (Some(x), Some(y)) if x.eq_ignore_ascii_case(y))
}

/// The mention of this handle (with its id and name) or a person with the handle only.
fn find_person(record: &TweetRecord, handle: &str) -> Person {
    record
        .mentions
        .iter()
        .find(|m| {
            m.handle
                .as_deref()
                .is_some_and(|h| h.eq_ignore_ascii_case(handle))
        })
        .cloned()
        .unwrap_or_else(|| Person {
            id: None,
            handle: Some(handle.to_string()),
            name: None,
        })
}

/// A reply target completed with the name its mention gives.
fn enrich(record: &TweetRecord, target: &Person) -> Person {
    let mention = record.mentions.iter().find(|m| same_person(m, target));
    Person {
        id: target
            .id
            .clone()
            .or_else(|| mention.and_then(|m| m.id.clone())),
        handle: target
            .handle
            .clone()
            .or_else(|| mention.and_then(|m| m.handle.clone())),
        name: target
            .name
            .clone()
            .or_else(|| mention.and_then(|m| m.name.clone())),
    }
}

fn strip_retweet_prefix_handle(text: &str) -> Option<String> {
    let after = text.strip_prefix("RT @")?;
    let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    (end > 0).then(|| after[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, handle: &str) -> Person {
        Person {
            id: Some(id.into()),
            handle: Some(handle.into()),
            name: None,
        }
    }

    fn owner() -> Owner {
        Owner {
            id: Some("1".into()),
            handle: Some("me".into()),
        }
    }

    #[test]
    fn a_reply_to_the_owner_is_a_thread_and_to_others_a_reply() {
        let mut r = TweetRecord {
            text: "@me more".into(),
            reply_to: Some(person("1", "me")),
            ..Default::default()
        };
        assert_eq!(kind(&r, &owner()), PostKind::Thread);
        r.reply_to = Some(person("2", "ada"));
        assert_eq!(kind(&r, &owner()), PostKind::Reply);
    }

    #[test]
    fn a_check_in_apps_mentions_are_no_interactions_and_are_counted() {
        // As Foursquare posted for one real owner: the venue's account is named for them.
        let check_in = TweetRecord {
            id: "1".into(),
            text: "I'm at Café Central (@cafecentral) in Wien https://t.co/x".into(),
            mentions: vec![person("77", "cafecentral")],
            source: Some(source_app(
                "<a href=\"http://foursquare.com\" rel=\"nofollow\">Foursquare</a>",
            )),
            ..Default::default()
        };
        assert_eq!(check_in.source.as_deref(), Some("Foursquare"));
        let (mut rows, mut automated) = (Vec::new(), 0);
        let post = convert(
            &check_in,
            &owner(),
            &Directory::default(),
            &mut rows,
            &mut automated,
        );
        assert!(rows.is_empty());
        assert_eq!(automated, 1);
        // The post is still the owner's, with its mention as written.
        assert_eq!(post.mentions, ["cafecentral"]);
        // The same words from the owner's own app are a mention of a person.
        let by_hand = TweetRecord {
            source: Some("Twitter for iPhone".into()),
            ..check_in.clone()
        };
        let (mut rows, mut automated) = (Vec::new(), 0);
        convert(
            &by_hand,
            &owner(),
            &Directory::default(),
            &mut rows,
            &mut automated,
        );
        assert_eq!((rows.len(), automated), (1, 0));
        // Swarm's name, in any case, is a check-in app too; Buffer (a scheduler) is not.
        for (app, automated) in [("Swarm", true), ("swarm app", true), ("Buffer", false)] {
            let r = TweetRecord {
                source: Some(app.into()),
                ..Default::default()
            };
            assert_eq!(by_check_in_app(&r), automated, "{app}");
        }
    }

    #[test]
    fn reply_length_leaves_out_the_leading_handles_and_media_link() {
        // "@ada @bob thanks!" -> "thanks!" = 7 characters; the media link is not counted.
        let r = TweetRecord {
            text: "@ada @bob thanks! https://t.co/m".into(),
            reply_to: Some(person("2", "ada")),
            media: vec![("https://t.co/m".into(), MediaType::Photo)],
            ..Default::default()
        };
        assert_eq!(written_chars(&r, PostKind::Reply), 7);
    }

    #[test]
    fn a_written_link_counts_at_its_expanded_length() {
        // "see " (4) + "https://example.com/post" (24) = 28.
        let r = TweetRecord {
            text: "see https://t.co/ab".into(),
            links: vec![Link {
                short: "https://t.co/ab".into(),
                expanded: "https://example.com/post".into(),
            }],
            ..Default::default()
        };
        assert_eq!(written_chars(&r, PostKind::Original), 28);
    }

    #[test]
    fn a_status_link_makes_a_quote_and_its_author_the_counterpart() {
        let r = TweetRecord {
            id: "9".into(),
            text: "so true https://t.co/q".into(),
            links: vec![Link {
                short: "https://t.co/q".into(),
                expanded: "https://twitter.com/Ada/status/123".into(),
            }],
            ..Default::default()
        };
        assert_eq!(kind(&r, &owner()), PostKind::Quote);
        assert_eq!(written_chars(&r, PostKind::Quote), 7);
        let mut rows = Vec::new();
        let post = convert(&r, &owner(), &Directory::default(), &mut rows, &mut 0);
        assert_eq!(post.media, Media::None);
        assert!(post.link_domains.is_empty());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].kind, InteractionKind::Quote);
        assert_eq!(rows[0].counterpart_id.as_deref(), Some("@ada"));
    }

    #[test]
    fn links_to_twitter_itself_are_no_link_domain() {
        // A second status link (only the first makes the quote), a profile and a Space are
        // Twitter's own pages; the outside link keeps its domain.
        let link = |expanded: &str| Link {
            short: "https://t.co/x".into(),
            expanded: expanded.into(),
        };
        let r = TweetRecord {
            id: "10".into(),
            text: "look https://t.co/x".into(),
            links: vec![
                link("https://twitter.com/Ada/status/123"),
                link("https://x.com/Bob/status/456"),
                link("https://mobile.twitter.com/ada"),
                link("https://x.com/i/spaces/1"),
                link("https://www.Example.org/a"),
            ],
            ..Default::default()
        };
        let post = convert(&r, &owner(), &Directory::default(), &mut Vec::new(), &mut 0);
        assert_eq!(post.link_domains, ["example.org"]);
    }
}
