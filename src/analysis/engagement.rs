//! Engagement of posts: how many posts, of which kinds, and how much response they got.
//!
//! engagement of a post = `engagements` where the platform gives that total, else the sum
//! of the known likes, reposts, replies and quotes; null when none is known.

use std::collections::BTreeMap;

use polars::prelude::*;
use serde::Serialize;

use super::columns::{f64s, strs, times};
use super::stats::{mean, median, rate, share};
use super::table::{Cell, Table};
use super::{Figure, Figures, Scope};
use crate::model::PostKind;

/// The kinds of the content scope: the owner's own content (reposts are left out).
pub const SCOPE_KINDS: [PostKind; 4] = [
    PostKind::Original,
    PostKind::Thread,
    PostKind::Reply,
    PostKind::Quote,
];

/// Every kind, in the order the summary lists them.
pub const ALL_KINDS: [PostKind; 5] = [
    PostKind::Original,
    PostKind::Thread,
    PostKind::Reply,
    PostKind::Repost,
    PostKind::Quote,
];

/// The `engagement` expression (Float64, null when no count is known).
pub fn engagement_expr() -> Expr {
    let counts = ["likes", "reposts", "replies", "quotes"];
    let any_known = counts
        .iter()
        .map(|c| col(*c).is_not_null())
        .reduce(|a, b| a.or(b))
        .unwrap_or(lit(false));
    let sum = counts
        .iter()
        .map(|c| col(*c).cast(DataType::Float64).fill_null(lit(0.0)))
        .reduce(|a, b| a + b)
        .unwrap_or(lit(0.0));
    when(col("engagements").is_not_null())
        .then(col("engagements").cast(DataType::Float64))
        .otherwise(
            when(any_known)
                .then(sum)
                .otherwise(lit(NULL).cast(DataType::Float64)),
        )
        .alias("engagement")
}

/// The posts with their `engagement` column added.
pub fn with_engagement(posts: &DataFrame) -> PolarsResult<DataFrame> {
    posts
        .clone()
        .lazy()
        .with_column(engagement_expr())
        .collect()
}

/// The content scope: posts of the scope kinds with known engagement, `engagement` added.
pub fn content_scope(posts: &DataFrame) -> PolarsResult<DataFrame> {
    let kinds = Series::new(
        "kinds".into(),
        SCOPE_KINDS.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
    );
    // Only the columns an analysis of content reads: the text and the mentions are the
    // bulk of the frame and never needed here.
    let needed = [
        "post_id",
        "kind",
        "created_at",
        "media",
        "text_chars",
        "hashtags",
        "link_domains",
        "likes",
        "reposts",
        "replies",
        "quotes",
        "impressions",
        "engagements",
    ];
    posts
        .clone()
        .lazy()
        .select(needed.map(col))
        .with_column(engagement_expr())
        .filter(
            col("kind")
                .is_in(lit(kinds).implode(false), false)
                .and(col("engagement").is_not_null()),
        )
        .collect()
}

/// The `engagement` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Engagement {
    /// Posts in the period, every kind.
    pub posts: usize,
    /// Posts in the period per kind (every kind listed, 0 included).
    pub posts_by_kind: BTreeMap<String, usize>,
    /// Posts in the content scope.
    pub scope_posts: usize,
    /// Scope posts over the owner's own posts (every kind but repost) in the period.
    pub engagement_known_share: Figure<f64>,
    /// Mean engagement of scope posts.
    pub engagement_mean: Figure<f64>,
    /// Median engagement of scope posts.
    pub engagement_median: Figure<f64>,
    /// Total engagement of scope posts.
    pub engagement_total: Figure<f64>,
    /// Sum of engagement over sum of impressions, over scope posts with impressions > 0.
    pub engagement_rate_pooled: Figure<f64>,
}

impl super::Outcome for Engagement {}

/// Runs the analysis.
pub fn run(scope: &Scope) -> PolarsResult<Figures> {
    let posts = &scope.within.posts;
    let kinds = strs(posts, "kind")?;
    let mut posts_by_kind: BTreeMap<String, usize> = ALL_KINDS
        .iter()
        .map(|k| (k.as_str().to_string(), 0))
        .collect();
    for kind in kinds.iter().flatten() {
        *posts_by_kind.entry(kind.to_string()).or_default() += 1;
    }
    let own_posts = kinds
        .iter()
        .filter(|k| **k != Some(PostKind::Repost.as_str()))
        .count();
    let in_scope = scope.shared()?.content();
    let values: Vec<f64> = f64s(in_scope, "engagement")?
        .into_iter()
        .flatten()
        .collect();
    let impressions = f64s(in_scope, "impressions")?;
    let (mut engaged, mut seen) = (0.0, 0.0);
    for (e, i) in values.iter().zip(&impressions) {
        if let Some(i) = i.filter(|i| *i > 0.0) {
            engaged += e;
            seen += i;
        }
    }
    let total = (!values.is_empty()).then(|| values.iter().sum());
    let no_scope = "no post in the period has a known engagement count";
    let result = Engagement {
        posts: posts.height(),
        posts_by_kind,
        scope_posts: in_scope.height(),
        engagement_known_share: Figure::or_unknown(
            share(in_scope.height(), own_posts),
            "no original, thread, reply or quote post in the period",
        ),
        engagement_mean: Figure::or_unknown(mean(&values), no_scope),
        engagement_median: Figure::or_unknown(median(&values), no_scope),
        engagement_total: Figure::or_unknown(total, no_scope),
        engagement_rate_pooled: Figure::or_unknown(
            rate(engaged, seen),
            "no post in scope has known impressions (the archive gives none; add the \
             analytics export)",
        ),
    };
    let top = top_posts(posts, result.engagement_mean.get(), scope.options)?;
    let monthly = by_month(scope, in_scope)?;
    let best = best_of_month(scope, in_scope)?;
    Ok(Figures::new(result, Vec::new()).with_tables(vec![top, monthly, best]))
}

/// The `best_post_by_month` table: for each local month of the period with a scope post,
/// the most engaging one (ties: the earlier, then by id), with what the owner wrote cut to
/// [`TEXT_PREVIEW_CHARS`]. Only the chosen posts' texts are read.
fn best_of_month(scope: &Scope, in_scope: &DataFrame) -> PolarsResult<Table> {
    let clock = scope.options.clock;
    let mut table = Table::new(
        "best_post_by_month",
        &["month", "date", "platform", "kind", "text", "engagement"],
    );
    let ids = strs(in_scope, "post_id")?;
    let at = times(in_scope, "created_at")?;
    let engagement = f64s(in_scope, "engagement")?;
    // month -> (engagement, time, id)
    let mut best: BTreeMap<i64, (f64, i64, &str)> = BTreeMap::new();
    for i in 0..in_scope.height() {
        let (Some(id), Some(t), Some(e)) = (ids[i], at[i], engagement[i]) else {
            continue;
        };
        let entry = best.entry(clock.month_number(t)).or_insert((e, t, id));
        if (e, std::cmp::Reverse(t), std::cmp::Reverse(id))
            > (
                entry.0,
                std::cmp::Reverse(entry.1),
                std::cmp::Reverse(entry.2),
            )
        {
            *entry = (e, t, id);
        }
    }
    let chosen: Vec<&str> = best.values().map(|(_, _, id)| *id).collect();
    let posts = &scope.within.posts;
    let (post_id, platform) = (strs(posts, "post_id")?, strs(posts, "platform")?);
    let (kind, text) = (strs(posts, "kind")?, strs(posts, "text")?);
    let mut found: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, id) in post_id.iter().enumerate() {
        if let Some(id) = id
            && chosen.contains(id)
        {
            found.entry(id).or_insert(i);
        }
    }
    for (month, (e, t, id)) in best {
        let i = found.get(id).copied();
        let (p, k, x) = i.map_or(("", "", ""), |i| {
            (
                platform[i].unwrap_or(""),
                kind[i].unwrap_or(""),
                text[i].unwrap_or(""),
            )
        });
        table.push(vec![
            Cell::Text(super::period::month_label(month)),
            Cell::Text(clock.local(t).date().to_string()),
            p.into(),
            k.into(),
            Cell::Text(preview(k, x)),
            Cell::Float(e),
        ]);
    }
    Ok(table)
}

/// The `engagement_by_month` table: for every local month the period touches, the scope
/// posts, their total and mean engagement, and the pooled engagement rate where
/// impressions are known (empty where the month has no such post).
fn by_month(scope: &Scope, in_scope: &DataFrame) -> PolarsResult<Table> {
    let clock = scope.options.clock;
    let period = scope.period;
    let mut table = Table::new(
        "engagement_by_month",
        &[
            "month",
            "posts",
            "engagement_total",
            "mean_engagement",
            "engagement_rate",
        ],
    );
    let times = super::columns::times(in_scope, "created_at")?;
    let engagement = f64s(in_scope, "engagement")?;
    let impressions = f64s(in_scope, "impressions")?;
    // (posts, engagement, engagement where impressions are known, impressions)
    let mut months: BTreeMap<i64, (usize, f64, f64, f64)> = clock
        .months(period)
        .map(|m| (m, (0, 0.0, 0.0, 0.0)))
        .collect();
    for ((t, e), i) in times.iter().zip(&engagement).zip(&impressions) {
        let (Some(t), Some(e)) = (t, e) else { continue };
        if let Some(m) = months.get_mut(&clock.month_number(*t)) {
            m.0 += 1;
            m.1 += e;
            if let Some(i) = i.filter(|i| *i > 0.0) {
                m.2 += e;
                m.3 += i;
            }
        }
    }
    for (month, (posts, total, engaged, seen)) in months {
        table.push(vec![
            Cell::Text(super::period::month_label(month)),
            Cell::from(posts),
            if posts > 0 {
                Cell::Float(total)
            } else {
                Cell::Null
            },
            Cell::from((posts > 0).then(|| total / posts as f64)),
            Cell::from(rate(engaged, seen)),
        ]);
    }
    Ok(table)
}

/// How many of the most and of the least engaging posts the report lists.
pub const TOP_POSTS: usize = 10;
/// See [`TOP_POSTS`].
pub const BOTTOM_POSTS: usize = 5;
/// The owner's text is cut to this many characters in the report.
pub const TEXT_PREVIEW_CHARS: usize = 80;

/// The `top_posts` table: the [`TOP_POSTS`] posts of the content scope with the most
/// engagement, then the [`BOTTOM_POSTS`] with the least among the others (ties: earlier
/// first, then by id). `lift` is the post's engagement over the scope's mean.
fn top_posts(
    posts: &DataFrame,
    scope_mean: Option<f64>,
    options: &super::Options,
) -> PolarsResult<Table> {
    let kinds = Series::new(
        "kinds".into(),
        SCOPE_KINDS.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
    );
    let ranked = posts
        .clone()
        .lazy()
        .select(
            [
                "platform",
                "post_id",
                "created_at",
                "kind",
                "media",
                "text",
                "likes",
                "reposts",
                "replies",
                "quotes",
                "engagements",
            ]
            .map(col),
        )
        .with_column(engagement_expr())
        .filter(
            col("kind")
                .is_in(lit(kinds).implode(false), false)
                .and(col("engagement").is_not_null()),
        );
    let sort = |descending: bool| {
        SortMultipleOptions::default()
            .with_order_descending_multi([descending, false, false])
            .with_maintain_order(true)
    };
    let top = ranked
        .clone()
        .sort(["engagement", "created_at", "post_id"], sort(true))
        .limit(TOP_POSTS as u32)
        .collect()?;
    // The least engaging posts that are not among the top: at most TOP_POSTS of the
    // lowest can be top posts too, so this many rows always suffice.
    let bottom = ranked
        .sort(["engagement", "created_at", "post_id"], sort(false))
        .limit((TOP_POSTS + BOTTOM_POSTS) as u32)
        .collect()?;
    let mut table = Table::new(
        "top_posts",
        &[
            "rank",
            "list",
            "date",
            "platform",
            "kind",
            "media",
            "text",
            "engagement",
            "lift",
        ],
    );
    let taken: Vec<&str> = strs(&top, "post_id")?.into_iter().flatten().collect();
    let skip_top = |frame: &DataFrame| -> PolarsResult<Vec<usize>> {
        let ids = strs(frame, "post_id")?;
        Ok((0..frame.height())
            .filter(|i| ids[*i].is_none_or(|id| !taken.contains(&id)))
            .collect())
    };
    let all_top: Vec<usize> = (0..top.height()).collect();
    let bottom_rows: Vec<usize> = skip_top(&bottom)?.into_iter().take(BOTTOM_POSTS).collect();
    for (frame, rows, list) in [(&top, all_top, "top"), (&bottom, bottom_rows, "bottom")] {
        let platform = strs(frame, "platform")?;
        let at = times(frame, "created_at")?;
        let kind = strs(frame, "kind")?;
        let media = strs(frame, "media")?;
        let text = strs(frame, "text")?;
        let engagement = f64s(frame, "engagement")?;
        for (rank, i) in rows.into_iter().enumerate() {
            let e = engagement[i];
            table.push(vec![
                Cell::Int(rank as i64 + 1),
                list.into(),
                at[i].map_or(Cell::Null, |t| {
                    Cell::Text(options.clock.local(t).date().to_string())
                }),
                platform[i].unwrap_or("").into(),
                kind[i].unwrap_or("").into(),
                media[i].unwrap_or("").into(),
                Cell::Text(preview(kind[i].unwrap_or(""), text[i].unwrap_or(""))),
                Cell::from(e),
                Cell::from(
                    e.zip(scope_mean)
                        .and_then(|(e, m)| super::stats::rate(e, m)),
                ),
            ]);
        }
    }
    Ok(table)
}

/// What the owner wrote, cut to [`TEXT_PREVIEW_CHARS`]: a reply's or thread's leading
/// `@handle`s are the platform's addressing, not the owner's words, and are left out.
pub fn preview(kind: &str, text: &str) -> String {
    let mut rest = text.trim_start();
    if kind == PostKind::Reply.as_str() || kind == PostKind::Thread.as_str() {
        while let Some(after) = rest.strip_prefix('@') {
            let end = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            rest = after[end..].trim_start();
        }
    }
    let one_line: String = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = one_line.chars();
    let cut: String = chars.by_ref().take(TEXT_PREVIEW_CHARS).collect();
    if chars.next().is_some() {
        format!("{cut}…")
    } else {
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_drops_a_replys_addressing_and_cuts_at_80_characters() {
        assert_eq!(preview("reply", "@ada @bob_2  thanks!"), "thanks!");
        assert_eq!(preview("original", "@ada is great"), "@ada is great");
        let long = "é".repeat(81);
        assert_eq!(preview("original", &long), format!("{}…", "é".repeat(80)));
        assert_eq!(preview("original", "two\nlines"), "two lines");
    }
}
