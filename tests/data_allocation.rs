//! Buffers sized by the data are allocated fallibly: when the allocator refuses one, the answer
//! is `OutOfMemory` (CPython's `MemoryError`; the Python binding then hands the call to
//! `statistics`), never an abort of the process.
//!
//! The test binary's global allocator refuses every request of 200 MiB or more: 2^24 floats
//! (128 MiB) can be made, but not the 256 MiB of sort keys a full sort of them takes.

mod refusing_allocator;

use refusing_allocator::RefusingAllocator;
use std::sync::atomic::Ordering;

use rstats::{Method, Number, Profile, StatsError};

const REFUSED: usize = 200 << 20;

#[global_allocator]
static ALLOCATOR: RefusingAllocator = RefusingAllocator::new(REFUSED);

const LEN: usize = 1 << 24;

fn floats() -> Vec<f64> {
    (0..LEN)
        .map(|i| ((i * 7919) % 1_000_003) as f64 / 8.0)
        .collect()
}

fn out_of_memory<T: std::fmt::Debug>(result: rstats::Result<T>, what: &str) {
    match result {
        Err(StatsError::OutOfMemory { .. }) => {}
        other => panic!("{what}: {other:?}, not OutOfMemory"),
    }
}

/// One test function: the refusal count is global.
#[test]
fn refused_data_sized_buffers_are_out_of_memory() {
    let data = floats();
    let p = Profile::Py311;
    let before = ALLOCATOR.refusals.load(Ordering::SeqCst);

    // Many cut points: the full sorted order (sort keys of 16 bytes a value).
    out_of_memory(
        rstats::quantiles(&data, 100, Method::Exclusive, p),
        "quantiles n=100",
    );
    out_of_memory(
        rstats::quantiles(&data, 10, Method::Inclusive, p),
        "quantiles n=10 inclusive",
    );
    // The float methods sort a copy.
    out_of_memory(
        rstats::quantiles_named(&data, 4, "weibull", p),
        "quantiles weibull",
    );
    // Both signed zeros: selection on sort keys, not on the values.
    let mut zeros = data.clone();
    zeros[0] = 0.0;
    zeros[1] = -0.0;
    out_of_memory(rstats::median(&zeros), "median with 0.0 and -0.0");
    out_of_memory(
        rstats::compute_stats(&zeros, Method::Exclusive, p),
        "compute_stats with 0.0 and -0.0",
    );
    let refused = ALLOCATOR.refusals.load(Ordering::SeqCst) - before;
    assert!(refused >= 5, "the allocator was asked {refused} times");

    // What needs no large buffer still answers: few cut points select by buckets.
    let q = rstats::quantiles(&data, 4, Method::Exclusive, p).expect("quartiles by selection");
    assert_eq!(q.len(), 3);
    assert!(matches!(rstats::median(&data), Ok(Number::Float(_))));
    assert!(rstats::mean(&data).is_ok());
}
