//! The limit on the number of cut points (`quantiles(data, n)` returns `n - 1` of them): up to
//! 2^31 - 1 results the allocator is asked for the list and its refusal is `OutOfMemory`; more
//! are refused without asking it, on any machine. Written against two mutants of that limit
//! (`reference/MUTANTS.md`) that only a machine able to allocate 32 GiB would otherwise see.
//!
//! The test binary's global allocator refuses every request of 1 GiB or more and records the
//! largest one, so what the library asks for is seen without the machine's memory deciding.

mod refusing_allocator;

use refusing_allocator::RefusingAllocator;
use std::sync::atomic::Ordering;

use rstats::{Number, Profile, StatsError};

const HUGE: usize = 1 << 30;

#[global_allocator]
static ALLOCATOR: RefusingAllocator = RefusingAllocator::new(HUGE);

/// `quantiles_named(data, n, method)` under the profile: its error, and the largest request the
/// allocator refused meanwhile (0 for none). One test function, so no other test allocates then.
fn refusal(data: &[f64], n: i64, method: &str, profile: Profile) -> (StatsError, usize) {
    ALLOCATOR.largest_refused.store(0, Ordering::SeqCst);
    let err = rstats::quantiles_named(data, n, method, profile)
        .expect_err("a refused allocation or the limit");
    (err, ALLOCATOR.largest_refused.swap(0, Ordering::SeqCst))
}

#[test]
fn up_to_the_limit_the_allocator_decides_past_it_the_limit_does() {
    let limit: i64 = 1 << 31;
    let three = [1.0f64, 2.0, 4.0];
    // (data, method, profile): 3.13's answer for one data point, `[x] * (n - 1)`, goes through
    // the same limit as the methods' cut points.
    let mut cases: Vec<(&[f64], &str, Profile)> = ["exclusive", "inclusive", "weibull", "statrs"]
        .into_iter()
        .map(|method| (&three[..], method, Profile::Py311))
        .collect();
    cases.push((&[7.0], "exclusive", Profile::Py313));
    for (data, method, profile) in cases {
        for n in [limit, limit + 1, limit + 2, 1 << 40, i64::MAX] {
            let what = format!("n={n} {method} {profile}, {} values", data.len());
            let (err, asked) = refusal(data, n, method, profile);
            let requested = n as u64 - 1;
            assert_eq!(err, StatsError::OutOfMemory { requested }, "{what}");
            // Up to the limit the list of n - 1 results is asked of the allocator, whose refusal
            // is the error; past it the allocator is not asked.
            let want_asked = if n <= limit {
                requested as usize * std::mem::size_of::<Number>()
            } else {
                0
            };
            assert_eq!(asked, want_asked, "{what}: bytes asked of the allocator");
        }
    }
}
