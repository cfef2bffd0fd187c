//! CPython's two `quantiles` methods, `exclusive` and `inclusive`, term by term.
//!
//! Each cut point is `(data[lo] * w_lo + data[hi] * w_hi) / n` in Python arithmetic, where the
//! weights are exact integers. [`plan`] computes the positions and weights (the integer part of
//! CPython's loop); [`interpolate`] does the arithmetic on the two order statistics.
//!
//! ```
//! use rstats::internals::quantile::python::{plan, PythonMethod};
//! // The talk's nine points, exclusive method, quartiles: m = 10, j = 2, 5, 7.
//! let p = plan(9, 4, PythonMethod::Exclusive);
//! assert_eq!((p[0].lo, p[0].hi, p[0].w_lo, p[0].w_hi), (1, 2, 2, 2));
//! ```

use crate::arith;
use crate::error::Result;
use crate::exact::wide_rounding::i128_ratio_to_f64;
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
    (1..n).map(move |i| cut_point(len, n, method, i))
}

/// The cut point `i` (1 to `n - 1`) of [`plan`].
pub fn cut_point(len: usize, n: u64, method: PythonMethod, i: u64) -> CutPoint {
    let ld = len as i128;
    let n = i128::from(n);
    let i = i128::from(i);
    match method {
        PythonMethod::Inclusive => {
            let m = ld - 1;
            let (j, delta) = div_rem(i * m, n);
            CutPoint {
                lo: j as usize,
                hi: (j + 1) as usize,
                w_lo: n - delta,
                w_hi: delta,
            }
        }
        PythonMethod::Exclusive => {
            let m = ld + 1;
            let j = div_rem(i * m, n).0.clamp(1, ld - 1);
            let delta = i * m - j * n;
            CutPoint {
                lo: (j - 1) as usize,
                hi: j as usize,
                w_lo: n - delta,
                w_hi: delta,
            }
        }
    }
}

/// `(a / b, a % b)` as Rust's `i128` operators give them, by one machine division when both fit
/// in `u64` (as they do for every real data set: `i * m < n * (len + 1)`).
fn div_rem(a: i128, b: i128) -> (i128, i128) {
    match (u64::try_from(a), u64::try_from(b)) {
        (Ok(a), Ok(b)) if b != 0 => (i128::from(a / b), i128::from(a % b)),
        _ => (a / b, a % b),
    }
}

/// `(lo * w_lo + hi * w_hi) / n` with Python's arithmetic; always a float.
///
/// ```
/// use rstats::internals::quantile::python::{interpolate, plan, PythonMethod};
/// use rstats::Number;
/// let cut = plan(9, 4, PythonMethod::Exclusive)[2]; // between the 7th and 8th values, 1:3
/// let q = interpolate(&Number::Int(13), &Number::Int(84), &cut, 4).unwrap();
/// assert_eq!(q, Number::Float(48.5));
/// ```
pub fn interpolate(lo: &Number, hi: &Number, cut: &CutPoint, n: u64) -> Result<Number> {
    if let Some(q) = interpolate_same_type(lo, hi, cut, n) {
        return Ok(Number::Float(q));
    }
    let a = arith::mul(lo, &Number::from_i128(cut.w_lo))?;
    let b = arith::mul(hi, &Number::from_i128(cut.w_hi))?;
    let sum = arith::add(&a, &b)?;
    let n = Number::from_i128(i128::from(n));
    Ok(Number::Float(arith::true_div(&sum, &n)?))
}

/// [`interpolate`] for two floats or two machine ints, without building Python numbers: `None`
/// for any other pair (or an int product beyond `i128`), which the general path then computes.
///
/// Floats: `float * int` converts the int weight to the nearest float (Rust's `as f64` rounds to
/// nearest, ties to even, as `PyLong_AsDouble` does; the weights are `i64`s here), then one IEEE
/// product; `float + float` and `float / int` likewise. Ints: the products and their sum
/// are exact in `i128` (the weights are `i64`s), and `int / int` is the correctly rounded
/// quotient.
fn interpolate_same_type(lo: &Number, hi: &Number, cut: &CutPoint, n: u64) -> Option<f64> {
    match (lo, hi) {
        (Number::Float(a), Number::Float(b)) => {
            // The weights are below 3n <= 3 · 2^31; as i64 they convert in one instruction.
            let w_lo = i64::try_from(cut.w_lo).ok()? as f64;
            let w_hi = i64::try_from(cut.w_hi).ok()? as f64;
            Some((a * w_lo + b * w_hi) / n as f64)
        }
        (Number::Int(a), Number::Int(b)) => {
            let w_lo = i64::try_from(cut.w_lo).ok()?;
            let w_hi = i64::try_from(cut.w_hi).ok()?;
            // Each product is below 2^126 in magnitude: their sum fits in i128.
            let sum = i128::from(*a) * i128::from(w_lo) + i128::from(*b) * i128::from(w_hi);
            i128_ratio_to_f64(sum, n)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The general path alone (Python's operations one by one on [`Number`]s).
    fn general(lo: &Number, hi: &Number, cut: &CutPoint, n: u64) -> Result<Number> {
        let a = arith::mul(lo, &Number::from_i128(cut.w_lo))?;
        let b = arith::mul(hi, &Number::from_i128(cut.w_hi))?;
        let sum = arith::add(&a, &b)?;
        Ok(Number::Float(arith::true_div(
            &sum,
            &Number::from_i128(i128::from(n)),
        )?))
    }

    fn cut() -> impl Strategy<Value = (CutPoint, u64)> {
        (
            1u64..1 << 31,
            prop_oneof![any::<i64>().prop_map(i128::from), -5i128..5, any::<i128>()],
            prop_oneof![any::<i64>().prop_map(i128::from), -5i128..5, any::<i128>()],
        )
            .prop_map(|(n, w_lo, w_hi)| {
                let cut = CutPoint {
                    lo: 0,
                    hi: 1,
                    w_lo,
                    w_hi,
                };
                (cut, n)
            })
    }

    fn float() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>(),
            (-1000i32..1000).prop_map(f64::from),
            Just(f64::MAX),
            Just(5e-324),
            Just(-0.0),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        #[test]
        fn machine_division_matches_i128(a in any::<i128>(), b in any::<i128>(), small in any::<(u64, u64)>()) {
            for (a, b) in [(a, b), (i128::from(small.0), i128::from(small.1))] {
                if b != 0 && !(a == i128::MIN && b == -1) {
                    prop_assert_eq!(div_rem(a, b), (a / b, a % b));
                }
            }
        }

        #[test]
        fn float_pairs_match_python_arithmetic(a in float(), b in float(), (cut, n) in cut()) {
            let (lo, hi) = (Number::Float(a), Number::Float(b));
            prop_assert_eq!(interpolate(&lo, &hi, &cut, n).ok(), general(&lo, &hi, &cut, n).ok());
        }

        /// Two floats, or two machine ints with `i64` weights, take the short path (it answers,
        /// rather than leaving the pair to the general path) and agree with the general path.
        #[test]
        fn same_type_pairs_take_the_short_path(
            floats in (float(), float()),
            ints in (any::<i64>(), any::<i64>()),
            weights in (any::<i64>(), any::<i64>()),
            n in 1u64..1 << 31,
        ) {
            let cut = CutPoint { lo: 0, hi: 1, w_lo: i128::from(weights.0), w_hi: i128::from(weights.1) };
            let pairs = [
                (Number::Float(floats.0), Number::Float(floats.1)),
                (Number::Int(ints.0), Number::Int(ints.1)),
            ];
            for (lo, hi) in pairs {
                let short = interpolate_same_type(&lo, &hi, &cut, n).map(f64::to_bits);
                let want = match general(&lo, &hi, &cut, n) {
                    Ok(Number::Float(x)) => Some(x.to_bits()),
                    other => return Err(TestCaseError::fail(format!("general path: {other:?}"))),
                };
                prop_assert_eq!(short, want, "{:?} {:?}", lo, hi);
            }
        }

        #[test]
        fn int_pairs_match_python_arithmetic(a in any::<i64>(), b in -100i64..100, (cut, n) in cut()) {
            for (lo, hi) in [(Number::Int(a), Number::Int(b)), (Number::Int(b), Number::Int(a))] {
                prop_assert_eq!(
                    format!("{:?}", interpolate(&lo, &hi, &cut, n)),
                    format!("{:?}", general(&lo, &hi, &cut, n))
                );
            }
        }
    }
}
