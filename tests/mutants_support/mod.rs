//! Shared by the tests written against mutants (`tests/mutants_*.rs`).
// Each test binary uses only some of these.
#![allow(dead_code)]

use num_bigint::BigUint;
use num_traits::{One, Zero};

/// SplitMix64: a tiny deterministic generator, so the tests need no `rand`.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A random natural number of exactly `bits` bits (zero for 0 bits).
    pub fn natural(&mut self, bits: u64) -> BigUint {
        if bits == 0 {
            return BigUint::zero();
        }
        let mut n = BigUint::zero();
        while n.bits() < bits {
            n = (n << 64u32) | BigUint::from(self.next_u64());
        }
        n >>= n.bits() - bits;
        n | (BigUint::one() << (bits - 1))
    }

    /// A natural number with a random shape: random bits, a power of two, or a run of ones
    /// (the shapes that sit on rounding boundaries).
    pub fn shaped(&mut self, bits: u64) -> BigUint {
        match self.below(4) {
            0 => BigUint::one() << (bits.max(1) - 1),
            1 => (BigUint::one() << bits) - 1u32,
            _ => self.natural(bits),
        }
    }

    /// A float spread over the whole exponent range (subnormals and non-finite values too).
    pub fn any_float(&mut self) -> f64 {
        f64::from_bits(self.next_u64())
    }
}
