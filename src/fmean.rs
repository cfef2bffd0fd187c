//! `statistics.fmean(data)`: the data converted to floats one by one, summed by `math.fsum`, and
//! divided by the count, the same in every CPython 3.8–3.15. (The `weights` form of 3.11+ is not
//! computed here yet.)
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

use crate::arith::to_float;
use crate::error::{Function, Result, StatsError};
use crate::fsum::fsum;
use crate::sample::Sample;

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
