//! Criterion benchmarks of the core: each function at n = 9, 1,000, 100,000 and 1,000,000, beside
//! the naive f64 computation of the talk's statrs port (or the statrs crate's own function) on
//! the same data (the "exactness tax"), and `compute_stats` on the talk's nine ints.
//!
//! `cargo bench --bench core` runs them all; `cargo bench --bench core -- compute_stats/1000000`
//! one group. The same inputs every run (a fixed-seed generator).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rstats::internals::quantile::statrs_port;
use rstats::{compute_stats, mean, median, quantiles, stdev, variance, Method, Profile};
use statrs::statistics::{Data, OrderStatistics, Statistics};
use std::hint::black_box;

const SIZES: [usize; 4] = [9, 1_000, 100_000, 1_000_000];

/// Floats like an endpoint's measurements: positive, varied magnitudes, fixed seed.
fn floats(n: usize) -> Vec<f64> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64 ^ n as u64;
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64 * 1000.0
        })
        .collect()
}

fn bench_compute_stats(c: &mut Criterion) {
    let profile = Profile::default();
    for n in SIZES {
        let data = floats(n);
        let mut group = c.benchmark_group(format!("compute_stats/{n}"));
        group.throughput(Throughput::Elements(n as u64));
        if n >= 100_000 {
            group.sample_size(10);
        }
        group.bench_function("rstats_exact", |b| {
            b.iter(|| compute_stats(black_box(&data), Method::Exclusive, profile))
        });
        group.bench_function("statrs_naive", |b| {
            b.iter(|| statrs_port::statrs_stats(black_box(&data)))
        });
        group.finish();
    }
}

/// The talk's nine ints (CPython's statistics is much cheaper on small ints than on floats, so
/// the Python-side targets differ; the core takes its integer paths here).
fn bench_talk_ints(c: &mut Criterion) {
    let profile = Profile::default();
    let ints: [i64; 9] = [1, 3, 5, 7, 9, 10, 13, 84, 528];
    let floats = ints.map(|i| i as f64);
    let mut group = c.benchmark_group("compute_stats_talk_ints/9");
    group.bench_function("rstats_exact", |b| {
        b.iter(|| compute_stats(black_box(&ints), Method::Exclusive, profile))
    });
    group.bench_function("statrs_naive", |b| {
        b.iter(|| statrs_port::statrs_stats(black_box(&floats)))
    });
    group.finish();
}

fn bench_functions(c: &mut Criterion) {
    let profile = Profile::default();
    for n in SIZES {
        let data = floats(n);
        let mut group = c.benchmark_group(format!("functions/{n}"));
        group.throughput(Throughput::Elements(n as u64));
        if n >= 100_000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::new("mean", n), &data, |b, d| {
            b.iter(|| mean(black_box(d)))
        });
        group.bench_with_input(BenchmarkId::new("statrs_mean", n), &data, |b, d| {
            b.iter(|| statrs_port::statrs_mean(black_box(d)))
        });
        group.bench_with_input(BenchmarkId::new("variance", n), &data, |b, d| {
            b.iter(|| variance(black_box(d), profile))
        });
        group.bench_with_input(BenchmarkId::new("statrs_variance", n), &data, |b, d| {
            b.iter(|| Statistics::variance(black_box(d).iter()))
        });
        group.bench_with_input(BenchmarkId::new("stdev", n), &data, |b, d| {
            b.iter(|| stdev(black_box(d), profile))
        });
        group.bench_with_input(BenchmarkId::new("statrs_stdev", n), &data, |b, d| {
            b.iter(|| Statistics::std_dev(black_box(d).iter()))
        });
        group.bench_with_input(BenchmarkId::new("median", n), &data, |b, d| {
            b.iter(|| median(black_box(d)))
        });
        group.bench_with_input(BenchmarkId::new("statrs_median", n), &data, |b, d| {
            b.iter(|| OrderStatistics::median(&mut Data::new(black_box(d).to_vec())))
        });
        group.bench_with_input(BenchmarkId::new("quartiles", n), &data, |b, d| {
            b.iter(|| quantiles(black_box(d), 4, Method::Exclusive, profile))
        });
        group.bench_with_input(BenchmarkId::new("statrs_quartiles", n), &data, |b, d| {
            b.iter(|| statrs_port::statrs_quartiles(black_box(d)))
        });
        group.finish();
    }
}

criterion_group!(
    benches,
    bench_compute_stats,
    bench_talk_ints,
    bench_functions
);
criterion_main!(benches);
