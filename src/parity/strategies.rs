//! The inputs the harness invents: proptest strategies for Python lists of numbers.
//!
//! Values ([`finite_number`] is their union, in this order, so that shrinking moves toward the
//! first ones):
//!
//! | generator | values | shrinks toward |
//! |---|---|---|
//! | [`small_int`] | ints -20..=20 | 0 |
//! | [`boolean`] | `True`, `False` | `False` |
//! | [`decimal_float`] | `k / 1000` for \|k\| ≤ 10⁶ (the inexact decimals people type: 0.1, 12.345) | 0.0 |
//! | [`uniform_float`] | uniform in ±10⁶ | 0.0 |
//! | [`log_uniform_float`] | any sign, any binary exponent -1022..=1023, any mantissa | 1.0 |
//! | [`subnormal_float`] | ±0.0, tiny multiples of 5e-324, any subnormal | 0.0 |
//! | [`int_near_2_53`] | ±(2**53 + k), k in -4..=16 (where ints stop being floats) | 2**53 - 4 |
//! | [`int_near_2_63`] | ±(2**63 + k), k in -4..=16 (past `i64`) | 2**63 - 4 |
//! | [`huge_int`] | ±(2**e + k), e in 64..=1100 (past the float range from 2**1024) | 2**64 |
//!
//! Lists ([`finite_data`], a union of shapes, first one first when shrinking): mixed int/float
//! (sizes 0..=12), floats only, ints only, duplicate-heavy (1–3 distinct values), sorted,
//! reversed, equal values of different types ([`ties_data`]: `1`, `1.0`, `True`, `-0.0`, …),
//! near-equal values around a large offset (cancellation: decimal steps or single ULPs
//! around 10³…10¹⁷, or ints around 10^k), and rarely long lists (0..=200, mostly long). Every list strategy
//! shrinks by dropping elements and shrinking the ones left, so counterexamples come out as short
//! lists of small values.
//!
//! Non-finite values (`inf`, `-inf`, `nan`) are a separate strategy, [`non_finite_data`]: lists
//! with at least one of them. [`cases`] combines the data with the `n` of `quantiles`.
//!
//! ```
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//! use rstats::parity::strategies::{cases, DataKind};
//! let mut runner = TestRunner::deterministic();
//! let case = cases(DataKind::Finite).new_tree(&mut runner).unwrap().current();
//! assert!(case.data.len() <= 200 && case.data.iter().all(|x| x.is_finite()));
//! ```

use crate::number::Number;
use num_bigint::BigInt;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use std::cmp::Ordering;

/// The longest list of the usual shapes (the rare long shape goes to 200).
pub const MAX_LEN: usize = 12;

/// One input of a campaign: the data and the `n` passed to `quantiles`.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// The list given to every function.
    pub data: Vec<Number>,
    /// `quantiles(data, n=n)` (`stats_py` always uses 4).
    pub n: i64,
}

/// Which data a campaign draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataKind {
    /// Finite values only ([`finite_data`]).
    Finite,
    /// Lists with at least one `inf`, `-inf` or `nan` ([`non_finite_data`]).
    NonFinite,
    /// Mostly finite, one case in eight non-finite (the campaign default).
    #[default]
    Mixed,
}

impl std::str::FromStr for DataKind {
    type Err = String;

    fn from_str(s: &str) -> Result<DataKind, String> {
        match s {
            "finite" => Ok(DataKind::Finite),
            "non-finite" | "nonfinite" => Ok(DataKind::NonFinite),
            "mixed" | "all" => Ok(DataKind::Mixed),
            other => Err(format!(
                "unknown data kind {other:?} (valid: finite, non-finite, mixed)"
            )),
        }
    }
}

/// Ints -20..=20.
pub fn small_int() -> impl Strategy<Value = Number> + Clone {
    (-20i64..=20).prop_map(Number::Int)
}

/// `True` and `False`.
pub fn boolean() -> impl Strategy<Value = Number> + Clone {
    any::<bool>().prop_map(Number::Bool)
}

/// `k / 1000` for |k| ≤ 10⁶: short decimals, mostly not exactly representable.
pub fn decimal_float() -> impl Strategy<Value = Number> + Clone {
    (-1_000_000i64..=1_000_000).prop_map(|k| Number::Float(k as f64 / 1000.0))
}

/// Uniform floats in ±10⁶.
pub fn uniform_float() -> impl Strategy<Value = Number> + Clone {
    (-1e6f64..1e6).prop_map(Number::Float)
}

/// Floats log-uniform over the whole normal range: a sign, a binary exponent -1022..=1023 and a
/// mantissa, all uniform.
pub fn log_uniform_float() -> impl Strategy<Value = Number> + Clone {
    (any::<bool>(), -1022i64..=1023, 0u64..(1 << 52)).prop_map(|(negative, exp, mantissa)| {
        let biased = (exp + 1023) as u64;
        let bits = (u64::from(negative) << 63) | (biased << 52) | mantissa;
        Number::Float(f64::from_bits(bits))
    })
}

/// ±0.0, small multiples of the smallest subnormal, and any subnormal.
pub fn subnormal_float() -> impl Strategy<Value = Number> + Clone {
    prop_oneof![
        (0u64..=8, any::<bool>()).prop_map(|(k, neg)| signed(f64::from_bits(k), neg)),
        (1u64..(1 << 52), any::<bool>()).prop_map(|(k, neg)| signed(f64::from_bits(k), neg)),
    ]
}

fn signed(x: f64, negative: bool) -> Number {
    Number::Float(if negative { -x } else { x })
}

/// ±(2**53 + k), k in -4..=16.
pub fn int_near_2_53() -> impl Strategy<Value = Number> + Clone {
    (-4i64..=16, any::<bool>()).prop_map(|(k, neg)| {
        let v = (1i64 << 53) + k;
        Number::Int(if neg { -v } else { v })
    })
}

/// ±(2**63 + k), k in -4..=16 (Python ints past `i64`).
pub fn int_near_2_63() -> impl Strategy<Value = Number> + Clone {
    (-4i128..=16, any::<bool>()).prop_map(|(k, neg)| {
        let v = (1i128 << 63) + k;
        Number::from_i128(if neg { -v } else { v })
    })
}

/// ±(2**e + k), e in 64..=1100, k in -2..=2: big ints, from 2**1024 on beyond the float range.
pub fn huge_int() -> impl Strategy<Value = Number> + Clone {
    (64u32..=1100, -2i64..=2, any::<bool>()).prop_map(|(e, k, neg)| {
        let v = (BigInt::from(1) << e) + k;
        Number::from_bigint(if neg { -v } else { v })
    })
}

/// Any finite value: the union of the generators above, weighted toward the ordinary ones.
pub fn finite_number() -> BoxedStrategy<Number> {
    prop_oneof![
        6 => small_int(),
        1 => boolean(),
        5 => decimal_float(),
        3 => uniform_float(),
        3 => log_uniform_float(),
        1 => subnormal_float(),
        1 => int_near_2_53(),
        1 => int_near_2_63(),
        1 => huge_int(),
    ]
    .boxed()
}

/// Ints (and bools) only.
pub fn int_number() -> BoxedStrategy<Number> {
    prop_oneof![
        6 => small_int(),
        1 => boolean(),
        2 => (-1_000_000i64..=1_000_000).prop_map(Number::Int),
        1 => int_near_2_53(),
        1 => int_near_2_63(),
        1 => huge_int(),
    ]
    .boxed()
}

/// Floats only.
pub fn float_number() -> BoxedStrategy<Number> {
    prop_oneof![
        2 => (-20i64..=20).prop_map(|k| Number::Float(k as f64)),
        5 => decimal_float(),
        3 => uniform_float(),
        3 => log_uniform_float(),
        1 => subnormal_float(),
    ]
    .boxed()
}

/// `inf`, `-inf` and `nan`.
pub fn non_finite() -> impl Strategy<Value = Number> + Clone {
    prop_oneof![
        Just(Number::Float(f64::INFINITY)),
        Just(Number::Float(f64::NEG_INFINITY)),
        Just(Number::Float(f64::NAN)),
    ]
}

/// Python's `sorted()` for finite values: stable, exact int/float comparison.
pub fn py_sorted(mut data: Vec<Number>) -> Vec<Number> {
    data.sort_by(|a, b| a.py_cmp(b).unwrap_or(Ordering::Equal));
    data
}

/// Near-equal values around a large offset, where a naive sum of squares cancels.
pub fn offset_data() -> BoxedStrategy<Vec<Number>> {
    let float_offset = (3i32..=17, 1u32..=9).prop_map(|(e, m)| f64::from(m) * 10f64.powi(e));
    let decimal_steps =
        (float_offset.clone(), vec(-1000i64..=1000, 2..=MAX_LEN)).prop_map(|(offset, steps)| {
            steps
                .into_iter()
                .map(|d| Number::Float(offset + d as f64 / 100.0))
                .collect()
        });
    let ulp_steps = (float_offset, vec(0u64..=8, 2..=MAX_LEN)).prop_map(|(offset, steps)| {
        steps
            .into_iter()
            .map(|k| Number::Float(f64::from_bits(offset.to_bits() + k)))
            .collect()
    });
    let int_steps = (15u32..=40, vec(-100i64..=100, 2..=MAX_LEN)).prop_map(|(e, steps)| {
        let offset = BigInt::from(10).pow(e);
        steps
            .into_iter()
            .map(|d| Number::from_bigint(&offset + d))
            .collect()
    });
    prop_oneof![decimal_steps, ulp_steps, int_steps].boxed()
}

/// Equal values of different types: `1`, `1.0` and `True`; `0`, `0.0`, `-0.0` and `False`;
/// `-1` and `-1.0`; `2**53` and `2.0**53`. Which of them `sorted()` puts in the middle (it is
/// stable) decides the type `median` returns and the arithmetic of `quantiles`.
pub fn ties_data() -> BoxedStrategy<Vec<Number>> {
    let element = (-1i64..=2, 0u8..4).prop_map(|(k, form)| match (k, form) {
        (0, 2) => Number::Float(-0.0),
        (0 | 1, 3) => Number::Bool(k == 1),
        (2, 0 | 2) => Number::Int(1 << 53),
        (2, _) => Number::Float(9007199254740992.0),
        (_, 1 | 3) => Number::Float(k as f64),
        _ => Number::Int(k),
    });
    vec(element, 1..=MAX_LEN).boxed()
}

/// Finite lists, as a union of shapes (see the module documentation).
pub fn finite_data() -> BoxedStrategy<Vec<Number>> {
    let mixed = vec(finite_number(), 0..=MAX_LEN);
    let floats = vec(float_number(), 0..=MAX_LEN);
    let ints = vec(int_number(), 0..=MAX_LEN);
    let duplicates = (
        vec(finite_number(), 1..=3),
        vec(any::<Index>(), 2..=MAX_LEN),
    )
        .prop_map(|(pool, picks)| {
            picks
                .iter()
                .map(|i| pool[i.index(pool.len())].clone())
                .collect()
        });
    let sorted = vec(finite_number(), 0..=MAX_LEN).prop_map(py_sorted);
    let reversed = vec(finite_number(), 0..=MAX_LEN).prop_map(|d| {
        let mut d = py_sorted(d);
        d.reverse();
        d
    });
    // Sizes uniform in 0..=200: mostly long, and free to shrink all the way down.
    let long = vec(finite_number(), 0..=200);
    prop_oneof![
        6 => mixed,
        5 => floats,
        3 => ints,
        2 => duplicates,
        1 => sorted,
        1 => reversed,
        1 => ties_data(),
        2 => offset_data(),
        1 => long,
    ]
    .boxed()
}

/// Lists holding at least one `inf`, `-inf` or `nan` among finite values.
pub fn non_finite_data() -> BoxedStrategy<Vec<Number>> {
    let element = prop_oneof![3 => finite_number(), 1 => non_finite()];
    (vec(element, 0..=8), non_finite(), any::<Index>())
        .prop_map(|(mut data, special, at)| {
            let i = at.index(data.len() + 1);
            data.insert(i, special);
            data
        })
        .boxed()
}

/// The `n` of `quantiles`: mostly 1..=10, sometimes 100, sometimes invalid (0, -1).
pub fn quantile_n() -> BoxedStrategy<i64> {
    prop_oneof![
        8 => 1i64..=10,
        1 => Just(100i64),
        1 => -1i64..=0,
    ]
    .boxed()
}

/// Whole cases: data of the given kind and an `n`.
pub fn cases(kind: DataKind) -> BoxedStrategy<Case> {
    let data = match kind {
        DataKind::Finite => finite_data(),
        DataKind::NonFinite => non_finite_data(),
        DataKind::Mixed => prop_oneof![7 => finite_data(), 1 => non_finite_data()].boxed(),
    };
    (data, quantile_n())
        .prop_map(|(data, n)| Case { data, n })
        .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    fn sample<S: Strategy>(s: S, count: usize) -> Vec<S::Value> {
        let mut runner = TestRunner::deterministic();
        (0..count)
            .filter_map(|_| s.new_tree(&mut runner).ok().map(|t| t.current()))
            .collect()
    }

    #[test]
    fn non_finite_lists_hold_a_non_finite_value() {
        for d in sample(non_finite_data(), 200) {
            assert!(d.iter().any(|x| !x.is_finite()), "{d:?}");
        }
    }

    #[test]
    fn finite_lists_cover_the_promised_kinds() {
        let all: Vec<Number> = sample(finite_data(), 2000).into_iter().flatten().collect();
        assert!(all.iter().all(Number::is_finite));
        let has = |p: &dyn Fn(&Number) -> bool| all.iter().any(p);
        assert!(has(&|x| matches!(x, Number::BigInt(_))));
        assert!(has(&|x| matches!(x, Number::Bool(_))));
        assert!(has(&|x| matches!(x, Number::Float(f) if f.is_subnormal())));
        assert!(has(
            &|x| matches!(x, Number::Float(f) if *f == 0.0 && f.is_sign_negative())
        ));
        assert!(has(&|x| matches!(x, Number::Float(f) if f.abs() > 1e300)));
        assert!(has(&|x| matches!(x, Number::Int(i) if i.abs() > 1 << 53)));
        let lens: Vec<usize> = sample(finite_data(), 500).iter().map(Vec::len).collect();
        assert!(lens.contains(&0) && lens.iter().any(|&l| l > MAX_LEN));
    }

    #[test]
    fn shrinking_reaches_short_lists_of_small_values() {
        // A property that fails for any list of three or more values shrinks to three zeros.
        let mut runner = TestRunner::deterministic();
        for _ in 0..20 {
            let mut tree = finite_data().new_tree(&mut runner).unwrap();
            if tree.current().len() < 3 {
                continue;
            }
            let fails = |d: &Vec<Number>| d.len() >= 3;
            let mut best = tree.current();
            if tree.simplify() {
                loop {
                    let current = tree.current();
                    if fails(&current) {
                        best = current;
                        if !tree.simplify() {
                            break;
                        }
                    } else if !tree.complicate() {
                        break;
                    }
                }
            }
            let d = best;
            assert_eq!(d.len(), 3, "{d:?}");
            assert!(d.iter().all(|x| x.to_string().len() <= 12), "{d:?}");
        }
    }
}
