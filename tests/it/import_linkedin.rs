//! The LinkedIn importer on fixtures shaped like real exports (2024 Complete export and a
//! 2018 one). Expected values are worked out by hand from the fixture files.

use crate::support::*;
use rapport::model::schema;

const ADA: &str = "https://www.linkedin.com/in/ada-example";
const GRACE: &str = "https://www.linkedin.com/in/grace-hopper";

#[test]
fn the_2024_export_gives_the_hand_counted_rows() {
    let a = load_one(fixture("linkedin-2024"));
    // The messages.csv header of 2021 on, with the ATTACHMENTS column of 2024 exports.
    assert_eq!(a.detection.generation, "linkedin-2024");
    assert_eq!(a.account_id.as_deref(), Some(ADA));
    let d = &a.dataset;
    // Shares.csv: 4 rows.
    assert_eq!(d.posts.height(), 4);
    // 6 rows: one blank but for its date (hidden member), Grace listed twice: 4 people.
    assert_eq!(d.connections.height(), 4);
    assert_eq!(
        a.coverage.counts["hidden members (rows blank but for the date), not connections"],
        1
    );
    // 5 messages, one with "not a date": 4.
    assert_eq!(d.messages.height(), 4);
    assert_eq!(a.coverage.problems["messages.csv"].skipped, 1);
    // 3 invitations + 2 comments + 2 reactions + 3 two-person messages.
    assert_eq!(d.interactions.height(), 10);
    assert_eq!(count_where(&d.interactions, "kind", "invitation"), 3);
    assert_eq!(count_where(&d.interactions, "kind", "comment"), 2);
    assert_eq!(count_where(&d.interactions, "kind", "reaction"), 2);
    assert_eq!(count_where(&d.interactions, "kind", "message"), 3);
    assert_eq!(
        a.coverage.counts["invitations sent with a personal note"],
        1
    );
    assert_eq!(a.coverage.counts["invitations sent without a note"], 1);
    for (name, spec) in schema::FRAMES {
        let frame = d.frames().into_iter().find(|(n, _)| *n == name).unwrap().1;
        assert_eq!(schema::check(frame, spec), Ok(()), "{name}");
    }
}

#[test]
fn connections_read_by_name_after_the_preamble() {
    let d = load_one(fixture("linkedin-2024")).dataset;
    let c = &d.connections;
    let grace = row(c, "counterpart_id", GRACE);
    assert_eq!(s(c, "name", grace).as_deref(), Some("Grace Hopper"));
    assert_eq!(s(c, "handle", grace).as_deref(), Some("grace-hopper"));
    assert_eq!(s(c, "company", grace).as_deref(), Some("Navy, Inc."));
    assert_eq!(s(c, "position", grace).as_deref(), Some("Rear Admiral"));
    assert_eq!(s(c, "relation", grace).as_deref(), Some("connection"));
    // Listed on 03 May 2024 and (with a trailing slash) on 01 Apr 2024: the earliest.
    assert_eq!(
        ms(c, "connected_at", grace),
        Some(t("2024-04-01T00:00:00Z"))
    );
    let alan = row(
        c,
        "counterpart_id",
        "https://www.linkedin.com/in/alan-turing",
    );
    assert_eq!(s(c, "position", alan).as_deref(), Some("Cryptanalyst"));
    assert_eq!(ms(c, "connected_at", alan), Some(t("2024-05-30T00:00:00Z")));
    // "RenÃ©e" in the file is repaired to "Renée".
    let renee = row(
        c,
        "counterpart_id",
        "https://www.linkedin.com/in/ren%c3%a9e-roy",
    );
    assert_eq!(s(c, "name", renee).as_deref(), Some("Renée Roy"));
    // Doubled quotes inside a quoted field.
    let james = row(
        c,
        "counterpart_id",
        "https://www.linkedin.com/in/james-tyler-smith",
    );
    assert_eq!(
        s(c, "name", james).as_deref(),
        Some("James \"Tyler\" Smith")
    );
    assert_eq!(s(c, "company", james), None);
}

#[test]
fn messages_have_conversations_directions_and_no_bodies() {
    let d = load_one(fixture("linkedin-2024")).dataset;
    let m = &d.messages;
    let owner = m.column("from_owner").unwrap().bool().unwrap();
    // Ada sent the 05-06 reply and the 06-01 welcome.
    assert_eq!(owner.sum(), Some(2));
    let first = (0..m.height())
        .find(|&i| ms(m, "at", i) == Some(t("2024-05-04T09:00:00Z")))
        .unwrap();
    assert_eq!(
        s(m, "conversation_id", first).as_deref(),
        Some("2-QUFBYWJj==")
    );
    assert_eq!(s(m, "sender_id", first).as_deref(), Some(GRACE));
    assert_eq!(u32_at(m, "participants", first), Some(2));
    // "Thanks for connecting!" (22) + CRLF (2) + "Coffee soon?" (12) = 36.
    assert_eq!(u32_at(m, "text_chars", first), Some(36));
    let reply = (0..m.height())
        .find(|&i| ms(m, "at", i) == Some(t("2024-05-06T10:30:00Z")))
        .unwrap();
    // "I&rsquo;d love that" is "I’d love that": 13 characters.
    assert_eq!(u32_at(m, "text_chars", reply), Some(13));
    // The team conversation has Alan, Ada and Grace.
    let team = (0..m.height())
        .find(|&i| s(m, "conversation_id", i).as_deref() == Some("2-Q0NDY2Nj=="))
        .unwrap();
    assert_eq!(u32_at(m, "participants", team), Some(3));
    let x = &d.interactions;
    let inbound = (0..x.height())
        .find(|&i| {
            s(x, "kind", i).as_deref() == Some("message")
                && s(x, "direction", i).as_deref() == Some("inbound")
        })
        .unwrap();
    assert_eq!(s(x, "counterpart_id", inbound).as_deref(), Some(GRACE));
    assert_eq!(
        s(x, "counterpart_name", inbound).as_deref(),
        Some("Grace Hopper")
    );
    assert_eq!(
        count_where(x, "counterpart_id", ADA),
        0,
        "the owner is no counterpart"
    );
}

#[test]
fn shares_are_posts_with_unknown_counts() {
    let d = load_one(fixture("linkedin-2024")).dataset;
    let p = &d.posts;
    let i = row(p, "post_id", "urn:li:share:7190000000000000001");
    assert_eq!(ms(p, "created_at", i), Some(t("2024-05-10T08:30:00Z")));
    assert_eq!(s(p, "kind", i).as_deref(), Some("original"));
    // Four lines of 40, 27, 17 and 18 characters joined by CRLF: 102 + 3 * 2 = 108.
    assert_eq!(u32_at(p, "text_chars", i), Some(108));
    assert_eq!(list(p, "hashtags", i), vec!["community", "events"]);
    assert_eq!(s(p, "media", i).as_deref(), Some("none"));
    for count in [
        "likes",
        "reposts",
        "replies",
        "quotes",
        "impressions",
        "engagements",
    ] {
        assert_eq!(p.column(count).unwrap().null_count(), 4, "{count}");
    }
    let link = row(p, "post_id", "urn:li:ugcPost:7200000000000000002");
    assert_eq!(s(p, "media", link).as_deref(), Some("link"));
    assert_eq!(list(p, "link_domains", link), vec!["example.com"]);
    // `Our new guide is out: "Relationships that last"` is 47 characters.
    assert_eq!(u32_at(p, "text_chars", link), Some(47));
    // No commentary, a LinkedIn post shared: a repost.
    let repost = row(p, "post_id", "urn:li:share:7210000000000000003");
    assert_eq!(s(p, "kind", repost).as_deref(), Some("repost"));
    assert_eq!(s(p, "media", repost).as_deref(), Some("none"));
    let document = row(p, "post_id", "urn:li:share:7220000000000000004");
    assert_eq!(s(p, "media", document).as_deref(), Some("document"));
    assert_eq!(u32_at(p, "text_chars", document), Some(17));
}

#[test]
fn comments_reactions_and_invitations_read_field_by_field() {
    let d = load_one(fixture("linkedin-2024")).dataset;
    let x = &d.interactions;
    let comment = row(x, "post_id", "urn:li:activity:7190000000000000099");
    assert_eq!(s(x, "kind", comment).as_deref(), Some("comment"));
    assert_eq!(ms(x, "at", comment), Some(t("2024-05-11T10:00:00Z")));
    assert_eq!(s(x, "counterpart_id", comment), None);
    // A comment with a blank date keeps a null time.
    let undated = row(x, "post_id", "urn:li:activity:7190000000000000098");
    assert_eq!(ms(x, "at", undated), None);
    let reaction = row(x, "post_id", "urn:li:activity:7190000000000000096");
    assert_eq!(s(x, "kind", reaction).as_deref(), Some("reaction"));
    let sent = row(
        x,
        "counterpart_id",
        "https://www.linkedin.com/in/katherine-johnson",
    );
    assert_eq!(s(x, "kind", sent).as_deref(), Some("invitation"));
    assert_eq!(s(x, "direction", sent).as_deref(), Some("outbound"));
    assert_eq!(ms(x, "at", sent), Some(t("2024-06-10T16:15:00Z")));
    let a = &d.accounts;
    assert_eq!(s(a, "account_id", 0).as_deref(), Some(ADA));
    assert_eq!(s(a, "handle", 0).as_deref(), Some("ada-example"));
    assert_eq!(s(a, "display_name", 0).as_deref(), Some("Ada Example"));
    assert_eq!(u(a, "followers", 0), None);
}

#[test]
fn the_2018_export_reads_names_and_old_dates() {
    let a = load_one(fixture("linkedin-2018"));
    assert_eq!(a.detection.generation, "linkedin-2018");
    let d = &a.dataset;
    let c = &d.connections;
    assert_eq!(c.height(), 2);
    // No URL column in 2018: people are named by their names.
    let grace = row(c, "counterpart_id", "Grace Hopper");
    assert_eq!(
        ms(c, "connected_at", grace),
        Some(t("2018-01-08T18:14:00Z"))
    );
    let m = &d.messages;
    assert_eq!(m.height(), 2);
    assert_eq!(u32_at(m, "participants", 0), Some(2));
    // OUTGOING says who the owner is.
    let owner = m.column("from_owner").unwrap().bool().unwrap();
    assert_eq!(owner.sum(), Some(1));
    let x = &d.interactions;
    // Two messages with Grace and an invitation to Alan.
    assert_eq!(x.height(), 3);
    assert_eq!(count_where(x, "counterpart_id", "Grace Hopper"), 2);
    assert_eq!(count_where(x, "counterpart_id", "Alan Turing"), 1);
    assert_eq!(
        s(&d.accounts, "account_id", 0).as_deref(),
        Some("Ada Example")
    );
    assert!(
        a.coverage
            .warnings
            .iter()
            .any(|w| w.starts_with("no Shares.csv"))
    );
}

#[test]
fn a_zipped_export_with_files_in_a_folder_reads_alike() {
    let dir = tempdir();
    let staged = dir
        .path()
        .join("stage/Complete_LinkedInDataExport_07-02-2024");
    copy_dir(&fixture("linkedin-2024"), &staged);
    let zip = dir
        .path()
        .join("Complete_LinkedInDataExport_07-02-2024.zip");
    zip_dir(&dir.path().join("stage"), &zip, &[]);
    let zipped = load_one(zip).dataset;
    let folder = load_one(fixture("linkedin-2024")).dataset;
    assert!(zipped.posts.equals_missing(&folder.posts));
    assert!(zipped.connections.equals_missing(&folder.connections));
    assert!(zipped.messages.equals_missing(&folder.messages));
}

#[test]
fn the_basic_and_complete_zips_given_together_are_one_archive() {
    let dir = tempdir();
    let basic = dir.path().join("Basic_LinkedInDataExport_07-01-2024.zip");
    let complete = dir
        .path()
        .join("Complete_LinkedInDataExport_07-02-2024.zip");
    zip_dir(
        &fixture("linkedin-2024"),
        &basic,
        &["Shares", "Comments", "Reactions"],
    );
    zip_dir(
        &fixture("linkedin-2024"),
        &complete,
        &[
            "Connections",
            "messages",
            "Invitations",
            "Profile",
            "Positions",
        ],
    );
    let archives = load_paths(&[basic, complete]);
    assert_eq!(archives.len(), 1);
    let d = &archives[0].dataset;
    assert_eq!(d.posts.height(), 4);
    assert_eq!(d.connections.height(), 4);
    assert_eq!(d.interactions.height(), 10);
}

#[test]
fn three_platforms_given_together_merge_into_one_dataset() {
    let out = rapport()
        .args(["inspect", "--json"])
        .arg(fixture("twitter-2023"))
        .arg(fixture("linkedin-2024"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["archives"].as_array().unwrap().len(), 2);
    // Twitter 9 + LinkedIn 4 posts; 13 + 10 interactions; 6 + 4 connections.
    assert_eq!(v["dataset"]["posts"]["rows"], 13);
    assert_eq!(v["dataset"]["interactions"]["rows"], 23);
    assert_eq!(v["dataset"]["connections"]["rows"], 10);
    assert_eq!(v["dataset"]["accounts"]["rows"], 2);
}

#[test]
fn a_connections_file_without_its_header_is_an_input_error() {
    let dir = tempdir();
    let copy = dir.path().join("export");
    copy_dir(&fixture("linkedin-2024"), &copy);
    std::fs::write(
        copy.join("Connections.csv"),
        "Notes:\nsomething else entirely\n",
    )
    .unwrap();
    let out = rapport().arg("inspect").arg(&copy).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(
            "Connections.csv: no header with the columns First Name, Last Name, Connected On"
        ),
        "{err}"
    );
}

#[test]
fn the_analytics_workbook_joins_by_number_then_by_day() {
    let archives = load_paths(&[
        fixture("linkedin-2024"),
        fixture("linkedin-analytics/Content_2024-05-01_2024-07-31_AdaExample.xlsx"),
    ]);
    assert_eq!(archives.len(), 1, "the workbook joins its export");
    let a = &archives[0];
    let p = &a.dataset.posts;
    // urn:li:activity:7190000000000000001 has the number of urn:li:share:7190000000000000001:
    // 42 engagements (first table) and 1,800 impressions (second table).
    let first = row(p, "post_id", "urn:li:share:7190000000000000001");
    assert_eq!(u(p, "engagements", first), Some(42));
    assert_eq!(u(p, "impressions", first), Some(1800));
    // activity 7200000000000000555 matches no number; one share was published on 6/3/2024.
    let guide = row(p, "post_id", "urn:li:ugcPost:7200000000000000002");
    assert_eq!(u(p, "engagements", guide), Some(120));
    assert_eq!(u(p, "impressions", guide), Some(5200));
    // LinkedIn gives a total, not a breakdown: likes stay unknown.
    assert_eq!(u(p, "likes", guide), None);
    // The third row (01/15/2024) matches nothing and is counted, not attached.
    assert_eq!(a.coverage.counts["analytics rows joined to a share"], 2);
    assert_eq!(
        a.coverage.counts["analytics rows with no share in the archive"],
        1
    );
    let repost = row(p, "post_id", "urn:li:share:7210000000000000003");
    assert_eq!(u(p, "engagements", repost), None);
}

#[test]
fn the_basic_and_complete_zips_of_one_export_are_read_once() {
    let complete = load_one(fixture("linkedin-complete"));
    let both = load_paths(&[fixture("linkedin-basic"), fixture("linkedin-complete")]);
    assert_eq!(both.len(), 1, "one export");
    let joined = &both[0];
    // The Complete export alone: connections Grace, Alan, Katherine; 3 two-person
    // messages; 3 message interactions + 2 sent invitations; 2 shares.
    let (c, j) = (&complete.dataset, &joined.dataset);
    assert_eq!(c.connections.height(), 3);
    assert_eq!(c.messages.height(), 3);
    assert_eq!(c.interactions.height(), 5);
    assert_eq!(c.posts.height(), 2);
    for ((name, a), (_, b)) in c.frames().into_iter().zip(j.frames()) {
        assert_eq!(
            a.height(),
            b.height(),
            "{name}: Basic + Complete != Complete"
        );
    }
    // Every file is read once: the Complete copy of a file that grew, the first copy of one
    // that is the same in both; the other copy is listed as ignored.
    let read: Vec<&str> = joined
        .coverage
        .files
        .iter()
        .filter(|f| matches!(f.status, rapport::import::coverage::FileStatus::Read { .. }))
        .map(|f| f.entry.as_str())
        .collect();
    for file in [
        "Connections.csv",
        "messages.csv",
        "Invitations.csv",
        "Profile.csv",
    ] {
        assert_eq!(
            read.iter().filter(|r| **r == file).count(),
            1,
            "{file} read {read:?}"
        );
    }
    let ignored = joined
        .coverage
        .files
        .iter()
        .filter(|f| matches!(&f.status, rapport::import::coverage::FileStatus::Ignored { reason } if reason.contains("read once")))
        .count();
    assert_eq!(ignored, 4);
    // A bare share of an outside link is the owner's own post, with no words.
    let p = &j.posts;
    let bare = row(p, "post_id", "urn:li:share:7200000000000000002");
    assert_eq!(s(p, "kind", bare).as_deref(), Some("original"));
    assert_eq!(u32_at(p, "text_chars", bare), Some(0));
}

#[test]
fn the_generation_follows_the_messages_header_and_the_file_names() {
    // FORMATS.md 2.1 and 2.3: member-id suffixed activity files (2025 on) whatever the
    // header; else the messages.csv header: ATTACHMENTS (2024 on), CONVERSATION ID (2021),
    // FROM,TO (2019), From,To (2018).
    let dir = tempdir();
    let suffixed = dir.path().join("suffixed");
    copy_dir(&fixture("linkedin-2024"), &suffixed);
    std::fs::rename(
        suffixed.join("Shares.csv"),
        suffixed.join("Shares_17529409.csv"),
    )
    .unwrap();
    assert_eq!(load_one(suffixed).detection.generation, "linkedin-2025");
    assert_eq!(
        load_one(fixture("linkedin-2024")).detection.generation,
        "linkedin-2024"
    );
    assert_eq!(
        load_one(fixture("linkedin-complete")).detection.generation,
        "linkedin-2024"
    );
    assert_eq!(
        load_one(fixture("linkedin-2018")).detection.generation,
        "linkedin-2018"
    );
}

#[test]
fn a_video_share_is_a_video_by_its_playlist_url() {
    // LinkedIn's video URLs (`dms.licdn.com/playlist/vid/...`) hold no word "video": they
    // used to be read as photos.
    let dir = tempdir();
    let archive = dir.path().join("linkedin");
    copy_dir(&fixture("linkedin-2024"), &archive);
    let shares = archive.join("Shares.csv");
    let mut text = std::fs::read_to_string(&shares).unwrap();
    text.push_str(
        "2024-07-02 09:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7230000000000000005,\
         A short video of the meetup,,https://dms.licdn.com/playlist/vid/v2/D4E05AQ/mp4-720p-30fp-crf28/0/1?e=1&v=beta,PUBLIC\n",
    );
    std::fs::write(&shares, text).unwrap();
    let a = load_one(archive);
    let posts = &a.dataset.posts;
    let i = row(posts, "post_id", "urn:li:ugcPost:7230000000000000005");
    assert_eq!(s(posts, "media", i).as_deref(), Some("video"));
    assert_eq!(count_where(posts, "media", "video"), 1);
    assert_eq!(count_where(posts, "media", "document"), 1);
}
