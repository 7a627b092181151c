//! Twitter/X archives: the current archive (2018+, `window.YTD` files, at the zip root
//! until early 2020 and in `data/` since), the older archive of 2012-2018 (`tweets.csv`
//! and `data/js/tweets/*.js`), and the analytics export.

pub mod analytics_csv;
pub mod dms;
pub mod notes;
pub mod social;
pub mod timezone;
pub mod tweet;
pub mod tweets_csv;
pub mod tweets_json;

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::coverage::{Coverage, RecordProblems};
use super::jsfile;
use super::node::Node;
use super::{Detection, Imported, ImportedArchive, Importer};
use crate::archive::{Archive, Entry};
use crate::error::{Error, Result};
use crate::model::{
    AccountRow, ConnectionRow, Direction, InteractionKind, InteractionRow, Platform, PostRow,
    Relation, Rows,
};
use crate::progress::Progress;
use social::AccountInfo;
use tweet::{Directory, Owner, TweetRecord};

/// The Twitter/X importer.
pub struct TwitterImporter;

/// What a file of the archive is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FileKind {
    Tweets,
    Notes,
    Deleted,
    Likes,
    Followers,
    Following,
    Dms,
    GroupDms,
    Account,
    Profile,
    /// `account-timezone.js`: the zone the owner set.
    TimeZone,
    Manifest,
    GrailbirdMonth,
    TweetsCsv,
    UserDetails,
    Analytics,
    /// `tweet-headers.js`: ids and times of the tweets, read only when no tweets file is
    /// there to give more.
    TweetHeaders,
    Ignore(&'static str),
}

impl super::PlannedKind for FileKind {
    fn ignored(self) -> Option<&'static str> {
        match self {
            FileKind::Ignore(reason) => Some(reason),
            _ => None,
        }
    }

    /// Files whose loss would go unnoticed in the figures are required: if one cannot be
    /// read, the run stops. The others only warn.
    fn optional(self) -> bool {
        matches!(
            self,
            FileKind::Profile
                | FileKind::TimeZone
                | FileKind::Manifest
                | FileKind::Deleted
                | FileKind::UserDetails
                | FileKind::TweetHeaders
        )
    }

    /// What the records of the file are, for `inspect`.
    fn what(self) -> &'static str {
        match self {
            FileKind::Tweets | FileKind::GrailbirdMonth | FileKind::TweetsCsv => "tweets",
            FileKind::Notes => "long posts",
            FileKind::Deleted => "deleted tweets",
            FileKind::Likes => "likes",
            FileKind::Followers => "followers",
            FileKind::Following => "following",
            FileKind::Dms => "conversations",
            FileKind::GroupDms => "group conversations",
            FileKind::Account | FileKind::UserDetails => "account",
            FileKind::Profile => "profile",
            FileKind::TimeZone => "time zone",
            FileKind::Manifest => "manifest",
            FileKind::Analytics => "analytics rows",
            FileKind::TweetHeaders => "tweet ids and times",
            FileKind::Ignore(_) => "",
        }
    }
}

const HEADERS_ONLY: &str = "headers only: ids and times that the full files also give";

fn classify(entry: &Entry) -> FileKind {
    let name = entry.file_name();
    let path = entry.name.as_str();
    if analytics_csv::is_analytics_name(name) {
        return FileKind::Analytics;
    }
    if analytics_csv::is_daily_name(name) {
        return FileKind::Ignore("per-day analytics totals (the per-tweet export is read)");
    }
    if path.split('/').any(|p| p.ends_with("_media")) {
        return FileKind::Ignore("media file");
    }
    if is_grailbird_month(path) {
        return FileKind::GrailbirdMonth;
    }
    match name {
        "tweets.csv" => return FileKind::TweetsCsv,
        "user_details.js" => return FileKind::UserDetails,
        "payload_details.js" | "tweet_index.js" => {
            return FileKind::Ignore("index of the monthly tweet files");
        }
        _ => {}
    }
    let Some(stem) = name.strip_suffix(".js") else {
        return FileKind::Ignore("not used by rapport");
    };
    if path.starts_with("assets/") {
        return FileKind::Ignore("archive viewer");
    }
    let stem = strip_part(stem);
    match stem {
        "tweets" | "tweet" | "community-tweet" | "twitter-circle-tweet" => FileKind::Tweets,
        "note-tweet" => FileKind::Notes,
        "deleted-tweets" | "deleted-tweet" => FileKind::Deleted,
        "like" => FileKind::Likes,
        "follower" => FileKind::Followers,
        "following" => FileKind::Following,
        "direct-messages" | "direct-message" => FileKind::Dms,
        "direct-messages-group" | "direct-message-group" => FileKind::GroupDms,
        "account" => FileKind::Account,
        "profile" => FileKind::Profile,
        "account-timezone" => FileKind::TimeZone,
        "manifest" => FileKind::Manifest,
        "tweet-headers" => FileKind::TweetHeaders,
        "deleted-tweet-headers" | "direct-message-headers" | "direct-message-group-headers" => {
            FileKind::Ignore(HEADERS_ONLY)
        }
        _ => FileKind::Ignore("not used by rapport"),
    }
}

/// `tweets-part2` -> `tweets`.
fn strip_part(stem: &str) -> &str {
    match stem.rsplit_once("-part") {
        Some((base, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => base,
        _ => stem,
    }
}

/// `data/js/tweets/2014_02.js`.
fn is_grailbird_month(path: &str) -> bool {
    let Some(file) = path.strip_suffix(".js") else {
        return false;
    };
    let mut parts = file.rsplit('/');
    let (Some(month), Some("tweets"), Some("js")) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let bytes = month.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'_'
        && month[..4].chars().all(|c| c.is_ascii_digit())
        && month[5..].chars().all(|c| c.is_ascii_digit())
}

/// A file's content after parsing, with its record problems.
enum Parsed {
    Tweets(Vec<TweetRecord>),
    Notes(Vec<notes::Note>),
    Deleted(Vec<String>),
    Likes(Vec<String>),
    Follows(Vec<String>),
    Conversations(Vec<dms::Conversation>),
    Account(AccountInfo),
    Nothing,
    Analytics(HashMap<String, analytics_csv::Metrics>),
}

struct ParsedFile {
    content: Parsed,
    rows: u64,
    problems: RecordProblems,
}

/// Streams every record of a `window.YTD` file through `parse` (in parallel, see
/// [`jsfile::records`]); returns what it kept and how many records the file held.
fn records<T: Send>(
    archive: &Archive,
    entry: &Entry,
    problems: &mut RecordProblems,
    parse: &(dyn Fn(&Node<'_>, &mut RecordProblems) -> Option<T> + Sync),
) -> Result<(Vec<T>, u64), String> {
    let read = archive
        .stream(entry, |reader| {
            jsfile::records(reader, archive.limits().max_depth, parse)
        })
        .map_err(Error::into_problem)?
        .map_err(|e| e.0)?;
    problems.absorb(read.problems);
    Ok((read.items, read.count))
}

fn parse_entry(archive: &Archive, entry: &Entry, kind: FileKind) -> Result<ParsedFile, String> {
    crate::timing::stage(&format!("twitter {}", entry.name), || {
        parse_entry_timed(archive, entry, kind)
    })
}

fn parse_entry_timed(
    archive: &Archive,
    entry: &Entry,
    kind: FileKind,
) -> Result<ParsedFile, String> {
    let text = || archive.read_text(entry).map_err(Error::into_problem);
    let mut problems = RecordProblems::default();
    let p = &mut problems;
    let (content, rows) = match kind {
        FileKind::Tweets | FileKind::GrailbirdMonth => {
            let (tweets, n) = records(archive, entry, p, &|v, p| tweets_json::parse(v, p))?;
            (Parsed::Tweets(tweets), n)
        }
        FileKind::TweetHeaders => {
            let (tweets, n) = records(archive, entry, p, &|v, p| tweets_json::header(v, p))?;
            (Parsed::Tweets(tweets), n)
        }
        FileKind::TweetsCsv => {
            let tweets = tweets_csv::parse(&text()?, p)?;
            let n = tweets.len() as u64 + p.skipped;
            (Parsed::Tweets(tweets), n)
        }
        FileKind::Notes => {
            let (notes, n) = records(archive, entry, p, &|v, p| notes::parse(v, p))?;
            (Parsed::Notes(notes), n)
        }
        FileKind::Deleted => {
            let (ids, n) = records(archive, entry, p, &|v, _| {
                super::fields::id(super::fields::unwrap(v, "tweet"), &["id_str", "id"])
            })?;
            (Parsed::Deleted(ids), n)
        }
        FileKind::Likes => {
            let (ids, n) = records(archive, entry, p, &|v, p| social::like(v, p))?;
            (Parsed::Likes(ids), n)
        }
        FileKind::Followers | FileKind::Following => {
            let key = if kind == FileKind::Followers {
                "follower"
            } else {
                "following"
            };
            let (ids, n) = records(archive, entry, p, &|v, p| social::follow(v, key, p))?;
            (Parsed::Follows(ids), n)
        }
        FileKind::Dms | FileKind::GroupDms => {
            let group = kind == FileKind::GroupDms;
            let (conversations, n) = records(archive, entry, p, &|v, p| dms::parse(v, group, p))?;
            (Parsed::Conversations(conversations), n)
        }
        FileKind::Account => {
            let (infos, n) = records(archive, entry, p, &|v, _| Some(social::account(v)))?;
            let info = infos
                .into_iter()
                .fold(AccountInfo::default(), AccountInfo::or);
            (Parsed::Account(info), n)
        }
        FileKind::TimeZone => {
            let (zones, n) = records(archive, entry, p, &|v, p| match timezone::parse(v)? {
                Ok(zone) => Some(zone),
                Err(name) => {
                    p.null_field("time zones rapport does not know", || {
                        format!("timeZone {name:?}")
                    });
                    None
                }
            })?;
            let info = AccountInfo {
                time_zone: zones.into_iter().next().map(str::to_string),
                ..AccountInfo::default()
            };
            (Parsed::Account(info), n)
        }
        FileKind::Manifest => {
            let value =
                jsfile::parse_value(&text()?, archive.limits().max_depth).map_err(|e| e.0)?;
            (Parsed::Account(social::manifest(&value)), 1)
        }
        FileKind::UserDetails => {
            let value =
                jsfile::parse_value(&text()?, archive.limits().max_depth).map_err(|e| e.0)?;
            (Parsed::Account(social::user_details(&value)), 1)
        }
        FileKind::Profile => {
            let (_, n) = records(archive, entry, p, &|_, _| None::<()>)?;
            (Parsed::Nothing, n)
        }
        FileKind::Analytics => {
            let metrics = analytics_csv::parse(&text()?, p)?;
            let n = metrics.len() as u64;
            (Parsed::Analytics(metrics), n)
        }
        FileKind::Ignore(_) => (Parsed::Nothing, 0),
    };
    Ok(ParsedFile {
        content,
        rows,
        problems,
    })
}

impl Importer for TwitterImporter {
    fn profile_url(&self) -> crate::model::ProfileUrl {
        profile_url
    }
    fn one_sided(&self, generation: &str) -> bool {
        // The archive of 2012-2018 holds the owner's tweets only: no message, like,
        // follower or reply of anyone else.
        generation == "grailbird"
    }

    fn has_connection_list(&self, archive: &ImportedArchive) -> bool {
        archive.detection.generation != "grailbird"
    }

    fn platform(&self) -> Platform {
        Platform::Twitter
    }

    fn detect(&self, archive: &Archive) -> Option<Detection> {
        let kinds: Vec<(&Entry, FileKind)> =
            archive.entries().iter().map(|e| (e, classify(e))).collect();
        let has = |wanted: &[FileKind]| kinds.iter().any(|(_, k)| wanted.contains(k));
        let current = has(&[
            FileKind::Tweets,
            FileKind::Likes,
            FileKind::Followers,
            FileKind::Following,
            FileKind::Dms,
            FileKind::GroupDms,
            FileKind::Account,
            FileKind::Manifest,
            FileKind::Notes,
        ]);
        let older = has(&[FileKind::GrailbirdMonth, FileKind::TweetsCsv]);
        let generation = if current {
            let in_data = kinds.iter().any(|(e, k)| {
                !matches!(k, FileKind::Ignore(_)) && e.name.split('/').any(|p| p == "data")
            });
            if has(&[FileKind::Manifest]) || in_data {
                "ytd-2020"
            } else {
                "ytd-2019"
            }
        } else if older {
            "grailbird"
        } else if has(&[FileKind::Analytics]) {
            return Some(Detection {
                platform: Platform::Twitter,
                generation: "analytics".into(),
                addition_only: true,
            });
        } else {
            return None;
        };
        Some(Detection::archive(Platform::Twitter, generation))
    }

    fn import(
        &self,
        archive: &Archive,
        detection: &Detection,
        progress: &Progress,
    ) -> Result<Imported> {
        let mut plan: Vec<(&Entry, FileKind)> =
            archive.entries().iter().map(|e| (e, classify(e))).collect();
        let has_months = plan.iter().any(|(_, k)| *k == FileKind::GrailbirdMonth);
        let has_tweets = plan.iter().any(|(_, k)| {
            matches!(
                k,
                FileKind::Tweets | FileKind::GrailbirdMonth | FileKind::TweetsCsv
            )
        });
        for (_, kind) in plan.iter_mut() {
            if *kind == FileKind::TweetsCsv && has_months {
                *kind = FileKind::Ignore("the same tweets as data/js/tweets/*.js, which say more");
            }
            // The headers repeat what the tweets files give; without those, they are all
            // the archive says of the posts.
            if *kind == FileKind::TweetHeaders && has_tweets {
                *kind = FileKind::Ignore(HEADERS_ONLY);
            }
        }
        let mut coverage = Coverage::default();
        let read = super::read_plan(archive, &plan, progress, &mut coverage, |entry, kind| {
            parse_entry(archive, entry, kind)
                .map(|file| super::Outcome::Read(file.content, file.rows, file.problems))
        })?;
        let mut gathered = Gathered::default();
        for (_, kind, content) in read {
            gathered.add(kind, content);
        }
        gathered.seen.extend(
            plan.iter()
                .filter(|(_, k)| !matches!(k, FileKind::Ignore(_)))
                .map(|(_, k)| *k),
        );
        Ok(crate::timing::stage("twitter assemble", || {
            assemble(gathered, detection, archive, &mut coverage)
        }))
        .map(|(rows, account_id, as_of)| Imported {
            rows,
            coverage,
            account_id,
            as_of,
        })
    }
}

/// Everything read from the files, before it becomes rows.
#[derive(Default)]
struct Gathered {
    seen: HashSet<FileKind>,
    tweets: Vec<TweetRecord>,
    notes: Vec<notes::Note>,
    deleted: Vec<String>,
    likes: Vec<String>,
    followers: Vec<String>,
    following: Vec<String>,
    conversations: Vec<dms::Conversation>,
    account: AccountInfo,
    analytics: Vec<HashMap<String, analytics_csv::Metrics>>,
}

impl Gathered {
    fn add(&mut self, kind: FileKind, content: Parsed) {
        match content {
            Parsed::Tweets(t) => self.tweets.extend(t),
            Parsed::Notes(n) => self.notes.extend(n),
            Parsed::Deleted(d) => self.deleted.extend(d),
            Parsed::Likes(l) => self.likes.extend(l),
            Parsed::Follows(ids) if kind == FileKind::Followers => self.followers.extend(ids),
            Parsed::Follows(ids) => self.following.extend(ids),
            Parsed::Conversations(c) => self.conversations.extend(c),
            // account.js first, then the manifest, then user_details: fill the gaps.
            Parsed::Account(info) => {
                self.account = std::mem::take(&mut self.account).or(info);
            }
            Parsed::Analytics(m) => self.analytics.push(m),
            Parsed::Nothing => {}
        }
    }
}

/// Turns what was read into rows; says what is missing.
fn assemble(
    mut g: Gathered,
    detection: &Detection,
    archive: &Archive,
    coverage: &mut Coverage,
) -> (Rows, Option<String>, Option<i64>) {
    let grailbird = detection.generation == "grailbird";
    warn_missing(&g, grailbird, coverage);

    let owner_id = g
        .account
        .id
        .clone()
        .or_else(|| dms::guess_owner(&g.conversations));
    let owner = Owner {
        id: owner_id.clone(),
        handle: g.account.handle.clone(),
    };
    if owner_id.is_none() {
        coverage.warnings.push(
            "no account.js or manifest.js: the owner is unknown, so threads count as replies \
             and messages have no direction"
                .into(),
        );
    }

    // Long posts replace their cut text; deleted tweets stay out.
    let notes = notes::Notes::new(std::mem::take(&mut g.notes));
    let mut completed = 0;
    for t in g.tweets.iter_mut() {
        if notes.complete(t) {
            completed += 1;
        }
    }
    if completed > 0 {
        coverage.count("long posts joined to their tweet", completed);
    }
    let deleted: HashSet<&str> = g.deleted.iter().map(String::as_str).collect();
    if g.seen.contains(&FileKind::Deleted) {
        coverage.count("deleted tweets (not in posts)", deleted.len() as u64);
    }
    g.tweets.par_sort_by(|a, b| {
        a.created_at
            .cmp(&b.created_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    // Every tweet pairs handles with ids, a deleted or repeated one too (DESIGN: one person,
    // one counterpart), so the directory learns before they are left out.
    let mut directory = Directory::default();
    for t in &g.tweets {
        directory.learn(t);
    }
    let keep: Vec<bool> = {
        let mut seen_ids: HashSet<&str> = HashSet::with_capacity(g.tweets.len());
        g.tweets
            .iter()
            .map(|t| !deleted.contains(t.id.as_str()) && seen_ids.insert(t.id.as_str()))
            .collect()
    };
    let before = g.tweets.len();
    let mut keeps = keep.into_iter();
    g.tweets.retain(|_| keeps.next().unwrap_or(false));
    let dropped = before - g.tweets.len();
    if dropped > 0 {
        coverage.count("tweets listed twice or deleted, kept out", dropped as u64);
    }

    let mut rows = Rows::default();
    // Each tweet becomes its rows on its own: in parallel, each record freed once converted.
    let converted: Vec<(PostRow, Vec<InteractionRow>, u64)> = std::mem::take(&mut g.tweets)
        .into_par_iter()
        .map(|t| {
            let mut acts = Vec::new();
            let mut automated = 0;
            let post = tweet::convert(&t, &owner, &directory, &mut acts, &mut automated);
            (post, acts, automated)
        })
        .collect();
    rows.posts.reserve(converted.len());
    let mut automated = 0;
    for (post, acts, n) in converted {
        rows.posts.push(post);
        rows.interactions.extend(acts);
        automated += n;
    }
    if automated > 0 {
        coverage.count(
            "mentions a check-in app wrote (Foursquare, Swarm, Untappd), not interactions",
            automated,
        );
    }
    join_analytics(&mut rows, &g.analytics, coverage);

    rows.interactions
        .extend(g.likes.iter().map(|id| InteractionRow {
            platform: Platform::Twitter,
            at: None,
            direction: Direction::Outbound,
            kind: InteractionKind::Like,
            counterpart_id: None,
            counterpart_name: None,
            post_id: Some(id.clone()),
        }));

    rows.connections = connections(&g.followers, &g.following, &directory);

    g.conversations.sort_by(|a, b| a.id.cmp(&b.id));
    for c in &g.conversations {
        dms::convert(
            c,
            owner_id.as_deref(),
            &mut rows.messages,
            &mut rows.interactions,
        );
    }

    let as_of = g.account.generated_at.or_else(|| rows.last_activity());
    let account_id = owner_id.clone();
    let read = |k: FileKind| g.seen.contains(&k);
    rows.accounts.push(AccountRow {
        handle: g.account.handle.clone(),
        display_name: g.account.display_name.clone(),
        created_at: g.account.created_at,
        followers: read(FileKind::Followers).then_some(count_unique(&g.followers)),
        following: read(FileKind::Following).then_some(count_unique(&g.following)),
        time_zone: g.account.time_zone.clone(),
        ..detection.account(archive, owner_id)
    });
    if grailbird {
        coverage.notes.push(
            "the 2012-2018 archive holds tweets only: no likes, messages, followers or counts"
                .into(),
        );
    }
    if rows
        .interactions
        .iter()
        .any(|i| i.kind == InteractionKind::Like)
    {
        coverage.notes.push(
            "likes carry neither a time nor the liked tweet's author: they count as outbound \
             interactions with no counterpart"
                .into(),
        );
    }
    (rows, account_id, as_of)
}

fn count_unique(ids: &[String]) -> u64 {
    ids.iter().collect::<HashSet<_>>().len() as u64
}

fn warn_missing(g: &Gathered, grailbird: bool, coverage: &mut Coverage) {
    let tweets_read = [
        FileKind::Tweets,
        FileKind::GrailbirdMonth,
        FileKind::TweetsCsv,
    ]
    .iter()
    .any(|k| g.seen.contains(k));
    if !tweets_read {
        coverage
            .warnings
            .push(if g.seen.contains(&FileKind::TweetHeaders) {
                "tweets.js is missing from this archive: posts are known by their ids and \
                 times only (from tweet-headers.js); their text, kind, media and counts are \
                 unknown"
                    .to_string()
            } else {
                "no tweets file (tweets.js, tweet.js or tweets.csv): posts are empty".to_string()
            });
    }
    if grailbird {
        return;
    }
    let expected = [
        (FileKind::Likes, "like.js", "likes are empty"),
        (
            FileKind::Dms,
            "direct-messages.js",
            "there are no two-person direct messages",
        ),
        (FileKind::Followers, "follower.js", "followers are unknown"),
        (FileKind::Following, "following.js", "following is unknown"),
        (
            FileKind::Account,
            "account.js",
            "the account comes from the manifest, if any",
        ),
    ];
    for (kind, file, consequence) in expected {
        if !g.seen.contains(&kind) {
            coverage.warnings.push(format!("no {file}: {consequence}"));
        }
    }
}

/// Joins analytics metrics to posts by id: impressions and replies, and likes and reposts
/// where the archive has none (the archive's counts are newer).
fn join_analytics(
    rows: &mut Rows,
    analytics: &[HashMap<String, analytics_csv::Metrics>],
    coverage: &mut Coverage,
) {
    if analytics.is_empty() {
        return;
    }
    let mut merged: HashMap<&str, analytics_csv::Metrics> = HashMap::new();
    for file in analytics {
        for (id, m) in file {
            merged.insert(id.as_str(), *m);
        }
    }
    let mut matched = 0u64;
    for post in rows.posts.iter_mut() {
        if let Some(m) = merged.get(post.post_id.as_str()) {
            matched += 1;
            post.impressions = m.impressions;
            post.replies = m.replies;
            post.likes = post.likes.or(m.likes);
            post.reposts = post.reposts.or(m.reposts);
        }
    }
    coverage.count("analytics rows joined to a post", matched);
    let unmatched = merged.len() as u64 - matched;
    if unmatched > 0 {
        coverage.count("analytics rows with no post in the archive", unmatched);
    }
}

/// Followers and following as connections, `mutual` where both; each person once.
fn connections(
    followers: &[String],
    following: &[String],
    directory: &Directory,
) -> Vec<ConnectionRow> {
    let follower_set: HashSet<&str> = followers.iter().map(String::as_str).collect();
    let following_set: HashSet<&str> = following.iter().map(String::as_str).collect();
    let handles = directory.handles_by_id();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    for id in followers.iter().chain(following.iter()) {
        if !seen.insert(id.as_str()) {
            continue;
        }
        let relation = match (
            follower_set.contains(id.as_str()),
            following_set.contains(id.as_str()),
        ) {
            (true, true) => Relation::Mutual,
            (true, false) => Relation::Follower,
            _ => Relation::Following,
        };
        out.push(ConnectionRow {
            platform: Platform::Twitter,
            counterpart_id: id.clone(),
            name: None,
            handle: handles.get(id.as_str()).map(|h| h.to_string()),
            company: None,
            position: None,
            relation,
            connected_at: None,
        });
    }
    out
}

/// A Twitter profile from a numeric user id (`intent/user?user_id=`, which follows a change
/// of handle) or from `@handle`.
fn profile_url(id: &str) -> Option<String> {
    let id = id.trim();
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("https://twitter.com/intent/user?user_id={id}"));
    }
    match id.strip_prefix('@') {
        Some(handle) if super::profile::is_username(handle) => {
            Some(format!("https://twitter.com/{handle}"))
        }
        _ => super::profile::web_address(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_come_from_user_ids_and_handles() {
        assert_eq!(
            profile_url("602").as_deref(),
            Some("https://twitter.com/intent/user?user_id=602")
        );
        assert_eq!(
            profile_url("@grace").as_deref(),
            Some("https://twitter.com/grace")
        );
        assert_eq!(profile_url("@a b"), None);
        assert_eq!(profile_url(""), None);
    }

    #[test]
    fn part_files_and_old_names_are_recognised() {
        assert_eq!(strip_part("tweets-part12"), "tweets");
        assert_eq!(
            strip_part("direct-messages-group-part1"),
            "direct-messages-group"
        );
        assert_eq!(strip_part("tweets-party"), "tweets-party");
        assert!(is_grailbird_month("data/js/tweets/2014_02.js"));
        assert!(is_grailbird_month("archive/data/js/tweets/2009_11.js"));
        assert!(!is_grailbird_month("data/js/tweets/index.js"));
    }
}
