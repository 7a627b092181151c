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
pub fn in_time(frame: &DataFrame, column: &str, start: i64, end: i64) -> PolarsResult<DataFrame> {
    let t = col(column).cast(DataType::Int64);
    frame
        .clone()
        .lazy()
        .filter(t.clone().gt_eq(lit(start)).and(t.lt_eq(lit(end))))
        .collect()
}

/// Keeps the rows of one platform.
pub fn of_platform(frame: &DataFrame, platform: &str) -> PolarsResult<DataFrame> {
    frame
        .clone()
        .lazy()
        .filter(col("platform").eq(lit(platform)))
        .collect()
}
