//! Tests written against mutants of the core that the other fast tests let survive
//! (`reference/MUTANTS.md`): Python's `float ** 2`, `repr(float)`, `repr(str)` and
//! `statistics.quantiles` (through `quantile::python::plan`) against the embedded CPython; the
//! documented contracts of `Profile`, `Sample`, `mixes_signed_zeros`, `cmp_bigint_f64` and
//! `compute_stats` declining NaN; the statrs method's cut points ordered
//! and within the data; order statistics among mixed signed zeros, `Number`'s `Display`, the
//! methods CPython accepts and means rounding into the subnormals, against CPython.

use num_bigint::BigInt;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rstats::internals::arith::float_square;
use rstats::internals::format::{py_float_repr, py_str_repr};
use rstats::internals::number::{cmp_bigint_f64, cmp_i64_f64};
use rstats::internals::order::{mixes_signed_zeros, order_statistics};
use rstats::parity::reference::embedded::number_to_py;
use rstats::{compute_stats, compute_stats_named, Method, Number, Profile, Sample, StatsError};
use std::cmp::Ordering;

mod mutants_support;
use mutants_support::SplitMix;

/// Calls `run(arg)`, defined by `code`, in the embedded CPython and extracts its result.
fn run_in_python<R>(py: Python<'_>, code: &std::ffi::CStr, arg: Bound<'_, PyAny>) -> R
where
    R: for<'py> FromPyObjectOwned<'py>,
{
    let module = PyModule::from_code(py, code, c"core_ref.py", c"core_ref").expect("module");
    module
        .getattr("run")
        .and_then(|f| f.call1((arg,)))
        .and_then(|r| r.extract().map_err(Into::into))
        .expect("run")
}

/// [`run_in_python`] with a list built by `items`, under the GIL.
fn cpython<R>(code: &std::ffi::CStr, items: impl Fn(Python<'_>) -> Bound<'_, PyList>) -> R
where
    R: for<'py> FromPyObjectOwned<'py>,
{
    Python::attach(|py| run_in_python(py, code, items(py).into_any()))
}

fn floats<'py>(py: Python<'py>, xs: &[f64]) -> Bound<'py, PyList> {
    PyList::new(py, xs).expect("list")
}

/// The numbers as the Python objects they stand for (the harness' own conversion).
fn numbers_list<'py>(py: Python<'py>, xs: &[Number]) -> Bound<'py, PyList> {
    let int_type = py.get_type::<pyo3::types::PyInt>().into_any();
    let items: Vec<_> = xs
        .iter()
        .map(|n| number_to_py(py, n, &int_type).expect("number"))
        .collect();
    PyList::new(py, items).expect("list")
}

/// Floats that sit on the edges of `x ** 2`: overflow, underflow to zero, subnormals, ±0, ±1,
/// infinities and NaN, around the square roots of the largest and smallest floats.
fn edge_floats() -> Vec<f64> {
    let mut v = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        1e-200,
        -1e-200,
        1e200,
        -1e200,
        5e-324,
        f64::MIN_POSITIVE,
        f64::MAX,
        1.3407807929942596e154,
        1.4916681462400413e-154,
        1e-162,
        1.5e-162,
        2.0,
        3.0,
        0.1,
    ];
    let root_max = 1.3407807929942596e154f64;
    for k in 1..20u64 {
        v.push(f64::from_bits(root_max.to_bits() + k));
        v.push(f64::from_bits(root_max.to_bits() - k));
        v.push(f64::from_bits(
            1.4916681462400413e-154f64.to_bits() - k * 1_000_000_000,
        ));
        v.push(f64::from_bits(k * 1_000_000_000_000));
    }
    v
}

#[test]
fn float_square_is_python_float_pow_2() {
    let mut rng = SplitMix(0x5EED_0007_0000_0101);
    let mut xs = edge_floats();
    xs.extend((0..4000).map(|_| rng.any_float()));
    // CPython: the result's bits, or None for OverflowError.
    let expected: Vec<Option<u64>> = cpython(
        c"
import struct
def run(xs):
    out = []
    for x in xs:
        try:
            r = x ** 2
        except OverflowError:
            out.append(None)
            continue
        out.append(struct.unpack('<Q', struct.pack('<d', r))[0])
    return out
",
        |py| floats(py, &xs),
    );
    for (x, want) in xs.iter().zip(&expected) {
        let got = float_square(*x);
        match (want, &got) {
            (None, Err(e)) => assert!(matches!(e, StatsError::Overflow(_)), "{x:e}: {e:?}"),
            (Some(w), Ok(g)) if f64::from_bits(*w).is_nan() => assert!(g.is_nan(), "{x:e}"),
            (Some(w), Ok(g)) => assert_eq!(g.to_bits(), *w, "{x:e} ** 2"),
            _ => panic!("{x:e} ** 2: CPython {want:?}, rstats {got:?}"),
        }
    }
}

#[test]
fn float_repr_is_python_repr() {
    let mut rng = SplitMix(0x5EED_0007_0000_0102);
    let mut xs = edge_floats();
    for e in -30..30 {
        let p = 10f64.powi(e);
        xs.extend([p, -p, 1.5 * p, 9.999999999999999 * p, 123456.789 * p]);
    }
    xs.extend([
        9999999999999998.0,
        1e16,
        0.0001,
        0.00001,
        0.00012,
        1234.5,
        -0.001,
    ]);
    xs.extend((0..3000).map(|_| rng.any_float()));
    xs.extend((0..1000).map(|_| (rng.next_u64() % 2_000_000) as f64 / 1000.0 - 1000.0));
    let expected: Vec<String> = cpython(c"def run(xs): return [repr(x) for x in xs]", |py| {
        floats(py, &xs)
    });
    for (x, want) in xs.iter().zip(&expected) {
        assert_eq!(&py_float_repr(*x), want, "repr of {:#x}", x.to_bits());
    }
}

/// Floats whose exact value lies halfway between the two 17-digit decimals nearest to it: Python
/// (David Gay's dtoa) prints the one with the even last digit, Rust's shortest formatting the
/// other. Both read back as the same float. Found by `float_repr_is_python_repr`.
const KNOWN_REPR_TIES: [u64; 1] = [0x4317_20f3_2e23_50d5];

/// A divergence of `py_float_repr` from `repr()` (only in the reports' text: the computed values
/// are unaffected); `src/format.rs` is not this to change.
#[test]
fn float_repr_breaks_decimal_ties_to_even_as_python() {
    // x is exactly 1627538321888309.25; repr(x) == '1627538321888309.2' in CPython 3.11.7.
    let x = f64::from_bits(KNOWN_REPR_TIES[0]);
    assert_eq!(x * 4.0, 6510153287553237.0);
    assert_eq!(py_float_repr(x), "1627538321888309.2");
}

#[test]
fn str_repr_is_python_repr() {
    let alphabet = [
        'a', 'Z', '0', ' ', '\'', '"', '\\', '\n', '\r', '\t', '\0', '\x01', '\x1f', '\x7f', 'é',
        '~', '!',
    ];
    let mut rng = SplitMix(0x5EED_0007_0000_0103);
    let mut strings = vec![String::new(), "'".into(), "\"".into(), "'\"".into()];
    for &c in &alphabet {
        strings.push(c.to_string());
    }
    for _ in 0..3000 {
        let len = rng.next_u64() % 8;
        let s: String = (0..len)
            .map(|_| alphabet[(rng.next_u64() % alphabet.len() as u64) as usize])
            .collect();
        strings.push(s);
    }
    let expected: Vec<String> = cpython(c"def run(xs): return [repr(x) for x in xs]", |py| {
        PyList::new(py, &strings).expect("list")
    });
    for (s, want) in strings.iter().zip(&expected) {
        assert_eq!(&py_str_repr(s), want, "repr of {s:?}");
    }
}

#[test]
fn profiles_of_versions_and_names() {
    // reference/BEHAVIOUR-CHANGES.md: a profile is a release 3.8.0 or later; before 3.8 (and any
    // other major) is unsupported.
    for minor in 0..8 {
        assert_eq!(Profile::from_release(3, minor, 18), None, "3.{minor}");
    }
    for major in [0, 1, 2, 4] {
        for minor in [0, 7, 8, 11, 13, 20] {
            assert_eq!(
                Profile::from_release(major, minor, 0),
                None,
                "{major}.{minor}"
            );
        }
    }
    assert_eq!(Profile::from_release(3, 8, 0), Some(Profile::Py38));
    assert_eq!(Profile::from_release(3, 13, 0), Some(Profile::Py313));
    assert_eq!(
        Profile::from_release(3, 13, 15).map(|p| p.release()),
        Some((3, 13, 15))
    );
    // The old family names read as the first release of their branch.
    for (name, profile) in [
        ("py38", Profile::Py38),
        ("py39", Profile::new(3, 9, 0)),
        ("py310", Profile::Py310),
        ("py311", Profile::Py311),
        ("py312", Profile::new(3, 12, 0)),
        ("py313", Profile::Py313),
    ] {
        assert_eq!(name.parse::<Profile>().ok(), Some(profile), "{name}");
    }
    // FromStr's contract: releases 3.8.0 to 3.40.999, `3.X` as `3.X.0`; larger numbers are
    // taken for typos (`3.111`) and refused, like anything before 3.8.
    for (text, want) in [
        ("3.8", Some(Profile::Py38)),
        ("3.12", Some(Profile::new(3, 12, 0))),
        ("3.13.15", Some(Profile::new(3, 13, 15))),
        (" 3.14.8 ", Some(Profile::new(3, 14, 8))),
        ("3.40", Some(Profile::new(3, 40, 0))),
        ("3.40.999", Some(Profile::new(3, 40, 999))),
        ("3.41", None),
        ("3.111", None),
        ("3.13.1000", None),
        ("3.13.", None),
        ("3.13.x", None),
        ("3.13.15.1", None),
        ("py3111", None),
        ("py314", None),
        ("3.7", None),
        ("3.7.17", None),
        ("py37", None),
        ("4.0", None),
        ("", None),
    ] {
        assert_eq!(text.parse::<Profile>().ok(), want, "{text:?}");
    }
}

/// A profile prints as its release and reads back from that text, for the first and a later
/// patch release of every branch from 3.8 to 3.40.
#[test]
fn profiles_print_the_release_they_parse_from() {
    for minor in 8..=40 {
        for micro in [0, 1, 9, 10, 15, 999] {
            let profile = Profile::new(3, minor, micro);
            let text = profile.to_string();
            assert_eq!(text, format!("3.{minor}.{micro}"));
            assert_eq!(profile.name(), text);
            assert_eq!(text.parse::<Profile>().ok(), Some(profile), "{text}");
        }
    }
}

/// The results follow the behaviour table: releases of one set agree, the five sets differ, and
/// the gh-140938 backport splits 3.13 and 3.14 at their patch releases.
#[test]
fn profiles_follow_the_behaviour_table() {
    use rstats::Behaviour;
    let same = [
        ("3.8.0", "3.9.18"),
        ("3.11.0", "3.12.1"),
        ("3.13.0", "3.13.9"),
        ("3.13.0", "3.14.0"),
        ("3.13.10", "3.13.15"),
        ("3.13.15", "3.14.1"),
        ("3.14.8", "3.15.0"),
    ];
    for (a, b) in same {
        let (a, b): (Profile, Profile) = (a.parse().unwrap(), b.parse().unwrap());
        assert!(a.same_results(b), "{a} and {b}");
    }
    for (i, a) in Profile::ALL.iter().enumerate() {
        for b in &Profile::ALL[i + 1..] {
            assert!(!a.same_results(*b), "{a} and {b}");
        }
    }
    let inf_nan = Behaviour::NonFiniteStdevValueError;
    assert!(!Profile::new(3, 13, 9).has(inf_nan));
    assert!(Profile::new(3, 13, 10).has(inf_nan));
    assert!(!Profile::new(3, 14, 0).has(inf_nan));
    assert!(Profile::new(3, 14, 1).has(inf_nan));
    assert!(Profile::new(3, 15, 0).has(inf_nan));
}

/// `Method`'s text: `Display` writes the name `FromStr` reads (the names CPython and numpy use
/// for their methods), for every method.
#[test]
fn methods_print_the_names_they_parse_from() {
    let all = Method::all();
    assert_eq!(all.len(), Method::NAMES.len());
    for (method, name) in all.iter().zip(Method::NAMES) {
        assert_eq!(method.to_string(), *name);
        assert_eq!(method.to_string().parse::<Method>().ok(), Some(*method));
    }
}

/// `quantiles(data, n)` returns `n - 1` cut points; past what can be allocated it refuses with
/// `OutOfMemory` (MemoryError in the binding) naming those `n - 1` results.
#[test]
fn too_many_cut_points_name_the_results_asked_for() {
    let data = [1.0f64, 2.0, 4.0];
    for n in [2i64, 5, 17] {
        let cuts = rstats::quantiles_named(&data, n, "exclusive", Profile::Py311).expect("cuts");
        assert_eq!(cuts.len() as i64, n - 1);
    }
    for n in [(1i64 << 31) + 1, 1 << 40, i64::MAX] {
        for method in ["exclusive", "inclusive", "weibull", "statrs"] {
            let err = rstats::quantiles_named(&data, n, method, Profile::Py311)
                .expect_err("too many cut points");
            assert_eq!(
                err,
                StatsError::OutOfMemory {
                    requested: n as u64 - 1
                },
                "n={n} {method}"
            );
        }
        if n >= 1 << 40 {
            // 3.13's answer for one data point, `[x] * (n - 1)`, refuses the same count.
            let err = rstats::quantiles_named(&[7.0f64], n, "exclusive", Profile::Py313)
                .expect_err("too many copies");
            assert_eq!(
                err,
                StatsError::OutOfMemory {
                    requested: n as u64 - 1
                },
                "n={n}, one point"
            );
        }
    }
}

/// `Method::has_cpython_counterpart` is true exactly for the methods CPython's
/// `statistics.quantiles` accepts (the others raise `ValueError: Unknown method`).
#[test]
fn methods_with_a_cpython_counterpart_are_the_ones_cpython_accepts() {
    const ACCEPTED: &std::ffi::CStr = c"import statistics\ndef run(names):\n    out = []\n    for name in names:\n        try:\n            statistics.quantiles([1, 2, 3], method=name)\n            out.append(True)\n        except ValueError:\n            out.append(False)\n    return out\n";
    let methods = Method::all();
    let names: Vec<&str> = methods.iter().map(|m| m.name()).collect();
    let accepted: Vec<bool> = Python::attach(|py| {
        run_in_python(
            py,
            ACCEPTED,
            PyList::new(py, &names).expect("list").into_any(),
        )
    });
    assert!(accepted.iter().any(|&a| a) && accepted.iter().any(|&a| !a));
    for (method, accepted) in methods.iter().zip(accepted) {
        assert_eq!(method.has_cpython_counterpart(), accepted, "{method}");
    }
}

#[test]
fn signed_zeros_are_told_apart() {
    assert!(0.0f64.is_positive_zero());
    assert!(!(-0.0f64).is_positive_zero());
    assert!(!1.0f64.is_positive_zero());
    assert!(!f64::MIN_POSITIVE.is_positive_zero());
    assert!(Number::Float(0.0).is_positive_zero());
    assert!(!Number::Float(-0.0).is_positive_zero());
    assert!(!Number::Float(2.0).is_positive_zero());
    assert!(!Number::Int(0).is_positive_zero());
    assert!(!Number::Bool(false).is_positive_zero());

    assert!(mixes_signed_zeros(&[1.0, 0.0, 2.0, -0.0]));
    assert!(!mixes_signed_zeros(&[1.0, 2.0, 3.0]));
    assert!(!mixes_signed_zeros(&[0.0, 0.0, 1.0]));
    assert!(!mixes_signed_zeros(&[-0.0, -0.0, 1.0]));
    assert!(!mixes_signed_zeros::<f64>(&[]));
    assert!(!mixes_signed_zeros(&[0i64, 0, 1]));
    assert!(mixes_signed_zeros(&[
        Number::Float(-0.0),
        Number::Float(0.0)
    ]));
    assert!(!mixes_signed_zeros(&[Number::Float(-0.0), Number::Int(0)]));
    assert!(!mixes_signed_zeros(&[Number::Float(1.0), Number::Int(0)]));
}

#[test]
fn big_ints_compare_exactly_with_floats() {
    for shift in [0u32, 1, 52, 53, 63, 64, 70, 200, 1000] {
        let i = BigInt::from(1) << shift;
        let f = 2f64.powi(shift as i32);
        assert_eq!(cmp_bigint_f64(&i, f), Some(Ordering::Equal), "2**{shift}");
        assert_eq!(cmp_bigint_f64(&(&i + 1), f), Some(Ordering::Greater));
        assert_eq!(cmp_bigint_f64(&(&i - 1), f), Some(Ordering::Less));
        assert_eq!(cmp_bigint_f64(&-&i, -f), Some(Ordering::Equal));
    }
    assert_eq!(cmp_bigint_f64(&BigInt::from(3), 3.5), Some(Ordering::Less));
    assert_eq!(
        cmp_bigint_f64(&BigInt::from(4), 3.5),
        Some(Ordering::Greater)
    );
    assert_eq!(
        cmp_bigint_f64(&BigInt::from(-4), -3.5),
        Some(Ordering::Less)
    );
    assert_eq!(
        cmp_bigint_f64(&BigInt::from(-3), -3.5),
        Some(Ordering::Greater)
    );
    assert_eq!(
        cmp_bigint_f64(&BigInt::from(0), f64::INFINITY),
        Some(Ordering::Less)
    );
    assert_eq!(cmp_bigint_f64(&BigInt::from(0), f64::NAN), None);
}

/// `cmp_i64_f64` against CPython's `int` / `float` comparisons, on the edges of the i64 range
/// (±2**63 is exactly a float; i64::MIN equals -2.0**63), of the 53-bit mantissa and of
/// fractions.
#[test]
fn machine_ints_compare_with_floats_as_python() {
    let two63 = 2f64.powi(63);
    let ints = [
        i64::MIN,
        i64::MIN + 1,
        -(1 << 53) - 1,
        -(1 << 53),
        -4,
        -3,
        -1,
        0,
        1,
        3,
        4,
        1 << 53,
        (1 << 53) + 1,
        i64::MAX - 1,
        i64::MAX,
    ];
    let mut floats = vec![
        -two63,
        two63,
        f64::from_bits((-two63).to_bits() + 1), // just below -2**63
        f64::from_bits((-two63).to_bits() - 1), // just above -2**63
        f64::from_bits(two63.to_bits() - 1),
        -3.5,
        -0.5,
        -0.0,
        0.0,
        0.5,
        3.5,
        9007199254740992.0,
        9007199254740994.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ];
    floats.extend(ints.iter().map(|&i| i as f64));
    let pairs: Vec<(i64, f64)> = ints
        .iter()
        .flat_map(|&i| floats.iter().map(move |&f| (i, f)))
        .collect();
    // (i > f) - (i < f), or None when unordered (NaN), as CPython compares them.
    let want: Vec<Option<i8>> = Python::attach(|py| {
        let pairs = pairs.clone().into_pyobject(py).expect("list");
        run_in_python(
            py,
            c"def run(pairs):\n    return [None if f != f else (i > f) - (i < f) for i, f in pairs]\n",
            pairs.into_any(),
        )
    });
    for ((i, f), want) in pairs.iter().zip(want) {
        let want = want.map(|w| w.cmp(&0));
        assert_eq!(
            cmp_i64_f64(*i, *f),
            want,
            "{i} vs {f:e} ({:#x})",
            f.to_bits()
        );
    }
}

/// `type(x).__name__` of each kind of number, from CPython, against `PyType::name`.
#[test]
fn number_types_have_python_names() {
    let numbers = [
        Number::Int(3),
        Number::from_bigint(BigInt::from(1) << 80),
        Number::Bool(true),
        Number::Float(0.5),
    ];
    let want: Vec<String> = Python::attach(|py| {
        let values = (3i64, BigInt::from(1) << 80, true, 0.5f64);
        run_in_python(
            py,
            c"def run(xs):\n    return [type(x).__name__ for x in xs]\n",
            values.into_pyobject(py).expect("tuple").into_any(),
        )
    });
    for (number, want) in numbers.iter().zip(&want) {
        assert_eq!(number.py_type().name(), want, "{number:?}");
    }
}

/// `order_statistics` of the floats, as `f64` and as [`Number`]s, is `want`, bit for bit.
fn assert_order_statistics(data: &[f64], positions: &[usize], want: &[f64], what: &str) {
    let bits = |xs: &[f64]| xs.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(
        bits(&order_statistics(data, positions).expect("memory")),
        bits(want),
        "f64, {what}"
    );
    let numbers: Vec<Number> = data.iter().map(|&x| Number::Float(x)).collect();
    let want: Vec<Number> = want.iter().map(|&x| Number::Float(x)).collect();
    assert_eq!(
        order_statistics(&numbers, positions).expect("memory"),
        want,
        "Number, {what}"
    );
}

/// `order_statistics` skips positions at or past the end (documented: no panic), on the stack
/// path (at most 16 values), the selection path and the full sort (more than 12 positions), for
/// floats and for numbers; the others are the stably sorted values.
#[test]
fn order_statistics_skip_positions_past_the_end() {
    let mut rng = SplitMix(0x5EED_0007_0000_0106);
    for len in [5usize, 16, 17, 300, 5000] {
        let floats: Vec<f64> = (0..len).map(|_| (rng.next_u64() % 97) as f64).collect();
        let mut sorted = floats.clone();
        sorted.sort_by(f64::total_cmp);
        let few = vec![len - 1, len, 0, len + 7];
        let many: Vec<usize> = (0..len + 3).rev().step_by((len / 20).max(1)).collect();
        for positions in [few, many] {
            let want: Vec<f64> = positions
                .iter()
                .filter(|&&p| p < len)
                .map(|&p| sorted[p])
                .collect();
            assert_order_statistics(&floats, &positions, &want, &format!("{len} {positions:?}"));
        }
    }
}

/// Among equal values `sorted()` keeps the input order, so where `0.0` and `-0.0` are mixed the
/// order statistics are the zeros that came first, with their signs: against CPython's
/// `sorted()`, for every length on either side of the small-data path and of counting, on the
/// selection path (at most 12 positions) and the sort path (more).
#[test]
fn order_statistics_keep_the_input_order_of_signed_zeros() {
    const SORTED_AT: &std::ffi::CStr =
        c"def run(a):\n    data, pos = a\n    s = sorted(data)\n    return [s[p] for p in pos]\n";
    let mut rng = SplitMix(0x5EED_0007_0000_0107);
    let values = [0.0, -0.0, 0.0, -0.0, 1.0, -1.0, 2.5];
    for len in [17usize, 18, 40, 301, 4095, 4096, 6000] {
        for round in 0..4 {
            let data: Vec<f64> = (0..len)
                .map(|_| values[(rng.next_u64() % values.len() as u64) as usize])
                .collect();
            let positions: Vec<usize> = if round % 2 == 0 {
                (1..=11).map(|k| k * (len - 1) / 12).collect()
            } else {
                (0..len).step_by((len / 30).max(1)).collect()
            };
            let want: Vec<f64> = Python::attach(|py| {
                let arg = (floats(py, &data), positions.clone());
                run_in_python(
                    py,
                    SORTED_AT,
                    arg.into_pyobject(py).expect("tuple").into_any(),
                )
            });
            let what = format!("{len} values, positions {positions:?}");
            assert_order_statistics(&data, &positions, &want, &what);
        }
    }
}

/// `Number`'s `Display` is Python's `repr()` of the value (used in reports and error messages):
/// against CPython, for ints, big ints, bools and floats.
#[test]
fn numbers_display_as_python_repr() {
    const REPRS: &std::ffi::CStr = c"def run(xs):\n    return [repr(x) for x in xs]\n";
    let numbers = vec![
        Number::Int(0),
        Number::Int(-42),
        Number::Int(i64::MAX),
        Number::Int(i64::MIN),
        Number::from_bigint(BigInt::from(-7) << 100u32),
        Number::Bool(true),
        Number::Bool(false),
        Number::Float(0.1),
        Number::Float(-0.0),
        Number::Float(1e16),
        Number::Float(1.5e-7),
        Number::Float(f64::INFINITY),
        Number::Float(f64::NEG_INFINITY),
        Number::Float(f64::NAN),
    ];
    let want: Vec<String> = cpython(REPRS, |py| numbers_list(py, &numbers));
    let got: Vec<String> = numbers.iter().map(|n| n.to_string()).collect();
    assert_eq!(got, want);
}

/// Means whose exact value lies below the smallest normal float (an exact sum `2^e` over `n`
/// values, `n > 2^(e + 1022)`) round once, from the exact ratio, as CPython's `statistics.mean`
/// does; dividing in floats and then scaling would round twice (`2^-1021 / 3` is one unit off).
/// Against CPython, for `e` from -1021 to -1008 and 24 lengths from just past that bound.
#[test]
fn means_in_the_subnormal_range_round_once_as_cpython() {
    const MEANS: &std::ffi::CStr =
        c"import statistics\ndef run(sets):\n    return [statistics.mean(d) for d in sets]\n";
    let mut sets = Vec::new();
    for e in -1021..=-1008i32 {
        // The sum is 2^e: its last bit is the last bit of 2^(e + 52), whose negation cancels it.
        let (big, unit) = (2f64.powi(e + 52), 2f64.powi(e));
        let first = (1usize << (e + 1022)) + 1;
        for n in first..first + 24 {
            let mut data = vec![0.0; n];
            data[0] = big + unit;
            data[n - 1] = -big;
            sets.push(data);
        }
    }
    let want: Vec<f64> = cpython(MEANS, |py| {
        let lists: Vec<_> = sets.iter().map(|data| floats(py, data)).collect();
        PyList::new(py, lists).expect("list")
    });
    for (data, want) in sets.iter().zip(want) {
        let got = rstats::mean(data).expect("mean");
        let sum = data[0] + data[data.len() - 1];
        assert_eq!(
            got,
            Number::Float(want),
            "{} values, sum {sum:e}",
            data.len()
        );
    }
}

/// Means of huge ints that are not whole and too large for a float raise OverflowError in
/// CPython (`float(Fraction)`); whole ones stay exact ints. Against CPython, for sums `k · 2^e`
/// with a small `k` and `e` from 1,000 to 5,000 (past every exponent a float's bits can hold).
#[test]
fn means_of_huge_ints_overflow_or_stay_exact_as_cpython() {
    const MEANS: &std::ffi::CStr = c"import statistics\ndef run(sets):\n    out = []\n    for d in sets:\n        try:\n            out.append(repr(statistics.mean(d)))\n        except OverflowError:\n            out.append('OverflowError')\n    return out\n";
    let mut sets: Vec<Vec<Number>> = Vec::new();
    for e in (1000u32..=5000).step_by(97) {
        let p = BigInt::from(1u8) << e;
        for extra in [0u8, 1, 2, 3] {
            // Sum (3 + extra) · 2^e over three values: whole for extra = 0 or 3.
            sets.push(vec![
                Number::from_bigint(p.clone()),
                Number::from_bigint(p.clone()),
                Number::from_bigint(&p * (1u8 + extra)),
            ]);
        }
    }
    let want: Vec<String> = cpython(MEANS, |py| {
        let lists: Vec<_> = sets.iter().map(|data| numbers_list(py, data)).collect();
        PyList::new(py, lists).expect("list")
    });
    for (data, want) in sets.iter().zip(want) {
        let got = match rstats::mean(data) {
            Ok(n) => n.to_string(),
            Err(e) if e.exception() == rstats::PyExceptionKind::OverflowError => {
                "OverflowError".to_string()
            }
            Err(e) => format!("{e:?}"),
        };
        assert_eq!(got, want, "{data:?}");
    }
}

/// `Number`'s equality, as documented: the same Python type and the same value, floats by their
/// IEEE bits (so `0.0 != -0.0`), except that every NaN equals every NaN; `1 != 1.0 != True`.
#[test]
fn number_equality_is_type_and_bits_with_nan_equal_to_nan() {
    let nan = Number::Float(f64::NAN);
    let other_nan = Number::Float(f64::from_bits(f64::NAN.to_bits() ^ (1 << 63) | 1));
    assert_eq!(nan, other_nan);
    for x in [0.0, -0.0, 1.0, f64::INFINITY, f64::NEG_INFINITY, 5e-324] {
        assert_ne!(nan, Number::Float(x), "NaN vs {x:?}");
        assert_ne!(Number::Float(x), nan, "{x:?} vs NaN");
        assert_eq!(Number::Float(x), Number::Float(x));
    }
    assert_ne!(Number::Float(0.0), Number::Float(-0.0));
    assert_ne!(Number::Int(1), Number::Float(1.0));
    assert_ne!(Number::Int(1), Number::Bool(true));
    assert_ne!(Number::Float(1.0), Number::Bool(true));
    assert_ne!(Number::Int(2), Number::Int(3));
    assert_eq!(
        Number::from_bigint(BigInt::from(1u8) << 80u32),
        Number::from_bigint(BigInt::from(1u8) << 80u32)
    );
}

/// `Sample`'s predicates for each way data arrives (`f64`, `i64`, `Number`), against CPython:
/// `isinstance(x, float)`, `x != x`, and a zero float's sign (`math.copysign(1, x)`).
#[test]
fn sample_predicates_match_python_for_every_representation() {
    fn facts<T: Sample>(x: &T) -> (bool, bool, bool, bool) {
        (
            x.is_float(),
            x.is_nan(),
            x.is_negative_zero(),
            x.is_positive_zero(),
        )
    }
    let floats = [0.0, -0.0, 1.5, -2.0, f64::NAN, f64::INFINITY, 5e-324];
    let ints = [0i64, 1, -1, 7, i64::MIN, i64::MAX];
    let big = BigInt::from(1u8) << 80u32;
    let want = |py: Python<'_>, values: Bound<'_, PyAny>| -> Vec<(bool, bool, bool, bool)> {
        run_in_python(
            py,
            c"import math\ndef run(xs):\n    return [(isinstance(x, float), x != x,\n             isinstance(x, float) and x == 0 and math.copysign(1, x) < 0,\n             isinstance(x, float) and x == 0 and math.copysign(1, x) > 0) for x in xs]\n",
            values,
        )
    };
    Python::attach(|py| {
        let float_facts = want(py, PyList::new(py, floats).expect("list").into_any());
        let int_facts = want(py, PyList::new(py, ints).expect("list").into_any());
        let pair = (true, big.clone()).into_pyobject(py).expect("tuple");
        let other_facts = want(py, pair.into_any());
        for (x, want) in floats.iter().zip(&float_facts) {
            assert_eq!(facts(x), *want, "f64 {x:?}");
            assert_eq!(facts(&Number::Float(*x)), *want, "Number::Float {x:?}");
            assert_eq!(x.to_number().py_type().name(), "float");
        }
        for (i, want) in ints.iter().zip(&int_facts) {
            assert_eq!(facts(i), *want, "i64 {i}");
            assert_eq!(facts(&Number::Int(*i)), *want, "Number::Int {i}");
            assert_eq!(i.to_number(), Number::Int(*i));
        }
        assert_eq!(facts(&Number::Bool(true)), other_facts[0], "True");
        assert_eq!(
            facts(&Number::from_bigint(big.clone())),
            other_facts[1],
            "2**80"
        );
    });
}

/// `Sample::order_key` is the value rounded to the nearest float, as CPython's `float(x)`
/// (±inf where `float()` raises OverflowError), for each way data arrives; a float's key is the
/// float itself (NaN aside, whose key is a NaN).
#[test]
fn order_keys_are_python_float_of_the_value() {
    let floats = [
        0.0,
        -0.0,
        1.5,
        -2.0,
        5e-324,
        -1e300,
        f64::INFINITY,
        f64::MIN_POSITIVE,
    ];
    let ints = [
        0i64,
        1,
        -1,
        7,
        -123_456_789,
        (1 << 53) + 1,
        i64::MIN,
        i64::MAX,
    ];
    let numbers: Vec<Number> = [
        Number::Bool(true),
        Number::Bool(false),
        Number::from_bigint(BigInt::from(1u8) << 80u32),
        Number::from_bigint(-(BigInt::from(3u8) << 100u32) - 1),
        Number::from_bigint(BigInt::from(1u8) << 1024u32),
        Number::from_bigint(-(BigInt::from(1u8) << 2000u32)),
    ]
    .into_iter()
    .chain(ints.iter().map(|&i| Number::Int(i)))
    .chain(floats.iter().map(|&x| Number::Float(x)))
    .collect();
    const FLOAT_OF: &std::ffi::CStr = c"def run(xs):\n    out = []\n    for x in xs:\n        try:\n            out.append(float(x))\n        except OverflowError:\n            out.append(float('inf') if x > 0 else float('-inf'))\n    return out\n";
    let want: Vec<f64> = cpython(FLOAT_OF, |py| numbers_list(py, &numbers));
    for (x, want) in numbers.iter().zip(&want) {
        assert_eq!(x.order_key().to_bits(), want.to_bits(), "Number {x:?}");
    }
    // The numbers list the ints right after the six bools and big ints.
    for (i, want) in ints.iter().zip(&want[6..]) {
        assert_eq!(i.order_key().to_bits(), want.to_bits(), "i64 {i}");
    }
    for x in floats {
        assert_eq!(x.order_key().to_bits(), x.to_bits(), "f64 {x:?}");
    }
    assert!(f64::NAN.order_key().is_nan() && Number::Float(f64::NAN).order_key().is_nan());
}

/// `Sample::radix_key` orders as the values do (CPython's `<`, with `-0.0` just below `0.0`),
/// distinct values having distinct keys, for the two types that have one; `Number` has none.
#[test]
fn radix_keys_order_as_the_values() {
    /// `less[i][j]` is CPython's `values[i] < values[j]`.
    fn check<T: Sample + std::fmt::Debug>(values: &[T], less: &[Vec<bool>]) {
        for (a, less) in values.iter().zip(less) {
            for (b, &less) in values.iter().zip(less) {
                let (ka, kb) = (a.radix_key().expect("a key"), b.radix_key().expect("a key"));
                assert_eq!(ka < kb, less, "{a:?} {b:?}: keys {ka:#x} {kb:#x}");
            }
        }
    }
    let xs = [
        f64::NEG_INFINITY,
        -f64::MAX,
        -1e10,
        -1.5,
        -5e-324,
        -0.0,
        0.0,
        5e-324,
        f64::MIN_POSITIVE,
        1.0,
        1.5,
        1e300,
        f64::MAX,
        f64::INFINITY,
    ];
    // CPython's `<` on the floats, with the zeros told apart by their sign (as `sorted()` keeps
    // them by position; the key puts -0.0 first).
    let less: Vec<Vec<bool>> = cpython(
        c"import math\ndef run(xs):\n    k = lambda x: (x, math.copysign(1, x))\n    return [[k(a) < k(b) for b in xs] for a in xs]\n",
        |py| floats(py, &xs),
    );
    check(&xs, &less);
    let ints = [
        i64::MIN,
        i64::MIN + 1,
        -(1 << 40),
        -1,
        0,
        1,
        2,
        1 << 40,
        i64::MAX - 1,
        i64::MAX,
    ];
    let int_less: Vec<Vec<bool>> = cpython(
        c"def run(xs):\n    return [[a < b for b in xs] for a in xs]\n",
        |py| PyList::new(py, ints).expect("list"),
    );
    check(&ints, &int_less);
    assert_eq!(Number::Int(3).radix_key(), None);
}

#[test]
fn compute_stats_declines_nan_among_two_or_more_values_for_every_method() {
    // README: the core returns Unsupported for a NaN among two or more values in compute_stats,
    // whatever the method (the binding then asks CPython).
    let datasets: [&[f64]; 3] = [
        &[f64::NAN, 1.0],
        &[1.0, 2.0, f64::NAN],
        &[3.0, f64::NAN, 1.0],
    ];
    for data in datasets {
        // Not `statrs`: the talk's port computes all four fields with the statrs crate, NaN and all.
        for name in Method::NAMES.iter().copied().filter(|&n| n != "statrs") {
            let method: Method = name.parse().expect("a valid name");
            for profile in Profile::ALL {
                let got = compute_stats(data, method, profile);
                assert!(
                    matches!(got, Err(StatsError::Unsupported { .. })),
                    "{name} {profile} {data:?}: {got:?}"
                );
            }
        }
        // With an unknown method name too: the NaN is declined before the name is looked at.
        let got = compute_stats_named(data, "no-such-method", Profile::Py311);
        assert!(
            matches!(got, Err(StatsError::Unsupported { .. })),
            "{got:?}"
        );
    }
}

#[test]
fn compute_stats_declines_nan_beside_an_int_too_large_for_a_float() {
    // CPython's `data[-1] - data[0]` would depend on where sorted() leaves the NaN (here an
    // OverflowError either way round, but not in general): the core declines before the range.
    let huge = Number::from_bigint(BigInt::from(10).pow(400));
    for data in [
        vec![huge.clone(), Number::Float(f64::NAN)],
        vec![Number::Float(f64::NAN), huge.clone()],
        vec![Number::Int(1), huge.clone(), Number::Float(f64::NAN)],
    ] {
        for method in [Method::Exclusive, Method::Inclusive] {
            let got = compute_stats(&data, method, Profile::Py311);
            assert!(
                matches!(got, Err(StatsError::Unsupported { .. })),
                "{data:?}: {got:?}"
            );
        }
    }
}

#[test]
fn compute_stats_of_one_nan_is_too_few_points_for_the_quartiles() {
    // One value has no order to decline: CPython 3.8-3.12's quantiles([nan], n=4) raise
    // StatisticsError('must have at least two data points'), as for any single value.
    for profile in [Profile::Py38, Profile::Py310, Profile::Py311] {
        let got = compute_stats(&[f64::NAN], Method::Exclusive, profile);
        assert!(
            matches!(got, Err(StatsError::TooFewPoints { .. })),
            "{profile}: {got:?}"
        );
    }
}

#[test]
fn statrs_cut_points_are_ordered_and_within_the_data_for_every_n() {
    // Cut points are quantiles at 1/n, ..., (n-1)/n: finite, non-decreasing, between the
    // smallest and the largest value; for n = 2, the one cut point is the middle of the data.
    let mut rng = SplitMix(0x5EED_0007_0000_0104);
    for round in 0..300 {
        let len = 2 + (round % 30) as usize;
        let data: Vec<f64> = (0..len)
            .map(|_| (rng.next_u64() % 2001) as f64 - 1000.0)
            .collect();
        let (lo, hi) = data
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                (a.min(x), b.max(x))
            });
        for n in [2i64, 3, 5, 10, 100] {
            let cuts = rstats::quantiles_named(&data, n, "statrs", Profile::Py311)
                .expect("statrs quantiles");
            assert_eq!(cuts.len() as i64, n - 1);
            let cuts: Vec<f64> = cuts
                .iter()
                .map(|c| match c {
                    Number::Float(f) => *f,
                    other => panic!("{other:?}"),
                })
                .collect();
            for pair in cuts.windows(2) {
                assert!(pair[0] <= pair[1], "n={n} {data:?}: {cuts:?}");
            }
            for c in &cuts {
                assert!(lo <= *c && *c <= hi, "n={n} {data:?}: {cuts:?}");
            }
            if n == 2 {
                let mut sorted = data.clone();
                sorted.sort_by(f64::total_cmp);
                let middle = (sorted[(len - 1) / 2] + sorted[len / 2]) / 2.0;
                assert!((cuts[0] - middle).abs() <= 1e-9 * (1.0 + middle.abs()));
            }
        }
    }
}

#[test]
fn quantile_plans_give_cpython_quantiles() {
    use rstats::internals::quantile::python::{plan, PythonMethod};
    // Each cut point (sorted[lo] * w_lo + sorted[hi] * w_hi) / n, for small ints (exact in f64,
    // so one IEEE division rounds as CPython's int / int), must be CPython's quantiles().
    let mut rng = SplitMix(0x5EED_0007_0000_0105);
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    for round in 0..400u64 {
        let len = 2 + (round % 25) as usize;
        let n = 1 + rng.next_u64() % 12;
        let inclusive = round % 2 == 1;
        let mut data: Vec<i64> = (0..len)
            .map(|_| (rng.next_u64() % 2001) as i64 - 1000)
            .collect();
        data.sort_unstable();
        let method = if inclusive {
            PythonMethod::Inclusive
        } else {
            PythonMethod::Exclusive
        };
        let cuts: Vec<f64> = plan(len, n, method)
            .iter()
            .map(|c| {
                let num = i128::from(data[c.lo]) * c.w_lo + i128::from(data[c.hi]) * c.w_hi;
                num as f64 / n as f64
            })
            .collect();
        ours.push(cuts);
        cases.push((data, n, if inclusive { "inclusive" } else { "exclusive" }));
    }
    let expected: Vec<Vec<f64>> = cpython(
        c"
import statistics
def run(cases):
    return [[float(q) for q in statistics.quantiles(d, n=n, method=m)] for d, n, m in cases]
",
        |py| PyList::new(py, &cases).expect("list"),
    );
    for ((case, want), got) in cases.iter().zip(&expected).zip(&ours) {
        assert_eq!(got, want, "{case:?}");
    }
}
