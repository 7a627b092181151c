//! The lake: downloads of one account kept side by side (`import --into`), merged and
//! compared by `analyze LAKE` (who came and who went, posts deleted since).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::analyze::{analyze, run};
use crate::support::*;

fn fixture_path(name: &str) -> String {
    fixture(name).display().to_string()
}

/// `rapport import ARCHIVE... --into lake`; the exit code and stderr.
fn import_into(lake: &Path, archives: &[&str], extra: &[&str]) -> (i32, String) {
    let out = rapport()
        .arg("import")
        .args(archives)
        .arg("--into")
        .arg(lake)
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn two_downloads() -> [String; 2] {
    ["twitter-2023", "twitter-2023-05"].map(fixture_path)
}

/// Every file below `dir` with its modification time.
fn files_and_times(dir: &Path) -> Vec<(PathBuf, std::time::SystemTime)> {
    files_below(dir)
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains(".locks"))
        .map(|p| {
            let t = fs::metadata(&p).unwrap().modified().unwrap();
            (p, t)
        })
        .collect()
}

#[test]
fn two_downloads_of_one_account_by_hand() {
    // twitter-2023 is the download of 15 Feb 2023, twitter-2023-05 the one of 15 May: 2005
    // stopped following, 2007 started; tweet ...008 (6 Jan) was deleted; Grace Hopper's
    // conversation grew by two messages on 2 Apr (hers at 10:00, the answer at 12:00).
    let [old, new] = two_downloads();
    let s = analyze(&[&old, &new, "--format", "json"]);
    let h = &s["overall"]["history"];
    assert_eq!(h["downloads"], 2);
    // The period (2 Jan to 2 Apr 2023) holds 46 of the 89 days between the downloads.
    assert_eq!(h["compared"], 1);
    assert_eq!(h["connections_gained"], 1);
    assert_eq!(h["connections_lost"], 1);
    assert_eq!(h["lost"][0]["counterpart_id"], "2005");
    assert_eq!(h["lost"][0]["last_seen"], "2023-02-15T08:00:00Z");
    assert_eq!(h["lost"][0]["gone_by"], "2023-05-15T08:00:00Z");
    assert_eq!(h["posts_deleted_since"], 1);
    let counts: Vec<u64> = h["connections_by_download"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["connections"].as_u64())
        .collect();
    assert_eq!(counts, [6, 6]);
    // Merged: the deleted tweet is kept (9 posts, as the older download alone has); the
    // network is the newest download's (6, not the 7 of both lists); the grown conversation
    // adds a turn answered in 2 hours: 4 turns, 3 answered, 2 within a day.
    let o = &s["overall"];
    assert_eq!(o["engagement"]["posts"], 9);
    assert_eq!(o["growth"]["connections"], 6);
    let r = &o["responsiveness"];
    assert_eq!(
        (&r["turns"], &r["answered"], &r["within_24h"]),
        (&4.into(), &3.into(), &2.into())
    );
    // Twitter's connections have no date: growth is drawn download by download.
    let dir = tempdir();
    let out = dir.path().join("report");
    let status = rapport()
        .arg("analyze")
        .args([&old, &new, "--quiet", "--format", "md,csv,png", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("![Network growth: connections at each download](charts/growth.png)"),
        "{md}"
    );
    assert!(
        md.contains("1 post of an older download is gone from the newest."),
        "{md}"
    );
    let table = fs::read_to_string(out.join("tables/connections_by_download.csv")).unwrap();
    assert_eq!(
        table.lines().collect::<Vec<_>>(),
        [
            "platform,download,connections",
            "twitter,2023-02-15T08:00:00Z,6",
            "twitter,2023-05-15T08:00:00Z,6"
        ]
    );
    assert!(out.join("charts/growth.png").is_file());
    // One download: nothing to compare, with the reason.
    let one = analyze(&[&old, "--format", "json"]);
    assert_eq!(one["overall"]["history"]["connections_lost"], Value::Null);
    assert!(
        one["notes"].as_array().unwrap().iter().any(|n| n
            .as_str()
            .unwrap_or("")
            .starts_with("overall.history.connections_lost: one download per account")),
        "{}",
        one["notes"]
    );
}

#[test]
fn a_lake_gives_the_figures_of_its_downloads_and_a_second_import_writes_nothing() {
    let dir = tempdir();
    let lake = dir.path().join("lake");
    let [old, new] = two_downloads();
    let (code, stderr) = import_into(&lake, &[&old, &new], &["--quiet"]);
    assert_eq!(code, 0, "{stderr}");
    for table in [
        "posts",
        "interactions",
        "connections",
        "messages",
        "accounts",
        "manifest",
    ] {
        let partitions = files_below(&lake.join(table));
        assert_eq!(partitions.len(), 2, "{table}: {partitions:?}");
        assert!(
            partitions[0]
                .to_string_lossy()
                .contains("platform=twitter/account=1000001/download=2023-02-15/part-")
        );
    }
    let before = files_and_times(&lake);
    let (code, stderr) = import_into(&lake, &[&new, &old], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("already in the lake (twitter 2023-05-15 of 1000001), skipped"),
        "{stderr}"
    );
    assert!(stderr.contains("0 downloads added"), "{stderr}");
    assert_eq!(files_and_times(&lake), before, "a second import wrote");
    let lake_path = lake.display().to_string();
    let from_lake = analyze(&[&lake_path, "--format", "json"]);
    let from_archives = analyze(&[&old, &new, "--format", "json"]);
    assert_eq!(from_lake["overall"], from_archives["overall"]);
    // `inspect` lists the downloads.
    let out = rapport().args(["inspect", &lake_path]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("a rapport lake: 2 downloads"), "{text}");
    assert!(
        text.contains("2023-05-15  twitter-2023-05 (ytd-2020)"),
        "{text}"
    );
}

#[test]
fn an_unfinished_write_leaves_the_lake_as_it_was() {
    // What a kill part way through a write leaves: new files of a write the manifest does
    // not name (one staged, one renamed). They are read by no one, and the next write of
    // the account removes them.
    let dir = tempdir();
    let lake = dir.path().join("lake");
    let [old, new] = two_downloads();
    assert_eq!(import_into(&lake, &[&old], &["--quiet"]).0, 0);
    let lake_path = lake.display().to_string();
    let before = analyze(&[&lake_path, "--format", "json"]);
    let partition = lake.join("posts/platform=twitter/account=1000001/download=2023-02-15");
    let committed = files_below(&partition)[0].clone();
    fs::copy(&committed, partition.join("part-00deadbeef000000.parquet")).unwrap();
    fs::write(
        partition.join("part-00deadbeef000001.parquet.tmp"),
        b"half a file",
    )
    .unwrap();
    let staged = lake.join("messages/platform=twitter/account=1000001/download=2023-05-15");
    fs::create_dir_all(&staged).unwrap();
    fs::write(staged.join("part-00deadbeef000002.parquet.tmp"), b"torn").unwrap();
    let after = analyze(&[&lake_path, "--format", "json"]);
    assert_eq!(after["overall"], before["overall"]);
    // The next write of the account (the newer download; the older one is skipped)
    // cleans up every partition of the account.
    assert_eq!(import_into(&lake, &[&old, &new], &["--quiet"]).0, 0);
    assert_eq!(files_below(&partition), [committed]);
    assert!(files_below(&staged).len() == 1);
    let merged = analyze(&[&lake_path, "--format", "json"]);
    assert_eq!(merged["overall"]["history"]["connections_lost"], 1);
}

#[test]
fn two_imports_at_once_never_mix() {
    let dir = tempdir();
    let lake = dir.path().join("lake");
    let [old, new] = two_downloads();
    let others = [
        "linkedin-2024",
        "facebook-2024",
        "instagram-2024",
        "mastodon-2024",
    ]
    .map(fixture_path);
    let spawn = |archives: Vec<String>| {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("rapport"));
        cmd.arg("import")
            .args(archives)
            .arg("--into")
            .arg(&lake)
            .arg("--quiet")
            .args(["--jobs", "2"]);
        cmd.stderr(std::process::Stdio::null()).spawn().unwrap()
    };
    let mut first = vec![old.clone(), new.clone()];
    first.extend(others.iter().cloned());
    let mut second = vec![new.clone(), old.clone()];
    second.extend(others.iter().rev().cloned());
    let (mut a, mut b) = (spawn(first.clone()), spawn(second));
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let manifests = files_below(&lake.join("manifest"));
    assert_eq!(manifests.len(), 6, "{manifests:?}");
    // One committed file per table and download: nothing of the two writes mixed.
    for table in [
        "posts",
        "interactions",
        "connections",
        "messages",
        "accounts",
    ] {
        for partition in fs::read_dir(lake.join(table)).unwrap() {
            for account in fs::read_dir(partition.unwrap().path()).unwrap() {
                for download in fs::read_dir(account.unwrap().path()).unwrap() {
                    let files = files_below(&download.unwrap().path());
                    assert_eq!(files.len(), 1, "{files:?}");
                }
            }
        }
    }
    let lake_path = lake.display().to_string();
    let from_lake = analyze(&[&lake_path, "--format", "json"]);
    let args: Vec<&str> = first
        .iter()
        .map(String::as_str)
        .chain(["--format", "json"])
        .collect();
    let from_archives = analyze(&args);
    assert_eq!(
        from_lake["overall"]["history"],
        from_archives["overall"]["history"]
    );
    assert_eq!(
        from_lake["overall"]["counterpart_strength"],
        from_archives["overall"]["counterpart_strength"]
    );
}

#[test]
fn a_foreign_file_in_a_lake_is_refused_in_one_line() {
    let dir = tempdir();
    let lake = dir.path().join("lake");
    assert_eq!(
        import_into(&lake, &[&fixture_path("twitter-2023")], &["--quiet"]).0,
        0
    );
    fs::write(lake.join("posts/notes.txt"), b"mine").unwrap();
    let lake_path = lake.display().to_string();
    let (code, summary, stderr) = run(&[&lake_path]);
    assert_eq!(code, 1, "{stderr}");
    assert!(summary.is_none());
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].contains("posts/notes.txt: a file rapport did not write"),
        "{stderr}"
    );
    // A folder with other content never becomes a lake.
    let other = dir.path().join("other");
    fs::create_dir_all(&other).unwrap();
    fs::write(other.join("thesis.tex"), b"\\begin").unwrap();
    let (code, stderr) = import_into(&other, &[&fixture_path("twitter-2023")], &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("not a rapport lake"), "{stderr}");
    assert!(!other.join("rapport-lake.json").exists());
}

#[test]
fn shards_cover_the_list_exactly_once() {
    use rapport::model::lake::{parse_shard, shard_of};
    let paths: Vec<PathBuf> = (0..23)
        .map(|i| PathBuf::from(format!("a{i:02}.zip")))
        .collect();
    let mut seen: Vec<PathBuf> = Vec::new();
    for i in 1..=5 {
        let slice = shard_of(paths.iter().rev().cloned().collect(), (i, 5));
        assert!(slice.len() == 4 || slice.len() == 5, "{slice:?}");
        seen.extend(slice);
    }
    seen.sort();
    assert_eq!(seen, paths);
    assert_eq!(parse_shard("3/10"), Ok((3, 10)));
    for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
        assert!(parse_shard(bad).is_err(), "{bad}");
    }
    // From the command line, with a list in a file: two shards import the two downloads.
    let dir = tempdir();
    let lake = dir.path().join("lake");
    let list = dir.path().join("archives.txt");
    let [old, new] = two_downloads();
    fs::write(&list, format!("{old}\n\n# a comment\n{new}\n")).unwrap();
    for shard in ["1/2", "2/2"] {
        let out = rapport()
            .args(["import", "--quiet", "--shard", shard, "--manifest"])
            .arg(&list)
            .arg("--into")
            .arg(&lake)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(files_below(&lake.join("manifest")).len(), 2);
}

#[test]
fn a_lake_of_several_accounts_needs_account_or_each() {
    let dir = tempdir();
    let lake = dir.path().join("lake");
    let archives = [
        "twitter-2023",
        "twitter-2023-05",
        "twitter-2019",
        "linkedin-2024",
        "facebook-2024",
    ]
    .map(fixture_path);
    let refs: Vec<&str> = archives.iter().map(String::as_str).collect();
    assert_eq!(import_into(&lake, &refs, &["--quiet"]).0, 0);
    let lake_path = lake.display().to_string();
    let (code, _, stderr) = run(&[&lake_path]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "the lake holds several accounts of one platform (twitter/1000001, twitter/3000001"
        ),
        "{stderr}"
    );
    // --account: the account's downloads alone, as its archive gives them.
    let one = analyze(&[&lake_path, "--account", "3000001", "--format", "json"]);
    let archive = analyze(&[&fixture_path("twitter-2019"), "--format", "json"]);
    assert_eq!(one["overall"], archive["overall"]);
    let (code, _, stderr) = run(&[&lake_path, "--account", "nobody"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("no account 'nobody' in the lake"),
        "{stderr}"
    );
    // --each: one report per account and the cohort.
    let out = dir.path().join("cohort");
    let status = rapport()
        .args(["analyze", &lake_path, "--each", "--quiet", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let cohort = fs::read_to_string(out.join("cohort.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(cohort.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 4);
    let column = |key: &str| header.iter().position(|h| h == key).unwrap();
    // Each row is its account's own summary.json.
    for row in &rows {
        let folder = &row[column("report")];
        let summary: Value = serde_json::from_str(
            &fs::read_to_string(out.join(folder).join("summary.json")).unwrap(),
        )
        .unwrap();
        let posts = summary["overall"]["engagement"]["posts"].as_u64().unwrap();
        assert_eq!(
            row[column("engagement.posts")],
            posts.to_string(),
            "{folder}"
        );
    }
    let twitter = rows.iter().find(|r| r[1] == "1000001").unwrap();
    assert_eq!(twitter[column("downloads")], "2");
    assert_eq!(twitter[column("history.connections_lost")], "1");
    // Posts per account 9, 3, 4, 4: quartiles 3.75, 4, 5.25 (linear between ranks).
    let summary = fs::read_to_string(out.join("cohort_summary.csv")).unwrap();
    assert!(
        summary.contains("engagement.posts,Posts,4,3.75,4,5.25"),
        "{summary}"
    );
    assert!(out.join("cohort.parquet").is_file());
    let html = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        html.contains("href=\"twitter-1000001/index.html\""),
        "{html}"
    );
    assert!(out.join("twitter-1000001/index.html").is_file());
}

#[test]
fn an_import_killed_part_way_leaves_a_readable_lake() {
    // A generated archive large enough that its write takes a while, killed at several
    // moments: the lake then reads either as before the import or as after it, never as a
    // mix, and the next import completes it.
    let dir = tempdir();
    let big = dir.path().join("big.zip");
    synth::write_zip(
        &big,
        synth::Sizes {
            tweets: 8_000,
            dms: 8_000,
            likes: 2_000,
            followers: 1_000,
        },
    )
    .unwrap();
    let big = big.display().to_string();
    let small = fixture_path("twitter-2023");
    // The state before (the small archive alone) and after (both) a complete import.
    let reference = |archives: &[&str]| {
        let lake = dir.path().join(format!("reference-{}", archives.len()));
        assert_eq!(import_into(&lake, archives, &["--quiet"]).0, 0);
        let lake = lake.display().to_string();
        let s = analyze(&[&lake, "--account", "1000001", "--format", "json"]);
        s["overall"].clone()
    };
    let before = reference(&[&small]);
    // The generated archive is of account 1000001 as well: a second download of it.
    let after = reference(&[&small, &big]);
    assert_ne!(before, after);
    for delay_ms in [20u64, 80, 250] {
        let lake = dir.path().join(format!("lake-{delay_ms}"));
        assert_eq!(import_into(&lake, &[&small], &["--quiet"]).0, 0);
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("rapport"))
            .args(["import", &big, "--quiet", "--into"])
            .arg(&lake)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let lake_path = lake.display().to_string();
        let s = analyze(&[&lake_path, "--account", "1000001", "--format", "json"]);
        assert!(
            s["overall"] == before || s["overall"] == after,
            "killed after {delay_ms} ms: the lake reads as neither state"
        );
        assert_eq!(import_into(&lake, &[&big], &["--quiet"]).0, 0);
        let s = analyze(&[&lake_path, "--account", "1000001", "--format", "json"]);
        assert_eq!(s["overall"], after, "after {delay_ms} ms and a new import");
    }
}
