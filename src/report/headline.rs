//! The headline figures: the few numbers a person reads first, shown side by side per
//! platform and, with `--compare-previous`, against the previous period. Each section
//! declares its own (see [`super::sections`]), read off its analysis' typed result; the
//! report formats them and never recomputes them.

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
        assert_eq!(format_change(&rate, Some(0.04)), "▲ +4.0 pts (better)");
        let hours = headline(Unit::Hours, Better::Lower);
        assert_eq!(format_change(&hours, Some(2.0)), "▲ +2.0 h (worse)");
        assert_eq!(format_change(&rate, Some(0.0)), "no change");
        assert_eq!(format_change(&rate, Some(0.0001)), "no change");
        assert_eq!(format_change(&rate, None), "n/a");
    }
}
