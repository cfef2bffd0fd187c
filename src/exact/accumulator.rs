//! A fixed-size superaccumulator: exact sums of `±m · 2^e` terms with no allocation per term.
//!
//! The accumulator is an array of signed 64-bit limbs, each standing for 32 bits of a very long
//! fixed-point number (bit 0 of limb 0 has weight `2^-bias`). A term is split into 32-bit digits
//! that are added to consecutive limbs without carrying; carries are propagated every 2^29 terms
//! and once at the end, so each term costs a few integer additions. Big-number work happens once,
//! in [`FixedAccumulator::to_dyadic`].
//!
//! ```
//! use rstats::internals::exact::{FixedAccumulator, Dyadic};
//! use num_bigint::BigInt;
//! let mut acc = FixedAccumulator::<72>::new(1074);
//! acc.add(1, -1, false); // 0.5
//! acc.add(3, 0, true);   // -3
//! assert_eq!(acc.to_dyadic(), Dyadic::new(BigInt::from(-5), -1)); // -2.5
//! ```

use super::wide::{Nat, WIDE_WORDS};
use super::wide_sums::WideDyadic;
use super::Dyadic;
use num_bigint::{BigInt, BigUint};

const DIGIT_BITS: u32 = 32;
const DIGIT_MASK: i64 = 0xFFFF_FFFF;
/// Terms added between two carry normalizations: each adds less than 2^33 to a limb, so 2^29
/// terms stay far below the i64 limit.
const NORMALIZE_EVERY: u32 = 1 << 29;

/// Limbs for sums of floats and machine ints (bias 1074: the smallest subnormal is bit 0).
pub const SUM_LIMBS: usize = 72;
/// Bias for sums of floats and machine ints.
pub const SUM_BIAS: i32 = 1074;
/// Limbs for sums of squares of floats and machine ints (bias 2148).
pub const SQUARE_LIMBS: usize = 136;
/// Bias for sums of squares.
pub const SQUARE_BIAS: i32 = 2148;

/// An exact sum of terms `±mag · 2^exp` with `mag < 2^128` and `exp >= -bias`, whose total stays
/// below `2^(32 * LIMBS - bias - 64)` (the callers size `LIMBS` for their whole range).
#[derive(Clone)]
pub struct FixedAccumulator<const LIMBS: usize> {
    limbs: [i64; LIMBS],
    bias: i32,
    pending: u32,
    lowest: usize,
    highest: usize,
}

impl<const LIMBS: usize> FixedAccumulator<LIMBS> {
    /// An empty sum whose bit 0 has weight `2^-bias`.
    pub fn new(bias: i32) -> Self {
        FixedAccumulator {
            limbs: [0; LIMBS],
            bias,
            pending: 0,
            lowest: LIMBS,
            highest: 0,
        }
    }

    /// Adds `mag · 2^exp` (subtracts it when `negative`). Terms outside the accumulator's range
    /// (which the callers never produce) are ignored rather than indexed out of bounds.
    #[inline]
    pub fn add(&mut self, mag: u128, exp: i32, negative: bool) {
        let added = self.try_add(mag, exp, negative);
        debug_assert!(added, "term outside the accumulator's range");
    }

    /// Adds `mag · 2^exp` (subtracts it when `negative`) and returns true, or returns false and
    /// leaves the sum as it was when the term falls outside the accumulator's range.
    #[inline]
    pub(crate) fn try_add(&mut self, mag: u128, exp: i32, negative: bool) -> bool {
        // A term below 2^64 shifted by at most 31 bits fits in three digits.
        if mag >> 64 == 0 {
            self.try_add_digits::<3>(mag, exp, negative)
        } else {
            self.try_add_digits::<5>(mag, exp, negative)
        }
    }

    /// [`FixedAccumulator::try_add`] of a term that fits in `DIGITS` 32-bit digits once shifted
    /// by up to 31 bits: `DIGITS = 3` for `mag < 2^64`, `DIGITS = 5` for any `mag`. The digit
    /// count is fixed at compile time, so the additions are unrolled and branch-free.
    #[inline(always)]
    pub(crate) fn try_add_digits<const DIGITS: usize>(
        &mut self,
        mag: u128,
        exp: i32,
        negative: bool,
    ) -> bool {
        debug_assert!(DIGITS == 5 || (DIGITS == 3 && mag >> 64 == 0));
        if mag == 0 {
            return true;
        }
        let Ok(pos) = u32::try_from(i64::from(exp) + i64::from(self.bias)) else {
            return false;
        };
        let k = (pos / DIGIT_BITS) as usize;
        let o = pos % DIGIT_BITS;
        // Two limbs of room above the term for the carries of normalization.
        let Some(limbs) = self.limbs.get_mut(k..k + DIGITS + 2) else {
            return false;
        };
        // mag << o as three 64-bit words, in 64-bit operations: o < 32, and `(w >> 1) >> (63 - o)`
        // is `w >> (64 - o)`, or 0 for o = 0, with no branch.
        let (m0, m1) = (mag as u64, (mag >> 64) as u64);
        let w0 = m0 << o;
        let w1 = m1 << o | (m0 >> 1) >> (63 - o);
        let w2 = (m1 >> 1) >> (63 - o);
        let digits = [w0 & 0xFFFF_FFFF, w0 >> 32, w1 & 0xFFFF_FFFF, w1 >> 32, w2];
        // Subtracting is adding the two's complement: (d ^ -1) - (-1) = -d.
        let sign = -i64::from(negative);
        for (limb, digit) in limbs[..DIGITS].iter_mut().zip(digits) {
            *limb += (digit as i64 ^ sign) - sign;
        }
        self.lowest = self.lowest.min(k);
        self.highest = self.highest.max(k + DIGITS);
        self.pending += 1;
        if self.pending >= NORMALIZE_EVERY {
            self.normalize();
        }
        true
    }

    /// Moves an empty accumulator so that bit 0 has weight `2^-bias`; false (and nothing moved)
    /// when it is not empty.
    pub(crate) fn rebias(&mut self, bias: i32) -> bool {
        if !self.is_empty() {
            return false;
        }
        self.bias = bias;
        true
    }

    /// An accumulator holding the same total as `window`, whose bit 0 must weigh a whole number
    /// of limbs more than this one's would with `bias` (`bias - window.bias() = 32 · offset`,
    /// with the window's limbs inside this one's); `None` otherwise.
    pub(crate) fn from_window<const WINDOW: usize>(
        window: &FixedAccumulator<WINDOW>,
        bias: i32,
    ) -> Option<Self> {
        let shift = bias.checked_sub(window.bias)?;
        if shift < 0 || shift % DIGIT_BITS as i32 != 0 {
            return None;
        }
        let offset = (shift / DIGIT_BITS as i32) as usize;
        if offset + WINDOW > LIMBS {
            return None;
        }
        let mut full = FixedAccumulator::new(bias);
        full.limbs[offset..offset + WINDOW].copy_from_slice(&window.limbs);
        full.pending = window.pending;
        if !window.is_empty() {
            full.lowest = offset + window.lowest;
            full.highest = offset + window.highest;
        }
        Some(full)
    }

    /// Propagates carries so that every limb but the top one holds a digit in `0..2^32`.
    fn normalize(&mut self) {
        self.pending = 0;
        if self.lowest >= LIMBS {
            return;
        }
        let top = (self.highest + 2).min(LIMBS - 1);
        for k in self.lowest..top {
            let carry = self.limbs[k] >> DIGIT_BITS;
            self.limbs[k] &= DIGIT_MASK;
            self.limbs[k + 1] += carry;
        }
        self.highest = top;
    }

    /// True when nothing but zeros was added.
    pub fn is_empty(&self) -> bool {
        self.lowest >= LIMBS
    }

    /// Limbs `lowest..=highest` (the last holds what an earlier normalization carried into it),
    /// carried from the bottom: calls `digit(i, d)` with the `i`-th 32-bit digit and returns the
    /// signed carry out of the top, so the total is `Σ d_i · 2^(32 i) + carry · 2^(32 · count)`,
    /// times `2^(32 · lowest - bias)`. Reads the accumulator without copying it.
    fn carry_digits(&self, mut digit: impl FnMut(usize, u32)) -> i64 {
        let mut carry = 0i64;
        for (i, &limb) in self.touched().iter().enumerate() {
            // Limbs stay below 2^62 in magnitude and carries below 2^31: no overflow.
            let v = limb + carry;
            digit(i, (v & DIGIT_MASK) as u32);
            carry = v >> DIGIT_BITS;
        }
        carry
    }

    /// The limbs that may be non-zero.
    fn touched(&self) -> &[i64] {
        if self.is_empty() {
            return &[];
        }
        &self.limbs[self.lowest..(self.highest + 1).min(LIMBS)]
    }

    /// The power of two of digit 0.
    fn low_exponent(&self) -> i64 {
        i64::from(DIGIT_BITS) * self.lowest as i64 - i64::from(self.bias)
    }

    /// The exact total.
    pub fn to_dyadic(&self) -> Dyadic {
        if self.is_empty() {
            return Dyadic::zero();
        }
        let mut digits = vec![0u32; self.touched().len()];
        let carry = self.carry_digits(|i, d| digits[i] = d);
        let count = digits.len();
        let low_part = BigInt::from(BigUint::new(digits));
        let high_part = BigInt::from(carry) << (DIGIT_BITS as usize * count);
        Dyadic::new(low_part + high_part, self.low_exponent())
    }

    /// The exact total when it fits in `W` words (with its sign), without the heap.
    pub(crate) fn to_wide<const W: usize>(&self) -> Option<WideDyadic<W>> {
        let touched = self.touched();
        let count = touched.len();
        if count == 0 {
            return Some(WideDyadic::ZERO);
        }
        // Room for the digits and two more for a non-negative carry (the top digits of the
        // range are often zeros: whether the total fits in W words is decided at the end).
        const ROOM: usize = WIDE_WORDS + 2;
        if count + 2 > 2 * ROOM {
            return None;
        }
        // Carried limb by limb; two 32-bit digits make a word.
        let mut words = [0u64; ROOM];
        let mut carry = 0i64;
        for (i, &limb) in touched.iter().enumerate() {
            // Limbs stay below 2^62 in magnitude and carries below 2^31: no overflow.
            let v = limb + carry;
            carry = v >> DIGIT_BITS;
            words[i / 2] |= ((v & DIGIT_MASK) as u64) << (32 * (i % 2));
        }
        // The total is digits + carry · 2^(32 · count).
        let (negative, mag) = if carry >= 0 {
            let (at, half) = (count / 2, count % 2);
            let carry = carry as u64;
            if half == 0 {
                words[at] = carry;
            } else {
                words[at] |= carry << 32;
                words[at + 1] = carry >> 32;
            }
            (false, Nat::from_words(&words)?)
        } else {
            // With digits below 2^(32 · count): a negative total of magnitude
            // |carry| · 2^(32 · count) - digits.
            let top = Nat::<W>::from_u128(u128::from(carry.unsigned_abs()))?
                .checked_shl(32 * count as u64)?;
            (true, top.checked_sub(&Nat::from_words(&words)?)?)
        };
        Some(WideDyadic {
            negative,
            mag,
            exp: self.low_exponent(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exact::wide::{NARROW_WORDS, WIDE_WORDS};
    use proptest::prelude::*;

    /// Terms `(mag, exp, negative)` over a chosen exponent range: a narrow one keeps the total
    /// within 512 bits, a wide one forces the big-integer fallback.
    fn terms(exp_range: std::ops::Range<i32>) -> impl Strategy<Value = Vec<(u128, i32, bool)>> {
        prop::collection::vec(
            (
                prop_oneof![
                    any::<u64>().prop_map(u128::from),
                    any::<u128>().prop_map(|m| m >> 22),
                    Just(1u128),
                    Just(u128::from(u64::MAX)),
                ],
                exp_range,
                any::<bool>(),
            ),
            0..40,
        )
    }

    fn check(terms: &[(u128, i32, bool)]) -> std::result::Result<bool, TestCaseError> {
        let mut acc = FixedAccumulator::<SQUARE_LIMBS>::new(SQUARE_BIAS);
        for &(mag, exp, negative) in terms {
            acc.add(mag, exp, negative);
        }
        let exact = acc.to_dyadic();
        let wide = acc.to_wide::<WIDE_WORDS>();
        if let Some(w) = wide {
            prop_assert_eq!(w.to_dyadic(), exact.clone());
        }
        if let Some(w) = acc.to_wide::<NARROW_WORDS>() {
            prop_assert_eq!(w.to_dyadic(), exact);
        }
        Ok(wide.is_some())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn wide_total_matches_dyadic_total(terms in terms(-100..100)) {
            // Up to 8 limbs apart, 5 digits each, a carry limb and two carry digits: 16 digits.
            prop_assert!(check(&terms)?, "a 200-bit range of terms fits in 512 bits");
        }

        #[test]
        fn wide_total_falls_back_or_matches(terms in terms(-2000..1800)) {
            check(&terms)?;
        }
    }

    /// Many terms of one sign at one exponent: the digits below carry into the top touched limb
    /// (which only carries reach), for every offset within a limb; with or without one more
    /// term a limb lower, so that the number of touched limbs is even or odd.
    #[test]
    fn carries_reach_the_top_limb() {
        for exp in 0..64 {
            for count in [1usize, 3, 1000, 5000] {
                for mag in [u128::from(u64::MAX), (1 << 53) - 1, u128::MAX >> 22] {
                    for (negative, below) in
                        [(false, false), (true, false), (false, true), (true, true)]
                    {
                        let mut acc = FixedAccumulator::<SQUARE_LIMBS>::new(SQUARE_BIAS);
                        if below {
                            acc.add(1, exp - 32, negative);
                        }
                        for _ in 0..count {
                            acc.add(mag, exp, negative);
                        }
                        let exact = acc.to_dyadic();
                        let wide = acc.to_wide::<WIDE_WORDS>().map(WideDyadic::to_dyadic);
                        assert_eq!(wide, Some(exact), "{count} x {mag} at 2^{exp}");
                    }
                }
            }
        }
    }

    /// The state `NORMALIZE_EVERY - 1` equal terms leave (no normalization has run yet, so each
    /// limb is that many times what one term put there), then one more term: the normalization
    /// it triggers must bring every limb back to a digit (`0..2^32`, the top one within
    /// `±2^32`), the headroom that keeps the next 2^29 terms from overflowing i64, and keep the
    /// total (checked against the big-integer product). The slow `tests/mutants_slow_accumulator.rs`
    /// adds the 2^29 terms one by one; this builds the same state in microseconds.
    fn normalizes_after_the_pending_terms<const LIMBS: usize>(
        bias: i32,
        mag: u128,
        exp: i32,
        negative: bool,
    ) {
        let before = NORMALIZE_EVERY - 1;
        let mut acc = FixedAccumulator::<LIMBS>::new(bias);
        acc.add(mag, exp, negative);
        for limb in acc.limbs.iter_mut() {
            *limb *= i64::from(before);
        }
        acc.pending = before;
        acc.add(mag, exp, negative);
        let what = format!("2^29 x {mag} at 2^{exp}, negative: {negative}");
        assert_eq!(acc.pending, 0, "{what}: the counter restarts");
        let (lowest, highest) = (acc.lowest, acc.highest);
        assert!(lowest < highest && highest < LIMBS, "{what}: touched limbs");
        for (k, &limb) in acc.limbs.iter().enumerate() {
            if k == highest {
                assert!(
                    limb.unsigned_abs() < 1 << 32,
                    "{what}: top limb {k} = {limb}"
                );
            } else {
                assert!((0..1 << 32).contains(&limb), "{what}: limb {k} = {limb}");
            }
        }
        let total = BigInt::from(mag) << 29u32;
        let total = if negative { -total } else { total };
        assert_eq!(
            acc.to_dyadic(),
            Dyadic::new(total, i64::from(exp)),
            "{what}"
        );
    }

    #[test]
    fn normalization_restores_the_headroom() {
        for negative in [false, true] {
            for exp in [-40, -1074, 0, 31, 970] {
                normalizes_after_the_pending_terms::<SUM_LIMBS>(
                    SUM_BIAS,
                    u128::from(u64::MAX),
                    exp,
                    negative,
                );
            }
            // The largest terms of the squares' accumulator, their top digit two limbs below
            // its end: the carries reach the last limb, which must stay inside the array.
            normalizes_after_the_pending_terms::<SQUARE_LIMBS>(
                SQUARE_BIAS,
                u128::MAX >> 22,
                32 * (SQUARE_LIMBS as i32 - 7) - SQUARE_BIAS,
                negative,
            );
        }
    }

    #[test]
    fn negative_totals_and_cancellation() {
        let mut acc = FixedAccumulator::<SUM_LIMBS>::new(SUM_BIAS);
        acc.add(1, -1074, false);
        acc.add(1 << 52, 970, true);
        let w = acc.to_wide::<WIDE_WORDS>().map(WideDyadic::to_dyadic);
        assert_eq!(w, None, "2^1022 - 2^-1074 spans 2096 bits");
        let mut acc = FixedAccumulator::<SUM_LIMBS>::new(SUM_BIAS);
        acc.add(3, 0, false);
        acc.add(5, 0, true);
        assert_eq!(
            acc.to_wide::<NARROW_WORDS>().map(WideDyadic::to_dyadic),
            Some(Dyadic::from_int(BigInt::from(-2)))
        );
        acc.add(2, 0, false);
        let zero = acc.to_wide::<NARROW_WORDS>();
        assert_eq!(
            zero.map(|z| (z.negative, z.mag.is_zero())),
            Some((false, true))
        );
    }
}
