//! `math.fsum`, step for step as CPython's `Modules/mathmodule.c` computes it (checked bit for
//! bit against the embedded CPython in `tests/fsum_fmean.rs`): Shewchuk's non-overlapping partials, CPython's rules for non-finite summands,
//! and its final half-even correction across partials. Following the same steps gives the same
//! float and the same exceptions, including the ones that depend on the order of the summands
//! (`fsum([1e308, 1e308, -1e308])` overflows; `fsum([1e308, -1e308, 1e308])` does not).
//!
//! ```
//! use rstats::internals::fsum::fsum;
//! use rstats::StatsError;
//! assert_eq!(fsum([0.1; 10].map(Ok)), Ok(1.0));
//! assert_eq!(fsum([1e-16, 1.0, 1e16].map(Ok)), Ok(10000000000000002.0));
//! assert_eq!(
//!     fsum([1e308, 1e308, -1e308].map(Ok)).unwrap_err().to_string(),
//!     "intermediate overflow in fsum"
//! );
//! assert_eq!(
//!     fsum([f64::INFINITY, f64::NEG_INFINITY].map(Ok)).unwrap_err().to_string(),
//!     "-inf + inf in fsum"
//! );
//! ```

use crate::error::{Result, StatsError};

/// How many partials live on the stack before the list moves to the heap (CPython's
/// `NUM_PARTIALS`). Non-overlapping partials of ordinary data rarely number more than a few.
const STACK_PARTIALS: usize = 32;

/// The partials: on the stack up to [`STACK_PARTIALS`], then in a vector grown fallibly.
struct Partials {
    stack: [f64; STACK_PARTIALS],
    heap: Vec<f64>,
    len: usize,
}

impl Partials {
    fn new() -> Partials {
        Partials {
            stack: [0.0; STACK_PARTIALS],
            heap: Vec::new(),
            len: 0,
        }
    }

    fn as_mut_slice(&mut self) -> &mut [f64] {
        if self.heap.is_empty() {
            &mut self.stack[..self.len]
        } else {
            &mut self.heap[..self.len]
        }
    }

    fn get(&self, i: usize) -> f64 {
        if self.heap.is_empty() {
            self.stack[i]
        } else {
            self.heap[i]
        }
    }

    /// `p[len++] = x`; `MemoryError('math.fsum partials')` when no memory is left, as CPython.
    fn push(&mut self, x: f64) -> Result<()> {
        if self.heap.is_empty() && self.len < STACK_PARTIALS {
            self.stack[self.len] = x;
        } else {
            if self.heap.is_empty() {
                self.heap
                    .try_reserve(2 * STACK_PARTIALS)
                    .map_err(|_| StatsError::NoMemory("math.fsum partials"))?;
                self.heap.extend_from_slice(&self.stack[..self.len]);
            }
            self.heap.truncate(self.len);
            self.heap
                .try_reserve(1)
                .map_err(|_| StatsError::NoMemory("math.fsum partials"))?;
            self.heap.push(x);
        }
        self.len += 1;
        Ok(())
    }
}

/// `math.fsum(values)`: the correctly rounded sum, or CPython's exception. The values come as
/// CPython reads them, one at a time (`Err` is the conversion's exception, raised at that point:
/// an int too large for a float, say).
pub fn fsum<I>(values: I) -> Result<f64>
where
    I: IntoIterator<Item = Result<f64>>,
{
    let mut partials = Partials::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    for value in values {
        let mut x = value?;
        let xsave = x;
        let mut i = 0;
        let n = partials.len;
        let p = partials.as_mut_slice();
        for j in 0..n {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.len = i;
        if x != 0.0 {
            if !x.is_finite() {
                // A non-finite x is either an overflow of the running sum or a non-finite
                // summand; CPython tells them apart by the summand.
                if xsave.is_finite() {
                    return Err(StatsError::FsumOverflow);
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.len = 0;
            } else {
                partials.push(x)?;
            }
        }
    }
    if special_sum != 0.0 {
        return if inf_sum.is_nan() {
            Err(StatsError::FsumInfMinusInf)
        } else {
            Ok(special_sum)
        };
    }
    Ok(round_partials(&partials))
}

/// CPython's tail: the partials summed from the top while exact, then the half-even correction
/// (so that `fsum([1e-16, 1, 1e16])` rounds the last digit up to 2).
fn round_partials(partials: &Partials) -> f64 {
    let mut n = partials.len;
    if n == 0 {
        return 0.0;
    }
    n -= 1;
    let mut hi = partials.get(n);
    let mut lo = 0.0f64;
    while n > 0 {
        let x = hi;
        n -= 1;
        let y = partials.get(n);
        hi = x + y;
        let yr = hi - x;
        lo = y - yr;
        if lo != 0.0 {
            break;
        }
    }
    if n > 0 {
        let below = partials.get(n - 1);
        if (lo < 0.0 && below < 0.0) || (lo > 0.0 && below > 0.0) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(values: &[f64]) -> Result<f64> {
        fsum(values.iter().copied().map(Ok))
    }

    #[test]
    fn more_partials_than_the_stack_holds_move_to_the_heap() {
        // Powers of two 2^(60k) never overlap: every one stays a partial of its own.
        let values: Vec<f64> = (0..34).map(|k| 2f64.powi(60 * k - 1000)).collect();
        let total = sum(&values).unwrap();
        assert_eq!(total, values[33] + values[32]);
        let mut back: Vec<f64> = values.iter().rev().copied().collect();
        back.push(-values[33]);
        assert_eq!(sum(&back).unwrap(), values[32] + values[31]);
    }

    #[test]
    fn a_conversion_error_is_raised_where_it_happens() {
        let values = [
            Ok(1e308),
            Err(StatsError::Overflow(crate::Overflow::IntToFloat)),
        ];
        assert_eq!(
            fsum(values),
            Err(StatsError::Overflow(crate::Overflow::IntToFloat))
        );
    }

    #[test]
    fn special_values() {
        assert!(sum(&[f64::NAN, 1.0]).unwrap().is_nan());
        assert_eq!(sum(&[f64::INFINITY, 1.0, 1e308]), Ok(f64::INFINITY));
        assert_eq!(sum(&[]), Ok(0.0));
        assert!(sum(&[-0.0]).unwrap().is_sign_positive());
    }
}
