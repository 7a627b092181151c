//! The few statistics the metrics use, defined once: docs/metrics.md's percentile (linear
//! between closest ranks, as numpy's default) and rates that are null over nothing.

/// `numerator / denominator`, or `None` when the denominator is 0.
pub fn rate(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator)
}

/// `numerator / denominator` for counts.
pub fn share(numerator: usize, denominator: usize) -> Option<f64> {
    rate(numerator as f64, denominator as f64)
}

/// The arithmetic mean, `None` for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    rate(values.iter().sum(), values.len() as f64)
}

/// The `p`-th quantile (`p` in [0, 1]) at position `p * (n - 1)` of the sorted values,
/// interpolated linearly; `None` for no values.
pub fn quantile(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let position = p * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = position.ceil() as usize;
    let fraction = position - below as f64;
    Some(sorted[below] + (sorted[above] - sorted[below]) * fraction)
}

/// The median: the 0.5 quantile.
pub fn median(values: &[f64]) -> Option<f64> {
    quantile(values, 0.5)
}

/// Rounds to 6 decimals, as every float in summary.json is.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_like_numpy() {
        // numpy.percentile([1, 2, 3, 4], 90) = 3.7; median 2.5.
        assert_eq!(quantile(&[4.0, 1.0, 3.0, 2.0], 0.9), Some(3.7));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[7.0]), Some(7.0));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn rates_over_nothing_are_null() {
        assert_eq!(share(1, 0), None);
        assert_eq!(share(1, 4), Some(0.25));
        assert_eq!(mean(&[]), None);
    }
}
