//! Network growth: connections by local month of connected_at (new and cumulative) over
//! the period's months, and where connections work.

use std::collections::{BTreeMap, HashMap};

use polars::prelude::*;
use serde::Serialize;

use super::columns::{strs, times};
use super::period::month_label;
use super::{Figure, Figures, Scope};

/// One month.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Month {
    /// Connections made in the month (inside the period).
    pub new: usize,
    /// Connections with a known time made up to the month's end (or the period's end).
    pub cumulative: usize,
}

/// A company and its connections.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Company {
    /// The company as the archive spells it.
    pub company: String,
    /// Connections working there.
    pub connections: usize,
}

/// The `growth` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Growth {
    /// Connections in the archive (all time); null where no archive holds a list of them.
    pub connections: Figure<usize>,
    /// Those with a known time.
    pub connections_with_time: Figure<usize>,
    /// Those made in the period.
    pub new_in_period: Figure<usize>,
    /// Every month the period touches, `YYYY-MM`, in order; null when no connection has a
    /// time.
    pub months: Figure<BTreeMap<String, Month>>,
    /// Companies with the most connections, at most `--top`, ties by name.
    pub top_companies: Vec<Company>,
}

/// Under `--redact`, a company with fewer connections than this is left out: it would
/// point at the people who work there.
pub const SMALLEST_GROUP: usize = 3;

impl super::Outcome for Growth {
    fn redact(&mut self, _pseudonym: super::Pseudonym) {
        self.top_companies
            .retain(|c| c.connections >= SMALLEST_GROUP);
    }
}

/// Runs the analysis.
pub fn run(scope: &Scope) -> PolarsResult<Figures> {
    let clock = scope.options.clock;
    let period = scope.period;
    let all = &scope.all.connections;
    let mut at: Vec<i64> = times(all, "connected_at")?.into_iter().flatten().collect();
    at.sort_unstable();
    let mut months = BTreeMap::new();
    if period.end >= period.start {
        let (first, last) = (
            clock.month_number(period.start),
            clock.month_number(period.end),
        );
        let mut new_by_month: HashMap<i64, usize> = HashMap::new();
        for t in at.iter().filter(|t| period.contains(**t)) {
            *new_by_month.entry(clock.month_number(*t)).or_default() += 1;
        }
        // Cumulative: everything up to the month's end; months are walked in order, so the
        // count of times before the next month's start is a running partition point.
        let mut index = 0;
        for month in first..=last {
            let bound = if month == last {
                period.end
            } else {
                month_start(&clock, month + 1) - 1
            };
            index += at[index..].partition_point(|t| *t <= bound);
            months.insert(
                month_label(month),
                Month {
                    new: new_by_month.get(&month).copied().unwrap_or(0),
                    cumulative: index,
                },
            );
        }
    }
    let mut companies: HashMap<&str, usize> = HashMap::new();
    for company in strs(all, "company")?.into_iter().flatten() {
        let company = company.trim();
        if !company.is_empty() {
            *companies.entry(company).or_default() += 1;
        }
    }
    let mut top: Vec<Company> = companies
        .into_iter()
        .map(|(company, connections)| Company {
            company: company.to_string(),
            connections,
        })
        .collect();
    top.sort_by(|a, b| {
        b.connections
            .cmp(&a.connections)
            .then_with(|| a.company.cmp(&b.company))
    });
    top.truncate(scope.options.top);
    let unknown = scope.connections_unknown()?;
    let count = |n: usize| match &unknown {
        Some(why) => Figure::unknown(why.clone()),
        None => Figure::known(n),
    };
    let result = Growth {
        connections: count(all.height()),
        connections_with_time: count(at.len()),
        // Connections without times (Twitter's lists) say nothing of when they were made:
        // how many are new in the period is unknown, not 0.
        new_in_period: if unknown.is_none() && at.is_empty() && all.height() > 0 {
            Figure::unknown("no connection has a known time in these archives")
        } else {
            count(scope.within.connections.height())
        },
        months: match &unknown {
            Some(why) => Figure::unknown(why.clone()),
            None => Figure::or_unknown(
                (!at.is_empty()).then_some(months),
                "no connection has a known time in these archives",
            ),
        },
        top_companies: top,
    };
    Ok(Figures::new(result, Vec::new()))
}

/// The UTC instant the local month `number` starts.
fn month_start(clock: &super::Clock, number: i64) -> i64 {
    let (year, month0) = (number.div_euclid(12) as i32, number.rem_euclid(12) as u32);
    match chrono::NaiveDate::from_ymd_opt(year, month0 + 1, 1) {
        Some(date) => clock.day_start(date),
        None => i64::MAX,
    }
}
