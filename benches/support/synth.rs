//! A deterministic generator of large Twitter/X archives (2020+ layout), for benchmarks and
//! timed runs. Shared by `benches/import.rs` and `examples/gen_archive.rs`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// Sizes of the archive to generate.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub tweets: usize,
    pub dms: usize,
    pub likes: usize,
    pub followers: usize,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: fast, deterministic, good enough for test data.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const WORDS: &[&str] = &[
    "relationship",
    "network",
    "engage",
    "reply",
    "thanks",
    "great",
    "idea",
    "share",
    "community",
    "growth",
    "content",
    "post",
    "follow",
    "connect",
    "learn",
    "launch",
    "team",
    "hiring",
    "event",
    "talk",
    "data",
    "rust",
    "coffee",
    "meet",
    "question",
    "answer",
    "help",
];
const TAGS: &[&str] = &[
    "rust",
    "data",
    "community",
    "hiring",
    "opensource",
    "design",
];
const DOMAINS: &[&str] = &[
    "github.com",
    "example.org",
    "blog.example.com",
    "youtube.com",
];
const DAYS: &[&str] = &["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn words(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Seconds since the epoch of 2019-01-01, plus up to six years.
fn when(rng: &mut Rng) -> i64 {
    1_546_300_800 + rng.below(6 * 365 * 86_400) as i64
}

fn tweet_date(secs: i64) -> String {
    let t = chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default();
    use chrono::Datelike;
    format!(
        "{} {} {} +0000 {}",
        DAYS[t.weekday().num_days_from_monday() as usize],
        MONTHS[t.month0() as usize],
        t.format("%d %H:%M:%S"),
        t.year()
    )
}

/// The archive's files as (name, content).
pub fn files(sizes: Sizes) -> Vec<(String, String)> {
    files_of(sizes, 1_000_001, 0)
}

/// The archive of the account `owner`, its content drawn from `seed` (seed 0 is
/// [`files`]'s): many such archives make a lake of many accounts.
pub fn files_of(sizes: Sizes, owner: u64, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ seed.wrapping_mul(0x0100_0000_01B3));
    let people = sizes.followers.max(50);
    let mut tweets = String::from("window.YTD.tweets.part0 = [");
    let mut element = String::new();
    for i in 0..sizes.tweets {
        let id = 1_100_000_000_000_000_000u64 + i as u64 * 7919;
        let n = 3 + rng.below(30) as usize;
        let mut text = words(&mut rng, n);
        let tag = TAGS[rng.below(TAGS.len() as u64) as usize];
        let person = 2_000_000 + rng.below(people as u64);
        write!(text, " #{tag} @user{person}").ok();
        let mut urls = String::new();
        if rng.below(5) == 0 {
            let d = DOMAINS[rng.below(DOMAINS.len() as u64) as usize];
            write!(text, " https://t.co/x{i}").ok();
            urls = format!(
                r#"{{"url":"https://t.co/x{i}","expanded_url":"https://{d}/p/{i}","display_url":"{d}/p/{i}","indices":["0","23"]}}"#
            );
        }
        let kind = rng.below(100);
        let mut reply = String::new();
        if kind < 15 {
            let to = 2_000_000 + rng.below(people as u64);
            text = format!("@user{to} {text}");
            reply = format!(
                r#","in_reply_to_status_id_str":"{}","in_reply_to_user_id_str":"{to}","in_reply_to_screen_name":"user{to}""#,
                rng.next() % 1_000_000_000_000_000_000
            );
        } else if kind < 25 {
            text = format!("RT @user{person}: {text}");
        }
        let media = if rng.below(7) == 0 {
            r#","extended_entities":{"media":[{"type":"photo","url":"https://t.co/m","media_url_https":"https://pbs.twimg.com/media/x.jpg"}]}"#
        } else {
            ""
        };
        element.clear();
        write!(
            element,
            r#"{{"tweet":{{"edit_info":{{"initial":{{"editTweetIds":["{id}"],"editableUntil":"2022-10-25T12:38:42.000Z","editsRemaining":"5","isEditEligible":false}}}},"retweeted":false,"source":"web","entities":{{"hashtags":[{{"text":"{tag}","indices":["0","1"]}}],"symbols":[],"user_mentions":[{{"name":"User {person}","screen_name":"user{person}","indices":["0","1"],"id_str":"{person}","id":"{person}"}}],"urls":[{urls}]}},"display_text_range":["0","100"],"favorite_count":"{}","id_str":"{id}","truncated":false,"retweet_count":"{}","id":"{id}","created_at":"{}","favorited":false,"full_text":"{text}","lang":"en"{reply}{media}}}}}"#,
            rng.below(50),
            rng.below(10),
            tweet_date(when(&mut rng)),
        )
        .ok();
        push_element(&mut tweets, i == 0, &element);
    }
    tweets.push_str("\n]");

    let mut likes = String::from("window.YTD.like.part0 = [");
    for i in 0..sizes.likes {
        element.clear();
        write!(element, r#"{{"like":{{"tweetId":"{}","fullText":"liked text","expandedUrl":"https://twitter.com/i/web/status/1"}}}}"#, 1_200_000_000_000_000_000u64 + i as u64).ok();
        push_element(&mut likes, i == 0, &element);
    }
    likes.push_str("\n]");

    let follows = |key: &str, n: usize| {
        let mut s = format!("window.YTD.{key}.part0 = [");
        let mut element = String::new();
        for i in 0..n {
            let id = 2_000_000 + i;
            element.clear();
            write!(element, r#"{{"{key}":{{"accountId":"{id}","userLink":"https://twitter.com/intent/user?user_id={id}"}}}}"#).ok();
            push_element(&mut s, i == 0, &element);
        }
        s.push_str("\n]");
        s
    };

    let mut conversations: Vec<Vec<String>> = vec![Vec::new(); 200];
    for i in 0..sizes.dms {
        let c = rng.below(200) as usize;
        let other = 2_000_000 + c as u64;
        let (from, to) = if rng.below(2) == 0 {
            (owner, other)
        } else {
            (other, owner)
        };
        let t = chrono::DateTime::from_timestamp(when(&mut rng), 0).unwrap_or_default();
        let n = 2 + rng.below(25) as usize;
        let body = words(&mut rng, n);
        conversations[c].push(format!(
            r#"{{"messageCreate":{{"recipientId":"{to}","reactions":[],"urls":[],"text":"{body}","mediaUrls":[],"senderId":"{from}","id":"{}","createdAt":"{}"}}}}"#,
            1_300_000_000_000_000_000u64 + i as u64,
            t.format("%Y-%m-%dT%H:%M:%S%.3fZ")
        ));
    }
    let mut dms = String::from("window.YTD.direct_messages.part0 = [");
    let mut first = true;
    for (c, messages) in conversations.iter().enumerate() {
        if messages.is_empty() {
            continue;
        }
        element.clear();
        write!(
            element,
            r#"{{"dmConversation":{{"conversationId":"{owner}-{}","messages":[{}]}}}}"#,
            2_000_000 + c,
            messages.join(",")
        )
        .ok();
        push_element(&mut dms, first, &element);
        first = false;
    }
    dms.push_str("\n]");

    vec![
        ("data/tweets.js".into(), tweets),
        ("data/like.js".into(), likes),
        (
            "data/follower.js".into(),
            follows("follower", sizes.followers),
        ),
        (
            "data/following.js".into(),
            follows("following", sizes.followers / 2),
        ),
        ("data/direct-messages.js".into(), dms),
        (
            "data/account.js".into(),
            format!(
                r#"window.YTD.account.part0 = [{{"account":{{"username":"owner","accountId":"{owner}","createdAt":"2010-05-01T10:00:00.000Z","accountDisplayName":"Owner"}}}}]"#
            ),
        ),
        (
            "data/manifest.js".into(),
            format!(
                r#"window.__THAR_CONFIG = {{"userInfo":{{"accountId":"{owner}","userName":"owner","displayName":"Owner"}}}}"#
            ),
        ),
    ]
}

/// Appends one array element the way the real archive lays it out: one `"key" : value`
/// per line, two spaces of indent per level, the element itself indented once.
fn push_element(out: &mut String, first: bool, compact: &str) {
    out.push_str(if first { "\n" } else { ",\n" });
    match serde_json::from_str::<serde_json::Value>(compact) {
        Ok(value) => pretty(out, &value, 1),
        Err(_) => out.push_str(compact),
    }
}

fn pretty(out: &mut String, value: &serde_json::Value, level: usize) {
    use serde_json::Value;
    let pad = |out: &mut String, level: usize| (0..level).for_each(|_| out.push_str("  "));
    if level == 1 {
        pad(out, 1);
    }
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (i, (key, v)) in map.iter().enumerate() {
                pad(out, level + 1);
                out.push_str(&Value::String(key.clone()).to_string());
                out.push_str(" : ");
                pretty(out, v, level + 1);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            pad(out, level);
            out.push('}');
        }
        Value::Array(list) if !list.is_empty() => {
            out.push_str("[\n");
            for (i, v) in list.iter().enumerate() {
                pad(out, level + 1);
                pretty(out, v, level + 1);
                out.push_str(if i + 1 < list.len() { ",\n" } else { "\n" });
            }
            pad(out, level);
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Writes the Twitter archive as a deflated zip.
pub fn write_zip(path: &Path, sizes: Sizes) -> std::io::Result<()> {
    write_files(path, files(sizes))
}

/// Writes `count` Twitter archives of different accounts into `dir`
/// (`account-00001.zip`...), each drawn from its own seed.
pub fn write_accounts(dir: &Path, count: usize, sizes: Sizes) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for k in 1..=count {
        let path = dir.join(format!("account-{k:05}.zip"));
        write_files(&path, files_of(sizes, 1_000_000 + k as u64 * 10, k as u64))?;
    }
    Ok(())
}

/// A LinkedIn Complete export: `connections` people and `messages` messages in about
/// `messages / 20` two-person conversations, plus a few shares.
pub fn linkedin_files(connections: usize, messages: usize) -> Vec<(String, String)> {
    let mut rng = Rng(0x5DEE_CE66_D1CE_4E5B);
    let mut c = String::from(
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    );
    for i in 0..connections {
        let day = 1 + rng.below(28);
        let month = MONTHS[rng.below(12) as usize];
        let year = 2015 + rng.below(10);
        writeln!(c, "First{i},Last{i},https://www.linkedin.com/in/person-{i},,\"Company {}, Inc.\",Engineer,{day:02} {month} {year}", rng.below(500)).ok();
    }
    let owner = "https://www.linkedin.com/in/owner";
    let mut m = String::from(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS\n",
    );
    let conversations = (messages / 20).max(1);
    for i in 0..messages {
        let conv = rng.below(conversations as u64) as usize;
        let other = format!(
            "https://www.linkedin.com/in/person-{}",
            conv % connections.max(1)
        );
        let (from, from_url, to, to_url) = if rng.below(2) == 0 {
            (
                "Owner Person".to_string(),
                owner.to_string(),
                format!("First{conv} Last{conv}"),
                other,
            )
        } else {
            (
                format!("First{conv} Last{conv}"),
                other,
                "Owner Person".to_string(),
                owner.to_string(),
            )
        };
        let t = chrono::DateTime::from_timestamp(when(&mut rng), 0).unwrap_or_default();
        let n = 3 + rng.below(30) as usize;
        writeln!(
            m,
            "2-conv{conv}==,,{from},{from_url},{to},{to_url},{} UTC,,\"{}\n{}\",INBOX,",
            t.format("%Y-%m-%d %H:%M:%S"),
            words(&mut rng, n),
            words(&mut rng, 3)
        )
        .ok();
        let _ = i;
    }
    let mut s = String::from("Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n");
    for i in 0..1000 {
        let t = chrono::DateTime::from_timestamp(when(&mut rng), 0).unwrap_or_default();
        writeln!(
            s,
            "{},https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{},\"{}\",,,PUBLIC",
            t.format("%Y-%m-%d %H:%M:%S"),
            7_000_000 + i,
            words(&mut rng, 20)
        )
        .ok();
    }
    vec![
        ("Connections.csv".into(), c),
        ("messages.csv".into(), m),
        ("Shares.csv".into(), s),
        (
            "Profile.csv".into(),
            "First Name,Last Name,Headline\nOwner,Person,Engineer\n".into(),
        ),
    ]
}

/// A Facebook JSON export (2024 layout): `messages` messages in `threads` threads, split in
/// parts of at most 10,000 messages, with mojibake like the real thing.
pub fn facebook_files(messages: usize, threads: usize) -> Vec<(String, String)> {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let owner = "Owner Person";
    let mut per_thread: Vec<Vec<String>> = vec![Vec::new(); threads.max(1)];
    for _ in 0..messages {
        let t = rng.below(threads.max(1) as u64) as usize;
        let sender = if rng.below(2) == 0 {
            owner.to_string()
        } else {
            format!("Ren\\u00c3\\u00a9e {t}")
        };
        let ms = when(&mut rng) * 1000;
        let n = 2 + rng.below(25) as usize;
        per_thread[t].push(format!(r#"{{"sender_name":"{sender}","timestamp_ms":{ms},"content":"{} \u00f0\u009f\u0098\u008a","is_geoblocked_for_viewer":false}}"#, words(&mut rng, n)));
    }
    let mut files = vec![(
        "personal_information/profile_information/profile_information.json".to_string(),
        format!(r#"{{"profile_v2":{{"name":{{"full_name":"{owner}"}}}}}}"#),
    )];
    for (t, list) in per_thread.iter().enumerate() {
        for (part, chunk) in list.chunks(10_000).enumerate() {
            files.push((
                format!("your_facebook_activity/messages/inbox/person{t}_{t}/message_{}.json", part + 1),
                format!(r#"{{"participants":[{{"name":"Ren\u00c3\u00a9e {t}"}},{{"name":"{owner}"}}],"messages":[{}],"title":"Ren\u00c3\u00a9e {t}","is_still_participant":true,"thread_type":"Regular","thread_path":"inbox/person{t}_{t}","magic_words":[]}}"#, chunk.join(",")),
            ));
        }
    }
    files
}

/// A Mastodon account archive: `statuses` activities in `outbox.json` (a tenth boosts, a
/// fifth direct, the rest public with HTML content, mentions and counts), `likes` liked
/// URIs, and the accounts followed.
pub fn mastodon_files(statuses: usize, likes: usize) -> Vec<(String, String)> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let me = "https://ex.social/users/owner";
    let public = "https://www.w3.org/ns/activitystreams#Public";
    let mut items = Vec::with_capacity(statuses);
    for i in 0..statuses {
        let published = chrono::DateTime::from_timestamp(when(&mut rng), 0)
            .unwrap_or_default()
            .format("%Y-%m-%dT%H:%M:%SZ");
        let who = rng.below(2_000);
        let person = format!("https://s{}.example/users/u{who}", who % 50);
        let roll = rng.below(10);
        if roll == 0 {
            items.push(format!(
                r#"{{"id":"{me}/statuses/{i}/activity","type":"Announce","actor":"{me}","published":"{published}","to":["{public}"],"cc":["{me}/followers"],"object":"{person}/statuses/{i}"}}"#
            ));
            continue;
        }
        let (to, cc) = if roll < 3 {
            (format!(r#"["{person}"]"#), "[]".to_string())
        } else {
            (
                format!(r#"["{public}"]"#),
                format!(r#"["{me}/followers","{person}"]"#),
            )
        };
        let n = 2 + rng.below(30) as usize;
        let content = format!(
            r#"<p><span class=\"h-card\"><a href=\"https://s.example/@u{who}\" class=\"u-url mention\">@<span>u{who}</span></a></span> {} &amp; <a href=\"https://ex.social/tags/rust\" class=\"mention hashtag\" rel=\"tag\">#<span>rust</span></a> <a href=\"https://news.example/{i}\">news</a></p>"#,
            words(&mut rng, n)
        );
        items.push(format!(
            r##"{{"id":"{me}/statuses/{i}/activity","type":"Create","actor":"{me}","published":"{published}","to":{to},"cc":{cc},"object":{{"id":"{me}/statuses/{i}","type":"Note","inReplyTo":null,"published":"{published}","to":{to},"cc":{cc},"content":"{content}","attachment":[],"tag":[{{"type":"Mention","href":"{person}","name":"@u{who}@s{}.example"}},{{"type":"Hashtag","href":"https://ex.social/tags/rust","name":"#rust"}}],"likes":{{"totalItems":{}}},"shares":{{"totalItems":{}}}}}}}"##,
            who % 50,
            rng.below(40),
            rng.below(8)
        ));
    }
    let liked: Vec<String> = (0..likes)
        .map(|i| {
            format!(
                r#""https://s{}.example/users/u{}/statuses/{i}""#,
                i % 50,
                i % 2_000
            )
        })
        .collect();
    let following: String = (0..2_000)
        .map(|i| format!("u{i}@s{}.example,true,false,\n", i % 50))
        .collect();
    vec![
        (
            "outbox.json".to_string(),
            format!(
                r#"{{"@context":"https://www.w3.org/ns/activitystreams","id":"outbox.json","type":"OrderedCollection","totalItems":{statuses},"orderedItems":[{}]}}"#,
                items.join(",")
            ),
        ),
        (
            "actor.json".to_string(),
            format!(
                r#"{{"id":"{me}","type":"Person","preferredUsername":"owner","name":"Owner"}}"#
            ),
        ),
        (
            "likes.json".to_string(),
            format!(
                r#"{{"type":"OrderedCollection","orderedItems":[{}]}}"#,
                liked.join(",")
            ),
        ),
        (
            "following_accounts.csv".to_string(),
            format!("Account address,Show boosts,Notify on new posts,Languages\n{following}"),
        ),
    ]
}

/// An Instagram export of the 2025 layout: `posts` posts in parts of 10,000, as many likes
/// given, and the messages of `threads` threads (Messenger's shape, mojibake everywhere).
pub fn instagram_files(posts: usize, messages: usize, threads: usize) -> Vec<(String, String)> {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut files = vec![(
        "personal_information/personal_information/personal_information.json".to_string(),
        r#"{"profile_user":[{"string_map_data":{"Username":{"value":"owner"},"Name":{"value":"Owner Person"}}}]}"#.to_string(),
    )];
    let all: Vec<String> = (0..posts)
        .map(|i| {
            let n = 3 + rng.below(20) as usize;
            format!(
                r#"{{"media":[{{"uri":"media/posts/202501/{i}","creation_timestamp":{},"media_metadata":{{"video_metadata":{{}}}},"title":"{} #tag{} @user{} caf\u00c3\u00a9 \u00f0\u009f\u0098\u008a"}}]}}"#,
                when(&mut rng),
                words(&mut rng, n),
                i % 50,
                i % 3_000
            )
        })
        .collect();
    for (part, chunk) in all.chunks(10_000).enumerate() {
        files.push((
            format!("your_instagram_activity/media/posts_{}.json", part + 1),
            format!("[{}]", chunk.join(",")),
        ));
    }
    let likes: Vec<String> = (0..posts)
        .map(|i| {
            format!(
                r#"{{"timestamp":{},"media":[],"label_values":[{{"label":"URL","value":"https://www.instagram.com/p/{i}/"}},{{"title":"Owner","dict":[{{"title":"","dict":[{{"label":"Username","value":"user{}"}}]}}]}}]}}"#,
                when(&mut rng),
                i % 3_000
            )
        })
        .collect();
    files.push((
        "your_instagram_activity/likes/liked_posts.json".to_string(),
        format!("[{}]", likes.join(",")),
    ));
    for (name, content) in facebook_files(messages, threads) {
        if let Some(thread) = name.strip_prefix("your_facebook_activity/") {
            files.push((format!("your_instagram_activity/{thread}"), content));
        }
    }
    files
}

/// Writes files as a deflated zip.
pub fn write_files(path: &Path, files: Vec<(String, String)>) -> std::io::Result<()> {
    let file = std::fs::File::create(path)?;
    let mut zip = ::zip::ZipWriter::new(file);
    let options = ::zip::write::SimpleFileOptions::default()
        .compression_method(::zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, content) in files {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(content.as_bytes())?;
    }
    zip.finish().map_err(std::io::Error::other)?;
    Ok(())
}
