//! `variance`, `stdev`, `pvariance`, `pstdev`: the sum of squared deviations as each CPython family
//! computes it, then CPython's conversions.
//!
//! Which of these a [`Profile`] computes follows from its [`Behaviour`]s:
//!
//! * 3.11+ ([`Behaviour::CorrectlyRoundedStdev`]): `ss = (n·Σx² − (Σx)²) / n` exactly;
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
use crate::exact::wide::{NARROW_WORDS, WIDE_WORDS};
use crate::exact::wide_sums::{ss_numerator, WideDyadic};
use crate::exact::{Dyadic, Moments, Ratio};
use crate::number::Number;
use crate::profile::{Behaviour, Profile};
use crate::sample::Sample;
use crate::summary::{convert_wide, Summary};
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
    stdev_kind(
        data,
        &Summary::of(data, true),
        profile,
        Kind::Population,
        None,
    )
}

/// `stdev` from a summary already taken (with squares) of the same data.
pub fn stdev_with<T: Sample>(data: &[T], summary: &Summary, profile: Profile) -> Result<f64> {
    stdev_kind(data, summary, profile, Kind::Sample, None)
}

/// [`stdev_with`] given the summary's exact Σx as [`Moments::wide_sum`] gives it, when the
/// caller has it already (as `compute_stats` does for the mean).
pub(crate) fn stdev_with_sum<T: Sample>(
    data: &[T],
    summary: &Summary,
    profile: Profile,
    wide_sum: Option<&WideDyadic<NARROW_WORDS>>,
) -> Result<f64> {
    stdev_kind(data, summary, profile, Kind::Sample, wide_sum)
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
    if !profile.has(Behaviour::SinglePassSumOfSquares) && n < kind.minimum() {
        // 3.8–3.10 check the length before `_ss`.
        return Err(too_few(function, kind, n));
    }
    let int_type = !summary.any_float();
    let fast = wide_spread::<NARROW_WORDS>(summary, profile, kind, n, None)
        .and_then(|(num, d)| convert_wide(&num, d, int_type))
        .or_else(|| {
            let (num, d) = wide_spread::<WIDE_WORDS>(summary, profile, kind, n, None)?;
            convert_wide(&num, d, int_type)
        });
    if let Some(variance) = fast {
        return Ok(variance);
    }
    variance_big(data, summary, profile, kind, function)
}

/// The rest of [`variance_kind`] on big integers: every case the fixed-width path leaves.
fn variance_big<T: Sample>(
    data: &[T],
    summary: &Summary,
    profile: Profile,
    kind: Kind,
    function: Function,
) -> Result<Number> {
    let n = data.len();
    let ss = sum_of_squares(data, summary, profile)?;
    if n < kind.minimum() {
        return Err(too_few(function, kind, n));
    }
    convert(&ss, kind.divisor(n as u64))
}

/// The variance as `num / d` with `num = n·Σx² − (Σx)²` and `d = n · divisor`, from the
/// summary's fixed-width sums (Σx given as `known_sum`, or taken here): for the profiles whose
/// `_ss` is exact (3.10+), enough data points, finite data and sums that fit. `None` sends the
/// caller to the big-integer path, which then also raises whatever is raised.
fn wide_spread<const W: usize>(
    summary: &Summary,
    profile: Profile,
    kind: Kind,
    n: usize,
    known_sum: Option<&WideDyadic<W>>,
) -> Option<(WideDyadic<W>, u64)> {
    let moments = summary.moments();
    if !profile.has(Behaviour::ExactSumOfSquares)
        || moments.non_finite().is_some()
        || n < kind.minimum()
    {
        return None;
    }
    let n = n as u64;
    let d = n.checked_mul(kind.divisor(n))?;
    let taken;
    let sum = match known_sum {
        Some(sum) => sum,
        None => {
            taken = moments.wide_sum()?;
            &taken
        }
    };
    let sum_sq = moments.wide_sum_of_squares()?;
    Some((ss_numerator(sum, &sum_sq, moments.count())?, d))
}

fn stdev_kind<T: Sample>(
    data: &[T],
    summary: &Summary,
    profile: Profile,
    kind: Kind,
    known_sum: Option<&WideDyadic<NARROW_WORDS>>,
) -> Result<f64> {
    if !profile.has(Behaviour::CorrectlyRoundedStdev) {
        // `math.sqrt(variance(data))`
        let var = variance_kind(data, summary, profile, kind, kind.variance_function())?;
        return math_sqrt(&var);
    }
    let n = data.len();
    let fast = wide_spread(summary, profile, kind, n, known_sum)
        .and_then(|(num, d)| num.sqrt_div_to_f64(d))
        .or_else(|| {
            let (num, d) = wide_spread::<WIDE_WORDS>(summary, profile, kind, n, None)?;
            num.sqrt_div_to_f64(d)
        });
    if let Some(stdev) = fast {
        return Ok(stdev);
    }
    stdev_big(data, summary, profile, kind)
}

/// The rest of [`stdev_kind`] (3.11+) on big integers.
fn stdev_big<T: Sample>(
    data: &[T],
    summary: &Summary,
    profile: Profile,
    kind: Kind,
) -> Result<f64> {
    let n = data.len();
    let ss = sum_of_squares(data, summary, profile)?;
    if n < kind.minimum() {
        return Err(too_few(kind.stdev_function(), kind, n));
    }
    match ss {
        SumOfSquares::Float(_) if profile.has(Behaviour::NonFiniteStdevValueError) => {
            Err(StatsError::NonFiniteStdev)
        }
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
    if !profile.has(Behaviour::ExactSumOfSquares) {
        return sum_of_squares_py38(data, summary);
    }
    if let Some(total) = moments.non_finite() {
        if !profile.has(Behaviour::SinglePassSumOfSquares) {
            // 3.10: `(total / count).as_integer_ratio()`
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

/// The error CPython 3.8–3.9's `_ss` meets first when it iterates the data **in sorted order**
/// (as `stats_py`'s `statistics.stdev(sorted(numbers))` does): `(x - c) ** 2` for each `x`, the
/// first value that fails deciding the exception (`int too large to convert to float` for an
/// int beyond the float range, `(34, 'Numerical result out of range')` for a square that
/// overflows). `None` when no value fails (the error, if any, comes from elsewhere and does not
/// depend on the order).
///
/// [`sum_of_squares_py38`] iterates the data in the order it is given; this is only asked
/// after that failed, so the usual path sorts nothing.
pub(crate) fn py38_first_failure_in_sorted_order<T: Sample>(
    data: &[T],
    summary: &Summary,
) -> Option<StatsError> {
    let c = summary.mean().ok()?;
    let mut first: Option<(&T, StatsError)> = None;
    for x in data {
        let failure = match arith::sub(&x.to_number(), &c) {
            Ok(d) => arith::square(&d).err(),
            Err(e) => Some(e),
        };
        let Some(e) = failure else { continue };
        // `sorted()` is stable: an equal value that came earlier stays first.
        if first
            .as_ref()
            .map_or(true, |(y, _)| x.py_cmp(y) == std::cmp::Ordering::Less)
        {
            first = Some((x, e));
        }
    }
    first.map(|(_, e)| e)
}

fn convert_float(r: &Ratio) -> Result<f64> {
    r.to_f64()
        .ok_or(StatsError::Overflow(crate::error::Overflow::IntDivision))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `stdev`/`pstdev` of data with inf or nan: `AttributeError` before gh-140938 (CPython
    /// 3.11.7, 3.13.0, 3.14.0), `ValueError` from 3.13.10, 3.14.1 and 3.15.0. Expected outcomes
    /// as CPython 3.13.0 and 3.13.15/3.14.8/3.15.0 print them for `[1.0, inf]` and `[1, nan, 2]`.
    #[test]
    fn non_finite_stdev_raises_what_the_release_raises() {
        use crate::error::PyExceptionKind;
        let inf = [1.0, f64::INFINITY];
        let nan = [1.0, f64::NAN, 2.0];
        for (release, kind, message) in [
            (
                "3.11.7",
                PyExceptionKind::AttributeError,
                "'float' object has no attribute 'numerator'",
            ),
            (
                "3.13.0",
                PyExceptionKind::AttributeError,
                "'float' object has no attribute 'numerator'",
            ),
            (
                "3.13.9",
                PyExceptionKind::AttributeError,
                "'float' object has no attribute 'numerator'",
            ),
            (
                "3.14.0",
                PyExceptionKind::AttributeError,
                "'float' object has no attribute 'numerator'",
            ),
            (
                "3.13.15",
                PyExceptionKind::ValueError,
                "inf or nan encountered in data",
            ),
            (
                "3.14.8",
                PyExceptionKind::ValueError,
                "inf or nan encountered in data",
            ),
            (
                "3.15.0",
                PyExceptionKind::ValueError,
                "inf or nan encountered in data",
            ),
        ] {
            let profile: Profile = release.parse().unwrap();
            for data in [&inf[..], &nan[..]] {
                for result in [stdev(data, profile), pstdev(data, profile)] {
                    let err = result.expect_err(release);
                    assert_eq!(err.exception(), kind, "{release} {data:?}");
                    assert_eq!(err.to_string(), message, "{release} {data:?}");
                }
            }
            // `variance` does not change: inf (CPython: `variance([1.0, inf])` is `inf`).
            assert_eq!(variance(&inf, profile), Ok(Number::Float(f64::INFINITY)));
        }
    }

    /// Floats whose exponents stay within `spread` binades of each other (a small spread keeps the
    /// fixed-width path, a large one forces the big-integer fallback), with zeros, subnormals and
    /// the odd non-finite value.
    fn floats(spread: i32) -> impl Strategy<Value = Vec<f64>> {
        let value = (any::<u64>(), 0..=spread, any::<bool>()).prop_map(|(bits, e, neg)| {
            let x = f64::from_bits((bits & ((1 << 52) - 1)) | 1 << 62) * 2f64.powi(e);
            if neg {
                -x
            } else {
                x
            }
        });
        let odd = prop_oneof![
            Just(0.0),
            Just(-0.0),
            Just(5e-324),
            Just(-2.2e-308),
            Just(1.7e308),
            Just(f64::INFINITY),
            Just(f64::NAN),
        ];
        (
            -1100..1000i32,
            prop::collection::vec(prop_oneof![8 => value, 1 => odd], 0..12),
        )
            .prop_map(|(base, xs)| {
                xs.into_iter()
                    .map(|x| {
                        if x.is_finite() {
                            x * 2f64.powi(base.min(1000 - 2 * 60))
                        } else {
                            x
                        }
                    })
                    .collect()
            })
    }

    fn ints() -> impl Strategy<Value = Vec<i64>> {
        prop::collection::vec(
            prop_oneof![
                -1000i64..1000,
                any::<i64>(),
                Just(i64::MIN),
                Just(i64::MAX),
                (any::<i32>()).prop_map(i64::from),
            ],
            0..12,
        )
    }

    /// Every variance and stdev of `data` through the fixed-width path and through the
    /// big-integer path alone, as text (results and errors).
    fn both_paths<T: Sample>(data: &[T]) -> (Vec<String>, Vec<String>) {
        let summary = Summary::of(data, true);
        let (mut fast, mut big) = (Vec::new(), Vec::new());
        for profile in Profile::ALL.into_iter().skip(1) {
            for kind in [Kind::Sample, Kind::Population] {
                let f = kind.variance_function();
                fast.push(format!(
                    "{:?}",
                    variance_kind(data, &summary, profile, kind, f)
                ));
                big.push(format!(
                    "{:?}",
                    if !profile.has(Behaviour::SinglePassSumOfSquares)
                        && data.len() < kind.minimum()
                    {
                        Err(too_few(f, kind, data.len()))
                    } else {
                        variance_big(data, &summary, profile, kind, f)
                    }
                ));
                if profile.has(Behaviour::CorrectlyRoundedStdev) {
                    fast.push(format!(
                        "{:?}",
                        stdev_kind(data, &summary, profile, kind, None)
                    ));
                    big.push(format!("{:?}", stdev_big(data, &summary, profile, kind)));
                }
            }
        }
        (fast, big)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn fixed_width_floats_match_big_integers(data in floats(60)) {
            let (fast, big) = both_paths(&data);
            prop_assert_eq!(fast, big);
        }

        #[test]
        fn wide_float_ranges_match_big_integers(data in floats(2000)) {
            let (fast, big) = both_paths(&data);
            prop_assert_eq!(fast, big);
        }

        #[test]
        fn fixed_width_ints_match_big_integers(data in ints()) {
            let (fast, big) = both_paths(&data);
            prop_assert_eq!(fast, big);
        }
    }

    /// The fixed-width path serves every profile whose `_ss` is exact (3.10 on) from the
    /// smallest length each kind accepts (one value for the population, two for the sample).
    #[test]
    fn fixed_width_path_starts_at_3_10_and_the_minimum_length() {
        let data = [3.0f64, 7.5, -2.0];
        for profile in Profile::ALL {
            for kind in [Kind::Sample, Kind::Population] {
                let n = kind.minimum();
                let summary = Summary::of(&data[..n], true);
                let fast = wide_spread::<NARROW_WORDS>(&summary, profile, kind, n, None);
                assert_eq!(
                    fast.is_some(),
                    profile.has(Behaviour::ExactSumOfSquares),
                    "{profile} {kind:?}, {n} values"
                );
            }
        }
    }

    #[test]
    fn narrow_data_takes_the_fixed_width_path() {
        let talk = [1.0f64, 3.0, 5.0, 7.0, 9.0, 10.0, 13.0, 84.0, 528.0];
        let summary = Summary::of(&talk, true);
        assert!(wide_spread::<NARROW_WORDS>(
            &summary,
            Profile::Py311,
            Kind::Sample,
            talk.len(),
            None
        )
        .is_some());
        let wide = [1e-300f64, 1e300];
        let summary = Summary::of(&wide, true);
        assert!(wide_spread::<WIDE_WORDS>(
            &summary,
            Profile::Py311,
            Kind::Sample,
            wide.len(),
            None
        )
        .is_none());
        assert_eq!(
            stdev(&wide, Profile::Py311).ok(),
            Some(7.071067811865476e299)
        );
    }
}
