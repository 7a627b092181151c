//! The findings for people, as one document that `report.md` and `index.html` both render:
//! the period and the archives, the action list, one section per question of DESIGN.md with
//! its figures, charts, tables and advice, then coverage. Every number is read off
//! summary.json or a table; advice is a sentence where a figure calls for one.

use serde_json::Value;

use super::Report;
use super::headline::{HEADLINES, Headline, Unit, format, format_change, lookup, number};
use super::tables::{display_name, platforms, scopes};
use crate::analysis::table::Cell;

/// One block of a section.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph of plain text.
    Para(String),
    /// The sentence that stands where a chart with no data would be.
    Missing(String),
    /// A sentence of advice.
    Advice(String),
    /// Labelled figures.
    Figures(Vec<(String, String)>),
    /// A table.
    Table {
        /// Column names.
        header: Vec<String>,
        /// Rows of text.
        rows: Vec<Vec<String>>,
    },
    /// A chart of the report, by its index in `Report::charts`.
    Chart(usize),
}

/// One section.
#[derive(Debug, Clone)]
pub struct Section {
    /// Its anchor.
    pub id: &'static str,
    /// Its title.
    pub title: String,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// The whole document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The title.
    pub title: String,
    /// Lines under the title: the period, the archives, the settings.
    pub lead: Vec<String>,
    /// The sections.
    pub sections: Vec<Section>,
}

/// The name of each reason of the action list, as a person reads it.
fn reason_text(reason: &str) -> &'static str {
    match reason {
        "unanswered_turn" => "waiting for your answer for more than 24 hours",
        "dormant" => "a relationship gone quiet for 90 days",
        "not_followed_up" => "a new connection you have not written to",
        "unreciprocated_supporter" => "supports you (3+ times) and you never interacted back",
        _ => "other",
    }
}

/// A table cell as a person reads it: decimals to two places.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Float(f) => super::draw::tick((f * 100.0).round() / 100.0),
        other => other.to_string(),
    }
}

fn share(v: Option<f64>) -> String {
    format(Unit::Share, v)
}

fn count(v: Option<f64>) -> String {
    format(Unit::Count, v)
}

struct Builder<'a> {
    report: &'a Report,
    overall: &'a Value,
}

impl Builder<'_> {
    fn n(&self, path: &str) -> Option<f64> {
        number(self.overall, path)
    }

    fn chart(&self, name: &str) -> Vec<Block> {
        match self.report.charts.iter().position(|c| c.name == name) {
            Some(i) => match &self.report.charts[i].spec {
                Ok(_) => vec![Block::Chart(i)],
                Err(why) => vec![Block::Missing(format!(
                    "{}: not drawn. {why}",
                    self.report.charts[i].title
                ))],
            },
            None => Vec::new(),
        }
    }

    fn figures(&self, list: &[(&str, &str, Unit)]) -> Block {
        Block::Figures(
            list.iter()
                .map(|(label, key, unit)| (label.to_string(), format(*unit, self.n(key))))
                .collect(),
        )
    }

    fn table(&self, name: &str, columns: &[(&str, &str)]) -> Option<Block> {
        let table = self.report.table(name)?;
        if table.rows.is_empty() {
            return None;
        }
        let index: Vec<Option<usize>> = columns.iter().map(|(c, _)| table.column(c)).collect();
        Some(Block::Table {
            header: columns.iter().map(|(_, h)| h.to_string()).collect(),
            rows: table
                .rows
                .iter()
                .map(|row| {
                    index
                        .iter()
                        .map(|i| {
                            i.and_then(|i| row.get(i))
                                .map(cell_text)
                                .unwrap_or_default()
                        })
                        .collect()
                })
                .collect(),
        })
    }
}

/// Builds the document of a report.
pub fn build(report: &Report) -> Document {
    let summary = &report.summary;
    let overall = summary.get("overall").unwrap_or(&Value::Null);
    let b = Builder { report, overall };
    let mut lead = Vec::new();
    let period = |key: &str| {
        summary
            .pointer(&format!("/period/{key}"))
            .and_then(Value::as_str)
            .map(|s| s.get(..10).unwrap_or(s).to_string())
    };
    let tz = summary
        .pointer("/period/tz")
        .and_then(Value::as_str)
        .unwrap_or("UTC");
    match (period("start"), period("end")) {
        (Some(s), Some(e)) => lead.push(format!("Period: {s} to {e} ({tz})")),
        _ => lead.push("Period: none (the archives hold no dated activity)".into()),
    }
    if let Some(Value::Array(archives)) = summary.get("archives") {
        let names: Vec<String> = archives
            .iter()
            .map(|a| {
                let field = |k: &str| a.get(k).and_then(Value::as_str).unwrap_or("");
                format!(
                    "{} ({}, {})",
                    field("file"),
                    field("platform"),
                    field("generation")
                )
            })
            .collect();
        lead.push(format!("Archives: {}", names.join("; ")));
    }
    if summary.pointer("/parameters/compare_previous") == Some(&Value::Bool(true))
        && let (Some(s), Some(e)) = (
            summary
                .pointer("/period/previous/start")
                .and_then(Value::as_str),
            summary
                .pointer("/period/previous/end")
                .and_then(Value::as_str),
        )
    {
        lead.push(format!(
            "Compared with the previous period: {} to {}",
            s.get(..10).unwrap_or(s),
            e.get(..10).unwrap_or(e)
        ));
    }
    if report.redacted {
        lead.push("Redacted: people are shown by pseudonym and post texts are left out.".into());
    }
    let sections = vec![
        actions(&b),
        headlines(&b),
        posts(&b),
        timing(&b),
        consistency(&b),
        responsiveness(&b),
        relationships(&b),
        follow_up(&b),
        invitations(&b),
        broadcast(&b),
        growth(&b),
        coverage(summary),
    ];
    Document {
        title: "rapport: what builds your relationships".into(),
        lead,
        sections,
    }
}

fn actions(b: &Builder) -> Section {
    let mut blocks = Vec::new();
    let list = lookup(b.overall, "actions.actions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let total = b.n("actions.actions_total").unwrap_or(0.0);
    if list.is_empty() {
        blocks.push(Block::Para(
            "No one is waiting: no unanswered message, dormant relationship, new connection \
             without a follow-up or unreciprocated supporter at the end of the period."
                .into(),
        ));
    } else {
        blocks.push(Block::Para(format!(
            "{} people to write to at the end of the period{}, strongest relationships first:",
            count(Some(total)),
            if (list.len() as f64) < total {
                format!(" (the first {} shown; --top)", list.len())
            } else {
                String::new()
            }
        )));
        blocks.push(Block::Table {
            header: vec![
                "Person".into(),
                "Platform".into(),
                "Why".into(),
                "Interactions".into(),
            ],
            rows: list
                .iter()
                .map(|a| {
                    let reasons = a
                        .get("reasons")
                        .and_then(Value::as_array)
                        .map(|r| {
                            r.iter()
                                .filter_map(Value::as_str)
                                .map(reason_text)
                                .collect::<Vec<_>>()
                                .join("; ")
                        })
                        .unwrap_or_default();
                    vec![
                        display_name(a),
                        a.get("platform")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .into(),
                        reasons,
                        count(a.get("strength").and_then(Value::as_f64)),
                    ]
                })
                .collect(),
        });
    }
    Section {
        id: "actions",
        title: "Who to write to now".into(),
        blocks,
    }
}

fn headline_row(h: &Headline, summary: &Value, scopes: &[String], compare: bool) -> Vec<String> {
    let mut row = vec![h.label.to_string()];
    for s in scopes {
        let scope = summary.get(s).unwrap_or(&Value::Null);
        row.push(format(h.unit, number(scope, h.key)));
        if compare {
            let previous = scope.get("previous").unwrap_or(&Value::Null);
            let change = scope.get("change").unwrap_or(&Value::Null);
            row.push(format(h.unit, number(previous, h.key)));
            row.push(format_change(h, number(change, h.key)));
        }
    }
    row
}

fn headlines(b: &Builder) -> Section {
    let summary = &b.report.summary;
    let compare = summary.pointer("/parameters/compare_previous") == Some(&Value::Bool(true));
    let platforms = platforms(summary);
    // One platform: its figures are the overall ones; show one column.
    let shown: Vec<String> = if platforms.len() > 1 {
        scopes(summary)
    } else {
        vec!["overall".into()]
    };
    let mut header = vec!["Figure".to_string()];
    for s in &shown {
        let name = if s == "overall" && platforms.len() == 1 {
            platforms[0].clone()
        } else {
            s.clone()
        };
        header.push(name.clone());
        if compare {
            header.push(format!("{name} (previous)"));
            header.push(format!("{name} (change)"));
        }
    }
    let rows = HEADLINES
        .iter()
        .map(|h| headline_row(h, summary, &shown, compare))
        .collect();
    let mut blocks = vec![Block::Table { header, rows }];
    if compare {
        blocks.extend(b.chart("compare_previous"));
    }
    blocks.push(Block::Para(
        "n/a: the archives do not hold what the figure needs; the notes in summary.json say why."
            .into(),
    ));
    Section {
        id: "headline",
        title: "Headline figures".into(),
        blocks,
    }
}

fn posts(b: &Builder) -> Section {
    let mut blocks = vec![b.figures(&[
        (
            "Posts in the period (every kind)",
            "engagement.posts",
            Unit::Count,
        ),
        (
            "Your own posts with known engagement",
            "engagement.scope_posts",
            Unit::Count,
        ),
        (
            "Mean engagement per post",
            "engagement.engagement_mean",
            Unit::Number,
        ),
        (
            "Median engagement per post",
            "engagement.engagement_median",
            Unit::Number,
        ),
        (
            "Total engagement",
            "engagement.engagement_total",
            Unit::Count,
        ),
        (
            "Engagement rate (engagement / impressions)",
            "engagement.engagement_rate_pooled",
            Unit::Share,
        ),
    ])];
    let best = |dimension: &str| -> Option<(String, f64)> {
        let groups = lookup(b.overall, &format!("lift.{dimension}"))?.as_object()?;
        groups
            .iter()
            .filter_map(|(g, s)| Some((g.clone(), s.get("lift")?.as_f64()?)))
            .fold(None, |top: Option<(String, f64)>, (g, l)| match top {
                Some((_, t)) if t >= l => top,
                _ => Some((g, l)),
            })
    };
    for (dimension, what) in [
        ("kind", "kind of post"),
        ("media", "media"),
        ("length_band", "length"),
    ] {
        if let Some((group, lift)) = best(dimension)
            && lift > 1.0
        {
            let group = if dimension == "length_band" {
                format!("{group} characters")
            } else {
                group
            };
            blocks.push(Block::Advice(format!(
                "By {what}, {group} works best: {:.0}% more engagement than your average post.",
                (lift - 1.0) * 100.0
            )));
        }
    }
    for chart in [
        "engagement_by_kind",
        "engagement_by_media",
        "lift_by_length_band",
        "lift_by_hashtag",
        "lift_by_link_domain",
    ] {
        blocks.extend(b.chart(chart));
    }
    let columns: Vec<(&str, &str)> = if b.report.redacted {
        vec![
            ("rank", "#"),
            ("date", "Date"),
            ("platform", "Platform"),
            ("kind", "Kind"),
            ("media", "Media"),
            ("engagement", "Engagement"),
            ("lift", "Lift"),
        ]
    } else {
        vec![
            ("rank", "#"),
            ("date", "Date"),
            ("platform", "Platform"),
            ("kind", "Kind"),
            ("media", "Media"),
            ("text", "Text (first 80 characters)"),
            ("engagement", "Engagement"),
            ("lift", "Lift"),
        ]
    };
    if let Some(table) = b.report.table("top_posts") {
        for (list, title) in [
            ("top", "Most engaging posts"),
            ("bottom", "Least engaging posts"),
        ] {
            let mut filtered = table.clone();
            let at = table.column("list");
            filtered
                .rows
                .retain(|r| at.and_then(|i| r.get(i)).and_then(|c| c.as_str()) == Some(list));
            let mut rows = Vec::new();
            for row in &filtered.rows {
                rows.push(
                    columns
                        .iter()
                        .map(|(c, _)| {
                            table
                                .column(c)
                                .and_then(|i| row.get(i))
                                .map(cell_text)
                                .unwrap_or_default()
                        })
                        .collect(),
                );
            }
            if rows.is_empty() {
                if list == "top" {
                    blocks.push(Block::Para(
                        "No post of yours in the period has a known engagement count.".into(),
                    ));
                }
                continue;
            }
            blocks.push(Block::Para(format!("{title}:")));
            blocks.push(Block::Table {
                header: columns.iter().map(|(_, h)| h.to_string()).collect(),
                rows,
            });
        }
    }
    Section {
        id: "posts",
        title: "Which posts work".into(),
        blocks,
    }
}

fn timing(b: &Builder) -> Section {
    let mut blocks = Vec::new();
    let best = |key: &str| {
        let group = lookup(b.overall, &format!("lift.{key}.group"))?
            .as_str()?
            .to_string();
        Some((
            group,
            b.n(&format!("lift.{key}.lift"))?,
            b.n(&format!("lift.{key}.posts"))?,
        ))
    };
    let tz = b
        .report
        .summary
        .pointer("/period/tz")
        .and_then(Value::as_str)
        .unwrap_or("UTC");
    match (best("best_hour"), best("best_weekday")) {
        (None, None) => blocks.push(Block::Para(
            "No hour or weekday has enough posts with known engagement to compare (--min-posts)."
                .into(),
        )),
        (hour, day) => {
            // The best of the groups with enough posts is advice only when it beats the
            // average post (a lift over 1); else it is said as it is.
            if let Some((h, lift, posts)) = hour {
                blocks.push(if lift > 1.0 {
                    Block::Advice(format!(
                        "Best hour to post: {h}:00 ({tz}), lift {lift:.2} over {posts:.0} posts."
                    ))
                } else {
                    Block::Para(format!(
                        "No hour with enough posts beats your average post: the best, \
                         {h}:00 ({tz}), has a lift of {lift:.2} over {posts:.0} posts."
                    ))
                });
            }
            if let Some((d, lift, posts)) = day {
                blocks.push(if lift > 1.0 {
                    Block::Advice(format!(
                        "Best weekday to post: {d}, lift {lift:.2} over {posts:.0} posts."
                    ))
                } else {
                    Block::Para(format!(
                        "No weekday with enough posts beats your average post: the best, {d}, \
                         has a lift of {lift:.2} over {posts:.0} posts."
                    ))
                });
            }
        }
    }
    blocks.extend(b.chart("hour_weekday"));
    Section {
        id: "timing",
        title: "When to post".into(),
        blocks,
    }
}

fn consistency(b: &Builder) -> Section {
    let mut blocks = vec![b.figures(&[
        ("Weeks in the period", "consistency.weeks", Unit::Count),
        (
            "Weeks with an original or thread post",
            "consistency.active_weeks",
            Unit::Count,
        ),
        (
            "Share of weeks with a post",
            "consistency.active_week_share",
            Unit::Share,
        ),
        (
            "Longest gap between posts",
            "consistency.longest_gap_days",
            Unit::Days,
        ),
        (
            "Posts per active week",
            "consistency.posts_per_active_week",
            Unit::Number,
        ),
        (
            "Longest weekly streak (weeks)",
            "consistency.longest_weekly_streak",
            Unit::Count,
        ),
    ])];
    if let Some(s) = b.n("consistency.active_week_share")
        && s < 0.75
    {
        blocks.push(Block::Advice(format!(
            "You posted in {} of the weeks. A steady rhythm builds an audience better than bursts: \
             aim for at least one post a week.",
            share(Some(s))
        )));
    }
    blocks.extend(b.chart("weekly_posts"));
    Section {
        id: "consistency",
        title: "Consistency".into(),
        blocks,
    }
}

fn responsiveness(b: &Builder) -> Section {
    let mut blocks = vec![b.figures(&[
        (
            "Turns to answer (two-person conversations)",
            "responsiveness.turns",
            Unit::Count,
        ),
        ("You answered", "responsiveness.response_rate", Unit::Share),
        (
            "You answered within 24 hours",
            "responsiveness.within_24h_rate",
            Unit::Share,
        ),
        (
            "Your median response time",
            "responsiveness.median_response_hours",
            Unit::Hours,
        ),
        (
            "Your 90th-percentile response time",
            "responsiveness.p90_response_hours",
            Unit::Hours,
        ),
        (
            "Others answered you within 24 hours",
            "responsiveness_of_others.within_24h_rate",
            Unit::Share,
        ),
        (
            "Their median response time",
            "responsiveness_of_others.median_response_hours",
            Unit::Hours,
        ),
        (
            "Conversations you started",
            "conversation_starters.owner_start_share",
            Unit::Share,
        ),
    ])];
    if let (Some(rate), Some(turns), Some(within)) = (
        b.n("responsiveness.within_24h_rate"),
        b.n("responsiveness.turns"),
        b.n("responsiveness.within_24h"),
    ) && rate < 1.0
    {
        blocks.push(Block::Advice(format!(
            "You answered {} of the messages waiting for you within 24 hours; {} turns waited \
             longer or got no answer. Answering within a day is what keeps a conversation alive.",
            share(Some(rate)),
            count(Some(turns - within))
        )));
    }
    if let Some(unanswered) = b.n("responsiveness.unanswered")
        && unanswered > 0.0
    {
        blocks.push(Block::Advice(format!(
            "{} conversations end with a message of theirs you never answered: they are in the \
             action list.",
            count(Some(unanswered))
        )));
    }
    blocks.extend(b.chart("response_times"));
    Section {
        id: "responsiveness",
        title: "Do you respond?".into(),
        blocks,
    }
}

fn relationships(b: &Builder) -> Section {
    let mut blocks = vec![b.figures(&[
        (
            "People you interacted with",
            "counterpart_strength.counterparts",
            Unit::Count,
        ),
        (
            "Relationships with 3+ interactions",
            "counterpart_strength.counterparts_3plus",
            Unit::Count,
        ),
        (
            "Reciprocity (your share of interactions, 3+)",
            "counterpart_strength.reciprocity",
            Unit::Share,
        ),
        (
            "Supporters (anyone who interacted with you)",
            "supporters.supporters",
            Unit::Count,
        ),
        (
            "Supporters with 3+ interactions",
            "supporters.supporters_3plus",
            Unit::Count,
        ),
        (
            "of whom you reciprocated",
            "supporters.supporters_3plus_reciprocated_share",
            Unit::Share,
        ),
        (
            "Dormant relationships (silent 90 days)",
            "dormant.dormant",
            Unit::Count,
        ),
    ])];
    blocks.extend(b.chart("top_counterparts"));
    blocks.extend(b.chart("supporters"));
    let unreciprocated = lookup(b.overall, "supporters.unreciprocated_3plus")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if unreciprocated > 0 {
        blocks.push(Block::Advice(format!(
            "{unreciprocated} people supported you three or more times and you never interacted \
             back: a reply or a like returns the favour."
        )));
    }
    if let Some(d) = b.n("dormant.dormant")
        && d > 0.0
    {
        blocks.push(Block::Advice(format!(
            "{} relationships went quiet for 90 days: a short message is worth it.",
            count(Some(d))
        )));
        if let Some(t) = b.table(
            "dormant",
            &[
                ("counterpart_id", "Person"),
                ("platform", "Platform"),
                ("interactions_before", "Interactions before"),
                ("last_interaction_at", "Last interaction"),
            ],
        ) {
            blocks.push(t);
        }
    }
    Section {
        id: "relationships",
        title: "Your relationships".into(),
        blocks,
    }
}

fn follow_up(b: &Builder) -> Section {
    let mut blocks = vec![b.figures(&[
        (
            "New connections in the period",
            "follow_up.connections_made",
            Unit::Count,
        ),
        (
            "Written to within 7 days",
            "follow_up.followed_up",
            Unit::Count,
        ),
        ("Follow-up rate", "follow_up.follow_up_rate", Unit::Share),
        (
            "People you talked with in public",
            "one_on_one.public_counterparts",
            Unit::Count,
        ),
        (
            "of whom you messaged within 14 days",
            "one_on_one.moved_to_one_on_one",
            Unit::Count,
        ),
        ("One-on-one rate", "one_on_one.one_on_one_rate", Unit::Share),
    ])];
    if let (Some(rate), Some(made), Some(done)) = (
        b.n("follow_up.follow_up_rate"),
        b.n("follow_up.connections_made"),
        b.n("follow_up.followed_up"),
    ) && rate < 1.0
    {
        blocks.push(Block::Advice(format!(
            "{} of {} new connections got no message within a week. A note soon after \
             connecting turns a contact into a relationship.",
            count(Some(made - done)),
            count(Some(made))
        )));
    }
    if let Some(rate) = b.n("one_on_one.one_on_one_rate")
        && rate < 0.5
    {
        blocks.push(Block::Advice(format!(
            "Only {} of your public exchanges moved to a direct message within 14 days: taking a \
             good public conversation private deepens it.",
            share(Some(rate))
        )));
    }
    Section {
        id: "follow-up",
        title: "Follow-up and one-on-one".into(),
        blocks,
    }
}

fn invitations(b: &Builder) -> Section {
    let mut blocks = Vec::new();
    if b.n("invitations.sent").is_none() {
        blocks.push(Block::Para(
            "No invitation figures: the archives given hold no invitations (Twitter has none)."
                .into(),
        ));
    } else {
        blocks.push(b.figures(&[
            ("Invitations sent", "invitations.sent", Unit::Count),
            ("Invitations received", "invitations.received", Unit::Count),
            (
                "Sent invitations accepted",
                "invitations.accepted_share",
                Unit::Share,
            ),
        ]));
        let split = |k: &str| {
            vec![
                count(b.n(&format!("invitations.{k}.sent"))),
                count(b.n(&format!("invitations.{k}.accepted"))),
                share(b.n(&format!("invitations.{k}.accepted_share"))),
            ]
        };
        let mut with = vec!["with a personal note".to_string()];
        with.extend(split("with_note"));
        let mut without = vec!["without a note".to_string()];
        without.extend(split("without_note"));
        blocks.push(Block::Table {
            header: vec![
                "Invitations sent".into(),
                "Sent".into(),
                "Accepted".into(),
                "Accepted share".into(),
            ],
            rows: vec![with, without],
        });
        if let (Some(w), Some(wo)) = (
            b.n("invitations.with_note.accepted_share"),
            b.n("invitations.without_note.accepted_share"),
        ) && w > wo
        {
            blocks.push(Block::Advice(format!(
                "Invitations with a note were accepted more often ({} against {}): keep writing one.",
                share(Some(w)),
                share(Some(wo))
            )));
        }
    }
    Section {
        id: "invitations",
        title: "Invitations".into(),
        blocks,
    }
}

fn broadcast(b: &Builder) -> Section {
    let mut blocks = vec![b.figures(&[
        (
            "Your messages with text",
            "broadcast.owner_messages_with_text",
            Unit::Count,
        ),
        (
            "Sent as a broadcast (same text to 5+ conversations)",
            "broadcast.broadcast_messages",
            Unit::Count,
        ),
        (
            "Distinct broadcast texts",
            "broadcast.broadcast_bodies",
            Unit::Count,
        ),
        ("Broadcast share", "broadcast.broadcast_share", Unit::Share),
    ])];
    if let Some(n) = b.n("broadcast.broadcast_messages")
        && n > 0.0
    {
        blocks.push(Block::Advice(format!(
            "{} of your messages were the same text sent to five or more conversations. \
             People notice a copied message; a line written for the person is remembered.",
            count(Some(n))
        )));
    }
    Section {
        id: "broadcast",
        title: "Memorable or broadcasting?".into(),
        blocks,
    }
}

fn growth(b: &Builder) -> Section {
    let mut blocks = vec![b.figures(&[
        ("Connections", "growth.connections", Unit::Count),
        ("New in the period", "growth.new_in_period", Unit::Count),
    ])];
    blocks.extend(b.chart("growth"));
    if let Some(t) = b.table(
        "top_companies",
        &[("company", "Company"), ("connections", "Connections")],
    ) {
        blocks.push(Block::Para("Where your connections work:".into()));
        blocks.push(t);
    }
    Section {
        id: "growth",
        title: "Network growth".into(),
        blocks,
    }
}

fn coverage(summary: &Value) -> Section {
    let mut blocks = vec![Block::Para(
        "What rapport read of the archives. A file it does not use is listed as ignored; a \
         record it could not read is counted, never silently dropped."
            .into(),
    )];
    if let Some(Value::Object(platforms)) = summary.get("coverage") {
        let mut rows = Vec::new();
        for (platform, c) in platforms {
            let n = |k: &str| count(c.get(k).and_then(Value::as_f64));
            let skipped: u64 = c
                .get("records_skipped")
                .and_then(Value::as_object)
                .map(|m| m.values().filter_map(Value::as_u64).sum())
                .unwrap_or(0);
            rows.push(vec![
                platform.clone(),
                n("files_read"),
                n("files_ignored"),
                n("files_unreadable"),
                skipped.to_string(),
            ]);
        }
        blocks.push(Block::Table {
            header: vec![
                "Platform".into(),
                "Files read".into(),
                "Files ignored".into(),
                "Files unreadable".into(),
                "Records skipped".into(),
            ],
            rows,
        });
        for (platform, c) in platforms {
            if let Some(Value::Object(reasons)) = c.get("records_skipped")
                && !reasons.is_empty()
            {
                blocks.push(Block::Table {
                    header: vec![format!("{platform}: records skipped"), "Records".into()],
                    rows: reasons
                        .iter()
                        .map(|(r, n)| vec![r.clone(), count(n.as_f64())])
                        .collect(),
                });
            }
        }
    }
    let notes: Vec<String> = summary
        .get("notes")
        .and_then(Value::as_array)
        .map(|n| {
            n.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if !notes.is_empty() {
        blocks.push(Block::Para(
            "Where a figure is n/a, summary.json's notes say why (the archive lacks what it \
             needs, or too few records to say)."
                .into(),
        ));
    }
    Section {
        id: "coverage",
        title: "Coverage".into(),
        blocks,
    }
}
