//! A slow test (about 15 s at the test profile) written against two mutants of
//! `FixedAccumulator::normalize` (issue 7, `reference/MUTANTS.md`): the limbs' carries are pushed
//! up only every 2^29 terms, so only a sum of more terms than that can see a mistake there. It
//! is not in the test set `ci/mutants` runs for every mutant (it would double the run time);
//! `reference/MUTANTS.md` says how to run the normalization mutants against it.

use num_bigint::BigInt;
use rstats::exact::accumulator::{SUM_BIAS, SUM_LIMBS};
use rstats::exact::{Dyadic, FixedAccumulator};

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
