//! `format::py_str_repr` (the `'...'` in `Unknown method: '...'`) against the embedded CPython's
//! own `repr()`, code point by code point: the printable test follows CPython 3.11's Unicode
//! database, so every character must come out as the reference interpreter writes it.

use pyo3::prelude::*;
use pyo3::types::PyList;
use rstats::internals::format::py_str_repr;

#[test]
fn repr_of_every_code_point_matches_cpython() {
    // Every code point up to U+3000 (controls, Latin-1, separators, format characters), then
    // every 7th one to U+10FFFF (private use, unassigned planes); surrogates are not `char`s.
    let chars: Vec<char> = (0u32..0x3000)
        .chain((0x3000..=0x10FFFF).step_by(7))
        .filter_map(char::from_u32)
        .collect();
    // Each alone, and inside text with both quote kinds around (how repr picks its quotes).
    let mut strings: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
    strings.extend(chars.iter().step_by(97).map(|c| format!("a'{c}\"b")));
    strings.extend(chars.iter().step_by(89).map(|c| format!("it's {c}")));
    let ours: Vec<String> = strings.iter().map(|s| py_str_repr(s)).collect();
    let cpython: Vec<String> = Python::attach(|py| {
        let list = PyList::new(py, &strings)?;
        list.iter()
            .map(|s| s.repr()?.extract::<String>())
            .collect::<PyResult<Vec<String>>>()
    })
    .expect("embedded CPython");
    let version = Python::attach(|_| Python::version_str().to_string());
    let mismatches: Vec<_> = strings
        .iter()
        .zip(ours.iter().zip(&cpython))
        .filter(|(_, (a, b))| a != b)
        .take(10)
        .collect();
    assert!(
        mismatches.is_empty(),
        "py_str_repr differs from CPython {version}'s repr on {} strings, e.g. {mismatches:?}",
        strings.len()
    );
}

/// `format::py_float_repr` on floats whose exact value can lie halfway between two shortest
/// decimal candidates (few fraction bits at 16-17 significant digits, and powers of two), where
/// Python's `repr` keeps the even last digit.
#[test]
fn float_repr_of_decimal_ties_matches_cpython() {
    use rstats::internals::format::py_float_repr;
    let mut xs: Vec<f64> = Vec::new();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..20_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        // k / 2^j near 10^15..10^17: the 17th significant digit is a 5 or a 0 exactly.
        let k = (1u64 << 52) + (state >> 12);
        let j = (state % 5) as i32;
        xs.push(k as f64 / f64::powi(2.0, j));
        xs.push(-(k as f64) * f64::powi(2.0, (state % 40) as i32));
    }
    xs.extend((-1074..1024).map(|e| f64::powi(2.0, e)));
    let cpython: Vec<String> = Python::attach(|py| {
        let list = PyList::new(py, &xs)?;
        list.iter()
            .map(|x| x.repr()?.extract::<String>())
            .collect::<PyResult<Vec<String>>>()
    })
    .expect("embedded CPython");
    let mismatches: Vec<_> = xs
        .iter()
        .zip(&cpython)
        .filter(|(x, want)| py_float_repr(**x) != **want)
        .map(|(x, want)| (py_float_repr(*x), want.clone()))
        .take(5)
        .collect();
    assert!(
        mismatches.is_empty(),
        "py_float_repr vs repr: {mismatches:?}"
    );
}
