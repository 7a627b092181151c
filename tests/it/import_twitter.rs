//! The Twitter/X importer on fixtures shaped like real archives. Every expected value is
//! worked out by hand from the fixture files; the arithmetic is in the comments.

use crate::support::*;
use rapport::import::coverage::FileStatus;
use rapport::model::schema;

const T1: &str = "1600000000000000001";

#[test]
fn the_2023_archive_reads_every_file_it_should() {
    let a = load_one(fixture("twitter-2023"));
    assert_eq!(a.detection.generation, "ytd-2020");
    assert_eq!(a.account_id.as_deref(), Some("1000001"));
    let read: Vec<(&str, u64)> = a
        .coverage
        .files
        .iter()
        .filter_map(|f| match &f.status {
            FileStatus::Read { rows, .. } => Some((f.entry.as_str(), *rows)),
            _ => None,
        })
        .collect();
    // tweets.js holds 8 records (one with a broken date) and tweets-part1.js 2.
    assert!(read.contains(&("data/tweets.js", 8)));
    assert!(read.contains(&("data/tweets-part1.js", 2)));
    assert!(read.contains(&("data/note-tweet.js", 1)));
    assert!(read.contains(&("data/follower.js", 4)));
    assert!(read.contains(&("data/direct-messages.js", 2)));
    let ignored: Vec<&str> = a
        .coverage
        .files
        .iter()
        .filter(|f| matches!(f.status, FileStatus::Ignored { .. }))
        .map(|f| f.entry.as_str())
        .collect();
    assert_eq!(
        ignored,
        vec![
            "Your archive.html",
            "data/block.js",
            "data/tweet-headers.js",
            "data/tweets_media/1600000000000000003-x.jpg"
        ]
    );
    // 16 files in the fixture: the 12 data files read and the 4 above ignored.
    assert_eq!(a.coverage.files.len(), 16);
}

#[test]
fn the_2023_archive_gives_the_hand_counted_rows() {
    let d = load_one(fixture("twitter-2023")).dataset;
    // 8 + 2 tweets, less the one with the broken date: 9 posts (the deleted one is elsewhere).
    assert_eq!(d.posts.height(), 9);
    // original: T1, T6 (long post), T8, T9, T10; reply T2; thread T3; repost T4; quote T5.
    assert_eq!(count_where(&d.posts, "kind", "original"), 5);
    assert_eq!(count_where(&d.posts, "kind", "reply"), 1);
    assert_eq!(count_where(&d.posts, "kind", "thread"), 1);
    assert_eq!(count_where(&d.posts, "kind", "repost"), 1);
    assert_eq!(count_where(&d.posts, "kind", "quote"), 1);
    // T2: reply + mention; T4: repost; T5: quote; T8: mention; 3 likes; 5 two-person DMs
    // (6 in the file, one with a broken date): 2 + 1 + 1 + 1 + 3 + 5 = 13.
    assert_eq!(d.interactions.height(), 13);
    assert_eq!(count_where(&d.interactions, "kind", "like"), 3);
    assert_eq!(count_where(&d.interactions, "kind", "message"), 5);
    assert_eq!(count_where(&d.interactions, "kind", "mention"), 2);
    // followers 2001 2002 2005 2006, following 2001 2003 2004: 6 people, 2001 mutual.
    assert_eq!(d.connections.height(), 6);
    assert_eq!(count_where(&d.connections, "relation", "mutual"), 1);
    assert_eq!(count_where(&d.connections, "relation", "follower"), 3);
    assert_eq!(count_where(&d.connections, "relation", "following"), 2);
    // 4 + 1 two-person messages (one skipped) and 2 group messages.
    assert_eq!(d.messages.height(), 7);
    assert_eq!(d.accounts.height(), 1);
    for (name, spec) in schema::FRAMES {
        let frame = d.frames().into_iter().find(|(n, _)| *n == name).unwrap().1;
        assert_eq!(schema::check(frame, spec), Ok(()), "{name}");
    }
}

#[test]
fn an_original_post_with_a_link_reads_field_by_field() {
    let d = load_one(fixture("twitter-2023")).dataset;
    let p = &d.posts;
    let i = row(p, "post_id", T1);
    assert_eq!(ms(p, "created_at", i), Some(t("2023-01-02T09:15:00Z")));
    assert_eq!(s(p, "kind", i).as_deref(), Some("original"));
    // `&amp;` decoded, the t.co link expanded.
    assert_eq!(
        s(p, "text", i).as_deref(),
        Some(
            "Shipping the new parser today & it is fast! #Rust #rust https://www.GitHub.com/ada/parser"
        )
    );
    // "Shipping the new parser today & it is fast! #Rust #rust " is 56 characters, and the
    // link counts at its expanded length, 33: 56 + 33 = 89.
    assert_eq!(u32_at(p, "text_chars", i), Some(89));
    assert_eq!(s(p, "media", i).as_deref(), Some("link"));
    // #Rust and #rust are one lower-cased tag.
    assert_eq!(list(p, "hashtags", i), vec!["rust"]);
    assert_eq!(list(p, "link_domains", i), vec!["github.com"]);
    assert_eq!(u(p, "likes", i), Some(12));
    assert_eq!(u(p, "reposts", i), Some(3));
    // No analytics given: replies and impressions are unknown, not 0.
    assert_eq!(u(p, "replies", i), None);
    assert_eq!(u(p, "impressions", i), None);
    assert_eq!(u(p, "quotes", i), None);
    assert_eq!(s(p, "lang", i).as_deref(), Some("en"));
}

#[test]
fn replies_threads_reposts_and_quotes_read_field_by_field() {
    let d = load_one(fixture("twitter-2023")).dataset;
    let p = &d.posts;
    // T2 "@grace @alan Thank you both, that means a lot": the leading handles are not
    // written text; "Thank you both, that means a lot" is 32 characters.
    let reply = row(p, "post_id", "1600000000000000002");
    assert_eq!(s(p, "kind", reply).as_deref(), Some("reply"));
    assert_eq!(s(p, "reply_to", reply).as_deref(), Some("2001"));
    assert_eq!(u32_at(p, "text_chars", reply), Some(32));
    assert_eq!(list(p, "mentions", reply), vec!["grace", "alan"]);
    // T3 replies to the owner: a thread. "Part two: the benchmarks." is 25 characters; the
    // photo's t.co link is not counted.
    let thread = row(p, "post_id", "1600000000000000003");
    assert_eq!(s(p, "kind", thread).as_deref(), Some("thread"));
    assert_eq!(s(p, "media", thread).as_deref(), Some("photo"));
    assert_eq!(u32_at(p, "text_chars", thread), Some(25));
    assert_eq!(s(p, "reply_to", thread).as_deref(), Some("1000001"));
    // T4 "RT @katherine: " is stripped; the rest is 104 characters with its "…".
    let repost = row(p, "post_id", "1600000000000000004");
    assert_eq!(s(p, "kind", repost).as_deref(), Some("repost"));
    assert_eq!(u32_at(p, "text_chars", repost), Some(104));
    // T5 links to alan's status: a quote; "This is the thread to read" is 26 characters and
    // the quoted status link is neither a link nor a domain.
    let quote = row(p, "post_id", "1600000000000000005");
    assert_eq!(s(p, "kind", quote).as_deref(), Some("quote"));
    assert_eq!(u32_at(p, "text_chars", quote), Some(26));
    assert_eq!(s(p, "media", quote).as_deref(), Some("none"));
    assert!(list(p, "link_domains", quote).is_empty());
    // T9 video "Demo day!" 9 characters; T10 animated GIF "When the build passes" 21.
    let video = row(p, "post_id", "1600000000000000009");
    assert_eq!(s(p, "media", video).as_deref(), Some("video"));
    assert_eq!(u32_at(p, "text_chars", video), Some(9));
    let gif = row(p, "post_id", "1600000000000000010");
    assert_eq!(s(p, "media", gif).as_deref(), Some("gif"));
    assert_eq!(u32_at(p, "text_chars", gif), Some(21));
}

#[test]
fn a_long_post_takes_its_full_text_from_note_tweet() {
    let d = load_one(fixture("twitter-2023")).dataset;
    let p = &d.posts;
    let i = row(p, "post_id", "1600000000000000006");
    let text = s(p, "text", i).unwrap();
    assert!(text.ends_with("move the long conversations to a direct message. #community"));
    assert!(!text.contains('…'));
    // The note's text is 329 characters (Python's len() of the fixture string).
    assert_eq!(u32_at(p, "text_chars", i), Some(329));
    assert_eq!(list(p, "hashtags", i), vec!["community"]);
    // Twitter's "read the rest" link is no shared link.
    assert_eq!(s(p, "media", i).as_deref(), Some("none"));
    assert_eq!(u(p, "likes", i), Some(30));
}

#[test]
fn a_count_that_is_not_a_number_is_null_and_counted() {
    let a = load_one(fixture("twitter-2023"));
    let p = &a.dataset.posts;
    let i = row(p, "post_id", "1600000000000000008");
    assert_eq!(u(p, "likes", i), None);
    assert_eq!(u(p, "reposts", i), Some(1));
    let problems = &a.coverage.problems["data/tweets.js"];
    assert_eq!(problems.skipped, 1);
    assert_eq!(problems.fields_nulled, 1);
    assert_eq!(
        problems.first_example,
        "tweet 1600000000000000007: created_at \"not a date\""
    );
    // The deleted tweet is counted, not a post.
    assert_eq!(a.coverage.counts["deleted tweets (not in posts)"], 1);
    assert!(
        a.dataset
            .posts
            .column("post_id")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .all(|id| id != Some("1600000000000000099"))
    );
}

#[test]
fn interactions_name_the_person_and_keep_the_owner_out() {
    let d = load_one(fixture("twitter-2023")).dataset;
    let x = &d.interactions;
    let reply = row(x, "kind", "reply");
    assert_eq!(s(x, "counterpart_id", reply).as_deref(), Some("2001"));
    assert_eq!(
        s(x, "counterpart_name", reply).as_deref(),
        Some("Grace Hopper")
    );
    assert_eq!(
        s(x, "post_id", reply).as_deref(),
        Some("1600000000000000002")
    );
    assert_eq!(s(x, "direction", reply).as_deref(), Some("outbound"));
    assert_eq!(ms(x, "at", reply), Some(t("2023-01-03T14:00:00Z")));
    // The quote names @alan only in its link; his id comes from T2's mention.
    let quote = row(x, "kind", "quote");
    assert_eq!(s(x, "counterpart_id", quote).as_deref(), Some("2002"));
    let repost = row(x, "kind", "repost");
    assert_eq!(s(x, "counterpart_id", repost).as_deref(), Some("2003"));
    // A like: no time, no author, the liked tweet.
    let like = row(x, "kind", "like");
    assert_eq!(ms(x, "at", like), None);
    assert_eq!(s(x, "counterpart_id", like), None);
    assert_eq!(
        s(x, "post_id", like).as_deref(),
        Some("1590000000000000001")
    );
    // The owner (1000001) is never a counterpart: the thread made none.
    assert_eq!(count_where(x, "counterpart_id", "1000001"), 0);
    // Messages with 2001: inbound 01-03, outbound 01-09, inbound 01-09, outbound 01-10.
    assert_eq!(count_where(x, "counterpart_id", "2001"), 5); // 4 messages + the reply
    assert_eq!(count_where(x, "direction", "inbound"), 3); // 2 from 2001, 1 from 2002
}

#[test]
fn messages_keep_lengths_and_hashes_but_no_bodies() {
    let d = load_one(fixture("twitter-2023")).dataset;
    let m = &d.messages;
    assert!(m.column("text").is_err() && m.column("body").is_err());
    // "Tuesday works &amp; thanks" decodes to "Tuesday works & thanks": 22 characters.
    let i = row(m, "message_id", "1610000000000000003");
    assert_eq!(u32_at(m, "text_chars", i), Some(22));
    assert_eq!(s(m, "sender_id", i).as_deref(), Some("2001"));
    assert_eq!(s(m, "conversation_id", i).as_deref(), Some("1000001-2001"));
    assert_eq!(ms(m, "at", i), Some(t("2023-01-09T10:30:00Z")));
    assert_eq!(u32_at(m, "participants", i), Some(2));
    assert!(u(m, "body_hash", i).is_some());
    // The group conversation: the owner, 2003, 2004 and 2005 from the join event.
    let g = row(m, "message_id", "1620000000000000002");
    assert_eq!(u32_at(m, "participants", g), Some(4));
    let from_owner = m.column("from_owner").unwrap().bool().unwrap();
    assert_eq!(from_owner.get(g), Some(true));
    // Owner's messages: 01-09, 01-10 and "Hello!" in the group.
    assert_eq!(from_owner.sum(), Some(3));
}

#[test]
fn connections_and_the_account_read_field_by_field() {
    let d = load_one(fixture("twitter-2023")).dataset;
    let c = &d.connections;
    let grace = row(c, "counterpart_id", "2001");
    assert_eq!(s(c, "relation", grace).as_deref(), Some("mutual"));
    // Followers come with ids only; the handle is learnt from a mention.
    assert_eq!(s(c, "handle", grace).as_deref(), Some("grace"));
    assert_eq!(ms(c, "connected_at", grace), None);
    let older = row(c, "counterpart_id", "2006");
    assert_eq!(s(c, "relation", older).as_deref(), Some("follower"));
    assert_eq!(s(c, "handle", older), None);
    let a = &d.accounts;
    assert_eq!(s(a, "account_id", 0).as_deref(), Some("1000001"));
    assert_eq!(s(a, "handle", 0).as_deref(), Some("adalove"));
    assert_eq!(s(a, "display_name", 0).as_deref(), Some("Ada Lovelace"));
    assert_eq!(ms(a, "created_at", 0), Some(t("2009-03-10T18:00:00Z")));
    assert_eq!(u(a, "followers", 0), Some(4));
    assert_eq!(u(a, "following", 0), Some(3));
    assert_eq!(s(a, "archive", 0).as_deref(), Some("twitter-2023"));
    assert_eq!(s(a, "generation", 0).as_deref(), Some("ytd-2020"));
}

#[test]
fn the_analytics_export_joins_impressions_and_replies_by_id() {
    let archives = load_paths(&[
        fixture("twitter-2023"),
        fixture("twitter-analytics/tweet_activity_metrics_adalove_20230101_20230201_en.csv"),
    ]);
    assert_eq!(archives.len(), 1, "the CSV joins its archive");
    let a = &archives[0];
    let p = &a.dataset.posts;
    let i = row(p, "post_id", T1);
    assert_eq!(u(p, "impressions", i), Some(1200));
    assert_eq!(u(p, "replies", i), Some(4));
    assert_eq!(u(p, "likes", i), Some(12), "the archive's count is kept");
    let v = row(p, "post_id", "1600000000000000009");
    assert_eq!(u(p, "impressions", v), Some(5000));
    assert_eq!(u(p, "replies", v), Some(6));
    // Engagements stays null: Twitter gives the breakdown.
    assert_eq!(u(p, "engagements", v), None);
    // Three rows: two match posts, one is an older tweet not in the archive.
    assert_eq!(a.coverage.counts["analytics rows joined to a post"], 2);
    assert_eq!(
        a.coverage.counts["analytics rows with no post in the archive"],
        1
    );
}

#[test]
fn a_zipped_archive_reads_exactly_like_the_folder() {
    let dir = tempdir();
    let zip = dir.path().join("twitter-2023.zip");
    zip_dir(&fixture("twitter-2023"), &zip, &[]);
    let zipped = load_one(zip).dataset;
    let folder = load_one(fixture("twitter-2023")).dataset;
    assert!(zipped.posts.equals_missing(&folder.posts));
    assert!(zipped.interactions.equals_missing(&folder.interactions));
    assert!(zipped.connections.equals_missing(&folder.connections));
    assert!(zipped.messages.equals_missing(&folder.messages));
}

#[test]
fn the_2019_archive_reads_bare_objects_and_old_file_names() {
    let a = load_one(fixture("twitter-2019"));
    assert_eq!(a.detection.generation, "ytd-2019");
    let d = &a.dataset;
    // tweet.js (the old name) with 3 bare tweet objects: original, reply, retweet.
    assert_eq!(d.posts.height(), 3);
    assert_eq!(count_where(&d.posts, "kind", "original"), 1);
    assert_eq!(count_where(&d.posts, "kind", "reply"), 1);
    assert_eq!(count_where(&d.posts, "kind", "repost"), 1);
    let hello = row(&d.posts, "post_id", "1100000000000000001");
    assert_eq!(list(&d.posts, "hashtags", hello), vec!["throwback"]);
    assert_eq!(u(&d.posts, "likes", hello), Some(4));
    // direct-message.js (the old name): two messages with 2001.
    assert_eq!(d.messages.height(), 2);
    // reply to 2001, repost of 2002, 2 likes, 2 messages.
    assert_eq!(d.interactions.height(), 6);
    // follower.js has accountId only (no userLink): 2001 mutual, 2002 follower.
    assert_eq!(d.connections.height(), 2);
    assert_eq!(count_where(&d.connections, "relation", "mutual"), 1);
}

#[test]
fn the_grailbird_archive_reads_the_monthly_files() {
    let a = load_one(fixture("twitter-grailbird-2016"));
    assert_eq!(a.detection.generation, "grailbird");
    assert_eq!(a.account_id.as_deref(), Some("4000001"));
    let p = &a.dataset.posts;
    // Two months of two tweets each: original, reply, repost and a thread to self.
    assert_eq!(p.height(), 4);
    assert_eq!(count_where(p, "kind", "thread"), 1);
    let rt = row(p, "post_id", "680000000000000003");
    assert_eq!(s(p, "kind", rt).as_deref(), Some("repost"));
    let i = row(p, "post_id", "660000000000000001");
    assert_eq!(list(p, "link_domains", i), vec!["example.com"]);
    assert_eq!(list(p, "hashtags", i), vec!["dataviz"]);
    // The older archive has no counts at all: every count is null.
    assert_eq!(p.column("likes").unwrap().null_count(), 4);
    // The repost's author comes from retweeted_status; the reply's from in_reply_to.
    let x = &a.dataset.interactions;
    assert_eq!(x.height(), 2);
    assert_eq!(
        s(x, "counterpart_id", row(x, "kind", "repost")).as_deref(),
        Some("2002")
    );
    assert_eq!(
        s(x, "counterpart_id", row(x, "kind", "reply")).as_deref(),
        Some("2001")
    );
    // tweets.csv holds the same tweets and is listed as ignored.
    assert!(
        a.coverage
            .files
            .iter()
            .any(|f| f.entry == "tweets.csv" && matches!(f.status, FileStatus::Ignored { .. }))
    );
}

#[test]
fn tweets_csv_alone_gives_the_same_posts() {
    let dir = tempdir();
    let zip = dir.path().join("grailbird-csv-only.zip");
    zip_dir(
        &fixture("twitter-grailbird-2016"),
        &zip,
        &["data/js/tweets/"],
    );
    let a = load_one(zip);
    let p = &a.dataset.posts;
    assert_eq!(p.height(), 4);
    let i = row(p, "post_id", "660000000000000002");
    assert_eq!(s(p, "kind", i).as_deref(), Some("reply"));
    assert_eq!(
        s(p, "text", i).as_deref(),
        Some("@grace Happy to help! & thanks")
    );
    // "Happy to help! & thanks" is 23 characters.
    assert_eq!(u32_at(p, "text_chars", i), Some(23));
    let link = row(p, "post_id", "660000000000000001");
    assert_eq!(list(p, "link_domains", link), vec!["example.com"]);
    assert_eq!(list(p, "hashtags", link), vec!["dataviz"]);
    assert_eq!(count_where(p, "kind", "thread"), 1);
    assert_eq!(count_where(p, "kind", "repost"), 1);
}

#[test]
fn a_quoted_person_named_only_by_handle_is_one_counterpart_with_their_id() {
    // Bea (id 601) is quoted by the URL of her post only, with her handle in another case,
    // and mentioned with her id in another tweet; the DMs with 601 are the fixture's.
    let dir = tempdir();
    let archive = dir.path().join("quote");
    copy_dir(&fixture("twitter-analysis"), &archive);
    let tweets = r#"window.YTD.tweets.part0 = [
      {"tweet": {"id_str": "1", "created_at": "Mon Jan 06 09:00:00 +0000 2025",
        "full_text": "So true https://t.co/q", "favorite_count": "1", "retweet_count": "0",
        "entities": {"hashtags": [], "user_mentions": [], "urls": [{"url": "https://t.co/q",
          "expanded_url": "https://twitter.com/BEA/status/1800000000000000001",
          "display_url": "twitter.com/BEA/status/1…"}]}}},
      {"tweet": {"id_str": "2", "created_at": "Tue Jan 07 09:00:00 +0000 2025",
        "full_text": "Thanks @bea", "favorite_count": "1", "retweet_count": "0",
        "entities": {"hashtags": [], "urls": [], "user_mentions": [{"name": "Bea",
          "screen_name": "bea", "id_str": "601", "id": "601", "indices": ["7", "11"]}]}}}
    ]"#;
    std::fs::write(archive.join("data/tweets.js"), tweets).unwrap();
    let d = load_one(archive).dataset;
    let x = &d.interactions;
    // The quote, the mention, and the 8 messages with Bea: all under 601, none under @bea.
    assert_eq!(count_where(x, "counterpart_id", "@bea"), 0);
    let quote = row(x, "kind", "quote");
    assert_eq!(s(x, "counterpart_id", quote).as_deref(), Some("601"));
    let mention = row(x, "kind", "mention");
    assert_eq!(s(x, "counterpart_id", mention).as_deref(), Some("601"));
    assert_eq!(count_where(x, "counterpart_id", "601"), 1 + 1 + 8);
}

/// twitter-2023 as one real archive came: no tweets.js, only `tweet-headers.js`.
fn headers_only_archive(dir: &std::path::Path) -> std::path::PathBuf {
    let archive = dir.join("twitter-headers");
    copy_dir(&fixture("twitter-2023"), &archive);
    std::fs::remove_file(archive.join("data/tweets.js")).unwrap();
    std::fs::remove_file(archive.join("data/tweets-part1.js")).unwrap();
    std::fs::write(
        archive.join("data/tweet-headers.js"),
        r#"window.YTD.tweet_headers.part0 = [
  { "tweet" : { "tweet_id" : "1700000000000000001", "user_id" : "1000001",
      "created_at" : "Mon Jan 02 09:15:00 +0000 2023" } },
  { "tweet" : { "tweet_id" : "1700000000000000002", "user_id" : "1000001",
      "created_at" : "Tue Jan 10 12:00:00 +0000 2023" } },
  { "tweet" : { "tweet_id" : "1700000000000000003", "user_id" : "1000001",
      "created_at" : "not a date" } }
]"#,
    )
    .unwrap();
    archive
}

#[test]
fn without_tweets_js_the_headers_give_posts_known_by_time_and_a_warning() {
    let dir = tempdir();
    let archive = headers_only_archive(dir.path());
    let a = load_one(archive.clone());
    // Two headers with a time (the third is counted as skipped); nothing else is known.
    let p = &a.dataset.posts;
    assert_eq!(p.height(), 2);
    assert_eq!(s(p, "post_id", 0).as_deref(), Some("1700000000000000001"));
    assert_eq!(ms(p, "created_at", 0), Some(t("2023-01-02T09:15:00Z")));
    assert_eq!(p.column("likes").unwrap().null_count(), 2);
    let warnings = a.coverage.warning_lines().join("\n");
    assert!(
        warnings.contains(
            "tweets.js is missing from this archive: posts are known by their ids and times only"
        ),
        "{warnings}"
    );
    // inspect says it, and the report opens with it.
    let inspect = rapport()
        .args(["inspect", &archive.display().to_string()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&inspect.stderr);
    assert!(stderr.contains("tweets.js is missing"), "{stderr}");
    let out = dir.path().join("report");
    let run = rapport()
        .args(["analyze", &archive.display().to_string(), "--out"])
        .arg(&out)
        .args(["--format", "md"])
        .output()
        .unwrap();
    assert!(run.status.success());
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let lead = md.split("## ").next().unwrap_or("");
    assert!(lead.contains("Warning: "), "{lead}");
    assert!(
        lead.contains("tweets.js is missing from this archive"),
        "{lead}"
    );
    // With tweets.js there, the headers are ignored as repeating it, and no warning.
    let full = load_one(fixture("twitter-2023"));
    assert!(
        !full
            .coverage
            .warning_lines()
            .join("\n")
            .contains("tweets.js is missing")
    );
}
