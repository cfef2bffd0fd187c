//! What the statistics functions need from one data point, for each way data can arrive:
//! `f64` (a float array), `i64` (an int array) or [`Number`] (a Python list of anything numeric).
//!
//! The functions are generic over [`Sample`], so a float array is summed, compared and selected
//! as plain `f64` with no conversion, while a mixed list gets Python's int/float rules.
//!
//! ```
//! use rstats::{mean, Number};
//! assert_eq!(mean(&[1.0f64, 2.0, 4.0]).unwrap(), Number::Float(2.3333333333333335));
//! assert_eq!(mean(&[1i64, 2, 3]).unwrap(), Number::Int(2));
//! ```

use crate::exact::rounding::int_to_f64;
use crate::exact::Parts;
use crate::number::Number;
use num_bigint::Sign;
use std::cmp::Ordering;

/// One data point of a statistics function.
pub trait Sample: Clone {
    /// True when order statistics may be taken by selection (`select_nth_unstable`) instead of a
    /// stable sort: equal values of the type are indistinguishable (apart from ±0.0, which the
    /// callers check).
    const SELECTABLE: bool;

    /// The value taken apart for exact sums.
    fn parts(&self) -> Parts<'_>;
    /// True for a Python float.
    fn is_float(&self) -> bool;
    /// True for a float NaN.
    fn is_nan(&self) -> bool;
    /// True for a float zero with the sign bit set.
    fn is_negative_zero(&self) -> bool;
    /// True for a float zero without the sign bit.
    fn is_positive_zero(&self) -> bool;
    /// The value as a [`Number`].
    fn to_number(&self) -> Number;
    /// Python's ordering; the callers never pass a NaN (treated as equal to everything).
    fn py_cmp(&self, other: &Self) -> Ordering;
    /// The value rounded to the nearest float (`float(x)`; a float is its own key, an int beyond
    /// the float range ±inf): when `a.py_cmp(b)` is `Less`, `a.order_key() <= b.order_key()`.
    /// Sorting on `(key, position)` pairs is cache friendly; equal keys fall back to `py_cmp`.
    fn order_key(&self) -> f64;
    /// For types ordered like an unsigned integer key (`f64` without NaN, `i64`): that key, in the
    /// values' order (`-0.0` below `0.0`, distinct values apart), so that order statistics can be
    /// found by counting ([`crate::bucket_select`]); `None` for the others.
    #[inline]
    fn radix_key(&self) -> Option<u64> {
        None
    }
}

impl Sample for f64 {
    const SELECTABLE: bool = true;

    #[inline]
    fn parts(&self) -> Parts<'_> {
        Parts::from_f64(*self)
    }
    #[inline]
    fn is_float(&self) -> bool {
        true
    }
    #[inline]
    fn is_nan(&self) -> bool {
        f64::is_nan(*self)
    }
    #[inline]
    fn is_negative_zero(&self) -> bool {
        *self == 0.0 && self.is_sign_negative()
    }
    #[inline]
    fn is_positive_zero(&self) -> bool {
        *self == 0.0 && self.is_sign_positive()
    }
    fn to_number(&self) -> Number {
        Number::Float(*self)
    }
    #[inline]
    fn py_cmp(&self, other: &f64) -> Ordering {
        self.partial_cmp(other).unwrap_or(Ordering::Equal)
    }
    #[inline]
    fn order_key(&self) -> f64 {
        *self
    }
    #[inline]
    fn radix_key(&self) -> Option<u64> {
        // IEEE order as unsigned order: negatives flipped, positives above them (-0.0 just
        // below 0.0; NaN, which the callers exclude, at the ends).
        let bits = self.to_bits();
        Some(if bits >> 63 == 1 {
            !bits
        } else {
            bits | 1 << 63
        })
    }
}

impl Sample for i64 {
    const SELECTABLE: bool = true;

    #[inline]
    fn parts(&self) -> Parts<'_> {
        Parts::from_i64(*self)
    }
    #[inline]
    fn is_float(&self) -> bool {
        false
    }
    #[inline]
    fn is_nan(&self) -> bool {
        false
    }
    #[inline]
    fn is_negative_zero(&self) -> bool {
        false
    }
    #[inline]
    fn is_positive_zero(&self) -> bool {
        false
    }
    fn to_number(&self) -> Number {
        Number::Int(*self)
    }
    #[inline]
    fn py_cmp(&self, other: &i64) -> Ordering {
        self.cmp(other)
    }
    #[inline]
    fn order_key(&self) -> f64 {
        // Round to nearest: monotone, so it never reverses two ints' order.
        *self as f64
    }
    #[inline]
    fn radix_key(&self) -> Option<u64> {
        Some((*self as u64) ^ 1 << 63)
    }
}

impl Sample for Number {
    const SELECTABLE: bool = false;

    #[inline]
    fn parts(&self) -> Parts<'_> {
        match self {
            Number::Int(i) => Parts::from_i64(*i),
            Number::Bool(b) => Parts::from_i64(i64::from(*b)),
            Number::BigInt(b) => Parts::Big(b),
            Number::Float(x) => Parts::from_f64(*x),
        }
    }
    #[inline]
    fn is_float(&self) -> bool {
        Number::is_float(self)
    }
    #[inline]
    fn is_nan(&self) -> bool {
        Number::is_nan(self)
    }
    #[inline]
    fn is_negative_zero(&self) -> bool {
        matches!(self, Number::Float(x) if x.is_negative_zero())
    }
    #[inline]
    fn is_positive_zero(&self) -> bool {
        matches!(self, Number::Float(x) if x.is_positive_zero())
    }
    fn to_number(&self) -> Number {
        self.clone()
    }
    #[inline]
    fn py_cmp(&self, other: &Number) -> Ordering {
        Number::py_cmp(self, other).unwrap_or(Ordering::Equal)
    }
    #[inline]
    fn order_key(&self) -> f64 {
        match self {
            Number::Int(i) => *i as f64,
            Number::Bool(b) => f64::from(u8::from(*b)),
            // Correctly rounded, so monotone; beyond the float range, beyond every finite float.
            Number::BigInt(b) => int_to_f64(b).unwrap_or(if b.sign() == Sign::Minus {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }),
            Number::Float(x) => *x,
        }
    }
}
