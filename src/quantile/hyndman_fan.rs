//! The nine sample-quantile definitions of Hyndman & Fan (1996), computed the
//! way `numpy.quantile` computes them.
//!
//! CPython's `statistics.quantiles` only offers two of them (`exclusive`, type 6,
//! and `inclusive`, type 7). The other ones have no CPython counterpart, so the
//! reference here is numpy (`numpy/lib/_function_base_impl.py`): this module
//! follows numpy's float arithmetic step by step — the virtual index
//! (`_compute_virtual_index` and the per-method lambdas of `_QuantileMethods`),
//! the index clamping of `_get_indexes` and `_discrete_interpolation_to_boundaries`,
//! the gamma of `_get_gamma` (computed against the *clamped* previous index),
//! and the two-sided `_lerp` — so that the results are the same bits as numpy's.
//!
//! ```rust
//! use rstats::internals::quantile::hyndman_fan::{cut_points, HyndmanFan};
//!
//! let data = [1.0, 3.0, 5.0, 7.0, 9.0, 10.0, 13.0, 84.0, 528.0];
//! // numpy.quantile(data, [0.25, 0.5, 0.75], method="median_unbiased")
//! // (statrs, also type 8, gets 4.333333333333334 for the first one)
//! assert_eq!(
//!     cut_points(&data, 4, HyndmanFan::MedianUnbiased),
//!     vec![4.333333333333333, 9.0, 36.66666666666664]
//! );
//! // numpy's default, method="linear" (CPython's "inclusive")
//! assert_eq!(cut_points(&data, 4, HyndmanFan::Linear), vec![5.0, 9.0, 13.0]);
//! ```

/// The nine sample-quantile definitions of Hyndman & Fan (1996), under numpy's names.
///
/// ```rust
/// use rstats::internals::quantile::hyndman_fan::HyndmanFan;
///
/// assert_eq!(HyndmanFan::MedianUnbiased.name(), "median_unbiased");
/// assert_eq!(HyndmanFan::from_name("hazen"), Some(HyndmanFan::Hazen));
/// assert_eq!(HyndmanFan::Linear.hf_type(), 7);
/// assert_eq!(HyndmanFan::from_name("nearest"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HyndmanFan {
    /// Type 1: inverse of the empirical CDF (discontinuous).
    InvertedCdf,
    /// Type 2: like type 1, averaging at discontinuities (discontinuous).
    AveragedInvertedCdf,
    /// Type 3: nearest even order statistic (discontinuous, SAS definition).
    ClosestObservation,
    /// Type 4: linear interpolation of the empirical CDF.
    InterpolatedInvertedCdf,
    /// Type 5: piecewise linear, knots at the midpoints of the steps.
    Hazen,
    /// Type 6: `p(k) = k / (n + 1)`; CPython's `exclusive`.
    Weibull,
    /// Type 7: `p(k) = (k - 1) / (n - 1)`; numpy's default, CPython's `inclusive`.
    Linear,
    /// Type 8: approximately median-unbiased (statrs' quartiles).
    MedianUnbiased,
    /// Type 9: approximately unbiased for normal samples.
    NormalUnbiased,
}

impl HyndmanFan {
    /// All nine methods, in Hyndman & Fan order (type 1 first).
    pub const ALL: [HyndmanFan; 9] = [
        HyndmanFan::InvertedCdf,
        HyndmanFan::AveragedInvertedCdf,
        HyndmanFan::ClosestObservation,
        HyndmanFan::InterpolatedInvertedCdf,
        HyndmanFan::Hazen,
        HyndmanFan::Weibull,
        HyndmanFan::Linear,
        HyndmanFan::MedianUnbiased,
        HyndmanFan::NormalUnbiased,
    ];

    /// numpy's method name, e.g. `"median_unbiased"`.
    pub fn name(self) -> &'static str {
        match self {
            HyndmanFan::InvertedCdf => "inverted_cdf",
            HyndmanFan::AveragedInvertedCdf => "averaged_inverted_cdf",
            HyndmanFan::ClosestObservation => "closest_observation",
            HyndmanFan::InterpolatedInvertedCdf => "interpolated_inverted_cdf",
            HyndmanFan::Hazen => "hazen",
            HyndmanFan::Weibull => "weibull",
            HyndmanFan::Linear => "linear",
            HyndmanFan::MedianUnbiased => "median_unbiased",
            HyndmanFan::NormalUnbiased => "normal_unbiased",
        }
    }

    /// The method with numpy's name `name` (exact, case-sensitive), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        HyndmanFan::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The Hyndman & Fan type number, 1 to 9.
    pub fn hf_type(self) -> u8 {
        match self {
            HyndmanFan::InvertedCdf => 1,
            HyndmanFan::AveragedInvertedCdf => 2,
            HyndmanFan::ClosestObservation => 3,
            HyndmanFan::InterpolatedInvertedCdf => 4,
            HyndmanFan::Hazen => 5,
            HyndmanFan::Weibull => 6,
            HyndmanFan::Linear => 7,
            HyndmanFan::MedianUnbiased => 8,
            HyndmanFan::NormalUnbiased => 9,
        }
    }
}

/// The `n - 1` cut points at probabilities `i / n` (`i = 1..n-1`) of `sorted`
/// (ascending, finite, non-empty), computed as
/// `numpy.quantile(sorted, i/n, method=method.name())` computes them.
///
/// `n == 1` (and `n == 0`) gives an empty `Vec`; an empty `sorted` also gives
/// an empty `Vec` (numpy would raise). Never panics.
///
/// Bit-for-bit caveat inherited from numpy: numpy reads the order statistics
/// out of an `np.partition`ed copy, which may swap `-0.0` and `0.0`; with both
/// zeros present, the sign of a zero result can differ from numpy's.
///
/// ```rust
/// use rstats::internals::quantile::hyndman_fan::{cut_points, HyndmanFan};
///
/// let data = [1.0, 2.0, 3.0, 4.0];
/// // numpy.quantile(data, [0.5], method=...)
/// assert_eq!(cut_points(&data, 2, HyndmanFan::InvertedCdf), vec![2.0]);
/// assert_eq!(cut_points(&data, 2, HyndmanFan::AveragedInvertedCdf), vec![2.5]);
/// assert_eq!(cut_points(&data, 2, HyndmanFan::ClosestObservation), vec![2.0]);
/// assert_eq!(cut_points(&data, 2, HyndmanFan::Weibull), vec![2.5]);
/// assert!(cut_points(&data, 1, HyndmanFan::Linear).is_empty());
/// ```
pub fn cut_points(sorted: &[f64], n: usize, method: HyndmanFan) -> Vec<f64> {
    if sorted.is_empty() || n < 2 {
        return Vec::new();
    }
    // Python's `i / n` on ints is the correctly rounded quotient: for
    // operands below 2**53 that is exactly the f64 division.
    let nf = n as f64;
    (1..n)
        .map(|i| quantile_sorted(sorted, i as f64 / nf, method))
        .collect()
}

/// The cut point `i` of `n` (`1 <= i < n`) of [`cut_points`]: `sorted` non-empty.
pub(crate) fn cut_point(sorted: &[f64], i: u64, n: u64, method: HyndmanFan) -> f64 {
    quantile_sorted(sorted, i as f64 / n as f64, method)
}

/// `numpy.quantile(sorted, q, method=...)` for one probability `q` in [0, 1],
/// `sorted` non-empty.
fn quantile_sorted(sorted: &[f64], q: f64, method: HyndmanFan) -> f64 {
    let count = sorted.len();
    // numpy: `values_count * quantiles`, a Python int times a float64 array.
    let n = count as f64;
    match method {
        HyndmanFan::InvertedCdf => {
            // _inverted_cdf: take the next order statistic unless exactly on one.
            let k = discrete_to_boundaries(n * q - 1.0, |gamma, _| gamma == 0.0);
            take(sorted, k)
        }
        HyndmanFan::ClosestObservation => {
            // _closest_observation: `(n * quantiles) - 1 - 0.5`; at g == 0 take
            // the even 1-based order statistic (odd 0-based floor).
            let k = discrete_to_boundaries(n * q - 1.0 - 0.5, |gamma, previous| {
                gamma == 0.0 && previous.rem_euclid(2.0) == 1.0
            });
            take(sorted, k)
        }
        HyndmanFan::AveragedInvertedCdf => {
            // virtual index `(n * quantiles) - 1`; fix_gamma: 0.5 where gamma == 0, else 1.
            interpolate(
                sorted,
                n * q - 1.0,
                |gamma| {
                    if gamma == 0.0 {
                        0.5
                    } else {
                        1.0
                    }
                },
            )
        }
        HyndmanFan::InterpolatedInvertedCdf => {
            // alpha = 0, beta = 1 are Python ints: `1 - 0 - 1` is the int 0,
            // `quantiles * 0` is +0.0 (q >= 0), `0 + 0.0` is 0.0.
            interpolate(sorted, virtual_index(n, q, 0.0, 0.0), |g| g)
        }
        HyndmanFan::Hazen => {
            // alpha = beta = 0.5: `1 - 0.5 - 0.5` == 0.0.
            let a = 0.5;
            interpolate(sorted, virtual_index(n, q, a, 1.0 - a - a), |g| g)
        }
        HyndmanFan::Weibull => {
            // alpha = beta = 0 (ints): `1 - 0 - 0` is the int 1, `q * 1` is q.
            interpolate(sorted, virtual_index(n, q, 0.0, 1.0), |g| g)
        }
        HyndmanFan::Linear => {
            // numpy special-cases linear as `(n - 1) * quantiles`.
            interpolate(sorted, (count - 1) as f64 * q, |g| g)
        }
        HyndmanFan::MedianUnbiased => {
            let a = 1.0 / 3.0;
            interpolate(sorted, virtual_index(n, q, a, 1.0 - a - a), |g| g)
        }
        HyndmanFan::NormalUnbiased => {
            let a = 3.0 / 8.0;
            interpolate(sorted, virtual_index(n, q, a, 1.0 - a - a), |g| g)
        }
    }
}

/// numpy's `_compute_virtual_index`:
/// `n * quantiles + (alpha + quantiles * (1 - alpha - beta)) - 1`,
/// with `one_minus_alpha_beta` already evaluated as Python evaluates it.
fn virtual_index(n: f64, q: f64, alpha: f64, one_minus_alpha_beta: f64) -> f64 {
    n * q + (alpha + q * one_minus_alpha_beta) - 1.0
}

/// numpy's `_discrete_interpolation_to_boundaries` followed by the `res < 0`
/// clip; `at_previous(gamma, previous)` picks `floor(index)` over `floor + 1`.
fn discrete_to_boundaries(index: f64, at_previous: impl Fn(f64, f64) -> bool) -> isize {
    let previous = index.floor();
    let next = previous + 1.0;
    let gamma = index - previous;
    let chosen = if at_previous(gamma, previous) {
        previous
    } else {
        next
    };
    // `.astype(np.intp)` then `res[res < 0] = 0` (`as` saturates; NaN -> 0).
    (chosen as isize).max(0)
}

/// `take(arr, k)` on the sorted data; numpy's own indexes stay in bounds for
/// q in [0, 1), the clamp only guarantees that nothing can panic.
fn take(sorted: &[f64], k: isize) -> f64 {
    let last = sorted.len().saturating_sub(1);
    let k = usize::try_from(k).unwrap_or(0).min(last);
    sorted.get(k).copied().unwrap_or(f64::NAN)
}

/// numpy's interpolating branch of `_quantile`: `_get_indexes`, `_get_gamma`
/// (gamma against the clamped previous index), `fix_gamma`, `_lerp`.
fn interpolate(sorted: &[f64], virtual_index: f64, fix_gamma: impl Fn(f64) -> f64) -> f64 {
    let count = sorted.len();
    let last = count.saturating_sub(1);
    // _get_indexes: floor / floor + 1, then `-1` (the last value) at or above
    // `valid_values_count - 1`, then `0` below 0, as float64 before `astype(intp)`.
    let mut previous = virtual_index.floor();
    let mut next = previous + 1.0;
    if virtual_index >= last as f64 {
        previous = -1.0;
        next = -1.0;
    }
    if virtual_index < 0.0 {
        previous = 0.0;
        next = 0.0;
    }
    let a = at_numpy_index(sorted, previous);
    let b = at_numpy_index(sorted, next);
    // _get_gamma: `virtual_indexes - previous_indexes` with the clamped
    // (intp) previous index, then the method's fix_gamma.
    let gamma = fix_gamma(virtual_index - previous);
    lerp(a, b, gamma)
}

/// `arr[k]` for a numpy index `k` (as float64; `-1` is the last element).
fn at_numpy_index(sorted: &[f64], k: f64) -> f64 {
    let last = sorted.len().saturating_sub(1);
    let i = if k < 0.0 {
        // numpy only ever produces -1 here: the last element.
        last
    } else {
        (k as usize).min(last)
    };
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

/// numpy's `_lerp`: `a + (b - a) * t`, overwritten by `b - (b - a) * (1 - t)`
/// where `t >= 0.5`.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let diff_b_a = b - a;
    if t >= 0.5 {
        b - diff_b_a * (1.0 - t)
    } else {
        a + diff_b_a * t
    }
}
