//! `fsum` and `fmean` against the embedded CPython's `math.fsum` and `statistics.fmean`: the same
//! float bits or the same exception (type and message), on random lists built to reach every
//! branch of CPython's algorithm — cancellation, overflow of the running sum, infinities of
//! both signs, NaN, subnormals, and more non-overlapping partials than fit on the stack.

use proptest::prelude::*;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rstats::internals::fsum::fsum;
use rstats::{fmean, PyExceptionKind};

/// CPython's outcome: `Ok(bits)` or `Err("Type: message")`.
fn cpython(module: &str, function: &str, values: &[f64]) -> Result<u64, String> {
    Python::attach(|py| {
        let f = py.import(module)?.getattr(function)?;
        let list = PyList::new(py, values)?;
        Ok::<_, PyErr>(match f.call1((list,)) {
            Ok(v) => Ok(v.extract::<f64>()?.to_bits()),
            Err(e) => Err(format!(
                "{}: {}",
                e.get_type(py).name()?,
                e.value(py).str()?
            )),
        })
    })
    .expect("embedded CPython")
}

fn ours(result: rstats::Result<f64>) -> Result<u64, String> {
    result.map(f64::to_bits).map_err(|e| {
        let kind = match e.exception() {
            PyExceptionKind::StatisticsError => "StatisticsError".to_string(),
            other => other.name().to_string(),
        };
        format!("{kind}: {e}")
    })
}

fn same(a: &Result<u64, String>, b: &Result<u64, String>) -> bool {
    match (a, b) {
        // NaN results are compared as "is NaN" (CPython keeps no sign or payload rule).
        (Ok(x), Ok(y)) => x == y || (f64::from_bits(*x).is_nan() && f64::from_bits(*y).is_nan()),
        _ => a == b,
    }
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1e6f64..1e6,
        2 => any::<f64>().prop_filter("finite", |x| x.is_finite()),
        1 => prop_oneof![
            Just(1e308), Just(-1e308), Just(f64::MAX), Just(f64::MIN_POSITIVE),
            Just(5e-324), Just(-0.0), Just(0.1), Just(1e16), Just(1e-16),
        ],
        1 => prop_oneof![Just(f64::INFINITY), Just(f64::NEG_INFINITY), Just(f64::NAN)],
        // Single bits far apart: each stays a partial of its own.
        1 => (-17i32..17).prop_map(|k| 2f64.powi(60 * k)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn fsum_matches_math_fsum(values in prop::collection::vec(value(), 0..48)) {
        let expected = cpython("math", "fsum", &values);
        let got = ours(fsum(values.iter().copied().map(Ok)));
        prop_assert!(same(&got, &expected), "{values:?}: ours {got:?}, CPython {expected:?}");
    }

    #[test]
    fn fmean_matches_statistics_fmean(values in prop::collection::vec(value(), 0..24)) {
        let expected = cpython("statistics", "fmean", &values);
        let got = ours(fmean(&values));
        prop_assert!(same(&got, &expected), "{values:?}: ours {got:?}, CPython {expected:?}");
    }
}

#[test]
fn more_partials_than_the_stack_holds() {
    // 34 single bits 2^(60k): 34 partials, two more than CPython keeps on its stack.
    let mut values: Vec<f64> = (-17..17).map(|k| 2f64.powi(60 * k)).collect();
    values.push(-2f64.powi(60 * 16));
    values.push(3.0);
    let expected = cpython("math", "fsum", &values);
    assert_eq!(ours(fsum(values.iter().copied().map(Ok))), expected);
    assert_eq!(
        ours(fmean(&values)),
        cpython("statistics", "fmean", &values)
    );
}

#[test]
fn ints_are_converted_as_python_converts_them() {
    // Around 2^53 an int rounds to a float (ties to even) before the sum.
    let ints = [
        (1i64 << 53) + 1,
        (1 << 53) + 3,
        -(1 << 60) - 1,
        i64::MAX,
        i64::MIN,
        7,
    ];
    let expected: Result<u64, String> = Python::attach(|py| {
        let list = PyList::new(py, ints)?;
        let v = py.import("statistics")?.getattr("fmean")?.call1((list,))?;
        Ok::<_, PyErr>(v.extract::<f64>()?.to_bits())
    })
    .map_err(|e| e.to_string());
    assert_eq!(ours(fmean(&ints)), expected);
}
