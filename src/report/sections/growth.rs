//! "Network growth": connections by month and where they work (the `growth` analysis).

use super::{Context, ReportSection};
use crate::analysis::growth::Growth;
use crate::analysis::history::HistoryFigures;
use crate::analysis::people;
use crate::analysis::persons::platforms_text;
use crate::analysis::table::{Cell, Table};
use crate::report::charts::{ChartSlot, growth, growth_by_download, slot};
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

/// Who came and who went between downloads, where two downloads of an account are given.
fn came_and_went(ctx: &Context) -> Vec<Block> {
    let Some(h) = ctx.get::<HistoryFigures>("history") else {
        return Vec::new();
    };
    let (Some(gained), Some(lost)) = (h.connections_gained.value(), h.connections_lost.value())
    else {
        return Vec::new();
    };
    let deleted = h
        .posts_deleted_since
        .value()
        .filter(|n| **n > 0)
        .map_or(String::new(), |n| {
            format!(
                " {} of an older download {} gone from the newest.",
                fmt::plural(*n, "post", "posts"),
                if *n == 1 { "is" } else { "are" }
            )
        });
    let mut blocks = vec![Block::Para(format!(
        "Between your downloads ({} compared): {} came and {} went.{deleted}",
        fmt::plural(h.compared, "pair", "pairs"),
        fmt::plural(*gained, "person", "people"),
        fmt::plural(*lost, "person", "people"),
    ))];
    if *lost > 0 {
        blocks.push(Block::Advice(format!(
            "{} left your connections between two downloads (below): a word to those who \
             mattered may bring them back.",
            fmt::plural(*lost, "person", "people")
        )));
        if let Some(t) = ctx.table_block(
            "connections_lost",
            &[
                ("name", "Person"),
                ("platforms", "Platforms"),
                ("last_seen", "Still there on"),
                ("gone_by", "Gone by"),
            ],
        ) {
            blocks.push(t);
        }
    }
    blocks
}

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
        let h = ctx.get::<HistoryFigures>("history");
        let mut lost = Table::new(
            "connections_lost",
            &[
                "name",
                "platform",
                "counterpart_id",
                "counterpart_name",
                "profile_url",
                "last_seen",
                "gone_by",
                "platforms",
            ],
        );
        for l in h.map(|h| h.lost.as_slice()).unwrap_or_default() {
            lost.push(vec![
                Cell::Text(people::label(
                    l.counterpart_name.as_deref(),
                    &l.counterpart_id,
                )),
                Cell::from(l.platform.as_str()),
                Cell::from(l.counterpart_id.as_str()),
                crate::report::tables::text(l.counterpart_name.as_deref()),
                crate::report::tables::text(l.profile_url.as_deref()),
                Cell::from(l.last_seen.as_str()),
                Cell::from(l.gone_by.as_str()),
                Cell::Text(platforms_text(&l.accounts, &l.platform)),
            ]);
        }
        let mut by_download = Table::new(
            "connections_by_download",
            &["platform", "download", "connections"],
        );
        for d in h
            .map(|h| h.connections_by_download.as_slice())
            .unwrap_or_default()
        {
            by_download.push(vec![
                Cell::from(d.platform.as_str()),
                Cell::from(d.download.as_str()),
                Cell::from(d.connections),
            ]);
        }
        vec![companies, months, lost, by_download]
    }

    fn charts(&self, ctx: &Context) -> Vec<ChartSlot> {
        let drawn = match ctx
            .get::<Growth>("growth")
            .and_then(|g| g.connections.note())
        {
            Some(why) => Err(format!("Growth is unknown: {why}.")),
            None => growth(ctx.table("growth_by_month")),
        };
        // Connections without dates (Twitter's): growth from one download to the next.
        let drawn = match drawn {
            Err(why) if why.starts_with("No connection has a date") => {
                match growth_by_download(ctx.table("connections_by_download")) {
                    Ok(by_download) => {
                        return vec![slot(
                            "growth",
                            "Network growth: connections at each download",
                            "connections_by_download",
                            Ok(by_download),
                        )];
                    }
                    Err(why) => Err(why),
                }
            }
            other => other,
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
        blocks.extend(came_and_went(ctx));
        Section {
            id: "growth",
            title: "Network growth".into(),
            blocks,
        }
    }
}
