//! "Consistency": active weeks, gaps and streaks, with posts per ISO week (the
//! `consistency` analysis).

use super::{Context, ReportSection, share};
use crate::analysis::consistency::Consistency;
use crate::report::charts::{ChartSlot, slot, weekly};
use crate::report::document::{Block, Section};
use crate::report::headline::{Better, Headline, Reading, Unit};

/// The section.
pub struct ConsistencySection;

fn read(r: crate::analysis::Results, f: fn(&Consistency) -> Reading) -> Reading {
    Reading::from(r, "consistency", f)
}

const HEADLINES: &[Headline] = &[
    Headline {
        key: "consistency.active_week_share",
        label: "Weeks with a post",
        unit: Unit::Share,
        better: Better::Higher,
        read: |r| read(r, |c| Reading::of(&c.active_week_share)),
    },
    Headline {
        key: "consistency.longest_gap_days",
        label: "Longest gap between posts",
        unit: Unit::Days,
        better: Better::Lower,
        read: |r| read(r, |c| Reading::of(&c.longest_gap_days)),
    },
];

impl ReportSection for ConsistencySection {
    fn id(&self) -> &'static str {
        "consistency"
    }

    fn headlines(&self) -> &'static [Headline] {
        HEADLINES
    }

    fn charts(&self, ctx: &Context) -> Vec<ChartSlot> {
        vec![slot(
            "weekly_posts",
            "Your own posts per week (Monday to Sunday)",
            "weekly_posts",
            weekly(ctx.table("weekly_posts")),
        )]
    }

    fn build(&self, ctx: &Context) -> Section {
        let c = ctx.get::<Consistency>("consistency");
        let read = |f: fn(&Consistency) -> Reading| c.map(f).unwrap_or_default();
        let mut blocks = vec![ctx.figures(vec![
            (
                "Weeks in the period",
                Unit::Count,
                read(|c| Reading::count(c.weeks)),
            ),
            (
                "Weeks with an original or thread post",
                Unit::Count,
                read(|c| Reading::count(c.active_weeks)),
            ),
            (
                "Share of weeks with a post",
                Unit::Share,
                read(|c| Reading::of(&c.active_week_share)),
            ),
            (
                "Longest gap between posts",
                Unit::Days,
                read(|c| Reading::of(&c.longest_gap_days)),
            ),
            (
                "Posts per active week",
                Unit::Number,
                read(|c| Reading::of(&c.posts_per_active_week)),
            ),
            (
                "Longest weekly streak (weeks)",
                Unit::Count,
                read(|c| Reading::count(c.longest_weekly_streak)),
            ),
        ])];
        if let Some(s) = c.and_then(|c| c.active_week_share.get())
            && s < 0.75
        {
            blocks.push(Block::Advice(format!(
                "You posted in {} of the weeks. A steady rhythm builds an audience better than bursts: \
                 aim for at least one post a week.",
                share(Some(s))
            )));
        }
        blocks.extend(ctx.chart("weekly_posts"));
        Section {
            id: "consistency",
            title: "Consistency".into(),
            blocks,
        }
    }
}
