//! One pass over the data: exact Σx (and Σx²), the count, and whether any value is a float —
//! everything `mean`, `variance` and `stdev` need, so `compute_stats` reads the data once.
//!
//! ```
//! use rstats::internals::summary::Summary;
//! use rstats::Number;
//! let s = Summary::of(&[1i64, 2, 3, 4], false);
//! assert_eq!(s.mean().unwrap(), Number::Float(2.5));
//! ```

use crate::error::{Function, Overflow, Result, StatsError};
use crate::exact::wide::{NARROW_WORDS, WIDE_WORDS};
use crate::exact::wide_sums::{IntQuotient, WideDyadic};
use crate::exact::{Moments, Ratio};
use crate::number::Number;
use crate::sample::Sample;

/// Exact sums of a data set and CPython's result type for them.
#[derive(Clone)]
pub struct Summary {
    moments: Moments,
    any_float: bool,
}

impl Summary {
    /// Sums `data` (and the squares, when `squares`).
    #[inline]
    pub fn of<T: Sample>(data: &[T], squares: bool) -> Summary {
        // Built in place (the sums are a few hundred bytes: no copy after the loop).
        let mut summary = Summary {
            moments: Moments::new(squares),
            any_float: false,
        };
        for x in data {
            summary.moments.add(x.parts());
            summary.any_float |= x.is_float();
        }
        summary
    }

    /// The sums.
    pub fn moments(&self) -> &Moments {
        &self.moments
    }

    /// True when CPython's result type `T` is `float` (some value is a float).
    pub fn any_float(&self) -> bool {
        self.any_float
    }

    /// `statistics.mean` of the summed data: `_convert(total / n, T)`.
    pub fn mean(&self) -> Result<Number> {
        self.mean_from(self.moments.wide_sum().as_ref())
    }

    /// [`Summary::mean`] given the exact Σx in four words, as the caller took it (`None`: it
    /// does not fit; eight words, then the big-integer path, are tried).
    pub(crate) fn mean_from(
        &self,
        narrow_sum: Option<&WideDyadic<NARROW_WORDS>>,
    ) -> Result<Number> {
        let n = self.moments.count();
        if n == 0 {
            return Err(StatsError::NoData {
                function: Function::Mean,
            });
        }
        if let Some(total) = self.moments.non_finite() {
            return Ok(Number::Float(total / n as f64));
        }
        let int_type = !self.any_float;
        let fast = narrow_sum
            .and_then(|sum| convert_wide(sum, n, int_type))
            .or_else(|| {
                let sum = self.moments.wide_sum::<WIDE_WORDS>()?;
                convert_wide(&sum, n, int_type)
            });
        if let Some(mean) = fast {
            return Ok(mean);
        }
        convert_ratio(&self.moments.sum().to_ratio().div_int(n), int_type)
    }
}

/// [`convert_ratio`] of `value / d` from a fixed-width exact value, without the heap; `None`
/// where the big-integer path must decide (a quotient beyond `i64`, an overflow).
pub(crate) fn convert_wide<const W: usize>(
    value: &WideDyadic<W>,
    d: u64,
    int_type: bool,
) -> Option<Number> {
    if int_type {
        match value.int_quotient(d) {
            IntQuotient::Int(i) => return Some(Number::Int(i)),
            IntQuotient::Unknown => return None,
            IntQuotient::NotInt => {}
        }
    }
    value.div_to_f64(d).map(Number::Float)
}

/// CPython's `_convert(value, T)` of an exact fraction: an int when `T` is int and the value is
/// integral, else the correctly rounded float (`OverflowError` beyond the float range).
pub fn convert_ratio(value: &Ratio, int_type: bool) -> Result<Number> {
    if int_type {
        if let Some(i) = value.to_integer() {
            return Ok(Number::from_bigint(i));
        }
    }
    value
        .to_f64()
        .map(Number::Float)
        .ok_or(StatsError::Overflow(Overflow::IntDivision))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `mean` on big integers alone.
    fn big_mean(s: &Summary) -> Result<Number> {
        let n = s.moments.count();
        match s.moments.non_finite() {
            Some(total) => Ok(Number::Float(total / n as f64)),
            None => convert_ratio(&s.moments.sum().to_ratio().div_int(n), !s.any_float),
        }
    }

    fn float() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>(),
            (any::<i32>(), -60i32..60).prop_map(|(m, e)| f64::from(m) * 2f64.powi(e)),
            Just(-0.0),
            Just(5e-324),
            Just(f64::MAX),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn float_means_match_big_integers(data in prop::collection::vec(float(), 1..12)) {
            let s = Summary::of(&data, false);
            prop_assert_eq!(format!("{:?}", s.mean()), format!("{:?}", big_mean(&s)));
        }

        #[test]
        fn int_means_match_big_integers(
            data in prop::collection::vec(prop_oneof![any::<i64>(), -20i64..20], 1..12),
        ) {
            let s = Summary::of(&data, false);
            prop_assert_eq!(format!("{:?}", s.mean()), format!("{:?}", big_mean(&s)));
        }
    }
}
