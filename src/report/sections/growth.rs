//! "Network growth": connections by month and where they work (the `growth` analysis).

use super::{Context, ReportSection};
use crate::analysis::growth::Growth;
use crate::analysis::table::{Cell, Table};
use crate::report::charts::{ChartSlot, growth, slot};
use crate::report::document::{Block, Section};
use crate::report::format as fmt;
use crate::report::headline::{Better, Headline, Reading, Unit};

/// The section.
pub struct GrowthSection;

const HEADLINES: &[Headline] = &[Headline {
    key: "growth.new_in_period",
    label: "New connections",
    unit: Unit::Count,
    better: Better::Higher,
    read: |r| {
        Reading::from(r, "growth", |g: &Growth| {
            Reading::of_count(&g.new_in_period)
        })
    },
}];

impl ReportSection for GrowthSection {
    fn id(&self) -> &'static str {
        "growth"
    }

    fn headlines(&self) -> &'static [Headline] {
        HEADLINES
    }

    fn tables(&self, ctx: &Context) -> Vec<Table> {
        let g = ctx.get::<Growth>("growth");
        let mut companies = Table::new("top_companies", &["company", "connections"]);
        for c in g.map(|g| g.top_companies.as_slice()).unwrap_or_default() {
            companies.push(vec![
                Cell::from(c.company.as_str()),
                Cell::from(c.connections),
            ]);
        }
        let mut months = Table::new("growth_by_month", &["month", "new", "cumulative"]);
        for (month, m) in g.and_then(|g| g.months.value()).into_iter().flatten() {
            months.push(vec![
                Cell::from(month.as_str()),
                Cell::from(m.new),
                Cell::from(m.cumulative),
            ]);
        }
        vec![companies, months]
    }

    fn charts(&self, ctx: &Context) -> Vec<ChartSlot> {
        let drawn = match ctx
            .get::<Growth>("growth")
            .and_then(|g| g.connections.note())
        {
            Some(why) => Err(format!("Growth is unknown: {why}.")),
            None => growth(ctx.table("growth_by_month")),
        };
        vec![slot(
            "growth",
            "Network growth: connections by month (cumulative)",
            "growth_by_month",
            drawn,
        )]
    }

    fn build(&self, ctx: &Context) -> Section {
        let g = ctx.get::<Growth>("growth");
        let read = |f: fn(&Growth) -> Reading| g.map(f).unwrap_or_default();
        let mut blocks = vec![ctx.figures(vec![
            (
                "Connections",
                Unit::Count,
                read(|g| Reading::of_count(&g.connections)),
            ),
            (
                "New in the period",
                Unit::Count,
                read(|g| Reading::of_count(&g.new_in_period)),
            ),
        ])];
        // The trend over the period, where connections have times: from the count before
        // its first month to the count at its end.
        if let Some(months) = g.and_then(|g| g.months.value())
            && let (Some(first), Some(last)) = (months.values().next(), months.values().last())
        {
            let before = first.cumulative.saturating_sub(first.new);
            let after = last.cumulative;
            let change = after as f64 - before as f64;
            let percent = fmt::percent_change(Some(before as f64), change)
                .map_or(String::new(), |p| format!(" ({p})"));
            blocks.push(Block::Para(format!(
                "Your network went from {} to {} in the period{percent}.",
                fmt::plural(before, "connection", "connections"),
                fmt::plural(after, "connection", "connections"),
            )));
        }
        blocks.extend(ctx.chart("growth"));
        if let Some(t) = ctx.table_block(
            "top_companies",
            &[("company", "Company"), ("connections", "Connections")],
        ) {
            blocks.push(Block::Para("Where your connections work:".into()));
            blocks.push(t);
        }
        Section {
            id: "growth",
            title: "Network growth".into(),
            blocks,
        }
    }
}
