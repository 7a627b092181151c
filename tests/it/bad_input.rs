//! Bad input: whole-file problems stop the run with one line, exit 1 and nothing written;
//! record problems and missing files are warnings and the rest is read.

use std::fs;
use std::path::Path;

use crate::support::*;

/// Runs `import` on `archive` into a fresh directory, expects exit 1 with exactly one line on
/// stderr containing each of `needles`, and checks that nothing was written.
fn fails_with(archive: &Path, needles: &[&str]) {
    let dir = tempdir();
    let out = dir.path().join("out");
    let result = rapport()
        .arg("import")
        .arg(archive)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "one line expected:\n{err}");
    assert!(err.starts_with("rapport: "), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "missing {needle:?} in {err}");
    }
    assert!(!out.exists(), "nothing may be written");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no staging left"
    );
    assert!(result.stdout.is_empty());
}

/// A copy of the 2023 fixture with one file replaced.
fn with_file(dir: &Path, entry: &str, content: &[u8]) -> std::path::PathBuf {
    let copy = dir.join("archive");
    copy_dir(&fixture("twitter-2023"), &copy);
    fs::write(copy.join(entry), content).unwrap();
    copy
}

#[test]
fn a_file_that_is_not_a_zip_is_refused() {
    let dir = tempdir();
    let fake = dir.path().join("twitter.zip");
    fs::write(&fake, "this is a text file, not an archive\n").unwrap();
    fails_with(&fake, &["twitter.zip", "not a zip archive"]);
}

#[test]
fn a_truncated_zip_is_refused() {
    let dir = tempdir();
    let zip = dir.path().join("twitter.zip");
    zip_dir(&fixture("twitter-2023"), &zip, &[]);
    let bytes = fs::read(&zip).unwrap();
    let cut = dir.path().join("cut.zip");
    fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    fails_with(&cut, &["cut.zip", "truncated"]);
}

#[test]
fn a_zip_with_corrupt_entry_data_names_the_entry() {
    let dir = tempdir();
    let zip = dir.path().join("twitter.zip");
    zip_entries(
        &zip,
        &[(
            "data/tweets.js",
            "window.YTD.tweets.part0 = [ ] ".repeat(400).as_bytes(),
        )],
    );
    let mut bytes = fs::read(&zip).unwrap();
    // Overwrite the middle of the compressed data of the only entry.
    let start = 30 + "data/tweets.js".len() + 4;
    for b in bytes.iter_mut().skip(start).take(12) {
        *b = 0xFF;
    }
    fs::write(&zip, &bytes).unwrap();
    fails_with(
        &zip,
        &["twitter.zip", "data/tweets.js", "corrupt or truncated"],
    );
}

#[test]
fn a_broken_wrapper_in_tweets_js_is_refused() {
    let dir = tempdir();
    let archive = with_file(
        dir.path(),
        "data/tweets.js",
        b"window.YTD.tweets.part0 [ {} ]",
    );
    fails_with(
        &archive,
        &["data/tweets.js", "no `window.YTD... =` assignment"],
    );
}

#[test]
fn invalid_json_names_the_entry_line_and_column() {
    let dir = tempdir();
    // Line 3, column 12: the value after "id_str" : is missing.
    let broken = "window.YTD.tweets.part0 = [\n  { \"tweet\" : {\n    \"id_str\" : ,\n  } }\n]";
    let archive = with_file(dir.path(), "data/tweets.js", broken.as_bytes());
    fails_with(
        &archive,
        &["data/tweets.js", "invalid JSON at line 3, column 16"],
    );
}

#[test]
fn an_archive_of_an_unknown_kind_names_the_files_it_saw() {
    let dir = tempdir();
    let zip = dir.path().join("photos.zip");
    zip_entries(
        &zip,
        &[("holiday/beach.jpg", b"jpeg"), ("notes.txt", b"hello")],
    );
    fails_with(
        &zip,
        &[
            "photos.zip",
            "not a Twitter/X, LinkedIn, Instagram, Facebook or Mastodon export",
            "holiday/beach.jpg",
            "notes.txt",
        ],
    );
}

#[test]
fn an_entry_over_the_size_limit_is_refused() {
    let dir = tempdir();
    let out = dir.path().join("out");
    rapport()
        .args(["import", "--max-entry-size", "1KB", "--out"])
        .arg(&out)
        .arg(fixture("twitter-2023"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("over the limit of 1000 bytes"));
    assert!(!out.exists());
}

#[test]
fn a_bad_size_option_is_a_usage_error() {
    rapport()
        .args(["inspect", "--max-entry-size", "lots"])
        .arg(fixture("twitter-2023"))
        .assert()
        .code(2);
}

#[test]
fn names_from_windows_zips_are_read() {
    // Backslashes, as zips made on Windows write them, and a `./` prefix: the files are
    // found. Names that climb out or are absolute are refused (see `hostile`).
    let dir = tempdir();
    let zip = dir.path().join("odd-names.zip");
    let tweets = fs::read(fixture("twitter-2019/tweet.js")).unwrap();
    let account = fs::read(fixture("twitter-2019/account.js")).unwrap();
    zip_entries(
        &zip,
        &[("data\\tweet.js", &tweets), ("./data/account.js", &account)],
    );
    let out = rapport()
        .arg("inspect")
        .arg("--json")
        .arg(&zip)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["dataset"]["posts"]["rows"], 3);
    let names: Vec<&str> = v["archives"][0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["entry"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["data/tweet.js", "data/account.js"]);
}

#[test]
fn missing_files_are_warnings_and_the_rest_is_read() {
    // A download with no tweets (nor their headers), no likes and no DMs at all.
    let dir = tempdir();
    let zip = dir.path().join("partial.zip");
    zip_dir(
        &fixture("twitter-2023"),
        &zip,
        &[
            "data/tweets",
            "data/tweet-headers.js",
            "data/like.js",
            "data/direct-messages.js",
            "data/note-tweet.js",
        ],
    );
    let out = rapport()
        .arg("inspect")
        .arg("--json")
        .arg(&zip)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no tweets file (tweets.js, tweet.js or tweets.csv): posts are empty"),
        "{err}"
    );
    assert!(err.contains("no like.js: likes are empty"), "{err}");
    assert!(err.contains("no direct-messages.js"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["dataset"]["posts"]["rows"], 0);
    // No posts: the unknown-engagement share is null, not 0.
    assert_eq!(
        v["dataset"]["engagement_unknown_share"],
        serde_json::Value::Null
    );
    // Followers, following and the group conversation are still read.
    assert_eq!(v["dataset"]["connections"]["rows"], 6);
    assert_eq!(v["dataset"]["messages"]["rows"], 2);
    assert_eq!(v["archives"][0]["warnings"].as_array().unwrap().len(), 3);
}

#[test]
fn a_broken_optional_file_is_a_warning() {
    let dir = tempdir();
    let archive = with_file(
        dir.path(),
        "data/profile.js",
        b"window.YTD.profile.part0 = [ {",
    );
    let out = rapport().arg("inspect").arg(&archive).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("data/profile.js: invalid JSON"), "{err}");
    assert!(err.contains("(optional file, left out)"), "{err}");
}

#[test]
fn strict_turns_record_problems_into_exit_3_after_the_output() {
    let out = rapport()
        .args(["inspect", "--strict"])
        .arg(fixture("twitter-2023"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("posts                9")
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--strict: not everything was read"), "{err}");
    // A clean archive passes --strict.
    rapport()
        .args(["inspect", "--strict"])
        .arg(fixture("twitter-2019"))
        .assert()
        .success();
}

#[test]
fn a_thousand_bad_dates_do_not_sink_the_archive() {
    // 2,000 tweets, every other one with an unparseable date: 1,000 read, one warning line.
    let mut records = Vec::new();
    for i in 0..2000u64 {
        let date = if i % 2 == 0 {
            "Tue Oct 25 12:08:42 +0000 2022"
        } else {
            "garbage"
        };
        records.push(format!(
            "{{\"tweet\":{{\"id_str\":\"{}\",\"created_at\":\"{date}\",\"full_text\":\"post {i}\",\"favorite_count\":\"1\",\"retweet_count\":\"0\"}}}}",
            1000 + i
        ));
    }
    let dir = tempdir();
    let archive = with_file(
        dir.path(),
        "data/tweets.js",
        format!("window.YTD.tweets.part0 = [{}]", records.join(",")).as_bytes(),
    );
    let out = rapport()
        .arg("inspect")
        .arg("--json")
        .arg(&archive)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("data/tweets.js"))
        .collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains("1000 records skipped"), "{err}");
    assert!(
        lines[0].contains("first: tweet 1001: created_at \"garbage\""),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // 1,000 good tweets plus tweets-part1.js's 2.
    assert_eq!(v["dataset"]["posts"]["rows"], 1002);
}

/// Runs `analyze` on `archive` (report.md only) and gives stderr and report.md.
fn analyze_md(archive: &Path) -> (String, String) {
    let dir = tempdir();
    let out = dir.path().join("r");
    let run = rapport()
        .args(["analyze", "--quiet", "--format", "md", "--out"])
        .arg(&out)
        .arg(archive)
        .output()
        .unwrap();
    let err = String::from_utf8(run.stderr).unwrap();
    assert_eq!(run.status.code(), Some(0), "{err}");
    (err, fs::read_to_string(out.join("report.md")).unwrap())
}

#[test]
fn every_importer_says_when_its_main_file_is_missing() {
    // Each download without the file of its posts (or outbox), but with the photos and
    // videos those records would describe: the rest is read, and the loss is said on
    // stderr and at the top of the report.
    let cases: [(&str, &[&str], &str); 3] = [
        (
            "instagram-2024",
            &[
                "your_instagram_activity/content/posts_1.json",
                "your_instagram_activity/content/reels.json",
            ],
            "posts_1.json is missing from this archive: your posts are unknown, although it \
             holds 2 media files under media/posts/ or media/reels/ that its records would \
             describe",
        ),
        (
            "facebook-2024",
            &["your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"],
            "no your_posts_1.json: your posts are unknown",
        ),
        (
            "mastodon-2024",
            &["archive-20241005120000-0123456789abcdef0123456789abcdef/outbox.json"],
            "outbox.json is missing from this archive: your posts, replies, mentions and \
             direct messages are unknown, although it holds 1 media files under \
             media_attachments/ that its records would describe",
        ),
    ];
    for (name, removed, warning) in cases {
        let dir = tempdir();
        let zip = dir.path().join(format!("{name}.zip"));
        zip_dir(&fixture(name), &zip, removed);
        let (err, md) = analyze_md(&zip);
        assert!(err.contains(warning), "{name}: {err}");
        let escaped = warning.replace('_', "\\_");
        assert!(md.contains(&escaped), "{name}: {md}");
    }
    // The complete downloads warn of nothing of the kind.
    for name in ["instagram-2024", "facebook-2024", "mastodon-2024"] {
        let (err, _) = analyze_md(&fixture(name));
        assert!(
            !err.contains("is missing") && !err.contains(": no "),
            "{name}: {err}"
        );
    }
}
