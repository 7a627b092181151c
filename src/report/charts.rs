//! The charts of the report: what each kind of chart shows, and the builders the sections
//! use to make one off a table or their typed results.
//! A chart with no data is not drawn; its slot says why, and the report prints that
//! sentence where the chart would be.

use super::headline::{Headline, Unit};
use crate::analysis::ScopeFigures;
use crate::analysis::stats::round6;
use crate::analysis::table::{Cell, Table};

/// Whose figures a series shows: one colour per role in every chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The owner: their acts, their posts, this period.
    You,
    /// The other people: their acts towards the owner.
    Them,
    /// The previous period, for comparison.
    Previous,
    /// One of several other people, told apart by shades of "them".
    Person(u8),
}

/// One series of bars.
#[derive(Debug, Clone)]
pub struct Series {
    /// Its name in the legend.
    pub name: String,
    /// Whose figures they are (its colour).
    pub role: Role,
    /// One value per category.
    pub values: Vec<f64>,
}

/// Bars per category.
#[derive(Debug, Clone)]
pub struct Bars {
    /// The categories, in order (the first at the left, or at the top when horizontal).
    pub categories: Vec<String>,
    /// The series: side by side, or stacked.
    pub series: Vec<Series>,
    /// Bars run left to right, categories down the side.
    pub horizontal: bool,
    /// Series are stacked rather than side by side.
    pub stacked: bool,
    /// A reference line (a lift of 1: the average).
    pub reference: Option<f64>,
    /// A short note at the end of each bar (the post count).
    pub notes: Option<Vec<String>>,
    /// Which bars are drawn in the main colour (others grey), when set.
    pub highlight: Option<Vec<bool>>,
    /// At most this many category labels are written.
    pub max_labels: usize,
    /// Category labels are written upright, for long lists.
    pub rotate_labels: bool,
    /// The values are counts: the value axis is labelled with whole numbers only.
    pub counts: bool,
}

impl Bars {
    fn value(&self, s: usize, i: usize) -> f64 {
        self.series
            .get(s)
            .and_then(|series| series.values.get(i))
            .copied()
            .unwrap_or(0.0)
    }

    /// Where bar `s` of category `i` starts: after the bars before it when stacked, else 0.
    pub fn base(&self, s: usize, i: usize) -> f64 {
        if self.stacked {
            (0..s).map(|o| self.value(o, i)).sum()
        } else {
            0.0
        }
    }

    /// Where category `i`'s bars end: their sum when stacked, else the longest one.
    pub fn end(&self, i: usize) -> f64 {
        let values = (0..self.series.len()).map(|s| self.value(s, i));
        if self.stacked {
            values.sum()
        } else {
            values.fold(0.0, f64::max)
        }
    }

    /// The offset and thickness of series `s` inside a category's slot of width 1.
    pub fn slot(&self, s: usize) -> (f64, f64) {
        if self.stacked {
            (0.1, 0.8)
        } else {
            let thickness = 0.8 / self.series.len().max(1) as f64;
            (0.1 + s as f64 * thickness, thickness)
        }
    }

    /// Vertical bars side by side, with the defaults of every option.
    pub fn new(categories: Vec<String>, series: Vec<Series>) -> Bars {
        Bars {
            categories,
            series,
            horizontal: false,
            stacked: false,
            reference: None,
            notes: None,
            highlight: None,
            max_labels: 24,
            rotate_labels: false,
            counts: false,
        }
    }
}

/// One cell of a heatmap.
#[derive(Debug, Clone)]
pub struct Cell2 {
    /// Column index.
    pub column: usize,
    /// Row index.
    pub row: usize,
    /// The value that sets the shade.
    pub value: f64,
    /// The text in the cell.
    pub label: String,
}

/// A grid of shaded cells.
#[derive(Debug, Clone)]
pub struct Heatmap {
    /// Column names, left to right.
    pub columns: Vec<String>,
    /// Row names, top to bottom.
    pub rows: Vec<String>,
    /// The cells with data.
    pub cells: Vec<Cell2>,
}

/// A line over ordered labels.
#[derive(Debug, Clone)]
pub struct Line {
    /// The labels, left to right.
    pub labels: Vec<String>,
    /// One value per label.
    pub values: Vec<f64>,
}

/// What a chart draws.
#[derive(Debug, Clone)]
pub enum Plot {
    /// Bars.
    Bars(Bars),
    /// A heatmap.
    Heatmap(Heatmap),
    /// A line.
    Line(Line),
}

/// A chart ready to draw.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Its title, with the unit.
    pub title: String,
    /// What the horizontal axis shows.
    pub x_label: String,
    /// What the vertical axis shows (the value axis of horizontal bars).
    pub y_label: String,
    /// Size in pixels.
    pub size: (u32, u32),
    /// What it draws.
    pub plot: Plot,
}

/// One chart of the report, drawn or left out.
#[derive(Debug, Clone)]
pub struct ChartSlot {
    /// The file name without extension (`charts/<name>.svg`).
    pub name: String,
    /// The title.
    pub title: String,
    /// The table behind it (`tables/<table>.csv`).
    pub table: String,
    /// The chart, or the sentence saying why it is left out.
    pub spec: Result<Spec, String>,
}

const SIZE: (u32, u32) = (960, 480);

/// A chart slot: the chart, or the sentence saying why it is left out.
pub fn slot(
    name: &str,
    title: &str,
    table: &str,
    spec: Result<(String, String, Plot), String>,
) -> ChartSlot {
    ChartSlot {
        name: name.to_string(),
        title: title.to_string(),
        table: table.to_string(),
        spec: spec.map(|(x_label, y_label, plot)| Spec {
            title: title.to_string(),
            x_label,
            y_label,
            size: match &plot {
                Plot::Bars(b) if b.horizontal => {
                    (960, (140 + 34 * b.categories.len() as u32).max(300))
                }
                _ => SIZE,
            },
            plot,
        }),
    }
}

fn num(cell: Option<&&Cell>) -> Option<f64> {
    cell.and_then(|c| c.as_f64())
}

fn text(cell: Option<&&Cell>) -> String {
    cell.map(|c| c.to_string()).unwrap_or_default()
}

/// What a chart draws, with its axis labels: `(x label, y label, plot)`, or why not.
pub type Drawn = Result<(String, String, Plot), String>;

/// A person's label in a chart: the platform is added when several platforms are shown
/// (an account of one platform is a counterpart of its own), and the number of platforms
/// for a person linked across several (`platform` is then their list, `twitter, linkedin`).
pub fn person_label(name: Option<&str>, id: &str, platform: &str, several: bool) -> String {
    let name = crate::analysis::people::label(name, id);
    // A person on several platforms (`twitter, linkedin`) says how many: a label stays short.
    let platforms = platform.split(", ").count();
    if platforms > 1 {
        format!("{name} ({platforms} platforms)")
    } else if several {
        format!("{name} ({platform})")
    } else {
        name
    }
}

/// Why a comparison of `groups` groups (0 or 1) by `what` is not drawn.
fn too_few_groups(groups: usize, what: &str, min_posts: u64, when: &str) -> String {
    let which = if groups == 0 { "No" } else { "Only one" };
    format!(
        "{which} {what} has {min_posts} or more posts with a known engagement{when}: too few \
         to compare."
    )
}

/// Why a chart of direct messages by month with `active` months (0 or 1) is not drawn.
fn too_few_message_months(active: usize) -> String {
    match active {
        0 => "No direct message in the period.".into(),
        _ => "Every direct message of the period is in one month: nothing to compare.".into(),
    }
}

/// How many weeks the weekly chart shows as weeks; a longer period is shown by month.
pub const WEEKS_BEFORE_MONTHS: usize = 104;

/// The fewest groups a comparison needs: one bar compares nothing.
pub const MIN_GROUPS: usize = 2;

/// Mean engagement per group with at least `min_posts` posts, the post count over each
/// bar; drawn only where two groups or more have that many.
pub fn mean_engagement_bars(
    table: Option<&Table>,
    what: &str,
    min_posts: u64,
) -> Result<(String, String, Plot), String> {
    let table = table.ok_or("no table")?;
    let groups = table.values(&table.columns[0]);
    let means = table.values("mean_engagement");
    let posts = table.values("posts");
    if groups.is_empty() {
        return Err(format!(
            "No post in the period has a known engagement count, so there is no {what} to compare."
        ));
    }
    let rows: Vec<(String, f64, u64)> = groups
        .iter()
        .zip(&means)
        .zip(&posts)
        .filter_map(|((g, m), p)| {
            let p = p.as_f64()? as u64;
            (p >= min_posts).then(|| (g.to_string(), m.as_f64().unwrap_or(0.0), p))
        })
        .collect();
    if rows.len() < MIN_GROUPS {
        return Err(too_few_groups(rows.len(), what, min_posts, ""));
    }
    let mut bars = Bars::new(
        rows.iter().map(|r| r.0.clone()).collect(),
        vec![Series {
            name: "mean engagement".into(),
            role: Role::You,
            values: rows.iter().map(|r| r.1).collect(),
        }],
    );
    bars.notes = Some(
        rows.iter()
            .map(|r| super::format::plural(r.2 as usize, "post", "posts"))
            .collect(),
    );
    Ok((
        what.to_string(),
        "mean engagement per post (likes + reposts + replies + quotes)".into(),
        Plot::Bars(bars),
    ))
}

/// Lift per group, for the groups with enough posts; most posts first, at most `limit`.
pub fn lift_bars(
    table: Option<&Table>,
    what: &str,
    limit: usize,
    min_posts: u64,
) -> Result<(String, String, Plot), String> {
    let table = table.ok_or("no table")?;
    let groups = table.values(&table.columns[0]);
    let lifts = table.values("lift");
    let posts = table.values("posts");
    let rows: Vec<(String, f64, String)> = groups
        .iter()
        .zip(&lifts)
        .zip(&posts)
        .filter_map(|((g, l), p)| {
            let posts = p
                .as_f64()
                .map_or_else(|| p.to_string(), super::format::count);
            Some((g.to_string(), l.as_f64()?, posts))
        })
        .take(limit)
        .collect();
    if rows.len() < MIN_GROUPS {
        return Err(too_few_groups(
            rows.len(),
            what,
            min_posts,
            " in the period",
        ));
    }
    let mut bars = Bars::new(
        rows.iter().map(|r| r.0.clone()).collect(),
        vec![Series {
            name: "lift".into(),
            role: Role::You,
            values: rows.iter().map(|r| r.1).collect(),
        }],
    );
    bars.horizontal = true;
    bars.reference = Some(1.0);
    bars.notes = Some(
        rows.iter()
            .map(|r| format!("{} ({} posts)", super::format::lift(r.1), r.2))
            .collect(),
    );
    bars.highlight = Some(rows.iter().map(|r| r.1 >= 1.0).collect());
    Ok((
        what.to_string(),
        "engagement against your average post (1 = average; grey: below it)".into(),
        Plot::Bars(bars),
    ))
}

/// The `heatmap` chart off its table.
pub fn heatmap(table: Option<&Table>, tz: &str) -> Result<(String, String, Plot), String> {
    let table = table.ok_or("no table")?;
    if table.rows.is_empty() {
        return Err("You posted nothing in the period, so there is no hour to show.".into());
    }
    if table.rows.len() < MIN_GROUPS {
        return Err(
            "All your posts of the period fall in one hour of one weekday: there is nothing \
             to compare."
                .into(),
        );
    }
    let activity = is_activity(table);
    let days = crate::analysis::lift::WEEKDAYS;
    let (w, h, p, m) = (
        table.values("weekday"),
        table.values("hour"),
        table.values("posts"),
        table.values("mean_engagement"),
    );
    let cells = (0..table.rows.len())
        .filter_map(|i| {
            let day = days
                .iter()
                .position(|d| Some(*d) == w.get(i).and_then(|c| c.as_str()))?;
            Some(Cell2 {
                column: num(h.get(i))? as usize,
                row: day,
                value: if activity {
                    num(p.get(i)).unwrap_or(0.0)
                } else {
                    num(m.get(i)).unwrap_or(0.0)
                },
                label: text(p.get(i)),
            })
        })
        .collect();
    Ok((
        if activity {
            format!("hour of day ({tz}); darker = more posts")
        } else {
            format!("hour of day ({tz}); darker = more engagement per post")
        },
        "weekday".into(),
        Plot::Heatmap(Heatmap {
            columns: (0..24).map(|h| h.to_string()).collect(),
            rows: days.iter().map(|d| d[..3].to_string()).collect(),
            cells,
        }),
    ))
}

/// Whether the `hour_weekday` table is posting activity (no post has a known engagement,
/// so no cell has a mean engagement).
pub fn is_activity(table: &Table) -> bool {
    table
        .values("mean_engagement")
        .iter()
        .all(|c| **c == Cell::Null)
}

/// The `weekly` chart off its table.
pub fn weekly(table: Option<&Table>) -> Result<(String, String, Plot), String> {
    let table = table.ok_or("no table")?;
    if table.rows.is_empty() {
        return Err("The period is empty, so there is no week to show.".into());
    }
    let weeks = table.values("week");
    let starts = table.values("week_start");
    let posts: Vec<f64> = table
        .values("posts")
        .iter()
        .map(|p| p.as_f64().unwrap_or(0.0))
        .collect();
    // Over two years of weeks, the bars are hairlines: months instead (a week counts in the
    // month it starts in).
    let (labels, values, unit) = if weeks.len() > WEEKS_BEFORE_MONTHS {
        let mut months: Vec<(String, f64)> = Vec::new();
        for (start, n) in starts.iter().zip(&posts) {
            let month = start.to_string().get(..7).unwrap_or_default().to_string();
            match months.last_mut() {
                Some((m, total)) if *m == month => *total += n,
                _ => months.push((month, *n)),
            }
        }
        let (labels, values): (Vec<String>, Vec<f64>) = months.into_iter().unzip();
        (labels, values, "month")
    } else {
        (weeks.iter().map(|w| w.to_string()).collect(), posts, "week")
    };
    let rotate = labels.len() > 8;
    let mut bars = Bars::new(
        labels,
        vec![Series {
            name: "posts".into(),
            role: Role::You,
            values,
        }],
    );
    bars.max_labels = 16;
    bars.rotate_labels = rotate;
    bars.counts = true;
    Ok((
        format!("{unit} ({unit}s with no bar had no post)"),
        "posts".into(),
        Plot::Bars(bars),
    ))
}

/// The `engagement_by_month` chart: mean engagement per post in each month with posts of
/// known engagement, the post count over each bar; drawn where two months or more have
/// such posts.
pub fn engagement_by_month(table: Option<&Table>) -> Drawn {
    let table = table.ok_or("no table")?;
    let months = table.values("month");
    let posts = table.values("posts");
    let means = table.values("mean_engagement");
    let with_posts = posts
        .iter()
        .filter(|p| p.as_f64().unwrap_or(0.0) > 0.0)
        .count();
    if with_posts < MIN_GROUPS {
        return Err(match with_posts {
            0 => "No post in the period has a known engagement count.".into(),
            _ => "Every post with a known engagement is in one month: nothing to compare.".into(),
        });
    }
    let mut bars = Bars::new(
        months.iter().map(|m| m.to_string()).collect(),
        vec![Series {
            name: "mean engagement".into(),
            role: Role::You,
            values: means.iter().map(|m| m.as_f64().unwrap_or(0.0)).collect(),
        }],
    );
    // Post counts over the bars while they fit; the table has them for longer periods.
    let counted = months.len() <= 24;
    if counted {
        bars.notes = Some(
            posts
                .iter()
                .map(|p| match p.as_f64() {
                    Some(n) if n > 0.0 => super::format::count(n),
                    _ => String::new(),
                })
                .collect(),
        );
    }
    bars.max_labels = 16;
    bars.rotate_labels = months.len() > 8;
    Ok((
        if counted {
            "month (number = posts; months with no bar had no post with a known engagement)"
        } else {
            "month (months with no bar had no post with a known engagement)"
        }
        .into(),
        "mean engagement per post".into(),
        Plot::Bars(bars),
    ))
}

/// The `messages_by_month` chart: the direct messages sent and received each month, drawn
/// where two months or more have any.
pub fn messages_by_month(table: Option<&Table>) -> Drawn {
    let table = table.ok_or("no table")?;
    let months = table.values("month");
    let sent: Vec<f64> = table
        .values("sent")
        .iter()
        .map(|c| c.as_f64().unwrap_or(0.0))
        .collect();
    let received: Vec<Option<f64>> = table
        .values("received")
        .iter()
        .map(|c| c.as_f64())
        .collect();
    let active = sent
        .iter()
        .zip(&received)
        .filter(|(s, r)| **s > 0.0 || r.unwrap_or(0.0) > 0.0)
        .count();
    if active < MIN_GROUPS {
        return Err(too_few_message_months(active));
    }
    let mut series = vec![Series {
        name: "you sent".into(),
        role: Role::You,
        values: sent,
    }];
    // The archives of what the owner did only give no received count: no bar, not 0.
    if received.iter().any(Option::is_some) {
        series.push(Series {
            name: "you received".into(),
            role: Role::Them,
            values: received.iter().map(|r| r.unwrap_or(0.0)).collect(),
        });
    }
    let mut bars = Bars::new(months.iter().map(|m| m.to_string()).collect(), series);
    bars.max_labels = 16;
    bars.rotate_labels = months.len() > 8;
    bars.counts = true;
    Ok(("month".into(), "direct messages".into(), Plot::Bars(bars)))
}

/// The `messages_by_person` chart: the direct messages with each of your most-messaged
/// people, month by month, stacked; drawn where two months or more have any.
pub fn messages_by_person(table: Option<&Table>, several_platforms: bool) -> Drawn {
    let table = table.ok_or("no table")?;
    let (month, platform) = (table.values("month"), table.values("platform"));
    let platforms = table.values("platforms");
    let (id, name) = (
        table.values("counterpart_id"),
        table.values("counterpart_name"),
    );
    let messages = table.values("messages");
    let mut months: Vec<String> = Vec::new();
    // (platform and id, label, messages per month), in the table's order.
    let mut people: Vec<(String, String, Vec<f64>)> = Vec::new();
    for i in 0..table.rows.len() {
        let m = month.get(i).map(|c| c.to_string()).unwrap_or_default();
        if !months.contains(&m) {
            months.push(m);
        }
        let p = platform.get(i).map(|c| c.to_string()).unwrap_or_default();
        let c = id.get(i).and_then(|c| c.as_str()).unwrap_or("");
        let key = format!("{p}\u{0}{c}");
        let n = messages.get(i).and_then(|c| c.as_f64()).unwrap_or(0.0);
        match people.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, v)) => v.push(n),
            None => {
                let shown = platforms
                    .get(i)
                    .and_then(|c| c.as_str())
                    .unwrap_or(&p)
                    .to_string();
                let label = person_label(
                    name.get(i).and_then(|c| c.as_str()),
                    c,
                    &shown,
                    several_platforms,
                );
                people.push((key, label, vec![n]));
            }
        }
    }
    let active = (0..months.len())
        .filter(|m| {
            people
                .iter()
                .any(|(_, _, v)| v.get(*m).copied().unwrap_or(0.0) > 0.0)
        })
        .count();
    if active < MIN_GROUPS {
        return Err(too_few_message_months(active));
    }
    let series = people
        .into_iter()
        .enumerate()
        .map(|(i, (_, label, values))| Series {
            name: label,
            role: Role::Person(i as u8),
            values,
        })
        .collect();
    let mut bars = Bars::new(months.clone(), series);
    bars.stacked = true;
    bars.counts = true;
    bars.max_labels = 16;
    bars.rotate_labels = months.len() > 8;
    Ok((
        "month".into(),
        "direct messages, both ways".into(),
        Plot::Bars(bars),
    ))
}

/// The `response_times` chart off its table.
pub fn response_times(table: Option<&Table>) -> Result<(String, String, Plot), String> {
    let table = table.ok_or("no table")?;
    let who = table.values("responder");
    let band = table.values("band");
    let turns = table.values("turns");
    let mut categories: Vec<String> = Vec::new();
    let mut owner = Vec::new();
    let mut others = Vec::new();
    for i in 0..table.rows.len() {
        let b = text(band.get(i));
        if !categories.contains(&b) {
            categories.push(b.clone());
            owner.push(0.0);
            others.push(0.0);
        }
        let at = categories.iter().position(|c| *c == b).unwrap_or(0);
        let n = num(turns.get(i)).unwrap_or(0.0);
        match who.get(i).and_then(|c| c.as_str()) {
            Some("owner") => owner[at] += n,
            _ => others[at] += n,
        }
    }
    if owner.iter().chain(&others).all(|n| *n == 0.0) {
        return Err(
            "No turn of a two-person conversation in the period, so there is no response time to show."
                .into(),
        );
    }
    let mut bars = Bars::new(
        categories,
        vec![
            Series {
                name: "you answering".into(),
                role: Role::You,
                values: owner,
            },
            Series {
                name: "others answering you".into(),
                role: Role::Them,
                values: others,
            },
        ],
    );
    bars.counts = true;
    Ok((
        "time to answer (unanswered: waiting more than 24 hours at the end, no answer)".into(),
        "messages waiting for an answer".into(),
        Plot::Bars(bars),
    ))
}

/// The `growth` chart off its table.
pub fn growth(table: Option<&Table>) -> Result<(String, String, Plot), String> {
    let table = table.ok_or("no table")?;
    if table.rows.is_empty() {
        return Err(
            "No connection has a date in these archives, so growth by month cannot be shown."
                .into(),
        );
    }
    Ok((
        "month".into(),
        "connections (cumulative)".into(),
        Plot::Line(Line {
            labels: table
                .values("month")
                .iter()
                .map(|m| m.to_string())
                .collect(),
            values: table
                .values("cumulative")
                .iter()
                .map(|c| c.as_f64().unwrap_or(0.0))
                .collect(),
        }),
    ))
}

/// The connections at each download (`connections_by_download`), where the downloads of one
/// platform are two or more: growth where connections have no date of their own.
pub fn growth_by_download(table: Option<&Table>) -> Result<(String, String, Plot), String> {
    let table = table.ok_or("no table")?;
    let platforms = table.values("platform");
    let mut seen: Vec<String> = platforms.iter().map(|p| p.to_string()).collect();
    seen.dedup();
    if table.rows.len() < MIN_GROUPS || seen.len() != 1 {
        return Err(
            "No connection has a date in these archives, so growth by month cannot be shown; \
             two downloads of one account would show it download by download."
                .into(),
        );
    }
    Ok((
        "download".into(),
        "connections".into(),
        Plot::Line(Line {
            labels: table
                .values("download")
                .iter()
                .map(|d| d.to_string().chars().take(10).collect())
                .collect(),
            values: table
                .values("connections")
                .iter()
                .map(|c| c.as_f64().unwrap_or(0.0))
                .collect(),
        }),
    ))
}

/// This period against the previous one, for every headline share known in both.
pub fn compare_previous(
    overall: Option<&ScopeFigures>,
    headlines: &[&Headline],
) -> Result<(String, String, Plot), String> {
    let (current, previous) = match overall {
        Some(o) => (Some(o.current()), o.previous()),
        None => (None, None),
    };
    let rows: Vec<(String, f64, f64)> = headlines
        .iter()
        .filter(|h| h.unit == Unit::Share)
        .filter_map(|h| {
            Some((
                h.label.to_string(),
                // As summary.json has them: rounded to 6 decimals.
                round6((h.read)(current?).value?) * 100.0,
                round6((h.read)(previous?).value?) * 100.0,
            ))
        })
        .collect();
    if rows.is_empty() {
        return Err("No share is known in both periods.".into());
    }
    let mut bars = Bars::new(
        rows.iter().map(|r| r.0.clone()).collect(),
        vec![
            Series {
                name: "this period".into(),
                role: Role::You,
                values: rows.iter().map(|r| r.1).collect(),
            },
            Series {
                name: "previous period".into(),
                role: Role::Previous,
                values: rows.iter().map(|r| r.2).collect(),
            },
        ],
    );
    bars.horizontal = true;
    Ok(("".into(), "percent".into(), Plot::Bars(bars)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekly_table(weeks: usize) -> Table {
        let mut table = Table::new("weekly_posts", &["week", "week_start", "posts"]);
        let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 3).unwrap_or_default();
        for w in 0..weeks {
            let day = start + chrono::Duration::weeks(w as i64);
            table.push(vec![
                Cell::Text(day.format("%G-W%V").to_string()),
                Cell::Text(day.to_string()),
                Cell::Int(1),
            ]);
        }
        table
    }

    #[test]
    fn more_than_two_years_of_weeks_are_shown_by_month() {
        let Ok((x, _, Plot::Bars(bars))) = weekly(Some(&weekly_table(WEEKS_BEFORE_MONTHS))) else {
            panic!("a chart")
        };
        assert_eq!(bars.categories.len(), WEEKS_BEFORE_MONTHS);
        assert!(x.starts_with("week"));
        let Ok((x, _, Plot::Bars(bars))) = weekly(Some(&weekly_table(110))) else {
            panic!("a chart")
        };
        assert!(x.starts_with("month"));
        // 110 weeks from 3 Jan 2022 start in 26 months (the last on 6 Feb 2024).
        assert_eq!(bars.categories.first().map(String::as_str), Some("2022-01"));
        assert_eq!(bars.categories.last().map(String::as_str), Some("2024-02"));
        assert_eq!(bars.categories.len(), 26);
        // Every week counted once: January 2022 has 5 week starts.
        assert_eq!(bars.series[0].values[0], 5.0);
        assert_eq!(bars.series[0].values.iter().sum::<f64>(), 110.0);
    }
}
