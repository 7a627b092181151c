//! The report for people, end to end: the files each format writes, the detail tables
//! against values worked out by hand from `fixtures/twitter-analysis`, the headline figures
//! of report.md against summary.json, escaping, privacy (no message body anywhere, no name
//! under `--redact`), offline HTML, identical bytes on a re-run, atomic replacement, and
//! insta snapshots of report.md and summary.json for the sample archives.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::*;

/// Runs `analyze` into `out` with `args`; the exit code and stderr.
fn analyze_into(out: &Path, args: &[&str]) -> (i32, String) {
    let output = rapport()
        .arg("analyze")
        .args(args)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `analyze` and expects success; the report directory (kept alive by the TempDir).
fn report(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let out = dir.path().join("report");
    let (code, stderr) = analyze_into(&out, args);
    assert_eq!(code, 0, "{stderr}");
    (dir, out)
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path
                    .strip_prefix(root)
                    .expect("inside")
                    .display()
                    .to_string();
                out.insert(name, fs::read(&path).expect("readable"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn text(out: &Path, name: &str) -> String {
    fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn csv_rows(out: &Path, table: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_path(out.join(format!("tables/{table}.csv"))).expect("csv");
    let mut rows = vec![
        reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect(),
    ];
    for record in reader.records() {
        rows.push(record.expect("record").iter().map(str::to_string).collect());
    }
    rows
}

fn twitter() -> String {
    fixture("twitter-analysis").display().to_string()
}

#[test]
fn every_format_is_written_by_default() {
    // With groups of one post comparable, the kinds of post (5 originals, a thread, a
    // reply) make a chart.
    let (_dir, out) = report(&[&twitter(), "--min-posts", "1"]);
    let written = files(&out);
    for name in [
        "index.html",
        "report.md",
        "summary.json",
        "tables/top_posts.csv",
        "tables/actions.csv",
        "tables/headline.csv",
        "charts/engagement_by_kind.svg",
        "charts/engagement_by_kind.png",
        "charts/hour_weekday.png",
        "charts/weekly_posts.png",
        "charts/response_times.svg",
    ] {
        assert!(
            written.contains_key(name),
            "{name} missing: {:?}",
            written.keys()
        );
    }
    // A PNG is a PNG; an SVG is one SVG document.
    assert!(written["charts/engagement_by_kind.png"].starts_with(b"\x89PNG\r\n\x1a\n"));
    let svg = String::from_utf8(written["charts/engagement_by_kind.svg"].clone()).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    // Every chart drawn has its PNG and SVG, and every chart's table is written.
    let pngs = written.keys().filter(|k| k.ends_with(".png")).count();
    let svgs = written.keys().filter(|k| k.ends_with(".svg")).count();
    assert_eq!(pngs, svgs);
}

#[test]
fn format_chooses_the_outputs() {
    let (_dir, out) = report(&[&twitter(), "--format", "md,csv"]);
    let written = files(&out);
    assert!(written.contains_key("report.md"));
    assert!(written.keys().any(|k| k.starts_with("tables/")));
    assert!(!written.contains_key("index.html"));
    assert!(!written.contains_key("summary.json"));
    assert!(!written.keys().any(|k| k.starts_with("charts/")));
    // Without PNGs, report.md links no image.
    assert!(!text(&out, "report.md").contains("](charts/"));
    let dir = tempdir();
    let (code, stderr) = analyze_into(&dir.path().join("r"), &[&twitter(), "--format", "pdf"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--format pdf: unknown"), "{stderr}");
    assert!(!dir.path().join("r").exists());
}

// twitter-analysis, content scope (original, thread, reply, quote with known counts):
//   1 Mon 01-06 09:00 "Hello #rust" 10       2 Mon 01-06 09:30 "Parsers in #rust" 20
//   3 Tue 01-07 09:00 "Great talk @dee" 30   4 Wed 01-08 14:00 "Afternoon notes" 4
//   5 Mon 01-13 09:00 "Weekly log" 6         6 Mon 01-20 14:00 thread "@owner part two" 0
//   7 Mon 02-17 09:00 reply "@bea thanks" 2
// (the repost and the post with no counts are out of scope). Sum 72, mean 72/7.
#[test]
fn top_posts_by_hand() {
    let (_dir, out) = report(&[&twitter()]);
    let rows = csv_rows(&out, "top_posts");
    assert_eq!(
        rows[0],
        [
            "rank",
            "list",
            "date",
            "platform",
            "kind",
            "media",
            "text",
            "engagement",
            "lift"
        ]
    );
    // Seven posts in scope: all of them are the top 10, and none is left for the bottom 5.
    assert_eq!(rows.len(), 1 + 7);
    // 30 / (72 / 7) = 2.916667
    assert_eq!(
        rows[1],
        [
            "1",
            "top",
            "2025-01-07",
            "twitter",
            "original",
            "none",
            "Great talk @dee #rust",
            "30",
            "2.916667"
        ]
    );
    assert_eq!(rows[2][6..], ["Parsers in #rust", "20", "1.944444"]); // 20 * 7 / 72
    // The reply's and the thread's leading @handles are addressing, not the owner's words.
    assert_eq!(rows[6][4..], ["reply", "none", "thanks", "2", "0.194444"]);
    assert_eq!(rows[7][4..], ["thread", "none", "part two", "0", "0"]);
}

#[test]
fn hour_weekday_grid_by_hand() {
    let (_dir, out) = report(&[&twitter()]);
    // Monday 09h: posts 1, 2 (09:30), 5 and 7: (10 + 20 + 6 + 2) / 4 = 9.5.
    // Monday 14h: the thread (0). Tuesday 09h: post 3 (30). Wednesday 14h: post 4 (4).
    assert_eq!(
        csv_rows(&out, "hour_weekday"),
        [
            vec!["weekday", "hour", "posts", "mean_engagement"],
            vec!["Monday", "9", "4", "9.5"],
            vec!["Monday", "14", "1", "0"],
            vec!["Tuesday", "9", "1", "30"],
            vec!["Wednesday", "14", "1", "4"],
        ]
    );
}

#[test]
fn weekly_posts_by_hand() {
    let (_dir, out) = report(&[&twitter()]);
    let rows = csv_rows(&out, "weekly_posts");
    // The period 2025-01-06 .. 2025-04-30 touches ISO weeks 2 to 18: 17 weeks.
    assert_eq!(rows.len(), 1 + 17);
    // Originals 1-4 in week 2, 5 in week 3, the thread in week 4, the post with no counts
    // (an original, 02-19) in week 8; the reply is no original or thread post.
    assert_eq!(rows[1], ["2025-W02", "2025-01-06", "4"]);
    assert_eq!(rows[2], ["2025-W03", "2025-01-13", "1"]);
    assert_eq!(rows[3], ["2025-W04", "2025-01-20", "1"]);
    assert_eq!(rows[4], ["2025-W05", "2025-01-27", "0"]);
    assert_eq!(rows[7], ["2025-W08", "2025-02-17", "1"]);
    assert_eq!(rows[17], ["2025-W18", "2025-04-28", "0"]);
    let total: u32 = rows[1..].iter().map(|r| r[2].parse::<u32>().unwrap()).sum();
    assert_eq!(total, 7); // = posts_per_active_week 1.75 x 4 active weeks
}

#[test]
fn response_time_bands_by_hand() {
    let (_dir, out) = report(&[&twitter()]);
    let rows = csv_rows(&out, "response_times");
    let band = |who: &str, band: &str| -> String {
        rows.iter()
            .find(|r| r[0] == who && r[1] == band)
            .map(|r| r[2].clone())
            .unwrap_or_else(|| panic!("{who} {band}"))
    };
    // The owner answered Cal in 1 h (bands include their upper bound), Bea in 4 h and in
    // 25 h; Dee and Fay wait (analyze.rs: the_owner_answering_by_hand).
    assert_eq!(band("owner", "within 1 h"), "1");
    assert_eq!(band("owner", "1-4 h"), "1");
    assert_eq!(band("owner", "4-24 h"), "0");
    assert_eq!(band("owner", "1-3 days"), "1");
    assert_eq!(band("owner", "unanswered"), "2");
    // Others answered the owner in 1 h and 50 h; two turns of the owner's wait.
    assert_eq!(band("others", "within 1 h"), "1");
    assert_eq!(band("others", "1-3 days"), "1");
    assert_eq!(band("others", "unanswered"), "2");
}

/// The number a person reads in a report.md cell, without its unit.
/// A figure as shown: its number (separators dropped) and the hours in its unit, for a
/// duration (`4.3 weeks` -> (4.3, Some(168))).
fn shown_number(cell: &str) -> Option<(f64, Option<f64>)> {
    let cell = cell.trim().replace(',', "");
    let units = [
        (" min", 1.0 / 60.0),
        (" h", 1.0),
        (" days", 24.0),
        (" weeks", 168.0),
        (" months", 30.436875 * 24.0),
        (" years", 365.2425 * 24.0),
    ];
    for (unit, hours) in units {
        if let Some(n) = cell.strip_suffix(unit) {
            return Some((n.parse().ok()?, Some(hours)));
        }
    }
    Some((cell.trim_end_matches('%').parse().ok()?, None))
}

#[test]
fn headline_figures_in_report_md_are_summary_json_figures() {
    let (_dir, out) = report(&[
        &twitter(),
        &fixture("linkedin-analysis").display().to_string(),
    ]);
    let summary: Value = serde_json::from_str(&text(&out, "summary.json")).unwrap();
    let md = text(&out, "report.md");
    let section = md
        .split("## Headline figures")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a headline section");
    let lines: Vec<&str> = section.lines().filter(|l| l.starts_with('|')).collect();
    let header: Vec<&str> = lines[0]
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .collect();
    assert_eq!(header, ["Figure", "overall", "twitter", "linkedin"]);
    let mut checked = 0;
    let headlines: Vec<_> = rapport::pipeline::registry::sections()
        .into_iter()
        .flat_map(|s| s.headlines().iter())
        .collect();
    assert_eq!(headlines.len(), 20);
    for h in headlines {
        let cells: Option<Vec<&str>> = lines
            .iter()
            .map(|l| {
                l.trim_matches('|')
                    .split('|')
                    .map(str::trim)
                    .collect::<Vec<_>>()
            })
            .find(|cells| cells[0] == h.label);
        // A figure unknown on every platform is named under the table instead.
        let Some(cells) = cells else {
            assert!(
                md.contains(&format!(
                    "unknown on every platform: {}",
                    h.label.to_lowercase()
                )) || md.contains(&format!("; {} (", h.label.to_lowercase())),
                "no row for {}",
                h.label
            );
            continue;
        };
        for (column, scope) in ["overall", "twitter", "linkedin"].iter().enumerate() {
            // The typed figure the report shows and summary.json's number under its key.
            let expected = h
                .key
                .split('.')
                .try_fold(&summary[scope], |v, k| v.get(k))
                .and_then(Value::as_f64);
            let cell = cells[column + 1];
            match expected {
                None => assert!(cell.starts_with("n/a"), "{scope}.{}: {cell}", h.key),
                Some(v) => {
                    let (shown, unit_hours) =
                        shown_number(cell).unwrap_or_else(|| panic!("{cell}"));
                    let v = if cell.ends_with('%') { v * 100.0 } else { v };
                    // A duration is shown in its own unit: the summary's hours or days in it.
                    let v = match unit_hours {
                        Some(per) if h.key.ends_with("_days") => v * 24.0 / per,
                        Some(per) => v / per,
                        None => v,
                    };
                    // Shown to 0, 1 or 2 decimals: within half of the last place.
                    assert!(
                        (shown - v).abs() <= 0.05 + 1e-9,
                        "{scope}.{}: shown {cell}, summary {v}",
                        h.key
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 30, "{checked} figures compared");
}

#[test]
fn compare_previous_shows_the_previous_value_and_the_change() {
    let (_dir, out) = report(&[
        &twitter(),
        "--since",
        "2025-03-01",
        "--until",
        "2025-04-30",
        "--compare-previous",
    ]);
    let md = text(&out, "report.md");
    assert!(
        md.contains("| Figure | twitter | twitter (previous) | twitter (change) |"),
        "{md}"
    );
    let posts = md
        .lines()
        .find(|l| l.starts_with("| Posts |"))
        .expect("posts row");
    // Posts: none from 03-01 to 04-30; 9 in the 61 days before (01-06 .. 02-19).
    assert_eq!(posts, "| Posts | 0 | 9 | ▼ -9 (-100%) |");
    let summary: Value = serde_json::from_str(&text(&out, "summary.json")).unwrap();
    assert_eq!(summary["twitter"]["previous"]["engagement"]["posts"], 9);
    assert_eq!(summary["twitter"]["change"]["engagement"]["posts"], -9.0);
    assert!(files(&out).contains_key("charts/compare_previous.svg"));
}

#[test]
fn a_chart_with_no_data_is_left_out_with_a_sentence() {
    let (_dir, out) = report(&[&twitter()]);
    // Twitter's follower lists carry no dates: no growth chart, and the report says why.
    assert!(!out.join("charts/growth.png").exists());
    assert!(!out.join("charts/growth.svg").exists());
    let md = text(&out, "report.md");
    assert!(
        md.contains(
            "Network growth: connections by month (cumulative): not drawn. No connection has a date"
        ),
        "{md}"
    );
    let html = text(&out, "index.html");
    assert!(html.contains("not drawn. No connection has a date"));
}

#[test]
fn an_na_shows_its_reason_in_index_html_and_in_report_md() {
    let mastodon = fixture("mastodon-2024").display().to_string();
    let (_dir, out) = report(&[&mastodon]);
    let html = text(&out, "index.html");
    // The responsiveness figures of a one-sided archive: each n/a links to one reason,
    // listed once under its table.
    let reason = "n/a: the Mastodon archive holds only the messages you sent: turns, answers \
                  and starts are unknown";
    let section = html
        .split("<section id=\"responsiveness\">")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("a responsiveness section");
    assert_eq!(section.matches(reason).count(), 1, "{section}");
    // Turns (0) is known; the seven other figures are n/a for that one reason.
    assert_eq!(section.matches("n&#x2F;a<sup><a href=\"#why-").count(), 7);
    // summary.json gives the same reason.
    let summary: Value = serde_json::from_str(&text(&out, "summary.json")).unwrap();
    let notes: Vec<&str> = summary["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(notes.contains(
        &"overall.responsiveness.within_24h_rate: the Mastodon archive holds only the messages \
          you sent: turns, answers and starts are unknown"
    ));
    // report.md numbers the reasons under the table too.
    let md = text(&out, "report.md");
    assert!(
        md.contains("| You answered within 24 hours | n/a \\[1\\] |"),
        "{md}"
    );
    assert!(
        md.contains(
            "\\[1\\] n/a: the Mastodon archive holds only the messages you sent: turns, answers \
             and starts are unknown"
        ),
        "{md}"
    );
}

/// twitter-analysis with a post text and a display name that are markup.
fn hostile_fixture(dir: &Path) -> PathBuf {
    let dest = dir.join("twitter-hostile");
    copy_dir(&fixture("twitter-analysis"), &dest);
    let tweets = dest.join("data/tweets.js");
    let t = fs::read_to_string(&tweets).unwrap();
    let t = t.replace(
        "Great talk @dee #rust",
        "<script>alert(1)</script> @dee #rust",
    );
    let t = t.replace("\"name\": \"Dee\"", "\"name\": \"D\\\"ee & </svg>\"");
    assert!(t.contains("alert(1)") && t.contains("</svg>"));
    fs::write(&tweets, t).unwrap();
    dest
}

#[test]
fn archive_text_is_escaped_in_html_markdown_and_svg() {
    let dir = tempdir();
    let archive = hostile_fixture(dir.path());
    let out = dir.path().join("report");
    let (code, stderr) = analyze_into(&out, &[&archive.display().to_string()]);
    assert_eq!(code, 0, "{stderr}");
    let html = text(&out, "index.html");
    assert!(!html.contains("<script"), "a script element in index.html");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;"));
    // Only the charts' own SVG elements close: the name's "</svg>" is text.
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
    assert!(html.contains("D&quot;ee &amp; &lt;"), "the name, escaped");
    let md = text(&out, "report.md");
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!md.contains("<script"));
    assert!(md.contains("D\"ee &amp; &lt;/svg&gt;"));
    // The strongest counterparts chart names Dee: escaped inside the SVG's text.
    let svg = text(&out, "charts/top_counterparts.svg");
    assert!(svg.contains("D&quot;ee &amp; &lt;/svg&gt;"), "{svg}");
    assert_eq!(svg.matches("</svg>").count(), 1);
}

#[test]
fn index_html_fetches_nothing() {
    let (_dir, out) = report(&[]);
    let html = text(&out, "index.html");
    for needle in [
        "<script", "<link", "<img", "<iframe", "<object", "@import", "url(",
    ] {
        assert!(!html.contains(needle), "index.html holds {needle}");
    }
    for attribute in ["src=", "href='http", "xlink:href"] {
        assert!(!html.contains(attribute), "index.html holds {attribute}");
    }
    // The only web addresses are links to people's profiles, which a reader follows by a
    // click and which tell the site nothing of where they came from.
    let links = html.matches("href=\"http").count();
    assert!(links > 0, "no person links to a profile");
    assert_eq!(
        html.matches("<a href=\"https://").count(),
        links,
        "a web address that is not a link to a profile"
    );
    assert_eq!(html.matches("rel=\"noopener noreferrer\"").count(), links);
    // The SVGs lose their namespace URL inline.
    assert!(!html.contains("xmlns=\"http"));
    // Charts are inline.
    assert!(html.matches("<svg").count() >= 5);
}

/// The message bodies of a fixture folder, as the archive holds them.
fn message_bodies(dir: &Path, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().to_lowercase();
        if path.is_dir() {
            message_bodies(&path, out);
        } else if name.starts_with("direct-message") && name.ends_with(".js") {
            let t = fs::read_to_string(&path).unwrap();
            let json = &t[t.find('=').map_or(0, |i| i + 1)..];
            if let Ok(v) = serde_json::from_str::<Value>(json) {
                strings_under(&v, "text", out);
            }
        } else if name.starts_with("message") && name.ends_with(".json") {
            let v: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
            strings_under(&v, "content", out);
        } else if name.starts_with("messages") && name.ends_with(".csv") {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_path(&path)
                .unwrap();
            let headers = reader.headers().unwrap().clone();
            if let Some(i) = headers.iter().position(|h| h == "CONTENT") {
                for record in reader.records().flatten() {
                    if let Some(body) = record.get(i) {
                        out.push(body.to_string());
                    }
                }
            }
        }
    }
}

fn strings_under(v: &Value, key: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::String(s) if k == key => out.push(s.clone()),
                    other => strings_under(other, key, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| strings_under(i, key, out)),
        _ => {}
    }
}

#[test]
fn no_message_body_reaches_any_output() {
    let runs: Vec<Vec<String>> = vec![
        vec![],
        vec![twitter()],
        vec![fixture("linkedin-analysis").display().to_string()],
        vec![fixture("facebook-e2ee").display().to_string()],
        vec![fixture("twitter-2019").display().to_string()],
        vec![fixture("linkedin-2018").display().to_string()],
        vec![fixture("facebook-2018").display().to_string()],
    ];
    let mut bodies = Vec::new();
    message_bodies(&fixture(""), &mut bodies);
    // Short bodies ("ok", "Thanks!") are words any text may hold; every body of 12 or more
    // characters is checked.
    bodies.retain(|b| b.trim().chars().count() >= 12);
    bodies.sort();
    bodies.dedup();
    assert!(bodies.len() >= 20, "found only {} bodies", bodies.len());
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_dir, out) = report(&args);
        for (name, bytes) in files(&out) {
            let content = String::from_utf8_lossy(&bytes);
            for body in &bodies {
                assert!(
                    !content.contains(body.trim()),
                    "{name} of {args:?} holds the message body {body:?}"
                );
            }
        }
    }
}

/// Every counterpart id, name and handle of the sample archives' dataset.
fn sample_people() -> Vec<String> {
    use rapport::analysis::columns::strs;
    let paths: Vec<PathBuf> = rapport::pipeline::SAMPLE_ARCHIVES
        .iter()
        .map(|a| fixture(a))
        .collect();
    let input = rapport::pipeline::read_input(
        &paths,
        rapport::import::LoadOptions::default(),
        &rapport::progress::Reporter::silent(),
    )
    .unwrap();
    let data = &input.dataset;
    let mut people = Vec::new();
    for (frame, column) in [
        (&data.interactions, "counterpart_id"),
        (&data.interactions, "counterpart_name"),
        (&data.connections, "counterpart_id"),
        (&data.connections, "name"),
        (&data.connections, "handle"),
    ] {
        for v in strs(frame, column).unwrap().into_iter().flatten() {
            people.push(v.to_string());
        }
    }
    people.retain(|p| p.chars().count() >= 4);
    people.sort();
    people.dedup();
    people
}

#[test]
fn redact_leaves_no_name_handle_id_or_profile_url_in_any_output() {
    let people = sample_people();
    assert!(people.iter().any(|p| p.contains("linkedin.com/in/")));
    assert!(people.len() >= 15, "{people:?}");
    let (_dir, out) = report(&["--redact"]);
    for (name, bytes) in files(&out) {
        let content = String::from_utf8_lossy(&bytes);
        for person in &people {
            // Names are also checked as the report escapes them.
            let escaped = person.replace('&', "&amp;");
            assert!(
                !content.contains(person.as_str()) && !content.contains(&escaped),
                "{name} names {person:?} under --redact"
            );
        }
    }
    // Pseudonyms are in every output that names people, the same in each.
    let summary: Value = serde_json::from_str(&text(&out, "summary.json")).unwrap();
    let first = summary["overall"]["actions"]["actions"][0]["counterpart_id"]
        .as_str()
        .expect("an action")
        .to_string();
    assert!(first.starts_with("Person "), "{first}");
    assert!(text(&out, "report.md").contains(&first));
    assert!(text(&out, "index.html").contains(&first));
    assert!(text(&out, "tables/actions.csv").contains(&first));
    // Post texts are left out.
    assert!(!text(&out, "report.md").contains("Text (first 80 characters)"));
    // The same pseudonyms on a second run of the same archives.
    let (_dir2, again) = report(&["--redact"]);
    assert_eq!(text(&out, "summary.json"), text(&again, "summary.json"));
    // 13 letters or digits: 65 bits.
    assert_eq!(first.len(), "Person ".len() + 13, "{first}");
}

#[test]
fn redact_takes_out_the_owners_identity_and_groups_too_small_to_hide_anyone() {
    let (_dir, out) = report(&["--redact"]);
    // The owners of the sample archives: Twitter id 1000001 and handle adalove, LinkedIn's
    // Ada Example, Instagram's ada.lovelace (Ada Lovelace), Mastodon's alice@ex.social.
    let owner = [
        "1000001",
        "adalove",
        "Ada Lovelace",
        "ada.lovelace",
        "Ada Example",
        "AdaExample",
        "ada-example",
        "alice@ex.social",
    ];
    for (name, bytes) in files(&out) {
        let content = String::from_utf8_lossy(&bytes);
        for id in owner {
            assert!(
                !content.contains(id),
                "{name} names the owner ({id}) under --redact"
            );
        }
    }
    let summary: Value = serde_json::from_str(&text(&out, "summary.json")).unwrap();
    assert_eq!(summary["archives"][0]["account"], "owner");
    assert_eq!(summary["archives"][0]["file"], "archive 1");
    // Every company has one connection in the samples: each would point at a person.
    assert_eq!(
        summary["overall"]["growth"]["top_companies"],
        serde_json::json!([])
    );
    assert_eq!(csv_rows(&out, "top_companies").len(), 1); // the header alone
    // Unredacted, they are listed.
    let (_dir2, plain) = report(&[]);
    assert_eq!(csv_rows(&plain, "top_companies").len(), 4);
}

#[test]
fn two_runs_write_identical_bytes() {
    let (_a, first) = report(&[]);
    let (_b, second) = report(&[]);
    let (one, two) = (files(&first), files(&second));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &one {
        assert!(bytes == &two[name], "{name} differs between two runs");
    }
}

#[test]
fn a_failed_run_leaves_the_earlier_report_and_no_temporary_directory() {
    let dir = tempdir();
    let out = dir.path().join("report");
    let (code, stderr) = analyze_into(&out, &[&twitter()]);
    assert_eq!(code, 0, "{stderr}");
    let before = files(&out);
    let broken = dir.path().join("broken.zip");
    fs::write(&broken, b"PK\x03\x04 not really a zip").unwrap();
    let (code, stderr) = analyze_into(&out, &[&broken.display().to_string()]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(files(&out), before, "the earlier report changed");
    let leftovers: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".rapport-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_last_line_names_index_html() {
    let dir = tempdir();
    let out = dir.path().join("report");
    let output = rapport()
        .arg("analyze")
        .arg(twitter())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr.lines().last().unwrap_or("");
    assert!(
        last.starts_with("rapport: wrote ") && last.contains("index.html"),
        "{stderr}"
    );
    // No progress bar on a pipe: no carriage returns or escape sequences.
    assert!(
        !stderr.contains('\r') && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
    let quiet = rapport()
        .arg("analyze")
        .arg(twitter())
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(quiet.status.success());
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}

#[test]
fn snapshot_of_the_sample_report() {
    let (_dir, out) = report(&[]);
    insta::assert_snapshot!("sample_report_md", text(&out, "report.md"));
    insta::assert_snapshot!("sample_summary_json", text(&out, "summary.json"));
}

#[test]
fn the_bottom_five_are_the_least_engaging_posts_outside_the_top_ten() {
    // 18 posts on 18 days of January 2025; post i has i likes (i = 1..18).
    let mut tweets = Vec::new();
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    for i in 1..=18usize {
        let day = days[(i + 1) % 7]; // 2025-01-01 was a Wednesday
        tweets.push(format!(
            r#"{{"tweet": {{"id_str": "{i}", "created_at": "{day} Jan {i:02} 09:00:00 +0000 2025", "full_text": "Post number {i}", "favorite_count": "{i}", "retweet_count": "0", "entities": {{}}}}}}"#
        ));
    }
    let dir = tempdir();
    let archive = dir.path().join("many");
    copy_dir(&fixture("twitter-analysis"), &archive);
    fs::write(
        archive.join("data/tweets.js"),
        format!("window.YTD.tweets.part0 = [{}]", tweets.join(",")),
    )
    .unwrap();
    let (_out_dir, out) = report(&[&archive.display().to_string()]);
    let rows = csv_rows(&out, "top_posts");
    assert_eq!(rows.len(), 1 + 10 + 5);
    // Top: 18 down to 9 likes. Mean = (1 + ... + 18) / 18 = 9.5, so the top post's lift is
    // 18 / 9.5 = 1.894737.
    assert_eq!(rows[1][..2], ["1", "top"]);
    assert_eq!(rows[1][6..], ["Post number 18", "18", "1.894737"]);
    assert_eq!(rows[10][6..8], ["Post number 9", "9"]);
    // Bottom: 1 up to 5 likes, ranked from the least.
    assert_eq!(rows[11][..2], ["1", "bottom"]);
    assert_eq!(rows[11][6..], ["Post number 1", "1", "0.105263"]); // 1 / 9.5
    assert_eq!(rows[15][6..8], ["Post number 5", "5"]);
    let md = text(&out, "report.md");
    assert!(md.contains("Least engaging posts:"));
}

#[test]
fn a_directory_with_other_files_is_never_replaced() {
    let dir = tempdir();
    let out = dir.path().join("mine");
    fs::create_dir_all(out.join("charts")).unwrap();
    fs::write(out.join("thesis.tex"), "mine").unwrap();
    let (code, stderr) = analyze_into(&out, &[&twitter()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("is not an earlier output of rapport"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(out.join("thesis.tex")).unwrap(), "mine");
    // An earlier report of one format only is replaced.
    let report_dir = dir.path().join("report");
    assert_eq!(
        analyze_into(&report_dir, &[&twitter(), "--format", "csv"]).0,
        0
    );
    assert_eq!(analyze_into(&report_dir, &[&twitter()]).0, 0);
    assert!(report_dir.join("index.html").is_file());
}

#[test]
fn the_dormant_table_names_people_as_the_rest_of_the_report_does() {
    // twitter-2023 until 2023-06-01: Grace (2001) and Alan (2002), silent since January,
    // are dormant. The archive names them in mentions; the table used to show 2001.
    let archive = fixture("twitter-2023").display().to_string();
    let (_dir, out) = report(&[&archive, "--until", "2023-06-01"]);
    let md = text(&out, "report.md");
    assert!(
        md.contains(
            "| [Grace Hopper](<https://twitter.com/intent/user?user_id=2001>) | twitter | 5 | \
             2023-01-10T09:00:00Z |"
        ),
        "{md}"
    );
    assert!(!md.contains("| 2001 |"), "{md}");
    let rows = csv_rows(&out, "dormant");
    assert_eq!(
        rows[0],
        [
            "name",
            "platform",
            "counterpart_id",
            "counterpart_name",
            "profile_url",
            "interactions_before",
            "last_interaction_at",
            "platforms"
        ]
    );
    assert_eq!(
        rows[1][..5],
        [
            "Grace Hopper",
            "twitter",
            "2001",
            "Grace Hopper",
            "https://twitter.com/intent/user?user_id=2001"
        ]
    );
    let summary: Value = serde_json::from_str(&text(&out, "summary.json")).unwrap();
    assert_eq!(
        summary["overall"]["dormant"]["dormant_relationships"][0]["counterpart_name"],
        "Grace Hopper"
    );
}

#[test]
fn a_person_known_by_id_alone_is_shown_by_a_link_to_their_profile() {
    // twitter-analysis: Fay (605) only ever wrote direct messages, which name people by
    // numeric id; no mention, reply or list gives her name or handle. She leads the action
    // list (an unanswered turn, 3 unreciprocated messages). Cal (602) is named nowhere but
    // a reply pairs his id with @cal.
    let archive = fixture("twitter-analysis").display().to_string();
    let (_dir, out) = report(&[&archive]);
    let fay = "https://twitter.com/intent/user?user_id=605";
    let md = text(&out, "report.md");
    assert!(
        md.contains(&format!(
            "| [user 605](<{fay}>) | twitter | waiting for your answer since"
        )),
        "{md}"
    );
    assert!(md.contains("| [@cal](<https://twitter.com/intent/user?user_id=602>) | twitter | quiet since 15 Jan 2025"), "{md}");
    assert!(!md.contains("| 605 |"), "{md}");
    let html = text(&out, "index.html");
    assert!(html.contains(&format!(
        "<a href=\"{fay}\" rel=\"noopener noreferrer\">user 605</a>"
    )));
    let rows = csv_rows(&out, "actions");
    assert_eq!(
        rows[0][..5],
        [
            "name",
            "platform",
            "counterpart_id",
            "counterpart_name",
            "profile_url"
        ]
    );
    assert_eq!(rows[1][..5], ["user 605", "twitter", "605", "", fay]);
    for table in ["top_counterparts", "supporters", "dormant", "actions"] {
        let rows = csv_rows(&out, table);
        assert_eq!(rows[0][0], "name", "{table}");
        assert!(rows[0].iter().any(|c| c == "profile_url"), "{table}");
        assert!(
            rows[1..]
                .iter()
                .all(|r| !r[0].chars().all(|c| c.is_ascii_digit())),
            "{table}: a bare number"
        );
    }
    let summary: Value = serde_json::from_str(&text(&out, "summary.json")).unwrap();
    let first = &summary["overall"]["actions"]["actions"][0];
    assert_eq!(first["counterpart_id"], "605");
    assert_eq!(first["counterpart_name"], Value::Null);
    assert_eq!(first["profile_url"], fay);
    // Under --redact the links go with the ids.
    let (_dir2, redacted) = report(&[&archive, "--redact"]);
    for file in [
        "report.md",
        "index.html",
        "summary.json",
        "tables/actions.csv",
    ] {
        let t = text(&redacted, file);
        assert!(!t.contains("intent/user"), "{file}");
        assert!(!t.contains("href=\"http"), "{file}");
    }
}

#[test]
fn without_engagement_the_heatmap_is_posting_activity_and_says_so() {
    // instagram-2024 gives no count for any post. Its four posts (a story is no post): Sat
    // 20 Jan 10:00, Mon 11 Mar 14:11 (a carousel), Tue 2 Apr 18:30 (a reel), Mon 13 May
    // 02:21 UTC.
    let archive = fixture("instagram-2024").display().to_string();
    let (_dir, out) = report(&[&archive]);
    let rows = csv_rows(&out, "hour_weekday");
    assert_eq!(
        rows,
        [
            ["weekday", "hour", "posts", "mean_engagement"],
            ["Monday", "2", "1", ""],
            ["Monday", "14", "1", ""],
            ["Tuesday", "18", "1", ""],
            ["Saturday", "10", "1", ""],
        ]
    );
    let md = text(&out, "report.md");
    assert!(
        md.contains("the heatmap shows when you post, not what works"),
        "{md}"
    );
    assert!(
        md.contains("![When you post: posts by local hour and weekday]"),
        "{md}"
    );
    assert!(!md.contains("Best hour to post"), "{md}");
    let summary: Value = serde_json::from_str(&text(&out, "summary.json")).unwrap();
    assert_eq!(summary["instagram"]["lift"]["best_hour"], Value::Null);
}

#[test]
fn a_dormant_relationship_says_since_when_wherever_it_stands_in_the_reasons() {
    // twitter-analysis in 2025Q2: Fay (605) is first an unreciprocated supporter (her first
    // message of the quarter on 1 Apr), then dormant (her last interaction 1 Apr 09:10).
    let archive = fixture("twitter-analysis").display().to_string();
    let (_dir, out) = report(&[&archive, "--quarter", "2025Q2"]);
    let md = text(&out, "report.md");
    assert!(
        md.contains(
            "supports you (3+ times since 1 Apr 2025) and you never interacted back; quiet \
             since 1 Apr 2025, after 3 interactions"
        ),
        "{md}"
    );
}

#[test]
fn the_summary_names_three_things_to_do_with_their_figures() {
    // The samples, overall: 6 of 15 turns answered within a day (40.0%), median answer 23.2 h;
    // 9 connections made in the period with a known time, 2 followed up within a week; 2
    // relationships dormant (Grace Hopper's Facebook one is not: she is one person with her
    // Twitter and LinkedIn accounts, active in the last 90 days). One item per section,
    // answering first.
    let (_dir, out) = report(&[]);
    let md = text(&out, "report.md");
    let summary: Vec<&str> = md
        .lines()
        .skip_while(|l| *l != "## In short")
        .take_while(|l| *l != "## Who to write to now")
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(
        summary,
        [
            "1. Answer faster: you answered 40.0% of the messages waiting for you within a day, \
             and your median answer took 23.2 h. Answering within a day is what keeps a \
             conversation alive.",
            "2. 7 of 9 new connections got no message within a week. A note soon after \
             connecting turns a contact into a relationship.",
            "3. 2 relationships went quiet for 90 days: a short message is worth it.",
        ]
    );
    let s: Value = serde_json::from_str(&text(&out, "summary.json")).unwrap();
    assert_eq!(s["overall"]["responsiveness"]["within_24h_rate"], 0.4);
    assert_eq!(s["overall"]["follow_up"]["connections_made"], 9);
    assert_eq!(s["overall"]["follow_up"]["followed_up"], 2);
    assert_eq!(s["overall"]["dormant"]["dormant"], 2);
    // The summary comes first, then the actions, then the headline table.
    let order: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("## "))
        .take(3)
        .collect();
    assert_eq!(
        order,
        [
            "## In short",
            "## Who to write to now",
            "## Headline figures"
        ]
    );
    // A figure unknown on every platform leaves the table for one line with its reason:
    // with no link, no single account supports the owner 3 times (Grace Hopper's 2 + 2 + 2
    // inbound are on three platforms).
    let samples: Vec<String> = rapport::pipeline::SAMPLE_ARCHIVES
        .iter()
        .map(|a| fixture(a).display().to_string())
        .collect();
    let mut args: Vec<&str> = samples.iter().map(String::as_str).collect();
    args.push("--no-link");
    let (_dir, out) = report(&args);
    let md = text(&out, "report.md");
    assert!(!md.contains("| Supporters (3+) you reciprocated |"), "{md}");
    assert!(
        md.contains(
            "Not shown, unknown on every platform: supporters (3+) you reciprocated (no \
             counterpart has 3 or more inbound interactions in the period)."
        ),
        "{md}"
    );
}

#[test]
fn the_report_defines_its_words_once_and_speaks_no_option_names() {
    let (_dir, out) = report(&[&twitter(), "--min-posts", "3"]);
    let md = text(&out, "report.md");
    assert!(md.contains("## How to read this report"), "{md}");
    assert!(
        md.contains("A group needs at least 3 posts to be compared."),
        "{md}"
    );
    // Words of the tool's own making stay out of what a person reads.
    for jargon in ["--min-posts", "--top", "ISO week", "90th-percentile"] {
        assert!(!md.contains(jargon), "{jargon} in report.md");
    }
    let words: Vec<&str> = md.split(|c: char| !c.is_alphanumeric()).collect();
    assert!(
        !words.contains(&"turns") && !words.contains(&"turn"),
        "turns in report.md"
    );
}

#[test]
fn a_chart_that_would_compare_one_group_is_left_out_with_its_sentence() {
    // twitter-analysis: of the kinds of post only "original" has 5 posts (a thread and a
    // reply have 1 each); every post has no media and 0-70 characters; 7 counterparts but
    // the weekly chart and the heatmap have several cells.
    let (_dir, out) = report(&[&twitter()]);
    let md = text(&out, "report.md");
    for sentence in [
        "Mean engagement by kind of post: not drawn. Only one kind of post has 5 or more posts \
         with a known engagement: too few to compare.",
        "Lift by length of post (characters): not drawn. Only one length band has 5 or more \
         posts with a known engagement in the period: too few to compare.",
        "Lift by link domain: not drawn. No link domain has 5 or more posts with a known \
         engagement in the period: too few to compare.",
    ] {
        assert!(md.contains(sentence), "{sentence}\n{md}");
    }
    let written = files(&out);
    assert!(!written.contains_key("charts/engagement_by_kind.png"));
    assert!(written.contains_key("charts/hour_weekday.png"));
    // One post in one hour of one weekday: no heatmap.
    let dir = tempdir();
    let archive = dir.path().join("one");
    copy_dir(&fixture("twitter-analysis"), &archive);
    let (_d, one) = report(&[
        &archive.display().to_string(),
        "--since",
        "2025-01-06",
        "--until",
        "2025-01-06",
    ]);
    let md = text(&one, "report.md");
    assert!(md.contains("there is nothing to compare"), "{md}");
}

#[test]
fn which_posts_work_is_said_per_platform_when_there_are_several() {
    // The samples: LinkedIn's one post with 120 engagements would make its kind and media
    // win a pooled comparison. Each platform is compared with its own average instead, and
    // Twitter/X's originals are the only group of 5 posts on any platform: the advice
    // gives their lift in the Twitter/X scope.
    let (_dir, out) = report(&[]);
    let md = text(&out, "report.md");
    let advice: Vec<&str> = md.lines().filter(|l| l.contains("works best")).collect();
    assert_eq!(advice.len(), 1, "{advice:?}");
    let s: Value = serde_json::from_str(&text(&out, "summary.json")).unwrap();
    let lift = s["twitter"]["lift"]["kind"]["original"]["lift"]
        .as_f64()
        .unwrap();
    let percent = ((lift - 1.0) * 100.0).round() as i64;
    assert_eq!(
        advice[0],
        format!(
            "> **Advice:** On Twitter/X, by kind of post, original works best: +{percent}% \
             engagement against your average post there."
        )
    );
    // One platform: no "On ..." and no "there".
    let (_d, one) = report(&[&twitter(), "--min-posts", "1"]);
    let md = text(&one, "report.md");
    assert!(
        md.contains("> **Advice:** By kind of post, original works best: +"),
        "{md}"
    );
}

#[test]
fn engagement_by_month_by_hand() {
    // twitter-analysis, 2025-01-06 .. 2025-04-30: January's scope posts have 30, 20, 10, 6,
    // 4 and 0 engagement (six posts, 70, mean 11.67); February's one reply 2; March and
    // April none. No impressions: no rate.
    let (_dir, out) = report(&[&twitter()]);
    assert_eq!(
        csv_rows(&out, "engagement_by_month"),
        [
            [
                "month",
                "posts",
                "engagement_total",
                "mean_engagement",
                "engagement_rate"
            ],
            ["2025-01", "6", "70", "11.666667", ""],
            ["2025-02", "1", "2", "2", ""],
            ["2025-03", "0", "", "", ""],
            ["2025-04", "0", "", "", ""],
        ]
    );
    assert!(files(&out).contains_key("charts/engagement_by_month.png"));
}

#[test]
fn messages_by_month_by_hand() {
    // twitter-analysis (the DMs are listed in tests/it/analyze.rs): January, Bea's 3 and
    // Cal's 1 received, the owner's 4 to Bea and 2 to Cal; February the owner's one to Bea;
    // March the one body the owner sent into 5 group conversations; April Dee's 1, Eve's 1
    // and Fay's 3.
    let (_dir, out) = report(&[&twitter()]);
    assert_eq!(
        csv_rows(&out, "messages_by_month"),
        [
            ["month", "sent", "received"],
            ["2025-01", "6", "4"],
            ["2025-02", "1", "0"],
            ["2025-03", "5", "0"],
            ["2025-04", "0", "5"],
        ]
    );
    assert!(files(&out).contains_key("charts/messages_by_month.png"));
    // Mastodon holds only what the owner sent: no received count, not 0.
    let (_d, m) = report(&[&fixture("mastodon-2024").display().to_string()]);
    let rows = csv_rows(&m, "messages_by_month");
    assert!(rows[1..].iter().all(|r| r[2].is_empty()), "{rows:?}");
}

#[test]
fn the_best_post_of_each_month_by_hand() {
    // twitter-analysis: January's most engaging scope post is "Great talk @dee #rust" (30,
    // 7 Jan); February's only one the reply "thanks" (2, 17 Feb); March and April have none.
    let (_dir, out) = report(&[&twitter()]);
    assert_eq!(
        csv_rows(&out, "best_post_by_month"),
        [
            ["month", "date", "platform", "kind", "text", "engagement"],
            [
                "2025-01",
                "2025-01-07",
                "twitter",
                "original",
                "Great talk @dee #rust",
                "30"
            ],
            ["2025-02", "2025-02-17", "twitter", "reply", "thanks", "2"],
        ]
    );
    assert!(
        text(&out, "report.md")
            .contains("| 2025-01 | 2025-01-07 | twitter | Great talk @dee \\#rust | 30 |")
    );
    // Under --redact the owner's words are left out, and the column with them.
    let (_d, red) = report(&[&twitter(), "--redact"]);
    let rows = csv_rows(&red, "best_post_by_month");
    assert!(rows[1..].iter().all(|r| r[4].is_empty()), "{rows:?}");
    assert!(!text(&red, "report.md").contains("Great talk"));
}

#[test]
fn network_growth_says_its_trend_over_the_period() {
    // linkedin-analysis: Ed connected on 2024-12-20, before the period; Ann, Ben (January),
    // Cy (February) and Di (March) in it: from 1 connection to 5, +400%.
    let archive = fixture("linkedin-analysis").display().to_string();
    let (_dir, out) = report(&[&archive]);
    assert!(
        text(&out, "report.md").contains(
            "Your network went from 1 connection to 5 connections in the period (+400%)."
        ),
        "{}",
        text(&out, "report.md")
    );
    // Twitter's lists have no times: no trend is claimed.
    let (_d, t) = report(&[&twitter()]);
    assert!(!text(&t, "report.md").contains("Your network went"));
}

#[test]
fn which_posts_work_is_drawn_per_platform_when_there_are_several() {
    // The samples with groups of one post comparable: each platform's kinds of post are
    // drawn against that platform's own average; no pooled chart mixes them.
    let (_dir, out) = report(&["--min-posts", "1"]);
    let written = files(&out);
    for name in [
        "charts/engagement_by_kind_twitter.png",
        "charts/engagement_by_kind_mastodon.svg",
        "tables/engagement_by_kind_twitter.csv",
        "tables/engagement_by_kind.csv",
    ] {
        assert!(written.contains_key(name), "{name}");
    }
    assert!(!written.contains_key("charts/engagement_by_kind.png"));
    let md = text(&out, "report.md");
    assert!(
        md.contains(
            "![Mean engagement by kind of post, Twitter/X](charts/engagement_by_kind_twitter.png)"
        ),
        "{md}"
    );
    // The per-platform table is the platform's own lift: summary.json's twitter scope.
    let s: Value = serde_json::from_str(&text(&out, "summary.json")).unwrap();
    let rows = csv_rows(&out, "engagement_by_kind_twitter");
    let original = rows.iter().find(|r| r[0] == "original").unwrap();
    let lift: f64 = original[4].parse().unwrap();
    assert_eq!(
        lift,
        s["twitter"]["lift"]["kind"]["original"]["lift"]
            .as_f64()
            .unwrap()
    );
}

#[test]
fn snapshot_of_the_formatting_module() {
    use rapport::report::format as f;
    let mut lines = Vec::new();
    for h in [
        0.0, 0.2, 0.999, 1.0, 4.0, 23.2, 47.9, 48.0, 100.0, 335.0, 336.0, 741.0, 2278.9, 4367.0,
        4368.0, 17_000.0, 17_532.0, 21_432.0, -3.0,
    ] {
        lines.push(format!("duration_hours({h}) = {}", f::duration_hours(h)));
    }
    for n in [0, 1, 999, 1000, 14_752, 1_234_567, -1200] {
        lines.push(format!("int({n}) = {}", f::int(n)));
    }
    for v in [0.0, 6.0, 20.8, 20.85, 0.33, 1234.56, -0.04, -2.5] {
        lines.push(format!("engagement({v}) = {}", f::engagement(v)));
    }
    for v in [0.0, 0.88, 0.995, 1.0, 1.004, 1.41, 12.0] {
        lines.push(format!("lift({v}) = {}", f::lift(v)));
    }
    for (n, one, many) in [
        (0, "person", "people"),
        (1, "person", "people"),
        (2, "post", "posts"),
    ] {
        lines.push(format!("plural({n}) = {}", f::plural(n, one, many)));
    }
    for (previous, change) in [
        (Some(700.0), -286.0),
        (Some(10.0), 5.0),
        (Some(10.0), 0.0),
        (Some(0.0), 5.0),
        (None, 5.0),
        (Some(3.0), -3.0),
    ] {
        lines.push(format!(
            "percent_change({previous:?}, {change}) = {:?}",
            f::percent_change(previous, change)
        ));
    }
    insta::assert_snapshot!("formatting", lines.join("\n"));
}

#[test]
fn messages_with_the_most_messaged_people_by_hand() {
    // twitter-analysis: Bea (601) has 8 two-person messages (7 in January, 1 in February),
    // Cal (602) 3 in January, Fay (605) 3 in April; Cal and Fay tie and go by id. Dee and
    // Eve have 1 each.
    let (_dir, out) = report(&[&twitter()]);
    let rows = csv_rows(&out, "messages_by_person");
    assert_eq!(
        rows[0],
        [
            "month",
            "platform",
            "counterpart_id",
            "counterpart_name",
            "messages",
            "platforms"
        ]
    );
    let counts: Vec<(&str, &str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        counts,
        [
            ("2025-01", "601", "7"),
            ("2025-02", "601", "1"),
            ("2025-03", "601", "0"),
            ("2025-04", "601", "0"),
            ("2025-01", "602", "3"),
            ("2025-02", "602", "0"),
            ("2025-03", "602", "0"),
            ("2025-04", "602", "0"),
            ("2025-01", "605", "0"),
            ("2025-02", "605", "0"),
            ("2025-03", "605", "0"),
            ("2025-04", "605", "3"),
        ]
    );
    assert!(files(&out).contains_key("charts/messages_by_person.svg"));
    // Under --redact the people are pseudonyms here too.
    let (_d, red) = report(&[&twitter(), "--redact"]);
    let rows = csv_rows(&red, "messages_by_person");
    assert!(
        rows[1..].iter().all(|r| r[2].starts_with("Person ")),
        "{rows:?}"
    );
    assert!(!text(&red, "charts/messages_by_person.svg").contains("Bea"));
}
