//! "Do you respond?": how fast the owner answers, how fast others answer, who starts (the
//! `responsiveness`, `responsiveness_of_others` and `conversation_starters` analyses).

use super::{Context, ReportSection, count, share};
use crate::analysis::Results;
use crate::analysis::conversations::{Responsiveness, Starters};
use crate::report::charts::{
    ChartSlot, messages_by_month, messages_by_person, response_times, slot,
};
use crate::report::document::{Block, Section};
use crate::report::headline::{Better, Headline, Reading, Unit};

/// The section.
pub struct ResponsivenessSection;

fn owner(r: Results, f: fn(&Responsiveness) -> Reading) -> Reading {
    Reading::from(r, "responsiveness", f)
}

fn others(r: Results, f: fn(&Responsiveness) -> Reading) -> Reading {
    Reading::from(r, "responsiveness_of_others", f)
}

fn starters(r: Results, f: fn(&Starters) -> Reading) -> Reading {
    Reading::from(r, "conversation_starters", f)
}

const HEADLINES: &[Headline] = &[
    Headline {
        key: "responsiveness.within_24h_rate",
        label: "Messages you answered within 24 hours",
        unit: Unit::Share,
        better: Better::Higher,
        read: |r| owner(r, |x| Reading::of(&x.within_24h_rate)),
    },
    Headline {
        key: "responsiveness.median_response_hours",
        label: "Your median response time",
        unit: Unit::Hours,
        better: Better::Lower,
        read: |r| owner(r, |x| Reading::of(&x.median_response_hours)),
    },
    Headline {
        key: "responsiveness_of_others.within_24h_rate",
        label: "Your messages others answered within 24 hours",
        unit: Unit::Share,
        better: Better::Higher,
        read: |r| others(r, |x| Reading::of(&x.within_24h_rate)),
    },
    Headline {
        key: "conversation_starters.owner_start_share",
        label: "Conversations you started",
        unit: Unit::Share,
        better: Better::Neither,
        read: |r| starters(r, |x| Reading::of(&x.owner_start_share)),
    },
];

impl ReportSection for ResponsivenessSection {
    fn id(&self) -> &'static str {
        "responsiveness"
    }

    fn headlines(&self) -> &'static [Headline] {
        HEADLINES
    }

    fn charts(&self, ctx: &Context) -> Vec<ChartSlot> {
        vec![
            slot(
                "response_times",
                "Response times in direct messages, both ways",
                "response_times",
                response_times(ctx.table("response_times")),
            ),
            slot(
                "messages_by_month",
                "Direct messages by month, each way",
                "messages_by_month",
                messages_by_month(ctx.table("messages_by_month")),
            ),
            slot(
                "messages_by_person",
                "Direct messages by month with your most-messaged people",
                "messages_by_person",
                messages_by_person(ctx.table("messages_by_person"), ctx.platforms().len() > 1),
            ),
        ]
    }

    fn build(&self, ctx: &Context) -> Section {
        let Some(r) = ctx.overall() else {
            return Section {
                id: "responsiveness",
                title: "Do you respond?".into(),
                blocks: Vec::new(),
            };
        };
        let mut blocks = vec![ctx.figures(vec![
            (
                "Messages waiting for your answer (one-on-one)",
                Unit::Count,
                owner(r, |x| Reading::count(x.turns)),
            ),
            (
                "You answered",
                Unit::Share,
                owner(r, |x| Reading::of(&x.response_rate)),
            ),
            (
                "You answered within 24 hours",
                Unit::Share,
                owner(r, |x| Reading::of(&x.within_24h_rate)),
            ),
            (
                "Your median response time",
                Unit::Hours,
                owner(r, |x| Reading::of(&x.median_response_hours)),
            ),
            (
                "Your slowest answers (9 in 10 were faster)",
                Unit::Hours,
                owner(r, |x| Reading::of(&x.p90_response_hours)),
            ),
            (
                "Others answered you within 24 hours",
                Unit::Share,
                others(r, |x| Reading::of(&x.within_24h_rate)),
            ),
            (
                "Their median response time",
                Unit::Hours,
                others(r, |x| Reading::of(&x.median_response_hours)),
            ),
            (
                "Conversations you started",
                Unit::Share,
                starters(r, |x| Reading::of(&x.owner_start_share)),
            ),
        ])];
        if let Some(x) = ctx.get::<Responsiveness>("responsiveness") {
            if let Some(rate) = x.within_24h_rate.get()
                && rate < 1.0
            {
                let median = x
                    .median_response_hours
                    .get()
                    .map(|h| {
                        format!(
                            ", and your median answer took {}",
                            crate::report::format::duration_hours(h)
                        )
                    })
                    .unwrap_or_default();
                blocks.push(Block::Advice(format!(
                    "Answer faster: you answered {} of the messages waiting for you within a day{median}. \
                     Answering within a day is what keeps a conversation alive.",
                    share(Some(rate)),
                )));
            }
            if x.unanswered > 0 {
                blocks.push(Block::Advice(format!(
                    "{} with a message of theirs you never answered; those of the last \
                     30 days are in the action list.",
                    match x.unanswered {
                        1 => "1 conversation ends".to_string(),
                        n => format!("{} conversations end", count(n)),
                    }
                )));
            }
        }
        blocks.extend(ctx.chart("response_times"));
        blocks.extend(ctx.chart("messages_by_month"));
        blocks.extend(ctx.chart("messages_by_person"));
        Section {
            id: "responsiveness",
            title: "Do you respond?".into(),
            blocks,
        }
    }
}
