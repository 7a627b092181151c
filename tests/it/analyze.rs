//! `rapport analyze` end to end: every figure of summary.json against the value worked out
//! by hand from `fixtures/twitter-analysis` and `fixtures/linkedin-analysis` (their rows
//! are listed in fixtures/README.md), the period options, the gates, the edge cases, and
//! every summary checked against the committed JSON Schema.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::{Value, json};

use crate::support::*;

const SCHEMA: &str = include_str!("../../src/analysis/summary.schema.json");

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
        jsonschema::validator_for(&schema).expect("schema is a valid JSON Schema")
    })
}

/// Asserts that a summary passes the schema, listing every violation.
fn assert_valid(summary: &Value) {
    let errors: Vec<String> = validator()
        .iter_errors(summary)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "summary.json violates the schema:\n{}",
        errors.join("\n")
    );
}

/// Runs `analyze` with `args` into a fresh directory; the exit code, summary and stderr.
pub(crate) fn run(args: &[&str]) -> (i32, Option<Value>, String) {
    let dir = tempdir();
    let out = dir.path().join("report");
    let output = rapport()
        .arg("analyze")
        .args(args)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .output()
        .expect("runs");
    let summary = fs::read_to_string(out.join("summary.json"))
        .ok()
        .map(|t| serde_json::from_str(&t).expect("summary.json is JSON"));
    if let Some(s) = &summary {
        assert_valid(s);
    }
    (
        output.status.code().unwrap_or(-1),
        summary,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `analyze` and expects success.
pub(crate) fn analyze(args: &[&str]) -> Value {
    let (code, summary, stderr) = run(args);
    assert_eq!(code, 0, "{stderr}");
    summary.expect("summary written")
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

fn twitter() -> String {
    path(&fixture("twitter-analysis"))
}

fn linkedin() -> String {
    path(&fixture("linkedin-analysis"))
}

fn twitter_summary() -> &'static Value {
    static SUMMARY: OnceLock<Value> = OnceLock::new();
    SUMMARY.get_or_init(|| analyze(&[&twitter()]))
}

fn linkedin_summary() -> &'static Value {
    static SUMMARY: OnceLock<Value> = OnceLock::new();
    SUMMARY.get_or_init(|| analyze(&[&linkedin()]))
}

fn notes(summary: &Value) -> Vec<String> {
    summary["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| n.as_str().expect("note").to_string())
        .collect()
}

fn has_note(summary: &Value, prefix: &str) -> bool {
    notes(summary).iter().any(|n| n.starts_with(prefix))
}

// twitter-analysis, owner 500. Posts (UTC; engagement = likes + reposts, the only counts
// a Twitter archive has):
//   P1 Mon 01-06 09:00 original #rust 10    P2 Mon 01-06 09:30 original #rust 20
//   P3 Tue 01-07 09:00 original #rust 30 (mentions Dee 603)
//   P4 Wed 01-08 14:00 original #rust 4     P5 Mon 01-13 09:00 original #rust 6
//   P6 Mon 01-20 14:00 thread 0             P7 Mon 02-17 09:00 reply to Bea 601: 2
//   P8 Tue 02-18 10:00 repost (RT @gus)     P9 Wed 02-19 14:00 original, no counts
// Period: first activity P1 2025-01-06 09:00 to last, Eve's DM 2025-04-30 12:00 (E).

#[test]
fn engagement_counts_the_scope_by_hand() {
    let e = &twitter_summary()["twitter"]["engagement"];
    // 9 posts: original P1-P5, P9 = 6; thread P6; reply P7; repost P8.
    assert_eq!(e["posts"], 9);
    assert_eq!(
        e["posts_by_kind"],
        json!({"original": 6, "quote": 0, "reply": 1, "repost": 1, "thread": 1})
    );
    // Scope: P1-P7 (P8 is a repost, P9 has no count) = 7 of 8 own posts.
    assert_eq!(e["scope_posts"], 7);
    assert_eq!(e["engagement_known_share"], 0.875);
    // 10 + 20 + 30 + 4 + 6 + 0 + 2 = 72; 72 / 7 = 10.285714; sorted 0,2,4,6,10,20,30 -> 6.
    assert_eq!(e["engagement_total"], 72.0);
    assert_eq!(e["engagement_mean"], 10.285714);
    assert_eq!(e["engagement_median"], 6.0);
    // No impressions in a Twitter archive: null, with the reason.
    assert_eq!(e["engagement_rate_pooled"], Value::Null);
    assert!(has_note(
        twitter_summary(),
        "twitter.engagement.engagement_rate_pooled: no post in scope has known impressions"
    ));
}

#[test]
fn lift_by_group_by_hand() {
    let l = &twitter_summary()["twitter"]["lift"];
    assert_eq!(l["scope_mean_engagement"], 10.285714);
    // original: P1-P5 = 70 / 5 = 14; lift 14 / (72/7) = 98/72 = 1.361111; median 10.
    assert_eq!(
        l["kind"]["original"],
        json!({"posts": 5, "mean_engagement": 14.0, "median_engagement": 10.0, "lift": 1.361111})
    );
    // thread and reply have 1 post each, under --min-posts 5: no lift.
    assert_eq!(l["kind"]["thread"]["lift"], Value::Null);
    assert_eq!(l["kind"]["reply"]["mean_engagement"], 2.0);
    assert!(l["kind"].get("repost").is_none(), "reposts are not content");
    assert_eq!(l["hashtag"]["rust"]["lift"], 1.361111);
    // hour 9: P1 P2 P3 P5 P7 = 68 / 5 = 13.6; lift 13.6 * 7 / 72 = 1.322222; median 10.
    assert_eq!(
        l["hour"]["9"],
        json!({"posts": 5, "mean_engagement": 13.6, "median_engagement": 10.0, "lift": 1.322222})
    );
    assert_eq!(l["hour"]["14"]["posts"], 2);
    assert_eq!(
        l["best_hour"],
        json!({"group": "9", "lift": 1.322222, "posts": 5})
    );
    // Monday: P1 P2 P5 P6 P7 = 38 / 5 = 7.6; lift 7.6 * 7 / 72 = 0.738889.
    assert_eq!(
        l["best_weekday"],
        json!({"group": "Monday", "lift": 0.738889, "posts": 5})
    );
    assert_eq!(l["weekday"]["Tuesday"]["posts"], 1);
    // All texts are short; all posts have no media.
    assert_eq!(l["length_band"]["0-70"]["posts"], 7);
    assert_eq!(l["media"]["none"]["posts"], 7);
    assert_eq!(l["link_domain"], json!({}));
}

#[test]
fn a_group_under_min_posts_gets_no_lift() {
    let s = analyze(&[&twitter(), "--min-posts", "6"]);
    let l = &s["twitter"]["lift"];
    // hour 9 and Monday have 5 posts each, under 6: no lift, no best hour or weekday.
    assert_eq!(l["hour"]["9"]["lift"], Value::Null);
    assert_eq!(l["hour"]["9"]["posts"], 5);
    assert_eq!(l["best_hour"], Value::Null);
    assert_eq!(l["best_weekday"], Value::Null);
    assert!(has_note(
        &s,
        "twitter.lift.best_hour: no local hour or weekday has 6"
    ));
    assert_eq!(s["parameters"]["min_posts"], 6);
}

#[test]
fn consistency_by_hand() {
    let c = &twitter_summary()["twitter"]["consistency"];
    // ISO weeks from Mon 2025-01-06 (W02) to Wed 2025-04-30 (W18): 17.
    assert_eq!(c["weeks"], 17);
    // Original or thread posts in weeks of 01-06, 01-13, 01-20 and 02-17 (P9): 4.
    assert_eq!(c["active_weeks"], 4);
    assert_eq!(c["active_week_share"], 0.235294); // 4 / 17
    // P6 01-20 14:00 to P9 02-19 14:00 = 30 days.
    assert_eq!(c["longest_gap_days"], 30.0);
    assert_eq!(c["posts_per_active_week"], 1.75); // 7 posts / 4 weeks
    assert_eq!(c["longest_weekly_streak"], 3); // 01-06, 01-13, 01-20
}

// Two-person DMs:
//   Bea 601: B 01-10 10:00, B 12:00, O 14:00, O 01-11 15:00, B 01-12 16:00, O 01-13 17:00,
//            O 01-25 09:00, O 02-20 10:00
//   Cal 602: O 01-15 08:00, C 09:00, O 10:00
//   Dee 603: D 04-20 09:00        Eve 604: E 04-30 12:00       Fay 605: F 04-01 09:00, 09:05, 09:10

#[test]
fn the_owner_answering_by_hand() {
    let r = &twitter_summary()["twitter"]["responsiveness"];
    // Answered: Bea's turn 01-10 10:00 at 14:00 (4 h); Bea's 01-12 16:00 at 01-13 17:00
    // (25 h: an answer after more than a day); Cal's 09:00 at 10:00 (1 h).
    // Unanswered and older than 24 h at E: Dee (10 days), Fay (29 days). Eve's turn is
    // 0 h old at E: in no figure.
    assert_eq!(r["turns"], 5);
    assert_eq!(r["answered"], 3);
    assert_eq!(r["unanswered"], 2);
    assert_eq!(r["within_24h"], 2);
    assert_eq!(r["response_rate"], 0.6);
    assert_eq!(r["within_24h_rate"], 0.4);
    // Sorted 1, 4, 25: median 4; p90 at 0.9 * 2 = 1.8: 4 + 0.8 * 21 = 20.8.
    assert_eq!(r["median_response_hours"], 4.0);
    assert_eq!(r["p90_response_hours"], 20.8);
    assert_eq!(r["open_recent_excluded"], 1);
}

#[test]
fn others_answering_the_owner_by_hand() {
    let r = &twitter_summary()["twitter"]["responsiveness_of_others"];
    // The owner's turns: Bea 01-10 14:00 answered 01-12 16:00 (50 h); Bea 01-13 17:00
    // never answered; Cal 08:00 answered 09:00 (1 h); Cal 10:00 never answered.
    assert_eq!(r["turns"], 4);
    assert_eq!(r["answered"], 2);
    assert_eq!(r["unanswered"], 2);
    assert_eq!(r["within_24h"], 1);
    assert_eq!(r["response_rate"], 0.5);
    assert_eq!(r["within_24h_rate"], 0.25);
    assert_eq!(r["median_response_hours"], 25.5); // (1 + 50) / 2
    assert_eq!(r["p90_response_hours"], 45.1); // 1 + 0.9 * 49
    assert_eq!(r["open_recent_excluded"], 0);
}

#[test]
fn conversation_starters_by_hand() {
    let s = &twitter_summary()["twitter"]["conversation_starters"];
    // Starts: Bea 01-10 (Bea), 01-25 after 11.7 silent days (owner), 02-20 after 26 days
    // (owner); Cal (owner); Dee, Eve, Fay (theirs) = 7, 3 by the owner.
    assert_eq!(s["conversations"], 5);
    assert_eq!(s["starts"], 7);
    assert_eq!(s["starts_by_owner"], 3);
    assert_eq!(s["owner_start_share"], 0.428571);
}

#[test]
fn counterparts_supporters_and_dormant_by_hand() {
    let t = &twitter_summary()["twitter"];
    let c = &t["counterpart_strength"];
    // Bea: 3 in + 5 DMs out + the reply P7 = 9; Cal 1 + 2 = 3; Fay 3 + 0; Dee: 1 DM in +
    // the mention in P3 = 2; Eve 1; @gus: the repost P8, 1.
    assert_eq!(c["counterparts"], 6);
    assert_eq!(c["counterparts_3plus"], 3);
    assert_eq!(c["reciprocity"], 0.533333); // (6 + 2 + 0) / (9 + 3 + 3)
    let top: Vec<(&str, u64)> = c["top_counterparts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["counterpart_id"].as_str().unwrap(),
                x["strength"].as_u64().unwrap(),
            )
        })
        .collect();
    // Ties at 3 go by id: 602 before 605.
    assert_eq!(
        top,
        vec![
            ("601", 9),
            ("602", 3),
            ("605", 3),
            ("603", 2),
            ("604", 1),
            ("@gus", 1)
        ]
    );
    assert_eq!(c["top_counterparts"][0]["reciprocity"], 0.666667); // 6 / 9
    assert_eq!(c["top_counterparts"][1]["reciprocity"], 0.666667); // Cal: 2 / 3
    // Dee (2), Eve (1) and @gus (1): too few interactions to say.
    for i in 3..6 {
        assert_eq!(c["top_counterparts"][i]["reciprocity"], Value::Null);
    }

    let s = &t["supporters"];
    // Inbound from Bea 3, Fay 3, Cal 1, Dee 1, Eve 1; the owner acted towards Bea, Cal, Dee.
    assert_eq!(s["supporters"], 5);
    assert_eq!(s["supporters_reciprocated"], 3);
    assert_eq!(s["supporters_3plus"], 2);
    assert_eq!(s["supporters_3plus_reciprocated"], 1);
    assert_eq!(s["supporters_3plus_reciprocated_share"], 0.5);
    assert_eq!(s["top_supporters"][1]["counterpart_id"], "605");
    assert_eq!(
        s["unreciprocated_3plus"],
        json!([{"platform": "twitter", "counterpart_id": "605", "counterpart_name": null,
            "profile_url": "https://twitter.com/intent/user?user_id=605", "inbound": 3,
            "accounts": [{"platform": "twitter", "counterpart_id": "605",
                "profile_url": "https://twitter.com/intent/user?user_id=605"}]}])
    );

    // E - 90 days = 2025-01-30 12:00. Cal: 3 interactions before, none after: dormant.
    // Bea has the reply of 02-17 and a DM of 02-20 after it. No interaction names Cal; the
    // follower list pairs his id with @cal (a retweet's mention entity), his best name.
    assert_eq!(
        t["dormant"],
        json!({"dormant": 1, "dormant_relationships": [{"platform": "twitter",
            "counterpart_id": "602", "counterpart_name": "@cal",
            "profile_url": "https://twitter.com/intent/user?user_id=602", "interactions_before": 3,
            "last_interaction_at": "2025-01-15T10:00:00Z",
            "accounts": [{"platform": "twitter", "counterpart_id": "602",
                "profile_url": "https://twitter.com/intent/user?user_id=602"}]}]})
    );
}

#[test]
fn a_quarter_finds_the_relationships_that_went_quiet_before_it() {
    // 2025Q2: E = 2025-06-30 23:59:59.999, E - 90 days = 2025-04-01 23:59:59.999, and the
    // year before that reaches back to 2024-04-01. History before the quarter counts.
    // Bea (601): her 9 interactions are all of January and February; Cal (602): 3, the last
    // on 01-15; Fay (605): 3 inbound, the last 04-01 09:10, before E - 90 days. Nobody
    // interacted after 04-01 23:59 but Eve and Dee, whose 1 and 2 are too few.
    let s = analyze(&[&twitter(), "--quarter", "2025Q2"]);
    let d = &s["overall"]["dormant"];
    let listed: Vec<(&str, u64, &str)> = d["dormant_relationships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["counterpart_id"].as_str().unwrap(),
                x["interactions_before"].as_u64().unwrap(),
                x["last_interaction_at"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("601", 9, "2025-02-20T10:00:00Z"),
            ("602", 3, "2025-01-15T10:00:00Z"),
            ("605", 3, "2025-04-01T09:10:00Z"),
        ]
    );
    assert_eq!(d["dormant"], 3);
}

#[test]
fn one_on_one_broadcast_and_actions_by_hand() {
    let t = &twitter_summary()["twitter"];
    // Public: the mention of Dee (01-07) and the reply to Bea (02-17). The owner wrote to
    // Bea 3 days later (02-20); never to Dee.
    assert_eq!(
        t["one_on_one"],
        json!({"public_counterparts": 2, "moved_to_one_on_one": 1, "one_on_one_rate": 0.5})
    );
    // Owner messages: Bea 5, Cal 2, five group messages = 12. The group text went into 5
    // conversations (one with other case and spacing, folded): a broadcast of 5 messages.
    assert_eq!(
        t["broadcast"],
        json!({"owner_messages": 12, "owner_messages_with_text": 12,
            "broadcast_messages": 5, "broadcast_bodies": 1, "broadcast_share": 0.416667})
    );
    // E - 30 days = 03-31 12:00. Fay's turn (04-01 09:00) and Dee's (04-20 09:00) are
    // unanswered and recent; Fay also supports without reciprocation; Cal is dormant. Placed
    // by the first reason (waiting answers first, quiet relationships last), then strength:
    // Fay (3) before Dee (2), then Cal.
    let a = &t["actions"];
    assert_eq!(a["actions_total"], 3);
    assert_eq!(
        a["actions_by_reason"],
        json!({"dormant": 1, "not_followed_up": 0, "unanswered_turn": 2,
            "unreciprocated_supporter": 1})
    );
    let order: Vec<(&str, Vec<&str>, &str)> = a["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["counterpart_id"].as_str().unwrap(),
                x["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap())
                    .collect(),
                x["since"].as_str().unwrap(),
            )
        })
        .collect();
    // Since: the turn's first message; Cal's last interaction.
    assert_eq!(
        order,
        vec![
            (
                "605",
                vec!["unanswered_turn", "unreciprocated_supporter"],
                "2025-04-01T09:00:00Z"
            ),
            ("603", vec!["unanswered_turn"], "2025-04-20T09:00:00Z"),
            ("602", vec!["dormant"], "2025-01-15T10:00:00Z"),
        ]
    );
}

#[test]
fn twitter_has_no_invitations_and_no_connection_times() {
    let s = twitter_summary();
    let t = &s["twitter"];
    assert_eq!(t["invitations"]["sent"], Value::Null);
    assert!(has_note(
        s,
        "twitter.invitations.sent: the Twitter/X archive holds no invitations"
    ));
    // Followers and following have no time: nothing to follow up, no months.
    assert_eq!(
        t["follow_up"],
        json!({"connections_made": 0, "followed_up": 0, "follow_up_rate": null})
    );
    assert_eq!(t["growth"]["connections"], 3); // 601 mutual, 602 follower, 603 following
    assert_eq!(t["growth"]["months"], Value::Null);
    assert!(has_note(
        s,
        "twitter.growth.months: no connection has a known time"
    ));
    // How many are new in the period is unknown, not 0.
    assert_eq!(t["growth"]["new_in_period"], Value::Null);
    assert!(has_note(
        s,
        "twitter.growth.new_in_period: no connection has a known time"
    ));
    // Overall equals the one platform.
    assert_eq!(s["overall"]["engagement"], t["engagement"]);
}

// linkedin-analysis, owner Olive. Connections (00:00 UTC): Ed 2024-12-20 (Acme), Ann 01-06
// (Acme), Ben 01-10 (Acme), Cy 02-20 (Beta), Di 03-15 (no company), a hidden member.
// Invitations sent: Ann 01-05 (note), Ben 01-09, Fay 02-01 (note), Gil 02-02, Di 03-14
// (note); received from Cy 02-19. Messages: to Ann 01-08 10:00, to Ben 01-18 09:00, from
// Cy 04-01 12:00 (E). Period 2025-01-05 09:00 .. 2025-04-01 12:00.

#[test]
fn follow_up_by_hand() {
    let f = &linkedin_summary()["linkedin"]["follow_up"];
    // Made in the period: Ann, Ben, Cy, Di. Ann written to 2 days later; Ben on day 8
    // (too late); Cy never (only an inbound message); Di only invited, before.
    assert_eq!(
        *f,
        json!({"connections_made": 4, "followed_up": 1, "follow_up_rate": 0.25})
    );
}

#[test]
fn invitations_by_hand() {
    let i = &linkedin_summary()["linkedin"]["invitations"];
    // Sent 5, accepted (in connections) Ann, Ben, Di = 3; with a note Ann, Fay, Di: 2 of 3
    // accepted; without Ben, Gil: 1 of 2.
    assert_eq!(
        *i,
        json!({"sent": 5, "received": 1, "accepted_share": 0.6,
            "with_note": {"sent": 3, "accepted": 2, "accepted_share": 0.666667},
            "without_note": {"sent": 2, "accepted": 1, "accepted_share": 0.5}})
    );
}

#[test]
fn growth_by_hand() {
    let g = &linkedin_summary()["linkedin"]["growth"];
    // January: Ann, Ben new; cumulative with Ed = 3. February Cy (4), March Di (5).
    assert_eq!(
        *g,
        json!({"connections": 5, "connections_with_time": 5, "new_in_period": 4,
            "months": {"2025-01": {"new": 2, "cumulative": 3}, "2025-02": {"new": 1, "cumulative": 4},
                "2025-03": {"new": 1, "cumulative": 5}, "2025-04": {"new": 0, "cumulative": 5}},
            "top_companies": [{"company": "Acme", "connections": 3}, {"company": "Beta", "connections": 1}]})
    );
}

#[test]
fn linkedin_actions_and_conversations_by_hand() {
    let l = &linkedin_summary()["linkedin"];
    // E - 30 days = 03-02 12:00: Di (03-15) is recent and not followed up; Cy (02-20) is not
    // recent. Di's strength: the invitation, 1.
    assert_eq!(
        l["actions"]["actions"],
        json!([{"platform": "linkedin", "counterpart_id": "https://www.linkedin.com/in/di-d",
            "counterpart_name": "Di D",
            "profile_url": "https://www.linkedin.com/in/di-d", "reasons": ["not_followed_up"], "strength": 1,
            "since": "2025-03-15T00:00:00Z",
            "accounts": [{"platform": "linkedin", "counterpart_id": "https://www.linkedin.com/in/di-d",
                "profile_url": "https://www.linkedin.com/in/di-d"}]}])
    );
    // Cy's message is 0 h old at E: in no figure; no turn to answer.
    let r = &l["responsiveness"];
    assert_eq!(r["turns"], 0);
    assert_eq!(r["open_recent_excluded"], 1);
    assert_eq!(r["response_rate"], Value::Null);
    // The owner's two messages were never answered and are older than a day.
    assert_eq!(l["responsiveness_of_others"]["unanswered"], 2);
    // No Shares.csv: no posts, every engagement figure null with its note.
    assert_eq!(l["engagement"]["posts"], 0);
    assert_eq!(l["engagement"]["engagement_mean"], Value::Null);
    assert!(has_note(
        linkedin_summary(),
        "linkedin.engagement.engagement_mean: "
    ));
    assert_eq!(l["consistency"]["longest_gap_days"], Value::Null);
}

#[test]
fn a_quarter_is_local_and_ends_at_its_last_day() {
    let s = analyze(&[&twitter(), "--quarter", "2025Q1"]);
    assert_eq!(s["period"]["start"], "2025-01-01T00:00:00.000Z");
    assert_eq!(s["period"]["end"], "2025-03-31T23:59:59.999Z");
    // Dee, Eve and Fay wrote in April: outside. The three answered turns remain.
    let r = &s["twitter"]["responsiveness"];
    assert_eq!(r["turns"], 3);
    assert_eq!(r["response_rate"], 1.0);
    // E - 90 days = 2024-12-31: nothing before it, nobody dormant.
    assert_eq!(s["twitter"]["dormant"]["dormant"], 0);
}

#[test]
fn a_time_zone_with_a_daylight_saving_change_in_the_period() {
    // Paris changes from +01:00 to +02:00 on 2025-03-30, inside the period.
    let s = analyze(&[&twitter(), "--tz", "Europe/Paris"]);
    assert_eq!(s["period"]["start"], "2025-01-06T10:00:00.000+01:00");
    assert_eq!(s["period"]["end"], "2025-04-30T14:00:00.000+02:00");
    assert_eq!(s["period"]["tz"], "Europe/Paris");
    // Winter posts shift by one hour: 09:00 UTC is 10:00 local.
    let l = &s["twitter"]["lift"];
    assert_eq!(
        l["best_hour"],
        json!({"group": "10", "lift": 1.322222, "posts": 5})
    );
    assert!(l["hour"].get("9").is_none());
    assert_eq!(s["twitter"]["consistency"]["weeks"], 17);
}

#[test]
fn compare_previous_reports_both_periods_and_the_change() {
    // February (28 days) against 2025-01-04 .. 2025-01-31.
    let s = analyze(&[
        &twitter(),
        "--since",
        "2025-02-01",
        "--until",
        "2025-02-28",
        "--compare-previous",
    ]);
    assert_eq!(s["period"]["previous"]["start"], "2025-01-04T00:00:00.000Z");
    assert_eq!(s["period"]["previous"]["end"], "2025-01-31T23:59:59.999Z");
    let t = &s["twitter"];
    // February: P7, P8, P9; January: P1-P6.
    assert_eq!(t["engagement"]["posts"], 3);
    assert_eq!(t["previous"]["engagement"]["posts"], 6);
    assert_eq!(t["change"]["engagement"]["posts"], -3.0);
    // A change with a null side is null.
    assert_eq!(
        t["previous"]["engagement"]["engagement_rate_pooled"],
        Value::Null
    );
    assert_eq!(
        t["change"]["engagement"]["engagement_rate_pooled"],
        Value::Null
    );
}

#[test]
fn a_period_with_no_activity_gives_empty_figures() {
    let s = analyze(&[&twitter(), "--since", "2030-01-01", "--until", "2030-01-31"]);
    let t = &s["twitter"];
    assert_eq!(t["engagement"]["posts"], 0);
    assert_eq!(t["engagement"]["engagement_mean"], Value::Null);
    assert_eq!(t["responsiveness"]["turns"], 0);
    assert_eq!(t["responsiveness"]["response_rate"], Value::Null);
    assert_eq!(t["consistency"]["weeks"], 5); // 2029-12-31 .. 2030-01-27 W01-W05
    assert_eq!(t["consistency"]["active_week_share"], 0.0);
    assert_eq!(t["counterpart_strength"]["counterparts"], 0);
    // Imported counts still cover the whole archive.
    assert_eq!(t["growth"]["connections"], 3);
}

/// A copy of twitter-analysis with its tweets replaced.
fn twitter_with_tweets(dir: &Path, tweets: &str) -> PathBuf {
    let archive = dir.join("twitter-variant");
    copy_dir(&fixture("twitter-analysis"), &archive);
    fs::write(archive.join("data/tweets.js"), tweets).unwrap();
    archive
}

#[test]
fn a_single_post_and_every_count_null() {
    let dir = tempdir();
    let one = r#"window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "created_at": "Mon Jan 06 09:00:00 +0000 2025", "full_text": "Just one", "favorite_count": "4", "retweet_count": "1", "entities": {}}}]"#;
    let s = analyze(&[&path(&twitter_with_tweets(dir.path(), one))]);
    let e = &s["twitter"]["engagement"];
    assert_eq!(e["scope_posts"], 1);
    assert_eq!(e["engagement_median"], 5.0);
    // One post: no gap between two posts.
    assert_eq!(s["twitter"]["consistency"]["longest_gap_days"], Value::Null);
    assert_eq!(
        s["twitter"]["lift"]["kind"]["original"]["lift"],
        Value::Null
    );

    let dir = tempdir();
    let no_counts = r#"window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "created_at": "Mon Jan 06 09:00:00 +0000 2025", "full_text": "No counts", "entities": {}}}, {"tweet": {"id_str": "2", "created_at": "Tue Jan 07 09:00:00 +0000 2025", "full_text": "None here", "entities": {}}}]"#;
    let s = analyze(&[&path(&twitter_with_tweets(dir.path(), no_counts))]);
    let e = &s["twitter"]["engagement"];
    assert_eq!(e["posts"], 2);
    assert_eq!(e["scope_posts"], 0);
    assert_eq!(e["engagement_known_share"], 0.0);
    assert_eq!(e["engagement_total"], Value::Null);
    assert_eq!(s["twitter"]["lift"]["kind"], json!({}));
    assert!(has_note(&s, "twitter.lift.scope_mean_engagement: "));
}

#[test]
fn an_archive_with_no_messages_and_no_posts() {
    let dir = tempdir();
    let archive = dir.path().join("quiet");
    copy_dir(&fixture("twitter-analysis"), &archive);
    fs::write(
        archive.join("data/tweets.js"),
        "window.YTD.tweets.part0 = []",
    )
    .unwrap();
    fs::write(
        archive.join("data/direct-messages.js"),
        "window.YTD.direct_messages.part0 = []",
    )
    .unwrap();
    fs::write(
        archive.join("data/direct-messages-group.js"),
        "window.YTD.direct_messages_group.part0 = []",
    )
    .unwrap();
    let s = analyze(&[&path(&archive)]);
    // No activity at all: no period, every figure empty, and a note that says why.
    assert_eq!(s["period"]["start"], Value::Null);
    assert!(has_note(&s, "period: the archives hold no activity"));
    let t = &s["twitter"];
    assert_eq!(t["broadcast"]["owner_messages"], 0);
    assert_eq!(t["broadcast"]["broadcast_share"], Value::Null);
    assert_eq!(t["conversation_starters"]["owner_start_share"], Value::Null);
    assert_eq!(t["engagement"]["posts"], 0);
    assert_eq!(t["consistency"]["weeks"], 0);
    assert_eq!(t["growth"]["months"], Value::Null);
}

#[test]
fn every_fixture_explains_its_own_nulls_without_the_fallback_note() {
    use rapport::analysis::summary::FALLBACK_NOTE;
    let fixtures = [
        "twitter-2023",
        "twitter-2019",
        "twitter-grailbird-2016",
        "twitter-analysis",
        "linkedin-2018",
        "linkedin-2024",
        "linkedin-analysis",
        "facebook-2018",
        "facebook-2024",
        "facebook-e2ee",
    ];
    let mut runs: Vec<Vec<String>> = fixtures.iter().map(|f| vec![path(&fixture(f))]).collect();
    // The samples together, the previous period (often empty), and an empty period.
    runs.push(vec!["--compare-previous".into()]);
    runs.push(vec![
        "--since".into(),
        "2030-01-01".into(),
        "--until".into(),
        "2030-03-31".into(),
        "--compare-previous".into(),
    ]);
    for f in fixtures {
        runs.push(vec![path(&fixture(f)), "--compare-previous".into()]);
    }
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let s = analyze(&args);
        let fallback: Vec<&str> = s["notes"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .filter(|n| n.ends_with(FALLBACK_NOTE))
            .collect();
        assert!(
            fallback.is_empty(),
            "{args:?}: unexplained nulls {fallback:#?}"
        );
    }
}

#[test]
fn every_null_figure_has_a_note() {
    fn nulls(v: &Value, path: &str, out: &mut Vec<String>) {
        match v {
            Value::Null => out.push(path.to_string()),
            Value::Object(m) => {
                for (k, x) in m {
                    if k != "change" {
                        nulls(x, &format!("{path}.{k}"), out);
                    }
                }
            }
            _ => {}
        }
    }
    for s in [twitter_summary(), linkedin_summary()] {
        let notes = notes(s);
        for scope in ["overall", "twitter", "linkedin"] {
            if !s[scope].is_object() {
                continue;
            }
            let mut found = Vec::new();
            nulls(&s[scope], scope, &mut found);
            for n in found {
                assert!(
                    notes.iter().any(|note| {
                        let p = note.split_once(": ").map_or(note.as_str(), |x| x.0);
                        n == p || n.starts_with(&format!("{p}."))
                    }),
                    "{n} is null with no note"
                );
            }
        }
    }
}

#[test]
fn the_sample_archives_are_analyzed_without_arguments() {
    let s = analyze(&[]);
    let platforms: Vec<&str> = s["archives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["platform"].as_str().unwrap())
        .collect();
    assert_eq!(
        platforms,
        ["twitter", "linkedin", "instagram", "facebook", "mastodon"]
    );
    for key in [
        "overall",
        "twitter",
        "linkedin",
        "instagram",
        "facebook",
        "mastodon",
    ] {
        assert!(s[key].is_object(), "{key}");
    }
    // The analytics export gives twitter-2023 its impressions: a pooled rate exists.
    assert!(s["twitter"]["engagement"]["engagement_rate_pooled"].is_number());
    // Coverage lists what was read, with the skipped records of the fixtures.
    assert_eq!(
        s["coverage"]["twitter"]["records_skipped"]["tweets with an unparseable created_at"],
        1
    );
}

#[test]
fn a_parquet_dataset_gives_the_same_figures_as_its_archive() {
    let dir = tempdir();
    let dataset = dir.path().join("dataset");
    rapport()
        .args(["import", &twitter(), "--out"])
        .arg(&dataset)
        .arg("--quiet")
        .assert()
        .success();
    let s = analyze(&[&path(&dataset)]);
    for key in [
        "engagement",
        "lift",
        "responsiveness",
        "counterpart_strength",
        "actions",
    ] {
        assert_eq!(
            s["twitter"][key],
            twitter_summary()["twitter"][key],
            "{key}"
        );
    }
    assert_eq!(s["archives"][0]["generation"], "parquet");
}

#[test]
fn instagram_and_mastodon_from_parquet_give_the_figures_of_their_archives() {
    let dir = tempdir();
    let dataset = dir.path().join("dataset");
    let (instagram, mastodon) = (
        path(&fixture("instagram-2024")),
        path(&fixture("mastodon-2024")),
    );
    rapport()
        .args(["import", &instagram, &mastodon, "--out"])
        .arg(&dataset)
        .arg("--quiet")
        .assert()
        .success();
    let mut from_parquet = analyze(&[&path(&dataset)]);
    let mut from_archives = analyze(&[&instagram, &mastodon]);
    for scope in ["overall", "instagram", "mastodon"] {
        // A dataset of `import --out` keeps no downloads (a lake does): the history of
        // downloads is the archives' alone.
        assert_eq!(from_parquet[scope]["history"]["downloads"], 0);
        assert_eq!(from_archives[scope]["history"]["compared"], 0);
        for s in [&mut from_parquet, &mut from_archives] {
            if let Some(o) = s[scope].as_object_mut() {
                o.remove("history");
            }
        }
        assert_eq!(from_parquet[scope], from_archives[scope], "{scope}");
    }
}

#[test]
fn parallel_and_sequential_runs_agree() {
    use rapport::analysis::{Clock, Execution, Options};
    use rapport::pipeline::{Settings, read_input, summarize};
    let paths: Vec<PathBuf> = [
        "twitter-analysis",
        "linkedin-analysis",
        "facebook-2024",
        "twitter-2023",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect();
    let input = read_input(
        &paths,
        rapport::import::LoadOptions::default(),
        &rapport::progress::Reporter::silent(),
    )
    .unwrap();
    let settings = |execution| Settings {
        options: Options {
            clock: Clock::new("Europe/Paris".parse().unwrap()),
            min_posts: 2,
            top: 3,
        },
        request: Default::default(),
        compare_previous: true,
        execution,
        linking: Default::default(),
    };
    let parallel = summarize(&input, &settings(Execution::Parallel)).unwrap();
    let sequential = summarize(&input, &settings(Execution::Sequential)).unwrap();
    assert_eq!(parallel, sequential);
    assert_valid(&parallel.summary);
}

#[test]
fn a_gate_that_holds_exits_3_and_still_writes_the_summary() {
    let (code, summary, stderr) = run(&[
        &twitter(),
        "--fail-if",
        "responsiveness.within_24h_rate < 0.6",
        "--fail-if",
        "twitter.engagement.posts >= 100",
    ]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        summary.is_some(),
        "the summary is written before the gates fail"
    );
    // One line per failed gate: key, value, threshold. The second gate does not hold.
    assert!(
        stderr.contains("gate failed: responsiveness.within_24h_rate = 0.4 < 0.6"),
        "{stderr}"
    );
    assert!(!stderr.contains("engagement.posts"), "{stderr}");
}

#[test]
fn a_gate_that_does_not_hold_exits_0() {
    let (code, _, stderr) = run(&[
        &twitter(),
        "--fail-if",
        "twitter.responsiveness.response_rate<0.5",
    ]);
    assert_eq!(code, 0, "{stderr}");
    // A gate on a null figure is not checked, and says so.
    let (code, _, stderr) = run(&[
        &twitter(),
        "--fail-if",
        "engagement.engagement_rate_pooled < 1",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "rapport: warning: gate not checked: engagement.engagement_rate_pooled is null"
        )
    );
    assert!(!stderr.contains("rapport: warning: rapport:"));
}

#[test]
fn a_gate_on_an_unknown_key_or_in_bad_form_is_a_usage_error() {
    let (code, summary, stderr) = run(&[&twitter(), "--fail-if", "responsiveness.speed < 1"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("no key \"responsiveness.speed\""),
        "{stderr}"
    );
    assert!(summary.is_none());
    let (code, _, stderr) = run(&[&twitter(), "--fail-if", "responsiveness.turns is low"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, _) = run(&[&twitter(), "--fail-if", "twitter.lift.kind < 1"]);
    assert_eq!(code, 2);
}

#[test]
fn strict_exits_3_when_records_were_skipped() {
    let (code, summary, stderr) = run(&[&path(&fixture("twitter-2023")), "--strict"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(summary.is_some());
    let (code, _, stderr) = run(&[&twitter(), "--strict"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn bad_options_are_usage_errors() {
    for args in [
        vec!["--quarter", "2025Q5"],
        vec!["--since", "01/02/2025"],
        vec!["--tz", "Mars/Olympus"],
        vec!["--quarter", "2025Q1", "--since", "2025-01-01"],
        vec!["--format", "pdf"],
        vec!["--min-posts", "0"],
    ] {
        let mut all = vec![twitter()];
        all.extend(args.iter().map(|s| s.to_string()));
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let (code, summary, stderr) = run(&refs);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(summary.is_none());
    }
}

#[test]
fn a_bad_archive_writes_no_report() {
    let dir = tempdir();
    let bad = dir.path().join("broken.zip");
    fs::write(&bad, b"PK\x03\x04 not really").unwrap();
    let (code, summary, stderr) = run(&[&path(&bad)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(summary.is_none());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn every_fixture_gives_a_valid_summary() {
    // Every generation of every platform: no panic, exit 0, the schema holds (checked in
    // `run`), and every platform given has its object.
    for (name, platform) in [
        ("twitter-2019", "twitter"),
        ("twitter-grailbird-2016", "twitter"),
        ("linkedin-2018", "linkedin"),
        ("facebook-2018", "facebook"),
        ("facebook-e2ee", "facebook"),
    ] {
        let s = analyze(&[&path(&fixture(name))]);
        assert!(s[platform].is_object(), "{name}");
        assert_eq!(
            s["overall"]["engagement"], s[platform]["engagement"],
            "{name}"
        );
    }
}

#[test]
fn top_limits_every_list_but_not_the_totals() {
    let s = analyze(&[&twitter(), "--top", "2"]);
    let t = &s["twitter"];
    assert_eq!(
        t["counterpart_strength"]["top_counterparts"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(t["counterpart_strength"]["counterparts"], 6);
    assert_eq!(
        t["supporters"]["top_supporters"].as_array().unwrap().len(),
        2
    );
    // Three people to write to; the two most pressing are listed (the two waiting).
    assert_eq!(t["actions"]["actions_total"], 3);
    let ids: Vec<&str> = t["actions"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["counterpart_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["605", "603"]);
    assert_eq!(s["parameters"]["top"], 2);
}

// instagram-2024, owner ada.lovelace (fixtures/README.md lists its rows). Posts (UTC):
//   P3 Sat 01-20 10:00 video (week 3)        P2 Mon 03-11 14:11:11 carousel (week 11)
//   R1 Tue 04-02 18:30 reel (week 14)        P1 Mon 05-13 02:21:16 photo (week 20)
// No counts at all. Last activity: the comment on Grace's post, 05-14 09:00 (E).
// Messages by display name: Zoë 03-01 10:00, Ada 03-01 12:00, Ada 03-05 08:00 (Zoë's
// "Liked a message" is no message); the stranger's request 05-01 07:00; a group of three.
fn instagram_summary() -> &'static Value {
    static SUMMARY: OnceLock<Value> = OnceLock::new();
    SUMMARY.get_or_init(|| analyze(&[&path(&fixture("instagram-2024"))]))
}

#[test]
fn instagram_figures_by_hand() {
    let s = instagram_summary();
    let i = &s["instagram"];
    assert_eq!(i, &s["overall"]);
    // Four posts, none with a count: nothing in scope, engagement unknown with a note.
    assert_eq!(i["engagement"]["posts"], 4);
    assert_eq!(i["engagement"]["scope_posts"], 0);
    assert_eq!(i["engagement"]["engagement_mean"], Value::Null);
    assert!(has_note(s, "instagram.engagement.engagement_mean"));
    // ISO weeks 3 to 20: 18, of which 4 have a post; the longest gap is 01-20 10:00 to
    // 03-11 14:11:11, 51 days 4:11:11.
    let c = &i["consistency"];
    assert_eq!(c["weeks"], 18);
    assert_eq!(c["active_weeks"], 4);
    assert_eq!(c["active_week_share"], json!(0.222222));
    assert_eq!(c["longest_gap_days"], json!(51.174433));
    // Zoë's turn answered in 2 hours; the stranger's, 13 days old at E, unanswered.
    let r = &i["responsiveness"];
    assert_eq!(
        (r["turns"].clone(), r["answered"].clone()),
        (json!(2), json!(1))
    );
    assert_eq!(r["median_response_hours"], json!(2.0));
    // Ada's two messages to Zoë are one turn, never answered.
    assert_eq!(i["responsiveness_of_others"]["turns"], 1);
    assert_eq!(i["responsiveness_of_others"]["answered"], 0);
    // Zoë and the stranger started their conversations.
    assert_eq!(i["conversation_starters"]["starts"], 2);
    assert_eq!(i["conversation_starters"]["starts_by_owner"], 0);
    // Zoë Quinn (display name: 1 in, 2 out), grace.hopper (comment, like, mention: 3 out),
    // zoe.quinn (comment, like), the stranger (1 in), charles.babbage (like): five
    // counterparts, two with 3 or more; reciprocity (2 + 3) / (3 + 3).
    let k = &i["counterpart_strength"];
    assert_eq!(k["counterparts"], 5);
    assert_eq!(k["counterparts_3plus"], 2);
    assert_eq!(k["reciprocity"], json!(0.833333));
    // Supporters: the stranger and Zoë, one inbound each; Ada wrote to Zoë.
    assert_eq!(i["supporters"]["supporters"], 2);
    assert_eq!(i["supporters"]["supporters_reciprocated"], 1);
    // alan.turing followed on 02-01, the one connection in the period, never written to.
    assert_eq!(i["follow_up"]["connections_made"], 1);
    assert_eq!(i["follow_up"]["followed_up"], 0);
    // Comments to grace.hopper and zoe.quinn; no direct message to those usernames.
    assert_eq!(i["one_on_one"]["public_counterparts"], 2);
    assert_eq!(i["one_on_one"]["moved_to_one_on_one"], 0);
    // Ada's 3 messages, 2 with words (the attachment has none).
    assert_eq!(i["broadcast"]["owner_messages"], 3);
    assert_eq!(i["broadcast"]["owner_messages_with_text"], 2);
    // Three connections before the period, alan's in February.
    let g = &i["growth"];
    assert_eq!(g["months"]["2024-01"], json!({"new": 0, "cumulative": 3}));
    assert_eq!(g["months"]["2024-02"], json!({"new": 1, "cumulative": 4}));
    // The one to write to: the stranger, waiting for an answer.
    assert_eq!(i["actions"]["actions_total"], 1);
    assert_eq!(
        i["actions"]["actions"][0]["counterpart_id"],
        "Stranger Danger"
    );
    assert_eq!(i["invitations"]["sent"], Value::Null);
}

// mastodon-2024, owner alice@ex.social. Posts (UTC, engagement = likes + boosts):
//   1100 Mon 03-04 09:00 original, photo 5 + 2   1101 Tue 03-05 10:00 reply to Bob 1 + 0
//   1102 Tue 03-05 11:00 thread (unlisted) 0      1103 Wed 03-06 12:00 followers-only 2 + 0
//   1108, 1109 boosts 03-10, 03-11 (no counts)    1110 Tue 03-12 18:00 poll 3 + 1 (E)
// Direct notes to Bob 03-07 08:00 and 03-08 09:00; to Bob and Dave 03-09. Likes have no
// time: in no figure.
fn mastodon_summary() -> &'static Value {
    static SUMMARY: OnceLock<Value> = OnceLock::new();
    SUMMARY.get_or_init(|| analyze(&[&path(&fixture("mastodon-2024"))]))
}

#[test]
fn mastodon_figures_by_hand() {
    let s = mastodon_summary();
    let m = &s["mastodon"];
    assert_eq!(s["period"]["start"], "2024-03-04T09:00:00.000Z");
    assert_eq!(s["period"]["end"], "2024-03-12T18:00:00.000Z");
    let e = &m["engagement"];
    assert_eq!(e["posts"], 7);
    assert_eq!(e["posts_by_kind"]["repost"], 2);
    // In scope: 7, 1, 0, 2, 4.
    assert_eq!(e["scope_posts"], 5);
    assert_eq!(e["engagement_total"], json!(14.0));
    assert_eq!(e["engagement_mean"], json!(2.8));
    assert_eq!(e["engagement_median"], json!(2.0));
    assert_eq!(
        m["lift"]["kind"]["original"]["mean_engagement"],
        json!(4.333333)
    );
    assert_eq!(m["lift"]["media"]["poll"]["posts"], 1);
    // Weeks 10 and 11 both active; the longest gap 03-06 12:00 to 03-12 18:00.
    let c = &m["consistency"];
    assert_eq!(c["weeks"], 2);
    assert_eq!(c["active_weeks"], 2);
    assert_eq!(c["longest_gap_days"], json!(6.25));
    assert_eq!(c["posts_per_active_week"], json!(2.0));
    // The archive holds only what Alice wrote: how others answer her and who starts are
    // unknown, not 0% and 100%.
    assert_eq!(m["responsiveness"]["turns"], 0);
    assert_eq!(m["responsiveness_of_others"]["turns"], 0);
    assert_eq!(
        m["responsiveness_of_others"]["within_24h_rate"],
        Value::Null
    );
    assert_eq!(m["conversation_starters"]["owner_start_share"], Value::Null);
    assert!(has_note(
        s,
        "mastodon.responsiveness_of_others.within_24h_rate: the Mastodon archive holds only \
         the messages you sent"
    ));
    assert!(has_note(
        s,
        "mastodon.conversation_starters.owner_start_share: the Mastodon archive holds only"
    ));
    // Bob: reply, 2 messages, boost (the like has no time) = 4; Carol: mention.
    let k = &m["counterpart_strength"];
    assert_eq!(k["counterparts"], 2);
    assert_eq!(
        k["top_counterparts"][0]["counterpart_id"],
        "bob@other.example"
    );
    assert_eq!(k["top_counterparts"][0]["strength"], 4);
    // What others give back, who supports her and whether a public exchange moved to a
    // message are unknown from her side alone: null with the reason, not 100%, 0 and 50%.
    assert_eq!(k["reciprocity"], Value::Null);
    assert_eq!(k["top_counterparts"][0]["reciprocity"], Value::Null);
    assert!(has_note(
        s,
        "mastodon.counterpart_strength.reciprocity: the Mastodon archive holds only what you \
         did, not what others did to you"
    ));
    assert_eq!(m["supporters"]["supporters"], Value::Null);
    assert_eq!(
        m["supporters"]["supporters_3plus_reciprocated_share"],
        Value::Null
    );
    assert_eq!(m["one_on_one"]["public_counterparts"], Value::Null);
    assert_eq!(m["one_on_one"]["one_on_one_rate"], Value::Null);
    assert!(has_note(
        s,
        "mastodon.one_on_one.one_on_one_rate: the Mastodon archive holds only what you did"
    ));
    assert_eq!(m["broadcast"]["owner_messages_with_text"], 3);
    // The CSVs give no follow times: growth by month is unknown.
    assert_eq!(m["growth"]["connections"], 4);
    assert_eq!(m["growth"]["months"], Value::Null);
    assert_eq!(m["follow_up"]["follow_up_rate"], Value::Null);
}

#[test]
fn instagram_and_mastodon_merge_with_the_others_overall() {
    let s = analyze(&[
        &path(&fixture("instagram-2024")),
        &path(&fixture("mastodon-2024")),
        &twitter(),
    ]);
    let posts = |scope: &str| s[scope]["engagement"]["posts"].as_i64().unwrap();
    assert_eq!(posts("instagram"), 4);
    assert_eq!(posts("mastodon"), 7);
    assert_eq!(
        posts("overall"),
        posts("instagram") + posts("mastodon") + posts("twitter")
    );
}

#[test]
fn an_archive_of_2012_2018_holds_one_side_and_no_connection_list() {
    // twitter-grailbird-2016 holds the owner's tweets only: no message, like, follower or
    // reply of anyone else. Grace (2001) and Alan (2002) are named in the owner's tweets.
    let s = analyze(&[&path(&fixture("twitter-grailbird-2016"))]);
    let o = &s["overall"];
    let k = &o["counterpart_strength"];
    assert_eq!(k["counterparts"], 2);
    // Not 100%, 0 supporters, 0 connections: unknown, each with its reason.
    assert_eq!(k["reciprocity"], Value::Null);
    assert_eq!(o["supporters"]["supporters"], Value::Null);
    assert_eq!(o["one_on_one"]["one_on_one_rate"], Value::Null);
    assert_eq!(o["growth"]["connections"], Value::Null);
    assert_eq!(o["follow_up"]["connections_made"], Value::Null);
    for note in [
        "overall.counterpart_strength.reciprocity: the Twitter/X archive holds only what you \
         did, not what others did to you",
        "overall.supporters.supporters: the Twitter/X archive holds only what you did",
        "overall.growth.connections: the Twitter/X archive holds no list of your connections",
        "overall.follow_up.follow_up_rate: the Twitter/X archive holds no list of your \
         connections",
    ] {
        assert!(has_note(&s, note), "{note}");
    }
    // A current archive of the same platform holds both sides: its figures are known.
    let current = twitter_summary();
    assert_eq!(current["twitter"]["supporters"]["supporters"], 5);
    assert_eq!(current["twitter"]["growth"]["connections"], 3);
}

/// `fixtures/twitter-2023` with an `account-timezone.js` naming `zone` as Twitter does.
fn twitter_in_zone(zone: &str) -> (tempfile::TempDir, String) {
    let dir = tempdir();
    let archive = dir.path().join("twitter");
    copy_dir(&fixture("twitter-2023"), &archive);
    fs::write(
        archive.join("data/account-timezone.js"),
        format!(
            "window.YTD.account_timezone.part0 = [\n  {{\n    \"accountTimezone\" : {{\n      \
             \"accountId\" : \"1000001\",\n      \"timeZone\" : \"{zone}\"\n    }}\n  }}\n]\n"
        ),
    )
    .unwrap();
    let path = path(&archive);
    (dir, path)
}

#[test]
fn local_times_default_to_the_zone_the_archive_states() {
    // The owner set "Amsterdam" (Rails' name for Europe/Amsterdam, UTC+1 in January). The
    // sample's posts of January 2023 are at 07, 09, 10, 12, 14, 18 and 20 h UTC: one hour
    // later in Amsterdam. The period starts at the first activity, 2023-01-02 09:15 UTC.
    let (_dir, archive) = twitter_in_zone("Amsterdam");
    let s = analyze(&[&archive]);
    assert_eq!(s["period"]["tz"], "Europe/Amsterdam");
    assert_eq!(s["period"]["start"], "2023-01-02T10:15:00.000+01:00");
    let hours: Vec<&str> = s["overall"]["lift"]["hour"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(hours, ["8", "10", "11", "13", "15", "19", "21"]);
    // --tz wins over what the archive states.
    let utc = analyze(&[&archive, "--tz", "UTC"]);
    assert_eq!(utc["period"]["tz"], "UTC");
    assert_eq!(utc["period"]["start"], "2023-01-02T09:15:00.000Z");
    // The report names the zone and where it came from.
    let dir = tempdir();
    let out = dir.path().join("r");
    let output = rapport()
        .args(["analyze", &archive, "--quiet", "--format", "md", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success());
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("(Europe/Amsterdam, the zone your Twitter/X archive states)"),
        "{md}"
    );
}

#[test]
fn a_zone_the_archive_names_but_rapport_does_not_know_is_utc_with_a_warning() {
    let (_dir, archive) = twitter_in_zone("Atlantis");
    let (code, summary, stderr) = run(&[&archive]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary.unwrap()["period"]["tz"], "UTC");
    assert!(
        stderr.contains("data/account-timezone.js")
            && stderr.contains("time zones rapport does not know")
            && stderr.contains("\"Atlantis\""),
        "{stderr}"
    );
}
