//! How numbers read in report.md and index.html: counts with thousands separators,
//! durations in the largest sensible unit, engagement without false precision, one way to
//! say lift, plurals, and changes between periods with their percentage. The CSV tables and
//! summary.json keep the raw numbers; only what a person reads goes through here.

/// A whole number with thousands separators: `14,752`, `-1,200`.
pub fn int(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count (a float that holds a whole number) with thousands separators.
pub fn count(v: f64) -> String {
    int(v.round() as i64)
}

/// A number with at most `places` decimals and thousands separators, without trailing
/// zeros: `20.8`, `6`, `1,234.5`.
pub fn number(v: f64, places: usize) -> String {
    let v = v + 0.0;
    let fixed = format!("{:.*}", places, v.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = fraction.trim_end_matches('0');
    let whole: i64 = whole.parse().unwrap_or(0);
    let sign = if v < 0.0 && (whole != 0 || !fraction.is_empty()) {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{}", int(whole))
    } else {
        format!("{sign}{}.{fraction}", int(whole))
    }
}

/// Engagement (a mean or a median of counts): whole where it is whole, else one decimal.
pub fn engagement(v: f64) -> String {
    number(v, 1)
}

/// A share in [0, 1] as a percentage with one decimal: `40.0%`, `7.5%`.
pub fn share(v: f64) -> String {
    format!("{:.1}%", (v + 0.0) * 100.0)
}

/// A whole percentage with its sign: `+41%`, `-12%`, `±0%`.
fn signed_percent(percent: f64) -> String {
    match percent.round() as i64 {
        0 => "±0%".into(),
        p if p > 0 => format!("+{}%", int(p)),
        p => format!("{}%", int(p)),
    }
}

/// A lift as the difference from the average post: `+41%`, `-12%`, `±0%`.
pub fn lift(v: f64) -> String {
    signed_percent((v - 1.0) * 100.0)
}

/// A duration given in hours, in the largest sensible unit: minutes under an hour, hours
/// under two days, days under two weeks, weeks under half a year, months under two years,
/// then years. One decimal, none for minutes.
pub fn duration_hours(hours: f64) -> String {
    let h = hours + 0.0;
    let sign = if h < 0.0 { "-" } else { "" };
    let h = h.abs();
    const DAY: f64 = 24.0;
    const WEEK: f64 = 7.0 * DAY;
    const MONTH: f64 = 30.436875 * DAY;
    const YEAR: f64 = 365.2425 * DAY;
    let (value, unit, places) = if h < 1.0 {
        (h * 60.0, "min", 0)
    } else if h < 2.0 * DAY {
        (h, "h", 1)
    } else if h < 2.0 * WEEK {
        (h / DAY, "days", 1)
    } else if h < 26.0 * WEEK {
        (h / WEEK, "weeks", 1)
    } else if h < 2.0 * YEAR {
        (h / MONTH, "months", 1)
    } else {
        (h / YEAR, "years", 1)
    };
    format!("{sign}{} {unit}", number(value, places))
}

/// A duration given in days (see [`duration_hours`]).
pub fn duration_days(days: f64) -> String {
    duration_hours(days * 24.0)
}

/// `n` and the noun, singular for one: `1 person`, `3 people`, `1,200 posts`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", int(n as i64), if n == 1 { one } else { many })
}

/// How much a value moved from `previous`, in percent of it (`+41%`, `-12%`); nothing
/// where the previous value is 0 or unknown.
pub fn percent_change(previous: Option<f64>, change: f64) -> Option<String> {
    let previous = previous.filter(|p| *p != 0.0)?;
    Some(signed_percent(change / previous.abs() * 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1000), "1,000");
        assert_eq!(int(14752), "14,752");
        assert_eq!(int(-1_234_567), "-1,234,567");
        assert_eq!(count(-0.0), "0");
    }

    #[test]
    fn numbers_drop_false_precision() {
        assert_eq!(number(20.8, 1), "20.8");
        assert_eq!(number(6.0, 2), "6");
        assert_eq!(number(0.33, 1), "0.3");
        assert_eq!(number(1234.56, 1), "1,234.6");
        assert_eq!(number(-0.04, 1), "0");
        assert_eq!(number(-2.5, 1), "-2.5");
        assert_eq!(engagement(20.80), "20.8");
        assert_eq!(engagement(6.0), "6");
    }

    #[test]
    fn lift_is_said_one_way() {
        assert_eq!(lift(1.41), "+41%");
        assert_eq!(lift(0.88), "-12%");
        assert_eq!(lift(1.0), "±0%");
        assert_eq!(lift(1.004), "±0%");
        assert_eq!(lift(12.0), "+1,100%");
        assert_eq!(lift(0.0), "-100%");
    }

    #[test]
    fn durations_take_the_largest_sensible_unit_at_every_boundary() {
        assert_eq!(duration_hours(0.0), "0 min");
        assert_eq!(duration_hours(0.2), "12 min");
        assert_eq!(duration_hours(0.999), "60 min");
        assert_eq!(duration_hours(1.0), "1 h");
        assert_eq!(duration_hours(4.0), "4 h");
        assert_eq!(duration_hours(47.9), "47.9 h");
        assert_eq!(duration_hours(48.0), "2 days");
        assert_eq!(duration_hours(741.0), "4.4 weeks");
        assert_eq!(duration_hours(13.99 * 24.0), "14 days");
        assert_eq!(duration_hours(14.0 * 24.0), "2 weeks");
        assert_eq!(duration_hours(2278.9), "13.6 weeks");
        assert_eq!(duration_hours(26.0 * 7.0 * 24.0), "6 months");
        assert_eq!(duration_days(893.0), "2.4 years");
        assert_eq!(duration_days(730.0), "24 months");
        assert_eq!(duration_days(731.0), "2 years");
        assert_eq!(duration_hours(-3.0), "-3 h");
    }

    #[test]
    fn plurals_and_changes() {
        assert_eq!(plural(1, "person", "people"), "1 person");
        assert_eq!(plural(0, "person", "people"), "0 people");
        assert_eq!(plural(1200, "post", "posts"), "1,200 posts");
        assert_eq!(percent_change(Some(700.0), -286.0).as_deref(), Some("-41%"));
        assert_eq!(percent_change(Some(10.0), 5.0).as_deref(), Some("+50%"));
        assert_eq!(percent_change(Some(10.0), 0.0).as_deref(), Some("±0%"));
        assert_eq!(percent_change(Some(0.0), 5.0), None);
        assert_eq!(percent_change(None, 5.0), None);
    }

    #[test]
    fn shares_keep_one_decimal() {
        assert_eq!(share(0.625), "62.5%");
        assert_eq!(share(0.4), "40.0%");
        assert_eq!(share(-0.0), "0.0%");
    }
}
