//! The quantile methods that have no CPython counterpart.
//!
//! (a) `hyndman_fan::cut_points` against numpy's golden cut points
//!     (`reference/numpy_quantiles/numpy_quantiles.json`, made by
//!     `gen_numpy_quantiles.py`), bit for bit.
//! (b) `statrs_port` against the statrs crate itself and the talk's numbers.
//! (c) Properties of the cut points.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rstats::internals::quantile::hyndman_fan::{cut_points, HyndmanFan};
use rstats::internals::quantile::statrs_port::{
    statrs_mean, statrs_quartiles, statrs_stats, StatrsStats,
};
use serde_json::Value;
use statrs::statistics::{Data, Distribution, Max, Min, OrderStatistics};

const TALK: [f64; 9] = [1.0, 3.0, 5.0, 7.0, 9.0, 10.0, 13.0, 84.0, 528.0];

// ---------------------------------------------------------------- helpers

/// Parses Python's `float.hex()` output (`"-0x1.8000000000000p+3"`,
/// `"0x0.0p+0"`, subnormals `"0x0.0000000000001p-1022"`, `"inf"`, `"nan"`).
fn from_hex(s: &str) -> f64 {
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let magnitude = match body {
        "inf" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            let body = body
                .strip_prefix("0x")
                .unwrap_or_else(|| panic!("bad hex float {s:?}"));
            let (mantissa, exponent) = body
                .split_once('p')
                .unwrap_or_else(|| panic!("bad hex float {s:?}"));
            let exponent: i32 = exponent
                .parse()
                .unwrap_or_else(|_| panic!("bad exponent {s:?}"));
            let (lead, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            assert!(frac.len() <= 13, "too many hex digits in {s:?}");
            let frac_bits = if frac.is_empty() {
                0
            } else {
                u64::from_str_radix(frac, 16).unwrap_or_else(|_| panic!("bad hex digits {s:?}"))
                    << (4 * (13 - frac.len()))
            };
            match lead {
                "1" => {
                    let biased = exponent + 1023;
                    assert!((1..=2046).contains(&biased), "exponent out of range {s:?}");
                    f64::from_bits(((biased as u64) << 52) | frac_bits)
                }
                "0" => {
                    assert!(
                        frac_bits == 0 || exponent == -1022,
                        "unnormalised hex float {s:?}"
                    );
                    f64::from_bits(frac_bits)
                }
                _ => panic!("bad leading digit in {s:?}"),
            }
        }
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// Bitwise equality, except that any NaN equals any NaN (`float.hex` drops
/// the NaN's sign and payload).
fn same_bits(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

fn hex_list(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("a JSON array of hex floats")
        .iter()
        .map(|x| from_hex(x.as_str().expect("a hex float string")))
        .collect()
}

fn golden() -> Value {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "reference",
        "numpy_quantiles",
        "numpy_quantiles.json",
    ]
    .iter()
    .collect();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

/// SplitMix64: a tiny deterministic generator, so the tests need no `rand`.
struct SplitMix(u64);

impl SplitMix {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// A mix of uniform floats, small integers and duplicated values.
    fn sample(&mut self, len: usize) -> Vec<f64> {
        let kind = self.below(4);
        let pool: Vec<f64> = (0..(len / 3).max(1)).map(|_| self.unit() * 50.0).collect();
        (0..len)
            .map(|_| match kind {
                0 => self.unit() * 2000.0 - 1000.0,
                1 => (self.below(41) as f64) - 20.0,
                2 => pool[self.below(pool.len())],
                _ => (self.unit() * 2.0 - 1.0) * 10f64.powf(self.unit() * 16.0 - 8.0),
            })
            .collect()
    }
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

// ---------------------------------------------------- (a) numpy golden data

#[test]
fn numpy_golden_cut_points_bit_for_bit() {
    let doc = golden();
    let numpy_version = doc["numpy_version"].as_str().unwrap_or("?");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 250, "expected ~300 golden inputs");

    // Every one of the nine methods reproduces numpy bit for bit: numpy's
    // quantile is a fixed sequence of IEEE-754 float64 operations (multiply,
    // add, floor, subtract, the two-sided _lerp), each correctly rounded and
    // none fused, which hyndman_fan.rs performs in the same order. So no
    // method gets a tolerance here.
    // (method -> (vectors, exact vectors, cut points))
    let mut tally: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let data = hex_list(&case["data"]);
        let by_method = case["cut_points"].as_object().expect("cut_points");
        for (method_name, per_n) in by_method {
            let method = HyndmanFan::from_name(method_name)
                .unwrap_or_else(|| panic!("unknown method {method_name:?}"));
            for (n, expected) in per_n.as_object().expect("per-n object") {
                let n: usize = n.parse().expect("n");
                let expected = hex_list(expected);
                let got = cut_points(&data, n, method);
                let entry = tally.entry(method.name()).or_default();
                entry.0 += 1;
                entry.2 += expected.len();
                let exact = got.len() == expected.len()
                    && got.iter().zip(&expected).all(|(g, e)| same_bits(*g, *e));
                if exact {
                    entry.1 += 1;
                } else if failures.len() < 20 {
                    failures.push(format!(
                        "{name} {method_name} n={n}: got {got:?}, numpy {expected:?}"
                    ));
                }
            }
        }
    }

    let (mut vectors, mut exact, mut points) = (0, 0, 0);
    println!("numpy {numpy_version} golden cut points:");
    for (method, (v, e, p)) in &tally {
        println!("  {method:<26} {e:>5}/{v:<5} vectors bit-for-bit ({p} cut points)");
        vectors += v;
        exact += e;
        points += p;
    }
    println!(
        "  {:<26} {exact:>5}/{vectors:<5} vectors bit-for-bit ({points} cut points)",
        "all"
    );
    assert_eq!(tally.len(), 9, "all nine methods are in the golden file");
    assert!(
        failures.is_empty(),
        "mismatches with numpy:\n{}",
        failures.join("\n")
    );
    assert_eq!(exact, vectors);
}

#[test]
fn hex_parser_round_trips() {
    assert_eq!(from_hex("0x1.8000000000000p+3"), 12.0);
    assert_eq!(from_hex("-0x1.0000000000000p+0"), -1.0);
    assert_eq!(from_hex("0x0.0p+0").to_bits(), 0.0f64.to_bits());
    assert_eq!(from_hex("-0x0.0p+0").to_bits(), (-0.0f64).to_bits());
    assert_eq!(from_hex("0x0.0000000000001p-1022"), 5e-324);
    assert_eq!(from_hex("0x1.fffffffffffffp+1023"), f64::MAX);
    assert_eq!(from_hex("0x1.999999999999ap-4"), 0.1);
    assert_eq!(from_hex("-inf"), f64::NEG_INFINITY);
    assert!(from_hex("nan").is_nan());
}

// ------------------------------------------------------- (b) statrs port

#[test]
fn statrs_port_reproduces_the_talk() {
    let s = statrs_stats(&TALK);
    assert_eq!(
        s,
        StatrsStats {
            range: 527.0,
            quartiles: [4.333333333333334, 9.0, 36.66666666666664],
            mean: 73.33333333333334,
            stddev: 172.43622009311153,
        }
    );
    assert_eq!(statrs_quartiles(&TALK), s.quartiles);
    assert_eq!(statrs_mean(&TALK), s.mean);
    // Same order, shuffled: statrs selects, so the order of the input does
    // not change the quartiles (the running mean may differ, so not checked).
    let shuffled = [84.0, 1.0, 528.0, 9.0, 3.0, 13.0, 5.0, 10.0, 7.0];
    assert_eq!(statrs_quartiles(&shuffled), s.quartiles);
}

/// What the port computed, written against statrs directly.
fn statrs_direct(data: &[f64]) -> StatrsStats {
    let mut d = Data::new(data.to_vec());
    let range = d.max() - d.min();
    let quartiles = [
        d.lower_quartile(),
        OrderStatistics::median(&mut d),
        d.upper_quartile(),
    ];
    StatrsStats {
        range,
        quartiles,
        mean: d.mean().unwrap_or(f64::NAN),
        stddev: d.std_dev().unwrap_or(f64::NAN),
    }
}

fn same_stats(a: &StatrsStats, b: &StatrsStats) -> bool {
    same_bits(a.range, b.range)
        && a.quartiles
            .iter()
            .zip(&b.quartiles)
            .all(|(x, y)| same_bits(*x, *y))
        && same_bits(a.mean, b.mean)
        && same_bits(a.stddev, b.stddev)
}

#[test]
fn statrs_port_matches_statrs_on_random_inputs() {
    let mut rng = SplitMix(0x5EED_57A7_5000_0001);
    for round in 0..2000 {
        let len = 1 + rng.below(if round % 10 == 0 { 300 } else { 40 });
        let data = rng.sample(len);
        let port = statrs_stats(&data);
        let direct = statrs_direct(&data);
        assert!(
            same_stats(&port, &direct),
            "{data:?}: port {port:?} != statrs {direct:?}"
        );
        assert_eq!(statrs_quartiles(&data), direct.quartiles);
        // statrs_mean is statrs' mean of the data as given; statrs_stats'
        // mean comes after the quartile selections have reordered the Data
        // in place (as in the port), so the two may differ in the last bits
        // for unsorted data, and agree for sorted data.
        let fresh = Data::new(data.clone()).mean().unwrap_or(f64::NAN);
        assert!(same_bits(statrs_mean(&data), fresh));
        let data = sorted(data);
        assert!(same_bits(statrs_mean(&data), statrs_stats(&data).mean));
    }
}

#[test]
fn statrs_port_never_panics() {
    let empty = statrs_stats(&[]);
    assert!(empty.range.is_nan() && empty.mean.is_nan() && empty.stddev.is_nan());
    assert!(empty.quartiles.iter().all(|q| q.is_nan()));
    assert!(statrs_mean(&[]).is_nan());
    assert!(statrs_quartiles(&[]).iter().all(|q| q.is_nan()));

    let one = statrs_stats(&[2.5]);
    assert_eq!((one.range, one.quartiles, one.mean), (0.0, [2.5; 3], 2.5));
    assert!(
        one.stddev.is_nan(),
        "statrs' sample std dev of one value is NaN"
    );

    for odd in [
        vec![f64::NAN, 1.0, 2.0],
        vec![f64::INFINITY, 1.0],
        vec![f64::NEG_INFINITY, f64::INFINITY],
        vec![f64::MAX, -f64::MAX],
    ] {
        let port = statrs_stats(&odd);
        assert!(same_stats(&port, &statrs_direct(&odd)), "{odd:?}");
    }
}

// ------------------------------------------------------ (c) properties

#[test]
fn names_and_types() {
    for (i, m) in HyndmanFan::ALL.into_iter().enumerate() {
        assert_eq!(usize::from(m.hf_type()), i + 1);
        assert_eq!(HyndmanFan::from_name(m.name()), Some(m));
    }
    assert_eq!(HyndmanFan::from_name("Linear"), None);
    assert_eq!(HyndmanFan::from_name("lower"), None);
    assert_eq!(HyndmanFan::from_name(""), None);
}

#[test]
fn degenerate_arguments_give_empty_or_constant() {
    for m in HyndmanFan::ALL {
        assert!(cut_points(&TALK, 1, m).is_empty());
        assert!(cut_points(&TALK, 0, m).is_empty());
        assert!(cut_points(&[], 4, m).is_empty());
        assert_eq!(cut_points(&[3.25], 7, m), vec![3.25; 6]);
        assert_eq!(cut_points(&[-1.0; 5], 4, m), vec![-1.0; 3]);
        assert_eq!(cut_points(&TALK, 13, m).len(), 12);
        assert_eq!(cut_points(&TALK, 1000, m).len(), 999);
    }
}

/// All nine methods read or interpolate between order statistics and clamp
/// their indexes to the data (numpy's `_get_indexes`, the `res < 0` clip), so
/// on data whose differences do not overflow every cut point lies in
/// [min, max], and the cut points never decrease with i.
fn check_properties(data: &[f64], n: usize, m: HyndmanFan) {
    let cuts = cut_points(data, n, m);
    assert_eq!(cuts.len(), n.saturating_sub(1));
    let (lo, hi) = (data[0], data[data.len() - 1]);
    for c in &cuts {
        assert!(
            (lo..=hi).contains(c),
            "{} n={n}: {c} outside [{lo}, {hi}] for {data:?}",
            m.name()
        );
    }
    for w in cuts.windows(2) {
        assert!(
            w[0] <= w[1],
            "{} n={n}: {} > {} for {data:?}",
            m.name(),
            w[0],
            w[1]
        );
    }
}

#[test]
fn cut_points_are_monotone_and_within_the_data() {
    let mut rng = SplitMix(0x0DDB_A11C_0FFE_E000);
    for round in 0..600 {
        let len = 1 + rng.below(if round % 20 == 0 { 250 } else { 30 });
        let data = sorted(rng.sample(len));
        let n = [2, 3, 4, 5, 7, 10, 13, 100, 101][rng.below(9)];
        for m in HyndmanFan::ALL {
            check_properties(&data, n, m);
        }
    }
    for m in HyndmanFan::ALL {
        check_properties(&TALK, 4, m);
        check_properties(&[5e-324, 1e-320, 2.2e-308], 100, m);
        check_properties(&[1.0, 1.0 + f64::EPSILON], 100, m);
    }
}

#[test]
fn golden_inputs_have_monotone_cut_points_within_the_data() {
    let doc = golden();
    for case in doc["cases"].as_array().expect("cases") {
        let data = hex_list(&case["data"]);
        // `overflow` is the one input where numpy's b - a is infinite.
        if case["name"] == "overflow" {
            continue;
        }
        for m in HyndmanFan::ALL {
            for n in [2, 3, 4, 10, 100] {
                check_properties(&data, n, m);
            }
        }
    }
}

#[test]
fn discontinuous_methods_return_data_values() {
    let mut rng = SplitMix(42);
    for _ in 0..300 {
        let len = 1 + rng.below(40);
        let data = sorted(rng.sample(len));
        for m in [HyndmanFan::InvertedCdf, HyndmanFan::ClosestObservation] {
            for n in [2, 4, 10, 100] {
                for c in cut_points(&data, n, m) {
                    assert!(
                        data.iter().any(|x| x.to_bits() == c.to_bits()),
                        "{c} not in data"
                    );
                }
            }
        }
    }
}

#[test]
fn talk_list_quartiles_per_method() {
    // numpy.quantile(TALK, [0.25, 0.5, 0.75], method=...), numpy 2.4.
    let expected: [(HyndmanFan, [f64; 3]); 3] = [
        (HyndmanFan::Linear, [5.0, 9.0, 13.0]),
        (
            HyndmanFan::MedianUnbiased,
            [4.333333333333333, 9.0, 36.66666666666664],
        ),
        (HyndmanFan::InvertedCdf, [5.0, 9.0, 13.0]),
    ];
    for (m, q) in expected {
        assert_eq!(cut_points(&TALK, 4, m), q.to_vec(), "{}", m.name());
    }
    // statrs' type 8 differs from numpy's type 8 in the last bit of Q1.
    assert_ne!(
        cut_points(&TALK, 4, HyndmanFan::MedianUnbiased)[0],
        statrs_quartiles(&TALK)[0]
    );
}
