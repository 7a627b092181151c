//! Past one machine: the Spark job of `examples/spark/` imports archives into a lake on
//! Spark's local mode and computes the cohort with Spark SQL; DuckDB runs the same SQL over
//! the lake. Both must give the numbers of `rapport analyze LAKE --each`.
//!
//! It needs Java, pyspark and duckdb, which `.ci/run` installs when missing and then
//! requires (`RAPPORT_REQUIRE_SPARK=1`); elsewhere it is skipped, saying so, when they are
//! missing.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::*;

/// Whether python3 can import these modules.
fn python_has(modules: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The columns the SQL computes, per account (platform/account), from a cohort CSV.
fn cohort(path: &Path) -> BTreeMap<String, Vec<String>> {
    const KEYS: [&str; 5] = [
        "downloads",
        "engagement.posts",
        "history.posts_deleted_since",
        "history.connections_lost",
        "history.connections_gained",
    ];
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let at = |key: &str| header.iter().position(|h| h == key).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                format!("{}/{}", &r[at("platform")], &r[at("account")]),
                KEYS.iter().map(|k| r[at(k)].to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn spark_and_duckdb_give_the_cohort_of_analyze_each() {
    let required = std::env::var("RAPPORT_REQUIRE_SPARK").is_ok_and(|v| v == "1");
    if !python_has("pyspark, duckdb") {
        assert!(
            !required,
            "RAPPORT_REQUIRE_SPARK=1 but python3 cannot import pyspark and duckdb"
        );
        eprintln!(
            "spark test skipped: python3 cannot import pyspark and duckdb (.ci/run installs them)"
        );
        return;
    }
    let dir = tempdir();
    // The fixtures (two downloads of one account among them) and generated accounts.
    let generated = dir.path().join("generated");
    synth::write_accounts(
        &generated,
        4,
        synth::Sizes {
            tweets: 60,
            dms: 60,
            likes: 20,
            followers: 30,
        },
    )
    .unwrap();
    let mut archives: Vec<String> = [
        "twitter-2023",
        "twitter-2023-05",
        "twitter-2019",
        "linkedin-2024",
        "facebook-2024",
    ]
    .iter()
    .map(|f| fixture(f).display().to_string())
    .collect();
    archives.extend(
        files_below(&generated)
            .iter()
            .map(|p| p.display().to_string()),
    );
    let list = dir.path().join("archives.txt");
    fs::write(&list, archives.join("\n")).unwrap();
    // Spark: the executors import, Spark SQL computes the cohort.
    let lake = dir.path().join("lake");
    let spark_csv = dir.path().join("spark.csv");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/spark/cohort.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg("--rapport")
        .arg(assert_cmd::cargo::cargo_bin("rapport"))
        .arg("--lake")
        .arg(&lake)
        .arg("--out")
        .arg(&spark_csv)
        .args(["--master", "local[2]"])
        .arg(&list)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // rapport over the lake the executors wrote.
    let each = dir.path().join("each");
    let status = rapport()
        .args(["analyze", "--each", "--quiet", "--format", "json"])
        .arg(&lake)
        .arg("--out")
        .arg(&each)
        .output()
        .unwrap();
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let expected = cohort(&each.join("cohort.csv"));
    assert_eq!(expected.len(), 8, "{expected:?}");
    assert_eq!(
        expected["twitter/1000001"],
        ["2", "9", "1", "1", "1"],
        "two downloads of one account"
    );
    assert_eq!(cohort(&spark_csv), expected);
    // DuckDB, embedded, with the same SQL.
    let duck_csv = dir.path().join("duckdb.csv");
    let program = format!(
        r#"
import csv, re, duckdb
sql = re.sub(r"\{{ms\(([^)]*)\)\}}", r"epoch_ms(\1)", open({sql:?}).read())
con = duckdb.connect()
for t in ["posts", "interactions", "connections", "messages", "manifest"]:
    extra = ', "at" AS at_time' if t in ("interactions", "messages") else ""
    con.execute(f"CREATE VIEW {{t}} AS SELECT *{{extra}} FROM read_parquet('{lake}/{{t}}/*/*/*/*.parquet', hive_partitioning=true, hive_types_autocast=false)")
rows = con.execute(sql).fetchall()
with open({out:?}, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["platform", "account", "downloads", "engagement.posts", "history.posts_deleted_since", "history.connections_lost", "history.connections_gained"])
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
"#,
        sql = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/spark/cohort.sql")
            .display()
            .to_string(),
        lake = lake.display(),
        out = duck_csv.display().to_string(),
    );
    let out = Command::new("python3")
        .args(["-c", &program])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(cohort(&duck_csv), expected);
}
