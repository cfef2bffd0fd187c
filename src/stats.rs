//! `mean`, `median` and `compute_stats` (the endpoint's `stats_py`).
//!
//! ```
//! use rstats::{compute_stats, Method, Number, Profile};
//! let s = compute_stats(&[1i64, 3, 5, 7, 9, 10, 13, 84, 528], Method::Exclusive, Profile::default()).unwrap();
//! assert_eq!(s.range, 527.0);
//! assert_eq!(s.quartiles, vec![Number::Float(4.0), Number::Float(9.0), Number::Float(48.5)]);
//! assert_eq!(s.mean, Number::Float(73.33333333333333));
//! assert_eq!(s.stddev, 172.43622009311153);
//! ```

use crate::arith;
use crate::error::{Function, Result, StatsError};
use crate::exact::wide::NARROW_WORDS;
use crate::number::Number;
use crate::order::{order_statistics, small_stable_order};
use crate::profile::{Behaviour, Profile};
#[cfg(feature = "statrs")]
use crate::quantile::statrs_port;
use crate::quantile::{nan_order_unsupported, quantiles, quantiles_named, Method};
use crate::sample::Sample;
use crate::spread::{py38_first_failure_in_sorted_order, stdev_with_sum};
use crate::summary::Summary;
use std::cmp::Ordering;

/// `statistics.mean(data)`: the exact mean, correctly rounded; an int when every value is an int
/// (or bool) and the mean is integral. The same in every CPython 3.8–3.13.
pub fn mean<T: Sample>(data: &[T]) -> Result<Number> {
    Summary::of(data, false).mean()
}

/// `statistics.median(data)`: the middle element itself (its type kept) for odd lengths, the
/// Python average `(a + b) / 2` of the two middle ones for even lengths.
pub fn median<T: Sample>(data: &[T]) -> Result<Number> {
    let n = data.len();
    match data {
        [] => Err(StatsError::NoData {
            function: Function::Median,
        }),
        [single] => Ok(single.to_number()),
        _ if data.iter().any(Sample::is_nan) => Err(nan_order_unsupported()),
        _ if n % 2 == 1 => Ok(sorted_value(data, n / 2)?.unwrap_or(Number::Float(f64::NAN))),
        _ => {
            let Some((a, b)) = middle_pair(data, n / 2)? else {
                return Err(nan_order_unsupported());
            };
            let sum = arith::add(&a, &b)?;
            Ok(Number::Float(arith::true_div(&sum, &Number::Int(2))?))
        }
    }
}

/// The value at position `p` of the sorted data; for at most
/// [`SMALL_ORDER`](crate::order::SMALL_ORDER) values without the heap.
fn sorted_value<T: Sample>(data: &[T], p: usize) -> Result<Option<Number>> {
    Ok(match small_stable_order(data) {
        Some(order) => order
            .get(p)
            .and_then(|&i| data.get(usize::from(i)))
            .map(Sample::to_number),
        None => order_statistics(data, &[p])?.first().map(Sample::to_number),
    })
}

/// The values at positions `p - 1` and `p` (`1 <= p < data.len()`) of the sorted data; for
/// at most [`SMALL_ORDER`](crate::order::SMALL_ORDER) values without the heap.
fn middle_pair<T: Sample>(data: &[T], p: usize) -> Result<Option<(Number, Number)>> {
    if let Some(order) = small_stable_order(data) {
        let at = |p: usize| data.get(usize::from(*order.get(p)?)).map(Sample::to_number);
        return Ok(at(p - 1).zip(at(p)));
    }
    Ok(match order_statistics(data, &[p - 1, p])?.as_slice() {
        [a, b] => Some((a.to_number(), b.to_number())),
        _ => None,
    })
}

/// What the endpoint returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// `float(max - min)`.
    pub range: f64,
    /// `quantiles(data, n=4, method=method)` (floats, except 3.13's one-point answer, which
    /// repeats the point itself).
    pub quartiles: Vec<Number>,
    /// `mean(data)`.
    pub mean: Number,
    /// `stdev(data)`.
    pub stddev: f64,
}

/// The endpoint's `stats_py(numbers, method)` (see `reference/stats.py`): range, quartiles, mean
/// and sample standard deviation, raising what `stats_py` raises first.
///
/// `Method::Statrs` is the talk's port instead: every field computed by the `statrs` crate in
/// floats (no CPython counterpart).
pub fn compute_stats<T: Sample + Sync>(
    data: &[T],
    method: Method,
    profile: Profile,
) -> Result<Stats> {
    #[cfg(feature = "statrs")]
    if method == Method::Statrs {
        return statrs_stats(data);
    }
    endpoint(data, profile, |d| quantiles(d, 4, method, profile))
}

/// [`compute_stats`] with the method given by name, raising in `stats_py`'s order: an unknown
/// method is only reported after the range and the quartiles' own checks (so `[]` is still an
/// `IndexError` and `[1]` a `StatisticsError`).
pub fn compute_stats_named<T: Sample + Sync>(
    data: &[T],
    method: &str,
    profile: Profile,
) -> Result<Stats> {
    match method.parse::<Method>() {
        Ok(method) => compute_stats(data, method, profile),
        Err(_) => endpoint(data, profile, |d| quantiles_named(d, 4, method, profile)),
    }
}

/// Inputs at least this long are read by two threads at once: the extremes and the sums on a
/// second thread while this one selects the quartiles (the two are independent; each is about
/// half of the time).
pub const PARALLEL_MIN_LEN: usize = 1 << 16;

/// `stats_py`'s body, with the quartiles computed by `quartiles`.
fn endpoint<T: Sample + Sync>(
    data: &[T],
    profile: Profile,
    quartiles: impl FnOnce(&[T]) -> Result<Vec<Number>>,
) -> Result<Stats> {
    if data.len() >= PARALLEL_MIN_LEN {
        return endpoint_parallel(data, profile, quartiles);
    }
    // stats_py's order: data = sorted(numbers); float(data[-1] - data[0]); quantiles(...); ...
    let range = range(extremes(data)?)?;
    let quartiles = quartiles(data)?;
    let summary = Summary::of(data, true);
    finish(data, profile, range, quartiles, &summary)
}

/// [`endpoint`] on two threads: the extremes and the sums on a second thread while this one
/// selects the quartiles. Errors are reported in `stats_py`'s order all the same.
fn endpoint_parallel<T: Sample + Sync>(
    data: &[T],
    profile: Profile,
    quartiles: impl FnOnce(&[T]) -> Result<Vec<Number>>,
) -> Result<Stats> {
    let one_pass = || (extremes(data), Summary::of(data, true));
    let ((extremes, summary), quartiles) = std::thread::scope(|scope| {
        match std::thread::Builder::new().spawn_scoped(scope, one_pass) {
            Ok(handle) => {
                let quartiles = quartiles(data);
                match handle.join() {
                    Ok(pass) => (pass, quartiles),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            // No second thread to be had: the same work, here.
            Err(_) => (one_pass(), quartiles(data)),
        }
    });
    let range = range(extremes?)?;
    finish(data, profile, range, quartiles?, &summary)
}

/// `float(data[-1] - data[0])`.
fn range((min, max): (Number, Number)) -> Result<f64> {
    match (&max, &min) {
        (Number::Float(a), Number::Float(b)) => Ok(a - b),
        _ => arith::to_float(&arith::sub(&max, &min)?),
    }
}

/// The mean and the standard deviation from the one pass's sums, and the response.
fn finish<T: Sample>(
    data: &[T],
    profile: Profile,
    range: f64,
    quartiles: Vec<Number>,
    summary: &Summary,
) -> Result<Stats> {
    // Σx once, for the mean and the standard deviation.
    let wide_sum = summary.moments().wide_sum::<NARROW_WORDS>();
    let mean = summary.mean_from(wide_sum.as_ref())?;
    let stddev = match stdev_with_sum(data, summary, profile, wide_sum.as_ref()) {
        Ok(stddev) => stddev,
        // stats_py hands `stdev` the sorted data: 3.8-3.9's `_ss` meets its values in that order.
        Err(e) if !profile.has(Behaviour::ExactSumOfSquares) => {
            return Err(py38_first_failure_in_sorted_order(data, summary).unwrap_or(e));
        }
        Err(e) => return Err(e),
    };
    Ok(Stats {
        range,
        quartiles,
        mean,
        stddev,
    })
}

/// `(sorted(data)[0], sorted(data)[-1])`: the first of the smallest values and the last of the
/// largest, as a stable sort leaves them.
fn extremes<T: Sample>(data: &[T]) -> Result<(Number, Number)> {
    let first = data.first().ok_or(StatsError::NoData {
        function: Function::ComputeStats,
    })?;
    if data.len() > 1 && data.iter().any(Sample::is_nan) {
        return Err(nan_order_unsupported());
    }
    let (mut min, mut max) = (first, first);
    for x in &data[1..] {
        if x.py_cmp(min) == Ordering::Less {
            min = x;
        }
        if x.py_cmp(max) != Ordering::Less {
            max = x;
        }
    }
    Ok((min.to_number(), max.to_number()))
}

/// The talk's statrs port, on the data as floats.
#[cfg(feature = "statrs")]
fn statrs_stats<T: Sample>(data: &[T]) -> Result<Stats> {
    if data.is_empty() {
        return Err(StatsError::NoData {
            function: Function::ComputeStats,
        });
    }
    let mut values = crate::order::try_vec(data.len())?;
    for x in data {
        values.push(arith::to_float(&x.to_number())?);
    }
    let s = statrs_port::statrs_stats_of(values);
    Ok(Stats {
        range: s.range,
        quartiles: s.quartiles.iter().map(|&q| Number::Float(q)).collect(),
        mean: Number::Float(s.mean),
        stddev: s.stddev,
    })
}
