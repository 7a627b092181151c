//! The headline figures: the few numbers of summary.json a person reads first, shown side
//! by side per platform and, with `--compare-previous`, against the previous period. Each is
//! a key of summary.json; the report formats it and never recomputes it.

use serde_json::Value;

/// How a figure is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A whole number.
    Count,
    /// A share in [0, 1], shown as a percentage.
    Share,
    /// Hours.
    Hours,
    /// Days.
    Days,
    /// A decimal number.
    Number,
}

/// Which way is better, for the direction of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// More is better.
    Higher,
    /// Less is better.
    Lower,
    /// Neither (a count of activity).
    Neither,
}

/// One headline figure.
#[derive(Debug, Clone, Copy)]
pub struct Headline {
    /// Its path under a scope of summary.json.
    pub key: &'static str,
    /// What a person reads.
    pub label: &'static str,
    /// How it is shown.
    pub unit: Unit,
    /// Which way is better.
    pub better: Better,
}

const fn h(key: &'static str, label: &'static str, unit: Unit, better: Better) -> Headline {
    Headline {
        key,
        label,
        unit,
        better,
    }
}

/// The headline figures, in the order of the report's questions.
pub const HEADLINES: &[Headline] = &[
    h("engagement.posts", "Posts", Unit::Count, Better::Neither),
    h(
        "engagement.engagement_mean",
        "Mean engagement per post",
        Unit::Number,
        Better::Higher,
    ),
    h(
        "engagement.engagement_median",
        "Median engagement per post",
        Unit::Number,
        Better::Higher,
    ),
    h(
        "engagement.engagement_rate_pooled",
        "Engagement rate (engagement / impressions)",
        Unit::Share,
        Better::Higher,
    ),
    h(
        "consistency.active_week_share",
        "Weeks with a post",
        Unit::Share,
        Better::Higher,
    ),
    h(
        "consistency.longest_gap_days",
        "Longest gap between posts",
        Unit::Days,
        Better::Lower,
    ),
    h(
        "responsiveness.within_24h_rate",
        "Messages you answered within 24 hours",
        Unit::Share,
        Better::Higher,
    ),
    h(
        "responsiveness.median_response_hours",
        "Your median response time",
        Unit::Hours,
        Better::Lower,
    ),
    h(
        "responsiveness_of_others.within_24h_rate",
        "Your messages others answered within 24 hours",
        Unit::Share,
        Better::Higher,
    ),
    h(
        "conversation_starters.owner_start_share",
        "Conversations you started",
        Unit::Share,
        Better::Neither,
    ),
    h(
        "counterpart_strength.counterparts_3plus",
        "Relationships with 3+ interactions",
        Unit::Count,
        Better::Higher,
    ),
    h(
        "counterpart_strength.reciprocity",
        "Reciprocity (your share of interactions)",
        Unit::Share,
        Better::Neither,
    ),
    h(
        "supporters.supporters_3plus_reciprocated_share",
        "Supporters (3+) you reciprocated",
        Unit::Share,
        Better::Higher,
    ),
    h(
        "dormant.dormant",
        "Dormant relationships",
        Unit::Count,
        Better::Lower,
    ),
    h(
        "follow_up.follow_up_rate",
        "New connections followed up within 7 days",
        Unit::Share,
        Better::Higher,
    ),
    h(
        "one_on_one.one_on_one_rate",
        "Public exchanges moved to a direct message",
        Unit::Share,
        Better::Higher,
    ),
    h(
        "invitations.accepted_share",
        "Invitations accepted",
        Unit::Share,
        Better::Higher,
    ),
    h(
        "broadcast.broadcast_share",
        "Messages sent as broadcasts",
        Unit::Share,
        Better::Lower,
    ),
    h(
        "growth.new_in_period",
        "New connections",
        Unit::Count,
        Better::Higher,
    ),
    h(
        "actions.actions_total",
        "People to write to now",
        Unit::Count,
        Better::Lower,
    ),
];

/// The value at a dotted path of a JSON object.
pub fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

/// The number at a dotted path, `None` when absent or null.
pub fn number(value: &Value, path: &str) -> Option<f64> {
    lookup(value, path).and_then(Value::as_f64)
}

/// A figure as a person reads it; `n/a` when null.
pub fn format(unit: Unit, value: Option<f64>) -> String {
    let Some(v) = value else {
        return "n/a".into();
    };
    // -0.0 (a float sum of nothing) reads as 0.
    let v = v + 0.0;
    match unit {
        Unit::Count => format!("{v:.0}"),
        Unit::Share => format!("{:.1}%", v * 100.0),
        Unit::Hours => format!("{v:.1} h"),
        Unit::Days => format!("{v:.1} days"),
        Unit::Number => format!("{v:.2}"),
    }
}

/// A change as a person reads it, with its direction: `▲ +4.0 pts (better)`.
pub fn format_change(headline: &Headline, change: Option<f64>) -> String {
    let Some(c) = change else {
        return "n/a".into();
    };
    let magnitude = match headline.unit {
        Unit::Count => format!("{:+.0}", c),
        Unit::Share => format!("{:+.1} pts", c * 100.0),
        Unit::Hours => format!("{c:+.1} h"),
        Unit::Days => format!("{c:+.1} days"),
        Unit::Number => format!("{c:+.2}"),
    };
    let rounded_zero = magnitude
        .trim_start_matches(['+', '-'])
        .trim_start_matches(['0', '.']);
    if c == 0.0 || rounded_zero.is_empty() || rounded_zero.starts_with(' ') {
        return "no change".into();
    }
    let arrow = if c > 0.0 { "▲" } else { "▼" };
    let verdict = match (headline.better, c > 0.0) {
        (Better::Neither, _) => "",
        (Better::Higher, true) | (Better::Lower, false) => " (better)",
        _ => " (worse)",
    };
    format!("{arrow} {magnitude}{verdict}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_formatted_by_unit() {
        assert_eq!(format(Unit::Share, Some(0.625)), "62.5%");
        assert_eq!(format(Unit::Hours, Some(25.0)), "25.0 h");
        assert_eq!(format(Unit::Count, Some(3.0)), "3");
        assert_eq!(format(Unit::Number, None), "n/a");
        assert_eq!(format(Unit::Count, Some(-0.0)), "0");
    }

    #[test]
    fn a_change_says_its_direction() {
        let rate = HEADLINES[6];
        assert_eq!(format_change(&rate, Some(0.04)), "▲ +4.0 pts (better)");
        let hours = HEADLINES[7];
        assert_eq!(format_change(&hours, Some(2.0)), "▲ +2.0 h (worse)");
        assert_eq!(format_change(&rate, Some(0.0)), "no change");
        assert_eq!(format_change(&rate, Some(0.0001)), "no change");
        assert_eq!(format_change(&rate, None), "n/a");
    }
}
