//! "When to post": the best local hour and weekday, and the hour x weekday heatmap (the
//! `lift` analysis).

use super::{Context, ReportSection};
use crate::analysis::lift::Lift;
use crate::analysis::table::Table;
use crate::report::charts::{ChartSlot, heatmap, is_activity, slot};
use crate::report::document::{Block, Section};
use crate::report::format as fmt;
use crate::report::tables::groups;

/// The section.
pub struct Timing;

impl ReportSection for Timing {
    fn id(&self) -> &'static str {
        "timing"
    }

    fn tables(&self, ctx: &Context) -> Vec<Table> {
        let lift = ctx.get::<Lift>("lift");
        vec![
            groups("lift_by_hour", "hour", lift.map(|l| &l.hour)),
            groups("lift_by_weekday", "weekday", lift.map(|l| &l.weekday)),
        ]
    }

    fn charts(&self, ctx: &Context) -> Vec<ChartSlot> {
        let table = ctx.table("hour_weekday");
        let title = if table.is_some_and(is_activity) {
            "When you post: posts by local hour and weekday"
        } else {
            "Mean engagement by local hour and weekday (number = posts)"
        };
        vec![slot(
            "hour_weekday",
            title,
            "hour_weekday",
            heatmap(table, ctx.tz()),
        )]
    }

    fn build(&self, ctx: &Context) -> Section {
        let mut blocks = Vec::new();
        let lift = ctx.get::<Lift>("lift");
        let hour = lift.and_then(|l| l.best_hour.value());
        let day = lift.and_then(|l| l.best_weekday.value());
        let tz = ctx.tz();
        let activity = ctx.table("hour_weekday").is_some_and(is_activity);
        if activity {
            blocks.push(Block::Para(
                "No post in the period has a known engagement count, so no hour or weekday can \
                 be compared: the heatmap shows when you post, not what works."
                    .into(),
            ));
        } else if hour.is_none() && day.is_none() {
            blocks.push(Block::Para(
                "No hour or weekday has enough posts with a known engagement to compare.".into(),
            ));
        }
        // The best of the groups with enough posts is advice only when it beats the
        // average post (a lift over 1); else it is said as it is.
        if let Some(best) = hour {
            let (h, lift, posts) = (&best.group, best.lift, best.posts);
            blocks.push(if lift > 1.0 {
                Block::Advice(format!(
                    "Best hour to post: {h}:00 ({tz}), {} engagement against your average post, over {posts} posts.",
                    fmt::lift(lift)
                ))
            } else {
                Block::Para(format!(
                    "No hour with enough posts beats your average post: the best, \
                     {h}:00 ({tz}), gets {} engagement against your average post, over {posts} posts.",
                    fmt::lift(lift)
                ))
            });
        }
        if let Some(best) = day {
            let (d, lift, posts) = (&best.group, best.lift, best.posts);
            blocks.push(if lift > 1.0 {
                Block::Advice(format!(
                    "Best weekday to post: {d}, {} engagement against your average post, over {posts} posts.",
                    fmt::lift(lift)
                ))
            } else {
                Block::Para(format!(
                    "No weekday with enough posts beats your average post: the best, {d}, \
                     gets {} engagement against your average post, over {posts} posts.",
                    fmt::lift(lift)
                ))
            });
        }
        blocks.extend(ctx.chart("hour_weekday"));
        Section {
            id: "timing",
            title: "When to post".into(),
            blocks,
        }
    }
}
