//! Which content and which timing draw engagement: the lift of each group of posts (a kind,
//! a media type, a length band, a local hour, a weekday, a hashtag, a link domain), and the
//! best hour and weekday.
//!
//! lift of a group = the group's mean engagement / the mean engagement of all posts in the
//! content scope; null for a group with fewer than `--min-posts` posts.

use polars::prelude::*;
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::columns::{f64s, strs, u64s};
use super::engagement::SCOPE_KINDS;
use super::stats::{mean, rate};
use super::table::{Cell, Table};
use super::{Figure, Figures, Notes, Scope};

/// The length bands of docs/metrics.md, by their upper bound in characters.
pub const LENGTH_BANDS: [(&str, u32); 5] = [
    ("0-70", 70),
    ("71-140", 140),
    ("141-280", 280),
    ("281-1000", 1000),
    ("1001+", u32::MAX),
];

/// Weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const MEDIA: [&str; 8] = [
    "none", "photo", "video", "gif", "link", "poll", "document", "article",
];

/// The figures of one group.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct GroupStats {
    /// Posts in scope in the group.
    pub posts: usize,
    /// Their mean engagement.
    pub mean_engagement: f64,
    /// Their median engagement.
    pub median_engagement: f64,
    /// Mean over the scope's mean; null under `--min-posts`.
    pub lift: Option<f64>,
}

/// Groups in a fixed order, serialized as a JSON object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Groups(pub Vec<(String, GroupStats)>);

impl Serialize for Groups {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Groups are an object keyed by group, each with its figures.
impl schemars::JsonSchema for Groups {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Groups".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let group = generator.subschema_for::<GroupStats>();
        schemars::json_schema!({
            "type": "object",
            "additionalProperties": group,
        })
    }
}

/// The best group of a dimension.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Best {
    /// The group (`"9"`, `"Tuesday"`).
    pub group: String,
    /// Its lift.
    pub lift: f64,
    /// Its posts.
    pub posts: usize,
}

/// The `lift` figures.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Lift {
    /// Mean engagement of all posts in scope.
    pub scope_mean_engagement: Figure<f64>,
    /// The local hour with the highest lift.
    pub best_hour: Figure<Best>,
    /// The local weekday with the highest lift.
    pub best_weekday: Figure<Best>,
    /// By kind.
    pub kind: Groups,
    /// By media type.
    pub media: Groups,
    /// By length band.
    pub length_band: Groups,
    /// By local hour, "0".."23".
    pub hour: Groups,
    /// By local weekday.
    pub weekday: Groups,
    /// By hashtag, most posts first.
    pub hashtag: Groups,
    /// By link domain, most posts first.
    pub link_domain: Groups,
}

impl super::Outcome for Lift {}

/// The group of a length in characters.
pub fn length_band(chars: u64) -> &'static str {
    LENGTH_BANDS
        .iter()
        .find(|(_, upper)| chars <= *upper as u64)
        .map(|(name, _)| *name)
        .unwrap_or("1001+")
}

/// Group statistics with polars: one row per (group, engagement) pair in, one row per group
/// out, with its post count, mean and median.
fn aggregate(
    groups: Vec<String>,
    engagement: Vec<f64>,
) -> PolarsResult<Vec<(String, usize, f64, f64)>> {
    let frame = df!("group" => groups, "engagement" => engagement)?;
    let out = frame
        .lazy()
        .group_by([col("group")])
        .agg([
            len().alias("posts"),
            col("engagement").mean().alias("mean"),
            col("engagement").median().alias("median"),
        ])
        .collect()?;
    let names = strs(&out, "group")?;
    let posts = u64s(&out, "posts")?;
    let means = f64s(&out, "mean")?;
    let medians = f64s(&out, "median")?;
    Ok((0..out.height())
        .filter_map(|i| {
            Some((
                names[i]?.to_string(),
                posts[i]? as usize,
                means[i]?,
                medians[i]?,
            ))
        })
        .collect())
}

/// Builds a dimension's groups, ordered by `order` (a rank for known names) or by posts.
fn dimension(
    keys: Vec<String>,
    engagement: Vec<f64>,
    scope_mean: Option<f64>,
    min_posts: usize,
    order: Option<&[String]>,
) -> PolarsResult<Groups> {
    let mut rows = aggregate(keys, engagement)?;
    match order {
        Some(order) => rows.sort_by_key(|r| order.iter().position(|o| *o == r.0)),
        None => rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))),
    }
    Ok(Groups(
        rows.into_iter()
            .map(|(group, posts, m, median)| {
                let lift = if posts >= min_posts {
                    scope_mean.and_then(|s| rate(m, s))
                } else {
                    None
                };
                (
                    group,
                    GroupStats {
                        posts,
                        mean_engagement: m,
                        median_engagement: median,
                        lift,
                    },
                )
            })
            .collect(),
    ))
}

/// The group with the highest lift; ties go to the earlier group in `groups`' order.
fn best(groups: &Groups) -> Option<Best> {
    let mut top: Option<Best> = None;
    for (group, stats) in &groups.0 {
        if let Some(lift) = stats.lift
            && top.as_ref().is_none_or(|t| lift > t.lift)
        {
            top = Some(Best {
                group: group.clone(),
                lift,
                posts: stats.posts,
            });
        }
    }
    top
}

/// Runs the analysis.
pub fn run(scope: &Scope) -> PolarsResult<Figures> {
    let posts = scope.shared()?.content();
    let engagement: Vec<f64> = f64s(posts, "engagement")?
        .into_iter()
        .map(|e| e.unwrap_or(0.0))
        .collect();
    let scope_mean = mean(&engagement);
    let min = scope.options.min_posts;
    let clock = scope.options.clock;
    let times = super::columns::times(posts, "created_at")?;
    let owned = |v: Vec<Option<&str>>| -> Vec<String> {
        v.into_iter().map(|s| s.unwrap_or("").to_string()).collect()
    };
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    let kind_order = names(&SCOPE_KINDS.map(|k| k.as_str()));
    let kind = dimension(
        owned(strs(posts, "kind")?),
        engagement.clone(),
        scope_mean,
        min,
        Some(&kind_order),
    )?;
    let media = dimension(
        owned(strs(posts, "media")?),
        engagement.clone(),
        scope_mean,
        min,
        Some(&names(&MEDIA)),
    )?;
    let bands: Vec<String> = u64s(posts, "text_chars")?
        .into_iter()
        .map(|c| length_band(c.unwrap_or(0)).to_string())
        .collect();
    let band_order = names(&LENGTH_BANDS.map(|b| b.0));
    let length = dimension(
        bands,
        engagement.clone(),
        scope_mean,
        min,
        Some(&band_order),
    )?;
    let hours: Vec<String> = times
        .iter()
        .map(|t| t.map(|t| clock.hour(t).to_string()).unwrap_or_default())
        .collect();
    // Where no post has a known engagement, the grid is the owner's posting activity.
    let grid = if posts.height() == 0 {
        let activity = activity(&scope.within.posts)?;
        hour_weekday(&activity, None, clock)
    } else {
        hour_weekday(&times, Some(&engagement), clock)
    };
    let hour_order: Vec<String> = (0..24).map(|h| h.to_string()).collect();
    let hour = dimension(
        hours,
        engagement.clone(),
        scope_mean,
        min,
        Some(&hour_order),
    )?;
    let days: Vec<String> = times
        .iter()
        .map(|t| {
            t.map(|t| WEEKDAYS[clock.weekday(t) as usize].to_string())
                .unwrap_or_default()
        })
        .collect();
    let weekday = dimension(
        days,
        engagement.clone(),
        scope_mean,
        min,
        Some(&names(&WEEKDAYS)),
    )?;
    let exploded = |column: &str| -> PolarsResult<Groups> {
        let lists = super::columns::str_lists(posts, column)?;
        let mut keys = Vec::new();
        let mut values = Vec::new();
        for (list, e) in lists.into_iter().zip(&engagement) {
            let mut seen: Vec<String> = list;
            seen.sort();
            seen.dedup();
            for key in seen {
                keys.push(key);
                values.push(*e);
            }
        }
        dimension(keys, values, scope_mean, min, None)
    };
    let hashtag = exploded("hashtags")?;
    let link_domain = exploded("link_domains")?;
    let reason = format!(
        "no local hour or weekday has {min} or more posts with known engagement (--min-posts)"
    );
    let result = Lift {
        scope_mean_engagement: Figure::or_unknown(
            scope_mean,
            "no post in the period has a known engagement count",
        ),
        best_hour: Figure::or_unknown(best(&hour), &reason),
        best_weekday: Figure::or_unknown(best(&weekday), &reason),
        kind,
        media,
        length_band: length,
        hour,
        weekday,
        hashtag,
        link_domain,
    };
    let mut notes = Notes::default();
    for (name, groups) in [
        ("kind", &result.kind),
        ("media", &result.media),
        ("length_band", &result.length_band),
        ("hour", &result.hour),
        ("weekday", &result.weekday),
        ("hashtag", &result.hashtag),
        ("link_domain", &result.link_domain),
    ] {
        if groups.0.iter().any(|(_, g)| g.lift.is_none()) {
            notes.add(
                name,
                &format!("a group's lift is null when it has fewer than {min} posts (--min-posts)"),
            );
        }
    }
    Ok(Figures::new(result, notes.into_vec()).with_tables(vec![grid]))
}

/// The times of the owner's posts of the content kinds (original, thread, reply, quote),
/// engagement known or not: their posting activity.
fn activity(posts: &DataFrame) -> PolarsResult<Vec<Option<i64>>> {
    let kinds: Vec<&str> = SCOPE_KINDS.iter().map(|k| k.as_str()).collect();
    let kind = strs(posts, "kind")?;
    let times = super::columns::times(posts, "created_at")?;
    Ok(kind
        .into_iter()
        .zip(times)
        .filter(|(k, _)| k.is_some_and(|k| kinds.contains(&k)))
        .map(|(_, t)| t)
        .collect())
}

/// The `hour_weekday` table: for each local weekday and hour with a post, the posts and
/// their mean engagement (the heatmap of the report). Without `engagement` (no post has a
/// known count) it is the posting activity: posts, and `mean_engagement` null.
fn hour_weekday(times: &[Option<i64>], engagement: Option<&[f64]>, clock: super::Clock) -> Table {
    let mut sums = [[(0usize, 0.0f64); 24]; 7];
    for (i, t) in times.iter().enumerate() {
        if let Some(t) = t {
            let cell = &mut sums[clock.weekday(*t) as usize % 7][clock.hour(*t) as usize % 24];
            cell.0 += 1;
            cell.1 += engagement.and_then(|e| e.get(i)).copied().unwrap_or(0.0);
        }
    }
    let mut table = Table::new(
        "hour_weekday",
        &["weekday", "hour", "posts", "mean_engagement"],
    );
    for (day, hours) in sums.iter().enumerate() {
        for (hour, (posts, sum)) in hours.iter().enumerate() {
            if *posts > 0 {
                table.push(vec![
                    WEEKDAYS[day].into(),
                    Cell::Int(hour as i64),
                    (*posts).into(),
                    if engagement.is_some() {
                        Cell::Float(sum / *posts as f64)
                    } else {
                        Cell::Null
                    },
                ]);
            }
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_bands_have_inclusive_upper_bounds() {
        assert_eq!(length_band(0), "0-70");
        assert_eq!(length_band(70), "0-70");
        assert_eq!(length_band(71), "71-140");
        assert_eq!(length_band(280), "141-280");
        assert_eq!(length_band(1000), "281-1000");
        assert_eq!(length_band(1001), "1001+");
    }
}
