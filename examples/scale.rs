//! `compute_stats` on one large input, for `ci/scale`: how long it takes and how
//! much memory it needs, so that 1M and 10M values can be compared (no quadratic behaviour).
//!
//! ```text
//! cargo run --release --example scale -- KIND N [REPEATS]
//! ```
//! KIND: `f64` (a float array, the `f64` fast path), `i64` (an int array), `number-float` /
//! `number-int` (the same values as a Python list holds them, [`Number`]s: the path every mixed
//! list takes), `number-mixed` (ints, floats and bools interleaved). The values are pseudo-random
//! (SplitMix64, fixed seed): floats with full 53-bit mantissas in ±1e6, ints in ±10^12, so the
//! exact sums really carry and the sort/selection sees distinct values.
//!
//! Prints one line: `KIND N best_seconds data_mib peak_rss_mib`, where `best_seconds` is the
//! fastest of REPEATS (default 3) calls, `data_mib` the resident memory once the input is built
//! and `peak_rss_mib` the process's peak (`getrusage`), which includes the input itself.
use rstats::{compute_stats, Method, Number, Profile, Sample};
use std::hint::black_box;
use std::time::Instant;

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float in [-1e6, 1e6) with a full mantissa.
    fn float(&mut self) -> f64 {
        let unit = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (unit * 2.0 - 1.0) * 1e6
    }

    /// An int in [-10^12, 10^12].
    fn int(&mut self) -> i64 {
        (self.next() % 2_000_000_000_001) as i64 - 1_000_000_000_000
    }
}

/// Resident memory now, from /proc/self/statm, in MiB.
fn rss_now_mib() -> f64 {
    let pages: f64 = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse().ok()))
        .unwrap_or(0.0);
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as f64;
    pages * page / (1024.0 * 1024.0)
}

/// Peak resident memory of the process, in MiB.
fn peak_rss_mib() -> f64 {
    // SAFETY: getrusage writes into the zeroed struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0 // kilobytes on Linux
}

fn run<T: Sample + Sync>(data: &[T], repeats: usize) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..repeats {
        let start = Instant::now();
        let stats = compute_stats(black_box(data), Method::Exclusive, Profile::Py311);
        let elapsed = start.elapsed().as_secs_f64();
        match black_box(stats) {
            Ok(s) => {
                if best == f64::INFINITY {
                    eprintln!("  {} values: {s:?}", data.len());
                }
            }
            Err(e) => {
                eprintln!("compute_stats failed: {e}");
                std::process::exit(1);
            }
        }
        best = best.min(elapsed);
    }
    best
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = || {
        eprintln!("usage: scale f64|i64|number-float|number-int|number-mixed N [REPEATS]");
        std::process::exit(2);
    };
    let (Some(kind), Some(n)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        usage()
    };
    let repeats = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut rng = SplitMix(0x5EED_0006);
    let (seconds, data_mib) = match kind.as_str() {
        "f64" => {
            let data: Vec<f64> = (0..n).map(|_| rng.float()).collect();
            let mib = rss_now_mib();
            (run(&data, repeats), mib)
        }
        "i64" => {
            let data: Vec<i64> = (0..n).map(|_| rng.int()).collect();
            let mib = rss_now_mib();
            (run(&data, repeats), mib)
        }
        "number-float" => {
            let data: Vec<Number> = (0..n).map(|_| Number::Float(rng.float())).collect();
            let mib = rss_now_mib();
            (run(&data, repeats), mib)
        }
        "number-int" => {
            let data: Vec<Number> = (0..n).map(|_| Number::Int(rng.int())).collect();
            let mib = rss_now_mib();
            (run(&data, repeats), mib)
        }
        "number-mixed" => {
            let data: Vec<Number> = (0..n)
                .map(|i| match i % 3 {
                    0 => Number::Float(rng.float()),
                    1 => Number::Int(rng.int()),
                    _ => Number::Bool(rng.next() & 1 == 1),
                })
                .collect();
            let mib = rss_now_mib();
            (run(&data, repeats), mib)
        }
        _ => usage(),
    };
    println!(
        "{kind} {n} {seconds:.4} {data_mib:.1} {:.1}",
        peak_rss_mib()
    );
}
