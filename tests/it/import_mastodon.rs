//! The Mastodon importer on archives shaped like real ones: the zip era (2023 on, counts of
//! recent servers, the CSV exports beside it) and the `.tar.gz` era (signed activities,
//! `@context` on each, no counts, a headerless CSV). Expected values are worked out by hand
//! from the fixture files (see fixtures/README.md).

use std::path::{Path, PathBuf};

use crate::support::*;
use rapport::model::schema;

const ARCHIVE_2024: &str = "archive-20241005120000-0123456789abcdef0123456789abcdef";
const STATUSES: &str = "https://ex.social/users/alice/statuses";

/// The 2022 fixture as the `.tar.gz` a server made then, its CSV export beside it.
fn tarball_2022(dir: &Path) -> (PathBuf, PathBuf) {
    let source = fixture("mastodon-2022");
    let tarball = dir.join("archive-20220610120000-0123456789abcdef0123456789abcdef.tar.gz");
    let file = std::fs::File::create(&tarball).unwrap();
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    let mut builder = tar::Builder::new(gz);
    for path in files_below(&source) {
        let name = path.strip_prefix(&source).unwrap();
        if name == Path::new("following_accounts.csv") {
            continue;
        }
        builder.append_path_with_name(&path, name).unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap();
    let csv = dir.join("following_accounts.csv");
    std::fs::copy(source.join("following_accounts.csv"), &csv).unwrap();
    (tarball, csv)
}

fn post(frame: &polars::prelude::DataFrame, id: &str) -> usize {
    row(frame, "post_id", &format!("{STATUSES}/{id}"))
}

#[test]
fn the_2024_archive_gives_the_hand_counted_rows() {
    let a = load_one(fixture("mastodon-2024"));
    assert_eq!(a.detection.generation, "mastodon-2023");
    assert_eq!(a.account_id.as_deref(), Some("alice@ex.social"));
    let d = &a.dataset;
    // 10 activities: 3 public, 1 unlisted, 1 followers-only, 2 boosts are posts; 3 direct
    // notes are messages.
    assert_eq!(d.posts.height(), 7);
    assert_eq!(d.messages.height(), 3);
    assert_eq!(a.coverage.counts["public posts"], 3);
    assert_eq!(a.coverage.counts["unlisted posts"], 1);
    assert_eq!(a.coverage.counts["followers-only posts"], 1);
    // The reply to Bob, the mention of Carol, 2 direct messages to Bob, 2 boosts (one of a
    // Misskey note whose author is unknown), 3 likes: 9.
    assert_eq!(d.interactions.height(), 9);
    assert_eq!(count_where(&d.interactions, "kind", "reply"), 1);
    assert_eq!(count_where(&d.interactions, "kind", "mention"), 1);
    assert_eq!(count_where(&d.interactions, "kind", "message"), 2);
    assert_eq!(count_where(&d.interactions, "kind", "repost"), 2);
    assert_eq!(count_where(&d.interactions, "kind", "like"), 3);
    // Following bob, carol, dave; followers bob, erin.
    assert_eq!(d.connections.height(), 4);
    for (name, spec) in schema::FRAMES {
        let frame = d.frames().into_iter().find(|(n, _)| *n == name).unwrap().1;
        assert_eq!(schema::check(frame, spec), Ok(()), "{name}");
    }
}

#[test]
fn html_content_is_read_as_text_with_tags_links_and_counts() {
    let p = load_one(fixture("mastodon-2024")).dataset.posts;
    let hello = post(&p, "1100");
    // `&amp;` decoded, the hidden `https://www.` of the shortened link kept: 70 characters.
    assert_eq!(
        s(&p, "text", hello).as_deref(),
        Some("Hello fediverse! Learning #Rust & more https://www.rust-lang.org/learn")
    );
    assert_eq!(u32_at(&p, "text_chars", hello), Some(70));
    assert_eq!(list(&p, "hashtags", hello), ["rust"]);
    // The hashtag's link is no link; the web page's is.
    assert_eq!(list(&p, "link_domains", hello), ["rust-lang.org"]);
    assert_eq!(s(&p, "media", hello).as_deref(), Some("photo"));
    assert_eq!(u(&p, "likes", hello), Some(5));
    assert_eq!(u(&p, "reposts", hello), Some(2));
    assert_eq!(u(&p, "replies", hello), None);
    assert_eq!(s(&p, "lang", hello).as_deref(), Some("en"));
    let reply = post(&p, "1101");
    assert_eq!(s(&p, "kind", reply).as_deref(), Some("reply"));
    assert_eq!(
        s(&p, "reply_to", reply).as_deref(),
        Some("bob@other.example")
    );
    assert_eq!(
        s(&p, "text", reply).as_deref(),
        Some("@bob I agree, \"borrowing\" is the hard part")
    );
    assert_eq!(list(&p, "mentions", reply), ["bob@other.example"]);
    // A reply to the owner's own post is a thread; unlisted is a post.
    let thread = post(&p, "1102");
    assert_eq!(s(&p, "kind", thread).as_deref(), Some("thread"));
    assert_eq!(s(&p, "reply_to", thread), None);
    // Followers-only is a post too; `&lt;small&gt;` is text.
    let private = post(&p, "1103");
    assert_eq!(
        s(&p, "text", private).as_deref(),
        Some("Friends only: a <small> update")
    );
    assert_eq!(s(&p, "media", private).as_deref(), Some("video"));
    let poll = post(&p, "1110");
    assert_eq!(s(&p, "media", poll).as_deref(), Some("poll"));
    // Boosts are reposts with no text and no counts.
    let boost = post(&p, "1108/activity");
    assert_eq!(s(&p, "kind", boost).as_deref(), Some("repost"));
    assert_eq!(u32_at(&p, "text_chars", boost), Some(0));
    assert_eq!(u(&p, "likes", boost), None);
    // In time order, whatever the outbox's order.
    let times: Vec<i64> = (0..p.height())
        .map(|i| ms(&p, "created_at", i).unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn replies_mentions_boosts_and_likes_name_account_addresses() {
    let x = load_one(fixture("mastodon-2024")).dataset.interactions;
    // The reply to Bob is one reply, not also a mention of him.
    let reply = row(&x, "kind", "reply");
    assert_eq!(
        s(&x, "counterpart_id", reply).as_deref(),
        Some("bob@other.example")
    );
    assert_eq!(
        s(&x, "post_id", reply).as_deref(),
        Some(format!("{STATUSES}/1101").as_str())
    );
    let mention = row(&x, "kind", "mention");
    assert_eq!(
        s(&x, "counterpart_id", mention).as_deref(),
        Some("carol@mastodon.example")
    );
    // The boost of a Mastodon status names its author; Misskey's URI does not.
    let boost = (0..x.height())
        .find(|&i| ms(&x, "at", i) == Some(t("2024-03-10T08:00:00Z")))
        .unwrap();
    assert_eq!(s(&x, "kind", boost).as_deref(), Some("repost"));
    assert_eq!(
        s(&x, "counterpart_id", boost).as_deref(),
        Some("bob@other.example")
    );
    let unknown = (0..x.height())
        .find(|&i| ms(&x, "at", i) == Some(t("2024-03-11T08:00:00Z")))
        .unwrap();
    assert_eq!(s(&x, "counterpart_id", unknown), None);
    // Likes have no time; their authors are known from Mastodon's URI shapes only.
    let likes: Vec<usize> = (0..x.height())
        .filter(|&i| s(&x, "kind", i).as_deref() == Some("like"))
        .collect();
    assert!(likes.iter().all(|&i| ms(&x, "at", i).is_none()));
    let authors: Vec<Option<String>> = likes.iter().map(|&i| s(&x, "counterpart_id", i)).collect();
    assert_eq!(
        authors,
        [
            Some("bob@other.example".to_string()),
            Some("carol@mastodon.example".to_string()),
            None
        ]
    );
}

#[test]
fn direct_notes_are_messages_one_conversation_per_set_of_recipients() {
    let d = load_one(fixture("mastodon-2024")).dataset;
    let m = &d.messages;
    let to_bob = row(m, "message_id", &format!("{STATUSES}/1104"));
    let again = row(m, "message_id", &format!("{STATUSES}/1105"));
    let group = row(m, "message_id", &format!("{STATUSES}/1106"));
    assert_eq!(
        s(m, "conversation_id", to_bob),
        s(m, "conversation_id", again)
    );
    assert_ne!(
        s(m, "conversation_id", to_bob),
        s(m, "conversation_id", group)
    );
    assert_eq!(u32_at(m, "participants", to_bob), Some(2));
    assert_eq!(u32_at(m, "participants", group), Some(3));
    assert_eq!(
        s(m, "sender_id", to_bob).as_deref(),
        Some("alice@ex.social")
    );
    // "@bob can we talk privately?": 27 characters.
    assert_eq!(u32_at(m, "text_chars", to_bob), Some(27));
    let owners = m.column("from_owner").unwrap().bool().unwrap().sum();
    assert_eq!(owners, Some(3));
    // Two-person messages are outbound interactions with Bob; the group's are not.
    let x = &d.interactions;
    let messages: Vec<usize> = (0..x.height())
        .filter(|&i| s(x, "kind", i).as_deref() == Some("message"))
        .collect();
    assert_eq!(messages.len(), 2);
    for i in messages {
        assert_eq!(
            s(x, "counterpart_id", i).as_deref(),
            Some("bob@other.example")
        );
        assert_eq!(s(x, "direction", i).as_deref(), Some("outbound"));
    }
}

#[test]
fn the_csv_exports_are_the_network_and_the_actor_the_account() {
    let a = load_one(fixture("mastodon-2024"));
    let c = &a.dataset.connections;
    let bob = row(c, "counterpart_id", "bob@other.example");
    assert_eq!(s(c, "relation", bob).as_deref(), Some("mutual"));
    assert_eq!(ms(c, "connected_at", bob), None);
    let erin = row(c, "counterpart_id", "erin@ex.social");
    assert_eq!(s(c, "relation", erin).as_deref(), Some("follower"));
    let acc = &a.dataset.accounts;
    assert_eq!(s(acc, "account_id", 0).as_deref(), Some("alice@ex.social"));
    assert_eq!(s(acc, "display_name", 0).as_deref(), Some("Alice Example"));
    assert_eq!(ms(acc, "created_at", 0), Some(t("2022-11-05T00:00:00Z")));
    assert_eq!(u(acc, "followers", 0), Some(2));
    assert_eq!(u(acc, "following", 0), Some(3));
}

#[test]
fn the_zip_era_archive_with_its_csv_beside_reads_as_the_folder() {
    let dir = tempdir();
    let zip = dir.path().join(format!("{ARCHIVE_2024}.zip"));
    zip_dir(&fixture("mastodon-2024").join(ARCHIVE_2024), &zip, &[]);
    let following = fixture("mastodon-2024").join("following_accounts.csv");
    let followers = fixture("mastodon-2024").join("follower_accounts.csv");
    let joined = load_paths(&[zip, following, followers]);
    assert_eq!(joined.len(), 1);
    let folder = load_one(fixture("mastodon-2024"));
    for ((name, a), (_, b)) in joined[0]
        .dataset
        .frames()
        .into_iter()
        .zip(folder.dataset.frames())
    {
        if name == "accounts" {
            continue;
        }
        assert!(a.equals_missing(b), "{name} differs:\n{a}\n{b}");
    }
}

#[test]
fn the_tar_gz_era_archive_reads_with_no_counts() {
    let dir = tempdir();
    let (tarball, csv) = tarball_2022(dir.path());
    let joined = load_paths(&[tarball, csv]);
    assert_eq!(joined.len(), 1);
    let a = &joined[0];
    assert_eq!(a.detection.generation, "mastodon-2018");
    assert_eq!(a.account_id.as_deref(), Some("carol@mastodon.example"));
    let d = &a.dataset;
    // The public post, the followers-only post and its self-boost.
    let p = &d.posts;
    assert_eq!(p.height(), 3);
    let first = row(
        p,
        "post_id",
        "https://mastodon.example/users/carol/statuses/900",
    );
    // Paragraphs become a blank line, <br> a line end: 53 characters.
    assert_eq!(
        s(p, "text", first).as_deref(),
        Some("First toot! #Introductions\n\nSecond paragraph\nline two")
    );
    assert_eq!(u32_at(p, "text_chars", first), Some(53));
    assert_eq!(list(p, "hashtags", first), ["introductions"]);
    // No counts before Mastodon 4.4.
    assert_eq!(p.column("likes").unwrap().null_count(), 3);
    // The direct note without `cc` (older servers) is a message to Alice; the self-boost
    // is no interaction; two likes, one of a Pleroma object of unknown author.
    let x = &d.interactions;
    assert_eq!(x.height(), 3);
    let message = row(x, "kind", "message");
    assert_eq!(
        s(x, "counterpart_id", message).as_deref(),
        Some("alice@ex.social")
    );
    assert_eq!(count_where(x, "kind", "repost"), 0);
    // A headerless following_accounts.csv.
    assert_eq!(d.connections.height(), 2);
    assert_eq!(count_where(&d.connections, "relation", "following"), 2);
    // The actor's empty name falls back to the username.
    assert_eq!(s(&d.accounts, "display_name", 0).as_deref(), Some("carol"));
    assert_eq!(u(&d.accounts, "followers", 0), None);
    assert!(
        a.coverage
            .notes
            .iter()
            .any(|n| n.contains("no counts of likes and boosts")),
        "{:?}",
        a.coverage.notes
    );
}

#[test]
fn a_csv_export_alone_asks_for_its_archive() {
    let out = rapport()
        .arg("inspect")
        .arg(fixture("mastodon-2024").join("following_accounts.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1);
    assert!(
        err.contains("a Mastodon CSV export of accounts needs its archive"),
        "{err}"
    );
}

#[test]
fn a_truncated_tar_gz_is_one_error_naming_the_archive() {
    let dir = tempdir();
    let (tarball, _) = tarball_2022(dir.path());
    let bytes = std::fs::read(&tarball).unwrap();
    let cut = dir.path().join("cut.tar.gz");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let out = rapport().arg("inspect").arg(&cut).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cut.tar.gz"), "{err}");
}

#[test]
fn a_tar_gz_is_read_under_the_archive_limits() {
    let dir = tempdir();
    let (tarball, _) = tarball_2022(dir.path());
    let out = rapport()
        .args(["inspect", "--max-total-size", "1000"])
        .arg(&tarball)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--max-total-size"), "{err}");
}

#[test]
fn a_tar_gz_entry_outside_the_archive_refuses_it() {
    let dir = tempdir();
    let tarball = dir.path().join("evil.tar.gz");
    let file = std::fs::File::create(&tarball).unwrap();
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    let mut builder = tar::Builder::new(gz);
    let body = b"{}";
    let mut header = tar::Header::new_gnu();
    header.set_size(body.len() as u64);
    header.set_mode(0o644);
    // `append_data` refuses `..`: the name is written into the header by hand.
    header.as_gnu_mut().unwrap().name[..14].copy_from_slice(b"../outbox.json");
    header.set_cksum();
    builder.append(&header, &body[..]).unwrap();
    builder.into_inner().unwrap().finish().unwrap();
    let out = rapport().arg("inspect").arg(&tarball).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("evil.tar.gz") && err.contains("outbox.json"),
        "{err}"
    );
}

#[test]
fn instagram_and_mastodon_import_to_their_own_partitions() {
    let dir = tempdir();
    let out = dir.path().join("dataset");
    rapport()
        .arg("import")
        .arg(fixture("instagram-2024"))
        .arg(fixture("mastodon-2024"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    for (platform, account) in [
        ("instagram", "ada.lovelace"),
        // `@` is no character of a partition's name.
        ("mastodon", "alice_ex.social"),
    ] {
        let file = out
            .join("posts")
            .join(format!("platform={platform}"))
            .join(format!("account={account}"))
            .join("part-0.parquet");
        assert!(file.is_file(), "{} missing", file.display());
    }
    let back = rapport::model::parquet::read(&out).expect("reads back");
    assert_eq!(back.posts.height(), 4 + 7);
    assert_eq!(back.messages.height(), 6 + 3);
}

#[test]
fn an_outbox_that_gives_its_list_twice_is_read_as_json_reads_it_and_warned_about() {
    // One real outbox.json holds `orderedItems` twice: an empty list, then the activities.
    let dir = tempdir();
    let archive = dir.path().join("mastodon");
    copy_dir(&fixture("mastodon-2022"), &archive);
    let outbox = archive.join("outbox.json");
    let text = std::fs::read_to_string(&outbox).unwrap();
    let doubled = text.replacen(
        "\"orderedItems\": [",
        "\"orderedItems\": [],\n  \"orderedItems\": [",
        1,
    );
    assert_ne!(doubled, text);
    std::fs::write(&outbox, doubled).unwrap();
    let a = load_one(archive.clone());
    // The same three posts as the fixture (the last list, as serde_json keeps it).
    assert_eq!(a.dataset.posts.height(), 3);
    let problems = &a.coverage.problems["outbox.json"];
    assert_eq!(
        problems
            .reasons
            .get("orderedItems lists given more than once"),
        Some(&1)
    );
    let warnings = a.coverage.warning_lines().join("\n");
    assert!(
        warnings.contains("orderedItems given 2 times: the last one read"),
        "{warnings}"
    );
}

#[test]
fn a_collection_far_shorter_than_its_total_items_is_warned_about() {
    let dir = tempdir();
    let archive = dir.path().join("mastodon");
    copy_dir(&fixture("mastodon-2022"), &archive);
    let outbox = archive.join("outbox.json");
    let text = std::fs::read_to_string(&outbox).unwrap();
    std::fs::write(
        &outbox,
        text.replacen("\"totalItems\": 4", "\"totalItems\": 1557", 1),
    )
    .unwrap();
    let a = load_one(archive);
    let warnings = a.coverage.warning_lines().join("\n");
    assert!(
        warnings.contains("totalItems says 1557, the orderedItems list holds 4"),
        "{warnings}"
    );
    // The fixture as it is: its totals match, no warning.
    let plain = load_one(fixture("mastodon-2022"));
    assert!(
        !plain
            .coverage
            .warning_lines()
            .join("\n")
            .contains("totalItems"),
        "{:?}",
        plain.coverage.warning_lines()
    );
}
