//! CPython's two `quantiles` methods, `exclusive` and `inclusive`, term by term.
//!
//! Each cut point is `(data[lo] * w_lo + data[hi] * w_hi) / n` in Python arithmetic, where the
//! weights are exact integers. [`plan`] computes the positions and weights (the integer part of
//! CPython's loop); [`interpolate`] does the arithmetic on the two order statistics.
//!
//! ```
//! use rstats::quantile::python::{plan, PythonMethod};
//! // The talk's nine points, exclusive method, quartiles: m = 10, j = 2, 5, 7.
//! let p = plan(9, 4, PythonMethod::Exclusive);
//! assert_eq!((p[0].lo, p[0].hi, p[0].w_lo, p[0].w_hi), (1, 2, 2, 2));
//! ```

use crate::arith;
use crate::error::Result;
use crate::number::Number;

/// CPython's methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PythonMethod {
    /// `method='exclusive'` (Hyndman–Fan type 6), CPython's default.
    Exclusive,
    /// `method='inclusive'` (Hyndman–Fan type 7).
    Inclusive,
}

/// One cut point: `(sorted[lo] * w_lo + sorted[hi] * w_hi) / n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CutPoint {
    /// Position of the lower order statistic.
    pub lo: usize,
    /// Position of the upper order statistic.
    pub hi: usize,
    /// Its weight `n - delta` (may be negative or above n: extrapolation on tiny data).
    pub w_lo: i128,
    /// `delta`.
    pub w_hi: i128,
}

/// The `n - 1` cut points' positions and weights for `len >= 2` sorted values, `n >= 1`.
pub fn plan(len: usize, n: u64, method: PythonMethod) -> Vec<CutPoint> {
    plan_iter(len, n, method).collect()
}

/// [`plan`] as an iterator (so that a huge `n` need not be materialized twice).
pub fn plan_iter(len: usize, n: u64, method: PythonMethod) -> impl Iterator<Item = CutPoint> {
    let ld = len as i128;
    let n = i128::from(n);
    (1..n).map(move |i| match method {
        PythonMethod::Inclusive => {
            let m = ld - 1;
            let (j, delta) = (i * m / n, i * m % n);
            CutPoint {
                lo: j as usize,
                hi: (j + 1) as usize,
                w_lo: n - delta,
                w_hi: delta,
            }
        }
        PythonMethod::Exclusive => {
            let m = ld + 1;
            let j = (i * m / n).clamp(1, ld - 1);
            let delta = i * m - j * n;
            CutPoint {
                lo: (j - 1) as usize,
                hi: j as usize,
                w_lo: n - delta,
                w_hi: delta,
            }
        }
    })
}

/// `(lo * w_lo + hi * w_hi) / n` with Python's arithmetic; always a float.
pub fn interpolate(lo: &Number, hi: &Number, cut: &CutPoint, n: u64) -> Result<Number> {
    let a = arith::mul(lo, &Number::from_i128(cut.w_lo))?;
    let b = arith::mul(hi, &Number::from_i128(cut.w_hi))?;
    let sum = arith::add(&a, &b)?;
    let n = Number::from_i128(i128::from(n));
    Ok(Number::Float(arith::true_div(&sum, &n)?))
}
