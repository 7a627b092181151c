//! The headline figures: the few numbers a person reads first, shown side by side per
//! platform and, with `--compare-previous`, against the previous period. Each section
//! declares its own (see [`super::sections`]), read off its analysis' typed result; the
//! report formats them and never recomputes them.

use super::format as fmt;
use crate::analysis::{Figure, Outcome, Results};

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

/// A figure as read off a typed result: its value, or why it is unknown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// The value, where known.
    pub value: Option<f64>,
    /// Why it is unknown.
    pub note: Option<String>,
}

impl Reading {
    /// A known count.
    pub fn count(n: usize) -> Reading {
        Reading {
            value: Some(n as f64),
            note: None,
        }
    }

    /// A figure of decimals.
    pub fn of(figure: &Figure<f64>) -> Reading {
        Reading {
            value: figure.get(),
            note: figure.note().map(str::to_string),
        }
    }

    /// A figure of counts.
    pub fn of_count(figure: &Figure<usize>) -> Reading {
        Reading {
            value: figure.count(),
            note: figure.note().map(str::to_string),
        }
    }

    /// The reading of an analysis' result, or nothing when the analysis did not run.
    pub fn from<T: Outcome>(results: Results, key: &str, read: impl Fn(&T) -> Reading) -> Reading {
        results.get::<T>(key).map(read).unwrap_or_default()
    }
}

/// Reads one headline figure off a scope's results.
pub type Read = fn(Results) -> Reading;

/// One headline figure.
#[derive(Debug, Clone, Copy)]
pub struct Headline {
    /// Its key under a scope of summary.json (the `key` column of `tables/headline.csv`).
    pub key: &'static str,
    /// What a person reads.
    pub label: &'static str,
    /// How it is shown.
    pub unit: Unit,
    /// Which way is better.
    pub better: Better,
    /// Where it is read.
    pub read: Read,
}

/// A figure as a person reads it; `n/a` when null.
pub fn format(unit: Unit, value: Option<f64>) -> String {
    let Some(v) = value else {
        return "n/a".into();
    };
    // -0.0 (a float sum of nothing) reads as 0.
    let v = v + 0.0;
    match unit {
        Unit::Count => fmt::count(v),
        Unit::Share => fmt::share(v),
        Unit::Hours => fmt::duration_hours(v),
        Unit::Days => fmt::duration_days(v),
        Unit::Number => fmt::engagement(v),
    }
}

/// A change as a person reads it, with its direction and, for a count, a duration or a
/// number, its percentage of the previous value: `▲ +4.0 pts (better)`, `▼ -286 (-41%)`.
pub fn format_change(headline: &Headline, previous: Option<f64>, change: Option<f64>) -> String {
    let Some(c) = change else {
        return "n/a".into();
    };
    let signed = |text: String| {
        if c > 0.0 { format!("+{text}") } else { text }
    };
    let magnitude = match headline.unit {
        Unit::Count => signed(fmt::count(c)),
        Unit::Share => format!("{:+.1} pts", c * 100.0),
        Unit::Hours => signed(fmt::duration_hours(c)),
        Unit::Days => signed(fmt::duration_days(c)),
        Unit::Number => signed(fmt::engagement(c)),
    };
    let rounded_zero = magnitude
        .trim_start_matches(['+', '-'])
        .trim_start_matches(['0', '.']);
    if c == 0.0 || rounded_zero.is_empty() || rounded_zero.starts_with(' ') {
        return "no change".into();
    }
    // A share moves in points; anything else also in percent of where it was.
    let percent = match headline.unit {
        Unit::Share => None,
        _ => fmt::percent_change(previous, c),
    };
    let arrow = if c > 0.0 { "▲" } else { "▼" };
    let verdict = match (headline.better, c > 0.0) {
        (Better::Neither, _) => None,
        (Better::Higher, true) | (Better::Lower, false) => Some("better"),
        _ => Some("worse"),
    };
    let notes: Vec<&str> = percent.as_deref().into_iter().chain(verdict).collect();
    if notes.is_empty() {
        format!("{arrow} {magnitude}")
    } else {
        format!("{arrow} {magnitude} ({})", notes.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_formatted_by_unit() {
        assert_eq!(format(Unit::Share, Some(0.625)), "62.5%");
        assert_eq!(format(Unit::Hours, Some(25.0)), "25 h");
        assert_eq!(format(Unit::Hours, Some(2278.9)), "13.6 weeks");
        assert_eq!(format(Unit::Count, Some(14752.0)), "14,752");
        assert_eq!(format(Unit::Number, Some(20.8)), "20.8");
        assert_eq!(format(Unit::Count, Some(3.0)), "3");
        assert_eq!(format(Unit::Number, None), "n/a");
        assert_eq!(format(Unit::Count, Some(-0.0)), "0");
    }

    fn headline(unit: Unit, better: Better) -> Headline {
        Headline {
            key: "k",
            label: "l",
            unit,
            better,
            read: |_| Reading::default(),
        }
    }

    #[test]
    fn a_change_says_its_direction() {
        let rate = headline(Unit::Share, Better::Higher);
        assert_eq!(
            format_change(&rate, Some(0.5), Some(0.04)),
            "▲ +4.0 pts (better)"
        );
        let hours = headline(Unit::Hours, Better::Lower);
        assert_eq!(
            format_change(&hours, Some(4.0), Some(2.0)),
            "▲ +2 h (+50%, worse)"
        );
        assert_eq!(format_change(&rate, Some(0.5), Some(0.0)), "no change");
        assert_eq!(format_change(&rate, Some(0.5), Some(0.0001)), "no change");
        assert_eq!(format_change(&rate, Some(0.5), None), "n/a");
        let count = headline(Unit::Count, Better::Higher);
        assert_eq!(
            format_change(&count, Some(700.0), Some(-286.0)),
            "▼ -286 (-41%, worse)"
        );
        assert_eq!(format_change(&count, Some(0.0), Some(3.0)), "▲ +3 (better)");
        let neither = headline(Unit::Count, Better::Neither);
        assert_eq!(
            format_change(&neither, Some(1000.0), Some(1500.0)),
            "▲ +1,500 (+150%)"
        );
    }
}
