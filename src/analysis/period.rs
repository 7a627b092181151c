//! The period a report covers, and local time in the user's `--tz`.
//!
//! A period is `[start, end]` in ms since the epoch (UTC), both ends inclusive. Its end is
//! never the wall clock: without `--until` or `--quarter` it is the last activity in the
//! archives, so the same archive gives the same report on any day.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Timelike};
use chrono_tz::Tz;

use crate::error::Error;
use crate::model::Platform;

/// One millisecond, one hour and one day in milliseconds.
pub const HOUR_MS: i64 = 3_600_000;
/// A day in milliseconds.
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// The span of time every metric covers, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First millisecond of the period (UTC).
    pub start: i64,
    /// Last millisecond of the period (UTC): `E` of docs/metrics.md.
    pub end: i64,
}

impl Period {
    /// Whether `t` lies in the period.
    pub fn contains(&self, t: i64) -> bool {
        self.start <= t && t <= self.end
    }

    /// The period of the same length just before this one.
    pub fn previous(&self) -> Period {
        let length = self.end - self.start + 1;
        Period {
            start: self.start - length,
            end: self.start - 1,
        }
    }
}

/// How the user asked for the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PeriodRequest {
    /// `--since D`: from D 00:00 local time.
    pub since: Option<NaiveDate>,
    /// `--until D`: to the end of day D, local time.
    pub until: Option<NaiveDate>,
    /// `--quarter 2025Q3`: the first day of that quarter.
    pub quarter: Option<NaiveDate>,
}

impl PeriodRequest {
    /// The period before `period`: with `--quarter`, the previous calendar quarter (its
    /// length differs: 2025Q1 has 90 days, 2024Q4 92); else the span of the same length
    /// just before it.
    pub fn previous(&self, clock: &Clock, period: Period) -> Period {
        match self.quarter {
            Some(first_day) => match first_day.checked_sub_months(chrono::Months::new(3)) {
                Some(before) => Period {
                    start: clock.day_start(before),
                    end: period.start - 1,
                },
                None => period.previous(),
            },
            None => period.previous(),
        }
    }

    /// Resolves the request into a period; `activity` is the first and last activity of
    /// the archives, used where the request leaves an end open. `None` when there is no
    /// activity and no explicit bound to go by.
    pub fn resolve(&self, clock: &Clock, activity: Option<(i64, i64)>) -> Option<Period> {
        let (since, until) = match self.quarter {
            Some(first_day) => {
                let next = add_months(first_day, 3);
                (Some(first_day), next.pred_opt())
            }
            None => (self.since, self.until),
        };
        let start = since
            .map(|d| clock.day_start(d))
            .or(activity.map(|a| a.0))?;
        let end = until
            .and_then(|d| d.succ_opt())
            .map(|d| clock.day_start(d) - 1)
            .or(activity.map(|a| a.1))?;
        // A bound given on one side only, with all activity on the other side of it,
        // gives an empty period [start, start - 1]: every figure is then null or 0.
        Some(Period {
            start,
            end: end.max(start - 1),
        })
    }
}

/// Parses `--quarter 2025Q3` into the quarter's first day.
pub fn parse_quarter(text: &str) -> Result<NaiveDate, String> {
    let upper = text.trim().to_ascii_uppercase();
    let (year, quarter) = upper
        .split_once('Q')
        .ok_or_else(|| format!("{text:?} is not a quarter like 2025Q3"))?;
    let year: i32 = year
        .trim_end_matches('-')
        .parse()
        .map_err(|_| format!("{text:?} is not a quarter like 2025Q3"))?;
    let month = match quarter {
        "1" => 1,
        "2" => 4,
        "3" => 7,
        "4" => 10,
        _ => return Err(format!("{text:?}: the quarter is 1, 2, 3 or 4")),
    };
    NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| format!("{text:?}: no such year"))
}

/// Parses `--since`/`--until` dates (`2025-07-01`).
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date like 2025-07-01"))
}

/// Parses `--tz` (an IANA name such as `Europe/Paris`, or `UTC`).
pub fn parse_tz(text: &str) -> Result<Tz, String> {
    text.trim()
        .parse::<Tz>()
        .map_err(|_| format!("{text:?} is not an IANA time zone such as Europe/Paris or UTC"))
}

fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(chrono::Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Local time in the user's time zone.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// The zone.
    pub tz: Tz,
    /// Where the zone came from.
    pub origin: ZoneOrigin,
}

/// Where the zone of local times came from: `--tz`, or else the zone the archives state
/// when they state exactly one, else UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneOrigin {
    /// Given with `--tz`.
    Given,
    /// The zone the owner set, as this platform's archive states it.
    Stated(Platform),
    /// UTC: no archive states a zone.
    NoneStated,
    /// UTC: the archives state different zones.
    SeveralStated,
}

impl ZoneOrigin {
    /// Where the zone came from, in words that follow its name.
    pub fn says(self) -> String {
        match self {
            ZoneOrigin::Given => "from --tz".into(),
            ZoneOrigin::Stated(p) => format!("the zone your {} archive states", p.title()),
            ZoneOrigin::NoneStated => "no archive states a zone; --tz sets one".into(),
            ZoneOrigin::SeveralStated => {
                "the archives state different zones; --tz picks one".into()
            }
        }
    }
}

impl Clock {
    /// A clock in `tz`, given with `--tz`.
    pub fn new(tz: Tz) -> Clock {
        Clock {
            tz,
            origin: ZoneOrigin::Given,
        }
    }

    /// The clock when `--tz` is not given: the zone `accounts` states (the `time_zone` of
    /// each account) when every account that states one states the same, else UTC.
    pub fn stated(accounts: &polars::prelude::DataFrame) -> polars::prelude::PolarsResult<Clock> {
        let platform = super::columns::strs(accounts, "platform")?;
        let zone = super::columns::strs(accounts, "time_zone")?;
        let mut stated: Vec<(&str, &str)> = platform
            .iter()
            .zip(&zone)
            .filter_map(|(p, z)| Some(((*p)?, (*z)?)))
            .collect();
        stated.sort_unstable();
        stated.dedup();
        let zones: std::collections::BTreeSet<&str> = stated.iter().map(|(_, z)| *z).collect();
        let found = zones.iter().next().and_then(|z| z.parse::<Tz>().ok());
        Ok(match (zones.len(), found) {
            (1, Some(tz)) => Clock {
                tz,
                origin: stated
                    .first()
                    .and_then(|(p, _)| crate::import::platforms().find(|x| x.as_str() == *p))
                    .map_or(ZoneOrigin::NoneStated, ZoneOrigin::Stated),
            },
            (0, _) | (1, None) => Clock {
                tz: Tz::UTC,
                origin: ZoneOrigin::NoneStated,
            },
            _ => Clock {
                tz: Tz::UTC,
                origin: ZoneOrigin::SeveralStated,
            },
        })
    }

    /// The local date and time of a UTC instant.
    pub fn local(&self, ms: i64) -> NaiveDateTime {
        let utc = DateTime::from_timestamp_millis(ms).unwrap_or_default();
        utc.with_timezone(&self.tz).naive_local()
    }

    /// The local hour, 0..=23.
    pub fn hour(&self, ms: i64) -> u32 {
        self.local(ms).hour()
    }

    /// The local weekday, 0 = Monday.
    pub fn weekday(&self, ms: i64) -> u32 {
        self.local(ms).weekday().num_days_from_monday()
    }

    /// A number for the local ISO week (Monday first) that grows by one per week, so that
    /// consecutive weeks have consecutive numbers across years.
    pub fn week_number(&self, ms: i64) -> i64 {
        let date = self.local(ms).date();
        let monday = date - chrono::Duration::days(date.weekday().num_days_from_monday() as i64);
        monday.num_days_from_ce() as i64 / 7
    }

    /// The local month as `YYYY-MM`.
    pub fn month(&self, ms: i64) -> String {
        let d = self.local(ms);
        format!("{:04}-{:02}", d.year(), d.month())
    }

    /// The [`month_number`](Clock::month_number)s of every local month `period` touches, in
    /// order; none for an empty period.
    pub fn months(&self, period: Period) -> std::ops::RangeInclusive<i64> {
        if period.end < period.start {
            #[allow(clippy::reversed_empty_ranges)]
            return 1..=0;
        }
        self.month_number(period.start)..=self.month_number(period.end)
    }

    /// A number for the local month that grows by one per month.
    pub fn month_number(&self, ms: i64) -> i64 {
        let d = self.local(ms);
        d.year() as i64 * 12 + d.month0() as i64
    }

    /// The UTC instant of local midnight starting `date` (the first valid local time of the
    /// day where a daylight-saving change skips midnight).
    pub fn day_start(&self, date: NaiveDate) -> i64 {
        let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
        for minutes in (0..=180).step_by(30) {
            let local = midnight + chrono::Duration::minutes(minutes);
            if let Some(t) = self.tz.from_local_datetime(&local).earliest() {
                return t.timestamp_millis();
            }
        }
        midnight.and_utc().timestamp_millis()
    }
}

/// The month number back as `YYYY-MM`.
pub fn month_label(number: i64) -> String {
    format!(
        "{:04}-{:02}",
        number.div_euclid(12),
        number.rem_euclid(12) + 1
    )
}

/// Builds a period request from the command line's strings.
pub fn request(
    since: Option<&str>,
    until: Option<&str>,
    quarter: Option<&str>,
) -> Result<PeriodRequest, Error> {
    let since = since.map(parse_date).transpose().map_err(Error::Usage)?;
    let until = until.map(parse_date).transpose().map_err(Error::Usage)?;
    let quarter = quarter
        .map(parse_quarter)
        .transpose()
        .map_err(Error::Usage)?;
    if quarter.is_some() && (since.is_some() || until.is_some()) {
        return Err(Error::Usage(
            "--quarter cannot be combined with --since or --until".into(),
        ));
    }
    if let (Some(s), Some(u)) = (since, until)
        && u < s
    {
        return Err(Error::Usage(format!(
            "--until {u} is before --since {s}: the period would be empty"
        )));
    }
    Ok(PeriodRequest {
        since,
        until,
        quarter,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_covers_its_three_months_in_local_time() {
        let clock = Clock::new(parse_tz("Europe/Paris").unwrap());
        let request = request(None, None, Some("2025Q3")).unwrap();
        let p = request.resolve(&clock, None).unwrap();
        // 2025-07-01 00:00 CEST = 2025-06-30 22:00 UTC; end 2025-09-30 23:59:59.999 CEST.
        assert_eq!(p.start, 1_751_320_800_000);
        assert_eq!(p.end, 1_759_269_600_000 - 1);
    }

    #[test]
    fn previous_period_has_the_same_length() {
        let p = Period {
            start: 100,
            end: 199,
        };
        assert_eq!(p.previous(), Period { start: 0, end: 99 });
    }

    #[test]
    fn the_quarter_before_a_quarter_is_the_previous_calendar_quarter() {
        let clock = Clock::new(Tz::UTC);
        let request = request(None, None, Some("2012Q1")).unwrap();
        let p = request.resolve(&clock, None).unwrap();
        let previous = request.previous(&clock, p);
        // 2011-10-01 00:00 UTC to 2011-12-31 23:59:59.999: 92 days, not 2012Q1's 91, and
        // 1 October included.
        assert_eq!(previous.start, 1_317_427_200_000);
        assert_eq!(previous.end, 1_325_376_000_000 - 1);
        assert_eq!(previous.end, p.start - 1);
        // --since/--until: the span of the same length just before.
        let since = super::request(Some("2012-01-01"), Some("2012-01-10"), None).unwrap();
        let p = since.resolve(&clock, None).unwrap();
        assert_eq!(since.previous(&clock, p), p.previous());
    }

    #[test]
    fn bad_options_are_usage_errors() {
        assert!(parse_quarter("2025Q5").is_err());
        assert!(parse_date("07/01/2025").is_err());
        assert!(parse_tz("Mars/Olympus").is_err());
        assert!(request(Some("2025-02-01"), Some("2025-01-01"), None).is_err());
    }

    #[test]
    fn weeks_are_consecutive_across_a_year_end() {
        let clock = Clock::new(Tz::UTC);
        // Monday 2024-12-30 and Monday 2025-01-06.
        let a = clock.week_number(1_735_516_800_000);
        let b = clock.week_number(1_736_121_600_000);
        assert_eq!(b - a, 1);
    }
}
