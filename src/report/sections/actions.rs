//! "Who to write to now": the people to write to at the end of the period, and why (the
//! `actions` analysis). It stands first in the report.

use super::{Context, Placement, ReportSection, count, person};
use crate::analysis::actions::Actions;
use crate::analysis::people;
use crate::analysis::persons::platforms_text;
use crate::analysis::relationships::DormantFigures;
use crate::analysis::table::{Cell, Table};
use crate::report::document::{Block, Section, Shown};
use crate::report::headline::{Better, Headline, Reading, Unit};
use crate::report::tables::text;

/// The section.
pub struct ActionsSection;

const HEADLINES: &[Headline] = &[Headline {
    key: "actions.actions_total",
    label: "People to write to now",
    unit: Unit::Count,
    better: Better::Lower,
    read: |r| Reading::from(r, "actions", |a: &Actions| Reading::count(a.actions_total)),
}];

/// A reason of the action list as a person reads it; the first one and a dormant
/// relationship say since when (`since`, a local day), and a dormant relationship after how
/// many interactions.
fn reason_text(reason: &str, since: Option<&str>, interactions: Option<u64>) -> String {
    let when = |prefix: &str| since.map_or(String::new(), |d| format!("{prefix}{d}"));
    match reason {
        "unanswered_turn" => format!("waiting for your answer{}", when(" since ")),
        "not_followed_up" => format!("a new connection{} you have not written to", when(" of ")),
        "unreciprocated_supporter" => format!(
            "supports you (3+ times{}) and you never interacted back",
            when(" since ")
        ),
        "dormant" => {
            let after = interactions.map_or(String::new(), |n| {
                format!(", after {n} interaction{}", if n == 1 { "" } else { "s" })
            });
            match since {
                Some(d) => format!("quiet since {d}{after}"),
                None => format!("a relationship gone quiet for 90 days{after}"),
            }
        }
        _ => "other".to_string(),
    }
}

impl ReportSection for ActionsSection {
    fn id(&self) -> &'static str {
        "actions"
    }

    fn placement(&self) -> Placement {
        Placement::Top
    }

    fn headlines(&self) -> &'static [Headline] {
        HEADLINES
    }

    fn tables(&self, ctx: &Context) -> Vec<Table> {
        let mut table = Table::new(
            "actions",
            &[
                "name",
                "platform",
                "counterpart_id",
                "counterpart_name",
                "profile_url",
                "strength",
                "reasons",
                "platforms",
            ],
        );
        for a in ctx
            .get::<Actions>("actions")
            .map(|a| a.actions.as_slice())
            .unwrap_or_default()
        {
            table.push(vec![
                Cell::Text(people::label(
                    a.counterpart_name.as_deref(),
                    &a.counterpart_id,
                )),
                Cell::from(a.platform.as_str()),
                Cell::from(a.counterpart_id.as_str()),
                text(a.counterpart_name.as_deref()),
                text(a.profile_url.as_deref()),
                Cell::Int(a.strength as i64),
                Cell::Text(a.reasons.join("; ")),
                Cell::Text(platforms_text(&a.accounts, &a.platform)),
            ]);
        }
        vec![table]
    }

    fn build(&self, ctx: &Context) -> Section {
        let mut blocks = Vec::new();
        let dormant = ctx.get::<DormantFigures>("dormant");
        let interactions = |platform: &str, id: &str| {
            dormant.and_then(|d| {
                d.dormant_relationships
                    .iter()
                    .find(|r| r.platform == platform && r.counterpart_id == id)
                    .map(|r| (r.interactions_before, r.last_interaction_at.as_str()))
            })
        };
        let (list, total) = ctx
            .get::<Actions>("actions")
            .map_or((&[][..], 0), |a| (a.actions.as_slice(), a.actions_total));
        if let Some(period) = ctx.header.period {
            blocks.push(Block::Para(format!(
                "\"Now\" is the end of the period, {}, not today: the same archives give the \
                 same list on any day.",
                ctx.day_of(period.end)
            )));
        }
        if list.is_empty() {
            blocks.push(Block::Para(
                "No one is waiting: no unanswered message, dormant relationship, new connection \
                 without a follow-up or unreciprocated supporter at the end of the period."
                    .into(),
            ));
        } else {
            blocks.push(Block::Para(format!(
                "{} to write to at the end of the period{}, the most pressing first:",
                crate::report::format::plural(total, "person", "people"),
                if list.len() < total {
                    format!(" (the first {} shown)", list.len())
                } else {
                    String::new()
                }
            )));
            blocks.push(Block::Table {
                header: vec![
                    "Person".into(),
                    "Platforms".into(),
                    "Why".into(),
                    "Interactions".into(),
                ],
                rows: list
                    .iter()
                    .map(|a| {
                        let why = a
                            .reasons
                            .iter()
                            .enumerate()
                            .map(|(i, r)| {
                                let dormant = interactions(&a.platform, &a.counterpart_id);
                                // A dormant relationship says since when wherever it stands.
                                let since = match dormant {
                                    Some((_, last)) if r == "dormant" => Some(ctx.day(last)),
                                    _ => (i == 0).then(|| ctx.day(&a.since)),
                                };
                                reason_text(r, since.as_deref(), dormant.map(|(n, _)| n))
                            })
                            .collect::<Vec<_>>()
                            .join("; ");
                        vec![
                            person(
                                a.counterpart_name.as_deref(),
                                &a.counterpart_id,
                                a.profile_url.as_deref(),
                            ),
                            Shown::from(platforms_text(&a.accounts, &a.platform)),
                            Shown::from(why),
                            Shown::from(count(a.strength as usize)),
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
}
