//! A natural number of at most 512 bits, held on the stack: the few operations the heap-free
//! finalization of exact sums needs (multiply, shift, subtract, divide by a machine word).
//!
//! Every operation that could exceed the fixed width returns `None`, and the callers then fall
//! back to the big-integer path, so the width only decides which path runs, never a result.

use std::cmp::Ordering;

/// Words of a [`WideNat`] (512 bits).
pub(crate) const WIDE_WORDS: usize = 8;

/// A natural number below `2^(64 * WIDE_WORDS)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WideNat {
    /// Little-endian words; `words[len..]` are zero.
    words: [u64; WIDE_WORDS],
    /// Significant words: `words[len - 1] != 0`, or `len == 0` for zero.
    len: usize,
}

impl WideNat {
    /// Zero.
    pub(crate) const ZERO: WideNat = WideNat {
        words: [0; WIDE_WORDS],
        len: 0,
    };

    /// The number whose little-endian words are `words` (trailing zero words allowed); `None`
    /// when it does not fit.
    pub(crate) fn from_words(words: &[u64]) -> Option<WideNat> {
        let len = words.iter().rposition(|&w| w != 0).map_or(0, |i| i + 1);
        if len > WIDE_WORDS {
            return None;
        }
        let mut out = WideNat::ZERO;
        out.words[..len].copy_from_slice(&words[..len]);
        out.len = len;
        Some(out)
    }

    /// A 128-bit number.
    pub(crate) fn from_u128(v: u128) -> WideNat {
        let mut out = WideNat::ZERO;
        out.words[0] = v as u64;
        out.words[1] = (v >> 64) as u64;
        out.trim_from(2);
        out
    }

    /// Sets `len` from the words, looking at `words[..upper]` only.
    fn trim_from(&mut self, upper: usize) {
        let mut len = upper.min(WIDE_WORDS);
        while len > 0 && self.words[len - 1] == 0 {
            len -= 1;
        }
        self.len = len;
    }

    /// The significant words, little-endian.
    pub(crate) fn words(&self) -> &[u64] {
        &self.words[..self.len]
    }

    /// True for zero.
    pub(crate) fn is_zero(&self) -> bool {
        self.len == 0
    }

    /// The number of bits (0 for zero).
    pub(crate) fn bits(&self) -> u64 {
        match self.len {
            0 => 0,
            len => 64 * len as u64 - u64::from(self.words[len - 1].leading_zeros()),
        }
    }

    /// The number of trailing zero bits (`None` for zero).
    pub(crate) fn trailing_zeros(&self) -> Option<u64> {
        let i = self.words().iter().position(|&w| w != 0)?;
        Some(64 * i as u64 + u64::from(self.words[i].trailing_zeros()))
    }

    /// The value when it fits in 128 bits.
    pub(crate) fn to_u128(self) -> Option<u128> {
        (self.len <= 2).then(|| u128::from(self.words[0]) | u128::from(self.words[1]) << 64)
    }

    /// `floor(self * 2^shift)` as three little-endian words, and whether that dropped a non-zero
    /// bit, reading only the words it needs; `None` when it is `2^192` or more.
    pub(crate) fn window(&self, shift: i64) -> Option<([u64; 3], bool)> {
        let mut out = [0u64; 3];
        if self.is_zero() {
            return Some((out, false));
        }
        if self.bits() as i64 + shift > 192 {
            return None;
        }
        let words = self.words();
        let (skip, bit) = (
            (shift.unsigned_abs() / 64) as usize,
            (shift.unsigned_abs() % 64) as u32,
        );
        if shift >= 0 {
            // The whole number moves up; it fits, so word i lands in out[i + skip] and above.
            for (i, &w) in words.iter().enumerate() {
                if let Some(o) = out.get_mut(i + skip) {
                    *o |= w << bit;
                }
                if let (true, Some(o)) = (bit != 0, out.get_mut(i + skip + 1)) {
                    *o |= w >> (64 - bit);
                }
            }
            return Some((out, false));
        }
        // Down by skip words and bit bits: out[k] takes from words skip + k and skip + k + 1.
        let Some(kept) = words.get(skip..) else {
            return Some((out, true)); // every bit shifted out, and the number is not zero
        };
        for (k, o) in out.iter_mut().enumerate() {
            let low = kept.get(k).copied().unwrap_or(0);
            let high = kept.get(k + 1).copied().unwrap_or(0);
            *o = if bit == 0 {
                low
            } else {
                low >> bit | high << (64 - bit)
            };
        }
        let lost_words = words[..skip].iter().any(|&w| w != 0);
        let lost_bits = bit != 0 && kept.first().is_some_and(|&w| w & ((1u64 << bit) - 1) != 0);
        Some((out, lost_words || lost_bits))
    }

    /// `self * 2^shift`; `None` when it does not fit.
    pub(crate) fn checked_shl(&self, shift: u64) -> Option<WideNat> {
        if self.is_zero() || shift == 0 {
            return Some(*self);
        }
        if self.bits() + shift > 64 * WIDE_WORDS as u64 {
            return None;
        }
        let (skip, bit) = ((shift / 64) as usize, (shift % 64) as u32);
        let mut out = WideNat::ZERO;
        for i in 0..self.len {
            let w = self.words[i];
            out.words[i + skip] |= w << bit;
            if bit != 0 && i + skip + 1 < WIDE_WORDS {
                out.words[i + skip + 1] = w >> (64 - bit);
            }
        }
        out.trim_from(self.len + skip + 1);
        Some(out)
    }

    /// `floor(self / 2^shift)`, and whether a non-zero bit was shifted out.
    pub(crate) fn shr(&self, shift: u64) -> (WideNat, bool) {
        if shift == 0 {
            return (*self, false);
        }
        if shift >= self.bits() {
            return (WideNat::ZERO, !self.is_zero());
        }
        let (skip, bit) = ((shift / 64) as usize, (shift % 64) as u32);
        let lost_words = self.words[..skip].iter().any(|&w| w != 0);
        let lost_bits = bit != 0 && self.words[skip] & ((1u64 << bit) - 1) != 0;
        let mut out = WideNat::ZERO;
        for i in skip..self.len {
            let mut w = self.words[i] >> bit;
            if bit != 0 && i + 1 < self.len {
                w |= self.words[i + 1] << (64 - bit);
            }
            out.words[i - skip] = w;
        }
        out.trim_from(self.len - skip);
        (out, lost_words || lost_bits)
    }

    /// `self * k`; `None` when it does not fit.
    pub(crate) fn checked_mul_u64(&self, k: u64) -> Option<WideNat> {
        let mut out = WideNat::ZERO;
        let mut carry = 0u64;
        for i in 0..self.len {
            let p = u128::from(self.words[i]) * u128::from(k) + u128::from(carry);
            out.words[i] = p as u64;
            carry = (p >> 64) as u64;
        }
        if carry != 0 {
            if self.len >= WIDE_WORDS {
                return None;
            }
            out.words[self.len] = carry;
        }
        out.trim_from(self.len + 1);
        Some(out)
    }

    /// `self * other`; `None` when it does not fit.
    pub(crate) fn checked_mul(&self, other: &WideNat) -> Option<WideNat> {
        if self.is_zero() || other.is_zero() {
            return Some(WideNat::ZERO);
        }
        if self.len + other.len > WIDE_WORDS + 1 {
            return None;
        }
        let mut product = [0u64; 2 * WIDE_WORDS];
        for i in 0..self.len {
            let mut carry = 0u64;
            let a = u128::from(self.words[i]);
            for j in 0..other.len {
                let p =
                    a * u128::from(other.words[j]) + u128::from(product[i + j]) + u128::from(carry);
                product[i + j] = p as u64;
                carry = (p >> 64) as u64;
            }
            product[i + other.len] = carry;
        }
        WideNat::from_words(&product[..self.len + other.len])
    }

    /// `self - other`; `None` when `other > self`.
    pub(crate) fn checked_sub(&self, other: &WideNat) -> Option<WideNat> {
        if other.len > self.len {
            return None;
        }
        let mut out = WideNat::ZERO;
        let mut borrow = false;
        for i in 0..self.len {
            let (d, b1) = self.words[i].overflowing_sub(other.words[i]);
            let (d, b2) = d.overflowing_sub(u64::from(borrow));
            out.words[i] = d;
            borrow = b1 || b2;
        }
        if borrow {
            return None;
        }
        out.trim_from(self.len);
        Some(out)
    }

    /// `(floor(self / d), self mod d)`; `d` must be non-zero (zero gives `None`).
    pub(crate) fn div_rem_u64(&self, d: u64) -> Option<(WideNat, u64)> {
        if d == 0 {
            return None;
        }
        let mut out = WideNat::ZERO;
        let mut rem = 0u64;
        for i in (0..self.len).rev() {
            let cur = u128::from(rem) << 64 | u128::from(self.words[i]);
            out.words[i] = (cur / u128::from(d)) as u64;
            rem = (cur % u128::from(d)) as u64;
        }
        out.trim_from(self.len);
        Some((out, rem))
    }

    #[cfg(test)]
    /// The same number as a big integer.
    pub(crate) fn to_biguint(self) -> num_bigint::BigUint {
        let digits: Vec<u32> = self
            .words()
            .iter()
            .flat_map(|&w| [w as u32, (w >> 32) as u32])
            .collect();
        num_bigint::BigUint::new(digits)
    }
}

impl PartialOrd for WideNat {
    fn partial_cmp(&self, other: &WideNat) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for WideNat {
    fn cmp(&self, other: &WideNat) -> Ordering {
        self.len
            .cmp(&other.len)
            .then_with(|| self.words().iter().rev().cmp(other.words().iter().rev()))
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

    fn fits(b: &BigUint) -> bool {
        b.bits() <= 64 * WIDE_WORDS as u64
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn words_round_trip(a in nat(WIDE_WORDS)) {
            let w = WideNat::from_words(&a).unwrap();
            prop_assert_eq!(w.to_biguint(), big(&a));
            prop_assert_eq!(w.bits(), big(&a).bits());
            prop_assert_eq!(w.trailing_zeros(), big(&a).trailing_zeros());
            prop_assert_eq!(w.is_zero(), big(&a).is_zero());
            prop_assert_eq!(w.to_u128(), big(&a).to_u128());
        }

        #[test]
        fn shifts_match_bigint(a in nat(WIDE_WORDS), shift in 0u64..600) {
            let w = WideNat::from_words(&a).unwrap();
            let b = big(&a);
            let expected = &b << shift as usize;
            prop_assert_eq!(w.checked_shl(shift).map(WideNat::to_biguint), fits(&expected).then_some(expected));
            let (q, lost) = w.shr(shift);
            prop_assert_eq!(q.to_biguint(), &b >> shift as usize);
            prop_assert_eq!(lost, (&b >> shift as usize) << shift as usize != b);
        }

        #[test]
        fn windows_match_bigint(a in nat(WIDE_WORDS), shift in -600i64..200) {
            let w = WideNat::from_words(&a).unwrap();
            let b = big(&a);
            let (scaled, exact) = if shift >= 0 {
                (&b << shift as usize, true)
            } else {
                let q = &b >> (-shift) as usize;
                let exact = (&q << (-shift) as usize) == b;
                (q, exact)
            };
            match w.window(shift) {
                Some((words, lost)) => {
                    prop_assert_eq!(big(&words), scaled);
                    prop_assert_eq!(lost, !exact);
                }
                None => prop_assert!(scaled.bits() > 192),
            }
        }

        #[test]
        fn products_match_bigint(a in nat(WIDE_WORDS), c in nat(WIDE_WORDS), k in any::<u64>()) {
            let (wa, wc) = (WideNat::from_words(&a).unwrap(), WideNat::from_words(&c).unwrap());
            let expected = big(&a) * big(&c);
            prop_assert_eq!(wa.checked_mul(&wc).map(WideNat::to_biguint), fits(&expected).then_some(expected));
            let expected = big(&a) * k;
            prop_assert_eq!(wa.checked_mul_u64(k).map(WideNat::to_biguint), fits(&expected).then_some(expected));
        }

        #[test]
        fn differences_and_order_match_bigint(a in nat(WIDE_WORDS), c in nat(WIDE_WORDS)) {
            let (wa, wc) = (WideNat::from_words(&a).unwrap(), WideNat::from_words(&c).unwrap());
            let (ba, bc) = (big(&a), big(&c));
            prop_assert_eq!(wa.cmp(&wc), ba.cmp(&bc));
            prop_assert_eq!(wa.checked_sub(&wc).map(WideNat::to_biguint), (ba >= bc).then(|| &ba - &bc));
        }

        #[test]
        fn division_matches_bigint(a in nat(WIDE_WORDS), d in any::<u64>()) {
            let w = WideNat::from_words(&a).unwrap();
            let b = big(&a);
            match w.div_rem_u64(d) {
                None => prop_assert_eq!(d, 0),
                Some((q, r)) => {
                    prop_assert_eq!(q.to_biguint(), &b / d);
                    prop_assert_eq!(r, (&b % d).to_u64().unwrap());
                }
            }
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
