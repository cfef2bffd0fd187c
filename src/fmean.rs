//! `statistics.fmean(data)`: the data converted to floats one by one, summed by `math.fsum`, and
//! divided by the count, the same code in every CPython 3.8–3.13 (read from each
//! `statistics.py`). The `weights` form (3.11+) sums the products with `fsum` in 3.11
//! ([`fmean_weighted_by_fsum`]) and with `math.sumprod` from 3.12
//! ([`fmean_weighted_by_sumprod`]).
//!
//! ```
//! use rstats::{fmean, Number};
//! assert_eq!(fmean(&[3.5f64, 4.0, 5.25]), Ok(4.25));
//! // The talk's data: fsum is exact, then one division.
//! assert_eq!(fmean(&[1i64, 3, 5, 7, 9, 10, 13, 84, 528]), Ok(73.33333333333333));
//! assert_eq!(
//!     fmean::<f64>(&[]).unwrap_err().to_string(),
//!     "fmean requires at least one data point"
//! );
//! ```

use crate::arith::{mul, to_float, true_div};
use crate::error::{Function, Result, StatsError};
use crate::fsum::fsum;
use crate::number::Number;
use crate::sample::Sample;
use crate::sumprod::{sumprod, SumprodError};

/// `statistics.fmean(data)`: `fsum(data) / len(data)`, raising what CPython raises first (a
/// value that is no float, then the sum's own exceptions, then empty data).
pub fn fmean<T: Sample>(data: &[T]) -> Result<f64> {
    let total = fsum(data.iter().map(|x| to_float(&x.to_number())))?;
    if data.is_empty() {
        return Err(StatsError::NoData {
            function: Function::Fmean,
        });
    }
    // `total / n`: Python's float / int converts n (exactly: n < 2^53) and divides once.
    Ok(total / data.len() as f64)
}

/// `statistics.fmean(data, weights)` as CPython 3.11 computes it: `fsum(map(mul, data,
/// weights))` (Python's `*`, then each product as a float), then the lengths, then
/// `fsum(weights)`, which must not be zero.
pub fn fmean_weighted_by_fsum(data: &[Number], weights: &[Number]) -> Result<f64> {
    let products = data.iter().zip(weights).map(|(x, w)| to_float(&mul(x, w)?));
    let num = fsum(products)?;
    if data.len() != weights.len() {
        return Err(StatsError::WeightsLength);
    }
    let den = fsum(weights.iter().map(to_float))?;
    if den == 0.0 {
        return Err(StatsError::ZeroSumOfWeights);
    }
    Ok(num / den)
}

/// `statistics.fmean(data, weights)` as CPython 3.12+ computes it: `math.sumprod(data,
/// weights)` (its length error becomes the `StatisticsError`), then `fsum(weights)`, which must
/// not be zero, then Python's `num / den` (an int numerator is converted to a float).
pub fn fmean_weighted_by_sumprod(data: &[Number], weights: &[Number]) -> Result<f64> {
    let num = sumprod(data, weights).map_err(|e| match e {
        SumprodError::Length => StatsError::WeightsLength,
        SumprodError::Arithmetic(e) => e,
    })?;
    let den = fsum(weights.iter().map(to_float))?;
    if den == 0.0 {
        return Err(StatsError::ZeroSumOfWeights);
    }
    true_div(&num, &Number::Float(den))
}
