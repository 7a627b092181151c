//! "Which posts work": engagement by kind, media, length, hashtag and link domain, with the
//! most and least engaging posts (the `engagement` and `lift` analyses).

use super::{Context, Placement, ReportSection, cell_text};
use crate::analysis::engagement::Engagement;
use crate::analysis::lift::Lift;
use crate::analysis::table::Table;
use crate::report::charts::{
    ChartSlot, engagement_by_month, lift_bars, mean_engagement_bars, slot,
};
use crate::report::document::{Block, Section, Shown};
use crate::report::headline::{Better, Headline, Reading, Unit};
use crate::report::tables::groups;

/// The section.
pub struct Posts;

const HEADLINES: &[Headline] = &[
    Headline {
        key: "engagement.posts",
        label: "Posts",
        unit: Unit::Count,
        better: Better::Neither,
        read: |r| Reading::from(r, "engagement", |e: &Engagement| Reading::count(e.posts)),
    },
    Headline {
        key: "engagement.engagement_mean",
        label: "Mean engagement per post",
        unit: Unit::Number,
        better: Better::Higher,
        read: |r| {
            Reading::from(r, "engagement", |e: &Engagement| {
                Reading::of(&e.engagement_mean)
            })
        },
    },
    Headline {
        key: "engagement.engagement_median",
        label: "Median engagement per post",
        unit: Unit::Number,
        better: Better::Higher,
        read: |r| {
            Reading::from(r, "engagement", |e: &Engagement| {
                Reading::of(&e.engagement_median)
            })
        },
    },
    Headline {
        key: "engagement.engagement_rate_pooled",
        label: "Engagement rate (engagement / impressions)",
        unit: Unit::Share,
        better: Better::Higher,
        read: |r| {
            Reading::from(r, "engagement", |e: &Engagement| {
                Reading::of(&e.engagement_rate_pooled)
            })
        },
    },
];

/// The best post of each month, where the period has two months or more with posts.
fn best_of_month(ctx: &Context, blocks: &mut Vec<Block>) {
    if ctx
        .table("best_post_by_month")
        .is_none_or(|t| t.rows.len() < crate::report::charts::MIN_GROUPS)
    {
        return;
    }
    let mut columns = vec![
        ("month", "Month"),
        ("date", "Date"),
        ("platform", "Platform"),
    ];
    if !ctx.redacted {
        columns.push(("text", "Text (first 80 characters)"));
    }
    columns.push(("engagement", "Engagement"));
    blocks.push(Block::Para("The most engaging post of each month:".into()));
    blocks.extend(ctx.table_block("best_post_by_month", &columns));
}

/// The lift dimensions drawn here: table and chart name, the group column, what a person
/// calls it, and how many bars a lift chart shows.
const DIMENSIONS: [(&str, &str, &str, usize); 5] = [
    ("engagement_by_kind", "kind", "kind of post", 0),
    ("engagement_by_media", "media", "media attached", 0),
    ("lift_by_length_band", "length_band", "length band", 5),
    ("lift_by_hashtag", "hashtag", "hashtag", 15),
    ("lift_by_link_domain", "link_domain", "link domain", 15),
];

fn dimension<'a>(lift: &'a Lift, column: &str) -> Option<&'a crate::analysis::lift::Groups> {
    match column {
        "kind" => Some(&lift.kind),
        "media" => Some(&lift.media),
        "length_band" => Some(&lift.length_band),
        "hashtag" => Some(&lift.hashtag),
        "link_domain" => Some(&lift.link_domain),
        _ => None,
    }
}

impl ReportSection for Posts {
    fn id(&self) -> &'static str {
        "posts"
    }

    fn placement(&self) -> Placement {
        Placement::Body
    }

    fn headlines(&self) -> &'static [Headline] {
        HEADLINES
    }

    fn tables(&self, ctx: &Context) -> Vec<Table> {
        let lift = ctx.get::<Lift>("lift");
        let mut tables: Vec<Table> = DIMENSIONS
            .iter()
            .map(|(name, column, _, _)| {
                groups(name, column, lift.and_then(|l| dimension(l, column)))
            })
            .collect();
        // Several platforms: each against its own average too (`<table>_<platform>`).
        let platforms = ctx.platforms();
        if platforms.len() > 1 {
            for p in platforms {
                let lift = ctx.get_in::<Lift>(p, "lift");
                for (name, column, _, _) in DIMENSIONS {
                    tables.push(groups(
                        &format!("{name}_{p}"),
                        column,
                        lift.and_then(|l| dimension(l, column)),
                    ));
                }
            }
        }
        tables
    }

    fn charts(&self, ctx: &Context) -> Vec<ChartSlot> {
        let min_posts = ctx.min_posts() as u64;
        let titles = [
            "Mean engagement by kind of post",
            "Mean engagement by media",
            "Lift by length of post (characters)",
            "Lift by hashtag",
            "Lift by link domain",
        ];
        let draw = |table: &str, what: &str, limit: usize| {
            let table = ctx.table(table);
            if limit == 0 {
                mean_engagement_bars(table, what, min_posts)
            } else {
                lift_bars(table, what, limit, min_posts)
            }
        };
        let platforms = ctx.platforms();
        let mut slots: Vec<ChartSlot> = Vec::new();
        for ((name, _, what, limit), title) in DIMENSIONS.iter().zip(titles) {
            if platforms.len() < 2 {
                slots.push(slot(name, title, name, draw(name, what, *limit)));
                continue;
            }
            // Pooled, one platform's counts would decide: a chart per platform that has
            // something to compare, or one sentence when none has.
            let per_platform: Vec<ChartSlot> = platforms
                .iter()
                .filter_map(|p| {
                    let table = format!("{name}_{p}");
                    let drawn = draw(&table, what, *limit).ok()?;
                    let title = format!("{title}, {}", ctx.title_of(p));
                    Some(slot(&table, &title, &table, Ok(drawn)))
                })
                .collect();
            if per_platform.is_empty() {
                slots.push(slot(
                    name,
                    title,
                    name,
                    Err(format!(
                        "On no platform do two groups by {what} have {min_posts} or more posts \
                         with a known engagement: too few to compare."
                    )),
                ));
            }
            slots.extend(per_platform);
        }
        slots.push(slot(
            "engagement_by_month",
            "Mean engagement per post, by month",
            "engagement_by_month",
            engagement_by_month(ctx.table("engagement_by_month")),
        ));
        slots
    }

    fn build(&self, ctx: &Context) -> Section {
        let engagement = ctx.get::<Engagement>("engagement");
        let read = |f: fn(&Engagement) -> Reading| engagement.map(f).unwrap_or_default();
        let mut blocks = vec![ctx.figures(vec![
            (
                "Posts in the period (every kind)",
                Unit::Count,
                read(|e| Reading::count(e.posts)),
            ),
            (
                "Your own posts with known engagement",
                Unit::Count,
                read(|e| Reading::count(e.scope_posts)),
            ),
            (
                "Mean engagement per post",
                Unit::Number,
                read(|e| Reading::of(&e.engagement_mean)),
            ),
            (
                "Median engagement per post",
                Unit::Number,
                read(|e| Reading::of(&e.engagement_median)),
            ),
            (
                "Total engagement",
                Unit::Count,
                read(|e| Reading::of(&e.engagement_total)),
            ),
            (
                "Engagement rate (engagement / impressions)",
                Unit::Share,
                read(|e| Reading::of(&e.engagement_rate_pooled)),
            ),
        ])];
        // Each platform against its own average: pooled, one platform's large counts would
        // make its kind of post "win" everywhere.
        let platforms = ctx.platforms();
        let lifts: Vec<(Option<String>, &Lift)> = if platforms.len() > 1 {
            platforms
                .iter()
                .filter_map(|p| Some((Some(ctx.title_of(p)), ctx.get_in::<Lift>(p, "lift")?)))
                .collect()
        } else {
            ctx.get::<Lift>("lift")
                .map(|l| (None, l))
                .into_iter()
                .collect()
        };
        for (platform, lift) in lifts {
            for (column, what) in [
                ("kind", "kind of post"),
                ("media", "media"),
                ("length_band", "length"),
            ] {
                let best = dimension(lift, column).and_then(|g| {
                    g.0.iter()
                        .filter_map(|(group, s)| Some((group, s.lift?)))
                        .fold(None, |top: Option<(&String, f64)>, (g, l)| match top {
                            Some((_, t)) if t >= l => top,
                            _ => Some((g, l)),
                        })
                });
                if let Some((group, lift)) = best
                    && lift > 1.0
                {
                    let group = if column == "length_band" {
                        format!("{group} characters")
                    } else {
                        group.clone()
                    };
                    let lift = crate::report::format::lift(lift);
                    blocks.push(Block::Advice(match &platform {
                        Some(p) => format!(
                            "On {p}, by {what}, {group} works best: {lift} engagement against \
                             your average post there."
                        ),
                        None => format!(
                            "By {what}, {group} works best: {lift} engagement against your \
                             average post."
                        ),
                    }));
                }
            }
        }
        blocks.extend(ctx.chart("engagement_by_month"));
        for (name, _, _, _) in DIMENSIONS {
            blocks.extend(ctx.chart(name));
            for p in ctx.platforms() {
                blocks.extend(ctx.chart(&format!("{name}_{p}")));
            }
        }
        top_posts(ctx, &mut blocks);
        best_of_month(ctx, &mut blocks);
        Section {
            id: "posts",
            title: "Which posts work".into(),
            blocks,
        }
    }
}

/// The most and the least engaging posts (the owner's text left out under `--redact`).
fn top_posts(ctx: &Context, blocks: &mut Vec<Block>) {
    let mut columns: Vec<(&str, &str)> = vec![
        ("rank", "#"),
        ("date", "Date"),
        ("platform", "Platform"),
        ("kind", "Kind"),
        ("media", "Media"),
    ];
    if !ctx.redacted {
        columns.push(("text", "Text (first 80 characters)"));
    }
    columns.extend([("engagement", "Engagement"), ("lift", "Lift")]);
    let Some(table) = ctx.table("top_posts") else {
        return;
    };
    let at = table.column("list");
    for (list, title) in [
        ("top", "Most engaging posts"),
        ("bottom", "Least engaging posts"),
    ] {
        let rows: Vec<Vec<Shown>> = table
            .rows
            .iter()
            .filter(|r| at.and_then(|i| r.get(i)).and_then(|c| c.as_str()) == Some(list))
            .map(|row| {
                columns
                    .iter()
                    .map(|(c, _)| {
                        Shown::from(
                            table
                                .column(c)
                                .and_then(|i| row.get(i))
                                .map(|cell| cell_text(c, cell))
                                .unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .collect();
        if rows.is_empty() {
            if list == "top" {
                blocks.push(Block::Para(
                    "No post of yours in the period has a known engagement count.".into(),
                ));
            }
            continue;
        }
        blocks.push(Block::Para(format!("{title}:")));
        blocks.push(Block::Table {
            header: columns.iter().map(|(_, h)| h.to_string()).collect(),
            rows,
        });
    }
}
