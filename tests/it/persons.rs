//! One person everywhere: accounts of different platforms linked into one person in the
//! overall figures, by the same name or by a people file, and never in a platform's own.

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

use crate::analyze::{analyze, run};
use crate::support::*;

fn fixture_path(name: &str) -> String {
    fixture(name).display().to_string()
}

/// twitter-2023, linkedin-2024 and facebook-2024 from 1 Jan 2023 to 30 Jun 2024, with
/// `extra` arguments.
fn three_platforms(extra: &[&str]) -> Value {
    let archives = ["twitter-2023", "linkedin-2024", "facebook-2024"].map(fixture_path);
    let mut args: Vec<&str> = archives.iter().map(String::as_str).collect();
    args.extend([
        "--since",
        "2023-01-01",
        "--until",
        "2024-06-30",
        "--format",
        "json",
    ]);
    args.extend(extra);
    analyze(&args)
}

/// The listed person whose name is `name`.
fn person<'a>(list: &'a Value, name: &str) -> &'a Value {
    list.as_array()
        .and_then(|l| l.iter().find(|p| p["counterpart_name"] == name))
        .unwrap_or_else(|| panic!("{name} not in {list}"))
}

fn platforms(person: &Value) -> Vec<&str> {
    person["accounts"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["platform"].as_str()).collect())
        .unwrap_or_default()
}

fn names(list: &Value) -> Vec<(&str, &str)> {
    list.as_array()
        .map(|l| {
            l.iter()
                .map(|p| {
                    (
                        p["counterpart_name"].as_str().unwrap_or(""),
                        p["platform"].as_str().unwrap_or(""),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn one_name_on_three_platforms_is_one_person_overall_by_hand() {
    let linked = three_platforms(&[]);
    let apart = three_platforms(&["--no-link"]);
    let people = &linked["people"];
    assert_eq!(people["linked_persons"], 4);
    assert_eq!(people["links_by_evidence"], json!({"same_name": 4}));
    assert_eq!(people["automatic_links"], true);
    assert_eq!(apart["people"]["linked_persons"], 0);
    let o = &linked["overall"];
    let c = &o["counterpart_strength"];
    // Grace Hopper: Twitter in 2 (DMs) out 3 (a reply, 2 DMs); LinkedIn in 2 (her
    // invitation, a message) out 1 (a message); Facebook in 2 out 4 (a mention, a comment, 2
    // messages). One person: in 6, out 8, strength 14, her own reciprocity 8 / 14.
    let grace = person(&c["top_counterparts"], "Grace Hopper");
    assert_eq!(
        (&grace["inbound"], &grace["outbound"], &grace["strength"]),
        (&json!(6), &json!(8), &json!(14))
    );
    assert_eq!(grace["reciprocity"], 0.571429);
    assert_eq!(grace["platform"], "twitter");
    assert_eq!(platforms(grace), ["twitter", "linkedin", "facebook"]);
    // Alan Turing: Twitter in 1 out 2, LinkedIn out 2 (an invitation, a message), Facebook
    // in 1 out 1: in 2, out 5, strength 7.
    let alan = person(&c["top_counterparts"], "Alan Turing");
    assert_eq!(
        (&alan["strength"], &alan["reciprocity"]),
        (&json!(7), &json!(0.714286))
    );
    // Apart: Grace x3, Alan x3, Katherine x2 (a repost, an invitation), Renée (Facebook),
    // Linus = 10 counterparts; linked: 5.
    assert_eq!(apart["overall"]["counterpart_strength"]["counterparts"], 10);
    assert_eq!(c["counterparts"], 5);
    // 3+: apart Grace on each platform (5, 3, 6) and Alan on Twitter (3) = 4; linked Grace
    // and Alan = 2. Reciprocity: apart (3 + 1 + 4 + 2) / (5 + 3 + 6 + 3) = 10 / 17; linked
    // (8 + 5) / (14 + 7) = 13 / 21.
    assert_eq!(
        apart["overall"]["counterpart_strength"]["counterparts_3plus"],
        4
    );
    assert_eq!(c["counterparts_3plus"], 2);
    assert_eq!(
        apart["overall"]["counterpart_strength"]["reciprocity"],
        0.588235
    );
    assert_eq!(c["reciprocity"], 0.619048);
    // Supporters: no account supports 3 times; Grace as one person does (6), reciprocated.
    let s = &o["supporters"];
    assert_eq!(apart["overall"]["supporters"]["supporters_3plus"], 0);
    assert_eq!(
        (
            &s["supporters"],
            &s["supporters_3plus"],
            &s["supporters_3plus_reciprocated"]
        ),
        (&json!(3), &json!(1), &json!(1))
    );
    // Dormant at E = 30 Jun 2024: Grace's Facebook account (6 interactions up to 4 Jan
    // 2024, none since 1 Apr) is dormant alone; the person is not (LinkedIn, May 2024).
    assert_eq!(
        names(&apart["overall"]["dormant"]["dormant_relationships"]),
        [("Grace Hopper", "facebook")]
    );
    assert_eq!(o["dormant"]["dormant"], 0);
    assert_eq!(o["actions"]["actions_by_reason"]["dormant"], 0);
    // One-on-one: apart, Grace on Twitter (a reply, then a DM within 14 days) and on
    // Facebook (a comment, then a message) are two moved counterparts of 4 (with Alan and
    // Linus); linked, one of 3.
    assert_eq!(
        apart["overall"]["one_on_one"],
        json!({"public_counterparts": 4, "moved_to_one_on_one": 2, "one_on_one_rate": 0.5})
    );
    assert_eq!(
        o["one_on_one"],
        json!({"public_counterparts": 3, "moved_to_one_on_one": 1, "one_on_one_rate": 0.333333})
    );
    // Renée Roy's action: her LinkedIn connection of 12 Jun, not followed up; her strength
    // as a person is her Facebook one (a reaction, a message).
    let renee = person(&o["actions"]["actions"], "Renée Roy");
    assert_eq!(renee["strength"], 2);
    assert_eq!(platforms(renee), ["linkedin", "facebook"]);
    // A platform's own figures never merge.
    for p in ["twitter", "linkedin", "facebook"] {
        assert_eq!(linked[p], apart[p], "{p}");
    }
}

/// A copy of linkedin-2024 with two more messages from the owner: to Alan Turing on 3 Feb
/// 2024 and to Grace Hopper on 20 May 2024.
fn linkedin_with_messages(dir: &Path) -> String {
    let archive = dir.join("linkedin");
    copy_dir(&fixture("linkedin-2024"), &archive);
    let messages = archive.join("messages.csv");
    let mut text = fs::read_to_string(&messages).unwrap();
    text.push_str(
        "2-QUFBYWJj==,,Ada Example,https://www.linkedin.com/in/ada-example,Grace Hopper,\
         https://www.linkedin.com/in/grace-hopper,2024-05-20 10:00:00 UTC,,See you,INBOX,\n\
         2-RERERGRk==,,Ada Example,https://www.linkedin.com/in/ada-example,Alan Turing,\
         https://www.linkedin.com/in/alan-turing,2024-02-03 09:00:00 UTC,,Glad we met,INBOX,\n",
    );
    fs::write(&messages, text).unwrap();
    archive.display().to_string()
}

#[test]
fn two_names_linked_only_by_a_people_file_by_hand() {
    let dir = tempdir();
    let linkedin = linkedin_with_messages(dir.path());
    let instagram = fixture_path("instagram-2024");
    // Instagram knows them as grace.hopper and alan.turing, LinkedIn as Grace Hopper and
    // Alan Turing: no name is shared, only the file links them (by URL, by the name the
    // report shows, by @username).
    let file = dir.path().join("people.csv");
    fs::write(
        &file,
        "person,evidence,linkedin,instagram\n\
         Grace H.,her username,https://www.linkedin.com/in/grace-hopper/,grace.hopper\n\
         ,,alan turing,@alan.turing\n",
    )
    .unwrap();
    let common = [
        linkedin.as_str(),
        instagram.as_str(),
        "--since",
        "2024-01-01",
        "--until",
        "2024-06-30",
        "--format",
        "json",
    ];
    let apart = analyze(&common);
    let mut args = common.to_vec();
    args.extend(["--people", file.to_str().unwrap()]);
    let linked = analyze(&args);
    assert_eq!(apart["people"]["linked_persons"], 0);
    let people = &linked["people"];
    assert_eq!(people["people_file"], "people.csv");
    assert_eq!(people["links_by_evidence"], json!({"people_file": 2}));
    assert_eq!(
        people["links"][0]["accounts"],
        json!([{"platform": "linkedin", "counterpart_id": "https://www.linkedin.com/in/alan-turing"},
               {"platform": "instagram", "counterpart_id": "alan.turing"}])
    );
    let o = &linked["overall"];
    // Grace: LinkedIn in 2 (invitation, message) out 2 (messages of 6 and 20 May),
    // Instagram out 3 (a comment, a mention, a like): in 2, out 5, strength 7; named as the
    // file names her.
    let grace = person(&o["counterpart_strength"]["top_counterparts"], "Grace H.");
    assert_eq!(
        (&grace["inbound"], &grace["outbound"], &grace["strength"]),
        (&json!(2), &json!(5), &json!(7))
    );
    assert_eq!(grace["reciprocity"], 0.714286);
    assert_eq!(platforms(grace), ["linkedin", "instagram"]);
    // One-on-one: her public comment (14 May) and mention (13 May) on Instagram got no
    // Instagram message, but the LinkedIn message of 20 May is within 14 days: a move to
    // one-on-one across platforms. Her LinkedIn account had no public exchange, so the
    // number of public counterparts is the same.
    let (a, l) = (&apart["overall"]["one_on_one"], &o["one_on_one"]);
    assert_eq!(l["public_counterparts"], a["public_counterparts"]);
    assert_eq!(
        l["moved_to_one_on_one"].as_u64(),
        a["moved_to_one_on_one"].as_u64().map(|n| n + 1)
    );
    // Follow-up: alan.turing became an Instagram connection on 1 Feb 2024 12:00 and got no
    // Instagram interaction; the LinkedIn message of 3 Feb follows him up.
    let (a, l) = (&apart["overall"]["follow_up"], &o["follow_up"]);
    assert_eq!(l["connections_made"], a["connections_made"]);
    assert_eq!(
        l["followed_up"].as_u64(),
        a["followed_up"].as_u64().map(|n| n + 1)
    );
    assert_eq!(linked["instagram"], apart["instagram"]);
}

#[test]
fn two_people_with_one_name_on_one_platform_stay_apart() {
    // A second Grace Hopper among the Facebook friends, with one Facebook message: the name
    // says no longer who, so neither Facebook Grace is linked to the Twitter one.
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
    let twitter = fixture_path("twitter-2023");
    let archive = archive.display().to_string();
    let s = analyze(&[
        &twitter,
        &archive,
        "--since",
        "2023-01-01",
        "--until",
        "2024-06-30",
        "--format",
        "json",
    ]);
    let links: Vec<&str> = s["people"]["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["person"].as_str())
        .collect();
    assert_eq!(links, ["Alan Turing", "Katherine Johnson"]);
    // Grace on Twitter (5 interactions) and on Facebook (6) are two counterparts.
    let top = names(&s["overall"]["counterpart_strength"]["top_counterparts"]);
    assert!(top.contains(&("Grace Hopper", "twitter")), "{top:?}");
    assert!(top.contains(&("Grace Hopper", "facebook")), "{top:?}");
    // `rapport people` lists the name as likely, commented out, with both Facebook ids.
    let out = rapport()
        .args(["people", "--quiet", &twitter, &archive])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let grace = text
        .lines()
        .find(|l| l.contains("HOPPER"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(grace.starts_with("# "), "{grace}");
}

#[test]
fn a_people_file_row_of_one_account_splits_it_off() {
    let dir = tempdir();
    let file = dir.path().join("people.csv");
    fs::write(&file, "person,facebook\nGrace (Facebook),Grace Hopper\n").unwrap();
    let s = three_platforms(&["--people", file.to_str().unwrap()]);
    let people = &s["people"];
    // Grace's Twitter and LinkedIn accounts stay linked by name; Facebook's is apart.
    let grace = people["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["person"] == "Grace Hopper")
        .unwrap();
    assert_eq!(grace["evidence"], "same_name");
    assert_eq!(grace["accounts"].as_array().map(Vec::len), Some(2));
    assert_eq!(people["links_by_evidence"], json!({"same_name": 4}));
    let top = &s["overall"]["counterpart_strength"]["top_counterparts"];
    // Twitter 5 + LinkedIn 3 = 8; Facebook 6 on its own, as the file names it.
    let linked = person(top, "Grace Hopper");
    assert_eq!(linked["strength"], 8);
    assert_eq!(platforms(linked), ["twitter", "linkedin"]);
    assert_eq!(person(top, "Grace (Facebook)")["strength"], 6);
    // Apart again, her Facebook account is dormant.
    assert_eq!(
        names(&s["overall"]["dormant"]["dormant_relationships"]),
        [("Grace (Facebook)", "facebook")]
    );
}

#[test]
fn a_bad_people_file_is_one_line_per_problem_and_writes_nothing() {
    let cases: [(&str, &[&str]); 5] = [
        (
            "person,twitter,myspace\nGrace,2001,grace\n",
            &["people.csv: line 1: the column 'myspace' is no platform rapport reads"],
        ),
        (
            "person,twitter,facebook\nGrace,2001,\nAlso Grace,2001,Grace Hopper\n",
            &[
                "people.csv: line 3: the twitter account '2001' is also in line 2: an account \
               belongs to one person",
            ],
        ),
        (
            "name,twitter\nGrace,2001\n",
            &["people.csv: line 1: no 'person' column"],
        ),
        (
            "person,twitter\nGrace,2001\nAlan,2002,extra\nKate,2003,more\n",
            &[
                "people.csv: line 3: 3 cells where the header names 2 columns",
                "people.csv: line 4: 3 cells where the header names 2 columns",
            ],
        ),
        ("person,twitter,linkedin\nBoth,,Grace Hopper\n", &[]),
    ];
    for (n, (content, expected)) in cases.iter().enumerate() {
        let dir = tempdir();
        let file = dir.path().join("people.csv");
        fs::write(&file, content).unwrap();
        let out = dir.path().join("report");
        let archives = ["twitter-2023", "linkedin-2024"].map(fixture_path);
        let output = rapport()
            .arg("analyze")
            .args(&archives)
            .args(["--quiet", "--people"])
            .arg(&file)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if expected.is_empty() {
            // A name the archive knows once is read as that account.
            assert_eq!(output.status.code(), Some(0), "case {n}: {stderr}");
            continue;
        }
        assert_eq!(output.status.code(), Some(1), "case {n}: {stderr}");
        let lines: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.starts_with("rapport: warning"))
            .collect();
        assert_eq!(lines.len(), expected.len(), "case {n}: {stderr}");
        for (line, want) in lines.iter().zip(expected.iter()) {
            let path = file.display().to_string();
            assert!(
                line.starts_with("rapport: ") && line.contains(&path),
                "case {n}: {line}"
            );
            let tail = line.replacen(&path, "people.csv", 1);
            assert!(tail.contains(want), "case {n}: {line}\nwants {want}");
        }
        assert!(!out.exists(), "case {n}: a report was written");
    }
    // A missing file.
    let (code, summary, stderr) = run(&[
        &fixture_path("twitter-2023"),
        "--people",
        "/no/such/people.csv",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(summary.is_none());
    assert!(
        stderr.contains("/no/such/people.csv: cannot read"),
        "{stderr}"
    );
}

#[test]
fn a_name_two_accounts_share_must_be_an_id_in_the_people_file() {
    let dir = tempdir();
    let archive = dir.path().join("facebook");
    copy_dir(&fixture("facebook-2024"), &archive);
    let friends = archive.join("connections/friends/your_friends.json");
    let text = fs::read_to_string(&friends).unwrap();
    fs::write(
        &friends,
        text.replacen(
            "\"name\": \"Grace Hopper\"",
            "\"name\": \"Grace Hopper\", \"timestamp\": 1700000000}, {\"name\": \"GRACE  HOPPER\"",
            1,
        ),
    )
    .unwrap();
    let file = dir.path().join("people.csv");
    fs::write(&file, "person,twitter,facebook\nGrace,2001,grace hopper\n").unwrap();
    let (code, _, stderr) = run(&[
        &fixture_path("twitter-2023"),
        &archive.display().to_string(),
        "--people",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "line 2: 'grace hopper' names 2 facebook accounts (GRACE  HOPPER, Grace Hopper): \
             write the id of the one you mean"
        ),
        "{stderr}"
    );
}

#[test]
fn redact_gives_one_pseudonym_per_person() {
    let s = three_platforms(&["--redact"]);
    let grace = &s["overall"]["counterpart_strength"]["top_counterparts"][0];
    assert_eq!(grace["strength"], 14);
    let ids: Vec<&str> = grace["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["counterpart_id"].as_str())
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(
        ids.iter().all(|id| *id == grace["counterpart_id"]),
        "{ids:?}"
    );
    assert_eq!(grace["counterpart_name"], grace["counterpart_id"]);
    assert!(grace["accounts"][0]["profile_url"].is_null());
    // The same pseudonym in her Facebook account's own figures and in the list of links.
    let facebook = person(
        &s["facebook"]["counterpart_strength"]["top_counterparts"],
        grace["counterpart_id"].as_str().unwrap(),
    );
    assert_eq!(facebook["strength"], 6);
    let text = s.to_string();
    assert!(
        !text.contains("Grace Hopper") && !text.contains("grace-hopper"),
        "{text}"
    );
}

#[test]
fn import_keeps_the_links_in_a_people_table_that_analyze_reads_back() {
    let dir = tempdir();
    let dataset = dir.path().join("dataset");
    let archives = [
        "twitter-2023",
        "linkedin-2024",
        "facebook-2024",
        "instagram-2024",
    ]
    .map(fixture_path);
    let people = fixture_path("people.csv");
    let out = rapport()
        .arg("import")
        .args(&archives)
        .args(["--quiet", "--people", &people, "--out"])
        .arg(&dataset)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = dataset.join("people/part-0.parquet");
    assert!(table.is_file());
    let period = [
        "--since",
        "2023-01-01",
        "--until",
        "2024-06-30",
        "--format",
        "json",
    ];
    let mut args: Vec<&str> = archives.iter().map(String::as_str).collect();
    args.extend(["--people", &people]);
    args.extend(period);
    let from_archives = analyze(&args);
    let dataset_path = dataset.display().to_string();
    let mut args = vec![dataset_path.as_str()];
    args.extend(period);
    let from_dataset = analyze(&args);
    // Grace Hopper's Instagram account is linked only by the people file; the dataset
    // remembers it without the file.
    let links = |s: &Value| s["people"]["links"].clone();
    assert_eq!(links(&from_dataset), links(&from_archives));
    assert_eq!(
        from_dataset["people"]["links_by_evidence"],
        json!({"people_file": 1, "same_name": 3})
    );
    for key in [
        "counterpart_strength",
        "supporters",
        "dormant",
        "one_on_one",
        "actions",
    ] {
        assert_eq!(
            from_dataset["overall"][key], from_archives["overall"][key],
            "{key}"
        );
    }
    // Without automatic links, the people file's link stays and the same-name ones go.
    args.push("--no-link");
    let kept = analyze(&args);
    assert_eq!(
        kept["people"]["links_by_evidence"],
        json!({"people_file": 1})
    );
}
