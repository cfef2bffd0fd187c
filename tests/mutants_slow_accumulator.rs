//! A slow test (about 30 s at the test profile) written against mutants of
//! `FixedAccumulator::normalize` and `touched` (`reference/MUTANTS.md`): the limbs' carries are pushed
//! up only every 2^29 terms, so only a sum of more terms than that can see a mistake there. It
//! is not in the test set `ci/mutants` runs for every mutant (it would double the run time);
//! `reference/MUTANTS.md` says how to run the normalization mutants against it.

use num_bigint::BigInt;
use rstats::internals::exact::accumulator::{SQUARE_BIAS, SQUARE_LIMBS, SUM_BIAS, SUM_LIMBS};
use rstats::internals::exact::{Dyadic, FixedAccumulator};

#[test]
fn accumulator_carries_survive_normalization() {
    // Limbs are normalized (their carries pushed up) every 2^29 terms; adding the largest 64-bit
    // magnitude that often crosses one normalization with every digit full. The total is checked
    // right after it (the 2^29th term) and after three more terms.
    let mag = u64::MAX;
    let mut acc = FixedAccumulator::<SUM_LIMBS>::new(SUM_BIAS);
    let mut terms: u64 = 0;
    for stop in [1u64 << 29, (1 << 29) + 3] {
        while terms < stop {
            acc.add(u128::from(mag), -40, false);
            terms += 1;
        }
        let expected = Dyadic::new(BigInt::from(mag) * BigInt::from(terms), -40);
        assert_eq!(acc.to_dyadic(), expected, "{terms} terms");
    }
}

#[test]
fn normalization_at_the_top_of_the_range_stays_in_it() {
    // The largest terms the squares' accumulator takes (106-bit magnitudes whose top digit sits
    // two limbs below its end): normalization then carries into the last limbs, which must stay
    // inside the array and be counted in the total. Negative terms carry -1 into every limb up
    // to the last one normalized.
    let mag = u128::MAX >> 22;
    let exp = 32 * (SQUARE_LIMBS as i32 - 7) - SQUARE_BIAS;
    for negative in [false, true] {
        let mut acc = FixedAccumulator::<SQUARE_LIMBS>::new(SQUARE_BIAS);
        let mut terms: u64 = 0;
        for stop in [1u64 << 29, (1 << 29) + 3] {
            while terms < stop {
                acc.add(mag, exp, negative);
                terms += 1;
            }
            let total = BigInt::from(mag) * BigInt::from(terms);
            let total = if negative { -total } else { total };
            let expected = Dyadic::new(total, i64::from(exp));
            assert_eq!(
                acc.to_dyadic(),
                expected,
                "{terms} terms, negative: {negative}"
            );
        }
    }
}
