//! The Facebook importer on fixtures shaped like real exports: the grouped 2024 layout, the
//! flat 2018 layout, the separate end-to-end-encrypted chats, and the HTML export refused.
//! Expected values are worked out by hand from the fixture files.

use crate::support::*;
use rapport::model::schema;

const GRACE: &str = "Grace Hopper";

#[test]
fn the_2024_export_gives_the_hand_counted_rows() {
    let a = load_one(fixture("facebook-2024"));
    assert_eq!(a.detection.generation, "facebook-2024");
    assert_eq!(a.account_id.as_deref(), Some("Ada Lovelace"));
    let d = &a.dataset;
    // Grace: 3 + 2 messages in two parts, one unsent: 4; Renée 1; book club 2; Alan 1.
    assert_eq!(d.messages.height(), 8);
    assert_eq!(a.coverage.counts["unsent messages (left out)"], 1);
    // Two-person messages 4 + 1 + 1, the post on Grace's timeline, the comment on Grace's
    // post (the one on Ada's own post is none), 2 reactions: 10. The sent friend request
    // to Linus is still pending, its outcome unknowable: counted, no invitation.
    assert_eq!(d.interactions.height(), 10);
    assert_eq!(count_where(&d.interactions, "kind", "message"), 6);
    assert_eq!(count_where(&d.interactions, "kind", "comment"), 1);
    assert_eq!(count_where(&d.interactions, "kind", "reaction"), 2);
    assert_eq!(count_where(&d.interactions, "kind", "invitation"), 0);
    assert_eq!(
        a.coverage.counts["pending friend requests sent (their outcome is unknown: no invitations)"],
        1
    );
    assert_eq!(count_where(&d.interactions, "kind", "mention"), 1);
    assert_eq!(d.posts.height(), 4);
    // Friends Grace, Alan, Renée; followers Katherine and Grace (already a friend).
    assert_eq!(d.connections.height(), 4);
    assert_eq!(count_where(&d.connections, "relation", "friend"), 3);
    assert_eq!(count_where(&d.connections, "relation", "follower"), 1);
    for (name, spec) in schema::FRAMES {
        let frame = d.frames().into_iter().find(|(n, _)| *n == name).unwrap().1;
        assert_eq!(schema::check(frame, spec), Ok(()), "{name}");
    }
}

#[test]
fn mojibake_is_repaired_in_names_and_bodies() {
    let d = load_one(fixture("facebook-2024")).dataset;
    // "Ren\u00c3\u00a9e Roy" in the file is Renée Roy.
    let c = &d.connections;
    let renee = row(c, "counterpart_id", "Renée Roy");
    assert_eq!(
        ms(c, "connected_at", renee),
        Some(t("2023-12-31T00:00:00Z"))
    );
    let m = &d.messages;
    let from_renee = row(m, "sender_id", "Renée Roy");
    // "Merci ! 🎉": the emoji's four escaped bytes are one character: 8 + 1 = 9.
    assert_eq!(u32_at(m, "text_chars", from_renee), Some(9));
    // "Sounds great, see you there 😊": 28 + 1 = 29.
    let ada = (0..m.height())
        .find(|&i| ms(m, "at", i) == Some(t("2024-01-02T09:00:00Z")))
        .unwrap();
    assert_eq!(u32_at(m, "text_chars", ada), Some(29));
    assert_eq!(s(m, "sender_id", ada).as_deref(), Some("Ada Lovelace"));
    let x = &d.interactions;
    let liked = row(x, "counterpart_id", "Renée Roy");
    assert!(matches!(
        s(x, "kind", liked).as_deref(),
        Some("message" | "reaction")
    ));
    assert_eq!(count_where(x, "counterpart_id", "Renée Roy"), 2);
}

#[test]
fn thread_parts_merge_in_time_order_with_one_conversation() {
    let d = load_one(fixture("facebook-2024")).dataset;
    let m = &d.messages;
    let grace: Vec<usize> = (0..m.height())
        .filter(|&i| s(m, "conversation_id", i).as_deref() == Some("inbox/gracehopper_10158"))
        .collect();
    assert_eq!(grace.len(), 4);
    let times: Vec<i64> = grace.iter().map(|&i| ms(m, "at", i).unwrap()).collect();
    assert_eq!(
        times,
        [
            t("2023-12-30T09:00:00Z"),
            t("2023-12-30T10:00:00Z"),
            t("2024-01-01T09:00:00Z"),
            t("2024-01-02T09:00:00Z")
        ]
    );
    // A photo with no text: 0 characters and no hash.
    assert_eq!(u32_at(m, "text_chars", grace[1]), Some(0));
    assert_eq!(u(m, "body_hash", grace[1]), None);
    let club = row(m, "conversation_id", "inbox/bookclub_30001");
    assert_eq!(u32_at(m, "participants", club), Some(3));
    let x = &d.interactions;
    assert_eq!(count_where(x, "counterpart_id", GRACE), 4 + 1 + 1); // messages, mention, comment
}

#[test]
fn posts_read_media_links_and_timeline_posts() {
    let d = load_one(fixture("facebook-2024")).dataset;
    let p = &d.posts;
    let first = (0..p.height())
        .find(|&i| ms(p, "created_at", i) == Some(t("2024-01-01T10:00:00Z")))
        .unwrap();
    assert_eq!(list(p, "hashtags", first), vec!["newyear"]);
    // "New year, new habits: write to one friend a day #NewYear" is 56 characters.
    assert_eq!(u32_at(p, "text_chars", first), Some(56));
    assert_eq!(s(p, "media", first).as_deref(), Some("none"));
    let photo = (0..p.height())
        .find(|&i| ms(p, "created_at", i) == Some(t("2024-01-02T10:00:00Z")))
        .unwrap();
    assert_eq!(s(p, "media", photo).as_deref(), Some("photo"));
    assert_eq!(s(p, "text", photo).as_deref(), Some("Our café meetup"));
    let link = (0..p.height())
        .find(|&i| ms(p, "created_at", i) == Some(t("2024-01-03T10:00:00Z")))
        .unwrap();
    assert_eq!(s(p, "media", link).as_deref(), Some("link"));
    assert_eq!(list(p, "link_domains", link), vec!["example.org"]);
    assert_eq!(p.column("likes").unwrap().null_count(), 4);
    let x = &d.interactions;
    let mention = row(x, "kind", "mention");
    assert_eq!(s(x, "counterpart_id", mention).as_deref(), Some(GRACE));
    assert_eq!(ms(x, "at", mention), Some(t("2024-01-04T10:00:00Z")));
}

#[test]
fn the_flat_2018_layout_reads_unsuffixed_keys() {
    let a = load_one(fixture("facebook-2018"));
    assert_eq!(a.detection.generation, "facebook-2018");
    assert_eq!(a.account_id.as_deref(), Some("Søren Kierkegaard"));
    let d = &a.dataset;
    assert_eq!(d.messages.height(), 2);
    assert_eq!(d.posts.height(), 1);
    // `friends` (no _v2) with one friend; `comments` (no _v2) with one comment.
    assert_eq!(d.connections.height(), 1);
    assert_eq!(count_where(&d.interactions, "kind", "comment"), 1);
    // Two messages with Regina and the comment on her post.
    assert_eq!(
        count_where(&d.interactions, "counterpart_id", "Regina Olsen"),
        3
    );
}

#[test]
fn e2ee_chats_merge_with_the_export_threads_of_the_same_people() {
    let archives = load_paths(&[fixture("facebook-2024"), fixture("facebook-e2ee")]);
    assert_eq!(archives.len(), 1, "the chat export joins the DYI export");
    let a = &archives[0];
    let m = &a.dataset.messages;
    // 8 + Grace's new message; the other E2EE message is already in the export.
    assert_eq!(m.height(), 9);
    assert_eq!(
        a.coverage.counts["end-to-end-encrypted messages already in the export"],
        1
    );
    let new = (0..m.height())
        .find(|&i| ms(m, "at", i) == Some(t("2024-01-06T09:00:00Z")))
        .unwrap();
    assert_eq!(
        s(m, "conversation_id", new).as_deref(),
        Some("inbox/gracehopper_10158")
    );
}

#[test]
fn the_html_export_is_refused_with_advice() {
    let dir = tempdir();
    let zip = dir.path().join("facebook-ada-2024.zip");
    zip_entries(
        &zip,
        &[
            ("start_here.html", b"<html></html>"),
            (
                "your_facebook_activity/messages/inbox/grace_1/message_1.html",
                b"<html></html>",
            ),
        ],
    );
    let out = rapport().arg("inspect").arg(&zip).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1);
    assert!(err.contains("choose the JSON format"), "{err}");
}

#[test]
fn a_thread_file_that_is_not_json_names_the_entry() {
    let dir = tempdir();
    let copy = dir.path().join("export");
    copy_dir(&fixture("facebook-2024"), &copy);
    std::fs::write(
        copy.join("your_facebook_activity/messages/inbox/reneeroy_20001/message_1.json"),
        "{\n  \"participants\": [\n    {\"name\" \"x\"}\n  ]\n}",
    )
    .unwrap();
    let out = rapport().arg("inspect").arg(&copy).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("reneeroy_20001/message_1.json: invalid JSON at line 3, column 13"),
        "{err}"
    );
}

#[test]
fn three_platforms_merge_into_one_dataset() {
    let out = rapport()
        .args(["inspect", "--json"])
        .arg(fixture("twitter-2023"))
        .arg(fixture("linkedin-2024"))
        .arg(fixture("facebook-2024"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let platforms: Vec<&str> = v["archives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["platform"].as_str().unwrap())
        .collect();
    assert_eq!(platforms, ["twitter", "linkedin", "facebook"]);
    // Posts 9 + 4 + 4; interactions 13 + 10 + 10; messages 7 + 4 + 8.
    assert_eq!(v["dataset"]["posts"]["rows"], 17);
    assert_eq!(v["dataset"]["interactions"]["rows"], 33);
    assert_eq!(v["dataset"]["messages"]["rows"], 19);
    assert_eq!(v["dataset"]["accounts"]["rows"], 3);
}

#[test]
fn a_thread_file_in_two_parts_of_one_download_is_read_once() {
    // The second part of the download holds, inside its own top folder, a copy of one part
    // of Grace's thread that the first part has too.
    let dir = tempdir();
    let second = dir.path().join("part2");
    let thread = "your_facebook_activity/messages/inbox/gracehopper_10158/message_2.json";
    let copy = second.join("facebook-adalovelace-2024-01-06").join(thread);
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::copy(fixture("facebook-2024").join(thread), &copy).unwrap();
    let alone = load_one(fixture("facebook-2024"));
    let both = load_paths(&[fixture("facebook-2024"), second]);
    assert_eq!(both.len(), 1);
    // 8 messages as in the first part alone, not 10.
    assert_eq!(alone.dataset.messages.height(), 8);
    assert_eq!(both[0].dataset.messages.height(), 8);
    assert_eq!(
        both[0].dataset.interactions.height(),
        alone.dataset.interactions.height()
    );
}

#[test]
fn comments_are_found_by_their_key_and_titles_in_any_language_name_known_people() {
    // A 2022-style export keeps its comments in comments_and_reactions.json under the key
    // comments_v2; the titles are Danish, German and French.
    let dir = tempdir();
    let archive = dir.path().join("fb");
    copy_dir(&fixture("facebook-2024"), &archive);
    let comments = r#"{"comments_v2": [
      {"timestamp": 1704300000, "title": "Ada Lovelace har kommenteret Grace Hoppers opslag.",
       "data": [{"comment": {"timestamp": 1704300000, "comment": "Fint", "author": "Ada Lovelace"}}]},
      {"timestamp": 1704300100, "title": "Ada Lovelace hat den Beitrag von Alan Turing kommentiert.",
       "data": [{"comment": {"timestamp": 1704300100, "comment": "Gut", "author": "Ada Lovelace"}}]},
      {"timestamp": 1704300200, "title": "Ada Lovelace har kommenteret Bo Nielsens billede.",
       "data": [{"comment": {"timestamp": 1704300200, "comment": "Flot", "author": "Ada Lovelace"}}]},
      {"timestamp": 1704300300, "title": "Ada Lovelace har kommenteret et opslag.",
       "data": [{"comment": {"timestamp": 1704300300, "comment": "Ja", "author": "Ada Lovelace"}}]},
      {"timestamp": 1704300400, "title": "Ada Lovelace a commenté la publication de Jean Dupont.",
       "data": [{"comment": {"timestamp": 1704300400, "comment": "Oui", "author": "Ada Lovelace"}}]}
    ]}"#;
    let file =
        archive.join("your_facebook_activity/comments_and_reactions/comments_and_reactions.json");
    std::fs::write(&file, comments).unwrap();
    let a = load_one(archive);
    let read = a
        .coverage
        .files
        .iter()
        .find(|f| f.entry.ends_with("comments_and_reactions.json"))
        .unwrap();
    assert!(matches!(
        &read.status,
        rapport::import::coverage::FileStatus::Read { rows: 5, .. }
    ));
    let x = &a.dataset.interactions;
    let at = |seconds: i64| {
        (0..x.height())
            .find(|&i| {
                ms(x, "at", i) == Some(seconds * 1000)
                    && s(x, "kind", i).as_deref() == Some("comment")
            })
            .unwrap()
    };
    // A friend, by name, in Danish (the possessive s glued on) and in German.
    assert_eq!(
        s(x, "counterpart_id", at(1704300000)).as_deref(),
        Some(GRACE)
    );
    assert_eq!(
        s(x, "counterpart_id", at(1704300100)).as_deref(),
        Some("Alan Turing")
    );
    // Someone the export does not know, by the Danish pattern.
    assert_eq!(
        s(x, "counterpart_id", at(1704300200)).as_deref(),
        Some("Bo Nielsen")
    );
    // "et opslag" names nobody; French has no pattern and names no one known.
    assert_eq!(s(x, "counterpart_id", at(1704300300)), None);
    assert_eq!(s(x, "counterpart_id", at(1704300400)), None);
    assert_eq!(
        a.coverage.counts["comments and reactions whose title names no person rapport knows (no counterpart)"],
        2
    );
}

#[test]
fn a_thread_split_across_two_parts_is_one_conversation_read_once() {
    // Part 1 has the newer half of Grace's thread (message_1.json), part 2 the older half
    // (message_2.json) inside its own top folder.
    let dir = tempdir();
    let (first, second) = (dir.path().join("part1"), dir.path().join("part2"));
    copy_dir(&fixture("facebook-2024"), &first);
    let thread = "your_facebook_activity/messages/inbox/gracehopper_10158/message_2.json";
    let moved = second.join("facebook-adalovelace-2024-01-06").join(thread);
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(first.join(thread), &moved).unwrap();
    let both = load_paths(&[first, second]);
    assert_eq!(both.len(), 1);
    let m = &both[0].dataset.messages;
    // The 8 messages of the download, Grace's 4 in one conversation.
    assert_eq!(m.height(), 8);
    let grace: Vec<usize> = (0..m.height())
        .filter(|&i| s(m, "conversation_id", i).is_some_and(|c| c.contains("gracehopper")))
        .collect();
    assert_eq!(grace.len(), 4);
    let ids: std::collections::BTreeSet<String> = grace
        .iter()
        .filter_map(|&i| s(m, "conversation_id", i))
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
}
