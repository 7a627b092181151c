//! "Invitations": sent and received, and whether a personal note helps (the
//! `invitations` analysis).

use super::{Context, ReportSection, share};
use crate::analysis::invitations::{Invitations, Split};
use crate::report::document::{Block, Section, Shown};
use crate::report::headline::{Better, Headline, Reading, Unit, format};

/// The section.
pub struct InvitationsSection;

const HEADLINES: &[Headline] = &[Headline {
    key: "invitations.accepted_share",
    label: "Invitations accepted",
    unit: Unit::Share,
    better: Better::Higher,
    read: |r| {
        Reading::from(r, "invitations", |i: &Invitations| {
            Reading::of(&i.accepted_share)
        })
    },
}];

fn split_row(label: &str, split: &Split) -> Vec<Shown> {
    let n = |v: Option<usize>| format(Unit::Count, v.map(|v| v as f64));
    [
        label.to_string(),
        n(split.sent),
        n(split.accepted),
        share(split.accepted_share),
    ]
    .map(Shown::from)
    .to_vec()
}

impl ReportSection for InvitationsSection {
    fn id(&self) -> &'static str {
        "invitations"
    }

    fn headlines(&self) -> &'static [Headline] {
        HEADLINES
    }

    fn build(&self, ctx: &Context) -> Section {
        let mut blocks = Vec::new();
        match ctx.get::<Invitations>("invitations") {
            Some(i) if !i.sent.is_unknown() => {
                blocks.push(ctx.figures(vec![
                    ("Invitations sent", Unit::Count, Reading::of_count(&i.sent)),
                    (
                        "Invitations received",
                        Unit::Count,
                        Reading::of_count(&i.received),
                    ),
                    (
                        "Sent invitations accepted",
                        Unit::Share,
                        Reading::of(&i.accepted_share),
                    ),
                ]));
                blocks.push(Block::Table {
                    header: vec![
                        "Invitations sent".into(),
                        "Sent".into(),
                        "Accepted".into(),
                        "Accepted share".into(),
                    ],
                    rows: vec![
                        split_row("with a personal note", &i.with_note),
                        split_row("without a note", &i.without_note),
                    ],
                });
                // Advice only where both groups are large enough to compare (the same
                // minimum as a group of posts).
                let enough = |n: Option<usize>| n.is_some_and(|n| n >= ctx.min_posts());
                if let (Some(w), Some(wo)) =
                    (i.with_note.accepted_share, i.without_note.accepted_share)
                    && w > wo
                    && enough(i.with_note.sent)
                    && enough(i.without_note.sent)
                {
                    blocks.push(Block::Advice(format!(
                        "Invitations with a note were accepted more often ({} against {}): keep writing one.",
                        share(Some(w)),
                        share(Some(wo))
                    )));
                }
            }
            other => blocks.push(Block::Para(format!(
                "No invitation figures: {}.",
                other
                    .and_then(|i| i.sent.note())
                    .unwrap_or("the archives hold no invitations")
            ))),
        }
        Section {
            id: "invitations",
            title: "Invitations".into(),
            blocks,
        }
    }
}
