//! `rapport inspect` end to end: the hand-checked counts, as text and as JSON.

use crate::support::*;
use serde_json::Value;

fn inspect_json(args: &[&str]) -> Value {
    let out = rapport()
        .arg("inspect")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("inspect --json prints one JSON object")
}

#[test]
fn inspect_prints_the_hand_checked_counts() {
    let fixture = fixture("twitter-2023");
    let out = rapport().arg("inspect").arg(&fixture).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "platform    twitter",
        "generation  ytd-2020",
        "account     @adalove (1000001)",
        "data/tweets.js",
        "8 tweets",
        "2 tweets",
        "media file: data/tweets_media/1600000000000000003-x.jpg",
        "deleted tweets (not in posts): 1",
        "posts                9  2023-01-02T09:15:00Z .. 2023-02-01T10:00:00Z",
        "interactions        13",
        "connections          6",
        "messages             7  2023-01-03T15:00:00Z .. 2023-01-15T10:05:00Z",
        "posts with unknown engagement: 0.0% (0 of 9)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // Record problems are a warning line per entry on stderr, with the first example.
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "data/tweets.js: 1 records skipped, 1 fields read as null (1 favorite_count values \
         that are not numbers, 1 tweets with an unparseable created_at); first: tweet \
         1600000000000000007: created_at \"not a date\""
        ),
        "{err}"
    );
    assert!(
        err.contains("data/direct-messages.js: 1 records skipped"),
        "{err}"
    );
    // No message body reaches any output.
    for body in ["See you then", "Coffee next week", "Loved your parser post"] {
        assert!(!text.contains(body) && !err.contains(body));
    }
}

#[test]
fn inspect_json_gives_the_same_figures_as_a_stable_object() {
    let v = inspect_json(&[fixture("twitter-2023").to_str().unwrap()]);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["schema_version", "archives", "dataset", "deleted_since"]
    );
    assert_eq!(v["schema_version"], 1);
    let a = &v["archives"][0];
    let keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "archive",
            "platform",
            "generation",
            "account",
            "files",
            "records_with_problems",
            "counts",
            "warnings",
            "notes",
            "dataset"
        ]
    );
    assert_eq!(a["platform"], "twitter");
    assert_eq!(a["generation"], "ytd-2020");
    assert_eq!(a["account"]["handle"], "adalove");
    assert_eq!(a["records_with_problems"]["data/tweets.js"]["skipped"], 1);
    assert_eq!(
        a["records_with_problems"]["data/tweets.js"]["fields_nulled"],
        1
    );
    assert_eq!(a["counts"]["deleted tweets (not in posts)"], 1);
    let d = &v["dataset"];
    assert_eq!(d["posts"]["rows"], 9);
    assert_eq!(d["posts"]["first"], "2023-01-02T09:15:00Z");
    assert_eq!(d["posts"]["last"], "2023-02-01T10:00:00Z");
    assert_eq!(d["interactions"]["rows"], 13);
    assert_eq!(d["connections"]["rows"], 6);
    assert_eq!(d["connections"]["first"], Value::Null);
    assert_eq!(d["messages"]["rows"], 7);
    assert_eq!(d["accounts"]["rows"], 1);
    assert_eq!(d["engagement_unknown_share"], 0.0);
    let tweets = a["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["entry"] == "data/tweets.js")
        .unwrap();
    assert_eq!(tweets["status"], "read");
    assert_eq!(tweets["rows"], 8);
}

#[test]
fn inspect_counts_each_twitter_fixture() {
    // (fixture, generation, posts, interactions, connections, messages, unknown share)
    let cases = [
        ("twitter-2019", "ytd-2019", 3, 6, 2, 2, 0.0),
        // The older archive has no counts at all: 4 of 4 posts unknown.
        ("twitter-grailbird-2016", "grailbird", 4, 2, 0, 0, 1.0),
    ];
    for (name, generation, posts, interactions, connections, messages, unknown) in cases {
        let v = inspect_json(&[fixture(name).to_str().unwrap()]);
        assert_eq!(v["archives"][0]["generation"], generation, "{name}");
        let d = &v["dataset"];
        assert_eq!(d["posts"]["rows"], posts, "{name}");
        assert_eq!(d["interactions"]["rows"], interactions, "{name}");
        assert_eq!(d["connections"]["rows"], connections, "{name}");
        assert_eq!(d["messages"]["rows"], messages, "{name}");
        assert_eq!(d["engagement_unknown_share"], unknown, "{name}");
    }
}

#[test]
fn the_analytics_csv_given_beside_the_archive_joins_it() {
    let v = inspect_json(&[
        fixture("twitter-2023").to_str().unwrap(),
        fixture("twitter-analytics/tweet_activity_metrics_adalove_20230101_20230201_en.csv")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(v["archives"].as_array().unwrap().len(), 1);
    let counts = &v["archives"][0]["counts"];
    assert_eq!(counts["analytics rows joined to a post"], 2);
    assert_eq!(counts["analytics rows with no post in the archive"], 1);
}

#[test]
fn an_analytics_csv_alone_is_an_input_error() {
    let csv = fixture("twitter-analytics/tweet_activity_metrics_adalove_20230101_20230201_en.csv");
    rapport()
        .arg("inspect")
        .arg(&csv)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "analytics export needs its archive",
        ));
}

#[test]
fn two_downloads_of_one_account_merge_and_count_deleted_posts() {
    // An older download with one more tweet than the newer one (the fixture).
    let dir = tempdir();
    let older = dir.path().join("older");
    copy_dir(&fixture("twitter-2023"), &older);
    let tweets = older.join("data/tweets-part1.js");
    let text = std::fs::read_to_string(&tweets).unwrap();
    let (wrapper, json) = text.split_once('=').unwrap();
    let mut records: Vec<Value> = serde_json::from_str(json).unwrap();
    let mut extra = records[1].clone();
    extra["tweet"]["id_str"] = "1600000000000000011".into();
    extra["tweet"]["id"] = "1600000000000000011".into();
    records.push(extra);
    std::fs::write(&tweets, format!("{wrapper}= {}", Value::from(records))).unwrap();
    let manifest = older.join("data/manifest.js");
    let m = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        m.replace("2023-02-15T08:00:00.000Z", "2023-01-31T08:00:00.000Z"),
    )
    .unwrap();
    let v = inspect_json(&[
        older.to_str().unwrap(),
        fixture("twitter-2023").to_str().unwrap(),
    ]);
    assert_eq!(v["archives"].as_array().unwrap().len(), 2);
    // 9 posts in the newer archive, plus the one only the older one has: 10.
    assert_eq!(v["dataset"]["posts"]["rows"], 10);
    assert_eq!(v["dataset"]["messages"]["rows"], 7);
    assert_eq!(v["dataset"]["connections"]["rows"], 6);
    assert_eq!(v["dataset"]["accounts"]["rows"], 1);
    assert_eq!(v["dataset"]["interactions"]["rows"], 13);
    assert_eq!(v["deleted_since"]["twitter/1000001"], 1);
}
