//! The talk's "before": the summary endpoint as it was first ported with the
//! [`statrs`] crate (0.19), kept so its numbers can be shown next to CPython's.
//!
//! Everything goes through [`statrs::statistics::Data`], exactly as the port did:
//!
//! | field       | statrs call                                                        |
//! |-------------|--------------------------------------------------------------------|
//! | `range`     | [`Max::max`] `-` [`Min::min`]                                      |
//! | `quartiles` | [`OrderStatistics::lower_quartile`], [`OrderStatistics::median`],  |
//! |             | [`OrderStatistics::upper_quartile`] (Hyndman & Fan type 8)         |
//! | `mean`      | [`Distribution::mean`] (`Option`, running-moment mean)             |
//! | `stddev`    | [`Distribution::std_dev`] (`Option`, sample, `n - 1`)              |
//!
//! statrs' quartiles are Hyndman & Fan's type 8 (numpy's `median_unbiased`),
//! not CPython's `statistics.quantiles` (type 6 `exclusive` by default), and
//! its mean is a running update rather than CPython's exact `fsum`-style mean,
//! which is why the two disagree in the last bits.
//!
//! ```rust
//! use rstats::internals::quantile::statrs_port::statrs_stats;
//!
//! let s = statrs_stats(&[1.0, 3.0, 5.0, 7.0, 9.0, 10.0, 13.0, 84.0, 528.0]);
//! assert_eq!(s.range, 527.0);
//! assert_eq!(s.quartiles, [4.333333333333334, 9.0, 36.66666666666664]);
//! assert_eq!(s.mean, 73.33333333333334);
//! assert_eq!(s.stddev, 172.43622009311153);
//! ```

use statrs::statistics::{Data, Distribution, Max, Min, OrderStatistics};

/// What the talk's statrs port returned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatrsStats {
    /// `max - min`.
    pub range: f64,
    /// Lower quartile, median, upper quartile (statrs: Hyndman & Fan type 8).
    pub quartiles: [f64; 3],
    /// statrs' mean.
    pub mean: f64,
    /// statrs' sample standard deviation (`n - 1` denominator).
    pub stddev: f64,
}

/// Computes through [`statrs::statistics::Data`] exactly as the port did:
/// `max - min`, `lower_quartile`, `median`, `upper_quartile`, `mean`, `std_dev`.
///
/// The calls are made in that order on one `Data`, as in the port. statrs'
/// quartile selections reorder the `Data` in place (an already sorted input is
/// left as it is), and statrs' mean is a running update over the data in its
/// current order, so for unsorted input the `mean` and `stddev` here can differ
/// in the last bits from [`statrs_mean`] of the same slice.
///
/// The caller is expected to pass a non-empty, finite slice; for any other
/// slice this does not panic but returns NaN wherever statrs does (an empty
/// slice gives NaN everywhere; a single value gives a NaN `stddev`).
///
/// ```rust
/// use rstats::internals::quantile::statrs_port::statrs_stats;
///
/// let s = statrs_stats(&[2.0, 4.0]);
/// assert_eq!(s.range, 2.0);
/// assert_eq!(s.mean, 3.0);
/// assert!(statrs_stats(&[]).mean.is_nan());
/// ```
pub fn statrs_stats(data: &[f64]) -> StatrsStats {
    statrs_stats_of(data.to_vec())
}

/// statrs' `[lower_quartile, median, upper_quartile]` of `data`.
///
/// ```rust
/// use rstats::internals::quantile::statrs_port::statrs_quartiles;
///
/// assert_eq!(statrs_quartiles(&[1.0, 2.0, 3.0, 4.0, 5.0])[1], 3.0);
/// ```
pub fn statrs_quartiles(data: &[f64]) -> [f64; 3] {
    let mut d = Data::new(data.to_vec());
    quartiles_of(&mut d)
}

/// statrs' mean of `data` in the order given (`Data::new(data).mean()`;
/// NaN for an empty slice).
///
/// ```rust
/// use rstats::internals::quantile::statrs_port::statrs_mean;
///
/// assert_eq!(statrs_mean(&[1.0, 2.0, 3.0, 4.0]), 2.5);
/// ```
pub fn statrs_mean(data: &[f64]) -> f64 {
    Data::new(data.to_vec()).mean().unwrap_or(f64::NAN)
}

fn quartiles_of(d: &mut Data<Vec<f64>>) -> [f64; 3] {
    // statrs' quantile returns NaN early for an empty Data; its median on an
    // empty Data only ever selects rank 0, which is `min()` (NaN): no panic.
    if d.is_empty() {
        return [f64::NAN; 3];
    }
    let lower = d.lower_quartile();
    let median = OrderStatistics::median(d);
    let upper = d.upper_quartile();
    [lower, median, upper]
}

/// [`statrs_cut_points`] on data the caller owns (no copy), pushed onto `out` (which has room).
pub(crate) fn statrs_cut_points_into(data: Vec<f64>, n: u64, out: &mut Vec<crate::Number>) {
    let mut d = Data::new(data);
    if n == 4 {
        out.extend(quartiles_of(&mut d).map(crate::Number::Float));
        return;
    }
    out.extend((1..n).map(|i| {
        crate::Number::Float(if d.is_empty() {
            f64::NAN
        } else {
            d.quantile(i as f64 / n as f64)
        })
    }));
}

/// [`statrs_stats`] on data the caller owns (no copy).
pub(crate) fn statrs_stats_of(data: Vec<f64>) -> StatrsStats {
    let mut d = Data::new(data);
    let range = d.max() - d.min();
    let quartiles = quartiles_of(&mut d);
    let mean = d.mean().unwrap_or(f64::NAN);
    let stddev = d.std_dev().unwrap_or(f64::NAN);
    StatrsStats {
        range,
        quartiles,
        mean,
        stddev,
    }
}

/// statrs' cut points at probabilities `i/n` (i = 1..n-1): `Data::quantile(i / n)`, its type-8
/// definition. For n = 4 it returns [`statrs_quartiles`], the calls the talk's port made.
///
/// ```rust
/// use rstats::internals::quantile::statrs_port::statrs_cut_points;
///
/// assert_eq!(statrs_cut_points(&[1.0, 2.0, 3.0], 2), vec![2.0]);
/// assert!(statrs_cut_points(&[1.0], 1).is_empty());
/// ```
pub fn statrs_cut_points(data: &[f64], n: usize) -> Vec<f64> {
    if n == 4 {
        return statrs_quartiles(data).to_vec();
    }
    let mut d = Data::new(data.to_vec());
    (1..n)
        .map(|i| {
            if d.is_empty() {
                f64::NAN
            } else {
                d.quantile(i as f64 / n as f64)
            }
        })
        .collect()
}
