//! Runs `compute_stats` on nine numbers many times, for profilers:
//! `cargo build --release --example profile_small && perf record target/release/examples/profile_small [ITERATIONS] [talk|ints|floats]`
//! (`valgrind --tool=callgrind` gives instruction counts that do not depend on the machine's load).
//!
//! `talk`: the talk's nine ints as floats (the default); `ints`: the same as ints; `floats`: nine
//! latency-like floats with three decimals.
use rstats::{compute_stats, Method, Profile, Sample};
use std::hint::black_box;

const TALK: [i64; 9] = [1, 3, 5, 7, 9, 10, 13, 84, 528];
const FLOATS: [f64; 9] = [
    0.412, 3.157, 12.03, 0.047, 1.999, 88.125, 5.5, 0.731, 240.61,
];

fn run<T: Sample + Sync>(data: &[T], iterations: usize) -> f64 {
    let mut sink = 0.0;
    for _ in 0..iterations {
        if let Ok(s) = compute_stats(black_box(data), Method::Exclusive, Profile::Py311) {
            sink += s.stddev;
        }
    }
    sink
}

fn main() {
    let mut args = std::env::args().skip(1);
    let iterations: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(2_000_000);
    let sink = match args.next().as_deref() {
        Some("ints") => run(&TALK, iterations),
        Some("floats") => run(&FLOATS, iterations),
        _ => run(&TALK.map(|x| x as f64), iterations),
    };
    println!("{sink}");
}
