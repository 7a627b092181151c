//! "Your relationships": the strongest counterparts, supporters and whether the owner
//! reciprocated, relationships gone dormant (the `counterpart_strength`, `supporters` and
//! `dormant` analyses).

use super::{Context, ReportSection};
use crate::analysis::Results;
use crate::analysis::people;
use crate::analysis::persons::platforms_text;
use crate::analysis::relationships::{DormantFigures, Strength, Supporters};
use crate::analysis::table::{Cell, Table};
use crate::report::charts::{Bars, ChartSlot, Drawn, Plot, Role, Series, person_label, slot};
use crate::report::document::{Block, Section};
use crate::report::headline::{Better, Headline, Reading, Unit};
use crate::report::tables::text;

/// The section.
pub struct Relationships;

fn strength(r: Results, f: fn(&Strength) -> Reading) -> Reading {
    Reading::from(r, "counterpart_strength", f)
}

fn supporters(r: Results, f: fn(&Supporters) -> Reading) -> Reading {
    Reading::from(r, "supporters", f)
}

fn dormant(r: Results, f: fn(&DormantFigures) -> Reading) -> Reading {
    Reading::from(r, "dormant", f)
}

const HEADLINES: &[Headline] = &[
    Headline {
        key: "counterpart_strength.counterparts_3plus",
        label: "Relationships with 3+ interactions",
        unit: Unit::Count,
        better: Better::Higher,
        read: |r| strength(r, |s| Reading::count(s.counterparts_3plus)),
    },
    Headline {
        key: "counterpart_strength.reciprocity",
        label: "Reciprocity (your share of interactions)",
        unit: Unit::Share,
        better: Better::Neither,
        read: |r| strength(r, |s| Reading::of(&s.reciprocity)),
    },
    Headline {
        key: "supporters.supporters_3plus_reciprocated_share",
        label: "Supporters (3+) you reciprocated",
        unit: Unit::Share,
        better: Better::Higher,
        read: |r| supporters(r, |s| Reading::of(&s.supporters_3plus_reciprocated_share)),
    },
    Headline {
        key: "dormant.dormant",
        label: "Dormant relationships",
        unit: Unit::Count,
        better: Better::Lower,
        read: |r| dormant(r, |d| Reading::count(d.dormant)),
    },
];

fn int(n: u64) -> Cell {
    Cell::Int(n as i64)
}

fn counterparts_chart(strength: Option<&Strength>, several: bool) -> Drawn {
    let list = strength
        .map(|s| s.top_counterparts.as_slice())
        .unwrap_or_default();
    if list.is_empty() {
        return Err("No interaction with another person in the period.".into());
    }
    if list.len() < crate::report::charts::MIN_GROUPS {
        return Err(
            "You interacted with one person only in the period: nothing to compare.".into(),
        );
    }
    let mut bars = Bars::new(
        list.iter()
            .map(|p| {
                person_label(
                    p.counterpart_name.as_deref(),
                    &p.counterpart_id,
                    &platforms_text(&p.accounts, &p.platform),
                    several,
                )
            })
            .collect(),
        vec![
            Series {
                name: "from them".into(),
                role: Role::Them,
                values: list.iter().map(|p| p.inbound as f64).collect(),
            },
            Series {
                name: "from you".into(),
                role: Role::You,
                values: list.iter().map(|p| p.outbound as f64).collect(),
            },
        ],
    );
    bars.horizontal = true;
    bars.stacked = true;
    bars.counts = true;
    Ok((
        "".into(),
        "interactions in the period".into(),
        Plot::Bars(bars),
    ))
}

fn supporters_chart(supporters: Option<&Supporters>, several: bool) -> Drawn {
    if let Some(why) = supporters.and_then(|s| s.supporters.note()) {
        return Err(format!("Who supports you is unknown: {why}."));
    }
    let list = supporters
        .map(|s| s.top_supporters.as_slice())
        .unwrap_or_default();
    if list.is_empty() {
        return Err("No one interacted with you in the period.".into());
    }
    if list.len() < crate::report::charts::MIN_GROUPS {
        return Err(
            "Only one person interacted with you in the period: nothing to compare.".into(),
        );
    }
    let reciprocated: Vec<bool> = list.iter().map(|p| p.reciprocated).collect();
    let mut bars = Bars::new(
        list.iter()
            .map(|p| {
                person_label(
                    p.counterpart_name.as_deref(),
                    &p.counterpart_id,
                    &platforms_text(&p.accounts, &p.platform),
                    several,
                )
            })
            .collect(),
        vec![Series {
            name: "their interactions with you".into(),
            role: Role::Them,
            values: list.iter().map(|p| p.inbound as f64).collect(),
        }],
    );
    bars.horizontal = true;
    bars.notes = Some(
        reciprocated
            .iter()
            .map(|r| {
                if *r {
                    "reciprocated"
                } else {
                    "not reciprocated"
                }
                .to_string()
            })
            .collect(),
    );
    bars.highlight = Some(reciprocated);
    bars.counts = true;
    Ok((
        "".into(),
        "their interactions with you (grey: you never interacted back)".into(),
        Plot::Bars(bars),
    ))
}

impl ReportSection for Relationships {
    fn id(&self) -> &'static str {
        "relationships"
    }

    fn headlines(&self) -> &'static [Headline] {
        HEADLINES
    }

    fn tables(&self, ctx: &Context) -> Vec<Table> {
        let mut top = Table::new(
            "top_counterparts",
            &[
                "name",
                "platform",
                "counterpart_id",
                "counterpart_name",
                "profile_url",
                "inbound",
                "outbound",
                "strength",
                "reciprocity",
                "platforms",
            ],
        );
        for c in ctx
            .get::<Strength>("counterpart_strength")
            .map(|s| s.top_counterparts.as_slice())
            .unwrap_or_default()
        {
            top.push(vec![
                Cell::Text(people::label(
                    c.counterpart_name.as_deref(),
                    &c.counterpart_id,
                )),
                Cell::from(c.platform.as_str()),
                Cell::from(c.counterpart_id.as_str()),
                text(c.counterpart_name.as_deref()),
                text(c.profile_url.as_deref()),
                int(c.inbound),
                int(c.outbound),
                int(c.strength),
                Cell::from(c.reciprocity),
                Cell::Text(platforms_text(&c.accounts, &c.platform)),
            ]);
        }
        let mut supporters = Table::new(
            "supporters",
            &[
                "name",
                "platform",
                "counterpart_id",
                "counterpart_name",
                "profile_url",
                "inbound",
                "outbound",
                "reciprocated",
                "platforms",
            ],
        );
        for s in ctx
            .get::<Supporters>("supporters")
            .map(|s| s.top_supporters.as_slice())
            .unwrap_or_default()
        {
            supporters.push(vec![
                Cell::Text(people::label(
                    s.counterpart_name.as_deref(),
                    &s.counterpart_id,
                )),
                Cell::from(s.platform.as_str()),
                Cell::from(s.counterpart_id.as_str()),
                text(s.counterpart_name.as_deref()),
                text(s.profile_url.as_deref()),
                int(s.inbound),
                int(s.outbound),
                Cell::Text(s.reciprocated.to_string()),
                Cell::Text(platforms_text(&s.accounts, &s.platform)),
            ]);
        }
        let mut dormant = Table::new(
            "dormant",
            &[
                "name",
                "platform",
                "counterpart_id",
                "counterpart_name",
                "profile_url",
                "interactions_before",
                "last_interaction_at",
                "platforms",
            ],
        );
        for d in ctx
            .get::<DormantFigures>("dormant")
            .map(|d| d.dormant_relationships.as_slice())
            .unwrap_or_default()
        {
            dormant.push(vec![
                Cell::Text(people::label(
                    d.counterpart_name.as_deref(),
                    &d.counterpart_id,
                )),
                Cell::from(d.platform.as_str()),
                Cell::from(d.counterpart_id.as_str()),
                text(d.counterpart_name.as_deref()),
                text(d.profile_url.as_deref()),
                int(d.interactions_before),
                Cell::from(d.last_interaction_at.as_str()),
                Cell::Text(platforms_text(&d.accounts, &d.platform)),
            ]);
        }
        vec![top, supporters, dormant]
    }

    fn charts(&self, ctx: &Context) -> Vec<ChartSlot> {
        let several = ctx.platforms().len() > 1;
        vec![
            slot(
                "top_counterparts",
                "Strongest relationships: interactions each way",
                "top_counterparts",
                counterparts_chart(ctx.get("counterpart_strength"), several),
            ),
            slot(
                "supporters",
                "Supporters: their interactions with you, and whether you reciprocated",
                "supporters",
                supporters_chart(ctx.get("supporters"), several),
            ),
        ]
    }

    fn build(&self, ctx: &Context) -> Section {
        let mut blocks = Vec::new();
        if let Some(r) = ctx.overall() {
            blocks.push(ctx.figures(vec![
                (
                    "People you interacted with",
                    Unit::Count,
                    strength(r, |s| Reading::count(s.counterparts)),
                ),
                (
                    "Relationships with 3+ interactions",
                    Unit::Count,
                    strength(r, |s| Reading::count(s.counterparts_3plus)),
                ),
                (
                    "Reciprocity (your share of interactions, 3+)",
                    Unit::Share,
                    strength(r, |s| Reading::of(&s.reciprocity)),
                ),
                (
                    "Supporters (anyone who interacted with you)",
                    Unit::Count,
                    supporters(r, |s| Reading::of_count(&s.supporters)),
                ),
                (
                    "Supporters with 3+ interactions",
                    Unit::Count,
                    supporters(r, |s| Reading::of_count(&s.supporters_3plus)),
                ),
                (
                    "of whom you reciprocated",
                    Unit::Share,
                    supporters(r, |s| Reading::of(&s.supporters_3plus_reciprocated_share)),
                ),
                (
                    "Dormant relationships (silent 90 days)",
                    Unit::Count,
                    dormant(r, |d| Reading::count(d.dormant)),
                ),
            ]));
        }
        blocks.extend(ctx.chart("top_counterparts"));
        blocks.extend(ctx.chart("supporters"));
        let unreciprocated = ctx
            .get::<Supporters>("supporters")
            .map_or(0, |s| s.unreciprocated_3plus.len());
        if unreciprocated > 0 {
            blocks.push(Block::Advice(format!(
                "{} supported you three or more times and you never interacted back: a reply \
                 or a like returns the favour.",
                crate::report::format::plural(unreciprocated, "person", "people")
            )));
        }
        if let Some(d) = ctx.get::<DormantFigures>("dormant")
            && d.dormant > 0
        {
            blocks.push(Block::Advice(format!(
                "{} went quiet for 90 days: a short message is worth it.",
                crate::report::format::plural(d.dormant, "relationship", "relationships")
            )));
            if let Some(t) = ctx.table_block(
                "dormant",
                &[
                    ("name", "Person"),
                    ("platforms", "Platforms"),
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
}
