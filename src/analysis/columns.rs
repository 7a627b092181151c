//! Reading dataframe columns into plain Rust values, for the analyses whose logic is a walk
//! over sorted rows (turns, windows, streaks) rather than a group-by.

use polars::prelude::*;

/// A string column, borrowed.
pub fn strs<'a>(frame: &'a DataFrame, name: &str) -> PolarsResult<Vec<Option<&'a str>>> {
    Ok(frame
        .column(name)?
        .as_materialized_series()
        .str()?
        .iter()
        .collect())
}

/// A datetime column as ms since the epoch.
pub fn times(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Option<i64>>> {
    let physical = frame.column(name)?.cast(&DataType::Int64)?;
    Ok(physical.i64()?.iter().collect())
}

/// An unsigned or other integer column as u64.
pub fn u64s(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Option<u64>>> {
    let cast = frame.column(name)?.cast(&DataType::UInt64)?;
    Ok(cast.u64()?.iter().collect())
}

/// A float column.
pub fn f64s(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    let cast = frame.column(name)?.cast(&DataType::Float64)?;
    Ok(cast.f64()?.iter().collect())
}

/// A boolean column.
pub fn bools(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Option<bool>>> {
    Ok(frame.column(name)?.bool()?.iter().collect())
}

/// A list-of-strings column, one owned list per row (empty for null).
pub fn str_lists(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Vec<String>>> {
    let list = frame.column(name)?.list()?.clone();
    let mut out = Vec::with_capacity(frame.height());
    // The amortized iterator reuses one Series for every row instead of allocating one each.
    for item in list.amortized_iter() {
        let mut values = Vec::new();
        if let Some(series) = item {
            for v in series.as_ref().str()?.iter().flatten() {
                values.push(v.to_string());
            }
        }
        out.push(values);
    }
    Ok(out)
}

/// Keeps the rows whose time column lies in `[start, end]`; rows with no time are dropped.
///
/// A frame in [`scope_order`](super::scope_order) (missing times first, then ascending)
/// is cut as a slice that shares its memory; any other frame is filtered into a copy.
pub fn in_time(frame: &DataFrame, column: &str, start: i64, end: i64) -> PolarsResult<DataFrame> {
    let t = times(frame, column)?;
    if let Some(range) = sorted_range(&t, start, end) {
        return Ok(frame.slice(range.start as i64, range.len()));
    }
    let t = col(column).cast(DataType::Int64);
    frame
        .clone()
        .lazy()
        .filter(t.clone().gt_eq(lit(start)).and(t.lt_eq(lit(end))))
        .collect()
}

/// The rows within `[start, end]` of times that are missing first and ascending after;
/// `None` when the times are not in that order.
fn sorted_range(times: &[Option<i64>], start: i64, end: i64) -> Option<std::ops::Range<usize>> {
    let missing = times.iter().take_while(|t| t.is_none()).count();
    let known = &times[missing..];
    let mut previous = i64::MIN;
    for t in known {
        let t = (*t)?;
        if t < previous {
            return None;
        }
        previous = t;
    }
    let from = missing + known.partition_point(|t| t.is_some_and(|t| t < start));
    let to = missing + known.partition_point(|t| t.is_some_and(|t| t <= end));
    Some(from..to.max(from))
}

/// Keeps the rows of one platform: a slice sharing the frame's memory when the platform's
/// rows are together (as [`scope_order`](super::scope_order) puts them), else a copy.
pub fn of_platform(frame: &DataFrame, platform: &str) -> PolarsResult<DataFrame> {
    let names = strs(frame, "platform")?;
    let first = names.iter().position(|p| *p == Some(platform));
    let last = names.iter().rposition(|p| *p == Some(platform));
    if let (Some(first), Some(last)) = (first, last)
        && names[first..=last].iter().all(|p| *p == Some(platform))
    {
        return Ok(frame.slice(first as i64, last - first + 1));
    }
    frame
        .clone()
        .lazy()
        .filter(col("platform").eq(lit(platform)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> DataFrame {
        df!(
            "platform" => ["linkedin", "twitter", "twitter", "twitter", "twitter"],
            "at" => [Some(5i64), None, Some(1), Some(3), Some(3)],
        )
        .unwrap()
    }

    #[test]
    fn a_period_of_ordered_times_is_the_same_rows_as_a_filter() {
        let twitter = of_platform(&frame(), "twitter").unwrap();
        assert_eq!(twitter.height(), 4);
        for (start, end, rows) in [(0, 10, 3), (2, 3, 2), (4, 10, 0), (1, 1, 1), (3, 2, 0)] {
            let cut = in_time(&twitter, "at", start, end).unwrap();
            let filtered = twitter
                .clone()
                .lazy()
                .filter(col("at").gt_eq(lit(start)).and(col("at").lt_eq(lit(end))))
                .collect()
                .unwrap();
            assert_eq!(cut.height(), rows, "[{start}, {end}]");
            assert!(cut.equals_missing(&filtered), "[{start}, {end}]");
        }
    }

    #[test]
    fn rows_out_of_order_are_filtered_not_sliced() {
        let f = df!("platform" => ["x", "y", "x"], "at" => [Some(3i64), Some(1), Some(2)]).unwrap();
        assert_eq!(of_platform(&f, "x").unwrap().height(), 2);
        let cut = in_time(&f, "at", 2, 3).unwrap();
        assert_eq!(times(&cut, "at").unwrap(), vec![Some(3), Some(2)]);
        assert_eq!(sorted_range(&[Some(3), Some(2)], 0, 9), None);
        assert_eq!(sorted_range(&[None, Some(2), None], 0, 9), None);
    }
}
