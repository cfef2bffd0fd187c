//! The talk's example, `[1, 3, 5, 7, 9, 10, 13, 84, 528]`, bit for bit.
//!
//! The expected numbers are CPython's: the embedded interpreter runs `reference/stats.py` in this
//! test, and the constants below are what the talk's CPython printed (the test checks that the
//! embedded CPython still prints them, so the constants cannot drift from CPython). The `statrs`
//! method is checked against the statrs crate itself.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rstats::internals::quantile::statrs_port;
use rstats::{compute_stats, Method, Number, Profile};
use statrs::statistics::{Data, Distribution, OrderStatistics};

const TALK: [i64; 9] = [1, 3, 5, 7, 9, 10, 13, 84, 528];

/// `stats_py(TALK)` evaluated by the embedded CPython: (range, quartiles, mean, stddev).
fn cpython_stats() -> (f64, Vec<f64>, f64, f64, String) {
    Python::attach(|py| {
        let code = std::ffi::CString::new(include_str!("../reference/stats.py")).expect("no NUL");
        let module = PyModule::from_code(py, &code, c"stats.py", c"stats_ref").expect("stats.py");
        let data = PyList::new(py, TALK).expect("list");
        let result = module
            .getattr("stats_py")
            .and_then(|f| f.call1((data,)))
            .expect("stats_py runs");
        let dict = result.cast::<PyDict>().expect("a dict");
        let get = |k: &str| dict.get_item(k).expect("key").expect("present");
        let version: String = py
            .import("sys")
            .and_then(|s| s.getattr("version"))
            .and_then(|v| v.extract())
            .expect("sys.version");
        (
            get("range").extract().expect("float"),
            get("quartiles").extract().expect("floats"),
            get("mean").extract().expect("float"),
            get("stddev").extract().expect("float"),
            version,
        )
    })
}

#[test]
fn default_method_matches_cpython_bit_for_bit() {
    let (range, quartiles, mean, stddev, version) = cpython_stats();
    println!("embedded CPython {version}");
    // What the talk's CPython printed; the embedded CPython must agree.
    assert_eq!(range.to_bits(), 527.0f64.to_bits());
    assert_eq!(quartiles, vec![4.0, 9.0, 48.5]);
    assert_eq!(mean.to_bits(), 73.33333333333333f64.to_bits());
    assert_eq!(stddev.to_bits(), 172.43622009311153f64.to_bits());

    let s = compute_stats(&TALK, Method::default(), Profile::default()).expect("computes");
    assert_eq!(s.range.to_bits(), range.to_bits());
    let expected: Vec<Number> = quartiles.iter().map(|&q| Number::Float(q)).collect();
    assert_eq!(s.quartiles, expected);
    assert_eq!(s.mean, Number::Float(mean));
    assert_eq!(s.stddev.to_bits(), stddev.to_bits());
    // Every profile agrees on this input (the talk's numbers are the same on CPython 3.8-3.13).
    for profile in Profile::ALL {
        assert_eq!(
            compute_stats(&TALK, Method::default(), profile).as_ref(),
            Ok(&s),
            "{profile}"
        );
    }
}

#[test]
fn statrs_method_is_the_talks_port() {
    let floats: Vec<f64> = TALK.iter().map(|&x| x as f64).collect();
    // The statrs crate itself.
    let mut data = Data::new(floats.clone());
    let lower = data.lower_quartile();
    let median = data.median();
    let upper = data.upper_quartile();
    let mean = data.mean().expect("non-empty");

    let s = compute_stats(&TALK, Method::Statrs, Profile::default()).expect("computes");
    let q: Vec<f64> = s
        .quartiles
        .iter()
        .map(|n| match n {
            Number::Float(x) => *x,
            other => panic!("float expected, got {other}"),
        })
        .collect();
    assert_eq!(q, vec![lower, median, upper]);
    assert_eq!(s.mean, Number::Float(mean));
    // What the talk's `curl` printed from the statrs port (its slide's 36.666666666666664 is a
    // transcription slip: statrs computes ...64).
    assert_eq!(q, vec![4.333333333333334, 9.0, 36.66666666666664]);
    assert_eq!(s.mean, Number::Float(73.33333333333334));
    assert_eq!(statrs_port::statrs_stats(&floats).range, 527.0);
    // And it is not CPython: the harness must see the difference.
    let (_, cpython_quartiles, cpython_mean, _, _) = cpython_stats();
    assert_ne!(q, cpython_quartiles);
    assert_ne!(s.mean, Number::Float(cpython_mean));
}
