//! One pass over the data: exact Σx (and Σx²), the count, and whether any value is a float —
//! everything `mean`, `variance` and `stdev` need, so `compute_stats` reads the data once.
//!
//! ```
//! use rstats::summary::Summary;
//! use rstats::Number;
//! let s = Summary::of(&[1i64, 2, 3, 4], false);
//! assert_eq!(s.mean().unwrap(), Number::Float(2.5));
//! ```

use crate::error::{Function, Overflow, Result, StatsError};
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
    pub fn of<T: Sample>(data: &[T], squares: bool) -> Summary {
        let mut moments = Moments::new(squares);
        let mut any_float = false;
        for x in data {
            moments.add(x.parts());
            any_float |= x.is_float();
        }
        Summary { moments, any_float }
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
        let n = self.moments.count();
        if n == 0 {
            return Err(StatsError::NoData {
                function: Function::Mean,
            });
        }
        if let Some(total) = self.moments.non_finite() {
            return Ok(Number::Float(total / n as f64));
        }
        convert_ratio(&self.moments.sum().to_ratio().div_int(n), !self.any_float)
    }
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
