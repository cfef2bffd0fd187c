//! `fsum` and `fmean` against the embedded CPython's `math.fsum` and `statistics.fmean`: the same
//! float bits or the same exception (type and message), on random lists built to reach every
//! branch of CPython's algorithm — cancellation, overflow of the running sum, infinities of
//! both signs, NaN, subnormals, and more non-overlapping partials than fit on the stack.

use proptest::prelude::*;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rstats::internals::fmean::{fmean_weighted_by_fsum, fmean_weighted_by_sumprod};
use rstats::internals::fsum::fsum;
use rstats::internals::sumprod::{sumprod, SumprodError};
use rstats::{fmean, Number, PyExceptionKind};

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

/// The Python side of [`weighted_cases_against`]: decodes the cases, runs `fmean(data, weights)`
/// (and `math.sumprod` where it exists) and prints one outcome a line.
const WEIGHTED_WORKER: &str = r#"
import json, math, statistics, struct, sys
def num(v):
    if "i" in v: return int(v["i"])
    if "b" in v: return bool(v["b"])
    if "bits" in v: return struct.unpack("<d", bytes.fromhex(v["bits"])[::-1])[0]
    return float.fromhex(v["f"])
def outcome(f, *args):
    try:
        r = f(*args)
    except Exception as e:
        return "e:%s: %s" % (type(e).__name__, e)
    if isinstance(r, float):
        return "f:nan" if r != r else "f:" + r.hex()
    return "%s:%r" % (type(r).__name__, r)
for line in sys.stdin:
    data, weights = ([num(v) for v in side] for side in json.loads(line))
    print(outcome(statistics.fmean, data, weights),
          outcome(math.sumprod, data, weights) if hasattr(math, "sumprod") else "-",
          sep="\t", flush=True)
"#;

fn encode(x: &Number) -> String {
    match x {
        Number::Float(f) if f.is_nan() => "f:nan".to_string(),
        Number::Float(f) => format!("f:{}", py_float_hex(*f)),
        Number::Bool(b) => format!("bool:{}", if *b { "True" } else { "False" }),
        other => format!("int:{other}"),
    }
}

/// Python's `float.hex()`.
fn py_float_hex(x: f64) -> String {
    rstats::parity::codec::float_hex(x)
}

fn outcome<T>(r: Result<T, String>, show: impl Fn(&T) -> String) -> String {
    match r {
        Ok(v) => show(&v),
        Err(e) => format!("e:{e}"),
    }
}

fn error_text(e: &rstats::StatsError) -> String {
    let kind = match e.exception() {
        PyExceptionKind::StatisticsError => "StatisticsError",
        other => other.name(),
    };
    format!("{kind}: {e}")
}

/// Random (data, weights) pairs of ints (small, near the long limits, beyond them), bools and
/// floats (ordinary, huge, tiny, non-finite), equal and unequal lengths, weights summing to 0.
fn weighted_cases() -> Vec<(Vec<Number>, Vec<Number>)> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let value = |r: u64| -> Number {
        match r % 12 {
            0..=2 => Number::Int((r >> 8) as i64 % 200 - 100),
            3 => Number::Int(if r & 256 == 0 { i64::MAX } else { i64::MIN + 1 }),
            4 => Number::from_bigint(num_bigint::BigInt::from(r >> 4) << 70),
            5 => Number::Bool(r & 256 != 0),
            6..=8 => Number::Float(((r >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 1e3),
            9 => Number::Float(f64::from_bits(r >> 1)),
            10 => Number::Float([1e308, -1e308, 5e-324, 0.1, -0.0][(r >> 8) as usize % 5]),
            _ => Number::Float([f64::INFINITY, f64::NEG_INFINITY, f64::NAN][(r >> 8) as usize % 3]),
        }
    };
    (0..600)
        .map(|_| {
            let n = (next() % 7) as usize;
            let m = if next() % 8 == 0 {
                (next() % 7) as usize
            } else {
                n
            };
            let data: Vec<Number> = (0..n).map(|_| value(next())).collect();
            let mut weights: Vec<Number> = (0..m).map(|_| value(next())).collect();
            if next() % 6 == 0 && m >= 2 {
                // Weights summing to zero.
                weights[m - 1] = Number::Int(0);
                weights[0] = Number::Float(1.5);
                weights[1] = Number::Float(-1.5);
                for w in weights.iter_mut().skip(2) {
                    *w = Number::Int(0);
                }
            }
            (data, weights)
        })
        .collect()
}

/// Runs the cases through one CPython; `None` (with a message) when it is not installed.
fn weighted_cases_against(
    minor: u32,
    cases: &[(Vec<Number>, Vec<Number>)],
) -> Vec<(String, String)> {
    use std::io::Write;
    let found = rstats::parity::interpreters::discover(&[minor]);
    let python = found[0].path.clone().unwrap_or_else(|| {
        panic!(
            "CPython 3.{minor} is not installed under $(pyenv root)/versions: this test needs it"
        )
    });
    let mut child = std::process::Command::new(python)
        .args(["-c", WEIGHTED_WORKER])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("CPython starts");
    let mut input = String::new();
    for (data, weights) in cases {
        let line = serde_json::json!([
            rstats::parity::codec::numbers_to_json(data),
            rstats::parity::codec::numbers_to_json(weights)
        ]);
        input.push_str(&line.to_string());
        input.push('\n');
    }
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("CPython runs");
    assert!(
        out.status.success(),
        "worker failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| {
            let (a, b) = l.split_once('\t').expect("two columns");
            (a.to_string(), b.to_string())
        })
        .collect()
}

#[test]
fn weighted_fmean_and_sumprod_match_cpython_3_11_3_12_3_13() {
    let cases = weighted_cases();
    for minor in [11, 12, 13] {
        let expected = weighted_cases_against(minor, &cases);
        assert_eq!(expected.len(), cases.len());
        let mut mismatches = Vec::new();
        for ((data, weights), (fmean_py, sumprod_py)) in cases.iter().zip(&expected) {
            let fmean_ours = outcome(
                if minor == 11 {
                    fmean_weighted_by_fsum(data, weights)
                } else {
                    fmean_weighted_by_sumprod(data, weights)
                }
                .map_err(|e| error_text(&e)),
                |x| {
                    if x.is_nan() {
                        "f:nan".into()
                    } else {
                        format!("f:{}", py_float_hex(*x))
                    }
                },
            );
            if &fmean_ours != fmean_py {
                mismatches.push(format!(
                    "fmean {data:?} {weights:?}: ours {fmean_ours}, CPython {fmean_py}"
                ));
            }
            if minor >= 12 {
                let sumprod_ours = outcome(
                    sumprod(data, weights).map_err(|e| match e {
                        SumprodError::Length => "ValueError: Inputs are not the same length".into(),
                        SumprodError::Arithmetic(e) => error_text(&e),
                    }),
                    encode,
                );
                if &sumprod_ours != sumprod_py {
                    mismatches.push(format!(
                        "sumprod {data:?} {weights:?}: ours {sumprod_ours}, CPython {sumprod_py}"
                    ));
                }
            }
        }
        assert!(
            mismatches.is_empty(),
            "CPython 3.{minor}: {} of {} cases differ, e.g.\n{}",
            mismatches.len(),
            cases.len(),
            mismatches
                .iter()
                .take(8)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
