//! Exact arithmetic: exact sums of numbers and of their squares, exact rationals, and their
//! correctly rounded conversion to floats.
//!
//! Every finite float and every int is a dyadic rational `m · 2^e`, so sums and squares of them
//! are dyadic too ([`Dyadic`]). Divisions by the count make rationals ([`Ratio`]), which are
//! rounded once, correctly, at the end ([`rounding`]).

pub mod accumulator;
pub mod moments;
pub mod rounding;
pub(crate) mod wide;
pub(crate) mod wide_rounding;
pub(crate) mod wide_sums;
mod window;

pub use accumulator::FixedAccumulator;
pub use moments::{Moments, Parts};

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

/// An exact dyadic rational `mant · 2^exp`, kept with an odd mantissa (or zero with exponent 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dyadic {
    mant: BigInt,
    exp: i64,
}

impl Dyadic {
    /// `mant · 2^exp`, normalized.
    pub fn new(mant: BigInt, exp: i64) -> Dyadic {
        match mant.trailing_zeros() {
            None => Dyadic::zero(),
            Some(tz) => Dyadic {
                mant: mant >> tz as usize,
                exp: exp + tz as i64,
            },
        }
    }

    /// Zero.
    pub fn zero() -> Dyadic {
        Dyadic {
            mant: BigInt::zero(),
            exp: 0,
        }
    }

    /// An integer.
    pub fn from_int(i: BigInt) -> Dyadic {
        Dyadic::new(i, 0)
    }

    /// The odd mantissa (zero for zero).
    pub fn mantissa(&self) -> &BigInt {
        &self.mant
    }

    /// The power-of-two exponent.
    pub fn exponent(&self) -> i64 {
        self.exp
    }

    /// True for zero.
    pub fn is_zero(&self) -> bool {
        self.mant.is_zero()
    }

    /// The sum of two dyadics.
    pub fn add(&self, other: &Dyadic) -> Dyadic {
        if self.is_zero() {
            return other.clone();
        }
        if other.is_zero() {
            return self.clone();
        }
        let exp = self.exp.min(other.exp);
        let a = &self.mant << (self.exp - exp) as usize;
        let b = &other.mant << (other.exp - exp) as usize;
        Dyadic::new(a + b, exp)
    }

    /// The product of two dyadics.
    pub fn mul(&self, other: &Dyadic) -> Dyadic {
        Dyadic::new(&self.mant * &other.mant, self.exp + other.exp)
    }

    /// This value times an integer.
    pub fn mul_int(&self, k: &BigInt) -> Dyadic {
        Dyadic::new(&self.mant * k, self.exp)
    }

    /// The negated value.
    pub fn neg(&self) -> Dyadic {
        Dyadic {
            mant: -&self.mant,
            exp: self.exp,
        }
    }

    /// The value as an integer, when it is one.
    pub fn to_integer(&self) -> Option<BigInt> {
        if self.exp < 0 {
            return None;
        }
        Some(&self.mant << self.exp as usize)
    }

    /// The value as a ratio of integers.
    pub fn to_ratio(&self) -> Ratio {
        if self.exp >= 0 {
            Ratio::new(&self.mant << self.exp as usize, BigUint::one())
        } else {
            Ratio::new(self.mant.clone(), BigUint::one() << (-self.exp) as usize)
        }
    }
}

/// An exact rational `num / den` with `den > 0`, not necessarily in lowest terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ratio {
    /// The numerator.
    pub num: BigInt,
    /// The denominator (positive).
    pub den: BigUint,
}

impl Ratio {
    /// `num / den`; `den` must be positive.
    pub fn new(num: BigInt, den: BigUint) -> Ratio {
        Ratio { num, den }
    }

    /// This ratio divided by a positive integer.
    pub fn div_int(&self, k: u64) -> Ratio {
        Ratio::new(self.num.clone(), &self.den * BigUint::from(k))
    }

    /// The integer value, when the ratio is an integer.
    pub fn to_integer(&self) -> Option<BigInt> {
        let den = BigInt::from_biguint(Sign::Plus, self.den.clone());
        let (q, r) = self.num.div_rem(&den);
        r.is_zero().then_some(q)
    }

    /// True when the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.num.is_negative()
    }

    /// The nearest float, or `None` when it overflows.
    pub fn to_f64(&self) -> Option<f64> {
        rounding::ratio_to_f64(&self.num, &self.den)
    }
}
