//! `math.sumprod(p, q)` (CPython 3.12+), step for step as `Modules/mathmodule.c` computes it:
//! exact machine-int products while they fit, then float and int/float products accumulated in
//! triple length (Ogita, Rump and Oishi's `SumKVert`, K = 3, with an exact `fma` product) while
//! the total stays finite, then Python's own `+` and `*` for the rest. Each path, once left, is
//! never taken again, and its total joins the running Python total when it is left — so the
//! result (an int or a float) and its last bit depend on where the types change, as in CPython.
//!
//! ```
//! use rstats::internals::sumprod::sumprod;
//! use rstats::Number;
//! let p = [Number::Float(0.1), Number::Float(0.2), Number::Float(0.3)];
//! let q = [Number::Int(1), Number::Int(1), Number::Int(1)];
//! // Triple-length accumulation: the exact sum of 0.1, 0.2 and 0.3, rounded once.
//! assert_eq!(sumprod(&p, &q), Ok(Number::Float(0.6)));
//! assert_eq!(sumprod(&q, &q), Ok(Number::Int(3)));
//! ```

use crate::arith::{add, mul};
use crate::error::StatsError;
use crate::number::Number;

/// A double-length value `hi + lo`.
#[derive(Clone, Copy)]
struct DoubleLength {
    hi: f64,
    lo: f64,
}

/// A triple-length value `hi + lo + tiny`.
#[derive(Clone, Copy)]
struct TripleLength {
    hi: f64,
    lo: f64,
    tiny: f64,
}

const TL_ZERO: TripleLength = TripleLength {
    hi: 0.0,
    lo: 0.0,
    tiny: 0.0,
};

/// Algorithm 3.1: the error-free transformation of a sum.
fn dl_sum(a: f64, b: f64) -> DoubleLength {
    let x = a + b;
    let z = x - a;
    let y = (a - (x - z)) + (b - z);
    DoubleLength { hi: x, lo: y }
}

/// Algorithm 3.5: the error-free transformation of a product, through a fused multiply-add
/// (one rounding, as C's `fma`).
fn dl_mul(x: f64, y: f64) -> DoubleLength {
    let z = x * y;
    let zz = x.mul_add(y, -z);
    DoubleLength { hi: z, lo: zz }
}

/// Algorithm 5.10 with SumKVert for K = 3.
fn tl_fma(x: f64, y: f64, total: TripleLength) -> TripleLength {
    let pr = dl_mul(x, y);
    let sm = dl_sum(total.hi, pr.hi);
    let r1 = dl_sum(total.lo, pr.lo);
    let r2 = dl_sum(r1.hi, sm.lo);
    TripleLength {
        hi: sm.hi,
        lo: r2.hi,
        tiny: total.tiny + r1.lo + r2.lo,
    }
}

fn tl_to_d(total: TripleLength) -> f64 {
    let last = dl_sum(total.lo, total.hi);
    total.tiny + last.lo + last.hi
}

/// What `math.sumprod` refuses.
#[derive(Debug, Clone, PartialEq)]
pub enum SumprodError {
    /// `ValueError('Inputs are not the same length')`, raised when the shorter input ends.
    Length,
    /// An exception of Python's `+` or `*` on the way (an int too large for a float).
    Arithmetic(StatsError),
}

impl From<StatsError> for SumprodError {
    fn from(e: StatsError) -> SumprodError {
        SumprodError::Arithmetic(e)
    }
}

/// An exact int (`PyLong_CheckExact`: not a bool) as a C long, if it is one and fits.
fn as_long(x: &Number) -> Option<i64> {
    match x {
        Number::Int(i) => Some(*i),
        _ => None,
    }
}

/// The pair as the float path reads it: float × float, or a float with an exact int or a bool
/// (`PyLong_AsDouble`; an int beyond the float range leaves the float path).
fn float_pair(p: &Number, q: &Number) -> Option<(f64, f64)> {
    let int_as_double = |x: &Number| -> Option<f64> {
        match x {
            Number::Int(i) => Some(*i as f64),
            Number::Bool(b) => Some(f64::from(u8::from(*b))),
            Number::BigInt(b) => crate::arith::to_float(&Number::BigInt(b.clone())).ok(),
            Number::Float(_) => None,
        }
    };
    match (p, q) {
        (Number::Float(x), Number::Float(y)) => Some((*x, *y)),
        (Number::Float(x), other) => int_as_double(other).map(|y| (*x, y)),
        (other, Number::Float(y)) => int_as_double(other).map(|x| (x, *y)),
        _ => None,
    }
}

/// `math.sumprod(p, q)`.
pub fn sumprod(p: &[Number], q: &[Number]) -> std::result::Result<Number, SumprodError> {
    let mut total = Number::Int(0);
    let mut int_path = true;
    let mut int_total: i64 = 0;
    let mut int_in_use = false;
    let mut flt_path = true;
    let mut flt_total = TL_ZERO;
    let mut flt_in_use = false;
    let mut i = 0usize;
    loop {
        let (pi, qi) = (p.get(i), q.get(i));
        if pi.is_none() != qi.is_none() {
            return Err(SumprodError::Length);
        }
        let pair = pi.zip(qi);
        i += 1;
        if int_path {
            if let Some((a, b)) = pair.and_then(|(a, b)| as_long(a).zip(as_long(b))) {
                if let Some(sum) = a.checked_mul(b).and_then(|m| int_total.checked_add(m)) {
                    int_total = sum;
                    int_in_use = true;
                    continue;
                }
            }
            // Finished, an overflow, or not two ints: the int path ends here.
            int_path = false;
            if int_in_use {
                total = add(&total, &Number::Int(int_total))?;
                int_in_use = false;
            }
        }
        if flt_path {
            if let Some((x, y)) = pair.and_then(|(a, b)| float_pair(a, b)) {
                let next = tl_fma(x, y, flt_total);
                if next.hi.is_finite() {
                    flt_total = next;
                    flt_in_use = true;
                    continue;
                }
            }
            // Finished, not a float pair, or a non-finite total: the float path ends here.
            flt_path = false;
            if flt_in_use {
                total = add(&total, &Number::Float(tl_to_d(flt_total)))?;
                flt_in_use = false;
            }
        }
        let Some((a, b)) = pair else {
            return Ok(total);
        };
        total = add(&total, &mul(a, b)?)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_checked_when_the_shorter_input_ends() {
        let two = [Number::Int(1), Number::Int(2)];
        assert_eq!(sumprod(&two, &two[..1]), Err(SumprodError::Length));
        assert_eq!(sumprod(&[], &[]), Ok(Number::Int(0)));
    }

    #[test]
    fn an_int_overflow_moves_to_python_ints() {
        let p = [Number::Int(i64::MAX), Number::Int(2)];
        let q = [Number::Int(2), Number::Int(3)];
        let expected = num_bigint::BigInt::from(i64::MAX) * 2 + 6;
        assert_eq!(sumprod(&p, &q), Ok(Number::from_bigint(expected)));
    }
}
