//! A fixed-size superaccumulator: exact sums of `±m · 2^e` terms with no allocation per term.
//!
//! The accumulator is an array of signed 64-bit limbs, each standing for 32 bits of a very long
//! fixed-point number (bit 0 of limb 0 has weight `2^-bias`). A term is split into 32-bit digits
//! that are added to consecutive limbs without carrying; carries are propagated every 2^29 terms
//! and once at the end, so each term costs a few integer additions. Big-number work happens once,
//! in [`FixedAccumulator::to_dyadic`].
//!
//! ```
//! use rstats::exact::{FixedAccumulator, Dyadic};
//! use num_bigint::BigInt;
//! let mut acc = FixedAccumulator::<72>::new(1074);
//! acc.add(1, -1, false); // 0.5
//! acc.add(3, 0, true);   // -3
//! assert_eq!(acc.to_dyadic(), Dyadic::new(BigInt::from(-5), -1)); // -2.5
//! ```

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
        if mag == 0 {
            return;
        }
        let Ok(pos) = u32::try_from(exp + self.bias) else {
            debug_assert!(false, "term below the accumulator's range");
            return;
        };
        let k = (pos / DIGIT_BITS) as usize;
        let o = pos % DIGIT_BITS;
        let low = mag << o;
        let high = if o == 0 { 0 } else { mag >> (128 - o) };
        let digits = [
            (low as u64 & 0xFFFF_FFFF) as i64,
            ((low >> 32) as u64 & 0xFFFF_FFFF) as i64,
            ((low >> 64) as u64 & 0xFFFF_FFFF) as i64,
            ((low >> 96) as u64 & 0xFFFF_FFFF) as i64,
            high as i64,
        ];
        // A term below 2^64 shifted by at most 31 bits fits in three digits.
        let used = if mag >> 64 == 0 { 3 } else { 5 };
        if k + used + 2 > LIMBS {
            debug_assert!(false, "term above the accumulator's range");
            return;
        }
        let limbs = &mut self.limbs[k..k + used];
        if negative {
            for (limb, d) in limbs.iter_mut().zip(digits) {
                *limb -= d;
            }
        } else {
            for (limb, d) in limbs.iter_mut().zip(digits) {
                *limb += d;
            }
        }
        self.lowest = self.lowest.min(k);
        self.highest = self.highest.max(k + used);
        self.pending += 1;
        if self.pending >= NORMALIZE_EVERY {
            self.normalize();
        }
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

    /// The exact total.
    pub fn to_dyadic(&self) -> Dyadic {
        if self.is_empty() {
            return Dyadic::zero();
        }
        let mut acc = self.clone();
        acc.normalize();
        let top = acc.highest;
        let digits: Vec<u32> = acc.limbs[acc.lowest..top]
            .iter()
            .map(|&d| d as u32)
            .collect();
        let low_part = BigInt::from(BigUint::new(digits));
        let high_part = BigInt::from(acc.limbs[top]) << (DIGIT_BITS as usize * (top - acc.lowest));
        let exp = i64::from(DIGIT_BITS) * acc.lowest as i64 - i64::from(acc.bias);
        Dyadic::new(low_part + high_part, exp)
    }
}
