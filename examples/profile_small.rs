//! Runs `compute_stats` on the talk's nine numbers (as floats) many times, for profilers:
//! `cargo build --release --example profile_small && perf record target/release/examples/profile_small`.
use rstats::{compute_stats, Method, Profile};
use std::hint::black_box;

fn main() {
    let data = [1.0f64, 3.0, 5.0, 7.0, 9.0, 10.0, 13.0, 84.0, 528.0];
    let iterations: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2_000_000);
    let mut sink = 0.0;
    for _ in 0..iterations {
        if let Ok(s) = compute_stats(black_box(&data), Method::Exclusive, Profile::Py311) {
            sink += s.stddev;
        }
    }
    println!("{sink}");
}
