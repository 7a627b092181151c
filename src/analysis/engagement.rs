//! Engagement of posts: how many posts, of which kinds, and how much response they got.
//!
//! engagement of a post = `engagements` where the platform gives that total, else the sum
//! of the known likes, reposts, replies and quotes; null when none is known.

use std::collections::BTreeMap;

use polars::prelude::*;
use serde::Serialize;

use super::columns::{f64s, strs};
use super::stats::{mean, median, rate, share};
use super::{Figures, Notes, Scope};
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
#[derive(Debug, Serialize)]
pub struct Engagement {
    /// Posts in the period, every kind.
    pub posts: usize,
    /// Posts in the period per kind (every kind listed, 0 included).
    pub posts_by_kind: BTreeMap<String, usize>,
    /// Posts in the content scope.
    pub scope_posts: usize,
    /// Scope posts over the owner's own posts (every kind but repost) in the period.
    pub engagement_known_share: Option<f64>,
    /// Mean engagement of scope posts.
    pub engagement_mean: Option<f64>,
    /// Median engagement of scope posts.
    pub engagement_median: Option<f64>,
    /// Total engagement of scope posts.
    pub engagement_total: Option<f64>,
    /// Sum of engagement over sum of impressions, over scope posts with impressions > 0.
    pub engagement_rate_pooled: Option<f64>,
}

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
    let in_scope = content_scope(posts)?;
    let values: Vec<f64> = f64s(&in_scope, "engagement")?
        .into_iter()
        .flatten()
        .collect();
    let impressions = f64s(&in_scope, "impressions")?;
    let (mut engaged, mut seen) = (0.0, 0.0);
    for (e, i) in values.iter().zip(&impressions) {
        if let Some(i) = i.filter(|i| *i > 0.0) {
            engaged += e;
            seen += i;
        }
    }
    let total = (!values.is_empty()).then(|| values.iter().sum());
    let result = Engagement {
        posts: posts.height(),
        posts_by_kind,
        scope_posts: in_scope.height(),
        engagement_known_share: share(in_scope.height(), own_posts),
        engagement_mean: mean(&values),
        engagement_median: median(&values),
        engagement_total: total,
        engagement_rate_pooled: rate(engaged, seen),
    };
    let mut notes = Notes::default();
    notes.explain(
        "engagement_known_share",
        &result.engagement_known_share,
        "no original, thread, reply or quote post in the period",
    );
    let no_scope = "no post in the period has a known engagement count";
    notes.explain("engagement_mean", &result.engagement_mean, no_scope);
    notes.explain("engagement_median", &result.engagement_median, no_scope);
    notes.explain("engagement_total", &result.engagement_total, no_scope);
    notes.explain(
        "engagement_rate_pooled",
        &result.engagement_rate_pooled,
        "no post in scope has known impressions (the archive gives none; add the analytics export)",
    );
    Ok(Figures::new(&result, notes.into_vec()))
}
