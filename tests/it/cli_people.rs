//! `rapport people`: the people the archives show under one name on several platforms.

use std::fs;

use crate::support::*;

fn fixture_path(name: &str) -> String {
    fixture(name).display().to_string()
}

#[test]
fn the_samples_link_the_people_named_alike_on_several_platforms() {
    // Grace Hopper, Alan Turing and Katherine Johnson are named so on Twitter (mentions),
    // LinkedIn (connections) and Facebook (friends); Renée Roy on LinkedIn and Facebook.
    let out = rapport()
        .args(["people", "--quiet"])
        .args(["twitter-2023", "linkedin-2024", "facebook-2024"].map(fixture_path))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "person,evidence,twitter,linkedin,facebook",
            "Alan Turing,same name,2002,https://www.linkedin.com/in/alan-turing,Alan Turing",
            "Grace Hopper,same name,2001,https://www.linkedin.com/in/grace-hopper,Grace Hopper",
            "Katherine Johnson,same name,2003,https://www.linkedin.com/in/katherine-johnson,\
             Katherine Johnson",
            "Renée Roy,same name,,https://www.linkedin.com/in/ren%c3%a9e-roy,Renée Roy",
        ]
    );
}

#[test]
fn two_people_with_one_name_on_one_platform_are_never_linked() {
    // A second Grace Hopper among the Facebook friends: the name no longer says who.
    let dir = tempdir();
    let archive = dir.path().join("facebook");
    copy_dir(&fixture("facebook-2024"), &archive);
    let friends = archive.join("connections/friends/your_friends.json");
    let text = fs::read_to_string(&friends).unwrap();
    let doubled = text.replacen(
        "\"name\": \"Grace Hopper\"",
        "\"name\": \"Grace Hopper\", \"timestamp\": 1700000000}, {\"name\": \"GRACE  HOPPER\"",
        1,
    );
    assert_ne!(doubled, text);
    fs::write(&friends, doubled).unwrap();
    let file = dir.path().join("people.csv");
    let out = rapport()
        .args(["people", "--quiet", "--out"])
        .arg(&file)
        .arg(fixture("twitter-2023"))
        .arg(&archive)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = fs::read_to_string(&file).unwrap();
    let grace = text
        .lines()
        .find(|l| l.starts_with("# GRACE  HOPPER") || l.starts_with("# Grace Hopper"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        grace.contains("not linked: the name is not unique on facebook")
            && grace.contains("GRACE  HOPPER | Grace Hopper"),
        "{grace}"
    );
    // Linked rows come first; this one is last, commented out: passed back as it is, the
    // file links no one by it.
    assert_eq!(text.lines().last(), Some(grace));
}

#[test]
fn a_file_that_cannot_be_written_is_one_line_and_exit_1() {
    let dir = tempdir();
    let target = dir.path().join("no such folder").join("people.csv");
    let out = rapport()
        .args(["people", "--quiet", "--out"])
        .arg(&target)
        .arg(fixture("linkedin-2024"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.contains("people.csv: cannot write: its folder does not exist")
            && !last.contains(".tmp"),
        "{err}"
    );
    assert!(!dir.path().join("no such folder").exists());
}

#[test]
fn a_username_that_spells_a_linked_name_is_listed_as_likely() {
    // Instagram knows Grace Hopper as grace.hopper only; the other platforms by her name.
    let out = rapport()
        .args(["people", "--quiet"])
        .args(
            [
                "twitter-2023",
                "linkedin-2024",
                "facebook-2024",
                "instagram-2024",
            ]
            .map(fixture_path),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "person,evidence,twitter,linkedin,instagram,facebook"
    );
    assert!(
        lines.contains(
            &"# Grace Hopper,\"likely: the instagram username grace.hopper spells the name; to \
              link, add grace.hopper to the row of Grace Hopper above\",,,grace.hopper,"
        ),
        "{text}"
    );
    // Passed back unchanged, the file links what the archives link and nothing more.
    let dir = tempdir();
    let file = dir.path().join("people.csv");
    fs::write(&file, &text).unwrap();
    let out = rapport()
        .args(["analyze", "--quiet", "--format", "json", "--people"])
        .arg(&file)
        .args(
            [
                "twitter-2023",
                "linkedin-2024",
                "facebook-2024",
                "instagram-2024",
            ]
            .map(fixture_path),
        )
        .arg("--out")
        .arg(dir.path().join("report"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("report/summary.json")).unwrap())
            .unwrap();
    assert_eq!(summary["people"]["linked_persons"], 4);
    assert_eq!(summary["people"]["linked_accounts"], 11);
    // Rows that repeat the archives' links keep their evidence.
    assert_eq!(
        summary["people"]["links_by_evidence"],
        serde_json::json!({"same_name": 4})
    );
}

#[test]
fn a_people_file_grows_with_the_archives_and_keeps_its_rows() {
    // The samples' file adds Grace Hopper's Instagram username to her row; re-run with it,
    // `rapport people` keeps that row first and offers nothing more about her accounts.
    let out = rapport()
        .args(["people", "--quiet", "--people"])
        .arg(fixture("people.csv"))
        .args(
            [
                "twitter-2023",
                "linkedin-2024",
                "facebook-2024",
                "instagram-2024",
            ]
            .map(fixture_path),
        )
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[1],
        "Grace Hopper,people file,2001,https://www.linkedin.com/in/grace-hopper,grace.hopper,Grace Hopper"
    );
    assert_eq!(
        lines.iter().filter(|l| l.contains("grace")).count(),
        1,
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Alan Turing,same name,")),
        "{text}"
    );
    // With --no-link, only the file's rows and the likely links remain.
    let out = rapport()
        .args(["people", "--quiet", "--no-link", "--people"])
        .arg(fixture("people.csv"))
        .args(
            [
                "twitter-2023",
                "linkedin-2024",
                "facebook-2024",
                "instagram-2024",
            ]
            .map(fixture_path),
        )
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains(",same name,"), "{text}");
    assert!(text.contains("# Alan Turing,\"likely"), "{text}");
}
