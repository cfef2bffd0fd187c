//! Exact running sums of a data set: count, Σx, Σx², and CPython's side sum of non-finite values.
//!
//! This is CPython's `_sum` / `_ss` bookkeeping without fractions: finite values go into
//! fixed-size superaccumulators (ints beyond `i64` into big integers, once each), non-finite ones
//! are added as floats in data order, starting from `0`, exactly as CPython's `partials[None]`.
//!
//! ```
//! use rstats::internals::exact::{Moments, Parts};
//! let mut m = Moments::new(true);
//! for x in [1.0f64, 2.5, -0.5] {
//!     m.add(Parts::from_f64(x));
//! }
//! assert_eq!(m.count(), 3);
//! assert_eq!(m.sum().to_ratio().to_f64(), Some(3.0));
//! assert_eq!(m.sum_of_squares().to_ratio().to_f64(), Some(7.5));
//! ```

use super::accumulator::{SQUARE_BIAS, SQUARE_LIMBS, SUM_BIAS, SUM_LIMBS};
use super::wide_sums::WideDyadic;
use super::window::{WindowAccumulator, SQUARE_BELOW, SQUARE_WINDOW, SUM_BELOW, SUM_WINDOW};
use super::Dyadic;
use num_bigint::BigInt;
use num_traits::Zero;

/// One value, taken apart for exact accumulation.
#[derive(Debug, Clone, Copy)]
pub enum Parts<'a> {
    /// `±mag · 2^exp`: every finite float and every int that fits in 64 bits.
    Finite {
        /// The magnitude's integer part.
        mag: u64,
        /// The power of two.
        exp: i32,
        /// The sign.
        negative: bool,
    },
    /// An int beyond 64 bits.
    Big(&'a BigInt),
    /// A float infinity or NaN.
    NonFinite(f64),
}

impl Parts<'static> {
    /// The parts of a float.
    #[inline]
    pub fn from_f64(x: f64) -> Parts<'static> {
        let bits = x.to_bits();
        let negative = bits >> 63 == 1;
        let biased = ((bits >> 52) & 0x7FF) as i32;
        let fraction = bits & ((1 << 52) - 1);
        match biased {
            0x7FF => Parts::NonFinite(x),
            0 => Parts::Finite {
                mag: fraction,
                exp: -1074,
                negative,
            },
            _ => Parts::Finite {
                mag: fraction | (1 << 52),
                exp: biased - 1075,
                negative,
            },
        }
    }

    /// The parts of a machine int.
    #[inline]
    pub fn from_i64(i: i64) -> Parts<'static> {
        Parts::Finite {
            mag: i.unsigned_abs(),
            exp: 0,
            negative: i < 0,
        }
    }
}

/// Exact Σx and (optionally) Σx² of the values added so far.
#[derive(Clone)]
pub struct Moments {
    count: u64,
    sum: WindowAccumulator<SUM_WINDOW, SUM_LIMBS>,
    sum_sq: Option<WindowAccumulator<SQUARE_WINDOW, SQUARE_LIMBS>>,
    big_sum: BigInt,
    big_sum_sq: BigInt,
    non_finite: Option<f64>,
}

impl Moments {
    /// Empty sums; `squares` says whether Σx² is kept too.
    pub fn new(squares: bool) -> Moments {
        Moments {
            count: 0,
            sum: WindowAccumulator::new(SUM_BIAS, SUM_BELOW),
            sum_sq: squares.then(|| WindowAccumulator::new(SQUARE_BIAS, SQUARE_BELOW)),
            big_sum: BigInt::zero(),
            big_sum_sq: BigInt::zero(),
            non_finite: None,
        }
    }

    /// Adds one value.
    #[inline(always)]
    pub fn add(&mut self, parts: Parts<'_>) {
        self.count += 1;
        match parts {
            Parts::Finite { mag, exp, negative } => {
                self.sum.add_digits::<3>(u128::from(mag), exp, negative);
                if let Some(sq) = &mut self.sum_sq {
                    let mag = u128::from(mag);
                    sq.add_digits::<5>(mag * mag, 2 * exp, false);
                }
            }
            other => self.add_rare(other),
        }
    }

    /// [`Moments::add`] of an int beyond 64 bits or a non-finite float: out of the hot loop.
    #[cold]
    #[inline(never)]
    fn add_rare(&mut self, parts: Parts<'_>) {
        match parts {
            Parts::Finite { .. } => {}
            Parts::Big(b) => {
                self.big_sum += b;
                if self.sum_sq.is_some() {
                    self.big_sum_sq += b * b;
                }
            }
            Parts::NonFinite(x) => {
                // CPython: partials[None] = partials.get(None, 0) + x, in data order.
                self.non_finite = Some(self.non_finite.unwrap_or(0.0) + x);
            }
        }
    }

    /// How many values were added.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The float sum of the non-finite values, when there were any (CPython then ignores the
    /// finite ones).
    pub fn non_finite(&self) -> Option<f64> {
        self.non_finite
    }

    /// The exact Σx of the finite values.
    pub fn sum(&self) -> Dyadic {
        self.sum
            .to_dyadic()
            .add(&Dyadic::from_int(self.big_sum.clone()))
    }

    /// The exact Σx of the finite values when it fits in `W` words (and no int beyond 64 bits
    /// was added), without the heap.
    pub(crate) fn wide_sum<const W: usize>(&self) -> Option<WideDyadic<W>> {
        if !self.big_sum.is_zero() {
            return None;
        }
        self.sum.to_wide()
    }

    /// The exact Σx² as [`Moments::wide_sum`] gives Σx.
    pub(crate) fn wide_sum_of_squares<const W: usize>(&self) -> Option<WideDyadic<W>> {
        if !self.big_sum_sq.is_zero() {
            return None;
        }
        match &self.sum_sq {
            Some(sq) => sq.to_wide(),
            None => Some(WideDyadic::ZERO),
        }
    }

    /// The exact Σx² of the finite values (zero if squares were not kept).
    pub fn sum_of_squares(&self) -> Dyadic {
        let small = match &self.sum_sq {
            Some(sq) => sq.to_dyadic(),
            None => Dyadic::zero(),
        };
        small.add(&Dyadic::from_int(self.big_sum_sq.clone()))
    }
}
