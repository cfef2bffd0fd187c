//! `variance`, `stdev`, `pvariance`, `pstdev`: the sum of squared deviations as each CPython family
//! computes it, then CPython's conversions.
//!
//! * 3.11+ ([`Profile::Py311`], [`Profile::Py313`]): `ss = (n·Σx² − (Σx)²) / n` exactly;
//!   `variance` rounds `ss / (n−1)` once, `stdev` is its correctly rounded square root.
//! * 3.10: the same exact `ss` and `variance`, but `stdev = math.sqrt(variance)` (two roundings).
//! * 3.8–3.9: `c = mean(data)` rounded to a float first, then `Σ (x − c) ** 2` with each term a
//!   Python operation, summed exactly, less `(Σ (x − c))² / n`; then `math.sqrt(variance)`.
//!
//! ```
//! use rstats::{stdev, variance, Number, Profile};
//! let talk = [1i64, 3, 5, 7, 9, 10, 13, 84, 528];
//! assert_eq!(stdev(&talk, Profile::Py311).unwrap(), 172.43622009311153);
//! assert_eq!(variance(&[1i64, 2, 3], Profile::Py311).unwrap(), Number::Int(1));
//! // 3.8 squares deviations from the float mean 2.5, so the variance is a float there:
//! assert_eq!(variance(&[1i64, 2, 3, 4], Profile::Py38).unwrap(), Number::Float(1.6666666666666667));
//! ```

use crate::arith;
use crate::error::{Function, Result, StatsError};
use crate::exact::{Dyadic, Moments, Ratio};
use crate::number::Number;
use crate::profile::Profile;
use crate::sample::Sample;
use crate::summary::Summary;
use num_bigint::BigInt;

/// The sum of squared deviations as `_ss` leaves it.
#[derive(Debug, Clone)]
pub enum SumOfSquares {
    /// An exact rational; `int_type` when CPython's `T` is `int`.
    Exact {
        /// The sum.
        ss: Ratio,
        /// CPython's result type `T` is `int`.
        int_type: bool,
    },
    /// A float (non-finite data): `T` is `float`.
    Float(f64),
}

/// Sample or population statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sample,
    Population,
}

impl Kind {
    fn minimum(self) -> usize {
        match self {
            Kind::Sample => 2,
            Kind::Population => 1,
        }
    }

    fn divisor(self, n: u64) -> u64 {
        match self {
            Kind::Sample => n - 1,
            Kind::Population => n,
        }
    }

    fn variance_function(self) -> Function {
        match self {
            Kind::Sample => Function::Variance,
            Kind::Population => Function::Pvariance,
        }
    }

    fn stdev_function(self) -> Function {
        match self {
            Kind::Sample => Function::Stdev,
            Kind::Population => Function::Pstdev,
        }
    }
}

/// `statistics.variance(data)`.
pub fn variance<T: Sample>(data: &[T], profile: Profile) -> Result<Number> {
    variance_kind(
        data,
        &Summary::of(data, true),
        profile,
        Kind::Sample,
        Kind::Sample.variance_function(),
    )
}

/// `statistics.pvariance(data)`.
pub fn pvariance<T: Sample>(data: &[T], profile: Profile) -> Result<Number> {
    let kind = Kind::Population;
    variance_kind(
        data,
        &Summary::of(data, true),
        profile,
        kind,
        kind.variance_function(),
    )
}

/// `statistics.stdev(data)`.
pub fn stdev<T: Sample>(data: &[T], profile: Profile) -> Result<f64> {
    stdev_with(data, &Summary::of(data, true), profile)
}

/// `statistics.pstdev(data)`.
pub fn pstdev<T: Sample>(data: &[T], profile: Profile) -> Result<f64> {
    stdev_kind(data, &Summary::of(data, true), profile, Kind::Population)
}

/// `stdev` from a summary already taken (with squares) of the same data.
pub fn stdev_with<T: Sample>(data: &[T], summary: &Summary, profile: Profile) -> Result<f64> {
    stdev_kind(data, summary, profile, Kind::Sample)
}

fn too_few(function: Function, kind: Kind, got: usize) -> StatsError {
    match kind {
        Kind::Sample => StatsError::TooFewPoints {
            function,
            required: 2,
            got,
        },
        Kind::Population => StatsError::NoData { function },
    }
}

/// `variance`/`pvariance`; `function` names the function CPython's message names (3.8–3.10's
/// `stdev` reports itself as `variance`).
fn variance_kind<T: Sample>(
    data: &[T],
    summary: &Summary,
    profile: Profile,
    kind: Kind,
    function: Function,
) -> Result<Number> {
    let n = data.len();
    if profile < Profile::Py311 && n < kind.minimum() {
        // 3.8–3.10 check the length before `_ss`.
        return Err(too_few(function, kind, n));
    }
    let ss = sum_of_squares(data, summary, profile)?;
    if n < kind.minimum() {
        return Err(too_few(function, kind, n));
    }
    convert(&ss, kind.divisor(n as u64))
}

fn stdev_kind<T: Sample>(
    data: &[T],
    summary: &Summary,
    profile: Profile,
    kind: Kind,
) -> Result<f64> {
    if profile < Profile::Py311 {
        // `math.sqrt(variance(data))`
        let var = variance_kind(data, summary, profile, kind, kind.variance_function())?;
        return math_sqrt(&var);
    }
    let n = data.len();
    let ss = sum_of_squares(data, summary, profile)?;
    if n < kind.minimum() {
        return Err(too_few(kind.stdev_function(), kind, n));
    }
    match ss {
        SumOfSquares::Float(_) => Err(StatsError::NonFiniteNoNumerator),
        SumOfSquares::Exact { ss, .. } => {
            let mss = ss.div_int(kind.divisor(n as u64));
            let num = mss.num.magnitude();
            crate::exact::rounding::sqrt_ratio_to_f64(num, &mss.den)
                .ok_or(StatsError::Overflow(crate::error::Overflow::IntDivision))
        }
    }
}

/// `_convert(ss / divisor, T)`.
fn convert(ss: &SumOfSquares, divisor: u64) -> Result<Number> {
    match ss {
        SumOfSquares::Float(f) => Ok(Number::Float(f / divisor as f64)),
        SumOfSquares::Exact { ss, int_type } => {
            crate::summary::convert_ratio(&ss.div_int(divisor), *int_type)
        }
    }
}

/// `math.sqrt(x)` of a float or int.
fn math_sqrt(x: &Number) -> Result<f64> {
    let f = arith::to_float(x)?;
    if f < 0.0 {
        return Err(StatsError::Unsupported {
            reason: "math.sqrt of a negative variance",
        });
    }
    Ok(f.sqrt())
}

/// `_ss(data)` of the profile's CPython.
pub fn sum_of_squares<T: Sample>(
    data: &[T],
    summary: &Summary,
    profile: Profile,
) -> Result<SumOfSquares> {
    let moments = summary.moments();
    let n = moments.count();
    match profile {
        Profile::Py38 => sum_of_squares_py38(data, summary),
        Profile::Py310 | Profile::Py311 | Profile::Py313 => {
            if let Some(total) = moments.non_finite() {
                if profile == Profile::Py310 {
                    // `(total / count).as_integer_ratio()`
                    let nan = (total / n as f64).is_nan();
                    return Err(StatsError::NonFiniteRatio { nan });
                }
                return Ok(SumOfSquares::Float(total));
            }
            Ok(SumOfSquares::Exact {
                ss: exact_ss(&moments.sum(), &moments.sum_of_squares(), n),
                int_type: !summary.any_float(),
            })
        }
    }
}

/// `(n·Σx² − (Σx)²) / n`, exactly (zero for no data).
fn exact_ss(sum: &Dyadic, sum_sq: &Dyadic, n: u64) -> Ratio {
    if n == 0 {
        return Dyadic::zero().to_ratio();
    }
    let numerator = sum_sq.mul_int(&BigInt::from(n)).add(&sum.mul(sum).neg());
    numerator.to_ratio().div_int(n)
}

/// CPython 3.8–3.9's `_ss`: deviations from the rounded mean, one Python operation at a time.
fn sum_of_squares_py38<T: Sample>(data: &[T], summary: &Summary) -> Result<SumOfSquares> {
    let c = summary.mean()?;
    let n = data.len() as u64;
    let mut squares = Moments::new(false);
    let mut deviations = Moments::new(false);
    let mut any_float = false;
    for x in data {
        let d = arith::sub(&x.to_number(), &c)?;
        let sq = arith::square(&d)?;
        any_float |= sq.is_float();
        squares.add(sq.parts());
        deviations.add(d.parts());
    }
    if let Some(total) = squares.non_finite() {
        // total -= total2 ** 2 / len(data), in floats.
        let correction = match deviations.non_finite() {
            Some(total2) => arith::float_square(total2)? / n as f64,
            None => {
                let s = deviations.sum();
                convert_float(&s.mul(&s).to_ratio().div_int(n))?
            }
        };
        let total = total - correction;
        if total < 0.0 {
            return Err(StatsError::NegativeSumOfSquares { total });
        }
        return Ok(SumOfSquares::Float(total));
    }
    let ss = exact_ss(&deviations.sum(), &squares.sum(), n);
    if ss.is_negative() {
        return Err(StatsError::NegativeSumOfSquares {
            total: ss.to_f64().unwrap_or(f64::NEG_INFINITY),
        });
    }
    Ok(SumOfSquares::Exact {
        ss,
        int_type: !any_float,
    })
}

fn convert_float(r: &Ratio) -> Result<f64> {
    r.to_f64()
        .ok_or(StatsError::Overflow(crate::error::Overflow::IntDivision))
}
