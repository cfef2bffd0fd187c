//! Correct rounding of `mag · 2^exp / d` and of its square root to `f64`, for a fixed-width
//! ([`Nat`]) magnitude and a machine-word divisor, without the heap.
//!
//! The same values as [`super::rounding::ratio_to_f64`] and
//! [`super::rounding::sqrt_ratio_to_f64`] (nearest float, ties to even, subnormals, `None` at
//! 2^1024 and beyond): only the window of the numerator that decides the rounding is divided,
//! and the bits below it are kept as a sticky flag.

use super::rounding::{round_scaled, MIN_EXP};
use super::wide::{isqrt_u128, Nat};

/// `(floor(w / d), w mod d)` for a three-word `w`, when the quotient fits in 128 bits.
fn div_window(w: [u64; 3], d: u64) -> Option<(u128, u64)> {
    let d = u128::from(d);
    if d == 0 || u128::from(w[2]) >= d {
        return None;
    }
    let mut rem = u128::from(w[2]);
    let mut q = 0u128;
    for &word in [w[1], w[0]].iter() {
        let cur = rem << 64 | u128::from(word);
        q = (q << 64) | (cur / d);
        rem = cur % d;
    }
    Some((q, rem as u64))
}

/// `bits(mag) + exp - bits(d)`: the value `mag · 2^exp / d` lies in `[2^(diff-1), 2^(diff+1))`.
fn magnitude_diff<const W: usize>(mag: &Nat<W>, exp: i64, d: u64) -> i64 {
    mag.bits() as i64 + exp - i64::from(64 - d.leading_zeros())
}

/// The nearest `f64` to `mag · 2^exp / d` (ties to even); `None` if it is 2^1024 or more, or if
/// `d` is zero. `exp` must stay within a few thousand of zero (the accumulators' range).
pub(crate) fn wide_ratio_to_f64<const W: usize>(mag: &Nat<W>, exp: i64, d: u64) -> Option<f64> {
    if d == 0 {
        return None;
    }
    if mag.is_zero() {
        return Some(0.0);
    }
    if let Some(quotient) = small_ratio_to_f64(mag, exp, d) {
        return Some(quotient);
    }
    let diff = magnitude_diff(mag, exp, d);
    if diff > 1025 {
        return None;
    }
    if diff < MIN_EXP - 2 {
        return Some(0.0); // below 2^-1075: rounds to zero
    }
    // q = floor(mag · 2^(exp + shift) / d) has 56 or 57 bits; the window has at most 120.
    let shift = 56 - diff;
    let (window, lost) = mag.window(exp + shift)?;
    let (q, rem) = div_window(window, d)?;
    round_scaled(u64::try_from(q).ok()?, shift, lost || rem != 0)
}

/// [`wide_ratio_to_f64`] by one IEEE division when `mag` and `d` are at most 2^53 (both
/// convert exactly, and the division rounds once) and scaling by `2^exp` keeps the result normal
/// and finite (then the scaling is exact); `None` otherwise.
fn small_ratio_to_f64<const W: usize>(mag: &Nat<W>, exp: i64, d: u64) -> Option<f64> {
    const LIMIT: u64 = 1 << 53;
    let m = u64::try_from(mag.to_u128()?).ok().filter(|&m| m <= LIMIT)?;
    if d > LIMIT || !(-1022..=1023).contains(&exp) {
        return None;
    }
    let scale = f64::from_bits(((exp + 1023) as u64) << 52); // 2^exp, a normal float
    let r = m as f64 / d as f64 * scale;
    // Rounding is monotonic: a result above the smallest normal means the exact product was
    // normal too (no subnormal rounding happened), and a finite one that nothing overflowed.
    (r.is_finite() && r > f64::MIN_POSITIVE).then_some(r)
}

/// The nearest `f64` to `sqrt(mag · 2^exp / d)`; `None` if `d` is zero.
pub(crate) fn wide_sqrt_ratio_to_f64<const W: usize>(
    mag: &Nat<W>,
    exp: i64,
    d: u64,
) -> Option<f64> {
    if d == 0 {
        return None;
    }
    if mag.is_zero() {
        return Some(0.0);
    }
    let diff = magnitude_diff(mag, exp, d);
    // x = floor(mag · 2^exp · 4^shift / d) lies in [2^112, 2^116): its integer square root has
    // 57 or 58 bits. The window has at most 116 + 64 bits.
    let shift = (113 - diff + 1).div_euclid(2);
    let (window, lost) = mag.window(exp + 2 * shift)?;
    let (x, rem) = div_window(window, d)?;
    let root = isqrt_u128(x);
    let exact = !lost && rem == 0 && root * root == x;
    round_scaled(u64::try_from(root).ok()?, shift, !exact)
}

/// The nearest `f64` to `num / d` for an `i128` numerator (Python's `int / int`).
pub(crate) fn i128_ratio_to_f64(num: i128, d: u64) -> Option<f64> {
    const LIMIT: u64 = 1 << 53;
    if num.unsigned_abs() <= u128::from(LIMIT) && (1..=LIMIT).contains(&d) {
        // Both convert exactly; one IEEE division rounds once.
        return Some(num as i64 as f64 / d as f64);
    }
    let magnitude = wide_ratio_to_f64(&Nat::<2>::from_u128(num.unsigned_abs())?, 0, d)?;
    Some(if num < 0 { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exact::rounding::{ratio_to_f64, sqrt_ratio_to_f64};
    use crate::exact::wide::{NARROW_WORDS, WIDE_WORDS};
    use num_bigint::{BigInt, BigUint};
    use proptest::prelude::*;

    type WideNat = Nat<WIDE_WORDS>;

    /// `mag · 2^exp` and `d` as the big-integer path's numerator and denominator.
    fn as_ratio(mag: &WideNat, exp: i64, d: u64) -> (BigUint, BigUint) {
        let (num, den) = (mag.to_biguint(), BigUint::from(d));
        if exp >= 0 {
            (num << exp as usize, den)
        } else {
            (num, den << (-exp) as usize)
        }
    }

    fn reference_ratio(mag: &WideNat, exp: i64, d: u64) -> Option<f64> {
        let (num, den) = as_ratio(mag, exp, d);
        ratio_to_f64(&BigInt::from(num), &den)
    }

    fn reference_sqrt(mag: &WideNat, exp: i64, d: u64) -> Option<f64> {
        let (num, den) = as_ratio(mag, exp, d);
        sqrt_ratio_to_f64(&num, &den)
    }

    /// Magnitudes of every length, with long runs of ones and zeros (ties and near-ties).
    fn magnitude() -> impl Strategy<Value = WideNat> {
        (
            prop::collection::vec(
                prop_oneof![any::<u64>(), Just(0u64), Just(u64::MAX), Just(1u64 << 63)],
                0..=8,
            ),
            0u64..512,
        )
            .prop_map(|(words, shift)| {
                let w = WideNat::from_words(&words).unwrap_or(WideNat::ZERO);
                w.shr(shift).0
            })
    }

    fn divisor() -> impl Strategy<Value = u64> {
        prop_oneof![
            1u64..20,
            any::<u64>(),
            (1u64..1 << 32).prop_map(|n| n * (n - 1).max(1)),
            (0u32..64).prop_map(|b| 1u64 << b),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn ratio_matches_bigint_path(mag in magnitude(), exp in -2400i64..1200, d in divisor()) {
            prop_assert_eq!(wide_ratio_to_f64(&mag, exp, d), reference_ratio(&mag, exp, d));
            if let Some(narrow) = mag.resize::<NARROW_WORDS>() {
                prop_assert_eq!(wide_ratio_to_f64(&narrow, exp, d), reference_ratio(&mag, exp, d));
                prop_assert_eq!(wide_sqrt_ratio_to_f64(&narrow, exp, d), reference_sqrt(&mag, exp, d));
            }
        }

        #[test]
        fn ratio_matches_near_the_float_limits(
            mag in magnitude(),
            target in prop_oneof![-1140i64..-1000, 1000i64..1040],
            d in divisor(),
        ) {
            // Exponents that put the value among subnormals or around 2^1024.
            let exp = target - mag.bits() as i64 + i64::from(64 - d.leading_zeros());
            prop_assert_eq!(wide_ratio_to_f64(&mag, exp, d), reference_ratio(&mag, exp, d));
        }

        #[test]
        fn sqrt_matches_bigint_path(mag in magnitude(), exp in -4400i64..2000, d in divisor()) {
            prop_assert_eq!(wide_sqrt_ratio_to_f64(&mag, exp, d), reference_sqrt(&mag, exp, d));
        }

        #[test]
        fn sqrt_of_exact_squares(root in 1u64..u64::MAX, exp in -300i64..300, d in 1u64..1000) {
            // root² · 4^exp · d / d: exact roots, where the sticky logic must say "exact".
            let sq = WideNat::from_u128(u128::from(root) * u128::from(root)).unwrap();
            let mag = sq.checked_mul_u64(d).unwrap();
            prop_assert_eq!(wide_sqrt_ratio_to_f64(&mag, 2 * exp, d), reference_sqrt(&mag, 2 * exp, d));
        }

        /// The one-division path answers for every numerator and divisor up to 2^53 and
        /// exponent in -1022..=1023 whose quotient is normal and finite (above the smallest
        /// normal), with the correctly rounded value.
        #[test]
        fn one_division_answers_for_small_operands(
            m in prop_oneof![1u64..=1 << 53, Just(1u64 << 53), Just((1u64 << 53) - 1)],
            d in prop_oneof![1u64..=1 << 53, Just(1u64 << 53), 1u64..16],
            exp in prop_oneof![-1022i64..=1023, Just(-1022i64), Just(1023i64), -60i64..60],
        ) {
            let mag = WideNat::from_u128(u128::from(m)).unwrap_or(WideNat::ZERO);
            let want = reference_ratio(&mag, exp, d);
            if let Some(v) = want.filter(|v| v.is_finite() && *v > f64::MIN_POSITIVE) {
                prop_assert_eq!(small_ratio_to_f64(&mag, exp, d), Some(v), "{} * 2^{} / {}", m, exp, d);
            }
        }

        #[test]
        fn small_operands_match_bigint_path(
            m in prop_oneof![1u64..1000, 1u64..=1 << 53, Just(1u64 << 53), Just((1u64 << 53) - 1)],
            // Also exponents far outside a float's, which the fast path must decline too.
            exp in prop_oneof![-1100i64..1100, -1080i64..-1000, 1000i64..1030, -6000i64..6000],
            d in prop_oneof![1u64..1000, 1u64..=1 << 53, Just(3u64)],
        ) {
            let mag = WideNat::from_u128(u128::from(m)).unwrap();
            prop_assert_eq!(wide_ratio_to_f64(&mag, exp, d), reference_ratio(&mag, exp, d));
        }

        #[test]
        fn i128_ratio_matches_bigint_path(num in any::<i128>(), d in divisor()) {
            prop_assert_eq!(
                i128_ratio_to_f64(num, d),
                ratio_to_f64(&BigInt::from(num), &BigUint::from(d))
            );
        }
    }

    #[test]
    fn ties_to_even_subnormals_and_overflow() {
        let one = WideNat::from_u128(1).unwrap();
        // 1/2^1075 is half the smallest subnormal: ties to even (zero); 3/2^1076 rounds up.
        assert_eq!(wide_ratio_to_f64(&one, -1075, 1), Some(0.0));
        assert_eq!(
            wide_ratio_to_f64(&WideNat::from_u128(3).unwrap(), -1076, 1),
            Some(f64::from_bits(1))
        );
        // 2^53 + 1 ties to 2^53, 2^53 + 3 to 2^53 + 4.
        let t = WideNat::from_u128((1 << 53) + 1).unwrap();
        assert_eq!(wide_ratio_to_f64(&t, 0, 1), Some(9007199254740992.0));
        let t = WideNat::from_u128((1 << 53) + 3).unwrap();
        assert_eq!(wide_ratio_to_f64(&t, 0, 1), Some(9007199254740996.0));
        // (2^53 - 1/2) · 2^971 = 2^1024 - 2^970 rounds up to 2^1024: overflow.
        let halfway = WideNat::from_u128((1 << 54) - 1).unwrap();
        assert_eq!(wide_ratio_to_f64(&halfway, 970, 1), None);
        assert_eq!(
            wide_ratio_to_f64(&WideNat::from_u128((1 << 53) - 1).unwrap(), 971, 1),
            Some(f64::MAX)
        );
        assert_eq!(wide_ratio_to_f64(&one, 0, 0), None);
        assert_eq!(wide_sqrt_ratio_to_f64(&one, 0, 0), None);
        assert_eq!(
            wide_sqrt_ratio_to_f64(&WideNat::from_u128(2).unwrap(), 0, 1),
            Some(2f64.sqrt())
        );
    }
}
