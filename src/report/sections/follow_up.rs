//! "Follow-up and one-on-one": new connections written to within a week, public exchanges
//! moved to a direct message (the `follow_up` and `one_on_one` analyses).

use super::{Context, ReportSection, count, share};
use crate::analysis::Results;
use crate::analysis::follow_up::FollowUp;
use crate::analysis::one_on_one::OneOnOne;
use crate::report::document::{Block, Section};
use crate::report::headline::{Better, Headline, Reading, Unit};

/// The section.
pub struct FollowUpSection;

fn follow_up(r: Results, f: fn(&FollowUp) -> Reading) -> Reading {
    Reading::from(r, "follow_up", f)
}

fn one_on_one(r: Results, f: fn(&OneOnOne) -> Reading) -> Reading {
    Reading::from(r, "one_on_one", f)
}

const HEADLINES: &[Headline] = &[
    Headline {
        key: "follow_up.follow_up_rate",
        label: "New connections followed up within 7 days",
        unit: Unit::Share,
        better: Better::Higher,
        read: |r| follow_up(r, |f| Reading::of(&f.follow_up_rate)),
    },
    Headline {
        key: "one_on_one.one_on_one_rate",
        label: "Public exchanges moved to a direct message",
        unit: Unit::Share,
        better: Better::Higher,
        read: |r| one_on_one(r, |o| Reading::of(&o.one_on_one_rate)),
    },
];

impl ReportSection for FollowUpSection {
    fn id(&self) -> &'static str {
        "follow-up"
    }

    fn headlines(&self) -> &'static [Headline] {
        HEADLINES
    }

    fn build(&self, ctx: &Context) -> Section {
        let mut blocks = Vec::new();
        if let Some(r) = ctx.overall() {
            blocks.push(ctx.figures(vec![
                (
                    "New connections in the period",
                    Unit::Count,
                    follow_up(r, |f| Reading::of_count(&f.connections_made)),
                ),
                (
                    "Written to within 7 days",
                    Unit::Count,
                    follow_up(r, |f| Reading::of_count(&f.followed_up)),
                ),
                (
                    "Follow-up rate",
                    Unit::Share,
                    follow_up(r, |f| Reading::of(&f.follow_up_rate)),
                ),
                (
                    "People you talked with in public",
                    Unit::Count,
                    one_on_one(r, |o| Reading::of_count(&o.public_counterparts)),
                ),
                (
                    "of whom you messaged within 14 days",
                    Unit::Count,
                    one_on_one(r, |o| Reading::of_count(&o.moved_to_one_on_one)),
                ),
                (
                    "One-on-one rate",
                    Unit::Share,
                    one_on_one(r, |o| Reading::of(&o.one_on_one_rate)),
                ),
            ]));
        }
        if let Some(f) = ctx.get::<FollowUp>("follow_up")
            && let Some(rate) = f.follow_up_rate.get()
            && let (Some(made), Some(done)) = (f.connections_made.get(), f.followed_up.get())
            && rate < 1.0
        {
            blocks.push(Block::Advice(format!(
                "{} of {} new connections got no message within a week. A note soon after \
                 connecting turns a contact into a relationship.",
                count(made - done),
                count(made)
            )));
        }
        if let Some(rate) = ctx
            .get::<OneOnOne>("one_on_one")
            .and_then(|o| o.one_on_one_rate.get())
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
}
