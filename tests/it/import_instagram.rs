//! The Instagram importer on fixtures shaped like real exports of every generation: the 2024
//! export (`your_instagram_activity/content/`), the 2026 one (`.../media/`, the new
//! `following.json` and `liked_posts.json`), the 2021 layout and the legacy single files;
//! detection against Facebook; the HTML export refused. Expected values are worked out by
//! hand from the fixture files (see fixtures/README.md).

use crate::support::*;
use rapport::model::schema;

/// The row of `frame` whose time column `column` is `at`.
fn at(frame: &polars::prelude::DataFrame, column: &str, at: &str) -> usize {
    (0..frame.height())
        .find(|&i| ms(frame, column, i) == Some(t(at)))
        .unwrap_or_else(|| panic!("no row at {at}"))
}

#[test]
fn the_2024_export_gives_the_hand_counted_rows() {
    let a = load_one(fixture("instagram-2024"));
    assert_eq!(a.detection.generation, "instagram-2023");
    assert_eq!(a.account_id.as_deref(), Some("ada.lovelace"));
    let d = &a.dataset;
    // posts_1.json 3 (a single photo, a carousel, a video) + reels.json 1; the story is
    // not a post.
    assert_eq!(d.posts.height(), 4);
    // Comments on Grace's and Zoë's posts (the one on Ada's own post is none), likes of
    // Charles's and Grace's posts and of Zoë's comment, the mention of Grace in a caption,
    // 3 messages with Zoë and 1 from the stranger of message_requests: 10.
    assert_eq!(d.interactions.height(), 10);
    assert_eq!(count_where(&d.interactions, "kind", "comment"), 2);
    assert_eq!(count_where(&d.interactions, "kind", "like"), 3);
    assert_eq!(count_where(&d.interactions, "kind", "mention"), 1);
    assert_eq!(count_where(&d.interactions, "kind", "message"), 4);
    // Zoë's thread 4 messages in two files, less "Liked a message": 3; the group 2; the
    // request 1.
    assert_eq!(d.messages.height(), 6);
    assert_eq!(
        a.coverage.counts["reactions that Instagram writes as messages (left out)"],
        1
    );
    // Followers grace, zoe, alan; following grace, charles: grace is mutual.
    assert_eq!(d.connections.height(), 4);
    assert_eq!(count_where(&d.connections, "relation", "mutual"), 1);
    assert_eq!(count_where(&d.connections, "relation", "follower"), 2);
    assert_eq!(count_where(&d.connections, "relation", "following"), 1);
    for (name, spec) in schema::FRAMES {
        let frame = d.frames().into_iter().find(|(n, _)| *n == name).unwrap().1;
        assert_eq!(schema::check(frame, spec), Ok(()), "{name}");
    }
}

#[test]
fn posts_read_captions_media_kinds_and_no_counts() {
    let p = load_one(fixture("instagram-2024")).dataset.posts;
    // The single photo: its caption is its media's title, mojibake repaired; the emoji's
    // four escaped bytes are one character: 51.
    let photo = at(&p, "created_at", "2024-05-13T02:21:16Z");
    assert_eq!(
        s(&p, "text", photo).as_deref(),
        Some("Caption with emoji 😂 #Rust #Data with @grace.hopper")
    );
    assert_eq!(u32_at(&p, "text_chars", photo), Some(51));
    assert_eq!(s(&p, "media", photo).as_deref(), Some("photo"));
    assert_eq!(list(&p, "hashtags", photo), ["rust", "data"]);
    assert_eq!(list(&p, "mentions", photo), ["grace.hopper"]);
    assert_eq!(s(&p, "kind", photo).as_deref(), Some("original"));
    // The carousel: the post's own title and time (one second after its media's); its
    // second file is a video whose name has no extension, known by its video_metadata.
    let carousel = at(&p, "created_at", "2024-03-11T14:11:11Z");
    assert_eq!(s(&p, "media", carousel).as_deref(), Some("video"));
    assert_eq!(
        s(&p, "text", carousel).as_deref(),
        Some("Carousel of the trip ’s best — https://www.Example.org/trip")
    );
    assert_eq!(list(&p, "link_domains", carousel), ["example.org"]);
    // A video known by its .mp4 name, no caption.
    let video = at(&p, "created_at", "2024-01-20T10:00:00Z");
    assert_eq!(s(&p, "media", video).as_deref(), Some("video"));
    assert_eq!(u32_at(&p, "text_chars", video), Some(0));
    // The reel.
    let reel = at(&p, "created_at", "2024-04-02T18:30:00Z");
    assert_eq!(s(&p, "media", reel).as_deref(), Some("video"));
    assert_eq!(list(&p, "hashtags", reel), ["rust"]);
    // Instagram gives no counts at all.
    for column in [
        "likes",
        "reposts",
        "replies",
        "quotes",
        "impressions",
        "engagements",
    ] {
        assert_eq!(p.column(column).unwrap().null_count(), 4, "{column}");
    }
}

#[test]
fn comments_likes_and_mentions_name_the_post_owner() {
    let d = load_one(fixture("instagram-2024")).dataset;
    let x = &d.interactions;
    let comment = at(x, "at", "2024-05-14T09:00:00Z");
    assert_eq!(s(x, "kind", comment).as_deref(), Some("comment"));
    assert_eq!(s(x, "direction", comment).as_deref(), Some("outbound"));
    assert_eq!(
        s(x, "counterpart_id", comment).as_deref(),
        Some("grace.hopper")
    );
    let liked_comment = at(x, "at", "2024-03-13T09:00:00Z");
    assert_eq!(s(x, "kind", liked_comment).as_deref(), Some("like"));
    assert_eq!(
        s(x, "counterpart_id", liked_comment).as_deref(),
        Some("zoe.quinn")
    );
    // The mention is tied to the post that made it.
    let mention = row(x, "kind", "mention");
    assert_eq!(
        s(x, "counterpart_id", mention).as_deref(),
        Some("grace.hopper")
    );
    assert_eq!(ms(x, "at", mention), Some(t("2024-05-13T02:21:16Z")));
    let photo = at(&d.posts, "created_at", "2024-05-13T02:21:16Z");
    assert_eq!(s(x, "post_id", mention), s(&d.posts, "post_id", photo));
    // Nothing names the owner.
    assert_eq!(count_where(x, "counterpart_id", "ada.lovelace"), 0);
}

#[test]
fn threads_in_numbered_parts_are_one_conversation_by_display_name() {
    let d = load_one(fixture("instagram-2024")).dataset;
    let m = &d.messages;
    let zoe: Vec<usize> = (0..m.height())
        .filter(|&i| {
            s(m, "conversation_id", i).as_deref() == Some("inbox/zoequinn_930944588310288")
        })
        .collect();
    let times: Vec<i64> = zoe.iter().map(|&i| ms(m, "at", i).unwrap()).collect();
    assert_eq!(
        times,
        [
            t("2024-03-01T10:00:00.137Z"),
            t("2024-03-01T12:00:00.137Z"),
            t("2024-03-05T08:00:00.137Z")
        ]
    );
    // "Zo\u00c3\u00ab Quinn" in the file; "Hi Ada! 👋" is 9 characters.
    assert_eq!(s(m, "sender_id", zoe[0]).as_deref(), Some("Zoë Quinn"));
    assert_eq!(u32_at(m, "text_chars", zoe[0]), Some(9));
    assert_eq!(s(m, "sender_id", zoe[1]).as_deref(), Some("Ada Lovelace"));
    assert!(
        !m.column("from_owner")
            .unwrap()
            .bool()
            .unwrap()
            .get(zoe[0])
            .unwrap()
    );
    assert!(
        m.column("from_owner")
            .unwrap()
            .bool()
            .unwrap()
            .get(zoe[1])
            .unwrap()
    );
    // "You sent an attachment." stands for an attachment: a message with no words.
    assert_eq!(u32_at(m, "text_chars", zoe[2]), Some(0));
    assert_eq!(u(m, "body_hash", zoe[2]), None);
    let group = row(
        m,
        "conversation_id",
        "inbox/alicebobandothers_7553908688003844",
    );
    assert_eq!(u32_at(m, "participants", group), Some(3));
    // The message request is a conversation too: an inbound message from the stranger.
    let x = &d.interactions;
    let stranger = row(x, "counterpart_id", "Stranger Danger");
    assert_eq!(s(x, "direction", stranger).as_deref(), Some("inbound"));
    assert_eq!(
        s(x, "counterpart_name", stranger).as_deref(),
        Some("Stranger Danger")
    );
}

#[test]
fn followers_following_and_the_account() {
    let a = load_one(fixture("instagram-2024"));
    let c = &a.dataset.connections;
    let grace = row(c, "counterpart_id", "grace.hopper");
    assert_eq!(s(c, "relation", grace).as_deref(), Some("mutual"));
    // Followed 2023-05-01, followed back 2023-06-01: the earliest.
    assert_eq!(
        ms(c, "connected_at", grace),
        Some(t("2023-05-01T12:00:00Z"))
    );
    assert_eq!(s(c, "handle", grace).as_deref(), Some("grace.hopper"));
    let alan = row(c, "counterpart_id", "alan.turing");
    assert_eq!(ms(c, "connected_at", alan), Some(t("2024-02-01T12:00:00Z")));
    let acc = &a.dataset.accounts;
    assert_eq!(s(acc, "handle", 0).as_deref(), Some("ada.lovelace"));
    assert_eq!(s(acc, "display_name", 0).as_deref(), Some("Ada Lovelace"));
    // signup_details.json.
    assert_eq!(ms(acc, "created_at", 0), Some(t("2015-09-01T08:30:00Z")));
    assert_eq!(u(acc, "followers", 0), Some(3));
    assert_eq!(u(acc, "following", 0), Some(2));
    assert_eq!(s(acc, "generation", 0).as_deref(), Some("instagram-2023"));
}

#[test]
fn the_2026_export_reads_the_new_following_and_liked_posts_shapes() {
    let a = load_one(fixture("instagram-2026"));
    assert_eq!(a.detection.generation, "instagram-2025");
    let d = &a.dataset;
    // following.json: the username in `title`, and once only in the `_u/` link.
    let c = &d.connections;
    assert_eq!(c.height(), 2);
    let ada = row(c, "counterpart_id", "ada.lovelace");
    assert_eq!(s(c, "relation", ada).as_deref(), Some("mutual"));
    assert_eq!(ms(c, "connected_at", ada), Some(t("2025-11-01T09:00:00Z")));
    let linus = row(c, "counterpart_id", "linus.t");
    assert_eq!(s(c, "relation", linus).as_deref(), Some("following"));
    // liked_posts.json as label_values: the owner's Username, with or without a Caption.
    let x = &d.interactions;
    let liked = at(x, "at", "2026-02-01T12:00:00Z");
    assert_eq!(s(x, "kind", liked).as_deref(), Some("like"));
    assert_eq!(s(x, "counterpart_id", liked).as_deref(), Some("linus.t"));
    assert_eq!(count_where(x, "kind", "like"), 3);
    // Mention 1, likes 3, comment 1, messages 3 (Ada's reaction is no message).
    assert_eq!(x.height(), 8);
    let p = &d.posts;
    assert_eq!(p.height(), 2);
    // The carousel's first file is a video without extension.
    let carousel = at(p, "created_at", "2026-01-15T19:00:01Z");
    assert_eq!(s(p, "media", carousel).as_deref(), Some("video"));
    assert_eq!(list(p, "hashtags", carousel), ["cobol"]);
    assert_eq!(list(p, "mentions", carousel), ["ada.lovelace"]);
    // The owner appears as "Grace" in threads, not as the profile's "Grace Hopper": the
    // one person in every thread is taken.
    let m = &d.messages;
    assert_eq!(m.height(), 3);
    let mine = m.column("from_owner").unwrap().bool().unwrap().sum();
    assert_eq!(mine, Some(2));
    assert_eq!(
        a.coverage.counts["reactions that Instagram writes as messages (left out)"],
        1
    );
    let acc = &d.accounts;
    assert_eq!(s(acc, "display_name", 0).as_deref(), Some("Grace Hopper"));
    assert_eq!(u(acc, "followers", 0), Some(1));
    assert_eq!(u(acc, "following", 0), Some(2));
}

#[test]
fn the_2021_layout_reads_wrapped_followers_and_comments() {
    let a = load_one(fixture("instagram-2021"));
    assert_eq!(a.detection.generation, "instagram-2021");
    assert_eq!(a.account_id.as_deref(), Some("charles.babbage"));
    let d = &a.dataset;
    assert_eq!(d.posts.height(), 1);
    assert_eq!(list(&d.posts, "hashtags", 0), ["engines"]);
    // relationships_followers: ada and alan; relationships_following: ada.
    assert_eq!(d.connections.height(), 2);
    let ada = row(&d.connections, "counterpart_id", "ada.lovelace");
    assert_eq!(
        s(&d.connections, "relation", ada).as_deref(),
        Some("mutual")
    );
    // comments_media_comments 1, likes_media_likes 1, two messages.
    assert_eq!(d.interactions.height(), 4);
    assert_eq!(d.messages.height(), 2);
    let answer = at(&d.messages, "at", "2021-05-06T20:00:00.137Z");
    assert_eq!(
        s(&d.messages, "sender_id", answer).as_deref(),
        Some("Charles Babbage")
    );
}

#[test]
fn the_legacy_export_reads_its_single_files() {
    let a = load_one(fixture("instagram-2019"));
    assert_eq!(a.detection.generation, "instagram-2018");
    let d = &a.dataset;
    // media.json: 2 photos and 1 video; its stories and direct media are no posts.
    assert_eq!(d.posts.height(), 3);
    let p = &d.posts;
    let snow = at(p, "created_at", "2019-01-06T10:30:00Z");
    assert_eq!(
        s(p, "text", snow).as_deref(),
        Some("Bletchley in the snow ❄ #winter @ada.lovelace")
    );
    assert_eq!(list(p, "hashtags", snow), ["winter"]);
    let video = at(p, "created_at", "2019-03-01T12:00:00Z");
    assert_eq!(s(p, "media", video).as_deref(), Some("video"));
    // connections.json: ada both ways, grace a follower, charles followed.
    let c = &d.connections;
    assert_eq!(c.height(), 3);
    let ada = row(c, "counterpart_id", "ada.lovelace");
    assert_eq!(s(c, "relation", ada).as_deref(), Some("mutual"));
    assert_eq!(ms(c, "connected_at", ada), Some(t("2018-05-01T10:00:00Z")));
    // Mention 1, comment on Ada's post 1 (the one on Alan's own post is none), likes 2,
    // messages 3 (messages.json names people by username: the owner is the profile's).
    let x = &d.interactions;
    assert_eq!(x.height(), 7);
    assert_eq!(count_where(x, "kind", "comment"), 1);
    assert_eq!(count_where(x, "kind", "like"), 2);
    assert_eq!(count_where(x, "kind", "message"), 3);
    let m = &d.messages;
    let reply = at(m, "at", "2019-02-01T11:00:00.654Z");
    assert_eq!(s(m, "sender_id", reply).as_deref(), Some("alan.turing"));
    // "Let us play a game 🎲": 20 characters.
    assert_eq!(u32_at(m, "text_chars", reply), Some(20));
    assert_eq!(
        ms(&d.accounts, "created_at", 0),
        Some(t("2014-02-03T10:00:00Z"))
    );
}

#[test]
fn an_instagram_zip_is_told_from_a_facebook_one() {
    let dir = tempdir();
    let zip = dir
        .path()
        .join("instagram-ada.lovelace-2024-06-01-AbCdEf.zip");
    zip_dir(&fixture("instagram-2024"), &zip, &[]);
    let out = rapport()
        .args(["inspect", "--json"])
        .arg(&zip)
        .arg(fixture("facebook-2024"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let platforms: Vec<&str> = v["archives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["platform"].as_str().unwrap())
        .collect();
    assert_eq!(platforms, ["instagram", "facebook"]);
    // Instagram posts 4 + Facebook posts 4; messages 6 + 8.
    assert_eq!(v["dataset"]["posts"]["rows"], 8);
    assert_eq!(v["dataset"]["messages"]["rows"], 14);
}

#[test]
fn inspect_says_instagram_gives_no_counts() {
    let out = rapport()
        .arg("inspect")
        .arg(fixture("instagram-2024"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Instagram gives no counts for posts"),
        "{text}"
    );
    assert!(
        text.contains("posts with unknown engagement: 100.0% (4 of 4)"),
        "{text}"
    );
}

#[test]
fn the_html_export_is_refused_with_advice() {
    let dir = tempdir();
    let zip = dir.path().join("instagram-ada-2024.zip");
    zip_entries(
        &zip,
        &[
            ("start_here.html", b"<html></html>"),
            (
                "your_instagram_activity/content/posts_1.html",
                b"<html></html>",
            ),
            (
                "connections/followers_and_following/followers_1.html",
                b"<html></html>",
            ),
        ],
    );
    let out = rapport().arg("inspect").arg(&zip).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1);
    assert!(err.contains("Instagram's HTML export"), "{err}");
    assert!(err.contains("choose the JSON format"), "{err}");
}

#[test]
fn a_broken_thread_names_the_entry() {
    let dir = tempdir();
    let copy = dir.path().join("export");
    copy_dir(&fixture("instagram-2024"), &copy);
    std::fs::write(
        copy.join("your_instagram_activity/messages/inbox/zoequinn_930944588310288/message_1.json"),
        "{\"participants\": [",
    )
    .unwrap();
    let out = rapport().arg("inspect").arg(&copy).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1);
    assert!(
        err.contains("zoequinn_930944588310288/message_1.json"),
        "{err}"
    );
}

#[test]
fn a_download_in_two_parts_reads_as_one_export() {
    // Part one holds the profile, the posts and the older half of Zoë's thread; part two
    // the rest, without a profile.
    let dir = tempdir();
    let (one, two) = (dir.path().join("part1"), dir.path().join("part2"));
    let source = fixture("instagram-2024");
    for path in files_below(&source) {
        let relative = path.strip_prefix(&source).unwrap();
        let name = relative.to_string_lossy();
        let first = name.starts_with("personal_information")
            || name.contains("/content/")
            || name.ends_with("message_2.json");
        let target = if first { &one } else { &two }.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&path, &target).unwrap();
    }
    let parts = load_paths(&[one, two]);
    assert_eq!(parts.len(), 1);
    let whole = load_one(source);
    for ((name, a), (_, b)) in parts[0]
        .dataset
        .frames()
        .into_iter()
        .zip(whole.dataset.frames())
    {
        assert_eq!(a.height(), b.height(), "{name}");
    }
    assert_eq!(parts[0].account_id.as_deref(), Some("ada.lovelace"));
}

#[test]
fn exports_of_two_accounts_or_generations_stay_apart() {
    // Three generations are three exports; so are two accounts of one generation (a copy
    // of ada's export whose profile names another account).
    let apart = load_paths(&[
        fixture("instagram-2024"),
        fixture("instagram-2021"),
        fixture("instagram-2026"),
    ]);
    assert_eq!(apart.len(), 3);
    let dir = tempdir();
    let other = dir.path().join("other");
    copy_dir(&fixture("instagram-2024"), &other);
    let profile = other.join("personal_information/personal_information/personal_information.json");
    let text = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(&profile, text.replace("\"ada.lovelace\"", "\"ada.other\"")).unwrap();
    let two = load_paths(&[fixture("instagram-2024"), other]);
    assert_eq!(two.len(), 2);
    assert_eq!(two[1].account_id.as_deref(), Some("ada.other"));
}
