//! Exact sums that fit in a fixed width ([`Nat`]), and what `mean`, `variance` and `stdev` make of them, without
//! the heap: the quotient by the count (an int when it is one), its correctly rounded float, and
//! the numerator `n·Σx² − (Σx)²` of the sum of squared deviations.
//!
//! Each function returns `None` when a value does not fit (or in the rare cases that the
//! big-integer path reports as an error); the callers then take that path, which gives the same
//! results on everything, so the fixed width decides the speed and never a result.

use super::wide::Nat;
use super::wide_rounding::{wide_ratio_to_f64, wide_sqrt_ratio_to_f64};

/// An exact signed dyadic rational `±mag · 2^exp` (zero is never negative).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WideDyadic<const W: usize> {
    /// True below zero.
    pub(crate) negative: bool,
    /// The magnitude's integer part.
    pub(crate) mag: Nat<W>,
    /// The power of two.
    pub(crate) exp: i64,
}

/// `value / d` when it is an integer, for CPython's `_convert` to an int.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IntQuotient {
    /// The quotient is an integer that fits in `i64`.
    Int(i64),
    /// The quotient is not an integer.
    NotInt,
    /// Not decided here (too wide): ask the big-integer path.
    Unknown,
}

impl<const W: usize> WideDyadic<W> {
    /// Zero.
    pub(crate) const ZERO: Self = WideDyadic {
        negative: false,
        mag: Nat::ZERO,
        exp: 0,
    };

    #[cfg(test)]
    /// The same value as a [`Dyadic`].
    pub(crate) fn to_dyadic(self) -> super::Dyadic {
        let mag = num_bigint::BigInt::from(self.mag.to_biguint());
        super::Dyadic::new(if self.negative { -mag } else { mag }, self.exp)
    }

    /// `self / d` when it is an integer.
    pub(crate) fn int_quotient(&self, d: u64) -> IntQuotient {
        let Some(tz) = self.mag.trailing_zeros() else {
            return IntQuotient::Int(0);
        };
        // An integer divided by d can be an integer; a non-integer dyadic never is.
        let low_exp = self.exp + tz as i64;
        if low_exp < 0 {
            return IntQuotient::NotInt;
        }
        let int = match self.exp {
            e if e >= 0 => self.mag.checked_shl(e.unsigned_abs()),
            e => Some(self.mag.shr(e.unsigned_abs()).0),
        };
        let Some((q, rem)) = int.and_then(|i| i.div_rem_u64(d)) else {
            return IntQuotient::Unknown;
        };
        if rem != 0 {
            return IntQuotient::NotInt;
        }
        let Some(q) = q.to_u128().and_then(|q| i128::try_from(q).ok()) else {
            return IntQuotient::Unknown;
        };
        match i64::try_from(if self.negative { -q } else { q }) {
            Ok(q) => IntQuotient::Int(q),
            Err(_) => IntQuotient::Unknown,
        }
    }

    /// The nearest float to `self / d`; `None` when it overflows (or `d` is zero).
    pub(crate) fn div_to_f64(&self, d: u64) -> Option<f64> {
        let magnitude = wide_ratio_to_f64(&self.mag, self.exp, d)?;
        Some(if self.negative { -magnitude } else { magnitude })
    }

    /// The nearest float to `sqrt(self / d)` for a non-negative value.
    pub(crate) fn sqrt_div_to_f64(&self, d: u64) -> Option<f64> {
        if self.negative {
            return None;
        }
        wide_sqrt_ratio_to_f64(&self.mag, self.exp, d)
    }
}

/// `n·Σx² − (Σx)²`, exactly: the numerator of `_ss`'s `(n·Σx² − (Σx)²) / n`. `None` when it does
/// not fit, or when it would be negative (which only the 3.8 family's data can make, and which the
/// big-integer path reports).
pub(crate) fn ss_numerator<const W: usize>(
    sum: &WideDyadic<W>,
    sum_sq: &WideDyadic<W>,
    n: u64,
) -> Option<WideDyadic<W>> {
    if sum_sq.negative {
        return None;
    }
    let scaled_squares = sum_sq.mag.checked_mul_u64(n)?;
    let square_of_sum = sum.mag.checked_mul(&sum.mag)?;
    let (exp_a, exp_b) = (sum_sq.exp, 2 * sum.exp);
    let exp = exp_a.min(exp_b);
    let a = scaled_squares.checked_shl((exp_a - exp).unsigned_abs())?;
    let b = square_of_sum.checked_shl((exp_b - exp).unsigned_abs())?;
    let mag = a.checked_sub(&b)?;
    Some(WideDyadic {
        negative: false,
        mag,
        exp: if mag.is_zero() { 0 } else { exp },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exact::wide::{NARROW_WORDS, WIDE_WORDS};
    use crate::exact::Ratio;
    use num_bigint::BigInt;
    use num_bigint::Sign;
    use num_traits::ToPrimitive;
    use proptest::prelude::*;

    type WideNat = Nat<WIDE_WORDS>;
    type WideDyadic = super::WideDyadic<WIDE_WORDS>;

    /// The same value in the narrow width, when it fits.
    fn narrow(v: &WideDyadic) -> Option<super::WideDyadic<NARROW_WORDS>> {
        Some(super::WideDyadic {
            negative: v.negative,
            mag: v.mag.resize()?,
            exp: v.exp,
        })
    }

    fn wide_dyadic() -> impl Strategy<Value = WideDyadic> {
        (
            any::<bool>(),
            prop::collection::vec(any::<u64>(), 0..=4),
            0u64..256,
            -300i64..300,
        )
            .prop_map(|(negative, words, shift, exp)| {
                let mag = WideNat::from_words(&words)
                    .unwrap_or(WideNat::ZERO)
                    .shr(shift)
                    .0;
                WideDyadic {
                    negative: negative && !mag.is_zero(),
                    mag,
                    exp,
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn quotients_match_the_ratio_path(v in wide_dyadic(), d in prop_oneof![1u64..50, any::<u64>()]) {
            let ratio = v.to_dyadic().to_ratio().div_int(d);
            prop_assert_eq!(v.div_to_f64(d), ratio.to_f64());
            if let Some(n) = narrow(&v) {
                prop_assert_eq!(n.div_to_f64(d), ratio.to_f64());
                let (q, nq) = (v.int_quotient(d), n.int_quotient(d));
                prop_assert!(nq == q || nq == IntQuotient::Unknown);
            }
            match v.int_quotient(d) {
                IntQuotient::Int(q) => prop_assert_eq!(ratio.to_integer(), Some(BigInt::from(q))),
                IntQuotient::NotInt => prop_assert_eq!(ratio.to_integer(), None),
                IntQuotient::Unknown => {
                    // Only an integer beyond 512 bits or a quotient beyond i64 is left undecided.
                    let too_wide = v.mag.bits() as i64 + v.exp > 512;
                    let beyond_i64 = ratio.to_integer().is_some_and(|i| i.to_i64().is_none());
                    prop_assert!(too_wide || beyond_i64);
                }
            }
        }

        #[test]
        fn integral_values_are_recognized(m in any::<i64>(), exp in 0i64..3, d in 1u64..10) {
            let v = WideDyadic {
                negative: m < 0,
                mag: WideNat::from_u128(u128::from(m.unsigned_abs()) * u128::from(d)).unwrap(),
                exp,
            };
            let expected = (i128::from(m) << exp).try_into().map_or(IntQuotient::Unknown, IntQuotient::Int);
            prop_assert_eq!(v.int_quotient(d), expected);
        }

        #[test]
        fn ss_numerator_matches_dyadic_arithmetic(
            sum in wide_dyadic(),
            sum_sq in wide_dyadic(),
            n in 1u64..1_000_000,
        ) {
            let expected = sum_sq
                .to_dyadic()
                .mul_int(&BigInt::from(n))
                .add(&sum.to_dyadic().mul(&sum.to_dyadic()).neg());
            // The two terms aligned to the lower exponent, as the fixed-width path holds them.
            let exp = sum_sq.exp.min(2 * sum.exp);
            let a = (sum_sq.mag.to_biguint() * n) << (sum_sq.exp - exp) as usize;
            let b = (sum.mag.to_biguint() * sum.mag.to_biguint()) << (2 * sum.exp - exp) as usize;
            let too_wide = a.bits().max(b.bits()) > 512;
            if let (Some(a), Some(b)) = (narrow(&sum), narrow(&sum_sq)) {
                if let Some(got) = ss_numerator(&a, &b, n) {
                    prop_assert_eq!(got.to_dyadic(), expected.clone());
                }
            }
            match ss_numerator(&sum, &sum_sq, n) {
                Some(got) => prop_assert_eq!(got.to_dyadic(), expected),
                None => prop_assert!(
                    sum_sq.negative || expected.mantissa().sign() == Sign::Minus || too_wide
                ),
            }
        }

        #[test]
        fn sqrt_matches_the_ratio_path(v in wide_dyadic(), d in 1u64..1_000_000) {
            let ratio: Ratio = v.to_dyadic().to_ratio().div_int(d);
            let expected = (!v.negative).then(|| {
                crate::exact::rounding::sqrt_ratio_to_f64(ratio.num.magnitude(), &ratio.den)
            }).flatten();
            prop_assert_eq!(v.sqrt_div_to_f64(d), expected);
            if let Some(n) = narrow(&v) {
                prop_assert_eq!(n.sqrt_div_to_f64(d), expected);
            }
        }
    }

    #[test]
    fn zero_is_positive_and_integral() {
        let zero = WideDyadic {
            negative: false,
            mag: Nat::ZERO,
            exp: -40,
        };
        assert_eq!(zero.int_quotient(7), IntQuotient::Int(0));
        assert_eq!(zero.div_to_f64(7).map(f64::to_bits), Some(0));
    }
}
