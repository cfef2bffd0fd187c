//! A superaccumulator that starts as a small window placed where the first term lands, and
//! spills into the full-range [`FixedAccumulator`] on the heap only when a term falls outside it.
//!
//! Sums of real data rarely span more than a few hundred bits, so the window (a few hundred
//! bytes) usually holds the whole sum: nothing to allocate, little to zero, and the same exact
//! total. Data spread over more binades take the full-range accumulator, as before.

use super::accumulator::FixedAccumulator;
use super::wide_sums::WideDyadic;
use super::Dyadic;

/// Limbs of the window for Σx (512 bits).
pub(crate) const SUM_WINDOW: usize = 16;
/// Window limbs kept below the first term of Σx (the rest is above it, for larger terms and for
/// the growth of the sum).
pub(crate) const SUM_BELOW: usize = 6;
/// Limbs of the window for Σx² (768 bits).
pub(crate) const SQUARE_WINDOW: usize = 24;
/// Window limbs kept below the first term of Σx².
pub(crate) const SQUARE_BELOW: usize = 10;

/// An exact sum of terms `±mag · 2^exp`, as [`FixedAccumulator<FULL>`] with bias `full_bias`
/// would hold it, in a `WINDOW`-limb window until a term does not fit.
#[derive(Clone)]
pub(crate) struct WindowAccumulator<const WINDOW: usize, const FULL: usize> {
    window: FixedAccumulator<WINDOW>,
    full: Option<Box<FixedAccumulator<FULL>>>,
    full_bias: i32,
    below: usize,
}

impl<const WINDOW: usize, const FULL: usize> WindowAccumulator<WINDOW, FULL> {
    /// An empty sum over the range of `FixedAccumulator::<FULL>::new(full_bias)`, whose window
    /// will keep `below` limbs under the first term.
    pub(crate) fn new(full_bias: i32, below: usize) -> Self {
        WindowAccumulator {
            window: FixedAccumulator::new(full_bias),
            full: None,
            full_bias,
            below,
        }
    }

    /// Adds `mag · 2^exp` (subtracts it when `negative`).
    #[inline]
    #[cfg(test)]
    pub(crate) fn add(&mut self, mag: u128, exp: i32, negative: bool) {
        if mag >> 64 == 0 {
            self.add_digits::<3>(mag, exp, negative);
        } else {
            self.add_digits::<5>(mag, exp, negative);
        }
    }

    /// Adds `mag · 2^exp` (subtracts it when `negative`) for a term of `DIGITS` digits, as
    /// [`FixedAccumulator::try_add_digits`] takes it.
    #[inline(always)]
    pub(crate) fn add_digits<const DIGITS: usize>(&mut self, mag: u128, exp: i32, negative: bool) {
        if let Some(full) = &mut self.full {
            let added = full.try_add_digits::<DIGITS>(mag, exp, negative);
            debug_assert!(added, "term outside the accumulator's range");
            return;
        }
        if self.window.is_empty() && mag != 0 {
            self.place(exp);
        }
        if !self.window.try_add_digits::<DIGITS>(mag, exp, negative) {
            self.spill().add(mag, exp, negative);
        }
    }

    /// Places the (empty) window around a first term of exponent `exp`, on the full range's limb
    /// grid, so that spilling is a copy of limbs.
    #[cold]
    fn place(&mut self, exp: i32) {
        let limb = (i64::from(exp) + i64::from(self.full_bias)).max(0) / 32;
        let start = (limb as usize)
            .saturating_sub(self.below)
            .min(FULL.saturating_sub(WINDOW));
        self.window.rebias(self.full_bias - 32 * start as i32);
    }

    /// Moves the sum into the full-range accumulator, from now on the only one used.
    #[cold]
    fn spill(&mut self) -> &mut FixedAccumulator<FULL> {
        let full = FixedAccumulator::from_window(&self.window, self.full_bias);
        // The window always sits on the full range's grid; were it not, the window's terms would
        // be lost, so keep adding to an empty full-range sum only in that impossible case.
        debug_assert!(full.is_some(), "window off the full range's grid");
        self.full.insert(Box::new(
            full.unwrap_or_else(|| FixedAccumulator::new(self.full_bias)),
        ))
    }

    /// True when nothing but zeros was added.
    #[cfg(test)]
    fn is_empty(&self) -> bool {
        match &self.full {
            Some(full) => full.is_empty(),
            None => self.window.is_empty(),
        }
    }

    /// The exact total.
    pub(crate) fn to_dyadic(&self) -> Dyadic {
        match &self.full {
            Some(full) => full.to_dyadic(),
            None => self.window.to_dyadic(),
        }
    }

    /// The exact total when it fits in `W` words, without the heap.
    pub(crate) fn to_wide<const W: usize>(&self) -> Option<WideDyadic<W>> {
        match &self.full {
            Some(full) => full.to_wide(),
            None => self.window.to_wide(),
        }
    }

    /// True while the window holds the sum (nothing spilled).
    #[cfg(test)]
    fn in_window(&self) -> bool {
        self.full.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exact::accumulator::{SQUARE_BIAS, SQUARE_LIMBS, SUM_BIAS, SUM_LIMBS};
    use proptest::prelude::*;

    fn terms(exp_range: std::ops::Range<i32>) -> impl Strategy<Value = Vec<(u128, i32, bool)>> {
        prop::collection::vec(
            (
                prop_oneof![
                    any::<u64>().prop_map(u128::from),
                    any::<u64>().prop_map(|m| u128::from(m >> 11) * u128::from(m >> 11)),
                    Just(0u128),
                    Just(1u128),
                ],
                exp_range,
                any::<bool>(),
            ),
            0..60,
        )
    }

    /// The window's total is the full-range accumulator's, spilled or not.
    fn check<const W: usize, const F: usize>(
        terms: &[(u128, i32, bool)],
        bias: i32,
        below: usize,
    ) -> std::result::Result<bool, TestCaseError> {
        let mut window = WindowAccumulator::<W, F>::new(bias, below);
        let mut full = FixedAccumulator::<F>::new(bias);
        for &(mag, exp, negative) in terms {
            window.add(mag, exp, negative);
            full.add(mag, exp, negative);
        }
        prop_assert_eq!(window.to_dyadic(), full.to_dyadic());
        prop_assert_eq!(window.is_empty(), full.is_empty());
        prop_assert_eq!(
            window.to_wide::<8>().map(WideDyadic::to_dyadic),
            full.to_wide::<8>().map(WideDyadic::to_dyadic)
        );
        Ok(window.in_window())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn sums_match_the_full_range(terms in terms(-1074..900)) {
            check::<SUM_WINDOW, SUM_LIMBS>(&terms, SUM_BIAS, SUM_BELOW)?;
        }

        #[test]
        fn narrow_sums_stay_in_the_window(base in -1074i32..900, terms in terms(0..100)) {
            let terms: Vec<_> = terms
                .into_iter()
                .map(|(m, e, s)| (m & u128::from(u64::MAX), (e + base).min(900), s))
                .collect();
            let kept = check::<SUM_WINDOW, SUM_LIMBS>(&terms, SUM_BIAS, SUM_BELOW)?;
            // Terms of 64 bits within 100 binades of each other: at most 5 limbs below the first
            // and 5 above it, with room for both in the window even where the range's bottom or
            // top clamps it.
            prop_assert!(kept);
        }

        #[test]
        fn sums_of_squares_match_the_full_range(terms in terms(-2148..1800)) {
            check::<SQUARE_WINDOW, SQUARE_LIMBS>(&terms, SQUARE_BIAS, SQUARE_BELOW)?;
        }
    }

    #[test]
    fn spills_keep_the_window_total() {
        let mut acc = WindowAccumulator::<SUM_WINDOW, SUM_LIMBS>::new(SUM_BIAS, SUM_BELOW);
        acc.add(3, 0, false);
        acc.add(1, -1074, true);
        assert!(!acc.in_window());
        acc.add(1 << 52, 971, false);
        let mut full = FixedAccumulator::<SUM_LIMBS>::new(SUM_BIAS);
        full.add(3, 0, false);
        full.add(1, -1074, true);
        full.add(1 << 52, 971, false);
        assert_eq!(acc.to_dyadic(), full.to_dyadic());
    }
}
