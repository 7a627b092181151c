//! Entry points that feed arbitrary bytes to each parser the way an archive would: the
//! cargo-fuzz targets in `fuzz/` call them, and the property tests call them with random
//! input on every test run. None may panic, whatever the bytes; errors are the expected
//! outcome of most inputs and are dropped.
//!
//! The first byte of an input chooses which file of an export the rest of it becomes, so
//! one target reaches every file kind of its parser; the other files of the archive are
//! minimal stubs that make the platform detected.

use std::path::PathBuf;

use crate::analysis::period::{Clock, PeriodRequest};
use crate::analysis::{Execution, Options};
use crate::archive::{Archive, Limits};
use crate::import::{LoadOptions, detect, linkedin::analytics_xlsx};
use crate::model::Dataset;
use crate::pipeline::gate;
use crate::pipeline::{self, Settings};
use crate::progress::{Progress, Reporter};

/// Limits small enough that a fuzzer's input never needs more, large enough for any of them.
fn limits() -> Limits {
    Limits {
        max_entry_bytes: 64 << 20,
        max_total_bytes: 256 << 20,
        max_entries: 10_000,
        ..Limits::default()
    }
}

/// The file chosen by the first byte, and the rest of the input as its content.
fn chosen<'a>(data: &'a [u8], names: &[&'static str]) -> Option<(&'static str, &'a [u8])> {
    let (&first, rest) = data.split_first()?;
    Some((names[usize::from(first) % names.len()], rest))
}

/// Imports an archive of these files held in memory, then builds its frames.
fn import(files: Vec<(String, Vec<u8>)>) {
    let Ok(archive) = Archive::from_memory("fuzz", files, limits()) else {
        return;
    };
    let Ok((importer, detection)) = detect::detect(&archive) else {
        return;
    };
    if let Ok(imported) = importer.import(&archive, &detection, &Progress::hidden()) {
        let _ = Dataset::from_rows(&imported.rows);
    }
}

/// The chosen file with the fuzzed content, beside stub files.
fn import_with(name: &str, content: &[u8], stubs: &[(&str, &str)]) {
    let mut files: Vec<(String, Vec<u8>)> = stubs
        .iter()
        .filter(|(stub, _)| *stub != name)
        .map(|(stub, text)| (stub.to_string(), text.as_bytes().to_vec()))
        .collect();
    files.push((name.to_string(), content.to_vec()));
    import(files);
}

/// The files [`twitter_ytd`] chooses from, in the order of the first byte.
pub const TWITTER_YTD_FILES: &[&str] = &[
    "data/tweets.js",
    "data/tweets-part1.js",
    "data/direct-messages.js",
    "data/direct-messages-group.js",
    "data/note-tweet.js",
    "data/like.js",
    "data/follower.js",
    "data/following.js",
    "data/account.js",
    "data/manifest.js",
    "data/profile.js",
    "data/deleted-tweets.js",
    "tweet.js",
    "direct-message.js",
];

/// Twitter's `window.YTD` files (2019 and 2020+ layouts): the wrapper, tweets, DMs, notes,
/// likes, follows, account and manifest.
pub fn twitter_ytd(data: &[u8]) {
    let Some((name, content)) = chosen(data, TWITTER_YTD_FILES) else {
        return;
    };
    let manifest = r#"window.__THAR_CONFIG = {"userInfo":{"accountId":"1","userName":"ada"},"archiveInfo":{"generationDate":"2023-02-01T00:00:00.000Z"}}"#;
    import_with(name, content, &[("data/manifest.js", manifest)]);
}

/// The files [`twitter_legacy`] chooses from, in the order of the first byte.
pub const TWITTER_LEGACY_FILES: &[&str] = &[
    "tweets.csv",
    "data/js/tweets/2014_01.js",
    "data/js/user_details.js",
    "data/js/payload_details.js",
];

/// Twitter's 2012-2018 archive: `tweets.csv` and the Grailbird month files.
pub fn twitter_legacy(data: &[u8]) {
    let Some((name, content)) = chosen(data, TWITTER_LEGACY_FILES) else {
        return;
    };
    let month = "Grailbird.data.tweets_2014_02 = [ ]";
    import_with(name, content, &[("data/js/tweets/2014_02.js", month)]);
}

/// The tweet activity CSV of Twitter's analytics, joined to an archive.
pub fn twitter_analytics(data: &[u8]) {
    let tweets = "window.YTD.tweets.part0 = [ ]";
    import_with(
        "tweet_activity_metrics_ada_20230101_20230201_en.csv",
        data,
        &[("data/tweets.js", tweets)],
    );
}

/// The files [`linkedin_csv`] chooses from, in the order of the first byte.
pub const LINKEDIN_CSV_FILES: &[&str] = &[
    "Connections.csv",
    "messages.csv",
    "Messages.csv",
    "Invitations.csv",
    "Shares.csv",
    "Comments.csv",
    "Reactions.csv",
    "Profile.csv",
    "Positions.csv",
    "Basic_LinkedInDataExport_05-01-2024/Connections.csv",
];

/// LinkedIn's CSVs: preambles, quoted multi-line fields, every messages header.
pub fn linkedin_csv(data: &[u8]) {
    let Some((name, content)) = chosen(data, LINKEDIN_CSV_FILES) else {
        return;
    };
    let connections = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
    import_with(name, content, &[("Connections.csv", connections)]);
}

/// LinkedIn's post analytics workbook (XLSX), read directly and as part of an archive.
pub fn linkedin_xlsx(data: &[u8]) {
    let _ = analytics_xlsx::is_analytics(data);
    let _ = analytics_xlsx::parse(data);
    let connections = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
    import_with(
        "Content_2024-05-01_2024-07-31_Ada.xlsx",
        data,
        &[("Connections.csv", connections)],
    );
}

/// The files [`facebook_json`] chooses from, in the order of the first byte.
pub const FACEBOOK_JSON_FILES: &[&str] = &[
    "your_facebook_activity/messages/inbox/ada_1/message_1.json",
    "your_facebook_activity/messages/e2ee_cutover/ada_2/message_1.json",
    "messages/inbox/ada_3/message_1.json",
    "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
    "posts/your_posts_1.json",
    "your_facebook_activity/comments_and_reactions/comments.json",
    "your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json",
    "comments/comments.json",
    "connections/friends/your_friends.json",
    "connections/friends/sent_friend_requests.json",
    "connections/followers/people_who_followed_you.json",
    "friends/friends.json",
    "personal_information/profile_information/profile_information.json",
    "profile_information/profile_information.json",
    "Ada Lovelace_1.json",
];

/// Facebook's JSON files (2018 and 2024 layouts, end-to-end encrypted chats), with the
/// repair of its mojibake.
pub fn facebook_json(data: &[u8]) {
    let Some((name, content)) = chosen(data, FACEBOOK_JSON_FILES) else {
        return;
    };
    let friends = r#"{"friends_v2": []}"#;
    import_with(
        name,
        content,
        &[("connections/friends/your_friends.json", friends)],
    );
}

/// The files [`instagram_json`] chooses from, in the order of the first byte.
pub const INSTAGRAM_JSON_FILES: &[&str] = &[
    "your_instagram_activity/content/posts_1.json",
    "your_instagram_activity/media/posts_1.json",
    "your_instagram_activity/content/reels.json",
    "your_instagram_activity/comments/post_comments_1.json",
    "your_instagram_activity/likes/liked_posts.json",
    "your_instagram_activity/likes/liked_comments.json",
    "connections/followers_and_following/followers_1.json",
    "connections/followers_and_following/following.json",
    "your_instagram_activity/messages/inbox/ada_1/message_1.json",
    "your_instagram_activity/messages/message_requests/ada_2/message_1.json",
    "personal_information/personal_information/personal_information.json",
    "security_and_login_information/login_and_profile_creation/signup_details.json",
    "media.json",
    "comments.json",
    "likes.json",
    "connections.json",
    "messages.json",
    "profile.json",
];

/// Instagram's JSON files (legacy, 2021, 2023 and 2025 layouts), with Meta's mojibake.
pub fn instagram_json(data: &[u8]) {
    let Some((name, content)) = chosen(data, INSTAGRAM_JSON_FILES) else {
        return;
    };
    // The legacy files are read only beside the legacy media.json.
    let stubs: &[(&str, &str)] = if name.contains('/') {
        &[("connections/followers_and_following/followers_1.json", "[]")]
    } else {
        &[("media.json", r#"{"photos": []}"#), ("profile.json", "{}")]
    };
    import_with(name, content, stubs);
}

/// The files [`mastodon_archive`] chooses from, in the order of the first byte.
pub const MASTODON_FILES: &[&str] = &[
    "outbox.json",
    "actor.json",
    "likes.json",
    "following_accounts.csv",
    "follower_accounts.csv",
];

/// Mastodon's account archive (outbox with HTML content, actor, likes) and its CSV exports.
pub fn mastodon_archive(data: &[u8]) {
    let Some((name, content)) = chosen(data, MASTODON_FILES) else {
        return;
    };
    let actor =
        r#"{"id": "https://ex.social/users/ada", "type": "Person", "preferredUsername": "ada"}"#;
    let outbox = r#"{"type": "OrderedCollection", "orderedItems": []}"#;
    import_with(
        name,
        content,
        &[("actor.json", actor), ("outbox.json", outbox)],
    );
}

/// A tar archive, gzipped and written to a `.tar.gz` file (Mastodon's before 2023), then
/// analyzed: the fuzzer explores tar's headers, not gzip's.
pub fn tarball(data: &[u8]) {
    use std::io::Write;
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join("archive.tar.gz");
    let Ok(file) = std::fs::File::create(&path) else {
        return;
    };
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    if gz
        .write_all(data)
        .and_then(|()| gz.finish().map(drop))
        .is_err()
    {
        return;
    }
    analyze(&path);
}

/// The zip layer, folder walking and the whole pipeline: the input is written as a zip file
/// and analyzed; if it opens, its entries are also written out as an unpacked folder (under
/// names made safe) and that folder is analyzed.
pub fn archive(data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let zip = dir.path().join("export.zip");
    if std::fs::write(&zip, data).is_err() {
        return;
    }
    analyze(&zip);
    let Ok(opened) = Archive::open(&zip, limits()) else {
        return;
    };
    let folder = dir.path().join("unpacked");
    for entry in opened.entries() {
        let Ok(bytes) = opened.read(entry) else {
            continue;
        };
        // Names are already plain relative paths; keep only characters any file system takes.
        let safe: PathBuf = entry
            .name
            .split('/')
            .map(|part| {
                part.chars()
                    .map(|c| {
                        if c.is_alphanumeric() || "._- ".contains(c) {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect::<String>()
            })
            .collect();
        let path = folder.join(safe);
        let written = path
            .parent()
            .is_some_and(|parent| std::fs::create_dir_all(parent).is_ok())
            && std::fs::write(&path, bytes).is_ok();
        if !written {
            return;
        }
    }
    analyze(&folder);
}

/// Reads an archive and runs every analysis over it, as `rapport analyze` does.
fn analyze(path: &std::path::Path) {
    let options = LoadOptions { limits: limits() };
    let Ok(input) = pipeline::read_input(&[path.to_path_buf()], options, &Reporter::silent())
    else {
        return;
    };
    let settings = Settings {
        options: Options {
            clock: Clock::new(chrono_tz::Tz::UTC),
            min_posts: 1,
            top: 5,
        },
        request: PeriodRequest::default(),
        compare_previous: true,
        execution: Execution::Sequential,
        linking: Default::default(),
    };
    let _ = pipeline::summarize(&input, &settings);
}

/// A `--fail-if` expression: parsed, and checked against a summary.json that has numbers,
/// nulls, strings, objects and lists where a key may point.
pub fn fail_if(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(parsed) = gate::parse(&text) else {
        return;
    };
    let summary = serde_json::json!({
        "schema_version": 1,
        "overall": {
            "responsiveness": {"within_24h_rate": 0.5, "turns": 3, "median_response_hours": null},
            "engagement": {"posts": 10, "posts_by_kind": {"post": 7, "reply": 3}},
            "lift": {"best_hour": {"group": "9", "lift": 1.5, "posts": 2}},
            "counterpart_strength": {"top_counterparts": [{"strength": 3.0}]},
            "growth": {"months": {"2025-01": {"new": 2, "cumulative": 2}}},
        },
        "twitter": {"consistency": {"weeks": 4, "active_week_share": 0.25}},
    });
    let _ = gate::check(&[parsed], &summary);
}

/// A people file (`--people`): read, then resolved against a few known accounts (a name
/// two of them share included), so that every path of the resolution is reached.
pub fn people_file(data: &[u8]) {
    let Ok(file) = crate::analysis::people_file::parse(std::path::Path::new("people.csv"), data)
    else {
        return;
    };
    let mut rows = crate::model::Rows::default();
    for (platform, id, name) in [
        (
            crate::model::Platform::Twitter,
            "2001",
            Some("Grace Hopper"),
        ),
        (
            crate::model::Platform::Facebook,
            "Grace Hopper",
            Some("Grace Hopper"),
        ),
        (
            crate::model::Platform::Facebook,
            "GRACE  HOPPER",
            Some("Grace Hopper"),
        ),
        (crate::model::Platform::Instagram, "grace.hopper", None),
    ] {
        rows.interactions
            .push(crate::model::InteractionRow::message(
                platform,
                0,
                false,
                Some(id.to_string()),
                name.map(str::to_string),
            ));
    }
    let Ok(data) = Dataset::from_rows(&rows) else {
        return;
    };
    let Ok(people) = crate::analysis::people::People::of(&data) else {
        return;
    };
    let _ = crate::analysis::persons::Persons::build(&people, Some(&file), true, &[]);
}
