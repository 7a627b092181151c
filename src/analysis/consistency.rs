//! Posting consistency: the share of the period's weeks with an original or thread post,
//! the longest gap between such posts, posts per active week and the longest weekly streak.
//! Weeks are local ISO weeks (Monday first).

use std::collections::BTreeSet;

use chrono::Datelike;

use polars::prelude::*;
use serde::Serialize;

use super::columns::{strs, times};
use super::period::DAY_MS;
use super::stats::{rate, share};
use super::table::Table;
use super::{Figure, Figures, Scope};
use crate::model::PostKind;

/// The `consistency` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Consistency {
    /// Weeks the period touches.
    pub weeks: usize,
    /// Weeks with at least one original or thread post.
    pub active_weeks: usize,
    /// active_weeks / weeks.
    pub active_week_share: Figure<f64>,
    /// Longest time between two consecutive original or thread posts, in days.
    pub longest_gap_days: Figure<f64>,
    /// Original and thread posts per active week.
    pub posts_per_active_week: Figure<f64>,
    /// Most consecutive active weeks.
    pub longest_weekly_streak: usize,
}

impl super::Outcome for Consistency {}

/// Runs the analysis.
pub fn run(scope: &Scope) -> PolarsResult<Figures> {
    let clock = scope.options.clock;
    let period = scope.period;
    let posts = &scope.within.posts;
    let kinds = strs(posts, "kind")?;
    let mut at: Vec<i64> = times(posts, "created_at")?
        .into_iter()
        .zip(kinds)
        .filter(|(_, k)| {
            *k == Some(PostKind::Original.as_str()) || *k == Some(PostKind::Thread.as_str())
        })
        .filter_map(|(t, _)| t)
        .collect();
    at.sort_unstable();
    let weeks = if period.end >= period.start {
        (clock.week_number(period.end) - clock.week_number(period.start) + 1) as usize
    } else {
        0
    };
    let active: BTreeSet<i64> = at.iter().map(|t| clock.week_number(*t)).collect();
    let mut longest_streak = 0;
    let mut streak = 0;
    let mut previous: Option<i64> = None;
    for week in &active {
        streak = if previous == Some(week - 1) {
            streak + 1
        } else {
            1
        };
        longest_streak = longest_streak.max(streak);
        previous = Some(*week);
    }
    let longest_gap = at
        .windows(2)
        .map(|w| w[1] - w[0])
        .max()
        .map(|ms| ms as f64 / DAY_MS as f64);
    let result = Consistency {
        weeks,
        active_weeks: active.len(),
        active_week_share: Figure::or_unknown(share(active.len(), weeks), "the period is empty"),
        longest_gap_days: Figure::or_unknown(
            longest_gap,
            "fewer than two original or thread posts in the period",
        ),
        posts_per_active_week: Figure::or_unknown(
            rate(at.len() as f64, active.len() as f64),
            "no original or thread post in the period",
        ),
        longest_weekly_streak: longest_streak,
    };
    let weekly = weekly_posts(&at, period, clock);
    Ok(Figures::new(result, Vec::new()).with_tables(vec![weekly]))
}

/// The `weekly_posts` table: every local ISO week the period touches, with its original
/// and thread posts (0 for a silent week, so gaps show in the calendar).
fn weekly_posts(at: &[i64], period: super::Period, clock: super::Clock) -> Table {
    let mut table = Table::new("weekly_posts", &["week", "week_start", "posts"]);
    if period.end < period.start {
        return table;
    }
    let first = clock.week_number(period.start);
    let last = clock.week_number(period.end);
    let mut counts = vec![0usize; (last - first + 1).max(0) as usize];
    for t in at {
        let week = clock.week_number(*t) - first;
        if let Some(count) = usize::try_from(week).ok().and_then(|w| counts.get_mut(w)) {
            *count += 1;
        }
    }
    for (offset, posts) in counts.into_iter().enumerate() {
        // week_number counts Mondays from 0001-01-01, itself a Monday (day 1 of the era).
        let days = (first + offset as i64) * 7 + 1;
        let monday = i32::try_from(days)
            .ok()
            .and_then(chrono::NaiveDate::from_num_days_from_ce_opt);
        let (label, start) = match monday {
            Some(m) => {
                let iso = m.iso_week();
                (format!("{}-W{:02}", iso.year(), iso.week()), m.to_string())
            }
            None => (String::new(), String::new()),
        };
        table.push(vec![label.into(), start.into(), posts.into()]);
    }
    table
}
