//! `rapport import` end to end: Parquet in a Hive layout that reads back equal.

use crate::support::*;
use rapport::model::parquet;

#[test]
fn import_writes_parquet_that_reads_back_equal_to_the_dataset() {
    let dir = tempdir();
    let out = dir.path().join("dataset");
    let analytics =
        fixture("twitter-analytics/tweet_activity_metrics_adalove_20230101_20230201_en.csv");
    rapport()
        .arg("import")
        .arg(fixture("twitter-2023"))
        .arg(&analytics)
        .arg(fixture("twitter-grailbird-2016"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    for frame in [
        "posts",
        "interactions",
        "connections",
        "messages",
        "accounts",
    ] {
        for account in ["1000001", "4000001"] {
            let file = out
                .join(frame)
                .join("platform=twitter")
                .join(format!("account={account}"))
                .join("part-0.parquet");
            assert!(file.is_file(), "{} missing", file.display());
        }
    }
    let back = parquet::read(&out).expect("the output reads back");
    let archives = load_paths(&[
        fixture("twitter-2023"),
        analytics,
        fixture("twitter-grailbird-2016"),
    ]);
    // Partitions are read in path order: account=1000001 before account=4000001.
    let expected =
        rapport::model::Dataset::merge(archives.iter().map(|a| a.dataset.clone()).collect())
            .unwrap();
    for ((name, a), (_, b)) in back.frames().into_iter().zip(expected.frames()) {
        assert_eq!(a.schema(), b.schema(), "{name} schema");
        assert!(a.equals_missing(b), "{name} differs:\n{a}\n{b}");
    }
    assert_eq!(back.posts.height(), 9 + 4);
}

#[test]
fn import_replaces_its_own_output_and_refuses_other_directories() {
    let dir = tempdir();
    let out = dir.path().join("dataset");
    for _ in 0..2 {
        rapport()
            .args(["import", "--quiet", "--out"])
            .arg(&out)
            .arg(fixture("twitter-2019"))
            .assert()
            .success()
            .stderr("");
    }
    assert!(
        out.join("posts/platform=twitter/account=3000001/part-0.parquet")
            .is_file()
    );
    let other = dir.path().join("precious");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    rapport()
        .args(["import", "--out"])
        .arg(&other)
        .arg(fixture("twitter-2019"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "is not an earlier output of rapport",
        ));
    assert_eq!(
        std::fs::read_to_string(other.join("notes.txt")).unwrap(),
        "mine"
    );
    // No staging directory is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".rapport-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_dataset_written_before_a_column_was_added_still_reads() {
    // Datasets written before `accounts.time_zone` existed lack it: it reads as null.
    use polars::prelude::*;
    let dir = tempdir();
    let out = dir.path().join("dataset");
    rapport()
        .args(["import", "--quiet", "--out"])
        .arg(&out)
        .arg(fixture("twitter-2023"))
        .assert()
        .success();
    let file = out.join("accounts/platform=twitter/account=1000001/part-0.parquet");
    let mut frame = ParquetReader::new(std::fs::File::open(&file).unwrap())
        .finish()
        .unwrap()
        .drop("time_zone")
        .unwrap();
    ParquetWriter::new(std::fs::File::create(&file).unwrap())
        .finish(&mut frame)
        .unwrap();
    let back = parquet::read(&out).expect("an older dataset reads");
    assert_eq!(back.accounts.column("time_zone").unwrap().null_count(), 1);
    let report = dir.path().join("report");
    rapport()
        .args(["analyze", "--quiet", "--format", "json", "--out"])
        .arg(&report)
        .arg(&out)
        .assert()
        .success();
}
