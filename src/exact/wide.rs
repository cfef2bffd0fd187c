//! Naturals of a fixed number of 64-bit words, held on the stack: the few operations the
//! heap-free finalization of exact sums needs (multiply, shift, subtract, divide by a machine
//! word, a window of the top bits).
//!
//! The word count is a parameter: the finalization tries four words (256 bits: every loop fully
//! unrolled), then eight, then the big-integer path. Every operation that could exceed the width
//! returns `None` (sometimes when the exact result would just fit: a `None` only changes which
//! path runs), so the width decides the speed, never a result.

use std::cmp::Ordering;

/// The widths the finalization tries, in words: 256 bits, then 512.
pub(crate) const NARROW_WORDS: usize = 4;
/// See [`NARROW_WORDS`].
pub(crate) const WIDE_WORDS: usize = 8;

/// A natural number below `2^(64 * W)`, little-endian words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Nat<const W: usize> {
    words: [u64; W],
}

impl<const W: usize> Nat<W> {
    /// Zero.
    pub(crate) const ZERO: Self = Nat { words: [0; W] };

    /// The bits a number can have.
    const CAPACITY: u64 = 64 * W as u64;

    /// The number whose little-endian words are `words`; `None` when it does not fit.
    pub(crate) fn from_words(words: &[u64]) -> Option<Self> {
        let mut out = Self::ZERO;
        for (i, &w) in words.iter().enumerate() {
            match out.words.get_mut(i) {
                Some(o) => *o = w,
                None if w != 0 => return None,
                None => {}
            }
        }
        Some(out)
    }

    /// A 128-bit number; `None` when it does not fit.
    pub(crate) fn from_u128(v: u128) -> Option<Self> {
        Self::from_words(&[v as u64, (v >> 64) as u64])
    }

    /// True for zero.
    pub(crate) fn is_zero(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    /// The number of bits (0 for zero).
    pub(crate) fn bits(&self) -> u64 {
        let mut bits = 0;
        for (i, &w) in self.words.iter().enumerate() {
            if w != 0 {
                bits = 64 * i as u64 + 64 - u64::from(w.leading_zeros());
            }
        }
        bits
    }

    /// The number of trailing zero bits (`None` for zero).
    pub(crate) fn trailing_zeros(&self) -> Option<u64> {
        let i = self.words.iter().position(|&w| w != 0)?;
        Some(64 * i as u64 + u64::from(self.words[i].trailing_zeros()))
    }

    /// The value when it fits in 128 bits.
    pub(crate) fn to_u128(self) -> Option<u128> {
        if self.words.iter().skip(2).any(|&w| w != 0) {
            return None;
        }
        let word = |i: usize| u128::from(self.words.get(i).copied().unwrap_or(0));
        Some(word(0) | word(1) << 64)
    }

    /// The word `i` places above word `at`, or below it for a negative `i` (zero outside).
    fn word_at(&self, at: usize, i: isize) -> u64 {
        at.checked_add_signed(i)
            .and_then(|j| self.words.get(j))
            .copied()
            .unwrap_or(0)
    }

    /// `self * 2^shift`; `None` when it does not fit.
    pub(crate) fn checked_shl(&self, shift: u64) -> Option<Self> {
        if self.is_zero() || shift == 0 {
            return Some(*self);
        }
        if self.bits() + shift > Self::CAPACITY {
            return None;
        }
        let (skip, bit) = ((shift / 64) as isize, (shift % 64) as u32);
        let mut out = Self::ZERO;
        for (i, o) in out.words.iter_mut().enumerate() {
            let low = self.word_at(i, -skip);
            *o = if bit == 0 {
                low
            } else {
                low << bit | self.word_at(i, -skip - 1) >> (64 - bit)
            };
        }
        Some(out)
    }

    /// `floor(self / 2^shift)`, and whether a non-zero bit was shifted out.
    pub(crate) fn shr(&self, shift: u64) -> (Self, bool) {
        if shift == 0 {
            return (*self, false);
        }
        if shift >= self.bits() {
            return (Self::ZERO, !self.is_zero());
        }
        let (skip, bit) = ((shift / 64) as isize, (shift % 64) as u32);
        let mut out = Self::ZERO;
        for (i, o) in out.words.iter_mut().enumerate() {
            let low = self.word_at(i, skip);
            *o = if bit == 0 {
                low
            } else {
                low >> bit | self.word_at(i, skip + 1) << (64 - bit)
            };
        }
        let lost = self.trailing_zeros().is_some_and(|tz| tz < shift);
        (out, lost)
    }

    /// `floor(self * 2^shift)` as three little-endian words, and whether that dropped a non-zero
    /// bit; `None` when it is `2^192` or more.
    pub(crate) fn window(&self, shift: i64) -> Option<([u64; 3], bool)> {
        let mut out = [0u64; 3];
        if self.is_zero() {
            return Some((out, false));
        }
        if self.bits() as i64 + shift > 192 {
            return None;
        }
        // out[k] takes bits from self's words k - shift / 64 (and the one below or above).
        let (skip, bit) = (
            (shift.unsigned_abs() / 64) as isize,
            (shift.unsigned_abs() % 64) as u32,
        );
        for (k, o) in out.iter_mut().enumerate() {
            *o = if shift >= 0 {
                let low = self.word_at(k, -skip);
                if bit == 0 {
                    low
                } else {
                    low << bit | self.word_at(k, -skip - 1) >> (64 - bit)
                }
            } else {
                let low = self.word_at(k, skip);
                if bit == 0 {
                    low
                } else {
                    low >> bit | self.word_at(k, skip + 1) << (64 - bit)
                }
            };
        }
        let lost = shift < 0
            && self
                .trailing_zeros()
                .is_some_and(|tz| tz < shift.unsigned_abs());
        Some((out, lost))
    }

    /// `self * k`; `None` when it does not fit.
    pub(crate) fn checked_mul_u64(&self, k: u64) -> Option<Self> {
        let mut out = Self::ZERO;
        let mut carry = 0u64;
        for (o, &w) in out.words.iter_mut().zip(&self.words) {
            let p = u128::from(w) * u128::from(k) + u128::from(carry);
            *o = p as u64;
            carry = (p >> 64) as u64;
        }
        (carry == 0).then_some(out)
    }

    /// `self * other`; `None` when it does not fit (or, at times, when it would just fit).
    pub(crate) fn checked_mul(&self, other: &Self) -> Option<Self> {
        // Below 2^(bits(a) + bits(b)): that many bits always fit.
        if self.bits() + other.bits() > Self::CAPACITY {
            return None;
        }
        let mut out = Self::ZERO;
        for (i, &a) in self.words.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in other.words.iter().enumerate().take(W - i) {
                let p = u128::from(a) * u128::from(b)
                    + u128::from(out.words[i + j])
                    + u128::from(carry);
                out.words[i + j] = p as u64;
                carry = (p >> 64) as u64;
            }
        }
        Some(out)
    }

    /// `self - other`; `None` when `other > self`.
    pub(crate) fn checked_sub(&self, other: &Self) -> Option<Self> {
        let mut out = Self::ZERO;
        let mut borrow = false;
        for ((o, &a), &b) in out.words.iter_mut().zip(&self.words).zip(&other.words) {
            let (d, b1) = a.overflowing_sub(b);
            let (d, b2) = d.overflowing_sub(u64::from(borrow));
            *o = d;
            borrow = b1 || b2;
        }
        (!borrow).then_some(out)
    }

    /// `(floor(self / d), self mod d)`; `None` for `d = 0`.
    pub(crate) fn div_rem_u64(&self, d: u64) -> Option<(Self, u64)> {
        if d == 0 {
            return None;
        }
        let mut out = Self::ZERO;
        let mut rem = 0u64;
        for (o, &w) in out.words.iter_mut().zip(&self.words).rev() {
            let cur = u128::from(rem) << 64 | u128::from(w);
            *o = (cur / u128::from(d)) as u64;
            rem = (cur % u128::from(d)) as u64;
        }
        Some((out, rem))
    }

    /// The same number in `V` words; `None` when it does not fit.
    #[cfg(test)]
    pub(crate) fn resize<const V: usize>(&self) -> Option<Nat<V>> {
        Nat::from_words(&self.words)
    }

    /// The same number as a big integer.
    #[cfg(test)]
    pub(crate) fn to_biguint(self) -> num_bigint::BigUint {
        let digits: Vec<u32> = self
            .words
            .iter()
            .flat_map(|&w| [w as u32, (w >> 32) as u32])
            .collect();
        num_bigint::BigUint::new(digits)
    }
}

impl<const W: usize> PartialOrd for Nat<W> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<const W: usize> Ord for Nat<W> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.words.iter().rev().cmp(other.words.iter().rev())
    }
}

/// `floor(sqrt(x))`.
pub(crate) fn isqrt_u128(x: u128) -> u128 {
    const TWO_64: f64 = 18_446_744_073_709_551_616.0;
    // A float estimate (x to about 2^-52, then a correctly rounded root): within 2^-51 of the
    // root, relatively, so at most a few thousand units off.
    let approx = ((x >> 64) as u64) as f64 * TWO_64 + (x as u64) as f64;
    let mut r = u128::from(approx.sqrt() as u64);
    if r >= 1 << 26 {
        // One Newton step in floats on the exact residual e = x - r²: r + e / 2r is within a
        // unit or two of the root (|e| < 2^78: its top 62 bits are plenty).
        let e = x.wrapping_sub(r * r) as i128;
        let step = ((e >> 16) as i64 as f64 * 65_536.0) / (2.0 * (r as u64) as f64);
        // |step| is below 2^13: an i64 conversion (one instruction) holds it.
        r = (r as i128 + i128::from(step.round() as i64)).clamp(0, i128::from(u64::MAX)) as u128;
    }
    // Settle the last units exactly.
    while r * r > x {
        r -= 1;
    }
    while (r + 1) <= u128::from(u64::MAX) && (r + 1) * (r + 1) <= x {
        r += 1;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;
    use num_traits::{ToPrimitive, Zero};
    use proptest::prelude::*;

    /// Random naturals of 0 to `max_words` words, with runs of zero and all-one words (the
    /// carry and borrow edge cases).
    fn nat(max_words: usize) -> impl Strategy<Value = Vec<u64>> {
        prop::collection::vec(
            prop_oneof![
                any::<u64>(),
                Just(0u64),
                Just(u64::MAX),
                Just(1u64),
                Just(1u64 << 63)
            ],
            0..=max_words,
        )
    }

    fn big(words: &[u64]) -> BigUint {
        let digits: Vec<u32> = words
            .iter()
            .flat_map(|&w| [w as u32, (w >> 32) as u32])
            .collect();
        BigUint::new(digits)
    }

    fn fits<const W: usize>(b: &BigUint) -> bool {
        b.bits() <= 64 * W as u64
    }

    /// Every operation of `Nat<W>` against `BigUint`, on one pair of operands.
    fn check_ops<const W: usize>(
        a: &[u64],
        c: &[u64],
        k: u64,
        shift: u64,
        window_shift: i64,
    ) -> Result<(), TestCaseError> {
        let (Some(wa), Some(wc)) = (Nat::<W>::from_words(a), Nat::<W>::from_words(c)) else {
            prop_assert!(!fits::<W>(&big(a)) || !fits::<W>(&big(c)));
            return Ok(());
        };
        let (ba, bc) = (big(a), big(c));
        prop_assert_eq!(wa.to_biguint(), ba.clone());
        prop_assert_eq!(wa.bits(), ba.bits());
        prop_assert_eq!(wa.trailing_zeros(), ba.trailing_zeros());
        prop_assert_eq!(wa.is_zero(), ba.is_zero());
        prop_assert_eq!(wa.to_u128(), ba.to_u128());
        prop_assert_eq!(wa.cmp(&wc), ba.cmp(&bc));
        prop_assert_eq!(
            wa.checked_sub(&wc).map(Nat::to_biguint),
            (ba >= bc).then(|| &ba - &bc)
        );
        // Shifts.
        let expected = &ba << shift as usize;
        prop_assert_eq!(
            wa.checked_shl(shift).map(Nat::to_biguint),
            fits::<W>(&expected).then_some(expected)
        );
        let (q, lost) = wa.shr(shift);
        prop_assert_eq!(q.to_biguint(), &ba >> shift as usize);
        prop_assert_eq!(lost, (&ba >> shift as usize) << shift as usize != ba);
        // Products: exact when they fit; a None only when close to the width.
        let expected = &ba * &bc;
        match wa.checked_mul(&wc) {
            Some(p) => prop_assert_eq!(p.to_biguint(), expected),
            None => prop_assert!(ba.bits() + bc.bits() > 64 * W as u64),
        }
        let expected = &ba * k;
        prop_assert_eq!(
            wa.checked_mul_u64(k).map(Nat::to_biguint),
            fits::<W>(&expected).then_some(expected)
        );
        // Division by a word.
        match wa.div_rem_u64(k) {
            None => prop_assert_eq!(k, 0),
            Some((q, r)) => {
                prop_assert_eq!(q.to_biguint(), &ba / k);
                prop_assert_eq!(r, (&ba % k).to_u64().unwrap());
            }
        }
        // Windows.
        let (scaled, exact) = if window_shift >= 0 {
            (&ba << window_shift as usize, true)
        } else {
            let q = &ba >> (-window_shift) as usize;
            let exact = (&q << (-window_shift) as usize) == ba;
            (q, exact)
        };
        match wa.window(window_shift) {
            Some((words, lost)) => {
                prop_assert_eq!(big(&words), scaled);
                prop_assert_eq!(lost, !exact);
            }
            None => prop_assert!(scaled.bits() > 192),
        }
        prop_assert_eq!(wa.resize::<8>().map(Nat::to_biguint), Some(ba.clone()));
        prop_assert_eq!(
            wa.resize::<2>().map(Nat::to_biguint),
            (ba.bits() <= 128).then_some(ba)
        );
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn narrow_naturals_match_bigint(
            a in nat(5), c in nat(5), k in any::<u64>(), shift in 0u64..300, ws in -300i64..200,
        ) {
            check_ops::<NARROW_WORDS>(&a, &c, k, shift, ws)?;
        }

        #[test]
        fn wide_naturals_match_bigint(
            a in nat(9), c in nat(9), k in any::<u64>(), shift in 0u64..600, ws in -600i64..200,
        ) {
            check_ops::<WIDE_WORDS>(&a, &c, k, shift, ws)?;
        }

        #[test]
        fn isqrt_matches_bigint(x in any::<u128>(), bits in 0u32..128) {
            let x = x >> bits;
            prop_assert_eq!(isqrt_u128(x), BigUint::from(x).sqrt().to_u128().unwrap());
        }
    }

    #[test]
    fn isqrt_near_squares() {
        for r in [1u128, 2, 3, (1 << 56) + 1, (1 << 58) - 1, u64::MAX as u128] {
            let sq = r * r;
            assert_eq!(isqrt_u128(sq), r);
            assert_eq!(isqrt_u128(sq - 1), r - 1);
            assert_eq!(isqrt_u128(sq + 1), r);
        }
        assert_eq!(isqrt_u128(u128::MAX), u64::MAX as u128);
    }
}
