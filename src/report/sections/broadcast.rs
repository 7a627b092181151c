//! "Memorable or broadcasting?": the same message sent to many people (the `broadcast`
//! analysis).

use super::{Context, ReportSection, count};
use crate::analysis::broadcast::Broadcast;
use crate::report::document::{Block, Section};
use crate::report::headline::{Better, Headline, Reading, Unit};

/// The section.
pub struct BroadcastSection;

const HEADLINES: &[Headline] = &[Headline {
    key: "broadcast.broadcast_share",
    label: "Messages sent as broadcasts",
    unit: Unit::Share,
    better: Better::Lower,
    read: |r| {
        Reading::from(r, "broadcast", |b: &Broadcast| {
            Reading::of(&b.broadcast_share)
        })
    },
}];

impl ReportSection for BroadcastSection {
    fn id(&self) -> &'static str {
        "broadcast"
    }

    fn headlines(&self) -> &'static [Headline] {
        HEADLINES
    }

    fn build(&self, ctx: &Context) -> Section {
        let b = ctx.get::<Broadcast>("broadcast");
        let read = |f: fn(&Broadcast) -> Reading| b.map(f).unwrap_or_default();
        let mut blocks = vec![ctx.figures(vec![
            (
                "Your messages with text",
                Unit::Count,
                read(|b| Reading::count(b.owner_messages_with_text)),
            ),
            (
                "Sent as a broadcast (same text to 5+ conversations)",
                Unit::Count,
                read(|b| Reading::count(b.broadcast_messages)),
            ),
            (
                "Distinct broadcast texts",
                Unit::Count,
                read(|b| Reading::count(b.broadcast_bodies)),
            ),
            (
                "Broadcast share",
                Unit::Share,
                read(|b| Reading::of(&b.broadcast_share)),
            ),
        ])];
        if let Some(b) = b
            && b.broadcast_messages > 0
        {
            blocks.push(Block::Advice(format!(
                "{} of your messages were the same text sent to five or more conversations. \
                 People notice a copied message; a line written for the person is remembered.",
                count(b.broadcast_messages)
            )));
        }
        Section {
            id: "broadcast",
            title: "Memorable or broadcasting?".into(),
            blocks,
        }
    }
}
