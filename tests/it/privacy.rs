//! Privacy: every output of every fixture, redacted and not, holds no message body, no
//! email address and no phone number from the fixtures, and the HTML report and the SVG
//! charts load nothing from outside.
//!
//! The secrets are read from the fixtures here, independently of rapport's importers, so
//! that an importer that drops a message cannot hide a leak of it.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use serde_json::Value;

use crate::support::*;

/// What must never reach an output.
#[derive(Debug, Default)]
struct Secrets {
    bodies: BTreeSet<String>,
    emails: BTreeSet<String>,
    phones: BTreeSet<String>,
}

impl Secrets {
    fn all(&self) -> impl Iterator<Item = &String> {
        self.bodies.iter().chain(&self.emails).chain(&self.phones)
    }
}

/// Every string under `key` anywhere in a JSON value.
fn strings_under(value: &Value, key: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::String(s) if k == key => out.push(s.clone()),
                    other => strings_under(other, key, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| strings_under(v, key, out)),
        _ => {}
    }
}

fn json_of(text: &str) -> Value {
    let start = text.find(['[', '{']).unwrap();
    serde_json::from_str(text[start..].trim_end().trim_end_matches(';')).unwrap()
}

/// A message body worth looking for: long enough not to occur by chance in a report.
fn add_body(secrets: &mut Secrets, body: &str) {
    let body = rapport::import::mojibake::repaired(body.trim());
    if body.chars().count() >= 10 {
        let unescaped = body
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">");
        secrets.bodies.insert(unescaped);
        secrets.bodies.insert(body);
    }
}

/// Message bodies, email addresses and phone numbers in every fixture file.
fn secrets() -> Secrets {
    let mut secrets = Secrets::default();
    for path in files_below(&fixture("")) {
        let name = path.file_name().unwrap().to_string_lossy().to_lowercase();
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let mut bodies = Vec::new();
        if name.starts_with("direct-message") {
            strings_under(&json_of(&text), "text", &mut bodies);
        } else if (path.to_string_lossy().contains("facebook")
            || path.to_string_lossy().contains("instagram"))
            && name.ends_with(".json")
        {
            let value = json_of(&text);
            if value.get("messages").is_some() {
                strings_under(&value, "content", &mut bodies);
                strings_under(&value, "text", &mut bodies);
            }
            // Instagram's legacy messages.json.
            if name == "messages.json" {
                strings_under(&value, "text", &mut bodies);
            }
        } else if name == "outbox.json" {
            // Mastodon's direct statuses (addressed to neither the public nor followers)
            // are messages: their text, tags stripped.
            let value = json_of(&text);
            for item in value["orderedItems"].as_array().unwrap() {
                let note = &item["object"];
                let addressed = format!("{}{}", note["to"], note["cc"]);
                if note.is_object()
                    && !addressed.contains("Public")
                    && !addressed.contains("/followers")
                {
                    let mut html = Vec::new();
                    strings_under(note, "content", &mut html);
                    for h in html {
                        let mut plain = String::new();
                        let mut in_tag = false;
                        for c in h.chars() {
                            match c {
                                '<' => in_tag = true,
                                '>' => in_tag = false,
                                c if !in_tag => plain.push(c),
                                _ => {}
                            }
                        }
                        bodies.push(plain);
                    }
                }
            }
        } else if name == "messages.csv" {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut content = None;
            for record in reader.records().flatten() {
                match content {
                    None => content = record.iter().position(|c| c == "CONTENT"),
                    Some(i) => bodies.extend(record.get(i).map(str::to_string)),
                }
            }
        }
        for body in bodies {
            add_body(&mut secrets, &body);
        }
        // Mastodon's account addresses (`bob@other.example`) look like email addresses but
        // are the handles people are named by: they are meant to be in the report.
        let addresses_are_handles = path.to_string_lossy().contains("mastodon");
        for word in text.split(|c: char| c.is_whitespace() || "\",;<>()[]{}'".contains(c)) {
            if addresses_are_handles {
                break;
            }
            if let Some((user, host)) = word.split_once('@')
                && !user.is_empty()
                && host.contains('.')
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            {
                secrets.emails.insert(word.to_string());
            }
        }
        // `+` and at least 9 digits, with spaces or dashes between.
        let mut rest = text.as_str();
        while let Some(at) = rest.find('+') {
            let candidate: String = rest[at..]
                .chars()
                .take_while(|c| *c == '+' || c.is_ascii_digit() || *c == ' ' || *c == '-')
                .collect();
            let candidate = candidate.trim_end().to_string();
            if candidate.chars().filter(char::is_ascii_digit).count() >= 9 {
                secrets.phones.insert(candidate);
            }
            rest = &rest[at + 1..];
        }
    }
    secrets
}

/// Every analyze input of the fixtures: each archive alone, the analytics additions with
/// their archives, and all of the sample archives together.
fn inputs() -> Vec<(String, Vec<PathBuf>)> {
    let mut inputs: Vec<(String, Vec<PathBuf>)> = fs::read_dir(fixture(""))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir() && !p.ends_with("twitter-analytics") && !p.ends_with("linkedin-analytics")
        })
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                vec![p],
            )
        })
        .collect();
    inputs.push((
        "twitter-with-analytics".into(),
        vec![
            fixture("twitter-2023"),
            fixture("twitter-analytics/tweet_activity_metrics_adalove_20230101_20230201_en.csv"),
        ],
    ));
    inputs.push((
        "linkedin-with-analytics".into(),
        vec![
            fixture("linkedin-complete"),
            fixture("linkedin-analytics/Content_2024-05-01_2024-07-31_AdaExample.xlsx"),
        ],
    ));
    inputs.sort();
    inputs
}

/// Runs every output of one input into `dir`: the report in every format, redacted and
/// not, the Parquet dataset, and `inspect` in both forms; returns what they printed.
fn write_every_output(paths: &[PathBuf], dir: &Path) -> String {
    let mut printed = String::new();
    for (name, redact) in [("report", false), ("redacted", true)] {
        let mut cmd = rapport();
        cmd.arg("analyze")
            .args(paths)
            .args([
                "--format",
                "html,md,json,csv,png,svg",
                "--compare-previous",
                "--out",
            ])
            .arg(dir.join(name));
        if redact {
            cmd.arg("--redact");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{paths:?}: {out:?}");
        printed.push_str(&String::from_utf8_lossy(&out.stdout));
        printed.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    let out = rapport()
        .arg("import")
        .args(paths)
        .arg("--out")
        .arg(dir.join("dataset"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{paths:?}: {out:?}");
    printed.push_str(&String::from_utf8_lossy(&out.stderr));
    for json in [false, true] {
        let mut cmd = rapport();
        cmd.arg("inspect").args(paths);
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        printed.push_str(&String::from_utf8_lossy(&out.stdout));
        printed.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    printed
}

/// The text of every string cell of a Parquet file.
fn parquet_strings(path: &Path) -> String {
    let file = fs::File::open(path).unwrap();
    let df = ParquetReader::new(file).finish().unwrap();
    let mut text = String::new();
    let mut push = |strings: &StringChunked| {
        for value in strings.iter().flatten() {
            text.push_str(value);
            text.push('\n');
        }
    };
    for column in df.columns() {
        let series = column.as_materialized_series();
        match series.dtype() {
            DataType::String => push(series.str().unwrap()),
            DataType::List(inner) if inner.as_ref() == &DataType::String => {
                let lists = series.list().unwrap();
                for i in 0..lists.len() {
                    if let Some(cell) = lists.get_as_series(i) {
                        push(cell.str().unwrap());
                    }
                }
            }
            _ => {}
        }
    }
    text
}

/// Attributes and rules by which a browser fetches something without a click.
const FETCHING: [&str; 12] = [
    "src=\"http",
    "src='http",
    "srcset=",
    "url(http",
    "url(\"http",
    "url('http",
    "url(//",
    "@import",
    "<link",
    "<script src",
    "<iframe",
    "<object",
];

#[test]
fn no_output_holds_a_message_body_an_email_or_a_phone_number() {
    let secrets = secrets();
    assert!(secrets.bodies.len() >= 10, "{secrets:?}");
    assert!(secrets.emails.len() >= 3, "{secrets:?}");
    assert!(secrets.phones.len() >= 3, "{secrets:?}");
    let inputs = inputs();
    assert!(inputs.len() >= 14, "{inputs:?}");
    let work = tempdir();
    let leaks: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .iter()
            .map(|(name, paths)| {
                let dir = work.path().join(name);
                let secrets = &secrets;
                scope.spawn(move || {
                    let printed = write_every_output(paths, &dir);
                    let mut leaks = Vec::new();
                    let mut outputs = vec![(PathBuf::from("(stdout and stderr)"), printed)];
                    for file in files_below(&dir) {
                        let text = if file.extension().is_some_and(|e| e == "parquet") {
                            parquet_strings(&file)
                        } else {
                            String::from_utf8_lossy(&fs::read(&file).unwrap()).into_owned()
                        };
                        outputs.push((file, text));
                    }
                    assert!(outputs.len() > 20, "{name}: too few outputs");
                    for (file, text) in &outputs {
                        for secret in secrets.all() {
                            if text.contains(secret.as_str()) {
                                leaks.push(format!("{name}: {}: {secret:?}", file.display()));
                            }
                        }
                        let is_page = file.extension().is_some_and(|e| e == "html" || e == "svg");
                        for pattern in FETCHING.iter().filter(|_| is_page) {
                            if text.contains(pattern) {
                                leaks.push(format!(
                                    "{name}: {}: fetches with {pattern:?}",
                                    file.display()
                                ));
                            }
                        }
                        if is_page && text.contains("href=\"http") && !text.contains("<a ") {
                            leaks.push(format!("{name}: {}: external href", file.display()));
                        }
                    }
                    leaks
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(leaks.is_empty(), "leaked:\n{}", leaks.join("\n"));
}
