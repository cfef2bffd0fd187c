//! Correct rounding of exact rationals to `f64`, as CPython rounds them.
//!
//! CPython's `int / int`, `float(int)` and `float(Fraction)` all give the nearest float, ties to
//! even, and raise `OverflowError` when that nearest float would be 2^1024 or more; 3.11+'s
//! `_float_sqrt_of_frac` gives the correctly rounded square root of a fraction. These functions
//! compute the same values (returning `None` for the overflow).
//!
//! ```
//! use rstats::internals::exact::rounding::{ratio_to_f64, sqrt_ratio_to_f64};
//! use num_bigint::{BigInt, BigUint};
//! assert_eq!(ratio_to_f64(&BigInt::from(660), &BigUint::from(9u32)), Some(73.33333333333333));
//! assert_eq!(sqrt_ratio_to_f64(&BigUint::from(2u32), &BigUint::from(1u32)), Some(2f64.sqrt()));
//! // 2**1024 - 2**970 is halfway between the largest float and 2**1024: it rounds up, overflows.
//! let halfway = (BigInt::from(1) << 1024) - (BigInt::from(1) << 970);
//! assert_eq!(ratio_to_f64(&halfway, &BigUint::from(1u32)), None);
//! ```

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

const MANT_BITS: i64 = 53;
pub(crate) const MIN_EXP: i64 = -1074; // weight of the smallest subnormal's bit

/// The nearest `f64` to `num / den` (ties to even); `None` if it is ±2^1024 or beyond.
/// `den` must be non-zero (a zero denominator gives `None`).
pub fn ratio_to_f64(num: &BigInt, den: &BigUint) -> Option<f64> {
    let magnitude = ratio_magnitude_to_f64(num.magnitude(), den)?;
    Some(if num.sign() == Sign::Minus {
        -magnitude
    } else {
        magnitude
    })
}

/// `float(i)`: the nearest `f64` to an integer; `None` beyond the float range.
pub fn int_to_f64(i: &BigInt) -> Option<f64> {
    if let Some(small) = i.to_i64() {
        // Rust's i64 -> f64 conversion rounds to nearest, ties to even, as CPython's does.
        return Some(small as f64);
    }
    ratio_to_f64(i, &BigUint::from(1u32))
}

/// The nearest `f64` to `a / b` for non-negative integers.
fn ratio_magnitude_to_f64(a: &BigUint, b: &BigUint) -> Option<f64> {
    if b.is_zero() {
        return None;
    }
    if a.is_zero() {
        return Some(0.0);
    }
    let (a_bits, b_bits) = (a.bits() as i64, b.bits() as i64);
    if a_bits <= MANT_BITS && b_bits <= MANT_BITS {
        // Both convert exactly, and IEEE division rounds the quotient once.
        let (x, y) = (a.to_u64()? as f64, b.to_u64()? as f64);
        return Some(x / y);
    }
    // a / b lies in [2^(diff-1), 2^(diff+1)).
    let diff = a_bits - b_bits;
    if diff > 1025 {
        return None;
    }
    if diff < MIN_EXP - 2 {
        return Some(0.0); // below 2^-1075: rounds to zero
    }
    // q = floor(a * 2^s / b) has 56 or 57 bits.
    let shift = 56 - diff;
    let (q, r) = if shift >= 0 {
        (a << shift as usize).div_rem(b)
    } else {
        a.div_rem(&(b << (-shift) as usize))
    };
    round_scaled(q.to_u64()?, shift, !r.is_zero())
}

/// The nearest `f64` to `sqrt(a / b)`; `None` beyond the float range. `b` must be non-zero.
pub fn sqrt_ratio_to_f64(a: &BigUint, b: &BigUint) -> Option<f64> {
    if b.is_zero() {
        return None;
    }
    if a.is_zero() {
        return Some(0.0);
    }
    let diff = a.bits() as i64 - b.bits() as i64;
    // Scale by 4^s so that x = a * 4^s / b >= 2^112 and x < 2^116: its integer square root has
    // 56 to 58 bits, two more than a float's mantissa at least.
    let shift = (113 - diff + 1).div_euclid(2);
    let (x, r) = if shift >= 0 {
        (a << (2 * shift) as usize).div_rem(b)
    } else {
        a.div_rem(&(b << (-2 * shift) as usize))
    };
    let root = x.sqrt();
    let exact = r.is_zero() && &root * &root == x;
    round_scaled(root.to_u64()?, shift, !exact)
}

/// Rounds `(q + f) * 2^-shift` to the nearest `f64`, where `0 <= f < 1` and `inexact` tells
/// whether `f > 0`; `q` must have at least 55 bits so that the guard and sticky bits are in `q`.
pub(crate) fn round_scaled(q: u64, shift: i64, inexact: bool) -> Option<f64> {
    let q_bits = 64 - i64::from(q.leading_zeros());
    let lead_exp = q_bits - 1 - shift;
    let lsb_exp = (lead_exp - (MANT_BITS - 1)).max(MIN_EXP);
    let drop = lsb_exp + shift; // low bits of q to drop (>= 2)
    if drop > 63 {
        return Some(0.0); // q < 2^(drop-1): below half the smallest subnormal
    }
    let drop = drop as u32;
    let mut mant = q >> drop;
    let rem = q & ((1u64 << drop) - 1);
    let half = 1u64 << (drop - 1);
    if rem > half || (rem == half && (inexact || mant & 1 == 1)) {
        mant += 1;
    }
    compose(mant, lsb_exp)
}

/// `mant * 2^exp` as an `f64`, for `mant <= 2^53`, exactly representable unless it overflows.
fn compose(mut mant: u64, mut exp: i64) -> Option<f64> {
    if mant == 0 {
        return Some(0.0);
    }
    if mant == 1 << MANT_BITS {
        mant >>= 1;
        exp += 1;
    }
    if mant < 1 << (MANT_BITS - 1) {
        // Subnormal (exp is MIN_EXP here): the bits are the mantissa itself.
        return Some(f64::from_bits(mant));
    }
    let biased = exp + (MANT_BITS - 1) + 1023;
    if biased >= 0x7FF {
        return None;
    }
    if biased <= 0 {
        // A 53-bit mantissa at MIN_EXP is the smallest normal or more; cannot reach here.
        return Some(f64::from_bits(mant));
    }
    let fraction = mant & ((1 << (MANT_BITS - 1)) - 1);
    Some(f64::from_bits(((biased as u64) << 52) | fraction))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: i128, b: u128) -> Option<f64> {
        ratio_to_f64(&BigInt::from(a), &BigUint::from(b))
    }

    #[test]
    fn small_ratios_match_ieee_division() {
        for a in -50i128..50 {
            for b in 1u128..50 {
                assert_eq!(r(a, b), Some(a as f64 / b as f64), "{a}/{b}");
            }
        }
    }

    #[test]
    fn large_ratios_are_correctly_rounded() {
        // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: ties to even.
        assert_eq!(r((1 << 53) + 1, 1), Some(9007199254740992.0));
        assert_eq!(r((1 << 53) + 3, 1), Some(9007199254740996.0));
        // Just above the tie rounds up.
        assert_eq!(r((1 << 54) + 3, 2), Some(9007199254740994.0));
    }

    #[test]
    fn subnormals_and_underflow() {
        let one = BigInt::from(1);
        let den = |e: usize| BigUint::from(1u32) << e;
        assert_eq!(ratio_to_f64(&one, &den(1074)), Some(f64::from_bits(1)));
        assert_eq!(ratio_to_f64(&one, &den(1075)), Some(0.0)); // tie to even: zero
        assert_eq!(
            ratio_to_f64(&BigInt::from(3), &den(1076)),
            Some(f64::from_bits(1))
        );
        assert_eq!(ratio_to_f64(&one, &den(1022)), Some(f64::MIN_POSITIVE));
    }

    #[test]
    fn sqrt_matches_hardware_sqrt_on_floats() {
        for x in [2.0f64, 3.0, 0.5, 1e300, 1e-300, 5e-324, 123456.789] {
            let (m, e) = (x.to_bits() & ((1 << 52) - 1), (x.to_bits() >> 52) as i64);
            let (mant, exp) = if e == 0 {
                (m, -1074)
            } else {
                (m | 1 << 52, e - 1075)
            };
            let (a, b) = if exp >= 0 {
                (BigUint::from(mant) << exp as usize, BigUint::from(1u32))
            } else {
                (BigUint::from(mant), BigUint::from(1u32) << (-exp) as usize)
            };
            assert_eq!(sqrt_ratio_to_f64(&a, &b), Some(x.sqrt()), "{x}");
        }
    }
}
